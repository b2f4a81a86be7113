'use strict';
// What an AccessSet asks its native set, the core's: each argument checked
// (TypeError), each of the core's errors re-thrown as the package's, each
// answer shaped for JavaScript. lib/access-set.js holds the set's state and
// the checks that read the core's tables without crossing into native code;
// everything else it asks through these functions.

const { freezeExplanation } = require('./errors.js');
const { expectString, rethrow, readOptions, optionalString } = require('./arguments.js');

/**
 * The cluster of a capability check: the cluster itself (`'enterprise'`, the
 * browser client's form) or `{ cluster }`; undefined for the default. The
 * options object is read once.
 */
function clusterArgument(options, where) {
  if (typeof options === 'string') return options;
  const opts = readOptions(options, ['cluster'], where);
  return optionalString(opts.cluster, 'the `cluster` option');
}

/** `can` for what the allowed table does not answer: the core's error or a TypeError. */
function allowed(set, id, action) {
  expectString(id, 'the id');
  expectString(action, 'the action');
  try {
    return set.allowed(id, action);
  } catch (err) {
    rethrow(err);
  }
}

/** `level` for an id the catalog's index does not hold: the core's error or a TypeError. */
function level(set, id) {
  expectString(id, 'the id');
  try {
    return set.level(id);
  } catch (err) {
    rethrow(err);
  }
}

/** The addon's error for a refused check (the core's wording and explanation). */
function refusal(set, id, action) {
  try {
    set.require(id, action);
  } catch (err) {
    return err;
  }
  throw new Error(`unreachable: the core allowed \`${action}\` on \`${id}\` after refusing it`);
}

function capability(set, name, options) {
  expectString(name, 'the capability name');
  const cluster = clusterArgument(options, 'capability');
  try {
    return set.capability(name, cluster);
  } catch (err) {
    rethrow(err);
  }
}

function requireCapability(set, name, options) {
  expectString(name, 'the capability name');
  const cluster = clusterArgument(options, 'requireCapability');
  try {
    set.requireCapability(name, cluster);
  } catch (err) {
    rethrow(err);
  }
}

function explain(set, id, action) {
  expectString(id, 'the id');
  expectString(action, 'the action');
  let e;
  try {
    e = set.explain(id, action);
  } catch (err) {
    rethrow(err);
  }
  return freezeExplanation(e);
}

function stored(set, id) {
  expectString(id, 'the id');
  try {
    return set.stored(id) ?? null;
  } catch (err) {
    rethrow(err);
  }
}

/** What changes from `set` to `other` on a cluster, as plain data. */
function diff(set, other, options) {
  const opts = readOptions(options, ['cluster'], 'diff');
  const cluster = optionalString(opts.cluster, 'the `cluster` option');
  let d;
  try {
    d = set.diff(other, cluster);
  } catch (err) {
    rethrow(err);
  }
  const change = (c) => ({ id: c.id, before: c.before, after: c.after, direction: c.direction });
  return {
    levels: d.levels.map(change),
    escalations: d.escalations.map(change),
    reductions: d.reductions.map(change),
    role: d.role ? { before: d.role.before, after: d.role.after } : null,
    capabilities: d.capabilities.map((c) => ({ name: c.name, before: c.before, after: c.after })),
    empty: d.empty,
    summary: d.summary,
  };
}

/** `set.within(other)` or `set.sameAccess(other)`, the core's errors translated. */
function compare(set, method, other) {
  try {
    return set[method](other);
  } catch (err) {
    rethrow(err);
  }
}

/** The native set of a change (`set`, `clear`, `withRole`), its string arguments checked first. */
function change(set, method, args, names) {
  for (let i = 0; i < args.length; i++) expectString(args[i], names[i]);
  try {
    return set[method](...args);
  } catch (err) {
    rethrow(err);
  }
}

module.exports = {
  allowed,
  level,
  refusal,
  capability,
  requireCapability,
  explain,
  stored,
  diff,
  compare,
  change,
};
