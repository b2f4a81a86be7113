// Catalog migrations in Node: the example migration of the default catalog to
// the 2027 navigation (one set, then the example workspace user by user),
// every loading fault with the core's words, wrong argument types,
// destructuring and copies.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { AccessSet, Catalog, Migration, StudioPermissionsError, Workspace } from '../index.mjs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const NAV_2027_TEXT = read('examples/catalogs/navigation-2027.json');
const EXAMPLE_TEXT = read('examples/migrations/default-to-2027.json');
const WORKSPACE_PATH = new URL('../../examples/data/workspace-2026-11.json', import.meta.url).pathname;

const nav = Catalog.fromJson(NAV_2027_TEXT);
const catalogs = { source: Catalog.default(), target: nav };
const example = Migration.fromJson(EXAMPLE_TEXT, catalogs);

/** Asserts that `fn` throws the package's error with `code` (and `message`, `path` when given); returns it. */
function throwsCore(fn, code, { message, path } = {}) {
  let thrown;
  assert.throws(fn, (err) => {
    assert.ok(err instanceof StudioPermissionsError, `not a StudioPermissionsError: ${err}`);
    assert.equal(err.code, code, err.message);
    if (message !== undefined) assert.equal(err.message, message);
    if (path !== undefined) assert.equal(err.path, path);
    thrown = err;
    return true;
  });
  return thrown;
}

const member = (permissions, catalog = Catalog.default()) =>
  AccessSet.fromObject({ role: 'member', permissions }, { catalog });

describe('the example migration', () => {
  test('keeps its catalogs and answers what maps where', () => {
    assert.equal(example.source, Catalog.default());
    assert.equal(example.target, nav);
    assert.equal(example.canReduce(), true);
    assert.deepEqual(example.sources('channels.chat'), ['messaging', 'messaging.chat', 'widgets']);
    assert.deepEqual(example.targets('realtime_config'), [
      'build.realtime_configuration',
      'build.configuration_builder',
    ]);
    assert.deepEqual(example.targets('knowledge.faqs'), ['build.knowledge.faqs']);
    assert.deepEqual(example.nodesWithoutSource(), ['build', 'channels', 'configure']);
    assert.deepEqual(example.sources('build'), []);
    // Every default id is named by the example and lands somewhere.
    for (const id of Catalog.default().ids) assert.ok(example.targets(id).length > 0, id);
  });

  test('an unknown id is unknown_area, in the catalog it belongs to', () => {
    const e = throwsCore(() => example.sources('chanels.chat'), 'unknown_area', { path: 'chanels.chat' });
    assert.equal(e.suggestion, 'channels.chat');
    // A source id is not a target id, and the other way round.
    throwsCore(() => example.sources('knowledge'), 'unknown_area', { path: 'knowledge' });
    throwsCore(() => example.targets('build.knowledge'), 'unknown_area', { path: 'build.knowledge' });
    throwsCore(() => example.targets('knowlege'), 'unknown_area');
  });

  test('a merge takes the lower level and says why', () => {
    const set = member({ messaging: 'edit', widgets: 'none', knowledge: 'edit', 'knowledge.faqs': 'read' });
    const out = example.apply(set);
    assert.deepEqual(Object.keys(out), ['access', 'reductions', 'details', 'dropped', 'opened']);
    assert.ok(out.access instanceof AccessSet);
    assert.equal(out.access.catalog, nav);
    assert.equal(out.access.level('channels.chat'), 'none');
    assert.equal(out.access.level('build.sms'), 'edit');
    assert.equal(out.access.level('build.knowledge'), 'edit');
    assert.equal(out.access.level('build.knowledge.faqs'), 'read');
    assert.equal(out.access.level('build'), 'edit');
    assert.equal(out.access.level('build.flows'), 'none');
    assert.equal(
      out.access.toString(),
      '{"role":"member","permissions":{"build":"edit","build.behavior":"none","build.knowledge.faqs":"read",' +
        '"build.flows":"none","build.tools":"none","build.call_handoffs":"none","build.test_suite":"none",' +
        '"build.realtime_configuration":"none","build.configuration_builder":"none"}}',
    );
    assert.deepEqual(out.reductions, [
      ['messaging', 'merged'],
      ['messaging.chat', 'merged'],
    ]);
    assert.deepEqual(out.details[0], {
      id: 'messaging',
      cause: 'merged',
      before: 'edit',
      after: 'none',
      target: 'channels.chat',
      by: 'widgets',
      by_level: 'none',
      reason: 'merged into `channels.chat` with `widgets` (none)',
    });
    assert.deepEqual(
      out.details.map((d) => Object.keys(d)),
      out.details.map(() => ['id', 'cause', 'before', 'after', 'target', 'by', 'by_level', 'reason']),
    );
    assert.deepEqual(out.dropped, []);
    assert.deepEqual(out.opened, ['build']);
    // The migrated set is a set like any other: strict, and its canonical text loads back.
    assert.deepEqual(out.access.warnings, []);
    assert.ok(AccessSet.fromJson(out.access.toString(), { catalog: nav }).equals(out.access));
  });

  test('an admin keeps its role and its stored levels move like a member’s', () => {
    const out = example.apply(AccessSet.fromJson('{"role":"admin","permissions":{"account":"read"}}'));
    assert.equal(
      out.access.toString(),
      '{"role":"admin","permissions":{"configure":"read","configure.numbers":"none","configure.integrations":"none",' +
        '"configure.metrics":"none","configure.dashboards":"none","configure.csat":"none"}}',
    );
    assert.equal(out.access.role, 'admin');
    assert.equal(out.access.level('build.flows'), 'edit');
  });

  test('a set of another catalog is invalid_migration', () => {
    throwsCore(() => example.apply(AccessSet.admin({ catalog: nav })), 'invalid_migration', {
      message: "invalid migration: the access set is judged against another catalog than the migration's source",
      path: null,
    });
  });

  test('fromObject judges the parsed example exactly as its text', () => {
    const fromObject = Migration.fromObject(JSON.parse(EXAMPLE_TEXT), catalogs);
    assert.deepEqual(fromObject.nodesWithoutSource(), example.nodesWithoutSource());
    for (const name of Catalog.default().presets()) {
      const set = AccessSet.preset(name);
      assert.deepEqual(fromObject.apply(set).details, example.apply(set).details, name);
      assert.ok(fromObject.apply(set).access.equals(example.apply(set).access), name);
    }
  });
});

