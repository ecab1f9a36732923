//! Stage two of reading pasted figures: which cells of the raw table are names,
//! years, values, units and notes.
//!
//! This module owns the three layouts staff paste, their automatic detection and
//! the header words that name columns (序号, 指标, 单位, 备注, 目标值, 年份, ...).
//! It yields one [`Record`] per indicator line (a wide row, a transposed column,
//! a long row) with the cells of its values and their years, and reports the
//! rows and columns it skips. It does not match names or read values: the
//! assembly stage does, so that every layout shares those rules.

use serde::{Deserialize, Serialize};

use super::delimit::RawTable;
use super::diagnostic::{CellRange, CellRef, Code, Diagnostic, Severity};
use super::matching::normalise;
use super::value::{looks_like_year, parse_unit, parse_value, parse_year, CellValue, UnitText};

/// How the pasted table is arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Indicator rows × year columns (the usual monitoring table).
    #[default]
    Wide,
    /// Year rows × indicator columns.
    Transposed,
    /// One value a row: indicator, year, value [, unit] [, note].
    Long,
}

impl Layout {
    /// The name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Layout::Wide => "wide",
            Layout::Transposed => "transposed",
            Layout::Long => "long",
        }
    }

    /// Parses [`Layout::key`].
    pub fn from_key(key: &str) -> Option<Layout> {
        [Layout::Wide, Layout::Transposed, Layout::Long].into_iter().find(|l| l.key() == key)
    }
}

/// What a header word says a column (or, in a transposed table, a row) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Name,
    Id,
    Year,
    Value,
    Unit,
    Note,
    Serial,
    Target,
    Source,
}

/// The role a header cell names, if it is one of the words we know.
pub fn header_role(text: &str) -> Option<Role> {
    let s = normalise(text);
    let role = match s.as_str() {
        "序号" | "序" | "编号" | "no" | "行号" => Role::Serial,
        "指标" | "指标名称" | "名称" | "项目" | "指标项目" | "监测指标" | "indicator" | "name" | "指标名" => {
            Role::Name
        }
        "id" | "编码" | "指标编码" | "代码" | "指标代码" | "code" | "指标id" => Role::Id,
        "年份" | "年度" | "年" | "year" | "统计年度" | "监测年度" | "时间" => Role::Year,
        "数值" | "值" | "数据" | "value" | "实际值" | "监测值" | "指标值" | "监测数据" => Role::Value,
        "单位" | "计量单位" | "unit" | "指标单位" => Role::Unit,
        "备注" | "说明" | "注" | "note" | "notes" | "remark" | "remarks" | "备注说明" => Role::Note,
        "来源" | "数据来源" | "资料来源" | "source" | "出处" => Role::Source,
        "target" | "目标" => Role::Target,
        _ if s.ends_with("目标") || s.ends_with("目标值") => Role::Target,
        _ => return None,
    };
    Some(role)
}

/// A value cell and the year it is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueRef {
    pub cell: CellRef,
    pub year: i32,
    /// The 备注 cell that goes with this value, if any.
    pub note: Option<CellRef>,
}

/// One indicator line of the table: where its name, unit and values are.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// Cells naming the indicator, tried in order (an id column first).
    pub names: Vec<CellRef>,
    /// The 单位 cell for these values, if any.
    pub unit: Option<CellRef>,
    /// Filled value cells.
    pub values: Vec<ValueRef>,
}

impl Record {
    /// Every cell of the record, for the range an unmatched name covers.
    pub fn cells(&self) -> impl Iterator<Item = CellRef> + '_ {
        self.names
            .iter()
            .copied()
            .chain(self.unit)
            .chain(self.values.iter().flat_map(|v| std::iter::once(v.cell).chain(v.note)))
    }
}

/// What the layout stage found.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
    /// Header and other cells read and used by the layout itself.
    pub used: Vec<CellRef>,
}

/// How many rows layout detection and column guessing look at: enough to see
/// the pattern, and a 10,000-row paste is not scanned again and again.
const SAMPLE_ROWS: usize = 200;

