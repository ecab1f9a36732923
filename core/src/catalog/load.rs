//! Loading catalog files: TOML text → `toml` tree ([`super::parse`]) → [`super::raw`] structs → validated
//! [`Indicator`]s, with every problem reported at once.
//!
//! **Why `(Catalog, Vec<CatalogIssue>)` and not `Result`:** a catalog is user
//! input (the same loader reads another district's own plan file), and user input
//! never fails wholesale here. The caller gets every indicator that is sound plus
//! one located issue per problem; an indicator with an error is left out, never
//! half-loaded. The page can then show what works beside the list of problems, and
//! the CLI exits with status 1 when any issue is an error ([`has_errors`]).
//!
//! **Why each `[[indicator]]` block is parsed on its own:** a TOML parser stops
//! at the first syntax error of a document, so one missing quote would hide every
//! other problem of the file. TOML puts the root keys before any table header, so
//! cutting the text at the `[[indicator]]` lines gives the header and then one
//! self-contained document per indicator, each parsed separately with its byte
//! offset kept for line numbers. (A line reading `[[indicator]]` inside a
//! multi-line string would be cut too; the format has no use for one.)
//!
//! This module knows nothing about figures or assessment.

use std::collections::HashMap;
use std::ops::Range;

use super::issue::{CatalogIssue, IssueKind, COMPARATORS, INEQUALITIES};
use super::model::{
    Bounds, Comparator, Direction, Goal, Indicator, Milestone, Plan, PlanGoal, PlanTitle, Proxy, Scale, Target, Unit,
};
use super::raw::{self, RawIndicator, ShapeProblem, Spanned};
use super::parse::{self, SyntaxError};
use super::Catalog;

/// The target year when a catalog gives none.
pub const DEFAULT_TARGET_YEAR: i32 = 2030;

/// The seed files, as (file name, text), embedded in the binary for the CLI's
/// checks. The page's built-in catalog does not parse them at run time: the build
/// script checks them with this loader and embeds the result (see
/// [`builtin`](super::builtin)). Names are relative to the workspace root.
pub const BUILTIN_FILES: [(&str, &str); 2] = [
    ("seeds/huadu-women-2021-2030.toml", include_str!("../../../seeds/huadu-women-2021-2030.toml")),
    ("seeds/huadu-children-2021-2030.toml", include_str!("../../../seeds/huadu-children-2021-2030.toml")),
];

/// Whether any issue is an error (as opposed to a warning).
pub fn has_errors(issues: &[CatalogIssue]) -> bool {
    issues.iter().any(CatalogIssue::is_error)
}

/// Loads catalog files given as (file name, text), in order. Ids must be unique
/// across all of them. Returns every sound indicator and every issue found;
/// see the module docs for why this does not return a `Result`.
///
/// ```
/// use gapcast_core::catalog::load_files;
/// let text = "plan = \"women\"\n\n[[indicator]]\nid = \"W-X-01\"\ndomain = \"d\"\n\
///             name_zh = \"甲\"\nname_en = \"A\"\nunit = \"furlongs\"\n\
///             comparator = \"ge\"\nvalue = 1\nsource = \"s\"\n";
/// let (catalog, issues) = load_files(&[("mine.toml", text)]);
/// assert!(catalog.indicators.is_empty());
/// assert_eq!(issues[0].location(), "mine.toml:8 [W-X-01] unit");
/// ```
pub fn load_files(files: &[(&str, &str)]) -> (Catalog, Vec<CatalogIssue>) {
    let mut catalog = Catalog::default();
    let mut issues = Vec::new();
    // First definition of each id: (file, line), for the duplicate message.
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for (name, text) in files {
        let file = SourceText::new(name, text);
        let mut file_issues = Vec::new();
        let loaded = load_one(&file, &mut file_issues);
        catalog.titles.extend(loaded.title);
        for (indicator, line) in loaded.indicators {
            if let Some((first_file, first_line)) = seen.get(&indicator.id) {
                file_issues.push(CatalogIssue {
                    file: name.to_string(),
                    line: Some(line),
                    id: Some(indicator.id.clone()),
                    field: Some("id".into()),
                    kind: IssueKind::DuplicateId {
                        id: indicator.id.clone(),
                        first_file: first_file.clone(),
                        first_line: *first_line,
                    },
                });
                continue;
            }
            seen.insert(indicator.id.clone(), (name.to_string(), line));
            catalog.indicators.push(indicator);
        }
        for (goal, line) in loaded.goals {
            if let Some((first_file, first_line)) = seen.get(&goal.id) {
                file_issues.push(CatalogIssue {
                    file: name.to_string(),
                    line: Some(line),
                    id: Some(goal.id.clone()),
                    field: Some("id".into()),
                    kind: IssueKind::DuplicateId {
                        id: goal.id.clone(),
                        first_file: first_file.clone(),
                        first_line: *first_line,
                    },
                });
                continue;
            }
            seen.insert(goal.id.clone(), (name.to_string(), line));
            catalog.proxies.extend(goal.proxy_indicator());
            catalog.goals.push(goal);
        }
        // In reading order: a stable sort keeps a line's issues in check order.
        crate::sort::sort_by_key(&mut file_issues, |issue| issue.line);
        issues.append(&mut file_issues);
    }
    check_across(&catalog, &seen, &mut issues);
    (catalog, issues)
}

/// A file's text with its line index, so byte spans become line numbers.
struct SourceText<'a> {
    name: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceText<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceText { name, text, line_starts }
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Cuts a file into its header (the root table) and one range per
/// `[[indicator]]` block, each starting at its header line.
fn split_blocks(text: &str) -> (Range<usize>, Vec<Range<usize>>) {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_indicator_header(line) {
            starts.push(offset);
        }
        offset += line.len();
    }
    let header_end = starts.first().copied().unwrap_or(text.len());
    let blocks =
        starts.iter().enumerate().map(|(i, &start)| start..starts.get(i + 1).copied().unwrap_or(text.len())).collect();
    (0..header_end, blocks)
}

/// Whether a line is an `[[indicator]]` table header (spaces and quotes allowed).
fn is_indicator_header(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("[[") else {
        return false;
    };
    let Some(end) = rest.find("]]") else {
        return false;
    };
    matches!(rest[..end].trim(), "indicator" | "\"indicator\"" | "'indicator'")
}

struct LoadedFile {
    /// Sound indicators with the line of their `[[indicator]]` header.
    indicators: Vec<(Indicator, usize)>,
    /// Sound goals without a measure (`quantified = false`), likewise.
    goals: Vec<(PlanGoal, usize)>,
    /// The plan's titles from the header, when it names a known plan.
    title: Option<PlanTitle>,
}

