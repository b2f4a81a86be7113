//! The public API's details that vectors cannot see: messages, paths,
//! suggestions, canonical text byte for byte, handles, explanations.

use std::sync::Arc;
use studio_permissions::{
    AccessSet, Action, Catalog, Cluster, Direction, Error, Level, Mode, Reason, Role, Warning,
};

fn builtin() -> Arc<Catalog> {
    Catalog::builtin()
}

fn parse(text: &str) -> Result<AccessSet, Error> {
    AccessSet::parse(&builtin(), text, Mode::Strict)
}

fn lenient(text: &str) -> Result<AccessSet, Error> {
    AccessSet::parse(&builtin(), text, Mode::Lenient)
}

fn fault(result: Result<impl std::fmt::Debug, Error>) -> (String, Option<String>, String) {
    match result {
        Ok(v) => unreachable!("expected an error, got {v:?}"),
        Err(e) => (e.code().to_string(), e.path().map(String::from), e.to_string()),
    }
}

#[test]
fn unknown_area_suggests_the_nearest_id() {
    let set = AccessSet::admin(&builtin());
    assert_eq!(
        fault(set.level("knowlege.faqs")),
        (
            "unknown_area".into(),
            Some("knowlege.faqs".into()),
            "unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?".into()
        )
    );
    assert_eq!(fault(set.level("billing")).2, "unknown area `billing`");
    // The first in catalog order wins a tie: `voice.agents` is 1 from `voice.agent` only.
    assert_eq!(
        fault(set.level("voice.agents")).2,
        "unknown area `voice.agents`: did you mean `voice.agent`?"
    );
    assert_eq!(
        fault(set.capability("users.manag", Cluster::Standard)).2,
        "unknown capability `users.manag`: did you mean `users.manage`?"
    );
    assert_eq!(
        fault(AccessSet::preset(&builtin(), "knowledge_editr")).2,
        "unknown preset `knowledge_editr`: did you mean `knowledge_editor`?"
    );
}

