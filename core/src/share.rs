//! The page's URL fragment: a share link (`#s=` and the session, gzipped by
//! the browser, in base64url) or an embed request (`#embed&plan=children&
//! domain=儿童与健康&ids=C-HEALTH-01,C-HEALTH-02&lang=zh`).
//!
//! The fragment never leaves the browser (it is not sent with any request), so
//! a link can carry the user's figures without them reaching a server. This
//! module owns the pure half of reading and writing it: base64url, the
//! parameters, and located errors for a damaged link. Compression is the
//! browser's (`CompressionStream`), so the page links no deflate code.

use crate::catalog::Plan;
use crate::format::Lang;

/// The fragment prefix of a share link.
pub const SHARE_PREFIX: &str = "#s=";

/// What a URL fragment asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Fragment {
    /// Nothing this page reads.
    None,
    /// A share link's payload (base64url of the gzipped session JSON).
    Share(String),
    /// The compact view for an iframe.
    Embed(EmbedOptions),
}

/// Which indicators an embedded view shows, and in what language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmbedOptions {
    pub plan: Option<Plan>,
    pub domain: Option<String>,
    /// Indicator ids; empty means every indicator that passes the other filters.
    pub ids: Vec<String>,
    pub lang: Option<Lang>,
    /// Parameters that were not understood, as given, so the view can say so.
    pub unknown: Vec<String>,
}

impl EmbedOptions {
    /// Whether an indicator of `plan` and `domain` with `id` is shown.
    pub fn shows(&self, plan: Plan, domain: &str, id: &str) -> bool {
        self.plan.is_none_or(|p| p == plan)
            && self.domain.as_deref().is_none_or(|d| d == domain)
            && (self.ids.is_empty() || self.ids.iter().any(|i| i == id))
    }
}

/// Reads a fragment as `location.hash` gives it (with or without the `#`,
/// non-ASCII characters percent-encoded or not).
pub fn parse_fragment(hash: &str) -> Fragment {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    if let Some(payload) = hash.strip_prefix("s=") {
        return Fragment::Share(payload.to_string());
    }
    let mut params = hash.split('&');
    if params.next() != Some("embed") {
        return Fragment::None;
    }
    let mut options = EmbedOptions::default();
    for param in params.filter(|p| !p.is_empty()) {
        let (key, value) = param.split_once('=').unwrap_or((param, ""));
        let value = percent_decode(value);
        match key {
            "plan" if value == "women" => options.plan = Some(Plan::Women),
            "plan" if value == "children" => options.plan = Some(Plan::Children),
            "domain" if !value.is_empty() => options.domain = Some(value),
            "ids" => {
                options.ids = value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
            }
            "lang" if value == "zh" => options.lang = Some(Lang::Zh),
            "lang" if value == "en" => options.lang = Some(Lang::En),
            _ => options.unknown.push(percent_decode(param)),
        }
    }
    Fragment::Embed(options)
}

/// `%XX` escapes decoded as UTF-8 (and `+` kept as is, since fragments are not
/// form data); a malformed escape or invalid UTF-8 is kept literally rather
/// than refused, so a hand-typed link still works.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Bytes as base64url without padding (RFC 4648 §5), safe in a URL fragment.
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url (padding and whitespace tolerated, as mail clients add
/// line breaks to long links). The error says where the link is damaged.
pub fn decode_base64url(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits, mut count) = (0u32, 0u32, 0usize);
    for (position, c) in text.chars().enumerate() {
        let v = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '-' | '+' => 62,
            '_' | '/' => 63,
            '=' | ' ' | '\n' | '\r' | '\t' => continue,
            _ => return Err(ShareError::BadCharacter { position: position + 1, found: c }),
        };
        count += 1;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if count == 0 {
        return Err(ShareError::Empty);
    }
    if count % 4 == 1 {
        return Err(ShareError::Truncated { length: count });
    }
    Ok(out)
}

/// A character for a message: itself in quotes when visible ASCII, else its
/// code point (`U+00A0`), which no font can hide.
fn shown(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("'{c}'")
    } else {
        format!("U+{:04X}", u32::from(c))
    }
}

/// Why a share link cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShareError {
    #[error("the link carries no data after #s=")]
    Empty,
    #[error("the link is damaged at character {position} of the data: {} cannot appear in it", shown(*found))]
    BadCharacter { position: usize, found: char },
    #[error("the link is cut short: {length} characters of data cannot be complete")]
    Truncated { length: usize },
    #[error("the link unpacks to more than {} MB, more than any session; it was not opened", MAX_INFLATED / (1024 * 1024))]
    TooLarge,
    #[error("the link's data is not text (UTF-8)")]
    NotText,
}

/// The largest a share link's session may be once inflated (README
/// "Limits"). Checked while inflating, chunk by chunk, so a small link that
/// inflates to 100 MB is refused before it is held.
pub const MAX_INFLATED: usize = 2 * 1024 * 1024;

