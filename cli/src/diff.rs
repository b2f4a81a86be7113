//! `diff BEFORE AFTER`: what changed between two documents or two exports,
//! escalations first, as text, JSON or Markdown (a pull-request comment).
//! The review and every rendering of it are the core's; this reads the
//! files, picks the rendering and the exit code.

use crate::input::{self, Pair};
use crate::markup;
use crate::{DiffFormat, Fail, FailOn, Outcome, CLEAN, FINDING};
use std::path::Path;
use std::sync::Arc;
use studio_permissions::{Catalog, Cluster};

pub(crate) fn run(
    catalog: &Arc<Catalog>,
    before: &Path,
    after: &Path,
    cluster: Option<&str>,
    fail_on: Option<FailOn>,
    format: DiffFormat,
    limit: usize,
) -> Result<Outcome, Fail> {
    let cluster = cluster.map(Cluster::parse).transpose()?;
    let (rendered, escalates, empty) = match input::pair(catalog, before, after)? {
        Pair::Documents(a, b) => {
            let (nodes, cluster) = (catalog.len(), cluster.unwrap_or(Cluster::Standard));
            let d = a.diff(&b, cluster)?;
            let rendered = match format {
                DiffFormat::Text => Rendered::Text(d.to_text(nodes, cluster)),
                DiffFormat::Json => Rendered::Json(d.to_value(nodes, cluster)),
                DiffFormat::Markdown => Rendered::Text(d.to_markdown(nodes, cluster)),
            };
            (rendered, d.escalates(), d.is_empty())
        }
        Pair::Exports(a, b) => {
            let mut d = a.diff(&b)?;
            if let Some(k) = cluster {
                d = d.on_cluster(k);
            }
            let rendered = match format {
                DiffFormat::Text => Rendered::Text(d.to_text(limit)),
                DiffFormat::Json => Rendered::Json(d.to_value()),
                DiffFormat::Markdown => Rendered::Text(d.to_markdown(limit)),
            };
            (rendered, d.escalations() > 0, d.is_empty())
        }
    };
    let failed = match fail_on {
        None => false,
        Some(FailOn::Escalation) => escalates,
        Some(FailOn::Any) => !empty,
    };
    Ok(Outcome {
        stdout: rendered.printable(),
        code: if failed { FINDING } else { CLEAN },
    })
}

/// The core's rendering, to be printed.
enum Rendered {
    Text(String),
    Json(serde_json::Value),
}

impl Rendered {
    /// Written to a terminal or a log: hidden characters shown, in JSON as
    /// JSON escapes (the same value).
    fn printable(self) -> String {
        match self {
            Rendered::Text(text) => markup::terminal(&text),
            Rendered::Json(value) => {
                let text = serde_json::to_string_pretty(&value).unwrap_or_default();
                format!("{}\n", studio_permissions::json_safe(&text))
            }
        }
    }
}
