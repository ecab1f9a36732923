//! How the detail view reads an assessment to people: the one plain sentence
//! under the chart ("按当前趋势，2030年预计为 …"), the sentence for a what-if
//! scenario, the "how this was computed" lines a statistician can redo by hand,
//! and the range of the what-if control.
//!
//! Pure and bilingual, so the page and the tests agree to the character. Every
//! number goes through [`crate::format`]; this module decides which numbers to
//! say and in what words, never how a number looks. It computes nothing the
//! engine has not already computed, except the displayed forms of the engine's
//! own results (e^b − 1 for a log slope, a slider range).
//!
//! The page calls each entry point from one place; they are kept out of line
//! (`#[inline(never)]`) because inlined into the view they made the wasm
//! larger, and the page has a size budget.

use crate::assess::{Assessment, ScaleSource, Status, WhatIf, WhatIfChange};
use crate::catalog::{Indicator, Scale, Unit};
use crate::format::{self, Lang};

/// A number to four significant digits (at most six decimals), for the
/// model-scale quantities (slopes, g values, quantiles) that have no unit.
///
/// ```
/// use gapcast_core::explain::sig;
/// assert_eq!(sig(-0.039647223), "-0.03965");
/// assert_eq!(sig(82.91634958), "82.92");
/// assert_eq!(sig(2019.5), "2020");
/// ```
pub fn sig(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format::number(v, 0);
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (3 - magnitude).clamp(0, 6) as usize;
    format::number(v, decimals)
}

/// A share (0.276) as a percentage with one decimal (`27.7%`).
fn share(v: f64) -> String {
    format!("{}%", format::number(v * 100.0, 1))
}

/// The current pace in the terms the plan's target is read in: the relative
/// rate e^b − 1 on the log scale, else the average change a year in the unit.
#[inline(never)]
fn current_pace(a: &Assessment, lang: Lang) -> Option<String> {
    match a.scale {
        Scale::Log => a.slope.map(|b| format::rate_per_year(b.exp_m1(), lang)),
        _ => a.annual_change.map(|c| format::change_per_year(c, a.unit, lang)),
    }
}

/// The required pace in the same terms as [`current_pace`].
#[inline(never)]
fn required_pace(a: &Assessment, lang: Lang) -> Option<String> {
    match (a.scale, a.required_annual_rate) {
        (Scale::Log, Some(rate)) => Some(format::rate_per_year(rate, lang)),
        _ => a.required_annual_change.map(|c| format::change_per_year(c, a.unit, lang)),
    }
}

/// "约 72%" reads "达标概率约 72%", but "< 1%" needs a space after the noun.
fn probability_phrase(p: f64, lang: Lang) -> String {
    let said = format::probability(p, lang);
    let glue = if said.starts_with(['<', '>']) { " " } else { "" };
    match lang {
        Lang::Zh => format!("达标概率{glue}{said}"),
        Lang::En => format!("probability of meeting the target {said}"),
    }
}

/// "2030年预计为 11.4/10万（80%区间 11.0–11.8）": the projection in the
/// target year with its interval when there is one.
#[inline(never)]
fn projection_phrase(a: &Assessment, lang: Lang) -> Option<String> {
    let p = a.projection_at_target.as_ref()?;
    let value = format::value(p.value?, a.unit, lang);
    let year = a.target.year;
    let interval = match (p.lower, p.upper) {
        (Some(lo), Some(hi)) if format::bare(lo, a.unit) != format::bare(hi, a.unit) => {
            let level = format::number(a.level * 100.0, 0);
            let (lo, hi) = (format::bare(lo, a.unit), format::bare(hi, a.unit));
            match lang {
                Lang::Zh => format!("（{level}%区间 {lo}–{hi}）"),
                Lang::En => format!(" ({level}% interval {lo}–{hi})"),
            }
        }
        _ => String::new(),
    };
    Some(match lang {
        Lang::Zh => format!("{year}年预计为 {value}{interval}"),
        Lang::En => format!("{year} is projected at {value}{interval}"),
    })
}

/// The value the target was judged on once its year has come: the value
/// observed in the target year, else the latest.
fn judged_value(a: &Assessment) -> Option<(i32, f64)> {
    a.explain
        .points
        .iter()
        .find(|p| p.year == a.target.year)
        .map(|p| (p.year, p.value))
        .or_else(|| a.latest_year.zip(a.latest_value))
}

