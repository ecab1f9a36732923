//! How numbers read on screen and in exports: values in their unit as the plans
//! write them (`7.5/10万`, `70.0%`, `1:1.5`), targets (`≤ 7.5/10万（2030）`), and
//! annual changes (`+0.4 个百分点/年`). Pure, so the page, the report and the tests
//! agree to the character.

use crate::assess::WarningKind;
use crate::catalog::{Direction, Goal, Target, Unit};
use serde::{Deserialize, Serialize};

/// The language text is produced in. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The value of an HTML `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A number with `decimals` decimals, `-0.0` shown as `0.0`, and `—` for a
/// value that is not finite (never `NaN` on screen).
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let s = format!("{value:.decimals$}");
    if s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// A value in its unit, as the plans write it.
///
/// ```
/// use gapcast_core::{catalog::Unit, format::{value, Lang}};
/// assert_eq!(value(7.5, Unit::Per100kLiveBirths, Lang::Zh), "7.5/10万");
/// assert_eq!(value(70.0, Unit::Percent, Lang::En), "70.0%");
/// assert_eq!(value(1.5, Unit::Ratio, Lang::Zh), "1:1.5");
/// ```
pub fn value(v: f64, unit: Unit, lang: Lang) -> String {
    let n = number(v, unit.decimals());
    if !v.is_finite() {
        return n;
    }
    match unit {
        Unit::Ratio => format!("1:{}", number(v, 2).trim_end_matches('0').trim_end_matches('.')),
        _ => format!("{n}{}", lang.pick(unit.symbol_zh(), unit.symbol_en())),
    }
}

/// A value without its unit, with the unit's decimals (for table cells whose
/// column names the unit).
pub fn bare(v: f64, unit: Unit) -> String {
    number(v, unit.decimals())
}

/// A change per year in the unit's terms: percentage points for percentages.
///
/// ```
/// use gapcast_core::{catalog::Unit, format::{change_per_year, Lang}};
/// assert_eq!(change_per_year(0.42, Unit::Percent, Lang::Zh), "+0.42 个百分点/年");
/// assert_eq!(change_per_year(-0.3, Unit::Per100kLiveBirths, Lang::En), "−0.30 per 100,000 live births a year");
/// ```
pub fn change_per_year(v: f64, unit: Unit, lang: Lang) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let decimals = unit.decimals() + 1;
    let magnitude = number(v.abs(), decimals);
    let sign = if magnitude.chars().all(|c| c == '0' || c == '.') {
        "±"
    } else if v > 0.0 {
        "+"
    } else {
        "−"
    };
    let what = match (unit, lang) {
        (Unit::Percent, Lang::Zh) => " 个百分点/年".to_string(),
        (Unit::Percent, Lang::En) => " points a year".to_string(),
        (Unit::Ratio, Lang::Zh) => "/年".to_string(),
        (Unit::Ratio, Lang::En) => " a year".to_string(),
        (_, Lang::Zh) => format!("{}/年", unit.symbol_zh()),
        (_, Lang::En) => format!("{} a year", unit.symbol_en()),
    };
    format!("{sign}{magnitude}{what}")
}

/// A distance in the unit, for gaps: percentage points for percentages
/// (`15.0 个百分点`), the unit's symbol otherwise (`6.8/10万`). A distance that
/// would round to zero gets up to three more decimals, so a small shortfall
/// never reads "0.0".
pub fn distance(v: f64, unit: Unit, lang: Lang) -> String {
    let v = v.abs();
    let decimals = (unit.decimals()..=unit.decimals() + 3)
        .find(|&d| !number(v, d).chars().all(|c| c == '0' || c == '.'))
        .unwrap_or(unit.decimals());
    let n = number(v, decimals);
    match (unit, lang) {
        (Unit::Percent, Lang::Zh) => format!("{n} 个百分点"),
        (Unit::Percent, Lang::En) => format!("{n} points"),
        (Unit::Ratio, _) => n,
        (_, Lang::Zh) => format!("{n}{}", unit.symbol_zh()),
        (_, Lang::En) => format!("{n}{}", unit.symbol_en()),
    }
}

