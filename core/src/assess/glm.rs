//! Log-linear and logistic regression of yearly counts on the year
//! (METHODS.md, "Rates and shares from counts"): quasi-Poisson with the
//! log-denominator offset for rates, quasi-binomial for shares, both fitted by
//! iteratively reweighted least squares (IRLS) on the centred year.
//!
//! Why a model of counts: a district's maternal deaths are 0–3 a year, so its
//! ratio jumps between 0, 5.9 and 11.8 per 100,000 on one death. A line through
//! those ratios (or their logarithms, which a zero year forbids) says more about
//! the noise than about the trend; the counts' own likelihood weighs each year by
//! its information and needs no fallback for a zero.
//!
//! What it reports, never hides: the number of IRLS iterations, and why there is
//! no fit when there is none (no events at all, every unit an event, the events
//! separated at one end of the series so the slope runs off to infinity, a year
//! without a denominator, no convergence). This module knows nothing of targets
//! or settings: it sees years, events and exposures.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Which model: a rate of events in a population, or a share of a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// log E[d] = log N + a + b·t (quasi-Poisson).
    Poisson,
    /// logit E[d/N] = a + b·t, d ≤ N (quasi-binomial).
    Binomial,
}

impl Family {
    /// The method name in the output: `poisson` or `binomial`.
    pub fn key(self) -> &'static str {
        match self {
            Family::Poisson => "poisson",
            Family::Binomial => "binomial",
        }
    }
}

/// One year's counts: `events` out of (or per) `exposure`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountObs {
    pub year: i32,
    /// d: deaths, cases, low-birth-weight births; a whole number ≥ 0.
    pub events: f64,
    /// N: live births, population, births tested; > 0.
    pub exposure: f64,
}

/// Why there is no fit. Each has a stable key for `reason` and `null_reasons`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlmError {
    /// Fewer than two years (or two years that are the same).
    TooFewPoints,
    /// A count that is negative, fractional or not a number.
    InvalidCount { year: i32 },
    /// A denominator that is zero, negative or not a number: the year carries
    /// no information about the rate.
    ZeroExposure { year: i32 },
    /// A share with more events than its total.
    EventsExceedExposure { year: i32 },
    /// No event in any year: the rate's estimate is zero and its logarithm −∞.
    AllZero,
    /// A share at 100% in every year.
    AllFull,
    /// The events all sit in the first or last year (or, for a share, the
    /// events and non-events are split by a year): the slope's estimate is
    /// infinite.
    Separation,
    /// IRLS did not settle within the iteration limit.
    NotConverged { iterations: usize },
}

impl GlmError {
    /// `too_few_points`, `invalid_count:YEAR`, `zero_exposure:YEAR`,
    /// `events_exceed_exposure:YEAR`, `all_zero`, `all_full`, `separation`,
    /// `not_converged`.
    pub fn key(&self) -> String {
        match self {
            GlmError::TooFewPoints => "too_few_points".into(),
            GlmError::InvalidCount { year } => format!("invalid_count:{year}"),
            GlmError::ZeroExposure { year } => format!("zero_exposure:{year}"),
            GlmError::EventsExceedExposure { year } => format!("events_exceed_exposure:{year}"),
            GlmError::AllZero => "all_zero".into(),
            GlmError::AllFull => "all_full".into(),
            GlmError::Separation => "separation".into(),
            GlmError::NotConverged { .. } => "not_converged".into(),
        }
    }
}

/// The IRLS iteration limit. A well-posed fit of two parameters settles in
/// fewer than ten; separation is caught before IRLS starts.
pub const MAX_ITERATIONS: usize = 100;

/// A fitted model η(Y) = a + b·(Y − t̄) on the link scale (log rate or logit
/// share), with what the intervals need.
#[derive(Debug, Clone, PartialEq)]
pub struct GlmFit {
    pub family: Family,
    /// Number of years.
    pub n: usize,
    /// Mean year t̄ (unweighted), the centre of the fit.
    pub t_mean: f64,
    /// a: the link-scale value at t̄ (without the offset).
    pub intercept_centred: f64,
    /// b: change of the link a year.
    pub slope: f64,
    /// (XᵀWX)⁻¹ at the estimate, unscaled (φ = 1), for x = (1, t − t̄).
    pub cov: [[f64; 2]; 2],
    /// Pearson's X² = Σ (d − μ)² / V(μ).
    pub pearson_chi2: f64,
    /// The deviance at the estimate.
    pub deviance: f64,
    /// X² / (n − 2), for three or more years.
    pub pearson_ratio: Option<f64>,
    /// φ = max(1, X² / (n − 2)), for three or more years.
    pub dispersion: Option<f64>,
    /// IRLS iterations taken.
    pub iterations: usize,
    /// Fitted event counts μ, by year.
    pub fitted_events: Vec<f64>,
}

