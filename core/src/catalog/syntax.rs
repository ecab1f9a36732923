//! A small reader for the TOML of catalog files, keeping the byte span of every
//! key and value so that each problem can be reported at its line.
//!
//! **Why not a TOML crate:** the page links this reader (the plans' catalog and
//! users' own are read at run time), and the page has a 300 KB gzip budget with
//! almost nothing to spare. Measured in the page (`cargo xtask dist`): `toml` 0.8
//! with serde cost 56 KB gzip, `toml` 0.9 50 KB, `toml-span` 0.7 (the smallest
//! span-keeping parser found) 18 KB; this reader costs about 6 KB. It reads the
//! TOML a catalog is written in, and the tests compare it with the `toml` crate
//! on the seed files and on generated documents (`proptests` below), so a file
//! that `toml` reads one way is never read another way here.
//!
//! **What it reads:** comments; `key = value` lines with bare, quoted and dotted
//! keys; `[table]` and `[[array-of-tables]]` headers (single or dotted names);
//! basic, literal and multi-line strings with every TOML escape; decimal, hex,
//! octal and binary integers; floats with exponents, `inf` and `nan`; booleans;
//! arrays and inline tables, over several lines with comments and a trailing
//! comma (as TOML 1.1 allows). **What it refuses, with a located message:**
//! dates and times (no catalog field takes one), and anything that is not TOML.

use std::ops::Range;

/// A parsed value with the byte range it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: Kind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Array(Vec<Value>),
    Table(Table),
}

/// A table's entries in the order written (tables here are small, and order
/// keeps messages in reading order).
pub type Table = Vec<(Key, Value)>;

/// A key with the byte range of its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Range<usize>,
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number, whether written as an integer or a float.
    pub fn as_number(&self) -> Option<f64> {
        match self.kind {
            Kind::Float(f) => Some(f),
            #[allow(clippy::cast_precision_loss)] // catalog numbers are far below 2^53
            Kind::Integer(i) => Some(i as f64),
            _ => None,
        }
    }

    pub fn as_integer(&self) -> Option<i64> {
        match self.kind {
            Kind::Integer(i) => Some(i),
            _ => None,
        }
    }
}

/// Why a text is not TOML, at a byte offset.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// Something other than what the grammar allows here; `expected` in English.
    Expected {
        expected: &'static str,
        found: String,
    },
    UnquotedText,
    UnterminatedString,
    BadEscape(String),
    ControlCharacter(char),
    BadNumber(String),
    Date,
    DuplicateKey(String),
    /// A key that would need an existing value to be a table.
    NotATable(String),
}

impl ErrorKind {
    pub fn en(&self) -> String {
        match self {
            ErrorKind::Expected { expected, found } => format!("expected {expected}, found {found}"),
            ErrorKind::UnquotedText => "text must be in quotes: \"…\"".to_string(),
            ErrorKind::UnterminatedString => "a string has no closing quote (strings end on their line)".to_string(),
            ErrorKind::BadEscape(e) => format!("invalid escape {e} in a string"),
            ErrorKind::ControlCharacter(c) => format!("control character {} in a string", c.escape_unicode()),
            ErrorKind::BadNumber(n) => format!("invalid number {n}"),
            ErrorKind::Date => "dates and times are not used in catalog files".to_string(),
            ErrorKind::DuplicateKey(k) => format!("duplicate key `{k}`"),
            ErrorKind::NotATable(k) => format!("`{k}` is already a value, not a table"),
        }
    }

    pub fn zh(&self) -> String {
        match self {
            ErrorKind::Expected { expected, found } => format!("此处应为 {expected}，却是 {found}"),
            ErrorKind::UnquotedText => "文本要写在引号中：\"…\"".to_string(),
            ErrorKind::UnterminatedString => "文本缺少结尾的引号（引号内不能换行）".to_string(),
            ErrorKind::BadEscape(e) => format!("文本中的转义 {e} 无效"),
            ErrorKind::ControlCharacter(c) => format!("文本中有控制字符 {}", c.escape_unicode()),
            ErrorKind::BadNumber(n) => format!("数字 {n} 写法无效"),
            ErrorKind::Date => "目录文件不使用日期或时间".to_string(),
            ErrorKind::DuplicateKey(k) => format!("字段「{k}」重复"),
            ErrorKind::NotATable(k) => format!("「{k}」已是一个值，不能再作为表"),
        }
    }
}

