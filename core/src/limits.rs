//! The documented limits on input. Beyond them the answer is an error
//! (`limit_exceeded`, or `invalid_json` for nesting: docs/reference.md#limits), never
//! memory exhaustion or a stack overflow.

use crate::error::{Error, Result};

/// Deepest nesting of arrays and objects in any JSON text.
pub const MAX_DEPTH: usize = 64;

/// Largest access document accepted, in bytes of JSON text. A document that
/// stores every node of the default catalog is about 1.3 KB.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// Largest catalog accepted, in bytes of JSON text.
pub const MAX_CATALOG_BYTES: usize = 16 << 20;

pub(crate) fn check(what: &'static str, size: usize, limit: usize) -> Result<()> {
    if size > limit {
        Err(Error::LimitExceeded { what, size, limit })
    } else {
        Ok(())
    }
}
