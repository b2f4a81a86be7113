//! The native `Workspace`: many users' access, loaded and queried by the core.
//!
//! Queries that return users (`who_can`, `who_has`) hand JavaScript each
//! user's position in export order as a `Uint32Array`; the JavaScript layer
//! maps positions to the user objects it read once from [`NativeWorkspace::users`].
//! So a query over 100,000 users costs one copy of indices, not 100,000
//! objects built across the boundary.

use crate::convert::{level_code, JsClusterCapabilityChange, JsProblem, JsRoleChange};
use crate::errors::{to_js, OrThrow};
use crate::migration::NativeMigration;
use crate::{mode, NativeCatalog, NativeSet};
use napi::bindgen_prelude::{JsObjectValue, JsValue};
use napi::bindgen_prelude::{ObjectFinalize, Uint32Array, Uint8Array, Utf16String};
use napi::{Env, Status};
use napi_derive::napi;
use studio_permissions::{Catalog, LevelChange, ReadError, Result, User, Workspace};

/// Every user's fields in export order, packed: one string holding every
/// id, name and email back to back, with the UTF-16 offsets where each
/// starts (`3 × users + 1` of them), which of name and email are present
/// (bit 1, bit 2), and each role as its position in `vocabulary().roles`.
#[napi(object)]
pub struct JsUserColumns {
    pub text: String,
    pub offsets: Uint32Array,
    pub present: Uint8Array,
    pub roles: Uint8Array,
}

/// Level changes, packed four numbers each: the node's catalog index, the
/// level before and after (positions in `vocabulary().levels`), and the
/// direction (its position in `vocabulary().directions`).
fn pack_changes(catalog: &Catalog, changes: &[LevelChange], out: &mut Vec<u32>) -> Result<()> {
    for c in changes {
        let node = catalog.get(&c.id)?.index() as u32;
        out.extend_from_slice(&[
            node,
            u32::from(level_code(c.before)),
            u32::from(level_code(c.after)),
            c.direction.index() as u32,
        ]);
    }
    Ok(())
}

/// A preset's position in the catalog's list. `Catalog::preset` finds it by
/// name in that list (a name it lacks is the core's `unknown_preset`, never a
/// stand-in position), so the presets before it are its position.
fn preset_position(catalog: &Catalog, name: &str) -> Result<u32> {
    let preset = catalog.preset(name)?;
    Ok(catalog
        .presets()
        .iter()
        .take_while(|p| !std::ptr::eq(*p, preset))
        .count() as u32)
}

/// A member whose stored levels under a `none` ancestor play no part.
#[napi(object)]
pub struct JsDormant {
    pub user: String,
    pub ids: Vec<String>,
}

/// Each member's preset, exact or nearest, as columns: `presets` holds
/// positions in the catalog's preset list, `lengths` how many packed changes
/// (see `pack_changes`) of `differences` belong to each member.
#[napi(object)]
pub struct JsPresetMatches {
    pub users: Vec<String>,
    pub presets: Vec<u32>,
    pub exact: Vec<bool>,
    pub lengths: Vec<u32>,
    pub differences: Uint32Array,
}

/// What changed between two snapshots: the changed users as columns, each
/// with its role change and the number of packed escalations and reductions
/// (see `pack_changes`) that belong to it, in that order.
#[napi(object)]
pub struct JsWorkspaceDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub users: Vec<String>,
    pub roles: Vec<Option<JsRoleChange>>,
    pub escalations: Vec<u32>,
    pub reductions: Vec<u32>,
    pub changes: Uint32Array,
    /// Each changed user's capability changes, on every cluster.
    pub capabilities: Vec<Vec<JsClusterCapabilityChange>>,
    /// Each changed user's change in one line.
    pub summaries: Vec<String>,
    /// The core's review as Markdown (`WorkspaceDiff::to_markdown`), each
    /// list cut at `REVIEW_LIMIT` entries.
    pub markdown: String,
}

/// A migrated workspace and the JSON text of the core's
/// `MigrationReport::to_value()`.
#[napi(object, object_from_js = false)]
pub struct JsWorkspaceMigration {
    pub workspace: NativeWorkspace,
    pub report: String,
}

