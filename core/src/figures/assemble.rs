//! The last stage of reading pasted figures: records of cells -> series.
//!
//! This module owns what happens once the layout has found names, years and
//! value cells: matching names, reading values, converting units, checking
//! bounds, resolving duplicates and conflicts (with the user's choices),
//! flagging percentages pasted as fractions, fanning figures out to every
//! indicator sharing a key, and the final account that every non-blank cell was
//! used or reported.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::catalog::{Catalog, Indicator, Unit};
use crate::series::{Point, Series};

use super::counts::{self, CountCells, CountNames};
use super::delimit::{self, Delimiter, Limits, Overflow, RawTable};
use super::diagnostic::{CellRange, CellRef, Code, Diagnostic, Severity};
use super::layout::{self, Context, Record};
use super::matching::{unit_in_name, Matcher, NameMatch};
use super::value::{parse_unit, parse_value, CellValue, PastedUnit, UnitText};
use super::{Conflict, ConflictValue, Figures, ParseOptions, Unmatched};

/// How many distinct unmatched names get suggestions.
const MAX_SUGGESTED_NAMES: usize = 200;

/// Which cells have been used or reported: one flag a cell, rows laid end to
/// end (one allocation, however many rows were pasted).
pub(crate) struct Accounting {
    /// Where each row's flags start in `flags`, plus the end.
    starts: Vec<usize>,
    flags: Vec<bool>,
}

impl Accounting {
    fn new(table: &RawTable) -> Self {
        let mut starts = Vec::with_capacity(table.rows.len() + 1);
        let mut total = 0;
        for row in &table.rows {
            starts.push(total);
            total += row.len();
        }
        starts.push(total);
        Accounting { starts, flags: vec![false; total] }
    }

    /// The flags of one row (empty outside the table).
    fn row_mut(&mut self, row: usize) -> &mut [bool] {
        match (self.starts.get(row), self.starts.get(row + 1)) {
            (Some(&a), Some(&b)) => &mut self.flags[a..b],
            _ => &mut [],
        }
    }

    fn mark(&mut self, cell: CellRef) {
        if let Some(slot) = self.row_mut(cell.row).get_mut(cell.col) {
            *slot = true;
        }
    }

    fn mark_range(&mut self, range: CellRange) {
        let rows = self.starts.len().saturating_sub(1);
        for r in range.first.row..=range.last.row.min(rows.saturating_sub(1)) {
            let row = self.row_mut(r);
            let last_col = range.last.col.min(row.len().saturating_sub(1));
            for slot in row.iter_mut().take(last_col + 1).skip(range.first.col) {
                *slot = true;
            }
        }
    }

    /// Whether a cell was used or reported.
    pub(crate) fn is_marked(&self, cell: CellRef) -> bool {
        match (self.starts.get(cell.row), self.starts.get(cell.row + 1)) {
            (Some(&a), Some(&b)) if a + cell.col < b => self.flags[a + cell.col],
            _ => false,
        }
    }
}

/// The error accounting for the rows past the limit, if any were cut.
fn rows_cut(overflow: &Overflow, max: usize) -> Option<Diagnostic> {
    let text = overflow.first_cut_row.as_deref()?;
    let total = overflow.rows;
    let (first, last) = (CellRef::new(max, 0), CellRef::new(total - 1, overflow.widest.max(1) - 1));
    let d = Diagnostic::at(
        Severity::Error,
        Code::TooManyRows,
        first,
        text,
        format!(
            "粘贴的表格共 {total} 行，超过一次可分析的 {max} 行：第 {} 行起未读取（文本已全部保留）。两份规划的全部指标逐年列出也用不到这么多行，请检查是否复制了整张工作表，或分批粘贴",
            max + 1
        ),
        format!(
            "The pasted table has {total} rows, more than the {max} one paste can have: rows from {} on were not read (the text is kept). Both plans' indicators year by year need far fewer rows; check whether a whole sheet was copied, or paste in parts",
            max + 1
        ),
    );
    Some(d.covering(Some(CellRange { first, last })))
}

/// The error accounting for the cells past the column limit in the kept rows,
/// if any were cut.
fn columns_cut(overflow: &Overflow, max: usize, kept_rows: usize) -> Option<Diagnostic> {
    let (row, text) = overflow.first_cut_column.as_ref().filter(|(row, _)| *row < kept_rows)?;
    let widest = overflow.widest;
    let first = CellRef::new(*row, max);
    let column = first.column_letters();
    let d = Diagnostic::at(
        Severity::Error,
        Code::TooManyColumns,
        first,
        text,
        format!("粘贴的表格宽 {widest} 列，超过一次可分析的 {max} 列：{column} 列起未读取（文本已全部保留）。请检查是否复制了整行，或分批粘贴"),
        format!("The pasted table is {widest} columns wide, more than the {max} one paste can have: columns from {column} on were not read (the text is kept). Check whether whole rows were copied, or paste in parts"),
    );
    Some(d.covering(Some(CellRange { first, last: CellRef::new(overflow.last_wide_row, widest - 1) })))
}

/// Everything one parse produced, with what the tests need to check the
/// account.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Parsed {
    pub figures: Figures,
    pub table: RawTable,
    pub accounting: Accounting,
}

