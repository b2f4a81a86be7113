//! Bytes decoded into a sequence of changes and queries (docs/reference.md#changes, #views) on the
//! default catalog or a small three-level one, each checked against the
//! model in the test-support crate (`test-support/src/model.rs`), which is
//! written apart from the core.
//!
//! Input layout (documented in README.md, written by seed_corpus.py):
//! - byte 0: bit 0 picks the catalog (0 default, 1 three-level); bit 1 makes
//!   the start an admin; `(b >> 2) % (presets + 1)` picks the start: 0 stores
//!   nothing, k is the k-th preset;
//! - then two bytes per operation, `op` and `arg`, up to 128 operations:
//!   `kind = op & 7`, `x = (op >> 3) & 3`, `node = arg % (nodes + 1)` where
//!   the value `nodes` stands for an unknown id.
//!
//! | kind | operation | x |
//! |---|---|---|
//! | 0 | `set(node, level)` | none, read, edit, or an invalid level name |
//! | 1 | `clear(node)` | |
//! | 2 | `with_role` | admin, member, or an unknown role (twice) |
//! | 3 | keep the current set as the comparison set `b` | |
//! | 4 | `diff(current, b, cluster)` and `within` both ways | bit 0: cluster |
//! | 5 | `explain`, `allowed`, `require` at node | the action |
//! | 6 | `capability(arg % caps, cluster)` | bit 0: cluster; 2, 3: unknown cluster/name |
//! | 7 | re-parse the canonical text, strictly and leniently | |
//!
//! After every operation the set must equal the model: every effective level,
//! every stored level, no child above a parent that is not `none`, and the
//! canonical text; every failure must be the model's error code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use studio_permissions::{AccessSet, Action, Cluster, Error, Level, Mode, Role};
use studio_permissions_test_support::{
    breaches, canonical, clamp, default_fixture, effective, is_descendant, member_level, parent,
    preset_stored, reason, tree3_fixture, Fixture, Stored,
};

const LEVELS: [Level; 3] = [Level::None, Level::Read, Level::Edit];

/// A set and the model's view of it.
#[derive(Clone)]
struct State {
    set: AccessSet,
    stored: Stored,
    role: Role,
}

fn code<T>(r: &Result<T, Error>) -> Option<&'static str> {
    r.as_ref().err().map(Error::code)
}

fn check_state(f: &Fixture, s: &State) {
    let text = s.set.to_json();
    assert_eq!(text, canonical(f.ids, &s.stored, s.role), "canonical text");
    assert_eq!(s.set.role(), s.role);
    assert!(
        breaches(f.ids, &s.stored).is_empty(),
        "the model breached the parent rule"
    );
    assert!(s.set.warnings().is_empty(), "a change left warnings");
    for (i, id) in f.ids.iter().enumerate() {
        let want = effective(&s.stored, s.role, id);
        assert_eq!(s.set.level(id), Ok(want), "level of {id} in {text}");
        assert_eq!(s.set.levels().get(i), Some(&want));
        assert_eq!(s.set.stored(id), Ok(s.stored.get(*id).copied()), "stored at {id}");
    }
}

fn unknown_id(f: &Fixture) -> String {
    // Close to a real id, so the suggestion logic runs too.
    format!("{}x", f.ids[0])
}

fn node(f: &Fixture, arg: u8) -> Option<&'static str> {
    f.ids.get(arg as usize % (f.ids.len() + 1)).copied()
}

fn cap_model_holds(f: &Fixture, name: &str, role: Role, cluster: Cluster) -> bool {
    f.caps.iter().any(|c| c.name == name && c.holds(role, cluster))
}

