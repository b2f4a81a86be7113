'use strict';
// SPEC §5: a host value is judged exactly as the JSON text that
// `JSON.stringify(value)` writes for it. This module only decides whether that
// text exists (and writes it); the core judges the text. A value with no such
// text is reported through the core's `invalid_document` error.

const NO_TEXT = 'which has no JSON text';
const NOT_PLAIN = 'which is not plain data';

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    // `Array.prototype` is itself an array: this accepts arrays of any realm
    // and refuses subclasses of Array.
    return proto !== null && Array.isArray(proto);
  }
  return proto === Object.prototype || proto === null;
}

function describe(value) {
  switch (typeof value) {
    case 'number':
      return [String(value), NO_TEXT];
    case 'bigint':
      return ['a BigInt', NO_TEXT];
    case 'function':
      return ['a function', NO_TEXT];
    case 'symbol':
      return ['a symbol', NO_TEXT];
    default: {
      const ctor = Object.getPrototypeOf(value)?.constructor;
      const name = typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '' ? ctor.name : 'object';
      return [`a ${name} object`, NOT_PLAIN];
    }
  }
}

/**
 * The JSON text of `value` as `JSON.stringify` writes it, or
 * `{ path, reason }` when it has none or is not plain data.
 */
function documentText(value) {
  let fault = null;
  // Where each object sits: its depth (0 for the document) and its path in
  // the core's terms (a top-level field, or the id of a `permissions` entry).
  const where = new WeakMap();
  function replacer(key, current) {
    if (fault !== null) return undefined;
    const parent = where.get(this);
    let path;
    let depth;
    if (parent === undefined) {
      path = '';
      depth = 0;
    } else if (parent.depth === 0) {
      path = key;
      depth = 1;
    } else if (parent.depth === 1 && parent.path === 'permissions' && !Array.isArray(this)) {
      path = key;
      depth = 2;
    } else {
      path = parent.path;
      depth = parent.depth + 1;
    }
    const slot = Object.getOwnPropertyDescriptor(this, key);
    if (slot !== undefined && !('value' in slot)) {
      fault = { path, reason: `\`${key}\` is an accessor property, ${NOT_PLAIN}` };
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
      const [what, why] = describe(original);
      fault = { path, reason: `the document holds ${what}, ${why}` };
      return undefined;
    }
    if (kind === 'object' && original !== null) where.set(original, { path, depth });
    return current;
  }
  let text;
  try {
    text = JSON.stringify(value, replacer);
  } catch (err) {
    if (fault !== null) return fault;
    if (err instanceof RangeError) {
      return { path: '', reason: 'the document is nested too deeply to be written as JSON text' };
    }
    // A cycle (or a throwing getter or proxy): no text.
    return { path: '', reason: `the document holds a cycle or a value that cannot be written, ${NO_TEXT}` };
  }
  if (fault !== null) return fault;
  if (typeof text !== 'string') {
    return { path: '', reason: `the document is ${value === undefined ? 'undefined' : 'not a value'}, ${NO_TEXT}` };
  }
  return text;
}

module.exports = { documentText };
