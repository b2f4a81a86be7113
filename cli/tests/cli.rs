//! The command line end to end through `run` (the function every entry point
//! calls): outputs, exit codes, and every kind of bad input.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use studio_permissions_cli::run;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cli(args: &[&str]) -> (String, String, i32) {
    let argv = std::iter::once("studio-permissions")
        .chain(args.iter().copied())
        .map(OsString::from);
    run(argv)
}

fn data(name: &str) -> String {
    repo().join("examples/data").join(name).display().to_string()
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("sp-cli-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn lint_reports_every_problem_of_a_document_and_exits_1() {
    let s = Scratch::new("lint-doc");
    let doc = s.file(
        "doc.json",
        br#"{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit","analytcs":"read"},"x":1}"#,
    );
    let (out, err, code) = cli(&["lint", &doc]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].ends_with("doc.json: invalid_document at `x`: invalid document: unknown field `x`"));
    assert!(
        lines[1].contains("unknown_area at `analytcs`") && lines[1].contains("did you mean `analytics`?")
    );
    assert!(lines[2].contains("subsection_exceeds_parent at `knowledge.faqs`"));
    assert_eq!(lines[3], "3 problems in 1 of 1 file");
}

#[test]
fn lint_of_an_export_names_line_and_user_in_every_format() {
    let s = Scratch::new("lint-export");
    let export = s.file(
        "export.json",
        b"[\n{\"user\":\"a\",\"role\":\"member\"},\n{\"user\":\"b\",\"role\":\"boss\"},\n{\"user\":\"a\",\"role\":\"admin\"}\n]",
    );
    let (out, _, code) = cli(&["lint", &export]);
    assert_eq!(code, 1);
    assert!(
        out.contains("export.json:3: unknown_role at `role` (record 2, user `b`)"),
        "{out}"
    );
    assert!(
        out.contains("export.json:4: duplicate_user at `user` (record 3, user `a`)"),
        "{out}"
    );

    let (json, _, code) = cli(&["lint", "--format", "json", &export]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0]["line"], 3);
    assert_eq!(problems[0]["record"], 2);
    assert_eq!(problems[0]["user"], "b");
    assert_eq!(problems[0]["code"], "unknown_role");
    assert_eq!(problems[0]["path"], "role");

    let (xml, _, _) = cli(&["lint", "--format", "junit", &export]);
    assert!(xml.starts_with("<?xml"));
    assert!(
        xml.contains("failures=\"2\"") && xml.contains("<failure type=\"unknown_role\""),
        "{xml}"
    );
    assert!(xml.contains("(record 2, user `b`)"), "{xml}");

    // A one-line export (Python's default `json.dump`): every problem is on
    // line 1, and the record number says which record.
    let one_line = s.file(
        "one-line.json",
        br#"[{"user":"a","role":"member"},{"user":"b","role":"boss"},{"user":"c","role":"member","permissions":{"flows":"all"}}]"#,
    );
    let (out, _, code) = cli(&["lint", &one_line]);
    assert_eq!(code, 1);
    assert!(
        out.contains("one-line.json:1: unknown_role at `role` (record 2, user `b`)"),
        "{out}"
    );
    assert!(
        out.contains("one-line.json:1: invalid_level at `flows` (record 3, user `c`)"),
        "{out}"
    );

    let lines = s.file(
        "export.jsonl",
        b"{\"user\":\"a\",\"role\":\"member\"}\n\n{\"user\":\"c\",\"role\":\"member\",\"permissions\":{\"flows\":\"all\",\"analytcs\":\"read\"}}\n",
    );
    let (out, _, code) = cli(&["lint", &lines]);
    assert_eq!(code, 1);
    // Every problem of the record, not only the first.
    assert!(
        out.contains("export.jsonl:3: unknown_area at `analytcs` (record 2, user `c`)"),
        "{out}"
    );
    assert!(
        out.contains("export.jsonl:3: invalid_level at `flows` (record 2, user `c`)"),
        "{out}"
    );
    assert!(out.ends_with("2 problems in 1 of 1 file\n"), "{out}");
}