/// How many distinct values a conflict's message lists before `…and N more`.
pub const CONFLICT_LISTED: usize = 10;

/// A value read for an indicator and year, waiting for duplicates and conflicts
/// to be resolved.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    indicator: usize,
    value: f64,
    cell: CellRef,
    note: Option<CellRef>,
    /// The cell itself carried a % sign (so 0.93% is not a fraction).
    explicit_percent: bool,
}

/// Parses `text` (see [`super::parse`]), keeping the table and the account.
pub(crate) fn parse_text(text: &str, catalog: &Catalog, options: &ParseOptions) -> Parsed {
    let delimiter = options.delimiter.unwrap_or_else(|| delimit::detect(text));
    let limits =
        Limits { rows: options.max_rows.unwrap_or(usize::MAX), columns: options.max_columns.unwrap_or(usize::MAX) };
    let (table, mut diagnostics, overflow) = delimit::split_within(text, delimiter, limits);
    diagnostics.extend(rows_cut(&overflow, limits.rows));
    diagnostics.extend(columns_cut(&overflow, limits.columns, table.rows.len()));
    let layout = options.layout.unwrap_or_else(|| layout::detect(&table));
    let mut accounting = Accounting::new(&table);
    let mut figures = Figures { layout, delimiter, ..Figures::default() };

    if table.filled_cells().next().is_none() {
        diagnostics.push(Diagnostic::global(
            Severity::Info,
            Code::Empty,
            "没有可读取的内容".to_string(),
            "Nothing to read".to_string(),
        ));
        figures.diagnostics = diagnostics;
        return Parsed { figures, table, accounting };
    }

    let ctx = Context { table: &table, current_year: options.current_year };
    let extracted = layout::extract(&ctx, layout);
    for &cell in &extracted.used {
        accounting.mark(cell);
    }
    diagnostics.extend(extracted.diagnostics);

    let matcher = Matcher::new(catalog, &options.assignments);
    for (name, id) in &matcher.bad_assignments {
        diagnostics.push(Diagnostic::global(
            Severity::Warning,
            Code::BadAssignment,
            format!("“{name}”被指定给指标 {id}，但目录中没有该指标"),
            format!("“{name}” is assigned to indicator {id}, which the catalog does not have"),
        ));
    }

    let mut assembler = Assembler {
        table: &table,
        catalog,
        options,
        delimiter,
        matcher,
        cache: HashMap::new(),
        groups: HashMap::new(),
        diagnostics,
        accounting,
        unmatched: Vec::new(),
        conflicts: Vec::new(),
        suggested: HashMap::new(),
        unmatched_names: HashSet::new(),
        note_cells: HashSet::new(),
        count_names: CountNames::new(catalog),
        count_cells: CountCells::default(),
    };
    for record in &extracted.records {
        assembler.record(record);
    }
    assembler.series(&mut figures);
    let count_cells = std::mem::take(&mut assembler.count_cells);
    let texts = |cell: CellRef| table.text(cell).to_string();
    counts::pair(catalog, count_cells, &mut figures.series, &mut figures.names_zh, &texts, &mut assembler.diagnostics);
    assembler.sweep();

    let Assembler { mut diagnostics, accounting, unmatched, .. } = assembler;
    crate::sort::sort_by_key(&mut diagnostics, |d| d.cell_ref().map(|c| (1, c.row, c.col)).unwrap_or((0, 0, 0)));
    figures.diagnostics = diagnostics;
    figures.unmatched = unmatched;
    Parsed { figures, table, accounting }
}

struct Assembler<'a> {
    table: &'a RawTable,
    catalog: &'a Catalog,
    options: &'a ParseOptions,
    delimiter: Delimiter,
    matcher: Matcher<'a>,
    cache: HashMap<String, NameMatch>,
    /// Figures key -> year -> candidates.
    groups: HashMap<String, BTreeMap<i32, Vec<Candidate>>>,
    diagnostics: Vec<Diagnostic>,
    accounting: Accounting,
    unmatched: Vec<Unmatched>,
    conflicts: Vec<Conflict>,
    /// Suggestions already computed, by unmatched name.
    suggested: HashMap<String, Vec<usize>>,
    /// Names already in `unmatched`.
    unmatched_names: HashSet<String>,
    /// Every 备注 cell some value pointed at.
    note_cells: HashSet<CellRef>,
    /// The catalog's numerator and denominator names.
    count_names: CountNames,
    /// Count values read, paired with their indicators after the series.
    count_cells: CountCells,
}

impl<'a> Assembler<'a> {
    fn text(&self, cell: CellRef) -> &'a str {
        self.table.text(cell)
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn find(&mut self, name: &str) -> NameMatch {
        if let Some(m) = self.cache.get(name) {
            return m.clone();
        }
        let m = self.matcher.find(name);
        self.cache.insert(name.to_string(), m.clone());
        m
    }

