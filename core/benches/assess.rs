//! Assessment engine benchmark: the full built-in catalog with ten yearly
//! points (2015–2024) for every indicator, assessed natively, plus the roll-up;
//! and the same with counts (events and exposure) on every indicator the
//! catalog names counts for, which then goes through the Poisson / binomial
//! models with exact intervals.
//!
//! Run: `cargo bench -p gapcast-core --bench assess`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use gapcast_core::assess::{assess_catalog, roll_up, Settings};
use gapcast_core::catalog::{builtin, Catalog, Unit};
use gapcast_core::series::{Point, Series};

/// Ten points per indicator, inside its bounds, with a trend and some noise
/// that depends only on the indicator and year (so runs are identical).
fn series(catalog: &Catalog) -> Vec<Series> {
    catalog
        .indicators
        .iter()
        .enumerate()
        .map(|(i, indicator)| {
            let points = (0..10)
                .map(|k| {
                    let wiggle = (((i * 31 + k * 17) % 11) as f64 - 5.0) / 10.0;
                    let value = match indicator.unit {
                        Unit::Percent => 60.0 + 2.5 * k as f64 + 3.0 * wiggle,
                        Unit::Per100k | Unit::Per100kLiveBirths => {
                            20.0 * (0.95_f64).powi(k as i32) * (1.0 + 0.05 * wiggle)
                        }
                        _ => 10.0 + 0.8 * k as f64 + wiggle,
                    };
                    Point::new(2015 + k as i32, value)
                })
                .collect();
            Series::new(indicator.id.clone(), points)
        })
        .collect()
}

/// The same series, with counts on every indicator that names them: 0–5
/// events a year for rates (small numbers, pooled), about 5% shares of
/// 17,000 for shares.
fn with_counts(catalog: &Catalog, series: &[Series]) -> Vec<Series> {
    series
        .iter()
        .map(|s| {
            let Some(indicator) = catalog.get(&s.id).filter(|i| i.counts.is_some()) else { return s.clone() };
            let per = indicator.unit.per().unwrap_or(1.0);
            let points = s
                .points
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    let exposure = 17_000.0 - 150.0 * k as f64;
                    let events = match indicator.unit {
                        Unit::Percent => (0.05 * exposure + (k % 3) as f64 * 7.0).round(),
                        _ => ((k * 7 + s.id.len()) % 6) as f64,
                    };
                    Point {
                        events: Some(events),
                        exposure: Some(exposure),
                        ..Point::new(p.year, events / exposure * per)
                    }
                })
                .collect();
            Series::new(s.id.clone(), points)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let catalog = builtin();
    let figures = series(&catalog);
    let settings = Settings::new(2025);
    c.bench_function(&format!("assess catalog ({} indicators x 10 points)", catalog.indicators.len()), |b| {
        b.iter(|| assess_catalog(black_box(&catalog), black_box(&figures), &settings))
    });
    let counted = with_counts(&catalog, &figures);
    let n_counts = catalog.indicators.iter().filter(|i| i.counts.is_some()).count();
    c.bench_function(&format!("assess catalog with counts ({n_counts} from counts)"), |b| {
        b.iter(|| assess_catalog(black_box(&catalog), black_box(&counted), &settings))
    });
    let assessments = assess_catalog(&catalog, &figures, &settings);
    c.bench_function("roll up catalog", |b| b.iter(|| roll_up(black_box(&assessments))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
