//! `AccessSet`: the core's compiled, immutable permissions of one user.
//!
//! Every method translates: strings in (the core parses names, so arguments are
//! checked left to right by the core), records and enum members out, errors
//! mapped in `errors.rs`. No rule is decided here.

use crate::catalog::{shared_of, CatalogShared, PyCatalog};
use crate::convert;
use crate::errors::{type_error, IntoPy};
use crate::host::host;
use crate::refusal::PyRefusal;
use crate::text::{host_text, HostText};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use studio_permissions::{AccessSet, Action, Cluster, Level, Mode, Role, ViewOptions};

/// How many stored entries `repr` shows before eliding the rest.
const REPR_ENTRIES: usize = 4;

/// The permissions of one user, judged against a catalog. Immutable.
///
/// Build one from a stored document (`from_json`, `from_dict`), a preset,
/// `admin()` or `member()`. Ask it `can`, `require`, `level`, `capability`
/// and `explain`; change it with `set`, `clear` and `with_role`, which return
/// new sets. `==` compares the stored documents and catalogs; `same_access`
/// compares what two sets grant. In a pydantic model, an `AccessSet` field
/// takes a dict, JSON text or a set, and dumps the canonical document as JSON.
#[pyclass(name = "AccessSet", module = "studio_permissions", frozen)]
pub struct PyAccessSet {
    inner: AccessSet,
    catalog: Arc<CatalogShared>,
    /// What a lenient parse had warnings for, so that a pickled copy
    /// re-parses it and keeps them; `None` when the canonical text suffices.
    source: Option<Source>,
}

/// What a pickled copy of a set with warnings re-parses.
pub(crate) enum Source {
    /// The text it was parsed from.
    Text(Arc<str>),
    /// A copy of the plain `dict` it was read from (its strings cannot
    /// change), written as `json.dumps` writes it only when pickled.
    Held(Py<PyDict>),
}

pub(crate) fn mode(lenient: bool) -> Mode {
    if lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    }
}

impl PyAccessSet {
    /// A set's wrapper; `source` is kept only when the set has warnings.
    pub(crate) fn new(inner: AccessSet, catalog: Arc<CatalogShared>, source: Option<Source>) -> Self {
        let source = if inner.has_warnings() { source } else { None };
        PyAccessSet {
            inner,
            catalog,
            source,
        }
    }

    /// The core's set.
    pub(crate) fn inner(&self) -> &AccessSet {
        &self.inner
    }

    fn derived(&self, inner: AccessSet) -> Self {
        PyAccessSet::new(inner, self.catalog.clone(), None)
    }

    /// Parses with the GIL released, so a long lenient parse never starves
    /// other Python threads.
    fn parse_str(py: Python<'_>, shared: Arc<CatalogShared>, text: &str, mode: Mode) -> PyResult<Self> {
        let catalog = &shared.catalog;
        let inner = py.detach(|| AccessSet::parse(catalog, text, mode)).py_err(py)?;
        let source = inner.has_warnings().then(|| Source::Text(Arc::from(text)));
        Ok(PyAccessSet::new(inner, shared, source))
    }

    fn parse_bytes(py: Python<'_>, shared: Arc<CatalogShared>, bytes: &[u8], mode: Mode) -> PyResult<Self> {
        let catalog = &shared.catalog;
        let inner = py
            .detach(|| AccessSet::parse_bytes(catalog, bytes, mode))
            .py_err(py)?;
        let source = match inner.has_warnings() {
            true => std::str::from_utf8(bytes)
                .ok()
                .map(|t| Source::Text(Arc::from(t))),
            false => None,
        };
        Ok(PyAccessSet::new(inner, shared, source))
    }
}

#[pymethods]
impl PyAccessSet {
    // ---- constructors ------------------------------------------------------

    /// Parses a stored document from JSON text (`str` or UTF-8 `bytes`).
    #[staticmethod]
    #[pyo3(signature = (text, *, lenient = false, catalog = None))]
    fn from_json(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        lenient: bool,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        let shared = shared_of(catalog);
        match host_text(text)? {
            Some(HostText::Text(t)) => PyAccessSet::parse_str(py, shared, &t, mode(lenient)),
            Some(HostText::Bytes(b)) => PyAccessSet::parse_bytes(py, shared, b, mode(lenient)),
            None => Err(type_error("text", "str or bytes", text)),
        }
    }

