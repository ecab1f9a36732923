//! The assessment engine: for each indicator, where it stands, where its trend
//! leads by 2025 and the target year, how sure that is, what pace is still
//! needed, and whether to warn — exactly as `../shared/METHODS.md` specifies.
//!
//! Entry points: [`assess`] (one indicator), [`assess_catalog`] (every catalog
//! indicator, figures matched by id), [`what_if`], [`roll_up`]. Everything is
//! pure: no clock, no I/O; "now" comes in through [`Settings::current_year`].
//!
//! Code map:
//! - [`settings`]: the interval level, scale choices, window and thresholds.
//! - [`scale`]: the model scale g, its inverse, clamping and fallbacks.
//! - [`fit`]: ordinary least squares on the model scale.
//! - [`student_t`]: the t distribution's CDF and quantile.
//! - [`trend`]: points + scale + fit: projections, intervals, probabilities.
//! - [`target`]: targets resolved into thresholds, bands or directions.
//! - [`status`]: statuses, severities and the numeric status rules.
//! - [`directional`], [`milestones`], [`checkpoint`], [`warnings`].
//! - [`whatif`], [`rollup`], [`csv`] (the flat table for Excel).
//!
//! **Invariants:** no reported number is NaN or infinite (every one passes
//! through [`trend::finite`] and is `None`/null otherwise); a value that does not
//! apply is `None`, never omitted or invented, and the reason is recorded in
//! [`Assessment::null_reasons`]; nothing here panics on user figures.

pub mod checkpoint;
pub mod counts;
pub mod csv;
pub mod directional;
pub mod exact;
pub mod fit;
pub mod glm;
pub mod milestones;
pub mod rollup;
pub mod scale;
pub mod settings;
pub mod status;
pub mod student_t;
pub mod target;
pub mod trend;
pub mod warnings;
pub mod whatif;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{Catalog, Direction, Goal, Indicator, Plan, Scale, Unit};
use crate::series::{Point, Series};

pub use checkpoint::{Checkpoint, PathPosition};
pub use directional::DirectionalExplain;
pub use milestones::MilestoneAssessment;
pub use rollup::{roll_up, Flagged, GroupCount, RollUp, StatusCount};
pub use scale::ScaleSource;
pub use settings::{Settings, Thresholds};
pub use status::{Severity, Status};
pub use warnings::{Volatility, Warning, WarningKind};
pub use whatif::{what_if, WhatIf, WhatIfChange};

use scale::ScaleChoice;
pub use target::Rule;
use target::Resolved;
use trend::{finite, Trend};

/// The target as output: METHODS.md's `target {comparator, value, value2, year,
/// tolerance}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSummary {
    /// `le`, `lt`, `ge`, `gt`, `approx`, `between`; for `maintain` with a level,
    /// the level's comparator; `None` for other directional targets.
    pub comparator: Option<String>,
    /// y* (the lower end of a range; the level of `maintain`).
    pub value: Option<f64>,
    /// The upper end of a range.
    pub value2: Option<f64>,
    pub year: i32,
    /// The half-width of an "about" band actually used (the catalog's or the
    /// default), or τ_b of a target on a bound.
    pub tolerance: Option<f64>,
    /// y*_eff of a target on a bound ("≥ 100%" is met from 99.95): the value
    /// every rule uses instead of `value`; `None` elsewhere.
    pub effective_value: Option<f64>,
}

/// One year of the projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectionPoint {
    pub year: i32,
    /// ŷ(Y) = g⁻¹(a + b·Y).
    pub value: Option<f64>,
    /// The prediction interval at the chosen level (three or more points).
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// One point as the fit saw it, for the detail view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainPoint {
    pub year: i32,
    /// As given.
    pub value: f64,
    /// As fitted (moved inside a logit bound when on one).
    pub value_used: f64,
    /// g(value_used).
    pub g: f64,
    /// ĝ(year).
    pub fitted_g: Option<f64>,
    /// ŷ(year).
    pub fitted: Option<f64>,
    /// g − ĝ.
    pub residual_g: Option<f64>,
    /// hᵢᵢ = 1/n + (tᵢ − t̄)²/Sxx.
    pub leverage: Option<f64>,
    /// eᵢ / (s·√(1 − hᵢᵢ)).
    pub studentized: Option<f64>,
}