describe('other migrations', () => {
  test('a clamp is reported under the new parent', () => {
    const a = Catalog.fromJson(
      '{"areas":[{"id":"x","name":"X","children":[{"id":"y","name":"Y"}]},{"id":"q","name":"Q"}]}',
    );
    const b = Catalog.fromJson(
      '{"areas":[{"id":"p","name":"P","children":[{"id":"y","name":"Y"}]},{"id":"x","name":"X"}]}',
    );
    const m = Migration.fromObject({ map: { 'x.y': 'p.y', q: 'p' } }, { source: a, target: b });
    assert.equal(m.canReduce(), true);
    const out = m.apply(member({ x: 'edit', q: 'read' }, a));
    assert.deepEqual(out.reductions, [['x.y', 'clamped']]);
    assert.deepEqual(out.details, [
      {
        id: 'x.y',
        cause: 'clamped',
        before: 'edit',
        after: 'read',
        target: 'p.y',
        by: 'p',
        by_level: 'read',
        reason: 'moved to `p.y` under `p` (read)',
      },
    ]);
    assert.equal(out.access.toString(), '{"role":"member","permissions":{"p":"read","x":"edit"}}');
  });

  test('dropped content is listed only for users who could see it', () => {
    const m = Migration.fromObject(
      { map: { widgets: null, account: [] } },
      { source: Catalog.default(), target: Catalog.default() },
    );
    assert.deepEqual(m.targets('widgets'), []);
    assert.deepEqual(m.sources('widgets'), []);
    assert.deepEqual(m.nodesWithoutSource(), ['widgets', 'account']);
    assert.deepEqual(m.apply(member({ widgets: 'read', account: 'none' })).dropped, ['widgets']);
    assert.deepEqual(m.apply(member({})).dropped, []);
  });

  test('the identity keeps every level, and applying it again changes nothing', () => {
    const d = Catalog.default();
    const m = Migration.fromJson('{}', { source: d, target: d });
    assert.equal(m.canReduce(), false);
    assert.deepEqual(m.nodesWithoutSource(), []);
    for (const name of d.presets()) {
      const set = AccessSet.preset(name);
      const once = m.apply(set);
      assert.deepEqual(once.access.effective(), set.effective(), name);
      assert.deepEqual([once.reductions, once.details, once.dropped, once.opened], [[], [], [], []], name);
      assert.equal(m.apply(once.access).access.toString(), once.access.toString(), name);
    }
  });
});

