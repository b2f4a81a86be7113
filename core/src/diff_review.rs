//! The review of a diff, built once and rendered once, for two exports
//! ([`WorkspaceDiff`]) and for two documents ([`crate::Diff`]): the HTML
//! fragment that the command line's report and a notebook both show, the
//! plain text of a terminal, the Markdown of a pull-request comment and the
//! JSON report. Changes come in the core's review order (capability or
//! admin gains, other escalations, reductions only); a role change is one
//! entry with its capabilities and clusters, its level rows folded; every
//! list stops after `limit` entries with "and K more".

use crate::diff::{Diff, Direction, LevelChange};
use crate::render::{html_text, line, message_html, message_markdown, more};
use crate::shown::shown;
use crate::vocab::{Cluster, Role};
use crate::workspace::{ClusterCapabilityChange, UserChange, WorkspaceDiff};
use rustc_hash::FxHashSet;
use serde_json::{json, Value};

/// The fragment's own style, scoped to it, so it reads the same in a
/// notebook (which has no stylesheet of ours) and in the report page.
const DIFF_STYLE: &str = "<style>\
.sp-diff li.gain{color:#b91c1c;background:#fef2f2;border-left:4px solid #b91c1c;padding:2px 6px;margin:2px 0}\
.sp-diff li.esc{color:#b91c1c}.sp-diff li.red{color:#1d4ed8}\
.sp-diff .label{background:#b91c1c;color:#fff;border-radius:4px;padding:0 6px;font-size:11px;font-weight:600}\
.sp-diff .red-label{background:#1d4ed8}.sp-diff code{font-family:ui-monospace,monospace}\
</style>";

impl UserChange {
    /// Each capability that changed, with its clusters: ``gains
    /// `users.manage` (standard, enterprise)``, ``loses `billing.manage` (standard)``.
    pub fn capability_lines(&self) -> Vec<String> {
        grouped(&self.capabilities)
            .into_iter()
            .map(|m| {
                let verb = if m.gained { "gains" } else { "loses" };
                format!("{verb} {} ({})", shown(m.name), m.clusters())
            })
            .collect()
    }

    /// Each level that changed, ``escalation `knowledge`: read → edit``, in
    /// catalog order, escalations first.
    pub fn level_lines(&self) -> Vec<String> {
        self.escalations
            .iter()
            .chain(&self.reductions)
            .map(|l| format!("{} {} → {}", shown(&l.id), l.before, l.after))
            .collect()
    }
}

impl WorkspaceDiff {
    /// Users who gained access: escalated users and added users with access.
    pub fn escalations(&self) -> usize {
        self.changed.iter().filter(|c| c.escalates()).count() + self.added_with_access.len()
    }

    fn headline(&self) -> String {
        let gains = self.changed.iter().filter(|c| c.review_group() == 0).count();
        format!(
            "{} changed ({} with escalations, {} gaining a capability or the admin role), {} added ({} with access), {} removed",
            self.changed.len(),
            self.changed.iter().filter(|c| c.escalates()).count(),
            gains,
            self.added.len(),
            self.added_with_access.len(),
            self.removed.len()
        )
    }

    /// The added users with any access, as a set: asked once per added
    /// user, a scan of the list would take minutes for 100,000 of them.
    fn with_access(&self) -> FxHashSet<&str> {
        self.added_with_access.iter().map(String::as_str).collect()
    }

    fn added_entries(&self, limit: usize) -> Vec<String> {
        let with_access = self.with_access();
        let mut out: Vec<String> = self
            .added
            .iter()
            .take(limit)
            .map(|u| {
                let access = with_access.contains(u.as_str());
                format!("{}{}", shown(u), if access { "" } else { " (no access)" })
            })
            .collect();
        out.extend(more(self.added.len(), limit));
        out
    }

    fn removed_entries(&self, limit: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .removed
            .iter()
            .take(limit)
            .map(|u| shown(u).to_string())
            .collect();
        out.extend(more(self.removed.len(), limit));
        out
    }

