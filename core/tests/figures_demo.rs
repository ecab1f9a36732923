//! The real national figures the app's demo button loads
//! (`static/demo/national-figures.tsv`, copied from the shared demo folder):
//! wide, with a 单位 column and gaps. Every name must match the built-in catalog
//! and no cell may be left unused.

use gapcast_core::catalog::builtin;
use gapcast_core::figures::{parse, parse_bytes, Layout, ParseOptions, Severity};

const DEMO: &str = include_str!("../../static/demo/national-figures.tsv");
const SOURCES: &str = include_str!("../../static/demo/national-figures-sources.tsv");

#[test]
fn demo_figures_parse_cleanly_against_the_builtin_catalog() {
    let catalog = builtin();
    let figures = parse(DEMO, &catalog, &ParseOptions::new(2026));
    assert_eq!(figures.layout, Layout::Wide);
    assert!(figures.unmatched.is_empty(), "unmatched: {:#?}", figures.unmatched);
    let errors: Vec<_> = figures.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "errors: {errors:#?}");
    assert!(figures.diagnostics.is_empty(), "diagnostics: {:#?}", figures.diagnostics);
    assert!(figures.conflicts.is_empty());

    // Every data row became a series (shared-key twins add more), and every
    // filled value cell became a point.
    let rows: Vec<&str> = DEMO.lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
    let values_pasted: usize =
        rows.iter().map(|l| l.split('\t').skip(2).filter(|c| !c.trim().is_empty()).count()).sum();
    let mut ids_seen = std::collections::BTreeSet::new();
    let mut points_read = 0;
    for s in &figures.series {
        let key = catalog.get(&s.id).map(|i| i.figures_key().to_string()).unwrap_or_default();
        if ids_seen.insert(key) {
            points_read += s.points.len();
        }
    }
    assert_eq!(ids_seen.len(), rows.len());
    assert_eq!(points_read, values_pasted);
}

#[test]
fn demo_values_are_read_in_catalog_units() {
    let catalog = builtin();
    let figures = parse(DEMO, &catalog, &ParseOptions::new(2026));
    let value = |name: &str, year: i32| {
        let indicator = catalog.indicators.iter().find(|i| i.name_zh == name).expect("in catalog");
        figures.series_for(&indicator.id).and_then(|s| s.points.iter().find(|p| p.year == year)).map(|p| p.value)
    };
    assert_eq!(value("孕产妇死亡率", 2024), Some(14.3));
    assert_eq!(value("婴儿死亡率", 2015), Some(8.1));
    assert_eq!(value("5岁以下儿童死亡率", 2016), None);
    assert_eq!(value("学前教育毛入园率", 2024), Some(92.0));
}

#[test]
fn demo_file_bytes_and_sources_are_text() {
    let catalog = builtin();
    let from_bytes = parse_bytes(DEMO.as_bytes(), &catalog, &ParseOptions::new(2026));
    assert_eq!(from_bytes, parse(DEMO, &catalog, &ParseOptions::new(2026)));
    // The sources table names one report list per demo row.
    let demo_names: Vec<&str> = DEMO.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
    let source_names: Vec<&str> = SOURCES.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
    for name in &demo_names {
        assert!(source_names.contains(name), "no source for {name}");
    }
}
