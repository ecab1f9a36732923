//! Early warnings (METHODS.md, "Warnings", the plans' 预警): `volatile`,
//! `outlier:YEAR`, `at_risk`, `milestone_missed:YEAR`, `clamped`,
//! `scale_fallback`, `unit_suspect`, `implausible:YEAR`, `stale`, plus
//! `invalid_value:YEAR` for a figure the engine cannot use (outside the
//! indicator's bounds, not a number, or a second value for a year), each with a
//! severity.
//!
//! Severities: red for a missed milestone and invalid figures; amber for
//! `volatile`, `at_risk`, `outlier`, `unit_suspect` and `implausible` (a hint to
//! check an entry); info for `clamped`, `scale_fallback` and `stale`, which
//! explain the numbers rather than warn about the indicator.

use serde::{Deserialize, Serialize};

use super::settings::Thresholds;
use crate::plausibility;
use super::status::Severity;
use super::trend::{finite, Trend};

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    Volatile,
    Outlier,
    AtRisk,
    MilestoneMissed,
    Clamped,
    ScaleFallback,
    UnitSuspect,
    Implausible,
    Stale,
    InvalidValue,
}

impl WarningKind {
    pub fn key(self) -> &'static str {
        match self {
            WarningKind::Volatile => "volatile",
            WarningKind::Outlier => "outlier",
            WarningKind::AtRisk => "at_risk",
            WarningKind::MilestoneMissed => "milestone_missed",
            WarningKind::Clamped => "clamped",
            WarningKind::ScaleFallback => "scale_fallback",
            WarningKind::UnitSuspect => "unit_suspect",
            WarningKind::Implausible => "implausible",
            WarningKind::Stale => "stale",
            WarningKind::InvalidValue => "invalid_value",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            WarningKind::MilestoneMissed | WarningKind::InvalidValue => Severity::Red,
            WarningKind::Volatile
            | WarningKind::Outlier
            | WarningKind::AtRisk
            | WarningKind::UnitSuspect
            | WarningKind::Implausible => Severity::Amber,
            WarningKind::Clamped | WarningKind::ScaleFallback | WarningKind::Stale => Severity::Info,
        }
    }

    /// Whether the METHODS.md code carries the year (`outlier:2019`).
    fn code_has_year(self) -> bool {
        matches!(
            self,
            WarningKind::Outlier | WarningKind::MilestoneMissed | WarningKind::InvalidValue | WarningKind::Implausible
        )
    }
}

/// One warning on an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// The METHODS.md code: `volatile`, `outlier:2019`, `milestone_missed:2025`, ...
    pub code: String,
    pub kind: WarningKind,
    /// The years it concerns (empty when it concerns the whole series).
    pub years: Vec<i32>,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
}

impl Warning {
    fn new(kind: WarningKind, years: Vec<i32>, message_zh: String, message_en: String) -> Warning {
        let code = match (kind.code_has_year(), years.first()) {
            (true, Some(year)) => format!("{}:{year}", kind.key()),
            _ => kind.key().to_string(),
        };
        Warning { code, kind, years, severity: kind.severity(), message_zh, message_en }
    }

    /// `at_risk`: achieved now, but the projection for the target year misses
    /// the (effective) target. `projected` is written with its unit.
    pub fn at_risk(target_year: i32, projected_zh: &str, projected_en: &str) -> Warning {
        Warning::new(
            WarningKind::AtRisk,
            vec![],
            format!("目前已达标，但按现有趋势 {target_year} 年约为 {projected_zh}，将不再达标"),
            format!("Met now, but the trend leads to about {projected_en} in {target_year}, which no longer meets the target"),
        )
    }

    /// `implausible:YEAR`: a value 10 or more times away from both the target
    /// and the series' median, the mark of a unit slip.
    pub fn implausible(year: i32, value: f64, factor: f64) -> Warning {
        Warning::new(
            WarningKind::Implausible,
            vec![year],
            format!(
                "{year} 年的数值 {value} 与目标和其他年份都相差 {factor} 倍以上，很可能单位有误（如把 93% 填成 0.93，或把 ‰ 当作 /10万）；核对前不作判断"
            ),
            format!(
                "The {year} value {value} is {factor} or more times away from both the target and the other years: most likely a unit slip (0.93 for 93%, ‰ for per 100,000); not judged until it is checked"
            ),
        )
    }

    /// `milestone_missed:YEAR`.
    pub fn milestone_missed(year: i32, value: f64) -> Warning {
        Warning::new(
            WarningKind::MilestoneMissed,
            vec![year],
            format!("{year} 年阶段目标未实现（实际值 {value}）"),
            format!("The {year} milestone was missed (value {value})"),
        )
    }

