'use strict';
// studio-permissions for Node: a thin layer over the native addon.
//
// Every rule is computed by the Rust core. This file translates: it checks
// argument types (TypeError), passes strings through unchanged so that the
// core checks values left to right, turns the addon's errors into the
// package's error classes, and reads the per-set snapshot that the core
// computed (a level per node, the id table, the action table) so that `can`
// and `level` do not cross into native code on the hot path.

const native = require('./native/index.js');
const { CODES, StudioPermissionsError, PermissionDeniedError, translate } = require('./lib/errors.js');
const { documentText } = require('./lib/host-value.js');

const vocabulary = native.vocabulary();
/** Level names, lowest first; a snapshot stores positions in this list. */
const LEVELS = Object.freeze(vocabulary.levels.slice());
const ACTIONS = Object.freeze(vocabulary.actions.map((a) => a.name));
const ROLES = Object.freeze(vocabulary.roles.slice());
const CLUSTERS = Object.freeze(vocabulary.clusters.slice());
/** action name → position of the level it needs (a Map: no key coercion). */
const REQUIRED = new Map(vocabulary.actions.map((a) => [a.name, a.required]));

const INTERNAL = Symbol('studio-permissions internal');
const version = native.nativeVersion();

function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function expectString(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be a string, got ${typeName(value)}`);
  }
}

function rethrow(err) {
  throw translate(err);
}

/** `options` as an object of known keys (a typo must not pass silently). */
function readOptions(options, allowed, where) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`the options of ${where} must be an object, got ${typeName(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`unknown option \`${key}\` of ${where}: expected ${allowed.map((k) => `\`${k}\``).join(' or ')}`);
    }
  }
  return options;
}

function optionalString(value, what) {
  if (value !== undefined && value !== null) expectString(value, what);
  return value ?? undefined;
}

function lenientOption(value, where) {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new TypeError(`the \`lenient\` option of ${where} must be a boolean, got ${typeName(value)}`);
  }
  return value;
}

let catalogInternals;

/** The tree of areas, the presets and the capabilities that sets are judged against. */
class Catalog {
  #internals;

  constructor(token, nativeCatalog) {
    if (token !== INTERNAL) {
      throw new TypeError('use Catalog.default() or Catalog.fromJson(text) to get a Catalog');
    }
    const nodes = nativeCatalog.nodes();
    const ids = nodes.map((n) => n.id);
    const publicNodes = nodes.map((n) =>
      Object.freeze({
        id: n.id,
        name: n.name,
        description: n.description ?? null,
        depth: n.depth,
        parent: n.parent === undefined || n.parent === null ? null : ids[n.parent],
      }),
    );
    this.#internals = {
      native: nativeCatalog,
      ids: Object.freeze(ids),
      index: new Map(ids.map((id, i) => [id, i])),
      nodes: Object.freeze(publicNodes),
    };
  }

  static {
    catalogInternals = (catalog) => catalog.#internals;
  }

  /** The catalog embedded in the core (the product's help page). */
  static default() {
    if (defaultCatalog === undefined) defaultCatalog = new Catalog(INTERNAL, native.NativeCatalog.builtin());
    return defaultCatalog;
  }

  /** Loads a catalog from its JSON format (SPEC §1); `invalid_catalog` on any fault. */
  static fromJson(text) {
    expectString(text, 'the catalog text');
    let loaded;
    try {
      loaded = text.isWellFormed() ? native.NativeCatalog.fromJson(text) : native.NativeCatalog.fromUtf16(text);
    } catch (err) {
      rethrow(err);
    }
    return new Catalog(INTERNAL, loaded);
  }

  /** The catalog's version string, or null. */
  get version() {
    return this.#internals.native.version() ?? null;
  }

  /** Every node id, in catalog order. */
  get ids() {
    return this.#internals.ids;
  }

  /** Every node, in catalog order: `{id, name, description, depth, parent}`. */
  nodes() {
    return this.#internals.nodes.slice();
  }

  /** Whether the catalog has a node with this id. */
  has(id) {
    return this.#internals.index.has(id);
  }

  /** The preset names, in catalog order. */
  presets() {
    return this.#internals.native.presets();
  }

  /** The capabilities, in catalog order: `{name, roles, clusters}` (`clusters` null: any). */
  capabilities() {
    return this.#internals.native.capabilities().map((c) => ({
      name: c.name,
      roles: c.roles,
      clusters: c.clusters ?? null,
    }));
  }

  /** Whether both are the same catalog (the core's equality). */
  equals(other) {
    return other instanceof Catalog && this.#internals.native.equals(other.#internals.native);
  }
}

let defaultCatalog;

