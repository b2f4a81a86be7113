// Workspace: loading an export, the review queries, the snapshot
// diff, and every error path, including the two new error codes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { AccessSet, Catalog, StudioPermissionsError, Workspace, LEVELS } from '../index.mjs';

const RECORDS = [
  { user: 'ada', name: 'Ada', email: 'ada@example.com', role: 'admin' },
  { user: 'bo', role: 'member', permissions: { deployments: 'edit', knowledge: 'read' } },
  {
    user: 'cy',
    role: 'member',
    permissions: {
      analytics: 'read',
      behavior: 'read',
      knowledge: 'read',
      voice: 'read',
      messaging: 'read',
      deployments: 'read',
      account: 'read',
    },
  },
  { user: 'di', role: 'member', permissions: { analytics: 'none', 'analytics.kpis': 'edit' } },
];
const TREE =
  '{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"}]}],"presets":{"viewer":{"a":"read"}},"capabilities":{"x.do":{"roles":["member"]}}}';

/** Asserts that `fn` throws the package's error with this code (and path, and exact message). */
function throwsCore(fn, code, path, message) {
  let thrown;
  assert.throws(fn, (err) => {
    assert.ok(err instanceof StudioPermissionsError, `not a StudioPermissionsError: ${err}`);
    assert.equal(err.code, code, err.message);
    if (path !== undefined) assert.equal(err.path, path);
    if (message !== undefined) assert.equal(err.message, message);
    thrown = err;
    return true;
  });
  return thrown;
}

const ids = (users) => users.map((u) => u.id);

