//! The JSON Schema (draft 2020-12) of the access document for one catalog, so
//! form builders, API docs and other languages' validators can describe and
//! pre-check what this crate accepts.
//!
//! A schema is a first filter, never the judge: it cannot express a repeated
//! key, a sub-section stored above its parent's effective level, the nesting
//! and size limits, or the order of the canonical text. A document the schema
//! accepts may still be refused by [`AccessSet::parse`](crate::AccessSet::parse);
//! a document the core accepts strictly is never refused by the schema.

use crate::catalog::Catalog;
use crate::vocab::{Level, Role};
use serde_json::{json, Map, Value};

/// The meta-schema the document schema is written in.
pub const SCHEMA_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

impl Catalog {
    /// The JSON Schema (draft 2020-12) of a stored access document for this
    /// catalog: `role` is one of the roles, `permissions` maps the catalog's
    /// ids to level names, nothing else may appear at the top level.
    ///
    /// What it cannot express, and the core still judges: a repeated key
    /// (`duplicate_key`), a sub-section stored above its parent's effective
    /// level (`subsection_exceeds_parent`), nesting deeper than 64 and
    /// documents over the size limit. Its keys are written in a fixed order,
    /// so [`Catalog::document_schema_json`] is the same text in every language.
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
                 A schema cannot express every rule: a repeated key and a sub-section stored \
                 above its parent's level pass it, and studio-permissions refuses them.",
                self.len()
            )
            .into(),
        );
        schema.insert("type".into(), "object".into());
        schema.insert("required".into(), json!(["role"]));
        schema.insert(
            "properties".into(),
            json!({
                "role": {
                    "description": "admin: edit on every area and the capabilities of admins; \
                                    member: the levels in permissions.",
                    "type": "string",
                    "enum": roles,
                },
                "permissions": {
                    "description": "The level stored for an area or sub-section id: none hides it, \
                                    read lets the user view it, edit lets them create, edit and \
                                    delete. A sub-section that stores nothing takes its parent's \
                                    level and never exceeds it. Absent means empty.",
                    "type": "object",
                    "propertyNames": {"enum": ids},
                    "additionalProperties": {"type": "string", "enum": levels},
                },
            }),
        );
        schema.insert("additionalProperties".into(), false.into());
        Value::Object(schema)
    }

    /// [`Catalog::document_schema`] as compact JSON text, keys in the order
    /// written (the same bytes in Rust, Python and Node).
    pub fn document_schema_json(&self) -> String {
        self.document_schema().to_string()
    }
}
