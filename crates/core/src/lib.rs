//! ScopeFill's core: everything that decides, in plain Rust with no web dependency, tested
//! natively with `cargo test`. The browser adapters (crate `scopefill`, `crates/web`) only
//! translate between it and the page, the popup and the options page.

pub mod account;
pub mod catalog;
pub mod contract;
pub mod credentials;
pub mod guard;
pub mod https;
pub mod identify;
pub mod json;
pub mod lang;
pub mod level;
pub mod list_toggle;
pub mod lookalike;
pub mod messages;
pub mod outline;
pub mod paste_menu;
pub mod picker;
pub mod plan;
pub mod popup_model;
pub mod preset;
pub mod preset_editor;
pub mod preset_form;
pub mod report;
pub mod secret;
pub mod settings;
pub mod target;
pub mod target_form;
pub mod text;
pub mod worker;
