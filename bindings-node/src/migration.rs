//! The native `Migration`: a catalog migration loaded, queried and applied by
//! the core.
//!
//! What a migration reports (each reduction with its cause and words, and a
//! workspace's report) crosses as the JSON text of the core's `to_value()`,
//! so every language hands on the same shape, word for word.

use crate::errors::OrThrow;
use crate::{NativeCatalog, NativeSet};
use napi::bindgen_prelude::Utf16String;
use napi::Env;
use napi_derive::napi;
use studio_permissions::{text_from_utf16, Migration, Node, Reduction};

/// A catalog migration from a source catalog to a target catalog.
#[napi]
pub struct NativeMigration {
    pub(crate) inner: Migration,
}

/// One set migrated: the set on the target catalog, its reductions as the
/// JSON text of a list of the core's `Reduction::to_value()`, the source ids
/// dropped and the target ids opened.
#[napi(object, object_from_js = false)]
pub struct JsMigrated {
    pub access: NativeSet,
    pub reductions: String,
    pub dropped: Vec<String>,
    pub opened: Vec<String>,
}

fn ids(nodes: Vec<&Node>) -> Vec<String> {
    nodes.into_iter().map(|n| n.id().to_string()).collect()
}

/// The JSON text of reductions, each as the core's `to_value()`.
pub(crate) fn reductions_json(reductions: &[Reduction]) -> String {
    let values: Vec<String> = reductions.iter().map(|r| r.to_value().to_string()).collect();
    format!("[{}]", values.join(","))
}

#[napi]
impl NativeMigration {
    /// Loads a migration's JSON text against its source and target catalogs.
    #[napi(factory, catch_unwind)]
    pub fn from_json(
        env: &Env,
        text: String,
        source: &NativeCatalog,
        target: &NativeCatalog,
    ) -> napi::Result<Self> {
        Migration::from_json(&text, &source.inner, &target.inner)
            .map(|inner| NativeMigration { inner })
            .or_throw(env)
    }

    /// Loads a migration from a string that is not well-formed UTF-16: each
    /// unpaired surrogate is written as its escape, which the core refuses.
    #[napi(factory, catch_unwind)]
    pub fn from_utf16(
        env: &Env,
        text: Utf16String,
        source: &NativeCatalog,
        target: &NativeCatalog,
    ) -> napi::Result<Self> {
        Migration::from_json(&text_from_utf16(&text), &source.inner, &target.inner)
            .map(|inner| NativeMigration { inner })
            .or_throw(env)
    }

    /// Whether some document could lose access by this migration.
    #[napi(catch_unwind)]
    pub fn can_reduce(&self) -> bool {
        self.inner.can_reduce()
    }

    /// The source ids whose content a target id now holds, in source order.
    #[napi(catch_unwind)]
    pub fn sources(&self, env: &Env, target_id: String) -> napi::Result<Vec<String>> {
        self.inner.sources(&target_id).map(ids).or_throw(env)
    }

    /// The target ids that hold a source id's content, in target order.
    #[napi(catch_unwind)]
    pub fn targets(&self, env: &Env, source_id: String) -> napi::Result<Vec<String>> {
        self.inner.targets(&source_id).map(ids).or_throw(env)
    }

    /// The target ids no source id maps to, in target order.
    #[napi(catch_unwind)]
    pub fn nodes_without_source(&self) -> Vec<String> {
        ids(self.inner.nodes_without_source())
    }

    /// Migrates one set to the target catalog.
    #[napi(catch_unwind)]
    pub fn apply(&self, env: &Env, set: &NativeSet) -> napi::Result<JsMigrated> {
        let migrated = self.inner.apply(set.inner()).or_throw(env)?;
        let reductions = reductions_json(migrated.reductions());
        let dropped = migrated.dropped().to_vec();
        let opened = migrated.opened().to_vec();
        Ok(JsMigrated {
            access: NativeSet::wrap(migrated.into_access()),
            reductions,
            dropped,
            opened,
        })
    }
}
