//! "Fill this page": which field of the integration's own credentials form takes which
//! value, decided on an outline of the page (one per frame, read by `target/page.js`).
//!
//! Fields are recognised as a person does: by the caption they show first (label,
//! `aria-label`, `aria-labelledby`), then the placeholder, then `name`, `id` and
//! `autocomplete`. On an address a preset's target profile names, its layouts' labels are
//! the captions looked for (and its `leave_empty` captions are left alone); elsewhere, the
//! common names of each value. A field is planned only when exactly one kind of value reads
//! in it and no other field reads as that kind; everything else recognised is reported with
//! why. The plan holds kinds, captions and states, never a value: [`TargetPlan::writes`]
//! reads the values from the credentials at the moment of writing.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{IgnoredAny, SeqAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::credentials::Credentials;
use crate::json::{JsonError, JsonReader};
use crate::lookalike;
use crate::preset::Preset;
use crate::secret::Secret;
use crate::target::{Layout, ValueKind};
use crate::text::normalize;

/// The most frames of one page read (further frames are dropped unread).
pub const MAX_FRAMES: usize = 20;
/// The most fields of one frame read.
pub const MAX_FIELDS: usize = 500;
/// The most choices and child-frame origins of one frame read.
pub const MAX_LIST: usize = 100;
/// The longest text kept from the page, in characters (longer texts are cut).
pub const MAX_TEXT: usize = 512;

/// One frame's page, as `scopefillTarget.outline()` returns it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageOutline {
    #[serde(deserialize_with = "text")]
    pub url: String,
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(deserialize_with = "fields")]
    pub fields: Vec<FieldOutline>,
    #[serde(deserialize_with = "texts")]
    pub choices: Vec<String>,
    #[serde(deserialize_with = "texts")]
    pub frames: Vec<String>,
}

/// One `input` or `textarea` of the frame. Never logged: `value` is the page's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FieldOutline {
    /// Index in the frame's field list; page.js keeps ref → element.
    #[serde(rename = "ref")]
    pub ref_: u32,
    #[serde(deserialize_with = "text")]
    pub tag: String,
    #[serde(rename = "type", deserialize_with = "text")]
    pub type_: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub autocomplete: String,
    #[serde(deserialize_with = "text")]
    pub label: String,
    #[serde(deserialize_with = "text")]
    pub aria_label: String,
    #[serde(deserialize_with = "text")]
    pub labelled_by: String,
    #[serde(deserialize_with = "text")]
    pub placeholder: String,
    #[serde(deserialize_with = "text")]
    pub section: String,
    #[serde(deserialize_with = "text")]
    pub value: String,
    /// False when missing: a field not known to be shown is never filled (a hidden field
    /// taking a secret is the classic autofill leak).
    #[serde(deserialize_with = "flag")]
    pub visible: bool,
    #[serde(deserialize_with = "flag")]
    pub disabled: bool,
    #[serde(deserialize_with = "flag")]
    pub read_only: bool,
    pub form: Option<u32>,
}

/// A frame's outline with the frame it came from (`executeScript`'s `frameId`; 0 is the top).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FrameOutline {
    pub frame_id: i64,
    pub page: PageOutline,
}

/// `text` cut to [`MAX_TEXT`] characters.
fn cut(mut text: String) -> String {
    if let Some((at, _)) = text.char_indices().nth(MAX_TEXT) {
        text.truncate(at);
    }
    text
}

/// A string, cut; null reads as empty.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?
        .map(cut)
        .unwrap_or_default())
}

/// A flag; null reads as false.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

/// A cut string as a list element.
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text(d).map(Text)
    }
}

/// A JSON list, its first `cap` elements read and the rest skipped; null reads as empty.
struct Bounded<T> {
    cap: usize,
    element: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_unit<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while out.len() < self.cap {
            match seq.next_element::<T>()? {
                Some(element) => out.push(element),
                None => return Ok(out),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(out)
    }
}

fn bounded<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    cap: usize,
) -> Result<Vec<T>, D::Error> {
    d.deserialize_any(Bounded {
        cap,
        element: PhantomData,
    })
}

fn fields<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FieldOutline>, D::Error> {
    bounded(d, MAX_FIELDS)
}

fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(bounded::<D, Text>(d, MAX_LIST)?
        .into_iter()
        .map(|t| t.0)
        .collect())
}

/// The frames' outlines as the popup hands them over (a JSON list of [`FrameOutline`]), the
/// first [`MAX_FRAMES`] kept.
#[derive(Debug, Default)]
pub struct Frames(pub Vec<FrameOutline>);

impl<'de> Deserialize<'de> for Frames {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        bounded(d, MAX_FRAMES).map(Frames)
    }
}

/// Reads the frames' outlines (see [`Frames`]) with `R`.
pub fn read_frames<R: JsonReader>(json: &str) -> Result<Vec<FrameOutline>, JsonError> {
    R::read::<Frames>(json).map(|f| f.0)
}

/// What a planned field holds now, compared with the value it will take (both trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldState {
    /// Empty: filling writes the value.
    Fill,
    /// Already holds the value: nothing to write.
    Same,
    /// Holds another value, which filling replaces (the popup says so first).
    Replaces,
}

/// A field that will take a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedField {
    pub frame_id: i64,
    #[serde(rename = "ref")]
    pub ref_: u32,
    /// As the page labels the field (hidden characters removed, spaces collapsed).
    pub caption: String,
    pub kind: ValueKind,
    pub secret: bool,
    pub state: FieldState,
}

/// Why a recognised field is not filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The integration's guide says to leave it empty (Starshipit's Username).
    LeaveEmpty,
    /// Its caption names more than one value ("Client ID or Secret").
    Ambiguous(Vec<ValueKind>),
    /// Another field reads as the same value; neither is filled.
    Duplicate(ValueKind),
    /// Disabled or read-only.
    Disabled,
    /// The capture has no value of this kind (a store URL without an API path).
    NoValue(ValueKind),
}

impl SkipReason {
    /// The reason's name in the plan's JSON (and the popup's message keys).
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::LeaveEmpty => "leave_empty",
            SkipReason::Ambiguous(_) => "ambiguous",
            SkipReason::Duplicate(_) => "duplicate",
            SkipReason::Disabled => "disabled",
            SkipReason::NoValue(_) => "no_value",
        }
    }

    /// The kinds the reason names (none for LeaveEmpty and Disabled).
    pub fn kinds(&self) -> Vec<ValueKind> {
        match self {
            SkipReason::Ambiguous(kinds) => kinds.clone(),
            SkipReason::Duplicate(kind) | SkipReason::NoValue(kind) => vec![*kind],
            SkipReason::LeaveEmpty | SkipReason::Disabled => Vec::new(),
        }
    }
}

/// `{"code": "ambiguous", "kinds": ["client_id", "client_secret"]}`: one shape for every
/// reason, so the popup reads them alike.
impl Serialize for SkipReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SkipReason", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("kinds", &self.kinds())?;
        s.end()
    }
}

/// A recognised field that is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedField {
    pub frame_id: i64,
    #[serde(rename = "ref")]
    pub ref_: u32,
    pub caption: String,
    pub reason: SkipReason,
}

/// What "Fill this page" would do on the page. Holds no value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetPlan {
    /// The top frame's host.
    pub host: String,
    /// (preset id, layout name) when the address is one a preset's target profile names.
    pub profile: Option<(String, String)>,
    /// False: the address is not the integration's known one, or a frame with fields to
    /// fill is on another origin; the popup asks before filling.
    pub known_address: bool,
    /// In page order (frames as given, fields by ref).
    pub fields: Vec<PlannedField>,
    pub skipped: Vec<SkippedField>,
    /// Origins of https child frames seen but not outlined (cross-origin, no permission yet).
    pub missing_frames: Vec<String>,
}