fn load_one(file: &SourceText, issues: &mut Vec<CatalogIssue>) -> LoadedFile {
    let (header_range, blocks) = split_blocks(file.text);
    let (plan, title) = load_header(file, header_range, issues);
    if blocks.is_empty() {
        issues.push(CatalogIssue {
            file: file.name.to_string(),
            line: None,
            id: None,
            field: None,
            kind: IssueKind::NoIndicators,
        });
    }
    let mut indicators = Vec::new();
    let mut goals = Vec::new();
    for range in blocks {
        let base = range.start;
        let header_line = file.line_of(base);
        let root = match parse::parse(&file.text[range]) {
            Ok(root) => root,
            Err(err) => {
                issues.push(toml_issue(file, base, &err));
                continue;
            }
        };
        let mut problems = Vec::new();
        let raws = raw::block(root, &mut problems);
        let mut check = Check::new(file, base, header_line, issues);
        check.shape(&problems);
        for raw in raws {
            let mut check = Check::new(file, base, header_line, issues);
            if raw.quantified.as_ref().is_some_and(|q| !*q.get_ref()) {
                goals.extend(check.plan_goal(raw, plan).map(|goal| (goal, header_line)));
            } else if let Some(indicator) = check.indicator(raw, plan) {
                indicators.push((indicator, header_line));
            }
        }
    }
    LoadedFile { indicators, goals, title }
}

/// Checks the file header and returns its plan, with its titles when given.
fn load_header(
    file: &SourceText,
    range: Range<usize>,
    issues: &mut Vec<CatalogIssue>,
) -> (Option<Plan>, Option<PlanTitle>) {
    let root = match parse::parse(&file.text[range]) {
        Ok(root) => root,
        Err(err) => {
            issues.push(toml_issue(file, 0, &err));
            return (None, None);
        }
    };
    let mut problems = Vec::new();
    let raw = raw::header(root, &mut problems);
    let mut check = Check::new(file, 0, 1, issues);
    check.shape(&problems);
    let Some(value) = raw.plan else {
        check.raise(None, "plan", IssueKind::MissingField { field: "plan" });
        return (None, None);
    };
    let plan = plan_from_key(value.get_ref().trim());
    if plan.is_none() {
        let kind = IssueKind::UnknownPlan { value: value.get_ref().clone() };
        check.raise(Some(value.span()), "plan", kind);
    }
    let zh = check.optional_text(raw.title_zh, "title_zh");
    let en = check.optional_text(raw.title_en, "title_en");
    let title = plan.filter(|_| zh.is_some() || en.is_some()).map(|plan| PlanTitle { plan, zh, en });
    (plan, title)
}

fn plan_from_key(key: &str) -> Option<Plan> {
    [Plan::Women, Plan::Children].into_iter().find(|p| p.key() == key)
}

/// A located issue from the TOML reader (bad syntax), with its column.
fn toml_issue(file: &SourceText, base: usize, err: &SyntaxError) -> CatalogIssue {
    let offset = (base + err.at).min(file.text.len());
    let line = file.line_of(offset);
    let line_start = file.line_starts[line - 1];
    let column = file.text.get(line_start..offset).map_or(1, |before| before.chars().count() + 1);
    CatalogIssue {
        file: file.name.to_string(),
        line: Some(line),
        id: None,
        field: key_on_line(file.text, offset),
        kind: IssueKind::Toml { message: err.en.clone(), zh: err.zh.clone(), column },
    }
}

/// The key written before `=` on the line holding `offset`, if it is a plain key.
fn key_on_line(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let (key, _) = text[start..end].split_once('=')?;
    let key = key.trim();
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then(|| key.to_string())
}

/// The second stage for one block: checks a raw indicator and builds the
/// validated one, raising an issue for every problem on the way.
struct Check<'a, 'b> {
    file: &'a SourceText<'a>,
    /// Byte offset of the block in the file (spans are relative to it).
    base: usize,
    /// Line of the block's `[[indicator]]` header, for problems with no span
    /// (a missing field).
    header_line: usize,
    id: Option<String>,
    issues: &'b mut Vec<CatalogIssue>,
    /// Errors raised so far; an indicator with any is left out.
    errors: usize,
    /// Fields present with a value of the wrong type: already reported, so not
    /// reported again as missing.
    wrong: Vec<String>,
}

impl<'a, 'b> Check<'a, 'b> {
    fn new(file: &'a SourceText<'a>, base: usize, header_line: usize, issues: &'b mut Vec<CatalogIssue>) -> Self {
        Check { file, base, header_line, id: None, issues, errors: 0, wrong: Vec::new() }
    }

    /// Raises the shape problems the first stage found.
    fn shape(&mut self, problems: &[ShapeProblem]) {
        for problem in problems {
            self.wrong.push(problem.field.clone());
            self.raise(Some(problem.span.clone()), &problem.field, problem.kind.clone());
        }
    }

    fn raise(&mut self, span: Option<Range<usize>>, field: &str, kind: IssueKind) {
        if kind.severity() == super::issue::Severity::Error {
            self.errors += 1;
        }
        let missing = matches!(
            kind,
            IssueKind::MissingField { .. }
                | IssueKind::MissingValue { .. }
                | IssueKind::MissingValue2
                | IssueKind::NoTarget
        );
        if missing && self.wrong.iter().any(|w| w == field) {
            return;
        }
        let line = span.map_or(self.header_line, |s| self.file.line_of(self.base + s.start));
        self.issues.push(CatalogIssue {
            file: self.file.name.to_string(),
            line: Some(line),
            id: self.id.clone(),
            field: Some(field.to_string()),
            kind,
        });
    }

    /// A required, non-empty text field.
    fn text(&mut self, value: Option<Spanned<String>>, field: &'static str) -> Option<String> {
        let Some(value) = value else {
            self.raise(None, field, IssueKind::MissingField { field });
            return None;
        };
        let trimmed = value.get_ref().trim();
        if trimmed.is_empty() {
            self.raise(Some(value.span()), field, IssueKind::Empty { field });
            return None;
        }
        // Most texts need no trimming: keep them rather than copy them.
        Some(if trimmed.len() == value.get_ref().len() { value.into_inner() } else { trimmed.to_string() })
    }

    /// An optional text field that, when present, must not be empty.
    fn optional_text(&mut self, value: Option<Spanned<String>>, field: &'static str) -> Option<String> {
        value.and_then(|value| self.text(Some(value), field))
    }

    fn in_bounds(&mut self, value: &Spanned<f64>, bounds: Bounds, field: &'static str) -> f64 {
        let v = *value.get_ref();
        if !v.is_finite() || !bounds.contains(v) {
            self.raise(Some(value.span()), field, IssueKind::OutOfBounds { field, value: v, bounds });
        }
        v
    }

    fn year(&mut self, value: &Spanned<i64>, field: &'static str) -> Option<i32> {
        let year = *value.get_ref();
        if !(1900..=2200).contains(&year) {
            self.raise(Some(value.span()), field, IssueKind::BadYear { field, value: year });
            return None;
        }
        i32::try_from(year).ok()
    }

    /// A plain inequality (`le`, `lt`, `ge`, `gt`), as milestones and levels need.
    fn inequality(&mut self, value: Option<Spanned<String>>, field: &'static str) -> Option<Comparator> {
        let value = value.or_else(|| {
            self.raise(None, field, IssueKind::MissingField { field });
            None
        })?;
        let parsed = inequality_from_key(value.get_ref().trim());
        if parsed.is_none() {
            let kind = IssueKind::UnknownComparator { value: value.get_ref().clone(), allowed: INEQUALITIES };
            self.raise(Some(value.span()), field, kind);
        }
        parsed
    }

