// The Node half of `make bench`: ours, a hand-written Map checker, @casl/ability,
// node-casbin, @cedar-policy/cedar-wasm, on the workload bench/workload.py writes.
//
//   node bench/node/bench.mjs [--rounds N] [--out FILE]
//
// Each implementation runs in a fresh process per round (so its memory and its
// JIT's call sites are its own), the rounds interleaved. Each process builds
// the 1,000 users from their JSON documents (timed), checks each user once on
// every id and takes the resident-set growth as the users' memory, loads the
// 1,000,000 queries, compares its answer to every query with ours
// (bench/build/expected.bin, written by the Python run of ours; a mismatch
// names the query and exits 1; the slow peers, casbin and Cedar, are checked on
// all queries in round 1 only), then times passes of a plain loop
// `if (users[u].can(id, action)) n++`: three over all 1,000,000 queries for the
// fast implementations, one over the seeded subset of 50,000 for the slow ones
// (whose count of allowed answers must equal ours there).
//
// Our package is imported from ../../bindings-node (built by `make build-node`);
// the peers come from this folder's package-lock.json. Exit status 1 on any
// mismatch or failure.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEVEL, MapChecker, REQUIRED, resolve } from './handwritten.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BUILD = join(HERE, '..', 'build');
const OURS = join(HERE, '..', '..', 'bindings-node', 'index.mjs');
const require = createRequire(import.meta.url);

const IMPLS = {
  ours: { label: 'studio-permissions (ours)', slow: false },
  handwritten: { label: 'hand-written Map checker', slow: false },
  casl: { label: '@casl/ability', slow: false },
  casbin: { label: 'node-casbin', slow: true },
  cedar: { label: '@cedar-policy/cedar-wasm', slow: true },
  profile: { label: 'per-call floor (profile)', slow: false },
};
const FAST_PASSES = 3;
const SLOW_PASSES = 1;
const UPTO = { 0: [], 1: ['view'], 2: ['view', 'create', 'edit', 'delete'] };
const ABOVE = { 0: ['view', 'create', 'edit', 'delete'], 1: ['create', 'edit', 'delete'], 2: [] };

const now = () => process.hrtime.bigint();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const gc = () => globalThis.gc?.();

// ------------------------------------------------------------------ workload

function loadUsers() {
  const w = JSON.parse(readFileSync(join(BUILD, 'users.json'), 'utf8'));
  const children = new Map(w.ids.map((id) => [id, []]));
  for (const id of w.ids) if (w.parents[id] !== null) children.get(w.parents[id]).push(id);
  // Every id and all its descendants (catalog structure only, no rule).
  const subtree = (id) => [id, ...children.get(id).flatMap(subtree)];
  return { ...w, subtree };
}

function loadQueries(wl) {
  const q = JSON.parse(readFileSync(join(BUILD, 'queries.json'), 'utf8'));
  if (JSON.stringify(q.ids) !== JSON.stringify(wl.ids)) throw new Error('users.json and queries.json disagree');
  const n = q.user.length;
  const user = Int32Array.from(q.user);
  const id = q.id.map((i) => wl.ids[i]);
  const action = q.action.map((a) => wl.actions[a]);
  const pick = (idx) => ({
    user: Int32Array.from(idx, (k) => user[k]),
    id: idx.map((k) => id[k]),
    action: idx.map((k) => action[k]),
    length: idx.length,
  });
  return { all: { user, id, action, length: n }, subset: pick(q.subset), subsetIdx: q.subset };
}

// ------------------------------------------------------------------ implementations

