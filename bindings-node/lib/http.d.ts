// Types shared by `studio-permissions/express` and `studio-permissions/fastify`.
import type { AccessSet, Action, Catalog, Cluster, DefaultAreaId, DefaultCapability, DefaultPreset } from '../index.js';

/** What `getAccess` may return: the request's set, or null/undefined for a request that is not authenticated (401). */
export type AccessResult<
  Id extends string = DefaultAreaId,
  P extends string = DefaultPreset,
  C extends string = DefaultCapability,
> = AccessSet<Id, P, C> | null | undefined;

/**
 * The app's own lookup of the request's AccessSet. A throw or a rejection (of
 * any value) becomes an AccessUnavailableError: a 500, never a pass.
 */
export type GetAccess<
  Req,
  Id extends string = DefaultAreaId,
  P extends string = DefaultPreset,
  C extends string = DefaultCapability,
> = (req: Req) => AccessResult<Id, P, C> | PromiseLike<AccessResult<Id, P, C>>;

/** Thrown (and answered 401 `{"code": "unauthenticated", "message"}`) when `getAccess` gives no set. */
export declare class UnauthenticatedError extends Error {
  constructor(message?: string);
  readonly name: 'UnauthenticatedError';
  readonly code: 'unauthenticated';
  readonly status: 401;
  readonly expose: true;
}

/**
 * Thrown (and answered 500 `{"code": "access_unavailable", "message"}`, the
 * message fixed) when `getAccess` throws, rejects with any value, or gives
 * something other than an AccessSet of the guard's catalog, null or
 * undefined. `cause` is what went wrong, for the server's log only.
 */
export declare class AccessUnavailableError extends Error {
  constructor(cause?: unknown);
  readonly name: 'AccessUnavailableError';
  readonly code: 'access_unavailable';
  readonly status: 500;
  readonly expose: false;
}

export interface GuardBase<Req, Id extends string, P extends string, C extends string> {
  /** The catalog that routes are checked against when they are declared. */
  readonly catalog: Catalog<Id, P, C>;
  /** The request's AccessSet (`getAccess` runs once per request); rejects with UnauthenticatedError without one, AccessUnavailableError when `getAccess` fails. */
  access(req: Req): Promise<AccessSet<Id, P, C>>;
}

/**
 * The guards of one framework: `Handler` is its route middleware or hook, so
 * each subpath names only its own handler type.
 */
export interface FrameworkGuard<Handler, Req, Id extends string, P extends string, C extends string>
  extends GuardBase<Req, Id, P, C> {
  /** Lets the request through when `action` on `id` is allowed; an unknown id or action throws now. */
  requires(id: Id, action: Action): Handler;
  /** Lets the request through when the role holds the capability on `cluster` (default `'standard'`). */
  requiresCapability(name: C, cluster?: Cluster): Handler;
}

/** `accessGuard`'s options: the catalog to check routes against (default: the embedded one). */
export interface GuardOptions<Id extends string, P extends string, C extends string> {
  catalog: Catalog<Id, P, C>;
}

/**
 * A framework's handler type as a function of the request type. TypeScript
 * has no type parameter that itself takes one, so a subpath extends this
 * interface with its `handler` written in terms of `this['req']`, and
 * `HandlerOf` fills in the request: `GuardMiddleware<Req>` for Express,
 * `GuardHook<Req>` for Fastify.
 */
export interface HandlerKind {
  /** The request type: filled in by `HandlerOf`. */
  readonly req: unknown;
  /** The handler for requests of type `req`. */
  readonly handler: unknown;
}

/** The handler that `Kind` gives for requests of type `Req`. */
export type HandlerOf<Kind extends HandlerKind, Req> = (Kind & { readonly req: Req })['handler'];

/**
 * The type of a subpath's `accessGuard`, once for both frameworks:
 * `DefaultReq` is the request type an unannotated `getAccess` gets (the
 * framework's own, or `any` where its types are not installed), and `Kind`
 * gives the framework's handler for a request type.
 */
export interface AccessGuardFunction<DefaultReq, Kind extends HandlerKind> {
  /**
   * Guards built on the app's `getAccess(req)`: an unannotated `(req) => ...`
   * gets `DefaultReq`. Their `requires` and `requiresCapability` check ids,
   * actions and capabilities when the route is declared; a `getAccess` that
   * throws or rejects is a 500, never a pass.
   */
  <Req = DefaultReq>(
    getAccess: GetAccess<Req>,
    options?: { catalog?: undefined },
  ): FrameworkGuard<HandlerOf<Kind, Req>, Req, DefaultAreaId, DefaultPreset, DefaultCapability>;
  /** The same over another catalog: routes are checked against its ids, presets and capabilities. */
  <
    Req = DefaultReq,
    Id extends string = DefaultAreaId,
    P extends string = DefaultPreset,
    C extends string = DefaultCapability,
  >(
    getAccess: GetAccess<Req, Id, P, C>,
    options: GuardOptions<Id, P, C>,
  ): FrameworkGuard<HandlerOf<Kind, Req>, Req, Id, P, C>;
}

export type { Action, Cluster };
