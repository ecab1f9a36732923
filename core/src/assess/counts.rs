//! Rates and shares judged from their counts (METHODS.md, "Rates and shares
//! from counts"): the path [`super::assess`] takes when every point in the
//! window carries its events and exposure.
//!
//! Why a path of its own: a district's maternal deaths are 0–3 a year, and the
//! ratio-based rules then misjudge (a zero year forces the linear scale, one
//! death more or less flips the verdict). Here the trend is the quasi-Poisson
//! (or quasi-binomial) fit of [`super::glm`], each year gets its exact interval
//! ([`super::exact`]), and the value judged on is the pooled rate of the latest
//! three calendar years when any of them has fewer than 20 events (NCHS).
//!
//! What it shares with the ratio path: the status rules ([`super::status`]),
//! the checkpoint, milestones and what-if all run on a [`Trend`] whose line is
//! the model's (ln of the expected rate, or the logit of the expected share)
//! and whose latest value is the one judged on. Only the uncertainty differs:
//! intervals and probabilities come from the model's standard errors with the
//! t distribution on n − 2 degrees of freedom, and say so (they describe the
//! *expected* rate, not a single year's observed one).
//!
//! One addition to METHODS.md's rules, where they are silent: the checkpoint's
//! base year, when its count is small, is anchored on the model's expected
//! value for that year rather than on the year's own rate (a year without a
//! death would put the glide path's start at 0, whose logarithm is −∞).
//!
//! When there is no model (no event at all, separation, one year), the status
//! still follows from the judged value; projections are null and `reason` says
//! why (`all_zero`, `separation`, `not_converged`, ...).

use serde::Serialize;

use crate::catalog::{Direction, Goal, Indicator, Scale, Unit};
use crate::series::Point;

use super::exact::{clopper_pearson, garwood};
use super::fit::Fit;
use super::glm::{CountObs, Family, GlmError, GlmFit};
use super::scale::{ModelScale, ScaleSource};
use super::settings::Settings;
use super::status::{Severity, Status};
use super::target::{Resolved, Rule};
use super::trend::{finite, Trend};
use super::warnings::Warning;
use super::{checkpoint, directional, milestones, Assessment, ExplainPoint, ProjectionPoint};

/// An interval: exact for an observed year, model-based for a projection.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub lower: f64,
    pub upper: f64,
}

/// One observed year as the counts model saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservedPoint {
    pub year: i32,
    /// d/N·per, in the indicator's unit.
    pub value: f64,
    /// d.
    pub events: Option<f64>,
    /// N.
    pub exposure: Option<f64>,
    /// Whether d was derived from a pasted rate and N.
    pub derived_count: bool,
    /// The exact interval of the year's rate at the chosen level: Garwood for
    /// a rate, Clopper–Pearson for a share.
    pub observed_interval: Option<Interval>,
}

/// The value judged on when counts are small: the latest three calendar years
/// pooled, Σd/ΣN·per.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pooled {
    pub value: f64,
    /// The years pooled (those of the latest three calendar years with data).
    pub years: Vec<i32>,
    pub events: f64,
    pub exposure: f64,
    /// The exact interval of the pooled rate at the chosen level.
    pub interval: Option<Interval>,
}

/// The model's numbers, for the detail view and for anyone redoing the fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountsExplain {
    /// `poisson` or `binomial`.
    pub family: &'static str,
    /// The rate's multiplier (100,000, 1,000, 100 for a share in percent).
    pub per: f64,
    /// Total events over the window, what the judgment rests on.
    pub total_events: f64,
    /// Years with fewer events than `small_numbers_below`.
    pub small_years: Vec<i32>,
    pub small_numbers_below: f64,
    /// IRLS iterations (`None` when no fit was attempted).
    pub iterations: Option<usize>,
    /// Why there is no fit: `all_zero`, `separation`, `not_converged`, ...
    pub fit_failure: Option<String>,
    /// t̄ and the link value there, a (the model is η = a + b·(Y − t̄)).
    pub t_mean: Option<f64>,
    pub intercept_centred: Option<f64>,
    /// Pearson's X², and X²/(n − 2) before the floor of 1.
    pub pearson_chi2: Option<f64>,
    pub pearson_ratio: Option<f64>,
    /// Standard errors of a and b (√φ times the unscaled ones).
    pub se_intercept: Option<f64>,
    pub se_slope: Option<f64>,
}

