// The Node conformance runner (docs/reference.md#conformance-vectors): runs vector files against the built
// package (bindings-node).
//
//   node tests/conformance/run.mjs [--views OUT] [--answers OUT] FILES...
//
// Prints `FAIL <file>: <case name>: <what differed>` per failing case, then
// `N passed, N failed` last; exits 1 on any failure, 2 when a file cannot be
// read or a case cannot be understood. The rules are in ./README.md.
// `--views OUT` also writes the view of each case's final set, one
// `{"name":…,"view":…,"named":…}` line per case (`named`: the view with
// names; compared with the other languages);
// `--answers OUT` writes the same lines with the core's answer to every
// question a view can be asked (`core`), which the browser test checks the
// client against.
import { readFileSync, writeFileSync } from 'node:fs';
// STUDIO_PERMISSIONS_MODULE names another copy of the package to run the
// vectors against (make test-dist: an install from the local npm registry).
const { ACTIONS, AccessSet, CLUSTERS, Catalog, Migration, Workspace } = await import(
  process.env.STUDIO_PERMISSIONS_MODULE || '../../bindings-node/index.mjs'
);

/** Each case's final set, for `--views` and `--answers`. */
const finalSets = [];

/** The core's answer to every question a view can be asked about `set`. */
function coreAnswers(set) {
  const ids = set.catalog.ids;
  return {
    role: set.role,
    ids,
    names: set.catalog.nodes().map((n) => n.name),
    levels: ids.map((id) => set.level(id)),
    can: ids.map((id) => ACTIONS.map((action) => set.can(id, action))),
    visible: set.visible(),
    capabilities: Object.fromEntries(
      set.catalog
        .capabilities()
        .map((c) => [
          c.name,
          Object.fromEntries(CLUSTERS.map((cluster) => [cluster, set.capability(c.name, { cluster })])),
        ]),
    ),
  };
}

const CASE_KEYS = ['name', 'catalog', 'mode', 'access', 'preset', 'ops', 'cluster', 'expect', 'migrate'];
const EXPECT_KEYS = [
  'error',
  'warnings',
  'levels',
  'allowed',
  'denied',
  'capabilities',
  'explain',
  'check_errors',
  'document',
  'visible',
  'compare',
  'query_errors',
  'migrated',
];
// `migrate` and `expect.migrated` (docs/reference.md#conformance-vectors); the same keys as the Rust runner.
const MIGRATE_KEYS = ['to_catalog', 'migration'];
const MIGRATED_KEYS = ['error', 'document', 'levels', 'reductions', 'dropped', 'opened'];
const COMPARE_KEYS = ['to', 'within', 'same_access', 'escalations', 'reductions', 'role_change', 'capability_changes'];
// Workspace cases (README, "Workspace cases"); the same keys as the Rust runner.
const WORKSPACE_KEYS = ['name', 'catalog', 'mode', 'workspace', 'format', 'after', 'expect'];
const WORKSPACE_EXPECT_KEYS = [
  'error',
  'problems',
  'users',
  'who_can',
  'who_has',
  'counts',
  'dormant',
  'preset_matches',
  'diff',
];

/** A vector that the runner cannot understand: the case fails, and the run exits 2. */
class Malformed extends Error {}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v) => JSON.stringify(v);

function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof Malformed) throw err;
    if (err && typeof err.code === 'string') return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: `(not a package error: ${err})`, message: String(err) };
  }
}

function describe(result) {
  return result.ok ? `ok ${show(result.value)}` : `error ${result.code} (${result.message})`;
}

function string(value, what) {
  if (typeof value !== 'string') throw new Malformed(`malformed case: \`${what}\` must be a string`);
  return value;
}

function object(value, what) {
  if (!isObject(value)) throw new Malformed(`malformed case: \`${what}\` must be an object`);
  return value;
}

function stringList(value, what) {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Malformed(`malformed case: \`${what}\` must be a list of strings`);
  }
  return value;
}

function pairs(value, what) {
  const ok =
    Array.isArray(value) &&
    value.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'));
  if (!ok) throw new Malformed(`malformed case: \`${what}\` must be a list of [id, action]`);
  return value;
}

