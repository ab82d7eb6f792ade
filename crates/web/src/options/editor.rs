//! The preset editor (new, duplicate, edit): opening it on a form from the core, the text
//! fields, the scope rows, Save (the core checks and writes the file) and the core's error
//! shown next to the control it names. The values' layouts are `layouts.rs`.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::notice::{self, Kind};
use super::{host, layouts, on_event, presets, storage, with_options, Options, OptionsHost};
use crate::kit::dom::{self, el, set_attr};
use scopefill_core::catalog::{Presence, CATALOG};
use scopefill_core::level::Level;
use scopefill_core::preset::{OtherScopes, Preset, PresetError, PresetFile};
use scopefill_core::preset_editor;
use scopefill_core::preset_form::{Form, TextField};

/// The open editor.
pub struct Session {
    pub form: Form,
    /// The stored entry (file name) being edited; None for a new preset.
    replacing: Option<String>,
    /// Where the focus goes back to when the editor closes.
    return_focus: Option<HtmlElement>,
}

/// The text fields and their inputs.
const TEXT_FIELDS: [(TextField, &str); 5] = [
    (TextField::Name, "preset-name"),
    (TextField::Id, "preset-id"),
    (TextField::AccountName, "preset-account-name"),
    (TextField::Guide, "preset-guide"),
    (TextField::Note, "preset-note"),
];

/// A level word as the page shows it ("Read-only").
pub fn level_text(o: &Options, level: Level) -> String {
    o.t(&format!(
        "options_level_{}",
        level.as_str().replace([' ', '-'], "_")
    ))
}

/// The scope rows, drawn once from the catalogue (their lists are filled on open).
pub fn draw_scope_rows(host: &OptionsHost, doc: &Document) {
    let Some(list) = doc.get_element_by_id("scope-rows") else {
        return;
    };
    let rows: Vec<Element> = CATALOG
        .iter()
        .enumerate()
        .filter_map(|(index, scope)| {
            let id = format!("scope-{}", scope.id);
            let row = el(doc, "li", "scope-row", None)?;
            let text = el(doc, "div", "scope-text", None)?;
            let label = el(doc, "label", "scope-label", Some(scope.label))?;
            set_attr(&label, "for", &id);
            dom::append(&text, &label)?;
            let mut described = Vec::new();
            if scope.presence != Presence::Always {
                let key = if scope.presence == Presence::SomeStores {
                    "options_conditional"
                } else {
                    "options_not_on_store_page"
                };
                let badge = el(doc, "span", "badge badge-quiet", Some(&host.t(key, &[])))?;
                badge.set_id(&format!("{id}-conditional"));
                let _ = text.append_with_str_1(" ");
                dom::append(&text, &badge)?;
                described.push(badge.id());
            }
            let help = el(doc, "p", "hint", Some(scope.help))?;
            help.set_id(&format!("{id}-help"));
            described.push(help.id());
            dom::append(&text, &help)?;
            let select = el(doc, "select", "", None)?;
            select.set_id(&id);
            set_attr(&select, "data-scope", scope.id);
            set_attr(&select, "data-index", &index.to_string());
            let label_json = serde_json::to_string(scope.label).ok()?;
            set_attr(&select, "data-path", &format!("scopes.{label_json}"));
            set_attr(&select, "aria-describedby", &described.join(" "));
            dom::append(&row, &text)?;
            dom::append(&row, &select)?;
            Some(row)
        })
        .collect();
    dom::replace_children(&list, &rows);
}

/// Fills every scope row's list from the form.
fn draw_scopes(o: &Options) {
    let Some(session) = &o.editor else { return };
    let Some(list) = o.by_id::<Element>("scope-rows") else {
        return;
    };
    for select in dom::query_all(&list, "select[data-index]") {
        let Some(index) = select
            .get_attribute("data-index")
            .and_then(|i| i.parse::<usize>().ok())
        else {
            continue;
        };
        let options: Vec<Element> = session
            .form
            .choices(index)
            .into_iter()
            .filter_map(|choice| {
                let text = match choice.level {
                    None => o.t("options_levelLeave"),
                    Some(level) if choice.offered => level_text(o, level),
                    Some(level) => o.tf("options_levelNotOffered", &[&level_text(o, level)]),
                };
                let option = el(&o.doc, "option", "", Some(&text))?;
                set_attr(&option, "value", choice.level.map_or("", Level::as_str));
                Some(option)
            })
            .collect();
        dom::replace_children(&select, &options);
        let level = session.form.levels.get(index).copied().flatten();
        if let Some(select) = select.dyn_ref::<HtmlSelectElement>() {
            select.set_value(level.map_or("", Level::as_str));
        }
        mark_set(&select, level);
    }
}

/// Rows set above None stand out.
fn mark_set(select: &Element, level: Option<Level>) {
    let set = level.is_some_and(|l| l != Level::None);
    let _ = select.class_list().toggle_with_force("is-set", set);
}

