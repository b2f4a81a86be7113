//! What lenient parsing set aside (docs/reference.md#lenient-mode).

use crate::catalog::Catalog;
use crate::resolve::Clamp;
use crate::shown::shown;
use crate::vocab::Level;
use std::fmt;
use std::sync::{Arc, OnceLock};

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

impl Warning {
    /// The warning for a child that lenient mode lowered to its parent's
    /// level: the one wording of a clamp, eager or lazy.
    pub(crate) fn lowered(catalog: &Catalog, clamp: &Clamp) -> Warning {
        let node = catalog.node_at(clamp.index);
        let parent = node.and_then(|n| n.parent()).and_then(|p| catalog.node_at(p));
        Warning::SubsectionExceedsParent {
            id: node.map(|n| n.id().to_string()).unwrap_or_default(),
            from: clamp.from,
            to: clamp.to,
            parent: parent.map(|p| p.id().to_string()).unwrap_or_default(),
        }
    }
}

/// A set's warnings as its judgment left them: those it worded (unknown
/// fields and ids, in document order), then the children it lowered (in
/// catalog order), which are worded only when the warnings are first read,
/// so a lenient load that clamps pays a few bytes per clamp, not its words.
/// Nothing is allocated for a set without warnings.
#[derive(Debug, Clone, Default)]
pub(crate) struct Warnings(Option<Arc<Lazy>>);

#[derive(Debug)]
struct Lazy {
    worded: Vec<Warning>,
    lowered: Vec<Clamp>,
    all: OnceLock<Vec<Warning>>,
}

impl Warnings {
    pub(crate) fn new(worded: Vec<Warning>, lowered: Vec<Clamp>) -> Warnings {
        if worded.is_empty() && lowered.is_empty() {
            return Warnings(None);
        }
        Warnings(Some(Arc::new(Lazy {
            worded,
            lowered,
            all: OnceLock::new(),
        })))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Every warning, in order: the worded ones, then each lowered child.
    pub(crate) fn get(&self, catalog: &Catalog) -> &[Warning] {
        match &self.0 {
            None => &[],
            Some(lazy) if lazy.lowered.is_empty() => &lazy.worded,
            Some(lazy) => lazy.all.get_or_init(|| {
                let lowered = lazy.lowered.iter().map(|c| Warning::lowered(catalog, c));
                lazy.worded.iter().cloned().chain(lowered).collect()
            }),
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
