//! The JSON Schema (draft 2020-12) of the access document for one catalog, so
//! form builders, API docs and other languages' validators can describe and
//! pre-check what this crate accepts.
//!
//! The schema states every rule of a strict parse that a JSON Schema can see
//! in a parsed value: the shape, the role, the ids, the levels, and the
//! parent rule of each sub-section. A value validates exactly when
//! [`AccessSet::parse`](crate::AccessSet::parse) accepts its text. What a
//! schema cannot see is in the text only: a repeated key (a parsed value keeps
//! one of them), and text over the size limit (whitespace).

use crate::catalog::{Catalog, Node};
use crate::vocab::{Level, Role};
use serde_json::{json, Map, Value};

/// The meta-schema the document schema is written in.
pub const SCHEMA_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

impl Catalog {
    /// The JSON Schema (draft 2020-12) of a stored access document for this
    /// catalog: `role` is one of the roles, `permissions` maps the catalog's
    /// ids to level names, nothing else may appear at the top level.
    ///
    /// Each node with sub-sections gets one `if`/`then` rule in
    /// `permissions.allOf`: when its effective level is `read`, no child
    /// stores `edit` (`subsection_exceeds_parent`).
    ///
    /// What it cannot see, and the core still judges, is in the text alone: a
    /// repeated key (`duplicate_key`) and text over the size limit. Its keys
    /// are written in a fixed order, so [`Catalog::document_schema_json`] is
    /// the same text in every language.
    pub fn document_schema(&self) -> Value {
        let version = match self.version() {
            Some(v) => format!("catalog version {v}"),
            None => "a catalog with no version".to_string(),
        };
        let ids: Vec<Value> = self.nodes().iter().map(|n| Value::from(n.id())).collect();
        let levels: Vec<Value> = Level::ALL.iter().map(|l| Value::from(l.as_str())).collect();
        let roles: Vec<Value> = Role::ALL.iter().map(|r| Value::from(r.as_str())).collect();
        let mut schema = Map::new();
        schema.insert("$schema".into(), SCHEMA_DIALECT.into());
        schema.insert("title".into(), "Access document".into());
        schema.insert(
            "description".into(),
            format!(
                "The stored permissions of one user, for {version} ({} areas and sub-sections). \
                 A value validates exactly when studio-permissions accepts its text, except \
                 for what only the text shows: a repeated key (a parsed value keeps one of \
                 them) and text over the size limit, which studio-permissions refuses.",
                self.len()
            )
            .into(),
        );
        schema.insert("type".into(), "object".into());
        schema.insert("required".into(), json!(["role"]));
        let mut permissions = Map::new();
        permissions.insert(
            "description".into(),
            "The level stored for an area or sub-section id: none hides it, read lets the \
             user view it, edit lets them create, edit and delete. A sub-section that \
             stores nothing takes its parent's level; one that stores a level never \
             exceeds its parent's, unless the parent's is none. Absent means empty."
                .into(),
        );
        permissions.insert("type".into(), "object".into());
        permissions.insert("propertyNames".into(), json!({ "enum": ids }));
        permissions.insert(
            "additionalProperties".into(),
            json!({"type": "string", "enum": levels}),
        );
        let parent_rules: Vec<Value> = self
            .nodes()
            .iter()
            .filter(|node| !node.children().is_empty())
            .map(|node| self.parent_rule(node))
            .collect();
        if !parent_rules.is_empty() {
            permissions.insert("allOf".into(), parent_rules.into());
        }
        schema.insert(
            "properties".into(),
            json!({
                "role": {
                    "description": "admin: edit on every area and the capabilities of admins; \
                                    member: the levels in permissions.",
                    "type": "string",
                    "enum": roles,
                },
                "permissions": permissions,
            }),
        );
        schema.insert("additionalProperties".into(), false.into());
        Value::Object(schema)
    }

    /// The parent rule below one node, as an `if`/`then`: when the node's
    /// effective level is `read`, none of its children stores `edit` (`none`
    /// and `read` never exceed a level that is not `none`). With its chain
    /// `a0` (its area) … `ak` (the node), the effective level is `read`
    /// exactly when `a0` is stored, no stored link is `none`, and one is `read`.
    fn parent_rule(&self, node: &Node) -> Value {
        let nodes = self.nodes();
        let mut chain = vec![node.id()];
        let mut parent = node.parent();
        while let Some(index) = parent {
            chain.push(nodes[index].id());
            parent = nodes[index].parent();
        }
        chain.reverse();
        let effective_read = match chain.as_slice() {
            [area] => json!({ "required": [area], "properties": { *area: { "const": "read" } } }),
            _ => {
                let mut not_none = Map::new();
                for id in &chain {
                    not_none.insert((*id).to_string(), json!({ "enum": ["read", "edit"] }));
                }
                let one_read: Vec<Value> = chain
                    .iter()
                    .map(|id| json!({ "required": [id], "properties": { *id: { "const": "read" } } }))
                    .collect();
                json!({ "required": [chain[0]], "properties": not_none, "anyOf": one_read })
            }
        };
        let mut children_at_most_read = Map::new();
        for &child in node.children() {
            children_at_most_read.insert(nodes[child].id().to_string(), json!({ "enum": ["none", "read"] }));
        }
        json!({
            "description": format!(
                "When the effective level of {} is read, none of its sub-sections stores edit.",
                node.id()
            ),
            "if": effective_read,
            "then": { "properties": children_at_most_read },
        })
    }

    /// [`Catalog::document_schema`] as compact JSON text, keys in the order
    /// written (the same bytes in Rust, Python and Node).
    pub fn document_schema_json(&self) -> String {
        self.document_schema().to_string()
    }
}
