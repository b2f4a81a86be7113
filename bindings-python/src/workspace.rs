//! `Workspace`: many users' access, loaded from an export, and the review
//! queries of the core. Loading and the bulk queries run with the
//! GIL released (`Python::detach`): they are pure Rust over the core's columns.
//!
//! Translation only: every answer is the core's; this file turns its users,
//! problems, matches and diffs into the records of `studio_permissions._types`.

use crate::access::{mode, PyAccessSet};
use crate::catalog::{shared_of, CatalogShared, PyCatalog};
use crate::convert;
use crate::errors::{type_error, IntoPy};
use crate::host::host;
// An export as the core takes it: every loader reads text one way.
use crate::text::HostText as Input;
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::collections::VecDeque;
use std::sync::Arc;
use studio_permissions::{
    AccessSet, Catalog, Level, Mode, ReadError, RecordField, RecordVisitor, User, Workspace,
};

/// How many `User` records the iterator builds per refill.
const CHUNK: usize = 256;

/// Many users' access, judged against one catalog. Immutable.
#[pyclass(name = "Workspace", module = "studio_permissions", frozen)]
pub struct PyWorkspace {
    inner: Workspace,
    catalog: Arc<CatalogShared>,
}

#[derive(Clone, Copy)]
enum Format {
    Json,
    Lines,
    /// The text `json.dumps` wrote for a list: problems are placed by position.
    Records,
}

/// The export in a `str` or `bytes` argument, as every loader reads text.
fn input<'a>(text: &'a Bound<'_, PyAny>) -> PyResult<Input<'a>> {
    crate::text::host_text(text)?.ok_or_else(|| type_error("text", "str or bytes", text))
}

/// Loads with the GIL released: other Python threads run while a long
/// export is judged.
fn load(
    py: Python<'_>,
    catalog: &Arc<Catalog>,
    input: &Input<'_>,
    format: Format,
    mode: Mode,
) -> PyResult<Workspace> {
    py.detach(|| match (format, input) {
        (Format::Json, Input::Text(t)) => Workspace::from_json(catalog, t, mode),
        (Format::Json, Input::Bytes(b)) => Workspace::from_json_bytes(catalog, b, mode),
        (Format::Lines, Input::Text(t)) => Workspace::from_json_lines(catalog, t, mode),
        (Format::Lines, Input::Bytes(b)) => Workspace::from_json_lines_bytes(catalog, b, mode),
        // Records come from `json.dumps`, so they are text; bytes would be
        // judged as an export (the position is then the line).
        (Format::Records, Input::Text(t)) => Workspace::from_records_json(catalog, t, mode),
        (Format::Records, Input::Bytes(b)) => Workspace::from_json_bytes(catalog, b, mode),
    })
    .py_err(py)
}

/// The `OSError` Python's `open` raises for `error` on `path`: built from its
/// `errno`, so it is the matching subclass (`FileNotFoundError`, ...).
fn os_error(py: Python<'_>, error: &std::io::Error, path: &Bound<'_, PyAny>) -> PyErr {
    let Some(errno) = error.raw_os_error() else {
        return pyo3::exceptions::PyOSError::new_err(format!("{error}"));
    };
    let os = match py.import("os") {
        Ok(os) => os,
        Err(e) => return e,
    };
    let strerror = os
        .getattr("strerror")
        .and_then(|f| f.call1((errno,))?.extract::<String>())
        .unwrap_or_else(|_| error.to_string());
    // The name as `open` shows it: `os.fspath` of what was given.
    let filename = os
        .getattr("fspath")
        .and_then(|f| f.call1((path,)))
        .unwrap_or_else(|_| path.clone());
    pyo3::exceptions::PyOSError::new_err((errno, strerror, filename.unbind()))
}

impl PyWorkspace {
    fn new(inner: Workspace, catalog: Arc<CatalogShared>) -> Self {
        PyWorkspace { inner, catalog }
    }

    /// A workspace the core made (a migration's output) with its catalog.
    pub(crate) fn wrap(inner: Workspace, catalog: Arc<CatalogShared>) -> Self {
        PyWorkspace::new(inner, catalog)
    }

    pub(crate) fn inner(&self) -> &Workspace {
        &self.inner
    }