impl TargetPlan {
    /// The values to write, `(frame, ref, value)`: every planned field that does not hold
    /// its value already, and whose value the credentials have.
    pub fn writes(&self, creds: &Credentials) -> Vec<(i64, u32, Secret)> {
        self.fields
            .iter()
            .filter(|f| f.state != FieldState::Same)
            .filter_map(|f| Some((f.frame_id, f.ref_, f.kind.read(creds)?)))
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// Addresses.

/// Why `pattern` is not an `https://host/path` pattern; Ok when it is. The host is a DNS
/// name, optionally after `*.` (any subdomain); the path starts with `/` and may hold `*`
/// (any text).
pub fn check_pattern(pattern: &str) -> Result<(), &'static str> {
    if pattern.len() > crate::preset::MAX_ADDRESS_BYTES {
        return Err("too long");
    }
    let rest = match pattern.get(..8) {
        Some(scheme) if scheme.eq_ignore_ascii_case("https://") => &pattern[8..],
        _ => return Err("it does not start with https://"),
    };
    let Some(slash) = rest.find('/') else {
        return Err("no path after the host (end with /* for every page)");
    };
    let (host, path) = rest.split_at(slash);
    let bare = host.strip_prefix("*.").unwrap_or(host);
    let host_ok = !bare.is_empty()
        && bare.len() <= 253
        && bare.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !host_ok {
        return Err("the host is not a DNS name (a leading *. is the only wildcard)");
    }
    if path
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\'))
    {
        return Err("the path holds a space, ?, # or \\");
    }
    Ok(())
}

/// Whether the page address `url` (https only) is one `pattern` names.
pub fn address_matches(pattern: &str, url: &str) -> bool {
    if check_pattern(pattern).is_err() {
        return false;
    }
    let Some(page) = crate::https::parse(url) else {
        return false;
    };
    let rest = &pattern[8..];
    let slash = rest.find('/').unwrap_or(rest.len());
    let (host, path) = rest.split_at(slash);
    let host = host.to_ascii_lowercase();
    let host_ok = match host.strip_prefix("*.") {
        Some(parent) => page
            .host
            .strip_suffix(parent)
            .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        None => page.host == host,
    };
    host_ok && glob(path, page.path)
}

/// `*` in `pattern` matches any text (including `/`); everything else itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, rest) = match parts.split_first() {
        Some(split) => split,
        None => return text.is_empty(),
    };
    let Some(mut text) = text.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return text.is_empty();
    };
    for part in middle {
        match text.find(part) {
            Some(at) => text = &text[at + part.len()..],
            None => return false,
        }
    }
    text.ends_with(last)
}

/// The host of an address (any scheme), lowercase, without port or user.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    host.to_ascii_lowercase()
}

/// `scheme://host[:port]` of an address, lowercase; None for one without `://`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or("");
    if scheme.is_empty() || authority.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{authority}").to_ascii_lowercase())
}

// ---------------------------------------------------------------------------------------
// Recognition.

/// What a caption says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Value(ValueKind),
    /// "Password": the access token under Basic auth, nothing elsewhere.
    Password,
    /// "Username": the Client ID under Basic auth where a profile says so, nothing elsewhere.
    Username,
}

/// The common names of each value, as their words run together (so "Client ID",
/// "client_id", "clientId" and "X-Auth-Client" all read).
const COMMON_NAMES: &[(&str, Meaning)] = &[
    ("clientid", Meaning::Value(ValueKind::ClientId)),
    ("xauthclient", Meaning::Value(ValueKind::ClientId)),
    ("clientsecret", Meaning::Value(ValueKind::ClientSecret)),
    ("secret", Meaning::Value(ValueKind::ClientSecret)),
    ("accesstoken", Meaning::Value(ValueKind::AccessToken)),
    ("xauthtoken", Meaning::Value(ValueKind::AccessToken)),
    ("apitoken", Meaning::Value(ValueKind::AccessToken)),
    ("authtoken", Meaning::Value(ValueKind::AccessToken)),
    ("token", Meaning::Value(ValueKind::AccessToken)),
    ("storehash", Meaning::Value(ValueKind::StoreHash)),
    ("storeid", Meaning::Value(ValueKind::StoreHash)),
    ("b2beditionapipath", Meaning::Value(ValueKind::B2bApiPath)),
    ("b2bapipath", Meaning::Value(ValueKind::B2bApiPath)),
    ("apipath", Meaning::Value(ValueKind::ApiPath)),
    ("apiurl", Meaning::Value(ValueKind::ApiPath)),
    ("storeurl", Meaning::Value(ValueKind::StoreUrl)),
    ("apihost", Meaning::Value(ValueKind::ApiHost)),
    ("password", Meaning::Password),
    ("username", Meaning::Username),
];