impl GlmFit {
    /// Fits `obs` (any order, one per year). Checks every input and names the
    /// year of the first problem.
    ///
    /// ```
    /// use gapcast_core::assess::glm::{CountObs, Family, GlmFit};
    /// let obs: Vec<CountObs> = [(2020, 20.0), (2021, 10.0), (2022, 5.0)]
    ///     .iter()
    ///     .map(|&(year, events)| CountObs { year, events, exposure: 1000.0 })
    ///     .collect();
    /// let fit = GlmFit::new(Family::Poisson, &obs).unwrap();
    /// // Exactly halving every year: b = ln ½, and the dispersion floor of 1.
    /// assert!((fit.slope - 0.5f64.ln()).abs() < 1e-10);
    /// assert_eq!(fit.dispersion, Some(1.0));
    /// ```
    pub fn new(family: Family, obs: &[CountObs]) -> Result<GlmFit, GlmError> {
        for o in obs {
            if !(o.events.is_finite() && o.events >= 0.0 && o.events.fract() == 0.0) {
                return Err(GlmError::InvalidCount { year: o.year });
            }
            if !(o.exposure.is_finite() && o.exposure > 0.0) {
                return Err(GlmError::ZeroExposure { year: o.year });
            }
            if family == Family::Binomial && o.events > o.exposure {
                return Err(GlmError::EventsExceedExposure { year: o.year });
            }
        }
        let n = obs.len();
        let mut sorted = obs.to_vec();
        crate::sort::sort_by_key(&mut sorted, |o| o.year);
        if n < 2 || sorted.windows(2).any(|w| w[0].year == w[1].year) {
            return Err(GlmError::TooFewPoints);
        }
        check_existence(family, &sorted)?;

        let t0 = f64::from(sorted[0].year);
        let t_mean = t0 + sorted.iter().map(|o| f64::from(o.year) - t0).sum::<f64>() / n as f64;
        let xs: Vec<f64> = sorted.iter().map(|o| f64::from(o.year) - t_mean).collect();
        let ds: Vec<f64> = sorted.iter().map(|o| o.events).collect();
        let ns: Vec<f64> = sorted.iter().map(|o| o.exposure).collect();

        // Start from a weighted least-squares line through the empirical link
        // values, nudged off 0 (and off 1 for shares).
        let start: Vec<(f64, f64)> = (0..n)
            .map(|i| match family {
                Family::Poisson => (((ds[i] + 0.5) / ns[i]).ln(), ds[i] + 0.5),
                Family::Binomial => {
                    let p = (ds[i] + 0.5) / (ns[i] + 1.0);
                    ((p / (1.0 - p)).ln(), (ns[i] + 1.0) * p * (1.0 - p))
                }
            })
            .collect();
        let (mut a, mut b) = weighted_line(&xs, &start).ok_or(GlmError::TooFewPoints)?;
        let mut deviance = f64::INFINITY;
        let mut iterations = 0;
        let mut converged = false;
        while iterations < MAX_ITERATIONS {
            iterations += 1;
            let work: Vec<(f64, f64)> = (0..n)
                .map(|i| {
                    let eta = a + b * xs[i];
                    let (mu, w) = mean_and_weight(family, eta, ns[i]);
                    // Working response z = η + (d − μ)·dη/dμ, with dη/dμ = 1/w
                    // for both canonical links.
                    (eta + (ds[i] - mu) / w, w)
                })
                .collect();
            let Some((a_new, b_new)) = weighted_line(&xs, &work) else {
                return Err(GlmError::NotConverged { iterations });
            };
            let dev_new = deviance_of(family, &ds, &ns, &xs, a_new, b_new);
            if !dev_new.is_finite() {
                return Err(GlmError::NotConverged { iterations });
            }
            let step = (a_new - a).abs().max((b_new - b).abs());
            a = a_new;
            b = b_new;
            let settled = (dev_new - deviance).abs() <= 1e-13 * (dev_new.abs() + 0.1);
            deviance = dev_new;
            if settled || step <= 1e-13 * (1.0 + a.abs().max(b.abs())) {
                converged = true;
                break;
            }
        }
        if !converged {
            return Err(GlmError::NotConverged { iterations });
        }

        // Information matrix and Pearson's X² at the estimate.
        let (mut s0, mut s1, mut s2, mut chi2) = (0.0, 0.0, 0.0, 0.0);
        let mut fitted_events = Vec::with_capacity(n);
        for i in 0..n {
            let (mu, w) = mean_and_weight(family, a + b * xs[i], ns[i]);
            s0 += w;
            s1 += w * xs[i];
            s2 += w * xs[i] * xs[i];
            chi2 += (ds[i] - mu).powi(2) / w;
            fitted_events.push(mu);
        }
        let det = s0 * s2 - s1 * s1;
        if !(det.is_finite() && det > 0.0) {
            return Err(GlmError::NotConverged { iterations });
        }
        let cov = [[s2 / det, -s1 / det], [-s1 / det, s0 / det]];
        let pearson_ratio = (n >= 3).then(|| chi2 / (n - 2) as f64);
        Ok(GlmFit {
            family,
            n,
            t_mean,
            intercept_centred: a,
            slope: b,
            cov,
            pearson_chi2: chi2,
            deviance,
            pearson_ratio,
            dispersion: pearson_ratio.map(|r| r.max(1.0)),
            iterations,
            fitted_events,
        })
    }