/// The first [`SAMPLE_ROWS`] rows.
fn sample(table: &RawTable) -> &[Vec<String>] {
    &table.rows[..table.rows.len().min(SAMPLE_ROWS)]
}

/// Guesses the layout: years along a row make it wide, years down a column make
/// it long or transposed; a 年份 heading or a 数值 heading settles it.
pub fn detect(table: &RawTable) -> Layout {
    let rows = sample(table);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let head_rows = table.rows.len().min(5);
    let mut year_keyword = false;
    let mut value_keyword = false;
    for row in &table.rows[..head_rows] {
        for text in row {
            match header_role(text) {
                Some(Role::Year) => year_keyword = true,
                Some(Role::Value) => value_keyword = true,
                _ => {}
            }
        }
    }
    let row_years = rows.iter().map(|r| r.iter().filter(|t| looks_like_year(t)).count()).max().unwrap_or(0);
    let col_years = (0..width).map(|c| column_years(rows, c)).max().unwrap_or(0);
    if !year_keyword && (row_years >= col_years || col_years == 0) {
        return Layout::Wide;
    }
    if value_keyword {
        return Layout::Long;
    }
    let y = year_column(rows);
    if name_column_by_content(rows, y, &[]).is_some() {
        Layout::Long
    } else {
        Layout::Transposed
    }
}

fn column_years(rows: &[Vec<String>], col: usize) -> usize {
    rows.iter().filter(|r| r.get(col).is_some_and(|t| looks_like_year(t))).count()
}

/// The column holding the most years (leftmost on ties), or a 年份 heading's.
fn year_column(rows: &[Vec<String>]) -> usize {
    for row in rows.iter().take(5) {
        if let Some(c) = row.iter().position(|t| header_role(t) == Some(Role::Year)) {
            return c;
        }
    }
    let mut best = (0usize, 0usize);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for c in 0..width {
        let n = column_years(rows, c);
        if n > best.1 {
            best = (c, n);
        }
    }
    best.0
}

/// Whether a cell holds text that could be a name: not blank, not a year, not a
/// number, not a missing marker.
fn is_name_like(text: &str) -> bool {
    !text.trim().is_empty() && !looks_like_year(text) && matches!(parse_value(text, false), CellValue::Invalid(_))
}

/// In a table whose years run down column `y`, a column (not `y`, not in
/// `exclude`) with name-like text beside at least half of the years; the one with
/// most such cells, leftmost on ties.
fn name_column_by_content(rows: &[Vec<String>], y: usize, exclude: &[usize]) -> Option<usize> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let year_rows: Vec<&Vec<String>> = rows.iter().filter(|r| r.get(y).is_some_and(|t| looks_like_year(t))).collect();
    if year_rows.is_empty() {
        return None;
    }
    // Columns whose heading says they hold units, notes or sources are not names.
    let labelled: Vec<usize> = (0..width)
        .filter(|&c| {
            rows.iter().take(5).any(|r| {
                r.get(c).and_then(|t| header_role(t)).is_some_and(|role| !matches!(role, Role::Name | Role::Id))
            })
        })
        .collect();
    let mut best: Option<(usize, usize)> = None;
    for c in 0..width {
        if c == y || exclude.contains(&c) || labelled.contains(&c) {
            continue;
        }
        let n = year_rows.iter().filter(|r| r.get(c).is_some_and(|t| is_name_like(t))).count();
        if n * 2 >= year_rows.len() && n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((c, n));
        }
    }
    best.map(|(c, _)| c)
}

/// Context every layout needs.
pub struct Context<'a> {
    pub table: &'a RawTable,
    pub current_year: i32,
}

