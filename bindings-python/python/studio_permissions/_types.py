"""The vocabularies and value records of the package.

The enums are real `enum.Enum` members that are also `str` (so a
plain string is accepted wherever a member is, and `json.dumps` writes the
wire name). The records are frozen dataclasses filled in by the native core:
no rule is computed here, they only carry the core's answers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from html import escape
from typing import Any, Literal, TypeAlias, TypeVar

from ._native import LEVEL_ORDER, AccessSet

__all__ = [
    "Action",
    "ActionName",
    "ClusterName",
    "LevelName",
    "PresetName",
    "RoleName",
    "CapabilityChange",
    "Capability",
    "ChainLink",
    "Cluster",
    "Diff",
    "DocumentWarning",
    "Explanation",
    "Level",
    "LevelChange",
    "Matrix",
    "Node",
    "PresetMatch",
    "Problem",
    "Reason",
    "Role",
    "User",
    "UserChange",
    "WorkspaceDiff",
]


# The wire names, for type checkers: a parameter typed `Action | ActionName`
# takes `Action.VIEW` or `"view"`, and a checker refuses `"destroy"`.
LevelName: TypeAlias = Literal["none", "read", "edit"]
ActionName: TypeAlias = Literal["view", "create", "edit", "delete"]
RoleName: TypeAlias = Literal["admin", "member"]
ClusterName: TypeAlias = Literal["standard", "enterprise"]
# The default catalog's presets (a loaded catalog may name others).
PresetName: TypeAlias = Literal["read_only_reviewer", "knowledge_editor", "full_developer", "operations_manager"]

_E = TypeVar("_E", bound=enum.Enum)


class _Vocabulary(enum.EnumType):
    """The metaclass of the parsed vocabularies: a lookup by a value that is
    not a `str` is a `TypeError`, raised before `enum` itself
    writes the value's `repr` into its message (which can raise something
    else: `Level(10**5000)` was a `ValueError` about integer digits)."""

    def __call__(cls: type[_E], value: object, *args: Any, **kwargs: Any) -> _E:  # type: ignore[override, misc]
        if not args and not kwargs and not isinstance(value, str):
            raise TypeError(f"{cls.__name__} must be given a str, not {type(value).__name__}")
        return enum.EnumType.__call__(cls, value, *args, **kwargs)  # type: ignore[no-any-return]


class Level(enum.StrEnum, metaclass=_Vocabulary):
    """An access level, ordered `NONE < READ < EDIT`.

    `none` hides a node, `read` lets the user view it, `edit` lets them
    create, edit and delete in it.
    """

    NONE = "none"
    READ = "read"
    EDIT = "edit"

    @property
    def rank(self) -> int:
        """0 for `none`, 1 for `read`, 2 for `edit`."""
        return _RANK[self]

    def _other_rank(self, other: object) -> int | None:
        # A level compares with a level or a level's wire name; any other
        # string would otherwise fall back to str ordering, a silent wrong answer.
        if isinstance(other, Level):
            return _RANK[other]
        if isinstance(other, str):
            if other in _RANK_BY_NAME:
                return _RANK_BY_NAME[other]
            raise TypeError(f"cannot order a Level against {other!r}, which is not a level name")
        return None

    def __lt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        if rank is None:
            return NotImplemented
        return _RANK[self] < rank

    def __le__(self, other: object) -> bool:
        rank = self._other_rank(other)
        if rank is None:
            return NotImplemented
        return _RANK[self] <= rank

    def __gt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        if rank is None:
            return NotImplemented
        return _RANK[self] > rank

    def __ge__(self, other: object) -> bool:
        rank = self._other_rank(other)
        if rank is None:
            return NotImplemented
        return _RANK[self] >= rank

    # Equal to its wire name, so it must hash like it too.
    @classmethod
    def _missing_(cls, value: object) -> Level:
        # Not a wire name: the core's parser raises its error (a ValueError).
        from ._native import parse_level

        return parse_level(value)  # type: ignore[arg-type]

    __hash__ = str.__hash__


# The core's order of the levels (lowest first): a level's rank is its place.
_RANK_BY_NAME: dict[str, int] = {name: rank for rank, name in enumerate(LEVEL_ORDER)}
_RANK: dict[Level, int] = {Level(name): rank for name, rank in _RANK_BY_NAME.items()}


class Action(enum.StrEnum, metaclass=_Vocabulary):
    """Something a user does to content: `view` needs `read`; `create`, `edit` and `delete` need `edit`."""

    VIEW = "view"
    CREATE = "create"
    EDIT = "edit"
    DELETE = "delete"

    @classmethod
    def _missing_(cls, value: object) -> Action:
        # Not a wire name: the core's parser raises its error (a ValueError).
        from ._native import parse_action

        return parse_action(value)  # type: ignore[arg-type]

    __hash__ = str.__hash__


class Role(enum.StrEnum, metaclass=_Vocabulary):
    """A workspace role: `admin` has `edit` everywhere; a `member` has the levels it stores."""

    ADMIN = "admin"
    MEMBER = "member"

    @classmethod
    def _missing_(cls, value: object) -> Role:
        # Not a wire name: the core's parser raises its error (a ValueError).
        from ._native import parse_role

        return parse_role(value)  # type: ignore[arg-type]

    __hash__ = str.__hash__


class Cluster(enum.StrEnum, metaclass=_Vocabulary):
    """The cluster a workspace runs on; some capabilities need one."""

    STANDARD = "standard"
    ENTERPRISE = "enterprise"

    @classmethod
    def _missing_(cls, value: object) -> Cluster:
        # Not a wire name: the core's parser raises its error (a ValueError).
        from ._native import parse_cluster

        return parse_cluster(value)  # type: ignore[arg-type]

    __hash__ = str.__hash__


class Reason(enum.StrEnum):
    """Why a decision came out as it did, the first that applies."""

    ADMIN_ROLE = "admin_role"
    PARENT_NONE = "parent_none"
    EXPLICIT = "explicit"
    INHERITED = "inherited"
    NOT_GRANTED = "not_granted"

    __hash__ = str.__hash__


@dataclass(frozen=True, slots=True)
class Node:
    """One node of the catalog tree: an area or a sub-section."""

    id: str
    name: str
    description: str | None
    parent: str | None
    children: tuple[str, ...]
    depth: int


@dataclass(frozen=True, slots=True)
class Capability:
    """A workspace action that no area level grants, held by roles (on some clusters)."""

    name: str
    roles: tuple[Role, ...]
    clusters: tuple[Cluster, ...] | None


@dataclass(frozen=True, slots=True)
class DocumentWarning:
    """A problem that lenient parsing set aside."""

    code: str
    path: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One node on the path from the root to the node asked about."""

    id: str
    stored: Level | None
    level: Level


