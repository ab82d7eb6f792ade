//! Integration presets: which level each scope gets, the account's default name, and the
//! fields the target platform's form asks for. Presets are JSON data (`src/presets/`);
//! users write their own in the same schema (see README, "Writing a preset").

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::sync::OnceLock;

use crate::account;
use crate::catalog::{self, Scope};
use crate::json::{JsonReader, SerdeJson};
use crate::level::Level;
use crate::lookalike;
use crate::target::{Layout, ValueKind};
use crate::text::closest;

/// A preset file as written: the schema users write their own presets in.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PresetFile {
    pub id: String,
    pub name: String,
    pub account_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub other_scopes: OtherScopes,
    pub scopes: ScopeMap,
    pub layouts: Vec<LayoutFile>,
    /// Where the integration's own credentials form is, for "Fill this page".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetFile>,
}

/// A preset's target profile as written: the addresses of the integration's form and the
/// captions of fields its guide says to leave empty. The captions of the fields to fill are
/// the layouts' labels.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leave_empty: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    pub name: String,
    pub fields: Vec<FieldFile>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFile {
    pub label: String,
    pub value: ValueKind,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// What happens to scope rows the preset does not name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OtherScopes {
    /// Set them to None: the preset describes the whole account.
    #[default]
    None,
    /// Leave them as the user set them: the guide leaves those choices to the user.
    Leave,
}

/// The `scopes` object, in file order, keeping duplicate keys so they can be reported
/// (a plain map would silently keep the last one).
#[derive(Debug, Clone, Default)]
pub struct ScopeMap(pub Vec<(String, String)>);

/// Written back as the object it was read from (label → level), in the same order.
impl Serialize for ScopeMap {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (label, level) in &self.0 {
            map.serialize_entry(label, level)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ScopeMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = ScopeMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object mapping scope labels to level words")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScopeMap, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, String>()? {
                    entries.push((key, value));
                }
                Ok(ScopeMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

/// A scope the preset sets, resolved against the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeLevel {
    pub scope: &'static str,
    pub label: &'static str,
    pub level: Level,
    /// The key as the preset wrote it (e.g. "Customer Login").
    pub written_as: String,
}

/// A validated preset.
#[derive(Debug, Clone, Serialize)]
pub struct Preset {
    pub id: String,
    pub name: String,
    pub account_name: String,
    pub guide: Option<String>,
    pub note: Option<String>,
    pub other_scopes: OtherScopes,
    pub scopes: Vec<ScopeLevel>,
    pub layouts: Vec<Layout>,
    /// Validated: every address an `https://host/path` pattern, every caption non-empty.
    pub target: Option<TargetFile>,
    pub builtin: bool,
}

impl Preset {
    /// The level the preset asks for on a scope, if it names it.
    pub fn level_for(&self, scope_id: &str) -> Option<Level> {
        self.scopes
            .iter()
            .find(|s| s.scope == scope_id)
            .map(|s| s.level)
    }

    pub fn layout(&self, name: &str) -> Option<&Layout> {
        self.layouts.iter().find(|l| l.name == name)
    }
}

/// Why a preset could not be loaded: the file, the field (as a path such as
/// `scopes."Prodcts"` or `layouts[0].fields[2].value`) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PresetError {
    pub file: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for PresetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.field, self.message)
        }
    }
}

impl std::error::Error for PresetError {}

/// The largest preset file accepted (bytes of UTF-8). The shipped presets are 1–2 KB; the
/// cap keeps a mistaken or hostile file from costing the options page, the popup and every
/// content script (which all parse the user's presets) more than a few milliseconds.
pub const MAX_BYTES: usize = 64 * 1024;
/// The most layouts a preset may have (the shipped ones have one or two).
pub const MAX_LAYOUTS: usize = 100;
/// The most fields a layout may have (a credential set has seven kinds of value).
pub const MAX_FIELDS: usize = 100;
/// The most presets of the user's that are read: a longer stored list (from an older version,
/// or written by hand) keeps its first entries and reports the others. Every content script
/// parses them all, and the Integration list has to stay one a person can read.
pub const MAX_CUSTOM: usize = 50;
/// The most addresses a target profile may list (the shipped ones list one or two).
pub const MAX_ADDRESSES: usize = 20;
/// The longest address pattern, in bytes.
pub const MAX_ADDRESS_BYTES: usize = 512;
/// The longest display name, in characters (the longest shipped one has 56): the name has to
/// fit the Integration list and the options page's cards.
pub const MAX_NAME_CHARS: usize = 60;

