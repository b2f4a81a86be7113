// The Express and Fastify drop-ins, each serving the same app over real HTTP
// on 127.0.0.1: the same requests must get the same statuses and bodies.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import Fastify from 'fastify';
import { AccessSet, Catalog, PermissionDeniedError, StudioPermissionsError } from 'studio-permissions';
import * as forExpress from 'studio-permissions/express';
import * as forFastify from 'studio-permissions/fastify';
import { listenExpress } from './listen.mjs';

const OTHER_CATALOG = Catalog.fromJson('{"areas":[{"id":"docs","name":"Docs"}]}');

/** Stored documents by user; a few users make `getAccess` misbehave. */
const STORED = {
  ada: '{"role":"admin","permissions":{}}',
  kim: '{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read","analytics":"read"}}',
  rob: '{"role":"member","permissions":{"analytics":"read"}}',
  // A stored document the core refuses: getAccess throws the core's error.
  stale: '{"role":"member","permissions":{"knowlege":"edit"}}',
};

/** Counts `getAccess` calls per request id, to show a stacked route loads the set once. */
const calls = new Map();

async function getAccess(req) {
  const user = req.headers['x-user'];
  const id = req.headers['x-request'];
  if (id !== undefined) calls.set(id, (calls.get(id) ?? 0) + 1);
  if (user === 'boom') throw new Error('the user store is down');
  if (user === 'string') return 'kim';
  if (user === 'other-catalog') return AccessSet.admin({ catalog: OTHER_CATALOG });
  if (user === 'later') return new Promise((resolve) => setImmediate(() => resolve(AccessSet.fromJson(STORED.kim))));
  if (typeof user !== 'string' || !Object.hasOwn(STORED, user)) return null;
  return AccessSet.fromJson(STORED[user]);
}

/** The same routes in both frameworks; `use(method, path, guards, handler)` registers one. */
function routes(guard, use) {
  use('get', '/faqs', [guard.requires('knowledge.faqs', 'view')], () => ({ faqs: ['q'] }));
  use('delete', '/sources', [guard.requires('knowledge.sources', 'delete')], () => ({ deleted: true }));
  use('get', '/users', [guard.requiresCapability('users.manage')], () => ({ users: [] }));
  use('get', '/assistant', [guard.requiresCapability('studio_assistant.use', 'enterprise')], () => ({
    assistant: true,
  }));
  use('get', '/stacked', [guard.requires('knowledge', 'view'), guard.requires('knowledge.faqs', 'edit')], () => ({
    ok: true,
  }));
  // The body is the document's text, judged by the core (duplicate keys included).
  use('put', '/documents', [], (req) => AccessSet.fromJson(req.body).toJSON());
  use('get', '/explain/:id', [], async (req) => (await guard.access(req)).explain(req.params.id, 'view'));
}

/** What an app's own error handler can read from an error. */
function details(err) {
  const { code = null, path = null, suggestion = null, line = null, column = null } = err;
  return { status: err.status ?? 500, code, path, suggestion, line, column };
}

function expressApp({ handler = true, bare = false } = {}) {
  const app = express();
  app.use(express.text({ type: 'application/json' }));
  const guard = forExpress.accessGuard(getAccess);
  routes(guard, (method, path, guards, handle) => {
    app[method](path, ...guards, async (req, res) => {
      res.json(await handle(req));
    });
  });
  if (handler) app.use(forExpress.errorHandler());
  // An app's own handler (Express's final handler would answer in HTML): it
  // sees the status and the details the error carries.
  if (!bare) {
    app.use((err, req, res, next) => {
      res.status(err.status ?? 500).json(details(err));
    });
  }
  return {
    listen: () => listenExpress(app),
  };
}

