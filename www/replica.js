// Entry point of the "Create API account" replica: configuration, state, SPA routing,
// Save (credentials, modal, download) and the window.__replica test API.

import { readConfig, STENCIL_ACCESS } from './config.js';
import { createStore } from './store.js';
import { NONE } from './scopes.js';
import { mountForm } from './form.js';
import { mountList } from './list-view.js';
import { generateCredentials, downloadCredentials } from './credentials.js';
import { openCredentialsDialog } from './dialog.js';
import { applyEmbedded, mountChrome, renderBreadcrumb } from './chrome.js';

export const LIST_PATH = '/manage/settings/api-accounts';
export const CREATE_PATH = `${LIST_PATH}/create`;
const LIST_PATHS = [LIST_PATH, '/manage/settings/auth/api-accounts'];

const config = readConfig();
const norm = (s) => String(s).trim().toLowerCase().replace(/\s+/g, ' ');
const cleanPath = (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

function routeFromPath(pathname) {
  return LIST_PATHS.includes(cleanPath(pathname)) ? 'list' : 'create';
}

// ---- initial route -------------------------------------------------------------------
let initialRoute = routeFromPath(window.location.pathname);
if (config.late && initialRoute === 'create') {
  // `late`: the SPA starts on the accounts list, then routes to the form.
  initialRoute = 'list';
  history.replaceState({ route: 'list' }, '', LIST_PATH + window.location.search + window.location.hash);
}

const store = createStore({
  route: initialRoute,
  tokenType: config.initialTokenType,
  name: '',
  access: STENCIL_ACCESS[0],
  scopes: Object.fromEntries(config.rows.map((r) => [r.label, NONE])),
});

// ---- revert=<label>: one stale re-render puts the row back to None --------------------
if (config.revertLabel) {
  const row = config.rows.find((r) => norm(r.label) === norm(config.revertLabel) || norm(r.key) === norm(config.revertLabel));
  let armed = Boolean(row);
  store.subscribe((state, prev) => {
    if (!armed) return;
    const now = state.scopes[row.label];
    if (now !== prev.scopes[row.label] && now !== NONE) {
      armed = false;
      setTimeout(() => store.setScope(row.label, NONE), 150);
    }
  });
}

// ---- credentials bookkeeping ------------------------------------------------------------
const generated = [];

function save(name) {
  const creds = generateCredentials({ name, apiPath: config.apiPath });
  generated.push(creds);
  const dialog = openCredentialsDialog(creds, { asText: config.dialogText, downloaded: config.download });
  if (config.dismissInstant) setTimeout(() => dialog.close(), 1);
  if (config.download) downloadCredentials(creds);
}

// ---- views & routing --------------------------------------------------------------------
const app = document.getElementById('app');
let view = null;
let viewRoute = null;
let lateTimer = null;

function show(route) {
  if (viewRoute === route && view) return;
  if (view) view.unmount();
  view = null;
  viewRoute = route;
  renderBreadcrumb(route, navigate);
  if (route === 'create') {
    view = mountForm(app, { store, config, onSave: save, onCancel: () => navigate('list') });
  } else {
    view = mountList(app, { onCreate: () => navigate('create') });
  }
}

function navigate(route) {
  if (lateTimer) {
    clearTimeout(lateTimer);
    lateTimer = null;
  }
  if (route === store.get().route && viewRoute === route) return;
  const path = route === 'create' ? CREATE_PATH : LIST_PATH;
  history.pushState({ route }, '', path + window.location.search + window.location.hash);
  store.set({ route });
  show(route);
}

window.addEventListener('popstate', () => {
  const route = routeFromPath(window.location.pathname);
  store.set({ route });
  show(route);
});

// ---- test API (main world) ----------------------------------------------------------------
const copyCreds = (c) => (c ? { ...c } : null);
window.__replica = Object.freeze({
  state() {
    const s = store.get();
    return { route: s.route, tokenType: s.tokenType, name: s.name, access: s.access, scopes: { ...s.scopes } };
  },
  get lastCredentials() {
    return copyCreds(generated[generated.length - 1]);
  },
  get history() {
    return generated.map(copyCreds);
  },
  get saves() {
    return generated.length;
  },
  get ready() {
    return viewRoute === 'create' && Boolean(view);
  },
  get config() {
    return {
      storeHash: config.storeHash,
      apiPath: config.apiPath,
      widget: config.widget,
      rows: config.rows.map((r) => ({ label: r.label, levels: [NONE, ...r.levels] })),
    };
  },
});

// ---- boot -------------------------------------------------------------------------------
applyEmbedded(config.embedded);
mountChrome({ storeHash: config.storeHash });
show(initialRoute);
if (initialRoute === 'list' && config.late && config.lateMs > 0) {
  lateTimer = setTimeout(() => {
    lateTimer = null;
    navigate('create');
  }, config.lateMs);
}
