'use strict';
// The AccessSet class: one user's permissions. `can` reads the allowed table
// the core made for the set, `level` its snapshot of levels (both by catalog
// index), so a check does not cross into native code. How a set is loaded is
// lib/access-set-load.js.

const { deniedLazily } = require('./errors.js');
const { LEVELS, actionBit } = require('./vocabulary.js');
const { INTERNAL, typeName, expectString, readOptions } = require('./arguments.js');
const { catalogInternals } = require('./catalog.js');
const load = require('./access-set-load.js');
const ask = require('./access-native.js');

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

let isAccessSet;
let nativeSetOf;

/** A TypeError unless a method was called on a set (`access.set(...)`, not a detached `set(...)`). */
function onSet(self, method) {
  if (!isAccessSet(self)) {
    throw new TypeError(`${method} must be called on an AccessSet: \`access.${method}(...)\``);
  }
}

/** A TypeError unless `other` is a set, for the methods that compare two. */
function expectSet(other, method) {
  if (!(other instanceof AccessSet)) {
    throw new TypeError(`${method} needs an AccessSet, got ${typeName(other)}`);
  }
}

/** The permissions of one user: immutable; every change returns a new set. */
class AccessSet {
  #native;
  #catalog;
  #index;
  #levels = null;
  #allowed = null;
  #role = null;
  #warnings = null;
  #text = null;
  // The checks' functions bound to this set, each made when first read.
  #can = null;
  #level = null;
  #require = null;
  #capability = null;
  #requireCapability = null;
  #explain = null;

