//! What the content script, the popup and the options page share.

pub mod combobox;
#[cfg(feature = "pages")]
pub mod dom;
#[cfg(feature = "pages")]
pub mod i18n;
pub mod js;
#[cfg(feature = "pages")]
pub mod queue;
