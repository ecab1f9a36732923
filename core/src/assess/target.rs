//! Targets as the rules use them: a catalog [`Goal`] resolved into either a
//! numeric [`Rule`] (a threshold or a band, with the default "about" tolerance
//! filled in) or a direction to judge by the trend.
//!
//! This module owns what "meets the target", the gap, "the nearest band edge"
//! and the effective target of a target on a bound mean (METHODS.md, "Targets
//! on a bound" and "Gap, pace and status"). It computes no trend.
//!
//! A target on a bound ("≥ 100%" on [0, 100], "≤ 0") can never be reached on a
//! logit or log scale, and 99.96% reads 100.0% anyway; such a target is
//! resolved once, here, into its effective target y*_eff = U − τ_b (or
//! L + τ_b), so that every rule downstream (gap, pace, probability, status,
//! milestones, checkpoint, `at_risk`) uses it without knowing.

use crate::catalog::{Bounds, Comparator, Direction, Goal, Unit};

use super::settings::Thresholds;

/// A target with a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// `value <comparator> threshold`.
    Threshold { comparator: Comparator, value: f64 },
    /// Inside `[low, high]` (an "about" band or a range); `center` is where the
    /// checkpoint's glide path aims (y* for "about", the midpoint for a range).
    Band { low: f64, high: f64, center: f64 },
}

/// A target stated on a bound of the indicator, and the effective target that
/// replaces it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnBound {
    /// The value the plan states (100, 0).
    pub stated: f64,
    /// τ_b: met within this distance of the bound.
    pub tolerance: f64,
    /// y*_eff = U − τ_b or L + τ_b.
    pub effective: f64,
}

/// What an indicator's goal asks, resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    /// A numeric target (including `maintain` with a level). `tolerance` is the
    /// half-width of an "about" band actually used; `on_bound` is set when the
    /// target sits on a bound and the rule holds its effective target.
    Numeric { rule: Rule, tolerance: Option<f64>, on_bound: Option<OnBound> },
    /// `increase`, `decrease`, `slow_increase`: judged by the trend.
    Trend(Direction),
    /// `maintain` without a level, or `other`: not judged.
    NotJudged(Direction),
}

/// Resolves a goal: fills in the default "about" tolerance (2 percentage points
/// for percentages, 5% of the value otherwise), turns `maintain` with a level
/// into a threshold, and replaces a target on a bound by its effective target.
pub fn resolve(goal: &Goal, unit: Unit, bounds: &Bounds, thresholds: &Thresholds) -> Resolved {
    match *goal {
        Goal::Compare { comparator, value, tolerance } => {
            let (rule, on_bound) = threshold(comparator, value, bounds, tolerance.unwrap_or(thresholds.bound_tolerance));
            Resolved::Numeric { rule, tolerance: on_bound.map(|b| b.tolerance), on_bound }
        }
        Goal::Approx { value, tolerance } => {
            let tau = tolerance.unwrap_or(match unit {
                Unit::Percent => thresholds.approx_points,
                _ => thresholds.approx_relative * value.abs(),
            });
            let tau = tau.abs();
            Resolved::Numeric {
                rule: Rule::Band { low: value - tau, high: value + tau, center: value },
                tolerance: Some(tau),
                on_bound: None,
            }
        }
        Goal::Between { low, high } => {
            let (low, high) = if low <= high { (low, high) } else { (high, low) };
            Resolved::Numeric {
                rule: Rule::Band { low, high, center: (low + high) / 2.0 },
                tolerance: None,
                on_bound: None,
            }
        }
        Goal::Direction { direction: Direction::Maintain, level: Some((comparator, value)) } => {
            let (rule, on_bound) = threshold(comparator, value, bounds, thresholds.bound_tolerance);
            Resolved::Numeric { rule, tolerance: on_bound.map(|b| b.tolerance), on_bound }
        }
        Goal::Direction { direction: d @ (Direction::Maintain | Direction::Other), .. } => Resolved::NotJudged(d),
        Goal::Direction { direction, .. } => Resolved::Trend(direction),
    }
}

