//! `Catalog`: the core catalog, with the text it was loaded from (to pickle it)
//! and its nodes as Python records, built once.

use crate::convert;
use crate::errors::{type_error, IntoPy};
use crate::text::{host_text, HostText};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple, PyType};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};
use std::sync::{Arc, OnceLock};
use studio_permissions::{Catalog, Error, NodeHandle};

/// What every `Catalog` and `AccessSet` wrapper of one catalog shares.
pub(crate) struct CatalogShared {
    pub catalog: Arc<Catalog>,
    /// The JSON text it was loaded from; `None` for the built-in catalog.
    source: Option<Arc<str>>,
    nodes: PyOnceLock<Py<PyTuple>>,
    /// The node ids as Python strings, in catalog order.
    ids: PyOnceLock<Py<PyTuple>>,
    /// What a check looks an id up in, built on the first check.
    check_index: PyOnceLock<CheckIndex>,
    /// Every node's handle, in catalog order.
    handles: Vec<NodeHandle>,
    hash: u64,
}

impl CatalogShared {
    fn new(catalog: Arc<Catalog>, source: Option<Arc<str>>) -> Arc<Self> {
        // Equal catalogs have the same version and ids, so the same hash.
        let mut hasher = DefaultHasher::new();
        catalog.version().hash(&mut hasher);
        for node in catalog.nodes() {
            node.id().hash(&mut hasher);
        }
        let handles = catalog
            .nodes()
            .iter()
            .filter_map(|n| catalog.node(n.id()).ok())
            .collect();
        Arc::new(CatalogShared {
            catalog,
            source,
            nodes: PyOnceLock::new(),
            ids: PyOnceLock::new(),
            check_index: PyOnceLock::new(),
            handles,
            hash: hasher.finish(),
        })
    }

    /// The built-in catalog, shared by every set that names no catalog.
    pub fn builtin() -> Arc<Self> {
        static BUILTIN: OnceLock<Arc<CatalogShared>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| CatalogShared::new(Catalog::builtin(), None))
            .clone()
    }

    /// Every node as a `Node` record, in catalog order.
    pub fn nodes<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyTuple>> {
        self.nodes
            .get_or_try_init(py, || convert::nodes(py, &self.catalog).map(Bound::unbind))
            .map(|t| t.bind(py))
    }

    /// Every node id as a Python `str`, in catalog order.
    pub fn ids<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyTuple>> {
        self.ids
            .get_or_try_init(py, || {
                PyTuple::new(py, self.catalog.nodes().iter().map(|n| n.id())).map(Bound::unbind)
            })
            .map(|t| t.bind(py))
    }

    /// The handle of the node `id` names, when `id` is an exact `str` that
    /// names one; `None` for anything else (the core then answers, and
    /// words any error). Found by the hash Python keeps in the string, then
    /// by identity with the interned id (a literal is that object) or else by
    /// its text: a check neither hashes nor, for a literal, reads the text.
    pub fn handle_of(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> Option<NodeHandle> {
        // An exact str only: a subclass's `__hash__` or `__eq__` must not decide.
        let id = id.cast_exact::<PyString>().ok()?;
        let index = self
            .check_index
            .get_or_try_init(py, || CheckIndex::new(py, &self.catalog))
            .ok()?;
        let position = *index.by_hash.get(&id.hash().ok()?)?;
        let same = match index.ids.get(position) {
            Some(interned) if interned.as_ptr() == id.as_ptr() => true,
            _ => self.catalog.nodes().get(position).map(|n| n.id()) == id.to_str().ok(),
        };
        if same {
            self.handles.get(position).copied()
        } else {
            None
        }
    }

    /// The `Node` record of the node at `index` in catalog order.
    pub fn node_at<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Bound<'py, PyAny>> {
        self.nodes(py)?.get_item(index)
    }
}

/// A check's index of a catalog's node ids, for Python's strings: by the
/// hash Python computes for a `str` (and caches in it), each id's position in
/// catalog order; ids whose hashes are equal are left out (a check then asks
/// the core by text). The interned ids, for a check by identity.
struct CheckIndex {
    by_hash: HashMap<isize, usize, BuildHasherDefault<PyHashed>>,
    ids: Vec<Py<PyString>>,
}

impl CheckIndex {
    fn new(py: Python<'_>, catalog: &Catalog) -> PyResult<CheckIndex> {
        let mut by_hash: HashMap<isize, usize, BuildHasherDefault<PyHashed>> = HashMap::default();
        let mut shared = Vec::new();
        let mut ids = Vec::with_capacity(catalog.len());
        for (position, node) in catalog.nodes().iter().enumerate() {
            let id = PyString::intern(py, node.id());
            if by_hash.insert(id.hash()?, position).is_some() {
                shared.push(id.hash()?);
            }
            ids.push(id.unbind());
        }
        for hash in shared {
            by_hash.remove(&hash);
        }
        Ok(CheckIndex { by_hash, ids })
    }
}

/// A hasher for keys that already are Python's hashes: it keeps the key.
#[derive(Default)]
struct PyHashed(u64);

impl Hasher for PyHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_isize(&mut self, value: isize) {
        self.0 = value as u64;
    }
}

/// The catalog of an optional `catalog=` argument: the built-in one for `None`.
pub(crate) fn shared_of(catalog: Option<&Bound<'_, PyCatalog>>) -> Arc<CatalogShared> {
    match catalog {
        Some(c) => c.get().shared.clone(),
        None => CatalogShared::builtin(),
    }
}

