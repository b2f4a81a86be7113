// The browser test: the page, bundled by esbuild and by Vite, runs in real
// headless Chromium against the Node example server on 127.0.0.1 and shows
// only what the core's view grants; then the client, in the same browser,
// answers every question about the final set of every shared conformance
// vector exactly as the core does. The test builds, starts and stops
// everything itself; every wait is bounded and nothing is timed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';
import { build as vite } from 'vite';
import { ACTIONS, AccessSet } from 'studio-permissions';
import { USERS, createApp } from '../node/app.mjs';
import { ACTIONS as PAGE_ACTIONS } from './actions.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const repo = here('../../');
const out = join(repo, 'build', 'web');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };

let server;
let base;
let browser;
let agreementScript;
let answers;

/** One `{name, view, core}` object per line of an answers file. */
function readAnswers(file) {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** Runs the Node conformance runner over the shared vectors; its answers. */
function nodeRunnerAnswers() {
  const dir = mkdtempSync(join(tmpdir(), 'sp-answers-'));
  try {
    const vectorsDir = join(repo, 'tests', 'conformance', 'vectors');
    const vectors = readdirSync(vectorsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(vectorsDir, f));
    const file = join(dir, 'answers.jsonl');
    const run = spawnSync(process.execPath, [join(repo, 'tests/conformance/run.mjs'), '--answers', file, ...vectors], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return readAnswers(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves the built bundles under /<name>/ and hands every other request to the example app. */
function serve(app) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const [, top] = path.split('/');
    if (!['esbuild', 'vite', 'esbuild-root', 'vite-root'].includes(top)) return app(req, res);
    const dir = join(out, top);
    const file = resolve(dir, `.${path.slice(top.length + 1)}`);
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

async function esbuildPage(entryDir, name) {
  rmSync(join(out, name), { recursive: true, force: true });
  await esbuild({
    entryPoints: [join(entryDir, 'main.js')],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    outdir: join(out, name),
    logLevel: 'silent',
  });
  copyFileSync(join(entryDir, 'index.html'), join(out, name, 'index.html'));
}

before(async () => {
  mkdirSync(out, { recursive: true });
  await esbuildPage(here('.'), 'esbuild');
  await vite({ configFile: here('vite.config.js'), logLevel: 'silent' });
  await esbuildPage(here('fixtures/root-import'), 'esbuild-root');
  await vite({
    configFile: false,
    root: here('fixtures/root-import'),
    base: './',
    logLevel: 'silent',
    build: { outDir: join(out, 'vite-root'), emptyOutDir: true },
  });
  const harness = await esbuild({
    entryPoints: [here('agreement.js')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  agreementScript = harness.outputFiles[0].text;

  // The core's answers for the final set of every shared vector: `make
  // test-browser` hands over the file the Node conformance run of `make
  // test-node` wrote (CONFORMANCE_ANSWERS), so the vectors run once; run
  // alone, the test runs the Node runner itself.
  const file = process.env.CONFORMANCE_ANSWERS;
  answers = file ? readAnswers(file) : nodeRunnerAnswers();

  server = serve(createApp());
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: 60_000,
  });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

/** A fresh page that records uncaught errors. */
async function open() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors };
}

for (const bundler of ['esbuild', 'vite']) {
  test(`the ${bundler} page shows each user only what the core grants`, async () => {
    for (const [user, stored] of Object.entries(USERS)) {
      const set = AccessSet.fromJson(stored);
      const { page, errors } = await open();
      try {
        await page.goto(`${base}/${bundler}/index.html?user=${user}`);
        await page.waitForSelector('body[data-state="ready"]', WAIT);
        const nav = await page.$$eval('nav li', (items) =>
          items.map((li) => [
            li.dataset.id,
            li.parentElement.closest('li')?.dataset.id ?? null,
            li.firstChild?.nodeType === Node.TEXT_NODE ? li.firstChild.textContent : null,
          ]),
        );
        const want = set
          .visible()
          .map((n) => [n.id, n.id.includes('.') ? n.id.slice(0, n.id.lastIndexOf('.')) : null, n.name]);
        assert.deepEqual(nav, want, `${user}: the navigation, each node under its parent, labelled with its name`);
        const buttons = await page.$$eval('button', (all) => all.map((b) => [b.dataset.guard, b.disabled]));
        const wantButtons = PAGE_ACTIONS.map((a) =>
          a.capability
            ? [a.capability, !set.capability(a.capability, { cluster: a.cluster })]
            : [`${a.id}:${a.action}`, !set.can(a.id, a.action)],
        );
        assert.deepEqual(buttons, wantButtons, `${user}: the disabled actions`);
        assert.equal(await page.textContent('#who'), `${user} (${set.role})`);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    }
  });

  test(`the ${bundler} page shows nothing to a user the server refuses`, async () => {
    const { page, errors } = await open();
    try {
      await page.goto(`${base}/${bundler}/index.html?user=eve`);
      await page.waitForSelector('body[data-state="error"]', WAIT);
      assert.match(await page.textContent('#error'), /401/);
      assert.equal(await page.$$eval('nav li, button', (all) => all.length), 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test(`a ${bundler} browser build of the package root stops at import, naming the client`, async () => {
    const { page } = await open();
    try {
      const error = page.waitForEvent('pageerror', WAIT);
      await page.goto(`${base}/${bundler}-root/index.html`);
      assert.match((await error).message, /import `studio-permissions\/client`/);
      assert.equal(await page.getAttribute('body', 'data-state'), null);
    } finally {
      await page.close();
    }
  });
}

test('in Chromium the client agrees with the core on the final set of every shared vector, with names and without', async () => {
  assert.ok(answers.length >= 150, `only ${answers.length} cases`);
  const { page, errors } = await open();
  try {
    await page.addScriptTag({ content: agreementScript });
    const result = await page.evaluate(([cases, actions]) => globalThis.agreement(cases, actions), [answers, ACTIONS]);
    assert.equal(result.cases, answers.length);
    assert.deepEqual(result.differences, []);
    // Per form of the view (plain, named): role, ids, each id's level, name
    // and actions, visible, each capability on each cluster in both
    // argument forms and on an unknown cluster, three unknown names.
    const perForm = (core) =>
      2 +
      core.ids.length * (2 + ACTIONS.length) +
      1 +
      Object.values(core.capabilities).reduce((n, byCluster) => n + 2 * Object.keys(byCluster).length + 1, 0) +
      3;
    const perCase = answers.reduce((n, a) => n + 2 * perForm(a.core), 0);
    assert.equal(result.questions, perCase, 'every question was asked');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('in Chromium the client words every shared message as the core does', async () => {
  // The shared cases are asked of the default catalog's admin; the hostile
  // names as an id, an action, a capability and a cluster.
  const set = AccessSet.admin();
  const argument = (a) =>
    typeof a === 'string' ? a : a.map((p) => (typeof p === 'string' ? p : p[0].repeat(p[1]))).join('');
  const shared = (name) => JSON.parse(readFileSync(join(repo, 'tests', 'messages', name), 'utf8'));
  const questions = shared('cases.json')
    .cases.filter((c) => c.call !== 'preset')
    .map((c) => [c.call, c.args.map(argument)]);
  for (const name of shared('hostile-names.json').names) {
    questions.push(['level', [name]], ['can', ['knowledge', name]], ['capability', [name]]);
    questions.push(['capability', ['users.manage', name]], ['capability', ['users.manage', { cluster: name }]]);
  }
  const core = questions.map(([call, args]) => {
    try {
      set[call](...args);
      return null;
    } catch (err) {
      return { name: err.name, code: err.code, path: err.path, suggestion: err.suggestion, message: err.message };
    }
  });
  assert.ok(core.every((e) => e !== null));
  const { page, errors } = await open();
  try {
    await page.addScriptTag({ content: agreementScript });
    const client = await page.evaluate(([view, qs]) => globalThis.clientErrors(view, qs), [set.view(), questions]);
    assert.equal(client.length, questions.length);
    for (const [i, [call]] of questions.entries()) {
      assert.deepEqual(client[i], core[i], `${call} ${JSON.stringify(questions[i][1]).slice(0, 80)}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
