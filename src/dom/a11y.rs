//! Finding things the way a person does: by accessible names and visible text.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, NodeList};

/// The element's text with runs of whitespace collapsed.
pub fn text_of(el: &Element) -> String {
    collapse(&el.text_content().unwrap_or_default())
}

pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_label(labels: Option<NodeList>) -> Option<String> {
    let labels = labels?;
    (0..labels.length())
        .filter_map(|i| labels.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|l| text_of(&l))
        .find(|t| !t.is_empty())
}

/// A simplified accessible-name computation: aria-labelledby, aria-label, associated
/// `<label>`s, a wrapping `<label>`, a fieldset's `<legend>`, then `title`.
pub fn accessible_name(el: &Element) -> String {
    if let Some(ids) = el.get_attribute("aria-labelledby") {
        if let Some(doc) = el.owner_document() {
            let name = ids
                .split_whitespace()
                .filter_map(|id| doc.get_element_by_id(id))
                .map(|e| text_of(&e))
                .collect::<Vec<_>>()
                .join(" ");
            if !name.trim().is_empty() {
                return collapse(&name);
            }
        }
    }
    if let Some(label) = el
        .get_attribute("aria-label")
        .filter(|l| !l.trim().is_empty())
    {
        return collapse(&label);
    }
    let from_labels = if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        first_label(input.labels())
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        Some(select.labels()).and_then(|l| first_label(Some(l)))
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        Some(area.labels()).and_then(|l| first_label(Some(l)))
    } else {
        None
    };
    if let Some(name) = from_labels {
        return name;
    }
    if el.tag_name().eq_ignore_ascii_case("fieldset") {
        if let Ok(Some(legend)) = el.query_selector(":scope > legend") {
            return text_of(&legend);
        }
    }
    if let Ok(Some(label)) = el.closest("label") {
        return text_of(&label);
    }
    el.get_attribute("title")
        .map(|t| collapse(&t))
        .unwrap_or_default()
}

/// All elements matching `selector` under `root`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}