/// The counts model of one indicator's points, shared by [`assess`] and the
/// what-if.
pub(crate) struct CountsModel {
    pub family: Family,
    pub per: f64,
    pub obs: Vec<ObservedPoint>,
    pub fit: Result<GlmFit, GlmError>,
    pub pooled: Option<Pooled>,
    /// The line of the model on the indicator's scale, with the judged value as
    /// its latest value: what the status rules, checkpoint and what-if see.
    pub trend: Trend,
    pub n_given: usize,
    /// The checkpoint's base: the plan's base year (whatever the window), else
    /// the first year modelled.
    pub base: Option<(i32, f64)>,
}

/// Builds the counts model when it applies: the unit is a rate or a share and
/// every point in the window has whole events ≥ 0 and an exposure > 0 (a share
/// no more events than exposure), one point a year. Otherwise `None`, and the
/// ratio path (with its own checks) takes the points.
pub(crate) fn model(indicator: &Indicator, points: &[Point], settings: &Settings) -> Option<CountsModel> {
    let per = indicator.unit.per()?;
    let family = if indicator.unit == Unit::Percent { Family::Binomial } else { Family::Poisson };
    if matches!(indicator.target.goal, Goal::Direction { direction: Direction::SlowIncrease, .. }) {
        return None;
    }
    let mut window: Vec<&Point> =
        points.iter().filter(|p| settings.from_year.is_none_or(|from| p.year >= from)).collect();
    crate::sort::sort_by_key(&mut window, |p| p.year);
    if window.is_empty() || window.windows(2).any(|w| w[0].year == w[1].year) {
        return None;
    }
    let level = settings.effective_level();
    let mut obs = Vec::with_capacity(window.len());
    for p in &window {
        let (d, n) = p.counts()?;
        let whole = d.is_finite() && d >= 0.0 && d.fract() == 0.0;
        if !(whole && n.is_finite() && n > 0.0) || (family == Family::Binomial && d > n) {
            return None;
        }
        obs.push(ObservedPoint {
            year: p.year,
            value: d / n * per,
            events: Some(d),
            exposure: Some(n),
            derived_count: p.derived_count,
            observed_interval: exact_interval(family, d, n, per, level),
        });
    }
    let counts: Vec<CountObs> = obs
        .iter()
        .map(|o| CountObs { year: o.year, events: o.events.unwrap_or(0.0), exposure: o.exposure.unwrap_or(0.0) })
        .collect();
    let fit = GlmFit::new(family, &counts);
    let pooled = pooled(family, &counts, per, settings.thresholds.small_numbers, level);

    // The rules' view: the model's line on the indicator's scale, and the
    // judged value (pooled, else the latest year's) as the latest value.
    let mut pairs: Vec<(i32, f64)> = obs.iter().map(|o| (o.year, o.value)).collect();
    let scale = match family {
        Family::Poisson => ModelScale::log(),
        Family::Binomial => {
            let th = &settings.thresholds;
            let tau_b = match super::resolve(indicator, th) {
                Resolved::Numeric { on_bound: Some(b), .. } => b.tolerance,
                _ => th.bound_tolerance,
            };
            let values: Vec<f64> = pairs.iter().map(|p| p.1).collect();
            ModelScale::logit_for(0.0, 100.0, th.clamp_delta, tau_b, &values)
        }
    };
    if let (Some(last), Some(p)) = (pairs.last_mut(), &pooled) {
        last.1 = p.value;
    }
    // The plan's base year anchors the checkpoint's glide path; a small count
    // there (0 deaths reads as a rate of 0, whose logarithm is −∞) is replaced
    // by the model's expected value for that year.
    if let (Ok(f), Some(i)) = (&fit, counts.iter().position(|o| o.year == settings.base_year)) {
        if i + 1 < pairs.len() && counts[i].events < settings.thresholds.small_numbers {
            pairs[i].1 = f.value(f.eta(f64::from(settings.base_year)), per);
        }
    }
    // The base year outside the window is read from the points as given.
    let base = pairs
        .iter()
        .find(|p| p.0 == settings.base_year)
        .copied()
        .or_else(|| {
            let p = points.iter().find(|p| p.year == settings.base_year)?;
            let (d, n) = p.counts()?;
            let value = finite(d / n * per)?;
            (n > 0.0).then_some((p.year, value))
        })
        .or(pairs.first().copied());
    let mut trend = Trend::new(&pairs, scale, level);
    trend.fit = fit.as_ref().ok().map(|f| model_line(f, per, &counts));
    trend.t_quantile = fit.as_ref().ok().and_then(GlmFit::df).and_then(|df| super::glm::t_quantile(level, df));
    Some(CountsModel { family, per, obs, fit, pooled, trend, n_given: points.len(), base })
}

