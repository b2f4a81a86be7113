//! Catalog migrations (docs/reference.md#catalog-migrations): the example
//! migration of the default catalog to the 2027 navigation, every loading
//! fault, and properties over random trees and maps that would fail loudly if
//! a migration ever widened access.

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Cause, Level, Migration, Mode, Workspace};
use studio_permissions_test_support::{member_level, parent, Stored};

const NAV_2027: &str = include_str!("../../examples/catalogs/navigation-2027.json");
const DEFAULT_TO_2027: &str = include_str!("../../examples/migrations/default-to-2027.json");
const WORKSPACE_2026_11: &str = include_str!("../../examples/data/workspace-2026-11.json");

fn nav_2027() -> Arc<Catalog> {
    match Catalog::from_json(NAV_2027) {
        Ok(c) => Arc::new(c),
        Err(e) => unreachable!("the 2027 example catalog is refused: {e}"),
    }
}

fn example() -> Migration {
    match Migration::from_json(DEFAULT_TO_2027, &Catalog::builtin(), &nav_2027()) {
        Ok(m) => m,
        Err(e) => unreachable!("the example migration is refused: {e}"),
    }
}

fn member(catalog: &Arc<Catalog>, doc: &str) -> AccessSet {
    match AccessSet::parse(catalog, doc, Mode::Strict) {
        Ok(s) => s,
        Err(e) => unreachable!("{doc}: {e}"),
    }
}

#[test]
fn the_example_maps_every_default_id_and_can_only_reduce_by_merging() {
    let m = example();
    let catalog = Catalog::builtin();
    for node in catalog.nodes() {
        assert!(
            DEFAULT_TO_2027.contains(&format!("\"{}\":", node.id())),
            "{} is not named in the example",
            node.id()
        );
    }
    assert!(m.can_reduce());
    let sources: Vec<&str> = m
        .sources("channels.chat")
        .unwrap_or_default()
        .iter()
        .map(|n| n.id())
        .collect();
    assert_eq!(sources, ["messaging", "messaging.chat", "widgets"]);
    let targets: Vec<&str> = m
        .targets("realtime_config")
        .unwrap_or_default()
        .iter()
        .map(|n| n.id())
        .collect();
    assert_eq!(
        targets,
        ["build.realtime_configuration", "build.configuration_builder"]
    );
    let without: Vec<&str> = m.nodes_without_source().iter().map(|n| n.id()).collect();
    assert_eq!(without, ["build", "channels", "configure"]);
    assert_eq!(
        m.sources("chanels.chat").map_err(|e| e.code()).err(),
        Some("unknown_area")
    );
}

#[test]
fn a_merge_takes_the_lower_level_and_says_why() {
    let m = example();
    let set = member(
        &Catalog::builtin(),
        r#"{"role":"member","permissions":{"messaging":"edit","widgets":"none","knowledge":"edit","knowledge.faqs":"read"}}"#,
    );
    let migrated = m.apply(&set).unwrap_or_else(|e| unreachable!("{e}"));
    let access = migrated.access();
    assert_eq!(access.level("channels.chat").ok(), Some(Level::None));
    assert_eq!(access.level("build.sms").ok(), Some(Level::Edit));
    assert_eq!(access.level("build.knowledge").ok(), Some(Level::Edit));
    assert_eq!(access.level("build.knowledge.faqs").ok(), Some(Level::Read));
    assert_eq!(access.level("build").ok(), Some(Level::Edit));
    assert_eq!(access.level("build.flows").ok(), Some(Level::None));
    let reductions: Vec<(&str, Cause)> = migrated
        .reductions()
        .iter()
        .map(|r| (r.id.as_str(), r.cause))
        .collect();
    assert_eq!(
        reductions,
        [("messaging", Cause::Merged), ("messaging.chat", Cause::Merged)]
    );
    assert_eq!(
        migrated.reductions()[0].describe(),
        "merged into `channels.chat` with `widgets` (none)"
    );
    assert_eq!(migrated.opened(), ["build"]);
    assert!(migrated.dropped().is_empty());
    assert_eq!(
        access.to_json(),
        r#"{"role":"member","permissions":{"build":"edit","build.behavior":"none","build.knowledge.faqs":"read","build.flows":"none","build.tools":"none","build.call_handoffs":"none","build.test_suite":"none","build.realtime_configuration":"none","build.configuration_builder":"none"}}"#
    );
}

