//! Ordinary least squares of g(y) on the calendar year (METHODS.md, "Fit and
//! projection"): slope, intercept, residuals, leverage, the residual standard
//! deviation s and the standard error of a prediction.
//!
//! Everything is computed around the mean year so that the calendar-year
//! intercept (a large number) never costs precision; the reported intercept is
//! derived at the end. This module knows nothing of targets or of the scale:
//! it sees numbers on the model scale.

/// s ≤ this × max |gᵢ| counts as zero: 64 machine epsilons.
pub const ZERO_SPREAD_EPS: f64 = 64.0 * f64::EPSILON;

/// A fitted line ĝ(Y) = intercept + slope·Y with what the intervals need.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Number of points.
    pub n: usize,
    /// Mean year t̄.
    pub t_mean: f64,
    /// Mean of g(y), ḡ.
    pub g_mean: f64,
    /// Σ(tᵢ − t̄)².
    pub sxx: f64,
    /// b.
    pub slope: f64,
    /// a, with the calendar year as the variable.
    pub intercept: f64,
    /// Σ residual², on the model scale.
    pub ssr: f64,
    /// s = √(SSR / (n − 2)) for n ≥ 3; `None` for n = 2 (the line through two
    /// points has no spread to estimate). Exactly 0 when the fit is exact up to
    /// rounding (see [`Fit::zero_spread`]).
    pub s: Option<f64>,
    /// Whether s was judged zero: every point on the line up to rounding.
    pub zero_spread: bool,
}

impl Fit {
    /// Fits `gs` on `ts`. `None` with fewer than two points, fewer than two
    /// distinct years, or any non-finite input.
    ///
    /// s counts as zero when s ≤ 64·ε·max |gᵢ| (METHODS.md): the spread rounding
    /// alone leaves in values of that size, and nothing more. A relative rule
    /// with a floor of 1 would erase the real spread of large counts
    /// (1e12 ± 50).
    ///
    /// ```
    /// use gapcast_core::assess::fit::Fit;
    /// let fit = Fit::new(&[2020.0, 2021.0, 2022.0], &[1.0, 3.0, 5.0]).unwrap();
    /// assert_eq!((fit.slope, fit.intercept, fit.s), (2.0, -4039.0, Some(0.0)));
    /// ```
    pub fn new(ts: &[f64], gs: &[f64]) -> Option<Fit> {
        let n = ts.len();
        if n < 2 || gs.len() != n || ts.iter().chain(gs).any(|v| !v.is_finite()) {
            return None;
        }
        let nf = n as f64;
        // Means taken as offsets from the first value: identical values then
        // give a mean exactly equal to them, so a flat series has slope exactly 0.
        let t_mean = ts[0] + ts.iter().map(|t| t - ts[0]).sum::<f64>() / nf;
        let g_mean = gs[0] + gs.iter().map(|g| g - gs[0]).sum::<f64>() / nf;
        let sxx: f64 = ts.iter().map(|t| (t - t_mean).powi(2)).sum();
        if sxx <= 0.0 {
            return None;
        }
        let sxy: f64 = ts.iter().zip(gs).map(|(t, g)| (t - t_mean) * (g - g_mean)).sum();
        let slope = sxy / sxx;
        let intercept = g_mean - slope * t_mean;
        let ssr: f64 = ts.iter().zip(gs).map(|(t, g)| (g - (g_mean + slope * (t - t_mean))).powi(2)).sum();
        let (s, zero) = if n >= 3 {
            let s = (ssr / (nf - 2.0)).sqrt();
            let scale = gs.iter().fold(0.0_f64, |m, g| m.max(g.abs()));
            if s <= ZERO_SPREAD_EPS * scale {
                (Some(0.0), true)
            } else {
                (Some(s), false)
            }
        } else {
            (None, false)
        };
        Some(Fit { n, t_mean, g_mean, sxx, slope, intercept, ssr, s, zero_spread: zero })
    }

    /// ĝ(Y), computed around the mean year.
    pub fn g_at(&self, year: f64) -> f64 {
        self.g_mean + self.slope * (year - self.t_mean)
    }

    /// Leverage of a point at `year`: 1/n + (Y − t̄)²/Sxx.
    pub fn leverage(&self, year: f64) -> f64 {
        1.0 / self.n as f64 + (year - self.t_mean).powi(2) / self.sxx
    }

    /// Degrees of freedom of s, n − 2 (`None` for n = 2).
    pub fn df(&self) -> Option<f64> {
        (self.n >= 3).then(|| (self.n - 2) as f64)
    }