    /// Judges a host value exactly as the text `json.dumps(obj, allow_nan=False)`
    /// writes for it; a value it cannot write is `invalid_document`.
    #[staticmethod]
    #[pyo3(signature = (obj, *, lenient = false, catalog = None))]
    fn from_dict(
        py: Python<'_>,
        obj: &Bound<'_, PyAny>,
        lenient: bool,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        let shared = shared_of(catalog);
        // Plain data of known ids and level names, read in one walk: the core
        // judges the stored levels as it would the text.
        if let Some((role, stored)) = plain_stored(py, &shared, obj) {
            if let Some(inner) = AccessSet::from_stored(&shared.catalog, role, stored, mode(lenient)) {
                let source = match inner.has_warnings() {
                    true => Some(Source::Held(held_copy(obj)?.unbind())),
                    false => None,
                };
                return Ok(PyAccessSet::new(inner, shared, source));
            }
        }
        let held = HeldDocument::of(obj);
        if let Some((role, entries)) = held.as_ref().and_then(HeldDocument::strs) {
            let inner = AccessSet::from_entries(&shared.catalog, role, &entries, mode(lenient)).py_err(py)?;
            // A lenient set keeps its source text for pickling: the text
            // `json.dumps` writes, as on the general path below.
            let source = match inner.has_warnings() {
                true => Some(Source::Text(Arc::from(dumps(py, obj)?.to_str()?))),
                false => None,
            };
            return Ok(PyAccessSet::new(inner, shared, source));
        }
        let text = crate::text::json_text_or(py, obj, AccessSet::unrepresentable("", "the value"))?;
        PyAccessSet::parse_str(py, shared, text.to_str()?, mode(lenient))
    }

