// The server's AccessSet and the browser client's AccessView take a
// capability's cluster in the same two forms, `'enterprise'` and
// `{ cluster: 'enterprise' }`, and give the same answers and errors.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AccessSet } from 'studio-permissions';
import { AccessView } from 'studio-permissions/client';

const SETS = [AccessSet.admin(), AccessSet.preset('knowledge_editor'), AccessSet.member()];

test('capability: the cluster as a string or as { cluster }, on the server and in the client', () => {
  for (const set of SETS) {
    const view = AccessView.from(set.view());
    for (const name of ['users.manage', 'studio_assistant.use', 'billing.manage']) {
      const standard = set.capability(name);
      for (const [form, want] of [
        [undefined, standard],
        [{}, standard],
        [{ cluster: undefined }, standard],
        [null, standard],
        ['standard', standard],
        [{ cluster: 'standard' }, standard],
        ['enterprise', set.capability(name, { cluster: 'enterprise' })],
        [{ cluster: 'enterprise' }, set.capability(name, 'enterprise')],
      ]) {
        assert.equal(set.capability(name, form), want, `${name} ${JSON.stringify(form)}`);
        assert.equal(view.capability(name, form), want, `client ${name} ${JSON.stringify(form)}`);
      }
    }
  }
  const enterpriseOnly = AccessSet.admin();
  assert.equal(enterpriseOnly.capability('studio_assistant.use', 'enterprise'), true);
  assert.equal(enterpriseOnly.capability('studio_assistant.use', 'standard'), false);
});

test('requireCapability takes both forms; a refusal names the cluster asked', () => {
  const member = AccessSet.member();
  for (const form of ['enterprise', { cluster: 'enterprise' }]) {
    assert.throws(() => member.requireCapability('users.manage', form), {
      code: 'permission_denied',
      cluster: 'enterprise',
    });
  }
  AccessSet.admin().requireCapability('studio_assistant.use', 'enterprise');
});

test('an unknown cluster is the same error in both forms and on both sides; other types are TypeErrors', () => {
  const set = AccessSet.admin();
  const view = AccessView.from(set.view());
  for (const form of ['gov', { cluster: 'gov' }]) {
    assert.throws(() => set.capability('users.manage', form), { code: 'unknown_cluster', path: 'gov' });
    assert.throws(() => view.capability('users.manage', form), { code: 'unknown_cluster' });
  }
  for (const bad of [1, true, ['enterprise'], { cluster: 1 }, { clusters: 'enterprise' }]) {
    assert.throws(() => set.capability('users.manage', bad), TypeError, JSON.stringify(bad));
    assert.throws(() => view.capability('users.manage', bad), TypeError, `client ${JSON.stringify(bad)}`);
  }
});
