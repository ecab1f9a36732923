//! The results table as people take it away: one row per indicator with the
//! dashboard's columns (domain, indicator, id, unit, target, latest value and
//! year, gap, the mid-term and target-year projections with their interval, the
//! needed and current annual change, status, warnings, and the verdict in one
//! plain sentence), in the page's language, as CSV for Excel and WPS or as TSV
//! for the clipboard.
//!
//! Every cell is formatted by [`crate::format`], so the file, the printed report
//! and the page agree to the character. Numbers are written bare (their unit has
//! its own column) so a spreadsheet reads them as numbers; a value that does not
//! apply is an empty cell. The flat METHODS.md table with every field in full
//! precision is [`crate::assess::csv`]; this one is for reading.

use crate::assess::{Assessment, ProjectionPoint, Settings};
use crate::catalog::{Catalog, Indicator};
use crate::format::{self, Lang};

/// How many columns a row has.
pub const WIDTH: usize = 19;

/// One indicator's row, every cell already formatted.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub domain: String,
    pub indicator: String,
    pub id: String,
    /// The unit's symbol (empty for counts and ratios).
    pub unit: String,
    /// The target as one phrase, e.g. `≤ 7.5/10万（2030）`.
    pub target: String,
    pub latest: String,
    pub latest_year: String,
    /// The distance still to go (positive: not met yet; negative: met by that
    /// much), bare so a spreadsheet can sort and sum it.
    pub gap: String,
    /// The mid-term (2025) projection and its interval.
    pub mid_term: [String; 3],
    /// The target-year projection and its interval.
    pub at_target: [String; 3],
    /// The annual change still needed and the one observed, in the unit a year.
    pub needed: String,
    pub current: String,
    pub status: String,
    /// Warning names with their year, joined.
    pub warnings: String,
    /// The verdict in one sentence ([`crate::verdict::verdict`]): the same
    /// words as the page's tooltip and the report.
    pub verdict: String,
}

impl Row {
    /// The cells in column order.
    pub fn cells(&self) -> [&str; WIDTH] {
        let [m, ml, mu] = &self.mid_term;
        let [t, tl, tu] = &self.at_target;
        [
            &self.domain,
            &self.indicator,
            &self.id,
            &self.unit,
            &self.target,
            &self.latest,
            &self.latest_year,
            &self.gap,
            m,
            ml,
            mu,
            t,
            tl,
            tu,
            &self.needed,
            &self.current,
            &self.status,
            &self.warnings,
            &self.verdict,
        ]
    }
}

/// A header and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: [String; WIDTH],
    pub rows: Vec<Row>,
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
    let bare = |v: Option<f64>| v.map(|v| format::bare(v, unit)).unwrap_or_default();
    // A change a year gets one decimal more than a value, as on the page.
    let change = |v: Option<f64>| v.map(|v| format::number(v, unit.decimals() + 1)).unwrap_or_default();
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
        domain: format::domain(&a.domain, lang).to_string(),
        indicator: lang.pick(&indicator.name_zh, &indicator.name_en).to_string(),
        id: a.id.clone(),
        unit: lang.pick(unit.symbol_zh(), unit.symbol_en()).trim().to_string(),
        target: format::target(&indicator.target, unit, lang),
        latest: bare(a.latest_value),
        latest_year: a.latest_year.map(|y| y.to_string()).unwrap_or_default(),
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
/// the Chinese as the local code page), CRLF line ends, and fields with a comma,
/// quote or line break quoted with quotes doubled (RFC 4180).
pub fn csv<'a, R: AsRef<[&'a str]>>(rows: impl IntoIterator<Item = R>) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        for (i, cell) in row.as_ref().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if cell.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// Tab-separated text (such as the template) as [`csv`].
pub fn tsv_to_csv(tsv: &str) -> String {
    csv(tsv.lines().map(|line| line.split('\t').collect::<Vec<_>>()))
}

impl Table {
    /// CSV as Excel and WPS open it: see [`csv`].
    pub fn to_csv(&self) -> String {
        csv(self.lines())
    }

    /// Tab-separated text for the clipboard, as a spreadsheet copies it: a tab
    /// or line break inside a cell becomes a space so the grid stays intact.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for cells in self.lines() {
            let clean: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect();
            out.push_str(&clean.join("\t"));
            out.push('\n');
        }
        out
    }

    fn lines(&self) -> impl Iterator<Item = [&str; WIDTH]> {
        std::iter::once(self.header.each_ref().map(String::as_str)).chain(self.rows.iter().map(Row::cells))
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
        assert_eq!(row(indicator, &a, lang).cells().join(" | "), expected);
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
        let mut foreign = assessments[0].clone();
        foreign.id = "X-NOT-IN-CATALOG".into();
        assert!(table(&catalog, &[foreign], &settings, Lang::Zh).rows.is_empty());
    }
}
