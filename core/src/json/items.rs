//! The records of an export's top-level array, read one at a time so that
//! only one record's tree is in memory. One reader serves text held whole
//! and a file read in parts ([`Source`]), so both give the same records,
//! faults and line numbers: the file's reader is this one over a window.

use super::{Json, Place, Reader};
use crate::error::{within_limit, Error, Result};

/// Bytes kept past a record's end before it is read: the value reader looks
/// at most a few bytes ahead, and never past the end of the window.
const MARGIN: usize = 8;

/// The text an array is read from: held whole, or a window that moves along
/// a longer text as it is read (a file).
pub(crate) trait Source {
    /// The text held now: all of it, or the window that starts at [`Source::at`].
    fn text(&self) -> &str;
    /// Where the text held starts in the whole text.
    fn at(&self) -> Place;
    /// True once no more text will come.
    fn ended(&self) -> bool;
    /// Lets go of the text before `cut`, which has been read; a source may
    /// keep it (text held whole does).
    fn forget(&mut self, cut: usize);
    /// Reads more text onto the end of the window; false when there is no more.
    fn fill(&mut self) -> bool;
}

/// Text held whole: there is nothing more to read, and nothing to let go.
impl Source for &str {
    #[inline]
    fn text(&self) -> &str {
        self
    }
    #[inline]
    fn at(&self) -> Place {
        Place::default()
    }
    #[inline]
    fn ended(&self) -> bool {
        true
    }
    #[inline]
    fn forget(&mut self, _cut: usize) {}
    #[inline]
    fn fill(&mut self) -> bool {
        false
    }
}

#[derive(PartialEq, Eq)]
enum State {
    First,
    Next,
    Done,
}

/// The elements of a top-level array, each with the line it starts on and
/// its own verdict, so one bad record does not hide the others. A syntax
/// fault anywhere ends the reading (there is no resynchronising after it)
/// and is kept for [`Items::finish`]; a repeated key fails only its
/// element, and so does an element longer than `limit` bytes, which is
/// measured by a scan of its brackets and strings before anything is built
/// (its content is then not read, as an over-long JSON Lines line is not).
pub(crate) struct Items<S> {
    source: S,
    /// The reading position in the text held.
    pos: usize,
    /// How far into the text held line breaks have been counted.
    counted: usize,
    /// The line of `counted`, 1-based.
    line: usize,
    limit: usize,
    state: State,
    fault: Option<Error>,
}

impl<S: Source> Items<S> {
    /// Starts reading `source` as an array of records of at most `limit` bytes.
    pub(crate) fn new(source: S, limit: usize) -> Items<S> {
        let mut items = Items {
            source,
            pos: 0,
            counted: 0,
            line: 1,
            limit,
            state: State::First,
            fault: None,
        };
        if let Err(e) = items.open() {
            items.fault = Some(e);
            items.state = State::Done;
        }
        items
    }

    /// The source, and the syntax fault that ended the reading if one did.
    pub(crate) fn finish(self) -> (S, Option<Error>) {
        (self.source, self.fault)
    }

