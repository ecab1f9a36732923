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

/// Fills every year cell of the template with a plausible value.
fn fill(catalog: &Catalog, tsv: &str) -> String {
    let mut lines = tsv.lines();
    let mut out = format!("{}\n", lines.next().unwrap_or(""));
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
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
