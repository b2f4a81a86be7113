//! `migrate EXPORT --to-catalog B --migration M`: moves every user of an
//! export to a reorganized catalog and prints the review (users who lose
//! access first, each once, with the cause in words). With `--output`, the
//! migrated export is written in the input's form (JSON array or JSON
//! Lines), all at once: an error writes nothing, and a file is never left
//! half-written.

use crate::input::{self, Kind};
use crate::markup::field;
use crate::{Fail, Outcome, CLEAN, FINDING};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use studio_permissions::limits::MAX_CATALOG_BYTES;
use studio_permissions::{json_safe, Catalog, Migration, MigrationReport, Workspace, REVIEW_LIMIT};

/// What `--fail-on` makes a finding (exit 1).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailOnLoss {
    /// Some user loses access: a reduction or dropped content.
    Reduction,
    /// Any loss, or a container opened for someone.
    Any,
}

/// The review's format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MigrateFormat {
    Text,
    Markdown,
    Json,
    Html,
}

/// The command's arguments.
pub(crate) struct Args<'a> {
    pub export: &'a Path,
    pub to_catalog: &'a Path,
    pub migration: &'a Path,
    pub output: Option<&'a PathBuf>,
    pub format: MigrateFormat,
    pub fail_on: Option<FailOnLoss>,
    pub all: bool,
}

pub(crate) fn run(source: &Arc<Catalog>, args: &Args<'_>) -> Result<Outcome, Fail> {
    let target = Arc::new(load_catalog(args.to_catalog)?);
    let text = input::read_within(args.migration, MAX_CATALOG_BYTES, "a migration")?;
    let migration = Migration::from_json(&text, source, &target).map_err(|e| {
        Fail::file(
            args.migration,
            crate::markup::terminal(&format!("{e} ({})", e.code())),
        )
    })?;
    let (workspace, kind) = input::export_and_kind(source, args.export)?;
    let out = workspace.migrate(&migration)?;
    if let Some(path) = args.output {
        write_export(path, &out.workspace, kind)?;
    }
    let limit = if args.all { usize::MAX } else { REVIEW_LIMIT };
    let report = &out.report;
    let stdout = match args.format {
        MigrateFormat::Text => {
            let mut text = report.to_text(limit);
            if let Some(path) = args.output {
                text.push_str(&format!(
                    "\nwrote {} ({} users)\n",
                    field(&path.display().to_string()),
                    report.users
                ));
            }
            crate::markup::terminal(&text)
        }
        MigrateFormat::Markdown => crate::markup::terminal(&report.to_markdown(limit)),
        MigrateFormat::Json => format!("{}\n", json_safe(&report.to_value_within(limit).to_string())),
        MigrateFormat::Html => page(report, limit),
    };
    let finding = match args.fail_on {
        None => false,
        Some(FailOnLoss::Reduction) => !report.losses.is_empty(),
        Some(FailOnLoss::Any) => !report.losses.is_empty() || !report.opened.is_empty(),
    };
    Ok(Outcome {
        stdout,
        code: if finding { FINDING } else { CLEAN },
    })
}

fn load_catalog(path: &Path) -> Result<Catalog, Fail> {
    let text = input::read_within(path, MAX_CATALOG_BYTES, "a catalog")?;
    Catalog::from_json(&text)
        .map_err(|e| Fail::file(path, crate::markup::terminal(&format!("{e} ({})", e.code()))))
}

/// A standalone page around the core's review fragment (inline style, no
/// script, nothing fetched).
fn page(report: &MigrationReport, limit: usize) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>Migration review</title><style>body{{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#111827}}\
         code{{font-family:ui-monospace,monospace;font-size:12px}}</style></head><body>{}</body></html>\n",
        report.to_html(limit)
    )
}

/// Writes the migrated export next to its final name, then renames it into
/// place, so a reader never sees a half-written file.
fn write_export(path: &Path, workspace: &Workspace, kind: Kind) -> Result<(), Fail> {
    let text = workspace.to_records_json(kind == Kind::Lines);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let written = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Fail::file(path, format!("cannot be written ({e})"))
    })
}
