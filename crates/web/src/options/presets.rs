//! The two lists: the user's presets (with the stored entries that cannot be used) and the
//! shipped ones; their buttons: duplicate, edit, export, delete (asked first).

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, KeyboardEvent};

use super::notice::{self, Kind};
use super::{cards, editor, host, on_event, storage, with_options, Options};
use crate::kit::dom::{self, el, set_attr};
use scopefill_core::preset::{self, Preset};
use scopefill_core::preset_editor;

/// How long an exported file's address stays valid (the download has started by then).
const EXPORT_URL_MS: u32 = 60_000;

/// Redraws both lists from `storage.local`.
pub async fn refresh() {
    let Some(host) = host() else { return };
    let (custom, unreadable) = storage::read_custom_reporting(&host).await;
    with_options(|o| {
        o.custom = custom;
        o.unreadable = unreadable;
        draw(o);
    });
}

/// What this page wrote: remembered (its change event is not a change from elsewhere) and
/// stored.
pub async fn store(list: Vec<(String, String)>) -> bool {
    let Some(host) = host() else { return false };
    let written = storage::write_custom(&host, &list).await.is_ok();
    with_options(|o| o.last_written = Some(list));
    written
}

/// Another tab (or the popup) changed the presets: redraw, unless the editor is open,
/// keeping the focus on the same button when it is still there.
pub async fn changed_elsewhere(list: Vec<(String, String)>) {
    let Some(focused_label) = with_options(|o| {
        if o.editor.is_some() || o.last_written.as_ref() == Some(&list) {
            return None;
        }
        let label = o
            .doc
            .active_element()
            .filter(|e| e.closest("#custom-list, #presets").ok().flatten().is_some())
            .and_then(|e| e.get_attribute("aria-label"));
        Some(label)
    })
    .flatten() else {
        return;
    };
    refresh().await;
    let Some(label) = focused_label else { return };
    with_options(|o| {
        let Some(root) = o.doc.document_element() else {
            return;
        };
        let again = dom::query_all(&root, "#custom-list button, #presets button")
            .into_iter()
            .find(|b| b.get_attribute("aria-label").as_deref() == Some(label.as_str()));
        if let Some(b) = again {
            dom::focus(&b);
        }
    });
}

fn draw(o: &mut Options) {
    let (mine, mut errors) = preset_editor::listed(&o.custom);
    errors.splice(0..0, o.unreadable.iter().cloned());
    o.mine = mine;
    let full = o.full_text(&o.custom, None);
    dom::set_text(&o.doc, "custom-full", full.as_deref().unwrap_or_default());
    dom::set_hidden(&o.doc, "custom-full", full.is_none());
    if let Some(list) = o.by_id::<Element>("custom-list") {
        let mut items: Vec<Element> = o
            .mine
            .iter()
            .filter_map(|(p, _)| cards::card(o, p, true))
            .collect();
        if items.is_empty() {
            items.extend(el(&o.doc, "li", "empty", Some(&o.t("options_customEmpty"))));
        }
        dom::replace_children(&list, &items);
    }
    draw_broken(o, &errors);
    if let Some(list) = o.by_id::<Element>("presets") {
        let mut items: Vec<Element> = preset::shipped()
            .iter()
            .filter_map(|p| cards::card(o, p, false))
            .collect();
        if items.is_empty() {
            items.extend(el(&o.doc, "li", "empty", Some(&o.t("presetsEmpty"))));
        }
        dom::replace_children(&list, &items);
    }
}

/// The stored entries that cannot be used, each with why and a Delete button.
fn draw_broken(o: &Options, errors: &[preset::PresetError]) {
    let Some(broken) = o.by_id::<HtmlElement>("custom-broken") else {
        return;
    };
    broken.set_hidden(errors.is_empty());
    if errors.is_empty() {
        broken.set_text_content(None);
        return;
    }
    let doc = &o.doc;
    let (Some(heading), Some(list)) = (
        el(
            doc,
            "h3",
            "errors-title",
            Some(&o.t("options_brokenHeading")),
        ),
        el(doc, "ul", "broken-list", None),
    ) else {
        return;
    };
    for error in errors {
        let Some(item) = el(doc, "li", "", None) else {
            continue;
        };
        if let Some(text) = el(doc, "span", "broken-text", Some(&error.to_string())) {
            dom::append(&item, &text);
        }
        if o.custom.iter().any(|(file, _)| *file == error.file) {
            let label = o.tf("options_deleteBroken", &[&error.file]);
            if let Some(b) = dom::button(doc, "button-quiet", &o.t("options_delete"), Some(&label))
            {
                set_attr(&b, "data-action", "delete-broken");
                set_attr(&b, "data-file", &error.file);
                let _ = item.append_with_str_1(" ");
                dom::append(&item, &b);
            }
        }
        dom::append(&list, &item);
    }
    dom::replace_children(&broken, &[heading, list]);
}

/// The user's preset on the card `card` and its stored entry.
fn shown(o: &Options, card: &Element) -> Option<(Preset, (String, String))> {
    let id = card.get_attribute("data-preset")?;
    let (preset, index) = o.mine.iter().find(|(p, _)| p.id == id)?;
    Some((preset.clone(), o.custom.get(*index)?.clone()))
}

