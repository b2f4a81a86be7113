//! Arbitrary bytes as a stored document (docs/reference.md#validation), judged strictly and
//! leniently against the default catalog and a three-level one.
//!
//! Beyond "no panic", whenever parsing succeeds:
//! - strict success implies lenient success with no warnings and an equal
//!   set; lenient success without warnings implies strict success;
//! - when both fail, strict fails on a row of the precedence table no later than
//!   lenient's, and lenient never fails with a code it turns into a warning;
//! - the canonical text re-parses strictly to an equal set and the same text;
//! - every child's level is at most its parent's, and a parent at `none`
//!   leaves its children at `none`; no stored child is above a parent that is
//!   not `none` (strict refuses it, lenient clamps it);
//! - every effective level and `explain` reason equals the model's, computed
//!   from what the set says it stores;
//! - lenient warnings come grouped: fields, then ids, then clamped children;
//! - bytes that are UTF-8 give the same answer through `parse` and `parse_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use studio_permissions::{AccessSet, Action, Error, Level, Mode, Role};
use studio_permissions_test_support::{
    breaches, default_fixture, effective, parent, reason, tree3_fixture, Fixture, Stored,
};

/// The row of the precedence table (docs/reference.md#validation) an error code belongs to.
fn row(e: &Error) -> usize {
    match e.code() {
        "limit_exceeded" | "invalid_json" => 0,
        "duplicate_key" => 1,
        "invalid_document" => 2,
        "unknown_role" => 3,
        "unknown_area" => 4,
        "invalid_level" => 5,
        "subsection_exceeds_parent" => 6,
        other => panic!("a document parse failed with `{other}`: {e}"),
    }
}

fn check_set(f: &Fixture, set: &AccessSet, strict: bool) {
    let catalog = &f.catalog;
    // The canonical text round-trips.
    let text = set.to_json();
    match AccessSet::parse(catalog, &text, Mode::Strict) {
        Ok(again) => {
            assert_eq!(&again, set, "canonical text re-parses to another set: {text}");
            assert_eq!(again.to_json(), text);
            assert!(again.warnings().is_empty());
        }
        Err(e) => panic!("canonical text {text} refused: {e}"),
    }
    // The model, from what the set stores.
    let stored: Stored = f
        .ids
        .iter()
        .filter_map(|id| Some((id.to_string(), set.stored(id).ok()??)))
        .collect();
    assert!(
        breaches(f.ids, &stored).is_empty(),
        "a stored child above its parent survived parsing: {text}"
    );
    let role = set.role();
    let mut levels = Vec::with_capacity(f.ids.len());
    for (i, id) in f.ids.iter().enumerate() {
        let level = set.level(id).unwrap_or_else(|e| panic!("level({id}): {e}"));
        assert_eq!(level, effective(&stored, role, id), "level of {id} in {text}");
        assert_eq!(set.levels().get(i), Some(&level));
        if let Some(p) = parent(id) {
            let up = set.level(p).unwrap_or_else(|e| panic!("level({p}): {e}"));
            assert!(level <= up, "{id} above its parent in {text}");
            if up == Level::None {
                assert_eq!(level, Level::None, "{id} visible under a hidden parent");
            }
        }
        if role == Role::Admin {
            assert_eq!(level, Level::Edit);
        }
        levels.push(level);
    }
    for (id, _) in f
        .ids
        .iter()
        .zip(&levels)
        .filter(|(_, l)| **l >= Level::Read)
        .take(8)
    {
        let explanation = set
            .explain(id, Action::View)
            .unwrap_or_else(|e| panic!("explain({id}): {e}"));
        assert_eq!(
            explanation.reason,
            reason(&stored, role, id),
            "reason for {id} in {text}"
        );
        assert!(explanation.allowed);
    }
    let visible: Vec<&str> = set.visible().map(|n| n.id()).collect();
    let want: Vec<&str> = f
        .ids
        .iter()
        .zip(&levels)
        .filter(|(_, l)| **l >= Level::Read)
        .map(|(i, _)| *i)
        .collect();
    assert_eq!(visible, want);
    // Warnings: only in lenient mode, grouped in the order of docs/reference.md#lenient-mode.
    if strict {
        assert!(set.warnings().is_empty());
    }
    let groups: Vec<usize> = set
        .warnings()
        .iter()
        .map(|w| match w.code() {
            "unknown_field" => 0,
            "unknown_area" => 1,
            "subsection_exceeds_parent" => 2,
            other => panic!("unexpected warning code {other}"),
        })
        .collect();
    assert!(
        groups.windows(2).all(|w| w[0] <= w[1]),
        "warnings out of order: {groups:?}"
    );
}

fn judge(f: &Fixture, data: &[u8]) {
    let catalog = &f.catalog;
    let strict = AccessSet::parse_bytes(catalog, data, Mode::Strict);
    let lenient = AccessSet::parse_bytes(catalog, data, Mode::Lenient);
    if let Ok(text) = std::str::from_utf8(data) {
        let s = AccessSet::parse(catalog, text, Mode::Strict);
        assert_eq!(
            s.as_ref().map_err(Error::code),
            strict.as_ref().map_err(Error::code)
        );
        let l = AccessSet::parse(catalog, text, Mode::Lenient);
        assert_eq!(
            l.as_ref().map_err(Error::code),
            lenient.as_ref().map_err(Error::code)
        );
    }
    match (&strict, &lenient) {
        (Ok(s), Ok(l)) => {
            assert!(
                l.warnings().is_empty(),
                "strict accepted what lenient warned about"
            );
            assert_eq!(s, l);
            assert_eq!(s.to_json(), l.to_json());
        }
        (Ok(_), Err(e)) => panic!("strict accepted what lenient refused: {e}"),
        (Err(e), Ok(l)) => assert!(
            !l.warnings().is_empty(),
            "lenient accepted without a warning what strict refused: {e}"
        ),
        (Err(s), Err(l)) => {
            assert!(
                !matches!(l.code(), "unknown_area" | "subsection_exceeds_parent"),
                "lenient failed with {l}"
            );
            assert!(row(s) <= row(l), "strict {s} comes after lenient {l}");
            // Text faults and repeated keys do not depend on the mode.
            if row(s) <= 1 || row(l) <= 1 {
                assert_eq!(s.code(), l.code());
            }
        }
    }
    if let Err(e) = &strict {
        let _ = row(e);
        assert!(!e.to_string().is_empty());
    }
    if let Ok(s) = &strict {
        check_set(f, s, true);
    }
    if let Ok(l) = &lenient {
        check_set(f, l, false);
    }
}

fuzz_target!(|data: &[u8]| {
    judge(default_fixture(), data);
    judge(tree3_fixture(), data);
});
