"""The second hardening pass in Python: messages safe to log (word for word
the core's, from the shared cases), bounded suggestions, bounded catalogs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT

from studio_permissions import (
    AccessSet,
    Catalog,
    LimitExceededError,
    PermissionsError,
    UnknownAreaError,
    Workspace,
)

CASES: list[dict[str, Any]] = json.loads((ROOT / "tests" / "messages" / "cases.json").read_text())["cases"]


def argument(value: str | list[Any]) -> str:
    if isinstance(value, str):
        return value
    return "".join(part if isinstance(part, str) else part[0] * part[1] for part in value)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_messages_are_the_cores_word_for_word(case: dict[str, Any]) -> None:
    args = [argument(a) for a in case["args"]]
    admin = AccessSet.admin()
    calls = {
        "can": lambda: admin.can(args[0], args[1]),
        "capability": lambda: admin.capability(args[0], args[1]),
        "preset": lambda: AccessSet.preset(args[0]),
    }
    with pytest.raises(PermissionsError) as raised:
        calls[case["call"]]()
    assert (raised.value.code, raised.value.path, str(raised.value)) == (
        case["code"],
        args[case["path_arg"]],
        case["message"],
    )


def test_a_message_is_one_line_of_bounded_size() -> None:
    hostile = "knowledge\x1b[2J\x1b]0;pwned\x07\nINFO granted admin" + "z" * 2_000_000
    with pytest.raises(UnknownAreaError) as raised:
        AccessSet.admin().can(hostile, "view")
    text = str(raised.value)
    assert "\n" not in text and "\x1b" not in text and len(text) < 1_000
    assert raised.value.path == hostile


def test_a_lenient_parse_spends_a_bounded_budget_on_suggestions() -> None:
    # The audit's reproducer: 45,000 near misses against 500 nodes took 7 s
    # holding the GIL. The document's budget ends the suggestions early.
    cat = Catalog.from_json(json.dumps({"areas": [{"id": "node%08d" % j, "name": "x"} for j in range(500)]}))
    permissions = {"nodf%08d" % j: "read" for j in range(45_000)}
    doc = json.dumps({"role": "member", "permissions": permissions}, separators=(",", ":"))
    warnings = AccessSet.from_json(doc, lenient=True, catalog=cat).warnings
    assert len(warnings) == 45_000
    assert warnings[0].message == "dropped unknown area `nodf00000000`: did you mean `node00000000`?"
    assert warnings[-1].message == "dropped unknown area `nodf00044999`"
    suggested = [w for w in warnings if "did you mean" in w.message]
    assert 0 < len(suggested) < 45_000
    assert all(w.message.endswith("`node%s`?" % w.path[4:]) for w in suggested)


def test_a_catalog_that_would_copy_a_long_parent_id_is_refused() -> None:
    # The audit's 1.1 MB catalog aborted the interpreter under a 6 GB cap.
    kids = [{"id": "k%d" % i, "name": ""} for i in range(5000)]
    text = json.dumps({"areas": [{"id": "a" * 1_000_000, "name": "", "children": kids}]})
    with pytest.raises(LimitExceededError) as raised:
        Catalog.from_json(text)
    assert str(raised.value) == "a catalog id is 1000000 bytes, beyond the limit of 1024 bytes"


def test_users_with_long_ids_of_one_length_are_found() -> None:
    lines = "\n".join('{"user":"%s%06d","role":"member"}' % ("u" * 20_000, i) for i in range(500))
    ws = Workspace.from_json_lines(lines)
    assert ws.user("u" * 20_000 + "000321").id == "u" * 20_000 + "000321"
    assert ("u" * 20_000 + "000500") not in ws
    assert ("u" * 20_000 + "000499") in ws


def test_an_oversized_record_in_an_array_is_refused_before_it_is_read() -> None:
    big = '{"user":"big","role":"member","x":[1,,2],"pad":"%s"}' % ("y" * (2 << 20))
    ws = Workspace.from_json('[%s,{"user":"ok","role":"admin"}]' % big, lenient=True)
    assert [u.id for u in ws] == ["ok"]
    assert [(p.line, p.code, p.message) for p in ws.problems] == [
        (1, "limit_exceeded", "the record is %d bytes, beyond the limit of 1048576 bytes" % len(big))
    ]