fn compare(f: &Fixture, a: &State, b: &State, cluster: Cluster) {
    let d = match a.set.diff(&b.set, cluster) {
        Ok(d) => d,
        Err(e) => panic!("diff: {e}"),
    };
    let want: Vec<(&str, Level, Level)> = f
        .ids
        .iter()
        .map(|id| {
            (
                *id,
                effective(&a.stored, a.role, id),
                effective(&b.stored, b.role, id),
            )
        })
        .filter(|(_, x, y)| x != y)
        .collect();
    let got: Vec<(&str, Level, Level)> = d
        .levels
        .iter()
        .map(|c| (c.id.as_str(), c.before, c.after))
        .collect();
    assert_eq!(got, want, "diff levels");
    for c in &d.levels {
        assert_eq!(
            c.direction == studio_permissions::Direction::Escalation,
            c.after > c.before
        );
    }
    assert_eq!(d.role, (a.role != b.role).then_some((a.role, b.role)));
    let caps: Vec<&str> = f
        .caps
        .iter()
        .filter(|c| c.holds(a.role, cluster) != c.holds(b.role, cluster))
        .map(|c| c.name)
        .collect();
    let got: Vec<&str> = d.capabilities.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(got, caps, "diff capabilities");
    assert_eq!(
        d.is_empty(),
        want.is_empty() && a.role == b.role && caps.is_empty()
    );
    let within = |x: &State, y: &State| {
        f.ids
            .iter()
            .all(|id| effective(&x.stored, x.role, id) <= effective(&y.stored, y.role, id))
            && f.caps.iter().all(|c| {
                Cluster::ALL
                    .iter()
                    .all(|&cl| !c.holds(x.role, cl) || c.holds(y.role, cl))
            })
    };
    assert_eq!(a.set.within(&b.set), Ok(within(a, b)), "within(a, b)");
    assert_eq!(b.set.within(&a.set), Ok(within(b, a)), "within(b, a)");
}

