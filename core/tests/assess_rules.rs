//! Every METHODS.md rule, end to end through `assess`, as case tables with
//! hand-computed expectations. Each table goes through one `check` helper.

// Case tables are tuples on purpose: one line a case.
#![allow(clippy::type_complexity)]

mod assess_support;

use assess_support::*;
use gapcast_core::assess::{
    assess, assess_catalog, roll_up, what_if, PathPosition, Settings, Severity, Status, WhatIfChange,
};
use gapcast_core::catalog::{Bounds, Catalog, Comparator::*, Direction, Goal, Indicator, Scale, Unit};
use gapcast_core::series::Series;

fn logit(y: f64) -> f64 {
    (y / (100.0 - y)).ln()
}

// ---------------------------------------------------------------------------
// Status and progress ratio.
// ---------------------------------------------------------------------------

struct StatusCase {
    unit: Unit,
    goal: Goal,
    year: i32,
    points: &'static [(i32, f64)],
    status: Status,
    ratio: Option<f64>,
}

fn check_status(case: &StatusCase) {
    let mut ind = indicator("W-T-01", case.unit, case.goal.clone());
    ind.target.year = case.year;
    let a = assess(&ind, &pts(case.points), &Settings::new(2025));
    assert_eq!(a.status, case.status, "{:?} {:?}", case.goal, case.points);
    match (a.progress_ratio, case.ratio) {
        (Some(got), Some(want)) => assert!(close(got, want), "{:?}: R = {got}, expected {want}", case.points),
        (got, want) => assert_eq!(got, want, "{:?}: R", case.points),
    }
}

#[test]
fn status_rules() {
    let cases = [
        // ≥ 30 by 2030 from 20 in 2024: b_req = 10/6.
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2022, 10.0), (2024, 20.0)],
            status: Status::OnTrack,
            ratio: Some(5.0 / (10.0 / 6.0)),
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2022, 10.0), (2024, 14.0)],
            status: Status::AccelerationNeeded,
            ratio: Some(2.0 / (16.0 / 6.0)),
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2022, 10.0), (2024, 12.0)],
            status: Status::OffTrack,
            ratio: Some(1.0 / 3.0),
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2022, 12.0), (2024, 12.0)],
            status: Status::Reversing,
            ratio: Some(0.0),
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2022, 14.0), (2024, 12.0)],
            status: Status::Reversing,
            ratio: Some(-1.0 / 3.0),
        },
        // Exactly R = 1 and R = 0.5 (b_req = 1): the boundaries belong to the better status.
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2023, 23.0), (2024, 24.0)],
            status: Status::OnTrack,
            ratio: Some(1.0),
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2022, 23.0), (2024, 24.0)],
            status: Status::AccelerationNeeded,
            ratio: Some(0.5),
        },
        // ≤ 10 from 16: b = −2, b_req = −1.
        StatusCase {
            unit: Unit::Count,
            goal: compare(Le, 10.0),
            year: 2030,
            points: &[(2022, 20.0), (2024, 16.0)],
            status: Status::OnTrack,
            ratio: Some(2.0),
        },
        // Already met; one point not met; no points.
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[(2024, 31.0)],
            status: Status::Achieved,
            ratio: None,
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Gt, 30.0),
            year: 2030,
            points: &[(2024, 30.0)],
            status: Status::InsufficientData,
            ratio: None,
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2030,
            points: &[],
            status: Status::InsufficientData,
            ratio: None,
        },
        // Target year 2025 has come: judged on the 2025 value, not the later one.
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2025,
            points: &[(2024, 20.0), (2025, 29.0), (2026, 31.0)],
            status: Status::Missed,
            ratio: None,
        },
        StatusCase {
            unit: Unit::Count,
            goal: compare(Ge, 30.0),
            year: 2025,
            points: &[(2024, 20.0), (2026, 31.0)],
            status: Status::Achieved,
            ratio: None,
        },
        // Log scale: 16.9 (2020) → 14.3 (2024) against 7.5 by 2030.
        StatusCase {
            unit: Unit::Per100kLiveBirths,
            goal: compare(Le, 7.5),
            year: 2030,
            points: &[(2020, 16.9), (2024, 14.3)],
            status: Status::OffTrack,
            ratio: Some(((14.3_f64 / 16.9).ln() / 4.0) / ((7.5_f64 / 14.3).ln() / 6.0)),
        },
        // Logit scale: 80 → 85 against ≥ 90.
        StatusCase {
            unit: Unit::Percent,
            goal: compare(Ge, 90.0),
            year: 2030,
            points: &[(2022, 80.0), (2024, 85.0)],
            status: Status::OnTrack,
            ratio: Some(((logit(85.0) - logit(80.0)) / 2.0) / ((logit(90.0) - logit(85.0)) / 6.0)),
        },
        // "About 80 years": band 76..84 (5% of 80), judged against 76.
        StatusCase {
            unit: Unit::Years,
            goal: Goal::Approx { value: 80.0, tolerance: None },
            year: 2030,
            points: &[(2022, 73.0), (2024, 74.0)],
            status: Status::OnTrack,
            ratio: Some(0.5 / (2.0 / 6.0)),
        },
        StatusCase {
            unit: Unit::Years,
            goal: Goal::Approx { value: 80.0, tolerance: None },
            year: 2030,
            points: &[(2022, 76.0), (2024, 79.0)],
            status: Status::Achieved,
            ratio: None,
        },
        // A range 103..107 from above: judged against ≤ 107.
        StatusCase {
            unit: Unit::Ratio,
            goal: Goal::Between { low: 103.0, high: 107.0 },
            year: 2030,
            points: &[(2022, 112.0), (2024, 110.0)],
            status: Status::OnTrack,
            ratio: Some(2.0),
        },
        // Maintain at ≥ 95: slipping below and falling.
        StatusCase {
            unit: Unit::Count,
            goal: Goal::Direction { direction: Direction::Maintain, level: Some((Ge, 95.0)) },
            year: 2030,
            points: &[(2023, 96.0), (2024, 94.0)],
            status: Status::Reversing,
            ratio: Some(-2.0 / (1.0 / 6.0)),
        },
        // Strict target level with the value: zero required pace, R null.
        StatusCase {
            unit: Unit::Count,
            goal: compare(Lt, 7.5),
            year: 2030,
            points: &[(2023, 7.6), (2024, 7.5)],
            status: Status::OnTrack,
            ratio: None,
        },
    ];
    for case in &cases {
        check_status(case);
    }
}

