//! The `studio-permissions` command line, written once: the binary, the
//! Python package (`python -m studio_permissions`) and the npm package
//! (`npx studio-permissions`) all call [`main`] with the arguments.
//!
//! Exit codes: 0 clean or allowed, 1 a finding (problems, a refusal, an
//! escalation under `--fail-on`), 2 bad usage or unreadable input.

mod diff;
mod input;
mod lint;
mod markup;
mod migrate;
mod progress;
mod query;
mod report;

use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

/// Exit code: nothing found, or the action is allowed.
pub const CLEAN: i32 = 0;
/// Exit code: a finding (problems, a refusal, an escalation under `--fail-on`).
pub const FINDING: i32 = 1;
/// Exit code: bad usage or unreadable input.
pub const USAGE: i32 = 2;

/// Lint, explain, compare and review Agent Studio access documents and
/// workspace exports.
#[derive(Parser, Debug)]
#[command(name = "studio-permissions", version, about, long_about = None)]
struct Cli {
    /// A catalog JSON file to judge against (default: the built-in catalog).
    #[arg(long, global = true, value_name = "FILE")]
    catalog: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Every problem of documents or exports (a JSON object is a document,
    /// an array or JSON Lines an export).
    Lint {
        /// The files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
    },
    /// The decision for one action on one id, with its reason and chain, for
    /// a document or for one user of an export (`--user`).
    Explain {
        /// The access document, or an export with `--user`.
        #[arg(value_name = "DOC_OR_EXPORT")]
        doc: PathBuf,
        /// The user of the export to explain.
        #[arg(long, value_name = "ID")]
        user: Option<String>,
        /// The node id.
        id: String,
        /// `view`, `create`, `edit` or `delete`.
        action: String,
    },
    /// What changed between two documents or two exports, escalations first.
    Diff {
        /// The earlier document or export.
        before: PathBuf,
        /// The later document or export.
        after: PathBuf,
        /// The cluster capabilities are judged on (documents: `standard` by
        /// default; exports: every cluster unless one is given).
        #[arg(long, value_name = "C")]
        cluster: Option<String>,
        /// Exit 1 on any escalation, or on any change at all.
        #[arg(long, value_enum, value_name = "WHAT")]
        fail_on: Option<FailOn>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Show every entry of every list (by default each stops after 200).
        #[arg(long)]
        all: bool,
    },
    /// The users of an export who may do an action on an id.
    WhoCan {
        /// The export.
        export: PathBuf,
        /// The node id.
        id: String,
        /// `view`, `create`, `edit` or `delete`.
        action: String,
    },
    /// The users of an export who hold a capability.
    WhoHas {
        /// The export.
        export: PathBuf,
        /// The capability.
        capability: String,
        /// The cluster (default `standard`).
        #[arg(long, value_name = "C", default_value = "standard")]
        cluster: String,
    },
    /// The access document's JSON Schema (draft 2020-12) for the catalog,
    /// for editors and request validators. A schema cannot express repeated
    /// keys or a sub-section above its parent: `lint` still judges those.
    Schema,
    /// Moves every user of an export to a reorganized catalog, never widening
    /// anyone's access, and reviews who loses what (exit 1 under `--fail-on`).
    Migrate {
        /// The export, written against `--catalog` (default: the built-in catalog).
        export: PathBuf,
        /// The catalog the users move to.
        #[arg(long, value_name = "FILE")]
        to_catalog: PathBuf,
        /// The migration: which target ids hold each source id's content.
        #[arg(long, value_name = "FILE")]
        migration: PathBuf,
        /// Where to write the migrated export (same form as the input).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Output format of the review.
        #[arg(long, value_enum, default_value_t = migrate::MigrateFormat::Text)]
        format: migrate::MigrateFormat,
        /// Exit 1 when someone loses access, or on any loss or opened node.
        #[arg(long, value_enum, value_name = "WHAT")]
        fail_on: Option<migrate::FailOnLoss>,
        /// Show every entry of every list (by default each stops after 200).
        #[arg(long)]
        all: bool,
    },
    /// A standalone HTML access review of an export.
    Report {
        /// The export.
        export: PathBuf,
        /// An earlier export: the review then shows what changed, escalations first.
        #[arg(long, value_name = "EXPORT")]
        before: Option<PathBuf>,
        /// Where to write the HTML.
        #[arg(short = 'o', long = "output", value_name = "FILE.html")]
        output: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LintFormat {
    Text,
    Json,
    Junit,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DiffFormat {
    Text,
    Json,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FailOn {
    Escalation,
    Any,
}

/// Bad usage or unreadable input: exit 2 with this message on stderr.
#[derive(Debug)]
pub(crate) struct Fail(pub String);

impl Fail {
    /// A file that cannot be used, with the reason.
    pub(crate) fn file(path: &std::path::Path, reason: impl std::fmt::Display) -> Fail {
        Fail(format!(
            "{}: {reason}",
            markup::field(&path.display().to_string())
        ))
    }
}

impl From<studio_permissions::Error> for Fail {
    fn from(e: studio_permissions::Error) -> Self {
        Fail(format!("{} ({})", markup::terminal(&e.to_string()), e.code()))
    }
}

/// What a command produced: its standard output and exit code.
pub(crate) struct Outcome {
    pub stdout: String,
    pub code: i32,
}

/// Runs the command line with `args` (without the program name), writing to
/// this process's standard output and error. Returns the exit code; never
/// panics across the call (the bindings call it from Python and Node).
pub fn main<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv: Vec<OsString> = std::iter::once(OsString::from("studio-permissions"))
        .chain(args.into_iter().map(Into::into))
        .collect();
    let result = std::panic::catch_unwind(move || run(argv));
    let (stdout, stderr, code) = match result {
        Ok(r) => r,
        Err(_) => (
            String::new(),
            "studio-permissions: internal error\n".to_string(),
            USAGE,
        ),
    };
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(stdout.as_bytes());
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().lock().write_all(stderr.as_bytes());
    code
}

/// Runs the command line; returns standard output, standard error and the
/// exit code, writing nothing itself (the tests call this).
pub fn run<I: IntoIterator<Item = OsString>>(argv: I) -> (String, String, i32) {
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let code = if e.use_stderr() { USAGE } else { CLEAN };
            return if e.use_stderr() {
                (String::new(), text, code)
            } else {
                (text, String::new(), code)
            };
        }
    };
    match dispatch(cli) {
        Ok((outcome, note)) => (outcome.stdout, prefixed(&note), outcome.code),
        Err(Fail(message)) => (String::new(), format!("studio-permissions: {message}\n"), USAGE),
    }
}

/// A note for stderr, each line under the program's name.
fn prefixed(note: &str) -> String {
    note.lines()
        .map(|l| format!("studio-permissions: {l}\n"))
        .collect()
}

/// The command's outcome, with a note for stderr (empty for most).
fn dispatch(cli: Cli) -> Result<(Outcome, String), Fail> {
    let catalog = input::catalog(cli.catalog.as_deref())?;
    let quiet = |outcome: Result<Outcome, Fail>| outcome.map(|o| (o, String::new()));
    match cli.command {
        Command::Lint { files, format } => quiet(lint::run(&catalog, &files, format)),
        Command::Explain {
            doc,
            user,
            id,
            action,
        } => quiet(query::explain(&catalog, &doc, user.as_deref(), &id, &action)),
        Command::Diff {
            before,
            after,
            cluster,
            fail_on,
            format,
            all,
        } => quiet(diff::run(
            &catalog,
            &before,
            &after,
            cluster.as_deref(),
            fail_on,
            format,
            if all {
                usize::MAX
            } else {
                studio_permissions::REVIEW_LIMIT
            },
        )),
        Command::WhoCan { export, id, action } => query::who_can(&catalog, &export, &id, &action),
        Command::WhoHas {
            export,
            capability,
            cluster,
        } => query::who_has(&catalog, &export, &capability, &cluster),
        Command::Schema => quiet(Ok(Outcome {
            stdout: format!("{}\n", catalog.document_schema_json()),
            code: CLEAN,
        })),
        Command::Report {
            export,
            before,
            output,
        } => quiet(report::run(&catalog, &export, before.as_deref(), &output)),
        Command::Migrate {
            export,
            to_catalog,
            migration,
            output,
            format,
            fail_on,
            all,
        } => quiet(migrate::run(
            &catalog,
            &migrate::Args {
                export: &export,
                to_catalog: &to_catalog,
                migration: &migration,
                output: output.as_ref(),
                format,
                fail_on,
                all,
            },
        )),
    }
}