/// One plain sentence reading an assessment, for the top of the detail view.
///
/// ```
/// use gapcast_core::assess::{assess, Settings};
/// use gapcast_core::catalog::builtin;
/// use gapcast_core::explain::reading;
/// use gapcast_core::format::Lang;
/// let catalog = builtin();
/// let mmr = catalog.get("W-HEALTH-02").unwrap();
/// let a = assess(mmr, &[], &Settings::new(2025));
/// assert_eq!(reading(mmr, &a, Lang::Zh), "暂无数据；目标为 ≤ 7.5/10万（2030）。");
/// ```
#[inline(never)]
pub fn reading(indicator: &Indicator, a: &Assessment, lang: Lang) -> String {
    let target = format::target(&indicator.target, indicator.unit, lang);
    let status = lang.pick(a.status.label_zh(), a.status.label_en());
    let v = |x: f64| format::value(x, a.unit, lang);
    let reason = a.reason.as_deref().unwrap_or("");

    if let Some(year) = reason.strip_prefix("invalid_value:") {
        return match lang {
            Lang::Zh => format!("{year}年的数据无法使用（重复、非数字或超出取值范围），未作评估；请检查数据。"),
            Lang::En => format!("The figure for {year} cannot be used (a repeat, not a number, or out of range), so nothing was assessed; please check the figures."),
        };
    }
    if let Some(year) = reason.strip_prefix("implausible:") {
        return match lang {
            Lang::Zh => format!("{year}年的数值与目标和其他年份都相差 10 倍以上，很可能单位有误；核对或在“数据检查”中改正之前不作判断。"),
            Lang::En => format!("The {year} value is ten or more times away from both the target and the other years, most likely a unit slip; it is not judged until checked or corrected under Checks."),
        };
    }
    if a.n_points == 0 {
        return match (lang, reason) {
            (Lang::Zh, "no_data_in_window") => {
                format!("所选起始年份之后没有数据；目标为 {target}。")
            }
            (Lang::En, "no_data_in_window") => {
                format!("No figures from the chosen first year on; the target is {target}.")
            }
            (Lang::Zh, _) => format!("暂无数据；目标为 {target}。"),
            (Lang::En, _) => format!("No figures yet; the target is {target}."),
        };
    }
    if reason == "target_year_passed" {
        let (year, value) = judged_value(a).unwrap_or((a.target.year, f64::NAN));
        let met = a.status == Status::Achieved;
        return match lang {
            Lang::Zh => {
                format!("目标年已到：{year}年为 {}，{}目标 {target}。", v(value), if met { "实现了" } else { "未实现" })
            }
            Lang::En => format!(
                "The target year has come: {} in {year}, so the target {target} was {}.",
                v(value),
                if met { "met" } else { "missed" }
            ),
        };
    }

    let latest = match (a.latest_year, a.latest_value) {
        (Some(y), Some(x)) => (y, x),
        _ => return String::new(),
    };
    let projection = projection_phrase(a, lang);
    let numeric = a.target.comparator.is_some();

    if !numeric {
        return directional_reading(indicator, a, lang, projection);
    }
    if a.status == Status::Achieved {
        let at_risk = a.warnings.iter().any(|w| w.code == "at_risk");
        let head = match lang {
            Lang::Zh => format!("{}年为 {}，已实现目标 {target}", latest.0, v(latest.1)),
            Lang::En => format!("{} in {}: the target {target} is met", v(latest.1), latest.0),
        };
        return match (projection, at_risk, lang) {
            (Some(p), true, Lang::Zh) => format!("{head}；但按当前趋势，{p}，届时可能不达标。"),
            (Some(p), true, Lang::En) => {
                format!("{head}, but at the current trend {p} and may miss it then.")
            }
            (Some(p), false, Lang::Zh) => format!("{head}；按当前趋势，{p}。"),
            (Some(p), false, Lang::En) => format!("{head}; at the current trend {p}."),
            (None, _, _) => format!("{head}{}", lang.pick("。", ".")),
        };
    }
    let pace = match (required_pace(a, lang), current_pace(a, lang)) {
        (Some(r), Some(c)) => match lang {
            Lang::Zh => format!("；需要年均 {r}，目前为 {c}"),
            Lang::En => format!("; needed {r}, current {c}"),
        },
        (Some(r), None) => match lang {
            Lang::Zh => format!("；需要年均 {r}"),
            Lang::En => format!("; needed {r}"),
        },
        _ => String::new(),
    };
    if a.n_points == 1 {
        return match lang {
            Lang::Zh => {
                format!("仅有{}年一个数据（{}），无法估计趋势；要达到目标 {target}{pace}。", latest.0, v(latest.1))
            }
            Lang::En => format!(
                "Only one figure ({} in {}), so no trend can be estimated; for the target {target}{pace}.",
                v(latest.1),
                latest.0
            ),
        };
    }
    let Some(projection) = projection else {
        return match lang {
            Lang::Zh => format!("{}年为 {}，趋势无法外推（{status}）{pace}。", latest.0, v(latest.1)),
            Lang::En => format!("{} in {}; the trend cannot be projected ({status}){pace}.", v(latest.1), latest.0),
        };
    };
    let probability =
        a.probability.map(|p| format!("{}{}", lang.pick("，", ", "), probability_phrase(p, lang))).unwrap_or_default();
    match (a.n_points, lang) {
        (2, Lang::Zh) => {
            format!("按两个数据点的趋势（点数太少，无法给出区间），{projection}{pace}。")
        }
        (2, Lang::En) => format!("At the trend through two figures (too few for an interval), {projection}{pace}."),
        (_, Lang::Zh) => format!("按当前趋势，{projection}{probability}{pace}。"),
        (_, Lang::En) => format!("At the current trend, {projection}{probability}{pace}."),
    }
}

/// The sentence for a target without a number (逐步提高, 明显下降, ...).
#[inline(never)]
fn directional_reading(indicator: &Indicator, a: &Assessment, lang: Lang, projection: Option<String>) -> String {
    let target = format::target(&indicator.target, indicator.unit, lang);
    let status = lang.pick(a.status.label_zh(), a.status.label_en());
    if a.status == Status::NotAssessed {
        return match (lang, a.reason.as_deref()) {
            (Lang::Zh, Some("no_level")) => "目标为“保持”，但规划未给出水平，不作评估；图中趋势仅供参考。".to_string(),
            (Lang::En, Some("no_level")) => "The target is to maintain a level the plan does not give, so it is not judged; the trend is shown for reference.".to_string(),
            (Lang::Zh, _) => "定性目标，不作评估；图中趋势仅供参考。".to_string(),
            (Lang::En, _) => "A qualitative target, not judged; the trend is shown for reference.".to_string(),
        };
    }
    if a.status == Status::InsufficientData {
        return match lang {
            Lang::Zh => format!("目标为 {target}；目前只有 {} 个数据点，暂不判断趋势。", a.n_points),
            Lang::En => format!("The target is {target}; with {} figure(s) the trend is not judged yet.", a.n_points),
        };
    }
    let d = a.explain.directional.as_ref();
    let rate = d.and_then(|d| {
        let r = d.rate?;
        Some(match d.measure.as_str() {
            "points_per_year" => format::change_per_year(r, Unit::Percent, lang),
            "half_slopes" => return None,
            _ => format::rate_per_year(r, lang),
        })
    });
    let head = match (rate, lang) {
        (Some(r), Lang::Zh) => format!("目标为 {target}：拟合趋势年均变化 {r}，判断为“{status}”"),
        (Some(r), Lang::En) => format!("The target is {target}: the fitted trend changes {r}, judged “{status}”"),
        (None, Lang::Zh) => format!("目标为 {target}：比较前后两半的上升速度，判断为“{status}”"),
        (None, Lang::En) => {
            format!("The target is {target}: comparing how fast the earlier and later halves rise, judged “{status}”")
        }
    };
    match (projection, lang) {
        (Some(p), Lang::Zh) => format!("{head}；按当前趋势，{p}。"),
        (Some(p), Lang::En) => format!("{head}; at the current trend {p}."),
        (None, _) => format!("{head}{}", lang.pick("。", ".")),
    }
}

