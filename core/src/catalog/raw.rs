//! The catalog file as written: structs that mirror the TOML of `seeds/` (format
//! in `seeds/README.md`) field for field, before any checking, read from the
//! span-keeping tree the `toml` crate makes ([`super::parse`]).
//!
//! This is the first of the loader's two stages. Everything a user might get wrong
//! is kept loose here so that the second stage ([`super::load`]) can report it with
//! its line: required fields are `Option`, closed lists (unit, comparator,
//! direction, scale, plan) are plain strings, and every value carries its byte
//! span. Only the shape is strict, and every shape problem of a table is collected
//! (not just the first): an unknown field name and a value of the wrong type
//! (`value = "70"`) each become one [`ShapeProblem`] at their own span.
//!
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::issue::{Expected, IssueKind};
use super::parse::Value;

/// A value with the byte range it was written at (relative to the parsed text).
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    value: T,
    span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    pub fn get_ref(&self) -> &T {
        &self.value
    }

    pub fn into_inner(self) -> T {
        self.value
    }
}

/// A shape problem: a field the format does not have, or a value of the wrong
/// type. `field` is the dotted path (`milestones.year`).
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeProblem {
    pub span: Range<usize>,
    pub field: String,
    pub kind: IssueKind,
}

/// The file header: the root table, everything before the first `[[indicator]]`.
#[derive(Debug, Default)]
pub struct RawHeader {
    /// `women` or `children`.
    pub plan: Option<Spanned<String>>,
    pub title_zh: Option<Spanned<String>>,
    pub title_en: Option<Spanned<String>>,
}

/// One indicator as written in the file.
#[derive(Debug, Default)]
pub struct RawIndicator {
    pub id: Option<Spanned<String>>,
    pub key: Option<Spanned<String>>,
    pub domain: Option<Spanned<String>>,
    pub name_zh: Option<Spanned<String>>,
    pub name_en: Option<Spanned<String>>,
    pub aliases: Option<Vec<Spanned<String>>>,
    pub unit: Option<Spanned<String>>,
    pub bounds: Option<Spanned<RawBounds>>,
    pub comparator: Option<Spanned<String>>,
    pub direction: Option<Spanned<String>>,
    pub value: Option<Spanned<f64>>,
    pub value2: Option<Spanned<f64>>,
    pub tolerance: Option<Spanned<f64>>,
    pub level: Option<Spanned<RawLevel>>,
    pub year: Option<Spanned<i64>>,
    pub milestones: Option<Vec<Spanned<RawMilestone>>>,
    pub scale: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub notes: Option<Spanned<String>>,
    /// `quantified = false`: a goal of the plan that names no quantity.
    pub quantified: Option<Spanned<bool>>,
    pub wording_zh: Option<Spanned<String>>,
    pub notes_zh: Option<Spanned<String>>,
    pub notes_en: Option<Spanned<String>>,
    pub proxy: Option<Spanned<RawProxy>>,
    /// Shape problems inside this indicator's table, for the loader to raise
    /// once it knows the indicator's id.
    pub problems: Vec<ShapeProblem>,
}

