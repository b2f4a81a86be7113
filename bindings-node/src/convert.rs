//! Plain JavaScript objects built from core values. Each is a field-by-field
//! copy: no decision is made here.
//!
//! They stay `#[napi(object)]` structs rather than serde: the core's types
//! carry no `Serialize`, so serde would need the same structs with another
//! derive, lose the generated TypeScript types, and measured slower (an
//! `explain` through `serde_json::Value` took 1.6× the time of this one).

use napi_derive::napi;
use studio_permissions::{
    Capability, CapabilityChange, ChainLink, Diff, Explanation, Level, LevelChange, Node, Problem, Role,
    Warning,
};

/// A level's position in `Level::ALL` (lowest first): the snapshot's encoding.
pub(crate) const fn level_code(level: Level) -> u8 {
    level.index() as u8
}

// lib/access-set.js reads a snapshot's codes as `LEVELS[code]`, lowest first:
// held when the addon compiles.
const _: () =
    assert!(level_code(Level::None) == 0 && level_code(Level::Read) == 1 && level_code(Level::Edit) == 2);

/// One node on the path from the root to the node asked about.
#[napi(object)]
pub struct JsChainLink {
    pub id: String,
    pub stored: Option<String>,
    pub level: String,
}

impl From<&ChainLink> for JsChainLink {
    fn from(link: &ChainLink) -> Self {
        JsChainLink {
            id: link.id.clone(),
            stored: link.stored.map(|l| l.as_str().to_string()),
            level: link.level.as_str().to_string(),
        }
    }
}

/// A decision with its reason and chain.
#[napi(object)]
pub struct JsExplanation {
    pub allowed: bool,
    pub level: String,
    pub required: String,
    pub reason: String,
    pub chain: Vec<JsChainLink>,
    pub id: String,
    pub action: String,
    pub role: String,
}

impl From<&Explanation> for JsExplanation {
    fn from(e: &Explanation) -> Self {
        JsExplanation {
            allowed: e.allowed,
            level: e.level.as_str().to_string(),
            required: e.required.as_str().to_string(),
            reason: e.reason.as_str().to_string(),
            chain: e.chain.iter().map(JsChainLink::from).collect(),
            id: e.id.clone(),
            action: e.action.as_str().to_string(),
            role: e.role.as_str().to_string(),
        }
    }
}

/// A problem that lenient parsing turned into a warning.
#[napi(object)]
pub struct JsWarning {
    pub code: String,
    pub path: String,
    pub message: String,
}

impl From<&Warning> for JsWarning {
    fn from(w: &Warning) -> Self {
        JsWarning {
            code: w.code().to_string(),
            path: w.path().to_string(),
            message: w.to_string(),
        }
    }
}

/// A catalog node.
#[napi(object)]
pub struct JsNode {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub depth: u32,
    /// The parent's index in catalog order.
    pub parent: Option<u32>,
}

impl From<&Node> for JsNode {
    fn from(n: &Node) -> Self {
        JsNode {
            id: n.id().to_string(),
            name: n.name().to_string(),
            description: n.description().map(str::to_string),
            depth: n.depth() as u32,
            parent: n.parent().map(|p| p as u32),
        }
    }
}

/// A capability and who holds it.
#[napi(object)]
pub struct JsCapability {
    pub name: String,
    pub roles: Vec<String>,
    /// `null`: any cluster.
    pub clusters: Option<Vec<String>>,
}

impl From<&Capability> for JsCapability {
    fn from(c: &Capability) -> Self {
        JsCapability {
            name: c.name().to_string(),
            roles: c.roles().iter().map(|r| r.as_str().to_string()).collect(),
            clusters: c
                .clusters()
                .map(|list| list.iter().map(|c| c.as_str().to_string()).collect()),
        }
    }
}

/// A node whose effective level differs between two sets.
#[napi(object)]
pub struct JsLevelChange {
    pub id: String,
    pub before: String,
    pub after: String,
    pub direction: String,
}

impl From<&LevelChange> for JsLevelChange {
    fn from(c: &LevelChange) -> Self {
        JsLevelChange {
            id: c.id.clone(),
            before: c.before.as_str().to_string(),
            after: c.after.as_str().to_string(),
            direction: c.direction.as_str().to_string(),
        }
    }
}

/// A capability whose answer differs between two sets.
#[napi(object)]
pub struct JsCapabilityChange {
    pub name: String,
    pub before: bool,
    pub after: bool,
}

