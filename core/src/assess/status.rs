//! Statuses and severities, and the status rules for targets with a number
//! (METHODS.md, "Gap, pace and status"): target year passed → `achieved` /
//! `missed`; `achieved`; `insufficient_data`; then the progress ratio
//! R = b / b_req sorts into `on_track`, `acceleration_needed`, `off_track`,
//! `reversing`. Milestones go through the same rules with their own year.
//!
//! Directional targets have their own rules in [`super::directional`].

use serde::{Deserialize, Serialize};

use crate::catalog::Scale;

use super::settings::Thresholds;
use super::target::Rule;
use super::trend::{finite, Trend};

/// Where an indicator stands. Serialised in snake_case (`on_track`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The target year has passed and the value then did not meet the target.
    Missed,
    /// The observed trend moves away from the target, or not at all (R ≤ 0).
    Reversing,
    /// Direction-only target: moving away by more than the threshold.
    SignificantAway,
    /// 0 < R < 0.5.
    OffTrack,
    /// Direction-only target: moving away by up to the threshold (or not moving).
    ModerateAway,
    /// 0.5 ≤ R < 1.
    AccelerationNeeded,
    /// An "about" target: moving the right way, but the trend crosses the band
    /// and lands beyond its far edge by the target year (too fast or too far).
    Overshooting,
    /// Direction-only target: progress up to the threshold.
    ModerateProgress,
    /// `slow_increase` target: the later half rises at least as fast.
    NotSlowing,
    /// R ≥ 1.
    OnTrack,
    /// Direction-only target: progress beyond the threshold.
    SignificantProgress,
    /// `slow_increase` target: the later half rises more slowly.
    Slowing,
    /// The latest value meets the target.
    Achieved,
    /// A milestone whose year has data that meet it.
    Met,
    /// Fewer points than the rule needs.
    InsufficientData,
    /// Not judged (`other`, `maintain` without a level, invalid figures).
    NotAssessed,
}

/// Colour and sort order: red before amber before green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Nothing to flag (no data, not judged).
    None,
    /// Worth knowing, not a warning of the plan's kind (`stale`, `clamped`, ...).
    Info,
    Green,
    Amber,
    Red,
}

impl Status {
    /// Every status, from the most to the least urgent.
    pub const ALL: [Status; 16] = [
        Status::Missed,
        Status::Reversing,
        Status::SignificantAway,
        Status::OffTrack,
        Status::ModerateAway,
        Status::AccelerationNeeded,
        Status::Overshooting,
        Status::ModerateProgress,
        Status::NotSlowing,
        Status::OnTrack,
        Status::SignificantProgress,
        Status::Slowing,
        Status::Achieved,
        Status::Met,
        Status::InsufficientData,
        Status::NotAssessed,
    ];