const CASBIN_MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.obj) && r.act == p.act
`;
const CASBIN_P = [
  ['read', 'view'],
  ['edit', 'view'],
  ['edit', 'create'],
  ['edit', 'edit'],
  ['edit', 'delete'],
];

/** One user's CASL rules, inheritance by CASL's own precedence: a later `cannot` beats an earlier `can`. */
function caslRules(wl, doc) {
  if (doc.role === 'admin') return [{ action: 'manage', subject: 'all' }];
  const rules = [];
  const lowered = [];
  for (const [n, level] of Object.entries(doc.permissions ?? {})) {
    const lv = LEVEL.get(level);
    if (wl.parents[n] === null) {
      if (UPTO[lv].length) rules.push({ action: UPTO[lv], subject: wl.subtree(n) });
    } else if (ABOVE[lv].length) {
      lowered.push({ inverted: true, action: ABOVE[lv], subject: wl.subtree(n) });
    }
  }
  return rules.concat(lowered);
}

/** One user's Cedar policies, inheritance native (`resource in Node::"area"`), as in python_bench.py. */
function cedarPolicies(wl, name, doc) {
  const who = `principal == User::"${name}"`;
  if (doc.role === 'admin') return `permit(${who}, action, resource);`;
  const out = [];
  for (const [n, level] of Object.entries(doc.permissions ?? {})) {
    const lv = LEVEL.get(level);
    const root = wl.parents[n] === null;
    const acts = root ? UPTO[lv] : ABOVE[lv];
    if (!acts.length) continue;
    const list = acts.map((a) => `Action::"${a}"`).join(', ');
    out.push(`${root ? 'permit' : 'forbid'}(${who}, action in [${list}], resource in Node::"${n}");`);
  }
  return out.join('\n');
}

async function build(impl, wl) {
  if (impl === 'ours' || impl === 'profile') {
    const { AccessSet } = await import(OURS);
    return wl.users.map((u) => AccessSet.fromJson(u.doc));
  }
  if (impl === 'handwritten') return wl.users.map((u) => new MapChecker(resolve(wl, JSON.parse(u.doc))));
  if (impl === 'casl') {
    const { createMongoAbility } = await import('@casl/ability');
    return wl.users.map((u) => createMongoAbility(caslRules(wl, JSON.parse(u.doc))));
  }
  if (impl === 'casbin') {
    const { newEnforcer, newModelFromString } = await import('casbin');
    const { AccessSet } = await import(OURS);
    const enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL));
    const grouping = [];
    for (const u of wl.users) {
      // The effective levels, computed by the same rules (our core).
      for (const { id, level } of AccessSet.fromJson(u.doc).effective()) {
        if (level !== 'none') grouping.push([u.name, level, id]);
      }
    }
    await enforcer.addNamedGroupingPolicies('g', grouping);
    await enforcer.addPolicies(CASBIN_P);
    return enforcer;
  }
  if (impl === 'cedar') {
    const cedar = require('@cedar-policy/cedar-wasm/nodejs');
    return wl.users.map((u, k) => {
      const id = `u${k}`;
      const answer = cedar.preparsePolicySet(id, { staticPolicies: cedarPolicies(wl, u.name, JSON.parse(u.doc)) });
      if (answer.type !== 'success') throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
      return id;
    });
  }
  throw new Error(`unknown implementation ${impl}`);
}

// Each loop is written out per implementation, so no extra call layer is timed.
function makeRunner(impl, wl, objs) {
  if (impl === 'ours' || impl === 'handwritten' || impl === 'profile') {
    return {
      count(q) {
        let n = 0;
        for (let k = 0; k < q.length; k++) if (objs[q.user[k]].can(q.id[k], q.action[k])) n++;
        return n;
      },
      answers(q) {
        const out = new Uint8Array(q.length);
        for (let k = 0; k < q.length; k++) out[k] = objs[q.user[k]].can(q.id[k], q.action[k]) ? 1 : 0;
        return out;
      },
    };
  }
  if (impl === 'casl') {
    return {
      count(q) {
        let n = 0;
        for (let k = 0; k < q.length; k++) if (objs[q.user[k]].can(q.action[k], q.id[k])) n++;
        return n;
      },
      answers(q) {
        const out = new Uint8Array(q.length);
        for (let k = 0; k < q.length; k++) out[k] = objs[q.user[k]].can(q.action[k], q.id[k]) ? 1 : 0;
        return out;
      },
    };
  }
  if (impl === 'casbin') {
    const names = wl.users.map((u) => u.name);
    return {
      count(q) {
        let n = 0;
        for (let k = 0; k < q.length; k++) if (objs.enforceSync(names[q.user[k]], q.id[k], q.action[k])) n++;
        return n;
      },
      answers(q) {
        const out = new Uint8Array(q.length);
        for (let k = 0; k < q.length; k++) out[k] = objs.enforceSync(names[q.user[k]], q.id[k], q.action[k]) ? 1 : 0;
        return out;
      },
    };
  }
  if (impl === 'cedar') {
    const cedar = require('@cedar-policy/cedar-wasm/nodejs');
    const principals = wl.users.map((u) => ({ type: 'User', id: u.name }));
    const actions = Object.fromEntries(wl.actions.map((a) => [a, { type: 'Action', id: a }]));
    const resources = Object.fromEntries(wl.ids.map((n) => [n, { type: 'Node', id: n }]));
    // The entities a check needs: the resource and its ancestors.
    const chains = {};
    for (const n of wl.ids) {
      const chain = [];
      for (let c = n; c !== null; c = wl.parents[c]) {
        const p = wl.parents[c];
        chain.push({ uid: { type: 'Node', id: c }, attrs: {}, parents: p === null ? [] : [{ type: 'Node', id: p }] });
      }
      chains[n] = chain;
    }
    const one = (u, id, action) => {
      const answer = cedar.statefulIsAuthorized({
        principal: principals[u],
        action: actions[action],
        resource: resources[id],
        context: {},
        preparsedPolicySetId: objs[u],
        entities: chains[id],
      });
      if (answer.type !== 'success') throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
      return answer.response.decision === 'allow';
    };
    return {
      count(q) {
        let n = 0;
        for (let k = 0; k < q.length; k++) if (one(q.user[k], q.id[k], q.action[k])) n++;
        return n;
      },
      answers(q) {
        const out = new Uint8Array(q.length);
        for (let k = 0; k < q.length; k++) out[k] = one(q.user[k], q.id[k], q.action[k]) ? 1 : 0;
        return out;
      },
    };
  }
  throw new Error(`unknown implementation ${impl}`);
}

/** Per-call costs on the same queries, one process: where a check's time goes. */
function profile(wl, q, ours) {
  const hand = wl.users.map((u) => new MapChecker(resolve(wl, JSON.parse(u.doc))));
  const levels = hand.map((h) => h.levels);
  const rows = {};
  const timed = (fn) => {
    const samples = [];
    for (let r = 0; r < FAST_PASSES; r++) {
      gc();
      const t = now();
      fn();
      samples.push(Number(now() - t) / q.length);
    }
    return median(samples);
  };
  let sink = 0;
  rows['empty loop (index the three arrays, counter)'] = timed(() => {
    let n = 0;
    for (let k = 0; k < q.length; k++) if (q.user[k] >= 0 && q.id[k] !== q.action[k]) n++;
    sink += n;
  });
  rows['inline lookup, no call: levels[u].get(id) >= REQUIRED.get(action)'] = timed(() => {
    let n = 0;
    for (let k = 0; k < q.length; k++) if (levels[q.user[k]].get(q.id[k]) >= REQUIRED.get(q.action[k])) n++;
    sink += n;
  });
  rows['hand-written MapChecker.can'] = timed(() => {
    let n = 0;
    for (let k = 0; k < q.length; k++) if (hand[q.user[k]].can(q.id[k], q.action[k])) n++;
    sink += n;
  });
  rows['ours AccessSet.can (JS fast path over the core allowed table)'] = timed(() => {
    let n = 0;
    for (let k = 0; k < q.length; k++) if (ours[q.user[k]].can(q.id[k], q.action[k])) n++;
    sink += n;
  });
  const M = 200_000;
  const napiNs = (() => {
    const samples = [];
    for (let r = 0; r < FAST_PASSES; r++) {
      const t = now();
      let n = 0;
      for (let k = 0; k < M; k++) if (ours[q.user[k]].capability('users.manage')) n++;
      sink += n;
      samples.push(Number(now() - t) / M);
    }
    return median(samples);
  })();
  rows['ours AccessSet.capability(name) (one napi call into the core, one string argument)'] = napiNs;
  // Paired passes, alternating, so that load from other processes falls on both alike.
  const ratios = [];
  for (let r = 0; r < 7; r++) {
    gc();
    let t = now();
    let n = 0;
    for (let k = 0; k < q.length; k++) if (hand[q.user[k]].can(q.id[k], q.action[k])) n++;
    const tHand = Number(now() - t);
    gc();
    t = now();
    for (let k = 0; k < q.length; k++) if (ours[q.user[k]].can(q.id[k], q.action[k])) n++;
    ratios.push(Number(now() - t) / tHand);
    sink += n;
  }
  rows['paired ratio ours / hand-written (median of alternating passes)'] = median(ratios);
  if (sink < 0) console.error(sink); // keeps the loops' results alive
  return rows;
}

// ------------------------------------------------------------------ one process

async function child(impl, round, verifyAll) {
  const wl = loadUsers();
  const slow = IMPLS[impl].slow;
  // Every user once on every id, after the build: lazily built state (our
  // snapshots) exists before the users' memory is measured.
  const touch = { user: [], id: [], action: [], length: 0 };
  for (let u = 0; u < wl.users.length; u++) {
    for (const id of wl.ids) {
      touch.user.push(u);
      touch.id.push(id);
      touch.action.push('view');
    }
  }
  touch.length = touch.user.length;
  gc();
  const rss0 = process.memoryUsage().rss;
  const t0 = now();
  const objs = await build(impl, wl);
  const buildMs = Number(now() - t0) / 1e6;
  const run = makeRunner(impl, wl, objs);
  run.count(touch);
  gc();
  const rssUsers = (process.memoryUsage().rss - rss0) / 1024;

  const q = loadQueries(wl);
  const expected = readFileSync(join(BUILD, 'expected.bin'));
  if (expected.length !== q.all.length)
    throw new Error('expected.bin does not match the queries: run the Python bench first');
  run.count(slow ? { ...q.subset, length: 500 } : q.all); // warm-up

  let verified = 0;
  if (verifyAll || !slow) {
    const got = run.answers(q.all);
    for (let k = 0; k < got.length; k++) {
      if (got[k] !== expected[k]) {
        let mismatches = 0;
        for (let j = 0; j < got.length; j++) if (got[j] !== expected[j]) mismatches++;
        const u = q.all.user[k];
        console.error(
          `MISMATCH ${impl}: ${mismatches} of ${got.length} answers differ from ours; the first, query #${k} ` +
            `(user ${wl.users[u].name}, '${q.all.id[k]}', '${q.all.action[k]}'): answered ${!!got[k]}, ` +
            `ours ${!!expected[k]}; document ${wl.users[u].doc}`,
        );
        process.exit(1);
      }
    }
    verified = got.length;
  }
  const timedQ = slow ? q.subset : q.all;
  let want = 0;
  if (slow) for (const k of q.subsetIdx) want += expected[k];
  else for (let k = 0; k < expected.length; k++) want += expected[k];

  const passes = [];
  for (let r = 0; r < (slow ? SLOW_PASSES : FAST_PASSES); r++) {
    gc();
    const t = now();
    const n = run.count(timedQ);
    passes.push(Number(now() - t) / timedQ.length);
    if (n !== want) {
      console.error(`MISMATCH ${impl}: ${n} allowed in a timed pass, ours ${want}`);
      process.exit(1);
    }
  }
  const result = {
    impl,
    round,
    build_ms: buildMs,
    pass_ns: passes,
    timed_queries: timedQ.length,
    verified,
    allowed: want,
    rss_users_kib: rssUsers,
    maxrss_kib: process.resourceUsage().maxRSS,
  };
  if (impl === 'profile') result.profile_ns = profile(wl, q.all, objs);
  return result;
}

