//! The catalog: the tree of navigation areas, the presets and the capabilities
//! (docs/reference.md#catalog). It is data: the default one is embedded JSON, and a service can
//! load a newer one at run time.

use crate::error::{Error, Result};
use crate::json::{self, Json};
use crate::resolve;
use crate::shown::shown;
use crate::suggest::{Budget, Known, Names};
use crate::vocab::{Cluster, Level, Role};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

const DEFAULT_CATALOG: &str = include_str!("../catalog/default.json");

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

static NEXT_UID: AtomicU64 = AtomicU64::new(1);

impl Catalog {
    /// The catalog embedded in the crate, matching the product's help page.
    pub fn builtin() -> Arc<Catalog> {
        static BUILTIN: OnceLock<Arc<Catalog>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| match Catalog::from_json(DEFAULT_CATALOG) {
                Ok(catalog) => Arc::new(catalog),
                // The embedded text is fixed at compile time and loaded by the
                // tests; this arm cannot be reached by any input.
                #[allow(clippy::panic)]
                Err(e) => panic!("the embedded catalog is invalid: {e}"),
            })
            .clone()
    }

    /// The embedded catalog's JSON text.
    pub fn builtin_json() -> &'static str {
        DEFAULT_CATALOG
    }

    /// Loads a catalog from its JSON format (docs/reference.md#catalog-format).
    pub fn from_json(text: &str) -> Result<Catalog> {
        crate::limits::check("the catalog", text.len(), crate::limits::MAX_CATALOG_BYTES)?;
        let value = json::parse(text).map_err(|e| Error::catalog("", e.to_string()))?;
        Catalog::from_json_value(&value)
    }

    /// Loads a catalog from UTF-8 bytes; bytes that are not UTF-8 are refused
    /// like any text that is not JSON.
    pub fn from_bytes(bytes: &[u8]) -> Result<Catalog> {
        let text = json::utf8(bytes).map_err(|e| Error::catalog("", e.to_string()))?;
        Catalog::from_json(text)
    }

    fn from_json_value(value: &Json) -> Result<Catalog> {
        let Json::Object(fields) = value else {
            return Err(Error::catalog(
                "",
                format!("expected an object, found {}", value.kind()),
            ));
        };
        let mut version = None;
        let mut areas = None;
        let mut presets = None;
        let mut capabilities = None;
        for (key, value) in fields {
            match key.as_str() {
                "version" => version = Some(string_field(value, "version")?),
                "areas" => areas = Some(value),
                "presets" => presets = Some(value),
                "capabilities" => capabilities = Some(value),
                other => return Err(Error::catalog(other, format!("unknown field {}", shown(other)))),
            }
        }
        let areas = areas.ok_or_else(|| Error::catalog("areas", "missing field `areas`"))?;
        let mut catalog = Catalog {
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            version,
            nodes: Vec::new(),
            index: FxHashMap::default(),
            presets: Vec::new(),
            capabilities: Vec::new(),
            preset_index: FxHashMap::default(),
            capability_index: FxHashMap::default(),
            node_names: Names::default(),
            preset_names: Names::default(),
            capability_names: Names::default(),
            id_bytes: 0,
        };
        let Json::Array(list) = areas else {
            return Err(Error::catalog("areas", "`areas` must be an array"));
        };
        if list.is_empty() {
            return Err(Error::catalog("areas", "`areas` must not be empty"));
        }
        for area in list {
            catalog.add_node(area, None)?;
        }
        if let Some(presets) = presets {
            catalog.load_presets(presets)?;
        }
        if let Some(capabilities) = capabilities {
            catalog.load_capabilities(capabilities)?;
        }
        catalog.node_names = Names::new(catalog.nodes.iter().map(|n| n.id.as_str()));
        catalog.preset_names = Names::new(catalog.presets.iter().map(|p| p.name.as_str()));
        catalog.capability_names = Names::new(catalog.capabilities.iter().map(|c| c.name.as_str()));
        Ok(catalog)
    }

    fn add_node(&mut self, value: &Json, parent: Option<usize>) -> Result<()> {
        let parent_id = parent.and_then(|p| self.nodes.get(p)).map(|p| p.id.clone());
        let at = parent_id.as_deref().unwrap_or("areas");
        let Json::Object(fields) = value else {
            return Err(Error::catalog(
                at,
                format!("a node must be an object, found {}", value.kind()),
            ));
        };
        let (mut segment, mut name, mut description, mut children) = (None, None, None, None);
        for (key, value) in fields {
            match key.as_str() {
                "id" => segment = Some(string_field(value, "id")?),
                "name" => name = Some(value),
                "description" => description = Some(value),
                "children" => children = Some(value),
                other => {
                    return Err(Error::catalog(
                        at,
                        format!("unknown field {} in a node", shown(other)),
                    ))
                }
            }
        }
        let segment = segment.ok_or_else(|| Error::catalog(at, "a node is missing `id`"))?;
        if !is_segment(&segment) {
            return Err(Error::catalog(
                segment.as_str(),
                format!(
                    "malformed id segment {}: expected [a-z][a-z0-9_]*",
                    shown(&segment)
                ),
            ));
        }
        let id = match &parent_id {
            Some(p) => format!("{p}.{segment}"),
            None => segment,
        };
        crate::limits::check("a catalog id", id.len(), crate::limits::MAX_ID_BYTES)?;
        self.id_bytes += id.len();
        crate::limits::check(
            "the catalog's ids together",
            self.id_bytes,
            crate::limits::MAX_CATALOG_ID_BYTES,
        )?;
        let name = match name {
            Some(v) => string_field(v, &format!("{id}.name"))?,
            None => {
                return Err(Error::catalog(
                    id.as_str(),
                    format!("node {} is missing `name`", shown(&id)),
                ))
            }
        };
        let description = description
            .map(|v| string_field(v, &format!("{id}.description")))
            .transpose()?;
        let index = self.nodes.len();
        let key: Box<str> = id.as_str().into();
        if self.index.insert(key, index as u32).is_some() {
            return Err(Error::catalog(id.as_str(), format!("repeated id {}", shown(&id))));
        }
        if let Some(p) = parent.and_then(|p| self.nodes.get_mut(p)) {
            p.children.push(index);
        }
        let depth = parent.and_then(|p| self.nodes.get(p)).map_or(0, |p| p.depth + 1);
        self.nodes.push(Node {
            index,
            id: id.clone(),
            name,
            description,
            parent,
            children: Vec::new(),
            depth,
            subtree_end: index + 1,
        });
        match children {
            None => {}
            Some(Json::Array(list)) => {
                for child in list {
                    self.add_node(child, Some(index))?;
                }
            }
            Some(other) => {
                return Err(Error::catalog(
                    id.as_str(),
                    format!(
                        "`children` of {} must be an array, found {}",
                        shown(&id),
                        other.kind()
                    ),
                ))
            }
        }
        let end = self.nodes.len();
        if let Some(node) = self.nodes.get_mut(index) {
            node.subtree_end = end;
        }
        Ok(())
    }

    fn load_presets(&mut self, value: &Json) -> Result<()> {
        let Json::Object(presets) = value else {
            return Err(Error::catalog("presets", "`presets` must be an object"));
        };
        for (name, entries) in presets {
            if !is_segment(name) {
                return Err(Error::catalog(
                    name.as_str(),
                    format!("malformed preset name {}: expected [a-z][a-z0-9_]*", shown(name)),
                ));
            }
            let Json::Object(entries) = entries else {
                return Err(Error::catalog(
                    name.as_str(),
                    format!("preset {} must be an object", shown(name)),
                ));
            };
            crate::limits::check("a preset name", name.len(), crate::limits::MAX_ID_BYTES)?;
            let mut stored: FxHashMap<usize, Level> = FxHashMap::default();
            for (id, level) in entries {
                let index = self.lookup(id).ok_or_else(|| {
                    Error::catalog(
                        id.as_str(),
                        format!("preset {} names unknown id {}", shown(name), shown(id)),
                    )
                })?;
                let level = match level {
                    Json::String(s) => Level::parse(s).ok(),
                    _ => None,
                }
                .ok_or_else(|| {
                    Error::catalog(
                        id.as_str(),
                        format!("preset {} has an invalid level for {}", shown(name), shown(id)),
                    )
                })?;
                stored.insert(index, level);
            }
            if let Some(fault) =
                resolve::first_excess_sparse(self, &stored, entries.iter().map(|(id, _)| id.as_str()))
            {
                return Err(Error::catalog(
                    name.as_str(),
                    format!("preset {}: {fault}", shown(name)),
                ));
            }
            let mut entries: Vec<(u32, Level)> = stored.into_iter().map(|(i, l)| (i as u32, l)).collect();
            entries.sort_unstable_by_key(|&(i, _)| i);
            self.preset_index
                .insert(name.as_str().into(), self.presets.len() as u32);
            self.presets.push(Preset {
                name: name.clone(),
                entries: entries.into(),
            });
        }
        Ok(())
    }

    fn load_capabilities(&mut self, value: &Json) -> Result<()> {
        let Json::Object(capabilities) = value else {
            return Err(Error::catalog("capabilities", "`capabilities` must be an object"));
        };
        for (name, spec) in capabilities {
            crate::limits::check("a capability name", name.len(), crate::limits::MAX_ID_BYTES)?;
            if !is_dotted(name) {
                return Err(Error::catalog(
                    name.as_str(),
                    format!(
                        "malformed capability name {}: expected dotted [a-z][a-z0-9_]* segments",
                        shown(name)
                    ),
                ));
            }
            let Json::Object(fields) = spec else {
                return Err(Error::catalog(
                    name.as_str(),
                    format!("capability {} must be an object", shown(name)),
                ));
            };
            let (mut roles, mut clusters) = (None, None);
            for (key, value) in fields {
                match key.as_str() {
                    "roles" => roles = Some(name_list(name, "roles", value, Role::parse)?),
                    "clusters" => clusters = Some(name_list(name, "clusters", value, Cluster::parse)?),
                    other => {
                        return Err(Error::catalog(
                            name.as_str(),
                            format!("unknown field {} in capability {}", shown(other), shown(name)),
                        ))
                    }
                }
            }
            let roles = roles.ok_or_else(|| {
                Error::catalog(
                    name.as_str(),
                    format!("capability {} is missing `roles`", shown(name)),
                )
            })?;
            self.capability_index
                .insert(name.as_str().into(), self.capabilities.len() as u32);
            self.capabilities.push(Capability {
                name: name.clone(),
                roles,
                clusters,
            });
        }
        Ok(())
    }

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

