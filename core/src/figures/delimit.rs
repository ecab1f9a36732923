//! Stage one of reading pasted figures: text -> a raw table of cells.
//!
//! This module owns delimiter detection and the splitting of text into records
//! and fields, the way Excel, WPS and CSV files write them: tab, comma, semicolon
//! or Chinese comma between fields; `"quoted fields"` holding delimiters, line
//! breaks and doubled `""` quotes; CRLF, LF or CR line ends; a UTF-8 byte-order
//! mark. It knows nothing about years, names or values.
//!
//! The splitter is written by hand rather than taken from the `csv` crate: it is
//! small (the page's size budget matters), it keeps exact cell positions for the
//! diagnostics, and it recovers from an unterminated quote by reading quotes
//! literally from there on, instead of swallowing the rest of the paste into one
//! field or failing.

use serde::{Deserialize, Serialize};

use super::diagnostic::{CellRef, Code, Diagnostic, Severity};

/// The character between fields of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    /// `\t`: what Excel and WPS put on the clipboard.
    #[default]
    Tab,
    /// `,`: CSV.
    Comma,
    /// `;`: CSV written where the comma is the decimal separator.
    Semicolon,
    /// `，` (U+FF0C): typed by hand in Chinese text.
    ChineseComma,
}

impl Delimiter {
    /// Every delimiter, in the order ties are broken (Excel's tab first).
    pub const ALL: [Delimiter; 4] = [Delimiter::Tab, Delimiter::Comma, Delimiter::Semicolon, Delimiter::ChineseComma];

    /// The character itself.
    pub fn as_char(self) -> char {
        match self {
            Delimiter::Tab => '\t',
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::ChineseComma => '，',
        }
    }

    /// The name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Delimiter::Tab => "tab",
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::ChineseComma => "chinese_comma",
        }
    }

    /// Parses [`Delimiter::key`]; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Delimiter> {
        Delimiter::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The delimiter's Chinese name, for messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            Delimiter::Tab => "制表符",
            Delimiter::Comma => "逗号",
            Delimiter::Semicolon => "分号",
            Delimiter::ChineseComma => "中文逗号",
        }
    }
}

/// The pasted text as a grid of cells: records (spreadsheet rows) of fields
/// (cells), ragged as pasted. Cell texts are exactly as pasted, quotes removed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawTable {
    pub rows: Vec<Vec<String>>,
}

impl RawTable {
    /// The text of a cell, `""` outside the table.
    pub fn text(&self, cell: CellRef) -> &str {
        self.rows.get(cell.row).and_then(|r| r.get(cell.col)).map(String::as_str).unwrap_or("")
    }

    /// Whether a cell holds anything but white space.
    pub fn is_filled(&self, cell: CellRef) -> bool {
        !self.text(cell).trim().is_empty()
    }

    /// The widest row's number of cells.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Every non-blank cell, row by row.
    pub fn filled_cells(&self) -> impl Iterator<Item = CellRef> + '_ {
        self.rows.iter().enumerate().flat_map(|(r, row)| {
            row.iter().enumerate().filter(|(_, t)| !t.trim().is_empty()).map(move |(c, _)| CellRef::new(r, c))
        })
    }
}

/// Picks the delimiter that splits the most lines into the same number of
/// fields. Tab wins ties, as Excel's clipboard uses it; with no candidate at all
/// (a single column), tab is reported.
pub fn detect(text: &str) -> Delimiter {
    let text = strip_bom(text);
    let mut best = (Delimiter::Tab, 0usize, 0usize);
    for delimiter in Delimiter::ALL {
        let counts = count_per_line(text, delimiter.as_char());
        // The modal count among lines that have the delimiter at all.
        let mut freq: Vec<(usize, usize)> = Vec::new();
        for &n in counts.iter().filter(|&&n| n > 0) {
            match freq.iter_mut().find(|(k, _)| *k == n) {
                Some((_, f)) => *f += 1,
                None => freq.push((n, 1)),
            }
        }
        let (modal, consistent) = freq.iter().copied().max_by_key(|&(k, f)| (f, k)).unwrap_or((0, 0));
        let lines_with = counts.iter().filter(|&&n| n > 0).count();
        // Consistency first, then coverage; strict `>` keeps the earlier
        // (preferred) delimiter on ties.
        if (consistent, lines_with) > (best.1, best.2) && modal > 0 {
            best = (delimiter, consistent, lines_with);
        }
    }
    best.0
}

