//! A small model of the rules (docs/reference.md: roles, resolution,
//! changes), written apart from the core: ids are strings, stored levels a
//! `BTreeMap`, and a node's effective level is found by walking up its dotted
//! id, so it shares no code or representation with the core's dense,
//! index-based resolution. It is a second opinion: it never asks the core.

use crate::fixtures::PresetModel;
use std::collections::BTreeMap;
use studio_permissions::{Level, Reason, Role};

/// What a user stores: id to level.
pub type Stored = BTreeMap<String, Level>;

/// What a preset stores, as the model sees it.
pub fn preset_stored(preset: &PresetModel) -> Stored {
    preset.1.iter().map(|(id, l)| (id.to_string(), *l)).collect()
}

/// The parent of a dotted id: everything before the last dot.
pub fn parent(id: &str) -> Option<&str> {
    id.rfind('.').map(|i| &id[..i])
}

/// Whether `id` lies strictly below `of`.
pub fn is_descendant(id: &str, of: &str) -> bool {
    id.len() > of.len() && id.starts_with(of) && id.as_bytes().get(of.len()) == Some(&b'.')
}

/// docs/reference.md#resolution, member resolution, by walking up the dotted id.
pub fn member_level(stored: &Stored, id: &str) -> Level {
    let own = stored.get(id).copied();
    match parent(id) {
        None => own.unwrap_or(Level::None),
        Some(p) => match member_level(stored, p) {
            Level::None => Level::None,
            up => own.map_or(up, |o| o.min(up)),
        },
    }
}

/// docs/reference.md#roles-and-capabilities: an admin is at `edit` everywhere.
pub fn effective(stored: &Stored, role: Role, id: &str) -> Level {
    match role {
        Role::Admin => Level::Edit,
        Role::Member => member_level(stored, id),
    }
}

/// docs/reference.md#reason-codes: the reason code of `explain`.
pub fn reason(stored: &Stored, role: Role, id: &str) -> Reason {
    if role == Role::Admin {
        return Reason::AdminRole;
    }
    let mut up = parent(id);
    let mut has_parent = false;
    while let Some(p) = up {
        has_parent = true;
        if member_level(stored, p) == Level::None {
            return Reason::ParentNone;
        }
        up = parent(p);
    }
    if stored.contains_key(id) {
        Reason::Explicit
    } else if has_parent {
        Reason::Inherited
    } else {
        Reason::NotGranted
    }
}

/// The ids, in catalog order, that store more than a parent that is not `none`.
pub fn breaches<S: AsRef<str>>(ids: &[S], stored: &Stored) -> Vec<String> {
    ids.iter()
        .map(AsRef::as_ref)
        .filter(|id| {
            let (Some(own), Some(p)) = (stored.get(*id), parent(id)) else {
                return false;
            };
            let up = member_level(stored, p);
            up != Level::None && *own > up
        })
        .map(str::to_string)
        .collect()
}

/// Clamping (docs/reference.md#lenient-mode and #changes) in catalog order,
/// over the ids `within` accepts;
/// returns the clamped ids with their old and new levels.
pub fn clamp<S: AsRef<str>>(
    ids: &[S],
    stored: &mut Stored,
    within: impl Fn(&str) -> bool,
) -> Vec<(String, Level, Level)> {
    let mut out = Vec::new();
    for id in ids.iter().map(AsRef::as_ref) {
        if !within(id) {
            continue;
        }
        if let (Some(own), Some(p)) = (stored.get(id).copied(), parent(id)) {
            let up = member_level(stored, p);
            if up != Level::None && own > up {
                stored.insert(id.to_string(), up);
                out.push((id.to_string(), own, up));
            }
        }
    }
    out
}

/// The canonical document (docs/reference.md#canonical-text) for the model's state (ids and level
/// names need no escaping: they are `[a-z0-9_.]`).
pub fn canonical<S: AsRef<str>>(ids: &[S], stored: &Stored, role: Role) -> String {
    let entries: Vec<String> = ids
        .iter()
        .map(AsRef::as_ref)
        .filter_map(|id| Some(format!("\"{id}\":\"{}\"", stored.get(id)?.as_str())))
        .collect();
    format!(
        "{{\"role\":\"{}\",\"permissions\":{{{}}}}}",
        role.as_str(),
        entries.join(",")
    )
}
