"""The API on the happy paths: every method answers what the core answers."""

from __future__ import annotations

import json

import pytest
from conftest import SMALL_CATALOG

import studio_permissions as sp
from studio_permissions import (
    AccessSet,
    Action,
    Catalog,
    Cluster,
    Explanation,
    Level,
    Reason,
    Role,
    __version__,
)


def test_version_comes_from_cargo() -> None:
    assert __version__ == "0.1.0"


def test_levels_inherit_and_restrict(editor: AccessSet) -> None:
    assert editor.role is Role.MEMBER
    assert editor.level("knowledge") is Level.EDIT
    assert editor.level("knowledge.faqs") is Level.EDIT  # inherited
    assert editor.level("knowledge.sources") is Level.READ  # explicit, more restrictive
    assert editor.level("deployments") is Level.NONE  # never granted
    assert editor.level("analytics.kpis") == "read"  # plain strings compare equal


def test_can_accepts_strings_and_enums(editor: AccessSet) -> None:
    assert editor.can("knowledge.faqs", "edit")
    assert editor.can("knowledge.faqs", Action.DELETE)
    assert editor.can("knowledge.sources", Action.VIEW)
    assert not editor.can("knowledge.sources", "create")
    assert not editor.can("analytics", "edit")
    assert not editor.can("flows", "view")
    for action in Action:
        assert editor.can("knowledge", action) is True


def test_require_returns_none_when_allowed(editor: AccessSet) -> None:
    assert editor.require("knowledge.faqs", "edit") is None


def test_explain_gives_reason_and_chain(editor: AccessSet) -> None:
    d = editor.explain("knowledge.sources", "edit")
    assert type(d) is Explanation
    assert (d.id, d.action, d.role) == ("knowledge.sources", Action.EDIT, Role.MEMBER)
    assert (d.allowed, d.level, d.required, d.reason) == (False, Level.READ, Level.EDIT, Reason.EXPLICIT)
    assert [(c.id, c.stored, c.level) for c in d.chain] == [
        ("knowledge", Level.EDIT, Level.EDIT),
        ("knowledge.sources", Level.READ, Level.READ),
    ]
    assert str(d) == "denied: `edit` on `knowledge.sources` needs `edit`, the level is `read` (explicit)"
    assert editor.explain("knowledge.faqs", "view").reason is Reason.INHERITED
    assert editor.explain("flows", "view").reason is Reason.NOT_GRANTED
    assert editor.explain("deployments.environments", "view").reason is Reason.PARENT_NONE
    assert AccessSet.admin().explain("flows", "edit").reason is Reason.ADMIN_ROLE


def test_capabilities_follow_role_and_cluster() -> None:
    admin, member = AccessSet.admin(), AccessSet.preset("operations_manager")
    assert admin.capability("users.manage")
    assert not member.capability("users.manage")  # whatever its account level
    assert member.level("account") is Level.EDIT
    assert not admin.capability("studio_assistant.use")  # standard by default
    assert admin.capability("studio_assistant.use", cluster="enterprise")
    assert admin.capability("studio_assistant.use", Cluster.ENTERPRISE)


def test_effective_covers_every_node_in_catalog_order(editor: AccessSet, catalog: Catalog) -> None:
    effective = editor.effective()
    assert list(effective) == [n.id for n in catalog.nodes]
    assert all(isinstance(v, Level) for v in effective.values())
    assert effective["knowledge.sources"] is Level.READ


def test_visible_is_the_navigation_tree(editor: AccessSet) -> None:
    ids = [n.id for n in editor.visible()]
    assert ids[:2] == ["analytics", "analytics.conversations"]
    assert "knowledge.sources" in ids and "flows" not in ids
    assert all(editor.level(i) >= Level.READ for i in ids)


