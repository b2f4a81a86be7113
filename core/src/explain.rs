//! Why a decision came out as it did (docs/reference.md#explain).

use crate::vocab::{Action, Level, Role};
use std::fmt;

/// The reason code of a decision: the first of these that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The role is admin.
    AdminRole,
    /// Some ancestor's effective level is `none`.
    ParentNone,
    /// The node's own stored level decides.
    Explicit,
    /// The node stores nothing and takes its parent's level.
    Inherited,
    /// A root that stores nothing.
    NotGranted,
}

impl Reason {
    /// Every reason, in the order they are tried.
    pub const ALL: [Reason; 5] = [
        Reason::AdminRole,
        Reason::ParentNone,
        Reason::Explicit,
        Reason::Inherited,
        Reason::NotGranted,
    ];

    /// Its position in [`Reason::ALL`] (the declaration order): the code the
    /// bindings' vocabulary tables use. Total: every member has one.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The wire name, e.g. `parent_none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::AdminRole => "admin_role",
            Reason::ParentNone => "parent_none",
            Reason::Explicit => "explicit",
            Reason::Inherited => "inherited",
            Reason::NotGranted => "not_granted",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One node on the path from the root to the node asked about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChainLink {
    /// The node's full id.
    pub id: String,
    /// What the node stores, if anything.
    pub stored: Option<Level>,
    /// The node's effective level for this user.
    pub level: Level,
}

/// A decision with everything that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Explanation {
    /// The node asked about.
    pub id: String,
    /// The action asked about.
    pub action: Action,
    /// The user's role.
    pub role: Role,
    /// The decision.
    pub allowed: bool,
    /// The node's effective level.
    pub level: Level,
    /// The level the action needs.
    pub required: Level,
    /// Why the level is what it is.
    pub reason: Reason,
    /// The root first, the node asked about last.
    pub chain: Vec<ChainLink>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.allowed { "allowed" } else { "denied" };
        write!(
            f,
            "{verdict}: `{}` on `{}` needs `{}`, the level is `{}` ({})",
            self.action, self.id, self.required, self.level, self.reason
        )
    }
}
