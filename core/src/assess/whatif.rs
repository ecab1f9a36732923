//! What-if scenarios (METHODS.md, "What-if"): from the latest point, an annual
//! change in units, a constant percentage a year, or the required pace; the path
//! year by year to the target year, the values in 2025 and the target year, and
//! whether the target (and each milestone) is met.
//!
//! Paths never leave the indicator's bounds: a value that would is held at the
//! bound and the result says `capped`. The scenario itself is kept by the app.

use serde::{Deserialize, Serialize};

use crate::catalog::{Direction, Indicator, Scale};
use crate::series::Point;

use super::settings::Settings;
use super::target::Resolved;
use super::trend::finite;

/// The change a scenario applies every year from the latest point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum WhatIfChange {
    /// y(Y) = y_n + d·(Y − t_n), d in the indicator's unit a year.
    UnitsPerYear(f64),
    /// y(Y) = y_n·(1 + p/100)^(Y − t_n): constant relative change (log scale).
    PercentPerYear(f64),
    /// Straight on the model scale from g(y_n) to g(y*) at the target year:
    /// exactly the pace `required_slope` describes.
    RequiredPace,
}

/// One year of a scenario path.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PathPoint {
    pub year: i32,
    pub value: f64,
}

/// A milestone under a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WhatIfMilestone {
    pub year: i32,
    pub value: Option<f64>,
    pub met: Option<bool>,
}

/// The outcome of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    pub change: WhatIfChange,
    /// The latest point the path starts from.
    pub start_year: Option<i32>,
    pub start_value: Option<f64>,
    /// The average change a year in the unit, (y(T) − y_n)/(T − t_n).
    pub annual_change: Option<f64>,
    /// The relative change a year (0.03 = 3%) for percentage and log-scale paths.
    pub annual_rate: Option<f64>,
    /// Every year from the latest point to the target year.
    pub path: Vec<PathPoint>,
    pub mid_term_year: i32,
    pub value_mid_term: Option<f64>,
    pub target_year: i32,
    pub value_at_target: Option<f64>,
    /// Whether the value at the target year meets the target: the comparator or
    /// band for numeric targets; above (below) the latest value for `increase`
    /// (`decrease`); `None` where there is nothing to compare.
    pub met: Option<bool>,
    pub milestones: Vec<WhatIfMilestone>,
    /// Whether the path was held at a bound in some year.
    pub capped: bool,
    /// Why the path is empty or `met` is null: `no_data`, `invalid_value:YEAR`,
    /// `target_year_passed`, `no_required_pace`.
    pub reason: Option<String>,
}

