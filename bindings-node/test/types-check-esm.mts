// The ESM entry's types: named and default imports.
import pkg, { AccessSet, Catalog, Migration, PermissionDeniedError, type Level } from 'studio-permissions';
import { accessGuard as expressGuard, errorHandler as expressErrors } from 'studio-permissions/express';
import { accessGuard as fastifyGuard, UnauthenticatedError } from 'studio-permissions/fastify';

const level: Level = AccessSet.preset('knowledge_editor').level('knowledge');
const same: typeof AccessSet = pkg.AccessSet;
const migrations: typeof Migration = pkg.Migration;
const kept: boolean = Migration.fromJson('{}', { source: Catalog.default(), target: Catalog.default() }).canReduce();
const denied = (err: unknown): boolean =>
  err instanceof PermissionDeniedError && err.explanation.reason === 'parent_none';
// @ts-expect-error: a typo in an id
AccessSet.admin().can('knowlege', 'view');

// The web drop-ins by their ESM entries.
const guard = expressGuard(() => AccessSet.admin());
guard.requires('knowledge.faqs', 'view');
// @ts-expect-error: a typo in an id at declaration
fastifyGuard(() => null).requires('knowlege', 'view');
const handler = expressErrors();
const status: 401 = new UnauthenticatedError().status;

export { level, same, migrations, kept, denied, handler, status };
