//! A whole workspace: many users' access, loaded from an export, and the
//! questions a security review asks of it (who can do what, what changed).
//!
//! Each user is judged by the same code as a single document (docs/reference.md#validation); the
//! workspace then keeps only the levels in flat columns, so a query over
//! 100,000 users is one strided pass over bytes.
//!
//! One file per concern, each reading only those listed before it:
//! `storage` (the columns and [`User`]), `load` (exports into storage),
//! `query` (who can do what), `diff` (two snapshots compared) and `export`
//! (the records written back); `codes` lists the codes a problem can have.

mod codes;
mod diff;
mod export;
mod load;
mod query;
mod storage;

pub use diff::{ClusterCapabilityChange, UserChange, WorkspaceDiff};
pub use export::{RecordField, RecordVisitor};
pub use query::PresetMatch;
pub use storage::{User, Workspace};