/// The inflated bytes of a share link, gathered chunk by chunk as the
/// browser's `DecompressionStream` gives them, refused as soon as they pass
/// [`MAX_INFLATED`].
#[derive(Debug, Default)]
pub struct Inflated {
    bytes: Vec<u8>,
}

impl Inflated {
    /// Adds one chunk; an error as soon as the total passes the limit (the
    /// chunk is not kept, so at most the limit is ever held).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ShareError> {
        if self.bytes.len() + chunk.len() > MAX_INFLATED {
            self.bytes = Vec::new();
            return Err(ShareError::TooLarge);
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The session text.
    pub fn finish(self) -> Result<String, ShareError> {
        String::from_utf8(self.bytes).map_err(|_| ShareError::NotText)
    }
}

impl ShareError {
    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            ShareError::Empty => "链接中 #s= 之后没有数据".to_string(),
            ShareError::BadCharacter { position, found } => {
                format!("链接在数据的第 {position} 个字符处损坏：不应出现 {}", shown(*found))
            }
            ShareError::Truncated { length } => format!("链接不完整：{length} 个字符的数据被截断"),
            ShareError::TooLarge => {
                format!("链接解压后超过 {} MB，超出任何会话的大小，未打开", MAX_INFLATED / (1024 * 1024))
            }
            ShareError::NotText => "链接中的数据不是文本（UTF-8）".to_string(),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.message_zh(),
            Lang::En => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(hash: &str, expected: &str) {
        assert_eq!(format!("{:?}", parse_fragment(hash)), expected, "{hash}");
    }

    #[test]
    fn inflating_stops_at_the_limit() {
        let mut inflated = Inflated::default();
        let chunk = vec![b' '; 64 * 1024];
        let mut pushed = 0;
        let err = loop {
            match inflated.push(&chunk) {
                Ok(()) => pushed += chunk.len(),
                Err(e) => break e,
            }
            assert!(pushed <= MAX_INFLATED, "never holds more than the limit");
        };
        assert_eq!(err, ShareError::TooLarge);
        assert!(err.to_string().contains("2 MB") && err.message_zh().contains("2 MB"));
        let mut ok = Inflated::default();
        ok.push("{\"format_version\": 1}".as_bytes()).unwrap();
        assert_eq!(ok.finish().unwrap(), "{\"format_version\": 1}");
        let mut bad = Inflated::default();
        bad.push(&[0xff, 0xfe]).unwrap();
        assert_eq!(bad.finish(), Err(ShareError::NotText));
    }

    #[test]
    fn fragments_are_read() {
        check("", "None");
        check("#top", "None");
        check("#s=H4sI", r#"Share("H4sI")"#);
        check("#embed", r#"Embed(EmbedOptions { plan: None, domain: None, ids: [], lang: None, unknown: [] })"#);
        check(
            "#embed&plan=children&domain=%E5%84%BF%E7%AB%A5%E4%B8%8E%E5%81%A5%E5%BA%B7&ids=C-HEALTH-01,%20C-HEALTH-02&lang=zh",
            r#"Embed(EmbedOptions { plan: Some(Children), domain: Some("儿童与健康"), ids: ["C-HEALTH-01", "C-HEALTH-02"], lang: Some(Zh), unknown: [] })"#,
        );
        check(
            "embed&domain=儿童与健康&plan=men&x&lang=fr",
            r#"Embed(EmbedOptions { plan: None, domain: Some("儿童与健康"), ids: [], lang: None, unknown: ["plan=men", "x", "lang=fr"] })"#,
        );
    }

    #[test]
    fn embed_options_filter() {
        let Fragment::Embed(o) = parse_fragment("#embed&plan=children&ids=C-HEALTH-01") else { panic!() };
        assert!(o.shows(Plan::Children, "儿童与健康", "C-HEALTH-01"));
        assert!(!o.shows(Plan::Children, "儿童与健康", "C-HEALTH-02"));
        assert!(!o.shows(Plan::Women, "儿童与健康", "C-HEALTH-01"));
    }

    #[test]
    fn percent_decoding_keeps_what_it_cannot_read() {
        assert_eq!(percent_decode("a%20b%2Cc"), "a b,c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%E5"), "%zz%E5");
    }

    #[test]
    fn base64url_matches_rfc4648() {
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_base64url(bytes.as_bytes()), text);
            if !text.is_empty() {
                assert_eq!(decode_base64url(text).unwrap(), bytes.as_bytes());
            }
        }
        assert_eq!(encode_base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode_base64url("-_8=\n").unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn damaged_links_say_where() {
        let check = |text: &str, expected: &str| assert_eq!(decode_base64url(text).unwrap_err().to_string(), expected);
        check("", "the link carries no data after #s=");
        check("Zm9v*mFy", "the link is damaged at character 5 of the data: '*' cannot appear in it");
        check("Zm9vY", "the link is cut short: 5 characters of data cannot be complete");
        assert_eq!(decode_base64url("Zm9v*").unwrap_err().message_zh(), "链接在数据的第 5 个字符处损坏：不应出现 '*'");
    }
}