/// The model's line as a [`Fit`] on the indicator's scale, for the rules that
/// read a slope and a fitted value. It carries no residual spread: the model's
/// uncertainty is asked of the model itself.
fn model_line(fit: &GlmFit, per: f64, obs: &[CountObs]) -> Fit {
    let shift = match fit.family {
        Family::Poisson => per.ln(),
        Family::Binomial => 0.0,
    };
    let g_mean = fit.intercept_centred + shift;
    let sxx = obs.iter().map(|o| (f64::from(o.year) - fit.t_mean).powi(2)).sum();
    Fit {
        n: fit.n,
        t_mean: fit.t_mean,
        g_mean,
        sxx,
        slope: fit.slope,
        intercept: g_mean - fit.slope * fit.t_mean,
        ssr: f64::NAN,
        s: None,
        zero_spread: false,
    }
}

/// The exact interval of one year's rate (or share) at `level`, per `per`.
fn exact_interval(family: Family, events: f64, exposure: f64, per: f64, level: f64) -> Option<Interval> {
    let (lower, upper) = match family {
        Family::Poisson => garwood(events, level).map(|(l, u)| (l / exposure, u / exposure))?,
        Family::Binomial => clopper_pearson(events, exposure, level)?,
    };
    Some(Interval { lower: finite(lower * per)?, upper: finite(upper * per)? })
}

/// The pooled value of the latest three calendar years, when any of them has
/// fewer than `below` events; `None` when each has enough.
fn pooled(family: Family, obs: &[CountObs], per: f64, below: f64, level: f64) -> Option<Pooled> {
    let last = obs.last()?.year;
    let recent: Vec<&CountObs> = obs.iter().filter(|o| o.year > last - 3).collect();
    if recent.iter().all(|o| o.events >= below) {
        return None;
    }
    let events: f64 = recent.iter().map(|o| o.events).sum();
    let exposure: f64 = recent.iter().map(|o| o.exposure).sum();
    Some(Pooled {
        value: events / exposure * per,
        years: recent.iter().map(|o| o.year).collect(),
        events,
        exposure,
        interval: exact_interval(family, events, exposure, per, level),
    })
}

/// The probability that the expected value in `year` meets `rule`.
fn probability(fit: &GlmFit, rule: &Rule, year: i32, per: f64) -> Result<f64, &'static str> {
    if fit.n < 3 {
        return Err("two_points");
    }
    let y = f64::from(year);
    let below = |v: f64| fit.probability_below(y, v, per).ok_or("two_points");
    let p = match *rule {
        Rule::Threshold { comparator, value } => {
            let b = below(value)?;
            if comparator.higher_is_better() {
                1.0 - b
            } else {
                b
            }
        }
        Rule::Band { low, high, .. } => below(high)? - below(low)?,
    };
    finite(p.clamp(0.0, 1.0)).ok_or("two_points")
}

