//! A user's session: everything they gave (the pasted text exactly as pasted,
//! name assignments, conflict choices, settings, what-if scenarios), and the one
//! pure function from it to everything the page shows ([`Session::evaluate`]).
//!
//! The app autosaves a session in localStorage and exports it as a file; both
//! use the JSON form here, which carries a format version so that files from an
//! older version still load. This module owns that format; it knows nothing of
//! where the JSON is kept.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::assess::{self, Assessment, RollUp, Settings, WhatIfChange};
use crate::catalog::{self, Catalog, CatalogIssue};
use crate::figures::{self, Delimiter, Figures, Layout, ParseOptions, RawTable};
use crate::format::Lang;

/// The most rows of a paste the page analyses: both plans' 184 indicators for
/// every year from 2000 to 2100 fit in 18,600 rows of a long table, and 30,000
/// rows parse in well under a tenth of a second.
pub const MAX_ROWS: usize = 30_000;

/// The most columns of a paste the page analyses: a wide table has one per
/// year, a transposed one one per indicator (184).
pub const MAX_COLUMNS: usize = 1_000;

/// The session format version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// One choice the user made for an indicator-year: a conflict resolved, or a
/// suggested correction (such as ×100) accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueChoice {
    pub id: String,
    pub year: i32,
    pub value: f64,
}

/// A catalog file the user loaded (same format as `seeds/`), kept whole: the
/// session file carries it, and it is read again at every start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogFile {
    /// The file's name, for messages (`file:line`).
    pub name: String,
    pub text: Rc<str>,
}

/// Where the user's catalog files go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogMode {
    /// Beside the plans' own catalog (ids must then differ from the plans').
    #[default]
    Beside,
    /// Instead of it: another district's plans.
    Instead,
}

/// What [`Session::catalog`] makes of the session's catalog files.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedCatalog {
    pub catalog: Catalog,
    /// Every problem in the user's files, located.
    pub issues: Vec<CatalogIssue>,
    /// The files gave no sound indicator, so the plans' own catalog is used.
    pub fell_back: bool,
}

/// Everything the user gave, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub format_version: u32,
    pub lang: Lang,
    /// The pasted text, exactly as given. Shared, not copied: a session is
    /// cloned on every change in the page, and the text can be megabytes.
    pub raw: Rc<str>,
    /// Delimiter and layout the user forced (`None`: detected).
    pub delimiter: Option<Delimiter>,
    pub layout: Option<Layout>,
    /// Pasted name -> indicator id, for names the catalog does not know.
    pub assignments: BTreeMap<String, String>,
    /// Conflicts resolved and corrections accepted, in the order made (a later
    /// choice for the same indicator-year wins).
    pub choices: Vec<ValueChoice>,
    pub settings: Settings,
    /// Whether the user fixed the "current year"; otherwise the page's clock
    /// sets it at every start.
    pub current_year_pinned: bool,
    /// What-if scenarios by indicator id.
    pub scenarios: BTreeMap<String, WhatIfChange>,
    /// The user's own catalog files, in the order loaded.
    pub catalogs: Vec<CatalogFile>,
    pub catalog_mode: CatalogMode,
    /// The staff's written evaluation (评估意见) of each goal without a
    /// quantified target, by goal id, as typed. Files from before this field
    /// load with none (format 1 still: the field is only added).
    pub evaluations: BTreeMap<String, String>,
}

/// What serde fills a missing field from when it reads an older file. The
/// year is a placeholder: every caller sets `settings.current_year` from its
/// own clock unless the session pinned it.
impl Default for Session {
    fn default() -> Self {
        Session::new(2026)
    }
}

impl Session {
    /// An empty session for `current_year` (the caller's clock).
    pub fn new(current_year: i32) -> Self {
        Session {
            format_version: FORMAT_VERSION,
            lang: Lang::Zh,
            raw: Rc::from(""),
            delimiter: None,
            layout: None,
            assignments: BTreeMap::new(),
            choices: Vec::new(),
            settings: Settings::new(current_year),
            current_year_pinned: false,
            scenarios: BTreeMap::new(),
            catalogs: Vec::new(),
            catalog_mode: CatalogMode::Beside,
            evaluations: BTreeMap::new(),
        }
    }

    /// The catalog this session assesses against: the plans' own, with or
    /// replaced by the user's files, and every issue the loader found in them.
    pub fn catalog(&self) -> LoadedCatalog {
        if self.catalogs.is_empty() {
            return LoadedCatalog { catalog: catalog::builtin(), issues: Vec::new(), fell_back: false };
        }
        let mut files: Vec<(&str, &str)> = Vec::new();
        if self.catalog_mode == CatalogMode::Beside {
            files.extend(catalog::builtin_files());
        }
        files.extend(self.catalogs.iter().map(|f| (f.name.as_str(), &*f.text)));
        let (catalog, issues) = catalog::load_files(&files);
        // Files with no sound indicator at all leave the plans' own catalog in
        // place: "instead" of it, they would leave an empty page.
        if catalog.indicators.is_empty() {
            return LoadedCatalog { catalog: catalog::builtin(), issues, fell_back: true };
        }
        LoadedCatalog { catalog, issues, fell_back: false }
    }

