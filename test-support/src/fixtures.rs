//! Two catalogs typed out by hand from docs/reference.md#catalog (the
//! default one and a small three-level one), with their ids, presets and
//! capabilities, so a test can check the core loads exactly what the
//! reference describes.

use std::sync::{Arc, OnceLock};
use studio_permissions::{Catalog, Cluster, Level, Role};

/// The default tree of the reference, in catalog order, typed out from the table.
pub const DEFAULT_IDS: &[&str] = &[
    "analytics",
    "analytics.conversations",
    "analytics.kpis",
    "analytics.custom_metrics",
    "analytics.dashboards",
    "analytics.polyscore",
    "analytics.smart_analyst",
    "analytics.agent_analysis",
    "analytics.csat",
    "behavior",
    "behavior.general",
    "behavior.language",
    "behavior.guardrails",
    "behavior.models",
    "knowledge",
    "knowledge.faqs",
    "knowledge.sources",
    "knowledge.variants",
    "flows",
    "tools",
    "testing",
    "realtime_config",
    "voice",
    "voice.agent",
    "voice.handoffs",
    "voice.audio_library",
    "voice.numbers",
    "voice.advanced",
    "messaging",
    "messaging.chat",
    "messaging.sms",
    "integrations",
    "deployments",
    "deployments.environments",
    "deployments.ab_testing",
    "deployments.compare_versions",
    "deployments.project_history",
    "widgets",
    "account",
];

/// A preset as the model sees it: its name and exactly the entries its row lists.
pub type PresetModel = (&'static str, &'static [(&'static str, Level)]);

use Level::{Edit as E, None as N, Read as R};

/// The default presets of the reference, in catalog order, typed out from the table.
pub const DEFAULT_PRESETS: &[PresetModel] = &[
    (
        "read_only_reviewer",
        &[
            ("analytics", R),
            ("behavior", R),
            ("knowledge", R),
            ("voice", R),
            ("messaging", R),
            ("deployments", R),
            ("account", R),
        ],
    ),
    (
        "knowledge_editor",
        &[
            ("analytics", R),
            ("knowledge", E),
            ("behavior", R),
            ("voice", R),
            ("messaging", R),
            ("deployments", N),
            ("account", N),
        ],
    ),
    (
        "full_developer",
        &[
            ("analytics", E),
            ("behavior", E),
            ("knowledge", E),
            ("flows", E),
            ("tools", E),
            ("voice", E),
            ("messaging", E),
            ("integrations", E),
            ("deployments", E),
            ("account", R),
        ],
    ),
    (
        "operations_manager",
        &[
            ("analytics", E),
            ("behavior", R),
            ("knowledge", R),
            ("voice", R),
            ("messaging", R),
            ("deployments", E),
            ("account", E),
        ],
    ),
];

/// The presets of [`TREE3_JSON`].
pub const TREE3_PRESETS: &[PresetModel] = &[
    ("p", &[("a", E), ("a.b", R), ("a.b.c", N)]),
    ("q", &[("f", N), ("f.g.h", E)]),
];

/// A small catalog three levels deep, so that clamping a grandchild under a
/// clamped child (which the two-level default tree cannot show) is reached.
pub const TREE3_JSON: &str = r#"{"version":"fuzz-3","areas":[
{"id":"a","name":"A","children":[
  {"id":"b","name":"B","children":[{"id":"c","name":"C"},{"id":"d","name":"D"}]},
  {"id":"e","name":"E"}]},
{"id":"f","name":"F","children":[{"id":"g","name":"G","children":[{"id":"h","name":"H"}]}]},
{"id":"k","name":"K"}],
"presets":{"p":{"a":"edit","a.b":"read","a.b.c":"none"},"q":{"f":"none","f.g.h":"edit"}},
"capabilities":{
  "a.admin":{"roles":["admin"]},
  "m.any":{"roles":["member","admin"]},
  "e.admin":{"roles":["admin"],"clusters":["enterprise"]},
  "m.std":{"roles":["member"],"clusters":["standard"]}}}"#;

/// The ids of [`TREE3_JSON`], in catalog order.
pub const TREE3_IDS: &[&str] = &["a", "a.b", "a.b.c", "a.b.d", "a.e", "f", "f.g", "f.g.h", "k"];

/// One capability as the model sees it: who holds it, on which clusters.
#[derive(Debug, Clone, Copy)]
pub struct CapModel {
    /// The capability's name.
    pub name: &'static str,
    /// Roles that hold it.
    pub roles: &'static [Role],
    /// Clusters it needs; `None` is any.
    pub clusters: Option<&'static [Cluster]>,
}

impl CapModel {
    /// docs/reference.md#capabilities: the role is listed and, if clusters are
    /// listed, the cluster too.
    pub fn holds(&self, role: Role, cluster: Cluster) -> bool {
        self.roles.contains(&role) && self.clusters.is_none_or(|c| c.contains(&cluster))
    }
}

/// The default capabilities of the reference.
pub const DEFAULT_CAPS: &[CapModel] = &[
    CapModel {
        name: "users.manage",
        roles: &[Role::Admin],
        clusters: None,
    },
    CapModel {
        name: "billing.manage",
        roles: &[Role::Admin],
        clusters: None,
    },
    CapModel {
        name: "projects.manage",
        roles: &[Role::Admin],
        clusters: None,
    },
    CapModel {
        name: "studio_assistant.use",
        roles: &[Role::Admin],
        clusters: Some(&[Cluster::Enterprise]),
    },
];

/// The capabilities of [`TREE3_JSON`].
pub const TREE3_CAPS: &[CapModel] = &[
    CapModel {
        name: "a.admin",
        roles: &[Role::Admin],
        clusters: None,
    },
    CapModel {
        name: "m.any",
        roles: &[Role::Member, Role::Admin],
        clusters: None,
    },
    CapModel {
        name: "e.admin",
        roles: &[Role::Admin],
        clusters: Some(&[Cluster::Enterprise]),
    },
    CapModel {
        name: "m.std",
        roles: &[Role::Member],
        clusters: Some(&[Cluster::Standard]),
    },
];

/// A catalog with the model's view of it.
pub struct Fixture {
    /// The core's catalog.
    pub catalog: Arc<Catalog>,
    /// Ids in catalog order, typed out by hand.
    pub ids: &'static [&'static str],
    /// Capabilities, typed out by hand.
    pub caps: &'static [CapModel],
    /// Presets, in catalog order, typed out by hand.
    pub presets: &'static [PresetModel],
}

