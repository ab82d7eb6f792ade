//! The `#[wasm_bindgen]` surface shared by the content script, popup and options page.
//! It only converts between JS values and the core; every decision is made in the core.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::kit::js::{custom_from_js, to_js};

use scopefill_core::credentials::{self, Credentials, Problem};
use scopefill_core::preset::{self, Preset, PresetError};
use scopefill_core::{account, catalog, preset_editor, settings, target};

#[derive(Serialize)]
struct ErrorView<'a> {
    file: &'a str,
    field: &'a str,
    message: &'a str,
    text: String,
}

fn error_view(e: &PresetError) -> ErrorView<'_> {
    ErrorView {
        file: &e.file,
        field: &e.field,
        message: &e.message,
        text: e.to_string(),
    }
}

/// Shipped presets plus the user's (`[{file, json}]`): `{presets, errors}`.
#[wasm_bindgen]
pub fn presets(custom: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Out<'a> {
        presets: &'a [Preset],
        errors: Vec<ErrorView<'a>>,
    }
    let (presets, errors) = preset::with_custom(&custom_from_js(custom));
    to_js(&Out {
        presets: &presets,
        errors: errors.iter().map(error_view).collect(),
    })
}

/// Validates one preset file: `{ok: true, preset}` or `{ok: false, error}`.
#[wasm_bindgen(js_name = validatePreset)]
pub fn validate_preset(file: &str, json: &str) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Out<'a> {
        ok: bool,
        preset: Option<&'a Preset>,
        error: Option<ErrorView<'a>>,
    }
    match preset::parse(file, json, false) {
        Ok(p) => to_js(&Out {
            ok: true,
            preset: Some(&p),
            error: None,
        }),
        Err(e) => to_js(&Out {
            ok: false,
            preset: None,
            error: Some(error_view(&e)),
        }),
    }
}

/// Refuses a preset file by its size before it is read: `{ok: true}`, or `{ok: false, error}`
/// with the error `validatePreset` would give for it (so a 10 MB file is never read in).
#[wasm_bindgen(js_name = checkPresetSize)]
pub fn check_preset_size(file: &str, bytes: f64) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Ok {
        ok: bool,
    }
    // `File.size`: a whole number of bytes. (Not in the wasm2js build, which has no pages
    // code, so the float-to-int conversion is fine here.)
    let bytes = if bytes.is_finite() && bytes >= 0.0 {
        bytes as u64
    } else {
        u64::MAX
    };
    match preset::check_size(file, bytes) {
        Ok(()) => to_js(&Ok { ok: true }),
        Err(e) => preset_error_out(&e),
    }
}

/// A new preset file with every scope at None, as pretty JSON.
#[wasm_bindgen(js_name = presetTemplate)]
pub fn preset_template() -> String {
    serde_json::to_string_pretty(&preset::template()).unwrap_or_default()
}

/// The scope catalogue: `[{id, label, aliases, levels: [[level, scope], …], help, presence, offers_none}]`.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsValue> {
    to_js(catalog::CATALOG)
}

#[derive(Serialize)]
struct ParsedView<'a> {
    ok: bool,
    credentials: Option<&'a Credentials>,
    store_hash: Option<String>,
    problems: &'a [Problem],
    error: Option<String>,
}

/// Reads a downloaded credentials `.txt` file (or pasted pop-up text).
#[wasm_bindgen(js_name = parseCredentialsText)]
pub fn parse_credentials_text(text: &str) -> Result<JsValue, JsValue> {
    match credentials::from_text(text) {
        Ok(parsed) => to_js(&ParsedView {
            ok: true,
            credentials: Some(&parsed.credentials),
            store_hash: parsed.credentials.store_hash(),
            problems: &parsed.problems,
            error: None,
        }),
        Err(e) => to_js(&ParsedView {
            ok: false,
            credentials: None,
            store_hash: None,
            problems: &[],
            error: Some(e.to_string()),
        }),
    }
}