    fn parse(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        format: Format,
        lenient: bool,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        let shared = shared_of(catalog);
        let inner = load(py, &shared.catalog, &input(text)?, format, mode(lenient))?;
        Ok(PyWorkspace::new(inner, shared))
    }

    /// A `User` record: id, name, email, role, access set and levels.
    fn record<'py>(&self, py: Python<'py>, user: User<'_>) -> PyResult<Bound<'py, PyAny>> {
        let host = host(py)?;
        let ids = self.catalog.ids(py)?;
        let levels = PyDict::new(py);
        for (id, level) in ids.iter().zip(user.levels()) {
            levels.set_item(id, host.level(py, *level))?;
        }
        let access = Bound::new(py, PyAccessSet::new(user.access(), self.catalog.clone(), None))?;
        host.user.bind(py).call1((
            user.id(),
            user.name(),
            user.email(),
            host.role(py, user.role()),
            access,
            levels,
        ))
    }

    /// Up to `count` records from position `start`, in export order.
    fn records<'py>(&self, py: Python<'py>, start: usize, count: usize) -> PyResult<Vec<Py<PyAny>>> {
        let mut out = Vec::with_capacity(count.min(self.inner.len()));
        for user in self.inner.users().skip(start).take(count) {
            out.push(self.record(py, user)?.unbind());
        }
        Ok(out)
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.inner.user(id).map(|u| u.index())
    }
}

#[pymethods]
impl PyWorkspace {
    // ---- constructors ------------------------------------------------------

    /// Loads a JSON export: an array of `{"user", "name"?, "email"?, "role",
    /// "permissions"?}` records (`str` or UTF-8 `bytes`). Strict mode raises
    /// `InvalidWorkspaceError` listing every problem; lenient mode skips the
    /// wrong records and keeps the problems in `.problems`.
    #[staticmethod]
    #[pyo3(signature = (text, *, lenient = false, catalog = None))]
    fn from_json(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        lenient: bool,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        PyWorkspace::parse(py, text, Format::Json, lenient, catalog)
    }

    /// Loads JSON Lines: one record per line, blank lines skipped.
    #[staticmethod]
    #[pyo3(signature = (text, *, lenient = false, catalog = None))]
    fn from_json_lines(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        lenient: bool,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        PyWorkspace::parse(py, text, Format::Lines, lenient, catalog)
    }

    /// Loads an export from a file, read a part at a time (the text is never
    /// held whole), with the GIL released. `*.jsonl` and `*.ndjson` are JSON
    /// Lines; any other name is a JSON array export. The answer is the one
    /// of the file's text; a file that cannot be read raises the `OSError`
    /// that `open` raises (`FileNotFoundError`, `IsADirectoryError`, ...),
    /// naming the path.
    #[staticmethod]
    #[pyo3(signature = (path, *, lenient = false, catalog = None))]
    fn from_path(
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
        lenient: bool,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        let shared = shared_of(catalog);
        let file: std::path::PathBuf = path.extract()?;
        let core = &shared.catalog;
        match py.detach(|| Workspace::from_path(core, &file, mode(lenient))) {
            Ok(inner) => Ok(PyWorkspace::new(inner, shared)),
            Err(ReadError::Export(e)) => Err(crate::errors::to_py(py, e)),
            Err(ReadError::Io { source, .. }) => Err(os_error(py, &source, path)),
        }
    }

    /// Judges a list of record dicts exactly as the text
    /// `json.dumps(records, allow_nan=False)` writes (like `AccessSet.from_dict`);
    /// a value it cannot write is `invalid_document`. A problem's `line` is
    /// the record's 1-based position in the list.
    #[staticmethod]
    #[pyo3(signature = (records, *, lenient = false, catalog = None))]
    fn from_records(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        lenient: bool,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        let shared = shared_of(catalog);
        let text = crate::text::json_text_or(py, records, AccessSet::unrepresentable("", "the value"))?;
        let inner = load(
            py,
            &shared.catalog,
            &input(text.as_any())?,
            Format::Records,
            mode(lenient),
        )?;
        Ok(PyWorkspace::new(inner, shared))
    }

    // ---- properties ------------------------------------------------------

    /// The catalog the users were judged against.
    #[getter]
    fn catalog(&self) -> PyCatalog {
        PyCatalog {
            shared: self.catalog.clone(),
        }
    }

