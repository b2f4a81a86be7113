"""No panic crosses into Python.

Every public entry point of the package is called with hostile host values
(hypothesis): wrong types, None, bools, huge ints, NaN, bytes, lists, dicts,
lone surrogates, very long strings, objects with a weird ``__str__``,
subclasses of ``str``, and near-misses of the real vocabulary. Each call must
return, or raise only what the package documents:

- ``TypeError`` (a wrong argument type);
- a ``PermissionsError`` subclass whose ``code`` is a code of the error table (or one of
  the package's own codes, ``limit_exceeded`` and ``invalid_workspace``);
- ``PermissionDenied`` (a ``PermissionError``), from ``require`` only;
- ``UnicodeError`` for a ``str`` with lone surrogates where the core takes
  UTF-8 text (an id, a workspace export: README "Notes on edge cases");
- ``KeyError`` from ``Workspace.user`` for an id it does not hold.

Never a ``pyo3_runtime.PanicException`` (a ``BaseException``: a Rust panic
that pyo3 caught) and never an abort of the interpreter (which would end
this pytest process).
"""

from __future__ import annotations

import copy
import math
import pickle
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import studio_permissions as sp
from studio_permissions import (
    AccessSet,
    Action,
    Catalog,
    Cluster,
    Level,
    PermissionDenied,
    PermissionsError,
    Role,
    Workspace,
    _native,
)

# The error table of docs/reference.md#errors.
CODES = {
    "invalid_json",
    "duplicate_key",
    "invalid_document",
    "unknown_role",
    "unknown_area",
    "invalid_level",
    "subsection_exceeds_parent",
    "invalid_catalog",
    "invalid_migration",
    "unknown_action",
    "unknown_capability",
    "unknown_cluster",
    "unknown_preset",
    "limit_exceeded",
    "invalid_workspace",
}

# How many hostile argument tuples each entry point receives. The whole file
# runs in a few seconds; STUDIO_BOUNDARY_EXAMPLES raises it for a longer hunt.
EXAMPLES = int(__import__("os").environ.get("STUDIO_BOUNDARY_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# ---- hostile values -------------------------------------------------------------


class WeirdStr:
    """An object whose __str__ and __repr__ lie or raise: nothing may call them."""

    def __str__(self) -> str:
        return "knowledge"

    def __repr__(self) -> str:
        return "'knowledge'"


class RaisingStr:
    def __str__(self) -> str:
        raise RuntimeError("str must not be needed")

    def __repr__(self) -> str:
        return "RaisingStr()"


class SubStr(str):
    """A str subclass that claims to be something else."""

    def __str__(self) -> str:
        return "admin"

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


class Index:
    """An int-like object (``__index__``), for arguments that must be strings."""

    def __index__(self) -> int:
        return 1


class DictSub(dict[str, Any]):
    pass


class ListSub(list[Any]):
    pass


IDS = [n.id for n in Catalog.default().nodes]
WORDS = IDS + [
    "view", "create", "edit", "delete", "none", "read", "admin", "member", "standard", "enterprise",
    "users.manage", "studio_assistant.use", "knowledge_editor", "full_developer", "Knowledge", "knowlege.faqs",
    "", " ", ".", "analytics..kpis", "analytics.", "\u0000", "\ufeffrole", "é", "\U0001f600",
]  # fmt: skip
SURROGATES = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3)

strings = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=30),
    st.builds(lambda a, b: a + b, st.sampled_from(WORDS), SURROGATES),
    SURROGATES,
    st.builds(
        lambda w, n: w * n,
        st.sampled_from(["a", "knowledge.", "\ud800", "é"]),
        st.sampled_from([1_000, 70_000, 300_000]),
    ),
    st.builds(SubStr, st.sampled_from(WORDS)),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**64, -(2**63) - 1]),
    st.builds(lambda e: 10**e, st.sampled_from([400, 5000])),
    st.floats(),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 1e308]),
    st.complex_numbers(allow_nan=True),
    st.binary(max_size=40),
    st.builds(lambda w: w.encode("utf-8", "surrogatepass"), strings),
    st.sampled_from(
        [b"\xff\xfe", b'{"role":"member"}', bytearray(b'{"role":"admin"}'), memoryview(b'{"role":"admin"}')]
    ),
    st.builds(WeirdStr),
    st.builds(RaisingStr),
    st.builds(Index),
    st.sampled_from([object(), type, len, Ellipsis, NotImplemented, frozenset({"a"}), {"a", "b"}]),
    st.sampled_from(list(Level) + list(Action) + list(Role) + list(Cluster)),
    st.sampled_from([Catalog.default(), AccessSet.admin(), AccessSet.preset("knowledge_editor")]),
    strings,
)

documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(strings, st.integers(), st.none(), st.booleans(), st.floats()), inner, max_size=4),
        st.builds(DictSub, st.dictionaries(strings, inner, max_size=3)),
        st.builds(ListSub, st.lists(inner, max_size=3)),
        st.fixed_dictionaries(
            {"role": st.one_of(st.sampled_from(["member", "admin"]), inner)},
            optional={
                "permissions": st.one_of(
                    st.dictionaries(
                        st.one_of(st.sampled_from(IDS), strings),
                        st.one_of(st.sampled_from(["none", "read", "edit"]), inner),
                        max_size=5,
                    ),
                    inner,
                ),
                "extra": inner,
            },
        ),
    ),
    max_leaves=12,
)

hostile = st.one_of(scalars, documents)
# For the query arguments: mostly strings (the right type, so the value
# reaches the core), often near-misses of the vocabulary, else anything.
args = st.one_of(strings, st.sampled_from(WORDS), hostile)

# ---- the oracle -------------------------------------------------------------------


def allowed(exc: BaseException, *, denial: bool = False, key_error: bool = False) -> bool:
    """Whether `exc` is one of the documented outcomes (module docstring)."""
    if type(exc).__name__ == "PanicException":
        return False
    if isinstance(exc, PermissionDenied):
        return denial and exc.code == "permission_denied" and exc.explanation is not None
    if isinstance(exc, PermissionsError):
        return type(exc).code in CODES and exc.code == type(exc).code and isinstance(str(exc), str)
    if isinstance(exc, TypeError):
        return True
    if isinstance(exc, UnicodeError):
        return True
    return key_error and isinstance(exc, KeyError)


