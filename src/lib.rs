//! ScopeFill: fills BigCommerce's "Create API account" form from integration presets and
//! captures the one-time credentials.
//!
//! Everything that decides lives in plain Rust modules tested natively; `wasm_api` and `dom`
//! only translate between them and the browser.

pub mod account;
pub mod catalog;
pub mod credentials;
pub mod level;
pub mod plan;
pub mod preset;
pub mod report;
pub mod secret;
pub mod target;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod wasm_api;