/// `bounds = { lower = 0, upper = 100 }`; a missing side is open.
#[derive(Debug, Default)]
pub struct RawBounds {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// `level = { comparator = "ge", value = 95 }` of a `maintain` target.
#[derive(Debug, Default, Clone)]
pub struct RawLevel {
    pub comparator: Option<Spanned<String>>,
    pub value: Option<Spanned<f64>>,
}

/// `proxy = { name_zh = "人工流产率", name_en = "...", unit = "per_1000_population",
/// direction = "decrease" }`: a suggested measure for a goal without one.
#[derive(Debug, Default)]
pub struct RawProxy {
    pub name_zh: Option<Spanned<String>>,
    pub name_en: Option<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
    pub direction: Option<Spanned<String>>,
}

/// `{ year = 2025, comparator = "ge", value = 4 }`: an earlier stage of a target.
#[derive(Debug, Default)]
pub struct RawMilestone {
    pub year: Option<Spanned<i64>>,
    pub comparator: Option<Spanned<String>>,
    pub value: Option<Spanned<f64>>,
}

/// Reads the root table of a file header.
pub fn header(root: Value<'_>, problems: &mut Vec<ShapeProblem>) -> RawHeader {
    let Some(mut t) = Fields::of(root, "", problems) else { return RawHeader::default() };
    let header = RawHeader { plan: t.string("plan"), title_zh: t.string("title_zh"), title_en: t.string("title_en") };
    t.finish();
    header
}

/// Reads one `[[indicator]]` block parsed on its own: a root table holding an
/// `indicator` array of one table (the loader cuts the file at each header).
pub fn block(root: Value<'_>, problems: &mut Vec<ShapeProblem>) -> Vec<RawIndicator> {
    let Some(mut t) = Fields::of(root, "", &mut *problems) else { return Vec::new() };
    let tables = t.tables("indicator", Expected::TableList).unwrap_or_default();
    t.finish();
    tables.into_iter().map(|(table, _)| indicator(table)).collect()
}

fn indicator(table: Value<'_>) -> RawIndicator {
    let mut problems = Vec::new();
    let Some(mut t) = Fields::of(table, "", &mut problems) else { return RawIndicator::default() };
    let bounds = t.table("bounds", "bounds.").map(|(mut b, span)| {
        let bounds = RawBounds {
            lower: b.number("lower").map(Spanned::into_inner),
            upper: b.number("upper").map(Spanned::into_inner),
        };
        b.finish();
        Spanned::new(bounds, span)
    });
    let level = t.table("level", "level.").map(|(mut l, span)| {
        let level = RawLevel { comparator: l.string("comparator"), value: l.number("value") };
        l.finish();
        Spanned::new(level, span)
    });
    let proxy = t.table("proxy", "proxy.").map(|(mut p, span)| {
        let proxy = RawProxy {
            name_zh: p.string("name_zh"),
            name_en: p.string("name_en"),
            unit: p.string("unit"),
            direction: p.string("direction"),
        };
        p.finish();
        Spanned::new(proxy, span)
    });
    let milestones = t.tables("milestones", Expected::MilestoneList).map(|list| {
        list.into_iter()
            .filter_map(|(value, span)| {
                let mut m = Fields::of(value, "milestones.", &mut *t.problems)?;
                let milestone = RawMilestone {
                    year: m.integer("year"),
                    comparator: m.string("comparator"),
                    value: m.number("value"),
                };
                m.finish();
                Some(Spanned::new(milestone, span))
            })
            .collect()
    });
    let raw = RawIndicator {
        id: t.string("id"),
        key: t.string("key"),
        domain: t.string("domain"),
        name_zh: t.string("name_zh"),
        name_en: t.string("name_en"),
        aliases: t.strings("aliases"),
        unit: t.string("unit"),
        bounds,
        comparator: t.string("comparator"),
        direction: t.string("direction"),
        value: t.number("value"),
        value2: t.number("value2"),
        tolerance: t.number("tolerance"),
        level,
        year: t.integer("year"),
        milestones,
        scale: t.string("scale"),
        source: t.string("source"),
        notes: t.string("notes"),
        quantified: t.boolean("quantified"),
        wording_zh: t.string("wording_zh"),
        notes_zh: t.string("notes_zh"),
        notes_en: t.string("notes_en"),
        proxy,
        problems: Vec::new(),
    };
    t.finish();
    RawIndicator { problems, ..raw }
}

fn span_of(value: &Value<'_>) -> Range<usize> {
    value.span()
}

/// A number, whether written as an integer or a float. An integer too large
/// for `i64` is `None` (reported as the wrong type, quoting it); a float too
/// large is infinite, and the bounds check names it.
fn as_number(value: &Value<'_>) -> Option<f64> {
    match value.get_ref() {
        DeValue::Float(f) => f.as_str().parse().ok(),
        #[allow(clippy::cast_precision_loss)] // catalog numbers are far below 2^53
        DeValue::Integer(_) => as_integer(value).map(|i| i as f64),
        _ => None,
    }
}

fn as_integer(value: &Value<'_>) -> Option<i64> {
    match value.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// A table being read field by field: each read removes the field, and
/// [`Fields::finish`] reports whatever is left as unknown.
struct Fields<'i, 'p> {
    table: DeTable<'i>,
    /// The dotted path of this table, with its trailing dot (`milestones.`).
    prefix: &'static str,
    problems: &'p mut Vec<ShapeProblem>,
}

impl<'i, 'p> Fields<'i, 'p> {
    /// The fields of `value`, or `None` after reporting that it is not a
    /// table (named by `prefix`, without its dot).
    fn of(value: Value<'i>, prefix: &'static str, problems: &'p mut Vec<ShapeProblem>) -> Option<Self> {
        let span = span_of(&value);
        let found = found(&value);
        if let DeValue::Table(table) = value.into_inner() {
            return Some(Fields { table, prefix, problems });
        }
        let field = prefix.trim_end_matches('.').to_string();
        problems.push(ShapeProblem {
            span,
            field: field.clone(),
            kind: IssueKind::WrongType { field, expected: Expected::Table, found },
        });
        None
    }

    fn wrong(&mut self, name: &str, value: &Value<'_>, expected: Expected) {
        let field = format!("{}{name}", self.prefix);
        let found = found(value);
        self.problems.push(ShapeProblem {
            span: span_of(value),
            field: field.clone(),
            kind: IssueKind::WrongType { field, expected, found },
        });
    }

    /// Removes a field, checking its type with `read`; `None` when absent or of
    /// the wrong type (which is reported).
    fn read<T>(
        &mut self,
        name: &str,
        expected: Expected,
        read: impl FnOnce(&Value<'i>) -> Option<T>,
    ) -> Option<Spanned<T>> {
        let value = self.remove(name)?;
        match read(&value) {
            Some(v) => Some(Spanned::new(v, span_of(&value))),
            None => {
                self.wrong(name, &value, expected);
                None
            }
        }
    }

    /// A text, moved out of the tree rather than copied where it is owned.
    fn string(&mut self, name: &str) -> Option<Spanned<String>> {
        let value = self.remove(name)?;
        if !matches!(value.get_ref(), DeValue::String(_)) {
            self.wrong(name, &value, Expected::Text);
            return None;
        }
        let span = span_of(&value);
        match value.into_inner() {
            DeValue::String(s) => Some(Spanned::new(s.into_owned(), span)),
            _ => None,
        }
    }

    /// A number: TOML integers and floats both count (`value = 70`).
    fn number(&mut self, name: &str) -> Option<Spanned<f64>> {
        self.read(name, Expected::Number, as_number)
    }

    fn boolean(&mut self, name: &str) -> Option<Spanned<bool>> {
        self.read(name, Expected::Boolean, |v| match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => None,
        })
    }

    fn integer(&mut self, name: &str) -> Option<Spanned<i64>> {
        self.read(name, Expected::WholeNumber, as_integer)
    }

    /// A list of texts; each wrong element is reported and left out.
    fn strings(&mut self, name: &str) -> Option<Vec<Spanned<String>>> {
        let list = self.array(name, Expected::TextList)?;
        let mut out = Vec::new();
        for item in list {
            let span = span_of(&item);
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(s.to_string(), span)),
                _ => self.wrong(name, &item, Expected::Text),
            }
        }
        Some(out)
    }

