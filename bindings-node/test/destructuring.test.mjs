// A set's checks survive destructuring and being passed as callbacks; its
// other methods say to call them on the set; and a set cannot be copied as
// if it were plain data (structuredClone, postMessage, spread) without a
// TypeError saying what to send instead.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import {
  AccessSet,
  PermissionDeniedError,
  isAction,
  isCluster,
  isLevel,
  isRole,
  ACTIONS,
  LEVELS,
  ROLES,
  CLUSTERS,
} from 'studio-permissions';

const kim = AccessSet.fromJson('{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}');
const rob = AccessSet.fromJson('{"role":"member","permissions":{"analytics":"read"}}');

test('destructured checks answer for their own set', () => {
  const { can, level, require, capability, explain } = kim;
  assert.equal(can('knowledge.faqs', 'edit'), true);
  assert.equal(can('knowledge.sources', 'edit'), false);
  assert.equal(level('knowledge.sources'), 'read');
  assert.equal(capability('users.manage', { cluster: 'enterprise' }), false);
  assert.equal(explain('knowledge.faqs', 'view').reason, 'inherited');
  assert.doesNotThrow(() => require('knowledge', 'delete'));
  assert.throws(() => require('knowledge.sources', 'delete'), PermissionDeniedError);
  // Each set's own functions: rob's `can` is rob's.
  assert.notEqual(rob.can, kim.can);
  assert.equal(rob.can('knowledge.faqs', 'view'), false);
  assert.deepEqual(
    ['knowledge', 'analytics', 'knowledge.faqs'].filter((id) => kim.can(id, 'view')),
    ['knowledge', 'knowledge.faqs'],
  );
  assert.deepEqual(['knowledge', 'analytics'].map(kim.level), ['edit', 'none']);
});

test('a check read twice is the same function, named as the method', () => {
  for (const name of ['can', 'level', 'require', 'capability', 'requireCapability', 'explain']) {
    assert.equal(kim[name], kim[name], name);
    assert.equal(kim[name].name, name);
    assert.notEqual(kim[name], rob[name], name);
  }
  // The checks are not own fields: a set's only own field is the one that
  // makes a copy throw.
  assert.deepEqual(Object.keys(kim), ['notPlainData']);
});

test('destructured checks keep their errors', () => {
  const { can, level } = kim;
  assert.throws(() => can('knowlege', 'view'), { code: 'unknown_area', suggestion: 'knowledge' });
  assert.throws(() => can('knowledge', 'destroy'), { code: 'unknown_action' });
  assert.throws(() => level(42), TypeError);
});

test('the other methods, detached, throw a TypeError that says to call them on the set', () => {
  const { set, clear, withRole, diff, within, effective, visible } = kim;
  for (const [name, call] of [
    ['set', () => set('knowledge', 'read')],
    ['clear', () => clear('knowledge')],
    ['withRole', () => withRole('admin')],
    ['diff', () => diff(rob)],
    ['within', () => within(rob)],
    ['effective', () => effective()],
    ['visible', () => visible()],
  ]) {
    assert.throws(call, {
      name: 'TypeError',
      message: `${name} must be called on an AccessSet: \`access.${name}(...)\``,
    });
  }
  assert.throws(() => AccessSet.prototype.set.call({}, 'knowledge', 'read'), TypeError);
});

const NOT_PLAIN = /an AccessSet is not plain data .*`access\.toJSON\(\)`.*`AccessSet\.fromObject`/;

test('structuredClone, postMessage and spreading a set throw instead of giving {}', async () => {
  assert.throws(() => structuredClone(kim), { name: 'TypeError', message: NOT_PLAIN });
  assert.throws(() => structuredClone({ user: 'kim', access: kim }), NOT_PLAIN);
  assert.throws(() => JSON.stringify({ ...kim }), NOT_PLAIN);
  const { port1, port2 } = new MessageChannel();
  try {
    assert.throws(() => port1.postMessage(kim), NOT_PLAIN);
  } finally {
    port1.close();
    port2.close();
  }
  // What the message says to send works.
  const copy = AccessSet.fromObject(structuredClone(kim.toJSON()));
  assert.ok(copy.equals(kim));
  assert.equal(JSON.stringify(kim), kim.toString());
});

test('type guards follow the core vocabulary', () => {
  for (const [guard, names] of [
    [isAction, ACTIONS],
    [isLevel, LEVELS],
    [isRole, ROLES],
    [isCluster, CLUSTERS],
  ]) {
    for (const name of names) assert.equal(guard(name), true, name);
    for (const other of [
      '',
      'View',
      'toString',
      '__proto__',
      'constructor',
      'destroy',
      'owner',
      'gov',
      1,
      null,
      undefined,
      {},
      ['view'],
      new String('view'),
    ]) {
      assert.equal(guard(other), false, `${guard.name}(${String(other)})`);
    }
  }
  assert.deepEqual(['view', 'write', 'delete'].filter(isAction), ['view', 'delete']);
});

test('a check reads the bit the core gives each action, and nothing else is an action', async () => {
  const { actionBit, ACTION_BITS } = await import('../lib/vocabulary.js');
  for (const action of ACTIONS) assert.equal(actionBit(action), ACTION_BITS.get(action), action);
  for (const other of ['', 'View', 'manage', 'toString', new String('view'), 1, null, undefined]) {
    assert.equal(actionBit(other), 0, String(other));
  }
});
