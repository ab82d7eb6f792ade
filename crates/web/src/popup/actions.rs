//! What the popup's buttons do: ask the background for the captures, fill the form in the
//! active tab, copy (once the background has scheduled the clipboard's clear), forget,
//! import.

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, File};

use super::{view, with_popup, Popup, PopupHost};
use crate::kit::dom;
use scopefill_core::contract::{
    local, CaptureDraft, ProblemRecord, Refusal, Reply, ToContent, ToWorker,
};
use scopefill_core::credentials;
use scopefill_core::messages::Msg;
use scopefill_core::popup_model::{fill_target, hex, live_captures, tab_store, Tab};
use scopefill_core::secret::Secret;

/// How long "Copied" stays next to a button.
const COPIED_FEEDBACK_MS: u32 = 1500;
/// A credentials file is a few hundred bytes; anything this big is something else.
const MAX_IMPORT_BYTES: f64 = 64.0 * 1024.0;

/// A plain JS object from `(key, value)` pairs (queries and storage items).
pub(super) fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (key, value) in entries {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o.into()
}

/// Sends `request` to the background and reads its answer (a refusal when none came). Both
/// ways through serde: the contract's types, JSON-shaped. (The answer is read from its JSON
/// text, not with serde_wasm_bindgen, whose number handling casts floats to i64.)
async fn ask(host: &PopupHost, request: &ToWorker) -> Reply {
    let Ok(message) = crate::kit::js::to_js(request) else {
        return Reply::Refused(Refusal::Message);
    };
    call(host.send(&message))
        .await
        .ok()
        .and_then(|answer| js_sys::JSON::stringify(&answer).ok()?.as_string())
        .and_then(|json| serde_json::from_str::<Reply>(&json).ok())
        .unwrap_or(Reply::Refused(Refusal::Message))
}

pub(super) async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

fn host() -> Option<PopupHost> {
    with_popup(|p| p.host.clone())
}

/// Asks the background for the captures and redraws them if the list changed.
pub async fn refresh() {
    let Some(host) = host() else { return };
    let incognito = host.incognito().unwrap_or(false);
    let (list, dropped, kept) = match ask(&host, &ToWorker::Captures { incognito }).await {
        Reply::Captures {
            captures,
            dropped,
            limit,
        } => (Some(captures), dropped, limit),
        _ => (None, 0, 0),
    };
    with_popup(|p| {
        if (dropped, kept) != (p.dropped, p.kept) {
            p.dropped = dropped;
            p.kept = kept;
            view::render_dropped(p);
        }
        let Some(list) = list else {
            if let Some(empty) = dom::by_id::<Element>(&p.doc, "accounts-empty") {
                empty.set_text_content(Some(&p.t("popup_accountsFailed")));
                dom::set_hidden(&p.doc, "accounts-empty", false);
            }
            return;
        };
        let live = live_captures(list, js_sys::Date::now());
        let same = live.len() == p.captures.len()
            && live.iter().zip(&p.captures).all(|(a, b)| a.id == b.id);
        if !same || p.fields.is_empty() {
            p.captures = live;
            view::render_accounts(p);
        }
    });
}

/// A fill report as the content script answers it: `{ok, headline, items: [{kind, text}]}`,
/// its texts in the page's language, each with the `message` it says (shown here in the
/// browser's language).
struct ShownReport {
    ok: bool,
    headline: String,
    items: Vec<(String, String)>,
}

enum FillResult {
    /// The report, and the store of the tab filled (from its address).
    Done(ShownReport, Option<String>),
    Failed(String),
    /// The active tab is not the control panel.
    NoTab,
    /// The active tab is the control panel, without the form.
    NoForm,
}

pub(super) fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

