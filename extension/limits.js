// Every limit the background enforces itself, whatever storage.local or a message says.
//
// The settings ranges are the options page's (crates/core/src/settings.rs: EXPIRY_MINUTES,
// CLIPBOARD_SECONDS and the defaults); `cargo test --test limits` fails if the two disagree.
// The test harness builds a test flavour of the extension in which this file is replaced
// (tests/e2e/flavour.mjs) so that delays of a second or two can be tried; the packages in
// dist/ always ship this one.

export const LIMITS = Object.freeze({
  /** How long a capture is kept (seconds): the options page's 1 to 1440 minutes. */
  expirySeconds: Object.freeze({ min: 60, max: 86_400, default: 900 }),
  /** When a copied value is cleared from the clipboard (seconds). */
  clipboardSeconds: Object.freeze({ min: 5, max: 600, default: 60 }),
  /**
   * The earliest an alarm is set for (ms from now). Chrome fires a packed extension's alarms no
   * sooner than 30 s; the timer covers the live worker, the alarm a stopped one.
   */
  alarmMinMs: 30_000,
  /** Characters in one captured value or label; BigCommerce's values are under 100. */
  fieldChars: 512,
  /** Captures kept; the oldest is dropped first. */
  captures: 20,
  /** Problems kept with a capture (the parser reports a handful at most). */
  problems: 20,
});
