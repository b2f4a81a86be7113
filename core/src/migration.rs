//! Catalog migrations (docs/reference.md#catalog-migrations): moving stored
//! documents from one navigation (the source catalog) to a reorganized one
//! (the target catalog) without anyone gaining access, and saying whose
//! access shrank and why.
//!
//! A migration is a map from each source id to the target ids that now hold
//! its content. Applying it to a set computes, per target node, the lowest
//! level any of its sources had (`want`), the level a container needs to let
//! its migrated children through (`need`), and the level it finally gets
//! (`new`, never above its new parent), then stores the smallest document
//! that gives exactly `new`.

use crate::access::AccessSet;
use crate::catalog::{Catalog, Node};
use crate::error::{within_limit, Error, Result};
use crate::json::{self, Json};
use crate::limits;
use crate::resolve;
use crate::shown::shown;
use crate::suggest::Budget;
use crate::vocab::{Level, Role};
use crate::workspace::Workspace;
use std::fmt;
use std::sync::Arc;

/// Why a source id's content ended below the level it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cause {
    /// It was merged with content that had a lower level.
    Merged,
    /// Its new parent has a lower level.
    Clamped,
}

impl Cause {
    /// The wire name: `merged` or `clamped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Merged => "merged",
            Cause::Clamped => "clamped",
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One source id whose content has a lower level after the migration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reduction {
    /// The source id.
    pub id: String,
    /// Why.
    pub cause: Cause,
    /// Its effective level before.
    pub before: Level,
    /// The lowest level any of its targets has after.
    pub after: Level,
    /// The first target (in target catalog order) at that level.
    pub target: String,
    /// For `merged`: the first source (in source catalog order) of that
    /// target with the lower level. For `clamped`: the target's parent.
    pub by: String,
    /// The level of `by`: the other source's level before, or the parent's
    /// level after.
    pub by_level: Level,
}

impl Reduction {
    /// The reduction as a JSON object: `{"id", "cause", "before", "after",
    /// "target", "by", "by_level", "reason"}` (`reason` is [`Reduction::describe`]).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "cause": self.cause.as_str(),
            "before": self.before.as_str(),
            "after": self.after.as_str(),
            "target": self.target,
            "by": self.by,
            "by_level": self.by_level.as_str(),
            "reason": self.describe(),
        })
    }

    /// The cause in words, for a reviewer: ``merged into `channels.chat`
    /// with `widgets` (none)`` or ``clamped under `build` (read)``.
    pub fn describe(&self) -> String {
        match self.cause {
            Cause::Merged => format!(
                "merged into {} with {} ({})",
                shown(&self.target),
                shown(&self.by),
                self.by_level
            ),
            Cause::Clamped => format!(
                "moved to {} under {} ({})",
                shown(&self.target),
                shown(&self.by),
                self.by_level
            ),
        }
    }
}

impl fmt::Display for Reduction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} -> {}: {}",
            shown(&self.id),
            self.before,
            self.after,
            self.describe()
        )
    }
}

/// One set migrated: the set on the target catalog and what happened to it.
#[derive(Debug, Clone)]
pub struct Migrated {
    access: AccessSet,
    reductions: Vec<Reduction>,
    dropped: Vec<String>,
    opened: Vec<String>,
}

impl Migrated {
    /// The migrated set, on the target catalog (strict, no warnings).
    pub fn access(&self) -> &AccessSet {
        &self.access
    }

    /// The migrated set, by value.
    pub fn into_access(self) -> AccessSet {
        self.access
    }

    /// Source ids whose content is now at a lower level, in source order.
    pub fn reductions(&self) -> &[Reduction] {
        &self.reductions
    }

    /// Source ids mapped to nothing that the user could see (`old` above
    /// `none`), in source order.
    pub fn dropped(&self) -> &[String] {
        &self.dropped
    }

    /// Target ids with no source that the user now sees (a new container
    /// opened to let migrated sub-sections through), in target order.
    pub fn opened(&self) -> &[String] {
        &self.opened
    }

    /// True when the user lost nothing: no reduction and nothing dropped.
    pub fn keeps_everything(&self) -> bool {
        self.reductions.is_empty() && self.dropped.is_empty()
    }
}