    /// The review as plain text. A role change is one entry: its summary and
    /// capabilities, its level rows counted, not listed.
    pub fn to_text(&self, limit: usize) -> String {
        let mut out = String::new();
        line(&mut out, format_args!("{}", self.headline()));
        for c in self.changed.iter().take(limit) {
            let mark = if c.escalates() { "ESCALATION" } else { "reduction" };
            let levels = c.level_lines();
            match c.role {
                // A role change is one line: the roles, each capability with
                // its clusters, and how many level rows follow from it.
                Some((was, now)) => {
                    let mut parts = c.capability_lines();
                    if !levels.is_empty() {
                        parts.push(format!("{} level changes follow from the role", levels.len()));
                    }
                    let tail = if parts.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", parts.join("; "))
                    };
                    line(
                        &mut out,
                        format_args!("{mark} {}: {was} → {now}{tail}", shown(&c.user)),
                    );
                }
                None => {
                    line(
                        &mut out,
                        format_args!("{mark} {}: {}", shown(&c.user), c.summary(self.nodes)),
                    );
                    for l in levels {
                        line(&mut out, format_args!("  {l}"));
                    }
                }
            }
        }
        if let Some(m) = more(self.changed.len(), limit) {
            line(&mut out, format_args!("{m} changed users"));
        }
        if !self.added.is_empty() {
            line(
                &mut out,
                format_args!("added: {}", self.added_entries(limit).join(", ")),
            );
        }
        if !self.removed.is_empty() {
            line(
                &mut out,
                format_args!("removed: {}", self.removed_entries(limit).join(", ")),
            );
        }
        out
    }

    /// The review as an HTML fragment (no script, no external resource),
    /// the same in the command line's report and in a notebook.
    pub fn to_html(&self, limit: usize) -> String {
        let mut out = String::from("<div class=\"sp-diff\">");
        out.push_str(DIFF_STYLE);
        out.push_str(&format!("<p>{}</p>", html_text(&self.headline())));
        out.push_str("<ul>");
        for c in self.changed.iter().take(limit) {
            let (class, label) = match c.review_group() {
                0 => ("gain", "<span class=\"label\">capability or admin gained</span>"),
                1 => ("esc", "<span class=\"label\">escalation</span>"),
                _ => ("red", "<span class=\"label red-label\">reduction</span>"),
            };
            let levels = c.level_lines();
            // One line per user, as in text: a role change names the roles
            // and each capability with its clusters; its rows stay folded.
            let line = match c.role {
                Some((was, now)) => {
                    let caps = c.capability_lines();
                    if caps.is_empty() {
                        format!("{was} → {now}")
                    } else {
                        format!("{was} → {now}: {}", caps.join("; "))
                    }
                }
                None => c.summary(self.nodes),
            };
            out.push_str(&format!(
                "<li class=\"{class}\">{label} <code>{}</code>: {}",
                html_text(&c.user),
                message_html(&line)
            ));
            if !levels.is_empty() {
                let rows: String = levels
                    .iter()
                    .map(|l| format!("<li>{}</li>", message_html(l)))
                    .collect();
                if c.role.is_some() || levels.len() > 3 {
                    out.push_str(&format!(
                        "<details><summary>{} level changes</summary><ul>{rows}</ul></details>",
                        levels.len()
                    ));
                } else {
                    out.push_str(&format!("<ul>{rows}</ul>"));
                }
            }
            out.push_str("</li>");
        }
        if let Some(m) = more(self.changed.len(), limit) {
            out.push_str(&format!("<li>{m} changed users</li>"));
        }
        out.push_str("</ul>");
        let list = |entries: Vec<String>| -> String {
            if entries.is_empty() {
                "none".to_string()
            } else {
                message_html(&entries.join(", "))
            }
        };
        out.push_str(&format!("<p>Added: {}</p>", list(self.added_entries(limit))));
        out.push_str(&format!("<p>Removed: {}</p>", list(self.removed_entries(limit))));
        out.push_str("</div>");
        out
    }
}

impl crate::diff::Diff {
    /// The comparison of two sets as an HTML fragment, the same in every
    /// notebook: capability gains first in red, the change in one line, the
    /// level rows (folded under a role change), then capability losses.
    /// `nodes` is the catalog's node count; `cluster` the one compared on.
    pub fn to_html(&self, nodes: usize, cluster: crate::Cluster) -> String {
        let mut out = String::from("<div class=\"sp-diff\">");
        out.push_str(DIFF_STYLE);
        out.push_str(&format!(
            "<p><b>Diff</b> on cluster <code>{}</code>",
            cluster.as_str()
        ));
        if self.is_empty() {
            out.push_str(": nothing differs</p></div>");
            return out;
        }
        out.push_str("</p><ul>");
        for c in self.capabilities.iter().filter(|c| c.after) {
            out.push_str(&format!(
                "<li class=\"gain\"><span class=\"label\">capability gained</span> <code>{}</code></li>",
                html_text(&c.name)
            ));
        }
        let summary = self.summary(nodes);
        let role = if self.role.is_some() { "role change: " } else { "" };
        out.push_str(&format!("<li>{role}<b>{}</b>", message_html(&summary)));
        let rows: String = self
            .escalations()
            .chain(self.reductions())
            .map(|l| {
                let (class, word) = if l.direction == Direction::Escalation {
                    ("esc", "escalation")
                } else {
                    ("red", "reduction")
                };
                format!(
                    "<li class=\"{class}\">{} ({word})</li>",
                    message_html(&format!("{} {} → {}", shown(&l.id), l.before, l.after))
                )
            })
            .collect();
        if !rows.is_empty() {
            if self.role.is_some() {
                out.push_str(&format!(
                    "<details><summary>{} level changes</summary><ul>{rows}</ul></details>",
                    self.levels.len()
                ));
            } else {
                out.push_str(&format!("<ul>{rows}</ul>"));
            }
        }
        out.push_str("</li>");
        for c in self.capabilities.iter().filter(|c| !c.after) {
            out.push_str(&format!(
                "<li class=\"red\"><span class=\"label red-label\">capability lost</span> <code>{}</code></li>",
                html_text(&c.name)
            ));
        }
        out.push_str("</ul></div>");
        out
    }
}

