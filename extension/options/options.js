// Options page: a thin loader. The Rust core (crates/web/src/options/) draws and runs the page;
// this file only hands it the extension APIs web-sys cannot reach.
import init, { startOptions } from '../pkg/scopefill.js';

const api = globalThis.browser ?? globalThis.chrome;
const CLIPBOARD_READ = { permissions: ['clipboardRead'] };

const host = {
  storageGet: (keys) => api.storage.local.get(keys),
  storageSet: (items) => api.storage.local.set(items),
  onCustomPresetsChanged: (callback) => api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.customPresets) callback(changes.customPresets.newValue);
  }),
  hasClipboardRead: () => api.permissions.contains(CLIPBOARD_READ),
  changeClipboardRead: (grant) => (grant ? api.permissions.request(CLIPBOARD_READ) : api.permissions.remove(CLIPBOARD_READ)),
  onPermissionsChanged: (callback) => {
    api.permissions.onAdded?.addListener(() => callback());
    api.permissions.onRemoved?.addListener(() => callback());
  },
  message: (key, substitutions) => api.i18n.getMessage(key, substitutions),
  uiLanguage: () => api.i18n.getUILanguage(),
};

try {
  await init();
  await startOptions(host);
} catch (error) {
  // The core could not start: say so instead of showing an empty page.
  const box = document.getElementById('load-error');
  const detail = String(error?.message ?? error);
  if (box) {
    box.textContent = api.i18n.getMessage('presetsFailed', [detail]) || `The presets could not be loaded: ${detail}`;
    box.hidden = false;
  }
  document.getElementById('main')?.removeAttribute('aria-busy');
  document.documentElement.dataset.ready = 'failed';
  throw error;
}
