//! Reading one cell: a value (`98%`, `７.５/10万`, `约45%`, `1:1.5`), a year
//! (`2021年度`), a unit text (`1/10万`, `‰`), or a missing-value marker.
//!
//! This module owns the written forms of numbers, units and years that staff
//! type, in half- or full-width characters. It does not know which indicator a
//! cell belongs to: converting to the indicator's unit and checking bounds
//! happen when series are assembled.

use std::borrow::Cow;

/// A unit as written in a pasted cell or unit column, before it is compared
/// with the indicator's catalog unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PastedUnit {
    /// `%`, `％`, `百分比`.
    Percent,
    /// `‰`, `/千`, `/1000`, `个/千人`.
    PerMille,
    /// `/万`, `/10000`.
    Per10k,
    /// `/10万`, `1/10万`, `/100000`.
    Per100k,
    /// Written as `1:x`.
    Ratio,
}

impl PastedUnit {
    /// For the per-x units, x: a value `v` in this unit is the rate `v / x`.
    pub fn per(self) -> Option<f64> {
        match self {
            PastedUnit::Percent => Some(100.0),
            PastedUnit::PerMille => Some(1_000.0),
            PastedUnit::Per10k => Some(10_000.0),
            PastedUnit::Per100k => Some(100_000.0),
            PastedUnit::Ratio => None,
        }
    }

    /// The unit written as staff write it, for messages.
    pub fn symbol(self) -> &'static str {
        match self {
            PastedUnit::Percent => "%",
            PastedUnit::PerMille => "‰",
            PastedUnit::Per10k => "/万",
            PastedUnit::Per100k => "/10万",
            PastedUnit::Ratio => "1:x",
        }
    }
}

/// What a unit text (a 单位 cell, a bracket after a name) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitText {
    /// Blank.
    None,
    /// A unit that scales values: %, ‰, /万, /10万, 1:x.
    Scaled(PastedUnit),
    /// A unit word that needs no conversion (个, 人, 岁, 小时/天, 次/年, ...).
    Plain,
    /// Something we do not understand (e.g. `万人`, a multiplier).
    Unknown,
}

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Blank.
    Empty,
    /// A marker for "no value" (`-`, `—`, `…`, `/`, `NA`, `无`, `暂无`, `未统计`).
    Missing,
    /// A number, with the unit written beside it.
    Number(Number),
    /// Not a number in any form we read; the reason is for messages.
    Invalid(Invalid),
}

/// A number read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The number as written (for `1:1.5`, the 1.5).
    pub value: f64,
    /// The unit written in the cell itself, if any.
    pub unit: Option<PastedUnit>,
    /// Written as approximate (`约`, `左右`).
    pub approx: bool,
    /// A decimal comma was read as a decimal point.
    pub decimal_comma: bool,
}

/// Why a cell is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// No digits at all, e.g. a word.
    NotANumber,
    /// A number followed by text that is not a unit we know.
    UnknownSuffix,
    /// A comparison (`<5`, `≥90`): not a value.
    Inequality,
    /// Digits in a form we do not read (`1,23`, `1.2.3`, `1:0`).
    Malformed,
}

impl Invalid {
    /// A short reason, Chinese then English.
    pub fn reason(self) -> (&'static str, &'static str) {
        match self {
            Invalid::NotANumber => ("不是数字", "not a number"),
            Invalid::UnknownSuffix => {
                ("数字后的单位或文字无法识别", "the unit or text after the number is not understood")
            }
            Invalid::Inequality => ("是一个范围（如 <5），不是数值", "a bound (like <5), not a value"),
            Invalid::Malformed => ("数字格式无法识别", "the number's format is not understood"),
        }
    }
}

/// Folds full-width forms to half-width (`９８％` -> `98%`, `：` -> `:`, the
/// ideographic space to a space) and the minus signs to `-`. Borrowed when there
/// is nothing to fold.
pub fn half_width(text: &str) -> Cow<'_, str> {
    fn fold(c: char) -> char {
        match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
            '\u{2212}' | '\u{FE63}' => '-',
            '\u{3002}' => '.',
            _ => c,
        }
    }
    // ASCII never folds; most cells are ASCII, so skip the scan.
    if text.is_ascii() || text.chars().all(|c| fold(c) == c) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(fold).collect())
    }
}

/// Markers that mean "no value", compared after folding to half-width,
/// removing spaces and lower-casing.
const MISSING: &[&str] = &[
    "-",
    "--",
    "---",
    "—",
    "——",
    "–",
    "――",
    "…",
    "……",
    "...",
    "/",
    "//",
    "na",
    "n/a",
    "n.a.",
    "#n/a",
    "null",
    "无",
    "暂无",
    "未统计",
    "无数据",
    "暂无数据",
    "不详",
    "空",
    "缺",
];

