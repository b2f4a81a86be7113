// The browser half: fetch the view the server's core made for this user,
// then show only what it grants. No rule is evaluated here: the navigation
// is the view's `visible()` list, labelled with the catalog's names the view
// carries, and every button asks `can`/`capability`. The server enforces
// every request whatever the page shows.
import { AccessView } from 'studio-permissions/client';
import { ACTIONS } from './actions.js';

/** The navigation as nested lists: each visible node under its visible parent. */
function renderNav(view, nav) {
  const lists = new Map([['', document.createElement('ul')]]);
  nav.append(lists.get(''));
  for (const { id, name } of view.visible()) {
    const parent = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : '';
    const item = document.createElement('li');
    item.dataset.id = id;
    // The catalog's text, shown as text (never as HTML).
    item.textContent = name ?? id;
    // A visible node's parent is visible too (the core hides whole subtrees).
    let list = lists.get(parent);
    if (list === undefined) {
      list = document.createElement('ul');
      lists.set(parent, list);
      nav.querySelector(`li[data-id="${parent}"]`)?.append(list);
    }
    list.append(item);
  }
}

function renderActions(view, box) {
  for (const spec of ACTIONS) {
    const button = document.createElement('button');
    button.textContent = spec.label;
    button.dataset.guard = spec.capability ?? `${spec.id}:${spec.action}`;
    button.disabled = spec.capability
      ? !view.capability(spec.capability, spec.cluster)
      : !view.can(spec.id, spec.action);
    box.append(button);
  }
}

async function main() {
  const user = new URLSearchParams(location.search).get('user') ?? '';
  try {
    const response = await fetch('/view', { headers: { 'x-user': user } });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const view = AccessView.from(await response.json());
    document.getElementById('who').textContent = `${user} (${view.role})`;
    renderNav(view, document.getElementById('nav'));
    renderActions(view, document.getElementById('actions'));
    document.body.dataset.state = 'ready';
  } catch (err) {
    document.getElementById('error').textContent = err.message;
    document.body.dataset.state = 'error';
  }
}

main();
