//! Reading an export from a file a window at a time, so that a load never
//! holds the file's whole text: the JSON array reader (the one of text in
//! memory, `json::items`, over a [`FileWindow`]) keeps the text from the
//! record being read on, the JSON Lines reader one line. Every answer is the
//! one the same text gives in memory: faults are placed by line and column in
//! the whole file, a byte that is not UTF-8 anywhere wins over a syntax fault
//! (the whole text is not JSON text), and the size limit wins over both.

use crate::error::{within_limit, Error};
use crate::json::items::Source;
use crate::json::Place;
use crate::limits;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Bytes read from the file at a time (more when a record is longer).
const CHUNK: usize = 64 << 10;

/// Why a load from a file failed: the file could not be read, or its text
/// is not a valid export (the error a load of the same text gives).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system's error opening or reading the file.
    #[error("cannot {call} {}: {source}", path.display())]
    Io {
        /// The path as given.
        path: PathBuf,
        /// What failed: `open`, `stat` or `read`, the system call's name.
        call: &'static str,
        /// The operating system's error (its kind and `errno`).
        source: std::io::Error,
    },
    /// The text of the file is not a valid export.
    #[error(transparent)]
    Export(#[from] Error),
}

impl ReadError {
    pub(crate) fn io(path: &Path, call: &'static str, source: std::io::Error) -> ReadError {
        ReadError::Io {
            path: path.to_path_buf(),
            call,
            source,
        }
    }
}

/// Bytes read from `source`, counted against the export limit.
struct Counted<R> {
    source: R,
    read: usize,
    failed: Option<std::io::Error>,
}

impl<R: Read> Counted<R> {
    /// Reads into `buf`; 0 at the end of the file or after an error (kept).
    fn read(&mut self, buf: &mut [u8]) -> usize {
        if self.failed.is_some() {
            return 0;
        }
        loop {
            match self.source.read(buf) {
                Ok(n) => {
                    self.read = self.read.saturating_add(n);
                    return n;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.failed = Some(e);
                    return 0;
                }
            }
        }
    }

    /// Appends up to `want` bytes to `buf`, read straight into its spare
    /// room (never zeroed first); the count, 0 at the end of the file or
    /// after an error (kept, with what was read before it).
    fn append(&mut self, buf: &mut Vec<u8>, want: usize) -> usize {
        if self.failed.is_some() {
            return 0;
        }
        let before = buf.len();
        buf.reserve(want);
        // `read_to_end` reads again after an interrupted read by itself.
        let limit = u64::try_from(want).unwrap_or(u64::MAX);
        if let Err(e) = (&mut self.source).take(limit).read_to_end(buf) {
            self.failed = Some(e);
        }
        let n = buf.len() - before;
        self.read = self.read.saturating_add(n);
        n
    }

    /// Reads to the end of the file, counting only: a file's size decides
    /// the limit even when a fault ended the reading early.
    fn drain(&mut self) {
        let mut scratch = vec![0u8; CHUNK];
        while self.read(&mut scratch) > 0 {}
    }

    /// The verdict on the whole file: the read error, else the size limit.
    fn verdict(self, path: &Path) -> std::result::Result<(), ReadError> {
        if let Some(e) = self.failed {
            return Err(ReadError::io(path, "read", e));
        }
        within_limit("the export", self.read, limits::MAX_EXPORT_BYTES)?;
        Ok(())
    }
}

/// The text of a file from some place on, validated as UTF-8 as it is read:
/// the [`Source`] the array reader reads a file from, a window at a time.
pub(crate) struct FileWindow<R> {
    source: Counted<R>,
    /// Valid text from `at` on.
    text: String,
    /// Bytes read but not yet text: the start of a character cut by a read.
    pending: Vec<u8>,
    at: Place,
    /// No more text: the end of the file, a read error, the size limit, or
    /// a byte that is not UTF-8 (`not_utf8`).
    end: bool,
    not_utf8: Option<Error>,
}

impl<R: Read> FileWindow<R> {
    pub(crate) fn new(source: R) -> FileWindow<R> {
        FileWindow {
            source: Counted {
                source,
                read: 0,
                failed: None,
            },
            text: String::new(),
            pending: Vec::new(),
            at: Place::default(),
            end: false,
            not_utf8: None,
        }
    }

