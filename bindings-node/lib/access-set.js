'use strict';
// The AccessSet class: one user's permissions. `can` reads the allowed table
// the core made for the set, `level` its snapshot of levels (both by catalog
// index), so a check does not cross into native code.

const { native } = require('./native.js');
const { translate, deniedLazily, freezeExplanation } = require('./errors.js');
const { documentText } = require('./host-value.js');
const { LEVELS, ACTION_BITS } = require('./vocabulary.js');
const {
  INTERNAL,
  byEncoding,
  typeName,
  expectString,
  rethrow,
  readOptions,
  optionalString,
  lenientOption,
  hostText,
} = require('./arguments.js');
const { catalogInternals, catalogOption } = require('./catalog.js');

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

/**
 * The cluster of a capability check: the cluster itself (`'enterprise'`, the
 * browser client's form) or `{ cluster }`; undefined for the default. The
 * options object is read once.
 */
function clusterArgument(options, where) {
  if (typeof options === 'string') return options;
  const opts = readOptions(options, ['cluster'], where);
  return optionalString(opts.cluster, 'the `cluster` option');
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
    // A lookup in the core's allowed table: no rule is decided here.
    const i = this.#index.get(id);
    const bit = ACTION_BITS.get(action);
    if (i !== undefined && bit !== undefined) {
      return ((this.#allowed ?? this.#allowedTable())[i] & bit) !== 0;
    }
    return this.#slowCan(id, action);
  };

  /** Returns when allowed; otherwise throws a PermissionDeniedError carrying the explanation. */
  require = (id, action) => {
    if (this.can(id, action)) return;
    // `can` said no (an unknown id or action throws there): the refusal's
    // message and explanation are worded by the core when first read.
    throw deniedLazily(id, () => this.#refusal(id, action));
  };

  /** Whether the user holds a capability on a cluster (default `'standard'`). */
  capability = (name, options) => {
    expectString(name, 'the capability name');
    const cluster = clusterArgument(options, 'capability');
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
    const cluster = clusterArgument(options, 'requireCapability');
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

  /** The addon's error for a refused check (the core's wording and explanation). */
  #refusal(id, action) {
    try {
      this.#native.require(id, action);
    } catch (err) {
      return err;
    }
    throw new Error(`unreachable: the core allowed \`${action}\` on \`${id}\` after refusing it`);
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

  /** A member that stores nothing: every node hidden. */
  static member(options) {
    const opts = readOptions(options, ['catalog'], 'AccessSet.member');
    const catalog = catalogOption(opts.catalog, 'AccessSet.member');
    return new AccessSet(INTERNAL, native.NativeSet.member(catalogInternals(catalog).native), catalog);
  }

  static {
    isAccessSet = (value) => typeof value === 'object' && value !== null && #native in value;
    nativeSetOf = (set) => set.#native;
  }

  #snapshot() {
    this.#levels = this.#native.levels();
    return this.#levels;
  }

  #allowedTable() {
    this.#allowed = this.#native.allowedTable();
    return this.#allowed;
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

  /** The level `id` stores, or null when it stores nothing and inherits; `unknown_area` for an unknown id. */
  stored(id) {
    onSet(this, 'stored');
    expectString(id, 'the id');
    try {
      return this.#native.stored(id) ?? null;
    } catch (err) {
      rethrow(err);
    }
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

function parseText(text, lenient, catalog) {
  const nativeCatalog = catalogInternals(catalog).native;
  let set;
  try {
    set = byEncoding(
      text,
      (utf8) => native.NativeSet.parse(nativeCatalog, utf8, lenient),
      (utf16) => native.NativeSet.parseUtf16(nativeCatalog, utf16, lenient),
    );
  } catch (err) {
    rethrow(err);
  }
  return new AccessSet(INTERNAL, set, catalog);
}

module.exports = {
  AccessSet,
  /** The native set of an AccessSet (for the package's other classes). */
  nativeSetOf: (set) => nativeSetOf(set),
  /** Whether `value` is a set the core made (a brand check, unlike `instanceof`). */
  isAccessSet: (value) => isAccessSet(value),
};