impl Context<'_> {
    fn text(&self, cell: CellRef) -> &str {
        self.table.text(cell)
    }

    fn filled(&self, cell: CellRef) -> bool {
        self.table.is_filled(cell)
    }

    fn row_cells(&self, row: usize) -> Vec<CellRef> {
        let len = self.table.rows.get(row).map_or(0, Vec::len);
        (0..len).map(|c| CellRef::new(row, c)).filter(|&c| self.filled(c)).collect()
    }

    fn column_cells(&self, col: usize, from_row: usize) -> Vec<CellRef> {
        (from_row..self.table.rows.len()).map(|r| CellRef::new(r, col)).filter(|&c| self.filled(c)).collect()
    }

    /// Checks a year: 2000–2100 and not after the current year. On failure, the
    /// diagnostic for `cell`, covering `covers`.
    fn check_year(&self, year: i32, cell: CellRef, covers: &[CellRef]) -> Result<i32, Box<Diagnostic>> {
        let text = self.text(cell);
        let range = CellRange::spanning(covers.iter().copied());
        if !(2000..=2100).contains(&year) {
            return Err(Box::new(
                Diagnostic::at(
                    Severity::Error,
                    Code::YearOutOfRange,
                    cell,
                    text,
                    format!("年份 {year} 不在 2000—2100 之间，该年的数值未使用"),
                    format!("Year {year} is outside 2000–2100; its values were not used"),
                )
                .covering(range)
                .for_year(year),
            ));
        }
        if year > self.current_year {
            return Err(Box::new(
                Diagnostic::at(
                    Severity::Error,
                    Code::FutureYear,
                    cell,
                    text,
                    format!("年份 {year} 晚于今年（{}），该年的数值未使用", self.current_year),
                    format!("Year {year} is after the current year ({}); its values were not used", self.current_year),
                )
                .covering(range)
                .for_year(year),
            ));
        }
        Ok(year)
    }

    fn ignored_row(&self, row: usize, why_zh: &str, why_en: &str) -> Option<Diagnostic> {
        let cells = self.row_cells(row);
        let first = *cells.first()?;
        Some(
            Diagnostic::at(
                Severity::Info,
                Code::IgnoredRow,
                first,
                self.text(first),
                format!("第 {} 行{why_zh}，已忽略", row + 1),
                format!("Row {} {why_en}; ignored", row + 1),
            )
            .covering(CellRange::spanning(cells)),
        )
    }

    fn ignored_column(&self, at: CellRef, from_row: usize) -> Option<Diagnostic> {
        let mut cells = self.column_cells(at.col, from_row);
        if self.filled(at) && !cells.contains(&at) {
            cells.insert(0, at);
        }
        let first = if self.filled(at) { at } else { *cells.first()? };
        let heading = self.text(first).trim().to_string();
        let letters = at.column_letters();
        Some(
            Diagnostic::at(
                Severity::Info,
                Code::IgnoredColumn,
                first,
                self.text(first),
                format!("已忽略第 {letters} 列（{heading}）"),
                format!("Ignored column {letters} ({heading})"),
            )
            .covering(CellRange::spanning(cells)),
        )
    }

    fn missing_name(&self, cells: Vec<CellRef>) -> Option<Diagnostic> {
        let first = *cells.first()?;
        Some(
            Diagnostic::at(
                Severity::Error,
                Code::MissingName,
                first,
                self.text(first),
                format!("{} 等单元格没有对应的指标名称，未使用", first.a1()),
                format!("Cells from {} have no indicator name beside them; not used", first.a1()),
            )
            .covering(CellRange::spanning(cells)),
        )
    }

    fn bad_year(&self, cell: CellRef, covers: Vec<CellRef>) -> Diagnostic {
        let text = self.text(cell);
        Diagnostic::at(
            Severity::Error,
            Code::BadYear,
            cell,
            text,
            format!("“{}”不是年份（应为如 2021 或 2021年），该行数值未使用", text.trim()),
            format!("“{}” is not a year (expected e.g. 2021 or 2021年); the row's values were not used", text.trim()),
        )
        .covering(CellRange::spanning(covers))
    }
}

/// Reads `table` in `layout`.
pub fn extract(ctx: &Context<'_>, layout: Layout) -> Extracted {
    match layout {
        Layout::Wide => wide(ctx),
        Layout::Transposed => transposed(ctx),
        Layout::Long => long(ctx),
    }
}

