//! Workspace loading and review queries.

use std::sync::Arc;
use studio_permissions::{Catalog, Level, Mode, Role, Workspace};

const EXPORT: &str = r#"[
  {"user": "ada", "name": "Ada", "email": "ada@example.com", "role": "admin"},
  {"user": "bo", "role": "member", "permissions": {"deployments": "edit", "knowledge": "read"}},
  {"user": "cy", "role": "member", "permissions": {"analytics": "read", "behavior": "read", "knowledge": "read", "voice": "read", "messaging": "read", "deployments": "read", "account": "read"}},
  {"user": "di", "role": "member", "permissions": {"analytics": "none", "analytics.kpis": "edit"}}
]"#;

fn load(text: &str, mode: Mode) -> Result<Workspace, studio_permissions::Error> {
    Workspace::from_json(&Catalog::builtin(), text, mode)
}

fn ids<'a>(users: impl IntoIterator<Item = studio_permissions::User<'a>>) -> Vec<&'a str> {
    users.into_iter().map(|u| u.id()).collect()
}

#[test]
fn review_queries_answer_from_the_core_rules() {
    let Ok(ws) = load(EXPORT, Mode::Strict) else {
        unreachable!()
    };
    assert_eq!(ws.len(), 4);
    assert_eq!(
        ws.who_can("deployments.environments", "edit").map(ids),
        Ok(vec!["ada", "bo"])
    );
    assert_eq!(
        ws.who_can("knowledge.faqs", "view").map(ids),
        Ok(vec!["ada", "bo", "cy"])
    );
    assert_eq!(ws.who_has("users.manage", "standard").map(ids), Ok(vec!["ada"]));
    assert_eq!(
        ws.who_has("studio_assistant.use", "standard").map(ids),
        Ok(vec![])
    );
    let err = ws.who_can("deployment", "edit").err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("unknown area `deployment`: did you mean `deployments`?")
    );
    assert_eq!(
        ws.who_can("deployments", "fly").err().map(|e| e.code()),
        Some("unknown_action")
    );

    let ada = ws.user("ada");
    assert_eq!(
        ada.map(|u| (u.name(), u.email(), u.role())),
        Some((Some("Ada"), Some("ada@example.com"), Role::Admin))
    );
    assert_eq!(ws.user("bo").map(|u| u.name()), Some(None));

    let counts = ws.counts();
    let deployments = ws
        .catalog()
        .nodes()
        .iter()
        .position(|n| n.id() == "deployments")
        .unwrap_or(0);
    assert_eq!(counts[deployments], [1, 1, 2]); // di none; cy read; ada, bo edit

    let dormant: Vec<(&str, Vec<&str>)> = ws.dormant().into_iter().map(|(u, d)| (u.id(), d)).collect();
    assert_eq!(dormant, vec![("di", vec!["analytics.kpis"])]);

    let matches = ws.preset_matches();
    let cy = matches.iter().find(|m| m.user == "cy");
    assert_eq!(
        cy.map(|m| (m.preset.as_str(), m.exact)),
        Some(("read_only_reviewer", true))
    );
    assert!(matches.iter().all(|m| m.user != "ada"), "admins match no preset");
    let bo = matches.iter().find(|m| m.user == "bo");
    assert!(bo.is_some_and(|m| !m.exact && !m.differences.is_empty()));
    assert!(ws.bytes_per_user() <= 128, "{}", ws.bytes_per_user());
}

#[test]
fn strict_loads_nothing_and_reports_every_problem() {
    let text = r#"[
      {"user": "a", "role": "member", "permissions": {"flows": "edit"}},
      {"user": "b", "role": "owner"},
      {"role": "member"},
      {"user": "a", "role": "admin"},
      {"user": "c", "role": "member", "permissions": {"flow": "read"}, "x": 1, "x": 2},
      {"user": "d", "role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}}
    ]"#;
    let Err(e) = load(text, Mode::Strict) else {
        unreachable!()
    };
    assert_eq!(e.code(), "invalid_workspace");
    let studio_permissions::Error::InvalidWorkspace { problems } = &e else {
        unreachable!()
    };
    let seen: Vec<(usize, Option<&str>, &str)> = problems
        .iter()
        .map(|p| (p.line, p.user.as_deref(), p.code))
        .collect();
    assert_eq!(
        seen,
        vec![
            (3, Some("b"), "unknown_role"),
            (4, None, "invalid_document"),
            (5, Some("a"), "duplicate_user"),
            (6, None, "duplicate_key"),
            (7, Some("d"), "subsection_exceeds_parent"),
        ]
    );
    assert!(e
        .to_string()
        .starts_with("invalid workspace: 5 problems; the first: line 3, user `b`: unknown role"));

    let Ok(ws) = load(text, Mode::Lenient) else {
        unreachable!()
    };
    assert_eq!(ids(ws.users()), vec!["a", "d"]);
    let fatal: Vec<bool> = ws.problems().iter().map(|p| p.fatal).collect();
    assert_eq!(fatal, vec![true, true, true, true, false]);
    assert_eq!(
        ws.user("d").map(|u| u.access().level("knowledge.faqs")),
        Some(Ok(Level::Read))
    );
}

