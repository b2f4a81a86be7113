// No panic crosses into Node.
//
// Every public entry point is called with hostile JavaScript values
// (fast-check): undefined, null, numbers, NaN, BigInts, symbols, functions,
// arrays, plain and null-prototype objects, boxed strings, Dates, Maps,
// Buffers, revoked proxies, objects whose toString lies or throws, lone
// surrogates, very long strings, near-misses of the vocabulary, and the
// package's own objects in the wrong places. Each call must return, or throw
// only what the package documents: a TypeError (a wrong argument type), a
// StudioPermissionsError whose `code` is in ERROR_CODES, or, from `require`
// only, a PermissionDeniedError. A Rust panic would surface as some other
// error (napi's catch_unwind) or end this process: either fails the test.
//
// The raw addon (native/index.js, not exported by the package) is fuzzed too:
// there any thrown Error is acceptable, but the process must go on.
//
// STUDIO_BOUNDARY_RUNS raises the number of runs per property (default 40).
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  AccessSet,
  Catalog,
  Workspace,
  Migration,
  StudioPermissionsError,
  PermissionDeniedError,
  ERROR_CODES,
} from '../index.mjs';

const require = createRequire(import.meta.url);
const native = require('../native/index.js');
const RUNS = Number(process.env.STUDIO_BOUNDARY_RUNS ?? 40);
const CODES = new Set(ERROR_CODES);

// ---- the oracle -------------------------------------------------------------

function documented(err, { denial = false } = {}) {
  if (err instanceof PermissionDeniedError) {
    return denial && err.code === 'permission_denied' && err.explanation !== undefined;
  }
  if (err instanceof StudioPermissionsError) {
    return CODES.has(err.code) && err.code !== 'permission_denied' && typeof err.message === 'string';
  }
  return err instanceof TypeError;
}

function describeError(err) {
  try {
    return `${err?.constructor?.name} ${err?.code ?? ''}: ${String(err?.message).slice(0, 200)}`;
  } catch {
    return 'an unprintable error';
  }
}

/** Calls `fn`; a thrown value must be documented. Returns the value or the error. */
function call(name, fn, options) {
  try {
    return fn();
  } catch (err) {
    if (!documented(err, options)) assert.fail(`${name} threw an undocumented ${describeError(err)}`);
    return err;
  }
}

// ---- hostile values -----------------------------------------------------------

const WORDS = [
  ...Catalog.default().ids,
  'view',
  'create',
  'edit',
  'delete',
  'none',
  'read',
  'admin',
  'member',
  'standard',
  'enterprise',
  'users.manage',
  'studio_assistant.use',
  'knowledge_editor',
  'full_developer',
  'Knowledge',
  'knowlege.faqs',
  '',
  ' ',
  '.',
  'analytics..kpis',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '\u0000',
  '\ufeffrole',
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const revoked = (() => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
})();
const liar = { toString: () => 'knowledge', valueOf: () => 'view', [Symbol.toPrimitive]: () => 'edit' };
const thrower = {
  toString() {
    throw new Error('toString must not be called');
  },
  [Symbol.toPrimitive]() {
    throw new Error('toPrimitive must not be called');
  },
};
class Sub extends String {}

const strings = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.tuple(fc.constantFrom(...WORDS), loneSurrogate).map(([w, s]) => w + s),
  loneSurrogate,
  fc
    .tuple(fc.constantFrom('a', 'knowledge.', '\ud800', 'é', '{'), fc.constantFrom(1_000, 70_000, 300_000))
    .map(([w, n]) => w.repeat(n)),
);

