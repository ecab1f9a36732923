//! Student's t distribution: the CDF and the quantile the prediction intervals
//! and probabilities need (METHODS.md, "Fit and projection").
//!
//! Written here rather than taken from `statrs`: the engine needs two functions,
//! and `statrs` (even with `default-features = false`) brings `approx`,
//! `num-traits` and `libm`, and asserts (panics) on out-of-range input. This
//! module is about 200 lines of arithmetic that compiles to a few kilobytes of
//! wasm, and it is checked against exact closed forms and published tables.
//!
//! Method: the tail of the t distribution is half a regularised incomplete beta
//! function, `P(T > t) = ½·I_{ν/(ν+t²)}(ν/2, ½)`, evaluated by its continued
//! fraction (modified Lentz), which keeps full *relative* precision far into the
//! tail (a probability of 1e-12 is right to ~14 digits, not just to 1e-16
//! absolute). The quantile inverts that tail by safeguarded Newton steps on its
//! logarithm inside a bracket, so it always converges and never leaves the
//! bracket.
//!
//! It does not own anything statistical beyond the distribution itself.

use std::f64::consts::PI;

/// The lower-tail probability `P(T ≤ t)` for `df` degrees of freedom.
///
/// Returns `None` for `df ≤ 0` or a NaN `t`; `±∞` give 0 and 1.
///
/// ```
/// use gapcast_core::assess::student_t::cdf;
/// // One degree of freedom is the Cauchy distribution: F(1) = 3/4.
/// assert!((cdf(1.0, 1.0).unwrap() - 0.75).abs() < 1e-15);
/// ```
pub fn cdf(t: f64, df: f64) -> Option<f64> {
    if df.is_nan() || df <= 0.0 || t.is_nan() {
        return None;
    }
    if t == 0.0 {
        return Some(0.5);
    }
    let tail = upper_tail(t.abs(), df);
    Some(if t < 0.0 { tail } else { 1.0 - tail })
}

/// The quantile `t` with `P(T ≤ t) = p` for `df` degrees of freedom.
///
/// Returns `None` unless `0 < p < 1` and `df > 0`.
///
/// ```
/// use gapcast_core::assess::student_t::quantile;
/// // The two-sided 95% value for 10 degrees of freedom, as printed in tables.
/// assert!((quantile(0.975, 10.0).unwrap() - 2.228).abs() < 5e-4);
/// ```
pub fn quantile(p: f64, df: f64) -> Option<f64> {
    if p.is_nan() || p <= 0.0 || p >= 1.0 || df.is_nan() || df <= 0.0 || df.is_infinite() {
        return None;
    }
    if p == 0.5 {
        return Some(0.0);
    }
    // Work with the smaller tail so precision is relative to it.
    let (tail, sign) = if p < 0.5 { (p, -1.0) } else { (1.0 - p, 1.0) };
    Some(sign * upper_tail_inverse(tail, df))
}

/// The density of the t distribution at `t`.
pub fn pdf(t: f64, df: f64) -> f64 {
    pdf_with(ln_pdf_norm(df), t, df)
}

/// ln of the density's constant, Γ((ν+1)/2) / (Γ(ν/2)·√(νπ)).
fn ln_pdf_norm(df: f64) -> f64 {
    ln_gamma((df + 1.0) / 2.0) - ln_gamma(df / 2.0) - 0.5 * (df * PI).ln()
}

fn pdf_with(ln_norm: f64, t: f64, df: f64) -> f64 {
    (ln_norm - (df + 1.0) / 2.0 * (t * t / df).ln_1p()).exp()
}

/// `P(T > t)` for `t ≥ 0`, with full relative precision in the tail.
fn upper_tail(t: f64, df: f64) -> f64 {
    if t.is_infinite() {
        return 0.0;
    }
    // x = ν/(ν+t²) and 1 − x = t²/(ν+t²) are both computed directly, so neither
    // loses digits to a subtraction.
    let t2 = t * t;
    let x = df / (df + t2);
    let y = t2 / (df + t2);
    0.5 * regularized_incomplete_beta(df / 2.0, 0.5, x, y)
}

/// Solves `upper_tail(t) = tail` for `t > 0`, `0 < tail < ½`.
fn upper_tail_inverse(tail: f64, df: f64) -> f64 {
    let target = tail.ln();
    // Bracket: upper_tail(0) = ½ > tail; double `hi` until the tail drops below.
    let mut lo = 0.0_f64;
    let mut hi = 1.0_f64;
    while upper_tail(hi, df) > tail {
        lo = hi;
        hi *= 2.0;
        if hi > 1e300 {
            return hi;
        }
    }
    // Newton on ln(tail(t)), whose derivative is −pdf(t)/tail(t); a step that
    // would leave the bracket becomes a bisection step.
    let ln_norm = ln_pdf_norm(df);
    let mut t = 0.5 * (lo + hi);
    for _ in 0..200 {
        let upper = upper_tail(t, df);
        if upper <= 0.0 {
            hi = t;
            t = 0.5 * (lo + hi);
            continue;
        }
        let f = upper.ln() - target;
        if f > 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        let slope = -pdf_with(ln_norm, t, df) / upper;
        let mut next = if slope < 0.0 { t - f / slope } else { f64::NAN };
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        let done = (next - t).abs() <= 4.0 * f64::EPSILON * t.abs().max(f64::MIN_POSITIVE);
        t = next;
        if done || hi - lo <= 4.0 * f64::EPSILON * hi {
            break;
        }
    }
    t
}

