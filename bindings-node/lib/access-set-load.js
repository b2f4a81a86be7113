'use strict';
// How an AccessSet comes to be: the core's native set of JSON text, of a host
// value (judged as the text `JSON.stringify` writes for it), of a preset or a
// role; the options each loader takes; and the problems `validate` lists.
// lib/access-set.js wraps what these return.

const { native } = require('./native.js');
const { translate } = require('./errors.js');
const { documentText, plainDocument } = require('./host-value.js');
const { ROLES, levelCode } = require('./vocabulary.js');
const { byEncoding, expectString, rethrow, readOptions, lenientOption, hostText } = require('./arguments.js');
const { catalogInternals, catalogOption } = require('./catalog.js');

/** The `{ lenient, catalog }` options of a loader, each checked. */
function loadOptions(options, where) {
  const opts = readOptions(options, ['lenient', 'catalog'], where);
  return { lenient: lenientOption(opts.lenient, where), catalog: catalogOption(opts.catalog, where) };
}

/** The `{ catalog }` option of a loader that takes nothing else. */
function catalogOnly(options, where) {
  return catalogOption(readOptions(options, ['catalog'], where).catalog, where);
}

/** The native set of a stored document's JSON text (docs/reference.md#document). */
function parseText(text, lenient, catalog) {
  const nativeCatalog = catalogInternals(catalog).native;
  try {
    return byEncoding(
      text,
      (utf8) => native.NativeSet.parse(nativeCatalog, utf8, lenient),
      (utf16) => native.NativeSet.parseUtf16(nativeCatalog, utf16, lenient),
    );
  } catch (err) {
    rethrow(err);
  }
}

/** A node that stores nothing, in the levels `NativeSet.fromStored` reads. */
const NOT_STORED = 255;

// The stored levels of the document being read, one byte per node: one
// buffer, reused, since the addon reads a fresh typed array only after V8
// has moved its bytes off the heap, which costs more than reading the
// document. `reads` counts the walks, so that one which a getter of the
// value's (a `toJSON` on its prototype) started inside another is noticed.
let scratch = new Uint8Array(0);
let reads = 0;

/**
 * The native set of a host value, judged as the text `JSON.stringify(value)`
 * writes. Plain data of known ids and level names is read in one walk into
 * stored levels, which the core judges as it would that text (`fromStored`);
 * anything else, and what only the full judgment words, goes as the text.
 */
function parseValue(value, lenient, catalog) {
  const { index, native: nativeCatalog } = catalogInternals(catalog);
  if (scratch.length !== index.size) scratch = new Uint8Array(index.size);
  const levels = scratch.fill(NOT_STORED);
  const read = ++reads;
  const role = plainDocument(value, (id, level) => {
    const i = index.get(id);
    const code = levelCode(level);
    if (i === undefined || code < 0) return false;
    levels[i] = code;
    return true;
  });
  const roleCode = role === undefined ? -1 : ROLES.indexOf(role);
  if (roleCode >= 0 && read === reads && levels === scratch) {
    const set = native.NativeSet.fromStored(nativeCatalog, roleCode, levels, lenient);
    if (set !== null) return set;
  }
  return parseText(hostText(value, false), lenient, catalog);
}

/** The native set of a preset of the catalog (role `member`). */
function presetSet(name, catalog) {
  expectString(name, 'the preset name');
  try {
    return native.NativeSet.preset(catalogInternals(catalog).native, name);
  } catch (err) {
    rethrow(err);
  }
}

/** The native set of a role that stores nothing. */
function roleSet(role, catalog) {
  const nativeCatalog = catalogInternals(catalog).native;
  return role === 'admin' ? native.NativeSet.admin(nativeCatalog) : native.NativeSet.member(nativeCatalog);
}

const problem = (p) => Object.freeze({ code: p.code, path: p.path ?? null, message: p.message });

/**
 * Every problem a strict parse of `document` meets (JSON text, or a value
 * judged as `JSON.stringify` writes it), frozen `{code, path, message}` each.
 */
function validateDocument(document, catalog) {
  let text = document;
  if (typeof document !== 'string') {
    text = documentText(document, false);
    if (typeof text !== 'string') {
      try {
        native.throwUnrepresentable(text.path, text.what);
      } catch (err) {
        return [problem(translate(err))];
      }
    }
  }
  return native.validateDocument(catalogInternals(catalog).native, text).map(problem);
}

module.exports = { loadOptions, catalogOnly, parseText, parseValue, presetSet, roleSet, validateDocument };
