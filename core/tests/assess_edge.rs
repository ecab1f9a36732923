//! Edge cases: each gives a clear status and reason, never a panic, and never a
//! NaN or infinity anywhere in the assessment or a what-if.

mod assess_support;

use assess_support::*;
use gapcast_core::assess::{assess, what_if, Assessment, Settings, Status, WhatIfChange};
use gapcast_core::catalog::{Comparator::*, Direction, Goal, Indicator, Scale, Unit};

/// One helper: assess, prove every number finite (also in every what-if), and
/// compare status, reason and scale.
fn check(ind: &Indicator, points: &[(i32, f64)], status: Status, reason: Option<&str>, scale: Scale) -> Assessment {
    let settings = Settings::new(2025);
    let a = assess(ind, &pts(points), &settings);
    assert_all_finite(&a, &format!("{} {points:?}", ind.id));
    for change in [WhatIfChange::UnitsPerYear(1.5), WhatIfChange::PercentPerYear(-3.0), WhatIfChange::RequiredPace] {
        assert_all_finite(&what_if(ind, &pts(points), &settings, change), &format!("what-if {change:?} {points:?}"));
    }
    assert_eq!((a.status, a.reason.as_deref(), a.scale), (status, reason, scale), "{points:?}");
    a
}

#[test]
fn one_point() {
    let a = check(
        &indicator("W-E-01", Unit::Percent, compare(Ge, 90.0)),
        &[(2024, 80.0)],
        Status::InsufficientData,
        Some("one_point"),
        Scale::Logit,
    );
    assert!(a.projection.is_empty() && a.slope.is_none() && a.progress_ratio.is_none());
    assert_eq!(a.null_reasons.get("slope").map(String::as_str), Some("one_point"));
    // The pace still needed is known from one point.
    assert!(close(a.required_annual_change.unwrap(), 10.0 / 6.0));
}

#[test]
fn no_points_and_an_empty_window() {
    check(
        &indicator("W-E-02", Unit::Count, compare(Ge, 10.0)),
        &[],
        Status::InsufficientData,
        Some("no_data"),
        Scale::Linear,
    );
    let mut settings = Settings::new(2025);
    settings.from_year = Some(2030);
    let a = assess(&indicator("W-E-02", Unit::Count, compare(Ge, 10.0)), &pts(&[(2020, 1.0)]), &settings);
    assert_eq!((a.status, a.reason.as_deref()), (Status::InsufficientData, Some("no_data_in_window")));
}

#[test]
fn all_values_equal() {
    let a = check(
        &indicator("W-E-03", Unit::Count, compare(Ge, 12.0)),
        &[(2021, 10.0), (2022, 10.0), (2023, 10.0), (2024, 10.0)],
        Status::Reversing,
        Some("zero_residual_spread"),
        Scale::Linear,
    );
    assert_eq!((a.slope, a.residual_sd, a.probability), (Some(0.0), Some(0.0), None));
    assert_eq!(a.null_reasons.get("probability").map(String::as_str), Some("zero_residual_spread"));
    // No interval: four equal values say nothing about next year's spread.
    let at = a.projection_at_target.unwrap();
    assert_eq!((at.value, at.lower, at.upper), (Some(10.0), None, None));
    assert_eq!(a.null_reasons.get("projection.lower").map(String::as_str), Some("zero_residual_spread"));
    // Equal on a log scale, and flat on the bound of a logit scale.
    check(
        &indicator("W-E-04", Unit::Per100kLiveBirths, compare(Le, 7.5)),
        &[(2022, 9.0), (2023, 9.0), (2024, 9.0)],
        Status::Reversing,
        Some("zero_residual_spread"),
        Scale::Log,
    );
    let a = check(
        &indicator("W-E-05", Unit::Percent, compare(Ge, 99.0)),
        &[(2022, 100.0), (2023, 100.0), (2024, 100.0)],
        Status::Achieved,
        Some("zero_residual_spread"),
        Scale::Logit,
    );
    assert!(a.warnings.iter().any(|w| w.code == "clamped"));
}

#[test]
fn zero_and_hundred_percent_on_logit() {
    let a = check(
        &indicator("W-E-06", Unit::Percent, compare(Le, 1.0)),
        &[(2021, 0.0), (2022, 2.0), (2023, 0.0), (2024, 1.5)],
        Status::Reversing,
        None,
        Scale::Logit,
    );
    assert_eq!(a.warnings.iter().find(|w| w.code == "clamped").map(|w| w.years.clone()), Some(vec![2021, 2023]));
    for p in &a.projection {
        for v in [p.value, p.lower, p.upper].into_iter().flatten() {
            assert!((0.0..=100.0).contains(&v), "{p:?}");
        }
    }
    // A target of 100% is met within τ_b = 0.05: its effective target 99.95:
    // b = (logit 98 − logit 96)/2 = 0.357 against (logit 99.95 − logit 98)/6 = 0.618.
    let a = check(
        &indicator("W-E-07", Unit::Percent, compare(Ge, 100.0)),
        &[(2022, 96.0), (2023, 97.0), (2024, 98.0)],
        Status::AccelerationNeeded,
        None,
        Scale::Logit,
    );
    assert_eq!(a.explain.aimed_at, Some(99.95));
    assert!(close(a.explain.g_aim.unwrap(), (99.95_f64 / 0.05).ln()));
    assert!(close(a.required_annual_change.unwrap(), 1.95 / 6.0));
}

