//! The one error type of the crate. Its `code()` strings are the contract shared
//! with Python (`exc.code`) and Node (`err.code`); messages are written here once
//! so that every language shows the same text.

use crate::explain::Explanation;
use crate::shown::shown;

/// Every failure the crate reports. Match on [`Error::code`] for a stable string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not JSON under RFC 8259, or exceeds a parser limit.
    #[error("invalid JSON at line {line}, column {column}: {reason}")]
    InvalidJson {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column (in characters) of the fault.
        column: usize,
        /// What was wrong there.
        reason: String,
    },
    /// An object key appears twice in one object (compared after unescaping).
    #[error("duplicate key {} in a JSON object", shown(key))]
    DuplicateKey {
        /// The repeated key.
        key: String,
    },
    /// The JSON is well formed but not the shape of an access document.
    #[error("invalid document: {reason}")]
    InvalidDocument {
        /// The offending field or id; empty for the document as a whole.
        path: String,
        /// What was wrong.
        reason: String,
    },
    /// A role other than `admin` or `member`.
    #[error("unknown role {}: expected `admin` or `member`", shown(role))]
    UnknownRole {
        /// The role as given.
        role: String,
        /// Where it was found: `role` in a document, the text itself in a query.
        path: String,
    },
    /// An id the catalog does not know.
    #[error("unknown area {}{}", shown(id), did_you_mean(suggestion))]
    UnknownArea {
        /// The id as given.
        id: String,
        /// The id the typo most likely meant: the nearest within Levenshtein
        /// distance 2, else the one equal ignoring case, else the only one with
        /// that last segment (see [`crate::limits::STEPS_PER_NAME`] for its cost).
        suggestion: Option<String>,
    },
    /// A level name that is not `none`, `read` or `edit`.
    #[error(
        "invalid level {}{}: expected `none`, `read` or `edit`",
        shown(level),
        for_id(id)
    )]
    InvalidLevel {
        /// The level as given.
        level: String,
        /// The id it was given for, when there is one.
        id: Option<String>,
    },
    /// A sub-section stored above its parent's effective level.
    #[error(
        "{} cannot be `{level}`: its parent {} is only `{parent_level}`",
        shown(id),
        shown(parent)
    )]
    SubsectionExceedsParent {
        /// The child.
        id: String,
        /// The level it asked for.
        level: crate::Level,
        /// Its parent.
        parent: String,
        /// The parent's effective level (never `none`).
        parent_level: crate::Level,
    },
    /// A catalog that cannot be loaded.
    #[error("invalid catalog: {reason}")]
    InvalidCatalog {
        /// The offending id, name or field; empty for the catalog as a whole.
        path: String,
        /// What was wrong.
        reason: String,
    },
    /// A catalog migration that cannot be loaded.
    #[error("invalid migration: {reason}")]
    InvalidMigration {
        /// The offending source id or field; empty for the migration as a whole.
        path: String,
        /// What was wrong.
        reason: String,
    },
    /// An action other than `view`, `create`, `edit`, `delete`.
    #[error(
        "unknown action {}: expected `view`, `create`, `edit` or `delete`{}",
        shown(action),
        did_you_mean(suggestion)
    )]
    UnknownAction {
        /// The action as given.
        action: String,
        /// The nearest action, if one is close (`edti`: `edit`).
        suggestion: Option<String>,
    },
    /// A capability the catalog does not list.
    #[error("unknown capability {}{}", shown(name), did_you_mean(suggestion))]
    UnknownCapability {
        /// The capability as given.
        name: String,
        /// The nearest known capability, if one is close.
        suggestion: Option<String>,
    },
    /// A cluster other than `standard` or `enterprise`.
    #[error("unknown cluster {}: expected `standard` or `enterprise`", shown(cluster))]
    UnknownCluster {
        /// The cluster as given.
        cluster: String,
    },
    /// A preset the catalog does not list.
    #[error("unknown preset {}{}", shown(name), did_you_mean(suggestion))]
    UnknownPreset {
        /// The preset as given.
        name: String,
        /// The nearest known preset, if one is close.
        suggestion: Option<String>,
    },
    /// An input beyond a documented limit (see [`crate::limits`]).
    #[error("{what} is {size} bytes, beyond the limit of {limit} bytes")]
    LimitExceeded {
        /// What was too large: `the document`, `the catalog`.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A workspace export with wrong records (strict mode): every problem.
    #[error("invalid workspace: {} problem{}; the first: {}", problems.len(), if problems.len() == 1 { "" } else { "s" }, first_problem(problems))]
    InvalidWorkspace {
        /// Every problem, in record order.
        problems: Vec<crate::problem::Problem>,
    },
    /// `require` refused: the explanation says why.
    #[error("{}", denial(.0))]
    PermissionDenied(Box<Explanation>),
    /// `require_capability` refused: the role does not hold the capability
    /// on that cluster. Its code is `permission_denied`, like a refused check.
    #[error("permission denied: the capability `{name}` is not held by the role `{role}` on the cluster `{cluster}`")]
    CapabilityDenied {
        /// The capability asked for.
        name: String,
        /// The cluster asked about.
        cluster: crate::Cluster,
        /// The user's role.
        role: crate::Role,
    },
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!(": did you mean {}?", shown(s)),
        None => String::new(),
    }
}