/// `value[key]` as a catalogue message, in the browser's language; else `value[text]` as
/// it is.
fn localized(host: &PopupHost, value: &JsValue, key: &str, text_key: &str) -> String {
    let message = get(value, key);
    let message = message
        .is_object()
        .then(|| serde_wasm_bindgen::from_value::<Msg>(message).ok())
        .flatten();
    match message {
        Some(message) => message.render_with(&|key, args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            host.t(key, &args)
        }),
        None => text(value, text_key),
    }
}

fn report_from_js(host: &PopupHost, report: &JsValue) -> Option<ShownReport> {
    if !report.is_object() {
        return None;
    }
    let items = get(report, "items")
        .dyn_into::<js_sys::Array>()
        .map(|a| {
            a.iter()
                .map(|i| (text(&i, "kind"), localized(host, &i, "message", "text")))
                .collect()
        })
        .unwrap_or_default();
    Some(ShownReport {
        ok: get(report, "ok").is_truthy(),
        headline: localized(host, report, "message", "headline"),
        items,
    })
}

/// `tabs.query(query)`, read with `Reflect` (a tab has many fields; four are used).
pub(super) async fn tabs(host: &PopupHost, query: JsValue) -> Vec<Tab> {
    let Ok(list) = call(host.query_tabs(&query)).await else {
        return Vec::new();
    };
    let Ok(list) = list.dyn_into::<js_sys::Array>() else {
        return Vec::new();
    };
    list.iter()
        .map(|t| Tab {
            id: get(&t, "id").as_f64().map(|id| id as i32),
            url: get(&t, "url").as_string(),
            active: get(&t, "active").is_truthy(),
            last_accessed: get(&t, "lastAccessed").as_f64(),
        })
        .collect()
}

async fn fill_in_tab(host: &PopupHost, preset: &str) -> FillResult {
    // The tab the user looks at, in the window the popup belongs to (for the toolbar popup,
    // the browser window it opened over).
    let active = tabs(
        host,
        object(&[("active", true.into()), ("lastFocusedWindow", true.into())]),
    )
    .await;
    let Some(tab) = active.first().filter(|t| fill_target(Some(t)).is_some()) else {
        return FillResult::NoTab;
    };
    let (Some(id), store) = (tab.id, tab_store(tab)) else {
        return FillResult::NoTab;
    };
    let Ok(message) = crate::kit::js::to_js(&ToContent::Fill {
        preset: preset.to_string(),
    }) else {
        return FillResult::NoForm;
    };
    // A tab without the form does not answer (the browser rejects): said so, and no other
    // tab is tried.
    let Ok(answer) = call(host.send_to_tab(id, &message)).await else {
        return FillResult::NoForm;
    };
    if !answer.is_object() {
        return FillResult::NoForm;
    }
    match report_from_js(host, &get(&answer, "report")) {
        Some(report) if get(&answer, "ok").is_truthy() => FillResult::Done(report, store),
        _ => FillResult::Failed(localized(host, &answer, "errorMessage", "error")),
    }
}

/// Fill form: the Integration select's preset, in the active tab if it has the form.
pub async fn fill() {
    let Some((host, preset, busy)) = with_popup(|p| {
        let preset = p.integration()?.id.clone();
        let button = dom::by_id::<web_sys::HtmlButtonElement>(&p.doc, "fill")?;
        if button.disabled() {
            return None;
        }
        button.set_disabled(true);
        view::show_status(p, "fill-status", true, &p.t("popup_filling"), &[]);
        Some((p.host.clone(), preset, button))
    })
    .flatten() else {
        return;
    };
    let outcome = fill_in_tab(&host, &preset).await;
    busy.set_disabled(false);
    with_popup(|p| match outcome {
        FillResult::Done(report, store) => {
            view::show_status(p, "fill-status", report.ok, &report.headline, &report.items);
            // A control-panel host that names no store (none is known) gets no line.
            if let Some(store) = store {
                view::add_status_note(p, "fill-status", &p.tf("popup_fillStore", &[&store]));
            }
        }
        FillResult::Failed(error) => {
            let text = if error.is_empty() {
                p.t("popup_fillFailed")
            } else {
                error
            };
            view::show_status(p, "fill-status", false, &text, &[]);
        }
        FillResult::NoTab => {
            view::show_status(p, "fill-status", false, &p.t("popup_noTab"), &[]);
        }
        FillResult::NoForm => {
            view::show_status(p, "fill-status", false, &p.t("popup_noForm"), &[]);
        }
    });
}

