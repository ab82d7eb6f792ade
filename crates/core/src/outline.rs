//! The page as plain data, and the choice rows a person sees in it.
//!
//! The DOM adapter reads the page once into an [`Outline`]: every element's tag, role,
//! `aria-*` and state attributes, its own visible text and its place in document order,
//! never an input's value. Everything that decides what the page shows is here, in plain
//! Rust: which elements form one row of mutually exclusive choices, what the row's caption
//! is, which choice is on, and where the Create account form's fields are. The same outline,
//! redacted, is what a user copies into a bug report when a page is not recognised, and
//! what the tests replay (`tests/outlines/`).

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::credentials::Shape;
use crate::lang;
use crate::text::normalize;

/// The page, element by element, in document order (a parent always comes before its
/// children).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Lowercase tag name.
    pub tag: String,
    /// Index of the parent element; none for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
    /// The element's own text (its text children), whitespace collapsed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// `id`, `role`, `for`, `type`, `name`, `title` and every `aria-*`, as written.
    #[serde(default, skip_serializing_if = "Attrs::is_empty")]
    pub attrs: Attrs,
    /// What the element shows as its state: checked, selected, disabled, readonly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<State>,
    /// The choice a read-only combobox shows (BigDesign's Select keeps it in the input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown: Option<String>,
    /// What a field's value looks like (an API path, a token), never the value itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Checked,
    Selected,
    Disabled,
    Readonly,
}

/// An element's attributes, sorted by name; written as a JSON object. (A sorted list: a
/// tree map's code was a twentieth of the content script's core for a handful per element.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs(Vec<(String, String)>);

impl Attrs {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()
            .map(|i| self.0[i].1.as_str())
    }

    pub fn insert(&mut self, name: String, value: String) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&name)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<const N: usize> From<[(String, String); N]> for Attrs {
    fn from(pairs: [(String, String); N]) -> Attrs {
        pairs.into_iter().collect()
    }
}

impl FromIterator<(String, String)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Attrs {
        let mut attrs = Attrs::default();
        for (k, v) in pairs {
            attrs.insert(k, v);
        }
        attrs
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Attrs, D::Error> {
        struct AttrsVisitor;
        impl<'de> Visitor<'de> for AttrsVisitor {
            type Value = Attrs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of attribute names and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attrs, A::Error> {
                let mut attrs = Attrs::default();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    attrs.insert(k, v);
                }
                Ok(attrs)
            }
        }
        deserializer.deserialize_map(AttrsVisitor)
    }
}

/// The attributes an outline keeps: those that say what an element is and what it shows.
pub fn keeps_attribute(name: &str) -> bool {
    name.starts_with("aria-")
        || matches!(
            name,
            "id" | "role" | "for" | "type" | "name" | "title" | "multiple" | "contenteditable"
        )
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name)
    }

    pub fn role(&self) -> &str {
        self.attr("role").unwrap_or("")
    }

    pub fn has(&self, state: State) -> bool {
        self.states.contains(&state)
    }

    fn is_true(&self, name: &str) -> bool {
        self.attr(name) == Some("true")
    }

    fn is_radio(&self) -> bool {
        (self.tag == "input"
            && self
                .attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("radio")))
            || self.role() == "radio"
    }

    /// A button that says whether it is on: a segmented control's part.
    fn is_choice_button(&self) -> bool {
        let buttonish = self.tag == "button"
            || matches!(
                self.role(),
                "button" | "switch" | "tab" | "option" | "menuitemradio"
            );
        buttonish
            && ["aria-checked", "aria-pressed", "aria-selected"]
                .iter()
                .any(|a| self.attr(a).is_some())
    }

    fn is_text_input(&self) -> bool {
        match self.tag.as_str() {
            "textarea" => true,
            "input" => matches!(
                self.attr("type")
                    .map(|t| t.to_ascii_lowercase())
                    .as_deref()
                    .unwrap_or(""),
                "" | "text" | "url"
            ),
            _ => false,
        }
    }

    fn is_heading(&self) -> bool {
        matches!(
            self.tag.as_str(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "legend"
        ) || self.role() == "heading"
    }
}

/// How a row's choices are drawn, which decides how one is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Joined buttons that say which one is on (BigDesign's Toggle, segmented controls).
    Buttons,
    Radios,
    NativeSelect,
    /// An ARIA combobox: its options exist only while it is open.
    Combobox,
}

/// Where a row's caption came from, most explicit first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptionFrom {
    LabelledBy,
    AriaLabel,
    LabelFor,
    WrappingLabel,
    Legend,
    /// The text just above the choices, tied to them by nothing but position.
    Above,
    Title,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub label: String,
    /// The element to act on: the button, the radio, or the native `<option>`.
    pub node: usize,
    pub chosen: bool,
}

/// One caption and a set of mutually exclusive choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceRow {
    pub caption: String,
    pub caption_from: Option<CaptionFrom>,
    pub kind: RowKind,
    /// The group, the `<select>` or the combobox.
    pub node: usize,
    /// Empty for a combobox that is closed.
    pub choices: Vec<Choice>,
    pub current: Option<String>,
}

impl ChoiceRow {
    /// A combobox that is closed: it shows one choice, and its others are not in the page.
    pub fn is_closed(&self) -> bool {
        self.kind == RowKind::Combobox && self.choices.is_empty()
    }
}