/// How many lines detection looks at: plenty to see the pattern, and a large
/// paste is not scanned four times.
const DETECT_LINES: usize = 200;

/// For each of the first [`DETECT_LINES`] lines, how many times `delimiter`
/// occurs outside quotes.
fn count_per_line(text: &str, delimiter: char) -> Vec<usize> {
    let mut counts = vec![0usize];
    let mut in_quotes = false;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_quotes {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        match ch {
            '"' if field_start => {
                in_quotes = true;
                field_start = false;
            }
            '\r' | '\n' => {
                if ch == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if counts.len() == DETECT_LINES {
                    break;
                }
                counts.push(0);
                field_start = true;
            }
            c if c == delimiter => {
                if let Some(last) = counts.last_mut() {
                    *last += 1;
                }
                field_start = true;
            }
            _ => field_start = false,
        }
    }
    counts
}

/// Removes a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Splits `text` into records and fields at `delimiter`.
///
/// Line ends are CRLF, LF or CR; a final line end does not start an empty
/// record. A field that starts with `"` is quoted: it runs to the next lone
/// `"`, may hold delimiters and line breaks, and `""` inside it is one quote;
/// text after its closing quote is kept. An unterminated quote is reported and
/// quotes are read literally from that field on, so no text is lost.
pub fn split(text: &str, delimiter: Delimiter) -> (RawTable, Vec<Diagnostic>) {
    let (table, diagnostics, _) = split_within(text, delimiter, Limits::NONE);
    (table, diagnostics)
}

/// How much of a paste is kept as cells; what lies beyond is only counted, so
/// megabytes of text cost a scan, not a million strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub rows: usize,
    pub columns: usize,
}

impl Limits {
    /// Keep everything.
    pub const NONE: Limits = Limits { rows: usize::MAX, columns: usize::MAX };
}

/// What lay beyond the [`Limits`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overflow {
    /// Records in the whole text.
    pub rows: usize,
    /// The widest record's number of cells.
    pub widest: usize,
    /// The first cell of the first record past the row limit.
    pub first_cut_row: Option<String>,
    /// The first cell past the column limit: its row and text.
    pub first_cut_column: Option<(usize, String)>,
    /// The last kept row that had cells past the column limit.
    pub last_wide_row: usize,
}

/// [`split`], keeping only the cells inside `limits` and counting the rest.
pub fn split_within(text: &str, delimiter: Delimiter, limits: Limits) -> (RawTable, Vec<Diagnostic>, Overflow) {
    let text = strip_bom(text);
    let delim = delimiter.as_char();
    let mut diagnostics = Vec::new();
    let mut overflow = Overflow::default();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quotes_literal = false;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    // Whether the current record has seen any character (so that a final line
    // end does not create an empty record).
    let mut record_started = false;
    // Cells of the current record, kept or not.
    let mut cells = 0usize;
    // Ends the current field: keeps it when inside the limits, else notes it.
    let end_field =
        |field: &mut String, row: &mut Vec<String>, cells: &mut usize, record: usize, overflow: &mut Overflow| {
            if record >= limits.rows {
                if record == limits.rows && *cells == 0 {
                    overflow.first_cut_row = Some(field.clone());
                }
                field.clear();
            } else if *cells >= limits.columns {
                if overflow.first_cut_column.is_none() {
                    overflow.first_cut_column = Some((record, field.clone()));
                }
                overflow.last_wide_row = record;
                field.clear();
            } else {
                row.push(std::mem::take(field));
            }
            *cells += 1;
            overflow.widest = overflow.widest.max(*cells);
        };

    while i < text.len() {
        let record = overflow.rows;
        // Start of a field.
        if !quotes_literal && bytes[i] == b'"' {
            match closing_quote(text, i + 1) {
                Some(close) => {
                    field.push_str(&text[i + 1..close].replace("\"\"", "\""));
                    i = close + 1;
                    record_started = true;
                }
                None => {
                    let at = CellRef::new(record, cells);
                    diagnostics.push(Diagnostic::at(
                        Severity::Warning,
                        Code::UnterminatedQuote,
                        at,
                        "\"",
                        format!("{} 单元格的引号没有闭合，之后的引号按普通字符读取", at.a1()),
                        format!(
                            "The quote opening cell {} is never closed; quotes from there on are read as plain characters",
                            at.a1()
                        ),
                    ));
                    quotes_literal = true;
                    continue;
                }
            }
        }
        // The unquoted part of the field (or what follows a closing quote).
        let rest = &text[i..];
        let end = rest
            .char_indices()
            .find(|&(_, c)| c == delim || c == '\r' || c == '\n')
            .map(|(k, _)| i + k)
            .unwrap_or(text.len());
        if end > i {
            // A cell past the limits reuses the one buffer: no allocation.
            field.push_str(&text[i..end]);
            record_started = true;
        }
        i = end;
        if i >= text.len() {
            break;
        }
        let ch = text[i..].chars().next().unwrap_or(delim);
        i += ch.len_utf8();
        end_field(&mut field, &mut row, &mut cells, record, &mut overflow);
        if ch == delim {
            record_started = true;
        } else {
            if ch == '\r' && bytes.get(i) == Some(&b'\n') {
                i += 1;
            }
            if record < limits.rows {
                rows.push(std::mem::take(&mut row));
            }
            overflow.rows += 1;
            cells = 0;
            record_started = false;
        }
    }
    if record_started {
        let record = overflow.rows;
        end_field(&mut field, &mut row, &mut cells, record, &mut overflow);
        if record < limits.rows {
            rows.push(row);
        }
        overflow.rows += 1;
    }
    (RawTable { rows }, diagnostics, overflow)
}