    /// Every problem a strict parse of `document` meets (text, `bytes` or a
    /// host value judged as `json.dumps` writes it), in the order of the
    /// error table and then document order: a list of `DocumentProblem`,
    /// empty exactly when `from_json`/`from_dict` would succeed.
    #[staticmethod]
    #[pyo3(signature = (document, *, catalog = None))]
    fn validate<'py>(
        py: Python<'py>,
        document: &Bound<'py, PyAny>,
        catalog: Option<&Bound<'py, PyCatalog>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let shared = shared_of(catalog);
        let problems = if let Some(text) = host_text(document)? {
            match text {
                HostText::Text(t) => AccessSet::validate(&shared.catalog, &t),
                HostText::Bytes(b) => AccessSet::validate_bytes(&shared.catalog, b),
            }
        } else {
            match crate::text::json_text(py, document)? {
                Ok(text) => AccessSet::validate(&shared.catalog, text.to_str()?),
                Err(_) => vec![AccessSet::unrepresentable("", "the value").into()],
            }
        };
        let class = host(py)?.document_problem.bind(py);
        let out = PyList::empty(py);
        for p in &problems {
            out.append(class.call1((p.code, p.path.as_deref(), p.message.as_str()))?)?;
        }
        Ok(out)
    }

    /// The set of a catalog preset (role `member`).
    #[staticmethod]
    #[pyo3(signature = (name, *, catalog = None))]
    fn preset(py: Python<'_>, name: &str, catalog: Option<&Bound<'_, PyCatalog>>) -> PyResult<Self> {
        let shared = shared_of(catalog);
        let inner = AccessSet::preset(&shared.catalog, name).py_err(py)?;
        Ok(PyAccessSet::new(inner, shared, None))
    }

    /// An admin that stores nothing: `edit` everywhere.
    #[staticmethod]
    #[pyo3(signature = (*, catalog = None))]
    fn admin(catalog: Option<&Bound<'_, PyCatalog>>) -> Self {
        let shared = shared_of(catalog);
        PyAccessSet::new(AccessSet::admin(&shared.catalog), shared, None)
    }

    /// A member that stores nothing: every node hidden.
    #[staticmethod]
    #[pyo3(signature = (*, catalog = None))]
    fn member(catalog: Option<&Bound<'_, PyCatalog>>) -> Self {
        let shared = shared_of(catalog);
        PyAccessSet::new(AccessSet::member(&shared.catalog), shared, None)
    }

    #[classmethod]
    fn _restore(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        catalog: &Bound<'_, PyCatalog>,
        text: PyBackedStr,
        lenient: bool,
    ) -> PyResult<Self> {
        PyAccessSet::parse_str(py, catalog.get().shared.clone(), &text, mode(lenient))
    }

    // ---- properties ------------------------------------------------------

    /// `Role.ADMIN` or `Role.MEMBER`.
    #[getter]
    fn role<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(host(py)?.role(py, self.inner.role()))
    }

    /// What lenient parsing set aside; empty for strict parsing and changes.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let mut out = Vec::with_capacity(self.inner.warnings().len());
        for w in self.inner.warnings() {
            out.push(convert::warning(py, w)?);
        }
        PyTuple::new(py, out)
    }

    /// The catalog the set was judged against.
    #[getter]
    fn catalog(&self) -> PyCatalog {
        PyCatalog {
            shared: self.catalog.clone(),
        }
    }

    // ---- checks ------------------------------------------------------------

    /// The effective level of `id`.
    fn level<'py>(&self, py: Python<'py>, id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let level = match self
            .catalog
            .handle_of(py, id)
            .map(|node| self.inner.level_at(node))
        {
            Some(Ok(level)) => level,
            _ => self.inner.level(str_argument(id, "id")?).py_err(py)?,
        };
        Ok(host(py)?.level(py, level))
    }

    /// Whether the user may do `action` on `id`.
    fn can(&self, py: Python<'_>, id: &Bound<'_, PyAny>, action: &Bound<'_, PyAny>) -> PyResult<bool> {
        // The common call, an id and an action of the vocabulary as exact
        // strings: the core answers by the node's handle.
        if let (Some(node), Some(action)) = (self.catalog.handle_of(py, id), check_action(py, action)) {
            if let Ok(allowed) = self.inner.allowed_at(node, action) {
                return Ok(allowed);
            }
        }
        // Anything else (an unknown name, a str subclass, not a str): the
        // core's answer or error for the text, arguments checked in order.
        let (id, action) = (str_argument(id, "id")?, str_argument(action, "action")?);
        self.inner.can(id, action).py_err(py)
    }

    /// Returns `None` when allowed; raises `PermissionDenied` (carrying the
    /// `Explanation`) when not.
    fn require(slf: &Bound<'_, Self>, id: &str, action: &str) -> PyResult<()> {
        let py = slf.py();
        // The core's answer first (it checks the arguments, left to right);
        // a refusal is explained only when its reason is read.
        if slf.get().inner.can(id, action).py_err(py)? {
            return Ok(());
        }
        let action = Action::parse(action).py_err(py)?;
        let refusal = Bound::new(py, PyRefusal::check(slf.clone().unbind(), id, action))?;
        Err(crate::errors::denied(py, refusal)?)
    }

    /// Whether the user holds a capability on a cluster.
    #[pyo3(signature = (name, cluster = "standard"))]
    fn capability(&self, py: Python<'_>, name: &str, cluster: &str) -> PyResult<bool> {
        self.inner.capability(name, cluster).py_err(py)
    }

    /// Returns `None` when the user holds the capability on `cluster`; raises
    /// `CapabilityDenied` when not.
    #[pyo3(signature = (name, cluster = "standard"))]
    fn require_capability(&self, py: Python<'_>, name: &str, cluster: &str) -> PyResult<()> {
        self.inner.require_capability(name, cluster).py_err(py)
    }

    /// The explanation of `action` at `id`: the decision, its reason and the chain from the area down.
    fn explain<'py>(&self, py: Python<'py>, id: &str, action: &str) -> PyResult<Bound<'py, PyAny>> {
        let explanation = self.inner.explain(id, action).py_err(py)?;
        convert::explanation(py, &explanation)
    }

    /// What `id` stores, or `None` when it stores nothing.
    fn stored<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let stored = self.inner.stored(id).py_err(py)?;
        let host = host(py)?;
        Ok(stored.map(|l| host.level(py, l)))
    }

    // ---- derived views -----------------------------------------------------

    /// Every node's id with its effective level, in catalog order.
    fn effective<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let host = host(py)?;
        let out = PyDict::new(py);
        for (node, level) in self.inner.effective() {
            out.set_item(node.id(), host.level(py, level))?;
        }
        Ok(out)
    }

    /// The navigation tree: the `Node`s at `read` or above, in catalog order.
    fn visible<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for node in self.inner.visible() {
            out.append(self.catalog.node_at(py, node.index())?)?;
        }
        Ok(out)
    }

    /// What changes from this set to `other` on `cluster`.
    #[pyo3(signature = (other, cluster = "standard"))]
    fn diff<'py>(
        &self,
        py: Python<'py>,
        other: &Bound<'py, PyAccessSet>,
        cluster: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        // The core checks the arguments left to right: the other set's
        // catalog, then the cluster.
        let diff = self.inner.diff(&other.get().inner, cluster).py_err(py)?;
        let cluster = Cluster::parse(cluster).py_err(py)?;
        convert::diff(py, &diff, cluster, self.inner.catalog().len())
    }

    /// True when this set grants nothing that `other` does not.
    fn within(&self, py: Python<'_>, other: &Bound<'_, PyAccessSet>) -> PyResult<bool> {
        self.inner.within(&other.get().inner).py_err(py)
    }

    /// True when both sets grant the same: the same effective level on every
    /// node and the same capabilities on every cluster, whatever each stores
    /// (`==` compares the stored documents).
    fn same_access(&self, py: Python<'_>, other: &Bound<'_, PyAccessSet>) -> PyResult<bool> {
        self.inner.same_access(&other.get().inner).py_err(py)
    }

    // ---- changes: each returns a new set -------------------------

    /// A new set storing `level` at `id` (descendants that store more are lowered).
    fn set(&self, py: Python<'_>, id: &str, level: &str) -> PyResult<Self> {
        Ok(self.derived(self.inner.set(id, level).py_err(py)?))
    }

    /// A new set where `id` stores nothing and inherits again.
    fn clear(&self, py: Python<'_>, id: &str) -> PyResult<Self> {
        Ok(self.derived(self.inner.clear(id).py_err(py)?))
    }

    /// A new set with the same stored levels under another role.
    fn with_role(&self, py: Python<'_>, role: &str) -> PyResult<Self> {
        Ok(self.derived(self.inner.with_role(role).py_err(py)?))
    }

    // ---- documents ---------------------------------------------------------

    /// The canonical document as plain data: `{"role": ..., "permissions": {...}}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let permissions = PyDict::new(py);
        for (node, level) in self.inner.entries() {
            permissions.set_item(node.id(), level.as_str())?;
        }
        let out = PyDict::new(py);
        out.set_item("role", self.inner.role().as_str())?;
        out.set_item("permissions", permissions)?;
        Ok(out)
    }

    /// The canonical document text: role first, entries in catalog order, no whitespace.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    // ---- pydantic (imported only when pydantic asks) -------------------------

    /// Lets `AccessSet` be a pydantic field type (see `studio_permissions._pydantic`).
    #[classmethod]
    fn __get_pydantic_core_schema__<'py>(
        cls: &Bound<'py, PyType>,
        source: &Bound<'py, PyAny>,
        handler: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        py.import("studio_permissions._pydantic")?
            .call_method1("access_set_core_schema", (cls, source, handler))
    }

    /// The JSON Schema pydantic shows for an `AccessSet` field: the core's.
    #[classmethod]
    fn __get_pydantic_json_schema__<'py>(
        cls: &Bound<'py, PyType>,
        core_schema: &Bound<'py, PyAny>,
        handler: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        py.import("studio_permissions._pydantic")?
            .call_method1("access_set_json_schema", (core_schema, handler))
    }

    /// The view: the core's decisions as a `dict`, for a browser to read
    /// with `studio-permissions/client`; with `names=True` it also carries
    /// each node's display name from the catalog (`"names"`). The dict is
    /// the core's JSON text read by `json.loads`, so its keys keep the
    /// core's order.
    #[pyo3(signature = (*, names = false))]
    fn view<'py>(&self, py: Python<'py>, names: bool) -> PyResult<Bound<'py, PyDict>> {
        let loads = py.import("json")?.getattr("loads")?;
        let text = self.inner.view_json_with(ViewOptions::new().names(names));
        Ok(loads.call1((text,))?.cast_into::<PyDict>()?)
    }

    // ---- value semantics -------------------------------------------------

    fn __eq__(&self, other: &Bound<'_, PyAccessSet>) -> bool {
        self.inner == other.get().inner
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.inner.hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        let entries: Vec<String> = self
            .inner
            .entries()
            .take(REPR_ENTRIES)
            .map(|(node, level)| format!("{}={level}", node.id()))
            .collect();
        let total = self.inner.entries().count();
        let more = match total.saturating_sub(REPR_ENTRIES) {
            0 => String::new(),
            n => format!(" …+{n}"),
        };
        if entries.is_empty() {
            format!("<AccessSet {} (stores nothing)>", self.inner.role())
        } else {
            format!("<AccessSet {} {}{more}>", self.inner.role(), entries.join(" "))
        }
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        host(py)?.access_set_html.bind(py).call1((slf,))?.extract()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (PyCatalog, String, bool))> {
        let this = slf.get();
        let restore = slf.get_type().getattr("_restore")?;
        let state = match &this.source {
            Some(Source::Text(text)) => (text.to_string(), true),
            Some(Source::Held(held)) => (
                dumps(slf.py(), held.bind(slf.py()).as_any())?
                    .to_str()?
                    .to_string(),
                true,
            ),
            None => (this.inner.to_json(), false),
        };
        Ok((restore, (this.catalog(), state.0, state.1)))
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }
}

