//! `report EXPORT [--before EXPORT] -o FILE.html`: a standalone HTML access
//! review. Everything is inline (CSS, no script, no fonts, no images), so it
//! opens offline and can be attached to a ticket.

use crate::input;
use crate::markup::html;
use crate::{Fail, Outcome, CLEAN};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use studio_permissions::{Catalog, Cluster, Role, Workspace, WorkspaceDiff};

/// Rows of the heat table beyond which the rest are counted, not drawn.
pub const MAX_ROWS: usize = studio_permissions::HEAT_ROWS;

const STYLE: &str = "
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#111827}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #e5e7eb}
code{font-family:ui-monospace,monospace;font-size:12px}
.counts span{display:inline-block;margin-right:18px}
table{border-collapse:collapse;font-family:ui-monospace,monospace;font-size:11px}
th,td{padding:2px 6px;border:1px solid #e5e7eb;text-align:left}
details{margin:2px 0 6px 18px}
";

pub(crate) fn run(
    catalog: &Arc<Catalog>,
    export: &Path,
    before: Option<&Path>,
    output: &Path,
) -> Result<Outcome, Fail> {
    let workspace = input::export(catalog, export)?;
    let review = match before {
        Some(path) => {
            let earlier = input::export(catalog, path)?;
            Some(earlier.diff(&workspace)?)
        }
        None => None,
    };
    let page = render(&workspace, &export.display().to_string(), review.as_ref());
    std::fs::write(output, page).map_err(|e| Fail::file(output, format!("cannot be written ({e})")))?;
    Ok(Outcome {
        stdout: format!(
            "wrote {} ({} users)\n",
            crate::markup::field(&output.display().to_string()),
            workspace.len()
        ),
        code: CLEAN,
    })
}

fn render(w: &Workspace, source: &str, review: Option<&WorkspaceDiff>) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>Access review: {}</title><style>{STYLE}</style></head><body>",
        html(source)
    );
    let admins: Vec<&str> = w
        .users()
        .filter(|u| u.role() == Role::Admin)
        .map(|u| u.id())
        .collect();
    let _ = write!(
        page,
        "<h1>Access review: <code>{}</code></h1><p class=\"counts\"><span id=\"users\">{} users</span>\
         <span id=\"admins\">{} admins</span><span>catalog {}</span></p>",
        html(source),
        w.len(),
        admins.len(),
        html(w.catalog().version().unwrap_or("(no version)"))
    );
    if let Some(r) = review {
        changes(&mut page, r);
    }
    holders(&mut page, w, &admins);
    heat(&mut page, w);
    dormant(&mut page, w);
    presets(&mut page, w);
    page.push_str("</body></html>\n");
    page
}

fn changes(page: &mut String, d: &WorkspaceDiff) {
    page.push_str("<section id=\"changes\"><h2>What changed</h2>");
    page.push_str(&d.to_html(studio_permissions::REVIEW_LIMIT));
    page.push_str("</section>");
}

fn holders(page: &mut String, w: &Workspace, admins: &[&str]) {
    page.push_str("<section id=\"holders\"><h2>Admins and capability holders</h2>");
    let listed = |ids: &[&str]| -> String {
        let shown: Vec<String> = ids
            .iter()
            .take(200)
            .map(|u| format!("<code>{}</code>", html(u)))
            .collect();
        let more = ids.len().saturating_sub(200);
        format!(
            "{}{}",
            shown.join(", "),
            if more > 0 {
                format!(" \u{2026} and {more} more")
            } else {
                String::new()
            }
        )
    };
    let _ = write!(
        page,
        "<p><b>Admins ({})</b>: {}</p>",
        admins.len(),
        listed(admins)
    );
    page.push_str("<table><tr><th>capability</th><th>cluster</th><th>holders</th></tr>");
    for c in w.catalog().capabilities() {
        for cluster in Cluster::ALL {
            let ids: Vec<&str> = w
                .who_has(c.name(), cluster)
                .map(|users| users.iter().map(|u| u.id()).collect())
                .unwrap_or_default();
            let _ = write!(
                page,
                "<tr><td><code>{}</code></td><td>{}</td><td>{} {}</td></tr>",
                html(c.name()),
                cluster.as_str(),
                ids.len(),
                if ids.len() <= 20 {
                    listed(&ids)
                } else {
                    String::new()
                }
            );
        }
    }
    page.push_str("</table></section>");
}

fn heat(page: &mut String, w: &Workspace) {
    page.push_str("<section id=\"heat\"><h2>Who sees what</h2>");
    page.push_str(&w.heat_html(MAX_ROWS));
    page.push_str("</section>");
}

fn dormant(page: &mut String, w: &Workspace) {
    let dormant = w.dormant();
    let _ = write!(
        page,
        "<section id=\"dormant\"><h2>Dormant overrides ({})</h2>\
         <p>Sub-sections a member stores under a parent at none: hidden today, back if the parent is raised.</p><ul>",
        dormant.len()
    );
    for (user, ids) in dormant.iter().take(MAX_ROWS) {
        let ids: Vec<String> = ids.iter().map(|i| format!("<code>{}</code>", html(i))).collect();
        let _ = write!(
            page,
            "<li><code>{}</code>: {}</li>",
            html(user.id()),
            ids.join(", ")
        );
    }
    page.push_str("</ul></section>");
}

fn presets(page: &mut String, w: &Workspace) {
    let matches = w.preset_matches();
    let exact = matches.iter().filter(|m| m.exact).count();
    let _ = write!(
        page,
        "<section id=\"presets\"><h2>Preset matches</h2><p>{exact} of {} members match a preset exactly.</p>\
         <table><tr><th>preset</th><th>exact</th><th>nearest, differing</th></tr>",
        matches.len()
    );
    for p in w.catalog().presets() {
        let on = matches.iter().filter(|m| m.preset == p.name());
        let (exact, near) = on.fold((0, 0), |(e, n), m| if m.exact { (e + 1, n) } else { (e, n + 1) });
        let _ = write!(
            page,
            "<tr><td><code>{}</code></td><td>{exact}</td><td>{near}</td></tr>",
            html(p.name())
        );
    }
    page.push_str("</table></section>");
}
