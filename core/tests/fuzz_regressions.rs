//! Findings of the fuzz targets in fuzz/ (see fuzz/README.md), each pinned
//! here so that `cargo test` keeps them fixed without cargo fuzz.

use studio_permissions::{Catalog, Error, Mode, Problem, Workspace};

fn problems(text: &str, mode: Mode) -> (Vec<Problem>, Vec<Problem>) {
    let catalog = Catalog::builtin();
    let get = |r: Result<Workspace, Error>| match r {
        Ok(w) => w.problems().to_vec(),
        Err(Error::InvalidWorkspace { problems }) => problems,
        Err(e) => vec![Problem {
            line: 0,
            record: 0,
            user: None,
            code: e.code(),
            path: None,
            message: e.to_string(),
            fatal: true,
        }],
    };
    (
        get(Workspace::from_json_lines(&catalog, text, mode)),
        get(Workspace::from_json_lines_bytes(&catalog, text.as_bytes(), mode)),
    )
}

/// fuzz/regressions/workspace/lines-final-carriage-return: the text entry
/// point kept a carriage return at the end of the last line (no newline
/// after it) while the byte entry point dropped it, so the same record got
/// two different messages.
#[test]
fn json_lines_text_and_bytes_agree_on_a_final_carriage_return() {
    for mode in [Mode::Strict, Mode::Lenient] {
        let (text, bytes) = problems("{\"user\":\"a\r", mode);
        assert_eq!(text, bytes);
        assert_eq!(text.len(), 1);
        let (text, bytes) = problems("{\"user\":\"a\",\"role\":\"admin\"}\r", mode);
        assert_eq!((text.len(), bytes.len()), (0, 0));
    }
}

/// fuzz/regressions/workspace/lines-nbsp-only, lines-vt-ff-only: a line of
/// Unicode or other non-JSON whitespace was skipped as blank by the text
/// entry point and refused by the byte one. Blank now means JSON whitespace
/// only (space, tab, carriage return), in both; anything else on a line is a
/// record, and one that is not JSON is `invalid_json` on its line.
#[test]
fn json_lines_blank_means_json_whitespace_only() {
    for line in ["\u{a0}", "\u{2028}", "\u{3000}", "\u{b}", "\u{c}", " \u{a0}\t"] {
        let text = format!("{{\"user\":\"a\",\"role\":\"admin\"}}\n{line}\n");
        let (got, bytes) = problems(&text, Mode::Strict);
        assert_eq!(got, bytes, "{line:?}");
        let codes: Vec<(usize, &str)> = got.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(codes, vec![(2, "invalid_json")], "{line:?}");
        let lenient = Workspace::from_json_lines(&Catalog::builtin(), &text, Mode::Lenient);
        assert_eq!(lenient.map(|w| w.len()), Ok(1), "{line:?}");
    }
    let text = "{\"user\":\"a\",\"role\":\"admin\"}\n \t \r\n\t\n\r\n{\"user\":\"b\",\"role\":\"member\"}";
    let (got, bytes) = problems(text, Mode::Strict);
    assert_eq!((got.len(), bytes.len()), (0, 0));
    let ws = Workspace::from_json_lines(&Catalog::builtin(), text, Mode::Strict);
    assert_eq!(ws.map(|w| w.user("b").map(|u| u.index())), Ok(Some(1)));
}