/// The inputs and intermediate results behind an assessment, so a statistician
/// can redo it by hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explain {
    /// The scale asked for, and by whom; `scale_fallback` says why another was used.
    pub scale_requested: Scale,
    pub scale_source: ScaleSource,
    pub scale_fallback: Option<String>,
    /// The bounds a logit scale used, and δ.
    pub logit_lower: Option<f64>,
    pub logit_upper: Option<f64>,
    pub clamp_delta: Option<f64>,
    /// The fit window's first year, when the settings restrict it.
    pub window_from: Option<i32>,
    /// Points given, before the window.
    pub n_points_given: usize,
    pub points: Vec<ExplainPoint>,
    /// t̄, ḡ, Σ(tᵢ − t̄)², Σ residual² (model scale).
    pub t_mean: Option<f64>,
    pub g_mean: Option<f64>,
    pub sxx: Option<f64>,
    pub ssr: Option<f64>,
    /// n − 2.
    pub df: Option<usize>,
    pub level: f64,
    /// t_{n−2, (1+p)/2}.
    pub t_quantile: Option<f64>,
    pub target_year: i32,
    /// The target value the pace is computed to (the nearest band edge).
    pub aimed_at: Option<f64>,
    /// g(aimed_at) as used (a value on a logit bound moved inside).
    pub g_aim: Option<f64>,
    /// g(y_n) as used.
    pub g_latest: Option<f64>,
    /// ĝ(T), se(T), and q = (g(y*) − ĝ(T))/se(T) (for a band, one q per edge).
    pub g_projected_at_target: Option<f64>,
    pub se_at_target: Option<f64>,
    pub q: Option<f64>,
    pub q_low: Option<f64>,
    pub q_high: Option<f64>,
    pub volatility: Option<Volatility>,
    pub directional: Option<DirectionalExplain>,
    /// The counts model's numbers (rates and shares from counts).
    pub counts: Option<counts::CountsExplain>,
}

/// Everything METHODS.md computes for one indicator. Serialised with exactly
/// METHODS.md's output field names; a value that does not apply is `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub id: String,
    /// The key shared with the other plan's indicator for the same quantity
    /// (`null` when the indicator is this plan's alone).
    pub key: Option<String>,
    pub plan: Plan,
    pub domain: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit: Unit,
    pub target: TargetSummary,
    /// The wanted direction of a target without a number (and of `maintain`).
    pub direction: Option<Direction>,
    /// Points used (inside the window).
    pub n_points: usize,
    pub first_year: Option<i32>,
    pub latest_year: Option<i32>,
    pub latest_value: Option<f64>,
    /// The distance still to go to the (effective) target, in the unit:
    /// positive = not met yet, zero or negative = met by that much (for a band,
    /// the distance to it, 0 inside).
    pub gap: Option<f64>,
    /// gap / |y*| (the effective target, or the band edge on the value's side):
    /// what sorting by gap uses, so that units compare.
    pub gap_relative: Option<f64>,
    /// `ols_linear`, `ols_log`, `ols_logit` (n ≥ 2).
    pub method: Option<String>,
    /// The model scale used.
    pub scale: Scale,
    /// b and a of ĝ(Y) = a + b·Y, on the model scale, Y the calendar year.
    pub slope: Option<f64>,
    pub intercept: Option<f64>,
    /// s = √(Σ residual² / (n − 2)) on the model scale (n ≥ 3).
    pub residual_sd: Option<f64>,
    /// (ŷ(t_n) − ŷ(t_1)) / (t_n − t_1), in the unit.
    pub annual_change: Option<f64>,
    pub required_slope: Option<f64>,
    pub required_annual_change: Option<f64>,
    /// e^{b_req} − 1 (log scale only).
    pub required_annual_rate: Option<f64>,
    pub progress_ratio: Option<f64>,
    /// The interval level p.
    pub level: f64,
    /// ŷ with intervals for every year from the first point to the target year
    /// (or to the latest year when that is later): the fitted line over the
    /// observed years, then the projection.
    pub projection: Vec<ProjectionPoint>,
    /// The projection in the mid-term year (2025) and in the target year.
    pub projection_mid_term: Option<ProjectionPoint>,
    pub projection_at_target: Option<ProjectionPoint>,
    /// P(target met in the target year).
    pub probability: Option<f64>,
    pub status: Status,
    /// The colour of the status itself: its own severity, except that a value
    /// outside an "about" band by less than the band's half-width is at worst
    /// amber (METHODS.md).
    pub status_severity: Severity,
    /// Red, amber, green or none: the worst of `status_severity` and the
    /// warnings.
    pub severity: Severity,
    pub milestones: Vec<MilestoneAssessment>,
    pub checkpoint: Option<Checkpoint>,
    pub warnings: Vec<Warning>,
    /// The main reason values are null or the status is what it is, when
    /// noteworthy: `no_data`, `one_point`, `two_points`, `zero_residual_spread`,
    /// `target_year_passed`, `not_judged`, `no_level`, `too_few_points`,
    /// `invalid_value:YEAR`.
    pub reason: Option<String>,
    /// Why each null field is null, by field name.
    pub null_reasons: BTreeMap<String, String>,
    /// φ = max(1, Pearson X²/(n − 2)) of a counts model (`poisson`,
    /// `binomial`), three or more years.
    pub dispersion: Option<f64>,
    /// The observed years of a counts model with their events, exposure and
    /// exact interval (empty for a rate or value fitted as given).
    pub points: Vec<counts::ObservedPoint>,
    /// The value judged on when a counts model pooled the latest three years.
    pub pooled: Option<counts::Pooled>,
    pub explain: Explain,
    /// The numeric rule the status was judged by (effective target, band), for
    /// the sentences that say it in words; `None` for directional targets.
    #[serde(skip)]
    pub rule: Option<Rule>,
}