const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Steps 1 to 4: the catalog, the set, the ops, the cluster. Throws the package's errors. */
function build(c) {
  let catalog;
  if (c.catalog === undefined || c.catalog === 'default') catalog = Catalog.default();
  else if (isObject(c.catalog)) catalog = Catalog.fromJson(JSON.stringify(c.catalog));
  else throw new Malformed('malformed case: `catalog`');

  let lenient;
  if (c.mode === undefined || c.mode === 'strict') lenient = false;
  else if (c.mode === 'lenient') lenient = true;
  else throw new Malformed('malformed case: `mode`');

  const hasAccess = c.access !== undefined;
  const hasPreset = c.preset !== undefined;
  if (hasAccess === hasPreset) throw new Malformed('malformed case: needs exactly one of `access` and `preset`');
  let set;
  if (hasPreset) set = AccessSet.preset(string(c.preset, 'preset'), { catalog });
  else if (typeof c.access === 'string') set = AccessSet.fromJson(c.access, { lenient, catalog });
  else set = AccessSet.fromObject(c.access, { lenient, catalog });

  const ops = c.ops ?? [];
  if (!Array.isArray(ops)) throw new Malformed('malformed case: `ops`');
  for (const op of ops) {
    if (!isObject(op)) throw new Malformed(`malformed case: unknown op ${show(op)}`);
    const keys = Object.keys(op).sort().join(',');
    if (!['level,set', 'clear', 'role'].includes(keys)) throw new Malformed(`malformed case: op ${show(op)}`);
    if ('set' in op) set = set.set(string(op.set, 'set'), string(op.level, 'level'));
    else if ('clear' in op) set = set.clear(string(op.clear, 'clear'));
    else if ('role' in op) set = set.withRole(string(op.role, 'role'));
    else throw new Malformed(`malformed case: unknown op ${show(op)}`);
  }

  const cluster = c.cluster === undefined ? 'standard' : string(c.cluster, 'cluster');
  // Step 4: the core parses the cluster (a diff of the set with itself does).
  set.diff(set, { cluster });
  return { set, cluster };
}

function runCase(c) {
  if (!isObject(c)) throw new Malformed('malformed case: not an object');
  if (Object.hasOwn(c, 'workspace')) return runWorkspaceCase(c);
  const unknown = Object.keys(c).find((k) => !CASE_KEYS.includes(k));
  if (unknown !== undefined) throw new Malformed(`malformed case: unknown key \`${unknown}\``);
  const expect = c.expect === undefined ? {} : object(c.expect, 'expect');
  const unknownExpect = Object.keys(expect).find((k) => !EXPECT_KEYS.includes(k));
  if (unknownExpect !== undefined) throw new Malformed(`malformed case: unknown expect key \`${unknownExpect}\``);

  const built = attempt(() => build(c));
  if (expect.error !== undefined) {
    const code = string(expect.error, 'expect.error');
    if (built.ok) return [`expected error ${code}, got a set ${built.value.set}`];
    if (built.code !== code) return [`expected error ${code}, got error ${built.code} (${built.message})`];
    return [];
  }
  if (!built.ok) return [`unexpected error ${built.code} (${built.message})`];
  const { set, cluster } = built.value;
  finalSets.push({ name: c.name ?? null, set });
  const diffs = [];
  check(set, cluster, expect, diffs);
  if (c.migrate !== undefined && expect.migrated !== undefined) {
    migrated(set, object(c.migrate, 'migrate'), object(expect.migrated, 'expect.migrated'), diffs);
  } else if (c.migrate !== undefined || expect.migrated !== undefined) {
    throw new Malformed('malformed case: `migrate` and `expect.migrated` go together');
  }
  return diffs;
}

/**
 * The `migrate` key: loads the target catalog and the migration (an object
 * through `Migration.fromObject`, a string through `Migration.fromJson`),
 * moves the case's set, and compares the result with `expect.migrated`. A
 * failure to load the target catalog is `expect.migrated.error` too.
 */