#[test]
fn document_errors_name_the_offending_field_or_id() {
    let cases: [(&str, &str, Option<&str>); 11] = [
        ("[]", "invalid_document", None),
        (r#"{"permissions":{}}"#, "invalid_document", Some("role")),
        (r#"{"role":1}"#, "invalid_document", Some("role")),
        (
            r#"{"role":"member","permissions":null}"#,
            "invalid_document",
            Some("permissions"),
        ),
        (
            r#"{"role":"member","permissions":{"flows":"read","tools":2}}"#,
            "invalid_document",
            Some("tools"),
        ),
        (
            r#"{"role":"member","extra":1}"#,
            "invalid_document",
            Some("extra"),
        ),
        (r#"{"role":"owner"}"#, "unknown_role", Some("role")),
        (
            r#"{"role":"member","permissions":{"flows":"read","flow":"x","tool":"read"}}"#,
            "unknown_area",
            Some("flow"),
        ),
        (
            r#"{"role":"member","permissions":{"flows":"Read","tools":"x"}}"#,
            "invalid_level",
            Some("flows"),
        ),
        (
            r#"{"role":"member","permissions":{"knowledge":"read","knowledge.sources":"edit","analytics":"none","knowledge.faqs":"edit"}}"#,
            "subsection_exceeds_parent",
            Some("knowledge.sources"),
        ),
        (
            r#"{"role":"member","role":"admin"}"#,
            "duplicate_key",
            Some("role"),
        ),
    ];
    for (text, code, path) in cases {
        let (got_code, got_path, message) = fault(parse(text));
        assert_eq!(
            (got_code.as_str(), got_path.as_deref()),
            (code, path),
            "{text}: {message}"
        );
        if let Some(path) = path {
            assert!(message.contains(path), "{message} does not name {path}");
        }
    }
    assert_eq!(
        fault(parse(
            r#"{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit"}}"#
        ))
        .2,
        "`knowledge.faqs` cannot be `edit`: its parent `knowledge` is only `read`"
    );
    assert_eq!(
        fault(parse("{\"role\":\"member\",\n \"permissions\": {,}}")).2,
        "invalid JSON at line 2, column 18: expected a string key in an object"
    );
}

#[test]
fn invalid_utf8_bytes_are_not_json() {
    let result = AccessSet::parse_bytes(&builtin(), b"{\"role\":\"\xff\"}", Mode::Strict);
    assert_eq!(fault(result).0, "invalid_json");
    let ok = AccessSet::parse_bytes(&builtin(), br#"{"role":"admin"}"#, Mode::Strict);
    assert_eq!(ok.map(|s| s.role()), Ok(Role::Admin));
}

#[test]
fn canonical_text_is_exact() {
    let set = parse(
        r#"{ "permissions": {"account":"read", "analytics.kpis": "none", "analytics":"edit"}, "role": "member" }"#,
    );
    assert_eq!(
        set.map(|s| s.to_json()),
        Ok(r#"{"role":"member","permissions":{"analytics":"edit","analytics.kpis":"none","account":"read"}}"#.into())
    );
    assert_eq!(
        parse(r#"{"role":"admin"}"#).map(|s| s.to_json()),
        Ok(r#"{"role":"admin","permissions":{}}"#.into())
    );
    let preset = AccessSet::preset(&builtin(), "knowledge_editor").map(|s| s.to_json());
    assert_eq!(
        preset,
        Ok(r#"{"role":"member","permissions":{"analytics":"read","behavior":"read","knowledge":"edit","voice":"read","messaging":"read","deployments":"none","account":"none"}}"#.into())
    );
}

#[test]
fn lenient_warnings_carry_codes_paths_and_messages() {
    let set = lenient(
        r#"{"zeta":1,"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit","knowlege":"edit"},"alpha":true}"#,
    );
    let Ok(set) = set else { unreachable!("{set:?}") };
    let seen: Vec<(&str, &str, String)> = set
        .warnings()
        .iter()
        .map(|w| (w.code(), w.path(), w.to_string()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "unknown_field",
                "zeta",
                "ignored unknown field `zeta`".to_string()
            ),
            (
                "unknown_field",
                "alpha",
                "ignored unknown field `alpha`".to_string()
            ),
            (
                "unknown_area",
                "knowlege",
                "dropped unknown area `knowlege`: did you mean `knowledge`?".to_string()
            ),
            (
                "subsection_exceeds_parent",
                "knowledge.faqs",
                "lowered `knowledge.faqs` from `edit` to `read`: its parent `knowledge` is only `read`"
                    .to_string()
            ),
        ]
    );
    assert!(matches!(
        set.warnings().last(),
        Some(Warning::SubsectionExceedsParent { to: Level::Read, .. })
    ));
    // A change gives a new set, which has no warnings of its own.
    assert_eq!(set.clear("knowledge.faqs").map(|s| s.warnings().len()), Ok(0));
}

#[test]
fn handles_check_without_hashing_and_refuse_other_catalogs() {
    let catalog = builtin();
    let set = AccessSet::preset(&catalog, "knowledge_editor");
    let Ok(set) = set else { unreachable!() };
    let Ok(faqs) = catalog.node("knowledge.faqs") else {
        unreachable!()
    };
    assert_eq!(set.level_at(faqs), Ok(Level::Edit));
    assert_eq!(set.allowed_at(faqs, Action::Delete), Ok(true));
    assert_eq!(fault(catalog.node("knowledge.faq")).0, "unknown_area");

    let Ok(other) = Catalog::from_json(Catalog::builtin_json()) else {
        unreachable!()
    };
    let other = Arc::new(other);
    let Ok(foreign) = other.node("knowledge.faqs") else {
        unreachable!()
    };
    assert_eq!(fault(set.level_at(foreign)).0, "unknown_area");
}

#[test]
fn explain_gives_the_chain_and_require_carries_it() {
    let set = parse(r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#);
    let Ok(set) = set else { unreachable!() };
    let e = set.explain("knowledge.sources", "edit");
    let Ok(e) = e else { unreachable!() };
    assert_eq!(
        (e.allowed, e.level, e.required, e.reason),
        (false, Level::Read, Level::Edit, Reason::Explicit)
    );
    let chain: Vec<(&str, Option<Level>, Level)> = e
        .chain
        .iter()
        .map(|l| (l.id.as_str(), l.stored, l.level))
        .collect();
    assert_eq!(
        chain,
        [
            ("knowledge", Some(Level::Edit), Level::Edit),
            ("knowledge.sources", Some(Level::Read), Level::Read)
        ]
    );

    let denied = set.require("knowledge.sources", Action::Delete);
    let Err(err) = denied else { unreachable!() };
    assert_eq!(err.code(), "permission_denied");
    assert_eq!(err.path(), Some("knowledge.sources"));
    assert_eq!(
        err.to_string(),
        "permission denied: `delete` on `knowledge.sources` needs `edit`, the level is `read` (explicit)"
    );
    assert_eq!(err.explanation().map(|e| e.reason), Some(Reason::Explicit));
    assert_eq!(set.require("knowledge.faqs", "delete"), Ok(()));
    // Arguments are checked left to right.
    assert_eq!(fault(set.require("knowlege", "fly")).0, "unknown_area");
    assert_eq!(fault(set.require("knowledge", "fly")).0, "unknown_action");
}

#[test]
fn admins_keep_stored_levels_that_still_obey_the_rules() {
    let set = parse(r#"{"role":"admin","permissions":{"analytics":"read"}}"#);
    let Ok(set) = set else { unreachable!() };
    assert_eq!(set.level("analytics.kpis"), Ok(Level::Edit));
    assert_eq!(
        fault(set.set("analytics.kpis", "edit")).0,
        "subsection_exceeds_parent"
    );
    let member = set.with_role("member");
    assert_eq!(
        member.as_ref().map(|m| m.level("analytics.kpis")),
        Ok(Ok(Level::Read))
    );
    assert_eq!(
        member.map(|m| m.to_json()),
        Ok(r#"{"role":"member","permissions":{"analytics":"read"}}"#.into())
    );
    assert_eq!(set.capability("studio_assistant.use", "enterprise"), Ok(true));
    assert_eq!(
        set.capability("studio_assistant.use", Cluster::Standard),
        Ok(false)
    );
}

#[test]
fn diff_reports_before_after_and_direction() {
    let catalog = builtin();
    let (Ok(a), Ok(b)) = (
        AccessSet::preset(&catalog, "knowledge_editor"),
        AccessSet::preset(&catalog, "operations_manager"),
    ) else {
        unreachable!()
    };
    let Ok(d) = a.diff(&b, Cluster::Standard) else {
        unreachable!()
    };
    let first = d
        .levels
        .first()
        .map(|c| (c.id.as_str(), c.before, c.after, c.direction));
    assert_eq!(
        first,
        Some(("analytics", Level::Read, Level::Edit, Direction::Escalation))
    );
    assert!(d
        .reductions()
        .any(|c| c.id == "knowledge.faqs" && c.after == Level::Read));
    assert_eq!(d.role, None);
    let Ok(admin_diff) = a.diff(&AccessSet::admin(&catalog), Cluster::Enterprise) else {
        unreachable!()
    };
    assert_eq!(admin_diff.role, Some((Role::Member, Role::Admin)));
    assert_eq!(admin_diff.capabilities.len(), 4);

    let Ok(custom) = Catalog::from_json(r#"{"areas":[{"id":"a","name":"A"}]}"#) else {
        unreachable!()
    };
    let stranger = AccessSet::admin(&Arc::new(custom));
    assert_eq!(fault(a.diff(&stranger, Cluster::Standard)).0, "invalid_catalog");
    assert_eq!(fault(a.within(&stranger)).0, "invalid_catalog");
}

#[test]
fn from_value_judges_the_text_the_value_writes() {
    let value = serde_json::json!({"role": "member", "permissions": {"flows": "edit"}});
    let set = AccessSet::from_value(&builtin(), &value, Mode::Strict);
    assert_eq!(set.and_then(|s| s.level("flows")), Ok(Level::Edit));
    let bad = serde_json::json!({"role": "member", "permissions": {"flows": 1.5}});
    assert_eq!(
        fault(AccessSet::from_value(&builtin(), &bad, Mode::Strict)).0,
        "invalid_document"
    );
}

#[test]
fn catalog_faults_are_named() {
    let cases = [
        ("nope", "invalid JSON"),
        (r#"{"areas":[]}"#, "`areas` must not be empty"),
        (r#"{"areas":[{"id":"A","name":"A"}]}"#, "malformed id segment `A`"),
        (
            r#"{"areas":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}"#,
            "repeated id `a`",
        ),
        (r#"{"areas":[{"id":"a"}]}"#, "node `a` is missing `name`"),
        (
            r#"{"areas":[{"id":"a","name":"A"}],"extra":1}"#,
            "unknown field `extra`",
        ),
        (
            r#"{"areas":[{"id":"a","name":"A"}],"presets":{"p":{"b":"read"}}}"#,
            "preset `p` names unknown id `b`",
        ),
        (
            r#"{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"}]}],"presets":{"p":{"a":"read","a.b":"edit"}}}"#,
            "preset `p`: `a.b` cannot be `edit`",
        ),
        (
            r#"{"areas":[{"id":"a","name":"A"}],"capabilities":{"x":{"roles":["admin","admin"]}}}"#,
            "repeated entry `admin`",
        ),
        (
            r#"{"areas":[{"id":"a","name":"A"}],"capabilities":{"x":{"roles":["admin"],"clusters":["gov"]}}}"#,
            "unknown entry `gov`",
        ),
        (
            r#"{"areas":[{"id":"a","name":"A"}],"capabilities":{"x":{"roles":[]}}}"#,
            "`roles` must not be empty",
        ),
    ];
    for (text, words) in cases {
        let (code, _, message) = fault(Catalog::from_json(text));
        assert_eq!(code, "invalid_catalog", "{text}");
        assert!(message.contains(words), "{message:?} lacks {words:?}");
    }
}

#[test]
fn a_thirty_level_catalog_works() {
    let mut node = r#"{"id":"n30","name":"N"}"#.to_string();
    for depth in (1..30).rev() {
        node = format!(r#"{{"id":"n{depth}","name":"N","children":[{node}]}}"#);
    }
    let catalog = Catalog::from_json(&format!(r#"{{"areas":[{node}]}}"#));
    let Ok(catalog) = catalog else {
        unreachable!("{catalog:?}")
    };
    let catalog = Arc::new(catalog);
    let deepest: Vec<String> = (1..=30).map(|d| format!("n{d}")).collect();
    let deepest = deepest.join(".");
    let set = AccessSet::parse(
        &catalog,
        r#"{"role":"member","permissions":{"n1":"edit","n1.n2.n3":"read"}}"#,
        Mode::Strict,
    );
    assert_eq!(set.and_then(|s| s.level(&deepest)), Ok(Level::Read));
}

#[test]
fn inputs_beyond_the_limits_are_refused_with_their_own_code() {
    use studio_permissions::limits::{MAX_CATALOG_BYTES, MAX_DOCUMENT_BYTES};
    // 100 MB of otherwise valid JSON: refused before it is read.
    let padding = " ".repeat(100 << 20);
    let huge = format!(r#"{{"role":"member"{padding}}}"#);
    let (code, path, message) = fault(parse(&huge));
    assert_eq!((code.as_str(), path), ("limit_exceeded", None));
    assert!(
        message.starts_with("the document is 104857617 bytes, beyond the limit of 1048576 bytes"),
        "{message}"
    );
    // Just under the limit is fine.
    let fits = format!(r#"{{"role":"member"{}}}"#, " ".repeat(MAX_DOCUMENT_BYTES - 17));
    assert_eq!(fits.len(), MAX_DOCUMENT_BYTES);
    assert!(parse(&fits).is_ok());
    assert_eq!(
        fault(Catalog::from_json(&" ".repeat(MAX_CATALOG_BYTES + 1))).0,
        "limit_exceeded"
    );
    // 100,000-deep nesting is invalid_json, with no stack overflow.
    let deep = format!(
        r#"{{"role":"member","x":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(fault(lenient(&deep)).0, "invalid_json");
    assert_eq!(fault(Catalog::from_json(&deep)).0, "invalid_catalog");
}

#[test]
fn byte_inputs_and_host_value_faults_are_worded_by_the_core() {
    assert_eq!(fault(Catalog::from_bytes(b"{\xff}")).0, "invalid_catalog");
    assert!(Catalog::from_bytes(Catalog::builtin_json().as_bytes()).is_ok());
    let e = AccessSet::unrepresentable("permissions.flows", "a NaN");
    assert_eq!(
        (e.code(), e.path(), e.to_string().as_str()),
        (
            "invalid_document",
            Some("permissions.flows"),
            "invalid document: a NaN has no JSON text"
        )
    );
    let set = AccessSet::admin(&builtin());
    assert_eq!(set.levels().len(), 39);
    assert!(builtin().nodes().iter().enumerate().all(|(i, n)| n.index() == i));
}

#[test]
fn same_access_compares_what_is_granted_not_what_is_stored() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = builtin();
    // An admin's stored levels play no part: same access, different documents.
    let bare = AccessSet::admin(&catalog);
    let storing = parse(r#"{"role":"admin","permissions":{"knowledge":"read"}}"#)?;
    assert_ne!(bare, storing);
    assert!(bare.same_access(&storing)?);
    // A child storing its parent's level is the same as inheriting it.
    let inherits = parse(r#"{"role":"member","permissions":{"knowledge":"edit"}}"#)?;
    let explicit = parse(r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.faqs":"edit"}}"#)?;
    assert_ne!(inherits, explicit);
    assert!(inherits.same_access(&explicit)?);
    // A dormant child under a hidden parent grants nothing.
    let dormant = parse(r#"{"role":"member","permissions":{"analytics.kpis":"read"}}"#)?;
    assert!(dormant.same_access(&AccessSet::member(&catalog))?);
    // One level apart is different access, in both directions.
    let reads = inherits.set("knowledge.faqs", "read")?;
    assert!(!inherits.same_access(&reads)?);
    assert!(!reads.same_access(&inherits)?);
    // Same levels everywhere, different capabilities: an admin against a
    // member that stores edit on every area.
    let mut everything = AccessSet::member(&catalog);
    for area in catalog.areas() {
        everything = everything.set(area.id(), "edit")?;
    }
    assert_eq!(everything.levels(), bare.levels());
    assert!(!everything.same_access(&bare)?);
    // Another catalog: refused like `within` and `diff`.
    let stranger = Arc::new(Catalog::from_json(r#"{"areas":[{"id":"a","name":"A"}]}"#)?);
    assert_eq!(
        fault(bare.same_access(&AccessSet::admin(&stranger))).0,
        "invalid_catalog"
    );
    Ok(())
}

#[test]
fn document_schema_describes_the_catalog() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = builtin();
    let schema = catalog.document_schema();
    assert_eq!(schema["$schema"], studio_permissions::SCHEMA_DIALECT);
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["required"], serde_json::json!(["role"]));
    let ids: Vec<&str> = catalog.nodes().iter().map(|n| n.id()).collect();
    assert_eq!(
        schema["properties"]["permissions"]["propertyNames"]["enum"],
        serde_json::json!(ids)
    );
    assert_eq!(
        schema["properties"]["permissions"]["additionalProperties"]["enum"],
        serde_json::json!(["none", "read", "edit"])
    );
    assert_eq!(
        schema["properties"]["role"]["enum"],
        serde_json::json!(["admin", "member"])
    );
    let description = schema["description"].as_str().ok_or("no description")?;
    assert!(
        description.contains("catalog version 2026-06-19"),
        "{description}"
    );
    assert_eq!(catalog.document_schema_json(), schema.to_string());

    // Another catalog: its own ids, and no version to name.
    let small =
        Catalog::from_json(r#"{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"}]}]}"#)?;
    let schema = small.document_schema();
    assert_eq!(
        schema["properties"]["permissions"]["propertyNames"]["enum"],
        serde_json::json!(["a", "a.b"])
    );
    let description = schema["description"].as_str().ok_or("no description")?;
    assert!(description.contains("a catalog with no version"));
    Ok(())
}

/// The schema's text, checked against the file the Python and Node tests
/// compare their own against, so the three are the same bytes.
#[test]
fn document_schema_text_matches_the_shared_file() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/conformance/document-schema.json"
    );
    let shared = std::fs::read_to_string(path)?;
    assert_eq!(Catalog::builtin().document_schema_json(), shared.trim_end());
    Ok(())
}

#[test]
fn require_capability_refuses_with_the_capability_cluster_and_role() -> Result<(), Box<dyn std::error::Error>>
{
    let member = AccessSet::preset(&builtin(), "full_developer")?;
    let admin = AccessSet::admin(&builtin());
    assert!(admin
        .require_capability("users.manage", Cluster::Standard)
        .is_ok());
    assert_eq!(
        fault(member.require_capability("users.manage", "standard")),
        (
            "permission_denied".into(),
            Some("users.manage".into()),
            "permission denied: the capability `users.manage` is not held by the role `member` on the cluster `standard`"
                .into()
        )
    );
    // The cluster condition: an admin holds the assistant on enterprise only.
    assert!(admin
        .require_capability("studio_assistant.use", "enterprise")
        .is_ok());
    let Err(refused) = admin.require_capability("studio_assistant.use", "standard") else {
        return Err("the assistant needs the enterprise cluster".into());
    };
    assert_eq!(refused.code(), "permission_denied");
    assert!(refused.explanation().is_none());
    // Unknown names are errors, checked left to right, with the suggestion.
    assert_eq!(
        fault(admin.require_capability("users.manag", "moon")).2,
        "unknown capability `users.manag`: did you mean `users.manage`?"
    );
    assert_eq!(
        fault(admin.require_capability("users.manage", "moon")).0,
        "unknown_cluster"
    );
    Ok(())
}

#[test]
fn details_carry_the_structured_fields_of_each_error_kind() {
    let set = AccessSet::admin(&builtin());
    let err = set.level("knowlege.faqs").err();
    let details = err.as_ref().map(Error::details);
    assert_eq!(details.and_then(|d| d.suggestion), Some(Some("knowledge.faqs")));
    assert_eq!(details.and_then(|d| d.line), None);

    // A name error with nothing close still says it could have suggested.
    let err = set.level("billing").err();
    assert_eq!(err.as_ref().map(|e| e.details().suggestion), Some(Some(None)));

    let err = parse("{\n  \"role\": ]").err();
    let details = err.as_ref().map(Error::details);
    assert_eq!(details.map(|d| (d.line, d.column)), Some((Some(2), Some(11))));
    assert_eq!(details.and_then(|d| d.suggestion), None);

    let big = format!(
        "{{\"role\":\"member\",\"x\":\"{}\"}}",
        "a".repeat(studio_permissions::limits::MAX_DOCUMENT_BYTES)
    );
    let err = parse(&big).err();
    assert_eq!(err.as_ref().map(Error::code), Some("limit_exceeded"));
    let details = err.as_ref().map(Error::details);
    assert_eq!(
        details.map(|d| (d.size, d.limit)),
        Some((
            Some(big.len()),
            Some(studio_permissions::limits::MAX_DOCUMENT_BYTES)
        ))
    );

    // Errors without structured fields have empty details.
    let err = parse("{\"role\":\"owner\"}").err();
    assert_eq!(
        err.as_ref().map(Error::details),
        Some(studio_permissions::Details::default())
    );
}

#[test]
fn the_allowed_table_answers_every_check() -> Result<(), Box<dyn std::error::Error>> {
    // One bit per action: the table cannot hold more than eight.
    assert!(Action::ALL.len() <= 8);
    let catalog = builtin();
    let set = parse(
        r#"{"role":"member","permissions":{"knowledge":"edit","knowledge.faqs":"read","analytics":"read"}}"#,
    )?;
    for stored in [set, AccessSet::admin(&catalog), AccessSet::member(&catalog)] {
        let table = stored.allowed_table();
        assert_eq!(table.len(), catalog.len());
        for (node, mask) in catalog.nodes().iter().zip(&table) {
            for (bit, action) in Action::ALL.iter().enumerate() {
                assert_eq!(
                    mask & (1 << bit) != 0,
                    stored.can(node.id(), *action)?,
                    "{} {action:?}",
                    node.id()
                );
            }
        }
    }
    let table = parse(r#"{"role":"member","permissions":{"knowledge":"read"}}"#)?.allowed_table();
    let faqs = catalog.node("knowledge.faqs")?.index();
    assert_eq!(table[faqs], 0b0001, "read allows view only");
    Ok(())
}
