// The conformance runner itself: it passes good cases, fails a case with a
// wrong expectation, and refuses vectors it cannot understand. The shared
// vectors themselves run once, in `make test-node`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('../../tests/conformance/run.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sp-vectors-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function vector(name, cases) {
  const file = join(dir, name);
  writeFileSync(file, typeof cases === 'string' ? cases : JSON.stringify({ cases }));
  return file;
}

function runner(...files) {
  const r = spawnSync(process.execPath, [RUNNER, ...files], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, lines: r.stdout.trimEnd().split('\n'), stderr: r.stderr };
}

const GOOD = {
  name: 'a parent at none hides a sub-section',
  access: { role: 'member', permissions: { 'analytics.kpis': 'read' } },
  expect: { levels: { 'analytics.kpis': 'none' }, explain: { 'analytics.kpis': 'parent_none' }, visible: [] },
};

test('good cases pass and the count is printed last', () => {
  const r = runner(
    vector('good.json', [GOOD, { name: 'error', access: '{"role":1}', expect: { error: 'invalid_document' } }]),
  );
  assert.equal(r.status, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, ['2 passed, 0 failed']);
});

test('a wrong expectation fails the case, names it and exits 1', () => {
  const wrong = { ...GOOD, name: 'wrong on purpose', expect: { levels: { 'analytics.kpis': 'read' } } };
  const wrongError = { name: 'wrong error', preset: 'knowledge_editor', expect: { error: 'unknown_preset' } };
  const wrongCompare = {
    name: 'wrong compare',
    preset: 'knowledge_editor',
    expect: { compare: [{ to: { preset: 'full_developer' }, within: false, role_change: ['member', 'admin'] }] },
  };
  const file = vector('wrong.json', [GOOD, wrong, wrongError, wrongCompare]);
  const r = runner(file);
  assert.equal(r.status, 1);
  assert.deepEqual(r.lines, [
    `FAIL ${file}: wrong on purpose: level(analytics.kpis): expected "read", got ok "none"`,
    `FAIL ${file}: wrong error: expected error unknown_preset, got a set {"role":"member","permissions":{"analytics":"read","behavior":"read","knowledge":"edit","voice":"read","messaging":"read","deployments":"none","account":"none"}}`,
    `FAIL ${file}: wrong compare: within({"preset":"full_developer"}): expected false, got ok true; role_change({"preset":"full_developer"}): expected ["member","admin"], got null`,
    '1 passed, 3 failed',
  ]);
});

test('a case it cannot understand, or a file it cannot read, exits 2', () => {
  const typo = vector('typo.json', [{ ...GOOD, expect: { level: {} } }]);
  const both = vector('both.json', [{ name: 'both', preset: 'knowledge_editor', access: {} }]);
  const broken = vector('broken.json', '{"cases": [');
  const r = runner(typo, both, broken, join(dir, 'missing.json'));
  assert.equal(r.status, 2);
  assert.equal(r.lines.length, 5);
  assert.match(
    r.lines[0],
    /typo\.json: a parent at none hides a sub-section: malformed case: unknown expect key `level`$/,
  );
  assert.match(r.lines[1], /both\.json: both: malformed case: needs exactly one of `access` and `preset`$/);
  assert.match(r.lines[2], /broken\.json: not JSON/);
  assert.match(r.lines[3], /missing\.json: cannot read/);
  assert.equal(r.lines[4], '0 passed, 4 failed');
  assert.equal(runner().status, 2, 'no files is a usage error');
});

const WS_GOOD = {
  name: 'workspace: who can edit flows',
  workspace: [
    { user: 'a', role: 'admin' },
    { user: 'b', role: 'member', permissions: { flows: 'read' } },
  ],
  after: [{ user: 'b', role: 'member', permissions: { flows: 'edit' } }],
  expect: {
    users: ['a', 'b'],
    problems: [],
    who_can: [
      ['flows', 'edit', ['a']],
      ['flow', 'edit', 'unknown_area'],
    ],
    who_has: [['users.manage', 'gov', 'unknown_cluster']],
    counts: { flows: [0, 1, 1] },
    preset_matches: { b: ['knowledge_editor', false] },
    diff: { added: [], removed: ['a'], changed: [['b', null, ['flows'], []]] },
  },
};

