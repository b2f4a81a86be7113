//! The small closed vocabularies of the contract: levels, actions, roles,
//! clusters, parse modes. Each parses from its exact lowercase name only.

use crate::error::{Error, Result};
use crate::suggest::{Budget, Known, Names};
use std::fmt;

/// An access level, ordered `None < Read < Edit` (docs/reference.md#levels-and-actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Hidden: absent from the navigation tree.
    None = 0,
    /// May view.
    Read = 1,
    /// May view, create, edit and delete.
    Edit = 2,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 3] = [Level::None, Level::Read, Level::Edit];

    /// Its position in [`Level::ALL`] (the declaration order): the code the
    /// bindings' vocabulary tables use. Total: every member has one.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The wire name: `none`, `read` or `edit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Read => "read",
            Level::Edit => "edit",
        }
    }

    /// Parses an exact, lowercase level name.
    pub fn parse(text: &str) -> Result<Level> {
        match text {
            "none" => Ok(Level::None),
            "read" => Ok(Level::Read),
            "edit" => Ok(Level::Edit),
            _ => Err(Error::InvalidLevel {
                level: text.to_string(),
                id: None,
            }),
        }
    }
}

/// Something a user does to content; each needs a level (docs/reference.md#levels-and-actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Needs `read`.
    View,
    /// Needs `edit`.
    Create,
    /// Needs `edit`.
    Edit,
    /// Needs `edit`.
    Delete,
}

impl Action {
    /// Every action, in documented order.
    pub const ALL: [Action; 4] = [Action::View, Action::Create, Action::Edit, Action::Delete];

    /// Its position in [`Action::ALL`] (the declaration order): the code the
    /// bindings' vocabulary tables use. Total: every member has one.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::View => "view",
            Action::Create => "create",
            Action::Edit => "edit",
            Action::Delete => "delete",
        }
    }

    /// The level the action needs.
    pub fn required(self) -> Level {
        match self {
            Action::View => Level::Read,
            Action::Create | Action::Edit | Action::Delete => Level::Edit,
        }
    }

    /// Parses an exact, lowercase action name.
    pub fn parse(text: &str) -> Result<Action> {
        match text {
            "view" => Ok(Action::View),
            "create" => Ok(Action::Create),
            "edit" => Ok(Action::Edit),
            "delete" => Ok(Action::Delete),
            _ => Err(Error::UnknownAction {
                action: text.to_string(),
                suggestion: Names::new(ACTION_NAMES).suggest(&ActionNames, text, &mut Budget::query()),
            }),
        }
    }
}

/// The actions' names, in the order messages list them.
const ACTION_NAMES: [&str; 4] = ["view", "create", "edit", "delete"];

/// The actions' names, as suggestions see them.
struct ActionNames;

impl Known for ActionNames {
    fn name_at(&self, position: usize) -> Option<&str> {
        ACTION_NAMES.get(position).copied()
    }
    fn position_of(&self, name: &str) -> Option<usize> {
        ACTION_NAMES.iter().position(|&a| a == name)
    }
}

/// A workspace account role (docs/reference.md#roles-and-capabilities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Edit on every node; the capabilities that list `admin`.
    Admin,
    /// Levels come from the stored permissions.
    Member,
}

impl Role {
    /// Both roles.
    pub const ALL: [Role; 2] = [Role::Admin, Role::Member];

    /// Its position in [`Role::ALL`] (the declaration order): the code the
    /// bindings' vocabulary tables use. Total: every member has one.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }

    /// Parses an exact, lowercase role name.
    pub fn parse(text: &str) -> Result<Role> {
        match text {
            "admin" => Ok(Role::Admin),
            "member" => Ok(Role::Member),
            _ => Err(Error::UnknownRole {
                role: text.to_string(),
                path: text.to_string(),
            }),
        }
    }
}

/// The cluster a workspace runs on; some capabilities need one (docs/reference.md#clusters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cluster {
    /// The default.
    #[default]
    Standard,
    /// Enterprise clusters.
    Enterprise,
}

impl Cluster {
    /// Both clusters.
    pub const ALL: [Cluster; 2] = [Cluster::Standard, Cluster::Enterprise];

