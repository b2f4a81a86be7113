//! Shows the Rust conformance runner fails on a wrong expectation (a harness
//! that cannot fail proves nothing). The shared vectors themselves run once,
//! through the runner's binary, in `make test-rust`.

#[allow(dead_code)]
#[path = "../../tests/conformance/run.rs"]
mod runner;

fn run_one(case: &str) -> runner::Report {
    let dir = std::env::temp_dir().join(format!("sp-conformance-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!(
        "case-{:x}.json",
        case.len() * 31 + case.bytes().map(usize::from).sum::<usize>()
    ));
    let written = std::fs::write(&path, format!(r#"{{"cases":[{case}]}}"#));
    assert!(written.is_ok());
    let report = runner::run_files(&[path.display().to_string()]);
    let _ = std::fs::remove_file(&path);
    report
}

#[test]
fn a_wrong_expectation_fails_the_runner() {
    let right = r#"{"name":"reviewer reads kpis","preset":"read_only_reviewer","expect":{"levels":{"analytics.kpis":"read"}}}"#;
    let report = run_one(right);
    assert_eq!(
        (report.passed, report.failures.len()),
        (1, 0),
        "{:?}",
        report.failures
    );

    for wrong in [
        r#"{"name":"wrong level","preset":"read_only_reviewer","expect":{"levels":{"analytics.kpis":"edit"}}}"#,
        r#"{"name":"wrong error","access":"{","expect":{"error":"duplicate_key"}}"#,
        r#"{"name":"missing error","preset":"full_developer","expect":{"error":"unknown_preset"}}"#,
        r#"{"name":"wrong visible","preset":"knowledge_editor","expect":{"visible":["analytics"]}}"#,
        r#"{"name":"typo key","preset":"knowledge_editor","expect":{"level":{"analytics":"read"}}}"#,
        r#"{"name":"wrong within","preset":"full_developer","expect":{"compare":[{"to":{"preset":"read_only_reviewer"},"within":true}]}}"#,
        r#"{"name":"wrong query error","preset":"full_developer","expect":{"query_errors":[{"call":"level","args":["analytics"],"error":"unknown_area"}]}}"#,
    ] {
        let report = run_one(wrong);
        assert_eq!(report.passed, 0, "{wrong}");
        assert_eq!(report.failures.len(), 1, "{wrong}");
        assert!(report.failures[0].contains("FAIL "), "{:?}", report.failures);
    }
}