function migrated(set, migrate, want, diffs) {
  const unknown = Object.keys(migrate).find((k) => !MIGRATE_KEYS.includes(k));
  if (unknown !== undefined) throw new Malformed(`malformed case: unknown migrate key \`${unknown}\``);
  const unknownWant = Object.keys(want).find((k) => !MIGRATED_KEYS.includes(k));
  if (unknownWant !== undefined) throw new Malformed(`malformed case: unknown expect.migrated key \`${unknownWant}\``);
  let target;
  if (migrate.to_catalog === 'default') target = { ok: true, value: Catalog.default() };
  else if (isObject(migrate.to_catalog)) target = attempt(() => Catalog.fromJson(JSON.stringify(migrate.to_catalog)));
  else throw new Malformed('malformed case: `migrate.to_catalog`');
  let out = target;
  if (target.ok) {
    const { migration } = migrate;
    if (migration === undefined) throw new Malformed('malformed case: `migrate.migration` is missing');
    const catalogs = { source: set.catalog, target: target.value };
    out = attempt(() => {
      const m =
        typeof migration === 'string'
          ? Migration.fromJson(migration, catalogs)
          : Migration.fromObject(migration, catalogs);
      return m.apply(set);
    });
  }
  if (want.error !== undefined) {
    const code = string(want.error, 'expect.migrated.error');
    if (out.ok) diffs.push(`migrated: expected error ${code}, got a set ${out.value.access}`);
    else if (out.code !== code) diffs.push(`migrated: expected error ${code}, got error ${out.code} (${out.message})`);
    return;
  }
  if (!out.ok) {
    diffs.push(`migrated: unexpected error ${out.code} (${out.message})`);
    return;
  }
  const { access, reductions, dropped, opened } = out.value;
  if (want.document !== undefined && !sameJson(access.toJSON(), want.document)) {
    diffs.push(`migrated.document: expected ${show(want.document)}, got ${access}`);
  }
  if (want.levels !== undefined) {
    // Each listed id's level on the target, as the top-level `levels` key.
    for (const [id, level] of Object.entries(object(want.levels, 'expect.migrated.levels'))) {
      const got = attempt(() => access.level(id));
      if (!got.ok || got.value !== level) {
        diffs.push(`migrated.level(${id}): expected ${level}, got ${got.ok ? got.value : `error ${got.code}`}`);
      }
    }
  }
  if (want.reductions !== undefined && !sameJson(reductions, want.reductions)) {
    diffs.push(`migrated.reductions: expected ${show(want.reductions)}, got ${show(reductions)}`);
  }
  for (const [key, got] of [
    ['dropped', dropped],
    ['opened', opened],
  ]) {
    if (want[key] === undefined) continue;
    const list = stringList(want[key], `expect.migrated.${key}`);
    if (!sameList(got, list)) diffs.push(`migrated.${key}: expected ${show(list)}, got ${show(got)}`);
  }
}

function check(set, cluster, expect, diffs) {
  if (expect.warnings !== undefined) {
    const want = stringList(expect.warnings, 'warnings');
    const got = set.warnings.map((w) => w.code);
    if (!sameList(got, want)) diffs.push(`warnings: expected ${show(want)}, got ${show(got)}`);
  }
  if (expect.levels !== undefined) {
    for (const [id, want] of Object.entries(object(expect.levels, 'levels'))) {
      const got = attempt(() => set.level(id));
      if (!(got.ok && got.value === want)) diffs.push(`level(${id}): expected ${show(want)}, got ${describe(got)}`);
    }
  }
  for (const [key, want] of [
    ['allowed', true],
    ['denied', false],
  ]) {
    if (expect[key] === undefined) continue;
    for (const [id, action] of pairs(expect[key], key)) {
      const got = attempt(() => set.can(id, action));
      if (!(got.ok && got.value === want)) {
        diffs.push(`allowed(${id}, ${action}): expected ${want}, got ${describe(got)}`);
      }
    }
  }
  if (expect.capabilities !== undefined) {
    for (const [name, want] of Object.entries(object(expect.capabilities, 'capabilities'))) {
      const got = attempt(() => set.capability(name, { cluster }));
      if (!(got.ok && got.value === want))
        diffs.push(`capability(${name}): expected ${show(want)}, got ${describe(got)}`);
    }
  }
  if (expect.explain !== undefined) {
    for (const [id, want] of Object.entries(object(expect.explain, 'explain'))) {
      const got = attempt(() => set.explain(id, 'view').reason);
      if (!(got.ok && got.value === want)) {
        diffs.push(`explain(${id}).reason: expected ${show(want)}, got ${describe(got)}`);
      }
    }
  }
  if (expect.check_errors !== undefined) {
    for (const [id, want] of Object.entries(object(expect.check_errors, 'check_errors'))) {
      const codes = [() => set.level(id), () => set.can(id, 'view'), () => set.explain(id, 'view')].map((f) => {
        const r = attempt(f);
        return r.ok ? null : r.code;
      });
      if (codes.some((code) => code !== want)) {
        diffs.push(`check_errors(${id}): expected ${show(want)}, got ${show(codes)}`);
      }
    }
  }
  if (expect.document !== undefined) {
    const got = set.toJSON();
    if (!sameJson(got, expect.document)) diffs.push(`document: expected ${show(expect.document)}, got ${set}`);
  }
  if (expect.visible !== undefined) {
    const want = stringList(expect.visible, 'visible');
    const got = set.visible().map((n) => n.id);
    if (!sameList(got, want)) diffs.push(`visible: expected ${show(want)}, got ${show(got)}`);
  }
  if (expect.compare !== undefined) {
    if (!Array.isArray(expect.compare)) throw new Malformed('malformed case: `compare`');
    for (const item of expect.compare) compare(set, cluster, object(item, 'compare item'), diffs);
  }
  if (expect.query_errors !== undefined) {
    if (!Array.isArray(expect.query_errors)) throw new Malformed('malformed case: `query_errors`');
    for (const item of expect.query_errors) {
      object(item, 'query_errors item');
      const call = string(item.call, 'call');
      const want = string(item.error, 'error');
      const args = item.args === undefined ? [] : stringList(item.args, 'args');
      const got = query(set, call, args);
      if (got !== want)
        diffs.push(`${call}${show(args)}: expected error ${want}, got ${got === null ? 'no error' : got}`);
    }
  }
}

