// ESM entry: the same module instance as `require('studio-permissions')`, so
// classes and `instanceof` agree whichever way the package is loaded. A static
// import (not `createRequire`) lets bundlers follow it into index.js.
import pkg from './index.js';

export const {
  main,
  AccessSet,
  Catalog,
  Workspace,
  Migration,
  StudioPermissionsError,
  PermissionDeniedError,
  CapabilityDeniedError,
  ERROR_CODES,
  isAction,
  isLevel,
  isRole,
  isCluster,
  LEVELS,
  ACTIONS,
  ROLES,
  CLUSTERS,
  REASONS,
  version,
} = pkg;
export default pkg;
