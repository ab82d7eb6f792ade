//! The options page (wasm32 only): settings, the clipboard permission, the user's presets
//! (new, duplicate, edit, import, export, delete) and the shipped ones.
//!
//! `extension/options/options.html` is the static page; this module localises it, draws the dynamic
//! parts and handles every event, through one event queue (`kit::queue`). Decisions come
//! from the plain core: `settings`, `account` (the name preview), `preset`, `preset_editor`
//! (the stored list, copies, checks) and `preset_form` (the editor's form). Browser APIs
//! web-sys lacks come from `OptionsHost` (`extension/options/options.js`).

mod cards;
mod editor;
mod host;
mod import;
mod layouts;
mod notice;
mod presets;
mod settings;
mod storage;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Document;

use crate::kit::dom;
use crate::kit::i18n;
use crate::kit::queue::EventQueue;
pub use host::OptionsHost;
use scopefill_core::preset::{self, Preset, PresetError};

/// The page's state.
pub(crate) struct Options {
    host: OptionsHost,
    doc: Document,
    /// The user's presets (`[{file, json}]` in `storage.local`) as last read or written.
    custom: Vec<(String, String)>,
    /// The list this page wrote last, so that its own change event does not redraw twice.
    last_written: Option<Vec<(String, String)>>,
    /// The user's presets as listed, each with the index of its entry in `custom`.
    mine: Vec<(Preset, usize)>,
    /// The elements of the stored list that are not preset entries, with why.
    unreadable: Vec<PresetError>,
    /// The open editor, if any.
    editor: Option<editor::Session>,
    /// Whether the optional clipboardRead permission is granted.
    clipboard_read: bool,
    /// The status lines' clearing timers, by element id (dropping one cancels it).
    status_timers: Vec<(&'static str, Timeout)>,
    _listeners: Vec<EventListener>,
    _callbacks: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Options {
    fn t(&self, key: &str) -> String {
        self.host.t(key, &[])
    }

    fn tf(&self, key: &str, substitutions: &[&str]) -> String {
        self.host.t(key, substitutions)
    }

    fn by_id<T: JsCast>(&self, id: &str) -> Option<T> {
        dom::by_id(&self.doc, id)
    }

    /// Why another preset cannot be stored, in the page's language, when the user's presets
    /// are at the cap (`replacing` an entry adds none).
    fn full_text(&self, custom: &[(String, String)], replacing: Option<&str>) -> Option<String> {
        let full = scopefill_core::preset_editor::room_for_another(custom, replacing).err()?;
        Some(self.tf(
            "options_presetsFull",
            &[&full.stored.to_string(), &full.max.to_string()],
        ))
    }

    /// A shipped preset or one of the user's, by id.
    fn preset(&self, id: &str) -> Option<&Preset> {
        preset::find(preset::shipped(), id)
            .or_else(|| self.mine.iter().map(|(p, _)| p).find(|p| p.id == id))
    }
}

thread_local! {
    static OPTIONS: EventQueue<Options> = const { EventQueue::new() };
}

/// Runs an event's handler on the page's state: at once, or after the handler running now
/// (see `kit::queue`).
fn on_event(handler: impl FnOnce(&mut Options) + 'static) {
    OPTIONS.with(|queue| queue.run(handler));
}

/// Runs `f` on the page's state at once, for code resumed by a promise; None before start.
fn with_options<R>(f: impl FnOnce(&mut Options) -> R) -> Option<R> {
    OPTIONS.with(|queue| queue.with(f))
}

/// The host, for code resumed by a promise.
fn host() -> Option<OptionsHost> {
    with_options(|o| o.host.clone())
}

/// Starts the page: `host` wraps the extension APIs (see `extension/options/options.js`).
#[wasm_bindgen(js_name = startOptions)]
pub async fn start_options(host: OptionsHost) -> Result<(), JsValue> {
    let doc = dom::document().ok_or("no document")?;
    i18n::localize(&doc, &|key| host.t(key, &[]), host.ui_language().ok());
    editor::draw_scope_rows(&host, &doc);
    let mut listeners = Vec::new();
    listeners.extend(settings::wire(&doc));
    listeners.extend(presets::wire(&doc));
    listeners.extend(editor::wire(&doc));
    listeners.extend(layouts::wire(&doc));
    listeners.extend(import::wire(&doc));

    // Another tab (or the popup) changed the presets.
    let presets_changed = Closure::<dyn FnMut(JsValue)>::new(|list: JsValue| {
        let list = crate::kit::js::custom_from_js(list);
        wasm_bindgen_futures::spawn_local(presets::changed_elsewhere(list));
    });
    host.on_custom_presets_changed(presets_changed.as_ref().unchecked_ref())?;
    let permissions_changed = Closure::<dyn FnMut(JsValue)>::new(|_| {
        wasm_bindgen_futures::spawn_local(settings::show_clipboard_read());
    });
    host.on_permissions_changed(permissions_changed.as_ref().unchecked_ref())?;

    OPTIONS.with(|queue| {
        queue.start(Options {
            host,
            doc: doc.clone(),
            custom: Vec::new(),
            last_written: None,
            mine: Vec::new(),
            unreadable: Vec::new(),
            editor: None,
            clipboard_read: false,
            status_timers: Vec::new(),
            _listeners: listeners,
            _callbacks: vec![presets_changed, permissions_changed],
        })
    });
    settings::load().await;
    presets::refresh().await;
    settings::show_clipboard_read().await;

    for id in ["presets", "main"] {
        if let Some(e) = doc.get_element_by_id(id) {
            let _ = e.remove_attribute("aria-busy");
        }
    }
    if let Some(root) = doc.document_element() {
        dom::set_attr(&root, "data-ready", "true");
    }
    Ok(())
}

/// The core's words for what is wrong with a preset file, or nothing when it is valid: the
/// browser tests compare the page's errors with them.
#[wasm_bindgen(js_name = presetError)]
pub fn preset_error(file: &str, json: &str) -> Option<String> {
    preset::parse(file, json, false)
        .err()
        .map(|e| e.to_string())
}
