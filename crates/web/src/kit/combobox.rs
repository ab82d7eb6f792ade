//! The Integration picker on the page: an ARIA combobox (a text field with
//! `role="combobox"`, `aria-autocomplete="list"`) over a `role="listbox"` of options, as in
//! the WAI-ARIA APG list-autocomplete pattern. Used by the in-page panel and the toolbar
//! popup. This file only draws `picker::Picker` and forwards events to it; what typing,
//! clicks and keys do is decided there.
//!
//! The user's own presets are marked "custom" in the list (a tag inside the option, so also in
//! its accessible name) and, when chosen, by a badge beside the field that describes it. The
//! badge is the markup's element `{input id}-custom`, localised with the rest of the page; its
//! text is the tag's word too.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent};

use scopefill_core::picker::{Entry, Key, Outcome, Picker};

/// The elements the page's markup provides.
pub struct Parts {
    /// The text field (`role="combobox"`), named by its label.
    pub input: HtmlInputElement,
    /// The `role="listbox"`; it needs an id (options are named `{id}-option-{n}`).
    pub list: Element,
    /// A button that opens and closes the list (for the mouse; not in the tab order).
    pub toggle: Option<Element>,
    /// Says when nothing matches what was typed (`role="status"`).
    pub status: Option<Element>,
    pub labels: Labels,
}

/// The words the picker writes (the popup's are localised; the panel's are English).
pub struct Labels {
    /// The tag on the last used integration.
    pub last_used: String,
    /// Shown when nothing matches; `$1` is replaced by what was typed.
    pub no_match: String,
}

impl Default for Labels {
    fn default() -> Labels {
        Labels {
            last_used: "last used".into(),
            no_match: "No integration matches “$1”.".into(),
        }
    }
}

pub struct Combobox {
    state: Rc<RefCell<Picker>>,
    parts: Rc<Parts>,
    _listeners: Vec<EventListener>,
}

impl Combobox {
    /// Draws the picker into `parts` and wires its events; `on_choose` is called with the
    /// id of an integration the user chose (never while the picker's state is borrowed).
    pub fn new(
        parts: Parts,
        entries: Vec<Entry>,
        last_used: Option<&str>,
        on_choose: impl Fn(&str) + 'static,
    ) -> Combobox {
        let state = Rc::new(RefCell::new(Picker::new(entries, last_used)));
        let parts = Rc::new(parts);
        if let Ok(picker) = state.try_borrow() {
            render(&picker, &parts, true);
        }
        let on_choose: Rc<dyn Fn(&str)> = Rc::new(on_choose);
        let mut listeners = Vec::new();

        // Runs `f` on the state, redraws, and tells `on_choose` about a choice once the
        // state is released (its handler reads the chosen preset back).
        let act = {
            let state = state.clone();
            let parts = parts.clone();
            move |f: &dyn Fn(&mut Picker) -> Outcome| -> Outcome {
                let outcome = match state.try_borrow_mut() {
                    Ok(mut picker) => {
                        let outcome = f(&mut picker);
                        let typing = picker.query().is_some();
                        render(&picker, &parts, !typing);
                        outcome
                    }
                    Err(_) => Outcome::Ignored,
                };
                if let Outcome::Chosen(id) = &outcome {
                    on_choose(id);
                }
                outcome
            }
        };
        // After a choice (or Escape) by key or click, the name is selected, so typing
        // starts a new search instead of adding to the name.
        let act_then_select = {
            let act = act.clone();
            let field = parts.input.clone();
            let state = state.clone();
            move |f: &dyn Fn(&mut Picker) -> Outcome| -> Outcome {
                let outcome = act(f);
                let closed = state.try_borrow().is_ok_and(|p| !p.is_open());
                if outcome != Outcome::Ignored && closed {
                    field.select();
                }
                outcome
            }
        };

        let input = &parts.input;
        let act_input = act.clone();
        let field = parts.input.clone();
        listeners.push(EventListener::new(input, "input", move |_| {
            let text = field.value();
            act_input(&|p: &mut Picker| {
                p.typed(&text);
                Outcome::Handled
            });
        }));
        let act_key = act_then_select.clone();
        listeners.push(EventListener::new_with_options(
            input,
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                let Some(event) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let Some(key) = Key::from_event(&event.key(), event.alt_key()) else {
                    return;
                };
                if act_key(&|p: &mut Picker| p.key(key)) != Outcome::Ignored {
                    e.prevent_default();
                }
            },
        ));
        let act_click = act.clone();
        listeners.push(EventListener::new(input, "click", move |_| {
            act_click(&|p: &mut Picker| {
                p.toggle();
                Outcome::Handled
            });
        }));
        // Typing replaces the chosen name rather than adding to it.
        let field = parts.input.clone();
        listeners.push(EventListener::new(input, "focus", move |_| field.select()));
        let act_blur = act.clone();
        listeners.push(EventListener::new(input, "blur", move |_| {
            act_blur(&|p: &mut Picker| {
                p.blur();
                Outcome::Handled
            });
        }));