describe('a workspace migration', () => {
  const ws = Workspace.fromPath(WORKSPACE_PATH);
  const { workspace, report } = ws.migrate(example);

  test('keeps every user, in order, with names, emails and roles', () => {
    assert.ok(workspace instanceof Workspace);
    assert.equal(workspace.catalog, nav);
    assert.equal(workspace.size, ws.size);
    assert.deepEqual(workspace.users(), ws.users());
    assert.deepEqual(workspace.problems, []);
  });

  // The core's report; a core that also writes the two catalogs' versions
  // (`from`, `to`) writes them first, and the rest is unchanged.
  const { from, to, ...counts } = report;

  test('the report names the catalogs’ versions, when the core writes them', () => {
    if (from === undefined) assert.deepEqual(Object.keys(report), Object.keys(counts));
    else assert.deepEqual([from, to], ['2026-06-19', '2027-01-15']);
  });

  test('each user is what apply gives, and the report is what the users lost', () => {
    const losses = [];
    const dropped = new Map();
    const opened = new Map();
    for (const user of ws) {
      const one = example.apply(ws.access(user.id));
      const after = workspace.access(user.id);
      assert.equal(after.toString(), one.access.toString(), user.id);
      assert.deepEqual(after.effective(), one.access.effective(), user.id);
      if (one.details.length > 0 || one.dropped.length > 0) {
        losses.push({ user: user.id, reductions: one.details, dropped: one.dropped });
      }
      for (const id of one.dropped) dropped.set(id, (dropped.get(id) ?? 0) + 1);
      for (const id of one.opened) opened.set(id, (opened.get(id) ?? 0) + 1);
    }
    const inOrder = (catalog, counts) =>
      catalog.ids.filter((id) => counts.has(id)).map((id) => ({ id, users: counts.get(id) }));
    assert.ok(losses.length > 0, 'the example shows someone losing access');
    assert.deepEqual(counts, {
      users: ws.size,
      unchanged: ws.size - losses.length,
      losses,
      dropped: inOrder(Catalog.default(), dropped),
      opened: inOrder(nav, opened),
    });
  });

  test('the report is the core’s JSON, keys in its order', () => {
    assert.deepEqual(Object.keys(counts), ['users', 'unchanged', 'losses', 'dropped', 'opened']);
    assert.deepEqual(Object.keys(report.losses[0]), ['user', 'reductions', 'dropped']);
    assert.equal(report.losses[0].reductions[0].reason.startsWith('merged into `channels.chat`'), true);
    for (const c of [...report.dropped, ...report.opened]) assert.deepEqual(Object.keys(c), ['id', 'users']);
    // A fresh object each time: changing it changes nothing else.
    report.users = -1;
    assert.equal(ws.migrate(example).report.users, ws.size);
  });

  test('a workspace of another catalog is invalid_migration', () => {
    throwsCore(() => workspace.migrate(example), 'invalid_migration', {
      message: "invalid migration: the workspace is judged against another catalog than the migration's source",
    });
  });

  test('an empty workspace gives an empty report', () => {
    const out = Workspace.fromJson('[]').migrate(example);
    assert.equal(out.workspace.size, 0);
    const { from: _from, to: _to, ...empty } = out.report;
    assert.deepEqual(empty, { users: 0, unchanged: 0, losses: [], dropped: [], opened: [] });
  });
});

