// studio-permissions/client: it reads the core's view and answers by lookup,
// agreeing with the core on every question; a wrong view is a TypeError and
// an unknown name the core's error; minified and gzipped it stays within 3 kB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { AccessSet, ACTIONS, CLUSTERS, Catalog, ERROR_CODES } from 'studio-permissions';
import { AccessView } from 'studio-permissions/client';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

/** Every answer the client gives, and the same questions put to the core. */
function answers(source) {
  const ids = source instanceof AccessSet ? source.catalog.ids : source.ids;
  const caps = source instanceof AccessSet ? source.catalog.capabilities().map((c) => c.name) : [];
  const visible = source.visible().map((n) => n.id);
  const capability = (name, cluster) =>
    source instanceof AccessSet ? source.capability(name, { cluster }) : source.capability(name, cluster);
  return {
    role: source.role,
    levels: ids.map((id) => source.level(id)),
    can: ids.map((id) => ACTIONS.map((a) => source.can(id, a))),
    visible,
    capabilities: caps.map((name) => CLUSTERS.map((cluster) => capability(name, cluster))),
  };
}

function sets() {
  const catalog = Catalog.default();
  const out = [AccessSet.admin(), AccessSet.fromJson('{"role":"member"}')];
  for (const name of catalog.presets()) out.push(AccessSet.preset(name));
  out.push(
    AccessSet.fromJson(
      '{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read","analytics":"read","analytics.kpis":"none","voice.agent":"edit"}}',
    ),
  );
  return out;
}

test('the client agrees with the core on every level, action, visible id and capability', () => {
  for (const set of sets()) {
    const view = AccessView.from(set.view());
    const want = answers(set);
    const got = answers(view);
    got.capabilities = set.catalog
      .capabilities()
      .map((c) => CLUSTERS.map((cluster) => view.capability(c.name, cluster)));
    assert.deepEqual(got, want, set.toString());
    assert.deepEqual(view.ids, set.catalog.ids);
    assert.equal(view.catalog, set.catalog.version);
    // The default cluster is the core's: `standard`.
    assert.equal(view.capability('studio_assistant.use'), set.capability('studio_assistant.use'));
  }
});

test('a deep custom catalog without a version reads the same', () => {
  let node = { id: 'leaf', name: 'Leaf' };
  for (let depth = 28; depth >= 0; depth -= 1)
    node = { id: `n${depth}`, name: 'N', children: [node, { id: 'side', name: 'S' }] };
  const catalog = Catalog.fromJson(
    JSON.stringify({ areas: [node, { id: 'other', name: 'O' }], capabilities: { 'x.do': { roles: ['member'] } } }),
  );
  const ids = catalog.ids;
  const set = AccessSet.fromObject(
    { role: 'member', permissions: { n0: 'edit', [ids[5]]: 'read', [ids[9]]: 'none' } },
    { catalog },
  );
  const view = AccessView.from(set.view());
  assert.equal(view.catalog, null);
  assert.deepEqual(view.ids, ids);
  assert.deepEqual(answers(view).levels, answers(set).levels);
  assert.deepEqual(answers(view).can, answers(set).can);
  assert.deepEqual(
    view.visible().map((n) => n.id),
    answers(set).visible,
  );
  assert.equal(view.capability('x.do', 'enterprise'), true);
});

test('an unknown name is the core error, checked left to right, never an answer', () => {
  const set = AccessSet.preset('knowledge_editor');
  const view = AccessView.from(set.view());
  const cases = [
    [() => view.level('knowlege'), () => set.level('knowlege'), 'knowlege'],
    [() => view.can('analytics.kpi', 'view'), () => set.can('analytics.kpi', 'view'), 'analytics.kpi'],
    [() => view.can('analytics.kpi', 'publish'), () => set.can('analytics.kpi', 'publish'), 'analytics.kpi'],
    [() => view.can('analytics', 'publish'), () => set.can('analytics', 'publish'), 'publish'],
    [() => view.can('analytics', 'View'), () => set.can('analytics', 'View'), 'View'],
    [
      () => view.capability('users.manag', 'gov'),
      () => set.capability('users.manag', { cluster: 'gov' }),
      'users.manag',
    ],
    [() => view.capability('users.manage', 'gov'), () => set.capability('users.manage', { cluster: 'gov' }), 'gov'],
    // Names that every object inherits are not ids.
    [() => view.level('__proto__'), () => set.level('__proto__'), '__proto__'],
    [() => view.can('constructor', 'view'), () => set.can('constructor', 'view'), 'constructor'],
    [() => view.can('analytics', 'toString'), () => set.can('analytics', 'toString'), 'toString'],
    [() => view.capability('hasOwnProperty'), () => set.capability('hasOwnProperty'), 'hasOwnProperty'],
    [() => view.level(''), () => set.level(''), ''],
  ];
  for (const [client, core, name] of cases) {
    const want = captured(core);
    const got = captured(client);
    assert.ok(want instanceof Error && got instanceof Error, name);
    assert.equal(got.code, want.code, name);
    assert.ok(ERROR_CODES.includes(got.code));
    assert.ok(got.message.includes(`\`${name}\``), got.message);
  }
  const long = `a${'\n'.repeat(3)}${'x'.repeat(500)}`;
  const err = captured(() => view.level(long));
  assert.equal(err.code, 'unknown_area');
  assert.ok(!/[\n]/.test(err.message) && err.message.length < 200, err.message);
});

