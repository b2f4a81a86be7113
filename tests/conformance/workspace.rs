//! Workspace cases of the conformance runner (see README.md, "Workspace cases").

use serde_json::{json, Map, Value};
use std::sync::Arc;
use studio_permissions::{Catalog, Error, Mode, Problem, User, Workspace};

type Diffs = Vec<String>;

const CASE_KEYS: [&str; 8] = [
    "name",
    "catalog",
    "mode",
    "workspace",
    "format",
    "after",
    "expect",
    "cluster",
];
const EXPECT_KEYS: [&str; 9] = [
    "error",
    "problems",
    "users",
    "who_can",
    "who_has",
    "counts",
    "dormant",
    "preset_matches",
    "diff",
];

fn malformed(what: &str) -> Diffs {
    vec![format!("malformed case: {what}")]
}

fn load(
    catalog: &Arc<Catalog>,
    value: &Value,
    format: &str,
    mode: Mode,
) -> Result<Result<Workspace, Error>, Diffs> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Array(_) if format == "json" => value.to_string(),
        Value::Array(_) => return Err(malformed("a `jsonl` export is a string")),
        _ => {
            return Err(malformed(
                "`workspace` and `after` are a list of records or a string",
            ))
        }
    };
    Ok(match format {
        "json" => Workspace::from_json(catalog, &text, mode),
        "jsonl" => Workspace::from_json_lines(catalog, &text, mode),
        _ => return Err(malformed("`format` is `json` or `jsonl`")),
    })
}

fn problems_value(problems: &[Problem]) -> Value {
    Value::Array(
        problems
            .iter()
            .map(|p| json!([p.line, p.user, p.code, p.fatal]))
            .collect(),
    )
}

fn ids<'a>(users: impl IntoIterator<Item = User<'a>>) -> Value {
    json!(users.into_iter().map(|u| u.id()).collect::<Vec<_>>())
}

