// The app of `app.mjs`, on Fastify: the same routes, guards as `preHandler`s,
// and the same answers (403 with the explanation, 400 with the core's code,
// 401 without a user).
//
// Run: `node fastify-app.mjs` (listens on 127.0.0.1:3000, or $PORT), then
//   curl -H 'x-user: kim' http://127.0.0.1:3000/knowledge/faqs
import Fastify from 'fastify';
import { AccessSet } from 'studio-permissions';
import { accessGuard, errorHandler } from 'studio-permissions/fastify';
import { USERS, accessFrom } from './users.mjs';

export function createApp(users = USERS) {
  const app = Fastify();
  // Documents arrive as text, so that the core judges the JSON itself.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => done(null, body));
  const guard = accessGuard(accessFrom(users));

  app.get('/knowledge/faqs', { preHandler: guard.requires('knowledge.faqs', 'view') }, async () => ({
    faqs: ['How do I reset a password?'],
  }));
  app.post('/knowledge/faqs', { preHandler: guard.requires('knowledge.faqs', 'create') }, async (request, reply) => {
    reply.code(201);
    return { created: true };
  });
  app.delete(
    '/knowledge/sources/:name',
    { preHandler: guard.requires('knowledge.sources', 'delete') },
    async (request, reply) => {
      reply.code(204).send();
    },
  );
  app.get('/analytics/kpis', { preHandler: guard.requires('analytics.kpis', 'view') }, async () => ({
    kpis: { containment: 0.62 },
  }));
  app.put('/users/:name/permissions', { preHandler: guard.requiresCapability('users.manage') }, async (request) =>
    AccessSet.fromJson(request.body).toJSON(),
  );
  app.get('/navigation', async (request) => (await guard.access(request)).visible().map((n) => n.id));
  app.get('/permissions/:id', async (request) => (await guard.access(request)).explain(request.params.id, 'view'));

  app.setErrorHandler(errorHandler());
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp();
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`listening on http://127.0.0.1:${port}`);
}