test('arguments that are not strings are TypeErrors', () => {
  const view = AccessView.from(AccessSet.admin().view());
  for (const bad of [undefined, null, 1, {}, ['analytics'], Symbol('x')]) {
    assert.throws(() => view.level(bad), TypeError);
    assert.throws(() => view.can(bad, 'view'), TypeError);
    assert.throws(() => view.can('analytics', bad ?? 0), TypeError);
    assert.throws(() => view.capability(bad), TypeError);
  }
  // The cluster: a string or `{ cluster }`, null for the default, as on the server.
  assert.throws(() => view.capability('users.manage', 1), TypeError);
  for (const absent of [null, { cluster: null }]) {
    assert.equal(view.capability('users.manage', absent), AccessSet.admin().capability('users.manage', absent));
  }
});

function captured(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
}

test('a view of another version or shape is a TypeError saying what was expected', () => {
  const good = AccessSet.preset('knowledge_editor').view();
  const n = good.levels.length;
  const edit = (change) => {
    const v = structuredClone(good);
    change(v);
    return v;
  };
  const bad = {
    'not an object': [null, undefined, 'text', 1, [good], JSON.stringify(good)],
    version: [edit((v) => (v.view = 2)), edit((v) => (v.view = '1')), edit((v) => delete v.view)],
    fields: [edit((v) => (v.extra = 1)), edit((v) => delete v.allow), edit((v) => delete v.catalog)],
    role: [edit((v) => (v.role = 1)), edit((v) => (v.role = ''))],
    catalog: [edit((v) => (v.catalog = 7))],
    ids: [
      edit((v) => (v.ids = [])),
      edit((v) => (v.ids = 'analytics')),
      edit((v) => v.ids.unshift(['x'])),
      edit((v) => (v.ids[0] = 'analytics.x')),
      edit((v) => (v.ids[0] = '')),
      edit((v) => (v.ids[0] = 3)),
      edit((v) => v.ids.splice(2, 0, ['again'])),
      edit((v) => (v.ids[2] = 'analytics')),
      edit((v) => (v.ids[1] = [])),
    ],
    actions: [
      edit((v) => (v.actions = ['view', 'view'])),
      edit((v) => v.actions.push('publish')),
      edit((v) => (v.actions = 'view')),
    ],
    levels: [
      edit((v) => (v.levels = v.levels.slice(1))),
      edit((v) => (v.levels = `3${v.levels.slice(1)}`)),
      edit((v) => (v.levels = [...v.levels])),
    ],
    allow: [
      edit((v) => (v.allow = `${v.allow}0`)),
      edit((v) => (v.allow = `g${v.allow.slice(1)}`)),
      edit((v) => (v.allow = `F${v.allow.slice(1)}`)),
      edit((v) => {
        v.actions = ['view'];
        v.allow = `3${v.allow.slice(1)}`;
      }),
    ],
    visible: [
      edit((v) => (v.visible = [1, 0])),
      edit((v) => (v.visible = [n])),
      edit((v) => (v.visible = [-1])),
      edit((v) => (v.visible = [0.5])),
      edit((v) => (v.visible = [0, 0])),
      edit((v) => (v.visible = '0')),
    ],
    clusters: [edit((v) => (v.clusters = [])), edit((v) => (v.clusters = ['standard', 'standard']))],
    capabilities: [
      edit((v) => (v.capabilities['users.manage'] = '0')),
      edit((v) => (v.capabilities['users.manage'] = '02')),
      edit((v) => (v.capabilities['users.manage'] = false)),
      edit((v) => (v.capabilities = [])),
    ],
  };
  for (const [what, views] of Object.entries(bad)) {
    for (const view of views) {
      assert.throws(
        () => AccessView.from(view),
        (err) => err instanceof TypeError && /expected/.test(err.message),
        `${what}: ${JSON.stringify(view)?.slice(0, 80)}`,
      );
    }
  }
  assert.throws(() => AccessView.from(edit((v) => (v.view = 2))), /`view` 1, got 2/);
  assert.throws(() => new AccessView(), TypeError);
  assert.ok(AccessView.from(good) instanceof AccessView);
});