/// Refuses a preset file of `bytes` bytes when it is over [`MAX_BYTES`]: the options page
/// calls this with a file's size before reading it.
pub fn check_size(file: &str, bytes: u64) -> Result<(), PresetError> {
    if bytes <= MAX_BYTES as u64 {
        return Ok(());
    }
    Err(PresetError {
        file: file.to_string(),
        field: String::new(),
        message: format!(
            "the file has {bytes} bytes; a preset file has at most {MAX_BYTES} bytes (64 KiB)"
        ),
    })
}

/// How many layouts, and fields in each, a preset file has, counted before the file is read
/// into the schema (so that an oversized list is refused as such, not by its first bad
/// entry). `None` when the file does not have that shape; the schema then says why.
#[derive(Deserialize)]
struct Counts {
    #[serde(default)]
    layouts: Vec<LayoutCount>,
}

#[derive(Deserialize)]
struct LayoutCount {
    #[serde(default)]
    fields: Length,
}

/// The length of a JSON array, its elements skipped unread.
#[derive(Default)]
struct Length(usize);

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LengthVisitor;
        impl<'de> Visitor<'de> for LengthVisitor {
            type Value = Length;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Length, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Length(n))
            }
        }
        deserializer.deserialize_seq(LengthVisitor)
    }
}

/// The first count over its limit, as (field, message), from a count of fields per layout.
fn check_layout_counts(fields_per_layout: &[usize]) -> Result<(), (String, String)> {
    if fields_per_layout.len() > MAX_LAYOUTS {
        return Err((
            "layouts".into(),
            format!(
                "{} layouts; a preset has at most {MAX_LAYOUTS}",
                fields_per_layout.len()
            ),
        ));
    }
    for (i, fields) in fields_per_layout.iter().enumerate() {
        if *fields > MAX_FIELDS {
            return Err((
                format!("layouts[{i}].fields"),
                format!("{fields} fields; a layout has at most {MAX_FIELDS}"),
            ));
        }
    }
    Ok(())
}

/// The counts of a preset's JSON, its layouts and fields counted without being built.
fn check_counts(json: &str) -> Result<(), (String, String)> {
    let Ok(counts) = serde_json::from_str::<Counts>(json) else {
        return Ok(());
    };
    let fields: Vec<usize> = counts.layouts.iter().map(|l| l.fields.0).collect();
    check_layout_counts(&fields)
}

/// Parses and validates a preset. `file` names the source in errors.
pub fn parse(file: &str, json: &str, builtin: bool) -> Result<Preset, PresetError> {
    parse_with::<SerdeJson>(file, json, builtin)
}

/// `parse`, reading the JSON with `R`.
pub fn parse_with<R: JsonReader>(
    file: &str,
    json: &str,
    builtin: bool,
) -> Result<Preset, PresetError> {
    let err = |field: String, message: String| PresetError {
        file: file.to_string(),
        field,
        message,
    };
    check_size(file, json.len() as u64)?;
    let raw = read::<R>(json).map_err(|(field, message)| err(field, message))?;
    let preset = validate(raw, builtin).map_err(|(field, message)| err(field, message))?;
    if !builtin {
        check_not_shipped(&preset, shipped_with::<R>())
            .map_err(|(field, message)| err(field, message))?;
    }
    Ok(preset)
}