    /// Matches a record's name, then reads its unit and values.
    fn record(&mut self, record: &Record) {
        let Some(&name_cell) = record.names.last() else { return };
        let mut outcome = NameMatch::NotFound;
        for &cell in &record.names {
            outcome = self.find(self.text(cell).trim());
            if matches!(outcome, NameMatch::Found(..)) {
                break;
            }
        }
        // Not an indicator: perhaps a count one names (孕产妇死亡数, 活产数).
        if !matches!(outcome, NameMatch::Found(..)) {
            if let Some(name) = self.count_name(record) {
                self.count_record(record, &name);
                return;
            }
        }
        let index = match outcome {
            NameMatch::Found(index, _) => index,
            NameMatch::NotFound => {
                let candidates = self.suggestions_for(self.text(name_cell).trim());
                self.unmatched_record(record, name_cell, Code::UnmatchedName, candidates);
                return;
            }
            NameMatch::Ambiguous(candidates) => {
                self.unmatched_record(record, name_cell, Code::AmbiguousName, candidates);
                return;
            }
        };
        let catalog = self.catalog;
        let indicator = &catalog.indicators[index];
        for &cell in &record.names {
            self.accounting.mark(cell);
        }
        let (row_unit, unit_at) = self.row_unit(record, indicator);
        let mut row_converted = false;
        let decimal_comma = self.delimiter == Delimiter::Semicolon;
        for value_ref in &record.values {
            self.note_cells.extend(value_ref.note);
            let cell = value_ref.cell;
            let text = self.text(cell);
            let year = value_ref.year;
            let number = match parse_value(text, decimal_comma) {
                CellValue::Empty => continue,
                CellValue::Missing => {
                    let d = missing(cell, text);
                    self.report(d.for_indicator(&indicator.id).for_year(year));
                    continue;
                }
                CellValue::Invalid(why) => {
                    let (zh, en) = why.reason();
                    let d = Diagnostic::at(
                        Severity::Error,
                        Code::BadValue,
                        cell,
                        text,
                        format!("“{}”{zh}，未使用", text.trim()),
                        format!("“{}”: {en}; not used", text.trim()),
                    );
                    self.report(d.for_indicator(&indicator.id).for_year(year));
                    continue;
                }
                CellValue::Number(n) => n,
            };
            let unit = number.unit.or(row_unit);
            let Some((value, converted)) = convert(indicator.unit, unit, number.value) else {
                let pasted = unit.map_or("", PastedUnit::symbol);
                let d = Diagnostic::at(
                    Severity::Error,
                    Code::UnitMismatch,
                    cell,
                    text,
                    format!(
                        "“{}”的单位（{pasted}）不能换算为该指标的单位（{}），未使用",
                        text.trim(),
                        indicator.unit.name_zh()
                    ),
                    format!(
                        "The unit of “{}” ({pasted}) cannot be converted to the indicator's unit ({}); not used",
                        text.trim(),
                        indicator.unit.name_en()
                    ),
                );
                self.report(d.for_indicator(&indicator.id).for_year(year));
                continue;
            };
            if !(value.abs() <= crate::session::MAX_VALUE) {
                let d = Diagnostic::at(
                    Severity::Error,
                    Code::OutOfBounds,
                    cell,
                    text,
                    format!("数值 {} 超过任何指标可取的上限 ±1e15，未使用", fmt(value)),
                    format!("Value {} is beyond ±1e15, more than any indicator can be; not used", fmt(value)),
                );
                self.report(d.for_indicator(&indicator.id).for_year(year));
                continue;
            }
            if !indicator.bounds.contains(value) {
                let d = Diagnostic::at(
                    Severity::Error,
                    Code::OutOfBounds,
                    cell,
                    text,
                    format!("数值 {} 超出该指标的取值范围 {}，未使用", fmt(value), bounds_text(indicator)),
                    format!(
                        "Value {} is outside the indicator's range {}; not used",
                        fmt(value),
                        bounds_text(indicator)
                    ),
                );
                self.report(d.for_indicator(&indicator.id).for_year(year));
                continue;
            }
            if converted {
                if number.unit.is_some() {
                    let d = Diagnostic::at(
                        Severity::Warning,
                        Code::UnitConverted,
                        cell,
                        text,
                        format!("“{}”已换算为 {}{}", text.trim(), fmt(value), indicator.unit.symbol_zh()),
                        format!("“{}” converted to {}{}", text.trim(), fmt(value), indicator.unit.symbol_en()),
                    );
                    self.report(d.for_indicator(&indicator.id).for_year(year));
                } else {
                    row_converted = true;
                }
            }
            if number.approx {
                let d = Diagnostic::at(
                    Severity::Info,
                    Code::Approximate,
                    cell,
                    text,
                    format!("“{}”是约数，按 {} 使用", text.trim(), fmt(value)),
                    format!("“{}” is approximate; used as {}", text.trim(), fmt(value)),
                );
                self.report(d.for_indicator(&indicator.id).for_year(year));
            }
            if number.decimal_comma {
                let d = Diagnostic::at(
                    Severity::Warning,
                    Code::DecimalComma,
                    cell,
                    text,
                    format!("“{}”中的逗号按小数点读取：{}", text.trim(), fmt(value)),
                    format!("The comma in “{}” was read as a decimal point: {}", text.trim(), fmt(value)),
                );
                self.report(d.for_indicator(&indicator.id).for_year(year));
            }
            self.groups.entry(indicator.figures_key().to_string()).or_default().entry(year).or_default().push(
                Candidate {
                    indicator: index,
                    value,
                    cell,
                    note: value_ref.note,
                    explicit_percent: number.unit == Some(PastedUnit::Percent),
                },
            );
        }
        if row_converted {
            if let (Some(at), Some(from)) = (unit_at, row_unit) {
                let d = Diagnostic::at(
                    Severity::Warning,
                    Code::UnitConverted,
                    at,
                    self.text(at),
                    format!("本行数值由 {} 换算为该指标的单位 {}", from.symbol(), indicator.unit.name_zh()),
                    format!(
                        "Values given in {} were converted to the indicator's unit ({})",
                        from.symbol(),
                        indicator.unit.name_en()
                    ),
                );
                self.report(d.for_indicator(&indicator.id));
            }
        }
    }

