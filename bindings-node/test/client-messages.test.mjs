// The client and the server where their names are the same: the client's
// errors carry the core's message (the same escaping, cutting and "did you
// mean" rules, word for word: tests/messages/cases.json, the shared hostile
// names, and generated names compared with the core), `visible()` gives the
// server's records, the view's names label them, and the methods are bound.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { AccessSet, Catalog } from 'studio-permissions';
import { AccessView } from 'studio-permissions/client';

const shared = (p) => JSON.parse(readFileSync(new URL(`../../tests/messages/${p}`, import.meta.url), 'utf8'));
const CASES = shared('cases.json').cases;
const HOSTILE = shared('hostile-names.json').names;
// The shared cases' calls the client has; the others (`preset`) are the server's only.
const CLIENT_CALLS = ['can', 'level', 'capability'];

/** An argument of a shared case: a string, or parts (a string or [string, times]) joined. */
const argument = (a) =>
  typeof a === 'string' ? a : a.map((p) => (typeof p === 'string' ? p : p[0].repeat(p[1]))).join('');

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('no error');
}

/** What a client error and a server error must share. */
const fields = (err) => ({
  name: err.name,
  code: err.code,
  path: err.path,
  suggestion: err.suggestion,
  message: err.message,
});

/** Asks the same question of the server's set and the client's view of it: the same error, field for field. */
function sameError(set, view, call, args, what) {
  const server = thrown(() => (call === 'capability' ? set.capability(args[0], args[1]) : set[call](...args)));
  const client = thrown(() => view[call](...args));
  assert.deepEqual(fields(client), fields(server), what);
  return client;
}

test('the client gives every message of tests/messages/cases.json it can be asked, word for word', () => {
  const set = AccessSet.admin();
  const view = AccessView.from(set.view());
  let asked = 0;
  for (const c of CASES) {
    if (!CLIENT_CALLS.includes(c.call)) {
      assert.equal(c.call, 'preset', `${c.name}: a call the client lacks`);
      continue;
    }
    const args = c.args.map(argument);
    const err = sameError(set, view, c.call, args, c.name);
    assert.equal(err.code, c.code, c.name);
    assert.equal(err.message, c.message, c.name);
    assert.equal(err.path, args[c.path_arg], c.name);
    asked += 1;
  }
  assert.equal(asked, CASES.filter((c) => c.call !== 'preset').length);
  assert.ok(asked >= 17, `${asked} cases`);
});

test('every shared hostile name, as an id, action, capability or cluster, reads as the core words it', () => {
  const set = AccessSet.preset('knowledge_editor');
  const view = AccessView.from(set.view({ names: true }));
  for (const name of HOSTILE) {
    for (const [call, args] of [
      ['level', [name]],
      ['can', ['knowledge', name]],
      ['capability', [name]],
      ['capability', ['users.manage', name]],
      ['capability', ['users.manage', { cluster: name }]],
      ['name', [name]],
    ]) {
      const err = thrown(() => view[call](...args));
      if (call !== 'name') sameError(set, view, call, args, `${call} ${JSON.stringify(name)}`);
      // Nothing hidden reaches the message raw.
      assert.doesNotMatch(
        err.message,
        // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be printed raw
        /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]/,
      );
    }
  }
});

test('names are counted and cut in code points, never splitting a surrogate pair', () => {
  const set = AccessSet.admin();
  const view = AccessView.from(set.view());
  for (const name of [
    '😀'.repeat(128),
    '😀'.repeat(129),
    `${'x'.repeat(63)}😀😀`.repeat(3),
    `a${'\u202e'.repeat(200)}`,
    '\ud800'.repeat(130),
    `x\udc00y\ud83d`,
    '\u{10ffff}\u{e0001}',
  ]) {
    const err = sameError(set, view, 'level', [name], JSON.stringify(name).slice(0, 40));
    assert.ok(err.message.isWellFormed(), err.message);
  }
});

// Names near the known ones (typos), and any text at all.
const KNOWN = [...AccessSet.admin().catalog.ids, 'view', 'edit', 'users.manage', 'studio_assistant.use', 'enterprise'];
const typo = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'e', 'K', '.', '_', 'é', '😀', '\n', '\u202e', '\ud800'), maxLength: 20 }),
  fc
    .tuple(fc.constantFrom(...KNOWN), fc.nat(40), fc.nat(40), fc.constantFrom('', 'x', 'E', '.', 'ü', '😀', '\t'))
    .map(([known, at, cut, add]) => {
      const i = at % (known.length + 1);
      return known.slice(0, i) + add + known.slice(i + (cut % 3));
    }),
  fc.constantFrom(...KNOWN).map((k) => k.toUpperCase()),
  fc.constantFrom(...KNOWN).map((k) => k.slice(k.lastIndexOf('.') + 1)),
);

