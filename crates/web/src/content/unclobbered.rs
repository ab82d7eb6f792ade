//! DOM calls a page cannot redirect, and a walk of the page that a deep tree cannot stop.
//!
//! A `<form>` and the document expose their named controls as properties that override the
//! built-in ones (`[LegacyOverrideBuiltIns]`): in a form holding `<input name=nextSibling>`,
//! `form.nextSibling` is that input, and with `<input name=getAttribute>`,
//! `form.getAttribute` is not a function. web-sys looks each property up on the object, so
//! on such a form it reads the wrong node or throws. These helpers call the prototypes' own
//! getters and methods instead (this world's prototypes, which the page cannot change), and
//! a call that fails is an empty answer, never an exception.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node, TreeWalker};

/// The built-in getters and methods, read once from the prototypes.
struct Natives {
    tag_name: Function,
    id: Function,
    get_attribute: Function,
    has_attribute: Function,
    get_attribute_names: Function,
    closest: Function,
    bounding_rect: Function,
    /// Chrome 105, Firefox 106.
    check_visibility: Option<Function>,
    element_query_all: Function,
    contains: Function,
    is_connected: Function,
    owner_document: Function,
    parent_element: Function,
    create_tree_walker: Function,
    get_element_by_id: Function,
    body: Function,
    document_element: Function,
}

fn prototype(constructor: &str) -> Option<Object> {
    let ctor = Reflect::get(&js_sys::global(), &constructor.into()).ok()?;
    let proto = Reflect::get(&ctor, &"prototype".into()).ok()?;
    // Not `dyn_into`, which asks `instanceof Object`: in a Firefox content script the page's
    // prototypes come through Xray wrappers, from another compartment, and are not.
    proto.is_object().then(|| proto.unchecked_into())
}

fn getter(proto: &Object, name: &str) -> Option<Function> {
    let descriptor = Object::get_own_property_descriptor(proto, &name.into());
    Reflect::get(&descriptor, &"get".into())
        .ok()?
        .dyn_into()
        .ok()
}

fn method(proto: &Object, name: &str) -> Option<Function> {
    Reflect::get(proto, &name.into()).ok()?.dyn_into().ok()
}

impl Natives {
    fn load() -> Option<Natives> {
        let element = prototype("Element")?;
        let node = prototype("Node")?;
        let document = prototype("Document")?;
        Some(Natives {
            tag_name: getter(&element, "tagName")?,
            id: getter(&element, "id")?,
            get_attribute: method(&element, "getAttribute")?,
            has_attribute: method(&element, "hasAttribute")?,
            get_attribute_names: method(&element, "getAttributeNames")?,
            closest: method(&element, "closest")?,
            bounding_rect: method(&element, "getBoundingClientRect")?,
            check_visibility: method(&element, "checkVisibility"),
            element_query_all: method(&element, "querySelectorAll")?,
            contains: method(&node, "contains")?,
            is_connected: getter(&node, "isConnected")?,
            owner_document: getter(&node, "ownerDocument")?,
            parent_element: getter(&node, "parentElement")?,
            create_tree_walker: method(&document, "createTreeWalker")?,
            get_element_by_id: method(&document, "getElementById")?,
            body: getter(&document, "body")?,
            document_element: getter(&document, "documentElement")?,
        })
    }
}

thread_local! {
    static NATIVES: Option<Natives> = Natives::load();
}

fn with<R>(f: impl FnOnce(&Natives) -> Option<R>) -> Option<R> {
    NATIVES.with(|n| n.as_ref().and_then(f))
}

fn string(value: JsValue) -> Option<String> {
    value.as_string()
}

fn element(value: JsValue) -> Option<Element> {
    value.dyn_into::<Element>().ok()
}

/// The tag name, lower case (`""` if it cannot be read).
pub fn tag(el: &Element) -> String {
    with(|n| string(n.tag_name.call0(el).ok()?))
        .unwrap_or_default()
        .to_ascii_lowercase()
}

pub fn id(el: &Element) -> String {
    with(|n| string(n.id.call0(el).ok()?)).unwrap_or_default()
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    with(|n| string(n.get_attribute.call1(el, &name.into()).ok()?))
}

pub fn has_attr(el: &Element, name: &str) -> bool {
    with(|n| n.has_attribute.call1(el, &name.into()).ok()?.as_bool()).unwrap_or(false)
}

/// The names of the element's attributes, in order.
pub fn attr_names(el: &Element) -> Vec<String> {
    with(|n| {
        let names: js_sys::Array = n.get_attribute_names.call0(el).ok()?.dyn_into().ok()?;
        Some(names.iter().filter_map(|v| v.as_string()).collect())
    })
    .unwrap_or_default()
}

/// The closest element matching `selector`, from `el` up (itself included).
pub fn closest(el: &Element, selector: &str) -> Option<Element> {
    with(|n| element(n.closest.call1(el, &selector.into()).ok()?))
}

