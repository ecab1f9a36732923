//! Bytes -> text, for files read from disk (the CLI, the app's file picker).
//!
//! This module owns which encodings are read: UTF-8 with or without a
//! byte-order mark, and UTF-16 with a byte-order mark (what Excel writes as
//! "Unicode text"). GBK/GB18030 files (Excel's plain "CSV" on a Chinese system)
//! are recognised as "not UTF-8" and reported with the way out, rather than read
//! through a large encoding table the page would have to carry; the browser's
//! own decoder can read them before calling [`super::parse`].

use std::borrow::Cow;

use thiserror::Error;

use super::diagnostic::{Code, Diagnostic, Severity};

/// Why a file's bytes are not text we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// Binary data: NUL bytes, mostly control characters, broken UTF-16.
    #[error("the file is not text (binary data)")]
    NotText,
    /// Text in another encoding, most likely GBK.
    #[error("the file is not UTF-8 from byte {offset} (GBK?)")]
    NotUtf8 { offset: usize },
}

impl DecodeError {
    /// The error as a whole-paste diagnostic, in Chinese and English, saying
    /// how to save the file so it can be read.
    pub fn diagnostic(self) -> Diagnostic {
        match self {
            DecodeError::NotText => Diagnostic::global(
                Severity::Error,
                Code::NotText,
                "文件不是文本（可能是 Excel 工作簿或图片）。请在 Excel/WPS 中复制单元格粘贴，或另存为 CSV UTF-8".to_string(),
                "The file is not text (perhaps a workbook or an image). Copy the cells in Excel/WPS and paste them, or save as CSV UTF-8".to_string(),
            ),
            DecodeError::NotUtf8 { offset } => Diagnostic::global(
                Severity::Error,
                Code::NotUtf8,
                format!(
                    "文件不是 UTF-8 编码（第 {offset} 字节起），可能是 GBK。请在 Excel/WPS 中另存为“CSV UTF-8”或“Unicode 文本”，或直接复制单元格粘贴"
                ),
                format!(
                    "The file is not UTF-8 (from byte {offset}); it may be GBK. Save it from Excel/WPS as \"CSV UTF-8\" or \"Unicode text\", or copy the cells and paste them"
                ),
            ),
        }
    }
}

/// Decodes a file's bytes, or says why they are not text we read.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(Cow::Owned);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) if looks_binary(text) => Err(DecodeError::NotText),
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let offset = e.valid_up_to() + (bytes.len() - body.len());
            let controls = body.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C)).count();
            if controls * 20 > body.len().max(1) || body.contains(&0) {
                Err(DecodeError::NotText)
            } else {
                Err(DecodeError::NotUtf8 { offset })
            }
        }
    }
}

/// Decodes UTF-16 code units; an odd length or an unpaired surrogate means the
/// bytes are not UTF-16 text.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::NotText);
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let text: String = char::decode_utf16(units).collect::<Result<_, _>>().map_err(|_| DecodeError::NotText)?;
    if looks_binary(&text) {
        return Err(DecodeError::NotText);
    }
    Ok(text)
}

/// Text with NUL characters, or made mostly of control characters, is not a
/// table anyone typed.
fn looks_binary(text: &str) -> bool {
    let controls = text.chars().filter(|&c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}')).count();
    text.contains('\0') || controls * 20 > text.chars().count().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: Result<&str, Code>) {
        let got = decode(bytes).map(|t| t.into_owned()).map_err(|e| e.diagnostic().code);
        assert_eq!(got, expected.map(str::to_string), "decoding {bytes:?}");
    }

    #[test]
    fn reads_utf8_and_utf16_and_refuses_the_rest() {
        check("指标\t2021".as_bytes(), Ok("指标\t2021"));
        check(b"\xEF\xBB\xBFa,b", Ok("a,b"));
        check(b"\xFF\xFEa\x00\t\x00b\x00", Ok("a\tb"));
        check(b"\xFE\xFF\x00a\x00\t\x00b", Ok("a\tb"));
        check(b"\xFF\xFEa", Err(Code::NotText));
        // "指标" in GBK.
        check(b"\xD6\xB8\xB1\xEA,2021", Err(Code::NotUtf8));
        check(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe", Err(Code::NotText));
        check(b"\x00\x00\x00", Err(Code::NotText));
        check(b"", Ok(""));
    }

    #[test]
    fn errors_quote_the_offset() {
        assert_eq!(decode(b"ab\xB1\xEA").unwrap_err(), DecodeError::NotUtf8 { offset: 2 });
        assert_eq!(DecodeError::NotUtf8 { offset: 2 }.to_string(), "the file is not UTF-8 from byte 2 (GBK?)");
        assert!(DecodeError::NotUtf8 { offset: 2 }.diagnostic().message_zh.contains("第 2 字节"));
    }
}
