//! What the catalog loader reports: one [`CatalogIssue`] per problem, located by
//! file, line and field, worded in Chinese and English.
//!
//! The same loader reads a user's own catalog (another district's plan), so these
//! messages are for users: each quotes the bad value and says what was expected.
//! This module owns the wording; [`super::load`] decides when to raise each one.

use std::fmt;

use super::model::Bounds;

/// How bad an issue is: an error drops the indicator (or the file) it concerns;
/// a warning keeps it but deserves a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word shown before a message (`错误 error`, `警告 warning`).
    pub fn label(self) -> &'static str {
        match self {
            Severity::Warning => "警告 warning",
            Severity::Error => "错误 error",
        }
    }
}

/// The comparators allowed where a plain inequality is needed (milestones, the
/// level of a `maintain` target).
pub const INEQUALITIES: &str = "le, lt, ge, gt";
/// Every comparator a target may use.
pub const COMPARATORS: &str = "le, lt, ge, gt, approx, between";
/// Every direction a target may use.
pub const DIRECTIONS: &str = "increase, decrease, slow_increase, maintain, other";
/// Every model scale.
pub const SCALES: &str = "linear, log, logit";

/// What a field's value should have been, for [`IssueKind::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Number,
    WholeNumber,
    TextList,
    Table,
    TableList,
    MilestoneList,
    Boolean,
}

impl Expected {
    pub fn en(self) -> &'static str {
        match self {
            Expected::Text => "text in quotes",
            Expected::Number => "a number",
            Expected::WholeNumber => "a whole number",
            Expected::TextList => "a list of texts like [\"甲\", \"乙\"]",
            Expected::Table => "a table like { lower = 0, upper = 100 }",
            Expected::TableList => "a list of tables",
            Expected::MilestoneList => "a list like [{ year = 2025, comparator = \"ge\", value = 4 }]",
            Expected::Boolean => "true or false",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Expected::Text => "带引号的文本",
            Expected::Number => "数字",
            Expected::WholeNumber => "整数",
            Expected::TextList => "文本列表，如 [\"甲\", \"乙\"]",
            Expected::Table => "表，如 { lower = 0, upper = 100 }",
            Expected::TableList => "表的列表",
            Expected::MilestoneList => "列表，如 [{ year = 2025, comparator = \"ge\", value = 4 }]",
            Expected::Boolean => "true 或 false",
        }
    }
}