/// Saves the stored JSON as `<id>.json` through a download link.
fn export(o: &mut Options, preset: &Preset, json: &str) {
    let file = format!("{}.json", preset.id);
    let parts = js_sys::Array::of1(&json.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link =
        el(&o.doc, "a", "", None).and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let (Some(link), Some(body)) = (link, o.doc.body()) {
        link.set_href(&url);
        link.set_download(&file);
        link.set_hidden(true);
        let _ = body.append_child(&link);
        link.click();
        link.remove();
    }
    Timeout::new(EXPORT_URL_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    let text = o.tf("options_exported", &[&preset.name, &file]);
    notice::set_status(o, "custom-status", &text, Kind::Ok);
}

/// Replaces the card's buttons by the confirm step; the safe choice gets the focus.
fn ask_delete(o: &Options, card: &Element, preset: &Preset, file: &str) {
    let (Some(actions), Some(confirm)) = (
        dom::query(card, ":scope > .card-actions"),
        cards::confirm_delete(o, preset, file),
    ) else {
        return;
    };
    let _ = actions.replace_with_with_node_1(&confirm);
    if let Some(keep) = dom::query(&confirm, "[data-action=delete-no]") {
        dom::focus(&keep);
    }
}

/// Back from the confirm step to the card's buttons.
fn keep(o: &Options, card: &Element, preset: &Preset) {
    let (Some(confirm), Some(actions)) = (
        dom::query(card, ":scope > .confirm"),
        cards::custom_actions(o, preset),
    ) else {
        return;
    };
    let _ = confirm.replace_with_with_node_1(&actions);
    if let Some(delete) = dom::query(&actions, "[data-action=delete]") {
        dom::focus(&delete);
    }
}

/// Deletes the entry stored as `file`, says so with `name`, and moves the focus to the
/// card at `position` (or the one before, or "New preset").
async fn delete(file: String, name: String, position: Option<usize>) {
    let Some(host) = host() else { return };
    let custom = storage::read_custom(&host).await;
    store(preset_editor::without(&custom, &file)).await;
    refresh().await;
    with_options(|o| {
        let text = o.tf("options_deleted", &[&name]);
        notice::set_status(o, "custom-status", &text, Kind::Ok);
        let cards = o
            .by_id::<Element>("custom-list")
            .map(|list| dom::query_all(&list, "[data-action=edit]"))
            .unwrap_or_default();
        let next = position.and_then(|i| cards.get(i.min(cards.len().saturating_sub(1))));
        match next {
            Some(b) => dom::focus(b),
            None => dom::focus_id(&o.doc, "new-preset"),
        }
    });
}

fn on_custom_click(o: &mut Options, event: &Event) {
    let Some(button) = dom::closest(event, "button[data-action]") else {
        return;
    };
    let Some(card) = button.closest("li[data-preset]").ok().flatten() else {
        return;
    };
    let Some((preset, (file, json))) = shown(o, &card) else {
        return;
    };
    match button.get_attribute("data-action").as_deref() {
        Some("edit") => editor::open_edit(o, &preset, &file, &json),
        Some("export") => export(o, &preset, &json),
        Some("delete") => ask_delete(o, &card, &preset, &file),
        Some("delete-no") => keep(o, &card, &preset),
        Some("delete-yes") => {
            if let Some(b) = button.dyn_ref::<web_sys::HtmlButtonElement>() {
                b.set_disabled(true);
            }
            let position = card.parent_element().and_then(|list| {
                dom::query_all(&list, ":scope > li")
                    .iter()
                    .position(|c| *c == card)
            });
            wasm_bindgen_futures::spawn_local(delete(file, preset.name.clone(), position));
        }
        _ => {}
    }
}

pub fn wire(doc: &Document) -> Vec<EventListener> {
    let mut out = Vec::new();
    out.extend(dom::listen(doc, "custom-list", "click", |e| {
        let e = e.clone();
        on_event(move |o| on_custom_click(o, &e));
    }));
    // Escape in the confirm step keeps the preset.
    if let Some(list) = doc.get_element_by_id("custom-list") {
        out.push(dom::listen_preventable(&list, "keydown", |e| {
            let escape = e
                .dyn_ref::<KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape");
            if !escape {
                return;
            }
            let Some(card) = dom::closest(e, ".confirm")
                .and_then(|c| c.closest("li[data-preset]").ok().flatten())
            else {
                return;
            };
            e.prevent_default();
            on_event(move |o| {
                if let Some((preset, _)) = shown(o, &card) {
                    keep(o, &card, &preset);
                }
            });
        }));
    }
    out.extend(dom::listen(doc, "custom-broken", "click", |e| {
        let Some(file) = dom::closest(e, "button[data-action=delete-broken]")
            .and_then(|b| b.get_attribute("data-file"))
        else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let Some(host) = host() else { return };
            let custom = storage::read_custom(&host).await;
            store(preset_editor::without(&custom, &file)).await;
            refresh().await;
            with_options(|o| {
                let text = o.tf("options_deleted", &[&file]);
                notice::set_status(o, "custom-status", &text, Kind::Ok);
                dom::focus_id(&o.doc, "new-preset");
            });
        });
    }));
    out.extend(dom::listen(doc, "presets", "click", |e| {
        let Some(id) = dom::closest(e, "button[data-action=duplicate]")
            .and_then(|b| b.closest("li[data-preset]").ok().flatten())
            .and_then(|card| card.get_attribute("data-preset"))
        else {
            return;
        };
        on_event(move |o| {
            if let Some(original) = o.preset(&id).cloned() {
                editor::open_copy(o, &original);
            }
        });
    }));
    out.extend(dom::listen(doc, "new-preset", "click", |_| {
        on_event(editor::open_new);
    }));
    out
}
