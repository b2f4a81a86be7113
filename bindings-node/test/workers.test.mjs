// One package used from several worker_threads at once: each thread loads the
// addon, builds sets and checks; the answers match the main thread's.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { AccessSet, Catalog } from '../index.mjs';

const INDEX = fileURLToPath(new URL('../index.js', import.meta.url));

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { AccessSet, Catalog, StudioPermissionsError } = require(workerData.index);
const catalog = workerData.catalog === null ? Catalog.default() : Catalog.fromJson(workerData.catalog);
const answers = [];
for (let round = 0; round < workerData.rounds; round++) {
  for (const text of workerData.docs) {
    let set;
    try {
      set = AccessSet.fromJson(text, { catalog, lenient: round % 2 === 1 });
    } catch (err) {
      answers.push(err instanceof StudioPermissionsError ? err.code : 'crash ' + err);
      continue;
    }
    answers.push(catalog.ids.map((id) => set.level(id) + (set.can(id, 'edit') ? '+' : '-')).join(','));
    answers.push(JSON.stringify(set.set(catalog.ids[0], 'read')));
  }
}
parentPort.postMessage(answers);
`;

const DOCS = [
  '{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read","analytics":"read"}}',
  '{"role":"admin"}',
  '{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit"}}',
  '{"role":"member","permissions":{"knowlege":"read"}}',
  '{"role":"nobody"}',
];

function expected(catalog, rounds) {
  const answers = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of DOCS) {
      let set;
      try {
        set = AccessSet.fromJson(text, { catalog, lenient: round % 2 === 1 });
      } catch (err) {
        answers.push(err.code);
        continue;
      }
      answers.push(catalog.ids.map((id) => set.level(id) + (set.can(id, 'edit') ? '+' : '-')).join(','));
      answers.push(JSON.stringify(set.set(catalog.ids[0], 'read')));
    }
  }
  return answers;
}

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

test('four workers at once give the main thread answers', async () => {
  const rounds = 40;
  const want = expected(Catalog.default(), rounds);
  const results = await Promise.all(
    Array.from({ length: 4 }, () => run({ index: INDEX, docs: DOCS, rounds, catalog: null })),
  );
  for (const got of results) assert.deepEqual(got, want);
});

test('workers load their own catalogs while the main thread works', async () => {
  const text =
    '{"areas":[{"id":"knowledge","name":"K","children":[{"id":"faqs","name":"F"}]},{"id":"analytics","name":"A"}]}';
  const pending = Array.from({ length: 3 }, () => run({ index: INDEX, docs: DOCS, rounds: 6, catalog: text }));
  // Meanwhile, the main thread keeps checking.
  const set = AccessSet.preset('knowledge_editor');
  for (let i = 0; i < 10_000; i++) assert.equal(set.can('knowledge.faqs', 'edit'), true);
  const want = expected(Catalog.fromJson(text), 6);
  for (const got of await Promise.all(pending)) assert.deepEqual(got, want);
});
