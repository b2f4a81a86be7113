"""Who may see and change what in an Agent Studio workspace.

Every rule lives in the Rust core (``studio_permissions._native``); this
package gives it Python names: enums, records, exceptions and Jupyter views.

>>> from studio_permissions import AccessSet
>>> user = AccessSet.preset("knowledge_editor")
>>> user.can("knowledge.faqs", "edit")
True
>>> user.level("deployments")
<Level.NONE: 'none'>
"""

from ._errors import (
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
    Capability,
    CapabilityChange,
    ChainLink,
    Cluster,
    ClusterCapabilityChange,
    Decision,
    Diff,
    DocumentProblem,
    DocumentWarning,
    Level,
    LevelChange,
    Matrix,
    Node,
    PresetMatch,
    Problem,
    Reason,
    Role,
    User,
    UserChange,
    WorkspaceDiff,
)

__all__ = [
    "AccessSet",
    "Action",
    "Capability",
    "CapabilityChange",
    "Catalog",
    "ChainLink",
    "Cluster",
    "ClusterCapabilityChange",
    "Decision",
    "Diff",
    "DocumentProblem",
    "DocumentWarning",
    "DuplicateKeyError",
    "InvalidCatalogError",
    "InvalidDocumentError",
    "InvalidJsonError",
    "InvalidLevelError",
    "InvalidWorkspaceError",
    "Level",
    "LevelChange",
    "LimitExceededError",
    "Matrix",
    "Node",
    "PermissionDenied",
    "PermissionsError",
    "PresetMatch",
    "Problem",
    "Reason",
    "Role",
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
