// Checked by `tsc --strict --noEmit` (test/packaging.test.mjs): the public
// types accept good calls and refuse typos. Each @ts-expect-error must fire.
import {
  AccessSet,
  Catalog,
  Workspace,
  StudioPermissionsError,
  CapabilityDeniedError,
  type Level,
  type Explanation,
  type Diff,
  type DefaultAreaId,
  type Problem,
  type WorkspaceUser,
  type ExportRecord,
  type WorkspaceRecord,
  type WorkspaceDiff,
  type LevelCounts,
  Migration,
  type MigratedAccess,
  type MigrationCause,
  type MigrationReduction,
  type MigrationReport,
} from 'studio-permissions';
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
const nobody: AccessSet = AccessSet.member();
const stored: Level | null = set.stored('knowledge');
const areaIds: DefaultAreaId[] = Catalog.default()
  .areas()
  .map((n) => n.id);
const faqs: DefaultAreaId = Catalog.default().node('knowledge.faqs').id;
const manage: string[] | null = Catalog.default().capability('users.manage').clusters;
void [nobody, stored, areaIds, faqs, manage];
// @ts-expect-error: a typo in an id
set.stored('knowlege');

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

// Workspaces: the same unions as AccessSet.
const ws = Workspace.fromJson('[]', { lenient: true });
const editors: WorkspaceUser[] = ws.whoCan('deployments', 'edit');
const managers: WorkspaceUser[] = ws.whoHas('users.manage', { cluster: 'enterprise' });
const problems: readonly Problem[] = ws.problems;
const counts: LevelCounts = ws.counts()['knowledge.faqs'];
const changes: WorkspaceDiff = ws.diff(Workspace.fromRecords([]));
const comment: string = changes.toMarkdown();
const firstLevel: Level | undefined = ws.matrix().levels[0]?.[0];
const one: AccessSet | null = ws.access('ada');
const records: ExportRecord[] = ws.toRecords();
const recordLevel: Level | undefined = records[0]?.permissions['knowledge.faqs'];
const again: Workspace = Workspace.fromRecords(records);
const catalogText: string = Catalog.builtinJson();
void [recordLevel, again, catalogText];
// fromRecords checks records written in the code, and takes parsed JSON as it is.
Workspace.fromRecords([
  { user: 'ada', name: 'Ada', email: 'ada@example.com', role: 'admin' },
  { user: 'kim', role: 'member', permissions: { knowledge: 'edit', 'knowledge.sources': 'read' } },
]);
const written: WorkspaceRecord[] = [{ user: 'lee', role: 'member', permissions: { voice: 'read' } }];
Workspace.fromRecords(written, { lenient: true });
Workspace.fromRecords(JSON.parse('[{"user":"ada","role":"admin"}]'));
const parsed: unknown = JSON.parse('[]');
Workspace.fromRecords(parsed);
const fromText: { user: string; role: string }[] = [{ user: 'ada', role: 'admin' }];
Workspace.fromRecords(fromText);
const customRecords: Workspace<'docs' | 'docs.drafts', 'writer', string> = Workspace.fromRecords(
  [{ user: 'ada', role: 'member', permissions: { 'docs.drafts': 'edit' } }],
  { catalog: custom },
);
Workspace.fromRecords(customRecords.toRecords(), { catalog: custom });
// @ts-expect-error: not a role
Workspace.fromRecords([{ user: 'ada', role: 'owner' }]);
// @ts-expect-error: not a level
Workspace.fromRecords([{ user: 'ada', role: 'member', permissions: { knowledge: 'write' } }]);
Workspace.fromRecords([
  { user: 'ada', role: 'admin' },
  // @ts-expect-error: a typo in an id, in the second record
  { user: 'kim', role: 'member', permissions: { knowlege: 'read' } },
]);
// @ts-expect-error: a record has no `mail`
Workspace.fromRecords([{ user: 'ada', mail: 'ada@example.com', role: 'member' }]);
// @ts-expect-error: every record needs its user
Workspace.fromRecords([{ role: 'member' }]);
// @ts-expect-error: the custom catalog has no `knowledge`
Workspace.fromRecords([{ user: 'ada', role: 'member', permissions: { knowledge: 'read' } }], { catalog: custom });
// @ts-expect-error: records of the default catalog, loaded on another
Workspace.fromRecords(ws.toRecords(), { catalog: custom });
// @ts-expect-error: not an id of the default catalog
records[0]?.permissions['knowledge.faq'];
for (const user of ws) user.role satisfies 'admin' | 'member';
// @ts-expect-error: a typo in an id
ws.whoCan('deployment', 'edit');
// @ts-expect-error: not an action
ws.whoCan('deployments', 'write');
// @ts-expect-error: not a capability of the default catalog
ws.whoHas('users.manag');
// @ts-expect-error: not a cluster
ws.whoHas('users.manage', { cluster: 'gov' });
const customWs = Workspace.fromJsonLines('', { catalog: custom });
customWs.whoCan('docs.drafts', 'view');
// @ts-expect-error: workspaces of different catalogs are different types
ws.diff(customWs);
try {
  Workspace.fromJson('[');
} catch (err) {
  if (err instanceof StudioPermissionsError && err.code === 'invalid_workspace') {
    const lines: number[] = (err.problems ?? []).map((p) => p.line);
    void lines;
  }
}

