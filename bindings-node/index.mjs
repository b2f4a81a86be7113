// ESM entry: the same module instance as `require('studio-permissions')`, so
// classes and `instanceof` agree whichever way the package is loaded.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = require('./index.js');

export const {
  main,
  AccessSet,
  Catalog,
  Workspace,
  StudioPermissionsError,
  PermissionDeniedError,
  ERROR_CODES,
  LEVELS,
  ACTIONS,
  ROLES,
  CLUSTERS,
  REASONS,
  version,
} = pkg;
export default pkg;
