//! Python bindings of `studio-permissions`: the native module
//! `studio_permissions._native`, wrapped by the pure-Python package
//! `studio_permissions` (enums, records, exceptions, Jupyter views, pandas).
//!
//! The binding only translates: Python values in, core calls, Python values
//! out, core errors mapped to exceptions (`errors.rs`). No rule lives here.

mod access;
mod catalog;
mod convert;
mod errors;
mod host;
mod migration;
mod refusal;
mod text;
mod workspace;

use errors::IntoPy;
use host::host;
use pyo3::prelude::*;
use studio_permissions::{Action, Cluster, Level, Role};

pub use access::PyAccessSet;
pub use catalog::PyCatalog;
pub use workspace::{PyWorkspace, UserIterator};

/// The native half of `studio_permissions`; import the package, not this module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAccessSet>()?;
    m.add_class::<PyCatalog>()?;
    m.add_class::<PyWorkspace>()?;
    m.add_class::<migration::PyMigration>()?;
    m.add_class::<UserIterator>()?;
    m.add_class::<refusal::PyRefusal>()?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add_function(wrap_pyfunction!(parse_level, m)?)?;
    m.add_function(wrap_pyfunction!(parse_action, m)?)?;
    m.add_function(wrap_pyfunction!(parse_role, m)?)?;
    m.add_function(wrap_pyfunction!(parse_cluster, m)?)?;
    m.add_function(wrap_pyfunction!(http_answer, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DROPPED_REASON", studio_permissions::DROPPED_REASON)?;
    // The core's order of the levels, lowest first: `Level`'s comparisons and `rank`.
    m.add(
        "LEVEL_ORDER",
        pyo3::types::PyTuple::new(m.py(), Level::ALL.map(Level::as_str))?,
    )?;
    // Every code the core can raise, so a test can hold the exception classes to it.
    m.add(
        "ERROR_CODES",
        pyo3::types::PyTuple::new(m.py(), studio_permissions::Error::CODES)?,
    )?;
    Ok(())
}

/// A value of an HTTP body field, as Python gives it.
#[derive(FromPyObject)]
enum HttpValue {
    Text(String),
    Number(u64),
}

/// The core's HTTP answer for an error given by its code, message and fields
/// (`str`, `int` or `None`): `(status, body)` with the body as JSON text, or
/// `None` for a code the table does not know.
#[pyfunction]
fn http_answer(
    code: &str,
    message: &str,
    fields: std::collections::HashMap<String, Option<HttpValue>>,
) -> Option<(u16, String)> {
    use studio_permissions::http::HttpField;
    let fields: Vec<(&str, HttpField<'_>)> = fields
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Some(HttpValue::Text(text)) => HttpField::Text(text),
                Some(HttpValue::Number(n)) => HttpField::Number(*n),
                None => HttpField::Null,
            };
            (name.as_str(), value)
        })
        .collect();
    studio_permissions::http::http_answer(code, message, &fields).map(|a| (a.status, a.body))
}

// The core's parsers for the closed vocabularies: the Python enums call them
// from `_missing_`, so `Level("Read")` raises the core's `invalid_level`.

/// The `Level` member named `name`, or the core's `InvalidLevelError`.
#[pyfunction]
fn parse_level<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let level = Level::parse(name).py_err(py)?;
    Ok(host(py)?.level(py, level))
}

/// The `Action` member named `name`, or the core's `UnknownActionError`.
#[pyfunction]
fn parse_action<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let action = Action::parse(name).py_err(py)?;
    Ok(host(py)?.action(py, action))
}

/// The `Role` member named `name`, or the core's `UnknownRoleError`.
#[pyfunction]
fn parse_role<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let role = Role::parse(name).py_err(py)?;
    Ok(host(py)?.role(py, role))
}

/// The `Cluster` member named `name`, or the core's `UnknownClusterError`.
#[pyfunction]
fn parse_cluster<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let cluster = Cluster::parse(name).py_err(py)?;
    Ok(host(py)?.cluster(py, cluster))
}

/// Runs the `studio-permissions` command line with `argv` (without the
/// program name) and returns its exit code. The command is the Rust CLI
/// itself, writing to this process's stdout and stderr; the GIL is released
/// while it runs. Arguments are taken as the OS gave them (`sys.argv`'s
/// surrogate escapes included), so a file name that is not UTF-8 still opens.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> i32 {
    py.detach(|| studio_permissions_cli::main(argv))
}
