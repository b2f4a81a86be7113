// fromObject: a value is judged exactly as the text JSON.stringify writes for
// it (docs/reference.md#text-input); a value with no such text is invalid_document.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AccessSet, StudioPermissionsError } from '../index.mjs';

function code(fn) {
  try {
    fn();
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof StudioPermissionsError, `not a package error: ${err}`);
    return err.code;
  }
}

test('a plain object is judged as its JSON text, document order included', () => {
  const set = AccessSet.fromObject({ role: 'member', permissions: { knowledge: 'edit', 'knowledge.faqs': 'read' } });
  assert.equal(set.level('knowledge.faqs'), 'read');
  // Document order decides which of two faults is reported first.
  const doc = {
    role: 'member',
    permissions: { 'analytics.kpis': 'edit', analytics: 'read', 'knowledge.faqs': 'edit', knowledge: 'read' },
  };
  assert.throws(
    () => AccessSet.fromObject(doc),
    (err) => err.path === 'analytics.kpis',
  );
  const reordered = {
    role: 'member',
    permissions: { analytics: 'read', knowledge: 'read', 'knowledge.faqs': 'edit', 'analytics.kpis': 'edit' },
  };
  assert.throws(
    () => AccessSet.fromObject(reordered),
    (err) => err.path === 'knowledge.faqs',
  );
  // Null-prototype objects are plain data.
  const bare = Object.assign(Object.create(null), { role: 'admin' });
  assert.equal(AccessSet.fromObject(bare).role, 'admin');
});

test('every answer equals the answer for JSON.stringify(value)', () => {
  const values = [
    { role: 'member' },
    { role: 'member', permissions: null },
    { role: 'member', permissions: [] },
    { role: 'member', permissions: { knowledge: 1 } },
    { role: 'member', permissions: { knowledge: 'READ' } },
    { role: 'member', permissions: { knowlege: 'read' } },
    { role: 'owner' },
    { role: 'member', extra: true },
    { permissions: {} },
    [],
    'member',
    42,
    null,
    { role: 'member', permissions: { knowledge: undefined } },
    { role: 'member', permissions: { knowledge: 'read' }, note: [undefined, 1] },
    { role: '\ud800' },
    { role: 'member', deep: JSON.parse('['.repeat(70) + ']'.repeat(70)) },
    { role: 'member', n: -0 },
    { role: 'member', note: Array(3) },
    new Proxy({ role: 'member', permissions: { knowledge: 'read' } }, {}),
    { role: 'member', permissions: new Proxy({ knowledge: 'edit', 'knowledge.faqs': 'read' }, {}) },
  ];
  for (const value of values) {
    const text = JSON.stringify(value);
    for (const lenient of [false, true]) {
      assert.equal(
        code(() => AccessSet.fromObject(value, { lenient })),
        code(() => AccessSet.fromJson(text, { lenient })),
        `${text} (lenient: ${lenient})`,
      );
    }
  }
  assert.equal(
    code(() => AccessSet.fromObject({ role: '\ud800' })),
    'invalid_json',
    'a lone surrogate is escaped, then refused',
  );
});

