//! Every problem of every record of an export, for reviewers and linters.
//!
//! A strict load reports each bad record once, with its first fault; here the
//! records that failed are read again and judged by [`crate::validate`], so a
//! record with three mistakes shows three, each with its line and user. Clean
//! records cost nothing more than the strict load.

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::json::items::Items;
use crate::json::{self, Json};
use crate::limits;
use crate::problem::Problem;
use crate::validate;
use crate::vocab::Mode;
use crate::workspace::Workspace;
use std::sync::Arc;

/// The fields of a record that are not part of its access document.
const USER_FIELDS: [&str; 3] = ["user", "name", "email"];

impl Workspace {
    /// Every problem of a JSON export: each bad record's problems in the
    /// order of the error table then document order (a fault in `user`,
    /// `name` or `email` first), every repeated user. Empty exactly when a
    /// strict [`Workspace::from_json`] succeeds; text that is not a JSON
    /// array is the error.
    pub fn lint_json(catalog: &Arc<Catalog>, text: &str) -> Result<Vec<Problem>> {
        let problems = match Workspace::from_json(catalog, text, Mode::Strict) {
            Ok(_) => return Ok(Vec::new()),
            Err(Error::InvalidWorkspace { problems }) => problems,
            Err(e) => return Err(e),
        };
        // Records are found again by their position (several records may
        // share a line: a one-line export has them all on line 1). A syntax
        // fault ends the reading (the strict load reported it); a record over
        // the size limit has no value.
        let mut records: Vec<Option<Json>> = Items::new(text, limits::MAX_DOCUMENT_BYTES)
            .map(|(_, value)| value.ok())
            .collect();
        Ok(expand(catalog, problems, |p| {
            records.get_mut(p.record.checked_sub(1)?).and_then(Option::take)
        }))
    }

    /// [`Workspace::lint_json`] for JSON Lines (UTF-8 bytes).
    pub fn lint_json_lines(catalog: &Arc<Catalog>, bytes: &[u8]) -> Vec<Problem> {
        let problems = match Workspace::from_json_lines_bytes(catalog, bytes, Mode::Strict) {
            Ok(_) => return Vec::new(),
            Err(Error::InvalidWorkspace { problems }) => problems,
            Err(e) => {
                return vec![Problem {
                    line: 1,
                    record: 1,
                    user: None,
                    code: e.code(),
                    path: e.path().map(String::from),
                    message: e.to_string(),
                    fatal: true,
                }]
            }
        };
        let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let record = |p: &Problem| {
            let text = json::utf8(lines.get(p.line.checked_sub(1)?)?).ok()?;
            json::parse(text.strip_suffix('\r').unwrap_or(text)).ok()
        };
        expand(catalog, problems, record)
    }
}

/// Replaces each record's first problem by every problem of its document.
fn expand(
    catalog: &Catalog,
    problems: Vec<Problem>,
    mut record: impl FnMut(&Problem) -> Option<Json>,
) -> Vec<Problem> {
    let mut out = Vec::with_capacity(problems.len());
    for p in problems {
        let document = match record_document(&p, &mut record) {
            Some(d) => d,
            None => {
                out.push(p);
                continue;
            }
        };
        let user_fault =
            p.code == "invalid_document" && p.path.as_deref().is_some_and(|f| USER_FIELDS.contains(&f));
        let (line, number, user) = (p.line, p.record, p.user.clone());
        if user_fault {
            out.push(p);
        }
        out.extend(
            validate::problems_of(catalog, &document)
                .into_iter()
                .map(|d| Problem {
                    line,
                    record: number,
                    user: user.clone(),
                    code: d.code,
                    path: d.path,
                    message: d.message,
                    fatal: true,
                }),
        );
    }
    out
}

/// The access document of the record a problem is about, when the problem
/// is about its content (not its JSON text, its size, or a repeated user).
fn record_document(p: &Problem, record: &mut impl FnMut(&Problem) -> Option<Json>) -> Option<Json> {
    if matches!(p.code, "invalid_json" | "duplicate_key" | "limit_exceeded")
        || p.code == Problem::DUPLICATE_USER
    {
        return None;
    }
    let Json::Object(fields) = record(p)? else {
        return None;
    };
    let document = fields
        .into_iter()
        .filter(|(k, _)| !USER_FIELDS.contains(&k.as_str()))
        .collect();
    Some(Json::Object(document))
}
