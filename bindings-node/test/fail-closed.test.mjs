// The guards fail closed: over real HTTP on 127.0.0.1, whatever `getAccess`
// does wrong (throws or rejects with any value, falsy ones and Express's
// `'route'`/`'router'` included, gives a thenable that misbehaves, a wrong
// type, a forged set, a set of another catalog, no set at all), no handler of
// the app ever runs, and the answer is an error status: with the package's
// error handler, with an app's own, and with none.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import Fastify from 'fastify';
import { AccessSet, Catalog } from 'studio-permissions';
import * as forExpress from 'studio-permissions/express';
import * as forFastify from 'studio-permissions/fastify';
import { listenExpress } from './listen.mjs';

const OTHER_CATALOG = Catalog.fromJson('{"areas":[{"id":"knowledge","name":"Knowledge"}]}');
const ADMIN = '{"role":"admin","permissions":{}}';
const NOBODY = '{"role":"member","permissions":{}}';

/** A set made from the prototype, with a `require` that lets everything through. */
function forged() {
  const fake = Object.create(AccessSet.prototype);
  fake.require = () => undefined;
  fake.requireCapability = () => undefined;
  Object.defineProperty(fake, 'catalog', { value: Catalog.default() });
  return fake;
}

/** An object with a `then` method: awaited like a promise. */
function thenable(then) {
  return Object.defineProperty({}, 'then', { value: then, enumerable: true });
}

const FALSY = [undefined, null, 0, '', false, 0n, Number.NaN];
const SKIPS = ['route', 'router'];

/** What `getAccess` does, by name: each must end in an error answer. */
const FAILING = new Map();
for (const value of [...FALSY, ...SKIPS, new Error('store down'), { message: 'not an Error' }]) {
  const name = typeof value === 'bigint' ? `${value}n` : String(value);
  FAILING.set(`throw ${name}`, () => {
    throw value;
  });
  FAILING.set(`reject ${name}`, () => Promise.reject(value));
  FAILING.set(`async throw ${name}`, async () => {
    throw value;
  });
  FAILING.set(`thenable rejects ${name}`, () => thenable((resolve, reject) => reject(value)));
  FAILING.set(`thenable throws ${name}`, () =>
    thenable(() => {
      throw value;
    }),
  );
  FAILING.set(`later reject ${name}`, () => new Promise((resolve, reject) => setImmediate(() => reject(value))));
}
FAILING.set('reject with nothing', () => Promise.reject());
FAILING.set('then getter throws', () =>
  Object.defineProperty({}, 'then', {
    get() {
      throw undefined;
    },
  }),
);
FAILING.set('thenable resolves null', () => thenable((resolve) => resolve(null)));
FAILING.set('thenable resolves a string', () => thenable((resolve) => resolve('admin')));
for (const value of ['admin', 1, true, {}, [], () => AccessSet.fromJson(ADMIN), Symbol('x')]) {
  FAILING.set(`returns ${typeof value} ${String(value)}`, () => value);
}
FAILING.set('returns a forged set', forged);
FAILING.set('resolves a forged set', async () => forged());
FAILING.set('returns a set of another catalog', () => AccessSet.admin({ catalog: OTHER_CATALOG }));
FAILING.set('returns null', () => null);
FAILING.set('returns undefined', () => undefined);
FAILING.set('resolves undefined', async () => undefined);
FAILING.set('returns a refused set', () => AccessSet.fromJson(NOBODY));
FAILING.set('thenable resolves a refused set', () => thenable((resolve) => resolve(AccessSet.fromJson(NOBODY))));

/** The expected status of each case with the package's error handler. */
function expectedStatus(name) {
  if (name.includes('refused')) return 403;
  if (['returns null', 'returns undefined', 'resolves undefined', 'thenable resolves null'].includes(name)) return 401;
  return 500;
}

const ALLOWED = new Map([
  ['returns a set', () => AccessSet.fromJson(ADMIN)],
  ['thenable resolves a set', () => thenable((resolve) => resolve(AccessSet.fromJson(ADMIN)))],
]);

/** Counts every handler run, by case: a failing case must leave it at zero. */
const ran = new Map();

function getAccess(req) {
  const name = req.headers['x-case'];
  const behave = FAILING.get(name) ?? ALLOWED.get(name);
  if (behave === undefined) throw new Error(`no case ${name}`);
  return behave();
}

function handled(req) {
  const name = req.headers['x-case'];
  ran.set(name, (ran.get(name) ?? 0) + 1);
  return { ran: true };
}

