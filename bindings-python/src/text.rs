//! The one way a `str` or `bytes` argument becomes the core's text, for every
//! loader (`AccessSet`, `Catalog`, `Workspace`).
//!
//! `bytes` go to the core as they are: bytes that are not UTF-8 are the core's
//! `invalid_json` where they stand. A `str` is read as it is; one with an
//! unpaired surrogate (no UTF-8 form) is turned into text by the core from its
//! UTF-16 code units, which writes the surrogate as the escape a JSON writer
//! gives it, so the core refuses it as `invalid_json` where it stands, with
//! the same message as the other languages.

use crate::host::host;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use std::borrow::Cow;

/// Text as the core takes it.
pub(crate) enum HostText<'a> {
    Text(Cow<'a, str>),
    Bytes(&'a [u8]),
}

/// The text in `obj`, or `None` when it is neither `str` nor `bytes` (each
/// caller names the argument in its `TypeError`).
pub(crate) fn host_text<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Option<HostText<'a>>> {
    if let Ok(s) = obj.cast::<PyString>() {
        if let Ok(t) = s.to_str() {
            return Ok(Some(HostText::Text(Cow::Borrowed(t))));
        }
        return Ok(Some(HostText::Text(Cow::Owned(from_utf16(s)?))));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Some(HostText::Bytes(b.as_bytes())));
    }
    Ok(None)
}

/// A `str` without a UTF-8 form, through its UTF-16 code units.
fn from_utf16(s: &Bound<'_, PyString>) -> PyResult<String> {
    let encoded = s.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let units: Vec<u16> = encoded
        .cast::<PyBytes>()?
        .as_bytes()
        .chunks_exact(2)
        .map(|pair| match *pair {
            [lo, hi] => u16::from_le_bytes([lo, hi]),
            _ => 0,
        })
        .collect();
    Ok(studio_permissions::text_from_utf16(&units))
}

/// The JSON text `json.dumps(value, allow_nan=False)` writes for a host
/// value, which the core then judges; `Ok(Err(cause))` when the value has no
/// such text (a NaN, a cycle, an object that is not plain data).
pub(crate) fn json_text<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Result<Bound<'py, PyString>, PyErr>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("allow_nan", false)?;
    match host(py)?.json_dumps.bind(py).call((value,), Some(&kwargs)) {
        Ok(text) => Ok(Ok(text.cast_into::<PyString>()?)),
        Err(err) if err.is_instance_of::<pyo3::exceptions::PyException>(py) => Ok(Err(err)),
        Err(err) => Err(err),
    }
}

/// [`json_text`], raising the core's `fault` (caused by the writer's error)
/// for a value with no JSON text.
pub(crate) fn json_text_or<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    fault: studio_permissions::Error,
) -> PyResult<Bound<'py, PyString>> {
    json_text(py, value)?.map_err(|cause| {
        let raised = crate::errors::to_py(py, fault);
        raised.set_cause(py, Some(cause));
        raised
    })
}
