"""The records of a catalog migration: what `Migration.apply` and
`Workspace.migrate` return. Every answer and every rendering is the core's;
these classes only hold them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from ._native import DROPPED_REASON
from ._types import Level

if TYPE_CHECKING:
    import pandas as pd

    from ._native import AccessSet, Workspace

Cause: TypeAlias = Literal["merged", "clamped"]


@dataclass(frozen=True, slots=True)
class Reduction:
    """One source id whose content has a lower level after the migration.

    `cause` is `"merged"` (merged with content that had a lower level:
    `by` is that source, `by_level` its level before) or `"clamped"` (its
    new parent is lower: `by` is the parent, `by_level` its level after).
    `reason` says it in words."""

    id: str
    cause: Cause
    before: Level
    after: Level
    target: str
    by: str
    by_level: Level
    reason: str


@dataclass(frozen=True, slots=True)
class MigratedAccess:
    """One access set moved to the target catalog, and what it lost.

    `reductions` lists `(source id, cause)` pairs in source order;
    `dropped` the source ids mapped to nothing that the user could see;
    `opened` the target ids with no source that now open (a new container
    letting migrated sub-sections through); `details` each reduction in full."""

    access: AccessSet
    reductions: list[tuple[str, Cause]]
    dropped: list[str]
    opened: list[str]
    details: tuple[Reduction, ...] = ()

    @property
    def keeps_everything(self) -> bool:
        """True when nothing was reduced or dropped."""
        return not self.reductions and not self.dropped


@dataclass(frozen=True, slots=True)
class UserLoss:
    """One user who loses something: the reductions (with their causes) and
    the dropped source ids."""

    user: str
    reductions: tuple[Reduction, ...]
    dropped: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MigrationReport:
    """What a workspace migration did: totals, the users who lose access
    (export order), and per node how many users had dropped content or a
    container opened for them. In Jupyter it renders the core's review."""

    source_version: str | None
    target_version: str | None
    users: int
    unchanged: int
    losses: tuple[UserLoss, ...]
    dropped: tuple[tuple[str, int], ...]
    opened: tuple[tuple[str, int], ...]
    _html: str = field(default="", repr=False, compare=False)
    _dict: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The report as the core writes it in every language (JSON-ready)."""
        return json.loads(json.dumps(self._dict))

    def _repr_html_(self) -> str:
        return self._html

    def to_pandas(self) -> pd.DataFrame:
        """One row per lost item (users in export order, then source order):
        `user`, `id`, `cause` (`merged`, `clamped` or `dropped`), `before`,
        `after`, `target`, `reason`. Needs pandas."""
        try:
            import pandas as pd
        except ImportError as e:
            raise ImportError(
                "MigrationReport.to_pandas() needs pandas, which is not installed: `pip install pandas` "
                "(or use MigrationReport.losses / to_dict(), which need nothing)",
                name="pandas",
            ) from e
        rows: list[dict[str, Any]] = []
        for loss in self.losses:
            for r in loss.reductions:
                rows.append(
                    {
                        "user": loss.user,
                        "id": r.id,
                        "cause": r.cause,
                        "before": r.before.value,
                        "after": r.after.value,
                        "target": r.target,
                        "reason": r.reason,
                    }
                )
            for d in loss.dropped:
                rows.append(
                    {
                        "user": loss.user,
                        "id": d,
                        "cause": "dropped",
                        "before": None,
                        "after": None,
                        "target": None,
                        "reason": DROPPED_REASON,  # the core's words
                    }
                )
        columns = ["user", "id", "cause", "before", "after", "target", "reason"]
        return pd.DataFrame(rows, columns=columns)


def _reduction(d: dict[str, Any]) -> Reduction:
    return Reduction(
        d["id"],
        d["cause"],
        Level(d["before"]),
        Level(d["after"]),
        d["target"],
        d["by"],
        Level(d["by_level"]),
        d["reason"],
    )


@dataclass(frozen=True, slots=True)
class WorkspaceMigration:
    """`Workspace.migrate`'s answer: the users on the target catalog, and the report."""

    workspace: Workspace
    report: MigrationReport

    @classmethod
    def _from_core(cls, workspace: Workspace, report_json: str, html: str) -> WorkspaceMigration:
        d = json.loads(report_json)
        report = MigrationReport(
            d["from"],
            d["to"],
            d["users"],
            d["unchanged"],
            tuple(
                UserLoss(u["user"], tuple(_reduction(r) for r in u["reductions"]), tuple(u["dropped"]))
                for u in d["losses"]
            ),
            tuple((c["id"], c["users"]) for c in d["dropped"]),
            tuple((c["id"], c["users"]) for c in d["opened"]),
            html,
            d,
        )
        return cls(workspace, report)

    def _repr_html_(self) -> str:
        return self.report._repr_html_()