/// Whether a cell's text is a missing-value marker.
pub fn is_missing_marker(text: &str) -> bool {
    let folded = half_width(text);
    let compact: Cow<'_, str> = if folded.chars().any(char::is_whitespace) {
        Cow::Owned(folded.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        folded
    };
    // The markers are lower-case ASCII or CJK, so an ASCII case-insensitive
    // comparison is exact and allocates nothing.
    MISSING.iter().any(|m| m.eq_ignore_ascii_case(&compact))
}

/// Reads a value cell. `decimal_comma` allows `3,6` to mean 3.6 (only when the
/// fields are separated by semicolons, as in such files).
pub fn parse_value(text: &str, decimal_comma: bool) -> CellValue {
    let folded = half_width(text);
    let compact: Cow<'_, str> = if folded.chars().any(char::is_whitespace) {
        Cow::Owned(folded.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        folded
    };
    if compact.is_empty() {
        return CellValue::Empty;
    }
    if is_missing_marker(&compact) {
        return CellValue::Missing;
    }
    let mut s = compact.as_ref();
    let mut approx = false;
    for prefix in ["约为", "大约", "约", "~", "≈", "近"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
            approx = true;
            break;
        }
    }
    for suffix in ["左右", "上下"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            approx = true;
            break;
        }
    }
    if s.starts_with(['<', '>', '≤', '≥', '＜', '＞']) || s.ends_with("以上") || s.ends_with("以下") {
        return CellValue::Invalid(Invalid::Inequality);
    }
    // A ratio 1:x (also x:y, read as y/x so that it is "1 to ...").
    if let Some((a, b)) = s.split_once(':') {
        let (Some((a, "")), Some((b, ""))) = (scan_number(a, false), scan_number(b, false)) else {
            return CellValue::Invalid(Invalid::Malformed);
        };
        if a.0 == 0.0 || b.0 == 0.0 || !(b.0 / a.0).is_finite() {
            return CellValue::Invalid(Invalid::Malformed);
        }
        return CellValue::Number(Number {
            value: b.0 / a.0,
            unit: Some(PastedUnit::Ratio),
            approx,
            decimal_comma: false,
        });
    }
    let Some(((value, comma), suffix)) = scan_number(s, decimal_comma) else {
        return CellValue::Invalid(if s.chars().any(|c| c.is_ascii_digit()) {
            Invalid::Malformed
        } else {
            Invalid::NotANumber
        });
    };
    let Some(unit) = value_suffix(suffix) else {
        return CellValue::Invalid(Invalid::UnknownSuffix);
    };
    CellValue::Number(Number { value, unit, approx, decimal_comma: comma })
}

/// Reads a number at the start of `s` (already half-width, no spaces): sign,
/// digits with optional thousands commas, decimals, exponent. Returns the value,
/// whether a decimal comma was read, and the rest of `s`. `None` when `s` does
/// not start with a number or its digits are malformed.
fn scan_number(s: &str, decimal_comma: bool) -> Option<((f64, bool), &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',') {
        i += 1;
    }
    let int_part = &s[int_start..i];
    let mut frac_part = "";
    if i < b.len() && b[i] == b'.' {
        let f0 = i + 1;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_part = &s[f0..i];
    }
    let mut exp_part = "";
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut k = i + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        let d0 = k;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k > d0 {
            exp_part = &s[i..k];
            i = k;
        }
    }
    if !int_part.bytes().any(|b| b.is_ascii_digit()) && frac_part.is_empty() {
        return None;
    }
    if !int_part.contains(',') {
        // The common case: the scanned text is a float literal Rust reads as is
        // (`5.`, `.5`, `+3`, `1.2e3`).
        let value: f64 = s[..i].parse().ok()?;
        return value.is_finite().then_some(((value, false), &s[i..]));
    }
    let int_digits: String = int_part.chars().filter(|c| *c != ',').collect();
    let mut comma = false;
    let mut int_digits = int_digits;
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let thousands = !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
        if !thousands {
            // A decimal comma: one comma, digits on both sides, no point.
            if decimal_comma
                && groups.len() == 2
                && frac_part.is_empty()
                && exp_part.is_empty()
                && !groups[0].is_empty()
                && !groups[1].is_empty()
            {
                comma = true;
                frac_part = groups[1];
                int_digits = groups[0].to_string();
            } else {
                return None;
            }
        }
    }
    let sign = if b.first() == Some(&b'-') { "-" } else { "" };
    let literal = format!(
        "{sign}{}.{}{exp_part}",
        if int_digits.is_empty() { "0" } else { &int_digits },
        if frac_part.is_empty() { "0" } else { frac_part }
    );
    let value: f64 = literal.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(((value, comma), &s[i..]))
}

