// Types of `studio-permissions/express`. They do not import Express's types:
// the middleware are plain functions that Express's `RequestHandler` and
// `ErrorRequestHandler` accept.
import type { DefaultAreaId, DefaultCapability, DefaultPreset } from '../index.js';
import type { FrameworkGuard, GetAccess, GuardOptions } from './http.js';

export type { AccessResult, GetAccess, GuardOptions } from './http.js';
export { AccessUnavailableError, UnauthenticatedError } from './http.js';

/** Express middleware: calls `next()` to go on, `next(err)` with the package's error otherwise. */
export type GuardMiddleware<Req> = (req: Req, res: unknown, next: (err?: unknown) => void) => void;

/** Express error middleware. */
export type ErrorMiddleware = (err: unknown, req: unknown, res: unknown, next: (err?: unknown) => void) => void;

/** Guards whose `requires` and `requiresCapability` give Express middleware. */
export type AccessGuard<
  Req,
  Id extends string = DefaultAreaId,
  P extends string = DefaultPreset,
  C extends string = DefaultCapability,
> = FrameworkGuard<GuardMiddleware<Req>, Req, Id, P, C>;

/** Guards built on the app's `getAccess(req)`. */
// `any` by default: an unannotated `(req) => ...` gets Express's request, whatever its type.
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
 * Error middleware, after the routes: a refusal is 403
 * `{"code": "permission_denied", "message", "id", "action", "level", "required", "reason"}`
 * (a capability: `"capability", "cluster", "role"` instead of the last five),
 * any other error of the package 400 `{"code", "message", "path", ...}` with the fields its code has
 * (the core's answer table, the same bytes as the FastAPI handlers), no access set 401,
 * a `getAccess` that failed 500 `{"code": "access_unavailable", "message"}` (its cause
 * logged, never sent); other errors go to the next error handler.
 */
export declare function errorHandler(): ErrorMiddleware;
