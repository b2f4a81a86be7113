//! `diff BEFORE AFTER`: what changed between two documents or two exports,
//! escalations first, as text, JSON or Markdown (a pull-request comment).

use crate::input::{self, Pair};
use crate::markup::{self, field};
use crate::{DiffFormat, Fail, FailOn, Outcome, CLEAN, FINDING};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use studio_permissions::{Catalog, Cluster, Direction, LevelChange, Role, UserChange, Workspace};

/// A capability whose answer changed, on the clusters where it did.
pub(crate) struct CapabilityMove {
    pub name: String,
    pub clusters: Vec<Cluster>,
    pub gained: bool,
}

/// One user's change (or the single document's, with no user).
pub(crate) struct Change {
    pub user: Option<String>,
    pub role: Option<(Role, Role)>,
    pub escalations: Vec<LevelChange>,
    pub reductions: Vec<LevelChange>,
    pub capabilities: Vec<CapabilityMove>,
    pub summary: String,
}

impl Change {
    pub(crate) fn escalates(&self) -> bool {
        !self.escalations.is_empty() || self.capabilities.iter().any(|c| c.gained)
    }
}

/// Everything a reviewer reads, in the core's review order.
pub(crate) struct Review {
    /// The core's diff of two exports (its capability changes on the
    /// cluster asked, if one was), which renders the text and the HTML.
    pub core: Option<studio_permissions::WorkspaceDiff>,
    /// Users only in the later export, and whether they have any access.
    pub added: Vec<(String, bool)>,
    pub removed: Vec<String>,
    pub changed: Vec<Change>,
    pub exports: bool,
}

impl Review {
    pub(crate) fn escalated(&self) -> usize {
        self.changed.iter().filter(|c| c.escalates()).count()
    }

