//! Reading the files a command names: the catalog, documents and exports.
//! Every way a file can be unusable (missing, a directory, unreadable, not
//! UTF-8, empty, beyond the core's size limit) is a [`Fail`] naming the path
//! and the reason: exit 2.
//!
//! Each input is read exactly once (a FIFO, `/dev/stdin` or `-` for standard
//! input cannot be read twice), a part at a time, and refused as soon as it
//! passes the limit, before anything parses it. Its kind is decided by a
//! scan of its bytes, never by building a JSON tree.

use crate::progress;
use crate::Fail;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use studio_permissions::limits::{MAX_CATALOG_BYTES, MAX_EXPORT_BYTES};
use studio_permissions::{AccessSet, Catalog, Mode, Workspace};

/// Bytes read at a time.
const CHUNK: usize = 64 << 10;

/// What a file holds, decided from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One access document (a JSON object).
    Document,
    /// An export as a JSON array of records.
    Array,
    /// An export as JSON Lines, one record per line.
    Lines,
}

/// A file's text, checked to be usable.
pub(crate) struct Text {
    pub text: String,
    pub kind: Kind,
}

/// The catalog to judge against: the file given, or the built-in one.
pub(crate) fn catalog(path: Option<&Path>) -> Result<Arc<Catalog>, Fail> {
    let Some(path) = path else {
        return Ok(Catalog::builtin());
    };
    let text = read_within(path, MAX_CATALOG_BYTES, "a catalog")?;
    Catalog::from_json(&text)
        .map(Arc::new)
        .map_err(|e| Fail::file(path, crate::markup::terminal(&format!("{e} ({})", e.code()))))
}

/// The UTF-8 text of a file of at most the export limit (a document or a
/// catalog past its own, smaller limit is refused by the core); a directory,
/// an unreadable file, bytes that are not UTF-8 and an empty file are refused.
pub(crate) fn read(path: &Path) -> Result<String, Fail> {
    read_within(path, MAX_EXPORT_BYTES, "an export")
}

/// Whether `path` names standard input.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// [`read`] with the limit of `what` (`an export`, `a catalog`).
pub(crate) fn read_within(path: &Path, limit: usize, what: &str) -> Result<String, Fail> {
    let bytes = if is_stdin(path) {
        bounded(std::io::stdin().lock(), limit, None)
    } else {
        if path.is_dir() {
            return Err(Fail::file(path, "is a directory"));
        }
        let file = std::fs::File::open(path).map_err(|e| Fail::file(path, io_reason(&e)))?;
        // A regular file says its size: one past the limit is refused unread.
        let size = file
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        if let Some(size) = size.filter(|&s| s > limit) {
            return Err(Fail::file(
                path,
                format!("is {size} bytes, beyond the limit of {limit} bytes for {what} (limit_exceeded)"),
            ));
        }
        bounded(file, limit, size)
    };
    let bytes = match bytes {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(Fail::file(
                path,
                format!("is more than {limit} bytes, the limit for {what} (limit_exceeded)"),
            ))
        }
        Err(e) => return Err(Fail::file(path, io_reason(&e))),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Fail::file(
            path,
            format!(
                "is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Fail::file(path, "is empty"));
    }
    Ok(text)
}

/// Every byte of `source`, read a part at a time; `None` as soon as there
/// are more than `limit`. The buffer never grows past `limit + 1` bytes
/// (`size`, a regular file's length, sizes it once).
fn bounded(mut source: impl Read, limit: usize, size: Option<usize>) -> std::io::Result<Option<Vec<u8>>> {
    let cap = limit.saturating_add(1);
    let mut buf: Vec<u8> = Vec::with_capacity(size.map_or(CHUNK, |s| s.saturating_add(1)).min(cap));
    loop {
        if buf.len() == buf.capacity() {
            let grown = buf.capacity().saturating_mul(2).max(CHUNK).min(cap);
            buf.reserve_exact(grown.saturating_sub(buf.len()));
        }
        let start = buf.len();
        let room = buf.capacity().saturating_sub(start).clamp(1, CHUNK);
        buf.resize(start + room, 0);
        let got = match source.read(&mut buf[start..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                buf.truncate(start);
                continue;
            }
            Err(e) => return Err(e),
        };
        buf.truncate(start + got);
        if buf.len() > limit {
            return Ok(None);
        }
        if got == 0 {
            return Ok(Some(buf));
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot be read ({e})"),
    }
}

/// Reads a file once and decides what it holds: a JSON object is a
/// document, an array an export, and several lines of objects JSON Lines.
/// A single JSON object with a `user` field is one record of JSON Lines (a
/// document has no such field).
pub(crate) fn load(path: &Path) -> Result<Text, Fail> {
    let text = read(path)?;
    let kind = classify(&text);
    Ok(Text { text, kind })
}

/// JSON's whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The kind of a text, from a scan of its bytes (no JSON tree is built).
pub(crate) fn classify(text: &str) -> Kind {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|&b| !is_space(b)).unwrap_or(bytes.len());
    match bytes.get(start) {
        Some(b'[') => return Kind::Array,
        Some(b'{') => {
            if let Some((end, user)) = first_object(bytes, start) {
                if bytes
                    .get(end..)
                    .is_some_and(|rest| rest.iter().all(|&b| is_space(b)))
                {
                    return if user { Kind::Lines } else { Kind::Document };
                }
            }
        }
        _ => {}
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut count = 0;
    let records = lines.all(|l| {
        count += 1;
        l.starts_with('{') && l.ends_with('}')
    });
    if records && count > 1 {
        Kind::Lines
    } else {
        Kind::Document
    }
}

/// Where the JSON object opening at `start` ends (one past its closing
/// brace), and whether it has a top-level `user` key; `None` when the text
/// ends first. Brackets are counted, not matched: the core judges the rest.
fn first_object(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut depth = 0usize;
    let mut user = false;
    // At depth 1, whether the next string is a key.
    let mut key_next = false;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i + 1)?;
                if depth == 1 && key_next {
                    let raw = bytes.get(i..end).unwrap_or_default();
                    user |= raw == b"\"user\""
                        || (raw.contains(&b'\\')
                            && serde_json::from_slice::<String>(raw).is_ok_and(|k| k == "user"));
                    key_next = false;
                }
                i = end;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                key_next = depth == 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some((i + 1, user));
                }
            }
            b',' if depth == 1 => key_next = true,
            _ => {}
        }
        i += 1;
    }
    None
}

