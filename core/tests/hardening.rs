//! The second hardening pass: each test pins one fault an adversarial audit
//! found (right answers at any size, bounded cost per byte, no abort,
//! messages safe to log) and fails without its fix.

use std::sync::Arc;
use studio_permissions::limits::{
    MAX_CATALOG_ID_BYTES, MAX_DOCUMENT_BYTES, MAX_EXPORT_BYTES, MAX_ID_BYTES, STEPS_PER_DOCUMENT,
};
use studio_permissions::{AccessSet, Catalog, Cluster, Error, Mode, Warning, Workspace};

fn builtin() -> Arc<Catalog> {
    Catalog::builtin()
}

fn message<T: std::fmt::Debug>(result: Result<T, Error>) -> (String, Option<String>, String) {
    match result {
        Ok(v) => unreachable!("expected an error, got {v:?}"),
        Err(e) => (e.code().to_string(), e.path().map(String::from), e.to_string()),
    }
}

fn catalog(text: &str) -> Arc<Catalog> {
    match Catalog::from_json(text) {
        Ok(c) => Arc::new(c),
        Err(e) => unreachable!("{e}"),
    }
}

// ---- messages safe to log ------------------------------------------------

#[test]
fn control_characters_in_an_echoed_id_are_escaped_and_the_path_keeps_them() {
    let set = AccessSet::admin(&builtin());
    let hostile = "knowledge\x1b[2J\x1b]0;pwned\x07\nINFO granted admin";
    assert_eq!(
        message(set.can(hostile, "view")),
        (
            "unknown_area".into(),
            Some(hostile.into()),
            "unknown area `knowledge\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\nINFO granted admin`".into()
        )
    );
    // Every echoing message, not only unknown ids.
    assert_eq!(
        message(set.can("knowledge", "vi\new")).2,
        "unknown action `vi\\new`: expected `view`, `create`, `edit` or `delete`: did you mean `view`?"
    );
    assert_eq!(
        message(set.capability("users.manage", "std\r")).2,
        "unknown cluster `std\\r`: expected `standard` or `enterprise`"
    );
    assert_eq!(
        message(AccessSet::parse(
            &builtin(),
            "{\"role\":\"x\\u0000y\"}",
            Mode::Strict
        ))
        .2,
        "unknown role `x\\u{0}y`: expected `admin` or `member`"
    );
    assert_eq!(
        message(AccessSet::parse(
            &builtin(),
            r#"{"role":"member","a`b":1}"#,
            Mode::Strict
        ))
        .2,
        "invalid document: unknown field `a\\`b`"
    );
}

#[test]
fn a_long_id_is_cut_with_its_length_and_no_suggestion_doubles_it() {
    let set = AccessSet::admin(&builtin());
    let long = format!("knowledge{}", "x".repeat((1 << 20) - 9));
    let (code, path, text) = message(set.level(&long));
    assert_eq!(
        (code.as_str(), path.as_deref()),
        ("unknown_area", Some(long.as_str()))
    );
    assert_eq!(
        text,
        format!("unknown area `knowledge{}…` (1048576 characters)", "x".repeat(55))
    );
    // A lenient warning and a workspace problem are cut the same way.
    let doc = format!(
        r#"{{"role":"member","permissions":{{"knowledge{}":"read"}}}}"#,
        "\\t".repeat(200_000)
    );
    let parsed = AccessSet::parse(&builtin(), &doc, Mode::Lenient);
    let warnings: Vec<String> = parsed
        .iter()
        .flat_map(|s| s.warnings())
        .map(Warning::to_string)
        .collect();
    assert_eq!(
        warnings,
        [format!(
            "dropped unknown area `knowledge{}…` (200009 characters)",
            "\\t".repeat(55)
        )]
    );
    let user = "u\n".repeat(100);
    let lines = format!(r#"{{"user":"{}","role":"boss"}}"#, user.replace('\n', "\\n"));
    let ws = Workspace::from_json_lines(&builtin(), &lines, Mode::Lenient);
    let problems: Vec<String> = ws
        .iter()
        .flat_map(|w| w.problems())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [format!(
            "line 1, user `{}…` (200 characters): unknown role `boss`: expected `admin` or `member` (unknown_role)",
            "u\\n".repeat(32)
        )]
    );
}

// ---- suggestions: the rule and its bound -----------------------------------

