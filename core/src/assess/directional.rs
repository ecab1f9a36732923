//! Targets without a number (METHODS.md, "Directional targets"): `increase` and
//! `decrease` judged by the fitted annual change as Eurostat does, and
//! `slow_increase` by comparing the slopes of the two halves of the series.
//!
//! `maintain` with a level is a numeric target (see [`super::target`]); `other`
//! and `maintain` without a level are not judged, and never reach this module.

use serde::Serialize;

use crate::catalog::{Direction, Unit};

use super::fit::ols_slope;
use super::settings::Thresholds;
use super::status::Status;
use super::trend::{finite, Trend};

/// The numbers behind a directional status, for the detail view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectionalExplain {
    /// What `rate` measures: `relative_per_year` (e^b − 1 of a log fit),
    /// `points_per_year` (slope of a linear fit, percentages),
    /// `relative_per_year_of_mean` (linear slope / mean |y|, when a value ≤ 0
    /// rules out the log fit), or `half_slopes` (`slow_increase`).
    pub measure: String,
    /// The slope of the fit the rate comes from (ln y or y on the year).
    pub fit_slope: Option<f64>,
    /// The annual change r.
    pub rate: Option<f64>,
    /// r signed so that positive is the wanted direction.
    pub signed_rate: Option<f64>,
    /// The significance threshold r is compared with.
    pub threshold: Option<f64>,
    /// `slow_increase`: points in each half (⌈n/2⌉).
    pub half_size: Option<usize>,
    /// `slow_increase`: OLS slope of the first ⌈n/2⌉ points, in the unit a year.
    pub earlier_slope: Option<f64>,
    /// `slow_increase`: OLS slope of the last ⌈n/2⌉ points, in the unit a year.
    pub later_slope: Option<f64>,
}

/// A directional status, with why it could not be given when it could not.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectionalJudgement {
    pub status: Status,
    pub reason: Option<&'static str>,
    pub explain: Option<DirectionalExplain>,
}

/// Judges `increase`, `decrease` or `slow_increase` on `trend`.
pub fn judge(direction: Direction, unit: Unit, trend: &Trend, thresholds: &Thresholds) -> DirectionalJudgement {
    match direction {
        Direction::Increase | Direction::Decrease => judge_movement(direction, unit, trend, thresholds),
        Direction::SlowIncrease => judge_slowing(trend, thresholds),
        Direction::Maintain | Direction::Other => {
            DirectionalJudgement { status: Status::NotAssessed, reason: Some("not_judged"), explain: None }
        }
    }
}

fn judge_movement(direction: Direction, unit: Unit, trend: &Trend, thresholds: &Thresholds) -> DirectionalJudgement {
    let n = trend.n();
    if n < 2 {
        let reason = if n == 0 { "no_data" } else { "one_point" };
        return DirectionalJudgement { status: Status::InsufficientData, reason: Some(reason), explain: None };
    }
    let ts: Vec<f64> = trend.years.iter().map(|&y| f64::from(y)).collect();
    let ys = &trend.values;
    let mut reason = None;
    let (measure, fit_slope, rate, threshold) = if unit == Unit::Percent {
        let b = ols_slope(&ts, ys);
        ("points_per_year", b, b, thresholds.directional_points)
    } else if ys.iter().all(|&y| y > 0.0) {
        let logs: Vec<f64> = ys.iter().map(|y| y.ln()).collect();
        let b = ols_slope(&ts, &logs);
        ("relative_per_year", b, b.and_then(|b| finite(b.exp_m1())), thresholds.directional_relative)
    } else {
        reason = Some("log_needs_positive_values");
        let b = ols_slope(&ts, ys);
        let mean_abs = ys.iter().map(|y| y.abs()).sum::<f64>() / n as f64;
        ("relative_per_year_of_mean", b, b.and_then(|b| finite(b / mean_abs)), thresholds.directional_relative)
    };
    let sign = if direction == Direction::Decrease { -1.0 } else { 1.0 };
    let signed = rate.map(|r| sign * r);
    let status = match signed {
        None => {
            reason = reason.or(Some("no_rate"));
            Status::NotAssessed
        }
        // Rounding must not push a rate that equals the threshold by hand over it.
        Some(s) if s > threshold + 1e-12 * threshold.abs().max(1.0) => Status::SignificantProgress,
        Some(s) if s > 0.0 => Status::ModerateProgress,
        Some(s) if s >= -threshold - 1e-12 * threshold.abs().max(1.0) => Status::ModerateAway,
        Some(_) => Status::SignificantAway,
    };
    DirectionalJudgement {
        status,
        reason,
        explain: Some(DirectionalExplain {
            measure: measure.to_string(),
            fit_slope,
            rate,
            signed_rate: signed,
            threshold: Some(threshold),
            half_size: None,
            earlier_slope: None,
            later_slope: None,
        }),
    }
}