@dataclass(frozen=True, slots=True, repr=False)
class Explanation:
    """A decision with everything that led to it (`AccessSet.explain`).

    Read `allowed` for the answer: `bool(explanation)` raises `TypeError`,
    so `if access.explain(...):` cannot pass for a check.
    """

    id: str
    action: Action
    role: Role
    allowed: bool
    level: Level
    required: Level
    reason: Reason
    chain: tuple[ChainLink, ...]
    message: str

    def __str__(self) -> str:
        return self.message

    def __bool__(self) -> bool:
        raise TypeError("an Explanation has no truth value: read explanation.allowed")

    def __repr__(self) -> str:
        verdict = "allowed" if self.allowed else "denied"
        return (
            f"<Explanation {verdict}: {self.action.value} on {self.id} needs {self.required.value}, "
            f"level {self.level.value} ({self.reason.value})>"
        )

    def _repr_html_(self) -> str:
        from ._html import explanation_html

        return explanation_html(self)


@dataclass(frozen=True, slots=True)
class LevelChange:
    """A node whose effective level differs from `a` to `b`."""

    id: str
    before: Level
    after: Level
    direction: Literal["escalation", "reduction"]


@dataclass(frozen=True, slots=True)
class CapabilityChange:
    """A capability whose answer differs on the cluster compared."""

    name: str
    before: bool
    after: bool


@dataclass(frozen=True, slots=True, repr=False)
class Diff:
    """Everything that differs from `a` to `b` (`AccessSet.diff`)."""

    levels: tuple[LevelChange, ...]
    role: tuple[Role, Role] | None
    capabilities: tuple[CapabilityChange, ...]
    cluster: Cluster
    summary: str = ""
    """The change in one line (``member → admin: every area to edit; gains `users.manage`, …``)."""
    escalations: tuple[LevelChange, ...] = ()
    """The nodes whose level is higher in `b`, in catalog order."""
    reductions: tuple[LevelChange, ...] = ()
    """The nodes whose level is lower in `b`, in catalog order."""
    _html: str = field(default="", compare=False)

    def __bool__(self) -> bool:
        """True when anything differs."""
        return bool(self.levels or self.role or self.capabilities)

    def __repr__(self) -> str:
        parts = [f"{len(self.escalations)} escalations", f"{len(self.reductions)} reductions"]
        if self.role is not None:
            parts.append(f"role {self.role[0].value} -> {self.role[1].value}")
        if self.capabilities:
            parts.append("capabilities " + ", ".join(c.name for c in self.capabilities))
        return f"<Diff on {self.cluster.value}: {'; '.join(parts)}>"

    def _repr_html_(self) -> str:
        # The core's rendering, as for a workspace diff.
        return self._html or f"<pre>{escape(repr(self))}</pre>"


