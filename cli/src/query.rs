//! `explain`, `who-can` and `who-has`: one question, the core's answer.

use crate::input;
use crate::markup::field;
use crate::{Fail, Outcome, CLEAN, FINDING};
use std::path::Path;
use std::sync::Arc;
use studio_permissions::{Catalog, User};

/// The decision, its reason and the chain from the root; exit 1 on a refusal.
pub(crate) fn explain(catalog: &Arc<Catalog>, doc: &Path, id: &str, action: &str) -> Result<Outcome, Fail> {
    let set = input::document(catalog, doc)?;
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

fn listed(users: &[User<'_>]) -> String {
    let mut out = String::new();
    for u in users {
        out.push_str(&field(u.id()));
        out.push('\n');
    }
    out
}

/// The users who may do `action` on `id`, one id a line, export order.
pub(crate) fn who_can(
    catalog: &Arc<Catalog>,
    export: &Path,
    id: &str,
    action: &str,
) -> Result<Outcome, Fail> {
    let workspace = input::export(catalog, export)?;
    let users = workspace.who_can(id, action)?;
    Ok(Outcome {
        stdout: listed(&users),
        code: CLEAN,
    })
}

/// The users who hold a capability on a cluster, one id a line, export order.
pub(crate) fn who_has(
    catalog: &Arc<Catalog>,
    export: &Path,
    capability: &str,
    cluster: &str,
) -> Result<Outcome, Fail> {
    let workspace = input::export(catalog, export)?;
    let users = workspace.who_has(capability, cluster)?;
    Ok(Outcome {
        stdout: listed(&users),
        code: CLEAN,
    })
}