/// What a scenario's change says: "每年 −0.50/10万", "每年 −5.0%", "按所需速度".
#[inline(never)]
pub fn change_phrase(change: WhatIfChange, w: Option<&WhatIf>, unit: Unit, lang: Lang) -> String {
    match change {
        WhatIfChange::UnitsPerYear(d) => format::change_per_year(d, unit, lang),
        WhatIfChange::PercentPerYear(p) => format::rate_per_year(p / 100.0, lang),
        WhatIfChange::RequiredPace => {
            let pace = w.and_then(|w| match (w.annual_rate, w.annual_change) {
                (Some(r), _) => Some(format::rate_per_year(r, lang)),
                (None, Some(c)) => Some(format::change_per_year(c, unit, lang)),
                _ => None,
            });
            match (pace, lang) {
                (Some(p), Lang::Zh) => format!("按所需速度（{p}）"),
                (Some(p), Lang::En) => format!("the required pace ({p})"),
                (None, _) => lang.pick("按所需速度", "the required pace").to_string(),
            }
        }
    }
}

/// One sentence reading a what-if scenario: where the path leads in the
/// mid-term and target years, whether the target and the milestones are met.
///
/// ```
/// use gapcast_core::assess::{what_if, Settings, WhatIfChange};
/// use gapcast_core::catalog::builtin;
/// use gapcast_core::explain::what_if_reading;
/// use gapcast_core::format::Lang;
/// use gapcast_core::series::Point;
/// let catalog = builtin();
/// let mmr = catalog.get("W-HEALTH-02").unwrap();
/// let points = [Point { year: 2024, value: 14.3, note: None }];
/// let w = what_if(mmr, &points, &Settings::new(2025), WhatIfChange::RequiredPace);
/// assert!(what_if_reading(mmr, &w, Lang::Zh).contains("2030年为 7.5/10万，达到目标"));
/// ```
#[inline(never)]
pub fn what_if_reading(indicator: &Indicator, w: &WhatIf, lang: Lang) -> String {
    let unit = indicator.unit;
    let v = |x: f64| format::value(x, unit, lang);
    match w.reason.as_deref() {
        Some("no_data") => {
            return lang.pick("没有数据，无法推算情景。", "No figures to start a scenario from.").to_string()
        }
        Some("target_year_passed") => {
            return lang
                .pick("目标年已过，情景推算不再适用。", "The target year has passed; scenarios no longer apply.")
                .to_string()
        }
        Some("no_required_pace") => {
            return lang
                .pick(
                    "此目标没有可计算的所需速度；请输入年均变化。",
                    "This target has no required pace to compute; enter an annual change instead.",
                )
                .to_string()
        }
        Some(code) if code.starts_with("invalid_value") => {
            return lang
                .pick("数据有误，无法推算情景。", "The figures have an error; no scenario can be run.")
                .to_string()
        }
        _ => {}
    }
    let (Some(start_year), Some(start)) = (w.start_year, w.start_value) else {
        return String::new();
    };
    let change = change_phrase(w.change, Some(w), unit, lang);
    let target = format::target(&indicator.target, unit, lang);
    let mut s = match lang {
        Lang::Zh => format!(
            "若从{start_year}年的 {} 起{}",
            v(start),
            if w.change == WhatIfChange::RequiredPace { change } else { format!("每年 {change}") }
        ),
        Lang::En => format!("From {} in {start_year}, at {change}", v(start)),
    };
    if let Some(mid) = w.value_mid_term.filter(|_| w.mid_term_year < w.target_year) {
        s += &match lang {
            Lang::Zh => format!("，{}年为 {}", w.mid_term_year, v(mid)),
            Lang::En => format!(", {} would be {}", w.mid_term_year, v(mid)),
        };
    }
    if let Some(end) = w.value_at_target {
        s += &match lang {
            Lang::Zh => format!("，{}年为 {}", w.target_year, v(end)),
            Lang::En => format!(", {} would be {}", w.target_year, v(end)),
        };
    }
    s += &match (w.met, lang) {
        (Some(true), Lang::Zh) => format!("，达到目标 {target}"),
        (Some(false), Lang::Zh) => format!("，未达到目标 {target}"),
        (Some(true), Lang::En) => format!(", meeting the target {target}"),
        (Some(false), Lang::En) => format!(", missing the target {target}"),
        (None, _) => String::new(),
    };
    for m in &w.milestones {
        let Some(met) = m.met else { continue };
        s += &match lang {
            Lang::Zh => format!("；{}年阶段目标{}", m.year, if met { "达到" } else { "未达到" }),
            Lang::En => format!("; the {} milestone {}", m.year, if met { "is met" } else { "is missed" }),
        };
    }
    if w.capped {
        s += lang.pick("（路径在取值边界处截止）", " (the path stops at the indicator's bound)");
    }
    s += lang.pick("。", ".");
    s
}

/// One line of "how this was computed": what, the formula, and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodLine {
    pub label: String,
    pub formula: String,
    pub value: String,
}

fn line(label: &str, formula: impl Into<String>, value: impl Into<String>) -> MethodLine {
    MethodLine { label: label.to_string(), formula: formula.into(), value: value.into() }
}

/// g written out for the formulas: `y`, `ln y`, `logit y`.
fn g_name(scale: Scale) -> &'static str {
    match scale {
        Scale::Linear => "y",
        Scale::Log => "ln y",
        Scale::Logit => "logit y",
    }
}