/// Lookups over an outline, built once.
struct Index<'a> {
    nodes: &'a [Node],
    /// One past the last descendant of each node.
    end: Vec<usize>,
    /// (id, element), sorted by id; the first element with an id wins, as in the DOM.
    by_id: Vec<(&'a str, usize)>,
    /// (the id a `<label for>` names, the label), sorted by id.
    labels_for: Vec<(&'a str, usize)>,
}

impl<'a> Index<'a> {
    fn new(outline: &'a Outline) -> Index<'a> {
        let nodes = outline.nodes.as_slice();
        let mut end: Vec<usize> = (0..nodes.len()).map(|i| i + 1).collect();
        for i in (0..nodes.len()).rev() {
            // A parent after its child would be malformed input: such a node is a root.
            if let Some(p) = nodes[i].parent.filter(|p| *p < i) {
                end[p] = end[p].max(end[i]);
            }
        }
        let mut by_id = Vec::new();
        let mut labels_for = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            if let Some(id) = n.attr("id").filter(|id| !id.is_empty()) {
                by_id.push((id, i));
            }
            if n.tag == "label" {
                if let Some(target) = n.attr("for").filter(|t| !t.is_empty()) {
                    labels_for.push((target, i));
                }
            }
        }
        // Stable sorts: among equal ids, document order stays.
        by_id.sort_by_key(|(id, _)| *id);
        by_id.dedup_by_key(|(id, _)| *id);
        labels_for.sort_by_key(|(id, _)| *id);
        Index {
            nodes,
            end,
            by_id,
            labels_for,
        }
    }

    fn element_by_id(&self, id: &str) -> Option<usize> {
        self.by_id
            .binary_search_by(|(k, _)| (*k).cmp(id))
            .ok()
            .map(|i| self.by_id[i].1)
    }

    /// The `<label for=id>` elements, in document order.
    fn labels_for<'s>(&'s self, id: &'s str) -> impl Iterator<Item = usize> + 's {
        let start = self.labels_for.partition_point(|(k, _)| *k < id);
        self.labels_for[start..]
            .iter()
            .take_while(move |(k, _)| *k == id)
            .map(|(_, label)| *label)
    }

    fn parent(&self, i: usize) -> Option<usize> {
        self.nodes[i].parent.filter(|p| *p < i)
    }

    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent(i), move |p| self.parent(*p))
    }

    fn contains(&self, outer: usize, inner: usize) -> bool {
        outer <= inner && inner < self.end[outer]
    }

    /// The visible text of an element and its descendants, skipping `aria-hidden` parts.
    fn text(&self, i: usize) -> String {
        let mut words: Vec<&str> = Vec::new();
        let mut j = i;
        while j < self.end[i] {
            let n = &self.nodes[j];
            if j != i && n.is_true("aria-hidden") {
                j = self.end[j];
                continue;
            }
            words.extend(n.text.split_whitespace());
            j += 1;
        }
        words.join(" ")
    }

    fn text_of_ids(&self, ids: &str) -> String {
        ids.split_whitespace()
            .filter_map(|id| self.element_by_id(id))
            .map(|i| self.text(i))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The name a person reads for an element: what points at it or wraps it, most explicit
    /// first. Position alone is not considered here (see [`Index::caption_above`]).
    fn name(&self, i: usize) -> Option<(String, CaptionFrom)> {
        let n = &self.nodes[i];
        let found = |text: String, from| (!text.is_empty()).then_some((text, from));
        if let Some(ids) = n.attr("aria-labelledby") {
            if let Some(r) = found(self.text_of_ids(ids), CaptionFrom::LabelledBy) {
                return Some(r);
            }
        }
        if let Some(label) = n.attr("aria-label") {
            let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(r) = found(label, CaptionFrom::AriaLabel) {
                return Some(r);
            }
        }
        // `<label for>` also names a `<div>` (BigDesign's Toggle), for a person if not for
        // the accessibility tree.
        if let Some(id) = n.attr("id") {
            let text = self
                .labels_for(id)
                .map(|l| self.text(l))
                .find(|t| !t.is_empty())
                .unwrap_or_default();
            if let Some(r) = found(text, CaptionFrom::LabelFor) {
                return Some(r);
            }
        }
        if matches!(n.tag.as_str(), "input" | "select" | "textarea") {
            if let Some(label) = self.ancestors(i).find(|a| self.nodes[*a].tag == "label") {
                if let Some(r) = found(self.text(label), CaptionFrom::WrappingLabel) {
                    return Some(r);
                }
            }
        }
        if n.tag == "fieldset" {
            let legend = (i + 1..self.end[i])
                .find(|j| self.parent(*j) == Some(i) && self.nodes[*j].tag == "legend");
            if let Some(r) = legend.and_then(|l| found(self.text(l), CaptionFrom::Legend)) {
                return Some(r);
            }
        }
        None
    }

    /// The caption just above `first` (a row's first element): the nearest text before it
    /// that belongs to no other row, grown to the largest element around that text which
    /// holds neither the row nor another row's parts.
    /// `taken` marks the parts of rows (empty: none).
    fn caption_above(&self, first: usize, taken: &[bool]) -> Option<String> {
        let is_taken = |k: usize| taken.get(k).copied().unwrap_or(false);
        const LOOK_BACK: usize = 12;
        const LONGEST: usize = 100;
        let mut looked = 0;
        let mut j = first;
        while j > 0 && looked < LOOK_BACK {
            j -= 1;
            if self.contains(j, first) {
                continue;
            }
            looked += 1;
            if is_taken(j) {
                return None;
            }
            let n = &self.nodes[j];
            if n.text.trim().is_empty()
                || self
                    .ancestors(j)
                    .any(|a| self.nodes[a].is_true("aria-hidden"))
            {
                continue;
            }
            let mut caption = j;
            while let Some(p) = self.parent(caption) {
                if self.contains(p, first)
                    || (p..self.end[p]).any(is_taken)
                    || self.text(p).len() > LONGEST
                {
                    break;
                }
                caption = p;
            }
            let text = self.text(caption);
            return (text.len() <= LONGEST).then_some(text);
        }
        None
    }

    /// The label of one choice: its name, else its text.
    fn choice_label(&self, i: usize) -> String {
        let n = &self.nodes[i];
        if n.is_radio() || n.tag == "input" {
            if let Some((name, _)) = self.name(i) {
                return name;
            }
            // A label right after the radio (its own text).
            return self.parent(i).map(|p| self.text(p)).unwrap_or_default();
        }
        let text = self.text(i);
        if !text.is_empty() {
            return text;
        }
        self.name(i).map(|(name, _)| name).unwrap_or_default()
    }

    fn is_chosen(&self, i: usize) -> bool {
        let n = &self.nodes[i];
        n.has(State::Checked)
            || n.has(State::Selected)
            || ["aria-checked", "aria-pressed", "aria-selected"]
                .iter()
                .any(|a| n.is_true(a))
    }
}

/// What groups choices into one row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GroupKey {
    /// The nearest radiogroup, group, toolbar, tablist, listbox or fieldset, and for radios
    /// their name (one container may hold several radio sets).
    Container(usize, String),
    /// Radios that share a name, with no container.
    Name(String),
    /// Choice buttons side by side, with no container.
    Parent(usize),
}

