//! Local figures in: pasted spreadsheet text -> raw table of cells -> validated
//! year series per indicator, plus located diagnostics.
//!
//! Staff copy a block of cells from Excel or WPS (or open a CSV file) and paste
//! it; [`parse`] reads it in two stages. [`delimit`] turns the text into a raw
//! table of cells; [`layout`] finds which cells are names, years, units, notes
//! and values; the assembly stage matches names to the catalog ([`matching`]),
//! reads values ([`value`]), converts units, finds conflicts and builds one
//! [`Series`] per indicator.
//!
//! **Invariants.** Parsing never fails: it returns the figures it could read
//! and a [`Diagnostic`] for everything else. Every non-blank cell is either used
//! or named by a diagnostic (its own cell or its `range`). The pasted text is
//! never changed; the app keeps it. Nothing here knows about the browser.

pub mod delimit;
pub mod diagnostic;
pub mod layout;
pub mod matching;
pub mod template;
pub mod value;

mod assemble;
mod counts;
mod decode;

#[cfg(test)]
pub(crate) mod fixture {
    //! The test catalog, shared with the integration tests.
    use crate::catalog::*;
    include!("test_catalog.rs");
}

#[cfg(test)]
mod proptests;

use std::collections::BTreeMap;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::series::{Point, Series};

pub use decode::{decode, DecodeError};
pub use delimit::{Delimiter, RawTable};
pub use diagnostic::{CellRef, Code, Diagnostic, Severity};
pub use layout::Layout;
pub use template::template;

/// What the user has told the parser, kept with the session and applied to
/// every later paste.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseOptions {
    /// Force a delimiter instead of detecting it.
    pub delimiter: Option<Delimiter>,
    /// Force a layout instead of detecting it.
    pub layout: Option<Layout>,
    /// Pasted name (as pasted, or any name that normalises the same) ->
    /// indicator id, for names the catalog does not know.
    pub assignments: BTreeMap<String, String>,
    /// The user's value for an indicator id and year: resolves a conflict, or
    /// replaces a value (e.g. accepting the ×100 a `unit_suspect` suggests). Any
    /// id sharing the indicator's figures key may be used.
    pub conflict_choices: BTreeMap<(String, i32), f64>,
    /// The year it is now; figures for later years are flagged.
    pub current_year: i32,
    /// Analyse at most this many rows; the rest are reported as one error and
    /// not read. The page sets it so that a paste of megabytes cannot freeze it
    /// (both plans' indicators for every year up to 2100 fit in 20,000 rows);
    /// the CLI reads everything.
    pub max_rows: Option<usize>,
    /// Likewise for columns: a wide table has a column per year, a transposed
    /// one a column per indicator, so a few hundred is already generous.
    pub max_columns: Option<usize>,
}

impl ParseOptions {
    /// Options with nothing forced or chosen. The current year is the caller's
    /// (the page's clock, or the CLI's `--current-year`): the core has no clock.
    pub fn new(current_year: i32) -> Self {
        ParseOptions {
            delimiter: None,
            layout: None,
            assignments: BTreeMap::new(),
            conflict_choices: BTreeMap::new(),
            current_year,
            max_rows: None,
            max_columns: None,
        }
    }
}

/// A pasted name that matched no indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    /// The name as pasted (trimmed).
    pub name: String,
    /// The 1-based row where it first appears.
    pub row: usize,
    /// Ids of the closest catalog indicators, best first (at most three).
    pub suggestions: Vec<String>,
}

/// Two or more different values pasted for one indicator and year. Neither is
/// used until the user picks one through [`ParseOptions::conflict_choices`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The indicator id (the first pasted, when the values came under two ids
    /// sharing a figures key).
    pub id: String,
    pub year: i32,
    /// The values in the order pasted, in the indicator's unit.
    pub values: Vec<ConflictValue>,
}

/// One side of a [`Conflict`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictValue {
    /// The value, converted to the indicator's unit.
    pub value: f64,
    /// The cell, e.g. `C4`.
    pub cell: String,
    /// The cell's text as pasted.
    pub text: String,
}

/// What a paste yields: the series read, and everything said about the cells.
///
/// Serializes as the CLI's JSON: `layout`, `delimiter`, `series` (each with
/// `id`, `name_zh` and `points`), `diagnostics`, `unmatched`, `conflicts`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// The layout detected (or forced).
    pub layout: Layout,
    /// The delimiter detected (or forced).
    pub delimiter: Delimiter,
    /// One series per indicator with figures, in catalog order. Figures for an
    /// indicator with a shared key appear under every indicator sharing it.
    pub series: Vec<Series>,
    /// Diagnostics, whole-paste ones first, then by row and column.
    pub diagnostics: Vec<Diagnostic>,
    /// Names that matched nothing, once each, in the order they appear.
    pub unmatched: Vec<Unmatched>,
    /// Indicator-years with differing values, left unused.
    pub conflicts: Vec<Conflict>,
    /// The Chinese name of every indicator in `series`, for output.
    pub names_zh: BTreeMap<String, String>,
}

impl Figures {
    /// The series of an indicator, if any figures were read for it.
    pub fn series_for(&self, id: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.id == id)
    }

    /// Whether any diagnostic is an error (some cell was not used).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct SeriesOut<'a> {
            id: &'a str,
            name_zh: &'a str,
            points: &'a [Point],
        }
        let series: Vec<SeriesOut<'_>> = self
            .series
            .iter()
            .map(|s| SeriesOut {
                id: &s.id,
                name_zh: self.names_zh.get(&s.id).map_or("", String::as_str),
                points: &s.points,
            })
            .collect();
        let mut out = serializer.serialize_struct("Figures", 6)?;
        out.serialize_field("layout", &self.layout)?;
        out.serialize_field("delimiter", &self.delimiter)?;
        out.serialize_field("series", &series)?;
        out.serialize_field("diagnostics", &self.diagnostics)?;
        out.serialize_field("unmatched", &self.unmatched)?;
        out.serialize_field("conflicts", &self.conflicts)?;
        out.end()
    }
}

/// Reads pasted text into series, matched against `catalog`.
///
/// ```
/// use gapcast_core::catalog::Catalog;
/// use gapcast_core::figures::{parse, Layout, ParseOptions};
///
/// let figures = parse("指标\t2021\n未知指标\t12", &Catalog::default(), &ParseOptions::new(2026));
/// assert_eq!(figures.layout, Layout::Wide);
/// assert_eq!(figures.unmatched[0].name, "未知指标");
/// ```
pub fn parse(text: &str, catalog: &Catalog, options: &ParseOptions) -> Figures {
    assemble::parse_text(text, catalog, options).figures
}

/// Like [`parse`], and also returns the raw table of cells the text was split
/// into, for a view that shows the pasted table (and highlights a diagnostic's
/// cell) without splitting the text a second time.
pub fn parse_with_table(text: &str, catalog: &Catalog, options: &ParseOptions) -> (Figures, RawTable) {
    let parsed = assemble::parse_text(text, catalog, options);
    (parsed.figures, parsed.table)
}

/// Reads a file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16
/// with a byte-order mark (Excel's "Unicode text"). Anything else gives figures
/// with no series and one error saying what the bytes look like.
pub fn parse_bytes(bytes: &[u8], catalog: &Catalog, options: &ParseOptions) -> Figures {
    match decode(bytes) {
        Ok(text) => parse(&text, catalog, options),
        Err(error) => Figures {
            layout: options.layout.unwrap_or_default(),
            delimiter: options.delimiter.unwrap_or_default(),
            diagnostics: vec![error.diagnostic()],
            ..Figures::default()
        },
    }
}
