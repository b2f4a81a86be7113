// Property tests: the package against a small, obviously correct plain-JS
// model of docs/reference.md (resolution, changes, views), on the default catalog and on a deeper one.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { AccessSet, Catalog } from '../index.mjs';

const RANK = { none: 0, read: 1, edit: 2 };
const NEED = { view: 1, create: 2, edit: 2, delete: 2 };
const LEVELS = ['none', 'read', 'edit'];
const ACTIONS = ['view', 'create', 'edit', 'delete'];
const min = (a, b) => (RANK[a] <= RANK[b] ? a : b);

const DEEP = Catalog.fromJson(
  JSON.stringify({
    areas: [
      {
        id: 'a',
        name: 'A',
        children: [
          {
            id: 'b',
            name: 'B',
            children: [
              { id: 'c', name: 'C', children: [{ id: 'd', name: 'D' }] },
              { id: 'e', name: 'E' },
            ],
          },
        ],
      },
      { id: 'f', name: 'F', children: [{ id: 'g', name: 'G' }] },
    ],
    capabilities: { 'm.x': { roles: ['member'] }, 'a.x': { roles: ['admin', 'member'], clusters: ['enterprise'] } },
  }),
);

/** The model: the catalog's shape as data, and the rules written plainly. */
function modelOf(catalog) {
  const nodes = catalog.nodes();
  const caps = catalog.capabilities();
  const resolve = (stored) => {
    const eff = {};
    for (const n of nodes) {
      const own = stored[n.id];
      if (n.parent === null) eff[n.id] = own ?? 'none';
      else if (eff[n.parent] === 'none') eff[n.id] = 'none';
      else eff[n.id] = own === undefined ? eff[n.parent] : min(own, eff[n.parent]);
    }
    return eff;
  };
  const levels = (role, stored) => {
    if (role === 'admin') return Object.fromEntries(nodes.map((n) => [n.id, 'edit']));
    return resolve(stored);
  };
  /** The first entry, in document order, stored above a parent that is not none. */
  const excess = (stored, order) => {
    const eff = resolve(stored);
    return order.find((id) => {
      const parent = nodes.find((n) => n.id === id).parent;
      return parent !== null && eff[parent] !== 'none' && RANK[stored[id]] > RANK[eff[parent]];
    });
  };
  const clamp = (stored, ids) => {
    const eff = resolve(stored);
    const out = { ...stored };
    for (const n of nodes) {
      if (!ids.includes(n.id) || out[n.id] === undefined || n.parent === null) continue;
      if (eff[n.parent] !== 'none' && RANK[out[n.id]] > RANK[eff[n.parent]]) out[n.id] = eff[n.parent];
    }
    return out;
  };
  const descendants = (id) => nodes.filter((n) => n.id.startsWith(`${id}.`)).map((n) => n.id);
  const reason = (role, stored, id) => {
    if (role === 'admin') return 'admin_role';
    const eff = resolve(stored);
    const chain = [];
    for (let n = nodes.find((x) => x.id === id); n; n = nodes.find((x) => x.id === n.parent)) chain.unshift(n.id);
    if (chain.slice(0, -1).some((a) => eff[a] === 'none')) return 'parent_none';
    if (stored[id] !== undefined) return 'explicit';
    return chain.length > 1 ? 'inherited' : 'not_granted';
  };
  const holds = (cap, role, cluster) =>
    cap.roles.includes(role) && (cap.clusters === null || cap.clusters.includes(cluster));
  const canonical = (role, stored) => ({
    role,
    permissions: Object.fromEntries(nodes.filter((n) => stored[n.id] !== undefined).map((n) => [n.id, stored[n.id]])),
  });
  return {
    nodes,
    caps,
    ids: nodes.map((n) => n.id),
    resolve,
    levels,
    excess,
    clamp,
    descendants,
    reason,
    holds,
    canonical,
  };
}

const CATALOGS = [
  ['default', Catalog.default()],
  ['deep', DEEP],
];