/** Runs one `query_errors` call; the code of the error it raised, or null. */
function query(set, call, args) {
  const calls = {
    level: [1, (id) => set.level(id)],
    allowed: [2, (id, action) => set.can(id, action)],
    explain: [2, (id, action) => set.explain(id, action)],
    require: [2, (id, action) => set.require(id, action)],
    capability: [2, (name, cluster) => set.capability(name, { cluster })],
    require_capability: [2, (name, cluster) => set.requireCapability(name, { cluster })],
    set: [2, (id, level) => set.set(id, level)],
    clear: [1, (id) => set.clear(id)],
    role: [1, (role) => set.withRole(role)],
  };
  if (!Object.hasOwn(calls, call)) throw new Malformed(`malformed case: unknown call \`${call}\``);
  const [arity, fn] = calls[call];
  if (args.length !== arity) throw new Malformed(`malformed case: \`${call}\` takes ${arity} args`);
  const result = attempt(() => fn(...args));
  return result.ok ? null : result.code;
}

function compare(a, cluster, item, diffs) {
  const unknown = Object.keys(item).find((k) => !COMPARE_KEYS.includes(k));
  if (unknown !== undefined) throw new Malformed(`malformed case: unknown compare key \`${unknown}\``);
  const to = object(item.to ?? null, 'compare.to');
  const catalog = a.catalog;
  let b;
  if (to.preset !== undefined && to.access === undefined) {
    b = attempt(() => AccessSet.preset(string(to.preset, 'compare.to.preset'), { catalog }));
  } else if (to.access !== undefined && to.preset === undefined) {
    b =
      typeof to.access === 'string'
        ? attempt(() => AccessSet.fromJson(to.access, { catalog }))
        : attempt(() => AccessSet.fromObject(to.access, { catalog }));
  } else {
    throw new Malformed('malformed case: `compare.to` needs `preset` or `access`');
  }
  if (!b.ok) {
    diffs.push(`compare.to: unexpected error ${b.code} (${b.message})`);
    return;
  }
  const label = show(to);
  if (item.within !== undefined) {
    const got = attempt(() => a.within(b.value));
    if (!(got.ok && got.value === item.within))
      diffs.push(`within(${label}): expected ${show(item.within)}, got ${describe(got)}`);
  }
  if (item.same_access !== undefined) {
    const got = attempt(() => a.sameAccess(b.value));
    if (!(got.ok && got.value === item.same_access)) {
      diffs.push(`same_access(${label}): expected ${show(item.same_access)}, got ${describe(got)}`);
    }
  }
  const d = attempt(() => a.diff(b.value, { cluster }));
  if (!d.ok) {
    diffs.push(`diff: error ${d.code} (${d.message})`);
    return;
  }
  const got = {
    escalations: d.value.escalations.map((c) => c.id),
    reductions: d.value.reductions.map((c) => c.id),
    capability_changes: d.value.capabilities.map((c) => c.name),
  };
  for (const key of ['escalations', 'reductions', 'capability_changes']) {
    if (item[key] === undefined) continue;
    const want = stringList(item[key], key);
    if (!sameList(got[key], want)) diffs.push(`${key}(${label}): expected ${show(want)}, got ${show(got[key])}`);
  }
  if (item.role_change !== undefined) {
    const role = d.value.role === null ? null : [d.value.role.before, d.value.role.after];
    if (!sameJson(role, item.role_change)) {
      diffs.push(`role_change(${label}): expected ${show(item.role_change)}, got ${show(role)}`);
    }
  }
}

