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
  isAction,
  isLevel,
  isRole,
  isCluster,
};
