// The example apps, Express (app.mjs) and Fastify (fastify-app.mjs), tested
// with real HTTP requests on 127.0.0.1: the same requests, the same answers.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { createApp as createExpressApp } from './app.mjs';
import { createApp as createFastifyApp } from './fastify-app.mjs';

async function listenExpress() {
  const server = createExpressApp().listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function listenFastify() {
  const app = createFastifyApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { base: `http://127.0.0.1:${app.server.address().port}`, close: () => app.close() };
}

for (const [name, listen] of [
  ['Express', listenExpress],
  ['Fastify', listenFastify],
]) {
  describe(`the ${name} example`, () => {
    let server;
    before(async () => {
      server = await listen();
    });
    after(() => server?.close());

    async function call(method, path, user, body) {
      const headers = {};
      if (user !== undefined) headers['x-user'] = user;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.base}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      return { status: res.status, body: text === '' ? null : JSON.parse(text) };
    }

    test('an allowed request goes through', async () => {
      assert.deepEqual(await call('GET', '/knowledge/faqs', 'kim'), {
        status: 200,
        body: { faqs: ['How do I reset a password?'] },
      });
      assert.deepEqual(await call('POST', '/knowledge/faqs', 'kim', '{"question":"q"}'), {
        status: 201,
        body: { created: true },
      });
      assert.equal((await call('GET', '/analytics/kpis', 'kim')).status, 200);
      assert.deepEqual(await call('DELETE', '/knowledge/sources/wiki', 'ada'), { status: 204, body: null });
    });

    test('a refusal is 403 with the explanation and the core message', async () => {
      assert.deepEqual(await call('DELETE', '/knowledge/sources/wiki', 'kim'), {
        status: 403,
        body: {
          code: 'permission_denied',
          message: 'permission denied: `delete` on `knowledge.sources` needs `edit`, the level is `read` (explicit)',
          id: 'knowledge.sources',
          action: 'delete',
          level: 'read',
          required: 'edit',
          reason: 'explicit',
        },
      });
      const hidden = await call('GET', '/knowledge/faqs', 'rob');
      assert.equal(hidden.status, 403);
      assert.equal(hidden.body.reason, 'parent_none');
      assert.equal((await call('POST', '/knowledge/faqs', 'rob', '{}')).status, 403);
    });

    test('managing users is a capability: 403 for a member, whatever its levels', async () => {
      const doc = '{"role":"member","permissions":{"knowledge":"read"}}';
      const member = await call('PUT', '/users/rob/permissions', 'kim', doc);
      assert.equal(member.status, 403);
      assert.deepEqual(
        { capability: member.body.capability, cluster: member.body.cluster, role: member.body.role },
        { capability: 'users.manage', cluster: 'standard', role: 'member' },
      );
      assert.deepEqual(await call('PUT', '/users/rob/permissions', 'ada', doc), {
        status: 200,
        body: { role: 'member', permissions: { knowledge: 'read' } },
      });
    });

    test("a malformed document is 400 with the core's code and path", async () => {
      assert.deepEqual(
        await call('PUT', '/users/rob/permissions', 'ada', '{"role":"member","permissions":{"knowlege":"read"}}'),
        {
          status: 400,
          body: {
            code: 'unknown_area',
            message: 'unknown area `knowlege`: did you mean `knowledge`?',
            path: 'knowlege',
            suggestion: 'knowledge',
          },
        },
      );
      const duplicate = await call('PUT', '/users/rob/permissions', 'ada', '{"role":"member","role":"admin"}');
      assert.deepEqual(duplicate.body, {
        code: 'duplicate_key',
        message: 'duplicate key `role` in a JSON object',
        path: 'role',
      });
      const truncated = await call('PUT', '/users/rob/permissions', 'ada', '{"role":');
      assert.equal(truncated.status, 400);
      assert.equal(truncated.body.code, 'invalid_json');
    });

    test('no user or an unknown user is 401', async () => {
      const body = { code: 'unauthenticated', message: 'authentication required: no access set for this request' };
      assert.deepEqual(await call('GET', '/knowledge/faqs'), { status: 401, body });
      assert.deepEqual(await call('GET', '/knowledge/faqs', 'mallory'), { status: 401, body });
      assert.deepEqual(await call('GET', '/navigation', 'constructor'), { status: 401, body });
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

    test('an unknown id in a URL is the core error, 400, never an allow', async () => {
      assert.deepEqual(await call('GET', '/permissions/knowlege.faqs', 'ada'), {
        status: 400,
        body: {
          code: 'unknown_area',
          message: 'unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?',
          path: 'knowlege.faqs',
          suggestion: 'knowledge.faqs',
        },
      });
    });
  });
}

test('a typo in a route is refused when the app is built, not on the first request', async () => {
  const { accessGuard: expressGuard } = await import('studio-permissions/express');
  const { accessGuard: fastifyGuard } = await import('studio-permissions/fastify');
  for (const accessGuard of [expressGuard, fastifyGuard]) {
    const guard = accessGuard(() => null);
    assert.throws(() => guard.requires('knowledge.faq', 'view'), {
      code: 'unknown_area',
      message: 'unknown area `knowledge.faq`: did you mean `knowledge.faqs`?',
    });
  }
});
