// Control-panel chrome shared by create.html and shell.html: sidebar links that go
// nowhere, the breadcrumb trail, the document title and the embedded mode.

import { h } from './dom.js';

/** Sidebar/header links are decoration: keep them from navigating. */
export function wireInertLinks(root = document) {
  root.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[data-inert]') : null;
    if (a) event.preventDefault();
  });
}

/** Hide the page's own sidebar and header (the shell around the iframe has them). */
export function applyEmbedded(embedded, doc = document) {
  doc.documentElement.classList.toggle('is-embedded', Boolean(embedded));
}

/**
 * Breadcrumb "Settings › Store-level API accounts › Create" (list route: first two).
 * `navigate(route)` is called when a crumb link is followed.
 */
export function renderBreadcrumb(route, navigate, doc = document) {
  const list = doc.getElementById('breadcrumb-list');
  if (!list) return;
  const link = (text, href, target) => {
    const a = h('a', { href, class: 'breadcrumb-link' }, text);
    a.addEventListener('click', (event) => {
      event.preventDefault();
      navigate(target);
    });
    return a;
  };
  const crumbs = [h('li', null, link('Settings', '/manage/settings/api-accounts', 'list'))];
  if (route === 'create') {
    crumbs.push(h('li', null, link('Store-level API accounts', '/manage/settings/api-accounts', 'list')));
    crumbs.push(h('li', null, h('span', { 'aria-current': 'page' }, 'Create')));
  } else {
    crumbs.push(h('li', null, h('span', { 'aria-current': 'page' }, 'Store-level API accounts')));
  }
  list.replaceChildren(...crumbs);
  doc.title = route === 'create'
    ? 'Create API account · Settings · BigCommerce'
    : 'Store-level API accounts · Settings · BigCommerce';
}

const ICONS = {
  Home: 'M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z',
  Orders: 'M19 3H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2zm0 12h-4c0 1.66-1.35 3-3 3s-3-1.34-3-3H5V5h14v10z',
  Products: 'M21.41 11.58l-9-9C12.05 2.22 11.55 2 11 2H4c-1.1 0-2 .9-2 2v7c0 .55.22 1.05.59 1.42l9 9c.36.36.86.58 1.41.58s1.05-.22 1.41-.59l7-7c.37-.36.59-.86.59-1.41s-.23-1.06-.59-1.42zM5.5 7C4.67 7 4 6.33 4 5.5S4.67 4 5.5 4 7 4.67 7 5.5 6.33 7 5.5 7z',
  Customers: 'M16 11c1.66 0 2.99-1.34 2.99-3S17.66 5 16 5c-1.66 0-3 1.34-3 3s1.34 3 3 3zm-8 0c1.66 0 2.99-1.34 2.99-3S9.66 5 8 5C6.34 5 5 6.34 5 8s1.34 3 3 3zm0 2c-2.33 0-7 1.17-7 3.5V19h14v-2.5c0-2.33-4.67-3.5-7-3.5zm8 0c-.29 0-.62.02-.97.05 1.16.84 1.97 1.97 1.97 3.45V19h6v-2.5c0-2.33-4.67-3.5-7-3.5z',
  Storefront: 'M20 4H4v2h16V4zm1 10v-2l-1-5H4l-1 5v2h1v6h10v-6h4v6h2v-6h1zm-9 4H6v-4h6v4z',
  Marketing: 'M18 11v2h4v-2h-4zm-2 6.61c.96.71 2.21 1.65 3.2 2.39.4-.53.8-1.07 1.2-1.6-.99-.74-2.24-1.68-3.2-2.4-.4.54-.8 1.08-1.2 1.61zM20.4 5.6c-.4-.53-.8-1.07-1.2-1.6-.99.74-2.24 1.68-3.2 2.4.4.53.8 1.07 1.2 1.6.96-.72 2.21-1.65 3.2-2.4zM4 9c-1.1 0-2 .9-2 2v2c0 1.1.9 2 2 2h1v4h2v-4h1l5 3V6L8 9H4zm11.5 3c0-1.33-.58-2.53-1.5-3.35v6.69c.92-.81 1.5-2.01 1.5-3.34z',
  Analytics: 'M5 9.2h3V19H5zM10.6 5h2.8v14h-2.8zm5.6 8H19v6h-2.8z',
  'Channel Manager': 'M3 13h8V3H3v10zm0 8h8v-6H3v6zm10 0h8V11h-8v10zm0-18v6h8V3h-8z',
  Apps: 'M4 8h4V4H4v4zm6 12h4v-4h-4v4zm-6 0h4v-4H4v4zm0-6h4v-4H4v4zm6 0h4v-4h-4v4zm6-10v4h4V4h-4zm-6 4h4V4h-4v4zm6 6h4v-4h-4v4zm0 6h4v-4h-4v4z',
  Settings: 'M19.14 12.94c.04-.3.06-.61.06-.94 0-.32-.02-.64-.07-.94l2.03-1.58a.49.49 0 0 0 .12-.61l-1.92-3.32a.49.49 0 0 0-.59-.22l-2.39.96c-.5-.38-1.03-.7-1.62-.94l-.36-2.54a.48.48 0 0 0-.48-.41h-3.84c-.24 0-.43.17-.47.41l-.36 2.54c-.59.24-1.13.57-1.62.94l-2.39-.96c-.22-.08-.47 0-.59.22L2.74 8.87c-.12.21-.08.47.12.61l2.03 1.58c-.05.3-.09.63-.09.94s.02.64.07.94l-2.03 1.58a.49.49 0 0 0-.12.61l1.92 3.32c.12.22.37.29.59.22l2.39-.96c.5.38 1.03.7 1.62.94l.36 2.54c.05.24.24.41.48.41h3.84c.24 0 .44-.17.47-.41l.36-2.54c.59-.24 1.13-.56 1.62-.94l2.39.96c.22.08.47 0 .59-.22l1.92-3.32c.12-.22.07-.47-.12-.61l-2.01-1.58zM12 15.6c-1.98 0-3.6-1.62-3.6-3.6s1.62-3.6 3.6-3.6 3.6 1.62 3.6 3.6-1.62 3.6-3.6 3.6z',
};

