// Lays out the npm packages of a release, ready for `npm pack` / `npm publish`:
//
//   node packaging/stage-npm.mjs OUT_DIR [PLATFORM=BINARY ...]
//
// OUT_DIR/studio-permissions/  the main package: the files bindings-node's
//                              `files` lists (no `.node`), its package.json with
//                              every platform package as an optional dependency
//                              at the same version, the license;
// OUT_DIR/<platform>/          one per PLATFORM=BINARY pair (e.g.
//                              linux-x64-gnu=target/.../libstudio_permissions_node.so):
//                              bindings-node/npm/<platform>/ plus the binary
//                              under the name its package.json names.
//
// The release matrix is bindings-node/npm/: every folder there must match an
// entry of bindings-node/lib/platforms.js and of `napi.targets`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nodeDir = join(root, 'bindings-node');
const npmDir = join(nodeDir, 'npm');

function fail(message) {
  console.error(`stage-npm: ${message}`);
  process.exit(1);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The platform folders of bindings-node/npm/, checked against the loader and napi.targets. */
export function releaseMatrix() {
  const pkg = readJson(join(nodeDir, 'package.json'));
  const platforms = readdirSync(npmDir).sort();
  const loaderKeys = supportedKeys();
  const missing = platforms
    .filter((p) => !loaderKeys.includes(p))
    .concat(loaderKeys.filter((p) => !platforms.includes(p)));
  if (missing.length > 0) fail(`bindings-node/npm/ and lib/platforms.js disagree on: ${missing.join(', ')}`);
  const targets = pkg.napi?.targets ?? [];
  if (targets.length !== platforms.length)
    fail(`napi.targets lists ${targets.length} targets, bindings-node/npm/ has ${platforms.length} folders`);
  for (const platform of platforms) {
    const sub = readJson(join(npmDir, platform, 'package.json'));
    if (sub.name !== `studio-permissions-${platform}`) fail(`npm/${platform}/package.json is named ${sub.name}`);
    if (sub.version !== pkg.version)
      fail(`npm/${platform}/package.json has version ${sub.version}, the package ${pkg.version}`);
    if (!Array.isArray(sub.os) || !Array.isArray(sub.cpu)) fail(`npm/${platform}/package.json needs os and cpu`);
    if (platform.startsWith('linux-') && !Array.isArray(sub.libc)) fail(`npm/${platform}/package.json needs libc`);
  }
  return { pkg, platforms };
}

/** The loader's list (lib/platforms.js needs no built addon). */
function supportedKeys() {
  return createRequire(import.meta.url)('../bindings-node/lib/platforms.js').SUPPORTED_PLATFORMS.map((p) => p.key);
}

function packedFiles(dir) {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) fail(`npm pack --dry-run in ${dir}: ${r.stderr}`);
  return JSON.parse(r.stdout)[0].files.map((f) => f.path);
}

function copyInto(from, to, rel) {
  mkdirSync(dirname(join(to, rel)), { recursive: true });
  copyFileSync(join(from, rel), join(to, rel));
}

function stageMain(out, pkg, platforms) {
  const dest = join(out, 'studio-permissions');
  rmSync(dest, { recursive: true, force: true });
  for (const rel of packedFiles(nodeDir)) {
    if (rel === 'package.json') continue;
    if (rel.endsWith('.node')) fail(`bindings-node's files would ship ${rel}: the platform packages carry the binary`);
    copyInto(nodeDir, dest, rel);
  }
  copyFileSync(join(root, 'LICENSE'), join(dest, 'LICENSE'));
  const published = { ...pkg };
  // Build tooling stays in the repository: users install no devDependencies
  // and run none of these scripts.
  delete published.devDependencies;
  delete published.scripts;
  published.optionalDependencies = Object.fromEntries(platforms.map((p) => [`studio-permissions-${p}`, pkg.version]));
  writeFileSync(join(dest, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  return dest;
}

function stagePlatform(out, platform, binary) {
  const dest = join(out, platform);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const sub = readJson(join(npmDir, platform, 'package.json'));
  for (const file of readdirSync(join(npmDir, platform))) copyFileSync(join(npmDir, platform, file), join(dest, file));
  copyFileSync(join(root, 'LICENSE'), join(dest, 'LICENSE'));
  if (!existsSync(binary)) fail(`${platform}: no binary at ${binary}`);
  copyFileSync(binary, join(dest, sub.main));
  return dest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, ...pairs] = process.argv.slice(2);
  if (!out) fail('usage: node packaging/stage-npm.mjs OUT_DIR [PLATFORM=BINARY ...]');
  const { pkg, platforms } = releaseMatrix();
  mkdirSync(out, { recursive: true });
  console.log(stageMain(resolve(out), pkg, platforms));
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const platform = pair.slice(0, at);
    if (at < 0 || !platforms.includes(platform))
      fail(`${pair}: expected PLATFORM=BINARY with PLATFORM one of ${platforms.join(', ')}`);
    console.log(stagePlatform(resolve(out), platform, resolve(pair.slice(at + 1))));
  }
}