    /// `clamped`: values on a logit bound moved inside by δ.
    pub fn clamped(years: Vec<i32>, delta: f64) -> Warning {
        let list = join(&years);
        Warning::new(
            WarningKind::Clamped,
            years,
            format!("{list} 年的数值位于边界（0 或 100%），拟合时向内移动 {delta} 个百分点"),
            format!("Values on a bound (0 or 100%) in {list} were moved {delta} points inside for the fit"),
        )
    }

    /// `scale_fallback`: the requested scale could not be used.
    pub fn scale_fallback(requested: &str, reason: &str) -> Warning {
        let (zh, en) = match reason {
            "log_needs_positive_values" => ("存在小于或等于 0 的数值", "a value is zero or negative"),
            "log_needs_positive_target" => ("目标值小于或等于 0", "the target is zero or negative"),
            _ => ("指标没有上下界", "the indicator has no upper or lower bound"),
        };
        Warning::new(
            WarningKind::ScaleFallback,
            vec![],
            format!("无法使用 {requested} 尺度（{zh}），改用线性尺度拟合"),
            format!("The {requested} scale cannot be used ({en}); fitted on the linear scale"),
        )
    }

    /// `stale`: the latest figure is older than the current year minus the limit.
    pub fn stale(latest_year: i32, current_year: i32, limit: i32) -> Warning {
        Warning::new(
            WarningKind::Stale,
            vec![latest_year],
            format!("最新数据为 {latest_year} 年，距今（{current_year} 年）已超过 {limit} 年"),
            format!("The latest figure is from {latest_year}, more than {limit} years before {current_year}"),
        )
    }

    /// `invalid_value:YEAR`: a figure the engine cannot use.
    pub fn invalid_value(year: i32, value: f64, reason: &str) -> Warning {
        let (zh, en) = match reason {
            "duplicate_year" => ("同一年份有两个数值", "a second value for the same year"),
            "not_finite" => ("不是有效数字", "not a number"),
            _ => ("超出指标的取值范围", "outside the indicator's bounds"),
        };
        Warning::new(
            WarningKind::InvalidValue,
            vec![year],
            format!("{year} 年的数值 {value} 无法使用：{zh}"),
            format!("The {year} value {value} cannot be used: {en}"),
        )
    }
}

/// The numbers behind the `volatile` check.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Volatility {
    /// √(mean of (yᵢ − ŷ(tᵢ))²), in the indicator's unit.
    pub rmse: f64,
    /// mean |yᵢ|.
    pub mean_abs: f64,
    /// rmse / mean_abs, compared with the threshold (0.10).
    pub ratio: Option<f64>,
}

/// The residual spread in the unit (for two or more points).
pub fn volatility(trend: &Trend) -> Option<Volatility> {
    trend.fit.as_ref()?;
    let n = trend.n() as f64;
    let mut sum_sq = 0.0;
    for (&year, &y) in trend.years.iter().zip(&trend.values) {
        sum_sq += (y - trend.fitted(year)?).powi(2);
    }
    let rmse = (sum_sq / n).sqrt();
    let mean_abs = trend.values.iter().map(|y| y.abs()).sum::<f64>() / n;
    Some(Volatility { rmse, mean_abs, ratio: finite(rmse / mean_abs) })
}

/// `volatile` when n ≥ 4 and RMSE / mean |y| exceeds the threshold.
pub fn volatile(trend: &Trend, thresholds: &Thresholds) -> Option<Warning> {
    if trend.n() < thresholds.volatile_min_points {
        return None;
    }
    let ratio = volatility(trend)?.ratio?;
    (ratio > thresholds.volatile).then(|| {
        let pct = 100.0 * ratio;
        Warning::new(
            WarningKind::Volatile,
            vec![],
            format!("波动较大：拟合残差均方根为平均水平的 {pct:.1}%"),
            format!("Volatile: the residual spread is {pct:.1}% of the mean level"),
        )
    })
}

