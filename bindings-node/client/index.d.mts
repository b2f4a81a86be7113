// Types of studio-permissions/client. The default catalog's unions come from
// the package's types; the client itself has no native code.
import type { AccessViewData, Action, Cluster, DefaultAreaId, DefaultCapability, Level, Role } from '../index.js';

export type { AccessViewData };

/** A question the view cannot answer: `code` is the core's error code. */
export interface UnknownNameError extends Error {
  code: 'unknown_area' | 'unknown_action' | 'unknown_capability' | 'unknown_cluster';
}

/**
 * The decisions of one access set, read from the view the core made
 * (`access.view()` in Rust, Python or Node). Every answer is a lookup; an
 * unknown id, action, capability or cluster throws an `UnknownNameError`.
 */
export declare class AccessView<Id extends string = DefaultAreaId, C extends string = DefaultCapability> {
  private constructor();
  /**
   * Reads a view into a snapshot of its own (each field read once, own data
   * only); a wrong shape or version, or a view that contradicts itself (an
   * unknown role, `allow` or `visible` disagreeing with `levels`), throws a
   * TypeError naming what was expected. The view drives what a page shows;
   * the server still enforces every request.
   */
  static from<Id extends string = DefaultAreaId, C extends string = DefaultCapability>(
    view: unknown,
  ): AccessView<Id, C>;
  /** The role. */
  readonly role: Role;
  /** The catalog's version, or null. */
  readonly catalog: string | null;
  /** Every id, in catalog order. */
  readonly ids: readonly Id[];
  /** The effective level of `id`. */
  level(id: Id): Level;
  /** Whether `action` on `id` is allowed, as the core decided. */
  can(id: Id, action: Action): boolean;
  /** The navigation tree: ids at `read` or above, in catalog order. */
  visible(): Id[];
  /**
   * Whether the role holds the capability on `cluster` (default `standard`),
   * given as `'enterprise'` or, as the server's `capability` takes it,
   * `{ cluster: 'enterprise' }`; an unknown capability or cluster throws an
   * `UnknownNameError`.
   */
  capability(name: C, cluster?: Cluster | { cluster?: Cluster }): boolean;
}
