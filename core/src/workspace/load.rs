//! Loading a workspace from an export: a JSON array or JSON Lines, from text,
//! bytes or a file read in parts. Each record is judged as a single document
//! (docs/reference.md#validation) and its problems are kept, placed by line
//! and record.

use super::storage::{Record, Workspace};
use crate::access::AccessSet;
use crate::catalog::Catalog;
use crate::document;
use crate::error::{within_limit, Error, Result};
use crate::json::items::Items;
use crate::json::{self, Json};
use crate::limits;
use crate::problem::Problem;
use crate::shown::shown;
use crate::stream::{FileLines, FileWindow, ReadError};
use crate::suggest::Budget;
use crate::vocab::Mode;
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashSet};
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::Arc;

impl Workspace {
    /// Loads a JSON export: an array of `{"user", "name"?, "email"?, "role",
    /// "permissions"?}` records. Strict mode loads nothing if any record is
    /// wrong (`invalid_workspace`, listing every problem); lenient mode skips
    /// the wrong records and keeps every problem in [`Workspace::problems`].
    ///
    /// Records are read one at a time; one longer than
    /// [`limits::MAX_DOCUMENT_BYTES`] is refused by its size before it is
    /// read, and a text longer than [`limits::MAX_EXPORT_BYTES`] is refused
    /// whole (`limit_exceeded`).
    pub fn from_json(catalog: &Arc<Catalog>, text: &str, mode: Mode) -> Result<Workspace> {
        Workspace::from_array(catalog, text, mode, |_, line| line)
    }

    /// [`Workspace::from_json`] for a JSON array that a host wrote from its
    /// own list of records (Python's `from_records`, Node's `fromRecords`):
    /// the text has no lines worth naming, so each problem's `line` is the
    /// record's 1-based position in the list.
    pub fn from_records_json(catalog: &Arc<Catalog>, text: &str, mode: Mode) -> Result<Workspace> {
        Workspace::from_array(catalog, text, mode, |index, _| index + 1)
    }

    /// Loads a JSON array record by record; `place(index, line)` says what
    /// a record's problems name as their `line`.
    fn from_array(
        catalog: &Arc<Catalog>,
        text: &str,
        mode: Mode,
        place: impl Fn(usize, usize) -> usize,
    ) -> Result<Workspace> {
        within_limit("the export", text.len(), limits::MAX_EXPORT_BYTES)?;
        let mut items = Items::new(text, limits::MAX_DOCUMENT_BYTES);
        let records = (&mut items)
            .enumerate()
            .map(|(index, (line, value))| (place(index, line), value));
        let loaded = Workspace::load(catalog, records, mode);
        match items.finish() {
            (_, Some(syntax)) => Err(syntax),
            (_, None) => loaded,
        }
    }

    /// [`Workspace::from_json`] from UTF-8 bytes; bytes that are not UTF-8
    /// are not JSON text.
    pub fn from_json_bytes(catalog: &Arc<Catalog>, bytes: &[u8], mode: Mode) -> Result<Workspace> {
        within_limit("the export", bytes.len(), limits::MAX_EXPORT_BYTES)?;
        Workspace::from_json(catalog, json::utf8(bytes)?, mode)
    }

    /// Loads JSON Lines: one record per line; blank lines (nothing but JSON
    /// whitespace: spaces, tabs, a carriage return) are skipped. A record's
    /// faults are placed by its line in the whole text. Text and bytes take
    /// the same path, so both give the same answer, messages included.
    pub fn from_json_lines(catalog: &Arc<Catalog>, text: &str, mode: Mode) -> Result<Workspace> {
        Workspace::from_json_lines_bytes(catalog, text.as_bytes(), mode)
    }

    /// [`Workspace::from_json_lines`] from UTF-8 bytes. A line that is not
    /// UTF-8 is a problem of that line only.
    pub fn from_json_lines_bytes(catalog: &Arc<Catalog>, bytes: &[u8], mode: Mode) -> Result<Workspace> {
        within_limit("the export", bytes.len(), limits::MAX_EXPORT_BYTES)?;
        let lines = bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .filter_map(|(i, line)| line_record(i + 1, line));
        Workspace::load(catalog, lines, mode)
    }

