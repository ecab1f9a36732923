//! Located diagnostics: what the figures parser says about a pasted cell, in
//! Chinese and English, pointing at the cell the way the spreadsheet shows it
//! (`C4`: column letter, 1-based row).
//!
//! This module owns the shape of a diagnostic and the cell addressing. It does not
//! decide what is wrong with a cell; the parsing stages do, and build diagnostics
//! with [`Diagnostic::at`] and friends.

use serde::Serialize;

/// How much a diagnostic matters to the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The cell (or the cells the diagnostic covers) was not used.
    Error,
    /// The cell was used, but changed (converted) or needs a second look.
    Warning,
    /// A note: a column or row recognised and skipped, a missing-value marker, a
    /// choice the user made being applied.
    Info,
}

/// Machine-readable reason of a diagnostic. Serialized in `snake_case`
/// (`unit_suspect`, `unmatched_name`, ...), which is what the app and the JSON
/// output key on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The input is not text (binary data, NUL bytes).
    NotText,
    /// The input is text in an encoding other than UTF-8/UTF-16 (e.g. GBK).
    NotUtf8,
    /// Nothing but blank cells was given.
    Empty,
    /// A quote opened a field and never closed; quotes were then read literally.
    UnterminatedQuote,
    /// No year could be found in any row or column.
    NoYears,
    /// A row above the header (a title) or without values, skipped.
    IgnoredRow,
    /// A column that is not a name, year, unit or note column, skipped.
    IgnoredColumn,
    /// A name that matches no catalog indicator.
    UnmatchedName,
    /// A name that matches several different indicators.
    AmbiguousName,
    /// An assignment names an indicator id the catalog does not have.
    BadAssignment,
    /// Values with no indicator name beside them.
    MissingName,
    /// Values with no year (or a year cell that is not a year).
    BadYear,
    /// A year outside 2000–2100.
    YearOutOfRange,
    /// A year after the current year.
    FutureYear,
    /// A missing-value marker (`-`, `—`, `NA`, `暂无`, ...): no value, not zero.
    Missing,
    /// A cell that is not a number in any form we read.
    BadValue,
    /// An approximate value (`约45%`, `45%左右`), used as the number given.
    Approximate,
    /// A decimal comma (`3,6` in a semicolon-separated file), read as `3.6`.
    DecimalComma,
    /// A value converted from the pasted unit to the indicator's.
    UnitConverted,
    /// A pasted unit that cannot be converted to the indicator's unit.
    UnitMismatch,
    /// A unit text that is not understood; values taken in the catalog unit.
    UnitUnknown,
    /// A value outside the indicator's bounds.
    OutOfBounds,
    /// A percentage given as a fraction (0.93 where the others are above 1).
    UnitSuspect,
    /// A value 10 or more times away from both the target and the series'
    /// median (METHODS.md `implausible`): a unit slip, with the likely reading
    /// offered.
    Implausible,
    /// Two different values for one indicator and year; neither is used.
    Conflict,
    /// A conflict or a value replaced by the user's explicit choice.
    ChoiceApplied,
    /// The same value given twice for one indicator and year; used once.
    Duplicate,
    /// A note (备注) cell whose row gave no usable value.
    NoteUnused,
    /// A non-empty cell no stage accounted for. Never expected: the parser's
    /// own safety net, which the property tests check is never reached.
    CellUnused,
    /// Rows past the most the caller lets one paste have: not analysed.
    TooManyRows,
    /// Columns past the most the caller lets one paste have: not analysed.
    TooManyColumns,
    /// A count (deaths, cases, people) that is negative or not a whole number.
    BadCount,
    /// A year's denominator (live births, children) is zero.
    ZeroDenominator,
    /// A share's numerator exceeds its denominator.
    CountsExceed,
    /// The rate the counts give is not the rate pasted for the same year.
    CountsDisagree,
    /// A numerator with neither its denominator nor the rate for that year.
    NumeratorWithoutDenominator,
    /// A count derived from a pasted rate and its denominator.
    DerivedCount,
}

