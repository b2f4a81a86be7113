// Checked by `tsc --strict --noEmit` (test/packaging.test.mjs): the type
// guards, the error union, typed documents, destructured checks, and the
// Express and Fastify drop-ins against the frameworks' own types.
// Every expected error below must fire.
import express, { type Request } from 'express';
import Fastify, { type FastifyRequest } from 'fastify';
import {
  AccessSet,
  Catalog,
  PermissionDeniedError,
  StudioPermissionsError,
  isAction,
  isCluster,
  isLevel,
  isRole,
  type Action,
  type Level,
} from 'studio-permissions';
import * as forExpress from 'studio-permissions/express';
import * as forFastify from 'studio-permissions/fastify';

const set = AccessSet.fromJson('{"role":"member"}');
const fromQuery: string = 'view';

// Type guards narrow strings from requests and configs.
if (isAction(fromQuery)) set.can('knowledge', fromQuery);
// @ts-expect-error: a plain string is not an Action
set.can('knowledge', fromQuery);
const maybeLevel: unknown = 'read';
if (isLevel(maybeLevel)) set.set('knowledge', maybeLevel);
if (isRole(fromQuery)) set.withRole(fromQuery);
if (isCluster(fromQuery)) set.capability('users.manage', { cluster: fromQuery });
const actions: Action[] = ['view', 'edit'].filter(isAction);

// The error type is a union discriminated by `code`.
function describe(err: unknown): string {
  if (!(err instanceof StudioPermissionsError)) return 'not ours';
  const status: 400 | 403 = err.status;
  // @ts-expect-error: `line` is only on `invalid_json`
  const early: number = err.line;
  switch (err.code) {
    case 'invalid_json':
      return `line ${err.line.toFixed()}, column ${err.column.toFixed()}`;
    case 'unknown_area':
    case 'unknown_capability':
      return err.suggestion === null ? err.path : `${err.path} (${err.suggestion})`;
    case 'invalid_workspace':
      return err.problems.map((p) => p.line).join(',');
    case 'limit_exceeded':
      return `${err.size} > ${err.limit}`;
    case 'permission_denied':
      return err instanceof PermissionDeniedError ? err.explanation.reason : err.capability;
    default:
      return `${status} ${err.code} ${early}`;
  }
}
function denied(err: unknown): 403 | undefined {
  return err instanceof PermissionDeniedError ? err.status : undefined;
}

// `fromObject` checks a document's ids; raw input stays accepted.
AccessSet.fromObject({ role: 'member', permissions: { 'knowledge.faqs': 'read' } });
// @ts-expect-error: a typo in an id of a literal document
AccessSet.fromObject({ role: 'member', permissions: { 'knowlege.faqs': 'read' } });
// @ts-expect-error: not a level
AccessSet.fromObject({ role: 'member', permissions: { knowledge: 'write' } });
// @ts-expect-error: not a role (test/types.test.mjs checks the message names it)
AccessSet.fromObject({ role: 'owner', permissions: { knowledge: 'read' } });
// @ts-expect-error: not a role, without permissions
AccessSet.fromObject({ role: 'superuser' });
const body: unknown = JSON.parse('{"role":"member"}');
AccessSet.fromObject(body);
AccessSet.fromObject(JSON.parse('{"role":"admin"}'));
const loose: Record<string, unknown> = { role: 'member' };
AccessSet.fromObject(loose, { lenient: true });
const docs = Catalog.fromJson<'docs' | 'docs.drafts'>(
  '{"areas":[{"id":"docs","name":"D","children":[{"id":"drafts","name":"Dr"}]}]}',
);
const docsSet: AccessSet<'docs' | 'docs.drafts', string, string> = AccessSet.fromObject(
  { role: 'member', permissions: { 'docs.drafts': 'read' } },
  { catalog: docs },
);
// @ts-expect-error: the custom catalog has no `knowledge`
AccessSet.fromObject({ role: 'member', permissions: { knowledge: 'read' } }, { catalog: docs });

// The checks survive destructuring, with their types.
const { can, level, require } = set;
const may: boolean = can('analytics.kpis', 'view');
const lvl: Level = level('voice');
require('flows', 'view');
// @ts-expect-error: a typo in an id, destructured
can('knowlege', 'view');

