//! Escaping for every place the command line writes text itself: a
//! terminal, HTML, XML. Each hands on the core's rule; Markdown is only
//! ever the core's rendering (`to_markdown`).

/// Text safe to print on a terminal: the core's rule (controls, escape
/// sequences, bidi and invisible characters written as `\u{..}`), so an id
/// cannot move the cursor, recolour the screen, reorder or hide text.
pub(crate) fn terminal(text: &str) -> String {
    studio_permissions::terminal_text(text)
}

/// [`terminal`] and no newline or tab either: one field on one line.
pub(crate) fn field(text: &str) -> String {
    terminal(text).replace('\n', "\\n").replace('\t', "\\t")
}

/// Text for HTML and XML, in elements and quoted attributes: the core's
/// rule, the one every rendering uses.
pub(crate) fn html(text: &str) -> String {
    studio_permissions::html_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(terminal("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(field("a\nb"), "a\\nb");
        assert_eq!(html("<x a=\"1\">&"), "&lt;x a=&quot;1&quot;&gt;&amp;");
        assert_eq!(terminal("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(terminal("u0001\u{200b}"), "u0001\\u{200b}");
        assert_eq!(html("\u{fffe}"), "\\u{fffe}");
    }
}