/// The method and every intermediate result of an assessment, in order, so a
/// statistician can check it by hand (METHODS.md's notation). Lines that do
/// not apply are left out.
#[inline(never)]
pub fn method_lines(a: &Assessment, lang: Lang) -> Vec<MethodLine> {
    let e = &a.explain;
    let unit = a.unit;
    let v = |x: f64| format::value(x, unit, lang);
    let g = g_name(a.scale);
    let mut out = Vec::new();

    let scale_name = match (a.scale, lang) {
        (Scale::Linear, Lang::Zh) => "线性尺度",
        (Scale::Log, Lang::Zh) => "对数尺度",
        (Scale::Logit, Lang::Zh) => "logit 尺度",
        (Scale::Linear, Lang::En) => "linear scale",
        (Scale::Log, Lang::En) => "log scale",
        (Scale::Logit, Lang::En) => "logit scale",
    };
    let source = match e.scale_source {
        ScaleSource::SettingIndicator => lang.pick("本指标的设置", "this indicator's setting"),
        ScaleSource::SettingGlobal => lang.pick("全部指标的设置", "the setting for all indicators"),
        ScaleSource::Catalog => lang.pick("指标目录", "the catalog"),
        ScaleSource::UnitDefault => lang.pick("单位的默认值", "the unit's default"),
    };
    let mut scale_value = format!("{scale_name}（{source}）");
    if lang == Lang::En {
        scale_value = format!("{scale_name} ({source})");
    }
    if e.scale_fallback.is_some() && e.scale_requested != a.scale {
        scale_value +=
            lang.pick("；有 ≤ 0 的值，无法取对数，改用线性尺度", "; a value ≤ 0 rules out the log, so linear is used");
    }
    let formula = match (a.scale, e.logit_lower, e.logit_upper) {
        (Scale::Logit, Some(l), Some(u)) => {
            format!("g(y) = ln((y − {}) / ({} − y))", sig(l), sig(u))
        }
        _ => format!("g(y) = {g}"),
    };
    out.push(line(lang.pick("模型尺度", "Model scale"), formula, scale_value));
    if let Some(delta) = e.clamp_delta.filter(|_| a.warnings.iter().any(|w| w.code == "clamped")) {
        out.push(line(
            lang.pick("边界值调整", "Values on a bound"),
            lang.pick("δ = ½·min(0.1, τ_b, 离边界最近的其他数值的距离)", "δ = ½·min(0.1, τ_b, nearest other value's distance)"),
            format!("{}{}", lang.pick("移入 ", "moved inside by "), sig(delta)),
        ));
    }
    if let (Some(eff), Some(stated), Some(tau)) = (a.target.effective_value, a.target.value, a.target.tolerance) {
        out.push(line(
            lang.pick("边界上的目标", "Target on a bound"),
            format!("y*_eff = {} {} τ_b, τ_b = {}", format::number(stated, unit.decimals()), if eff < stated { "−" } else { "+" }, sig(tau)),
            match lang {
                Lang::Zh => format!("{} 即视为实现，各项判断都按此值", format::number(eff, unit.decimals() + 1)),
                Lang::En => format!("met from {}; every rule uses this value", format::number(eff, unit.decimals() + 1)),
            },
        ));
    }
    if let (Some("approx"), Some(y), Some(tau)) = (a.target.comparator.as_deref(), a.target.value, a.target.tolerance) {
        out.push(line(
            lang.pick("“左右”目标的范围", "Band of an “about” target"),
            format!("y* ± τ = {} ± {}", v(y), format::bare(tau, unit)),
            format!("{} – {}", v(y - tau), v(y + tau)),
        ));
    }
    if let Some(g) = a.gap {
        out.push(line(lang.pick("差距", "Gap"), lang.pick("尚差为正，已达到为零或负", "positive = still to go"), format::gap(g, unit, lang)));
    }

    let years = match (a.first_year, a.latest_year) {
        (Some(f), Some(l)) if f != l => format!("{f}–{l}"),
        (Some(f), _) => f.to_string(),
        _ => String::new(),
    };
    let mut points = format!("n = {}", a.n_points);
    if !years.is_empty() {
        points += &format!(" ({years})");
    }
    if let Some(from) = e.window_from {
        points += &match lang {
            Lang::Zh => format!("；仅用 {from} 年起的数据（共给出 {} 个）", e.n_points_given),
            Lang::En => format!("; only figures from {from} on ({} given)", e.n_points_given),
        };
    }
    out.push(line(lang.pick("数据点", "Points"), "", points));

    if let (Some(b), Some(intercept)) = (a.slope, a.intercept) {
        let method = lang.pick("普通最小二乘", "Ordinary least squares");
        out.push(line(method, format!("ĝ(Y) = a + b·Y, g = {g}"), format!("a = {}, b = {}", sig(intercept), sig(b))));
    }
    if let (Some(t_mean), Some(sxx)) = (e.t_mean, e.sxx) {
        out.push(line(
            lang.pick("年份均值与离差平方和", "Mean year and spread"),
            "t̄, Sxx = Σ(tᵢ − t̄)²",
            format!("t̄ = {}, Sxx = {}", format::number(t_mean, 2), sig(sxx)),
        ));
    }
    if let (Some(s), Some(ssr), Some(df)) = (a.residual_sd, e.ssr, e.df) {
        out.push(line(
            lang.pick("残差标准差", "Residual standard deviation"),
            lang.pick("s = √(SSR / (n − 2))；s ≤ 64·ε·max|gᵢ| 时视为 0", "s = √(SSR / (n − 2)); zero when s ≤ 64·ε·max|gᵢ|"),
            format!("SSR = {}, n − 2 = {df}, s = {}", sig(ssr), sig(s)),
        ));
    }
    if let Some(bound) = crate::assess::warnings::outlier_bound(a.n_points, 0.05).filter(|_| a.n_points >= 5) {
        out.push(line(
            lang.pick("异常值检验", "Outlier check"),
            lang.pick(
                "外部学生化残差 |tᵢ| 与 Bonferroni 界 t(n − 3, 1 − 0.05/(2n)) 比较",
                "externally studentized residual |tᵢ| against the Bonferroni bound t(n − 3, 1 − 0.05/(2n))",
            ),
            format!("t({}, {}) = {}", a.n_points - 3, format::number(1.0 - 0.05 / (2.0 * a.n_points as f64), 4), sig(bound)),
        ));
    }
    if let (Some(t), Some(df)) = (e.t_quantile, e.df) {
        let q = format::number((1.0 + e.level) / 2.0, 3);
        out.push(line(
            lang.pick("t 分位数", "t quantile"),
            format!("t(n − 2, (1 + p)/2), p = {}", format::number(e.level, 2)),
            format!("t({df}, {q}) = {}", sig(t)),
        ));
    }
    if let Some(c) = a.annual_change {
        let first = a.first_year.unwrap_or_default();
        let latest = a.latest_year.unwrap_or_default();
        out.push(line(
            lang.pick("当前年均变化", "Current change a year"),
            format!("(ŷ({latest}) − ŷ({first})) / {}", latest - first),
            format::change_per_year(c, unit, lang),
        ));
    }
    if let (Scale::Log, Some(b)) = (a.scale, a.slope) {
        out.push(line(
            lang.pick("当前年均变化率", "Current rate a year"),
            "e^b − 1",
            format::rate_per_year(b.exp_m1(), lang),
        ));
    }

    if let (Some(b_req), Some(aim), Some(latest_year)) = (a.required_slope, e.aimed_at, a.latest_year) {
        let gl = e.g_latest.map(sig).unwrap_or_default();
        let ga = e.g_aim.map(sig).unwrap_or_default();
        let span = a.target.year - latest_year;
        out.push(line(
            lang.pick("所需斜率", "Required slope"),
            format!("b_req = (g({}) − g(yₙ)) / (T − tₙ) = ({ga} − {gl}) / {span}", v(aim)),
            sig(b_req),
        ));
    }
    if let Some(c) = a.required_annual_change {
        let (latest, aim) = (a.latest_value.unwrap_or(f64::NAN), e.aimed_at.unwrap_or(f64::NAN));
        let span = a.latest_year.map(|y| a.target.year - y).unwrap_or_default();
        out.push(line(
            lang.pick("所需年均变化", "Required change a year"),
            format!("({} − {}) / {span}", format::bare(aim, unit), format::bare(latest, unit)),
            format::change_per_year(c, unit, lang),
        ));
    }
    if let Some(r) = a.required_annual_rate {
        out.push(line(
            lang.pick("所需年均变化率", "Required rate a year"),
            "e^b_req − 1",
            format::rate_per_year(r, lang),
        ));
    }
    if let Some(r) = a.progress_ratio {
        out.push(line(lang.pick("进度比", "Progress ratio"), "R = b / b_req", format::number(r, 2)));
    }

    if let (Some(gt), Some(p)) = (e.g_projected_at_target, a.projection_at_target.as_ref()) {
        let projected = p.value.map(v).unwrap_or_else(|| "—".to_string());
        out.push(line(
            lang.pick("目标年预测", "Projection in the target year"),
            format!("ĝ({0}) = a + b·{0}; ŷ = g⁻¹(ĝ)", a.target.year),
            format!("ĝ = {}, ŷ = {projected}", sig(gt)),
        ));
    }
    if let Some(se) = e.se_at_target {
        out.push(line(
            lang.pick("预测标准误", "Standard error of prediction"),
            "se(T) = s·√(1 + 1/n + (T − t̄)²/Sxx)",
            sig(se),
        ));
    }
    if let Some(p) = a.projection_at_target.as_ref() {
        if let (Some(lo), Some(hi)) = (p.lower, p.upper) {
            let level = format::number(a.level * 100.0, 0);
            out.push(line(
                &format!("{level}%{}", lang.pick("预测区间", " prediction interval")),
                "g⁻¹(ĝ(T) ± t·se(T))",
                format!("{} – {}", v(lo), v(hi)),
            ));
        }
    }
    let cdf = match a.target.comparator.as_deref() {
        Some("ge" | "gt") => "P = 1 − F(q)",
        Some("approx" | "between") => "P = F(q_high) − F(q_low)",
        _ => "P = F(q)",
    };
    if let Some(p) = a.probability {
        let q = match (e.q, e.q_low, e.q_high) {
            (Some(q), _, _) => format!("q = {}", sig(q)),
            (None, Some(lo), Some(hi)) => format!("q_low = {}, q_high = {}", sig(lo), sig(hi)),
            _ => String::new(),
        };
        let df = e.df.map(|d| format!(", F = t({d})")).unwrap_or_default();
        out.push(line(
            lang.pick("达标概率", "Probability of meeting the target"),
            format!("q = (g(y*) − ĝ(T)) / se(T); {cdf}{df}"),
            {
                // "P < 1%" reads right; "P = < 1%" does not.
                let said = format::probability(p, lang);
                let eq = if said.starts_with(['<', '>']) { "" } else { "= " };
                format!("{q}; P {eq}{said}")
            },
        ));
    }

    if let Some(c) = &a.checkpoint {
        let position = |p: Option<crate::assess::PathPosition>| match p {
            Some(crate::assess::PathPosition::Ahead) => lang.pick("领先", "ahead"),
            Some(crate::assess::PathPosition::OnPath) => lang.pick("持平", "on the path"),
            Some(crate::assess::PathPosition::Behind) => lang.pick("落后", "behind"),
            None => "—",
        };
        out.push(line(
            lang.pick("规划进度线", "Glide path"),
            if c.base_meets_target {
                match lang {
                    Lang::Zh => format!("基期 {} ({}) 已达标，进度线即目标 {}", v(c.base_value), c.base_year, v(c.target_value)),
                    Lang::En => format!("the base {} ({}) already meets the target: the path is the target {}", v(c.base_value), c.base_year, v(c.target_value)),
                }
            } else {
                format!(
                    "{} ({}) → {} ({}), {}",
                    v(c.base_value),
                    c.base_year,
                    v(c.target_value),
                    c.target_year,
                    lang.pick("在模型尺度上为直线", "straight on the model scale")
                )
            },
            match (c.expected_at_latest, a.latest_year, a.latest_value) {
                (Some(x), Some(y), Some(latest)) => match lang {
                    Lang::Zh => format!("{y}年应为 {}，实际 {}（{}）", v(x), v(latest), position(c.position)),
                    Lang::En => format!("{} expected in {y}, actual {} ({})", v(x), v(latest), position(c.position)),
                },
                _ => String::new(),
            },
        ));
        if let (Some(done), Some(time)) = (c.share_done, c.share_time) {
            out.push(line(
                lang.pick("完成进度与时间进度", "Share done and share of time"),
                "(yₙ − y_base)/(y* − y_base), (tₙ − t_base)/(T − t_base)",
                format!("{} / {}", share(done), share(time)),
            ));
        }
        if let Some(path) = c.path_mid_term {
            let projected = c.projected_mid_term.map(v).unwrap_or_else(|| "—".to_string());
            out.push(line(
                &format!("{}{}", c.mid_term_year, lang.pick("年中期检查", " mid-term checkpoint")),
                lang.pick("进度线值 / 趋势预测", "path value / trend projection"),
                format!("{} / {projected} ({})", v(path), position(c.position_mid_term)),
            ));
        }
    }
    if let Some(vol) = &e.volatility {
        if let Some(ratio) = vol.ratio {
            out.push(line(
                lang.pick("波动程度", "Volatility"),
                "RMSE / mean|y|",
                format!("{} / {} = {}", format::bare(vol.rmse, unit), format::bare(vol.mean_abs, unit), share(ratio)),
            ));
        }
    }
    if let Some(d) = &e.directional {
        if let (Some(r), Some(th)) = (d.signed_rate, d.threshold) {
            let (r, th) = if d.measure == "points_per_year" {
                (format::change_per_year(r, Unit::Percent, lang), format::number(th, 2))
            } else {
                (format::rate_per_year(r, lang), share(th))
            };
            out.push(line(
                lang.pick("方向性判断", "Direction"),
                lang.pick(
                    "按目标方向取正负的年均变化，与阈值 ±",
                    "annual change signed by the wanted direction, against ±",
                )
                .to_string()
                    + &th,
                r,
            ));
        }
        if let (Some(early), Some(late)) = (d.earlier_slope, d.later_slope) {
            out.push(line(
                lang.pick("前后两半斜率（原单位）", "Slopes of the two halves (own unit)"),
                format!("⌈n/2⌉ = {}", d.half_size.unwrap_or_default()),
                format!("{} → {}", format::change_per_year(early, unit, lang), format::change_per_year(late, unit, lang)),
            ));
        }
    }
    out
}

