//! Localising an extension page's static markup (the popup's, the options page's) from
//! `_locales`, through the page's host.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

use super::dom;

/// Fills every `[data-i18n]` element's text, and every `[data-i18n-label]` element's
/// `aria-label`, with `t(key)`, which gives the key itself when it has no message (the
/// markup's English then stays); sets the page's `lang`.
pub fn localize(doc: &Document, t: &dyn Fn(&str) -> String, lang: Option<String>) {
    let each = |selector: &str, apply: &dyn Fn(&Element, &str)| {
        let Ok(nodes) = doc.query_selector_all(selector) else {
            return;
        };
        for i in 0..nodes.length() {
            let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let Some(key) = el.get_attribute(&selector[1..selector.len() - 1]) else {
                continue;
            };
            let text = t(&key);
            if text != key {
                apply(&el, &text);
            }
        }
    };
    each("[data-i18n]", &|el, text| el.set_text_content(Some(text)));
    // Accessible names of controls without visible text.
    each("[data-i18n-label]", &|el, text| {
        dom::set_attr(el, "aria-label", text)
    });
    if let (Some(root), Some(lang)) = (doc.document_element(), lang) {
        dom::set_attr(&root, "lang", &lang);
    }
}

/// The message `key` with `$1`… substituted, through the page host's `i18n.getMessage`
/// (`get`); the key itself when it has none.
pub fn message(
    get: impl Fn(&str, &js_sys::Array) -> Result<String, JsValue>,
    key: &str,
    substitutions: &[&str],
) -> String {
    let subs: js_sys::Array = substitutions.iter().map(|s| JsValue::from_str(s)).collect();
    get(key, &subs)
        .ok()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| key.to_string())
}