  // Not plain data: `structuredClone`, `postMessage` and `{...set}` copy own
  // fields only, and would silently give `{}`. This field makes them throw a
  // TypeError that says what to send instead. It is the set's only own field.
  notPlainData = NOT_PLAIN_DATA;

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
    const { lenient, catalog } = load.loadOptions(options, 'AccessSet.fromJson');
    return new AccessSet(INTERNAL, load.parseText(text, lenient, catalog), catalog);
  }

  /** Judges a JavaScript value exactly as the text `JSON.stringify(value)` writes (docs/reference.md#text-input). */
  static fromObject(value, options) {
    const { lenient, catalog } = load.loadOptions(options, 'AccessSet.fromObject');
    return new AccessSet(INTERNAL, load.parseValue(value, lenient, catalog), catalog);
  }

  /**
   * Every problem a strict parse of `document` meets (JSON text, or a value
   * judged as `JSON.stringify` writes it): `[{code, path, message}]` in the
   * order of the error table and then document order; empty exactly when
   * `fromJson`/`fromObject` would succeed.
   */
  static validate(document, options) {
    return load.validateDocument(document, load.catalogOnly(options, 'AccessSet.validate'));
  }

  /** A preset of the catalog (role `member`). */
  static preset(name, options) {
    expectString(name, 'the preset name');
    const catalog = load.catalogOnly(options, 'AccessSet.preset');
    return new AccessSet(INTERNAL, load.presetSet(name, catalog), catalog);
  }

  /** An admin that stores nothing. */
  static admin(options) {
    const catalog = load.catalogOnly(options, 'AccessSet.admin');
    return new AccessSet(INTERNAL, load.roleSet('admin', catalog), catalog);
  }

  /** A member that stores nothing: every node hidden. */
  static member(options) {
    const catalog = load.catalogOnly(options, 'AccessSet.member');
    return new AccessSet(INTERNAL, load.roleSet('member', catalog), catalog);
  }

  static {
    isAccessSet = (value) => typeof value === 'object' && value !== null && #native in value;
    nativeSetOf = (set) => set.#native;
  }

  // ---- checks -------------------------------------------------------------
  //
  // Each check is a getter that gives a function bound to this set (made on
  // first read, then the same one), so that it survives destructuring
  // (`const { can } = access`) and being passed as a callback. `access.can(...)`
  // reads the getter and calls that function: every set's `can` is the same
  // code, so V8 inlines it into the caller.

  /** Whether the user may do `action` on `id`. */
  get can() {
    return this.#can ?? this.#bindCan();
  }

  /** The effective level of `id`: `'none'`, `'read'` or `'edit'`. */
  get level() {
    return this.#level ?? this.#bindLevel();
  }

  /** Returns when allowed; otherwise throws a PermissionDeniedError carrying the explanation. */
  get require() {
    return this.#require ?? this.#bindRequire();
  }

  /** Whether the user holds a capability on a cluster (default `'standard'`). */
  get capability() {
    return this.#capability ?? this.#bindCapability();
  }

  /**
   * Returns when the user holds the capability on the cluster (default
   * `'standard'`); otherwise throws a CapabilityDeniedError naming the
   * capability, the cluster and the role.
   */
  get requireCapability() {
    return this.#requireCapability ?? this.#bindRequireCapability();
  }

  /** The decision, the levels, the reason code and the chain from the root (docs/reference.md#explain). */
  get explain() {
    return this.#explain ?? this.#bindExplain();
  }

  // Each function is a named const, so that its `name` is the method's.
  #bindCan() {
    // What a check reads, held by the function itself: the catalog's index
    // and the set's allowed table, fetched now (this is the first check).
    const index = this.#index;
    const allowed = this.#allowed ?? this.#allowedTable();
    const nativeSet = this.#native;
    const can = (id, action) => {
      // A lookup in the core's allowed table: no rule is decided here.
      const i = index.get(id);
      const bit = actionBit(action);
      if (i !== undefined && bit !== 0) return (allowed[i] & bit) !== 0;
      return ask.allowed(nativeSet, id, action);
    };
    this.#can = can;
    return can;
  }

  #bindLevel() {
    const level = (id) => {
      const i = this.#index.get(id);
      if (i !== undefined) {
        return LEVELS[(this.#levels ?? this.#snapshot())[i]];
      }
      return ask.level(this.#native, id);
    };
    this.#level = level;
    return level;
  }

  #bindRequire() {
    const require = (id, action) => {
      if (this.can(id, action)) return;
      // `can` said no (an unknown id or action throws there): the refusal's
      // message and explanation are worded by the core when first read.
      throw deniedLazily(id, () => ask.refusal(this.#native, id, action));
    };
    this.#require = require;
    return require;
  }

  #bindCapability() {
    const capability = (name, options) => ask.capability(this.#native, name, options);
    this.#capability = capability;
    return capability;
  }

  #bindRequireCapability() {
    const requireCapability = (name, options) => ask.requireCapability(this.#native, name, options);
    this.#requireCapability = requireCapability;
    return requireCapability;
  }

  #bindExplain() {
    const explain = (id, action) => ask.explain(this.#native, id, action);
    this.#explain = explain;
    return explain;
  }

  #snapshot() {
    this.#levels = this.#native.levels();
    return this.#levels;
  }

  #allowedTable() {
    this.#allowed = this.#native.allowedTable();
    return this.#allowed;
  }

  // ---- what the set holds ---------------------------------------------------

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

  /** The level `id` stores, or null when it stores nothing and inherits; `unknown_area` for an unknown id. */
  stored(id) {
    onSet(this, 'stored');
    return ask.stored(this.#native, id);
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
    expectSet(other, 'diff');
    return ask.diff(this.#native, other.#native, options);
  }

  /** Whether this set grants nothing that `other` does not, on every node and cluster. */
  within(other) {
    onSet(this, 'within');
    expectSet(other, 'within');
    return ask.compare(this.#native, 'within', other.#native);
  }

  /**
   * Whether both sets grant the same: the same effective level on every node
   * and the same capabilities on every cluster, whatever each stores
   * (`equals` compares the stored documents).
   */
  sameAccess(other) {
    expectSet(other, 'sameAccess');
    return ask.compare(this.#native, 'sameAccess', other.#native);
  }

  // ---- changes: each returns a new set --------------------------------------

  /** A new set storing `level` at `id` (strict; descendants re-clamped). */
  set(id, level) {
    onSet(this, 'set');
    return this.#wrap(ask.change(this.#native, 'set', [id, level], ['the id', 'the level']));
  }

  /** A new set where `id` stores nothing and inherits again. */
  clear(id) {
    onSet(this, 'clear');
    return this.#wrap(ask.change(this.#native, 'clear', [id], ['the id']));
  }

  /** A new set with another role; stored levels are kept. */
  withRole(role) {
    onSet(this, 'withRole');
    return this.#wrap(ask.change(this.#native, 'withRole', [role], ['the role']));
  }

  #wrap(nativeSet) {
    return new AccessSet(INTERNAL, nativeSet, this.#catalog);
  }

  // ---- documents ------------------------------------------------------------

  /**
   * The view: the core's decisions for this set as a plain object, for a
   * browser to read with `studio-permissions/client` (docs/view.md); with
   * `{ names: true }` it also carries each node's display name (`names`).
   */
  view(options) {
    onSet(this, 'view');
    const names = readOptions(options, ['names'], 'view').names;
    if (names !== undefined && typeof names !== 'boolean') {
      throw new TypeError(`the \`names\` option of view must be a boolean, got ${typeName(names)}`);
    }
    return JSON.parse(this.#native.viewJson(names === true));
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

module.exports = {
  AccessSet,
  /** The native set of an AccessSet (for the package's other classes). */
  nativeSetOf: (set) => nativeSetOf(set),
  /** Whether `value` is a set the core made (a brand check, unlike `instanceof`). */
  isAccessSet: (value) => isAccessSet(value),
};