function catalogOption(value, where) {
  if (value === undefined) return Catalog.default();
  if (!(value instanceof Catalog)) {
    throw new TypeError(`the \`catalog\` option of ${where} must be a Catalog, got ${typeName(value)}`);
  }
  return value;
}

/** The permissions of one user: immutable; every change returns a new set. */
class AccessSet {
  #native;
  #catalog;
  #index;
  #levels = null;
  #role = null;
  #warnings = null;
  #text = null;

  constructor(token, nativeSet, catalog) {
    if (token !== INTERNAL) {
      throw new TypeError('use AccessSet.fromJson, fromObject, preset or admin to get an AccessSet');
    }
    this.#native = nativeSet;
    this.#catalog = catalog;
    this.#index = catalogInternals(catalog).index;
  }

  /** Parses a stored document from JSON text (SPEC §5). */
  static fromJson(text, options) {
    expectString(text, 'the document text');
    const opts = readOptions(options, ['lenient', 'catalog'], 'AccessSet.fromJson');
    const lenient = lenientOption(opts.lenient, 'AccessSet.fromJson');
    const catalog = catalogOption(opts.catalog, 'AccessSet.fromJson');
    return parseText(text, lenient, catalog);
  }

  /** Judges a JavaScript value exactly as the text `JSON.stringify(value)` writes (SPEC §5). */
  static fromObject(value, options) {
    const opts = readOptions(options, ['lenient', 'catalog'], 'AccessSet.fromObject');
    const lenient = lenientOption(opts.lenient, 'AccessSet.fromObject');
    const catalog = catalogOption(opts.catalog, 'AccessSet.fromObject');
    const text = documentText(value);
    if (typeof text !== 'string') {
      try {
        native.throwInvalidDocument(text.path, text.reason);
      } catch (err) {
        rethrow(err);
      }
    }
    return parseText(text, lenient, catalog);
  }

  /** A preset of the catalog (role `member`). */
  static preset(name, options) {
    expectString(name, 'the preset name');
    const opts = readOptions(options, ['catalog'], 'AccessSet.preset');
    const catalog = catalogOption(opts.catalog, 'AccessSet.preset');
    let set;
    try {
      set = native.NativeSet.preset(catalogInternals(catalog).native, name);
    } catch (err) {
      rethrow(err);
    }
    return new AccessSet(INTERNAL, set, catalog);
  }

  /** An admin that stores nothing. */
  static admin(options) {
    const opts = readOptions(options, ['catalog'], 'AccessSet.admin');
    const catalog = catalogOption(opts.catalog, 'AccessSet.admin');
    return new AccessSet(INTERNAL, native.NativeSet.admin(catalogInternals(catalog).native), catalog);
  }