/// The display name as shown: trimmed, each run of white space one space. Refused when it is
/// empty, longer than [`MAX_NAME_CHARS`], or holds a character that draws nothing or reorders
/// the text (a name such as "\u{202E}esuoherehW" reads as "Wherehouse").
fn display_name(raw: &str) -> Result<String, String> {
    if let Some((at, ch)) = raw
        .chars()
        .enumerate()
        .find(|(_, c)| lookalike::is_hidden(*c))
    {
        return Err(format!(
            "character {} is U+{:04X}, which is invisible or changes the text's direction; \
             expected a name of visible characters",
            at + 1,
            ch as u32
        ));
    }
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("expected a non-empty display name".into());
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(format!(
            "{chars} characters; a name has at most {MAX_NAME_CHARS}"
        ));
    }
    Ok(name)
}

/// Refuses a user's preset that takes a shipped preset's id, or a name that reads as a
/// shipped preset's (whatever the case, spacing, punctuation or look-alike letters): the
/// pickers and the popup would show it as that integration.
fn check_not_shipped(preset: &Preset, shipped: &[Preset]) -> Result<(), (String, String)> {
    if let Some(taken) = shipped.iter().find(|s| s.id == preset.id) {
        return Err((
            "id".into(),
            format!(
                "{:?} is already used by the shipped preset {:?}; choose another id",
                preset.id, taken.name
            ),
        ));
    }
    let key = lookalike::key(&preset.name);
    if let Some(taken) = shipped.iter().find(|s| lookalike::key(&s.name) == key) {
        return Err((
            "name".into(),
            format!(
                "{:?} reads as the shipped preset {:?} (case, spacing, punctuation and \
                 look-alike letters aside); choose a name of your own",
                preset.name, taken.name
            ),
        ));
    }
    Ok(())
}

/// Reads a preset file's JSON into the schema; a wrong field is named by its path. The
/// counts are checked first, so 10,000 layouts are refused before they are built.
fn read<R: JsonReader>(json: &str) -> Result<PresetFile, (String, String)> {
    if R::NAMES_FIELDS {
        check_counts(json)?;
    }
    let raw: PresetFile = R::read(json)?;
    let fields: Vec<usize> = raw.layouts.iter().map(|l| l.fields.len()).collect();
    check_layout_counts(&fields)?;
    Ok(raw)
}

fn validate(raw: PresetFile, builtin: bool) -> Result<Preset, (String, String)> {
    if raw.id.is_empty()
        || !raw
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err((
            "id".into(),
            format!(
                "expected lowercase letters, digits and '-', got {:?}",
                raw.id
            ),
        ));
    }
    let name = display_name(&raw.name).map_err(|message| ("name".to_string(), message))?;
    let account_name = account::validate_name(&raw.account_name)
        .map_err(|e| ("account_name".into(), e.to_string()))?;
    if let Some(guide) = &raw.guide {
        match crate::https::parse(guide) {
            Some(_) => {}
            None => {
                return Err((
                    "guide".into(),
                    format!("expected an https:// link, got {guide:?}"),
                ))
            }
        }
    }

    let mut scopes: Vec<ScopeLevel> = Vec::with_capacity(raw.scopes.0.len());
    for (key, word) in &raw.scopes.0 {
        let field = format!("scopes.{key:?}");
        let scope: &'static Scope = catalog::find(key).ok_or_else(|| {
            (
                field.clone(),
                format!(
                    "unknown scope; closest known: {}",
                    catalog::suggest(key).join(", ")
                ),
            )
        })?;
        let level = Level::parse(word).map_err(|_| {
            let words: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
            let near = closest(word, words.iter().copied(), 2);
            (
                field.clone(),
                format!(
                    "unknown level {word:?}; expected one of {} (closest: {})",
                    words.join(", "),
                    near.join(", ")
                ),
            )
        })?;
        if let Some(prev) = scopes.iter().find(|s| s.scope == scope.id) {
            return Err((
                field,
                format!(
                    "names the same scope ({}) as {:?}",
                    scope.label, prev.written_as
                ),
            ));
        }
        scopes.push(ScopeLevel {
            scope: scope.id,
            label: scope.label,
            level,
            written_as: key.clone(),
        });
    }

    if raw.layouts.is_empty() {
        return Err((
            "layouts".into(),
            "expected at least one layout of target fields".into(),
        ));
    }
    let mut layouts = Vec::with_capacity(raw.layouts.len());
    for (i, layout) in raw.layouts.into_iter().enumerate() {
        let at = format!("layouts[{i}]");
        if layout.name.trim().is_empty() {
            return Err((format!("{at}.name"), "expected a non-empty name".into()));
        }
        if layouts.iter().any(|l: &Layout| l.name == layout.name) {
            return Err((
                format!("{at}.name"),
                format!("layout name {:?} is used twice", layout.name),
            ));
        }
        if layout.fields.is_empty() {
            return Err((format!("{at}.fields"), "expected at least one field".into()));
        }
        for (j, field) in layout.fields.iter().enumerate() {
            if field.label.trim().is_empty() {
                return Err((
                    format!("{at}.fields[{j}].label"),
                    "expected a non-empty label".into(),
                ));
            }
            if layout.fields[..j].iter().any(|f| f.label == field.label) {
                return Err((
                    format!("{at}.fields[{j}].label"),
                    format!("label {:?} is used twice in this layout", field.label),
                ));
            }
        }
        layouts.push(Layout::from_file(layout));
    }

    let target = raw.target.map(validate_target).transpose()?;

    Ok(Preset {
        id: raw.id,
        name,
        account_name,
        guide: raw.guide,
        note: raw.note,
        other_scopes: raw.other_scopes,
        scopes,
        layouts,
        target,
        builtin,
    })
}