/// One user who loses something in a workspace migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserLoss {
    /// The user's id.
    pub user: String,
    /// Source ids now at a lower level, in source order, with their causes.
    pub reductions: Vec<Reduction>,
    /// Source ids the user could see that are mapped to nothing.
    pub dropped: Vec<String>,
}

/// What a workspace migration did, for the reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// The source catalog's version, if it has one.
    pub from: Option<String>,
    /// The target catalog's version, if it has one.
    pub to: Option<String>,
    /// Users migrated.
    pub users: usize,
    /// Users who lose something (a reduction or dropped content), in export order.
    pub losses: Vec<UserLoss>,
    /// Per source id mapped to nothing: how many users could see it, in
    /// source order; ids nobody could see are left out.
    pub dropped: Vec<(String, usize)>,
    /// Per target id with no source: how many users it was opened for, in
    /// target order; ids opened for nobody are left out.
    pub opened: Vec<(String, usize)>,
}

impl MigrationReport {
    /// Users who keep every level they had (nothing reduced or dropped).
    pub fn unchanged(&self) -> usize {
        self.users - self.losses.len()
    }

    /// The report as one JSON value, the shape every language and the
    /// command line hand on:
    /// `{"from", "to", "users", "unchanged", "losses": [{"user", "reductions": [{"id",
    /// "cause", "before", "after", "target", "by", "by_level", "reason"}],
    /// "dropped"}], "dropped": [{"id", "users"}], "opened": [{"id", "users"}]}`.
    pub fn to_value(&self) -> serde_json::Value {
        self.to_value_within(usize::MAX)
    }

    /// [`MigrationReport::to_value`] with at most `limit` users in `losses`
    /// and at most `limit` entries in `dropped` and `opened`; each cut list
    /// is followed by a count of what was left out (`more_losses`,
    /// `more_dropped`, `more_opened`, present only when non-zero), so a
    /// rendering of any workspace stays small.
    pub fn to_value_within(&self, limit: usize) -> serde_json::Value {
        let counts = |list: &[(String, usize)]| -> serde_json::Value {
            list.iter()
                .take(limit)
                .map(|(id, users)| serde_json::json!({"id": id, "users": users}))
                .collect()
        };
        let mut value = serde_json::json!({
            "from": self.from,
            "to": self.to,
            "users": self.users,
            "unchanged": self.unchanged(),
            "losses": self.losses.iter().take(limit).map(|loss| serde_json::json!({
                "user": loss.user,
                "reductions": loss.reductions.iter().map(Reduction::to_value).collect::<Vec<_>>(),
                "dropped": loss.dropped,
            })).collect::<Vec<_>>(),
            "dropped": counts(&self.dropped),
            "opened": counts(&self.opened),
        });
        for (key, total) in [
            ("more_losses", self.losses.len()),
            ("more_dropped", self.dropped.len()),
            ("more_opened", self.opened.len()),
        ] {
            if total > limit {
                value[key] = serde_json::Value::from(total - limit);
            }
        }
        value
    }
}

/// A migrated workspace and its report.
#[derive(Debug, Clone)]
pub struct WorkspaceMigration {
    /// The users on the target catalog, in export order.
    pub workspace: Workspace,
    /// What happened to them.
    pub report: MigrationReport,
}

/// A loaded migration from a source catalog to a target catalog.
#[derive(Debug, Clone)]
pub struct Migration {
    source: Arc<Catalog>,
    target: Arc<Catalog>,
    /// Per source node, its target nodes in target order.
    targets: Vec<Vec<u32>>,
    /// Per target node, its source nodes in source order.
    sources: Vec<Vec<u32>>,
}

fn fault(path: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidMigration {
        path: path.into(),
        reason: reason.into(),
    }
}

fn did_you_mean(catalog: &Catalog, id: &str, budget: &mut Budget) -> String {
    match catalog.unknown_area_within(id, budget) {
        Error::UnknownArea {
            suggestion: Some(s), ..
        } => format!(": did you mean {}?", shown(&s)),
        _ => String::new(),
    }
}

