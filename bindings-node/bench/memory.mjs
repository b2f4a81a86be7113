// Memory soak of the package flat RSS over
//
// - 10,000,000 checks (`can`, `level`) on one set;
// - 1,000,000 build-and-drop cycles of an `AccessSet` (parse, check, change,
//   explain, diff, an error thrown, a refusal thrown, a lenient parse, a host
//   value);
// - 100,000 build-and-drop cycles of a `Catalog` and a `Workspace` (load,
//   queries, users, a strict load that fails with every problem listed).
//
//     make soak-node     (or: node --expose-gc bindings-node/bench/memory.mjs [scale])
//
// RSS (process.memoryUsage) is printed as it is sampled, after a full GC and
// a turn of the event loop (so the addon's finalizers have run), then a
// summary table. `scale` (default 1) multiplies every count, e.g. 0.01 for a
// quick look. Exits non-zero if a phase grew by more than 16 MiB over its
// second half (flat memory: what V8 grows while warming up must stop growing).
//
//     node [flags] bench/memory.mjs --leak-check CASE N [ATTEMPTS]
//
// is what test/memory.test.mjs runs in a child process for `make test`: CASE
// (`checks`, `set`, `workspace`, or `leaky` for the test's own check) is run
// 2N times to warm up, then 4N times, up to ATTEMPTS (3) times; it prints the least
// growth per cycle of RSS and of the JavaScript heap in use, as JSON.
import { pathToFileURL } from 'node:url';
import { setImmediate as turn } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { AccessSet, Catalog, Workspace, StudioPermissionsError } from '../index.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');
const GROWTH_LIMIT = 16 * 2 ** 20;

const DOC =
  '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read","deployments":"edit"}}';
const LENIENT_DOC =
  '{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit","nowhere":"read"},"extra":1}';
const PRESET = AccessSet.preset('knowledge_editor');
const CATALOG_TEXT =
  '{"version":"soak","areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"},{"id":"c","name":"C"}]},' +
  '{"id":"d","name":"D"}],"presets":{"p":{"a":"read","a.c":"none"}},' +
  '"capabilities":{"x.manage":{"roles":["admin"]},"x.use":{"roles":["admin","member"],"clusters":["enterprise"]}}}';
const EXPORT = [
  '{"user":"ada","name":"Ada","email":"ada@example.com","role":"admin"}',
  '{"user":"bo","role":"member","permissions":{"a":"edit","a.b":"read"}}',
  '{"user":"cy","role":"member","permissions":{"a":"none","a.c":"edit","d":"read"}}',
].join('\n');
const BAD_EXPORT =
  '[{"user":"a","role":"owner"},{"user":"a","role":"member"},{"role":"member","permissions":{"zz":"read"}}]';

/** The resident set size of this process, in bytes. */
export function rss() {
  return process.memoryUsage.rss();
}

/** A full collection, then a turn of the event loop for the finalizers, twice. */
export async function settle() {
  for (let i = 0; i < 2; i++) {
    gc();
    await turn();
  }
}

function expectError(fn) {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof StudioPermissionsError)) throw err;
    return err;
  }
  throw new Error('expected an error');
}

/** Build an AccessSet and everything it hands out, then drop it all. */
export function setCycle() {
  const s = AccessSet.fromJson(DOC);
  s.can('knowledge.faqs', 'edit');
  const t = s.set('analytics.kpis', 'none').clear('knowledge.sources').withRole('admin').withRole('member');
  t.explain('knowledge.sources', 'edit');
  t.diff(PRESET, { cluster: 'enterprise' });
  JSON.stringify(t);
  expectError(() => s.can('knowlege.faqs', 'view'));
  expectError(() => s.require('flows', 'delete')).explanation;
  expectError(() => s.set('analytics.kpis', 'edit'));
  AccessSet.fromJson(LENIENT_DOC, { lenient: true }).warnings;
  AccessSet.fromObject({ role: 'member', permissions: { flows: 'read' } }).level('flows');
}

/** Build a Catalog and a Workspace on it, query them, then drop it all. */
export function workspaceCycle() {
  const catalog = Catalog.fromJson(CATALOG_TEXT);
  const ws = Workspace.fromJsonLines(EXPORT, { catalog });
  ws.whoCan('a.b', 'edit');
  ws.whoHas('x.use', { cluster: 'enterprise' });
  ws.counts();
  ws.presetMatches();
  ws.diff(ws);
  for (const user of ws) ws.access(user.id).level('a.c');
  expectError(() => Workspace.fromJson(BAD_EXPORT)).problems;
}

