"""The exceptions of the package, one per error code of the core.

The native layer raises them with the core's message, so `str(exc)` is the
same text in Rust, Python and Node. Every class is picklable: the message is
the only positional argument, the other attributes travel in `__dict__`.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, ClassVar, cast

if TYPE_CHECKING:
    from typing_extensions import deprecated

    from ._types import Explanation, Problem
else:

    def deprecated(message: str):  # the marker type checkers read; the warning is `warnings.warn`
        return lambda f: f


__all__ = [
    "CapabilityDenied",
    "DuplicateKeyError",
    "InvalidCatalogError",
    "InvalidDocumentError",
    "InvalidJsonError",
    "InvalidMigrationError",
    "InvalidLevelError",
    "InvalidWorkspaceError",
    "LimitExceededError",
    "PermissionDenied",
    "PermissionsError",
    "SubsectionExceedsParentError",
    "UnknownActionError",
    "UnknownAreaError",
    "UnknownCapabilityError",
    "UnknownClusterError",
    "UnknownPresetError",
    "UnknownRoleError",
]


class PermissionsError(ValueError):
    """The root of every error the core reports, except a refusal.

    `code` is a stable string, the same in Rust, Python and Node; `path`
    the offending id or field
    (`None` when the error has none, e.g. text that is not JSON).

    The structured fields, `None` when the error kind has no such fact:
    `suggestion` the nearest known name for an unknown area, action,
    capability or preset (`None` also when nothing is close); `line` and `column` where
    text that is not JSON goes wrong (1-based); `size` and `limit` in bytes
    for an input beyond a limit.
    """

    code: ClassVar[str] = "permissions_error"
    path: str | None
    suggestion: str | None
    line: int | None
    column: int | None
    size: int | None
    limit: int | None

    def __init__(
        self,
        message: str,
        path: str | None = None,
        *,
        suggestion: str | None = None,
        line: int | None = None,
        column: int | None = None,
        size: int | None = None,
        limit: int | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.suggestion = suggestion
        self.line = line
        self.column = column
        self.size = size
        self.limit = limit


class InvalidJsonError(PermissionsError):
    """Text that is not JSON under RFC 8259, or beyond a parser limit."""

    code = "invalid_json"


class DuplicateKeyError(PermissionsError):
    """A JSON object key repeated, at any depth."""

    code = "duplicate_key"


class InvalidDocumentError(PermissionsError):
    """Well-formed JSON that is not the shape of an access document."""

    code = "invalid_document"


class UnknownRoleError(PermissionsError):
    """A role other than `admin` or `member`."""

    code = "unknown_role"


class UnknownAreaError(PermissionsError):
    """An id the catalog does not know."""

    code = "unknown_area"


class InvalidLevelError(PermissionsError):
    """A level name other than `none`, `read` or `edit`."""

    code = "invalid_level"


class SubsectionExceedsParentError(PermissionsError):
    """A sub-section above its parent's effective level."""

    code = "subsection_exceeds_parent"


class InvalidCatalogError(PermissionsError):
    """A catalog that cannot be loaded."""

    code = "invalid_catalog"


class InvalidMigrationError(PermissionsError):
    """A catalog migration that cannot be loaded, or a set or workspace of
    another catalog than the migration's source."""

    code = "invalid_migration"


class UnknownActionError(PermissionsError):
    """An action other than `view`, `create`, `edit` or `delete`."""

    code = "unknown_action"


class UnknownCapabilityError(PermissionsError):
    """A capability the catalog does not list."""

    code = "unknown_capability"


class UnknownClusterError(PermissionsError):
    """A cluster other than `standard` or `enterprise`."""

    code = "unknown_cluster"


class UnknownPresetError(PermissionsError):
    """A preset the catalog does not list."""

    code = "unknown_preset"


class LimitExceededError(PermissionsError):
    """An input beyond a documented limit (a document over 1 MiB, a catalog
    over 16 MiB: `studio_permissions` README, "Limits")."""

    code = "limit_exceeded"


class InvalidWorkspaceError(PermissionsError):
    """A workspace export with wrong records, loaded strictly: nothing is loaded.

    `problems` lists every problem, in record order, each with its line,
    user (when readable), error code, path and the core's message; `path` is
    the first problem's user.
    """

    code = "invalid_workspace"
    problems: list[Problem]

    def __init__(self, message: str, path: str | None = None, problems: list[Problem] | None = None) -> None:
        super().__init__(message, path)
        self.problems = list(problems) if problems is not None else []


class PermissionDenied(PermissionError):
    """`AccessSet.require` refused; `explanation` says why.

    A `PermissionError` (not a `PermissionsError`): a refusal is an
    answer, not bad input. `path` is the id that was refused.

    Raising one runs no Python code: the message and the `Explanation` are
    built when `str()`, `.explanation` or `.path` first reads them.
    """

    code: ClassVar[str] = "permission_denied"

    # No `__init__`: `PermissionDenied(message, explanation)` and the native
    # `PermissionDenied(refusal)` are both built by `OSError` in C, which
    # keeps the arguments in `args` (and, given two, in `errno`/`strerror`,
    # which `__str__` overrides).
    if TYPE_CHECKING:

        def __init__(self, message: str, explanation: Explanation) -> None: ...

    @property
    def explanation(self) -> Explanation:
        """The explanation of the refused action, with its reason and chain."""
        if len(self.args) == 1:
            return cast("Explanation", self.args[0].explanation)
        return cast("Explanation", self.args[1])

    @property
    @deprecated("PermissionDenied.decision is renamed explanation")
    def decision(self) -> Explanation:
        """The former name of `explanation`, deprecated: removed in the next
        minor version."""
        warnings.warn(
            "PermissionDenied.decision is renamed explanation; read .explanation, the same object "
            "(.decision is removed in the next minor version)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.explanation

    @property
    def path(self) -> str:
        """The id that was refused."""
        return self.explanation.id

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[PermissionDenied], tuple[str, Explanation]]:
        return (type(self), (str(self), self.explanation))


class CapabilityDenied(PermissionError):
    """`AccessSet.require_capability` refused: the user's `role` does not
    hold `capability` on `cluster`.

    Its `code` is `permission_denied`, like `PermissionDenied`; `path`
    is the capability.
    """

    code: ClassVar[str] = "permission_denied"
    path: str
    capability: str
    cluster: str
    role: str

    def __init__(self, message: str, capability: str, cluster: str, role: str) -> None:
        super().__init__(message)
        self.capability = capability
        self.path = capability
        self.cluster = cluster
        self.role = role

    def __reduce__(self) -> tuple[type[CapabilityDenied], tuple[str, str, str, str]]:
        return (type(self), (str(self), self.capability, self.cluster, self.role))


ERRORS_BY_CODE: dict[str, type[PermissionsError]] = {
    cls.code: cls
    for cls in (
        InvalidJsonError,
        DuplicateKeyError,
        InvalidDocumentError,
        UnknownRoleError,
        UnknownAreaError,
        InvalidLevelError,
        SubsectionExceedsParentError,
        InvalidCatalogError,
        InvalidMigrationError,
        UnknownActionError,
        UnknownCapabilityError,
        UnknownClusterError,
        UnknownPresetError,
        LimitExceededError,
        InvalidWorkspaceError,
    )
}

# Shown (and pickled) under the package name users import them from.
for _cls in (PermissionsError, PermissionDenied, CapabilityDenied, *ERRORS_BY_CODE.values()):
    _cls.__module__ = "studio_permissions"
del _cls
