"""Error paths: every error code surfaces as its subclass, with the core's
message, the offending id in `path`, picklable; wrong types are TypeErrors."""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable

import pytest

import studio_permissions as sp
from studio_permissions import AccessSet, Catalog, Cluster, Level, Reason, Role

ERROR_CLASSES = {
    "invalid_json": sp.InvalidJsonError,
    "duplicate_key": sp.DuplicateKeyError,
    "invalid_document": sp.InvalidDocumentError,
    "unknown_role": sp.UnknownRoleError,
    "unknown_area": sp.UnknownAreaError,
    "invalid_level": sp.InvalidLevelError,
    "subsection_exceeds_parent": sp.SubsectionExceedsParentError,
    "invalid_catalog": sp.InvalidCatalogError,
    "invalid_migration": sp.InvalidMigrationError,
    "unknown_action": sp.UnknownActionError,
    "unknown_capability": sp.UnknownCapabilityError,
    "unknown_cluster": sp.UnknownClusterError,
    "unknown_preset": sp.UnknownPresetError,
    "limit_exceeded": sp.LimitExceededError,
    "invalid_workspace": sp.InvalidWorkspaceError,
}

KE = AccessSet.preset("knowledge_editor")

# (code, call, path, message): one case per code, the message the core writes.
CASES: list[tuple[str, Callable[[], object], str | None, str]] = [
    ("invalid_json", lambda: AccessSet.from_json('{"role":"member",}'), None, "invalid JSON at line 1, column 18"),
    ("invalid_json", lambda: AccessSet.from_json("NaN"), None, "invalid JSON at line 1, column 1"),
    ("duplicate_key", lambda: AccessSet.from_json('{"role":"member","role":"admin"}'), "role", "duplicate key `role`"),
    ("invalid_document", lambda: AccessSet.from_json("[]"), None, "invalid document: "),
    ("invalid_document", lambda: AccessSet.from_dict({"permissions": {}}), "role", "invalid document: "),
    ("unknown_role", lambda: AccessSet.from_dict({"role": "owner"}), "role", "unknown role `owner`"),
    (
        "unknown_area",
        lambda: AccessSet.from_dict({"role": "member", "permissions": {"knowlege": "read"}}),
        "knowlege",
        "unknown area `knowlege`: did you mean `knowledge`?",
    ),
    (
        "invalid_level",
        lambda: AccessSet.from_dict({"role": "member", "permissions": {"knowledge": "READ"}}),
        "knowledge",
        "invalid level `READ` for `knowledge`",
    ),
    (
        "subsection_exceeds_parent",
        lambda: AccessSet.from_dict(
            {"role": "member", "permissions": {"flows": "read", "knowledge": "read", "knowledge.faqs": "edit"}}
        ),
        "knowledge.faqs",
        "`knowledge.faqs` cannot be `edit`: its parent `knowledge` is only `read`",
    ),
    ("invalid_catalog", lambda: Catalog.from_json('{"areas": []}'), "areas", "invalid catalog: "),
    ("unknown_action", lambda: KE.can("knowledge", "publish"), "publish", "unknown action `publish`"),
    (
        "unknown_capability",
        lambda: KE.capability("users.manag"),
        "users.manag",
        "unknown capability `users.manag`: did you mean `users.manage`?",
    ),
    ("unknown_cluster", lambda: KE.capability("users.manage", "gov"), "gov", "unknown cluster `gov`"),
    ("unknown_preset", lambda: AccessSet.preset("admin"), "admin", "unknown preset `admin`"),
    (
        "limit_exceeded",
        lambda: AccessSet.from_json(" " * (1 << 20) + "{}"),
        None,
        "the document is 1048578 bytes, beyond the limit of 1048576 bytes",
    ),
    (
        "limit_exceeded",
        lambda: AccessSet.from_dict({"role": "member", "pad": "x" * (1 << 20)}),
        None,
        "the document is 1048605 bytes, beyond the limit of 1048576 bytes",
    ),
    (
        "limit_exceeded",
        lambda: Catalog.from_json(b" " * (16 << 20) + b"{}"),
        None,
        "the catalog is 16777218 bytes, beyond the limit of 16777216 bytes",
    ),
    (
        "invalid_workspace",
        lambda: sp.Workspace.from_json('[{"user": "a", "role": "owner"}]'),
        "a",
        "invalid workspace: 1 problem; the first: line 1, user `a`: unknown role `owner`",
    ),
    (
        "invalid_workspace",
        lambda: sp.Workspace.from_json_lines("[]"),
        None,
        "invalid workspace: 1 problem; the first: line 1: ",
    ),
    (
        "unknown_area",
        lambda: KE.level("analytics.kpi"),
        "analytics.kpi",
        "unknown area `analytics.kpi`: did you mean `analytics.kpis`?",
    ),
    ("unknown_area", lambda: KE.explain("nowhere", "view"), "nowhere", "unknown area `nowhere`"),
    ("unknown_area", lambda: KE.set("nowhere", "read"), "nowhere", "unknown area `nowhere`"),
    ("unknown_area", lambda: KE.clear("nowhere"), "nowhere", "unknown area `nowhere`"),
    ("invalid_level", lambda: KE.set("flows", "write"), "flows", "invalid level `write` for `flows`"),
    ("unknown_role", lambda: KE.with_role("Admin"), "Admin", "unknown role `Admin`"),
    (
        "subsection_exceeds_parent",
        lambda: KE.set("analytics.kpis", "edit"),
        "analytics.kpis",
        "`analytics.kpis` cannot be `edit`",
    ),
]


