//! `AccessSet`: the compiled, immutable permissions of one user.
//!
//! It keeps what the document stores (for changes and the canonical text) and
//! the effective level of every node (for checks), both indexed by catalog
//! order, so a check is one hash of the id and one array read.

use crate::catalog::{Catalog, Node, NodeHandle};
use crate::document;
use crate::document::warning::{Warning, Warnings};
use crate::document::{entries, fast_path};
use crate::error::{within_limit, Error, Result};
use crate::explain::{ChainLink, Explanation, Reason};
use crate::json;
use crate::limits;
use crate::resolve;
use crate::suggest::Budget;
use crate::vocab::{Action, ActionArg, ClusterArg, Level, LevelArg, Mode, Role, RoleArg};
use std::sync::Arc;

/// The permissions of one user, judged against a catalog.
#[derive(Debug, Clone)]
pub struct AccessSet {
    catalog: Arc<Catalog>,
    /// The catalog's identity, copied here so a handle check reads no pointer.
    catalog_uid: u64,
    role: Role,
    stored: Box<[Option<Level>]>,
    levels: Box<[Level]>,
    warnings: Warnings,
}

/// Equal when the catalogs are equal and the canonical documents are equal.
/// Two sets that store different documents may still grant the same access:
/// compare that with [`AccessSet::same_access`].
impl PartialEq for AccessSet {
    fn eq(&self, other: &Self) -> bool {
        self.role == other.role && self.stored == other.stored && self.catalog == other.catalog
    }
}

impl Eq for AccessSet {}

impl std::hash::Hash for AccessSet {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.role.hash(state);
        self.stored.hash(state);
    }
}

impl AccessSet {
    pub(crate) fn build(
        catalog: Arc<Catalog>,
        role: Role,
        stored: Vec<Option<Level>>,
        warnings: Vec<Warning>,
    ) -> Self {
        let levels = match role {
            Role::Admin => vec![Level::Edit; catalog.len()],
            Role::Member => resolve::member_levels(&catalog, &stored),
        };
        AccessSet::assemble(catalog, role, stored, levels, Warnings::new(warnings, Vec::new()))
    }

    fn assemble(
        catalog: Arc<Catalog>,
        role: Role,
        stored: Vec<Option<Level>>,
        levels: Vec<Level>,
        warnings: Warnings,
    ) -> Self {
        AccessSet {
            catalog_uid: catalog.uid(),
            catalog,
            role,
            stored: stored.into(),
            levels: levels.into(),
            warnings,
        }
    }

    /// Parses a stored document from JSON text (docs/reference.md#document).
    pub fn parse(catalog: &Arc<Catalog>, text: &str, mode: Mode) -> Result<AccessSet> {
        within_limit("the document", text.len(), limits::MAX_DOCUMENT_BYTES)?;
        if let Some(plain) = fast_path::read(catalog, text, mode) {
            return Ok(AccessSet::from_plain(catalog, plain));
        }
        AccessSet::judge(catalog, &json::parse(text)?, mode)
    }

    /// Judges the document `{"role": role, "permissions": {id: level, ...}}`
    /// from strings already in memory, exactly as its JSON text would be
    /// judged by [`AccessSet::parse`]: the same set, warnings and errors. An
    /// id given twice is `duplicate_key`, as in the text; a document whose
    /// text would pass the size limit is `limit_exceeded`.
    ///
    /// ```
    /// use studio_permissions::{AccessSet, Catalog, Level, Mode};
    ///
    /// let catalog = Catalog::builtin();
    /// let set = AccessSet::from_entries(&catalog, "member", &[("knowledge", "edit")], Mode::Strict)?;
    /// assert_eq!(set.level("knowledge.faqs")?, Level::Edit);
    /// # Ok::<(), studio_permissions::Error>(())
    /// ```
    pub fn from_entries(
        catalog: &Arc<Catalog>,
        role: &str,
        entries: &[(&str, &str)],
        mode: Mode,
    ) -> Result<AccessSet> {
        entries::within_document_limit(role, entries)?;
        if let Some(plain) = fast_path::read_entries(catalog, role, entries, mode) {
            return Ok(AccessSet::from_plain(catalog, plain));
        }
        AccessSet::judge(catalog, &entries::tree(role, entries)?, mode)
    }