test('answers come from the view as read: changing the object afterwards changes nothing', () => {
  const data = AccessSet.fromJson('{"role":"member"}').view();
  const view = AccessView.from(data);
  data.levels = '2'.repeat(data.levels.length);
  data.allow = 'f'.repeat(data.allow.length);
  data.visible.push(0);
  data.capabilities['users.manage'] = '11';
  data.role = 'admin';
  assert.equal(view.level('analytics'), 'none');
  assert.equal(view.can('analytics', 'view'), false);
  assert.deepEqual(view.visible(), []);
  assert.equal(view.capability('users.manage'), false);
  assert.equal(view.role, 'member');
  view.visible().push({ id: 'analytics' });
  assert.deepEqual(view.visible(), []);
  assert.throws(() => view.ids.push('x'), TypeError);
});

test('a view of the default catalog is under 1 kB', () => {
  for (const set of sets()) {
    const size = Buffer.byteLength(JSON.stringify(set.view()));
    assert.ok(size < 1024, `${size} bytes for ${set}`);
  }
});

test('minified and gzipped, the client is at most 3 kB, with no Node built-in', async () => {
  const out = await build({
    entryPoints: [root('client/index.mjs')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // The client's own two modules, nothing else (no dependency, no built-in).
  assert.deepEqual(Object.keys(out.metafile.inputs).sort(), ['client/index.mjs', 'client/messages.mjs']);
  const code = out.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  // 3 kB: the checks of a view that cannot lie, and the core's message
  // rules (escaping, cutting, suggestions), which take a third of it.
  assert.ok(gzipped <= 3072, `${gzipped} bytes gzipped`);
  assert.ok(!/\brequire\(|node:/.test(Buffer.from(code).toString()), 'no require and no node: import');
  console.log(`# client: ${code.length} bytes minified, ${gzipped} bytes gzipped`);
});

test('a view cannot lie to the client: a snapshot of own data, consistent with itself', () => {
  const good = AccessSet.preset('knowledge_editor').view();
  const d = good.levels.indexOf('2');
  // A getter that changes on its fourth read: read once, so the answers agree.
  let reads = 0;
  const shifty = { ...good };
  Object.defineProperty(shifty, 'allow', {
    enumerable: true,
    get: () => (++reads >= 4 ? 'f'.repeat(good.allow.length) : good.allow),
  });
  const once = AccessView.from(shifty);
  assert.equal(reads, 1);
  for (const id of once.ids) assert.equal(once.can(id, 'delete'), once.level(id) === 'edit', id);
  const edit = (change) => {
    const v = structuredClone(good);
    change(v);
    return v;
  };
  const lies = {
    'inherited fields': Object.create(good),
    'a proxy': new Proxy(good, {}),
    'an unknown role': edit((v) => (v.role = 'superuser')),
    'an admin below edit': edit((v) => (v.role = 'admin')),
    'allow above its level': edit((v) => (v.allow = `f${v.allow.slice(1)}`)),
    'none that allows': edit((v) => {
      const i = v.levels.indexOf('0');
      v.allow = `${v.allow.slice(0, i)}1${v.allow.slice(i + 1)}`;
    }),
    'one level, two answers': edit((v) => (v.allow = `${v.allow.slice(0, d)}1${v.allow.slice(d + 1)}`)),
    'a hidden id listed visible': edit((v) => v.visible.unshift(v.levels.indexOf('0'))),
    'a visible id left out': edit((v) => v.visible.pop()),
  };
  for (const [what, view] of Object.entries(lies)) {
    assert.throws(() => AccessView.from(view), TypeError, what);
  }
});
