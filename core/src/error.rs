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
    /// An action other than `view`, `create`, `edit`, `delete`.
    #[error(
        "unknown action {}: expected `view`, `create`, `edit` or `delete`",
        shown(action)
    )]
    UnknownAction {
        /// The action as given.
        action: String,
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
        problems: Vec<crate::workspace::Problem>,
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

fn first_problem(problems: &[crate::workspace::Problem]) -> String {
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

impl Error {
    /// Every code [`Error::code`] can return.
    pub const CODES: [&'static str; 15] = [
        "invalid_json",
        "duplicate_key",
        "invalid_document",
        "unknown_role",
        "unknown_area",
        "invalid_level",
        "subsection_exceeds_parent",
        "invalid_catalog",
        "unknown_action",
        "unknown_capability",
        "unknown_cluster",
        "unknown_preset",
        "limit_exceeded",
        "invalid_workspace",
        "permission_denied",
    ];

    /// The stable code (docs/reference.md#errors), identical in every language.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidJson { .. } => "invalid_json",
            Error::DuplicateKey { .. } => "duplicate_key",
            Error::InvalidDocument { .. } => "invalid_document",
            Error::UnknownRole { .. } => "unknown_role",
            Error::UnknownArea { .. } => "unknown_area",
            Error::InvalidLevel { .. } => "invalid_level",
            Error::SubsectionExceedsParent { .. } => "subsection_exceeds_parent",
            Error::InvalidCatalog { .. } => "invalid_catalog",
            Error::UnknownAction { .. } => "unknown_action",
            Error::UnknownCapability { .. } => "unknown_capability",
            Error::UnknownCluster { .. } => "unknown_cluster",
            Error::UnknownPreset { .. } => "unknown_preset",
            Error::InvalidWorkspace { .. } => "invalid_workspace",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::PermissionDenied(_) | Error::CapabilityDenied { .. } => "permission_denied",
        }
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
            Error::InvalidDocument { path, .. } | Error::InvalidCatalog { path, .. } => {
                (!path.is_empty()).then_some(path.as_str())
            }
            Error::UnknownRole { path, .. } => Some(path),
            Error::UnknownArea { id, .. } => Some(id),
            Error::InvalidLevel { id, level } => Some(id.as_deref().unwrap_or(level)),
            Error::SubsectionExceedsParent { id, .. } => Some(id),
            Error::UnknownAction { action } => Some(action),
            Error::UnknownCapability { name, .. }
            | Error::UnknownPreset { name, .. }
            | Error::CapabilityDenied { name, .. } => Some(name),
            Error::UnknownCluster { cluster } => Some(cluster),
            Error::PermissionDenied(e) => Some(&e.id),
            Error::InvalidWorkspace { problems } => problems.first().and_then(|p| p.user.as_deref()),
        }
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

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
