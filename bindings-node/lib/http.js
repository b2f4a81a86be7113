'use strict';
// What the Express and Fastify drop-ins share: the guard's checks and the
// HTTP answer for each error of the package. The frameworks' own modules only
// adapt these to their middleware and error-handler shapes; every decision is
// the core's (`require`, `capability`), and so is every declaration check.

const {
  AccessSet,
  Catalog,
  StudioPermissionsError,
  PermissionDeniedError,
  CapabilityDeniedError,
} = require('../index.js');
const { isAccessSet } = require('./access-set.js');
const { native } = require('./native.js');

/** The fixed message the core's answer table gives one of the guards' codes. */
function fixedMessage(code) {
  return JSON.parse(native.httpAnswer(code, '', {}).body).message;
}

/** `getAccess` gave no set: the request is not authenticated (401). */
class UnauthenticatedError extends Error {
  constructor(message = fixedMessage('unauthenticated')) {
    super(message);
    this.name = 'UnauthenticatedError';
    this.code = 'unauthenticated';
    this.status = 401;
    this.expose = true;
  }
}

/**
 * `getAccess` failed: it threw or rejected (with any value, falsy ones
 * included), or gave something other than an AccessSet of the guard's catalog
 * (or null/undefined). That is a fault of the server, never of the request:
 * the answer is 500 with a fixed message, and the real error is `cause`, for
 * the framework's log only.
 */
class AccessUnavailableError extends Error {
  constructor(cause) {
    super(fixedMessage('access_unavailable'), { cause });
    this.name = 'AccessUnavailableError';
    this.code = 'access_unavailable';
    this.status = 500;
    this.expose = false;
  }
}

function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function guardOptions(options) {
  if (options === undefined || options === null) return Catalog.default();
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`the options of accessGuard must be an object, got ${typeName(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'catalog') throw new TypeError(`unknown option \`${key}\` of accessGuard: expected \`catalog\``);
  }
  if (options.catalog === undefined) return Catalog.default();
  if (!(options.catalog instanceof Catalog)) {
    throw new TypeError(`the \`catalog\` option of accessGuard must be a Catalog, got ${typeName(options.catalog)}`);
  }
  return options.catalog;
}

/**
 * The framework-neutral guard: `requires` and `requiresCapability` check
 * their arguments now (the core's errors, with its suggestion) and return
 * `check(req)`, a function that resolves when the request may go on and
 * rejects with the package's error otherwise.
 */
function createGuard(getAccess, options) {
  if (typeof getAccess !== 'function') {
    throw new TypeError(`accessGuard needs a function (req) => AccessSet, got ${typeName(getAccess)}`);
  }
  const catalog = guardOptions(options);
  // The core judges every declaration, left to right, as it judges a query:
  // asking an admin of the guard's catalog raises exactly the errors a
  // request would, before any request arrives.
  const probe = AccessSet.admin({ catalog });
  // One `getAccess` per request, however many guards a route stacks.
  const resolved = new WeakMap();

  async function load(req) {
    let access;
    try {
      // A thenable is awaited like a promise; a throw, a rejection, or a
      // `then` that throws, whatever the value, lands in the catch.
      access = await getAccess(req);
    } catch (err) {
      throw new AccessUnavailableError(err);
    }
    if (access === undefined || access === null) throw new UnauthenticatedError();
    // The brand check, not `instanceof`: an object made from the prototype
    // (with a `require` of its own) is not a set the core judged.
    if (!isAccessSet(access)) {
      throw new AccessUnavailableError(
        new TypeError(
          `getAccess must return an AccessSet, null or undefined (or a promise of one), got ${typeName(access)}`,
        ),
      );
    }
    if (access.catalog !== catalog && !access.catalog.equals(catalog)) {
      throw new AccessUnavailableError(
        new TypeError('getAccess returned an AccessSet of another catalog than the guard was declared with'),
      );
    }
    return access;
  }

  async function accessOf(req) {
    const cacheable = req !== null && typeof req === 'object';
    if (cacheable && resolved.has(req)) return resolved.get(req);
    const access = await load(req);
    if (cacheable) resolved.set(req, access);
    return access;
  }

  return {
    catalog,
    access: accessOf,
    requires(id, action) {
      if (typeof id !== 'string') throw new TypeError(`the id must be a string, got ${typeName(id)}`);
      if (typeof action !== 'string') throw new TypeError(`the action must be a string, got ${typeName(action)}`);
      probe.explain(id, action);
      return async (req) => {
        (await accessOf(req)).require(id, action);
      };
    },
    requiresCapability(name, cluster = 'standard') {
      if (typeof name !== 'string') throw new TypeError(`the capability name must be a string, got ${typeName(name)}`);
      if (typeof cluster !== 'string') throw new TypeError(`the cluster must be a string, got ${typeName(cluster)}`);
      probe.capability(name, { cluster });
      return async (req) => {
        (await accessOf(req)).requireCapability(name, { cluster });
      };
    },
  };
}

/** The body fields an error of the package carries: strings and numbers only. */
function fieldsOf(err) {
  const fields = {};
  const put = (name, value) => {
    if (typeof value === 'string' || typeof value === 'number') fields[name] = value;
  };
  for (const name of ['path', 'suggestion', 'line', 'column', 'size', 'limit']) put(name, err[name]);
  if (err instanceof PermissionDeniedError) {
    const e = err.explanation;
    if (e !== null && typeof e === 'object') {
      for (const name of ['id', 'action', 'level', 'required', 'reason']) put(name, e[name]);
    }
  }
  if (err instanceof CapabilityDeniedError) {
    for (const name of ['capability', 'cluster', 'role']) put(name, err[name]);
  }
  return fields;
}

/**
 * The HTTP answer for an error of the package, `{status, body}` with the
 * body as JSON text, or null for any other error (left to the framework).
 * The core's answer table gives both, so every language's web drop-in
 * answers the same bytes.
 */
function errorResponse(err) {
  let answer = null;
  if (err instanceof AccessUnavailableError) answer = native.httpAnswer('access_unavailable', '', {});
  else if (err instanceof UnauthenticatedError) answer = native.httpAnswer('unauthenticated', '', {});
  else if (err instanceof StudioPermissionsError) answer = native.httpAnswer(err.code, err.message, fieldsOf(err));
  return answer === null || answer === undefined ? null : { status: answer.status, body: answer.body };
}

module.exports = { AccessUnavailableError, UnauthenticatedError, createGuard, errorResponse };
