// Workspace benchmarks of the Node package (release build): not a test, no
// assertion. Run: `cd bindings-node && npm run build && node bench/workspace.mjs`
// Prints the time to load 100,000 users (JSON text, JSON Lines, records),
// whoCan and whoHas over them, and can() on one user's set afterwards.
import { AccessSet, Catalog, Workspace } from '../index.mjs';

const USERS = Number(process.env.USERS ?? 100_000);

/** splitmix-like seeded numbers, so every run loads the same export. */
let seed = 20261127n;
function random(n) {
  seed = (seed + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  let z = seed;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return Number((z ^ (z >> 31n)) % BigInt(n));
}

const catalog = Catalog.default();
const areas = catalog
  .nodes()
  .filter((n) => n.depth === 0)
  .map((n) => n.id);
const presets = catalog.presets().map((p) => AccessSet.preset(p).toJSON());
const LEVELS = ['none', 'read', 'edit'];

function record(i) {
  const user = `user-${String(i).padStart(6, '0')}`;
  const base = { user, name: `User ${i}`, email: `${user}@example.com` };
  const kind = random(100);
  if (kind < 5) return { ...base, role: 'admin' };
  if (kind < 60) return { ...base, ...presets[random(presets.length)] };
  const permissions = {};
  for (const area of areas) if (random(3) > 0) permissions[area] = LEVELS[random(3)];
  if (permissions.knowledge === 'edit' && random(2)) permissions['knowledge.sources'] = 'read';
  return { ...base, role: 'member', permissions };
}

const records = Array.from({ length: USERS }, (_, i) => record(i));
const text = `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
const lines = records.map((r) => JSON.stringify(r)).join('\n');

function best(runs, fn) {
  let min = Infinity;
  let value;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    value = fn();
    const took = Number(process.hrtime.bigint() - start) / 1e6;
    if (took < min) min = took;
  }
  return [min, value];
}

const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const rssBefore = process.memoryUsage().rss;
const ws = Workspace.fromJson(text);
const rssOne = process.memoryUsage().rss - rssBefore;
const [jsonMs] = best(5, () => Workspace.fromJson(text));
const [linesMs] = best(5, () => Workspace.fromJsonLines(lines));
const [recordsMs] = best(5, () => Workspace.fromRecords(records));

const [firstMs] = best(1, () => ws.whoCan('deployments', 'edit')); // reads every user's fields once
const [whoCanMs, editors] = best(20, () => ws.whoCan('deployments', 'edit'));
const [whoCanViewMs, viewers] = best(20, () => ws.whoCan('knowledge.sources', 'view'));
const [whoHasMs, managers] = best(20, () => ws.whoHas('users.manage'));
const [countsMs] = best(5, () => ws.counts());
const [dormantMs] = best(3, () => ws.dormant());
const [matchesMs, matches] = best(1, () => ws.presetMatches());
const [matrixMs] = best(1, () => ws.matrix());
const later = Workspace.fromRecords(records.map((r, i) => (i % 10 === 0 ? { ...r, role: 'admin' } : r)));
const [diffMs, diff] = best(1, () => ws.diff(later));

const set = AccessSet.fromJson(
  JSON.stringify({ role: 'member', permissions: { knowledge: 'edit', 'knowledge.sources': 'read' } }),
);
const QUESTIONS = [
  ['knowledge.faqs', 'edit'],
  ['knowledge.sources', 'edit'],
  ['analytics.kpis', 'view'],
  ['deployments.environments', 'delete'],
];
const N = 2_000_000;
let sink = 0;
const [canMs] = best(7, () => {
  for (let i = 0; i < N; i++) {
    const [id, action] = QUESTIONS[i & 3];
    if (set.can(id, action)) sink++;
  }
});

console.log(
  `workspace of ${USERS.toLocaleString('en')} users (${(text.length / 1e6).toFixed(1)} MB of JSON text), best of several runs:`,
);
console.log(`  Workspace.fromJson(text)        ${ms(jsonMs)}`);
console.log(`  Workspace.fromJsonLines(text)   ${ms(linesMs)}`);
console.log(`  Workspace.fromRecords(array)    ${ms(recordsMs)} (JSON.stringify included)`);
console.log(`  first query (reads the users)   ${ms(firstMs)}`);
console.log(`  whoCan('deployments', 'edit')   ${ms(whoCanMs)} (${editors.length.toLocaleString('en')} users)`);
console.log(`  whoCan('knowledge.sources', 'view') ${ms(whoCanViewMs)} (${viewers.length.toLocaleString('en')} users)`);
console.log(`  whoHas('users.manage')          ${ms(whoHasMs)} (${managers.length.toLocaleString('en')} users)`);
console.log(`  counts()                        ${ms(countsMs)}`);
console.log(`  dormant()                       ${ms(dormantMs)}`);
console.log(`  presetMatches()                 ${ms(matchesMs)} (${matches.length.toLocaleString('en')} members)`);
console.log(`  matrix()                        ${ms(matrixMs)}`);
console.log(`  diff(after), 10% promoted       ${ms(diffMs)} (${diff.changed.length.toLocaleString('en')} changed)`);
console.log(`  can(id, action) afterwards      ${((canMs * 1e6) / N).toFixed(1)} ns per call`);
console.log(
  `  core bytes per user beyond the strings: ${ws.bytesPerUser}; RSS after the first load: +${(rssOne / 1e6).toFixed(0)} MB`,
);
if (sink === -1) console.log(sink);
