//! The catalog's domain types: what an indicator of the plans is.
//!
//! These are the validated forms. The TOML files in `seeds/` map to serde structs
//! at the edge (see the loader), which are checked and converted by hand into these
//! types, so everything downstream can trust them: a percentage has bounds, a
//! target has either a comparator or a direction, milestones come before the
//! target year.

use serde::{Deserialize, Serialize};

/// Which of the two plans an indicator belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    /// 花都区妇女发展规划（2021—2030年）
    Women,
    /// 花都区儿童发展规划（2021—2030年）
    Children,
}

impl Plan {
    /// The name used in data files and output fields (`women`, `children`).
    pub fn key(self) -> &'static str {
        match self {
            Plan::Women => "women",
            Plan::Children => "children",
        }
    }

    /// The plan's Chinese title as the plans print it.
    pub fn title_zh(self) -> &'static str {
        match self {
            Plan::Women => "花都区妇女发展规划（2021—2030年）",
            Plan::Children => "花都区儿童发展规划（2021—2030年）",
        }
    }

    /// The plan's English title.
    pub fn title_en(self) -> &'static str {
        match self {
            Plan::Women => "Huadu District Women's Development Plan (2021–2030)",
            Plan::Children => "Huadu District Children's Development Plan (2021–2030)",
        }
    }
}

/// A plan's titles as a catalog file gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanTitle {
    pub plan: Plan,
    pub zh: Option<String>,
    pub en: Option<String>,
}

/// The unit an indicator is measured in: a closed list, so figures can be
/// converted and formatted, and so the engine can pick a default model scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Percent (%), e.g. a screening rate.
    Percent,
    /// Per 100,000 population (/10万), e.g. an incidence.
    Per100k,
    /// Per 100,000 live births (/10万), e.g. maternal mortality.
    Per100kLiveBirths,
    /// Per 1,000 live births (‰), e.g. infant mortality.
    Per1000LiveBirths,
    /// Per 1,000 population (‰ or 个/千人), e.g. childcare places per 1,000 residents.
    Per1000Population,
    /// Per 1,000 children, e.g. paediatricians per 1,000 children.
    Per1000Children,
    /// Per 10,000 population (/万).
    Per10k,
    /// A plain count (people, places, institutions).
    Count,
    /// A ratio written 1:x; the value stored is x (e.g. 1.5 for 1:1.5).
    Ratio,
    /// Years (e.g. life expectancy).
    Years,
    /// Hours a day.
    HoursPerDay,
    /// Minutes (a day unless the indicator says otherwise).
    Minutes,
    /// Times a year.
    TimesPerYear,
}

impl Unit {
    /// Every unit, in the order the docs list them.
    pub const ALL: [Unit; 13] = [
        Unit::Percent,
        Unit::Per100k,
        Unit::Per100kLiveBirths,
        Unit::Per1000LiveBirths,
        Unit::Per1000Population,
        Unit::Per1000Children,
        Unit::Per10k,
        Unit::Count,
        Unit::Ratio,
        Unit::Years,
        Unit::HoursPerDay,
        Unit::Minutes,
        Unit::TimesPerYear,
    ];