describe('loading', () => {
  test('fromRecords, fromJson and fromJsonLines load the same users', () => {
    const fromRecords = Workspace.fromRecords(RECORDS);
    const fromJson = Workspace.fromJson(JSON.stringify(RECORDS, null, 2));
    const fromLines = Workspace.fromJsonLines(RECORDS.map((r) => JSON.stringify(r)).join('\n\n'));
    for (const ws of [fromRecords, fromJson, fromLines]) {
      assert.equal(ws.size, 4);
      assert.equal(ws.length, 4);
      assert.deepEqual(ws.problems, []);
      assert.deepEqual(ws.users(), [
        { id: 'ada', name: 'Ada', email: 'ada@example.com', role: 'admin' },
        { id: 'bo', name: null, email: null, role: 'member' },
        { id: 'cy', name: null, email: null, role: 'member' },
        { id: 'di', name: null, email: null, role: 'member' },
      ]);
      assert.deepEqual(
        [...ws].map((u) => u.id),
        ['ada', 'bo', 'cy', 'di'],
      );
      assert.equal(ws.catalog, Catalog.default());
    }
    assert.deepEqual(fromRecords.matrix(), fromJson.matrix());
    assert.deepEqual(fromRecords.matrix(), fromLines.matrix());
  });

  test('users are frozen plain objects; users() is a fresh array', () => {
    const ws = Workspace.fromRecords(RECORDS);
    const first = ws.users();
    first.pop();
    assert.equal(ws.users().length, 4);
    assert.ok(Object.isFrozen(ws.users()[0]));
    assert.equal(Object.getPrototypeOf(ws.users()[0]), Object.prototype);
    assert.deepEqual(ws.user('bo'), { id: 'bo', name: null, email: null, role: 'member' });
    assert.equal(ws.user('nobody'), null);
  });

  test('strict loading throws invalid_workspace with every problem, and loads nothing', () => {
    const text = [
      '[',
      '  {"user": "a", "role": "member", "permissions": {"flows": "edit"}},',
      '  {"user": "b", "role": "owner"},',
      '  {"role": "member"},',
      '  {"user": "a", "role": "admin"},',
      '  {"user": "d", "role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}}',
      ']',
    ].join('\n');
    const err = throwsCore(() => Workspace.fromJson(text), 'invalid_workspace', 'b');
    assert.match(err.message, /^invalid workspace: 4 problems; the first: line 3, user `b`: unknown role `owner`/);
    assert.deepEqual(err.problems, [
      {
        line: 3,
        record: 2,
        user: 'b',
        code: 'unknown_role',
        path: 'role',
        message: 'unknown role `owner`: expected `admin` or `member`',
        fatal: true,
      },
      {
        line: 4,
        record: 3,
        user: null,
        code: 'invalid_document',
        path: 'user',
        message: 'invalid document: missing field `user`',
        fatal: true,
      },
      {
        line: 5,
        record: 4,
        user: 'a',
        code: 'duplicate_user',
        path: 'user',
        message: 'user `a` appears more than once',
        fatal: true,
      },
      {
        line: 6,
        record: 5,
        user: 'd',
        code: 'subsection_exceeds_parent',
        path: 'knowledge.faqs',
        message: '`knowledge.faqs` cannot be `edit`: its parent `knowledge` is only `read`',
        fatal: true,
      },
    ]);
    assert.ok(Object.isFrozen(err.problems) && Object.isFrozen(err.problems[0]));
  });

  test('a one-line export numbers its records', () => {
    const text = JSON.stringify([
      { user: 'a', role: 'member' },
      { user: 'b', role: 'boss' },
      { user: 'c', role: 'member', permissions: { flows: 'all' } },
    ]);
    const err = throwsCore(() => Workspace.fromJson(text), 'invalid_workspace', 'b');
    assert.deepEqual(
      err.problems.map((p) => [p.line, p.record, p.code]),
      [
        [1, 2, 'unknown_role'],
        [1, 3, 'invalid_level'],
      ],
    );
    const ws = Workspace.fromJson(text, { lenient: true });
    assert.deepEqual(
      ws.problems.map((p) => [p.line, p.record]),
      [
        [1, 2],
        [1, 3],
      ],
    );
  });

  test('lenient loading keeps the good records and lists warnings and skipped records', () => {
    const text = [
      '[',
      '  {"user": "a", "role": "member", "permissions": {"flows": "edit"}},',
      '  {"user": "b", "role": "owner"},',
      '  {"user": "d", "role": "member", "extra": true, "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}}',
      ']',
    ].join('\n');
    const ws = Workspace.fromJson(text, { lenient: true });
    assert.deepEqual(ids(ws.users()), ['a', 'd']);
    assert.deepEqual(
      ws.problems.map((p) => [p.line, p.user, p.code, p.path, p.fatal]),
      [
        [3, 'b', 'unknown_role', 'role', true],
        [4, 'd', 'unknown_field', 'extra', false],
        [4, 'd', 'subsection_exceeds_parent', 'knowledge.faqs', false],
      ],
    );
    assert.equal(ws.access('d').level('knowledge.faqs'), 'read', 'clamped by the core');
  });

  test('JSON Lines: a line that is not JSON is reported with its line number', () => {
    const text =
      '{"user":"a","role":"admin"}\n\n{"user":"b","role":"member","permissions":{"tools":"read"}}\nnot json\n';
    const err = throwsCore(() => Workspace.fromJsonLines(text), 'invalid_workspace');
    assert.deepEqual(
      err.problems.map((p) => [p.line, p.user, p.code, p.fatal]),
      [[4, null, 'invalid_json', true]],
    );
    const ws = Workspace.fromJsonLines(text, { lenient: true });
    assert.deepEqual(ids(ws.whoCan('tools', 'view')), ['a', 'b']);
  });

  test('text that is not a JSON array is invalid_json, a plain error with its position', () => {
    const err = throwsCore(() => Workspace.fromJson('{"user":"a","role":"admin"}'), 'invalid_json', null);
    assert.equal(err.line, 1);
    assert.equal(err.problems, undefined);
    throwsCore(() => Workspace.fromJson('[{"user":"a","role":"admin"},'), 'invalid_json');
    throwsCore(() => Workspace.fromRecords({ user: 'a', role: 'admin' }), 'invalid_json');
    throwsCore(() => Workspace.fromRecords(null), 'invalid_json');
  });

  test('an unpaired surrogate is refused as JSON by the core, in its record', () => {
    throwsCore(() => Workspace.fromJson('[{"user":"\ud800","role":"admin"}]'), 'invalid_json');
    // The core's reading of host text: the surrogate stands as its escape
    // (the same message, line and column as the escape written out).
    for (const [lone, written] of [
      ['[{"user":"\ud800","role":"admin"}]', '[{"user":"\\ud800","role":"admin"}]'],
      ['[\n{"user":"a","role":"admin","name":"x\udfff"}]', '[\n{"user":"a","role":"admin","name":"x\\udfff"}]'],
    ]) {
      const a = throwsCore(() => Workspace.fromJson(lone), 'invalid_json');
      const b = throwsCore(() => Workspace.fromJson(written), 'invalid_json');
      assert.deepEqual([a.message, a.line, a.column], [b.message, b.line, b.column]);
    }
    const lines =
      '{"user":"a","role":"admin"}\n{"user":"b","name":"\udc00","role":"member"}\n{"user":"c","role":"member"}';
    const ws = Workspace.fromJsonLines(lines, { lenient: true });
    assert.deepEqual(ids(ws.users()), ['a', 'c']);
    assert.deepEqual(
      ws.problems.map((p) => [p.line, p.code]),
      [[2, 'invalid_json']],
    );
    // A well-formed pair is text, kept as is.
    assert.equal(
      Workspace.fromRecords([{ user: 'e', name: '\ud83d\ude00', role: 'admin' }]).user('e').name,
      '\ud83d\ude00',
    );
  });

  test('fromRecords: every answer equals the one for JSON.stringify(records), lines aside', () => {
    const cases = [
      [],
      RECORDS,
      [{ user: 'a', role: 'member', permissions: { knowledge: undefined } }],
      [
        { user: 'a', role: 'member' },
        { user: 'a', role: 'admin' },
      ],
      [1, 'x', null],
      [{ user: 5, role: 'member' }],
      [{ user: 'a', name: 5, role: 'member' }],
      [{ user: '', role: 'member' }],
      [{ user: 'a', role: 'member', permissions: { knowlege: 'read' } }],
      [{ user: 'a', role: '\ud800' }],
    ];
    // fromRecords places a problem by the record's position; the text has every record on line 1.
    const unplaced = (problems) => problems?.map(({ line, ...rest }) => rest);
    const outcome = (fn) => {
      try {
        const ws = fn();
        return { users: ids(ws.users()), problems: unplaced(ws.problems) };
      } catch (err) {
        return { code: err.code, problems: unplaced(err.problems) };
      }
    };
    for (const records of cases) {
      for (const lenient of [false, true]) {
        assert.deepEqual(
          outcome(() => Workspace.fromRecords(records, { lenient })),
          outcome(() => Workspace.fromJson(JSON.stringify(records), { lenient })),
          `${JSON.stringify(records)} (lenient: ${lenient})`,
        );
      }
    }
  });

  test('fromRecords: a value with no JSON text is invalid_document, worded by the core', () => {
    const cycle = [{ user: 'a', role: 'member' }];
    cycle.push(cycle);
    const cases = [
      [
        [
          { user: 'a', role: 'member' },
          { user: 'b', role: 'member', permissions: { flows: NaN } },
        ],
        'flows',
        'NaN in records[1]',
      ],
      [[{ user: 'a', role: 'member', when: new Date(0) }], 'when', 'a Date object in records[0]'],
      [[{ user: 'a', role: 'member', n: 1n }], 'n', 'a BigInt in records[0]'],
      [new Map(), null, 'a Map object'],
      [[new (class Rec {})()], null, 'a Rec object in records[0]'],
      [cycle, null, 'a value that holds a cycle or cannot be read'],
      [undefined, null, 'undefined'],
    ];
    for (const [records, path, what] of cases) {
      for (const lenient of [false, true]) {
        throwsCore(
          () => Workspace.fromRecords(records, { lenient }),
          'invalid_document',
          path,
          `invalid document: ${what} has no JSON text`,
        );
      }
    }
  });

  test('wrong argument types are TypeErrors', () => {
    assert.throws(() => Workspace.fromJson(42), TypeError);
    assert.throws(() => Workspace.fromJsonLines(null), TypeError);
    assert.throws(() => Workspace.fromJson('[]', { lenent: true }), TypeError);
    assert.throws(() => Workspace.fromJson('[]', { lenient: 'yes' }), TypeError);
    assert.throws(() => Workspace.fromRecords([], { catalog: '{}' }), TypeError);
    assert.throws(() => new Workspace(), TypeError);
    const ws = Workspace.fromRecords(RECORDS);
    assert.throws(() => ws.whoCan(1, 'view'), TypeError);
    assert.throws(() => ws.whoCan('flows', undefined), TypeError);
    assert.throws(() => ws.whoHas('users.manage', { clutser: 'enterprise' }), TypeError);
    assert.throws(() => ws.whoHas('users.manage', { cluster: 3 }), TypeError);
    assert.throws(() => ws.user(1), TypeError);
    assert.throws(() => ws.diff(RECORDS), TypeError);
  });
});

