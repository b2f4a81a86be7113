'use strict';
// How an AccessSet comes to be: the core's native set of JSON text, of a host
// value (judged as the text `JSON.stringify` writes for it), of a preset or a
// role; the options each loader takes; and the problems `validate` lists.
// lib/access-set.js wraps what these return.

const { native } = require('./native.js');
const { translate } = require('./errors.js');
const { documentText } = require('./host-value.js');
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

/** The native set of a host value, judged as the text `JSON.stringify(value)` writes. */
function parseValue(value, lenient, catalog) {
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
