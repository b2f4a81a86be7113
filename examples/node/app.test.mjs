// The Express example, tested with real HTTP requests on 127.0.0.1.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { createApp } from './app.mjs';

let server;
let base;

before(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

async function call(method, path, user, body) {
  const headers = {};
  if (user !== undefined) headers['x-user'] = user;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

test('an allowed request goes through', async () => {
  assert.deepEqual(await call('GET', '/knowledge/faqs', 'kim'), {
    status: 200,
    body: { faqs: ['How do I reset a password?'] },
  });
  assert.equal((await call('POST', '/knowledge/faqs', 'kim', { question: 'q' })).status, 201);
  assert.equal((await call('GET', '/analytics/kpis', 'kim')).status, 200);
  assert.equal((await call('DELETE', '/knowledge/sources/wiki', 'ada')).status, 204);
});

test('a refusal is 403 with the reason and the core message', async () => {
  const res = await call('DELETE', '/knowledge/sources/wiki', 'kim');
  assert.equal(res.status, 403);
  assert.deepEqual(res.body, {
    error: 'permission_denied',
    reason: 'explicit',
    message: 'permission denied: `delete` on `knowledge.sources` needs `edit`, the level is `read` (explicit)',
  });
  const hidden = await call('GET', '/knowledge/faqs', 'rob');
  assert.equal(hidden.status, 403);
  assert.equal(hidden.body.reason, 'parent_none');
  const inherited = await call('POST', '/knowledge/faqs', 'rob', {});
  assert.equal(inherited.status, 403);
});

test('no user or an unknown user is 401', async () => {
  assert.equal((await call('GET', '/knowledge/faqs')).status, 401);
  assert.equal((await call('GET', '/knowledge/faqs', 'mallory')).status, 401);
  assert.equal((await call('GET', '/knowledge/faqs', 'constructor')).status, 401);
});

test('the navigation tree and explanations come from the set', async () => {
  const nav = await call('GET', '/navigation', 'rob');
  assert.equal(nav.status, 200);
  assert.deepEqual(nav.body.slice(0, 2), ['analytics', 'analytics.conversations']);
  assert.ok(!nav.body.includes('knowledge'));
  const why = await call('GET', '/permissions/knowledge.faqs', 'kim');
  assert.equal(why.body.reason, 'inherited');
  assert.equal(why.body.allowed, true);
});

test('an unknown id in a URL is the core error, 404, never an allow', async () => {
  const res = await call('GET', '/permissions/knowlege.faqs', 'ada');
  assert.equal(res.status, 404);
  assert.deepEqual(res.body, {
    error: 'unknown_area',
    message: 'unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?',
  });
});