test('workspace cases: good ones pass, a wrong expectation exits 1', () => {
  const strictProblems = {
    name: 'workspace: strict problems',
    format: 'jsonl',
    workspace: '{"user":"a","role":"admin"}\nnot json\n{"user":"a","role":"member"}',
    expect: {
      error: 'invalid_workspace',
      problems: [
        [2, null, 'invalid_json', true],
        [3, 'a', 'duplicate_user', true],
      ],
    },
  };
  const good = runner(vector('ws-good.json', [WS_GOOD, strictProblems]));
  assert.equal(good.status, 0, good.lines.join('\n'));
  assert.deepEqual(good.lines, ['2 passed, 0 failed']);

  const wrongUsers = { ...WS_GOOD, name: 'wrong users', expect: { who_can: [['flows', 'edit', ['b']]] } };
  const wrongProblems = {
    ...strictProblems,
    name: 'wrong problems',
    expect: { error: 'invalid_workspace', problems: [] },
  };
  const noError = { ...WS_GOOD, name: 'no error', expect: { error: 'invalid_workspace' } };
  const file = vector('ws-wrong.json', [wrongUsers, wrongProblems, noError]);
  const r = runner(file);
  assert.equal(r.status, 1);
  assert.deepEqual(r.lines, [
    `FAIL ${file}: wrong users: who_can(flows, edit): expected ["b"], got ["a"]`,
    `FAIL ${file}: wrong problems: problems: expected [], got [[2,null,"invalid_json",true],[3,"a","duplicate_user",true]]`,
    `FAIL ${file}: no error: expected error "invalid_workspace", got a workspace`,
    '0 passed, 3 failed',
  ]);
});

test('a workspace case it cannot understand exits 2', () => {
  const cases = [
    { ...WS_GOOD, name: 'stray key', ops: [] },
    { ...WS_GOOD, name: 'stray expect key', expect: { who_can_edit: [] } },
    { ...WS_GOOD, name: 'bad format', format: 'csv' },
    { name: 'not a list', workspace: { user: 'a' } },
    { name: 'diff without after', workspace: [], expect: { diff: { added: [], removed: [], changed: [] } } },
    { name: 'bad who_can item', workspace: [], expect: { who_can: [['flows']] } },
  ];
  const file = vector('ws-malformed.json', cases);
  const r = runner(file);
  assert.equal(r.status, 2, r.lines.join('\n'));
  assert.equal(r.lines.length, cases.length + 1);
  for (const line of r.lines.slice(0, -1)) assert.match(line, /: malformed case: /);
  assert.equal(r.lines.at(-1), `0 passed, ${cases.length} failed`);
});

test('an op with a stray key is malformed, as in the Rust and Python runners', () => {
  const file = vector('stray-op.json', [
    { name: 'stray op key', preset: 'knowledge_editor', ops: [{ clear: 'knowledge', level: 'read' }] },
  ]);
  const r = runner(file);
  assert.equal(r.status, 2);
  assert.match(r.lines[0], /stray op key: malformed case: op /);
});

// Migration cases (`migrate` and `expect.migrated`): a sub-section moves under
// a new parent whose content came from a lower area, so it is clamped.
const FROM = {
  areas: [
    { id: 'x', name: 'X', children: [{ id: 'y', name: 'Y' }] },
    { id: 'q', name: 'Q' },
  ],
};
const TO = {
  areas: [
    { id: 'p', name: 'P', children: [{ id: 'y', name: 'Y' }] },
    { id: 'x', name: 'X' },
  ],
};
const MIGRATE_GOOD = {
  name: 'migrate: a clamp under the new parent',
  catalog: FROM,
  access: { role: 'member', permissions: { x: 'edit', q: 'read' } },
  migrate: { to_catalog: TO, migration: { map: { 'x.y': 'p.y', q: 'p' } } },
  expect: {
    levels: { x: 'edit' },
    migrated: {
      document: { role: 'member', permissions: { p: 'read', x: 'edit' } },
      levels: { p: 'read', 'p.y': 'read', x: 'edit' },
      reductions: [['x.y', 'clamped']],
      dropped: [],
      opened: [],
    },
  },
};

test('migration cases: objects and strings load, load failures are expect.migrated.error', () => {
  const asText = {
    ...MIGRATE_GOOD,
    name: 'migrate: the migration as JSON text',
    migrate: { ...MIGRATE_GOOD.migrate, migration: '{"map":{"x.y":"p.y","q":"p"}}' },
  };
  const merge = {
    name: 'migrate: merged into the default catalog, q dropped',
    catalog: FROM,
    access: { role: 'member', permissions: { x: 'read', q: 'edit' } },
    ops: [{ set: 'x.y', level: 'none' }],
    migrate: { to_catalog: 'default', migration: { map: { x: 'flows', 'x.y': 'flows', q: null } } },
    expect: { migrated: { reductions: [['x', 'merged']], dropped: ['q'], opened: [] } },
  };
  const errors = [
    ['bad target catalog', { to_catalog: { areas: [] }, migration: {} }, 'invalid_catalog'],
    ['not JSON', { to_catalog: TO, migration: '{"map":' }, 'invalid_migration'],
    ['repeated key', { to_catalog: TO, migration: '{"map":{},"map":{}}' }, 'invalid_migration'],
    ['unknown source id', { to_catalog: TO, migration: { map: { z: null } } }, 'invalid_migration'],
    ['no home', { to_catalog: TO, migration: {} }, 'invalid_migration'],
    ['not an object', { to_catalog: TO, migration: null }, 'invalid_migration'],
  ].map(([name, migrate, error]) => ({ ...MIGRATE_GOOD, name, migrate, expect: { migrated: { error } } }));
  const before = { ...MIGRATE_GOOD, name: 'fails before', access: '{', expect: { error: 'invalid_json' } };
  const cases = [MIGRATE_GOOD, asText, merge, ...errors, before];
  const r = runner(vector('migrate-good.json', cases));
  assert.equal(r.status, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, [`${cases.length} passed, 0 failed`]);
});