/// SHA-256 of `text`, lowercase hex: all the background keeps of a copied value.
async fn sha256_hex(text: &str) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-256", text.as_bytes())
        .ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    Some(hex(&js_sys::Uint8Array::new(&digest).to_vec()))
}

/// Copies `value` and shows "Copied" in `feedback`. The background is told the value's hash
/// first and schedules the clipboard's clear (kept in `storage.local`, so it survives a
/// stopped worker and a browser restart); only once it has answered is the clipboard
/// written, so a popup closed in between leaves no copy without its clear.
pub async fn copy(value: Secret, what: String, feedback: Option<Element>) {
    let Some(host) = host() else { return };
    let scheduled = match sha256_hex(value.expose()).await {
        Some(hash) => ask(&host, &ToWorker::WillCopy { hash }).await.is_ok(),
        None => false,
    };
    if !scheduled || call(host.write_clipboard(value.expose())).await.is_err() {
        with_popup(|p| {
            let text = p.tf("popup_copyFailed", &[&what]);
            view::announce(p, &text);
            if let Some(f) = &feedback {
                f.set_text_content(Some(&text));
            }
        });
        return;
    }
    drop(value);
    offer_clipboard_read(&host).await;
    let stamp = js_sys::Date::now().to_string();
    with_popup(|p| {
        view::announce(p, &p.tf("popup_copiedField", &[&what]));
        if let Some(f) = &feedback {
            f.set_text_content(Some(&p.t("popup_copied")));
            dom::set_attr(f, "data-stamp", &stamp);
        }
    });
    TimeoutFuture::new(COPIED_FEEDBACK_MS).await;
    if let Some(f) = feedback {
        // Only if no later copy restarted the feedback.
        if f.get_attribute("data-stamp").as_deref() == Some(stamp.as_str()) {
            f.set_text_content(None);
        }
    }
}

/// The `storage.local` flag set once the user has answered the popup's clipboard question.
const ASKED_KEY: &str = local::CLIPBOARD_READ_ASKED;

/// After a copy: clearing it is where the optional clipboardRead permission helps (the
/// clipboard is then cleared only if it still holds the copy). The first time clearing needs
/// it and it is not granted, the popup says why in one line and offers to grant it; once
/// answered it does not ask again (the options page always offers it).
async fn offer_clipboard_read(host: &PopupHost) {
    if with_popup(|p| p.asking).unwrap_or(true) {
        return;
    }
    let granted = match call(host.has_clipboard_read()).await {
        Ok(v) => v.is_truthy(),
        // Unknown: do not ask.
        Err(_) => true,
    };
    if granted {
        return;
    }
    let asked = call(host.storage_get(&JsValue::from_str(ASKED_KEY)))
        .await
        .map(|v| get(&v, ASKED_KEY).is_truthy())
        .unwrap_or(true);
    if asked {
        return;
    }
    let in_popup = host.prompts_in_popup().unwrap_or(false);
    with_popup(|p| view::show_clipboard_ask(p, in_popup));
}

