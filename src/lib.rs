//! ScopeFill: fills BigCommerce's "Create API account" form from integration presets and
//! captures the one-time credentials.
//!
//! Everything that decides lives in plain Rust modules tested natively; `wasm_api` and `dom`
//! only translate between them and the browser.

pub mod account;
pub mod catalog;
pub mod credentials;
pub mod guard;
pub mod https;
pub mod identify;
mod json;
pub mod lang;
pub mod level;
pub mod messages;
pub mod outline;
pub mod picker;
pub mod plan;
pub mod popup_model;
pub mod preset;
pub mod preset_editor;
pub mod report;
pub mod secret;
pub mod settings;
pub mod target;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
mod js;
// The extension pages' code (popup, options bindings) stays out of the content-script-only
// build (`--no-default-features`), which is the one converted to JS by wasm2js.
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
pub mod popup;
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
pub mod wasm_api;
