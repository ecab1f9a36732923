//! The results as an XLSX workbook, for staff who live in Excel and WPS: one
//! sheet per plan with the same rows as the CSV ([`super::Row`]), and a
//! 说明 / Notes sheet naming the method and the settings the numbers come from.
//!
//! Written with `rust_xlsxwriter` into memory (the page downloads the bytes,
//! the CLI writes them to a file). In each plan's sheet the header row is
//! frozen and filterable; numbers are numbers with the decimals the page
//! shows (`0.0` for a percentage written as the plans write it, 93.5 in a `%`
//! column); the status is text filled with its colour on the page; every text
//! cell is a string, never a formula, and one starting with a formula trigger
//! carries Excel's quote prefix (the XLSX form of [`super::neutralise`]'s `'`).

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{neutralise, Cell, Num, Table, STATUS_COLUMN, WIDTH};
use crate::assess::{Settings, Severity};
use crate::catalog::Plan;
use crate::format::{self, Lang};

/// The page's colours for a status (`static/style.css`: `--red`, `--red-wash`
/// and so on): the text's and the fill's.
fn colours(severity: Severity) -> Option<(u32, u32)> {
    match severity {
        Severity::Red => Some((0xB42318, 0xFDECEA)),
        Severity::Amber => Some((0x9A5B00, 0xFFF4DE)),
        Severity::Green => Some((0x18794E, 0xE6F4EC)),
        Severity::None | Severity::Info => None,
    }
}

/// A sheet's name for `plan`.
pub fn sheet_name(plan: Plan, lang: Lang) -> &'static str {
    match plan {
        Plan::Women => lang.pick("妇女发展规划", "Women's plan"),
        Plan::Children => lang.pick("儿童发展规划", "Children's plan"),
    }
}

/// The notes sheet's name.
pub fn notes_name(lang: Lang) -> &'static str {
    lang.pick("说明", "Notes")
}

/// How wide a text shows, in Excel's character widths (a CJK character is two).
fn display_width(text: &str) -> f64 {
    text.chars().map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 }).sum()
}

/// The workbook of `table` in `lang`, made with `settings`, as XLSX bytes.
pub fn workbook(table: &Table, settings: &Settings, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header =
        Format::new().set_bold().set_text_wrap().set_background_color(0xF0F0F0).set_border_bottom(FormatBorder::Thin);
    let quoted = Format::new().set_quote_prefix();
    // One number format per number of decimals: `0`, `0.0`, `0.00`, ...
    let numbers: Vec<Format> = (0..=15)
        .map(|d| Format::new().set_num_format(if d == 0 { "0".into() } else { format!("0.{}", "0".repeat(d)) }))
        .collect();
    let status = |severity: Severity| {
        let format = Format::new().set_bold();
        match colours(severity) {
            Some((text, fill)) => format.set_font_color(Color::RGB(text)).set_background_color(Color::RGB(fill)),
            None => format,
        }
    };

    for plan in [Plan::Women, Plan::Children] {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(plan, lang))?;
        let mut widths = [0.0f64; WIDTH];
        for (col, text) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, text, &header)?;
            widths[col] = display_width(text).min(16.0);
        }
        let rows = table.rows.iter().filter(|r| r.plan == plan);
        let mut last = 0u32;
        for (i, row) in rows.enumerate() {
            let r = i as u32 + 1;
            last = r;
            for (col, cell) in row.cells().into_iter().enumerate() {
                let c = col as u16;
                match cell {
                    Cell::Text(text) => {
                        widths[col] = widths[col].max(display_width(text));
                        if col == STATUS_COLUMN {
                            sheet.write_string_with_format(r, c, text, &status(row.severity))?;
                        } else if matches!(neutralise(text), std::borrow::Cow::Owned(_)) {
                            sheet.write_string_with_format(r, c, text, &quoted)?;
                        } else if !text.is_empty() {
                            sheet.write_string(r, c, text)?;
                        }
                    }
                    Cell::Num(n) => {
                        widths[col] = widths[col].max(display_width(&n.text()));
                        write_number(sheet, r, c, n, &numbers)?;
                    }
                }
            }
        }
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, (width + 2.0).clamp(6.0, 48.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last, WIDTH as u16 - 1)?;
    }
    notes(book.add_worksheet(), settings, lang, &header)?;
    book.save_to_buffer()
}

fn write_number(sheet: &mut Worksheet, row: u32, col: u16, n: Num, numbers: &[Format]) -> Result<(), XlsxError> {
    let decimals = match n {
        Num::Value { decimals, .. } => decimals.into(),
        _ => 0,
    };
    match n.stored() {
        Some(value) => sheet.write_number_with_format(row, col, value, &numbers[decimals]).map(|_| ()),
        // A value that is not finite reads as on the page.
        None if !n.is_empty() => sheet.write_string(row, col, n.text()).map(|_| ()),
        None => Ok(()),
    }
}