/// The role and stored levels of a plain host document, read in one walk:
/// an exact `dict` of `"role"` (an exact `str` naming a role) and optionally
/// `"permissions"` (an exact `dict` of exact `str` node ids to exact `str`
/// level names), whose `json.dumps` text is surely within the size limit.
/// `None` for anything else, which the paths below judge as its text.
fn plain_stored(
    py: Python<'_>,
    shared: &CatalogShared,
    obj: &Bound<'_, PyAny>,
) -> Option<(Role, Vec<Option<Level>>)> {
    let dict = obj.cast_exact::<PyDict>().ok()?;
    let mut role = None;
    let mut stored = None;
    for (key, value) in dict.iter() {
        match key.cast_exact::<PyString>().ok()?.to_str().ok()? {
            "role" => role = Some(Role::parse(value.cast_exact::<PyString>().ok()?.to_str().ok()?).ok()?),
            "permissions" => {
                let permissions = value.cast_into_exact::<PyDict>().ok()?;
                let mut levels = vec![None; shared.catalog.len()];
                for (id, level) in permissions.iter() {
                    let slot = levels.get_mut(shared.handle_of(py, &id)?.index())?;
                    *slot = Some(level_of(py, &level)?);
                }
                stored = Some(levels);
            }
            _ => return None,
        }
    }
    let stored = stored.unwrap_or_else(|| vec![None; shared.catalog.len()]);
    // `json.dumps` writes `"id": "level", ` per entry; ids and names need no escapes.
    let entries = shared.catalog.nodes().iter().zip(&stored);
    let text = entries.fold(HeldDocument::DUMPS_FIXED, |n, (node, level)| match level {
        Some(level) => n + node.id().len() + level.as_str().len() + HeldDocument::DUMPS_PER_ENTRY,
        None => n,
    });
    (text <= studio_permissions::limits::MAX_DOCUMENT_BYTES).then_some((role?, stored))
}