/// Positions (export order) of `found`, a subsequence of `workspace.users()`
/// in export order, as the core's queries return it. A user is recognised by
/// the address of its id in the workspace's own strings, so no id is compared
/// or copied.
fn positions(workspace: &Workspace, found: &[User<'_>]) -> Uint32Array {
    let mut out = Vec::with_capacity(found.len());
    let mut next = found.iter().peekable();
    for (index, user) in workspace.users().enumerate() {
        let Some(want) = next.peek() else { break };
        if std::ptr::eq(want.id(), user.id()) {
            out.push(index as u32);
            next.next();
        }
    }
    Uint32Array::new(out)
}

/// Many users' access, judged by the core against one catalog.
///
/// The memory it holds is reported to V8 (`adjust_external_memory`), so the
/// garbage collector knows that dropping a workspace frees megabytes.
#[napi(custom_finalize)]
pub struct NativeWorkspace {
    inner: Workspace,
    external: i64,
}

impl NativeWorkspace {
    fn wrap(env: &Env, inner: Workspace) -> Self {
        let strings: usize = inner
            .users()
            .map(|u| u.id().len() + u.name().map_or(0, str::len) + u.email().map_or(0, str::len))
            .sum();
        let bytes = inner.len() * inner.bytes_per_user() + strings;
        let external = i64::try_from(bytes).unwrap_or(i64::MAX);
        // Only a hint to the collector: a failure changes no answer.
        let external = env.adjust_external_memory(external).map_or(0, |_| external);
        NativeWorkspace { inner, external }
    }
}

impl ObjectFinalize for NativeWorkspace {
    fn finalize(self, env: Env) -> napi::Result<()> {
        if self.external != 0 {
            env.adjust_external_memory(-self.external)?;
        }
        Ok(())
    }
}

/// The system error of reading `path`, with the fields of a Node system
/// error (`errno` negative, `syscall`, `path`); the JavaScript layer names it.
fn io_error(env: &Env, path: &str, call: &str, error: &std::io::Error) -> napi::Error {
    let built = (|| {
        let mut object = env.create_error(napi::Error::new(Status::GenericFailure, error.to_string()))?;
        if let Some(errno) = error.raw_os_error() {
            object.set_named_property("errno", -errno)?;
        }
        object.set_named_property("syscall", call)?;
        object.set_named_property("path", path)?;
        Ok::<_, napi::Error>(napi::Error::from(object.to_unknown()))
    })();
    built.unwrap_or_else(|e| e)
}

#[napi]
impl NativeWorkspace {
    /// Loads a JSON export (an array of records).
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, catalog: &NativeCatalog, text: String, lenient: bool) -> napi::Result<Self> {
        Workspace::from_json(&catalog.inner, &text, mode(lenient))
            .map(|inner| NativeWorkspace::wrap(env, inner))
            .or_throw(env)
    }

    /// Loads an export from a file, read a part at a time (the text is never
    /// held whole): `*.jsonl` and `*.ndjson` are JSON Lines, any other name a
    /// JSON array export. A file that cannot be read throws an error with the
    /// system's `errno` (negative, as in Node), `syscall` and `path`, which
    /// the JavaScript layer turns into the error `node:fs` throws.
    #[napi(factory, catch_unwind)]
    pub fn from_path(env: &Env, catalog: &NativeCatalog, path: String, lenient: bool) -> napi::Result<Self> {
        match Workspace::from_path(&catalog.inner, &path, mode(lenient)) {
            Ok(inner) => Ok(NativeWorkspace::wrap(env, inner)),
            Err(ReadError::Export(e)) => Err(to_js(env, &e)),
            Err(ReadError::Io { call, source, .. }) => Err(io_error(env, &path, call, &source)),
        }
    }

    /// Loads the text `JSON.stringify` wrote for a list of records: each
    /// problem's `line` is the record's 1-based position in the list.
    #[napi(factory, catch_unwind)]
    pub fn from_records(
        env: &Env,
        catalog: &NativeCatalog,
        text: String,
        lenient: bool,
    ) -> napi::Result<Self> {
        Workspace::from_records_json(&catalog.inner, &text, mode(lenient))
            .map(|inner| NativeWorkspace::wrap(env, inner))
            .or_throw(env)
    }

    /// Loads JSON Lines (one record per line; blank lines skipped).
    #[napi(factory, catch_unwind)]
    pub fn from_json_lines(
        env: &Env,
        catalog: &NativeCatalog,
        text: String,
        lenient: bool,
    ) -> napi::Result<Self> {
        Workspace::from_json_lines(&catalog.inner, &text, mode(lenient))
            .map(|inner| NativeWorkspace::wrap(env, inner))
            .or_throw(env)
    }

    /// Loads a JSON export (`lines` false) or JSON Lines (`lines` true) from a
    /// string that is not well-formed UTF-16: the core's `text_from_utf16`
    /// writes each unpaired surrogate as its escape, which the reader refuses
    /// as JSON in its record, as in every language.
    #[napi(factory, catch_unwind)]
    pub fn from_utf16(
        env: &Env,
        catalog: &NativeCatalog,
        text: Utf16String,
        lines: bool,
        lenient: bool,
    ) -> napi::Result<Self> {
        let text = studio_permissions::text_from_utf16(&text);
        if lines {
            Workspace::from_json_lines(&catalog.inner, &text, mode(lenient))
        } else {
            Workspace::from_json(&catalog.inner, &text, mode(lenient))
        }
        .map(|inner| NativeWorkspace::wrap(env, inner))
        .or_throw(env)
    }

    /// The number of users loaded.
    #[napi(catch_unwind)]
    pub fn len(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Every problem found while loading (lenient mode), in record order.
    #[napi(catch_unwind)]
    pub fn problems(&self) -> Vec<JsProblem> {
        self.inner.problems().iter().map(JsProblem::from).collect()
    }

    /// The users as export records, as the core writes them (a JSON array
    /// text): one crossing instead of an object per field.
    #[napi(catch_unwind)]
    pub fn records_json(&self) -> String {
        self.inner.to_records_json(false)
    }

    /// Every user's id, name, email and role, in export order.
    #[napi(catch_unwind)]
    pub fn users(&self) -> JsUserColumns {
        let n = self.inner.len();
        let mut text = String::new();
        let mut offsets = Vec::with_capacity(3 * n + 1);
        let mut present = Vec::with_capacity(n);
        let mut roles = Vec::with_capacity(n);
        let mut at = 0u32;
        offsets.push(at);
        for user in self.inner.users() {
            let (name, email) = (user.name(), user.email());
            for field in [Some(user.id()), name, email] {
                let field = field.unwrap_or("");
                text.push_str(field);
                at = at.saturating_add(field.encode_utf16().count() as u32);
                offsets.push(at);
            }
            present.push(u8::from(name.is_some()) | (u8::from(email.is_some()) << 1));
            roles.push(user.role().index() as u8);
        }
        JsUserColumns {
            text,
            offsets: Uint32Array::new(offsets),
            present: Uint8Array::new(present),
            roles: Uint8Array::new(roles),
        }
    }

    /// The position of the user with this id, looked up by the core (a JS
    /// `Map` would hash ids of 16,384 characters or more by length alone).
    #[napi(catch_unwind)]
    pub fn user_index(&self, id: String) -> Option<u32> {
        self.inner.user(&id).map(|u| u.index() as u32)
    }

    /// The access set of the user at `index` (export order), rebuilt by the core.
    #[napi(catch_unwind)]
    pub fn access(&self, index: u32) -> Option<NativeSet> {
        let user = self.inner.user_at(index as usize)?;
        Some(NativeSet::wrap(user.access()))
    }

    /// Positions of the users who may do `action` on `id`.
    #[napi(catch_unwind)]
    pub fn who_can(&self, env: &Env, id: String, action: String) -> napi::Result<Uint32Array> {
        let found = self.inner.who_can(&id, action.as_str()).or_throw(env)?;
        Ok(positions(&self.inner, &found))
    }

    /// Positions of the users who hold a capability on a cluster (default `standard`).
    #[napi(catch_unwind)]
    pub fn who_has(
        &self,
        env: &Env,
        capability: String,
        cluster: Option<String>,
    ) -> napi::Result<Uint32Array> {
        let found = match cluster {
            Some(cluster) => self.inner.who_has(&capability, cluster.as_str()),
            None => self
                .inner
                .who_has(&capability, studio_permissions::Cluster::default()),
        }
        .or_throw(env)?;
        Ok(positions(&self.inner, &found))
    }

    /// For each node in catalog order, how many users are at `none`, `read`,
    /// `edit`: three numbers per node.
    #[napi(catch_unwind)]
    pub fn counts(&self) -> Vec<u32> {
        self.inner
            .counts()
            .iter()
            .flat_map(|c| c.iter().map(|&n| n as u32))
            .collect()
    }

    /// Members with dormant stored ids.
    #[napi(catch_unwind)]
    pub fn dormant(&self) -> Vec<JsDormant> {
        self.inner
            .dormant()
            .into_iter()
            .map(|(user, ids)| JsDormant {
                user: user.id().to_string(),
                ids: ids.into_iter().map(str::to_string).collect(),
            })
            .collect()
    }

    /// Each member's preset, exact or nearest.
    #[napi(catch_unwind)]
    pub fn preset_matches(&self, env: &Env) -> napi::Result<JsPresetMatches> {
        let catalog = self.inner.catalog();
        let matches = self.inner.preset_matches();
        let mut out = JsPresetMatches {
            users: Vec::with_capacity(matches.len()),
            presets: Vec::with_capacity(matches.len()),
            exact: Vec::with_capacity(matches.len()),
            lengths: Vec::with_capacity(matches.len()),
            differences: Uint32Array::new(Vec::new()),
        };
        let mut differences = Vec::new();
        for m in matches {
            out.presets
                .push(preset_position(catalog, &m.preset).or_throw(env)?);
            out.exact.push(m.exact);
            out.lengths.push(m.differences.len() as u32);
            pack_changes(catalog, &m.differences, &mut differences).or_throw(env)?;
            out.users.push(m.user);
        }
        out.differences = Uint32Array::new(differences);
        Ok(out)
    }

    /// What changed from this snapshot to `after`.
    #[napi(catch_unwind)]
    pub fn diff(&self, env: &Env, after: &NativeWorkspace) -> napi::Result<JsWorkspaceDiff> {
        let d = self.inner.diff(&after.inner).or_throw(env)?;
        let catalog = self.inner.catalog();
        let n = d.changed.len();
        let markdown = d.to_markdown(studio_permissions::REVIEW_LIMIT);
        let mut out = JsWorkspaceDiff {
            added: d.added,
            removed: d.removed,
            users: Vec::with_capacity(n),
            roles: Vec::with_capacity(n),
            escalations: Vec::with_capacity(n),
            reductions: Vec::with_capacity(n),
            changes: Uint32Array::new(Vec::new()),
            capabilities: Vec::with_capacity(n),
            summaries: Vec::with_capacity(n),
            markdown,
        };
        let mut changes = Vec::new();
        for c in d.changed {
            out.summaries.push(c.summary(catalog.len()));
            out.capabilities.push(
                c.capabilities
                    .iter()
                    .map(JsClusterCapabilityChange::from)
                    .collect(),
            );
            out.roles.push(c.role.map(JsRoleChange::from));
            out.escalations.push(c.escalations.len() as u32);
            out.reductions.push(c.reductions.len() as u32);
            pack_changes(catalog, &c.escalations, &mut changes).or_throw(env)?;
            pack_changes(catalog, &c.reductions, &mut changes).or_throw(env)?;
            out.users.push(c.user);
        }
        out.changes = Uint32Array::new(changes);
        Ok(out)
    }

    /// Migrates every user to the migration's target catalog, in export
    /// order, with the core's report.
    #[napi(catch_unwind)]
    pub fn migrate(&self, env: &Env, migration: &NativeMigration) -> napi::Result<JsWorkspaceMigration> {
        let out = self.inner.migrate(&migration.inner).or_throw(env)?;
        Ok(JsWorkspaceMigration {
            report: out.report.to_value().to_string(),
            workspace: NativeWorkspace::wrap(env, out.workspace),
        })
    }

    /// Every user's effective levels, users in export order, nodes in catalog
    /// order, each a position in `vocabulary().levels`.
    #[napi(catch_unwind)]
    pub fn matrix(&self) -> Uint8Array {
        let codes: Vec<u8> = self
            .inner
            .users()
            .flat_map(|u| u.levels().iter().map(|&l| level_code(l)))
            .collect();
        Uint8Array::new(codes)
    }

    /// Bytes the core holds per user beyond the strings.
    #[napi(catch_unwind)]
    pub fn bytes_per_user(&self) -> u32 {
        self.inner.bytes_per_user() as u32
    }
}