/// The most words one common name spans ("b2b edition api path").
const LONGEST_NAME: usize = 4;

/// The words of a caption or attribute, lowercase: split at anything but letters and
/// digits, and where camelCase turns ("clientId", "APIPath").
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let turn = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if turn && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The common names in `text`, longest first at each word ("Access token" is one name,
/// not "token" too).
fn common_meanings(text: &str) -> Vec<Meaning> {
    let words = words(text);
    let mut found = Vec::new();
    let mut i = 0;
    'words: while i < words.len() {
        for len in (1..=LONGEST_NAME.min(words.len() - i)).rev() {
            let joined = words[i..i + len].concat();
            if let Some((_, meaning)) = COMMON_NAMES.iter().find(|(name, _)| *name == joined) {
                found.push(*meaning);
                i += len;
                continue 'words;
            }
        }
        i += 1;
    }
    found
}

/// A field's texts in the order a person reads them: its caption (label, aria-label,
/// aria-labelledby), then its placeholder, then its name, id and autocomplete.
fn tiers(f: &FieldOutline) -> [Vec<&str>; 3] {
    [
        vec![&f.label, &f.aria_label, &f.labelled_by],
        vec![&f.placeholder],
        vec![&f.name, &f.id, &f.autocomplete],
    ]
    .map(|tier| {
        tier.into_iter()
            .map(String::as_str)
            .filter(|t| !t.trim().is_empty())
            .collect()
    })
}

/// Whether `text` has the word "basic" (an auth choice "Basic", a section "Basic auth").
fn says_basic(text: &str) -> bool {
    words(text).iter().any(|w| w == "basic")
}