    /// The intercept with the calendar year as the variable: η(Y) = a' + b·Y.
    pub fn intercept(&self) -> f64 {
        self.intercept_centred - self.slope * self.t_mean
    }

    /// η̂(Y) on the link scale (log of the rate per person, logit of the share).
    pub fn eta(&self, year: f64) -> f64 {
        self.intercept_centred + self.slope * (year - self.t_mean)
    }

    /// √(φ·x_Yᵀ(XᵀWX)⁻¹x_Y): the standard error of η̂(Y), for three or more
    /// years.
    pub fn se_eta(&self, year: f64) -> Option<f64> {
        let phi = self.dispersion?;
        let x = year - self.t_mean;
        let v = self.cov[0][0] + 2.0 * x * self.cov[0][1] + x * x * self.cov[1][1];
        let se = (phi * v.max(0.0)).sqrt();
        se.is_finite().then_some(se)
    }

    /// Standard errors of (a, b): √(φ·diag (XᵀWX)⁻¹), for three or more years.
    pub fn se_coefficients(&self) -> Option<(f64, f64)> {
        let phi = self.dispersion?;
        Some(((phi * self.cov[0][0]).sqrt(), (phi * self.cov[1][1]).sqrt()))
    }

    /// Degrees of freedom of the t distribution, n − 2 (three or more years).
    pub fn df(&self) -> Option<f64> {
        (self.n >= 3).then(|| (self.n - 2) as f64)
    }

    /// The expected value at link value `eta`, per `per` (a rate per 100,000,
    /// or a share in percent with `per` = 100).
    pub fn value(&self, eta: f64, per: f64) -> f64 {
        from_link(self.family, eta, per)
    }

    /// The interval of the expected value at Y: η̂ ± t_{n−2,(1+p)/2}·se, mapped
    /// back. `None` for fewer than three years.
    pub fn interval(&self, year: f64, level: f64, per: f64) -> Option<(f64, f64)> {
        self.interval_with(year, t_quantile(level, self.df()?)?, per)
    }

    /// [`GlmFit::interval`] with t_{n−2,(1+p)/2} given, for callers that ask
    /// for many years (the quantile is a root search).
    pub fn interval_with(&self, year: f64, t: f64, per: f64) -> Option<(f64, f64)> {
        let eta = self.eta(year);
        let half = t * self.se_eta(year)?;
        Some((self.value(eta - half, per), self.value(eta + half, per)))
    }

