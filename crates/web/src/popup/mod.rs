//! The toolbar popup (wasm32 only): Fill form for the control-panel tab, the captured
//! accounts laid out for their target, copy with clipboard clearing, forget, import.
//!
//! `extension/popup/popup.html` is the static page; this module localises it, draws the dynamic
//! parts and handles every event. Decisions come from the plain core: `popup_model`
//! (masking, countdown, which account and which tab), `target` (layouts, Copy all) and
//! `credentials` (the imported `.txt`). Browser APIs web-sys lacks come from `PopupHost`
//! (`extension/popup/popup.js`).

mod actions;
mod host;
mod target_fill;
mod view;

use crate::kit::dom;
use crate::kit::i18n;
use crate::kit::queue::EventQueue;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

use crate::kit::combobox::{self, Combobox};
pub use host::PopupHost;
use scopefill_core::contract::local;
use scopefill_core::popup_model::Capture;
use scopefill_core::preset::{self, Preset};
use scopefill_core::secret::Secret;
use scopefill_core::target::FieldValue;

/// The popup's state. Values are only held here (as `Secret`s inside the captures and
/// fields) while the popup is open; the page shows them masked unless revealed.
pub(crate) struct Popup {
    host: PopupHost,
    doc: Document,
    lang: String,
    presets: Vec<Preset>,
    /// The Integration picker (Fill form's preset, and the label of an import).
    picker: Option<Combobox>,
    /// Newest first, without expired ones.
    captures: Vec<Capture>,
    /// The capture shown (its id).
    selected: Option<String>,
    /// "Show for": the preset the shown capture is laid out for (default: its own).
    show_for: Option<String>,
    /// The chosen layout of that preset (Celigo: Token or Basic).
    layout: Option<String>,
    /// The values as laid out, and which of them the user revealed.
    fields: Vec<FieldValue>,
    revealed: Vec<bool>,
    /// "Copy all" texts: they hold the secrets too.
    json: Secret,
    env: Secret,
    /// How many older captures the background dropped to keep at most `kept`.
    dropped: u32,
    kept: u32,
    /// The clipboard-permission question is showing.
    asking: bool,
    /// The active tab's page as "Fill this page" read it, and the plan for the shown account.
    target: Option<target_fill::TargetPage>,
    /// Why there is no plan (not a web page, no access), or what the last request came to.
    target_note: String,
    /// Whether the active tab's page has been read for Fill this page. It is read only once
    /// there is an account to fill with: a popup opened with none looks at no page, and reads
    /// it when one arrives (`target_fill::replan`). True until the start's own read.
    target_read: bool,
    _listeners: Vec<EventListener>,
    _ticker: Option<Interval>,
    _session: Option<Closure<dyn FnMut(js_sys::Array)>>,
}

impl Popup {
    fn t(&self, key: &str) -> String {
        self.host.t(key, &[])
    }

    fn tf(&self, key: &str, substitutions: &[&str]) -> String {
        self.host.t(key, substitutions)
    }

    fn preset(&self, id: &str) -> Option<&Preset> {
        preset::find(&self.presets, id)
    }

    fn selected_capture(&self) -> Option<&Capture> {
        let id = self.selected.as_deref()?;
        self.captures.iter().find(|c| c.id == id)
    }

    /// The Integration picker's preset (used by Fill form and to label an import).
    fn integration(&self) -> Option<&Preset> {
        let id = self.picker.as_ref()?.chosen_id()?;
        self.preset(&id)
    }
}

thread_local! {
    static POPUP: EventQueue<Popup> = const { EventQueue::new() };
}

/// Runs an event's handler on the popup's state: at once, or after the handler running now
/// (see `kit::queue`).
fn on_event(handler: impl FnOnce(&mut Popup) + 'static) {
    POPUP.with(|queue| queue.run(handler));
}

/// Runs `f` on the popup's state at once, for code resumed by a promise; None before start.
pub(crate) fn with_popup<R>(f: impl FnOnce(&mut Popup) -> R) -> Option<R> {
    POPUP.with(|queue| queue.with(f))
}