// Picked by index: fast-check's constantFrom probes each value (a revoked proxy throws).
const SPECIALS = [
  undefined,
  null,
  NaN,
  -0,
  0,
  1,
  -1,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER,
  2 ** 32,
  1e308,
  true,
  false,
  2n ** 200n,
  -1n,
  Symbol('x'),
  Symbol.iterator,
  () => 'knowledge',
  function named() {},
  class {},
  new Date(0),
  new Map([['role', 'admin']]),
  new Set(['a']),
  /knowledge/,
  new Error('x'),
  new TypeError('t'),
  Buffer.from('{"role":"admin"}'),
  new Uint8Array([123, 125]),
  new ArrayBuffer(8),
  new String('knowledge'),
  new Sub('view'),
  new Number(1),
  new Boolean(false),
  Promise.resolve(1),
  new WeakMap(),
  liar,
  thrower,
  Object.create(null),
  Object.create(AccessSet.prototype),
  Object.create(Catalog.prototype),
  Object.create(Workspace.prototype),
  Object.create(Migration.prototype),
  Catalog.default(),
  AccessSet.admin(),
  AccessSet.preset('knowledge_editor'),
  Workspace.fromRecords([]),
  Migration.fromJson('{}', { source: Catalog.default(), target: Catalog.default() }),
  [],
  ['view'],
  { role: 'admin' },
  { toJSON: () => ({ role: 'admin' }) },
  globalThis,
];
const specials = fc.integer({ min: 0, max: SPECIALS.length - 1 }).map((i) => SPECIALS[i]);

const documents = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, specials, strings, tie('object'), tie('array')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.oneof(
    fc.dictionary(strings, tie('value'), { maxKeys: 4 }),
    fc.record(
      {
        role: fc.oneof(fc.constantFrom('member', 'admin'), tie('value')),
        permissions: fc.oneof(
          fc.dictionary(
            fc.oneof(fc.constantFrom(...Catalog.default().ids), strings),
            fc.oneof(fc.constantFrom('none', 'read', 'edit'), tie('value')),
            { maxKeys: 5 },
          ),
          tie('value'),
        ),
        extra: tie('value'),
      },
      { requiredKeys: ['role'] },
    ),
  ),
})).value;

const hostile = fc.oneof(
  specials,
  strings,
  documents,
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    maxDepth: 3,
  }),
);
// Arguments that should be strings: mostly strings, so that values reach the core.
const arg = fc.oneof(strings, fc.constantFrom(...WORDS), hostile);
const options = fc.oneof(
  fc.constantFrom(undefined, null, {}),
  fc.record({ lenient: fc.oneof(fc.boolean(), hostile) }, { requiredKeys: [] }),
  fc.record({ catalog: fc.oneof(fc.constant(Catalog.default()), hostile) }, { requiredKeys: [] }),
  fc.record({ cluster: fc.oneof(fc.constantFrom('standard', 'enterprise', 'gov'), hostile) }, { requiredKeys: [] }),
  hostile,
);

const SETS = [
  AccessSet.preset('knowledge_editor'),
  AccessSet.admin(),
  AccessSet.fromJson('{"role":"member","permissions":{"nope":"read"},"x":1}', { lenient: true }),
];
const WS = Workspace.fromRecords([
  { user: 'ada', name: 'Ada', role: 'admin' },
  { user: 'bo', role: 'member', permissions: { knowledge: 'edit', 'knowledge.sources': 'read' } },
  { user: 'cy', email: 'c@example.com', role: 'member', permissions: { analytics: 'none', 'analytics.kpis': 'edit' } },
]);
const SMALL = Catalog.fromJson(
  '{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"}]}],"presets":{"p":{"a":"read"}}}',
);
// The default catalog onto SMALL: everything merges into `a.b`, `account` is dropped.
const TO_SMALL = Migration.fromObject(
  {
    map: Object.fromEntries(
      Catalog.default().ids.map((id) => [id, id === 'account' ? null : id.includes('.') ? 'a.b' : ['a', 'a.b']]),
    ),
  },
  { source: Catalog.default(), target: SMALL },
);
const BOTH = { source: Catalog.default(), target: SMALL };

const property = (arbs, body) => fc.assert(fc.property(...arbs, body), { numRuns: RUNS });

// ---- the package ------------------------------------------------------------------