/// Points, scale and target of one indicator, ready for the rules.
struct Prepared {
    resolved: Resolved,
    choice: ScaleChoice,
    trend: Trend,
    n_given: usize,
    /// The checkpoint's base: the plan's base year when the series has it
    /// (whatever the window), else the series' first point.
    base: Option<(i32, f64)>,
}

/// Sorts and checks the points, applies the window, resolves the target and
/// chooses the scale. `Err` lists the figures that cannot be used.
fn prepare(indicator: &Indicator, points: &[Point], settings: &Settings) -> Result<Prepared, Vec<Warning>> {
    let th = &settings.thresholds;
    let mut sorted: Vec<(i32, f64)> = points.iter().map(|p| (p.year, p.value)).collect();
    crate::sort::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let base = sorted.iter().find(|p| p.0 == settings.base_year).or(sorted.first()).copied();
    let windowed: Vec<(i32, f64)> =
        sorted.into_iter().filter(|(year, _)| settings.from_year.is_none_or(|from| *year >= from)).collect();
    let mut invalid = Vec::new();
    for (i, &(year, value)) in windowed.iter().enumerate() {
        if i > 0 && windowed[i - 1].0 == year {
            invalid.push(Warning::invalid_value(year, value, "duplicate_year"));
        } else if !value.is_finite() {
            invalid.push(Warning::invalid_value(year, value, "not_finite"));
        } else if !indicator.bounds.contains(value) {
            invalid.push(Warning::invalid_value(year, value, "out_of_bounds"));
        }
    }
    if !invalid.is_empty() {
        return Err(invalid);
    }
    let resolved = resolve(indicator, th);
    let mut target_values: Vec<f64> = indicator.milestones.iter().map(|m| milestone_rule(indicator, m, th).0.glide_value()).collect();
    let mut tau_b = th.bound_tolerance;
    if let Resolved::Numeric { rule, on_bound, .. } = resolved {
        target_values.extend(rule.values());
        tau_b = on_bound.map_or(tau_b, |b| b.tolerance);
    }
    let values: Vec<f64> = windowed.iter().map(|p| p.1).collect();
    let choice = scale::choose(indicator, settings, &values, &target_values, tau_b);
    let trend = Trend::new(&windowed, choice.model, settings.effective_level());
    Ok(Prepared { resolved, choice, trend, n_given: points.len(), base })
}

/// The indicator's goal resolved against its bounds (targets on a bound become
/// their effective targets).
fn resolve(indicator: &Indicator, th: &Thresholds) -> Resolved {
    target::resolve(&indicator.target.goal, indicator.unit, &indicator.bounds, th)
}