    /// Every problem of a lenient load, in record order (`fatal` for a
    /// skipped record, not for a warning); empty for a clean load.
    #[getter]
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let mut out = Vec::with_capacity(self.inner.problems().len());
        for p in self.inner.problems() {
            out.push(convert::problem(py, p)?);
        }
        PyTuple::new(py, out)
    }

    /// Bytes the core holds per user beyond the id, name and email strings.
    #[getter]
    fn bytes_per_user(&self) -> usize {
        self.inner.bytes_per_user()
    }

    // ---- users -------------------------------------------------------------

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Whether a user with this id was loaded (never raises).
    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        match id.cast::<PyString>() {
            Ok(s) => s.to_str().is_ok_and(|id| self.position(id).is_some()),
            Err(_) => false,
        }
    }

    /// The `User` records, in export order.
    fn __iter__(slf: &Bound<'_, Self>) -> UserIterator {
        UserIterator {
            workspace: slf.clone().unbind(),
            next: 0,
            buffer: VecDeque::new(),
        }
    }

    /// The `User` record of `id`; `KeyError` when no user has it.
    fn user<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let found = self.position(id).and_then(|i| self.inner.users().nth(i));
        match found {
            Some(user) => self.record(py, user),
            None => Err(PyKeyError::new_err(id.to_string())),
        }
    }

    /// The `AccessSet` of user `id`: what the export stores for them, judged
    /// against the workspace's catalog; `KeyError` when no user has it.
    fn access(&self, id: &str) -> PyResult<PyAccessSet> {
        match self.inner.user(id) {
            Some(user) => Ok(PyAccessSet::new(user.access(), self.catalog.clone(), None)),
            None => Err(PyKeyError::new_err(id.to_string())),
        }
    }

    // ---- queries -----------------------------------------------------------

    /// The ids of the users who may do `action` on `id`, in export order.
    fn who_can<'py>(&self, py: Python<'py>, id: &str, action: &str) -> PyResult<Bound<'py, PyList>> {
        let inner = &self.inner;
        let ids = py
            .detach(|| {
                inner
                    .who_can(id, action)
                    .map(|users| users.iter().map(User::id).collect::<Vec<&str>>())
            })
            .py_err(py)?;
        PyList::new(py, ids)
    }

    /// The ids of the users who hold a capability on a cluster, in export order.
    #[pyo3(signature = (capability, cluster = "standard"))]
    fn who_has<'py>(&self, py: Python<'py>, capability: &str, cluster: &str) -> PyResult<Bound<'py, PyList>> {
        let inner = &self.inner;
        let ids = py
            .detach(|| {
                inner
                    .who_has(capability, cluster)
                    .map(|users| users.iter().map(User::id).collect::<Vec<&str>>())
            })
            .py_err(py)?;
        PyList::new(py, ids)
    }

    /// For each node in catalog order, how many users are at each level:
    /// `{id: {Level.NONE: n, Level.READ: n, Level.EDIT: n}}`.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let host = host(py)?;
        let inner = &self.inner;
        let counts = py.detach(|| inner.counts());
        let out = PyDict::new(py);
        for (id, per_level) in self.catalog.ids(py)?.iter().zip(counts) {
            let row = PyDict::new(py);
            for (level, n) in Level::ALL.into_iter().zip(per_level) {
                row.set_item(host.level(py, level), n)?;
            }
            out.set_item(id, row)?;
        }
        Ok(out)
    }

    /// Members whose stored sub-sections are dormant (an ancestor is `none`):
    /// `{user: (ids...)}`, users in export order, ids in catalog order.
    fn dormant<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let inner = &self.inner;
        let dormant = py.detach(|| inner.dormant());
        let out = PyDict::new(py);
        for (user, ids) in dormant {
            out.set_item(user.id(), PyTuple::new(py, ids)?)?;
        }
        Ok(out)
    }

    /// For each member (admins are left out), the preset it equals or the
    /// nearest one, with what differs from the preset to the member.
    fn preset_matches<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let host = host(py)?;
        let inner = &self.inner;
        let matches = py.detach(|| inner.preset_matches());
        let class = host.preset_match.bind(py);
        let out = PyList::empty(py);
        for m in &matches {
            out.append(class.call1((
                m.user.as_str(),
                m.preset.as_str(),
                m.exact,
                convert::level_changes(py, &m.differences)?,
            ))?)?;
        }
        Ok(out)
    }

    /// Every user moved to `migration`'s target catalog, in export order
    /// (ids, names, emails and roles kept): a `WorkspaceMigration` with
    /// `.workspace` and `.report` (who loses what, and why).
    fn migrate<'py>(&self, py: Python<'py>, migration: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        crate::migration::migrate_workspace(py, self, migration)
    }

    /// What changed from this snapshot to `after`: users added and removed,
    /// and each changed user (those with an escalation first).
    fn diff<'py>(&self, py: Python<'py>, after: &Bound<'py, PyWorkspace>) -> PyResult<Bound<'py, PyAny>> {
        let host = host(py)?;
        let (before, after) = (&self.inner, &after.get().inner);
        let diff = py.detach(|| before.diff(after)).py_err(py)?;
        let class = host.user_change.bind(py);
        let mut changed = Vec::with_capacity(diff.changed.len());
        for c in &diff.changed {
            let role = match c.role {
                Some((a, b)) => Some(PyTuple::new(py, [host.role(py, a), host.role(py, b)])?),
                None => None,
            };
            changed.push(class.call1((
                c.user.as_str(),
                role,
                convert::level_changes(py, &c.escalations)?,
                convert::level_changes(py, &c.reductions)?,
                convert::cluster_capability_changes(py, &c.capabilities)?,
                c.summary(before.catalog().len()),
                c.escalates(),
                PyTuple::new(py, c.capabilities_gained())?,
                PyTuple::new(py, c.capabilities_lost())?,
            ))?);
        }
        host.workspace_diff.bind(py).call1((
            PyTuple::new(py, &diff.added)?,
            PyTuple::new(py, &diff.removed)?,
            PyTuple::new(py, changed)?,
            diff.to_html(studio_permissions::REVIEW_LIMIT),
            diff.to_markdown(studio_permissions::REVIEW_LIMIT),
        ))
    }

    /// The effective levels of every user on every node: a `Matrix` with the
    /// user ids (export order), the node ids (catalog order) and one row of
    /// levels per user.
    fn matrix<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let host = host(py)?;
        let mut users = Vec::with_capacity(self.inner.len());
        let mut rows = Vec::with_capacity(self.inner.len());
        for user in self.inner.users() {
            users.push(user.id());
            rows.push(PyTuple::new(
                py,
                user.levels().iter().map(|&l| host.level(py, l)),
            )?);
        }
        host.matrix.bind(py).call1((
            PyTuple::new(py, users)?,
            self.catalog.ids(py)?,
            PyTuple::new(py, rows)?,
        ))
    }

    /// The export records, plain data that `from_records` loads back:
    /// `{"user", "name"?, "email"?, "role", "permissions"}`, each document
    /// canonical (what a lenient load kept).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let mut records = Records::new(py, self.catalog.ids(py)?, self.inner.len())?;
        // Two dicts per user, which the cyclic collector would walk again and
        // again while the list grows (a third of the time at 100,000 users),
        // for nothing: plain data, no cycle. It is paused while they are
        // built, and resumes even if building fails.
        let _paused = CollectorPause::new(py)?;
        self.inner.visit_records(&mut records)?;
        PyList::new(py, records.out)
    }

    /// A `pandas.DataFrame`: one row per user (index `user`), columns `name`,
    /// `email`, `role`, then each node's level (an ordered categorical).
    /// pandas is imported only here; `ImportError` when it is not installed.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        host(py)?.workspace_to_pandas.bind(py).call1((slf,))
    }

    fn __repr__(&self) -> String {
        let version = self
            .inner
            .catalog()
            .version()
            .map_or("None".to_string(), |v| format!("{v:?}"));
        format!(
            "<Workspace users={} problems={} catalog={version}>",
            self.inner.len(),
            self.inner.problems().len()
        )
    }

    /// The core's heat table, the fragment the command line's report shows.
    fn _repr_html_(&self, py: Python<'_>) -> String {
        let inner = &self.inner;
        py.detach(|| inner.heat_html(studio_permissions::HEAT_ROWS))
    }

    /// Immutable: a copy is the workspace itself.
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }
}

