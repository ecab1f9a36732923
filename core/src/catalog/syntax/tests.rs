//! The reader against hand-written cases, and against the `toml` crate on the
//! seed files and on generated documents.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

/// A value without spans or order, comparable across the two parsers.
#[derive(Debug, Clone, PartialEq)]
enum Plain {
    String(String),
    Integer(i64),
    /// Bits, so that NaN equals NaN.
    Float(u64),
    Boolean(bool),
    Array(Vec<Plain>),
    Table(BTreeMap<String, Plain>),
}

fn mine(v: &Value) -> Plain {
    match &v.kind {
        Kind::String(s) => Plain::String(s.clone()),
        Kind::Integer(i) => Plain::Integer(*i),
        Kind::Float(f) => Plain::Float(if f.is_nan() { f64::NAN.to_bits() } else { f.to_bits() }),
        Kind::Boolean(b) => Plain::Boolean(*b),
        Kind::Array(items) => Plain::Array(items.iter().map(mine).collect()),
        Kind::Table(t) => Plain::Table(t.iter().map(|(k, v)| (k.name.clone(), mine(v))).collect()),
    }
}

fn theirs(v: &::toml::Value) -> Plain {
    match v {
        ::toml::Value::String(s) => Plain::String(s.clone()),
        ::toml::Value::Integer(i) => Plain::Integer(*i),
        ::toml::Value::Float(f) => Plain::Float(if f.is_nan() { f64::NAN.to_bits() } else { f.to_bits() }),
        ::toml::Value::Boolean(b) => Plain::Boolean(*b),
        ::toml::Value::Datetime(d) => Plain::String(format!("datetime {d}")),
        ::toml::Value::Array(items) => Plain::Array(items.iter().map(theirs).collect()),
        ::toml::Value::Table(t) => Plain::Table(t.iter().map(|(k, v)| (k.clone(), theirs(v))).collect()),
    }
}

fn theirs_doc(text: &str) -> Option<Plain> {
    text.parse::<::toml::Table>().ok().map(|t| theirs(&::toml::Value::Table(t)))
}

fn ok(text: &str) -> Plain {
    mine(&parse(text).unwrap_or_else(|e| panic!("{text:?}: {} at {}", e.kind.en(), e.at)))
}

fn err(text: &str) -> (String, usize) {
    let e = parse(text).expect_err(text);
    (e.kind.en(), e.at)
}

fn table(entries: &[(&str, Plain)]) -> Plain {
    Plain::Table(entries.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect())
}

fn s(text: &str) -> Plain {
    Plain::String(text.to_string())
}

#[test]
fn reads_every_kind_of_value() {
    let doc = "# a comment\n\
        a = \"x\\ty\\u00e9\\U0001F600\\\\\\\"\" # trailing\n\
        b = 'C:\\path'\n\
        c = -1_000\n\
        d = 0x1F\n\
        e = 6.5e-1\n\
        f = -inf\n\
        g = true\n\
        h = [ 1, 2,\n  # inside\n  3, ]\n\
        i = { lower = 0, upper.max = 100 }\n\
        j.k = \"dotted\"\n\
        \"quoted key\" = 1\n";
    assert_eq!(
        ok(doc),
        table(&[
            ("a", s("x\tyé😀\\\"")),
            ("b", s("C:\\path")),
            ("c", Plain::Integer(-1000)),
            ("d", Plain::Integer(31)),
            ("e", Plain::Float(0.65f64.to_bits())),
            ("f", Plain::Float(f64::NEG_INFINITY.to_bits())),
            ("g", Plain::Boolean(true)),
            ("h", Plain::Array(vec![Plain::Integer(1), Plain::Integer(2), Plain::Integer(3)])),
            ("i", table(&[("lower", Plain::Integer(0)), ("upper", table(&[("max", Plain::Integer(100))]))])),
            ("j", table(&[("k", s("dotted"))])),
            ("quoted key", Plain::Integer(1)),
        ])
    );
}

