//! Property tests of the figures parser's two promises: it never panics, and
//! every non-blank cell is used or reported. Arbitrary strings and bytes, and
//! almost-valid tables (real headers, names and values with random damage).

use proptest::prelude::*;

use super::assemble::parse_text;
use super::diagnostic::Code;
use super::fixture::catalog;
use super::{parse_bytes, Delimiter, Layout, ParseOptions};

/// Parses `text` and checks the account: no cell fell through to the safety
/// net, and every non-blank cell is marked used or reported.
fn check_account(text: &str, options: &ParseOptions) -> Result<(), TestCaseError> {
    let parsed = parse_text(text, &catalog(), options);
    for d in &parsed.figures.diagnostics {
        prop_assert!(d.code != Code::CellUnused, "cell {:?} fell through in {text:?}", d.cell);
    }
    for cell in parsed.table.filled_cells() {
        let reported = parsed.figures.diagnostics.iter().any(|d| d.covers(cell));
        prop_assert!(parsed.accounting.is_marked(cell) || reported, "cell {} unaccounted in {text:?}", cell.a1());
    }
    // With limits, every non-blank cell of the whole text that was not kept is
    // named by the error accounting for the cut.
    if options.max_rows.is_some() || options.max_columns.is_some() {
        let delimiter = options.delimiter.unwrap_or_else(|| super::delimit::detect(text));
        let (full, _) = super::delimit::split(text, delimiter);
        for cell in full.filled_cells() {
            let kept = parsed.table.rows.get(cell.row).is_some_and(|r| cell.col < r.len());
            let cut_reported = parsed
                .figures
                .diagnostics
                .iter()
                .any(|d| matches!(d.code, Code::TooManyRows | Code::TooManyColumns) && d.covers(cell));
            prop_assert!(kept || cut_reported, "cut cell {} unaccounted in {text:?}", cell.a1());
            if kept {
                prop_assert_eq!(parsed.table.text(cell), full.text(cell));
            }
        }
    }
    // Points are one a year, in order, finite.
    for s in &parsed.figures.series {
        prop_assert!(s.points.windows(2).all(|w| w[0].year < w[1].year));
        prop_assert!(s.points.iter().all(|p| p.value.is_finite()));
    }
    Ok(())
}

/// Pieces real pastes are made of, so random tables are almost valid.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("孕产妇死亡率".to_string()),
        Just("婴儿死亡率".to_string()),
        Just("学前教育毛入园率".to_string()),
        Just("指标".to_string()),
        Just("年份".to_string()),
        Just("数值".to_string()),
        Just("单位".to_string()),
        Just("备注".to_string()),
        Just("序号".to_string()),
        Just("目标值".to_string()),
        Just("%".to_string()),
        Just("‰".to_string()),
        Just("1/10万".to_string()),
        Just("-".to_string()),
        Just("暂无".to_string()),
        Just("\"".to_string()),
        Just("约45%".to_string()),
        Just("1:1.5".to_string()),
        (2015i32..2032).prop_map(|y| y.to_string()),
        (2015i32..2032).prop_map(|y| format!("{y}年")),
        (0.0f64..120.0).prop_map(|v| format!("{v:.1}")),
        (0.0f64..1.0).prop_map(|v| format!("{v:.2}")),
        "[a-z0-9 ,;\"\t]{0,6}",
        any::<String>(),
    ]
}

fn table(delimiter: char) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::collection::vec(piece(), 0..7), 0..9)
        .prop_map(move |rows| rows.iter().map(|r| r.join(&delimiter.to_string())).collect::<Vec<_>>().join("\n"))
}

fn options() -> impl Strategy<Value = ParseOptions> {
    (
        proptest::option::of(prop_oneof![
            Just(Delimiter::Tab),
            Just(Delimiter::Comma),
            Just(Delimiter::Semicolon),
            Just(Delimiter::ChineseComma)
        ]),
        proptest::option::of(prop_oneof![Just(Layout::Wide), Just(Layout::Transposed), Just(Layout::Long)]),
        any::<bool>(),
        proptest::option::of(1usize..6),
        proptest::option::of(1usize..6),
    )
        .prop_map(|(delimiter, layout, choose, max_rows, max_columns)| {
            let mut o = ParseOptions::new(2026);
            o.delimiter = delimiter;
            o.layout = layout;
            o.max_rows = max_rows;
            o.max_columns = max_columns;
            if choose {
                o.conflict_choices.insert(("W-HEALTH-02".to_string(), 2021), 12.0);
                o.assignments.insert("abc".to_string(), "C-HEALTH-03".to_string());
            }
            o
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    #[test]
    fn any_string_is_accounted_for(text in any::<String>(), options in options()) {
        check_account(&text, &options)?;
    }

    #[test]
    fn almost_valid_tables_are_accounted_for(
        text in prop_oneof![table('\t'), table(','), table(';'), table('，')],
        options in options(),
    ) {
        check_account(&text, &options)?;
    }

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let figures = parse_bytes(&bytes, &catalog(), &ParseOptions::new(2026));
        // Serializing must work too: the CLI prints it.
        prop_assert!(serde_json::to_string(&figures).is_ok());
    }
}