#[test]
fn suggestions_find_what_people_type() {
    let set = AccessSet::admin(&builtin());
    let said = |id: &str| message(set.level(id)).2;
    assert_eq!(
        said("Knowledge.FAQs"),
        "unknown area `Knowledge.FAQs`: did you mean `knowledge.faqs`?"
    );
    assert_eq!(
        said("faqs"),
        "unknown area `faqs`: did you mean `knowledge.faqs`?"
    );
    assert_eq!(
        said("kpis"),
        "unknown area `kpis`: did you mean `analytics.kpis`?"
    );
    // Not unique among last segments (`voice.agent` only, but `agent` is
    // also 2 from nothing): a unique one suggests, two would not.
    assert_eq!(said("agent"), "unknown area `agent`: did you mean `voice.agent`?");
    assert_eq!(said("FAQS"), "unknown area `FAQS`");
    // Capabilities and presets take the same rule.
    assert_eq!(
        message(set.capability("Users.Manage", Cluster::Standard)).2,
        "unknown capability `Users.Manage`: did you mean `users.manage`?"
    );
    assert_eq!(
        message(set.capability("use", Cluster::Standard)).2,
        "unknown capability `use`: did you mean `studio_assistant.use`?"
    );
    assert_eq!(
        message(set.capability("manage", Cluster::Standard)).2,
        "unknown capability `manage`"
    );
    assert_eq!(
        message(AccessSet::preset(&builtin(), "Knowledge_Editor")).2,
        "unknown preset `Knowledge_Editor`: did you mean `knowledge_editor`?"
    );
}