const SETTINGS_SUBNAV = ['General', 'Store-level API accounts', 'Checkout', 'Payments', 'Shipping'];

function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const s = document.createElementNS(ns, 'svg');
  s.setAttribute('viewBox', '0 0 24 24');
  s.setAttribute('aria-hidden', 'true');
  s.setAttribute('focusable', 'false');
  s.setAttribute('class', 'nav-icon');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', ICONS[name]);
  p.setAttribute('fill', 'currentColor');
  s.append(p);
  return s;
}

/** Fill #cp-sidebar and #cp-topbar (dark nav with "Settings" current, store header). */
export function mountChrome({ storeHash }, doc = document) {
  const sidebar = doc.getElementById('cp-sidebar');
  if (sidebar) {
    const items = Object.keys(ICONS).map((name) => {
      const current = name === 'Settings';
      const a = h('a', { href: '#', 'data-inert': true, class: current ? 'nav-link is-active' : 'nav-link' }, icon(name), h('span', null, name));
      const li = h('li', { class: 'nav-item' }, a);
      if (current) {
        li.append(h('ul', { class: 'nav-sub' }, SETTINGS_SUBNAV.map((sub) => h('li', null,
          h('a', { href: '#', 'data-inert': true, class: sub === 'Store-level API accounts' ? 'nav-sublink is-active' : 'nav-sublink', 'aria-current': sub === 'Store-level API accounts' ? 'page' : false }, sub)))));
      }
      return li;
    });
    sidebar.replaceChildren(
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'B'), h('span', { class: 'brand-name' }, 'BIGCOMMERCE')),
      h('nav', { 'aria-label': 'Control panel' }, h('ul', { class: 'nav' }, items)));
  }
  const topbar = doc.getElementById('cp-topbar');
  if (topbar) {
    topbar.replaceChildren(
      h('div', { class: 'store-switch' },
        h('span', { class: 'store-avatar', 'aria-hidden': 'true' }, 'D'),
        h('span', { class: 'store-meta' }, h('span', { class: 'store-name' }, 'Demo Store'), h('span', { class: 'store-hash' }, `store-${storeHash}`))),
      h('div', { class: 'topbar-search' }, h('input', { type: 'search', class: 'search-input', placeholder: 'Search', 'aria-label': 'Search control panel' })),
      h('div', { class: 'topbar-actions' },
        h('a', { href: '#', 'data-inert': true, class: 'topbar-link' }, 'View store'),
        h('a', { href: '#', 'data-inert': true, class: 'topbar-link' }, 'Help'),
        h('span', { class: 'user-avatar', 'aria-hidden': 'true' }, 'JS')));
  }
  wireInertLinks(doc);
}