// ---------------------------------------------------------------------------
// Gap, required pace and probability by hand.
// ---------------------------------------------------------------------------

#[test]
fn gap_and_required_pace() {
    // (unit, goal, points, gap, required slope, required annual change, required annual rate)
    let cases: [(Unit, Goal, &[(i32, f64)], f64, f64, f64, Option<f64>); 4] = [
        (
            Unit::Per100kLiveBirths,
            compare(Le, 7.5),
            &[(2023, 15.1), (2024, 14.3)],
            14.3 - 7.5,
            (7.5_f64 / 14.3).ln() / 6.0,
            (7.5 - 14.3) / 6.0,
            Some((7.5_f64 / 14.3).powf(1.0 / 6.0) - 1.0),
        ),
        (Unit::Percent, compare(Ge, 70.0), &[(2024, 55.0)], 15.0, (logit(70.0) - logit(55.0)) / 6.0, 2.5, None),
        (
            Unit::Percent,
            Goal::Approx { value: 45.0, tolerance: None },
            &[(2024, 48.0)],
            1.0,
            (logit(47.0) - logit(48.0)) / 6.0,
            -1.0 / 6.0,
            None,
        ),
        (
            Unit::Years,
            Goal::Approx { value: 80.0, tolerance: Some(0.5) },
            &[(2026, 78.5)],
            1.0,
            1.0 / 4.0,
            1.0 / 4.0,
            None,
        ),
    ];
    for (unit, goal, points, gap, b_req, change, rate) in cases {
        let a = assess(&indicator("W-T-02", unit, goal.clone()), &pts(points), &Settings::new(2025));
        assert!(close(a.gap.unwrap(), gap), "{goal:?} gap {:?}", a.gap);
        assert!(close(a.required_slope.unwrap(), b_req), "{goal:?} b_req {:?}", a.required_slope);
        assert!(close(a.required_annual_change.unwrap(), change), "{goal:?} change {:?}", a.required_annual_change);
        match (a.required_annual_rate, rate) {
            (Some(got), Some(want)) => assert!(close(got, want), "{goal:?} rate {got}"),
            (got, want) => assert_eq!(got, want),
        }
    }
}