/// Lays captured credentials out for a preset's target form:
/// `{fields: [{label, kind, value, secret, derived}], json, env}`.
#[wasm_bindgen(js_name = layOut)]
pub fn lay_out(
    preset_id: &str,
    layout: &str,
    creds: JsValue,
    custom: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Out {
        fields: Vec<target::FieldValue>,
        json: String,
        env: String,
    }
    let creds: Credentials = serde_wasm_bindgen::from_value(creds)
        .map_err(|e| JsValue::from_str(&format!("credentials: {e}")))?;
    let (presets, _) = preset::with_custom(&custom_from_js(custom));
    let preset = preset::find(&presets, preset_id)
        .ok_or_else(|| JsValue::from_str(&format!("unknown preset {preset_id:?}")))?;
    let layout = preset
        .layout(layout)
        .or_else(|| preset.layouts.first())
        .ok_or_else(|| JsValue::from_str("preset has no layout"))?;
    let fields = target::lay_out(layout, &creds);
    to_js(&Out {
        json: target::to_json(&fields),
        env: target::to_env(&fields),
        fields,
    })
}

/// Renders the account-name template: `{ok, name}` or `{ok: false, error}`.
#[wasm_bindgen(js_name = renderAccountName)]
pub fn render_account_name(
    template: &str,
    preset: &str,
    date: &str,
    store: &str,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Out {
        ok: bool,
        name: Option<String>,
        error: Option<String>,
    }
    let ctx = account::NameContext {
        preset,
        date,
        store,
    };
    match account::render_name(template, &ctx) {
        Ok(name) => to_js(&Out {
            ok: true,
            name: Some(name),
            error: None,
        }),
        Err(e) => to_js(&Out {
            ok: false,
            name: None,
            error: Some(e.to_string()),
        }),
    }
}

// --- options page: the preset editor and the settings ---------------------------------------
//
// The editor's form data is a preset file (see `preset_editor`): it crosses as JSON text,
// parsed by the browser, so no second serde implementation of the schema is linked in.

fn preset_error_out(e: &PresetError) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Out<'a> {
        ok: bool,
        error: ErrorView<'a>,
    }
    to_js(&Out {
        ok: false,
        error: error_view(e),
    })
}

/// `{ok: true, draft}` with the form's preset file as a JS object.
fn draft_out(json: &str) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"ok".into(), &JsValue::TRUE)?;
    js_sys::Reflect::set(&out, &"draft".into(), &js_sys::JSON::parse(json)?)?;
    Ok(out.into())
}

/// The editor form for a preset file (`presetTemplate()` or a stored custom preset):
/// `{ok, draft}` or `{ok: false, error}`. The draft is the preset file written the canonical
/// way: page labels in catalogue order (every scope when the others are set to None).
#[wasm_bindgen(js_name = presetDraft)]
pub fn preset_draft(file: &str, json: &str) -> Result<JsValue, JsValue> {
    match preset_editor::form_json(file, json) {
        Ok(text) => draft_out(&text),
        Err(e) => preset_error_out(&e),
    }
}

/// The editor form for a copy of preset `id` (shipped or the user's), with a free id:
/// `{ok, draft}`.
#[wasm_bindgen(js_name = copyPresetDraft)]
pub fn copy_preset_draft(id: &str, custom: JsValue) -> Result<JsValue, JsValue> {
    let (presets, _) = preset::with_custom(&custom_from_js(custom));
    let original = preset::find(&presets, id)
        .ok_or_else(|| JsValue::from_str(&format!("unknown preset {id:?}")))?;
    let taken: Vec<&str> = presets.iter().map(|p| p.id.as_str()).collect();
    let copy = preset_editor::copy_of(original, &taken);
    draft_out(&serde_json::to_string_pretty(&copy).map_err(|e| JsValue::from_str(&e.to_string()))?)
}