/// The core's export records ([`Workspace::visit_records`]) as Python dicts:
/// every key, role, level and node id one shared string, made once; only the
/// users' own strings are new.
struct Records<'py> {
    out: Vec<Bound<'py, PyDict>>,
    keys: Vec<Bound<'py, PyString>>,
    permissions_key: Bound<'py, PyString>,
    ids: Vec<Bound<'py, PyString>>,
    levels: Vec<Bound<'py, PyString>>,
    /// Role names met so far (two at most), each made once.
    roles: Vec<(String, Bound<'py, PyString>)>,
    record: Bound<'py, PyDict>,
    permissions: Bound<'py, PyDict>,
}

impl<'py> Records<'py> {
    fn new(py: Python<'py>, ids: &Bound<'py, PyTuple>, users: usize) -> PyResult<Self> {
        Ok(Records {
            out: Vec::with_capacity(users),
            keys: RecordField::ALL
                .iter()
                .map(|f| PyString::intern(py, f.key()))
                .collect(),
            permissions_key: PyString::intern(py, "permissions"),
            ids: ids
                .iter()
                .map(|id| id.cast_into::<PyString>())
                .collect::<Result<_, _>>()?,
            levels: Level::ALL
                .iter()
                .map(|l| PyString::intern(py, l.as_str()))
                .collect(),
            roles: Vec::new(),
            record: PyDict::new(py),
            permissions: PyDict::new(py),
        })
    }

