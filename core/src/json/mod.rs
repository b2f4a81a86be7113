//! A strict RFC 8259 reader that keeps object order and finds repeated keys.
//!
//! serde_json accepts repeated keys (the last wins) and allows nesting to 128;
//! the contract needs the first repeated key reported, nesting capped at 64 and
//! the `invalid_json` fault to win over `duplicate_key`, so we read JSON here.
//!
//! This file reads one value; [`items`] reads the records of an export's
//! array one at a time, from text in memory or from a file read in parts.

pub(crate) mod items;

use crate::error::{Error, Result};
use rustc_hash::FxHashSet;

use crate::limits::MAX_DEPTH;

/// A parsed JSON value; objects keep their entries in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A short name of the value's type, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Parses `text`; syntax faults win over repeated keys (docs/reference.md#validation, row order).
pub(crate) fn parse(text: &str) -> Result<Json> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        first_duplicate: None,
        at: Place::default(),
    };
    reader.skip_whitespace();
    let value = reader.value(1)?;
    reader.skip_whitespace();
    if reader.pos < reader.bytes.len() {
        return Err(reader.fault("trailing characters after the JSON value"));
    }
    match reader.first_duplicate {
        Some(key) => Err(Error::DuplicateKey { key }),
        None => Ok(value),
    }
}

/// Bytes as text; bytes that are not UTF-8 are not JSON text. The position
/// is counted in lines and characters, like every other `invalid_json`.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes
            .get(..e.valid_up_to())
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        let reader = Reader {
            bytes: valid.as_bytes(),
            text: valid,
            pos: valid.len(),
            first_duplicate: None,
            at: Place::default(),
        };
        reader.fault("the text is not valid UTF-8")
    })
}

/// Host text (UTF-16 code units, as Python and JavaScript strings hold it)
/// as the core reads it: a well-formed pair is its character, and an unpaired
/// surrogate is written as the escape the host's JSON writer gives it
/// (`\ud800`), which the reader then refuses as JSON where it stands. So a
/// record with one is `invalid_json` on its own line in every language.
pub fn text_from_utf16(units: &[u16]) -> String {
    let mut out = String::with_capacity(units.len());
    for unit in char::decode_utf16(units.iter().copied()) {
        match unit {
            Ok(c) => out.push(c),
            Err(e) => {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{:x}", e.unpaired_surrogate()));
            }
        }
    }
    out
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    first_duplicate: Option<String>,
    /// Where `text` starts in a longer text that is read a window at a time
    /// (a file): the lines before it, and the characters of its first line
    /// that came before it. Zero for a whole text.
    at: Place,
}

/// A position in a text: lines before it and characters since the last line break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Place {
    pub lines: usize,
    pub column: usize,
}

impl Place {
    /// The place after `text`, read from this place.
    pub(crate) fn after(self, text: &str) -> Place {
        match text.rfind('\n') {
            Some(last) => Place {
                lines: self.lines + text.bytes().filter(|&b| b == b'\n').count(),
                column: text.get(last + 1..).map_or(0, |s| s.chars().count()),
            },
            None => Place {
                lines: self.lines,
                column: self.column + text.chars().count(),
            },
        }
    }

    /// `invalid_json` at this place (1-based line and column).
    pub(crate) fn fault(self, reason: &str) -> Error {
        Error::InvalidJson {
            line: self.lines + 1,
            column: self.column + 1,
            reason: reason.to_string(),
        }
    }
}

impl<'a> Reader<'a> {
    /// A reader of `text`, a window that starts at `at` of a longer text.
    pub(crate) fn window(text: &'a str, at: Place, pos: usize) -> Reader<'a> {
        Reader {
            bytes: text.as_bytes(),
            text,
            pos,
            first_duplicate: None,
            at,
        }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn take_duplicate(&mut self) -> Option<String> {
        self.first_duplicate.take()
    }
}

impl Reader<'_> {
    pub(crate) fn fault(&self, reason: &str) -> Error {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        self.at.after(before).fault(reason)
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    pub(crate) fn value(&mut self, depth: usize) -> Result<Json> {
        match self.peek() {
            None => Err(self.fault("unexpected end of input")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fault("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.fault("expected a JSON value"))
        }
    }

    fn enter(&self, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            Err(self.fault("nesting deeper than 64 arrays and objects"))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.fault("expected `,` or `]` in an array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json> {
        self.enter(depth)?;
        self.pos += 1;
        let mut entries: Vec<(String, Json)> = Vec::new();
        // Small objects are scanned; large ones get a set so that input size
        // cannot make duplicate detection quadratic.
        let mut seen: Option<FxHashSet<String>> = None;
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(entries));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.fault("expected a string key in an object"));
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.fault("expected `:` after an object key"));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(depth + 1)?;
            if self.first_duplicate.is_none() {
                let repeated = match &mut seen {
                    Some(set) => !set.insert(key.clone()),
                    None => {
                        let repeated = entries.iter().any(|(k, _)| *k == key);
                        if entries.len() >= 16 {
                            let mut set: FxHashSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
                            set.insert(key.clone());
                            seen = Some(set);
                        }
                        repeated
                    }
                };
                if repeated {
                    self.first_duplicate = Some(key.clone());
                }
            }
            entries.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(entries));
                }
                _ => return Err(self.fault("expected `,` or `}` in an object")),
            }
        }
    }

    fn number(&mut self) -> Result<Json> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fault("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fault("expected a digit after `.`"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fault("expected a digit in the exponent"));
            }
            self.digits();
        }
        let text = self.text.get(start..self.pos).unwrap_or("");
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Json::Number(n)),
            _ => {
                self.pos = start;
                Err(self.fault("number beyond the range of a 64-bit float"))
            }
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<String> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(self.fault("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.fault("invalid escape in a string")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.fault("control character in a string")),
            }
        }
    }

    /// Reads the hex digits after `\u` (and a low surrogate's escape after a
    /// high one); an unpaired surrogate is not text and is refused.
    fn unicode_escape(&mut self) -> Result<char> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.fault("unpaired surrogate in a string escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fault("unpaired surrogate in a string escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.fault("unpaired surrogate in a string escape")),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.fault("invalid unicode escape"))
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.fault("expected four hex digits after `\\u`"))?;
        let value = u32::from_str_radix(digits, 16).map_err(|_| self.fault("invalid unicode escape"))?;
        self.pos += 4;
        Ok(value)
    }
}