pub fn run(case: &Map<String, Value>) -> Result<(), Diffs> {
    if let Some(key) = case.keys().find(|k| !CASE_KEYS.contains(&k.as_str())) {
        return Err(malformed(&format!("unknown key `{key}`")));
    }
    let empty = Map::new();
    let expect = case.get("expect").and_then(Value::as_object).unwrap_or(&empty);
    if let Some(key) = expect.keys().find(|k| !EXPECT_KEYS.contains(&k.as_str())) {
        return Err(malformed(&format!("unknown expect key `{key}`")));
    }
    let catalog = match case.get("catalog") {
        None => Catalog::builtin(),
        Some(Value::String(s)) if s == "default" => Catalog::builtin(),
        Some(obj @ Value::Object(_)) => match Catalog::from_json(&obj.to_string()) {
            Ok(c) => Arc::new(c),
            Err(e) => return outcome_error(expect, &e),
        },
        Some(_) => return Err(malformed("`catalog`")),
    };
    let mode = match case.get("mode").and_then(Value::as_str) {
        None | Some("strict") => Mode::Strict,
        Some("lenient") => Mode::Lenient,
        Some(_) => return Err(malformed("`mode`")),
    };
    let format = case.get("format").and_then(Value::as_str).unwrap_or("json");
    let before = match load(
        &catalog,
        case.get("workspace").unwrap_or(&Value::Null),
        format,
        mode,
    )? {
        Ok(w) => w,
        Err(e) => return outcome_error(expect, &e),
    };
    let after = match case.get("after") {
        None => None,
        Some(v) => match load(&catalog, v, format, mode)? {
            Ok(w) => Some(w),
            Err(e) => return outcome_error(expect, &e),
        },
    };
    if let Some(code) = expect.get("error") {
        return Err(vec![format!("expected error {code}, got a workspace")]);
    }
    let mut diffs = Vec::new();
    let mut check = |key: &str, got: Value| {
        if let Some(want) = expect.get(key) {
            if *want != got {
                diffs.push(format!("{key}: expected {want}, got {got}"));
            }
        }
    };
    check("problems", problems_value(before.problems()));
    check("users", ids(before.users()));
    if let Some(Value::Array(items)) = expect.get("who_can") {
        for item in items {
            let (Some(id), Some(action)) = (
                item.get(0).and_then(Value::as_str),
                item.get(1).and_then(Value::as_str),
            ) else {
                return Err(malformed("`who_can` items are [id, action, users]"));
            };
            let got = before
                .who_can(id, action)
                .map(ids)
                .unwrap_or_else(|e| json!(e.code()));
            let want = item.get(2).cloned().unwrap_or(Value::Null);
            if got != want {
                diffs.push(format!("who_can({id}, {action}): expected {want}, got {got}"));
            }
        }
    }
    if let Some(Value::Array(items)) = expect.get("who_has") {
        for item in items {
            let (Some(name), Some(on)) = (
                item.get(0).and_then(Value::as_str),
                item.get(1).and_then(Value::as_str),
            ) else {
                return Err(malformed("`who_has` items are [capability, cluster, users]"));
            };
            let got = before
                .who_has(name, on)
                .map(ids)
                .unwrap_or_else(|e| json!(e.code()));
            let want = item.get(2).cloned().unwrap_or(Value::Null);
            if got != want {
                diffs.push(format!("who_has({name}, {on}): expected {want}, got {got}"));
            }
        }
    }
    if let Some(Value::Object(want)) = expect.get("counts") {
        let counts = before.counts();
        for (id, want) in want {
            let got = catalog
                .nodes()
                .iter()
                .position(|n| n.id() == id)
                .and_then(|i| counts.get(i))
                .map_or(Value::Null, |c| json!(c));
            if got != *want {
                diffs.push(format!("counts({id}): expected {want}, got {got}"));
            }
        }
    }
    let dormant: Map<String, Value> = before
        .dormant()
        .into_iter()
        .map(|(u, d)| (u.id().to_string(), json!(d)))
        .collect();
    let matches: Map<String, Value> = before
        .preset_matches()
        .into_iter()
        .map(|m| (m.user.clone(), json!([m.preset, m.exact])))
        .collect();
    let mut check = |key: &str, got: Value| {
        if let Some(want) = expect.get(key) {
            if *want != got {
                diffs.push(format!("{key}: expected {want}, got {got}"));
            }
        }
    };
    check("dormant", Value::Object(dormant));
    check("preset_matches", Value::Object(matches));
    if let Some(want) = expect.get("diff") {
        let Some(after) = &after else {
            return Err(malformed("`diff` needs `after`"));
        };
        let got = match before.diff(after) {
            Ok(d) => json!({
                "added": d.added,
                "removed": d.removed,
                "changed": d.changed.iter().map(|c| json!([
                    c.user,
                    c.role.map(|(a, b)| json!([a.as_str(), b.as_str()])),
                    c.escalations.iter().map(|x| &x.id).collect::<Vec<_>>(),
                    c.reductions.iter().map(|x| &x.id).collect::<Vec<_>>(),
                ])).collect::<Vec<_>>(),
            }),
            Err(e) => json!(e.code()),
        };
        if *want != got {
            diffs.push(format!("diff: expected {want}, got {got}"));
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs)
    }
}

/// Loading failed: the case passes when it expected this code (and, if it
/// lists them, exactly these problems).
fn outcome_error(expect: &Map<String, Value>, e: &Error) -> Result<(), Diffs> {
    let Some(want) = expect.get("error") else {
        return Err(vec![format!("unexpected error {} ({e})", e.code())]);
    };
    if want.as_str() != Some(e.code()) {
        return Err(vec![format!(
            "expected error {want}, got error {} ({e})",
            e.code()
        )]);
    }
    if let (Some(want), Error::InvalidWorkspace { problems }) = (expect.get("problems"), e) {
        let got = problems_value(problems);
        if *want != got {
            return Err(vec![format!("problems: expected {want}, got {got}")]);
        }
    }
    Ok(())
}
