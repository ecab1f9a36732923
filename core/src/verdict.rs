//! The verdict in one plain sentence: what the target is and how it is judged
//! (the band of an "about" target, the effective target of one on a bound),
//! where the latest value stands (还差 / 已超, with its unit), where the trend
//! leads by the target year, and what that means. The table's status tooltip,
//! the detail view, the CSV export and the report all say this same sentence,
//! so a committee member reads the same words wherever they look.
//!
//! ```text
//! ≈ 50.0%：按 48.0%–52.0% 判断；2024年 51.2%，在范围内；按趋势 2030年约 55.8%，将超出范围。
//! ```
//!
//! It decides which words to say, never how a number looks ([`crate::format`]),
//! and computes nothing the engine did not (the projection's side of the
//! target is read with the engine's own [`Rule`]).

use crate::assess::{Assessment, Rule, Status};
use crate::catalog::{Goal, Indicator};
use crate::format::{self, Lang};

/// The plain-language verdict of `a`, one sentence in `lang`.
///
/// ```
/// use gapcast_core::assess::{assess, Settings};
/// use gapcast_core::catalog::builtin;
/// use gapcast_core::format::Lang;
/// use gapcast_core::series::Point;
/// use gapcast_core::verdict::verdict;
/// let catalog = builtin();
/// let mmr = catalog.get("W-HEALTH-02").unwrap();
/// let points = [Point::new(2023, 15.1), Point::new(2024, 14.3)];
/// let a = assess(mmr, &points, &Settings::new(2025));
/// assert!(verdict(mmr, &a, Lang::Zh).starts_with("≤ 7.5/10万（2030）：2024年 14.3/10万，还差 6.8/10万；"));
/// ```
#[inline(never)]
pub fn verdict(indicator: &Indicator, a: &Assessment, lang: Lang) -> String {
    let (target, how) = target_phrase(indicator, a, lang);
    let mut parts: Vec<String> = how.into_iter().collect();
    let v = |x: f64| format::value(x, a.unit, lang);
    let reason = a.reason.as_deref().unwrap_or("");

    let (Some(year), Some(latest)) = (a.latest_year, a.latest_value) else {
        parts.push(match reason {
            r if r.starts_with("invalid_value:") => {
                lang.pick("数据无法使用，请检查", "the figures cannot be used; please check them").to_string()
            }
            _ => lang.pick("暂无数据", "no figures yet").to_string(),
        });
        return finish(&target, parts, lang);
    };
    if let Some(slip) = reason.strip_prefix("implausible:") {
        parts.push(match lang {
            Lang::Zh => format!("{slip}年的数值很可能单位有误，核对前不作判断"),
            Lang::En => format!("the {slip} value looks like a unit slip; not judged until it is checked"),
        });
        return finish(&target, parts, lang);
    }
    let Some(rule) = a.rule else {
        return directional(&target, a, parts, lang);
    };

    if reason == "target_year_passed" {
        let met = a.status == Status::Achieved;
        parts.push(match lang {
            Lang::Zh => format!("目标年已到：{year}年 {}，{}", v(latest), if met { "已实现" } else { "未实现" }),
            Lang::En => format!("the target year has come: {} in {year}, {}", v(latest), if met { "met" } else { "missed" }),
        });
        return finish(&target, parts, lang);
    }

    // Where the latest value stands.
    let standing = match (rule, a.gap) {
        (Rule::Band { .. }, Some(g)) if g <= 0.0 => lang.pick("在范围内", "inside the band").to_string(),
        (_, Some(g)) => format::gap(g, a.unit, lang),
        (_, None) => String::new(),
    };
    parts.push(match lang {
        Lang::Zh => format!("{year}年 {}，{standing}", v(latest)),
        Lang::En => format!("{} in {year}, {standing}", v(latest)),
    });

    // Where the trend leads, and what it means.
    if let Some(p) = a.projection_at_target.as_ref().and_then(|p| p.value) {
        let target_year = a.target.year;
        let leads = match (rule, rule.meets(p)) {
            (Rule::Band { low, .. }, false) if latest >= low && p < low => {
                lang.pick("将跌出范围", "leaving the band")
            }
            (Rule::Band { high, .. }, false) if latest <= high && p > high => {
                lang.pick("将超出范围", "beyond the band")
            }
            (Rule::Band { .. }, false) => lang.pick("仍在范围外", "still outside the band"),
            (Rule::Band { .. }, true) => lang.pick("在范围内", "inside the band"),
            (_, true) => lang.pick("可达标", "meeting the target"),
            (_, false) => lang.pick("不达标", "missing the target"),
        };
        parts.push(match lang {
            Lang::Zh => format!("按趋势 {target_year}年约 {}，{leads}", v(p)),
            Lang::En => format!("the trend leads to about {} in {target_year}, {leads}", v(p)),
        });
    } else if a.n_points == 1 {
        parts.push(lang.pick("只有一个数据点，无法判断趋势", "one figure only, no trend yet").to_string());
    }

    // What still needs doing, when it is not met yet.
    if !matches!(a.status, Status::Achieved | Status::Met) {
        if let Some(needed) = a.required_annual_change {
            let needed = format::change_per_year(needed, a.unit, lang);
            parts.push(match (a.annual_change, lang) {
                (Some(c), Lang::Zh) => {
                    format!("需要年均 {needed}，目前 {}", format::change_per_year(c, a.unit, lang))
                }
                (Some(c), Lang::En) => {
                    format!("needs {needed}, currently {}", format::change_per_year(c, a.unit, lang))
                }
                (None, Lang::Zh) => format!("需要年均 {needed}"),
                (None, Lang::En) => format!("needs {needed}"),
            });
        }
    }
    if a.status_severity < a.status.severity() {
        parts.push(
            lang.pick(
                "离范围不到一个容差，按黄色提示而非红色",
                "within one tolerance of the band, so amber rather than red",
            )
            .to_string(),
        );
    }
    finish(&target, parts, lang)
}

