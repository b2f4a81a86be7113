//! The Rust conformance runner (docs/reference.md#conformance-vectors): runs
//! vector files against the core.
//!
//! `cargo run -q --release -p studio-permissions-examples --bin conformance -- FILES...`
//! prints one line per failing case, then `N passed, N failed`, and exits
//! non-zero on any failure. The rules of a run are in tests/conformance/README.md.

use serde_json::{Map, Value};
use std::process::ExitCode;
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Cluster, Error, Migration, Mode, ViewOptions};

mod workspace;

const CASE_KEYS: [&str; 9] = [
    "name", "catalog", "mode", "access", "preset", "ops", "cluster", "expect", "migrate",
];
const MIGRATED_KEYS: [&str; 6] = ["error", "document", "levels", "reductions", "dropped", "opened"];
const EXPECT_KEYS: [&str; 13] = [
    "error",
    "warnings",
    "levels",
    "allowed",
    "denied",
    "capabilities",
    "explain",
    "check_errors",
    "document",
    "visible",
    "compare",
    "query_errors",
    "migrated",
];
const COMPARE_KEYS: [&str; 7] = [
    "to",
    "within",
    "same_access",
    "escalations",
    "reductions",
    "role_change",
    "capability_changes",
];

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--views OUT`: also write the view of each case's final set, one
    // `{"name":…,"view":…,"named":…}` line per case (`named`: the view with
    // names), to compare across languages.
    let views_out = match args.iter().position(|a| a == "--views") {
        Some(i) if i + 1 < args.len() => {
            let out = args.remove(i + 1);
            args.remove(i);
            Some(out)
        }
        Some(_) => {
            eprintln!("usage: conformance [--views OUT] FILES...");
            return ExitCode::from(2);
        }
        None => None,
    };
    let files = args;
    if files.is_empty() {
        eprintln!("usage: conformance [--views OUT] FILES...");
        return ExitCode::from(2);
    }
    let report = run_files(&files);
    for line in &report.failures {
        println!("{line}");
    }
    println!("{} passed, {} failed", report.passed, report.failures.len());
    if let Some(out) = views_out {
        let text: String = report.views.iter().map(|line| format!("{line}\n")).collect();
        if let Err(e) = std::fs::write(&out, text) {
            eprintln!("cannot write {out}: {e}");
            return ExitCode::from(2);
        }
    }
    match (report.failures.is_empty(), report.unreadable) {
        (true, _) => ExitCode::SUCCESS,
        (false, true) => ExitCode::from(2),
        (false, false) => ExitCode::FAILURE,
    }
}

/// What a run over some files found.
pub struct Report {
    /// Cases that passed.
    pub passed: usize,
    /// One `FAIL ...` line per failing case or unreadable file.
    pub failures: Vec<String>,
    /// Whether a file could not be read as vectors, or a case not understood.
    pub unreadable: bool,
    /// `{"name":…,"view":…,"named":…}` for each case that ends with a set.
    pub views: Vec<String>,
}

/// Runs every case of every file.
pub fn run_files(files: &[String]) -> Report {
    let mut report = Report {
        passed: 0,
        failures: Vec::new(),
        unreadable: false,
        views: Vec::new(),
    };
    for file in files {
        let cases = match read_cases(file) {
            Ok(cases) => cases,
            Err(why) => {
                report.failures.push(format!("FAIL {file}: {why}"));
                report.unreadable = true;
                continue;
            }
        };
        for case in &cases {
            let name = case
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("(unnamed case)");
            match run_case(case, &mut report.views) {
                Ok(()) => report.passed += 1,
                Err(diffs) => report
                    .failures
                    .push(format!("FAIL {file}: {name}: {}", diffs.join("; "))),
            }
        }
    }
    report
}

fn read_cases(file: &str) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    match value.get("cases") {
        Some(Value::Array(cases)) => Ok(cases.clone()),
        _ => Err("no `cases` list".to_string()),
    }
}

type Diffs = Vec<String>;

fn str_arg(v: Option<&Value>, what: &str) -> Result<String, Diffs> {
    match v {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(vec![format!("malformed case: `{what}` must be a string")]),
    }
}

fn show(result: &Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Ok(v) => format!("ok {v:?}"),
        Err(e) => format!("error {} ({e})", e.code()),
    }
}

/// Steps 1 to 4: catalog, set, ops, cluster.
fn build(case: &Map<String, Value>) -> Result<Result<(AccessSet, Cluster), Error>, Diffs> {
    let catalog = match case.get("catalog") {
        None => Ok(Catalog::builtin()),
        Some(Value::String(s)) if s == "default" => Ok(Catalog::builtin()),
        Some(obj @ Value::Object(_)) => Catalog::from_json(&obj.to_string()).map(Arc::new),
        Some(_) => return Err(vec!["malformed case: `catalog`".into()]),
    };
    let catalog = match catalog {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let mode = match case.get("mode").map(Value::as_str) {
        None | Some(Some("strict")) => Mode::Strict,
        Some(Some("lenient")) => Mode::Lenient,
        _ => return Err(vec!["malformed case: `mode`".into()]),
    };
    let set = match (case.get("access"), case.get("preset")) {
        (Some(Value::String(text)), None) => AccessSet::parse(&catalog, text, mode),
        (Some(doc), None) => AccessSet::from_value(&catalog, doc, mode),
        (None, Some(Value::String(name))) => AccessSet::preset(&catalog, name),
        _ => {
            return Err(vec![
                "malformed case: needs exactly one of `access` and `preset`".into()
            ])
        }
    };
    let mut set = match set {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let no_ops = Vec::new();
    let ops = match case.get("ops") {
        None => &no_ops,
        Some(Value::Array(ops)) => ops,
        Some(_) => return Err(vec!["malformed case: `ops`".into()]),
    };
    for op in ops {
        let keys: Vec<&str> = op
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        if !matches!(
            keys.as_slice(),
            ["set", "level"] | ["level", "set"] | ["clear"] | ["role"]
        ) {
            return Err(vec![format!("malformed case: op {op}")]);
        }
        let next = if let Some(id) = op.get("set") {
            let id = str_arg(Some(id), "set")?;
            let level = str_arg(op.get("level"), "level")?;
            set.set(&id, level.as_str())
        } else if let Some(id) = op.get("clear") {
            set.clear(&str_arg(Some(id), "clear")?)
        } else if let Some(role) = op.get("role") {
            set.with_role(str_arg(Some(role), "role")?.as_str())
        } else {
            return Err(vec![format!("malformed case: unknown op {op}")]);
        };
        set = match next {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
    }
    let cluster = match case.get("cluster") {
        None => Ok(Cluster::Standard),
        Some(Value::String(c)) => Cluster::parse(c),
        Some(_) => return Err(vec!["malformed case: `cluster`".into()]),
    };
    Ok(cluster.map(|c| (set, c)))
}

fn run_case(case: &Value, views: &mut Vec<String>) -> Result<(), Diffs> {
    let Some(case) = case.as_object() else {
        return Err(vec!["malformed case: not an object".into()]);
    };
    if case.contains_key("workspace") {
        return workspace::run(case);
    }
    if let Some(key) = case.keys().find(|k| !CASE_KEYS.contains(&k.as_str())) {
        return Err(vec![format!("malformed case: unknown key `{key}`")]);
    }
    let empty = Map::new();
    let expect = match case.get("expect") {
        None => &empty,
        Some(Value::Object(e)) => e,
        Some(_) => return Err(vec!["malformed case: `expect`".into()]),
    };
    if let Some(key) = expect.keys().find(|k| !EXPECT_KEYS.contains(&k.as_str())) {
        return Err(vec![format!("malformed case: unknown expect key `{key}`")]);
    }
    let built = build(case)?;
    if let Some(code) = expect.get("error") {
        let code = str_arg(Some(code), "expect.error")?;
        return match built {
            Err(e) if e.code() == code => Ok(()),
            Err(e) => Err(vec![format!(
                "expected error {code}, got error {} ({e})",
                e.code()
            )]),
            Ok((set, _)) => Err(vec![format!("expected error {code}, got a set {set}")]),
        };
    }
    let (set, cluster) = built.map_err(|e| vec![format!("unexpected error {} ({e})", e.code())])?;
    let name = case.get("name").cloned().unwrap_or(Value::Null);
    let named = set.view_with(ViewOptions::new().names(true));
    views.push(serde_json::json!({"name": name, "view": set.view(), "named": named}).to_string());
    let mut diffs = Vec::new();
    check_expectations(&set, cluster, expect, &mut diffs)?;
    match (case.get("migrate"), expect.get("migrated")) {
        (Some(migrate), Some(want)) => migrated(
            &set,
            object(migrate, "migrate")?,
            object(want, "expect.migrated")?,
            &mut diffs,
        )?,
        (None, None) => {}
        _ => {
            return Err(vec![
                "malformed case: `migrate` and `expect.migrated` go together".into(),
            ])
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs)
    }
}

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, Diffs> {
    v.as_object()
        .ok_or_else(|| vec![format!("malformed case: `{what}` must be an object")])
}

fn string_list(v: &Value, what: &str) -> Result<Vec<String>, Diffs> {
    v.as_array()
        .and_then(|items| {
            items
                .iter()
                .map(|i| i.as_str().map(String::from))
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| vec![format!("malformed case: `{what}` must be a list of strings")])
}

fn pairs(v: &Value, what: &str) -> Result<Vec<(String, String)>, Diffs> {
    let bad = || vec![format!("malformed case: `{what}` must be a list of [id, action]")];
    let items = v.as_array().ok_or_else(bad)?;
    items
        .iter()
        .map(|p| match p.as_array().map(Vec::as_slice) {
            Some([Value::String(a), Value::String(b)]) => Ok((a.clone(), b.clone())),
            _ => Err(bad()),
        })
        .collect()
}

fn check_expectations(
    set: &AccessSet,
    cluster: Cluster,
    expect: &Map<String, Value>,
    diffs: &mut Diffs,
) -> Result<(), Diffs> {
    if let Some(v) = expect.get("warnings") {
        let want = string_list(v, "warnings")?;
        let got: Vec<String> = set.warnings().iter().map(|w| w.code().to_string()).collect();
        if got != want {
            diffs.push(format!("warnings: expected {want:?}, got {got:?}"));
        }
    }
    if let Some(v) = expect.get("levels") {
        for (id, want) in object(v, "levels")? {
            let got = set.level(id);
            if !matches!((&got, want.as_str()), (Ok(l), Some(w)) if l.as_str() == w) {
                diffs.push(format!("level({id}): expected {want}, got {}", show(&got)));
            }
        }
    }
    for (key, want) in [("allowed", true), ("denied", false)] {
        if let Some(v) = expect.get(key) {
            for (id, action) in pairs(v, key)? {
                let got = set.can(&id, action.as_str());
                if got != Ok(want) {
                    diffs.push(format!(
                        "allowed({id}, {action}): expected {want}, got {}",
                        show(&got)
                    ));
                }
            }
        }
    }
    if let Some(v) = expect.get("capabilities") {
        for (name, want) in object(v, "capabilities")? {
            let got = set.capability(name, cluster);
            if !matches!((&got, want.as_bool()), (Ok(g), Some(w)) if *g == w) {
                diffs.push(format!("capability({name}): expected {want}, got {}", show(&got)));
            }
        }
    }
    if let Some(v) = expect.get("explain") {
        for (id, want) in object(v, "explain")? {
            let got = set.explain(id, "view").map(|e| e.reason.as_str());
            if !matches!((&got, want.as_str()), (Ok(g), Some(w)) if *g == w) {
                diffs.push(format!(
                    "explain({id}).reason: expected {want}, got {}",
                    show(&got)
                ));
            }
        }
    }
    if let Some(v) = expect.get("check_errors") {
        for (id, want) in object(v, "check_errors")? {
            let codes = [
                set.level(id).err().map(|e| e.code()),
                set.can(id, "view").err().map(|e| e.code()),
                set.explain(id, "view").err().map(|e| e.code()),
            ];
            if codes.iter().any(|c| c.as_deref() != want.as_str()) {
                diffs.push(format!("check_errors({id}): expected {want}, got {codes:?}"));
            }
        }
    }
    if let Some(want) = expect.get("document") {
        let got = set.to_value();
        if &got != want {
            diffs.push(format!("document: expected {want}, got {}", set.to_json()));
        }
    }
    if let Some(v) = expect.get("visible") {
        let want = string_list(v, "visible")?;
        let got: Vec<String> = set.visible().map(|n| n.id().to_string()).collect();
        if got != want {
            diffs.push(format!("visible: expected {want:?}, got {got:?}"));
        }
    }
    if let Some(v) = expect.get("compare") {
        let items = v
            .as_array()
            .ok_or_else(|| vec!["malformed case: `compare`".to_string()])?;
        for item in items {
            compare(set, cluster, object(item, "compare item")?, diffs)?;
        }
    }
    if let Some(v) = expect.get("query_errors") {
        let items = v
            .as_array()
            .ok_or_else(|| vec!["malformed case: `query_errors`".to_string()])?;
        for item in items {
            let item = object(item, "query_errors item")?;
            let call = str_arg(item.get("call"), "call")?;
            let want = str_arg(item.get("error"), "error")?;
            let args = item
                .get("args")
                .map(|a| string_list(a, "args"))
                .transpose()?
                .unwrap_or_default();
            let got = query(set, &call, &args)?;
            if got != Some(want.as_str()) {
                diffs.push(format!("{call}{args:?}: expected error {want}, got {got:?}"));
            }
        }
    }
    Ok(())
}

/// Runs one `query_errors` call; the error code it raised, if any.
fn query(set: &AccessSet, call: &str, args: &[String]) -> Result<Option<&'static str>, Diffs> {
    let code = |r: Result<(), Error>| r.err().map(|e| e.code());
    let arity = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(vec![format!("malformed case: `{call}` takes {n} args")])
        }
    };
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    Ok(match call {
        "level" => arity(1).map(|_| code(set.level(arg(0)).map(drop)))?,
        "allowed" => arity(2).map(|_| code(set.can(arg(0), arg(1)).map(drop)))?,
        "explain" => arity(2).map(|_| code(set.explain(arg(0), arg(1)).map(drop)))?,
        "require" => arity(2).map(|_| code(set.require(arg(0), arg(1))))?,
        "capability" => arity(2).map(|_| code(set.capability(arg(0), arg(1)).map(drop)))?,
        "require_capability" => arity(2).map(|_| code(set.require_capability(arg(0), arg(1))))?,
        "set" => arity(2).map(|_| code(set.set(arg(0), arg(1)).map(drop)))?,
        "clear" => arity(1).map(|_| code(set.clear(arg(0)).map(drop)))?,
        "role" => arity(1).map(|_| code(set.with_role(arg(0)).map(drop)))?,
        other => return Err(vec![format!("malformed case: unknown call `{other}`")]),
    })
}

fn compare(
    a: &AccessSet,
    cluster: Cluster,
    item: &Map<String, Value>,
    diffs: &mut Diffs,
) -> Result<(), Diffs> {
    if let Some(key) = item.keys().find(|k| !COMPARE_KEYS.contains(&k.as_str())) {
        return Err(vec![format!("malformed case: unknown compare key `{key}`")]);
    }
    let to = object(item.get("to").unwrap_or(&Value::Null), "compare.to")?;
    if to.len() != 1 {
        return Err(vec![
            "malformed case: `compare.to` needs exactly one of `preset` and `access`".into(),
        ]);
    }
    let b = match (to.get("preset"), to.get("access")) {
        (Some(Value::String(p)), None) => AccessSet::preset(a.catalog(), p),
        (None, Some(Value::String(text))) => AccessSet::parse(a.catalog(), text, Mode::Strict),
        (None, Some(doc)) => AccessSet::from_value(a.catalog(), doc, Mode::Strict),
        _ => {
            return Err(vec![
                "malformed case: `compare.to` needs `preset` or `access`".into()
            ])
        }
    };
    let b = b.map_err(|e| vec![format!("compare.to: unexpected error {} ({e})", e.code())])?;
    let label = serde_json::to_string(to).unwrap_or_default();
    if let Some(want) = item.get("within") {
        let got = a.within(&b);
        if !matches!((&got, want.as_bool()), (Ok(g), Some(w)) if *g == w) {
            diffs.push(format!("within({label}): expected {want}, got {}", show(&got)));
        }
    }
    if let Some(want) = item.get("same_access") {
        let got = a.same_access(&b);
        if !matches!((&got, want.as_bool()), (Ok(g), Some(w)) if *g == w) {
            diffs.push(format!(
                "same_access({label}): expected {want}, got {}",
                show(&got)
            ));
        }
    }
    let diff = a
        .diff(&b, cluster)
        .map_err(|e| vec![format!("diff: error {} ({e})", e.code())])?;
    let escalations: Vec<String> = diff.escalations().map(|c| c.id.clone()).collect();
    let reductions: Vec<String> = diff.reductions().map(|c| c.id.clone()).collect();
    let capabilities: Vec<String> = diff.capabilities.iter().map(|c| c.name.clone()).collect();
    for (key, got) in [
        ("escalations", escalations),
        ("reductions", reductions),
        ("capability_changes", capabilities),
    ] {
        if let Some(v) = item.get(key) {
            let want = string_list(v, key)?;
            if got != want {
                diffs.push(format!("{key}({label}): expected {want:?}, got {got:?}"));
            }
        }
    }
    if let Some(want) = item.get("role_change") {
        let got = match diff.role {
            Some((x, y)) => serde_json::json!([x.as_str(), y.as_str()]),
            None => Value::Null,
        };
        if &got != want {
            diffs.push(format!("role_change({label}): expected {want}, got {got}"));
        }
    }
    Ok(())
}

/// The `migrate` key: moves the case's set to another catalog and compares
/// the set and the report with `expect.migrated`.
fn migrated(
    set: &AccessSet,
    migrate: &Map<String, Value>,
    want: &Map<String, Value>,
    diffs: &mut Diffs,
) -> Result<(), Diffs> {
    if let Some(key) = migrate
        .keys()
        .find(|k| !["to_catalog", "migration"].contains(&k.as_str()))
    {
        return Err(vec![format!("malformed case: unknown migrate key `{key}`")]);
    }
    if let Some(key) = want.keys().find(|k| !MIGRATED_KEYS.contains(&k.as_str())) {
        return Err(vec![format!(
            "malformed case: unknown expect.migrated key `{key}`"
        )]);
    }
    let target = match migrate.get("to_catalog") {
        Some(Value::String(s)) if s == "default" => Ok(Catalog::builtin()),
        Some(obj @ Value::Object(_)) => Catalog::from_json(&obj.to_string()).map(Arc::new),
        _ => return Err(vec!["malformed case: `migrate.to_catalog`".into()]),
    };
    let result = target.and_then(|target| {
        let migration = match migrate.get("migration") {
            Some(Value::String(text)) => Migration::from_json(text, set.catalog(), &target),
            Some(value) => Migration::from_value(value, set.catalog(), &target),
            None => return Ok(None),
        };
        migration.and_then(|m| m.apply(set)).map(Some)
    });
    let out = match (result, want.get("error")) {
        (Ok(None), _) => return Err(vec!["malformed case: `migrate.migration` is missing".into()]),
        (Err(e), Some(code)) if Some(e.code()) == code.as_str() => return Ok(()),
        (Err(e), _) => {
            diffs.push(format!("migrated: unexpected error {} ({e})", e.code()));
            return Ok(());
        }
        (Ok(Some(_)), Some(code)) => {
            diffs.push(format!("migrated: expected error {code}, got a set"));
            return Ok(());
        }
        (Ok(Some(out)), None) => out,
    };
    let access = out.access();
    if let Some(doc) = want.get("document") {
        if &access.to_value() != doc {
            diffs.push(format!(
                "migrated.document: expected {doc}, got {}",
                access.to_json()
            ));
        }
    }
    if let Some(v) = want.get("levels") {
        for (id, level) in object(v, "migrated.levels")? {
            let got = access.level(id);
            if !matches!((&got, level.as_str()), (Ok(l), Some(w)) if l.as_str() == w) {
                diffs.push(format!(
                    "migrated.level({id}): expected {level}, got {}",
                    show(&got)
                ));
            }
        }
    }
    if let Some(v) = want.get("reductions") {
        let got: Vec<Value> = out
            .reductions()
            .iter()
            .map(|r| serde_json::json!([r.id, r.cause.as_str()]))
            .collect();
        if &Value::Array(got.clone()) != v {
            diffs.push(format!(
                "migrated.reductions: expected {v}, got {}",
                Value::Array(got)
            ));
        }
    }
    for (key, got) in [("dropped", out.dropped()), ("opened", out.opened())] {
        if let Some(v) = want.get(key) {
            let want = string_list(v, key)?;
            if want != got {
                diffs.push(format!("migrated.{key}: expected {want:?}, got {got:?}"));
            }
        }
    }
    Ok(())
}