    /// The parser options this session implies. The page analyses at most
    /// [`MAX_ROWS`] rows and [`MAX_COLUMNS`] columns of a paste, so megabytes of
    /// text cannot freeze it.
    pub fn parse_options(&self) -> ParseOptions {
        let mut options = ParseOptions::new(self.settings.current_year);
        options.max_rows = Some(MAX_ROWS);
        options.max_columns = Some(MAX_COLUMNS);
        options.delimiter = self.delimiter;
        options.layout = self.layout;
        options.assignments = self.assignments.clone();
        for c in &self.choices {
            options.conflict_choices.insert((c.id.clone(), c.year), c.value);
        }
        options
    }

    /// Records a value choice, replacing an earlier one for the same
    /// indicator-year.
    pub fn choose(&mut self, id: &str, year: i32, value: f64) {
        self.choices.retain(|c| !(c.id == id && c.year == year));
        self.choices.push(ValueChoice { id: id.to_string(), year, value });
    }

    /// Records the evaluation text of a goal; an empty text removes it.
    pub fn set_evaluation(&mut self, id: &str, text: &str) {
        if text.trim().is_empty() {
            self.evaluations.remove(id);
        } else {
            self.evaluations.insert(id.to_string(), text.to_string());
        }
    }

    /// Parses the figures and assesses every catalog indicator: the whole
    /// pipeline from what the user gave to what the page shows. Figures are
    /// matched against the goals' suggested proxies too; those are assessed
    /// apart (`proxy_assessments`), outside the plan's counts.
    pub fn evaluate(&self, catalog: &Catalog) -> Evaluation {
        let (figures, table) = figures::parse_with_table(&self.raw, &catalog.matchable(), &self.parse_options());
        let assessments = assess::assess_catalog(catalog, &figures.series, &self.settings);
        let proxy_assessments = if catalog.proxies.is_empty() {
            Vec::new()
        } else {
            assess::assess_catalog(&catalog.proxy_catalog(), &figures.series, &self.settings)
        };
        let rollup = assess::roll_up(&assessments);
        Evaluation { figures, table, assessments, proxy_assessments, rollup }
    }

    /// The session as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// Reads a session from JSON. A field that is missing takes its default, so
    /// a file from an older version loads; a file from a newer version, or one
    /// that is not a session at all, gives an error that says where and why.
    pub fn from_json(text: &str) -> Result<Session, SessionError> {
        let text = text.trim_start_matches('\u{feff}');
        // Syntax first, so a broken file is reported at its broken place.
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| SessionError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if !text.trim_start().starts_with('{') {
            return Err(SessionError::NotASession);
        }
        #[derive(Deserialize)]
        struct Header {
            format_version: Option<u64>,
        }
        let header: Header = serde_json::from_str(text).map_err(|e| field_error(text, &e))?;
        let version = header.format_version.ok_or(SessionError::NotASession)?;
        if version > u64::from(FORMAT_VERSION) {
            return Err(SessionError::TooNew { version });
        }
        let session: Session = serde_json::from_str(text).map_err(|e| field_error(text, &e))?;
        session.validate()?;
        Ok(session)
    }

    /// Checks every number the session carries against its documented bounds
    /// (README "Limits"); [`Session::from_json`] calls it, so every importer
    /// (session file, share link, storage) refuses the same things, with the
    /// field named, and changes nothing.
    pub fn validate(&self) -> Result<(), SessionError> {
        let field = |field: String, message: String| Err(SessionError::Field { field, message });
        if let Err(bad) = self.settings.validate() {
            return field(bad.field, bad.message);
        }
        for (i, c) in self.choices.iter().enumerate() {
            if !(2000..=2100).contains(&c.year) {
                return field(format!("choices[{i}].year"), format!("{} is outside 2000–2100", c.year));
            }
            if !c.value.is_finite() || c.value.abs() > MAX_VALUE {
                return field(format!("choices[{i}].value"), format!("{} is outside ±{MAX_VALUE:e}", c.value));
            }
        }
        for (id, change) in &self.scenarios {
            let (v, limit) = match change {
                WhatIfChange::UnitsPerYear(v) => (*v, MAX_VALUE),
                WhatIfChange::PercentPerYear(v) => (*v, 1000.0),
                WhatIfChange::RequiredPace => continue,
            };
            if !v.is_finite() || v.abs() > limit {
                return field(format!("scenarios.{id}"), format!("{v} is outside ±{limit}"));
            }
        }
        Ok(())
    }
}

