//! The one place where core errors become Python exceptions: the class is the
//! one `ERRORS_BY_CODE` gives for `Error::code()`, the message is the core's
//! `Display`, `path` is `Error::path()`, and `Error::details()` gives the
//! keyword arguments `suggestion`, `line`, `column`, `size`, `limit`. A refusal becomes
//! `PermissionDenied` carrying a `Refusal` (its `Explanation` built when read), a refused
//! capability `CapabilityDenied`; an invalid
//! workspace becomes `InvalidWorkspaceError` carrying every `Problem`.

use crate::convert::problem;
use crate::host::host;
use crate::refusal::PyRefusal;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use studio_permissions::Error;

/// Converts a core error into the matching Python exception.
pub(crate) fn to_py(py: Python<'_>, error: Error) -> PyErr {
    match build(py, error) {
        Ok(err) => err,
        // Importing the Python side failed: report that, it is the real fault.
        Err(import_error) => import_error,
    }
}

fn build(py: Python<'_>, error: Error) -> PyResult<PyErr> {
    let host = host(py)?;
    if error.explanation().is_some() {
        return denied(py, Bound::new(py, PyRefusal::explained(py, error))?);
    }
    let error = &error;
    let message = error.to_string();
    if let Error::CapabilityDenied { name, cluster, role } = error {
        let args = (message, name.as_str(), cluster.as_str(), role.as_str());
        let exc = host.capability_denied.bind(py).call1(args)?;
        return Ok(PyErr::from_value(exc));
    }
    let errors = host.errors_by_code.bind(py);
    let class = match errors.get_item(error.code())? {
        Some(class) => class,
        None => host.base_error.bind(py).clone(),
    };
    let exc = match error {
        Error::InvalidWorkspace { problems } => {
            let mut records = Vec::with_capacity(problems.len());
            for p in problems {
                records.push(problem(py, p)?);
            }
            class.call1((message, error.path(), PyList::new(py, records)?))?
        }
        _ => class.call((message, error.path()), Some(&details(py, error)?))?,
    };
    Ok(PyErr::from_value(exc))
}

/// `PermissionDenied(refusal)`, which runs no Python code: the message and
/// the explanation are built when read.
pub(crate) fn denied(py: Python<'_>, refusal: Bound<'_, PyRefusal>) -> PyResult<PyErr> {
    let exc = host(py)?.permission_denied.bind(py).call1((refusal,))?;
    Ok(PyErr::from_value(exc))
}

/// The core's `Error::details()` as keyword arguments: only the fields the
/// error has, the others keep their `None` default.
fn details<'py>(py: Python<'py>, error: &Error) -> PyResult<Bound<'py, PyDict>> {
    let details = error.details();
    let kwargs = PyDict::new(py);
    if let Some(suggestion) = details.suggestion {
        kwargs.set_item("suggestion", suggestion)?;
    }
    let numbers = [
        ("line", details.line),
        ("column", details.column),
        ("size", details.size),
        ("limit", details.limit),
    ];
    for (name, value) in numbers {
        if let Some(value) = value {
            kwargs.set_item(name, value)?;
        }
    }
    Ok(kwargs)
}

/// Extension: `result.py_err(py)?` in the methods.
pub(crate) trait IntoPy<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    #[inline]
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}

/// A `TypeError` naming the expected and the given type.
pub(crate) fn type_error(what: &str, expected: &str, given: &Bound<'_, PyAny>) -> PyErr {
    let name = given
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    PyTypeError::new_err(format!("{what} must be {expected}, not {name}"))
}
