'use strict';
// studio-permissions for Fastify: `preHandler` guards and the error handler.
//
//   const guard = accessGuard((request) => loadAccess(request));
//   app.delete('/knowledge/sources/:name', { preHandler: guard.requires('knowledge.sources', 'delete') }, handler);
//   app.setErrorHandler(errorHandler());
//
// The guard does not import Fastify: a `preHandler` is an async function.

const { AccessUnavailableError, UnauthenticatedError, createGuard, errorResponse } = require('./http.js');

/**
 * Guards built on `getAccess(request)`, which returns the request's AccessSet
 * (or a promise of one); null or undefined means the request is not
 * authenticated (401). An unknown id, action, capability or cluster throws
 * when the route is declared.
 */
function accessGuard(getAccess, options) {
  const guard = createGuard(getAccess, options);
  const preHandler = (check) => async (request) => {
    await check(request);
  };
  return Object.freeze({
    catalog: guard.catalog,
    /** The request's AccessSet (`getAccess` runs once per request). */
    access: guard.access,
    /** A `preHandler` that lets the request through when `action` on `id` is allowed. */
    requires: (id, action) => preHandler(guard.requires(id, action)),
    /** A `preHandler` that lets the request through when the role holds the capability on `cluster`. */
    requiresCapability: (name, cluster) => preHandler(guard.requiresCapability(name, cluster)),
  });
}

/**
 * For `app.setErrorHandler`: a refusal is a 403 with the explanation, any
 * other error of the package a 400 with its code and path, a request without
 * an access set a 401, a `getAccess` that failed a 500 `access_unavailable`
 * (its cause goes to `request.log`, never to the client); every other error
 * is thrown on to Fastify's own handling.
 */
function errorHandler() {
  return (error, request, reply) => {
    const answer = errorResponse(error);
    if (answer === null) throw error;
    if (error instanceof AccessUnavailableError) request.log.error({ err: error.cause }, error.message);
    reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
  };
}

module.exports = { accessGuard, errorHandler, UnauthenticatedError, AccessUnavailableError };