fn is_container(n: &Node) -> bool {
    n.tag == "fieldset"
        || matches!(
            n.role(),
            "radiogroup" | "group" | "toolbar" | "tablist" | "listbox"
        )
}

/// Every row of mutually exclusive choices on the page, in document order.
pub fn rows(outline: &Outline) -> Vec<ChoiceRow> {
    let ix = Index::new(outline);
    let nodes = ix.nodes;

    // Listboxes a combobox controls belong to it, not to a row of their own.
    let mut combobox_lists: Vec<usize> = Vec::new();
    let mut comboboxes = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.role() != "combobox" {
            continue;
        }
        // An ARIA 1.1 wrapper around the real combobox input counts once, as the input.
        if n.tag != "input" && (i + 1..ix.end[i]).any(|j| nodes[j].role() == "combobox") {
            continue;
        }
        for attr in ["aria-controls", "aria-owns"] {
            for id in n.attr(attr).unwrap_or("").split_whitespace() {
                if let Some(list) = ix.element_by_id(id) {
                    if !combobox_lists.contains(&list) {
                        combobox_lists.push(list);
                    }
                }
            }
        }
        comboboxes.push(i);
    }
    let in_combobox_list = |i: usize| {
        ix.ancestors(i).any(|a| combobox_lists.contains(&a)) || combobox_lists.contains(&i)
    };

    // Buttons and radios, grouped.
    let mut groups: Vec<(GroupKey, Vec<usize>)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let radio = n.is_radio();
        if !(radio || n.is_choice_button()) || in_combobox_list(i) {
            continue;
        }
        let name = if radio {
            n.attr("name").unwrap_or("").to_string()
        } else {
            String::new()
        };
        let container = ix.ancestors(i).find(|a| is_container(&nodes[*a]));
        let key = match (container, radio && !name.is_empty()) {
            (Some(c), _) => GroupKey::Container(c, name),
            (None, true) => GroupKey::Name(name),
            (None, false) => match ix.parent(i) {
                Some(p) => GroupKey::Parent(p),
                None => continue,
            },
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }

    struct Found {
        kind: RowKind,
        node: usize,
        first: usize,
        choices: Vec<usize>,
        /// Elements that are parts of the row (a caption found by position stops at them).
        parts: Vec<usize>,
    }
    let mut found: Vec<Found> = Vec::new();
    for (key, members) in groups {
        // One button on its own ("Show password") is not a choice between several.
        if members.len() < 2 {
            continue;
        }
        let kind = if members.iter().all(|m| nodes[*m].is_radio()) {
            RowKind::Radios
        } else {
            RowKind::Buttons
        };
        let (node, parts) = match key {
            GroupKey::Container(c, _) => (c, vec![c]),
            // The element that holds them all may hold the caption too: the parts are each
            // choice with the wrapper it has to itself (a radio and its label).
            GroupKey::Parent(p) => (p, own_wrappers(&ix, p, &members)),
            GroupKey::Name(_) => {
                let last = members[members.len() - 1];
                let holder = ix
                    .ancestors(members[0])
                    .find(|a| ix.contains(*a, last))
                    .unwrap_or(0);
                (holder, own_wrappers(&ix, holder, &members))
            }
        };
        found.push(Found {
            kind,
            node,
            first: members[0],
            choices: members,
            parts,
        });
    }
    for (i, n) in nodes.iter().enumerate() {
        if n.tag == "select" && n.attr("multiple").is_none() {
            let options: Vec<usize> = (i + 1..ix.end[i])
                .filter(|j| nodes[*j].tag == "option")
                .collect();
            found.push(Found {
                kind: RowKind::NativeSelect,
                node: i,
                first: i,
                choices: options,
                parts: vec![i],
            });
        }
    }
    for i in comboboxes {
        let options: Vec<usize> = combobox_lists
            .iter()
            .filter(|list| {
                ["aria-controls", "aria-owns"].iter().any(|attr| {
                    nodes[i]
                        .attr(attr)
                        .unwrap_or("")
                        .split_whitespace()
                        .any(|id| ix.element_by_id(id) == Some(**list))
                })
            })
            .flat_map(|list| (*list + 1..ix.end[*list]).filter(|j| nodes[*j].role() == "option"))
            .collect();
        found.push(Found {
            kind: RowKind::Combobox,
            node: i,
            first: i,
            choices: options,
            parts: vec![i],
        });
    }
    found.sort_by_key(|f| f.first);

    // Elements that belong to some row: a caption found by position never crosses them.
    let mut taken = vec![false; nodes.len()];
    for f in &found {
        for c in f.parts.iter().chain(&f.choices) {
            for t in taken.iter_mut().take(ix.end[*c]).skip(*c) {
                *t = true;
            }
        }
    }

    found
        .into_iter()
        .map(|f| {
            let named = ix.name(f.node);
            let (caption, caption_from) = match named {
                Some((text, from)) => (text, Some(from)),
                None => match ix.caption_above(f.first, &taken) {
                    Some(text) => (text, Some(CaptionFrom::Above)),
                    None => match nodes[f.node].attr("title").filter(|t| !t.trim().is_empty()) {
                        Some(t) => (t.trim().to_string(), Some(CaptionFrom::Title)),
                        None => (String::new(), None),
                    },
                },
            };
            let choices: Vec<Choice> = f
                .choices
                .iter()
                .map(|c| Choice {
                    label: ix.choice_label(*c),
                    node: *c,
                    chosen: ix.is_chosen(*c),
                })
                .collect();
            let current = if f.kind == RowKind::Combobox {
                nodes[f.node]
                    .shown
                    .clone()
                    .or_else(|| Some(ix.text(f.node)))
                    .filter(|s| !s.is_empty())
            } else {
                choices.iter().find(|c| c.chosen).map(|c| c.label.clone())
            };
            ChoiceRow {
                caption,
                caption_from,
                kind: f.kind,
                node: f.node,
                choices,
                current,
            }
        })
        .collect()
}

/// For each choice, the largest element below `holder` that contains it and no other choice.
fn own_wrappers(ix: &Index, holder: usize, choices: &[usize]) -> Vec<usize> {
    choices
        .iter()
        .map(|c| {
            let mut top = *c;
            while let Some(p) = ix.parent(top) {
                if p == holder || choices.iter().any(|o| o != c && ix.contains(p, *o)) {
                    break;
                }
                top = p;
            }
            top
        })
        .collect()
}

