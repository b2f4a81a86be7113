// When no native binary loads, the package says which platform this is,
// which platforms have prebuilt binaries, and how to build from source,
// instead of the generated loader's hint about an npm bug.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { SUPPORTED_PLATFORMS, platformKey } = require('../lib/platforms.js');
const root = fileURLToPath(new URL('..', import.meta.url));
const KEYS = SUPPORTED_PLATFORMS.map((p) => p.key);

/** Runs `require(entry)` in a child; returns its stderr (the load error) or fails if it loaded. */
function loadFails(cwd, entry, preload) {
  const args = preload ? ['--require', preload] : [];
  const script = `try { require(${JSON.stringify(entry)}); console.log('loaded') } catch (e) {
    console.error(JSON.stringify({ name: e.name, message: e.message, platform: e.platform, supported: e.supportedPlatforms, cause: String(e.cause && e.cause.message) }))
  }`;
  const r = spawnSync(process.execPath, [...args, '-e', script], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.stdout, '', `expected the load to fail: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stderr);
}

test('platform keys follow the package names', () => {
  assert.equal(platformKey('linux', 'x64', true), 'linux-x64-gnu');
  assert.equal(platformKey('linux', 'arm64', false), 'linux-arm64-musl');
  assert.equal(platformKey('darwin', 'arm64'), 'darwin-arm64');
  assert.equal(platformKey('win32', 'x64'), 'win32-x64-msvc');
  assert.equal(platformKey('freebsd', 'x64'), 'freebsd-x64');
  // This machine is one the tests run on: a supported one.
  assert.ok(KEYS.includes(platformKey()), platformKey());
});

test('an unsupported platform gets its name, the supported list and the source build', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-permissions-platform-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Node on FreeBSD ppc64, as far as the package can tell.
  const preload = join(dir, 'freebsd-ppc64.cjs');
  writeFileSync(
    preload,
    "Object.defineProperty(process, 'platform', { value: 'freebsd' });\nObject.defineProperty(process, 'arch', { value: 'ppc64' });\n",
  );
  const err = loadFails(root, root, preload);
  assert.equal(err.name, 'StudioPermissionsLoadError');
  assert.equal(err.platform, 'freebsd-ppc64');
  assert.deepEqual(err.supported, KEYS);
  assert.match(err.message, /no prebuilt binary for this platform \(freebsd-ppc64\)/);
  assert.ok(err.message.includes(`Prebuilt binaries exist for: ${KEYS.join(', ')}`), err.message);
  assert.ok(err.message.includes('`cd bindings-node && npm ci && npm run build`'), err.message);
  assert.ok(!err.message.includes('npm has a bug'), err.message);
  // The generated loader's own error stays reachable as the cause.
  assert.match(err.cause, /Cannot find native binding/);
});

test('a supported platform without its binary names the missing platform package', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-permissions-nobinary-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // The package as npm installs it with --omit=optional: every file but the binary.
  const pkg = join(dir, 'node_modules', 'studio-permissions');
  for (const entry of ['package.json', 'index.js', 'lib'])
    cpSync(join(root, entry), join(pkg, entry), { recursive: true });
  cpSync(join(root, 'native', 'index.js'), join(pkg, 'native', 'index.js'));
  assert.deepEqual(readdirSync(join(pkg, 'native')), ['index.js']);
  const key = platformKey();
  const err = loadFails(dir, 'studio-permissions');
  assert.equal(err.platform, key);
  assert.match(
    err.message,
    new RegExp(
      `could not load its native binary for ${key}: the package \`studio-permissions-${key}\` is missing or broken`,
    ),
  );
  assert.match(err.message, /--omit=optional/);
  assert.ok(err.message.includes('npm run build'), err.message);
});
