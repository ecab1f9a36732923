//! Hostile pastes (issue 13, items 1 and 8): one indicator-year repeated
//! thousands of times with different values, and one enormous cell. The work and
//! the output must stay linear in the input; these tests assert sizes and
//! counts, never times.

mod figures_support;

use std::process::Command;

use figures_support::fixture::catalog;
use gapcast_core::figures::{parse, Code, ParseOptions};

/// `rows` rows of 婴儿死亡率 for 2021, each with a different value.
fn conflicting(rows: usize) -> String {
    (0..rows).map(|i| format!("婴儿死亡率\t2021\t{}.{:03}\n", 3 + i / 1000, i % 1000)).collect()
}

fn message_bytes(text: &str) -> (usize, usize) {
    let figures = parse(text, &catalog(), &ParseOptions::new(2026));
    let conflicts = figures.diagnostics.iter().filter(|d| d.code == Code::Conflict).count();
    let total: usize = figures.diagnostics.iter().map(|d| d.message_zh.len() + d.message_en.len() + d.text.len()).sum();
    (conflicts, total)
}

#[test]
fn a_repeated_indicator_year_gives_one_capped_diagnostic() {
    let (conflicts, small) = message_bytes(&conflicting(1_000));
    assert_eq!(conflicts, 1);
    let (conflicts, large) = message_bytes(&conflicting(8_000));
    assert_eq!(conflicts, 1, "one diagnostic per conflict, not per cell");
    // Capped: the message lists 10 values and "…and N more", whatever N is.
    assert!(large < 2_000, "{large} bytes of messages for 8,000 rows");
    assert!(large <= small + 16, "{small} → {large}: the messages grow with the rows");
    let figures = parse(&conflicting(8_000), &catalog(), &ParseOptions::new(2026));
    let d = figures.diagnostics.iter().find(|d| d.code == Code::Conflict).unwrap();
    assert!(d.message_en.contains("…and 7990 more"), "{}", d.message_en);
    assert!(d.message_en.contains("(8000 cells)") || !d.message_en.contains("cells"), "{}", d.message_en);
    assert_eq!(figures.conflicts.len(), 1);
    assert_eq!(figures.conflicts[0].values.len(), 8_000, "each distinct value once, to choose from");
}

#[test]
fn repeats_of_the_same_few_values_list_each_value_once() {
    let text: String = (0..6_000).map(|i| format!("婴儿死亡率\t2021\t{}\n", [3.1, 3.2, 3.3][i % 3])).collect();
    let figures = parse(&text, &catalog(), &ParseOptions::new(2026));
    let conflicts: Vec<_> = figures.diagnostics.iter().filter(|d| d.code == Code::Conflict).collect();
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0].message_en.contains("(6000 cells)"), "{}", conflicts[0].message_en);
    assert_eq!(figures.conflicts[0].values.len(), 3);
    assert!(figures.diagnostics.iter().all(|d| d.code != Code::CellUnused), "every cell accounted for");
}

#[test]
fn one_enormous_cell_is_quoted_cut_with_its_length() {
    let cell = "数".repeat(1024 * 1024);
    let text = format!("指标\t2021\n婴儿死亡率\t{cell}\n{cell}\t3.1\n");
    let figures = parse(&text, &catalog(), &ParseOptions::new(2026));
    assert!(!figures.diagnostics.is_empty());
    for d in &figures.diagnostics {
        let size = d.text.len() + d.message_zh.len() + d.message_en.len();
        assert!(size < 4_000, "{:?}: {size} bytes", d.code);
    }
    assert!(
        figures.diagnostics.iter().any(|d| d.text.contains("（共 1,048,576 字）")),
        "the cut quote states the length"
    );
}

#[test]
fn the_cli_prints_a_bounded_amount_for_4000_conflicting_rows() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("figures_hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("conflicts.tsv");
    let text = conflicting(4_000);
    std::fs::write(&path, &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gapcast")).args(["figures", path.to_str().unwrap()]).output().unwrap();
    // The conflict's 4,000 distinct values are listed once each (to choose
    // from); nothing is repeated per cell.
    assert!(out.stdout.len() < 40 * text.len(), "{} bytes printed for {} pasted", out.stdout.len(), text.len());
    assert!(out.stdout.len() < 2_000_000);
}

#[test]
fn values_beyond_1e15_are_refused_with_their_cell() {
    let figures = parse("指标\t2021\t2022\n孕产妇死亡率\t1e308\t1e309\n", &catalog(), &ParseOptions::new(2026));
    assert!(figures.series.iter().all(|s| s.points.iter().all(|p| p.value.is_finite() && p.value.abs() <= 1e15)));
    let d = figures.diagnostics.iter().find(|d| d.cell.as_deref() == Some("B2")).expect("B2 is named");
    assert_eq!(d.code, Code::OutOfBounds, "{}", d.message_en);
    let d = figures.diagnostics.iter().find(|d| d.cell.as_deref() == Some("C2")).expect("C2 is named");
    assert!(d.message_en.contains("1e309") && !d.message_en.contains(" is the "), "{}", d.message_en);
}
