//! The review of a workspace migration, rendered once for every output: the
//! command line's text and Markdown, and the HTML fragment that the command
//! line's page and a notebook both show. Users who lose access come first,
//! each once, with every loss and its cause in words; then what was dropped
//! and what was opened. Every list stops after `limit` entries with
//! "and K more".

use crate::migration::{MigrationReport, UserLoss};
use crate::render::{line, message_html, message_markdown as md, more};
use crate::shown::shown;

/// Entries per list a review shows unless asked for all of them.
pub const REVIEW_LIMIT: usize = 200;

/// The words for a source id a user could see that the migration maps to
/// nothing, in every rendering of a loss (and Python's `to_pandas`).
pub const DROPPED_REASON: &str = "dropped (mapped to nothing)";

impl UserLoss {
    /// Each loss of this user as one line of words: ``
    /// `messaging` edit → none: merged into `channels.chat` with `widgets` (none)``,
    /// or `` `analytics.csat`: dropped (mapped to nothing)`` ([`DROPPED_REASON`]).
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .reductions
            .iter()
            .map(|r| format!("{} {} → {}: {}", shown(&r.id), r.before, r.after, r.describe()))
            .collect();
        out.extend(
            self.dropped
                .iter()
                .map(|id| format!("{}: {DROPPED_REASON}", shown(id))),
        );
        out
    }
}

impl MigrationReport {
    fn headline(&self) -> String {
        let version = |v: &Option<String>| {
            v.as_deref()
                .map_or("(no version)".to_string(), |v| shown(v).to_string())
        };
        let lose = self.losses.len();
        format!(
            "migration {} → {}: {} user{}, {} lose{} access, {} keep every level",
            version(&self.from),
            version(&self.to),
            self.users,
            if self.users == 1 { "" } else { "s" },
            lose,
            if lose == 1 { "s" } else { "" },
            self.unchanged()
        )
    }

    fn counts(list: &[(String, usize)], limit: usize) -> Vec<String> {
        let mut out: Vec<String> = list
            .iter()
            .take(limit)
            .map(|(id, n)| format!("{} ({} user{})", shown(id), n, if *n == 1 { "" } else { "s" }))
            .collect();
        out.extend(more(list.len(), limit));
        out
    }

    /// The review as plain text for a terminal or a CI log.
    pub fn to_text(&self, limit: usize) -> String {
        let mut out = String::new();
        line(&mut out, format_args!("{}", self.headline()));
        if !self.losses.is_empty() {
            line(&mut out, format_args!("\nusers who lose access:"));
            for loss in self.losses.iter().take(limit) {
                line(&mut out, format_args!("  {}", shown(&loss.user)));
                for l in loss.lines() {
                    line(&mut out, format_args!("    {l}"));
                }
            }
            if let Some(m) = more(self.losses.len(), limit) {
                line(&mut out, format_args!("  {m}"));
            }
        }
        if !self.dropped.is_empty() {
            line(
                &mut out,
                format_args!("\ndropped: {}", Self::counts(&self.dropped, limit).join(", ")),
            );
        }
        if !self.opened.is_empty() {
            line(
                &mut out,
                format_args!(
                    "\nopened to let migrated sub-sections through: {}",
                    Self::counts(&self.opened, limit).join(", ")
                ),
            );
        }
        out
    }

    /// The review as Markdown (a pull request comment, a CI summary).
    pub fn to_markdown(&self, limit: usize) -> String {
        let mut out = String::new();
        line(&mut out, format_args!("### {}", md(&self.headline())));
        if !self.losses.is_empty() {
            line(&mut out, format_args!("\n**Users who lose access**\n"));
            for loss in self.losses.iter().take(limit) {
                line(&mut out, format_args!("- {}", md(&shown(&loss.user).to_string())));
                for l in loss.lines() {
                    line(&mut out, format_args!("  - {}", md(&l)));
                }
            }
            if let Some(m) = more(self.losses.len(), limit) {
                line(&mut out, format_args!("- {m}"));
            }
        }
        if !self.dropped.is_empty() {
            line(
                &mut out,
                format_args!(
                    "\n**Dropped:** {}",
                    md(&Self::counts(&self.dropped, limit).join(", "))
                ),
            );
        }
        if !self.opened.is_empty() {
            line(
                &mut out,
                format_args!(
                    "\n**Opened** to let migrated sub-sections through: {}",
                    md(&Self::counts(&self.opened, limit).join(", "))
                ),
            );
        }
        out
    }

    /// The review as an HTML fragment (no script, no external resource): the
    /// same in the command line's page and in a notebook.
    pub fn to_html(&self, limit: usize) -> String {
        let mut out = String::from("<div class=\"sp-migration\">");
        out.push_str(&format!("<h3>{}</h3>", message_html(&self.headline())));
        if !self.losses.is_empty() {
            out.push_str("<h4>Users who lose access</h4><ul>");
            for loss in self.losses.iter().take(limit) {
                out.push_str(&format!(
                    "<li>{}<ul>",
                    message_html(&shown(&loss.user).to_string())
                ));
                for l in loss.lines() {
                    out.push_str(&format!("<li>{}</li>", message_html(&l)));
                }
                out.push_str("</ul></li>");
            }
            if let Some(m) = more(self.losses.len(), limit) {
                out.push_str(&format!("<li>{m}</li>"));
            }
            out.push_str("</ul>");
        }
        if !self.dropped.is_empty() {
            out.push_str(&format!(
                "<p><b>Dropped:</b> {}</p>",
                message_html(&Self::counts(&self.dropped, limit).join(", "))
            ));
        }
        if !self.opened.is_empty() {
            out.push_str(&format!(
                "<p><b>Opened</b> to let migrated sub-sections through: {}</p>",
                message_html(&Self::counts(&self.opened, limit).join(", "))
            ));
        }
        out.push_str("</div>");
        out
    }
}
