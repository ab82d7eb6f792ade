//! The one contract between the extension's parts: every message to the background (the
//! worker) and its answers, every message to the content script, and every record kept in
//! storage. Each is a Rust type serialised one way (serde: serde_json natively and in the
//! tests, the same shape through serde-wasm-bindgen in the browser), so the content script,
//! the popup, the options page, the offscreen document and the worker cannot disagree on a
//! field's name or type. What is allowed, and from whom, is decided in `worker`.

use serde::{Deserialize, Serialize, Serializer};

use crate::credentials::{Credentials, Problem};

/// A message to the background (`runtime.sendMessage`). Anything else is refused in one
/// place (`worker::step`) as `Refusal::Message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// The credentials dialog, as the content script read it after the user's Save.
    Capture {
        capture: CaptureDraft,
    },
    /// A credentials `.txt` the popup read (`incognito`: the popup shows in a private window).
    Import {
        capture: CaptureDraft,
        #[serde(default)]
        incognito: bool,
    },
    /// The live captures, newest first: those of private windows only to a page in one
    /// (`incognito`: the asking page's `extension.inIncognitoContext`), the others only to a
    /// page in a normal window.
    Captures {
        #[serde(default)]
        incognito: bool,
    },
    Forget {
        id: String,
    },
    ForgetAll,
    /// The SHA-256 (lowercase hex) of a value the popup is about to copy: the clear is
    /// scheduled (and stored) first, and the popup writes the clipboard only once this is
    /// answered, so no copy is ever left without its clear.
    WillCopy {
        hash: String,
    },
    /// A `_locales` catalogue's text, for the in-page panel (which may not read it itself).
    Messages {
        locale: String,
    },
}

/// A capture as sent to the background, before it is checked and kept. Every field is
/// optional here: a page controls what the content script reads, and the background
/// decides what is kept (`worker::admit`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaptureDraft {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_hash: Option<String>,
    /// Milliseconds since the epoch, as the page's clock says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<f64>,
    pub credentials: Credentials,
    pub problems: Vec<ProblemRecord>,
    /// Which press of the page's Save this capture answers (the content script's own id for
    /// it): two different credential sets for one Save are kept both, as a conflict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub save_id: Option<String>,
}

/// A problem the credentials parser found, as kept with a capture (plain text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProblemRecord {
    pub field: String,
    pub kind: String,
    pub message: String,
}

impl From<&Problem> for ProblemRecord {
    fn from(p: &Problem) -> Self {
        ProblemRecord {
            field: p.field.key().into(),
            kind: p.kind.key().into(),
            message: p.message.clone(),
        }
    }
}

/// Where a capture came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The credentials dialog on the control panel.
    Capture,
    /// A credentials `.txt` file.
    Import,
}

/// A capture as the background keeps it (`storage.session` key `captures`, oldest first)
/// and hands it to the popup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Capture {
    pub id: String,
    #[serde(default)]
    pub preset: String,
    #[serde(default)]
    pub preset_name: String,
    #[serde(default)]
    pub store_hash: String,
    /// Milliseconds since the epoch.
    #[serde(default)]
    pub captured_at: f64,
    /// Milliseconds since the epoch; None for an account that does not expire on its own.
    #[serde(default)]
    pub expires_at: Option<f64>,
    #[serde(default = "imported")]
    pub source: Source,
    #[serde(default)]
    pub credentials: Credentials,
    #[serde(default)]
    pub problems: Vec<ProblemRecord>,
    /// The origin of the control-panel frame that sent it, as the browser named the sender
    /// ("" for an import).
    #[serde(default)]
    pub origin: String,
    /// The content script's id of the Save it answers, if it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_id: Option<String>,
    /// Another capture answered the same Save with different credentials: the user must
    /// check which one the control panel showed.
    #[serde(default)]
    pub conflict: bool,
    /// Sent from a private (incognito) window: listed only to pages in one.
    #[serde(default)]
    pub incognito: bool,
}

fn imported() -> Source {
    Source::Import
}