/// What is wrong. The English wording is the `Display`; [`IssueKind::message_zh`]
/// gives the Chinese.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IssueKind {
    /// The text is not valid TOML: the reader's message in English and
    /// Chinese, and the 1-based column (in characters) on the issue's line.
    #[error("malformed TOML: {message}")]
    Toml { message: String, zh: String, column: usize },
    /// A value of the wrong type (a number in quotes, a year with decimals);
    /// `found` is what was written, or its kind when long.
    #[error("`{field}` must be {}, not {found}", .expected.en())]
    WrongType { field: String, expected: Expected, found: String },
    #[error("unknown field `{field}` (see seeds/README.md for the fields)")]
    UnknownField { field: String },
    #[error("required field `{field}` is missing")]
    MissingField { field: &'static str },
    #[error("`{field}` is empty")]
    Empty { field: &'static str },
    #[error("unknown plan \"{value}\" (expected women or children)")]
    UnknownPlan { value: String },
    #[error("unknown unit \"{value}\" (expected one of {allowed})")]
    UnknownUnit { value: String, allowed: String },
    #[error("unknown comparator \"{value}\" (expected one of {allowed})")]
    UnknownComparator { value: String, allowed: &'static str },
    #[error("unknown direction \"{value}\" (expected one of {DIRECTIONS})")]
    UnknownDirection { value: String },
    #[error("unknown scale \"{value}\" (expected one of {SCALES})")]
    UnknownScale { value: String },
    #[error("duplicate id \"{id}\", first defined in {first_file} line {first_line}")]
    DuplicateId { id: String, first_file: String, first_line: usize },
    #[error("no target: give either `comparator` and `value`, or `direction`")]
    NoTarget,
    #[error("both comparator \"{comparator}\" and direction \"{direction}\": give only one")]
    BothTargets { comparator: String, direction: String },
    #[error("comparator \"{comparator}\" needs a `value`")]
    MissingValue { comparator: String },
    #[error("`{field}` is given with direction \"{direction}\", which takes no number (use `level` for maintain)")]
    NumberWithDirection { field: &'static str, direction: String },
    #[error("`{field}` = {value} is outside the bounds {}", fmt_bounds(.bounds))]
    OutOfBounds { field: &'static str, value: f64, bounds: Bounds },
    #[error("bounds lower {lower} is above upper {upper}")]
    BadBounds { lower: f64, upper: f64 },
    #[error("`{field}` = {value} is not a plausible year (expected 1900–2200)")]
    BadYear { field: &'static str, value: i64 },
    #[error("milestone year {year} is not before the target year {target_year}")]
    MilestoneNotBefore { year: i64, target_year: i64 },
    #[error("comparator \"between\" needs `value2`, the upper end of the range")]
    MissingValue2,
    #[error("value2 = {value2} is below value = {value}")]
    Value2BelowValue { value: f64, value2: f64 },
    #[error("`value2` = {value2} is only used with comparator \"between\", not \"{comparator}\"")]
    Value2WithoutBetween { value2: f64, comparator: String },
    #[error("tolerance = {value} is negative")]
    NegativeTolerance { value: f64 },
    #[error("`tolerance` = {value} is only used with comparator \"approx\" or a target on a bound (\"ge 100\" of a percentage, \"le 0\"), not \"{comparator}\" here")]
    ToleranceWithoutApprox { value: f64, comparator: String },
    #[error("`level` is only used with direction \"maintain\"")]
    LevelWithoutMaintain,
    #[error(
        "indicators sharing key \"{key}\" must have the same unit: \"{unit}\" here, \"{other_unit}\" in {other_id}"
    )]
    KeyUnitMismatch { key: String, unit: &'static str, other_id: String, other_unit: &'static str },
    #[error("id \"{id}\" does not start with {expected}, the prefix of plan {plan}")]
    IdPrefix { id: String, expected: &'static str, plan: &'static str },
    #[error("name \"{name}\" is also used by {other_id}; pasted rows with this name cannot be told apart (give both the same `key` if they are the same quantity)")]
    NameClash { name: String, other_id: String },
    #[error("the file defines no [[indicator]]")]
    NoIndicators,
    #[error("`{field}` is for a measured indicator; a goal with `quantified = false` takes none")]
    NotForGoal { field: &'static str },
    #[error("`proxy` is only for a goal with `quantified = false` (a measured indicator is judged itself)")]
    ProxyOnMeasured,
    #[error("both `notes` and `notes_en`: `notes` is the old name of `notes_en`, give only one")]
    NotesTwice,
    #[error(
        "a proxy needs a direction it can be judged by (increase, decrease, slow_increase or maintain), not \"other\""
    )]
    ProxyNotJudged,
}

fn fmt_bounds(bounds: &Bounds) -> String {
    let side = |v: Option<f64>, open: &str| v.map_or_else(|| open.to_string(), |v| v.to_string());
    format!("[{}, {}]", side(bounds.lower, "-∞"), side(bounds.upper, "+∞"))
}

impl IssueKind {
    /// Errors drop what they concern; warnings only ask for a look.
    pub fn severity(&self) -> Severity {
        match self {
            IssueKind::IdPrefix { .. } | IssueKind::NameClash { .. } | IssueKind::NoIndicators => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The message in English (the same as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            IssueKind::Toml { zh, .. } => format!("TOML 格式错误：{zh}"),
            IssueKind::WrongType { field, expected, found } => {
                format!("「{field}」应为{}，此处为 {found}", expected.zh())
            }
            IssueKind::UnknownField { field } => {
                format!("未知字段「{field}」（可用字段见 seeds/README.md）")
            }
            IssueKind::MissingField { field } => format!("缺少必填字段「{field}」"),
            IssueKind::Empty { field } => format!("「{field}」为空"),
            IssueKind::UnknownPlan { value } => {
                format!("未知规划「{value}」（应为 women 或 children）")
            }
            IssueKind::UnknownUnit { value, allowed } => {
                format!("未知单位「{value}」（应为以下之一：{allowed}）")
            }
            IssueKind::UnknownComparator { value, allowed } => {
                format!("未知比较方式「{value}」（应为以下之一：{allowed}）")
            }
            IssueKind::UnknownDirection { value } => {
                format!("未知方向「{value}」（应为以下之一：{DIRECTIONS}）")
            }
            IssueKind::UnknownScale { value } => {
                format!("未知模型尺度「{value}」（应为以下之一：{SCALES}）")
            }
            IssueKind::DuplicateId { id, first_file, first_line } => {
                format!("指标编号「{id}」重复，首次定义于 {first_file} 第 {first_line} 行")
            }
            IssueKind::NoTarget => "缺少目标：请给出 comparator 和 value，或给出 direction".to_string(),
            IssueKind::BothTargets { comparator, direction } => {
                format!("同时给出了比较方式「{comparator}」和方向「{direction}」，只能二选一")
            }
            IssueKind::MissingValue { comparator } => {
                format!("比较方式「{comparator}」需要目标值 value")
            }
            IssueKind::NumberWithDirection { field, direction } => {
                format!("方向「{direction}」不带数值，却给出了「{field}」（保持类目标请用 level）")
            }
            IssueKind::OutOfBounds { field, value, bounds } => {
                format!("「{field}」= {value} 超出取值范围 {}", fmt_bounds(bounds))
            }
            IssueKind::BadBounds { lower, upper } => {
                format!("取值范围下限 {lower} 大于上限 {upper}")
            }
            IssueKind::BadYear { field, value } => {
                format!("「{field}」= {value} 不是合理的年份（应在 1900—2200 之间）")
            }
            IssueKind::MilestoneNotBefore { year, target_year } => {
                format!("阶段目标年份 {year} 不早于目标年份 {target_year}")
            }
            IssueKind::MissingValue2 => "比较方式「between」需要 value2（区间上限）".to_string(),
            IssueKind::Value2BelowValue { value, value2 } => {
                format!("value2 = {value2} 小于 value = {value}")
            }
            IssueKind::Value2WithoutBetween { value2, comparator } => {
                format!("value2 = {value2} 只用于比较方式「between」，此处为「{comparator}」")
            }
            IssueKind::NegativeTolerance { value } => format!("容差 tolerance = {value} 为负数"),
            IssueKind::ToleranceWithoutApprox { value, comparator } => {
                format!("容差 tolerance = {value} 只用于比较方式「approx」或边界上的目标（如百分数「ge 100」、「le 0」），此处为「{comparator}」")
            }
            IssueKind::LevelWithoutMaintain => "level 只用于方向「maintain」（保持）".to_string(),
            IssueKind::KeyUnitMismatch { key, unit, other_id, other_unit } => {
                format!("共用 key「{key}」的指标单位必须相同：此处为「{unit}」，{other_id} 为「{other_unit}」")
            }
            IssueKind::IdPrefix { id, expected, plan } => {
                format!("指标编号「{id}」不以规划 {plan} 的前缀 {expected} 开头")
            }
            IssueKind::NameClash { name, other_id } => {
                format!("名称「{name}」也被 {other_id} 使用，粘贴的数据行无法区分（如为同一指标，请给两者相同的 key）")
            }
            IssueKind::NoIndicators => "文件中没有任何 [[indicator]]".to_string(),
            IssueKind::NotForGoal { field } => {
                format!("「{field}」只用于有量化指标的条目；quantified = false 的目标不带此字段")
            }
            IssueKind::ProxyOnMeasured => {
                "proxy（代理指标）只用于 quantified = false 的目标（有量化指标的条目本身即可评判）".to_string()
            }
            IssueKind::ProxyNotJudged => {
                "代理指标需要可评判的方向（increase、decrease、slow_increase 或 maintain），不能是 other".to_string()
            }
            IssueKind::NotesTwice => "同时给出了 notes 和 notes_en：notes 是 notes_en 的旧名，只能给一个".to_string(),
        }
    }
}

/// One problem found in a catalog file, located as precisely as the loader can.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogIssue {
    /// The file name as given to the loader.
    pub file: String,
    /// 1-based line; `None` only for problems of the whole file.
    pub line: Option<usize>,
    /// The indicator's id, when the problem is inside an indicator that has one.
    pub id: Option<String>,
    /// The field at fault (`unit`, `milestones.year`, ...), when there is one.
    pub field: Option<String>,
    pub kind: IssueKind,
}

impl CatalogIssue {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    pub fn message_zh(&self) -> String {
        self.kind.message_zh()
    }

    pub fn message_en(&self) -> String {
        self.kind.message_en()
    }

    /// `file:line [id] field`: where to look; `file:line:column` for a syntax
    /// error.
    pub fn location(&self) -> String {
        let mut out = self.file.clone();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let IssueKind::Toml { column, .. } = &self.kind {
                out.push_str(&format!(":{column}"));
            }
        }
        if let Some(id) = &self.id {
            out.push_str(&format!(" [{id}]"));
        }
        if let Some(field) = &self.field {
            out.push_str(&format!(" {field}"));
        }
        out
    }
}

/// `file:line [id] field: 错误 error: 中文 / English`.
impl fmt::Display for CatalogIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {} / {}", self.location(), self.severity().label(), self.message_zh(), self.message_en())
    }
}

