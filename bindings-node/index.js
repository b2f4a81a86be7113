'use strict';
// studio-permissions for Node: a thin layer over the native addon.
//
// Every rule is computed by the Rust core. This file translates: it checks
// argument types (TypeError), passes strings through unchanged so that the
// core checks values left to right, turns the addon's errors into the
// package's error classes, and reads the per-set snapshot that the core
// computed (a level per node, the id table, the action table) so that `can`
// and `level` do not cross into native code on the hot path.

const { native } = require('./lib/native.js');
const {
  CODES,
  StudioPermissionsError,
  PermissionDeniedError,
  CapabilityDeniedError,
  translate,
  freezeExplanation,
  freezeProblem,
} = require('./lib/errors.js');
const { documentText, escapeLoneSurrogates } = require('./lib/host-value.js');

const vocabulary = native.vocabulary();
/** Level names, lowest first; a snapshot stores positions in this list. */
const LEVELS = Object.freeze(vocabulary.levels.slice());
const ACTIONS = Object.freeze(vocabulary.actions.map((a) => a.name));
const ROLES = Object.freeze(vocabulary.roles.slice());
const CLUSTERS = Object.freeze(vocabulary.clusters.slice());
const REASONS = Object.freeze(vocabulary.reasons.slice());
const DIRECTIONS = Object.freeze(vocabulary.directions.slice());
/** action name → position of the level it needs (a Map: no key coercion). */
const REQUIRED = new Map(vocabulary.actions.map((a) => [a.name, a.required]));

const INTERNAL = Symbol('studio-permissions internal');

/** Whether `value` is one of the action names the core knows. */
function isAction(value) {
  return typeof value === 'string' && REQUIRED.has(value);
}

/** Whether `value` is one of the level names the core knows. */
function isLevel(value) {
  return typeof value === 'string' && LEVELS.includes(value);
}

/** Whether `value` is one of the role names the core knows. */
function isRole(value) {
  return typeof value === 'string' && ROLES.includes(value);
}

/** Whether `value` is one of the cluster names the core knows. */
function isCluster(value) {
  return typeof value === 'string' && CLUSTERS.includes(value);
}

/** What to send instead of an AccessSet, for the TypeError of a field-by-field copy. */
function notPlainDataMessage() {
  return (
    'an AccessSet is not plain data and cannot be cloned, posted or copied field by field: ' +
    'send `access.toJSON()` (its canonical document) and rebuild it with `AccessSet.fromObject`, ' +
    'or `access.view()` for a browser'
  );
}