/// When no year is found anywhere: one error covering the whole table.
fn no_years(ctx: &Context<'_>) -> Extracted {
    let mut out = Extracted::default();
    let cells: Vec<CellRef> = ctx.table.filled_cells().collect();
    if let Some(&first) = cells.first() {
        out.diagnostics.push(
            Diagnostic::at(
                Severity::Error,
                Code::NoYears,
                first,
                ctx.text(first),
                "找不到年份：表头应有年份（如 2021 或 2021年），或有一列年份".to_string(),
                "No year found: the header should hold years (e.g. 2021 or 2021年), or one column should".to_string(),
            )
            .covering(CellRange::spanning(cells)),
        );
    }
    out
}

/// Indicator rows × year columns.
fn wide(ctx: &Context<'_>) -> Extracted {
    let table = ctx.table;
    let mut best = (0usize, 0usize);
    for (r, row) in sample(table).iter().enumerate() {
        let n = row.iter().filter(|t| looks_like_year(t)).count();
        if n > best.1 {
            best = (r, n);
        }
    }
    if best.1 == 0 {
        return no_years(ctx);
    }
    let h = best.0;
    let mut out = Extracted::default();
    for r in 0..h {
        out.diagnostics.extend(ctx.ignored_row(r, "在表头之上", "is above the header"));
    }
    let width = table.width();
    let mut years: Vec<(usize, i32)> = Vec::new();
    let mut roles: Vec<Option<Role>> = vec![None; width];
    let mut is_year = vec![false; width];
    for c in 0..width {
        let at = CellRef::new(h, c);
        let text = ctx.text(at);
        if looks_like_year(text) {
            let year = parse_year(text).unwrap_or(0);
            let column = ctx.column_cells(c, h + 1);
            match ctx.check_year(year, at, &column) {
                Ok(y) => {
                    years.push((c, y));
                    out.used.push(at);
                }
                Err(d) => out.diagnostics.push(*d),
            }
            is_year[c] = true;
        } else {
            roles[c] = header_role(text);
        }
    }
    let first_year_col = years.first().map_or(width, |&(c, _)| c);
    let find = |role: Role| roles.iter().position(|r| *r == Some(role));
    let id_col = find(Role::Id);
    let mut name_col = find(Role::Name);
    if name_col.is_none() && id_col.is_none() {
        // The leftmost unlabelled column holding text: where names usually are.
        name_col = (0..first_year_col.max(1).min(width))
            .filter(|&c| roles[c].is_none() && !is_year[c])
            .find(|&c| ctx.column_cells(c, h + 1).iter().any(|&cell| is_name_like(ctx.text(cell))))
            .or_else(|| (0..width).find(|&c| roles[c].is_none() && !is_year[c]));
    }
    let unit_col = find(Role::Unit);
    let note_col = find(Role::Note);
    let target_cols: Vec<usize> = (0..width).filter(|&c| roles[c] == Some(Role::Target)).collect();
    for (c, &year_col) in is_year.iter().enumerate() {
        let at = CellRef::new(h, c);
        let used_role = Some(c) == id_col || Some(c) == name_col || Some(c) == unit_col || Some(c) == note_col;
        if used_role || target_cols.contains(&c) {
            if ctx.filled(at) {
                out.used.push(at);
            }
            if target_cols.contains(&c) {
                // Our own template's target column: recognised, read by no one.
                out.used.extend(ctx.column_cells(c, h + 1));
            }
        } else if !year_col {
            out.diagnostics.extend(ctx.ignored_column(at, h + 1));
        }
    }
    for r in h + 1..table.rows.len() {
        let cell = |c: Option<usize>| c.map(|c| CellRef::new(r, c)).filter(|&x| ctx.filled(x));
        let names: Vec<CellRef> = [cell(id_col), cell(name_col)].into_iter().flatten().collect();
        let note = cell(note_col);
        let values: Vec<ValueRef> =
            years.iter().filter_map(|&(c, year)| cell(Some(c)).map(|at| ValueRef { cell: at, year, note })).collect();
        let unit = cell(unit_col);
        if names.is_empty() {
            let orphans: Vec<CellRef> = values.iter().map(|v| v.cell).chain(unit).chain(note).collect();
            out.diagnostics.extend(ctx.missing_name(orphans));
            continue;
        }
        if values.is_empty() {
            // A name with no values: a section heading or an empty line. The
            // note, if any, goes unused with the row.
            out.records.push(Record { names, unit, values: Vec::new() });
            if let Some(n) = note {
                out.diagnostics.push(note_unused(ctx, n));
            }
            continue;
        }
        out.records.push(Record { names, unit, values });
    }
    out
}