    /// The key used in data files (`percent`, `per_100k_live_births`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Per100k => "per_100k",
            Unit::Per100kLiveBirths => "per_100k_live_births",
            Unit::Per1000LiveBirths => "per_1000_live_births",
            Unit::Per1000Population => "per_1000_population",
            Unit::Per1000Children => "per_1000_children",
            Unit::Per10k => "per_10k",
            Unit::Count => "count",
            Unit::Ratio => "ratio",
            Unit::Years => "years",
            Unit::HoursPerDay => "hours_per_day",
            Unit::Minutes => "minutes",
            Unit::TimesPerYear => "times_per_year",
        }
    }

    /// Parses a data-file key; `None` for anything not in the closed list.
    pub fn from_key(key: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.key() == key)
    }

    /// The symbol the plans write after a value (`%`, `/10万`, `‰`, ...).
    pub fn symbol_zh(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Per100k | Unit::Per100kLiveBirths => "/10万",
            Unit::Per1000LiveBirths => "‰",
            Unit::Per1000Population => "/千人",
            Unit::Per1000Children => "/千名儿童",
            Unit::Per10k => "/万",
            Unit::Count => "",
            Unit::Ratio => "",
            Unit::Years => "岁",
            Unit::HoursPerDay => "小时/天",
            Unit::Minutes => "分钟",
            Unit::TimesPerYear => "次/年",
        }
    }

    /// The unit's English symbol or short name.
    pub fn symbol_en(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Per100k => " per 100,000",
            Unit::Per100kLiveBirths => " per 100,000 live births",
            Unit::Per1000LiveBirths => "‰",
            Unit::Per1000Population => " per 1,000 population",
            Unit::Per1000Children => " per 1,000 children",
            Unit::Per10k => " per 10,000",
            Unit::Count => "",
            Unit::Ratio => "",
            Unit::Years => " years",
            Unit::HoursPerDay => " h/day",
            Unit::Minutes => " min",
            Unit::TimesPerYear => " times/year",
        }
    }

    /// The unit's name in Chinese, for messages ("每10万活产").
    pub fn name_zh(self) -> &'static str {
        match self {
            Unit::Percent => "百分比（%）",
            Unit::Per100k => "每10万人口",
            Unit::Per100kLiveBirths => "每10万活产",
            Unit::Per1000LiveBirths => "每千活产（‰）",
            Unit::Per1000Population => "每千人口",
            Unit::Per1000Children => "每千名儿童",
            Unit::Per10k => "每万人口",
            Unit::Count => "个数",
            Unit::Ratio => "比例（1:x）",
            Unit::Years => "岁",
            Unit::HoursPerDay => "小时/天",
            Unit::Minutes => "分钟",
            Unit::TimesPerYear => "次/年",
        }
    }

    /// The unit's name in English, for messages ("per 100,000 live births").
    pub fn name_en(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Per100k => "per 100,000 population",
            Unit::Per100kLiveBirths => "per 100,000 live births",
            Unit::Per1000LiveBirths => "per 1,000 live births, ‰",
            Unit::Per1000Population => "per 1,000 population",
            Unit::Per1000Children => "per 1,000 children",
            Unit::Per10k => "per 10,000 population",
            Unit::Count => "a count",
            Unit::Ratio => "a ratio 1:x",
            Unit::Years => "years",
            Unit::HoursPerDay => "hours a day",
            Unit::Minutes => "minutes",
            Unit::TimesPerYear => "times a year",
        }
    }

    /// The bounds a value in this unit can never leave, before the catalog
    /// narrows or opens them: percentages live in [0, 100], everything else is
    /// non-negative with no upper bound.
    pub fn default_bounds(self) -> Bounds {
        match self {
            Unit::Percent => Bounds { lower: Some(0.0), upper: Some(100.0) },
            _ => Bounds { lower: Some(0.0), upper: None },
        }
    }

    /// The model scale METHODS.md gives as default for this unit: logit for
    /// percentages, log for rates per 100,000 and per 1,000 births, linear for the
    /// rest. A percentage with an open upper bound (a gross enrolment ratio) is
    /// linear; see [`Indicator::default_scale`].
    pub fn default_scale(self) -> Scale {
        match self {
            Unit::Percent => Scale::Logit,
            Unit::Per100k | Unit::Per100kLiveBirths | Unit::Per1000LiveBirths => Scale::Log,
            _ => Scale::Linear,
        }
    }

    /// Number of decimals values of this unit are shown with.
    pub fn decimals(self) -> usize {
        match self {
            Unit::Percent | Unit::Per100k | Unit::Per100kLiveBirths | Unit::Per1000LiveBirths => 1,
            Unit::Per1000Population | Unit::Per1000Children | Unit::Per10k | Unit::Ratio => 2,
            Unit::Years | Unit::HoursPerDay => 1,
            Unit::Count | Unit::Minutes | Unit::TimesPerYear => 0,
        }
    }
}

/// The closed interval a value must lie in; `None` is an open side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

impl Bounds {
    /// Whether `value` lies inside the bounds (bounds included).
    pub fn contains(&self, value: f64) -> bool {
        self.lower.is_none_or(|l| value >= l) && self.upper.is_none_or(|u| value <= u)
    }
}

/// The scale a trend is fitted on (METHODS.md, "Model scale g").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    Linear,
    Log,
    Logit,
}

impl Scale {
    pub fn key(self) -> &'static str {
        match self {
            Scale::Linear => "linear",
            Scale::Log => "log",
            Scale::Logit => "logit",
        }
    }

    pub fn from_key(key: &str) -> Option<Scale> {
        [Scale::Linear, Scale::Log, Scale::Logit].into_iter().find(|s| s.key() == key)
    }
}

/// How a numeric target compares the value with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// At most (≤, "以下", "控制在…以内").
    Le,
    /// Below (<, "低于").
    Lt,
    /// At least (≥, "以上", "达到…以上", "不低于").
    Ge,
    /// Above (>, "高于").
    Gt,
}