    /// se(Y) = s·√(1 + 1/n + (Y − t̄)²/Sxx), the standard error of a new
    /// observation at `year` (`None` for n = 2).
    pub fn se_prediction(&self, year: f64) -> Option<f64> {
        self.s.map(|s| s * (1.0 + self.leverage(year)).sqrt())
    }

    /// The internally studentized residual eᵢ / (s·√(1 − hᵢᵢ)) of a point;
    /// `None` when s is absent or zero.
    pub fn studentized(&self, year: f64, g: f64) -> Option<f64> {
        let s = self.s.filter(|s| *s > 0.0)?;
        let room = 1.0 - self.leverage(year);
        if room.is_nan() || room <= 0.0 {
            return None;
        }
        let r = (g - self.g_at(year)) / (s * room.sqrt());
        r.is_finite().then_some(r)
    }

    /// The externally studentized residual tᵢ = eᵢ / (s₍ᵢ₎·√(1 − hᵢᵢ)), with
    /// s₍ᵢ₎² = ((n − 2)s² − eᵢ²/(1 − hᵢᵢ)) / (n − 3) the spread of the fit
    /// without the point (Cook & Weisberg). Unlike the internal one it is not
    /// capped at √(n − 2), so it can flag a wild year in a short series.
    /// `None` for n < 4, a zero spread, or a point with leverage 1; ±∞ when the
    /// other points lie exactly on a line and this one does not.
    pub fn studentized_external(&self, year: f64, g: f64) -> Option<f64> {
        if self.n < 4 || self.zero_spread {
            return None;
        }
        let room = 1.0 - self.leverage(year);
        if room.is_nan() || room <= 0.0 {
            return None;
        }
        let e = g - self.g_at(year);
        let rest = (self.ssr - e * e / room) / (self.n as f64 - 3.0);
        // The others fit a line up to rounding (what is left of the SSR is the
        // rounding of a difference of two numbers of its size): the point is
        // infinitely far out.
        if rest.is_nan() || rest <= ZERO_SPREAD_EPS * self.ssr {
            return (e != 0.0).then(|| f64::INFINITY.copysign(e));
        }
        let t = e / (rest.sqrt() * room.sqrt());
        t.is_finite().then_some(t)
    }
}

