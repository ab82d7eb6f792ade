//! The background's rules, as one pure state machine: `step` takes an event (a message with
//! its sender, or a tick of a timer or alarm), the state read from `storage.session`, the
//! stored settings and the time, and returns the reply, the state to write back, when to
//! wake next and whether to clear the clipboard now. `extension/worker/background.js` only reads
//! storage, calls `step` (through the WASM module) and carries out what it returns.
//!
//! Rules, whatever `storage.local` or a message says:
//! - who may send what: a capture only from a control-panel frame of a control-panel tab,
//!   the catalogue text from anyone of the extension (public text), everything else only
//!   from extension pages;
//! - what a capture is: known credential fields as non-empty strings of at most
//!   `field_chars` characters (a longer credential refuses the capture; a longer label is
//!   cut), at most `problems` problems, a capture time no later than now;
//! - at most `captures` captures, the oldest dropped first and counted for the popup;
//! - expiry `expiry_seconds` after the capture; the clipboard cleared `clipboard_seconds`
//!   after a copy; settings out of range mean the default.

use serde::{Deserialize, Serialize};

use crate::contract::{
    Capture, CaptureDraft, PendingClear, ProblemRecord, Refusal, Reply, Session, Source,
    ToOffscreen, ToOffscreenAddressed, ToWorker,
};
use crate::credentials::Credentials;
use crate::https::is_control_panel;
use crate::messages::LOCALES;
use crate::secret::Secret;
use crate::settings::{
    CLIPBOARD_SECONDS, DEFAULT_CLIPBOARD_SECONDS, DEFAULT_EXPIRY_SECONDS, EXPIRY_MINUTES,
};

/// An allowed range of whole seconds, and what a value outside it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondsRange {
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

impl SecondsRange {
    /// `value` if it is a whole number of seconds in range, else the default.
    pub fn pick(&self, value: Option<&serde_json::Value>) -> u32 {
        value
            .and_then(serde_json::Value::as_f64)
            .filter(|n| n.fract() == 0.0 && *n >= f64::from(self.min) && *n <= f64::from(self.max))
            .map_or(self.default, |n| n as u32)
    }
}

/// Every limit the background enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// How long a capture is kept: the options page's 1 to 1440 minutes.
    pub expiry_seconds: SecondsRange,
    /// When a copied value is cleared from the clipboard.
    pub clipboard_seconds: SecondsRange,
    /// The earliest an alarm is set for (ms from now). Chrome fires a packed extension's
    /// alarms no sooner than 30 s; the timer covers the live worker, the alarm a stopped one.
    pub alarm_min_ms: u64,
    /// Characters (UTF-16 units, as the page counts them) in one captured value or label;
    /// BigCommerce's values are under 100.
    pub field_chars: usize,
    /// Captures kept; the oldest is dropped first.
    pub captures: usize,
    /// Problems kept with a capture (the parser reports a handful at most).
    pub problems: usize,
}

impl Limits {
    /// The limits of the packages users install. The settings' ranges are the options
    /// page's (`settings`), by construction.
    pub const SHIPPED: Limits = Limits {
        expiry_seconds: SecondsRange {
            min: *EXPIRY_MINUTES.start() * 60,
            max: *EXPIRY_MINUTES.end() * 60,
            default: DEFAULT_EXPIRY_SECONDS,
        },
        clipboard_seconds: SecondsRange {
            min: *CLIPBOARD_SECONDS.start(),
            max: *CLIPBOARD_SECONDS.end(),
            default: DEFAULT_CLIPBOARD_SECONDS,
        },
        alarm_min_ms: 30_000,
        field_chars: 512,
        captures: 20,
        problems: 20,
    };

    /// The shipped limits with a test build's changes (`extension/worker/limits.js` is replaced in
    /// the test flavour only, to watch expiry and clearing in seconds).
    pub fn with(self, changes: &LimitChanges) -> Limits {
        let mut limits = self;
        if let Some(min) = changes.expiry_min_seconds {
            limits.expiry_seconds.min = min;
        }
        if let Some(min) = changes.clipboard_min_seconds {
            limits.clipboard_seconds.min = min;
        }
        if let Some(ms) = changes.alarm_min_ms {
            limits.alarm_min_ms = ms;
        }
        limits
    }
}