describe('loading faults', () => {
  // The core's faults, as its own tests list them: each is invalid_migration
  // with the core's words and the offending id or field as `path`.
  const FAULTS = [
    ['[]', 'expected an object, found an array', null],
    ['{"mapp":{}}', 'unknown field `mapp`: expected `from`, `to` or `map`', 'mapp'],
    ['{"from":"2026-06-18"}', "`from` is `2026-06-18` but the source catalog's version is `2026-06-19`", 'from'],
    ['{"to":1}', '`to` must be a string, found a number', 'to'],
    ['{"map":[]}', '`map` must be an object, found an array', 'map'],
    [
      '{"map":{"knowlege":null}}',
      '`map` names `knowlege`, which is not an id of the source catalog: did you mean `knowledge`?',
      'knowlege',
    ],
    [
      '{"map":{"knowledge":"build.knowlege"}}',
      '`knowledge` maps to `build.knowlege`, which is not an id of the target catalog: did you mean `build.knowledge`?',
      'knowledge',
    ],
    [
      '{"map":{"knowledge":["build.flows","build.flows"]}}',
      'the targets of `knowledge` repeat `build.flows`',
      'knowledge',
    ],
    [
      '{"map":{"knowledge":["build.flows",1]}}',
      'the targets of `knowledge` must be strings, found a number',
      'knowledge',
    ],
    [
      '{"map":{"knowledge":true}}',
      'the target of `knowledge` must be an id, a list of ids or null, found a boolean',
      'knowledge',
    ],
  ];

  test('every fault of the shape is invalid_migration, from text and from a value alike', () => {
    for (const [text, words, path] of FAULTS) {
      const e = throwsCore(() => Migration.fromJson(text, catalogs), 'invalid_migration', { path });
      assert.equal(e.message, `invalid migration: ${words}`, text);
      assert.equal(e.status, 400);
      throwsCore(() => Migration.fromObject(JSON.parse(text), catalogs), 'invalid_migration', {
        message: e.message,
        path,
      });
    }
  });

  test('an id left with no home is named, with the way out', () => {
    const e = throwsCore(() => Migration.fromJson('{"map":{}}', catalogs), 'invalid_migration', {
      path: 'analytics.kpis',
    });
    assert.match(e.message, /^invalid migration: `analytics\.kpis` has no home: the target catalog has no such id/);
    assert.match(e.message, /map it to ids of the target catalog, or to null to drop it/);
  });

  test('a version is checked against each catalog, and a catalog with no version matches none', () => {
    throwsCore(() => Migration.fromJson('{"from":"2026-06-19","to":"2027-01-16"}', catalogs), 'invalid_migration', {
      message: "invalid migration: `to` is `2027-01-16` but the target catalog's version is `2027-01-15`",
      path: 'to',
    });
    const bare = Catalog.fromJson('{"areas":[{"id":"a","name":"A"}]}');
    throwsCore(() => Migration.fromJson('{"to":"1"}', { source: bare, target: bare }), 'invalid_migration', {
      message: 'invalid migration: `to` is `1` but the target catalog has no version',
    });
    assert.ok(
      Migration.fromJson('{"from":"2026-06-19","to":"2026-06-19","map":{}}', {
        source: Catalog.default(),
        target: Catalog.default(),
      }) instanceof Migration,
    );
  });

  test('text that is not JSON, or repeats a key, is invalid_migration too', () => {
    for (const [text, words] of [
      ['{"map":{}', 'invalid JSON at line 1'],
      ['', 'invalid JSON'],
      ['{"map":{},"map":{}}', 'duplicate key `map`'],
      ['{"map":{"widgets":null,"widgets":null}}', 'duplicate key `widgets`'],
      ['{"from":"\ud800"}', 'unpaired surrogate'],
    ]) {
      const e = throwsCore(() => Migration.fromJson(text, catalogs), 'invalid_migration', { path: null });
      assert.ok(e.message.startsWith('invalid migration: ') && e.message.includes(words), `${text}: ${e.message}`);
      assert.equal(e.line, undefined);
    }
  });

  test('a value with no JSON text is invalid_migration, at its id or field', () => {
    const cycle = { map: {} };
    cycle.map.knowledge = cycle;
    for (const [value, what, path] of [
      [{ map: { knowledge: 1n } }, 'a BigInt', 'knowledge'],
      [{ map: { knowledge: ['build.flows', Number.NaN] } }, 'NaN', 'knowledge'],
      [{ map: { knowledge: () => 'build' } }, 'a function', 'knowledge'],
      [{ map: new Map() }, 'a Map object', 'map'],
      [{ from: { toJSON: () => '2026-06-19' } }, 'an object with a `toJSON` method', 'from'],
      [1n, 'a BigInt', null],
      [undefined, 'undefined', null],
      [cycle, 'a value that holds a cycle or cannot be read', null],
    ]) {
      throwsCore(() => Migration.fromObject(value, catalogs), 'invalid_migration', {
        message: `invalid migration: ${what} has no JSON text`,
        path,
      });
    }
    const getter = { map: {} };
    Object.defineProperty(getter.map, 'knowledge', { enumerable: true, get: () => 'build.knowledge' });
    throwsCore(() => Migration.fromObject(getter, catalogs), 'invalid_migration', {
      message: 'invalid migration: the accessor property `knowledge` has no JSON text',
      path: 'knowledge',
    });
  });

  test('values JSON.stringify writes are judged as that text', () => {
    // `undefined` entries vanish, as in the text: `widgets` then goes to the same id, which the target lacks.
    throwsCore(() => Migration.fromObject({ map: { widgets: undefined } }, catalogs), 'invalid_migration', {
      path: 'analytics.kpis',
    });
    throwsCore(() => Migration.fromObject(null, catalogs), 'invalid_migration', {
      message: 'invalid migration: expected an object, found null',
    });
    throwsCore(() => Migration.fromObject('{}', catalogs), 'invalid_migration', {
      message: 'invalid migration: expected an object, found a string',
    });
  });

  test('a text beyond the size limit is limit_exceeded, before it is read', () => {
    const e = throwsCore(() => Migration.fromJson(' '.repeat((16 << 20) + 1), catalogs), 'limit_exceeded');
    assert.equal(e.size, (16 << 20) + 1);
    assert.equal(e.limit, 16 << 20);
  });
});

