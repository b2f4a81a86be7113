// Threads: several worker_threads load the package, build
// the same set and the same workspace, and do 1,000,000 checks and queries in
// total while the main thread works too; every answer is the main thread's.
// Workers terminated in the middle of native work leave the process sound.
//
// STUDIO_THREAD_CHECKS changes the total (default 1,000,000).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as api from '../index.mjs';

const INDEX = fileURLToPath(new URL('../index.js', import.meta.url));
const EXPORT = readFileSync(new URL('../../examples/data/workspace-2026-10.json', import.meta.url), 'utf8');
const DOC =
  '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read","deployments":"edit","deployments.environments":"none"}}';
const TOTAL = Number(process.env.STUDIO_THREAD_CHECKS ?? 1_000_000);
const WORKERS = 4;

/**
 * The operations, as [label, thunk]: mostly checks (which read the snapshot
 * the core computed), with calls into the core among them (explain,
 * capability, changes, errors, workspace queries). Its source is sent to the
 * workers, so it names nothing outside its arguments.
 */
function operations({ AccessSet, Workspace, StudioPermissionsError }, doc, exportText) {
  const set = AccessSet.fromJson(doc);
  const ws = Workspace.fromJson(exportText);
  const ids = set.catalog.ids;
  const actions = ['view', 'create', 'edit', 'delete'];
  const answer = (fn) => {
    try {
      return JSON.stringify(fn());
    } catch (err) {
      return err instanceof StudioPermissionsError ? `${err.code}: ${err.message}` : `UNEXPECTED ${err}`;
    }
  };
  const checks = [];
  for (const id of ids) {
    checks.push([`level ${id}`, () => set.level(id)]);
    for (const action of actions) checks.push([`can ${id} ${action}`, () => set.can(id, action)]);
  }
  // Errors cost a JavaScript Error each (its stack), so these are spread out:
  // each appears once per pass over the checks.
  const native = [
    ['can unknown id', () => set.can('knowlege', 'view')],
    ['level unknown id', () => set.level('analytics.kpi')],
    ['can unknown action', () => set.can('knowledge', 'publish')],
    ['can empty id', () => set.can('', 'edit')],
    ['explain', () => set.explain('knowledge.sources', 'edit')],
    ['explain unknown', () => set.explain('nowhere', 'edit')],
    ['require', () => set.require('deployments.environments', 'view')],
    ['capability', () => set.capability('studio_assistant.use', { cluster: 'enterprise' })],
    ['capability unknown cluster', () => set.capability('users.manage', { cluster: 'gov' })],
    ['set', () => set.set('analytics.kpis', 'none').clear('knowledge.sources').toJSON()],
    ['set refused', () => set.set('analytics.kpis', 'edit')],
    [
      'whoCan',
      () =>
        ws
          .whoCan('deployments', 'edit')
          .map((u) => u.id)
          .join(),
    ],
    ['whoCan sources', () => ws.whoCan('knowledge.sources', 'view').length],
    [
      'whoHas',
      () =>
        ws
          .whoHas('users.manage')
          .map((u) => u.id)
          .join(),
    ],
    ['whoCan unknown', () => ws.whoCan('nowhere', 'view')],
    ['counts', () => ws.counts().knowledge],
    ['access', () => ws.access(ws.users()[7].id).toJSON()],
  ];
  const ops = [];
  const every = Math.floor(checks.length / native.length);
  checks.forEach((op, i) => {
    ops.push(op);
    if (i % every === 0 && i / every < native.length) ops.push(native[i / every]);
  });
  return ops.map(([label, fn]) => [label, () => answer(fn)]);
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const api = require(workerData.index);
const operations = ${operations.toString()};
const ops = operations(api, workerData.doc, workerData.exportText);
const { expected, count, start } = workerData;
let done = 0;
const mismatches = [];
for (let i = start % ops.length; done < count; i = i + 1 === ops.length ? 0 : i + 1) {
  const got = ops[i][1]();
  if (got !== expected[i]) {
    mismatches.push(ops[i][0] + ': ' + got + ' != ' + expected[i]);
    if (mismatches.length > 5) break;
  }
  done++;
}
parentPort.postMessage({ done, mismatches });
`;

function run(workerData) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData });
    let answer;
    worker.once('message', (m) => {
      answer = m;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve(answer) : reject(new Error(`worker exited with ${code}`))));
  });
}

test(`${WORKERS} workers and the main thread: ${TOTAL.toLocaleString('en')} checks and queries, the main thread's answers`, async () => {
  const ops = operations(api, DOC, EXPORT);
  const expected = ops.map(([, fn]) => fn());
  assert.ok(
    !expected.some((a) => a.startsWith('UNEXPECTED')),
    expected.find((a) => a.startsWith('UNEXPECTED')),
  );
  const count = Math.floor(TOTAL / (WORKERS + 1));
  const pending = Array.from({ length: WORKERS }, (_, w) =>
    run({ index: INDEX, doc: DOC, exportText: EXPORT, expected, count, start: w * 7919 }),
  );
  // Meanwhile the main thread does its share on its own set and workspace.
  const mine = operations(api, DOC, EXPORT);
  let i = 0;
  for (let done = 0; done < count; done++) {
    assert.equal(mine[i][1](), expected[i], mine[i][0]);
    i = i + 1 === mine.length ? 0 : i + 1;
  }
  const results = await Promise.all(pending);
  for (const r of results) assert.deepEqual(r, { done: count, mismatches: [] });
});

test('workers terminated in the middle of native work leave the process sound', async () => {
  const busy = `
const { parentPort, workerData } = require('node:worker_threads');
const { AccessSet, Workspace } = require(workerData.index);
parentPort.postMessage('started');
for (;;) {
  const ws = Workspace.fromJson(workerData.exportText);
  ws.presetMatches();
  ws.matrix();
  AccessSet.fromJson(workerData.doc).set('analytics', 'none').explain('analytics.kpis', 'view');
}
`;
  for (let round = 0; round < 3; round++) {
    const workers = Array.from(
      { length: 3 },
      () => new Worker(busy, { eval: true, workerData: { index: INDEX, exportText: EXPORT, doc: DOC } }),
    );
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30 + 40 * round));
    const codes = await Promise.all(workers.map((w) => w.terminate()));
    assert.deepEqual(codes, [1, 1, 1]);
  }
  // The main thread and a fresh worker still answer as before.
  const ops = operations(api, DOC, EXPORT);
  const expected = ops.map(([, fn]) => fn());
  const again = await run({ index: INDEX, doc: DOC, exportText: EXPORT, expected, count: ops.length, start: 0 });
  assert.deepEqual(again, { done: ops.length, mismatches: [] });
});
