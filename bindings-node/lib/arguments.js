'use strict';
// What every class of the package does with its arguments: type checks
// (TypeError), options of known keys, the addon's errors re-thrown as the
// package's classes, and a host value turned into the text the core judges.

const { native } = require('./native.js');
const { translate } = require('./errors.js');
const { documentText } = require('./host-value.js');

/** Passed by the package to its own constructors: a user cannot build a half-made object. */
const INTERNAL = Symbol('studio-permissions internal');

function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function expectString(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be a string, got ${typeName(value)}`);
  }
}

function rethrow(err) {
  throw translate(err);
}

/** `options` as an object of known keys (a typo must not pass silently). */
function readOptions(options, allowed, where) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`the options of ${where} must be an object, got ${typeName(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `unknown option \`${key}\` of ${where}: expected ${allowed.map((k) => `\`${k}\``).join(' or ')}`,
      );
    }
  }
  return options;
}

function optionalString(value, what) {
  if (value !== undefined && value !== null) expectString(value, what);
  return value ?? undefined;
}

function lenientOption(value, where) {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new TypeError(`the \`lenient\` option of ${where} must be a boolean, got ${typeName(value)}`);
  }
  return value;
}

/** `JSON.stringify(value)`, or the core's `invalid_document` thrown for a value with no such text. */
function hostText(value, records) {
  const text = documentText(value, records);
  if (typeof text === 'string') return text;
  try {
    native.throwUnrepresentable(text.path, text.what);
  } catch (err) {
    rethrow(err);
  }
  throw new Error('unreachable: the core did not refuse a value with no JSON text');
}

/**
 * How a JavaScript string reaches the core: `utf8(text)` when it is Unicode
 * text, `utf16(text)` (the core reads its code units) when it has an unpaired
 * surrogate, which the core then refuses as JSON (docs/reference.md#text-input).
 * The one place that choice is made.
 */
function byEncoding(text, utf8, utf16) {
  return text.isWellFormed() ? utf8(text) : utf16(text);
}

module.exports = {
  INTERNAL,
  byEncoding,
  typeName,
  expectString,
  rethrow,
  readOptions,
  optionalString,
  lenientOption,
  hostText,
};