describe('wrong arguments', () => {
  test('the loaders need a string (or a value) and both catalogs', () => {
    const cases = [
      [() => Migration.fromJson(42, catalogs), 'the migration text must be a string, got number'],
      [
        () => Migration.fromJson(new TextEncoder().encode('{}'), catalogs),
        'the migration text must be a string, got object',
      ],
      [() => Migration.fromJson('{}'), 'the `source` option of Migration.fromJson must be a Catalog, got undefined'],
      [
        () => Migration.fromJson('{}', null),
        'the `source` option of Migration.fromJson must be a Catalog, got undefined',
      ],
      [
        () => Migration.fromJson('{}', { source: Catalog.default() }),
        'the `target` option of Migration.fromJson must be a Catalog, got undefined',
      ],
      [
        () => Migration.fromJson('{}', { source: 'default', target: nav }),
        'the `source` option of Migration.fromJson must be a Catalog, got string',
      ],
      [
        () => Migration.fromJson('{}', { source: Catalog.default(), target: JSON.parse(NAV_2027_TEXT) }),
        'the `target` option of Migration.fromJson must be a Catalog, got object',
      ],
      [
        () => Migration.fromJson('{}', { ...catalogs, catalog: nav }),
        'unknown option `catalog` of Migration.fromJson: expected `source` or `target`',
      ],
      [() => Migration.fromJson('{}', 'default'), 'the options of Migration.fromJson must be an object, got string'],
      [() => Migration.fromObject({}), 'the `source` option of Migration.fromObject must be a Catalog, got undefined'],
      [
        () => Migration.fromObject({}, { source: nav, target: [] }),
        'the `target` option of Migration.fromObject must be a Catalog, got an array',
      ],
      [() => new Migration(), 'use Migration.fromJson or Migration.fromObject to get a Migration'],
    ];
    for (const [call, message] of cases) assert.throws(call, { name: 'TypeError', message });
  });

  test('the queries need strings, sets and migrations', () => {
    const cases = [
      [() => example.sources(42), 'the target id must be a string, got number'],
      [() => example.targets(null), 'the source id must be a string, got null'],
      [() => example.apply({ role: 'admin' }), 'apply needs an AccessSet, got object'],
      [() => example.apply('{"role":"admin"}'), 'apply needs an AccessSet, got string'],
      [() => example.apply(), 'apply needs an AccessSet, got undefined'],
      [() => Workspace.fromJson('[]').migrate(EXAMPLE_TEXT), 'migrate needs a Migration, got string'],
      [() => Workspace.fromJson('[]').migrate({ source: Catalog.default() }), 'migrate needs a Migration, got object'],
      [() => Workspace.fromJson('[]').migrate(), 'migrate needs a Migration, got undefined'],
    ];
    for (const [call, message] of cases) assert.throws(call, { name: 'TypeError', message });
  });
});