@pytest.mark.parametrize(("code", "call", "path", "message"), CASES)
def test_each_code_raises_its_class(code: str, call: Callable[[], object], path: str | None, message: str) -> None:
    with pytest.raises(ERROR_CLASSES[code]) as info:
        call()
    e = info.value
    assert isinstance(e, sp.PermissionsError) and isinstance(e, ValueError)
    assert e.code == code == type(e).code
    assert e.path == path
    assert str(e).startswith(message)
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is type(e) and str(again) == str(e) and again.path == e.path and again.code == code


def test_every_code_has_a_class() -> None:
    assert {cls.code for cls in ERROR_CLASSES.values()} == set(ERROR_CLASSES)
    for cls in ERROR_CLASSES.values():
        assert issubclass(cls, sp.PermissionsError)
        assert getattr(sp, cls.__name__) is cls


def test_new_codes_carry_their_data_and_pickle() -> None:
    with pytest.raises(sp.LimitExceededError) as limit:
        AccessSet.from_json(b"[" + b" " * (1 << 20) + b"]")
    assert str(limit.value) == "the document is 1048578 bytes, beyond the limit of 1048576 bytes"
    assert limit.value.path is None and limit.value.code == "limit_exceeded"
    with pytest.raises(sp.InvalidWorkspaceError) as bad:
        sp.Workspace.from_json_lines('{"user": "a", "role": "admin"}\n{"user": "a", "role": "member"}\n[]')
    problems = bad.value.problems
    assert [(p.line, p.user, p.code, p.path, p.fatal) for p in problems] == [
        (2, "a", "duplicate_user", "user", True),
        (3, None, "invalid_document", None, True),
    ]
    assert problems[1].message == "invalid document: a record must be a JSON object, found an array"
    for e in (limit.value, bad.value):
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is type(e) and str(again) == str(e) and again.path == e.path
    assert pickle.loads(pickle.dumps(bad.value)).problems == problems
    # Built by hand (as a service might, to re-raise), the attributes default.
    assert sp.InvalidWorkspaceError("boom").problems == [] and sp.LimitExceededError("big").path is None


