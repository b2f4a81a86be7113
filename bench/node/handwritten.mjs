// The hand-written reference of the Node benchmarks: what a team would write
// without the package, on the workload bench/workload.py writes. Shared by
// bench.mjs (the checker of `make bench`) and per-request.mjs (the loaders).

export const LEVEL = new Map([
  ['none', 0],
  ['read', 1],
  ['edit', 2],
]);
export const REQUIRED = new Map([
  ['view', 1],
  ['create', 2],
  ['edit', 2],
  ['delete', 2],
]);

/**
 * The resolution rules (docs/reference.md#resolution), by hand: the effective
 * level of every id, for the hand-written checker.
 */
export function resolve(wl, doc) {
  const eff = new Map();
  if (doc.role === 'admin') {
    for (const id of wl.ids) eff.set(id, 2);
    return eff;
  }
  const stored = doc.permissions ?? {};
  for (const n of wl.ids) {
    const p = wl.parents[n];
    const s = stored[n] === undefined ? undefined : LEVEL.get(stored[n]);
    if (p === null) eff.set(n, s ?? 0);
    else if (eff.get(p) === 0) eff.set(n, 0);
    else eff.set(n, s === undefined ? eff.get(p) : Math.min(eff.get(p), s));
  }
  return eff;
}

/** The hand-written checker: per user a Map id -> level, a lookup and a comparison.
 * An unknown id or action throws (fails closed), as ours throws. */
export class MapChecker {
  constructor(levels) {
    this.levels = levels;
  }
  can(id, action) {
    const level = this.levels.get(id);
    const need = REQUIRED.get(action);
    if (level === undefined || need === undefined) throw new Error(`unknown id or action: ${id} ${action}`);
    return level >= need;
  }
  noop(id, action) {
    return id !== action;
  }
}

/**
 * The shape checks a hand-written loader makes before it trusts a document:
 * an object with a known role, and `permissions` (if any) an object of known
 * ids to known levels, nothing else. Throws on the first fault.
 */
export function validate(wl, doc, known = new Set(wl.ids)) {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not an object');
  for (const key in doc) {
    if (key !== 'role' && key !== 'permissions') throw new Error(`unknown field ${key}`);
  }
  if (doc.role !== 'admin' && doc.role !== 'member') throw new Error('bad role');
  const p = doc.permissions;
  if (p === undefined) return doc;
  if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new Error('permissions not an object');
  for (const id in p) {
    if (!known.has(id)) throw new Error(`unknown id ${id}`);
    if (!LEVEL.has(p[id])) throw new Error(`bad level at ${id}`);
  }
  return doc;
}
