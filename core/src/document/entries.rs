//! A stored document a host already holds as strings: the role and the
//! `(id, level)` entries, judged without writing and re-reading JSON text.
//!
//! A binding that walks a host dictionary (Python `from_dict`) hands its
//! strings to [`AccessSet::from_entries`](crate::AccessSet::from_entries)
//! instead of serialising them; the judgment is the one of `document/mod.rs`
//! (or its fast path), so the answers, codes, messages and paths are those of
//! the text `{"role": role, "permissions": {id: level, ...}}`.

use crate::catalog::Catalog;
use crate::error::{within_limit, Error, Result};
use crate::json::Json;
use crate::limits;
use crate::vocab::{Level, Role};
use rustc_hash::FxHashSet;

/// Bytes the compact text of a document with these strings takes at least:
/// `{"role":"…","permissions":{}}` and `"id":"level",` per entry. Escapes
/// only lengthen it.
fn text_len_at_least(role: &str, entries: &[(&str, &str)]) -> usize {
    let fields = r#"{"role":"","permissions":{}}"#.len() + role.len();
    entries
        .iter()
        .fold(fields, |n, (id, level)| n + id.len() + level.len() + 6)
}

/// `limit_exceeded` for entries whose text would pass the document limit,
/// checked before anything is judged, as the text's size would be.
pub(crate) fn within_document_limit(role: &str, entries: &[(&str, &str)]) -> Result<()> {
    within_limit(
        "the document",
        text_len_at_least(role, entries),
        limits::MAX_DOCUMENT_BYTES,
    )
}

/// Whether the compact text of the document that stores `stored` (per node,
/// catalog order) is within the document limit: `{"role":"…","permissions":{}}`
/// and `"id":"level"` per entry, commas between. A catalog's ids and the
/// level and role names need no escapes, so this is the text's exact size.
pub(crate) fn compact_text_within_limit(catalog: &Catalog, role: Role, stored: &[Option<Level>]) -> bool {
    let fields = r#"{"role":"","permissions":{}}"#.len() + role.as_str().len();
    let size = catalog
        .nodes()
        .iter()
        .zip(stored)
        .filter_map(|(node, level)| Some(node.id().len() + (*level)?.as_str().len() + 6))
        .fold(fields, usize::saturating_add);
    // One comma fewer than entries: counting one per entry errs by one byte
    // on the safe side.
    size <= limits::MAX_DOCUMENT_BYTES
}

/// The tree of the document `{"role": role, "permissions": {id: level, ...}}`
/// for the full judgment. An id given twice is `duplicate_key`, as in the
/// text, where the reader refuses it before the document is judged.
pub(crate) fn tree(role: &str, entries: &[(&str, &str)]) -> Result<Json> {
    if entries.len() > 1 {
        let mut seen = FxHashSet::with_capacity_and_hasher(entries.len(), Default::default());
        if let Some((id, _)) = entries.iter().find(|(id, _)| !seen.insert(*id)) {
            return Err(Error::DuplicateKey { key: id.to_string() });
        }
    }
    let permissions = entries
        .iter()
        .map(|(id, level)| (id.to_string(), Json::String(level.to_string())))
        .collect();
    Ok(Json::Object(vec![
        ("role".to_string(), Json::String(role.to_string())),
        ("permissions".to_string(), Json::Object(permissions)),
    ]))
}

#[cfg(test)]
mod tests {
    use crate::access::AccessSet;
    use crate::catalog::Catalog;
    use crate::limits;
    use crate::vocab::{Level, Mode, Role};

    /// The text the entries stand for, written the way a host's JSON writer would.
    fn text(role: &str, entries: &[(&str, &str)]) -> String {
        let permissions: Vec<String> = entries
            .iter()
            .map(|(id, level)| format!("{}:{}", serde_json::json!(id), serde_json::json!(level)))
            .collect();
        format!(
            r#"{{"role":{},"permissions":{{{}}}}}"#,
            serde_json::json!(role),
            permissions.join(",")
        )
    }

