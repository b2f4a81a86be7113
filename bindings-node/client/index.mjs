// studio-permissions/client: answers from a view the core made, in any
// browser and in Node. No rule lives here: every answer is a lookup in the
// view (docs/view.md), and a question the view cannot answer is an error,
// never a guess. Plain JavaScript: no native code, no Node built-ins.

import { unknown } from './messages.mjs';

const LEVELS = ['none', 'read', 'edit'];
const ROLES = ['admin', 'member'];
// Every field a view may have, in the core's order; `names` only in a view
// made with names. The tests hold this list to real views of the server.
const FIELDS = [
  'view',
  'catalog',
  'role',
  'ids',
  'names',
  'actions',
  'levels',
  'allow',
  'visible',
  'clusters',
  'capabilities',
];
const OPTIONAL = 'names';
// Deeper than any catalog the core loads: a guard against a hostile view.
const MAX_DEPTH = 64;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStrings = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '') && new Set(v).size === v.length;

function invalid(what) {
  throw new TypeError(`not a studio-permissions view: expected ${what}`);
}

function expectString(value, what) {
  if (typeof value !== 'string')
    throw new TypeError(`${what} must be a string, got ${value === null ? 'null' : typeof value}`);
}

/** The cluster of `capability(name, options)`: a string, `{ cluster }` (read once), or `fallback` when absent. */
function clusterOf(options, fallback) {
  if (options === undefined || options === null) return fallback;
  if (typeof options === 'object' && !Array.isArray(options)) {
    for (const key of Object.keys(options)) {
      if (key !== 'cluster') throw new TypeError(`unknown option \`${key}\` of capability: expected \`cluster\``);
    }
    const cluster = options.cluster;
    return cluster === undefined || cluster === null ? fallback : cluster;
  }
  return options;
}

/** The full ids the tree spells, in catalog order, with their depths (docs/view.md, `ids`). */
function flatten(tree, prefix, depth, out) {
  if (!Array.isArray(tree) || tree.length === 0 || depth > MAX_DEPTH)
    invalid('`ids` to be a non-empty tree of segments');
  let last = null;
  for (const item of tree) {
    if (typeof item === 'string' && item !== '' && !item.includes('.')) {
      last = prefix + item;
      out.ids.push(last);
      out.depths.push(depth);
    } else if (last !== null && Array.isArray(item)) {
      flatten(item, `${last}.`, depth + 1, out);
      last = null;
    } else invalid('`ids` to hold segments, each followed at most once by its children');
  }
  return out;
}

/**
 * The decisions of one access set, read from its view. Immutable; its
 * methods are bound to it (`const { can } = view` works).
 */
export class AccessView {
  #role;
  #catalog;
  #ids;
  #depths;
  #names;
  #index;
  #levels;
  #allow;
  #actions;
  #visible;
  #clusters;
  #capabilities;

  constructor(token, view) {
    if (token !== FIELDS) throw new TypeError('use AccessView.from(view) to get an AccessView');
    const { ids, depths } = flatten(view.ids, '', 0, { ids: [], depths: [] });
    const n = ids.length;
    if (new Set(ids).size !== n) invalid('`ids` without repeats');
    const names = view.names;
    if (
      names !== undefined &&
      !(Array.isArray(names) && names.length === n && names.every((s) => typeof s === 'string'))
    )
      invalid(`\`names\` to list ${n} strings`);
    if (!isStrings(view.actions) || view.actions.length > 4) invalid('`actions` to list at most 4 distinct names');
    if (typeof view.levels !== 'string' || !/^[012]*$/.test(view.levels) || view.levels.length !== n) {
      invalid(`\`levels\` to be a string of ${n} digits 0 to 2`);
    }
    const top = 1 << view.actions.length;
    if (
      typeof view.allow !== 'string' ||
      view.allow.length !== n ||
      ![...view.allow].every((d) => /[0-9a-f]/.test(d) && parseInt(d, 16) < top)
    ) {
      invalid(`\`allow\` to be a string of ${n} hex digits below ${top}`);
    }
    const visible = view.visible;
    if (
      !Array.isArray(visible) ||
      !visible.every((i, k) => Number.isInteger(i) && i >= 0 && i < n && (k === 0 || i > visible[k - 1]))
    ) {
      invalid(`\`visible\` to list positions below ${n} in ascending order`);
    }
    if (!isStrings(view.clusters) || view.clusters.length === 0) invalid('`clusters` to list distinct names');
    const digits = new RegExp(`^[01]{${view.clusters.length}}$`);
    if (
      !isObject(view.capabilities) ||
      !Object.values(view.capabilities).every((v) => typeof v === 'string' && digits.test(v))
    ) {
      invalid(`\`capabilities\` to map each name to ${view.clusters.length} digits 0 or 1`);
    }
    // The view cannot contradict itself: one level gives one answer to
    // each action, a higher level allows at least what a lower one does,
    // `none` allows nothing, an admin is at `edit` everywhere, and the
    // visible ids are exactly those above `none`.
    const byLevel = ['0', null, null];
    for (let i = 0; i < n; i++) {
      const l = view.levels[i];
      const a = view.allow[i];
      byLevel[l] ??= a;
      if (byLevel[l] !== a || (view.role === 'admin' && l !== '2'))
        invalid('`allow` and `role` to agree with `levels`');
    }
    const bits = byLevel.map((a) => (a === null ? null : parseInt(a, 16)));
    for (let l = 1; l < 3; l++) {
      const below = bits.slice(0, l).filter((b) => b !== null);
      if (bits[l] !== null && below.some((b) => (b & bits[l]) !== b)) invalid('`allow` to grow with `levels`');
    }
    if (
      visible.length !== [...view.levels].filter((l) => l !== '0').length ||
      visible.some((i) => view.levels[i] === '0')
    ) {
      invalid('`visible` to list exactly the positions above `none`');
    }
    this.#role = view.role;
    this.#catalog = view.catalog;
    this.#ids = Object.freeze(ids);
    this.#depths = depths;
    this.#names = names ?? null;
    this.#index = new Map(ids.map((id, i) => [id, i]));
    this.#levels = view.levels;
    this.#allow = view.allow;
    this.#actions = view.actions.slice();
    this.#visible = visible.slice();
    this.#clusters = view.clusters.slice();
    this.#capabilities = new Map(Object.entries(view.capabilities));
  }

