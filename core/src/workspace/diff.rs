//! Two snapshots of a workspace compared: who was added, removed, and whose
//! role, levels or capabilities changed, in the order a reviewer reads them.

use super::storage::{User, Workspace};
use crate::catalog::Catalog;
use crate::diff::{Direction, LevelChange};
use crate::error::{Error, Result};
use crate::vocab::{Cluster, Level, Role};
use rustc_hash::{FxHashMap, FxHashSet};

/// A capability whose answer changed on one cluster: gained is an
/// escalation, lost a reduction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClusterCapabilityChange {
    /// The capability.
    pub name: String,
    /// The cluster on which the answer changed.
    pub cluster: Cluster,
    /// Whether the user held it before.
    pub before: bool,
    /// Whether the user holds it after.
    pub after: bool,
    /// Gained (escalation) or lost (reduction).
    pub direction: Direction,
}

/// One user whose access changed between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChange {
    /// The user.
    pub user: String,
    /// `(before, after)` when the role changed.
    pub role: Option<(Role, Role)>,
    /// Nodes whose level went up, in catalog order.
    pub escalations: Vec<LevelChange>,
    /// Nodes whose level went down, in catalog order.
    pub reductions: Vec<LevelChange>,
    /// Capabilities whose answer changed, on every cluster: capabilities in
    /// catalog order, each on its clusters in the order `standard`, `enterprise`.
    pub capabilities: Vec<ClusterCapabilityChange>,
}

impl UserChange {
    /// True when the user gained anything: a level or a capability.
    pub fn escalates(&self) -> bool {
        !self.escalations.is_empty()
            || self
                .capabilities
                .iter()
                .any(|c| c.direction == Direction::Escalation)
    }

    /// The group a reviewer reads this change in, which orders a workspace
    /// diff: 0 when the user gains a capability (on any cluster) or the
    /// admin role, 1 for any other escalation, 2 for reductions only.
    pub fn review_group(&self) -> u8 {
        let promoted = matches!(self.role, Some((_, Role::Admin)));
        let gains = self
            .capabilities
            .iter()
            .any(|c| c.direction == Direction::Escalation);
        if promoted || gains {
            0
        } else if self.escalates() {
            1
        } else {
            2
        }
    }

    /// The capabilities gained on some cluster, each name once, catalog order.
    pub fn capabilities_gained(&self) -> Vec<&str> {
        self.capability_names(Direction::Escalation)
    }

    /// The capabilities lost on some cluster, each name once, catalog order.
    pub fn capabilities_lost(&self) -> Vec<&str> {
        self.capability_names(Direction::Reduction)
    }

    /// The change in one line, for a reviewer (see [`crate::Diff::summary`]);
    /// `nodes` is the catalog's node count.
    pub fn summary(&self, nodes: usize) -> String {
        let levels: Vec<LevelChange> = self.escalations.iter().chain(&self.reductions).cloned().collect();
        let (gained, lost) = (self.capabilities_gained(), self.capabilities_lost());
        crate::diff::summarize(self.role, &levels, nodes, &gained, &lost)
    }

    fn capability_names(&self, direction: Direction) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for c in self.capabilities.iter().filter(|c| c.direction == direction) {
            if names.last() != Some(&c.name.as_str()) {
                names.push(&c.name);
            }
        }
        names
    }
}

/// Every capability whose answer differs between two roles, on every cluster.
fn capability_changes(catalog: &Catalog, before: Role, after: Role) -> Vec<ClusterCapabilityChange> {
    let mut out = Vec::new();
    if before == after {
        return out;
    }
    for capability in catalog.capabilities() {
        for cluster in Cluster::ALL {
            let (was, now) = (
                capability.holds(before, cluster),
                capability.holds(after, cluster),
            );
            if was != now {
                out.push(ClusterCapabilityChange {
                    name: capability.name().to_string(),
                    cluster,
                    before: was,
                    after: now,
                    direction: if now {
                        Direction::Escalation
                    } else {
                        Direction::Reduction
                    },
                });
            }
        }
    }
    out
}

/// What changed between two snapshots of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceDiff {
    /// Users only in the later snapshot, in its order.
    pub added: Vec<String>,
    /// The added users who have any access (an admin, or a level above
    /// `none` somewhere), in the later snapshot's order.
    pub added_with_access: Vec<String>,
    /// Users only in the earlier snapshot, in its order.
    pub removed: Vec<String>,
    /// Users whose role or levels changed, in the review order: those who
    /// gain a capability or the admin role, then other escalations, then
    /// reductions only ([`UserChange::review_group`]); each group in the
    /// later snapshot's order.
    pub changed: Vec<UserChange>,
    /// The catalog's node count (a summary says "every area" against it).
    pub nodes: usize,
}

impl Workspace {
    /// What changed from `before` (`self`) to `after`. Both must share a catalog.
    pub fn diff(&self, after: &Workspace) -> Result<WorkspaceDiff> {
        if self.catalog() != after.catalog() {
            return Err(Error::catalog(
                "",
                "the two workspaces are judged against different catalogs",
            ));
        }
        let before_index: FxHashMap<&str, usize> = self.users().map(|u| (u.id(), u.index())).collect();
        let after_ids: FxHashSet<&str> = after.users().map(|u| u.id()).collect();
        let new_users: Vec<User<'_>> = after
            .users()
            .filter(|u| !before_index.contains_key(u.id()))
            .collect();
        let added = new_users.iter().map(|u| u.id().to_string()).collect();
        let added_with_access = new_users
            .iter()
            .filter(|u| u.role() == Role::Admin || u.levels().iter().any(|&l| l > Level::None))
            .map(|u| u.id().to_string())
            .collect();
        let removed = self
            .users()
            .filter(|u| !after_ids.contains(u.id()))
            .map(|u| u.id().to_string())
            .collect();
        let mut changed = Vec::new();
        for now in after.users() {
            let Some(&index) = before_index.get(now.id()) else {
                continue;
            };
            let Some(was) = self.user_at(index) else {
                continue;
            };
            let Ok(d) = was.access().diff(&now.access(), Cluster::Standard) else {
                continue;
            };
            if d.levels.is_empty() && d.role.is_none() {
                continue;
            }
            let change = UserChange {
                user: now.id().to_string(),
                role: d.role,
                escalations: d.escalations().cloned().collect(),
                reductions: d.reductions().cloned().collect(),
                capabilities: capability_changes(self.catalog(), was.role(), now.role()),
            };
            changed.push(change);
        }
        // The review order: capability or admin gains, other escalations,
        // reductions only; the later snapshot's order within each (stable).
        changed.sort_by_key(UserChange::review_group);
        Ok(WorkspaceDiff {
            added,
            added_with_access,
            removed,
            changed,
            nodes: self.catalog().len(),
        })
    }
}
