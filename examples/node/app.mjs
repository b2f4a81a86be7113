// An Express app guarded by studio-permissions.
//
// `authenticate` loads the caller's stored document (here from an in-memory
// map keyed by the `x-user` header; a real service reads its database) and
// `requirePermission(id, action)` refuses with 403 and the core's reason.
//
// Run: `node app.mjs` (listens on 127.0.0.1:3000, or $PORT), then
//   curl -H 'x-user: kim' http://127.0.0.1:3000/knowledge/faqs
import express from 'express';
import { AccessSet, PermissionDeniedError, StudioPermissionsError } from 'studio-permissions';

/** Stored documents by user, as a service would keep them. */
export const USERS = {
  ada: '{"role":"admin","permissions":{}}',
  kim: '{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read","analytics":"read"}}',
  rob: '{"role":"member","permissions":{"analytics":"read"}}',
};

/** Loads `req.access` for the user named by the `x-user` header; 401 without one. */
export function authenticate(users) {
  return (req, res, next) => {
    const name = req.get('x-user');
    const stored = name === undefined ? undefined : users[name];
    if (typeof stored !== 'string' || !Object.hasOwn(users, name)) {
      res.status(401).json({ error: 'unauthenticated' });
      return;
    }
    try {
      req.access = AccessSet.fromJson(stored);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Lets the request through when `req.access` may do `action` on `id`; 403 with the reason otherwise. */
export function requirePermission(id, action) {
  return (req, res, next) => {
    try {
      req.access.require(id, action);
      next();
    } catch (err) {
      if (err instanceof PermissionDeniedError) {
        res.status(403).json({ error: err.code, reason: err.explanation.reason, message: err.message });
      } else {
        next(err);
      }
    }
  };
}

export function createApp(users = USERS) {
  const app = express();
  app.use(express.json());
  app.use(authenticate(users));

  app.get('/knowledge/faqs', requirePermission('knowledge.faqs', 'view'), (req, res) => {
    res.json({ faqs: ['How do I reset a password?'] });
  });
  app.post('/knowledge/faqs', requirePermission('knowledge.faqs', 'create'), (req, res) => {
    res.status(201).json({ created: req.body?.question ?? null });
  });
  app.delete('/knowledge/sources/:name', requirePermission('knowledge.sources', 'delete'), (req, res) => {
    res.status(204).end();
  });
  app.get('/analytics/kpis', requirePermission('analytics.kpis', 'view'), (req, res) => {
    res.json({ kpis: { containment: 0.62 } });
  });
  // The core's decisions for this user, for a browser: studio-permissions/client reads them.
  app.get('/view', (req, res) => {
    res.json(req.access.view());
  });
  app.get('/navigation', (req, res) => {
    res.json(req.access.visible().map((n) => n.id));
  });
  app.get('/permissions/:id', (req, res) => {
    // An id from the URL: an unknown one is the core's `unknown_area` error.
    res.json(req.access.explain(req.params.id, 'view'));
  });

  // The package's errors (a typo'd id in a route, an unknown id in a URL) are
  // client or server faults, never a silent allow.
  app.use((err, req, res, next) => {
    if (err instanceof StudioPermissionsError) {
      res.status(err.code === 'unknown_area' ? 404 : 500).json({ error: err.code, message: err.message });
    } else {
      next(err);
    }
  });
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}`));
}