impl Migration {
    /// Loads a migration's JSON text against its source and target catalogs.
    pub fn from_json(text: &str, source: &Arc<Catalog>, target: &Arc<Catalog>) -> Result<Migration> {
        within_limit("the migration", text.len(), limits::MAX_CATALOG_BYTES)?;
        let value = json::parse(text).map_err(|e| fault("", e.to_string()))?;
        Migration::from_tree(&value, source, target)
    }

    /// [`Migration::from_json`] from UTF-8 bytes.
    pub fn from_bytes(bytes: &[u8], source: &Arc<Catalog>, target: &Arc<Catalog>) -> Result<Migration> {
        let text = json::utf8(bytes).map_err(|e| fault("", e.to_string()))?;
        Migration::from_json(text, source, target)
    }

    /// The error for a host value that has no JSON text (a NaN, a cycle, an
    /// object that is not plain data): `invalid_migration` at `path`, worded
    /// as a document's. The bindings call this so every language says the same.
    pub fn unrepresentable(path: &str, what: &str) -> Error {
        match AccessSet::unrepresentable(path, what) {
            Error::InvalidDocument { path, reason } => Error::InvalidMigration { path, reason },
            other => other,
        }
    }

    /// Judges an already parsed value exactly as the JSON text it writes.
    pub fn from_value(
        value: &serde_json::Value,
        source: &Arc<Catalog>,
        target: &Arc<Catalog>,
    ) -> Result<Migration> {
        Migration::from_json(&value.to_string(), source, target)
    }

    fn from_tree(value: &Json, source: &Arc<Catalog>, target: &Arc<Catalog>) -> Result<Migration> {
        let Json::Object(fields) = value else {
            return Err(fault("", format!("expected an object, found {}", value.kind())));
        };
        let mut budget = Budget::document();
        let mut mapped: Vec<Option<Vec<u32>>> = vec![None; source.len()];
        for (key, value) in fields {
            match key.as_str() {
                "from" => check_version(value, "from", "source", source)?,
                "to" => check_version(value, "to", "target", target)?,
                "map" => read_map(value, source, target, &mut mapped, &mut budget)?,
                other => {
                    return Err(fault(
                        other,
                        format!("unknown field {}: expected `from`, `to` or `map`", shown(other)),
                    ))
                }
            }
        }
        let mut targets = Vec::with_capacity(source.len());
        for (node, mapped) in source.nodes().iter().zip(mapped) {
            let list = match mapped {
                Some(list) => list,
                None => match target.lookup(node.id()) {
                    Some(same) => vec![same as u32],
                    None => {
                        return Err(fault(
                            node.id(),
                            format!(
                            "{} has no home: the target catalog has no such id and `map` does not name it \
                                 (map it to ids of the target catalog, or to null to drop it){}",
                            shown(node.id()),
                            did_you_mean(target, node.id(), &mut budget)
                        ),
                        ))
                    }
                },
            };
            targets.push(list);
        }
        let mut sources = vec![Vec::new(); target.len()];
        for (a, list) in targets.iter().enumerate() {
            for &b in list {
                if let Some(s) = sources.get_mut(b as usize) {
                    s.push(a as u32);
                }
            }
        }
        Ok(Migration {
            source: source.clone(),
            target: target.clone(),
            targets,
            sources,
        })
    }

    /// The source catalog.
    pub fn source(&self) -> &Arc<Catalog> {
        &self.source
    }

    /// The target catalog.
    pub fn target(&self) -> &Arc<Catalog> {
        &self.target
    }

    /// The target nodes no source id maps to (new content, or a new
    /// container), in target order.
    pub fn nodes_without_source(&self) -> Vec<&Node> {
        self.target
            .nodes()
            .iter()
            .zip(&self.sources)
            .filter(|(_, s)| s.is_empty())
            .map(|(n, _)| n)
            .collect()
    }

    /// The source nodes whose content a target id now holds, in source order.
    pub fn sources(&self, target_id: &str) -> Result<Vec<&Node>> {
        let b = self.target.index_of(target_id)?;
        Ok(nodes_at(&self.source, self.sources.get(b)))
    }

    /// The target nodes that hold a source id's content, in target order
    /// (empty when it is dropped).
    pub fn targets(&self, source_id: &str) -> Result<Vec<&Node>> {
        let a = self.source.index_of(source_id)?;
        Ok(nodes_at(&self.target, self.targets.get(a)))
    }

