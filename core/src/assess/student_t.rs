//! Student's t distribution, as the prediction intervals, probabilities and the
//! outlier bound use it (METHODS.md): the lower-tail probability and the
//! quantile, from `statrs`, behind two functions that check their input instead
//! of panicking (statrs asserts on a probability outside [0, 1]).
//!
//! statrs evaluates the tail through the regularised incomplete beta function
//! and inverts it the same way; the cross-check (`tests/crosscheck/`) compares
//! every interval and probability with scipy, and the tests below pin both
//! functions to closed forms and to scipy's values (agreement about 1e-12
//! relative over df 1–50 and p up to 1 − 1e-6).

use statrs::distribution::{ContinuousCDF, StudentsT};

fn distribution(df: f64) -> Option<StudentsT> {
    (df.is_finite() && df > 0.0).then(|| StudentsT::new(0.0, 1.0, df).ok()).flatten()
}

/// The lower-tail probability `P(T ≤ t)` for `df` degrees of freedom.
///
/// Returns `None` for `df ≤ 0` (or not finite) or a NaN `t`; `±∞` give 0 and 1.
///
/// ```
/// use gapcast_core::assess::student_t::cdf;
/// // One degree of freedom is the Cauchy distribution: F(1) = 3/4.
/// assert!((cdf(1.0, 1.0).unwrap() - 0.75).abs() < 1e-15);
/// ```
pub fn cdf(t: f64, df: f64) -> Option<f64> {
    if t.is_nan() {
        return None;
    }
    let d = distribution(df)?;
    Some(if t == f64::INFINITY {
        1.0
    } else if t == f64::NEG_INFINITY {
        0.0
    } else {
        d.cdf(t)
    })
}

/// The quantile `t` with `P(T ≤ t) = p` for `df` degrees of freedom.
///
/// Returns `None` unless `0 < p < 1` and `0 < df < ∞`.
///
/// ```
/// use gapcast_core::assess::student_t::quantile;
/// // The two-sided 95% value for 10 degrees of freedom, as printed in tables.
/// assert!((quantile(0.975, 10.0).unwrap() - 2.228).abs() < 5e-4);
/// ```
pub fn quantile(p: f64, df: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0) {
        return None;
    }
    let q = distribution(df)?.inverse_cdf(p);
    q.is_finite().then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    /// Closed forms: df = 1 is Cauchy, df = 2 has F(t) = ½ + t/(2√(2 + t²)).
    #[test]
    fn closed_forms() {
        for t in [-30.0, -3.0, -0.4, 0.0, 0.9, 7.0] {
            let cauchy = 0.5 + f64::atan(t) / std::f64::consts::PI;
            assert!(rel(cdf(t, 1.0).unwrap(), cauchy) < 1e-12, "df 1, t {t}");
            let two = 0.5 + t / (2.0 * (2.0 + t * t).sqrt());
            assert!(rel(cdf(t, 2.0).unwrap(), two) < 1e-12, "df 2, t {t}");
        }
        for p in [0.6, 0.9, 0.975, 0.999] {
            let exact = (std::f64::consts::PI * (p - 0.5)).tan();
            assert!(rel(quantile(p, 1.0).unwrap(), exact) < 1e-10, "p {p}");
        }
    }

    /// scipy.stats.t.ppf and .cdf (scipy 1.17.1), the reference the cross-check uses.
    #[test]
    fn agrees_with_scipy() {
        let quantiles = [
            (0.9, 1.0, 3.0776835371752544),
            (0.9, 3.0, 1.637744353696209),
            (0.975, 10.0, 2.228138851986274),
            (0.996_428_571_428_571_4, 4.0, 5.067510353639193),
            (0.999_999, 5.0, 24.771029720372493),
        ];
        for (p, df, want) in quantiles {
            assert!(rel(quantile(p, df).unwrap(), want) < 1e-10, "ppf({p}, {df}) = {:?}", quantile(p, df));
        }
        assert!(rel(cdf(-8.0, 3.0).unwrap(), 0.002038288793892733) < 1e-10);
        assert!(rel(cdf(2.5, 20.0).unwrap(), 0.9893832272804338) < 1e-12);
    }

    #[test]
    fn bad_input_is_none_never_a_panic() {
        assert_eq!(quantile(0.0, 3.0), None);
        assert_eq!(quantile(1.0, 3.0), None);
        assert_eq!(quantile(f64::NAN, 3.0), None);
        assert_eq!(quantile(0.9, 0.0), None);
        assert_eq!(quantile(0.9, f64::INFINITY), None);
        assert_eq!(cdf(f64::NAN, 3.0), None);
        assert_eq!(cdf(1.0, -1.0), None);
        assert_eq!(cdf(f64::INFINITY, 3.0), Some(1.0));
        assert_eq!(cdf(f64::NEG_INFINITY, 3.0), Some(0.0));
    }
}
