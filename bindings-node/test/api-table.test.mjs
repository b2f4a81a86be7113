// The package's public names against docs/api.md, both ways: every Node name
// in the table exists, and every public name of Catalog, AccessSet,
// Workspace and Migration (statics and prototype members), every own name of
// the plain records Diff and WorkspaceDiff, and every export has a row; and the same for the browser client's column (`Client`: the
// AccessSet and Package tables) against `studio-permissions/client`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as client from '../client/index.mjs';
import * as esm from '../index.mjs';
import pkg from '../index.mjs';

const API_TABLE = new URL('../../docs/api.md', import.meta.url);
const CLASSES = ['Catalog', 'AccessSet', 'Workspace', 'Migration'];
// Results that are plain objects: their own names (methods not enumerable
// included), read off a sample.
const RECORDS = {
  Diff: () => pkg.AccessSet.admin().diff(pkg.AccessSet.member()),
  WorkspaceDiff: () => pkg.Workspace.fromJson('[]').diff(pkg.Workspace.fromJson('[]')),
};
const SECTIONS = [...CLASSES, ...Object.keys(RECORDS), 'Package'];
// Symbols a class may implement that make an operation: `for (const u of x)`.
const SYMBOLS = new Map([[Symbol.iterator, '[Symbol.iterator]']]);
// What every function has and no package chose.
const FUNCTION_OWN = new Set(['length', 'name', 'prototype']);

/** The names in `language`'s column, per section of the table (`sections`: the tables that have that column). */
function tableNames(text, language, sections = SECTIONS) {
  const names = new Map();
  let section = '';
  let column = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) {
      section = line.slice(3).trim();
      column = null;
      continue;
    }
    if (!line.startsWith('|') || !sections.includes(section)) continue;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    if (cells[0] === 'operation') {
      column = cells.indexOf(language);
      if (column < 0) throw new Error(`docs/api.md, section ${section}: no \`${language}\` column`);
      if (!names.has(section)) names.set(section, new Set());
      continue;
    }
    if (cells.every((c) => /^[-:]*$/.test(c))) continue;
    if (column === null || column >= cells.length) {
      throw new Error(`docs/api.md, section ${section}: a row without a ${language} cell: ${line}`);
    }
    const cell = cells[column];
    if (cell.startsWith('—')) continue;
    for (const [i, span] of cell.split('`').entries()) if (i % 2 === 1) names.get(section).add(span);
  }
  const missing = sections.find((s) => !names.has(s));
  if (missing) throw new Error(`docs/api.md: no \`## ${missing}\` table`);
  return names;
}

function publicNames(cls) {
  const statics = Object.getOwnPropertyNames(cls).filter((n) => !FUNCTION_OWN.has(n));
  const members = Object.getOwnPropertyNames(cls.prototype).filter((n) => n !== 'constructor');
  const symbols = Object.getOwnPropertySymbols(cls.prototype)
    .filter((s) => SYMBOLS.has(s))
    .map((s) => SYMBOLS.get(s));
  return new Set([...statics, ...members, ...symbols]);
}

// Methods bound to their object may be own fields of each instance (a
// Migration's: so that they survive destructuring) rather than prototype
// members: read them off a sample. (An AccessSet's checks are prototype
// getters that give bound functions, found on the prototype.)
const SAMPLES = {
  Catalog: () => pkg.Catalog.default(),
  AccessSet: () => pkg.AccessSet.admin(),
  Workspace: () => pkg.Workspace.fromJson('[]'),
  Migration: () => pkg.Migration.fromJson('{}', { source: pkg.Catalog.default(), target: pkg.Catalog.default() }),
};

function boundNames(section) {
  const sample = SAMPLES[section]();
  return Object.getOwnPropertyNames(sample).filter(
    (n) => typeof Object.getOwnPropertyDescriptor(sample, n).value === 'function',
  );
}

function has(cls, name) {
  const symbol = [...SYMBOLS].find(([, label]) => label === name);
  if (symbol) return Object.getOwnPropertySymbols(cls.prototype).includes(symbol[0]);
  return Object.hasOwn(cls, name) || Object.hasOwn(cls.prototype, name);
}