#[test]
fn probability_and_interval_by_hand() {
    // 1, 2, 4 in 2022..2024, ≥ 6 by 2026: n = 3, df = 1 (Cauchy), b = 1.5,
    // ĝ(2026) = 7/3 + 1.5·3, s = √(1/6), se = s·√(1 + 1/3 + 9/2).
    let mut ind = indicator("W-T-03", Unit::Count, compare(Ge, 6.0));
    ind.target.year = 2026;
    let a = assess(&ind, &pts(&[(2022, 1.0), (2023, 2.0), (2024, 4.0)]), &Settings::new(2025));
    let g_hat = 7.0 / 3.0 + 4.5;
    let se = (1.0_f64 / 6.0).sqrt() * (1.0 + 1.0 / 3.0 + 4.5_f64).sqrt();
    let q = (6.0 - g_hat) / se;
    let p = 0.5 - q.atan() / std::f64::consts::PI;
    assert!(close(a.probability.unwrap(), p), "P = {:?}, expected {p}", a.probability);
    assert!(close(a.explain.q.unwrap(), q));
    assert!(close(a.explain.se_at_target.unwrap(), se));
    // t_{1, 0.9} = tan(0.4π).
    let t = (0.4 * std::f64::consts::PI).tan();
    assert!(close(a.explain.t_quantile.unwrap(), t));
    let at = a.projection_at_target.unwrap();
    assert!(close(at.value.unwrap(), g_hat));
    assert!(close(at.lower.unwrap(), g_hat - t * se));
    assert!(close(at.upper.unwrap(), g_hat + t * se));
    assert!(close(a.slope.unwrap(), 1.5));
    assert!(close(a.intercept.unwrap(), 7.0 / 3.0 - 1.5 * 2023.0));
    assert!(close(a.residual_sd.unwrap(), (1.0_f64 / 6.0).sqrt()));
    // annual_change on the linear scale is the slope.
    assert!(close(a.annual_change.unwrap(), 1.5));
}

// ---------------------------------------------------------------------------
// Scale choice.
// ---------------------------------------------------------------------------