/// The largest magnitude a value from outside may have (README "Limits").
pub const MAX_VALUE: f64 = 1e15;

/// A type error inside a syntactically valid file, naming the session field
/// it is in: the top-level key whose value holds the place serde_json stopped
/// at (its message adds the line and column).
fn field_error(text: &str, error: &serde_json::Error) -> SessionError {
    let offset: usize =
        text.split_inclusive('\n').take(error.line().saturating_sub(1)).map(str::len).sum::<usize>() + error.column();
    SessionError::Field { field: top_level_key_at(text, offset).unwrap_or_default(), message: error.to_string() }
}

/// The key of the top-level object member whose value spans byte `offset` of
/// a syntactically valid JSON text.
fn top_level_key_at(text: &str, offset: usize) -> Option<String> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut string_start, mut last_string, mut key) = (0usize, None::<(usize, usize)>, None);
    for (i, c) in text.char_indices().take_while(|&(i, _)| i < offset) {
        if in_string {
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => {
                    in_string = false;
                    last_string = Some((string_start, i));
                }
                _ => escaped = false,
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                string_start = i + 1;
            }
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            ':' if depth == 1 => key = last_string.map(|(a, b)| text[a..b].to_string()),
            _ => {}
        }
    }
    key
}

/// Why a session file could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("this is not a Gapcast session file (it has no format_version)")]
    NotASession,
    #[error("made by a newer Gapcast (format {version}); this one reads up to format {FORMAT_VERSION}")]
    TooNew { version: u64 },
    #[error("field `{field}`: {message}")]
    Field { field: String, message: String },
}

impl SessionError {
    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            SessionError::Syntax { line, column, message } => {
                format!("第 {line} 行第 {column} 列不是有效的 JSON：{message}")
            }
            SessionError::NotASession => "这不是 Gapcast 会话文件（缺少 format_version）".to_string(),
            SessionError::TooNew { version } => {
                format!("该文件由较新版本的 Gapcast 生成（格式 {version}），本版本最多读取格式 {FORMAT_VERSION}")
            }
            SessionError::Field { field, message } => format!("字段 `{field}` 有误：{message}"),
        }
    }
}

/// Everything the page shows, derived from a session and a catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub figures: Figures,
    /// The pasted text split into cells, as the parser saw it.
    pub table: RawTable,
    /// One per catalog indicator, in catalog order.
    pub assessments: Vec<Assessment>,
    /// One per suggested proxy of a goal ([`Catalog::proxies`]), under the
    /// goal's id; not in the roll-up, which counts the plan's own targets.
    pub proxy_assessments: Vec<Assessment>,
    pub rollup: RollUp,
}

