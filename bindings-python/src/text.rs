//! The one way a `str` or `bytes` argument becomes the core's text, for every
//! loader (`AccessSet`, `Catalog`, `Workspace`).
//!
//! `bytes` go to the core as they are: bytes that are not UTF-8 are the core's
//! `invalid_json` where they stand. A `str` is read as it is; one with an
//! unpaired surrogate (no UTF-8 form) is turned into text by the core from its
//! UTF-16 code units, which writes the surrogate as the escape a JSON writer
//! gives it, so the core refuses it as `invalid_json` where it stands, with
//! the same message as the other languages.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
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