    fn open(&mut self) -> Result<()> {
        self.skip_whitespace();
        if self.peek() != Some(b'[') {
            return Err(self.fault("expected a JSON array of records"));
        }
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.skip_whitespace();
            if self.pos < self.source.text().len() {
                return Err(self.fault("trailing characters after the JSON value"));
            }
            self.state = State::Done;
        }
        Ok(())
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.source.text().as_bytes().get(self.pos).copied()
    }

    fn fault(&self, reason: &str) -> Error {
        Reader::window(self.source.text(), self.source.at(), self.pos).fault(reason)
    }

    /// Counts the line breaks up to `pos`.
    fn count_lines(&mut self) {
        self.line += line_breaks(self.source.text().as_bytes().get(self.counted..self.pos));
        self.counted = self.pos;
    }

    /// Moves past a record that ends at `end` and holds `breaks` line breaks,
    /// counted by the scan that found its end, so no record is read twice.
    fn pass_record(&mut self, end: usize, breaks: usize) {
        self.pos = end;
        self.line += breaks;
        self.counted = end;
    }

    /// Lets the source go of the text before `pos`, its lines counted first.
    fn forget_read(&mut self) {
        self.count_lines();
        let before = self.source.text().len();
        self.source.forget(self.pos);
        let dropped = before - self.source.text().len();
        self.pos -= dropped;
        self.counted -= dropped;
    }

    fn skip_whitespace(&mut self) {
        loop {
            let bytes = self.source.text().as_bytes();
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.pos) {
                self.pos += 1;
            }
            if self.pos < bytes.len() || self.source.ended() {
                return;
            }
            self.forget_read();
            if !self.source.fill() {
                return;
            }
        }
    }

    /// Reads until the record at `pos` is held with a few bytes after it, or
    /// the text ends; gives its structural end in the text as it is then,
    /// and the line breaks before that end.
    fn read_record(&mut self) -> Option<(usize, usize)> {
        loop {
            let bytes = self.source.text().as_bytes();
            let structural = structural_end(bytes, self.pos);
            if self.source.ended() {
                return structural;
            }
            let end = structural
                .map(|(end, _)| end)
                .or_else(|| match bytes.get(self.pos) {
                    Some(b'"' | b'[' | b'{') | None => None,
                    // A number or a literal: up to the first byte that cannot be in one.
                    Some(_) => bytes
                        .iter()
                        .skip(self.pos)
                        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
                        .map(|n| self.pos + n),
                });
            if end.is_some_and(|end| end + MARGIN <= bytes.len()) {
                return structural;
            }
            self.forget_read();
            // At the end of the text, the next turn measures the text as it stays.
            self.source.fill();
        }
    }

    fn step(&mut self) -> Option<Result<(usize, Result<Json>)>> {
        match self.state {
            State::Done => return None,
            State::First => self.state = State::Next,
            State::Next => {
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.pos < self.source.text().len() {
                            return Some(Err(self.fault("trailing characters after the JSON value")));
                        }
                        return None;
                    }
                    _ => return Some(Err(self.fault("expected `,` or `]` in an array"))),
                }
            }
        }
        self.skip_whitespace();
        let structural = self.read_record();
        self.count_lines();
        let (start, line) = (self.pos, self.line);
        if let Some((end, breaks)) = structural {
            let size = end - start;
            if size > self.limit {
                self.pass_record(end, breaks);
                let value = within_limit("the record", size, self.limit).map(|()| Json::Null);
                return Some(Ok((line, value)));
            }
        }
        let mut reader = Reader::window(self.source.text(), self.source.at(), start);
        let value = match reader.value(2) {
            Ok(value) => value,
            Err(e) => return Some(Err(e)),
        };
        let (end, duplicate) = (reader.pos(), reader.take_duplicate());
        let breaks = match structural {
            Some((scanned, breaks)) if scanned == end => breaks,
            _ => line_breaks(self.source.text().as_bytes().get(start..end)),
        };
        self.pass_record(end, breaks);
        // A long number or literal has no brackets to scan: measured after.
        let size = end - start;
        let value = match duplicate {
            _ if size > self.limit => within_limit("the record", size, self.limit).map(|()| value),
            Some(key) => Err(Error::DuplicateKey { key }),
            None => Ok(value),
        };
        Some(Ok((line, value)))
    }
}

impl<S: Source> Iterator for Items<S> {
    /// A record's line and its verdict.
    type Item = (usize, Result<Json>);

    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Some(Ok(item)) => Some(item),
            Some(Err(e)) => {
                self.fault = Some(e);
                self.state = State::Done;
                None
            }
            None => {
                self.state = State::Done;
                None
            }
        }
    }
}

/// The line breaks in `bytes` (none for `None`). Bytes, not text: a line
/// break is one byte that no other character's encoding contains.
fn line_breaks(bytes: Option<&[u8]>) -> usize {
    bytes.map_or(0, |s| s.iter().map(|&b| usize::from(b == b'\n')).sum())
}