#[test]
fn lint_of_clean_files_exits_0() {
    let (out, err, code) = cli(&[
        "lint",
        &data("workspace-2026-10.json"),
        &data("workspace-2026-11.json"),
    ]);
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("no problems in 2 files\n", "", 0)
    );
}

#[test]
fn bad_input_exits_2_with_the_path_and_the_reason() {
    let s = Scratch::new("bad");
    let cases = [
        (s.file("empty.json", b""), "is empty"),
        (s.file("blank.json", b"  \n"), "is empty"),
        (
            s.file("latin1.json", b"{\"role\":\"m\xe9mber\"}"),
            "is not UTF-8 text",
        ),
        (s.0.display().to_string(), "is a directory"),
        (s.0.join("missing.json").display().to_string(), "no such file"),
    ];
    for (path, reason) in &cases {
        for args in [
            vec!["lint", path.as_str()],
            vec!["diff", path.as_str(), path.as_str()],
        ] {
            let (out, err, code) = cli(&args);
            assert_eq!(code, 2, "{args:?}");
            assert!(out.is_empty());
            assert!(
                err.starts_with("studio-permissions: ") && err.contains(path.as_str()),
                "{err}"
            );
            assert!(err.contains(reason), "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    let (_, err, code) = cli(&["who-can", &data("workspace-2026-10.json"), "analytic", "view"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown area `analytic`"), "{err}");
    let (_, err, code) = cli(&["lint"]);
    assert_eq!(code, 2);
    assert!(err.contains("Usage"), "{err}");
    let (_, _, code) = cli(&["diff", "a", "b", "--fail-on", "sometimes"]);
    assert_eq!(code, 2);
}

#[test]
fn an_id_with_control_characters_is_shown_not_obeyed() {
    let s = Scratch::new("escape");
    let doc = s.file(
        "doc.json",
        b"{\"role\":\"member\",\"permissions\":{\"\\u001b[31mred\":\"read\"}}",
    );
    let (out, _, code) = cli(&["lint", &doc]);
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("\\u{1b}[31mred"), "{out}");
}

