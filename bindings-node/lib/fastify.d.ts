// Types of `studio-permissions/fastify`. A guard is an async `preHandler`,
// and the error handler takes what `setErrorHandler` gives it. The one type
// taken from Fastify is its `FastifyRequest`, the default request type of
// `accessGuard`: Fastify is an optional peer, so when it is not installed the
// import below finds nothing and the default is `any`, and these types still
// compile.
// @ts-ignore: resolved only where `fastify` is installed
import type { FastifyRequest as FrameworkRequest } from 'fastify';
import type { DefaultAreaId, DefaultCapability, DefaultPreset } from '../index.js';
import type { AccessGuardFunction, FrameworkGuard, HandlerKind } from './http.js';

export type { AccessResult, GetAccess, GuardOptions } from './http.js';
export { AccessUnavailableError, UnauthenticatedError } from './http.js';

/** A Fastify `preHandler`: resolves to go on, rejects with the package's error otherwise. */
export type GuardHook<Req> = (request: Req) => Promise<void>;

/** For `setErrorHandler`. */
export type ErrorHook = (error: unknown, request: unknown, reply: unknown) => void;

/** `GuardHook<Req>` for the request type `HandlerOf` fills in. */
export interface GuardHookKind extends HandlerKind {
  /** The Fastify `preHandler` hook for requests of type `this['req']`. */
  readonly handler: GuardHook<this['req']>;
}

/** Guards whose `requires` and `requiresCapability` give Fastify `preHandler` hooks. */
export type AccessGuard<
  Req,
  Id extends string = DefaultAreaId,
  P extends string = DefaultPreset,
  C extends string = DefaultCapability,
> = FrameworkGuard<GuardHook<Req>, Req, Id, P, C>;

/**
 * Fastify's request type where Fastify is installed (`any` where it is not):
 * the request `getAccess` and the guards get unless `accessGuard` is given
 * another.
 */
export type DefaultRequest = FrameworkRequest;

/**
 * Guards built on the app's `getAccess(request)`: an unannotated
 * `(request) => ...` gets Fastify's `FastifyRequest`. Its `requires` and
 * `requiresCapability` check their ids, actions and capabilities when the
 * route is declared; a `getAccess` that throws or rejects is a 500, never a pass.
 */
export declare const accessGuard: AccessGuardFunction<DefaultRequest, GuardHookKind>;

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