function constructors(value, opts) {
  for (const [name, fn] of Object.entries({
    fromJson: AccessSet.fromJson,
    fromObject: AccessSet.fromObject,
    preset: AccessSet.preset,
    catalogFromJson: Catalog.fromJson,
    wsFromJson: Workspace.fromJson,
    wsFromJsonLines: Workspace.fromJsonLines,
    wsFromRecords: Workspace.fromRecords,
  })) {
    call(name, () =>
      fn.call(name.startsWith('ws') ? Workspace : name.startsWith('catalog') ? Catalog : AccessSet, value),
    );
    call(name, () =>
      fn.call(name.startsWith('ws') ? Workspace : name.startsWith('catalog') ? Catalog : AccessSet, value, opts),
    );
  }
  call('admin', () => AccessSet.admin(opts));
  call('admin', () => AccessSet.admin(value));
  call('fromRecords', () =>
    Workspace.fromRecords([value, { user: value, role: 'member' }, { user: 'u', role: value }], { lenient: true }),
  );
  for (const Class of [AccessSet, Catalog, Workspace, Migration]) {
    assert.throws(() => new Class(value), TypeError);
  }
  call('Migration.fromJson', () => Migration.fromJson(value, opts));
  call('Migration.fromJson', () => Migration.fromJson(value, BOTH));
  call('Migration.fromObject', () => Migration.fromObject(value, opts));
  call('Migration.fromObject', () => Migration.fromObject(value, BOTH));
  call('Migration.fromObject', () => Migration.fromObject({ map: { knowledge: value } }, BOTH));
  call('Migration.fromObject', () => Migration.fromObject({ map: value, from: value }, BOTH));
  call('Migration.fromJson', () => Migration.fromJson('{}', { source: value, target: SMALL }));
}

function migrationCalls(a, b) {
  call('Migration.sources', () => TO_SMALL.sources(a));
  call('Migration.targets', () => TO_SMALL.targets(a));
  call('Migration.apply', () => TO_SMALL.apply(a));
  call('Workspace.migrate', () => WS.migrate(a));
  call('Workspace.migrate', () => Workspace.prototype.migrate.call(a, TO_SMALL), {});
  call('Migration.apply', () => TO_SMALL.apply.call(b, SETS[0]));
}

function setCalls(a, b, opts) {
  for (const s of SETS) {
    call('level', () => s.level(a));
    call('can', () => s.can(a, b));
    call('require', () => s.require(a, b), { denial: true });
    call('capability', () => s.capability(a));
    call('capability', () => s.capability(a, opts));
    call('capability', () => s.capability('users.manage', { cluster: b }));
    call('explain', () => s.explain(a, b));
    call('diff', () => s.diff(a));
    call('diff', () => s.diff(SETS[0], opts));
    call('within', () => s.within(a));
    call('set', () => s.set(a, b));
    call('set', () => s.set('knowledge.faqs', b));
    call('clear', () => s.clear(a));
    call('withRole', () => s.withRole(a));
    call('equals', () => s.equals(a));
  }
}

function isInstance(value, Class) {
  try {
    return value instanceof Class;
  } catch {
    return false; // a revoked proxy
  }
}

function foreignThis(self, a) {
  for (const [Class, names] of [
    // `level`, `can`, `require`, `capability` and `explain` are own fields
    // bound to their set (test/destructuring.test.mjs), not prototype methods.
    [AccessSet, ['effective', 'visible', 'diff', 'within', 'set', 'clear', 'withRole', 'equals', 'toJSON', 'toString']],
    [Catalog, ['nodes', 'has', 'presets', 'capabilities', 'equals']],
    [
      Workspace,
      ['users', 'user', 'access', 'whoCan', 'whoHas', 'counts', 'dormant', 'presetMatches', 'diff', 'matrix'],
    ],
  ]) {
    for (const name of names) {
      if (isInstance(self, Class)) continue;
      call(`${Class.name}.${name}`, () => Class.prototype[name].call(self, a, a), { denial: true });
    }
  }
}

function catalogCalls(a) {
  const c = Catalog.default();
  call('has', () => c.has(a));
  call('equals', () => c.equals(a));
  call('fromJson', () => Catalog.fromJson(a));
}

function workspaceCalls(a, b, opts) {
  call('user', () => WS.user(a));
  call('access', () => WS.access(a));
  call('whoCan', () => WS.whoCan(a, b));
  call('whoCan', () => WS.whoCan('knowledge', b));
  call('whoHas', () => WS.whoHas(a));
  call('whoHas', () => WS.whoHas(a, opts));
  call('whoHas', () => WS.whoHas('users.manage', { cluster: b }));
  call('diff', () => WS.diff(a));
}