/// The level an exact `str` names (see [`interned_name`]).
fn level_of(py: Python<'_>, level: &Bound<'_, PyAny>) -> Option<Level> {
    static NAMES: PyOnceLock<Vec<(Py<PyString>, Level)>> = PyOnceLock::new();
    interned_name(
        py,
        level,
        &NAMES,
        &Level::ALL,
        |l| l.as_str(),
        |t| Level::parse(t).ok(),
    )
}

/// The name of the vocabulary an exact `str` is: by identity with the
/// interned names first (a literal `"edit"` is that object), else by the
/// core's parse of its text; `None` for anything else.
fn interned_name<T: Copy>(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    names: &PyOnceLock<Vec<(Py<PyString>, T)>>,
    all: &[T],
    as_str: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    let value = value.cast_exact::<PyString>().ok()?;
    let names = names.get_or_init(py, || {
        all.iter()
            .map(|&v| (PyString::intern(py, as_str(v)).unbind(), v))
            .collect()
    });
    if let Some((_, known)) = names.iter().find(|(name, _)| name.as_ptr() == value.as_ptr()) {
        return Some(*known);
    }
    parse(value.to_str().ok()?)
}

/// A copy of a plain document `dict` that stays as it is now: the dict and
/// its `permissions` dict copied (their strings cannot change), key order kept.
fn held_copy<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let copy = obj.cast::<PyDict>()?.copy()?;
    if let Some(permissions) = copy.get_item("permissions")? {
        copy.set_item("permissions", permissions.cast::<PyDict>()?.copy()?)?;
    }
    Ok(copy)
}