/// The target, and how it is judged where that is not the target itself:
/// `按 48.0%–52.0% 判断` for an "about" target, `达到 99.95% 即视为实现` for one
/// on a bound.
fn target_phrase(indicator: &Indicator, a: &Assessment, lang: Lang) -> (String, Option<String>) {
    let target = format::target(&indicator.target, a.unit, lang);
    let digits = a.unit.decimals() + 1;
    let how = match (&indicator.target.goal, a.rule, a.target.effective_value) {
        (_, _, Some(e)) => {
            let e = format!("{}{}", format::number(e, digits), lang.pick(a.unit.symbol_zh(), a.unit.symbol_en()));
            match lang {
                Lang::Zh => format!("达到 {e} 即视为实现"),
                Lang::En => format!("met from {e}"),
            }
        }
        (Goal::Approx { .. }, Some(Rule::Band { low, high, .. }), _) => {
            let (lo, hi) = (format::value(low, a.unit, lang), format::value(high, a.unit, lang));
            match lang {
                Lang::Zh => format!("按 {lo}–{hi} 判断"),
                Lang::En => format!("judged as {lo}–{hi}"),
            }
        }
        _ => return (target, None),
    };
    (target, Some(how))
}

/// The sentence of a target without a number.
fn directional(target: &str, a: &Assessment, mut parts: Vec<String>, lang: Lang) -> String {
    let status = lang.pick(a.status.label_zh(), a.status.label_en());
    let d = a.explain.directional.as_ref();
    let rate = d.and_then(|d| match d.measure.as_str() {
        "points_per_year" => d.rate.map(|r| format::change_per_year(r, crate::catalog::Unit::Percent, lang)),
        "half_slopes" => None,
        _ => d.rate.map(|r| format::rate_per_year(r, lang)),
    });
    let halves = d.and_then(|d| Some((d.earlier_slope?, d.later_slope?)));
    parts.push(match (a.status, rate, halves, lang) {
        (Status::NotAssessed, ..) => lang.pick("不作评估", "not judged").to_string(),
        (Status::InsufficientData, ..) => lang.pick("数据点太少，暂不判断", "too few figures to judge").to_string(),
        (_, Some(r), _, Lang::Zh) => format!("拟合趋势年均 {r}，{status}"),
        (_, Some(r), _, Lang::En) => format!("the fitted trend changes {r}, {status}"),
        (_, None, Some((e, l)), Lang::Zh) => format!(
            "前半段年均 {}，后半段 {}，{status}",
            format::change_per_year(e, a.unit, lang),
            format::change_per_year(l, a.unit, lang)
        ),
        (_, None, Some((e, l)), Lang::En) => format!(
            "the earlier half rose {}, the later {}, {status}",
            format::change_per_year(e, a.unit, lang),
            format::change_per_year(l, a.unit, lang)
        ),
        (_, None, None, _) => status.to_string(),
    });
    finish(target, parts, lang)
}