/// Where the string, array or object starting at `start` ends (just past its
/// closing quote or bracket), found by following strings and brackets only,
/// and the line breaks before that end; `None` for other values and for
/// text that ends first. Nothing is built.
fn structural_end(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut breaks = 0usize;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if in_string {
            match b {
                b'\\' => {
                    // An escaped line break is no JSON either; still counted.
                    breaks += usize::from(bytes.get(i) == Some(&b'\n'));
                    i += 1;
                }
                b'"' => {
                    in_string = false;
                    if depth == 0 {
                        return Some((i, breaks));
                    }
                }
                // Not JSON in a string, but counted as the text's lines are.
                b'\n' => breaks += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some((i, breaks));
                }
            }
            _ if depth == 0 => return None,
            b'\n' => breaks += 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text handed over `step` bytes at a time (cut back to a character
    /// boundary), forgotten as the reader lets go: window edges everywhere.
    struct Trickle<'a> {
        whole: &'a str,
        from: usize,
        to: usize,
        step: usize,
    }

    impl Source for Trickle<'_> {
        fn text(&self) -> &str {
            self.whole.get(self.from..self.to).unwrap_or("")
        }
        fn at(&self) -> Place {
            Place::default().after(self.whole.get(..self.from).unwrap_or(""))
        }
        fn ended(&self) -> bool {
            self.to == self.whole.len()
        }
        fn forget(&mut self, cut: usize) {
            self.from += cut;
        }
        fn fill(&mut self) -> bool {
            let mut to = (self.to + self.step).min(self.whole.len());
            while !self.whole.is_char_boundary(to) {
                to += 1;
            }
            let more = to > self.to;
            self.to = to;
            more
        }
    }

    type Read = (
        Vec<(usize, std::result::Result<String, &'static str>)>,
        Option<Error>,
    );

    fn read<S: Source>(source: S, limit: usize) -> Read {
        let mut items = Items::new(source, limit);
        let records = (&mut items)
            .map(|(line, value)| (line, value.map(|v| v.kind().to_string()).map_err(|e| e.code())))
            .collect();
        (records, items.finish().1)
    }

    #[test]
    fn each_record_is_placed_on_the_line_it_starts_on() {
        let valid = ["{\"a\":\n1}", "\"x\\ny\"", "12.5e3", "[1,\n\n2]", "true", "{}"];
        // Over the limit, a record is measured, not read: line breaks in its
        // strings (raw or escaped, neither JSON) still count.
        let unread = ["{\"long\":\"é\\\"\n\\\n\"}", "[\"\n\n\", 1]"];
        let gaps = ["", "\n", " \r\n ", "\n\n"];
        for (limit, records) in [
            (usize::MAX, valid.to_vec()),
            (8, [valid, [unread[0], unread[1], "1", "2", "3", "4"]].concat()),
        ] {
            for shift in 0..gaps.len() {
                let mut text = String::from("[");
                let mut lines = Vec::new();
                for (i, record) in records.iter().enumerate() {
                    if i > 0 {
                        text.push_str(gaps[(i + shift) % gaps.len()]);
                        text.push(',');
                    }
                    text.push_str(gaps[(i + shift + 1) % gaps.len()]);
                    lines.push(1 + text.matches('\n').count());
                    text.push_str(record);
                }
                text.push_str("\n]\n");
                let (found, fault) = read(text.as_str(), limit);
                let placed: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
                assert_eq!((placed, fault), (lines.clone(), None), "{text:?}, limit {limit}");
                for step in [1, 2, 5, 64] {
                    let trickle = Trickle {
                        whole: &text,
                        from: 0,
                        to: 0,
                        step,
                    };
                    assert_eq!(
                        read(trickle, limit),
                        read(text.as_str(), limit),
                        "{text:?}, step {step}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_fault_ends_the_reading_and_is_placed_in_the_whole_text() {
        for text in [
            "[1,\n 2 x]",
            "[\n{\"a\":1,\"a\":2},\n nul]",
            "x",
            "[]\n y",
            "[1,\n",
            "[{\"a\":\n\"é",
        ] {
            for step in [1, 3, 64] {
                let trickle = Trickle {
                    whole: text,
                    from: 0,
                    to: 0,
                    step,
                };
                assert_eq!(
                    read(trickle, 1 << 20),
                    read(text, 1 << 20),
                    "{text:?}, step {step}"
                );
            }
        }
        let (records, fault) = read("[1,\n 2 x]", 1 << 20);
        assert_eq!(records.len(), 2);
        assert_eq!(
            fault.map(|e| e.to_string()),
            Some("invalid JSON at line 2, column 4: expected `,` or `]` in an array".into())
        );
    }
}