/// Checks a target profile: each address an `https://host/path` pattern (see
/// [`crate::target_form::address_matches`]), each caption to leave empty non-empty.
fn validate_target(target: TargetFile) -> Result<TargetFile, (String, String)> {
    if target.addresses.len() > MAX_ADDRESSES {
        return Err((
            "target.addresses".into(),
            format!(
                "{} addresses; a target profile has at most {MAX_ADDRESSES}",
                target.addresses.len()
            ),
        ));
    }
    for (i, address) in target.addresses.iter().enumerate() {
        if let Err(why) = crate::target_form::check_pattern(address) {
            return Err((
                format!("target.addresses[{i}]"),
                format!(
                    "expected an https://host/path pattern (`*` for any text in the path, \
                     a leading `*.` in the host for any subdomain), got {address:?}: {why}"
                ),
            ));
        }
    }
    if target.leave_empty.len() > MAX_FIELDS {
        return Err((
            "target.leave_empty".into(),
            format!(
                "{} captions; a target profile leaves at most {MAX_FIELDS} empty",
                target.leave_empty.len()
            ),
        ));
    }
    for (i, caption) in target.leave_empty.iter().enumerate() {
        if caption.trim().is_empty() || caption.len() > MAX_ADDRESS_BYTES {
            return Err((
                format!("target.leave_empty[{i}]"),
                format!(
                    "expected a field's caption (1 to {MAX_ADDRESS_BYTES} bytes), got {caption:?}"
                ),
            ));
        }
    }
    Ok(target)
}

// SHIPPED_FILES, generated from presets/ by build.rs.
include!(concat!(env!("OUT_DIR"), "/presets.rs"));

/// The shipped presets, parsed once. Every one is checked by the test suite, so a file
/// that fails here is a build defect; it is left out rather than taking the extension down.
pub fn shipped() -> &'static [Preset] {
    shipped_with::<SerdeJson>()
}

/// `shipped`, reading the JSON with `R` (the first call's reader reads them).
pub fn shipped_with<R: JsonReader>() -> &'static [Preset] {
    static SHIPPED: OnceLock<Vec<Preset>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        SHIPPED_FILES
            .iter()
            .filter_map(|(file, json)| parse_with::<R>(file, json, true).ok())
            .collect()
    })
}

/// Shipped presets followed by the user's own. A custom preset that fails validation, reuses
/// an id or comes after the first [`MAX_CUSTOM`] is reported, not loaded; the others load.
pub fn with_custom(custom: &[(String, String)]) -> (Vec<Preset>, Vec<PresetError>) {
    with_custom_with::<SerdeJson>(custom)
}

