//! Comparing two access sets (docs/reference.md#diff and #within).

use crate::access::AccessSet;
use crate::error::Result;
use crate::vocab::{Cluster, ClusterArg, Level, Role};

/// Whether a node's level went up or down from `a` to `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `b` grants more than `a`.
    Escalation,
    /// `b` grants less than `a`.
    Reduction,
}

impl Direction {
    /// Both directions.
    pub const ALL: [Direction; 2] = [Direction::Escalation, Direction::Reduction];

    /// Its position in [`Direction::ALL`] (the declaration order): the code the
    /// bindings' vocabulary tables use. Total: every member has one.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// `escalation` or `reduction`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Escalation => "escalation",
            Direction::Reduction => "reduction",
        }
    }
}

/// A node whose effective level differs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LevelChange {
    /// The node.
    pub id: String,
    /// Its level in `a`.
    pub before: Level,
    /// Its level in `b`.
    pub after: Level,
    /// Up or down.
    pub direction: Direction,
}

impl LevelChange {
    pub(crate) fn new(id: &str, before: Level, after: Level) -> Self {
        LevelChange {
            id: id.to_string(),
            before,
            after,
            direction: if after > before {
                Direction::Escalation
            } else {
                Direction::Reduction
            },
        }
    }
}

/// A capability whose answer differs on the cluster compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CapabilityChange {
    /// The capability.
    pub name: String,
    /// Whether `a` holds it.
    pub before: bool,
    /// Whether `b` holds it.
    pub after: bool,
}

/// Everything that differs from `a` to `b`, each list in catalog order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diff {
    /// The nodes whose effective level differs.
    pub levels: Vec<LevelChange>,
    /// `(a's role, b's role)` when they differ.
    pub role: Option<(Role, Role)>,
    /// The capabilities whose answer differs on the cluster compared.
    pub capabilities: Vec<CapabilityChange>,
}

impl Diff {
    /// True when nothing differs.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty() && self.role.is_none() && self.capabilities.is_empty()
    }

    /// The nodes whose level is higher in `b`.
    pub fn escalations(&self) -> impl Iterator<Item = &LevelChange> {
        self.levels
            .iter()
            .filter(|c| c.direction == Direction::Escalation)
    }

    /// The nodes whose level is lower in `b`.
    pub fn reductions(&self) -> impl Iterator<Item = &LevelChange> {
        self.levels.iter().filter(|c| c.direction == Direction::Reduction)
    }

    /// The change in one line, for a reviewer: `member → admin: every area
    /// to edit; gains `users.manage`, `billing.manage``. `nodes` is the
    /// catalog's node count (to say "every area").
    pub fn summary(&self, nodes: usize) -> String {
        let gained: Vec<&str> = self
            .capabilities
            .iter()
            .filter(|c| c.after)
            .map(|c| c.name.as_str())
            .collect();
        let lost: Vec<&str> = self
            .capabilities
            .iter()
            .filter(|c| !c.after)
            .map(|c| c.name.as_str())
            .collect();
        summarize(self.role, &self.levels, nodes, &gained, &lost)
    }
}

/// One line that sums up a change: the role, the levels (every node to one
/// level, or how many went up and down), the capabilities gained and lost.
pub(crate) fn summarize(
    role: Option<(Role, Role)>,
    levels: &[LevelChange],
    nodes: usize,
    gained: &[&str],
    lost: &[&str],
) -> String {
    let mut parts = Vec::new();
    let first_after = levels.first().map(|c| c.after);
    let to_admin = matches!(role, Some((_, Role::Admin)));
    if to_admin && !levels.is_empty() {
        // An admin has `edit` on every node, whatever was stored.
        parts.push(format!("every area to {}", Level::Edit.as_str()));
    } else if !levels.is_empty()
        && levels.len() == nodes
        && levels.iter().all(|c| Some(c.after) == first_after)
    {
        if let Some(level) = first_after {
            parts.push(format!("every area to {}", level.as_str()));
        }
    } else {
        let up = levels
            .iter()
            .filter(|c| c.direction == Direction::Escalation)
            .count();
        let down = levels.len() - up;
        let plural = |n: usize| if n == 1 { "area" } else { "areas" };
        match (up, down) {
            (0, 0) => parts.push("no level changes".to_string()),
            (up, 0) => parts.push(format!("{up} {} up", plural(up))),
            (0, down) => parts.push(format!("{down} {} down", plural(down))),
            (up, down) => parts.push(format!("{up} {} up, {down} down", plural(up))),
        }
    }
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !gained.is_empty() {
        parts.push(format!("gains {}", quoted(gained)));
    }
    if !lost.is_empty() {
        parts.push(format!("loses {}", quoted(lost)));
    }
    let body = parts.join("; ");
    match role {
        Some((before, after)) => format!("{} \u{2192} {}: {body}", before.as_str(), after.as_str()),
        None => body,
    }
}

impl AccessSet {
    /// What changes from `self` to `other` on `cluster`. Both sets must be
    /// judged against the same catalog (`invalid_catalog` otherwise).
    pub fn diff(&self, other: &AccessSet, cluster: impl ClusterArg) -> Result<Diff> {
        self.same_catalog(other)?;
        let cluster = cluster.into_cluster()?;
        let levels = self
            .effective()
            .zip(other.levels().iter().copied())
            .filter(|((_, before), after)| before != after)
            .map(|((node, before), after)| LevelChange::new(node.id(), before, after))
            .collect();
        let role = (self.role() != other.role()).then_some((self.role(), other.role()));
        let capabilities = self
            .catalog()
            .capabilities()
            .iter()
            .filter_map(|c| {
                let before = c.holds(self.role(), cluster);
                let after = c.holds(other.role(), cluster);
                (before != after).then(|| CapabilityChange {
                    name: c.name().to_string(),
                    before,
                    after,
                })
            })
            .collect();
        Ok(Diff {
            levels,
            role,
            capabilities,
        })
    }

    /// True when `self` grants nothing that `other` does not: no node higher,
    /// no capability held on any cluster that `other` lacks there.
    pub fn within(&self, other: &AccessSet) -> Result<bool> {
        self.same_catalog(other)?;
        let nodes = self.levels().iter().zip(other.levels()).all(|(a, b)| a <= b);
        let capabilities = self.catalog().capabilities().iter().all(|c| {
            Cluster::ALL
                .iter()
                .all(|&cluster| !c.holds(self.role(), cluster) || c.holds(other.role(), cluster))
        });
        Ok(nodes && capabilities)
    }

    /// True when both sets grant exactly the same: the same effective level on
    /// every node and the same capabilities on every cluster, whatever each
    /// stores. `==` compares stored documents instead: an admin storing
    /// `knowledge: read` and one storing nothing differ, but have the same
    /// access. Both sets must be judged against the same catalog
    /// (`invalid_catalog` otherwise).
    pub fn same_access(&self, other: &AccessSet) -> Result<bool> {
        self.same_catalog(other)?;
        let capabilities = self.catalog().capabilities().iter().all(|c| {
            Cluster::ALL
                .iter()
                .all(|&cluster| c.holds(self.role(), cluster) == c.holds(other.role(), cluster))
        });
        Ok(self.levels() == other.levels() && capabilities)
    }
}
