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

/// Expected progress to date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkpoint {
    /// The plan's base year B when it has a figure, else the first year.
    pub base_year: i32,
    pub base_value: f64,
    /// Where the path ends: y* (a band's centre), at the target year.
    pub target_value: f64,
    pub target_year: i32,
    /// The path's value in the latest year.
    pub expected_at_latest: Option<f64>,
    /// (y_n − y_base) / (y* − y_base).
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

/// Builds the checkpoint for `rule` due in `target_year`; `None` without data.
pub fn checkpoint(
    rule: &Rule,
    target_year: i32,
    trend: &Trend,
    base_year: i32,
    mid_term_year: i32,
) -> Option<Checkpoint> {
    let (latest_year, latest) = trend.latest()?;
    let base_index = trend.years.iter().position(|&y| y == base_year).unwrap_or(0);
    let (t_base, y_base) = (trend.years[base_index], trend.values[base_index]);
    let y_star = rule.glide_value();
    let scale = trend.scale;
    let g_base = scale.g(trend.used[base_index]);
    let g_star = scale.g_target(y_star);
    let span = f64::from(target_year - t_base);
    let path = |year: i32| -> Option<f64> {
        if span <= 0.0 {
            return None;
        }
        finite(scale.g_inv(g_base + (g_star - g_base) * f64::from(year - t_base) / span))
    };
    let wanted = y_star - y_base;
    let position = |value: Option<f64>, on_path: Option<f64>| -> Option<PathPosition> {
        let (value, on_path) = (value?, on_path?);
        if wanted == 0.0 {
            None
        } else if value == on_path {
            Some(PathPosition::OnPath)
        } else if (value > on_path) == (wanted > 0.0) {
            Some(PathPosition::Ahead)
        } else {
            Some(PathPosition::Behind)
        }
    };
    let expected_at_latest = path(latest_year);
    let path_mid_term = path(mid_term_year);
    let projected_mid_term = trend.fitted(mid_term_year);
    Some(Checkpoint {
        base_year: t_base,
        base_value: y_base,
        target_value: y_star,
        target_year,
        expected_at_latest,
        share_done: finite((latest - y_base) / wanted),
        share_time: finite(f64::from(latest_year - t_base) / span),
        position: position(Some(latest), expected_at_latest),
        mid_term_year,
        path_mid_term,
        projected_mid_term,
        position_mid_term: position(projected_mid_term, path_mid_term),
    })
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
        let trend = Trend::new(points, scale, 0.8, 1e-10);
        let c = checkpoint(&Rule::Threshold { comparator, value }, 2030, &trend, 2020, 2025).unwrap();
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
    fn degenerate_paths_give_nulls_not_nan() {
        let trend = Trend::new(&[(2030, 5.0)], ModelScale::linear(), 0.8, 1e-10);
        let c =
            checkpoint(&Rule::Threshold { comparator: Comparator::Ge, value: 5.0 }, 2030, &trend, 2020, 2025).unwrap();
        assert_eq!((c.expected_at_latest, c.share_done, c.share_time, c.position), (None, None, None, None));
        assert!(checkpoint(
            &Rule::Threshold { comparator: Comparator::Ge, value: 5.0 },
            2030,
            &Trend::new(&[], ModelScale::linear(), 0.8, 1e-10),
            2020,
            2025
        )
        .is_none());
    }
}
