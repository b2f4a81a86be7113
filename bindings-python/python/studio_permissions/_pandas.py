"""`Workspace.to_pandas`: pandas is optional, imported only when called.

Presentation only: the levels are the core's (`Workspace.matrix`), the user
fields are the export's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._types import Cluster, Level, Role

if TYPE_CHECKING:
    import pandas as pd

    from ._native import Workspace

MISSING = (
    "Workspace.to_pandas() needs pandas, which is not installed: `pip install pandas` "
    "(or use Workspace.to_records() / Workspace.matrix(), which need nothing)"
)


def to_pandas(workspace: Workspace) -> pd.DataFrame:
    """One row per user (index `user`, export order): `name`, `email`,
    `role`, then one column per node (catalog order) holding its level as an
    ordered categorical, so `df["deployments"] >= "edit"` works, then one
    boolean column per capability and cluster (`users.manage@standard`,
    `users.manage@enterprise`, …: catalog order, then cluster order)."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(MISSING, name="pandas") from e
    matrix = workspace.matrix()
    levels = [level.value for level in Level]
    kind = pd.CategoricalDtype(levels, ordered=True)
    users = list(workspace)
    frame = pd.DataFrame(
        {
            "name": [u.name for u in users],
            "email": [u.email for u in users],
            "role": pd.Categorical([u.role.value for u in users], categories=[r.value for r in Role]),
        },
        index=pd.Index(matrix.users, name="user", dtype="object"),
    )
    columns = {
        node: pd.Categorical([row[j].value for row in matrix.levels], dtype=kind) for j, node in enumerate(matrix.nodes)
    }
    nodes = pd.DataFrame(columns, index=frame.index)
    held: dict[str, list[bool]] = {}
    for capability in workspace.catalog.capabilities:
        for cluster in Cluster:
            holders = set(workspace.who_has(capability.name, cluster.value))
            held[f"{capability.name}@{cluster.value}"] = [u in holders for u in matrix.users]
    capabilities = pd.DataFrame(held, index=frame.index, dtype=bool)
    return pd.concat([frame, nodes, capabilities], axis=1)
