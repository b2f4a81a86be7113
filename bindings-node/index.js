'use strict';
// studio-permissions for Node: a thin layer over the native addon.
//
// Every rule is computed by the Rust core. The package translates: it checks
// argument types (TypeError), passes strings through unchanged so that the
// core checks values left to right, turns the addon's errors into the
// package's error classes, and reads the per-set snapshot that the core
// computed so that `can` and `level` do not cross into native code on the hot
// path. One class per module under lib/; this file only re-exports them.

const { native } = require('./lib/native.js');
const { CODES, StudioPermissionsError, PermissionDeniedError, CapabilityDeniedError } = require('./lib/errors.js');
const {
  LEVELS,
  ACTIONS,
  ROLES,
  CLUSTERS,
  REASONS,
  isAction,
  isLevel,
  isRole,
  isCluster,
} = require('./lib/vocabulary.js');
const { Catalog } = require('./lib/catalog.js');
const { AccessSet } = require('./lib/access-set.js');
const { Workspace } = require('./lib/workspace.js');
const { Migration } = require('./lib/migration.js');

const version = native.nativeVersion();

/**
 * Runs the `studio-permissions` command line with `argv` (default: this
 * process's arguments) and returns its exit code: the Rust CLI itself.
 */
function main(argv = process.argv.slice(2)) {
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    throw new TypeError('main needs an array of strings');
  }
  return native.main(argv);
}

module.exports = {
  main,
  AccessSet,
  Catalog,
  Workspace,
  Migration,
  StudioPermissionsError,
  PermissionDeniedError,
  CapabilityDeniedError,
  ERROR_CODES: CODES,
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
};