/// Whether a caption names one of the form's own controls, in any pack (not a scope row).
fn is_form_control(caption: &str) -> bool {
    [
        "token_type",
        "stencil_access",
        "name",
        "api_path",
        "b2b_api_path",
    ]
    .iter()
    .any(|k| lang::is_page_text(caption, k))
}

/// Where the Create account form's parts are, as indexes into the outline and into the rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Form {
    pub name_input: usize,
    pub api_path_input: Option<usize>,
    pub b2b_api_path_input: Option<usize>,
    /// Index into the rows.
    pub token_type: Option<usize>,
    /// Indexes into the rows, in page order.
    pub scope_rows: Vec<usize>,
    /// The control that saves the form: its submit button, or the last button of its footer.
    pub save: Option<usize>,
}

/// The control panel's language, from the words of the page a pack knows; `<html lang>`
/// only breaks ties (it may say `en` on a page in another language).
pub fn page_language(outline: &Outline, html_lang: Option<&str>) -> Option<&'static str> {
    let texts = outline.nodes.iter().map(|n| n.text.as_str());
    lang::language_of(texts.filter(|t| !t.is_empty() && t.len() <= 100), html_lang)
}

/// Whether an address is the control panel's Create API account page (or the
/// single-page app's route to it).
pub fn is_create_address(path: &str) -> bool {
    let path = path.trim_end_matches('/').to_ascii_lowercase();
    path.ends_with("/settings/api-accounts/create")
        || path.ends_with("/settings/auth/api-accounts/create")
}

/// A choice of token type: "V2/V3 API token" reads the same in every language.
fn says_v2v3(text: &str) -> bool {
    normalize(text).contains("v2v3")
}

fn says_stencil(text: &str) -> bool {
    normalize(text).contains("stencil")
}

fn is_token_type_row(row: &ChoiceRow) -> bool {
    let mentions = |t: &str| says_v2v3(t) || says_stencil(t);
    row.choices.iter().any(|c| mentions(&c.label))
        || row.current.as_deref().is_some_and(mentions)
        || lang::is_page_text(&row.caption, "token_type")
}

impl Index<'_> {
    /// Inside a dialog, a toast or another live region: not part of the form.
    fn in_overlay(&self, i: usize) -> bool {
        std::iter::once(i).chain(self.ancestors(i)).any(|a| {
            let n = &self.nodes[a];
            n.tag == "dialog"
                || n.is_true("aria-modal")
                || matches!(n.role(), "dialog" | "alertdialog" | "alert" | "status")
        })
    }

    /// A field a person can type in.
    fn is_editable_text(&self, i: usize) -> bool {
        let n = &self.nodes[i];
        n.is_text_input()
            && !n.has(State::Readonly)
            && !n.has(State::Disabled)
            && n.role() != "combobox"
    }

    /// A button that does something: not a link (Cancel is one on the real page).
    fn is_button(&self, i: usize) -> bool {
        let n = &self.nodes[i];
        let kind = n.attr("type").map(|t| t.to_ascii_lowercase());
        match n.tag.as_str() {
            "button" => kind.as_deref() != Some("reset"),
            "input" => matches!(kind.as_deref(), Some("submit" | "button")),
            "a" => false,
            _ => n.role() == "button",
        }
    }

    /// The caption a person reads for a field: what names it, else the text just above.
    fn caption_of_field(&self, i: usize) -> Option<String> {
        self.name(i)
            .map(|(name, _)| name)
            .or_else(|| self.caption_above(i, &[]))
    }

    /// The form's Save: the submit button of the `<form>` around the name field, else the
    /// last button of the footer that follows the form's last part (the first group of
    /// buttons after it, outside dialogs and toasts). Never found by its word.
    fn save_button(&self, name_input: usize, last_part: usize, rows: &[usize]) -> Option<usize> {
        // Each row's own wrapper: a combobox row's toggle button is part of the row.
        let wrappers: Vec<usize> = rows
            .iter()
            .map(|r| {
                let mut top = *r;
                while let Some(p) = self.parent(top) {
                    let holds_more = rows.iter().any(|o| o != r && self.contains(p, *o));
                    if holds_more || self.contains(p, name_input) {
                        break;
                    }
                    top = p;
                }
                top
            })
            .collect();
        // The page's own chrome (navigation, banner, side bars) holds no form's Save.
        let in_chrome = |i: usize| {
            std::iter::once(i).chain(self.ancestors(i)).any(|a| {
                let n = &self.nodes[a];
                matches!(n.tag.as_str(), "nav" | "header" | "aside")
                    || matches!(
                        n.role(),
                        "navigation" | "banner" | "complementary" | "search" | "menu" | "menubar"
                    )
            })
        };
        let candidate = |i: usize| {
            self.is_button(i)
                && !self.nodes[i].is_choice_button()
                && !self.in_overlay(i)
                && !in_chrome(i)
                && !wrappers.iter().any(|w| self.contains(*w, i))
        };
        let after = self.end[last_part];
        // A <form> around the name field: its submit button after the form's last part.
        if let Some(form) = self
            .ancestors(name_input)
            .find(|a| self.nodes[*a].tag == "form")
        {
            let submits = |i: &usize| {
                let n = &self.nodes[*i];
                candidate(*i)
                    && (n
                        .attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("submit"))
                        || (n.tag == "button" && n.attr("type").is_none()))
            };
            if let Some(submit) = (after..self.end[form]).find(submits) {
                return Some(submit);
            }
        }
        let first = (after..self.nodes.len()).find(|i| candidate(*i))?;
        // The footer: the largest element around that button holding nothing of the form.
        let mut footer = first;
        while let Some(p) = self.parent(footer) {
            if self.contains(p, last_part) || self.contains(p, name_input) {
                break;
            }
            footer = p;
        }
        (footer..self.end[footer]).rev().find(|i| candidate(*i))
    }
}

