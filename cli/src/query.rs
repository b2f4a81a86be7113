//! `explain`, `who-can` and `who-has`: one question, the core's answer.

use crate::input::{self, Kind};
use crate::markup::field;
use crate::{Fail, Outcome, CLEAN, FINDING};
use std::path::Path;
use std::sync::Arc;
use studio_permissions::{Catalog, Cluster, User};

/// The decision, its reason and the chain from the root; exit 1 on a
/// refusal. `doc` is an access document, or an export and `user` one of its
/// users.
pub(crate) fn explain(
    catalog: &Arc<Catalog>,
    doc: &Path,
    user: Option<&str>,
    id: &str,
    action: &str,
) -> Result<Outcome, Fail> {
    let loaded = input::load(doc)?;
    let set = match (user, loaded.kind) {
        (None, Kind::Document) => input::document_of(catalog, doc, loaded)?,
        (None, _) => {
            return Err(Fail::file(
                doc,
                "is an export: name one of its users with --user ID",
            ))
        }
        (Some(_), Kind::Document) => {
            return Err(Fail::file(
                doc,
                "is a single access document: --user needs an export",
            ))
        }
        (Some(user), _) => {
            let workspace = input::export_of(catalog, doc, loaded)?;
            let Some(found) = workspace.user(user) else {
                return Err(Fail::file(doc, format!("has no user `{}`", field(user))));
            };
            found.access()
        }
    };
    let e = set.explain(id, action)?;
    let mut out = format!("{}\n", field(&e.to_string()));
    out.push_str(&format!("role: {}\n", e.role.as_str()));
    out.push_str("chain:\n");
    let width = e.chain.iter().map(|l| l.id.chars().count()).max().unwrap_or(0);
    for link in &e.chain {
        let stored = link.stored.map_or("-", |l| l.as_str());
        out.push_str(&format!(
            "  {:width$}  stores {:4}  level {}\n",
            field(&link.id),
            stored,
            link.level.as_str()
        ));
    }
    Ok(Outcome {
        stdout: out,
        code: if e.allowed { CLEAN } else { FINDING },
    })
}

fn users_count(n: usize) -> String {
    format!("{n} user{}", if n == 1 { "" } else { "s" })
}

fn listed(users: &[User<'_>]) -> String {
    let mut out = String::new();
    for u in users {
        out.push_str(&field(u.id()));
        out.push('\n');
    }
    out
}

/// The users who may do `action` on `id`, one id a line, export order; a
/// note on stderr when there are none.
pub(crate) fn who_can(
    catalog: &Arc<Catalog>,
    export: &Path,
    id: &str,
    action: &str,
) -> Result<(Outcome, String), Fail> {
    let workspace = input::export(catalog, export)?;
    let users = workspace.who_can(id, action)?;
    let note = if !users.is_empty() {
        String::new()
    } else if workspace.is_empty() {
        "note: the export has no users\n".to_string()
    } else {
        format!(
            "note: none of the export's {} may {action} `{}`\n",
            users_count(workspace.len()),
            field(id)
        )
    };
    Ok((
        Outcome {
            stdout: listed(&users),
            code: CLEAN,
        },
        note,
    ))
}

/// The users who hold a capability on a cluster, one id a line, export
/// order; a hint on stderr when there are none for a reason the catalog
/// knows (the capability needs another cluster, or roles nobody has).
pub(crate) fn who_has(
    catalog: &Arc<Catalog>,
    export: &Path,
    capability: &str,
    cluster: &str,
) -> Result<(Outcome, String), Fail> {
    let workspace = input::export(catalog, export)?;
    let users = workspace.who_has(capability, cluster)?;
    let mut note = String::new();
    if users.is_empty() {
        let held = catalog.capability(capability)?;
        let asked = Cluster::parse(cluster)?;
        let name = field(capability);
        match held.clusters() {
            Some(clusters) if !clusters.contains(&asked) => {
                let names: Vec<&str> = clusters.iter().map(|c| c.as_str()).collect();
                let first = names.first().copied().unwrap_or_default();
                note = format!(
                    "hint: `{name}` is held only on the {} cluster{}, not on {}: try --cluster {first}\n",
                    names.join(", "),
                    if names.len() == 1 { "" } else { "s" },
                    asked.as_str(),
                );
            }
            _ => {
                let roles: Vec<&str> = held.roles().iter().map(|r| r.as_str()).collect();
                note = if workspace.is_empty() {
                    "note: the export has no users\n".to_string()
                } else if roles.is_empty() {
                    format!("note: no role holds `{name}`\n")
                } else {
                    format!(
                        "note: none of the export's {} holds `{name}` on {}: it belongs to the {} role{}\n",
                        users_count(workspace.len()),
                        asked.as_str(),
                        roles.join(", "),
                        if roles.len() == 1 { "" } else { "s" },
                    )
                };
            }
        }
    }
    Ok((
        Outcome {
            stdout: listed(&users),
            code: CLEAN,
        },
        note,
    ))
}
