// The public API: every method, its happy path and its error paths.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  AccessSet,
  Catalog,
  PermissionDeniedError,
  StudioPermissionsError,
  ERROR_CODES,
  LEVELS,
  ACTIONS,
  ROLES,
  CLUSTERS,
  REASONS,
} from '../index.mjs';

const DOC = '{"role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read","analytics":"read"}}';
const TREE =
  '{"version":"v9","areas":[{"id":"a","name":"A","description":"first","children":[{"id":"b","name":"B","children":[{"id":"c","name":"C"}]}]},{"id":"d","name":"D"}],' +
  '"presets":{"reader":{"a":"read"}},"capabilities":{"x.y":{"roles":["member"]},"z":{"roles":["admin"],"clusters":["enterprise"]}}}';

/** Asserts that `fn` throws the package's error with this code, path and exact message. */
function throwsCore(fn, code, path, message) {
  let thrown;
  assert.throws(fn, (err) => {
    assert.ok(err instanceof StudioPermissionsError, `not a StudioPermissionsError: ${err}`);
    assert.ok(err instanceof Error);
    assert.equal(err.code, code);
    if (path !== undefined) assert.equal(err.path, path);
    if (message !== undefined) assert.equal(err.message, message);
    thrown = err;
    return true;
  });
  return thrown;
}

describe('vocabularies', () => {
  test('come from the core, in its order', () => {
    assert.deepEqual(LEVELS, ['none', 'read', 'edit']);
    assert.deepEqual(ACTIONS, ['view', 'create', 'edit', 'delete']);
    assert.deepEqual(ROLES, ['admin', 'member']);
    assert.deepEqual(CLUSTERS, ['standard', 'enterprise']);
    assert.deepEqual(REASONS, ['admin_role', 'parent_none', 'explicit', 'inherited', 'not_granted']);
    assert.equal(ERROR_CODES.length, 16);
    // The list comes from the core; it must be exactly the error table of docs/reference.md#errors.
    assert.deepEqual([...ERROR_CODES].sort(), [
      'duplicate_key',
      'invalid_catalog',
      'invalid_document',
      'invalid_json',
      'invalid_level',
      'invalid_migration',
      'invalid_workspace',
      'limit_exceeded',
      'permission_denied',
      'subsection_exceeds_parent',
      'unknown_action',
      'unknown_area',
      'unknown_capability',
      'unknown_cluster',
      'unknown_preset',
      'unknown_role',
    ]);
    assert.ok(ERROR_CODES.includes('invalid_workspace') && ERROR_CODES.includes('limit_exceeded'));
  });
});