fn string_field(value: &Json, field: &str) -> Result<String> {
    match value {
        Json::String(s) => Ok(s.clone()),
        other => Err(Error::catalog(
            field,
            format!("{} must be a string, found {}", shown(field), other.kind()),
        )),
    }
}

fn name_list<T: PartialEq>(
    capability: &str,
    field: &str,
    value: &Json,
    parse: impl Fn(&str) -> Result<T>,
) -> Result<Vec<T>> {
    let fault =
        |reason: String| Error::catalog(capability, format!("capability {}: {reason}", shown(capability)));
    let Json::Array(items) = value else {
        return Err(fault(format!("`{field}` must be an array")));
    };
    if items.is_empty() {
        return Err(fault(format!("`{field}` must not be empty")));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Json::String(text) = item else {
            return Err(fault(format!(
                "`{field}` must hold strings, found {}",
                item.kind()
            )));
        };
        let parsed = parse(text).map_err(|_| fault(format!("unknown entry {} in `{field}`", shown(text))))?;
        if out.contains(&parsed) {
            return Err(fault(format!("repeated entry {} in `{field}`", shown(text))));
        }
        out.push(parsed);
    }
    Ok(out)
}

/// `[a-z][a-z0-9_]*`
pub(crate) fn is_segment(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z')) && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

fn is_dotted(s: &str) -> bool {
    s.split('.').all(is_segment)
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
    fn segments() {
        for ok in ["a", "abc", "a1", "a_b", "z9_"] {
            assert!(is_segment(ok), "{ok}");
        }
        for bad in ["", "A", "1a", "_a", "a-b", "a.b", "é", "a b"] {
            assert!(!is_segment(bad), "{bad}");
        }
        assert!(is_dotted("users.manage"));
        assert!(!is_dotted("users..manage"));
        assert!(!is_dotted(""));
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
