// The package as users get it: CommonJS and ESM entries, one version, the
// files it ships, and types that match the core and catch typos.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esm from 'studio-permissions';
import { currentBlock, generatedBlock } from '../scripts/default-catalog-types.mjs';

const require = createRequire(import.meta.url);
const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

test('require and import give the same working module', () => {
  const cjs = require('studio-permissions');
  assert.equal(cjs, require('../index.js'));
  assert.equal(esm.AccessSet, cjs.AccessSet);
  assert.equal(esm.default, cjs);
  for (const name of Object.keys(cjs)) assert.equal(esm[name], cjs[name], name);
  const fromCjs = cjs.AccessSet.preset('knowledge_editor');
  assert.ok(fromCjs instanceof esm.AccessSet);
  assert.equal(fromCjs.can('knowledge.faqs', 'edit'), true);
  assert.equal(esm.AccessSet.admin().can('account', 'delete'), true);
});

test('the web drop-ins: the same module by require and import, the frameworks optional peers', async () => {
  const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8'));
  for (const framework of ['express', 'fastify']) {
    const cjs = require(`studio-permissions/${framework}`);
    const mjs = await import(`studio-permissions/${framework}`);
    assert.deepEqual(Object.keys(cjs).sort(), ['UnauthenticatedError', 'accessGuard', 'errorHandler']);
    for (const name of Object.keys(cjs)) assert.equal(mjs[name], cjs[name], `${framework}: ${name}`);
    assert.equal(pkg.peerDependenciesMeta[framework].optional, true);
    assert.ok(pkg.peerDependencies[framework]);
    assert.equal(pkg.dependencies?.[framework], undefined, `${framework} must not be a dependency`);
    // The drop-in never loads its framework: it stays optional.
    const r = spawnSync(
      process.execPath,
      ['-e', `require('studio-permissions/${framework}'); const loaded = Object.keys(require.cache).filter((f) => f.includes('/node_modules/${framework}/')); console.log(loaded.length)`],
      { cwd: root(''), encoding: 'utf8' },
    );
    assert.equal(r.stdout, '0\n', r.stderr);
  }
});

test('require and import work from a separate process too', () => {
  const cjs = spawnSync(process.execPath, ['-e', "const p = require('studio-permissions'); console.log(p.AccessSet.admin().level('flows'))"], {
    cwd: root(''),
    encoding: 'utf8',
  });
  assert.equal(cjs.stdout, 'edit\n', cjs.stderr);
  const mjs = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', "import { AccessSet } from 'studio-permissions'; console.log(AccessSet.fromJson('{\"role\":\"member\"}').level('flows'))"],
    { cwd: root(''), encoding: 'utf8' },
  );
  assert.equal(mjs.stdout, 'none\n', mjs.stderr);
});

test('one version: package.json, the Cargo workspace and the addon agree', () => {
  const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8'));
  const cargo = readFileSync(root('../Cargo.toml'), 'utf8');
  const section = cargo.slice(cargo.indexOf('[workspace.package]'));
  const version = /^version\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  assert.equal(pkg.version, version);
  assert.equal(esm.version, version);
  assert.equal(pkg.name, 'studio-permissions');
});

test('npm pack ships the entries, types and addon, not the Rust sources', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root(''), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  const webDropIns = ['express', 'fastify'].flatMap((f) => [`lib/${f}.js`, `lib/${f}.mjs`, `lib/${f}.d.ts`, `lib/${f}.d.mts`]);
  for (const wanted of ['index.js', 'index.mjs', 'index.d.ts', 'index.d.mts', 'lib/errors.js', 'lib/host-value.js', 'lib/http.js', 'lib/http.d.ts', ...webDropIns, 'browser.mjs', 'client/index.mjs', 'client/index.d.mts', 'native/index.js', 'native/index.d.ts', 'package.json']) {
    assert.ok(files.includes(wanted), `${wanted} missing from ${files}`);
  }
  assert.ok(files.some((f) => /^native\/studio-permissions\..*\.node$/.test(f)), 'the addon');
  assert.ok(!files.some((f) => f.startsWith('src/') || f === 'Cargo.toml' || f.startsWith('test/')), files.join(' '));
});

test("index.d.ts lists the default catalog's ids, presets and capabilities", () => {
  const text = readFileSync(root('index.d.ts'), 'utf8');
  assert.equal(currentBlock(text), generatedBlock(), 'run node scripts/default-catalog-types.mjs');
  assert.ok(!/(export|declare) const enum/.test(text), 'string-literal unions, not const enums');
});

test('the types refuse typos (tsc --strict over test/types-check*.ts, the web drop-ins included)', () => {
  const tsc = root('node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', root('test/tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
