//! Year series: the validated form of a user's figures for one indicator.
//!
//! The figures parser produces these; the assessment engine consumes them. A
//! series holds at most one value per year: two values for one year are a
//! conflict the input layer reports and resolves, never something averaged here.

use serde::{Deserialize, Serialize};

/// One observed value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Calendar year the value describes.
    pub year: i32,
    /// The value, in the indicator's catalog unit (conversions already applied).
    pub value: f64,
    /// A note the user gave with the value (from a 备注 column), if any.
    pub note: Option<String>,
    /// The rate's numerator for this year (deaths, cases), when counts were
    /// given: a whole number. With `exposure`, the engine models the counts
    /// (METHODS.md, "Rates and shares from counts").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<f64>,
    /// The rate's denominator for this year (live births, children), > 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposure: Option<f64>,
    /// Whether `events` was derived from a pasted rate and its denominator
    /// (d = rate·N/per, rounded), not pasted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived_count: bool,
}

impl Point {
    /// A value for a year, without note or counts.
    pub fn new(year: i32, value: f64) -> Point {
        Point { year, value, note: None, events: None, exposure: None, derived_count: false }
    }

    /// The (events, exposure) of a year given as counts.
    pub fn counts(&self) -> Option<(f64, f64)> {
        Some((self.events?, self.exposure?))
    }
}

/// An indicator's observed values, ordered by ascending year, one per year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Series {
    /// The catalog id of the indicator these figures belong to.
    pub id: String,
    /// Points in ascending year order, at most one per year.
    pub points: Vec<Point>,
}

impl Series {
    /// Builds a series from points in any order, sorting them by year.
    ///
    /// Callers must already have resolved duplicate years; if two points share a
    /// year, the later one in `points` wins, so the result stays one-per-year.
    pub fn new(id: impl Into<String>, mut points: Vec<Point>) -> Self {
        crate::sort::sort_by_key(&mut points, |p| p.year);
        points.dedup_by(|later, earlier| {
            if later.year == earlier.year {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
        Series { id: id.into(), points }
    }

    /// The most recent point, if any.
    pub fn latest(&self) -> Option<&Point> {
        self.points.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(year: i32, value: f64) -> Point {
        Point::new(year, value)
    }

    #[test]
    fn new_sorts_by_year_and_keeps_the_later_duplicate() {
        let s = Series::new("X", vec![p(2022, 3.0), p(2020, 1.0), p(2022, 4.0)]);
        assert_eq!(s.points, vec![p(2020, 1.0), p(2022, 4.0)]);
        assert_eq!(s.latest().map(|p| p.value), Some(4.0));
    }
}
