// Not part of test/tsconfig.json: test/types.test.mjs compiles this file and
// checks that each line fails with an error naming what is wrong (the role,
// the id, the level), never an error about `never`. One fault per line.
import { AccessSet, Catalog } from 'studio-permissions';

AccessSet.fromObject({ role: 'owner', permissions: { knowledge: 'read' } });
AccessSet.fromObject({ role: 'member', permissions: { 'knowlege.faqs': 'read' } });
AccessSet.fromObject({ role: 'member', permissions: { knowledge: 'write' } });
AccessSet.fromObject({ role: 'member', permissions: { 'knowledge.faq': 'edit' } }, { lenient: true });
AccessSet.fromObject(
  { role: 'member', permissions: { knowledge: 'read' } },
  { catalog: Catalog.fromJson<'docs' | 'docs.drafts'>('{"areas":[{"id":"docs","name":"D"}]}') },
);
