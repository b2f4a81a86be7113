//! The documented limits on input. Beyond them the answer is an error
//! (`limit_exceeded`, or `invalid_json` for nesting: docs/reference.md#limits), never
//! memory exhaustion or a stack overflow.

/// Deepest nesting of arrays and objects in any JSON text.
pub const MAX_DEPTH: usize = 64;

/// Largest access document accepted, in bytes of JSON text. A document that
/// stores every node of the default catalog is about 1.3 KB.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// Largest catalog accepted, in bytes of JSON text.
pub const MAX_CATALOG_BYTES: usize = 16 << 20;

/// Longest full dotted id of a catalog node, and longest capability or
/// preset name, in bytes. Thirty levels of 33-letter segments fit.
pub const MAX_ID_BYTES: usize = 1024;

/// Most bytes of full dotted ids in one catalog. A child's full id repeats
/// its parent's, so without this bound a 1 MB catalog could ask for
/// gigabytes; with it, ids cost at most twice this figure in memory.
pub const MAX_CATALOG_ID_BYTES: usize = 16 << 20;

/// Largest workspace export accepted in one call, in bytes of text.
pub const MAX_EXPORT_BYTES: usize = 1 << 30;

/// Longest echoed name shown whole in a message, in characters; a longer
/// one shows its first [`SHOWN_PREFIX_CHARS`] characters and its length.
pub const MAX_SHOWN_CHARS: usize = 128;

/// Characters of a cut name that a message keeps.
pub const SHOWN_PREFIX_CHARS: usize = 64;

/// The most distance steps spent on one unknown name.
pub const STEPS_PER_NAME: usize = 1 << 18;

/// The most distance steps spent on all the unknown names of one document
/// (a workspace export counts as one document).
pub const STEPS_PER_DOCUMENT: usize = 1 << 22;