#[test]
fn json_lines_report_line_numbers_and_skip_blank_lines() {
    let text = "{\"user\":\"a\",\"role\":\"admin\"}\n\n{\"user\":\"b\",\"role\":\"member\",\"permissions\":{\"tools\":\"read\"}}\nnot json\n";
    let Err(studio_permissions::Error::InvalidWorkspace { problems }) =
        Workspace::from_json_lines(&Catalog::builtin(), text, Mode::Strict)
    else {
        unreachable!()
    };
    assert_eq!(
        problems.iter().map(|p| (p.line, p.code)).collect::<Vec<_>>(),
        vec![(4, "invalid_json")]
    );
    let ws = Workspace::from_json_lines(&Catalog::builtin(), text, Mode::Lenient);
    assert_eq!(ws.map(|w| ids(w.users()).join(",")), Ok("a,b".to_string()));
    assert_eq!(
        load("[1,", Mode::Lenient).err().map(|e| e.code()),
        Some("invalid_json")
    );
    assert_eq!(load("[]", Mode::Strict).map(|w| w.len()), Ok(0));
    assert_eq!(
        load("{}", Mode::Strict).err().map(|e| e.code()),
        Some("invalid_json")
    );
}

#[test]
fn snapshot_diff_puts_escalations_first() {
    let before = r#"[
      {"user": "a", "role": "member", "permissions": {"flows": "edit", "tools": "edit"}},
      {"user": "b", "role": "member", "permissions": {"flows": "read"}},
      {"user": "c", "role": "member"},
      {"user": "gone", "role": "member"}
    ]"#;
    let after = r#"[
      {"user": "new", "role": "member"},
      {"user": "a", "role": "member", "permissions": {"flows": "read", "tools": "edit"}},
      {"user": "c", "role": "admin"},
      {"user": "b", "role": "member", "permissions": {"flows": "edit"}}
    ]"#;
    let (Ok(x), Ok(y)) = (load(before, Mode::Strict), load(after, Mode::Strict)) else {
        unreachable!()
    };
    let Ok(d) = x.diff(&y) else { unreachable!() };
    assert_eq!(d.added, vec!["new"]);
    assert_eq!(d.removed, vec!["gone"]);
    let order: Vec<&str> = d.changed.iter().map(|c| c.user.as_str()).collect();
    assert_eq!(order, vec!["c", "b", "a"]);
    assert_eq!(d.changed[0].role, Some((Role::Member, Role::Admin)));
    assert_eq!(d.changed[0].escalations.len(), 39);
    let b = &d.changed[1];
    assert_eq!(
        (
            b.escalations[0].id.as_str(),
            b.escalations[0].before,
            b.escalations[0].after
        ),
        ("flows", Level::Read, Level::Edit)
    );
    assert_eq!(d.changed[2].reductions.len(), 1);
    assert!(x
        .diff(&x)
        .is_ok_and(|d| d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty()));

    let other = Arc::new(
        Catalog::from_json(r#"{"areas":[{"id":"a","name":"A"}]}"#).unwrap_or_else(|_| unreachable!()),
    );
    let Ok(z) = Workspace::from_json(&other, "[]", Mode::Strict) else {
        unreachable!()
    };
    assert_eq!(x.diff(&z).err().map(|e| e.code()), Some("invalid_catalog"));
}

#[test]
fn the_example_exports_load_strictly_and_show_escalations() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let before = load(&read("workspace-2026-10.json"), Mode::Strict);
    let after = load(&read("workspace-2026-11.json"), Mode::Strict);
    let (Ok(before), Ok(after)) = (before, after) else {
        unreachable!("the example exports must load strictly")
    };
    assert!(before.len() >= 500 && after.len() >= 500);
    let Ok(d) = before.diff(&after) else {
        unreachable!()
    };
    assert!(!d.added.is_empty() && !d.removed.is_empty());
    assert!(d.changed.first().is_some_and(|c| !c.escalations.is_empty()));
    assert!(!before.dormant().is_empty());
    assert!(before.preset_matches().iter().any(|m| !m.exact));
}