  /**
   * Reads a view (`access.view()` of any studio-permissions package, with or
   * without names); a wrong shape or version is a TypeError.
   */
  static from(view) {
    if (!isObject(view)) invalid('an object');
    // One read of every field into a snapshot of its own: a getter is read
    // once, an inherited field is not copied, a proxy is refused.
    let data;
    try {
      data = structuredClone(view);
    } catch {
      invalid('plain data');
    }
    if (data.view !== 1) invalid(`\`view\` 1, got ${JSON.stringify(data.view) ?? 'nothing'}`);
    for (const key of Object.keys(data)) if (!FIELDS.includes(key)) invalid(`no field \`${key}\``);
    for (const key of FIELDS) if (key !== OPTIONAL && !(key in data)) invalid(`a \`${key}\` field of its own`);
    if (!ROLES.includes(data.role)) invalid('`role` to be `admin` or `member`');
    if (data.catalog !== null && typeof data.catalog !== 'string') invalid('`catalog` to be a string or null');
    return new AccessView(FIELDS, data);
  }

  /** The role: `admin` or `member`. */
  get role() {
    return this.#role;
  }

  /** The catalog's version, or null. */
  get catalog() {
    return this.#catalog;
  }

  /** Every id, in catalog order. */
  get ids() {
    return this.#ids;
  }

  #at(id) {
    expectString(id, 'the id');
    const i = this.#index.get(id);
    if (i === undefined) throw unknown('unknown_area', 'area', id, this.#ids);
    return i;
  }

  #level(i) {
    return LEVELS[this.#levels.charCodeAt(i) - 48];
  }

  // The methods are own fields bound to the view, as the server's checks
  // are bound to their set: `const { can } = view` and `ids.filter(view.can)`
  // work.

  /** The effective level of `id`: `none`, `read` or `edit`. */
  level = (id) => this.#level(this.#at(id));

  /** Whether `action` on `id` is allowed, as the core decided. */
  can = (id, action) => {
    const i = this.#at(id);
    expectString(action, 'the action');
    const bit = this.#actions.indexOf(action);
    if (bit < 0) throw unknown('unknown_action', 'action', action, this.#actions, true);
    return ((parseInt(this.#allow[i], 16) >> bit) & 1) === 1;
  };

  /**
   * The display name of `id` from the catalog ("FAQs"), or null when the
   * view was made without names.
   */
  name = (id) => {
    const i = this.#at(id);
    return this.#names === null ? null : this.#names[i];
  };

  /**
   * The navigation tree, as the server's `visible()` gives it: the nodes at
   * `read` or above, in catalog order, each `{ id, name, depth, level }`
   * (`name` null when the view was made without names).
   */
  visible = () =>
    this.#visible.map((i) => ({
      id: this.#ids[i],
      name: this.#names === null ? null : this.#names[i],
      depth: this.#depths[i],
      level: this.#level(i),
    }));

  /**
   * Whether the role holds capability `name` on `cluster` (default: the
   * view's first, `standard`): the cluster itself (`'enterprise'`) or, as
   * the server's `capability` takes it, `{ cluster: 'enterprise' }`.
   */
  capability = (name, options) => {
    expectString(name, 'the capability');
    const held = this.#capabilities.get(name);
    if (held === undefined) throw unknown('unknown_capability', 'capability', name, [...this.#capabilities.keys()]);
    const cluster = clusterOf(options, this.#clusters[0]);
    expectString(cluster, 'the cluster');
    const at = this.#clusters.indexOf(cluster);
    if (at < 0) throw unknown('unknown_cluster', 'cluster', cluster, this.#clusters, true);
    return held[at] === '1';
  };
}
