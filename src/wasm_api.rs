//! The `#[wasm_bindgen]` surface shared by the content script, popup and options page.
//! It only converts between JS values and the core; every decision is made in the core.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::credentials::{self, Credentials, Problem};
use crate::preset::{self, Preset, PresetError};
use crate::{account, catalog, target};

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// A user's preset as kept in `storage.local`: its file name and its JSON text.
#[derive(Deserialize)]
pub(crate) struct CustomPreset {
    pub file: String,
    pub json: String,
}

pub(crate) fn custom_from_js(custom: JsValue) -> Vec<(String, String)> {
    if custom.is_undefined() || custom.is_null() {
        return Vec::new();
    }
    serde_wasm_bindgen::from_value::<Vec<CustomPreset>>(custom)
        .map(|v| v.into_iter().map(|c| (c.file, c.json)).collect())
        .unwrap_or_default()
}

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

/// A new preset file with every scope at None, as pretty JSON.
#[wasm_bindgen(js_name = presetTemplate)]
pub fn preset_template() -> String {
    serde_json::to_string_pretty(&preset::template()).unwrap_or_default()
}

/// The scope catalogue: `[{id, label, aliases, levels: [[level, scope], …], help, conditional}]`.
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
