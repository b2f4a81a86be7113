//! Arbitrary bytes as a migration from the default catalog to the 2027
//! navigation (docs/reference.md#catalog-migrations).
//!
//! Beyond "no panic", whenever a migration loads:
//! - it is refused only as `invalid_migration` or `limit_exceeded`, and the
//!   same way from bytes and from text;
//! - every preset, an admin and a member migrate; no mapped content
//!   escalates (each target of a source id is at most its old level); the
//!   migrated document re-parses strictly on the target to an equal set;
//! - `sources` and `targets` agree with each other, and `can_reduce` is true
//!   whenever a reduction is reported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};
use studio_permissions::{AccessSet, Catalog, Migration, Mode};

fn target() -> Arc<Catalog> {
    static TARGET: OnceLock<Arc<Catalog>> = OnceLock::new();
    TARGET
        .get_or_init(|| {
            match Catalog::from_json(include_str!("../../examples/catalogs/navigation-2027.json")) {
                Ok(c) => Arc::new(c),
                Err(e) => panic!("the 2027 example catalog is refused: {e}"),
            }
        })
        .clone()
}

fn check(m: &Migration, source: &Arc<Catalog>, target: &Arc<Catalog>) {
    for node in source.nodes() {
        let targets = m.targets(node.id()).unwrap_or_default();
        for t in &targets {
            let back = m.sources(t.id()).unwrap_or_default();
            assert!(
                back.iter().any(|s| s.id() == node.id()),
                "{} -> {} not mirrored",
                node.id(),
                t.id()
            );
        }
    }
    let mut sets = vec![AccessSet::admin(source), AccessSet::member(source)];
    for preset in source.presets() {
        if let Ok(s) = AccessSet::preset(source, preset.name()) {
            sets.push(s);
        }
    }
    for set in &sets {
        let out = match m.apply(set) {
            Ok(out) => out,
            Err(e) => panic!("apply failed: {e}"),
        };
        let access = out.access();
        assert_eq!(access.role(), set.role());
        let member_old = AccessSet::parse(
            source,
            &set.with_role("member").map(|s| s.to_json()).unwrap_or_default(),
            Mode::Strict,
        );
        let member_new = access.with_role("member");
        if let (Ok(old), Ok(new)) = (member_old, member_new) {
            for node in source.nodes() {
                let before = old.level(node.id()).unwrap_or(studio_permissions::Level::Edit);
                for t in m.targets(node.id()).unwrap_or_default() {
                    let after = new.level(t.id()).unwrap_or(studio_permissions::Level::Edit);
                    assert!(after <= before, "{} -> {} escalated", node.id(), t.id());
                }
            }
        }
        match AccessSet::parse(target, &access.to_json(), Mode::Strict) {
            Ok(again) => assert_eq!(&again, access),
            Err(e) => panic!("migrated document refused: {e}"),
        }
        if !out.reductions().is_empty() {
            assert!(m.can_reduce(), "a reduction from a migration that cannot reduce");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let source = Catalog::builtin();
    let target = target();
    let loaded = Migration::from_bytes(data, &source, &target);
    if let Ok(text) = std::str::from_utf8(data) {
        let again = Migration::from_json(text, &source, &target);
        assert_eq!(
            again.as_ref().err().map(|e| e.code()),
            loaded.as_ref().err().map(|e| e.code())
        );
    }
    match loaded {
        Ok(m) => check(&m, &source, &target),
        Err(e) => assert!(
            matches!(e.code(), "invalid_migration" | "limit_exceeded"),
            "a migration load failed with {e}"
        ),
    }
});
