'use strict';
// The Workspace class: many users' access, loaded by the core from an export.
// Users come back from the core as packed columns and are unpacked here once.

const { getSystemErrorMap } = require('node:util');
const { native } = require('./native.js');
const { freezeProblem } = require('./errors.js');
const { LEVELS, ROLES, DIRECTIONS } = require('./vocabulary.js');
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
const { AccessSet } = require('./access-set.js');
const { nativeMigrationOf } = require('./migration.js');

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
      throw new TypeError('use Workspace.fromJson, fromJsonLines, fromRecords or fromPath to get a Workspace');
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
      const [code, description] = getSystemErrorMap().get(err.errno) ?? ['EIO', err.message];
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

  /** Every problem found while loading (lenient mode), in record order: `{line, record, user, code, path, message, fatal}`. */
  get problems() {
    if (this.#problems === null) this.#problems = Object.freeze(this.#native.problems().map(freezeProblem));
    return this.#problems;
  }

  /** The users, in export order: `{id, name, email, role}` each. */
  users() {
    return this.#columns().slice();
  }

  /**
   * The users as export records, in export order: `{user, name?, email?, role,
   * permissions}` with each user's canonical document. `fromRecords` loads
   * them back into the same workspace.
   */
  toRecords() {
    return JSON.parse(this.#native.recordsJson());
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
    const diff = { added: d.added, removed: d.removed, changed };
    // The core's Markdown review: a method that needs no `this` (it survives
    // destructuring), not enumerable, so the diff stays plain data for JSON,
    // assert.deepEqual and structuredClone (which leave it out).
    const { markdown } = d;
    Object.defineProperty(diff, 'toMarkdown', { value: () => markdown, writable: true, configurable: true });
    return diff;
  }

  /**
   * Moves every user to the migration's target catalog, in export order (ids,
   * names, emails and roles kept): `{workspace, report}`, the report being the
   * core's, as in every language. A workspace of another catalog than the
   * migration's source is `invalid_migration`.
   */
  migrate(migration) {
    if (!(typeof this === 'object' && this !== null && #native in this)) {
      throw new TypeError('migrate must be called on a Workspace: `workspace.migrate(...)`');
    }
    const nativeMigration = nativeMigrationOf(migration);
    if (nativeMigration === undefined) {
      throw new TypeError(`migrate needs a Migration, got ${typeName(migration)}`);
    }
    let out;
    try {
      out = this.#native.migrate(nativeMigration);
    } catch (err) {
      rethrow(err);
    }
    return { workspace: new Workspace(INTERNAL, out.workspace, migration.target), report: JSON.parse(out.report) };
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
  const nativeCatalog = catalogInternals(catalog).native;
  let loaded;
  try {
    // The core refuses an unpaired surrogate in its record; JSON.stringify
    // (fromRecords) never writes one.
    loaded = byEncoding(
      text,
      (utf8) => native.NativeWorkspace[method](nativeCatalog, utf8, lenient),
      (utf16) => native.NativeWorkspace.fromUtf16(nativeCatalog, utf16, method === 'fromJsonLines', lenient),
    );
  } catch (err) {
    rethrow(err);
  }
  return new Workspace(INTERNAL, loaded, catalog);
}

module.exports = { Workspace };
