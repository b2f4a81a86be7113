//! What a reviewer reads first: capability changes in a workspace diff, the
//! users who gained anything sorted first, and records placed by position.
#![allow(clippy::panic)] // a test fails by panicking

use std::sync::Arc;
use studio_permissions::{Catalog, Cluster, Direction, Mode, Workspace};

fn load(text: &str) -> Workspace {
    match Workspace::from_json(&Catalog::builtin(), text, Mode::Strict) {
        Ok(w) => w,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_promotion_to_admin_carries_every_capability_on_every_cluster() {
    let before = load(
        r#"[{"user":"ann","role":"member","permissions":{"flows":"read"}},
            {"user":"bob","role":"member","permissions":{"flows":"edit","tools":"edit"}},
            {"user":"cy","role":"admin"}]"#,
    );
    let after = load(
        r#"[{"user":"ann","role":"member","permissions":{}},
            {"user":"bob","role":"admin","permissions":{"flows":"edit"}},
            {"user":"cy","role":"member","permissions":{"flows":"edit"}}]"#,
    );
    let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
    let order: Vec<&str> = diff.changed.iter().map(|c| c.user.as_str()).collect();
    assert_eq!(order, ["bob", "ann", "cy"], "the promoted user comes first");

    let bob = &diff.changed[0];
    assert!(bob.escalates());
    let got: Vec<(&str, Cluster, bool, bool, Direction)> = bob
        .capabilities
        .iter()
        .map(|c| (c.name.as_str(), c.cluster, c.before, c.after, c.direction))
        .collect();
    use Cluster::{Enterprise as E, Standard as S};
    use Direction::Escalation as Up;
    assert_eq!(
        got,
        vec![
            ("users.manage", S, false, true, Up),
            ("users.manage", E, false, true, Up),
            ("billing.manage", S, false, true, Up),
            ("billing.manage", E, false, true, Up),
            ("projects.manage", S, false, true, Up),
            ("projects.manage", E, false, true, Up),
            ("studio_assistant.use", E, false, true, Up),
        ]
    );
    assert_eq!(
        bob.capabilities_gained(),
        [
            "users.manage",
            "billing.manage",
            "projects.manage",
            "studio_assistant.use"
        ]
    );

    let ann = &diff.changed[1];
    assert!(!ann.escalates() && ann.capabilities.is_empty());

    // A demotion: every capability lost, reductions only, so sorted last.
    let cy = &diff.changed[2];
    assert!(!cy.escalates());
    assert_eq!(cy.capabilities.len(), 7);
    assert!(cy
        .capabilities
        .iter()
        .all(|c| c.direction == Direction::Reduction));
    assert_eq!(cy.capabilities_lost().len(), 4);
}

#[test]
fn a_capability_gain_alone_sorts_a_user_first() {
    // A catalog where `member` may hold a capability only on enterprise:
    // the role change member → admin adds nothing on levels that are
    // already edit, yet the capability gain makes it an escalation.
    let catalog = Catalog::from_json(
        r#"{"areas":[{"id":"flows","name":"Flows"}],
            "capabilities":{"users.manage":{"roles":["admin"]}}}"#,
    )
    .map(Arc::new)
    .unwrap_or_else(|e| panic!("{e}"));
    let load = |t: &str| Workspace::from_json(&catalog, t, Mode::Strict).unwrap_or_else(|e| panic!("{e}"));
    let before = load(
        r#"[{"user":"a","role":"member","permissions":{"flows":"read"}},
            {"user":"b","role":"member","permissions":{"flows":"edit"}}]"#,
    );
    let after = load(r#"[{"user":"a","role":"member"},{"user":"b","role":"admin"}]"#);
    let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
    let b = &diff.changed[0];
    assert_eq!(b.user, "b");
    assert!(b.escalations.is_empty(), "flows was already edit");
    assert!(b.escalates());
    assert_eq!(b.capabilities_gained(), ["users.manage"]);
}