    /// The canonical count name of a record that names no indicator (a
    /// numerator or denominator the catalog names).
    fn count_name(&self, record: &Record) -> Option<String> {
        record.names.iter().find_map(|&cell| self.count_names.find(self.text(cell)).map(str::to_string))
    }

    /// Reads a count row (or column): whole numbers ≥ 0, without a scaling
    /// unit, kept for pairing by year. Out of line: inlined into the parse it
    /// made the page's wasm larger.
    #[inline(never)]
    fn count_record(&mut self, record: &Record, name: &str) {
        for &cell in &record.names {
            self.accounting.mark(cell);
        }
        if let Some(at) = record.unit {
            let text = self.text(at);
            if matches!(parse_unit(text), UnitText::None | UnitText::Plain) {
                self.accounting.mark(at);
            } else {
                let d = Diagnostic::at(
                    Severity::Warning,
                    Code::UnitMismatch,
                    at,
                    text,
                    format!("{name}是计数，单位“{}”不适用，数值按计数读取", text.trim()),
                    format!(
                        "{name} is a count; the unit “{}” does not apply and values are read as counts",
                        text.trim()
                    ),
                );
                self.report(d);
            }
        }
        let decimal_comma = self.delimiter == Delimiter::Semicolon;
        for value_ref in &record.values {
            let cell = value_ref.cell;
            let text = self.text(cell);
            let year = value_ref.year;
            let reason = match parse_value(text, decimal_comma) {
                CellValue::Empty => continue,
                CellValue::Missing => {
                    let d = missing(cell, text);
                    self.report(d.for_year(year));
                    continue;
                }
                CellValue::Invalid(why) => why.reason(),
                CellValue::Number(n) if n.unit.is_some() => {
                    ("带有单位，计数不带单位", "given with a unit, which a count has not")
                }
                CellValue::Number(n) => match counts::check_count(n.value) {
                    Ok(()) => {
                        self.accounting.mark(cell);
                        self.count_cells.push(name, year, n.value, cell);
                        continue;
                    }
                    Err(reason) => reason,
                },
            };
            let d = Diagnostic::at(
                Severity::Error,
                Code::BadCount,
                cell,
                text,
                format!("{name}“{}”{}，未使用", text.trim(), reason.0),
                format!("{name} “{}” is {}; not used", text.trim(), reason.1),
            );
            self.report(d.for_year(year));
        }
    }

    /// The unit the record's values are given in when a cell does not say: the
    /// 单位 cell, else a unit in brackets after the name. Returns the unit and
    /// the cell it came from. Reports a unit that does not fit the indicator.
    fn row_unit(&mut self, record: &Record, indicator: &Indicator) -> (Option<PastedUnit>, Option<CellRef>) {
        if let Some(at) = record.unit {
            let text = self.text(at);
            match parse_unit(text) {
                UnitText::None => {}
                UnitText::Plain => self.accounting.mark(at),
                UnitText::Scaled(u) if compatible(indicator.unit, u) => {
                    self.accounting.mark(at);
                    return (Some(u), Some(at));
                }
                UnitText::Scaled(_) => {
                    let d = Diagnostic::at(
                        Severity::Warning,
                        Code::UnitMismatch,
                        at,
                        text,
                        format!(
                            "单位“{}”与该指标的单位（{}）不符，数值按指标单位读取",
                            text.trim(),
                            indicator.unit.name_zh()
                        ),
                        format!(
                            "Unit “{}” does not fit the indicator's unit ({}); values read in the indicator's unit",
                            text.trim(),
                            indicator.unit.name_en()
                        ),
                    );
                    self.report(d.for_indicator(&indicator.id));
                    return (None, None);
                }
                UnitText::Unknown => {
                    let d = Diagnostic::at(
                        Severity::Warning,
                        Code::UnitUnknown,
                        at,
                        text,
                        format!(
                            "无法识别单位“{}”，数值按该指标的单位（{}）读取",
                            text.trim(),
                            indicator.unit.name_zh()
                        ),
                        format!(
                            "Unit “{}” is not understood; values read in the indicator's unit ({})",
                            text.trim(),
                            indicator.unit.name_en()
                        ),
                    );
                    self.report(d.for_indicator(&indicator.id));
                    return (None, None);
                }
            }
        }
        for &cell in &record.names {
            if let Some(u) = unit_in_name(self.text(cell)) {
                if compatible(indicator.unit, u) {
                    return (Some(u), Some(cell));
                }
            }
        }
        (None, None)
    }