  #snapshot() {
    this.#levels = this.#native.levels();
    return this.#levels;
  }

  #wrap(nativeSet) {
    return new AccessSet(INTERNAL, nativeSet, this.#catalog);
  }

  /** The catalog the set was judged against. */
  get catalog() {
    return this.#catalog;
  }

  /** `'admin'` or `'member'`. */
  get role() {
    if (this.#role === null) this.#role = this.#native.role();
    return this.#role;
  }

  /** What lenient parsing set aside: `{code, path, message}` each; empty otherwise. */
  get warnings() {
    if (this.#warnings === null) {
      this.#warnings = Object.freeze(
        this.#native.warnings().map((w) => Object.freeze({ code: w.code, path: w.path, message: w.message })),
      );
    }
    return this.#warnings;
  }

  /** The effective level of `id`: `'none'`, `'read'` or `'edit'`. */
  level(id) {
    const i = this.#index.get(id);
    if (i !== undefined) {
      return LEVELS[(this.#levels ?? this.#snapshot())[i]];
    }
    expectString(id, 'the id');
    try {
      return this.#native.level(id);
    } catch (err) {
      rethrow(err);
    }
  }

  /** Whether the user may do `action` on `id`. */
  can(id, action) {
    const i = this.#index.get(id);
    const need = REQUIRED.get(action);
    if (i !== undefined && need !== undefined) {
      return (this.#levels ?? this.#snapshot())[i] >= need;
    }
    return this.#slowCan(id, action);
  }

  #slowCan(id, action) {
    expectString(id, 'the id');
    expectString(action, 'the action');
    try {
      return this.#native.allowed(id, action);
    } catch (err) {
      rethrow(err);
    }
  }

  /** Returns when allowed; otherwise throws a PermissionDeniedError carrying the explanation. */
  require(id, action) {
    if (this.can(id, action)) return;
    try {
      this.#native.require(id, action);
    } catch (err) {
      rethrow(err);
    }
  }

  /** Whether the user holds a capability on a cluster (default `'standard'`). */
  capability(name, options) {
    expectString(name, 'the capability name');
    const opts = readOptions(options, ['cluster'], 'capability');
    const cluster = optionalString(opts.cluster, 'the `cluster` option');
    try {
      return this.#native.capability(name, cluster);
    } catch (err) {
      rethrow(err);
    }
  }

  /** The decision, the levels, the reason code and the chain from the root (SPEC §7). */
  explain(id, action) {
    expectString(id, 'the id');
    expectString(action, 'the action');
    let e;
    try {
      e = this.#native.explain(id, action);
    } catch (err) {
      rethrow(err);
    }
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

  /** Every node with its effective level, in catalog order. */
  effective() {
    const levels = this.#levels ?? this.#snapshot();
    return catalogInternals(this.#catalog).nodes.map((n, i) => ({
      id: n.id,
      name: n.name,
      depth: n.depth,
      level: LEVELS[levels[i]],
    }));
  }

  /** The navigation tree: the nodes the core lists as visible, in catalog order. */
  visible() {
    const levels = this.#levels ?? this.#snapshot();
    const nodes = catalogInternals(this.#catalog).nodes;
    return Array.from(this.#native.visible(), (i) => ({
      id: nodes[i].id,
      name: nodes[i].name,
      depth: nodes[i].depth,
      level: LEVELS[levels[i]],
    }));
  }

  /** What changes from this set to `other` on a cluster (default `'standard'`). */
  diff(other, options) {
    if (!(other instanceof AccessSet)) {
      throw new TypeError(`diff needs an AccessSet, got ${typeName(other)}`);
    }
    const opts = readOptions(options, ['cluster'], 'diff');
    const cluster = optionalString(opts.cluster, 'the `cluster` option');
    let d;
    try {
      d = this.#native.diff(other.#native, cluster);
    } catch (err) {
      rethrow(err);
    }
    const change = (c) => ({ id: c.id, before: c.before, after: c.after, direction: c.direction });
    return {
      levels: d.levels.map(change),
      escalations: d.escalations.map(change),
      reductions: d.reductions.map(change),
      role: d.role ? { before: d.role.before, after: d.role.after } : null,
      capabilities: d.capabilities.map((c) => ({ name: c.name, before: c.before, after: c.after })),
      empty: d.empty,
    };
  }

  /** Whether this set grants nothing that `other` does not, on every node and cluster. */
  within(other) {
    if (!(other instanceof AccessSet)) {
      throw new TypeError(`within needs an AccessSet, got ${typeName(other)}`);
    }
    try {
      return this.#native.within(other.#native);
    } catch (err) {
      rethrow(err);
    }
  }

  /** A new set storing `level` at `id` (strict; descendants re-clamped). */
  set(id, level) {
    expectString(id, 'the id');
    expectString(level, 'the level');
    try {
      return this.#wrap(this.#native.set(id, level));
    } catch (err) {
      rethrow(err);
    }
  }

  /** A new set where `id` stores nothing and inherits again. */
  clear(id) {
    expectString(id, 'the id');
    try {
      return this.#wrap(this.#native.clear(id));
    } catch (err) {
      rethrow(err);
    }
  }

  /** A new set with another role; stored levels are kept. */
  withRole(role) {
    expectString(role, 'the role');
    try {
      return this.#wrap(this.#native.withRole(role));
    } catch (err) {
      rethrow(err);
    }
  }

  /** Whether both sets have the same catalog and canonical document. */
  equals(other) {
    return other instanceof AccessSet && this.#native.equals(other.#native);
  }

  /** The canonical document as a fresh object, so `JSON.stringify(set)` is the canonical text. */
  toJSON() {
    return JSON.parse(this.toString());
  }

  /** The canonical document text (SPEC §5). */
  toString() {
    if (this.#text === null) this.#text = this.#native.toJson();
    return this.#text;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `AccessSet ${this.toString()}`;
  }
}

function parseText(text, lenient, catalog) {
  const nativeCatalog = catalogInternals(catalog).native;
  let set;
  try {
    // A string with an unpaired surrogate is not Unicode text: hand the core
    // its code units, and the core refuses it as JSON (SPEC §5).
    set = text.isWellFormed()
      ? native.NativeSet.parse(nativeCatalog, text, lenient)
      : native.NativeSet.parseUtf16(nativeCatalog, text, lenient);
  } catch (err) {
    rethrow(err);
  }
  return new AccessSet(INTERNAL, set, catalog);
}

module.exports = {
  AccessSet,
  Catalog,
  StudioPermissionsError,
  PermissionDeniedError,
  ERROR_CODES: CODES,
  LEVELS,
  ACTIONS,
  ROLES,
  CLUSTERS,
  version,
};