/// `outlier:YEAR` for each point (n ≥ 5) whose externally studentized residual
/// on the model scale exceeds the Bonferroni bound t_{n−3, 1−α/(2n)} in absolute
/// value (METHODS.md; R's `car::outlierTest`). An internally studentized
/// residual cannot exceed √(n − 2), so a fixed bound of 3 never fired on fewer
/// than 12 points.
pub fn outliers(trend: &Trend, thresholds: &Thresholds) -> Vec<Warning> {
    let n = trend.n();
    let Some(fit) = trend.fit.as_ref().filter(|_| n >= thresholds.outlier_min_points.max(4)) else {
        return Vec::new();
    };
    let Some(bound) = outlier_bound(n, thresholds.outlier_alpha) else {
        return Vec::new();
    };
    trend
        .years
        .iter()
        .zip(&trend.gs)
        .zip(&trend.values)
        .filter_map(|((&year, &g), &value)| {
            let t = fit.studentized_external(f64::from(year), g)?;
            (t.abs() > bound).then(|| {
                Warning::new(
                    WarningKind::Outlier,
                    vec![year],
                    format!("{year} 年的数值 {value} 明显偏离其余年份的趋势，请核对这一数据"),
                    format!("The {year} value {value} lies far from the trend of the other years; please check it"),
                )
            })
        })
        .collect()
}

/// The Bonferroni bound t_{n−3, 1−α/(2n)} for `n` points.
pub fn outlier_bound(n: usize, alpha: f64) -> Option<f64> {
    if n < 4 || !(alpha > 0.0 && alpha < 1.0) {
        return None;
    }
    super::student_t::quantile(1.0 - alpha / (2.0 * n as f64), (n - 3) as f64)
}

/// `implausible:YEAR` for each positive value at least `factor` times away
/// (above or below) from both `target` and the median of the series: the mark
/// of a unit slip (0.93 typed for 93%, 8.1‰ read as 810 per 100,000). A zero is
/// never implausible (a year without a maternal death is real), and without a
/// positive target nothing is judged (`unit_suspect` covers those).
pub fn implausible(trend: &Trend, target: Option<f64>, thresholds: &Thresholds) -> Vec<Warning> {
    let factor = thresholds.implausible_factor;
    let (Some(target), Some(median)) = (target, plausibility::median(trend.values.clone())) else {
        return Vec::new();
    };
    trend
        .years
        .iter()
        .zip(&trend.values)
        .filter(|(_, &y)| plausibility::implausible(y, target, median, factor))
        .map(|(&year, &y)| Warning::implausible(year, y, factor))
        .collect()
}

/// `unit_suspect`: a positive value at least `factor` times smaller or larger
/// than the median of the other values (a ×100 slip such as 0.93 for 93%, or a
/// rate per 1,000 pasted as per 100,000). With only two points both differ
/// from each other; for percentages the one that looks like a fraction (≤ 1)
/// is named, else both.
pub fn unit_suspect(trend: &Trend, is_percent: bool, thresholds: &Thresholds) -> Option<Warning> {
    let n = trend.n();
    if n < 2 {
        return None;
    }
    let factor = thresholds.unit_suspect_factor;
    let mut years: Vec<i32> = (0..n)
        .filter(|&i| {
            let y = trend.values[i];
            let others: Vec<f64> = (0..n).filter(|&j| j != i).map(|j| trend.values[j]).filter(|v| *v > 0.0).collect();
            match plausibility::median(others) {
                Some(m) if y > 0.0 && m > 0.0 => m / y >= factor || y / m >= factor,
                _ => false,
            }
        })
        .map(|i| trend.years[i])
        .collect();
    if n == 2 && is_percent && years.len() == 2 {
        let fractions: Vec<i32> =
            years.iter().copied().filter(|y| trend.value_at(*y).is_some_and(|v| v <= 1.0)).collect();
        if !fractions.is_empty() {
            years = fractions;
        }
    }
    if years.is_empty() {
        return None;
    }
    let list = join(&years);
    Some(Warning::new(
        WarningKind::UnitSuspect,
        years,
        format!("{list} 年的数值与其他年份相差 {factor} 倍以上，可能单位有误（如把 93% 填成 0.93）"),
        format!("The value in {list} differs from the others by a factor of {factor} or more; check its unit (e.g. 0.93 for 93%)"),
    ))
}