    /// The output name (`on_track`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Status::Missed => "missed",
            Status::Reversing => "reversing",
            Status::SignificantAway => "significant_away",
            Status::OffTrack => "off_track",
            Status::ModerateAway => "moderate_away",
            Status::AccelerationNeeded => "acceleration_needed",
            Status::Overshooting => "overshooting",
            Status::ModerateProgress => "moderate_progress",
            Status::NotSlowing => "not_slowing",
            Status::OnTrack => "on_track",
            Status::SignificantProgress => "significant_progress",
            Status::Slowing => "slowing",
            Status::Achieved => "achieved",
            Status::Met => "met",
            Status::InsufficientData => "insufficient_data",
            Status::NotAssessed => "not_assessed",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Missed => "未实现",
            Status::Reversing => "逆向变化",
            Status::SignificantAway => "明显偏离",
            Status::OffTrack => "进展滞后",
            Status::ModerateAway => "略有偏离",
            Status::AccelerationNeeded => "需加快",
            Status::Overshooting => "将越过目标范围",
            Status::ModerateProgress => "略有进展",
            Status::NotSlowing => "上升未减缓",
            Status::OnTrack => "进展顺利",
            Status::SignificantProgress => "明显进展",
            Status::Slowing => "上升减缓",
            Status::Achieved => "已实现",
            Status::Met => "已达到",
            Status::InsufficientData => "数据不足",
            Status::NotAssessed => "不评估",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Missed => "Missed",
            Status::Reversing => "Reversing",
            Status::SignificantAway => "Significant movement away",
            Status::OffTrack => "Off track",
            Status::ModerateAway => "Moderate movement away",
            Status::AccelerationNeeded => "Acceleration needed",
            Status::Overshooting => "Overshooting",
            Status::ModerateProgress => "Moderate progress",
            Status::NotSlowing => "Not slowing",
            Status::OnTrack => "On track",
            Status::SignificantProgress => "Significant progress",
            Status::Slowing => "Slowing",
            Status::Achieved => "Achieved",
            Status::Met => "Met",
            Status::InsufficientData => "Insufficient data",
            Status::NotAssessed => "Not assessed",
        }
    }

    /// METHODS.md's colours: red = missed, reversing, off_track; amber =
    /// acceleration_needed, overshooting; green = achieved, on_track. Directional statuses
    /// follow their numeric counterparts: movement away is red like
    /// `reversing`, moderate progress amber like `acceleration_needed`,
    /// significant progress and `slowing` green; `not_slowing` is amber (a
    /// comparison of two short half-series, a prompt to look rather than a
    /// verdict).
    pub fn severity(self) -> Severity {
        match self {
            Status::Missed | Status::Reversing | Status::OffTrack | Status::SignificantAway | Status::ModerateAway => {
                Severity::Red
            }
            Status::AccelerationNeeded | Status::Overshooting | Status::ModerateProgress | Status::NotSlowing => {
                Severity::Amber
            }
            Status::OnTrack | Status::SignificantProgress | Status::Slowing | Status::Achieved | Status::Met => {
                Severity::Green
            }
            Status::InsufficientData | Status::NotAssessed => Severity::None,
        }
    }

    /// Whether the status is a judgement (not `insufficient_data` or `not_assessed`).
    pub fn is_judged(self) -> bool {
        !matches!(self, Status::InsufficientData | Status::NotAssessed)
    }
}

impl Severity {
    /// The colour the dashboard counts an indicator under: red, amber, green,
    /// or none ("not judged"), where `info` also reads as none.
    pub fn bucket(self) -> Severity {
        match self {
            Severity::Info => Severity::None,
            s => s,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Severity::None => "none",
            Severity::Info => "info",
            Severity::Green => "green",
            Severity::Amber => "amber",
            Severity::Red => "red",
        }
    }
}

/// The outcome of the numeric status rules for one rule and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub status: Status,
    /// b_req = (g(y*) − g(y_n)) / (T − t_n), on the model scale.
    pub required_slope: Option<f64>,
    /// (y* − y_n) / (T − t_n), in the unit.
    pub required_annual_change: Option<f64>,
    /// e^{b_req} − 1, on a log scale only.
    pub required_annual_rate: Option<f64>,
    /// R = b / b_req.
    pub progress_ratio: Option<f64>,
    /// P(target met in that year), for three or more points before that year.
    pub probability: Option<f64>,
    /// The target value the pace was computed to (the nearest band edge for a band).
    pub aimed_at: Option<f64>,
    /// Why a value above is null, by output field name.
    pub reasons: Vec<(&'static str, &'static str)>,
    /// Which observation decided `achieved`/`missed` once the year has passed.
    pub judged_on: Option<(i32, f64)>,
}

impl Judgement {
    fn empty(status: Status) -> Judgement {
        Judgement {
            status,
            required_slope: None,
            required_annual_change: None,
            required_annual_rate: None,
            progress_ratio: None,
            probability: None,
            aimed_at: None,
            reasons: Vec::new(),
            judged_on: None,
        }
    }