fn wire(doc: &Document) -> Vec<EventListener> {
    let mut out = Vec::new();
    out.extend(dom::listen(doc, "open-options", "click", |_| {
        on_event(|p| {
            let _ = p.host.open_options();
        });
    }));
    out.extend(dom::listen(doc, "fill", "click", |_| {
        wasm_bindgen_futures::spawn_local(actions::fill());
    }));
    out.extend(dom::listen(doc, "account", "change", |e| {
        let Some(select) = dom::target_of::<HtmlSelectElement>(e) else {
            return;
        };
        on_event(move |p| {
            p.selected = Some(select.value());
            p.show_for = None;
            p.layout = None;
            view::render_selected(p);
        });
    }));
    out.extend(dom::listen(doc, "show-for", "change", |e| {
        let Some(select) = dom::target_of::<HtmlSelectElement>(e) else {
            return;
        };
        on_event(move |p| {
            p.show_for = Some(select.value());
            p.layout = None;
            view::render_detail(p);
            target_fill::replan(p);
        });
    }));
    out.extend(dom::listen(doc, "layout-options", "change", |e| {
        let Some(radio) = dom::target_of::<HtmlInputElement>(e) else {
            return;
        };
        on_event(move |p| {
            p.layout = Some(radio.value());
            view::render_fields(p);
        });
    }));
    // The value rows' buttons, by delegation: rows are redrawn, this listener stays.
    out.extend(dom::listen(doc, "fields", "click", |e| {
        let Some(button) = dom::target_of::<Element>(e)
            .and_then(|t| t.closest("button[data-action]").ok().flatten())
        else {
            return;
        };
        let index: Option<usize> = button
            .get_attribute("data-index")
            .and_then(|i| i.parse().ok());
        let Some(index) = index else { return };
        match button.get_attribute("data-action").as_deref() {
            Some("show") => {
                on_event(move |p| view::toggle_reveal(p, index));
            }
            Some("copy") => {
                on_event(move |p| {
                    let Some(field) = p.fields.get(index) else {
                        return;
                    };
                    let feedback = button
                        .parent_element()
                        .and_then(|line| line.query_selector(".copied").ok().flatten());
                    if let (Some(value), Some(feedback)) = (field.value.clone(), feedback) {
                        let label = field.label.clone();
                        wasm_bindgen_futures::spawn_local(actions::copy(
                            value,
                            label,
                            Some(feedback),
                        ));
                    }
                });
            }
            _ => {}
        }
    }));
    for (id, env) in [("copy-json", false), ("copy-env", true)] {
        out.extend(dom::listen(doc, id, "click", move |_| {
            on_event(move |p| {
                let text = if env { p.env.clone() } else { p.json.clone() };
                let what = p.t(if env { "popup_allEnv" } else { "popup_allJson" });
                let feedback = dom::by_id::<Element>(&p.doc, "copy-all-feedback");
                wasm_bindgen_futures::spawn_local(actions::copy(text, what, feedback));
            });
        }));
    }
    out.extend(dom::listen(doc, "target-fill", "click", |_| {
        wasm_bindgen_futures::spawn_local(target_fill::fill());
    }));
    out.extend(dom::listen(doc, "target-look", "click", |_| {
        wasm_bindgen_futures::spawn_local(target_fill::survey());
    }));
    // Synchronously within the click: the permission request needs the user's gesture.
    out.extend(dom::listen(doc, "target-allow", "click", |_| {
        on_event(target_fill::allow_frame);
    }));
    out.extend(dom::listen(doc, "clipboard-allow", "click", |_| {
        on_event(actions::allow_clipboard_read);
    }));
    out.extend(dom::listen(doc, "clipboard-later", "click", |_| {
        on_event(actions::decline_clipboard_read);
    }));
    out.extend(dom::listen(doc, "forget", "click", |_| {
        wasm_bindgen_futures::spawn_local(actions::forget(false));
    }));
    out.extend(dom::listen(doc, "forget-all", "click", |_| {
        wasm_bindgen_futures::spawn_local(actions::forget(true));
    }));
    out.extend(dom::listen(doc, "import-file", "change", |e| {
        let Some(input) = dom::target_of::<HtmlInputElement>(e) else {
            return;
        };
        let file = input.files().and_then(|f| f.get(0));
        // Cleared so that choosing the same file again imports it again.
        input.set_value("");
        if let Some(file) = file {
            wasm_bindgen_futures::spawn_local(actions::import(file));
        }
    }));
    // A file dropped anywhere on the popup is imported.
    if let Some(body) = doc.body() {
        let zone = doc.get_element_by_id("drop-zone");
        let highlight = move |on: bool| {
            if let Some(z) = &zone {
                let _ = z.class_list().toggle_with_force("drop-active", on);
            }
        };
        let h = highlight.clone();
        out.push(EventListener::new_with_options(
            &body,
            "dragover",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                e.prevent_default();
                h(true);
            },
        ));
        let h = highlight.clone();
        out.push(EventListener::new(&body, "dragleave", move |e| {
            // Leaving the window, not moving between children.
            let to_outside = e
                .dyn_ref::<web_sys::DragEvent>()
                .is_some_and(|d| d.related_target().is_none());
            if to_outside {
                h(false);
            }
        }));
        out.push(EventListener::new_with_options(
            &body,
            "drop",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                e.prevent_default();
                highlight(false);
                let file = e
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|t| t.files())
                    .and_then(|f| f.get(0));
                if let Some(file) = file {
                    wasm_bindgen_futures::spawn_local(actions::import(file));
                }
            },
        ));
    }
    out
}

