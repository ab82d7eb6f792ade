//! The Create API account form, found by its visible labels and headings.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use super::a11y::{accessible_name, all, text_of};
use super::widgets::{find_widgets, Widget};
use crate::text::normalize;

const HEADINGS: &str = "h1, h2, h3, h4, h5, h6, legend, [role=heading]";

/// Labels of controls on the form that are not scope rows.
fn is_form_control_label(key: &str) -> bool {
    matches!(
        key,
        "tokentype" | "access" | "name" | "apipath" | "b2beditionapipath"
    )
}

fn root(doc: &Document) -> Option<Element> {
    doc.document_element()
}

/// The text input labelled `label` (compared without case and punctuation).
fn labelled_input(doc: &Document, label: &str) -> Option<HtmlInputElement> {
    let key = normalize(label);
    all(&root(doc)?, "input")
        .into_iter()
        .filter_map(|e| e.dyn_into::<HtmlInputElement>().ok())
        .filter(|i| matches!(i.type_().as_str(), "text" | "" | "url"))
        .find(|i| normalize(&accessible_name(i)) == key)
}

pub fn name_input(doc: &Document) -> Option<HtmlInputElement> {
    labelled_input(doc, "Name")
}

pub fn api_path(doc: &Document) -> Option<String> {
    labelled_input(doc, "API path")
        .map(|i| i.value())
        .filter(|v| !v.is_empty())
}

pub fn b2b_api_path(doc: &Document) -> Option<String> {
    labelled_input(doc, "B2B Edition API path")
        .map(|i| i.value())
        .filter(|v| !v.is_empty())
}

pub fn token_type(doc: &Document) -> Option<Widget> {
    find_widgets(&root(doc)?)
        .into_iter()
        .find(|w| normalize(&w.label()) == "tokentype")
}

fn scopes_heading(doc: &Document) -> Option<Element> {
    all(&root(doc)?, HEADINGS)
        .into_iter()
        .find(|h| normalize(&text_of(h)).starts_with("oauthscope"))
}

/// Whether this document shows the Create API account form: a Name field plus either the
/// OAuth scopes heading or the token type choice.
pub fn is_present(doc: &Document) -> bool {
    name_input(doc).is_some() && (scopes_heading(doc).is_some() || token_type(doc).is_some())
}

/// The scope rows: the choice widgets in the section the "OAuth scopes" heading starts,
/// minus the form's other controls.
pub fn scope_widgets(doc: &Document) -> Vec<Widget> {
    let Some(heading) = scopes_heading(doc) else {
        return Vec::new();
    };
    // The smallest ancestor of the heading that holds choice widgets is the scope section.
    let mut section = heading.parent_element();
    while let Some(s) = section.clone() {
        let widgets: Vec<Widget> = find_widgets(&s)
            .into_iter()
            .filter(|w| !is_form_control_label(&normalize(&w.label())))
            .collect();
        if !widgets.is_empty() {
            return widgets;
        }
        section = s.parent_element();
    }
    Vec::new()
}