test('the public names match docs/api.md', () => {
  const table = tableNames(readFileSync(API_TABLE, 'utf8'), 'Node');
  const missingInPackage = [];
  const missingInTable = [];
  for (const section of CLASSES) {
    const cls = pkg[section];
    const names = table.get(section);
    const bound = boundNames(section);
    for (const n of names) if (!has(cls, n) && !bound.includes(n)) missingInPackage.push(`${section}: ${n}`);
    for (const n of [...publicNames(cls), ...bound]) if (!names.has(n)) missingInTable.push(`${section}: ${n}`);
  }
  for (const [section, sample] of Object.entries(RECORDS)) {
    const names = table.get(section);
    const own = Object.getOwnPropertyNames(sample());
    for (const n of names) if (!own.includes(n)) missingInPackage.push(`${section}: ${n}`);
    for (const n of own) if (!names.has(n)) missingInTable.push(`${section}: ${n}`);
  }
  const exported = new Set(Object.keys(pkg));
  const packageNames = table.get('Package');
  for (const n of packageNames) if (!exported.has(n)) missingInPackage.push(`Package: ${n}`);
  for (const n of exported) if (!packageNames.has(n)) missingInTable.push(`Package: ${n}`);
  assert.deepEqual(
    { missingInPackage, missingInTable },
    { missingInPackage: [], missingInTable: [] },
    'docs/api.md and the package disagree: missingInPackage names are in the table but not in the package, ' +
      'missingInTable names are public but in no row of the table',
  );
});

test("the client's public names match the Client column of docs/api.md", () => {
  const table = tableNames(readFileSync(API_TABLE, 'utf8'), 'Client', ['AccessSet', 'Package']);
  const { AccessView } = client;
  const sample = AccessView.from(pkg.AccessSet.admin().view());
  // Bound methods are own fields of each view, like the server's checks.
  const bound = Object.getOwnPropertyNames(sample).filter((n) => typeof sample[n] === 'function');
  const names = new Set([...publicNames(AccessView), ...bound]);
  const exported = new Set(Object.keys(client));
  assert.deepEqual(
    {
      missingInClient: [
        ...[...table.get('AccessSet')].filter((n) => !names.has(n)).map((n) => `AccessSet: ${n}`),
        ...[...table.get('Package')].filter((n) => !exported.has(n)).map((n) => `Package: ${n}`),
      ],
      missingInTable: [
        ...[...names].filter((n) => !table.get('AccessSet').has(n)).map((n) => `AccessSet: ${n}`),
        ...[...exported].filter((n) => !table.get('Package').has(n)).map((n) => `Package: ${n}`),
      ],
    },
    { missingInClient: [], missingInTable: [] },
    'docs/api.md and studio-permissions/client disagree',
  );
  // The methods the client and the server share are in the same rows: the Node
  // and Client cells of a row hold the same names.
  const server = tableNames(readFileSync(API_TABLE, 'utf8'), 'Node').get('AccessSet');
  for (const shared of ['level', 'can', 'capability', 'visible', 'role']) {
    assert.ok(server.has(shared) && table.get('AccessSet').has(shared), shared);
  }
  assert.deepEqual(bound.sort(), ['can', 'capability', 'level', 'name', 'visible']);
});

test('the ESM entry exports what the CommonJS entry exports', () => {
  const named = Object.keys(esm).filter((n) => n !== 'default');
  assert.deepEqual(named.sort(), Object.keys(pkg).sort());
});

test('the table parser reads names, skips dashes and refuses a malformed table', () => {
  const text = [
    '## Catalog',
    '| operation | Rust | Python | Node |',
    '|---|---|---|---|',
    '| a | `len` | `__len__` | — (`ids.length`) |',
    '| b | — | `__iter__` | `users`, `[Symbol.iterator]` |',
    '## AccessSet',
    '| operation | Node |',
    '|--|--|',
    '| c | `can` |',
    '## Workspace',
    '| operation | Node | Python |',
    '|--|--|--|',
    '## Diff',
    '| operation | Node | Python |',
    '|--|--|--|',
    '## WorkspaceDiff',
    '| operation | Node | Python |',
    '|--|--|--|',
    '## Migration',
    '| operation | Node | Python |',
    '|--|--|--|',
    '## Package',
    '| operation | Python | Node |',
    '|--|--|--|',
  ].join('\n');
  const names = tableNames(text, 'Node');
  assert.deepEqual([...names.get('Catalog')], ['users', '[Symbol.iterator]']);
  assert.deepEqual([...names.get('AccessSet')], ['can']);
  assert.equal(names.get('Workspace').size, 0);
  assert.throws(() => tableNames(text, 'Python'), /section AccessSet: no `Python` column/);
  assert.throws(() => tableNames('## Catalog\n| operation | Node |\n', 'Node'), /no `## AccessSet` table/);
  // A column only some tables have is read from those.
  assert.deepEqual([...tableNames(text, 'Node', ['AccessSet']).get('AccessSet')], ['can']);
});
