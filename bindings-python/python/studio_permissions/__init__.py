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
from ._native import ERROR_CODES, AccessSet, Catalog, Workspace, __version__
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
    "InvalidWorkspaceError",
    "Level",
    "LevelName",
    "LevelChange",
    "LimitExceededError",
    "Matrix",
    "Node",
    "PermissionDenied",
    "PermissionsError",
    "PresetMatch",
    "PresetName",
    "Problem",
    "Reason",
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
    "Workspace",
    "WorkspaceDiff",
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
