//! The view: the core's decisions for one access set, as a small JSON value
//! that a browser reads without evaluating any rule.
//!
//! Every answer the client gives is a lookup in this value: the level of each
//! node, which actions each node allows, the navigation tree and each
//! capability on each cluster. The format is documented in `docs/view.md`;
//! a change to it bumps [`VIEW_VERSION`].

use crate::access::AccessSet;
use crate::catalog::{Catalog, Node};
use crate::vocab::{Action, Cluster, Level};
use serde_json::{Map, Value};

/// The version of the view format, written as `"view": 1`.
pub const VIEW_VERSION: u32 = 1;

// One hex digit per node holds the allowed actions: at most four of them.
const _: () = assert!(Action::ALL.len() <= 4);

impl AccessSet {
    /// The view of this set: its decisions as a JSON value (see `docs/view.md`).
    ///
    /// Its text ([`AccessSet::view_json`]) is the same in every language.
    pub fn view(&self) -> Value {
        let catalog = self.catalog();
        let levels = self.levels();
        let mut view = Map::new();
        view.insert("view".into(), VIEW_VERSION.into());
        view.insert(
            "catalog".into(),
            catalog.version().map_or(Value::Null, Value::from),
        );
        view.insert("role".into(), self.role().as_str().into());
        view.insert("ids".into(), Value::Array(tree(catalog, None)));
        view.insert(
            "actions".into(),
            Action::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>().into(),
        );
        view.insert(
            "levels".into(),
            levels.iter().map(|&l| level_digit(l)).collect::<String>().into(),
        );
        view.insert(
            "allow".into(),
            levels
                .iter()
                .map(|&l| allowed_digit(l))
                .collect::<String>()
                .into(),
        );
        view.insert(
            "visible".into(),
            self.visible().map(Node::index).collect::<Vec<_>>().into(),
        );
        view.insert(
            "clusters".into(),
            Cluster::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().into(),
        );
        let capabilities: Map<String, Value> = catalog
            .capabilities()
            .iter()
            .map(|capability| {
                let held: String = Cluster::ALL
                    .iter()
                    .map(|&cluster| {
                        if capability.holds(self.role(), cluster) {
                            '1'
                        } else {
                            '0'
                        }
                    })
                    .collect();
                (capability.name().to_string(), held.into())
            })
            .collect();
        view.insert("capabilities".into(), Value::Object(capabilities));
        Value::Object(view)
    }

    /// The view's JSON text: compact, keys in the documented order.
    pub fn view_json(&self) -> String {
        self.view().to_string()
    }
}

/// The subtree under `parent` (the areas when `None`): each node's last
/// segment, followed by the list of its children when it has any. Writing
/// segments instead of full ids keeps the default catalog's view under 1 kB.
fn tree(catalog: &Catalog, parent: Option<usize>) -> Vec<Value> {
    let children: Vec<&Node> = match parent {
        None => catalog.areas().collect(),
        Some(index) => catalog
            .node_at(index)
            .map(|node| {
                node.children()
                    .iter()
                    .filter_map(|&i| catalog.node_at(i))
                    .collect()
            })
            .unwrap_or_default(),
    };
    let mut out = Vec::with_capacity(children.len());
    for node in children {
        let segment = node.id().rsplit('.').next().unwrap_or(node.id());
        out.push(Value::from(segment));
        if !node.children().is_empty() {
            out.push(Value::Array(tree(catalog, Some(node.index()))));
        }
    }
    out
}

/// `0`, `1`, `2` for `none`, `read`, `edit`: the level's rank.
fn level_digit(level: Level) -> char {
    match level {
        Level::None => '0',
        Level::Read => '1',
        Level::Edit => '2',
    }
}

