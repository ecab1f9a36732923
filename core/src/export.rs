//! The results table as people take it away: one row per indicator with the
//! dashboard's columns (domain, indicator, id, unit, target, latest value and
//! year, gap, the mid-term and target-year projections with their interval, the
//! needed and current annual change, status, warnings, and the verdict in one
//! plain sentence), in the page's language,
//! as CSV for Excel and WPS, as TSV for the clipboard, or as an XLSX workbook
//! ([`xlsx`]): all three are written from the same [`Row`]s, so they agree.
//!
//! Every cell is formatted by [`crate::format`], so the files, the printed
//! report and the page agree to the character. Numbers are [`Num`] cells,
//! written bare (their unit has its own column) so a spreadsheet reads them as
//! numbers; a value that does not apply is an empty cell. Text cells pass
//! [`neutralise`] on the way out (OWASP's CSV-injection rule), so a name from a
//! catalog file, a session or a share link never reaches Excel or WPS as a
//! formula. The flat METHODS.md table with every field in full precision is
//! [`crate::assess::csv`]; this one is for reading.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::assess::{Assessment, ProjectionPoint, Settings, Severity};
use crate::catalog::{Catalog, Indicator, Plan};
use crate::format::{self, Lang};

#[cfg(feature = "xlsx")]
pub mod xlsx;

/// How many columns a row has.
pub const WIDTH: usize = 19;

/// The characters a spreadsheet takes as the start of a formula (`=`, `+`,
/// `-`, `@`) or skips before looking for one (tab, carriage return).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell made safe for a spreadsheet: one starting with a formula
/// trigger ([`FORMULA_TRIGGERS`]) gets a leading `'`, which Excel and WPS read
/// as "this is text" (OWASP, "CSV Injection"). Every text cell of every
/// spreadsheet output (CSV, TSV, XLSX, the template, the CLI's tables) passes
/// here; numbers never do, so `-2.5` stays a number.
///
/// ```
/// use gapcast_core::export::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(neutralise("孕产妇死亡率"), "孕产妇死亡率");
/// ```
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `cell`, as written to a spreadsheet file, is inert: it does not
/// start with a formula trigger, or it is a plain finite number (`-2.5`),
/// which a spreadsheet reads as that number. What [`neutralise`] guarantees
/// for text, and what the tests check every writer's output against.
pub fn is_inert(cell: &str) -> bool {
    !cell.starts_with(FORMULA_TRIGGERS) || cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A number cell: a value shown with `decimals` decimals, a year, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Num {
    Empty,
    Value { value: f64, decimals: u8 },
    Year(i32),
}

impl Num {
    /// `value` with `decimals` decimals; nothing when there is no value.
    pub fn of(value: Option<f64>, decimals: usize) -> Num {
        value.map_or(Num::Empty, |value| Num::Value { value, decimals: decimals.min(15) as u8 })
    }

    /// The cell as the page and the CSV show it (`""` when empty).
    pub fn text(self) -> String {
        match self {
            Num::Empty => String::new(),
            Num::Value { value, decimals } => format::number(value, decimals.into()),
            Num::Year(year) => year.to_string(),
        }
    }

    /// The number a spreadsheet stores: the value as shown (rounded to its
    /// decimals, so the XLSX and the CSV hold the same number); `None` when
    /// empty or not finite.
    pub fn stored(self) -> Option<f64> {
        match self {
            Num::Empty => None,
            Num::Value { value, .. } if !value.is_finite() => None,
            Num::Value { .. } => self.text().parse().ok(),
            Num::Year(year) => Some(year.into()),
        }
    }

    pub fn is_empty(self) -> bool {
        self == Num::Empty
    }
}

/// One cell of a row, as the writers see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Num(Num),
}

impl<'a> Cell<'a> {
    /// The cell as the page shows it, not neutralised.
    pub fn text(self) -> Cow<'a, str> {
        match self {
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Num(n) => Cow::Owned(n.text()),
        }
    }

    /// The cell as a spreadsheet file holds it: text [`neutralise`]d, numbers
    /// bare (a number that is not finite reads `—`, as on the page).
    pub fn spreadsheet_text(self) -> Cow<'a, str> {
        match self {
            Cell::Text(text) => neutralise(text),
            Cell::Num(n) => Cow::Owned(n.text()),
        }
    }
}

