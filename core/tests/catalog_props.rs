//! Properties of the catalog loader on damaged files, as users' own catalogs
//! will be: whatever the text, loading never panics; every issue points at a
//! line of its file and speaks both languages; an indicator is either loaded
//! whole or named by an error; and a damaged block never costs the others.

use gapcast_core::catalog::{load_files, IssueKind, BUILTIN_FILES};
use proptest::prelude::*;

/// The women's seed file, as a user would start from it.
fn seed() -> &'static str {
    BUILTIN_FILES[0].1
}

/// One edit: cut, delete a run, or insert a character that matters to TOML.
fn damaged() -> impl Strategy<Value = String> {
    let significant = prop_oneof![
        Just("\""),
        Just("'"),
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just("="),
        Just("\n"),
        Just("#"),
        Just(","),
        Just("\\"),
        Just("."),
        Just("x"),
        Just("中"),
        Just("1e999"),
        Just("-"),
        Just("\u{0}"),
    ];
    (any::<prop::sample::Index>(), 0usize..40, significant, 1usize..4).prop_map(|(at, delete, insert, times)| {
        let text = seed();
        let mut chars: Vec<char> = text.chars().collect();
        let mut i = at.index(chars.len());
        for _ in 0..times {
            let end = (i + delete).min(chars.len());
            chars.splice(i..end, insert.chars());
            i = (i * 7 + 13) % chars.len().max(1);
        }
        chars.into_iter().collect()
    })
}

fn check(text: &str) {
    let lines = text.lines().count().max(1);
    let (catalog, issues) = load_files(&[("mine.toml", text)]);
    for issue in &issues {
        if let Some(line) = issue.line {
            assert!((1..=lines + 1).contains(&line), "line {line} of {lines}: {issue}");
        }
        assert!(!issue.message_zh().is_empty() && !issue.message_en().is_empty());
        assert!(issue.to_string().starts_with("mine.toml"), "{issue}");
        // A syntax error names its column, inside its line.
        if let (IssueKind::Toml { column, .. }, Some(line)) = (&issue.kind, issue.line) {
            let width = text.lines().nth(line - 1).map_or(0, |l| l.chars().count());
            assert!((1..=width + 1).contains(column), "column {column} of {width}: {issue}");
        }
    }
    // An indicator named by an error is not loaded; every other one is.
    for indicator in &catalog.indicators {
        assert!(
            !issues.iter().any(|i| i.is_error() && i.id.as_deref() == Some(indicator.id.as_str())),
            "{} loaded despite an error",
            indicator.id
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_damaged_seed_file_loads_what_is_sound_and_names_the_rest(text in damaged()) {
        check(&text);
        // The edits touch a few blocks at most: unless the header (the plan)
        // is damaged, most of the 96 indicators still load.
        let (catalog, issues) = load_files(&[("mine.toml", &text)]);
        let header_lines = text.lines().position(|l| l.starts_with("[[indicator]]")).unwrap_or(0);
        let header_hit = issues.iter().any(|i| i.line.is_none_or(|l| l <= header_lines));
        prop_assert!(header_hit || catalog.indicators.len() >= 96 - 8, "{} loaded", catalog.indicators.len());
    }

    #[test]
    fn nesting_of_any_depth_is_a_located_error(depth in 81usize..6000, table in any::<bool>()) {
        let (open, close) = if table { ("{ a = ", " }") } else { ("[", "]") };
        let value = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let text = seed().replacen("value = ", &format!("value = {value}\nx = "), 1);
        let (catalog, issues) = load_files(&[("mine.toml", &text)]);
        check(&text);
        let toml: Vec<_> = issues.iter().filter(|i| matches!(i.kind, IssueKind::Toml { .. })).collect();
        prop_assert_eq!(toml.len(), 1);
        prop_assert!(toml[0].message_en().contains("nested more than"), "{}", toml[0]);
        prop_assert_eq!(catalog.indicators.len(), 95);
    }

    #[test]
    fn any_text_loads_without_panic(text in "\\PC{0,200}|[\\[\\]{}=\"'#,.a-z0-9_ \n]{0,200}") {
        check(&text);
    }
}