    /// The set of the document `{"role": role, "permissions": {id: level, ...}}`
    /// that a host read from its own values into `stored`: per node, in
    /// catalog order, the level its entry names (every id a node of the
    /// catalog, every level a valid name, no id twice). The answer is the one
    /// [`AccessSet::parse`] gives for that document's text, lenient
    /// warnings included, whatever the order of its entries: with known ids
    /// and valid levels, only the parent rule is left to judge, and it reads
    /// the tree. `None` when only the full judgment can answer (a strict
    /// parse refuses a child above its parent, and words which one first by
    /// the text's order; a compact text of the entries would pass the size
    /// limit): the host then judges the text.
    ///
    /// ```
    /// use studio_permissions::{AccessSet, Catalog, Level, Mode, Role};
    ///
    /// let catalog = Catalog::builtin();
    /// let mut stored = vec![None; catalog.len()];
    /// stored[catalog.node("knowledge")?.index()] = Some(Level::Read);
    /// stored[catalog.node("knowledge.faqs")?.index()] = Some(Level::Edit);
    /// assert!(AccessSet::from_stored(&catalog, Role::Member, stored.clone(), Mode::Strict).is_none());
    /// let lenient = AccessSet::from_stored(&catalog, Role::Member, stored, Mode::Lenient);
    /// assert_eq!(lenient.map(|s| s.warnings().len()), Some(1));
    /// # Ok::<(), studio_permissions::Error>(())
    /// ```
    pub fn from_stored(
        catalog: &Arc<Catalog>,
        role: Role,
        stored: Vec<Option<Level>>,
        mode: Mode,
    ) -> Option<AccessSet> {
        if stored.len() != catalog.len() || !entries::compact_text_within_limit(catalog, role, &stored) {
            return None;
        }
        let plain = fast_path::Plain::judged(catalog, role, stored, mode)?;
        Some(AccessSet::from_plain(catalog, plain))
    }

    /// The set of a plain document: its only warnings, the children lenient
    /// mode lowered, are worded when first read.
    pub(crate) fn from_plain(catalog: &Arc<Catalog>, plain: fast_path::Plain) -> AccessSet {
        let levels = match plain.role {
            Role::Admin => vec![Level::Edit; catalog.len()],
            Role::Member => plain.member_levels,
        };
        let warnings = Warnings::new(Vec::new(), plain.lowered);
        AccessSet::assemble(catalog.clone(), plain.role, plain.stored, levels, warnings)
    }

    /// The set a parsed document gives: the one place a document tree is
    /// judged into a set, for text and for the bindings' host entries.
    pub(crate) fn judge(catalog: &Arc<Catalog>, value: &json::Json, mode: Mode) -> Result<AccessSet> {
        let judged = document::judge(catalog, value, mode, &mut Budget::document())?;
        Ok(AccessSet::build(
            catalog.clone(),
            judged.role,
            judged.stored,
            judged.warnings,
        ))
    }

    /// Parses a stored document from UTF-8 bytes; bytes that are not UTF-8
    /// are not JSON text.
    pub fn parse_bytes(catalog: &Arc<Catalog>, bytes: &[u8], mode: Mode) -> Result<AccessSet> {
        AccessSet::parse(catalog, json::utf8(bytes)?, mode)
    }

    /// The error for a host value that has no JSON text (a NaN, a cycle, an
    /// object that is not plain data): `invalid_document` at `path`. The
    /// bindings call this so every language words it the same way.
    pub fn unrepresentable(path: &str, what: &str) -> Error {
        Error::document(path, format!("{what} has no JSON text"))
    }

    /// Judges an already parsed value exactly as the JSON text it writes.
    pub fn from_value(catalog: &Arc<Catalog>, value: &serde_json::Value, mode: Mode) -> Result<AccessSet> {
        AccessSet::parse(catalog, &value.to_string(), mode)
    }

    /// The set of a catalog preset (role `member`).
    pub fn preset(catalog: &Arc<Catalog>, name: &str) -> Result<AccessSet> {
        let stored = catalog.preset(name)?.stored(catalog.len());
        Ok(AccessSet::build(
            catalog.clone(),
            Role::Member,
            stored,
            Vec::new(),
        ))
    }

    /// An admin that stores nothing.
    pub fn admin(catalog: &Arc<Catalog>) -> AccessSet {
        AccessSet::build(
            catalog.clone(),
            Role::Admin,
            vec![None; catalog.len()],
            Vec::new(),
        )
    }

    /// A member that stores nothing: every node hidden.
    pub fn member(catalog: &Arc<Catalog>) -> AccessSet {
        AccessSet::build(
            catalog.clone(),
            Role::Member,
            vec![None; catalog.len()],
            Vec::new(),
        )
    }

    /// The catalog the set was judged against.
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// What lenient parsing set aside; empty for strict parsing and changes.
    /// Worded when first read.
    pub fn warnings(&self) -> &[Warning] {
        self.warnings.get(&self.catalog)
    }

