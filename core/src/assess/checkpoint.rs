//! The checkpoint (METHODS.md, after ESCAP's "expected progress to date"): the
//! glide path from the base value to the target, straight on the model scale,
//! and where the latest value and the mid-term projection stand against it.
//!
//! It owns the glide path only; the projection it compares with comes from the
//! [`Trend`].

use serde::Serialize;

use super::target::Rule;
use super::trend::{finite, Trend};

/// Ahead of, on, or behind the glide path, in the direction the target wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathPosition {
    Ahead,
    OnPath,
    Behind,
}

impl PathPosition {
    /// The output name (`ahead`, `on_path`, `behind`).
    pub fn key(self) -> &'static str {
        match self {
            PathPosition::Ahead => "ahead",
            PathPosition::OnPath => "on_path",
            PathPosition::Behind => "behind",
        }
    }
}

/// Expected progress to date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkpoint {
    /// The plan's base year B when the series has a figure for it (whatever the
    /// fit window), else the series' first year.
    pub base_year: i32,
    pub base_value: f64,
    /// Where the path ends: the (effective) target, or for a band the edge
    /// nearest the base; the target itself when the base already meets it.
    pub target_value: f64,
    pub target_year: i32,
    /// Whether the base already met the target: the path is then the target
    /// itself and `share_done` is null.
    pub base_meets_target: bool,
    /// The path's value in the latest year.
    pub expected_at_latest: Option<f64>,
    /// (y_n − y_base) / (y*_eff − y_base), in the indicator's unit.
    pub share_done: Option<f64>,
    /// (t_n − t_base) / (T − t_base).
    pub share_time: Option<f64>,
    /// The latest value against the path.
    pub position: Option<PathPosition>,
    /// The mid-term evaluation year (2025).
    pub mid_term_year: i32,
    /// The path's value in the mid-term year.
    pub path_mid_term: Option<f64>,
    /// The fitted trend's value in the mid-term year.
    pub projected_mid_term: Option<f64>,
    /// The projection against the path in the mid-term year.
    pub position_mid_term: Option<PathPosition>,
}

/// Builds the checkpoint for `rule` due in `target_year` from `base` (the
/// caller's (year, value) of the plan's base year, else of the series' first
/// point). `None` without data, when the base is not before the target year,
/// or when the latest point is earlier than the base.
pub fn checkpoint(
    rule: &Rule,
    target_year: i32,
    trend: &Trend,
    base: (i32, f64),
    mid_term_year: i32,
) -> Option<Checkpoint> {
    let (latest_year, latest) = trend.latest()?;
    let (t_base, y_base) = base;
    if t_base >= target_year || latest_year < t_base {
        return None;
    }
    let scale = trend.scale;
    let span = f64::from(target_year - t_base);
    let share_time = finite(f64::from(latest_year - t_base) / span);
    let projected_mid_term = trend.fitted(mid_term_year);

    if rule.meets(y_base) {
        // The path is the target itself: ahead (or on it) while the value meets it.
        let target_value = rule.reference(y_base);
        let against_target = |value: Option<f64>| -> Option<PathPosition> {
            let value = value?;
            Some(if !rule.meets(value) {
                PathPosition::Behind
            } else if matches!(rule, Rule::Threshold { .. }) && equal_to_rounding(value, target_value) {
                PathPosition::OnPath
            } else {
                PathPosition::Ahead
            })
        };
        return Some(Checkpoint {
            base_year: t_base,
            base_value: y_base,
            target_value,
            target_year,
            base_meets_target: true,
            expected_at_latest: Some(target_value),
            share_done: None,
            share_time,
            position: against_target(Some(latest)),
            mid_term_year,
            path_mid_term: Some(target_value),
            projected_mid_term,
            position_mid_term: against_target(projected_mid_term),
        });
    }

    // Straight on the model scale from the base to the target (a band's edge
    // nearest the base).
    let aim = rule.aim(y_base);
    let g_base = scale.g(scale.clamp(y_base));
    let g_aim = scale.g_target(aim);
    let path = |year: i32| -> Option<f64> {
        finite(scale.g_inv(g_base + (g_aim - g_base) * f64::from(year - t_base) / span))
    };
    let expected_at_latest = path(latest_year);
    let path_mid_term = path(mid_term_year);
    Some(Checkpoint {
        base_year: t_base,
        base_value: y_base,
        target_value: aim,
        target_year,
        base_meets_target: false,
        expected_at_latest,
        share_done: finite((latest - y_base) / (aim - y_base)),
        share_time,
        position: position(rule, Some(latest), expected_at_latest),
        mid_term_year,
        path_mid_term,
        projected_mid_term,
        position_mid_term: position(rule, projected_mid_term, path_mid_term),
    })
}