    fn indicator(&mut self, mut raw: RawIndicator, plan: Option<Plan>) -> Option<Indicator> {
        self.wrong = raw.problems.iter().map(|p| p.field.clone()).collect();
        let id = self.text(raw.id.take(), "id");
        self.id = id.clone();
        let problems = std::mem::take(&mut raw.problems);
        self.shape(&problems);
        if let (Some(id), Some(plan)) = (&id, plan) {
            let expected = match plan {
                Plan::Women => "W-",
                Plan::Children => "C-",
            };
            if !id.starts_with(expected) {
                let kind = IssueKind::IdPrefix { id: id.clone(), expected, plan: plan.key() };
                self.raise(None, "id", kind);
            }
        }
        let key = self.optional_text(raw.key.take(), "key");
        let domain = self.text(raw.domain.take(), "domain");
        let name_zh = self.text(raw.name_zh.take(), "name_zh");
        let name_en = self.text(raw.name_en.take(), "name_en");
        let mut aliases = Vec::new();
        for alias in raw.aliases.take().unwrap_or_default() {
            if let Some(alias) = self.text(Some(alias), "aliases") {
                aliases.push(alias);
            }
        }
        let source = self.text(raw.source.take(), "source");
        let wording_zh = self.optional_text(raw.wording_zh.take(), "wording_zh");
        let (notes_zh, notes_en) = self.notes(&mut raw);
        if let Some(proxy) = &raw.proxy {
            self.raise(Some(proxy.span()), "proxy", IssueKind::ProxyOnMeasured);
        }

        let unit = match &raw.unit {
            None => {
                self.raise(None, "unit", IssueKind::MissingField { field: "unit" });
                None
            }
            Some(unit) => {
                let parsed = Unit::from_key(unit.get_ref().trim());
                if parsed.is_none() {
                    let allowed = Unit::ALL.map(Unit::key).join(", ");
                    let kind = IssueKind::UnknownUnit { value: unit.get_ref().clone(), allowed };
                    self.raise(Some(unit.span()), "unit", kind);
                }
                parsed
            }
        };

        // Bounds: the unit's default, or the catalog's own (a missing side is open).
        let bounds = match (&raw.bounds, unit) {
            (Some(b), _) => {
                let inner = b.get_ref();
                let bounds = Bounds { lower: inner.lower, upper: inner.upper };
                if let (Some(lower), Some(upper)) = (bounds.lower, bounds.upper) {
                    if lower > upper {
                        self.raise(Some(b.span()), "bounds", IssueKind::BadBounds { lower, upper });
                    }
                }
                Some(bounds)
            }
            (None, Some(unit)) => Some(unit.default_bounds()),
            (None, None) => None,
        };
        // With an unknown unit there is nothing to check values against; the unit
        // error is already raised, so use open bounds rather than invent any.
        let check_bounds = bounds.unwrap_or(Bounds { lower: None, upper: None });

        let scale = raw.scale.as_ref().and_then(|scale| {
            let parsed = Scale::from_key(scale.get_ref().trim());
            if parsed.is_none() {
                let kind = IssueKind::UnknownScale { value: scale.get_ref().clone() };
                self.raise(Some(scale.span()), "scale", kind);
            }
            parsed
        });

        let year = match &raw.year {
            Some(year) => self.year(year, "year"),
            None => Some(DEFAULT_TARGET_YEAR),
        };

        let goal = self.goal(&raw, check_bounds);

        let mut milestones = Vec::new();
        for milestone in raw.milestones.take().unwrap_or_default() {
            let span = milestone.span();
            let m = milestone.into_inner();
            let m_year = match &m.year {
                Some(y) => self.year(y, "milestones.year"),
                None => {
                    let kind = IssueKind::MissingField { field: "milestones.year" };
                    self.raise(Some(span.clone()), "milestones.year", kind);
                    None
                }
            };
            if let (Some(m_year), Some(target_year), Some(y)) = (m_year, year, &m.year) {
                if m_year >= target_year {
                    let kind =
                        IssueKind::MilestoneNotBefore { year: i64::from(m_year), target_year: i64::from(target_year) };
                    self.raise(Some(y.span()), "milestones.year", kind);
                }
            }
            let comparator = match m.comparator {
                Some(c) => self.inequality(Some(c), "milestones.comparator"),
                None => {
                    let kind = IssueKind::MissingField { field: "milestones.comparator" };
                    self.raise(Some(span.clone()), "milestones.comparator", kind);
                    None
                }
            };
            let value = match &m.value {
                Some(v) => Some(self.in_bounds(v, check_bounds, "milestones.value")),
                None => {
                    let kind = IssueKind::MissingField { field: "milestones.value" };
                    self.raise(Some(span), "milestones.value", kind);
                    None
                }
            };
            if let (Some(year), Some(comparator), Some(value)) = (m_year, comparator, value) {
                milestones.push(Milestone { year, comparator, value });
            }
        }
        crate::sort::sort_by_key(&mut milestones, |m| m.year);

        if self.errors > 0 {
            return None;
        }
        Some(Indicator {
            id: id?,
            key,
            plan: plan?,
            domain: domain?,
            name_zh: name_zh?,
            name_en: name_en?,
            aliases,
            unit: unit?,
            bounds: bounds?,
            target: Target { goal: goal?, year: year? },
            milestones,
            scale,
            source: source?,
            wording_zh,
            notes_zh,
            notes_en,
            proxy_for: None,
        })
    }

    /// `notes_zh` and `notes_en`; an old file's `notes` is read as English notes.
    fn notes(&mut self, raw: &mut RawIndicator) -> (Option<String>, Option<String>) {
        let zh = self.optional_text(raw.notes_zh.take(), "notes_zh");
        let old = raw.notes.take();
        if let (Some(old), Some(_)) = (&old, &raw.notes_en) {
            self.raise(Some(old.span()), "notes", IssueKind::NotesTwice);
        }
        let en = match raw.notes_en.take() {
            Some(en) => self.optional_text(Some(en), "notes_en"),
            None => self.optional_text(old, "notes"),
        };
        (zh, en)
    }