/** Loads one export of a workspace case: the package's error propagates. */
function loadWorkspace(value, format, lenient, catalog) {
  if (format !== 'json' && format !== 'jsonl') throw new Malformed('malformed case: `format` is `json` or `jsonl`');
  if (format === 'jsonl' && typeof value !== 'string')
    throw new Malformed('malformed case: a `jsonl` export is a string');
  if (typeof value === 'string') {
    return format === 'json'
      ? Workspace.fromJson(value, { lenient, catalog })
      : Workspace.fromJsonLines(value, { lenient, catalog });
  }
  if (!Array.isArray(value))
    throw new Malformed('malformed case: `workspace` and `after` are a list of records or a string');
  // A list is the host's value (like `access`): Workspace.fromRecords. JSON
  // Lines have no host form; as in the Rust runner, the list's JSON text is read.
  return format === 'json'
    ? Workspace.fromRecords(value, { lenient, catalog })
    : Workspace.fromJsonLines(JSON.stringify(value), { lenient, catalog });
}

const problemsValue = (problems) => problems.map((p) => [p.line, p.user, p.code, p.fatal]);
const userIds = (users) => users.map((u) => u.id);

/** Loading failed: the case passes when it expected this code (and, if it lists them, exactly these problems). */
function workspaceError(expect, failure) {
  if (expect.error === undefined) return [`unexpected error ${failure.code} (${failure.message})`];
  if (expect.error !== failure.code)
    return [`expected error ${show(expect.error)}, got error ${failure.code} (${failure.message})`];
  if (expect.problems !== undefined && failure.code === 'invalid_workspace') {
    const got = problemsValue(failure.problems);
    if (!sameJson(got, expect.problems)) return [`problems: expected ${show(expect.problems)}, got ${show(got)}`];
  }
  return [];
}

/** `attempt`, keeping the error's problems. */
function attemptLoad(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof Malformed) throw err;
    if (err && typeof err.code === 'string')
      return { ok: false, code: err.code, message: err.message, problems: err.problems ?? [] };
    return { ok: false, code: `(not a package error: ${err})`, message: String(err), problems: [] };
  }
}