// The document's JSON Schema is plain JSON; sameAccess takes a set of the same catalog.
const schema: Record<string, unknown> = Catalog.default().jsonSchema();
const same: boolean = AccessSet.admin().sameAccess(AccessSet.preset('knowledge_editor'));
// @ts-expect-error: sets of different catalogs are different types
AccessSet.admin().sameAccess(customSet);
void schema;
void same;
try {
  AccessSet.admin().requireCapability('studio_assistant.use', { cluster: 'enterprise' });
} catch (err) {
  if (err instanceof CapabilityDeniedError) {
    const refused: [string, 'admin' | 'member'] = [err.capability, err.role];
    void refused;
  }
}
// @ts-expect-error: not a capability of the default catalog
AccessSet.admin().requireCapability('users.manag');

// Migrations: the source catalog's ids in, the target catalog's ids out.
const nav = Catalog.fromJson<'build' | 'build.knowledge', 'builder', 'users.manage'>('{"areas":[]}');
const migration = Migration.fromJson('{"map":{}}', { source: Catalog.default(), target: nav });
Migration.fromObject({ map: { knowledge: 'build.knowledge' } }, { source: Catalog.default(), target: nav });
const moved: MigratedAccess<DefaultAreaId, 'build' | 'build.knowledge'> = migration.apply(set);
moved.access.level('build.knowledge');
// @ts-expect-error: the migrated set is on the target catalog
moved.access.level('knowledge');
const causes: MigrationCause[] = moved.reductions.map(([, cause]) => cause);
const firstReduction: MigrationReduction | undefined = moved.details[0];
const byLevel: Level | undefined = firstReduction?.by_level;
const sourceIds: DefaultAreaId[] = migration.sources('build.knowledge');
const targetIds: ('build' | 'build.knowledge')[] = migration.targets('knowledge');
const fresh: string[] = migration.nodesWithoutSource();
const reduces: boolean = migration.canReduce();
const { apply } = migration;
const migratedWs = ws.migrate(migration);
migratedWs.workspace.whoCan('build', 'view');
const report: MigrationReport = migratedWs.report;
const lostIds: string[] = report.losses.flatMap((l) => l.reductions.map((r) => r.id));
void [causes, byLevel, sourceIds, targetIds, fresh, reduces, apply, lostIds, migration.source, migration.target];
// @ts-expect-error: a typo in a target id
migration.sources('build.knowlege');
// @ts-expect-error: a typo in a source id
migration.targets('knowlege');
// @ts-expect-error: a set of the target catalog is not a set of the source
migration.apply(moved.access);
// @ts-expect-error: a workspace of another catalog than the source
customWs.migrate(migration);
// @ts-expect-error: both catalogs are required
Migration.fromJson('{}', { source: Catalog.default() });
try {
  Migration.fromJson('[]', { source: Catalog.default(), target: nav });
} catch (err) {
  if (err instanceof StudioPermissionsError && err.code === 'invalid_migration') {
    const where: string | null = err.path;
    void where;
  }
}

export {
  level,
  allowed,
  why,
  diff,
  ids,
  admin,
  wrong,
  editors,
  managers,
  problems,
  counts,
  changes,
  comment,
  firstLevel,
  one,
};
