//! Choosing an option on a recognised row, whatever draws it: a click on a button or a
//! radio, a native `<select>`'s index, or a combobox opened, picked from and closed, each
//! with the events a person's action would fire, so a React page updates its own state.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::events::{click, fire, key};
use super::snapshot::Snapshot;
use super::timing::tick;
use crate::outline::{ChoiceRow, RowKind};
use crate::text::normalize;

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(el: &Element) -> String {
    collapse(&el.text_content().unwrap_or_default())
}

/// Chooses `option` on a row drawn with buttons, radios or a native select: synchronous,
/// so many rows can be set in one pass. Returns false for a combobox (see [`choose_in_combobox`]).
pub fn choose_now(snap: &Snapshot, row: &ChoiceRow, option: &str) -> Result<bool, String> {
    let wanted = normalize(option);
    let position = row
        .choices
        .iter()
        .position(|c| normalize(&c.label) == wanted);
    match row.kind {
        RowKind::Buttons | RowKind::Radios => {
            let index = position.ok_or_else(|| format!("no option '{option}'"))?;
            let choice = &row.choices[index];
            if !choice.chosen {
                let el = snap
                    .element(choice.node)
                    .ok_or("the option is no longer on the page")?;
                click(el);
            }
            Ok(true)
        }
        RowKind::NativeSelect => {
            let index = position.ok_or_else(|| format!("no option '{option}'"))?;
            let select = snap
                .element(row.node)
                .and_then(|e| e.dyn_ref::<HtmlSelectElement>())
                .ok_or("the list is no longer on the page")?;
            if select.selected_index() != index as i32 {
                select.set_selected_index(index as i32);
                fire(select, "input");
                fire(select, "change");
            }
            Ok(true)
        }
        RowKind::Combobox => Ok(false),
    }
}

/// The listbox a combobox controls: aria-controls / aria-owns, else one beside it.
fn listbox_of(el: &Element) -> Option<Element> {
    let doc = el.owner_document()?;
    for attr in ["aria-controls", "aria-owns"] {
        if let Some(ids) = el.get_attribute(attr) {
            if let Some(list) = ids
                .split_whitespace()
                .find_map(|id| doc.get_element_by_id(id))
            {
                return Some(list);
            }
        }
    }
    let mut scope = el.parent_element();
    for _ in 0..3 {
        let s = scope?;
        if let Ok(Some(list)) = s.query_selector("[role=listbox]") {
            return Some(list);
        }
        scope = s.parent_element();
    }
    None
}

fn listed_options(el: &Element) -> Vec<Element> {
    let Some(list) = listbox_of(el) else {
        return Vec::new();
    };
    let Ok(found) = list.query_selector_all("[role=option]") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn toggle_button(el: &Element) -> Option<Element> {
    let parent = el.parent_element()?;
    let buttons = parent.query_selector_all("button").ok()?;
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|b| !b.is_same_node(Some(el)))
}

/// What a combobox shows as chosen.
fn shown(el: &Element) -> String {
    match el.dyn_ref::<HtmlInputElement>() {
        Some(input) => collapse(&input.value()),
        None => text_of(el),
    }
}

/// Opens the combobox and returns its options, trying a click, the toggle button, then the
/// keyboard, giving the page a turn to render after each.
async fn open(el: &Element) -> Vec<Element> {
    let options = listed_options(el);
    if !options.is_empty() {
        return options;
    }
    let attempts: [&dyn Fn(); 3] = [
        &|| click(el),
        &|| {
            if let Some(button) = toggle_button(el) {
                click(&button)
            }
        },
        &|| key(el, "ArrowDown"),
    ];
    for attempt in attempts {
        attempt();
        for _ in 0..3 {
            let options = listed_options(el);
            if !options.is_empty() {
                return options;
            }
            tick().await;
        }
    }
    Vec::new()
}

async fn close(el: &Element) {
    if el.get_attribute("aria-expanded").as_deref() == Some("true") {
        key(el, "Escape");
        tick().await;
    }
}

/// A closed combobox's options, read by opening it.
pub async fn combobox_options(el: &Element) -> Vec<String> {
    let options = open(el).await;
    let texts = options.iter().map(text_of).collect();
    close(el).await;
    texts
}

/// Chooses `option` in a combobox: a click on the option, else the keyboard.
pub async fn choose_in_combobox(el: &Element, option: &str) -> Result<(), String> {
    let wanted = normalize(option);
    if normalize(&shown(el)) == wanted {
        return Ok(());
    }
    let options = open(el).await;
    if options.is_empty() {
        return Err("its list of options did not open".into());
    }
    let Some(index) = options
        .iter()
        .position(|o| normalize(&text_of(o)) == wanted)
    else {
        close(el).await;
        return Err(format!("no option '{option}'"));
    };
    click(&options[index]);
    tick().await;
    if normalize(&shown(el)) != wanted {
        // Keyboard: open, move the highlight to the option, press Enter.
        let options = open(el).await;
        if let Some(index) = options
            .iter()
            .position(|o| normalize(&text_of(o)) == wanted)
        {
            for _ in 0..=index {
                key(el, "ArrowDown");
                tick().await;
                let active = el.get_attribute("aria-activedescendant");
                if active.is_some() && active == options[index].get_attribute("id") {
                    break;
                }
            }
            key(el, "Enter");
            tick().await;
        }
    }
    close(el).await;
    match shown(el) {
        now if normalize(&now) == wanted => Ok(()),
        now => Err(format!("chose '{option}' but the page shows '{now}'")),
    }
}
