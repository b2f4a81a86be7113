"""`AccessSet` as a pydantic field type, and the records as pydantic data.

pydantic stays optional: importing the package must not import it."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from conftest import ROOT, SMALL_CATALOG
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import studio_permissions as sp
from studio_permissions import AccessSet, Catalog, Diff, Explanation
from studio_permissions._native import ERROR_CODES

DOC = {"role": "member", "permissions": {"analytics": "read", "knowledge": "edit", "knowledge.sources": "read"}}


class Member(BaseModel):
    email: str
    access: AccessSet


def only_error(info: pytest.ExceptionInfo[ValidationError]) -> dict[str, Any]:
    errors = info.value.errors()
    assert len(errors) == 1
    return dict(errors[0])


def test_importing_the_package_imports_neither_pydantic_nor_fastapi() -> None:
    code = (
        "import sys, studio_permissions as sp\n"
        "s = sp.AccessSet.preset('knowledge_editor')\n"
        "s.explain('knowledge', 'view'); s.to_dict(); sp.Catalog.default().json_schema()\n"
        "try:\n    sp.AccessSet.from_json('{')\nexcept sp.PermissionsError:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core', 'fastapi', 'starlette')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "value",
    [DOC, json.dumps(DOC), json.dumps(DOC).encode(), bytearray(json.dumps(DOC).encode()), AccessSet.from_dict(DOC)],
)
def test_a_dict_text_bytes_or_set_validates(value: Any) -> None:
    member = Member(email="ada@example.invalid", access=value)
    assert isinstance(member.access, AccessSet)
    assert member.access == AccessSet.from_dict(DOC)
    assert member.access.can("knowledge.faqs", "edit") and not member.access.can("knowledge.sources", "edit")


CASES = [
    (
        {"role": "member", "permissions": {"knowlege": "edit"}},
        "unknown_area",
        "knowlege",
        "unknown area `knowlege`: did you mean `knowledge`?",
    ),
    ({"role": "owner"}, "unknown_role", "role", "unknown role `owner`: expected `admin` or `member`"),
    (
        {"role": "member", "permissions": {"knowledge": "write"}},
        "invalid_level",
        "knowledge",
        "invalid level `write` for `knowledge`: expected `none`, `read` or `edit`",
    ),
    (
        {"role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}},
        "subsection_exceeds_parent",
        "knowledge.faqs",
        "`knowledge.faqs` cannot be `edit`: its parent `knowledge` is only `read`",
    ),
    ({"permissions": {}}, "invalid_document", "role", None),
    ({"role": "member", "extra": 1}, "invalid_document", "extra", None),
    ([], "invalid_document", None, None),
    (None, "invalid_document", None, None),
    ('{"role": "member"', "invalid_json", None, None),
    ('{"role": "member", "role": "admin"}', "duplicate_key", "role", "duplicate key `role` in a JSON object"),
]


@pytest.mark.parametrize(("value", "code", "path", "message"), CASES)
def test_a_refused_document_keeps_the_cores_code_path_and_message(
    value: Any, code: str, path: str | None, message: str | None
) -> None:
    with pytest.raises(ValidationError) as info:
        Member(email="a", access=value)
    error = only_error(info)
    assert error["type"] == code and error["loc"] == ("access",)
    assert error["ctx"]["code"] == code and error["ctx"]["path"] == path
    if message is not None:
        assert error["msg"] == message
    # The message is the core's, whatever pydantic was given.
    with pytest.raises(sp.PermissionsError) as direct:
        if isinstance(value, str):
            AccessSet.from_json(value)
        else:
            AccessSet.from_dict(value)
    assert error["msg"] == str(direct.value) == error["ctx"]["message"]


def test_braces_in_an_id_are_text_not_placeholders() -> None:
    with pytest.raises(ValidationError) as info:
        Member(email="a", access={"role": "member", "permissions": {"{code}{path}": "read"}})
    assert only_error(info)["msg"] == "unknown area `{code}{path}`"


def test_the_errors_survive_json_validation_too() -> None:
    body = json.dumps({"email": "a", "access": {"role": "member", "permissions": {"knowledge.faq": "read"}}})
    with pytest.raises(ValidationError) as info:
        Member.model_validate_json(body)
    error = only_error(info)
    assert error["type"] == "unknown_area" and error["msg"].endswith("did you mean `knowledge.faqs`?")


def test_repeated_keys_are_caught_when_the_document_stays_text() -> None:
    # pydantic's own JSON parser keeps the last of repeated keys before the core
    # sees the value; a document sent as JSON text keeps the core's check.
    body = json.dumps({"email": "a", "access": '{"role": "member", "role": "admin"}'})
    with pytest.raises(ValidationError) as info:
        Member.model_validate_json(body)
    assert only_error(info)["type"] == "duplicate_key"


def test_a_json_body_with_a_repeated_key_keeps_the_last_as_security_md_says() -> None:
    # The parser is pydantic's, not ours: the last `role` reaches the core, no error.
    body = '{"email": "a", "access": {"role": "admin", "permissions": {}, "role": "member"}}'
    assert Member.model_validate_json(body).access.role.value == "member"
    body = '{"email": "a", "access": {"role": "member", "role": "admin"}}'
    assert Member.model_validate_json(body).access.role.value == "admin"


def test_dumps_give_the_set_in_python_and_the_canonical_document_in_json() -> None:
    member = Member(email="ada@example.invalid", access=DOC)
    dumped = member.model_dump()
    assert dumped["access"] is member.access
    as_json = member.model_dump(mode="json")
    assert as_json["access"] == member.access.to_dict()
    assert list(as_json["access"]["permissions"]) == ["analytics", "knowledge", "knowledge.sources"]
    text = member.model_dump_json()
    assert text == '{"email":"ada@example.invalid","access":' + member.access.to_json() + "}"
    again = Member.model_validate_json(text)
    assert again == member and again.access == member.access


def test_the_json_schema_embeds_the_cores() -> None:
    schema = Member.model_json_schema()
    core = Catalog.default().json_schema()
    del core["$schema"]  # only a root names its dialect
    assert schema["properties"]["access"] == core
    assert schema["required"] == ["email", "access"]
    assert Member.model_json_schema(mode="serialization")["properties"]["access"] == core


def test_a_set_of_another_catalog_is_judged_against_the_default_one() -> None:
    small = Catalog.from_json(SMALL_CATALOG)
    with pytest.raises(ValidationError) as info:
        Member(email="a", access=AccessSet.from_dict({"role": "member", "permissions": {"a": "read"}}, catalog=small))
    assert only_error(info)["type"] == "unknown_area"
    # A set of a catalog equal to the default one passes as is.
    same = Catalog.from_json((ROOT / "core" / "catalog" / "default.json").read_text(encoding="utf-8"))
    member = Member(email="a", access=AccessSet.from_dict(DOC, catalog=same))
    assert member.access == AccessSet.from_dict(DOC)


def test_the_records_are_pydantic_data() -> None:
    editor = AccessSet.from_dict(DOC)
    explanation = editor.explain("knowledge.sources", "edit")
    adapter = TypeAdapter(Explanation)
    dumped = adapter.dump_python(explanation, mode="json")
    assert dumped["reason"] == "explicit" and dumped["allowed"] is False
    assert dumped["chain"][-1] == {"id": "knowledge.sources", "stored": "read", "level": "read"}
    assert adapter.validate_json(adapter.dump_json(explanation)) == explanation
    diff = editor.diff(AccessSet.admin())
    diff_adapter = TypeAdapter(Diff)
    assert diff_adapter.validate_json(diff_adapter.dump_json(diff)) == diff
    user = sp.Workspace.from_records([{"user": "bo", **DOC}]).user("bo")
    user_json = TypeAdapter(sp.User).dump_python(user, mode="json")
    assert user_json["access"] == editor.to_dict() and user_json["role"] == "member"


def test_an_explanation_has_no_truth_value() -> None:
    explanation = AccessSet.member().explain("knowledge", "view")
    with pytest.raises(TypeError, match=r"^an Explanation has no truth value: read explanation\.allowed$"):
        bool(explanation)
    with pytest.raises(TypeError):
        if explanation:  # the mistake this prevents: reading a refusal as a pass
            pass
    assert explanation.allowed is False


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
odd_values = (
    json_values
    | st.builds(dict, role=st.sampled_from(["admin", "member"]), permissions=json_values)
    | st.sets(st.integers(), max_size=3)
    | st.binary(max_size=16)
    | st.text(max_size=16)
)


@settings(max_examples=300, deadline=None)
@given(odd_values)
def test_any_value_is_a_set_or_a_validation_error_with_a_core_code(value: Any) -> None:
    try:
        member = Member(email="a", access=value)
    except ValidationError as info:
        (error,) = info.errors()
        assert error["type"] in ERROR_CODES and error["ctx"]["code"] == error["type"]
    else:
        assert isinstance(member.access, AccessSet)


def test_the_pydantic_glue_without_pydantic_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import sys

    monkeypatch.setitem(sys.modules, "pydantic", None)
    monkeypatch.delitem(sys.modules, "studio_permissions._pydantic", raising=False)
    with pytest.raises(ImportError) as info:
        importlib.import_module("studio_permissions._pydantic")
    assert "pip install 'studio-permissions[pydantic]'" in str(info.value)
