//! Properties of the two doors a session comes in by, a session file and a
//! share link: whatever the text, reading it never panics, and a text that
//! cannot be read gets a message that says where (a line and column, a field,
//! a character position), in Chinese and in English.

use gapcast_core::assess::WhatIfChange;
use gapcast_core::format::Lang;
use gapcast_core::session::{CatalogFile, CatalogMode, Session, SessionError, FORMAT_VERSION};
use gapcast_core::share::{decode_base64url, encode_base64url, parse_fragment, Fragment, ShareError};
use proptest::prelude::*;

/// Checks that an error names its place in both languages.
fn check_located(err: &SessionError) {
    let (en, zh) = (err.to_string(), err.message_zh());
    match err {
        SessionError::Syntax { line, column, .. } => {
            assert!(*line >= 1, "{en}");
            assert!(en.contains(&format!("line {line}, column {column}")), "{en}");
            assert!(zh.contains(&format!("第 {line} 行第 {column} 列")), "{zh}");
        }
        SessionError::NotASession => {
            assert!(en.contains("format_version") && zh.contains("format_version"), "{en} / {zh}");
        }
        SessionError::TooNew { version } => {
            assert!(
                en.contains(&format!("format {version}")) && zh.contains(&format!("格式 {version}")),
                "{en} / {zh}"
            );
        }
        SessionError::Field { field, .. } => {
            assert!(!field.is_empty(), "a field error names no field: {en}");
            assert!(en.contains(&format!("`{field}`")) && zh.contains(&format!("`{field}`")), "{en} / {zh}");
        }
    }
}

fn read(text: &str) {
    if let Err(e) = Session::from_json(text) {
        check_located(&e);
    }
}

/// A session with arbitrary text, assignments, choices and scenarios. Values
/// are tenths so JSON carries them exactly.
fn session() -> impl Strategy<Value = Session> {
    (
        ".{0,80}",
        proptest::collection::btree_map("[^\u{0}]{1,12}", "[A-Z]-[A-Z]{2,6}-0[1-9]", 0..4),
        proptest::collection::vec(("[A-Z]-[A-Z]{2,6}-0[1-9]", 2000..2031_i32, -10_000..10_000_i32), 0..4),
        proptest::collection::btree_map("[A-Z]-[A-Z]{2,6}-0[1-9]", (0..3_u8, -500..500_i32), 0..3),
        any::<bool>(),
        prop_oneof![Just(0.8), Just(0.9), Just(0.95)],
        proptest::collection::vec(("[a-z]{1,8}\\.toml", ".{0,60}"), 0..3),
    )
        .prop_map(|(raw, assignments, choices, scenarios, pinned, level, catalogs)| {
            let mut s = Session::new(2026);
            s.raw = raw.into();
            s.assignments = assignments;
            for (id, year, v) in choices {
                s.choose(&id, year, f64::from(v) / 10.0);
            }
            s.scenarios = scenarios
                .into_iter()
                .map(|(id, (kind, v))| {
                    let v = f64::from(v) / 10.0;
                    let change = match kind {
                        0 => WhatIfChange::UnitsPerYear(v),
                        1 => WhatIfChange::PercentPerYear(v),
                        _ => WhatIfChange::RequiredPace,
                    };
                    (id, change)
                })
                .collect();
            s.current_year_pinned = pinned;
            s.lang = if pinned { Lang::En } else { Lang::Zh };
            s.settings.level = level;
            s.catalog_mode = if pinned { CatalogMode::Instead } else { CatalogMode::Beside };
            s.catalogs = catalogs.into_iter().map(|(name, text)| CatalogFile { name, text: text.into() }).collect();
            s
        })
}