/** Shared by every set: reading its one field throws, so a copy fails loudly. */
const NOT_PLAIN_DATA = Object.freeze(
  Object.defineProperty({}, 'accessSet', {
    enumerable: true,
    get() {
      throw new TypeError(notPlainDataMessage());
    },
  }),
);
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
      throw new TypeError(
        `unknown option \`${key}\` of ${where}: expected ${allowed.map((k) => `\`${k}\``).join(' or ')}`,
      );
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
let isAccessSet;

/** A TypeError unless a method was called on a set (`access.set(...)`, not a detached `set(...)`). */
function onSet(self, method) {
  if (!isAccessSet(self)) {
    throw new TypeError(`${method} must be called on an AccessSet: \`access.${method}(...)\``);
  }
}

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

  /** Loads a catalog from its JSON format (docs/reference.md#catalog-format); `invalid_catalog` on any fault. */
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

  /**
   * The JSON Schema (draft 2020-12) of an access document for this catalog, as
   * a fresh object: the core's, the same in every language. It cannot express
   * every rule: a repeated key and a sub-section stored above its parent's
   * level pass it, and `AccessSet.fromJson` refuses them.
   */
  jsonSchema() {
    return JSON.parse(this.#internals.native.documentSchema());
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

  // Not plain data: `structuredClone`, `postMessage` and `{...set}` copy own
  // fields only, and would silently give `{}`. This field makes them throw a
  // TypeError that says what to send instead. It comes first, so that it is
  // the first field a copy reads.
  notPlainData = NOT_PLAIN_DATA;

  // The checks are own fields bound to their set, so that they survive
  // destructuring (`const { can } = access`) and being passed as callbacks.
  // A call costs the same as a method call.
  /** The effective level of `id`: `'none'`, `'read'` or `'edit'`. */
  level = (id) => {
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
  };

  /** Whether the user may do `action` on `id`. */
  can = (id, action) => {
    const i = this.#index.get(id);
    const need = REQUIRED.get(action);
    if (i !== undefined && need !== undefined) {
      return (this.#levels ?? this.#snapshot())[i] >= need;
    }
    return this.#slowCan(id, action);
  };

  /** Returns when allowed; otherwise throws a PermissionDeniedError carrying the explanation. */
  require = (id, action) => {
    if (this.can(id, action)) return;
    try {
      this.#native.require(id, action);
    } catch (err) {
      rethrow(err);
    }
  };

  /** Whether the user holds a capability on a cluster (default `'standard'`). */
  capability = (name, options) => {
    expectString(name, 'the capability name');
    const opts = readOptions(options, ['cluster'], 'capability');
    const cluster = optionalString(opts.cluster, 'the `cluster` option');
    try {
      return this.#native.capability(name, cluster);
    } catch (err) {
      rethrow(err);
    }
  };

  /**
   * Returns when the user holds the capability on the cluster (default
   * `'standard'`); otherwise throws a CapabilityDeniedError naming the
   * capability, the cluster and the role.
   */
  requireCapability = (name, options) => {
    expectString(name, 'the capability name');
    const opts = readOptions(options, ['cluster'], 'requireCapability');
    const cluster = optionalString(opts.cluster, 'the `cluster` option');
    try {
      this.#native.requireCapability(name, cluster);
    } catch (err) {
      rethrow(err);
    }
  };

  /** The decision, the levels, the reason code and the chain from the root (docs/reference.md#explain). */
  explain = (id, action) => {
    expectString(id, 'the id');
    expectString(action, 'the action');
    let e;
    try {
      e = this.#native.explain(id, action);
    } catch (err) {
      rethrow(err);
    }
    return freezeExplanation(e);
  };

  #slowCan(id, action) {
    expectString(id, 'the id');
    expectString(action, 'the action');
    try {
      return this.#native.allowed(id, action);
    } catch (err) {
      rethrow(err);
    }
  }

  constructor(token, nativeSet, catalog) {
    if (token !== INTERNAL) {
      throw new TypeError('use AccessSet.fromJson, fromObject, preset or admin to get an AccessSet');
    }
    this.#native = nativeSet;
    this.#catalog = catalog;
    this.#index = catalogInternals(catalog).index;
  }

  /** Parses a stored document from JSON text (docs/reference.md#document). */
  static fromJson(text, options) {
    expectString(text, 'the document text');
    const opts = readOptions(options, ['lenient', 'catalog'], 'AccessSet.fromJson');
    const lenient = lenientOption(opts.lenient, 'AccessSet.fromJson');
    const catalog = catalogOption(opts.catalog, 'AccessSet.fromJson');
    return parseText(text, lenient, catalog);
  }

  /** Judges a JavaScript value exactly as the text `JSON.stringify(value)` writes (docs/reference.md#text-input). */
  static fromObject(value, options) {
    const opts = readOptions(options, ['lenient', 'catalog'], 'AccessSet.fromObject');
    const lenient = lenientOption(opts.lenient, 'AccessSet.fromObject');
    const catalog = catalogOption(opts.catalog, 'AccessSet.fromObject');
    return parseText(hostText(value, false), lenient, catalog);
  }

  /**
   * Every problem a strict parse of `document` meets (JSON text, or a value
   * judged as `JSON.stringify` writes it): `[{code, path, message}]` in the
   * order of the error table and then document order; empty exactly when
   * `fromJson`/`fromObject` would succeed.
   */
  static validate(document, options) {
    const opts = readOptions(options, ['catalog'], 'AccessSet.validate');
    const catalog = catalogOption(opts.catalog, 'AccessSet.validate');
    let text = document;
    if (typeof document !== 'string') {
      text = documentText(document, false);
      if (typeof text !== 'string') {
        try {
          native.throwUnrepresentable(text.path, text.what);
        } catch (err) {
          const e = translate(err);
          return [Object.freeze({ code: e.code, path: e.path ?? null, message: e.message })];
        }
      }
    }
    return native
      .validateDocument(catalogInternals(catalog).native, text)
      .map((p) => Object.freeze({ code: p.code, path: p.path ?? null, message: p.message }));
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

  static {
    isAccessSet = (value) => typeof value === 'object' && value !== null && #native in value;
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

  /** Every node with its effective level, in catalog order. */
  effective() {
    onSet(this, 'effective');
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
    onSet(this, 'visible');
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
    onSet(this, 'diff');
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
      summary: d.summary,
    };
  }

  /** Whether this set grants nothing that `other` does not, on every node and cluster. */
  within(other) {
    onSet(this, 'within');
    if (!(other instanceof AccessSet)) {
      throw new TypeError(`within needs an AccessSet, got ${typeName(other)}`);
    }
    try {
      return this.#native.within(other.#native);
    } catch (err) {
      rethrow(err);
    }
  }

  /**
   * Whether both sets grant the same: the same effective level on every node
   * and the same capabilities on every cluster, whatever each stores
   * (`equals` compares the stored documents).
   */
  sameAccess(other) {
    if (!(other instanceof AccessSet)) {
      throw new TypeError(`sameAccess needs an AccessSet, got ${typeName(other)}`);
    }
    try {
      return this.#native.sameAccess(other.#native);
    } catch (err) {
      rethrow(err);
    }
  }

  /** A new set storing `level` at `id` (strict; descendants re-clamped). */
  set(id, level) {
    onSet(this, 'set');
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
    onSet(this, 'clear');
    expectString(id, 'the id');
    try {
      return this.#wrap(this.#native.clear(id));
    } catch (err) {
      rethrow(err);
    }
  }

  /** A new set with another role; stored levels are kept. */
  withRole(role) {
    onSet(this, 'withRole');
    expectString(role, 'the role');
    try {
      return this.#wrap(this.#native.withRole(role));
    } catch (err) {
      rethrow(err);
    }
  }

  /**
   * The view: the core's decisions for this set as a plain object, for a
   * browser to read with `studio-permissions/client` (docs/view.md).
   */
  view() {
    return JSON.parse(this.#native.viewJson());
  }

  /** Whether both sets have the same catalog and canonical document; `sameAccess` compares what they grant. */
  equals(other) {
    return other instanceof AccessSet && this.#native.equals(other.#native);
  }

  /** The canonical document as a fresh object, so `JSON.stringify(set)` is the canonical text. */
  toJSON() {
    return JSON.parse(this.#canonical());
  }

  /** The canonical document text (docs/reference.md#canonical-text). */
  toString() {
    return this.#canonical();
  }

  // Private, so that `toJSON` called on anything but a set is a TypeError,
  // not a SyntaxError from parsing that thing's own `toString()`.
  #canonical() {
    if (this.#text === null) this.#text = this.#native.toJson();
    return this.#text;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `AccessSet ${this.toString()}`;
  }
}

/** `JSON.stringify(value)`, or the core's `invalid_document` thrown for a value with no such text. */
function hostText(value, records) {
  const text = documentText(value, records);
  if (typeof text === 'string') return text;
  try {
    native.throwUnrepresentable(text.path, text.what);
  } catch (err) {
    rethrow(err);
  }
  throw new Error('unreachable: the core did not refuse a value with no JSON text');
}

function parseText(text, lenient, catalog) {
  const nativeCatalog = catalogInternals(catalog).native;
  let set;
  try {
    // A string with an unpaired surrogate is not Unicode text: hand the core
    // its code units, and the core refuses it as JSON (docs/reference.md#text-input).
    set = text.isWellFormed()
      ? native.NativeSet.parse(nativeCatalog, text, lenient)
      : native.NativeSet.parseUtf16(nativeCatalog, text, lenient);
  } catch (err) {
    rethrow(err);
  }
  return new AccessSet(INTERNAL, set, catalog);
}

/** Every user of a workspace as frozen plain objects, from the core's packed columns. */
function userObjects(columns) {
  const { text, offsets, present, roles } = columns;
  const users = new Array(roles.length);
  for (let i = 0; i < roles.length; i++) {
    const at = 3 * i;
    users[i] = Object.freeze({
      id: text.slice(offsets[at], offsets[at + 1]),
      name: present[i] & 1 ? text.slice(offsets[at + 1], offsets[at + 2]) : null,
      email: present[i] & 2 ? text.slice(offsets[at + 2], offsets[at + 3]) : null,
      role: ROLES[roles[i]],
    });
  }
  return users;
}

/** `count` level changes packed by the core (node, before, after, direction) from `start`, as plain objects. */
function levelChanges(ids, packed, start, count) {
  const out = new Array(count);
  for (let k = 0; k < count; k++) {
    const at = start + 4 * k;
    out[k] = {
      id: ids[packed[at]],
      before: LEVELS[packed[at + 1]],
      after: LEVELS[packed[at + 2]],
      direction: DIRECTIONS[packed[at + 3]],
    };
  }
  return out;
}

/**
 * Many users' access, judged by the core against one catalog: loaded from an
 * export, then asked who can do what, and what changed since another snapshot.
 */
class Workspace {
  #native;
  #catalog;
  #users = null;
  #problems = null;

  constructor(token, nativeWorkspace, catalog) {
    if (token !== INTERNAL) {
      throw new TypeError('use Workspace.fromJson, fromJsonLines or fromRecords to get a Workspace');
    }
    this.#native = nativeWorkspace;
    this.#catalog = catalog;
  }

  /** Loads a JSON export: an array of `{user, name?, email?, role, permissions?}` records. */
  static fromJson(text, options) {
    expectString(text, 'the export text');
    return loadWorkspace('fromJson', text, options, 'Workspace.fromJson');
  }

  /** Loads JSON Lines: one record per line; blank lines are skipped. */
  static fromJsonLines(text, options) {
    expectString(text, 'the export text');
    return loadWorkspace('fromJsonLines', text, options, 'Workspace.fromJsonLines');
  }

  /** Judges a list of records exactly as the text `JSON.stringify(records)` writes; a problem's `line` is the record's 1-based position. */
  static fromRecords(records, options) {
    const opts = readOptions(options, ['lenient', 'catalog'], 'Workspace.fromRecords');
    lenientOption(opts.lenient, 'Workspace.fromRecords');
    catalogOption(opts.catalog, 'Workspace.fromRecords');
    return loadWorkspace('fromRecords', hostText(records, true), opts, 'Workspace.fromRecords');
  }

  /**
   * Loads an export from a file, read a part at a time (the text is never
   * held whole): `*.jsonl` and `*.ndjson` are JSON Lines, any other name a
   * JSON array export. A file that cannot be read throws the error
   * `node:fs` throws (`code` `ENOENT`, `EISDIR`, ...; `errno`, `syscall`, `path`).
   */
  static fromPath(path, options) {
    expectString(path, 'the path');
    const opts = readOptions(options, ['lenient', 'catalog'], 'Workspace.fromPath');
    const lenient = lenientOption(opts.lenient, 'Workspace.fromPath');
    const catalog = catalogOption(opts.catalog, 'Workspace.fromPath');
    let loaded;
    try {
      loaded = native.NativeWorkspace.fromPath(catalogInternals(catalog).native, path, lenient);
    } catch (err) {
      if (typeof err?.syscall !== 'string') rethrow(err);
      // A system error: named and worded as node:fs names it.
      const [code, description] = require('node:util').getSystemErrorMap().get(err.errno) ?? ['EIO', err.message];
      throw Object.assign(new Error(`${code}: ${description}, ${err.syscall} '${path}'`), {
        errno: err.errno,
        code,
        syscall: err.syscall,
        path,
      });
    }
    return new Workspace(INTERNAL, loaded, catalog);
  }

  #columns() {
    if (this.#users === null) this.#users = Object.freeze(userObjects(this.#native.users()));
    return this.#users;
  }

  #pick(indices) {
    const users = this.#columns();
    return Array.from(indices, (i) => users[i]);
  }

  #index(id) {
    // Looked up in the core: ids are unbounded, and V8 hashes strings of
    // 16,384 characters or more by their length alone.
    return this.#native.userIndex(id) ?? undefined;
  }

  /** The catalog the users were judged against. */
  get catalog() {
    return this.#catalog;
  }

  /** The number of users loaded. */
  get size() {
    return this.#native.len();
  }

  /** The number of users loaded (the same as `size`). */
  get length() {
    return this.#native.len();
  }

  /** Every problem found while loading (lenient mode), in record order: `{line, user, code, path, message, fatal}`. */
  get problems() {
    if (this.#problems === null) this.#problems = Object.freeze(this.#native.problems().map(freezeProblem));
    return this.#problems;
  }

  /** The users, in export order: `{id, name, email, role}` each. */
  users() {
    return this.#columns().slice();
  }

  [Symbol.iterator]() {
    return this.#columns()[Symbol.iterator]();
  }

  /** The user with this id, or null. */
  user(id) {
    expectString(id, 'the user id');
    const i = this.#index(id);
    return i === undefined ? null : this.#columns()[i];
  }

  /** The access set of the user with this id (rebuilt by the core from what the export stored), or null. */
  access(id) {
    expectString(id, 'the user id');
    const i = this.#index(id);
    if (i === undefined) return null;
    return new AccessSet(INTERNAL, this.#native.access(i), this.#catalog);
  }

  /** The users who may do `action` on `id`, in export order. */
  whoCan(id, action) {
    expectString(id, 'the id');
    expectString(action, 'the action');
    try {
      return this.#pick(this.#native.whoCan(id, action));
    } catch (err) {
      rethrow(err);
    }
  }

  /** The users who hold a capability on a cluster (default `'standard'`), in export order. */
  whoHas(capability, options) {
    expectString(capability, 'the capability name');
    const opts = readOptions(options, ['cluster'], 'whoHas');
    const cluster = optionalString(opts.cluster, 'the `cluster` option');
    try {
      return this.#pick(this.#native.whoHas(capability, cluster));
    } catch (err) {
      rethrow(err);
    }
  }

  /** For each node, in catalog order, how many users are at each level: `{[id]: {none, read, edit}}`. */
  counts() {
    const flat = this.#native.counts();
    const out = {};
    catalogInternals(this.#catalog).ids.forEach((id, i) => {
      out[id] = { none: flat[3 * i], read: flat[3 * i + 1], edit: flat[3 * i + 2] };
    });
    return out;
  }

  /** Members with stored levels an ancestor at `none` makes dormant: `[{user, ids}]`, in export order. */
  dormant() {
    return this.#native.dormant().map((d) => ({ user: d.user, ids: d.ids }));
  }

  /** For each member, the preset it equals or the nearest one: `[{user, preset, exact, differences}]`. */
  presetMatches() {
    const m = this.#native.presetMatches();
    const ids = catalogInternals(this.#catalog).ids;
    const presets = this.#catalog.presets();
    let at = 0;
    return m.users.map((user, i) => {
      const differences = levelChanges(ids, m.differences, at, m.lengths[i]);
      at += 4 * m.lengths[i];
      return { user, preset: presets[m.presets[i]], exact: m.exact[i], differences };
    });
  }

  /** What changed from this snapshot to `after`: users added and removed, and changes (escalations first). */
  diff(after) {
    if (!(after instanceof Workspace)) {
      throw new TypeError(`diff needs a Workspace, got ${typeName(after)}`);
    }
    let d;
    try {
      d = this.#native.diff(after.#native);
    } catch (err) {
      rethrow(err);
    }
    const ids = catalogInternals(this.#catalog).ids;
    let at = 0;
    const changed = d.users.map((user, i) => {
      const escalations = levelChanges(ids, d.changes, at, d.escalations[i]);
      at += 4 * d.escalations[i];
      const reductions = levelChanges(ids, d.changes, at, d.reductions[i]);
      at += 4 * d.reductions[i];
      const role = d.roles[i];
      const capabilities = d.capabilities[i].map((c) => ({
        name: c.name,
        cluster: c.cluster,
        before: c.before,
        after: c.after,
        direction: c.direction,
      }));
      const escalates = escalations.length > 0 || capabilities.some((c) => c.direction === 'escalation');
      return {
        user,
        role: role ? { before: role.before, after: role.after } : null,
        escalations,
        reductions,
        capabilities,
        escalates,
        summary: d.summaries[i],
      };
    });
    return { added: d.added, removed: d.removed, changed };
  }

  /** Every user's effective levels: `{ids, users, levels}`, `levels[u][n]` for user `u` (export order) and node `n` (catalog order). */
  matrix() {
    const codes = this.#native.matrix();
    const ids = catalogInternals(this.#catalog).ids.slice();
    const n = ids.length;
    const users = this.#columns().map((u) => u.id);
    const levels = new Array(users.length);
    for (let u = 0; u < users.length; u++) {
      const row = new Array(n);
      for (let k = 0; k < n; k++) row[k] = LEVELS[codes[u * n + k]];
      levels[u] = row;
    }
    return { ids, users, levels };
  }

  /** Bytes the core holds per user beyond the id, name and email strings. */
  get bytesPerUser() {
    return this.#native.bytesPerUser();
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Workspace (${this.size} users, ${this.problems.length} problems)`;
  }
}

function loadWorkspace(method, text, options, where) {
  const opts = readOptions(options, ['lenient', 'catalog'], where);
  const lenient = lenientOption(opts.lenient, where);
  const catalog = catalogOption(opts.catalog, where);
  // A string with an unpaired surrogate is not Unicode text: the surrogate is
  // escaped as JSON.stringify escapes it, and the core refuses it (docs/reference.md#text-input).
  const wellFormed = text.isWellFormed() ? text : escapeLoneSurrogates(text);
  let loaded;
  try {
    loaded = native.NativeWorkspace[method](catalogInternals(catalog).native, wellFormed, lenient);
  } catch (err) {
    rethrow(err);
  }
  return new Workspace(INTERNAL, loaded, catalog);
}

/**
 * Runs the `studio-permissions` command line with `argv` (default: this
 * process's arguments) and returns its exit code: the Rust CLI itself.
 */
function main(argv = process.argv.slice(2)) {
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    throw new TypeError('main needs an array of strings');
  }
  return native.main(argv);
}

module.exports = {
  main,
  AccessSet,
  Catalog,
  Workspace,
  StudioPermissionsError,
  PermissionDeniedError,
  CapabilityDeniedError,
  ERROR_CODES: CODES,
  isAction,
  isLevel,
  isRole,
  isCluster,
  LEVELS,
  ACTIONS,
  ROLES,
  CLUSTERS,
  REASONS,
  version,
};
