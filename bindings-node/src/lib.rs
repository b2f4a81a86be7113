//! Node bindings of `studio-permissions`, built with napi-rs.
//!
//! This crate only translates: JavaScript strings in, core calls, plain
//! objects and errors out. Every rule (resolution, validation, changes,
//! explanations, diffs) is computed by the core. The JavaScript package
//! (`index.js`, `lib/`) wraps these native classes; it reads the per-set
//! allowed table of [`NativeSet::allowed_table`] for fast checks.
//!
//! Every exported function is `catch_unwind`: should the core ever panic, the
//! caller gets a JavaScript error, and the Node process goes on.

mod convert;
mod errors;
mod migration;
mod workspace;

use convert::{
    level_code, JsActionRule, JsCapability, JsDiff, JsExplanation, JsNode, JsVocabulary, JsWarning,
};
use errors::{to_js, OrThrow};
use napi::bindgen_prelude::{Uint8Array, Utf16String};
use napi::Env;
use napi_derive::napi;
use std::sync::Arc;
use studio_permissions::http::HttpField;
use studio_permissions::{
    text_from_utf16, AccessSet, Action, Catalog, Cluster, Direction, Error, Level, Mode, Problem, Reason,
    Role, Warning,
};

/// The code of a node that stores nothing, in the levels `NativeSet.fromStored` reads.
const NOT_STORED: u8 = 255;

/// Runs the `studio-permissions` command line with `argv` (without the
/// program name), writing to this process's stdout and stderr; returns the
/// exit code. The command is the Rust CLI itself.
#[napi(catch_unwind)]
pub fn main(argv: Vec<String>) -> i32 {
    studio_permissions_cli::main(argv)
}

/// Every problem a strict parse of `text` meets, in the order of the error
/// table and then document order; empty exactly when the parse succeeds.
#[napi(catch_unwind)]
pub fn validate_document(catalog: &NativeCatalog, text: Utf16String) -> Vec<convert::JsDocumentProblem> {
    AccessSet::validate(&catalog.inner, &text_from_utf16(&text))
        .iter()
        .map(convert::JsDocumentProblem::from)
        .collect()
}

/// The workspace version the addon was built from.
#[napi(catch_unwind)]
pub fn native_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The core's closed vocabularies, with the level each action needs.
#[napi(catch_unwind)]
pub fn vocabulary() -> JsVocabulary {
    JsVocabulary {
        levels: Level::ALL.iter().map(|l| l.as_str().to_string()).collect(),
        actions: Action::ALL
            .iter()
            .map(|a| JsActionRule {
                name: a.as_str().to_string(),
                required: u32::from(level_code(a.required())),
            })
            .collect(),
        roles: Role::ALL.iter().map(|r| r.as_str().to_string()).collect(),
        clusters: Cluster::ALL.iter().map(|c| c.as_str().to_string()).collect(),
        reasons: Reason::ALL.iter().map(|r| r.as_str().to_string()).collect(),
        directions: Direction::ALL.iter().map(|d| d.as_str().to_string()).collect(),
        error_codes: Error::CODES.iter().map(|c| c.to_string()).collect(),
        problem_codes: Problem::CODES.iter().map(|c| c.to_string()).collect(),
        warning_codes: Warning::CODES.iter().map(|c| c.to_string()).collect(),
    }
}

/// Throws the core's `invalid_document` error for a host value that has no
/// JSON text (which only JavaScript can see): `what` names the value, `path`
/// where it sits; the core words the message.
#[napi(catch_unwind)]
pub fn throw_unrepresentable(env: &Env, path: String, what: String) -> napi::Result<()> {
    Err(to_js(env, &AccessSet::unrepresentable(&path, &what)))
}

/// Throws the core's `invalid_migration` for a host value that has no JSON
/// text (`Migration::unrepresentable`; the core words the message).
#[napi(catch_unwind)]
pub fn throw_unrepresentable_migration(env: &Env, path: String, what: String) -> napi::Result<()> {
    Err(to_js(
        env,
        &studio_permissions::Migration::unrepresentable(&path, &what),
    ))
}

/// An HTTP answer of the core's table: the status and the JSON body text.
#[napi(object)]
pub struct JsHttpAnswer {
    /// The HTTP status.
    pub status: u32,
    /// The body, a JSON object as text.
    pub body: String,
}