/// A milestone's rule, with a milestone on a bound replaced by its effective
/// target like the final target.
fn milestone_rule(indicator: &Indicator, m: &crate::catalog::Milestone, th: &Thresholds) -> (Rule, Option<target::OnBound>) {
    target::threshold(m.comparator, m.value, &indicator.bounds, th.bound_tolerance)
}

fn target_summary(indicator: &Indicator, resolved: &Resolved) -> TargetSummary {
    let year = indicator.target.year;
    let (tolerance, effective_value) = match resolved {
        Resolved::Numeric { tolerance, on_bound, .. } => (*tolerance, on_bound.map(|b| b.effective)),
        _ => (None, None),
    };
    let (comparator, value, value2) = match &indicator.target.goal {
        Goal::Compare { comparator, value, .. } => (Some(comparator.key()), Some(*value), None),
        Goal::Approx { value, .. } => (Some("approx"), Some(*value), None),
        Goal::Between { low, high } => (Some("between"), Some(*low), Some(*high)),
        Goal::Direction { level: Some((comparator, value)), .. } => (Some(comparator.key()), Some(*value), None),
        Goal::Direction { .. } => (None, None, None),
    };
    TargetSummary { comparator: comparator.map(str::to_string), value, value2, year, tolerance, effective_value }
}

impl Assessment {
    /// An assessment with nothing computed yet: the indicator's identity and
    /// target, no data.
    fn blank(
        indicator: &Indicator,
        settings: &Settings,
        resolved: &Resolved,
        scale: Scale,
        source: ScaleSource,
    ) -> Assessment {
        Assessment {
            id: indicator.id.clone(),
            key: indicator.key.clone(),
            plan: indicator.plan,
            domain: indicator.domain.clone(),
            name_zh: indicator.name_zh.clone(),
            name_en: indicator.name_en.clone(),
            unit: indicator.unit,
            target: target_summary(indicator, resolved),
            direction: indicator.target.goal.direction(),
            n_points: 0,
            first_year: None,
            latest_year: None,
            latest_value: None,
            gap: None,
            gap_relative: None,
            method: None,
            scale,
            slope: None,
            intercept: None,
            residual_sd: None,
            annual_change: None,
            required_slope: None,
            required_annual_change: None,
            required_annual_rate: None,
            progress_ratio: None,
            level: settings.effective_level(),
            projection: Vec::new(),
            projection_mid_term: None,
            projection_at_target: None,
            probability: None,
            status: Status::InsufficientData,
            status_severity: Severity::None,
            severity: Severity::None,
            milestones: Vec::new(),
            checkpoint: None,
            warnings: Vec::new(),
            reason: None,
            null_reasons: BTreeMap::new(),
            dispersion: None,
            points: Vec::new(),
            pooled: None,
            rule: match resolved {
                Resolved::Numeric { rule, .. } => Some(*rule),
                _ => None,
            },
            explain: Explain {
                scale_requested: scale,
                scale_source: source,
                scale_fallback: None,
                logit_lower: None,
                logit_upper: None,
                clamp_delta: None,
                window_from: settings.from_year,
                n_points_given: 0,
                points: Vec::new(),
                t_mean: None,
                g_mean: None,
                sxx: None,
                ssr: None,
                df: None,
                level: settings.effective_level(),
                t_quantile: None,
                target_year: indicator.target.year,
                aimed_at: None,
                g_aim: None,
                g_latest: None,
                g_projected_at_target: None,
                se_at_target: None,
                q: None,
                q_low: None,
                q_high: None,
                volatility: None,
                directional: None,
                counts: None,
            },
        }
    }

    fn null_because(&mut self, field: &str, reason: &str) {
        self.null_reasons.entry(field.to_string()).or_insert_with(|| reason.to_string());
    }
}