#[test]
fn explain_gives_the_decision_and_exits_1_on_a_refusal() {
    let s = Scratch::new("explain");
    let doc = s.file(
        "doc.json",
        br#"{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#,
    );
    let (out, _, code) = cli(&["explain", &doc, "knowledge.faqs", "edit"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "allowed: `edit` on `knowledge.faqs` needs `edit`, the level is `edit` (inherited)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  knowledge       stores edit  level edit\n"),
        "{out}"
    );
    let (out, _, code) = cli(&["explain", &doc, "knowledge.sources", "edit"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("denied: "), "{out}");
    let (_, err, code) = cli(&["explain", &doc, "knowledge", "fly"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown_action"), "{err}");
}

#[test]
fn diff_of_two_documents_fails_on_an_escalation_only_when_asked() {
    let s = Scratch::new("diff-doc");
    let a = s.file("a.json", br#"{"role":"member","permissions":{"flows":"read"}}"#);
    let b = s.file("b.json", br#"{"role":"admin","permissions":{"flows":"read"}}"#);
    let (out, _, code) = cli(&["diff", &a, &b]);
    assert_eq!(code, 0);
    assert!(
        out.contains("ESCALATION the document: member → admin: every area to edit"),
        "{out}"
    );
    assert!(
        out.contains("+ gains capability `users.manage` on standard"),
        "{out}"
    );
    assert!(
        !out.contains("studio_assistant.use"),
        "not held on standard: {out}"
    );
    let (out, _, _) = cli(&["diff", &a, &b, "--cluster", "enterprise"]);
    assert!(out.contains("studio_assistant.use"), "{out}");
    assert_eq!(cli(&["diff", &a, &b, "--fail-on", "escalation"]).2, 1);
    assert_eq!(
        cli(&["diff", &b, &a, "--fail-on", "escalation"]).2,
        0,
        "a demotion is no escalation"
    );
    assert_eq!(cli(&["diff", &b, &a, "--fail-on", "any"]).2, 1);
    assert_eq!(cli(&["diff", &a, &a, "--fail-on", "any"]).2, 0);
    let export = data("workspace-2026-10.json");
    let (_, err, code) = cli(&["diff", &a, &export]);
    assert_eq!(code, 2);
    assert!(err.contains("is an export"), "{err}");
}

#[test]
fn diff_of_two_exports_puts_capability_gains_first() {
    let (before, after) = (data("workspace-2026-10.json"), data("workspace-2026-11.json"));
    let (json, _, code) = cli(&[
        "diff",
        &before,
        &after,
        "--format",
        "json",
        "--fail-on",
        "escalation",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let changed = v["changed"].as_array().unwrap();
    let first = &changed[0];
    assert_eq!(first["role"]["after"], "admin", "{first}");
    assert_eq!(first["capabilities"][0]["name"], "users.manage");
    assert_eq!(first["capabilities"][0]["direction"], "escalation");
    // Escalated users, then the rest: never an escalation after a reduction.
    let flags: Vec<bool> = changed
        .iter()
        .map(|c| c["escalates"].as_bool().unwrap())
        .collect();
    assert!(flags.windows(2).all(|w| w[0] || !w[1]), "{flags:?}");
    let (md, _, _) = cli(&["diff", &before, &after, "--format", "markdown"]);
    assert!(md.starts_with("## Access review\n\n**"), "{md}");
    let escalations = md.find("### Escalations").unwrap();
    let reductions = md.find("<summary>Reductions").unwrap();
    assert!(escalations < reductions);
    assert!(md.contains("**gains** capability `users.manage` (standard, enterprise)"));
}

#[test]
fn who_can_and_who_has_list_users_in_export_order() {
    let export = data("workspace-2026-10.json");
    let (out, _, code) = cli(&["who-has", &export, "users.manage"]);
    assert_eq!(code, 0);
    let admins: Vec<&str> = out.lines().collect();
    assert!(!admins.is_empty());
    let (enterprise, _, _) = cli(&[
        "who-has",
        &export,
        "studio_assistant.use",
        "--cluster",
        "enterprise",
    ]);
    assert_eq!(enterprise, out, "every admin holds it on enterprise");
    let (standard, _, _) = cli(&["who-has", &export, "studio_assistant.use"]);
    assert_eq!(standard, "");
    let (edit, _, code) = cli(&["who-can", &export, "account", "edit"]);
    assert_eq!(code, 0);
    for admin in &admins {
        assert!(edit.lines().any(|u| u == *admin));
    }
    assert!(
        edit.lines().count() > admins.len(),
        "operations managers edit account too"
    );
}

#[test]
fn report_writes_a_standalone_page() {
    let s = Scratch::new("report");
    let out_path = s.0.join("review.html");
    let out = out_path.display().to_string();
    let (stdout, err, code) = cli(&[
        "report",
        &data("workspace-2026-11.json"),
        "--before",
        &data("workspace-2026-10.json"),
        "-o",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.starts_with("wrote "));
    let page = std::fs::read_to_string(Path::new(&out)).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"));
    let cap = page.find("capability or admin gained").unwrap();
    let heat = page.find("id=\"heat\"").unwrap();
    assert!(cap < heat, "the changes come before the heat table");
    for section in [
        "id=\"holders\"",
        "id=\"dormant\"",
        "id=\"presets\"",
        "position:sticky",
    ] {
        assert!(page.contains(section), "{section}");
    }
}

#[test]
fn schema_prints_the_cores_schema_for_the_catalog() {
    let (out, err, code) = cli(&["schema"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let expected = std::fs::read_to_string(repo().join("tests/conformance/document-schema.json"))
        .expect("the shared schema file");
    assert_eq!(out.trim_end(), expected.trim_end());
    // A custom catalog: its own ids, and nothing of the default catalog's.
    let dir = std::env::temp_dir().join(format!("sp-cli-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let catalog = dir.join("catalog.json");
    std::fs::write(&catalog, r#"{"areas":[{"id":"reports","name":"Reports"}]}"#).expect("write");
    let (out, _, code) = cli(&["schema", "--catalog", catalog.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let ids = &schema["properties"]["permissions"]["propertyNames"]["enum"];
    assert_eq!(ids, &serde_json::json!(["reports"]));
    // A catalog that cannot be read is bad input: exit 2 with its path.
    let (_, err, code) = cli(&[
        "schema",
        "--catalog",
        dir.join("missing.json").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn example(path: &str) -> String {
    repo().join("examples").join(path).display().to_string()
}

#[test]
fn migrate_writes_the_export_in_its_form_and_reviews_losses_first() {
    let s = Scratch::new("migrate");
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(data("workspace-2026-11.json")).unwrap()).unwrap();
    let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
    let jsonl = s.file("november.jsonl", lines.as_bytes());
    let nav = example("catalogs/navigation-2027.json");
    let mig = example("migrations/default-to-2027.json");
    for (input, out_name) in [(data("workspace-2026-11.json"), "out.json"), (jsonl, "out.jsonl")] {
        let out = s.0.join(out_name).display().to_string();
        let (stdout, err, code) = cli(&[
            "migrate",
            &input,
            "--to-catalog",
            &nav,
            "--migration",
            &mig,
            "-o",
            &out,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            stdout.starts_with("migration `2026-06-19` → `2027-01-15`: 607 users"),
            "{stdout}"
        );
        assert!(stdout.contains("merged into `channels.chat` with `widgets` (none)"));
        assert!(stdout.trim_end().ends_with("(607 users)"));
        let written = std::fs::read_to_string(&out).unwrap();
        let users: Vec<String> = if out_name.ends_with(".jsonl") {
            written
                .lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["user"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect()
        } else {
            assert!(written.starts_with("[\n"));
            let v: Vec<serde_json::Value> = serde_json::from_str(&written).unwrap();
            v.iter()
                .map(|r| r["user"].as_str().unwrap().to_string())
                .collect()
        };
        let before: Vec<&str> = records.iter().map(|r| r["user"].as_str().unwrap()).collect();
        assert_eq!(users, before, "export order kept");
        // The written export loads strictly on the target catalog: lint exits 0.
        let (_, err, code) = cli(&["--catalog", &nav, "lint", &out]);
        assert_eq!(code, 0, "{err}");
    }
}

#[test]
fn migrate_fails_on_a_loss_only_when_asked_and_bounds_its_lists() {
    let nav = example("catalogs/navigation-2027.json");
    let mig = example("migrations/default-to-2027.json");
    let export = data("workspace-2026-11.json");
    let (_, _, code) = cli(&[
        "migrate",
        &export,
        "--to-catalog",
        &nav,
        "--migration",
        &mig,
        "--fail-on",
        "reduction",
    ]);
    assert_eq!(code, 1);
    let (short, _, _) = cli(&["migrate", &export, "--to-catalog", &nav, "--migration", &mig]);
    assert!(short.contains("and 377 more"), "577 losers, 200 shown");
    let (all, _, _) = cli(&[
        "migrate",
        &export,
        "--to-catalog",
        &nav,
        "--migration",
        &mig,
        "--all",
    ]);
    assert!(!all.contains(" more\n") && all.len() > short.len());
    let (json, _, _) = cli(&[
        "migrate",
        &export,
        "--to-catalog",
        &nav,
        "--migration",
        &mig,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["users"], 607);
    assert_eq!(v["losses"].as_array().unwrap().len(), 200);
    assert_eq!(v["more_losses"], 377);
    let (json_all, _, _) = cli(&[
        "migrate",
        &export,
        "--to-catalog",
        &nav,
        "--migration",
        &mig,
        "--format",
        "json",
        "--all",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json_all).unwrap();
    assert_eq!(v["losses"].as_array().unwrap().len(), 577);
    assert!(v.get("more_losses").is_none());
    let (html, _, _) = cli(&[
        "migrate",
        &export,
        "--to-catalog",
        &nav,
        "--migration",
        &mig,
        "--format",
        "html",
    ]);
    assert!(html.starts_with("<!doctype html>") && !html.contains("<script") && !html.contains('`'));
    // Identity: nothing lost, exit 0 even under --fail-on any.
    let s = Scratch::new("migrate-identity");
    let identity = s.file("identity.json", b"{}");
    let default_catalog = s.file(
        "default.json",
        studio_permissions::Catalog::builtin_json().as_bytes(),
    );
    let (out, err, code) = cli(&[
        "migrate",
        &export,
        "--to-catalog",
        &default_catalog,
        "--migration",
        &identity,
        "--fail-on",
        "any",
    ]);
    assert_eq!(code, 0, "{err}{out}");
    assert!(out.contains("0 lose access, 607 keep every level"));
}

#[test]
fn migrate_errors_exit_2_and_write_nothing() {
    let s = Scratch::new("migrate-errors");
    let nav = example("catalogs/navigation-2027.json");
    let mig = example("migrations/default-to-2027.json");
    let export = data("workspace-2026-11.json");
    let out_path = s.0.join("never.json");
    let out = out_path.display().to_string();
    let bad = s.file("bad.json", br#"{"map": {"knowlege": null}}"#);
    let bad_catalog = s.file("bad-catalog.json", br#"{"areas": []}"#);
    let broken = s.file("broken.json", b"[{\"user\": \"a\", \"role\": \"owner\"}]");
    for (args, words) in [
        (
            vec![
                "migrate",
                &export,
                "--to-catalog",
                &nav,
                "--migration",
                &bad,
                "-o",
                &out,
            ],
            "did you mean `knowledge`? (invalid_migration)",
        ),
        (
            vec![
                "migrate",
                &export,
                "--to-catalog",
                &bad_catalog,
                "--migration",
                &mig,
                "-o",
                &out,
            ],
            "(invalid_catalog)",
        ),
        (
            vec![
                "migrate",
                &broken,
                "--to-catalog",
                &nav,
                "--migration",
                &mig,
                "-o",
                &out,
            ],
            "`lint` lists every problem",
        ),
        (
            vec![
                "migrate",
                &export,
                "--to-catalog",
                &nav,
                "--migration",
                "/nonexistent/m.json",
                "-o",
                &out,
            ],
            "no such file",
        ),
        (vec!["migrate", &export, "--migration", &mig], "--to-catalog"),
    ] {
        let (stdout, err, code) = cli(&args);
        assert_eq!(code, 2, "{args:?}: {stdout}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(!out_path.exists(), "{args:?} wrote a file");
    }
    // An output that cannot be written leaves no partial file behind.
    let dir_out = s.0.join("a-dir");
    std::fs::create_dir_all(&dir_out).unwrap();
    let (_, err, code) = cli(&[
        "migrate",
        &export,
        "--to-catalog",
        &nav,
        "--migration",
        &mig,
        "-o",
        &dir_out.display().to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be written"), "{err}");
    let leftovers: Vec<_> = std::fs::read_dir(&s.0)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
}

/// The characters no output may print raw.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[test]
fn hostile_names_are_shown_not_obeyed_in_every_format() {
    let list: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/messages/hostile-names.json")).unwrap(),
    )
    .unwrap();
    let names: Vec<&str> = list["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let s = Scratch::new("hostile");
    let record = |user: &str, perms: serde_json::Value| serde_json::json!({"user": user, "role": "member", "permissions": perms});
    let before: Vec<serde_json::Value> = names
        .iter()
        .map(|n| record(n, serde_json::json!({"messaging": "edit"})))
        .collect();
    let mut after: Vec<serde_json::Value> = names
        .iter()
        .map(|n| record(n, serde_json::json!({"messaging": "edit", "knowledge": "edit"})))
        .collect();
    // Problems that echo a hostile id: an unknown node named after each.
    let mut bad = before.clone();
    for (r, n) in bad.iter_mut().zip(&names) {
        r["permissions"][*n] = serde_json::json!("read");
    }
    after.push(serde_json::json!({"user": "promoted\u{202e}", "role": "admin"}));
    let a = s.file("a.json", serde_json::to_string(&before).unwrap().as_bytes());
    let b = s.file("b.json", serde_json::to_string(&after).unwrap().as_bytes());
    let bad = s.file("bad.json", serde_json::to_string(&bad).unwrap().as_bytes());
    let nav = example("catalogs/navigation-2027.json");
    let mig = example("migrations/default-to-2027.json");
    let report = s.0.join("report.html").display().to_string();
    let runs: Vec<Vec<&str>> = vec![
        vec!["lint", &bad],
        vec!["lint", "--format", "json", &bad],
        vec!["lint", "--format", "junit", &bad],
        vec!["diff", &a, &b],
        vec!["diff", "--format", "json", &a, &b],
        vec!["diff", "--format", "markdown", &a, &b],
        vec!["migrate", &a, "--to-catalog", &nav, "--migration", &mig],
        vec![
            "migrate",
            &a,
            "--to-catalog",
            &nav,
            "--migration",
            &mig,
            "--format",
            "markdown",
        ],
        vec![
            "migrate",
            &a,
            "--to-catalog",
            &nav,
            "--migration",
            &mig,
            "--format",
            "json",
        ],
        vec![
            "migrate",
            &a,
            "--to-catalog",
            &nav,
            "--migration",
            &mig,
            "--format",
            "html",
        ],
        vec!["who-can", &a, "messaging", "edit"],
        vec!["report", &b, "--before", &a, "-o", &report],
    ];
    for args in runs {
        let (stdout, stderr, code) = cli(&args);
        assert!(code < 2, "{args:?}: {stderr}");
        let mut text = stdout;
        if args[0] == "report" {
            text = std::fs::read_to_string(&report).unwrap();
        }
        let raw: Vec<char> = text.chars().filter(|&c| hidden(c)).collect();
        assert!(raw.is_empty(), "{args:?} printed {raw:?} raw");
        if args.contains(&"junit") {
            assert!(text.chars().all(xml_char), "{args:?}: not XML 1.0");
            assert!(!text.contains("<script>"));
        }
        if args.contains(&"html") || args[0] == "report" {
            assert!(!text.contains("<script>alert"), "{args:?}: markup not escaped");
        }
    }
    // A file name with a newline cannot forge a second line of stderr.
    let forged = s.file("x\nstudio-permissions: all clear.json", b"");
    let (_, stderr, code) = cli(&["lint", &forged]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_report_of_20000_promotions_stays_small() {
    let s = Scratch::new("promotions");
    let users = |role: &str| -> String {
        let records: Vec<String> = (0..20_000)
            .map(|i| format!(r#"{{"user":"u{i:05}","role":"{role}"}}"#))
            .collect();
        format!("[{}]", records.join(",\n"))
    };
    let before = s.file("before.json", users("member").as_bytes());
    let after = s.file("after.json", users("admin").as_bytes());
    let out = s.0.join("review.html").display().to_string();
    let (_, err, code) = cli(&["report", &after, "--before", &before, "-o", &out]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.len() < 3_000_000, "{} bytes", page.len());
    assert!(page.contains("and 19800 more changed users"));
    let (text, _, _) = cli(&["diff", &before, &after]);
    assert_eq!(text.lines().count(), 1 + 200 + 1, "a promotion is one line");
    let (all, _, _) = cli(&["diff", &before, &after, "--all"]);
    assert_eq!(all.lines().count(), 1 + 20_000);
}

#[test]
fn explain_takes_one_user_of_an_export() {
    let export = data("workspace-2026-11.json");
    let (out, err, code) = cli(&["explain", &export, "--user", "u0076", "knowledge", "edit"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("allowed: `edit` on `knowledge`"), "{out}");
    assert!(out.contains("role: admin"), "{out}");
    // The answer is the one the user's own document gives.
    let s = Scratch::new("explain-user");
    let doc = s.file(
        "u0001.json",
        br#"{"role":"member","permissions":{"knowledge":"read"}}"#,
    );
    let (doc_out, _, doc_code) = cli(&["explain", &doc, "knowledge", "edit"]);
    assert_eq!(doc_code, 1);
    let one = s.file(
        "one.json",
        br#"[{"user":"x","role":"member","permissions":{"knowledge":"read"}}]"#,
    );
    assert_eq!(
        cli(&["explain", &one, "--user", "x", "knowledge", "edit"]),
        (doc_out, String::new(), 1)
    );

    let (_, err, code) = cli(&["explain", &export, "--user", "nobody", "knowledge", "edit"]);
    assert_eq!(code, 2);
    assert!(err.ends_with("has no user `nobody`\n"), "{err}");
    let (_, err, code) = cli(&["explain", &export, "knowledge", "edit"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is an export: name one of its users with --user ID"),
        "{err}"
    );
    let (_, err, code) = cli(&["explain", &doc, "--user", "x", "knowledge", "edit"]);
    assert_eq!(code, 2);
    assert!(err.contains("--user needs an export"), "{err}");
}

#[test]
fn an_empty_answer_says_why_on_stderr() {
    let export = data("workspace-2026-11.json");
    // A capability of the enterprise cluster only, asked on the default one.
    let (out, err, code) = cli(&["who-has", &export, "studio_assistant.use"]);
    assert_eq!((out.as_str(), code), ("", 0));
    assert_eq!(
        err,
        "studio-permissions: hint: `studio_assistant.use` is held only on the enterprise cluster, not on standard: try --cluster enterprise\n"
    );
    let (out, err, _) = cli(&[
        "who-has",
        &export,
        "studio_assistant.use",
        "--cluster",
        "enterprise",
    ]);
    assert!(!out.is_empty() && err.is_empty(), "{err}");
    // A list with users has no note.
    let (out, err, _) = cli(&["who-has", &export, "users.manage"]);
    assert!(!out.is_empty() && err.is_empty(), "{err}");

    let s = Scratch::new("empty-answers");
    let members = s.file(
        "members.json",
        br#"[{"user":"a","role":"member"},{"user":"b","role":"member"}]"#,
    );
    let (out, err, code) = cli(&["who-has", &members, "users.manage"]);
    assert_eq!((out.as_str(), code), ("", 0));
    assert_eq!(
        err,
        "studio-permissions: note: none of the export's 2 users holds `users.manage` on standard: it belongs to the admin role\n"
    );
    let (out, err, code) = cli(&["who-can", &members, "knowledge", "edit"]);
    assert_eq!((out.as_str(), code), ("", 0));
    assert_eq!(
        err,
        "studio-permissions: note: none of the export's 2 users may edit `knowledge`\n"
    );
    let (_, err, _) = cli(&["who-can", &export, "knowledge", "view"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn the_first_line_of_help_names_every_command() {
    let (out, _, code) = cli(&["--help"]);
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap_or_default();
    for command in [
        "lint", "explain", "diff", "who-can", "who-has", "report", "migrate", "schema",
    ] {
        assert!(first.contains(command), "{command} missing from {first:?}");
    }
}
