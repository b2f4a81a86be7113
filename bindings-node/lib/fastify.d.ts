// Types of `studio-permissions/fastify`. They do not import Fastify's types:
// a guard is an async `preHandler`, and the error handler takes what
// `setErrorHandler` gives it.
import type { DefaultAreaId, DefaultCapability, DefaultPreset } from '../index.js';
import type { FrameworkGuard, GetAccess, GuardOptions } from './http.js';

export type { AccessResult, GetAccess, GuardOptions } from './http.js';
export { AccessUnavailableError, UnauthenticatedError } from './http.js';

/** A Fastify `preHandler`: resolves to go on, rejects with the package's error otherwise. */
export type GuardHook<Req> = (request: Req) => Promise<void>;

/** For `setErrorHandler`. */
export type ErrorHook = (error: unknown, request: unknown, reply: unknown) => void;

/** Guards whose `requires` and `requiresCapability` give Fastify `preHandler` hooks. */
export type AccessGuard<
  Req,
  Id extends string = DefaultAreaId,
  P extends string = DefaultPreset,
  C extends string = DefaultCapability,
> = FrameworkGuard<GuardHook<Req>, Req, Id, P, C>;

/** Guards built on the app's `getAccess(request)`. */
// `any` by default: an unannotated `(request) => ...` gets Fastify's request, whatever its type.
// biome-ignore lint/suspicious/noExplicitAny: the default must accept the framework's request as inferred
export declare function accessGuard<Req = any>(
  getAccess: GetAccess<Req>,
  options?: { catalog?: undefined },
): AccessGuard<Req>;
export declare function accessGuard<Req, Id extends string, P extends string, C extends string>(
  getAccess: GetAccess<Req, Id, P, C>,
  options: GuardOptions<Id, P, C>,
): AccessGuard<Req, Id, P, C>;

/**
 * For `app.setErrorHandler`: a refusal is 403
 * `{"code": "permission_denied", "message", "id", "action", "level", "required", "reason"}`
 * (a capability: `"capability", "cluster", "role"` instead of the last five),
 * any other error of the package 400 `{"code", "message", "path", ...}` with the fields its code has
 * (the core's answer table, the same bytes as the FastAPI handlers), no access set 401,
 * a `getAccess` that failed 500 `{"code": "access_unavailable", "message"}` (its cause
 * goes to `request.log`, never to the client); other errors are thrown on to Fastify's own handling.
 */
export declare function errorHandler(): ErrorHook;