/// One indicator's row, every cell already formatted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The plan the indicator belongs to (the XLSX has a sheet per plan).
    pub plan: Plan,
    /// The status's colour, as its badge on the page (the XLSX fills the
    /// status cell with it).
    pub severity: Severity,
    pub domain: String,
    pub indicator: String,
    pub id: String,
    /// The unit's symbol (empty for counts and ratios).
    pub unit: String,
    /// The target as one phrase, e.g. `≤ 7.5/10万（2030）`.
    pub target: String,
    pub latest: Num,
    pub latest_year: Num,
    /// The distance still to go (positive: not met yet; negative: met by that
    /// much), a number so a spreadsheet can sort and sum it.
    pub gap: Num,
    /// The mid-term (2025) projection and its interval.
    pub mid_term: [Num; 3],
    /// The target-year projection and its interval.
    pub at_target: [Num; 3],
    /// The annual change still needed and the one observed, in the unit a year.
    pub needed: Num,
    pub current: Num,
    pub status: String,
    /// Warning names with their year, joined.
    pub warnings: String,
    /// The verdict in one sentence ([`crate::verdict::verdict`]): the same
    /// words as the page's tooltip and the report.
    pub verdict: String,
}

/// Which column holds the status (coloured in the XLSX).
pub const STATUS_COLUMN: usize = 16;

impl Row {
    /// The cells in column order.
    pub fn cells(&self) -> [Cell<'_>; WIDTH] {
        let [m, ml, mu] = self.mid_term;
        let [t, tl, tu] = self.at_target;
        [
            Cell::Text(&self.domain),
            Cell::Text(&self.indicator),
            Cell::Text(&self.id),
            Cell::Text(&self.unit),
            Cell::Text(&self.target),
            Cell::Num(self.latest),
            Cell::Num(self.latest_year),
            Cell::Num(self.gap),
            Cell::Num(m),
            Cell::Num(ml),
            Cell::Num(mu),
            Cell::Num(t),
            Cell::Num(tl),
            Cell::Num(tu),
            Cell::Num(self.needed),
            Cell::Num(self.current),
            Cell::Text(&self.status),
            Cell::Text(&self.warnings),
            Cell::Text(&self.verdict),
        ]
    }
}

/// A header and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub header: [String; WIDTH],
    pub rows: Vec<Row>,
}

/// What the XLSX writer needs, as the page hands it to the writer's own wasm
/// module (JSON across the boundary): the table, the settings it was made
/// with, and the language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkbookRequest {
    pub table: Table,
    pub settings: Settings,
    pub lang: Lang,
}

/// The header row: the interval columns name the level, the mid-term columns
/// their year.
pub fn header(lang: Lang, mid_term_year: i32, level: f64) -> [String; WIDTH] {
    let pct = format::number(level * 100.0, 0);
    let projected = |year: &str| match lang {
        Lang::Zh => [format!("{year}预测值"), format!("{year}{pct}%区间下限"), format!("{year}{pct}%区间上限")],
        Lang::En => [format!("Projected {year}"), format!("{year} {pct}% lower"), format!("{year} {pct}% upper")],
    };
    let [m, ml, mu] = projected(&match lang {
        Lang::Zh => format!("{mid_term_year}年"),
        Lang::En => mid_term_year.to_string(),
    });
    let [t, tl, tu] = projected(lang.pick("目标年", "target year"));
    let s = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    [
        s("领域", "Domain"),
        s("指标", "Indicator"),
        s("编号", "ID"),
        s("单位", "Unit"),
        s("目标", "Target"),
        s("最新值", "Latest value"),
        s("最新年份", "Latest year"),
        s("差距（正数为尚差）", "Gap (positive = still to go)"),
        m,
        ml,
        mu,
        t,
        tl,
        tu,
        s("需要的年均变化", "Needed change a year"),
        s("当前年均变化", "Current change a year"),
        s("状态", "Status"),
        s("预警", "Warnings"),
        s("判断说明", "Verdict"),
    ]
}

