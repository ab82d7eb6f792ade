//! What the content script, the popup and the options page share.

pub mod combobox;
#[cfg(feature = "pages")]
pub mod dom;
pub mod js;