describe('parsing', () => {
  test('fromJson reads levels, inheritance and restriction', () => {
    const set = AccessSet.fromJson(DOC);
    assert.equal(set.role, 'member');
    assert.equal(set.level('knowledge.faqs'), 'edit');
    assert.equal(set.level('knowledge.sources'), 'read');
    assert.equal(set.level('flows'), 'none');
    assert.equal(set.can('knowledge.faqs', 'delete'), true);
    assert.equal(set.can('knowledge.sources', 'edit'), false);
    assert.equal(set.can('knowledge.sources', 'view'), true);
    assert.equal(set.can('analytics.kpis', 'create'), false);
    assert.deepEqual(set.warnings, []);
  });

  test('strict mode refuses with the codes of the precedence table, messages from the core', () => {
    throwsCore(() => AccessSet.fromJson('{"role":"member",}'), 'invalid_json', null);
    throwsCore(
      () => AccessSet.fromJson('{"role":"member","role":"admin"}'),
      'duplicate_key',
      'role',
      'duplicate key `role` in a JSON object',
    );
    throwsCore(() => AccessSet.fromJson('[]'), 'invalid_document', null);
    throwsCore(
      () => AccessSet.fromJson('{"role":"member","extra":1}'),
      'invalid_document',
      'extra',
      'invalid document: unknown field `extra`',
    );
    throwsCore(
      () => AccessSet.fromJson('{"role":"owner"}'),
      'unknown_role',
      'role',
      'unknown role `owner`: expected `admin` or `member`',
    );
    throwsCore(
      () => AccessSet.fromJson('{"role":"member","permissions":{"knowlege":"read"}}'),
      'unknown_area',
      'knowlege',
      'unknown area `knowlege`: did you mean `knowledge`?',
    );
    throwsCore(
      () => AccessSet.fromJson('{"role":"member","permissions":{"knowledge":"write"}}'),
      'invalid_level',
      'knowledge',
    );
    throwsCore(
      () => AccessSet.fromJson('{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit"}}'),
      'subsection_exceeds_parent',
      'knowledge.faqs',
      '`knowledge.faqs` cannot be `edit`: its parent `knowledge` is only `read`',
    );
  });

  test('invalid_json carries line and column; text that is not Unicode is refused', () => {
    assert.throws(
      () => AccessSet.fromJson('{\n  "role": NaN}'),
      (err) => err.code === 'invalid_json' && err.line === 2 && err.column === 11,
    );
    throwsCore(() => AccessSet.fromJson('\ufeff{"role":"member"}'), 'invalid_json');
    throwsCore(() => AccessSet.fromJson('{"role":"member","permissions":{"\ud800":"read"}}'), 'invalid_json');
    throwsCore(() => AccessSet.fromJson('{"role":"member","permissions":{"\\ud800":"read"}}'), 'invalid_json');
    throwsCore(() => AccessSet.fromJson('{"role":"member"} x'), 'invalid_json');
    throwsCore(() => AccessSet.fromJson('[1e400]'), 'invalid_json');
  });

  test('a raw unpaired surrogate reads as its escape in every loader: the same message, line and column', () => {
    const doc = [
      '{"role":"member","permissions":{"\ud800":"read"}}',
      '{"role":"member","permissions":{"\\ud800":"read"}}',
    ];
    const [a, b] = doc.map((text) => throwsCore(() => AccessSet.fromJson(text), 'invalid_json'));
    assert.deepEqual([a.message, a.line, a.column], [b.message, b.line, b.column]);
    assert.match(a.message, /unpaired surrogate in a string escape$/);
    const [p, q] = doc.map((text) => AccessSet.validate(text));
    assert.deepEqual(p, q);
    assert.equal(p[0].code, 'invalid_json');
    const cat = ['{"areas":[{"id":"a","name":"\udfff"}]}', '{"areas":[{"id":"a","name":"\\udfff"}]}'];
    const [c, d] = cat.map((text) => throwsCore(() => Catalog.fromJson(text), 'invalid_catalog'));
    assert.equal(c.message, d.message);
    assert.match(c.message, /unpaired surrogate/);
  });

  test('lenient mode turns three problems into warnings, in the documented order', () => {
    const set = AccessSet.fromJson(
      '{"zz":1,"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit","bogus":"edit"},"aa":2}',
      { lenient: true },
    );
    assert.deepEqual(
      set.warnings.map((w) => [w.code, w.path]),
      [
        ['unknown_field', 'zz'],
        ['unknown_field', 'aa'],
        ['unknown_area', 'bogus'],
        ['subsection_exceeds_parent', 'knowledge.faqs'],
      ],
    );
    assert.equal(
      set.warnings[3].message,
      'lowered `knowledge.faqs` from `edit` to `read`: its parent `knowledge` is only `read`',
    );
    assert.ok(Object.isFrozen(set.warnings));
    assert.equal(set.level('knowledge.faqs'), 'read');
    // Other problems are still errors.
    throwsCore(
      () => AccessSet.fromJson('{"role":"member","permissions":{"bogus":"x"}}', { lenient: true }),
      'invalid_level',
    );
    // Changes are strict and carry no warnings.
    assert.deepEqual(set.clear('knowledge.faqs').warnings, []);
  });

  test('presets and admin', () => {
    const editor = AccessSet.preset('knowledge_editor');
    assert.equal(editor.role, 'member');
    assert.equal(editor.level('deployments'), 'none');
    assert.equal(editor.explain('deployments', 'view').reason, 'explicit');
    assert.equal(
      JSON.stringify(editor),
      '{"role":"member","permissions":{"analytics":"read","behavior":"read","knowledge":"edit","voice":"read","messaging":"read","deployments":"none","account":"none"}}',
    );
    throwsCore(
      () => AccessSet.preset('knowledge_editr'),
      'unknown_preset',
      'knowledge_editr',
      'unknown preset `knowledge_editr`: did you mean `knowledge_editor`?',
    );
    const admin = AccessSet.admin();
    assert.equal(admin.role, 'admin');
    assert.ok(admin.effective().every((n) => n.level === 'edit'));
    assert.equal(admin.explain('flows', 'delete').reason, 'admin_role');
    assert.equal(String(admin), '{"role":"admin","permissions":{}}');
    const member = AccessSet.member();
    assert.equal(member.role, 'member');
    assert.ok(member.effective().every((n) => n.level === 'none'));
    assert.equal(String(member), '{"role":"member","permissions":{}}');
    const tree = Catalog.fromJson(TREE);
    assert.equal(AccessSet.member({ catalog: tree }).catalog, tree);
    assert.throws(() => AccessSet.member({ catalog: {} }), TypeError);
    assert.throws(() => AccessSet.member({ lenient: true }), TypeError);
  });

  test('stored: what a node stores, null where it inherits', () => {
    const set = AccessSet.fromJson(DOC);
    assert.equal(set.stored('knowledge'), 'edit');
    assert.equal(set.stored('knowledge.sources'), 'read');
    assert.equal(set.stored('knowledge.faqs'), null);
    assert.equal(AccessSet.admin().stored('knowledge'), null);
    throwsCore(
      () => set.stored('knowlege'),
      'unknown_area',
      'knowlege',
      'unknown area `knowlege`: did you mean `knowledge`?',
    );
    assert.throws(() => set.stored(1), TypeError);
    const { stored } = set;
    assert.throws(() => stored('knowledge'), TypeError, 'a detached call is a TypeError');
  });
});

