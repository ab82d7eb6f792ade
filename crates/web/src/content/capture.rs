//! Capturing the one-time credentials dialog the moment it is inserted.
//!
//! Only a dialog that follows a press of Save on the create form in the same frame counts
//! (the caller arms the capture); a look-alike dialog anywhere else is left alone. The
//! dialog is recognised by its structure and the shapes of its values, not its words.
//!
//! The MutationObserver callback runs as a microtask right after the insertion, before any
//! timer the page may set to remove it; and the values are read from the inserted nodes
//! themselves, which keep their content even once detached.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement, Node};

use super::snapshot;
use scopefill_core::credentials::{self, shape_of, DialogField, Parsed, Shape};
use scopefill_core::outline;

const DIALOGS: &str = "[role=dialog], [role=alertdialog], dialog";

/// The text lines of an element in document order, with form fields' values as lines.
fn lines(root: &Node, out: &mut Vec<String>) {
    let children = root.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            Node::TEXT_NODE => {
                let text = child.text_content().unwrap_or_default();
                let text = text.trim();
                if !text.is_empty() {
                    out.push(text.to_string());
                }
            }
            Node::ELEMENT_NODE => {
                if let Some(input) = child.dyn_ref::<HtmlInputElement>() {
                    out.push(input.value());
                } else if let Some(area) = child.dyn_ref::<HtmlTextAreaElement>() {
                    out.push(area.value());
                } else {
                    let tag = child.node_name().to_ascii_lowercase();
                    if tag != "script" && tag != "style" {
                        lines(&child, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Dialogs in or around an inserted node (whether they show credentials, `read` decides).
pub fn dialogs_in(node: &Node) -> Vec<Element> {
    let Some(el) = node.dyn_ref::<Element>() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if let Ok(Some(d)) = el.closest(DIALOGS) {
        found.push(d);
    } else if let Ok(list) = el.query_selector_all(DIALOGS) {
        found.extend(
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<Element>().ok()),
        );
    }
    found
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
    let mut text = Vec::new();
    lines(dialog, &mut text);
    let token = |v: Option<&str>| v.and_then(shape_of) == Some(Shape::Token);
    credentials::from_text(&text.join("\n")).ok().filter(|p| {
        token(p.credentials.client_id.as_deref())
            && token(p.credentials.access_token.as_ref().map(|s| s.expose()))
    })
}
