"""The document's JSON Schema: the core's, the same bytes as in Rust and Node,
and exact: a parsed document validates exactly when the core accepts it
strictly, except for what only the text shows (a repeated key, the size and
nesting of the text). Every shared vector's document, and random ones, are
judged by both the core and the `jsonschema` package."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from conftest import ROOT, SMALL_CATALOG, VECTORS
from hypothesis import given, settings
from hypothesis import strategies as st

from studio_permissions import AccessSet, Catalog, PermissionsError

SHARED = ROOT / "tests" / "conformance" / "document-schema.json"
# What only the text shows: a schema judges a parsed value, and Python's
# parser keeps the last of repeated keys and reads some text the core refuses.
TEXT_CODES = {"invalid_json", "duplicate_key"}


_VALIDATORS: dict[str, jsonschema.Draft202012Validator] = {}


def validator(catalog: Catalog) -> jsonschema.Draft202012Validator:
    """The catalog's schema, checked against the meta-schema once per text."""
    schema = catalog.json_schema()
    key = json.dumps(schema)
    if key not in _VALIDATORS:
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATORS[key] = jsonschema.Draft202012Validator(schema)
    return _VALIDATORS[key]


def core_code(document: Any, catalog: Catalog) -> str | None:
    """None when the core accepts the document strictly, else its code."""
    try:
        if isinstance(document, str):
            AccessSet.from_json(document, catalog=catalog)
        else:
            AccessSet.from_dict(document, catalog=catalog)
    except PermissionsError as error:
        return error.code
    return None


def test_the_schema_is_the_shared_text_byte_for_byte() -> None:
    schema = Catalog.default().json_schema()
    text = json.dumps(schema, separators=(",", ":"), ensure_ascii=False)
    assert text == SHARED.read_text(encoding="utf-8").rstrip("\n")


def test_the_schema_describes_the_catalog() -> None:
    catalog = Catalog.default()
    schema = catalog.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Access document" and catalog.version in schema["description"]
    assert schema["additionalProperties"] is False and schema["required"] == ["role"]
    permissions = schema["properties"]["permissions"]
    assert permissions["propertyNames"]["enum"] == [node.id for node in catalog]
    assert permissions["additionalProperties"]["enum"] == ["none", "read", "edit"]
    assert schema["properties"]["role"]["enum"] == ["admin", "member"]
    # A fresh dict each call: a caller's edit does not leak into the next.
    schema["title"] = "changed"
    assert Catalog.default().json_schema()["title"] == "Access document"


def vector_documents() -> list[tuple[str, Any, Catalog]]:
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            if "access" not in case:
                continue
            spec = case.get("catalog", "default")
            try:
                catalog = Catalog.default() if spec == "default" else Catalog.from_json(json.dumps(spec))
            except PermissionsError:
                continue  # the case is about a refused catalog
            out.append((f"{path.name}: {case['name']}", case["access"], catalog))
    return out


DOCUMENTS = vector_documents()


def test_every_vector_document_is_judged_alike_by_the_schema_and_the_core() -> None:
    assert len(DOCUMENTS) > 300
    accepted = refused = parent_rule = 0
    for name, document, catalog in DOCUMENTS:
        code = core_code(document, catalog)
        if code in TEXT_CODES:
            continue  # beyond a schema: the core judges the text
        value = json.loads(document) if isinstance(document, str) else document
        schema_ok = validator(catalog).is_valid(value)
        assert schema_ok == (code is None), f"{name}: the core says {code}, the schema {schema_ok}"
        accepted += code is None
        refused += code is not None
        parent_rule += code == "subsection_exceeds_parent"
    assert accepted > 100 and refused > 20 and parent_rule >= 5, (accepted, refused, parent_rule)


def test_what_a_schema_cannot_see_is_still_refused_by_the_core() -> None:
    check = validator(Catalog.default())
    repeated = '{"role": "member", "role": "admin"}'
    assert check.is_valid(json.loads(repeated)) and core_code(repeated, Catalog.default()) == "duplicate_key"
    description = Catalog.default().json_schema()["description"]
    assert "repeated key" in description and "size limit" in description