/// A capability whose answer changed, on the clusters where it did.
struct Move<'a> {
    name: &'a str,
    clusters: Vec<Cluster>,
    gained: bool,
}

impl Move<'_> {
    /// `standard, enterprise`.
    fn clusters(&self) -> String {
        let names: Vec<&str> = self.clusters.iter().map(|k| k.as_str()).collect();
        names.join(", ")
    }
}

/// Capability changes grouped by name (consecutive changes of one name in
/// one direction), in the order given: catalog order, clusters in order.
fn grouped(changes: &[ClusterCapabilityChange]) -> Vec<Move<'_>> {
    let mut out: Vec<Move<'_>> = Vec::new();
    for c in changes {
        let gained = c.direction == Direction::Escalation;
        match out.last_mut() {
            Some(last) if last.name == c.name && last.gained == gained => last.clusters.push(c.cluster),
            _ => out.push(Move {
                name: &c.name,
                clusters: vec![c.cluster],
                gained,
            }),
        }
    }
    out
}

/// One change as a reviewer reads it: a user's, or the document's (no user).
struct Entry<'a> {
    user: Option<&'a str>,
    role: Option<(Role, Role)>,
    escalations: Vec<&'a LevelChange>,
    reductions: Vec<&'a LevelChange>,
    capabilities: Vec<Move<'a>>,
    summary: String,
    /// The source's own answer ([`UserChange::escalates`], [`Diff::escalates`]).
    escalates: bool,
}

/// Everything a reviewer reads, in the core's review order: what the
/// Markdown and the JSON report of both kinds of diff are made from.
struct Review<'a> {
    /// Two exports (the counts table, users) or two documents.
    exports: bool,
    /// Users only in the later export, and whether they have any access.
    added: Vec<(&'a str, bool)>,
    removed: &'a [String],
    changed: Vec<Entry<'a>>,
}