    fn same_as_text(role: &str, entries: &[(&str, &str)], mode: Mode) {
        let catalog = Catalog::builtin();
        let held = AccessSet::from_entries(&catalog, role, entries, mode);
        let parsed = AccessSet::parse(&catalog, &text(role, entries), mode);
        assert_eq!(
            held.is_ok(),
            parsed.is_ok(),
            "entries gave {held:?}, the text gave {parsed:?}"
        );
        match (held, parsed) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b);
                assert_eq!(a.warnings(), b.warnings());
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.code(), b.code());
                assert_eq!(a.to_string(), b.to_string());
                assert_eq!(a.path(), b.path());
            }
            _ => {}
        }
    }

    #[test]
    fn judged_as_the_text_it_stands_for() {
        for mode in [Mode::Strict, Mode::Lenient] {
            same_as_text("member", &[], mode);
            same_as_text("admin", &[("knowledge", "edit")], mode);
            same_as_text(
                "member",
                &[("knowledge", "read"), ("knowledge.faqs", "edit")],
                mode,
            );
            same_as_text("member", &[("knowlege", "read")], mode);
            same_as_text("member", &[("knowledge", "write")], mode);
            same_as_text("owner", &[("knowledge", "read")], mode);
            same_as_text("member", &[("knowledge", "read"), ("knowledge", "edit")], mode);
            same_as_text("member", &[("unknown", "bad"), ("knowledge", "read")], mode);
        }
    }

    proptest::proptest! {
        // The plain-entries fast path and the full judgment agree on every
        // mix of known and unknown roles, ids and levels, repeated ids and
        // children above their parents.
        #[test]
        fn any_entries_are_judged_as_their_text(
            role in proptest::sample::select(vec!["member", "admin", "owner", "Member", ""]),
            entries in proptest::collection::vec(
                (
                    proptest::sample::select(
                        Catalog::builtin()
                            .nodes()
                            .iter()
                            .map(|n| n.id().to_string())
                            .chain(["knowlege".to_string(), "é".to_string(), String::new()])
                            .collect::<Vec<_>>(),
                    ),
                    proptest::sample::select(vec!["none", "read", "edit", "write", "Read", ""]),
                ),
                0..10,
            ),
            lenient in proptest::bool::ANY,
        ) {
            let entries: Vec<(&str, &str)> = entries.iter().map(|(id, level)| (id.as_str(), *level)).collect();
            same_as_text(role, &entries, if lenient { Mode::Lenient } else { Mode::Strict });
        }
    }

    proptest::proptest! {
        // Stored levels a host read from plain data are judged as the text of
        // their entries, in any order: the same set and warnings, or `None`
        // exactly when a strict parse refuses the text.
        #[test]
        fn stored_levels_are_judged_as_their_text(
            admin in proptest::bool::ANY,
            levels in proptest::collection::vec(
                proptest::sample::select(vec![None, Some(Level::None), Some(Level::Read), Some(Level::Edit)]),
                Catalog::builtin().len(),
            ),
            reversed in proptest::bool::ANY,
            lenient in proptest::bool::ANY,
        ) {
            let catalog = Catalog::builtin();
            let (role, mode) = (
                if admin { Role::Admin } else { Role::Member },
                if lenient { Mode::Lenient } else { Mode::Strict },
            );
            let mut entries: Vec<(&str, &str)> = catalog
                .nodes()
                .iter()
                .zip(&levels)
                .filter_map(|(node, level)| Some((node.id(), (*level)?.as_str())))
                .collect();
            if reversed {
                entries.reverse();
            }
            let parsed = AccessSet::parse(&catalog, &text(role.as_str(), &entries), mode);
            match AccessSet::from_stored(&catalog, role, levels, mode) {
                Some(set) => {
                    let parsed = parsed.map_err(|e| e.to_string());
                    proptest::prop_assert_eq!(Ok(&set), parsed.as_ref());
                    proptest::prop_assert_eq!(Ok(set.warnings()), parsed.as_ref().map(|p| p.warnings()));
                    proptest::prop_assert_eq!(set.has_warnings(), !set.warnings().is_empty());
                }
                None => proptest::prop_assert!(!lenient && parsed.is_err()),
            }
        }
    }

    #[test]
    fn stored_levels_of_another_length_are_left_to_the_full_judgment() {
        let catalog = Catalog::builtin();
        assert!(AccessSet::from_stored(&catalog, Role::Member, vec![None; 3], Mode::Lenient).is_none());
    }

    #[test]
    fn an_oversized_document_is_refused_before_it_is_judged() {
        let catalog = Catalog::builtin();
        let long = "x".repeat(limits::MAX_DOCUMENT_BYTES);
        let err = AccessSet::from_entries(&catalog, "member", &[(long.as_str(), "read")], Mode::Strict);
        assert_eq!(err.map(|_| ()).map_err(|e| e.code()), Err("limit_exceeded"));
    }
}
