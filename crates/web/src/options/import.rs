//! Importing a preset: a chosen or dropped `.json` file, or pasted JSON. The core checks it
//! (size first, without reading a file that is too big) and refuses it in its own words.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, Element, Event, File, HtmlInputElement, HtmlTextAreaElement};

use super::notice::{self, Kind};
use super::{host, on_event, presets, storage, with_options};
use crate::kit::dom;
use crate::kit::js::error_text;
use scopefill_core::preset;
use scopefill_core::preset_editor;

fn alert(text: &str) {
    with_options(|o| notice::show_alert(o, "import-error", text));
}

/// Checks `json` (read from `source`) and stores it; true when it was imported.
async fn import_json(source: String, json: String) -> bool {
    let Some(host) = host() else { return false };
    with_options(|o| {
        notice::show_alert(o, "import-error", "");
        notice::set_status(o, "import-status", "", Kind::Ok);
    });
    let custom = storage::read_custom(&host).await;
    if let Some(full) = with_options(|o| o.full_text(&custom, None)).flatten() {
        alert(&full);
        return false;
    }
    let (list, preset) = match preset_editor::upsert(&custom, None, &source, &json) {
        Ok(stored) => stored,
        Err(e) => {
            alert(&e.to_string());
            return false;
        }
    };
    presets::store(list).await;
    presets::refresh().await;
    with_options(|o| {
        let text = o.tf("options_imported", &[&preset.name, &preset.id]);
        notice::set_status(o, "import-status", &text, Kind::Ok);
    });
    true
}

/// One file at a time; one over the core's size cap is refused by its size, unread.
async fn import_files(files: Vec<File>) {
    let [file] = files.as_slice() else {
        let text = with_options(|o| o.t("options_importOneFile")).unwrap_or_default();
        alert(&text);
        return;
    };
    let name = file.name();
    // `File.size`: a whole number of bytes (the pages' build has no wasm2js limits).
    let size = file.size();
    let bytes = if size.is_finite() && size >= 0.0 {
        size as u64
    } else {
        u64::MAX
    };
    if let Err(e) = preset::check_size(&name, bytes) {
        with_options(|o| notice::set_status(o, "import-status", "", Kind::Ok));
        alert(&e.to_string());
        return;
    }
    let detail = match JsFuture::from(file.text()).await {
        Ok(text) => match text.as_string() {
            Some(text) => {
                import_json(name, text).await;
                return;
            }
            None => String::new(),
        },
        Err(e) => error_text(&e),
    };
    let text =
        with_options(|o| o.tf("options_importReadFailed", &[&name, &detail])).unwrap_or_default();
    alert(&text);
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Whether a drag carries files (not text or a link).
fn has_files(event: &Event) -> bool {
    event
        .dyn_ref::<DragEvent>()
        .and_then(|d| d.data_transfer())
        .is_some_and(|t| {
            t.types()
                .includes(&wasm_bindgen::JsValue::from_str("Files"), 0)
        })
}

pub fn wire(doc: &web_sys::Document) -> Vec<EventListener> {
    let mut out = Vec::new();
    out.extend(dom::listen(doc, "import-file", "change", |e| {
        let Some(input) = dom::target_of::<HtmlInputElement>(e) else {
            return;
        };
        let files = files_of(input.files());
        // Cleared so that choosing the same file again imports it again.
        input.set_value("");
        if !files.is_empty() {
            wasm_bindgen_futures::spawn_local(import_files(files));
        }
    }));
    out.extend(dom::listen(doc, "import-paste", "click", |_| {
        on_event(|o| {
            let Some(area) = o.by_id::<HtmlTextAreaElement>("import-text") else {
                return;
            };
            let text = area.value();
            if text.trim().is_empty() {
                notice::show_alert(o, "import-error", &o.t("options_importEmpty"));
                let _ = area.focus();
                return;
            }
            let source = o.t("options_pastedFile");
            wasm_bindgen_futures::spawn_local(async move {
                if import_json(source, text).await {
                    area.set_value("");
                }
            });
        });
    }));
    let Some(zone) = doc.get_element_by_id("drop-zone") else {
        return out;
    };
    let dragging = |zone: &Element, on: bool| {
        let _ = zone.class_list().toggle_with_force("dragging", on);
    };
    out.push(EventListener::new(&zone, "dragenter", {
        let zone = zone.clone();
        move |e| {
            if has_files(e) {
                dragging(&zone, true);
            }
        }
    }));
    out.push(EventListener::new(&zone, "dragleave", {
        let zone = zone.clone();
        move |e| {
            let into = e
                .dyn_ref::<DragEvent>()
                .and_then(|d| d.related_target())
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if !zone.contains(into.as_ref()) {
                dragging(&zone, false);
            }
        }
    }));
    out.push(dom::listen_preventable(&zone, "drop", {
        let zone = zone.clone();
        move |e| {
            e.prevent_default();
            dragging(&zone, false);
            let files = files_of(
                e.dyn_ref::<DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|t| t.files()),
            );
            wasm_bindgen_futures::spawn_local(import_files(files));
        }
    }));
    // A file dropped anywhere else must not replace the page.
    if let Some(window) = web_sys::window() {
        for kind in ["dragover", "drop"] {
            let zone = zone.clone();
            out.push(dom::listen_preventable(&window, kind, move |e| {
                if !has_files(e) {
                    return;
                }
                e.prevent_default();
                let inside = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .is_some_and(|t| zone.contains(Some(&t)));
                if let Some(transfer) = e.dyn_ref::<DragEvent>().and_then(|d| d.data_transfer()) {
                    transfer.set_drop_effect(if inside { "copy" } else { "none" });
                }
            }));
        }
    }
    out
}