impl Code {
    /// Every code, in declaration order.
    pub const ALL: [Code; 37] = [
        Code::NotText,
        Code::NotUtf8,
        Code::Empty,
        Code::UnterminatedQuote,
        Code::NoYears,
        Code::IgnoredRow,
        Code::IgnoredColumn,
        Code::UnmatchedName,
        Code::AmbiguousName,
        Code::BadAssignment,
        Code::MissingName,
        Code::BadYear,
        Code::YearOutOfRange,
        Code::FutureYear,
        Code::Missing,
        Code::BadValue,
        Code::Approximate,
        Code::DecimalComma,
        Code::UnitConverted,
        Code::UnitMismatch,
        Code::UnitUnknown,
        Code::OutOfBounds,
        Code::UnitSuspect,
        Code::Implausible,
        Code::Conflict,
        Code::ChoiceApplied,
        Code::Duplicate,
        Code::NoteUnused,
        Code::CellUnused,
        Code::TooManyRows,
        Code::TooManyColumns,
        Code::BadCount,
        Code::ZeroDenominator,
        Code::CountsExceed,
        Code::CountsDisagree,
        Code::NumeratorWithoutDenominator,
        Code::DerivedCount,
    ];

    /// The `snake_case` name used in JSON and by the app.
    pub fn key(self) -> &'static str {
        match self {
            Code::NotText => "not_text",
            Code::NotUtf8 => "not_utf8",
            Code::Empty => "empty",
            Code::UnterminatedQuote => "unterminated_quote",
            Code::NoYears => "no_years",
            Code::IgnoredRow => "ignored_row",
            Code::IgnoredColumn => "ignored_column",
            Code::UnmatchedName => "unmatched_name",
            Code::AmbiguousName => "ambiguous_name",
            Code::BadAssignment => "bad_assignment",
            Code::MissingName => "missing_name",
            Code::BadYear => "bad_year",
            Code::YearOutOfRange => "year_out_of_range",
            Code::FutureYear => "future_year",
            Code::Missing => "missing",
            Code::BadValue => "bad_value",
            Code::Approximate => "approximate",
            Code::DecimalComma => "decimal_comma",
            Code::UnitConverted => "unit_converted",
            Code::UnitMismatch => "unit_mismatch",
            Code::UnitUnknown => "unit_unknown",
            Code::OutOfBounds => "out_of_bounds",
            Code::UnitSuspect => "unit_suspect",
            Code::Implausible => "implausible",
            Code::Conflict => "conflict",
            Code::ChoiceApplied => "choice_applied",
            Code::Duplicate => "duplicate",
            Code::NoteUnused => "note_unused",
            Code::CellUnused => "cell_unused",
            Code::TooManyRows => "too_many_rows",
            Code::TooManyColumns => "too_many_columns",
            Code::BadCount => "bad_count",
            Code::ZeroDenominator => "zero_denominator",
            Code::CountsExceed => "counts_exceed",
            Code::CountsDisagree => "counts_disagree",
            Code::NumeratorWithoutDenominator => "numerator_without_denominator",
            Code::DerivedCount => "derived_count",
        }
    }
}

/// A cell position in the pasted table, 0-based internally. Shown to users as
/// the spreadsheet shows it: [`CellRef::a1`] gives `C4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    /// 0-based row (record) index in the pasted table.
    pub row: usize,
    /// 0-based column index.
    pub col: usize,
}

impl CellRef {
    pub fn new(row: usize, col: usize) -> Self {
        CellRef { row, col }
    }

    /// The 1-based row number the spreadsheet shows.
    pub fn row_number(self) -> usize {
        self.row + 1
    }

    /// The column letters the spreadsheet shows (`A`, `Z`, `AA`, ...).
    pub fn column_letters(self) -> String {
        column_letters(self.col)
    }

    /// The `A1`-style reference, e.g. `C4`.
    pub fn a1(self) -> String {
        format!("{}{}", self.column_letters(), self.row_number())
    }
}