/// The byte index of the quote closing a field whose content starts at
/// `from`, skipping doubled `""`; `None` when the text ends first.
fn closing_quote(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut k = from;
    while k < bytes.len() {
        if bytes[k] == b'"' {
            if bytes.get(k + 1) == Some(&b'"') {
                k += 2;
                continue;
            }
            return Some(k);
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, delimiter: Delimiter, expected: &[&[&str]]) {
        let (table, _) = split(text, delimiter);
        let got: Vec<Vec<&str>> = table.rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let want: Vec<Vec<&str>> = expected.iter().map(|r| r.to_vec()).collect();
        assert_eq!(got, want, "splitting {text:?}");
    }

    #[test]
    fn splits_like_excel_and_csv() {
        use Delimiter::*;
        check("a\tb\nc\td\n", Tab, &[&["a", "b"], &["c", "d"]]);
        check("a\tb\r\nc\td", Tab, &[&["a", "b"], &["c", "d"]]);
        check("a\tb\rc\td\r", Tab, &[&["a", "b"], &["c", "d"]]);
        check("\u{feff}a,b", Comma, &[&["a", "b"]]);
        check("\"x, y\",2", Comma, &[&["x, y", "2"]]);
        check("\"line\nbreak\"\t3", Tab, &[&["line\nbreak", "3"]]);
        check("\"say \"\"hi\"\"\",1", Comma, &[&["say \"hi\"", "1"]]);
        check("a;b;;", Semicolon, &[&["a", "b", "", ""]]);
        check("孕产妇死亡率，12.5", ChineseComma, &[&["孕产妇死亡率", "12.5"]]);
        check("a\n\nb", Tab, &[&["a"], &[""], &["b"]]);
        check("", Tab, &[]);
        check("\t", Tab, &[&["", ""]]);
        check("\"a\"b,c", Comma, &[&["ab", "c"]]);
        check("x\"y,z", Comma, &[&["x\"y", "z"]]);
        check("\"open,1\n2,3", Comma, &[&["\"open", "1"], &["2", "3"]]);
        check("\"\"", Comma, &[&[""]]);
    }

    #[test]
    fn unterminated_quote_is_reported() {
        let (_, diags) = split("a,\"b\nc", Delimiter::Comma);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].cell.as_deref(), Some("B1"));
    }

    fn check_detect(text: &str, expected: Delimiter) {
        assert_eq!(detect(text), expected, "detecting {text:?}");
    }

    #[test]
    fn detects_the_delimiter() {
        use Delimiter::*;
        check_detect("指标\t2021\t2022\n孕产妇死亡率\t1,234\t5", Tab);
        check_detect("指标,2021,2022\n孕产妇死亡率,12,11", Comma);
        check_detect("指标;2021;2022\n孕产妇死亡率;3,6;4,1", Semicolon);
        check_detect("指标，2021，2022\n孕产妇死亡率，12，11", ChineseComma);
        check_detect("\"a,b\";c\n\"d,e\";f", Semicolon);
        check_detect("just one column", Tab);
        check_detect("", Tab);
    }
}