describe('queries', () => {
  const ws = Workspace.fromRecords(RECORDS);

  test('toRecords gives export records that load back into the same workspace', () => {
    const records = ws.toRecords();
    assert.equal(records.length, ws.size);
    assert.deepEqual(records[0], {
      user: 'ada',
      name: 'Ada',
      email: 'ada@example.com',
      role: 'admin',
      permissions: {},
    });
    for (const [i, user] of ws.users().entries()) {
      assert.equal(records[i].user, user.id);
      assert.equal(records[i].role, user.role);
      assert.deepEqual(records[i].permissions, ws.access(user.id).toJSON().permissions);
      assert.equal('name' in records[i], user.name !== null);
      assert.equal('email' in records[i], user.email !== null);
    }
    const again = Workspace.fromRecords(records);
    assert.deepEqual(again.toRecords(), records);
    assert.deepEqual(again.matrix(), ws.matrix());
    // A fresh array each time: changing one does not change the workspace.
    records[0].role = 'member';
    assert.equal(ws.toRecords()[0].role, 'admin');
  });

  test('toRecords keeps text that needs escaping exactly', () => {
    const odd = Workspace.fromRecords([{ user: 'q"\\\n\u2028', name: '\ud83d\ude00 "x"', role: 'member' }]);
    assert.deepEqual(odd.toRecords(), [
      { user: 'q"\\\n\u2028', name: '\ud83d\ude00 "x"', role: 'member', permissions: {} },
    ]);
  });

  test('whoCan and whoHas list users in export order', () => {
    assert.deepEqual(ids(ws.whoCan('deployments', 'edit')), ['ada', 'bo']);
    assert.deepEqual(ids(ws.whoCan('knowledge.faqs', 'view')), ['ada', 'bo', 'cy']);
    assert.deepEqual(ids(ws.whoCan('analytics.kpis', 'view')), ['ada', 'cy']);
    assert.deepEqual(ws.whoCan('deployments', 'edit')[0], {
      id: 'ada',
      name: 'Ada',
      email: 'ada@example.com',
      role: 'admin',
    });
    assert.deepEqual(ids(ws.whoHas('users.manage')), ['ada']);
    assert.deepEqual(ids(ws.whoHas('studio_assistant.use')), []);
    assert.deepEqual(ids(ws.whoHas('studio_assistant.use', { cluster: 'enterprise' })), ['ada']);
  });

  test('whoCan and whoHas errors come from the core, left to right', () => {
    throwsCore(
      () => ws.whoCan('deployment', 'edit'),
      'unknown_area',
      'deployment',
      'unknown area `deployment`: did you mean `deployments`?',
    );
    throwsCore(() => ws.whoCan('deployment', 'fly'), 'unknown_area');
    throwsCore(() => ws.whoCan('deployments', 'fly'), 'unknown_action', 'fly');
    throwsCore(() => ws.whoHas('users.manag'), 'unknown_capability', 'users.manag');
    throwsCore(() => ws.whoHas('users.manag', { cluster: 'gov' }), 'unknown_capability');
    throwsCore(() => ws.whoHas('users.manage', { cluster: 'gov' }), 'unknown_cluster', 'gov');
  });

  test("whoCan agrees with each user's own access set", () => {
    for (const id of Catalog.default().ids) {
      for (const action of ['view', 'edit']) {
        const expected = ws.users().filter((u) => ws.access(u.id).can(id, action));
        assert.deepEqual(ws.whoCan(id, action), expected, `${id} ${action}`);
      }
    }
    assert.equal(ws.access('nobody'), null);
    assert.ok(ws.access('bo') instanceof AccessSet);
  });

  test('counts, per node in catalog order', () => {
    const counts = ws.counts();
    assert.deepEqual(Object.keys(counts), [...Catalog.default().ids]);
    assert.deepEqual(counts.deployments, { none: 1, read: 1, edit: 2 });
    assert.deepEqual(counts['analytics.kpis'], { none: 2, read: 1, edit: 1 });
    for (const c of Object.values(counts)) assert.equal(c.none + c.read + c.edit, ws.size);
  });

  test('dormant stored levels and preset matches', () => {
    assert.deepEqual(ws.dormant(), [{ user: 'di', ids: ['analytics.kpis'] }]);
    const matches = ws.presetMatches();
    // Admins have no entry (presets are of role member); `bo` is nearest to
    // operations_manager, `di` (all hidden but a dormant entry) to knowledge_editor.
    assert.deepEqual(
      matches.map((m) => [m.user, m.preset, m.exact]),
      [
        ['bo', 'operations_manager', false],
        ['cy', 'read_only_reviewer', true],
        ['di', 'knowledge_editor', false],
      ],
    );
    const cy = matches.find((m) => m.user === 'cy');
    assert.deepEqual(cy, { user: 'cy', preset: 'read_only_reviewer', exact: true, differences: [] });
    const bo = matches.find((m) => m.user === 'bo');
    assert.ok(bo.differences.length > 0);
    for (const d of bo.differences) {
      assert.deepEqual(Object.keys(d), ['id', 'before', 'after', 'direction']);
      assert.equal(d.after, ws.access('bo').level(d.id));
    }
  });

  test('matrix: users by nodes, the same levels as each access set', () => {
    const m = ws.matrix();
    assert.deepEqual(m.ids, [...Catalog.default().ids]);
    assert.deepEqual(m.users, ['ada', 'bo', 'cy', 'di']);
    assert.equal(m.levels.length, 4);
    m.users.forEach((user, u) => {
      assert.equal(m.levels[u].length, m.ids.length);
      m.ids.forEach((id, n) => {
        assert.equal(m.levels[u][n], ws.access(user).level(id));
      });
    });
    assert.ok(m.levels.flat().every((l) => LEVELS.includes(l)));
  });

  test('an empty export', () => {
    const empty = Workspace.fromRecords([]);
    assert.equal(empty.size, 0);
    assert.deepEqual(empty.whoCan('flows', 'view'), []);
    assert.deepEqual(empty.dormant(), []);
    assert.deepEqual(empty.presetMatches(), []);
    assert.deepEqual(empty.matrix().levels, []);
    assert.deepEqual(empty.counts().flows, { none: 0, read: 0, edit: 0 });
  });

  test('a custom catalog', () => {
    const catalog = Catalog.fromJson(TREE);
    const custom = Workspace.fromRecords(
      [
        { user: 'm', role: 'member', permissions: { a: 'edit', 'a.b': 'read' } },
        { user: 'v', role: 'member', permissions: { a: 'read' } },
        { user: 'z', role: 'admin' },
      ],
      { catalog },
    );
    assert.equal(custom.catalog, catalog);
    assert.deepEqual(ids(custom.whoCan('a.b', 'edit')), ['z']);
    assert.deepEqual(ids(custom.whoHas('x.do')), ['m', 'v']);
    assert.deepEqual(
      custom.presetMatches().map((m) => [m.user, m.preset, m.exact]),
      [
        ['m', 'viewer', false],
        ['v', 'viewer', true],
      ],
    );
    throwsCore(() => custom.whoCan('flows', 'view'), 'unknown_area');
    throwsCore(
      () => Workspace.fromRecords([{ user: 'q', role: 'member', permissions: { flows: 'read' } }], { catalog }),
      'invalid_workspace',
    );
  });
});