test('a value with no JSON text, or that is not plain data, is invalid_document', () => {
  const cycle = { role: 'member', permissions: {} };
  cycle.permissions.self = cycle;
  class Doc {
    constructor() {
      this.role = 'member';
    }
  }
  const cases = [
    [{ role: 'member', permissions: { knowledge: NaN } }, 'knowledge'],
    [{ role: 'member', permissions: { knowledge: Infinity } }, 'knowledge'],
    [{ role: 'member', extra: [-Infinity] }, 'extra'],
    [{ role: 'member', n: 10n }, 'n'],
    [cycle, null],
    [{ role: 'member', f() {} }, 'f'],
    [{ role: 'member', permissions: { knowledge: () => 'read' } }, 'knowledge'],
    [{ role: 'member', s: Symbol('x') }, 's'],
    [{ role: 'member', when: new Date(0) }, 'when'],
    [{ role: 'member', permissions: new Map([['knowledge', 'read']]) }, 'permissions'],
    [new Doc(), null],
    [{ role: new String('member') }, 'role'],
    [{ role: 'member', permissions: { toJSON: () => ({}) } }, 'permissions'],
    [{ role: 'member', buf: Buffer.from('x') }, 'buf'],
    [{ role: 'member', list: new (class extends Array {})() }, 'list'],
    [Object.defineProperty({ role: 'member' }, 'permissions', { get: () => ({}), enumerable: true }), 'permissions'],
    [
      { role: 'member', permissions: Object.defineProperty({}, 'knowledge', { get: () => 'read', enumerable: true }) },
      'knowledge',
    ],
    [{ role: 'member', list: Object.defineProperty(['x'], 0, { get: () => 'x', enumerable: true }) }, 'list'],
    [{ role: 'member', permissions: { knowledge: { toJSON: () => 'read' } } }, 'knowledge'],
    [undefined, null],
    [() => 1, null],
    [NaN, null],
    [12n, null],
  ];
  for (const [value, path] of cases) {
    assert.throws(
      () => AccessSet.fromObject(value),
      (err) => {
        assert.ok(err instanceof StudioPermissionsError);
        assert.equal(err.code, 'invalid_document', `${String(value?.constructor?.name)}: ${err.message}`);
        assert.equal(err.path, path);
        assert.match(err.message, /^invalid document: /);
        return true;
      },
    );
    assert.throws(
      () => AccessSet.fromObject(value, { lenient: true }),
      (err) => err.code === 'invalid_document',
    );
  }
  assert.throws(() => AccessSet.fromObject({ role: 'member', permissions: { knowledge: NaN } }), {
    message: 'invalid document: NaN has no JSON text',
  });
  assert.throws(() => AccessSet.fromObject({ role: 'member', when: new Date(0) }), {
    message: 'invalid document: a Date object has no JSON text',
  });
  assert.throws(() => AccessSet.fromObject({ role: 'member', permissions: { toJSON: () => ({}) } }), {
    message: 'invalid document: an object with a `toJSON` method has no JSON text',
  });
  assert.throws(() => AccessSet.fromObject(undefined), {
    message: 'invalid document: undefined has no JSON text',
    path: null,
  });
});

test('a value nested beyond what JSON.stringify can write is refused, not a crash', () => {
  let deep = {};
  for (let i = 0; i < 200_000; i++) deep = { d: deep };
  assert.equal(
    code(() => AccessSet.fromObject({ role: 'member', deep })),
    'invalid_document',
  );
  assert.equal(
    code(() => AccessSet.fromJson('['.repeat(200_000))),
    'invalid_json',
  );
});

/** Everything a set answers that a document decides: its text, role and warnings. */
function outcome(fn) {
  try {
    const set = fn();
    return { text: set.toString(), role: set.role, warnings: set.warnings.map((w) => ({ ...w })) };
  } catch (err) {
    return { code: err.code, path: err.path, message: err.message };
  }
}

test('plain data read without its text gives the set, warnings and errors of the text', () => {
  const values = [
    { role: 'member', permissions: { knowledge: 'read', 'knowledge.faqs': 'edit' } },
    { permissions: { 'knowledge.faqs': 'edit', knowledge: 'read', 'analytics.kpis': 'edit' }, role: 'admin' },
    { role: 'member', permissions: { 'knowledge.faqs': 'edit', knowledge: 'read', flows: 'read', 'flows.x': 'edit' } },
    { role: 'member', permissions: Object.assign(Object.create(null), { knowledge: 'edit' }) },
    { role: 'member', permissions: { knowledge: 'edit', 'knowledge.faqs': 'read' } },
    { role: 'admin' },
  ];
  for (const value of values) {
    for (const lenient of [false, true]) {
      assert.deepEqual(
        outcome(() => AccessSet.fromObject(value, { lenient })),
        outcome(() => AccessSet.fromJson(JSON.stringify(value), { lenient })),
        `${JSON.stringify(value)} (lenient: ${lenient})`,
      );
    }
  }
});

test('a document read while another is read (a getter on Object.prototype) gives the text answer', () => {
  const inner = { role: 'member', permissions: { flows: 'edit' } };
  const outer = { role: 'member', permissions: { knowledge: 'read', 'knowledge.faqs': 'edit' } };
  let nested = 0;
  Object.defineProperty(Object.prototype, 'toJSON', {
    configurable: true,
    get() {
      // Reading another document in the middle of this one.
      if (nested++ < 3) AccessSet.fromObject(inner);
      return undefined;
    },
  });
  let got;
  try {
    got = outcome(() => AccessSet.fromObject(outer, { lenient: true }));
  } finally {
    delete Object.prototype.toJSON;
  }
  assert.ok(nested > 0);
  assert.deepEqual(
    got,
    outcome(() => AccessSet.fromJson(JSON.stringify(outer), { lenient: true })),
  );
});