describe('checks', () => {
  const set = AccessSet.fromJson(DOC);

  test('unknown ids and actions are errors, never false; the id is checked first', () => {
    throwsCore(
      () => set.can('knowlege.faqs', 'edit'),
      'unknown_area',
      'knowlege.faqs',
      'unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?',
    );
    throwsCore(() => set.can('knowlege.faqs', 'bogus'), 'unknown_area');
    throwsCore(
      () => set.can('knowledge', 'bogus'),
      'unknown_action',
      'bogus',
      'unknown action `bogus`: expected `view`, `create`, `edit` or `delete`',
    );
    throwsCore(() => set.can('knowledge', 'View'), 'unknown_action');
    assert.throws(
      () => set.can('knowledge', 'edti'),
      (err) =>
        err.code === 'unknown_action' &&
        err.suggestion === 'edit' &&
        err.message === 'unknown action `edti`: expected `view`, `create`, `edit` or `delete`: did you mean `edit`?',
    );
    throwsCore(() => set.level(''), 'unknown_area', '');
    throwsCore(() => set.level('x'.repeat(40)), 'unknown_area');
    assert.throws(
      () => set.level('zzzzzzz'),
      (err) => err.suggestion === null,
    );
    assert.throws(
      () => set.level('flow'),
      (err) => err.suggestion === 'flows',
    );
    throwsCore(() => set.explain('nope', 'view'), 'unknown_area');
    throwsCore(() => set.require('nope', 'nope'), 'unknown_area');
    throwsCore(() => set.require('knowledge', 'nope'), 'unknown_action');
  });

  test("errors carry the core's details: suggestion, line and column, size and limit", () => {
    const fields = (err) => ['suggestion', 'line', 'column', 'size', 'limit'].filter((k) => k in err);
    assert.throws(
      () => set.capability('users.manag'),
      (err) =>
        err.code === 'unknown_capability' && err.suggestion === 'users.manage' && fields(err).join() === 'suggestion',
    );
    assert.throws(
      () => AccessSet.preset('knowledge_editr'),
      (err) => err.suggestion === 'knowledge_editor',
    );
    assert.throws(
      () => AccessSet.fromJson('{\n  "role": ]'),
      (err) => err.line === 2 && err.column === 11 && fields(err).join() === 'line,column',
    );
    assert.throws(
      () => AccessSet.fromJson(`[${' '.repeat(1 << 20)}]`),
      (err) =>
        err.code === 'limit_exceeded' &&
        err.size === (1 << 20) + 2 &&
        err.limit === 1 << 20 &&
        fields(err).join() === 'size,limit',
    );
    // An error kind without structured fields gets none of them.
    assert.throws(
      () => AccessSet.fromJson('{"role":"owner"}'),
      (err) => err.code === 'unknown_role' && fields(err).length === 0,
    );
  });

  test('wrong argument types are TypeErrors', () => {
    for (const bad of [1, null, undefined, {}, ['knowledge'], Symbol('x'), new String('knowledge')]) {
      assert.throws(() => set.can(bad, 'view'), TypeError);
      assert.throws(() => set.level(bad), TypeError);
      assert.throws(() => set.explain(bad, 'view'), TypeError);
      assert.throws(() => set.can('knowledge', bad), TypeError);
      assert.throws(() => set.require('knowledge', bad), TypeError);
      assert.throws(() => set.set(bad, 'read'), TypeError);
      assert.throws(() => set.set('knowledge', bad), TypeError);
      assert.throws(() => set.clear(bad), TypeError);
      assert.throws(() => set.withRole(bad), TypeError);
      assert.throws(() => set.capability(bad), TypeError);
      assert.throws(() => AccessSet.fromJson(bad), TypeError);
      assert.throws(() => AccessSet.preset(bad), TypeError);
      assert.throws(() => Catalog.fromJson(bad), TypeError);
    }
    // An object that converts to a known id is still not a string.
    assert.throws(() => set.can({ toString: () => 'knowledge' }, 'view'), TypeError);
    assert.throws(() => set.can('knowledge', { toString: () => 'view' }), TypeError);
    assert.throws(() => set.diff({}), TypeError);
    assert.throws(() => set.within(JSON.parse(DOC)), TypeError);
    assert.throws(() => set.capability('users.manage', { cluster: 1 }), TypeError);
    assert.throws(() => set.capability('users.manage', 1), TypeError);
    assert.throws(() => set.capability('users.manage', ['enterprise']), TypeError);
    assert.throws(() => AccessSet.fromJson(DOC, { lenient: 'yes' }), TypeError);
    assert.throws(() => AccessSet.fromJson(DOC, { catalog: {} }), TypeError);
    assert.throws(() => AccessSet.fromJson(DOC, { lenent: true }), TypeError, 'a typo in an option is refused');
    assert.throws(() => AccessSet.fromJson(DOC, 'lenient'), TypeError);
    assert.throws(() => new AccessSet(), TypeError);
    assert.throws(() => new Catalog(), TypeError);
  });

  test('require passes or throws PermissionDeniedError with the explanation', () => {
    assert.equal(set.require('knowledge.faqs', 'edit'), undefined);
    assert.throws(
      () => set.require('knowledge.sources', 'delete'),
      (err) => {
        assert.ok(err instanceof PermissionDeniedError);
        assert.ok(err instanceof StudioPermissionsError);
        assert.equal(err.name, 'PermissionDeniedError');
        assert.equal(err.code, 'permission_denied');
        assert.equal(err.path, 'knowledge.sources');
        assert.equal(
          err.message,
          'permission denied: `delete` on `knowledge.sources` needs `edit`, the level is `read` (explicit)',
        );
        assert.deepEqual(err.explanation, set.explain('knowledge.sources', 'delete'));
        return true;
      },
    );
  });

  test('a refusal words its message and explanation when first read, the same whichever is read first', () => {
    const catch_ = (fn) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      assert.fail('no refusal');
    };
    const wording = 'permission denied: `delete` on `knowledge.sources` needs `edit`, the level is `read` (explicit)';
    const explanation = set.explain('knowledge.sources', 'delete');
    // The explanation first, then the message.
    const a = catch_(() => set.require('knowledge.sources', 'delete'));
    assert.deepEqual(a.explanation, explanation);
    assert.equal(a.message, wording);
    // The stack's first line first: it carries the message.
    const b = catch_(() => set.require('knowledge.sources', 'delete'));
    assert.equal(b.stack.split('\n')[0], `PermissionDeniedError: ${wording}`);
    assert.deepEqual(b.explanation, explanation);
    assert.equal(String(b), `PermissionDeniedError: ${wording}`);
    // Once read, both are plain fields, as on an error built from the addon's.
    assert.deepEqual(Object.keys(b), ['name', 'code', 'path', 'status', 'expose', 'explanation']);
    assert.equal(Object.getOwnPropertyDescriptor(b, 'message').value, wording);
    assert.equal(JSON.parse(JSON.stringify(b)).explanation.reason, 'explicit');
    // Assigning before reading replaces the text (as middleware that prefixes messages does).
    const c = catch_(() => set.require('knowledge.sources', 'delete'));
    c.message = `guard: ${c.message}`;
    assert.equal(c.message, `guard: ${wording}`);
    assert.deepEqual(c.explanation, explanation, "the explanation is still the core's");
    assert.equal(c.message, `guard: ${wording}`, 'reading the explanation keeps the assigned message');
    const d = catch_(() => set.require('knowledge.sources', 'delete'));
    d.explanation = null;
    assert.equal(d.explanation, null);
    assert.equal(d.message, wording);
  });

  test('explain gives the decision, levels, reason and chain', () => {
    assert.deepEqual(set.explain('knowledge.faqs', 'edit'), {
      allowed: true,
      level: 'edit',
      required: 'edit',
      reason: 'inherited',
      chain: [
        { id: 'knowledge', stored: 'edit', level: 'edit' },
        { id: 'knowledge.faqs', stored: null, level: 'edit' },
      ],
      id: 'knowledge.faqs',
      action: 'edit',
      role: 'member',
    });
    assert.equal(set.explain('flows', 'view').reason, 'not_granted');
    assert.equal(set.explain('voice.numbers', 'view').reason, 'parent_none');
    assert.equal(set.explain('knowledge.sources', 'view').reason, 'explicit');
  });

  test('capabilities, with clusters checked after the name', () => {
    const admin = AccessSet.admin();
    assert.equal(admin.capability('users.manage'), true);
    assert.equal(set.capability('users.manage'), false);
    assert.equal(admin.capability('studio_assistant.use'), false);
    assert.equal(admin.capability('studio_assistant.use', { cluster: 'enterprise' }), true);
    assert.equal(admin.capability('studio_assistant.use', { cluster: 'standard' }), false);
    throwsCore(
      () => admin.capability('users.manag'),
      'unknown_capability',
      'users.manag',
      'unknown capability `users.manag`: did you mean `users.manage`?',
    );
    throwsCore(() => admin.capability('users.manage', { cluster: 'gov' }), 'unknown_cluster', 'gov');
    throwsCore(() => admin.capability('nope', { cluster: 'gov' }), 'unknown_capability');
  });

  test('effective and visible views', () => {
    const effective = set.effective();
    assert.equal(effective.length, 39);
    assert.deepEqual(effective[0], { id: 'analytics', name: 'Analytics', depth: 0, level: 'read' });
    assert.deepEqual(
      effective.map((n) => n.id),
      Catalog.default().ids,
    );
    const visible = set.visible();
    assert.deepEqual(
      visible.filter((n) => n.depth === 0).map((n) => n.id),
      ['analytics', 'knowledge'],
    );
    assert.ok(visible.every((n) => n.level !== 'none'));
    assert.deepEqual(AccessSet.fromJson('{"role":"member"}').visible(), []);
  });
});

