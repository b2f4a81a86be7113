//! `AccessSet::validate` against the strict parse: over every document of the
//! shared vectors, the list is empty exactly when the parse succeeds, and its
//! first problem is the parse's error (code, path and message).

use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Mode};

/// Every `(catalog, document text)` the vectors hold: each case's `access`
/// and each comparison's `to.access`.
fn documents() -> Vec<(Arc<Catalog>, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/vectors");
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let vectors: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let cases = vectors
            .get("cases")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for case in cases {
            let catalog = match case.get("catalog") {
                Some(obj @ Value::Object(_)) => match Catalog::from_json(&obj.to_string()) {
                    Ok(c) => Arc::new(c),
                    Err(_) => continue,
                },
                _ => Catalog::builtin(),
            };
            let mut texts = Vec::new();
            if let Some(access) = case.get("access") {
                texts.push(access);
            }
            let compares = case.pointer("/expect/compare").and_then(Value::as_array);
            for c in compares.into_iter().flatten() {
                if let Some(access) = c.pointer("/to/access") {
                    texts.push(access);
                }
            }
            for t in texts {
                let text = match t {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                out.push((catalog.clone(), text));
            }
        }
    }
    out
}

#[test]
fn validate_agrees_with_the_strict_parse_on_every_shared_vector() {
    let documents = documents();
    assert!(documents.len() > 300, "only {} documents found", documents.len());
    let (mut clean, mut faulty) = (0, 0);
    for (catalog, text) in &documents {
        let problems = AccessSet::validate(catalog, text);
        match AccessSet::parse(catalog, text, Mode::Strict) {
            Ok(_) => {
                assert!(problems.is_empty(), "{text}: {problems:?}");
                clean += 1;
            }
            Err(e) => {
                let first = problems.first();
                assert_eq!(first.map(|p| p.code), Some(e.code()), "{text}");
                assert_eq!(first.and_then(|p| p.path.as_deref()), e.path(), "{text}");
                assert_eq!(first.map(|p| p.message.clone()), Some(e.to_string()), "{text}");
                faulty += 1;
            }
        }
        assert_eq!(AccessSet::validate_bytes(catalog, text.as_bytes()), problems);
    }
    assert!(clean > 100 && faulty > 50, "{clean} clean, {faulty} faulty");
}

#[test]
fn three_mistakes_are_three_problems_in_table_then_document_order() {
    let catalog = Catalog::builtin();
    let text = r#"{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit","analytcs":"read","voice":"write","extra":"x"},"colour":"red"}"#;
    let problems = AccessSet::validate(&catalog, text);
    let got: Vec<(&str, Option<&str>)> = problems.iter().map(|p| (p.code, p.path.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("invalid_document", Some("colour")),
            ("unknown_area", Some("analytcs")),
            ("unknown_area", Some("extra")),
            ("invalid_level", Some("voice")),
            ("invalid_level", Some("extra")),
            ("subsection_exceeds_parent", Some("knowledge.faqs")),
        ]
    );
    assert_eq!(
        problems.get(1).map(|p| p.message.as_str()),
        Some("unknown area `analytcs`: did you mean `analytics`?")
    );
}

#[test]
fn shape_problems_are_all_reported_and_the_missing_role_last() {
    let catalog = Catalog::builtin();
    let problems = AccessSet::validate(&catalog, r#"{"permissions":{"a":1,"b":true},"x":null}"#);
    let got: Vec<(&str, Option<&str>)> = problems.iter().map(|p| (p.code, p.path.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("invalid_document", Some("a")),
            ("invalid_document", Some("b")),
            ("invalid_document", Some("x")),
            ("invalid_document", Some("role")),
            ("unknown_area", Some("a")),
            ("unknown_area", Some("b")),
        ]
    );
}

#[test]
fn text_that_is_not_json_is_one_problem() {
    let catalog = Catalog::builtin();
    for (text, code) in [
        (&b"{\"role\":"[..], "invalid_json"),
        (&b"{\"role\":\"member\",\"role\":\"admin\"}"[..], "duplicate_key"),
        (&b"\xff"[..], "invalid_json"),
        (&b"[]"[..], "invalid_document"),
    ] {
        let problems = AccessSet::validate_bytes(&catalog, text);
        assert_eq!(problems.iter().map(|p| p.code).collect::<Vec<_>>(), vec![code]);
    }
    let big = format!(r#"{{"role":"member","x":"{}"}}"#, "a".repeat(2 << 20));
    let problems = AccessSet::validate(&catalog, &big);
    assert_eq!(
        problems.iter().map(|p| p.code).collect::<Vec<_>>(),
        vec!["limit_exceeded"]
    );
}

#[test]
fn an_unknown_role_follows_the_shape_problems() {
    let catalog = Catalog::builtin();
    let problems = AccessSet::validate(&catalog, r#"{"role":"owner","permissions":{"flows":"all"}}"#);
    let got: Vec<&str> = problems.iter().map(|p| p.code).collect();
    assert_eq!(got, vec!["unknown_role", "invalid_level"]);
    assert!(AccessSet::validate(&catalog, r#"{"role":"admin"}"#).is_empty());
}
