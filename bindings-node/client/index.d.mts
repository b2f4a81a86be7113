// Types of studio-permissions/client. The default catalog's unions come from
// the package's types; the client itself has no native code.
import type { AccessViewData, Action, Cluster, DefaultAreaId, DefaultCapability, Level, Role } from '../index.js';

export type { AccessViewData };

/**
 * A question the view cannot answer: the core's error, with the same `code`,
 * `path`, `suggestion` and message as the server's for the same name. The
 * message is safe to log: the name escaped and cut as the core does it.
 */
export interface UnknownNameError extends Error {
  readonly name: 'StudioPermissionsError';
  readonly code: 'unknown_area' | 'unknown_action' | 'unknown_capability' | 'unknown_cluster';
  /** The name as given (an unpaired surrogate read as U+FFFD, as the server reads it). */
  readonly path: string;
  /** The name the typo most likely meant, or null; absent for `unknown_cluster`. */
  readonly suggestion?: string | null;
}

/** A node of the navigation tree, as the server's `visible()` gives it. */
export interface VisibleNode<Id extends string = DefaultAreaId> {
  readonly id: Id;
  /** The catalog's display name ("FAQs"), or null when the view was made without names. Show it as text, not HTML. */
  readonly name: string | null;
  /** 0 for an area, 1 for its sub-sections, and so on. */
  readonly depth: number;
  /** `read` or `edit`. */
  readonly level: Level;
}

/**
 * The decisions of one access set, read from the view the core made
 * (`access.view()` in Rust, Python or Node). Every answer is a lookup; an
 * unknown id, action, capability or cluster throws an `UnknownNameError`.
 * The view drives what a page shows; the server still enforces every request.
 * The methods are bound to the view: `const { can } = view` works.
 */
export declare class AccessView<Id extends string = DefaultAreaId, C extends string = DefaultCapability> {
  private constructor();
  /**
   * Reads a view (with names or without) into a snapshot of its own (each
   * field read once, own data only); a wrong shape or version, or a view that
   * contradicts itself (an unknown role, `allow` or `visible` disagreeing
   * with `levels`), throws a TypeError naming what was expected. The view
   * drives what a page shows; the server still enforces every request.
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
  /** The effective level of `id`; an unknown id throws an `UnknownNameError` (`unknown_area`). */
  level(this: void, id: Id): Level;
  /**
   * Whether `action` on `id` is allowed, as the core decided; an unknown id
   * or action throws an `UnknownNameError`, the id checked first.
   */
  can(this: void, id: Id, action: Action): boolean;
  /**
   * The display name of `id` from the catalog ("FAQs"), or null when the view
   * was made without names (`access.view({ names: true })` adds them); an
   * unknown id throws an `UnknownNameError`.
   */
  name(this: void, id: Id): string | null;
  /**
   * The navigation tree, as the server's `visible()` gives it: the nodes at
   * `read` or above, in catalog order, each `{ id, name, depth, level }`.
   */
  visible(this: void): VisibleNode<Id>[];
  /**
   * Whether the role holds the capability on `cluster` (default `standard`),
   * given as `'enterprise'` or, as the server's `capability` takes it,
   * `{ cluster: 'enterprise' }`; an unknown capability or cluster throws an
   * `UnknownNameError`.
   */
  capability(this: void, name: C, cluster?: Cluster | { cluster?: Cluster }): boolean;
}