/// The regularised incomplete beta function `I_x(a, b)`, given both `x` and
/// `y = 1 − x` (the caller computes whichever it can without cancellation).
pub(crate) fn regularized_incomplete_beta(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if y <= 0.0 {
        return 1.0;
    }
    let ln_front = a * x.ln() + b * y.ln() - ln_beta(a, b);
    // The continued fraction converges fast for x < (a+1)/(a+b+2); otherwise use
    // the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - ln_front.exp() * beta_continued_fraction(b, a, y) / b
    }
}

/// The continued fraction for the incomplete beta function, evaluated by the
/// modified Lentz method (Numerical Recipes, 3rd ed., §6.4).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=1000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        // Even step.
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        // Odd step.
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// `ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)`.
fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// `ln Γ(x)` for `x > 0`.
///
/// The t distribution only ever asks for integers and half-integers (ν/2, ½,
/// (ν+1)/2 with whole ν), which are computed exactly as products up to 100;
/// anything else uses the Lanczos approximation (g = 7, 9 terms, ~1e-15).
pub(crate) fn ln_gamma(x: f64) -> f64 {
    let twice = 2.0 * x;
    if x > 0.0 && x <= 100.0 && twice.fract() == 0.0 {
        // Γ(n) = (n−1)!, Γ(n + ½) = √π · ½ · 3/2 · … · (n − ½).
        let mut product = 1.0_f64;
        let mut k = if twice as i64 % 2 == 0 { 1.0 } else { 0.5 };
        while k < x {
            product *= k;
            k += 1.0;
        }
        let ln_start = if twice as i64 % 2 == 0 { 0.0 } else { 0.5 * PI.ln() };
        return ln_start + product.ln();
    }
    lanczos_ln_gamma(x)
}