    fn role(&mut self, name: &str) -> Bound<'py, PyString> {
        if let Some((_, role)) = self.roles.iter().find(|(known, _)| known == name) {
            return role.clone();
        }
        let role = PyString::intern(self.record.py(), name);
        self.roles.push((name.to_string(), role.clone()));
        role
    }
}

impl RecordVisitor for Records<'_> {
    type Error = PyErr;

    fn start(&mut self) -> PyResult<()> {
        self.record = PyDict::new(self.record.py());
        Ok(())
    }

    fn text(&mut self, field: RecordField, value: &str) -> PyResult<()> {
        let value = match field {
            RecordField::Role => self.role(value),
            _ => PyString::new(self.record.py(), value),
        };
        let key = RecordField::ALL
            .iter()
            .position(|&f| f == field)
            .and_then(|i| self.keys.get(i));
        match key {
            Some(key) => self.record.set_item(key, value),
            None => self.record.set_item(field.key(), value),
        }
    }

    fn permissions(&mut self) -> PyResult<()> {
        self.permissions = PyDict::new(self.record.py());
        Ok(())
    }

    fn entry(&mut self, node: usize, id: &str, level: Level) -> PyResult<()> {
        let level = match self.levels.get(level.index()) {
            Some(cached) => cached.clone(),
            None => PyString::new(self.record.py(), level.as_str()),
        };
        match self.ids.get(node) {
            Some(key) => self.permissions.set_item(key, level),
            None => self.permissions.set_item(id, level),
        }
    }

    fn end(&mut self) -> PyResult<()> {
        self.record.set_item(&self.permissions_key, &self.permissions)?;
        self.out.push(self.record.clone());
        Ok(())
    }
}

/// Pauses Python's cyclic garbage collector (`gc.disable()`) while it lives,
/// when it was enabled; resumes it when dropped, on every path out.
struct CollectorPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> CollectorPause<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            Ok(CollectorPause { gc: Some(gc) })
        } else {
            Ok(CollectorPause { gc: None })
        }
    }
}

impl Drop for CollectorPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Enabling cannot fail; if it ever did, the error is dropped
            // rather than raised from a destructor.
            let _ = gc.call_method0("enable");
        }
    }
}

/// Iterates a workspace's `User` records, building them a chunk at a time.
#[pyclass(module = "studio_permissions._native")]
pub struct UserIterator {
    workspace: Py<PyWorkspace>,
    next: usize,
    buffer: VecDeque<Py<PyAny>>,
}

#[pymethods]
impl UserIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.buffer.is_empty() {
            let records = self.workspace.get().records(py, self.next, CHUNK)?;
            self.next += records.len();
            self.buffer.extend(records);
        }
        Ok(self.buffer.pop_front())
    }
}
