//! Renderings of the core's messages for HTML: every report, page and
//! notebook fragment escapes text here, once, on top of the message rules
//! of `shown` (controls, bidi and invisible characters already escaped).

use std::fmt::Write as _;

/// Text for HTML, in elements and quoted attributes. Controls, bidi and
/// invisible characters are written as `\u{..}` first, as in messages.
pub fn html_text(text: &str) -> String {
    // `escaped` already writes every hidden character as `\u{..}`.
    let shown = crate::shown::escaped(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        push_html(&mut out, c);
    }
    out
}

fn push_html(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// A core message (whose names are quoted in backticks, with a backtick
/// inside a name written `` \` ``) as HTML: escaped, each quoted name in a
/// `<code>` element instead of Markdown backticks.
pub fn message_html(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 16);
    let mut in_code = false;
    let mut escaped = false;
    for c in message.chars() {
        if escaped {
            escaped = false;
            if c == '`' {
                out.push('`');
                continue;
            }
            out.push('\\');
        }
        match c {
            '\\' if in_code => escaped = true,
            '`' => {
                out.push_str(if in_code { "</code>" } else { "<code>" });
                in_code = !in_code;
            }
            c => push_html(&mut out, c),
        }
    }
    if escaped {
        out.push('\\');
    }
    if in_code {
        out.push_str("</code>");
    }
    out
}

/// JSON text made safe to print: every character that a message would
/// escape (controls, line separators, bidi and invisible characters, and
/// the noncharacters U+FFFE and U+FFFF) is
/// written as a `\uXXXX` escape. Such characters only occur inside JSON
/// strings, so the text stays the same JSON value.
pub fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::shown::needs_escape(c) && !matches!(c, '\n' | '\r' | '\t') {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text safe to print on a terminal or in a log: every character a message
/// would escape (controls, escape sequences, line separators, bidi and
/// invisible characters, and U+FFFE and U+FFFF, which XML 1.0 forbids) is
/// written as `\u{..}`, except the line breaks and tabs the text lays out
/// itself; the same text is safe in a JUnit report.
pub fn terminal_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::shown::needs_escape(c) && !matches!(c, '\n' | '\t') {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// `and K more` after a list cut at `limit` entries, or nothing.
pub(crate) fn more(total: usize, limit: usize) -> Option<String> {
    (total > limit).then(|| format!("and {} more", total - limit))
}

/// Writes a line to a `String` (formatting into a `String` cannot fail).
pub(crate) fn line(out: &mut String, args: std::fmt::Arguments<'_>) {
    let _ = out.write_fmt(args);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_code_elements_without_backticks() {
        assert_eq!(
            message_html("unknown area `a<b`: did you mean `a`?"),
            "unknown area <code>a&lt;b</code>: did you mean <code>a</code>?"
        );
        assert_eq!(message_html("`a\\`b`"), "<code>a`b</code>");
        assert_eq!(message_html("`a\\\\b`"), "<code>a\\\\b</code>");
        assert_eq!(message_html("`open"), "<code>open</code>");
    }

    #[test]
    fn json_safe_keeps_the_value_and_hides_nothing() {
        let text = "{\"u\":\"a\u{202e}b\u{9b}c\u{7f}\u{2028}\"}\n";
        let safe = json_safe(text);
        assert_eq!(safe, "{\"u\":\"a\\u202eb\\u009bc\\u007f\\u2028\"}\n");
        let a: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(a, b);
    }

    #[test]
    fn terminal_text_shows_what_would_hide_or_forge_text() {
        for hidden in [
            '\u{200b}', '\u{200e}', '\u{200f}', '\u{61c}', '\u{feff}', '\u{202e}', '\u{1b}', '\u{9b}',
            '\u{7f}', '\u{2028}', '\u{fffe}',
        ] {
            let text = terminal_text(&format!("u0001{hidden}"));
            assert_eq!(text, format!("u0001\\u{{{:x}}}", hidden as u32));
        }
        assert_eq!(terminal_text("a\nb\tc"), "a\nb\tc");
    }

    #[test]
    fn html_text_escapes_markup_and_invisible_characters() {
        assert_eq!(html_text("mallory\u{202e}<i>"), "mallory\\u{202e}&lt;i&gt;");
        assert_eq!(html_text("a\nb\u{200b}"), "a\\nb\\u{200b}");
    }
}