/// The field as the popup names it: its first non-empty caption, hidden characters
/// removed, spaces collapsed.
fn caption(f: &FieldOutline) -> String {
    let first = [
        &f.label,
        &f.aria_label,
        &f.labelled_by,
        &f.placeholder,
        &f.name,
        &f.id,
    ]
    .into_iter()
    .find(|t| !t.trim().is_empty())
    .map_or("", String::as_str);
    first
        .chars()
        .filter(|&c| !lookalike::is_hidden(c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the field is one a person types into: a text-like input or a textarea.
fn is_text_field(f: &FieldOutline) -> bool {
    match f.tag.to_ascii_lowercase().as_str() {
        "textarea" => true,
        "input" => matches!(
            f.type_.to_ascii_lowercase().as_str(),
            "" | "text" | "password" | "url" | "email" | "search" | "tel"
        ),
        _ => false,
    }
}

/// The profile in use: a preset whose target addresses name the page, and one of its layouts.
struct Profile<'a> {
    preset: &'a Preset,
    layout: &'a Layout,
}

/// The values `meanings` name, Password and Username resolved: under Basic auth Password is
/// the access token (and, where the profile's layout says so, Username its value);
/// elsewhere both mean nothing.
fn resolve(meanings: &[Meaning], basic: bool) -> Vec<ValueKind> {
    let mut kinds: Vec<ValueKind> = Vec::new();
    for m in meanings {
        let kind = match m {
            Meaning::Value(kind) => Some(*kind),
            Meaning::Password if basic => Some(ValueKind::AccessToken),
            Meaning::Password | Meaning::Username => None,
        };
        if let Some(kind) = kind {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    kinds
}

/// The profile layout's captions a text equals, as meanings ("Password" and "Username"
/// stay themselves: they need Basic auth even where a profile names them).
fn layout_meanings(layout: &Layout, text: &str) -> Vec<(Meaning, ValueKind)> {
    let key = normalize(text);
    if key.is_empty() {
        return Vec::new();
    }
    layout
        .fields
        .iter()
        .filter(|f| normalize(&f.label) == key)
        .map(|f| {
            let meaning = match key.as_str() {
                "password" => Meaning::Password,
                "username" => Meaning::Username,
                _ => Meaning::Value(f.value),
            };
            (meaning, f.value)
        })
        .collect()
}

/// The kinds a field reads as; None when nothing in it names a value. The first tier with
/// any name decides: a visible caption outweighs the markup behind it.
fn recognise(f: &FieldOutline, profile: Option<&Layout>, basic: bool) -> Option<Vec<ValueKind>> {
    let tiers = tiers(f);
    if let Some(layout) = profile {
        for tier in &tiers {
            let found: Vec<(Meaning, ValueKind)> = tier
                .iter()
                .flat_map(|t| layout_meanings(layout, t))
                .collect();
            if !found.is_empty() {
                let mut kinds: Vec<ValueKind> = Vec::new();
                for (meaning, kind) in found {
                    let ok = match meaning {
                        Meaning::Password | Meaning::Username => basic,
                        Meaning::Value(_) => true,
                    };
                    if ok && !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                }
                return Some(kinds);
            }
        }
    }
    for tier in &tiers {
        let meanings: Vec<Meaning> = tier.iter().flat_map(|t| common_meanings(t)).collect();
        if !meanings.is_empty() {
            return Some(resolve(&meanings, basic));
        }
    }
    None
}

/// Whether a field's caption is one the profile says to leave empty.
fn leave_empty(f: &FieldOutline, preset: &Preset) -> bool {
    let Some(target) = &preset.target else {
        return false;
    };
    let keys: Vec<String> = target.leave_empty.iter().map(|c| normalize(c)).collect();
    tiers(f)
        .iter()
        .flatten()
        .any(|t| keys.contains(&normalize(t)))
}

/// The preset whose target addresses name `url`: the chosen one first, then in list order.
fn profile_preset<'a>(
    presets: &'a [Preset],
    chosen: Option<&str>,
    url: &str,
) -> Option<&'a Preset> {
    let names = |p: &Preset| {
        p.target
            .as_ref()
            .is_some_and(|t| t.addresses.iter().any(|a| address_matches(a, url)))
    };
    presets
        .iter()
        .filter(|p| Some(p.id.as_str()) == chosen)
        .chain(presets.iter())
        .find(|p| names(p))
}

/// The preset's layout the page shows: the one whose captions the most visible fields
/// carry; on a tie, the one a choice on the page names (Celigo's "Basic"), else the first.
fn pick_layout<'a>(preset: &'a Preset, frames: &[&FrameOutline]) -> Option<&'a Layout> {
    let chosen_names: Vec<String> = frames
        .iter()
        .flat_map(|f| f.page.choices.iter().map(|c| normalize(c)))
        .collect();
    let score = |layout: &Layout| {
        frames
            .iter()
            .flat_map(|f| f.page.fields.iter())
            .filter(|f| f.visible && is_text_field(f))
            .filter(|f| {
                tiers(f)
                    .iter()
                    .flatten()
                    .any(|t| !layout_meanings(layout, t).is_empty())
            })
            .count()
    };
    let mut best: Option<(&Layout, usize, bool)> = None;
    for layout in &preset.layouts {
        let s = score(layout);
        let named = chosen_names.contains(&normalize(&layout.name));
        let better = match best {
            None => true,
            Some((_, bs, bn)) => s > bs || (s == bs && named && !bn),
        };
        if better {
            best = Some((layout, s, named));
        }
    }
    best.map(|(layout, _, _)| layout)
}

/// A field that reads as exactly one kind, before duplicates are sorted out.
struct Candidate {
    frame_id: i64,
    ref_: u32,
    caption: String,
    kind: ValueKind,
    current: String,
    /// Its frame is the top frame's origin or one the profile names.
    trusted_frame: bool,
}

