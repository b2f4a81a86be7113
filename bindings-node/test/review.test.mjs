// Review tooling in Node: capability changes in workspace diffs, every
// problem of a document at once (AccessSet.validate), records placed by
// position, and the command line through the package's `bin`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AccessSet, Catalog, StudioPermissionsError, Workspace, main } from '../index.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const DATA = join(ROOT, 'examples', 'data');
const BIN = join(HERE, '..', 'bin', 'studio-permissions.js');

test('a promotion to admin carries every capability on every cluster, and sorts first', () => {
  const before = Workspace.fromRecords([
    { user: 'ann', role: 'member', permissions: { flows: 'read' } },
    { user: 'bob', role: 'member', permissions: { flows: 'edit' } },
  ]);
  const after = Workspace.fromRecords([
    { user: 'ann', role: 'member' },
    { user: 'bob', role: 'admin', permissions: { flows: 'edit' } },
  ]);
  const d = before.diff(after);
  assert.deepEqual(
    d.changed.map((c) => c.user),
    ['bob', 'ann'],
  );
  const [bob, ann] = d.changed;
  assert.equal(bob.escalates, true);
  assert.deepEqual(bob.capabilities.slice(0, 2), [
    { name: 'users.manage', cluster: 'standard', before: false, after: true, direction: 'escalation' },
    { name: 'users.manage', cluster: 'enterprise', before: false, after: true, direction: 'escalation' },
  ]);
  assert.equal(bob.capabilities.length, 7);
  assert.match(bob.summary, /^member → admin: every area to edit; gains `users\.manage`/);
  assert.equal(ann.escalates, false);
  assert.deepEqual(ann.capabilities, []);
  assert.equal(ann.summary, '1 area down');
  const back = after.diff(before).changed.find((c) => c.user === 'bob');
  assert.equal(back.escalates, false);
  assert.ok(back.capabilities.every((c) => c.direction === 'reduction'));
});

test("a workspace diff's Markdown is the core's bytes, in a method that survives destructuring", () => {
  // The bytes Rust's `WorkspaceDiff::to_markdown(200)` gives (core/tests/review.rs).
  const { cases } = JSON.parse(readFileSync(join(ROOT, 'tests', 'reviews', 'markdown.json'), 'utf8'));
  const shared = cases.filter((c) => c.limit === 200);
  assert.ok(shared.length >= 3);
  for (const c of shared) {
    const d = Workspace.fromRecords(c.before).diff(Workspace.fromRecords(c.after));
    assert.equal(d.toMarkdown(), c.markdown, c.name);
    const { toMarkdown } = d;
    assert.equal(toMarkdown(), c.markdown, c.name);
    // Plain data still: JSON and structuredClone leave the method out.
    assert.deepEqual(Object.keys(d), ['added', 'removed', 'changed']);
    assert.equal(JSON.stringify(d), JSON.stringify(structuredClone(d)));
  }
});

test("a workspace diff's Markdown is the command line's comment", () => {
  const [before, after] = [join(DATA, 'workspace-2026-10.json'), join(DATA, 'workspace-2026-11.json')];
  const markdown = Workspace.fromPath(before).diff(Workspace.fromPath(after)).toMarkdown();
  assert.ok(markdown.startsWith('## Access review\n\n**51 users gain access.**'));
  assert.equal(bin('diff', before, after, '--format', 'markdown').stdout, markdown);
});

function vectorDocuments() {
  const dir = join(ROOT, 'tests', 'conformance', 'vectors');
  const out = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const c of JSON.parse(readFileSync(join(dir, file), 'utf8')).cases) {
      let catalog;
      try {
        catalog =
          c.catalog && typeof c.catalog === 'object' ? Catalog.fromJson(JSON.stringify(c.catalog)) : Catalog.default();
      } catch {
        continue;
      }
      const docs = 'access' in c ? [c.access] : [];
      for (const cmp of c.expect?.compare ?? []) if ('access' in cmp.to) docs.push(cmp.to.access);
      for (const d of docs) out.push([catalog, typeof d === 'string' ? d : JSON.stringify(d)]);
    }
  }
  return out;
}

test('validate agrees with the strict parse on every shared vector', () => {
  const docs = vectorDocuments();
  assert.ok(docs.length > 300, `${docs.length}`);
  let faulty = 0;
  for (const [catalog, text] of docs) {
    const problems = AccessSet.validate(text, { catalog });
    try {
      AccessSet.fromJson(text, { catalog });
      assert.deepEqual(problems, [], text);
    } catch (err) {
      assert.ok(err instanceof StudioPermissionsError, String(err));
      faulty += 1;
      assert.deepEqual(
        [problems[0].code, problems[0].path, problems[0].message],
        [err.code, err.path, err.message],
        text,
      );
    }
  }
  assert.ok(faulty > 50);
});

test('validate lists every problem of a value, in table then document order', () => {
  const problems = AccessSet.validate({
    role: 'member',
    permissions: { knowledge: 'read', 'knowledge.faqs': 'edit', analytcs: 'read' },
    x: 1,
  });
  assert.deepEqual(
    problems.map((p) => [p.code, p.path]),
    [
      ['invalid_document', 'x'],
      ['unknown_area', 'analytcs'],
      ['subsection_exceeds_parent', 'knowledge.faqs'],
    ],
  );
  assert.deepEqual(
    AccessSet.validate({ role: 1n }).map((p) => p.code),
    ['invalid_document'],
  );
  assert.deepEqual(
    AccessSet.validate('{').map((p) => p.code),
    ['invalid_json'],
  );
  assert.deepEqual(AccessSet.validate({ role: 'admin' }), []);
  assert.throws(() => AccessSet.validate('{}', { catalg: null }), TypeError);
});

test('fromRecords places problems by position', () => {
  const w = Workspace.fromRecords([{ user: 'a', role: 'member' }, { user: 'b', role: 'boss' }, { role: 'member' }], {
    lenient: true,
  });
  assert.deepEqual(
    w.problems.map((p) => [p.line, p.code]),
    [
      [2, 'unknown_role'],
      [3, 'invalid_document'],
    ],
  );
});

test('AccessSet.diff sums up a role change in one line', () => {
  const d = AccessSet.preset('knowledge_editor').diff(AccessSet.admin(), { cluster: 'enterprise' });
  assert.equal(
    d.summary,
    'member → admin: every area to edit; gains `users.manage`, `billing.manage`, `projects.manage`, `studio_assistant.use`',
  );
});

function bin(...args) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
}

test('the bin runs the command line with its exit codes', () => {
  let r = bin('lint', join(DATA, 'workspace-2026-10.json'));
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, 'no problems in 1 file\n', '']);
  r = bin(
    'diff',
    join(DATA, 'workspace-2026-10.json'),
    join(DATA, 'workspace-2026-11.json'),
    '--fail-on',
    'escalation',
  );
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^60 changed/);
  const dir = mkdtempSync(join(tmpdir(), 'sp-bin-'));
  try {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    r = bin('lint', empty);
    assert.deepEqual([r.status, r.stdout, r.stderr], [2, '', `studio-permissions: ${empty}: is empty\n`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => main('lint'), TypeError);
});
