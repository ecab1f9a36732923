//! One indicator's fitted trend on its model scale: the points as the fit uses
//! them (windowed, clamped, transformed), the OLS fit, projections, prediction
//! intervals and the probability of meeting a target in a given year
//! (METHODS.md, "Fit and projection").
//!
//! Everything that needs both the scale and the fit lives here, so the status,
//! milestone, checkpoint and what-if code only ask questions of a [`Trend`].

use super::fit::Fit;
use super::scale::ModelScale;
use super::student_t;
use super::target::Rule;

/// Points ready for the rules, with their fit.
#[derive(Debug, Clone)]
pub struct Trend {
    /// Years, ascending, one per year.
    pub years: Vec<i32>,
    /// Observed values, in the indicator's unit.
    pub values: Vec<f64>,
    /// Values as the fit uses them (moved inside a logit bound when on one).
    pub used: Vec<f64>,
    /// g(used).
    pub gs: Vec<f64>,
    pub scale: ModelScale,
    /// The OLS fit, for two or more points.
    pub fit: Option<Fit>,
    /// The interval level p.
    pub level: f64,
    /// t_{n−2, (1+p)/2}, for three or more points.
    pub t_quantile: Option<f64>,
}

impl Trend {
    /// Builds the trend of `points` (year, observed value), sorted and checked
    /// by the caller to lie in the scale's domain once clamped.
    pub fn new(points: &[(i32, f64)], scale: ModelScale, level: f64) -> Trend {
        let years: Vec<i32> = points.iter().map(|p| p.0).collect();
        let values: Vec<f64> = points.iter().map(|p| p.1).collect();
        let used: Vec<f64> = values.iter().map(|&y| scale.clamp(y)).collect();
        let gs: Vec<f64> = used.iter().map(|&y| scale.g(y)).collect();
        let ts: Vec<f64> = years.iter().map(|&y| y as f64).collect();
        let fit = Fit::new(&ts, &gs);
        let t_quantile = fit.as_ref().and_then(Fit::df).and_then(|df| t_quantile(level, df));
        Trend { years, values, used, gs, scale, fit, level, t_quantile }
    }

    pub fn n(&self) -> usize {
        self.years.len()
    }

    /// The latest (year, observed value).
    pub fn latest(&self) -> Option<(i32, f64)> {
        Some((*self.years.last()?, *self.values.last()?))
    }

    /// The latest value as the fit uses it (clamped).
    pub fn latest_used(&self) -> Option<f64> {
        self.used.last().copied()
    }

    /// The observed value for `year`, if there is one.
    pub fn value_at(&self, year: i32) -> Option<f64> {
        self.years.iter().position(|&y| y == year).map(|i| self.values[i])
    }

    /// ĝ(Y) on the model scale.
    pub fn g_at(&self, year: i32) -> Option<f64> {
        self.fit.as_ref().map(|f| f.g_at(year as f64))
    }

    /// ŷ(Y) = g⁻¹(ĝ(Y)), in the indicator's unit.
    pub fn fitted(&self, year: i32) -> Option<f64> {
        finite(self.scale.g_inv(self.g_at(year)?))
    }

    /// se(Y), for three or more points.
    pub fn se(&self, year: i32) -> Option<f64> {
        self.fit.as_ref()?.se_prediction(year as f64)
    }

    /// The prediction interval g⁻¹(ĝ(Y) ± t·se(Y)), for three or more points;
    /// none when the spread is zero (four identical values say nothing about
    /// next year's spread, and a zero-width band would claim they do).
    pub fn interval(&self, year: i32) -> Option<(f64, f64)> {
        if self.fit.as_ref()?.zero_spread {
            return None;
        }
        let g = self.g_at(year)?;
        let half = self.t_quantile? * self.se(year)?;
        Some((finite(self.scale.g_inv(g - half))?, finite(self.scale.g_inv(g + half))?))
    }

    /// The probability that the value in `year` meets `rule` under the fitted
    /// model: P(T ≤ q) with q = (g(y*) − ĝ(Y))/se(Y) for ≤ targets, its
    /// complement for ≥ targets, the mass inside the band for bands.
    ///
    /// `Err` carries the reason it does not apply: `no_data`, `one_point`,
    /// `two_points`, `zero_residual_spread`.
    pub fn probability(&self, rule: &Rule, year: i32) -> Result<f64, &'static str> {
        let fit = match (&self.fit, self.n()) {
            (_, 0) => return Err("no_data"),
            (_, 1) => return Err("one_point"),
            (Some(fit), n) if n >= 3 => fit,
            _ => return Err("two_points"),
        };
        if fit.zero_spread {
            return Err("zero_residual_spread");
        }
        let (Some(se), Some(df)) = (fit.se_prediction(year as f64), fit.df()) else {
            return Err("two_points");
        };
        let g_hat = fit.g_at(year as f64);
        let q = |edge: f64| (edge - g_hat) / se;
        let cdf = |x: f64| student_t::cdf(x, df).unwrap_or(f64::NAN);
        let p = match *rule {
            Rule::Threshold { comparator, value } => {
                let q = q(self.scale.g_target(value));
                if comparator.higher_is_better() {
                    cdf(-q)
                } else {
                    cdf(q)
                }
            }
            Rule::Band { low, high, .. } => {
                let (q_low, q_high) = (q(self.band_edge_g(low, false)), q(self.band_edge_g(high, true)));
                // Take the difference in the tail where both are small, so a
                // band far out keeps its digits.
                if q_low > 0.0 {
                    cdf(-q_low) - cdf(-q_high)
                } else {
                    cdf(q_high) - cdf(q_low)
                }
            }
        };
        finite(p.clamp(0.0, 1.0)).ok_or("zero_residual_spread")
    }

    /// g of a band edge: an edge on or beyond a logit bound (or ≤ 0 on a log
    /// scale) leaves that side of the band open.
    fn band_edge_g(&self, edge: f64, upper: bool) -> f64 {
        use crate::catalog::Scale;
        match self.scale.scale {
            Scale::Logit if upper && edge >= self.scale.upper => f64::INFINITY,
            Scale::Logit if !upper && edge <= self.scale.lower => f64::NEG_INFINITY,
            _ => self.scale.g_target(edge),
        }
    }
}

