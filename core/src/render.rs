//! Renderings of the core's messages for HTML and Markdown: every report,
//! page, notebook fragment and pull-request comment escapes text here, once,
//! on top of the message rules of `shown` (controls, bidi and invisible
//! characters already escaped).

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

/// A core message (whose names are quoted in backticks, with a backtick
/// inside a name written `` \` ``, as `shown` writes them) as Markdown, for a
/// pull-request comment or a CI summary: the one Markdown rule of every
/// review. Outside the quoted names, every character that could start
/// emphasis, a link, an image, HTML, an entity, a table cell or a heading is
/// escaped with a backslash; inside a name's code span, where a backslash is
/// literal, an escaped backtick becomes `'` so it cannot end the span, and
/// an escaped backslash stays as it is (so it cannot swallow the closing
/// backtick). A span left open is closed. Controls, line breaks, bidi and
/// invisible characters are written as `\n`, `\u{..}` wherever they are, so
/// the text stays one line that reads as it is.
pub fn message_markdown(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    let mut in_code = false;
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_code => match chars.next() {
                Some('`') => out.push('\''),
                Some(next) => {
                    out.push('\\');
                    push_markdown_hidden(&mut out, next);
                }
                None => out.push('\\'),
            },
            '`' => {
                in_code = !in_code;
                out.push('`');
            }
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            c => push_markdown_hidden(&mut out, c),
        }
    }
    if in_code {
        out.push('`');
    }
    out
}

/// `c`, or its escape when it could end the line or hide or reorder text.
fn push_markdown_hidden(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if crate::shown::needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
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

    /// A hostile name as a review writes it in Markdown: quoted by `shown`,
    /// then the Markdown rule.
    fn name(raw: &str) -> String {
        message_markdown(&crate::shown::shown(raw).to_string())
    }

    #[test]
    fn markdown_escapes_outside_code_spans_only() {
        assert_eq!(message_markdown("a_b `c_d` *e*"), "a\\_b `c_d` \\*e\\*");
        assert_eq!(
            message_markdown("[x](y) <b> | # & ~~s~~ \\"),
            "\\[x\\](y) \\<b\\> \\| \\# \\& \\~\\~s\\~\\~ \\\\"
        );
        // What the core writes outside names is left as it is.
        assert_eq!(
            message_markdown("member → admin: every area to edit; gains `users.manage`"),
            "member → admin: every area to edit; gains `users.manage`"
        );
    }

    #[test]
    fn a_hostile_name_stays_inside_its_code_span() {
        // Markup inside a code span is literal: nothing to escape.
        for raw in [
            "star*a*",
            "under_score_",
            "[x](http://e.example)",
            "<img src=x>",
            "pi|pe",
            "# h",
            "&#x202e;",
        ] {
            assert_eq!(name(raw), format!("`{raw}`"));
        }
        // A backtick cannot end the span; a backslash is shown doubled, as
        // in every message, and cannot swallow the closing backtick.
        assert_eq!(name("back`tick"), "`back'tick`");
        assert_eq!(name("ends\\"), "`ends\\\\`");
        assert_eq!(name("x\\`y"), "`x\\\\'y`");
        assert_eq!(message_markdown("`ends\\\\` then *x*"), "`ends\\\\` then \\*x\\*");
        // A line break, a control or a bidi character cannot end the line,
        // recolour a terminal or reorder what a reviewer reads.
        assert_eq!(name("new\nline"), "`new\\nline`");
        assert_eq!(name("tab\there"), "`tab\\there`");
        assert_eq!(name("bidi\u{202e}evil\u{2066}"), "`bidi\\u{202e}evil\\u{2066}`");
        assert_eq!(name("esc\u{1b}[2J\u{200b}"), "`esc\\u{1b}[2J\\u{200b}`");
        // A long name is cut, its length said, as in every message.
        let long = "a".repeat(200);
        assert_eq!(name(&long), format!("`{}…` (200 characters)", "a".repeat(64)));
    }

    #[test]
    fn markdown_shows_raw_text_on_one_line_and_closes_an_open_span() {
        assert_eq!(message_markdown("a\nb\u{202e}c"), "a\\nb\\u{202e}c");
        assert_eq!(message_markdown("`a\nb"), "`a\\nb`");
        assert_eq!(message_markdown("`open\\"), "`open\\`");
        assert_eq!(message_markdown("`x\\`"), "`x'`");
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