describe('changes', () => {
  const set = AccessSet.fromJson(DOC);

  test('return new sets and leave the old one untouched', () => {
    const next = set.set('flows', 'read');
    assert.notEqual(next, set);
    assert.equal(next.level('flows'), 'read');
    assert.equal(set.level('flows'), 'none');
    assert.equal(
      String(set),
      '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read"}}',
    );
  });

  test('set refuses a child above its parent; lowering a parent re-clamps', () => {
    throwsCore(() => set.set('analytics.kpis', 'edit'), 'subsection_exceeds_parent', 'analytics.kpis');
    throwsCore(
      () => set.set('knowledge', 'admin'),
      'invalid_level',
      'knowledge',
      'invalid level `admin` for `knowledge`: expected `none`, `read` or `edit`',
    );
    throwsCore(() => set.set('knowlege', 'admin'), 'unknown_area');
    const lowered = set.set('knowledge', 'none');
    assert.equal(lowered.level('knowledge.sources'), 'none');
    assert.equal(lowered.explain('knowledge.sources', 'view').reason, 'parent_none');
    // Dormant child comes back, clamped to the raised parent.
    const withChild = set.set('knowledge.faqs', 'edit');
    const down = withChild.set('knowledge', 'read');
    assert.equal(down.toJSON().permissions['knowledge.faqs'], 'read');
  });

  test('clear and withRole', () => {
    const cleared = set.clear('knowledge.sources');
    assert.equal(cleared.level('knowledge.sources'), 'edit');
    assert.equal(cleared.explain('knowledge.sources', 'view').reason, 'inherited');
    throwsCore(() => set.clear('nope'), 'unknown_area');
    const admin = set.withRole('admin');
    assert.equal(admin.role, 'admin');
    assert.equal(admin.level('flows'), 'edit');
    // Demotion restores the stored levels.
    assert.ok(admin.withRole('member').equals(set));
    throwsCore(() => set.withRole('Admin'), 'unknown_role', 'Admin');
  });
});