#[test]
fn records_handed_over_as_a_list_are_placed_by_position() {
    let text = r#"[{"user":"a","role":"member"},{"user":"b","role":"boss"},{"user":"c","role":"member"},{"role":"member"}]"#;
    let w = Workspace::from_records_json(&Catalog::builtin(), text, Mode::Lenient)
        .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<(usize, &str)> = w.problems().iter().map(|p| (p.line, p.code)).collect();
    assert_eq!(lines, [(2, "unknown_role"), (4, "invalid_document")]);
    assert_eq!(w.len(), 2);
    let strict = Workspace::from_records_json(&Catalog::builtin(), text, Mode::Strict);
    assert_eq!(
        strict.map(|w| w.len()).map_err(|e| e.code()),
        Err("invalid_workspace")
    );
}

#[test]
fn a_change_sums_up_in_one_line() {
    let before = load(
        r#"[{"user":"a","role":"member","permissions":{"flows":"read","tools":"edit"}},{"user":"b","role":"member"}]"#,
    );
    let after =
        load(r#"[{"user":"a","role":"member","permissions":{"flows":"edit"}},{"user":"b","role":"admin"}]"#);
    let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
    let n = Catalog::builtin().len();
    let lines: Vec<String> = diff.changed.iter().map(|c| c.summary(n)).collect();
    assert_eq!(
        lines,
        [
            "member \u{2192} admin: every area to edit; gains `users.manage`, `billing.manage`, `projects.manage`, `studio_assistant.use`",
            "1 area up, 1 down",
        ],
        "the promotion comes first: the review order"
    );
    let a = studio_permissions::AccessSet::admin(&Catalog::builtin());
    let m = studio_permissions::AccessSet::member(&Catalog::builtin());
    let d = a.diff(&m, "standard").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        d.summary(n),
        "admin \u{2192} member: every area to none; loses `users.manage`, `billing.manage`, `projects.manage`"
    );
}

#[test]
fn a_one_line_export_numbers_its_records() {
    // Python's default `json.dump` writes the whole export on line 1.
    let catalog = Catalog::builtin();
    let text = r#"[{"user":"a","role":"member"},{"user":"b","role":"boss"},{"user":"c","role":"member","permissions":{"flows":"all","tools":"x"}}]"#;
    let problems = Workspace::lint_json(&catalog, text).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(usize, usize, &str, Option<&str>)> = problems
        .iter()
        .map(|p| (p.line, p.record, p.code, p.path.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (1, 2, "unknown_role", Some("role")),
            (1, 3, "invalid_level", Some("flows")),
            (1, 3, "invalid_level", Some("tools")),
        ]
    );
    let lenient = Workspace::from_json(&catalog, text, Mode::Lenient).unwrap_or_else(|e| panic!("{e}"));
    let records: Vec<usize> = lenient.problems().iter().map(|p| p.record).collect();
    assert_eq!(records, [2, 3]);
}