impl Capture {
    pub fn is_expired(&self, now_ms: f64) -> bool {
        self.expires_at.is_some_and(|at| at <= now_ms)
    }

    /// The store hash: the one the background bound it to (the sender's `store-{hash}` host,
    /// or an import's API path), else derived from the API path.
    pub fn store(&self) -> Option<String> {
        Some(self.store_hash.clone())
            .filter(|h| !h.is_empty())
            .or_else(|| self.credentials.store_hash())
    }

    /// The latest captured of `captures`, whatever their order; of two captured at the same
    /// time, the later in the list.
    pub fn newest<'a>(captures: impl IntoIterator<Item = &'a Capture>) -> Option<&'a Capture> {
        captures
            .into_iter()
            .max_by(|a, b| a.captured_at.total_cmp(&b.captured_at))
    }
}

/// A clipboard clear waiting for its time (`storage.local` key `local::PENDING_CLEAR`, so that
/// it outlives a browser restart and an extension update): the copied value's hash, never
/// the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingClear {
    pub hash: String,
    /// Milliseconds since the epoch: when to clear (moved later after a failed attempt).
    pub deadline: u64,
    /// Clears tried and failed so far.
    #[serde(default)]
    pub attempts: u32,
}

impl PendingClear {
    /// The pending clear as found in `storage.local` (anything of another shape is none).
    pub fn from_storage(stored: Option<&serde_json::Value>) -> Option<PendingClear> {
        stored.and_then(|v| serde_json::from_value(v.clone()).ok())
    }
}

/// What the background keeps in `storage.session`, read before and written after each step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub captures: Vec<Capture>,
    /// How many captures the cap dropped since none were left.
    pub dropped: u32,
}

/// The `storage.session` keys of a `Session`.
pub mod session_keys {
    pub const CAPTURES: &str = "captures";
    pub const DROPPED: &str = "dropped";
    pub const ALL: [&str; 2] = [CAPTURES, DROPPED];
}

/// What to change in `storage.session`: keys to set, keys to remove (an empty list or no
/// pending clear is removed, not stored).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorageWrite {
    pub set: serde_json::Map<String, serde_json::Value>,
    pub remove: Vec<&'static str>,
}

impl Session {
    /// The state as found in `storage.session` (`{captures, dropped}`, either missing). An
    /// entry of another shape is dropped rather than stopping the background.
    pub fn from_storage(stored: &serde_json::Value) -> Session {
        let get = |key: &str| stored.get(key).cloned();
        let captures = match get(session_keys::CAPTURES) {
            Some(serde_json::Value::Array(list)) => list
                .into_iter()
                .filter_map(|c| serde_json::from_value::<Capture>(c).ok())
                .filter(|c| !c.id.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        let dropped = get(session_keys::DROPPED)
            .and_then(|n| n.as_u64())
            .map_or(0, |n| n.min(u64::from(u32::MAX)) as u32);
        Session { captures, dropped }
    }

    /// How to store this state.
    pub fn to_storage(&self) -> StorageWrite {
        let mut set = serde_json::Map::new();
        let mut remove = Vec::new();
        if self.captures.is_empty() {
            remove.push(session_keys::CAPTURES);
        } else {
            set.insert(
                session_keys::CAPTURES.into(),
                serde_json::to_value(&self.captures).unwrap_or_default(),
            );
        }
        if self.dropped == 0 {
            remove.push(session_keys::DROPPED);
        } else {
            set.insert(session_keys::DROPPED.into(), self.dropped.into());
        }
        StorageWrite { set, remove }
    }
}

/// Why the background refused a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// Not a message of the contract, or a field of the wrong type.
    Message,
    /// The sender may not send this message.
    Sender,
    /// A capture with no credential in it.
    Empty,
    /// A credential longer than any real one: a shortened secret would be a wrong one.
    TooLong,
    /// Not a SHA-256 in lowercase hex.
    Hash,
    /// A capture from a frame whose host names no store (`store-{hash}.mybigcommerce.com`),
    /// or whose API path or store hash names another store than that host.
    Store,
    /// Not one of the extension's `_locales` folders.
    Locale,
    /// No capture with this id.
    Id,
    /// The catalogue could not be read.
    Fetch,
    /// The offscreen document could not read or write the clipboard.
    Clipboard,
}

/// The background's answer to a `ToWorker` message. On the wire `{ok: true, …}` or
/// `{ok: false, error}`, which is what every sender tests.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Added {
        id: String,
        /// The capture answers a Save another capture of the same origin answered with other
        /// credentials: both are kept, marked (on the wire only when true).
        conflict: bool,
    },
    Captures {
        /// Newest first.
        captures: Vec<Capture>,
        dropped: u32,
        limit: u32,
    },
    Done,
    Messages {
        json: String,
    },
    /// The offscreen document's answer: whether it cleared the clipboard.
    Cleared {
        cleared: bool,
    },
    Refused(Refusal),
}