    /// Users who gained access: escalated users and added users with access.
    pub(crate) fn escalations(&self) -> usize {
        self.escalated() + self.added.iter().filter(|(_, access)| *access).count()
    }

    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Capability changes grouped by name, in the order given.
fn grouped(changes: impl IntoIterator<Item = (String, Cluster, bool)>) -> Vec<CapabilityMove> {
    let mut out: Vec<CapabilityMove> = Vec::new();
    for (name, cluster, gained) in changes {
        match out.last_mut() {
            Some(last) if last.name == name && last.gained == gained => last.clusters.push(cluster),
            _ => out.push(CapabilityMove {
                name,
                clusters: vec![cluster],
                gained,
            }),
        }
    }
    out
}

fn user_change(c: UserChange, cluster: Option<Cluster>, nodes: usize) -> Change {
    let summary = c.summary(nodes);
    let capabilities = grouped(
        c.capabilities
            .into_iter()
            .filter(|m| cluster.is_none_or(|k| k == m.cluster))
            .map(|m| (m.name, m.cluster, m.direction == Direction::Escalation)),
    );
    Change {
        user: Some(c.user),
        role: c.role,
        escalations: c.escalations,
        reductions: c.reductions,
        capabilities,
        summary,
    }
}

/// Compares two exports (every user) or two documents.
pub(crate) fn review(
    catalog: &Arc<Catalog>,
    before: &Path,
    after: &Path,
    cluster: Option<&str>,
) -> Result<Review, Fail> {
    let cluster = cluster.map(Cluster::parse).transpose()?;
    match input::pair(catalog, before, after)? {
        Pair::Documents(a, b) => {
            let cluster = cluster.unwrap_or(Cluster::Standard);
            let d = a.diff(&b, cluster)?;
            let summary = d.summary(catalog.len());
            let changed = if d.is_empty() {
                Vec::new()
            } else {
                vec![Change {
                    user: None,
                    role: d.role,
                    escalations: d.escalations().cloned().collect(),
                    reductions: d.reductions().cloned().collect(),
                    capabilities: grouped(d.capabilities.iter().map(|c| (c.name.clone(), cluster, c.after))),
                    summary,
                }]
            };
            Ok(Review {
                core: None,
                added: Vec::new(),
                removed: Vec::new(),
                changed,
                exports: false,
            })
        }
        Pair::Exports(a, b) => Ok(exports(&a, &b, cluster)?),
    }
}

fn exports(a: &Workspace, b: &Workspace, cluster: Option<Cluster>) -> Result<Review, Fail> {
    let mut d = a.diff(b)?;
    if let Some(k) = cluster {
        // Only the cluster asked about; the core's review order again.
        for c in &mut d.changed {
            c.capabilities.retain(|m| m.cluster == k);
        }
        d.changed
            .retain(|c| c.role.is_some() || !c.escalations.is_empty() || !c.reductions.is_empty());
        d.changed.sort_by_key(UserChange::review_group);
    }
    let nodes = a.catalog().len();
    let added = d
        .added
        .iter()
        .map(|u| (u.clone(), d.added_with_access.contains(u)))
        .collect();
    let changed: Vec<Change> = d
        .changed
        .iter()
        .cloned()
        .map(|c| user_change(c, cluster, nodes))
        .collect();
    Ok(Review {
        added,
        removed: d.removed.clone(),
        changed,
        exports: true,
        core: Some(d),
    })
}

pub(crate) fn run(
    catalog: &Arc<Catalog>,
    before: &Path,
    after: &Path,
    cluster: Option<&str>,
    fail_on: Option<FailOn>,
    format: DiffFormat,
    limit: usize,
) -> Result<Outcome, Fail> {
    let review = review(catalog, before, after, cluster)?;
    let stdout = match (format, &review.core) {
        (DiffFormat::Text, Some(core)) => markup::terminal(&core.to_text(limit)),
        (DiffFormat::Text, None) => text(&review),
        (DiffFormat::Json, _) => json_report(&review),
        (DiffFormat::Markdown, _) => markdown(&review, limit),
    };
    let failed = match fail_on {
        None => false,
        Some(FailOn::Escalation) => review.escalations() > 0,
        Some(FailOn::Any) => !review.is_empty(),
    };
    Ok(Outcome {
        stdout,
        code: if failed { FINDING } else { CLEAN },
    })
}

fn clusters(c: &CapabilityMove) -> String {
    c.clusters
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn who(c: &Change) -> String {
    c.user
        .as_deref()
        .map_or_else(|| "the document".to_string(), |u| format!("`{}`", field(u)))
}

fn counts(r: &Review) -> String {
    if r.exports {
        format!(
            "{} changed ({} with escalations), {} added ({} with access), {} removed",
            r.changed.len(),
            r.escalated(),
            r.added.len(),
            r.added.iter().filter(|(_, a)| *a).count(),
            r.removed.len()
        )
    } else if r.changed.is_empty() {
        "nothing differs".to_string()
    } else if r.escalated() > 0 {
        "the document escalates".to_string()
    } else {
        "the document only reduces".to_string()
    }
}

fn text(r: &Review) -> String {
    let mut out = format!("{}\n", counts(r));
    for c in &r.changed {
        let mark = if c.escalates() { "ESCALATION" } else { "reduction" };
        out.push_str(&format!("{mark} {}: {}\n", who(c), field(&c.summary)));
        for m in c.capabilities.iter().filter(|m| m.gained) {
            out.push_str(&format!("  + gains capability `{}` on {}\n", m.name, clusters(m)));
        }
        for l in &c.escalations {
            out.push_str(&format!(
                "  + {}: {} -> {}\n",
                l.id,
                l.before.as_str(),
                l.after.as_str()
            ));
        }
        for m in c.capabilities.iter().filter(|m| !m.gained) {
            out.push_str(&format!("  - loses capability `{}` on {}\n", m.name, clusters(m)));
        }
        for l in &c.reductions {
            out.push_str(&format!(
                "  - {}: {} -> {}\n",
                l.id,
                l.before.as_str(),
                l.after.as_str()
            ));
        }
    }
    for (user, access) in &r.added {
        let note = if *access { "with access" } else { "no access" };
        out.push_str(&format!("added `{}` ({note})\n", field(user)));
    }
    for user in &r.removed {
        out.push_str(&format!("removed `{}`\n", field(user)));
    }
    out
}

fn level_json(l: &LevelChange) -> serde_json::Value {
    json!({"id": l.id, "before": l.before.as_str(), "after": l.after.as_str()})
}

fn json_report(r: &Review) -> String {
    let changed: Vec<serde_json::Value> = r
        .changed
        .iter()
        .map(|c| {
            json!({
                "user": c.user,
                "escalates": c.escalates(),
                "summary": c.summary,
                "role": c.role.map(|(a, b)| json!({"before": a.as_str(), "after": b.as_str()})),
                "capabilities": c.capabilities.iter().map(|m| json!({
                    "name": m.name,
                    "clusters": m.clusters.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                    "direction": if m.gained { "escalation" } else { "reduction" },
                })).collect::<Vec<_>>(),
                "escalations": c.escalations.iter().map(level_json).collect::<Vec<_>>(),
                "reductions": c.reductions.iter().map(level_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "escalations": r.escalations(),
        "changed": changed,
        "added": r.added.iter().map(|(u, a)| json!({"user": u, "access": a})).collect::<Vec<_>>(),
        "removed": r.removed,
    });
    // Written to a terminal or a log: hidden characters as JSON escapes.
    let mut out = studio_permissions::json_safe(&serde_json::to_string_pretty(&value).unwrap_or_default());
    out.push('\n');
    out
}

/// Markdown for a pull-request comment: the verdict, the counts, every
/// escalation with its capability gains first, the rest folded.
pub(crate) fn markdown(r: &Review, limit: usize) -> String {
    let escalations = r.escalations();
    let mut out = String::from("## Access review\n\n");
    if escalations > 0 {
        let plural = if escalations == 1 {
            "user gains"
        } else {
            "users gain"
        };
        out.push_str(&format!(
            "**{escalations} {plural} access.** Review the escalations below.\n\n"
        ));
    } else if r.is_empty() {
        out.push_str("No access changes.\n\n");
    } else {
        out.push_str("No escalations: access only goes down or users leave.\n\n");
    }
    if r.exports {
        out.push_str("| | users |\n|---|---:|\n");
        out.push_str(&format!("| escalated | {} |\n", r.escalated()));
        out.push_str(&format!(
            "| added with access | {} |\n",
            r.added.iter().filter(|(_, a)| *a).count()
        ));
        out.push_str(&format!("| changed | {} |\n", r.changed.len()));
        out.push_str(&format!("| added | {} |\n", r.added.len()));
        out.push_str(&format!("| removed | {} |\n\n", r.removed.len()));
    }
    let (up, down): (Vec<&Change>, Vec<&Change>) = r.changed.iter().partition(|c| c.escalates());
    if !up.is_empty() {
        out.push_str("### Escalations\n\n");
        for c in up.iter().take(limit) {
            out.push_str(&markdown_change(c));
        }
        if up.len() > limit {
            out.push_str(&format!("- and {} more\n", up.len() - limit));
        }
        out.push('\n');
    }
    let added: Vec<&String> = r.added.iter().filter(|(_, a)| *a).map(|(u, _)| u).collect();
    if !added.is_empty() {
        out.push_str("### New users with access\n\n");
        for u in added.iter().take(limit) {
            out.push_str(&format!("- {}\n", markup::code(u)));
        }
        if added.len() > limit {
            out.push_str(&format!("- and {} more\n", added.len() - limit));
        }
        out.push('\n');
    }
    if !down.is_empty() {
        out.push_str(&format!(
            "<details><summary>Reductions ({})</summary>\n\n",
            down.len()
        ));
        for c in down.iter().take(limit) {
            out.push_str(&markdown_change(c));
        }
        if down.len() > limit {
            out.push_str(&format!("- and {} more\n", down.len() - limit));
        }
        out.push_str("\n</details>\n");
    }
    if !r.removed.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>Removed users ({})</summary>\n\n",
            r.removed.len()
        ));
        for u in r.removed.iter().take(limit) {
            out.push_str(&format!("- {}\n", markup::code(u)));
        }
        if r.removed.len() > limit {
            out.push_str(&format!("- and {} more\n", r.removed.len() - limit));
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn markdown_change(c: &Change) -> String {
    let who = c
        .user
        .as_deref()
        .map_or_else(|| "the document".to_string(), markup::code);
    let mut out = format!("- **{who}**: {}\n", markup::field(&c.summary));
    for m in &c.capabilities {
        let verb = if m.gained { "**gains**" } else { "loses" };
        out.push_str(&format!("  - {verb} capability `{}` ({})\n", m.name, clusters(m)));
    }
    let rows: Vec<String> = c
        .escalations
        .iter()
        .chain(&c.reductions)
        .map(|l| format!("  - `{}`: {} → {}\n", l.id, l.before.as_str(), l.after.as_str()))
        .collect();
    // A role change moves many areas at once: the summary says it, the rows fold.
    if c.role.is_some() && rows.len() > 3 {
        out.push_str(&format!(
            "  <details><summary>{} level changes</summary>\n\n{}\n  </details>\n",
            rows.len(),
            rows.concat()
        ));
    } else {
        out.push_str(&rows.concat());
    }
    out
}

/// A strict load of both sides for the report's diff section.
pub(crate) fn of_exports(a: &Workspace, b: &Workspace) -> Result<Review, Fail> {
    exports(a, b, None)
}