/// Assesses one indicator on its figures (any order; the settings' window
/// applies), following METHODS.md.
///
/// Never panics and never reports NaN: figures the engine cannot use (a value
/// outside the indicator's bounds, not a number, two values for one year) give
/// status `not_assessed` with an `invalid_value:YEAR` warning and reason.
pub fn assess(indicator: &Indicator, points: &[Point], settings: &Settings) -> Assessment {
    // Rates and shares whose every year comes with its counts are modelled
    // from the counts (METHODS.md, "Rates and shares from counts").
    if let Some(a) = counts::assess(indicator, points, settings) {
        return a;
    }
    let th = &settings.thresholds;
    let prepared = match prepare(indicator, points, settings) {
        Ok(p) => p,
        Err(invalid) => {
            let resolved = resolve(indicator, th);
            let (scale, source) = scale::requested(indicator, settings);
            let mut a = Assessment::blank(indicator, settings, &resolved, scale, source);
            a.explain.n_points_given = points.len();
            a.status = Status::NotAssessed;
            a.severity = Severity::Red;
            a.reason = invalid.first().map(|w| w.code.clone());
            a.warnings = invalid;
            return a;
        }
    };
    let Prepared { resolved, choice, trend, n_given, base } = prepared;
    let mut a = Assessment::blank(indicator, settings, &resolved, choice.model.scale, choice.source);
    a.explain.scale_requested = choice.requested;
    a.explain.n_points_given = n_given;
    fill_trend(&mut a, &trend, &choice, indicator, settings);

    let reason: Option<&str>;
    let mut implausible_reason: Option<String> = None;
    match resolved {
        Resolved::Numeric { rule, tolerance, .. } => {
            let approx_tau = match indicator.target.goal {
                Goal::Approx { .. } => tolerance,
                _ => None,
            };
            reason = judge_numeric(&mut a, &rule, approx_tau, &trend, base, settings);
        }
        Resolved::Trend(direction) => {
            let j = directional::judge(direction, indicator.unit, &trend, th);
            a.status = j.status;
            a.status_severity = j.status.severity();
            a.explain.directional = j.explain;
            reason = j.reason;
            for field in [
                "gap",
                "required_slope",
                "required_annual_change",
                "required_annual_rate",
                "progress_ratio",
                "probability",
                "checkpoint",
            ] {
                a.null_because(field, "directional_target");
            }
        }
        Resolved::NotJudged(direction) => {
            a.status = Status::NotAssessed;
            a.status_severity = Severity::None;
            reason = Some(if direction == Direction::Maintain { "no_level" } else { "not_judged" });
            for field in [
                "gap",
                "required_slope",
                "required_annual_change",
                "required_annual_rate",
                "progress_ratio",
                "probability",
                "checkpoint",
            ] {
                a.null_because(field, reason.unwrap_or("not_judged"));
            }
        }
    }

    // Milestones, each on its own.
    for m in &indicator.milestones {
        let assessed = milestones::assess(m, milestone_rule(indicator, m, th).0, &trend, th);
        if let (Status::Missed, Some(observed)) = (assessed.status, assessed.observed) {
            a.warnings.push(Warning::milestone_missed(m.year, observed));
        }
        a.milestones.push(assessed);
    }

    // Warnings about the figures and the fit.
    if let Some(fallback) = choice.fallback {
        a.warnings.push(Warning::scale_fallback(choice.requested.key(), fallback));
    }
    let clamped: Vec<i32> = trend
        .years
        .iter()
        .zip(trend.values.iter().zip(&trend.used))
        .filter(|(_, (v, u))| v != u)
        .map(|(y, _)| *y)
        .collect();
    if !clamped.is_empty() {
        let delta = clamped.first().and_then(|y| trend.value_at(*y)).map_or(0.0, |v| trend.scale.delta_for(v));
        a.warnings.push(Warning::clamped(clamped, delta));
    }
    a.warnings.extend(warnings::volatile(&trend, th));
    a.warnings.extend(warnings::outliers(&trend, th));
    a.warnings.extend(warnings::unit_suspect(&trend, indicator.unit == Unit::Percent, th));
    let target_level = match resolved {
        Resolved::Numeric { rule, .. } => Some(rule.glide_value()),
        _ => None,
    };
    let implausible = warnings::implausible(&trend, target_level, th);
    if let Some(first) = implausible.first() {
        // A probable unit slip: a verdict on it would be confidently wrong.
        a.status = Status::NotAssessed;
        a.status_severity = Severity::None;
        implausible_reason = Some(first.code.clone());
    }
    a.warnings.extend(implausible);
    if let Some((latest_year, _)) = trend.latest() {
        if latest_year < settings.current_year - th.stale_years {
            a.warnings.push(Warning::stale(latest_year, settings.current_year, th.stale_years));
        }
    }

    a.severity =
        a.warnings.iter().map(|w| w.severity).filter(|s| *s != Severity::Info).fold(a.status_severity, Ord::max);

    // The main reason: why a target is not judged at all, else the most
    // fundamental lack in the data, else what the rules said.
    let n = trend.n();
    if implausible_reason.is_some() {
        a.reason = implausible_reason;
        return a;
    }
    a.reason = match n {
        _ if a.status == Status::NotAssessed && reason.is_some() => reason,
        0 => Some(if n_given > 0 { "no_data_in_window" } else { "no_data" }),
        1 => reason.or(Some("one_point")),
        2 => reason.or(Some("two_points")),
        _ if trend.fit.as_ref().is_some_and(|f| f.zero_spread) => reason.or(Some("zero_residual_spread")),
        _ => reason,
    }
    .map(str::to_string);
    a
}