impl Serialize for Reply {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            ok: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            id: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            captures: Option<&'a [Capture]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            dropped: Option<u32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            limit: Option<u32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            json: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            cleared: Option<bool>,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            conflict: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            error: Option<Refusal>,
        }
        let mut wire = Wire {
            ok: true,
            id: None,
            captures: None,
            dropped: None,
            limit: None,
            json: None,
            cleared: None,
            conflict: false,
            error: None,
        };
        match self {
            Reply::Added { id, conflict } => {
                wire.id = Some(id);
                wire.conflict = *conflict;
            }
            Reply::Captures {
                captures,
                dropped,
                limit,
            } => {
                wire.captures = Some(captures);
                wire.dropped = Some(*dropped);
                wire.limit = Some(*limit);
            }
            Reply::Done => {}
            Reply::Messages { json } => wire.json = Some(json),
            Reply::Cleared { cleared } => wire.cleared = Some(*cleared),
            Reply::Refused(refusal) => {
                wire.ok = false;
                wire.error = Some(*refusal);
            }
        }
        wire.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Reply {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            ok: bool,
            id: Option<String>,
            captures: Option<Vec<serde_json::Value>>,
            #[serde(default)]
            dropped: u32,
            #[serde(default)]
            limit: u32,
            json: Option<String>,
            cleared: Option<bool>,
            #[serde(default)]
            conflict: bool,
            error: Option<Refusal>,
        }
        let wire = Wire::deserialize(deserializer)?;
        Ok(match wire {
            Wire {
                ok: false, error, ..
            } => Reply::Refused(error.unwrap_or(Refusal::Message)),
            Wire {
                id: Some(id),
                conflict,
                ..
            } => Reply::Added { id, conflict },
            Wire {
                captures: Some(list),
                dropped,
                limit,
                ..
            } => Reply::Captures {
                // One malformed entry (an older shape) is skipped, not fatal.
                captures: list
                    .into_iter()
                    .filter_map(|c| serde_json::from_value(c).ok())
                    .collect(),
                dropped,
                limit,
            },
            Wire {
                json: Some(json), ..
            } => Reply::Messages { json },
            Wire {
                cleared: Some(cleared),
                ..
            } => Reply::Cleared { cleared },
            _ => Reply::Done,
        })
    }
}

impl Reply {
    pub fn is_ok(&self) -> bool {
        !matches!(self, Reply::Refused(_))
    }
}

/// The worker's request to the offscreen document (Chrome, whose worker has no DOM to reach
/// the clipboard with; Firefox's background page clears it itself). Admitted only from the
/// extension's own contexts (`worker::offscreen_request`); answered `Reply::Cleared`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToOffscreen {
    /// Clear the clipboard if it still holds the value with this SHA-256 (`verify`: the
    /// optional clipboardRead permission is granted), or whatever it holds (without it).
    ClearClipboard { hash: String, verify: bool },
}

/// A `ToOffscreen` on the wire: `{target: "offscreen", type, …}`. Every `runtime.sendMessage`
/// reaches every extension page, so the popup's messages to the worker reach the offscreen
/// document too; it answers only the ones addressed to it, and leaves the rest to the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToOffscreenAddressed {
    pub target: OffscreenTarget,
    #[serde(flatten)]
    pub request: ToOffscreen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OffscreenTarget {
    Offscreen,
}

