// The client's types: the default catalog's ids, actions and capabilities.
import { AccessSet, type Level } from 'studio-permissions';
import { AccessView, type AccessViewData } from 'studio-permissions/client';

const data: AccessViewData = AccessSet.preset('knowledge_editor').view();
const view = AccessView.from(data);
const level: Level = view.level('knowledge.faqs');
const allowed: boolean = view.can('analytics', 'view') && view.capability('users.manage', 'enterprise');
const nav: string[] = view.visible();
// @ts-expect-error: a typo in an id
view.can('knowlege', 'view');
// @ts-expect-error: an action that does not exist
view.can('knowledge', 'publish');
// @ts-expect-error: a typo in a capability
view.capability('users.manag');
// @ts-expect-error: a cluster that does not exist
view.capability('users.manage', 'gov');

export { level, allowed, nav };
