// Toolbar popup: a thin loader. The Rust core (crates/web/src/popup/) draws and runs the popup; this
// file only hands it the extension APIs web-sys cannot reach.
import init, { startPopup } from '../pkg/scopefill.js';

const api = globalThis.browser ?? globalThis.chrome;

// storage.session.onChanged is newer than storage.onChanged (Firefox < 121 lacks it).
function onSessionChanged(callback) {
  const notify = (changes) => callback(Object.keys(changes));
  if (api.storage.session?.onChanged) api.storage.session.onChanged.addListener(notify);
  else api.storage.onChanged.addListener((changes, area) => area === 'session' && notify(changes));
}

const host = {
  send: (message) => api.runtime.sendMessage(message),
  storageGet: (keys) => api.storage.local.get(keys),
  onSessionChanged,
  queryTabs: (query) => api.tabs.query(query),
  sendToTab: (tabId, message) => api.tabs.sendMessage(tabId, message),
  // "Fill this page": target/page.js in the active tab's frames (activeTab and scripting).
  // From the extension's root: Firefox resolves a relative path against the popup's own folder.
  // A file it cannot load leaves Firefox's promise unsettled: given up after 5 s, as no access.
  injectTarget: (tabId) => Promise.race([
    api.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/target/page.js'] }),
    new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000)),
  ]),
  outlineTarget: (tabId) =>
    api.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => globalThis.scopefillTarget?.outline() ?? null,
    }),
  fillTarget: (tabId, frameId, entries) =>
    api.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: (list) => globalThis.scopefillTarget.fill(list),
      args: [entries],
    }),
  requestOrigin: (origin) => api.permissions.request({ origins: [`${origin}/*`] }),
  writeClipboard: (text) => navigator.clipboard.writeText(text),
  message: (key, substitutions) => api.i18n.getMessage(key, substitutions),
  uiLanguage: () => api.i18n.getUILanguage(),
  incognito: () => api.extension?.inIncognitoContext === true,
  openOptions: () => api.runtime.openOptionsPage(),
  storageSet: (items) => api.storage.local.set(items),
  hasClipboardRead: () => api.permissions.contains({ permissions: ['clipboardRead'] }),
  requestClipboardRead: () => api.permissions.request({ permissions: ['clipboardRead'] }),
  // Firefox (the only one with runtime.getBrowserInfo) opens the prompt under the popup.
  promptsInPopup: () => typeof api.runtime.getBrowserInfo !== 'function',
};

try {
  await init();
  await startPopup(host);
} catch (error) {
  // The core could not start: say so instead of showing an empty popup.
  const box = document.getElementById('fill-status');
  if (box) box.textContent = api.i18n.getMessage('popup_coreFailed') || 'ScopeFill could not start.';
  document.body.dataset.ready = 'failed';
  throw error;
}
