"""access.view(): the core's decisions as a dict, the same text as every language."""

from __future__ import annotations

import json

import pytest
from conftest import SMALL_CATALOG

from studio_permissions import AccessSet, Action, Catalog, Cluster


def sets() -> list[AccessSet]:
    catalog = Catalog.default()
    out = [AccessSet.admin(), AccessSet.member()]
    out += [AccessSet.preset(name) for name in catalog.presets]
    out.append(
        AccessSet.from_dict(
            {"role": "member", "permissions": {"knowledge": "edit", "knowledge.sources": "read", "analytics": "read"}}
        )
    )
    return out


def flatten(tree: list[object], prefix: str = "") -> list[str]:
    out: list[str] = []
    for item in tree:
        if isinstance(item, str):
            out.append(prefix + item)
        else:
            assert isinstance(item, list)
            out += flatten(item, out[-1] + ".")
    return out


@pytest.mark.parametrize("access", sets(), ids=lambda a: a.to_json())
def test_the_view_holds_the_core_decisions(access: AccessSet) -> None:
    view = access.view()
    assert isinstance(view, dict)
    assert list(view) == [
        "view", "catalog", "role", "ids", "actions", "levels", "allow", "visible", "clusters", "capabilities",
    ]  # fmt: skip
    assert view["view"] == 1
    assert view["catalog"] == access.catalog.version
    assert view["role"] == access.role
    ids = flatten(view["ids"])
    assert ids == [node.id for node in access.catalog.nodes]
    ranks = {"none": "0", "read": "1", "edit": "2"}
    assert view["levels"] == "".join(ranks[access.level(i)] for i in ids)
    actions = view["actions"]
    assert actions == [a.value for a in Action]
    for i, digit in zip(ids, view["allow"]):
        assert [(int(digit, 16) >> bit) & 1 == 1 for bit in range(len(actions))] == [access.can(i, a) for a in actions]
    assert [ids[k] for k in view["visible"]] == [n.id for n in access.visible()]
    assert view["clusters"] == [c.value for c in Cluster]
    for cap in access.catalog.capabilities:
        held = view["capabilities"][cap.name]
        assert [d == "1" for d in held] == [access.capability(cap.name, c) for c in view["clusters"]]
    text = json.dumps(view, separators=(",", ":"), ensure_ascii=False)
    assert len(text.encode()) < 1024


def test_each_call_is_a_fresh_dict() -> None:
    access = AccessSet.member()
    first = access.view()
    first["levels"] = "2" * len(first["levels"])
    assert access.view()["levels"] == "0" * len(first["levels"])


def test_a_deeper_custom_catalog() -> None:
    catalog = Catalog.from_json(SMALL_CATALOG)
    view = AccessSet.admin(catalog=catalog).view()
    assert flatten(view["ids"]) == [n.id for n in catalog.nodes]
    assert view["catalog"] == catalog.version


@pytest.mark.parametrize("access", sets(), ids=lambda a: a.to_json())
def test_names_add_the_display_names_and_nothing_else(access: AccessSet) -> None:
    plain = access.view()
    named = access.view(names=True)
    assert list(named) == [
        "view", "catalog", "role", "ids", "names", "actions", "levels", "allow", "visible", "clusters", "capabilities",
    ]  # fmt: skip
    assert named["names"] == [node.name for node in access.catalog.nodes]
    assert {k: v for k, v in named.items() if k != "names"} == plain
    assert access.view(names=False) == plain
    text = json.dumps(named, separators=(",", ":"), ensure_ascii=False)
    assert len(text.encode()) <= 1536


def test_the_default_catalog_names_read_as_a_menu_would() -> None:
    named = AccessSet.preset("knowledge_editor").view(names=True)
    ids = flatten(named["ids"])
    labels = dict(zip(ids, named["names"]))
    assert labels["knowledge"] == "Knowledge"
    assert labels["knowledge.faqs"] == "FAQs"
    assert [labels[ids[k]] for k in named["visible"]][:3] == ["Analytics", "Conversations", "KPIs"]


def test_names_is_a_keyword_and_a_bool() -> None:
    access = AccessSet.member()
    with pytest.raises(TypeError):
        access.view(True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        access.view(names="yes")  # type: ignore[arg-type]