def test_exact_messages_are_the_cores() -> None:
    with pytest.raises(sp.UnknownAreaError) as info:
        KE.can("knowlege.faqs", "view")
    assert str(info.value) == "unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?"
    with pytest.raises(sp.UnknownActionError) as info2:
        KE.can("knowledge", "View")
    assert str(info2.value) == (
        "unknown action `View`: expected `view`, `create`, `edit` or `delete`: did you mean `view`?"
    )
    assert info2.value.suggestion == "view"
    with pytest.raises(sp.UnknownActionError) as info3:
        KE.can("knowledge", "edti")
    assert info3.value.suggestion == "edit" and str(info3.value).endswith(": did you mean `edit`?")


def test_permission_denied_is_a_permission_error_with_the_explanation() -> None:
    with pytest.raises(sp.PermissionDenied) as info:
        KE.require("deployments.environments", "delete")
    e = info.value
    assert isinstance(e, PermissionError) and not isinstance(e, ValueError)
    assert e.code == "permission_denied" and e.path == "deployments.environments"
    assert str(e) == (
        "permission denied: `delete` on `deployments.environments` needs `edit`, the level is `none` (parent_none)"
    )
    d = e.explanation
    assert d is not None and not d.allowed and d.reason is Reason.PARENT_NONE and d.role is Role.MEMBER
    assert d == KE.explain("deployments.environments", "delete")
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is sp.PermissionDenied and again.explanation == d and str(again) == str(e)
    assert again.path == e.path


def test_require_checks_arguments_before_deciding() -> None:
    with pytest.raises(sp.UnknownAreaError):
        KE.require("nowhere", "view")
    with pytest.raises(sp.UnknownActionError):
        KE.require("flows", "fly")


@pytest.mark.parametrize(
    ("call", "cls"),
    [
        (lambda: KE.can("nope", "bogus"), sp.UnknownAreaError),
        (lambda: KE.explain("nope", "bogus"), sp.UnknownAreaError),
        (lambda: KE.require("nope", "bogus"), sp.UnknownAreaError),
        (lambda: KE.set("nope", "bogus"), sp.UnknownAreaError),
        (lambda: KE.capability("nope", "gov"), sp.UnknownCapabilityError),
        (lambda: KE.can("flows", "bogus"), sp.UnknownActionError),
    ],
)
def test_arguments_are_checked_left_to_right(call: Callable[[], object], cls: type[Exception]) -> None:
    with pytest.raises(cls):
        call()


def test_diff_checks_the_other_set_before_the_cluster() -> None:
    other_catalog = Catalog.from_json('{"areas": [{"id": "a", "name": "A"}]}')
    with pytest.raises(sp.InvalidCatalogError):
        KE.diff(AccessSet.admin(catalog=other_catalog), "gov")
    with pytest.raises(sp.InvalidCatalogError):
        KE.within(AccessSet.admin(catalog=other_catalog))
    with pytest.raises(sp.UnknownClusterError):
        KE.diff(AccessSet.admin(), "gov")


@pytest.mark.parametrize(
    "call",
    [
        lambda: KE.can(1, "view"),
        lambda: KE.can("flows", None),
        lambda: KE.can(b"flows", "view"),
        lambda: KE.level(["flows"]),
        lambda: KE.explain("flows", 3),
        lambda: KE.require(None, "view"),
        lambda: KE.capability(1),
        lambda: KE.set("flows", 1),
        lambda: KE.clear(1.0),
        lambda: KE.with_role(None),
        lambda: KE.diff("knowledge_editor"),
        lambda: KE.within({}),
        lambda: AccessSet.from_json(1),
        lambda: AccessSet.from_json(None),
        lambda: AccessSet.from_json("{}", lenient=1),
        lambda: AccessSet.from_json("{}", catalog="default"),
        lambda: AccessSet.preset(1),
        lambda: AccessSet.admin(catalog=1),
        lambda: Catalog.from_json(1),
        lambda: Catalog.default().node(1),
        lambda: Level(1),
        lambda: Cluster(None),
    ],
)
def test_wrong_argument_types_are_type_errors(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError):
        call()


