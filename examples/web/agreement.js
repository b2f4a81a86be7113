// Run in the browser by web.test.mjs: puts every question the core answered
// to the client over the same set's view, made with names and without, and
// lists each disagreement; and words the shared messages as the client does.
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
  for (const { name: vector, view: plain, named, core } of cases) {
    for (const [form, data] of [
      ['plain', plain],
      ['named', named],
    ]) {
      const name = `${vector} (${form})`;
      const view = AccessView.from(data);
      // Bound, as the server's checks are.
      const { can, level, visible, capability } = view;
      same(name, 'role', view.role, core.role);
      same(name, 'ids', view.ids, core.ids);
      core.ids.forEach((id, i) => {
        same(name, `level(${id})`, level(id), core.levels[i]);
        same(name, `name(${id})`, view.name(id), form === 'named' ? core.names[i] : null);
        actions.forEach((action, k) => {
          same(name, `can(${id}, ${action})`, can(id, action), core.can[i][k]);
        });
      });
      // The server's records; without names, `name` is null.
      same(
        name,
        'visible',
        visible(),
        form === 'named' ? core.visible : core.visible.map((n) => ({ ...n, name: null })),
      );
      for (const [capabilityName, byCluster] of Object.entries(core.capabilities)) {
        for (const [cluster, held] of Object.entries(byCluster)) {
          same(name, `capability(${capabilityName}, ${cluster})`, capability(capabilityName, cluster), held);
          same(
            name,
            `capability(${capabilityName}, { cluster: ${cluster} })`,
            capability(capabilityName, { cluster }),
            held,
          );
        }
        same(
          name,
          `capability(${capabilityName}, gov)`,
          codeOf(() => view.capability(capabilityName, 'gov')),
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
  }
  return { cases: cases.length, questions, differences };
};

/**
 * The client's error for each question `[call, args]` on the view `data`:
 * `{code, path, suggestion, message}`, for web.test.mjs to compare with the core's.
 */
globalThis.clientErrors = (data, questions) => {
  const view = AccessView.from(data);
  return questions.map(([call, args]) => {
    try {
      view[call](...args);
      return null;
    } catch (err) {
      return { name: err.name, code: err.code, path: err.path, suggestion: err.suggestion, message: err.message };
    }
  });
};