/// Reads what follows a number in a value cell, more strictly than a unit
/// column: `%`, `‰`, a `/...` per-x unit, or a plain unit word. `Some(None)` is
/// "no unit"; `None` is text we do not read.
fn value_suffix(suffix: &str) -> Option<Option<PastedUnit>> {
    match suffix {
        "" => Some(None),
        "%" => Some(Some(PastedUnit::Percent)),
        "‰" => Some(Some(PastedUnit::PerMille)),
        s if s.starts_with('/') => match parse_unit(s) {
            UnitText::Scaled(u) if u != PastedUnit::Ratio => Some(Some(u)),
            _ => None,
        },
        s if s.chars().all(|c| PLAIN_UNIT_CHARS.contains(c)) => Some(None),
        _ => None,
    }
}

/// Characters that make up plain unit words, which need no conversion.
const PLAIN_UNIT_CHARS: &str = "个人岁年小时分钟秒次天日周月所张名位例床户项元件台间座家对批场篇本条倍班园校";

/// Reads a unit text: a 单位 cell, a bracketed unit after a name, or what
/// follows a number. Per-x units need a `/` or `每` (or ‰, %) so that `万人`
/// (ten thousand people, a multiplier) is not read as "per 10,000".
pub fn parse_unit(text: &str) -> UnitText {
    let folded = half_width(text);
    let s: String = folded
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕'))
        .collect();
    if s.is_empty() {
        return UnitText::None;
    }
    if s.contains('%') || s == "百分比" || s == "百分率" {
        return UnitText::Scaled(PastedUnit::Percent);
    }
    if s.contains('‰') || s == "千分比" || s == "千分率" {
        return UnitText::Scaled(PastedUnit::PerMille);
    }
    if s.starts_with("1:") || s == "比" || s == "1:x" {
        return UnitText::Scaled(PastedUnit::Ratio);
    }
    // "/10万", "1/10万", "每10万", "/100000", "/十万", "/10万活产".
    if let Some(pos) = s.find('/').or_else(|| s.find('每')) {
        let prefix = &s[..pos];
        let rest = &s[pos..];
        let rest = rest.trim_start_matches(['/', '每']);
        // Anything but "1" (or nothing) before the slash is a unit word, as in
        // 个/千人; a number there would be a different quantity.
        let prefix_ok = prefix.is_empty() || prefix == "1" || prefix.chars().all(|c| PLAIN_UNIT_CHARS.contains(c));
        if prefix_ok {
            let per = if rest.starts_with("10万")
                || rest.starts_with("十万")
                || rest.starts_with("100000")
                || rest.starts_with("100,000")
            {
                Some(PastedUnit::Per100k)
            } else if rest.starts_with("万")
                || rest.starts_with("1万")
                || rest.starts_with("一万")
                || rest.starts_with("10000")
                || rest.starts_with("10,000")
            {
                Some(PastedUnit::Per10k)
            } else if rest.starts_with("千")
                || rest.starts_with("1000")
                || rest.starts_with("1,000")
                || rest.starts_with("一千")
            {
                Some(PastedUnit::PerMille)
            } else if rest.starts_with("百") || rest.starts_with("100") {
                Some(PastedUnit::Percent)
            } else {
                None
            };
            if let Some(per) = per {
                return UnitText::Scaled(per);
            }
        }
    }
    let words: String = s.chars().filter(|c| *c != '/').collect();
    if !words.is_empty() && words.chars().all(|c| PLAIN_UNIT_CHARS.contains(c)) {
        return UnitText::Plain;
    }
    UnitText::Unknown
}