/// The Create account form, if this outline shows it, recognised by what no translation
/// changes: its address, a read-only field holding an API path, the token type's
/// "V2/V3" choice, a field for the name, and the run of choice rows after them. Captions a
/// pack knows are used where they match; structure decides where they do not.
/// `address` is the page's path (`location.pathname`), or "" where unknown.
pub fn form(outline: &Outline, rows: &[ChoiceRow], address: &str) -> Option<Form> {
    let ix = Index::new(outline);
    let nodes = &outline.nodes;
    let field = |shape: Shape, key: &str| {
        (0..nodes.len())
            .find(|i| nodes[*i].shape == Some(shape) && !ix.in_overlay(*i))
            .or_else(|| {
                (0..nodes.len()).find(|i| {
                    nodes[*i].is_text_input()
                        && !ix.in_overlay(*i)
                        && ix
                            .caption_of_field(*i)
                            .is_some_and(|c| lang::is_page_text(&c, key))
                })
            })
    };
    let api_path_input = field(Shape::ApiPath, "api_path");
    let b2b_api_path_input = field(Shape::B2bApiPath, "b2b_api_path");
    let editable: Vec<usize> = (0..nodes.len())
        .filter(|i| ix.is_editable_text(*i) && !ix.in_overlay(*i))
        .collect();
    let token_by_words = rows
        .iter()
        .position(|r| !ix.in_overlay(r.node) && is_token_type_row(r));
    let name_input = editable
        .iter()
        .copied()
        .find(|i| {
            ix.caption_of_field(*i)
                .is_some_and(|c| lang::is_page_text(&c, "name"))
        })
        .or_else(|| match api_path_input {
            // Token type, Name, API path: the name is the field just before the path.
            Some(path) => editable.iter().copied().rfind(|i| *i < path),
            None => {
                let after = token_by_words.map(|t| rows[t].node).unwrap_or(0);
                editable.iter().copied().find(|i| *i > after)
            }
        })?;
    // Without words: the choice just before the name field.
    let token_type = token_by_words.or_else(|| {
        rows.iter()
            .rposition(|r| r.node < name_input && !ix.in_overlay(r.node))
            .filter(|t| {
                !editable
                    .iter()
                    .any(|e| *e > rows[*t].node && *e < name_input)
            })
    });
    if !(is_create_address(address) || api_path_input.is_some() || token_by_words.is_some()) {
        return None;
    }
    let scopes_heading = (0..nodes.len())
        .find(|i| nodes[*i].is_heading() && lang::is_page_text(&ix.text(*i), "oauth_scopes"));
    let start = [
        Some(name_input),
        api_path_input,
        b2b_api_path_input,
        token_type.map(|t| rows[t].node),
        scopes_heading,
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(name_input);
    // The Stencil-CLI form has an access choice instead of scope rows.
    let stencil = token_type
        .and_then(|t| rows[t].current.as_deref())
        .is_some_and(|c| !c.trim().is_empty() && !says_v2v3(c));
    let scope_rows: Vec<usize> = if stencil {
        Vec::new()
    } else {
        rows.iter()
            .enumerate()
            .filter(|(i, r)| {
                Some(*i) != token_type
                    && r.node > start
                    && !ix.in_overlay(r.node)
                    && !is_form_control(&r.caption)
            })
            .map(|(i, _)| i)
            .collect()
    };
    let last_part = [
        scope_rows.last().map(|r| rows[*r].node),
        rows.iter()
            .rev()
            .find(|r| r.node > start && !ix.in_overlay(r.node))
            .map(|r| r.node),
        Some(start),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(start);
    let row_nodes: Vec<usize> = rows.iter().map(|r| r.node).collect();
    let save = ix.save_button(name_input, last_part, &row_nodes);
    Some(Form {
        name_input,
        api_path_input,
        b2b_api_path_input,
        token_type,
        scope_rows,
        save,
    })
}

/// The read-only fields of a dialog, in order, with their captions: what the credentials
/// dialog shows its values in.
pub fn read_only_fields(outline: &Outline) -> Vec<(usize, Option<String>)> {
    let ix = Index::new(outline);
    (0..outline.nodes.len())
        .filter(|i| {
            let n = &outline.nodes[*i];
            n.is_text_input() && n.role() != "combobox" && n.has(State::Readonly)
        })
        .map(|i| (i, ix.caption_of_field(i)))
        .collect()
}

/// A token-shaped word: long, letters and digits mixed, no spaces. Such words are masked
/// in an outline a user copies, in case a page shows a credential as text.
fn looks_like_a_token(word: &str) -> bool {
    word.len() >= 16
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_alphabetic())
}

/// Masks every token-shaped run of letters, digits, `-` and `_` in `text`, wherever it
/// stands: between spaces, after `ID:`, in brackets, at the end of a line.
fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if looks_like_a_token(run) {
            out.push_str("[redacted]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether what a node holds is the page's content rather than its structure: a text area,
/// an editable region, or a dialog (the credentials dialog shows the secrets as text).
fn holds_values(n: &Node) -> bool {
    n.tag == "textarea"
        || n.tag == "dialog"
        || matches!(n.role(), "dialog" | "alertdialog")
        || n.is_true("aria-modal")
        || n.attr("contenteditable")
            .is_some_and(|v| !v.trim().eq_ignore_ascii_case("false"))
}

/// The outline as a user may paste it into a bug report: structure, roles and captions.
/// It never held input values; text areas, editable regions and dialogs are kept as bare
/// nodes without their text or what is inside them; token-shaped runs in the rest of the
/// text and in attributes are masked.
pub fn redact(outline: &Outline) -> Outline {
    // The new index of each node kept; a node under one that holds values is dropped.
    let mut kept: Vec<Option<usize>> = Vec::with_capacity(outline.nodes.len());
    let mut emptied: Vec<bool> = Vec::with_capacity(outline.nodes.len());
    let mut nodes = Vec::new();
    for n in &outline.nodes {
        let parent = n.parent.and_then(|p| kept.get(p).copied().flatten());
        let under_values = n.parent.is_some_and(|p| {
            kept.get(p).copied().flatten().is_none() || emptied.get(p).copied().unwrap_or(false)
        });
        if under_values {
            kept.push(None);
            emptied.push(false);
            continue;
        }
        let bare = holds_values(n);
        kept.push(Some(nodes.len()));
        emptied.push(bare);
        nodes.push(Node {
            parent,
            text: if bare {
                String::new()
            } else {
                redact_text(&n.text)
            },
            attrs: n
                .attrs
                .iter()
                .filter(|(k, _)| !bare || matches!(k.as_str(), "role" | "aria-modal"))
                .map(|(k, v)| (k.clone(), redact_text(v)))
                .collect(),
            shown: if bare {
                None
            } else {
                n.shown.as_deref().map(redact_text)
            },
            ..n.clone()
        });
    }
    Outline { nodes }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny builder: `el(parent, tag, text, attrs)`.
    struct Page(Outline);

    impl Page {
        fn new() -> Page {
            Page(Outline {
                nodes: vec![Node {
                    tag: "body".into(),
                    ..Node::default()
                }],
            })
        }
        fn el(&mut self, parent: usize, tag: &str, text: &str, attrs: &[(&str, &str)]) -> usize {
            self.0.nodes.push(Node {
                tag: tag.into(),
                parent: Some(parent),
                text: text.into(),
                attrs: attrs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                ..Node::default()
            });
            self.0.nodes.len() - 1
        }
        fn state(&mut self, i: usize, s: State) {
            self.0.nodes[i].states.push(s);
        }
    }

    fn captions(rows: &[ChoiceRow]) -> Vec<(&str, Option<CaptionFrom>, Option<&str>)> {
        rows.iter()
            .map(|r| (r.caption.as_str(), r.caption_from, r.current.as_deref()))
            .collect()
    }

    /// BigDesign's Toggle: `<label for>` pointing at the group `<div>`.
    fn toggle(p: &mut Page, parent: usize, id: &str, caption: &str, on: usize, wiring: &str) {
        let wrap = p.el(parent, "div", "", &[]);
        let label_id = format!("{id}-label");
        match wiring {
            "caption" => {
                p.el(wrap, "p", caption, &[]);
            }
            _ => {
                p.el(wrap, "label", caption, &[("for", id), ("id", &label_id)]);
            }
        }
        let mut attrs = vec![("id", id), ("role", "group")];
        if wiring == "labelid" {
            attrs.push(("aria-labelledby", &label_id));
        }
        let group = p.el(wrap, "div", "", &attrs);
        for (k, word) in ["None", "read-only", "modify"].iter().enumerate() {
            let b = p.el(
                group,
                "button",
                "",
                &[
                    ("role", "switch"),
                    ("aria-checked", if k == on { "true" } else { "false" }),
                ],
            );
            p.el(b, "span", word, &[]);
        }
    }

    #[test]
    fn toggle_rows_are_read_by_label_for_by_labelledby_and_by_position() {
        for (wiring, from) in [
            ("for", CaptionFrom::LabelFor),
            ("labelid", CaptionFrom::LabelledBy),
            ("caption", CaptionFrom::Above),
        ] {
            let mut p = Page::new();
            p.el(0, "h2", "OAuth scopes", &[]);
            toggle(&mut p, 0, "t1", "Orders", 0, wiring);
            toggle(&mut p, 0, "t2", "Order transactions", 2, wiring);
            let rows = rows(&p.0);
            assert_eq!(
                captions(&rows),
                [
                    ("Orders", Some(from), Some("None")),
                    ("Order transactions", Some(from), Some("modify"))
                ],
                "{wiring}"
            );
            assert_eq!(rows[0].kind, RowKind::Buttons);
            let labels: Vec<&str> = rows[1].choices.iter().map(|c| c.label.as_str()).collect();
            assert_eq!(labels, ["None", "read-only", "modify"]);
        }
    }

    #[test]
    fn a_caption_above_never_reaches_into_the_row_before() {
        let mut p = Page::new();
        toggle(&mut p, 0, "t1", "Orders", 0, "caption");
        // A second group with nothing above it but the first row's buttons.
        let group = p.el(0, "div", "", &[("role", "group")]);
        for word in ["None", "modify"] {
            p.el(group, "button", word, &[("aria-pressed", "false")]);
        }
        let rows = rows(&p.0);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].caption, "");
        assert_eq!(rows[1].caption_from, None);
    }

    #[test]
    fn radios_grouped_by_name_take_the_caption_above_and_their_own_labels() {
        let mut p = Page::new();
        let group = p.el(0, "div", "", &[]);
        p.el(group, "label", "Products", &[]);
        for (k, word) in ["None", "read-only"].iter().enumerate() {
            let wrap = p.el(group, "div", "", &[]);
            let id = format!("r{k}");
            let label_id = format!("l{k}");
            let radio = p.el(
                wrap,
                "input",
                "",
                &[
                    ("type", "radio"),
                    ("name", "products"),
                    ("id", &id),
                    ("aria-labelledby", &label_id),
                ],
            );
            if k == 1 {
                p.state(radio, State::Checked);
            }
            p.el(wrap, "label", "", &[("for", &id), ("aria-hidden", "true")]);
            p.el(wrap, "label", word, &[("for", &id), ("id", &label_id)]);
        }
        let rows = rows(&p.0);
        assert_eq!(
            captions(&rows),
            [("Products", Some(CaptionFrom::Above), Some("read-only"))]
        );
        assert_eq!(rows[0].kind, RowKind::Radios);
    }

    #[test]
    fn a_fieldset_of_radios_takes_its_legend() {
        let mut p = Page::new();
        let fs = p.el(0, "fieldset", "", &[]);
        p.el(fs, "legend", "Carts", &[]);
        for word in ["None", "modify"] {
            let label = p.el(fs, "label", word, &[]);
            p.el(label, "input", "", &[("type", "radio"), ("name", "carts")]);
        }
        assert_eq!(
            captions(&rows(&p.0)),
            [("Carts", Some(CaptionFrom::Legend), None)]
        );
    }

    #[test]
    fn native_selects_and_comboboxes() {
        let mut p = Page::new();
        p.el(0, "label", "Themes", &[("for", "s1")]);
        let select = p.el(0, "select", "", &[("id", "s1")]);
        p.el(select, "option", "None", &[]);
        let ro = p.el(select, "option", "read-only", &[]);
        p.state(ro, State::Selected);
        p.el(0, "label", "Carts", &[("id", "cl")]);
        let input = p.el(
            0,
            "input",
            "",
            &[
                ("role", "combobox"),
                ("aria-labelledby", "cl"),
                ("aria-controls", "lb"),
            ],
        );
        p.0.nodes[input].shown = Some("modify".into());
        let list = p.el(0, "ul", "", &[("role", "listbox"), ("id", "lb")]);
        let rows_closed = rows(&p.0);
        assert_eq!(
            captions(&rows_closed),
            [
                ("Themes", Some(CaptionFrom::LabelFor), Some("read-only")),
                ("Carts", Some(CaptionFrom::LabelledBy), Some("modify"))
            ]
        );
        assert!(rows_closed[1].choices.is_empty());
        // Open: its options are read, and their aria-selected (the highlight) is not a row.
        for word in ["None", "read-only", "modify"] {
            p.el(
                list,
                "li",
                word,
                &[("role", "option"), ("aria-selected", "false")],
            );
        }
        let open = rows(&p.0);
        assert_eq!(open.len(), 2);
        let labels: Vec<&str> = open[1].choices.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["None", "read-only", "modify"]);
    }

    #[test]
    fn one_pressed_button_alone_is_not_a_row() {
        let mut p = Page::new();
        p.el(0, "button", "Show", &[("aria-pressed", "false")]);
        assert!(rows(&p.0).is_empty());
    }

    #[test]
    fn the_form_is_found_by_its_captions_and_its_own_controls_are_not_scope_rows() {
        let mut p = Page::new();
        p.el(0, "label", "Token type", &[("id", "tl")]);
        p.el(
            0,
            "input",
            "",
            &[("role", "combobox"), ("aria-labelledby", "tl")],
        );
        p.el(0, "label", "Name", &[("for", "name")]);
        let name = p.el(0, "input", "", &[("id", "name"), ("type", "text")]);
        p.el(0, "label", "API path", &[("for", "path")]);
        let path = p.el(0, "input", "", &[("id", "path")]);
        p.el(0, "h2", "OAuth scopes", &[]);
        toggle(&mut p, 0, "t1", "Orders", 0, "for");
        let rows = rows(&p.0);
        let form = form(&p.0, &rows, "").unwrap();
        assert_eq!(form.name_input, name);
        assert_eq!(form.api_path_input, Some(path));
        assert_eq!(form.b2b_api_path_input, None);
        assert_eq!(
            form.token_type.map(|i| rows[i].caption.as_str()),
            Some("Token type")
        );
        let scopes: Vec<&str> = form
            .scope_rows
            .iter()
            .map(|i| rows[*i].caption.as_str())
            .collect();
        assert_eq!(scopes, ["Orders"]);
    }

    #[test]
    fn no_form_without_a_name_field() {
        let mut p = Page::new();
        p.el(0, "h2", "OAuth scopes", &[]);
        toggle(&mut p, 0, "t1", "Orders", 0, "for");
        assert_eq!(form(&p.0, &rows(&p.0), ""), None);
    }

    #[test]
    fn malformed_outlines_do_not_panic() {
        let outline = Outline {
            nodes: vec![
                Node {
                    tag: "div".into(),
                    parent: Some(5),
                    ..Node::default()
                },
                Node {
                    tag: "button".into(),
                    parent: Some(1),
                    attrs: [("aria-pressed".to_string(), "true".to_string())].into(),
                    ..Node::default()
                },
            ],
        };
        let _ = rows(&outline);
        let _ = form(&outline, &[], "");
    }

    #[test]
    fn redaction_masks_token_shaped_words_only() {
        let mut p = Page::new();
        p.el(
            0,
            "code",
            "k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i",
            &[("title", "z9x8c7v6b5n4m3l2k1j0")],
        );
        p.el(
            0,
            "label",
            "Storefront API customer impersonation tokens",
            &[],
        );
        let r = redact(&p.0);
        assert_eq!(r.nodes[1].text, "[redacted]");
        assert_eq!(r.nodes[1].attr("title"), Some("[redacted]"));
        assert_eq!(
            r.nodes[2].text,
            "Storefront API customer impersonation tokens"
        );
    }

    #[test]
    fn redaction_masks_token_shaped_runs_inside_words_and_around_punctuation() {
        let mut p = Page::new();
        let token = "k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i";
        p.el(
            0,
            "p",
            &format!("ID:{token}, ({token}) x\t{token}\nend"),
            &[],
        );
        p.el(
            0,
            "span",
            "",
            &[("aria-label", &format!("Client ID={token};"))],
        );
        let r = redact(&p.0);
        assert_eq!(
            r.nodes[1].text,
            "ID:[redacted], ([redacted]) x\t[redacted]\nend"
        );
        assert_eq!(r.nodes[2].attr("aria-label"), Some("Client ID=[redacted];"));
        for node in &r.nodes {
            assert!(!format!("{node:?}").contains(token));
        }
    }

    #[test]
    fn redaction_leaves_out_text_areas_editable_regions_and_dialogs() {
        let mut p = Page::new();
        let form = p.el(0, "form", "", &[]);
        let area = p.el(
            form,
            "textarea",
            "my notes: secret words",
            &[("name", "notes")],
        );
        let editable = p.el(form, "div", "typed here", &[("contenteditable", "true")]);
        let inner = p.el(editable, "b", "bold typed", &[]);
        let not_editable = p.el(form, "div", "Caption", &[("contenteditable", "false")]);
        let dialog = p.el(0, "div", "", &[("role", "dialog"), ("aria-label", "Creds")]);
        let heading = p.el(dialog, "h2", "API credentials", &[]);
        let field = p.el(heading, "span", "Client ID", &[]);
        let after = p.el(0, "footer", "Help", &[]);
        let _ = (area, inner, field);
        let r = redact(&p.0);
        let texts: Vec<&str> = r.nodes.iter().map(|n| n.text.as_str()).collect();
        for gone in [
            "my notes",
            "typed here",
            "bold typed",
            "API credentials",
            "Client ID",
        ] {
            assert!(
                !texts.iter().any(|t| t.contains(gone)),
                "{gone} in {texts:?}"
            );
        }
        // The structure stays: the bare nodes, and what follows them under the right parent.
        let tags: Vec<&str> = r.nodes.iter().map(|n| n.tag.as_str()).collect();
        assert_eq!(
            tags,
            ["body", "form", "textarea", "div", "div", "div", "footer"]
        );
        assert_eq!(r.nodes[4].text, "Caption");
        assert_eq!(r.nodes[5].role(), "dialog");
        assert_eq!(r.nodes[5].attr("aria-label"), None);
        assert_eq!(r.nodes[6].parent, Some(0));
        assert_eq!(r.nodes[6].text, "Help");
        let _ = (not_editable, dialog, after);
    }

    /// The create form in a language no pack knows: words are made up, structure is not.
    fn unknown_language_form(p: &mut Page) -> (usize, usize, usize) {
        let main = p.el(0, "main", "", &[]);
        p.el(main, "h1", "[Çŕéåţé åççöüñţ]", &[]);
        p.el(main, "label", "[Ţöķéñ ţýþé]", &[("id", "tl")]);
        let token = p.el(
            main,
            "input",
            "",
            &[("role", "combobox"), ("aria-labelledby", "tl")],
        );
        p.state(token, State::Readonly);
        p.0.nodes[token].shown = Some("[V2/V3 ÅPÎ ţöķéñ]".into());
        p.el(main, "label", "[Ñåmé]", &[("for", "n")]);
        let name = p.el(main, "input", "", &[("id", "n"), ("type", "text")]);
        p.el(main, "label", "[ÅPÎ þåţĥ]", &[("for", "ap")]);
        let path = p.el(main, "input", "", &[("id", "ap"), ("type", "text")]);
        p.state(path, State::Readonly);
        p.0.nodes[path].shape = Some(Shape::ApiPath);
        p.el(main, "h2", "[ÖÅüţĥ šçöþéš]", &[]);
        toggle(p, main, "t1", "[Çöñţéñţ]", 0, "for");
        toggle(p, main, "t2", "[Çĥéçķöüţ çöñţéñţ]", 0, "for");
        // A toast after the rows, then the footer with a Cancel link and Save.
        let toast = p.el(0, "div", "", &[("role", "alert")]);
        p.el(toast, "button", "", &[("aria-label", "[Çļöšé]")]);
        let footer = p.el(0, "footer", "", &[]);
        let inner = p.el(footer, "div", "", &[]);
        p.el(inner, "a", "[Çåñçéļ]", &[]);
        let save = p.el(inner, "button", "[Šåvé]", &[("type", "button")]);
        (name, path, save)
    }

    #[test]
    fn the_form_is_found_by_structure_in_a_language_nobody_knows() {
        let mut p = Page::new();
        let (name, path, save) = unknown_language_form(&mut p);
        let rows = rows(&p.0);
        let form = form(&p.0, &rows, "").expect("recognised without words");
        assert_eq!(form.name_input, name);
        assert_eq!(form.api_path_input, Some(path));
        assert_eq!(form.token_type, Some(0));
        assert_eq!(form.scope_rows, [1, 2]);
        assert_eq!(
            form.save,
            Some(save),
            "the footer's last button, not the toast's"
        );
        // Nothing of the page's own words is known, and six English level words are not a
        // language: <html lang> and the browser's language decide the panel's.
        assert!(page_language(&p.0, None).is_none());
    }

    #[test]
    fn the_address_alone_finds_a_form_without_an_api_path() {
        let mut p = Page::new();
        p.el(0, "label", "[Ñåmé]", &[("for", "n")]);
        let name = p.el(0, "input", "", &[("id", "n")]);
        toggle(&mut p, 0, "t1", "[Çöñţéñţ]", 0, "for");
        let rows = rows(&p.0);
        assert_eq!(form(&p.0, &rows, "/manage/settings/api-accounts"), None);
        let found = form(&p.0, &rows, "/manage/settings/auth/api-accounts/create/").unwrap();
        assert_eq!(found.name_input, name);
        assert_eq!(found.scope_rows, [0]);
    }

    #[test]
    fn save_is_the_submit_button_of_the_form_around_the_name() {
        let mut p = Page::new();
        let f = p.el(0, "form", "", &[]);
        p.el(f, "label", "Name", &[("for", "n")]);
        p.el(f, "input", "", &[("id", "n")]);
        toggle(&mut p, f, "t1", "Orders", 0, "for");
        let submit = p.el(f, "button", "[Šåvé]", &[("type", "submit")]);
        p.el(f, "button", "[Çåñçéļ]", &[("type", "button")]);
        let rows = rows(&p.0);
        let found = form(&p.0, &rows, "/manage/settings/api-accounts/create").unwrap();
        assert_eq!(found.save, Some(submit));
    }

    #[test]
    fn a_stencil_form_has_no_scope_rows_in_any_language() {
        let mut p = Page::new();
        p.el(0, "label", "[Ţöķéñ ţýþé]", &[("id", "tl")]);
        let token = p.el(
            0,
            "input",
            "",
            &[("role", "combobox"), ("aria-labelledby", "tl")],
        );
        p.0.nodes[token].shown = Some("[Šţéñçîļ-ÇĻÎ ţöķéñ]".into());
        p.el(0, "label", "[Ñåmé]", &[("for", "n")]);
        p.el(0, "input", "", &[("id", "n")]);
        let path = p.el(0, "input", "", &[]);
        p.0.nodes[path].shape = Some(Shape::ApiPath);
        toggle(&mut p, 0, "t1", "[Åççéšš]", 0, "for");
        let rows = rows(&p.0);
        let found = form(&p.0, &rows, "").unwrap();
        assert_eq!(found.token_type, Some(0));
        assert!(found.scope_rows.is_empty());
    }

    #[test]
    fn save_is_never_a_chrome_button_between_the_form_and_its_footer_nor_one_before_it() {
        let mut p = Page::new();
        let f = p.el(0, "form", "", &[]);
        // A button with no type before the name field (a submit, by HTML's rules).
        p.el(f, "button", "[Ĥéļþ]", &[]);
        p.el(f, "label", "Name", &[("for", "n")]);
        p.el(f, "input", "", &[("id", "n")]);
        toggle(&mut p, f, "t1", "Orders", 0, "for");
        // A help button of the page's chrome after the form, before the footer.
        let aside = p.el(0, "aside", "", &[]);
        p.el(aside, "button", "[Ĥéļþ]", &[("type", "button")]);
        let footer = p.el(0, "div", "", &[]);
        p.el(footer, "a", "[Çåñçéļ]", &[]);
        let save = p.el(footer, "button", "[Šåvé]", &[("type", "button")]);
        let rows = rows(&p.0);
        let found = form(&p.0, &rows, "/manage/settings/api-accounts/create").unwrap();
        assert_eq!(found.save, Some(save));
    }
}
