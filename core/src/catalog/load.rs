//! Reading a catalog from its JSON format (docs/reference.md#catalog-format)
//! and checking it: ids, names, presets (each resolved against the tree, so
//! none breaks the parent rule) and capabilities.

use super::{Capability, Catalog, Node, Preset};
use crate::error::{within_limit, Error, Result};
use crate::json::{self, Json};
use crate::resolve;
use crate::shown::shown;
use crate::suggest::Names;
use crate::vocab::{Cluster, Level, Role};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

const DEFAULT_CATALOG: &str = include_str!("../../catalog/default.json");

/// Each loaded catalog's identity: a node handle of another catalog is
/// refused, and a catalog equals itself without comparing its tree.
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
        within_limit("the catalog", text.len(), crate::limits::MAX_CATALOG_BYTES)?;
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
        within_limit("a catalog id", id.len(), crate::limits::MAX_ID_BYTES)?;
        self.id_bytes += id.len();
        within_limit(
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
            within_limit("a preset name", name.len(), crate::limits::MAX_ID_BYTES)?;
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
            within_limit("a capability name", name.len(), crate::limits::MAX_ID_BYTES)?;
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
}
