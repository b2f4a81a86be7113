'use strict';
// The Migration class: a catalog migration, loaded, queried and applied by
// the core. What it reports (each reduction with its words, a workspace's
// report) comes from the core as the JSON of its `to_value()`, handed on as is.

const { native } = require('./native.js');
const { documentText } = require('./host-value.js');
const { INTERNAL, typeName, expectString, rethrow, readOptions } = require('./arguments.js');
const { Catalog, catalogInternals } = require('./catalog.js');
const { AccessSet, nativeSetOf } = require('./access-set.js');

/** What to send instead of a Migration, for the TypeError of a field-by-field copy. */
function notPlainDataMessage() {
  return (
    'a Migration is not plain data and cannot be cloned, posted or copied field by field: ' +
    'send the migration as JSON text (or a plain object) and load it again with `Migration.fromJson` ' +
    '(or `Migration.fromObject`) against its two catalogs'
  );
}

/** Shared by every migration: reading its one field throws, so a copy fails loudly. */
const NOT_PLAIN_DATA = Object.freeze(
  Object.defineProperty({}, 'migration', {
    enumerable: true,
    get() {
      throw new TypeError(notPlainDataMessage());
    },
  }),
);

let nativeMigrationOf;

/** The `source` and `target` options, each a Catalog (a TypeError otherwise). */
function catalogsOption(options, where) {
  const opts = readOptions(options, ['source', 'target'], where);
  for (const key of ['source', 'target']) {
    if (!(opts[key] instanceof Catalog)) {
      throw new TypeError(`the \`${key}\` option of ${where} must be a Catalog, got ${typeName(opts[key])}`);
    }
  }
  return { source: opts.source, target: opts.target };
}

/**
 * A catalog migration: which ids of a target catalog now hold the content of
 * each id of a source catalog. Applying it to a set (or a workspace) moves
 * the set to the target catalog without anyone gaining access, and says whose
 * access shrank and why.
 */
class Migration {
  #native;
  #source;
  #target;

  // Not plain data: `structuredClone`, `postMessage` and `{...migration}`
  // copy own fields only. This field, first, makes them throw a TypeError that
  // says what to send instead.
  notPlainData = NOT_PLAIN_DATA;

  // The queries are own fields bound to their migration, so that they survive
  // destructuring (`const { apply } = migration`) and being passed as
  // callbacks (`sets.map(migration.apply)`).

  /** Whether some document could lose access (merged content or a new, lower parent), besides dropped content. */
  canReduce = () => this.#native.canReduce();

  /** The source ids whose content `targetId` now holds, in source catalog order; `unknown_area` for an id the target catalog does not know. */
  sources = (targetId) => {
    expectString(targetId, 'the target id');
    try {
      return this.#native.sources(targetId);
    } catch (err) {
      rethrow(err);
    }
  };

  /** The target ids that hold the content of `sourceId`, in target catalog order (empty: dropped); `unknown_area` for an id the source catalog does not know. */
  targets = (sourceId) => {
    expectString(sourceId, 'the source id');
    try {
      return this.#native.targets(sourceId);
    } catch (err) {
      rethrow(err);
    }
  };

  /** The target ids no source id maps to (new content or a new container), in target catalog order. */
  nodesWithoutSource = () => this.#native.nodesWithoutSource();

  /**
   * Moves one set (of the source catalog) to the target catalog: `{access,
   * reductions, details, dropped, opened}`. A set of another catalog is
   * `invalid_migration`.
   */
  apply = (access) => {
    if (!(access instanceof AccessSet)) {
      throw new TypeError(`apply needs an AccessSet, got ${typeName(access)}`);
    }
    let out;
    try {
      out = this.#native.apply(nativeSetOf(access));
    } catch (err) {
      rethrow(err);
    }
    const details = JSON.parse(out.reductions);
    return {
      access: new AccessSet(INTERNAL, out.access, this.#target),
      reductions: details.map((r) => [r.id, r.cause]),
      details,
      dropped: out.dropped,
      opened: out.opened,
    };
  };

  constructor(token, nativeMigration, source, target) {
    if (token !== INTERNAL) {
      throw new TypeError('use Migration.fromJson or Migration.fromObject to get a Migration');
    }
    this.#native = nativeMigration;
    this.#source = source;
    this.#target = target;
  }

  static {
    nativeMigrationOf = (migration) => migration.#native;
  }

  /**
   * Loads a migration from its JSON text against its two catalogs
   * (`{ source, target }`); `invalid_migration` on any fault, the text's own
   * faults (not JSON, a repeated key) included.
   */
  static fromJson(text, options) {
    expectString(text, 'the migration text');
    const { source, target } = catalogsOption(options, 'Migration.fromJson');
    return load(text, source, target);
  }

  /** Judges a JavaScript value exactly as the text `JSON.stringify(value)` writes; no text: `invalid_migration`. */
  static fromObject(value, options) {
    const { source, target } = catalogsOption(options, 'Migration.fromObject');
    const text = documentText(value, false, 'map');
    if (typeof text !== 'string') {
      try {
        native.throwUnrepresentableMigration(text.path, text.what);
      } catch (err) {
        rethrow(err);
      }
      throw new Error('unreachable: the core did not refuse a value with no JSON text');
    }
    return load(text, source, target);
  }

  /** The catalog the migration moves sets from. */
  get source() {
    return this.#source;
  }

  /** The catalog the migration moves sets to. */
  get target() {
    return this.#target;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    const name = (c) => JSON.stringify(c.version);
    return `Migration (${name(this.#source)} → ${name(this.#target)})`;
  }
}

function load(text, source, target) {
  const from = catalogInternals(source).native;
  const to = catalogInternals(target).native;
  let loaded;
  try {
    // A string with an unpaired surrogate is not Unicode text: the core reads
    // its code units and refuses the surrogate as JSON (docs/reference.md#text-input).
    loaded = text.isWellFormed()
      ? native.NativeMigration.fromJson(text, from, to)
      : native.NativeMigration.fromUtf16(text, from, to);
  } catch (err) {
    rethrow(err);
  }
  return new Migration(INTERNAL, loaded, source, target);
}

module.exports = {
  Migration,
  /** The native migration of a Migration, or undefined for anything else (for the package's other classes). */
  nativeMigrationOf: (value) => (value instanceof Migration ? nativeMigrationOf(value) : undefined),
};