fn run(data: &[u8]) {
    let Some((&head, ops)) = data.split_first() else {
        return;
    };
    let f = if head & 1 == 0 {
        default_fixture()
    } else {
        tree3_fixture()
    };
    let catalog = &f.catalog;
    let admin = head & 2 != 0;
    let start = (head >> 2) as usize % (f.presets.len() + 1);
    let mut cur = match start.checked_sub(1).and_then(|k| f.presets.get(k)) {
        None => State {
            set: AccessSet::member(catalog),
            stored: Stored::new(),
            role: Role::Member,
        },
        Some(p) => State {
            set: AccessSet::preset(catalog, p.0).unwrap_or_else(|e| panic!("preset {}: {e}", p.0)),
            stored: preset_stored(p),
            role: Role::Member,
        },
    };
    if admin {
        cur.set = cur
            .set
            .with_role(Role::Admin)
            .unwrap_or_else(|e| panic!("with_role: {e}"));
        cur.role = Role::Admin;
    }
    check_state(f, &cur);
    let mut b = cur.clone();
    for pair in ops.chunks_exact(2).take(128) {
        let (op, arg) = (pair[0], pair[1]);
        let x = (op >> 3) & 3;
        let id = node(f, arg);
        match op & 7 {
            0 => {
                let unknown = unknown_id(f);
                let target = id.unwrap_or(&unknown);
                let got = match LEVELS.get(x as usize) {
                    Some(&level) => cur.set.set(target, level),
                    None => cur.set.set(target, "admin"),
                };
                let want = match (id, LEVELS.get(x as usize)) {
                    (None, _) => Some("unknown_area"),
                    (Some(_), None) => Some("invalid_level"),
                    (Some(id), Some(&level)) => {
                        let up = parent(id).map(|p| member_level(&cur.stored, p));
                        if matches!(up, Some(u) if u != Level::None && level > u) {
                            Some("subsection_exceeds_parent")
                        } else {
                            None
                        }
                    }
                };
                assert_eq!(code(&got), want, "set({target}, {x})");
                if let (Ok(set), Some(id), Some(&level)) = (got, id, LEVELS.get(x as usize)) {
                    cur.stored.insert(id.to_string(), level);
                    clamp(f.ids, &mut cur.stored, |d| is_descendant(d, id));
                    cur.set = set;
                }
            }
            1 => {
                let unknown = unknown_id(f);
                let got = cur.set.clear(id.unwrap_or(&unknown));
                assert_eq!(code(&got), id.is_none().then_some("unknown_area"));
                if let (Ok(set), Some(id)) = (got, id) {
                    cur.stored.remove(id);
                    clamp(f.ids, &mut cur.stored, |d| is_descendant(d, id));
                    cur.set = set;
                }
            }
            2 => {
                let role = match x {
                    0 => Some(Role::Admin),
                    1 => Some(Role::Member),
                    _ => None,
                };
                let got = match role {
                    Some(r) => cur.set.with_role(r),
                    None => cur.set.with_role("owner"),
                };
                assert_eq!(code(&got), role.is_none().then_some("unknown_role"));
                if let (Ok(set), Some(r)) = (got, role) {
                    cur.set = set;
                    cur.role = r;
                }
            }
            3 => b = cur.clone(),
            4 => {
                let cluster = Cluster::ALL[(x & 1) as usize];
                compare(f, &cur, &b, cluster);
                compare(f, &b, &cur, cluster);
            }
            5 => {
                let action = Action::ALL[x as usize];
                match id {
                    None => {
                        let unknown = unknown_id(f);
                        assert_eq!(code(&cur.set.explain(&unknown, action)), Some("unknown_area"));
                        assert_eq!(code(&cur.set.can(&unknown, "fly")), Some("unknown_area"));
                        assert_eq!(code(&cur.set.require(&unknown, action)), Some("unknown_area"));
                    }
                    Some(id) => {
                        let level = effective(&cur.stored, cur.role, id);
                        let allowed = level >= action.required();
                        let e = cur
                            .set
                            .explain(id, action)
                            .unwrap_or_else(|e| panic!("explain: {e}"));
                        assert_eq!(e.allowed, allowed);
                        assert_eq!(e.level, level);
                        assert_eq!(e.required, action.required());
                        assert_eq!(e.reason, reason(&cur.stored, cur.role, id), "reason at {id}");
                        let chain: Vec<&str> = e.chain.iter().map(|l| l.id.as_str()).collect();
                        let mut want = vec![id];
                        while let Some(p) = want.last().and_then(|i| parent(i)) {
                            want.push(p);
                        }
                        want.reverse();
                        assert_eq!(chain, want, "chain");
                        for link in &e.chain {
                            assert_eq!(link.stored, cur.stored.get(&link.id).copied());
                            assert_eq!(link.level, effective(&cur.stored, cur.role, &link.id));
                        }
                        assert_eq!(cur.set.can(id, action), Ok(allowed));
                        assert_eq!(code(&cur.set.can(id, "fly")), Some("unknown_action"));
                        let req = cur.set.require(id, action);
                        assert_eq!(code(&req), (!allowed).then_some("permission_denied"));
                    }
                }
            }
            6 => {
                let cluster = Cluster::ALL[(x & 1) as usize];
                match f.caps.get(arg as usize % f.caps.len()) {
                    Some(c) if x < 2 => {
                        let want = cap_model_holds(f, c.name, cur.role, cluster);
                        assert_eq!(cur.set.capability(c.name, cluster), Ok(want), "{}", c.name);
                    }
                    Some(c) if x == 2 => {
                        assert_eq!(code(&cur.set.capability(c.name, "gov")), Some("unknown_cluster"));
                    }
                    _ => {
                        assert_eq!(
                            code(&cur.set.capability("users.manag", "gov")),
                            Some("unknown_capability")
                        );
                    }
                }
            }
            _ => {
                let text = cur.set.to_json();
                for mode in [Mode::Strict, Mode::Lenient] {
                    match AccessSet::parse(catalog, &text, mode) {
                        Ok(again) => {
                            assert_eq!(again, cur.set);
                            assert!(again.warnings().is_empty());
                        }
                        Err(e) => panic!("canonical {text} refused ({mode:?}): {e}"),
                    }
                }
                match AccessSet::from_value(catalog, &cur.set.to_value(), Mode::Strict) {
                    Ok(again) => assert_eq!(again, cur.set),
                    Err(e) => panic!("to_value refused: {e}"),
                }
            }
        }
        check_state(f, &cur);
    }
}

fuzz_target!(|data: &[u8]| run(data));
