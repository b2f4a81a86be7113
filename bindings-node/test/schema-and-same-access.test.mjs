// The document's JSON Schema and `sameAccess`: both come from the core, so the
// schema is the same bytes as in Rust and Python (tests/conformance/document-schema.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AccessSet, Catalog } from '../index.js';

const SHARED = new URL('../../tests/conformance/document-schema.json', import.meta.url);

test('jsonSchema is the core schema, byte for byte', () => {
  const schema = Catalog.default().jsonSchema();
  assert.equal(JSON.stringify(schema), readFileSync(SHARED, 'utf8').trimEnd());
  assert.deepEqual(schema.properties.permissions.propertyNames.enum, Catalog.default().ids);
  // A fresh object each call: a caller's edit does not leak into the next.
  schema.title = 'changed';
  assert.equal(Catalog.default().jsonSchema().title, 'Access document');
});

test('jsonSchema follows a loaded catalog', () => {
  const small = Catalog.fromJson('{"areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"}]}]}');
  const schema = small.jsonSchema();
  assert.deepEqual(schema.properties.permissions.propertyNames.enum, ['a', 'a.b']);
  assert.match(schema.description, /a catalog with no version/);
});

test('sameAccess compares what is granted, equals what is stored', () => {
  const bare = AccessSet.admin();
  const storing = AccessSet.fromJson('{"role":"admin","permissions":{"knowledge":"read"}}');
  assert.equal(bare.equals(storing), false);
  assert.equal(bare.sameAccess(storing), true);
  const inherits = AccessSet.fromJson('{"role":"member","permissions":{"knowledge":"edit"}}');
  const explicit = inherits.set('knowledge.faqs', 'edit');
  assert.equal(inherits.equals(explicit), false);
  assert.equal(inherits.sameAccess(explicit), true);
  assert.equal(inherits.sameAccess(inherits.set('knowledge.faqs', 'read')), false);
  assert.equal(inherits.sameAccess(bare), false);
});

test('sameAccess refuses another catalog and a non-set', () => {
  const stranger = AccessSet.admin({ catalog: Catalog.fromJson('{"areas":[{"id":"a","name":"A"}]}') });
  assert.throws(() => AccessSet.admin().sameAccess(stranger), { code: 'invalid_catalog' });
  assert.throws(() => AccessSet.admin().sameAccess({ role: 'admin' }), TypeError);
});

test('requireCapability throws a CapabilityDeniedError naming the capability, cluster and role', async () => {
  const { CapabilityDeniedError, PermissionDeniedError, StudioPermissionsError } = await import('../index.mjs');
  const full = AccessSet.preset('full_developer');
  let thrown;
  try {
    full.requireCapability('users.manage');
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof CapabilityDeniedError && thrown instanceof StudioPermissionsError);
  assert.ok(!(thrown instanceof PermissionDeniedError));
  assert.equal(thrown.code, 'permission_denied');
  assert.equal(thrown.path, 'users.manage');
  assert.deepEqual([thrown.capability, thrown.cluster, thrown.role], ['users.manage', 'standard', 'member']);
  assert.equal(
    thrown.message,
    'permission denied: the capability `users.manage` is not held by the role `member` on the cluster `standard`',
  );
  const admin = AccessSet.admin();
  assert.equal(admin.requireCapability('studio_assistant.use', { cluster: 'enterprise' }), undefined);
  assert.throws(() => admin.requireCapability('studio_assistant.use'), CapabilityDeniedError);
  assert.throws(() => admin.requireCapability('users.manag', { cluster: 'moon' }), {
    code: 'unknown_capability',
    message: 'unknown capability `users.manag`: did you mean `users.manage`?',
  });
  assert.throws(() => admin.requireCapability('users.manage', { cluster: 'moon' }), { code: 'unknown_cluster' });
  assert.throws(() => admin.requireCapability(42), TypeError);
});
