//! How a web service answers: for every error code, the HTTP status and the
//! JSON body. The FastAPI, Express and Fastify drop-ins send these bytes and
//! nothing of their own, so the three answer alike.
//!
//! The body is an object: `code`, `message`, then the fields of the code's
//! row, in the row's order; a field the error lacks is `null`. Two codes are
//! the guards' own, not errors of the core: `unauthenticated` (no access for
//! the request, 401) and `access_unavailable` (finding the request's access
//! failed: a fault of the server, 500). Both have a fixed message, so nothing
//! of the server's data reaches the client.

use crate::error::Error;
use crate::json::write_string;

/// The code of a request that comes without an access set (401).
pub const UNAUTHENTICATED: &str = "unauthenticated";
/// The fixed message of [`UNAUTHENTICATED`].
pub const UNAUTHENTICATED_MESSAGE: &str = "authentication required: no access set for this request";
/// The code of a request whose access set could not be established: the
/// app's lookup raised, or gave something other than an access set of the
/// guard's catalog (500).
pub const ACCESS_UNAVAILABLE: &str = "access_unavailable";
/// The fixed message of [`ACCESS_UNAVAILABLE`].
pub const ACCESS_UNAVAILABLE_MESSAGE: &str = "the access of this request could not be established";

/// One row of the answer table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpRow {
    /// The error code.
    pub code: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The body's fields after `code` and `message`, in order.
    pub fields: &'static [&'static str],
    /// The fixed message, for the guards' own codes.
    pub message: Option<&'static str>,
}

const fn row(code: &'static str, status: u16, fields: &'static [&'static str]) -> HttpRow {
    HttpRow {
        code,
        status,
        fields,
        message: None,
    }
}

const PATH: &[&str] = &["path"];
const SUGGESTED: &[&str] = &["path", "suggestion"];
const REFUSED: &[&str] = &["id", "action", "level", "required", "reason"];
const REFUSED_CAPABILITY: &[&str] = &["capability", "cluster", "role"];

/// Every row: the core's error codes in [`Error::CODES`] order (a refused
/// capability is the second `permission_denied` row), then the guards' two.
pub const HTTP_ROWS: &[HttpRow] = &[
    row("invalid_json", 400, &["path", "line", "column"]),
    row("duplicate_key", 400, PATH),
    row("invalid_document", 400, PATH),
    row("unknown_role", 400, PATH),
    row("unknown_area", 400, SUGGESTED),
    row("invalid_level", 400, PATH),
    row("subsection_exceeds_parent", 400, PATH),
    row("invalid_catalog", 400, PATH),
    row("invalid_migration", 400, PATH),
    row("unknown_action", 400, SUGGESTED),
    row("unknown_capability", 400, SUGGESTED),
    row("unknown_cluster", 400, PATH),
    row("unknown_preset", 400, SUGGESTED),
    row("limit_exceeded", 400, &["path", "size", "limit"]),
    row("invalid_workspace", 400, PATH),
    row("permission_denied", 403, REFUSED),
    row("permission_denied", 403, REFUSED_CAPABILITY),
    HttpRow {
        code: UNAUTHENTICATED,
        status: 401,
        fields: &[],
        message: Some(UNAUTHENTICATED_MESSAGE),
    },
    HttpRow {
        code: ACCESS_UNAVAILABLE,
        status: 500,
        fields: &[],
        message: Some(ACCESS_UNAVAILABLE_MESSAGE),
    },
];

/// A value of a body field, as a host hands it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpField<'a> {
    /// A JSON string.
    Text(&'a str),
    /// A JSON number (a line, a column, a size in bytes).
    Number(u64),
    /// JSON `null`.
    Null,
}

/// An HTTP answer: the status and the body as JSON text (UTF-8, no spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The body: a JSON object.
    pub body: String,
}

/// The row of `code`; for `permission_denied`, the capability row when
/// `capability` is true.
fn row_of(code: &str, capability: bool) -> Option<&'static HttpRow> {
    let mut rows = HTTP_ROWS.iter().filter(|r| r.code == code);
    let first = rows.next()?;
    if capability {
        if let Some(second) = rows.next() {
            return Some(second);
        }
    }
    Some(first)
}

/// The HTTP status of an error code, the guards' two included; `None` for a
/// code the table does not know.
pub fn http_status(code: &str) -> Option<u16> {
    row_of(code, false).map(|r| r.status)
}

