//! The catalog: the tree of navigation areas, the presets and the capabilities
//! (docs/reference.md#catalog). It is data: the default one is embedded JSON, and a service can
//! load a newer one at run time.
//!
//! This file holds the catalog's types and lookups, which resolution and
//! every judgment read; [`load`] reads and checks a catalog's JSON, and sits
//! above resolution because it resolves each preset to check it.

mod load;

use crate::error::{Error, Result};
use crate::suggest::{Budget, Known, Names};
use crate::vocab::{Cluster, Level, Role};
use rustc_hash::FxHashMap;

/// One node of the tree: an area or a sub-section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    index: usize,
    id: String,
    name: String,
    description: Option<String>,
    parent: Option<usize>,
    children: Vec<usize>,
    depth: usize,
    subtree_end: usize,
}

impl Node {
    /// The node's position in catalog order.
    pub fn index(&self) -> usize {
        self.index
    }
    /// The full dotted id, e.g. `analytics.kpis`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The display name, e.g. `KPIs`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The description, word for word from the catalog.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    /// The parent's index in catalog order; `None` for an area.
    pub fn parent(&self) -> Option<usize> {
        self.parent
    }
    /// The children's indices, in catalog order.
    pub fn children(&self) -> &[usize] {
        &self.children
    }
    /// 0 for an area, 1 for its sub-sections, and so on.
    pub fn depth(&self) -> usize {
        self.depth
    }
    /// The indices of every descendant: they follow the node in catalog order.
    pub(crate) fn descendants(&self, index: usize) -> std::ops::Range<usize> {
        index + 1..self.subtree_end
    }
}

/// A named configuration of stored levels, of role `member` (docs/reference.md#catalog).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    name: String,
    /// Only the entries the preset lists, in catalog order: a catalog with
    /// many presets and many nodes costs their entries, not their product.
    entries: Box<[(u32, Level)]>,
}

impl Preset {
    /// The preset's name, e.g. `knowledge_editor`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// What the preset stores for each of the catalog's `len` nodes.
    pub(crate) fn stored(&self, len: usize) -> Vec<Option<Level>> {
        let mut stored = vec![None; len];
        for &(index, level) in self.entries.iter() {
            if let Some(slot) = stored.get_mut(index as usize) {
                *slot = Some(level);
            }
        }
        stored
    }
}

/// A workspace action that no area level grants (docs/reference.md#capabilities).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capability {
    name: String,
    roles: Vec<Role>,
    clusters: Option<Vec<Cluster>>,
}

impl Capability {
    /// The dotted name, e.g. `users.manage`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The roles that hold it.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }
    /// The clusters it needs; `None` means any cluster.
    pub fn clusters(&self) -> Option<&[Cluster]> {
        self.clusters.as_deref()
    }
    /// Whether a user of `role` on `cluster` holds it. Nothing is implied.
    pub fn holds(&self, role: Role, cluster: Cluster) -> bool {
        self.roles.contains(&role) && self.clusters.as_ref().is_none_or(|c| c.contains(&cluster))
    }
}

/// A node resolved once, to check many times without hashing its id.
///
/// It remembers its catalog, so a handle is never read against another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeHandle {
    pub(crate) index: u32,
    pub(crate) catalog: u64,
}

impl NodeHandle {
    /// The node's position in catalog order.
    pub fn index(self) -> usize {
        self.index as usize
    }
}

/// The tree, presets and capabilities that access sets are judged against.
#[derive(Debug)]
pub struct Catalog {
    uid: u64,
    version: Option<String>,
    nodes: Vec<Node>,
    index: FxHashMap<Box<str>, u32>,
    presets: Vec<Preset>,
    capabilities: Vec<Capability>,
    preset_index: FxHashMap<Box<str>, u32>,
    capability_index: FxHashMap<Box<str>, u32>,
    /// Suggestion indexes for node ids, presets and capabilities.
    node_names: Names,
    preset_names: Names,
    capability_names: Names,
    /// Bytes of full ids so far (bounded by `MAX_CATALOG_ID_BYTES`).
    id_bytes: usize,
}

impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        self.uid == other.uid
            || (self.version == other.version
                && self.nodes == other.nodes
                && self.presets == other.presets
                && self.capabilities == other.capabilities)
    }
}

impl Catalog {
    /// The catalog's version string, if it has one.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Every node, in catalog order (depth-first, parents before children).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Every node id, in catalog order.
    pub fn ids(&self) -> Vec<&str> {
        self.nodes.iter().map(Node::id).collect()
    }

    /// Whether `id` names a node of this catalog.
    pub fn has(&self, id: &str) -> bool {
        self.lookup(id).is_some()
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a catalog has at least one area.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The areas (roots), in catalog order.
    pub fn areas(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.parent.is_none())
    }

    /// The presets, in catalog order.
    pub fn presets(&self) -> &[Preset] {
        &self.presets
    }

    /// The capabilities, in catalog order.
    pub fn capabilities(&self) -> &[Capability] {
        &self.capabilities
    }