/// The default catalog (its id order checked against the hand-typed list).
pub fn default_fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| fixture(Catalog::builtin(), DEFAULT_IDS, DEFAULT_CAPS, DEFAULT_PRESETS))
}

/// The three-level catalog (its id order checked against the hand-typed list).
pub fn tree3_fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let catalog = match Catalog::from_json(TREE3_JSON) {
            Ok(c) => Arc::new(c),
            Err(e) => panic!("the fuzz catalog is refused: {e}"),
        };
        fixture(catalog, TREE3_IDS, TREE3_CAPS, TREE3_PRESETS)
    })
}

fn fixture(
    catalog: Arc<Catalog>,
    ids: &'static [&'static str],
    caps: &'static [CapModel],
    presets: &'static [PresetModel],
) -> Fixture {
    let got: Vec<&str> = catalog.nodes().iter().map(|n| n.id()).collect();
    assert_eq!(got, ids, "catalog order differs from the hand-typed tree");
    let names: Vec<&str> = catalog.capabilities().iter().map(|c| c.name()).collect();
    let want: Vec<&str> = caps.iter().map(|c| c.name).collect();
    assert_eq!(names, want, "capabilities differ from the hand-typed list");
    let names: Vec<&str> = catalog.presets().iter().map(|p| p.name()).collect();
    let want: Vec<&str> = presets.iter().map(|p| p.0).collect();
    assert_eq!(names, want, "presets differ from the hand-typed list");
    Fixture {
        catalog,
        ids,
        caps,
        presets,
    }
}
