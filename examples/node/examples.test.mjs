// The examples are tests: the TypeScript quickstart compiles under --strict
// and runs, and the demo prints the navigation of every preset.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

test('the quickstart compiles with tsc --strict and runs', () => {
  const out = here('node_modules/.cache/quickstart/');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}package.json`, '{"type":"module"}');
  const tsc = spawnSync(
    process.execPath,
    [here('node_modules/typescript/bin/tsc'), '-p', here('tsconfig.json'), '--noEmit', 'false', '--outDir', out],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  const run = spawnSync(process.execPath, [`${out}quickstart.js`], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(
    run.stdout,
    [
      'knowledge.faqs: edit',
      'may edit knowledge.sources: false',
      'may view analytics.kpis: true',
      'unknown_area: unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?',
      'denied (explicit): level read, needs edit',
      'permission denied: `view` on `deployments` needs `read`, the level is `none` (not_granted) [not_granted]',
      '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","deployments":"read"}}',
      'promoted grants more: true',
      '  knowledge.sources: edit -> read',
      '  deployments: read -> none',
      '  deployments.environments: read -> none',
      '  deployments.ab_testing: read -> none',
      '  deployments.compare_versions: read -> none',
      '  deployments.project_history: read -> none',
      'operations_manager may manage users: false',
      'admin on enterprise may use the assistant: true',
      'docs.drafts: read',
      '',
    ].join('\n'),
  );
});

test('the demo prints every preset with its navigation and decisions', () => {
  const run = spawnSync(process.execPath, [here('demo.mjs')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.deepEqual(
    lines.filter((l) => /^\S/.test(l)),
    ['read_only_reviewer', 'knowledge_editor', 'full_developer', 'operations_manager'],
  );
  assert.ok(lines.includes('    edit knowledge.faqs -> allowed: level edit, needs edit, reason inherited'));
  assert.equal(lines.at(-1), '', 'ends with a newline');
});
