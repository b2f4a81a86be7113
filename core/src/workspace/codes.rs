//! The codes a workspace problem can have, read from the lists they come
//! from rather than written again: the error codes a stored document can
//! raise (the one list in `error.rs`), the warnings lenient mode keeps, and
//! [`Problem::DUPLICATE_USER`]. Computed when the crate compiles.

use crate::document::warning::Warning;
use crate::error::{Raised, CODE_LIST};
use crate::problem::Problem;

impl Problem {
    /// Every code a problem can have: the errors a record can raise, the
    /// warnings a lenient load keeps, and [`Problem::DUPLICATE_USER`], each
    /// once, in that order.
    pub const CODES: [&'static str; COLLECTED.1] = first(COLLECTED.0);
}

/// Room for every code of the three sources.
const ROOM: usize = CODE_LIST.len() + Warning::CODES.len() + 1;

/// The codes in their order, each once, and how many there are.
const COLLECTED: ([&str; ROOM], usize) = collect();

const fn collect() -> ([&'static str; ROOM], usize) {
    let mut codes = [""; ROOM];
    let mut count = 0;
    let mut i = 0;
    while i < CODE_LIST.len() {
        if matches!(CODE_LIST[i].1, Raised::ByADocument) {
            count = add(&mut codes, count, CODE_LIST[i].0);
        }
        i += 1;
    }
    let mut i = 0;
    while i < Warning::CODES.len() {
        count = add(&mut codes, count, Warning::CODES[i]);
        i += 1;
    }
    count = add(&mut codes, count, Problem::DUPLICATE_USER);
    (codes, count)
}

/// Puts `code` after the first `count` codes unless it is among them; gives
/// the new count.
const fn add(codes: &mut [&'static str; ROOM], count: usize, code: &'static str) -> usize {
    let mut i = 0;
    while i < count {
        if same(codes[i], code) {
            return count;
        }
        i += 1;
    }
    codes[count] = code;
    count + 1
}

/// `a == b`, which a constant cannot call on strings yet.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The first `N` codes.
const fn first<const N: usize>(codes: [&'static str; ROOM]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = codes[i];
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_problem_codes_are_the_document_errors_then_the_warnings_then_duplicate_user() {
        assert_eq!(
            Problem::CODES,
            [
                "invalid_json",
                "duplicate_key",
                "invalid_document",
                "unknown_role",
                "unknown_area",
                "invalid_level",
                "subsection_exceeds_parent",
                "limit_exceeded",
                "unknown_field",
                "duplicate_user",
            ]
        );
    }
}
