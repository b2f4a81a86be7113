// Checked by `tsc --strict --noEmit` (test/packaging.test.mjs): the public
// types accept good calls and refuse typos. Each @ts-expect-error must fire.
import { AccessSet, Catalog, type Level, type Explanation, type Diff, type DefaultAreaId } from 'studio-permissions';
import cjs = require('studio-permissions');

const set = AccessSet.fromJson('{"role":"member"}');
const level: Level = set.level('knowledge.faqs');
const allowed: boolean = set.can('analytics.kpis', 'view');
const why: Explanation = set.explain('voice', 'edit');
const diff: Diff = set.diff(AccessSet.preset('full_developer'), { cluster: 'enterprise' });
const ids: readonly DefaultAreaId[] = Catalog.default().ids;
set.require('deployments.ab_testing', 'delete');
set.capability('studio_assistant.use', { cluster: 'enterprise' });
const admin: AccessSet = cjs.AccessSet.admin();

// @ts-expect-error: a typo in an id
set.can('knowlege.faqs', 'edit');
// @ts-expect-error: not an action
set.can('knowledge.faqs', 'write');
// @ts-expect-error: not a level
set.set('knowledge', 'admin');
// @ts-expect-error: not a role
set.withRole('owner');
// @ts-expect-error: not a cluster
set.capability('users.manage', { cluster: 'gov' });
// @ts-expect-error: not a capability of the default catalog
set.capability('users.manag');
// @ts-expect-error: not a preset of the default catalog
AccessSet.preset('knowledge_editr');
// @ts-expect-error: a level is one of three strings
const wrong: Level = 'write';

// A catalog loaded at run time types its own ids.
const custom = Catalog.fromJson<'docs' | 'docs.drafts', 'writer'>('{"areas":[{"id":"docs","name":"D"}]}');
const customSet = AccessSet.preset('writer', { catalog: custom });
customSet.level('docs.drafts');
// @ts-expect-error: the custom catalog has no `knowledge`
customSet.level('knowledge');
// @ts-expect-error: sets of different catalogs are different types
set.within(customSet);

export { level, allowed, why, diff, ids, admin, wrong };
