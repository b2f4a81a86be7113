// The client's types: the default catalog's ids, actions and capabilities;
// the server's record shape for `visible()`; methods safe to destructure.
import { AccessSet, type Level, type NodeLevel } from 'studio-permissions';
import { AccessView, type AccessViewData, type UnknownNameError, type VisibleNode } from 'studio-permissions/client';

const data: AccessViewData = AccessSet.preset('knowledge_editor').view();
const named: AccessViewData & { names: string[] } = AccessSet.preset('knowledge_editor').view({ names: true });
const labels: string[] = named.names;
const view = AccessView.from(data);
const level: Level = view.level('knowledge.faqs');
const allowed: boolean = view.can('analytics', 'view') && view.capability('users.manage', 'enterprise');
const alsoAllowed: boolean = view.capability('users.manage', { cluster: 'enterprise' });
const nav: VisibleNode[] = view.visible();
const ids: string[] = nav.map((n) => n.id);
const label: string | null = view.name('knowledge.faqs');
// The server's records fit where the client's are read.
const fromServer: readonly VisibleNode[] = AccessSet.admin().visible() satisfies NodeLevel[];
// Bound methods: destructuring keeps the types.
const { can, level: levelOf, visible } = view;
const destructured: boolean = can('knowledge', 'edit') && levelOf('analytics') === 'none' && visible().length > 0;
const failure = (err: UnknownNameError): string | null | undefined => err.suggestion ?? err.path;
// @ts-expect-error: a typo in an id
view.can('knowlege', 'view');
// @ts-expect-error: an action that does not exist
view.can('knowledge', 'publish');
// @ts-expect-error: a typo in a capability
view.capability('users.manag');
// @ts-expect-error: a cluster that does not exist
view.capability('users.manage', 'gov');
// @ts-expect-error: the option is `cluster`
view.capability('users.manage', { clusters: 'enterprise' });
// @ts-expect-error: a typo in an id
view.name('knowlege');
// @ts-expect-error: `names` takes a boolean
AccessSet.admin().view({ names: 'yes' });
// @ts-expect-error: a view's name may be missing
const sure: string = view.name('knowledge');

export { level, allowed, alsoAllowed, nav, ids, label, labels, fromServer, destructured, failure, sure };
