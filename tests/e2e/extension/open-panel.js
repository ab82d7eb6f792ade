// TEST BUILD ONLY. tests/e2e/flavour.mjs puts this content script before content/content.js
// in the test flavours; the packages in dist/ never contain it.
//
// The shipped panel is a closed shadow root: the page's scripts cannot read it, and neither
// can Playwright's locators, which run in the page. This asks the loader, in the extension's
// isolated world (which the page cannot write), for an open one, so the tests can drive the
// panel as a person does.
globalThis.__scopefillPanelMode = 'open';