    /// A goal of the plan that names no quantity (`quantified = false`): a
    /// direction (`other` for a wanted state), the plan's wording, and no
    /// measured field; an optional suggested proxy.
    fn plan_goal(&mut self, mut raw: RawIndicator, plan: Option<Plan>) -> Option<PlanGoal> {
        self.wrong = raw.problems.iter().map(|p| p.field.clone()).collect();
        let id = self.text(raw.id.take(), "id");
        self.id = id.clone();
        let problems = std::mem::take(&mut raw.problems);
        self.shape(&problems);
        let domain = self.text(raw.domain.take(), "domain");
        let name_zh = self.text(raw.name_zh.take(), "name_zh");
        let name_en = self.text(raw.name_en.take(), "name_en");
        let wording_zh = self.text(raw.wording_zh.take(), "wording_zh");
        let source = self.text(raw.source.take(), "source");
        let (notes_zh, notes_en) = self.notes(&mut raw);
        let measured: [(&'static str, Option<Range<usize>>); 12] = [
            ("key", raw.key.as_ref().map(Spanned::span)),
            ("aliases", raw.aliases.as_ref().and_then(|a| a.first()).map(Spanned::span)),
            ("unit", raw.unit.as_ref().map(Spanned::span)),
            ("bounds", raw.bounds.as_ref().map(Spanned::span)),
            ("comparator", raw.comparator.as_ref().map(Spanned::span)),
            ("value", raw.value.as_ref().map(Spanned::span)),
            ("value2", raw.value2.as_ref().map(Spanned::span)),
            ("tolerance", raw.tolerance.as_ref().map(Spanned::span)),
            ("level", raw.level.as_ref().map(Spanned::span)),
            ("year", raw.year.as_ref().map(Spanned::span)),
            ("milestones", raw.milestones.as_ref().and_then(|m| m.first()).map(Spanned::span)),
            ("scale", raw.scale.as_ref().map(Spanned::span)),
        ];
        for (field, span) in measured {
            if let Some(span) = span {
                self.raise(Some(span), field, IssueKind::NotForGoal { field });
            }
        }
        let direction = self.direction(raw.direction.take(), "direction");
        let proxy = raw.proxy.take().and_then(|p| self.proxy(p));
        if self.errors > 0 {
            return None;
        }
        Some(PlanGoal {
            id: id?,
            plan: plan?,
            domain: domain?,
            name_zh: name_zh?,
            name_en: name_en?,
            direction: direction?,
            wording_zh: wording_zh?,
            source: source?,
            notes_zh,
            notes_en,
            proxy,
        })
    }

    /// A required direction key.
    fn direction(&mut self, value: Option<Spanned<String>>, field: &'static str) -> Option<Direction> {
        let Some(value) = value else {
            self.raise(None, field, IssueKind::MissingField { field });
            return None;
        };
        let parsed = Direction::from_key(value.get_ref().trim());
        if parsed.is_none() {
            self.raise(Some(value.span()), field, IssueKind::UnknownDirection { value: value.get_ref().clone() });
        }
        parsed
    }

    /// A goal's suggested proxy: both names, a known unit, a direction that
    /// can be judged (not `other`, which has nothing to compare).
    fn proxy(&mut self, proxy: Spanned<raw::RawProxy>) -> Option<Proxy> {
        let span = proxy.span();
        let p = proxy.into_inner();
        let required = |check: &mut Self, value: Option<Spanned<String>>, field: &'static str| match value {
            None => {
                check.raise(Some(span.clone()), field, IssueKind::MissingField { field });
                None
            }
            some => check.text(some, field),
        };
        let name_zh = required(self, p.name_zh, "proxy.name_zh");
        let name_en = required(self, p.name_en, "proxy.name_en");
        let unit = match required(self, p.unit.clone(), "proxy.unit") {
            None => None,
            Some(key) => {
                let parsed = Unit::from_key(&key);
                if parsed.is_none() {
                    let allowed = Unit::ALL.map(Unit::key).join(", ");
                    let at = p.unit.as_ref().map(Spanned::span);
                    self.raise(at, "proxy.unit", IssueKind::UnknownUnit { value: key, allowed });
                }
                parsed
            }
        };
        let direction = match p.direction {
            None => {
                self.raise(Some(span), "proxy.direction", IssueKind::MissingField { field: "proxy.direction" });
                None
            }
            Some(d) => {
                let at = d.span();
                let parsed = self.direction(Some(d), "proxy.direction");
                if parsed == Some(Direction::Other) {
                    self.raise(Some(at), "proxy.direction", IssueKind::ProxyNotJudged);
                    None
                } else {
                    parsed
                }
            }
        };
        Some(Proxy { name_zh: name_zh?, name_en: name_en?, unit: unit?, direction: direction? })
    }

    /// The target's goal: a comparator with its value(s), or a direction.
    fn goal(&mut self, raw: &RawIndicator, bounds: Bounds) -> Option<Goal> {
        match (&raw.comparator, &raw.direction) {
            (Some(c), Some(d)) => {
                let kind = IssueKind::BothTargets { comparator: c.get_ref().clone(), direction: d.get_ref().clone() };
                self.raise(Some(d.span()), "direction", kind);
                None
            }
            (None, None) => {
                self.raise(None, "comparator", IssueKind::NoTarget);
                None
            }
            (Some(c), None) => self.compare_goal(raw, c, bounds),
            (None, Some(d)) => self.direction_goal(raw, d, bounds),
        }
    }

    fn compare_goal(&mut self, raw: &RawIndicator, c: &Spanned<String>, bounds: Bounds) -> Option<Goal> {
        let key = c.get_ref().trim();
        if let Some(level) = &raw.level {
            self.raise(Some(level.span()), "level", IssueKind::LevelWithoutMaintain);
        }
        if !matches!(key, "le" | "lt" | "ge" | "gt" | "approx" | "between") {
            let kind = IssueKind::UnknownComparator { value: c.get_ref().clone(), allowed: COMPARATORS };
            self.raise(Some(c.span()), "comparator", kind);
            return None;
        }
        if key != "between" {
            if let Some(v2) = &raw.value2 {
                let kind = IssueKind::Value2WithoutBetween { value2: *v2.get_ref(), comparator: key.into() };
                self.raise(Some(v2.span()), "value2", kind);
            }
        }
        let Some(value) = &raw.value else {
            self.raise(Some(c.span()), "value", IssueKind::MissingValue { comparator: key.into() });
            return None;
        };
        let value = self.in_bounds(value, bounds, "value");
        // A tolerance is the half-width of an "about" band, or τ_b of a target
        // on a bound ("≥ 100%" met within it of 100).
        let on_bound = match key {
            "ge" | "gt" => bounds.upper.is_some_and(|u| value >= u),
            "le" | "lt" => bounds.lower.is_some_and(|l| value <= l),
            _ => false,
        };
        if key != "approx" && !on_bound {
            if let Some(t) = &raw.tolerance {
                let kind = IssueKind::ToleranceWithoutApprox { value: *t.get_ref(), comparator: key.into() };
                self.raise(Some(t.span()), "tolerance", kind);
            }
        }
        let tolerance = raw.tolerance.as_ref().filter(|_| key == "approx" || on_bound).map(|t| {
            if *t.get_ref() < 0.0 {
                self.raise(Some(t.span()), "tolerance", IssueKind::NegativeTolerance { value: *t.get_ref() });
            }
            t.get_ref().abs()
        });
        match key {
            "approx" => Some(Goal::Approx { value, tolerance }),
            "between" => {
                let Some(v2) = &raw.value2 else {
                    self.raise(Some(c.span()), "value2", IssueKind::MissingValue2);
                    return None;
                };
                let high = self.in_bounds(v2, bounds, "value2");
                if high < value {
                    self.raise(Some(v2.span()), "value2", IssueKind::Value2BelowValue { value, value2: high });
                }
                Some(Goal::Between { low: value, high })
            }
            other => {
                let comparator = inequality_from_key(other)?;
                Some(Goal::Compare { comparator, value, tolerance })
            }
        }
    }