    /// Its position in [`Cluster::ALL`] (the declaration order): the code the
    /// bindings' vocabulary tables use. Total: every member has one.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Cluster::Standard => "standard",
            Cluster::Enterprise => "enterprise",
        }
    }

    /// Parses an exact, lowercase cluster name.
    pub fn parse(text: &str) -> Result<Cluster> {
        match text {
            "standard" => Ok(Cluster::Standard),
            "enterprise" => Ok(Cluster::Enterprise),
            _ => Err(Error::UnknownCluster {
                cluster: text.to_string(),
            }),
        }
    }
}

/// How a document is judged (docs/reference.md#lenient-mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Every problem is an error (the default).
    #[default]
    Strict,
    /// Unknown ids are dropped, children above their parent clamped and
    /// unknown top-level fields ignored, each with a warning.
    Lenient,
}

macro_rules! display_and_arg {
    ($($ty:ident => $trait:ident :: $method:ident),* $(,)?) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// A typed value or its wire name, parsed when the call reaches it so
        /// that arguments are checked left to right (docs/reference.md#queries).
        pub trait $trait {
            /// The typed value, or the error naming the text.
            fn $method(self) -> Result<$ty>;
        }

        impl $trait for $ty {
            fn $method(self) -> Result<$ty> {
                Ok(self)
            }
        }

        impl $trait for &str {
            fn $method(self) -> Result<$ty> {
                $ty::parse(self)
            }
        }

        impl $trait for &String {
            fn $method(self) -> Result<$ty> {
                $ty::parse(self)
            }
        }
    )*};
}

display_and_arg!(
    Level => LevelArg::into_level,
    Action => ActionArg::into_action,
    Role => RoleArg::into_role,
    Cluster => ClusterArg::into_cluster,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_action_suggests_the_nearest() {
        let e = Action::parse("edti").err();
        let suggestion = |e: &Option<Error>| {
            e.as_ref()
                .and_then(|e| e.details().suggestion.flatten().map(String::from))
        };
        assert_eq!(suggestion(&e), Some("edit".to_string()));
        assert_eq!(
            e.map(|e| e.to_string()).unwrap_or_default(),
            "unknown action `edti`: expected `view`, `create`, `edit` or `delete`: did you mean `edit`?"
        );
        assert_eq!(suggestion(&Action::parse("VIEW").err()), Some("view".to_string()));
        let far = Action::parse("publish").err();
        assert_eq!(far.as_ref().map(|e| e.details().suggestion), Some(Some(None)));
    }

    #[test]
    fn names_round_trip_and_are_exact() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Ok(l));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Ok(a));
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        for c in Cluster::ALL {
            assert_eq!(Cluster::parse(c.as_str()), Ok(c));
        }
        assert_eq!(Level::parse("Read").map_err(|e| e.code()), Err("invalid_level"));
        assert_eq!(Level::parse("").map_err(|e| e.code()), Err("invalid_level"));
        assert_eq!(Action::parse("View").map_err(|e| e.code()), Err("unknown_action"));
        assert_eq!(Role::parse("owner").map_err(|e| e.code()), Err("unknown_role"));
        assert_eq!(
            Cluster::parse("gov").map_err(|e| e.code()),
            Err("unknown_cluster")
        );
    }

    #[test]
    fn each_index_is_the_position_in_all() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(all: &[T], index: fn(T) -> usize) {
            for (at, &value) in all.iter().enumerate() {
                assert_eq!(index(value), at, "{value:?}");
            }
        }
        check(&Level::ALL, Level::index);
        check(&Action::ALL, Action::index);
        check(&Role::ALL, Role::index);
        check(&Cluster::ALL, Cluster::index);
        check(&crate::Direction::ALL, crate::Direction::index);
        check(&crate::Reason::ALL, crate::Reason::index);
    }

    #[test]
    fn levels_are_ordered_and_actions_need_levels() {
        assert!(Level::None < Level::Read && Level::Read < Level::Edit);
        assert_eq!(Action::View.required(), Level::Read);
        assert_eq!(Action::Delete.required(), Level::Edit);
    }
}
