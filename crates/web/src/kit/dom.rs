//! Small DOM helpers for the extension pages (`extension/popup/popup.html`, `extension/options/options.html`).

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// The element with `id`, as `T`.
pub fn by_id<T: JsCast>(doc: &Document, id: &str) -> Option<T> {
    doc.get_element_by_id(id)?.dyn_into::<T>().ok()
}

/// A new `<tag class=…>text</tag>`.
pub fn el(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(text) = text {
        e.set_text_content(Some(text));
    }
    Some(e)
}

pub fn set_attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

pub fn set_hidden(doc: &Document, id: &str, hidden: bool) {
    if let Some(e) = by_id::<HtmlElement>(doc, id) {
        e.set_hidden(hidden);
    }
}

/// Replaces `parent`'s children with `children`.
pub fn replace_children(parent: &Element, children: &[Element]) {
    parent.set_text_content(None);
    for c in children {
        let _ = parent.append_child(c);
    }
}

/// The `data-key` of the focused element, so a redraw can put the focus back.
pub fn focused_key(doc: &Document) -> Option<String> {
    doc.active_element()?.get_attribute("data-key")
}

pub fn focus_key(doc: &Document, key: &str) -> bool {
    let selector = format!("[data-key=\"{}\"]", key.replace(['"', '\\'], ""));
    match doc
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        Some(e) => e.focus().is_ok(),
        None => false,
    }
}

pub fn focus_id(doc: &Document, id: &str) {
    if let Some(e) = by_id::<HtmlElement>(doc, id) {
        let _ = e.focus();
    }
}

/// Appends `child` to `parent`.
pub fn append(parent: &Element, child: &Element) -> Option<()> {
    parent.append_child(child).ok().map(|_| ())
}

/// A listener for `kind` events on the element with `id`.
pub fn listen(
    doc: &Document,
    id: &str,
    kind: &'static str,
    f: impl FnMut(&Event) + 'static,
) -> Option<EventListener> {
    let el = doc.get_element_by_id(id)?;
    Some(EventListener::new(&el, kind, f))
}

/// As `listen`, for a handler that may call `prevent_default`.
pub fn listen_preventable(
    target: &EventTarget,
    kind: &'static str,
    f: impl FnMut(&Event) + 'static,
) -> EventListener {
    EventListener::new_with_options(
        target,
        kind,
        EventListenerOptions::enable_prevent_default(),
        f,
    )
}

/// The event's target, as `T`.
pub fn target_of<T: JsCast>(event: &Event) -> Option<T> {
    event.target()?.dyn_into::<T>().ok()
}

/// The closest element matching `selector` from the event's target up (itself included).
pub fn closest(event: &Event, selector: &str) -> Option<Element> {
    target_of::<Element>(event)?
        .closest(selector)
        .ok()
        .flatten()
}

/// A `<button type=button class=…>text</button>` named `label` for assistive technology.
pub fn button(doc: &Document, class: &str, text: &str, label: Option<&str>) -> Option<Element> {
    let b = el(doc, "button", class, Some(text))?;
    set_attr(&b, "type", "button");
    if let Some(label) = label {
        set_attr(&b, "aria-label", label);
    }
    Some(b)
}

/// Sets the text of the element with `id`.
pub fn set_text(doc: &Document, id: &str, text: &str) {
    if let Some(e) = doc.get_element_by_id(id) {
        e.set_text_content(Some(text));
    }
}

/// Focuses `e` if it is an element that can take the focus.
pub fn focus(e: &Element) {
    if let Some(e) = e.dyn_ref::<HtmlElement>() {
        let _ = e.focus();
    }
}

/// The first element matching `selector` under `root`.
pub fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Every element matching `selector` under `root`, in document order.
pub fn query_all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(nodes) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
        .collect()
}