#[test]
fn reads_multiline_strings() {
    let doc = "a = \"\"\"\nline one\nline \\\n    two\"\"\"\nb = '''\nraw \\n ''quoted'''''\n";
    assert_eq!(ok(doc), table(&[("a", s("line one\nline two")), ("b", s("raw \\n ''quoted''"))]));
}

#[test]
fn reads_headers_and_arrays_of_tables() {
    let doc = "plan = \"women\"\n[[indicator]]\nid = \"A\"\n[[indicator]]\nid = \"B\"\n[meta]\nx = 1\n";
    assert_eq!(
        ok(doc),
        table(&[
            ("plan", s("women")),
            ("indicator", Plain::Array(vec![table(&[("id", s("A"))]), table(&[("id", s("B"))])])),
            ("meta", table(&[("x", Plain::Integer(1))])),
        ])
    );
}

#[test]
fn spans_point_at_keys_and_values() {
    let text = "\u{feff}a = 1\nbb = [ \"x\" ]\n";
    let root = parse(text).expect("valid");
    let Kind::Table(t) = root.kind else { panic!("a table") };
    assert_eq!(&text[t[0].0.span.clone()], "a");
    assert_eq!(&text[t[1].0.span.clone()], "bb");
    assert_eq!(&text[t[1].1.span.clone()], "[ \"x\" ]");
    let Kind::Array(items) = &t[1].1.kind else { panic!("an array") };
    assert_eq!(&text[items[0].span.clone()], "\"x\"");
}

#[test]
fn refuses_what_is_not_toml_at_its_place() {
    let cases: &[(&str, &str, usize)] = &[
        ("unit = percent\n", "text must be in quotes: \"…\"", 7),
        ("a = \"open\nb = 1\n", "a string has no closing quote (strings end on their line)", 4),
        ("a = 1\na = 2\n", "duplicate key `a`", 6),
        ("a = 1 b = 2\n", "expected a new line, found `b = 2`", 6),
        ("a = [1, 2\n", "expected `,` or `]`, found the end of the text", 10),
        ("a = 01\n", "invalid number 01", 4),
        ("a = 1__0\n", "invalid number 1__0", 4),
        ("a = 1.\n", "invalid number 1.", 4),
        ("a = 1979-05-27\n", "dates and times are not used in catalog files", 4),
        ("a = \"\\q\"\n", "invalid escape \\q in a string", 5),
        ("a = \"\\u12\"\n", "invalid escape \\u12 in a string", 5),
        ("a = 1\na.b = 2\n", "`a` is already a value, not a table", 6),
        ("= 1\n", "expected a key, found `= 1`", 0),
        ("a 1\n", "expected `=`, found `1`", 2),
        ("[a\n", "expected `]`, found the end of the line", 2),
        ("a = \"x\u{1}\"\n", "control character \\u{1} in a string", 6),
        ("a =\n", "expected a value, found the end of the line", 3),
    ];
    for (text, message, at) in cases {
        assert_eq!(err(text), (message.to_string(), *at), "{text:?}");
    }
}

#[test]
fn messages_have_chinese() {
    let e = parse("unit = percent\n").expect_err("unquoted");
    assert_eq!(e.kind.zh(), "文本要写在引号中：\"…\"");
}

#[test]
fn agrees_with_the_toml_crate_on_the_seed_files() {
    for (name, text) in crate::catalog::BUILTIN_FILES {
        assert_eq!(Some(ok(text)), theirs_doc(text), "{name}");
    }
}