def test_lone_surrogates_are_invalid_json_not_a_crash() -> None:
    with pytest.raises(sp.InvalidJsonError, match="unpaired surrogate"):
        AccessSet.from_json('{"role":"member","permissions":{"\ud800":"read"}}')
    with pytest.raises(sp.InvalidJsonError):
        AccessSet.from_json("\udfff")
    with pytest.raises(sp.InvalidCatalogError, match="unpaired surrogate"):
        Catalog.from_json('{"areas":[{"id":"a","name":"\ud800"}]}')
    # Escaped surrogates are refused by the core's JSON reader too.
    with pytest.raises(sp.InvalidJsonError):
        AccessSet.from_json('{"role":"member","permissions":{"\\ud800":"read"}}')
    # A surrogate in a host value is written escaped by json.dumps: invalid_json.
    with pytest.raises(sp.InvalidJsonError):
        AccessSet.from_dict({"role": "member", "permissions": {"\ud800": "read"}})
    # Surrogate queries are unknown ids, not crashes (pyo3 refuses them as str).
    with pytest.raises((sp.UnknownAreaError, UnicodeEncodeError)):
        KE.can("\ud800", "view")


def test_bytes_that_are_not_utf8_are_invalid_json() -> None:
    with pytest.raises(sp.InvalidJsonError):
        AccessSet.from_json(b'{"role":"member","x":"\xff"}')
    with pytest.raises(sp.InvalidCatalogError):
        Catalog.from_json(b"\xfe\xff")


@pytest.mark.parametrize(
    "value",
    [
        {"role": "member", "permissions": {"flows": math.nan}},
        {"role": "member", "extra": math.inf},
        {"role": "member", "permissions": {"flows": object()}},
        {"role": "member", "permissions": {("a", "b"): "read"}},
        {"role": "member", "permissions": {"flows": {1, 2}}},
    ],
)
def test_values_json_dumps_cannot_write_are_invalid_document(value: object) -> None:
    with pytest.raises(sp.InvalidDocumentError) as info:
        AccessSet.from_dict(value)
    assert str(info.value) == "invalid document: the value has no JSON text"
    assert info.value.__cause__ is not None


def test_cyclic_and_very_deep_values_are_invalid_document() -> None:
    cyclic: dict[str, object] = {"role": "member"}
    cyclic["permissions"] = cyclic
    with pytest.raises(sp.InvalidDocumentError):
        AccessSet.from_dict(cyclic)
    deep: object = "read"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(sp.InvalidDocumentError):
        AccessSet.from_dict({"role": "member", "x": deep})


def test_host_values_are_judged_as_the_text_json_dumps_writes() -> None:
    # Nesting past 64 is the core's invalid_json on the written text.
    deep: object = 1
    for _ in range(70):
        deep = [deep]
    with pytest.raises(sp.InvalidJsonError):
        AccessSet.from_dict({"role": "member", "x": deep})
    # Non-str keys are written as json.dumps writes them ("1"), then judged.
    with pytest.raises(sp.UnknownAreaError):
        AccessSet.from_dict({"role": "member", "permissions": {1: "read"}})
    # Not an object at all.
    for value in ([], "member", None, 3):
        with pytest.raises(sp.InvalidDocumentError):
            AccessSet.from_dict(value)
    # The enums are str, so they are written as their names.
    ok = AccessSet.from_dict({"role": Role.MEMBER, "permissions": {"flows": Level.READ}})
    assert ok.level("flows") is Level.READ
    # The row of the precedence table decides first (unknown_area before invalid_level) ...
    with pytest.raises(sp.UnknownAreaError):
        AccessSet.from_dict({"role": "member", "permissions": {"flows": "bogus", "zzz": "read"}})
    # ... and among one row, the dict's order is the document order.
    for first, second in (("zzz", "yyy"), ("yyy", "zzz")):
        with pytest.raises(sp.UnknownAreaError) as info:
            AccessSet.from_dict({"role": "member", "permissions": {first: "read", second: "read"}})
        assert info.value.path == first