/// The core's HTTP answer for an error given by its code, message and
/// fields (strings and numbers; absent fields are left out by the caller);
/// `null` for a code the table does not know.
#[napi(catch_unwind)]
pub fn http_answer(
    code: String,
    message: String,
    fields: std::collections::HashMap<String, napi::Either<String, f64>>,
) -> Option<JsHttpAnswer> {
    let fields: Vec<(&str, HttpField<'_>)> = fields
        .iter()
        .map(|(name, value)| {
            let value = match value {
                napi::Either::A(text) => HttpField::Text(text),
                // Lines, columns and sizes: whole numbers within 2^53.
                napi::Either::B(n) if n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(n) => {
                    HttpField::Number(*n as u64)
                }
                napi::Either::B(_) => HttpField::Null,
            };
            (name.as_str(), value)
        })
        .collect();
    studio_permissions::http::http_answer(&code, &message, &fields).map(|a| JsHttpAnswer {
        status: u32::from(a.status),
        body: a.body,
    })
}

pub(crate) fn mode(lenient: bool) -> Mode {
    if lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    }
}

/// A catalog: the tree, the presets and the capabilities.
#[napi]
pub struct NativeCatalog {
    pub(crate) inner: Arc<Catalog>,
}

#[napi]
impl NativeCatalog {
    /// The catalog embedded in the core.
    #[napi(factory, catch_unwind)]
    pub fn builtin() -> Self {
        NativeCatalog {
            inner: Catalog::builtin(),
        }
    }

    /// The JSON text of the catalog embedded in the core.
    #[napi(catch_unwind)]
    pub fn builtin_json() -> &'static str {
        Catalog::builtin_json()
    }

    /// Loads a catalog from JSON text.
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> napi::Result<Self> {
        let catalog = Catalog::from_json(&text).or_throw(env)?;
        Ok(NativeCatalog {
            inner: Arc::new(catalog),
        })
    }

    /// Loads a catalog from a string that is not well-formed UTF-16.
    #[napi(factory, catch_unwind)]
    pub fn from_utf16(env: &Env, text: Utf16String) -> napi::Result<Self> {
        let catalog = Catalog::from_json(&text_from_utf16(&text)).or_throw(env)?;
        Ok(NativeCatalog {
            inner: Arc::new(catalog),
        })
    }

    /// The version string, if any.
    #[napi(catch_unwind)]
    pub fn version(&self) -> Option<String> {
        self.inner.version().map(str::to_string)
    }

    /// Every node, in catalog order.
    #[napi(catch_unwind)]
    pub fn nodes(&self) -> Vec<JsNode> {
        self.inner.nodes().iter().map(JsNode::from).collect()
    }

    /// The catalog-order index of the node `id` names; `unknown_area` otherwise.
    #[napi(catch_unwind)]
    pub fn index_of(&self, env: &Env, id: String) -> napi::Result<u32> {
        self.inner.get(&id).map(|node| node.index() as u32).or_throw(env)
    }

    /// A capability by name; `unknown_capability` otherwise.
    #[napi(catch_unwind)]
    pub fn capability(&self, env: &Env, name: String) -> napi::Result<JsCapability> {
        self.inner.capability(&name).map(JsCapability::from).or_throw(env)
    }

    /// The preset names, in catalog order.
    #[napi(catch_unwind)]
    pub fn presets(&self) -> Vec<String> {
        self.inner
            .presets()
            .iter()
            .map(|p| p.name().to_string())
            .collect()
    }

    /// The capabilities, in catalog order.
    #[napi(catch_unwind)]
    pub fn capabilities(&self) -> Vec<JsCapability> {
        self.inner.capabilities().iter().map(JsCapability::from).collect()
    }

    /// Whether two catalogs are the same (the core's equality).
    #[napi(catch_unwind)]
    pub fn equals(&self, other: &NativeCatalog) -> bool {
        self.inner == other.inner
    }

    /// The JSON Schema of an access document for this catalog, as the core's
    /// compact text (the same bytes as in Rust and Python).
    #[napi(catch_unwind)]
    pub fn document_schema(&self) -> String {
        self.inner.document_schema_json()
    }
}

/// The permissions of one user, judged by the core.
#[napi]
pub struct NativeSet {
    inner: AccessSet,
}

impl NativeSet {
    pub(crate) fn wrap(inner: AccessSet) -> Self {
        NativeSet { inner }
    }