/// One indicator's row in `lang`.
pub fn row(indicator: &Indicator, a: &Assessment, lang: Lang) -> Row {
    let unit = a.unit;
    let bare = |v: Option<f64>| Num::of(v, unit.decimals());
    // A change a year gets one decimal more than a value, as on the page.
    let change = |v: Option<f64>| Num::of(v, unit.decimals() + 1);
    let projected = |p: Option<&ProjectionPoint>| {
        let p = p.cloned().unwrap_or(ProjectionPoint { year: 0, value: None, lower: None, upper: None });
        [bare(p.value), bare(p.lower), bare(p.upper)]
    };
    let warnings: Vec<String> = a
        .warnings
        .iter()
        .map(|w| match w.years.first() {
            Some(year) => format!("{} {year}", crate::format::warning_label(w.kind, lang)),
            None => crate::format::warning_label(w.kind, lang).to_string(),
        })
        .collect();
    Row {
        plan: a.plan,
        severity: a.status_severity.bucket(),
        domain: format::domain(&a.domain, lang).to_string(),
        indicator: lang.pick(&indicator.name_zh, &indicator.name_en).to_string(),
        id: a.id.clone(),
        unit: lang.pick(unit.symbol_zh(), unit.symbol_en()).trim().to_string(),
        target: format::target(&indicator.target, unit, lang),
        latest: bare(a.latest_value),
        latest_year: a.latest_year.map_or(Num::Empty, Num::Year),
        gap: bare(a.gap),
        mid_term: projected(a.projection_mid_term.as_ref()),
        at_target: projected(a.projection_at_target.as_ref()),
        needed: change(a.required_annual_change),
        current: change(a.annual_change),
        status: lang.pick(a.status.label_zh(), a.status.label_en()).to_string(),
        warnings: warnings.join(lang.pick("；", "; ")),
        verdict: crate::verdict::verdict(indicator, a, lang),
    }
}

/// The table of `assessments` (in their order) against `catalog`; an
/// assessment whose indicator the catalog does not hold is left out.
pub fn table(catalog: &Catalog, assessments: &[Assessment], settings: &Settings, lang: Lang) -> Table {
    Table {
        header: header(lang, settings.mid_term_year, settings.effective_level()),
        rows: assessments.iter().filter_map(|a| Some(row(catalog.get(&a.id)?, a, lang))).collect(),
    }
}

/// CSV as Excel and WPS open it: a UTF-8 byte-order mark (without it they read
/// the Chinese as the local code page), CRLF line ends, text cells
/// [`neutralise`]d, and fields with a comma, quote or line break quoted with
/// quotes doubled (RFC 4180).
pub fn csv<'a, R: AsRef<[Cell<'a>]>>(rows: impl IntoIterator<Item = R>) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        for (i, cell) in row.as_ref().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let cell = cell.spreadsheet_text();
            if cell.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// Tab-separated text whose every cell is text (the template: names, units,
/// targets, empty year columns) as [`csv`].
pub fn tsv_to_csv(tsv: &str) -> String {
    csv(tsv.lines().map(|line| line.split('\t').map(Cell::Text).collect::<Vec<_>>()))
}

/// One TSV line's cells as a spreadsheet pastes them: text [`neutralise`]d,
/// a tab or line break inside a cell made a space so the grid stays intact.
pub fn tsv_line<'a>(cells: impl IntoIterator<Item = Cell<'a>>) -> String {
    let clean: Vec<String> = cells.into_iter().map(|c| c.spreadsheet_text().replace(['\t', '\n', '\r'], " ")).collect();
    clean.join("\t")
}

impl Table {
    /// CSV as Excel and WPS open it: see [`csv`].
    pub fn to_csv(&self) -> String {
        csv(self.lines())
    }

