//! Differential vectors: random documents, changes, queries and catalogs, with
//! the core's answers written in the vector format
//! (docs/reference.md#conformance-vectors). The Python and Node runners must
//! agree with every case.
//!
//! `cargo run -q --release -p studio-permissions-examples --bin differential -- SEED COUNT OUT.json`

use serde_json::{json, Map, Value};
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Cluster, Error, Mode};

/// splitmix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const LEVELS: [&str; 3] = ["none", "read", "edit"];
const BAD_LEVELS: [&str; 4] = ["Read", "write", "", "EDIT"];
const ACTIONS: [&str; 4] = ["view", "create", "edit", "delete"];
const BAD_ACTIONS: [&str; 3] = ["fly", "View", ""];
const CLUSTERS: [&str; 2] = ["standard", "enterprise"];

/// A random custom catalog up to four levels deep, as a JSON value.
fn custom_catalog(rng: &mut Rng) -> Value {
    fn nodes(rng: &mut Rng, depth: usize, prefix: &str) -> Vec<Value> {
        let count = if depth == 1 {
            1 + rng.below(4)
        } else {
            rng.below(4)
        };
        (0..count)
            .map(|i| {
                let id = format!("{prefix}{}", ["a", "b", "c", "d"][i]);
                let mut node = json!({"id": id, "name": id.to_uppercase()});
                if depth < 4 {
                    let children = nodes(rng, depth + 1, "n");
                    if !children.is_empty() {
                        node["children"] = Value::Array(children);
                    }
                }
                node
            })
            .collect()
    }
    let areas = nodes(rng, 1, "area_");
    json!({
        "version": "generated",
        "areas": areas,
        "capabilities": {
            "users.manage": {"roles": ["admin"]},
            "reports.read": {"roles": ["admin", "member"]},
            "beta.use": {"roles": ["member"], "clusters": ["enterprise"]}
        }
    })
}

/// The shapes of the adversarial audit, small enough for every run: a deep
/// chain (up to 30 levels), a wide catalog (up to 700 areas), or long ids
/// (segments of 200 to 300 letters, ids near the 1,024-byte limit).
fn audit_catalog(rng: &mut Rng) -> Value {
    fn segment(rng: &mut Rng, shortest: usize, spread: usize, i: usize) -> String {
        let len = shortest + rng.below(spread);
        let letter = ["a", "b", "c", "d", "e"][rng.below(5)];
        format!("{letter}{}{i}", "x".repeat(len.saturating_sub(2)))
    }
    let areas = match rng.below(3) {
        0 => {
            let depth = 2 + rng.below(29);
            let mut node = Value::Null;
            for level in (0..depth).rev() {
                let id = segment(rng, 1, 20, level);
                let mut next = json!({"id": id, "name": id});
                let mut children = Vec::new();
                if !node.is_null() {
                    children.push(node);
                }
                if rng.chance(30) {
                    children.push(json!({"id": "side", "name": "Side"}));
                }
                if !children.is_empty() {
                    next["children"] = Value::Array(children);
                }
                node = next;
            }
            vec![node]
        }
        1 => (0..50 + rng.below(651))
            .map(|i| {
                let id = segment(rng, 6, 1, i);
                json!({"id": id, "name": id})
            })
            .collect(),
        _ => (0..1 + rng.below(3))
            .map(|i| {
                let id = segment(rng, 200, 100, i);
                let children: Vec<Value> = (0..rng.below(3))
                    .map(|j| {
                        let child = segment(rng, 200, 100, j);
                        json!({"id": child, "name": child})
                    })
                    .collect();
                json!({"id": id, "name": id, "children": children})
            })
            .collect(),
    };
    json!({"areas": areas, "capabilities": {"users.manage": {"roles": ["admin"]}}})
}

/// An id a person might type for `id`: a letter changed, another case, or
/// only its last segment.
fn near_miss(rng: &mut Rng, id: &str) -> String {
    match rng.below(4) {
        0 => format!("{id}x"),
        1 => id.to_uppercase(),
        2 => id.rsplit('.').next().unwrap_or(id).to_string(),
        _ => {
            let mut chars: Vec<char> = id.chars().collect();
            let at = rng.below(chars.len());
            chars[at] = if chars[at] == 'q' { 'r' } else { 'q' };
            chars.into_iter().collect()
        }
    }
}

