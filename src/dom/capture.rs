//! Capturing the one-time credentials dialog the moment it is inserted.
//!
//! The MutationObserver callback runs as a microtask right after the insertion, before any
//! timer the page may set to remove it; and the values are read from the inserted nodes
//! themselves, which keep their content even once detached.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement, Node};

use super::a11y::{accessible_name, all};
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

/// Whether a dialog with this title and these text lines shows API credentials.
fn is_credentials_dialog(dialog: &Element, text: &[String]) -> bool {
    if normalize(&accessible_name(dialog)).contains("apicredentials") {
        return true;
    }
    let keys: Vec<String> = text.iter().map(|l| normalize(l)).collect();
    keys.iter().any(|k| k == "clientid") && keys.iter().any(|k| k == "accesstoken")
}

/// Dialogs in or around an inserted node (whether they show credentials, `read` decides).
pub fn dialogs_in(node: &Node) -> Vec<Element> {
    let Some(el) = node.dyn_ref::<Element>() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if let Ok(Some(d)) = el.closest(DIALOGS) {
        found.push(d);
    } else {
        found.extend(all(el, DIALOGS));
    }
    found
}

/// Reads the credentials from a credentials dialog, walking its text once. None for another
/// dialog, or while it holds no credentials yet.
pub fn read(dialog: &Element) -> Option<Parsed> {
    let mut text = Vec::new();
    lines(dialog, &mut text);
    if !is_credentials_dialog(dialog, &text) {
        return None;
    }
    credentials::from_text(&text.join("\n"))
        .ok()
        .filter(|p| p.credentials.client_id.is_some())
}
