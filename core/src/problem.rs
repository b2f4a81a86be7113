//! A problem with one record of a workspace export: its place (line and
//! record), its user, its code and the core's message. It sits low in the
//! crate, beside the error that lists problems, so neither reaches up into
//! the workspace that makes them. Its list of codes, [`Problem::CODES`], is
//! read from the error and warning lists, above both (`workspace/codes.rs`).

use crate::shown::shown;

/// A problem with one record of an export.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// 1-based line where the record starts; for records a host handed over
    /// as a list ([`Workspace::from_records_json`](crate::Workspace::from_records_json)), the record's 1-based position.
    pub line: usize,
    /// The record's 1-based position in the export (blank lines of JSON
    /// Lines are not records): it tells apart the records of a one-line
    /// export, whose problems are all on line 1.
    pub record: usize,
    /// The record's user id, when it has a readable one.
    pub user: Option<String>,
    /// One of [`Problem::CODES`]: the record's error code, a lenient
    /// warning's code, or [`Problem::DUPLICATE_USER`].
    pub code: &'static str,
    /// The offending field or id within the record.
    pub path: Option<String>,
    /// The core's message.
    pub message: String,
    /// True when the record was skipped; false for a lenient warning.
    pub fatal: bool,
}

impl Problem {
    /// The code of a record whose user id an earlier record already has.
    pub const DUPLICATE_USER: &'static str = "duplicate_user";
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(user) = &self.user {
            write!(f, ", user {}", shown(user))?;
        }
        write!(f, ": {} ({})", self.message, self.code)
    }
}
