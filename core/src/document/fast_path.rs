//! The common document read straight into stored levels, without a JSON tree.
//!
//! Most documents a service loads are plain: one object with a `role` string
//! and a `permissions` object of known ids mapped to level names, no escapes,
//! no repeated keys, no parent-rule breach. This reader accepts exactly those
//! and borrows every key from the text; at the first thing it does not
//! expect it gives up (`None`), and the caller judges the text the full way
//! (`json::parse` then `document::judge`), which alone words every error.
//! So it can only ever answer what the full way answers, faster. In lenient
//! mode it also lowers the children stored above their parent, as the full
//! way does (in catalog order: no other warning can come before them in a
//! plain document), and hands on the clamps for the warnings to word.

use crate::catalog::Catalog;
use crate::resolve::{self, Clamp};
use crate::vocab::{Level, Mode, Role};

/// A plain document that passed: its role, stored levels, member levels, and
/// the children lenient mode lowered (catalog order).
pub(crate) struct Plain {
    pub role: Role,
    pub stored: Vec<Option<Level>>,
    pub member_levels: Vec<Level>,
    pub lowered: Vec<Clamp>,
}

impl Plain {
    /// A plain document's stored levels judged by the parent rule: in strict
    /// mode `None` at a breach (the full way words it); in lenient mode each
    /// child above its parent lowered to it.
    pub(crate) fn judged(
        catalog: &Catalog,
        role: Role,
        mut stored: Vec<Option<Level>>,
        mode: Mode,
    ) -> Option<Plain> {
        if let Some(member_levels) = resolve::member_levels_within_parents(catalog, &stored) {
            return Some(Plain {
                role,
                stored,
                member_levels,
                lowered: Vec::new(),
            });
        }
        match mode {
            Mode::Strict => None,
            Mode::Lenient => {
                let lowered = resolve::clamp(catalog, &mut stored, 0..catalog.len());
                Some(Plain {
                    role,
                    member_levels: resolve::member_levels(catalog, &stored),
                    stored,
                    lowered,
                })
            }
        }
    }
}

/// Reads `text` when it is a plain document that the full way would accept
/// with no warning other than lowered children; `None` otherwise (including
/// for every faulty text).
pub(crate) fn read(catalog: &Catalog, text: &str, mode: Mode) -> Option<Plain> {
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut role = None;
    let mut stored: Option<Vec<Option<Level>>> = None;
    scan.whitespace();
    scan.byte(b'{')?;
    scan.whitespace();
    // `{}` has no role: the full way words that.
    loop {
        let key = scan.string()?;
        scan.whitespace();
        scan.byte(b':')?;
        scan.whitespace();
        match key {
            "role" if role.is_none() => role = Some(Role::parse(scan.string()?).ok()?),
            "permissions" if stored.is_none() => stored = Some(scan.permissions(catalog)?),
            // A repeated or unknown field: the full way words it.
            _ => return None,
        }
        scan.whitespace();
        if !scan.next_is(b',') {
            break;
        }
        scan.whitespace();
    }
    scan.byte(b'}')?;
    scan.whitespace();
    if scan.pos != scan.bytes.len() {
        return None;
    }
    let role = role?;
    let stored = stored.unwrap_or_else(|| vec![None; catalog.len()]);
    Plain::judged(catalog, role, stored, mode)
}

/// The same reading for a document a host already holds as strings (the
/// role and `(id, level)` entries): `None` at the first unknown role, id or
/// level name or repeated id, or a strict parent-rule breach, for the full
/// way to word.
pub(crate) fn read_entries(
    catalog: &Catalog,
    role: &str,
    entries: &[(&str, &str)],
    mode: Mode,
) -> Option<Plain> {
    let role = Role::parse(role).ok()?;
    let mut stored = vec![None; catalog.len()];
    for (id, level) in entries {
        let level = Level::parse(level).ok()?;
        if stored.get_mut(catalog.lookup(id)?)?.replace(level).is_some() {
            return None;
        }
    }
    Plain::judged(catalog, role, stored, mode)
}

struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scan<'a> {
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Consumes `b` when it comes next.
    fn next_is(&mut self, b: u8) -> bool {
        let found = self.bytes.get(self.pos) == Some(&b);
        if found {
            self.pos += 1;
        }
        found
    }

    fn byte(&mut self, b: u8) -> Option<()> {
        self.next_is(b).then_some(())
    }

    /// A string with no escape and no control character, borrowed from the
    /// text (a quote byte never falls inside a UTF-8 sequence). Eight bytes
    /// are judged at a time; the text's last few, one by one.
    fn string(&mut self) -> Option<&'a str> {
        self.byte(b'"')?;
        let start = self.pos;
        while let Some(word) = self.bytes.get(self.pos..).and_then(<[u8]>::first_chunk::<8>) {
            let stops = string_stops(u64::from_le_bytes(*word));
            if stops != 0 {
                self.pos += (stops.trailing_zeros() / 8) as usize;
                return self.closing_quote(start);
            }
            self.pos += 8;
        }
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.pos += 1;
        }
        self.closing_quote(start)
    }

    /// The string from `start` when a quote (not an escape or a control
    /// character) stopped the scan.
    fn closing_quote(&mut self, start: usize) -> Option<&'a str> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let s = self.text.get(start..self.pos)?;
        self.pos += 1;
        Some(s)
    }

    /// A level name as a plain string, matched where it stands.
    fn level(&mut self) -> Option<Level> {
        let level = match self.bytes.get(self.pos..self.pos + 6)? {
            b"\"none\"" => Level::None,
            b"\"read\"" => Level::Read,
            b"\"edit\"" => Level::Edit,
            _ => return None,
        };
        self.pos += 6;
        Some(level)
    }

    /// The `permissions` object: known ids, each once, mapped to level names.
    fn permissions(&mut self, catalog: &Catalog) -> Option<Vec<Option<Level>>> {
        let mut stored = vec![None; catalog.len()];
        self.byte(b'{')?;
        self.whitespace();
        if self.next_is(b'}') {
            return Some(stored);
        }
        loop {
            let id = self.string()?;
            self.whitespace();
            self.byte(b':')?;
            self.whitespace();
            let level = self.level()?;
            let slot = stored.get_mut(catalog.lookup(id)?)?;
            // Ids map one to one to slots: a filled slot is a repeated key.
            if slot.replace(level).is_some() {
                return None;
            }
            self.whitespace();
            if self.next_is(b'}') {
                return Some(stored);
            }
            self.byte(b',')?;
            self.whitespace();
        }
    }
}