/// The OLS slope alone (for directional judgements and the halves of a
/// `slow_increase` series); `None` when [`Fit::new`] would be.
pub fn ols_slope(ts: &[f64], gs: &[f64]) -> Option<f64> {
    Fit::new(ts, gs).map(|f| f.slope)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One helper: fit, then compare (slope, intercept, s) to hand values.
    fn check(ts: &[f64], gs: &[f64], slope: f64, intercept: f64, s: Option<f64>) {
        let fit = Fit::new(ts, gs).unwrap();
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        assert!(close(fit.slope, slope), "slope {} vs {slope}", fit.slope);
        assert!(close(fit.intercept, intercept), "intercept {} vs {intercept}", fit.intercept);
        match (fit.s, s) {
            (Some(a), Some(b)) => assert!(close(a, b), "s {a} vs {b}"),
            (a, b) => assert_eq!(a, b),
        }
    }

    #[test]
    fn fits_by_hand() {
        // Two points: the line through them, no spread.
        check(&[2020.0, 2024.0], &[10.0, 12.0], 0.5, 10.0 - 0.5 * 2020.0, None);
        // 1, 2, 4 at 0, 1, 2: b = 1.5, a = 7/3 − 1.5 = 5/6; residuals 1/6, −1/3, 1/6;
        // SSR = 1/36 + 4/36 + 1/36 = 1/6; s = √(1/6).
        check(&[0.0, 1.0, 2.0], &[1.0, 2.0, 4.0], 1.5, 5.0 / 6.0, Some((1.0_f64 / 6.0).sqrt()));
        // Flat: slope exactly 0, zero spread.
        check(&[2020.0, 2021.0, 2022.0], &[0.1, 0.1, 0.1], 0.0, 0.1, Some(0.0));
        // Gaps between years are fine.
        check(
            &[2015.0, 2018.0, 2024.0],
            &[3.0, 3.0, 6.0],
            0.3571428571428571,
            4.0 - 0.3571428571428571 * 2019.0,
            Some((9.0_f64 / 14.0).sqrt()),
        );
    }

    #[test]
    fn a_flat_series_has_slope_exactly_zero() {
        let fit = Fit::new(&[2020.0, 2021.0, 2022.0, 2023.0], &[0.1, 0.1, 0.1, 0.1]).unwrap();
        assert_eq!(fit.slope, 0.0);
        assert!(fit.zero_spread);
    }

    #[test]
    fn degenerate_input_gives_none() {
        assert!(Fit::new(&[2020.0], &[1.0]).is_none());
        assert!(Fit::new(&[2020.0, 2020.0], &[1.0, 2.0]).is_none());
        assert!(Fit::new(&[2020.0, 2021.0], &[1.0, f64::NAN]).is_none());
    }

    #[test]
    fn leverage_and_studentized_residuals() {
        // 0..4 with one bump: t̄ = 2, Sxx = 10, h(0) = 1/5 + 4/10 = 0.6.
        let fit = Fit::new(&[0.0, 1.0, 2.0, 3.0, 4.0], &[0.0, 1.0, 5.0, 3.0, 4.0]).unwrap();
        assert!((fit.leverage(0.0) - 0.6).abs() < 1e-15);
        assert!((fit.leverage(2.0) - 0.2).abs() < 1e-15);
        let r = fit.studentized(2.0, 5.0).unwrap();
        // ĝ(2) = 2.6, e = 2.4, SSR = 0.36+0.16+5.76+0.16+0.36... computed below.
        let ssr: f64 = [(0.0, 0.0), (1.0, 1.0), (2.0, 5.0), (3.0, 3.0), (4.0, 4.0)]
            .iter()
            .map(|(t, g)| (g - fit.g_at(*t)).powi(2))
            .sum();
        let s = (ssr / 3.0).sqrt();
        assert!((r - (5.0 - fit.g_at(2.0)) / (s * 0.8_f64.sqrt())).abs() < 1e-12);
        // Internally studentized residuals can never exceed √(n − 2).
        assert!(r.abs() <= 3.0_f64.sqrt() + 1e-12);
    }

    /// Zero spread by machine precision: counts of 1e12 ± 50 keep their spread
    /// (a floor of 1e-10 × 1e12 = 100 used to erase it), while an exact line of
    /// any size is still exact.
    #[test]
    fn zero_spread_by_machine_precision() {
        let ts = [2020.0, 2021.0, 2022.0, 2023.0];
        let big = Fit::new(&ts, &[1e12 + 50.0, 1e12 - 50.0, 1e12 + 50.0, 1e12 - 50.0]).unwrap();
        assert!(!big.zero_spread);
        assert!(big.s.unwrap() > 40.0, "s = {:?}", big.s);
        let line = Fit::new(&ts, &[1e12, 1e12 + 7.0, 1e12 + 14.0, 1e12 + 21.0]).unwrap();
        assert!(line.zero_spread);
        let small = Fit::new(&ts, &[1e-6, 2e-6, 1e-6, 2e-6]).unwrap();
        assert!(!small.zero_spread, "a tiny but real spread is kept");
    }

    /// Externally studentized residuals against their definition: s₍ᵢ₎ is the
    /// spread of a refit without the point (SSR / (n − 3)), and the residual
    /// can exceed √(n − 2), the cap of the internal one.
    #[test]
    fn externally_studentized_residuals_by_hand() {
        let ts = [0.0, 1.0, 2.0, 3.0, 4.0];
        let gs = [0.0, 1.2, 5.0, 2.9, 4.1];
        let fit = Fit::new(&ts, &gs).unwrap();
        let refit = Fit::new(&[0.0, 1.0, 3.0, 4.0], &[0.0, 1.2, 2.9, 4.1]).unwrap();
        let s_without = (refit.ssr / 2.0).sqrt();
        let e = 5.0 - fit.g_at(2.0);
        let expected = e / (s_without * (1.0 - fit.leverage(2.0)).sqrt());
        let got = fit.studentized_external(2.0, 5.0).unwrap();
        assert!((got - expected).abs() < 1e-9 * expected.abs(), "{got} vs {expected}");
        assert!(got > 3.0_f64.sqrt());
        // All other points on a line: infinitely far out.
        let spike = Fit::new(&ts, &[0.0, 1.0, 9.0, 3.0, 4.0]).unwrap();
        assert_eq!(spike.studentized_external(2.0, 9.0), Some(f64::INFINITY));
        assert_eq!(Fit::new(&ts[..3], &gs[..3]).unwrap().studentized_external(1.0, 1.0), None);
    }
}
