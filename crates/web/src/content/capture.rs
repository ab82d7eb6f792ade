//! Capturing the one-time credentials dialog the moment it is inserted.
//!
//! Only a dialog that follows a press of Save on the create form in the same frame counts
//! (the caller arms the capture); a look-alike dialog anywhere else is left alone. The
//! dialog is recognised by its structure and the shapes of its values, not its words.
//!
//! The MutationObserver callback runs as a microtask right after the insertion, before any
//! timer the page may set to remove it; and the values are read from the inserted nodes
//! themselves, which keep their content even once detached.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement, Node};

use super::snapshot;
use super::unclobbered::{self, Visit};
use scopefill_core::credentials::{self, shape_of, DialogField, Parsed, Shape};
use scopefill_core::outline;

const DIALOGS: &str = "[role=dialog], [role=alertdialog], dialog";

/// The text lines of an element in document order, with form fields' values as lines.
fn lines(root: &Element) -> Vec<String> {
    let out = std::cell::RefCell::new(Vec::new());
    unclobbered::walk(
        root,
        (),
        |el, ()| {
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                out.borrow_mut().push(input.value());
                Visit::Over
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                out.borrow_mut().push(area.value());
                Visit::Over
            } else if matches!(unclobbered::tag(el).as_str(), "script" | "style") {
                Visit::Over
            } else {
                Visit::Into(())
            }
        },
        |text, ()| {
            let text = text.trim();
            if !text.is_empty() {
                out.borrow_mut().push(text.to_string());
            }
        },
    );
    out.into_inner()
}

/// Dialogs in or around an inserted node (whether they show credentials, `read` decides).
pub fn dialogs_in(node: &Node) -> Vec<Element> {
    let Some(el) = node.dyn_ref::<Element>() else {
        return Vec::new();
    };
    match unclobbered::closest(el, DIALOGS) {
        Some(dialog) => vec![dialog],
        None => unclobbered::query_all(el, DIALOGS),
    }
}

/// Whether a person can see the dialog now: connected, laid out with a size, not hidden by
/// `visibility` or `content-visibility`, and at least partly inside the viewport (BigDesign's
/// dialog element is the full-window layer that holds the box). A dialog
/// the page keeps out of sight is not the control panel's answer to a Save.
pub fn rendered(dialog: &Element) -> bool {
    if !unclobbered::connected(dialog) {
        return false;
    }
    if unclobbered::check_visibility(dialog) == Some(false) {
        return false;
    }
    let Some(window) = web_sys::window() else {
        return false;
    };
    let dimension = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let (width, height) = (
        dimension(window.inner_width()),
        dimension(window.inner_height()),
    );
    unclobbered::rect(dialog).is_some_and(|r| {
        r.width() >= 1.0
            && r.height() >= 1.0
            && r.right() > 0.0
            && r.bottom() > 0.0
            && r.left() < width
            && r.top() < height
    })
}

/// The value of a field the outline found, from its element.
fn value_of(el: &Element) -> Option<String> {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        return Some(input.value());
    }
    el.dyn_ref::<HtmlTextAreaElement>().map(|a| a.value())
}

/// Reads the credentials from a credentials dialog, in any language: from its read-only
/// fields by their captions or the shapes of their values; else (older dialogs showed the
/// values as text) from labelled lines. None for another dialog, or while it does not show
/// a Client ID and an access token of the right shape.
pub fn read(dialog: &Element) -> Option<Parsed> {
    let snap = snapshot::take_of(dialog);
    let fields: Vec<DialogField> = outline::read_only_fields(&snap.outline)
        .into_iter()
        .filter_map(|(node, caption)| {
            let value = value_of(snap.element(node)?)?;
            Some(DialogField { caption, value })
        })
        .collect();
    if let Some(parsed) = credentials::from_dialog(&fields) {
        return Some(parsed);
    }
    let text = lines(dialog);
    let token = |v: Option<&str>| v.and_then(shape_of) == Some(Shape::Token);
    credentials::from_text(&text.join("\n")).ok().filter(|p| {
        token(p.credentials.client_id.as_deref())
            && token(p.credentials.access_token.as_ref().map(|s| s.expose()))
    })
}
