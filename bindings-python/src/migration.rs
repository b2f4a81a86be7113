//! `Migration`: the core's catalog migration, with its two catalogs. Applying
//! it hands the core's answers to the records of `studio_permissions._migration`.

use crate::access::PyAccessSet;
use crate::catalog::{CatalogShared, PyCatalog};
use crate::errors::{type_error, IntoPy};
use crate::host::host;
use crate::text::{host_text, HostText};
use crate::workspace::PyWorkspace;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use std::sync::Arc;
use studio_permissions::{Migration, Reduction};

/// A map from a source catalog's ids to a reorganized target catalog's ids,
/// loaded and checked against both. `apply` moves one access set;
/// `Workspace.migrate` moves every user. Nobody gains access: merged content
/// takes the lowest level of its sources, and every loss is reported.
#[pyclass(name = "Migration", module = "studio_permissions", frozen)]
pub struct PyMigration {
    inner: Migration,
    source: Arc<CatalogShared>,
    target: Arc<CatalogShared>,
}

impl PyMigration {
    pub(crate) fn inner(&self) -> &Migration {
        &self.inner
    }

    fn load(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        source: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
    ) -> PyResult<PyMigration> {
        let source = catalog_arg(source, "source")?;
        let target = catalog_arg(target, "target")?;
        let (a, b) = (&source.catalog, &target.catalog);
        let inner = match host_text(text)? {
            Some(HostText::Text(t)) => py.detach(|| Migration::from_json(&t, a, b)),
            Some(HostText::Bytes(bytes)) => py.detach(|| Migration::from_bytes(bytes, a, b)),
            None => return Err(type_error("migration text", "str or bytes", text)),
        }
        .py_err(py)?;
        Ok(PyMigration {
            inner,
            source,
            target,
        })
    }
}

fn catalog_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Arc<CatalogShared>> {
    match obj.cast::<PyCatalog>() {
        Ok(c) => Ok(c.get().shared.clone()),
        Err(_) => Err(type_error(name, "a Catalog", obj)),
    }
}

fn reduction<'py>(py: Python<'py>, class: &Bound<'py, PyAny>, r: &Reduction) -> PyResult<Bound<'py, PyAny>> {
    let host = host(py)?;
    class.call1((
        r.id.as_str(),
        r.cause.as_str(),
        host.level(py, r.before),
        host.level(py, r.after),
        r.target.as_str(),
        r.by.as_str(),
        host.level(py, r.by_level),
        r.describe(),
    ))
}

#[pymethods]
impl PyMigration {
    /// Loads a migration's JSON text (`str` or UTF-8 `bytes`) against its
    /// source and target catalogs; `InvalidMigrationError` names the fault.
    #[staticmethod]
    #[pyo3(signature = (text, *, source, target))]
    fn from_json(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        source: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
    ) -> PyResult<PyMigration> {
        PyMigration::load(py, text, source, target)
    }

    /// Judges a dict exactly as the text `json.dumps(obj, allow_nan=False)`
    /// writes; a value it cannot write is `InvalidMigrationError`.
    #[staticmethod]
    #[pyo3(signature = (obj, *, source, target))]
    fn from_dict(
        py: Python<'_>,
        obj: &Bound<'_, PyAny>,
        source: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
    ) -> PyResult<PyMigration> {
        let text = crate::text::json_text_or(py, obj, Migration::unrepresentable("", "the value"))?;
        PyMigration::load(py, text.as_any(), source, target)
    }

    /// The catalog the stored documents are written against.
    #[getter]
    fn source(&self) -> PyCatalog {
        PyCatalog {
            shared: self.source.clone(),
        }
    }

    /// The catalog they move to.
    #[getter]
    fn target(&self) -> PyCatalog {
        PyCatalog {
            shared: self.target.clone(),
        }
    }

    /// Whether some document could lose access besides dropped content: a
    /// target with several sources (a merge), or one under a new parent
    /// whose own sources may be lower (a clamp).
    fn can_reduce(&self) -> bool {
        self.inner.can_reduce()
    }

    /// The source ids whose content `target_id` now holds, in source order.
    fn sources(&self, py: Python<'_>, target_id: &str) -> PyResult<Vec<String>> {
        let nodes = self.inner.sources(target_id).py_err(py)?;
        Ok(nodes.iter().map(|n| n.id().to_string()).collect())
    }

    /// The target ids that hold `source_id`'s content, in target order
    /// (empty when it is dropped).
    fn targets(&self, py: Python<'_>, source_id: &str) -> PyResult<Vec<String>> {
        let nodes = self.inner.targets(source_id).py_err(py)?;
        Ok(nodes.iter().map(|n| n.id().to_string()).collect())
    }

    /// The target ids no source maps to (new content or new containers).
    fn nodes_without_source(&self) -> Vec<String> {
        self.inner
            .nodes_without_source()
            .iter()
            .map(|n| n.id().to_string())
            .collect()
    }

    /// Moves one access set (of the source catalog) to the target catalog:
    /// a `MigratedAccess` with `.access`, `.reductions` (`(id, cause)`
    /// pairs), `.dropped`, `.opened` and `.details` (each reduction's words).
    fn apply<'py>(&self, py: Python<'py>, access: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let set = access
            .cast::<PyAccessSet>()
            .map_err(|_| type_error("access", "an AccessSet", access))?;
        let migrated = self.inner.apply(set.get().inner()).py_err(py)?;
        let module = py.import("studio_permissions._migration")?;
        let reduction_class = module.getattr("Reduction")?;
        let pairs = PyList::empty(py);
        let details = PyList::empty(py);
        for r in migrated.reductions() {
            pairs.append(PyTuple::new(py, [r.id.as_str(), r.cause.as_str()])?)?;
            details.append(reduction(py, &reduction_class, r)?)?;
        }
        let dropped = migrated.dropped().to_vec();
        let opened = migrated.opened().to_vec();
        let out = PyAccessSet::new(migrated.into_access(), self.target.clone(), None);
        module
            .getattr("MigratedAccess")?
            .call1((out, pairs, dropped, opened, PyTuple::new(py, details)?))
    }

    fn __repr__(&self) -> String {
        let version = |c: &CatalogShared| c.catalog.version().unwrap_or("no version").to_string();
        format!(
            "<Migration {} -> {}>",
            version(&self.source),
            version(&self.target)
        )
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }
}

/// `Workspace.migrate`: the migrated workspace and the core's report as JSON
/// text, which `studio_permissions._migration` turns into its records.
pub(crate) fn migrate_workspace<'py>(
    py: Python<'py>,
    workspace: &PyWorkspace,
    migration: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let m = migration
        .cast::<PyMigration>()
        .map_err(|_| type_error("migration", "a Migration", migration))?;
    let m = m.get();
    let inner = workspace.inner();
    let out = py.detach(|| m.inner().apply_workspace(inner)).py_err(py)?;
    let report = out.report.to_value().to_string();
    let html = out.report.to_html(studio_permissions::REVIEW_LIMIT);
    let ws = PyWorkspace::wrap(out.workspace, m.target.clone());
    py.import("studio_permissions._migration")?
        .getattr("WorkspaceMigration")?
        .call_method1("_from_core", (ws, report, html))
}