/// A host document of the one shape whose strings the core can judge as they
/// are: an exact `dict` holding `"role"` (an exact `str`) and optionally
/// `"permissions"` (an exact `dict` of exact `str` to exact `str`), every
/// string with a UTF-8 form, and its `json.dumps` text surely within the size
/// limit. Anything else (subclasses, other values, extra fields, lone
/// surrogates) takes the general path, through the text `json.dumps` writes,
/// so every answer and message stays that text's.
struct HeldDocument<'py> {
    role: Bound<'py, PyString>,
    entries: Vec<(Bound<'py, PyString>, Bound<'py, PyString>)>,
}

impl<'py> HeldDocument<'py> {
    /// The most characters `json.dumps` writes per UTF-8 byte of a string (a
    /// control character as `\u00XX`), and per entry besides its strings.
    const DUMPS_PER_BYTE: usize = 6;
    const DUMPS_PER_ENTRY: usize = 8;
    const DUMPS_FIXED: usize = 64;

    fn of(obj: &Bound<'py, PyAny>) -> Option<Self> {
        let dict = obj.cast_exact::<PyDict>().ok()?;
        let mut role = None;
        let mut permissions = None;
        for (key, value) in dict.iter() {
            match key.cast_exact::<PyString>().ok()?.to_str().ok()? {
                "role" => role = Some(value.cast_into_exact::<PyString>().ok()?),
                "permissions" => permissions = Some(value.cast_into_exact::<PyDict>().ok()?),
                _ => return None,
            }
        }
        let role = role?;
        let mut bytes = role.to_str().ok()?.len();
        let mut entries = Vec::new();
        if let Some(permissions) = permissions {
            entries.reserve(permissions.len());
            for (id, level) in permissions.iter() {
                let id = id.cast_into_exact::<PyString>().ok()?;
                let level = level.cast_into_exact::<PyString>().ok()?;
                bytes += id.to_str().ok()?.len() + level.to_str().ok()?.len();
                entries.push((id, level));
            }
        }
        let most = bytes * Self::DUMPS_PER_BYTE + entries.len() * Self::DUMPS_PER_ENTRY + Self::DUMPS_FIXED;
        (most <= studio_permissions::limits::MAX_DOCUMENT_BYTES).then_some(HeldDocument { role, entries })
    }

    /// The role and the `(id, level)` entries, borrowed from the Python
    /// strings (`of` checked that each has a UTF-8 form, which Python caches).
    fn strs(&self) -> Option<(&str, Vec<(&str, &str)>)> {
        let mut entries = Vec::with_capacity(self.entries.len());
        for (id, level) in &self.entries {
            entries.push((id.to_str().ok()?, level.to_str().ok()?));
        }
        Some((self.role.to_str().ok()?, entries))
    }
}

/// The action an exact `str` names (see [`interned_name`]).
fn check_action(py: Python<'_>, action: &Bound<'_, PyAny>) -> Option<Action> {
    static NAMES: PyOnceLock<Vec<(Py<PyString>, Action)>> = PyOnceLock::new();
    interned_name(
        py,
        action,
        &NAMES,
        &Action::ALL,
        |a| a.as_str(),
        |t| Action::parse(t).ok(),
    )
}

/// The text of a `str` argument (a subclass too, as its text); a TypeError
/// naming the argument otherwise.
fn str_argument<'a>(value: &'a Bound<'_, PyAny>, name: &str) -> PyResult<&'a str> {
    match value.cast::<PyString>() {
        Ok(text) => text.to_str(),
        Err(_) => Err(type_error(&format!("argument '{name}'"), "str", value)),
    }
}

/// `json.dumps(obj, allow_nan=False)`.
fn dumps<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
    crate::text::json_text(py, obj)?
}