test('migration cases: a wrong expectation fails the case and exits 1', () => {
  const wrong = (name, migrated, migrate = MIGRATE_GOOD.migrate) => ({
    ...MIGRATE_GOOD,
    name,
    migrate,
    expect: { migrated },
  });
  const file = vector('migrate-wrong.json', [
    wrong('wrong document', { document: { role: 'member', permissions: { p: 'edit', x: 'edit' } } }),
    wrong('a wrong level and an unknown id', { levels: { p: 'edit', 'p.z': 'none' } }),
    wrong('wrong reductions', { reductions: [['x.y', 'merged']] }),
    wrong('wrong dropped and opened', { dropped: ['q'], opened: ['p'] }),
    wrong('no error', { error: 'invalid_migration' }),
    wrong('another error', { error: 'invalid_catalog' }, { to_catalog: TO, migration: {} }),
    wrong('unexpected error', { opened: [] }, { to_catalog: TO, migration: '[]' }),
  ]);
  const r = runner(file);
  assert.equal(r.status, 1, r.lines.join('\n'));
  assert.deepEqual(r.lines, [
    `FAIL ${file}: wrong document: migrated.document: expected {"role":"member","permissions":{"p":"edit","x":"edit"}}, got {"role":"member","permissions":{"p":"read","x":"edit"}}`,
    `FAIL ${file}: a wrong level and an unknown id: migrated.level(p): expected edit, got read; migrated.level(p.z): expected none, got error unknown_area`,
    `FAIL ${file}: wrong reductions: migrated.reductions: expected [["x.y","merged"]], got [["x.y","clamped"]]`,
    `FAIL ${file}: wrong dropped and opened: migrated.dropped: expected ["q"], got []; migrated.opened: expected ["p"], got []`,
    `FAIL ${file}: no error: migrated: expected error invalid_migration, got a set {"role":"member","permissions":{"p":"read","x":"edit"}}`,
    `FAIL ${file}: another error: migrated: expected error invalid_catalog, got error invalid_migration (invalid migration: \`x.y\` has no home: the target catalog has no such id and \`map\` does not name it (map it to ids of the target catalog, or to null to drop it): did you mean \`p.y\`?)`,
    `FAIL ${file}: unexpected error: migrated: unexpected error invalid_migration (invalid migration: expected an object, found an array)`,
    '0 passed, 7 failed',
  ]);
});

test('a migration case it cannot understand exits 2', () => {
  const { migrated, ...expectNoMigrated } = MIGRATE_GOOD.expect;
  const cases = [
    { ...MIGRATE_GOOD, name: 'migrate without expect.migrated', expect: expectNoMigrated },
    { ...MIGRATE_GOOD, name: 'expect.migrated without migrate', migrate: undefined },
    { ...MIGRATE_GOOD, name: 'stray migrate key', migrate: { ...MIGRATE_GOOD.migrate, mode: 'lenient' } },
    { ...MIGRATE_GOOD, name: 'stray expect.migrated key', expect: { migrated: { ...migrated, warnings: [] } } },
    { ...MIGRATE_GOOD, name: 'no target catalog', migrate: { migration: {} } },
    { ...MIGRATE_GOOD, name: 'no migration', migrate: { to_catalog: TO } },
    { ...MIGRATE_GOOD, name: 'migrate not an object', migrate: 'default' },
  ];
  const file = vector('migrate-malformed.json', cases);
  const r = runner(file);
  assert.equal(r.status, 2, r.lines.join('\n'));
  assert.equal(r.lines.length, cases.length + 1);
  for (const line of r.lines.slice(0, -1)) assert.match(line, /: malformed case: /);
  assert.match(r.lines[0], /go together$/);
  assert.match(r.lines[2], /unknown migrate key `mode`$/);
  assert.match(r.lines[3], /unknown expect.migrated key `warnings`$/);
  assert.equal(r.lines.at(-1), `0 passed, ${cases.length} failed`);
});
