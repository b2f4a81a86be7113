// tests/http/cases.json over real HTTP on 127.0.0.1, against Express and
// Fastify with the package's error handlers: every case gets its status and
// the exact bytes of its body, and a handler runs only for a 2xx. The Python
// runner (bindings-python/tests/test_http_cases.py) holds FastAPI to the
// same file.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import Fastify from 'fastify';
import { AccessSet, Catalog } from 'studio-permissions';
import * as forExpress from 'studio-permissions/express';
import * as forFastify from 'studio-permissions/fastify';
import { listenExpress } from './listen.mjs';

const FILE = JSON.parse(readFileSync(new URL('../../tests/http/cases.json', import.meta.url), 'utf8'));
const OTHER = Catalog.fromJson(FILE.other_catalog);

/** The JavaScript value a case names, as source text. */
function thrownValue(name) {
  const values = {
    undefined: undefined,
    null: null,
    0: 0,
    "''": '',
    false: false,
    NaN: Number.NaN,
    '0n': 0n,
    "'route'": 'route',
    "'router'": 'router',
    Error: new Error('the user store is down: password hunter2'),
  };
  if (!Object.hasOwn(values, name)) throw new Error(`no value ${name}`);
  return values[name];
}

function thenable(then) {
  return Object.defineProperty({}, 'then', { value: then, enumerable: true });
}

function wrongValue(name) {
  const values = {
    string: 'admin',
    number: 1,
    boolean: true,
    object: {},
    array: [],
    'document-object': JSON.parse(FILE.documents.ada),
    function: () => AccessSet.fromJson(FILE.documents.ada),
  };
  return values[name];
}

/** What `getAccess` does for a case. */
function behave(access) {
  const set = () => AccessSet.fromJson(FILE.documents[access.document]);
  switch (access.kind) {
    case 'set':
      return set();
    case 'text':
      return AccessSet.fromJson(access.value);
    case 'later':
      return new Promise((resolve) => setImmediate(() => resolve(set())));
    case 'thenable':
      return thenable((resolve) => resolve(set()));
    case 'none':
      return null;
    case 'undefined':
      return undefined;
    case 'later-none':
      return new Promise((resolve) => setImmediate(() => resolve(null)));
    case 'thenable-none':
      return thenable((resolve) => resolve(null));
    case 'throw':
      throw thrownValue(access.value);
    case 'reject':
      return access.value === 'nothing' ? Promise.reject() : Promise.reject(thrownValue(access.value));
    case 'thenable-reject':
      return thenable((resolve, reject) => reject(thrownValue(access.value)));
    case 'thenable-throw':
      return thenable(() => {
        throw thrownValue(access.value);
      });
    case 'wrong':
      return wrongValue(access.value);
    case 'thenable-wrong':
      return thenable((resolve) => resolve(wrongValue(access.value)));
    case 'forged': {
      const fake = Object.create(AccessSet.prototype);
      fake.require = () => undefined;
      fake.requireCapability = () => undefined;
      Object.defineProperty(fake, 'catalog', { value: Catalog.default() });
      return fake;
    }
    case 'other-catalog':
      return AccessSet.fromJson(FILE.other_document, { catalog: OTHER });
    default:
      throw new Error(`no access kind ${access.kind}`);
  }
}

/** Handler runs by case index: only a 2xx case may have one. */
const ran = new Map();

function caseOf(req) {
  return FILE.cases[Number(req.headers['x-case'])];
}

function getAccess(req) {
  return behave(caseOf(req).access);
}

/** The answer of a route's handler (an error of the package goes to the error handler). */
async function handle(route, guard, req, params, body) {
  ran.set(req.headers['x-case'], (ran.get(req.headers['x-case']) ?? 0) + 1);
  if (route.handler === 'ok') return { ok: true };
  if (route.handler === 'level') return { level: (await guard.access(req)).level(params.id) };
  if (route.handler === 'parse') return AccessSet.fromJson(body).toJSON();
  if (route.handler === 'can') return { allowed: (await guard.access(req)).can(params.id, params.action) };
  if (route.handler === 'capability') {
    return { held: (await guard.access(req)).capability(params.name, params.cluster) };
  }
  if (route.handler === 'preset') return AccessSet.preset(params.name).toJSON();
  throw new Error(`no handler ${route.handler}`);
}

function guardsOf(route, guard) {
  if (route.guard === null) return [];
  const [how, ...args] = route.guard;
  return [guard[how](...args)];
}

function expressApp() {
  const app = express();
  app.use(express.text({ type: 'application/json' }));
  const guard = forExpress.accessGuard(getAccess);
  for (const route of FILE.routes) {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    for (const method of route.methods) {
      app[method.toLowerCase()](path, ...guardsOf(route, guard), async (req, res, next) => {
        try {
          res.json(await handle(route, guard, req, req.params, req.body));
        } catch (err) {
          next(err);
        }
      });
    }
  }
  app.use(forExpress.errorHandler());
  return {
    listen: () => listenExpress(app),
  };
}

function fastifyApp() {
  // Ids in the path may be long: the core, not the router, answers them.
  const app = Fastify({ maxParamLength: 4096 });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => done(null, body));
  const guard = forFastify.accessGuard(getAccess);
  for (const route of FILE.routes) {
    app.route({
      method: route.methods,
      url: route.path.replace(/\{(\w+)\}/g, ':$1'),
      exposeHeadRoute: false,
      preHandler: guardsOf(route, guard),
      handler: async (request) => handle(route, guard, request, request.params, request.body),
    });
  }
  app.setErrorHandler(forFastify.errorHandler());
  return {
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${app.server.address().port}`, close: () => app.close() };
    },
  };
}

for (const [name, makeApp] of [
  ['Express', expressApp],
  ['Fastify', fastifyApp],
]) {
  describe(`${name}: tests/http/cases.json over real HTTP`, () => {
    let server;
    before(async () => {
      ran.clear();
      server = await makeApp().listen();
    });
    after(async () => {
      await server?.close();
    });

    test(`${FILE.cases.length} cases: the status, the exact body, a handler only on a 2xx`, async () => {
      for (const [i, c] of FILE.cases.entries()) {
        const headers = { 'x-case': String(i) };
        if (c.request !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(`${server.base}${c.path}`, {
          method: c.method,
          headers,
          body: c.request,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        const label = `${i} ${c.name}: ${res.status} ${text}`;
        assert.equal(res.status, c.status, label);
        assert.equal(text, c.method === 'HEAD' ? '' : JSON.stringify(c.body), label);
        const runs = ran.get(String(i)) ?? 0;
        // The guards answer 401, 403 and 500; a 400 is the handler's own error.
        assert.equal(runs, c.status < 300 || c.status === 400 ? 1 : 0, label);
      }
    });
  });
}