/// A threshold target, with a target on a bound replaced by its effective
/// target: "≥ U" (or "> U") becomes "≥ U − τ_b", "≤ L" (or "< L") becomes
/// "≤ L + τ_b". Milestones go through here too.
pub fn threshold(comparator: Comparator, value: f64, bounds: &Bounds, tau_b: f64) -> (Rule, Option<OnBound>) {
    let tau_b = tau_b.abs();
    let on_bound = if comparator.higher_is_better() {
        bounds.upper.filter(|&u| value >= u).map(|u| (Comparator::Ge, u - tau_b))
    } else {
        bounds.lower.filter(|&l| value <= l).map(|l| (Comparator::Le, l + tau_b))
    };
    match on_bound {
        Some((comparator, effective)) => (
            Rule::Threshold { comparator, value: effective },
            Some(OnBound { stated: value, tolerance: tau_b, effective }),
        ),
        None => (Rule::Threshold { comparator, value }, None),
    }
}

impl Rule {
    /// Whether `y` meets the target.
    pub fn meets(&self, y: f64) -> bool {
        match *self {
            Rule::Threshold { comparator, value } => comparator.holds(y, value),
            Rule::Band { low, high, .. } => low <= y && y <= high,
        }
    }

    /// The one-sided target a value is judged against: the threshold itself, or
    /// for a band the nearest edge as a ≥ (below the band) or ≤ (above) target;
    /// `None` inside a band.
    pub fn edge(&self, y: f64) -> Option<(Comparator, f64)> {
        match *self {
            Rule::Threshold { comparator, value } => Some((comparator, value)),
            Rule::Band { low, .. } if y < low => Some((Comparator::Ge, low)),
            Rule::Band { high, .. } if y > high => Some((Comparator::Le, high)),
            Rule::Band { .. } => None,
        }
    }

    /// The gap: the distance still to go, in the unit. y* − y for ≥ targets,
    /// y − y* for ≤ targets, the distance to a band (0 inside). Positive: not
    /// met yet; zero or negative: met (by that much). Its sign means the same
    /// whatever the target's direction.
    pub fn gap(&self, y: f64) -> f64 {
        match *self {
            Rule::Threshold { comparator, value } if comparator.higher_is_better() => value - y,
            Rule::Threshold { value, .. } => y - value,
            Rule::Band { low, .. } if y < low => low - y,
            Rule::Band { high, .. } if y > high => y - high,
            Rule::Band { .. } => 0.0,
        }
    }

    /// The value gaps are measured against, for the relative gap gap / |y*|:
    /// the (effective) threshold, or the band's edge on `y`'s side.
    pub fn reference(&self, y: f64) -> f64 {
        self.edge(y).map_or(self.glide_value(), |(_, value)| value)
    }

    /// The value the checkpoint's glide path and the "required pace" what-if
    /// aim at when `y` already meets a band: y* for a threshold, else the edge
    /// `y` is judged against, else the band's centre.
    pub fn aim(&self, y: f64) -> f64 {
        match self.edge(y) {
            Some((_, value)) => value,
            None => self.glide_value(),
        }
    }

    /// Where the checkpoint's glide path ends: y*, or the band's centre.
    pub fn glide_value(&self) -> f64 {
        match *self {
            Rule::Threshold { value, .. } => value,
            Rule::Band { center, .. } => center,
        }
    }