/// Parses a whole document into its root table.
pub fn parse(text: &str) -> Result<Value, Error> {
    // A byte-order mark, as Windows editors write, is not part of the text.
    let i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut p = Parser { s: text.as_bytes(), text, i };
    let mut root: Table = Vec::new();
    // The table that `key = value` lines go into, as the path of keys of the
    // last header (an array of tables stands for its last element).
    let mut current: Vec<Key> = Vec::new();
    loop {
        p.skip_blank_lines_and_comments();
        let Some(c) = p.peek() else { break };
        if c == b'[' {
            current = p.header(&mut root)?;
        } else {
            let (path, value) = p.keyval()?;
            let table = walk_or_make(&mut root, &current)?;
            insert(table, path, value)?;
        }
        p.end_of_line()?;
    }
    Ok(Value { kind: Kind::Table(root), span: 0..text.len() })
}

/// Inserts `value` under a dotted key path, making the intermediate tables.
fn insert(table: &mut Table, mut path: Vec<Key>, value: Value) -> Result<(), Error> {
    let last = path.pop().expect("a key has at least one part");
    let mut table = table;
    for key in path {
        let (name, at) = (key.name.clone(), key.span.start);
        let index = match table.iter().position(|(k, _)| k.name == key.name) {
            Some(i) => i,
            None => {
                let span = key.span.clone();
                table.push((key, Value { kind: Kind::Table(Vec::new()), span }));
                table.len() - 1
            }
        };
        table = match &mut table[index].1.kind {
            Kind::Table(t) => t,
            _ => return Err(Error { kind: ErrorKind::NotATable(name), at }),
        };
    }
    if table.iter().any(|(k, _)| k.name == last.name) {
        return Err(Error { kind: ErrorKind::DuplicateKey(last.name), at: last.span.start });
    }
    table.push((last, value));
    Ok(())
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn starts_with(&self, prefix: &str) -> bool {
        self.s[self.i..].starts_with(prefix.as_bytes())
    }

    /// What is at the cursor, for a message: the rest of the line, shortened.
    fn found(&self) -> String {
        let rest = &self.text[self.i..];
        let line = rest.split(['\n', '\r']).next().unwrap_or("");
        if line.is_empty() {
            return if rest.is_empty() { "the end of the text".into() } else { "the end of the line".into() };
        }
        let short: String = line.chars().take(20).collect();
        format!("`{short}`")
    }

    fn expected<T>(&self, expected: &'static str) -> Result<T, Error> {
        Err(Error { kind: ErrorKind::Expected { expected, found: self.found() }, at: self.i })
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some(b'#') {
            while !matches!(self.peek(), None | Some(b'\n')) {
                self.i += 1;
            }
        }
    }

    /// Spaces, newlines and comments (inside arrays and inline tables).
    fn skip_blank_lines_and_comments(&mut self) {
        loop {
            self.skip_spaces();
            self.skip_comment();
            if !(self.eat(b'\n') || self.starts_with("\r\n") && self.eat(b'\r') && self.eat(b'\n')) {
                return;
            }
        }
    }

    /// After a line's content: spaces, maybe a comment, then a newline or the end.
    fn end_of_line(&mut self) -> Result<(), Error> {
        self.skip_spaces();
        self.skip_comment();
        if self.peek().is_none() || self.eat(b'\n') || (self.starts_with("\r\n") && self.eat(b'\r') && self.eat(b'\n'))
        {
            return Ok(());
        }
        self.expected("a new line")
    }

    /// `[name]` or `[[name]]`: creates the table (or appends one to the array)
    /// and returns its path.
    fn header(&mut self, root: &mut Table) -> Result<Vec<Key>, Error> {
        let start = self.i;
        self.i += 1;
        let array = self.eat(b'[');
        self.skip_spaces();
        let path = self.key()?;
        self.skip_spaces();
        if !self.eat(b']') || (array && !self.eat(b']')) {
            return self.expected(if array { "`]]`" } else { "`]`" });
        }
        let span = start..self.i;
        let (last, parents) = path.split_last().expect("a key has at least one part");
        let parent = walk_or_make(root, parents)?;
        let existing = parent.iter_mut().find(|(k, _)| k.name == last.name).map(|(_, v)| v);
        let table = Value { kind: Kind::Table(Vec::new()), span: span.clone() };
        match (existing, array) {
            (None, false) => parent.push((last.clone(), table)),
            (None, true) => parent.push((last.clone(), Value { kind: Kind::Array(vec![table]), span })),
            (Some(Value { kind: Kind::Array(items), .. }), true) => items.push(table),
            (Some(_), _) => {
                let name = path.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join(".");
                return Err(Error { kind: ErrorKind::DuplicateKey(name), at: last.span.start });
            }
        }
        Ok(path)
    }

    /// A key: one or more parts joined by dots.
    fn key(&mut self) -> Result<Vec<Key>, Error> {
        let mut parts = Vec::new();
        loop {
            self.skip_spaces();
            let start = self.i;
            let name = match self.peek() {
                Some(b'"') => self.basic_string()?,
                Some(b'\'') => self.literal_string()?,
                _ => {
                    while matches!(self.peek(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')) {
                        self.i += 1;
                    }
                    if self.i == start {
                        return self.expected("a key");
                    }
                    self.text[start..self.i].to_string()
                }
            };
            parts.push(Key { name, span: start..self.i });
            self.skip_spaces();
            if !self.eat(b'.') {
                return Ok(parts);
            }
        }
    }

    fn keyval(&mut self) -> Result<(Vec<Key>, Value), Error> {
        let key = self.key()?;
        if !self.eat(b'=') {
            return self.expected("`=`");
        }
        self.skip_spaces();
        Ok((key, self.value()?))
    }

    fn value(&mut self) -> Result<Value, Error> {
        let start = self.i;
        let kind = match self.peek() {
            Some(b'"') if self.starts_with("\"\"\"") => Kind::String(self.multiline_basic()?),
            Some(b'"') => Kind::String(self.basic_string()?),
            Some(b'\'') if self.starts_with("'''") => Kind::String(self.multiline_literal()?),
            Some(b'\'') => Kind::String(self.literal_string()?),
            Some(b'[') => Kind::Array(self.array()?),
            Some(b'{') => Kind::Table(self.inline_table()?),
            Some(b't') if self.word() == "true" => {
                self.i += 4;
                Kind::Boolean(true)
            }
            Some(b'f') if self.word() == "false" => {
                self.i += 5;
                Kind::Boolean(false)
            }
            Some(b'0'..=b'9' | b'+' | b'-') => self.number()?,
            Some(b'i' | b'n') if matches!(self.word(), "inf" | "nan") => self.number()?,
            None => return self.expected("a value"),
            Some(_) if self.word().is_empty() => return self.expected("a value"),
            Some(_) => return Err(Error { kind: ErrorKind::UnquotedText, at: start }),
        };
        Ok(Value { kind, span: start..self.i })
    }

    /// The run of characters that could make up a bare value (a number, a word).
    fn word(&self) -> &str {
        let rest = &self.text[self.i..];
        let end = rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#')).unwrap_or(rest.len());
        &rest[..end]
    }

    fn number(&mut self) -> Result<Kind, Error> {
        let start = self.i;
        let word = self.word().to_string();
        let bad = |at| Err(Error { kind: ErrorKind::BadNumber(word.clone()), at });
        // A date or a time (1979-05-27, 07:32:00) starts like a number.
        let date = word.len() >= 5 && word.as_bytes()[..4].iter().all(u8::is_ascii_digit) && word.as_bytes()[4] == b'-';
        if date || (word.len() >= 3 && word.as_bytes()[2] == b':' && word.as_bytes()[0].is_ascii_digit()) {
            return Err(Error { kind: ErrorKind::Date, at: start });
        }
        self.i += word.len();
        let unsigned = word.strip_prefix(['+', '-']).unwrap_or(&word);
        let negative = word.starts_with('-');
        if matches!(unsigned, "inf" | "nan") {
            let value = if unsigned == "nan" { f64::NAN } else { f64::INFINITY };
            return Ok(Kind::Float(if negative { -value } else { value }));
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(digits) = word.strip_prefix(prefix) {
                if !underscores_between_digits(digits, radix) {
                    return bad(start);
                }
                return i64::from_str_radix(&digits.replace('_', ""), radix).map(Kind::Integer).or_else(|_| bad(start));
            }
        }
        let float = unsigned.contains(['.', 'e', 'E']);
        if !valid_decimal(unsigned, float) {
            return bad(start);
        }
        let digits = word.replace('_', "");
        if float {
            digits.parse().map(Kind::Float).or_else(|_| bad(start))
        } else {
            digits.parse().map(Kind::Integer).or_else(|_| bad(start))
        }
    }

    fn array(&mut self) -> Result<Vec<Value>, Error> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.skip_blank_lines_and_comments();
            if self.eat(b']') {
                return Ok(items);
            }
            items.push(self.value()?);
            self.skip_blank_lines_and_comments();
            if self.eat(b']') {
                return Ok(items);
            }
            if !self.eat(b',') {
                return self.expected("`,` or `]`");
            }
        }
    }

    fn inline_table(&mut self) -> Result<Table, Error> {
        self.i += 1;
        let mut table = Vec::new();
        loop {
            self.skip_blank_lines_and_comments();
            if self.eat(b'}') {
                return Ok(table);
            }
            let (key, value) = self.keyval()?;
            insert(&mut table, key, value)?;
            self.skip_blank_lines_and_comments();
            if self.eat(b'}') {
                return Ok(table);
            }
            if !self.eat(b',') {
                return self.expected("`,` or `}`");
            }
        }
    }

    fn literal_string(&mut self) -> Result<String, Error> {
        let start = self.i;
        self.i += 1;
        let rest = &self.text[self.i..];
        let end = find_byte(rest, |b| matches!(b, b'\'' | b'\n')).filter(|&e| rest.as_bytes()[e] == b'\'');
        let Some(end) = end else { return Err(Error { kind: ErrorKind::UnterminatedString, at: start }) };
        let s = &rest[..end];
        check_controls(s, self.i, false)?;
        self.i += end + 1;
        Ok(s.to_string())
    }

    fn multiline_literal(&mut self) -> Result<String, Error> {
        let start = self.i;
        self.i += 3;
        let rest = &self.text[self.i..];
        let Some(end) = closing(rest, "'''") else {
            return Err(Error { kind: ErrorKind::UnterminatedString, at: start });
        };
        let body = &rest[..end];
        check_controls(body, self.i, true)?;
        self.i += end + 3;
        Ok(trim_first_newline(body).to_string())
    }

    fn basic_string(&mut self) -> Result<String, Error> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.i..];
            let Some(stop) = find_byte(rest, |b| matches!(b, b'"' | b'\\' | b'\n')) else {
                return Err(Error { kind: ErrorKind::UnterminatedString, at: start });
            };
            check_controls(&rest[..stop], self.i, false)?;
            out.push_str(&rest[..stop]);
            self.i += stop;
            match self.s[self.i] {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => self.escape(&mut out)?,
                _ => return Err(Error { kind: ErrorKind::UnterminatedString, at: start }),
            }
        }
    }

    fn multiline_basic(&mut self) -> Result<String, Error> {
        let start = self.i;
        self.i += 3;
        if self.starts_with("\r\n") {
            self.i += 2;
        } else {
            self.eat(b'\n');
        }
        let mut out = String::new();
        loop {
            let rest = &self.text[self.i..];
            let Some(stop) = find_byte(rest, |b| matches!(b, b'"' | b'\\')) else {
                return Err(Error { kind: ErrorKind::UnterminatedString, at: start });
            };
            check_controls(&rest[..stop], self.i, true)?;
            out.push_str(&rest[..stop]);
            self.i += stop;
            if self.s[self.i] == b'\\' {
                // A backslash at the end of a line joins it to the next
                // non-blank character.
                let after = &self.text[self.i + 1..];
                let blank = after.len() - after.trim_start_matches([' ', '\t']).len();
                if matches!(after.as_bytes().get(blank), Some(b'\n' | b'\r')) {
                    self.i += 1 + blank;
                    let skipped = self.text[self.i..].len() - self.text[self.i..].trim_start().len();
                    self.i += skipped;
                } else {
                    self.escape(&mut out)?;
                }
                continue;
            }
            // Up to two quotes may end the content right before the closing three.
            let quotes = self.s[self.i..].iter().take_while(|&&c| c == b'"').count();
            if quotes >= 3 {
                let extra = (quotes - 3).min(2);
                out.push_str(&"\"\""[..extra]);
                self.i += 3 + extra;
                return Ok(out);
            }
            out.push_str(&self.text[self.i..self.i + quotes]);
            self.i += quotes;
        }
    }

    /// One escape sequence at the cursor (a backslash), appended to `out`.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let at = self.i;
        self.i += 1;
        let Some(c) = self.peek() else { return Err(Error { kind: ErrorKind::UnterminatedString, at }) };
        self.i += 1;
        let simple = match c {
            b'b' => Some('\u{8}'),
            b't' => Some('\t'),
            b'n' => Some('\n'),
            b'f' => Some('\u{c}'),
            b'r' => Some('\r'),
            b'e' => Some('\u{1b}'),
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
            return Ok(());
        }
        let digits = match c {
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => 0,
        };
        let hex = self.text.get(self.i..self.i + digits).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let ch = hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32);
        match ch {
            Some(ch) if digits > 0 => {
                self.i += digits;
                out.push(ch);
                Ok(())
            }
            _ => {
                let excerpt = self.text[at..].chars().take(2 + digits).take_while(|&c| !matches!(c, '"' | '\n'));
                Err(Error { kind: ErrorKind::BadEscape(excerpt.collect()), at })
            }
        }
    }
}

