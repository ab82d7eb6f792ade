// TEST BUILD ONLY. tests/e2e/flavour.mjs adds this content script to the test flavour
// (target/test-ext/); the packages in dist/ never contain it.
//
// A content script the page drives: it forwards what the page posts to the background with
// runtime.sendMessage and posts the answer back. It gives the tests a content-script context
// in any frame of a control-panel page, a storefront or a foreign site, from which to send the
// messages a compromised content script could send.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== window || data?.scopefillProbe !== 'send') return;
    const reply = (result) => window.postMessage({ scopefillProbe: 'answer', id: data.id, ...result }, '*');
    api.runtime.sendMessage(data.message).then(
      (answer) => reply({ answer: answer ?? null }),
      (error) => reply({ error: String(error?.message ?? error) }),
    );
  });
  document.documentElement.dataset.scopefillProbe = 'ready';
})();
