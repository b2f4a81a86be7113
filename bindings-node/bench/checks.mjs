// Benchmarks of the Node package (release build): not a test, no assertion.
// Run: `cd bindings-node && npm run build && node bench/checks.mjs`
// Prints ns per check and ms per 1,000 sets built from JSON text.
import { AccessSet } from '../index.mjs';

const DOC = JSON.stringify({
  role: 'member',
  permissions: {
    analytics: 'read',
    knowledge: 'edit',
    'knowledge.sources': 'read',
    voice: 'read',
    deployments: 'none',
  },
});
const QUESTIONS = [
  ['knowledge.faqs', 'edit'],
  ['knowledge.sources', 'edit'],
  ['analytics.kpis', 'view'],
  ['deployments.environments', 'delete'],
  ['voice.numbers', 'create'],
  ['flows', 'view'],
  ['analytics', 'edit'],
  ['knowledge', 'delete'],
];

function best(runs, fn) {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    fn();
    const took = Number(process.hrtime.bigint() - start);
    if (took < min) min = took;
  }
  return min;
}

const set = AccessSet.fromJson(DOC);
const N = 2_000_000;
let sink = 0;
const checkNs =
  best(7, () => {
    for (let i = 0; i < N; i++) {
      const [id, action] = QUESTIONS[i & 7];
      if (set.can(id, action)) sink++;
    }
  }) / N;

const levelNs =
  best(7, () => {
    for (let i = 0; i < N; i++) {
      if (set.level(QUESTIONS[i & 7][0]) === 'edit') sink++;
    }
  }) / N;

const M = 50_000;
const explainNs =
  best(5, () => {
    for (let i = 0; i < M; i++) {
      const [id, action] = QUESTIONS[i & 7];
      if (set.explain(id, action).allowed) sink++;
    }
  }) / M;

const texts = Array.from({ length: 1000 }, (_, i) => DOC.replace('"read"', i % 2 ? '"read"' : '"edit"'));
const buildMs =
  best(20, () => {
    for (const text of texts) {
      if (AccessSet.fromJson(text).role === 'member') sink++;
    }
  }) / 1e6;

const buildCheckMs =
  best(20, () => {
    for (const text of texts) {
      if (AccessSet.fromJson(text).can('knowledge.faqs', 'edit')) sink++;
    }
  }) / 1e6;

console.log(`node ${process.version}, ${sink > 0 ? 'ok' : ''}`);
console.log(`can(id, action), plain loop:           ${checkNs.toFixed(1)} ns per call`);
console.log(`level(id), plain loop:                 ${levelNs.toFixed(1)} ns per call`);
console.log(`explain(id, action) (crosses to Rust): ${explainNs.toFixed(0)} ns per call`);
console.log(`1,000 sets from JSON text:             ${buildMs.toFixed(2)} ms`);
console.log(`1,000 sets from JSON text + one can:   ${buildCheckMs.toFixed(2)} ms`);