# ---- workspaces -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentProblem:
    """One problem of a document (``AccessSet.validate``): the error code a
    strict parse raises for it, the offending field or id, the message."""

    code: str
    path: str | None
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem with one record of a workspace export.

    `line` is the 1-based line where the record starts (for
    `Workspace.from_records`, the record's 1-based position in the list); `user` its id when
    readable; `code` the error code (or `duplicate_user`); `path` the
    offending field or id; `message` the core's; `fatal` is true when the
    record was skipped, false for a lenient warning (the record was loaded);
    `record` the record's 1-based position in the export (blank lines of
    JSON Lines are not records), which tells apart the records of a one-line
    export (Python's default `json.dump`), all on line 1.
    """

    line: int
    user: str | None
    code: str
    path: str | None
    message: str
    fatal: bool
    record: int


@dataclass(frozen=True, slots=True)
class User:
    """One user of a workspace: the export's fields, the access set rebuilt
    from what it stores, and its effective level on every node
    (`{id: Level}`, catalog order; derived from `access`, so it takes no
    part in equality or hashing)."""

    id: str
    name: str | None
    email: str | None
    role: Role
    access: AccessSet
    levels: dict[str, Level] = field(compare=False, hash=False, repr=False)

    def can(self, id: str, action: Action | ActionName) -> bool:
        """`self.access.can(id, action)`."""
        return self.access.can(id, action)


@dataclass(frozen=True, slots=True)
class PresetMatch:
    """How a member's access compares with the catalog's presets: the preset
    it equals (`exact`), or the nearest one and what differs from the preset
    to the member (`differences`, catalog order)."""

    user: str
    preset: str
    exact: bool
    differences: tuple[LevelChange, ...]


@dataclass(frozen=True, slots=True)
class ClusterCapabilityChange:
    """A capability whose answer changed on one cluster: gained is an
    escalation, lost a reduction."""

    name: str
    cluster: Cluster
    before: bool
    after: bool
    direction: Literal["escalation", "reduction"]


@dataclass(frozen=True, slots=True)
class UserChange:
    """A user whose role or levels changed between two snapshots.

    ``capabilities`` lists every capability whose answer changed, on every
    cluster (capabilities in catalog order, clusters ``standard`` then
    ``enterprise``); ``summary`` says the change in one line."""

    user: str
    role: tuple[Role, Role] | None
    escalations: tuple[LevelChange, ...]
    reductions: tuple[LevelChange, ...]
    capabilities: tuple[ClusterCapabilityChange, ...] = ()
    summary: str = ""
    escalates: bool = False
    """True when the user gained anything: a level or a capability."""
    capabilities_gained: tuple[str, ...] = ()
    """The capabilities gained on some cluster, each once, catalog order."""
    capabilities_lost: tuple[str, ...] = ()
    """The capabilities lost on some cluster, each once, catalog order."""


@dataclass(frozen=True, slots=True, repr=False)
class WorkspaceDiff:
    """What changed between two snapshots (`Workspace.diff`): users added
    (in the later snapshot's order), removed (the earlier's), and changed,
    those with any escalation first."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[UserChange, ...]
    _html: str = field(default="", compare=False)
    _markdown: str = field(default="", compare=False)

    @property
    def escalated(self) -> tuple[UserChange, ...]:
        """The changed users with at least one escalation (a level or a capability gained)."""
        return tuple(c for c in self.changed if c.escalates)

    def __bool__(self) -> bool:
        """True when anything differs."""
        return bool(self.added or self.removed or self.changed)

    def __repr__(self) -> str:
        return (
            f"<WorkspaceDiff added={len(self.added)} removed={len(self.removed)} "
            f"changed={len(self.changed)} escalated={len(self.escalated)}>"
        )

    def _repr_html_(self) -> str:
        # The core's rendering, the same fragment the command line's report
        # shows (review order, promotions folded, lists bounded, escaped).
        return self._html or f"<pre>{escape(repr(self))}</pre>"

    def to_markdown(self) -> str:
        """The core's review as Markdown, for a pull-request comment or a CI
        summary, the same bytes in every language and the command line's
        ``diff --format markdown``: the verdict, the counts, the escalations
        (capability gains first), the new users with access, then the
        reductions and the removed users folded. Each list stops after 200
        entries with "and K more"; every name is quoted and escaped, so no
        user id can format the comment. Only a diff made by
        `Workspace.diff` has it (`ValueError` otherwise)."""
        if not self._markdown:
            raise ValueError("to_markdown needs a WorkspaceDiff made by Workspace.diff")
        return self._markdown


@dataclass(frozen=True, slots=True, repr=False)
class Matrix:
    """Effective levels, users × nodes (`Workspace.matrix`): `levels[i][j]`
    is the level of `users[i]` on `nodes[j]`."""

    users: tuple[str, ...]
    nodes: tuple[str, ...]
    levels: tuple[tuple[Level, ...], ...]

    def __repr__(self) -> str:
        return f"<Matrix {len(self.users)} users x {len(self.nodes)} nodes>"