describe('destructuring and copies', () => {
  test('the queries survive destructuring and being passed as callbacks', () => {
    const { apply, sources, targets, canReduce, nodesWithoutSource } = example;
    assert.equal(canReduce(), true);
    assert.deepEqual(sources('channels.chat'), ['messaging', 'messaging.chat', 'widgets']);
    assert.deepEqual(targets('widgets'), ['channels.chat']);
    assert.deepEqual(nodesWithoutSource(), ['build', 'channels', 'configure']);
    assert.deepEqual(apply(AccessSet.preset('knowledge_editor')).opened, ['build', 'channels', 'configure']);
    throwsCore(() => sources('chanels.chat'), 'unknown_area');
    const sets = ['read_only_reviewer', 'full_developer'].map((name) => AccessSet.preset(name));
    assert.deepEqual(
      sets.map(example.apply).map((out) => out.access.catalog),
      [nav, nav],
    );
    assert.deepEqual(['knowledge', 'widgets'].map(example.targets), [['build.knowledge'], ['channels.chat']]);
    // Each migration's own functions.
    const identity = Migration.fromJson('{}', { source: Catalog.default(), target: Catalog.default() });
    assert.notEqual(identity.apply, example.apply);
    assert.equal(identity.canReduce(), false);
  });

  test('a detached Workspace.migrate says to call it on a workspace', () => {
    const { migrate } = Workspace.fromJson('[]');
    assert.throws(() => migrate(example), {
      name: 'TypeError',
      message: 'migrate must be called on a Workspace: `workspace.migrate(...)`',
    });
    assert.throws(() => Workspace.prototype.migrate.call({}, example), TypeError);
  });

  const NOT_PLAIN = /a Migration is not plain data .*`Migration\.fromJson`/;

  test('structuredClone, postMessage and spreading a migration throw instead of giving {}', () => {
    assert.throws(() => structuredClone(example), { name: 'TypeError', message: NOT_PLAIN });
    assert.throws(() => structuredClone({ migration: example }), NOT_PLAIN);
    assert.throws(() => ({ ...example }).notPlainData.migration, NOT_PLAIN);
    assert.throws(() => JSON.stringify(example), NOT_PLAIN);
    const { port1, port2 } = new MessageChannel();
    try {
      assert.throws(() => port1.postMessage(example), NOT_PLAIN);
    } finally {
      port1.close();
      port2.close();
    }
    // What the message says to send works.
    const again = Migration.fromObject(structuredClone(JSON.parse(EXAMPLE_TEXT)), catalogs);
    assert.deepEqual(again.sources('channels.chat'), example.sources('channels.chat'));
  });

  test('inspecting a migration names its catalogs’ versions', async () => {
    const { inspect } = await import('node:util');
    assert.equal(inspect(example), 'Migration ("2026-06-19" → "2027-01-15")');
  });
});
