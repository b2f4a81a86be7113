"""Every loader reads `str` and `bytes` the same way.

A `str` with an unpaired surrogate has no UTF-8 form: it is the core's
`invalid_json`, placed where the surrogate stands and worded as in every
language; `bytes` that are not UTF-8 are `invalid_json` where they stop
being UTF-8. `AccessSet`, `Catalog` and `Workspace` share that one path, so
none raises `UnicodeError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from studio_permissions import AccessSet, Catalog, InvalidCatalogError, InvalidJsonError, PermissionsError, Workspace

SURROGATE = "unpaired surrogate in a string escape"
NOT_UTF8 = "the text is not valid UTF-8"

# (loader, a str with a lone surrogate, bytes that stop being UTF-8)
LOADERS: list[tuple[str, Callable[[Any], object], str, bytes]] = [
    ("AccessSet.from_json", AccessSet.from_json, '{"role": "\ud800"}', b'{"role": "\xff"}'),
    (
        "AccessSet.from_json lenient",
        lambda t: AccessSet.from_json(t, lenient=True),
        '{"role": "\udc00"}',
        b'{"role": "\xc3"}',
    ),
    ("Workspace.from_json", Workspace.from_json, '[{"user": "\ud800", "role": "admin"}]', b'[{"user": "\xff"}]'),
    ("Workspace.from_json_lines", Workspace.from_json_lines, '{"user": "x", "name": "\udbff"}', b'{"user": "\xfe"}'),
]


def surrogate_column(text: str) -> int:
    """The column just past the escape the surrogate is written as (`\\udXXX`)."""
    return next(i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff") + 1 + 6


def byte_column(raw: bytes) -> int:
    """The column of the first byte that is not UTF-8 (the text before it is ASCII here)."""
    return next(i for i, b in enumerate(raw) if b >= 0x80) + 1


@pytest.mark.parametrize(("name", "load", "text", "raw"), LOADERS, ids=[row[0] for row in LOADERS])
def test_a_lone_surrogate_and_bad_bytes_are_invalid_json_where_they_stand(
    name: str, load: Callable[[Any], object], text: str, raw: bytes
) -> None:
    with pytest.raises(PermissionsError) as lone:
        load(text)
    assert lone.value.code in ("invalid_json", "invalid_workspace")
    # A JSON Lines load names the fault inside its own error (the line's problem).
    assert f"line 1, column {surrogate_column(text)}: {SURROGATE}" in str(lone.value)
    with pytest.raises(PermissionsError) as bad:
        load(raw)
    assert f"line 1, column {byte_column(raw)}: {NOT_UTF8}" in str(bad.value)


def test_the_messages_are_the_same_in_every_loader() -> None:
    texts = ['{"role": "\ud800"}', '[{"user": "\ud800"}]']
    messages = set()
    for load, text in ((AccessSet.from_json, texts[0]), (Workspace.from_json, texts[1])):
        with pytest.raises(InvalidJsonError) as info:
            load(text)
        messages.add(str(info.value).replace(f"column {surrogate_column(text)}", "column N"))
    assert messages == {f"invalid JSON at line 1, column N: {SURROGATE}"}


def test_json_lines_take_the_same_path_line_by_line() -> None:
    w = Workspace.from_json_lines('{"user":"a","role":"admin"}\n{"user": "\ud800"}', lenient=True)
    assert [u.id for u in w] == ["a"]
    assert [(p.line, p.code, p.message) for p in w.problems] == [
        (2, "invalid_json", f"invalid JSON at line 2, column 17: {SURROGATE}")
    ]


def test_a_catalog_names_the_same_fault_inside_its_own_error() -> None:
    with pytest.raises(InvalidCatalogError) as lone:
        Catalog.from_json('{"areas": "\ud800"}')
    assert str(lone.value) == f"invalid catalog: invalid JSON at line 1, column 18: {SURROGATE}"
    with pytest.raises(InvalidCatalogError) as bad:
        Catalog.from_json(b'{"areas": "\xff"}')
    assert str(bad.value) == f"invalid catalog: invalid JSON at line 1, column 12: {NOT_UTF8}"


def test_validate_reports_the_same_problem() -> None:
    (problem,) = AccessSet.validate('{"role": "\ud800"}')
    assert (problem.code, problem.message) == ("invalid_json", f"invalid JSON at line 1, column 17: {SURROGATE}")
    (problem,) = AccessSet.validate(b'{"role": "\xff"}')
    assert (problem.code, problem.message) == ("invalid_json", f"invalid JSON at line 1, column 11: {NOT_UTF8}")


def test_a_str_that_is_well_formed_loads_as_its_text() -> None:
    # Astral characters are well-formed pairs in UTF-16 and one character here.
    w = Workspace.from_json('[{"user": "😀", "role": "admin"}]')
    assert [u.id for u in w] == ["😀"]
    assert AccessSet.from_json('{"role": "admin"}') == AccessSet.from_json(b'{"role": "admin"}')