def test_no_half_built_object_on_failure() -> None:
    before = KE.to_json()
    with pytest.raises(sp.SubsectionExceedsParentError):
        KE.set("analytics.kpis", "edit")
    assert KE.to_json() == before


def test_every_core_error_code_has_its_own_class() -> None:
    # The binding falls back to the base class for a code it does not know;
    # this keeps a new core code from silently taking that path.
    from studio_permissions import _native
    from studio_permissions._errors import ERRORS_BY_CODE

    assert set(_native.ERROR_CODES) == set(ERRORS_BY_CODE) | {"permission_denied"}
    assert len(_native.ERROR_CODES) == 16


def test_capability_denied_names_the_capability_cluster_and_role() -> None:
    full = AccessSet.preset("full_developer")
    with pytest.raises(sp.CapabilityDenied) as info:
        full.require_capability("users.manage")
    e = info.value
    assert isinstance(e, PermissionError) and not isinstance(e, (ValueError, sp.PermissionDenied))
    assert e.code == "permission_denied" and e.path == e.capability == "users.manage"
    assert (e.cluster, e.role) == ("standard", "member")
    assert str(e) == (
        "permission denied: the capability `users.manage` is not held by the role `member` on the cluster `standard`"
    )
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is sp.CapabilityDenied and str(again) == str(e) and again.role == "member"
    admin = AccessSet.admin()
    assert admin.require_capability("studio_assistant.use", "enterprise") is None
    with pytest.raises(sp.CapabilityDenied):
        admin.require_capability("studio_assistant.use", sp.Cluster.STANDARD)
    with pytest.raises(sp.UnknownCapabilityError, match="did you mean `users.manage`"):
        admin.require_capability("users.manag", "moon")  # left to right: the name first
    with pytest.raises(sp.UnknownClusterError):
        admin.require_capability("users.manage", "moon")  # type: ignore[arg-type]


def test_errors_carry_the_cores_details_like_node() -> None:
    with pytest.raises(sp.UnknownAreaError) as near:
        KE.can("knowlege.faqs", "view")
    assert near.value.suggestion == "knowledge.faqs"
    assert (near.value.line, near.value.column, near.value.size, near.value.limit) == (None, None, None, None)
    with pytest.raises(sp.UnknownAreaError) as far:
        KE.can("billing", "view")
    assert far.value.suggestion is None
    with pytest.raises(sp.UnknownCapabilityError) as cap:
        KE.capability("users.manag", Cluster.STANDARD)
    assert cap.value.suggestion == "users.manage"
    with pytest.raises(sp.UnknownPresetError) as preset:
        AccessSet.preset("knowledge_editr")
    assert preset.value.suggestion == "knowledge_editor"
    with pytest.raises(sp.InvalidJsonError) as bad:
        AccessSet.from_json('{\n  "role": ]')
    assert (bad.value.line, bad.value.column, bad.value.suggestion) == (2, 11, None)
    with pytest.raises(sp.LimitExceededError) as big:
        AccessSet.from_json(b"[" + b" " * (1 << 20) + b"]")
    assert (big.value.size, big.value.limit) == ((1 << 20) + 2, 1 << 20)
    with pytest.raises(sp.UnknownRoleError) as role:
        AccessSet.from_dict({"role": "owner"})
    assert (role.value.suggestion, role.value.line, role.value.size) == (None, None, None)
    # The details travel through pickle with the message and path.
    for e in (near.value, bad.value, big.value):
        again = pickle.loads(pickle.dumps(e))
        fields = ("path", "suggestion", "line", "column", "size", "limit")
        assert [getattr(again, f) for f in fields] == [getattr(e, f) for f in fields]
