//! ScopeFill's browser side (crate `scopefill`, built to WASM): thin adapters between the
//! core (`scopefill_core`, which decides everything) and each context the extension runs in.
//!
//! - `content`: the content script on the control panel (fill, guard, capture, panel);
//! - `popup`: the toolbar popup; `options`: the options page;
//! - `worker`: the background's one entry, `workerStep`;
//! - `kit`: what they share (DOM helpers, the event queue, the localiser, the picker
//!   widget, JS conversions).

#[cfg(target_arch = "wasm32")]
pub mod content;
#[cfg(target_arch = "wasm32")]
mod kit;
// The extension pages' code (popup, options) stays out of the content-script-only build
// (`--no-default-features`), which is the one converted to JS by wasm2js.
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
pub mod options;
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
pub mod popup;
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
pub mod worker;