describe('every entry point throws only documented errors', () => {
  test('constructors', () => property([hostile, options], constructors));

  test('queries and changes of a set', () => property([arg, arg, options], setCalls));

  test('methods called on something that is not theirs', () => property([hostile, arg], foreignThis));

  test('catalogs', () => property([arg], catalogCalls));

  test('workspaces', () => property([arg, arg, options], workspaceCalls));

  test('migrations', () => property([arg, arg], migrationCalls));

  test('every view answers, and a sibling catalog is an error', () => {
    const lenientWs = Workspace.fromJson('[{"user":"a","role":"owner"},{"user":"b","role":"member","x":1}]', {
      lenient: true,
    });
    for (const s of [...SETS, AccessSet.admin({ catalog: SMALL })]) {
      s.effective();
      s.visible();
      s.toJSON();
      s.toString();
      s.warnings;
      s.role;
      s.catalog;
      JSON.stringify(s);
    }
    for (const w of [WS, lenientWs, Workspace.fromRecords([], { catalog: SMALL })]) {
      w.counts();
      w.dormant();
      w.presetMatches();
      w.matrix();
      w.users();
      [...w];
      w.problems;
      w.size;
      w.bytesPerUser;
    }
    const other = AccessSet.admin({ catalog: SMALL });
    for (const fn of [() => SETS[0].diff(other), () => SETS[0].within(other), () => other.diff(SETS[0])]) {
      assert.equal(call('diff', fn).code, 'invalid_catalog');
    }
    call('workspace diff', () => WS.diff(Workspace.fromRecords([], { catalog: SMALL })));
    for (const s of SETS) {
      const out = TO_SMALL.apply(s);
      assert.equal(out.access.catalog, SMALL);
      out.access.effective();
      assert.equal(call('apply', () => TO_SMALL.apply(out.access)).code, 'invalid_migration');
    }
    assert.equal(WS.migrate(TO_SMALL).workspace.size, WS.size);
    assert.equal(call('migrate', () => WS.migrate(TO_SMALL).workspace.migrate(TO_SMALL)).code, 'invalid_migration');
  });

  test('deep and cyclic host values are errors, not crashes', () => {
    let deep = 'read';
    for (let i = 0; i < 200_000; i++) deep = { k: deep };
    const cyclic = { role: 'member' };
    cyclic.permissions = cyclic;
    for (const value of [deep, cyclic, [deep], [cyclic]]) {
      assert.equal(call('fromObject', () => AccessSet.fromObject(value)).code, 'invalid_document');
      assert.equal(call('fromRecords', () => Workspace.fromRecords(value)).code, 'invalid_document');
      assert.equal(call('Migration.fromObject', () => Migration.fromObject(value, BOTH)).code, 'invalid_migration');
    }
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    for (const fn of [AccessSet.fromJson, Catalog.fromJson, Workspace.fromJson, Workspace.fromJsonLines]) {
      assert.ok(
        call('parse', () =>
          fn.call(fn === AccessSet.fromJson ? AccessSet : fn === Catalog.fromJson ? Catalog : Workspace, text),
        ) instanceof StudioPermissionsError,
      );
    }
    assert.equal(call('Migration.fromJson', () => Migration.fromJson(text, BOTH)).code, 'invalid_migration');
  });

  test('values that cannot even be looked at: a revoked proxy, a throwing toString', () => {
    // Not generated by fast-check, which inspects every value it hands out.
    for (const v of [revoked, thrower]) {
      constructors(v, undefined);
      constructors('{"role":"admin"}', v);
      constructors({ role: 'member', permissions: v }, { lenient: v });
      setCalls(v, v, v);
      setCalls('knowledge', v, { cluster: v });
      foreignThis(v, 'knowledge');
      catalogCalls(v);
      workspaceCalls(v, 'view', { catalog: v });
      migrationCalls(v, v);
    }
  });

  test('repeated keys are refused in every text input, in both modes', () => {
    // SECURITY.md: a repeated key is never resolved by "the last one wins".
    for (const lenient of [false, true]) {
      for (const text of [
        '{"role":"member","permissions":{"flows":"read","fl\\u006fws":"edit"}}',
        '{"role":"member","role":"admin"}',
      ]) {
        assert.equal(call('fromJson', () => AccessSet.fromJson(text, { lenient })).code, 'duplicate_key');
      }
      for (const [load, text, path] of [
        [Workspace.fromJson, '[{"user":"a","role":"member","role":"admin"}]', 'role'],
        [Workspace.fromJsonLines, '{"user":"a","user":"b","role":"admin"}', 'user'],
      ]) {
        const result = call('load', () => load.call(Workspace, text, { lenient }));
        assert.deepEqual(
          result.problems.map((p) => [p.code, p.path, p.fatal]),
          [['duplicate_key', path, true]],
        );
        if (lenient) assert.equal(result.size, 0);
        else assert.equal(result.code, 'invalid_workspace');
      }
    }
    for (const text of [
      '{"areas":[{"id":"a","name":"A"}],"areas":[{"id":"b","name":"B"}]}',
      '{"areas":[{"id":"a","name":"A","name":"B"}]}',
    ]) {
      const err = call('Catalog.fromJson', () => Catalog.fromJson(text));
      assert.equal(err.code, 'invalid_catalog');
      assert.match(err.message, /duplicate key/);
    }
    for (const text of ['{"map":{},"map":{}}', '{"map":{"account":null,"acc\\u006funt":"a"}}']) {
      const err = call('Migration.fromJson', () => Migration.fromJson(text, BOTH));
      assert.equal(err.code, 'invalid_migration');
      assert.match(err.message, /duplicate key/);
    }
  });

  test('the oracle refuses what is not documented', () => {
    assert.ok(!documented(new Error('panicked at core/src/lib.rs')));
    assert.ok(!documented(new RangeError('x')));
    assert.ok(!documented(new PermissionDeniedError('no', null, {})));
    assert.ok(documented(new PermissionDeniedError('no', null, {}), { denial: true }));
    assert.ok(!documented(new StudioPermissionsError('x', 'made_up')));
    assert.ok(documented(new TypeError('x')));
    assert.throws(() =>
      call('panic', () => {
        throw new Error('panicked');
      }),
    );
  });
});