describe('comparisons', () => {
  test('diff and within', () => {
    const reviewer = AccessSet.preset('read_only_reviewer');
    const editor = AccessSet.preset('knowledge_editor');
    const d = reviewer.diff(editor);
    assert.deepEqual(
      d.escalations.map((c) => c.id),
      ['knowledge', 'knowledge.faqs', 'knowledge.sources', 'knowledge.variants'],
    );
    assert.deepEqual(d.reductions.map((c) => c.id).slice(0, 2), ['deployments', 'deployments.environments']);
    assert.deepEqual(d.levels[0], { id: 'knowledge', before: 'read', after: 'edit', direction: 'escalation' });
    assert.equal(d.role, null);
    assert.deepEqual(d.capabilities, []);
    assert.equal(d.empty, false);
    assert.equal(reviewer.diff(reviewer).empty, true);
    assert.equal(reviewer.within(editor), false);
    assert.equal(reviewer.within(AccessSet.admin()), true);
    const toAdmin = reviewer.diff(AccessSet.admin(), { cluster: 'enterprise' });
    assert.deepEqual(toAdmin.role, { before: 'member', after: 'admin' });
    assert.deepEqual(
      toAdmin.capabilities.map((c) => c.name),
      ['users.manage', 'billing.manage', 'projects.manage', 'studio_assistant.use'],
    );
    assert.equal(reviewer.diff(AccessSet.admin()).capabilities.length, 3);
    throwsCore(() => reviewer.diff(editor, { cluster: 'gov' }), 'unknown_cluster');
  });

  test('sets of different catalogs cannot be compared', () => {
    const other = AccessSet.admin({ catalog: Catalog.fromJson(TREE) });
    throwsCore(() => AccessSet.admin().diff(other), 'invalid_catalog');
    throwsCore(() => AccessSet.admin().within(other), 'invalid_catalog');
  });
});

