// Quickstart: load a user's stored permissions, check, explain, change.
// Type-checked by `make test-node` (tsc --strict) and run by its tests.
import {
  AccessSet,
  Catalog,
  PermissionDeniedError,
  StudioPermissionsError,
  type Explanation,
  type Level,
} from 'studio-permissions';

// A document as stored for a user: knowledge editor, sources read-only.
const stored = '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read"}}';
const user = AccessSet.fromJson(stored);

const faqs: Level = user.level('knowledge.faqs'); // 'edit': inherited from `knowledge`
console.log(`knowledge.faqs: ${faqs}`);
console.log(`may edit knowledge.sources: ${user.can('knowledge.sources', 'edit')}`); // false: restricted
console.log(`may view analytics.kpis: ${user.can('analytics.kpis', 'view')}`); // true

// A typo is a compile error in TypeScript, and an error at run time too.
try {
  // @ts-expect-error: 'knowlege.faqs' is not an id of the default catalog
  user.can('knowlege.faqs', 'edit');
} catch (err) {
  if (err instanceof StudioPermissionsError) console.log(`${err.code}: ${err.message}`);
}

// Why is an action refused?
const why: Explanation = user.explain('knowledge.sources', 'edit');
console.log(`${why.allowed ? 'allowed' : 'denied'} (${why.reason}): level ${why.level}, needs ${why.required}`);

// `require` throws a PermissionDeniedError that carries the explanation.
try {
  user.require('deployments', 'view');
} catch (err) {
  if (err instanceof PermissionDeniedError) console.log(`${err.message} [${err.explanation.reason}]`);
}

// Changes return new sets; the canonical document is what you store.
const promoted = user.set('deployments', 'read').clear('knowledge.sources');
console.log(JSON.stringify(promoted));
console.log(`promoted grants more: ${!promoted.within(user)}`);
for (const change of promoted.diff(user).levels) console.log(`  ${change.id}: ${change.before} -> ${change.after}`);

// Presets, admins, capabilities, and catalogs loaded at run time.
console.log(
  `operations_manager may manage users: ${AccessSet.preset('operations_manager').capability('users.manage')}`,
);
console.log(
  `admin on enterprise may use the assistant: ${AccessSet.admin().capability('studio_assistant.use', { cluster: 'enterprise' })}`,
);

const catalog = Catalog.fromJson<'docs' | 'docs.drafts'>(
  '{"areas":[{"id":"docs","name":"Docs","children":[{"id":"drafts","name":"Drafts"}]}]}',
);
const writer = AccessSet.fromObject(
  { role: 'member', permissions: { docs: 'edit', 'docs.drafts': 'read' } },
  { catalog },
);
console.log(`docs.drafts: ${writer.level('docs.drafts')}`);
// @ts-expect-error: the catalog has no `knowledge`
writer.can.bind(writer, 'knowledge', 'view');