fn judge_slowing(trend: &Trend, thresholds: &Thresholds) -> DirectionalJudgement {
    let n = trend.n();
    if n < thresholds.slow_increase_min_points.max(2) {
        return DirectionalJudgement {
            status: Status::InsufficientData,
            reason: Some("too_few_points"),
            explain: None,
        };
    }
    // The halves share the middle point when n is odd. Slopes are taken in
    // the indicator's own unit: on a logit or log scale a steady rise of
    // 10, 11, 12, 13% bends and would read as slowing.
    let k = n.div_ceil(2);
    let ts: Vec<f64> = trend.years.iter().map(|&y| f64::from(y)).collect();
    let earlier = ols_slope(&ts[..k], &trend.values[..k]);
    let later = ols_slope(&ts[n - k..], &trend.values[n - k..]);
    let (status, reason) = match (earlier, later) {
        // Smaller by more than rounding (relative 1e-9 of the larger slope).
        (Some(e), Some(l)) if l < e - 1e-9 * e.abs().max(l.abs()) => (Status::Slowing, None),
        (Some(_), Some(_)) => (Status::NotSlowing, None),
        _ => (Status::NotAssessed, Some("no_rate")),
    };
    DirectionalJudgement {
        status,
        reason,
        explain: Some(DirectionalExplain {
            measure: "half_slopes".to_string(),
            fit_slope: None,
            rate: None,
            signed_rate: None,
            threshold: None,
            half_size: Some(k),
            earlier_slope: earlier,
            later_slope: later,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::scale::ModelScale;

    /// One helper: values from 2020 on, unit, direction → status and rate.
    fn check(values: &[f64], unit: Unit, direction: Direction, status: Status, rate: Option<f64>) {
        let points: Vec<(i32, f64)> = values.iter().enumerate().map(|(i, &v)| (2020 + i as i32, v)).collect();
        let trend = Trend::new(&points, ModelScale::linear(), 0.8);
        let j = judge(direction, unit, &trend, &Thresholds::default());
        assert_eq!(j.status, status, "{values:?} {direction:?}");
        let got = j.explain.and_then(|e| e.rate);
        match (got, rate) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "rate {a} vs {b}"),
            (a, b) => assert_eq!(a, b),
        }
    }

    #[test]
    fn movement_by_hand() {
        use Direction::*;
        // Constant 2% growth: r = 0.02 > 1%.
        let grow: Vec<f64> = (0..4).map(|i| 100.0 * 1.02_f64.powi(i)).collect();
        check(&grow, Unit::Count, Increase, Status::SignificantProgress, Some(0.02));
        check(&grow, Unit::Count, Decrease, Status::SignificantAway, Some(0.02));
        let slow: Vec<f64> = (0..4).map(|i| 100.0 * 1.005_f64.powi(i)).collect();
        check(&slow, Unit::Count, Increase, Status::ModerateProgress, Some(0.005));
        check(&slow, Unit::Count, Decrease, Status::ModerateAway, Some(0.005));
        // Flat: no progress counts as moderate movement away.
        check(&[5.0, 5.0, 5.0], Unit::Count, Increase, Status::ModerateAway, Some(0.0));
        // Percentages in points a year: 0.6 > 0.5, 0.4 < 0.5.
        check(&[40.0, 40.6, 41.2], Unit::Percent, Increase, Status::SignificantProgress, Some(0.6));
        check(&[40.0, 40.4, 40.8], Unit::Percent, Decrease, Status::ModerateAway, Some(0.4));
        check(&[40.0, 39.4, 38.8], Unit::Percent, Decrease, Status::SignificantProgress, Some(-0.6));
        // A zero rules out the log fit: slope / mean |y| instead (b = 0.7, mean 1.4).
        check(&[0.0, 1.0, 1.0, 2.0, 3.0], Unit::Count, Increase, Status::SignificantProgress, Some(0.7 / 1.4));
        check(&[5.0], Unit::Count, Increase, Status::InsufficientData, None);
    }

    #[test]
    fn slowing_compares_the_halves() {
        use Direction::SlowIncrease;
        // 1, 3, 5, 6, 7: first three rise 2 a year, last three 1 a year.
        check(&[1.0, 3.0, 5.0, 6.0, 7.0], Unit::Count, SlowIncrease, Status::Slowing, None);
        check(&[1.0, 2.0, 3.0, 5.0, 7.0], Unit::Count, SlowIncrease, Status::NotSlowing, None);
        // Even n: halves of two; equal slopes are not slowing.
        check(&[1.0, 2.0, 3.0, 4.0], Unit::Count, SlowIncrease, Status::NotSlowing, None);
        check(&[1.0, 2.0, 3.0], Unit::Count, SlowIncrease, Status::InsufficientData, None);
    }

    /// `slow_increase` in the indicator's own unit: C-HEALTH-15 (child
    /// overweight) at 10, 11, 12, 13% rises steadily; on the logit scale the
    /// halves differ and it read as `slowing`.
    #[test]
    fn slow_increase_in_the_own_unit() {
        let points: Vec<(i32, f64)> = [10.0, 11.0, 12.0, 13.0].iter().enumerate().map(|(i, &v)| (2020 + i as i32, v)).collect();
        let trend = Trend::new(&points, ModelScale::logit(0.0, 100.0, 0.1), 0.8);
        let j = judge(Direction::SlowIncrease, Unit::Percent, &trend, &Thresholds::default());
        assert_eq!(j.status, Status::NotSlowing);
        let e = j.explain.unwrap();
        assert_eq!((e.earlier_slope, e.later_slope), (Some(1.0), Some(1.0)));
        // 0.1 + 0.2 style rounding never reads as slowing.
        let points = [(2020, 0.1), (2021, 0.2), (2022, 0.30000000000000004), (2023, 0.4)];
        let trend = Trend::new(&points, ModelScale::linear(), 0.8);
        assert_eq!(judge(Direction::SlowIncrease, Unit::Count, &trend, &Thresholds::default()).status, Status::NotSlowing);
    }
}
