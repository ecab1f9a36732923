//! Properties of the catalog loader on damaged files, as users' own catalogs
//! will be: whatever the text, loading never panics; every issue points at a
//! line of its file and speaks both languages; an indicator is either loaded
//! whole or named by an error; and a damaged block never costs the others.

use gapcast_core::catalog::{load_files, BUILTIN_FILES};
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
    fn any_text_loads_without_panic(text in "\\PC{0,200}|[\\[\\]{}=\"'#,.a-z0-9_ \n]{0,200}") {
        check(&text);
    }
}