#[test]
fn scale_choice() {
    // (unit, bounds, catalog scale, global setting, per-indicator setting, values, scale used, fallback?)
    type Case = (Unit, Option<Bounds>, Option<Scale>, Option<Scale>, Option<Scale>, &'static [f64], Scale, bool);
    let open_top = Some(Bounds { lower: Some(0.0), upper: None });
    let cases: [Case; 11] = [
        (Unit::Percent, None, None, None, None, &[50.0, 60.0], Scale::Logit, false),
        (Unit::Percent, open_top, None, None, None, &[95.0, 101.0], Scale::Linear, false),
        (Unit::Per100kLiveBirths, None, None, None, None, &[16.0, 15.0], Scale::Log, false),
        (Unit::Per1000LiveBirths, None, None, None, None, &[6.0, 5.0], Scale::Log, false),
        (Unit::Per100k, None, None, None, None, &[6.0, 5.0], Scale::Log, false),
        (Unit::Per1000Population, None, None, None, None, &[3.0, 4.0], Scale::Linear, false),
        (Unit::Per100k, None, Some(Scale::Linear), None, None, &[6.0, 5.0], Scale::Linear, false),
        (Unit::Count, None, None, Some(Scale::Log), None, &[6.0, 5.0], Scale::Log, false),
        (Unit::Count, None, None, Some(Scale::Log), Some(Scale::Linear), &[6.0, 5.0], Scale::Linear, false),
        (Unit::Count, None, None, Some(Scale::Logit), None, &[6.0, 5.0], Scale::Linear, true),
        (Unit::Per100kLiveBirths, None, None, None, None, &[6.0, 0.0, 5.0], Scale::Linear, true),
    ];
    for (unit, bounds, catalog_scale, global, own, values, used, fallback) in cases {
        let mut ind = indicator("W-T-04", unit, compare(Ge, 1.0));
        if let Some(b) = bounds {
            ind.bounds = b;
        }
        ind.scale = catalog_scale;
        let mut settings = Settings::new(2025);
        settings.scale_override = global;
        if let Some(s) = own {
            settings.scale_by_indicator.insert("W-T-04".into(), s);
        }
        let points: Vec<(i32, f64)> = values.iter().enumerate().map(|(i, &v)| (2020 + i as i32, v)).collect();
        let a = assess(&ind, &pts(&points), &settings);
        assert_eq!(a.scale, used, "{unit:?} {values:?}");
        assert_eq!(a.warnings.iter().any(|w| w.code == "scale_fallback"), fallback, "{unit:?} {values:?}");
        assert_eq!(a.method.as_deref(), Some(format!("ols_{}", used.key()).as_str()));
    }
    // A target of 0 on the lower bound is met within τ_b: its effective target
    // 0.05 can be reached on a log scale.
    let mut settings = Settings::new(2025);
    settings.scale_override = Some(Scale::Log);
    let a = assess(&indicator("W-T-05", Unit::Count, compare(Le, 0.0)), &pts(&[(2023, 3.0), (2024, 2.0)]), &settings);
    assert_eq!((a.scale, a.explain.scale_fallback.as_deref()), (Scale::Log, None));
    assert_eq!(a.target.effective_value, Some(0.05));
    // A target of 0 with no lower bound has no effective target: log cannot reach it.
    let mut ind = indicator("W-T-05", Unit::Count, compare(Le, 0.0));
    ind.bounds = Bounds { lower: None, upper: None };
    let a = assess(&ind, &pts(&[(2023, 3.0), (2024, 2.0)]), &settings);
    assert_eq!((a.scale, a.explain.scale_fallback.as_deref()), (Scale::Linear, Some("log_needs_positive_target")));
}

#[test]
fn values_on_a_logit_bound_are_clamped_by_delta() {
    let a = assess(
        &indicator("W-T-06", Unit::Percent, compare(Ge, 95.0)),
        &pts(&[(2022, 99.0), (2023, 100.0), (2024, 100.0)]),
        &Settings::new(2025),
    );
    // δ = half the smallest of 0.1, τ_b = 0.05 and the distance of 99 from 100.
    let used: Vec<f64> = a.explain.points.iter().map(|p| p.value_used).collect();
    assert_eq!(used, vec![99.0, 99.975, 99.975]);
    let clamped = a.warnings.iter().find(|w| w.code == "clamped").unwrap();
    assert_eq!(clamped.years, vec![2023, 2024]);
    assert_eq!(a.explain.clamp_delta, Some(0.025));
    // The fit is on the clamped values: slope = (logit 99.975 − logit 99)/2 by OLS over 3 points.
    let gs = [logit(99.0), logit(99.975), logit(99.975)];
    let b = (gs[2] - gs[0]) / 2.0;
    assert!(close(a.slope.unwrap(), b));
    assert_eq!(a.latest_value, Some(100.0));
    assert_eq!(a.status, Status::Achieved);
}

// ---------------------------------------------------------------------------
// Warnings and severity.
// ---------------------------------------------------------------------------

#[test]
fn warnings_and_severity() {
    // (unit, goal, points, milestone, warning codes, status, severity)
    type Case = (Unit, Goal, Vec<(i32, f64)>, Option<(i32, f64)>, &'static [&'static str], Status, Severity);
    let mut long: Vec<(i32, f64)> =
        (0..14).map(|i| (2011 + i, 50.0 + f64::from(i) + if i % 2 == 0 { 0.1 } else { -0.1 })).collect();
    long[7].1 += 10.0;
    let cases: Vec<Case> = vec![
        // Zig-zag: RMSE/mean = √3.2/12 = 0.149 > 0.10.
        (
            Unit::Count,
            compare(Ge, 100.0),
            vec![(2021, 10.0), (2022, 14.0), (2023, 10.0), (2024, 14.0)],
            None,
            &["volatile"],
            Status::OffTrack,
            Severity::Red,
        ),
        // Stale: latest 2021 < 2025 − 2; informational only.
        (
            Unit::Count,
            compare(Ge, 10.0),
            vec![(2020, 11.0), (2021, 12.0)],
            None,
            &["stale"],
            Status::Achieved,
            Severity::Green,
        ),
        (
            Unit::Count,
            compare(Ge, 10.0),
            vec![(2022, 11.0), (2023, 12.0)],
            None,
            &[],
            Status::Achieved,
            Severity::Green,
        ),
        // Achieved, but 14 → 11 falls to 1.8 by 2030.
        (
            Unit::Count,
            compare(Ge, 10.0),
            vec![(2022, 14.0), (2023, 12.0), (2024, 11.0)],
            None,
            &["at_risk"],
            Status::Achieved,
            Severity::Amber,
        ),
        // A milestone year with data that miss it.
        (
            Unit::Count,
            compare(Ge, 6.0),
            vec![(2022, 3.0), (2023, 4.0), (2024, 7.0)],
            Some((2023, 5.0)),
            &["milestone_missed:2023"],
            Status::Achieved,
            Severity::Red,
        ),
        // 0.93 among percentages around 93: a unit slip, not judged until checked.
        (
            Unit::Percent,
            compare(Ge, 90.0),
            vec![(2021, 92.0), (2022, 0.93), (2023, 93.5), (2024, 94.0)],
            None,
            &["volatile", "unit_suspect", "implausible:2022"],
            Status::NotAssessed,
            Severity::Amber,
        ),
        // One wild year in 14: its studentized residual passes 3.
        (Unit::Count, compare(Ge, 10.0), long, None, &["outlier:2018"], Status::Achieved, Severity::Amber),
        // A zero on a log scale: linear fallback (informational); the rising
        // trend (2 a year) leaves ≤ 5 by 2030, so achieved but at risk.
        (
            Unit::Per100kLiveBirths,
            compare(Le, 5.0),
            vec![(2022, 0.0), (2023, 3.0), (2024, 4.0)],
            None,
            &["at_risk", "scale_fallback"],
            Status::Achieved,
            Severity::Amber,
        ),
    ];
    for (unit, goal, points, ms, codes, status, severity) in cases {
        let mut ind = indicator("W-T-07", unit, goal);
        if let Some((year, value)) = ms {
            ind.milestones = vec![milestone(year, Ge, value)];
        }
        let a = assess(&ind, &pts(&points), &Settings::new(2025));
        let got: Vec<&str> = a.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(got, codes, "{points:?}");
        assert_eq!((a.status, a.severity), (status, severity), "{points:?}");
    }
}