        // Pressing on the list or the toggle button must not take the focus from the field
        // (the blur would close the list before the click lands).
        let keep_focus = |target: &Element| {
            EventListener::new_with_options(
                target,
                "mousedown",
                EventListenerOptions::enable_prevent_default(),
                |e| e.prevent_default(),
            )
        };
        listeners.push(keep_focus(&parts.list));
        let act_option = act_then_select.clone();
        listeners.push(EventListener::new(&parts.list, "click", move |e| {
            let position = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[role=option]").ok().flatten())
                .and_then(|o| o.get_attribute("data-position"))
                .and_then(|p| p.parse::<usize>().ok());
            if let Some(position) = position {
                act_option(&|p: &mut Picker| p.click(position));
            }
        }));
        if let Some(toggle) = &parts.toggle {
            listeners.push(keep_focus(toggle));
            let act_toggle = act.clone();
            let field = parts.input.clone();
            listeners.push(EventListener::new(toggle, "click", move |_| {
                let _ = field.focus();
                act_toggle(&|p: &mut Picker| {
                    p.toggle();
                    Outcome::Handled
                });
            }));
        }

        Combobox {
            state,
            parts,
            _listeners: listeners,
        }
    }

    /// The chosen integration's id.
    pub fn chosen_id(&self) -> Option<String> {
        self.state
            .try_borrow()
            .ok()
            .and_then(|p| p.chosen_id().map(str::to_string))
    }

    /// Chooses an integration from outside (no `on_choose` call); false if not listed.
    pub fn choose(&self, id: &str) -> bool {
        let Ok(mut picker) = self.state.try_borrow_mut() else {
            return false;
        };
        let found = picker.choose_id(id);
        render(&picker, &self.parts, true);
        found
    }
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// The markup's badge for a chosen custom preset: the element `{input id}-custom` in the
/// field's document or shadow root.
fn custom_badge(input: &HtmlInputElement) -> Option<HtmlElement> {
    let id = format!("{}-custom", input.id());
    let root = input.get_root_node();
    let found = match root.dyn_ref::<web_sys::Document>() {
        Some(doc) => doc.get_element_by_id(&id),
        None => root
            .dyn_ref::<web_sys::DocumentFragment>()
            .and_then(|fragment| fragment.get_element_by_id(&id)),
    };
    found.and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Shows the badge while the chosen integration is a custom one, and makes it (or nothing) the
/// field's description, keeping any other description the markup gives.
fn mark_custom_choice(input: &HtmlInputElement, badge: Option<&HtmlElement>, custom: bool) {
    let Some(badge) = badge else { return };
    badge.set_hidden(!custom);
    let id = badge.id();
    let mut ids: Vec<String> = input
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .filter(|other| *other != id)
        .map(str::to_string)
        .collect();
    if custom {
        ids.push(id);
    }
    if ids.is_empty() {
        let _ = input.remove_attribute("aria-describedby");
    } else {
        set(input, "aria-describedby", &ids.join(" "));
    }
}

/// Draws the state. `sync_text` puts the chosen name in the field; it is false while the
/// user types, so the caret is not moved under their fingers.
fn render(picker: &Picker, parts: &Parts, sync_text: bool) {
    let input = &parts.input;
    if sync_text {
        let text = picker.text();
        if input.value() != text {
            input.set_value(&text);
        }
    }
    let badge = custom_badge(input);
    let custom_word = badge
        .as_ref()
        .and_then(|b| b.text_content())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "custom".into());
    mark_custom_choice(
        input,
        badge.as_ref(),
        picker.chosen().is_some_and(|e| e.custom),
    );
    let shown = picker.shown();
    // Expanded only while options show: with nothing matching, the status says so instead.
    let open = picker.is_open() && !shown.is_empty();
    let expanded = if open { "true" } else { "false" };
    set(input, "aria-expanded", expanded);
    if let Some(toggle) = &parts.toggle {
        set(toggle, "aria-expanded", expanded);
    }
    let list = &parts.list;
    let Some(doc) = list.owner_document() else {
        return;
    };
    list.set_text_content(None);
    let active = picker.active_entry();
    let chosen = picker.chosen_id();
    let mut active_option: Option<Element> = None;
    for (position, &index) in shown.iter().enumerate() {
        let Some(entry) = picker.entries().get(index) else {
            continue;
        };
        let Ok(option) = doc.create_element("li") else {
            continue;
        };
        option.set_id(&format!("{}-option-{position}", list.id()));
        set(&option, "role", "option");
        set(&option, "data-position", &position.to_string());
        set(&option, "data-preset", &entry.id);
        let is_active = active == Some(index);
        // aria-selected marks the highlighted option, which Enter takes (APG pattern); the
        // chosen one is shown with a tick.
        set(
            &option,
            "aria-selected",
            if is_active { "true" } else { "false" },
        );
        let mut class = String::new();
        if chosen == Some(entry.id.as_str()) {
            class.push_str("chosen");
        }
        option.set_class_name(&class);
        if let Ok(name) = doc.create_element("span") {
            name.set_text_content(Some(&entry.name));
            set(&name, "class", "option-name");
            let _ = option.append_child(&name);
        }
        if entry.custom {
            if let Ok(tag) = doc.create_element("span") {
                set(&tag, "class", "option-tag option-custom");
                tag.set_text_content(Some(&custom_word));
                let _ = option.append_child(&tag);
            }
        }
        if picker.last_used() == Some(entry.id.as_str()) {
            if let Ok(tag) = doc.create_element("span") {
                set(&tag, "class", "option-tag");
                tag.set_text_content(Some(&parts.labels.last_used));
                let _ = option.append_child(&tag);
            }
        }
        let _ = list.append_child(&option);
        if is_active {
            active_option = Some(option);
        }
    }
    if let Some(list) = list.dyn_ref::<HtmlElement>() {
        list.set_hidden(!open);
    }
    match &active_option {
        Some(option) => {
            set(input, "aria-activedescendant", &option.id());
            scroll_into_list(list, option);
        }
        None => {
            let _ = input.remove_attribute("aria-activedescendant");
        }
    }
    if let Some(status) = &parts.status {
        let text = match picker.query() {
            Some(q) if shown.is_empty() => parts.labels.no_match.replace("$1", q.trim()),
            _ => String::new(),
        };
        status.set_text_content(if text.is_empty() { None } else { Some(&text) });
    }
}

/// Scrolls the list (not the page) so the highlighted option is visible.
fn scroll_into_list(list: &Element, option: &Element) {
    let Some(item) = option.dyn_ref::<HtmlElement>() else {
        return;
    };
    let top = item.offset_top();
    let bottom = top + item.offset_height();
    let view = list.client_height();
    let scrolled = list.scroll_top();
    if top < scrolled {
        list.set_scroll_top(top);
    } else if bottom > scrolled + view {
        list.set_scroll_top(bottom - view);
    }
}
