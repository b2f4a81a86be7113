//! Judging a stored document (docs/reference.md#validation): its shape, then its role, ids, levels
//! and the parent rule, in the order of the table so that the first row that
//! applies decides the error.
//!
//! This file holds the full judgment, which alone words every error and
//! warning; `fast_path` reads the common plain document without a JSON
//! tree, `entries` judges a document a host holds as strings, and `warning`
//! is what lenient mode sets aside.

pub(crate) mod entries;
pub(crate) mod fast_path;
pub(crate) mod warning;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::json::Json;
use crate::resolve;
use crate::shown::shown;
use crate::suggest::Budget;
use crate::vocab::{Level, Mode, Role};
use warning::Warning;

/// A document that passed: the role, a stored level per node, the warnings.
pub(crate) struct Judged {
    pub role: Role,
    pub stored: Vec<Option<Level>>,
    pub warnings: Vec<Warning>,
}

/// Judges one document; suggestions for unknown ids are paid from `budget`,
/// which a caller judging many documents (a workspace) shares among them.
pub(crate) fn judge(catalog: &Catalog, value: &Json, mode: Mode, budget: &mut Budget) -> Result<Judged> {
    let Json::Object(fields) = value else {
        return Err(Error::document(
            "",
            format!("the document must be a JSON object, found {}", value.kind()),
        ));
    };

    // Row 3: the shape, checked in document order.
    let mut role = None;
    let mut entries: &[(String, Json)] = &[];
    let mut warnings = Vec::new();
    for (key, value) in fields {
        match (key.as_str(), value) {
            ("role", Json::String(r)) => role = Some(r.as_str()),
            ("role", other) => {
                return Err(Error::document(
                    "role",
                    format!("`role` must be a string, found {}", other.kind()),
                ))
            }
            ("permissions", Json::Object(list)) => {
                if let Some((id, level)) = list.iter().find(|(_, level)| !matches!(level, Json::String(_))) {
                    return Err(Error::document(
                        id.as_str(),
                        format!(
                            "the level of {} must be a string, found {}",
                            shown(id),
                            level.kind()
                        ),
                    ));
                }
                entries = list;
            }
            ("permissions", other) => {
                return Err(Error::document(
                    "permissions",
                    format!("`permissions` must be an object, found {}", other.kind()),
                ))
            }
            (field, _) => match mode {
                Mode::Strict => {
                    return Err(Error::document(field, format!("unknown field {}", shown(field))))
                }
                Mode::Lenient => warnings.push(Warning::UnknownField {
                    field: field.to_string(),
                }),
            },
        }
    }
    let role = role.ok_or_else(|| Error::document("role", "missing field `role`"))?;

    // Row 4.
    let role = Role::parse(role).map_err(|_| Error::UnknownRole {
        role: role.to_string(),
        path: "role".to_string(),
    })?;

    // Row 5: every id before any level, so an unknown id wins in strict mode.
    let mut known = Vec::with_capacity(entries.len());
    for (id, _) in entries {
        match catalog.lookup(id) {
            Some(_) => known.push(id.as_str()),
            None => match mode {
                Mode::Strict => return Err(catalog.unknown_area_within(id, budget)),
                Mode::Lenient => {
                    let Error::UnknownArea { id, suggestion } = catalog.unknown_area_within(id, budget)
                    else {
                        continue;
                    };
                    warnings.push(Warning::UnknownArea { id, suggestion });
                }
            },
        }
    }

    // Row 6: a level name is checked under every id, dropped ones included.
    let mut stored = vec![None; catalog.len()];
    for (id, level) in entries {
        let Json::String(level) = level else { continue };
        let level = Level::parse(level).map_err(|_| Error::InvalidLevel {
            level: level.clone(),
            id: Some(id.clone()),
        })?;
        if let Some(slot) = catalog.lookup(id).and_then(|index| stored.get_mut(index)) {
            *slot = Some(level);
        }
    }

    // Row 7.
    match mode {
        Mode::Strict => {
            if let Some(fault) = resolve::first_excess(catalog, &stored, known.iter().copied()) {
                return Err(fault);
            }
        }
        Mode::Lenient => {
            for c in resolve::clamp(catalog, &mut stored, 0..catalog.len()) {
                warnings.push(Warning::lowered(catalog, &c));
            }
        }
    }
    Ok(Judged {
        role,
        stored,
        warnings,
    })
}