/// `with_custom`, reading the JSON with `R`.
pub fn with_custom_with<R: JsonReader>(
    custom: &[(String, String)],
) -> (Vec<Preset>, Vec<PresetError>) {
    let (mine, errors) = load_custom_with::<R>(custom);
    let mut presets: Vec<Preset> = shipped_with::<R>().to_vec();
    presets.extend(mine.into_iter().map(|(preset, _)| preset));
    (presets, errors)
}

/// The user's presets (`(file, JSON)` entries, as stored): each one that loads, with the index
/// of its entry, and why each other entry did not. Each entry stands alone: a broken one,
/// one that reuses an id, or one after the first [`MAX_CUSTOM`] (reported unread) drops only
/// itself.
pub fn load_custom_with<R: JsonReader>(
    custom: &[(String, String)],
) -> (Vec<(Preset, usize)>, Vec<PresetError>) {
    let mut mine: Vec<(Preset, usize)> = Vec::new();
    let mut errors = Vec::new();
    for (index, (file, json)) in custom.iter().enumerate() {
        if index >= MAX_CUSTOM {
            errors.push(PresetError {
                file: file.clone(),
                field: String::new(),
                message: format!(
                    "not loaded: it is preset {} of your own, and ScopeFill reads the first \
                     {MAX_CUSTOM}",
                    index + 1
                ),
            });
            continue;
        }
        match parse_with::<R>(file, json, false) {
            Ok(p) => match mine.iter().find(|(q, _)| q.id == p.id) {
                Some((other, _)) => errors.push(PresetError {
                    file: file.clone(),
                    field: "id".into(),
                    message: format!("{:?} is already used by your preset {:?}", p.id, other.name),
                }),
                None => mine.push((p, index)),
            },
            Err(e) => errors.push(e),
        }
    }
    (mine, errors)
}

/// The stored `customPresets` list as the browser read it, one element at a time: each
/// element a `(file, JSON)` pair, or, when it is not one, the file name it gives if any. An
/// element that is not an entry drops only itself, named by its file or its position.
pub fn stored_entries(
    elements: impl IntoIterator<Item = Result<(String, String), Option<String>>>,
) -> (Vec<(String, String)>, Vec<PresetError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (index, element) in elements.into_iter().enumerate() {
        match element {
            Ok(entry) => entries.push(entry),
            Err(file) => errors.push(PresetError {
                file: file.unwrap_or_else(|| format!("customPresets[{index}]")),
                field: String::new(),
                message: "not loaded: a stored preset is a file name and the preset's JSON as \
                          text ({\"file\": …, \"json\": …}), and this entry is not"
                    .into(),
            }),
        }
    }
    (entries, errors)
}

/// Why nothing was loaded when the stored `customPresets` value is not a list at all.
pub fn stored_list_error() -> PresetError {
    PresetError {
        file: "customPresets".into(),
        field: String::new(),
        message: "not loaded: expected a list of presets".into(),
    }
}

pub fn find<'a>(presets: &'a [Preset], id: &str) -> Option<&'a Preset> {
    presets.iter().find(|p| p.id == id)
}

/// A fresh preset file for a custom preset, every catalogue scope at None: the starting
/// point of the options page's editor.
pub fn template() -> PresetFile {
    PresetFile {
        id: "my-integration".into(),
        name: "My integration".into(),
        account_name: "My integration".into(),
        guide: None,
        note: None,
        other_scopes: OtherScopes::None,
        scopes: ScopeMap(
            catalog::CATALOG
                .iter()
                .filter(|s| s.presence == catalog::Presence::Always)
                .map(|s| (s.label.to_string(), Level::None.as_str().to_string()))
                .collect(),
        ),
        layouts: vec![LayoutFile {
            name: "Credentials".into(),
            fields: [
                ("API Path", ValueKind::ApiPath),
                ("Client ID", ValueKind::ClientId),
                ("Client Secret", ValueKind::ClientSecret),
                ("Access Token", ValueKind::AccessToken),
            ]
            .into_iter()
            .map(|(label, value)| FieldFile {
                label: label.into(),
                value,
                optional: false,
            })
            .collect(),
        }],
        target: None,
    }
}