    /// The values that must be representable on a log scale.
    pub fn values(&self) -> Vec<f64> {
        match *self {
            Rule::Threshold { value, .. } => vec![value],
            Rule::Band { center, .. } => vec![center],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(goal: Goal, unit: Unit) -> Rule {
        match resolve(&goal, unit, &unit.default_bounds(), &Thresholds::default()) {
            Resolved::Numeric { rule, .. } => rule,
            other => panic!("not numeric: {other:?}"),
        }
    }

    /// One helper: (goal, unit, value) → (meets, gap, edge).
    fn check(goal: Goal, unit: Unit, y: f64, meets: bool, gap: f64, edge: Option<(Comparator, f64)>) {
        let r = rule(goal.clone(), unit);
        assert_eq!(r.meets(y), meets, "{goal:?} meets {y}");
        assert!((r.gap(y) - gap).abs() < 1e-12, "{goal:?} gap at {y}: {}", r.gap(y));
        assert_eq!(r.edge(y), edge, "{goal:?} edge at {y}");
    }

    #[test]
    fn gap_meets_and_edges() {
        use Comparator::*;
        let le = Goal::Compare { comparator: Le, value: 7.5, tolerance: None };
        // The gap is the distance still to go: positive means not met, for ≤ and ≥ alike.
        check(le.clone(), Unit::Per100kLiveBirths, 14.3, false, 6.8, Some((Le, 7.5)));
        check(le, Unit::Per100kLiveBirths, 7.5, true, 0.0, Some((Le, 7.5)));
        check(Goal::Compare { comparator: Lt, value: 7.5, tolerance: None }, Unit::Per100k, 7.5, false, 0.0, Some((Lt, 7.5)));
        check(Goal::Compare { comparator: Ge, value: 90.0, tolerance: None }, Unit::Percent, 94.9, true, -4.9, Some((Ge, 90.0)));
        // "About 45%": band 43..47 by default for percentages.
        let about = Goal::Approx { value: 45.0, tolerance: None };
        check(about.clone(), Unit::Percent, 46.8, true, 0.0, None);
        check(about.clone(), Unit::Percent, 42.0, false, 1.0, Some((Ge, 43.0)));
        check(about, Unit::Percent, 47.5, false, 0.5, Some((Le, 47.0)));
        // "About 80 years": 5% of 80 = 4.
        check(Goal::Approx { value: 80.0, tolerance: None }, Unit::Years, 75.0, false, 1.0, Some((Ge, 76.0)));
        // A catalog tolerance wins.
        check(Goal::Approx { value: 80.0, tolerance: Some(0.5) }, Unit::Years, 79.6, true, 0.0, None);
        // A range, given the wrong way round.
        check(Goal::Between { low: 107.0, high: 103.0 }, Unit::Ratio, 110.0, false, 3.0, Some((Le, 107.0)));
        // Maintain at a level is a threshold.
        let keep = Goal::Direction { direction: Direction::Maintain, level: Some((Ge, 95.0)) };
        check(keep, Unit::Percent, 94.0, false, 1.0, Some((Ge, 95.0)));
    }

    #[test]
    fn directions_resolve_to_trend_or_not_judged() {
        let th = Thresholds::default();
        let b = Unit::Percent.default_bounds();
        let goal = |direction| Goal::Direction { direction, level: None };
        assert_eq!(resolve(&goal(Direction::Increase), Unit::Percent, &b, &th), Resolved::Trend(Direction::Increase));
        assert_eq!(
            resolve(&goal(Direction::SlowIncrease), Unit::Percent, &b, &th),
            Resolved::Trend(Direction::SlowIncrease)
        );
        assert_eq!(resolve(&goal(Direction::Maintain), Unit::Percent, &b, &th), Resolved::NotJudged(Direction::Maintain));
        assert_eq!(resolve(&goal(Direction::Other), Unit::Percent, &b, &th), Resolved::NotJudged(Direction::Other));
    }

    /// Targets on a bound: "≥ 100%" is met from 99.95 on (τ_b = 0.05), "≤ 0"
    /// up to 0.05; a gross ratio with an open upper bound keeps its 100.
    #[test]
    fn targets_on_a_bound_use_the_effective_target() {
        use Comparator::*;
        let full = Goal::Compare { comparator: Ge, value: 100.0, tolerance: None };
        check(full.clone(), Unit::Percent, 99.96, true, 0.0 - 0.01, Some((Ge, 99.95)));
        check(full.clone(), Unit::Percent, 99.5, false, 0.45, Some((Ge, 99.95)));
        check(Goal::Compare { comparator: Gt, value: 100.0, tolerance: None }, Unit::Percent, 99.95, true, 0.0, Some((Ge, 99.95)));
        check(Goal::Compare { comparator: Le, value: 0.0, tolerance: None }, Unit::Count, 0.04, true, -0.01, Some((Le, 0.05)));
        let th = Thresholds::default();
        match resolve(&full, Unit::Percent, &Unit::Percent.default_bounds(), &th) {
            Resolved::Numeric { on_bound: Some(b), tolerance, .. } => {
                assert_eq!((b.stated, b.effective, tolerance), (100.0, 99.95, Some(0.05)))
            }
            other => panic!("{other:?}"),
        }
        let open = Bounds { lower: Some(0.0), upper: None };
        assert_eq!(
            resolve(&full, Unit::Percent, &open, &th),
            Resolved::Numeric { rule: Rule::Threshold { comparator: Ge, value: 100.0 }, tolerance: None, on_bound: None }
        );
    }

    #[test]
    fn aim_inside_a_band_is_its_centre() {
        let r = rule(Goal::Approx { value: 45.0, tolerance: None }, Unit::Percent);
        assert_eq!(r.aim(45.5), 45.0);
        assert_eq!(r.aim(40.0), 43.0);
    }
}