/// Opens the editor on `file`: `title` is its heading, `replacing` the stored entry it
/// edits, `fresh` lets the id follow the name.
fn open(o: &mut Options, file: PresetFile, title: &str, replacing: Option<String>, fresh: bool) {
    let return_focus = o
        .doc
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let form = Form::from_file(file, fresh);
    clear_error(o);
    dom::set_text(&o.doc, "editor-heading", title);
    for (field, id) in TEXT_FIELDS {
        let text = form.text(field);
        if let Some(input) = o.by_id::<HtmlInputElement>(id) {
            input.set_value(text);
        } else if let Some(area) = o.by_id::<web_sys::HtmlTextAreaElement>(id) {
            area.set_value(text);
        }
    }
    if let Some(section) = o.by_id::<Element>("editor") {
        for radio in dom::query_all(&section, "input[name=other-scopes]") {
            if let Some(radio) = radio.dyn_ref::<HtmlInputElement>() {
                radio.set_checked(other_scopes(&radio.value()) == Some(form.other_scopes));
            }
        }
    }
    o.editor = Some(Session {
        form,
        replacing,
        return_focus,
    });
    draw_scopes(o);
    layouts::draw(o, None);
    dom::set_hidden(&o.doc, "editor", false);
    if let Some(section) = o.by_id::<Element>("editor") {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        section.scroll_into_view_with_scroll_into_view_options(&options);
    }
    if let Some(name) = o.by_id::<HtmlElement>("preset-name") {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = name.focus_with_options(&options);
    }
}

fn other_scopes(value: &str) -> Option<OtherScopes> {
    match value {
        "none" => Some(OtherScopes::None),
        "leave" => Some(OtherScopes::Leave),
        _ => None,
    }
}

/// Says so in the list's status line, and true, when the user's presets are at the cap: no
/// form is opened for a preset that could not be saved.
fn refused_as_full(o: &mut Options) -> bool {
    let Some(text) = o.full_text(&o.custom, None) else {
        return false;
    };
    notice::set_status(o, "custom-status", &text, Kind::Error);
    true
}

/// "New preset": the template, every scope at None.
pub fn open_new(o: &mut Options) {
    if refused_as_full(o) {
        return;
    }
    match preset_editor::new_form() {
        Ok(file) => {
            let title = o.t("options_editorNew");
            open(o, file, &title, None, true);
        }
        Err(e) => notice::set_status(o, "custom-status", &e.to_string(), Kind::Error),
    }
}

/// "Duplicate": a copy of `original` with a free id.
pub fn open_copy(o: &mut Options, original: &Preset) {
    if refused_as_full(o) {
        return;
    }
    let (presets, _) = scopefill_core::preset::with_custom(&o.custom);
    let taken: Vec<&str> = presets.iter().map(|p| p.id.as_str()).collect();
    let file = preset_editor::copy_of(original, &taken);
    let title = o.tf("options_editorCopy", &[&original.name]);
    open(o, file, &title, None, true);
}

/// "Edit": the stored entry `file` (`json`), replaced in place on Save.
pub fn open_edit(o: &mut Options, preset: &Preset, file: &str, json: &str) {
    match preset_editor::form_file(file, json) {
        Ok(form) => {
            let title = o.tf("options_editorEdit", &[&preset.name]);
            open(o, form, &title, Some(file.to_string()), false);
        }
        Err(e) => notice::set_status(o, "custom-status", &e.to_string(), Kind::Error),
    }
}

/// Closes the editor; the focus goes back where it was when it opened (when `refocus`).
fn close(o: &mut Options, refocus: bool) {
    dom::set_hidden(&o.doc, "editor", true);
    clear_error(o);
    let session = o.editor.take();
    if !refocus {
        return;
    }
    match session
        .and_then(|s| s.return_focus)
        .filter(|e| e.is_connected())
    {
        Some(back) => {
            let _ = back.focus();
        }
        None => dom::focus_id(&o.doc, "new-preset"),
    }
}

fn clear_error(o: &Options) {
    dom::set_hidden(&o.doc, "editor-error", true);
    dom::set_text(&o.doc, "editor-error", "");
    let Some(form) = o.by_id::<Element>("editor-form") else {
        return;
    };
    for marked in dom::query_all(&form, "[aria-invalid]") {
        let _ = marked.remove_attribute("aria-invalid");
        let _ = marked.remove_attribute("aria-errormessage");
    }
}

/// Shows the core's error as it words it, marks the control its field names (or the closest
/// one: `scopes[3]`, a path inside a field) and focuses it.
fn show_error(o: &Options, error: &PresetError) {
    clear_error(o);
    dom::set_text(&o.doc, "editor-error", &error.to_string());
    dom::set_hidden(&o.doc, "editor-error", false);
    let Some(form) = o.by_id::<Element>("editor-form") else {
        return;
    };
    let controls: Vec<(String, Element)> = dom::query_all(&form, "[data-path]")
        .into_iter()
        .filter_map(|c| Some((c.get_attribute("data-path")?, c)))
        .collect();
    let field = error.field.as_str();
    let target = controls
        .iter()
        .find(|(path, _)| path == field)
        .or_else(|| {
            controls
                .iter()
                .filter(|(path, _)| field.starts_with(path.as_str()))
                .max_by_key(|(path, _)| path.len())
        })
        .map(|(_, c)| c);
    match target {
        Some(control) => {
            set_attr(control, "aria-invalid", "true");
            set_attr(control, "aria-errormessage", "editor-error");
            dom::focus(control);
        }
        None => {
            if let Some(error_box) = o.by_id::<HtmlElement>("editor-error") {
                error_box.set_tab_index(-1);
                let _ = error_box.focus();
            }
        }
    }
}