/// Every element under `root` matching `selector`, in document order.
pub fn query_all(root: &Element, selector: &str) -> Vec<Element> {
    with(|n| {
        let list: web_sys::NodeList = n
            .element_query_all
            .call1(root, &selector.into())
            .ok()?
            .dyn_into()
            .ok()?;
        Some(
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|node| node.dyn_into::<Element>().ok())
                .collect(),
        )
    })
    .unwrap_or_default()
}

/// Whether the element is rendered (display, `visibility`, `content-visibility`): None where
/// the browser cannot tell.
pub fn check_visibility(el: &Element) -> Option<bool> {
    with(|n| {
        let options = Object::new();
        Reflect::set(&options, &"visibilityProperty".into(), &true.into()).ok()?;
        n.check_visibility
            .as_ref()?
            .call1(el, &options)
            .ok()?
            .as_bool()
    })
}

pub fn rect(el: &Element) -> Option<web_sys::DomRect> {
    with(|n| n.bounding_rect.call0(el).ok()?.dyn_into().ok())
}

/// Whether `inner` is `outer` or inside it.
pub fn contains(outer: &Node, inner: &Node) -> bool {
    with(|n| n.contains.call1(outer, inner).ok()?.as_bool()).unwrap_or(false)
}

pub fn connected(node: &Node) -> bool {
    with(|n| n.is_connected.call0(node).ok()?.as_bool()).unwrap_or(false)
}

pub fn parent(node: &Node) -> Option<Element> {
    with(|n| element(n.parent_element.call0(node).ok()?))
}

pub fn owner_document(node: &Node) -> Option<Document> {
    with(|n| n.owner_document.call0(node).ok()?.dyn_into().ok())
}

pub fn by_id(doc: &Document, id: &str) -> Option<Element> {
    with(|n| element(n.get_element_by_id.call1(doc, &id.into()).ok()?))
}

/// The document's body, else its root element.
pub fn body_or_root(doc: &Document) -> Option<Element> {
    with(|n| {
        element(n.body.call0(doc).ok()?).or_else(|| element(n.document_element.call0(doc).ok()?))
    })
}

/// How deep under its root a walk goes: far beyond any control-panel page, and a page
/// nested 20,000 deep is read down to here.
pub const MAX_DEPTH: usize = 400;

/// What a walk does with an element: go into it (with the token its children get), step
/// over it, or stop the walk.
pub enum Visit<T> {
    Into(T),
    Over,
    Stop,
}

// NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT
const SHOW_ELEMENTS_AND_TEXT: u32 = 0x1 | 0x4;

fn walker_of(root: &Element) -> Option<TreeWalker> {
    let doc = owner_document(root)?;
    with(|n| {
        n.create_tree_walker
            .call2(&doc, root, &JsValue::from(SHOW_ELEMENTS_AND_TEXT))
            .ok()?
            .dyn_into()
            .ok()
    })
}

/// Walks what is under `root` in document order, without recursion (a tree any depth deep
/// costs no stack) and without reading a node's own properties (a form's named controls
/// cannot redirect it): `on_element` is given each element and the token of its parent,
/// `on_text` each text node's text and the token of its parent. Elements deeper than
/// [`MAX_DEPTH`] are not visited.
pub fn walk<T: Copy>(
    root: &Element,
    root_token: T,
    mut on_element: impl FnMut(&Element, T) -> Visit<T>,
    mut on_text: impl FnMut(&str, T),
) {
    let Some(walker) = walker_of(root) else {
        return;
    };
    // The tokens of the elements on the path from the root to the current node's parent.
    let mut path: Vec<T> = vec![root_token];
    let mut current = walker.first_child().ok().flatten();
    while let Some(node) = current {
        let Some(&parent) = path.last() else { return };
        let mut into = None;
        if let Some(el) = node.dyn_ref::<Element>() {
            match on_element(el, parent) {
                Visit::Into(token) if path.len() < MAX_DEPTH => into = Some(token),
                Visit::Into(_) | Visit::Over => {}
                Visit::Stop => return,
            }
        } else if let Some(text) = node.text_content() {
            // A text node (the walker shows only elements and text); it has no named
            // properties to clobber.
            on_text(&text, parent);
        }
        if let Some(token) = into {
            if let Some(child) = walker.first_child().ok().flatten() {
                path.push(token);
                current = Some(child);
                continue;
            }
        }
        // The next sibling, else the next sibling of the nearest ancestor that has one.
        current = loop {
            if let Some(next) = walker.next_sibling().ok().flatten() {
                break Some(next);
            }
            if path.len() <= 1 {
                break None;
            }
            path.pop();
            if walker.parent_node().ok().flatten().is_none() {
                break None;
            }
        };
    }
}