def test_changes_return_new_sets(editor: AccessSet) -> None:
    before = editor.to_json()
    lowered = editor.set("knowledge", "read")
    assert editor.to_json() == before  # untouched
    assert lowered.level("knowledge.faqs") is Level.READ
    cleared = editor.clear("knowledge.sources")
    assert cleared.level("knowledge.sources") is Level.EDIT
    admin = editor.with_role(Role.ADMIN)
    assert admin.role is Role.ADMIN and admin.level("flows") is Level.EDIT
    assert admin.with_role("member") == editor  # stored levels are kept
    hidden = editor.set("knowledge", Level.NONE)
    assert hidden.stored("knowledge.sources") is Level.READ  # dormant, not dropped
    assert hidden.level("knowledge.sources") is Level.NONE


def test_set_clamps_descendants(editor: AccessSet) -> None:
    s = editor.set("knowledge.sources", "edit").set("knowledge", "read")
    assert s.stored("knowledge.sources") is Level.READ


def test_canonical_document(editor: AccessSet) -> None:
    text = editor.to_json()
    assert text == (
        '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read"}}'
    )
    assert editor.to_dict() == json.loads(text)
    assert list(editor.to_dict()) == ["role", "permissions"]
    assert AccessSet.from_json(text) == editor
    # A document in another order gives the same canonical text.
    shuffled = '{"permissions":{"knowledge.sources":"read","knowledge":"edit","analytics":"read"},"role":"member"}'
    assert AccessSet.from_json(shuffled).to_json() == text


def test_from_json_accepts_bytes(editor: AccessSet) -> None:
    assert AccessSet.from_json(editor.to_json().encode()) == editor


def test_presets_store_exactly_their_rows(catalog: Catalog) -> None:
    assert catalog.presets == ("read_only_reviewer", "knowledge_editor", "full_developer", "operations_manager")
    ke = AccessSet.preset("knowledge_editor")
    assert ke.to_dict()["permissions"]["deployments"] == "none"
    assert ke.explain("deployments", "view").reason is Reason.EXPLICIT
    assert ke.role is Role.MEMBER


def test_member_stores_nothing() -> None:
    m = AccessSet.member()
    assert m.to_dict() == {"role": "member", "permissions": {}}
    assert m.visible() == []


def test_diff_and_within() -> None:
    reviewer = AccessSet.preset("read_only_reviewer")
    dev = AccessSet.preset("full_developer")
    d = reviewer.diff(dev)
    assert d and d.role is None and d.capabilities == ()
    assert [c.id for c in d.escalations][:2] == ["analytics", "analytics.conversations"]
    assert all(c.direction == "escalation" for c in d.escalations)
    assert all(c.after < c.before for c in d.reductions)
    assert d.cluster is Cluster.STANDARD
    up = reviewer.diff(AccessSet.admin(), "enterprise")
    assert up.role == (Role.MEMBER, Role.ADMIN)
    assert [c.name for c in up.capabilities][-1] == "studio_assistant.use"
    assert not reviewer.diff(reviewer)
    assert reviewer.within(AccessSet.admin())
    assert not AccessSet.admin().within(reviewer)
    assert AccessSet.preset("knowledge_editor").within(AccessSet.preset("knowledge_editor"))


def test_lenient_warnings() -> None:
    doc = '{"role":"member","extra":1,"permissions":{"analytcs":"read","knowledge":"read","knowledge.faqs":"edit"}}'
    s = AccessSet.from_json(doc, lenient=True)
    assert [(w.code, w.path) for w in s.warnings] == [
        ("unknown_field", "extra"),
        ("unknown_area", "analytcs"),
        ("subsection_exceeds_parent", "knowledge.faqs"),
    ]
    assert s.warnings[1].message == "dropped unknown area `analytcs`: did you mean `analytics`?"
    assert s.level("knowledge.faqs") is Level.READ
    assert s.set("flows", "read").warnings == ()  # changes carry no warnings
    assert AccessSet.from_dict(json.loads(doc), lenient=True) == s


