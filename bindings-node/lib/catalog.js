'use strict';
// The Catalog class: the tree, the presets and the capabilities, as the core
// loaded them; its id table is what a set's snapshot is indexed by.

const { native } = require('./native.js');
const { INTERNAL, byEncoding, expectString, rethrow, typeName } = require('./arguments.js');

let catalogInternals;

/** The same string, from V8's string table: a property name is always stored there. */
function internalized(text) {
  return Object.keys({ [text]: 0 })[0];
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
      // Keyed by the ids in V8's string table (as property names and source
      // literals are), so that a check's lookup with a literal id compares
      // pointers rather than characters.
      index: new Map(ids.map((id, i) => [internalized(id), i])),
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

  /** The JSON text of the catalog embedded in the core: a starting point for a catalog of your own. */
  static builtinJson() {
    return native.NativeCatalog.builtinJson();
  }

  /** Loads a catalog from its JSON format (docs/reference.md#catalog-format); `invalid_catalog` on any fault. */
  static fromJson(text) {
    expectString(text, 'the catalog text');
    let loaded;
    try {
      loaded = byEncoding(
        text,
        (utf8) => native.NativeCatalog.fromJson(utf8),
        (utf16) => native.NativeCatalog.fromUtf16(utf16),
      );
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

  /** The areas (the roots of the tree), in catalog order. */
  areas() {
    return this.#internals.nodes.filter((n) => n.parent === null);
  }

  /** The node `id` names: `{id, name, description, depth, parent}`; `unknown_area` otherwise. */
  node(id) {
    expectString(id, 'the id');
    try {
      return this.#internals.nodes[this.#internals.native.indexOf(id)];
    } catch (err) {
      rethrow(err);
    }
  }

  /** A capability by name: `{name, roles, clusters}` (`clusters` null: any); `unknown_capability` otherwise. */
  capability(name) {
    expectString(name, 'the capability name');
    let c;
    try {
      c = this.#internals.native.capability(name);
    } catch (err) {
      rethrow(err);
    }
    return { name: c.name, roles: c.roles, clusters: c.clusters ?? null };
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
   * a fresh object: the core's, the same in every language. A document
   * validates exactly when `AccessSet.fromJson` accepts its text, except what
   * only the text shows: a repeated key, and text over the size limit.
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

module.exports = {
  Catalog,
  catalogOption,
  /** The native catalog, its id table and nodes (for the package's other classes). */
  catalogInternals: (catalog) => catalogInternals(catalog),
};