#[test]
fn zero_on_a_log_scale_falls_back_to_linear() {
    // On the linear scale the zero year pulls the slope up (b = 0.59): reversing.
    let a = check(
        &indicator("W-E-08", Unit::Per100kLiveBirths, compare(Le, 7.5)),
        &[(2021, 10.2), (2022, 0.0), (2023, 9.8), (2024, 8.9)],
        Status::Reversing,
        None,
        Scale::Linear,
    );
    assert_eq!(a.explain.scale_requested, Scale::Log);
    assert_eq!(a.explain.scale_fallback.as_deref(), Some("log_needs_positive_values"));
    assert!(a.warnings.iter().any(|w| w.code == "scale_fallback"));
}

#[test]
fn target_already_met() {
    let a = check(
        &indicator("W-E-09", Unit::Percent, compare(Ge, 90.0)),
        &[(2022, 93.0), (2023, 94.0), (2024, 95.0)],
        Status::Achieved,
        None,
        Scale::Logit,
    );
    assert_eq!(a.required_slope, None);
    assert_eq!(a.null_reasons.get("progress_ratio").map(String::as_str), Some("achieved"));
    assert!(a.probability.unwrap() > 0.5);
}

#[test]
fn latest_year_after_the_target_year() {
    let mut ind = indicator("W-E-10", Unit::Count, compare(Ge, 30.0));
    ind.target.year = 2022;
    let a = check(
        &ind,
        &[(2020, 25.0), (2022, 29.0), (2024, 33.0)],
        Status::Missed,
        Some("target_year_passed"),
        Scale::Linear,
    );
    assert_eq!((a.probability, a.required_slope), (None, None));
    // The projection runs to the latest year, past the target year.
    assert_eq!(a.projection.last().map(|p| p.year), Some(2024));
    let a = check(&ind, &[(2020, 25.0), (2023, 31.0)], Status::Achieved, Some("target_year_passed"), Scale::Linear);
    assert_eq!(a.latest_year, Some(2023));
}

#[test]
fn values_the_scale_or_bounds_forbid() {
    // A negative rate: outside the bounds, an input error.
    let a = check(
        &indicator("W-E-11", Unit::Per100k, compare(Le, 5.0)),
        &[(2022, 6.0), (2023, -1.0), (2024, 4.0)],
        Status::NotAssessed,
        Some("invalid_value:2023"),
        Scale::Log,
    );
    assert_eq!(a.warnings[0].severity, gapcast_core::assess::Severity::Red);
    // Above 100%.
    check(
        &indicator("W-E-12", Unit::Percent, compare(Ge, 90.0)),
        &[(2023, 101.0)],
        Status::NotAssessed,
        Some("invalid_value:2023"),
        Scale::Logit,
    );
    // Not a number, and two values for a year.
    check(
        &indicator("W-E-13", Unit::Count, compare(Ge, 9.0)),
        &[(2023, f64::NAN)],
        Status::NotAssessed,
        Some("invalid_value:2023"),
        Scale::Linear,
    );
    check(
        &indicator("W-E-14", Unit::Count, compare(Ge, 9.0)),
        &[(2023, 1.0), (2023, 2.0)],
        Status::NotAssessed,
        Some("invalid_value:2023"),
        Scale::Linear,
    );
    // With open bounds a negative value is fine on a linear scale, and forces a
    // log-scale request back to linear.
    let mut ind = indicator("W-E-15", Unit::Count, direction(Direction::Decrease));
    ind.bounds = open_bounds();
    ind.scale = Some(Scale::Log);
    check(
        &ind,
        &[(2022, 2.0), (2023, -1.0), (2024, -3.0)],
        Status::SignificantProgress,
        Some("log_needs_positive_values"),
        Scale::Linear,
    );
}

#[test]
fn extreme_values_never_overflow_into_the_output() {
    // A collapse over many orders of magnitude on a log scale.
    let a = check(
        &indicator("W-E-16", Unit::Per100k, compare(Le, 1.0)),
        &[(2000, 1e300), (2001, 1e150), (2002, 1e-300)],
        Status::NotAssessed,
        Some("implausible:2000"),
        Scale::Log,
    );
    assert_eq!(a.warnings.iter().filter(|w| w.code.starts_with("implausible")).count(), 2);
    assert!(a.projection.iter().all(|p| p.value.is_none_or(|v| v >= 0.0)));
    // A steep logit climb (0.001% is 10,000 times away from the target and the
    // series: a probable slip, not judged).
    check(
        &indicator("W-E-17", Unit::Percent, compare(Ge, 99.99)),
        &[(2023, 0.001), (2024, 99.99)],
        Status::NotAssessed,
        Some("implausible:2023"),
        Scale::Logit,
    );
    // Tiny and huge counts together.
    check(
        &indicator("W-E-18", Unit::Count, Goal::Approx { value: 0.0, tolerance: None }),
        &[(2022, 1e-12), (2023, 1e12), (2024, 0.0)],
        Status::Achieved,
        None,
        Scale::Linear,
    );
}

#[test]
fn every_builtin_indicator_without_figures() {
    let catalog = gapcast_core::catalog::builtin();
    for a in gapcast_core::assess::assess_catalog(&catalog, &[], &Settings::new(2025)) {
        assert_all_finite(&a, &a.id);
        // Targets that are never judged say so; the rest lack data.
        let expected = match a.reason.as_deref() {
            Some("not_judged" | "no_level") => Status::NotAssessed,
            Some("no_data") => Status::InsufficientData,
            other => panic!("{}: reason {other:?}", a.id),
        };
        assert_eq!(a.status, expected, "{}", a.id);
    }
}