// ---- the raw addon ----------------------------------------------------------------

describe('the raw addon never aborts the process', () => {
  const instances = () => {
    const catalog = native.NativeCatalog.builtin();
    return {
      NativeCatalog: catalog,
      NativeSet: native.NativeSet.preset(catalog, 'knowledge_editor'),
      NativeWorkspace: native.NativeWorkspace.fromJson(catalog, '[{"user":"a","role":"admin"}]', false),
      NativeMigration: native.NativeMigration.fromJson('{}', catalog, catalog),
    };
  };
  const things = instances();
  const own = Object.values(things);
  const nativeArg = fc.oneof(
    arg,
    fc.integer({ min: 0, max: own.length - 1 }).map((i) => own[i]),
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(2 ** 32 + 1, -1, 1.5, 4294967295),
  );

  test('every native function and method, with anything', () => {
    const targets = [];
    for (const [name, value] of Object.entries(native)) {
      if (typeof value !== 'function') continue;
      const statics = Object.getOwnPropertyNames(value).filter((k) => typeof value[k] === 'function');
      if (statics.length === 0 && !/^[A-Z]/.test(name)) targets.push([name, null, value]);
      for (const k of statics) targets.push([`${name}.${k}`, value, value[k]]);
      for (const k of Object.getOwnPropertyNames(value.prototype ?? {})) {
        if (k === 'constructor' || typeof value.prototype[k] !== 'function') continue;
        targets.push([`${name}#${k}`, things[name], value.prototype[k]]);
      }
    }
    assert.ok(targets.length > 30, `found ${targets.length} native entry points`);
    fc.assert(
      fc.property(fc.array(nativeArg, { maxLength: 3 }), fc.boolean(), nativeArg, (args, ownThis, otherThis) => {
        for (const [name, self, fn] of targets) {
          try {
            fn.apply(ownThis ? self : otherThis, args);
          } catch (err) {
            assert.ok(err instanceof Error, `${name} threw a non-Error`);
            assert.ok(!/panic/i.test(err.message), `${name} panicked: ${err.message}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The instances still answer afterwards.
    assert.equal(things.NativeSet.level('knowledge'), 'edit');
    assert.equal(things.NativeWorkspace.len(), 1);
    assert.equal(things.NativeMigration.canReduce(), false);
  });
});