/// Writes `s` as a JSON string: escapes what RFC 8259 requires, nothing more.
pub(crate) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> &'static str {
        match parse(text) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn refuses_what_rfc_8259_refuses() {
        for bad in [
            "",
            " ",
            "NaN",
            "Infinity",
            "-Infinity",
            "\u{feff}{}",
            "{} x",
            "{,}",
            "[1,]",
            "{\"a\":1,}",
            "'a'",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "1e400",
            "-1e400",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"\u{1}\"",
            "\"\\x\"",
            "tru",
            "nul",
            "{\"a\" 1}",
            "// c\n{}",
            "\"abc",
        ] {
            assert_eq!(code(bad), "invalid_json", "{bad:?}");
        }
    }

    #[test]
    fn accepts_what_rfc_8259_accepts() {
        for good in [
            "{}",
            "[]",
            "0",
            "-0",
            "1.5e-3",
            "1E+2",
            "\"\\ud83d\\ude00\"",
            "\"é\"",
            " \t\r\n{} ",
            "1e-400",
            "null",
            "true",
            "\"\\/\"",
        ] {
            assert_eq!(code(good), "ok", "{good:?}");
        }
    }

    #[test]
    fn nesting_is_capped_at_64() {
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert_eq!(code(&ok), "ok");
        assert_eq!(code(&deep), "invalid_json");
        let very_deep = "[".repeat(1_000_000);
        assert_eq!(code(&very_deep), "invalid_json");
    }

    #[test]
    fn repeated_keys_are_found_after_unescaping_and_syntax_wins() {
        assert_eq!(
            parse(r#"{"a":1,"\u0061":2}"#),
            Err(Error::DuplicateKey { key: "a".into() })
        );
        assert_eq!(code(r#"{"x":{"k":1,"k":2}}"#), "duplicate_key");
        assert_eq!(code(r#"[{"k":1,"k":2}]"#), "duplicate_key");
        assert_eq!(code(r#"{"a":1,"a":2} x"#), "invalid_json");
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":1")).collect();
        let big = format!("{{{},\"k3\":2}}", many.join(","));
        assert_eq!(code(&big), "duplicate_key");
    }

    #[test]
    fn keeps_object_order() {
        let Ok(Json::Object(entries)) = parse(r#"{"b":1,"a":2}"#) else {
            unreachable!("a valid object")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
    }

    #[test]
    fn reports_line_and_column() {
        assert_eq!(
            parse("{\n  \"a\": x}"),
            Err(Error::InvalidJson {
                line: 2,
                column: 8,
                reason: "expected a JSON value".into()
            })
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed_by_line_and_character() {
        assert_eq!(
            utf8(b"{\n  \"\xc3\xa9\xff\"").map_err(|e| e.to_string()),
            Err("invalid JSON at line 2, column 5: the text is not valid UTF-8".into())
        );
        assert_eq!(utf8(b"{}"), Ok("{}"));
    }

    #[test]
    fn host_text_escapes_unpaired_surrogates_like_the_hosts_writers() {
        let units: Vec<u16> = "a\u{e9}\u{1F600}".encode_utf16().collect();
        assert_eq!(text_from_utf16(&units), "a\u{e9}\u{1F600}");
        assert_eq!(
            text_from_utf16(&[0x22, 0xD800, 0x22, 0xDC0A]),
            "\"\\ud800\"\\udc0a"
        );
        assert_eq!(code(&text_from_utf16(&[0x22, 0xD800, 0x22])), "invalid_json");
    }

    #[test]
    fn writes_escapes() {
        let mut out = String::new();
        write_string(&mut out, "a\"\\\n\u{1}é");
        assert_eq!(out, r#""a\"\\\n\u0001é""#);
    }
}