    /// Suggestions for an unmatched name, computed once per name, and only for
    /// the first [`MAX_SUGGESTED_NAMES`] names: a paste of thousands of unknown
    /// names (the wrong sheet) must not compare each with every catalog name.
    fn suggestions_for(&mut self, name: &str) -> Vec<usize> {
        if let Some(found) = self.suggested.get(name) {
            return found.clone();
        }
        let found = if self.suggested.len() < MAX_SUGGESTED_NAMES { self.matcher.suggest(name) } else { Vec::new() };
        self.suggested.insert(name.to_string(), found.clone());
        found
    }

    /// Reports a record whose name matched no single indicator.
    fn unmatched_record(&mut self, record: &Record, name_cell: CellRef, code: Code, candidates: Vec<usize>) {
        let name = self.text(name_cell).trim().to_string();
        let catalog = self.catalog;
        let ids: Vec<String> = candidates.iter().map(|&i| catalog.indicators[i].id.clone()).collect();
        let range = CellRange::spanning(record.cells());
        if record.values.is_empty() && record.unit.is_none() {
            let d = Diagnostic::at(
                Severity::Info,
                Code::IgnoredRow,
                name_cell,
                self.text(name_cell),
                format!("“{name}”不是目录中的指标，且没有数值，已忽略"),
                format!("“{name}” is not a catalog indicator and has no values; ignored"),
            );
            self.report(d.covering(range));
            return;
        }
        let hint_zh = if ids.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = candidates
                .iter()
                .map(|&i| format!("{}（{}）", catalog.indicators[i].name_zh, catalog.indicators[i].id))
                .collect();
            format!("；相近的指标：{}", names.join("、"))
        };
        let hint_en = if ids.is_empty() { String::new() } else { format!("; closest: {}", ids.join(", ")) };
        let d = if code == Code::AmbiguousName {
            Diagnostic::at(
                Severity::Error,
                code,
                name_cell,
                self.text(name_cell),
                format!("“{name}”对应多个不同的指标，请指定其一，该行数值未使用{hint_zh}"),
                format!("“{name}” matches several indicators; assign it to one. Its values were not used{hint_en}"),
            )
        } else {
            Diagnostic::at(
                Severity::Error,
                code,
                name_cell,
                self.text(name_cell),
                format!("目录中没有指标“{name}”，可将其指定给某个指标，该行数值未使用{hint_zh}"),
                format!("No catalog indicator is named “{name}”; assign it to one. Its values were not used{hint_en}"),
            )
        };
        self.report(d.covering(range));
        if self.unmatched_names.insert(name.clone()) {
            self.unmatched.push(Unmatched { name, row: name_cell.row_number(), suggestions: ids });
        }
    }

    /// Resolves each indicator-year and builds the series, in catalog order.
    fn series(&mut self, figures: &mut Figures) {
        let catalog = self.catalog;
        let mut by_key: HashMap<&str, Vec<&Indicator>> = HashMap::new();
        for indicator in &catalog.indicators {
            by_key.entry(indicator.figures_key()).or_default().push(indicator);
        }
        let mut points_by_key: HashMap<String, Vec<Point>> = HashMap::new();
        for indicator in &catalog.indicators {
            let key = indicator.figures_key();
            if points_by_key.contains_key(key) {
                continue;
            }
            let Some(years) = self.groups.remove(key) else { continue };
            let sharing: &[&Indicator] = by_key.get(key).map_or(&[], Vec::as_slice);
            let mut chosen: Vec<(Point, Candidate, bool)> = Vec::new();
            for (year, candidates) in years {
                if let Some((point, by_choice)) = self.resolve(sharing, year, &candidates) {
                    chosen.push((point, candidates[0], by_choice));
                }
            }
            if indicator.unit == Unit::Percent {
                self.unit_suspect(indicator, &chosen);
            }
            self.implausible(indicator, &chosen);
            let points: Vec<Point> = chosen.into_iter().map(|(p, _, _)| p).collect();
            points_by_key.insert(key.to_string(), points);
        }
        for indicator in &catalog.indicators {
            if let Some(points) = points_by_key.get(indicator.figures_key()) {
                if points.is_empty() {
                    continue;
                }
                figures.series.push(Series::new(indicator.id.clone(), points.clone()));
                figures.names_zh.insert(indicator.id.clone(), indicator.name_zh.clone());
            }
        }
        figures.conflicts = std::mem::take(&mut self.conflicts);
    }

    /// One indicator-year: the user's choice, else the single value (duplicates
    /// noted), else a conflict. Returns the point and whether a choice made it.
    fn resolve(&mut self, sharing: &[&Indicator], year: i32, candidates: &[Candidate]) -> Option<(Point, bool)> {
        let catalog = self.catalog;
        let first = candidates[0];
        let id = catalog.indicators[first.indicator].id.clone();
        let choice = if self.options.conflict_choices.is_empty() {
            None
        } else {
            sharing.iter().find_map(|i| self.options.conflict_choices.get(&(i.id.clone(), year)).copied())
        };
        let note = self.note_of(candidates);
        if let Some(value) = choice {
            let single_same = candidates.len() == 1 && same(first.value, value);
            for c in candidates {
                self.accounting.mark(c.cell);
                if single_same {
                    continue;
                }
                let text = self.text(c.cell).to_string();
                let (zh, en) = if same(c.value, value) {
                    (format!("按您的选择使用 {}", fmt(value)), format!("Used {} as you chose", fmt(value)))
                } else {
                    (
                        format!("按您的选择，{year} 年使用 {} 代替此格的 {}", fmt(value), fmt(c.value)),
                        format!(
                            "As you chose, {} is used for {year} instead of this cell's {}",
                            fmt(value),
                            fmt(c.value)
                        ),
                    )
                };
                let d = Diagnostic::at(Severity::Info, Code::ChoiceApplied, c.cell, &text, zh, en);
                self.report(d.for_indicator(&id).for_year(year));
            }
            return Some((Point { note, ..Point::new(year, value) }, true));
        }
        let distinct = candidates.iter().any(|c| !same(c.value, first.value));
        if distinct {
            // One diagnostic per conflict, each distinct value listed once with
            // the first cell that gave it, at most CONFLICT_LISTED of them: a
            // table repeating one indicator-year thousands of times stays
            // linear (it used to copy a message listing every cell into
            // every cell).
            let mut seen = HashSet::new();
            let distinct: Vec<&Candidate> =
                candidates.iter().filter(|c| seen.insert(tidy(c.value).to_bits())).collect();
            let shown = &distinct[..distinct.len().min(CONFLICT_LISTED)];
            let more = distinct.len() - shown.len();
            let mut listing_zh: Vec<String> =
                shown.iter().map(|c| format!("{} 的 {}", c.cell.a1(), fmt(c.value))).collect();
            let mut listing_en: Vec<String> =
                shown.iter().map(|c| format!("{} in {}", fmt(c.value), c.cell.a1())).collect();
            if more > 0 {
                listing_zh.push(format!("…另有 {more} 个不同数值"));
                listing_en.push(format!("…and {more} more"));
            }
            let cells_zh = if candidates.len() > distinct.len() {
                format!("（共 {} 格）", candidates.len())
            } else {
                String::new()
            };
            let cells_en = if candidates.len() > distinct.len() {
                format!(" ({} cells)", candidates.len())
            } else {
                String::new()
            };
            let name = &catalog.indicators[first.indicator].name_zh;
            let zh = format!(
                "{name} {year} 年有不同的数值{cells_zh}：{}；请选择一个，选择前均不使用",
                listing_zh.join("，")
            );
            let en = format!(
                "{id} has different values for {year}{cells_en}: {}; pick one (neither is used until then)",
                listing_en.join(", ")
            );
            for c in candidates {
                self.accounting.mark(c.cell);
            }
            let text = self.text(first.cell).to_string();
            // Not `covering` a range: the cells may lie far apart, and a range
            // would account for the unrelated cells between them.
            let d = Diagnostic::at(Severity::Error, Code::Conflict, first.cell, &text, zh, en);
            self.report(d.for_indicator(&id).for_year(year));
            let values = distinct
                .iter()
                .map(|c| ConflictValue { value: c.value, cell: c.cell.a1(), text: self.text(c.cell).to_string() })
                .collect();
            self.conflicts.push(Conflict { id, year, values });
            return None;
        }
        self.accounting.mark(first.cell);
        // Every repeat gets the same message: written once (a pasted block can
        // repeat one row a hundred thousand times).
        let first_a1 = first.cell.a1();
        let zh = format!("与 {first_a1} 的数值相同（{year} 年），只计一次");
        let en = format!("Same value as {first_a1} for {year}; counted once");
        for c in &candidates[1..] {
            let text = self.text(c.cell).to_string();
            let d = Diagnostic::at(Severity::Info, Code::Duplicate, c.cell, &text, zh.clone(), en.clone());
            self.report(d.for_indicator(&id).for_year(year));
        }
        Some((Point { note, ..Point::new(year, first.value) }, false))
    }

    /// The first note among the candidates, marked used.
    fn note_of(&mut self, candidates: &[Candidate]) -> Option<String> {
        for c in candidates {
            if let Some(at) = c.note {
                let text = self.text(at).trim().to_string();
                if !text.is_empty() {
                    self.accounting.mark(at);
                    return Some(text);
                }
            }
        }
        None
    }

    /// Flags percentages that look like fractions: below 1, without a % sign,
    /// where other years are above 1 and ×100 lands nearer them. The value is
    /// used as pasted; the ×100 is only offered.
    fn unit_suspect(&mut self, indicator: &Indicator, chosen: &[(Point, Candidate, bool)]) {
        let mut above: Vec<f64> = chosen.iter().map(|(p, _, _)| p.value).filter(|&v| v > 1.0).collect();
        if above.is_empty() {
            return;
        }
        crate::sort::sort_by(&mut above, f64::total_cmp);
        let median = above[above.len() / 2];
        for (point, candidate, by_choice) in chosen {
            let v = point.value;
            if *by_choice || candidate.explicit_percent || !(v > 0.0 && v < 1.0) {
                continue;
            }
            let scaled = tidy(v * 100.0);
            if !indicator.bounds.contains(scaled) || (scaled - median).abs() >= (v - median).abs() {
                continue;
            }
            let text = self.text(candidate.cell).to_string();
            let d = Diagnostic::at(
                Severity::Warning,
                Code::UnitSuspect,
                candidate.cell,
                &text,
                format!(
                    "{} 年的 {} 远小于其他年份（百分数），是否应为 {}%？已按 {} 使用，可改为 ×100",
                    point.year,
                    fmt(v),
                    fmt(scaled),
                    fmt(v)
                ),
                format!(
                    "{} for {} is far below the other years (a percentage): did you mean {}%? Used as {}; ×100 is offered",
                    fmt(v),
                    point.year,
                    fmt(scaled),
                    fmt(v)
                ),
            );
            self.report(d.for_indicator(&indicator.id).for_year(point.year).suggesting(scaled));
        }
    }

    /// Flags values 10 or more times away from both the target and the series'
    /// median (METHODS.md `implausible`), offering the likely reading (×100 for
    /// a fraction in a percent row, ÷100 for ‰ read as per 100,000, ...). The
    /// value is used as pasted; the engine does not judge the series until the
    /// user checks it, and the reading is applied only on the user's click.
    fn implausible(&mut self, indicator: &Indicator, chosen: &[(Point, Candidate, bool)]) {
        let Some(target) = crate::plausibility::target_reference(indicator) else { return };
        let values: Vec<f64> = chosen.iter().map(|(p, _, _)| p.value).collect();
        let Some(median) = crate::plausibility::median(values.clone()) else { return };
        for (i, (point, candidate, by_choice)) in chosen.iter().enumerate() {
            let v = point.value;
            if *by_choice || !crate::plausibility::implausible(v, target, median, crate::plausibility::FACTOR) {
                continue;
            }
            // A fraction already offered ×100 by `unit_suspect` is not named twice.
            if self.diagnostics.iter().any(|d| d.code == Code::UnitSuspect && d.cell_ref() == Some(candidate.cell)) {
                continue;
            }
            let others: Vec<f64> = values.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, v)| *v).collect();
            let reading = crate::plausibility::median(others)
                .and_then(|m| crate::plausibility::likely_reading(v, m, &indicator.bounds));
            let text = self.text(candidate.cell).to_string();
            let (offer_zh, offer_en) = match reading {
                Some(r) => (
                    format!("，可能应为 {}（可一键改正）", fmt(r)),
                    format!("; it may be {} (one click to correct)", fmt(r)),
                ),
                None => (String::new(), String::new()),
            };
            let d = Diagnostic::at(
                Severity::Warning,
                Code::Implausible,
                candidate.cell,
                &text,
                format!(
                    "{} 年的 {} 与目标 {} 和其他年份都相差 10 倍以上，很可能单位有误{offer_zh}；核对前该指标不作判断",
                    point.year,
                    fmt(v),
                    fmt(target)
                ),
                format!(
                    "{} for {} is ten or more times away from both the target {} and the other years: most likely a unit slip{offer_en}; the indicator is not judged until it is checked",
                    fmt(v),
                    point.year,
                    fmt(target)
                ),
            );
            let d = d.for_indicator(&indicator.id).for_year(point.year);
            self.report(match reading {
                Some(r) => d.suggesting(r),
                None => d,
            });
        }
    }

    /// The final account: every non-blank cell is used or named by a
    /// diagnostic. A note cell whose values went unused is reported as such;
    /// anything else left over is the safety net's `cell_unused`.
    fn sweep(&mut self) {
        for d in &self.diagnostics {
            if let Some(at) = d.cell_ref() {
                self.accounting.mark(at);
            }
            if let Some(span) = d.span {
                self.accounting.mark_range(span);
            }
        }
        let leftovers: Vec<CellRef> = self.table.filled_cells().filter(|&c| !self.accounting.is_marked(c)).collect();
        for cell in leftovers {
            let text = self.text(cell).to_string();
            let d = if self.note_cells.contains(&cell) {
                Diagnostic::at(
                    Severity::Info,
                    Code::NoteUnused,
                    cell,
                    &text,
                    "备注所在行没有可用的数值，备注未使用".to_string(),
                    "The note's row has no usable value; the note was not used".to_string(),
                )
            } else {
                Diagnostic::at(
                    Severity::Error,
                    Code::CellUnused,
                    cell,
                    &text,
                    "此单元格未被使用".to_string(),
                    "This cell was not used".to_string(),
                )
            };
            self.accounting.mark(cell);
            self.diagnostics.push(d);
        }
    }
}