impl std::error::Error for CatalogIssue {}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(issue: CatalogIssue, expected: &str) {
        assert_eq!(issue.to_string(), expected);
    }

    #[test]
    fn display_quotes_the_value_in_both_languages() {
        check(
            CatalogIssue {
                file: "a.toml".into(),
                line: Some(12),
                id: Some("W-X-01".into()),
                field: Some("unit".into()),
                kind: IssueKind::UnknownUnit { value: "furlongs".into(), allowed: "percent, count".into() },
            },
            "a.toml:12 [W-X-01] unit: 错误 error: 未知单位「furlongs」（应为以下之一：percent, count） / unknown unit \"furlongs\" (expected one of percent, count)",
        );
        check(
            CatalogIssue { file: "a.toml".into(), line: None, id: None, field: None, kind: IssueKind::NoIndicators },
            "a.toml: 警告 warning: 文件中没有任何 [[indicator]] / the file defines no [[indicator]]",
        );
        check(
            CatalogIssue {
                file: "b.toml".into(),
                line: Some(3),
                id: None,
                field: Some("value".into()),
                kind: IssueKind::OutOfBounds {
                    field: "value",
                    value: 120.0,
                    bounds: Bounds { lower: Some(0.0), upper: Some(100.0) },
                },
            },
            "b.toml:3 value: 错误 error: 「value」= 120 超出取值范围 [0, 100] / `value` = 120 is outside the bounds [0, 100]",
        );
    }
}
