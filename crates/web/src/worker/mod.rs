//! The background's bindings: `extension/worker/background.js` reads storage, hands each event to
//! `workerStep` and carries out the outcome. Every rule is `scopefill_core::worker`'s.

use scopefill_core::contract::{
    local, session_keys, PendingClear, Refusal, Reply, Session, StorageWrite, ToOffscreen,
    ToOffscreenAddressed,
};
use scopefill_core::paste_menu::{MenuEntry, PasteKind};
use scopefill_core::secret::Secret;
use scopefill_core::worker::{
    self, Event, LimitChanges, Limits, Sender, SenderContext, SenderKind,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What a JS value reads as, as JSON (anything unreadable reads as null). Through its JSON
/// text: the pages' module has serde_json's reader already, and values from storage and
/// messages are JSON-shaped by the browser's own rules.
fn json_of(value: &JsValue) -> serde_json::Value {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// `value` as a plain JS value, through its JSON text.
fn to_plain<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// What a `runtime.onMessage` sender is, for the core's rules (anything unreadable is
/// `Other`, which no rule admits), and where it sent from.
fn sender_of(sender: serde_json::Value, own: &str, own_id: &str) -> (SenderKind, SenderContext) {
    serde_json::from_value::<Sender>(sender).map_or_else(
        |_| (SenderKind::Other, SenderContext::default()),
        |s| (s.kind(own, own_id), s.context()),
    )
}

fn sender_kind(sender: serde_json::Value, own: &str, own_id: &str) -> SenderKind {
    sender_of(sender, own, own_id).0
}

/// The outcome as background.js carries it out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    reply: Option<Reply>,
    /// To `storage.session`.
    write: Option<StorageWrite>,
    /// To `storage.local`: the pending clipboard clear.
    write_local: Option<StorageWrite>,
    wake_at: Option<f64>,
    alarm_at: Option<f64>,
    clear_clipboard: Option<String>,
    read_locale: Option<String>,
    /// The value to write into the right-clicked field (a `paste` event's).
    paste: Option<Secret>,
    /// The right-click menu's entries (`contextMenus` ids and their titles' `_locales` keys).
    menu: Vec<MenuEntry>,
}

/// The event background.js hands over: null for a timer, an alarm, the worker's or the
/// browser's start or an update; `{message, sender}` for a message; `{cleared: {hash, done}}`
/// once a clear asked for was tried; `{incognitoClosed: true}` when no private window is left;
/// `{paste: {menuId, incognito}}` when the user chose a "Paste …" entry of the right-click menu.
fn event_of(event: serde_json::Value, own: &str, own_id: &str) -> Event {
    if event.is_null() {
        return Event::Tick;
    }
    if let Some(cleared) = event.get("cleared") {
        return match (
            cleared.get("hash").and_then(serde_json::Value::as_str),
            cleared.get("done").and_then(serde_json::Value::as_bool),
        ) {
            (Some(hash), Some(done)) => Event::ClipboardCleared {
                hash: hash.to_string(),
                done,
            },
            _ => Event::Tick,
        };
    }
    if event.get("incognitoClosed") == Some(&serde_json::Value::Bool(true)) {
        return Event::IncognitoClosed;
    }
    if let Some(paste) = event.get("paste") {
        let kind = paste
            .get("menuId")
            .and_then(serde_json::Value::as_str)
            .and_then(PasteKind::from_menu_id);
        return match kind {
            Some(kind) => Event::Paste {
                kind,
                incognito: paste.get("incognito") == Some(&serde_json::Value::Bool(true)),
            },
            None => Event::Tick,
        };
    }
    let (sender, context) = sender_of(
        event.get("sender").cloned().unwrap_or_default(),
        own,
        own_id,
    );
    Event::Message {
        message: event
            .get("message")
            .cloned()
            .unwrap_or(serde_json::Value::Null),
        sender,
        context,
    }
}

/// One step of the background. `event`: see `event_of`; `session` what
/// `storage.session.get(sessionKeys())` gave; `stored` what `storage.local.get(localKeys())`
/// gave (the settings and the pending clipboard clear); `changes` a test build's limits
/// (`extension/worker/limits.js`, null in the packages); `own` and `own_id` the extension's
/// base address and id.
#[wasm_bindgen(js_name = workerStep)]
#[allow(clippy::too_many_arguments)]
pub fn worker_step(
    event: JsValue,
    session: JsValue,
    stored: JsValue,
    changes: JsValue,
    now: f64,
    new_id: &str,
    own: &str,
    own_id: &str,
) -> Result<JsValue, JsValue> {
    let changes: LimitChanges = serde_json::from_value(json_of(&changes)).unwrap_or_default();
    let limits = Limits::SHIPPED.with(&changes);
    let event = event_of(json_of(&event), own, own_id);
    let session = Session::from_storage(&json_of(&session));
    let stored = json_of(&stored);
    let pending = PendingClear::from_storage(stored.get(local::PENDING_CLEAR));
    let settings = stored
        .get(local::SETTINGS)
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let out = worker::step(
        event,
        session,
        pending,
        Some(&settings),
        &limits,
        now,
        new_id,
    );
    to_plain(&Outcome {
        reply: out.reply,
        write: out.write.map(|s| s.to_storage()),
        write_local: out
            .write_clear
            .map(|pending| pending_write(pending.as_ref())),
        wake_at: out.wake_at,
        alarm_at: out.alarm_at,
        clear_clipboard: out.clear_clipboard,
        read_locale: out.read_locale,
        paste: out.paste,
        menu: out.menu,
    })
}

/// How to store the pending clipboard clear in `storage.local` (none: removed).
fn pending_write(pending: Option<&PendingClear>) -> StorageWrite {
    let mut set = serde_json::Map::new();
    let mut remove = Vec::new();
    match pending.and_then(|p| serde_json::to_value(p).ok()) {
        Some(value) => {
            set.insert(local::PENDING_CLEAR.into(), value);
        }
        None => remove.push(local::PENDING_CLEAR),
    }
    StorageWrite { set, remove }
}

/// The `storage.session` keys the background reads for a step.
#[wasm_bindgen(js_name = sessionKeys)]
pub fn session_keys() -> Vec<String> {
    session_keys::ALL.iter().map(|k| k.to_string()).collect()
}

/// The `storage.local` keys the background reads for a step: the settings and the pending
/// clipboard clear.
#[wasm_bindgen(js_name = localKeys)]
pub fn local_keys() -> Vec<String> {
    [local::SETTINGS, local::PENDING_CLEAR]
        .iter()
        .map(|k| k.to_string())
        .collect()
}

/// The answer to a `messages` request: the catalogue's text, or a refusal when it could not
/// be read (undefined).
#[wasm_bindgen(js_name = localeReply)]
pub fn locale_reply(json: Option<String>) -> Result<JsValue, JsValue> {
    to_plain(&match json {
        Some(json) => Reply::Messages { json },
        None => Reply::Refused(Refusal::Fetch),
    })
}

/// The worker's request to the offscreen document: clear the clipboard if it holds the value
/// with this hash (`verify`), or whatever it holds.
#[wasm_bindgen(js_name = offscreenMessage)]
pub fn offscreen_message(hash: String, verify: bool) -> Result<JsValue, JsValue> {
    to_plain(&ToOffscreenAddressed::from(ToOffscreen::ClearClipboard {
        hash,
        verify,
    }))
}

/// What the offscreen document does with a message addressed to it: `{clear: {hash,
/// verify}}`, or `{reply}` (a refusal) to answer at once. The rule is
/// `scopefill_core::worker::offscreen_request`.
#[wasm_bindgen(js_name = offscreenAdmit)]
pub fn offscreen_admit(
    message: JsValue,
    sender: JsValue,
    own: &str,
    own_id: &str,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Clear {
        hash: String,
        verify: bool,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Admitted {
        Clear(Clear),
        Reply(Reply),
    }
    let sender = sender_kind(json_of(&sender), own, own_id);
    to_plain(
        &match worker::offscreen_request(json_of(&message), sender) {
            Ok(ToOffscreen::ClearClipboard { hash, verify }) => {
                Admitted::Clear(Clear { hash, verify })
            }
            Err(refusal) => Admitted::Reply(Reply::Refused(refusal)),
        },
    )
}

/// The offscreen document's answer: whether it cleared the clipboard, or (undefined) that it
/// could not read or write it.
#[wasm_bindgen(js_name = offscreenReply)]
pub fn offscreen_reply(cleared: Option<bool>) -> Result<JsValue, JsValue> {
    to_plain(&match cleared {
        Some(cleared) => Reply::Cleared { cleared },
        None => Reply::Refused(Refusal::Clipboard),
    })
}