#[test]
fn lint_lists_every_problem_of_every_record() {
    let catalog = Catalog::builtin();
    let text = "[\n{\"user\":\"a\",\"role\":\"member\"},\n{\"user\":\"b\",\"role\":\"boss\",\"permissions\":{\"analytcs\":\"read\",\"flows\":\"all\"}},\n{\"user\":\"a\",\"role\":\"admin\"},\n{\"user\":5,\"role\":\"member\",\"x\":1},\n{\"user\":\"c\",\"role\":\"member\"},{\"user\":\"d\",\"role\":\"x\",\"y\":1}\n]";
    let problems = Workspace::lint_json(&catalog, text).unwrap_or_else(|e| panic!("{e}"));
    type Row<'a> = (usize, usize, Option<&'a str>, &'a str, Option<&'a str>);
    let got: Vec<Row<'_>> = problems
        .iter()
        .map(|p| (p.line, p.record, p.user.as_deref(), p.code, p.path.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (3, 2, Some("b"), "unknown_role", Some("role")),
            (3, 2, Some("b"), "unknown_area", Some("analytcs")),
            (3, 2, Some("b"), "invalid_level", Some("flows")),
            (4, 3, Some("a"), "duplicate_user", Some("user")),
            (5, 4, None, "invalid_document", Some("user")),
            (5, 4, None, "invalid_document", Some("x")),
            // Two records start on line 6: the record number tells them
            // apart, so the bad one lists every problem too.
            (6, 6, Some("d"), "invalid_document", Some("y")),
            (6, 6, Some("d"), "unknown_role", Some("role")),
        ]
    );
    // The strict load's problems are the first of each record's.
    let Err(studio_permissions::Error::InvalidWorkspace { problems: strict }) =
        Workspace::from_json(&catalog, text, Mode::Strict)
    else {
        panic!("the strict load should fail")
    };
    for p in &strict {
        assert!(problems.iter().any(|q| q == p), "{p:?}");
    }
    let clean = r#"[{"user":"a","role":"member"}]"#;
    assert_eq!(Workspace::lint_json(&catalog, clean).map(|p| p.len()), Ok(0));
    assert_eq!(
        Workspace::lint_json(&catalog, "[").map_err(|e| e.code()),
        Err("invalid_json")
    );

    let lines = b"{\"user\":\"a\",\"role\":\"member\"}\n\n{\"user\":\"b\",\"role\":\"member\",\"permissions\":{\"flows\":\"all\",\"tools\":\"some\"}}\r\n{bad\n";
    let problems = Workspace::lint_json_lines(&catalog, lines);
    let got: Vec<(usize, usize, &str, Option<&str>)> = problems
        .iter()
        .map(|p| (p.line, p.record, p.code, p.path.as_deref()))
        .collect();
    // A blank line is not a record: line 3 holds the second record.
    assert_eq!(
        got,
        [
            (3, 2, "invalid_level", Some("flows")),
            (3, 2, "invalid_level", Some("tools")),
            (4, 3, "invalid_json", None),
        ]
    );
}

#[test]
fn the_review_order_is_gains_then_escalations_then_reductions() {
    let before = load(
        r#"[{"user":"r","role":"member","permissions":{"flows":"edit"}},{"user":"e","role":"member"},{"user":"p","role":"member"},{"user":"e2","role":"member"},{"user":"p2","role":"member"}]"#,
    );
    let after = load(
        r#"[{"user":"r","role":"member"},{"user":"e","role":"member","permissions":{"flows":"read"}},{"user":"p","role":"admin"},{"user":"e2","role":"member","permissions":{"tools":"edit"}},{"user":"p2","role":"admin"}]"#,
    );
    let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
    let order: Vec<(&str, u8)> = diff
        .changed
        .iter()
        .map(|c| (c.user.as_str(), c.review_group()))
        .collect();
    assert_eq!(order, [("p", 0), ("p2", 0), ("e", 1), ("e2", 1), ("r", 2)]);
    let text = diff.to_text(usize::MAX);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l
                .starts_with("ESCALATION `p`: member → admin: gains `users.manage` (standard, enterprise)")),
        "{text}"
    );
    let short = diff.to_text(1);
    assert!(short.contains("and 4 more changed users"), "{short}");
}

/// The shared cases of `tests/reviews/markdown.json`: two exports and the
/// Markdown review of their diff, which Python and Node check too.
fn markdown_cases() -> Vec<serde_json::Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/reviews/markdown.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    doc["cases"].as_array().cloned().unwrap_or_default()
}

#[test]
fn the_markdown_review_is_the_shared_bytes() {
    let cases = markdown_cases();
    assert!(cases.len() >= 4);
    for case in cases {
        let before = load(&case["before"].to_string());
        let after = load(&case["after"].to_string());
        let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
        let limit = case["limit"].as_u64().unwrap_or_else(|| panic!("{case}")) as usize;
        assert_eq!(
            diff.to_markdown(limit),
            case["markdown"].as_str().unwrap_or_default(),
            "{}",
            case["name"]
        );
    }
}

