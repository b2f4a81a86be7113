//! Reading the files a command names: the catalog, documents and exports.
//! Every way a file can be unusable (missing, a directory, unreadable, not
//! UTF-8, empty) is a [`Fail`] naming the path and the reason: exit 2.

use crate::progress;
use crate::Fail;
use std::path::Path;
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Mode, Workspace};

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
    let text = read(path)?;
    Catalog::from_json(&text)
        .map(Arc::new)
        .map_err(|e| Fail::file(path, crate::markup::terminal(&format!("{e} ({})", e.code()))))
}

/// The UTF-8 text of a file; a directory, an unreadable file, bytes that are
/// not UTF-8 and an empty file are refused.
pub(crate) fn read(path: &Path) -> Result<String, Fail> {
    if path.is_dir() {
        return Err(Fail::file(path, "is a directory"));
    }
    let bytes = std::fs::read(path).map_err(|e| Fail::file(path, io_reason(&e)))?;
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

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot be read ({e})"),
    }
}

/// Reads a file and decides what it holds: a JSON object is a document, an
/// array an export, and several lines of objects JSON Lines. A single JSON
/// object with a `user` field is one record of JSON Lines (a document has
/// no such field).
pub(crate) fn load(path: &Path) -> Result<Text, Fail> {
    let text = read(path)?;
    let kind = classify(&text);
    Ok(Text { text, kind })
}

pub(crate) fn classify(text: &str) -> Kind {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return Kind::Array;
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(fields)) if fields.contains_key("user") => Kind::Lines,
        Ok(_) => Kind::Document,
        Err(_) => {
            let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            let records = lines.len() > 1 && lines.iter().all(|l| l.starts_with('{') && l.ends_with('}'));
            if records {
                Kind::Lines
            } else {
                Kind::Document
            }
        }
    }
}

/// The access document in a file, parsed strictly; one that does not parse
/// is unusable input.
pub(crate) fn document(catalog: &Arc<Catalog>, path: &Path) -> Result<AccessSet, Fail> {
    let loaded = load(path)?;
    if loaded.kind != Kind::Document {
        return Err(Fail::file(path, "is an export, not a single access document"));
    }
    AccessSet::parse(catalog, &loaded.text, Mode::Strict).map_err(|e| {
        Fail::file(
            path,
            crate::markup::terminal(&format!("{e} ({}); `lint` lists every problem", e.code())),
        )
    })
}

/// The export in a file, loaded strictly; one with problems is unusable
/// input (`lint` lists them).
pub(crate) fn export(catalog: &Arc<Catalog>, path: &Path) -> Result<Workspace, Fail> {
    export_and_kind(catalog, path).map(|(workspace, _)| workspace)
}

/// [`export`], with the form it was written in (JSON array or JSON Lines).
pub(crate) fn export_and_kind(catalog: &Arc<Catalog>, path: &Path) -> Result<(Workspace, Kind), Fail> {
    let loaded = load(path)?;
    let workspace = match loaded.kind {
        Kind::Document => return Err(Fail::file(path, "is a single access document, not an export")),
        Kind::Array => progress::loading(path, &loaded.text, || {
            Workspace::from_json(catalog, &loaded.text, Mode::Strict)
        }),
        Kind::Lines => progress::loading(path, &loaded.text, || {
            Workspace::from_json_lines(catalog, &loaded.text, Mode::Strict)
        }),
    };
    workspace.map(|w| (w, loaded.kind)).map_err(|e| {
        Fail::file(
            path,
            crate::markup::terminal(&format!("{e} ({}); `lint` lists every problem", e.code())),
        )
    })
}