    /// Tab-separated text for the clipboard, as a spreadsheet copies it: see
    /// [`tsv_line`].
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for cells in self.lines() {
            out.push_str(&tsv_line(cells));
            out.push('\n');
        }
        out
    }

    /// The header's cells.
    pub fn header_cells(&self) -> [Cell<'_>; WIDTH] {
        self.header.each_ref().map(|h| Cell::Text(h.as_str()))
    }

    fn lines(&self) -> impl Iterator<Item = [Cell<'_>; WIDTH]> {
        std::iter::once(self.header_cells()).chain(self.rows.iter().map(Row::cells))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::assess;
    use crate::catalog::builtin;
    use crate::series::Point;

    fn points(values: &[(i32, f64)]) -> Vec<Point> {
        values.iter().map(|&(year, value)| Point { year, value, note: None }).collect()
    }

    /// The row of indicator `id` with `values`, assessed in 2026, as TSV cells.
    fn check(id: &str, values: &[(i32, f64)], lang: Lang, expected: &str) {
        let catalog = builtin();
        let indicator = catalog.get(id).unwrap();
        let a = assess(indicator, &points(values), &Settings::new(2026));
        let cells = row(indicator, &a, lang).cells().map(|c| c.text().into_owned());
        assert_eq!(cells.join(" | "), expected);
    }

    #[test]
    fn rows_read_as_the_dashboard() {
        check(
            "W-HEALTH-02",
            &[(2021, 8.2), (2022, 7.9), (2023, 7.4)],
            Lang::Zh,
            "妇女与健康 | 孕产妇死亡率 | W-HEALTH-02 | /10万 | ≤ 7.5/10万（2030） | 7.4 | 2023 | -0.1 | 6.7 | 6.2 | 7.3 | 5.2 | 4.2 | 6.4 |  | -0.40 | 已实现 | 数据过旧 2023 | ≤ 7.5/10万（2030）：2023年 7.4/10万，已超 0.1/10万；按趋势 2030年约 5.2/10万，可达标。",
        );
        check(
            "W-HEALTH-05",
            &[(2021, 40.0), (2022, 43.0), (2023, 45.0), (2024, 47.0)],
            Lang::En,
            "Women and health | Cervical cancer screening rate, women aged 35–64 | W-HEALTH-05 | % | ≥ 70.0% (2030) | 47.0 | 2024 | 23.0 | 49.6 | 48.3 | 50.8 | 61.1 | 58.4 | 63.7 | 3.83 | 2.30 | Acceleration needed |  | ≥ 70.0% (2030): 47.0% in 2024, 23.0 points to go; the trend leads to about 61.1% in 2030, missing the target; needs +3.83 points a year, currently +2.30 points a year.",
        );
        check(
            "W-HEALTH-02",
            &[],
            Lang::En,
            "Women and health | Maternal mortality ratio | W-HEALTH-02 | per 100,000 live births | ≤ 7.5 per 100,000 live births (2030) |  |  |  |  |  |  |  |  |  |  |  | Insufficient data |  | ≤ 7.5 per 100,000 live births (2030): no figures yet.",
        );
    }

    #[test]
    fn the_header_names_the_years_and_level() {
        let h = header(Lang::Zh, 2025, 0.8);
        assert_eq!(h[8..14].join(" | "), "2025年预测值 | 2025年80%区间下限 | 2025年80%区间上限 | 目标年预测值 | 目标年80%区间下限 | 目标年80%区间上限");
        assert_eq!(header(Lang::En, 2025, 0.9)[9], "2025 90% lower");
    }

    #[test]
    fn tsv_becomes_csv_quoting_only_what_needs_it() {
        assert_eq!(tsv_to_csv("a\tb,c\n\"q\"\t1\n"), "\u{feff}a,\"b,c\"\r\n\"\"\"q\"\"\",1\r\n");
    }

    #[test]
    fn csv_has_a_bom_crlf_and_quotes_only_what_needs_it() {
        let mut row = row(
            builtin().get("W-HEALTH-02").unwrap(),
            &assess(builtin().get("W-HEALTH-02").unwrap(), &[], &Settings::new(2026)),
            Lang::En,
        );
        row.indicator = "a, \"b\"".into();
        row.warnings = "x\ty\nz".into();
        let t = Table { header: header(Lang::En, 2025, 0.8), rows: vec![row] };
        let csv = t.to_csv();
        assert!(csv.starts_with("\u{feff}Domain,Indicator,ID,"), "{csv}");
        assert!(csv.contains("\r\nWomen and health,\"a, \"\"b\"\"\",W-HEALTH-02,"), "{csv}");
        assert!(csv.ends_with(",Insufficient data,\"x\ty\nz\",\"≤ 7.5 per 100,000 live births (2030): no figures yet.\"\r\n"), "{csv:?}");
        let tsv = t.to_tsv();
        assert_eq!(tsv.lines().count(), 2);
        assert!(tsv.ends_with("\tInsufficient data\tx y z\t≤ 7.5 per 100,000 live births (2030): no figures yet.\n"), "{tsv:?}");
    }

    #[test]
    fn the_table_has_one_row_per_known_assessment() {
        let catalog = builtin();
        let settings = Settings::new(2026);
        let assessments: Vec<Assessment> = catalog.indicators.iter().map(|i| assess(i, &[], &settings)).collect();
        let t = table(&catalog, &assessments, &settings, Lang::Zh);
        assert_eq!(t.rows.len(), catalog.indicators.len());
        assert!(t.rows.iter().all(|r| r.cells().len() == WIDTH && !r.target.is_empty()));
        assert!(t.rows.iter().any(|r| r.plan == Plan::Children) && t.rows.iter().any(|r| r.plan == Plan::Women));
        let mut foreign = assessments[0].clone();
        foreign.id = "X-NOT-IN-CATALOG".into();
        assert!(table(&catalog, &[foreign], &settings, Lang::Zh).rows.is_empty());
    }

    /// The hostile names of issue 13 and OWASP's examples.
    const HOSTILE: [&str; 6] = ["=HYPERLINK(\"http://x\")", "@SUM(1)", "-2+3+cmd|' /C calc'!A0", "+1", "\t=1", "\r=1"];

    #[test]
    fn formula_triggers_are_neutralised_and_the_rest_left_alone() {
        for text in HOSTILE {
            assert_eq!(neutralise(text), format!("'{text}"));
            assert!(is_inert(&neutralise(text)), "{text:?}");
            assert_eq!(is_inert(text), text == "+1", "{text:?}: only a plain number is inert as it stands");
        }
        for text in ["孕产妇死亡率", "'=already quoted", " =1", "", "W-HEALTH-02", "≤ 7.5/10万（2030）"] {
            assert_eq!(neutralise(text), text);
        }
        assert!(is_inert("-2.5") && is_inert("+3") && !is_inert("-inf") && !is_inert("-1e999"));
    }

    /// The row of `name` with the values of W-HEALTH-02's falling series.
    fn named(name: &str) -> Row {
        let catalog = builtin();
        let indicator = catalog.get("W-HEALTH-02").unwrap();
        let a = assess(indicator, &points(&[(2021, 8.2), (2022, 7.9), (2023, 7.4)]), &Settings::new(2026));
        let mut r = row(indicator, &a, Lang::Zh);
        r.indicator = name.to_string();
        r.domain = name.to_string();
        r.warnings = name.to_string();
        r
    }

    #[test]
    fn hostile_names_are_text_in_csv_and_tsv_and_negative_numbers_stay_numbers() {
        let t = Table { header: header(Lang::Zh, 2025, 0.8), rows: HOSTILE.iter().map(|n| named(n)).collect() };
        let csv = t.to_csv();
        assert!(csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\")\",\"'=HYPERLINK"), "{csv}");
        assert!(csv.contains("\r\n'@SUM(1),'@SUM(1),W-HEALTH-02,"), "{csv}");
        assert!(csv.contains(",-0.40,已实现,"), "the current change is a bare negative number: {csv}");
        let tsv = t.to_tsv();
        assert!(tsv.contains("\n'-2+3+cmd|' /C calc'!A0\t"), "{tsv}");
        assert!(tsv.contains("\n' =1\t' =1\tW-HEALTH-02\t"), "a tab inside a cell is a space after the quote: {tsv:?}");
        for line in tsv.lines() {
            assert!(line.split('\t').all(is_inert), "{line:?}");
        }
    }

    #[test]
    fn the_template_as_csv_is_all_text() {
        assert_eq!(tsv_to_csv("=1\t-2\t\n"), "\u{feff}'=1,'-2,\r\n");
    }

    /// Cells of CSV text (RFC 4180, as [`csv`] writes it).
    pub(crate) fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut rows = vec![vec![]];
        let (mut cell, mut quoted, mut chars) =
            (String::new(), false, text.trim_start_matches('\u{feff}').chars().peekable());
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => rows.last_mut().unwrap().push(std::mem::take(&mut cell)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    rows.last_mut().unwrap().push(std::mem::take(&mut cell));
                    rows.push(vec![]);
                }
                (false, c) => cell.push(c),
            }
        }
        rows.pop();
        rows
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever a catalog names its indicators, no cell of the CSV or the
        /// TSV starts with a formula trigger unless it is a number.
        #[test]
        fn no_written_cell_starts_a_formula(names in proptest::collection::vec("[=+@\t\r\n,\" a-z0-9-]{0,12}", 1..6)) {
            let t = Table { header: header(Lang::En, 2025, 0.8), rows: names.iter().map(|n| named(n)).collect() };
            let rows = parse_csv(&t.to_csv());
            proptest::prop_assert_eq!(rows.len(), names.len() + 1);
            for cell in rows.iter().flatten() {
                proptest::prop_assert!(is_inert(cell), "{:?}", cell);
            }
            for line in t.to_tsv().lines() {
                for cell in line.split('\t') {
                    proptest::prop_assert!(is_inert(cell), "{:?}", cell);
                }
            }
            let template = tsv_to_csv(&names.join("\t"));
            for cell in parse_csv(&template).iter().flatten() {
                proptest::prop_assert!(is_inert(cell), "{:?}", cell);
            }
        }
    }
}