/// Fills what the fit alone gives: counts, latest value, slope, intercept,
/// residual sd, annual change, projections and the explain block.
fn fill_trend(a: &mut Assessment, trend: &Trend, choice: &ScaleChoice, indicator: &Indicator, settings: &Settings) {
    let n = trend.n();
    let target_year = indicator.target.year;
    a.n_points = n;
    a.first_year = trend.years.first().copied();
    if let Some((year, value)) = trend.latest() {
        a.latest_year = Some(year);
        a.latest_value = Some(value);
    }
    a.explain.scale_fallback = choice.fallback.map(str::to_string);
    if choice.model.scale == Scale::Logit {
        a.explain.logit_lower = Some(choice.model.lower);
        a.explain.logit_upper = Some(choice.model.upper);
        a.explain.clamp_delta = trend
            .values
            .iter()
            .find(|v| **v <= choice.model.lower || **v >= choice.model.upper)
            .map(|v| choice.model.delta_for(*v));
    }
    a.explain.t_quantile = trend.t_quantile;
    let few = match n {
        0 => "no_data",
        1 => "one_point",
        _ => "two_points",
    };

    let fit = trend.fit.as_ref();
    for (i, &year) in trend.years.iter().enumerate() {
        let g = trend.gs[i];
        let fitted_g = fit.map(|f| f.g_at(f64::from(year)));
        a.explain.points.push(ExplainPoint {
            year,
            value: trend.values[i],
            value_used: trend.used[i],
            g,
            fitted_g,
            fitted: trend.fitted(year),
            residual_g: fitted_g.and_then(|fg| finite(g - fg)),
            leverage: fit.map(|f| f.leverage(f64::from(year))),
            studentized: fit.and_then(|f| f.studentized(f64::from(year), g)),
        });
    }

    let Some(fit) = fit else {
        for field in [
            "method",
            "slope",
            "intercept",
            "residual_sd",
            "annual_change",
            "projection",
            "projection_mid_term",
            "projection_at_target",
        ] {
            a.null_because(field, few);
        }
        return;
    };
    a.method = Some(format!("ols_{}", trend.scale.scale.key()));
    a.slope = finite(fit.slope);
    a.intercept = finite(fit.intercept);
    a.residual_sd = fit.s.and_then(finite);
    if a.residual_sd.is_none() {
        a.null_because("residual_sd", few);
        a.null_because("projection.lower", few);
        a.null_because("projection.upper", few);
    } else if fit.zero_spread {
        a.null_because("probability", "zero_residual_spread");
        a.null_because("projection.lower", "zero_residual_spread");
        a.null_because("projection.upper", "zero_residual_spread");
    }
    a.explain.t_mean = Some(fit.t_mean);
    a.explain.g_mean = Some(fit.g_mean);
    a.explain.sxx = Some(fit.sxx);
    a.explain.ssr = finite(fit.ssr);
    a.explain.df = (n >= 3).then(|| n - 2);
    a.explain.volatility = warnings::volatility(trend);

    if let (Some(&first), Some((latest, _))) = (trend.years.first(), trend.latest()) {
        a.annual_change = match (trend.fitted(first), trend.fitted(latest)) {
            (Some(y1), Some(yn)) => finite((yn - y1) / f64::from(latest - first)),
            _ => None,
        };
        let from = first.min(target_year);
        let to = latest.max(target_year);
        a.projection = (from..=to).map(|year| projection_point(trend, year)).collect();
    }
    a.projection_mid_term = Some(projection_point(trend, settings.mid_term_year));
    a.projection_at_target = Some(projection_point(trend, target_year));
    a.explain.g_projected_at_target = trend.g_at(target_year).and_then(finite);
    a.explain.se_at_target = trend.se(target_year).and_then(finite);
}