impl Evaluation {
    /// The assessment of one indicator, or of a goal's proxy.
    pub fn assessment(&self, id: &str) -> Option<&Assessment> {
        self.assessments.iter().chain(&self.proxy_assessments).find(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::builtin;

    #[test]
    fn a_session_round_trips_through_json() {
        let mut s = Session::new(2026);
        s.raw = "指标\t2021年\n孕产妇死亡率\t8.1\n".into();
        s.assignments.insert("本地指标".into(), "W-HEALTH-02".into());
        s.choose("W-HEALTH-02", 2021, 8.0);
        s.choose("W-HEALTH-02", 2021, 8.1);
        s.scenarios.insert("W-HEALTH-02".into(), WhatIfChange::PercentPerYear(-3.0));
        assert_eq!(s.choices.len(), 1, "a later choice replaces the earlier");
        assert_eq!(Session::from_json(&s.to_json()), Ok(s));
    }

    /// Another district's one-indicator women's plan.
    const OTHER: &str = "plan = \"women\"\ntitle_zh = \"某区妇女发展规划\"\n\n[[indicator]]\nid = \"W-X-01\"\n\
        domain = \"妇女与健康\"\nname_zh = \"某率\"\nname_en = \"Some rate\"\nunit = \"percent\"\n\
        comparator = \"ge\"\nvalue = 90\nsource = \"某区规划\"\n";

    #[test]
    fn catalog_files_go_beside_or_instead_of_the_plans() {
        let mut s = Session::new(2026);
        let plans = builtin().indicators.len();
        assert_eq!(s.catalog().catalog.indicators.len(), plans);
        s.catalogs.push(CatalogFile { name: "other.toml".into(), text: OTHER.into() });
        let beside = s.catalog();
        assert_eq!((beside.catalog.indicators.len(), beside.issues.len(), beside.fell_back), (plans + 1, 0, false));
        assert_eq!(beside.catalog.title(crate::catalog::Plan::Women, true), Some("花都区妇女发展规划（2021—2030年）"));
        s.catalog_mode = CatalogMode::Instead;
        let instead = s.catalog();
        assert_eq!(instead.catalog.indicators.len(), 1);
        assert_eq!(instead.catalog.title(crate::catalog::Plan::Women, true), Some("某区妇女发展规划"));
        // The file travels in the session file.
        assert_eq!(Session::from_json(&s.to_json()), Ok(s.clone()));
        // A file with no sound indicator: its issues, and the plans' catalog.
        s.catalogs[0].text = OTHER.replace("\"percent\"", "\"furlongs\"").into();
        let broken = s.catalog();
        assert!(broken.fell_back);
        assert_eq!(broken.catalog.indicators.len(), plans);
        assert_eq!(
            broken.issues.iter().map(CatalogIssue::location).collect::<Vec<_>>(),
            ["other.toml:9 [W-X-01] unit"]
        );
    }

    #[test]
    fn an_older_file_with_fewer_fields_still_loads() {
        let s = Session::from_json(r#"{"format_version": 1, "raw": "a\tb"}"#).unwrap();
        assert_eq!(&*s.raw, "a\tb");
        assert_eq!(s.settings.level, 0.8);
        assert!(s.catalogs.is_empty());
        assert_eq!(s.catalog_mode, CatalogMode::Beside);
    }

    #[test]
    fn evaluations_are_kept_and_old_files_have_none() {
        let mut s = Session::new(2026);
        s.set_evaluation("W-HEALTH-32", "已开展避孕服务进社区。\n下一步：");
        s.set_evaluation("C-SAFETY-11", "  ");
        assert_eq!(s.evaluations.len(), 1, "an empty text is no evaluation");
        assert_eq!(Session::from_json(&s.to_json()), Ok(s.clone()));
        s.set_evaluation("W-HEALTH-32", "");
        assert!(s.evaluations.is_empty());
        let old = Session::from_json(r#"{"format_version": 1, "raw": ""}"#).unwrap();
        assert!(old.evaluations.is_empty());
    }

    #[test]
    fn a_proxy_pasted_by_name_is_judged_apart_from_the_plan() {
        let catalog = builtin();
        let goal = catalog.goals.iter().find(|g| g.proxy.as_ref().is_some_and(|p| p.name_zh == "人工流产率")).unwrap();
        let mut s = Session::new(2026);
        s.raw = "指标\t2021年\t2022年\t2023年\t2024年\n人工流产率\t14.0\t13.1\t12.5\t11.8\n孕产妇死亡率\t8.2\t7.9\t7.4\t7.2\n".into();
        let e = s.evaluate(&catalog);
        assert!(e.figures.unmatched.is_empty(), "{:?}", e.figures.unmatched);
        assert_eq!(e.assessments.len(), catalog.indicators.len(), "proxies are not the plan's indicators");
        assert_eq!(e.proxy_assessments.len(), catalog.proxies.len());
        let a = e.assessment(&goal.id).unwrap();
        assert_eq!((a.n_points, a.latest_value), (4, Some(11.8)));
        assert_eq!(a.status, crate::assess::Status::SignificantProgress, "falling, as 减少非意愿妊娠 asks");
        assert_eq!(catalog.get(&goal.id).and_then(|i| i.proxy_for.as_deref()), Some(goal.id.as_str()));
    }

    #[test]
    fn bad_files_say_where_and_why() {
        let check = |text: &str, expected: &str| {
            let err = Session::from_json(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?} gave {err:?}, expected it to mention {expected:?}");
        };
        check("{\n  \"raw\": ", "line 2");
        check("[1, 2]", "not a Gapcast session");
        check(r#"{"format_version": 99}"#, "newer Gapcast (format 99)");
        check(r#"{"format_version": 1, "raw": 5}"#, "field `raw`");
        check(r#"{"format_version": 1, "settings": {"level": "high"}}"#, "field `settings`");
        check(r#"{"format_version": 1, "assignments": {"a\"b": 3}}"#, "field `assignments`");
        check(r#"{"format_version": "one"}"#, "field `format_version`");
    }

    #[test]
    fn evaluate_runs_the_whole_pipeline() {
        let catalog = builtin();
        let mut s = Session::new(2026);
        s.raw = "指标\t单位\t2021年\t2022年\t2023年\n孕产妇死亡率\t1/10万\t8.2\t7.9\t7.4\n".into();
        let e = s.evaluate(&catalog);
        assert_eq!(e.assessments.len(), catalog.indicators.len());
        let mm = e.assessment("W-HEALTH-02").unwrap();
        assert_eq!((mm.n_points, mm.latest_value), (3, Some(7.4)));
        assert!(e.figures.diagnostics.iter().all(|d| d.severity != figures::Severity::Error));
    }
}