/// `target：part；part。`
fn finish(target: &str, parts: Vec<String>, lang: Lang) -> String {
    format!("{target}{}{}{}", lang.pick("：", ": "), parts.join(lang.pick("；", "; ")), lang.pick("。", "."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::tests::indicator;
    use crate::assess::{assess, Settings};
    use crate::catalog::{Comparator, Unit};
    use crate::series::Point;

    /// One helper: the sentence in both languages for a series from 2021 on.
    fn check(unit: Unit, goal: Goal, values: &[f64], zh: &str, en: &str) {
        let ind = indicator(unit, goal);
        let points: Vec<Point> =
            values.iter().enumerate().map(|(i, &value)| Point::new(2021 + i as i32, value)).collect();
        let a = assess(&ind, &points, &Settings::new(2025));
        assert_eq!(verdict(&ind, &a, Lang::Zh), zh);
        assert_eq!(verdict(&ind, &a, Lang::En), en);
    }

    #[test]
    fn verdicts_say_the_band_the_effective_target_and_the_gap() {
        use Comparator::*;
        // W-DECISION-22, "about 50%": inside 48–52, the trend leaves the band.
        check(
            Unit::Percent,
            Goal::Approx { value: 50.0, tolerance: None },
            &[49.0, 49.8, 50.5, 51.2],
            "≈ 50.0%（2030）：按 48.0%–52.0% 判断；2024年 51.2%，在范围内；按趋势 2030年约 55.6%，将超出范围。",
            "≈ 50.0% (2030): judged as 48.0%–52.0%; 51.2% in 2024, inside the band; the trend leads to about 55.6% in 2030, beyond the band.",
        );
        // C-HEALTH-10, vaccination ≥ 100%: met from 99.95, so 99.95 is achieved.
        check(
            Unit::Percent,
            Goal::Compare { comparator: Ge, value: 100.0, tolerance: None },
            &[99.5, 99.7, 99.85, 99.95],
            "≥ 100.0%（2030）：达到 99.95% 即视为实现；2024年 100.0%，已达到；按趋势 2030年约 100.0%，可达标。",
            "≥ 100.0% (2030): met from 99.95%; 100.0% in 2024, met; the trend leads to about 100.0% in 2030, meeting the target.",
        );
        // An ordinary ≤ target not met: still to go, with the pace.
        check(
            Unit::Per100kLiveBirths,
            Goal::Compare { comparator: Le, value: 7.5, tolerance: None },
            &[15.1, 14.3],
            "≤ 7.5/10万（2030）：2022年 14.3/10万，还差 6.8/10万；按趋势 2030年约 9.3/10万，不达标；需要年均 −0.85/10万/年，目前 −0.80/10万/年。",
            "≤ 7.5 per 100,000 live births (2030): 14.3 per 100,000 live births in 2022, 6.8 per 100,000 live births to go; the trend leads to about 9.3 per 100,000 live births in 2030, missing the target; needs −0.85 per 100,000 live births a year, currently −0.80 per 100,000 live births a year.",
        );
    }
}