/// Assesses an indicator from its counts; `None` when the counts model does not
/// apply (see [`model`]).
pub(crate) fn assess(indicator: &Indicator, points: &[Point], settings: &Settings) -> Option<Assessment> {
    let m = model(indicator, points, settings)?;
    let th = &settings.thresholds;
    let level = settings.effective_level();
    let scale = m.trend.scale.scale;
    let resolved = super::resolve(indicator, th);
    let mut a = Assessment::blank(indicator, settings, &resolved, scale, ScaleSource::UnitDefault);
    let target_year = indicator.target.year;
    let trend = &m.trend;
    let n = m.obs.len();
    a.explain.n_points_given = m.n_given;
    a.n_points = n;
    a.first_year = m.obs.first().map(|o| o.year);
    if let Some((year, value)) = trend.latest() {
        a.latest_year = Some(year);
        a.latest_value = finite(value);
    }
    a.method = Some(m.family.key().to_string());
    a.null_because("residual_sd", "counts_model");
    a.points = m.obs.clone();
    a.pooled = m.pooled.clone();

    let fit = m.fit.as_ref().ok();
    let per = m.per;
    let small_years: Vec<i32> =
        m.obs.iter().filter(|o| o.events.is_some_and(|d| d < th.small_numbers)).map(|o| o.year).collect();
    let se = fit.and_then(GlmFit::se_coefficients);
    a.explain.counts = Some(CountsExplain {
        family: m.family.key(),
        per,
        total_events: m.obs.iter().filter_map(|o| o.events).sum(),
        small_years: small_years.clone(),
        small_numbers_below: th.small_numbers,
        iterations: m.fit.as_ref().map_or_else(
            |e| match e {
                GlmError::NotConverged { iterations } => Some(*iterations),
                _ => None,
            },
            |f| Some(f.iterations),
        ),
        fit_failure: m.fit.as_ref().err().map(GlmError::key),
        t_mean: fit.map(|f| f.t_mean),
        intercept_centred: fit.and_then(|f| finite(f.intercept_centred)),
        pearson_chi2: fit.and_then(|f| finite(f.pearson_chi2)),
        pearson_ratio: fit.and_then(|f| f.pearson_ratio).and_then(finite),
        se_intercept: se.and_then(|s| finite(s.0)),
        se_slope: se.and_then(|s| finite(s.1)),
    });
    a.explain.t_quantile = trend.t_quantile;
    a.explain.df = fit.and_then(|f| (f.n >= 3).then(|| f.n - 2));

    // The observed years, with the model's fitted values and Pearson residuals.
    for o in &m.obs {
        let fitted_g = trend.g_at(o.year);
        let g = scale_g(scale, o.value).or(fitted_g).unwrap_or(0.0);
        // Leverage and studentized residuals are the OLS path's outlier check;
        // a counts model has φ for extra-Poisson variation instead.
        let (leverage, studentized) = (None, None);
        a.explain.points.push(ExplainPoint {
            year: o.year,
            value: o.value,
            value_used: o.value,
            g,
            fitted_g,
            fitted: trend.fitted(o.year),
            residual_g: scale_g(scale, o.value).zip(fitted_g).and_then(|(g, f)| finite(g - f)),
            leverage,
            studentized,
        });
    }

    match &m.fit {
        Ok(f) => {
            a.slope = finite(f.slope);
            a.intercept = trend.fit.as_ref().and_then(|l| finite(l.intercept));
            a.dispersion = f.dispersion;
            if f.dispersion.is_none() {
                a.null_because("dispersion", "two_points");
                a.null_because("projection.lower", "two_points");
                a.null_because("projection.upper", "two_points");
            }
            a.explain.t_mean = Some(f.t_mean);
            a.explain.g_mean = trend.fit.as_ref().map(|l| l.g_mean);
            a.explain.sxx = trend.fit.as_ref().map(|l| l.sxx);
            if let (Some(first), Some(last)) = (m.obs.first(), m.obs.last()) {
                if last.year > first.year {
                    a.annual_change = match (trend.fitted(first.year), trend.fitted(last.year)) {
                        (Some(y1), Some(yn)) => finite((yn - y1) / f64::from(last.year - first.year)),
                        _ => None,
                    };
                }
                let projection = |year: i32| {
                    let interval = trend.t_quantile.and_then(|t| f.interval_with(f64::from(year), t, per));
                    ProjectionPoint {
                        year,
                        value: finite(f.value(f.eta(f64::from(year)), per)),
                        lower: interval.and_then(|i| finite(i.0)),
                        upper: interval.and_then(|i| finite(i.1)),
                    }
                };
                a.projection = (first.year.min(target_year)..=last.year.max(target_year)).map(projection).collect();
                a.projection_mid_term = Some(projection(settings.mid_term_year));
                a.projection_at_target = Some(projection(target_year));
                a.explain.g_projected_at_target = trend.g_at(target_year).and_then(finite);
                a.explain.se_at_target = f.se_eta(f64::from(target_year)).and_then(finite);
            }
        }
        Err(e) => {
            let reason = e.key();
            for field in [
                "slope",
                "intercept",
                "dispersion",
                "annual_change",
                "projection",
                "projection_mid_term",
                "projection_at_target",
                "probability",
            ] {
                a.null_because(field, &reason);
            }
        }
    }

    let mut reason: Option<String> = None;
    match resolved {
        Resolved::Numeric { rule, tolerance, .. } => {
            let j = super::status::judge(&rule, target_year, trend, th, false);
            a.status = j.status;
            a.status_severity = j.status.severity();
            a.required_slope = j.required_slope;
            a.required_annual_change = j.required_annual_change;
            a.required_annual_rate = j.required_annual_rate;
            a.progress_ratio = j.progress_ratio;
            for (field, why) in &j.reasons {
                if *field != "probability" {
                    a.null_because(field, why);
                }
            }
            if let Some((_, y_n)) = trend.latest() {
                let gap = rule.gap(y_n);
                a.gap = finite(gap);
                let reference = rule.reference(y_n).abs();
                a.gap_relative = if reference > 0.0 { finite(gap / reference) } else { None };
                // An "about" target missed by less than its half-width is at worst amber.
                if let (Goal::Approx { .. }, Some(tau)) = (&indicator.target.goal, tolerance) {
                    if gap > 0.0 && gap < tau && a.status_severity == Severity::Red {
                        a.status_severity = Severity::Amber;
                    }
                }
            } else {
                a.null_because("gap", "no_data");
            }
            a.explain.aimed_at = j.aimed_at;
            a.explain.g_aim = j.aimed_at.map(|y| trend.scale.g_target(y)).and_then(finite);
            a.explain.g_latest = trend.latest_used().map(|y| trend.scale.g(y)).and_then(finite);
            if j.judged_on.is_some() {
                a.null_because("probability", "target_year_passed");
                reason = Some("target_year_passed".into());
            } else if let Some(f) = fit {
                match probability(f, &rule, target_year, per) {
                    Ok(p) => {
                        a.probability = Some(p);
                        let y = f64::from(target_year);
                        let q = |v: f64| {
                            let se = f.se_eta(y)?;
                            finite((super::glm::to_link(f.family, v, per) - f.eta(y)) / se)
                        };
                        match rule {
                            Rule::Threshold { value, .. } => a.explain.q = q(value),
                            Rule::Band { low, high, .. } => {
                                a.explain.q_low = q(low);
                                a.explain.q_high = q(high);
                            }
                        }
                    }
                    Err(why) => a.null_because("probability", why),
                }
            }
            if j.status == Status::Achieved && j.judged_on.is_none() {
                if let Some(projected) = trend.fitted(target_year) {
                    if !rule.meets(projected) {
                        a.warnings.push(Warning::at_risk(
                            target_year,
                            &crate::format::value(projected, a.unit, crate::format::Lang::Zh),
                            &crate::format::value(projected, a.unit, crate::format::Lang::En),
                        ));
                    }
                }
            }
            a.checkpoint =
                m.base.and_then(|base| checkpoint::checkpoint(&rule, target_year, trend, base, settings.mid_term_year));
            if a.checkpoint.is_none() {
                a.null_because("checkpoint", if trend.n() == 0 { "no_data" } else { "no_checkpoint" });
            }
        }
        Resolved::Trend(direction) => {
            // The fitted expected values carry the model's trend: e^b − 1 a
            // year for a rate, points a year for a share.
            let fitted: Vec<(i32, f64)> =
                m.obs.iter().filter_map(|o| trend.fitted(o.year).map(|v| (o.year, v))).collect();
            let smooth = Trend::new(&fitted, trend.scale, level);
            let j = directional::judge(direction, indicator.unit, &smooth, th);
            a.status = if fit.is_some() { j.status } else { Status::InsufficientData };
            a.status_severity = a.status.severity();
            a.explain.directional = j.explain;
            reason = j.reason.map(str::to_string);
            for field in ["gap", "required_slope", "required_annual_change", "required_annual_rate", "progress_ratio"] {
                a.null_because(field, "directional_target");
            }
            a.null_because("probability", "directional_target");
            a.null_because("checkpoint", "directional_target");
        }
        Resolved::NotJudged(direction) => {
            a.status = Status::NotAssessed;
            a.status_severity = Severity::None;
            let why = if direction == Direction::Maintain { "no_level" } else { "not_judged" };
            reason = Some(why.into());
            for field in ["gap", "required_slope", "progress_ratio", "probability", "checkpoint"] {
                a.null_because(field, why);
            }
        }
    }

    for milestone in &indicator.milestones {
        let (milestone_rule, _) = super::milestone_rule(indicator, milestone, th);
        let mut assessed = milestones::assess(milestone, milestone_rule, trend, th);
        if let Some(f) = fit {
            let interval = trend.t_quantile.and_then(|t| f.interval_with(f64::from(milestone.year), t, per));
            assessed.lower = interval.and_then(|i| finite(i.0));
            assessed.upper = interval.and_then(|i| finite(i.1));
            if assessed.observed.is_none() {
                assessed.probability = probability(f, &milestone_rule, milestone.year, per).ok();
            }
        }
        if let (Status::Missed, Some(observed)) = (assessed.status, assessed.observed) {
            a.warnings.push(Warning::milestone_missed(milestone.year, observed));
        }
        a.milestones.push(assessed);
    }

    if !small_years.is_empty() {
        a.warnings.push(Warning::small_numbers(small_years, th.small_numbers));
    }
    if let Some((latest_year, _)) = trend.latest() {
        if latest_year < settings.current_year - th.stale_years {
            a.warnings.push(Warning::stale(latest_year, settings.current_year, th.stale_years));
        }
    }
    a.severity =
        a.warnings.iter().map(|w| w.severity).filter(|s| *s != Severity::Info).fold(a.status_severity, Ord::max);
    a.reason = match (&reason, &m.fit, n) {
        (Some(r), _, _) if a.status == Status::NotAssessed || r == "target_year_passed" => Some(r.clone()),
        (_, Err(e), _) => Some(e.key()),
        (_, Ok(_), 2) => reason.or(Some("two_points".into())),
        _ => reason,
    };
    Some(a)
}

/// g of an observed value on the model's scale, when finite (a zero rate has
/// no logarithm).
fn scale_g(scale: Scale, value: f64) -> Option<f64> {
    let g = match scale {
        Scale::Log => value.ln(),
        Scale::Logit => (value / (100.0 - value)).ln(),
        Scale::Linear => value,
    };
    finite(g)
}