impl From<ToOffscreen> for ToOffscreenAddressed {
    fn from(request: ToOffscreen) -> Self {
        ToOffscreenAddressed {
            target: OffscreenTarget::Offscreen,
            request,
        }
    }
}

/// A message from the popup to the content script of the control-panel tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToContent {
    /// "Fill form" with this preset.
    Fill { preset: String },
    /// The redacted page outline, for a bug report.
    Outline,
}

impl ToContent {
    /// The message from its `type` and `preset` fields, as serde reads it: for the content
    /// script, which reads the two fields itself rather than carry serde's machinery for
    /// tagged enums (a twentieth of its core).
    pub fn from_fields(kind: &str, preset: Option<String>) -> Option<ToContent> {
        match kind {
            "fill" => Some(ToContent::Fill { preset: preset? }),
            "outline" => Some(ToContent::Outline),
            _ => None,
        }
    }
}

/// What the options page, the popup and the content script keep in `storage.local`.
pub mod local {
    /// The user's settings (`settings::Settings`).
    pub const SETTINGS: &str = "settings";
    /// The user's presets: `[{file, json}]`.
    pub const CUSTOM_PRESETS: &str = "customPresets";
    /// The id of the integration last used to fill a form.
    pub const LAST_PRESET: &str = "lastPreset";
    /// Set once the user has answered the popup's clipboard question.
    pub const CLIPBOARD_READ_ASKED: &str = "clipboardReadAsked";
    /// The clipboard clear not yet done (`PendingClear`: a hash and a deadline, never the
    /// value). Here rather than in `storage.session`, which a browser restart empties.
    pub const PENDING_CLEAR: &str = "pendingClear";
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn messages_to_the_worker_read_as_their_type_and_nothing_else_does() {
        let read = |v: serde_json::Value| serde_json::from_value::<ToWorker>(v).ok();
        assert_eq!(
            read(json!({"type": "captures"})),
            Some(ToWorker::Captures { incognito: false })
        );
        assert_eq!(
            read(json!({"type": "captures", "incognito": true})),
            Some(ToWorker::Captures { incognito: true })
        );
        assert_eq!(
            read(json!({"type": "forget-all"})),
            Some(ToWorker::ForgetAll)
        );
        assert_eq!(
            read(json!({"type": "forget", "id": "a"})),
            Some(ToWorker::Forget { id: "a".into() })
        );
        assert_eq!(read(json!({"type": "forget", "id": 5})), None);
        assert_eq!(read(json!({"type": "format-disk"})), None);
        assert_eq!(read(json!("captures")), None);
        let capture = read(json!({"type": "capture", "capture": {
            "preset": "wherehouse", "capturedAt": 5.5,
            "credentials": {"client_id": "abc"}, "problems": [{"field": "x"}]
        }}));
        let Some(ToWorker::Capture { capture }) = capture else {
            panic!("a capture");
        };
        assert_eq!(capture.preset.as_deref(), Some("wherehouse"));
        assert_eq!(capture.captured_at, Some(5.5));
        assert_eq!(capture.credentials.client_id.as_deref(), Some("abc"));
        assert_eq!(capture.problems[0].field, "x");
        assert_eq!(capture.save_id, None);
        let with_save = read(json!({"type": "capture", "capture": {"saveId": "s-1"}}));
        let Some(ToWorker::Capture { capture }) = with_save else {
            panic!("a capture");
        };
        assert_eq!(capture.save_id.as_deref(), Some("s-1"));
        assert_eq!(
            serde_json::to_value(&capture).unwrap()["saveId"],
            json!("s-1"),
            "camelCase on the wire"
        );
    }

    #[test]
    fn a_problem_is_kept_with_the_names_it_serialises_with() {
        let problem = Problem {
            field: crate::credentials::CredentialField::B2bApiPath,
            kind: crate::credentials::ProblemKind::Conflict,
            message: "m".into(),
        };
        let record = ProblemRecord::from(&problem);
        let wire = serde_json::to_value(&problem).unwrap();
        assert_eq!(wire["field"], record.field.as_str());
        assert_eq!(wire["kind"], record.kind.as_str());
    }