/// A value against the path's value, by the target's comparator: for ≥
/// targets above the path is ahead, for ≤ below, for a band closer to it.
/// Equal to rounding (relative 1e-9) is on the path. Never from the sign of
/// `share_done`, which flips with the base's side of the target.
fn position(rule: &Rule, value: Option<f64>, on_path: Option<f64>) -> Option<PathPosition> {
    let (value, on_path) = (value?, on_path?);
    if equal_to_rounding(value, on_path) {
        return Some(PathPosition::OnPath);
    }
    let better = match *rule {
        Rule::Threshold { comparator, .. } if comparator.higher_is_better() => value > on_path,
        Rule::Threshold { .. } => value < on_path,
        Rule::Band { .. } => {
            let (d_value, d_path) = (rule.gap(value).max(0.0), rule.gap(on_path).max(0.0));
            if d_value == d_path {
                return Some(PathPosition::OnPath);
            }
            d_value < d_path
        }
    };
    Some(if better { PathPosition::Ahead } else { PathPosition::Behind })
}

fn equal_to_rounding(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::scale::ModelScale;
    use crate::catalog::Comparator;

    /// One helper: points on a scale, ≤/≥ target → (base year, expected at latest,
    /// share done, share time, position).
    #[allow(clippy::too_many_arguments)]
    fn check(
        points: &[(i32, f64)],
        scale: ModelScale,
        comparator: Comparator,
        value: f64,
        base_year: i32,
        expected: f64,
        share_done: f64,
        share_time: f64,
        position: PathPosition,
    ) {
        let trend = Trend::new(points, scale, 0.8);
        let base = points.iter().find(|p| p.0 == 2020).copied().unwrap_or(points[0]);
        let c = checkpoint(&Rule::Threshold { comparator, value }, 2030, &trend, base, 2025).unwrap();
        assert_eq!(c.base_year, base_year);
        let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-12 * b.abs().max(1.0);
        assert!(close(c.expected_at_latest, expected), "expected {:?} vs {expected}", c.expected_at_latest);
        assert!(close(c.share_done, share_done), "share_done {:?}", c.share_done);
        assert!(close(c.share_time, share_time), "share_time {:?}", c.share_time);
        assert_eq!(c.position, Some(position));
    }

    #[test]
    fn glide_paths_by_hand() {
        // Linear, base 2020 = 80, target 90 in 2030: expected 84 in 2024; 85 is
        // ahead, share done 0.5, share time 0.4.
        check(
            &[(2018, 70.0), (2020, 80.0), (2024, 85.0)],
            ModelScale::linear(),
            Comparator::Ge,
            90.0,
            2020,
            84.0,
            0.5,
            0.4,
            PathPosition::Ahead,
        );
        // No figure for 2020: the first point is the base.
        check(
            &[(2021, 80.0), (2024, 82.0)],
            ModelScale::linear(),
            Comparator::Ge,
            89.0,
            2021,
            83.0,
            2.0 / 9.0,
            3.0 / 9.0,
            PathPosition::Behind,
        );
        // Log scale, 16.9 in 2020 to 7.5 in 2030: straight on ln, so the 2024 value is
        // 16.9·(7.5/16.9)^0.4.
        let expected = 16.9 * (7.5_f64 / 16.9).powf(0.4);
        check(
            &[(2020, 16.9), (2024, 14.3)],
            ModelScale::log(),
            Comparator::Le,
            7.5,
            2020,
            expected,
            2.6 / 9.4,
            0.4,
            PathPosition::Behind,
        );
    }

    #[test]
    fn no_checkpoint_when_it_does_not_apply() {
        let rule = Rule::Threshold { comparator: Comparator::Ge, value: 5.0 };
        // Base at or after the target year.
        let trend = Trend::new(&[(2030, 4.0)], ModelScale::linear(), 0.8);
        assert!(checkpoint(&rule, 2030, &trend, (2030, 4.0), 2025).is_none());
        // The latest point before the base: share_time would be negative.
        let trend = Trend::new(&[(2018, 3.0), (2019, 4.0)], ModelScale::linear(), 0.8);
        assert!(checkpoint(&rule, 2030, &trend, (2020, 4.0), 2025).is_none());
        assert!(checkpoint(&rule, 2030, &Trend::new(&[], ModelScale::linear(), 0.8), (2020, 1.0), 2025).is_none());
    }

    /// `position` from the comparator, never from the sign of `share_done`:
    /// W-EDU-02 (≥ 99) with base 99.1 and latest 99.4 is ahead (it was
    /// `behind`); a ≤ target whose base meets it is judged against the target
    /// itself (C-HEALTH-13, ≤ 9%, at 8.0 then 8.9: ahead while it still meets
    /// it, behind once it does not).
    #[test]
    fn checkpoint_position_from_the_comparator() {
        // ≥ 99 from a base below it: 98.0 (2020) → 98.6 (2024); the path at 2024
        // is 98.4 on the linear scale, and 98.6 is above it: ahead.
        let t = Trend::new(&[(2020, 98.0), (2024, 98.6)], ModelScale::linear(), 0.8);
        let ge = Rule::Threshold { comparator: Comparator::Ge, value: 99.0 };
        let c = checkpoint(&ge, 2030, &t, (2020, 98.0), 2025).unwrap();
        assert_eq!(c.position, Some(PathPosition::Ahead));
        // ≤ 9 with the value rising 8.0 → 8.9: the base already meets the target,
        // the latest still does: ahead, share_done null.
        let le = Rule::Threshold { comparator: Comparator::Le, value: 9.0 };
        let t = Trend::new(&[(2020, 8.0), (2024, 8.9)], ModelScale::linear(), 0.8);
        let c = checkpoint(&le, 2030, &t, (2020, 8.0), 2025).unwrap();
        assert_eq!((c.base_meets_target, c.position, c.share_done), (true, Some(PathPosition::Ahead), None));
        // ... and behind once it does not.
        let t = Trend::new(&[(2020, 8.0), (2024, 9.3)], ModelScale::linear(), 0.8);
        let c = checkpoint(&le, 2030, &t, (2020, 8.0), 2025).unwrap();
        assert_eq!(c.position, Some(PathPosition::Behind));
        // ≤ 9 from 12 (2020) rising to 12.5: behind (share_done is negative; the
        // comparator, not its sign, decides).
        let t = Trend::new(&[(2020, 12.0), (2024, 12.5)], ModelScale::linear(), 0.8);
        let c = checkpoint(&le, 2030, &t, (2020, 12.0), 2025).unwrap();
        assert_eq!(c.position, Some(PathPosition::Behind));
        assert!(c.share_done.unwrap() < 0.0);
        // W-EDU-02: ≥ 99 with base 99.1 (already met) and latest 99.4: ahead.
        let t = Trend::new(&[(2020, 99.1), (2024, 99.4)], ModelScale::linear(), 0.8);
        let c = checkpoint(&Rule::Threshold { comparator: Comparator::Ge, value: 99.0 }, 2030, &t, (2020, 99.1), 2025);
        assert_eq!(c.unwrap().position, Some(PathPosition::Ahead));
    }

    #[test]
    fn on_path_to_rounding() {
        let t = Trend::new(&[(2020, 80.0), (2025, 85.0)], ModelScale::linear(), 0.8);
        let c = checkpoint(&Rule::Threshold { comparator: Comparator::Ge, value: 90.0 }, 2030, &t, (2020, 80.0), 2025);
        assert_eq!(c.unwrap().position, Some(PathPosition::OnPath));
    }
}