impl Comparator {
    pub fn key(self) -> &'static str {
        match self {
            Comparator::Le => "le",
            Comparator::Lt => "lt",
            Comparator::Ge => "ge",
            Comparator::Gt => "gt",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Le => "≤",
            Comparator::Lt => "<",
            Comparator::Ge => "≥",
            Comparator::Gt => ">",
        }
    }

    /// Whether `value` satisfies `value <cmp> threshold`.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparator::Le => value <= threshold,
            Comparator::Lt => value < threshold,
            Comparator::Ge => value >= threshold,
            Comparator::Gt => value > threshold,
        }
    }

    /// Whether higher values are better under this comparator.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Comparator::Ge | Comparator::Gt)
    }
}

/// The wanted movement of a target stated without a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// "逐步提高", "持续增加".
    Increase,
    /// "明显下降", "逐步缩小", "降低".
    Decrease,
    /// "上升趋势减缓": still rising, but more slowly.
    SlowIncrease,
    /// "保持", "稳定在": keep the level (see [`Goal::Direction::level`]).
    Maintain,
    /// "合理", "优化": a wanted state the trend cannot judge; shown, not judged.
    Other,
}

impl Direction {
    pub fn key(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::SlowIncrease => "slow_increase",
            Direction::Maintain => "maintain",
            Direction::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Direction> {
        [Direction::Increase, Direction::Decrease, Direction::SlowIncrease, Direction::Maintain, Direction::Other]
            .into_iter()
            .find(|d| d.key() == key)
    }
}

/// What a target asks of the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Goal {
    /// `value <comparator> threshold`. `tolerance` is τ_b of a target on a bound
    /// ("≥ 100%" met within it of 100; METHODS.md, "Targets on a bound"): the
    /// catalog's, or `None` for the engine's default 0.05.
    Compare { comparator: Comparator, value: f64, tolerance: Option<f64> },
    /// About `value` ("左右", "约"): inside `value ± tolerance`. `tolerance` is the
    /// catalog's; `None` means the engine's default (METHODS.md).
    Approx { value: f64, tolerance: Option<f64> },
    /// Inside `[low, high]`.
    Between { low: f64, high: f64 },
    /// A direction with no number. For `maintain`, `level` is the level to keep
    /// when the plan names one, with the comparator that keeps it.
    Direction { direction: Direction, level: Option<(Comparator, f64)> },
}

impl Goal {
    /// The METHODS.md output name of the comparator: `le`, `lt`, `ge`, `gt`,
    /// `approx`, `between`, or `None` for a directional goal.
    pub fn comparator_key(&self) -> Option<&'static str> {
        match self {
            Goal::Compare { comparator, .. } => Some(comparator.key()),
            Goal::Approx { .. } => Some("approx"),
            Goal::Between { .. } => Some("between"),
            Goal::Direction { .. } => None,
        }
    }

    /// The direction of a directional goal.
    pub fn direction(&self) -> Option<Direction> {
        match self {
            Goal::Direction { direction, .. } => Some(*direction),
            _ => None,
        }
    }
}

/// A target: a goal and the year by which it must be met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub goal: Goal,
    /// 2030 unless the plan says otherwise.
    pub year: i32,
}

/// An intermediate stage of a two-stage target (e.g. 4 places per 1,000 by 2025
/// on the way to 6 by 2030). Always before the target year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub year: i32,
    pub comparator: Comparator,
    pub value: f64,
}

/// One indicator of a plan: a measured quantity with its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id, e.g. `W-HEALTH-02`. Never reused for another quantity.
    pub id: String,
    /// Shared key for an indicator both plans set (e.g. preschool gross
    /// enrolment), so figures pasted once serve both. `None` when only one plan
    /// sets it.
    pub key: Option<String>,
    pub plan: Plan,
    /// Domain as the plan names it (妇女与健康, 儿童与教育, ...).
    pub domain: String,
    pub name_zh: String,
    pub name_en: String,
    /// Other names the same quantity goes by in reports and spreadsheets, used
    /// when matching pasted rows.
    pub aliases: Vec<String>,
    pub unit: Unit,
    pub bounds: Bounds,
    pub target: Target,
    pub milestones: Vec<Milestone>,
    /// The model scale, where METHODS.md's per-unit default is wrong for it.
    pub scale: Option<Scale>,
    /// Where the plan states it, e.g. "妇女规划 二（一）主要目标 2；三（一）".
    pub source: String,
    /// The plan's own words for it, verbatim (a clause of the plan's text).
    pub wording_zh: Option<String>,
    /// What a reader of the data should know, in Chinese and in English; the
    /// page shows the one of its language.
    pub notes_zh: Option<String>,
    pub notes_en: Option<String>,
    /// For a suggested proxy ([`PlanGoal::proxy`]): the id of the goal it
    /// stands for, so the page marks it as not set by the plan.
    pub proxy_for: Option<String>,
}

