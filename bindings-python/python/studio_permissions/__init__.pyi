"""Type stubs of the package (the runtime is __init__.py)."""

from ._errors import (
    CapabilityDenied as CapabilityDenied,
)
from ._errors import (
    DuplicateKeyError as DuplicateKeyError,
)
from ._errors import (
    InvalidCatalogError as InvalidCatalogError,
)
from ._errors import (
    InvalidDocumentError as InvalidDocumentError,
)
from ._errors import (
    InvalidJsonError as InvalidJsonError,
)
from ._errors import (
    InvalidLevelError as InvalidLevelError,
)
from ._errors import (
    InvalidMigrationError as InvalidMigrationError,
)
from ._errors import (
    InvalidWorkspaceError as InvalidWorkspaceError,
)
from ._errors import (
    LimitExceededError as LimitExceededError,
)
from ._errors import (
    PermissionDenied as PermissionDenied,
)
from ._errors import (
    PermissionsError as PermissionsError,
)
from ._errors import (
    SubsectionExceedsParentError as SubsectionExceedsParentError,
)
from ._errors import (
    UnknownActionError as UnknownActionError,
)
from ._errors import (
    UnknownAreaError as UnknownAreaError,
)
from ._errors import (
    UnknownCapabilityError as UnknownCapabilityError,
)
from ._errors import (
    UnknownClusterError as UnknownClusterError,
)
from ._errors import (
    UnknownPresetError as UnknownPresetError,
)
from ._errors import (
    UnknownRoleError as UnknownRoleError,
)
from ._migration import (
    MigratedAccess as MigratedAccess,
)
from ._migration import (
    MigrationReport as MigrationReport,
)
from ._migration import (
    Reduction as Reduction,
)
from ._migration import (
    UserLoss as UserLoss,
)
from ._migration import (
    WorkspaceMigration as WorkspaceMigration,
)
from ._native import (
    ERROR_CODES as ERROR_CODES,
)
from ._native import (
    AccessSet as AccessSet,
)
from ._native import (
    Catalog as Catalog,
)
from ._native import (
    Migration as Migration,
)
from ._native import (
    Workspace as Workspace,
)
from ._native import (
    __version__ as __version__,
)
from ._types import (
    Action as Action,
)
from ._types import (
    ActionName as ActionName,
)
from ._types import (
    Capability as Capability,
)
from ._types import (
    CapabilityChange as CapabilityChange,
)
from ._types import (
    ChainLink as ChainLink,
)
from ._types import (
    Cluster as Cluster,
)
from ._types import (
    ClusterCapabilityChange as ClusterCapabilityChange,
)
from ._types import (
    ClusterName as ClusterName,
)
from ._types import (
    Diff as Diff,
)
from ._types import (
    DocumentProblem as DocumentProblem,
)
from ._types import (
    DocumentWarning as DocumentWarning,
)
from ._types import (
    Explanation as Explanation,
)
from ._types import (
    Level as Level,
)
from ._types import (
    LevelChange as LevelChange,
)
from ._types import (
    LevelName as LevelName,
)
from ._types import (
    Matrix as Matrix,
)
from ._types import (
    Node as Node,
)
from ._types import (
    PresetMatch as PresetMatch,
)
from ._types import (
    PresetName as PresetName,
)
from ._types import (
    Problem as Problem,
)
from ._types import (
    Reason as Reason,
)
from ._types import (
    Role as Role,
)
from ._types import (
    RoleName as RoleName,
)
from ._types import (
    User as User,
)
from ._types import (
    UserChange as UserChange,
)
from ._types import (
    WorkspaceDiff as WorkspaceDiff,
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

# The former name of `Explanation`, removed in the next minor version; reading
# it warns at run time (a `DeprecationWarning`). An alias, not a subclass, so
# code annotated with it keeps type-checking.
Decision = Explanation