fn lanczos_ln_gamma(x: f64) -> f64 {
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        return (PI / (PI * x).sin()).abs().ln() - lanczos_ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEF[0];
    for (i, c) in COEF.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + 7.5;
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        if a == b {
            0.0
        } else {
            (a - b).abs() / a.abs().max(b.abs())
        }
    }

    /// One check helper: `(df, p, expected quantile)` to a relative tolerance,
    /// and the CDF of the expected quantile back to `p`.
    fn check(df: f64, p: f64, expected: f64, tol: f64) {
        let q = quantile(p, df).unwrap();
        assert!(rel(q, expected) <= tol, "quantile({p}, {df}) = {q:e}, expected {expected:e}");
        let back = cdf(expected, df).unwrap();
        let tail_rel = rel(back.min(1.0 - back), p.min(1.0 - p));
        assert!(tail_rel <= tol, "cdf({expected}, {df}) = {back:e}, expected {p:e}");
    }

    /// Quantiles as tabulated to 16 digits by SciPy 1.17 (`scipy.stats.t.ppf`),
    /// which the classical printed tables (3 decimals) agree with.
    #[test]
    fn quantiles_match_published_tables() {
        let table: &[(f64, f64, f64)] = &[
            (1.0, 0.9, 3.0776835371752544),
            (1.0, 0.95, 6.313751514675037),
            (1.0, 0.975, 12.706204736174694),
            (1.0, 0.995, 63.656741162871526),
            (2.0, 0.9, 1.8856180831641272),
            (2.0, 0.975, 4.302652729749462),
            (3.0, 0.9, 1.637744353696209),
            (3.0, 0.95, 2.3533634348018233),
            (3.0, 0.995, 5.840909309733355),
            (4.0, 0.9, 1.533206274058944),
            (4.0, 0.975, 2.7764451051977934),
            (5.0, 0.9, 1.4758840488244815),
            (5.0, 0.95, 2.0150483733330233),
            (8.0, 0.9, 1.3968153097438654),
            (8.0, 0.975, 2.306004135204166),
            (10.0, 0.9, 1.372183641110336),
            (10.0, 0.975, 2.228138851986274),
            (10.0, 0.995, 3.16927267261695),
            (20.0, 0.9, 1.3253407069850465),
            (20.0, 0.995, 2.8453397097861077),
            (30.0, 0.95, 1.697260886593957),
            (30.0, 0.975, 2.0422724563012378),
        ];
        for &(df, p, t) in table {
            check(df, p, t, 1e-12);
            check(df, 1.0 - p, -t, 1e-12);
        }
        // The classical 3-decimal table (e.g. any statistics textbook appendix).
        for &(df, p, t) in &[(1.0, 0.9, 3.078), (6.0, 0.975, 2.447), (12.0, 0.95, 1.782), (25.0, 0.9, 1.316)] {
            assert!((quantile(p, df).unwrap() - t).abs() < 5e-4);
        }
    }

    /// CDF values far into the tail, where only a relative-precision method
    /// gets the digits right (SciPy `t.cdf`).
    #[test]
    fn cdf_matches_reference_values_in_the_tails() {
        let table: &[(f64, f64, f64)] = &[
            (1.0, 0.5, 0.6475836176504333),
            (3.0, -2.5, 0.04385332350403278),
            (5.0, 1.2, 0.8580544716469487),
            (8.0, -0.3, 0.38591224084124937),
            (10.0, 4.0, 0.9987408336876317),
            (3.0, -40.0, 1.7190340394579253e-05),
            (7.0, -15.0, 7.025848124046986e-07),
            (20.0, 2.2, 0.9801357052097663),
            (1.0, -1e6, 3.1830988618368455e-07),
        ];
        for &(df, t, p) in table {
            let got = cdf(t, df).unwrap();
            assert!(rel(got, p) < 1e-12, "cdf({t}, {df}) = {got:e}, expected {p:e}");
        }
    }

    /// Exact closed forms: ν = 1 (Cauchy), ν = 2, and ν = 4.
    #[test]
    fn quantiles_match_closed_forms() {
        for i in 1..200 {
            let p = i as f64 / 200.0;
            let cauchy = (PI * (p - 0.5)).tan();
            let two = (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
            let alpha = 4.0 * p * (1.0 - p);
            let four = (p - 0.5).signum() * 2.0 * ((((alpha.sqrt()).acos() / 3.0).cos() / alpha.sqrt()) - 1.0).sqrt();
            for (df, exact) in [(1.0, cauchy), (2.0, two), (4.0, four)] {
                let got = quantile(p, df).unwrap();
                assert!((got - exact).abs() <= 1e-11 * exact.abs().max(1.0), "df {df} p {p}: {got} vs {exact}");
            }
        }
        // Deep tails of the Cauchy quantile: t = 1/tan(π·p) for small p.
        for p in [1e-3, 1e-6, 1e-9, 1e-12] {
            let exact = -1.0 / (PI * p).tan();
            assert!(rel(quantile(p, 1.0).unwrap(), exact) < 1e-10);
        }
    }

    /// For whole ν the CDF has a finite trigonometric sum (Abramowitz & Stegun
    /// 26.7.3–4): an independent check across degrees of freedom.
    #[test]
    fn cdf_matches_the_finite_sum_for_whole_degrees_of_freedom() {
        fn finite_sum(t: f64, nu: u32) -> f64 {
            let theta = (t / (nu as f64).sqrt()).atan();
            let (s, c) = (theta.sin(), theta.cos());
            let a = if nu % 2 == 1 {
                let mut sum = 0.0;
                if nu > 1 {
                    let mut term = c;
                    sum = term;
                    let mut k = 3;
                    while k <= nu - 2 {
                        term *= c * c * (k - 1) as f64 / k as f64;
                        sum += term;
                        k += 2;
                    }
                }
                2.0 / PI * (theta + s * sum)
            } else {
                let mut term = 1.0;
                let mut sum = 1.0;
                let mut k = 2;
                while k <= nu - 2 {
                    term *= c * c * (k - 1) as f64 / k as f64;
                    sum += term;
                    k += 2;
                }
                s * sum
            };
            0.5 + 0.5 * a
        }
        for nu in 1..=40 {
            for i in -40..=40 {
                let t = i as f64 / 5.0;
                let got = cdf(t, nu as f64).unwrap();
                let want = finite_sum(t, nu);
                assert!((got - want).abs() < 1e-13, "nu {nu} t {t}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn out_of_range_input_gives_none_not_a_panic() {
        assert_eq!(quantile(0.0, 3.0), None);
        assert_eq!(quantile(1.0, 3.0), None);
        assert_eq!(quantile(f64::NAN, 3.0), None);
        assert_eq!(quantile(0.9, 0.0), None);
        assert_eq!(cdf(f64::NAN, 3.0), None);
        assert_eq!(cdf(1.0, -1.0), None);
        assert_eq!(cdf(f64::INFINITY, 3.0), Some(1.0));
        assert_eq!(cdf(f64::NEG_INFINITY, 3.0), Some(0.0));
    }

    #[test]
    fn ln_gamma_exact_path_agrees_with_lanczos() {
        for k in 1..120 {
            let x = k as f64 / 2.0;
            assert!((ln_gamma(x) - lanczos_ln_gamma(x)).abs() < 1e-12 * ln_gamma(x).abs().max(1.0), "x {x}");
        }
    }
}