    /// P(the expected value at Y is at most `value`) under the fitted model:
    /// F_{t,n−2}((g(value) − η̂)/se), g the link. `None` for fewer than three
    /// years; a value at or below 0 (or at or above `per` for a share) gives 0
    /// (or 1).
    pub fn probability_below(&self, year: f64, value: f64, per: f64) -> Option<f64> {
        let df = self.df()?;
        let se = self.se_eta(year)?;
        let g = to_link(self.family, value, per);
        let q = (g - self.eta(year)) / se;
        if q.is_nan() {
            return None;
        }
        if q == f64::INFINITY {
            return Some(1.0);
        }
        if q == f64::NEG_INFINITY {
            return Some(0.0);
        }
        let dist = StudentsT::new(0.0, 1.0, df).ok()?;
        Some(dist.cdf(q))
    }
}

/// The link g(y) of a value per `per`: ln(y/per) or logit(y/per). −∞ at 0,
/// +∞ at `per` for a share.
pub fn to_link(family: Family, value: f64, per: f64) -> f64 {
    let p = value / per;
    match family {
        Family::Poisson => p.ln(),
        Family::Binomial => (p / (1.0 - p)).ln(),
    }
}

/// g⁻¹: per·e^η or per·e^η/(1 + e^η).
pub fn from_link(family: Family, eta: f64, per: f64) -> f64 {
    match family {
        Family::Poisson => per * eta.exp(),
        Family::Binomial => per * expit(eta),
    }
}

/// t_{df,(1+p)/2} from statrs. `None` outside 0 < p < 1 or for df ≤ 0.
pub fn t_quantile(level: f64, df: f64) -> Option<f64> {
    if !(level > 0.0 && level < 1.0) {
        return None;
    }
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let q = dist.inverse_cdf((1.0 + level) / 2.0);
    q.is_finite().then_some(q)
}

