//! The engine's settings: the interval level, scale choices, the fit window, the
//! current year and every threshold METHODS.md names, each with its default.
//!
//! The app persists these (serde), so every field has a stable name and a
//! default; only `current_year` must be given, because the engine never reads a
//! clock (that keeps it pure and its results reproducible).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Scale;

/// Everything a user can change about how indicators are assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Level of the prediction intervals, strictly between 0 and 1 (default 0.8).
    #[serde(default = "default_level")]
    pub level: f64,
    /// A scale chosen for every indicator (`None`: each indicator's default).
    #[serde(default)]
    pub scale_override: Option<Scale>,
    /// Scales chosen for single indicators, by indicator id; these win over
    /// [`Settings::scale_override`].
    #[serde(default)]
    pub scale_by_indicator: BTreeMap<String, Scale>,
    /// Fit only points from this year on (`None`: every point).
    #[serde(default)]
    pub from_year: Option<i32>,
    /// The year "now" is, for the `stale` warning.
    pub current_year: i32,
    /// The plans' base year B, where the checkpoint's glide path starts (2020).
    #[serde(default = "default_base_year")]
    pub base_year: i32,
    /// The mid-term evaluation year whose projection is singled out (2025).
    #[serde(default = "default_mid_term_year")]
    pub mid_term_year: i32,
    /// The numbers the rules compare against.
    #[serde(default)]
    pub thresholds: Thresholds,
}

/// The thresholds of METHODS.md, with its defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// `on_track` when the progress ratio R is at least this (1.0).
    pub on_track: f64,
    /// `acceleration_needed` when R is at least this, else `off_track` (0.5).
    pub acceleration: f64,
    /// `volatile` when RMSE / mean |y| exceeds this (0.10).
    pub volatile: f64,
    /// Fewest points for the `volatile` warning (4).
    pub volatile_min_points: usize,
    /// `outlier:YEAR` when a point's externally studentized residual exceeds
    /// the Bonferroni bound t_{n−3, 1−α/(2n)} at this family-wise α (0.05).
    pub outlier_alpha: f64,
    /// Fewest points for the outlier check (5).
    pub outlier_min_points: usize,
    /// Directional targets: annual relative change that counts as significant
    /// (0.01 = 1% a year).
    pub directional_relative: f64,
    /// Directional targets on percentages: percentage points a year that count
    /// as significant (0.5).
    pub directional_points: f64,
    /// Fewest points to judge a `slow_increase` target (4).
    pub slow_increase_min_points: usize,
    /// `stale` when the latest year is earlier than the current year minus this (2).
    pub stale_years: i32,
    /// The most a value on a logit bound is moved inside, in the unit (0.1); the
    /// clamp δ is half the smallest of this, the bound tolerance and the series'
    /// smallest positive distance from that bound.
    pub clamp_delta: f64,
    /// τ_b: a target on a bound ("≥ 100%", "≤ 0") is met within this distance of
    /// the bound, in the unit (0.05: the value then reads 100.0 at one decimal).
    pub bound_tolerance: f64,
    /// Default half-width of an "about" band for percentages, in points (2.0).
    pub approx_points: f64,
    /// Default half-width of an "about" band otherwise, relative to the value (0.05).
    pub approx_relative: f64,
    /// `unit_suspect` when a value is this many times smaller or larger than the
    /// median of the others (50: catches a ×100 slip such as 0.93 for 93%).
    pub unit_suspect_factor: f64,
    /// `implausible:YEAR` when a value is this many times away from both the
    /// target and the series' median (10: the mark of a unit slip).
    pub implausible_factor: f64,
    /// Rates and shares from counts: a year with fewer events than this is a
    /// small number (`small_numbers`), and the latest value is then pooled over
    /// three years (20, after NCHS).
    pub small_numbers: f64,
}

fn default_level() -> f64 {
    0.8
}
fn default_base_year() -> i32 {
    2020
}
fn default_mid_term_year() -> i32 {
    2025
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            on_track: 1.0,
            acceleration: 0.5,
            volatile: 0.10,
            volatile_min_points: 4,
            outlier_alpha: 0.05,
            outlier_min_points: 5,
            directional_relative: 0.01,
            directional_points: 0.5,
            slow_increase_min_points: 4,
            stale_years: 2,
            clamp_delta: 0.1,
            bound_tolerance: 0.05,
            approx_points: 2.0,
            approx_relative: 0.05,
            unit_suspect_factor: 50.0,
            implausible_factor: 10.0,
            small_numbers: 20.0,
        }
    }
}

impl Settings {
    /// The METHODS.md defaults, with `current_year` as "now".
    ///
    /// ```
    /// use gapcast_core::assess::Settings;
    /// let s = Settings::new(2025);
    /// assert_eq!((s.level, s.base_year, s.thresholds.on_track), (0.8, 2020, 1.0));
    /// ```
    pub fn new(current_year: i32) -> Settings {
        Settings {
            level: default_level(),
            scale_override: None,
            scale_by_indicator: BTreeMap::new(),
            from_year: None,
            current_year,
            base_year: default_base_year(),
            mid_term_year: default_mid_term_year(),
            thresholds: Thresholds::default(),
        }
    }