    /// Loads an export from a file, reading it a part at a time: the text is
    /// never held whole, and the answer is the one its text gives loaded
    /// from memory (errors, codes, messages, lines). A file named `*.jsonl`
    /// or `*.ndjson` is JSON Lines ([`Workspace::from_json_lines`]); any
    /// other is a JSON array export ([`Workspace::from_json`]). A file that
    /// cannot be opened or read is [`ReadError::Io`], naming the path.
    pub fn from_path(
        catalog: &Arc<Catalog>,
        path: impl AsRef<Path>,
        mode: Mode,
    ) -> std::result::Result<Workspace, ReadError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| ReadError::io(path, "open", e))?;
        let size = file.metadata().map_err(|e| ReadError::io(path, "stat", e))?.len();
        within_limit(
            "the export",
            usize::try_from(size).unwrap_or(usize::MAX),
            limits::MAX_EXPORT_BYTES,
        )?;
        Workspace::from_reader(catalog, file, is_json_lines(path), mode, path)
    }

    /// [`Workspace::from_path`] from an open file; `path` names it in errors.
    fn from_reader(
        catalog: &Arc<Catalog>,
        source: impl std::io::Read,
        lines: bool,
        mode: Mode,
        path: &Path,
    ) -> std::result::Result<Workspace, ReadError> {
        if lines {
            let mut lines = FileLines::new(source);
            let records = std::iter::from_fn(|| loop {
                let (number, line) = lines.next_line()?;
                if let Some(record) = line_record(number, line) {
                    return Some(record);
                }
            });
            let loaded = Workspace::load(catalog, records, mode);
            lines.finish(path)?;
            Ok(loaded?)
        } else {
            let mut items = Items::new(FileWindow::new(source), limits::MAX_DOCUMENT_BYTES);
            let loaded = Workspace::load(catalog, &mut items, mode);
            let (window, syntax) = items.finish();
            // A read error, the size limit or a byte that is not UTF-8 wins
            // over a syntax fault, as it does over the text in memory.
            window.finish(path)?;
            if let Some(e) = syntax {
                return Err(e.into());
            }
            Ok(loaded?)
        }
    }

    fn load(
        catalog: &Arc<Catalog>,
        records: impl Iterator<Item = (usize, Result<Json>)>,
        mode: Mode,
    ) -> Result<Workspace> {
        let mut workspace = Workspace::empty(catalog);
        let mut budget = Budget::document();
        // Users seen so far, by position: the ids live once, in the
        // workspace's strings (a set of owned ids cost ~60 bytes a user).
        let mut seen: HashTable<u32> = HashTable::new();
        // Ids of records that were judged but could not be stored: still seen.
        let mut unstored: FxHashSet<String> = FxHashSet::default();
        for (position, (line, value)) in records.enumerate() {
            let record_number = position + 1;
            let fault = |user: Option<String>, e: &Error| Problem {
                line,
                record: record_number,
                user,
                code: e.code(),
                path: e.path().map(String::from),
                message: e.to_string(),
                fatal: true,
            };
            let record = match value
                .map_err(|e| (None, e))
                .and_then(|v| judge_record(catalog, v, mode, &mut budget))
            {
                Ok(record) => record,
                Err((user, e)) => {
                    workspace.add_problem(fault(user, &e));
                    continue;
                }
            };
            let hash = FxBuildHasher.hash_one(record.user.as_str());
            let repeated = seen
                .find(hash, |&i| workspace.id_at(i as usize) == record.user)
                .is_some()
                || unstored.contains(&record.user);
            if repeated {
                workspace.add_problem(Problem {
                    line,
                    record: record_number,
                    user: Some(record.user.clone()),
                    code: Problem::DUPLICATE_USER,
                    path: Some("user".into()),
                    message: format!("user {} appears more than once", shown(&record.user)),
                    fatal: true,
                });
                continue;
            }
            for w in record.access.warnings() {
                workspace.add_problem(Problem {
                    line,
                    record: record_number,
                    user: Some(record.user.clone()),
                    code: w.code(),
                    path: Some(w.path().to_string()),
                    message: w.to_string(),
                    fatal: false,
                });
            }
            let index = workspace.len();
            match (workspace.push(&record), u32::try_from(index)) {
                (Ok(()), Ok(index)) => {
                    seen.insert_unique(hash, index, |&i| {
                        FxBuildHasher.hash_one(workspace.id_at(i as usize))
                    });
                }
                (Ok(()), Err(_)) => {
                    unstored.insert(record.user);
                }
                (Err(e), _) => {
                    unstored.insert(record.user.clone());
                    workspace.add_problem(fault(Some(record.user), &e));
                }
            }
        }
        drop(seen);
        if mode == Mode::Strict && !workspace.problems().is_empty() {
            return Err(Error::InvalidWorkspace {
                problems: workspace.into_problems(),
            });
        }
        workspace.shrink_to_fit();
        Ok(workspace)
    }
}

