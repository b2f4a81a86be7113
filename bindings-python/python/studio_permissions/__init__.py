"""Who may see and change what in an Agent Studio workspace.

Every rule lives in the Rust core (`studio_permissions._native`); this
package gives it Python names: enums, records, exceptions and Jupyter views.

>>> from studio_permissions import AccessSet
>>> user = AccessSet.preset("knowledge_editor")
>>> user.can("knowledge.faqs", "edit")
True
>>> user.level("deployments")
<Level.NONE: 'none'>
"""

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
from ._native import AccessSet, Catalog, Workspace, __version__
from ._types import (
    Action,
    ActionName,
    Capability,
    CapabilityChange,
    ChainLink,
    Cluster,
    ClusterName,
    Decision,
    Diff,
    DocumentWarning,
    Level,
    LevelName,
    LevelChange,
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
    "ClusterName",
    "Decision",
    "Diff",
    "DocumentWarning",
    "DuplicateKeyError",
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
