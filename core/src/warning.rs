//! What lenient parsing set aside (docs/reference.md#lenient-mode).

use crate::shown::shown;
use crate::vocab::Level;
use std::fmt;

/// One problem that lenient mode turned into a warning.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Warning {
    /// An unknown top-level field was ignored.
    UnknownField {
        /// The field.
        field: String,
    },
    /// An id the catalog does not know was dropped.
    UnknownArea {
        /// The id.
        id: String,
        /// The nearest known id, if close.
        suggestion: Option<String>,
    },
    /// A child above its parent's effective level was lowered to it.
    SubsectionExceedsParent {
        /// The child.
        id: String,
        /// What it stored.
        from: Level,
        /// What it stores now: its parent's effective level.
        to: Level,
        /// Its parent.
        parent: String,
    },
}

impl Warning {
    /// The same code as the error strict mode would raise.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::UnknownField { .. } => "unknown_field",
            Warning::UnknownArea { .. } => "unknown_area",
            Warning::SubsectionExceedsParent { .. } => "subsection_exceeds_parent",
        }
    }

    /// The field or id concerned.
    pub fn path(&self) -> &str {
        match self {
            Warning::UnknownField { field } => field,
            Warning::UnknownArea { id, .. } | Warning::SubsectionExceedsParent { id, .. } => id,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::UnknownField { field } => write!(f, "ignored unknown field {}", shown(field)),
            Warning::UnknownArea { id, suggestion } => {
                write!(f, "dropped unknown area {}", shown(id))?;
                match suggestion {
                    Some(s) => write!(f, ": did you mean {}?", shown(s)),
                    None => Ok(()),
                }
            }
            Warning::SubsectionExceedsParent { id, from, to, parent } => write!(
                f,
                "lowered {} from `{from}` to `{to}`: its parent {} is only `{to}`",
                shown(id),
                shown(parent)
            ),
        }
    }
}
