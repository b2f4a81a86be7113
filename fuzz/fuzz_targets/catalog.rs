//! Arbitrary bytes as a catalog (docs/reference.md#catalog-format).
//!
//! Beyond "no panic", whenever a catalog loads:
//! - there is at least one node; ids are unique, each a dotted path of
//!   `[a-z][a-z0-9_]*` segments; every node's parent precedes it, its id is
//!   the parent's id plus one segment, its depth is the parent's plus one,
//!   and the parent lists it among its children (in order);
//! - every id resolves to its own node (`get`, `node`);
//! - an access set can be built for each preset: of role `member`, with no
//!   child above a parent that is not `none`, whose canonical text re-parses
//!   strictly to an equal set; a member and an admin can be built too;
//! - capabilities have non-empty, repeat-free role and cluster lists, and an
//!   admin holds exactly those that list `admin` (nothing is implied).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Cluster, Level, Mode, Role};

fn segment_ok(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(b'a'..=b'z')) && b.all(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

fn check(catalog: Catalog) {
    let catalog = Arc::new(catalog);
    let nodes = catalog.nodes();
    assert!(!nodes.is_empty() && !catalog.is_empty());
    assert_eq!(catalog.len(), nodes.len());
    let mut seen = HashSet::new();
    for (i, node) in nodes.iter().enumerate() {
        assert_eq!(node.index(), i);
        assert!(seen.insert(node.id()), "repeated id {}", node.id());
        assert!(
            node.id().split('.').all(segment_ok),
            "malformed id {:?}",
            node.id()
        );
        match node.parent() {
            None => {
                assert_eq!(node.depth(), 0);
                assert!(!node.id().contains('.'));
            }
            Some(p) => {
                assert!(p < i, "parent of {} does not precede it", node.id());
                let parent = &nodes[p];
                assert_eq!(node.depth(), parent.depth() + 1);
                let rest = node
                    .id()
                    .strip_prefix(parent.id())
                    .and_then(|r| r.strip_prefix('.'));
                assert!(
                    rest.is_some_and(segment_ok),
                    "{} is not a child id of {}",
                    node.id(),
                    parent.id()
                );
                assert!(parent.children().contains(&i));
            }
        }
        assert!(node.children().windows(2).all(|w| w[0] < w[1]));
        for &c in node.children() {
            assert_eq!(nodes.get(c).and_then(|n| n.parent()), Some(i));
        }
        match catalog.get(node.id()) {
            Ok(found) => assert_eq!(found.index(), i),
            Err(e) => panic!("get({}) failed: {e}", node.id()),
        }
        assert_eq!(catalog.node(node.id()).map(|h| h.index()), Ok(i));
    }
    // Depth-first order: a node's subtree is contiguous, so a node whose
    // parent is p is followed by p's later children or their descendants.
    for (i, node) in nodes.iter().enumerate().skip(1) {
        let prev = &nodes[i - 1];
        let ok = match node.parent() {
            None => true,
            Some(p) => {
                p == i - 1 || {
                    // The previous node lies in the subtree of p's previous child.
                    let mut up = Some(i - 1);
                    let mut found = false;
                    while let Some(u) = up {
                        if nodes[u].parent() == Some(p) {
                            found = true;
                            break;
                        }
                        up = nodes[u].parent();
                    }
                    found
                }
            }
        };
        assert!(ok, "{} after {} breaks depth-first order", node.id(), prev.id());
    }
    assert!(catalog.areas().all(|n| n.parent().is_none()));

    let member = AccessSet::member(&catalog);
    assert!(member.levels().iter().all(|&l| l == Level::None));
    let admin = AccessSet::admin(&catalog);
    assert!(admin.levels().iter().all(|&l| l == Level::Edit));
    // Nothing is implied: an admin lacks a capability that lists only `member`.
    let caps_within = catalog.capabilities().iter().all(|c| {
        Cluster::ALL
            .iter()
            .all(|&cl| !c.holds(Role::Member, cl) || c.holds(Role::Admin, cl))
    });
    assert_eq!(member.within(&admin), Ok(caps_within));
    assert_eq!(admin.within(&member), Ok(false));

    let mut names = HashSet::new();
    for preset in catalog.presets() {
        assert!(names.insert(preset.name()), "repeated preset {}", preset.name());
        let set = match AccessSet::preset(&catalog, preset.name()) {
            Ok(set) => set,
            Err(e) => panic!("preset {} cannot be built: {e}", preset.name()),
        };
        assert_eq!(set.role(), Role::Member);
        for (i, node) in nodes.iter().enumerate() {
            let level = set.levels()[i];
            if let Some(p) = node.parent() {
                let up = set.levels()[p];
                assert!(level <= up);
                if up != Level::None {
                    let own = set.stored(node.id()).ok().flatten();
                    assert!(
                        own.is_none_or(|o| o <= up),
                        "preset {} breaks the parent rule",
                        preset.name()
                    );
                }
            }
        }
        let text = set.to_json();
        match AccessSet::parse(&catalog, &text, Mode::Strict) {
            Ok(again) => assert_eq!(again, set),
            Err(e) => panic!("preset {} canonical text {text} refused: {e}", preset.name()),
        }
        assert_eq!(set.within(&admin), Ok(caps_within));
        assert_eq!(member.within(&set), Ok(true));
    }
    let mut caps = HashSet::new();
    for cap in catalog.capabilities() {
        assert!(caps.insert(cap.name()), "repeated capability {}", cap.name());
        assert!(cap.name().split('.').all(segment_ok));
        assert!(!cap.roles().is_empty());
        assert!(cap.clusters().is_none_or(|c| !c.is_empty()));
        for cluster in Cluster::ALL {
            let listed = cap.clusters().is_none_or(|c| c.contains(&cluster));
            for role in Role::ALL {
                assert_eq!(cap.holds(role, cluster), listed && cap.roles().contains(&role));
            }
            assert_eq!(
                admin.capability(cap.name(), cluster),
                Ok(cap.holds(Role::Admin, cluster))
            );
            assert_eq!(
                member.capability(cap.name(), cluster),
                Ok(cap.holds(Role::Member, cluster))
            );
        }
    }
    // Unknown ids stay errors, whatever the catalog.
    for node in nodes.iter().take(4) {
        let typo = format!("{}x", node.id());
        if catalog.get(&typo).is_err() {
            assert_eq!(member.level(&typo).map_err(|e| e.code()), Err("unknown_area"));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let loaded = Catalog::from_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let again = Catalog::from_json(text);
        assert_eq!(
            again.as_ref().err().map(|e| e.code()),
            loaded.as_ref().err().map(|e| e.code())
        );
    }
    match loaded {
        Ok(catalog) => check(catalog),
        Err(e) => assert!(
            matches!(e.code(), "invalid_catalog" | "limit_exceeded"),
            "a catalog load failed with {e}"
        ),
    }
});
