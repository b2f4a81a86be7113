'use strict';
// The core's closed vocabularies, read once from the addon, and the checks of
// a value against them. A snapshot stores level positions in `LEVELS`.

const { native } = require('./native.js');

const vocabulary = native.vocabulary();
/** Level names, lowest first; a snapshot stores positions in this list. */
const LEVELS = Object.freeze(vocabulary.levels.slice());
const ACTIONS = Object.freeze(vocabulary.actions.map((a) => a.name));
const ROLES = Object.freeze(vocabulary.roles.slice());
const CLUSTERS = Object.freeze(vocabulary.clusters.slice());
const REASONS = Object.freeze(vocabulary.reasons.slice());
const DIRECTIONS = Object.freeze(vocabulary.directions.slice());
/** action name → its bit in a mask of the core's allowed table (a Map: no key coercion). */
const ACTION_BITS = new Map(vocabulary.actions.map((a, k) => [a.name, 1 << k]));

/**
 * The bit of `action` in a mask of the core's allowed table; 0 for anything
 * that is not an action name (another string, a String object, a number).
 * What `ACTION_BITS.get(action) ?? 0` answers, as a switch: in a check it
 * costs a few pointer comparisons where the Map costs a hash lookup. The
 * names and bits are the core's; the lines below refuse to load if they
 * ever disagree with its vocabulary.
 */
function actionBit(action) {
  switch (action) {
    case 'view':
      return 1;
    case 'create':
      return 2;
    case 'edit':
      return 4;
    case 'delete':
      return 8;
    default:
      return 0;
  }
}
if (ACTIONS.length !== 4 || ACTIONS.some((a, k) => actionBit(a) !== 1 << k)) {
  throw new Error(`studio-permissions: the addon's actions (${ACTIONS.join(', ')}) are not the ones actionBit knows`);
}

/**
 * The position of `level` in `LEVELS` (the code the core reads), or -1 for
 * anything that is not a level name. A switch, checked against the core's
 * vocabulary below, as `actionBit` is.
 */
function levelCode(level) {
  switch (level) {
    case 'none':
      return 0;
    case 'read':
      return 1;
    case 'edit':
      return 2;
    default:
      return -1;
  }
}
if (LEVELS.length !== 3 || LEVELS.some((l, k) => levelCode(l) !== k)) {
  throw new Error(`studio-permissions: the addon's levels (${LEVELS.join(', ')}) are not the ones levelCode knows`);
}

/** Whether `value` is one of the action names the core knows. */
function isAction(value) {
  return typeof value === 'string' && ACTION_BITS.has(value);
}

/** Whether `value` is one of the level names the core knows. */
function isLevel(value) {
  return typeof value === 'string' && LEVELS.includes(value);
}

/** Whether `value` is one of the role names the core knows. */
function isRole(value) {
  return typeof value === 'string' && ROLES.includes(value);
}

/** Whether `value` is one of the cluster names the core knows. */
function isCluster(value) {
  return typeof value === 'string' && CLUSTERS.includes(value);
}

module.exports = {
  LEVELS,
  ACTIONS,
  ROLES,
  CLUSTERS,
  REASONS,
  DIRECTIONS,
  ACTION_BITS,
  actionBit,
  levelCode,
  isAction,
  isLevel,
  isRole,
  isCluster,
};
