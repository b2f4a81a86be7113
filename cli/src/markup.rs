//! Escaping for every place text goes: a terminal, HTML, XML, Markdown.

/// Text safe to print on a terminal: control characters (escape sequences
/// included) are written as `\u{..}` so an id cannot move the cursor,
/// recolour the screen or forge a line.
pub(crate) fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t'
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`terminal`] and no newline or tab either: one field on one line.
pub(crate) fn field(text: &str) -> String {
    terminal(text).replace('\n', "\\n").replace('\t', "\\t")
}

/// Text for HTML and XML, in elements and quoted attributes.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in field(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a Markdown code span: backticks and pipes cannot end it or
/// break a table.
pub(crate) fn code(text: &str) -> String {
    format!("`{}`", field(text).replace('`', "'").replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(terminal("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(field("a\nb"), "a\\nb");
        assert_eq!(html("<x a=\"1\">&"), "&lt;x a=&quot;1&quot;&gt;&amp;");
        assert_eq!(code("a`b|c"), "`a'b\\|c`");
        assert_eq!(terminal("\u{202e}evil"), "\\u{202e}evil");
    }
}
