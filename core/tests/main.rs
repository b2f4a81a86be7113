//! Every integration test of the core, in one test binary (one build and one
//! link instead of one per file): each file of this folder is a module here.
//! A new test file must be added below; `every_test_file_is_a_module` fails
//! until it is.

mod api;
mod api_table;
mod conformance;
mod fuzz_regressions;
mod hardening;
mod layers;
mod migration;
mod properties;
mod review;
mod validate;
mod workspace;

#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap_or_default();
    let entries = std::fs::read_dir(&dir).map(|entries| {
        entries
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
    });
    let Ok(names) = entries else {
        unreachable!("cannot read {}", dir.display())
    };
    let missing: Vec<&String> = names
        .iter()
        .filter(|name| name.ends_with(".rs") && name.as_str() != "main.rs")
        .filter(|name| !main.contains(&format!("\nmod {};\n", name.trim_end_matches(".rs"))))
        .collect();
    assert!(
        missing.is_empty(),
        "core/tests/main.rs does not run {missing:?}: add `mod <name>;` for each"
    );
}
