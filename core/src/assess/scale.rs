//! The model scale g (METHODS.md, "Model scale g"): which scale an indicator is
//! fitted on, the transform g and its inverse, and the two repairs the method
//! allows: moving a value that sits exactly on a logit bound inside by δ
//! (`clamped`), and fitting a log-scale series with a value ≤ 0 on the linear
//! scale instead (`scale_fallback`).
//!
//! It does not judge values outside the bounds: those are input errors that the
//! engine reports before a scale is chosen.

use serde::{Deserialize, Serialize};

use crate::catalog::{Indicator, Scale};

use super::settings::Settings;

/// Who chose the scale requested for an indicator, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleSource {
    /// The user's choice for this indicator.
    SettingIndicator,
    /// The user's choice for all indicators.
    SettingGlobal,
    /// The catalog's `scale` for this indicator.
    Catalog,
    /// METHODS.md's default for the unit.
    UnitDefault,
}

/// A model scale ready to use: the transform and, for logit, its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelScale {
    pub scale: Scale,
    /// Logit only: the bounds [L, U]; ignored by the other scales.
    pub lower: f64,
    pub upper: f64,
    /// Logit only: how far a value on the lower bound is moved inside (δ).
    pub delta_lower: f64,
    /// Logit only: how far a value on the upper bound is moved inside (δ).
    pub delta_upper: f64,
}

impl ModelScale {
    /// The identity scale.
    pub fn linear() -> ModelScale {
        ModelScale { scale: Scale::Linear, lower: 0.0, upper: 0.0, delta_lower: 0.0, delta_upper: 0.0 }
    }

    /// The natural-log scale.
    pub fn log() -> ModelScale {
        ModelScale { scale: Scale::Log, lower: 0.0, upper: 0.0, delta_lower: 0.0, delta_upper: 0.0 }
    }

    /// The logit scale on [lower, upper], with values on a bound moved inside
    /// by `delta` (never more than a quarter of the range).
    pub fn logit(lower: f64, upper: f64, delta: f64) -> ModelScale {
        let delta = delta.min((upper - lower) / 4.0);
        ModelScale { scale: Scale::Logit, lower, upper, delta_lower: delta, delta_upper: delta }
    }

    /// The logit scale on [lower, upper] for `values`, with METHODS.md's clamp:
    /// on each bound, δ is half the smallest of `cap` (0.1 points), the bound
    /// tolerance τ_b and the smallest positive distance of any value from that
    /// bound, so a value moved in from the bound never passes a real value
    /// (the clamp never reorders the points).
    pub fn logit_for(lower: f64, upper: f64, cap: f64, tau_b: f64, values: &[f64]) -> ModelScale {
        let nearest = |distance: &dyn Fn(f64) -> f64| {
            values.iter().map(|&y| distance(y)).filter(|d| *d > 0.0).fold(f64::INFINITY, f64::min)
        };
        let quarter = (upper - lower) / 4.0;
        let delta = |d: f64| (0.5 * cap.min(tau_b).min(d)).min(quarter);
        ModelScale {
            scale: Scale::Logit,
            lower,
            upper,
            delta_lower: delta(nearest(&|y| y - lower)),
            delta_upper: delta(nearest(&|y| upper - y)),
        }
    }

    /// The δ used on a side that holds `y` (for explanations).
    pub fn delta_for(&self, y: f64) -> f64 {
        if y <= self.lower {
            self.delta_lower
        } else {
            self.delta_upper
        }
    }

    /// g(y). The caller keeps `y` inside the scale's domain (see
    /// [`ModelScale::in_domain`]); outside it the result is not finite.
    ///
    /// ```
    /// use gapcast_core::assess::scale::ModelScale;
    /// let s = ModelScale::logit(0.0, 100.0, 0.1);
    /// assert_eq!(s.g(50.0), 0.0);
    /// assert!((s.g_inv(s.g(80.0)) - 80.0).abs() < 1e-12);
    /// ```
    pub fn g(&self, y: f64) -> f64 {
        match self.scale {
            Scale::Linear => y,
            Scale::Log => y.ln(),
            Scale::Logit => ((y - self.lower) / (self.upper - y)).ln(),
        }
    }

