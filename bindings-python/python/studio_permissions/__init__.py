"""Who may see and change what in an Agent Studio workspace.

Every rule lives in the Rust core (`studio_permissions._native`); this
package gives it Python names: enums, records, exceptions and Jupyter views.

>>> from studio_permissions import AccessSet
>>> user = AccessSet.preset("knowledge_editor")
>>> user.can("knowledge.faqs", "edit")
True
>>> user.level("deployments")
<Level.NONE: 'none'>

`Decision`, the former name of `Explanation`, is still importable and warns
(`DeprecationWarning`); it is removed in the next minor version.
"""

import warnings
from typing import Any

from ._errors import (
    CapabilityDenied,
    DuplicateKeyError,
    InvalidCatalogError,
    InvalidDocumentError,
    InvalidJsonError,
    InvalidLevelError,
    InvalidMigrationError,
    InvalidWorkspaceError,
    LimitExceededError,
    PermissionDenied,
    PermissionsError,
    SubsectionExceedsParentError,
    UnknownActionError,
    UnknownAreaError,
    UnknownCapabilityError,
    UnknownClusterError,
    UnknownPresetError,
    UnknownRoleError,
)
from ._migration import MigratedAccess, MigrationReport, Reduction, UserLoss, WorkspaceMigration
from ._native import ERROR_CODES, AccessSet, Catalog, Migration, Workspace, __version__
from ._types import (
    Action,
    ActionName,
    Capability,
    CapabilityChange,
    ChainLink,
    Cluster,
    ClusterCapabilityChange,
    ClusterName,
    Diff,
    DocumentProblem,
    DocumentWarning,
    Explanation,
    Level,
    LevelChange,
    LevelName,
    Matrix,
    Node,
    PresetMatch,
    PresetName,
    Problem,
    Reason,
    Role,
    RoleName,
    User,
    UserChange,
    WorkspaceDiff,
)

__all__ = [
    "AccessSet",
    "Action",
    "ActionName",
    "Capability",
    "CapabilityDenied",
    "CapabilityChange",
    "Catalog",
    "ChainLink",
    "Cluster",
    "ClusterCapabilityChange",
    "ClusterName",
    "Diff",
    "DocumentProblem",
    "DocumentWarning",
    "DuplicateKeyError",
    "ERROR_CODES",
    "Explanation",
    "InvalidCatalogError",
    "InvalidDocumentError",
    "InvalidJsonError",
    "InvalidLevelError",
    "InvalidMigrationError",
    "InvalidWorkspaceError",
    "Level",
    "LevelName",
    "LevelChange",
    "LimitExceededError",
    "Matrix",
    "MigratedAccess",
    "Migration",
    "MigrationReport",
    "Node",
    "PermissionDenied",
    "PermissionsError",
    "PresetMatch",
    "PresetName",
    "Problem",
    "Reason",
    "Reduction",
    "Role",
    "RoleName",
    "SubsectionExceedsParentError",
    "UnknownActionError",
    "UnknownAreaError",
    "UnknownCapabilityError",
    "UnknownClusterError",
    "UnknownPresetError",
    "UnknownRoleError",
    "User",
    "UserChange",
    "UserLoss",
    "Workspace",
    "WorkspaceDiff",
    "WorkspaceMigration",
    "__version__",
]


def __getattr__(name: str) -> Any:
    # `Decision` is the former name of `Explanation`, kept one minor version
    # (not in `__all__`, so `import *` does not warn).
    if name == "Decision":
        warnings.warn(
            "Decision is renamed Explanation; import Explanation, the same class "
            "(Decision is removed in the next minor version)",
            DeprecationWarning,
            stacklevel=2,
        )
        return Explanation
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