    fn array(&mut self, name: &str, expected: Expected) -> Option<Vec<Value<'i>>> {
        let value = self.remove(name)?;
        if !matches!(value.get_ref(), DeValue::Array(_)) {
            self.wrong(name, &value, expected);
            return None;
        }
        match value.into_inner() {
            DeValue::Array(items) => Some(items.into_iter().collect()),
            _ => None,
        }
    }

    fn remove(&mut self, name: &str) -> Option<Value<'i>> {
        self.table.remove(name)
    }

    /// A list of tables (`milestones = [{ ... }, { ... }]`), each with its span;
    /// wrong elements are reported and left out.
    fn tables(&mut self, name: &str, expected: Expected) -> Option<Vec<(Value<'i>, Range<usize>)>> {
        let list = self.array(name, expected)?;
        let mut out = Vec::new();
        for item in list {
            if matches!(item.get_ref(), DeValue::Table(_)) {
                let span = span_of(&item);
                out.push((item, span));
            } else {
                self.wrong(name, &item, Expected::Table);
            }
        }
        Some(out)
    }

    /// A nested table (`bounds = { ... }`) to read in turn, with its span;
    /// `prefix` is its path for messages (`bounds.`).
    fn table(&mut self, name: &str, prefix: &'static str) -> Option<(Fields<'i, '_>, Range<usize>)> {
        let value = self.remove(name)?;
        let span = span_of(&value);
        let fields = Fields::of(value, prefix, &mut *self.problems)?;
        Some((fields, span))
    }

    /// Reports every field not read as unknown.
    fn finish(self) {
        for (key, _) in self.table {
            let field = format!("{}{}", self.prefix, key.get_ref());
            self.problems.push(ShapeProblem {
                span: key.span(),
                field: field.clone(),
                kind: IssueKind::UnknownField { field },
            });
        }
    }
}

/// What was written instead, for the message: the text itself when short
/// (`"70"`), else the kind of value.
fn found(value: &Value<'_>) -> String {
    match value.get_ref() {
        DeValue::String(s) if s.chars().count() <= 40 => format!("\"{s}\""),
        DeValue::String(_) => "\"…\"".to_string(),
        DeValue::Integer(i) => i.to_string(),
        DeValue::Float(f) => f.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "[…]".to_string(),
        DeValue::Table(_) => "{…}".to_string(),
    }
}