/// The high bit of each byte of `word` (little-endian) that is a quote, a
/// backslash or a control character (below 0x20), by the classic "has a
/// zero byte" test. A borrow may also mark bytes above a real stop, never
/// below one: the lowest mark is exact, and that is the only one read.
fn string_stops(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
    // A byte below 0x20 borrows when 0x20 is taken from it; bytes of 0x80
    // and above (UTF-8) are masked out by `!word`.
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    quote | backslash | control
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document;
    use crate::document::warning::Warning;
    use crate::json;
    use crate::suggest::Budget;
    use crate::vocab::Mode;
    use proptest::prelude::*;

    type Verdict = (Role, Vec<Option<Level>>, Vec<Warning>);

    /// The full way's verdict: the role, the stored levels and the warnings.
    fn full(catalog: &Catalog, text: &str, mode: Mode) -> Option<Verdict> {
        let value = json::parse(text).ok()?;
        let judged = document::judge(catalog, &value, mode, &mut Budget::document()).ok()?;
        Some((judged.role, judged.stored, judged.warnings))
    }

    /// The fast path's verdict, its lowered children worded.
    fn fast(catalog: &Catalog, text: &str, mode: Mode) -> Option<Verdict> {
        let plain = read(catalog, text, mode)?;
        let warnings = plain
            .lowered
            .iter()
            .map(|c| Warning::lowered(catalog, c))
            .collect();
        Some((plain.role, plain.stored, warnings))
    }

    /// Whether the full way's verdict is one the fast path must give: a
    /// document it accepts with no warning but lowered children.
    fn plain_verdict(verdict: &Option<Verdict>) -> bool {
        verdict.as_ref().is_some_and(|(_, _, warnings)| {
            warnings
                .iter()
                .all(|w| matches!(w, Warning::SubsectionExceedsParent { .. }))
        })
    }

    #[test]
    fn accepts_only_what_the_full_way_accepts_without_warnings() {
        let catalog = Catalog::builtin();
        let plain = [
            r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.faqs":"read"}}"#,
            r#" { "permissions" : { "analytics" : "read" } , "role" : "admin" } "#,
            r#"{"role":"member"}"#,
            r#"{"role":"member","permissions":{}}"#,
            r#"{"role":"admin","permissions":{"knowledge":"none","knowledge.faqs":"edit"}}"#,
            // Dormant: under `none` a child may store more.
            r#"{"role":"member","permissions":{"knowledge":"none","knowledge.faqs":"edit"}}"#,
            "{\n\t\"role\": \"member\",\r\n \"permissions\": {\"flows\": \"none\"}\n}\n",
        ];
        for text in plain {
            assert!(read(&catalog, text, Mode::Strict).is_some(), "{text}");
        }
        // Lowered children, in lenient mode only.
        let lowered = [
            r#"{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit"}}"#,
            r#"{"role":"admin","permissions":{"knowledge.faqs":"edit","knowledge":"read","analytics":"none","analytics.kpis":"edit"}}"#,
        ];
        for text in lowered {
            assert!(read(&catalog, text, Mode::Strict).is_none(), "{text}");
            let verdict = fast(&catalog, text, Mode::Lenient);
            assert!(verdict.as_ref().is_some_and(|v| !v.2.is_empty()), "{text}");
            assert_eq!(verdict, full(&catalog, text, Mode::Lenient), "{text}");
        }
        let texts = [
            // Accepted by the full way, left to it (escapes).
            r#"{"role":"mem\u0062er"}"#,
            r#"{"r\u006fle":"member"}"#,
            r#"{"role":"member","permissions":{"flo\u0077s":"edit"}}"#,
            // Refused or warned about by the full way.
            r#"{"permissions":{}}"#,
            r#"{}"#,
            r#"{"role":"owner"}"#,
            r#"{"role":"member","role":"member"}"#,
            r#"{"role":"member","permissions":{"flows":"edit","flows":"edit"}}"#,
            r#"{"role":"member","permissions":{"flows":"write"}}"#,
            r#"{"role":"member","permissions":{"nope":"read"}}"#,
            r#"{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit"}}"#,
            r#"{"role":"member","permissions":{"flows":null}}"#,
            r#"{"role":"member","permissions":[]}"#,
            r#"{"role":"member","extra":1}"#,
            r#"{"role":"member","permissions":{"flows":"edit"}} x"#,
            r#"{"role":"member","permissions":{"flows":"edit",}}"#,
            r#"{"role":"member",}"#,
            "{\"role\":\"member\u{1}\"}",
            r#"{"role":"member","permissions":{"flows":"edit""#,
            r#"{"role":"member""#,
            r#"["role"]"#,
            "",
            "\u{feff}{\"role\":\"member\"}",
        ];
        for mode in [Mode::Strict, Mode::Lenient] {
            for text in plain.iter().chain(&texts).chain(&lowered) {
                let Some(verdict) = fast(&catalog, text, mode) else {
                    continue;
                };
                assert_eq!(Some(verdict), full(&catalog, text, mode), "{mode:?} {text}");
            }
        }
        for text in texts {
            if text.contains("knowledge.faqs") {
                continue;
            }
            assert_eq!(fast(&catalog, text, Mode::Lenient), None, "{text}");
        }
        for text in texts {
            assert_eq!(fast(&catalog, text, Mode::Strict), None, "{text}");
        }
    }

    #[test]
    fn the_word_test_finds_the_first_stop_at_every_position() {
        let first = |word: [u8; 8]| match string_stops(u64::from_le_bytes(word)) {
            0 => None,
            stops => Some(stops.trailing_zeros() / 8),
        };
        for position in 0..8u32 {
            for byte in 0..=255u8 {
                let mut word = *b"abcdefgh";
                word[position as usize] = byte;
                let stop = byte == b'"' || byte == b'\\' || byte < 0x20;
                assert_eq!(first(word), stop.then_some(position), "{byte:#x} at {position}");
                // A second stop above never hides the first.
                for later in [0u8, b'"', b'\\', 0x1f] {
                    for above in position + 1..8 {
                        let mut two = word;
                        two[above as usize] = later;
                        let expected = if stop { position } else { above };
                        assert_eq!(
                            first(two),
                            Some(expected),
                            "{byte:#x} at {position}, {later:#x} at {above}"
                        );
                    }
                }
            }
        }
        let utf8 = "é€abc".as_bytes().first_chunk::<8>().copied().unwrap_or([0; 8]);
        assert_eq!(first(utf8), None);
    }

    /// A document built from pieces, plain or not: known and unknown ids,
    /// good and bad levels and roles, repeats, escapes, stray fields and
    /// whitespace.
    fn document() -> impl Strategy<Value = String> {
        let ids: Vec<String> = Catalog::builtin()
            .nodes()
            .iter()
            .map(|n| n.id().to_string())
            .chain([
                "knowlege".into(),
                "flows.x".into(),
                "fl\\u006fws".into(),
                "é".into(),
            ])
            .collect();
        let id = proptest::sample::select(ids);
        let level = proptest::sample::select(vec![
            "\"none\"",
            "\"read\"",
            "\"edit\"",
            "\"write\"",
            "null",
            "\"e\\u0064it\"",
        ]);
        let space = proptest::sample::select(vec!["", " ", "\n\t", "\r\n  "]);
        let entries = proptest::collection::vec((id, level, space.clone()), 0..12);
        let role = proptest::sample::select(vec![
            Some("\"member\""),
            Some("\"admin\""),
            Some("\"owner\""),
            Some("1"),
            None,
        ]);
        let extra = proptest::sample::select(vec!["", ",\"extra\":1", ",\"role\":\"member\""]);
        (role, entries, extra, space, any::<bool>()).prop_map(
            |(role, entries, extra, space, permissions_first)| {
                let body: Vec<String> = entries
                    .iter()
                    .map(|(id, level, s)| format!("{s}\"{id}\"{s}:{s}{level}{s}"))
                    .collect();
                let permissions = format!("\"permissions\":{{{}}}", body.join(","));
                let mut fields: Vec<String> =
                    role.map(|r| format!("\"role\":{space}{r}")).into_iter().collect();
                if permissions_first {
                    fields.insert(0, permissions);
                } else {
                    fields.push(permissions);
                }
                format!("{space}{{{}{extra}}}{space}", fields.join(&format!(",{space}")))
            },
        )
    }

    proptest! {
        #[test]
        fn answers_as_the_full_way_and_reads_every_plain_document(text in document()) {
            let catalog = Catalog::builtin();
            for mode in [Mode::Strict, Mode::Lenient] {
                let full = full(&catalog, &text, mode);
                match fast(&catalog, &text, mode) {
                    Some(verdict) => prop_assert_eq!(Some(verdict), full, "{:?}", mode),
                    // Only text with an escape is left to the full way while
                    // it accepts it with no warning but lowered children.
                    None => prop_assert!(!plain_verdict(&full) || text.contains('\\'), "{:?} {}", mode, text),
                }
            }
        }
    }

    #[test]
    fn member_levels_match_the_resolution() {
        let catalog = Catalog::builtin();
        let text = r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#;
        let Some(plain) = read(&catalog, text, Mode::Strict) else {
            unreachable!("a plain document")
        };
        assert_eq!(
            plain.member_levels,
            resolve::member_levels(&catalog, &plain.stored)
        );
    }
}
