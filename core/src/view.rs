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

/// What a view carries besides the decisions: [`AccessSet::view_with`].
///
/// ```
/// use studio_permissions::{AccessSet, Catalog, ViewOptions};
///
/// let set = AccessSet::admin(&Catalog::builtin());
/// let view = set.view_with(ViewOptions::new().names(true));
/// assert_eq!(view["names"][14], "Knowledge");
/// assert_eq!(view["names"][15], "FAQs");
/// assert!(set.view().get("names").is_none());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ViewOptions {
    names: bool,
}

impl ViewOptions {
    /// The plain view: the decisions and the ids, no display names (what
    /// [`AccessSet::view`] gives).
    pub const fn new() -> ViewOptions {
        ViewOptions { names: false }
    }

    /// With `true`, the view also carries each node's display name from the
    /// catalog (`"names"`, in catalog order: "Knowledge", "FAQs"), so that a
    /// page can label its navigation without the catalog.
    pub const fn names(self, names: bool) -> ViewOptions {
        ViewOptions { names }
    }
}

// One hex digit per node holds the allowed actions: at most four of them.
const _: () = assert!(Action::ALL.len() <= 4);

impl AccessSet {
    /// The view of this set: its decisions as a JSON value (see `docs/view.md`).
    ///
    /// Its text ([`AccessSet::view_json`]) is the same in every language.
    pub fn view(&self) -> Value {
        self.view_with(ViewOptions::new())
    }

    /// The view with what `options` adds: with
    /// [`ViewOptions::names`], each node's display name (`"names"`, right
    /// after `"ids"`). Its text ([`AccessSet::view_json_with`]) is the same
    /// in every language.
    pub fn view_with(&self, options: ViewOptions) -> Value {
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
        if options.names {
            view.insert(
                "names".into(),
                catalog.nodes().iter().map(Node::name).collect::<Vec<_>>().into(),
            );
        }
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

    /// The JSON text of [`AccessSet::view_with`]: compact, keys in the
    /// documented order.
    pub fn view_json_with(&self, options: ViewOptions) -> String {
        self.view_with(options).to_string()
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
    }

    /// The default catalog's admin, empty member, presets and one more set.
    fn default_sets() -> Vec<AccessSet> {
        let catalog = Catalog::builtin();
        let mut sets = vec![
            AccessSet::admin(&catalog),
            AccessSet::member(&catalog),
            member(r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#),
        ];
        for preset in catalog.presets() {
            if let Ok(p) = AccessSet::preset(&catalog, preset.name()) {
                sets.push(p);
            }
        }
        sets
    }

    /// The size bounds docs/view.md states for the default catalog: the
    /// largest view (an admin's) is 937 bytes, 1,407 with names.
    #[test]
    fn both_forms_stay_within_their_bounds() {
        const PLAIN: usize = 1024;
        const NAMED: usize = 1536;
        let named = ViewOptions::new().names(true);
        for s in default_sets() {
            let plain = s.view_json().len();
            let with_names = s.view_json_with(named).len();
            assert!(plain <= PLAIN, "{plain} bytes for {}", s.to_json());
            assert!(
                with_names <= NAMED,
                "{with_names} bytes with names for {}",
                s.to_json()
            );
        }
        let admin = AccessSet::admin(&Catalog::builtin());
        assert_eq!(admin.view_json().len(), 937);
        assert_eq!(admin.view_json_with(named).len(), 1407);
    }

    #[test]
    fn names_come_after_the_ids_in_catalog_order() {
        for s in default_sets() {
            let plain = s.view();
            let named = s.view_with(ViewOptions::new().names(true));
            let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
            let mut want = keys(&plain).unwrap_or_default();
            want.insert(4, "names".to_string());
            assert_eq!(keys(&named), Some(want));
            let names: Vec<&str> = s.catalog().nodes().iter().map(Node::name).collect();
            assert_eq!(named["names"], serde_json::json!(names));
            // Everything else is the plain view, unchanged.
            let mut rest = named.clone();
            if let Some(o) = rest.as_object_mut() {
                o.remove("names");
            }
            assert_eq!(rest, plain);
            assert_eq!(s.view_with(ViewOptions::new()), plain);
            assert_eq!(s.view_json_with(ViewOptions::default()), s.view_json());
        }
        let names = AccessSet::admin(&Catalog::builtin()).view_with(ViewOptions::new().names(true));
        assert_eq!(names["names"][14], "Knowledge");
        assert_eq!(names["names"][15], "FAQs");
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
        // Names are the catalog's text as it is: JSON escapes only what JSON must.
        let catalog = match Catalog::from_json(
            r#"{"areas":[{"id":"a","name":"Ünïcode \"quoted\"\u2028<b>","children":[{"id":"b","name":"B\t"}]}]}"#,
        ) {
            Ok(c) => std::sync::Arc::new(c),
            Err(e) => unreachable!("{e}"),
        };
        assert_eq!(
            AccessSet::member(&catalog).view_json_with(ViewOptions::new().names(true)),
            "{\"view\":1,\"catalog\":null,\"role\":\"member\",\"ids\":[\"a\",[\"b\"]],\"names\":[\"Ünïcode \\\"quoted\\\"\u{2028}<b>\",\"B\\t\"],\"actions\":[\"view\",\"create\",\"edit\",\"delete\"],\"levels\":\"00\",\"allow\":\"00\",\"visible\":[],\"clusters\":[\"standard\",\"enterprise\"],\"capabilities\":{}}"
        );
    }

    #[test]
    fn action_bits_follow_the_required_levels() {
        assert_eq!(allowed_digit(Level::None), '0');
        assert_eq!(allowed_digit(Level::Read), '1');
        assert_eq!(allowed_digit(Level::Edit), 'f');
    }
}