fn projection_point(trend: &Trend, year: i32) -> ProjectionPoint {
    let interval = trend.interval(year);
    ProjectionPoint { year, value: trend.fitted(year), lower: interval.map(|i| i.0), upper: interval.map(|i| i.1) }
}

/// Gap, pace, status, probability and checkpoint for a target with a number.
/// `approx_tau` is the half-width of an "about" band (`None` for other
/// targets). Returns the noteworthy reason, if any.
fn judge_numeric(
    a: &mut Assessment,
    rule: &Rule,
    approx_tau: Option<f64>,
    trend: &Trend,
    base: Option<(i32, f64)>,
    settings: &Settings,
) -> Option<&'static str> {
    let target_year = a.target.year;
    let j = status::judge(rule, target_year, trend, &settings.thresholds, false);
    a.status = j.status;
    a.status_severity = j.status.severity();
    a.required_slope = j.required_slope;
    a.required_annual_change = j.required_annual_change;
    a.required_annual_rate = j.required_annual_rate;
    a.progress_ratio = j.progress_ratio;
    a.probability = j.probability;
    for (field, reason) in &j.reasons {
        a.null_because(field, reason);
    }
    match trend.latest() {
        Some((_, y_n)) => {
            let gap = rule.gap(y_n);
            a.gap = finite(gap);
            let reference = rule.reference(y_n).abs();
            a.gap_relative = if reference > 0.0 { finite(gap / reference) } else { None };
            // An "about" target missed by less than its half-width is at worst amber.
            if let Some(tau) = approx_tau {
                if gap > 0.0 && gap < tau && a.status_severity == Severity::Red {
                    a.status_severity = Severity::Amber;
                }
            }
        }
        None => a.null_because("gap", "no_data"),
    }

    // Explain the pace and the probability.
    let scale = trend.scale;
    a.explain.aimed_at = j.aimed_at;
    a.explain.g_aim = j.aimed_at.map(|y| scale.g_target(y)).and_then(finite);
    a.explain.g_latest = trend.latest_used().map(|y| scale.g(y)).and_then(finite);
    if a.probability.is_some() {
        if let (Some(g_hat), Some(se)) = (trend.g_at(target_year), trend.se(target_year)) {
            match *rule {
                Rule::Threshold { value, .. } => a.explain.q = finite((scale.g_target(value) - g_hat) / se),
                Rule::Band { low, high, .. } => {
                    a.explain.q_low = finite((scale.g_target(low) - g_hat) / se);
                    a.explain.q_high = finite((scale.g_target(high) - g_hat) / se);
                }
            }
        }
    }

    // Achieved now, but the trend leads out again by the target year: judged on
    // the model scale, ĝ(T) against g(y*_eff), so that a fitted value that only
    // rounds onto a bound (100.00 for 99.9999) cannot raise it.
    if j.status == Status::Achieved && j.judged_on.is_none() {
        if let Some(g_hat) = trend.g_at(target_year) {
            if !meets_on_model_scale(rule, scale, g_hat) {
                let projected = trend.fitted(target_year).unwrap_or(f64::NAN);
                a.warnings.push(Warning::at_risk(
                    target_year,
                    &crate::format::value(projected, a.unit, crate::format::Lang::Zh),
                    &crate::format::value(projected, a.unit, crate::format::Lang::En),
                ));
            }
        }
    }

    a.checkpoint =
        base.and_then(|base| checkpoint::checkpoint(rule, target_year, trend, base, settings.mid_term_year));
    if a.checkpoint.is_none() {
        a.null_because("checkpoint", if trend.n() == 0 { "no_data" } else { "no_checkpoint" });
    }
    if j.judged_on.is_some() {
        Some("target_year_passed")
    } else {
        None
    }
}

/// Whether a value whose model-scale value is `g` meets `rule`, compared on the
/// model scale (g is increasing, so this is the comparator on g).
fn meets_on_model_scale(rule: &Rule, scale: scale::ModelScale, g: f64) -> bool {
    match *rule {
        Rule::Threshold { comparator, value } => comparator.holds(g, scale.g_target(value)),
        Rule::Band { low, high, .. } => scale.g_target(low) <= g && g <= scale.g_target(high),
    }
}

