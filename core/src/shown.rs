//! Names echoed in messages, made safe to log (docs/reference.md#messages).
//!
//! An id, field, role or user comes from whoever wrote the input. In a message
//! it is quoted in backticks with the characters that could forge or hide log
//! text escaped, and cut when long, so a message is one line of bounded size
//! whatever the input. The same text in every language: the bindings take
//! messages from here. An error's `path` keeps the name as given.

use crate::limits::{MAX_SHOWN_CHARS, SHOWN_PREFIX_CHARS};
use std::fmt::{self, Display, Write};

/// A name quoted for a message: `` `knowledge` ``, `` `a\nb` ``, or, past
/// [`MAX_SHOWN_CHARS`] characters, `` `aaaa…` (1048576 characters) ``.
#[derive(Clone, Copy)]
pub(crate) struct Shown<'a>(pub &'a str);

/// Shorthand for [`Shown`].
pub(crate) fn shown(name: &str) -> Shown<'_> {
    Shown(name)
}

impl Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        // Counting stops early: only whether the name is longer matters
        // until then.
        let long = chars.by_ref().take(MAX_SHOWN_CHARS + 1).count() > MAX_SHOWN_CHARS;
        let keep = if long { SHOWN_PREFIX_CHARS } else { MAX_SHOWN_CHARS };
        f.write_char('`')?;
        for c in self.0.chars().take(keep) {
            escape(c, f)?;
        }
        if long {
            let total = self.0.chars().count();
            write!(f, "…` ({total} characters)")
        } else {
            f.write_char('`')
        }
    }
}

/// A name with the characters that could forge or hide text escaped, as in
/// a message, but not quoted and not cut (for renderings that quote and
/// bound it themselves).
pub(crate) fn escaped(name: &str) -> String {
    struct Escaped<'a>(&'a str);
    impl Display for Escaped<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.chars().try_for_each(|c| match c {
                '`' => f.write_char('`'),
                '\\' => f.write_char('\\'),
                c => escape(c, f),
            })
        }
    }
    Escaped(name).to_string()
}

/// Writes `c`, escaped when it could end a line, move the cursor, reorder or
/// hide text, or end the quote.
fn escape(c: char, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match c {
        '\\' => f.write_str("\\\\"),
        '`' => f.write_str("\\`"),
        '\n' => f.write_str("\\n"),
        '\r' => f.write_str("\\r"),
        '\t' => f.write_str("\\t"),
        c if needs_escape(c) => write!(f, "\\u{{{:x}}}", c as u32),
        c => f.write_char(c),
    }
}

/// Control characters (C0, DEL, C1), line and paragraph separators,
/// bidirectional controls, invisible joiners, and the noncharacters U+FFFE
/// and U+FFFF (which XML 1.0 forbids).
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fffe}'
                | '\u{ffff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_quoted_as_they_are() {
        assert_eq!(shown("knowledge.faqs").to_string(), "`knowledge.faqs`");
        assert_eq!(shown("").to_string(), "``");
        assert_eq!(shown("café").to_string(), "`café`");
    }

    #[test]
    fn controls_are_escaped() {
        let hostile = "knowledge\x1b[2J\x1b]0;pwned\x07\nINFO granted admin";
        assert_eq!(
            shown(hostile).to_string(),
            "`knowledge\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\nINFO granted admin`"
        );
        assert_eq!(shown("a\r\tb\\`c").to_string(), "`a\\r\\tb\\\\\\`c`");
        assert_eq!(shown("\u{0}\u{7f}\u{85}").to_string(), "`\\u{0}\\u{7f}\\u{85}`");
        assert_eq!(
            shown("x\u{202e}y\u{2028}z\u{200b}\u{feff}").to_string(),
            "`x\\u{202e}y\\u{2028}z\\u{200b}\\u{feff}`"
        );
    }

    #[test]
    fn long_names_are_cut_with_their_length() {
        let at_limit = "a".repeat(MAX_SHOWN_CHARS);
        assert_eq!(shown(&at_limit).to_string(), format!("`{at_limit}`"));
        let over = "é".repeat(MAX_SHOWN_CHARS + 1);
        assert_eq!(
            shown(&over).to_string(),
            format!("`{}…` (129 characters)", "é".repeat(SHOWN_PREFIX_CHARS))
        );
        let huge = "\n".repeat(1 << 20);
        let text = shown(&huge).to_string();
        assert_eq!(
            text,
            format!("`{}…` (1048576 characters)", "\\n".repeat(SHOWN_PREFIX_CHARS))
        );
    }
}