impl<'a> Review<'a> {
    fn of_workspaces(d: &'a WorkspaceDiff) -> Review<'a> {
        let with_access = d.with_access();
        Review {
            exports: true,
            added: d
                .added
                .iter()
                .map(|u| (u.as_str(), with_access.contains(u.as_str())))
                .collect(),
            removed: &d.removed,
            changed: d
                .changed
                .iter()
                .map(|c| Entry {
                    user: Some(&c.user),
                    role: c.role,
                    escalations: c.escalations.iter().collect(),
                    reductions: c.reductions.iter().collect(),
                    capabilities: grouped(&c.capabilities),
                    summary: c.summary(d.nodes),
                    escalates: c.escalates(),
                })
                .collect(),
        }
    }

    fn of_documents(d: &'a Diff, nodes: usize, cluster: Cluster) -> Review<'a> {
        let changed = if d.is_empty() {
            Vec::new()
        } else {
            vec![Entry {
                user: None,
                role: d.role,
                escalations: d.escalations().collect(),
                reductions: d.reductions().collect(),
                capabilities: d
                    .capabilities
                    .iter()
                    .map(|c| Move {
                        name: &c.name,
                        clusters: vec![cluster],
                        gained: c.after,
                    })
                    .collect(),
                summary: d.summary(nodes),
                escalates: d.escalates(),
            }]
        };
        Review {
            exports: false,
            added: Vec::new(),
            removed: &[],
            changed,
        }
    }

    fn escalated(&self) -> usize {
        self.changed.iter().filter(|c| c.escalates).count()
    }

    fn added_with_access(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.added.iter().filter(|(_, access)| *access).map(|(u, _)| *u)
    }

    /// Users who gained access: escalated users and added users with access.
    fn escalations(&self) -> usize {
        self.escalated() + self.added_with_access().count()
    }

    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The document's review as plain text: the verdict, then the change
    /// with its capabilities and level rows.
    fn document_text(&self) -> String {
        let verdict = if self.changed.is_empty() {
            "nothing differs"
        } else if self.escalated() > 0 {
            "the document escalates"
        } else {
            "the document only reduces"
        };
        let mut out = String::new();
        line(&mut out, format_args!("{verdict}"));
        for c in &self.changed {
            let mark = if c.escalates { "ESCALATION" } else { "reduction" };
            line(&mut out, format_args!("{mark} the document: {}", c.summary));
            let rows = |out: &mut String, gained: bool, levels: &[&LevelChange]| {
                let (sign, verb) = if gained { ('+', "gains") } else { ('-', "loses") };
                for m in c.capabilities.iter().filter(|m| m.gained == gained) {
                    line(
                        out,
                        format_args!("  {sign} {verb} capability {} on {}", shown(m.name), m.clusters()),
                    );
                }
                for l in levels {
                    line(
                        out,
                        format_args!("  {sign} {}: {} -> {}", l.id, l.before, l.after),
                    );
                }
            };
            rows(&mut out, true, &c.escalations);
            rows(&mut out, false, &c.reductions);
        }
        out
    }

    /// Markdown for a pull-request comment: the verdict, the counts (two
    /// exports), every escalation with its capability gains first, the new
    /// users with access, then the reductions and removed users folded.
    fn to_markdown(&self, limit: usize) -> String {
        let mut out = String::from("## Access review\n\n");
        let escalations = self.escalations();
        if escalations > 0 {
            let plural = if escalations == 1 {
                "user gains"
            } else {
                "users gain"
            };
            line(
                &mut out,
                format_args!("**{escalations} {plural} access.** Review the escalations below.\n"),
            );
        } else if self.is_empty() {
            out.push_str("No access changes.\n\n");
        } else {
            out.push_str("No escalations: access only goes down or users leave.\n\n");
        }
        if self.exports {
            out.push_str("| | users |\n|---|---:|\n");
            line(&mut out, format_args!("| escalated | {} |", self.escalated()));
            line(
                &mut out,
                format_args!("| added with access | {} |", self.added_with_access().count()),
            );
            line(&mut out, format_args!("| changed | {} |", self.changed.len()));
            line(&mut out, format_args!("| added | {} |", self.added.len()));
            line(&mut out, format_args!("| removed | {} |\n", self.removed.len()));
        }
        let (up, down): (Vec<&Entry<'_>>, Vec<&Entry<'_>>) = self.changed.iter().partition(|c| c.escalates);
        if !up.is_empty() {
            out.push_str("### Escalations\n\n");
            for c in up.iter().take(limit) {
                out.push_str(&markdown_entry(c));
            }
            if let Some(m) = more(up.len(), limit) {
                line(&mut out, format_args!("- {m}"));
            }
            out.push('\n');
        }
        let added: Vec<&str> = self.added_with_access().collect();
        if !added.is_empty() {
            out.push_str("### New users with access\n\n");
            for u in added.iter().take(limit) {
                line(&mut out, format_args!("- {}", markdown_name(u)));
            }
            if let Some(m) = more(added.len(), limit) {
                line(&mut out, format_args!("- {m}"));
            }
            out.push('\n');
        }
        if !down.is_empty() {
            line(
                &mut out,
                format_args!("<details><summary>Reductions ({})</summary>\n", down.len()),
            );
            for c in down.iter().take(limit) {
                out.push_str(&markdown_entry(c));
            }
            if let Some(m) = more(down.len(), limit) {
                line(&mut out, format_args!("- {m}"));
            }
            out.push_str("\n</details>\n");
        }
        if !self.removed.is_empty() {
            line(
                &mut out,
                format_args!(
                    "\n<details><summary>Removed users ({})</summary>\n",
                    self.removed.len()
                ),
            );
            for u in self.removed.iter().take(limit) {
                line(&mut out, format_args!("- {}", markdown_name(u)));
            }
            if let Some(m) = more(self.removed.len(), limit) {
                line(&mut out, format_args!("- {m}"));
            }
            out.push_str("\n</details>\n");
        }
        out
    }

    /// The review as JSON, one shape for exports and documents (whose one
    /// change has `user: null`): every entry, none cut.
    fn to_value(&self) -> Value {
        let level =
            |l: &&LevelChange| json!({"id": l.id, "before": l.before.as_str(), "after": l.after.as_str()});
        let changed: Vec<Value> = self
            .changed
            .iter()
            .map(|c| {
                json!({
                    "user": c.user,
                    "escalates": c.escalates,
                    "summary": c.summary,
                    "role": c.role.map(|(a, b)| json!({"before": a.as_str(), "after": b.as_str()})),
                    "capabilities": c.capabilities.iter().map(|m| json!({
                        "name": m.name,
                        "clusters": m.clusters.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                        "direction": if m.gained { "escalation" } else { "reduction" },
                    })).collect::<Vec<_>>(),
                    "escalations": c.escalations.iter().map(level).collect::<Vec<_>>(),
                    "reductions": c.reductions.iter().map(level).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "escalations": self.escalations(),
            "changed": changed,
            "added": self.added.iter().map(|(u, a)| json!({"user": u, "access": a})).collect::<Vec<_>>(),
            "removed": self.removed,
        })
    }
}

/// A name in Markdown: quoted and escaped as in a message, then the
/// Markdown rule ([`message_markdown`]).
fn markdown_name(name: &str) -> String {
    message_markdown(&shown(name).to_string())
}

/// One change in Markdown: who and the summary in one line, each capability
/// with its clusters, then the level rows (folded under a role change that
/// moves more than three).
fn markdown_entry(c: &Entry<'_>) -> String {
    let who = c.user.map_or_else(|| "the document".to_string(), markdown_name);
    let mut out = String::new();
    line(
        &mut out,
        format_args!("- **{who}**: {}", message_markdown(&c.summary)),
    );
    for m in &c.capabilities {
        let verb = if m.gained { "**gains**" } else { "loses" };
        line(
            &mut out,
            format_args!(
                "  - {verb} capability {} ({})",
                markdown_name(m.name),
                m.clusters()
            ),
        );
    }
    let rows: Vec<String> = c
        .escalations
        .iter()
        .chain(&c.reductions)
        .map(|l| format!("  - {}: {} → {}\n", markdown_name(&l.id), l.before, l.after))
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

impl WorkspaceDiff {
    /// True when nothing differs: no user added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The diff on one cluster: each user's capability changes on `cluster`
    /// only, in the review order again (a user who gains a capability only
    /// on another cluster is no longer first). Every changed user stays: a
    /// user is changed by a role or a level, never by a capability alone.
    pub fn on_cluster(mut self, cluster: Cluster) -> WorkspaceDiff {
        for c in &mut self.changed {
            c.capabilities.retain(|m| m.cluster == cluster);
        }
        self.changed.sort_by_key(UserChange::review_group);
        self
    }

    /// The review as Markdown, for a pull-request comment or a CI summary:
    /// the verdict, the counts, the escalations (capability gains first),
    /// the new users with access, then the reductions and the removed users
    /// folded. Every list stops after `limit` entries with "and K more";
    /// every name is quoted and escaped ([`crate::message_markdown`]).
    pub fn to_markdown(&self, limit: usize) -> String {
        Review::of_workspaces(self).to_markdown(limit)
    }

    /// The review as JSON: `escalations` (users who gained access), then
    /// each changed user (`user`, `escalates`, `summary`, `role`, the
    /// capabilities grouped by name with their clusters and direction, the
    /// level `escalations` and `reductions`), `added` (`user`, `access`) and
    /// `removed`, in the review order, none cut.
    pub fn to_value(&self) -> Value {
        Review::of_workspaces(self).to_value()
    }
}

impl Diff {
    /// True when `b` grants more than `a`: a level up or a capability gained.
    pub fn escalates(&self) -> bool {
        self.escalations().next().is_some() || self.capabilities.iter().any(|c| c.after)
    }

    /// The comparison as plain text: the verdict, then the change in one
    /// line, each capability gained and level raised (`+`), each capability
    /// lost and level lowered (`-`). `nodes` is the catalog's node count;
    /// `cluster` the one compared on.
    pub fn to_text(&self, nodes: usize, cluster: Cluster) -> String {
        Review::of_documents(self, nodes, cluster).document_text()
    }

    /// The comparison as Markdown, the same review as
    /// [`WorkspaceDiff::to_markdown`] with the document as its one change.
    pub fn to_markdown(&self, nodes: usize, cluster: Cluster) -> String {
        Review::of_documents(self, nodes, cluster).to_markdown(usize::MAX)
    }

    /// The comparison as JSON, the shape of [`WorkspaceDiff::to_value`]
    /// with the document as its one change (`user` null).
    pub fn to_value(&self, nodes: usize, cluster: Cluster) -> Value {
        Review::of_documents(self, nodes, cluster).to_value()
    }
}