/// The per-x of a catalog unit: a value `v` is the rate `v / x`.
fn unit_per(unit: Unit) -> Option<f64> {
    match unit {
        Unit::Percent => Some(100.0),
        Unit::Per1000LiveBirths | Unit::Per1000Population | Unit::Per1000Children => Some(1_000.0),
        Unit::Per10k => Some(10_000.0),
        Unit::Per100k | Unit::Per100kLiveBirths => Some(100_000.0),
        _ => None,
    }
}

/// Whether a pasted unit can be converted to a catalog unit.
fn compatible(unit: Unit, pasted: PastedUnit) -> bool {
    match pasted {
        PastedUnit::Ratio => unit == Unit::Ratio,
        _ => unit_per(unit).is_some(),
    }
}

/// Converts `value` in `pasted` to the catalog `unit`: the value and whether it
/// changed. `None` when the units do not convert.
fn convert(unit: Unit, pasted: Option<PastedUnit>, value: f64) -> Option<(f64, bool)> {
    let Some(pasted) = pasted else { return Some((value, false)) };
    if !compatible(unit, pasted) {
        return None;
    }
    match (pasted.per(), unit_per(unit)) {
        (Some(from), Some(to)) if from != to => Some((tidy(value * to / from), true)),
        _ => Some((value, false)),
    }
}

