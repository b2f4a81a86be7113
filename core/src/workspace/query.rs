//! The questions a review asks of a workspace: who may do what, who holds a
//! capability, how many users are at each level, stored levels that play no
//! part, and how each member compares with the catalog's presets.

use super::storage::{User, Workspace};
use crate::access::AccessSet;
use crate::diff::LevelChange;
use crate::error::Result;
use crate::vocab::{ActionArg, ClusterArg, Level, Role};

/// How a member's access compares with the catalog's presets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetMatch {
    /// The user.
    pub user: String,
    /// The preset equal to the user's access, or the nearest one.
    pub preset: String,
    /// True when equal: every node's effective level is the same.
    pub exact: bool,
    /// What differs from the preset to the user, in catalog order.
    pub differences: Vec<LevelChange>,
}

impl Workspace {
    /// The users who may do `action` on `id`, in export order.
    pub fn who_can(&self, id: &str, action: impl ActionArg) -> Result<Vec<User<'_>>> {
        let column = self.catalog().index_of(id)?;
        let required = action.into_action()?.required();
        Ok(self
            .level_rows()
            .enumerate()
            .filter(|(_, row)| row.get(column).is_some_and(|&l| l >= required))
            .filter_map(|(index, _)| self.user_at(index))
            .collect())
    }

    /// The users who hold a capability on a cluster, in export order.
    pub fn who_has(&self, capability: &str, cluster: impl ClusterArg) -> Result<Vec<User<'_>>> {
        let capability = self.catalog().capability(capability)?;
        let cluster = cluster.into_cluster()?;
        Ok(self
            .users()
            .filter(|u| capability.holds(u.role(), cluster))
            .collect())
    }

    /// For each node in catalog order, how many users are at `none`, `read`, `edit`.
    pub fn counts(&self) -> Vec<[usize; 3]> {
        let n = self.catalog().len();
        let mut counts = vec![[0usize; 3]; n];
        for row in self.level_rows() {
            for (count, level) in counts.iter_mut().zip(row) {
                if let Some(c) = count.get_mut(*level as usize) {
                    *c += 1;
                }
            }
        }
        counts
    }

    /// Members with stored levels that play no part because an ancestor is
    /// `none`: for each, the dormant ids in catalog order.
    pub fn dormant(&self) -> Vec<(User<'_>, Vec<&str>)> {
        self.users()
            .filter(|u| u.role() == Role::Member)
            .filter_map(|u| {
                let stored = u.stored_row();
                let levels = u.levels();
                let ids: Vec<&str> = self
                    .catalog()
                    .nodes()
                    .iter()
                    .enumerate()
                    .filter(|(i, node)| {
                        stored.get(*i).copied().flatten().is_some()
                            && node.parent().and_then(|p| levels.get(p)) == Some(&Level::None)
                    })
                    .map(|(_, node)| node.id())
                    .collect();
                (!ids.is_empty()).then_some((u, ids))
            })
            .collect()
    }

    /// For each member, the preset its effective levels equal, or the nearest
    /// (fewest nodes differing; the first in catalog order on a tie) with what
    /// differs. Admins are left out: presets are of role `member`. Empty when
    /// the catalog has no presets.
    pub fn preset_matches(&self) -> Vec<PresetMatch> {
        let presets: Vec<(&str, AccessSet)> = self
            .catalog()
            .presets()
            .iter()
            .filter_map(|p| Some((p.name(), AccessSet::preset(self.catalog(), p.name()).ok()?)))
            .collect();
        self.users()
            .filter(|u| u.role() == Role::Member)
            .filter_map(|u| {
                let levels = u.levels();
                let differing = |p: &AccessSet| p.levels().iter().zip(levels).filter(|(a, b)| a != b).count();
                let (name, preset) = presets.iter().min_by_key(|(_, p)| differing(p))?;
                let differences: Vec<LevelChange> = self
                    .catalog()
                    .nodes()
                    .iter()
                    .zip(preset.levels().iter().zip(levels))
                    .filter(|(_, (before, after))| before != after)
                    .map(|(node, (&before, &after))| LevelChange::new(node.id(), before, after))
                    .collect();
                Some(PresetMatch {
                    user: u.id().to_string(),
                    preset: name.to_string(),
                    exact: differences.is_empty(),
                    differences,
                })
            })
            .collect()
    }
}