    /// The verdict that overrides any reading of the text: a read error,
    /// the size limit, then a byte that is not UTF-8 anywhere in the file.
    pub(crate) fn finish(mut self, path: &Path) -> std::result::Result<(), ReadError> {
        while !self.end {
            self.forget(self.text.len());
            self.fill();
        }
        let not_utf8 = self.not_utf8.take();
        self.source.drain();
        self.source.verdict(path)?;
        match not_utf8 {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }
}

impl<R: Read> Source for FileWindow<R> {
    fn text(&self) -> &str {
        &self.text
    }

    fn at(&self) -> Place {
        self.at
    }

    fn ended(&self) -> bool {
        self.end
    }

    fn forget(&mut self, cut: usize) {
        if cut == 0 || !self.text.is_char_boundary(cut) {
            return;
        }
        self.at = self.at.after(self.text.get(..cut).unwrap_or(""));
        self.text.drain(..cut);
    }

    fn fill(&mut self) -> bool {
        if self.end {
            return false;
        }
        // The window's text, a character the last read cut, then what is
        // read now, checked as UTF-8 in place: the text read is never copied.
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        let kept = bytes.len();
        bytes.append(&mut self.pending);
        let n = self.source.append(&mut bytes, CHUNK.max(kept));
        if self.source.read > limits::MAX_EXPORT_BYTES || self.source.failed.is_some() {
            bytes.truncate(kept);
            self.text = valid_text(bytes);
            self.end = true;
            return false;
        }
        let error = match String::from_utf8(bytes) {
            Ok(text) => {
                self.text = text;
                if n == 0 {
                    self.end = true;
                }
                return n > 0;
            }
            Err(e) => e,
        };
        let (valid, incomplete) = (
            error.utf8_error().valid_up_to(),
            error.utf8_error().error_len().is_none(),
        );
        let mut bytes = error.into_bytes();
        if n > 0 && incomplete {
            // A character cut by this read: its start waits for the next.
            self.pending = bytes.split_off(valid);
            self.text = valid_text(bytes);
            return true;
        }
        // Not UTF-8 here (or a character cut by the end of the file): the
        // fault is placed after the valid text, as in memory, and the window
        // keeps the text it had.
        bytes.truncate(valid);
        let read = valid_text(bytes);
        self.not_utf8 = Some(self.at.after(&read).fault("the text is not valid UTF-8"));
        self.text = read.get(..kept).unwrap_or("").to_string();
        self.end = true;
        false
    }
}

/// Bytes already known to be UTF-8 as text (checked again, never lost).
fn valid_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The lines of a JSON Lines export read from a file, one in memory at a
/// time, each with its 1-based number.
pub(crate) struct FileLines<R> {
    source: Counted<std::io::BufReader<R>>,
    line: Vec<u8>,
    number: usize,
    done: bool,
}

impl<R: Read> FileLines<R> {
    pub(crate) fn new(source: R) -> FileLines<R> {
        FileLines {
            source: Counted {
                source: std::io::BufReader::with_capacity(CHUNK, source),
                read: 0,
                failed: None,
            },
            line: Vec::new(),
            number: 0,
            done: false,
        }
    }

    /// The verdict on the whole file once the lines are read.
    pub(crate) fn finish(mut self, path: &Path) -> std::result::Result<(), ReadError> {
        self.source.drain();
        self.source.verdict(path)
    }

    /// The next line without its line break; `None` at the end of the file,
    /// on a read error, or past the size limit (judged by `finish`).
    pub(crate) fn next_line(&mut self) -> Option<(usize, &[u8])> {
        use std::io::BufRead;
        if self.done {
            return None;
        }
        self.line.clear();
        let read = loop {
            match self.source.source.read_until(b'\n', &mut self.line) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        match read {
            Ok(n) => self.source.read = self.source.read.saturating_add(n),
            Err(e) => self.source.failed = Some(e),
        }
        let ends_line = self.line.last() == Some(&b'\n');
        if self.source.failed.is_some() || self.source.read > limits::MAX_EXPORT_BYTES {
            self.done = true;
            return None;
        }
        if !ends_line {
            // The last line (or an empty file, whose one line is blank).
            self.done = true;
        } else {
            self.line.pop();
        }
        self.number += 1;
        Some((self.number, &self.line))
    }
}