use crate::plausibility::tidy;

/// A missing-value marker (`-`, `—`, `NA`, `暂无`): no value, not zero.
fn missing(cell: CellRef, text: &str) -> Diagnostic {
    Diagnostic::at(
        Severity::Info,
        Code::Missing,
        cell,
        text,
        format!("“{}”表示无数据，按缺失处理（不是 0）", text.trim()),
        format!("“{}” marks a missing value (not zero)", text.trim()),
    )
}

/// Two values are the same figure if equal to twelve significant digits.
fn same(a: f64, b: f64) -> bool {
    tidy(a) == tidy(b)
}

/// A number for messages: shortest form, no binary noise.
fn fmt(x: f64) -> String {
    format!("{}", tidy(x))
}

fn bounds_text(indicator: &Indicator) -> String {
    let lo = indicator.bounds.lower.map_or("−∞".to_string(), fmt);
    let hi = indicator.bounds.upper.map_or("+∞".to_string(), fmt);
    format!("[{lo}, {hi}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_per_x_units() {
        assert_eq!(convert(Unit::Percent, Some(PastedUnit::PerMille), 2.0), Some((0.2, true)));
        assert_eq!(convert(Unit::Per10k, Some(PastedUnit::Per100k), 7.5), Some((0.75, true)));
        assert_eq!(convert(Unit::Per100kLiveBirths, Some(PastedUnit::Per100k), 7.5), Some((7.5, false)));
        assert_eq!(convert(Unit::Per1000Population, Some(PastedUnit::PerMille), 4.08), Some((4.08, false)));
        assert_eq!(convert(Unit::Count, Some(PastedUnit::Percent), 3.0), None);
        assert_eq!(convert(Unit::Ratio, Some(PastedUnit::Ratio), 1.5), Some((1.5, false)));
        assert_eq!(convert(Unit::Percent, Some(PastedUnit::Ratio), 1.5), None);
        assert_eq!(convert(Unit::Years, None, 80.1), Some((80.1, false)));
    }

    #[test]
    fn rows_past_the_cap_are_one_located_error_and_the_rest_is_read() {
        let catalog = crate::catalog::builtin();
        let text = "指标\t年份\t数值\n".to_string() + &"婴儿死亡率\t2021\t5.0\n".repeat(10);
        let mut options = ParseOptions::new(2026);
        options.max_rows = Some(5);
        let parsed = parse_text(&text, &catalog, &options);
        let cut: Vec<_> = parsed.figures.diagnostics.iter().filter(|d| d.code == Code::TooManyRows).collect();
        assert_eq!(cut.len(), 1);
        assert_eq!((cut[0].cell.as_deref(), cut[0].range.as_deref()), (Some("A6"), Some("A6:C11")));
        assert!(cut[0].message_en.contains("11 rows"), "{}", cut[0].message_en);
        assert_eq!(parsed.table.rows.len(), 5);
        assert_eq!(parsed.figures.series_for("C-HEALTH-03").map(|s| s.points.len()), Some(1));
        options.max_rows = Some(11);
        assert!(parse_text(&text, &catalog, &options).figures.diagnostics.iter().all(|d| d.code != Code::TooManyRows));
    }

    #[test]
    fn columns_past_the_cap_are_one_located_error_and_the_rest_is_read() {
        let catalog = crate::catalog::builtin();
        let text = "指标\t2021年\t2022年\t2023年\t2024年\n婴儿死亡率\t5.0\t4.9\t4.5\t4.0\n";
        let mut options = ParseOptions::new(2026);
        options.max_columns = Some(3);
        let parsed = parse_text(text, &catalog, &options);
        let cut: Vec<_> = parsed.figures.diagnostics.iter().filter(|d| d.code == Code::TooManyColumns).collect();
        assert_eq!(cut.len(), 1);
        assert_eq!((cut[0].cell.as_deref(), cut[0].range.as_deref()), (Some("D1"), Some("D1:E2")));
        assert_eq!(parsed.figures.series_for("C-HEALTH-03").map(|s| s.points.len()), Some(2));
    }

    #[test]
    fn tidy_removes_binary_noise_only() {
        assert_eq!(tidy(0.93 * 100.0), 93.0);
        assert_eq!(tidy(0.1 + 0.2), 0.3);
        assert_eq!(tidy(1234.5678), 1234.5678);
        assert_eq!(tidy(1e-12), 1e-12);
        assert!((tidy(f64::MAX) / f64::MAX - 1.0).abs() < 1e-9);
    }
}