/// t_{df, (1+p)/2}, remembered per (level, df): a whole catalog asks for the
/// same few values, and each costs a root search. A pure function's memo, so
/// results never depend on it.
fn t_quantile(level: f64, df: f64) -> Option<f64> {
    /// ((level bits, df bits), quantile).
    type Memo = Vec<((u64, u64), Option<f64>)>;
    use std::cell::RefCell;
    thread_local! {
        static MEMO: RefCell<Memo> = const { RefCell::new(Vec::new()) };
    }
    let key = (level.to_bits(), df.to_bits());
    MEMO.with(|memo| {
        if let Some((_, q)) = memo.borrow().iter().find(|(k, _)| *k == key) {
            return *q;
        }
        let q = student_t::quantile((1.0 + level) / 2.0, df);
        let mut memo = memo.borrow_mut();
        // A session sees a handful of levels; keep the memo small regardless.
        if memo.len() >= 256 {
            memo.clear();
        }
        memo.push((key, q));
        q
    })
}

/// `Some(x)` when `x` is finite: every number the engine reports goes through
/// this, so NaN and ±∞ never reach the output.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Comparator;

    fn trend(points: &[(i32, f64)], scale: ModelScale) -> Trend {
        Trend::new(points, scale, 0.8)
    }

    /// One helper: probability of a rule in a year against a hand value.
    fn check(t: &Trend, rule: Rule, year: i32, expected: Result<f64, &'static str>) {
        let got = t.probability(&rule, year);
        match (got, expected) {
            (Ok(a), Ok(b)) => assert!((a - b).abs() <= 1e-12 * b.max(1e-300), "P = {a}, expected {b}"),
            (a, b) => assert_eq!(a, b),
        }
    }

    #[test]
    fn probability_by_hand() {
        // Linear 1, 2, 4 at 2020..2022: b = 1.5, ḡ = 7/3, s = √(1/6), n = 3, df = 1.
        // At 2024: ĝ = 7/3 + 1.5·3 = 6.8333…; se = s·√(1 + 1/3 + 9/2).
        let t = trend(&[(2020, 1.0), (2021, 2.0), (2022, 4.0)], ModelScale::linear());
        let g_hat = 7.0 / 3.0 + 4.5;
        let se = (1.0_f64 / 6.0).sqrt() * (1.0 + 1.0 / 3.0 + 4.5_f64).sqrt();
        let cauchy = |x: f64| 0.5 + x.atan() / std::f64::consts::PI;
        let ge = Rule::Threshold { comparator: Comparator::Ge, value: 6.0 };
        check(&t, ge, 2024, Ok(1.0 - cauchy((6.0 - g_hat) / se)));
        let le = Rule::Threshold { comparator: Comparator::Le, value: 6.0 };
        check(&t, le, 2024, Ok(cauchy((6.0 - g_hat) / se)));
        let band = Rule::Band { low: 6.0, high: 8.0, center: 7.0 };
        check(&t, band, 2024, Ok(cauchy((8.0 - g_hat) / se) - cauchy((6.0 - g_hat) / se)));
    }

    #[test]
    fn probability_reasons() {
        let ge = Rule::Threshold { comparator: Comparator::Ge, value: 6.0 };
        check(&trend(&[], ModelScale::linear()), ge, 2030, Err("no_data"));
        check(&trend(&[(2020, 1.0)], ModelScale::linear()), ge, 2030, Err("one_point"));
        check(&trend(&[(2020, 1.0), (2021, 2.0)], ModelScale::linear()), ge, 2030, Err("two_points"));
        let flat = trend(&[(2020, 5.0), (2021, 5.0), (2022, 5.0)], ModelScale::linear());
        check(&flat, ge, 2030, Err("zero_residual_spread"));
    }

    #[test]
    fn logit_band_edges_on_the_bounds_leave_the_band_open() {
        let t = trend(&[(2020, 97.0), (2021, 98.5), (2022, 98.0)], ModelScale::logit(0.0, 100.0, 0.1));
        let band = Rule::Band { low: 99.0, high: 100.0, center: 99.5 };
        let ge = Rule::Threshold { comparator: Comparator::Ge, value: 99.0 };
        assert_eq!(t.probability(&band, 2030), t.probability(&ge, 2030));
    }

    #[test]
    fn intervals_on_logit_stay_inside_the_bounds() {
        let t = trend(&[(2020, 1.0), (2021, 40.0), (2022, 99.0)], ModelScale::logit(0.0, 100.0, 0.1));
        for year in 2020..=2060 {
            let (lo, hi) = t.interval(year).unwrap();
            assert!((0.0..=100.0).contains(&lo) && (0.0..=100.0).contains(&hi) && lo <= hi);
        }
    }
}