/// A test build's changes to the shipped limits (none in the packages).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LimitChanges {
    pub expiry_min_seconds: Option<u32>,
    pub clipboard_min_seconds: Option<u32>,
    pub alarm_min_ms: Option<u64>,
}

/// The settings the background uses, from `storage.local`'s `settings` as found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delays {
    pub expiry_seconds: u32,
    pub clipboard_seconds: u32,
}

impl Delays {
    pub fn from_stored(stored: Option<&serde_json::Value>, limits: &Limits) -> Delays {
        let field = |name: &str| stored.and_then(|s| s.get(name));
        Delays {
            expiry_seconds: limits.expiry_seconds.pick(field("expirySeconds")),
            clipboard_seconds: limits.clipboard_seconds.pick(field("clipboardSeconds")),
        }
    }
}

/// Who sent a message, as `runtime.onMessage` says (`MessageSender`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Sender {
    pub id: Option<String>,
    pub url: Option<String>,
    /// Chrome only.
    pub origin: Option<String>,
    pub frame_id: Option<i64>,
    pub tab: Option<SenderTab>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SenderTab {
    pub url: Option<String>,
}

/// What the sender is, for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderKind {
    /// The content script in a control-panel frame of a control-panel tab.
    ControlPanelFrame,
    /// An extension page (popup, options, offscreen) or the worker itself.
    ExtensionPage,
    /// Anything else of the extension: a content script elsewhere.
    Other,
}

/// The origin (`scheme://host[:port]`) of an address.
fn origin_of(address: &str) -> Option<&str> {
    let (_, rest) = address.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&address[..address.len() - rest.len() + end])
}

impl Sender {
    /// `own` is the extension's base address (`runtime.getURL('')`, ending in `/`).
    pub fn kind(&self, own: &str, own_id: &str) -> SenderKind {
        if self.id.as_deref() != Some(own_id) {
            return SenderKind::Other;
        }
        let url = self.url.as_deref().unwrap_or_default();
        // Chrome also names the frame's origin: it must be the one the address says.
        let origin_matches =
            |expected: Option<&str>| self.origin.is_none() || self.origin.as_deref() == expected;
        if !own.is_empty() && url.starts_with(own) {
            let own_origin = own.strip_suffix('/');
            return if origin_matches(own_origin) {
                SenderKind::ExtensionPage
            } else {
                SenderKind::Other
            };
        }
        // The browser gives a content script's sender the tab's address only where the
        // extension has host access, so a foreign tab's address is missing and refused.
        let tab_is_panel = self
            .tab
            .as_ref()
            .and_then(|t| t.url.as_deref())
            .is_some_and(is_control_panel);
        if self.frame_id.is_some()
            && tab_is_panel
            && is_control_panel(url)
            && origin_matches(origin_of(url))
        {
            SenderKind::ControlPanelFrame
        } else {
            SenderKind::Other
        }
    }
}

/// What wakes the background.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A message, as received (any shape), and who sent it.
    Message {
        message: serde_json::Value,
        sender: SenderKind,
    },
    /// A timer, an alarm, or the worker (re)starting: drop what expired, clear the
    /// clipboard if its time has come.
    Tick,
}

/// What the background is to do after a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// The answer to the message (none for a tick).
    pub reply: Option<Reply>,
    /// The state to write to `storage.session`, when it changed.
    pub write: Option<Session>,
    /// When to wake next for an expiry or a clipboard clear (ms since the epoch): the timer
    /// at that time, the alarm no sooner than `alarm_min_ms` from now.
    pub wake_at: Option<f64>,
    pub alarm_at: Option<f64>,
    /// Clear the clipboard now, if it holds the value with this hash (or unconditionally
    /// without the permission to read it).
    pub clear_clipboard: Option<String>,
    /// Read this `_locales` catalogue and answer with its text.
    pub read_locale: Option<String>,
}