/// Runs a scenario for `indicator` from its latest point.
///
/// ```
/// use gapcast_core::assess::{what_if, Settings, WhatIfChange};
/// use gapcast_core::catalog::*;
/// use gapcast_core::series::Point;
/// let ind = Indicator {
///     id: "C-HEALTH-99".into(), key: None, plan: Plan::Children, domain: "儿童与健康".into(),
///     name_zh: "筛查率".into(), name_en: "Screening".into(), aliases: vec![], unit: Unit::Percent,
///     bounds: Unit::Percent.default_bounds(),
///     target: Target { goal: Goal::Compare { comparator: Comparator::Ge, value: 70.0, tolerance: None }, year: 2030 },
///     milestones: vec![], scale: None, source: String::new(), wording_zh: None,
///     notes_zh: None, notes_en: None, proxy_for: None,
/// };
/// let points = [Point { year: 2024, value: 55.0, note: None }];
/// let w = what_if(&ind, &points, &Settings::new(2025), WhatIfChange::UnitsPerYear(3.0));
/// assert_eq!((w.value_at_target, w.met), (Some(73.0), Some(true)));
/// ```
pub fn what_if(indicator: &Indicator, points: &[Point], settings: &Settings, change: WhatIfChange) -> WhatIf {
    let target_year = indicator.target.year;
    let mut out = WhatIf {
        change,
        start_year: None,
        start_value: None,
        annual_change: None,
        annual_rate: None,
        path: Vec::new(),
        mid_term_year: settings.mid_term_year,
        value_mid_term: None,
        target_year,
        value_at_target: None,
        met: None,
        milestones: Vec::new(),
        capped: false,
        reason: None,
    };
    let prepared = match super::prepare(indicator, points, settings) {
        Ok(p) => p,
        Err(invalid) => {
            out.reason = invalid.first().map(|w| w.code.clone());
            return out;
        }
    };
    let trend = &prepared.trend;
    let Some((t_n, y_n)) = trend.latest() else {
        out.reason = Some("no_data".to_string());
        return out;
    };
    out.start_year = Some(t_n);
    out.start_value = Some(y_n);
    let rule = match prepared.resolved {
        Resolved::Numeric { rule, .. } => Some(rule),
        _ => None,
    };
    if t_n >= target_year {
        out.path.push(PathPoint { year: t_n, value: y_n });
        out.reason = Some("target_year_passed".to_string());
        return out;
    }

    let scale = trend.scale;
    let span = f64::from(target_year - t_n);
    // The value k years after the latest point, before capping.
    let step: Box<dyn Fn(f64) -> f64> = match change {
        WhatIfChange::UnitsPerYear(d) => Box::new(move |k| y_n + d * k),
        WhatIfChange::PercentPerYear(p) => Box::new(move |k| y_n * (1.0 + p / 100.0).powf(k)),
        WhatIfChange::RequiredPace => {
            let Some(rule) = rule else {
                out.reason = Some("no_required_pace".to_string());
                return out;
            };
            let aim = rule.aim(y_n);
            let g_start = trend.latest_used().map(|y| scale.g(y)).unwrap_or(f64::NAN);
            let b_req = (scale.g_target(aim) - g_start) / span;
            if !b_req.is_finite() {
                out.reason = Some("no_required_pace".to_string());
                return out;
            }
            if scale.scale == Scale::Log {
                out.annual_rate = finite(b_req.exp_m1());
            }
            // Land exactly on the aim in the target year (a logit aim on a bound
            // was moved inside by δ for the slope).
            Box::new(move |k| if k >= span { aim } else { scale.g_inv(g_start + b_req * k) })
        }
    };
    if let WhatIfChange::PercentPerYear(p) = change {
        out.annual_rate = finite(p / 100.0);
    }

    let bounds = indicator.bounds;
    for year in t_n..=target_year {
        let raw = step(f64::from(year - t_n));
        if !raw.is_finite() {
            out.path.clear();
            out.reason = Some("no_required_pace".to_string());
            return out;
        }
        let mut value = raw;
        if let Some(lower) = bounds.lower.filter(|l| value < *l) {
            value = lower;
        }
        if let Some(upper) = bounds.upper.filter(|u| value > *u) {
            value = upper;
        }
        out.capped |= value != raw;
        out.path.push(PathPoint { year, value });
    }
    let at = |year: i32| out.path.iter().find(|p| p.year == year).map(|p| p.value);
    out.value_mid_term = at(settings.mid_term_year);
    out.value_at_target = at(target_year);
    out.annual_change = out.value_at_target.and_then(|v| finite((v - y_n) / span));
    out.met = out.value_at_target.and_then(|v| match (rule, prepared.resolved) {
        (Some(rule), _) => Some(rule.meets(v)),
        (None, Resolved::Trend(Direction::Increase)) => Some(v > y_n),
        (None, Resolved::Trend(Direction::Decrease)) => Some(v < y_n),
        _ => None,
    });
    out.milestones = indicator
        .milestones
        .iter()
        .map(|m| {
            let value = at(m.year);
            let rule = super::milestone_rule(indicator, m, &settings.thresholds).0;
            WhatIfMilestone { year: m.year, value, met: value.map(|v| rule.meets(v)) }
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::*;

    fn indicator(unit: Unit, goal: Goal, milestones: Vec<Milestone>) -> Indicator {
        Indicator {
            id: "T-1".into(),
            key: None,
            plan: Plan::Women,
            domain: "妇女与健康".into(),
            name_zh: "测试".into(),
            name_en: "Test".into(),
            aliases: vec![],
            unit,
            bounds: unit.default_bounds(),
            target: Target { goal, year: 2030 },
            milestones,
            scale: None,
            source: String::new(),
            wording_zh: None,
            notes_zh: None,
            notes_en: None,
            proxy_for: None,
        }
    }

    fn pts(values: &[(i32, f64)]) -> Vec<Point> {
        values.iter().map(|&(year, value)| Point { year, value, note: None }).collect()
    }

    /// One helper: scenario → (value in 2025, value in 2030, met, capped).
    fn check(
        ind: &Indicator,
        points: &[(i32, f64)],
        change: WhatIfChange,
        expected: (Option<f64>, Option<f64>, Option<bool>, bool),
    ) {
        let w = what_if(ind, &pts(points), &Settings::new(2025), change);
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9 * b.abs().max(1.0),
            (a, b) => a == b,
        };
        assert!(close(w.value_mid_term, expected.0), "2025: {:?} vs {:?}", w.value_mid_term, expected.0);
        assert!(close(w.value_at_target, expected.1), "2030: {:?} vs {:?}", w.value_at_target, expected.1);
        assert_eq!((w.met, w.capped), (expected.2, expected.3));
    }

    #[test]
    fn scenarios_by_hand() {
        use Comparator::*;
        let screening = indicator(Unit::Percent, Goal::Compare { comparator: Ge, value: 70.0, tolerance: None }, vec![]);
        // "If we raise screening by 3 points a year, do we reach 70% by 2030?"
        check(
            &screening,
            &[(2023, 52.0), (2024, 55.0)],
            WhatIfChange::UnitsPerYear(3.0),
            (Some(58.0), Some(73.0), Some(true), false),
        );
        check(
            &screening,
            &[(2024, 55.0)],
            WhatIfChange::UnitsPerYear(2.0),
            (Some(57.0), Some(67.0), Some(false), false),
        );
        // Capped at 100%.
        check(
            &screening,
            &[(2024, 95.0)],
            WhatIfChange::UnitsPerYear(3.0),
            (Some(98.0), Some(100.0), Some(true), true),
        );
        // Maternal mortality −5% a year from 14.3 in 2024: 14.3·0.95^6 in 2030.
        let mmr = indicator(Unit::Per100kLiveBirths, Goal::Compare { comparator: Le, value: 7.5, tolerance: None }, vec![]);
        check(
            &mmr,
            &[(2024, 14.3)],
            WhatIfChange::PercentPerYear(-5.0),
            (Some(14.3 * 0.95), Some(14.3 * 0.95_f64.powi(6)), Some(false), false),
        );
        // Required pace lands exactly on the target, halfway on ln in 2027.
        let w = what_if(&mmr, &pts(&[(2024, 14.3)]), &Settings::new(2025), WhatIfChange::RequiredPace);
        assert_eq!(w.value_at_target, Some(7.5));
        assert_eq!(w.met, Some(true));
        let mid = w.path.iter().find(|p| p.year == 2027).unwrap().value;
        assert!((mid - (14.3_f64 * 7.5).sqrt()).abs() < 1e-12);
        assert!((w.annual_rate.unwrap() - ((7.5_f64 / 14.3).powf(1.0 / 6.0) - 1.0)).abs() < 1e-12);
        // Milestones: 4 places by 2025, 6 by 2030, from 3.6 in 2024 at +0.5 a year.
        let places = indicator(
            Unit::Per1000Population,
            Goal::Compare { comparator: Ge, value: 6.0, tolerance: None },
            vec![Milestone { year: 2025, comparator: Ge, value: 4.0 }],
        );
        let w = what_if(&places, &pts(&[(2024, 3.6)]), &Settings::new(2025), WhatIfChange::UnitsPerYear(0.5));
        assert_eq!(w.milestones, vec![WhatIfMilestone { year: 2025, value: Some(4.1), met: Some(true) }]);
        assert_eq!(w.met, Some(true));
    }

    #[test]
    fn scenarios_without_a_start_or_a_target_say_why() {
        let screening = indicator(Unit::Percent, Goal::Compare { comparator: Comparator::Ge, value: 70.0, tolerance: None }, vec![]);
        let w = what_if(&screening, &[], &Settings::new(2025), WhatIfChange::UnitsPerYear(1.0));
        assert_eq!((w.path.len(), w.reason.as_deref()), (0, Some("no_data")));
        let w = what_if(&screening, &pts(&[(2031, 60.0)]), &Settings::new(2025), WhatIfChange::UnitsPerYear(1.0));
        assert_eq!(w.reason.as_deref(), Some("target_year_passed"));
        let other = indicator(Unit::Percent, Goal::Direction { direction: Direction::Other, level: None }, vec![]);
        let w = what_if(&other, &pts(&[(2024, 60.0)]), &Settings::new(2025), WhatIfChange::RequiredPace);
        assert_eq!(w.reason.as_deref(), Some("no_required_pace"));
        let up = indicator(Unit::Percent, Goal::Direction { direction: Direction::Increase, level: None }, vec![]);
        let w = what_if(&up, &pts(&[(2024, 60.0)]), &Settings::new(2025), WhatIfChange::UnitsPerYear(0.5));
        assert_eq!(w.met, Some(true));
    }
}