    /// The interval level actually used: the setting when it lies strictly
    /// between 0 and 1, else the default 0.8 (a bad persisted value must not
    /// break every assessment).
    pub fn effective_level(&self) -> f64 {
        if self.level > 0.0 && self.level < 1.0 {
            self.level
        } else {
            default_level()
        }
    }
}

/// The years a setting may name (README "Limits").
pub const SETTING_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The interval levels a setting may name (README "Limits").
pub const SETTING_LEVELS: std::ops::RangeInclusive<f64> = 0.5..=0.99;

/// A setting outside its documented bounds: the field's path and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadSetting {
    pub field: String,
    pub message: String,
}

impl Settings {
    /// Checks every number against its documented bounds (README "Limits"):
    /// a session file, share link or stored session naming `base_year`
    /// −2,000,000,000 is refused, not assessed.
    pub fn validate(&self) -> Result<(), BadSetting> {
        let bad = |field: &str, message: String| Err(BadSetting { field: format!("settings.{field}"), message });
        if !SETTING_LEVELS.contains(&self.level) {
            return bad("level", format!("{} is outside 0.5–0.99", self.level));
        }
        let years = [
            ("current_year", Some(self.current_year)),
            ("base_year", Some(self.base_year)),
            ("mid_term_year", Some(self.mid_term_year)),
            ("from_year", self.from_year),
        ];
        for (field, year) in years {
            if let Some(y) = year.filter(|y| !SETTING_YEARS.contains(y)) {
                return bad(field, format!("{y} is outside 1900–2200"));
            }
        }
        let t = &self.thresholds;
        // (name, value, lowest, highest): wide enough for any sensible
        // method choice, narrow enough that no assessment overflows.
        let reals = [
            ("on_track", t.on_track, 0.0, 10.0),
            ("acceleration", t.acceleration, 0.0, 10.0),
            ("volatile", t.volatile, 0.0, 10.0),
            ("outlier_alpha", t.outlier_alpha, 0.0, 0.5),
            ("directional_relative", t.directional_relative, 0.0, 1.0),
            ("directional_points", t.directional_points, 0.0, 100.0),
            ("clamp_delta", t.clamp_delta, 0.0, 1.0),
            ("bound_tolerance", t.bound_tolerance, 0.0, 1.0),
            ("approx_points", t.approx_points, 0.0, 100.0),
            ("approx_relative", t.approx_relative, 0.0, 1.0),
            ("unit_suspect_factor", t.unit_suspect_factor, 1.0, 1e6),
            ("implausible_factor", t.implausible_factor, 1.0, 1e6),
        ];
        for (field, v, lo, hi) in reals {
            if !(lo..=hi).contains(&v) {
                return bad(&format!("thresholds.{field}"), format!("{v} is outside {lo}–{hi}"));
            }
        }
        let counts = [
            ("volatile_min_points", t.volatile_min_points),
            ("outlier_min_points", t.outlier_min_points),
            ("slow_increase_min_points", t.slow_increase_min_points),
        ];
        for (field, n) in counts {
            if !(2..=200).contains(&n) {
                return bad(&format!("thresholds.{field}"), format!("{n} is outside 2–200"));
            }
        }
        if !(0..=300).contains(&t.stale_years) {
            return bad("thresholds.stale_years", format!("{} is outside 0–300", t.stale_years));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_bounds_settings_are_named() {
        assert_eq!(Settings::new(2026).validate(), Ok(()));
        let mut s = Settings::new(2026);
        s.base_year = -2_000_000_000;
        assert_eq!(s.validate().unwrap_err().field, "settings.base_year");
        let mut s = Settings::new(2026);
        s.level = f64::NAN;
        assert_eq!(s.validate().unwrap_err().field, "settings.level");
        let mut s = Settings::new(2026);
        s.from_year = Some(i32::MAX);
        assert_eq!(s.validate().unwrap_err().field, "settings.from_year");
        let mut s = Settings::new(2026);
        s.thresholds.volatile = 1e308;
        assert_eq!(s.validate().unwrap_err().field, "settings.thresholds.volatile");
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let s: Settings = serde_json::from_str(r#"{"current_year": 2026, "thresholds": {"volatile": 0.2}}"#).unwrap();
        assert_eq!(s.current_year, 2026);
        assert_eq!(s.level, 0.8);
        assert_eq!(s.thresholds.volatile, 0.2);
        assert_eq!(s.thresholds.outlier_alpha, 0.05);
        assert_eq!(s.base_year, 2020);
    }

    #[test]
    fn settings_round_trip_through_json() {
        let mut s = Settings::new(2025);
        s.scale_by_indicator.insert("W-HEALTH-02".into(), Scale::Linear);
        s.scale_override = Some(Scale::Log);
        let back: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn a_bad_level_falls_back_to_the_default() {
        for (level, expected) in [(0.9, 0.9), (0.0, 0.8), (1.0, 0.8), (f64::NAN, 0.8), (-3.0, 0.8)] {
            let mut s = Settings::new(2025);
            s.level = level;
            assert_eq!(s.effective_level(), expected);
        }
    }
}
