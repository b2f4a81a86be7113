//! The one place where core errors become JavaScript errors.
//!
//! Every core error is thrown as a JavaScript `Error` whose message is the
//! core's `Display` text, with `code` (the stable string) and `path` (the
//! offending id or field, or `null`), plus the core's `Error::details()`
//! (`suggestion`, `line`/`column`, `size`/`limit`) and the records some
//! errors carry (`explanation`, `capability`/`cluster`/`role` of a refused
//! capability, `problems`). The
//! JavaScript layer (`lib/errors.js`) re-throws it as its own error class.

use crate::convert::{JsExplanation, JsProblem};
use napi::bindgen_prelude::{JsObjectValue, JsValue, Null};
use napi::{Env, Status};
use studio_permissions::Error;

/// The napi error that throws `error` as a JavaScript `Error` with its fields.
pub(crate) fn to_js(env: &Env, error: &Error) -> napi::Error {
    match build(env, error) {
        Ok(e) => e,
        // Building the object failed (the engine is out of memory or shutting
        // down): still throw, with the same message and the code as status.
        Err(_) => napi::Error::new(Status::GenericFailure, error.to_string()),
    }
}

fn build(env: &Env, error: &Error) -> napi::Result<napi::Error> {
    let mut object = env.create_error(napi::Error::new(Status::GenericFailure, error.to_string()))?;
    object.set_named_property("code", error.code())?;
    match error.path() {
        Some(path) => object.set_named_property("path", path)?,
        None => object.set_named_property("path", Null)?,
    }
    let details = error.details();
    if let Some(suggestion) = details.suggestion {
        object.set_named_property("suggestion", suggestion)?;
    }
    if let (Some(line), Some(column)) = (details.line, details.column) {
        object.set_named_property("line", line as u32)?;
        object.set_named_property("column", column as u32)?;
    }
    if let (Some(size), Some(limit)) = (details.size, details.limit) {
        object.set_named_property("size", size as f64)?;
        object.set_named_property("limit", limit as f64)?;
    }
    match error {
        Error::InvalidWorkspace { problems } => {
            let problems: Vec<JsProblem> = problems.iter().map(JsProblem::from).collect();
            object.set_named_property("problems", problems)?;
        }
        Error::CapabilityDenied { name, cluster, role } => {
            object.set_named_property("capability", name.as_str())?;
            object.set_named_property("cluster", cluster.as_str())?;
            object.set_named_property("role", role.as_str())?;
        }
        Error::PermissionDenied(explanation) => {
            object.set_named_property("explanation", JsExplanation::from(explanation.as_ref()))?;
        }
        _ => {}
    }
    Ok(napi::Error::from(object.to_unknown()))
}

/// Maps a core result, throwing its error as [`to_js`] does.
pub(crate) trait OrThrow<T> {
    /// The value, or the JavaScript error.
    fn or_throw(self, env: &Env) -> napi::Result<T>;
}

impl<T> OrThrow<T> for Result<T, Error> {
    fn or_throw(self, env: &Env) -> napi::Result<T> {
        self.map_err(|e| to_js(env, &e))
    }
}