    #[test]
    fn replies_have_the_wire_shape_every_sender_tests_and_read_back() {
        let wire = |r: &Reply| serde_json::to_value(r).unwrap();
        assert_eq!(wire(&Reply::Done), json!({"ok": true}));
        assert_eq!(
            wire(&Reply::Refused(Refusal::TooLong)),
            json!({"ok": false, "error": "too-long"})
        );
        assert_eq!(
            wire(&Reply::Added {
                id: "x".into(),
                conflict: false
            }),
            json!({"ok": true, "id": "x"})
        );
        assert_eq!(
            wire(&Reply::Added {
                id: "x".into(),
                conflict: true
            }),
            json!({"ok": true, "id": "x", "conflict": true})
        );
        let list = Reply::Captures {
            captures: vec![],
            dropped: 2,
            limit: 20,
        };
        assert_eq!(
            wire(&list),
            json!({"ok": true, "captures": [], "dropped": 2, "limit": 20})
        );
        for reply in [
            Reply::Done,
            Reply::Refused(Refusal::Sender),
            Reply::Added {
                id: "x".into(),
                conflict: false,
            },
            Reply::Added {
                id: "x".into(),
                conflict: true,
            },
            list,
            Reply::Messages { json: "{}".into() },
        ] {
            assert_eq!(
                serde_json::from_value::<Reply>(wire(&reply)).unwrap(),
                reply
            );
        }
    }

    #[test]
    fn the_content_script_reads_its_messages_as_serde_does() {
        for wire in [
            json!({"type": "fill", "preset": "wherehouse"}),
            json!({"type": "fill"}),
            json!({"type": "outline"}),
            json!({"type": "outline", "preset": "x"}),
            json!({"type": "capture"}),
        ] {
            let kind = wire["type"].as_str().unwrap();
            let preset = wire
                .get("preset")
                .and_then(|p| p.as_str())
                .map(String::from);
            assert_eq!(
                ToContent::from_fields(kind, preset),
                serde_json::from_value::<ToContent>(wire.clone()).ok(),
                "{wire}"
            );
        }
    }

    #[test]
    fn a_stored_capture_of_an_older_shape_reads_with_defaults() {
        let c: Capture = serde_json::from_value(json!({"id": "a"})).unwrap();
        assert_eq!(c.source, Source::Import);
        assert_eq!(c.expires_at, None);
        let fill: ToContent =
            serde_json::from_value(json!({"type": "fill", "preset": "x"})).unwrap();
        assert_eq!(fill, ToContent::Fill { preset: "x".into() });
    }

    #[test]
    fn the_session_reads_leniently_and_stores_nothing_empty() {
        let stored = json!({
            "captures": [{"id": "a", "credentials": {"client_id": "x"}}, {"id": 5}, "junk", {"id": ""}],
            "dropped": -3,
        });
        let session = Session::from_storage(&stored);
        assert_eq!(session.captures.len(), 1);
        assert_eq!(session.dropped, 0);
        let write = session.to_storage();
        assert_eq!(write.remove, ["dropped"]);
        assert_eq!(write.set["captures"][0]["id"], "a");
        assert_eq!(Session::from_storage(&json!(null)), Session::default());
        let empty = Session::default().to_storage();
        assert!(empty.set.is_empty());
        assert_eq!(empty.remove, session_keys::ALL);
        // A pending clear of an older shape (no attempts yet) reads; another shape is none.
        let pending = PendingClear::from_storage(Some(&json!({"hash": "h", "deadline": 5})));
        assert_eq!(
            pending,
            Some(PendingClear {
                hash: "h".into(),
                deadline: 5,
                attempts: 0
            })
        );
        assert_eq!(
            PendingClear::from_storage(Some(&json!({"hash": "h"}))),
            None
        );
        assert_eq!(PendingClear::from_storage(None), None);
    }
}