impl From<&CapabilityChange> for JsCapabilityChange {
    fn from(c: &CapabilityChange) -> Self {
        JsCapabilityChange {
            name: c.name.clone(),
            before: c.before,
            after: c.after,
        }
    }
}

/// The role before and after.
#[napi(object)]
pub struct JsRoleChange {
    pub before: String,
    pub after: String,
}

impl From<(Role, Role)> for JsRoleChange {
    fn from((before, after): (Role, Role)) -> Self {
        JsRoleChange {
            before: before.as_str().to_string(),
            after: after.as_str().to_string(),
        }
    }
}

/// A problem with one record of a workspace export.
#[napi(object)]
pub struct JsProblem {
    /// 1-based line where the record starts.
    pub line: u32,
    /// The record's 1-based position in the export.
    pub record: u32,
    pub user: Option<String>,
    pub code: String,
    pub path: Option<String>,
    pub message: String,
    /// True when the record was skipped; false for a lenient warning.
    pub fatal: bool,
}

impl From<&Problem> for JsProblem {
    fn from(p: &Problem) -> Self {
        JsProblem {
            line: u32::try_from(p.line).unwrap_or(u32::MAX),
            record: u32::try_from(p.record).unwrap_or(u32::MAX),
            user: p.user.clone(),
            code: p.code.to_string(),
            path: p.path.clone(),
            message: p.message.clone(),
            fatal: p.fatal,
        }
    }
}

/// Everything that differs from `a` to `b`.
#[napi(object)]
pub struct JsDiff {
    pub levels: Vec<JsLevelChange>,
    pub escalations: Vec<JsLevelChange>,
    pub reductions: Vec<JsLevelChange>,
    pub role: Option<JsRoleChange>,
    pub capabilities: Vec<JsCapabilityChange>,
    pub empty: bool,
    /// The change in one line (filled in by the caller, which knows the catalog).
    pub summary: String,
}

impl From<&Diff> for JsDiff {
    fn from(d: &Diff) -> Self {
        JsDiff {
            levels: d.levels.iter().map(JsLevelChange::from).collect(),
            escalations: d.escalations().map(JsLevelChange::from).collect(),
            reductions: d.reductions().map(JsLevelChange::from).collect(),
            summary: String::new(),
            role: d.role.map(JsRoleChange::from),
            capabilities: d.capabilities.iter().map(JsCapabilityChange::from).collect(),
            empty: d.is_empty(),
        }
    }
}

/// An action and the level code it needs.
#[napi(object)]
pub struct JsActionRule {
    pub name: String,
    /// Position of the required level in `levels`.
    pub required: u32,
}

/// The closed vocabularies of the core, in the core's order.
#[napi(object)]
pub struct JsVocabulary {
    /// Lowest first; a snapshot stores a position in this list.
    pub levels: Vec<String>,
    pub actions: Vec<JsActionRule>,
    pub roles: Vec<String>,
    pub clusters: Vec<String>,
    /// The reason codes of `explain`, in the order `explain` tries them.
    pub reasons: Vec<String>,
    /// The directions of a level change.
    pub directions: Vec<String>,
    /// Every error code the core can raise (docs/reference.md#errors).
    pub error_codes: Vec<String>,
    /// Every code a workspace problem can have.
    pub problem_codes: Vec<String>,
    /// Every code a lenient parse's warning can have.
    pub warning_codes: Vec<String>,
}

/// A capability whose answer changed on one cluster.
#[napi(object)]
pub struct JsClusterCapabilityChange {
    pub name: String,
    pub cluster: String,
    pub before: bool,
    pub after: bool,
    pub direction: String,
}

impl From<&studio_permissions::ClusterCapabilityChange> for JsClusterCapabilityChange {
    fn from(c: &studio_permissions::ClusterCapabilityChange) -> Self {
        JsClusterCapabilityChange {
            name: c.name.clone(),
            cluster: c.cluster.as_str().to_string(),
            before: c.before,
            after: c.after,
            direction: c.direction.as_str().to_string(),
        }
    }
}

/// One problem of a document (`AccessSet.validate`).
#[napi(object)]
pub struct JsDocumentProblem {
    pub code: String,
    pub path: Option<String>,
    pub message: String,
}

impl From<&studio_permissions::DocumentProblem> for JsDocumentProblem {
    fn from(p: &studio_permissions::DocumentProblem) -> Self {
        JsDocumentProblem {
            code: p.code.to_string(),
            path: p.path.clone(),
            message: p.message.clone(),
        }
    }
}