    /// Resolves an id once, for checks that skip hashing it.
    pub fn node(&self, id: &str) -> Result<NodeHandle> {
        let index = self.index_of(id)?;
        Ok(NodeHandle {
            index: index as u32,
            catalog: self.uid,
        })
    }

    /// The node an id names.
    pub fn get(&self, id: &str) -> Result<&Node> {
        let index = self.index_of(id)?;
        self.nodes.get(index).ok_or_else(|| self.unknown_area(id))
    }

    /// A preset by name.
    pub fn preset(&self, name: &str) -> Result<&Preset> {
        self.preset_index
            .get(name)
            .and_then(|&i| self.presets.get(i as usize))
            .ok_or_else(|| Error::UnknownPreset {
                name: name.to_string(),
                suggestion: self
                    .preset_names
                    .suggest(&PresetNames(self), name, &mut Budget::query()),
            })
    }

    /// A capability by name.
    pub fn capability(&self, name: &str) -> Result<&Capability> {
        self.capability_index
            .get(name)
            .and_then(|&i| self.capabilities.get(i as usize))
            .ok_or_else(|| Error::UnknownCapability {
                name: name.to_string(),
                suggestion: self
                    .capability_names
                    .suggest(&CapabilityNames(self), name, &mut Budget::query()),
            })
    }

    #[inline]
    pub(crate) fn index_of(&self, id: &str) -> Result<usize> {
        match self.index.get(id) {
            Some(&i) => Ok(i as usize),
            None => Err(self.unknown_area(id)),
        }
    }

    #[inline]
    pub(crate) fn lookup(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|&i| i as usize)
    }

    pub(crate) fn unknown_area(&self, id: &str) -> Error {
        self.unknown_area_within(id, &mut Budget::query())
    }

    /// [`Catalog::unknown_area`] paying its suggestion from a document's budget.
    pub(crate) fn unknown_area_within(&self, id: &str, budget: &mut Budget) -> Error {
        Error::UnknownArea {
            id: id.to_string(),
            suggestion: self.node_names.suggest(&NodeIds(self), id, budget),
        }
    }

    pub(crate) fn uid(&self) -> u64 {
        self.uid
    }

    pub(crate) fn node_at(&self, index: usize) -> Option<&Node> {
        self.nodes.get(index)
    }
}

/// The catalog's node ids, as suggestions see them.
struct NodeIds<'a>(&'a Catalog);

impl Known for NodeIds<'_> {
    fn name_at(&self, position: usize) -> Option<&str> {
        self.0.nodes.get(position).map(Node::id)
    }
    fn position_of(&self, name: &str) -> Option<usize> {
        self.0.lookup(name)
    }
}

struct PresetNames<'a>(&'a Catalog);

impl Known for PresetNames<'_> {
    fn name_at(&self, position: usize) -> Option<&str> {
        self.0.presets.get(position).map(Preset::name)
    }
    fn position_of(&self, name: &str) -> Option<usize> {
        self.0.preset_index.get(name).map(|&i| i as usize)
    }
}

struct CapabilityNames<'a>(&'a Catalog);

impl Known for CapabilityNames<'_> {
    fn name_at(&self, position: usize) -> Option<&str> {
        self.0.capabilities.get(position).map(Capability::name)
    }
    fn position_of(&self, name: &str) -> Option<usize> {
        self.0.capability_index.get(name).map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_matches_the_help_page_shape() {
        let c = Catalog::builtin();
        assert_eq!(c.areas().count(), 13);
        assert_eq!(c.nodes().iter().filter(|n| n.depth() == 1).count(), 26);
        assert_eq!(c.len(), 39);
        assert_eq!(c.presets().len(), 4);
        assert_eq!(c.capabilities().len(), 4);
        let conv = c
            .get("analytics.conversations")
            .map(|n| (n.name(), n.description()));
        assert_eq!(
            conv,
            Ok(("Conversations", Some("Call transcripts, recordings, and review")))
        );
        assert_eq!(c.version(), Some("2026-06-19"));
        let ids = c.ids();
        assert_eq!(ids.len(), c.len());
        assert_eq!(ids.first(), Some(&"analytics"));
        assert!(ids.iter().zip(c.nodes()).all(|(id, node)| *id == node.id()));
        assert!(c.has("knowledge.faqs"));
        assert!(!c.has("knowledge.faq"));
        assert!(!c.has(""));
    }

    #[test]
    fn subtree_ranges_cover_descendants() {
        let text = r#"{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B","children":[{"id":"c","name":"C"}]},{"id":"d","name":"D"}]},{"id":"e","name":"E"}]}"#;
        let c = Catalog::from_json(text);
        let c = c.as_ref().map_err(|e| e.to_string());
        let Ok(c) = c else { unreachable!("{c:?}") };
        let ids: Vec<&str> = c.nodes().iter().map(Node::id).collect();
        assert_eq!(ids, ["a", "a.b", "a.b.c", "a.d", "e"]);
        let spans: Vec<_> = c
            .nodes()
            .iter()
            .enumerate()
            .map(|(i, n)| n.descendants(i))
            .collect();
        assert_eq!(spans, [1..4, 2..3, 3..3, 4..4, 5..5]);
    }
}
