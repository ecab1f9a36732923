//! Milestones (METHODS.md: "each is assessed on its own with its own year; once
//! data for the milestone year exist, it is simply `met` or `missed`").
//!
//! A milestone goes through exactly the status rules of the final target
//! ([`super::status::judge`]) with its own year and threshold.

use serde::Serialize;

use crate::catalog::{Comparator, Milestone};

use super::settings::Thresholds;
use super::status::{judge, Status};
use super::target::Rule;
use super::trend::Trend;

/// One milestone's assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneAssessment {
    pub year: i32,
    pub comparator: Comparator,
    pub value: f64,
    /// The observation that decided `met`/`missed` once the year has passed
    /// (the value of the milestone year, else the latest).
    pub observed: Option<f64>,
    /// ŷ(year), the fitted trend's value in the milestone year.
    pub projected: Option<f64>,
    /// Prediction interval in the milestone year.
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub probability: Option<f64>,
    pub required_annual_change: Option<f64>,
    pub progress_ratio: Option<f64>,
    pub status: Status,
}

/// Assesses one milestone on `trend` with its `rule` (the milestone's threshold,
/// or its effective target when it sits on a bound).
pub fn assess(milestone: &Milestone, rule: Rule, trend: &Trend, thresholds: &Thresholds) -> MilestoneAssessment {
    let j = judge(&rule, milestone.year, trend, thresholds, true);
    let interval = trend.interval(milestone.year);
    MilestoneAssessment {
        year: milestone.year,
        comparator: milestone.comparator,
        value: milestone.value,
        observed: j.judged_on.map(|(_, v)| v),
        projected: trend.fitted(milestone.year),
        lower: interval.map(|i| i.0),
        upper: interval.map(|i| i.1),
        probability: j.probability,
        required_annual_change: j.required_annual_change,
        progress_ratio: j.progress_ratio,
        status: j.status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::scale::ModelScale;

    /// One helper: points, milestone (≥ value by year) → status.
    fn check(points: &[(i32, f64)], year: i32, value: f64, status: Status) {
        let trend = Trend::new(points, ModelScale::linear(), 0.8);
        let m = Milestone { year, comparator: Comparator::Ge, value };
        let rule = Rule::Threshold { comparator: Comparator::Ge, value };
        assert_eq!(assess(&m, rule, &trend, &Thresholds::default()).status, status, "{points:?}");
    }

    #[test]
    fn milestones_by_hand() {
        // 4 childcare places per 1,000 by 2025.
        check(&[(2023, 3.0), (2024, 3.5)], 2025, 4.0, Status::OnTrack);
        check(&[(2023, 3.4), (2024, 3.5)], 2025, 4.0, Status::OffTrack);
        check(&[(2024, 4.08)], 2025, 4.0, Status::Achieved);
        check(&[(2024, 3.5), (2025, 4.1)], 2025, 4.0, Status::Met);
        check(&[(2024, 3.5), (2025, 3.9)], 2025, 4.0, Status::Missed);
        // Passed without a figure for the year: judged on the latest.
        check(&[(2024, 3.5), (2026, 4.2)], 2025, 4.0, Status::Met);
    }
}
