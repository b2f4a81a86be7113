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
