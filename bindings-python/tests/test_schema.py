"""The document's JSON Schema: the core's, the same bytes as in Rust and Node,
and never stricter than the core. Every shared vector's document is judged by
both the core (strictly) and the `jsonschema` package."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from conftest import ROOT, VECTORS
from hypothesis import given, settings
from hypothesis import strategies as st

from studio_permissions import AccessSet, Catalog, PermissionsError

SHARED = ROOT / "tests" / "conformance" / "document-schema.json"
# What a schema can say: the core's codes for faults of shape, names and levels.
SCHEMA_CODES = {"invalid_document", "unknown_role", "unknown_area", "invalid_level"}


def validator(catalog: Catalog) -> jsonschema.Draft202012Validator:
    schema = catalog.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


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
    accepted = refused_by_both = 0
    for name, document, catalog in DOCUMENTS:
        code = core_code(document, catalog)
        if isinstance(document, str):
            try:
                value = json.loads(document)
            except ValueError:
                assert code is not None, name  # not JSON to Python: the core refuses it too
                continue
        else:
            value = document
        schema_ok = validator(catalog).is_valid(value)
        if code is None:
            # The promise: the schema never refuses what the core accepts.
            assert schema_ok, f"{name}: the schema refuses a document the core accepts"
            accepted += 1
        elif code in SCHEMA_CODES and not isinstance(document, str):
            # A fault a schema can express is refused by the schema as well.
            assert not schema_ok, f"{name}: the schema accepts a document the core calls {code}"
            refused_by_both += 1
        # Anything else (repeated keys, a child above its parent, limits,
        # text that Python reads more loosely) is beyond a schema: the core judges.
    assert accepted > 100 and refused_by_both > 20


def test_what_a_schema_cannot_express_is_still_refused_by_the_core() -> None:
    check = validator(Catalog.default())
    above = {"role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}}
    assert check.is_valid(above) and core_code(above, Catalog.default()) == "subsection_exceeds_parent"
    repeated = '{"role": "member", "role": "admin"}'
    assert check.is_valid(json.loads(repeated)) and core_code(repeated, Catalog.default()) == "duplicate_key"


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


@settings(max_examples=300, deadline=None)
@given(documents)
def test_random_documents_schema_and_core_agree_up_to_the_parent_rule(document: dict[str, Any]) -> None:
    code = core_code(document, Catalog.default())
    schema_ok = validator(Catalog.default()).is_valid(document)
    if code is None:
        assert schema_ok
    elif code in SCHEMA_CODES:
        assert not schema_ok
    else:
        assert code == "subsection_exceeds_parent" and schema_ok