def call(fn: Callable[..., object], *args: Any, denial: bool = False, key_error: bool = False, **kwargs: Any) -> object:
    try:
        return fn(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - judged below
        if not allowed(exc, denial=denial, key_error=key_error):
            raise AssertionError(f"{fn!r} raised {type(exc).__module__}.{type(exc).__name__}: {exc!s:.200}") from exc
        return exc


KE = AccessSet.preset("knowledge_editor")
ADMIN = AccessSet.admin()
LENIENT = AccessSet.from_json('{"role":"member","permissions":{"nope":"read"},"x":1}', lenient=True)
WS = Workspace.from_records(
    [
        {"user": "ada", "name": "Ada", "role": "admin"},
        {"user": "bo", "role": "member", "permissions": {"knowledge": "edit", "knowledge.sources": "read"}},
        {
            "user": "cy",
            "email": "c@example.com",
            "role": "member",
            "permissions": {"analytics": "none", "analytics.kpis": "edit"},
        },
    ]
)
SMALL = Catalog.from_json(
    '{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"}]}],"presets":{"p":{"a":"read"}}}'
)

# ---- constructors ---------------------------------------------------------------

catalog_args = st.one_of(st.none(), st.sampled_from([SMALL, Catalog.default()]), hostile)
lenient_args = st.one_of(st.booleans(), hostile)


@SETTINGS
@given(hostile, lenient_args, catalog_args)
def test_access_set_constructors(value: Any, lenient: Any, catalog: Any) -> None:
    for fn in (AccessSet.from_json, AccessSet.from_dict):
        call(fn, value)
        call(fn, value, lenient=lenient, catalog=catalog)
    call(AccessSet.preset, value)
    call(AccessSet.preset, value, catalog=catalog)
    call(AccessSet.admin, catalog=catalog)
    call(AccessSet.member, catalog=catalog)
    # Positional arguments where only keywords are taken.
    call(AccessSet.from_json, value, lenient, catalog)
    call(AccessSet.admin, value)


@SETTINGS
@given(hostile, lenient_args, catalog_args)
def test_workspace_constructors(value: Any, lenient: Any, catalog: Any) -> None:
    for fn in (Workspace.from_json, Workspace.from_json_lines, Workspace.from_records):
        call(fn, value)
        call(fn, value, lenient=lenient, catalog=catalog)
    # A list of hostile records.
    call(Workspace.from_records, [value, {"user": value, "role": "member"}, {"user": "u", "role": value}], lenient=True)


@SETTINGS
@given(hostile)
def test_catalog_entry_points(value: Any) -> None:
    call(Catalog.from_json, value)
    catalog = Catalog.default()
    for fn in (catalog.node, catalog.__contains__, catalog.__eq__):
        call(fn, value)
    call(lambda: value in catalog)
    call(lambda: catalog == value)
    call(Catalog._restore, value)


@SETTINGS
@given(args, args)
def test_access_set_queries(a: Any, b: Any) -> None:
    for s in (KE, ADMIN, LENIENT):
        call(s.level, a)
        call(s.can, a, b)
        call(s.require, a, b, denial=True)
        call(s.capability, a)
        call(s.capability, a, b)
        call(s.explain, a, b)
        call(s.stored, a)
        call(s.within, a)
        call(s.diff, a)
        call(s.diff, a, b)
        call(s.diff, KE, a)
        call(s.__eq__, a)
        call(lambda: s == a)


@SETTINGS
@given(args, args)
def test_access_set_changes(a: Any, b: Any) -> None:
    for s in (KE, ADMIN, LENIENT):
        call(s.set, a, b)
        call(s.clear, a)
        call(s.with_role, a)
        # A valid first argument, so the second reaches the core.
        call(s.set, "knowledge.faqs", b)
        call(s.with_role, b)


@SETTINGS
@given(hostile, hostile, hostile)
def test_pickling_restores_only_through_the_core(a: Any, b: Any, c: Any) -> None:
    # A crafted pickle calls `_restore` with whatever it holds.
    call(AccessSet._restore, a, b, c)
    call(AccessSet._restore, Catalog.default(), a, False)
    call(AccessSet._restore, Catalog.default(), a, b)
    for value in (KE, LENIENT, SMALL):
        assert pickle.loads(pickle.dumps(value)) == value


@SETTINGS
@given(args, args)
def test_workspace_queries(a: Any, b: Any) -> None:
    call(WS.user, a, key_error=True)
    call(WS.__contains__, a)
    call(WS.who_can, a, b)
    call(WS.who_can, "knowledge", b)
    call(WS.who_has, a)
    call(WS.who_has, a, b)
    call(WS.who_has, "users.manage", b)
    call(WS.diff, a)


@SETTINGS
@given(args)
def test_enums_and_native_parsers(value: Any) -> None:
    for enum in (Level, Action, Role, Cluster):
        call(enum, value)
    for parse in (_native.parse_level, _native.parse_action, _native.parse_role, _native.parse_cluster):
        call(parse, value)
    for op in (Level.READ.__lt__, Level.READ.__le__, Level.READ.__gt__, Level.READ.__ge__):
        call(op, value)
    # `Reason` is an answer, never parsed from input: a value it lacks is the
    # plain `ValueError` of `enum` (a wrong type, a TypeError as above).
    try:
        sp.Reason(value)
    except (TypeError, ValueError) as exc:
        assert type(exc).__name__ != "PanicException"


def test_an_enum_lookup_by_a_non_str_is_a_type_error() -> None:
    # Found by the test above: `enum` wrote repr(10**5000) into its message,
    # which raised a ValueError about integer digits instead of a TypeError.
    for enum in (Level, Action, Role, Cluster):
        for value in (10**5000, 1, None, b"read", RaisingStr(), ["read"]):
            with pytest.raises(TypeError):
                enum(value)
        assert enum(next(iter(enum)).value) is next(iter(enum))
        assert pickle.loads(pickle.dumps(next(iter(enum)))) is next(iter(enum))


def test_every_view_of_a_set_and_a_workspace_answers() -> None:
    # The methods without arguments, on a strict, an admin and a lenient set,
    # a workspace with problems and an empty one.
    lenient_ws = Workspace.from_json('[{"user":"a","role":"owner"},{"user":"b","role":"member","x":1}]', lenient=True)
    for s in (KE, ADMIN, LENIENT, AccessSet.member(catalog=SMALL)):
        for fn in (s.effective, s.visible, s.to_dict, s.to_json, s.__hash__, s.__repr__, s._repr_html_):
            call(fn)
        assert s.warnings is not None and s.role in Role and s.catalog is not None
        assert copy.deepcopy(s) is s
    for w in (WS, lenient_ws, Workspace.from_records([])):
        for fn in (w.counts, w.dormant, w.preset_matches, w.matrix, w.to_records, w.__repr__, w._repr_html_, w.__len__):
            call(fn)
        call(w.diff, WS)
        assert list(w) == list(w) and w.problems is not None and w.bytes_per_user >= 0
    for c in (SMALL, Catalog.default()):
        assert len(list(c)) == len(c) and c.presets is not None and c.capabilities is not None and c.version != 1
        assert pickle.loads(pickle.dumps(c)) == c


def test_a_sibling_catalogs_set_is_refused_not_a_crash() -> None:
    other = AccessSet.admin(catalog=SMALL)
    for fn in (KE.diff, KE.within, other.diff, other.within):
        result = call(fn, KE if fn.__self__ is other else other)  # type: ignore[attr-defined]
        assert isinstance(result, sp.InvalidCatalogError)
    result = call(WS.diff, Workspace.from_records([], catalog=SMALL))
    assert isinstance(result, (PermissionsError, bool)) or result is not None


def test_the_oracle_refuses_a_panic() -> None:
    # The oracle itself: a panic (or any undocumented exception) fails a test.
    panic = type("PanicException", (BaseException,), {})
    assert not allowed(panic("boom"))
    assert not allowed(RuntimeError("x")) and not allowed(KeyError("x"))
    assert allowed(KeyError("x"), key_error=True) and allowed(TypeError("x"))
    denied = PermissionDenied("no", AccessSet.member().explain("knowledge", "view"))
    assert not allowed(denied) and not allowed(PermissionsError("no"))
    with pytest.raises(AssertionError):
        call(lambda: (_ for _ in ()).throw(panic("boom")))


def test_deep_and_recursive_host_values_are_errors_not_crashes() -> None:
    deep: Any = "read"
    for _ in range(sys.getrecursionlimit() * 4):
        deep = {"k": deep}
    for fn in (AccessSet.from_dict, Workspace.from_records):
        assert isinstance(call(fn, deep), sp.InvalidDocumentError)
    text = "[" * 200_000 + "]" * 200_000
    for fn in (AccessSet.from_json, Workspace.from_json, Workspace.from_json_lines, Catalog.from_json):  # type: ignore[assignment]
        assert isinstance(call(fn, text), PermissionsError)


@pytest.mark.parametrize("lenient", [False, True])
def test_repeated_keys_are_refused_in_every_text_input(lenient: bool) -> None:
    # SECURITY.md: a repeated key is never resolved by "the last one wins",
    # in either mode, in documents, catalogs and workspace exports.
    with pytest.raises(sp.DuplicateKeyError):
        AccessSet.from_json('{"role":"member","permissions":{"flows":"read","fl\\u006fws":"edit"}}', lenient=lenient)
    with pytest.raises(sp.DuplicateKeyError):
        AccessSet.from_json('{"role":"member","role":"admin"}', lenient=lenient)
    for text in (
        '{"areas":[{"id":"a","name":"A"}],"areas":[{"id":"b","name":"B"}]}',
        '{"areas":[{"id":"a","name":"A","name":"B"}]}',
    ):
        with pytest.raises(sp.InvalidCatalogError, match="duplicate key"):
            Catalog.from_json(text)
    exports = [
        (Workspace.from_json, '[{"user":"a","role":"member","role":"admin"}]', "role"),
        (Workspace.from_json_lines, '{"user":"a","user":"b","role":"admin"}', "user"),
    ]
    for load, text, path in exports:
        if lenient:
            ws = load(text, lenient=True)
            assert len(ws) == 0 and [(p.code, p.path, p.fatal) for p in ws.problems] == [("duplicate_key", path, True)]
        else:
            with pytest.raises(sp.InvalidWorkspaceError) as info:
                load(text)
            assert [(p.code, p.path) for p in info.value.problems] == [("duplicate_key", path)]