/// The table at `path`, made if missing (`[a.b]` makes `a`); an array of
/// tables stands for its last element.
fn walk_or_make<'t>(root: &'t mut Table, path: &[Key]) -> Result<&'t mut Table, Error> {
    let mut table = root;
    for key in path {
        let index = match table.iter().position(|(k, _)| k.name == key.name) {
            Some(i) => i,
            None => {
                table.push((key.clone(), Value { kind: Kind::Table(Vec::new()), span: key.span.clone() }));
                table.len() - 1
            }
        };
        let value = &mut table[index].1;
        table = match &mut value.kind {
            Kind::Table(t) => t,
            Kind::Array(items) => match items.last_mut().map(|v| &mut v.kind) {
                Some(Kind::Table(t)) => t,
                _ => return Err(Error { kind: ErrorKind::NotATable(key.name.clone()), at: key.span.start }),
            },
            _ => return Err(Error { kind: ErrorKind::NotATable(key.name.clone()), at: key.span.start }),
        };
    }
    Ok(table)
}

/// Where `close` ends a multi-line string body (up to two quote characters may
/// precede it inside the content).
fn closing(rest: &str, close: &str) -> Option<usize> {
    let first = rest.find(close)?;
    let q = close.as_bytes()[0];
    let run = rest.as_bytes()[first..].iter().take_while(|&&c| c == q).count();
    Some(first + (run - 3).min(2))
}