function fastifyApp({ handler = true, bare = false } = {}) {
  const app = Fastify();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => done(null, body));
  const guard = forFastify.accessGuard(getAccess);
  routes(guard, (method, path, guards, handle) => {
    app[method](path, { preHandler: guards }, async (request) => handle(request));
  });
  if (handler) app.setErrorHandler(forFastify.errorHandler());
  else if (!bare) app.setErrorHandler((err, request, reply) => reply.code(err.status ?? 500).send(details(err)));
  return {
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${app.server.address().port}`, close: () => app.close() };
    },
  };
}

const FRAMEWORKS = [
  ['Express', expressApp, forExpress],
  ['Fastify', fastifyApp, forFastify],
];

for (const [name, makeApp, dropIn] of FRAMEWORKS) {
  describe(`${name}: guards declared with the wrong names throw when the route is declared`, () => {
    const guard = dropIn.accessGuard(getAccess);

    test('an unknown id, with the suggestion', () => {
      assert.throws(
        () => guard.requires('knowlege.faqs', 'view'),
        (err) =>
          err instanceof StudioPermissionsError &&
          err.code === 'unknown_area' &&
          err.path === 'knowlege.faqs' &&
          err.suggestion === 'knowledge.faqs' &&
          err.message === 'unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?',
      );
    });

    test('an unknown action; the id is judged first', () => {
      assert.throws(() => guard.requires('knowledge', 'destroy'), { code: 'unknown_action', path: 'destroy' });
      assert.throws(() => guard.requires('knowlege', 'destroy'), { code: 'unknown_area', path: 'knowlege' });
    });

    test('an unknown capability, with the suggestion, or an unknown cluster', () => {
      assert.throws(() => guard.requiresCapability('users.manag'), {
        code: 'unknown_capability',
        suggestion: 'users.manage',
      });
      assert.throws(() => guard.requiresCapability('users.manage', 'gov'), { code: 'unknown_cluster', path: 'gov' });
      assert.throws(() => guard.requiresCapability('users.manag', 'gov'), { code: 'unknown_capability' });
    });

    test('wrong argument types are TypeErrors', () => {
      assert.throws(() => guard.requires(['knowledge'], 'view'), TypeError);
      assert.throws(() => guard.requires('knowledge'), TypeError);
      assert.throws(() => guard.requiresCapability('users.manage', null), TypeError);
      assert.throws(() => dropIn.accessGuard(), TypeError);
      assert.throws(() => dropIn.accessGuard(getAccess, { catalogue: OTHER_CATALOG }), /unknown option `catalogue`/);
      assert.throws(() => dropIn.accessGuard(getAccess, { catalog: {} }), TypeError);
    });

    test("ids are checked against the guard's catalog", () => {
      const docs = dropIn.accessGuard(getAccess, { catalog: OTHER_CATALOG });
      assert.equal(docs.catalog, OTHER_CATALOG);
      assert.equal(typeof docs.requires('docs', 'edit'), 'function');
      assert.throws(() => docs.requires('knowledge', 'view'), { code: 'unknown_area' });
    });
  });

  describe(`${name}: the app over real HTTP`, () => {
    let server;
    let plain;
    before(async () => {
      server = await makeApp().listen();
      plain = await makeApp({ handler: false }).listen();
    });
    after(async () => {
      await server?.close();
      await plain?.close();
    });

    async function call(method, path, { user, body, base = server.base, request } = {}) {
      const headers = {};
      if (user !== undefined) headers['x-user'] = user;
      if (request !== undefined) headers['x-request'] = request;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: kept as text for the assertion message
      }
      return { status: res.status, body: parsed };
    }

    test('allowed requests go through, from a set or a promise of one', async () => {
      assert.deepEqual(await call('GET', '/faqs', { user: 'kim' }), { status: 200, body: { faqs: ['q'] } });
      assert.deepEqual(await call('GET', '/faqs', { user: 'later' }), { status: 200, body: { faqs: ['q'] } });
      assert.deepEqual(await call('DELETE', '/sources', { user: 'ada' }), { status: 200, body: { deleted: true } });
      assert.deepEqual(await call('GET', '/users', { user: 'ada' }), { status: 200, body: { users: [] } });
    });

    test('a refusal is 403 with the explanation', async () => {
      const res = await call('DELETE', '/sources', { user: 'kim' });
      assert.deepEqual(res, {
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
      const hidden = await call('GET', '/faqs', { user: 'rob' });
      assert.equal(hidden.status, 403);
      assert.equal(hidden.body.reason, 'parent_none');
      assert.equal(hidden.body.level, 'none');
    });

    test('a capability refusal is 403 naming the capability, the cluster and the role', async () => {
      assert.deepEqual(await call('GET', '/users', { user: 'kim' }), {
        status: 403,
        body: {
          code: 'permission_denied',
          message:
            'permission denied: the capability `users.manage` is not held by the role `member` on the cluster `standard`',
          capability: 'users.manage',
          cluster: 'standard',
          role: 'member',
        },
      });
      assert.equal((await call('GET', '/assistant', { user: 'ada' })).status, 200);
    });

    test('no access set is 401, never an allow', async () => {
      const body = { code: 'unauthenticated', message: 'authentication required: no access set for this request' };
      assert.deepEqual(await call('GET', '/faqs'), { status: 401, body });
      assert.deepEqual(await call('GET', '/faqs', { user: 'mallory' }), { status: 401, body });
      assert.deepEqual(await call('GET', '/faqs', { user: 'constructor' }), { status: 401, body });
      assert.deepEqual(await call('GET', '/explain/knowledge', {}), { status: 401, body });
    });

    test('a getAccess that throws or returns a wrong value goes to the framework: 500', async () => {
      for (const user of ['boom', 'string', 'other-catalog']) {
        const res = await call('GET', '/faqs', { user });
        assert.equal(res.status, 500, `${user}: ${JSON.stringify(res.body)}`);
        assert.ok(!JSON.stringify(res.body).includes('faqs'), user);
      }
    });

    test('a stored document the core refuses is a server fault: 500, nothing stored in the body', async () => {
      const res = await call('GET', '/faqs', { user: 'stale' });
      assert.deepEqual(res, {
        status: 500,
        body: { code: 'access_unavailable', message: 'the access of this request could not be established' },
      });
    });

    test("a malformed document in a request is a 400 with the core's code and path", async () => {
      const cases = [
        ['{"role":"member",', 'invalid_json', null],
        ['{"role":"member","role":"admin"}', 'duplicate_key', 'role'],
        ['{"role":"owner"}', 'unknown_role', 'role'],
        ['{"role":"member","permissions":{"knowledge.faq":"read"}}', 'unknown_area', 'knowledge.faq'],
        ['{"role":"member","permissions":{"knowledge":"write"}}', 'invalid_level', 'knowledge'],
        [
          '{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit"}}',
          'subsection_exceeds_parent',
          'knowledge.faqs',
        ],
      ];
      for (const [text, code, path] of cases) {
        const res = await call('PUT', '/documents', { user: 'ada', body: text });
        assert.equal(res.status, 400, text);
        const extra = { invalid_json: ['line', 'column'], unknown_area: ['suggestion'] }[code] ?? [];
        assert.deepEqual(Object.keys(res.body), ['code', 'message', 'path', ...extra], text);
        assert.equal(res.body.code, code, text);
        assert.equal(res.body.path, path, text);
        try {
          AccessSet.fromJson(text);
          assert.fail(`${text} parsed`);
        } catch (err) {
          assert.equal(res.body.message, err.message);
        }
      }
      const good = await call('PUT', '/documents', { body: '{"role":"member","permissions":{"knowledge":"read"}}' });
      assert.deepEqual(good, { status: 200, body: { role: 'member', permissions: { knowledge: 'read' } } });
    });

    test('an unknown id from a URL is a 400 with the suggestion in the message', async () => {
      assert.deepEqual(await call('GET', '/explain/knowlege.faqs', { user: 'kim' }), {
        status: 400,
        body: {
          code: 'unknown_area',
          message: 'unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?',
          path: 'knowlege.faqs',
          suggestion: 'knowledge.faqs',
        },
      });
      const why = await call('GET', '/explain/knowledge.faqs', { user: 'kim' });
      assert.equal(why.body.reason, 'inherited');
    });

    test('stacked guards load the set once per request', async () => {
      assert.equal((await call('GET', '/stacked', { user: 'kim', request: `${name}-1` })).status, 200);
      assert.equal(calls.get(`${name}-1`), 1);
      assert.equal((await call('GET', '/stacked', { user: 'rob', request: `${name}-2` })).status, 403);
      assert.equal(calls.get(`${name}-2`), 1);
    });

    test("without errorHandler an app's own handler gets the status, code, path and details", async () => {
      const none = { suggestion: null, line: null, column: null };
      assert.deepEqual(await call('DELETE', '/sources', { user: 'kim', base: plain.base }), {
        status: 403,
        body: { status: 403, code: 'permission_denied', path: 'knowledge.sources', ...none },
      });
      assert.deepEqual(await call('GET', '/faqs', { base: plain.base }), {
        status: 401,
        body: { status: 401, code: 'unauthenticated', path: null, ...none },
      });
      assert.deepEqual(
        await call('PUT', '/documents', { body: '{"role":"member",\n  "permissions": [}', base: plain.base }),
        {
          status: 400,
          body: { status: 400, code: 'invalid_json', path: null, suggestion: null, line: 2, column: 19 },
        },
      );
      assert.deepEqual(await call('GET', '/explain/knowledge.faq', { user: 'kim', base: plain.base }), {
        status: 400,
        body: {
          status: 400,
          code: 'unknown_area',
          path: 'knowledge.faq',
          suggestion: 'knowledge.faqs',
          line: null,
          column: null,
        },
      });
      assert.equal((await call('GET', '/faqs', { user: 'boom', base: plain.base })).status, 500);
    });

    test("without any app handler the framework's default answers with the error's status", async () => {
      const bare = await makeApp({ handler: false, bare: true }).listen();
      try {
        assert.equal((await call('DELETE', '/sources', { user: 'kim', base: bare.base })).status, 403);
        assert.equal((await call('GET', '/faqs', { base: bare.base })).status, 401);
        assert.equal((await call('PUT', '/documents', { body: '{"role":1}', base: bare.base })).status, 400);
        assert.equal((await call('GET', '/faqs', { user: 'boom', base: bare.base })).status, 500);
      } finally {
        await bare.close();
      }
    });
  });
}

test('every error of the package says how HTTP should answer it', () => {
  const denied = (() => {
    try {
      AccessSet.fromJson('{"role":"member"}').require('knowledge', 'view');
    } catch (err) {
      return err;
    }
  })();
  assert.ok(denied instanceof PermissionDeniedError);
  assert.equal(denied.status, 403);
  assert.equal(denied.expose, true);
  for (const attempt of [
    () => AccessSet.fromJson('['),
    () => AccessSet.admin().level('x'),
    () => Catalog.fromJson('{}'),
  ]) {
    assert.throws(attempt, (err) => err instanceof StudioPermissionsError && err.status === 400 && err.expose === true);
  }
});

test("an addon error carrying a capability refusal becomes a CapabilityDeniedError with the addon's message", async () => {
  const { translate, CapabilityDeniedError } = await import('../lib/errors.js');
  const raw = Object.assign(new Error('permission denied: worded by the core'), {
    code: 'permission_denied',
    path: 'users.manage',
    capability: 'users.manage',
    cluster: 'standard',
    role: 'member',
  });
  const err = translate(raw);
  assert.ok(err instanceof CapabilityDeniedError && err instanceof StudioPermissionsError);
  assert.equal(err.message, 'permission denied: worded by the core');
  assert.deepEqual(
    [err.code, err.path, err.capability, err.cluster, err.role, err.status],
    ['permission_denied', 'users.manage', 'users.manage', 'standard', 'member', 403],
  );
});
