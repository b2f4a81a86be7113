// What a browser build gets for `studio-permissions`: the package runs the
// core as native code, which no browser loads. The browser's half of the
// package is `studio-permissions/client`, which reads the view that the
// server's core made (`access.view()`), so the browser evaluates no rule.
//
// The Node entry's names are declared so that a bundler resolves every
// import from the root and the page meets the error below, not a missing name.
export const AccessSet = undefined;
export const Catalog = undefined;
export const Workspace = undefined;
export const Migration = undefined;
export const StudioPermissionsError = undefined;
export const PermissionDeniedError = undefined;
export const CapabilityDeniedError = undefined;
export const ERROR_CODES = undefined;
export const LEVELS = undefined;
export const ACTIONS = undefined;
export const ROLES = undefined;
export const CLUSTERS = undefined;
export const REASONS = undefined;
export const isAction = undefined;
export const isLevel = undefined;
export const isRole = undefined;
export const isCluster = undefined;
export const main = undefined;
export const version = undefined;
export default undefined;

throw new Error(
  'studio-permissions runs the core as native code and cannot load in a browser: ' +
    'import `studio-permissions/client` there, and give `AccessView.from` the view from `access.view()` on the server',
);