/// The notes sheet: what the numbers are and how they were computed.
fn notes(sheet: &mut Worksheet, settings: &Settings, lang: Lang, bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name(notes_name(lang))?;
    let pct = |p: f64| format!("{}%", format::number(p * 100.0, 0));
    let level = pct(settings.effective_level());
    let t = &settings.thresholds;
    let from = settings.from_year.map_or_else(|| lang.pick("全部年份", "every year").to_string(), |y| y.to_string());
    let scale = settings.scale_override.map_or_else(
        || lang.pick("各指标目录中的默认尺度", "each indicator's own, as its catalog entry sets it").to_string(),
        |s| s.key().to_string(),
    );
    let lines: Vec<(&str, String)> = vec![
        (lang.pick("生成工具", "Made by"), format!("Gapcast {}", env!("CARGO_PKG_VERSION"))),
        (
            lang.pick("方法", "Method"),
            lang.pick(
                "Gapcast 方法（METHODS.md）：每项指标的年度数据在其模型尺度上作普通最小二乘趋势拟合，外推至中期与目标年份，给出 Student-t 预测区间、达标概率与进度比 R；状态与预警按下列设置判定。",
                "Gapcast methods (METHODS.md): each indicator's yearly figures get an ordinary least-squares trend on its model scale, projected to the mid-term and target years with Student-t prediction intervals, the probability of meeting the target and the progress ratio R; status and warnings follow the settings below.",
            )
            .to_string(),
        ),
        (lang.pick("预测区间水平", "Interval level"), level),
        (lang.pick("当前年份", "Current year"), settings.current_year.to_string()),
        (lang.pick("拟合起始年份", "Fit from"), from),
        (lang.pick("模型尺度", "Model scale"), scale),
        (lang.pick("基期年份", "Base year"), settings.base_year.to_string()),
        (lang.pick("中期评估年份", "Mid-term year"), settings.mid_term_year.to_string()),
        (
            lang.pick("状态阈值", "Status thresholds"),
            format!(
                "{} R ≥ {}；{} R ≥ {}",
                lang.pick("按进度", "on track"),
                format::number(t.on_track, 2),
                lang.pick("需加速", "acceleration needed"),
                format::number(t.acceleration, 2)
            ),
        ),
        (lang.pick("数据过旧", "Stale after"), format!("{} {}", t.stale_years, lang.pick("年", "years"))),
        (
            lang.pick("单位", "Units"),
            lang.pick(
                "数值按“单位”列的单位书写，百分比照规划写法（93.5 即 93.5%）；年均变化为每年的单位数（百分比为百分点）。",
                "Values are in the unit of the Unit column, percentages as the plans write them (93.5 means 93.5%); changes a year are in the unit a year (percentage points for percentages).",
            )
            .to_string(),
        ),
        (
            lang.pick("颜色", "Colours"),
            lang.pick("状态单元格的颜色与页面相同：红色需立即关注，黄色需关注，绿色已实现或按进度，无色为数据不足或不评估。", "Status cells are coloured as on the page: red needs action now, amber needs attention, green is achieved or on track, no colour is insufficient data or not assessed.").to_string(),
        ),
    ];
    sheet.write_string_with_format(0, 0, lang.pick("项目", "Item"), bold)?;
    sheet.write_string_with_format(0, 1, lang.pick("内容", "Value"), bold)?;
    let wrap = Format::new().set_text_wrap();
    for (i, (key, value)) in lines.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, *key)?;
        sheet.write_string_with_format(i as u32 + 1, 1, value, &wrap)?;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 90)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::assess;
    use crate::catalog::builtin;
    use crate::export::{header, row};
    use crate::series::Point;

    #[test]
    fn a_workbook_is_a_zip_with_three_sheets() {
        let catalog = builtin();
        let settings = Settings::new(2026);
        let points: Vec<Point> = [(2021, 8.2), (2022, 7.9), (2023, 7.4)]
            .iter()
            .map(|&(year, value)| Point { year, value, note: None })
            .collect();
        let rows = catalog
            .indicators
            .iter()
            .map(|i| row(i, &assess(i, if i.id == "W-HEALTH-02" { &points } else { &[] }, &settings), Lang::Zh))
            .collect();
        let table = Table { header: header(Lang::Zh, 2025, 0.8), rows };
        let bytes = workbook(&table, &settings, Lang::Zh).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        let text = String::from_utf8_lossy(&bytes);
        for part in
            ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"]
        {
            assert!(text.contains(part), "{part} is missing");
        }
    }

    #[test]
    fn cjk_counts_double_in_a_column_width() {
        assert_eq!(display_width("ab孕产"), 6.0);
    }
}