/// Save: the core builds the file the form describes and checks it as an import; it is
/// stored in place of the entry edited, or added.
fn submit(o: &mut Options) {
    clear_error(o);
    let Some(session) = &o.editor else { return };
    let file_name = session.form.file_name();
    let replacing = session.replacing.clone();
    let built = serde_json::to_string_pretty(&session.form.to_file())
        .map_err(|e| PresetError {
            file: file_name.clone(),
            field: String::new(),
            message: e.to_string(),
        })
        .and_then(|json| preset_editor::build(&file_name, &json));
    match built {
        Ok((json, _)) => wasm_bindgen_futures::spawn_local(save(file_name, json, replacing)),
        Err(e) => show_error(o, &e),
    }
}

async fn save(file_name: String, json: String, replacing: Option<String>) {
    let Some(host) = host() else { return };
    let custom = storage::read_custom(&host).await;
    // Another tab may have added presets since the form opened.
    if let Some(full) = with_options(|o| o.full_text(&custom, replacing.as_deref())).flatten() {
        with_options(|o| {
            clear_error(o);
            dom::set_text(&o.doc, "editor-error", &full);
            dom::set_hidden(&o.doc, "editor-error", false);
        });
        return;
    }
    let (list, preset) =
        match preset_editor::upsert(&custom, replacing.as_deref(), &file_name, &json) {
            Ok(stored) => stored,
            Err(e) => {
                with_options(|o| show_error(o, &e));
                return;
            }
        };
    presets::store(list).await;
    with_options(|o| close(o, false));
    presets::refresh().await;
    with_options(|o| {
        let text = o.tf("options_presetSaved", &[&preset.name]);
        notice::set_status(o, "custom-status", &text, Kind::Ok);
        let selector = format!(
            "#custom-list li[data-preset=\"{}\"]",
            preset.id.replace(['"', '\\'], "")
        );
        let Some(card) = o.doc.query_selector(&selector).ok().flatten() else {
            dom::focus_id(&o.doc, "new-preset");
            return;
        };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        card.scroll_into_view_with_scroll_into_view_options(&options);
        if let Some(edit) = dom::query(&card, "[data-action=edit]") {
            dom::focus(&edit);
        }
    });
}

pub fn wire(doc: &Document) -> Vec<EventListener> {
    let mut out = Vec::new();
    for (field, id) in TEXT_FIELDS {
        out.extend(dom::listen(doc, id, "input", move |e| {
            let text = dom::target_of::<HtmlInputElement>(e)
                .map(|i| i.value())
                .or_else(|| dom::target_of::<web_sys::HtmlTextAreaElement>(e).map(|a| a.value()))
                .unwrap_or_default();
            on_event(move |o| {
                let Some(session) = &mut o.editor else { return };
                if session.form.typed(field, &text) {
                    let id = session.form.id.clone();
                    if let Some(input) = o.by_id::<HtmlInputElement>("preset-id") {
                        input.set_value(&id);
                    }
                }
            });
        }));
    }
    out.extend(dom::listen(doc, "scope-rows", "change", |e| {
        let Some(select) = dom::target_of::<HtmlSelectElement>(e) else {
            return;
        };
        let Some(index) = select
            .get_attribute("data-index")
            .and_then(|i| i.parse::<usize>().ok())
        else {
            return;
        };
        let level = Level::parse(&select.value()).ok();
        on_event(move |o| {
            let Some(session) = &mut o.editor else { return };
            session.form.set_level(index, level);
            mark_set(&select, session.form.levels.get(index).copied().flatten());
        });
    }));
    if let Some(section) = doc.get_element_by_id("editor") {
        for radio in dom::query_all(&section, "input[name=other-scopes]") {
            out.push(EventListener::new(&radio, "change", |e| {
                let Some(radio) = dom::target_of::<HtmlInputElement>(e) else {
                    return;
                };
                let Some(other) = other_scopes(&radio.value()).filter(|_| radio.checked()) else {
                    return;
                };
                on_event(move |o| {
                    let Some(session) = &mut o.editor else { return };
                    session.form.set_other_scopes(other);
                    draw_scopes(o);
                });
            }));
        }
    }
    if let Some(form) = doc.get_element_by_id("editor-form") {
        out.push(dom::listen_preventable(&form, "submit", |e| {
            e.prevent_default();
            on_event(submit);
        }));
    }
    out.extend(dom::listen(doc, "editor-cancel", "click", |_| {
        on_event(|o| close(o, true));
    }));
    out
}
