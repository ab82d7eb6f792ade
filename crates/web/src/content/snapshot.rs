//! The page → [`Outline`], in one walk; and back from an outline node to its element.
//!
//! Only what says what an element is and what it shows is read (see
//! [`outline::keeps_attribute`]): never an input's value, except the choice a read-only
//! combobox shows, which is a level word; of other values only their shape.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlOptionElement, HtmlTextAreaElement};

use super::panel::HOST_ID;
use super::unclobbered::{self, Visit};
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
    for name in unclobbered::attr_names(el) {
        match name.as_str() {
            "disabled" => node.states.push(State::Disabled),
            "readonly" => node.states.push(State::Readonly),
            _ => {}
        }
        if outline::keeps_attribute(&name) {
            if let Some(value) = unclobbered::attr(el, &name) {
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

/// Adds `el` to the outline under `parent`: its index, or None when it and what it holds
/// are left out.
fn visit(el: &Element, parent: Option<usize>, snap: &mut Snapshot) -> Option<usize> {
    let tag = unclobbered::tag(el);
    if skipped(&tag) || unclobbered::id(el) == HOST_ID || unclobbered::has_attr(el, "hidden") {
        return None;
    }
    let index = snap.outline.nodes.len();
    // An icon: its name is on the element itself, its inside is drawing.
    let is_svg = tag == "svg";
    snap.outline.nodes.push(describe(el, tag, parent));
    snap.elements.push(el.clone());
    (!is_svg).then_some(index)
}

/// Outlines everything under `root`: at most [`MAX_NODES`] elements, down to
/// [`unclobbered::MAX_DEPTH`].
pub fn take_of(root: &Element) -> Snapshot {
    let mut snap = Snapshot {
        outline: Outline::default(),
        elements: Vec::new(),
    };
    let Some(root_index) = visit(root, None, &mut snap) else {
        return snap;
    };
    // The walk hands each callback the snapshot in turn: one owner, borrowed per call.
    let snap = std::cell::RefCell::new(snap);
    unclobbered::walk(
        root,
        root_index,
        |el, parent| {
            let mut snap = snap.borrow_mut();
            if snap.outline.nodes.len() >= MAX_NODES {
                return Visit::Stop;
            }
            match visit(el, Some(parent), &mut snap) {
                Some(index) => Visit::Into(index),
                None => Visit::Over,
            }
        },
        |text, parent| {
            if let Some(node) = snap.borrow_mut().outline.nodes.get_mut(parent) {
                push_text(node, text);
            }
        },
    );
    snap.into_inner()
}

/// Outlines the document's body (or the whole document if it has none).
pub fn take(doc: &Document) -> Snapshot {
    match unclobbered::body_or_root(doc) {
        Some(root) => take_of(&root),
        None => Snapshot {
            outline: Outline::default(),
            elements: Vec::new(),
        },
    }
}
