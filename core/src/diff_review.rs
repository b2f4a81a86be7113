//! The review of a workspace diff, rendered once: the HTML fragment that the
//! command line's report and a notebook both show, and the plain text of a
//! terminal. Changes come in the core's review order (capability or admin
//! gains, other escalations, reductions only); a role change is one entry
//! with its capabilities and clusters, its level rows folded; every list
//! stops after `limit` entries with "and K more".

use crate::diff::Direction;
use crate::render::{html_text, line, message_html, more};
use crate::shown::shown;
use crate::workspace::{UserChange, WorkspaceDiff};

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
        let mut out: Vec<(String, Direction, Vec<&str>)> = Vec::new();
        for c in &self.capabilities {
            match out.last_mut() {
                Some((name, direction, clusters)) if *name == c.name && *direction == c.direction => {
                    clusters.push(c.cluster.as_str());
                }
                _ => out.push((c.name.clone(), c.direction, vec![c.cluster.as_str()])),
            }
        }
        out.into_iter()
            .map(|(name, direction, clusters)| {
                let verb = if direction == Direction::Escalation {
                    "gains"
                } else {
                    "loses"
                };
                format!("{verb} {} ({})", shown(&name), clusters.join(", "))
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

    fn added_entries(&self, limit: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .added
            .iter()
            .take(limit)
            .map(|u| {
                let access = self.added_with_access.contains(u);
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