    /// g⁻¹(z), written so that a logit result never leaves [L, U] even for
    /// huge |z|.
    pub fn g_inv(&self, z: f64) -> f64 {
        match self.scale {
            Scale::Linear => z,
            Scale::Log => z.exp(),
            Scale::Logit => {
                let range = self.upper - self.lower;
                if z >= 0.0 {
                    self.lower + range / (1.0 + (-z).exp())
                } else {
                    let e = z.exp();
                    self.lower + range * e / (1.0 + e)
                }
            }
        }
    }

    /// Whether g(y) is finite.
    pub fn in_domain(&self, y: f64) -> bool {
        match self.scale {
            Scale::Linear => y.is_finite(),
            Scale::Log => y > 0.0 && y.is_finite(),
            Scale::Logit => y > self.lower && y < self.upper,
        }
    }

    /// A data value as the fit uses it: on a logit scale a value exactly on a
    /// bound is moved inside by δ; everything else is unchanged.
    pub fn clamp(&self, y: f64) -> f64 {
        if self.scale != Scale::Logit {
            return y;
        }
        if y <= self.lower {
            self.lower + self.delta_lower
        } else if y >= self.upper {
            self.upper - self.delta_upper
        } else {
            y
        }
    }

    /// g of a target value or band edge. Targets on a bound reach here as their
    /// effective value (y*_eff, inside the bounds); a band edge on a logit bound
    /// is clamped like data; a value beyond the scale's reach is ±∞, i.e. no
    /// constraint on that side.
    pub fn g_target(&self, y: f64) -> f64 {
        match self.scale {
            Scale::Linear => y,
            Scale::Log if y <= 0.0 => f64::NEG_INFINITY,
            Scale::Log => y.ln(),
            Scale::Logit if y < self.lower => f64::NEG_INFINITY,
            Scale::Logit if y > self.upper => f64::INFINITY,
            Scale::Logit => self.g(self.clamp(y)),
        }
    }
}

/// The scale an assessment uses, and how it came to be.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleChoice {
    /// The scale asked for (by the user, the catalog or the unit).
    pub requested: Scale,
    pub source: ScaleSource,
    /// The scale actually used.
    pub model: ModelScale,
    /// Why the requested scale could not be used, when it could not:
    /// `logit_needs_bounds`, `log_needs_positive_values`,
    /// `log_needs_positive_target`.
    pub fallback: Option<&'static str>,
}

/// The scale requested for `indicator`: the user's per-indicator choice, else
/// the user's global choice, else the catalog's, else the unit's default.
pub fn requested(indicator: &Indicator, settings: &Settings) -> (Scale, ScaleSource) {
    if let Some(scale) = settings.scale_by_indicator.get(&indicator.id) {
        (*scale, ScaleSource::SettingIndicator)
    } else if let Some(scale) = settings.scale_override {
        (scale, ScaleSource::SettingGlobal)
    } else if let Some(scale) = indicator.scale {
        (scale, ScaleSource::Catalog)
    } else {
        (indicator.default_scale(), ScaleSource::UnitDefault)
    }
}