// ---------------------------------------------------------------------------
// Milestones and checkpoint.
// ---------------------------------------------------------------------------

#[test]
fn milestones_each_on_their_own() {
    // Childcare places: ≥ 4 by 2025, ≥ 6 by 2030.
    let mut ind = indicator("C-T-08", Unit::Per1000Population, compare(Ge, 6.0));
    ind.milestones = vec![milestone(2025, Ge, 4.0)];
    // (points, milestone status, milestone projected)
    let cases: [(&[(i32, f64)], Status, Option<f64>); 5] = [
        (&[(2023, 3.0), (2024, 3.5)], Status::OnTrack, Some(4.0)),
        (&[(2023, 3.4), (2024, 3.5)], Status::OffTrack, Some(3.6)),
        (&[(2024, 4.08)], Status::Achieved, None),
        (&[(2024, 3.5), (2025, 4.1)], Status::Met, Some(4.1)),
        (&[(2024, 3.5), (2025, 3.9)], Status::Missed, Some(3.9)),
    ];
    for (points, status, projected) in cases {
        let a = assess(&ind, &pts(points), &Settings::new(2025));
        let m = &a.milestones[0];
        assert_eq!(m.status, status, "{points:?}");
        match (m.projected, projected) {
            (Some(got), Some(want)) => assert!(close(got, want), "{points:?}: {got}"),
            (got, want) => assert_eq!(got, want),
        }
        assert_eq!(a.warnings.iter().any(|w| w.code == "milestone_missed:2025"), status == Status::Missed);
    }
}

#[test]
fn checkpoint_against_the_glide_path() {
    let ind = indicator("W-T-09", Unit::Count, compare(Ge, 90.0));
    let a = assess(&ind, &pts(&[(2018, 70.0), (2020, 80.0), (2024, 85.0)]), &Settings::new(2025));
    let c = a.checkpoint.unwrap();
    assert_eq!((c.base_year, c.base_value), (2020, 80.0));
    assert!(close(c.expected_at_latest.unwrap(), 84.0));
    assert!(close(c.share_done.unwrap(), 0.5));
    assert!(close(c.share_time.unwrap(), 0.4));
    assert_eq!(c.position, Some(PathPosition::Ahead));
    // Mid-term: the path is at 85 in 2025; the fit (b = 43.333/18.667) projects more.
    assert!(close(c.path_mid_term.unwrap(), 85.0));
    let (t_mean, y_mean) = (6062.0 / 3.0, 235.0 / 3.0);
    let sxx: f64 = [2018.0, 2020.0, 2024.0].iter().map(|t: &f64| (t - t_mean).powi(2)).sum();
    let sxy: f64 = [(2018.0, 70.0), (2020.0, 80.0), (2024.0, 85.0)]
        .iter()
        .map(|(t, y): &(f64, f64)| (t - t_mean) * (y - y_mean))
        .sum();
    let projected = y_mean + sxy / sxx * (2025.0 - t_mean);
    assert!(close(c.projected_mid_term.unwrap(), projected));
    assert_eq!(c.position_mid_term, Some(PathPosition::Ahead));
}

// ---------------------------------------------------------------------------
// Directional targets.
// ---------------------------------------------------------------------------

