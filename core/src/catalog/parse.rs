//! Reading a catalog file's TOML with the `toml` crate: the text becomes a tree
//! that keeps the byte span of every key and value, or one syntax error at a
//! byte offset, worded in Chinese and English.
//!
//! **Why `toml`'s own tree, not serde:** [`super::raw`] reads the tree field by
//! field so that every shape problem of a block is reported at its own span;
//! `toml::de::DeTable` keeps those spans and its strings borrow from the text.
//! Only the `parse` feature is used (no serde, no writer), to keep the page small.
//!
//! **Nesting:** `toml` 0.9 refuses arrays and inline tables nested more than
//! [`MAX_DEPTH`] deep, and dotted keys or headers of that many parts, with an
//! error instead of recursing further: 5,000 nested arrays give one located
//! error, not a stack overflow (tested below on the page's 1 MB stack), so no
//! scan of our own is needed before it. That error has a span
//! except for the dotted key; [`parse`] then points at the first line with that
//! many dots.
//!
//! **Wording:** `toml` words its errors in English, from a closed set of
//! descriptions (`invalid basic string, expected `"``). [`zh`] translates each
//! part it knows; a part it does not know stays in English rather than being
//! dropped.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A value of the tree, with the byte range it was written at (relative to
/// the parsed text).
pub type Value<'i> = Spanned<DeValue<'i>>;

/// How deep `toml` lets arrays, inline tables and dotted keys nest (its own
/// limit, `LIMIT` in `toml::de::parser`; a test pins it).
pub const MAX_DEPTH: usize = 80;

/// Why a text is not TOML: a byte offset and the message in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub at: usize,
    pub en: String,
    pub zh: String,
}

/// Parses a whole document into its root table, as a value spanning the text.
pub fn parse(text: &str) -> Result<Value<'_>, SyntaxError> {
    match DeTable::parse(text) {
        Ok(root) => {
            let span = root.span();
            Ok(Spanned::new(span, DeValue::Table(root.into_inner())))
        }
        Err(err) => Err(syntax_error(text, &err)),
    }
}

fn syntax_error(text: &str, err: &toml::de::Error) -> SyntaxError {
    let span = err.span().or_else(|| deep_key(text)).unwrap_or(0..0);
    let at = span.start.min(text.len());
    let message = err.message();
    // A duplicate key is named, so the message says which.
    let named = |en: &str, zh: &str| {
        let key = text.get(span.clone()).map(str::trim).filter(|k| !k.is_empty() && k.len() <= 60);
        match key {
            Some(key) => (format!("{en} `{key}`"), format!("字段「{key}」{zh}")),
            None => (en.to_string(), format!("字段{zh}")),
        }
    };
    let (en, zh) = match message {
        "duplicate key" => named("duplicate key", "重复"),
        // The commonest slips, worded for people who do not know TOML.
        "invalid basic string, expected `\"`" | "invalid literal string, expected `'`" => (
            "a string has no closing quote (strings end on their line)".to_string(),
            "文本缺少结尾的引号（引号内不能换行）".to_string(),
        ),
        "string values must be quoted, expected literal string" => {
            ("text must be in quotes: \"…\"".to_string(), "文本要写在引号中：\"…\"".to_string())
        }
        "recursion limit" | "cannot recurse further; max recursion depth met" => (
            format!("nested more than {MAX_DEPTH} levels deep"),
            format!("嵌套超过 {MAX_DEPTH} 层"),
        ),
        _ => (message.to_string(), zh(message)),
    };
    SyntaxError { at, en, zh }
}

/// The first line with [`MAX_DEPTH`] or more dots: where a dotted key too long
/// to read is (`toml` gives that error no span).
fn deep_key(text: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.bytes().filter(|&b| b == b'.').count() + 1 >= MAX_DEPTH {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}

/// A `toml` message in Chinese: `description, expected a, b` with each part
/// translated when known.
pub fn zh(message: &str) -> String {
    let (description, expected) = match message.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (message, None),
    };
    let mut out = description_zh(description).map_or_else(|| description.to_string(), str::to_string);
    if let Some(expected) = expected {
        let parts: Vec<String> = expected.split(", ").map(expected_zh).collect();
        out.push_str("，此处应为：");
        out.push_str(&parts.join("、"));
    }
    out
}

