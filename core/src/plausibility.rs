//! What counts as a unit slip (METHODS.md, `implausible:YEAR`): a value 10 or
//! more times away from both the target and the series' median. The figures
//! layer flags such a value where it was pasted and offers its likely reading;
//! the engine refuses to judge a series that holds one. Both ask this module,
//! so the cell the checks panel names is the year the engine warns about.
//!
//! The likely reading is the value rescaled by the factor of a common slip
//! (×100 for a fraction typed in a percent row, ÷100 for ‰ read as per 100,000,
//! ×100 the other way, and the ×1,000 / ×10 slips between per-1,000,
//! per-10,000 and per-100,000) that brings it nearest the series' median, when
//! that lands it within the indicator's bounds and near the median.

use crate::catalog::{Bounds, Goal, Indicator};

/// The default factor (METHODS.md): 10.
pub const FACTOR: f64 = 10.0;

/// The target value a value is compared with: the target (a band's centre, a
/// `maintain` level); `None` for a target without a number.
pub fn target_reference(indicator: &Indicator) -> Option<f64> {
    match indicator.target.goal {
        Goal::Compare { value, .. } | Goal::Approx { value, .. } => Some(value),
        Goal::Between { low, high } => Some((low + high) / 2.0),
        Goal::Direction { level: Some((_, value)), .. } => Some(value),
        Goal::Direction { level: None, .. } => None,
    }
}

/// Whether `a` and `b` (both positive) are `factor` or more times apart.
pub fn far_apart(a: f64, b: f64, factor: f64) -> bool {
    a > 0.0 && b > 0.0 && (a / b >= factor || b / a >= factor)
}

/// Whether `y` is implausible against a target and the series' median. A zero
/// is never implausible (a year without a maternal death is real), nor is
/// anything when the target is not positive.
pub fn implausible(y: f64, target: f64, median: f64, factor: f64) -> bool {
    factor > 1.0 && far_apart(y, target, factor) && far_apart(y, median, factor)
}

/// The median of `values` (`None` when empty).
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.retain(|v| !v.is_nan());
    if values.is_empty() {
        return None;
    }
    crate::sort::sort_by(&mut values, f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

/// The likely reading of an implausible `y`: rescaled by the slip factor that
/// brings it nearest the `median` of the other values, if that lands inside
/// `bounds` and within a factor of 3 of that median.
pub fn likely_reading(y: f64, median_of_others: f64, bounds: &Bounds) -> Option<f64> {
    const SLIPS: [f64; 6] = [100.0, 0.01, 1000.0, 0.001, 10.0, 0.1];
    if !(y > 0.0 && median_of_others > 0.0) {
        return None;
    }
    let distance = |x: f64| (x / median_of_others).ln().abs();
    SLIPS
        .iter()
        .map(|f| tidy(y * f))
        .filter(|x| bounds.contains(*x) && distance(*x) <= 3f64.ln())
        .min_by(|a, b| distance(*a).total_cmp(&distance(*b)))
}

/// Rounds away binary noise from a conversion (`0.93 × 100` -> `93`): twelve
/// significant digits are more than any pasted figure has.
pub(crate) fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits.clamp(-300, 300));
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implausible_values_and_their_likely_readings() {
        let percent = Bounds { lower: Some(0.0), upper: Some(100.0) };
        let rate = Bounds { lower: Some(0.0), upper: None };
        // 0.93 in a row near 93 with a target of 95: ×100.
        assert!(implausible(0.93, 95.0, 93.0, FACTOR));
        assert_eq!(likely_reading(0.93, 93.5, &percent), Some(93.0));
        // 8.1‰ read as 810 per 100,000 among values near 15, target 7.5: ÷100.
        assert!(implausible(810.0, 7.5, 15.4, FACTOR));
        assert_eq!(likely_reading(810.0, 15.4, &rate), Some(8.1));
        // A zero year and a real improvement are not slips.
        assert!(!implausible(0.0, 7.5, 15.0, FACTOR));
        assert!(!implausible(0.5, 9.0, 0.5, FACTOR));
        // Nothing near the median: no reading is offered.
        assert_eq!(likely_reading(5.0e6, 15.0, &rate), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0, 10.0]), Some(2.5));
    }
}