function runWorkspaceCase(c) {
  const unknown = Object.keys(c).find((k) => !WORKSPACE_KEYS.includes(k));
  if (unknown !== undefined) throw new Malformed(`malformed case: unknown key \`${unknown}\``);
  const expect = c.expect === undefined ? {} : object(c.expect, 'expect');
  const unknownExpect = Object.keys(expect).find((k) => !WORKSPACE_EXPECT_KEYS.includes(k));
  if (unknownExpect !== undefined) throw new Malformed(`malformed case: unknown expect key \`${unknownExpect}\``);

  let catalog;
  if (c.catalog === undefined || c.catalog === 'default') catalog = Catalog.default();
  else if (isObject(c.catalog)) {
    const loaded = attemptLoad(() => Catalog.fromJson(JSON.stringify(c.catalog)));
    if (!loaded.ok) return workspaceError(expect, loaded);
    catalog = loaded.value;
  } else throw new Malformed('malformed case: `catalog`');
  let lenient;
  if (c.mode === undefined || c.mode === 'strict') lenient = false;
  else if (c.mode === 'lenient') lenient = true;
  else throw new Malformed('malformed case: `mode`');
  const format = c.format === undefined ? 'json' : string(c.format, 'format');

  const before = attemptLoad(() => loadWorkspace(c.workspace, format, lenient, catalog));
  if (!before.ok) return workspaceError(expect, before);
  let after = null;
  if (c.after !== undefined) {
    const loaded = attemptLoad(() => loadWorkspace(c.after, format, lenient, catalog));
    if (!loaded.ok) return workspaceError(expect, loaded);
    after = loaded.value;
  }
  if (expect.error !== undefined) return [`expected error ${show(expect.error)}, got a workspace`];

  const ws = before.value;
  const diffs = [];
  const checkValue = (key, got) => {
    if (expect[key] !== undefined && !sameJson(got, expect[key])) {
      diffs.push(`${key}: expected ${show(expect[key])}, got ${show(got)}`);
    }
  };
  checkValue('problems', problemsValue(ws.problems));
  checkValue('users', userIds(ws.users()));
  for (const [key, call] of [
    ['who_can', (a, b) => ws.whoCan(a, b)],
    ['who_has', (a, b) => ws.whoHas(a, { cluster: b })],
  ]) {
    if (expect[key] === undefined) continue;
    if (!Array.isArray(expect[key])) throw new Malformed(`malformed case: \`${key}\` must be a list`);
    for (const item of expect[key]) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string') {
        throw new Malformed(
          `malformed case: \`${key}\` items are [${key === 'who_can' ? 'id, action' : 'capability, cluster'}, users]`,
        );
      }
      const r = attempt(() => call(item[0], item[1]));
      const got = r.ok ? userIds(r.value) : r.code;
      const want = item[2] ?? null;
      if (!sameJson(got, want)) diffs.push(`${key}(${item[0]}, ${item[1]}): expected ${show(want)}, got ${show(got)}`);
    }
  }
  if (expect.counts !== undefined) {
    const counts = ws.counts();
    for (const [id, want] of Object.entries(object(expect.counts, 'counts'))) {
      const c = Object.hasOwn(counts, id) ? counts[id] : null;
      const got = c === null ? null : [c.none, c.read, c.edit];
      if (!sameJson(got, want)) diffs.push(`counts(${id}): expected ${show(want)}, got ${show(got)}`);
    }
  }
  if (expect.dormant !== undefined) {
    checkValue('dormant', Object.fromEntries(ws.dormant().map((d) => [d.user, d.ids])));
  }
  if (expect.preset_matches !== undefined) {
    checkValue('preset_matches', Object.fromEntries(ws.presetMatches().map((m) => [m.user, [m.preset, m.exact]])));
  }
  if (expect.diff !== undefined) {
    if (after === null) throw new Malformed('malformed case: `diff` needs `after`');
    const d = attempt(() => ws.diff(after));
    const got = d.ok
      ? {
          added: d.value.added,
          removed: d.value.removed,
          changed: d.value.changed.map((ch) => [
            ch.user,
            ch.role === null ? null : [ch.role.before, ch.role.after],
            ch.escalations.map((x) => x.id),
            ch.reductions.map((x) => x.id),
          ]),
        }
      : d.code;
    checkValue('diff', got);
  }
  return diffs;
}

/** JSON values equal, object key order ignored. */
function sameJson(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}

function readCases(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Malformed(`cannot read: ${err.message}`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Malformed(`not JSON: ${err.message}`);
  }
  if (!isObject(value) || !Array.isArray(value.cases)) throw new Malformed('no `cases` list');
  return value.cases;
}

/** Takes `--flag VALUE` out of `args`; undefined when absent, null when VALUE is missing. */
function takeOption(args, flag) {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  return value ?? null;
}

function main(args) {
  const files = args.slice();
  const viewsOut = takeOption(files, '--views');
  const answersOut = takeOption(files, '--answers');
  if (files.length === 0 || viewsOut === null || answersOut === null) {
    console.error('usage: node tests/conformance/run.mjs [--views OUT] [--answers OUT] FILES...');
    return 2;
  }
  let passed = 0;
  let failed = 0;
  let malformed = false;
  for (const file of files) {
    let cases;
    try {
      cases = readCases(file);
    } catch (err) {
      console.log(`FAIL ${file}: ${err.message}`);
      failed += 1;
      malformed = true;
      continue;
    }
    for (const c of cases) {
      const name = isObject(c) && typeof c.name === 'string' ? c.name : '(unnamed case)';
      let diffs;
      try {
        diffs = runCase(c);
      } catch (err) {
        if (!(err instanceof Malformed)) throw err;
        diffs = [err.message];
        malformed = true;
      }
      if (diffs.length === 0) passed += 1;
      else {
        failed += 1;
        console.log(`FAIL ${file}: ${name}: ${diffs.join('; ')}`);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  const lines = (withAnswers) =>
    finalSets
      .map(
        ({ name, set }) =>
          `${JSON.stringify({
            name,
            view: set.view(),
            named: set.view({ names: true }),
            ...(withAnswers ? { core: coreAnswers(set) } : {}),
          })}\n`,
      )
      .join('');
  if (viewsOut !== undefined) writeFileSync(viewsOut, lines(false));
  if (answersOut !== undefined) writeFileSync(answersOut, lines(true));
  if (failed === 0) return 0;
  return malformed ? 2 : 1;
}

process.exitCode = main(process.argv.slice(2));