describe('diff', () => {
  test('added, removed, and the review order: admin or capability gains, escalations, reductions', () => {
    const before = Workspace.fromRecords([
      { user: 'a', role: 'member', permissions: { flows: 'edit', tools: 'edit' } },
      { user: 'b', role: 'member', permissions: { flows: 'read' } },
      { user: 'c', role: 'member', permissions: { knowledge: 'read' } },
      { user: 'gone', role: 'member' },
    ]);
    const after = Workspace.fromRecords([
      { user: 'new', role: 'member' },
      { user: 'a', role: 'member', permissions: { flows: 'read', tools: 'edit' } },
      { user: 'c', role: 'member', permissions: { knowledge: 'edit', 'knowledge.faqs': 'read' } },
      { user: 'b', role: 'admin', permissions: { flows: 'read' } },
    ]);
    const d = before.diff(after);
    assert.deepEqual(d.added, ['new']);
    assert.deepEqual(d.removed, ['gone']);
    assert.deepEqual(
      d.changed.map((c) => c.user),
      ['b', 'c', 'a'],
    );
    const c = d.changed[1];
    assert.equal(c.role, null);
    assert.deepEqual(
      c.escalations.map((x) => [x.id, x.before, x.after, x.direction]),
      [
        ['knowledge', 'read', 'edit', 'escalation'],
        ['knowledge.sources', 'read', 'edit', 'escalation'],
        ['knowledge.variants', 'read', 'edit', 'escalation'],
      ],
    );
    assert.deepEqual(d.changed[0].role, { before: 'member', after: 'admin' });
    assert.deepEqual(
      d.changed[2].reductions.map((x) => [x.id, x.before, x.after]),
      [['flows', 'edit', 'read']],
    );
    assert.deepEqual(before.diff(before), { added: [], removed: [], changed: [] });
  });

  test('snapshots judged against different catalogs cannot be compared', () => {
    const a = Workspace.fromRecords([]);
    const b = Workspace.fromRecords([], { catalog: Catalog.fromJson(TREE) });
    throwsCore(() => a.diff(b), 'invalid_catalog');
  });
});

