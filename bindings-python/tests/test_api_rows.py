"""The Python names that close rows of docs/api.md: `Catalog.builtin_json`,
`Catalog.ids`, `Workspace.access` and `ERROR_CODES`."""

from __future__ import annotations

import json

import pytest

import studio_permissions as sp
from studio_permissions import AccessSet, Catalog, Workspace
from studio_permissions._errors import ERRORS_BY_CODE


def test_builtin_json_is_the_text_of_the_default_catalog() -> None:
    text = Catalog.builtin_json()
    assert Catalog.from_json(text) == Catalog.default()
    assert json.loads(text)["version"] == Catalog.default().version


def test_ids_are_the_node_ids_in_catalog_order() -> None:
    catalog = Catalog.default()
    assert catalog.ids == tuple(n.id for n in catalog.nodes)
    assert catalog.ids[0] == catalog.areas[0].id and len(catalog.ids) == len(catalog)
    small = Catalog.from_json(
        '{"version": "t", "areas": [{"id": "a", "name": "A", "children": [{"id": "x", "name": "X"}]}]}'
    )
    assert small.ids == ("a", "a.x")


def test_access_is_the_users_set_and_a_key_error_for_an_unknown_user() -> None:
    records = [
        {"user": "ann", "role": "member", "permissions": {"knowledge": "edit", "knowledge.sources": "read"}},
        {"user": "bob", "role": "admin"},
    ]
    w = Workspace.from_records(records)
    ann = w.access("ann")
    assert ann == AccessSet.from_dict({"role": "member", "permissions": records[0]["permissions"]})
    assert ann.can("knowledge.faqs", "edit") and not ann.can("knowledge.sources", "edit")
    assert w.access("bob").role is sp.Role.ADMIN and w.access("bob").catalog == w.catalog
    with pytest.raises(KeyError):
        w.access("carol")
    with pytest.raises(TypeError):
        w.access(None)  # type: ignore[arg-type]


def test_error_codes_name_every_error_class() -> None:
    assert isinstance(sp.ERROR_CODES, tuple) and len(set(sp.ERROR_CODES)) == len(sp.ERROR_CODES)
    assert set(ERRORS_BY_CODE) <= set(sp.ERROR_CODES)
    assert set(sp.ERROR_CODES) - set(ERRORS_BY_CODE) == {sp.PermissionDenied.code}