    pub(crate) fn inner(&self) -> &AccessSet {
        &self.inner
    }
}

#[napi]
impl NativeSet {
    /// Parses a document from JSON text.
    #[napi(factory, catch_unwind)]
    pub fn parse(env: &Env, catalog: &NativeCatalog, text: String, lenient: bool) -> napi::Result<Self> {
        AccessSet::parse(&catalog.inner, &text, mode(lenient))
            .map(NativeSet::wrap)
            .or_throw(env)
    }

    /// The set of plain data the JavaScript layer read into stored levels
    /// (the core's `from_stored`): `role` a position in `vocabulary().roles`,
    /// `levels` one byte per node in catalog order, a position in
    /// `vocabulary().levels` or 255 for nothing stored. `null` when only the
    /// full judgment of the document's text can answer, or for a code out of
    /// range.
    #[napi(catch_unwind)]
    pub fn from_stored(
        catalog: &NativeCatalog,
        role: u32,
        levels: Uint8Array,
        lenient: bool,
    ) -> Option<NativeSet> {
        let role = *Role::ALL.get(usize::try_from(role).ok()?)?;
        let mut stored = Vec::with_capacity(levels.len());
        for &code in levels.iter() {
            stored.push(match code {
                NOT_STORED => None,
                code => Some(*Level::ALL.get(usize::from(code))?),
            });
        }
        AccessSet::from_stored(&catalog.inner, role, stored, mode(lenient)).map(NativeSet::wrap)
    }

    /// Parses a document from a string that may not be well-formed UTF-16.
    #[napi(factory, catch_unwind)]
    pub fn parse_utf16(
        env: &Env,
        catalog: &NativeCatalog,
        text: Utf16String,
        lenient: bool,
    ) -> napi::Result<Self> {
        AccessSet::parse(&catalog.inner, &text_from_utf16(&text), mode(lenient))
            .map(NativeSet::wrap)
            .or_throw(env)
    }

    /// A catalog preset.
    #[napi(factory, catch_unwind)]
    pub fn preset(env: &Env, catalog: &NativeCatalog, name: String) -> napi::Result<Self> {
        AccessSet::preset(&catalog.inner, &name)
            .map(NativeSet::wrap)
            .or_throw(env)
    }

    /// An admin that stores nothing.
    #[napi(factory, catch_unwind)]
    pub fn admin(catalog: &NativeCatalog) -> Self {
        NativeSet::wrap(AccessSet::admin(&catalog.inner))
    }

    /// A member that stores nothing: every node hidden.
    #[napi(factory, catch_unwind)]
    pub fn member(catalog: &NativeCatalog) -> Self {
        NativeSet::wrap(AccessSet::member(&catalog.inner))
    }

    /// What `id` stores, if anything; `unknown_area` for an unknown id.
    #[napi(catch_unwind)]
    pub fn stored(&self, env: &Env, id: String) -> napi::Result<Option<String>> {
        self.inner
            .stored(&id)
            .map(|stored| stored.map(|level| level.as_str().to_string()))
            .or_throw(env)
    }

    /// The snapshot: each node's effective level, in catalog order, as its
    /// position in `vocabulary().levels`.
    #[napi(catch_unwind)]
    pub fn levels(&self) -> Uint8Array {
        let codes: Vec<u8> = self.inner.levels().iter().map(|&l| level_code(l)).collect();
        Uint8Array::new(codes)
    }

    /// The core's allowed table: per node, in catalog order, a bit mask of
    /// the actions allowed (bit `k`: the `k`-th action of `vocabulary()`).
    #[napi(catch_unwind)]
    pub fn allowed_table(&self) -> Uint8Array {
        Uint8Array::new(self.inner.allowed_table())
    }

    /// The role.
    #[napi(catch_unwind)]
    pub fn role(&self) -> String {
        self.inner.role().as_str().to_string()
    }

    /// What lenient parsing set aside.
    #[napi(catch_unwind)]
    pub fn warnings(&self) -> Vec<JsWarning> {
        self.inner.warnings().iter().map(JsWarning::from).collect()
    }

    /// The effective level of `id`.
    #[napi(catch_unwind)]
    pub fn level(&self, env: &Env, id: String) -> napi::Result<String> {
        self.inner
            .level(&id)
            .map(|l| l.as_str().to_string())
            .or_throw(env)
    }

