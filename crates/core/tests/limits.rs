//! The background (extension/limits.js) enforces the options page's settings ranges itself:
//! the two must say the same thing, or a value the options page saves would be replaced by a
//! default in the background (or one it refuses would be honoured).

use scopefill_core::settings::{
    CLIPBOARD_SECONDS, DEFAULT_CLIPBOARD_SECONDS, DEFAULT_EXPIRY_SECONDS, EXPIRY_MINUTES,
};

/// `{ min: …, max: …, default: … }` after `key:` in limits.js, as numbers.
fn range(js: &str, key: &str) -> (u32, u32, u32) {
    let start = js
        .find(&format!("{key}: Object.freeze({{"))
        .unwrap_or_else(|| panic!("limits.js has no {key}"));
    let rest = &js[start..];
    let body = &rest[..rest.find('}').expect("a closing brace")];
    let number = |name: &str| -> u32 {
        let at = body
            .find(&format!("{name}: "))
            .unwrap_or_else(|| panic!("{key} has no {name}"));
        let digits: String = body[at + name.len() + 2..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '_')
            .filter(|c| *c != '_')
            .collect();
        digits.parse().expect("a number")
    };
    (number("min"), number("max"), number("default"))
}

#[test]
fn the_background_uses_the_options_page_ranges() {
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../extension/limits.js"
    ))
    .expect("extension/limits.js");
    assert_eq!(
        range(&js, "expirySeconds"),
        (
            EXPIRY_MINUTES.start() * 60,
            EXPIRY_MINUTES.end() * 60,
            DEFAULT_EXPIRY_SECONDS
        )
    );
    assert_eq!(
        range(&js, "clipboardSeconds"),
        (
            *CLIPBOARD_SECONDS.start(),
            *CLIPBOARD_SECONDS.end(),
            DEFAULT_CLIPBOARD_SECONDS
        )
    );
}