test('on generated names the client and the core give the same error, suggestion and message', () => {
  const set = AccessSet.preset('operations_manager');
  const view = AccessView.from(set.view());
  fc.assert(
    fc.property(typo, (name) => {
      if (!set.catalog.has(name)) sameError(set, view, 'level', [name], 'level');
      if (!['view', 'create', 'edit', 'delete'].includes(name)) sameError(set, view, 'can', ['voice', name], 'can');
      if (!set.catalog.capabilities().some((c) => c.name === name))
        sameError(set, view, 'capability', [name, 'enterprise'], 'capability');
      if (!['standard', 'enterprise'].includes(name))
        sameError(set, view, 'capability', ['users.manage', name], 'cluster');
    }),
    { numRuns: 400 },
  );
});

test('suggestions follow the core on a large catalog, where its step budget runs out', () => {
  // 3,000 areas of 29 characters that share their first 20: a typo of that
  // length costs the core more edit-distance steps than a name may, so it
  // gives up with no suggestion, even for a near name it met early; the
  // client must too. A typo in capitals is cheap to rule out, so the case
  // rule answers it; a short typo has only the short ids as candidates.
  const areas = Array.from({ length: 3000 }, (_, i) => ({
    id: `abcdefghijklmnopqrs_node_${String(i).padStart(4, '0')}`,
    name: `Node ${i}`,
  }));
  areas.push({ id: 'knowledge', name: 'Knowledge', children: [{ id: 'faqs', name: 'FAQs' }] });
  const catalog = Catalog.fromJson(JSON.stringify({ areas, capabilities: {} }));
  const set = AccessSet.admin({ catalog });
  const view = AccessView.from(set.view());
  const suggestion = (name) => sameError(set, view, 'level', [name], name).suggestion;
  assert.equal(suggestion('abcdefghijklmnopqrs_node_0001x'), null);
  assert.equal(suggestion('abcdefghijklmnopqrs_node_2999x'), null);
  assert.equal(suggestion('ABCDEFGHIJKLMNOPQRS_NODE_0002'), 'abcdefghijklmnopqrs_node_0002');
  assert.equal(suggestion('knowlege'), 'knowledge');
  assert.equal(suggestion('faqs'), 'knowledge.faqs');
  assert.equal(suggestion('KNOWLEDGE'), 'knowledge');
});

test('visible() gives the server records; with names, the same labels', () => {
  const catalog = Catalog.default();
  for (const set of [AccessSet.admin(), AccessSet.member(), ...catalog.presets().map((p) => AccessSet.preset(p))]) {
    const named = AccessView.from(set.view({ names: true }));
    assert.deepEqual(named.visible(), set.visible());
    const plain = AccessView.from(set.view());
    assert.deepEqual(
      plain.visible(),
      set.visible().map((n) => ({ ...n, name: null })),
    );
    for (const node of catalog.nodes()) {
      assert.equal(named.name(node.id), node.name);
      assert.equal(plain.name(node.id), null);
    }
    // Each call is a fresh list.
    named.visible().pop();
    assert.deepEqual(named.visible(), set.visible());
  }
  const editor = AccessView.from(AccessSet.preset('knowledge_editor').view({ names: true }));
  assert.equal(editor.name('knowledge'), 'Knowledge');
  assert.equal(editor.name('knowledge.faqs'), 'FAQs');
  assert.throws(() => editor.name('knowlege'), { code: 'unknown_area', suggestion: 'knowledge' });
});

test('the client methods are bound, like the server checks: destructured, they answer for their view', () => {
  const kim = AccessSet.fromJson('{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}');
  const view = AccessView.from(kim.view({ names: true }));
  const { can, level, capability, visible, name, role, ids } = view;
  assert.equal(can('knowledge.faqs', 'edit'), true);
  assert.equal(can('knowledge.sources', 'edit'), false);
  assert.equal(level('knowledge.sources'), 'read');
  assert.equal(capability('users.manage', { cluster: 'enterprise' }), false);
  assert.equal(name('knowledge'), 'Knowledge');
  assert.deepEqual(visible(), kim.visible());
  assert.equal(role, 'member');
  assert.deepEqual(ids, kim.catalog.ids);
  assert.deepEqual(
    ['knowledge', 'analytics', 'knowledge.faqs'].filter((id) => view.can(id, 'view')),
    ['knowledge', 'knowledge.faqs'],
  );
  assert.deepEqual(['knowledge', 'analytics'].map(view.level), ['edit', 'none']);
  assert.throws(() => can('knowlege', 'view'), { code: 'unknown_area', suggestion: 'knowledge' });
  // Each view's own functions.
  const other = AccessView.from(AccessSet.admin().view());
  assert.notEqual(other.can, view.can);
  assert.equal(other.can('analytics', 'delete'), true);
  assert.equal(can('analytics', 'delete'), false);
});

