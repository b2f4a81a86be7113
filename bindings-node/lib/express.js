'use strict';
// studio-permissions for Express: route guards and the error handler.
//
//   const guard = accessGuard((req) => loadAccess(req));
//   app.delete('/knowledge/sources/:name', guard.requires('knowledge.sources', 'delete'), handler);
//   app.use(errorHandler());
//
// The guard does not import Express: it is plain `(req, res, next)` middleware.

const { AccessUnavailableError, UnauthenticatedError, createGuard, errorResponse } = require('./http.js');

/**
 * What `next` gets when a check fails: always an Error. Express reads a
 * falsy argument as "go on" and `'route'`/`'router'` as "skip to another
 * route", so a bare value handed on would let the request through.
 */
function failure(err) {
  return err instanceof Error ? err : new AccessUnavailableError(err);
}

/**
 * Guards built on `getAccess(req)`, which returns the request's AccessSet (or
 * a promise of one); null or undefined means the request is not
 * authenticated (401). An unknown id, action, capability or cluster throws
 * when the route is declared.
 */
function accessGuard(getAccess, options) {
  const guard = createGuard(getAccess, options);
  const middleware = (check) => (req, res, next) => {
    let pending;
    try {
      pending = check(req);
    } catch (err) {
      next(failure(err));
      return;
    }
    // `next()` without an argument only from the check's own fulfilment.
    pending.then(
      () => next(),
      (err) => next(failure(err)),
    );
  };
  return Object.freeze({
    catalog: guard.catalog,
    /** The request's AccessSet (`getAccess` runs once per request). */
    access: guard.access,
    /** Middleware that lets the request through when `action` on `id` is allowed. */
    requires: (id, action) => middleware(guard.requires(id, action)),
    /** Middleware that lets the request through when the role holds the capability on `cluster`. */
    requiresCapability: (name, cluster) => middleware(guard.requiresCapability(name, cluster)),
  });
}

/**
 * Error middleware: a refusal is a 403 with the explanation, any other error
 * of the package a 400 with its code and path, a request without an access
 * set a 401, a `getAccess` that failed a 500 `access_unavailable` (its cause
 * is logged with `console.error`, never sent); every other error goes on to
 * the next error handler.
 */
function errorHandler() {
  return (err, req, res, next) => {
    const answer = errorResponse(err);
    if (answer !== null && err instanceof AccessUnavailableError) console.error(err);
    if (answer === null || res.headersSent) {
      next(err);
      return;
    }
    res.status(answer.status).type('application/json').send(answer.body);
  };
}

module.exports = { accessGuard, errorHandler, UnauthenticatedError, AccessUnavailableError };