#[test]
fn a_lenient_parse_spends_a_bounded_budget_on_suggestions() {
    // The audit's shape: 45,000 near-miss ids against 500 nodes of the same
    // length. Without a bound every id is compared with every node.
    let areas: Vec<String> = (0..500)
        .map(|j| format!(r#"{{"id":"node{j:08}","name":"x"}}"#))
        .collect();
    let cat = catalog(&format!(r#"{{"areas":[{}]}}"#, areas.join(",")));
    let ids: Vec<String> = (0..45_000).map(|j| format!(r#""nodf{j:08}":"read""#)).collect();
    let doc = format!(r#"{{"role":"member","permissions":{{{}}}}}"#, ids.join(","));
    let set = AccessSet::parse(&cat, &doc, Mode::Lenient);
    let warnings = set.as_ref().map(AccessSet::warnings).map_err(ToString::to_string);
    let Ok(warnings) = warnings else {
        unreachable!("{warnings:?}")
    };
    let suggestions: Vec<Option<&str>> = warnings
        .iter()
        .map(|w| match w {
            Warning::UnknownArea { suggestion, .. } => suggestion.as_deref(),
            _ => None,
        })
        .collect();
    assert_eq!(suggestions.len(), 45_000);
    // The first ids get the right suggestion; once the document's budget is
    // spent the rest get none, and none is ever a wrong one.
    assert_eq!(suggestions.first(), Some(&Some("node00000000")));
    assert_eq!(suggestions.last(), Some(&None));
    let given = suggestions.iter().filter(|s| s.is_some()).count();
    assert!(given > 0 && given < 45_000);
    for (j, s) in suggestions.iter().enumerate().take(given) {
        assert_eq!(*s, Some(format!("node{j:08}").as_str()));
    }
    // Each suggestion costs at least one step per node of its length.
    assert!(given * 500 <= STEPS_PER_DOCUMENT);
}

#[test]
fn a_workspace_export_shares_one_budget() {
    let areas: Vec<String> = (0..500)
        .map(|j| format!(r#"{{"id":"node{j:08}","name":"x"}}"#))
        .collect();
    let cat = catalog(&format!(r#"{{"areas":[{}]}}"#, areas.join(",")));
    let lines: Vec<String> = (0..2_000)
        .map(|u| {
            let ids: Vec<String> = (0..20)
                .map(|j| format!(r#""nodf{:08}":"read""#, u * 20 + j))
                .collect();
            format!(
                r#"{{"user":"u{u}","role":"member","permissions":{{{}}}}}"#,
                ids.join(",")
            )
        })
        .collect();
    let ws = Workspace::from_json_lines(&cat, &lines.join("\n"), Mode::Lenient);
    let Ok(ws) = ws else { unreachable!("{ws:?}") };
    assert_eq!(ws.len(), 2_000);
    let messages: Vec<&str> = ws.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages.len(), 40_000);
    assert_eq!(
        messages.first(),
        Some(&"dropped unknown area `nodf00000000`: did you mean `node00000000`?")
    );
    assert_eq!(messages.last(), Some(&"dropped unknown area `nodf00039999`"));
}

// ---- catalog memory ---------------------------------------------------------

#[test]
fn a_long_parent_id_is_refused_before_it_is_copied_into_its_children() {
    // The audit's 1.1 MB catalog: a 1,000,000-letter area with 5,000 children
    // asked for 10 GB; it is refused at the area's id.
    let kids: Vec<String> = (0..5_000)
        .map(|i| format!(r#"{{"id":"k{i}","name":""}}"#))
        .collect();
    let text = format!(
        r#"{{"areas":[{{"id":"{}","name":"","children":[{}]}}]}}"#,
        "a".repeat(1_000_000),
        kids.join(",")
    );
    assert_eq!(
        message(Catalog::from_json(&text)),
        (
            "limit_exceeded".into(),
            None,
            format!("a catalog id is 1000000 bytes, beyond the limit of {MAX_ID_BYTES} bytes")
        )
    );
    // At the limit a full id works; one byte over it does not.
    let deep = |len: usize| {
        format!(
            r#"{{"areas":[{{"id":"a","name":"","children":[{{"id":"{}","name":""}}]}}]}}"#,
            "b".repeat(len)
        )
    };
    assert!(Catalog::from_json(&deep(MAX_ID_BYTES - 2)).is_ok());
    assert_eq!(
        message(Catalog::from_json(&deep(MAX_ID_BYTES - 1))).0,
        "limit_exceeded"
    );
}

#[test]
fn the_ids_of_a_catalog_are_bounded_together() {
    // Ids of 1,000 bytes under one parent: 17,000 of them is 17 MB of ids
    // from 0.5 MB of text.
    let parent = "p".repeat(990);
    let kids: Vec<String> = (0..17_000)
        .map(|i| format!(r#"{{"id":"k{i:05}","name":""}}"#))
        .collect();
    let text = format!(
        r#"{{"areas":[{{"id":"{parent}","name":"","children":[{}]}}]}}"#,
        kids.join(",")
    );
    let (code, _, text) = message(Catalog::from_json(&text));
    assert_eq!(code, "limit_exceeded");
    assert!(
        text.starts_with("the catalog's ids together is ")
            && text.ends_with(&format!("beyond the limit of {MAX_CATALOG_ID_BYTES} bytes")),
        "{text}"
    );
}

#[test]
fn many_presets_over_many_nodes_cost_their_entries() {
    // 20,000 nodes and 20,000 empty presets: a dense table would be 400 MB.
    let areas: Vec<String> = (0..20_000)
        .map(|j| format!(r#"{{"id":"n{j}","name":""}}"#))
        .collect();
    let presets: Vec<String> = (0..20_000).map(|j| format!(r#""p{j}":{{}}"#)).collect();
    let cat = catalog(&format!(
        r#"{{"areas":[{}],"presets":{{{},"last":{{"n19999":"edit"}}}}}}"#,
        areas.join(","),
        presets.join(",")
    ));
    assert_eq!(cat.presets().len(), 20_001);
    let last = AccessSet::preset(&cat, "last");
    let last = last.map_err(|e| e.to_string());
    assert_eq!(
        last.as_ref().map(|s| s.level("n19999").map(|l| l.to_string())),
        Ok(Ok("edit".into()))
    );
    assert_eq!(
        last.map(|s| s.to_json()),
        Ok(r#"{"role":"member","permissions":{"n19999":"edit"}}"#.into())
    );
    // A preset breaking the parent rule is still refused, by the sparse check.
    let bad = r#"{"areas":[{"id":"a","name":"","children":[{"id":"b","name":"","children":[{"id":"c","name":""}]}]}],"presets":{"p":{"a":"read","a.b.c":"edit"}}}"#;
    assert_eq!(
        message(Catalog::from_json(bad)).2,
        "invalid catalog: preset `p`: `a.b.c` cannot be `edit`: its parent `a.b` is only `read`"
    );
}

// ---- workspace exports ------------------------------------------------------

#[test]
fn an_oversized_record_in_an_array_is_refused_by_its_size_before_it_is_read() {
    // Inside the 2 MB record: a syntax fault and a repeated key. Neither is
    // read: the record is refused by its size, like an over-long line.
    let big = format!(
        r#"{{"user":"big","role":"member","x":[1,,2],"x":"{}"}}"#,
        "y".repeat(2 << 20)
    );
    let text = format!(r#"[{big},{{"user":"ok","role":"admin"}}]"#);
    let ws = Workspace::from_json(&builtin(), &text, Mode::Lenient);
    let Ok(ws) = ws else { unreachable!("{ws:?}") };
    assert_eq!(ws.users().map(|u| u.id()).collect::<Vec<_>>(), ["ok"]);
    let problems: Vec<(usize, &str, &str)> = ws
        .problems()
        .iter()
        .map(|p| (p.line, p.code, p.message.as_str()))
        .collect();
    let expected = format!(
        "the record is {} bytes, beyond the limit of {MAX_DOCUMENT_BYTES} bytes",
        big.len()
    );
    assert_eq!(problems, [(1, "limit_exceeded", expected.as_str())]);
    // A long number has no brackets to scan; it is measured all the same.
    let number = format!(
        "[1.{},{{\"user\":\"ok\",\"role\":\"admin\"}}]",
        "0".repeat(2 << 20)
    );
    let ws = Workspace::from_json(&builtin(), &number, Mode::Lenient);
    let codes: Vec<&str> = ws.iter().flat_map(|w| w.problems()).map(|p| p.code).collect();
    assert_eq!(codes, ["limit_exceeded"]);
    // A syntax fault after it still fails the whole text.
    let broken = format!(r#"[{big},{{"user":]"#);
    assert_eq!(
        message(Workspace::from_json(&builtin(), &broken, Mode::Lenient)).0,
        "invalid_json"
    );
}

#[test]
fn an_array_export_is_read_record_by_record_with_the_same_answers() {
    let text = "[\n{\"user\":\"a\",\"role\":\"admin\"},\n{\"user\":\"b\",\"role\":\"member\",\"k\":1,\"k\":2},\n\"x\",\n{\"user\":\"a\",\"role\":\"member\"}\n]";
    let ws = Workspace::from_json(&builtin(), text, Mode::Lenient);
    let Ok(ws) = ws else { unreachable!("{ws:?}") };
    let problems: Vec<(usize, &str)> = ws.problems().iter().map(|p| (p.line, p.code)).collect();
    assert_eq!(
        problems,
        [
            (3, "duplicate_key"),
            (4, "invalid_document"),
            (5, "duplicate_user")
        ]
    );
    for bad in [
        "",
        "[",
        "[1,",
        "[1]x",
        "[1 2]",
        "{}",
        "[{\"user\":\"a\",\"role\":\"admin\"},]",
    ] {
        assert_eq!(
            message(Workspace::from_json(&builtin(), bad, Mode::Lenient)).0,
            "invalid_json",
            "{bad}"
        );
    }
    assert!(Workspace::from_json(&builtin(), " [ ] ", Mode::Strict).is_ok_and(|w| w.is_empty()));
}

#[test]
fn a_whole_export_is_bounded() {
    // Zeroed pages are not touched until read, and the size is checked first.
    let huge = vec![0u8; MAX_EXPORT_BYTES + 1];
    let expected = (
        "limit_exceeded".to_string(),
        None,
        format!(
            "the export is {} bytes, beyond the limit of {MAX_EXPORT_BYTES} bytes",
            MAX_EXPORT_BYTES + 1
        ),
    );
    assert_eq!(
        message(Workspace::from_json_bytes(&builtin(), &huge, Mode::Lenient)),
        expected
    );
    assert_eq!(
        message(Workspace::from_json_lines_bytes(&builtin(), &huge, Mode::Lenient)),
        expected
    );
}

#[test]
fn users_are_found_by_id_whatever_their_length() {
    let lines: Vec<String> = (0..300)
        .map(|i| format!(r#"{{"user":"{}{i:06}","role":"member"}}"#, "u".repeat(20_000)))
        .collect();
    let ws = Workspace::from_json_lines(&builtin(), &lines.join("\n"), Mode::Strict);
    let Ok(ws) = ws else { unreachable!("{ws:?}") };
    for i in [0, 137, 299] {
        let id = format!("{}{i:06}", "u".repeat(20_000));
        assert_eq!(ws.user(&id).map(|u| u.index()), Some(i));
    }
    assert!(ws.user(&"u".repeat(20_006)).is_none());
    assert!(ws.user("x").is_none());
}

// ---- the shared message cases (Python and Node run the same file) ----------

fn argument(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(parts) => parts
            .iter()
            .map(|part| match part {
                serde_json::Value::Array(pair) => {
                    let text = pair.first().and_then(|t| t.as_str()).unwrap_or_default();
                    let times = pair.get(1).and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
                    text.repeat(times)
                }
                other => other.as_str().unwrap_or_default().to_string(),
            })
            .collect(),
        other => unreachable!("an argument must be a string or a list of parts: {other}"),
    }
}

#[test]
fn the_shared_message_cases() {
    let file: serde_json::Value = match serde_json::from_str(include_str!("../../tests/messages/cases.json"))
    {
        Ok(v) => v,
        Err(e) => unreachable!("{e}"),
    };
    let set = AccessSet::admin(&builtin());
    let cases = file["cases"].as_array().cloned().unwrap_or_default();
    assert!(cases.len() >= 10);
    for case in cases {
        let args: Vec<String> = case["args"]
            .as_array()
            .into_iter()
            .flatten()
            .map(argument)
            .collect();
        let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
        let got = match case["call"].as_str() {
            Some("can") => message(set.can(arg(0), arg(1))),
            Some("capability") => message(set.capability(arg(0), arg(1))),
            Some("preset") => message(AccessSet::preset(&builtin(), arg(0))),
            other => unreachable!("unknown call {other:?}"),
        };
        let path_arg = case["path_arg"].as_u64().unwrap_or(0) as usize;
        let expected = (
            case["code"].as_str().unwrap_or_default().to_string(),
            Some(arg(path_arg).to_string()),
            case["message"].as_str().unwrap_or_default().to_string(),
        );
        assert_eq!(got, expected, "{}", case["name"]);
    }
}
