// Types of `studio-permissions/express`. The middleware are plain functions
// that Express's `RequestHandler` and `ErrorRequestHandler` accept. The one
// type taken from Express is its `Request`, the default request type of
// `accessGuard`: Express is an optional peer, so when its types are not
// installed the import below finds nothing and the default is `any`, and
// these types still compile.
// @ts-ignore: resolved only where `@types/express` is installed
import type { Request as FrameworkRequest } from 'express';
import type { DefaultAreaId, DefaultCapability, DefaultPreset } from '../index.js';
import type { AccessGuardFunction, FrameworkGuard, HandlerKind } from './http.js';

export type { AccessResult, GetAccess, GuardOptions } from './http.js';
export { AccessUnavailableError, UnauthenticatedError } from './http.js';

/** Express middleware: calls `next()` to go on, `next(err)` with the package's error otherwise. */
export type GuardMiddleware<Req> = (req: Req, res: unknown, next: (err?: unknown) => void) => void;

/** Express error middleware. */
export type ErrorMiddleware = (err: unknown, req: unknown, res: unknown, next: (err?: unknown) => void) => void;

/** `GuardMiddleware<Req>` for the request type `HandlerOf` fills in. */
export interface GuardMiddlewareKind extends HandlerKind {
  /** The Express middleware for requests of type `this['req']`. */
  readonly handler: GuardMiddleware<this['req']>;
}

/** Guards whose `requires` and `requiresCapability` give Express middleware. */
export type AccessGuard<
  Req,
  Id extends string = DefaultAreaId,
  P extends string = DefaultPreset,
  C extends string = DefaultCapability,
> = FrameworkGuard<GuardMiddleware<Req>, Req, Id, P, C>;

/**
 * Express's request type where its types are installed (`any` where they are
 * not): the request `getAccess` and the guards get unless `accessGuard` is
 * given another.
 */
export type DefaultRequest = FrameworkRequest;

/**
 * Guards built on the app's `getAccess(req)`: an unannotated
 * `(req) => ...` gets Express's `Request`. Its `requires` and
 * `requiresCapability` check their ids, actions and capabilities when the
 * route is declared; a `getAccess` that throws or rejects is a 500, never a pass.
 */
export declare const accessGuard: AccessGuardFunction<DefaultRequest, GuardMiddlewareKind>;

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
