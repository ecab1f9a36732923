//! The blank figures template staff fill in Excel and paste back.
//!
//! This module owns the template's columns: id, name (指标), unit (单位), target
//! (目标), then one empty column a year. Every heading is one the figures parser
//! recognises, so a filled template pastes back without a single diagnostic.
//! Indicators both plans share (one figures key) get one row, so a figure is
//! typed once.

use std::ops::RangeInclusive;

use crate::catalog::{Catalog, Direction, Goal, Indicator, Plan};

/// The template as tab-separated text, one row per indicator of `plan` (all
/// plans when `None`), a column per year of `years`.
///
/// ```
/// use gapcast_core::catalog::Catalog;
/// use gapcast_core::figures::template;
///
/// let tsv = template(&Catalog::default(), None, 2020..=2021);
/// assert_eq!(tsv, "id\t指标\t单位\t目标\t2020年\t2021年\n");
/// ```
pub fn template(catalog: &Catalog, plan: Option<Plan>, years: RangeInclusive<i32>) -> String {
    let mut out = String::from("id\t指标\t单位\t目标");
    for year in years.clone() {
        out.push_str(&format!("\t{year}年"));
    }
    out.push('\n');
    let mut keys_done: Vec<&str> = Vec::new();
    for indicator in catalog.indicators.iter().filter(|i| plan.is_none_or(|p| i.plan == p)) {
        let key = indicator.figures_key();
        if keys_done.contains(&key) {
            continue;
        }
        keys_done.push(key);
        let cells = [
            &clean(&indicator.id),
            &clean(&indicator.name_zh),
            indicator.unit.symbol_zh(),
            &clean(&target_text(indicator)),
        ]
        .join("\t");
        out.push_str(&cells);
        for _ in years.clone() {
            out.push('\t');
        }
        out.push('\n');
    }
    out
}

/// A cell's text neutralised for spreadsheets (a name starting with `=` gets
/// a leading `'`: [`crate::export::neutralise`]), with tabs and line breaks
/// made spaces so it stays one cell.
fn clean(text: &str) -> String {
    crate::export::neutralise(text).chars().map(|c| if matches!(c, '\t' | '\r' | '\n') { ' ' } else { c }).collect()
}

/// The target as the plans write it: `≤7.5/10万`, `≥90%`, `约45%`, `提高`, with
/// milestones and a target year other than 2030 in brackets.
pub fn target_text(indicator: &Indicator) -> String {
    let unit = indicator.unit.symbol_zh();
    let number = |v: f64| format!("{v}{unit}");
    let mut text = match &indicator.target.goal {
        Goal::Compare { comparator, value, .. } => format!("{}{}", comparator.symbol(), number(*value)),
        Goal::Approx { value, .. } => format!("约{}", number(*value)),
        Goal::Between { low, high } => format!("{low}—{}", number(*high)),
        Goal::Direction { direction, level } => {
            let word = match direction {
                Direction::Increase => "提高",
                Direction::Decrease => "下降",
                Direction::SlowIncrease => "上升趋势减缓",
                Direction::Maintain => "保持",
                Direction::Other => "合理",
            };
            match level {
                Some((comparator, value)) => format!("{word}{}{}", comparator.symbol(), number(*value)),
                None => word.to_string(),
            }
        }
    };
    let mut extra: Vec<String> = indicator
        .milestones
        .iter()
        .map(|m| format!("{}年{}{}", m.year, m.comparator.symbol(), number(m.value)))
        .collect();
    if indicator.target.year != 2030 {
        extra.insert(0, format!("{}年", indicator.target.year));
    }
    if !extra.is_empty() {
        text.push_str(&format!("（{}）", extra.join("；")));
    }
    clean(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::fixture::catalog;

    fn check(id: &str, expected: &str) {
        let catalog = catalog();
        let indicator = catalog.get(id).expect("fixture has the id");
        assert_eq!(target_text(indicator), expected, "target of {id}");
    }

    #[test]
    fn writes_targets_as_the_plans_do() {
        check("W-HEALTH-02", "≤7.5/10万");
        check("W-HEALTH-03", "≥90%");
        check("W-ECON-01", "约45%");
        check("C-CARE-01", "≥6/千人（2025年≥4.5/千人）");
        check("C-SOC-01", "提高");
    }

    #[test]
    fn one_row_per_figures_key() {
        let tsv = template(&catalog(), None, 2020..=2022);
        let rows: Vec<&str> = tsv.lines().collect();
        assert_eq!(rows[0], "id\t指标\t单位\t目标\t2020年\t2021年\t2022年");
        assert!(rows.iter().any(|r| r.starts_with("W-EDU-05\t")));
        assert!(!rows.iter().any(|r| r.starts_with("C-EDU-02\t")));
        assert!(rows[1..].iter().all(|r| r.split('\t').count() == 7));
        let children = template(&catalog(), Some(Plan::Children), 2020..=2020);
        assert!(children.lines().skip(1).all(|r| r.starts_with("C-")));
        assert!(children.contains("C-EDU-02\t"));
    }

    #[test]
    fn a_name_that_reads_as_a_formula_is_text() {
        let mut catalog = catalog();
        catalog.indicators[0].name_zh = "=HYPERLINK(\"http://x\")".into();
        catalog.indicators[1].name_zh = "@SUM(1)\t-2".into();
        let tsv = template(&catalog, None, 2020..=2020);
        assert!(tsv.contains("\t'=HYPERLINK(\"http://x\")\t"), "{tsv}");
        assert!(tsv.contains("\t'@SUM(1) -2\t"), "{tsv}");
        for cell in tsv.lines().flat_map(|l| l.split('\t')) {
            assert!(crate::export::is_inert(cell), "{cell:?}");
        }
    }
}
