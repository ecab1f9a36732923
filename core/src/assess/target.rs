//! Targets as the rules use them: a catalog [`Goal`] resolved into either a
//! numeric [`Rule`] (a threshold or a band, with the default "about" tolerance
//! filled in) or a direction to judge by the trend.
//!
//! This module owns what "meets the target", the gap, and "the nearest band
//! edge" mean (METHODS.md, "Gap, pace and status"). It computes no trend.

use crate::catalog::{Comparator, Direction, Goal, Unit};

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

/// What an indicator's goal asks, resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    /// A numeric target (including `maintain` with a level). `tolerance` is the
    /// half-width of an "about" band actually used.
    Numeric { rule: Rule, tolerance: Option<f64> },
    /// `increase`, `decrease`, `slow_increase`: judged by the trend.
    Trend(Direction),
    /// `maintain` without a level, or `other`: not judged.
    NotJudged(Direction),
}

/// Resolves a goal: fills in the default "about" tolerance (1 percentage point
/// for percentages, 2% of the value otherwise) and turns `maintain` with a
/// level into a threshold.
pub fn resolve(goal: &Goal, unit: Unit, thresholds: &Thresholds) -> Resolved {
    match *goal {
        Goal::Compare { comparator, value } => {
            Resolved::Numeric { rule: Rule::Threshold { comparator, value }, tolerance: None }
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
            }
        }
        Goal::Between { low, high } => {
            let (low, high) = if low <= high { (low, high) } else { (high, low) };
            Resolved::Numeric { rule: Rule::Band { low, high, center: (low + high) / 2.0 }, tolerance: None }
        }
        Goal::Direction { direction: Direction::Maintain, level: Some((comparator, value)) } => {
            Resolved::Numeric { rule: Rule::Threshold { comparator, value }, tolerance: None }
        }
        Goal::Direction { direction: d @ (Direction::Maintain | Direction::Other), .. } => Resolved::NotJudged(d),
        Goal::Direction { direction, .. } => Resolved::Trend(direction),
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

    /// gap = y* − y, or for a band the signed distance to it (0 inside).
    pub fn gap(&self, y: f64) -> f64 {
        match *self {
            Rule::Threshold { value, .. } => value - y,
            Rule::Band { low, .. } if y < low => low - y,
            Rule::Band { high, .. } if y > high => high - y,
            Rule::Band { .. } => 0.0,
        }
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
        match resolve(&goal, unit, &Thresholds::default()) {
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
        let le = Goal::Compare { comparator: Le, value: 7.5 };
        check(le.clone(), Unit::Per100kLiveBirths, 14.3, false, -6.8, Some((Le, 7.5)));
        check(le, Unit::Per100kLiveBirths, 7.5, true, 0.0, Some((Le, 7.5)));
        check(Goal::Compare { comparator: Lt, value: 7.5 }, Unit::Per100k, 7.5, false, 0.0, Some((Lt, 7.5)));
        check(Goal::Compare { comparator: Ge, value: 90.0 }, Unit::Percent, 94.9, true, -4.9, Some((Ge, 90.0)));
        // "About 45%": band 44..46 by default for percentages.
        let about = Goal::Approx { value: 45.0, tolerance: None };
        check(about.clone(), Unit::Percent, 45.8, true, 0.0, None);
        check(about.clone(), Unit::Percent, 42.0, false, 2.0, Some((Ge, 44.0)));
        check(about, Unit::Percent, 47.5, false, -1.5, Some((Le, 46.0)));
        // "About 80 years": 2% of 80 = 1.6.
        check(Goal::Approx { value: 80.0, tolerance: None }, Unit::Years, 78.0, false, 0.4, Some((Ge, 78.4)));
        // A catalog tolerance wins.
        check(Goal::Approx { value: 80.0, tolerance: Some(0.5) }, Unit::Years, 79.6, true, 0.0, None);
        // A range, given the wrong way round.
        check(Goal::Between { low: 107.0, high: 103.0 }, Unit::Ratio, 110.0, false, -3.0, Some((Le, 107.0)));
        // Maintain at a level is a threshold.
        let keep = Goal::Direction { direction: Direction::Maintain, level: Some((Ge, 95.0)) };
        check(keep, Unit::Percent, 94.0, false, 1.0, Some((Ge, 95.0)));
    }

    #[test]
    fn directions_resolve_to_trend_or_not_judged() {
        let th = Thresholds::default();
        let goal = |direction| Goal::Direction { direction, level: None };
        assert_eq!(resolve(&goal(Direction::Increase), Unit::Percent, &th), Resolved::Trend(Direction::Increase));
        assert_eq!(
            resolve(&goal(Direction::SlowIncrease), Unit::Percent, &th),
            Resolved::Trend(Direction::SlowIncrease)
        );
        assert_eq!(resolve(&goal(Direction::Maintain), Unit::Percent, &th), Resolved::NotJudged(Direction::Maintain));
        assert_eq!(resolve(&goal(Direction::Other), Unit::Percent, &th), Resolved::NotJudged(Direction::Other));
    }

    #[test]
    fn aim_inside_a_band_is_its_centre() {
        let r = rule(Goal::Approx { value: 45.0, tolerance: None }, Unit::Percent);
        assert_eq!(r.aim(45.5), 45.0);
        assert_eq!(r.aim(40.0), 44.0);
    }
}