describe('limit_exceeded', () => {
  test('a document over the limit is refused with its size and the limit', () => {
    const text = `{"role":"member",${' '.repeat(1 << 20)}"permissions":{}}`;
    const err = throwsCore(() => AccessSet.fromJson(text), 'limit_exceeded', null);
    assert.equal(err.limit, 1 << 20);
    assert.equal(err.size, text.length);
    assert.equal(err.message, `the document is ${text.length} bytes, beyond the limit of ${1 << 20} bytes`);
    throwsCore(() => AccessSet.fromObject({ role: 'member', pad: 'x'.repeat(1 << 20) }), 'limit_exceeded');
  });

  test('a catalog over the limit is refused', () => {
    const text = `{"areas":[{"id":"a","name":"A"}]${' '.repeat(16 << 20)}}`;
    const err = throwsCore(() => Catalog.fromJson(text), 'limit_exceeded');
    assert.equal(err.limit, 16 << 20);
  });
});

describe('fromPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-permissions-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const BAD = [
    '[',
    '  {"user": "a", "role": "member", "permissions": {"flows": "edit"}},',
    '  {"user": "b", "role": "owner"},',
    '  {"user": "a", "role": "admin"},',
    '  {"user": "c", "role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}, "extra": 1}',
    ']',
  ].join('\n');
  const BAD_LINES = JSON.parse(BAD)
    .map((r) => JSON.stringify(r))
    .join('\n');
  const caught = (fn) => {
    try {
      fn();
    } catch (err) {
      return err;
    }
    assert.fail('did not throw');
  };

  test('a JSON array file and a JSON Lines file give the answers of their text', () => {
    for (const [path, text, load] of [
      [file('export.json', BAD), BAD, Workspace.fromJson],
      [file('export.JSONL', `${BAD_LINES}\n`), BAD_LINES, Workspace.fromJsonLines],
      [file('export.ndjson', BAD_LINES), BAD_LINES, Workspace.fromJsonLines],
    ]) {
      const fromFile = Workspace.fromPath(path, { lenient: true });
      const fromText = load.call(Workspace, text, { lenient: true });
      assert.deepEqual(fromFile.users(), fromText.users());
      assert.deepEqual(fromFile.problems, fromText.problems);
      assert.ok(fromFile.problems.length > 0);
      const strict = caught(() => Workspace.fromPath(path));
      assert.ok(strict instanceof StudioPermissionsError && strict.code === 'invalid_workspace');
      assert.equal(strict.message, caught(() => load.call(Workspace, text)).message);
      assert.deepEqual(strict.problems, caught(() => load.call(Workspace, text)).problems);
    }
    const catalog = Catalog.fromJson(TREE);
    const custom = Workspace.fromPath(file('small.jsonl', '{"user":"u","role":"member","permissions":{"a":"read"}}'), {
      catalog,
    });
    assert.equal(custom.catalog, catalog);
    assert.deepEqual(
      custom.whoCan('a.b', 'view').map((u) => u.id),
      ['u'],
    );
  });

  test('a file that is not UTF-8 is invalid_json, worded as for any text', () => {
    const bytes = Buffer.concat([Buffer.from('[{"user": "'), Buffer.from([0xff]), Buffer.from('", "role": "admin"}]')]);
    throwsCore(
      () => Workspace.fromPath(file('latin1.json', bytes)),
      'invalid_json',
      null,
      'invalid JSON at line 1, column 12: the text is not valid UTF-8',
    );
    const lines = Buffer.concat([Buffer.from([0xff]), Buffer.from('\n{"user":"c","role":"member"}')]);
    const ws = Workspace.fromPath(file('latin1.jsonl', lines), { lenient: true });
    assert.deepEqual(
      ws.users().map((u) => u.id),
      ['c'],
    );
    assert.deepEqual(
      ws.problems.map((p) => [p.line, p.code, p.message]),
      [[1, 'invalid_json', 'invalid JSON at line 1, column 1: the text is not valid UTF-8']],
    );
    throwsCore(() => Workspace.fromPath(file('object.json', '{}')), 'invalid_json', null);
  });

  test('a missing file or a folder throws the error node:fs throws, naming the path', () => {
    const missing = join(dir, 'missing.json');
    const err = caught(() => Workspace.fromPath(missing));
    const fsErr = caught(() => readFileSync(missing));
    assert.ok(!(err instanceof StudioPermissionsError));
    assert.deepEqual(
      [err.message, err.code, err.errno, err.syscall, err.path],
      [fsErr.message, 'ENOENT', fsErr.errno, 'open', missing],
    );
    const folder = caught(() => Workspace.fromPath(dir));
    assert.deepEqual(
      [folder.code, folder.errno, folder.syscall, folder.path],
      ['EISDIR', caught(() => readFileSync(dir)).errno, 'read', dir],
    );
    assert.equal(folder.message, `EISDIR: illegal operation on a directory, read '${dir}'`);
  });

  test('wrong argument types are TypeErrors', () => {
    for (const call of [
      () => Workspace.fromPath(1),
      () => Workspace.fromPath(undefined),
      () => Workspace.fromPath(join(dir, 'x.json'), { lenient: 1 }),
      () => Workspace.fromPath(join(dir, 'x.json'), { strict: true }),
    ]) {
      assert.throws(call, TypeError);
    }
  });
});