/// A generated value and one way of writing it.
fn value_strategy() -> impl Strategy<Value = (Plain, String)> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(|i| (Plain::Integer(i), i.to_string())),
        (-1.0e6f64..1.0e6).prop_map(|f| (Plain::Float(f.to_bits()), format!("{f:?}"))),
        any::<bool>().prop_map(|b| (Plain::Boolean(b), b.to_string())),
        "[ -~é中\t\n\r\u{1}\u{7f}\"'\\\\]{0,12}".prop_map(|t| {
            let written = ::toml::Value::String(t.clone()).to_string();
            (Plain::String(t), written)
        }),
        "[ -&(-~中]{0,12}".prop_map(|t| (Plain::String(t.clone()), format!("'{t}'"))),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..4), any::<bool>(), any::<bool>()).prop_map(
                |(items, trailing, multiline)| {
                    let sep = if multiline { ",\n  # note\n  " } else { ", " };
                    let mut written = items.iter().map(|(_, w)| w.as_str()).collect::<Vec<_>>().join(sep);
                    if trailing && !items.is_empty() {
                        written.push(',');
                    }
                    (Plain::Array(items.into_iter().map(|(p, _)| p).collect()), format!("[{written}]"))
                }
            ),
            prop::collection::btree_map("[a-z_][a-z0-9_-]{0,6}", inner, 0..4).prop_map(|entries| {
                let written = entries.iter().map(|(k, (_, w))| format!("{k} = {w}")).collect::<Vec<_>>().join(", ");
                let plain = entries.into_iter().map(|(k, (p, _))| (k, p)).collect();
                (Plain::Table(plain), format!("{{ {written} }}"))
            }),
        ]
    })
}

/// A generated document: root keys, then `[[indicator]]` blocks of keys.
fn document_strategy() -> impl Strategy<Value = String> {
    let keyvals = || prop::collection::btree_map("[a-z_][a-z0-9_]{0,6}", value_strategy(), 0..5);
    (keyvals(), prop::collection::vec(keyvals(), 0..3), "[ \t]{0,2}", any::<bool>()).prop_map(
        |(root, blocks, pad, comments)| {
            let mut doc = String::new();
            let write = |entries: &BTreeMap<String, (Plain, String)>, doc: &mut String| {
                for (k, (_, w)) in entries {
                    doc.push_str(&format!("{pad}{k}{pad}={pad}{w}{pad}"));
                    if comments {
                        doc.push_str("# c");
                    }
                    doc.push('\n');
                }
            };
            write(&root, &mut doc);
            for block in &blocks {
                doc.push_str("\n[[indicator]]\n");
                write(block, &mut doc);
            }
            doc
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    /// Whatever the `toml` crate reads from a generated document, this reader
    /// reads the same.
    #[test]
    fn agrees_with_the_toml_crate_on_generated_documents(doc in document_strategy()) {
        let expected = theirs_doc(&doc).expect("generated documents are valid TOML");
        prop_assert_eq!(ok(&doc), expected);
    }

    /// Damaged documents never panic; an error points inside the text; and
    /// when both parsers read one, they read the same.
    #[test]
    fn damaged_documents_are_read_alike_or_refused_in_place(
        doc in document_strategy(),
        at in any::<prop::sample::Index>(),
        insert in prop_oneof![Just(""), Just("\""), Just("'"), Just("["), Just("]"), Just("{"), Just("="), Just("\n"), Just("#"), Just("\\"), Just(","), Just(".")],
        delete in 0usize..3,
    ) {
        let mut chars: Vec<char> = doc.chars().collect();
        let i = if chars.is_empty() { 0 } else { at.index(chars.len()) };
        let end = (i + delete).min(chars.len());
        chars.splice(i..end, insert.chars());
        let text: String = chars.into_iter().collect();
        match (parse(&text), theirs_doc(&text)) {
            (Ok(v), Some(t)) => prop_assert_eq!(mine(&v), t),
            (Err(e), _) => prop_assert!(e.at <= text.len() && text.is_char_boundary(e.at)),
            (Ok(_), None) => {}
        }
    }

    /// Any text at all: no panic, and an error points inside the text.
    #[test]
    fn any_text_is_read_or_refused_in_place(text in "\\PC{0,80}|[\\[\\]{}=\"'#,.\\\\a-z0-9 \n]{0,80}") {
        if let Err(e) = parse(&text) {
            prop_assert!(e.at <= text.len() && text.is_char_boundary(e.at));
        }
    }
}