/// The gap in words, never a bare signed number: `还差 6.8/10万` while the
/// target is not met, `已超 0.4 个百分点` when met by that much, `已达到` when
/// exactly met (or inside a band).
///
/// ```
/// use gapcast_core::{catalog::Unit, format::{gap, Lang}};
/// assert_eq!(gap(6.8, Unit::Per100kLiveBirths, Lang::Zh), "还差 6.8/10万");
/// assert_eq!(gap(-4.9, Unit::Percent, Lang::Zh), "已超 4.9 个百分点");
/// assert_eq!(gap(15.0, Unit::Percent, Lang::En), "15.0 points to go");
/// ```
pub fn gap(g: f64, unit: Unit, lang: Lang) -> String {
    if !g.is_finite() {
        return "—".to_string();
    }
    let d = distance(g, unit, lang);
    let rounds_to_zero = number(g.abs(), unit.decimals() + 3).chars().all(|c| c == '0' || c == '.');
    match (g > 0.0, rounds_to_zero, lang) {
        (true, _, Lang::Zh) => format!("还差 {d}"),
        (true, _, Lang::En) => format!("{d} to go"),
        (false, true, Lang::Zh) => "已达到".to_string(),
        (false, true, Lang::En) => "met".to_string(),
        (false, false, Lang::Zh) => format!("已超 {d}"),
        (false, false, Lang::En) => format!("{d} beyond"),
    }
}

/// A relative rate a year, e.g. `−4.2%/年`.
pub fn rate_per_year(rate: f64, lang: Lang) -> String {
    if !rate.is_finite() {
        return "—".to_string();
    }
    let pct = number(rate.abs() * 100.0, 1);
    let sign = if pct == "0.0" {
        "±"
    } else if rate > 0.0 {
        "+"
    } else {
        "−"
    };
    format!("{sign}{pct}%{}", lang.pick("/年", " a year"))
}

/// The direction's name for people.
pub fn direction(d: Direction, lang: Lang) -> &'static str {
    match d {
        Direction::Increase => lang.pick("逐步提高", "increase"),
        Direction::Decrease => lang.pick("逐步降低", "decrease"),
        Direction::SlowIncrease => lang.pick("上升趋势减缓", "slower rise"),
        Direction::Maintain => lang.pick("保持", "maintain"),
        Direction::Other => lang.pick("定性目标", "qualitative"),
    }
}

/// A domain's name in `lang`. The plans name their domains in Chinese only;
/// these are the English names for the two plans' fifteen domains. A domain of
/// another catalog keeps its own name.
pub fn domain(name: &str, lang: Lang) -> &str {
    if lang == Lang::Zh {
        return name;
    }
    match name {
        "妇女与健康" => "Women and health",
        "妇女与教育" => "Women and education",
        "妇女与经济" => "Women and the economy",
        "妇女参与决策和管理" => "Women in decision-making and management",
        "妇女与社会保障" => "Women and social security",
        "妇女与家庭建设" => "Women and family",
        "妇女与环境" => "Women and the environment",
        "妇女与法律" => "Women and the law",
        "儿童与健康" => "Children and health",
        "儿童与安全" => "Children and safety",
        "儿童与教育" => "Children and education",
        "儿童与福利" => "Children and welfare",
        "儿童与家庭" => "Children and family",
        "儿童与环境" => "Children and the environment",
        "儿童与法律保护" => "Children and legal protection",
        other => other,
    }
}

/// A warning kind's short name, as the table and the report show it.
pub fn warning_label(kind: WarningKind, lang: Lang) -> &'static str {
    match kind {
        WarningKind::Volatile => lang.pick("波动较大", "volatile"),
        WarningKind::Outlier => lang.pick("疑似异常值", "outlier"),
        WarningKind::AtRisk => lang.pick("达标有风险", "at risk"),
        WarningKind::MilestoneMissed => lang.pick("阶段目标未达", "milestone missed"),
        WarningKind::Clamped => lang.pick("边界值调整", "clamped"),
        WarningKind::ScaleFallback => lang.pick("改用线性尺度", "scale fallback"),
        WarningKind::UnitSuspect => lang.pick("单位存疑", "unit suspect"),
        WarningKind::Implausible => lang.pick("数值存疑", "implausible value"),
        WarningKind::Stale => lang.pick("数据过旧", "stale"),
        WarningKind::InvalidValue => lang.pick("数据无效", "invalid value"),
    }
}

