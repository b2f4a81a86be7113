// The second hardening pass in Node: messages safe to log (word for word the
// core's, from the cases every language runs), bounded suggestions, bounded
// catalog ids, and user lookups that never go through a JS Map keyed by long
// strings (V8 hashes strings of 16,384 characters or more by length alone).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { AccessSet, Catalog, StudioPermissionsError, Workspace } from '../index.mjs';

const CASES = JSON.parse(readFileSync(new URL('../../tests/messages/cases.json', import.meta.url), 'utf8')).cases;

const argument = (value) =>
  typeof value === 'string'
    ? value
    : value.map((part) => (typeof part === 'string' ? part : part[0].repeat(part[1]))).join('');

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StudioPermissionsError, `not a StudioPermissionsError: ${err}`);
    return err;
  }
  assert.fail('expected an error');
}

describe('messages', () => {
  const admin = AccessSet.admin();
  for (const c of CASES) {
    test(c.name, () => {
      const args = c.args.map(argument);
      const calls = {
        can: () => admin.can(args[0], args[1]),
        capability: () => admin.capability(args[0], { cluster: args[1] }),
        preset: () => AccessSet.preset(args[0]),
      };
      const err = thrown(calls[c.call]);
      assert.deepEqual([err.code, err.path, err.message], [c.code, args[c.path_arg], c.message]);
    });
  }

  test('a lenient warning is one line of bounded size', () => {
    const id = `knowledge\n${'\u001b'.repeat(100_000)}`;
    const set = AccessSet.fromJson(JSON.stringify({ role: 'member', permissions: { [id]: 'read' } }), {
      lenient: true,
    });
    assert.equal(set.warnings.length, 1);
    assert.equal(set.warnings[0].path, id);
    assert.equal(
      set.warnings[0].message,
      `dropped unknown area \`knowledge\\n${'\\u{1b}'.repeat(54)}…\` (100010 characters)`,
    );
  });
});

describe('bounded work', () => {
  test('a lenient parse spends a bounded budget on suggestions', () => {
    const areas = Array.from({ length: 500 }, (_, j) => ({ id: `node${String(j).padStart(8, '0')}`, name: 'x' }));
    const catalog = Catalog.fromJson(JSON.stringify({ areas }));
    const permissions = {};
    for (let j = 0; j < 45_000; j++) permissions[`nodf${String(j).padStart(8, '0')}`] = 'read';
    const set = AccessSet.fromJson(JSON.stringify({ role: 'member', permissions }), { lenient: true, catalog });
    const messages = set.warnings.map((w) => w.message);
    assert.equal(messages.length, 45_000);
    assert.equal(messages[0], 'dropped unknown area `nodf00000000`: did you mean `node00000000`?');
    assert.equal(messages.at(-1), 'dropped unknown area `nodf00044999`');
  });

  test('no catalog id reaches the length V8 hashes by length alone', () => {
    const kids = Array.from({ length: 5000 }, (_, i) => ({ id: `k${i}`, name: '' }));
    const err = thrown(() =>
      Catalog.fromJson(JSON.stringify({ areas: [{ id: 'a'.repeat(1_000_000), name: '', children: kids }] })),
    );
    assert.equal(err.code, 'limit_exceeded');
    assert.equal(err.message, 'a catalog id is 1000000 bytes, beyond the limit of 1024 bytes');
    const long = thrown(() => Catalog.fromJson(JSON.stringify({ areas: [{ id: 'a'.repeat(16_384), name: '' }] })));
    assert.equal(long.code, 'limit_exceeded');
  });

  test('an oversized record in a JSON array is refused by its size before it is read', () => {
    const big = `{"user":"big","role":"member","x":[1,,2],"pad":"${'y'.repeat(2 << 20)}"}`;
    const ws = Workspace.fromJson(`[${big},{"user":"ok","role":"admin"}]`, { lenient: true });
    assert.deepEqual(
      ws.users().map((u) => u.id),
      ['ok'],
    );
    assert.deepEqual(
      ws.problems.map((p) => [p.line, p.code, p.message]),
      [[1, 'limit_exceeded', `the record is ${big.length} bytes, beyond the limit of 1048576 bytes`]],
    );
  });

  test('users with long ids of one length are found by the core', () => {
    const prefix = 'u'.repeat(20_000);
    const lines = Array.from(
      { length: 500 },
      (_, i) => `{"user":"${prefix}${String(i).padStart(6, '0')}","role":"member"}`,
    );
    const ws = Workspace.fromJsonLines(lines.join('\n'));
    assert.equal(ws.user(`${prefix}000321`).id, `${prefix}000321`);
    assert.equal(ws.user(`${prefix}000500`), null);
    assert.equal(ws.user('x'), null);
    assert.equal(ws.access(`${prefix}000007`).role, 'member');
  });
});