/// Runs one event. `new_id` names a capture this step adds.
pub fn step(
    event: Event,
    session: Session,
    settings: Option<&serde_json::Value>,
    limits: &Limits,
    now: f64,
    new_id: &str,
) -> Outcome {
    let before = session.clone();
    let mut state = session;
    // Expired captures go on every step, whatever woke the worker.
    state.captures.retain(|c| !c.is_expired(now));
    if state.captures.is_empty() {
        // Once none is left (forgotten or expired), "older ones were dropped" is old news.
        state.dropped = 0;
    }
    let mut outcome = Outcome {
        reply: None,
        write: None,
        wake_at: None,
        alarm_at: None,
        clear_clipboard: None,
        read_locale: None,
    };
    let delays = Delays::from_stored(settings, limits);
    match event {
        Event::Tick => {}
        Event::Message { message, sender } => {
            // The sender first: a content script learns nothing of a message it may not send.
            let kind = message.get("type").and_then(serde_json::Value::as_str);
            let reply = match kind.map(|kind| allowed(kind, sender)) {
                None | Some(None) => Reply::Refused(Refusal::Message),
                Some(Some(false)) => Reply::Refused(Refusal::Sender),
                Some(Some(true)) => match serde_json::from_value::<ToWorker>(message) {
                    Err(_) => Reply::Refused(Refusal::Message),
                    Ok(request) => answer(request, &mut state, &delays, limits, now, new_id),
                },
            };
            if let Reply::Messages { json } = &reply {
                outcome.read_locale = Some(json.clone());
                outcome.reply = None;
            } else {
                outcome.reply = Some(reply);
            }
        }
    }
    if let Some(pending) = &state.clipboard {
        if pending.deadline as f64 <= now {
            outcome.clear_clipboard = Some(pending.hash.clone());
            state.clipboard = None;
        }
    }
    let next_expiry = state
        .captures
        .iter()
        .filter_map(|c| c.expires_at)
        .fold(None, |min: Option<f64>, at| {
            Some(min.map_or(at, |m| m.min(at)))
        });
    let next_clear = state.clipboard.as_ref().map(|p| p.deadline as f64);
    outcome.wake_at = match (next_expiry, next_clear) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    outcome.alarm_at = outcome
        .wake_at
        .map(|at| at.max(now + limits.alarm_min_ms as f64));
    if state != before {
        outcome.write = Some(state);
    }
    outcome
}

/// Whether `sender` may send a message of this type (None: no such type). Content scripts
/// run in pages a site controls: every message but a capture and the catalogue text
/// (public, nothing stored) is refused to them.
fn allowed(kind: &str, sender: SenderKind) -> Option<bool> {
    Some(match kind {
        "capture" => sender == SenderKind::ControlPanelFrame,
        "messages" => true,
        "import" | "captures" | "forget" | "forget-all" | "copied" => {
            sender == SenderKind::ExtensionPage
        }
        _ => return None,
    })
}

fn answer(
    request: ToWorker,
    state: &mut Session,
    delays: &Delays,
    limits: &Limits,
    now: f64,
    new_id: &str,
) -> Reply {
    match request {
        ToWorker::Capture { capture } => {
            add(state, capture, Source::Capture, delays, limits, now, new_id)
        }
        ToWorker::Import { capture } => {
            add(state, capture, Source::Import, delays, limits, now, new_id)
        }
        ToWorker::Captures => Reply::Captures {
            captures: state.captures.iter().rev().cloned().collect(),
            dropped: state.dropped,
            limit: limits.captures as u32,
        },
        ToWorker::Forget { id } => {
            state.captures.retain(|c| c.id != id);
            if state.captures.is_empty() {
                state.dropped = 0;
            }
            Reply::Done
        }
        ToWorker::ForgetAll => {
            state.captures.clear();
            state.dropped = 0;
            Reply::Done
        }
        ToWorker::Copied { hash } => {
            if !is_sha256_hex(&hash) {
                return Reply::Refused(Refusal::Hash);
            }
            let deadline = now.max(0.0) as u64 + u64::from(delays.clipboard_seconds) * 1000;
            state.clipboard = Some(PendingClear { hash, deadline });
            Reply::Done
        }
        // Only a known folder name: nothing else of the extension is read for a page.
        ToWorker::Messages { locale } if LOCALES.contains(&locale.as_str()) => {
            Reply::Messages { json: locale }
        }
        ToWorker::Messages { .. } => Reply::Refused(Refusal::Locale),
    }
}