/// True for a file name that says JSON Lines: `*.jsonl` or `*.ndjson`, in any case.
fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// One line of JSON Lines as a record: `None` for a blank line (nothing but
/// spaces, tabs, carriage returns); a line that is not UTF-8 or too long is
/// a problem of that line only, placed by its number.
fn line_record(number: usize, line: &[u8]) -> Option<(usize, Result<Json>)> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return None;
    }
    let value = json::utf8(line)
        .and_then(|text| {
            within_limit("the record", text.len(), limits::MAX_DOCUMENT_BYTES)?;
            json::parse(text)
        })
        .map_err(|e| match e {
            Error::InvalidJson { column, reason, .. } => Error::InvalidJson {
                line: number,
                column,
                reason,
            },
            other => other,
        });
    Some((number, value))
}

type RecordResult = std::result::Result<Record, (Option<String>, Error)>;

/// Splits a record into its user fields and its access document, and judges
/// the document exactly as a single one (docs/reference.md#validation).
fn judge_record(catalog: &Arc<Catalog>, value: Json, mode: Mode, budget: &mut Budget) -> RecordResult {
    let Json::Object(fields) = value else {
        let e = Error::document(
            "",
            format!("a record must be a JSON object, found {}", value.kind()),
        );
        return Err((None, e));
    };
    let (mut user, mut name, mut email) = (None, None, None);
    let mut document = Vec::with_capacity(fields.len());
    let mut fault = None;
    for (key, value) in fields {
        let slot = match key.as_str() {
            "user" => &mut user,
            "name" => &mut name,
            "email" => &mut email,
            _ => {
                document.push((key, value));
                continue;
            }
        };
        match value {
            Json::String(s) if !(key == "user" && s.is_empty()) => *slot = Some(s),
            other => {
                let what = if key == "user" {
                    "a non-empty string"
                } else {
                    "a string"
                };
                fault.get_or_insert(Error::document(
                    key.as_str(),
                    format!("`{key}` must be {what}, found {}", other.kind()),
                ));
            }
        }
    }
    if let Some(e) = fault {
        return Err((user, e));
    }
    let Some(user) = user else {
        return Err((None, Error::document("user", "missing field `user`")));
    };
    match document::judge(catalog, &Json::Object(document), mode, budget) {
        Ok(judged) => Ok(Record {
            access: AccessSet::build(catalog.clone(), judged.role, judged.stored, judged.warnings),
            user,
            name,
            email,
        }),
        Err(e) => Err((Some(user), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Level, Role};

    /// A file that hands out `step` bytes or fewer per read, as a pipe may:
    /// the streaming reader's window boundaries fall everywhere.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
        turn: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.turn += 1;
            let n = (self.turn % self.step + 1).min(buf.len()).min(self.bytes.len());
            let (head, rest) = self.bytes.split_at(n);
            buf[..n].copy_from_slice(head);
            self.bytes = rest;
            Ok(n)
        }
    }

    type Summary = std::result::Result<(Vec<(String, Role, Vec<Level>)>, Vec<Problem>), String>;

    fn summary(loaded: std::result::Result<Workspace, String>) -> Summary {
        loaded.map(|ws| {
            let users = ws
                .users()
                .map(|u| (u.id().to_string(), u.role(), u.levels().to_vec()))
                .collect();
            (users, ws.problems().to_vec())
        })
    }

    fn both_ways(bytes: &[u8], lines: bool, step: usize) {
        let catalog = Catalog::builtin();
        for mode in [Mode::Strict, Mode::Lenient] {
            let memory = if lines {
                Workspace::from_json_lines_bytes(&catalog, bytes, mode)
            } else {
                Workspace::from_json_bytes(&catalog, bytes, mode)
            };
            let source = Trickle { bytes, step, turn: 0 };
            let file = Workspace::from_reader(&catalog, source, lines, mode, Path::new("export"));
            assert_eq!(
                summary(file.map_err(|e| format!("{e:?}"))),
                summary(memory.map_err(|e| format!("{:?}", ReadError::Export(e)))),
                "{:?} (lines: {lines}, step {step}, {mode:?})",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn a_file_read_in_parts_gives_the_answer_of_its_text() {
        let good = r#"{"user":"ada","name":"Ad\u00e9 😀","role":"admin"}"#;
        let member =
            r#"{"user":"bo","role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#;
        let owner = r#"{"user":"cy","role":"owner"}"#;
        let twice = r#"{"user":"dd","role":"member","role":"admin"}"#;
        let texts: Vec<String> = vec![
            format!("[{good},\n {member}]"),
            format!(" \r\n[\n{good}\n,\n{member}\n]\n\n"),
            format!("[{good},{good}]"),
            format!("[{member},\n{owner},\n{twice}]"),
            format!("[{good},\n 12345.5e3, \"x\", [1,2], null, true]"),
            format!("[{good},\n {{\"user\":\"é\", \"role\": x}}]"),
            format!("[{good},\n {member}"),
            format!("[{good}]\n  x"),
            format!("[{good} {member}]"),
            format!("[{good},]"),
            format!("[{good},\n {{\"user\":\"é\", \"role\": \"adm"),
            format!("[{{\"user\":\"\\ud800\",\"role\":\"admin\"}}, {good}]"),
            "[]".into(),
            " [ ] ".into(),
            "[] x".into(),
            "".into(),
            "   \n ".into(),
            "{}".into(),
            "[tru]".into(),
            "[1e400]".into(),
        ];
        let mut all: Vec<Vec<u8>> = Vec::new();
        for text in &texts {
            all.push(text.clone().into_bytes());
            // Not UTF-8 after everything else, and a character cut by the end.
            all.push([text.as_bytes(), b"\n\xff"].concat());
            all.push([text.as_bytes(), &"é".as_bytes()[..1]].concat());
            // JSON Lines of the same records.
            all.push(text.replace("},", "}\n").into_bytes());
        }
        for text in &all {
            for step in [1, 3, 7, 64] {
                both_ways(text, false, step);
                both_ways(text, true, step);
            }
        }
    }

    #[test]
    fn an_over_long_record_in_a_file_is_refused_by_its_size() {
        let name = "n".repeat(limits::MAX_DOCUMENT_BYTES);
        let long = format!(r#"{{"user":"a","role":"member","name":"{name}"}}"#);
        let ok = r#"{"user":"b","role":"admin"}"#;
        let array = format!("[{ok},\n{long},\n{ok}]");
        both_ways(array.as_bytes(), false, 70_001);
        let lines = format!("{ok}\n{long}\n{ok}\n");
        both_ways(lines.as_bytes(), true, 70_001);
        let unterminated = format!("[{ok},\n{}", &long[..long.len() - 3]);
        both_ways(unterminated.as_bytes(), false, 70_001);
    }

    #[test]
    fn a_missing_file_or_a_folder_is_a_read_error_naming_the_path() {
        let catalog = Catalog::builtin();
        let missing = std::env::temp_dir().join("studio-permissions-no-such-export.json");
        let Err(ReadError::Io { path, call, source }) =
            Workspace::from_path(&catalog, &missing, Mode::Strict)
        else {
            unreachable!("a missing file is a read error")
        };
        assert_eq!(
            (path, call, source.kind()),
            (missing.clone(), "open", std::io::ErrorKind::NotFound)
        );
        let folder = std::env::temp_dir();
        let Err(e @ ReadError::Io { .. }) = Workspace::from_path(&catalog, &folder, Mode::Strict) else {
            unreachable!("a folder is a read error")
        };
        let ReadError::Io { call, source, .. } = &e else {
            unreachable!("matched above")
        };
        assert_eq!((*call, source.raw_os_error()), ("read", Some(21)), "EISDIR");
        assert!(e
            .to_string()
            .starts_with(&format!("cannot read {}: ", folder.display())));
        assert!(is_json_lines(Path::new("a/b.JSONL")) && is_json_lines(Path::new("x.ndjson")));
        assert!(!is_json_lines(Path::new("x.json")) && !is_json_lines(Path::new("jsonl")));
    }
}
