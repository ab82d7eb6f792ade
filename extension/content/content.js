// ScopeFill content script: a small loader. It waits until the control panel shows the API
// accounts area, then loads the Rust core, which does everything else (finding the form,
// the panel, filling, capturing the credentials dialog).
//
// Chromium applies the page's CSP to WebAssembly compiled in a content script, so under a
// strict page CSP the WASM build fails to compile; the same core converted to JS (wasm2js)
// is then loaded instead. The page's CSP is never altered.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // `=== true`: an element the page names __scopefillLoader shows up on the window as a
  // named property (in this world too), and must not stop the loader.
  if (globalThis.__scopefillLoader === true) return;
  globalThis.__scopefillLoader = true;

  // The create form lives under .../api-accounts/... (and older .../auth/api-accounts/...).
  const inApiAccounts = () => /\/api-accounts(\/|$)/.test(location.pathname);

  async function loadCore() {
    try {
      const core = await import(api.runtime.getURL('pkg-content/scopefill.js'));
      await core.default({ module_or_path: api.runtime.getURL('pkg-content/scopefill_bg.wasm') });
      return { core, flavour: 'wasm' };
    } catch {
      const core = await import(api.runtime.getURL('pkg-js/scopefill.js'));
      return { core, flavour: 'js' };
    }
  }

  let started = false;
  let core = null;
  async function start() {
    if (started) return;
    started = true;
    routeWatch.disconnect();
    const t0 = performance.now();
    const { customPresets = [], settings = {}, lastPreset } = await api.storage.local.get(['customPresets', 'settings', 'lastPreset']);
    const loaded = await loadCore();
    const flavour = loaded.flavour;
    core = loaded.core;
    core.startContent({
      send: (message) => api.runtime.sendMessage(message).catch(() => ({ ok: false })),
      customPresets,
      nameTemplate: typeof settings.nameTemplate === 'string' ? settings.nameTemplate : undefined,
      // The Integration picker lists the last used integration first; only its id is kept.
      lastPreset: typeof lastPreset === 'string' ? lastPreset : undefined,
      rememberPreset: (id) => {
        api.storage.local.set({ lastPreset: String(id) }).catch(() => {});
      },
      // Set only by the test flavour's own content script (tests/e2e/flavour.mjs), in this
      // isolated world; a string, which no element the page names can pose as.
      panelMode: globalThis.__scopefillPanelMode === 'open' ? 'open' : undefined,
      flavour,
      loadMs: performance.now() - t0,
      // The panel speaks the page's language; the browser's where the page's is unknown.
      uiLanguage: api.i18n?.getUILanguage?.(),
    });
  }

  // From the extension only: the toolbar popup's requests (crates/core/src/contract.rs
  // ToContent), answered by the core in the frame that shows the form.
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || sender.tab || !core) return false;
    const answer = core.answerPopup(message);
    if (!answer) return false;
    answer.then(sendResponse, () => sendResponse({ ok: false }));
    return true;
  });

  // The control panel is a single-page app: the route can change without a page load.
  // Each mutation batch costs one string test until the API accounts area shows up.
  const routeWatch = new MutationObserver(() => {
    if (inApiAccounts()) start();
  });
  if (inApiAccounts()) start();
  else routeWatch.observe(document, { childList: true, subtree: true });
})();