    /// Whether `action` on `id` is allowed.
    #[napi(catch_unwind)]
    pub fn allowed(&self, env: &Env, id: String, action: String) -> napi::Result<bool> {
        self.inner.can(&id, action.as_str()).or_throw(env)
    }

    /// Throws `permission_denied` (with the explanation) unless allowed.
    #[napi(catch_unwind)]
    pub fn require(&self, env: &Env, id: String, action: String) -> napi::Result<()> {
        self.inner.require(&id, action.as_str()).or_throw(env)
    }

    /// Whether the user holds a capability on a cluster (default `standard`).
    #[napi(catch_unwind)]
    pub fn capability(&self, env: &Env, name: String, cluster: Option<String>) -> napi::Result<bool> {
        // The core checks the capability, then the cluster (left to right).
        match cluster {
            Some(cluster) => self.inner.capability(&name, cluster.as_str()),
            None => self.inner.capability(&name, Cluster::default()),
        }
        .or_throw(env)
    }

    /// Throws `permission_denied` (naming the capability, cluster and role)
    /// unless the user holds the capability on the cluster (default `standard`).
    #[napi(catch_unwind)]
    pub fn require_capability(&self, env: &Env, name: String, cluster: Option<String>) -> napi::Result<()> {
        match cluster {
            Some(cluster) => self.inner.require_capability(&name, cluster.as_str()),
            None => self.inner.require_capability(&name, Cluster::default()),
        }
        .or_throw(env)
    }

    /// The decision with its reason and chain.
    #[napi(catch_unwind)]
    pub fn explain(&self, env: &Env, id: String, action: String) -> napi::Result<JsExplanation> {
        self.inner
            .explain(&id, action.as_str())
            .map(|e| JsExplanation::from(&e))
            .or_throw(env)
    }

    /// The catalog-order indices of the navigation tree.
    #[napi(catch_unwind)]
    pub fn visible(&self) -> Vec<u32> {
        self.inner.visible().map(|node| node.index() as u32).collect()
    }

    /// What changes from this set to `other` on `cluster` (default `standard`).
    #[napi(catch_unwind)]
    pub fn diff(&self, env: &Env, other: &NativeSet, cluster: Option<String>) -> napi::Result<JsDiff> {
        self.inner
            .diff(
                &other.inner,
                cluster.as_deref().unwrap_or(Cluster::default().as_str()),
            )
            .map(|d| JsDiff {
                summary: d.summary(self.inner.catalog().len()),
                ..JsDiff::from(&d)
            })
            .or_throw(env)
    }

    /// Whether this set grants nothing that `other` does not.
    #[napi(catch_unwind)]
    pub fn within(&self, env: &Env, other: &NativeSet) -> napi::Result<bool> {
        self.inner.within(&other.inner).or_throw(env)
    }

    /// Whether both sets grant the same on every node and cluster.
    #[napi(catch_unwind)]
    pub fn same_access(&self, env: &Env, other: &NativeSet) -> napi::Result<bool> {
        self.inner.same_access(&other.inner).or_throw(env)
    }

    /// A new set with `level` stored at `id`.
    #[napi(catch_unwind)]
    pub fn set(&self, env: &Env, id: String, level: String) -> napi::Result<NativeSet> {
        self.inner
            .set(&id, level.as_str())
            .map(NativeSet::wrap)
            .or_throw(env)
    }

    /// A new set where `id` stores nothing.
    #[napi(catch_unwind)]
    pub fn clear(&self, env: &Env, id: String) -> napi::Result<NativeSet> {
        self.inner.clear(&id).map(NativeSet::wrap).or_throw(env)
    }

    /// A new set with another role.
    #[napi(catch_unwind)]
    pub fn with_role(&self, env: &Env, role: String) -> napi::Result<NativeSet> {
        self.inner
            .with_role(role.as_str())
            .map(NativeSet::wrap)
            .or_throw(env)
    }

    /// The canonical document text.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The view's JSON text: the core's decisions for a browser, with each
    /// node's display name when `names` is true.
    #[napi(catch_unwind)]
    pub fn view_json(&self, names: bool) -> String {
        self.inner
            .view_json_with(studio_permissions::ViewOptions::new().names(names))
    }

    /// Whether both sets have the same catalog and canonical document.
    #[napi(catch_unwind)]
    pub fn equals(&self, other: &NativeSet) -> bool {
        self.inner == other.inner
    }
}