/// The tree of areas and sub-sections, the presets and the capabilities that
/// access sets are judged against.
#[pyclass(name = "Catalog", module = "studio_permissions", frozen)]
pub struct PyCatalog {
    pub(crate) shared: Arc<CatalogShared>,
}

/// Text for a catalog: `str` or UTF-8 `bytes`.
/// Loading runs with the GIL released.
fn load(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Result<(Catalog, Arc<str>), Error>> {
    match host_text(text)? {
        Some(HostText::Text(t)) => {
            Ok(py.detach(|| Catalog::from_json(&t).map(|c| (c, Arc::from(t.as_ref())))))
        }
        Some(HostText::Bytes(bytes)) => Ok(py.detach(|| from_bytes(bytes))),
        None => Err(type_error("catalog text", "str or bytes", text)),
    }
}

fn from_bytes(bytes: &[u8]) -> Result<(Catalog, Arc<str>), Error> {
    let catalog = Catalog::from_bytes(bytes)?;
    // `from_bytes` succeeded, so the bytes are UTF-8.
    let source = String::from_utf8_lossy(bytes);
    Ok((catalog, Arc::from(source.as_ref())))
}

#[pymethods]
impl PyCatalog {
    /// The catalog embedded in the core, matching the product's help page.
    #[staticmethod]
    fn default() -> PyCatalog {
        PyCatalog {
            shared: CatalogShared::builtin(),
        }
    }

    /// The JSON text of the catalog embedded in the core (`default()`).
    #[staticmethod]
    fn builtin_json() -> &'static str {
        Catalog::builtin_json()
    }

    /// Loads a catalog from its JSON format: `str` or UTF-8 `bytes`.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyCatalog> {
        let (catalog, source) = load(py, text)?.py_err(py)?;
        Ok(PyCatalog {
            shared: CatalogShared::new(Arc::new(catalog), Some(source)),
        })
    }

    #[classmethod]
    #[pyo3(signature = (source=None))]
    fn _restore(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        source: Option<PyBackedStr>,
    ) -> PyResult<PyCatalog> {
        match source {
            None => Ok(PyCatalog::default()),
            Some(text) => {
                let catalog = Catalog::from_json(&text).py_err(py)?;
                Ok(PyCatalog {
                    shared: CatalogShared::new(Arc::new(catalog), Some(Arc::from(&*text))),
                })
            }
        }
    }

    /// The catalog's version string, if it has one.
    #[getter]
    fn version(&self) -> Option<&str> {
        self.shared.catalog.version()
    }

    /// Every node (areas and sub-sections), in catalog order.
    #[getter]
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.shared.nodes(py).cloned()
    }

    /// Every node id, in catalog order (parents before their children).
    #[getter]
    fn ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.shared.ids(py).cloned()
    }

    /// The areas (the roots of the tree), in catalog order.
    #[getter]
    fn areas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let mut out = Vec::new();
        for (index, node) in self.shared.catalog.nodes().iter().enumerate() {
            if node.parent().is_none() {
                out.push(self.shared.node_at(py, index)?);
            }
        }
        PyTuple::new(py, out)
    }

    /// The node `id` names; `UnknownAreaError` if none.
    fn node<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let handle = self.shared.catalog.node(id).py_err(py)?;
        self.shared.node_at(py, handle.index())
    }

    /// The preset names, in catalog order.
    #[getter]
    fn presets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.shared.catalog.presets().iter().map(|p| p.name()))
    }

    /// The capability `name` names; `UnknownCapabilityError` (with the
    /// nearest name) if none.
    fn capability<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let capability = self.shared.catalog.capability(name).py_err(py)?;
        convert::capability(py, capability)
    }

    /// The JSON Schema (draft 2020-12) of an access document for this catalog,
    /// as a new `dict`. A document validates exactly when `AccessSet`
    /// accepts it strictly (the parent rule of each sub-section included),
    /// except what only JSON text shows: a repeated key, and text over the
    /// size limit.
    fn json_schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.shared.catalog.document_schema_json();
        py.import("json")?.call_method1("loads", (text,))
    }

    /// The capabilities, in catalog order.
    #[getter]
    fn capabilities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let mut out = Vec::new();
        for capability in self.shared.catalog.capabilities() {
            out.push(convert::capability(py, capability)?);
        }
        PyTuple::new(py, out)
    }

    fn __len__(&self) -> usize {
        self.shared.catalog.len()
    }

    /// Whether the catalog has a node with this id (never raises).
    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        match id.cast::<PyString>() {
            Ok(s) => s.to_str().is_ok_and(|id| self.shared.catalog.node(id).is_ok()),
            Err(_) => false,
        }
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.shared.nodes(py)?.try_iter().map(Bound::into_any)
    }

    /// Equal when the trees, presets and capabilities are (any other type:
    /// `NotImplemented`, as pyo3 answers when `other` is not a `Catalog`).
    fn __eq__(&self, other: &Bound<'_, PyCatalog>) -> bool {
        *self.shared.catalog == *other.get().shared.catalog
    }

    fn __hash__(&self) -> u64 {
        self.shared.hash
    }

    fn __repr__(&self) -> String {
        let c = &self.shared.catalog;
        format!(
            "<Catalog version={} areas={} nodes={} presets={} capabilities={}>",
            c.version().map_or("None".to_string(), |v| format!("{v:?}")),
            c.areas().count(),
            c.len(),
            c.presets().len(),
            c.capabilities().len()
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Option<String>,))> {
        let restore = slf.get_type().getattr("_restore")?;
        Ok((restore, (slf.get().shared.source.as_deref().map(String::from),)))
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }
}