    /// Whether lenient parsing set anything aside, without wording it.
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }

    /// What `id` stores, if anything (unknown ids are an error).
    pub fn stored(&self, id: &str) -> Result<Option<Level>> {
        let index = self.catalog.index_of(id)?;
        Ok(self.stored.get(index).copied().flatten())
    }

    // ---- checks ------------------------------------------------------------

    /// The effective level of `id`.
    #[inline]
    pub fn level(&self, id: &str) -> Result<Level> {
        match self.catalog.lookup(id).and_then(|i| self.levels.get(i)) {
            Some(&level) => Ok(level),
            None => Err(self.catalog.unknown_area(id)),
        }
    }

    /// Whether the user may do `action` on `id`.
    #[inline]
    pub fn can(&self, id: &str, action: impl ActionArg) -> Result<bool> {
        let level = self.level(id)?;
        Ok(level >= action.into_action()?.required())
    }

    /// The former name of [`AccessSet::can`], kept for one minor version.
    #[deprecated(note = "renamed to `can`")]
    #[inline]
    pub fn allowed(&self, id: &str, action: impl ActionArg) -> Result<bool> {
        self.can(id, action)
    }

    /// The effective level of a pre-resolved node.
    #[inline]
    pub fn level_at(&self, node: NodeHandle) -> Result<Level> {
        match self.levels.get(node.index as usize) {
            Some(&level) if node.catalog == self.catalog_uid => Ok(level),
            _ => Err(foreign_handle(node)),
        }
    }

    /// Whether the user may do `action` on a pre-resolved node.
    #[inline]
    pub fn allowed_at(&self, node: NodeHandle, action: Action) -> Result<bool> {
        match self.levels.get(node.index as usize) {
            Some(&level) if node.catalog == self.catalog_uid => Ok(level >= action.required()),
            _ => Err(foreign_handle(node)),
        }
    }

    /// `Ok(())` when allowed; otherwise `permission_denied` with the explanation.
    pub fn require(&self, id: &str, action: impl ActionArg) -> Result<()> {
        let explanation = self.explain(id, action)?;
        if explanation.allowed {
            Ok(())
        } else {
            Err(Error::PermissionDenied(Box::new(explanation)))
        }
    }

    /// Whether the user holds a capability on a cluster (docs/reference.md#capabilities).
    pub fn capability(&self, name: &str, cluster: impl ClusterArg) -> Result<bool> {
        let capability = self.catalog.capability(name)?;
        Ok(capability.holds(self.role, cluster.into_cluster()?))
    }

    /// `Ok(())` when the user holds the capability on `cluster`; otherwise
    /// `permission_denied` naming the capability, the cluster and the role.
    pub fn require_capability(&self, name: &str, cluster: impl ClusterArg) -> Result<()> {
        let capability = self.catalog.capability(name)?;
        let cluster = cluster.into_cluster()?;
        if capability.holds(self.role, cluster) {
            Ok(())
        } else {
            Err(Error::CapabilityDenied {
                name: capability.name().to_string(),
                cluster,
                role: self.role,
            })
        }
    }

    /// The decision on `action` at `id`, with its reason and chain (docs/reference.md#explain).
    pub fn explain(&self, id: &str, action: impl ActionArg) -> Result<Explanation> {
        let index = self.catalog.index_of(id)?;
        let action = action.into_action()?;
        let mut path = Vec::new();
        let mut cursor = Some(index);
        while let Some(i) = cursor {
            path.push(i);
            cursor = self.catalog.node_at(i).and_then(Node::parent);
        }
        path.reverse();
        let chain: Vec<ChainLink> = path
            .iter()
            .filter_map(|&i| {
                Some(ChainLink {
                    id: self.catalog.node_at(i)?.id().to_string(),
                    stored: self.stored.get(i).copied().flatten(),
                    level: self.levels.get(i).copied()?,
                })
            })
            .collect();
        let own_stored = self.stored.get(index).copied().flatten();
        let ancestors = chain.len().saturating_sub(1);
        let reason = if self.role == Role::Admin {
            Reason::AdminRole
        } else if chain.iter().take(ancestors).any(|link| link.level == Level::None) {
            Reason::ParentNone
        } else if own_stored.is_some() {
            Reason::Explicit
        } else if ancestors > 0 {
            Reason::Inherited
        } else {
            Reason::NotGranted
        };
        let level = self
            .levels
            .get(index)
            .copied()
            .ok_or_else(|| self.catalog.unknown_area(id))?;
        let required = action.required();
        Ok(Explanation {
            id: id.to_string(),
            action,
            role: self.role,
            allowed: level >= required,
            level,
            required,
            reason,
            chain,
        })
    }

    // ---- derived views -----------------------------------------------------

    /// Every node with its effective level, in catalog order.
    pub fn effective(&self) -> impl Iterator<Item = (&Node, Level)> + '_ {
        self.catalog.nodes().iter().zip(self.levels.iter().copied())
    }

    /// The navigation tree: nodes at `read` or above, in catalog order. A
    /// hidden parent hides its children, so every listed node's parent is listed.
    pub fn visible(&self) -> impl Iterator<Item = &Node> + '_ {
        self.effective()
            .filter(|(_, level)| *level >= Level::Read)
            .map(|(node, _)| node)
    }

    /// What is stored, in catalog order.
    pub fn entries(&self) -> impl Iterator<Item = (&Node, Level)> + '_ {
        self.catalog
            .nodes()
            .iter()
            .zip(self.stored.iter())
            .filter_map(|(node, stored)| Some((node, (*stored)?)))
    }

    /// The canonical document (docs/reference.md#canonical-text): role first, stored entries in
    /// catalog order, no whitespace.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(32 + 24 * self.stored.len());
        out.push_str("{\"role\":");
        json::write_string(&mut out, self.role.as_str());
        out.push_str(",\"permissions\":{");
        for (i, (node, level)) in self.entries().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json::write_string(&mut out, node.id());
            out.push(':');
            json::write_string(&mut out, level.as_str());
        }
        out.push_str("}}");
        out
    }

    /// The canonical document as a `serde_json::Value` (keys in canonical order).
    pub fn to_value(&self) -> serde_json::Value {
        let permissions: serde_json::Map<String, serde_json::Value> = self
            .entries()
            .map(|(node, level)| (node.id().to_string(), level.as_str().into()))
            .collect();
        serde_json::json!({"role": self.role.as_str(), "permissions": permissions})
    }

    // ---- changes (docs/reference.md#changes): each returns a new set -----------------------

    /// Stores `level` at `id`, then lowers descendants that store more.
    pub fn set(&self, id: &str, level: impl LevelArg) -> Result<AccessSet> {
        let index = self.catalog.index_of(id)?;
        let level = level.into_level().map_err(|e| match e {
            Error::InvalidLevel { level, .. } => Error::InvalidLevel {
                level,
                id: Some(id.to_string()),
            },
            other => other,
        })?;
        let members = resolve::member_levels(&self.catalog, &self.stored);
        if let Some(parent) = self.catalog.node_at(index).and_then(Node::parent) {
            let parent_level = members
                .get(parent)
                .copied()
                .ok_or_else(|| self.catalog.unknown_area(id))?;
            if parent_level != Level::None && level > parent_level {
                return Err(Error::SubsectionExceedsParent {
                    id: id.to_string(),
                    level,
                    parent: self
                        .catalog
                        .node_at(parent)
                        .map(|p| p.id().to_string())
                        .unwrap_or_default(),
                    parent_level,
                });
            }
        }
        Ok(self.change(index, Some(level)))
    }

    /// Removes what `id` stores, so it inherits again; then re-clamps.
    pub fn clear(&self, id: &str) -> Result<AccessSet> {
        let index = self.catalog.index_of(id)?;
        Ok(self.change(index, None))
    }

    /// The same stored levels under another role.
    pub fn with_role(&self, role: impl RoleArg) -> Result<AccessSet> {
        let role = role.into_role()?;
        Ok(AccessSet::build(
            self.catalog.clone(),
            role,
            self.stored.to_vec(),
            Vec::new(),
        ))
    }

    fn change(&self, index: usize, level: Option<Level>) -> AccessSet {
        let mut stored = self.stored.to_vec();
        if let Some(slot) = stored.get_mut(index) {
            *slot = level;
        }
        let descendants = self.catalog.node_at(index).map_or(0..0, |n| n.descendants(index));
        resolve::clamp(&self.catalog, &mut stored, descendants);
        AccessSet::build(self.catalog.clone(), self.role, stored, Vec::new())
    }

    pub(crate) fn same_catalog(&self, other: &AccessSet) -> Result<()> {
        if self.catalog == other.catalog {
            Ok(())
        } else {
            Err(Error::catalog(
                "",
                "the two access sets are judged against different catalogs",
            ))
        }
    }

    /// The effective level of every node, indexed in catalog order: the
    /// snapshot a binding may hand to its host once for fast checks.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Per node, in catalog order, the actions this set allows as a bit
    /// mask: bit `k` stands for `Action::ALL[k]`. The table a binding hands
    /// its host once, so that a check there is a lookup and no rule is
    /// repeated outside the core.
    pub fn allowed_table(&self) -> Vec<u8> {
        self.levels
            .iter()
            .map(|&level| {
                Action::ALL
                    .iter()
                    .enumerate()
                    .filter(|(_, action)| level >= action.required())
                    .fold(0u8, |mask, (bit, _)| mask | (1 << bit))
            })
            .collect()
    }

    pub(crate) fn stored_levels(&self) -> &[Option<Level>] {
        &self.stored
    }
}

/// Kept out of line so the check it guards stays a compare and a load.
#[cold]
#[inline(never)]
fn foreign_handle(node: NodeHandle) -> Error {
    Error::UnknownArea {
        id: format!("#{}", node.index),
        suggestion: None,
    }
}

impl std::fmt::Display for AccessSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_json())
    }
}