/// A target as one short phrase, e.g. `≤ 7.5/10万（2030）` or `≥ 70.0% (2030)`.
pub fn target(t: &Target, unit: Unit, lang: Lang) -> String {
    let v = |x: f64| value(x, unit, lang);
    let goal = match &t.goal {
        Goal::Compare { comparator, value: x, .. } => format!("{} {}", comparator.symbol(), v(*x)),
        Goal::Approx { value: x, .. } => format!("≈ {}", v(*x)),
        Goal::Between { low, high } => format!("{}–{}", v(*low), v(*high)),
        Goal::Direction { direction: d, level: Some((cmp, x)) } => {
            format!("{} {} {}", direction(*d, lang), cmp.symbol(), v(*x))
        }
        Goal::Direction { direction: d, level: None } => direction(*d, lang).to_string(),
    };
    match lang {
        Lang::Zh => format!("{goal}（{}）", t.year),
        Lang::En => format!("{goal} ({})", t.year),
    }
}

/// A probability as a rounded percentage, e.g. `约 72%` / `about 72%`; the
/// extremes are said as `> 99%` and `< 1%` rather than a false certainty.
pub fn probability(p: f64, lang: Lang) -> String {
    if !p.is_finite() {
        return "—".to_string();
    }
    let pct = p * 100.0;
    if pct > 99.0 {
        "> 99%".to_string()
    } else if pct < 1.0 {
        "< 1%".to_string()
    } else {
        format!("{}{:.0}%", lang.pick("约 ", "about "), pct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Comparator;

    fn check(actual: String, expected: &str) {
        assert_eq!(actual, expected);
    }

    #[test]
    fn values_read_as_the_plans_write_them() {
        check(value(7.5, Unit::Per100kLiveBirths, Lang::Zh), "7.5/10万");
        check(value(7.5, Unit::Per100kLiveBirths, Lang::En), "7.5 per 100,000 live births");
        check(value(4.5, Unit::Per1000LiveBirths, Lang::Zh), "4.5‰");
        check(value(70.0, Unit::Percent, Lang::Zh), "70.0%");
        check(value(4.08, Unit::Per1000Population, Lang::Zh), "4.08/千人");
        check(value(1.5, Unit::Ratio, Lang::Zh), "1:1.5");
        check(value(2.0, Unit::Ratio, Lang::Zh), "1:2");
        check(value(12.0, Unit::Count, Lang::Zh), "12");
        check(value(f64::NAN, Unit::Percent, Lang::Zh), "—");
        check(value(-0.01, Unit::Percent, Lang::Zh), "0.0%");
    }

    #[test]
    fn changes_carry_their_sign_and_unit() {
        check(change_per_year(0.42, Unit::Percent, Lang::Zh), "+0.42 个百分点/年");
        check(change_per_year(-0.3, Unit::Per1000LiveBirths, Lang::Zh), "−0.30‰/年");
        check(change_per_year(0.0001, Unit::Percent, Lang::En), "±0.00 points a year");
        check(rate_per_year(-0.042, Lang::Zh), "−4.2%/年");
        check(rate_per_year(f64::INFINITY, Lang::Zh), "—");
    }

    #[test]
    fn targets_read_as_one_phrase() {
        let t = |goal| Target { goal, year: 2030 };
        check(
            target(&t(Goal::Compare { comparator: Comparator::Le, value: 7.5, tolerance: None }), Unit::Per100kLiveBirths, Lang::Zh),
            "≤ 7.5/10万（2030）",
        );
        check(
            target(&t(Goal::Compare { comparator: Comparator::Ge, value: 70.0, tolerance: None }), Unit::Percent, Lang::En),
            "≥ 70.0% (2030)",
        );
        check(target(&t(Goal::Approx { value: 45.0, tolerance: None }), Unit::Percent, Lang::Zh), "≈ 45.0%（2030）");
        check(target(&t(Goal::Between { low: 1.0, high: 2.0 }), Unit::Count, Lang::Zh), "1–2（2030）");
        check(
            target(&t(Goal::Direction { direction: Direction::Increase, level: None }), Unit::Percent, Lang::Zh),
            "逐步提高（2030）",
        );
    }

    #[test]
    fn every_plan_domain_has_an_english_name() {
        for ind in crate::catalog::builtin().indicators {
            assert_ne!(domain(&ind.domain, Lang::En), ind.domain, "{} has no English name", ind.domain);
            assert_eq!(domain(&ind.domain, Lang::Zh), ind.domain);
        }
        assert_eq!(domain("Another plan's domain", Lang::En), "Another plan's domain");
    }

    #[test]
    fn probabilities_avoid_false_certainty() {
        check(probability(0.724, Lang::Zh), "约 72%");
        check(probability(0.9999, Lang::En), "> 99%");
        check(probability(0.0, Lang::En), "< 1%");
        check(probability(f64::NAN, Lang::En), "—");
    }
}
