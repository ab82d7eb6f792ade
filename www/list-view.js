// The "Store-level API accounts" list the SPA shows before the create form.

import { h, uid } from './dom.js';

const ACCOUNTS = [
  { name: 'Inventory sync', clientId: 'k3v9…', created: 'Mar 4, 2024', by: 'owner@example.com', type: 'V2/V3 API token' },
  { name: 'ERP connector', clientId: 'p07q…', created: 'Nov 18, 2023', by: 'ops@example.com', type: 'V2/V3 API token' },
  { name: 'Theme dev (Ana)', clientId: '—', created: 'Jul 9, 2023', by: 'owner@example.com', type: 'Stencil-CLI token' },
];

export function mountList(container, { onCreate }) {
  const titleId = uid('bd-h1');
  const create = h('button', { type: 'button', class: 'btn btn-primary' }, 'Create API account');
  create.addEventListener('click', () => onCreate());
  const table = h('table', { class: 'table', 'aria-labelledby': titleId },
    h('thead', null, h('tr', null, ['Name', 'Token type', 'Client ID', 'Created', 'Created by'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, ACCOUNTS.map((a) => h('tr', null,
      h('td', null, h('span', { class: 'table-strong' }, a.name)),
      h('td', null, a.type),
      h('td', null, h('code', null, a.clientId)),
      h('td', null, a.created),
      h('td', null, a.by)))));
  const view = h('div', { class: 'list-view' },
    h('div', { class: 'page-header page-header--split' },
      h('div', null,
        h('h1', { class: 'page-title', id: titleId }, 'Store-level API accounts'),
        h('p', { class: 'page-description' },
          'API accounts give apps and integrations access to this store’s data. A store can have up to 50 API accounts.')),
      create),
    h('section', { class: 'panel panel--flush' },
      h('div', { class: 'table-meta' }, `${ACCOUNTS.length} of 50 API accounts`),
      table));
  container.replaceChildren(view);
  return { unmount: () => view.remove() };
}