/** A document: role and entries in a random order (ids unique). */
const documentArb = (ids) =>
  fc.record({
    role: fc.constantFrom('admin', 'member'),
    entries: fc.uniqueArray(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...LEVELS)), {
      selector: ([id]) => id,
      maxLength: ids.length,
    }),
  });

const RUNS = { numRuns: 150 };

for (const [label, catalog] of CATALOGS) {
  const m = modelOf(catalog);
  describe(`model parity (${label} catalog)`, () => {
    test('strict parsing: refusal, levels, decisions and reasons match the model', () => {
      fc.assert(
        fc.property(documentArb(m.ids), ({ role, entries }) => {
          const stored = Object.fromEntries(entries);
          const text = JSON.stringify({ role, permissions: stored });
          const offending = m.excess(
            stored,
            entries.map(([id]) => id),
          );
          if (offending !== undefined) {
            assert.throws(
              () => AccessSet.fromJson(text, { catalog }),
              (e) => e.code === 'subsection_exceeds_parent' && e.path === offending,
            );
            return;
          }
          const set = AccessSet.fromJson(text, { catalog });
          const want = m.levels(role, stored);
          for (const id of m.ids) {
            assert.equal(set.level(id), want[id], id);
            for (const action of ACTIONS) assert.equal(set.can(id, action), RANK[want[id]] >= NEED[action]);
            assert.equal(set.explain(id, 'view').reason, m.reason(role, stored, id), id);
          }
          assert.deepEqual(
            set.visible().map((n) => n.id),
            m.ids.filter((id) => want[id] !== 'none'),
          );
          assert.deepEqual(set.toJSON(), m.canonical(role, stored));
        }),
        RUNS,
      );
    });

    test('lenient parsing clamps in catalog order and matches the model', () => {
      fc.assert(
        fc.property(documentArb(m.ids), ({ role, entries }) => {
          const stored = Object.fromEntries(entries);
          const set = AccessSet.fromJson(JSON.stringify({ role, permissions: stored }), { catalog, lenient: true });
          const clamped = m.clamp(stored, m.ids);
          const changed = m.ids.filter((id) => clamped[id] !== stored[id]);
          assert.deepEqual(
            set.warnings.map((w) => w.path),
            changed,
          );
          assert.deepEqual(set.toJSON(), m.canonical(role, clamped));
          const want = m.levels(role, clamped);
          for (const id of m.ids) assert.equal(set.level(id), want[id]);
        }),
        RUNS,
      );
    });

    test('changes: set, clear and role follow the rules', () => {
      const op = fc.oneof(
        fc.tuple(fc.constant('set'), fc.constantFrom(...m.ids), fc.constantFrom(...LEVELS)),
        fc.tuple(fc.constant('clear'), fc.constantFrom(...m.ids)),
        fc.tuple(fc.constant('role'), fc.constantFrom('admin', 'member')),
      );
      fc.assert(
        fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
          let set = AccessSet.admin({ catalog }).withRole('member');
          let role = 'member';
          let stored = {};
          for (const [kind, a, b] of ops) {
            const before = String(set);
            if (kind === 'role') {
              set = set.withRole(a);
              role = a;
            } else if (kind === 'clear') {
              set = set.clear(a);
              const next = { ...stored };
              delete next[a];
              stored = m.clamp(next, m.descendants(a));
            } else {
              const parent = m.nodes.find((n) => n.id === a).parent;
              const eff = m.resolve(stored);
              if (parent !== null && eff[parent] !== 'none' && RANK[b] > RANK[eff[parent]]) {
                assert.throws(
                  () => set.set(a, b),
                  (e) => e.code === 'subsection_exceeds_parent',
                );
                assert.equal(String(set), before, 'a refused change leaves the set untouched');
                continue;
              }
              set = set.set(a, b);
              stored = m.clamp({ ...stored, [a]: b }, m.descendants(a));
            }
            assert.deepEqual(set.toJSON(), m.canonical(role, stored));
            assert.deepEqual(set.warnings, []);
          }
          const want = m.levels(role, stored);
          for (const id of m.ids) assert.equal(set.level(id), want[id]);
        }),
        RUNS,
      );
    });

    test('within and diff agree with the model', () => {
      fc.assert(
        fc.property(documentArb(m.ids), documentArb(m.ids), fc.constantFrom('standard', 'enterprise'), (x, y) => {
          const parse = ({ role, entries }) => {
            const stored = Object.fromEntries(entries);
            return m.clamp(stored, m.ids) && { role, stored: m.clamp(stored, m.ids) };
          };
          const [da, db] = [parse(x), parse(y)];
          const a = AccessSet.fromObject({ role: da.role, permissions: da.stored }, { catalog });
          const b = AccessSet.fromObject({ role: db.role, permissions: db.stored }, { catalog });
          const la = m.levels(da.role, da.stored);
          const lb = m.levels(db.role, db.stored);
          const nodesWithin = m.ids.every((id) => RANK[la[id]] <= RANK[lb[id]]);
          const capsWithin = m.caps.every((c) =>
            ['standard', 'enterprise'].every((cl) => !m.holds(c, da.role, cl) || m.holds(c, db.role, cl)),
          );
          assert.equal(a.within(b), nodesWithin && capsWithin);
          for (const cluster of ['standard', 'enterprise']) {
            const d = a.diff(b, { cluster });
            assert.deepEqual(
              d.escalations.map((c) => c.id),
              m.ids.filter((id) => RANK[lb[id]] > RANK[la[id]]),
            );
            assert.deepEqual(
              d.reductions.map((c) => c.id),
              m.ids.filter((id) => RANK[lb[id]] < RANK[la[id]]),
            );
            assert.deepEqual(d.role, da.role === db.role ? null : { before: da.role, after: db.role });
            assert.deepEqual(
              d.capabilities.map((c) => c.name),
              m.caps.filter((c) => m.holds(c, da.role, cluster) !== m.holds(c, db.role, cluster)).map((c) => c.name),
            );
            for (const c of m.caps) assert.equal(a.capability(c.name, { cluster }), m.holds(c, da.role, cluster));
          }
        }),
        RUNS,
      );
    });
  });
}