/// The unit the what-if control speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaceUnit {
    /// The indicator's unit a year ([`WhatIfChange::UnitsPerYear`]).
    UnitsPerYear,
    /// Percent a year ([`WhatIfChange::PercentPerYear`]), on the log scale.
    PercentPerYear,
}

/// The what-if control's range: where the slider runs, and the current and
/// required paces it is built around, in the control's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceRange {
    pub unit: PaceUnit,
    pub current: Option<f64>,
    pub required: Option<f64>,
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

impl PaceRange {
    /// The change a control value stands for.
    pub fn change(&self, value: f64) -> WhatIfChange {
        match self.unit {
            PaceUnit::UnitsPerYear => WhatIfChange::UnitsPerYear(value),
            PaceUnit::PercentPerYear => WhatIfChange::PercentPerYear(value),
        }
    }
}

/// The smallest 1, 2 or 5 × 10^k at least `x` (`x` > 0).
fn nice_up(x: f64) -> f64 {
    let magnitude = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

/// The largest 1, 2 or 5 × 10^k at most `x` (`x` > 0).
fn nice_down(x: f64) -> f64 {
    let magnitude = 10f64.powf(x.log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|m| m * magnitude).find(|&s| s <= x * (1.0 + 1e-12)).unwrap_or(magnitude)
}

/// The range of the what-if control: percent a year on the log scale, else
/// units a year (a stored scenario keeps the unit it was made in). The slider
/// runs symmetric around zero, to three times the larger of the current and
/// required paces (at least a unit-appropriate minimum: 1% a year, or 1% of
/// the latest value a year), rounded to a round number, in about 100 steps;
/// it always reaches the stored scenario's value.
///
/// ```
/// use gapcast_core::explain::{pace_range, PaceUnit};
/// # use gapcast_core::assess::{assess, Settings};
/// # use gapcast_core::catalog::builtin;
/// # use gapcast_core::series::Point;
/// # let catalog = builtin();
/// # let mmr = catalog.get("W-HEALTH-02").unwrap();
/// # let pts: Vec<Point> = [(2022, 15.7), (2023, 15.1), (2024, 14.3)].iter().map(|&(year, value)| Point { year, value, note: None }).collect();
/// # let a = assess(mmr, &pts, &Settings::new(2025));
/// let r = pace_range(&a, None);
/// assert_eq!(r.unit, PaceUnit::PercentPerYear);
/// assert!(r.min < r.required.unwrap() && r.required.unwrap() < 0.0);
/// ```
#[inline(never)]
pub fn pace_range(a: &Assessment, stored: Option<WhatIfChange>) -> PaceRange {
    let unit = match stored {
        Some(WhatIfChange::UnitsPerYear(_)) => PaceUnit::UnitsPerYear,
        Some(WhatIfChange::PercentPerYear(_)) => PaceUnit::PercentPerYear,
        _ if a.scale == Scale::Log => PaceUnit::PercentPerYear,
        _ => PaceUnit::UnitsPerYear,
    };
    let finite = |x: f64| x.is_finite().then_some(x);
    let (current, required, floor) = match unit {
        PaceUnit::PercentPerYear => {
            let current = a.slope.and_then(|b| finite(b.exp_m1() * 100.0));
            let required = a
                .required_annual_rate
                .map(|r| r * 100.0)
                .or_else(|| match (a.required_annual_change, a.latest_value) {
                    (Some(c), Some(y)) if y != 0.0 => Some(c / y * 100.0),
                    _ => None,
                })
                .and_then(finite);
            (current, required, 1.0)
        }
        PaceUnit::UnitsPerYear => {
            let resolution = 10f64.powi(-(a.unit.decimals() as i32));
            let floor = a.latest_value.map(|y| (y.abs() * 0.01).max(resolution)).unwrap_or(resolution);
            (a.annual_change.and_then(finite), a.required_annual_change.and_then(finite), floor)
        }
    };
    let stored_value = match stored {
        Some(WhatIfChange::UnitsPerYear(x) | WhatIfChange::PercentPerYear(x)) => finite(x),
        _ => None,
    };
    let largest = [current, required].into_iter().flatten().map(f64::abs).fold(floor, f64::max);
    let mut limit = nice_up(3.0 * largest);
    if let Some(x) = stored_value {
        limit = limit.max(nice_up(x.abs()));
    }
    let step = nice_down(limit / 100.0);
    PaceRange { unit, current, required, min: -limit, max: limit, step }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{assess, what_if, Settings};
    use crate::catalog::*;
    use crate::series::Point;

    fn indicator(unit: Unit, goal: Goal, milestones: Vec<Milestone>) -> Indicator {
        Indicator {
            id: "T-1".into(),
            key: None,
            plan: Plan::Women,
            domain: "妇女与健康".into(),
            name_zh: "测试".into(),
            name_en: "Test".into(),
            aliases: vec![],
            unit,
            bounds: unit.default_bounds(),
            target: Target { goal, year: 2030 },
            milestones,
            scale: None,
            source: String::new(),
            wording_zh: None,
            notes_zh: None,
            notes_en: None,
            proxy_for: None,
        }
    }

    fn pts(values: &[(i32, f64)]) -> Vec<Point> {
        values.iter().map(|&(year, value)| Point { year, value, note: None }).collect()
    }

    fn le(value: f64) -> Goal {
        Goal::Compare { comparator: Comparator::Le, value, tolerance: None }
    }

    fn ge(value: f64) -> Goal {
        Goal::Compare { comparator: Comparator::Ge, value, tolerance: None }
    }

    /// One helper: the reading of `points` against `ind`, in both languages.
    fn check(ind: &Indicator, points: &[(i32, f64)], zh: &str, en: &str) {
        let a = assess(ind, &pts(points), &Settings::new(2026));
        assert_eq!(reading(ind, &a, Lang::Zh), zh);
        assert_eq!(reading(ind, &a, Lang::En), en);
    }

    const MMR: &[(i32, f64)] = &[
        (2015, 20.1),
        (2016, 19.9),
        (2017, 19.6),
        (2018, 18.3),
        (2019, 17.8),
        (2020, 16.9),
        (2021, 16.1),
        (2022, 15.7),
        (2023, 15.1),
        (2024, 14.3),
    ];

    #[test]
    fn numeric_targets_read_with_projection_interval_probability_and_pace() {
        let mmr = indicator(Unit::Per100kLiveBirths, le(7.5), vec![]);
        check(
            &mmr,
            MMR,
            "按当前趋势，2030年预计为 11.4/10万（80%区间 11.0–11.8），达标概率 < 1%；需要年均 −10.2%/年，目前为 −3.9%/年。",
            "At the current trend, 2030 is projected at 11.4 per 100,000 live births (80% interval 11.0–11.8), probability of meeting the target < 1%; needed −10.2% a year, current −3.9% a year.",
        );
        // A noisy rising percentage: a probability in the middle, said as "约".
        let screening = indicator(Unit::Percent, ge(70.0), vec![]);
        check(
            &screening,
            &[(2020, 55.0), (2021, 60.0), (2022, 58.0), (2023, 63.0), (2024, 62.0)],
            "按当前趋势，2030年预计为 72.2%（80%区间 64.0–79.1），达标概率约 66%；需要年均 +1.33 个百分点/年，目前为 +1.69 个百分点/年。",
            "At the current trend, 2030 is projected at 72.2% (80% interval 64.0–79.1), probability of meeting the target about 66%; needed +1.33 points a year, current +1.69 points a year.",
        );
        check(
            &screening,
            &[(2023, 52.0), (2024, 55.0)],
            "按两个数据点的趋势（点数太少，无法给出区间），2030年预计为 71.6%；需要年均 +2.50 个百分点/年，目前为 +3.00 个百分点/年。",
            "At the trend through two figures (too few for an interval), 2030 is projected at 71.6%; needed +2.50 points a year, current +3.00 points a year.",
        );
    }

    #[test]
    fn no_data_one_point_achieved_and_passed_say_so() {
        let mmr = indicator(Unit::Per100kLiveBirths, le(7.5), vec![]);
        check(
            &mmr,
            &[],
            "暂无数据；目标为 ≤ 7.5/10万（2030）。",
            "No figures yet; the target is ≤ 7.5 per 100,000 live births (2030).",
        );
        let places = indicator(Unit::Per1000Population, ge(6.0), vec![]);
        check(
            &places,
            &[(2024, 4.08)],
            "仅有2024年一个数据（4.08/千人），无法估计趋势；要达到目标 ≥ 6.00/千人（2030）；需要年均 +0.320/千人/年。",
            "Only one figure (4.08 per 1,000 population in 2024), so no trend can be estimated; for the target ≥ 6.00 per 1,000 population (2030); needed +0.320 per 1,000 population a year.",
        );
        check(
            &mmr,
            &[(2022, 7.4), (2023, 7.2), (2024, 7.0)],
            "2024年为 7.0/10万，已实现目标 ≤ 7.5/10万（2030）；按当前趋势，2030年预计为 5.9/10万（80%区间 5.9–6.0）。",
            "7.0 per 100,000 live births in 2024: the target ≤ 7.5 per 100,000 live births (2030) is met; at the current trend 2030 is projected at 5.9 per 100,000 live births (80% interval 5.9–6.0).",
        );
        // Met now but rising: at risk.
        check(
            &mmr,
            &[(2022, 6.0), (2023, 6.5), (2024, 7.0)],
            "2024年为 7.0/10万，已实现目标 ≤ 7.5/10万（2030）；但按当前趋势，2030年预计为 11.1/10万（80%区间 10.7–11.6），届时可能不达标。",
            "7.0 per 100,000 live births in 2024: the target ≤ 7.5 per 100,000 live births (2030) is met, but at the current trend 2030 is projected at 11.1 per 100,000 live births (80% interval 10.7–11.6) and may miss it then.",
        );
        check(
            &mmr,
            &[(2029, 8.0), (2030, 7.9), (2031, 7.0)],
            "目标年已到：2030年为 7.9/10万，未实现目标 ≤ 7.5/10万（2030）。",
            "The target year has come: 7.9 per 100,000 live births in 2030, so the target ≤ 7.5 per 100,000 live births (2030) was missed.",
        );
        check(&mmr, &[(2024, -1.0)], "2024年的数据无法使用（重复、非数字或超出取值范围），未作评估；请检查数据。", "The figure for 2024 cannot be used (a repeat, not a number, or out of range), so nothing was assessed; please check the figures.");
    }

    #[test]
    fn directional_targets_read_their_direction() {
        let up = indicator(Unit::Percent, Goal::Direction { direction: Direction::Increase, level: None }, vec![]);
        check(
            &up,
            &[(2021, 40.3), (2022, 40.5), (2024, 41.7)],
            "目标为 逐步提高（2030）：拟合趋势年均变化 +0.49 个百分点/年，判断为“略有进展”；按当前趋势，2030年预计为 44.6%（80%区间 42.1–47.1）。",
            "The target is increase (2030): the fitted trend changes +0.49 points a year, judged “Moderate progress”; at the current trend 2030 is projected at 44.6% (80% interval 42.1–47.1).",
        );
        check(
            &up,
            &[(2024, 41.7)],
            "目标为 逐步提高（2030）；目前只有 1 个数据点，暂不判断趋势。",
            "The target is increase (2030); with 1 figure(s) the trend is not judged yet.",
        );
        let other = indicator(Unit::Percent, Goal::Direction { direction: Direction::Other, level: None }, vec![]);
        check(
            &other,
            &[(2023, 10.0), (2024, 11.0)],
            "定性目标，不作评估；图中趋势仅供参考。",
            "A qualitative target, not judged; the trend is shown for reference.",
        );
    }

    #[test]
    fn what_if_reads_values_met_and_milestones() {
        let places = indicator(
            Unit::Per1000Population,
            ge(6.0),
            vec![Milestone { year: 2025, comparator: Comparator::Ge, value: 4.5 }],
        );
        let check_w = |change, zh: &str, en: &str| {
            let w = what_if(&places, &pts(&[(2024, 4.08)]), &Settings::new(2025), change);
            assert_eq!(what_if_reading(&places, &w, Lang::Zh), zh);
            assert_eq!(what_if_reading(&places, &w, Lang::En), en);
        };
        check_w(
            WhatIfChange::UnitsPerYear(0.2),
            "若从2024年的 4.08/千人 起每年 +0.200/千人/年，2025年为 4.28/千人，2030年为 5.28/千人，未达到目标 ≥ 6.00/千人（2030）；2025年阶段目标未达到。",
            "From 4.08 per 1,000 population in 2024, at +0.200 per 1,000 population a year, 2025 would be 4.28 per 1,000 population, 2030 would be 5.28 per 1,000 population, missing the target ≥ 6.00 per 1,000 population (2030); the 2025 milestone is missed.",
        );
        check_w(
            WhatIfChange::RequiredPace,
            "若从2024年的 4.08/千人 起按所需速度（+0.320/千人/年），2025年为 4.40/千人，2030年为 6.00/千人，达到目标 ≥ 6.00/千人（2030）；2025年阶段目标未达到。",
            "From 4.08 per 1,000 population in 2024, at the required pace (+0.320 per 1,000 population a year), 2025 would be 4.40 per 1,000 population, 2030 would be 6.00 per 1,000 population, meeting the target ≥ 6.00 per 1,000 population (2030); the 2025 milestone is missed.",
        );
        let w = what_if(&places, &[], &Settings::new(2025), WhatIfChange::UnitsPerYear(1.0));
        assert_eq!(what_if_reading(&places, &w, Lang::En), "No figures to start a scenario from.");
        let screening = indicator(Unit::Percent, ge(70.0), vec![]);
        let w = what_if(&screening, &pts(&[(2024, 95.0)]), &Settings::new(2025), WhatIfChange::PercentPerYear(3.0));
        assert!(
            what_if_reading(&screening, &w, Lang::Zh).ends_with("达到目标 ≥ 70.0%（2030）（路径在取值边界处截止）。")
        );
    }

    #[test]
    fn method_lines_carry_the_numbers_to_redo_by_hand() {
        let mmr = indicator(Unit::Per100kLiveBirths, le(7.5), vec![]);
        let a = assess(&mmr, &pts(MMR), &Settings::new(2026));
        let lines = method_lines(&a, Lang::En);
        let find = |label: &str| {
            lines
                .iter()
                .find(|l| l.label == label)
                .map(|l| l.value.clone())
                .unwrap_or_else(|| panic!("no line {label}: {lines:#?}"))
        };
        assert_eq!(find("Model scale"), "log scale (the unit's default)");
        assert_eq!(find("Points"), "n = 10 (2015–2024)");
        assert_eq!(find("Ordinary least squares"), "a = 82.92, b = -0.03965");
        assert_eq!(find("t quantile"), "t(8, 0.900) = 1.397");
        assert_eq!(find("Required slope"), "-0.1076");
        assert_eq!(find("Progress ratio"), "0.37");
        assert_eq!(find("Probability of meeting the target"), format!("q = {}; P < 1%", sig(a.explain.q.unwrap())));
        assert_eq!(
            find("Glide path"),
            "12.2 per 100,000 live births expected in 2024, actual 14.3 per 100,000 live births (behind)"
        );
        assert_eq!(find("Share done and share of time"), "27.7% / 40.0%");
        // Without data, only what applies.
        let empty = assess(&mmr, &[], &Settings::new(2026));
        let labels: Vec<String> = method_lines(&empty, Lang::Zh).into_iter().map(|l| l.label).collect();
        assert_eq!(labels, vec!["模型尺度", "数据点"]);
    }

    #[test]
    fn pace_ranges_surround_current_and_required() {
        let check_r =
            |ind: &Indicator, points: &[(i32, f64)], stored: Option<WhatIfChange>, expected: (PaceUnit, f64, f64)| {
                let a = assess(ind, &pts(points), &Settings::new(2026));
                let r = pace_range(&a, stored);
                assert_eq!((r.unit, r.max, r.step), expected, "{r:?}");
                assert_eq!(r.min, -r.max);
            };
        let mmr = indicator(Unit::Per100kLiveBirths, le(7.5), vec![]);
        // Required −10.2% a year: 3 × 10.2 = 30.6 → 50, steps of 0.5.
        check_r(&mmr, MMR, None, (PaceUnit::PercentPerYear, 50.0, 0.5));
        check_r(&mmr, MMR, Some(WhatIfChange::UnitsPerYear(-0.5)), (PaceUnit::UnitsPerYear, 5.0, 0.05));
        // A stored value beyond the range widens it.
        check_r(&mmr, MMR, Some(WhatIfChange::PercentPerYear(-80.0)), (PaceUnit::PercentPerYear, 100.0, 1.0));
        let screening = indicator(Unit::Percent, ge(70.0), vec![]);
        check_r(&screening, &[(2023, 52.0), (2024, 55.0)], None, (PaceUnit::UnitsPerYear, 10.0, 0.1));
        // No data: the minimum, 1% of nothing is the unit's resolution 0.1.
        check_r(&screening, &[], None, (PaceUnit::UnitsPerYear, 0.5, 0.005));
        let r = pace_range(&assess(&screening, &[], &Settings::new(2026)), None);
        assert_eq!(r.change(1.5), WhatIfChange::UnitsPerYear(1.5));
    }

    #[test]
    fn sig_keeps_four_digits() {
        for (v, s) in [
            (0.0, "0"),
            (1.0, "1.000"),
            (-0.10755941, "-0.1076"),
            (0.000012345, "0.000012"),
            (12345.6, "12346"),
            (f64::NAN, "—"),
        ] {
            assert_eq!(sig(v), s, "{v}");
        }
    }
}
