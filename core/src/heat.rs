//! The heat table of a workspace, rendered once: users as rows, nodes as
//! columns grouped by area, each cell the user's effective level, then rows
//! counting the users at each level per node. The command line's report and
//! a notebook's view of a workspace show this same fragment.

use crate::render::{html_text, message_html};
use crate::vocab::Level;
use crate::workspace::Workspace;
use std::fmt::Write as _;

/// Rows of the heat table beyond which the rest are counted, not drawn.
pub const HEAT_ROWS: usize = 1000;

/// Problems of a lenient load listed above the table; the rest are counted.
const LISTED_PROBLEMS: usize = 10;

const HEAT_STYLE: &str = "<style>\
.sp-heat .scroll{overflow:auto;max-width:100%;max-height:70vh;border:1px solid #d1d5db}\
.sp-heat table{border-collapse:separate;border-spacing:0;font-family:ui-monospace,monospace;font-size:11px}\
.sp-heat thead th{position:sticky;top:0;z-index:2;background:#f9fafb}\
.sp-heat thead tr+tr th{top:1.7em}\
.sp-heat td.u,.sp-heat th.u{position:sticky;left:0;z-index:1;background:#fff;text-align:left;white-space:nowrap}\
.sp-heat thead th.u{z-index:3;background:#f9fafb}\
.sp-heat th,.sp-heat td{padding:1px 4px;border:1px solid #e5e7eb;text-align:center}\
.sp-heat th.n{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:400;max-height:9em}\
.sp-heat td.l0{background:#f3f4f6;color:#9ca3af}.sp-heat td.l1{background:#dbeafe;color:#1d4ed8}\
.sp-heat td.l2{background:#a7f3d0;color:#065f46;font-weight:600}\
.sp-heat tfoot td{background:#fffbeb;font-weight:600}.sp-heat li.p{color:#b45309}\
</style>";

impl Workspace {
    /// The heat table as an HTML fragment (inline style, no script), with
    /// at most `max_rows` user rows ("and K more users"; the counts below
    /// include every user) and the first problems of a lenient load.
    pub fn heat_html(&self, max_rows: usize) -> String {
        let nodes = self.catalog().nodes();
        let mut out = String::from("<div class=\"sp-heat\">");
        out.push_str(HEAT_STYLE);
        let problems = self.problems();
        let version = self
            .catalog()
            .version()
            .map(|v| format!(", catalog <code>{}</code>", html_text(v)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<p><b>Workspace</b>: {} users, {} problems{version}. Levels: \
             <span style=\"background:#a7f3d0;padding:0 4px\">E edit</span> \
             <span style=\"background:#dbeafe;padding:0 4px\">R read</span> \
             <span style=\"background:#f3f4f6;padding:0 4px\">\u{b7} none</span></p>",
            self.len(),
            problems.len()
        );
        if !problems.is_empty() {
            out.push_str("<ul>");
            for p in problems.iter().take(LISTED_PROBLEMS) {
                let _ = write!(
                    out,
                    "<li class=\"p\">{}{}</li>",
                    message_html(&p.to_string()),
                    if p.fatal { "" } else { " (loaded)" }
                );
            }
            if problems.len() > LISTED_PROBLEMS {
                let _ = write!(out, "<li>and {} more</li>", problems.len() - LISTED_PROBLEMS);
            }
            out.push_str("</ul>");
        }
        out.push_str("<div class=\"scroll\"><table><thead><tr>");
        out.push_str(
            "<th class=\"u\" rowspan=\"2\">user</th><th rowspan=\"2\">name</th><th rowspan=\"2\">role</th>",
        );
        let mut groups: Vec<(&str, usize)> = Vec::new();
        for n in nodes {
            match (n.parent(), groups.last_mut()) {
                (Some(_), Some(last)) => last.1 += 1,
                _ => groups.push((n.name(), 1)),
            }
        }
        for (name, span) in &groups {
            let _ = write!(out, "<th colspan=\"{span}\">{}</th>", html_text(name));
        }
        out.push_str("</tr><tr>");
        for n in nodes {
            let _ = write!(
                out,
                "<th class=\"n\" title=\"{}\">{}</th>",
                html_text(n.id()),
                html_text(n.name())
            );
        }
        out.push_str("</tr></thead><tbody>");
        for u in self.users().take(max_rows) {
            let _ = write!(
                out,
                "<tr><td class=\"u\">{}</td><td class=\"u\">{}</td><td>{}</td>",
                html_text(u.id()),
                html_text(u.name().unwrap_or("")),
                u.role().as_str()
            );
            for level in u.levels() {
                out.push_str(match level {
                    Level::None => "<td class=\"l0\">\u{b7}</td>",
                    Level::Read => "<td class=\"l1\">R</td>",
                    Level::Edit => "<td class=\"l2\">E</td>",
                });
            }
            out.push_str("</tr>");
        }
        let hidden = self.len().saturating_sub(max_rows);
        if hidden > 0 {
            let _ = write!(
                out,
                "<tr><td class=\"u\" colspan=\"{}\">\u{2026} and {hidden} more users (the counts below include every user)</td></tr>",
                nodes.len() + 3
            );
        }
        out.push_str("</tbody><tfoot>");
        let counts = self.counts();
        for (i, level) in [(2usize, "edit"), (1, "read"), (0, "none")] {
            let _ = write!(out, "<tr><td class=\"u\" colspan=\"3\">users at {level}</td>");
            for c in &counts {
                let _ = write!(out, "<td>{}</td>", c.get(i).copied().unwrap_or(0));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tfoot></table></div></div>");
        out
    }
}