describe('host values and text agree', () => {
  test('fromObject(v) answers exactly as fromJson(JSON.stringify(v))', () => {
    const outcome = (fn) => {
      try {
        return `ok ${fn()}`;
      } catch (err) {
        return `${err.code}: ${err.message}`;
      }
    };
    const ids = Catalog.default().ids;
    const docLike = fc.record(
      {
        role: fc.oneof(fc.constantFrom('admin', 'member', 'Admin'), fc.jsonValue()),
        permissions: fc.oneof(
          fc.dictionary(
            fc.oneof(fc.constantFrom(...ids), fc.string()),
            fc.oneof(fc.constantFrom(...LEVELS), fc.jsonValue()),
          ),
          fc.jsonValue(),
        ),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(docLike, fc.jsonValue()), fc.boolean(), (value, lenient) => {
        const text = JSON.stringify(value);
        assert.equal(
          outcome(() => AccessSet.fromObject(value, { lenient })),
          outcome(() => AccessSet.fromJson(text, { lenient })),
        );
      }),
      { numRuns: 300 },
    );
  });

  test('the canonical document round-trips', () => {
    const m = modelOf(Catalog.default());
    fc.assert(
      fc.property(documentArb(m.ids), ({ role, entries }) => {
        const set = AccessSet.fromJson(JSON.stringify({ role, permissions: Object.fromEntries(entries) }), {
          lenient: true,
        });
        assert.ok(AccessSet.fromJson(JSON.stringify(set)).equals(set));
        assert.ok(AccessSet.fromObject(set.toJSON()).equals(set));
      }),
      RUNS,
    );
  });
});