/// The answer for an error described by its code, message and fields (what
/// a host's exception carries): the row's fields are taken by name, in the
/// row's order, a missing one written `null`; fields outside the row are
/// left out. A `permission_denied` with a `capability` field takes the
/// capability row. The guards' two codes have their fixed message whatever
/// `message` says. `None` for a code the table does not know.
pub fn http_answer(code: &str, message: &str, fields: &[(&str, HttpField<'_>)]) -> Option<HttpAnswer> {
    let given = |name: &str| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let capability = matches!(given("capability"), Some(HttpField::Text(_)));
    let row = row_of(code, capability)?;
    let mut body = String::with_capacity(64 + message.len());
    body.push_str("{\"code\":");
    write_string(&mut body, row.code);
    body.push_str(",\"message\":");
    write_string(&mut body, row.message.unwrap_or(message));
    for name in row.fields {
        body.push(',');
        write_string(&mut body, name);
        body.push(':');
        match given(name).unwrap_or(HttpField::Null) {
            HttpField::Text(text) => write_string(&mut body, text),
            HttpField::Number(n) => body.push_str(&n.to_string()),
            HttpField::Null => body.push_str("null"),
        }
    }
    body.push('}');
    Some(HttpAnswer {
        status: row.status,
        body,
    })
}

/// The answer of one of the guards' codes ([`UNAUTHENTICATED`],
/// [`ACCESS_UNAVAILABLE`]): its status and fixed body.
pub fn guard_answer(code: &str) -> Option<HttpAnswer> {
    row_of(code, false)
        .filter(|r| r.message.is_some())
        .and_then(|r| http_answer(r.code, "", &[]))
}

impl Error {
    /// The HTTP status a web service answers this error with (see
    /// [`HTTP_ROWS`]): 403 for a refusal, 400 for every other code.
    pub fn http_status(&self) -> u16 {
        self.http_answer().status
    }

    /// The HTTP answer for this error: its status and JSON body.
    pub fn http_answer(&self) -> HttpAnswer {
        let message = self.to_string();
        let details = self.details();
        let mut fields: Vec<(&str, HttpField<'_>)> = Vec::with_capacity(6);
        fields.push(("path", self.path().map_or(HttpField::Null, HttpField::Text)));
        if let Some(suggestion) = details.suggestion {
            fields.push(("suggestion", suggestion.map_or(HttpField::Null, HttpField::Text)));
        }
        let numbers = [
            ("line", details.line),
            ("column", details.column),
            ("size", details.size),
            ("limit", details.limit),
        ];
        for (name, value) in numbers {
            if let Some(value) = value {
                fields.push((name, HttpField::Number(value as u64)));
            }
        }
        match self {
            Error::PermissionDenied(e) => {
                fields.push(("id", HttpField::Text(&e.id)));
                fields.push(("action", HttpField::Text(e.action.as_str())));
                fields.push(("level", HttpField::Text(e.level.as_str())));
                fields.push(("required", HttpField::Text(e.required.as_str())));
                fields.push(("reason", HttpField::Text(e.reason.as_str())));
            }
            Error::CapabilityDenied { name, cluster, role } => {
                fields.push(("capability", HttpField::Text(name)));
                fields.push(("cluster", HttpField::Text(cluster.as_str())));
                fields.push(("role", HttpField::Text(role.as_str())));
            }
            _ => {}
        }
        match http_answer(self.code(), &message, &fields) {
            Some(answer) => answer,
            // Unreachable while every code has a row (a unit test holds it):
            // a server fault rather than a guess.
            None => HttpAnswer {
                status: 500,
                body: format!(
                    "{{\"code\":{},\"message\":{}}}",
                    quoted(self.code()),
                    quoted(&message)
                ),
            },
        }
    }
}

fn quoted(text: &str) -> String {
    let mut out = String::new();
    write_string(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessSet, Action, Catalog, Cluster, Mode, Role};

    fn some<T>(value: Option<T>) -> T {
        match value {
            Some(value) => value,
            None => unreachable!("no answer"),
        }
    }

    fn set(doc: &str) -> AccessSet {
        match AccessSet::parse(&Catalog::builtin(), doc, Mode::Strict) {
            Ok(set) => set,
            Err(e) => unreachable!("test document refused: {e}"),
        }
    }

    fn fails<T>(result: crate::Result<T>) -> Error {
        match result {
            Ok(_) => unreachable!("no error"),
            Err(e) => e,
        }
    }

    #[test]
    fn every_error_code_has_a_row() {
        for code in Error::CODES {
            assert!(
                HTTP_ROWS.iter().any(|r| r.code == code),
                "`{code}` has no row in core/src/http.rs HTTP_ROWS: add its status and body fields"
            );
        }
        for r in HTTP_ROWS {
            assert!(
                Error::CODES.contains(&r.code) || r.message.is_some(),
                "`{}` is neither an error code nor a guard code",
                r.code
            );
            assert!(matches!(r.status, 400..=599), "{}", r.code);
        }
    }

    #[test]
    fn the_guards_answers_are_fixed() {
        let none = some(guard_answer(UNAUTHENTICATED));
        assert_eq!(none.status, 401);
        assert_eq!(
            none.body,
            r#"{"code":"unauthenticated","message":"authentication required: no access set for this request"}"#
        );
        let stored = [("path", HttpField::Text("x"))];
        let failed = some(http_answer(ACCESS_UNAVAILABLE, "invalid level `sekret`", &stored));
        assert_eq!(failed.status, 500);
        assert_eq!(
            failed.body,
            r#"{"code":"access_unavailable","message":"the access of this request could not be established"}"#
        );
        assert_eq!(guard_answer("unknown_area"), None);
        assert_eq!(http_answer("no_such_code", "x", &[]), None);
        assert_eq!(http_status("no_such_code"), None);
        assert_eq!(http_status(ACCESS_UNAVAILABLE), Some(500));
    }

    #[test]
    fn an_error_answers_its_row_with_its_own_fields() {
        let typo = fails(set(r#"{"role":"admin","permissions":{}}"#).level("knowlege.faqs"));
        assert_eq!(typo.http_status(), 400);
        assert_eq!(
            typo.http_answer().body,
            r#"{"code":"unknown_area","message":"unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?","path":"knowlege.faqs","suggestion":"knowledge.faqs"}"#
        );
        let json = fails(AccessSet::parse(
            &Catalog::builtin(),
            "{\"role\":\n[",
            Mode::Strict,
        ));
        let answer = json.http_answer();
        assert_eq!(answer.status, 400);
        assert!(
            answer
                .body
                .starts_with(r#"{"code":"invalid_json","message":"invalid JSON at line 2"#),
            "{}",
            answer.body
        );
        assert!(
            answer.body.ends_with(r#","path":null,"line":2,"column":2}"#),
            "{}",
            answer.body
        );

        let refused = fails(set(r#"{"role":"member","permissions":{}}"#).require("knowledge", Action::View));
        assert_eq!(refused.http_status(), 403);
        assert_eq!(
            refused.http_answer().body,
            format!(
                r#"{{"code":"permission_denied","message":{},"id":"knowledge","action":"view","level":"none","required":"read","reason":"not_granted"}}"#,
                quoted(&refused.to_string())
            )
        );
    }

    #[test]
    fn a_host_gets_the_bytes_an_error_gets() {
        let capability = Error::CapabilityDenied {
            name: "users.manage".into(),
            cluster: Cluster::Standard,
            role: Role::Member,
        };
        let message = capability.to_string();
        let given = [
            ("role", HttpField::Text("member")),
            ("capability", HttpField::Text("users.manage")),
            ("cluster", HttpField::Text("standard")),
            ("path", HttpField::Text("users.manage")),
            ("unrelated", HttpField::Number(7)),
        ];
        let from_host = some(http_answer("permission_denied", &message, &given));
        assert_eq!(from_host, capability.http_answer());
        assert_eq!(
            from_host.body,
            r#"{"code":"permission_denied","message":"permission denied: the capability `users.manage` is not held by the role `member` on the cluster `standard`","capability":"users.manage","cluster":"standard","role":"member"}"#
        );
        // Quotes, backslashes and control characters are escaped as JSON.
        let odd = some(http_answer(
            "unknown_role",
            "a \"b\" \\ \u{1}",
            &[("path", HttpField::Text("r\n"))],
        ));
        assert_eq!(
            odd.body,
            r#"{"code":"unknown_role","message":"a \"b\" \\ \u0001","path":"r\n"}"#
        );
    }
}