/// The user answered the clipboard question: remember it.
fn answered(host: &PopupHost) {
    let items = object(&[(ASKED_KEY, JsValue::TRUE)]);
    if let Ok(promise) = host.storage_set(&items) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// "Allow" (Chrome): the browser's own prompt, requested within the click. The popup may close
/// while it shows (Chrome closes a popup that loses focus); the grant stands either way.
pub fn allow_clipboard_read(p: &mut Popup) {
    let host = p.host.clone();
    let in_popup = host.prompts_in_popup().unwrap_or(false);
    answered(&host);
    if !in_popup {
        // Firefox: the options page asks (its prompt would open under the popup).
        let _ = host.open_options();
        view::hide_clipboard_ask(p);
        return;
    }
    let request = host.request_clipboard_read();
    wasm_bindgen_futures::spawn_local(async move {
        let granted = call(request).await.is_ok_and(|v| v.is_truthy());
        with_popup(|p| view::clipboard_answer(p, granted));
    });
}

/// "Not now": keep clearing without the check; the options page can grant it later.
pub fn decline_clipboard_read(p: &mut Popup) {
    answered(&p.host);
    view::clipboard_answer(p, false);
}

/// Forget the shown account, or all of them.
pub async fn forget(all: bool) {
    let Some((host, request)) = with_popup(|p| {
        let request = if all {
            ToWorker::ForgetAll
        } else {
            ToWorker::Forget {
                id: p.selected.clone()?,
            }
        };
        Some((p.host.clone(), request))
    })
    .flatten() else {
        return;
    };
    let ok = ask(&host, &request).await.is_ok();
    refresh().await;
    with_popup(|p| {
        let key = match (ok, all) {
            (false, _) => "popup_forgetFailed",
            (true, true) => "popup_forgottenAll",
            (true, false) => "popup_forgotten",
        };
        view::announce(p, &p.t(key));
        // Keep the keyboard focus somewhere sensible once the buttons are hidden.
        if p.captures.is_empty() {
            dom::focus_id(&p.doc, "accounts-empty");
        }
    });
}

/// Reads a credentials `.txt` (dropped or picked), shows its problems, and hands it to the
/// background as a new account labelled with the Integration select's preset.
pub async fn import(file: File) {
    let text = if file.size() > MAX_IMPORT_BYTES {
        None
    } else {
        JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|t| t.as_string())
    };
    let Some(text) = text else {
        with_popup(|p| {
            let msg = p.tf("popup_importUnreadable", &[&file.name()]);
            view::show_status(p, "import-status", false, &msg, &[]);
        });
        return;
    };
    let parsed = credentials::from_text(&text);
    drop(text);
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            with_popup(|p| {
                let msg = p.tf("popup_importNothing", &[&file.name(), &e.message]);
                view::show_status(p, "import-status", false, &msg, &[]);
            });
            return;
        }
    };
    let Some((host, request, preset_name)) = with_popup(|p| {
        let preset = p.integration()?;
        let capture = CaptureDraft {
            preset: Some(preset.id.clone()),
            preset_name: Some(preset.name.clone()),
            store_hash: parsed.credentials.store_hash(),
            captured_at: Some(js_sys::Date::now()),
            credentials: parsed.credentials.clone(),
            problems: parsed.problems.iter().map(ProblemRecord::from).collect(),
            save_id: None,
        };
        let incognito = p.host.incognito().unwrap_or(false);
        Some((
            p.host.clone(),
            ToWorker::Import { capture, incognito },
            preset.name.clone(),
        ))
    })
    .flatten() else {
        return;
    };
    let id = match ask(&host, &request).await {
        Reply::Added { id, .. } => Some(id),
        _ => None,
    };
    with_popup(|p| {
        let problems: Vec<(String, String)> = parsed
            .problems
            .iter()
            .map(|pr| ("problem".to_string(), pr.message.clone()))
            .collect();
        match &id {
            Some(id) => {
                p.selected = Some(id.clone());
                p.show_for = None;
                p.layout = None;
                let store = parsed
                    .credentials
                    .store_hash()
                    .unwrap_or_else(|| p.t("popup_unknownStore"));
                let msg = p.tf("popup_imported", &[&preset_name, &store]);
                view::show_status(p, "import-status", problems.is_empty(), &msg, &problems);
            }
            None => view::show_status(p, "import-status", false, &p.t("popup_importFailed"), &[]),
        }
    });
    refresh().await;
}
