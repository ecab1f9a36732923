//! Exact intervals for one year's count (METHODS.md, "Observed years"):
//! Garwood's chi-square bounds for a Poisson count, Clopper–Pearson's beta
//! bounds for a share.
//!
//! Why exact: with 0–3 events a year the normal approximation gives negative
//! lower bounds and intervals that miss far too often. These are the intervals
//! NCHS and WHO publish for small counts. Both are "central": each tail holds at
//! most (1 − p)/2; a count of zero has lower bound 0 (and a share of 100% upper
//! bound 100%). The distributions come from `statrs`.

use statrs::distribution::{Beta, ChiSquared, ContinuousCDF};

/// Garwood's interval for the mean of a Poisson count `events` at level `p`:
/// (χ²_{2d, α/2} / 2, χ²_{2d+2, 1−α/2} / 2), α = 1 − p. `None` for a count
/// that is not a whole number ≥ 0 or a level outside (0, 1).
///
/// ```
/// use gapcast_core::assess::exact::garwood;
/// // No event: the upper 97.5% bound is −ln 0.025 ≈ 3.689.
/// let (lo, hi) = garwood(0.0, 0.95).unwrap();
/// assert_eq!(lo, 0.0);
/// assert!((hi - 0.025f64.ln().abs()).abs() < 1e-9);
/// ```
pub fn garwood(events: f64, level: f64) -> Option<(f64, f64)> {
    if !(events.is_finite() && events >= 0.0 && events.fract() == 0.0 && level > 0.0 && level < 1.0) {
        return None;
    }
    let alpha = 1.0 - level;
    let lower = if events == 0.0 { 0.0 } else { ChiSquared::new(2.0 * events).ok()?.inverse_cdf(alpha / 2.0) / 2.0 };
    let upper = ChiSquared::new(2.0 * events + 2.0).ok()?.inverse_cdf(1.0 - alpha / 2.0) / 2.0;
    (lower.is_finite() && upper.is_finite()).then_some((lower, upper))
}

/// Clopper–Pearson's interval for a proportion, `events` out of `trials`, at
/// level `p`: (B_{α/2}(d, N − d + 1), B_{1−α/2}(d + 1, N − d)), with 0 and 1 at
/// the ends. `None` unless 0 ≤ d ≤ N are whole numbers, N > 0, 0 < p < 1.
///
/// ```
/// use gapcast_core::assess::exact::clopper_pearson;
/// // 0 of 10 at 95%: the upper bound is 1 − 0.025^(1/10).
/// let (lo, hi) = clopper_pearson(0.0, 10.0, 0.95).unwrap();
/// assert_eq!(lo, 0.0);
/// assert!((hi - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-9);
/// ```
pub fn clopper_pearson(events: f64, trials: f64, level: f64) -> Option<(f64, f64)> {
    let whole = |x: f64| x.is_finite() && x >= 0.0 && x.fract() == 0.0;
    if !(whole(events) && whole(trials) && trials > 0.0 && events <= trials && level > 0.0 && level < 1.0) {
        return None;
    }
    let alpha = 1.0 - level;
    let lower =
        if events == 0.0 { 0.0 } else { Beta::new(events, trials - events + 1.0).ok()?.inverse_cdf(alpha / 2.0) };
    let upper = if events == trials {
        1.0
    } else {
        Beta::new(events + 1.0, trials - events).ok()?.inverse_cdf(1.0 - alpha / 2.0)
    };
    (lower.is_finite() && upper.is_finite()).then_some((lower, upper))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1e-12)
    }

    /// One helper: Garwood bounds at a level against closed forms or tables.
    fn check_garwood(d: f64, level: f64, lower: f64, upper: f64) {
        let (lo, hi) = garwood(d, level).unwrap();
        assert!(close(lo, lower) && close(hi, upper), "d = {d}: ({lo}, {hi}) vs ({lower}, {upper})");
    }

    #[test]
    fn garwood_by_closed_forms() {
        // d = 0: upper = −ln(α/2). d = 1: lower = −ln(1 − α/2) (χ²₂ is
        // exponential with mean 2).
        check_garwood(0.0, 0.8, 0.0, -(0.1f64.ln()));
        let (lo, _) = garwood(1.0, 0.8).unwrap();
        assert!(close(lo, -(0.9f64.ln())));
        // Published 95% limits (Ulm 1990 / NCHS tables) to 4 decimals.
        for (d, lower, upper) in
            [(1.0, 0.0253, 5.5716), (2.0, 0.2422, 7.2247), (5.0, 1.6235, 11.6683), (20.0, 12.2165, 30.8884)]
        {
            let (lo, hi) = garwood(d, 0.95).unwrap();
            assert!((lo - lower).abs() < 5e-5 && (hi - upper).abs() < 5e-5, "d = {d}: ({lo}, {hi})");
        }
    }

    #[test]
    fn clopper_pearson_by_closed_forms() {
        // d = N: lower = (α/2)^(1/N); d = 1 of N: lower = 1 − (1 − α/2)^(1/N).
        let (lo, hi) = clopper_pearson(10.0, 10.0, 0.8).unwrap();
        assert!(close(lo, 0.1f64.powf(0.1)) && hi == 1.0);
        let (lo, _) = clopper_pearson(1.0, 10.0, 0.8).unwrap();
        assert!(close(lo, 1.0 - 0.9f64.powf(0.1)));
        // The interval holds the observed share.
        let (lo, hi) = clopper_pearson(312.0, 16000.0, 0.95).unwrap();
        assert!(lo < 312.0 / 16000.0 && 312.0 / 16000.0 < hi);
    }

    #[test]
    fn bad_input_gives_none() {
        assert_eq!(garwood(1.5, 0.8), None);
        assert_eq!(garwood(-1.0, 0.8), None);
        assert_eq!(garwood(1.0, 1.0), None);
        assert_eq!(clopper_pearson(11.0, 10.0, 0.8), None);
        assert_eq!(clopper_pearson(1.0, 0.0, 0.8), None);
        assert_eq!(clopper_pearson(1.0, 10.0, f64::NAN), None);
    }
}