/// Spreadsheet column letters for a 0-based index: bijective base 26, so 0 is
/// `A`, 25 is `Z`, 26 is `AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A rectangular block of cells (one row or one column in practice), which a
/// diagnostic covers besides its own cell: the values of an unmatched row, the
/// cells of an ignored column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellRange {
    pub first: CellRef,
    pub last: CellRef,
}

impl CellRange {
    /// The smallest range holding all `cells`; `None` when there are none.
    pub fn spanning(cells: impl IntoIterator<Item = CellRef>) -> Option<CellRange> {
        let mut iter = cells.into_iter();
        let first = iter.next()?;
        let (mut r0, mut c0, mut r1, mut c1) = (first.row, first.col, first.row, first.col);
        for c in iter {
            r0 = r0.min(c.row);
            c0 = c0.min(c.col);
            r1 = r1.max(c.row);
            c1 = c1.max(c.col);
        }
        Some(CellRange { first: CellRef::new(r0, c0), last: CellRef::new(r1, c1) })
    }

    /// Whether `cell` lies inside the range.
    pub fn contains(&self, cell: CellRef) -> bool {
        (self.first.row..=self.last.row).contains(&cell.row) && (self.first.col..=self.last.col).contains(&cell.col)
    }

    /// `C4:L4`, or just `C4` for a single cell.
    pub fn a1(&self) -> String {
        if self.first == self.last {
            self.first.a1()
        } else {
            format!("{}:{}", self.first.a1(), self.last.a1())
        }
    }
}

/// How many characters of a cell a diagnostic quotes at most.
pub const QUOTE_CHARS: usize = 200;

/// A cell's text cut to [`QUOTE_CHARS`] characters with its length stated
/// (`前 200 字…（共 5,242,880 字）`), or `None` when it is short enough to
/// quote whole. Linear in the text.
pub fn quote(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let mut chars = trimmed.char_indices();
    let end = chars.nth(QUOTE_CHARS).map(|(i, _)| i)?;
    let total = trimmed.chars().count();
    Some(format!("{}…（共 {} 字）", &trimmed[..end], group_thousands(total)))
}

/// `5242880` as `5,242,880`.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One thing the parser says about the pasted figures.
///
/// `row`, `column` and `cell` locate it as the spreadsheet does (`4`, `"C"`,
/// `"C4"`); they are `None` for what concerns the whole paste (e.g. not text).
/// `range` names the further cells it accounts for (`"C4:L4"` for the values of
/// an unmatched row). `text` is the cell's text exactly as pasted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub cell: Option<String>,
    pub range: Option<String>,
    pub text: String,
    pub message_zh: String,
    pub message_en: String,
    /// The indicator the cell was read for, when known.
    pub indicator: Option<String>,
    /// The year the cell was read for, when known.
    pub year: Option<i32>,
    /// A value the parser suggests instead (e.g. ×100 for `unit_suspect`). Never
    /// applied by the parser: the app offers it, and the user's choice comes back
    /// through [`super::ParseOptions::conflict_choices`].
    pub suggested_value: Option<f64>,
    /// The 0-based position, for ordering and for accounting; not serialized.
    #[serde(skip)]
    pub(crate) at: Option<CellRef>,
    #[serde(skip)]
    pub(crate) span: Option<CellRange>,
}

impl Diagnostic {
    /// A diagnostic about one cell whose text is `text`.
    ///
    /// A cell longer than [`QUOTE_CHARS`] characters is quoted cut, with its
    /// length stated, in `text` and wherever the messages quote it: one pasted
    /// cell of 50 MB must not become 50 MB of every message it is named in.
    pub fn at(severity: Severity, code: Code, at: CellRef, text: &str, message_zh: String, message_en: String) -> Self {
        let (text, message_zh, message_en) = match quote(text) {
            Some(short) => {
                let trimmed = text.trim();
                let cut = |m: String| if m.contains(trimmed) { m.replace(trimmed, &short) } else { m };
                (short.clone(), cut(message_zh), cut(message_en))
            }
            None => (text.to_string(), message_zh, message_en),
        };
        Diagnostic {
            severity,
            code,
            row: Some(at.row_number()),
            column: Some(at.column_letters()),
            cell: Some(at.a1()),
            range: None,
            text,
            message_zh,
            message_en,
            indicator: None,
            year: None,
            suggested_value: None,
            at: Some(at),
            span: None,
        }
    }

