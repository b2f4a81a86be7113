//! Property tests against the model of the rules in the test-support crate
//! (`test-support/src/model.rs`, shared with the fuzz targets), written apart
//! from the dense representation: ids are strings, stored levels a BTreeMap,
//! and each effective level is computed by walking up the dotted id.

use proptest::prelude::*;
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Cluster, Level, Mode};
use studio_permissions_test_support::{breaches, clamp, is_descendant, member_level, parent, Stored};

// ---- generated catalogs ----------------------------------------------------

#[derive(Debug, Clone)]
struct Tree {
    /// Ids in catalog order (depth-first, parents first).
    ids: Vec<String>,
}

impl Tree {
    fn knows(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    fn catalog_json(&self) -> String {
        fn node(tree: &Tree, id: &str) -> String {
            let segment = id.rsplit('.').next().unwrap_or(id);
            let children: Vec<String> = tree
                .ids
                .iter()
                .filter(|c| parent(c) == Some(id))
                .map(|c| node(tree, c))
                .collect();
            format!(
                r#"{{"id":"{segment}","name":"{segment}","children":[{}]}}"#,
                children.join(",")
            )
        }
        let roots: Vec<String> = self
            .ids
            .iter()
            .filter(|i| parent(i).is_none())
            .map(|r| node(self, r))
            .collect();
        format!(
            r#"{{"areas":[{}],"capabilities":{{"a.admin":{{"roles":["admin"]}},"m.any":{{"roles":["member","admin"]}},"e.admin":{{"roles":["admin"],"clusters":["enterprise"]}}}}}}"#,
            roots.join(",")
        )
    }
}

// ---- generators ------------------------------------------------------------

fn tree() -> impl Strategy<Value = Tree> {
    // Each node: how many children (0..=3), up to depth 4.
    prop::collection::vec(0usize..4, 1..40).prop_map(|fanouts| {
        let mut ids = Vec::new();
        let mut fan = fanouts.into_iter().cycle();
        fn grow(
            prefix: Option<&str>,
            depth: usize,
            n: usize,
            fan: &mut impl Iterator<Item = usize>,
            ids: &mut Vec<String>,
        ) {
            for k in 0..n {
                let id = match prefix {
                    Some(p) => format!("{p}.n{k}"),
                    None => format!("a{k}"),
                };
                ids.push(id.clone());
                if depth < 4 {
                    let children = fan.next().unwrap_or(0);
                    grow(Some(&id), depth + 1, children, fan, ids);
                }
            }
        }
        let roots = fan.next().unwrap_or(1).max(1);
        grow(None, 1, roots, &mut fan, &mut ids);
        Tree { ids }
    })
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::None), Just(Level::Read), Just(Level::Edit)]
}

/// A tree and a document over it: some known ids, maybe a few unknown ones.
fn tree_and_doc() -> impl Strategy<Value = (Tree, Vec<(String, Level)>, bool)> {
    tree().prop_flat_map(|tree| {
        let n = tree.ids.len();
        let entry = (0..n + 2, level());
        (Just(tree), prop::collection::vec(entry, 0..12), any::<bool>()).prop_map(|(tree, entries, admin)| {
            let mut seen = std::collections::BTreeSet::new();
            let doc = entries
                .into_iter()
                .filter_map(|(i, l)| {
                    let id = tree
                        .ids
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("zz{i}.unknown"));
                    seen.insert(id.clone()).then_some((id, l))
                })
                .collect();
            (tree, doc, admin)
        })
    })
}

