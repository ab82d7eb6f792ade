// TEST BUILD ONLY. tests/e2e/flavour.mjs puts this file in place of extension/worker/limits.js in
// the test flavour (target/test-ext/); the packages in dist/ never contain it.
//
// Changes to the core's shipped limits (crates/core/src/worker.rs, LimitChanges): the
// delays' lower bounds taken down to a second and no 30 s floor under alarms, so that a
// test can watch a capture expire and the clipboard be cleared in a few seconds, also after
// the service worker is stopped (Chromium fires an unpacked extension's alarm when asked
// to). Everything else is the shipped value.
export const LIMITS = Object.freeze({
  expiryMinSeconds: 1,
  clipboardMinSeconds: 1,
  alarmMinMs: 0,
});
