//! Figures parser benchmark: parse and match a 10,000-row long table (one value
//! a row, names cycling through the built-in catalog), and the demo file.
//!
//! Run: `cargo bench -p gapcast-core --bench figures`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use gapcast_core::catalog::builtin;
use gapcast_core::figures::{parse, ParseOptions};

/// A long table: 指标, 年份, 数值, rows cycling through every indicator and the
/// years 2000–2026. The catalog has under 200 indicators, so 10,000 rows repeat
/// some indicator-years; the value depends only on the indicator and year, so
/// repeats are duplicates (noted), not conflicts.
fn long_table(rows: usize) -> String {
    let catalog = builtin();
    let mut text = String::from("指标\t年份\t数值\n");
    let n = catalog.indicators.len().max(1);
    for k in 0..rows {
        let i = k % n;
        let indicator = &catalog.indicators[i];
        let year = 2000 + (k / n) % 27;
        let value = 1.0 + ((i * 7 + year) % 90) as f64 / 3.0;
        text.push_str(&format!("{}\t{year}\t{value:.2}\n", indicator.name_zh));
    }
    text
}

fn bench(c: &mut Criterion) {
    let catalog = builtin();
    let options = ParseOptions::new(2026);
    let table = long_table(10_000);
    c.bench_function("parse long table 10k rows", |b| b.iter(|| parse(black_box(&table), &catalog, &options)));
    let demo = include_str!("../../static/demo/national-figures.tsv");
    c.bench_function("parse demo national figures", |b| b.iter(|| parse(black_box(demo), &catalog, &options)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