fn trim_first_newline(s: &str) -> &str {
    s.strip_prefix("\r\n").or_else(|| s.strip_prefix('\n')).unwrap_or(s)
}

/// Strings may not hold control characters other than tab (and, in multi-line
/// strings, line breaks).
fn check_controls(s: &str, base: usize, multiline: bool) -> Result<(), Error> {
    let bad = |c: char| (c < ' ' && c != '\t' && !(multiline && matches!(c, '\n' | '\r'))) || c == '\u{7f}';
    // Every control character is ASCII, so a byte scan finds them (and is
    // much faster than decoding characters).
    match s.bytes().position(|b| bad(char::from(b))) {
        Some(i) => Err(Error { kind: ErrorKind::ControlCharacter(char::from(s.as_bytes()[i])), at: base + i }),
        None => Ok(()),
    }
}

/// The first byte of `s` that `hit` accepts. The bytes sought are ASCII, which
/// never occur inside a multi-byte UTF-8 character, so the index is a character
/// boundary; scanning bytes avoids decoding every character.
fn find_byte(s: &str, hit: impl Fn(u8) -> bool) -> Option<usize> {
    s.bytes().position(hit)
}

/// `digits` in `radix`, with each underscore between two digits.
fn underscores_between_digits(digits: &str, radix: u32) -> bool {
    let b = digits.as_bytes();
    !b.is_empty()
        && b.iter().enumerate().all(|(i, &c)| {
            (c as char).is_digit(radix)
                || (c == b'_' && i > 0 && i + 1 < b.len() && b[i - 1] != b'_' && (b[i + 1] as char).is_digit(radix))
        })
}

/// A decimal integer or float as TOML writes them: no leading zeros, digits on
/// both sides of a dot, underscores only between digits.
fn valid_decimal(s: &str, float: bool) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(e) => (&s[..e], Some(&s[e + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let int_ok = underscores_between_digits(int, 10) && !(int.len() > 1 && int.starts_with('0'));
    let frac_ok = frac.is_none_or(|f| underscores_between_digits(f, 10));
    let exp_ok = exponent.is_none_or(|e| underscores_between_digits(e.strip_prefix(['+', '-']).unwrap_or(e), 10));
    int_ok && frac_ok && exp_ok && (float || (frac.is_none() && exponent.is_none()))
}

// The path is explicit because core/build.rs includes this file with `#[path]`.
#[cfg(test)]
#[path = "syntax/tests.rs"]
mod tests;
