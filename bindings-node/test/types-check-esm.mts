// The ESM entry's types: named and default imports.
import pkg, { AccessSet, PermissionDeniedError, type Level } from 'studio-permissions';

const level: Level = AccessSet.preset('knowledge_editor').level('knowledge');
const same: typeof AccessSet = pkg.AccessSet;
const denied = (err: unknown): boolean => err instanceof PermissionDeniedError && err.explanation.reason === 'parent_none';
// @ts-expect-error: a typo in an id
AccessSet.admin().can('knowlege', 'view');

export { level, same, denied };