/// Builds the preset an editor form describes (`json`, a preset file; `file` names it in
/// errors), checked like an imported file and written the canonical way:
/// `{ok, file, json, preset}` or `{ok: false, error}`.
#[wasm_bindgen(js_name = buildPreset)]
pub fn build_preset(file: &str, json: &str) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Out<'a> {
        ok: bool,
        file: &'a str,
        json: &'a str,
        preset: &'a Preset,
    }
    match preset_editor::build(file, json) {
        Ok((json, preset)) => to_js(&Out {
            ok: true,
            file,
            json: &json,
            preset: &preset,
        }),
        Err(e) => preset_error_out(&e),
    }
}

/// The user's presets (`[{file, json}]`) with `json` (read from `source`) added, or in place
/// of the entry stored as `replacing`: `{ok, customPresets, preset}`, or `{ok: false, error}`
/// when it is not a valid preset or its id is taken. It is stored as `<id>.json`.
#[wasm_bindgen(js_name = storeCustomPreset)]
pub fn store_custom_preset(
    custom: JsValue,
    replacing: Option<String>,
    source: &str,
    json: &str,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Entry<'a> {
        file: &'a str,
        json: &'a str,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        ok: bool,
        #[serde(rename = "customPresets")]
        custom_presets: Vec<Entry<'a>>,
        preset: &'a Preset,
    }
    let custom = custom_from_js(custom);
    match preset_editor::upsert(&custom, replacing.as_deref(), source, json) {
        Ok((list, preset)) => to_js(&Out {
            ok: true,
            custom_presets: list
                .iter()
                .map(|(file, json)| Entry { file, json })
                .collect(),
            preset: &preset,
        }),
        Err(e) => preset_error_out(&e),
    }
}

/// An id made from a preset's display name ("My Warehouse" → "my-warehouse").
#[wasm_bindgen(js_name = suggestPresetId)]
pub fn suggest_preset_id(name: &str) -> String {
    preset_editor::suggest_id(name)
}

/// The settings form for the stored `settings.nameTemplate`, `.expirySeconds` and
/// `.clipboardSeconds` (as found; defaults for what is missing or unusable):
/// `{form: {nameTemplate, expiryMinutes, clipboardSeconds}, limits: {expiryMinutes:
/// {min, max}, clipboardSeconds: {min, max}}}`.
#[wasm_bindgen(js_name = settingsForm)]
pub fn settings_form(
    name_template: JsValue,
    expiry_seconds: JsValue,
    clipboard_seconds: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Range {
        min: u32,
        max: u32,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Limits {
        expiry_minutes: Range,
        clipboard_seconds: Range,
    }
    #[derive(Serialize)]
    struct Out {
        form: settings::SettingsForm,
        limits: Limits,
    }
    let range = |r: std::ops::RangeInclusive<u32>| Range {
        min: *r.start(),
        max: *r.end(),
    };
    let template = name_template.as_string();
    let stored = settings::from_stored(
        template.as_deref(),
        expiry_seconds.as_f64(),
        clipboard_seconds.as_f64(),
    );
    to_js(&Out {
        form: settings::form_of(&stored),
        limits: Limits {
            expiry_minutes: range(settings::EXPIRY_MINUTES),
            clipboard_seconds: range(settings::CLIPBOARD_SECONDS),
        },
    })
}

/// Checks the settings form (the fields as typed): `{ok, settings: {nameTemplate,
/// expirySeconds, clipboardSeconds}}` or `{ok: false, errors: [{field, min, max, message}]}`.
#[wasm_bindgen(js_name = validateSettings)]
pub fn validate_settings(
    name_template: &str,
    expiry_minutes: &str,
    clipboard_seconds: &str,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Out {
        ok: bool,
        settings: Option<settings::Settings>,
        errors: Vec<settings::SettingError>,
    }
    let form = settings::SettingsForm {
        name_template: name_template.to_string(),
        expiry_minutes: expiry_minutes.to_string(),
        clipboard_seconds: clipboard_seconds.to_string(),
    };
    to_js(&match settings::validate(&form) {
        Ok(s) => Out {
            ok: true,
            settings: Some(s),
            errors: Vec::new(),
        },
        Err(errors) => Out {
            ok: false,
            settings: None,
            errors,
        },
    })
}