    /// Whether some document could lose access by this migration (besides
    /// dropped content): a target with several sources (a merge), or a
    /// target under a node whose own sources need not be at least as high
    /// (a clamp). False means every mapped level is kept for everyone.
    pub fn can_reduce(&self) -> bool {
        self.sources.iter().any(|s| s.len() > 1) || self.clamp_possible()
    }

    /// A clamp needs a mapped `a → b` and an ancestor `p` of `b` with a
    /// source that is not `a` or an ancestor of `a` (only those are always
    /// at least as high as `a`).
    fn clamp_possible(&self) -> bool {
        self.targets.iter().enumerate().any(|(a, list)| {
            list.iter().any(|&b| {
                let mut p = self.target.node_at(b as usize).and_then(Node::parent);
                while let Some(at) = p {
                    let sources = self.sources.get(at).map_or(&[][..], Vec::as_slice);
                    if sources.iter().any(|&s| !self.is_ancestor_or_self(s as usize, a)) {
                        return true;
                    }
                    p = self.target.node_at(at).and_then(Node::parent);
                }
                false
            })
        })
    }

    fn is_ancestor_or_self(&self, ancestor: usize, node: usize) -> bool {
        self.source
            .node_at(ancestor)
            .is_some_and(|n| n.descendants(ancestor).contains(&node))
    }

    /// Migrates one set from the source catalog to the target catalog. The
    /// role is kept; an admin's stored levels are migrated like a member's.
    pub fn apply(&self, set: &AccessSet) -> Result<Migrated> {
        self.check_source(set.catalog(), "the access set")?;
        let row = self.migrate_row(set.stored_levels());
        let access = AccessSet::build(self.target.clone(), set.role(), row.stored, Vec::new());
        Ok(Migrated {
            access,
            reductions: row.reductions,
            dropped: row
                .dropped
                .iter()
                .map(|&a| self.source_id(a).to_string())
                .collect(),
            opened: row
                .opened
                .iter()
                .map(|&b| self.target_id(b).to_string())
                .collect(),
        })
    }

    /// Migrates every user of a workspace, in export order (ids, names,
    /// emails and roles kept), with the report a reviewer reads first.
    pub fn apply_workspace(&self, workspace: &Workspace) -> Result<WorkspaceMigration> {
        self.check_source(workspace.catalog(), "the workspace")?;
        let n = self.target.len();
        let mut stored = Vec::with_capacity(workspace.len() * n);
        let mut levels = Vec::with_capacity(workspace.len() * n);
        let mut dropped_count = vec![0usize; self.source.len()];
        let mut opened_count = vec![0usize; n];
        let mut losses = Vec::new();
        for user in workspace.users() {
            let row = self.migrate_row(user.stored_row());
            for &a in &row.dropped {
                if let Some(c) = dropped_count.get_mut(a) {
                    *c += 1;
                }
            }
            for &b in &row.opened {
                if let Some(c) = opened_count.get_mut(b) {
                    *c += 1;
                }
            }
            if !row.reductions.is_empty() || !row.dropped.is_empty() {
                losses.push(UserLoss {
                    user: user.id().to_string(),
                    reductions: row.reductions,
                    dropped: row
                        .dropped
                        .iter()
                        .map(|&a| self.source_id(a).to_string())
                        .collect(),
                });
            }
            match user.role() {
                Role::Admin => levels.extend(std::iter::repeat_n(Level::Edit, n)),
                Role::Member => levels.extend_from_slice(&row.new),
            }
            stored.extend_from_slice(&row.stored);
        }
        let counts = |catalog: &Catalog, counts: Vec<usize>| -> Vec<(String, usize)> {
            catalog
                .nodes()
                .iter()
                .zip(counts)
                .filter(|(_, c)| *c > 0)
                .map(|(node, c)| (node.id().to_string(), c))
                .collect()
        };
        let report = MigrationReport {
            from: self.source.version().map(str::to_string),
            to: self.target.version().map(str::to_string),
            users: workspace.len(),
            losses,
            dropped: counts(&self.source, dropped_count),
            opened: counts(&self.target, opened_count),
        };
        Ok(WorkspaceMigration {
            workspace: workspace.with_rows(self.target.clone(), stored, levels),
            report,
        })
    }

