'use strict';
// Error classes of the package. The native addon throws plain `Error`s
// carrying the core's message, `code` and `path`; `translate` turns them into
// these classes without changing a word of the message.

/** Every error code, as the core lists them. */
const CODES = Object.freeze(require('./native.js').native.vocabulary().errorCodes.slice());
const CODE_SET = new Set(CODES);

/**
 * The HTTP status that fits an error of the package: a refusal is 403, any
 * other fault is the caller's input (400). Generic HTTP error handling
 * (Express, Fastify, http-errors) reads `status` and, with `expose`, shows the
 * message: it is safe to log and to send.
 */
function statusOf(code) {
  return code === 'permission_denied' ? 403 : 400;
}

/** Every error the core reports: `code` is the stable string, `path` the offending id or field (or null). */
class StudioPermissionsError extends Error {
  constructor(message, code, path = null, details = undefined) {
    super(message);
    this.name = 'StudioPermissionsError';
    this.code = code;
    this.path = path;
    this.status = statusOf(code);
    this.expose = true;
    if (details !== undefined) {
      for (const key of ['suggestion', 'line', 'column', 'problems', 'size', 'limit']) {
        if (details[key] !== undefined) this[key] = details[key];
      }
    }
  }
}

/** Thrown by `require` on a refusal; `explanation` says why. */
class PermissionDeniedError extends StudioPermissionsError {
  constructor(message, path, explanation) {
    super(message, 'permission_denied', path);
    this.name = 'PermissionDeniedError';
    this.explanation = explanation;
  }

  // A refusal made by `deniedLazily` has neither field of its own until one
  // is read: then the core words both, and they become plain fields, as on
  // any other instance. Assigning either makes it a plain field too.
  get message() {
    word(this);
    return Object.hasOwn(this, 'message') ? this.message : '';
  }

  set message(value) {
    ownField(this, 'message', value, false);
  }

  get explanation() {
    word(this);
    return Object.hasOwn(this, 'explanation') ? this.explanation : undefined;
  }

  set explanation(value) {
    ownField(this, 'explanation', value, true);
  }
}

/** Refusals not worded yet: the error → a function returning the addon's error for it. */
const PENDING = new WeakMap();

/**
 * A refusal whose message and explanation the core words only when one of
 * them is first read (a service that refuses often and reads neither pays
 * for neither): `refusal()` returns the addon's error for it. The error is
 * made without running the constructor chain, which costs as much as the
 * throw itself, and gets the fields the constructors set, in their order.
 */
function deniedLazily(path, refusal) {
  const err = Reflect.construct(Error, [], PermissionDeniedError);
  err.name = 'PermissionDeniedError';
  err.code = 'permission_denied';
  err.path = path;
  err.status = statusOf('permission_denied');
  err.expose = true;
  PENDING.set(err, refusal);
  return err;
}

/** Words a lazy refusal once; a field assigned before keeps its assigned value. */
function word(err) {
  const refusal = PENDING.get(err);
  if (refusal === undefined) return;
  PENDING.delete(err);
  const worded = translate(refusal());
  if (!Object.hasOwn(err, 'message')) ownField(err, 'message', worded.message, false);
  if (!Object.hasOwn(err, 'explanation')) ownField(err, 'explanation', worded.explanation, true);
}

function ownField(target, key, value, enumerable) {
  Object.defineProperty(target, key, { value, writable: true, enumerable, configurable: true });
}

/**
 * A refused capability: the role does not hold it on that cluster (the
 * core's answer). `path` is the capability. `translate` maps an addon error
 * that carries `capability`, `cluster` and `role` to this class; the web
 * guards' capability checks throw it with the same wording.
 */
class CapabilityDeniedError extends StudioPermissionsError {
  constructor(capability, cluster, role, message = undefined) {
    super(
      message ??
        `permission denied: the capability \`${capability}\` is not held by the role \`${role}\` on the cluster \`${cluster}\``,
      'permission_denied',
      capability,
    );
    this.name = 'CapabilityDeniedError';
    this.capability = capability;
    this.cluster = cluster;
    this.role = role;
  }
}

function freezeExplanation(e) {
  return {
    allowed: e.allowed,
    level: e.level,
    required: e.required,
    reason: e.reason,
    chain: e.chain.map((link) => ({ id: link.id, stored: link.stored ?? null, level: link.level })),
    id: e.id,
    action: e.action,
    role: e.role,
  };
}

/** A workspace problem as a frozen plain object (absent fields are null). */
function freezeProblem(p) {
  return Object.freeze({
    line: p.line,
    record: p.record,
    user: p.user ?? null,
    code: p.code,
    path: p.path ?? null,
    message: p.message,
    fatal: p.fatal,
  });
}

/** The package's error for an error thrown by the addon; anything else unchanged. */
function translate(err) {
  if (err === null || typeof err !== 'object' || !CODE_SET.has(err.code) || err instanceof StudioPermissionsError) {
    return err;
  }
  const path = typeof err.path === 'string' ? err.path : null;
  if (err.code === 'permission_denied' && err.explanation) {
    return new PermissionDeniedError(err.message, path, freezeExplanation(err.explanation));
  }
  if (err.code === 'permission_denied' && typeof err.capability === 'string') {
    return new CapabilityDeniedError(err.capability, err.cluster, err.role, err.message);
  }
  return new StudioPermissionsError(err.message, err.code, path, {
    suggestion: err.suggestion === undefined ? undefined : (err.suggestion ?? null),
    line: err.line,
    column: err.column,
    problems: Array.isArray(err.problems) ? Object.freeze(err.problems.map(freezeProblem)) : undefined,
    size: err.size,
    limit: err.limit,
  });
}

module.exports = {
  CODES,
  StudioPermissionsError,
  PermissionDeniedError,
  CapabilityDeniedError,
  translate,
  deniedLazily,
  freezeExplanation,
  freezeProblem,
};