describe('documents', () => {
  test('JSON.stringify gives the canonical text, in catalog order', () => {
    const set = AccessSet.fromJson(
      '{"permissions":{"knowledge.sources":"read","analytics":"read","knowledge":"edit"},"role":"member"}',
    );
    const canonical =
      '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read"}}';
    assert.equal(JSON.stringify(set), canonical);
    assert.equal(set.toString(), canonical);
    assert.equal(`${set}`, canonical);
    assert.deepEqual(set.toJSON(), JSON.parse(canonical));
    // toJSON hands out a fresh object each time.
    set.toJSON().role = 'admin';
    assert.equal(set.toJSON().role, 'member');
    assert.ok(AccessSet.fromObject(set.toJSON()).equals(set));
    assert.ok(AccessSet.fromJson(JSON.stringify(set)).equals(set));
  });
});

describe('catalogs', () => {
  test('builtinJson is the text the default catalog is loaded from', () => {
    const text = Catalog.builtinJson();
    assert.equal(typeof text, 'string');
    const loaded = Catalog.fromJson(text);
    assert.notEqual(loaded, Catalog.default());
    assert.equal(loaded.version, Catalog.default().version);
    assert.deepEqual(loaded.nodes(), Catalog.default().nodes());
    assert.deepEqual(loaded.presets(), Catalog.default().presets());
    assert.deepEqual(loaded.capabilities(), Catalog.default().capabilities());
    assert.deepEqual(JSON.parse(text).areas.length, Catalog.default().areas().length);
  });

  test('the default catalog', () => {
    const c = Catalog.default();
    assert.equal(c, Catalog.default());
    assert.equal(c.version, '2026-06-19');
    assert.equal(c.ids.length, 39);
    assert.deepEqual(c.nodes()[1], {
      id: 'analytics.conversations',
      name: 'Conversations',
      description: 'Call transcripts, recordings, and review',
      depth: 1,
      parent: 'analytics',
    });
    assert.deepEqual(c.presets(), ['read_only_reviewer', 'knowledge_editor', 'full_developer', 'operations_manager']);
    assert.deepEqual(c.capabilities()[3], { name: 'studio_assistant.use', roles: ['admin'], clusters: ['enterprise'] });
    assert.deepEqual(c.capabilities()[0], { name: 'users.manage', roles: ['admin'], clusters: null });
    assert.ok(c.has('knowledge.faqs'));
    assert.ok(!c.has('knowlege.faqs'));
  });

  test('areas, a node by id and a capability by name', () => {
    const c = Catalog.default();
    assert.deepEqual(
      c.areas().map((n) => n.id),
      c
        .nodes()
        .filter((n) => n.depth === 0)
        .map((n) => n.id),
    );
    assert.equal(c.areas()[0].id, 'analytics');
    assert.equal(c.node('analytics.conversations'), c.nodes()[1]);
    throwsCore(
      () => c.node('knowledge.faq'),
      'unknown_area',
      'knowledge.faq',
      'unknown area `knowledge.faq`: did you mean `knowledge.faqs`?',
    );
    assert.throws(() => c.node(1), TypeError);
    assert.deepEqual(c.capability('users.manage'), { name: 'users.manage', roles: ['admin'], clusters: null });
    assert.deepEqual(c.capability('studio_assistant.use'), c.capabilities()[3]);
    throwsCore(() => c.capability('users.manag'), 'unknown_capability', 'users.manag');
    assert.throws(() => c.capability(null), TypeError);
    const tree = Catalog.fromJson(TREE);
    assert.deepEqual(
      tree.areas().map((n) => n.id),
      ['a', 'd'],
    );
    assert.deepEqual(tree.node('a.b.c'), { id: 'a.b.c', name: 'C', description: null, depth: 2, parent: 'a.b' });
  });

  test('a loaded catalog works with every constructor', () => {
    const catalog = Catalog.fromJson(TREE);
    assert.equal(catalog.version, 'v9');
    assert.deepEqual(catalog.ids, ['a', 'a.b', 'a.b.c', 'd']);
    assert.equal(catalog.nodes()[2].parent, 'a.b');
    const fromText = AccessSet.fromJson('{"role":"member","permissions":{"a":"edit","a.b":"read"}}', { catalog });
    assert.equal(fromText.level('a.b.c'), 'read');
    assert.equal(fromText.catalog, catalog);
    const fromObject = AccessSet.fromObject({ role: 'member', permissions: { a: 'edit', 'a.b': 'read' } }, { catalog });
    assert.ok(fromObject.equals(fromText));
    const lenient = AccessSet.fromJson('{"role":"member","permissions":{"knowledge":"edit"}}', {
      catalog,
      lenient: true,
    });
    assert.deepEqual(
      lenient.warnings.map((w) => w.code),
      ['unknown_area'],
    );
    assert.equal(AccessSet.preset('reader', { catalog }).level('a.b.c'), 'read');
    throwsCore(() => AccessSet.preset('knowledge_editor', { catalog }), 'unknown_preset');
    const admin = AccessSet.admin({ catalog });
    assert.equal(admin.level('d'), 'edit');
    assert.equal(admin.capability('x.y'), false, 'nothing is implied for admins');
    assert.equal(fromText.capability('x.y'), true);
    assert.equal(admin.capability('z', { cluster: 'enterprise' }), true);
    throwsCore(() => fromText.level('knowledge'), 'unknown_area');
    assert.ok(catalog.equals(catalog));
    assert.ok(!catalog.equals(Catalog.default()));
  });

  test('a faulty catalog is invalid_catalog', () => {
    for (const text of [
      '',
      '{"areas":[]}',
      '{"areas":[{"id":"A","name":"x"}]}',
      '{"areas":[{"id":"a","name":"x"},{"id":"a","name":"y"}]}',
      '{"areas":[{"id":"a"}]}',
      '{"areas":[{"id":"a","name":"x"}],"extra":1}',
      '{"areas":[{"id":"a","name":"x"}],"presets":{"p":{"b":"read"}}}',
      '{"areas":[{"id":"a","name":"x"}],"capabilities":{"c":{"roles":[]}}}',
      '{"areas":[{"id":"a","name":"x"}],"capabilities":{"c":{"roles":["owner"]}}}',
      '{"areas":[{"id":"a","name":"x","name":"y"}]}',
      '{"areas":[{"id":"a","name":"\ud800"}]}',
    ]) {
      throwsCore(() => Catalog.fromJson(text), 'invalid_catalog');
    }
    assert.throws(
      () => Catalog.fromJson('{"areas":[{"id":"a","name":"x"}],"extra":1}'),
      (err) => err.path === 'extra' && err.message === 'invalid catalog: unknown field `extra`',
    );
  });
});