/** A step that does `n` checks on one set: `can` and `level`, hits and misses of the snapshot. */
export function checks() {
  const s = AccessSet.fromJson(DOC);
  const ids = s.catalog.ids;
  let sink = 0;
  return (n) => {
    for (let i = 0; i < n; i += 2) {
      const id = ids[i % ids.length];
      if (s.can(id, i & 2 ? 'view' : 'edit')) sink++;
      if (s.level(id) === 'edit') sink++;
    }
    return sink;
  };
}

export function repeat(cycle) {
  return (n) => {
    for (let i = 0; i < n; i++) cycle();
  };
}

/** Bytes gained per cycle over 4n cycles after 2n of warm-up: the least of `attempts` measurements. */
export async function growthPerCycle(step, n, attempts = 3) {
  const run = async (k) => {
    for (let done = 0; done < k; done += 1000) {
      step(Math.min(1000, k - done));
      await turn();
    }
  };
  let best = null;
  await run(2 * n);
  for (let a = 0; a < attempts; a++) {
    await settle();
    const before = { rss: rss(), heap: process.memoryUsage().heapUsed };
    await run(4 * n);
    await settle();
    const got = { rss: (rss() - before.rss) / (4 * n), heap: (process.memoryUsage().heapUsed - before.heap) / (4 * n) };
    if (best === null || Math.max(got.rss, got.heap) < Math.max(best.rss, best.heap)) best = got;
    if (best.rss < 16 && best.heap < 16) break; // clearly flat: no need to measure again
  }
  return best;
}

const kept = [];
const LEAK_CASES = {
  checks: checks(),
  set: repeat(setCycle),
  workspace: repeat(workspaceCycle),
  // A set cycle that keeps a 100-character string each time: the test's proof
  // that the measure sees a leak of that size.
  leaky: (n) => {
    repeat(setCycle)(n);
    for (let i = 0; i < n; i++) kept.push(`${'x'.repeat(100)}${i}`);
  },
};

const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function phase(name, total, samples, step, warmup) {
  step(warmup);
  await settle();
  const base = rss();
  const started = performance.now();
  const chunk = Math.floor(total / samples);
  const sampled = [];
  for (let i = 0; i < samples; i++) {
    // Steps of at most 10,000 between event-loop turns, so finalizers keep up.
    for (let done = 0; done < chunk; done += 10_000) {
      step(Math.min(10_000, chunk - done));
      await turn();
    }
    sampled.push(rss());
    const { heapUsed, external } = process.memoryUsage();
    console.log(
      `  ${name}: ${((i + 1) * chunk).toLocaleString('en').padStart(11)} done, RSS ${MiB(sampled.at(-1)).padStart(9)} (heap used ${MiB(heapUsed)}, external ${MiB(external)})`,
    );
  }
  await settle();
  return {
    name,
    total: chunk * samples,
    base,
    first: sampled[0],
    middle: sampled[samples / 2 - 1],
    end: rss(),
    seconds: (performance.now() - started) / 1000,
  };
}

async function main() {
  if (process.argv[2] === '--leak-check') {
    const step = LEAK_CASES[process.argv[3]];
    if (step === undefined) throw new Error(`unknown case ${process.argv[3]}`);
    console.log(JSON.stringify(await growthPerCycle(step, Number(process.argv[4]), Number(process.argv[5] ?? 3))));
    return;
  }
  const scale = Number(process.argv[2] ?? 1);
  console.log(`Node ${process.version} on ${process.arch}, scale ${scale}; RSS at start ${MiB(rss())}`);
  const results = [
    await phase('checks', Math.floor(10_000_000 * scale), 10, checks(), 200_000),
    await phase('AccessSet cycles', Math.floor(1_000_000 * scale), 10, repeat(setCycle), 20_000),
    await phase('Catalog+Workspace cycles', Math.floor(100_000 * scale), 10, repeat(workspaceCycle), 2_000),
  ];
  console.log();
  console.log(
    '| phase | operations | RSS after warm-up | after 10% | after 50% | at the end | growth over the second half | time |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  let failed = false;
  for (const r of results) {
    const growth = r.end - r.middle;
    failed ||= growth > GROWTH_LIMIT;
    console.log(
      `| ${r.name} | ${r.total.toLocaleString('en')} | ${MiB(r.base)} | ${MiB(r.first)} | ${MiB(r.middle)} | ${MiB(r.end)} | ${growth >= 0 ? '+' : ''}${(growth / 2 ** 20).toFixed(2)} MiB | ${r.seconds.toFixed(1)} s |`,
    );
  }
  if (failed) {
    console.error(`FAILED: a phase grew by more than ${GROWTH_LIMIT / 2 ** 20} MiB over its second half`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
