//! Capturing the one-time credentials dialog the moment it is inserted.
//!
//! Only a dialog that follows a press of Save on the create form in the same frame counts
//! (the caller arms the capture); a look-alike dialog anywhere else is left alone.
//!
//! The MutationObserver callback runs as a microtask right after the insertion, before any
//! timer the page may set to remove it; and the values are read from the inserted nodes
//! themselves, which keep their content even once detached.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement, Node};

use crate::credentials::{self, Parsed};
use crate::text::normalize;

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

/// Whether a dialog with these text lines shows API credentials: its title says so
/// (BigDesign puts the title in an `<h2>` inside, not on the dialog), or it labels both a
/// Client ID and an Access token.
fn is_credentials_dialog(text: &[String]) -> bool {
    let keys: Vec<String> = text.iter().map(|l| normalize(l)).collect();
    let titled = keys.iter().any(|k| k.ends_with("apicredentials"));
    let labelled = keys.iter().any(|k| k == "clientid") && keys.iter().any(|k| k == "accesstoken");
    titled || labelled
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

/// Reads the credentials from a credentials dialog, walking its text once. None for another
/// dialog, or while it does not show both a Client ID and an Access token.
pub fn read(dialog: &Element) -> Option<Parsed> {
    let mut text = Vec::new();
    lines(dialog, &mut text);
    if !is_credentials_dialog(&text) {
        return None;
    }
    credentials::from_text(&text.join("\n"))
        .ok()
        .filter(|p| p.credentials.client_id.is_some() && p.credentials.access_token.is_some())
}