fn first_problem(problems: &[crate::problem::Problem]) -> String {
    problems.first().map(ToString::to_string).unwrap_or_default()
}

fn for_id(id: &Option<String>) -> String {
    match id {
        Some(id) => format!(" for {}", shown(id)),
        None => String::new(),
    }
}

fn denial(e: &Explanation) -> String {
    format!(
        "permission denied: `{}` on {} needs `{}`, the level is `{}` ({})",
        e.action,
        shown(&e.id),
        e.required,
        e.level,
        e.reason
    )
}

/// Who can raise an error code: the judgment of a stored document (so a
/// workspace record can have it as a problem), or only other calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Raised {
    ByADocument,
    Elsewhere,
}

/// The one list of error codes, in declaration order, each with who can
/// raise it. [`Error::CODES`] is its first column, and the codes of a
/// workspace problem are read from it (`workspace/codes.rs`).
pub(crate) const CODE_LIST: [(&str, Raised); 16] = [
    ("invalid_json", Raised::ByADocument),
    ("duplicate_key", Raised::ByADocument),
    ("invalid_document", Raised::ByADocument),
    ("unknown_role", Raised::ByADocument),
    ("unknown_area", Raised::ByADocument),
    ("invalid_level", Raised::ByADocument),
    ("subsection_exceeds_parent", Raised::ByADocument),
    ("invalid_catalog", Raised::Elsewhere),
    ("invalid_migration", Raised::Elsewhere),
    ("unknown_action", Raised::Elsewhere),
    ("unknown_capability", Raised::Elsewhere),
    ("unknown_cluster", Raised::Elsewhere),
    ("unknown_preset", Raised::Elsewhere),
    ("limit_exceeded", Raised::ByADocument),
    ("invalid_workspace", Raised::Elsewhere),
    ("permission_denied", Raised::Elsewhere),
];