#[test]
fn a_clamp_is_reported_under_the_new_parent() {
    // `x.y` moves under `p`, whose own content comes from `q`.
    let a = Arc::new(
        Catalog::from_json(
            r#"{"areas":[{"id":"x","name":"X","children":[{"id":"y","name":"Y"}]},{"id":"q","name":"Q"}]}"#,
        )
        .unwrap_or_else(|e| unreachable!("{e}")),
    );
    let b = Arc::new(
        Catalog::from_json(
            r#"{"areas":[{"id":"p","name":"P","children":[{"id":"y","name":"Y"}]},{"id":"x","name":"X"}]}"#,
        )
        .unwrap_or_else(|e| unreachable!("{e}")),
    );
    let m = Migration::from_json(r#"{"map":{"x.y":"p.y","q":"p"}}"#, &a, &b)
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(m.can_reduce());
    let set = member(&a, r#"{"role":"member","permissions":{"x":"edit","q":"read"}}"#);
    let migrated = m.apply(&set).unwrap_or_else(|e| unreachable!("{e}"));
    let r = &migrated.reductions()[0];
    assert_eq!(
        (r.id.as_str(), r.cause, r.before, r.after),
        ("x.y", Cause::Clamped, Level::Edit, Level::Read)
    );
    assert_eq!(r.describe(), "moved to `p.y` under `p` (read)");
    assert_eq!(
        migrated.access().to_json(),
        r#"{"role":"member","permissions":{"p":"read","x":"edit"}}"#
    );
}

#[test]
fn an_admin_keeps_its_role_and_its_stored_levels_move_like_a_members() {
    let m = example();
    let set = member(
        &Catalog::builtin(),
        r#"{"role":"admin","permissions":{"account":"read"}}"#,
    );
    let migrated = m.apply(&set).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(
        migrated.access().to_json(),
        r#"{"role":"admin","permissions":{"configure":"read","configure.numbers":"none","configure.integrations":"none","configure.metrics":"none","configure.dashboards":"none","configure.csat":"none"}}"#
    );
    assert_eq!(migrated.access().level("build.flows").ok(), Some(Level::Edit));
}

#[test]
fn a_set_of_another_catalog_is_refused() {
    let m = example();
    let stranger = AccessSet::admin(&nav_2027());
    assert_eq!(
        m.apply(&stranger).map(|_| ()).map_err(|e| e.code()),
        Err("invalid_migration")
    );
}

#[test]
fn every_fault_is_invalid_migration_and_names_its_id() {
    let a = Catalog::builtin();
    let b = nav_2027();
    let faults: &[(&str, &str)] = &[
        ("[]", "expected an object, found an array"),
        ("{\"map\":{}", "invalid JSON"),
        (r#"{"map":{},"map":{}}"#, "duplicate key `map`"),
        (r#"{"mapp":{}}"#, "unknown field `mapp`"),
        (r#"{"from":"2026-06-18"}"#, "`from` is `2026-06-18` but the source catalog's version is `2026-06-19`"),
        (r#"{"to":1}"#, "`to` must be a string, found a number"),
        (r#"{"map":[]}"#, "`map` must be an object, found an array"),
        (r#"{"map":{"knowlege":null}}"#, "`map` names `knowlege`, which is not an id of the source catalog: did you mean `knowledge`?"),
        (r#"{"map":{"knowledge":"build.knowlege"}}"#, "`knowledge` maps to `build.knowlege`, which is not an id of the target catalog: did you mean `build.knowledge`?"),
        (r#"{"map":{"knowledge":["build.flows","build.flows"]}}"#, "the targets of `knowledge` repeat `build.flows`"),
        (r#"{"map":{"knowledge":["build.flows",1]}}"#, "the targets of `knowledge` must be strings, found a number"),
        (r#"{"map":{"knowledge":true}}"#, "must be an id, a list of ids or null, found a boolean"),
        (r#"{"map":{}}"#, "`analytics.kpis` has no home"),
    ];
    for (text, words) in faults {
        let err = Migration::from_json(text, &a, &b).map(|_| ()).err();
        let Some(err) = err else {
            unreachable!("{text} was accepted")
        };
        assert_eq!(err.code(), "invalid_migration", "{text}");
        assert!(err.to_string().contains(words), "{text}: {err}");
    }
}

#[test]
fn the_identity_migration_keeps_every_level_and_the_smallest_document() {
    let a = Catalog::builtin();
    let m = Migration::from_json("{}", &a, &a).unwrap_or_else(|e| unreachable!("{e}"));
    assert!(!m.can_reduce());
    for preset in a.presets() {
        let set = AccessSet::preset(&a, preset.name()).unwrap_or_else(|e| unreachable!("{e}"));
        let migrated = m.apply(&set).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(migrated.access().levels(), set.levels(), "{}", preset.name());
        assert!(migrated.keeps_everything() && migrated.opened().is_empty());
        let again = m.apply(migrated.access()).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(again.access().to_json(), migrated.access().to_json());
    }
}

#[test]
fn the_example_workspace_migrates_user_by_user() {
    let ws = Workspace::from_json(&Catalog::builtin(), WORKSPACE_2026_11, Mode::Strict)
        .unwrap_or_else(|e| unreachable!("{e}"));
    let m = example();
    let out = ws.migrate(&m).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(out.workspace.len(), ws.len());
    assert_eq!(out.report.users, ws.len());
    for (before, after) in ws.users().zip(out.workspace.users()) {
        assert_eq!(
            (before.id(), before.name(), before.email(), before.role()),
            (after.id(), after.name(), after.email(), after.role())
        );
        let one = m.apply(&before.access()).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(after.access().to_json(), one.access().to_json());
        assert_eq!(after.levels(), one.access().levels());
        let loss = out.report.losses.iter().find(|l| l.user == before.id());
        assert_eq!(loss.is_some(), !one.keeps_everything(), "{}", before.id());
        if let Some(loss) = loss {
            assert_eq!(loss.reductions, one.reductions());
        }
    }
    assert!(
        !out.report.losses.is_empty(),
        "the example shows someone losing access"
    );
    let value = out.report.to_value();
    assert_eq!(value["users"], ws.len());
    assert_eq!(value["unchanged"], ws.len() - out.report.losses.len());
}

// ---- properties over random trees ------------------------------------------

/// Ids of a random tree in catalog order, with a prefix so two trees can
/// share ids or not.
fn tree(prefix: &'static str) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(0usize..4, 1..16).prop_map(move |fanouts| {
        let mut ids = Vec::new();
        let mut fan = fanouts.into_iter().cycle();
        fn grow(
            p: Option<&str>,
            root: &str,
            depth: usize,
            n: usize,
            fan: &mut impl Iterator<Item = usize>,
            ids: &mut Vec<String>,
        ) {
            for k in 0..n {
                let id = match p {
                    Some(p) => format!("{p}.n{k}"),
                    None => format!("{root}{k}"),
                };
                ids.push(id.clone());
                if depth < 3 {
                    let c = fan.next().unwrap_or(0);
                    grow(Some(&id), root, depth + 1, c, fan, ids);
                }
            }
        }
        let roots = fan.next().unwrap_or(1).max(1);
        grow(None, prefix, 1, roots, &mut fan, &mut ids);
        ids
    })
}

fn catalog_of(ids: &[String]) -> Arc<Catalog> {
    fn node(ids: &[String], id: &str) -> String {
        let segment = id.rsplit('.').next().unwrap_or(id);
        let children: Vec<String> = ids
            .iter()
            .filter(|c| parent(c) == Some(id))
            .map(|c| node(ids, c))
            .collect();
        format!(
            r#"{{"id":"{segment}","name":"{segment}","children":[{}]}}"#,
            children.join(",")
        )
    }
    let roots: Vec<String> = ids
        .iter()
        .filter(|i| parent(i).is_none())
        .map(|r| node(ids, r))
        .collect();
    match Catalog::from_json(&format!(r#"{{"areas":[{}]}}"#, roots.join(","))) {
        Ok(c) => Arc::new(c),
        Err(e) => unreachable!("generated catalog refused: {e}"),
    }
}

/// A map from every id of `a` to a few ids of `b` (none: dropped).
fn map_json(a: &[String], b: &[String], picks: &[Vec<usize>]) -> (String, BTreeMap<String, Vec<String>>) {
    let mut map = BTreeMap::new();
    for (i, id) in a.iter().enumerate() {
        let mut targets: Vec<String> = Vec::new();
        for &p in picks.get(i).map_or(&[][..], Vec::as_slice) {
            let t = &b[p % b.len()];
            if !targets.contains(t) {
                targets.push(t.clone());
            }
        }
        map.insert(id.clone(), targets);
    }
    let body: Vec<String> = map
        .iter()
        .map(|(k, v)| {
            format!(
                r#""{k}":[{}]"#,
                v.iter()
                    .map(|t| format!(r#""{t}""#))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        })
        .collect();
    (format!(r#"{{"map":{{{}}}}}"#, body.join(",")), map)
}

fn stored_of(set: &AccessSet) -> Stored {
    set.entries().map(|(n, l)| (n.id().to_string(), l)).collect()
}

fn doc(a: &[String], entries: &[(usize, Level)], admin: bool) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let body: Vec<String> = entries
        .iter()
        .filter_map(|&(i, l)| {
            let id = &a[i % a.len()];
            seen.insert(id.clone()).then(|| format!(r#""{id}":"{l}""#))
        })
        .collect();
    format!(
        r#"{{"role":"{}","permissions":{{{}}}}}"#,
        if admin { "admin" } else { "member" },
        body.join(",")
    )
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::None), Just(Level::Read), Just(Level::Edit)]
}

fn picks() -> impl Strategy<Value = Vec<Vec<usize>>> {
    prop::collection::vec(prop::collection::vec(0usize..64, 0..3), 16..64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// No mapped content escalates, the result is a valid strict document
    /// giving exactly `new`, and it is the smallest such document.
    #[test]
    fn never_escalates_and_writes_the_smallest_valid_document(
        a in tree("a"), b in tree("b"), picks in picks(),
        entries in prop::collection::vec((0usize..64, level()), 0..10), admin in any::<bool>(),
    ) {
        let (ca, cb) = (catalog_of(&a), catalog_of(&b));
        let (text, map) = map_json(&a, &b, &picks);
        let m = Migration::from_json(&text, &ca, &cb).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let set = AccessSet::parse(&ca, &doc(&a, &entries, admin), Mode::Lenient).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let migrated = m.apply(&set).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let out = migrated.access();
        prop_assert_eq!(out.role(), set.role());
        let old_stored = stored_of(&set);
        let new_stored = stored_of(out);
        for (src, targets) in &map {
            let old = member_level(&old_stored, src);
            for t in targets {
                prop_assert!(member_level(&new_stored, t) <= old, "{} -> {} escalated", src, t);
            }
        }
        let again = AccessSet::parse(&cb, &out.to_json(), Mode::Strict).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&again, out);
        // Smallest: every stored entry changes some effective level.
        for id in new_stored.keys() {
            let mut less = new_stored.clone();
            less.remove(id);
            prop_assert!(b.iter().any(|n| member_level(&less, n) != member_level(&new_stored, n)), "{} is redundant", id);
        }
        // The report agrees with the levels.
        for r in migrated.reductions() {
            prop_assert!(r.after < r.before);
            prop_assert_eq!(member_level(&old_stored, &r.id), r.before);
            prop_assert_eq!(member_level(&new_stored, &r.target), r.after);
        }
        for id in migrated.dropped() {
            prop_assert!(map[id].is_empty() && member_level(&old_stored, id) > Level::None);
        }
        if !m.can_reduce() {
            prop_assert!(migrated.reductions().is_empty());
        }
    }

    /// The identity migration keeps every effective level, and migrating its
    /// output again changes nothing.
    #[test]
    fn the_identity_keeps_levels(a in tree("a"), entries in prop::collection::vec((0usize..64, level()), 0..10)) {
        let ca = catalog_of(&a);
        let m = Migration::from_json("{}", &ca, &ca).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let set = AccessSet::parse(&ca, &doc(&a, &entries, false), Mode::Lenient).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let once = m.apply(&set).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(once.access().levels(), set.levels());
        prop_assert!(once.keeps_everything());
        let twice = m.apply(once.access()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(twice.access().to_json(), once.access().to_json());
    }

    /// A→B then B→C never grants more than A→C with the composed map allows:
    /// every node of C with a source in A is at most the lowest of them.
    #[test]
    fn composing_never_grants_more(
        a in tree("a"), b in tree("b"), c in tree("c"), p1 in picks(), p2 in picks(),
        entries in prop::collection::vec((0usize..64, level()), 0..10),
    ) {
        let (ca, cb, cc) = (catalog_of(&a), catalog_of(&b), catalog_of(&c));
        let (t1, m1) = map_json(&a, &b, &p1);
        let (t2, m2) = map_json(&b, &c, &p2);
        let ab = Migration::from_json(&t1, &ca, &cb).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let bc = Migration::from_json(&t2, &cb, &cc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let set = AccessSet::parse(&ca, &doc(&a, &entries, false), Mode::Lenient).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let via_b = ab.apply(&set).and_then(|x| bc.apply(x.access())).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let old = stored_of(&set);
        for node in &c {
            let lowest = m1
                .iter()
                .filter(|(_, bs)| bs.iter().any(|x| m2[x].contains(node)))
                .map(|(src, _)| member_level(&old, src))
                .min();
            if let Some(lowest) = lowest {
                prop_assert!(via_b.access().level(node).unwrap_or(Level::Edit) <= lowest, "{} above its sources", node);
            }
        }
    }
}

#[test]
fn records_as_text_are_the_records_as_values() {
    let ws = Workspace::from_json(&Catalog::builtin(), WORKSPACE_2026_11, Mode::Strict)
        .unwrap_or_else(|e| unreachable!("{e}"));
    let values = serde_json::Value::Array(ws.to_records());
    let array: serde_json::Value = serde_json::from_str(&ws.to_records_json(false)).unwrap_or_default();
    assert_eq!(array, values);
    let lines: Vec<serde_json::Value> = ws
        .to_records_json(true)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    assert_eq!(serde_json::Value::Array(lines), values);
    let again = Workspace::from_json(&Catalog::builtin(), &ws.to_records_json(false), Mode::Strict)
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(again.to_records(), ws.to_records());
    let empty =
        Workspace::from_json(&Catalog::builtin(), "[]", Mode::Strict).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(empty.to_records_json(false), "[]\n");
    assert_eq!(empty.to_records_json(true), "");
}

#[test]
fn bytes_that_are_not_utf8_and_a_workspace_of_another_catalog_are_refused() {
    let (a, b) = (Catalog::builtin(), nav_2027());
    let err = Migration::from_bytes(b"{\"map\":{\"knowledge\":\"\xff\"}}", &a, &b)
        .map(|_| ())
        .err();
    assert_eq!(
        err.as_ref().map(|e| e.code()),
        Some("invalid_migration"),
        "{err:?}"
    );
    assert!(err.is_some_and(|e| e.to_string().contains("invalid JSON")));
    let stranger = Workspace::from_json(&b, "[]", Mode::Strict).unwrap_or_else(|e| unreachable!("{e}"));
    let refused = stranger.migrate(&example()).map(|_| ()).map_err(|e| e.code());
    assert_eq!(refused, Err("invalid_migration"));
    let value = serde_json::json!({"map": {"knowledge": ["build.knowledge", "build.knowledge"]}});
    let repeat = Migration::from_value(&value, &a, &b)
        .map(|_| ())
        .map_err(|e| e.code());
    assert_eq!(repeat, Err("invalid_migration"));
}