    /// `invalid_migration` unless `what` is judged against the source catalog.
    fn check_source(&self, catalog: &Catalog, what: &str) -> Result<()> {
        if *catalog == *self.source {
            Ok(())
        } else {
            Err(fault(
                "",
                format!("{what} is judged against another catalog than the migration's source"),
            ))
        }
    }

    fn source_id(&self, a: usize) -> &str {
        self.source.node_at(a).map_or("", Node::id)
    }

    fn target_id(&self, b: usize) -> &str {
        self.target.node_at(b).map_or("", Node::id)
    }

    /// One stored row migrated: the new stored row and levels, and the
    /// report's facts as positions.
    fn migrate_row(&self, stored: &[Option<Level>]) -> Row {
        let plan = self.plan(stored);
        let mut reductions = Vec::new();
        let mut dropped = Vec::new();
        for (a, node) in self.source.nodes().iter().enumerate() {
            let old = plan.old.get(a).copied().unwrap_or(Level::None);
            let list = self.targets.get(a).map_or(&[][..], Vec::as_slice);
            if list.is_empty() {
                if old > Level::None {
                    dropped.push(a);
                }
                continue;
            }
            if let Some(r) = self.reduction(&plan, node, old, list) {
                reductions.push(r);
            }
        }
        let mut opened = Vec::new();
        for (b, sources) in self.sources.iter().enumerate() {
            if sources.is_empty() && plan.new.get(b).is_some_and(|&l| l > Level::None) {
                opened.push(b);
            }
        }
        Row {
            stored: plan.stored,
            new: plan.new,
            reductions,
            dropped,
            opened,
        }
    }

    fn reduction(&self, plan: &Plan, node: &Node, old: Level, list: &[u32]) -> Option<Reduction> {
        let level_of = |b: u32| plan.new.get(b as usize).copied().unwrap_or(Level::None);
        let lowest = list.iter().map(|&b| level_of(b)).min()?;
        if lowest >= old {
            return None;
        }
        let b = list.iter().copied().find(|&b| level_of(b) == lowest)? as usize;
        let target = self.target.node_at(b)?;
        let want = plan.want.get(b).copied().flatten().unwrap_or(old);
        let (cause, by, by_level) = if want < old {
            let lower = self
                .sources
                .get(b)?
                .iter()
                .copied()
                .find(|&s| plan.old.get(s as usize) == Some(&want))?;
            (Cause::Merged, self.source.node_at(lower as usize)?.id(), want)
        } else {
            let parent = target.parent()?;
            let parent_level = plan.new.get(parent).copied().unwrap_or(Level::None);
            (Cause::Clamped, self.target.node_at(parent)?.id(), parent_level)
        };
        Some(Reduction {
            id: node.id().to_string(),
            cause,
            before: old,
            after: lowest,
            target: target.id().to_string(),
            by: by.to_string(),
            by_level,
        })
    }

    /// `old`, `want`, `need`, `new` and the stored document, per the rules
    /// in the module's documentation.
    fn plan(&self, stored: &[Option<Level>]) -> Plan {
        let old = resolve::member_levels(&self.source, stored);
        let nodes = self.target.nodes();
        let want: Vec<Option<Level>> = self
            .sources
            .iter()
            .map(|s| {
                s.iter()
                    .map(|&a| old.get(a as usize).copied().unwrap_or(Level::None))
                    .min()
            })
            .collect();
        // Children follow their parent in catalog order: a backward pass
        // sees every child's `need` before its parent's.
        let mut need: Vec<Level> = want.iter().map(|w| w.unwrap_or(Level::None)).collect();
        for (b, node) in nodes.iter().enumerate().rev() {
            let here = need.get(b).copied().unwrap_or(Level::None);
            if let Some(slot) = node.parent().and_then(|p| need.get_mut(p)) {
                *slot = (*slot).max(here);
            }
        }
        let mut new: Vec<Level> = Vec::with_capacity(nodes.len());
        let mut stored_new: Vec<Option<Level>> = Vec::with_capacity(nodes.len());
        for (b, node) in nodes.iter().enumerate() {
            let own = match want.get(b).copied().flatten() {
                Some(w) => w,
                None => need.get(b).copied().unwrap_or(Level::None),
            };
            let parent = node.parent().and_then(|p| new.get(p).copied());
            let level = own.min(parent.unwrap_or(Level::Edit));
            let store = match parent {
                None => level != Level::None,
                Some(p) => level != p,
            };
            new.push(level);
            stored_new.push(store.then_some(level));
        }
        Plan {
            old,
            want,
            new,
            stored: stored_new,
        }
    }
}

