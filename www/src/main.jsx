// Entry point of the replica bundle. One bundle for every page: the control-panel shell
// (/manage/shell: chrome + <iframe name="cp-iframe">) or the API-accounts app (list/create).

import { createRoot } from 'react-dom/client';
import { App } from './App.jsx';
import { Shell } from './Chrome.jsx';
import { live } from './api.js';
import { cleanPath, readConfig, SHELL_PATH } from './config.js';
import { first } from './i18n.js';

const config = readConfig();
const isShell = cleanPath(window.location.pathname) === SHELL_PATH;
// lang= / htmllang=: <html lang> says the pack's code (en-XA for pseudo) or what htmllang= says.
if (config.htmlLang) document.documentElement.lang = config.htmlLang;

const copyCreds = (c) => (c ? { ...c } : null);
/** Each row's level key by row id: the displayed option mapped back ('' when cleared). */
const levelsOf = (scopes) => Object.fromEntries(config.rows.map((r) => {
  const i = r.options.indexOf(scopes[r.label]);
  return [r.id, i >= 0 ? r.levelKeys[i] : ''];
}));
const copyState = (s) => (s
  ? { route: s.route, tokenType: s.tokenType, name: s.name, access: s.access, scopes: { ...s.scopes }, levels: levelsOf(s.scopes) }
  : null);

if (!isShell) {
  window.__replica = Object.freeze({
    state: () => copyState(live.state),
    get lastCredentials() {
      return copyCreds(live.generated[live.generated.length - 1]);
    },
    get history() {
      return live.generated.map(copyCreds);
    },
    get saves() {
      return live.generated.length;
    },
    get ready() {
      return live.ready;
    },
    get config() {
      return {
        storeHash: config.storeHash,
        apiPath: config.apiPath,
        variant: config.variant,
        widget: config.variant,
        rows: config.rows.map((r) => ({ id: r.id, label: r.label, levels: [...r.options], levelKeys: [...r.levelKeys] })),
        lang: config.lang,
        htmlLang: document.documentElement.lang,
        captions: config.captions,
        order: config.order,
        tokenTypes: [...config.tokenTypes],
        stencilAccess: [...config.stencilAccess],
        // The footer's and the dialog's words as drawn, so tests can press them in any language.
        texts: { save: first(config.t.page.save), cancel: first(config.t.page.cancel), done: first(config.t.dialog.done) },
      };
    },
  });
}

createRoot(document.getElementById('root')).render(isShell ? <Shell config={config} /> : <App config={config} />);
