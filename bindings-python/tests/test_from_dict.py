"""`AccessSet.from_dict` answers exactly as `from_json` of the text `json.dumps` writes.

Plain documents (a `dict` of `str`) are judged from their strings without
writing that text; everything else goes through it. Both paths must give the
same set, warnings, error class, message, path and details, which these cases
compare one by one.
"""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

from studio_permissions import AccessSet, PermissionsError
from studio_permissions._errors import LimitExceededError


class Tagged(str):
    """A `str` subclass: `json.dumps` writes it as its text."""


class Ordered(dict):  # type: ignore[type-arg]
    """A `dict` subclass: `json.dumps` writes it as an object."""


def outcome(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    try:
        s = fn(*args, **kwargs)
    except PermissionsError as e:
        details = (e.suggestion, e.line, e.column, e.size, e.limit)
        return ("error", type(e), str(e), e.path, details)
    warnings = tuple((w.code, w.path, w.message) for w in s.warnings)
    return ("set", s.to_json(), s.role, warnings)


DOCUMENTS: list[Any] = [
    {"role": "member"},
    {"role": "admin", "permissions": {}},
    {"role": "member", "permissions": {"knowledge": "edit", "knowledge.sources": "read"}},
    {"permissions": {"knowledge": "edit"}, "role": "member"},
    {"role": "member", "permissions": {"knowlege": "read", "knowledge": "bad"}},
    {"role": "member", "permissions": {"knowledge": "READ"}},
    {"role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}},
    {"role": "owner", "permissions": {"nowhere": "read"}},
    {"role": "member", "permissions": {"knowledge": "read", 'é\n\t"\\\x01': "read", "😀": "edit"}},
    {"role": "", "permissions": {"": ""}},
    {"role": "member", "permissions": {"analytics": "read"}, "extra": 1},
    {"role": "member", "permissions": {"analytics": 1}},
    {"role": "member", "permissions": "analytics"},
    {"role": ["member"]},
    {"role": Tagged("member"), "permissions": {Tagged("knowledge"): Tagged("read")}},
    Ordered(role="member", permissions=Ordered(knowledge="read")),
    {"role": "member", "permissions": {1: "read", "1": "read"}},
    {"role": "member", "permissions": {"\ud800": "read"}},
    {"role": "member", "permissions": {"knowledge": "\udfff"}},
    {"role": "member", "permissions": {"knowledge": float("nan")}},
    {},
    [],
    "member",
]


@pytest.mark.parametrize("lenient", [False, True])
@pytest.mark.parametrize("doc", DOCUMENTS, ids=range(len(DOCUMENTS)))
def test_from_dict_is_from_json_of_the_dumps_text(doc: Any, lenient: bool) -> None:
    try:
        text = json.dumps(doc, allow_nan=False)
    except ValueError:
        with pytest.raises(PermissionsError) as info:
            AccessSet.from_dict(doc, lenient=lenient)
        assert info.value.code == "invalid_document" and str(info.value).endswith("has no JSON text")
        return
    assert outcome(AccessSet.from_dict, doc, lenient=lenient) == outcome(AccessSet.from_json, text, lenient=lenient)


def test_near_the_size_limit_both_paths_agree() -> None:
    # json.dumps escapes every non-ASCII character: the limit is on that text.
    for pad in ("x", "é", "\x01"):
        for n in (1 << 20) // 6 - 40, (1 << 20) // 6 + 40, (1 << 20) - 60, (1 << 20):
            doc = {"role": "member", "permissions": {pad * n: "read"}}
            text = json.dumps(doc)
            assert outcome(AccessSet.from_dict, doc) == outcome(AccessSet.from_json, text), (pad, n)
    with pytest.raises(LimitExceededError):
        AccessSet.from_dict({"role": "member", "permissions": {"é" * (1 << 19): "read"}})


def test_a_lenient_set_from_a_dict_keeps_its_warnings_through_pickle() -> None:
    doc = {"role": "member", "permissions": {"analytcs": "read", "knowledge": "read"}}
    s = AccessSet.from_dict(doc, lenient=True)
    assert [w.code for w in s.warnings] == ["unknown_area"]
    again = pickle.loads(pickle.dumps(s))
    assert again == s and again.warnings == s.warnings
    plain = AccessSet.from_dict({"role": "member", "permissions": {"knowledge": "read"}}, lenient=True)
    assert pickle.loads(pickle.dumps(plain)).warnings == ()


def test_a_clamped_set_from_a_dict_keeps_its_warnings_through_pickle_whatever_the_dict_becomes() -> None:
    doc = {"permissions": {"knowledge.faqs": "edit", "knowledge": "read", "analytics.kpis": "edit"}, "role": "member"}
    s = AccessSet.from_dict(doc, lenient=True)
    warnings = [(w.code, w.path) for w in s.warnings]
    assert warnings == [("subsection_exceeds_parent", "knowledge.faqs")]
    # What the set was read from is kept as it was: changing the dict later
    # changes nothing a pickled copy re-reads.
    doc["permissions"]["knowledge"] = "edit"
    doc["role"] = "admin"
    again = pickle.loads(pickle.dumps(s))
    assert again == s and again.warnings == s.warnings
    assert again.to_json() == AccessSet.from_json(s.to_json()).to_json()
