//! `Refusal`: what a refused `require` raises with, explained only when read.
//!
//! A service refuses often and reads the reason rarely. So `require` asks the
//! core only whether the action is allowed; a refusal keeps the set, the id
//! and the action, and `PermissionDenied(refusal)` is created without running
//! Python code. The core's `permission_denied` error, its message and the
//! `Explanation` are built (once) when `str()`, `.explanation` or `.path` reads
//! them. The set is immutable, so the explanation is the one of the moment of
//! the refusal.

use crate::access::PyAccessSet;
use crate::convert::explanation;
use crate::errors::to_py;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;
use studio_permissions::{Action, Error};

/// The reason `AccessSet.require` refused; `PermissionDenied.args[0]`.
#[pyclass(name = "Refusal", module = "studio_permissions._native", frozen)]
pub struct PyRefusal {
    origin: Origin,
    error: PyOnceLock<Error>,
    message: PyOnceLock<Py<PyString>>,
    explanation: PyOnceLock<Py<PyAny>>,
}

enum Origin {
    /// A refusal `require` found: explained on first read.
    Check {
        set: Py<PyAccessSet>,
        id: Box<str>,
        action: Action,
    },
    /// A `permission_denied` the core already explained.
    Explained,
}

impl PyRefusal {
    /// A refusal of `action` on `id` by `set`, not yet explained.
    pub(crate) fn check(set: Py<PyAccessSet>, id: &str, action: Action) -> Self {
        PyRefusal {
            origin: Origin::Check {
                set,
                id: id.into(),
                action,
            },
            error: PyOnceLock::new(),
            message: PyOnceLock::new(),
            explanation: PyOnceLock::new(),
        }
    }

    /// A `permission_denied` error of the core.
    pub(crate) fn explained(py: Python<'_>, error: Error) -> Self {
        let refusal = PyRefusal {
            origin: Origin::Explained,
            error: PyOnceLock::new(),
            message: PyOnceLock::new(),
            explanation: PyOnceLock::new(),
        };
        let _ = refusal.error.get_or_init(py, || error);
        refusal
    }

    /// The core's `permission_denied` for this refusal.
    fn error(&self, py: Python<'_>) -> PyResult<&Error> {
        self.error.get_or_try_init(py, || match &self.origin {
            Origin::Check { set, id, action } => match set.get().inner().require(id, *action) {
                Err(error) => Ok(error),
                Ok(()) => Err(PyRuntimeError::new_err(
                    "an immutable set allowed what it refused",
                )),
            },
            Origin::Explained => Err(PyRuntimeError::new_err("a refusal without its error")),
        })
    }

    fn message<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let message = self.message.get_or_try_init(py, || {
            self.error(py).map(|e| PyString::new(py, &e.to_string()).unbind())
        })?;
        Ok(message.bind(py).clone())
    }
}

#[pymethods]
impl PyRefusal {
    /// Immutable: a copy is the refusal itself (so a deep copy of a
    /// `PermissionDenied` works).
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    /// The `Explanation` of the refused action, with its reason and chain.
    #[getter]
    fn explanation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let built = self
            .explanation
            .get_or_try_init(py, || match self.error(py)?.explanation() {
                Some(e) => explanation(py, e).map(Bound::unbind),
                None => Err(to_py(py, self.error(py)?.clone())),
            })?;
        Ok(built.bind(py).clone())
    }

    /// The core's message, as every language words it.
    fn __str__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        self.message(py)
    }

    fn __repr__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        self.message(py)?.repr()
    }
}