fn note_unused(ctx: &Context<'_>, cell: CellRef) -> Diagnostic {
    Diagnostic::at(
        Severity::Info,
        Code::NoteUnused,
        cell,
        ctx.text(cell),
        "备注所在行没有可用的数值，备注未使用".to_string(),
        "The note's row has no usable value; the note was not used".to_string(),
    )
}

/// Year rows × indicator columns.
fn transposed(ctx: &Context<'_>) -> Extracted {
    let table = ctx.table;
    let y = year_column(sample(table));
    let is_unit_row = |r: usize| header_role(ctx.text(CellRef::new(r, y))) == Some(Role::Unit);
    let Some(first_year_row) = (0..table.rows.len()).find(|&r| looks_like_year(ctx.text(CellRef::new(r, y)))) else {
        return no_years(ctx);
    };
    let header = (0..first_year_row).rev().find(|&r| !is_unit_row(r) && ctx.row_cells(r).iter().any(|c| c.col != y));
    let mut out = Extracted::default();
    let body_from = header.map_or(0, |h| h + 1);
    for r in 0..header.unwrap_or(0) {
        out.diagnostics.extend(ctx.ignored_row(r, "在表头之上", "is above the header"));
    }
    let width = table.width();
    let mut note_col = None;
    let mut indicator_cols: Vec<usize> = Vec::new();
    for c in 0..width {
        if c == y {
            if let Some(h) = header {
                if ctx.filled(CellRef::new(h, c)) {
                    out.used.push(CellRef::new(h, c));
                }
            }
            continue;
        }
        let head = header.map(|h| CellRef::new(h, c)).filter(|&at| ctx.filled(at));
        match head.map(|at| header_role(ctx.text(at))) {
            Some(Some(Role::Note)) if note_col.is_none() => {
                note_col = Some(c);
                out.used.extend(head);
            }
            Some(Some(role)) if role != Role::Name && role != Role::Id => {
                if let Some(at) = head {
                    out.diagnostics.extend(ctx.ignored_column(at, body_from));
                }
            }
            Some(_) => indicator_cols.push(c),
            None => {
                let cells = ctx.column_cells(c, body_from);
                out.diagnostics.extend(ctx.missing_name(cells));
            }
        }
    }
    let mut records: Vec<Record> = indicator_cols
        .iter()
        .map(|&c| Record {
            names: header.map(|h| CellRef::new(h, c)).into_iter().collect(),
            unit: None,
            values: Vec::new(),
        })
        .collect();
    for r in body_from..table.rows.len() {
        let at = CellRef::new(r, y);
        let row_cells: Vec<CellRef> = ctx.row_cells(r);
        let indicator_cells: Vec<(usize, CellRef)> = indicator_cols
            .iter()
            .enumerate()
            .map(|(k, &c)| (k, CellRef::new(r, c)))
            .filter(|&(_, cell)| ctx.filled(cell))
            .collect();
        let note = note_col.map(|c| CellRef::new(r, c)).filter(|&x| ctx.filled(x));
        if is_unit_row(r) {
            out.used.push(at);
            for &(k, cell) in &indicator_cells {
                records[k].unit = Some(cell);
            }
            if let Some(n) = note {
                out.diagnostics.push(note_unused(ctx, n));
            }
            continue;
        }
        if row_cells.is_empty() {
            continue;
        }
        let covers: Vec<CellRef> = indicator_cells.iter().map(|&(_, c)| c).chain(note).collect();
        if !ctx.filled(at) {
            if !covers.is_empty() {
                let first = covers[0];
                out.diagnostics.push(ctx.bad_year(first, covers));
            }
            continue;
        }
        let Some(year) = parse_year(ctx.text(at)) else {
            out.diagnostics.push(ctx.bad_year(at, covers));
            continue;
        };
        match ctx.check_year(year, at, &covers) {
            Err(d) => out.diagnostics.push(*d),
            Ok(year) => {
                out.used.push(at);
                if indicator_cells.is_empty() {
                    if let Some(n) = note {
                        out.diagnostics.push(note_unused(ctx, n));
                    }
                }
                for &(k, cell) in &indicator_cells {
                    records[k].values.push(ValueRef { cell, year, note });
                }
            }
        }
    }
    out.records = records;
    out
}

