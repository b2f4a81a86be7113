// Not part of test/tsconfig.json: test/types.test.mjs compiles this file and
// checks that each line fails with an error naming what is wrong (the role,
// the id, the level, a record's field), never an error about `never`. One
// fault per line.
import { AccessSet, Catalog, Workspace } from 'studio-permissions';

AccessSet.fromObject({ role: 'owner', permissions: { knowledge: 'read' } });
AccessSet.fromObject({ role: 'member', permissions: { 'knowlege.faqs': 'read' } });
AccessSet.fromObject({ role: 'member', permissions: { knowledge: 'write' } });
AccessSet.fromObject({ role: 'member', permissions: { 'knowledge.faq': 'edit' } }, { lenient: true });
AccessSet.fromObject(
  { role: 'member', permissions: { knowledge: 'read' } },
  { catalog: Catalog.fromJson<'docs' | 'docs.drafts'>('{"areas":[{"id":"docs","name":"D"}]}') },
);
Workspace.fromRecords([{ user: 'ada', role: 'owner' }]);
Workspace.fromRecords([{ user: 'kim', role: 'member', permissions: { 'knowlege.faqs': 'read' } }]);
Workspace.fromRecords([{ user: 'lee', role: 'member', permissions: { knowledge: 'write' } }]);
Workspace.fromRecords([{ user: 'max', mail: 'max@example.com', role: 'member' }]);