fn random_doc(rng: &mut Rng, ids: &[String]) -> Value {
    let mut permissions = Map::new();
    for _ in 0..rng.below(8) {
        let id = if rng.chance(8) {
            let id = rng.pick(ids).clone();
            near_miss(rng, &id)
        } else {
            rng.pick(ids).clone()
        };
        let level = if rng.chance(3) {
            json!(rng.pick(&BAD_LEVELS))
        } else if rng.chance(1) {
            json!(1)
        } else {
            json!(rng.pick(&LEVELS))
        };
        permissions.insert(id, level);
    }
    let role = if rng.chance(2) {
        "owner"
    } else if rng.chance(20) {
        "admin"
    } else {
        "member"
    };
    let mut doc = Map::new();
    if rng.chance(3) {
        doc.insert("extra".into(), json!(true));
    }
    if !rng.chance(2) {
        doc.insert("role".into(), json!(role));
    }
    if !permissions.is_empty() || rng.chance(50) {
        doc.insert("permissions".into(), Value::Object(permissions));
    }
    Value::Object(doc)
}

fn code(e: &Error) -> Value {
    json!(e.code())
}

fn one_case(rng: &mut Rng, n: usize) -> Value {
    let custom = rng.chance(30);
    let catalog_value = if custom && rng.chance(10) {
        audit_catalog(rng)
    } else if custom {
        custom_catalog(rng)
    } else {
        json!("default")
    };
    let catalog = if custom {
        match Catalog::from_json(&catalog_value.to_string()) {
            Ok(c) => Arc::new(c),
            Err(e) => {
                return json!({"name": format!("differential {n}"), "catalog": catalog_value, "preset": "none", "expect": {"error": code(&e)}})
            }
        }
    } else {
        Catalog::builtin()
    };
    let ids: Vec<String> = catalog.nodes().iter().map(|n| n.id().to_string()).collect();
    let mut case = Map::new();
    case.insert("name".into(), json!(format!("differential {n}")));
    case.insert("catalog".into(), catalog_value);
    let mode = if rng.chance(40) {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    if mode == Mode::Lenient {
        case.insert("mode".into(), json!("lenient"));
    }
    let presets: Vec<String> = catalog.presets().iter().map(|p| p.name().to_string()).collect();
    let parsed = if !presets.is_empty() && rng.chance(15) {
        let name = rng.pick(&presets).clone();
        case.insert("preset".into(), json!(name));
        AccessSet::preset(&catalog, &name)
    } else {
        let doc = random_doc(rng, &ids);
        let result = AccessSet::from_value(&catalog, &doc, mode);
        case.insert("access".into(), doc);
        result
    };
    let mut expect = Map::new();
    let mut set = match parsed {
        Ok(set) => set,
        Err(e) => {
            expect.insert("error".into(), code(&e));
            case.insert("expect".into(), Value::Object(expect));
            return Value::Object(case);
        }
    };
    let warnings: Vec<&str> = set.warnings().iter().map(|w| w.code()).collect();
    let mut ops = Vec::new();
    // Now and then a long change chain, as the audit ran (up to 300 steps).
    let steps = if rng.chance(2) {
        rng.below(301)
    } else {
        rng.below(4)
    };
    for _ in 0..steps {
        let id = rng.pick(&ids).clone();
        let (op, next) = match rng.below(10) {
            0..=5 => {
                let level = *rng.pick(&LEVELS);
                (json!({"set": id, "level": level}), set.set(&id, level))
            }
            6..=8 => (json!({"clear": id}), set.clear(&id)),
            _ => {
                let role = if set.role().as_str() == "admin" {
                    "member"
                } else {
                    "admin"
                };
                (json!({"role": role}), set.with_role(role))
            }
        };
        ops.push(op);
        match next {
            Ok(next) => set = next,
            Err(e) => {
                case.insert("ops".into(), Value::Array(ops));
                expect.insert("error".into(), code(&e));
                case.insert("expect".into(), Value::Object(expect));
                return Value::Object(case);
            }
        }
    }
    if !ops.is_empty() {
        case.insert("ops".into(), Value::Array(ops));
    } else {
        expect.insert("warnings".into(), json!(warnings));
    }
    let cluster = *rng.pick(&CLUSTERS);
    case.insert("cluster".into(), json!(cluster));
    let cluster_value = if cluster == "enterprise" {
        Cluster::Enterprise
    } else {
        Cluster::Standard
    };

    let levels: Map<String, Value> = set
        .effective()
        .map(|(n, l)| (n.id().to_string(), json!(l.as_str())))
        .collect();
    expect.insert("levels".into(), Value::Object(levels));
    let (mut allowed, mut denied) = (Vec::new(), Vec::new());
    for _ in 0..4 {
        let id = rng.pick(&ids).clone();
        let action = *rng.pick(&ACTIONS);
        match set.can(&id, action) {
            Ok(true) => allowed.push(json!([id, action])),
            Ok(false) => denied.push(json!([id, action])),
            Err(_) => {}
        }
    }
    expect.insert("allowed".into(), Value::Array(allowed));
    expect.insert("denied".into(), Value::Array(denied));
    let capabilities: Map<String, Value> = catalog
        .capabilities()
        .iter()
        .filter_map(|c| {
            Some((
                c.name().to_string(),
                json!(set.capability(c.name(), cluster_value).ok()?),
            ))
        })
        .collect();
    expect.insert("capabilities".into(), Value::Object(capabilities));
    let explain: Map<String, Value> = ids
        .iter()
        .filter_map(|id| Some((id.clone(), json!(set.explain(id, "view").ok()?.reason.as_str()))))
        .collect();
    expect.insert("explain".into(), Value::Object(explain));
    expect.insert("document".into(), set.to_value());
    expect.insert(
        "visible".into(),
        json!(set.visible().map(|n| n.id()).collect::<Vec<_>>()),
    );
    let typo = {
        let id = rng.pick(&ids).clone();
        near_miss(rng, &id)
    };
    if let Some(e) = set.level(&typo).err() {
        expect.insert("check_errors".into(), json!({ typo: e.code() }));
    }

    // Compare with a random other set of the same catalog.
    let other_doc = random_doc(rng, &ids);
    if let Ok(b) = AccessSet::from_value(&catalog, &other_doc, Mode::Strict) {
        if let (Ok(within), Ok(d)) = (set.within(&b), set.diff(&b, cluster_value)) {
            expect.insert(
                "compare".into(),
                json!([{
                    "to": {"access": other_doc},
                    "within": within,
                    "escalations": d.escalations().map(|c| c.id.clone()).collect::<Vec<_>>(),
                    "reductions": d.reductions().map(|c| c.id.clone()).collect::<Vec<_>>(),
                    "role_change": d.role.map(|(x, y)| json!([x.as_str(), y.as_str()])),
                    "capability_changes": d.capabilities.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
                }]),
            );
        }
    }

    // A few calls that must fail, with the code the core gives.
    let mut query_errors = Vec::new();
    for _ in 0..3 {
        let id = if rng.chance(50) {
            format!("{}q", rng.pick(&ids))
        } else {
            rng.pick(&ids).clone()
        };
        let (call, args, result): (&str, Vec<String>, Result<(), Error>) = match rng.below(6) {
            0 => {
                let a = rng.pick(&BAD_ACTIONS).to_string();
                let r = set.can(&id, a.as_str()).map(drop);
                ("allowed", vec![id, a], r)
            }
            1 => {
                let a = rng.pick(&ACTIONS).to_string();
                let r = set.require(&id, a.as_str());
                ("require", vec![id, a], r)
            }
            2 => {
                let l = if rng.chance(50) {
                    rng.pick(&BAD_LEVELS)
                } else {
                    rng.pick(&LEVELS)
                }
                .to_string();
                let r = set.set(&id, l.as_str()).map(drop);
                ("set", vec![id, l], r)
            }
            3 => {
                let c = if rng.chance(50) { "gov" } else { "enterprise" };
                let name = if rng.chance(50) {
                    "users.manag"
                } else {
                    "users.manage"
                };
                let r = set.capability(name, c).map(drop);
                ("capability", vec![name.to_string(), c.to_string()], r)
            }
            4 => {
                let r = set.with_role("Admin").map(drop);
                ("role", vec!["Admin".to_string()], r)
            }
            _ => {
                let a = rng.pick(&BAD_ACTIONS).to_string();
                let r = set.explain(&id, a.as_str()).map(drop);
                ("explain", vec![id, a], r)
            }
        };
        if let Err(e) = result {
            query_errors.push(json!({"call": call, "args": args, "error": e.code()}));
        }
    }
    if !query_errors.is_empty() {
        expect.insert("query_errors".into(), Value::Array(query_errors));
    }
    case.insert("expect".into(), Value::Object(expect));
    Value::Object(case)
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(seed), Some(count), Some(out)) = (
        args.first().and_then(|s| s.parse::<u64>().ok()),
        args.get(1).and_then(|s| s.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: differential SEED COUNT OUT.json");
        return std::process::ExitCode::from(2);
    };
    let mut rng = Rng(seed);
    let cases: Vec<Value> = (0..count).map(|n| one_case(&mut rng, n)).collect();
    let text = json!({ "cases": cases }).to_string();
    if let Err(e) = std::fs::write(out, text) {
        eprintln!("cannot write {out}: {e}");
        return std::process::ExitCode::from(2);
    }
    println!("wrote {count} differential cases (seed {seed}) to {out}");
    std::process::ExitCode::SUCCESS
}
