//! The Python-side objects the binding hands out: the enum members and record
//! classes of `studio_permissions._types`, the exceptions of `._errors`, and
//! `json.dumps`. Imported once per interpreter, then read without a lookup.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;
use studio_permissions::{Action, Cluster, Level, Reason, Role};

pub(crate) struct Host {
    levels: [Py<PyAny>; 3],
    actions: [Py<PyAny>; 4],
    roles: [Py<PyAny>; 2],
    clusters: [Py<PyAny>; 2],
    reasons: [Py<PyAny>; 5],
    pub node: Py<PyAny>,
    pub capability: Py<PyAny>,
    pub warning: Py<PyAny>,
    pub chain_link: Py<PyAny>,
    pub explanation: Py<PyAny>,
    pub level_change: Py<PyAny>,
    pub capability_change: Py<PyAny>,
    pub diff: Py<PyAny>,
    pub problem: Py<PyAny>,
    pub user: Py<PyAny>,
    pub preset_match: Py<PyAny>,
    pub user_change: Py<PyAny>,
    pub cluster_capability_change: Py<PyAny>,
    pub document_problem: Py<PyAny>,
    pub workspace_diff: Py<PyAny>,
    pub matrix: Py<PyAny>,
    pub errors_by_code: Py<PyDict>,
    pub base_error: Py<PyAny>,
    pub permission_denied: Py<PyAny>,
    pub capability_denied: Py<PyAny>,
    pub json_dumps: Py<PyAny>,
    pub access_set_html: Py<PyAny>,
    pub workspace_to_pandas: Py<PyAny>,
}

static HOST: PyOnceLock<Host> = PyOnceLock::new();

/// The cached host objects, importing them on first use.
#[inline]
pub(crate) fn host(py: Python<'_>) -> PyResult<&'static Host> {
    HOST.get_or_try_init(py, || load(py))
}

fn members<const N: usize>(class: &Bound<'_, PyAny>, names: [&str; N]) -> PyResult<[Py<PyAny>; N]> {
    let mut out = Vec::with_capacity(N);
    for name in names {
        out.push(class.call1((name,))?.unbind());
    }
    out.try_into()
        .map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("enum member count mismatch"))
}

fn load(py: Python<'_>) -> PyResult<Host> {
    let types = py.import("studio_permissions._types")?;
    let errors = py.import("studio_permissions._errors")?;
    let html = py.import("studio_permissions._html")?;
    let attr = |m: &Bound<'_, PyModule>, name: &str| m.getattr(name).map(Bound::unbind);
    Ok(Host {
        levels: members(&types.getattr("Level")?, Level::ALL.map(Level::as_str))?,
        actions: members(&types.getattr("Action")?, Action::ALL.map(Action::as_str))?,
        roles: members(&types.getattr("Role")?, Role::ALL.map(Role::as_str))?,
        clusters: members(&types.getattr("Cluster")?, Cluster::ALL.map(Cluster::as_str))?,
        reasons: members(&types.getattr("Reason")?, Reason::ALL.map(Reason::as_str))?,
        node: attr(&types, "Node")?,
        capability: attr(&types, "Capability")?,
        warning: attr(&types, "DocumentWarning")?,
        chain_link: attr(&types, "ChainLink")?,
        explanation: attr(&types, "Explanation")?,
        level_change: attr(&types, "LevelChange")?,
        capability_change: attr(&types, "CapabilityChange")?,
        diff: attr(&types, "Diff")?,
        problem: attr(&types, "Problem")?,
        user: attr(&types, "User")?,
        preset_match: attr(&types, "PresetMatch")?,
        user_change: attr(&types, "UserChange")?,
        cluster_capability_change: attr(&types, "ClusterCapabilityChange")?,
        document_problem: attr(&types, "DocumentProblem")?,
        workspace_diff: attr(&types, "WorkspaceDiff")?,
        matrix: attr(&types, "Matrix")?,
        errors_by_code: errors.getattr("ERRORS_BY_CODE")?.cast_into::<PyDict>()?.unbind(),
        base_error: attr(&errors, "PermissionsError")?,
        permission_denied: attr(&errors, "PermissionDenied")?,
        capability_denied: attr(&errors, "CapabilityDenied")?,
        json_dumps: py.import("json")?.getattr("dumps")?.unbind(),
        access_set_html: attr(&html, "access_set_html")?,
        workspace_to_pandas: attr(&py.import("studio_permissions._pandas")?, "to_pandas")?,
    })
}

// Each array holds one object per member of the enum's `ALL`, built from
// `ALL` in order (`load`), so the core's `index()`, a member's position in
// `ALL`, always finds its own object: no search, no stand-in.
impl Host {
    #[inline]
    pub fn level<'py>(&self, py: Python<'py>, level: Level) -> Bound<'py, PyAny> {
        self.levels[level.index()].bind(py).clone()
    }

    pub fn action<'py>(&self, py: Python<'py>, action: Action) -> Bound<'py, PyAny> {
        self.actions[action.index()].bind(py).clone()
    }

    pub fn role<'py>(&self, py: Python<'py>, role: Role) -> Bound<'py, PyAny> {
        self.roles[role.index()].bind(py).clone()
    }

    pub fn cluster<'py>(&self, py: Python<'py>, cluster: Cluster) -> Bound<'py, PyAny> {
        self.clusters[cluster.index()].bind(py).clone()
    }

    pub fn reason<'py>(&self, py: Python<'py>, reason: Reason) -> Bound<'py, PyAny> {
        self.reasons[reason.index()].bind(py).clone()
    }
}
