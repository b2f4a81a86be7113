// The demo: for each preset of the default catalog, the navigation tree and
// three explained decisions. Prints the same bytes as the Rust and Python demos.
//
// Run: `make demo-node` (or `node demo.mjs` here, after `npm install`).
import { AccessSet, Catalog } from 'studio-permissions';

/** The three decisions explained for every preset: [action, id]. */
const QUESTIONS = [
  ['view', 'analytics.kpis'],
  ['edit', 'knowledge.faqs'],
  ['delete', 'deployments.environments'],
];

const lines = [];
for (const preset of Catalog.default().presets()) {
  const set = AccessSet.preset(preset);
  lines.push(preset, '  navigation:');
  for (const node of set.visible()) {
    lines.push(`    ${'  '.repeat(node.depth)}${node.id} (${node.name}): ${node.level}`);
  }
  lines.push('  decisions:');
  for (const [action, id] of QUESTIONS) {
    const e = set.explain(id, action);
    const verdict = e.allowed ? 'allowed' : 'denied';
    lines.push(`    ${action} ${id} -> ${verdict}: level ${e.level}, needs ${e.required}, reason ${e.reason}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
