//! `lint FILE...`: every problem of documents and exports, as text, JSON or
//! JUnit XML (for CI test reports).

use crate::input::{self, Kind};
use crate::markup;
use crate::progress;
use crate::{Fail, LintFormat, Outcome, CLEAN, FINDING};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use studio_permissions::{AccessSet, Catalog, Error, Workspace};

/// One problem, wherever it was found.
pub(crate) struct Finding {
    pub file: String,
    /// The record's line in an export; none for a single document.
    pub line: Option<usize>,
    /// The record's 1-based position in an export; none for a single
    /// document or a fault of the whole text.
    pub record: Option<usize>,
    pub user: Option<String>,
    pub code: &'static str,
    pub path: Option<String>,
    pub message: String,
}

pub(crate) fn run(catalog: &Arc<Catalog>, files: &[PathBuf], format: LintFormat) -> Result<Outcome, Fail> {
    let mut per_file = Vec::with_capacity(files.len());
    for path in files {
        let loaded = input::load(path)?;
        let file = path.display().to_string();
        per_file.push((file.clone(), findings(catalog, &file, &loaded.text, loaded.kind)));
    }
    let total: usize = per_file.iter().map(|(_, f)| f.len()).sum();
    let stdout = match format {
        LintFormat::Text => text(&per_file, total),
        LintFormat::Json => json_report(&per_file),
        LintFormat::Junit => junit(&per_file, total),
    };
    Ok(Outcome {
        stdout,
        code: if total == 0 { CLEAN } else { FINDING },
    })
}

fn findings(catalog: &Arc<Catalog>, file: &str, text: &str, kind: Kind) -> Vec<Finding> {
    let loaded = match kind {
        Kind::Document => {
            return AccessSet::validate(catalog, text)
                .into_iter()
                .map(|p| Finding {
                    file: file.to_string(),
                    line: None,
                    record: None,
                    user: None,
                    code: p.code,
                    path: p.path,
                    message: p.message,
                })
                .collect()
        }
        Kind::Array => progress::loading(Path::new(file), text, || Workspace::lint_json(catalog, text)),
        Kind::Lines => progress::loading(Path::new(file), text, || {
            Ok(Workspace::lint_json_lines(catalog, text.as_bytes()))
        }),
    };
    match loaded {
        Ok(problems) => problems
            .into_iter()
            .map(|p| Finding {
                file: file.to_string(),
                line: Some(p.line),
                record: Some(p.record),
                user: p.user,
                code: p.code,
                path: p.path,
                message: p.message,
            })
            .collect(),
        Err(e) => {
            let line = match &e {
                Error::InvalidJson { line, .. } => Some(*line),
                _ => None,
            };
            vec![Finding {
                file: file.to_string(),
                line,
                record: None,
                user: None,
                code: e.code(),
                path: e.path().map(String::from),
                message: e.to_string(),
            }]
        }
    }
}

/// `file:line: code at `path` (record n, user `u`): message`, one problem a
/// line (the record number tells apart the records of a one-line export).
pub(crate) fn line_of(f: &Finding) -> String {
    let mut out = markup::field(&f.file);
    if let Some(line) = f.line {
        out.push_str(&format!(":{line}"));
    }
    out.push_str(&format!(": {}", f.code));
    if let Some(path) = &f.path {
        out.push_str(&format!(" at `{}`", markup::field(path)));
    }
    match (f.record, &f.user) {
        (Some(record), Some(user)) => {
            out.push_str(&format!(" (record {record}, user `{}`)", markup::field(user)))
        }
        (Some(record), None) => out.push_str(&format!(" (record {record})")),
        (None, Some(user)) => out.push_str(&format!(" (user `{}`)", markup::field(user))),
        (None, None) => {}
    }
    out.push_str(&format!(": {}", markup::field(&f.message)));
    out
}

fn text(per_file: &[(String, Vec<Finding>)], total: usize) -> String {
    let mut out = String::new();
    for f in per_file.iter().flat_map(|(_, f)| f) {
        out.push_str(&line_of(f));
        out.push('\n');
    }
    let files = per_file.len();
    let with = per_file.iter().filter(|(_, f)| !f.is_empty()).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if total == 0 {
        out.push_str(&format!("no problems in {}\n", plural(files, "file")));
    } else {
        out.push_str(&format!(
            "{} in {} of {}\n",
            plural(total, "problem"),
            with,
            plural(files, "file")
        ));
    }
    out
}

fn json_report(per_file: &[(String, Vec<Finding>)]) -> String {
    let problems: Vec<serde_json::Value> = per_file
        .iter()
        .flat_map(|(_, f)| f)
        .map(|f| {
            json!({
                "file": f.file,
                "line": f.line,
                "record": f.record,
                "user": f.user,
                "code": f.code,
                "path": f.path,
                "message": f.message,
            })
        })
        .collect();
    let files: Vec<&str> = per_file.iter().map(|(f, _)| f.as_str()).collect();
    let value = json!({ "files": files, "problems": problems });
    // Written to a terminal or a log: hidden characters as JSON escapes.
    let mut out = studio_permissions::json_safe(&serde_json::to_string_pretty(&value).unwrap_or_default());
    out.push('\n');
    out
}

fn junit(per_file: &[(String, Vec<Finding>)], total: usize) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let files = per_file.len();
    out.push_str(&format!(
        "<testsuites name=\"studio-permissions lint\" tests=\"{files}\" failures=\"{total}\">\n"
    ));
    out.push_str(&format!(
        "  <testsuite name=\"studio-permissions lint\" tests=\"{files}\" failures=\"{total}\">\n"
    ));
    for (file, findings) in per_file {
        let name = markup::html(file);
        if findings.is_empty() {
            out.push_str(&format!("    <testcase classname=\"lint\" name=\"{name}\"/>\n"));
            continue;
        }
        out.push_str(&format!("    <testcase classname=\"lint\" name=\"{name}\">\n"));
        for f in findings {
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                f.code,
                markup::html(&f.message),
                markup::html(&line_of(f))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
