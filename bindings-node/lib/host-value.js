'use strict';
// docs/reference.md#text-input: a host value is judged exactly as the JSON text that
// `JSON.stringify(value)` writes for it. This module only decides whether that
// text exists (and writes it); the core judges the text. A value with no such
// text is reported through the core's `invalid_document` error
// (`AccessSet::unrepresentable(path, what)`, worded by the core; a migration's
// value through `invalid_migration` with the same words): this module names
// `what` and `path`.

const { isProxy } = require('node:util').types;

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    // `Array.prototype` is itself an array: this accepts arrays of any realm
    // and refuses subclasses of Array.
    return proto !== null && Array.isArray(proto);
  }
  return proto === Object.prototype || proto === null;
}

/** What a value with no JSON text is, for the core's message. */
function describe(value) {
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'bigint':
      return 'a BigInt';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default: {
      if (isPlainObject(value)) return 'an object with a `toJSON` method';
      const ctor = Object.getPrototypeOf(value)?.constructor;
      const name =
        typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '' ? ctor.name : 'non-plain';
      return `a ${name} object`;
    }
  }
}

/** A plain object as `JSON.stringify` writes it: not an array, no proxy, no `toJSON`. */
function isPlainRecord(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !isProxy(value) &&
    isPlainObject(value) &&
    typeof value.toJSON !== 'function'
  );
}

/** The value of an own data property, or `undefined` for an accessor. */
function dataValue(object, key) {
  const slot = Object.getOwnPropertyDescriptor(object, key);
  return slot !== undefined && 'value' in slot ? slot.value : undefined;
}

/**
 * Reads a plain document without writing its text: an object of plain data
 * holding `role` (a string) and optionally `permissions` (an object of
 * strings), nothing else. Calls `entry(id, level)` for each entry (it stops
 * the walk by returning false) and returns the role; `undefined` for
 * anything else, which `documentText` then writes for the core to judge.
 */
function plainDocument(value, entry) {
  if (!isPlainRecord(value)) return undefined;
  const keys = Object.keys(value);
  let role;
  for (let k = 0; k < keys.length; k++) {
    const field = dataValue(value, keys[k]);
    if (keys[k] === 'role' && typeof field === 'string') {
      role = field;
    } else if (keys[k] === 'permissions' && isPlainRecord(field)) {
      const ids = Object.keys(field);
      for (let i = 0; i < ids.length; i++) {
        const level = dataValue(field, ids[i]);
        if (typeof level !== 'string' || !entry(ids[i], level)) return undefined;
      }
    } else {
      return undefined;
    }
  }
  return role;
}

/** Nesting beyond which `isPlainData` does not look: the full walk of `documentText` decides. */
const PLAIN_DEPTH = 64;

/**
 * Whether `value` is plain data all the way down, so that `JSON.stringify`
 * alone writes the text `documentText` would: strings, booleans, finite
 * numbers, null, undefined, and plain objects and arrays of them (no proxy,
 * accessor or `toJSON`). A `false` only means "not sure": the full walk,
 * which names the fault, decides.
 */
function isPlainData(value, depth) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > PLAIN_DEPTH || isProxy(value) || !isPlainObject(value) || typeof value.toJSON === 'function') {
    return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const slot = Object.getOwnPropertyDescriptor(value, i);
      if (slot === undefined) continue;
      if (!('value' in slot) || (typeof slot.value !== 'string' && !isPlainData(slot.value, depth + 1))) return false;
    }
    return true;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const slot = Object.getOwnPropertyDescriptor(value, keys[i]);
    if (slot === undefined || !('value' in slot)) return false;
    if (typeof slot.value !== 'string' && !isPlainData(slot.value, depth + 1)) return false;
  }
  return true;
}

/**
 * The JSON text of `value` as `JSON.stringify` writes it, or `{ path, what }`
 * when it has none or is not plain data. With `records`, `value` is a list of
 * workspace records: paths are taken within each record, and `what` names
 * the record (`records[2]`). `keyed` is the top-level field whose keys are
 * ids, which a fault inside its entries names as its path (`permissions` in
 * a document, `map` in a migration).
 */
function documentText(value, records = false, keyed = 'permissions') {
  // The common case, plain data, is written without a replacer (several
  // times faster); anything else takes the walk below, which names the fault.
  try {
    if (isPlainData(value, 0)) {
      const text = JSON.stringify(value);
      if (typeof text === 'string') return text;
    }
  } catch {
    // Out of stack: the walk below reports it.
  }
  let fault = null;
  // Where each object sits: its depth (-1 for a list of records, 0 for a
  // document), its path in the core's terms (a top-level field, or the id of
  // an entry of the `keyed` field), and the record it belongs to.
  const where = new WeakMap();
  const place = (what, record) => (record === null ? what : `${what} in records[${record}]`);
  function replacer(key, current) {
    if (fault !== null) return undefined;
    const parent = where.get(this);
    let path;
    let depth;
    let record = null;
    if (parent === undefined) {
      path = '';
      depth = records ? -1 : 0;
    } else if (parent.depth === -1) {
      path = '';
      depth = 0;
      record = key;
    } else if (parent.depth === 0) {
      path = key;
      depth = 1;
      record = parent.record;
    } else if (parent.depth === 1 && parent.path === keyed && !Array.isArray(this)) {
      path = key;
      depth = 2;
      record = parent.record;
    } else {
      path = parent.path;
      depth = parent.depth + 1;
      record = parent.record;
    }
    const slot = Object.getOwnPropertyDescriptor(this, key);
    if (slot !== undefined && !('value' in slot)) {
      fault = { path, what: place(`the accessor property \`${key}\``, record) };
      return undefined;
    }
    const original = slot === undefined ? current : slot.value;
    const kind = typeof original;
    if (
      (kind === 'number' && !Number.isFinite(original)) ||
      kind === 'bigint' ||
      kind === 'function' ||
      kind === 'symbol' ||
      (kind === 'object' && original !== null && (!isPlainObject(original) || typeof original.toJSON === 'function'))
    ) {
      fault = { path, what: place(describe(original), record) };
      return undefined;
    }
    if (kind === 'object' && original !== null) where.set(original, { path, depth, record });
    return current;
  }
  let text;
  try {
    text = JSON.stringify(value, replacer);
  } catch (err) {
    if (fault !== null) return fault;
    if (err instanceof RangeError) {
      return { path: '', what: 'a value nested too deeply for JSON.stringify' };
    }
    // A cycle (or a throwing getter or proxy): no text.
    return { path: '', what: 'a value that holds a cycle or cannot be read' };
  }
  if (fault !== null) return fault;
  if (typeof text !== 'string') {
    return { path: '', what: value === undefined ? 'undefined' : describe(value) };
  }
  return text;
}

module.exports = { documentText, plainDocument };