/// Assesses every catalog indicator, in catalog order. Figures are matched by
/// indicator id, else by the indicator's shared key (figures pasted once for an
/// indicator both plans set). Indicators without figures are listed too:
/// `insufficient_data`, or `not_assessed` for targets that are not judged.
pub fn assess_catalog(catalog: &Catalog, series: &[Series], settings: &Settings) -> Vec<Assessment> {
    catalog
        .indicators
        .iter()
        .map(|indicator| {
            let found = series
                .iter()
                .find(|s| s.id == indicator.id)
                .or_else(|| series.iter().find(|s| s.id == indicator.figures_key()));
            let points: &[Point] = found.map_or(&[], |s| &s.points);
            assess(indicator, points, settings)
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::{Comparator, Target};

    /// A women's-plan indicator of `unit` with `goal` by 2030, for unit tests.
    pub(crate) fn indicator(unit: Unit, goal: Goal) -> Indicator {
        Indicator {
            id: "W-HEALTH-99".into(),
            key: None,
            plan: Plan::Women,
            domain: "妇女与健康".into(),
            name_zh: "测试".into(),
            name_en: "Test".into(),
            aliases: vec![],
            unit,
            bounds: unit.default_bounds(),
            target: Target { goal, year: 2030 },
            milestones: vec![],
            scale: None,
            source: String::new(),
            wording_zh: None,
            notes_zh: None,
            notes_en: None,
            proxy_for: None,
            counts: None,
        }
    }

    fn points(values: &[(i32, f64)]) -> Vec<Point> {
        values.iter().map(|&(year, value)| Point::new(year, value)).collect()
    }

    /// One helper: a linear count series with a ≥ target → (status, gap, slope).
    fn check(values: &[(i32, f64)], target: f64, status: Status, gap: Option<f64>, slope: Option<f64>) {
        let ind = indicator(Unit::Count, Goal::Compare { comparator: Comparator::Ge, value: target, tolerance: None });
        let a = assess(&ind, &points(values), &Settings::new(2025));
        assert_eq!((a.status, a.gap, a.slope), (status, gap, slope), "{values:?}");
    }

    #[test]
    fn assess_by_hand() {
        // b = 5 against b_req = 10/6: on track.
        check(&[(2022, 10.0), (2024, 20.0)], 30.0, Status::OnTrack, Some(10.0), Some(5.0));
        // b = 2 against b_req = 16/6: R = 0.75.
        check(&[(2022, 10.0), (2024, 14.0)], 30.0, Status::AccelerationNeeded, Some(16.0), Some(2.0));
        // b = 1 against b_req = 3: R = 1/3.
        check(&[(2022, 10.0), (2024, 12.0)], 30.0, Status::OffTrack, Some(18.0), Some(1.0));
        check(&[(2024, 12.0)], 30.0, Status::InsufficientData, Some(18.0), None);
        check(&[], 30.0, Status::InsufficientData, None, None);
        check(&[(2024, 31.0)], 30.0, Status::Achieved, Some(-1.0), None);
    }

    #[test]
    fn projection_runs_from_the_first_year_to_the_target_year() {
        let ind = indicator(Unit::Count, Goal::Compare { comparator: Comparator::Ge, value: 30.0, tolerance: None });
        let a = assess(&ind, &points(&[(2021, 10.0), (2022, 11.0), (2024, 14.0)]), &Settings::new(2025));
        let years: Vec<i32> = a.projection.iter().map(|p| p.year).collect();
        assert_eq!(years, (2021..=2030).collect::<Vec<_>>());
        assert!(a.projection.iter().all(|p| p.lower.is_some() && p.upper.is_some()));
    }

    #[test]
    fn invalid_figures_are_not_assessed_and_say_why() {
        let ind = indicator(Unit::Percent, Goal::Compare { comparator: Comparator::Ge, value: 90.0, tolerance: None });
        let a = assess(&ind, &points(&[(2022, 80.0), (2023, 101.0)]), &Settings::new(2025));
        assert_eq!(
            (a.status, a.reason.as_deref(), a.severity),
            (Status::NotAssessed, Some("invalid_value:2023"), Severity::Red)
        );
        let a = assess(&ind, &points(&[(2022, 80.0), (2022, 81.0)]), &Settings::new(2025));
        assert_eq!(a.reason.as_deref(), Some("invalid_value:2022"));
    }
}
