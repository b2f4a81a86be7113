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
    /// Every code [`Warning::code`] can return, in declaration order.
    pub const CODES: [&'static str; 3] = ["unknown_field", "unknown_area", "subsection_exceeds_parent"];

    /// The same code as the error strict mode would raise (`unknown_field`
    /// for a field strict mode refuses as an invalid document).
    pub fn code(&self) -> &'static str {
        // Indexes into CODES, so the list and the match cannot disagree.
        match self {
            Warning::UnknownField { .. } => Self::CODES[0],
            Warning::UnknownArea { .. } => Self::CODES[1],
            Warning::SubsectionExceedsParent { .. } => Self::CODES[2],
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
