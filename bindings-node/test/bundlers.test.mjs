// Bundling the package: a browser build of the root gets a module that stops
// at import and names `studio-permissions/client`; a Node bundle of the root
// (only the `.node` addon left external) runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Bundles `source` as if it sat in the package (so `studio-permissions` resolves to it). */
async function bundle(source, options) {
  const out = await build({
    stdin: { contents: source, resolveDir: packageDir, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    write: false,
    logLevel: 'silent',
    ...options,
  });
  return Buffer.from(out.outputFiles[0].contents).toString();
}

function run(file, cwd) {
  return spawnSync(process.execPath, [file], { cwd, encoding: 'utf8', timeout: 60_000 });
}

test('a browser build of the root stops at import, naming studio-permissions/client', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-browser-bundle-'));
  try {
    for (const [name, source] of [
      ['esm.mjs', "import { AccessSet } from 'studio-permissions'; console.log(typeof AccessSet);"],
      ['cjs.mjs', "const sp = require('studio-permissions'); console.log(typeof sp.AccessSet);"],
    ]) {
      const code = await bundle(source, { platform: 'browser', format: 'esm' });
      assert.ok(!code.includes('createRequire') && !code.includes('.node'), 'no native loader in a browser bundle');
      writeFileSync(join(dir, name), code);
      const r = run(join(dir, name), dir);
      assert.notEqual(r.status, 0, r.stdout);
      assert.match(r.stderr, /import `studio-permissions\/client`/);
      assert.equal(r.stdout, '');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the client bundles for the browser', async () => {
  const code = await bundle(
    "import { AccessView } from 'studio-permissions/client'; globalThis.AccessView = AccessView;",
    {
      platform: 'browser',
      format: 'iife',
    },
  );
  const scope = {};
  new Function('globalThis', code)(scope);
  assert.equal(typeof scope.AccessView.from, 'function');
});

test('a Node bundle of the root, with only the .node addon external, runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-node-bundle-'));
  try {
    // The addon loader requires the .node file beside itself: beside the bundle.
    for (const f of readdirSync(join(packageDir, 'native')).filter((f) => f.endsWith('.node'))) {
      copyFileSync(join(packageDir, 'native', f), join(dir, f));
    }
    const body =
      "const set = AccessSet.preset('knowledge_editor'); console.log(set.can('knowledge.faqs', 'edit'), set.level('account'), JSON.stringify(set.view()).length);";
    // esbuild's default output for --platform=node is CommonJS; an ESM output
    // needs `require` for the addon loader, which the README's banner gives.
    const banner = {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    };
    for (const [name, options, source] of [
      ['from-esm.cjs', {}, `import { AccessSet } from 'studio-permissions'; ${body}`],
      ['from-cjs.cjs', {}, `const { AccessSet } = require('studio-permissions'); ${body}`],
      ['esm-out.mjs', { format: 'esm', banner }, `import { AccessSet } from 'studio-permissions'; ${body}`],
    ]) {
      const code = await bundle(source, { platform: 'node', external: ['*.node'], ...options });
      assert.ok(!/require\(["']\.\/(index|native\/index)\.js["']\)/.test(code), 'the JavaScript is inside the bundle');
      writeFileSync(join(dir, name), code);
      const r = run(join(dir, name), dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^true none \d+\n$/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the browser stand-in declares the Node entry's names, so named imports reach its error", async () => {
  const text = readFileSync(join(packageDir, 'browser.mjs'), 'utf8');
  const declared = [...text.matchAll(/^export const (\w+) = undefined;$/gm)].map((m) => m[1]).sort();
  const entry = Object.keys(await import('studio-permissions'))
    .filter((k) => k !== 'default')
    .sort();
  assert.deepEqual(declared, entry);
  assert.match(text, /^export default undefined;$/m);
});