test('both argument forms of capability work on the server and in the client', () => {
  const set = AccessSet.admin();
  const view = AccessView.from(set.view());
  for (const cluster of ['standard', 'enterprise']) {
    const want = set.capability('studio_assistant.use', { cluster });
    assert.equal(set.capability('studio_assistant.use', cluster), want);
    assert.equal(view.capability('studio_assistant.use', cluster), want);
    assert.equal(view.capability('studio_assistant.use', { cluster }), want);
  }
  for (const bad of [{ clusters: 'enterprise' }, 1]) {
    assert.throws(() => set.capability('users.manage', bad), TypeError);
    assert.throws(() => view.capability('users.manage', bad), TypeError);
  }
});

test("the client asks for the fields of the server's view, in the server's order, and takes no others", () => {
  // The fields come from real views, never from a list written here: the
  // client is held to what the native package sends.
  for (const set of [AccessSet.admin(), AccessSet.preset('knowledge_editor')]) {
    const plain = set.view();
    const named = set.view({ names: true });
    const optional = Object.keys(named).filter((key) => !Object.hasOwn(plain, key));
    assert.ok(optional.length > 0, 'a view with names has a field more');
    // Built up from nothing, one field at a time, a view is refused for the
    // first field the client still lacks: the fields it requires, in the
    // order it checks them.
    const asked = [];
    const partial = {};
    for (;;) {
      let message;
      try {
        AccessView.from(partial);
        break;
      } catch (err) {
        assert.ok(err instanceof TypeError, err.message);
        message = err.message;
      }
      const [, field = undefined, other = undefined] =
        /expected `(\w+)` 1, got nothing$|expected a `(\w+)` field of its own$/.exec(message) ?? [];
      const lacking = field ?? other;
      assert.ok(lacking !== undefined && !asked.includes(lacking), message);
      assert.ok(Object.hasOwn(plain, lacking), `the client asks for \`${lacking}\`, which the server does not send`);
      asked.push(lacking);
      partial[lacking] = plain[lacking];
    }
    assert.deepEqual(asked, Object.keys(plain));
    // The server's optional fields are read, each on its own and all together.
    for (const key of optional) AccessView.from({ ...plain, [key]: named[key] });
    assert.deepEqual(AccessView.from(named).visible(), set.visible());
    // And a field the server does not write is refused.
    assert.throws(() => AccessView.from({ ...named, extra: 1 }), { name: 'TypeError', message: /no field `extra`/ });
  }
});

test('view({ names }) takes a boolean and nothing else', () => {
  const set = AccessSet.admin();
  assert.deepEqual(set.view({ names: false }), set.view());
  assert.deepEqual(set.view({}), set.view());
  const named = set.view({ names: true });
  // The same fields as without names, plus `names` (the order of all of them
  // is held against the client below, and across the languages by the
  // conformance views).
  assert.deepEqual(
    Object.keys(named).filter((key) => key !== 'names'),
    Object.keys(set.view()),
  );
  assert.ok(Object.hasOwn(named, 'names'));
  assert.deepEqual(
    named.names,
    set.catalog.nodes().map((n) => n.name),
  );
  assert.throws(() => set.view({ names: 1 }), {
    name: 'TypeError',
    message: /`names` option of view must be a boolean/,
  });
  assert.throws(() => set.view({ name: true }), { name: 'TypeError', message: /unknown option `name` of view/ });
  assert.throws(() => set.view(true), TypeError);
  const { view } = set;
  assert.throws(() => view(), {
    name: 'TypeError',
    message: 'view must be called on an AccessSet: `access.view(...)`',
  });
});

test('a view with names: a name list of another length, or not strings, is a TypeError', () => {
  const good = AccessSet.admin().view({ names: true });
  for (const names of [good.names.slice(1), [...good.names.slice(1), 1], 'Analytics', null]) {
    assert.throws(
      () => AccessView.from({ ...good, names }),
      (err) => err instanceof TypeError && /`names`/.test(err.message),
    );
  }
});

test('with and without names, the default catalog views stay within their sizes', () => {
  const catalog = Catalog.default();
  const sets = [AccessSet.admin(), AccessSet.member(), ...catalog.presets().map((p) => AccessSet.preset(p))];
  for (const set of sets) {
    assert.ok(Buffer.byteLength(JSON.stringify(set.view())) <= 1024, set.toString());
    assert.ok(Buffer.byteLength(JSON.stringify(set.view({ names: true }))) <= 1536, set.toString());
  }
  assert.equal(Buffer.byteLength(JSON.stringify(AccessSet.admin().view())), 937);
  assert.equal(Buffer.byteLength(JSON.stringify(AccessSet.admin().view({ names: true }))), 1407);
});
