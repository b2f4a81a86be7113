//! # studio-permissions
//!
//! Who may see and change what in an Agent Studio workspace. This crate holds
//! every rule; the Python and Node packages only translate to it.
//!
//! ```
//! use studio_permissions::{AccessSet, Action, Catalog, Level, Mode};
//!
//! let catalog = Catalog::builtin();
//! let doc = r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#;
//! let set = AccessSet::parse(&catalog, doc, Mode::Strict)?;
//! assert_eq!(set.level("knowledge.faqs")?, Level::Edit);          // inherited
//! assert!(!set.can("knowledge.sources", Action::Edit)?);       // restricted
//! assert!(!set.can("analytics", "view")?);                    // never granted
//! assert_eq!(set.level("knowlege.faqs").unwrap_err().to_string(),
//!            "unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?");
//! # Ok::<(), studio_permissions::Error>(())
//! ```
//!
//! The rules are written down in `docs/reference.md` in the repository; the conformance
//! vectors in `tests/conformance` run against this crate and both packages.

#![deny(missing_docs)]

mod access;
mod catalog;
mod diff;
mod diff_review;
mod document;
mod error;
mod explain;
mod heat;
pub mod http;
mod json;
pub mod limits;
mod lint;
mod migration;
mod migration_review;
mod problem;
mod render;
mod resolve;
mod schema;
mod shown;
mod stream;
mod suggest;
mod validate;
mod view;
mod vocab;
mod workspace;

pub use access::AccessSet;
pub use json::text_from_utf16;

/// The README's Rust tour, compiled and run as a doc test.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
pub use catalog::{Capability, Catalog, Node, NodeHandle, Preset};
pub use diff::{CapabilityChange, Diff, Direction, LevelChange};
pub use error::{Details, Error, Result};
pub use explain::{ChainLink, Explanation, Reason};
pub use heat::HEAT_ROWS;
pub use migration::{Cause, Migrated, Migration, MigrationReport, Reduction, UserLoss, WorkspaceMigration};
pub use migration_review::{DROPPED_REASON, REVIEW_LIMIT};
pub use problem::Problem;
pub use render::{html_text, json_safe, message_html, message_markdown, terminal_text};

pub use document::warning::Warning;
pub use schema::SCHEMA_DIALECT;
pub use stream::ReadError;
pub use validate::DocumentProblem;
pub use view::{ViewOptions, VIEW_VERSION};
pub use vocab::{Action, ActionArg, Cluster, ClusterArg, Level, LevelArg, Mode, Role, RoleArg};
pub use workspace::{
    ClusterCapabilityChange, PresetMatch, RecordField, RecordVisitor, User, UserChange, Workspace,
    WorkspaceDiff,
};