/// What "Fill this page" would do on the frames' outlines with `creds`. `presets` are the
/// presets whose target profiles are looked for; `chosen` is the preset the user picked
/// (preferred when several name the address).
pub fn plan(
    frames: &[FrameOutline],
    presets: &[Preset],
    chosen: Option<&str>,
    creds: &Credentials,
) -> TargetPlan {
    let frames: Vec<&FrameOutline> = frames.iter().take(MAX_FRAMES).collect();
    let top = frames
        .iter()
        .find(|f| f.frame_id == 0)
        .or_else(|| frames.first())
        .copied();
    let top_url = top.map_or("", |f| f.page.url.as_str());
    let top_origin = origin_of(top_url);

    let profile = profile_preset(presets, chosen, top_url)
        .and_then(|preset| pick_layout(preset, &frames).map(|layout| Profile { preset, layout }));

    let mut candidates: Vec<Candidate> = Vec::new();
    let mut skipped: Vec<SkippedField> = Vec::new();
    for frame in &frames {
        let page = &frame.page;
        let frame_origin = origin_of(&page.url);
        let trusted_frame = frame_origin == top_origin
            || profile.as_ref().is_some_and(|p| {
                p.preset
                    .target
                    .as_ref()
                    .is_some_and(|t| t.addresses.iter().any(|a| address_matches(a, &page.url)))
            });
        let basic_choice = page.choices.iter().any(|c| says_basic(c));
        for f in &page.fields {
            // What a person cannot see or type into is not there for them.
            if !f.visible || !is_text_field(f) {
                continue;
            }
            let skip = |reason| SkippedField {
                frame_id: frame.frame_id,
                ref_: f.ref_,
                caption: caption(f),
                reason,
            };
            if profile.as_ref().is_some_and(|p| leave_empty(f, p.preset)) {
                skipped.push(skip(SkipReason::LeaveEmpty));
                continue;
            }
            let basic = basic_choice || says_basic(&f.section);
            let Some(kinds) = recognise(f, profile.as_ref().map(|p| p.layout), basic) else {
                continue;
            };
            match kinds.as_slice() {
                [] => {}
                [_] if f.disabled || f.read_only => skipped.push(skip(SkipReason::Disabled)),
                [kind] => candidates.push(Candidate {
                    frame_id: frame.frame_id,
                    ref_: f.ref_,
                    caption: caption(f),
                    kind: *kind,
                    current: f.value.trim().to_string(),
                    trusted_frame,
                }),
                several => skipped.push(skip(SkipReason::Ambiguous(several.to_vec()))),
            }
        }
    }

    let mut fields = Vec::new();
    for c in &candidates {
        let skip = |reason| SkippedField {
            frame_id: c.frame_id,
            ref_: c.ref_,
            caption: c.caption.clone(),
            reason,
        };
        if candidates.iter().filter(|o| o.kind == c.kind).count() > 1 {
            skipped.push(skip(SkipReason::Duplicate(c.kind)));
            continue;
        }
        let Some(value) = c.kind.read(creds) else {
            skipped.push(skip(SkipReason::NoValue(c.kind)));
            continue;
        };
        let ours = value.expose().trim();
        let state = if c.current.is_empty() {
            FieldState::Fill
        } else if c.current == ours {
            FieldState::Same
        } else {
            FieldState::Replaces
        };
        fields.push(PlannedField {
            frame_id: c.frame_id,
            ref_: c.ref_,
            caption: c.caption.clone(),
            kind: c.kind,
            secret: c.kind.is_secret(),
            state,
        });
    }

    let planned_frames_trusted = candidates
        .iter()
        .filter(|c| {
            fields
                .iter()
                .any(|f| f.frame_id == c.frame_id && f.ref_ == c.ref_)
        })
        .all(|c| c.trusted_frame);

    let outlined: Vec<String> = frames
        .iter()
        .filter_map(|f| origin_of(&f.page.url))
        .collect();
    let mut missing_frames: Vec<String> = Vec::new();
    for origin in frames.iter().flat_map(|f| f.page.frames.iter()) {
        let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
        // https only: the optional permission asked for is https://*/*, and credentials are
        // not offered to a frame anyone on the network could read.
        if origin.starts_with("https://")
            && !outlined.contains(&origin)
            && !missing_frames.contains(&origin)
            && missing_frames.len() < MAX_FRAMES
        {
            missing_frames.push(origin);
        }
    }

    TargetPlan {
        host: host_of(top_url),
        known_address: profile.is_some() && planned_frames_trusted,
        profile: profile.map(|p| (p.preset.id.clone(), p.layout.name.clone())),
        fields,
        skipped,
        missing_frames,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_punctuation_and_camel_case() {
        assert_eq!(words("X-Auth-Client"), ["x", "auth", "client"]);
        assert_eq!(words("clientId"), ["client", "id"]);
        assert_eq!(words("APIPath"), ["api", "path"]);
        assert_eq!(words("BC API STORE HASH *"), ["bc", "api", "store", "hash"]);
        assert_eq!(words("store_hash:"), ["store", "hash"]);
        assert_eq!(words("B2B Edition"), ["b2b", "edition"]);
    }

    #[test]
    fn common_names_take_the_longest_name_at_each_word() {
        use Meaning::Value;
        assert_eq!(
            common_meanings("Access token"),
            [Value(ValueKind::AccessToken)]
        );
        assert_eq!(
            common_meanings("Client ID or Secret"),
            [Value(ValueKind::ClientId), Value(ValueKind::ClientSecret)]
        );
        assert_eq!(
            common_meanings("B2B Edition API path"),
            [Value(ValueKind::B2bApiPath)]
        );
        assert_eq!(
            common_meanings("x_auth_client"),
            [Value(ValueKind::ClientId)]
        );
        assert!(common_meanings("Store name").is_empty());
    }

    #[test]
    fn patterns_are_https_host_and_path() {
        assert!(check_pattern("https://app.wherehouse.co.za/*").is_ok());
        assert!(check_pattern("https://*.integrator.io/*").is_ok());
        assert!(check_pattern("http://app.example/*").is_err());
        assert!(check_pattern("https://app.example").is_err());
        assert!(check_pattern("https://app.*.example/*").is_err());
        assert!(check_pattern("https://user@app.example/*").is_err());
        assert!(check_pattern("https://app.example/a b").is_err());
    }

    #[test]
    fn addresses_match_host_subdomains_and_path_globs() {
        let any = "https://*.integrator.io/*";
        assert!(address_matches(any, "https://eu.integrator.io/connections"));
        assert!(!address_matches(any, "https://integrator.io/connections"));
        assert!(!address_matches(any, "https://evilintegrator.io/"));
        assert!(!address_matches(any, "https://integrator.io.evil.example/"));
        assert!(!address_matches(any, "http://eu.integrator.io/"));
        let exact = "https://app.wherehouse.co.za/*";
        assert!(address_matches(
            exact,
            "https://APP.wherehouse.co.za/a/b?x=1"
        ));
        assert!(address_matches(exact, "https://app.wherehouse.co.za"));
        assert!(!address_matches(
            exact,
            "https://app.wherehouse.co.za.evil.example/"
        ));
        assert!(address_matches(
            "https://x.example/settings/*/bigcommerce",
            "https://x.example/settings/a/b/bigcommerce"
        ));
        assert!(!address_matches(
            "https://x.example/settings/*/bigcommerce",
            "https://x.example/settings/a/shopify"
        ));
    }

    #[test]
    fn hosts_and_origins_of_any_scheme() {
        assert_eq!(host_of("http://localhost:8080/targets/x.html"), "localhost");
        assert_eq!(host_of("https://App.Example/x"), "app.example");
        assert_eq!(
            origin_of("https://a.example:8443/x").as_deref(),
            Some("https://a.example:8443")
        );
        assert_eq!(origin_of("about:blank"), None);
    }

    #[test]
    fn outlines_are_read_leniently_and_bounded() {
        let long = "x".repeat(2000);
        let json = format!(
            r#"[{{"frameId": 0, "page": {{"url": "https://a.example/", "fields": [
                {{"ref": 0, "label": "{long}", "visible": true, "extra": 1}},
                {{"ref": 1, "label": null, "disabled": null}}
            ], "choices": null}}}}]"#
        );
        let frames = read_frames::<crate::json::SerdeJson>(&json).unwrap();
        assert_eq!(frames.len(), 1);
        let fields = &frames[0].page.fields;
        assert_eq!(fields[0].label.chars().count(), MAX_TEXT);
        assert!(fields[0].visible && !fields[1].visible && !fields[1].disabled);
        let many: Vec<String> = (0..MAX_FIELDS + 10)
            .map(|i| format!(r#"{{"ref": {i}}}"#))
            .collect();
        let json = format!(r#"[{{"page": {{"fields": [{}]}}}}]"#, many.join(","));
        let frames = read_frames::<crate::json::SerdeJson>(&json).unwrap();
        assert_eq!(frames[0].page.fields.len(), MAX_FIELDS);
        let frames: Vec<String> = (0..MAX_FRAMES + 5).map(|_| "{}".into()).collect();
        let json = format!("[{}]", frames.join(","));
        assert_eq!(
            read_frames::<crate::json::SerdeJson>(&json).unwrap().len(),
            MAX_FRAMES
        );
    }
}