def test_catalog_tree(catalog: Catalog) -> None:
    assert catalog.version == "2026-06-19"
    assert len(catalog) == len(catalog.nodes) == 39
    assert [a.id for a in catalog.areas][:3] == ["analytics", "behavior", "knowledge"]
    conv = catalog.node("analytics.conversations")
    assert (conv.name, conv.description, conv.parent, conv.depth) == (
        "Conversations",
        "Call transcripts, recordings, and review",
        "analytics",
        1,
    )
    assert "analytics.kpis" in catalog.node("analytics").children
    assert "analytics" in catalog and "nope" not in catalog and 3 not in catalog
    assert [n.id for n in catalog][0] == "analytics"
    caps = {c.name: c for c in catalog.capabilities}
    assert caps["users.manage"].roles == (Role.ADMIN,) and caps["users.manage"].clusters is None
    assert caps["studio_assistant.use"].clusters == (Cluster.ENTERPRISE,)
    assert "version=" in repr(catalog)


def test_custom_catalog(small_catalog: Catalog) -> None:
    assert [n.id for n in small_catalog.nodes] == ["a", "a.x", "a.x.deep", "a.y", "b"]
    s = AccessSet.preset("a_reader", catalog=small_catalog)
    assert s.level("a.x.deep") is Level.READ and s.level("a.y") is Level.NONE
    assert s.capability("reports.view", "enterprise") and not s.capability("reports.view")
    doc = AccessSet.from_dict({"role": "member", "permissions": {"a": "edit"}}, catalog=small_catalog)
    assert doc.catalog == small_catalog
    assert doc.catalog != Catalog.default()
    assert small_catalog == Catalog.from_json(SMALL_CATALOG)


def test_a_deep_tree_of_thirty_levels() -> None:
    node: dict[str, object] = {"id": "n29", "name": "N29"}
    for i in range(28, -1, -1):
        node = {"id": f"n{i}", "name": f"N{i}", "children": [node]}
    catalog = Catalog.from_json(json.dumps({"areas": [node]}))
    deepest = ".".join(f"n{i}" for i in range(30))
    s = AccessSet.from_dict({"role": "member", "permissions": {"n0": "edit", deepest: "read"}}, catalog=catalog)
    assert s.level(deepest) is Level.READ
    assert s.level(deepest.rsplit(".", 1)[0]) is Level.EDIT
    assert len(s.explain(deepest, "view").chain) == 30


@pytest.mark.parametrize("preset", Catalog.default().presets)
def test_every_preset_is_within_admin(preset: str) -> None:
    assert AccessSet.preset(preset).within(AccessSet.admin())


def test_same_access_compares_what_is_granted() -> None:
    bare = AccessSet.admin()
    storing = AccessSet.from_dict({"role": "admin", "permissions": {"knowledge": "read"}})
    assert bare != storing and bare.same_access(storing) and storing.same_access(bare)
    inherits = AccessSet.from_dict({"role": "member", "permissions": {"knowledge": "edit"}})
    explicit = inherits.set("knowledge.faqs", "edit")
    assert inherits != explicit and inherits.same_access(explicit)
    assert not inherits.same_access(inherits.set("knowledge.faqs", "read"))
    dormant = AccessSet.from_dict({"role": "member", "permissions": {"analytics.kpis": "read"}})
    assert dormant.same_access(AccessSet.member())
    # Every area at edit is not an admin: the capabilities differ.
    everything = AccessSet.member()
    for area in Catalog.default().areas:
        everything = everything.set(area.id, "edit")
    assert everything.effective() == bare.effective() and not everything.same_access(bare)
    with pytest.raises(sp.InvalidCatalogError):
        bare.same_access(AccessSet.admin(catalog=Catalog.from_json(SMALL_CATALOG)))
    with pytest.raises(TypeError):
        bare.same_access({"role": "admin"})  # type: ignore[arg-type]


def test_catalog_capability_and_json_schema() -> None:
    catalog = Catalog.default()
    assert catalog.capability("studio_assistant.use").clusters == (sp.Cluster.ENTERPRISE,)
    with pytest.raises(sp.UnknownCapabilityError, match="did you mean `billing.manage`"):
        catalog.capability("biling.manage")
    assert catalog.json_schema()["properties"]["permissions"]["propertyNames"]["enum"] == [n.id for n in catalog]