/// A hex digit whose bit `k` is set when `Action::ALL[k]` is allowed at `level`.
fn allowed_digit(level: Level) -> char {
    let mask = Action::ALL
        .iter()
        .enumerate()
        .filter(|(_, action)| level >= action.required())
        .fold(0u32, |mask, (bit, _)| mask | (1 << bit));
    char::from_digit(mask, 16).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Mode;

    fn member(doc: &str) -> AccessSet {
        let catalog = Catalog::builtin();
        match AccessSet::parse(&catalog, doc, Mode::Strict) {
            Ok(set) => set,
            Err(e) => unreachable!("test document refused: {e}"),
        }
    }

    /// The full ids a view's tree spells, in order.
    fn flatten(tree: &[Value], prefix: &str, out: &mut Vec<String>) {
        let mut last = String::new();
        for item in tree {
            match item {
                Value::String(segment) => {
                    last = format!("{prefix}{segment}");
                    out.push(last.clone());
                }
                Value::Array(children) => flatten(children, &format!("{last}."), out),
                other => unreachable!("unexpected {other}"),
            }
        }
    }

    #[test]
    fn the_tree_spells_every_id_in_catalog_order() {
        let set = member(r#"{"role":"member"}"#);
        let view = set.view();
        let mut ids = Vec::new();
        flatten(
            view["ids"].as_array().map_or(&[][..], Vec::as_slice),
            "",
            &mut ids,
        );
        let want: Vec<&str> = set.catalog().nodes().iter().map(Node::id).collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn every_digit_is_the_core_decision() {
        let set = member(
            r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read","analytics":"read","analytics.kpis":"none"}}"#,
        );
        let view = set.view();
        let levels: Vec<char> = view["levels"].as_str().unwrap_or("").chars().collect();
        let allow: Vec<char> = view["allow"].as_str().unwrap_or("").chars().collect();
        assert_eq!(levels.len(), set.catalog().len());
        assert_eq!(allow.len(), set.catalog().len());
        for (i, node) in set.catalog().nodes().iter().enumerate() {
            let level = set.level(node.id()).unwrap_or(Level::Edit);
            assert_eq!(levels[i], level_digit(level), "{}", node.id());
            let mask = allow[i].to_digit(16).unwrap_or(99);
            for (bit, action) in Action::ALL.iter().enumerate() {
                let allowed = set.can(node.id(), *action).unwrap_or(true);
                assert_eq!(mask >> bit & 1 == 1, allowed, "{} {}", node.id(), action);
            }
        }
        let visible: Vec<usize> = set.visible().map(Node::index).collect();
        assert_eq!(view["visible"], serde_json::json!(visible));
    }

    #[test]
    fn the_text_is_pinned_and_small() {
        let set =
            member(r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#);
        let text = set.view_json();
        assert!(text.starts_with(
            r#"{"view":1,"catalog":"2026-06-19","role":"member","ids":["analytics",["conversations","kpis","#
        ));
        assert!(text.contains(r#""actions":["view","create","edit","delete"],"levels":"000000000"#));
        assert!(text.ends_with(
            r#""clusters":["standard","enterprise"],"capabilities":{"users.manage":"00","billing.manage":"00","projects.manage":"00","studio_assistant.use":"00"}}"#
        ));
        // The largest views of the default catalog: an admin sees everything.
        let catalog = Catalog::builtin();
        let mut sets = vec![AccessSet::admin(&catalog), AccessSet::member(&catalog), set];
        for preset in catalog.presets() {
            if let Ok(p) = AccessSet::preset(&catalog, preset.name()) {
                sets.push(p);
            }
        }
        for s in sets {
            let size = s.view_json().len();
            assert!(size < 1024, "{} bytes for {}", size, s.to_json());
        }
    }

    #[test]
    fn capabilities_follow_role_and_cluster() {
        let admin = AccessSet::admin(&Catalog::builtin());
        let view = admin.view();
        assert_eq!(view["capabilities"]["users.manage"], "11");
        assert_eq!(view["capabilities"]["studio_assistant.use"], "01");
        assert_eq!(
            view["allow"].as_str().map(|s| s.chars().all(|c| c == 'f')),
            Some(true)
        );
    }

    #[test]
    fn a_catalog_without_version_or_capabilities() {
        let catalog = match Catalog::from_json(
            r#"{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B","children":[{"id":"c","name":"C"}]}]}]}"#,
        ) {
            Ok(c) => std::sync::Arc::new(c),
            Err(e) => unreachable!("{e}"),
        };
        let set = AccessSet::admin(&catalog);
        assert_eq!(
            set.view_json(),
            r#"{"view":1,"catalog":null,"role":"admin","ids":["a",["b",["c"]]],"actions":["view","create","edit","delete"],"levels":"222","allow":"fff","visible":[0,1,2],"clusters":["standard","enterprise"],"capabilities":{}}"#
        );
    }

    #[test]
    fn action_bits_follow_the_required_levels() {
        assert_eq!(allowed_digit(Level::None), '0');
        assert_eq!(allowed_digit(Level::Read), '1');
        assert_eq!(allowed_digit(Level::Edit), 'f');
    }
}