function expressApp(mode) {
  const app = express();
  const guard = forExpress.accessGuard(getAccess);
  const router = express.Router();
  router.get('/x', guard.requires('knowledge', 'delete'), (req, res) => res.json(handled(req)));
  router.get('/x', (req, res) => res.json(handled(req)));
  app.use(router);
  app.get('/x', (req, res) => res.json(handled(req)));
  app.get('/cap', guard.requiresCapability('users.manage'), (req, res) => res.json(handled(req)));
  app.get('/cap', (req, res) => res.json(handled(req)));
  app.use((req, res) => res.status(404).json({ fallthrough: true }));
  if (mode === 'package') app.use(forExpress.errorHandler());
  if (mode !== 'bare') app.use((err, req, res, next) => res.status(err?.status ?? 500).json({ own: true }));
  return {
    listen: () => listenExpress(app),
  };
}

function fastifyApp(mode) {
  const app = Fastify();
  const guard = forFastify.accessGuard(getAccess);
  app.get('/x', { preHandler: guard.requires('knowledge', 'delete') }, async (request) => handled(request));
  app.get('/cap', { preHandler: [guard.requiresCapability('users.manage')] }, async (request) => handled(request));
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ fallthrough: true }));
  if (mode === 'package') app.setErrorHandler(forFastify.errorHandler());
  else if (mode === 'own')
    app.setErrorHandler((err, request, reply) => reply.code(err?.status ?? 500).send({ own: true }));
  return {
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${app.server.address().port}`, close: () => app.close() };
    },
  };
}

async function call(base, path, name) {
  const res = await fetch(`${base}${path}`, { headers: { 'x-case': name }, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

for (const [framework, makeApp] of [
  ['Express', expressApp],
  ['Fastify', fastifyApp],
]) {
  for (const mode of ['package', 'own', 'bare']) {
    describe(`${framework} (${mode} error handler): a guard never lets a failed getAccess through`, () => {
      let server;
      before(async () => {
        ran.clear();
        server = await makeApp(mode).listen();
      });
      after(async () => {
        await server?.close();
      });

      for (const path of ['/x', '/cap']) {
        test(`${path}: ${FAILING.size} failing cases, no handler runs`, async () => {
          for (const name of FAILING.keys()) {
            const res = await call(server.base, path, name);
            assert.equal(ran.get(name), undefined, `${name}: a handler ran (${res.status} ${res.text})`);
            assert.ok(res.status >= 400 && res.status !== 404, `${name}: ${res.status} ${res.text}`);
            assert.ok(!res.text.includes('"ran"'), name);
            if (mode === 'package') {
              assert.equal(res.status, expectedStatus(name), `${name}: ${res.text}`);
              const body = JSON.parse(res.text);
              if (res.status === 500) {
                assert.deepEqual(body, {
                  code: 'access_unavailable',
                  message: 'the access of this request could not be established',
                });
              }
              if (res.status === 401) assert.equal(body.code, 'unauthenticated');
              if (res.status === 403) assert.equal(body.code, 'permission_denied');
            }
          }
        });
      }

      test('an allowed set, or a thenable of one, runs the handler once', async () => {
        for (const name of ALLOWED.keys()) {
          const before = ran.get(name) ?? 0;
          const res = await call(server.base, '/x', name);
          assert.deepEqual([res.status, JSON.parse(res.text)], [200, { ran: true }], name);
          assert.equal(ran.get(name), before + 1, name);
        }
      });
    });
  }
}

test('the error handed on keeps what went wrong as its cause, never in its message', async () => {
  const guard = forExpress.accessGuard(() => Promise.reject(new Error('secret: the database password is hunter2')));
  const middleware = guard.requires('knowledge', 'view');
  const err = await new Promise((resolve) => middleware({}, {}, resolve));
  assert.ok(err instanceof forExpress.AccessUnavailableError);
  assert.equal(err.status, 500);
  assert.equal(err.expose, false);
  assert.match(err.cause.message, /hunter2/);
  assert.doesNotMatch(err.message, /hunter2/);
  for (const value of [...FALSY, ...SKIPS]) {
    const failed = await new Promise((resolve) =>
      forExpress.accessGuard(() => Promise.reject(value)).requires('knowledge', 'view')({}, {}, resolve),
    );
    assert.ok(failed instanceof forExpress.AccessUnavailableError, String(value));
    assert.equal(failed.cause, value);
  }
});