fn expit(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// μ and the IRLS weight w = (dμ/dη)²/V(μ) at η, for a year of exposure N.
fn mean_and_weight(family: Family, eta: f64, exposure: f64) -> (f64, f64) {
    match family {
        Family::Poisson => {
            let mu = exposure * eta.exp();
            (mu, mu)
        }
        Family::Binomial => {
            let p = expit(eta);
            let q = expit(-eta);
            (exposure * p, exposure * p * q)
        }
    }
}

fn deviance_of(family: Family, ds: &[f64], ns: &[f64], xs: &[f64], a: f64, b: f64) -> f64 {
    // y·ln(y/μ), taken as 0 at y = 0.
    let term = |y: f64, mu: f64| if y > 0.0 { y * (y / mu).ln() } else { 0.0 };
    let mut dev = 0.0;
    for i in 0..ds.len() {
        let (mu, _) = mean_and_weight(family, a + b * xs[i], ns[i]);
        dev += match family {
            Family::Poisson => term(ds[i], mu) - (ds[i] - mu),
            Family::Binomial => term(ds[i], mu) + term(ns[i] - ds[i], ns[i] - mu),
        };
    }
    2.0 * dev
}

/// Weighted least squares of z on (1, x): (a, b). `None` when the weights or
/// the x's leave the system singular.
fn weighted_line(xs: &[f64], zw: &[(f64, f64)]) -> Option<(f64, f64)> {
    let (mut s0, mut s1, mut s2, mut sz, mut sxz) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (x, &(z, w)) in xs.iter().zip(zw) {
        s0 += w;
        s1 += w * x;
        s2 += w * x * x;
        sz += w * z;
        sxz += w * x * z;
    }
    let det = s0 * s2 - s1 * s1;
    if !(det.is_finite() && det > 0.0) {
        return None;
    }
    let a = (s2 * sz - s1 * sxz) / det;
    let b = (s0 * sxz - s1 * sz) / det;
    (a.is_finite() && b.is_finite()).then_some((a, b))
}

/// Whether the maximum-likelihood estimate exists, from the data's pattern
/// (Haberman's condition for one covariate), so that IRLS is never asked to
/// chase an infinite slope. `sorted` is by ascending year.
///
/// Poisson: the likelihood rises without bound along a direction c when
/// c₀ + c₁·t ≤ 0 at every year and = 0 at every year with events. With events
/// in two distinct years that line is zero; with events in one year only, it
/// exists exactly when that year is the first or the last.
///
/// Binomial: the same for events and non-events: no estimate when every event
/// year lies at or after every non-event year (or at or before), sharing at
/// most one year.
fn check_existence(family: Family, sorted: &[CountObs]) -> Result<(), GlmError> {
    let first = sorted.first().map(|o| o.year);
    let last = sorted.last().map(|o| o.year);
    let event_years: Vec<i32> = sorted.iter().filter(|o| o.events > 0.0).map(|o| o.year).collect();
    if event_years.is_empty() {
        return Err(GlmError::AllZero);
    }
    match family {
        Family::Poisson => {
            if event_years.len() == 1 && (Some(event_years[0]) == first || Some(event_years[0]) == last) {
                return Err(GlmError::Separation);
            }
        }
        Family::Binomial => {
            let other_years: Vec<i32> = sorted.iter().filter(|o| o.exposure > o.events).map(|o| o.year).collect();
            let (Some(&e_min), Some(&e_max)) = (event_years.first(), event_years.last()) else {
                return Err(GlmError::AllZero);
            };
            let (Some(&o_min), Some(&o_max)) = (other_years.first(), other_years.last()) else {
                return Err(GlmError::AllFull);
            };
            if o_max <= e_min || e_max <= o_min {
                return Err(GlmError::Separation);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(rows: &[(i32, f64, f64)]) -> Vec<CountObs> {
        rows.iter().map(|&(year, events, exposure)| CountObs { year, events, exposure }).collect()
    }

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn poisson_with_two_years_passes_through_both_rates() {
        // Two years, two parameters: μ = d exactly. b = ln((30/2000)/(10/1000)).
        let fit = GlmFit::new(Family::Poisson, &obs(&[(2020, 10.0, 1000.0), (2022, 30.0, 2000.0)])).unwrap();
        assert!(close(fit.slope, (1.5f64).ln() / 2.0, 1e-12));
        assert!(close(fit.value(fit.eta(2020.0), 1000.0), 10.0, 1e-12));
        assert!(close(fit.value(fit.eta(2022.0), 1000.0), 15.0, 1e-12));
        assert_eq!((fit.dispersion, fit.se_eta(2030.0), fit.interval(2030.0, 0.8, 1.0)), (None, None, None));
    }

    #[test]
    fn poisson_score_equations_hold_at_the_estimate() {
        // At the MLE of a canonical-link GLM, Σ(d − μ) = 0 and Σ(d − μ)·x = 0.
        let data = obs(&[
            (2015, 3.0, 17000.0),
            (2016, 0.0, 17500.0),
            (2017, 2.0, 18100.0),
            (2018, 1.0, 17800.0),
            (2019, 4.0, 16900.0),
            (2020, 0.0, 16000.0),
            (2021, 1.0, 15800.0),
        ]);
        let fit = GlmFit::new(Family::Poisson, &data).unwrap();
        let r: Vec<f64> = data.iter().zip(&fit.fitted_events).map(|(o, mu)| o.events - mu).collect();
        let rx: f64 = data.iter().zip(&r).map(|(o, r)| r * (f64::from(o.year) - fit.t_mean)).sum();
        assert!(r.iter().sum::<f64>().abs() < 1e-9, "{r:?}");
        assert!(rx.abs() < 1e-9);
        assert!(fit.iterations > 1 && fit.iterations < 30);
        assert!(fit.dispersion.unwrap() >= 1.0);
    }

    #[test]
    fn binomial_score_equations_hold_at_the_estimate() {
        let data =
            obs(&[(2019, 310.0, 16000.0), (2020, 280.0, 15500.0), (2021, 300.0, 15000.0), (2022, 240.0, 14100.0)]);
        let fit = GlmFit::new(Family::Binomial, &data).unwrap();
        let r: Vec<f64> = data.iter().zip(&fit.fitted_events).map(|(o, mu)| o.events - mu).collect();
        let rx: f64 = data.iter().zip(&r).map(|(o, r)| r * (f64::from(o.year) - fit.t_mean)).sum();
        assert!(r.iter().sum::<f64>().abs() < 1e-8);
        assert!(rx.abs() < 1e-8);
        // The share stays inside (0, 100) however far it is projected.
        let (lo, hi) = fit.interval(2100.0, 0.95, 100.0).unwrap();
        assert!(lo > 0.0 && hi < 100.0 && lo < hi);
    }

    #[test]
    fn overdispersion_widens_the_interval_by_the_square_root_of_phi() {
        let data =
            obs(&[(2018, 40.0, 1e4), (2019, 80.0, 1e4), (2020, 35.0, 1e4), (2021, 90.0, 1e4), (2022, 30.0, 1e4)]);
        let fit = GlmFit::new(Family::Poisson, &data).unwrap();
        let phi = fit.dispersion.unwrap();
        assert!(phi > 1.0);
        assert_eq!(Some(phi), fit.pearson_ratio);
        let v = fit.cov[1][1];
        assert!(close(fit.se_coefficients().unwrap().1, (phi * v).sqrt(), 1e-14));
    }

    #[test]
    fn a_zero_year_needs_no_fallback() {
        let fit =
            GlmFit::new(Family::Poisson, &obs(&[(2020, 2.0, 17000.0), (2021, 0.0, 17000.0), (2022, 1.0, 17000.0)]));
        assert!(fit.is_ok());
    }

    /// One helper: the error a pattern of counts gives.
    fn check_err(family: Family, rows: &[(i32, f64, f64)], expected: GlmError) {
        assert_eq!(GlmFit::new(family, &obs(rows)), Err(expected), "{rows:?}");
    }

    #[test]
    fn patterns_without_an_estimate_say_why() {
        use GlmError::*;
        let p = Family::Poisson;
        let b = Family::Binomial;
        check_err(p, &[(2020, 0.0, 1e4), (2021, 0.0, 1e4), (2022, 0.0, 1e4)], AllZero);
        check_err(p, &[(2020, 0.0, 1e4), (2021, 0.0, 1e4), (2022, 3.0, 1e4)], Separation);
        check_err(p, &[(2020, 2.0, 1e4), (2021, 0.0, 1e4), (2022, 0.0, 1e4)], Separation);
        check_err(p, &[(2020, 1.0, 1e4)], TooFewPoints);
        check_err(p, &[(2020, 1.0, 1e4), (2020, 2.0, 1e4)], TooFewPoints);
        check_err(p, &[(2020, 1.5, 1e4), (2021, 2.0, 1e4)], InvalidCount { year: 2020 });
        check_err(p, &[(2020, 1.0, 1e4), (2021, -2.0, 1e4)], InvalidCount { year: 2021 });
        check_err(p, &[(2020, 1.0, 0.0), (2021, 2.0, 1e4)], ZeroExposure { year: 2020 });
        check_err(b, &[(2020, 5.0, 4.0), (2021, 2.0, 10.0)], EventsExceedExposure { year: 2020 });
        check_err(b, &[(2020, 10.0, 10.0), (2021, 10.0, 10.0), (2022, 8.0, 8.0)], AllFull);
        // Non-events only early, events only late, sharing 2021.
        check_err(b, &[(2020, 0.0, 10.0), (2021, 4.0, 10.0), (2022, 10.0, 10.0)], Separation);
        check_err(b, &[(2020, 10.0, 10.0), (2021, 10.0, 10.0), (2022, 0.0, 10.0)], Separation);
        // One event in a middle year is a proper (if wide) estimate.
        assert!(GlmFit::new(p, &obs(&[(2020, 0.0, 1e4), (2021, 1.0, 1e4), (2022, 0.0, 1e4)])).is_ok());
        assert!(GlmFit::new(b, &obs(&[(2020, 0.0, 10.0), (2021, 4.0, 10.0), (2022, 9.0, 10.0)])).is_ok());
    }

    #[test]
    fn error_keys_are_stable() {
        assert_eq!(GlmError::ZeroExposure { year: 2021 }.key(), "zero_exposure:2021");
        assert_eq!(GlmError::NotConverged { iterations: 100 }.key(), "not_converged");
        assert_eq!(GlmError::Separation.key(), "separation");
    }

    #[test]
    fn probability_and_interval_agree_on_the_t_distribution() {
        // The interval's bounds are where the probability is (1 ∓ p)/2.
        let data = obs(&[(2018, 5.0, 1e4), (2019, 3.0, 1e4), (2020, 6.0, 1e4), (2021, 2.0, 1e4), (2022, 2.0, 1e4)]);
        let fit = GlmFit::new(Family::Poisson, &data).unwrap();
        let (lo, hi) = fit.interval(2030.0, 0.8, 1e5).unwrap();
        assert!(close(fit.probability_below(2030.0, lo, 1e5).unwrap(), 0.1, 1e-9));
        assert!(close(fit.probability_below(2030.0, hi, 1e5).unwrap(), 0.9, 1e-9));
        assert_eq!(fit.probability_below(2030.0, 0.0, 1e5), Some(0.0));
    }
}