    fn because(&mut self, fields: &[&'static str], reason: &'static str) {
        for field in fields {
            self.reasons.push((field, reason));
        }
    }
}

const PACE: [&str; 4] = ["required_slope", "required_annual_change", "required_annual_rate", "progress_ratio"];

/// Applies the status rules of METHODS.md to `rule` with target year `year`.
///
/// For a milestone (`milestone = true`) a met year reads `met` rather than
/// `achieved`.
pub fn judge(rule: &Rule, year: i32, trend: &Trend, thresholds: &Thresholds, milestone: bool) -> Judgement {
    let Some((t_n, y_n)) = trend.latest() else {
        let mut j = Judgement::empty(Status::InsufficientData);
        j.because(&PACE, "no_data");
        j.because(&["probability"], "no_data");
        return j;
    };

    // 0. The year has come: judge the value observed then (else the latest).
    if t_n >= year {
        let (judged_year, value) = trend.value_at(year).map_or((t_n, y_n), |v| (year, v));
        let status = match (rule.meets(value), milestone) {
            (true, true) => Status::Met,
            (true, false) => Status::Achieved,
            (false, _) => Status::Missed,
        };
        let mut j = Judgement::empty(status);
        j.judged_on = Some((judged_year, value));
        j.because(&PACE, "target_year_passed");
        j.because(&["probability"], "target_year_passed");
        return j;
    }

    let probability = trend.probability(rule, year);

    // 1. Already there.
    if rule.meets(y_n) {
        let mut j = Judgement::empty(Status::Achieved);
        j.because(&PACE, "achieved");
        set_probability(&mut j, probability);
        return j;
    }
    // Not met, so there is an edge to aim at (for a band, the nearest one).
    let Some((comparator, aim)) = rule.edge(y_n) else {
        return Judgement::empty(Status::Achieved);
    };

    let mut j = Judgement::empty(Status::InsufficientData);
    set_probability(&mut j, probability);
    j.aimed_at = Some(aim);
    let dt = f64::from(year - t_n);
    let scale = trend.scale;
    let g_latest = trend.latest_used().map(|y| scale.g(y)).unwrap_or(f64::NAN);
    let b_req = (scale.g_target(aim) - g_latest) / dt;
    j.required_annual_change = finite((aim - y_n) / dt);
    j.required_slope = finite(b_req);
    if j.required_slope.is_none() {
        j.because(&["required_slope", "required_annual_rate", "progress_ratio"], "target_out_of_reach");
    }
    if scale.scale == Scale::Log {
        j.required_annual_rate = j.required_slope.and_then(|b| finite(b.exp_m1()));
    } else {
        j.because(&["required_annual_rate"], "not_log_scale");
    }

    // 2. Fewer than two points: a pace is needed but none is observed.
    let Some(fit) = trend.fit.as_ref() else {
        j.because(&["progress_ratio"], if trend.n() == 1 { "one_point" } else { "no_data" });
        return j;
    };
    let b = fit.slope;
    let wanted = if comparator.higher_is_better() { 1.0 } else { -1.0 };
    j.status = match j.required_slope {
        None => {
            // An unreachable aim (beyond the scale): any pace falls short.
            if b * wanted > 0.0 {
                Status::OffTrack
            } else {
                Status::Reversing
            }
        }
        Some(0.0) => {
            // Level with a strict target ("< 7.5" at 7.5): any move the right way
            // meets it, so R is infinite; it is reported as null.
            j.because(&["progress_ratio"], "zero_required_pace");
            if b * wanted > 0.0 {
                Status::OnTrack
            } else {
                Status::Reversing
            }
        }
        Some(b_req) => {
            let r = b / b_req;
            j.progress_ratio = finite(r);
            // 3–6. Sort by the progress ratio. A ratio that equals a threshold
            // up to rounding (R = 1 computed as 0.9999999999999998) counts as
            // reaching it, as it would by hand.
            if at_least(r, thresholds.on_track) {
                Status::OnTrack
            } else if at_least(r, thresholds.acceleration) {
                Status::AccelerationNeeded
            } else if r > 0.0 {
                Status::OffTrack
            } else {
                Status::Reversing
            }
        }
    };
    // A band reached and crossed: the trend lands beyond the far edge.
    if matches!(j.status, Status::OnTrack) && overshoots(rule, y_n, year, trend) {
        j.status = Status::Overshooting;
    }
    j
}

/// Whether the trend of a value outside a band crosses the whole band by
/// `year`: ĝ(year) beyond the far edge, compared on the model scale.
fn overshoots(rule: &Rule, y_n: f64, year: i32, trend: &Trend) -> bool {
    let (Rule::Band { low, high, .. }, Some(g_hat)) = (*rule, trend.g_at(year)) else {
        return false;
    };
    let scale = trend.scale;
    if y_n < low {
        g_hat > scale.g_target(high)
    } else if y_n > high {
        g_hat < scale.g_target(low)
    } else {
        false
    }
}

/// `r ≥ threshold`, allowing a relative rounding error of 1e-12.
pub(crate) fn at_least(r: f64, threshold: f64) -> bool {
    r >= threshold - 1e-12 * threshold.abs().max(1.0)
}

fn set_probability(j: &mut Judgement, probability: Result<f64, &'static str>) {
    match probability {
        Ok(p) => j.probability = Some(p),
        Err(reason) => j.because(&["probability"], reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::scale::ModelScale;
    use crate::catalog::Comparator::{self, *};

    fn th(value: f64, comparator: Comparator) -> Rule {
        Rule::Threshold { comparator, value }
    }

    /// One helper: points (linear scale), rule, target year → status, R.
    fn check(points: &[(i32, f64)], rule: Rule, year: i32, status: Status, ratio: Option<f64>) {
        let trend = Trend::new(points, ModelScale::linear(), 0.8);
        let j = judge(&rule, year, &trend, &Thresholds::default(), false);
        assert_eq!(j.status, status, "{points:?} {rule:?} {year}");
        match (j.progress_ratio, ratio) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "R = {a}, expected {b}"),
            (a, b) => assert_eq!(a, b, "R"),
        }
    }

    #[test]
    fn status_rules_by_hand() {
        // ≥ 90 by 2030 from 80 in 2020: b_req = 1/year.
        check(&[(2019, 79.0), (2020, 80.0)], th(90.0, Ge), 2030, Status::OnTrack, Some(1.0));
        check(&[(2019, 78.0), (2020, 80.0)], th(90.0, Ge), 2030, Status::OnTrack, Some(2.0));
        check(&[(2019, 79.5), (2020, 80.0)], th(90.0, Ge), 2030, Status::AccelerationNeeded, Some(0.5));
        check(&[(2019, 79.6), (2020, 80.0)], th(90.0, Ge), 2030, Status::OffTrack, Some(0.4));
        check(&[(2019, 80.0), (2020, 80.0)], th(90.0, Ge), 2030, Status::Reversing, Some(0.0));
        check(&[(2019, 81.0), (2020, 80.0)], th(90.0, Ge), 2030, Status::Reversing, Some(-1.0));
        // ≤ 7.5 from 14.3 in 2024: b_req = −6.8/6; a fall of 6.8/6 a year is R = 1.
        check(&[(2023, 14.3 + 6.8 / 6.0), (2024, 14.3)], th(7.5, Le), 2030, Status::OnTrack, Some(1.0));
        // Achieved beats everything, even with one point.
        check(&[(2024, 95.0)], th(90.0, Ge), 2030, Status::Achieved, None);
        check(&[(2024, 85.0)], th(90.0, Ge), 2030, Status::InsufficientData, None);
        check(&[], th(90.0, Ge), 2030, Status::InsufficientData, None);
        // The target year has come: judged on the value at T, else the latest.
        check(&[(2029, 95.0), (2030, 89.0), (2031, 95.0)], th(90.0, Ge), 2030, Status::Missed, None);
        check(&[(2029, 85.0), (2031, 91.0)], th(90.0, Ge), 2030, Status::Achieved, None);
        check(&[(2029, 85.0), (2030, 90.0)], th(90.0, Ge), 2030, Status::Achieved, None);
        // Strict comparator level with the target: zero required pace.
        check(&[(2023, 7.6), (2024, 7.5)], th(7.5, Lt), 2030, Status::OnTrack, None);
        check(&[(2023, 7.4), (2024, 7.5)], th(7.5, Lt), 2030, Status::Reversing, None);
        // A band: judged against its nearest edge (44 for "about 45%" from below).
        let band = Rule::Band { low: 44.0, high: 46.0, center: 45.0 };
        check(&[(2023, 39.5), (2024, 40.0)], band, 2030, Status::AccelerationNeeded, Some(0.5 / (4.0 / 6.0)));
        check(&[(2023, 48.2), (2024, 48.0)], band, 2030, Status::AccelerationNeeded, Some(0.2 / (2.0 / 6.0)));
        check(&[(2023, 50.0), (2024, 45.0)], band, 2030, Status::Achieved, None);
    }

    /// `overshooting`: W-ECON-01 ("about 45%", band 43–47) rising 38 → 43.5
    /// at a pace that lands far above 47 by 2030 is amber, not `on_track`.
    #[test]
    fn overshooting_about_targets() {
        let band = Rule::Band { low: 43.0, high: 47.0, center: 45.0 };
        check(&[(2020, 38.0), (2022, 40.25), (2024, 42.5)], band, 2030, Status::Overshooting, Some(1.125 / (0.5 / 6.0)));
        // From above, falling through the band: the same.
        check(&[(2022, 55.0), (2024, 50.0)], band, 2030, Status::Overshooting, Some(2.5 / (3.0 / 6.0)));
        // Reaching the band but not crossing it: on track.
        check(&[(2022, 41.0), (2024, 42.0)], band, 2030, Status::OnTrack, Some(0.5 / (1.0 / 6.0)));
    }

    #[test]
    fn milestones_read_met_once_their_year_has_data() {
        let trend = Trend::new(&[(2024, 3.9), (2025, 4.1)], ModelScale::linear(), 0.8);
        let j = judge(&th(4.0, Ge), 2025, &trend, &Thresholds::default(), true);
        assert_eq!((j.status, j.judged_on), (Status::Met, Some((2025, 4.1))));
    }

    #[test]
    fn required_pace_on_log_scale() {
        // 20 → 10 in 5 years on log scale: b_req = ln(0.5)/5, rate = 0.5^(1/5) − 1.
        let trend = Trend::new(&[(2024, 25.0), (2025, 20.0)], ModelScale::log(), 0.8);
        let j = judge(&th(10.0, Le), 2030, &trend, &Thresholds::default(), false);
        assert!((j.required_slope.unwrap() - 0.5_f64.ln() / 5.0).abs() < 1e-15);
        assert!((j.required_annual_rate.unwrap() - (0.5_f64.powf(0.2) - 1.0)).abs() < 1e-15);
        assert!((j.required_annual_change.unwrap() - (-2.0)).abs() < 1e-15);
        let r = (0.8_f64.ln()) / (0.5_f64.ln() / 5.0);
        assert!((j.progress_ratio.unwrap() - r).abs() < 1e-12);
        assert_eq!(j.status, Status::OnTrack);
    }

    #[test]
    fn severities_follow_methods() {
        use Severity::*;
        let cases = [
            (Status::Missed, Red),
            (Status::Reversing, Red),
            (Status::OffTrack, Red),
            (Status::AccelerationNeeded, Amber),
            (Status::OnTrack, Green),
            (Status::Achieved, Green),
            (Status::InsufficientData, None),
            (Status::NotAssessed, None),
        ];
        for (status, severity) in cases {
            assert_eq!(status.severity(), severity, "{status:?}");
        }
    }
}
