//! The background's bindings: `extension/worker/background.js` reads storage, hands each event to
//! `workerStep` and carries out the outcome. Every rule is `scopefill_core::worker`'s.

use scopefill_core::contract::{
    session_keys, Refusal, Reply, Session, ToOffscreen, ToOffscreenAddressed,
};
use scopefill_core::worker::{self, Event, LimitChanges, Limits, Sender, SenderKind};
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
/// `Other`, which no rule admits).
fn sender_kind(sender: serde_json::Value, own: &str, own_id: &str) -> SenderKind {
    serde_json::from_value::<Sender>(sender).map_or(SenderKind::Other, |s| s.kind(own, own_id))
}

/// The outcome as background.js carries it out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    reply: Option<Reply>,
    write: Option<scopefill_core::contract::StorageWrite>,
    wake_at: Option<f64>,
    alarm_at: Option<f64>,
    clear_clipboard: Option<String>,
    read_locale: Option<String>,
}

/// One step of the background. `event` is `{message, sender}` for a message and null for a
/// timer, an alarm or the start; `session` what `storage.session.get(sessionKeys())` gave;
/// `settings` the stored settings; `changes` a test build's limits (`extension/worker/limits.js`,
/// null in the packages); `own` and `own_id` the extension's base address and id.
#[wasm_bindgen(js_name = workerStep)]
#[allow(clippy::too_many_arguments)]
pub fn worker_step(
    event: JsValue,
    session: JsValue,
    settings: JsValue,
    changes: JsValue,
    now: f64,
    new_id: &str,
    own: &str,
    own_id: &str,
) -> Result<JsValue, JsValue> {
    let changes: LimitChanges = serde_json::from_value(json_of(&changes)).unwrap_or_default();
    let limits = Limits::SHIPPED.with(&changes);
    let event = match json_of(&event) {
        serde_json::Value::Null => Event::Tick,
        event => {
            let sender = sender_kind(
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
            }
        }
    };
    let session = Session::from_storage(&json_of(&session));
    let settings = json_of(&settings);
    let out = worker::step(event, session, Some(&settings), &limits, now, new_id);
    to_plain(&Outcome {
        reply: out.reply,
        write: out.write.map(|s| s.to_storage()),
        wake_at: out.wake_at,
        alarm_at: out.alarm_at,
        clear_clipboard: out.clear_clipboard,
        read_locale: out.read_locale,
    })
}

/// The `storage.session` keys the background reads for a step.
#[wasm_bindgen(js_name = sessionKeys)]
pub fn session_keys() -> Vec<String> {
    session_keys::ALL.iter().map(|k| k.to_string()).collect()
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