impl Indicator {
    /// The notes in `zh` (Chinese) or English, falling back to the other
    /// language when only one is written.
    pub fn notes(&self, zh: bool) -> Option<&str> {
        let (first, second) = if zh { (&self.notes_zh, &self.notes_en) } else { (&self.notes_en, &self.notes_zh) };
        first.as_deref().or(second.as_deref())
    }

    /// The scale to fit on when the user has not chosen one: the catalog's
    /// override, else the unit's default, except that a percentage without an
    /// upper bound (a gross ratio above 100%) is linear.
    pub fn default_scale(&self) -> Scale {
        if let Some(scale) = self.scale {
            return scale;
        }
        match self.unit {
            Unit::Percent if self.bounds.upper.is_none() => Scale::Linear,
            unit => unit.default_scale(),
        }
    }

    /// The key figures are stored under: the shared key when both plans set
    /// this indicator, else the id.
    pub fn figures_key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.id)
    }
}

/// A measured quantity suggested to follow a goal the plan states without one
/// (人工流产率 for 减少非意愿妊娠). Not the plan's own: the page says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proxy {
    pub name_zh: String,
    pub name_en: String,
    pub unit: Unit,
    /// The direction the proxy should move in for the goal to be met.
    pub direction: Direction,
}

/// A goal of 主要目标 that names no quantity ("减少非意愿妊娠",
/// "有效遏制针对妇女的性骚扰"): nothing to compute, but the committee's
/// evaluations report on it, so it is listed, worded as the plan words it,
/// and evaluated in text by the staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanGoal {
    /// Stable id in the same series as the indicators' (`W-HEALTH-32`).
    pub id: String,
    pub plan: Plan,
    pub domain: String,
    /// A short name for lists.
    pub name_zh: String,
    pub name_en: String,
    /// The wanted movement, or [`Direction::Other`] for a wanted state.
    pub direction: Direction,
    /// The plan's words, verbatim.
    pub wording_zh: String,
    pub source: String,
    pub notes_zh: Option<String>,
    pub notes_en: Option<String>,
    pub proxy: Option<Proxy>,
}

impl PlanGoal {
    /// The proxy as an indicator the engine can judge: the goal's id, the
    /// proxy's name and unit, and a directional target of the proxy's
    /// direction by 2030. Figures pasted under the proxy's name match it.
    pub fn proxy_indicator(&self) -> Option<Indicator> {
        let proxy = self.proxy.as_ref()?;
        Some(Indicator {
            id: self.id.clone(),
            key: None,
            plan: self.plan,
            domain: self.domain.clone(),
            name_zh: proxy.name_zh.clone(),
            name_en: proxy.name_en.clone(),
            aliases: Vec::new(),
            unit: proxy.unit,
            bounds: proxy.unit.default_bounds(),
            target: Target { goal: Goal::Direction { direction: proxy.direction, level: None }, year: 2030 },
            milestones: Vec::new(),
            scale: None,
            source: self.source.clone(),
            wording_zh: Some(self.wording_zh.clone()),
            notes_zh: None,
            notes_en: None,
            proxy_for: Some(self.id.clone()),
        })
    }

    /// The notes in `zh` (Chinese) or English, falling back to the other.
    pub fn notes(&self, zh: bool) -> Option<&str> {
        let (first, second) = if zh { (&self.notes_zh, &self.notes_en) } else { (&self.notes_en, &self.notes_zh) };
        first.as_deref().or(second.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_keys_round_trip() {
        for unit in Unit::ALL {
            assert_eq!(Unit::from_key(unit.key()), Some(unit));
        }
        assert_eq!(Unit::from_key("furlongs"), None);
    }

    #[test]
    fn comparator_holds() {
        assert!(Comparator::Le.holds(7.5, 7.5));
        assert!(!Comparator::Lt.holds(7.5, 7.5));
        assert!(Comparator::Ge.holds(70.0, 70.0));
        assert!(!Comparator::Gt.holds(70.0, 70.0));
    }

    #[test]
    fn bounds_contain_their_ends() {
        let b = Unit::Percent.default_bounds();
        assert!(b.contains(0.0) && b.contains(100.0));
        assert!(!b.contains(100.1) && !b.contains(-0.1));
        assert!(Unit::Count.default_bounds().contains(1e9));
    }
}
