// An Express app guarded by studio-permissions.
//
// `accessGuard(getAccess)` builds the guards from the app's own lookup of the
// request's AccessSet; `guard.requires(id, action)` is route middleware (a
// typo in the id throws here, when the route is declared, not on the first
// request); `errorHandler()` answers a refusal with 403 and the explanation,
// a malformed document with 400 and the core's code, no user with 401.
//
// Run: `node app.mjs` (listens on 127.0.0.1:3000, or $PORT), then
//   curl -H 'x-user: kim' http://127.0.0.1:3000/knowledge/faqs
import express from 'express';
import { AccessSet } from 'studio-permissions';
import { accessGuard, errorHandler } from 'studio-permissions/express';
import { USERS, accessFrom } from './users.mjs';

export { USERS };

export function createApp(users = USERS) {
  const app = express();
  // Documents arrive as text, so that the core judges the JSON itself
  // (duplicate keys, numbers out of range) rather than a parsed object.
  app.use(express.text({ type: 'application/json' }));
  const guard = accessGuard(accessFrom(users));

  app.get('/knowledge/faqs', guard.requires('knowledge.faqs', 'view'), (req, res) => {
    res.json({ faqs: ['How do I reset a password?'] });
  });
  app.post('/knowledge/faqs', guard.requires('knowledge.faqs', 'create'), (req, res) => {
    res.status(201).json({ created: true });
  });
  app.delete('/knowledge/sources/:name', guard.requires('knowledge.sources', 'delete'), (req, res) => {
    res.status(204).end();
  });
  app.get('/analytics/kpis', guard.requires('analytics.kpis', 'view'), (req, res) => {
    res.json({ kpis: { containment: 0.62 } });
  });
  // Only admins manage users, whatever a member's levels.
  app.put('/users/:name/permissions', guard.requiresCapability('users.manage'), (req, res) => {
    const updated = AccessSet.fromJson(req.body); // strict: a fault is the core's 400
    res.json(updated.toJSON());
  });
  // The core's decisions for this user, with the catalog's display names for
  // the navigation, for a browser: studio-permissions/client reads them.
  app.get('/view', async (req, res) => {
    res.json((await guard.access(req)).view({ names: true }));
  });
  app.get('/navigation', async (req, res) => {
    const access = await guard.access(req);
    res.json(access.visible().map((n) => n.id));
  });
  app.get('/permissions/:id', async (req, res) => {
    // An id from the URL: an unknown one is the core's `unknown_area`, a 400.
    res.json((await guard.access(req)).explain(req.params.id, 'view'));
  });

  app.use(errorHandler());
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}`));
}