fn join(years: &[i32]) -> String {
    years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::scale::ModelScale;

    fn trend(values: &[f64]) -> Trend {
        let points: Vec<(i32, f64)> = values.iter().enumerate().map(|(i, &v)| (2015 + i as i32, v)).collect();
        Trend::new(&points, ModelScale::linear(), 0.8)
    }

    /// One helper: the codes the value checks raise for a linear series.
    fn check(values: &[f64], percent: bool, codes: &[&str]) {
        let t = trend(values);
        let th = Thresholds::default();
        let mut got: Vec<String> = Vec::new();
        got.extend(volatile(&t, &th).map(|w| w.code));
        got.extend(outliers(&t, &th).into_iter().map(|w| w.code));
        got.extend(unit_suspect(&t, percent, &th).map(|w| format!("{}@{:?}", w.code, w.years)));
        assert_eq!(got, codes, "{values:?}");
    }

    #[test]
    fn value_checks_by_hand() {
        // Smooth: nothing.
        check(&[10.0, 11.0, 12.0, 13.0], false, &[]);
        // Zig-zag 10, 14, 10, 14: fit ŷ = 11.2 + 0.8·(t − t̄)... RMSE/mean = 0.1789 > 0.1.
        check(&[10.0, 14.0, 10.0, 14.0], false, &["volatile"]);
        // Three points are never volatile (n ≥ 4 needed).
        check(&[10.0, 14.0, 10.0], false, &[]);
        // 0.93 among percentages around 93: a unit slip (and it bends the fit).
        check(&[92.0, 0.93, 93.5, 94.0], true, &["volatile", "unit_suspect@[2016]"]);
        // Two points: only the fraction-looking one is named for percentages.
        check(&[0.93, 93.0], true, &["unit_suspect@[2015]"]);
        check(&[0.93, 93.0], false, &["unit_suspect@[2015, 2016]"]);
        // Small genuine percentages are not suspect.
        check(&[0.9, 1.2, 1.3], true, &[]);
        // A long series with one wild year.
        let mut long: Vec<f64> = (0..14).map(|i| 50.0 + f64::from(i) + if i % 2 == 0 { 0.1 } else { -0.1 }).collect();
        long[7] += 10.0;
        check(&long, false, &["outlier:2022"]);
    }

    /// Outliers by externally studentized residuals with the Bonferroni bound:
    /// one wild year among seven fires (the old rule needed 12 points), a
    /// smooth noisy series does not.
    #[test]
    fn outliers_externally_studentized_with_bonferroni() {
        check(&[50.0, 51.1, 51.9, 60.0, 54.1, 54.9, 56.0], false, &["outlier:2018"]);
        check(&[50.0, 51.3, 51.8, 53.2, 53.9, 55.2, 55.8], false, &[]);
        // The bound: t_{n−3, 1−0.05/(2n)}; for n = 7, scipy's t.ppf(1 − 0.05/14, 4)
        // is 5.067510353639193.
        let b = outlier_bound(7, 0.05).unwrap();
        assert!((b - 5.067510353639193).abs() < 1e-9, "{b}");
        assert_eq!(outlier_bound(3, 0.05), None);
    }

    /// `implausible`: 0.93 in a row of percentages near 93 with a target of 95,
    /// and 810 per 100,000 (‰ read as /10万) among values near 15 with a
    /// target of 7.5; a zero year is never implausible.
    #[test]
    fn implausible_values_are_unit_slips() {
        let th = Thresholds::default();
        let codes = |values: &[f64], target: f64| -> Vec<String> {
            implausible(&trend(values), Some(target), &th).into_iter().map(|w| w.code).collect()
        };
        assert_eq!(codes(&[92.0, 93.5, 0.93], 95.0), ["implausible:2017"]);
        assert_eq!(codes(&[16.1, 15.7, 15.1, 810.0], 7.5), ["implausible:2018"]);
        assert_eq!(codes(&[11.8, 0.0, 5.9, 0.0], 7.5), Vec::<String>::new());
        // Far from the target but not from the series: a real level, not a slip.
        assert_eq!(codes(&[0.5, 0.6, 0.4], 9.0), Vec::<String>::new());
    }

    #[test]
    fn volatility_ratio_by_hand() {
        // 10, 14, 10, 14 at t = 0..3: b = 0.8, ȳ = 12, fitted 10.8, 11.6, 12.4, 13.2;
        // residuals −0.8, 2.4, −2.4, 0.8; RMSE = √(12.8/4) = √3.2; mean 12.
        let v = volatility(&trend(&[10.0, 14.0, 10.0, 14.0])).unwrap();
        assert!((v.rmse - 3.2_f64.sqrt()).abs() < 1e-12);
        assert!((v.ratio.unwrap() - 3.2_f64.sqrt() / 12.0).abs() < 1e-12);
    }

    #[test]
    fn codes_carry_the_year_where_methods_says() {
        assert_eq!(Warning::milestone_missed(2025, 3.9).code, "milestone_missed:2025");
        assert_eq!(Warning::stale(2021, 2025, 2).code, "stale");
        assert_eq!(Warning::clamped(vec![2020, 2022], 0.1).code, "clamped");
        assert_eq!(Warning::invalid_value(2020, -1.0, "out_of_bounds").code, "invalid_value:2020");
    }
}