fn add(
    state: &mut Session,
    draft: CaptureDraft,
    source: Source,
    delays: &Delays,
    limits: &Limits,
    now: f64,
    new_id: &str,
) -> Reply {
    let capture = match admit(draft, source, delays, limits, now, new_id) {
        Ok(capture) => capture,
        Err(refusal) => return Reply::Refused(refusal),
    };
    let id = capture.id.clone();
    state.captures.push(capture);
    // Oldest first: the newest `captures` stay.
    let drop = state.captures.len().saturating_sub(limits.captures);
    if drop > 0 {
        state.captures.drain(..drop);
        state.dropped = state.dropped.saturating_add(drop as u32);
    }
    Reply::Added { id }
}

/// A label (not a credential): at most `max` UTF-16 units, never half a surrogate pair.
fn label(value: Option<String>, max: usize) -> String {
    let value = value.unwrap_or_default();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in value.char_indices() {
        units += c.len_utf16();
        if units > max {
            break;
        }
        end = i + c.len_utf8();
    }
    value[..end].to_string()
}

fn utf16_len(value: &str) -> usize {
    value.chars().map(char::len_utf16).sum()
}

fn is_sha256_hex(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The offscreen document's one rule: a request addressed to it (`message`), from the
/// extension's own worker or pages, of the contract's shape, with a SHA-256 to compare. A
/// content script could otherwise have the clipboard cleared, or learn from the answer
/// whether it holds a value.
pub fn offscreen_request(
    message: serde_json::Value,
    sender: SenderKind,
) -> Result<ToOffscreen, Refusal> {
    if sender != SenderKind::ExtensionPage {
        return Err(Refusal::Sender);
    }
    let addressed: ToOffscreenAddressed =
        serde_json::from_value(message).map_err(|_| Refusal::Message)?;
    match addressed.request {
        ToOffscreen::ClearClipboard { ref hash, .. } if !is_sha256_hex(hash) => Err(Refusal::Hash),
        request => Ok(request),
    }
}

/// The capture the background keeps from what was sent: only the fields it knows, as
/// strings of bounded length, so nothing else a page could slip into a message is kept.
/// A credential too long to be one is not cut (a shortened secret would be a wrong one):
/// the capture is refused.
pub fn admit(
    draft: CaptureDraft,
    source: Source,
    delays: &Delays,
    limits: &Limits,
    now: f64,
    id: &str,
) -> Result<Capture, Refusal> {
    let keep = |v: Option<String>| v.filter(|v| !v.is_empty());
    let keep_secret = |v: Option<Secret>| v.filter(|v| !v.expose().is_empty());
    let c = draft.credentials;
    let credentials = Credentials {
        name: keep(c.name),
        api_path: keep(c.api_path),
        b2b_api_path: keep(c.b2b_api_path),
        client_id: keep(c.client_id),
        client_secret: keep_secret(c.client_secret),
        access_token: keep_secret(c.access_token),
    };
    if credentials.client_id.is_none()
        && credentials.client_secret.is_none()
        && credentials.access_token.is_none()
    {
        return Err(Refusal::Empty);
    }
    let texts = [
        credentials.name.as_deref(),
        credentials.api_path.as_deref(),
        credentials.b2b_api_path.as_deref(),
        credentials.client_id.as_deref(),
        credentials.client_secret.as_ref().map(Secret::expose),
        credentials.access_token.as_ref().map(Secret::expose),
    ];
    if texts
        .into_iter()
        .flatten()
        .any(|v| utf16_len(v) > limits.field_chars)
    {
        return Err(Refusal::TooLong);
    }
    let max = limits.field_chars;
    let problems = draft
        .problems
        .into_iter()
        .take(limits.problems)
        .map(|p| ProblemRecord {
            field: label(Some(p.field), max),
            kind: label(Some(p.kind), max),
            message: label(Some(p.message), max),
        })
        .collect();
    Ok(Capture {
        id: id.to_string(),
        preset: label(draft.preset, max),
        preset_name: label(draft.preset_name, max),
        store_hash: label(draft.store_hash, max),
        // A time in the future (a wrong clock in the page) is replaced by now.
        captured_at: draft
            .captured_at
            .filter(|at| at.is_finite() && *at <= now)
            .unwrap_or(now),
        expires_at: Some(now + f64::from(delays.expiry_seconds) * 1000.0),
        source,
        credentials,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const OWN: &str = "chrome-extension://abc/";
    const NOW: f64 = 1_000_000.0;

    fn sender(url: &str, tab: Option<&str>) -> Sender {
        Sender {
            id: Some("abc".into()),
            url: Some(url.into()),
            origin: None,
            frame_id: Some(0),
            tab: tab.map(|t| SenderTab {
                url: Some(t.into()),
            }),
        }
    }

    fn message(m: serde_json::Value, kind: SenderKind) -> Event {
        Event::Message {
            message: m,
            sender: kind,
        }
    }

    fn capture_msg(client_id: &str) -> serde_json::Value {
        json!({"type": "capture", "capture": {
            "preset": "wherehouse", "presetName": "Wherehouse", "storeHash": "abc123",
            "capturedAt": NOW - 5.0,
            "credentials": {"client_id": client_id, "client_secret": "s", "access_token": "t",
                            "api_path": "https://api.bigcommerce.com/stores/abc123/v3/"}
        }})
    }

    fn run(event: Event, session: Session) -> Outcome {
        step(event, session, None, &Limits::SHIPPED, NOW, "id-1")
    }

    #[test]
    fn every_message_of_the_contract_has_a_sender_rule() {
        for request in [
            ToWorker::Capture {
                capture: CaptureDraft::default(),
            },
            ToWorker::Import {
                capture: CaptureDraft::default(),
            },
            ToWorker::Captures,
            ToWorker::Forget { id: String::new() },
            ToWorker::ForgetAll,
            ToWorker::Copied {
                hash: String::new(),
            },
            ToWorker::Messages {
                locale: String::new(),
            },
        ] {
            let wire = serde_json::to_value(&request).unwrap();
            let kind = wire["type"].as_str().unwrap();
            assert!(allowed(kind, SenderKind::Other).is_some(), "{kind}");
        }
    }

    #[test]
    fn senders_are_told_apart_by_address_tab_and_origin() {
        let panel = "https://store-x.mybigcommerce.com/manage/settings/api-accounts";
        assert_eq!(
            sender(panel, Some(panel)).kind(OWN, "abc"),
            SenderKind::ControlPanelFrame
        );
        // A storefront, a panel framed by a foreign tab, another extension, a lying origin.
        let front = "https://store-x.mybigcommerce.com/";
        assert_eq!(
            sender(front, Some(front)).kind(OWN, "abc"),
            SenderKind::Other
        );
        assert_eq!(sender(panel, None).kind(OWN, "abc"), SenderKind::Other);
        assert_eq!(
            sender(panel, Some(panel)).kind(OWN, "other"),
            SenderKind::Other
        );
        let mut lying = sender(panel, Some(panel));
        lying.origin = Some("https://evil.example".into());
        assert_eq!(lying.kind(OWN, "abc"), SenderKind::Other);
        lying.origin = Some("https://store-x.mybigcommerce.com".into());
        assert_eq!(lying.kind(OWN, "abc"), SenderKind::ControlPanelFrame);
        let popup = "chrome-extension://abc/popup.html";
        assert_eq!(
            sender(popup, None).kind(OWN, "abc"),
            SenderKind::ExtensionPage
        );
        let mut forged = sender(popup, None);
        forged.origin = Some("https://store-x.mybigcommerce.com".into());
        assert_eq!(forged.kind(OWN, "abc"), SenderKind::Other);
        // Look-alike hosts and paths.
        for address in [
            "https://mybigcommerce.com/manage/",
            "https://x.mybigcommerce.com.evil.example/manage/",
            "https://x.mybigcommerce.com/managed",
            "http://x.mybigcommerce.com/manage/",
            "https://user@x.mybigcommerce.com/manage/",
        ] {
            assert!(!is_control_panel(address), "{address}");
        }
        assert!(is_control_panel(
            "https://X.MyBigCommerce.com:8443/manage?x"
        ));
    }

    #[test]
    fn every_message_but_capture_and_messages_is_refused_to_a_content_script() {
        for m in [
            json!({"type": "captures"}),
            json!({"type": "forget", "id": "x"}),
            json!({"type": "forget-all"}),
            json!({"type": "copied", "hash": "a".repeat(64)}),
            json!({"type": "import", "capture": {"credentials": {"client_id": "x"}}}),
        ] {
            for kind in [SenderKind::ControlPanelFrame, SenderKind::Other] {
                let out = run(message(m.clone(), kind), Session::default());
                assert_eq!(out.reply, Some(Reply::Refused(Refusal::Sender)), "{m}");
                assert_eq!(out.write, None);
            }
        }
        let out = run(
            message(capture_msg("c"), SenderKind::ExtensionPage),
            Session::default(),
        );
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Sender)));
        let out = run(
            message(json!({"type": "nope"}), SenderKind::ExtensionPage),
            Session::default(),
        );
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Message)));
    }

    #[test]
    fn a_capture_is_kept_with_its_expiry_and_listed_newest_first() {
        let out = run(
            message(capture_msg("c1"), SenderKind::ControlPanelFrame),
            Session::default(),
        );
        assert_eq!(out.reply, Some(Reply::Added { id: "id-1".into() }));
        let state = out.write.expect("written");
        let kept = &state.captures[0];
        assert_eq!(kept.source, Source::Capture);
        assert_eq!(kept.captured_at, NOW - 5.0);
        assert_eq!(kept.expires_at, Some(NOW + 900_000.0));
        assert_eq!(out.wake_at, Some(NOW + 900_000.0));
        let mut second = state.clone();
        second.captures.push(Capture {
            id: "id-2".into(),
            ..kept.clone()
        });
        let listed = run(
            message(json!({"type": "captures"}), SenderKind::ExtensionPage),
            second,
        );
        let Some(Reply::Captures {
            captures, limit, ..
        }) = listed.reply
        else {
            panic!("a list");
        };
        assert_eq!(
            captures.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["id-2", "id-1"]
        );
        assert_eq!(limit, 20);
        assert_eq!(listed.write, None, "a read writes nothing");
    }

    #[test]
    fn what_a_page_could_slip_in_is_not_kept() {
        let mut m = capture_msg(&"x".repeat(513));
        let out = run(
            message(m.clone(), SenderKind::ControlPanelFrame),
            Session::default(),
        );
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::TooLong)));
        m["capture"]["credentials"] = json!({"client_id": "", "name": "n"});
        let out = run(
            message(m.clone(), SenderKind::ControlPanelFrame),
            Session::default(),
        );
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Empty)));
        m["capture"]["credentials"] = json!({"client_id": "id"});
        m["capture"]["presetName"] = json!("é".repeat(600));
        m["capture"]["capturedAt"] = json!(NOW + 60_000.0);
        m["capture"]["problems"] = json!(vec![
            json!({"field": "f", "kind": "odd", "message": "m"});
            30
        ]);
        m["capture"]["extra"] = json!("ignored");
        let out = run(
            message(m, SenderKind::ControlPanelFrame),
            Session::default(),
        );
        let kept = &out.write.expect("written").captures[0];
        assert_eq!(kept.preset_name.chars().count(), 512);
        assert_eq!(kept.captured_at, NOW, "a future time is now");
        assert_eq!(kept.problems.len(), 20);
        // Half a surrogate pair is never left at the end of a cut label.
        assert_eq!(
            label(Some(format!("{}😀", "a".repeat(511))), 512),
            "a".repeat(511)
        );
    }

    #[test]
    fn the_newest_captures_stay_and_the_dropped_are_counted_until_none_is_left() {
        let mut state = Session::default();
        for i in 0..22 {
            let id = format!("id-{i}");
            let out = step(
                message(capture_msg(&format!("c{i}")), SenderKind::ControlPanelFrame),
                state.clone(),
                None,
                &Limits::SHIPPED,
                NOW,
                &id,
            );
            state = out.write.expect("written");
        }
        assert_eq!(state.captures.len(), 20);
        assert_eq!(state.captures[0].id, "id-2");
        assert_eq!(state.dropped, 2);
        let out = run(
            message(json!({"type": "forget-all"}), SenderKind::ExtensionPage),
            state,
        );
        assert_eq!(out.write, Some(Session::default()));
    }

    #[test]
    fn expired_captures_go_on_any_step_and_the_next_wake_is_the_earliest_expiry() {
        let out = run(
            message(capture_msg("c"), SenderKind::ControlPanelFrame),
            Session::default(),
        );
        let mut state = out.write.expect("written");
        state.captures[0].expires_at = Some(NOW - 1.0);
        let out = run(Event::Tick, state);
        assert_eq!(out.write, Some(Session::default()));
        assert_eq!(out.wake_at, None);
    }

    #[test]
    fn settings_out_of_range_mean_the_default_and_test_builds_may_only_shorten_floors() {
        let limits = Limits::SHIPPED;
        let delays = |v| Delays::from_stored(Some(&v), &limits);
        assert_eq!(
            delays(json!({"expirySeconds": 120, "clipboardSeconds": 7})).clipboard_seconds,
            7
        );
        assert_eq!(delays(json!({"expirySeconds": 120})).expiry_seconds, 120);
        for bad in [
            json!(1),
            json!(90.5),
            json!("600"),
            json!(86_401),
            json!(-5),
            json!(null),
        ] {
            let d = delays(json!({"expirySeconds": bad.clone(), "clipboardSeconds": bad}));
            assert_eq!(
                d,
                Delays {
                    expiry_seconds: 900,
                    clipboard_seconds: 60
                }
            );
        }
        assert_eq!(
            Delays::from_stored(Some(&json!("x")), &limits).expiry_seconds,
            900
        );
        let test = limits.with(&LimitChanges {
            clipboard_min_seconds: Some(1),
            alarm_min_ms: Some(0),
            ..Default::default()
        });
        assert_eq!(
            Delays::from_stored(Some(&json!({"clipboardSeconds": 1})), &test).clipboard_seconds,
            1
        );
        assert_eq!(test.captures, 20);
        // The options page offers exactly the shipped ranges.
        assert_eq!(limits.expiry_seconds.min, 60);
        assert_eq!(limits.expiry_seconds.max, 86_400);
        assert_eq!(limits.clipboard_seconds.min, 5);
    }

    #[test]
    fn a_copy_is_cleared_at_its_deadline_never_before_and_a_later_copy_moves_it() {
        let copied = |hash: &str| {
            message(
                json!({"type": "copied", "hash": hash}),
                SenderKind::ExtensionPage,
            )
        };
        let out = run(copied("xyz"), Session::default());
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Hash)));
        let out = run(copied(&"A".repeat(64)), Session::default());
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Hash)));
        let hash = "a".repeat(64);
        let out = run(copied(&hash), Session::default());
        let state = out.write.expect("written");
        let deadline = NOW as u64 + 60_000;
        assert_eq!(
            state.clipboard,
            Some(PendingClear {
                hash: hash.clone(),
                deadline
            })
        );
        assert_eq!(out.wake_at, Some(deadline as f64));
        assert_eq!(out.alarm_at, Some(deadline as f64));
        assert_eq!(out.clear_clipboard, None);
        // Not before its time.
        let early = step(
            Event::Tick,
            state.clone(),
            None,
            &Limits::SHIPPED,
            deadline as f64 - 1.0,
            "",
        );
        assert_eq!(early.clear_clipboard, None);
        assert_eq!(early.write, None);
        let due = step(
            Event::Tick,
            state,
            None,
            &Limits::SHIPPED,
            deadline as f64,
            "",
        );
        assert_eq!(due.clear_clipboard, Some(hash));
        assert_eq!(due.write, Some(Session::default()));
        assert_eq!(due.wake_at, None);
    }

    #[test]
    fn an_alarm_is_never_set_sooner_than_the_floor() {
        let settings = json!({"clipboardSeconds": 5});
        let out = step(
            message(
                json!({"type": "copied", "hash": "b".repeat(64)}),
                SenderKind::ExtensionPage,
            ),
            Session::default(),
            Some(&settings),
            &Limits::SHIPPED,
            NOW,
            "",
        );
        assert_eq!(out.wake_at, Some(NOW + 5_000.0));
        assert_eq!(out.alarm_at, Some(NOW + 30_000.0));
    }

    #[test]
    fn only_a_known_locale_is_read_for_a_page() {
        let ask = |locale: &str| {
            run(
                message(
                    json!({"type": "messages", "locale": locale}),
                    SenderKind::Other,
                ),
                Session::default(),
            )
        };
        let fr = ask("fr");
        assert_eq!(fr.read_locale.as_deref(), Some("fr"));
        assert_eq!(fr.reply, None);
        for bad in ["../manifest", "fr/../../x", "xx", ""] {
            assert_eq!(
                ask(bad).reply,
                Some(Reply::Refused(Refusal::Locale)),
                "{bad}"
            );
            assert_eq!(ask(bad).read_locale, None);
        }
    }

    #[test]
    fn the_offscreen_document_answers_only_the_extension_and_only_its_own_request() {
        let hash = "ab".repeat(32);
        let request = ToOffscreen::ClearClipboard {
            hash: hash.clone(),
            verify: true,
        };
        let wire = serde_json::to_value(ToOffscreenAddressed::from(request.clone())).unwrap();
        assert_eq!(
            wire,
            json!({"target": "offscreen", "type": "clear-clipboard", "hash": hash, "verify": true})
        );
        assert_eq!(
            offscreen_request(wire.clone(), SenderKind::ExtensionPage),
            Ok(request)
        );
        for sender in [SenderKind::ControlPanelFrame, SenderKind::Other] {
            assert_eq!(
                offscreen_request(wire.clone(), sender),
                Err(Refusal::Sender)
            );
        }
        for malformed in [
            json!({"type": "clear-clipboard", "hash": hash, "verify": true}),
            json!({"target": "offscreen", "type": "clear-all", "hash": hash, "verify": true}),
            json!({"target": "offscreen", "type": "clear-clipboard", "hash": hash}),
            json!({"target": "offscreen", "type": "clear-clipboard", "hash": 7, "verify": true}),
            json!(null),
        ] {
            assert_eq!(
                offscreen_request(malformed.clone(), SenderKind::ExtensionPage),
                Err(Refusal::Message),
                "{malformed}"
            );
        }
        let short = json!({"target": "offscreen", "type": "clear-clipboard", "hash": "AB", "verify": false});
        assert_eq!(
            offscreen_request(short, SenderKind::ExtensionPage),
            Err(Refusal::Hash)
        );
        // Its answers, as the worker reads them.
        for reply in [
            Reply::Cleared { cleared: true },
            Reply::Cleared { cleared: false },
            Reply::Refused(Refusal::Clipboard),
        ] {
            let back: Reply =
                serde_json::from_value(serde_json::to_value(&reply).unwrap()).unwrap();
            assert_eq!(back, reply);
        }
    }
}