#[test]
fn records_are_placed_by_their_line_and_bounded_like_documents() {
    let catalog = Catalog::builtin();
    let text = "{\"user\":\"a\",\"role\":\"admin\"}\n\n{\"user\":\"b\",,}\n";
    let Err(studio_permissions::Error::InvalidWorkspace { problems }) =
        Workspace::from_json_lines(&catalog, text, Mode::Strict)
    else {
        unreachable!()
    };
    assert_eq!(problems[0].line, 3);
    assert!(
        problems[0]
            .message
            .starts_with("invalid JSON at line 3, column 13"),
        "{}",
        problems[0].message
    );

    let bytes = b"{\"user\":\"a\",\"role\":\"admin\"}\r\n{\"user\":\"\xff\",\"role\":\"admin\"}\n";
    let ws = Workspace::from_json_lines_bytes(&catalog, bytes, Mode::Lenient);
    let Ok(ws) = ws else { unreachable!() };
    assert_eq!(ids(ws.users()), vec!["a"]);
    assert_eq!(
        ws.problems().iter().map(|p| (p.line, p.code)).collect::<Vec<_>>(),
        vec![(2, "invalid_json")]
    );
    assert_eq!(
        Workspace::from_json_bytes(&catalog, b"[\xff]", Mode::Lenient)
            .err()
            .map(|e| e.code()),
        Some("invalid_json")
    );

    let big = format!(
        r#"[{{"user":"big","role":"member","x":"{}"}},{{"user":"ok","role":"admin"}}]"#,
        "y".repeat(1 << 20)
    );
    let Ok(ws) = load(&big, Mode::Lenient) else {
        unreachable!()
    };
    assert_eq!(ids(ws.users()), vec!["ok"]);
    assert_eq!(ws.problems()[0].code, "limit_exceeded");
    assert_eq!(ws.user_at(0).map(|u| (u.id(), u.index())), Some(("ok", 0)));
    assert!(ws.user_at(1).is_none());
}

#[test]
fn every_error_code_is_listed_once() {
    let codes = studio_permissions::Error::CODES;
    let unique: std::collections::BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(unique.len(), codes.len());
    let produced = [
        load("[", Mode::Strict).err().map(|e| e.code()),
        load("[{\"user\":\"a\"}]", Mode::Strict).err().map(|e| e.code()),
        Catalog::from_json("{}").err().map(|e| e.code()),
    ];
    for code in produced.into_iter().flatten() {
        assert!(codes.contains(&code), "{code}");
    }
}

#[test]
fn problem_codes_are_the_record_errors_the_warnings_and_duplicate_user() {
    use studio_permissions::{Error, Problem, Warning};
    let unique: std::collections::BTreeSet<&str> = Problem::CODES.iter().copied().collect();
    assert_eq!(unique.len(), Problem::CODES.len());
    for code in Problem::CODES {
        let known =
            Error::CODES.contains(&code) || Warning::CODES.contains(&code) || code == Problem::DUPLICATE_USER;
        assert!(known, "{code}");
    }
    for code in Warning::CODES {
        assert!(Problem::CODES.contains(&code), "{code}");
    }
    // One faulty record per code a load can meet; each shows up once, in order.
    let lines = [
        r#"{"user": "a", "role": "member", "extra": 1}"#,
        r#"{"user": "b", "role": "member", "permissions": {"knowlege": "read"}}"#,
        r#"{"user": "c", "role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}}"#,
        r#"{"user": "a", "role": "member"}"#,
        r#"{"user": "d", "role": "owner"}"#,
        r#"{"user": "e", "role": "member", "permissions": {"knowledge": "READ"}}"#,
        r#"{"user": "f", "role": "member", "role": "admin"}"#,
        r#"[]"#,
        r#"{"user": "#,
    ];
    let Ok(ws) = Workspace::from_json_lines(&Catalog::builtin(), &lines.join("\n"), Mode::Lenient) else {
        unreachable!("a lenient load keeps going")
    };
    let codes: Vec<&str> = ws.problems().iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        [
            "unknown_field",
            "unknown_area",
            "subsection_exceeds_parent",
            "duplicate_user",
            "unknown_role",
            "invalid_level",
            "duplicate_key",
            "invalid_document",
            "invalid_json"
        ]
    );
    for code in codes {
        assert!(Problem::CODES.contains(&code), "{code}");
    }
}
