//! Every problem of a document at once, for reviewers and linters.
//!
//! A strict parse stops at the first row of the error table that applies;
//! `validate` walks the same rows and keeps going, so a document with three
//! mistakes shows three. The rows and their order are those of
//! [`crate::document`]: the first problem found here is the error a strict
//! parse raises (the conformance tests hold every shared vector to that).

use crate::access::AccessSet;
use crate::catalog::Catalog;
use crate::error::{within_limit, Error};
use crate::json::{self, Json};
use crate::limits;
use crate::resolve;
use crate::vocab::{Level, Role};
use std::sync::Arc;

/// One problem of a document: the error code, where, and the core's message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentProblem {
    /// The error code a strict parse would raise for this problem.
    pub code: &'static str,
    /// The offending field or id, when there is one.
    pub path: Option<String>,
    /// The message, the same text as the error's.
    pub message: String,
}

impl From<Error> for DocumentProblem {
    fn from(e: Error) -> Self {
        DocumentProblem {
            code: e.code(),
            path: e.path().map(String::from),
            message: e.to_string(),
        }
    }
}

impl std::fmt::Display for DocumentProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl AccessSet {
    /// Every problem a strict parse of `text` would meet, in the order of the
    /// error table and then document order. Empty exactly when
    /// [`AccessSet::parse`] in strict mode succeeds; otherwise the first
    /// problem has the code of the error that parse raises. Text that is not
    /// JSON, or repeats a key, is one problem: reading stops there.
    pub fn validate(catalog: &Arc<Catalog>, text: &str) -> Vec<DocumentProblem> {
        if let Err(e) = within_limit("the document", text.len(), limits::MAX_DOCUMENT_BYTES) {
            return vec![e.into()];
        }
        match json::parse(text) {
            Ok(value) => problems_of(catalog, &value),
            Err(e) => vec![e.into()],
        }
    }

    /// [`AccessSet::validate`] from UTF-8 bytes.
    pub fn validate_bytes(catalog: &Arc<Catalog>, bytes: &[u8]) -> Vec<DocumentProblem> {
        match json::utf8(bytes) {
            Ok(text) => AccessSet::validate(catalog, text),
            Err(e) => vec![e.into()],
        }
    }
}

/// Every problem of an already read document value, table order then
/// document order.
pub(crate) fn problems_of(catalog: &Catalog, value: &Json) -> Vec<DocumentProblem> {
    let Json::Object(fields) = value else {
        let e = Error::document(
            "",
            format!("the document must be a JSON object, found {}", value.kind()),
        );
        return vec![e.into()];
    };
    let mut shape = Vec::new();
    let mut role = None;
    let mut role_seen = false;
    let mut entries: &[(String, Json)] = &[];
    for (key, value) in fields {
        match (key.as_str(), value) {
            ("role", Json::String(r)) => {
                role_seen = true;
                role = Some(r.as_str());
            }
            ("role", other) => {
                role_seen = true;
                shape.push(Error::document(
                    "role",
                    format!("`role` must be a string, found {}", other.kind()),
                ));
            }
            ("permissions", Json::Object(list)) => {
                for (id, level) in list.iter().filter(|(_, l)| !matches!(l, Json::String(_))) {
                    shape.push(Error::document(
                        id.as_str(),
                        format!("the level of `{id}` must be a string, found {}", level.kind()),
                    ));
                }
                entries = list;
            }
            ("permissions", other) => shape.push(Error::document(
                "permissions",
                format!("`permissions` must be an object, found {}", other.kind()),
            )),
            (field, _) => shape.push(Error::document(field, format!("unknown field `{field}`"))),
        }
    }
    if !role_seen {
        shape.push(Error::document("role", "missing field `role`"));
    }

    let mut roles = Vec::new();
    if let Some(r) = role {
        if Role::parse(r).is_err() {
            roles.push(Error::UnknownRole {
                role: r.to_string(),
                path: "role".to_string(),
            });
        }
    }

    let mut ids = Vec::new();
    let mut known = Vec::with_capacity(entries.len());
    for (id, _) in entries {
        match catalog.lookup(id) {
            Some(_) => known.push(id.as_str()),
            None => ids.push(catalog.unknown_area(id)),
        }
    }

    let mut levels = Vec::new();
    let mut stored = vec![None; catalog.len()];
    for (id, level) in entries {
        let Json::String(level) = level else { continue };
        match Level::parse(level) {
            Ok(level) => {
                if let Some(slot) = catalog.lookup(id).and_then(|index| stored.get_mut(index)) {
                    *slot = Some(level);
                }
            }
            Err(_) => levels.push(Error::InvalidLevel {
                level: level.clone(),
                id: Some(id.clone()),
            }),
        }
    }

    let excess = resolve::every_excess(catalog, &stored, known.iter().copied());

    [shape, roles, ids, levels, excess]
        .into_iter()
        .flatten()
        .map(DocumentProblem::from)
        .collect()
}
