//! The template round trip: `gapcast template` output, filled in as staff would,
//! parses back with no diagnostic at all, for each plan, on the built-in catalog
//! and on the test catalog.

mod figures_support;

use gapcast_core::catalog::{builtin, Catalog, Goal, Plan};
use gapcast_core::figures::{parse, template, ParseOptions};

/// A plausible value for an indicator: its target when it has one inside its
/// bounds, else 1.
fn plausible(catalog: &Catalog, id: &str) -> f64 {
    let indicator = catalog.get(id).expect("template ids are catalog ids");
    let v = match indicator.target.goal {
        Goal::Compare { value, .. } | Goal::Approx { value, .. } => value,
        Goal::Between { low, .. } => low,
        Goal::Direction { level: Some((_, value)), .. } => value,
        Goal::Direction { level: None, .. } => 1.0,
    };
    if v > 1.0 && indicator.bounds.contains(v) {
        v
    } else {
        2.0
    }
}

/// Fills every year cell of the template's indicator rows with a plausible
/// value (count rows, which have no id, stay blank).
fn fill(catalog: &Catalog, tsv: &str) -> String {
    let mut lines = tsv.lines();
    let mut out = format!("{}\n", lines.next().unwrap_or(""));
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells[0].is_empty() {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let value = plausible(catalog, cells[0]);
        let filled: Vec<String> =
            cells.iter().enumerate().map(|(k, c)| if k >= 4 { value.to_string() } else { c.to_string() }).collect();
        out.push_str(&filled.join("\t"));
        out.push('\n');
    }
    out
}

fn check(catalog: &Catalog, plan: Option<Plan>) {
    let tsv = template(catalog, plan, 2020..=2025);
    let blank = parse(&tsv, catalog, &ParseOptions::new(2026));
    assert!(blank.diagnostics.is_empty(), "blank template ({plan:?}): {:#?}", blank.diagnostics);
    assert!(blank.series.is_empty());

    let filled = fill(catalog, &tsv);
    let figures = parse(&filled, catalog, &ParseOptions::new(2026));
    assert!(figures.diagnostics.is_empty(), "filled template ({plan:?}): {:#?}", figures.diagnostics);
    assert!(figures.unmatched.is_empty());
    // Every indicator of the plan (and its twin in the other plan) has six years.
    for indicator in catalog.indicators.iter().filter(|i| plan.is_none_or(|p| i.plan == p)) {
        let series = figures.series_for(&indicator.id).expect("every indicator gets a series");
        let years: Vec<i32> = series.points.iter().map(|p| p.year).collect();
        assert_eq!(years, (2020..=2025).collect::<Vec<_>>(), "{}", indicator.id);
    }
}

#[test]
fn template_round_trips_on_the_builtin_catalog() {
    let catalog = builtin();
    check(&catalog, None);
    check(&catalog, Some(Plan::Women));
    check(&catalog, Some(Plan::Children));
}

#[test]
fn template_round_trips_on_the_test_catalog() {
    let catalog = figures_support::fixture::catalog();
    check(&catalog, None);
    check(&catalog, Some(Plan::Children));
}

/// The count rows: each rate's numerator after it, each denominator once;
/// filled with counts (and the rates left blank), they give every such
/// indicator a series of counts with no diagnostic.
#[test]
fn template_offers_the_count_rows() {
    let catalog = builtin();
    let tsv = template(&catalog, None, 2020..=2021);
    let rows: Vec<&str> = tsv.lines().collect();
    let at = |name: &str| rows.iter().position(|r| r.split('\t').nth(1) == Some(name)).expect(name);
    assert_eq!(at("孕产妇死亡数"), at("孕产妇死亡率") + 1);
    assert_eq!(rows.iter().filter(|r| r.split('\t').nth(1) == Some("活产数")).count(), 1);
    let filled: String = rows
        .iter()
        .map(|r| {
            let cells: Vec<&str> = r.split('\t').collect();
            if !cells[0].is_empty() || cells[1] == "指标" {
                return format!("{r}\n");
            }
            let count =
                if catalog.indicators.iter().any(|i| i.counts.as_ref().is_some_and(|c| c.denominator == cells[1])) {
                    "1000"
                } else {
                    "1"
                };
            format!("\t{}\t\t\t{count}\t{count}\n", cells[1])
        })
        .collect();
    let figures = parse(&filled, &catalog, &ParseOptions::new(2026));
    assert!(figures.diagnostics.is_empty(), "{:#?}", figures.diagnostics);
    for indicator in catalog.indicators.iter().filter(|i| i.counts.is_some()) {
        let series = figures.series_for(&indicator.id).expect("a series of counts");
        assert!(series.points.iter().all(|p| p.counts() == Some((1.0, 1000.0))), "{}", indicator.id);
    }
}
