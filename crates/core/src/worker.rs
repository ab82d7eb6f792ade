//! The background's rules, as one pure state machine: `step` takes an event (a message with
//! its sender, a tick of a timer or alarm, the outcome of a clipboard clear), the state read
//! from `storage.session`, the pending clipboard clear read from `storage.local`, the stored
//! settings and the time, and returns the reply, what to write back, when to wake next and
//! whether to clear the clipboard now. `extension/worker/background.js` only reads storage,
//! calls `step` (through the WASM module) and carries out what it returns.
//!
//! Rules, whatever `storage.local` or a message says:
//! - who may send what: a capture only from a control-panel frame of a control-panel tab,
//!   the catalogue text from anyone of the extension (public text), everything else only
//!   from extension pages;
//! - what a capture is: known credential fields as non-empty strings of at most
//!   `field_chars` characters (a longer credential refuses the capture; a longer label is
//!   cut) without control, direction or zero-width characters (removed, and reported),
//!   problems the core finds itself (at most `problems`), a capture time no later than now;
//! - whose it is: the store of the `store-{hash}` host that sent it (a capture naming another
//!   store is refused), recorded with the sender's origin and whether it came from a private
//!   window (listed only to pages in one, forgotten when the last one closes);
//! - two different credential sets answering one Save of one origin are both kept, marked as
//!   a conflict;
//! - at most `captures_per_store` captures of each store and `captures_total` in all, the
//!   oldest dropped first and counted for the popup;
//! - expiry `expiry_seconds` after the capture; the clipboard cleared `clipboard_seconds`
//!   after a copy, retried with a growing delay when a clear fails; settings out of range
//!   mean the default.

use serde::{Deserialize, Serialize};

use crate::contract::{
    Capture, CaptureDraft, PendingClear, ProblemRecord, Refusal, Reply, Session, Source,
    ToOffscreen, ToOffscreenAddressed, ToWorker,
};
use crate::credentials::{strip_hidden, CredentialField, Credentials, Problem, ProblemKind};
use crate::https::{control_panel_store, is_control_panel};
use crate::messages::LOCALES;
use crate::paste_menu::{self, MenuEntry, PasteKind};
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
    /// Captures kept of one store; its oldest is dropped first, so one store (or a page
    /// forging captures on its host) cannot push out another's.
    pub captures_per_store: usize,
    /// Captures kept in all (a sanity cap: the oldest is dropped first).
    pub captures_total: usize,
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
        captures_per_store: 20,
        captures_total: 100,
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
    /// The tab is in a private window.
    pub incognito: Option<bool>,
}

/// What a capture is bound to, from its sender.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenderContext {
    /// The sending frame's origin (`https://host[:port]`, lowercase).
    pub origin: Option<String>,
    /// Sent from a tab of a private window.
    pub incognito: bool,
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
    /// The sender's origin and window kind. The origin is read from the frame's address,
    /// which `kind` has checked against Chrome's `origin`.
    pub fn context(&self) -> SenderContext {
        SenderContext {
            origin: self
                .url
                .as_deref()
                .and_then(origin_of)
                .map(str::to_ascii_lowercase),
            incognito: self.tab.as_ref().and_then(|t| t.incognito).unwrap_or(false),
        }
    }

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
    /// A message, as received (any shape), who sent it, and from where.
    Message {
        message: serde_json::Value,
        sender: SenderKind,
        context: SenderContext,
    },
    /// A timer, an alarm, the worker (re)starting, the browser starting, the extension
    /// installed or updated: drop what expired, clear the clipboard if its time has come.
    Tick,
    /// The clear `Outcome::clear_clipboard` asked for was tried: `done` when the clipboard no
    /// longer holds the value (cleared, or the user copied something else since), false when
    /// it could not be read or written.
    ClipboardCleared { hash: String, done: bool },
    /// No private window is left: the captures of private windows go with them.
    IncognitoClosed,
    /// The user chose a "Paste …" entry of the right-click menu in a tab (`incognito`: of a
    /// private window). Only the browser raises it, on the user's own click.
    Paste { kind: PasteKind, incognito: bool },
}

/// Clears tried before a pending clear is given up.
pub const CLEAR_ATTEMPTS: u32 = 6;
/// The wait after the first failed clear; doubled after each further one (5, 10, 20, 40, 80 s:
/// `CLEAR_ATTEMPTS` clears in all).
pub const CLEAR_RETRY_MS: u64 = 5_000;

/// What the background is to do after a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// The answer to the message (none for a tick).
    pub reply: Option<Reply>,
    /// The state to write to `storage.session`, when it changed.
    pub write: Option<Session>,
    /// The pending clipboard clear to keep in `storage.local`, when it changed: `Some(None)`
    /// removes it.
    pub write_clear: Option<Option<PendingClear>>,
    /// When to wake next for an expiry or a clipboard clear (ms since the epoch): the timer
    /// at that time, the alarm no sooner than `alarm_min_ms` from now.
    pub wake_at: Option<f64>,
    pub alarm_at: Option<f64>,
    /// Clear the clipboard now, if it holds the value with this hash (or unconditionally
    /// without the permission to read it).
    pub clear_clipboard: Option<String>,
    /// Read this `_locales` catalogue and answer with its text.
    pub read_locale: Option<String>,
    /// The value a `Paste` event asked for, to write into the field right-clicked.
    pub paste: Option<Secret>,
    /// The right-click menu's entries after this step (none while no capture is held).
    pub menu: Vec<MenuEntry>,
}