    fn direction_goal(&mut self, raw: &RawIndicator, d: &Spanned<String>, bounds: Bounds) -> Option<Goal> {
        let name = d.get_ref().clone();
        let numbers = [("value", &raw.value), ("value2", &raw.value2), ("tolerance", &raw.tolerance)];
        for (field, number) in numbers {
            if let Some(number) = number {
                let kind = IssueKind::NumberWithDirection { field, direction: name.clone() };
                self.raise(Some(number.span()), field, kind);
            }
        }
        let Some(direction) = Direction::from_key(name.trim()) else {
            self.raise(Some(d.span()), "direction", IssueKind::UnknownDirection { value: name });
            return None;
        };
        let level = match &raw.level {
            None => None,
            Some(level) if direction != Direction::Maintain => {
                self.raise(Some(level.span()), "level", IssueKind::LevelWithoutMaintain);
                None
            }
            Some(level) => {
                let span = level.span();
                let inner = level.get_ref();
                let comparator = self.inequality(inner.comparator.clone(), "level.comparator");
                let value = match &inner.value {
                    Some(v) => Some(self.in_bounds(v, bounds, "level.value")),
                    None => {
                        self.raise(Some(span), "level.value", IssueKind::MissingField { field: "level.value" });
                        None
                    }
                };
                comparator.zip(value)
            }
        };
        Some(Goal::Direction { direction, level })
    }
}

fn inequality_from_key(key: &str) -> Option<Comparator> {
    [Comparator::Le, Comparator::Lt, Comparator::Ge, Comparator::Gt].into_iter().find(|c| c.key() == key)
}

