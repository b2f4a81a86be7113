// The Node rows of the per-request table (docs in bench/bench.mk):
//
//   node --expose-gc bench/node/per-request.mjs [--out FILE]
//
// What a service pays per request beside the check itself: loading a user's
// set (from a host object or from JSON text) and refusing. Each row times
// ours and its hand-written reference in alternating passes in this one
// process (so load from other processes falls on both alike) and keeps the
// median of each; `ratio = ours / reference` is read against `limit`.
//
// The workload is the one bench/workload.py writes (bench/build/users.json,
// queries.json); the hand-written loader and checker are those of bench.mjs
// (./handwritten.mjs). Our package is ../../bindings-node, the release addon
// `make build-node` builds. Writes bench/build/per-request-node.json.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MapChecker, resolve, validate } from './handwritten.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BUILD = join(HERE, '..', 'build');
// `--package DIR`: another build of the package (e.g. a checkout of the
// previous JavaScript layer), for a before/after pair on one machine.
const PACKAGE = process.argv.includes('--package')
  ? process.argv[process.argv.indexOf('--package') + 1]
  : join(HERE, '..', '..', 'bindings-node');
const { AccessSet } = createRequire(import.meta.url)(join(PACKAGE, 'index.js'));

// The core's criterion document (bench/rust/benches/checks.rs): 20 stored entries.
const DOC20 = {
  role: 'member',
  permissions: {
    analytics: 'edit',
    'analytics.kpis': 'read',
    'analytics.csat': 'none',
    behavior: 'read',
    'behavior.models': 'none',
    knowledge: 'edit',
    'knowledge.faqs': 'edit',
    'knowledge.sources': 'read',
    flows: 'edit',
    tools: 'read',
    testing: 'read',
    voice: 'read',
    'voice.numbers': 'none',
    messaging: 'read',
    'messaging.sms': 'none',
    integrations: 'read',
    deployments: 'edit',
    'deployments.environments': 'read',
    widgets: 'none',
    account: 'read',
  },
};
const DOC20_TEXT = JSON.stringify(DOC20);

const now = () => process.hrtime.bigint();
const gc = () => globalThis.gc?.();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
let sink = 0;

/**
 * Median time per call (in `scale` units of a nanosecond) of `ours` and
 * `reference`, each run `inner` times per pass, in `passes` alternating passes
 * after one warm-up pass each.
 */
function paired(ours, reference, { inner, passes, scale }) {
  const time = (fn) => {
    gc();
    const t = now();
    for (let i = 0; i < inner; i++) sink += fn(i) ? 1 : 0;
    return Number(now() - t) / inner / scale;
  };
  time(ours);
  time(reference);
  const a = [];
  const b = [];
  for (let p = 0; p < passes; p++) {
    if (p % 2) {
      b.push(time(reference));
      a.push(time(ours));
    } else {
      a.push(time(ours));
      b.push(time(reference));
    }
  }
  return { ours: median(a), reference: median(b) };
}

const round = (x) => Number(x.toPrecision(4));

function row(id, goal, oursLabel, referenceLabel, unit, limit, figures) {
  return {
    id,
    goal,
    ours_label: oursLabel,
    ours: round(figures.ours),
    reference_label: referenceLabel,
    reference: round(figures.reference),
    unit,
    limit,
  };
}

/** The users of the workload and, `withQueries`, its 1,000,000 queries. */
function loadWorkload(withQueries) {
  const wl = JSON.parse(readFileSync(join(BUILD, 'users.json'), 'utf8'));
  if (!withQueries) return { wl };
  const q = JSON.parse(readFileSync(join(BUILD, 'queries.json'), 'utf8'));
  if (JSON.stringify(q.ids) !== JSON.stringify(wl.ids)) throw new Error('users.json and queries.json disagree');
  return {
    wl,
    queries: {
      user: Int32Array.from(q.user),
      id: q.id.map((i) => wl.ids[i]),
      action: q.action.map((a) => wl.actions[a]),
      length: q.user.length,
    },
  };
}

function machine() {
  const arch = execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim();
  const cores = execFileSync('nproc', { encoding: 'utf8' }).trim();
  return `${arch}, ${cores} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, node ${process.version}`;
}

const CAN_ROUNDS = 7;

/** The median ns per check of `impl` over three passes of the bench loop, in a fresh process. */
function checkLoopChild(impl) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--can-child', impl, '--package', PACKAGE];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()).ns;
}

/** The child of `checkLoopChild`: builds the users, then times the loop. */
function canChild(impl) {
  const { wl, queries: q } = loadWorkload(true);
  const known = new Set(wl.ids);
  const users =
    impl === 'ours'
      ? wl.users.map((u) => AccessSet.fromJson(u.doc))
      : wl.users.map((u) => new MapChecker(resolve(wl, validate(wl, JSON.parse(u.doc), known))));
  const loop = () => {
    let n = 0;
    for (let k = 0; k < q.length; k++) if (users[q.user[k]].can(q.id[k], q.action[k])) n++;
    return n;
  };
  loop(); // warm-up, and the sets' tables exist before timing
  const passes = [];
  for (let p = 0; p < 3; p++) {
    gc();
    const t = now();
    sink += loop();
    passes.push(Number(now() - t) / q.length);
  }
  console.log(JSON.stringify({ impl, ns: median(passes) }));
}