#[test]
fn directional_targets() {
    // (unit, direction, values from 2020, status, reason)
    let cases: [(Unit, Direction, &[f64], Status, Option<&str>); 9] = [
        (Unit::Count, Direction::Increase, &[100.0, 102.0, 104.04], Status::SignificantProgress, None),
        (Unit::Count, Direction::Decrease, &[100.0, 102.0, 104.04], Status::SignificantAway, None),
        (Unit::Count, Direction::Increase, &[100.0, 100.5, 101.0025], Status::ModerateProgress, None),
        (Unit::Percent, Direction::Decrease, &[30.0, 29.7, 29.4], Status::ModerateProgress, None),
        (Unit::Percent, Direction::Decrease, &[30.0, 30.2, 30.4], Status::ModerateAway, None),
        (Unit::Percent, Direction::SlowIncrease, &[10.0, 12.0, 14.0, 15.0, 16.0], Status::Slowing, None),
        (Unit::Percent, Direction::SlowIncrease, &[10.0, 12.0, 14.0], Status::InsufficientData, Some("too_few_points")),
        (Unit::Percent, Direction::Other, &[10.0, 12.0], Status::NotAssessed, Some("not_judged")),
        (Unit::Years, Direction::Maintain, &[80.0, 80.2], Status::NotAssessed, Some("no_level")),
    ];
    for (unit, dir, values, status, reason) in cases {
        let points: Vec<(i32, f64)> = values.iter().enumerate().map(|(i, &v)| (2020 + i as i32, v)).collect();
        let a = assess(&indicator("W-T-10", unit, direction(dir)), &pts(&points), &Settings::new(2025));
        assert_eq!((a.status, a.reason.as_deref()), (status, reason), "{dir:?} {values:?}");
        assert_eq!(a.direction, Some(dir));
        assert_eq!((a.gap, a.probability, a.target.comparator.as_deref()), (None, None, None));
        // The trend is still drawn for every directional target with two points.
        assert_eq!(a.projection.is_empty(), values.len() < 2);
    }
}

// ---------------------------------------------------------------------------
// Window, catalog-wide assessment, roll-up, what-if.
// ---------------------------------------------------------------------------

#[test]
fn the_window_restricts_the_fit() {
    let mut settings = Settings::new(2025);
    settings.from_year = Some(2018);
    let a = assess(
        &indicator("W-T-11", Unit::Count, compare(Ge, 30.0)),
        &pts(&[(2015, 100.0), (2016, 50.0), (2018, 10.0), (2019, 11.0), (2020, 12.0)]),
        &settings,
    );
    assert_eq!((a.n_points, a.first_year, a.explain.n_points_given), (3, Some(2018), 5));
    assert!(close(a.slope.unwrap(), 1.0));
}

fn small_catalog() -> Catalog {
    let mut ids = vec![
        indicator("W-A-01", Unit::Count, compare(Ge, 30.0)),
        indicator("W-A-02", Unit::Count, compare(Ge, 30.0)),
        indicator("W-A-03", Unit::Count, compare(Ge, 30.0)),
        indicator("C-B-01", Unit::Count, compare(Ge, 30.0)),
        indicator("C-B-02", Unit::Percent, direction(Direction::Other)),
        indicator("C-B-03", Unit::Count, compare(Ge, 30.0)),
    ];
    ids[3].domain = "儿童与健康".into();
    ids[4].domain = "儿童与健康".into();
    ids[5].domain = "儿童与教育".into();
    ids[5].key = Some("shared".into());
    Catalog { indicators: ids, ..Catalog::default() }
}

#[test]
fn catalog_assessment_and_roll_up() {
    let catalog = small_catalog();
    let series = vec![
        Series::new("W-A-01", pts(&[(2022, 10.0), (2024, 20.0)])), // on track
        Series::new("W-A-02", pts(&[(2022, 14.0), (2024, 12.0)])), // reversing, R = −1/3
        Series::new("W-A-03", pts(&[(2022, 10.0), (2024, 12.0)])), // off track, R = 1/3
        Series::new("C-B-01", pts(&[(2024, 31.0)])),               // achieved
        Series::new("shared", pts(&[(2022, 10.0), (2024, 14.0)])), // by shared key: acceleration needed
    ];
    let all = assess_catalog(&catalog, &series, &Settings::new(2025));
    let statuses: Vec<Status> = all.iter().map(|a| a.status).collect();
    assert_eq!(
        statuses,
        vec![
            Status::OnTrack,
            Status::Reversing,
            Status::OffTrack,
            Status::Achieved,
            Status::NotAssessed,
            Status::AccelerationNeeded
        ]
    );
    let r = roll_up(&all);
    assert_eq!((r.overall.total, r.overall.judged, r.overall.achieved_or_on_track), (6, 5, 2));
    assert!(close(r.overall.share_achieved_or_on_track.unwrap(), 0.4));
    assert_eq!(r.by_plan.len(), 2);
    assert_eq!((r.by_plan[0].total, r.by_plan[0].counts["reversing"], r.by_plan[0].counts["on_track"]), (3, 1, 1));
    assert_eq!(r.by_domain.len(), 3);
    assert_eq!(r.by_domain[1].domain.as_deref(), Some("儿童与健康"));
    assert_eq!((r.by_domain[1].judged, r.by_domain[1].counts["not_assessed"]), (1, 1));
    // Red: reversing before off track; amber: acceleration needed.
    let red: Vec<&str> = r.red.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(red, vec!["W-A-02", "W-A-03"]);
    let amber: Vec<&str> = r.amber.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(amber, vec!["C-B-03"]);
}

