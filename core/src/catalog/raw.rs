//! The catalog file as written: serde structs that mirror the TOML of `seeds/`
//! (format in `seeds/README.md`) field for field, before any checking.
//!
//! This is the first of the loader's two stages. Everything a user might get wrong
//! is kept loose here so that the second stage ([`super::load`]) can report it with
//! its line instead of serde stopping at the first problem: required fields are
//! `Option`, closed lists (unit, comparator, direction, scale, plan) are plain
//! strings, and every value carries its byte span. Only the shape is strict:
//! `deny_unknown_fields` turns a misspelt field name into a located error rather
//! than a silently ignored line.

use serde::Deserialize;
use toml::Spanned;

/// The file header: the root table, everything before the first `[[indicator]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// `women` or `children`.
    pub plan: Option<Spanned<String>>,
    pub title_zh: Option<Spanned<String>>,
    pub title_en: Option<Spanned<String>>,
}

/// One `[[indicator]]` block parsed on its own (the loader parses each block
/// separately so that one malformed block does not hide the others' problems).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlock {
    /// Always one element: the block's own indicator.
    pub indicator: Vec<RawIndicator>,
}

/// One indicator as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
}

/// `bounds = { lower = 0, upper = 100 }`; a missing side is open.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBounds {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// `level = { comparator = "ge", value = 95 }` of a `maintain` target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub comparator: Option<Spanned<String>>,
    pub value: Option<Spanned<f64>>,
}

/// `{ year = 2025, comparator = "ge", value = 4 }`: an earlier stage of a target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    pub year: Option<Spanned<i64>>,
    pub comparator: Option<Spanned<String>>,
    pub value: Option<Spanned<f64>>,
}