/// Reads a year written as `2021`, `2021年`, `2021年度` or `２０２１ 年`, with
/// or without a remark in brackets after it (`2023年（快报）`). Any four-digit
/// number is returned; the caller checks the range.
pub fn parse_year(text: &str) -> Option<i32> {
    let trimmed = text.trim();
    if trimmed.is_ascii() && !trimmed.ends_with(')') {
        // Most year cells: plain ASCII digits, no allocation needed.
        let s = trimmed.strip_suffix(".0").unwrap_or(trimmed);
        return (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten();
    }
    let folded = half_width(text);
    let s: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    let s = match (s.ends_with(')'), s.find('(')) {
        (true, Some(open)) => &s[..open],
        _ => s.as_str(),
    };
    let s = s.strip_suffix("年度").or_else(|| s.strip_suffix('年')).unwrap_or(s);
    let s = s.strip_suffix(".0").unwrap_or(s);
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Whether a cell looks like a year heading, for layout detection: four digits
/// from 1900 to 2199, with the suffixes [`parse_year`] reads.
pub fn looks_like_year(text: &str) -> bool {
    parse_year(text).is_some_and(|y| (1900..=2199).contains(&y))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected` is `"98 %"`-like: value, then the unit symbol if any, then `~`
    /// for approximate; or `missing`, `empty`, `invalid`.
    fn check(text: &str, expected: &str) {
        let got = match parse_value(text, true) {
            CellValue::Empty => "empty".to_string(),
            CellValue::Missing => "missing".to_string(),
            CellValue::Invalid(_) => "invalid".to_string(),
            CellValue::Number(n) => {
                let mut s = format!("{}", n.value);
                if let Some(u) = n.unit {
                    s.push(' ');
                    s.push_str(u.symbol());
                }
                if n.approx {
                    s.push_str(" ~");
                }
                s
            }
        };
        assert_eq!(got, expected, "reading {text:?}");
    }

    #[test]
    fn reads_the_forms_staff_type() {
        check("98", "98");
        check("98%", "98 %");
        check("98.0 %", "98 %");
        check("９８％", "98 %");
        check("３.６", "3.6");
        check("３．６", "3.6");
        check("7.5/10万", "7.5 /10万");
        check("7.5/100000", "7.5 /10万");
        check("7.5 /10 万", "7.5 /10万");
        check("2‰", "2 ‰");
        check("3/万", "3 /万");
        check("1:1.5", "1.5 1:x");
        check("1：1.5", "1.5 1:x");
        check("2:3", "1.5 1:x");
        check("1,234", "1234");
        check("1,234.5", "1234.5");
        check("12,345,678", "12345678");
        check("约45%", "45 % ~");
        check("45%左右", "45 % ~");
        check("-0.3", "-0.3");
        check("−0.3", "-0.3");
        check("1.2e3", "1200");
        check("1.2E-1", "0.12");
        check(".5", "0.5");
        check("5.", "5");
        check("+3", "3");
        check(" 12 ", "12");
        check("3,6", "3.6");
        check("12岁", "12");
        check("4.08个", "4.08");
    }

    #[test]
    fn missing_markers_are_not_zero() {
        for text in ["-", "—", "…", "/", "NA", "n/a", "无", "暂无", "未统计", "——", "－", "／", " - "] {
            check(text, "missing");
        }
        check("", "empty");
        check("   ", "empty");
    }

    #[test]
    fn rejects_what_is_not_a_value() {
        for text in [
            "abc", "1,23", "1.2.3", "<5", "≥90", "90以上", "1:0", "12kg", "1:", ":2", "e5", "-", "inf", "NaN", "1e999",
            "9%%x",
        ] {
            let v = parse_value(text, false);
            assert!(matches!(v, CellValue::Invalid(_) | CellValue::Missing), "{text:?} read as {v:?}");
        }
    }

    fn check_unit(text: &str, expected: UnitText) {
        assert_eq!(parse_unit(text), expected, "unit {text:?}");
    }

    #[test]
    fn reads_unit_texts() {
        use PastedUnit::*;
        check_unit("%", UnitText::Scaled(Percent));
        check_unit("‰", UnitText::Scaled(PerMille));
        check_unit("1/10万", UnitText::Scaled(Per100k));
        check_unit("/10万", UnitText::Scaled(Per100k));
        check_unit("（1/10万）", UnitText::Scaled(Per100k));
        check_unit("/万", UnitText::Scaled(Per10k));
        check_unit("/千人", UnitText::Scaled(PerMille));
        check_unit("个/千人", UnitText::Scaled(PerMille));
        check_unit("/千名儿童", UnitText::Scaled(PerMille));
        check_unit("1:x", UnitText::Scaled(Ratio));
        check_unit("个", UnitText::Plain);
        check_unit("岁", UnitText::Plain);
        check_unit("小时/天", UnitText::Plain);
        check_unit("次/年", UnitText::Plain);
        check_unit("分钟", UnitText::Plain);
        check_unit("", UnitText::None);
        check_unit("万人", UnitText::Unknown);
        check_unit("kg", UnitText::Unknown);
    }

    #[test]
    fn reads_years() {
        assert_eq!(parse_year("2021"), Some(2021));
        assert_eq!(parse_year("2021年"), Some(2021));
        assert_eq!(parse_year("2021年度"), Some(2021));
        assert_eq!(parse_year("２０２１ 年"), Some(2021));
        assert_eq!(parse_year("2021.0"), Some(2021));
        assert_eq!(parse_year("21"), None);
        assert_eq!(parse_year("2021年目标"), None);
        assert_eq!(parse_year("2023年（快报）"), Some(2023));
        assert_eq!(parse_year("2023 (preliminary)"), Some(2023));
        assert_eq!(parse_year("(2023)"), None);
        assert!(looks_like_year("1999"));
        assert!(!looks_like_year("1234"));
    }
}