/// Chooses the scale for `values` (already checked to lie inside the bounds)
/// and `targets` (target value, milestone values, maintain level: each must be
/// representable on a log scale).
///
/// `tau_b` is the bound tolerance in force for this indicator (it caps the
/// logit clamp δ).
pub fn choose(indicator: &Indicator, settings: &Settings, values: &[f64], targets: &[f64], tau_b: f64) -> ScaleChoice {
    let (requested, source) = requested(indicator, settings);
    let linear = |reason| ScaleChoice { requested, source, model: ModelScale::linear(), fallback: Some(reason) };
    match requested {
        Scale::Linear => ScaleChoice { requested, source, model: ModelScale::linear(), fallback: None },
        Scale::Log => {
            if values.iter().any(|&y| y.is_nan() || y <= 0.0) {
                linear("log_needs_positive_values")
            } else if targets.iter().any(|&y| y.is_nan() || y <= 0.0) {
                linear("log_needs_positive_target")
            } else {
                ScaleChoice { requested, source, model: ModelScale::log(), fallback: None }
            }
        }
        Scale::Logit => match (indicator.bounds.lower, indicator.bounds.upper) {
            (Some(lower), Some(upper)) if upper > lower && lower.is_finite() && upper.is_finite() => ScaleChoice {
                requested,
                source,
                model: ModelScale::logit_for(
                    lower,
                    upper,
                    settings.thresholds.clamp_delta,
                    tau_b,
                    values,
                ),
                fallback: None,
            },
            _ => linear("logit_needs_bounds"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One helper: g then g⁻¹ for a scale, with the expected g value.
    fn check(scale: ModelScale, y: f64, g: f64) {
        let got = scale.g(y);
        assert!((got - g).abs() <= 1e-14 * g.abs().max(1.0), "g({y}) = {got}, expected {g}");
        let back = scale.g_inv(got);
        assert!((back - y).abs() <= 1e-12 * y.abs().max(1.0), "g_inv(g({y})) = {back}");
    }

    #[test]
    fn transforms_and_their_inverses() {
        let logit = ModelScale::logit(0.0, 100.0, 0.1);
        check(ModelScale::linear(), -3.5, -3.5);
        check(ModelScale::log(), 20.1, 20.1_f64.ln());
        check(ModelScale::log(), 1.0, 0.0);
        check(logit, 50.0, 0.0);
        check(logit, 90.0, 9.0_f64.ln());
        check(logit, 10.0, -(9.0_f64.ln()));
        check(ModelScale::logit(10.0, 20.0, 0.1), 12.0, 0.25_f64.ln());
    }

    #[test]
    fn inverse_logit_never_leaves_the_bounds() {
        let logit = ModelScale::logit(0.0, 100.0, 0.1);
        for z in [-1e308, -800.0, -40.0, 0.0, 40.0, 800.0, 1e308, f64::INFINITY, f64::NEG_INFINITY] {
            let y = logit.g_inv(z);
            assert!((0.0..=100.0).contains(&y), "g_inv({z}) = {y}");
        }
    }

    #[test]
    fn clamping_moves_only_values_on_a_logit_bound() {
        let logit = ModelScale::logit(0.0, 100.0, 0.1);
        let cases = [(0.0, 0.1), (100.0, 99.9), (50.0, 50.0), (99.95, 99.95)];
        for (y, used) in cases {
            assert_eq!(logit.clamp(y), used);
        }
        assert_eq!(ModelScale::log().clamp(0.0), 0.0);
        // A range narrower than 4δ clamps by a quarter of the range instead.
        assert_eq!(ModelScale::logit(0.0, 0.2, 0.1).clamp(0.0), 0.05);
    }

    #[test]
    fn targets_beyond_the_scale_are_unconstrained() {
        let logit = ModelScale::logit(0.0, 100.0, 0.1);
        assert_eq!(logit.g_target(100.5), f64::INFINITY);
        assert_eq!(logit.g_target(-1.0), f64::NEG_INFINITY);
        assert_eq!(logit.g_target(100.0), logit.g(99.9));
        assert_eq!(ModelScale::log().g_target(0.0), f64::NEG_INFINITY);
    }

    /// The clamp δ scaled to the series: half the smallest of 0.1, τ_b and the
    /// nearest value's distance from that bound, per bound, so 99.99 stays
    /// above a clamped 100 and the order of the points is kept.
    #[test]
    fn clamp_delta_scaled_to_the_series() {
        let s = ModelScale::logit_for(0.0, 100.0, 0.1, 0.05, &[97.0, 99.0, 100.0]);
        assert_eq!((s.delta_lower, s.delta_upper), (0.025, 0.025));
        let s = ModelScale::logit_for(0.0, 100.0, 0.1, 0.05, &[99.99, 100.0, 0.0, 0.004]);
        assert!((s.delta_upper - 0.005).abs() < 1e-12, "{}", s.delta_upper);
        assert_eq!(s.delta_lower, 0.002);
        assert!(s.clamp(100.0) > 99.99 && s.clamp(0.0) < 0.004);
    }
}