/// The codes of a list of rows.
const fn first_column<const N: usize>(rows: [(&'static str, Raised); N]) -> [&'static str; N] {
    let mut codes = [""; N];
    let mut i = 0;
    while i < N {
        codes[i] = rows[i].0;
        i += 1;
    }
    codes
}

impl Error {
    /// Every code [`Error::code`] can return, in declaration order.
    pub const CODES: [&'static str; 16] = first_column(CODE_LIST);

    /// The stable code (docs/reference.md#errors), identical in every language.
    pub fn code(&self) -> &'static str {
        // Indexes into CODES, so the list and the match cannot disagree; a
        // unit test checks that every entry is some variant's code.
        Self::CODES[match self {
            Error::InvalidJson { .. } => 0,
            Error::DuplicateKey { .. } => 1,
            Error::InvalidDocument { .. } => 2,
            Error::UnknownRole { .. } => 3,
            Error::UnknownArea { .. } => 4,
            Error::InvalidLevel { .. } => 5,
            Error::SubsectionExceedsParent { .. } => 6,
            Error::InvalidCatalog { .. } => 7,
            Error::InvalidMigration { .. } => 8,
            Error::UnknownAction { .. } => 9,
            Error::UnknownCapability { .. } => 10,
            Error::UnknownCluster { .. } => 11,
            Error::UnknownPreset { .. } => 12,
            Error::LimitExceeded { .. } => 13,
            Error::InvalidWorkspace { .. } => 14,
            Error::PermissionDenied(_) | Error::CapabilityDenied { .. } => 15,
        }]
    }

    /// The offending id or field, when the error has one.
    ///
    /// For document faults it is a location (`role`, `permissions`, a node id, an
    /// unknown field); for query faults it is the offending argument (the id, the
    /// action, the capability, the cluster, the preset).
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::InvalidJson { .. } | Error::LimitExceeded { .. } => None,
            Error::DuplicateKey { key } => Some(key),
            Error::InvalidDocument { path, .. }
            | Error::InvalidCatalog { path, .. }
            | Error::InvalidMigration { path, .. } => (!path.is_empty()).then_some(path.as_str()),
            Error::UnknownRole { path, .. } => Some(path),
            Error::UnknownArea { id, .. } => Some(id),
            Error::InvalidLevel { id, level } => Some(id.as_deref().unwrap_or(level)),
            Error::SubsectionExceedsParent { id, .. } => Some(id),
            Error::UnknownAction { action, .. } => Some(action),
            Error::UnknownCapability { name, .. }
            | Error::UnknownPreset { name, .. }
            | Error::CapabilityDenied { name, .. } => Some(name),
            Error::UnknownCluster { cluster } => Some(cluster),
            Error::PermissionDenied(e) => Some(&e.id),
            Error::InvalidWorkspace { problems } => problems.first().and_then(|p| p.user.as_deref()),
        }
    }

    /// The structured fields of the error beyond its code, message and path,
    /// so that every binding attaches the same ones (see [`Details`]).
    pub fn details(&self) -> Details<'_> {
        let mut details = Details::default();
        match self {
            Error::UnknownArea { suggestion, .. }
            | Error::UnknownAction { suggestion, .. }
            | Error::UnknownCapability { suggestion, .. }
            | Error::UnknownPreset { suggestion, .. } => {
                details.suggestion = Some(suggestion.as_deref());
            }
            Error::InvalidJson { line, column, .. } => {
                details.line = Some(*line);
                details.column = Some(*column);
            }
            Error::LimitExceeded { size, limit, .. } => {
                details.size = Some(*size);
                details.limit = Some(*limit);
            }
            _ => {}
        }
        details
    }

    /// The explanation carried by a `permission_denied` error.
    pub fn explanation(&self) -> Option<&Explanation> {
        match self {
            Error::PermissionDenied(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn catalog(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidCatalog {
            path: path.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn document(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidDocument {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// The structured fields an [`Error`] carries besides its code, message and
/// path: what a caller needs to point at the fault or offer a fix without
/// parsing the message. A field is `None` when the error kind has no such fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Details<'a> {
    /// For an unknown area, action, capability or preset: `Some(Some(name))` with the
    /// nearest known name, `Some(None)` when nothing is close enough.
    pub suggestion: Option<Option<&'a str>>,
    /// For `invalid_json`: the 1-based line of the fault.
    pub line: Option<usize>,
    /// For `invalid_json`: the 1-based column (in characters) of the fault.
    pub column: Option<usize>,
    /// For `limit_exceeded`: the input's size in bytes.
    pub size: Option<usize>,
    /// For `limit_exceeded`: the limit in bytes.
    pub limit: Option<usize>,
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `limit_exceeded` when `size` is beyond `limit` (one of [`crate::limits`]);
/// `what` names the input in the message. It lives here rather than beside
/// the limits so that the limits import nothing.
pub(crate) fn within_limit(what: &'static str, size: usize, limit: usize) -> Result<()> {
    if size > limit {
        Err(Error::LimitExceeded { what, size, limit })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Error;
    use crate::{Cluster, Role};

    /// One error of each variant; the match below stops compiling when a
    /// variant is added without a sample here.
    fn one_of_each() -> Vec<Error> {
        let text = || String::from("x");
        let samples = vec![
            Error::InvalidJson {
                line: 1,
                column: 1,
                reason: text(),
            },
            Error::DuplicateKey { key: text() },
            Error::document("", "x"),
            Error::UnknownRole {
                role: text(),
                path: text(),
            },
            Error::UnknownArea {
                id: text(),
                suggestion: None,
            },
            Error::InvalidLevel {
                level: text(),
                id: None,
            },
            Error::SubsectionExceedsParent {
                id: text(),
                level: crate::Level::Edit,
                parent: text(),
                parent_level: crate::Level::Read,
            },
            Error::catalog("", "x"),
            Error::InvalidMigration {
                path: text(),
                reason: text(),
            },
            Error::UnknownAction {
                action: text(),
                suggestion: None,
            },
            Error::UnknownCapability {
                name: text(),
                suggestion: None,
            },
            Error::UnknownCluster { cluster: text() },
            Error::UnknownPreset {
                name: text(),
                suggestion: None,
            },
            Error::LimitExceeded {
                what: "the document",
                size: 2,
                limit: 1,
            },
            Error::InvalidWorkspace { problems: Vec::new() },
            Error::CapabilityDenied {
                name: text(),
                cluster: Cluster::Standard,
                role: Role::Member,
            },
        ];
        for e in &samples {
            match e {
                Error::InvalidJson { .. }
                | Error::DuplicateKey { .. }
                | Error::InvalidDocument { .. }
                | Error::UnknownRole { .. }
                | Error::UnknownArea { .. }
                | Error::InvalidLevel { .. }
                | Error::SubsectionExceedsParent { .. }
                | Error::InvalidCatalog { .. }
                | Error::InvalidMigration { .. }
                | Error::UnknownAction { .. }
                | Error::UnknownCapability { .. }
                | Error::UnknownCluster { .. }
                | Error::UnknownPreset { .. }
                | Error::LimitExceeded { .. }
                | Error::InvalidWorkspace { .. }
                | Error::PermissionDenied(_)
                | Error::CapabilityDenied { .. } => {}
            }
        }
        samples
    }

    #[test]
    fn codes_lists_each_variants_code_once_in_order() {
        let produced: Vec<&str> = one_of_each().iter().map(Error::code).collect();
        assert_eq!(produced, Error::CODES);
        let unique: std::collections::BTreeSet<&str> = Error::CODES.iter().copied().collect();
        assert_eq!(unique.len(), Error::CODES.len());
    }
}