/// Headline counts are counts of row colours, shared indicators once: an
/// `achieved` indicator with `at_risk` is amber there, as in its row (the
/// headline said "amber 2" beside one amber chip), and the indicator both plans
/// share (same key) counts once.
#[test]
fn severity_counts_with_shared_indicators_once() {
    let mut catalog = small_catalog();
    // Give the second plan a twin of W-A-01 under one shared key.
    catalog.indicators[0].key = Some("twin".into());
    let mut twin = catalog.indicators[0].clone();
    twin.id = "C-A-09".into();
    twin.plan = gapcast_core::catalog::Plan::Children;
    catalog.indicators.push(twin);
    catalog.indicators[1].target.goal = compare(Ge, 10.0);
    let series = vec![
        Series::new("twin", pts(&[(2022, 10.0), (2024, 20.0)])),   // on track, in both plans
        Series::new("W-A-02", pts(&[(2022, 14.0), (2023, 12.0), (2024, 11.0)])), // ≥ 10 met, falling: at risk
        Series::new("C-B-01", pts(&[(2024, 31.0)])),
        Series::new("shared", pts(&[(2022, 10.0), (2024, 14.0)])),
    ];
    let all = assess_catalog(&catalog, &series, &Settings::new(2025));
    let r = roll_up(&all);
    assert_eq!(r.overall.total, 6, "the twin is one indicator overall");
    assert_eq!(r.by_plan.iter().map(|p| p.total).sum::<usize>(), 7, "and one in each plan");
    assert_eq!(
        (r.by_severity["red"], r.by_severity["amber"], r.by_severity["green"], r.by_severity["none"]),
        (0, 2, 2, 2)
    );
    let amber: Vec<(Status, usize)> =
        r.by_status.iter().filter(|c| c.severity == Severity::Amber).map(|c| (c.status, c.count)).collect();
    assert_eq!(amber, vec![(Status::AccelerationNeeded, 1), (Status::Achieved, 1)]);
    for s in ["red", "amber", "green", "none"] {
        let chips: usize = r.by_status.iter().filter(|c| c.severity.key() == s).map(|c| c.count).sum();
        assert_eq!(chips, r.by_severity[s], "{s}: chips and headline agree");
    }
}

#[test]
fn required_pace_what_if_agrees_with_the_assessment() {
    let ind: Indicator = indicator("W-T-12", Unit::Per100kLiveBirths, compare(Le, 7.5));
    let points = pts(&[(2022, 15.7), (2023, 15.1), (2024, 14.3)]);
    let settings = Settings::new(2025);
    let a = assess(&ind, &points, &settings);
    let w = what_if(&ind, &points, &settings, WhatIfChange::RequiredPace);
    assert!(close(w.annual_change.unwrap(), a.required_annual_change.unwrap()));
    assert!(close(w.annual_rate.unwrap(), a.required_annual_rate.unwrap()));
    assert_eq!((w.met, w.value_at_target), (Some(true), Some(7.5)));
    // Continuing the observed pace from the latest point, in percent a year.
    let observed = 100.0 * a.slope.unwrap().exp_m1();
    let w = what_if(&ind, &points, &settings, WhatIfChange::PercentPerYear(observed));
    assert_eq!(w.met, Some(false));
    assert!(close(w.value_at_target.unwrap(), 14.3 * (a.slope.unwrap() * 6.0).exp()));
}

// ---------------------------------------------------------------------------
// Version 2 rules, each with the example that broke version 1.
// ---------------------------------------------------------------------------

/// `at_risk` judged on the model scale against the effective target:
/// C-WELFARE-05 at 100 four years running was amber ("projects 99.90 in 2030,
/// which misses the target"); W-ENV-03 at 97, 99, 100 likewise.
#[test]
fn at_risk_judged_on_the_model_scale() {
    let full = indicator("C-T-20", Unit::Percent, compare(Ge, 100.0));
    for points in [&[(2021, 100.0), (2022, 100.0), (2023, 100.0), (2024, 100.0)][..], &[(2022, 97.0), (2023, 99.0), (2024, 100.0)]] {
        let a = assess(&full, &pts(points), &Settings::new(2025));
        assert_eq!((a.status, a.severity), (Status::Achieved, Severity::Green), "{points:?}");
        assert!(!a.warnings.iter().any(|w| w.code == "at_risk"), "{points:?}: {:?}", a.warnings);
    }
    // Met now and falling away: at risk.
    let a = assess(&indicator("C-T-21", Unit::Percent, compare(Ge, 90.0)), &pts(&[(2022, 96.0), (2023, 94.0), (2024, 92.0)]), &Settings::new(2025));
    assert!(a.warnings.iter().any(|w| w.code == "at_risk"));
}