// The workspace's side of a migration lives here, above both: the workspace
// is loaded and queried without knowing that migrations exist.
impl Workspace {
    /// Every user moved to a migration's target catalog, in export order,
    /// with the report of who loses what (docs/reference.md#catalog-migrations).
    pub fn migrate(&self, migration: &Migration) -> Result<WorkspaceMigration> {
        migration.apply_workspace(self)
    }
}

/// The nodes of `catalog` at the positions listed, in that order.
fn nodes_at<'a>(catalog: &'a Catalog, positions: Option<&Vec<u32>>) -> Vec<&'a Node> {
    positions
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|&i| catalog.node_at(i as usize))
        .collect()
}

struct Row {
    stored: Vec<Option<Level>>,
    new: Vec<Level>,
    reductions: Vec<Reduction>,
    dropped: Vec<usize>,
    opened: Vec<usize>,
}

struct Plan {
    old: Vec<Level>,
    want: Vec<Option<Level>>,
    new: Vec<Level>,
    stored: Vec<Option<Level>>,
}

fn check_version(value: &Json, field: &str, which: &str, catalog: &Catalog) -> Result<()> {
    let Json::String(given) = value else {
        return Err(fault(
            field,
            format!("`{field}` must be a string, found {}", value.kind()),
        ));
    };
    match catalog.version() {
        Some(version) if version == given => Ok(()),
        Some(version) => Err(fault(
            field,
            format!(
                "`{field}` is {} but the {which} catalog's version is {}",
                shown(given),
                shown(version)
            ),
        )),
        None => Err(fault(
            field,
            format!(
                "`{field}` is {} but the {which} catalog has no version",
                shown(given)
            ),
        )),
    }
}

fn read_map(
    value: &Json,
    source: &Catalog,
    target: &Catalog,
    mapped: &mut [Option<Vec<u32>>],
    budget: &mut Budget,
) -> Result<()> {
    let Json::Object(entries) = value else {
        return Err(fault(
            "map",
            format!("`map` must be an object, found {}", value.kind()),
        ));
    };
    for (key, value) in entries {
        let Some(a) = source.lookup(key) else {
            return Err(fault(
                key.as_str(),
                format!(
                    "`map` names {}, which is not an id of the source catalog{}",
                    shown(key),
                    did_you_mean(source, key, budget)
                ),
            ));
        };
        let named: Vec<&str> = match value {
            Json::Null => Vec::new(),
            Json::String(id) => vec![id.as_str()],
            Json::Array(items) => {
                let mut ids = Vec::with_capacity(items.len());
                for item in items {
                    let Json::String(id) = item else {
                        return Err(fault(
                            key.as_str(),
                            format!(
                                "the targets of {} must be strings, found {}",
                                shown(key),
                                item.kind()
                            ),
                        ));
                    };
                    if ids.contains(&id.as_str()) {
                        return Err(fault(
                            key.as_str(),
                            format!("the targets of {} repeat {}", shown(key), shown(id)),
                        ));
                    }
                    ids.push(id.as_str());
                }
                ids
            }
            other => {
                return Err(fault(
                    key.as_str(),
                    format!(
                        "the target of {} must be an id, a list of ids or null, found {}",
                        shown(key),
                        other.kind()
                    ),
                ))
            }
        };
        let mut list = Vec::with_capacity(named.len());
        for id in named {
            let Some(b) = target.lookup(id) else {
                return Err(fault(
                    key.as_str(),
                    format!(
                        "{} maps to {}, which is not an id of the target catalog{}",
                        shown(key),
                        shown(id),
                        did_you_mean(target, id, budget)
                    ),
                ));
            };
            list.push(b as u32);
        }
        list.sort_unstable();
        if let Some(slot) = mapped.get_mut(a) {
            *slot = Some(list);
        }
    }
    Ok(())
}