/// Checks that span indicators: a shared key must keep one unit (so figures
/// pasted once serve both), and a name or alias should point at one quantity.
fn check_across(catalog: &Catalog, seen: &HashMap<String, (String, usize)>, issues: &mut Vec<CatalogIssue>) {
    let locate = |indicator: &Indicator, field: &str, kind: IssueKind| {
        let (file, line) = seen.get(&indicator.id).cloned().unwrap_or_default();
        CatalogIssue { file, line: Some(line), id: Some(indicator.id.clone()), field: Some(field.to_string()), kind }
    };
    let mut first_with_key: HashMap<&str, &Indicator> = HashMap::new();
    let mut first_with_name: HashMap<&str, &Indicator> = HashMap::new();
    // A proxy's name is matched like an indicator's, so it must not clash either.
    for indicator in catalog.indicators.iter().chain(&catalog.proxies) {
        if let Some(key) = indicator.key.as_deref() {
            match first_with_key.get(key) {
                Some(other) if other.unit != indicator.unit => issues.push(locate(
                    indicator,
                    "unit",
                    IssueKind::KeyUnitMismatch {
                        key: key.to_string(),
                        unit: indicator.unit.key(),
                        other_id: other.id.clone(),
                        other_unit: other.unit.key(),
                    },
                )),
                Some(_) => {}
                None => {
                    first_with_key.insert(key, indicator);
                }
            }
        }
        let mut names: Vec<&str> = vec![&indicator.name_zh];
        names.extend(indicator.aliases.iter().map(String::as_str));
        crate::sort::sort_by(&mut names, |a, b| a.cmp(b));
        names.dedup();
        for name in names {
            match first_with_name.get(name) {
                Some(other) if other.key.is_none() || other.key != indicator.key => {
                    issues.push(locate(
                        indicator,
                        "name_zh",
                        IssueKind::NameClash { name: name.to_string(), other_id: other.id.clone() },
                    ));
                }
                Some(_) => {}
                None => {
                    first_with_name.insert(name, indicator);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sound women's file around the given indicator body lines.
    fn file(body: &str) -> String {
        format!("plan = \"women\"\n\n[[indicator]]\n{body}")
    }

    const GOOD: &str = "id = \"W-T-01\"\ndomain = \"妇女与健康\"\nname_zh = \"甲率\"\n\
                        name_en = \"A rate\"\nunit = \"percent\"\ncomparator = \"ge\"\n\
                        value = 70\nsource = \"妇女规划 二（一）主要目标 3\"\n";

    /// Loads one file and compares its issues, one `Display` line each.
    fn check(text: &str, expected: &[&str]) {
        let (_, issues) = load_files(&[("t.toml", text)]);
        let got: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(got, expected, "for input:\n{text}");
    }

    /// Replaces one line of GOOD (matched by its start) with `with`.
    fn good_with(start: &str, with: &str) -> String {
        let body: Vec<&str> = GOOD.lines().map(|l| if l.starts_with(start) { with } else { l }).collect();
        file(&(body.join("\n") + "\n"))
    }

    #[test]
    fn a_sound_file_loads_with_no_issue() {
        let (catalog, issues) = load_files(&[("t.toml", &file(GOOD))]);
        assert!(issues.is_empty(), "{issues:?}");
        let w = catalog.get("W-T-01").expect("loaded");
        assert_eq!(w.target.goal, Goal::Compare { comparator: Comparator::Ge, value: 70.0, tolerance: None });
        assert_eq!(w.target.year, 2030);
        assert_eq!(w.bounds, Unit::Percent.default_bounds());
    }

    /// A tolerance on a target on a bound is τ_b (METHODS.md version 2).
    #[test]
    fn a_target_on_a_bound_takes_a_tolerance() {
        let text = good_with("value", "value = 100\ntolerance = 0.5");
        let (catalog, issues) = load_files(&[("t.toml", &text)]);
        assert!(issues.is_empty(), "{issues:?}");
        let goal = &catalog.get("W-T-01").expect("loaded").target.goal;
        assert_eq!(*goal, Goal::Compare { comparator: Comparator::Ge, value: 100.0, tolerance: Some(0.5) });
    }

    #[test]
    fn bad_catalogs_give_located_messages() {
        // Lines: 1 plan, 3 [[indicator]], 4 id, 5 domain, 6 name_zh, 7 name_en,
        // 8 unit, 9 comparator, 10 value, 11 source, 12 the extra line if any.
        let cases: &[(String, &[&str])] = &[
            (
                good_with("unit", "unit = \"furlongs\""),
                &["t.toml:8 [W-T-01] unit: 错误 error: 未知单位「furlongs」（应为以下之一：percent, per_100k, per_100k_live_births, per_1000_live_births, per_1000_population, per_1000_children, per_10k, count, ratio, years, hours_per_day, minutes, times_per_year） / unknown unit \"furlongs\" (expected one of percent, per_100k, per_100k_live_births, per_1000_live_births, per_1000_population, per_1000_children, per_10k, count, ratio, years, hours_per_day, minutes, times_per_year)"],
            ),
            (
                good_with("comparator", "comparator = \"atleast\""),
                &["t.toml:9 [W-T-01] comparator: 错误 error: 未知比较方式「atleast」（应为以下之一：le, lt, ge, gt, approx, between） / unknown comparator \"atleast\" (expected one of le, lt, ge, gt, approx, between)"],
            ),
            (
                good_with("comparator", "direction = \"upward\"").replace("value = 70\n", ""),
                &["t.toml:9 [W-T-01] direction: 错误 error: 未知方向「upward」（应为以下之一：increase, decrease, slow_increase, maintain, other） / unknown direction \"upward\" (expected one of increase, decrease, slow_increase, maintain, other)"],
            ),
            (
                good_with("comparator", "").replace("value = 70\n", ""),
                &["t.toml:3 [W-T-01] comparator: 错误 error: 缺少目标：请给出 comparator 和 value，或给出 direction / no target: give either `comparator` and `value`, or `direction`"],
            ),
            (
                file(&(GOOD.to_string() + "direction = \"increase\"\n")),
                &["t.toml:12 [W-T-01] direction: 错误 error: 同时给出了比较方式「ge」和方向「increase」，只能二选一 / both comparator \"ge\" and direction \"increase\": give only one"],
            ),
            (
                good_with("value", "value = 120"),
                &["t.toml:10 [W-T-01] value: 错误 error: 「value」= 120 超出取值范围 [0, 100] / `value` = 120 is outside the bounds [0, 100]"],
            ),
            (
                good_with("value", "value = -3"),
                &["t.toml:10 [W-T-01] value: 错误 error: 「value」= -3 超出取值范围 [0, 100] / `value` = -3 is outside the bounds [0, 100]"],
            ),
            (
                file(&(GOOD.to_string() + "milestones = [{ year = 2030, comparator = \"ge\", value = 50 }]\n")),
                &["t.toml:12 [W-T-01] milestones.year: 错误 error: 阶段目标年份 2030 不早于目标年份 2030 / milestone year 2030 is not before the target year 2030"],
            ),
            (
                file(&(GOOD.to_string() + "year = 2025\nmilestones = [{ year = 2027, comparator = \"ge\", value = 50 }]\n")),
                &["t.toml:13 [W-T-01] milestones.year: 错误 error: 阶段目标年份 2027 不早于目标年份 2025 / milestone year 2027 is not before the target year 2025"],
            ),
            (
                good_with("comparator", "comparator = \"between\""),
                &["t.toml:9 [W-T-01] value2: 错误 error: 比较方式「between」需要 value2（区间上限） / comparator \"between\" needs `value2`, the upper end of the range"],
            ),
            (
                file(&(GOOD.replace("\"ge\"", "\"between\"") + "value2 = 60\n")),
                &["t.toml:12 [W-T-01] value2: 错误 error: value2 = 60 小于 value = 70 / value2 = 60 is below value = 70"],
            ),
            (
                file(&(GOOD.replace("\"ge\"", "\"approx\"") + "tolerance = -1\n")),
                &["t.toml:12 [W-T-01] tolerance: 错误 error: 容差 tolerance = -1 为负数 / tolerance = -1 is negative"],
            ),
            (
                file(&(GOOD.to_string() + "tolerance = 2\n")),
                &["t.toml:12 [W-T-01] tolerance: 错误 error: 容差 tolerance = 2 只用于比较方式「approx」或边界上的目标（如百分数「ge 100」、「le 0」），此处为「ge」 / `tolerance` = 2 is only used with comparator \"approx\" or a target on a bound (\"ge 100\" of a percentage, \"le 0\"), not \"ge\" here"],
            ),
            (
                good_with("source", ""),
                &["t.toml:3 [W-T-01] source: 错误 error: 缺少必填字段「source」 / required field `source` is missing"],
            ),
            (
                good_with("name_en", "name_en = \"  \""),
                &["t.toml:7 [W-T-01] name_en: 错误 error: 「name_en」为空 / `name_en` is empty"],
            ),
            (
                good_with("name_zh", "name_zh = \"\""),
                &["t.toml:6 [W-T-01] name_zh: 错误 error: 「name_zh」为空 / `name_zh` is empty"],
            ),
            (
                good_with("value", "value = \"70\""),
                &["t.toml:10 [W-T-01] value: 错误 error: 「value」应为数字，此处为 \"70\" / `value` must be a number, not \"70\""],
            ),
            (
                good_with("source", "sauce = \"x\""),
                &[
                    "t.toml:3 [W-T-01] source: 错误 error: 缺少必填字段「source」 / required field `source` is missing",
                    "t.toml:11 [W-T-01] sauce: 错误 error: 未知字段「sauce」（可用字段见 seeds/README.md） / unknown field `sauce` (see seeds/README.md for the fields)",
                ],
            ),
            (
                good_with("unit", "unit = percent"),
                &["t.toml:8:8 unit: 错误 error: TOML 格式错误：文本要写在引号中：\"…\" / malformed TOML: text must be in quotes: \"…\""],
            ),
            (
                file(&(GOOD.to_string() + "year = 20300\n")),
                &["t.toml:12 [W-T-01] year: 错误 error: 「year」= 20300 不是合理的年份（应在 1900—2200 之间） / `year` = 20300 is not a plausible year (expected 1900–2200)"],
            ),
            (
                file(&(GOOD.to_string() + "level = { comparator = \"ge\", value = 95 }\n")),
                &["t.toml:12 [W-T-01] level: 错误 error: level 只用于方向「maintain」（保持） / `level` is only used with direction \"maintain\""],
            ),
            (
                file(&GOOD.replace("id = \"W-", "id = \"C-")),
                &["t.toml:3 [C-T-01] id: 警告 warning: 指标编号「C-T-01」不以规划 women 的前缀 W- 开头 / id \"C-T-01\" does not start with W-, the prefix of plan women"],
            ),
            (
                "plan = \"men\"\n".to_string(),
                &[
                    "t.toml: 警告 warning: 文件中没有任何 [[indicator]] / the file defines no [[indicator]]",
                    "t.toml:1 plan: 错误 error: 未知规划「men」（应为 women 或 children） / unknown plan \"men\" (expected women or children)",
                ],
            ),
        ];
        for (text, expected) in cases {
            check(text, expected);
        }
    }

    #[test]
    fn every_problem_of_a_file_is_reported_at_once() {
        // Three broken blocks: a type error, an unknown unit, a value out of bounds.
        let second = GOOD.replace("W-T-01", "W-T-02").replace("\"percent\"", "\"furlong\"");
        let third = GOOD.replace("W-T-01", "W-T-03").replace("value = 70", "value = 170");
        let text = file(&format!(
            "{}\n[[indicator]]\n{second}\n[[indicator]]\n{third}",
            GOOD.replace("value = 70", "value = \"x\"")
        ));
        let (catalog, issues) = load_files(&[("t.toml", &text)]);
        assert!(catalog.indicators.is_empty());
        let located: Vec<String> = issues.iter().map(CatalogIssue::location).collect();
        assert_eq!(located, ["t.toml:10 [W-T-01] value", "t.toml:18 [W-T-02] unit", "t.toml:30 [W-T-03] value"]);
    }

    #[test]
    fn every_shape_problem_of_a_block_is_reported_with_its_field() {
        // Lines 12-16 each hold one shape problem; the indicator is dropped.
        let text = file(
            &(GOOD.to_string()
                + "aliases = [\"甲\", 3]\n\
               bounds = { lower = 0, uper = 100 }\n\
               milestones = [{ year = 2025.5, comparator = \"ge\", value = 4 }]\n\
               year = \"2030\"\n\
               notes = [\"x\"]\n"),
        );
        let (catalog, issues) = load_files(&[("t.toml", &text)]);
        assert!(catalog.indicators.is_empty());
        let got: Vec<String> = issues.iter().map(|i| format!("{} | {}", i.location(), i.message_en())).collect();
        assert_eq!(
            got,
            [
                "t.toml:12 [W-T-01] aliases | `aliases` must be text in quotes, not 3",
                "t.toml:13 [W-T-01] bounds.uper | unknown field `bounds.uper` (see seeds/README.md for the fields)",
                "t.toml:14 [W-T-01] milestones.year | `milestones.year` must be a whole number, not 2025.5",
                "t.toml:15 [W-T-01] year | `year` must be a whole number, not \"2030\"",
                "t.toml:16 [W-T-01] notes | `notes` must be text in quotes, not […]",
            ]
        );
    }

    #[test]
    fn a_value_where_a_table_belongs_is_named() {
        let (_, issues) = load_files(&[("t.toml", &file(&(GOOD.to_string() + "bounds = 5\n")))]);
        let got: Vec<String> = issues.iter().map(|i| format!("{} | {}", i.location(), i.message_en())).collect();
        assert_eq!(
            got,
            ["t.toml:12 [W-T-01] bounds | `bounds` must be a table like { lower = 0, upper = 100 }, not 5"]
        );
    }

    #[test]
    fn syntax_errors_name_their_line_in_both_languages() {
        let text = file(&(GOOD.to_string() + "unit = \"count\"\n"));
        let (_, issues) = load_files(&[("t.toml", &text)]);
        let got: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            ["t.toml:12:1 unit: 错误 error: TOML 格式错误：字段「unit」重复 / malformed TOML: duplicate key `unit`"]
        );
        let (_, issues) = load_files(&[("t.toml", "plan = \"women\n")]);
        let error = issues.iter().find(|i| i.is_error()).expect("the syntax error");
        // The column is where the closing quote is missing: the line's end.
        assert_eq!(error.location(), "t.toml:1:14 plan");
        assert!(error.message_zh().contains("结尾的引号"), "{error}");
    }

    #[test]
    fn syntax_errors_cost_only_their_block_and_name_their_column() {
        // Line 12: 5,000 nested arrays; line 16 (the second block): a slip,
        // its column counted in characters.
        let deep = format!("aliases = {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let second = GOOD.replace("W-T-01", "W-T-02").replace("\"妇女与健康\"", "\"妇女与健康\" x");
        let third = GOOD.replace("W-T-01", "W-T-03");
        let text = file(&format!("{GOOD}{deep}\n[[indicator]]\n{second}\n[[indicator]]\n{third}"));
        let (catalog, issues) = load_files(&[("t.toml", &text)]);
        assert_eq!(catalog.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["W-T-03"]);
        let got: Vec<String> = issues.iter().map(|i| format!("{} | {}", i.location(), i.message_en())).collect();
        assert_eq!(
            got,
            [
                "t.toml:12:91 aliases | malformed TOML: nested more than 80 levels deep",
                "t.toml:16:18 domain | malformed TOML: unexpected key or value, expected newline, `#`",
            ]
        );
        assert_eq!(issues[1].message_zh(), "TOML 格式错误：此处不应再有内容（一行只写一个「字段 = 值」），此处应为：换行、`#`");
    }

    #[test]
    fn a_date_is_a_value_of_the_wrong_type() {
        let (_, issues) = load_files(&[("t.toml", &good_with("value", "value = 2030-01-01"))]);
        let got: Vec<String> = issues.iter().map(|i| format!("{} | {}", i.location(), i.message_en())).collect();
        assert_eq!(got, ["t.toml:10 [W-T-01] value | `value` must be a number, not 2030-01-01"]);
    }

    #[test]
    fn duplicate_ids_are_caught_across_files() {
        let a = file(GOOD);
        let (catalog, issues) = load_files(&[("a.toml", &a), ("b.toml", &a)]);
        assert_eq!(catalog.indicators.len(), 1);
        let got: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            ["b.toml:3 [W-T-01] id: 错误 error: 指标编号「W-T-01」重复，首次定义于 a.toml 第 3 行 / duplicate id \"W-T-01\", first defined in a.toml line 3"]
        );
    }

    #[test]
    fn shared_keys_must_keep_one_unit_and_names_must_not_clash() {
        let a = file(&(GOOD.to_string() + "key = \"k\"\n"));
        let b = format!(
            "plan = \"children\"\n\n[[indicator]]\n{}key = \"k\"\n",
            GOOD.replace("W-T-01", "C-T-01").replace("\"percent\"", "\"count\"")
        );
        let (_, issues) = load_files(&[("a.toml", &a), ("b.toml", &b)]);
        let got: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            ["b.toml:3 [C-T-01] unit: 错误 error: 共用 key「k」的指标单位必须相同：此处为「count」，W-T-01 为「percent」 / indicators sharing key \"k\" must have the same unit: \"count\" here, \"percent\" in W-T-01"]
        );
        // Same name without a shared key: a warning, both kept.
        let c = format!("plan = \"children\"\n\n[[indicator]]\n{}", GOOD.replace("W-T-01", "C-T-01"));
        let (catalog, issues) = load_files(&[("a.toml", &file(GOOD)), ("c.toml", &c)]);
        assert_eq!(catalog.indicators.len(), 2);
        let got: Vec<String> = issues.iter().map(CatalogIssue::location).collect();
        assert_eq!(got, ["c.toml:3 [C-T-01] name_zh"]);
        assert!(!has_errors(&issues));
    }

    #[test]
    fn milestones_levels_and_ranges_become_domain_values() {
        let text = file(
            "id = \"W-T-01\"\ndomain = \"d\"\nname_zh = \"托位\"\nname_en = \"Places\"\n\
             unit = \"per_1000_population\"\ncomparator = \"ge\"\nvalue = 6\n\
             milestones = [{ year = 2025, comparator = \"ge\", value = 4 }]\nsource = \"s\"\n\
             \n[[indicator]]\nid = \"W-T-02\"\ndomain = \"d\"\nname_zh = \"乙\"\nname_en = \"B\"\n\
             unit = \"percent\"\ndirection = \"maintain\"\nlevel = { comparator = \"ge\", value = 95 }\n\
             source = \"s\"\n\
             \n[[indicator]]\nid = \"W-T-03\"\ndomain = \"d\"\nname_zh = \"丙\"\nname_en = \"C\"\n\
             unit = \"percent\"\nbounds = { lower = 0 }\ncomparator = \"between\"\nvalue = 95\nvalue2 = 105\n\
             year = 2025\nscale = \"linear\"\nsource = \"s\"\n",
        );
        let (catalog, issues) = load_files(&[("t.toml", &text)]);
        assert!(issues.is_empty(), "{issues:?}");
        let places = catalog.get("W-T-01").expect("loaded");
        assert_eq!(places.milestones, [Milestone { year: 2025, comparator: Comparator::Ge, value: 4.0 }]);
        let kept = catalog.get("W-T-02").expect("loaded");
        assert_eq!(
            kept.target.goal,
            Goal::Direction { direction: Direction::Maintain, level: Some((Comparator::Ge, 95.0)) }
        );
        let range = catalog.get("W-T-03").expect("loaded");
        assert_eq!(range.target, Target { goal: Goal::Between { low: 95.0, high: 105.0 }, year: 2025 });
        assert_eq!(range.bounds, Bounds { lower: Some(0.0), upper: None });
        assert_eq!(range.scale, Some(Scale::Linear));
    }

    #[test]
    fn indicator_headers_are_recognised_with_spaces_and_quotes() {
        for (line, expected) in [
            ("[[indicator]]\n", true),
            ("  [[ indicator ]]   # comment\n", true),
            ("[[\"indicator\"]]\n", true),
            ("[[indicator.milestones]]\n", false),
            ("[indicator]\n", false),
            ("# [[indicator]]\n", false),
        ] {
            assert_eq!(is_indicator_header(line), expected, "{line:?}");
        }
    }
}

#[cfg(test)]
mod goal_tests {
    use super::*;

    /// A goal without a measure, lines 3.. of a women's file.
    const GOAL: &str = "plan = \"women\"\n\n[[indicator]]\nid = \"W-T-02\"\ndomain = \"妇女与健康\"\n\
        name_zh = \"减少非意愿妊娠\"\nname_en = \"Fewer unintended pregnancies\"\nquantified = false\n\
        direction = \"decrease\"\nwording_zh = \"减少非意愿妊娠\"\nsource = \"妇女规划 二（一）主要目标 4\"\n";

    fn issues(text: &str) -> Vec<String> {
        load_files(&[("t.toml", text)]).1.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_goal_without_a_measure_loads_with_its_proxy() {
        let text = format!(
            "{GOAL}notes_zh = \"中文\"\nnotes_en = \"English\"\nproxy = {{ name_zh = \"人工流产率\", \
             name_en = \"Abortion rate\", unit = \"per_1000_population\", direction = \"decrease\" }}\n"
        );
        let (catalog, issues) = load_files(&[("t.toml", &text)]);
        assert!(issues.is_empty(), "{issues:?}");
        assert!(catalog.indicators.is_empty());
        let goal = catalog.goal("W-T-02").expect("loaded");
        assert_eq!((goal.direction, goal.wording_zh.as_str()), (Direction::Decrease, "减少非意愿妊娠"));
        assert_eq!((goal.notes(true), goal.notes(false)), (Some("中文"), Some("English")));
        let proxy = catalog.get("W-T-02").expect("the proxy is an indicator under the goal's id");
        assert_eq!((proxy.name_zh.as_str(), proxy.unit), ("人工流产率", Unit::Per1000Population));
        assert_eq!(proxy.target.goal, Goal::Direction { direction: Direction::Decrease, level: None });
        assert_eq!(proxy.proxy_for.as_deref(), Some("W-T-02"));
    }

    #[test]
    fn new_fields_are_checked_with_located_messages() {
        let cases: &[(String, &str)] = &[
            (GOAL.replace("wording_zh = \"减少非意愿妊娠\"", "wording_zh = \" \""), "t.toml:10 [W-T-02] wording_zh: 错误 error: 「wording_zh」为空"),
            (GOAL.replace("wording_zh = \"减少非意愿妊娠\"\n", ""), "t.toml:3 [W-T-02] wording_zh: 错误 error: 缺少必填字段「wording_zh」"),
            (format!("{GOAL}unit = \"percent\"\n"), "t.toml:12 [W-T-02] unit: 错误 error: 「unit」只用于有量化指标的条目"),
            (format!("{GOAL}proxy = {{ name_en = \"A\", unit = \"percent\", direction = \"decrease\" }}\n"), "t.toml:12 [W-T-02] proxy.name_zh: 错误 error: 缺少必填字段「proxy.name_zh」"),
            (format!("{GOAL}proxy = {{ name_zh = \"甲\", name_en = \"A\", unit = \"percnt\", direction = \"decrease\" }}\n"), "t.toml:12 [W-T-02] proxy.unit: 错误 error: 未知单位「percnt」"),
            (format!("{GOAL}proxy = {{ name_zh = \"甲\", name_en = \"A\", unit = \"percent\", direction = \"other\" }}\n"), "t.toml:12 [W-T-02] proxy.direction: 错误 error: 代理指标需要可评判的方向"),
            (format!("{GOAL}proxy = {{ name_zh = \"甲\", name_en = \"A\", unit = \"percent\", direction = \"decrease\", value = 3 }}\n"), "t.toml:12 [W-T-02] proxy.value: 错误 error: 未知字段「proxy.value」"),
            (GOAL.replace("quantified = false", "quantified = \"no\""), "t.toml:8 [W-T-02] quantified: 错误 error: 「quantified」应为true 或 false"),
            (format!("{GOAL}notes = \"old\"\nnotes_en = \"new\"\n"), "t.toml:12 [W-T-02] notes: 错误 error: 同时给出了 notes 和 notes_en"),
        ];
        for (text, expected) in cases {
            let got = issues(text);
            assert!(got.iter().any(|g| g.starts_with(expected)), "expected {expected:?}, got {got:?}");
        }
        // A measured indicator takes no proxy.
        let measured = GOAL
            .replace("quantified = false\ndirection = \"decrease\"", "unit = \"percent\"\ndirection = \"decrease\"");
        let got = issues(&format!(
            "{measured}proxy = {{ name_zh = \"甲\", name_en = \"A\", unit = \"percent\", direction = \"decrease\" }}\n"
        ));
        assert!(
            got.iter().any(|g| g.starts_with("t.toml:12 [W-T-02] proxy: 错误 error: proxy（代理指标）只用于")),
            "{got:?}"
        );
    }

    #[test]
    fn an_old_files_notes_are_read_as_english_notes() {
        let text = "plan = \"women\"\n\n[[indicator]]\nid = \"W-T-01\"\ndomain = \"d\"\nname_zh = \"甲率\"\n\
            name_en = \"A rate\"\nunit = \"percent\"\ncomparator = \"ge\"\nvalue = 70\nsource = \"s\"\nnotes = \"Old note.\"\n";
        let (catalog, issues) = load_files(&[("t.toml", text)]);
        assert!(issues.is_empty(), "{issues:?}");
        let i = catalog.get("W-T-01").expect("loaded");
        assert_eq!((i.notes_en.as_deref(), i.notes_zh.as_deref()), (Some("Old note."), None));
        assert_eq!(i.notes(true), Some("Old note."), "the Chinese page falls back to the English notes");
    }
}
