//! The page → [`Outline`], in one walk; and back from an outline node to its element.
//!
//! Only what says what an element is and what it shows is read (see
//! [`outline::keeps_attribute`]): never an input's value, except the choice a read-only
//! combobox shows, which is a level word; of other values only their shape.

use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlInputElement, HtmlOptionElement, HtmlTextAreaElement, Node as DomNode,
};

use super::panel::HOST_ID;
use scopefill_core::credentials::shape_of;
use scopefill_core::outline::{self, Node, Outline, State};

/// Enough for any control panel page; a page larger than this is outlined in part.
const MAX_NODES: usize = 20_000;
const MAX_TEXT: usize = 200;

/// An outline and the element behind each of its nodes.
pub struct Snapshot {
    pub outline: Outline,
    pub elements: Vec<Element>,
}

impl Snapshot {
    pub fn element(&self, node: usize) -> Option<&Element> {
        self.elements.get(node)
    }
}

/// Subtrees that hold nothing a person reads as part of the form.
fn skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "iframe" | "object" | "canvas"
    )
}

fn push_text(node: &mut Node, text: &str) {
    for word in text.split_whitespace() {
        if node.text.len() >= MAX_TEXT {
            return;
        }
        if !node.text.is_empty() {
            node.text.push(' ');
        }
        node.text.push_str(word);
    }
}

fn describe(el: &Element, tag: String, parent: Option<usize>) -> Node {
    let mut node = Node {
        tag,
        parent,
        ..Node::default()
    };
    let names = el.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        match name.as_str() {
            "disabled" => node.states.push(State::Disabled),
            "readonly" => node.states.push(State::Readonly),
            _ => {}
        }
        if outline::keeps_attribute(&name) {
            if let Some(value) = el.get_attribute(&name) {
                node.attrs.insert(name, value);
            }
        }
    }
    // Checked and selected are properties: the attribute says only the initial state.
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        if input.checked() {
            node.states.push(State::Checked);
        }
        if node.role() == "combobox" && input.read_only() {
            node.shown = Some(input.value());
        } else {
            // What the value looks like (an API path says what the field is in any
            // language); the value itself stays out of the outline.
            node.shape = shape_of(&input.value());
        }
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        node.shape = shape_of(&area.value());
    } else if let Some(option) = el.dyn_ref::<HtmlOptionElement>() {
        if option.selected() {
            node.states.push(State::Selected);
        }
    }
    node
}

fn walk(el: &Element, parent: Option<usize>, snap: &mut Snapshot) {
    if snap.outline.nodes.len() >= MAX_NODES {
        return;
    }
    let tag = el.tag_name().to_ascii_lowercase();
    if skipped(&tag) || el.id() == HOST_ID || el.has_attribute("hidden") {
        return;
    }
    let index = snap.outline.nodes.len();
    let is_svg = tag == "svg";
    snap.outline.nodes.push(describe(el, tag, parent));
    snap.elements.push(el.clone());
    if is_svg {
        // An icon: its name is on the element itself, its inside is drawing.
        return;
    }
    let mut child = el.first_child();
    while let Some(node) = child {
        match node.node_type() {
            DomNode::TEXT_NODE => {
                if let Some(text) = node.text_content() {
                    push_text(&mut snap.outline.nodes[index], &text);
                }
            }
            DomNode::ELEMENT_NODE => {
                if let Some(child_el) = node.dyn_ref::<Element>() {
                    walk(child_el, Some(index), snap);
                }
            }
            _ => {}
        }
        child = node.next_sibling();
    }
}

/// Outlines everything under `root`.
pub fn take_of(root: &Element) -> Snapshot {
    let mut snap = Snapshot {
        outline: Outline::default(),
        elements: Vec::new(),
    };
    walk(root, None, &mut snap);
    snap
}

/// Outlines the document's body (or the whole document if it has none).
pub fn take(doc: &Document) -> Snapshot {
    let root: Option<Element> = doc
        .body()
        .map(Into::into)
        .or_else(|| doc.document_element());
    match root {
        Some(root) => take_of(&root),
        None => Snapshot {
            outline: Outline::default(),
            elements: Vec::new(),
        },
    }
}