/// Targets on a bound: C-HEALTH-10 (vaccination ≥ 100%) at 99.50, 99.70,
/// 99.85, 99.95 was red `reversing` ("needed +0.01 points a year, current
/// +0.17"); 99.95 meets the effective target 99.95, and at 99.90 the pace is
/// judged against 99.95, not against an unreachable 100.
#[test]
fn targets_on_a_bound() {
    let ind = indicator("C-T-22", Unit::Percent, compare(Ge, 100.0));
    let a = assess(&ind, &pts(&[(2021, 99.5), (2022, 99.7), (2023, 99.85), (2024, 99.95)]), &Settings::new(2025));
    assert_eq!((a.status, a.severity, a.target.effective_value), (Status::Achieved, Severity::Green, Some(99.95)));
    let a = assess(&ind, &pts(&[(2021, 99.5), (2022, 99.7), (2023, 99.8), (2024, 99.9)]), &Settings::new(2025));
    assert_eq!(a.status, Status::OnTrack);
    assert!(close(a.gap.unwrap(), 0.05));
    assert!(close(a.required_annual_change.unwrap(), 0.05 / 6.0));
    // The catalog's own tolerance: met from 99.5, and δ = ½·min(0.1, 0.5, 0.4).
    let own = indicator("C-T-22", Unit::Percent, Goal::Compare { comparator: Ge, value: 100.0, tolerance: Some(0.5) });
    let a = assess(&own, &pts(&[(2021, 98.0), (2022, 99.0), (2023, 100.0), (2024, 99.6)]), &Settings::new(2025));
    assert_eq!((a.status, a.target.effective_value, a.target.tolerance), (Status::Achieved, Some(99.5), Some(0.5)));
    assert_eq!(a.explain.clamp_delta, Some(0.05));
}

/// "About" targets are never red within τ of the band: W-DECISION-22 ("about
/// 50%") at 51.2 was red `reversing`; it is inside the wider band now, and a
/// value just outside it moving away is amber.
#[test]
fn about_targets_never_red_within_tau() {
    let ind = indicator("W-T-23", Unit::Percent, Goal::Approx { value: 50.0, tolerance: None });
    let a = assess(&ind, &pts(&[(2022, 49.0), (2023, 50.5), (2024, 51.2)]), &Settings::new(2025));
    assert_eq!(a.status, Status::Achieved);
    // 52.5 is outside 48–52 by 0.5 < τ = 2 and moving away: reversing, but amber.
    let a = assess(&ind, &pts(&[(2022, 51.5), (2023, 52.0), (2024, 52.5)]), &Settings::new(2025));
    assert_eq!((a.status, a.status_severity), (Status::Reversing, Severity::Amber));
    assert!(close(a.gap.unwrap(), 0.5));
    // Outside by more than τ: red as usual.
    let a = assess(&ind, &pts(&[(2022, 55.0), (2023, 55.5), (2024, 56.5)]), &Settings::new(2025));
    assert_eq!((a.status, a.status_severity), (Status::Reversing, Severity::Red));
}

/// The checkpoint's base is 2020 whatever the fit window (`--from-year 2021`
/// moved it to 2021), and no checkpoint when the latest year is before it
/// (share_time was negative).
#[test]
fn checkpoint_base_2020_whatever_the_window() {
    let ind = indicator("W-T-24", Unit::Count, compare(Ge, 30.0));
    let mut settings = Settings::new(2025);
    settings.from_year = Some(2021);
    let a = assess(&ind, &pts(&[(2019, 8.0), (2020, 10.0), (2022, 13.0), (2024, 16.0)]), &settings);
    let c = a.checkpoint.unwrap();
    assert_eq!((c.base_year, c.base_value), (2020, 10.0));
    assert!(close(c.share_time.unwrap(), 0.4));
    assert!(close(c.share_done.unwrap(), 0.3));
    assert_eq!(c.position, Some(PathPosition::Behind));
    let a = assess(&ind, &pts(&[(2015, 8.0), (2016, 10.0), (2020, 12.0)]), &Settings::new(2025));
    assert_eq!(a.checkpoint.unwrap().base_year, 2020);
    let mut early = Settings::new(2025);
    early.base_year = 2022;
    let a = assess(&ind, &pts(&[(2016, 8.0), (2018, 10.0)]), &early);
    assert_eq!(a.checkpoint.as_ref().map(|c| c.base_year), Some(2016), "no figure for the base year: the first point");
}