// Express: the middleware fit Express's own handler types.
const app = express();
const expressGuard = forExpress.accessGuard((req: Request) => (req.get('x-user') === 'ada' ? AccessSet.admin() : null));
app.get('/faqs', expressGuard.requires('knowledge.faqs', 'view'), (req, res) => {
  res.json({ ok: true });
});
app.delete('/users/:id', expressGuard.requiresCapability('users.manage'), async (req, res) => {
  const access: AccessSet = await expressGuard.access(req);
  res.json(access.toJSON());
});
app.use(forExpress.errorHandler());
const untyped = forExpress.accessGuard(async (req) => AccessSet.fromJson(String(req.headers['x-doc'])));
// @ts-expect-error: a typo in an id at declaration
untyped.requires('knowlege.faqs', 'view');
// @ts-expect-error: not an action
untyped.requires('knowledge.faqs', 'write');
// @ts-expect-error: not a cluster
untyped.requiresCapability('users.manage', 'gov');
// @ts-expect-error: getAccess must give an AccessSet, null or undefined
forExpress.accessGuard(() => 'kim');
const docsGuard = forExpress.accessGuard(() => docsSet, { catalog: docs });
docsGuard.requires('docs.drafts', 'edit');
// @ts-expect-error: the guard's catalog has no `knowledge`
docsGuard.requires('knowledge', 'view');

// Fastify: a guard is a preHandler, the error handler fits setErrorHandler.
const server = Fastify();
const fastifyGuard = forFastify.accessGuard((request: FastifyRequest) =>
  request.headers['x-user'] === 'ada' ? AccessSet.admin() : undefined,
);
server.get('/faqs', { preHandler: fastifyGuard.requires('knowledge.faqs', 'view') }, async () => ({ ok: true }));
server.get(
  '/users',
  { preHandler: [fastifyGuard.requires('account', 'view'), fastifyGuard.requiresCapability('users.manage')] },
  async () => [],
);
server.setErrorHandler(forFastify.errorHandler());
// @ts-expect-error: a typo in a capability at declaration
fastifyGuard.requiresCapability('users.manag');
const unauthenticated: 401 = new forFastify.UnauthenticatedError().status;

export { actions, describe, denied, may, lvl, unauthenticated };

// An unannotated `getAccess` gets the framework's request type, not `any`.
forExpress.accessGuard((req) => {
  const user: string | undefined = req.get('x-user');
  // @ts-expect-error: Express's request has no such method
  req.nosuch();
  return user === 'ada' ? AccessSet.admin() : null;
});
forExpress.accessGuard(
  (req) => {
    // @ts-expect-error: Express's request has no such method, with a catalog too
    req.nosuch();
    return docsSet;
  },
  { catalog: docs },
);
forFastify.accessGuard((request) => {
  const user = request.headers['x-user'];
  // @ts-expect-error: Fastify's request has no such method
  request.nosuch();
  return user === 'ada' ? AccessSet.admin() : undefined;
});
const expressDefault: forExpress.DefaultRequest = {} as Request;
const fastifyDefault: forFastify.DefaultRequest = {} as FastifyRequest;
// The guards of an unannotated getAccess fit the frameworks' routes, params included.
const inferred = forExpress.accessGuard((req) => (req.params.id === 'ada' ? AccessSet.admin() : null));
app.get('/users/:id', inferred.requires('account', 'view'), (req, res) => {
  res.json({ id: req.params.id });
});
const inferredFastify = forFastify.accessGuard((request) => (request.url === '/' ? AccessSet.admin() : null));
server.get<{ Params: { id: string } }>(
  '/users/:id',
  { preHandler: inferredFastify.requires('account', 'view') },
  async (request) => ({ id: request.params.id }),
);
export { expressDefault, fastifyDefault };

// A guard's handlers take the request type its getAccess takes.
type Signed = { user: string };
const signedExpress = forExpress.accessGuard((req: Signed) => (req.user === 'ada' ? AccessSet.admin() : null));
const signedMiddleware: forExpress.GuardMiddleware<Signed> = signedExpress.requires('knowledge', 'view');
const signedGuard: forExpress.AccessGuard<Signed> = signedExpress;
// @ts-expect-error: the middleware takes a `Signed` request, not a number
const wrongMiddleware: forExpress.GuardMiddleware<number> = signedExpress.requires('knowledge', 'view');
const signedFastify = forFastify.accessGuard((request: Signed) => docsSet, { catalog: docs });
const signedHook: forFastify.GuardHook<Signed> = signedFastify.requires('docs.drafts', 'edit');
const signedDocsGuard: forFastify.AccessGuard<Signed, 'docs' | 'docs.drafts', string, string> = signedFastify;
// @ts-expect-error: the hook takes a `Signed` request, not a string
const wrongHook: forFastify.GuardHook<string> = signedFastify.requiresCapability('users.manage');
export { signedMiddleware, signedGuard, wrongMiddleware, signedHook, signedDocsGuard, wrongHook };