/// Every name a reviewer reads in the Markdown is inside a code span: each
/// line, outside its spans, holds only the review's own words and markup.
#[test]
fn a_hostile_user_id_cannot_format_the_comment() {
    let names = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/messages/hostile-names.json"
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let names: serde_json::Value = serde_json::from_str(&names).unwrap_or_else(|e| panic!("{e}"));
    let mut names: Vec<String> = names["names"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str().map(String::from))
        .collect();
    names.extend(
        [
            "ends\\",
            "x\\`y`",
            "[x](http://e.example)",
            "*b* _e_ ~~s~~",
            "<b>",
            "#",
        ]
        .map(String::from),
    );
    let record = |u: &str, perms: &str| serde_json::json!({"user": u, "role": "member", "permissions": serde_json::from_str::<serde_json::Value>(perms).unwrap_or_default()});
    let before: Vec<_> = names.iter().map(|n| record(n, r#"{"flows":"read"}"#)).collect();
    let after: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| record(n, if i % 2 == 0 { r#"{"flows":"edit"}"# } else { "{}" }))
        .chain(
            names
                .iter()
                .map(|n| record(&format!("new {n}"), r#"{"flows":"read"}"#)),
        )
        .collect();
    let diff = load(&serde_json::Value::from(before).to_string())
        .diff(&load(&serde_json::Value::from(after).to_string()))
        .unwrap_or_else(|e| panic!("{e}"));
    let md = diff.to_markdown(usize::MAX);
    assert_eq!(
        md.lines().filter(|l| l.starts_with("- **`")).count(),
        names.len(),
        "{md}"
    );
    for line in md.lines() {
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() || ('\u{2028}'..='\u{202e}').contains(&c)),
            "{line:?}"
        );
        // Outside the code spans: the review's words only.
        let outside: String = line.split('`').step_by(2).collect();
        for c in ['[', ']', '_', '~', '&', '\\', '|'] {
            assert!(
                !outside.contains(c) || line.starts_with('|'),
                "{c:?} outside a code span: {line:?}"
            );
        }
        assert_eq!(line.matches('`').count() % 2, 0, "an unclosed span: {line:?}");
    }
}

#[test]
fn the_markdown_review_orders_and_cuts_every_list() {
    // Three promotions, two other escalations, three reductions, four new
    // users (three with access) and three removed.
    let before = load(
        r#"[{"user":"p1","role":"member"},{"user":"r1","role":"member","permissions":{"flows":"edit"}},
            {"user":"e1","role":"member"},{"user":"p2","role":"member"},{"user":"r2","role":"member","permissions":{"tools":"edit"}},
            {"user":"e2","role":"member"},{"user":"p3","role":"member"},{"user":"r3","role":"admin"},
            {"user":"x1","role":"member"},{"user":"x2","role":"member"},{"user":"x3","role":"member"}]"#,
    );
    let after = load(
        r#"[{"user":"n1","role":"member","permissions":{"flows":"read"}},{"user":"r1","role":"member"},
            {"user":"e1","role":"member","permissions":{"flows":"read"}},{"user":"p1","role":"admin"},
            {"user":"n2","role":"member"},{"user":"r2","role":"member"},{"user":"e2","role":"member","permissions":{"tools":"read"}},
            {"user":"p2","role":"admin"},{"user":"n3","role":"admin"},{"user":"p3","role":"admin"},
            {"user":"r3","role":"member","permissions":{"flows":"edit"}},{"user":"n4","role":"member","permissions":{"tools":"edit"}}]"#,
    );
    let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
    let all = diff.to_markdown(usize::MAX);
    let at = |text: &str, what: &str| text.find(what).unwrap_or_else(|| panic!("no {what:?} in {text}"));
    assert!(all.starts_with("## Access review\n\n**8 users gain access.** Review the escalations below.\n\n"));
    assert!(all.contains(
        "| escalated | 5 |\n| added with access | 3 |\n| changed | 8 |\n| added | 4 |\n| removed | 3 |\n\n"
    ));
    // Promotions (capability gains), then other escalations, in the later
    // export's order; new users with access; reductions; removed users.
    let order = [
        "- **`p1`**",
        "- **`p2`**",
        "- **`p3`**",
        "- **`e1`**",
        "- **`e2`**",
        "### New users with access",
        "- `n1`",
        "- `n3`",
        "- `n4`",
        "<summary>Reductions (3)",
        "- **`r1`**",
        "- **`r2`**",
        "- **`r3`**",
        "<summary>Removed users (3)",
        "- `x1`",
        "- `x2`",
        "- `x3`",
    ];
    let positions: Vec<usize> = order.iter().map(|w| at(&all, w)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{all}");
    assert!(!all.contains("`n2`"), "a new user without access is only counted");
    // A demotion's level rows fold under it; a promotion's capabilities
    // come before its rows.
    assert!(all.contains("- **`r3`**: admin → member: "));
    assert!(
        at(
            &all,
            "  - **gains** capability `users.manage` (standard, enterprise)"
        ) < at(&all, "<summary>39 level changes")
    );
    assert!(all.contains("  - loses capability `users.manage` (standard, enterprise)"));
    // Each list stops after `limit` entries with "and K more".
    let cut = diff.to_markdown(2);
    for (kept, gone, more) in [
        ("- **`p2`**", "- **`p3`**", "- and 3 more\n\n### New users"),
        ("- `n3`", "- `n4`", "- and 1 more\n\n<details>"),
        ("- **`r2`**", "- **`r3`**", "- and 1 more\n\n</details>"),
        ("- `x2`", "- `x3`", "- and 1 more\n\n</details>\n"),
    ] {
        assert!(
            cut.contains(kept) && !cut.contains(gone) && cut.contains(more),
            "{kept}: {cut}"
        );
    }
    assert!(cut.ends_with("- and 1 more\n\n</details>\n"), "{cut}");
    // The counts are never cut.
    assert!(cut.contains("**8 users gain access.**") && cut.contains("| changed | 8 |"));
    let none = diff.to_markdown(0);
    assert!(none.contains("- and 5 more") && !none.contains("- **`"), "{none}");
}

#[test]
fn the_json_review_lists_everything_in_the_review_order() {
    let before = load(
        r#"[{"user":"a","role":"member","permissions":{"flows":"edit"}},{"user":"b","role":"member"},{"user":"c","role":"member"}]"#,
    );
    let after = load(
        r#"[{"user":"a","role":"member"},{"user":"b","role":"admin"},{"user":"d","role":"member"},{"user":"e","role":"member","permissions":{"flows":"read"}}]"#,
    );
    let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
    let v = diff.to_value();
    assert_eq!(v["escalations"], 2, "b promoted, e added with access");
    assert_eq!(v["changed"][0]["user"], "b");
    assert_eq!(v["changed"][0]["escalates"], true);
    assert_eq!(
        v["changed"][0]["role"],
        serde_json::json!({"before": "member", "after": "admin"})
    );
    assert_eq!(
        v["changed"][0]["capabilities"][0],
        serde_json::json!({"name": "users.manage", "clusters": ["standard", "enterprise"], "direction": "escalation"})
    );
    assert_eq!(
        v["changed"][0]["capabilities"][3],
        serde_json::json!({"name": "studio_assistant.use", "clusters": ["enterprise"], "direction": "escalation"})
    );
    assert_eq!(v["changed"][1]["user"], "a");
    assert_eq!(v["changed"][1]["summary"], "1 area down");
    assert_eq!(
        v["changed"][1]["reductions"][0],
        serde_json::json!({"id": "flows", "before": "edit", "after": "none"})
    );
    assert_eq!(
        v["added"],
        serde_json::json!([{"user": "d", "access": false}, {"user": "e", "access": true}])
    );
    assert_eq!(v["removed"], serde_json::json!(["c"]));
    let keys: Vec<&String> = v.as_object().into_iter().flat_map(|o| o.keys()).collect();
    assert_eq!(keys, ["escalations", "changed", "added", "removed"]);
}

#[test]
fn a_diff_on_one_cluster_keeps_its_capabilities_and_reorders() {
    // A capability that members hold on enterprise only: a demotion from
    // admin gains it there, which sorts the demoted user first, unless the
    // review looks at standard alone.
    let catalog = Catalog::from_json(
        r#"{"version":"t","areas":[{"id":"flows","name":"Flows"},{"id":"tools","name":"Tools"}],
            "capabilities":{"guide.view":{"roles":["member"],"clusters":["enterprise"]},"users.manage":{"roles":["admin"]}}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let catalog = Arc::new(catalog);
    let ws =
        |text: &str| Workspace::from_json(&catalog, text, Mode::Strict).unwrap_or_else(|e| panic!("{e}"));
    let before = ws(r#"[{"user":"up","role":"member"},{"user":"down","role":"admin"}]"#);
    let after = ws(
        r#"[{"user":"up","role":"member","permissions":{"flows":"read"}},{"user":"down","role":"member"}]"#,
    );
    let diff = before.diff(&after).unwrap_or_else(|e| panic!("{e}"));
    let users = |d: &studio_permissions::WorkspaceDiff| -> Vec<String> {
        d.changed.iter().map(|c| c.user.clone()).collect()
    };
    assert_eq!(
        users(&diff),
        ["down", "up"],
        "gaining guide.view on enterprise sorts first"
    );
    assert_eq!(diff.escalations(), 2);
    let standard = diff.clone().on_cluster(Cluster::Standard);
    assert_eq!(
        users(&standard),
        ["up", "down"],
        "on standard the demotion only reduces"
    );
    assert_eq!(standard.escalations(), 1);
    assert!(standard.changed[1]
        .capabilities
        .iter()
        .all(|c| c.cluster == Cluster::Standard));
    let enterprise = diff.on_cluster(Cluster::Enterprise);
    assert_eq!(users(&enterprise), ["down", "up"]);
    assert_eq!(
        enterprise.changed[0].capability_lines(),
        [
            "gains `guide.view` (enterprise)",
            "loses `users.manage` (enterprise)"
        ]
    );
}

#[test]
fn a_document_diff_renders_the_same_review() {
    let catalog = Catalog::builtin();
    let n = catalog.len();
    let parse = |text: &str| {
        studio_permissions::AccessSet::parse(&catalog, text, Mode::Strict).unwrap_or_else(|e| panic!("{e}"))
    };
    let member = parse(r#"{"role":"member","permissions":{"flows":"read","tools":"edit"}}"#);
    let up = parse(r#"{"role":"member","permissions":{"flows":"edit"}}"#);
    let d = member
        .diff(&up, Cluster::Standard)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(d.escalates());
    assert_eq!(
        d.to_text(n, Cluster::Standard),
        "the document escalates\nESCALATION the document: 1 area up, 1 down\n  + flows: read -> edit\n  - tools: edit -> none\n"
    );
    assert_eq!(
        d.to_markdown(n, Cluster::Standard),
        "## Access review\n\n**1 user gains access.** Review the escalations below.\n\n### Escalations\n\n\
         - **the document**: 1 area up, 1 down\n  - `flows`: read → edit\n  - `tools`: edit → none\n\n"
    );
    let v = d.to_value(n, Cluster::Standard);
    assert_eq!(v["changed"][0]["user"], serde_json::Value::Null);
    assert_eq!(v["escalations"], 1);
    let admin = studio_permissions::AccessSet::admin(&catalog);
    let down = admin
        .diff(&member, Cluster::Enterprise)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!down.escalates());
    let text = down.to_text(n, Cluster::Enterprise);
    assert!(
        text.starts_with("the document only reduces\nreduction the document: admin → member: "),
        "{text}"
    );
    assert!(
        text.contains("\n  - loses capability `studio_assistant.use` on enterprise\n"),
        "{text}"
    );
    let md = down.to_markdown(n, Cluster::Enterprise);
    assert!(md.contains("No escalations: access only goes down or users leave.\n\n<details><summary>Reductions (1)</summary>"), "{md}");
    assert!(
        md.contains("  - loses capability `studio_assistant.use` (enterprise)\n  <details><summary>"),
        "{md}"
    );
    let same = member
        .diff(&member, Cluster::Standard)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(same.to_text(n, Cluster::Standard), "nothing differs\n");
    assert_eq!(
        same.to_markdown(n, Cluster::Standard),
        "## Access review\n\nNo access changes.\n\n"
    );
}