/// The Integration picker over `presets`, the last used one first.
fn integration_picker(
    host: &PopupHost,
    doc: &Document,
    presets: &[Preset],
    last_used: Option<&str>,
) -> Option<Combobox> {
    let parts = combobox::Parts {
        input: dom::by_id(doc, "preset")?,
        list: dom::by_id(doc, "preset-list")?,
        toggle: dom::by_id(doc, "preset-toggle"),
        status: dom::by_id(doc, "preset-status"),
        labels: combobox::Labels {
            last_used: host.t("popup_lastUsed", &[]),
            no_match: host.t("popup_noMatch", &["$1"]),
        },
    };
    let entries = scopefill_core::picker::entries(presets);
    // Nothing to do on a choice: Fill form and the import read the picker when used.
    Some(Combobox::new(parts, entries, last_used, |_| {}))
}

/// Starts the popup: `host` wraps the extension APIs (see `extension/popup/popup.js`).
#[wasm_bindgen(js_name = startPopup)]
pub async fn start_popup(host: PopupHost) -> Result<(), JsValue> {
    let doc = dom::document().ok_or("no document")?;
    i18n::localize(&doc, &|key| host.t(key, &[]), host.ui_language().ok());
    let keys = js_sys::Array::of2(&local::CUSTOM_PRESETS.into(), &local::LAST_PRESET.into());
    let stored = match host.storage_get(&keys) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    let stored_key = |key: &str| {
        stored
            .as_ref()
            .and_then(|v| js_sys::Reflect::get(v, &key.into()).ok())
    };
    let custom = stored_key(local::CUSTOM_PRESETS)
        .map(crate::kit::js::custom_from_js)
        .unwrap_or_default();
    // Only the id of the integration last used to fill a form is kept (by the content script).
    let last_used = stored_key(local::LAST_PRESET).and_then(|v| v.as_string());
    let (presets, _errors) = preset::with_custom(&custom);
    let picker = integration_picker(&host, &doc, &presets, last_used.as_deref());
    let lang = host.ui_language().unwrap_or_else(|_| "en".into());

    // Only a change of the captures list redraws (the clipboard bookkeeping the background
    // keeps in the same storage area must not reset what the user revealed).
    let session = Closure::<dyn FnMut(js_sys::Array)>::new(|keys: js_sys::Array| {
        if keys.includes(&JsValue::from_str("captures"), 0) {
            wasm_bindgen_futures::spawn_local(actions::refresh());
        }
    });
    host.on_session_changed(session.as_ref().unchecked_ref())?;
    let ticker = Interval::new(1000, || on_event(view::tick));

    let popup = Popup {
        host,
        doc: doc.clone(),
        lang,
        presets,
        picker,
        captures: Vec::new(),
        selected: None,
        show_for: None,
        layout: None,
        fields: Vec::new(),
        revealed: Vec::new(),
        json: Secret::default(),
        env: Secret::default(),
        dropped: 0,
        kept: 0,
        asking: false,
        target: None,
        target_note: String::new(),
        target_read: true,
        _listeners: wire(&doc),
        _ticker: Some(ticker),
        _session: Some(session),
    };
    view::render_presets(&popup);
    POPUP.with(|queue| queue.start(popup));
    actions::refresh().await;
    // The Integration picker starts on the newest capture's preset, if any (else on the
    // last used one, which it lists first).
    with_popup(|p| {
        if let (Some(id), Some(picker)) = (p.captures.first().map(|c| &c.preset), &p.picker) {
            picker.choose(id);
        }
    });
    // On a target platform's page, what "Fill this page" would write there, before anything is.
    with_popup(|p| p.target_read = false);
    target_fill::survey().await;
    if let Some(main) = doc.query_selector("main").ok().flatten() {
        let _ = main.remove_attribute("aria-busy");
    }
    if let Some(body) = doc.body() {
        dom::set_attr(&body, "data-ready", "1");
    }
    Ok(())
}