// ------------------------------------------------------------------ orchestrator

function versions() {
  const v = { node: process.version, v8: process.versions.v8 };
  for (const name of ['@casl/ability', 'casbin', '@cedar-policy/cedar-wasm']) {
    v[name] = JSON.parse(readFileSync(join(HERE, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
  }
  v['studio-permissions'] = JSON.parse(
    readFileSync(join(HERE, '..', '..', 'bindings-node', 'package.json'), 'utf8'),
  ).version;
  v.cedar = require('@cedar-policy/cedar-wasm/nodejs').getCedarVersion();
  return v;
}

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
}

async function main() {
  const childImpl = arg('--child');
  if (childImpl) {
    const r = await child(childImpl, Number(arg('--round', '0')), process.argv.includes('--verify-all'));
    console.log(JSON.stringify(r));
    return;
  }
  if (process.argv.includes('--baseline')) {
    const wl = loadUsers();
    loadQueries(wl);
    console.log(JSON.stringify({ maxrss_kib: process.resourceUsage().maxRSS }));
    return;
  }
  const rounds = Number(arg('--rounds', process.env.BENCH_ROUNDS ?? '3'));
  const out = arg('--out', join(BUILD, 'results-node.json'));
  const impls = arg('--only', Object.keys(IMPLS).join(',')).split(',');
  const started = Date.now();
  const spawn = (args) => {
    const p = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (p.status !== 0) {
      process.stderr.write(p.stderr ?? '');
      console.error(`node bench: ${args.join(' ')} failed (exit ${p.status}${p.signal ? `, ${p.signal}` : ''})`);
      process.exit(1);
    }
    const lines = p.stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]);
  };
  const baseline = spawn(['--baseline']).maxrss_kib;
  const runs = [];
  for (let round = 1; round <= rounds; round++) {
    for (const impl of impls) {
      const args = ['--child', impl, '--round', String(round)];
      if (round === 1) args.push('--verify-all');
      const t = Date.now();
      const r = spawn(args);
      runs.push(r);
      console.log(
        `  node round ${round} ${impl.padEnd(12)} build ${r.build_ms.toFixed(2).padStart(9)} ms  ` +
          `check ${median(r.pass_ns).toFixed(1).padStart(10)} ns  verified ${r.verified.toLocaleString('en-US')} ` +
          `(${((Date.now() - t) / 1000).toFixed(0)} s)`,
      );
    }
  }
  const summary = {
    language: 'node',
    versions: versions(),
    rounds,
    baseline_maxrss_kib: baseline,
    seconds: (Date.now() - started) / 1000,
    impls: Object.fromEntries(Object.entries(IMPLS).filter(([k]) => impls.includes(k))),
    runs,
  };
  writeFileSync(out, JSON.stringify(summary, null, 1));
  console.log(`node bench: 0 mismatches; results in ${out}`);
}

await main();
