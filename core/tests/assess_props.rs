//! Properties of the engine over random series: logit projections stay inside
//! the bounds, a higher level never narrows an interval, a point on the fitted
//! line changes nothing, the order of the points does not matter, and nothing
//! is ever NaN.

mod assess_support;

use assess_support::*;
use gapcast_core::assess::{assess, Settings};
use gapcast_core::catalog::{Comparator, Goal, Indicator, Scale, Unit};
use proptest::prelude::*;

/// Distinct years (2005..2030) with values from `value`, 2 to 10 points.
fn series(value: impl Strategy<Value = f64> + Clone) -> impl Strategy<Value = Vec<(i32, f64)>> {
    proptest::collection::btree_map(2005..2030_i32, value, 2..10).prop_map(|m| m.into_iter().collect())
}

fn percent_indicator(target: f64) -> Indicator {
    indicator("W-P-01", Unit::Percent, compare(Comparator::Ge, target))
}

/// A percentage (logit), a rate (log) or an unbounded linear quantity.
fn indicator_for(scale: Scale) -> Indicator {
    match scale {
        Scale::Logit => percent_indicator(80.0),
        Scale::Log => indicator("W-P-02", Unit::Per100kLiveBirths, compare(Comparator::Le, 7.5)),
        Scale::Linear => {
            let mut ind = indicator("W-P-03", Unit::Count, compare(Comparator::Ge, 50.0));
            ind.bounds = open_bounds();
            ind
        }
    }
}

fn value_for(scale: Scale) -> BoxedStrategy<f64> {
    match scale {
        Scale::Logit => (0.0..=100.0_f64).boxed(),
        Scale::Log => (0.01..1000.0_f64).boxed(),
        Scale::Linear => (-100.0..100.0_f64).boxed(),
    }
}

fn scale_and_series() -> impl Strategy<Value = (Scale, Vec<(i32, f64)>)> {
    prop_oneof![Just(Scale::Logit), Just(Scale::Log), Just(Scale::Linear)]
        .prop_flat_map(|scale| (Just(scale), series(value_for(scale))))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn logit_projections_and_intervals_stay_within_bounds(
        points in series(prop_oneof![Just(0.0), Just(100.0), 0.0..=100.0_f64]),
        level in 0.5..0.999_f64,
        target in 1.0..99.0_f64,
    ) {
        let mut settings = Settings::new(2025);
        settings.level = level;
        let a = assess(&percent_indicator(target), &pts(&points), &settings);
        prop_assert_eq!(a.scale, Scale::Logit);
        for p in &a.projection {
            for v in [p.value, p.lower, p.upper].into_iter().flatten() {
                prop_assert!((0.0..=100.0).contains(&v), "{:?}", p);
            }
            if let (Some(lo), Some(v), Some(hi)) = (p.lower, p.value, p.upper) {
                prop_assert!(lo <= v && v <= hi, "{:?}", p);
            }
        }
    }

    #[test]
    fn a_higher_level_never_narrows_an_interval(
        (scale, points) in scale_and_series(),
        low in 0.5..0.99_f64,
        extra in 0.0..0.0099_f64,
    ) {
        let ind = indicator_for(scale);
        let (mut narrow, mut wide) = (Settings::new(2025), Settings::new(2025));
        narrow.level = low;
        wide.level = low + extra;
        let a = assess(&ind, &pts(&points), &narrow);
        let b = assess(&ind, &pts(&points), &wide);
        for (p, q) in a.projection.iter().zip(&b.projection) {
            if let (Some(l1), Some(u1), Some(l2), Some(u2)) = (p.lower, p.upper, q.lower, q.upper) {
                prop_assert!(l2 <= l1 && u2 >= u1, "{:?} vs {:?}", p, q);
            }
        }
    }

    #[test]
    fn a_point_on_the_fitted_line_leaves_the_fit_unchanged(
        (scale, points) in scale_and_series(),
        new_year in 1990..2040_i32,
    ) {
        prop_assume!(points.iter().all(|p| p.0 != new_year));
        let ind = indicator_for(scale);
        let settings = Settings::new(2025);
        let before = assess(&ind, &pts(&points), &settings);
        // On a logit scale a value on a bound was clamped: the fit is then of the
        // clamped values, and the added point lies on that line.
        let (Some(b), Some(a0), Some(on_line)) = (before.slope, before.intercept, fitted(&before, new_year)) else {
            return Ok(());
        };
        // The value must be inside the scale's domain, and far enough from a
        // logit bound that g(g⁻¹(z)) = z to full precision.
        prop_assume!(ind.bounds.contains(on_line) && on_line.is_finite());
        prop_assume!(scale != Scale::Logit || (0.01..=99.99).contains(&on_line));
        prop_assume!(scale != Scale::Log || on_line > 1e-300);
        let mut more = points.clone();
        more.push((new_year, on_line));
        let after = assess(&ind, &pts(&more), &settings);
        prop_assert_eq!(after.scale, before.scale);
        let (b1, a1) = (after.slope.unwrap(), after.intercept.unwrap());
        // The intercept is a + b·0 far from the data: compare it at the mean year instead.
        let t = before.explain.t_mean.unwrap();
        prop_assert!((b1 - b).abs() <= 1e-9 * b.abs().max(1.0), "slope {} → {}", b, b1);
        prop_assert!(((a1 + b1 * t) - (a0 + b * t)).abs() <= 1e-9 * (a0 + b * t).abs().max(1.0), "intercept {} → {}", a0, a1);
        prop_assert!((a1 - a0).abs() <= 1e-9 * a0.abs().max(1.0) + 1e-9 * b.abs().max(1.0) * 2030.0);
    }

    #[test]
    fn status_and_numbers_do_not_depend_on_point_order(
        (scale, points) in scale_and_series(),
        seed in any::<u64>(),
    ) {
        let ind = indicator_for(scale);
        let settings = Settings::new(2025);
        let mut shuffled = points.clone();
        // A deterministic shuffle from the seed (Fisher–Yates with an LCG).
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (state >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let a = assess(&ind, &pts(&points), &settings);
        let b = assess(&ind, &pts(&shuffled), &settings);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn nothing_is_ever_nan(
        (scale, points) in scale_and_series(),
        target in -50.0..150.0_f64,
        approx in any::<bool>(),
        level in 0.01..0.999_f64,
    ) {
        let mut ind = indicator_for(scale);
        ind.target.goal = if approx {
            Goal::Approx { value: target, tolerance: None }
        } else {
            Goal::Compare { comparator: Comparator::Ge, value: target, tolerance: None }
        };
        let mut settings = Settings::new(2025);
        settings.level = level;
        let a = assess(&ind, &pts(&points), &settings);
        assert_all_finite(&a, "assessment");
    }
}

/// ŷ(year) from the reported fit: g⁻¹(a + b·year) on the assessment's scale.
fn fitted(a: &gapcast_core::assess::Assessment, year: i32) -> Option<f64> {
    let g = a.explain.g_mean? + a.slope? * (f64::from(year) - a.explain.t_mean?);
    Some(match a.scale {
        Scale::Linear => g,
        Scale::Log => g.exp(),
        Scale::Logit => 100.0 / (1.0 + (-g).exp()),
    })
}