/// One edit of a text: cut it short, drop a character, or put a character
/// that matters to JSON somewhere.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize),
    Delete(usize),
    Insert(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    let significant = prop_oneof![
        Just('{'),
        Just('}'),
        Just('['),
        Just(']'),
        Just('"'),
        Just(','),
        Just(':'),
        Just('\\'),
        Just('-'),
        Just('e'),
        Just('0'),
        Just('\n'),
        Just('\u{feff}'),
        any::<char>(),
    ];
    prop_oneof![
        any::<usize>().prop_map(Edit::Truncate),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), significant).prop_map(|(at, c)| Edit::Insert(at, c)),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let n = chars.len().max(1);
    match *edit {
        Edit::Truncate(at) => chars.truncate(at % n),
        Edit::Delete(at) => {
            if !chars.is_empty() {
                chars.remove(at % n);
            }
        }
        Edit::Insert(at, c) => chars.insert(at % (chars.len() + 1), c),
    }
    chars.into_iter().collect()
}

/// A top-level field and a value of the wrong type for it.
fn wrong_field() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        Just(("raw", "5")),
        Just(("raw", "[\"a\"]")),
        Just(("lang", "\"fr\"")),
        Just(("lang", "1")),
        Just(("delimiter", "\"pipe\"")),
        Just(("layout", "true")),
        Just(("assignments", "[1, 2]")),
        Just(("assignments", "{\"x\": 3}")),
        Just(("choices", "{\"id\": 1}")),
        Just(("choices", "[{\"id\": \"W-HEALTH-02\", \"year\": \"2021\", \"value\": 1}]")),
        Just(("settings", "\"high\"")),
        Just(("settings", "{\"level\": \"high\"}")),
        Just(("settings", "{\"current_year\": 2026.5}")),
        Just(("current_year_pinned", "\"yes\"")),
        Just(("scenarios", "{\"W-HEALTH-02\": {\"kind\": \"faster\"}}")),
        Just(("scenarios", "[]")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_read_or_refused_with_its_place(text in "\\PC{0,200}") {
        read(&text);
    }

    #[test]
    fn json_shaped_noise_is_read_or_refused_with_its_place(text in r#"[{}\[\]",:0-9a-z_ \n\\-]{0,120}"#) {
        read(&text);
        read(&format!("{{\"format_version\": 1, {text}"));
    }

    #[test]
    fn a_session_survives_its_file(s in session()) {
        prop_assert_eq!(Session::from_json(&s.to_json()), Ok(s));
    }

    #[test]
    fn an_almost_valid_file_is_read_or_refused_with_its_place(s in session(), edits in proptest::collection::vec(edit(), 1..4)) {
        let text = edits.iter().fold(s.to_json(), |t, e| apply(&t, e));
        read(&text);
    }

    #[test]
    fn a_wrong_field_is_named((field, value) in wrong_field(), s in session()) {
        let mut json: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
        json[field] = serde_json::from_str(value).unwrap();
        match Session::from_json(&json.to_string()) {
            Err(e @ SessionError::Field { .. }) => {
                check_located(&e);
                prop_assert!(matches!(&e, SessionError::Field { field: f, .. } if f == field), "{e}");
            }
            other => prop_assert!(false, "{field} = {value} gave {other:?}"),
        }
    }

    #[test]
    fn a_newer_format_is_refused_with_its_number(version in (FORMAT_VERSION + 1)..u32::MAX) {
        let e = Session::from_json(&format!("{{\"format_version\": {version}}}")).unwrap_err();
        check_located(&e);
        prop_assert_eq!(e, SessionError::TooNew { version: u64::from(version) });
    }

    #[test]
    fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 1..300)) {
        let text = encode_base64url(&bytes);
        prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(decode_base64url(&text), Ok(bytes));
    }

    #[test]
    fn a_damaged_link_is_read_or_refused_with_its_place(text in "\\PC{0,120}") {
        match decode_base64url(&text) {
            Ok(_) => {}
            Err(ShareError::BadCharacter { position, found }) => {
                prop_assert_eq!(text.chars().nth(position - 1), Some(found));
            }
            Err(ShareError::Truncated { length }) => prop_assert_eq!(length % 4, 1),
            Err(ShareError::Empty) => prop_assert!(text.chars().all(|c| "= \n\r\t".contains(c))),
            Err(e @ (ShareError::TooLarge | ShareError::NotText)) => prop_assert!(false, "base64 decoding never gives {:?}", e),
        }
        if let Err(e) = decode_base64url(&text) {
            prop_assert!(!e.message(Lang::Zh).is_empty() && !e.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn any_fragment_parses(hash in "#?(s=|embed&)?\\PC{0,80}") {
        match parse_fragment(&hash) {
            Fragment::Share(payload) => prop_assert!(hash.trim_start_matches('#').ends_with(&payload)),
            Fragment::Embed(options) => prop_assert!(options.ids.iter().all(|id| !id.is_empty())),
            Fragment::None => {}
        }
    }
}

/// Issue 13, item 2: a session naming a year no assessment can use is
/// refused with the field named, whichever path brings it (file, share link
/// and storage all read through `Session::from_json`).
#[test]
fn hostile_settings_are_refused_with_the_field_named() {
    for (json, field) in [
        (
            r#"{"format_version": 1, "settings": {"current_year": 2026, "base_year": -2000000000}}"#,
            "settings.base_year",
        ),
        (
            r#"{"format_version": 1, "settings": {"current_year": 2026, "mid_term_year": 2147483647}}"#,
            "settings.mid_term_year",
        ),
        (r#"{"format_version": 1, "settings": {"current_year": 2026, "level": 1.5}}"#, "settings.level"),
        (
            r#"{"format_version": 1, "choices": [{"id": "W-HEALTH-02", "year": 2021, "value": 1e308}]}"#,
            "choices[0].value",
        ),
    ] {
        match gapcast_core::session::Session::from_json(json) {
            Err(gapcast_core::session::SessionError::Field { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{json}: {other:?}"),
        }
    }
}

/// A session nested 100,000 levels deep is a located error, not a stack
/// overflow (serde_json keeps its recursion limit of 128 while building, and
/// skips unknown values without recursing).
#[test]
fn deeply_nested_sessions_are_a_located_error() {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = gapcast_core::session::Session::from_json(&format!("{{\"format_version\": 1, \"raw\": {deep}}}"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("raw") && err.contains("line 1"), "{err}");
    let nested_object = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let err =
        gapcast_core::session::Session::from_json(&format!("{{\"format_version\": 1, \"settings\": {nested_object}}}"));
    assert!(err.is_err(), "deep settings are refused");
    // An unknown field holding deep nesting is skipped, not recursed into.
    let _ = gapcast_core::session::Session::from_json(&format!("{{\"format_version\": 1, \"x\": {deep}}}"));
}

proptest! {
    /// Any year and level a hostile file may carry: read only when within the
    /// documented bounds, else refused naming the field; never a panic.
    #[test]
    fn any_settings_number_is_bounded_or_refused(
        year in any::<i32>(),
        which in 0usize..4,
        level in prop_oneof![any::<f64>(), 0.0f64..1.0],
    ) {
        let key = ["current_year", "base_year", "mid_term_year", "from_year"][which];
        let json = format!(
            r#"{{"format_version": 1, "settings": {{"current_year": 2026, "{key}": {year}, "level": {}}}}}"#,
            serde_json::to_string(&level).unwrap()
        );
        match Session::from_json(&json) {
            Ok(s) => {
                prop_assert!((1900..=2200).contains(&year));
                prop_assert!((0.5..=0.99).contains(&s.settings.level));
            }
            Err(SessionError::Field { field, .. }) => {
                prop_assert!(field.starts_with("settings"), "{}", field);
            }
            Err(e) => check_located(&e),
        }
    }

    /// However much a link inflates to, at most the limit is held.
    #[test]
    fn inflating_holds_at_most_the_limit(chunks in proptest::collection::vec(0usize..600_000, 0..12)) {
        let mut inflated = gapcast_core::share::Inflated::default();
        let mut total = 0usize;
        for n in chunks {
            match inflated.push(&vec![b'a'; n]) {
                Ok(()) => { total += n; prop_assert!(total <= gapcast_core::share::MAX_INFLATED); }
                Err(e) => { prop_assert_eq!(e, ShareError::TooLarge); prop_assert!(total + n > gapcast_core::share::MAX_INFLATED); break; }
            }
        }
    }
}