/// One item of `toml`'s "expected" list: a literal in backticks stays as
/// written; a description is translated.
fn expected_zh(item: &str) -> String {
    if item.starts_with('`') {
        return item.to_string();
    }
    let zh = match item {
        "newline" => "换行",
        "nothing" => "（无）",
        "key" => "字段名",
        "value" => "值",
        "numbers" => "数字",
        "digits" => "数字",
        "letters" => "字母",
        "literal string" => "带引号的文本",
        "basic string" => "带双引号的文本",
        "multi-line basic string" => "多行文本",
        "unicode hexadecimal value" => "十六进制的 Unicode 码",
        "printable characters" | "characters" => "可打印字符",
        "non-single-quote visible characters" | "non-single-quote characters" => "单引号以外的字符",
        "non-double-quote visible characters" => "双引号以外的可见字符",
        "etc" => "等",
        _ => return item.to_string(),
    };
    zh.to_string()
}

/// The descriptions `toml` and its parser give their errors, in Chinese.
fn description_zh(description: &str) -> Option<&'static str> {
    Some(match description {
        "`_` may only go between digits" => "下划线 `_` 只能写在两个数字之间",
        "carriage return must be followed by newline" => "回车符后必须换行",
        "extra `=`" | "extra assignment between key-value pairs" => "多了一个 `=`",
        "extra comma in array" => "列表中多了一个逗号",
        "extra comma in inline table" => "表中多了一个逗号",
        "integers with a radix cannot be signed" => "十六、八、二进制整数不能带正负号",
        "invalid basic string" | "invalid string" => "文本无效（缺少结尾的双引号，或含有控制字符）",
        "invalid literal string" => "文本无效（缺少结尾的单引号，或含有控制字符）",
        "invalid multi-line basic string" => "多行文本缺少结尾的 \"\"\"",
        "invalid multi-line literal string" => "多行文本缺少结尾的 '''",
        "invalid binary number" => "二进制数写法无效",
        "invalid octal number" => "八进制数写法无效",
        "invalid hexadecimal number" => "十六进制数写法无效",
        "invalid integer number" => "整数写法无效",
        "invalid float" | "invalid mantissa" | "invalid fraction" | "invalid exponent" => "小数写法无效",
        "invalid boolean" => "布尔值应为 true 或 false",
        "invalid comment character" => "注释中有无效字符",
        "invalid date-time" => "日期时间写法无效",
        "invalid inline table element" => "表中的项无效",
        "invalid key" | "invalid unquoted key" => "字段名无效（不加引号时只能用字母、数字、-、_）",
        "invalid key-value pair" => "「字段 = 值」写法无效",
        "invalid table" => "表头写法无效",
        "invalid value" => "值无效",
        "key with no value" => "字段缺少「= 值」",
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "字段名不能是多行文本"
        }
        "missing array opening" => "列表缺少开头的 [",
        "missing assignment between key-value pairs" => "字段和值之间缺少 =",
        "missing comma between array elements" => "列表的项之间缺少逗号",
        "missing comma between key-value pairs" => "表的项之间缺少逗号",
        "missing comment start" => "注释缺少开头的 #",
        "missing escaped value" => "反斜杠 \\ 后的转义无效",
        "missing inline table opening" => "表缺少开头的 {",
        "missing key for inline table element" => "表中的项缺少字段名",
        "missing opening quote" => "文本缺少开头的引号",
        "missing table open" => "表头缺少开头的 [",
        "missing value" | "missing value for key" => "缺少值",
        "radix must be lowercase" => "进制前缀须小写（0x、0o、0b）",
        "redundant integer number prefix" | "redundant numeric sign" => "数字前缀或符号重复",
        "string values must be quoted" => "文本要写在引号中：\"…\"",
        "too few unicode value digits" => "Unicode 转义的位数不够",
        "unclosed array" => "列表缺少结尾的 ]",
        "unclosed array table" => "表头缺少结尾的 ]]",
        "unclosed inline table" => "表缺少结尾的 }",
        "unclosed table" => "表头缺少结尾的 ]",
        "unexpected `=` in array" => "列表中不能有 =",
        "unexpected content" | "unexpected key or value" => "此处不应再有内容（一行只写一个「字段 = 值」）",
        "unexpected content between comment and newline" => "注释与换行之间有多余内容",
        "unexpected leading zero" => "数字不能以 0 开头",
        "unexpected sign" => "此处不能有正负号",
        "unquoted keys cannot be empty" => "字段名不能为空",
        "cannot extend value of type array with a dotted key"
        | "cannot extend value of type inline table with a dotted key"
        | "cannot extend value of type table with a dotted key" => "带点的字段名不能扩充已写完的值",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SyntaxError {
        parse(text).expect_err(text)
    }

    #[test]
    fn keeps_the_span_of_every_key_and_value() {
        let text = "a = \"x\"\nb = { lower = 0 }\n";
        let root = parse(text).expect("valid");
        let DeValue::Table(table) = root.get_ref() else { panic!("a table") };
        let (key, value) = table.get_key_value("b").expect("b");
        assert_eq!(&text[key.span()], "b");
        assert_eq!(&text[value.span()], "{ lower = 0 }");
    }

    #[test]
    fn errors_are_worded_in_both_languages_at_their_place() {
        for (text, at, en, zh) in [
            ("a = percent", 4, "text must be in quotes: \"…\"", "文本要写在引号中"),
            ("a = 1\na = 2", 6, "duplicate key `a`", "字段「a」重复"),
            ("a = \"x\n", 6, "a string has no closing quote (strings end on their line)", "文本缺少结尾的引号"),
            ("a = [1 2]", 5, "text must be in quotes: \"…\"", "文本要写在引号中"),
            ("a = \"\\q\"", 6, "missing escaped value, expected `b`, `e`, `f`, `n`, `r`, `\\`, `\"`, `x`, `u`, `U`", "转义无效"),
            ("a = [1,,2]", 7, "extra comma in array, expected value", "列表中多了一个逗号，此处应为：值"),
            ("a = 1 b = 2", 8, "unexpected key or value, expected newline, `#`", "此处应为：换行、`#`"),
            ("[[indicator]\n", 12, "unclosed array table, expected `]`", "表头缺少结尾的 ]]"),
        ] {
            let e = err(text);
            assert_eq!((e.at, e.en.as_str()), (at, en), "{text:?}");
            assert!(e.zh.contains(zh), "{text:?}: {}", e.zh);
        }
    }

    #[test]
    fn every_known_description_has_chinese() {
        // Every description toml_parser 1.1 and toml 0.9 give (grep for
        // `ParseError::new` and `invalid_description` in their sources).
        for d in [
            "`_` may only go between digits",
            "invalid basic string",
            "invalid date-time",
            "missing escaped value",
            "string values must be quoted",
            "unclosed inline table",
            "unexpected leading zero",
            "cannot extend value of type inline table with a dotted key",
        ] {
            assert!(description_zh(d).is_some(), "{d}");
        }
        // An unknown part stays in English, never dropped.
        assert_eq!(zh("something new, expected `x`, value"), "something new，此处应为：`x`、值");
    }

    /// Runs `f` on a thread with the stack the page has (wasm's 1 MB). Reading
    /// 80 levels takes `toml` about 100 KB of stack in a release build and
    /// 300–500 KB in a debug build (measured with nested arrays); 5,000 levels
    /// would overflow any of these stacks.
    fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new().stack_size(1024 * 1024).spawn(f).expect("thread").join().expect("no overflow");
    }

    #[test]
    fn deep_nesting_is_a_located_error_not_a_stack_overflow() {
        on_small_stack(|| {
            let n = 5000;
            let arrays = format!("x = 1\na = {}{}", "[".repeat(n), "]".repeat(n));
            let tables = format!("x = 1\na = {}1{}", "{ b = ".repeat(n), " }".repeat(n));
            let dotted = format!("x = 1\n{} = 1\n", vec!["a"; n].join("."));
            let header = format!("x = 1\n[{}]\n", vec!["a"; n].join("."));
            for text in [arrays, tables, dotted, header] {
                let e = err(&text);
                assert!(e.at >= 6, "on the second line: {}", e.at);
                assert_eq!(e.en, format!("nested more than {MAX_DEPTH} levels deep"));
            }
            // Just inside the limit reads.
            let ok = format!("a = {}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
            assert!(parse(&ok).is_ok());
            let over = format!("a = {}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
            assert!(parse(&over).is_err());
        });
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_text() {
        let root = parse("\u{feff}a = 1\n").expect("valid");
        let DeValue::Table(table) = root.get_ref() else { panic!("a table") };
        assert_eq!(table.get("a").map(|v| v.span()), Some(7..8));
    }
}