function main() {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
  const wanted = (id) => only === null || only.includes(id);
  const started = machine();
  const { wl } = loadWorkload(false);
  const known = new Set(wl.ids);
  const texts = wl.users.map((u) => u.doc);
  const objects = texts.map((t) => JSON.parse(t));
  const handLoad = (doc) => new MapChecker(resolve(wl, validate(wl, doc, known)));
  const rows = [];

  const buildAll = (fn, docs) => () => {
    let n = 0;
    for (let k = 0; k < docs.length; k++) if (fn(docs[k])) n++;
    return n === docs.length;
  };
  if (wanted('node.build1000.object'))
    rows.push(
      row(
        'node.build1000.object',
        'Node: build the 1,000 users of the bench workload from host objects ≤ 1.2× the hand-written loader (validate + resolve into a Map per user) of the same objects',
        'AccessSet.fromObject × 1,000',
        'hand-written loader × 1,000',
        'ms',
        1.2,
        paired(buildAll(AccessSet.fromObject, objects), buildAll(handLoad, objects), {
          inner: 1,
          passes: 21,
          scale: 1e6,
        }),
      ),
    );
  if (wanted('node.build1000.json'))
    rows.push(
      row(
        'node.build1000.json',
        'Node: build the 1,000 users of the bench workload from their JSON text ≤ 1.2× the hand-written loader (JSON.parse + validate + resolve into a Map per user)',
        'AccessSet.fromJson × 1,000',
        'JSON.parse + hand-written loader × 1,000',
        'ms',
        1.2,
        paired(
          buildAll(AccessSet.fromJson, texts),
          buildAll((t) => handLoad(JSON.parse(t)), texts),
          { inner: 1, passes: 21, scale: 1e6 },
        ),
      ),
    );
  // 1,000 users whose documents need lenient clamping (bench/workload.py): a
  // preset plus sub-sections stored above their area. Ours lowers each with a
  // warning; the hand-written loader takes the lower level as it resolves.
  if (wanted('node.build1000.lenient')) {
    const lenient = JSON.parse(readFileSync(join(BUILD, 'lenient.json'), 'utf8')).users.map((u) => JSON.parse(u.doc));
    if (!lenient.every((d) => AccessSet.fromObject(d, { lenient: true }).warnings.length > 0)) {
      throw new Error('lenient.json: a document that needs no clamping: run bench/workload.py');
    }
    rows.push(
      row(
        'node.build1000.lenient',
        'Node: build 1,000 users whose documents need lenient clamping (a preset plus 1 to 4 sub-sections above their area) from host objects ≤ 1.2× the hand-written loader (validate + resolve, which takes the lower level, into a Map per user)',
        'AccessSet.fromObject(doc, { lenient: true }) × 1,000',
        'hand-written loader × 1,000',
        'ms',
        1.2,
        paired(
          buildAll((d) => AccessSet.fromObject(d, { lenient: true }), lenient),
          buildAll(handLoad, lenient),
          { inner: 1, passes: 21, scale: 1e6 },
        ),
      ),
    );
  }
  if (wanted('node.fromObject_vs_fromJson'))
    rows.push(
      row(
        'node.fromObject_vs_fromJson',
        'Node: AccessSet.fromObject ≤ 1.3× AccessSet.fromJson of the same 20-entry document',
        'AccessSet.fromObject',
        'AccessSet.fromJson',
        'µs',
        1.3,
        paired(
          () => AccessSet.fromObject(DOC20),
          () => AccessSet.fromJson(DOC20_TEXT),
          { inner: 2_000, passes: 61, scale: 1e3 },
        ),
      ),
    );
  const set = AccessSet.fromJson(DOC20_TEXT);
  const message = 'permission denied: `edit` on `analytics.csat` needs `edit`, the effective level is `none`';
  if (wanted('node.refusal'))
    rows.push(
      row(
        'node.refusal',
        'Node: a refused require + catch ≤ 1.5× throwing a plain Error + catch (20-entry document, a node at none)',
        'access.require + catch',
        'throw new Error + catch',
        'µs',
        1.5,
        paired(
          () => {
            try {
              set.require('analytics.csat', 'edit');
              return false;
            } catch (err) {
              return err.code === 'permission_denied';
            }
          },
          () => {
            try {
              throw new Error(message);
            } catch (err) {
              return err.message.length > 0;
            }
          },
          { inner: 2_000, passes: 61, scale: 1e3 },
        ),
      ),
    );

  // The check loop of `make bench`, as bench.mjs runs it: each implementation
  // in its own process (its own call sites and heap), the processes
  // alternating; the row takes the median over the rounds.
  if (wanted('node.can')) {
    const runs = { ours: [], hand: [] };
    for (let r = 0; r < CAN_ROUNDS; r++) {
      for (const impl of r % 2 ? ['hand', 'ours'] : ['ours', 'hand']) runs[impl].push(checkLoopChild(impl));
    }
    rows.push(
      row(
        'node.can',
        'Node: can in the bench loop (1,000,000 queries over 1,000 users, each implementation in its own process) ≤ 1.0× the hand-written Map checker',
        'AccessSet.can',
        'MapChecker.can',
        'ns',
        1.0,
        { ours: median(runs.ours), reference: median(runs.hand) },
      ),
    );
  }

  const out = { part: 'node', machine: started, rows };
  const file = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : null;
  writeFileSync(file ?? join(BUILD, 'per-request-node.json'), `${JSON.stringify(out, null, 2)}\n`);
  for (const r of rows) {
    const ratio = r.ours / r.reference;
    console.log(
      `${r.id.padEnd(28)} ours ${String(r.ours).padStart(9)} ${r.unit}  reference ${String(r.reference).padStart(9)} ${r.unit}  ` +
        `ratio ${ratio.toFixed(2)} (limit ${r.limit}) ${ratio <= r.limit ? 'met' : 'MISSED'}`,
    );
  }
  if (sink < 0) console.error(sink);
}

if (process.argv.includes('--can-child')) canChild(process.argv[process.argv.indexOf('--can-child') + 1]);
else main();