/// One value a row: indicator, year, value, with optional unit and note columns.
fn long(ctx: &Context<'_>) -> Extracted {
    let table = ctx.table;
    let width = table.width();
    let mut out = Extracted::default();
    let Some(first_row) = (0..table.rows.len()).find(|&r| !ctx.row_cells(r).is_empty()) else {
        return out;
    };
    let head_roles: Vec<Option<Role>> = (0..width).map(|c| header_role(ctx.text(CellRef::new(first_row, c)))).collect();
    let find = |role: Role| head_roles.iter().position(|r| *r == Some(role));
    let y = find(Role::Year).unwrap_or_else(|| year_column(sample(table)));
    let header = !looks_like_year(ctx.text(CellRef::new(first_row, y)));
    let id_col = find(Role::Id);
    let mut name_col = find(Role::Name);
    let mut value_col = find(Role::Value);
    let mut unit_col = find(Role::Unit);
    let mut note_col = find(Role::Note);
    let body_from = if header { first_row + 1 } else { first_row };
    let taken = |cols: &[Option<usize>]| -> Vec<usize> { cols.iter().flatten().copied().collect() };
    if name_col.is_none() && id_col.is_none() {
        name_col = name_column_by_content(sample(table), y, &taken(&[value_col, unit_col, note_col]));
    }
    if value_col.is_none() {
        // The column with the most numbers (or missing markers), not the years.
        let exclude = taken(&[Some(y), name_col, id_col, unit_col, note_col]);
        let mut best: Option<(usize, usize)> = None;
        for c in (0..width).filter(|c| !exclude.contains(c)) {
            let n = (body_from..table.rows.len())
                .take(SAMPLE_ROWS)
                .filter(|&r| {
                    matches!(
                        parse_value(ctx.text(CellRef::new(r, c)), false),
                        CellValue::Number(_) | CellValue::Missing
                    )
                })
                .count();
            if n > 0 && best.is_none_or(|(_, m)| n > m) {
                best = Some((c, n));
            }
        }
        value_col = best.map(|(c, _)| c);
    }
    // Unlabelled columns right of the value: a unit column if its cells read as
    // units, else the first is a note column.
    if !header || (unit_col.is_none() && note_col.is_none()) {
        if let Some(v) = value_col {
            for (c, role) in head_roles.iter().enumerate().skip(v + 1) {
                if role.is_some() && header {
                    continue;
                }
                let mut cells = ctx.column_cells(c, body_from);
                cells.truncate(SAMPLE_ROWS);
                if cells.is_empty() {
                    continue;
                }
                let units = cells.iter().filter(|&&x| matches!(parse_unit(ctx.text(x)), UnitText::Scaled(_))).count();
                if unit_col.is_none() && units * 2 > cells.len() {
                    unit_col = Some(c);
                } else if note_col.is_none() {
                    note_col = Some(c);
                }
            }
        }
    }
    let roles_used = taken(&[Some(y), id_col, name_col, value_col, unit_col, note_col]);
    for r in 0..first_row {
        out.diagnostics.extend(ctx.ignored_row(r, "在表头之上", "is above the header"));
    }
    for (c, role) in head_roles.iter().enumerate() {
        let at = CellRef::new(first_row, c);
        if roles_used.contains(&c) {
            if header && ctx.filled(at) {
                out.used.push(at);
            }
        } else if *role == Some(Role::Target) && header {
            out.used.push(at);
            out.used.extend(ctx.column_cells(c, body_from));
        } else {
            let from = if header { first_row } else { body_from };
            let start = CellRef::new(from, c);
            out.diagnostics.extend(ctx.ignored_column(start, from));
        }
    }
    for r in body_from..table.rows.len() {
        let cell = |c: Option<usize>| c.map(|c| CellRef::new(r, c)).filter(|&x| ctx.filled(x));
        let names: Vec<CellRef> = [cell(id_col), cell(name_col)].into_iter().flatten().collect();
        let year_cell = cell(Some(y));
        let value = cell(value_col);
        let unit = cell(unit_col);
        let note = cell(note_col);
        let row_cells: Vec<CellRef> =
            names.iter().copied().chain(year_cell).chain(value).chain(unit).chain(note).collect();
        if row_cells.is_empty() {
            continue;
        }
        if names.is_empty() {
            out.diagnostics.extend(ctx.missing_name(row_cells));
            continue;
        }
        let Some(year_at) = year_cell else {
            out.diagnostics.push(ctx.bad_year(row_cells[0], row_cells));
            continue;
        };
        let Some(year) = parse_year(ctx.text(year_at)) else {
            out.diagnostics.push(ctx.bad_year(year_at, row_cells));
            continue;
        };
        let year = match ctx.check_year(year, year_at, &row_cells) {
            Ok(year) => year,
            Err(d) => {
                out.diagnostics.push(*d);
                continue;
            }
        };
        out.used.push(year_at);
        match value {
            Some(v) => out.records.push(Record { names, unit, values: vec![ValueRef { cell: v, year, note }] }),
            None => {
                // A name and a year with a blank value: nothing to use, nothing
                // lost. A note is reported with the row.
                out.records.push(Record { names, unit, values: Vec::new() });
                if let Some(n) = note {
                    out.diagnostics.push(note_unused(ctx, n));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::delimit::{split, Delimiter};

    fn check_detect(text: &str, expected: Layout) {
        let (table, _) = split(text, Delimiter::Tab);
        assert_eq!(detect(&table), expected, "layout of {text:?}");
    }

    #[test]
    fn detects_layouts() {
        use Layout::*;
        check_detect("指标\t2021\t2022\n孕产妇死亡率\t12\t11", Wide);
        check_detect("指标\t单位\t2021年\t2022年\n孕产妇死亡率\t1/10万\t12\t11", Wide);
        check_detect("年份\t孕产妇死亡率\t婴儿死亡率\n2021\t12\t3\n2022\t11\t2.9", Transposed);
        check_detect("\t孕产妇死亡率\t婴儿死亡率\n2021\t12\t3\n2022\t11\t2.9", Transposed);
        check_detect("指标\t年份\t数值\n孕产妇死亡率\t2021\t12\n孕产妇死亡率\t2022\t11", Long);
        check_detect("孕产妇死亡率\t2021\t12\n孕产妇死亡率\t2022\t11\n婴儿死亡率\t2022\t3", Long);
        check_detect("年份\t孕产妇死亡率\t备注\n2021\t12\t初步\n2022\t11\t终审", Transposed);
        check_detect("", Wide);
    }

    fn check_role(text: &str, expected: Option<Role>) {
        assert_eq!(header_role(text), expected, "role of {text:?}");
    }

    #[test]
    fn knows_header_words() {
        check_role("序号", Some(Role::Serial));
        check_role("指标名称", Some(Role::Name));
        check_role(" 单 位 ", Some(Role::Unit));
        check_role("备注", Some(Role::Note));
        check_role("2030年目标", Some(Role::Target));
        check_role("目标值", Some(Role::Target));
        check_role("年份", Some(Role::Year));
        check_role("数值", Some(Role::Value));
        check_role("孕产妇死亡率", None);
    }
}