/// One past the closing quote of the string whose text starts at `i`.
fn string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

fn unusable(path: &Path, e: &studio_permissions::Error) -> Fail {
    Fail::file(
        path,
        crate::markup::terminal(&format!("{e} ({}); `lint` lists every problem", e.code())),
    )
}

/// The access document in a text read from `path`, parsed strictly; one
/// that does not parse is unusable input.
pub(crate) fn document_of(catalog: &Arc<Catalog>, path: &Path, loaded: Text) -> Result<AccessSet, Fail> {
    if loaded.kind != Kind::Document {
        return Err(Fail::file(path, "is an export, not a single access document"));
    }
    AccessSet::parse(catalog, &loaded.text, Mode::Strict).map_err(|e| unusable(path, &e))
}

/// The export in a file, loaded strictly; one with problems is unusable
/// input (`lint` lists them).
pub(crate) fn export(catalog: &Arc<Catalog>, path: &Path) -> Result<Workspace, Fail> {
    export_of(catalog, path, load(path)?)
}

/// [`export`], with the form it was written in (JSON array or JSON Lines).
pub(crate) fn export_and_kind(catalog: &Arc<Catalog>, path: &Path) -> Result<(Workspace, Kind), Fail> {
    let loaded = load(path)?;
    let kind = loaded.kind;
    export_of(catalog, path, loaded).map(|w| (w, kind))
}

/// [`export`] from a text already read (dropped once loaded).
pub(crate) fn export_of(catalog: &Arc<Catalog>, path: &Path, loaded: Text) -> Result<Workspace, Fail> {
    let workspace = match loaded.kind {
        Kind::Document => return Err(Fail::file(path, "is a single access document, not an export")),
        Kind::Array => progress::loading(path, &loaded.text, || {
            Workspace::from_json(catalog, &loaded.text, Mode::Strict)
        }),
        Kind::Lines => progress::loading(path, &loaded.text, || {
            Workspace::from_json_lines(catalog, &loaded.text, Mode::Strict)
        }),
    };
    workspace.map_err(|e| unusable(path, &e))
}

/// Two documents or two exports, as `diff` compares them.
pub(crate) enum Pair {
    Documents(AccessSet, AccessSet),
    Exports(Box<Workspace>, Box<Workspace>),
}

/// Reads `before`, loads it and drops its text, then reads `after`: each
/// file once, and at most one text held at a time. Both must be documents
/// or both exports.
pub(crate) fn pair(catalog: &Arc<Catalog>, before: &Path, after: &Path) -> Result<Pair, Fail> {
    let first = load(before)?;
    if first.kind == Kind::Document {
        let a = document_of(catalog, before, first)?;
        let second = load(after)?;
        if second.kind != Kind::Document {
            return Err(Fail::file(
                after,
                "is an export, but the other file is a document",
            ));
        }
        Ok(Pair::Documents(a, document_of(catalog, after, second)?))
    } else {
        let a = export_of(catalog, before, first)?;
        let second = load(after)?;
        if second.kind == Kind::Document {
            return Err(Fail::file(
                after,
                "is a document, but the other file is an export",
            ));
        }
        Ok(Pair::Exports(
            Box::new(a),
            Box::new(export_of(catalog, after, second)?),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{classify, Kind};

    #[test]
    fn kinds_come_from_a_scan() {
        assert_eq!(classify("  [1]"), Kind::Array);
        assert_eq!(classify("{\"role\":\"member\"}\n"), Kind::Document);
        assert_eq!(
            classify("{\n  \"role\": \"member\",\n  \"permissions\": {\"user\": 1}\n}"),
            Kind::Document
        );
        assert_eq!(classify("{\"user\":\"u1\",\"role\":\"admin\"}"), Kind::Lines);
        assert_eq!(
            classify("{\"\\u0075ser\":\"u1\",\"role\":\"admin\"}"),
            Kind::Lines
        );
        assert_eq!(classify("{\"a\":\"}{\\\"\",\"user\":1}"), Kind::Lines);
        assert_eq!(classify("{\"user\":\"a\"}\n\n{\"user\":\"b\"}\n"), Kind::Lines);
        assert_eq!(classify("{\"role\":\"member\"} x"), Kind::Document);
        assert_eq!(classify("{\"role\":"), Kind::Document);
        assert_eq!(classify("42"), Kind::Document);
        assert_eq!(classify("{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"), Kind::Document);
    }
}