    /// A diagnostic about the whole paste.
    pub fn global(severity: Severity, code: Code, message_zh: String, message_en: String) -> Self {
        Diagnostic {
            severity,
            code,
            row: None,
            column: None,
            cell: None,
            range: None,
            text: String::new(),
            message_zh,
            message_en,
            indicator: None,
            year: None,
            suggested_value: None,
            at: None,
            span: None,
        }
    }

    /// Extends the diagnostic over further cells (shown as `range`).
    pub fn covering(mut self, range: Option<CellRange>) -> Self {
        if let Some(range) = range {
            self.range = Some(range.a1());
            self.span = Some(range);
        }
        self
    }

    /// Names the indicator the diagnostic concerns.
    pub fn for_indicator(mut self, id: &str) -> Self {
        self.indicator = Some(id.to_string());
        self
    }

    /// Names the year the diagnostic concerns.
    pub fn for_year(mut self, year: i32) -> Self {
        self.year = Some(year);
        self
    }

    /// Attaches a suggested replacement value.
    pub fn suggesting(mut self, value: f64) -> Self {
        self.suggested_value = Some(value);
        self
    }

    /// The 0-based cell this diagnostic points at.
    pub fn cell_ref(&self) -> Option<CellRef> {
        self.at
    }

    /// The 0-based block of further cells this diagnostic covers.
    pub fn range_ref(&self) -> Option<CellRange> {
        self.span
    }

    /// Whether this diagnostic reports `cell` (its own cell or its range).
    pub fn covers(&self, cell: CellRef) -> bool {
        self.at == Some(cell) || self.span.is_some_and(|r| r.contains(cell))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(col: usize, row: usize, expected: &str) {
        assert_eq!(CellRef::new(row, col).a1(), expected);
    }

    #[test]
    fn cell_refs_read_like_a_spreadsheet() {
        check(0, 0, "A1");
        check(2, 3, "C4");
        check(25, 9, "Z10");
        check(26, 0, "AA1");
        check(27, 0, "AB1");
        check(51, 0, "AZ1");
        check(52, 0, "BA1");
        check(701, 0, "ZZ1");
        check(702, 0, "AAA1");
    }

    #[test]
    fn code_keys_are_their_json_names() {
        for code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.key()));
        }
    }

    #[test]
    fn long_cells_are_quoted_cut_with_their_length() {
        assert_eq!(quote("45.6"), None);
        assert_eq!(quote(&"x".repeat(QUOTE_CHARS)), None);
        let long = "数".repeat(5_242_880);
        let q = quote(&long).unwrap();
        assert!(q.ends_with("…（共 5,242,880 字）"), "{}", &q[q.len() - 40..]);
        assert_eq!(q.chars().count(), QUOTE_CHARS + "…（共 5,242,880 字）".chars().count());
        let d = Diagnostic::at(
            Severity::Error,
            Code::BadValue,
            CellRef::new(0, 1),
            &long,
            format!("“{long}”不是数值"),
            format!("“{long}” is not a number"),
        );
        assert!(d.text.len() < 1000 && d.message_zh.len() < 1000 && d.message_en.len() < 1000);
        assert!(d.message_en.contains("5,242,880"));
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
    }

    #[test]
    fn ranges_span_and_contain() {
        let r = CellRange::spanning([CellRef::new(3, 2), CellRef::new(3, 11)]).unwrap();
        assert_eq!(r.a1(), "C4:L4");
        assert!(r.contains(CellRef::new(3, 5)));
        assert!(!r.contains(CellRef::new(4, 5)));
        assert_eq!(CellRange::spanning([CellRef::new(0, 0)]).unwrap().a1(), "A1");
        assert_eq!(CellRange::spanning([]), None);
    }
}