/// Runs one event. `pending` is the clipboard clear kept in `storage.local`; `new_id` names a
/// capture this step adds.
pub fn step(
    event: Event,
    session: Session,
    pending: Option<PendingClear>,
    settings: Option<&serde_json::Value>,
    limits: &Limits,
    now: f64,
    new_id: &str,
) -> Outcome {
    let before = session.clone();
    let pending_before = pending.clone();
    let mut state = session;
    let mut pending = pending;
    // Expired captures go on every step, whatever woke the worker.
    state.captures.retain(|c| !c.is_expired(now));
    if state.captures.is_empty() {
        // Once none is left (forgotten or expired), "older ones were dropped" is old news.
        state.dropped = 0;
    }
    let mut outcome = Outcome {
        reply: None,
        write: None,
        write_clear: None,
        wake_at: None,
        alarm_at: None,
        clear_clipboard: None,
        read_locale: None,
        paste: None,
        menu: Vec::new(),
    };
    let delays = Delays::from_stored(settings, limits);
    match event {
        Event::Tick => {}
        Event::IncognitoClosed => {
            state.captures.retain(|c| !c.incognito);
        }
        Event::Paste { kind, incognito } => {
            outcome.paste = paste_menu::value(&state.captures, kind, incognito);
        }
        Event::ClipboardCleared { hash, done } => {
            pending = after_clear(pending, &hash, done, now);
        }
        Event::Message {
            message,
            sender,
            context,
        } => {
            // The sender first: a content script learns nothing of a message it may not send.
            let kind = message.get("type").and_then(serde_json::Value::as_str);
            let reply = match kind.map(|kind| allowed(kind, sender)) {
                None | Some(None) => Reply::Refused(Refusal::Message),
                Some(Some(false)) => Reply::Refused(Refusal::Sender),
                Some(Some(true)) => match serde_json::from_value::<ToWorker>(message) {
                    Err(_) => Reply::Refused(Refusal::Message),
                    Ok(request) => {
                        let mut kept = Kept {
                            session: &mut state,
                            pending: &mut pending,
                        };
                        answer(request, &mut kept, &context, &delays, limits, now, new_id)
                    }
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
    if state.captures.is_empty() {
        state.dropped = 0;
    }
    // Cleared first, forgotten after: the entry stays until the clear's outcome comes back
    // (`Event::ClipboardCleared`), so a worker stopped in between clears it when it starts.
    if let Some(due) = pending.as_ref().filter(|p| p.deadline as f64 <= now) {
        outcome.clear_clipboard = Some(due.hash.clone());
    }
    let next_expiry = state
        .captures
        .iter()
        .filter_map(|c| c.expires_at)
        .fold(None, |min: Option<f64>, at| {
            Some(min.map_or(at, |m| m.min(at)))
        });
    let next_clear = pending.as_ref().map(|p| p.deadline as f64);
    outcome.wake_at = match (next_expiry, next_clear) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    outcome.alarm_at = outcome
        .wake_at
        .map(|at| at.max(now + limits.alarm_min_ms as f64));
    outcome.menu = paste_menu::entries(&state.captures);
    if state != before {
        outcome.write = Some(state);
    }
    if pending != pending_before {
        outcome.write_clear = Some(pending);
    }
    outcome
}

/// The pending clear once an attempt at `hash` is over: gone when it was done (or when it was
/// another copy's, which replaced it meanwhile: that one stays), else tried again later, at
/// most `CLEAR_ATTEMPTS` times in all.
fn after_clear(
    pending: Option<PendingClear>,
    hash: &str,
    done: bool,
    now: f64,
) -> Option<PendingClear> {
    let pending = pending?;
    if pending.hash != hash {
        return Some(pending);
    }
    if done {
        return None;
    }
    let attempts = pending.attempts.saturating_add(1);
    if attempts >= CLEAR_ATTEMPTS {
        return None;
    }
    let wait = CLEAR_RETRY_MS << (attempts - 1).min(16);
    Some(PendingClear {
        hash: pending.hash,
        deadline: now.max(0.0) as u64 + wait,
        attempts,
    })
}

/// What a message may change: the captures and the pending clipboard clear.
struct Kept<'a> {
    session: &'a mut Session,
    pending: &'a mut Option<PendingClear>,
}

/// Whether `sender` may send a message of this type (None: no such type). Content scripts
/// run in pages a site controls: every message but a capture and the catalogue text
/// (public, nothing stored) is refused to them.
fn allowed(kind: &str, sender: SenderKind) -> Option<bool> {
    Some(match kind {
        "capture" => sender == SenderKind::ControlPanelFrame,
        "messages" => true,
        "import" | "captures" | "forget" | "forget-all" | "will-copy" => {
            sender == SenderKind::ExtensionPage
        }
        _ => return None,
    })
}

fn answer(
    request: ToWorker,
    kept: &mut Kept,
    context: &SenderContext,
    delays: &Delays,
    limits: &Limits,
    now: f64,
    new_id: &str,
) -> Reply {
    let state = &mut *kept.session;
    match request {
        ToWorker::Capture { capture } => {
            let admitted = admit(
                capture,
                Source::Capture,
                context,
                delays,
                limits,
                now,
                new_id,
            );
            add(state, admitted, limits)
        }
        ToWorker::Import { capture, incognito } => {
            // The popup is an extension page: its sender names no tab, so it says itself
            // whether it shows in a private window.
            let context = SenderContext {
                origin: None,
                incognito,
            };
            let admitted = admit(
                capture,
                Source::Import,
                &context,
                delays,
                limits,
                now,
                new_id,
            );
            add(state, admitted, limits)
        }
        ToWorker::Captures { incognito } => Reply::Captures {
            captures: state
                .captures
                .iter()
                .rev()
                .filter(|c| c.incognito == incognito)
                .cloned()
                .collect(),
            dropped: state.dropped,
            limit: limits.captures_per_store as u32,
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
        ToWorker::WillCopy { hash } => {
            if !is_sha256_hex(&hash) {
                return Reply::Refused(Refusal::Hash);
            }
            // One pending clear: a later copy replaces the clipboard's content, so its clear
            // (and its later deadline) replaces the earlier one.
            let deadline = now.max(0.0) as u64 + u64::from(delays.clipboard_seconds) * 1000;
            *kept.pending = Some(PendingClear {
                hash,
                deadline,
                attempts: 0,
            });
            Reply::Done
        }
        // Only a known folder name: nothing else of the extension is read for a page.
        ToWorker::Messages { locale } if LOCALES.contains(&locale.as_str()) => {
            Reply::Messages { json: locale }
        }
        ToWorker::Messages { .. } => Reply::Refused(Refusal::Locale),
    }
}

/// Keeps an admitted capture: a repeat of one kept (same origin, Save and credentials) is
/// that one; different credentials for one Save mark both; then the caps.
fn add(state: &mut Session, admitted: Result<Capture, Refusal>, limits: &Limits) -> Reply {
    let mut capture = match admitted {
        Ok(capture) => capture,
        Err(refusal) => return Reply::Refused(refusal),
    };
    if let Some(save) = capture.save_id.clone() {
        let same_save =
            |c: &Capture| c.origin == capture.origin && c.save_id.as_ref() == Some(&save);
        if let Some(kept) = state
            .captures
            .iter()
            .find(|c| same_save(c) && same_credentials(c, &capture))
        {
            return Reply::Added {
                id: kept.id.clone(),
                conflict: kept.conflict,
            };
        }
        for kept in state.captures.iter_mut().filter(|c| same_save(c)) {
            kept.conflict = true;
            capture.conflict = true;
        }
    }
    let id = capture.id.clone();
    let conflict = capture.conflict;
    let store = store_key(&capture).to_string();
    state.captures.push(capture);
    // Oldest first: the newest `captures_per_store` of this store stay, then the newest
    // `captures_total` of all.
    let of_store = state
        .captures
        .iter()
        .filter(|c| store_key(c) == store)
        .count();
    let mut over = of_store.saturating_sub(limits.captures_per_store);
    let mut dropped = over;
    state.captures.retain(|c| {
        if over > 0 && store_key(c) == store {
            over -= 1;
            return false;
        }
        true
    });
    let over_total = state.captures.len().saturating_sub(limits.captures_total);
    state.captures.drain(..over_total);
    dropped += over_total;
    state.dropped = state.dropped.saturating_add(dropped as u32);
    Reply::Added { id, conflict }
}

/// What a capture counts against for the per-store cap: its store, else its origin.
fn store_key(capture: &Capture) -> &str {
    if capture.store_hash.is_empty() {
        &capture.origin
    } else {
        &capture.store_hash
    }
}

/// The same account's credentials (the name aside, which the user may have changed).
fn same_credentials(a: &Capture, b: &Capture) -> bool {
    let (a, b) = (&a.credentials, &b.credentials);
    a.client_id == b.client_id
        && a.client_secret == b.client_secret
        && a.access_token == b.access_token
        && a.api_path == b.api_path
        && a.b2b_api_path == b.b2b_api_path
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
/// strings of bounded length without hidden characters (`credentials::is_hidden_char`:
/// removed, and reported as a problem), bound to the store that sent it, so nothing else a
/// page could slip into a message is kept. A credential too long to be one is not cut (a
/// shortened secret would be a wrong one): the capture is refused.
///
/// A capture (`Source::Capture`) is bound to the store of the frame that sent it, whose host
/// is `store-{hash}.mybigcommerce.com`: a host that names no store, or an API path or store
/// hash that names another, refuses it. An import has no sender but the popup, which read
/// the user's own file: it is bound to the store its API path names (none without one).
///
/// Problems are the core's own, found again here on what is kept (a page controls what the
/// content script reads, and the popup shows them): missing values, values outside the
/// known shapes, hidden characters removed, and the parser's conflicts (which only it can
/// see), each with the core's own words.
pub fn admit(
    draft: CaptureDraft,
    source: Source,
    context: &SenderContext,
    delays: &Delays,
    limits: &Limits,
    now: f64,
    id: &str,
) -> Result<Capture, Refusal> {
    let mut stripped = Vec::new();
    let mut clean = |field: CredentialField, v: Option<String>| -> Option<String> {
        let (value, hidden) = strip_hidden(&v?);
        let value = value.trim().to_string();
        if hidden && !value.is_empty() {
            stripped.push(field);
        }
        Some(value).filter(|v| !v.is_empty())
    };
    let c = draft.credentials;
    let credentials = Credentials {
        name: clean(CredentialField::Name, c.name),
        api_path: clean(CredentialField::ApiPath, c.api_path),
        b2b_api_path: clean(CredentialField::B2bApiPath, c.b2b_api_path),
        client_id: clean(CredentialField::ClientId, c.client_id),
        client_secret: clean(
            CredentialField::ClientSecret,
            c.client_secret.map(|s| s.expose().to_string()),
        )
        .map(Secret::new),
        access_token: clean(
            CredentialField::AccessToken,
            c.access_token.map(|s| s.expose().to_string()),
        )
        .map(Secret::new),
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
    let store_hash = match source {
        Source::Capture => {
            let store = context
                .origin
                .as_deref()
                .and_then(control_panel_store)
                .ok_or(Refusal::Store)?;
            let named = [
                credentials.store_hash(),
                draft.store_hash.filter(|h| !h.is_empty()),
            ];
            if named.iter().flatten().any(|h| *h != store) {
                return Err(Refusal::Store);
            }
            store
        }
        Source::Import => credentials.store_hash().unwrap_or_default(),
    };
    let max = limits.field_chars;
    let parser_conflicts = draft.problems.iter().filter_map(|p| {
        let field = CredentialField::from_key(&p.field)?;
        (ProblemKind::from_key(&p.kind)? == ProblemKind::Conflict).then_some(field)
    });
    let mut problems: Vec<ProblemRecord> = Vec::new();
    let found = stripped
        .into_iter()
        .map(Problem::stripped)
        .chain(parser_conflicts.map(Problem::conflict))
        .chain(credentials.problems());
    for problem in found {
        let record = ProblemRecord::from(&problem);
        if problems.len() < limits.problems && !problems.contains(&record) {
            problems.push(record);
        }
    }
    let text = |v: Option<String>| label(v.map(|v| strip_hidden(&v).0), max);
    let (origin, save_id) = match source {
        Source::Capture => (
            context.origin.clone().unwrap_or_default(),
            Some(text(draft.save_id)).filter(|s| !s.is_empty()),
        ),
        Source::Import => (String::new(), None),
    };
    Ok(Capture {
        id: id.to_string(),
        preset: text(draft.preset),
        preset_name: text(draft.preset_name),
        store_hash,
        // A time in the future (a wrong clock in the page) is replaced by now.
        captured_at: draft
            .captured_at
            .filter(|at| at.is_finite() && *at <= now)
            .unwrap_or(now),
        expires_at: Some(now + f64::from(delays.expiry_seconds) * 1000.0),
        source,
        credentials,
        problems,
        origin,
        save_id,
        conflict: false,
        incognito: context.incognito,
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
                incognito: None,
            }),
        }
    }

    /// The control panel of the store `abc123` (the store of `capture_msg`'s API path).
    const STORE_A: &str = "https://store-abc123.mybigcommerce.com";
    const STORE_B: &str = "https://store-bbb222.mybigcommerce.com";

    fn message(m: serde_json::Value, kind: SenderKind) -> Event {
        message_from(m, kind, STORE_A, false)
    }

    fn message_from(
        m: serde_json::Value,
        kind: SenderKind,
        origin: &str,
        incognito: bool,
    ) -> Event {
        Event::Message {
            message: m,
            sender: kind,
            context: SenderContext {
                origin: Some(origin.into()),
                incognito,
            },
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
        step(event, session, None, None, &Limits::SHIPPED, NOW, "id-1")
    }

    #[test]
    fn every_message_of_the_contract_has_a_sender_rule() {
        for request in [
            ToWorker::Capture {
                capture: CaptureDraft::default(),
            },
            ToWorker::Import {
                capture: CaptureDraft::default(),
                incognito: false,
            },
            ToWorker::Captures { incognito: false },
            ToWorker::Forget { id: String::new() },
            ToWorker::ForgetAll,
            ToWorker::WillCopy {
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
            json!({"type": "will-copy", "hash": "a".repeat(64)}),
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
        assert_eq!(
            out.reply,
            Some(Reply::Added {
                id: "id-1".into(),
                conflict: false
            })
        );
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
        // The page's own problem texts are not kept: the popup shows them, so they are the
        // core's, found on what is kept, and the parser's conflicts named by field.
        let mut sent = vec![
            json!({"field": "client_id", "kind": "odd", "message": "All fine: paste it in a terminal"});
            30
        ];
        sent.push(json!({"field": "access_token", "kind": "conflict", "message": "x"}));
        sent.push(json!({"field": "password", "kind": "conflict", "message": "x"}));
        m["capture"]["problems"] = json!(sent);
        m["capture"]["extra"] = json!("ignored");
        let out = run(
            message(m.clone(), SenderKind::ControlPanelFrame),
            Session::default(),
        );
        let kept = &out.write.expect("written").captures[0];
        assert_eq!(kept.preset_name.chars().count(), 512);
        assert_eq!(kept.captured_at, NOW, "a future time is now");
        let problems: Vec<(&str, &str)> = kept
            .problems
            .iter()
            .map(|p| (p.field.as_str(), p.kind.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                ("access_token", "conflict"),
                ("client_secret", "missing"),
                ("access_token", "missing"),
                ("api_path", "missing"),
                ("client_id", "odd"),
            ]
        );
        assert!(kept
            .problems
            .iter()
            .all(|p| !p.message.contains("terminal")));
        // At most `problems` of them.
        let few = Limits {
            problems: 2,
            ..Limits::SHIPPED
        };
        let out = step(
            message(m, SenderKind::ControlPanelFrame),
            Session::default(),
            None,
            None,
            &few,
            NOW,
            "id",
        );
        assert_eq!(out.write.expect("written").captures[0].problems.len(), 2);
        // Half a surrogate pair is never left at the end of a cut label.
        assert_eq!(
            label(Some(format!("{}😀", "a".repeat(511))), 512),
            "a".repeat(511)
        );
    }

    /// A capture message for store `store`'s API path (no store hash of its own).
    fn capture_for(client_id: &str, store: &str, save_id: Option<&str>) -> serde_json::Value {
        let mut m = capture_msg(client_id);
        m["capture"]["storeHash"] = json!(null);
        m["capture"]["credentials"]["api_path"] =
            json!(format!("https://api.bigcommerce.com/stores/{store}/v3/"));
        if let Some(save) = save_id {
            m["capture"]["saveId"] = json!(save);
        }
        m
    }

    #[test]
    fn a_capture_is_bound_to_the_store_of_the_host_that_sent_it() {
        let from = |m: serde_json::Value, origin: &str| {
            run(
                message_from(m, SenderKind::ControlPanelFrame, origin, false),
                Session::default(),
            )
        };
        let out = from(capture_for("c", "abc123", None), STORE_A);
        let kept = &out.write.expect("kept").captures[0];
        assert_eq!(kept.store_hash, "abc123");
        assert_eq!(kept.origin, STORE_A);
        // An API path naming another store, a store hash naming another, a host naming none.
        for (m, origin) in [
            (capture_for("c", "abc123", None), STORE_B),
            (capture_msg("c"), STORE_B),
            (
                {
                    let mut m = capture_for("c", "bbb222", None);
                    m["capture"]["storeHash"] = json!("abc123");
                    m
                },
                STORE_B,
            ),
            (
                capture_for("c", "abc123", None),
                "https://abc123.mybigcommerce.com",
            ),
        ] {
            let out = from(m.clone(), origin);
            assert_eq!(
                out.reply,
                Some(Reply::Refused(Refusal::Store)),
                "{m} from {origin}"
            );
            assert_eq!(out.write, None);
        }
        // No API path: bound to the host's store all the same; the page's store hash is not
        // what is kept.
        let mut bare = capture_msg("c");
        bare["capture"]["credentials"]["api_path"] = json!(null);
        bare["capture"]["storeHash"] = json!("");
        let kept = from(bare, STORE_B).write.expect("kept").captures[0].clone();
        assert_eq!(kept.store_hash, "bbb222");
        assert_eq!(kept.store().as_deref(), Some("bbb222"));
        // No sender origin at all: refused.
        let out = run(
            Event::Message {
                message: capture_msg("c"),
                sender: SenderKind::ControlPanelFrame,
                context: SenderContext::default(),
            },
            Session::default(),
        );
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Store)));
    }

    #[test]
    fn the_paste_menu_follows_the_captures_and_pastes_only_into_the_same_kind_of_window() {
        let empty = run(Event::Tick, Session::default());
        assert!(empty.menu.is_empty(), "no capture held, no menu");
        let added = run(
            message_from(
                capture_for("cid-a", "abc123", None),
                SenderKind::ControlPanelFrame,
                STORE_A,
                false,
            ),
            Session::default(),
        );
        assert!(added.menu.iter().any(|e| e.id == "paste-client_id"));
        let held = added.write.expect("kept");
        let paste = |incognito| {
            run(
                Event::Paste {
                    kind: PasteKind::ClientId,
                    incognito,
                },
                held.clone(),
            )
        };
        let normal = paste(false);
        assert_eq!(normal.paste.as_ref().map(Secret::expose), Some("cid-a"));
        assert_eq!(normal.write, None, "pasting changes nothing kept");
        assert_eq!(
            paste(true).paste,
            None,
            "a normal window's capture stays out of private ones"
        );
        let forgotten = run(
            message(json!({"type": "forget-all"}), SenderKind::ExtensionPage),
            held,
        );
        assert!(
            forgotten.menu.is_empty(),
            "the menu goes with the last capture"
        );
    }

    #[test]
    fn an_import_is_bound_to_the_store_its_api_path_names() {
        let import = |m: serde_json::Value| {
            let mut m = m;
            m["type"] = json!("import");
            run(message(m, SenderKind::ExtensionPage), Session::default())
        };
        let kept = import(capture_for("c", "imp0rt9", Some("ignored")))
            .write
            .expect("kept")
            .captures[0]
            .clone();
        assert_eq!(kept.store_hash, "imp0rt9");
        assert_eq!(kept.origin, "");
        assert_eq!(kept.source, Source::Import);
        assert_eq!(kept.save_id, None, "an import answers no Save");
        let mut bare = capture_msg("c");
        bare["capture"]["credentials"]["api_path"] = json!(null);
        let kept = import(bare).write.expect("kept").captures[0].clone();
        assert_eq!(kept.store_hash, "", "no store without an API path");
    }

    #[test]
    fn one_store_cannot_push_out_another_stores_captures() {
        let mut state = run(
            message(
                capture_for("held-by-a", "abc123", None),
                SenderKind::ControlPanelFrame,
            ),
            Session::default(),
        )
        .write
        .expect("kept");
        for i in 0..25 {
            let out = step(
                message_from(
                    capture_for(&format!("forged-{i}"), "bbb222", None),
                    SenderKind::ControlPanelFrame,
                    STORE_B,
                    false,
                ),
                state.clone(),
                None,
                None,
                &Limits::SHIPPED,
                NOW,
                &format!("b-{i}"),
            );
            state = out.write.expect("kept");
        }
        let ids = |s: &Session, store: &str| -> Vec<String> {
            s.captures
                .iter()
                .filter(|c| c.store_hash == store)
                .filter_map(|c| c.credentials.client_id.clone())
                .collect()
        };
        assert_eq!(ids(&state, "abc123"), ["held-by-a"]);
        let b = ids(&state, "bbb222");
        assert_eq!(b.len(), 20);
        assert_eq!(b[0], "forged-5", "B's own oldest went");
        assert_eq!(state.dropped, 5);
        // The overall cap still holds, oldest first, once the stores together pass it.
        let tight = Limits {
            captures_total: 3,
            ..Limits::SHIPPED
        };
        let out = step(
            message(
                capture_for("a-2", "abc123", None),
                SenderKind::ControlPanelFrame,
            ),
            state,
            None,
            None,
            &tight,
            NOW,
            "a-2",
        );
        let state = out.write.expect("kept");
        assert_eq!(state.captures.len(), 3);
        assert_eq!(state.captures[2].id, "a-2");
    }

    #[test]
    fn two_credential_sets_for_one_save_are_both_kept_as_a_conflict() {
        let send = |state: Session, m: serde_json::Value, origin: &str, id: &str| {
            step(
                message_from(m, SenderKind::ControlPanelFrame, origin, false),
                state,
                None,
                None,
                &Limits::SHIPPED,
                NOW,
                id,
            )
        };
        let first = send(
            Session::default(),
            capture_for("real", "abc123", Some("save-1")),
            STORE_A,
            "id-1",
        );
        let state = first.write.expect("kept");
        assert!(!state.captures[0].conflict);
        assert_eq!(state.captures[0].save_id.as_deref(), Some("save-1"));
        // The same capture again: the one kept, nothing added.
        let again = send(
            state.clone(),
            capture_for("real", "abc123", Some("save-1")),
            STORE_A,
            "id-2",
        );
        assert_eq!(
            again.reply,
            Some(Reply::Added {
                id: "id-1".into(),
                conflict: false
            })
        );
        assert_eq!(again.write, None);
        // Another Save, or no Save named: no conflict.
        let state = send(
            state,
            capture_for("next", "abc123", Some("save-2")),
            STORE_A,
            "id-3",
        )
        .write
        .expect("kept");
        let state = send(
            state,
            capture_for("unnamed", "abc123", None),
            STORE_A,
            "id-4",
        )
        .write
        .expect("kept");
        assert!(state.captures.iter().all(|c| !c.conflict));
        // A look-alike for the first Save: both marked, neither dropped, and the sender told.
        let out = send(
            state,
            capture_for("lookalike", "abc123", Some("save-1")),
            STORE_A,
            "id-5",
        );
        assert_eq!(
            out.reply,
            Some(Reply::Added {
                id: "id-5".into(),
                conflict: true
            })
        );
        let state = out.write.expect("kept");
        let marked: Vec<&str> = state
            .captures
            .iter()
            .filter(|c| c.conflict)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(marked, ["id-1", "id-5"]);
        // The same Save id from another store's frame is another Save.
        let state = send(
            state,
            capture_for("other", "bbb222", Some("save-2")),
            STORE_B,
            "id-6",
        )
        .write
        .expect("kept");
        assert!(!state.captures.iter().any(|c| c.id == "id-6" && c.conflict));
        assert!(!state.captures.iter().any(|c| c.id == "id-3" && c.conflict));
        // The same Client ID with another token for one Save is a conflict too.
        let mut other_token = capture_for("next", "abc123", Some("save-2"));
        other_token["capture"]["credentials"]["access_token"] = json!("forged");
        let state = send(state, other_token, STORE_A, "id-7")
            .write
            .expect("kept");
        assert!(state
            .captures
            .iter()
            .filter(|c| ["id-3", "id-7"].contains(&c.id.as_str()))
            .all(|c| c.conflict));
    }

    #[test]
    fn hidden_characters_are_removed_where_a_capture_is_admitted() {
        let mut m = capture_msg("k3j5h6g7f8d9\u{202E}s0a1q2w3e4r5t6y7u8i");
        m["capture"]["credentials"]["client_secret"] =
            json!("\u{200B}5d41402abc4b2a76b9719d911017c592\u{1B}[2J");
        m["capture"]["credentials"]["access_token"] =
            json!("z9x8c7v6b5n4m3l2k1j0h9g8f7d6s5a\u{FEFF}");
        m["capture"]["credentials"]["name"] = json!("Where\u{2066}house\u{0007}");
        m["capture"]["credentials"]["api_path"] =
            json!("https://api.bigcommerce.com/stores/abc123/v3/\u{200F}");
        m["capture"]["presetName"] = json!("Where\u{202E}house");
        m["capture"]["saveId"] = json!("s\u{0000}1");
        let out = run(
            message(m, SenderKind::ControlPanelFrame),
            Session::default(),
        );
        let kept = out.write.expect("kept").captures[0].clone();
        let c = &kept.credentials;
        assert_eq!(
            c.client_id.as_deref(),
            Some("k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i")
        );
        assert_eq!(
            c.client_secret.as_ref().map(Secret::expose),
            Some("5d41402abc4b2a76b9719d911017c592[2J")
        );
        assert_eq!(
            c.access_token.as_ref().map(Secret::expose),
            Some("z9x8c7v6b5n4m3l2k1j0h9g8f7d6s5a")
        );
        assert_eq!(c.name.as_deref(), Some("Wherehouse"));
        assert_eq!(
            c.api_path.as_deref(),
            Some("https://api.bigcommerce.com/stores/abc123/v3/")
        );
        assert_eq!(kept.preset_name, "Wherehouse");
        assert_eq!(kept.save_id.as_deref(), Some("s1"));
        let stripped: Vec<&str> = kept
            .problems
            .iter()
            .filter(|p| p.kind == "stripped")
            .map(|p| p.field.as_str())
            .collect();
        assert_eq!(
            stripped,
            [
                "name",
                "api_path",
                "client_id",
                "client_secret",
                "access_token"
            ]
        );
        // What is left of the secret is not of its shape: said too.
        assert!(kept
            .problems
            .iter()
            .any(|p| p.field == "client_secret" && p.kind == "odd"));
        // A value of nothing but hidden characters is no value.
        let mut m = capture_msg("\u{200B}\u{200C}");
        m["capture"]["credentials"] = json!({"client_id": "\u{200B}\u{200C}"});
        let out = run(
            message(m, SenderKind::ControlPanelFrame),
            Session::default(),
        );
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Empty)));
    }

    #[test]
    fn private_window_captures_are_listed_only_there_and_go_with_the_last_one() {
        let mut state = Session::default();
        for (i, incognito) in [(0, false), (1, true)] {
            state = step(
                message_from(
                    capture_for(&format!("c{i}"), "abc123", None),
                    SenderKind::ControlPanelFrame,
                    STORE_A,
                    incognito,
                ),
                state,
                None,
                None,
                &Limits::SHIPPED,
                NOW,
                &format!("id-{i}"),
            )
            .write
            .expect("kept");
        }
        let listed = |state: &Session, incognito: bool| -> Vec<String> {
            let out = run(
                message(
                    json!({"type": "captures", "incognito": incognito}),
                    SenderKind::ExtensionPage,
                ),
                state.clone(),
            );
            match out.reply {
                Some(Reply::Captures { captures, .. }) => {
                    captures.into_iter().map(|c| c.id).collect()
                }
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(listed(&state, false), ["id-0"]);
        assert_eq!(listed(&state, true), ["id-1"]);
        // An import from a popup in a private window is a private one too.
        let mut m = capture_for("imported", "abc123", None);
        m["type"] = json!("import");
        m["incognito"] = json!(true);
        let out = step(
            message(m, SenderKind::ExtensionPage),
            state,
            None,
            None,
            &Limits::SHIPPED,
            NOW,
            "id-2",
        );
        let state = out.write.expect("kept");
        assert_eq!(listed(&state, true), ["id-2", "id-1"]);
        let out = run(Event::IncognitoClosed, state);
        let state = out.write.expect("forgotten");
        assert_eq!(listed(&state, true), Vec::<String>::new());
        assert_eq!(listed(&state, false), ["id-0"]);
    }

    #[test]
    fn the_sender_context_is_the_frame_origin_and_the_tab_window() {
        let mut s = sender(
            "https://Store-ABC123.mybigcommerce.com/manage/x?y#z",
            Some("https://store-abc123.mybigcommerce.com/manage/"),
        );
        assert_eq!(
            s.context(),
            SenderContext {
                origin: Some("https://store-abc123.mybigcommerce.com".into()),
                incognito: false,
            }
        );
        s.tab = Some(SenderTab {
            url: None,
            incognito: Some(true),
        });
        assert!(s.context().incognito);
        let wire: Sender = serde_json::from_value(json!({
            "id": "abc", "url": "https://store-x.mybigcommerce.com/manage/", "frameId": 3,
            "tab": {"url": "https://store-x.mybigcommerce.com/manage/", "incognito": true, "id": 9}
        }))
        .unwrap();
        assert!(wire.context().incognito);
        assert_eq!(wire.kind(OWN, "abc"), SenderKind::ControlPanelFrame);
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
        assert_eq!(test.captures_per_store, 20);
        // The options page offers exactly the shipped ranges.
        assert_eq!(limits.expiry_seconds.min, 60);
        assert_eq!(limits.expiry_seconds.max, 86_400);
        assert_eq!(limits.clipboard_seconds.min, 5);
    }

    fn will_copy(hash: &str) -> Event {
        message(
            json!({"type": "will-copy", "hash": hash}),
            SenderKind::ExtensionPage,
        )
    }

    /// A step at `now` with this pending clear and no captures.
    fn clear_step(event: Event, pending: Option<PendingClear>, now: f64) -> Outcome {
        step(
            event,
            Session::default(),
            pending,
            None,
            &Limits::SHIPPED,
            now,
            "",
        )
    }

    #[test]
    fn a_copy_is_scheduled_before_it_is_made_and_cleared_at_its_deadline_never_before() {
        let out = run(will_copy("xyz"), Session::default());
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Hash)));
        assert_eq!(out.write_clear, None);
        let out = run(will_copy(&"A".repeat(64)), Session::default());
        assert_eq!(out.reply, Some(Reply::Refused(Refusal::Hash)));
        let hash = "a".repeat(64);
        let out = run(will_copy(&hash), Session::default());
        assert_eq!(out.reply, Some(Reply::Done));
        let deadline = NOW as u64 + 60_000;
        let pending = PendingClear {
            hash: hash.clone(),
            deadline,
            attempts: 0,
        };
        // Only the hash and the deadline, in storage.local; storage.session is not touched.
        assert_eq!(out.write_clear, Some(Some(pending.clone())));
        assert_eq!(out.write, None);
        assert_eq!(out.wake_at, Some(deadline as f64));
        assert_eq!(out.alarm_at, Some(deadline as f64));
        assert_eq!(out.clear_clipboard, None);
        // Not before its time.
        let early = clear_step(Event::Tick, Some(pending.clone()), deadline as f64 - 1.0);
        assert_eq!(early.clear_clipboard, None);
        assert_eq!(early.write_clear, None);
        // At its time (a tick of the timer, the alarm, the worker's start, the browser's
        // start or an update: all are ticks): cleared, and still kept until it is done.
        let due = clear_step(Event::Tick, Some(pending.clone()), deadline as f64);
        assert_eq!(due.clear_clipboard, Some(hash.clone()));
        assert_eq!(due.write_clear, None, "kept until the clear is done");
        // Long after it (the browser was closed meanwhile): at once.
        let late = clear_step(
            Event::Tick,
            Some(pending.clone()),
            deadline as f64 + 86_400_000.0,
        );
        assert_eq!(late.clear_clipboard, Some(hash.clone()));
        let done = clear_step(
            Event::ClipboardCleared {
                hash: hash.clone(),
                done: true,
            },
            Some(pending),
            deadline as f64,
        );
        assert_eq!(done.write_clear, Some(None), "forgotten once done");
        assert_eq!(done.clear_clipboard, None);
        assert_eq!(done.wake_at, None);
    }

    #[test]
    fn a_later_copy_replaces_the_pending_clear_and_an_earlier_outcome_leaves_it() {
        let first = PendingClear {
            hash: "a".repeat(64),
            deadline: NOW as u64 + 1_000,
            attempts: 2,
        };
        let out = clear_step(will_copy(&"b".repeat(64)), Some(first.clone()), NOW);
        let second = PendingClear {
            hash: "b".repeat(64),
            deadline: NOW as u64 + 60_000,
            attempts: 0,
        };
        assert_eq!(out.write_clear, Some(Some(second.clone())));
        // The outcome of a clear of the first value does not forget the second's.
        let out = clear_step(
            Event::ClipboardCleared {
                hash: first.hash,
                done: true,
            },
            Some(second),
            NOW,
        );
        assert_eq!(out.write_clear, None);
    }

    #[test]
    fn a_failed_clear_is_retried_later_each_time_then_given_up() {
        let hash = "c".repeat(64);
        let mut pending = Some(PendingClear {
            hash: hash.clone(),
            deadline: NOW as u64,
            attempts: 0,
        });
        let mut now = NOW;
        let mut waits = Vec::new();
        for _ in 0..CLEAR_ATTEMPTS {
            let due = clear_step(Event::Tick, pending.clone(), now);
            assert_eq!(due.clear_clipboard.as_deref(), Some(hash.as_str()));
            let failed = clear_step(
                Event::ClipboardCleared {
                    hash: hash.clone(),
                    done: false,
                },
                pending.clone(),
                now,
            );
            assert_eq!(failed.clear_clipboard, None, "not again at once");
            let Some(next) = failed.write_clear.expect("written") else {
                break;
            };
            assert_eq!(failed.wake_at, Some(next.deadline as f64));
            waits.push(next.deadline - now as u64);
            now = next.deadline as f64;
            pending = Some(next);
        }
        // Five retries, each after twice the wait before it; the sixth failure gives up.
        assert_eq!(waits, [5_000, 10_000, 20_000, 40_000, 80_000]);
        let gave_up = clear_step(Event::ClipboardCleared { hash, done: false }, pending, now);
        assert_eq!(gave_up.write_clear, Some(None));
    }

    #[test]
    fn an_alarm_is_never_set_sooner_than_the_floor() {
        let settings = json!({"clipboardSeconds": 5});
        let out = step(
            will_copy(&"b".repeat(64)),
            Session::default(),
            None,
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
