// Run in the browser by web.test.mjs: puts every question the core answered
// to the client over the same set's view, and lists each disagreement.
import { AccessView } from 'studio-permissions/client';

function codeOf(fn) {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err.code ?? `${err.name}: ${err.message}`;
  }
}

/** `cases`: lines of the Node runner's `--answers` file; `actions`: the core's actions, in `core.can` order. */
globalThis.agreement = (cases, actions) => {
  const differences = [];
  let questions = 0;
  const same = (name, what, got, want) => {
    questions += 1;
    if (JSON.stringify(got) !== JSON.stringify(want))
      differences.push(`${name}: ${what}: client ${JSON.stringify(got)}, core ${JSON.stringify(want)}`);
  };
  for (const { name, view: data, core } of cases) {
    const view = AccessView.from(data);
    same(name, 'role', view.role, core.role);
    same(name, 'ids', view.ids, core.ids);
    core.ids.forEach((id, i) => {
      same(name, `level(${id})`, view.level(id), core.levels[i]);
      actions.forEach((action, k) => {
        same(name, `can(${id}, ${action})`, view.can(id, action), core.can[i][k]);
      });
    });
    same(name, 'visible', view.visible(), core.visible);
    for (const [capability, byCluster] of Object.entries(core.capabilities)) {
      for (const [cluster, held] of Object.entries(byCluster)) {
        same(name, `capability(${capability}, ${cluster})`, view.capability(capability, cluster), held);
      }
      same(
        name,
        `capability(${capability}, gov)`,
        codeOf(() => view.capability(capability, 'gov')),
        'unknown_cluster',
      );
    }
    same(
      name,
      'level(no.such.id)',
      codeOf(() => view.level('no.such.id')),
      'unknown_area',
    );
    same(
      name,
      'can(id, publish)',
      codeOf(() => view.can(core.ids[0], 'publish')),
      'unknown_action',
    );
    same(
      name,
      'capability(no.such)',
      codeOf(() => view.capability('no.such')),
      'unknown_capability',
    );
  }
  return { cases: cases.length, questions, differences };
};
