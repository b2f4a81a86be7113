"""Checked by mypy --strict and pyright, never run: the stubs refuse typos.

Every line that must be refused carries both checkers' ignore comment; both
report an ignore comment that suppresses nothing, so an expected error that
disappears fails `make test-python` (mypy --warn-unused-ignores, pyright's
reportUnnecessaryTypeIgnoreComment). Both report a deprecated name in
this file, so the deprecated `PermissionDenied.decision` must stay marked.
"""

# mypy: enable-error-code="deprecated"
# pyright: reportDeprecated=true

from typing import Any, assert_type

from studio_permissions import (
    AccessSet,
    Action,
    CapabilityDenied,
    Catalog,
    Cluster,
    Decision,
    Explanation,
    Level,
    PermissionDenied,
    Role,
    Workspace,
)
from studio_permissions.fastapi import AccessGuard

access = AccessSet.preset("knowledge_editor")
ws = Workspace.from_records([])
guard = AccessGuard(AccessSet.admin)

# ---- what must type-check ----------------------------------------------------
assert_type(access.can("knowledge", "view"), bool)
assert_type(access.can("knowledge", Action.DELETE), bool)
assert_type(access.set("knowledge", "read"), AccessSet)
assert_type(access.set("knowledge", Level.EDIT), AccessSet)
assert_type(access.with_role("admin"), AccessSet)
assert_type(access.with_role(Role.MEMBER), AccessSet)
assert_type(access.capability("users.manage", "enterprise"), bool)
assert_type(access.capability("users.manage", Cluster.STANDARD), bool)
assert_type(access.explain("knowledge", "edit"), Explanation)
explained: Decision = access.explain("knowledge", "edit")  # the deprecated alias still types
assert_type(access.same_access(AccessSet.admin()), bool)
assert_type(ws.who_can("knowledge", "create"), list[str])
assert_type(ws.who_has("users.manage", "standard"), list[str])
assert_type(Catalog.default().json_schema(), dict[str, Any])
assert_type(access.view(), dict[str, Any])
assert_type(access.view(names=True), dict[str, Any])
AccessSet.preset("writer", catalog=Catalog.default())  # a loaded catalog names its own presets
guard.requires("knowledge.faqs", "create")
guard.requires_capability("users.manage", cluster="enterprise")

try:
    access.require("knowledge", "edit")
except PermissionDenied as denied:
    assert_type(denied.explanation, Explanation)  # not Optional: require always attaches it
    assert_type(denied.decision, Explanation)  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]
try:
    access.require_capability("users.manage")
except CapabilityDenied as refused:
    assert_type(refused.capability, str)

# ---- what must be refused ----------------------------------------------------
access.can("knowledge", "destroy")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.require("knowledge", "View")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.explain("knowledge", "write")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.set("knowledge", "write")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.view(names="yes")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.view(True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
access.set("knowledge", "Edit")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.with_role("owner")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.capability("users.manage", "gov")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.require_capability("users.manage", "gov")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
access.diff(AccessSet.admin(), "prod")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
AccessSet.preset("knowledge_editr")  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
ws.who_can("knowledge", "destroy")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
ws.who_has("users.manage", "gov")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
guard.requires("knowledge", "destroy")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
guard.requires_capability("users.manage", "gov")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
bad_level: Level = "write"  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