fn doc_text(entries: &[(String, Level)], admin: bool) -> String {
    let body: Vec<String> = entries.iter().map(|(id, l)| format!(r#""{id}":"{l}""#)).collect();
    let role = if admin { "admin" } else { "member" };
    format!(r#"{{"role":"{role}","permissions":{{{}}}}}"#, body.join(","))
}

fn load(tree: &Tree) -> Arc<Catalog> {
    match Catalog::from_json(&tree.catalog_json()) {
        Ok(c) => Arc::new(c),
        Err(e) => unreachable!("generated catalog rejected: {e}"),
    }
}

fn known(tree: &Tree, entries: &[(String, Level)]) -> Vec<(String, Level)> {
    entries.iter().filter(|(id, _)| tree.knows(id)).cloned().collect()
}

// ---- properties ------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn lenient_matches_the_model_and_never_fails_on_unknown_ids((tree, entries, admin) in tree_and_doc()) {
        let catalog = load(&tree);
        let set = AccessSet::parse(&catalog, &doc_text(&entries, admin), Mode::Lenient);
        prop_assert!(set.is_ok(), "{:?}", set.err());
        let Ok(set) = set else { return Ok(()) };
        let mut stored: Stored = known(&tree, &entries).into_iter().collect();
        let clamped = clamp(&tree.ids, &mut stored, |_| true).len();
        let unknown = entries.len() - known(&tree, &entries).len();
        prop_assert_eq!(set.warnings().len(), unknown + clamped);
        for id in &tree.ids {
            let want = if admin { Level::Edit } else { member_level(&stored, id) };
            prop_assert_eq!(set.level(id), Ok(want), "{}", id);
            prop_assert_eq!(set.stored(id), Ok(stored.get(id).copied()));
        }
    }

    #[test]
    fn strict_accepts_exactly_what_lenient_accepts_without_warnings((tree, entries, admin) in tree_and_doc()) {
        let catalog = load(&tree);
        let text = doc_text(&entries, admin);
        let strict = AccessSet::parse(&catalog, &text, Mode::Strict);
        let lenient = AccessSet::parse(&catalog, &text, Mode::Lenient);
        let clean = matches!(&lenient, Ok(s) if s.warnings().is_empty());
        prop_assert_eq!(strict.is_ok(), clean);
        if let (Ok(s), Ok(l)) = (&strict, &lenient) {
            prop_assert_eq!(s, l);
        }
        // And strict agrees with the model on which fault comes first.
        let stored: Stored = known(&tree, &entries).into_iter().collect();
        let want = if entries.iter().any(|(id, _)| !tree.knows(id)) {
            Some("unknown_area")
        } else if !breaches(&tree.ids, &stored).is_empty() {
            Some("subsection_exceeds_parent")
        } else {
            None
        };
        prop_assert_eq!(strict.as_ref().err().map(|e| e.code()), want);
    }

    #[test]
    fn resolution_invariants_hold((tree, entries, admin) in tree_and_doc()) {
        let catalog = load(&tree);
        let Ok(set) = AccessSet::parse(&catalog, &doc_text(&entries, admin), Mode::Lenient) else {
            return Err(TestCaseError::fail("lenient failed"));
        };
        for (node, level) in set.effective() {
            prop_assert_eq!(set.level(node.id()), Ok(level));
            if let Some(p) = node.parent() {
                let parent = &catalog.nodes()[p];
                let pl = set.level(parent.id()).unwrap_or(Level::Edit);
                prop_assert!(level <= pl, "{} above {}", node.id(), parent.id());
                if pl == Level::None {
                    prop_assert_eq!(level, Level::None);
                }
            }
        }
        let visible: Vec<&str> = set.visible().map(|n| n.id()).collect();
        let expected: Vec<&str> =
            set.effective().filter(|(_, l)| *l >= Level::Read).map(|(n, _)| n.id()).collect();
        prop_assert_eq!(visible, expected);
        // Round trip through the canonical text.
        let again = AccessSet::parse(&catalog, &set.to_json(), Mode::Strict);
        prop_assert_eq!(again.as_ref().map(|s| s.to_json()), Ok(set.to_json()));
        prop_assert_eq!(again.as_ref().ok(), Some(&set));
        // diff(a, a) is empty.
        prop_assert!(set.diff(&set, Cluster::Standard).map(|d| d.is_empty()).unwrap_or(false));
    }

    #[test]
    fn changes_match_the_model(
        (tree, entries, admin) in tree_and_doc(),
        ops in prop::collection::vec((0usize..3, 0usize..64, level()), 1..8),
    ) {
        let catalog = load(&tree);
        let Ok(mut set) = AccessSet::parse(&catalog, &doc_text(&entries, admin), Mode::Lenient) else {
            return Err(TestCaseError::fail("lenient failed"));
        };
        let mut stored: Stored =
            tree.ids.iter().filter_map(|id| Some((id.clone(), set.stored(id).ok()??))).collect();
        let mut is_admin = admin;
        for (kind, which, level) in ops {
            let id = tree.ids[which % tree.ids.len()].clone();
            match kind {
                0 => {
                    let parent_level = parent(&id).map(|p| member_level(&stored, p));
                    let refused = matches!(parent_level, Some(pl) if pl != Level::None && level > pl);
                    let got = set.set(&id, level);
                    if refused {
                        prop_assert_eq!(got.as_ref().err().map(|e| e.code()), Some("subsection_exceeds_parent"));
                        continue;
                    }
                    stored.insert(id.clone(), level);
                    clamp(&tree.ids, &mut stored, |d| is_descendant(d, &id));
                    set = got.map_err(|e| TestCaseError::fail(e.to_string()))?;
                }
                1 => {
                    stored.remove(&id);
                    clamp(&tree.ids, &mut stored, |d| is_descendant(d, &id));
                    set = set.clear(&id).map_err(|e| TestCaseError::fail(e.to_string()))?;
                }
                _ => {
                    is_admin = !is_admin;
                    let role = if is_admin { "admin" } else { "member" };
                    set = set.with_role(role).map_err(|e| TestCaseError::fail(e.to_string()))?;
                }
            }
            prop_assert!(breaches(&tree.ids, &stored).is_empty());
            for id in &tree.ids {
                let want = if is_admin { Level::Edit } else { member_level(&stored, id) };
                prop_assert_eq!(set.level(id), Ok(want), "{}", id);
                prop_assert_eq!(set.stored(id), Ok(stored.get(id).copied()), "{}", id);
            }
        }
    }

    #[test]
    fn within_holds_exactly_when_nothing_escalates(
        (tree, a_entries, a_admin) in tree_and_doc(),
        b_seed in prop::collection::vec((0usize..64, level()), 0..12),
        b_admin in any::<bool>(),
    ) {
        let catalog = load(&tree);
        let b_entries: Vec<(String, Level)> = {
            let mut seen = std::collections::BTreeSet::new();
            b_seed.into_iter().filter_map(|(i, l)| {
                let id = tree.ids[i % tree.ids.len()].clone();
                seen.insert(id.clone()).then_some((id, l))
            }).collect()
        };
        let a = AccessSet::parse(&catalog, &doc_text(&a_entries, a_admin), Mode::Lenient);
        let b = AccessSet::parse(&catalog, &doc_text(&b_entries, b_admin), Mode::Lenient);
        let (Ok(a), Ok(b)) = (a, b) else { return Err(TestCaseError::fail("lenient failed")) };
        let mut calm = true;
        for cluster in Cluster::ALL {
            // Escalation means higher in the second set, so `a` within `b` is
            // "nothing escalates from b to a".
            let d = b.diff(&a, cluster).map_err(|e| TestCaseError::fail(e.to_string()))?;
            calm &= d.escalations().next().is_none() && d.capabilities.iter().all(|c| !c.after || c.before);
            for change in &d.levels {
                prop_assert_ne!(change.before, change.after);
                prop_assert_eq!(b.level(&change.id), Ok(change.before));
                prop_assert_eq!(a.level(&change.id), Ok(change.after));
            }
        }
        prop_assert_eq!(a.within(&b), Ok(calm));
        prop_assert_eq!(a.within(&a), Ok(true));
    }

    #[test]
    fn no_input_string_makes_the_parser_panic(text in ".{0,200}", lenient in any::<bool>()) {
        let catalog = Catalog::builtin();
        let mode = if lenient { Mode::Lenient } else { Mode::Strict };
        let _ = AccessSet::parse(&catalog, &text, mode);
        let _ = Catalog::from_json(&text);
    }

    #[test]
    fn no_json_shaped_input_makes_the_parser_panic(text in r#"[\[\]{}",:0-9a-z\\. -]{0,120}"#) {
        let catalog = Catalog::builtin();
        let _ = AccessSet::parse(&catalog, &text, Mode::Strict);
        let _ = AccessSet::parse(&catalog, &text, Mode::Lenient);
        let _ = Catalog::from_json(&text);
    }
}