PARENT_RULE_CASES = [
    # (permissions, accepted): a stored edit under an effective read is the
    # one level a sub-section may not store; none and read always fit.
    ({"knowledge": "read", "knowledge.faqs": "edit"}, False),
    ({"knowledge": "read", "knowledge.faqs": "read"}, True),
    ({"knowledge": "edit", "knowledge.faqs": "edit"}, True),
    ({"knowledge": "none", "knowledge.faqs": "edit"}, True),  # dormant under a hidden area
    ({"knowledge.faqs": "edit"}, True),  # the area stores nothing: it is hidden
    ({"knowledge": "read", "knowledge.faqs": "none"}, True),
]


def test_the_parent_rule_is_in_the_schema() -> None:
    check = validator(Catalog.default())
    for permissions, accepted in PARENT_RULE_CASES:
        document = {"role": "member", "permissions": permissions}
        assert check.is_valid(document) is accepted, permissions
        assert (core_code(document, Catalog.default()) is None) is accepted, permissions
        # The rule holds whatever the role: an admin's stored levels obey it too.
        assert check.is_valid({**document, "role": "admin"}) is accepted, permissions


def test_the_parent_rule_follows_three_levels(small_catalog: Catalog) -> None:
    """Below a grandparent: an effective read comes from any stored ancestor,
    and a stored none anywhere above hides the parent."""
    ids = [node.id for node in small_catalog]
    deep = [node for node in small_catalog if node.id.count(".") == 2]
    assert deep, ids
    leaf = deep[0].id
    area, middle = leaf.split(".")[0], ".".join(leaf.split(".")[:2])
    check = validator(small_catalog)
    cases = [
        ({area: "read", leaf: "edit"}, False),  # the middle takes read from the area
        ({area: "edit", middle: "read", leaf: "edit"}, False),
        ({area: "none", middle: "read", leaf: "edit"}, True),  # the area hides the middle
        ({area: "edit", leaf: "edit"}, True),
        ({middle: "read", leaf: "edit"}, True),  # no area stored: hidden
    ]
    for permissions, accepted in cases:
        document = {"role": "member", "permissions": permissions}
        assert (core_code(document, small_catalog) is None) is accepted, permissions
        assert check.is_valid(document) is accepted, permissions


def test_a_loaded_catalog_has_its_own_schema(small_catalog: Catalog) -> None:
    check = validator(small_catalog)
    assert check.is_valid({"role": "member", "permissions": {"a.x.deep": "read"}})
    assert not check.is_valid({"role": "member", "permissions": {"knowledge": "read"}})
    assert "test-1" in small_catalog.json_schema()["description"]


IDS = [node.id for node in Catalog.default()] + ["knowlege", "Knowledge", ""]
documents = st.fixed_dictionaries(
    {"role": st.sampled_from(["admin", "member", "owner"])},
    optional={
        "permissions": st.dictionaries(st.sampled_from(IDS), st.sampled_from(["none", "read", "edit", "write"])),
        "extra": st.just(1),
    },
)


@settings(max_examples=500, deadline=None)
@given(documents)
def test_random_documents_are_judged_alike_by_the_schema_and_the_core(document: dict[str, Any]) -> None:
    code = core_code(document, Catalog.default())
    assert validator(Catalog.default()).is_valid(document) == (code is None), code


SMALL_IDS = ["a", "a.x", "a.x.deep", "a.y", "b"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(SMALL_IDS), st.sampled_from(["none", "read", "edit"])))
def test_random_three_level_documents_are_judged_alike(permissions: dict[str, str]) -> None:
    catalog = Catalog.from_json(SMALL_CATALOG)
    document = {"role": "member", "permissions": permissions}
    code = core_code(document, catalog)
    assert validator(catalog).is_valid(document) == (code is None), (permissions, code)
