//! Conversions between JS values and the core, shared by the content script, the popup and
//! the options page's bindings.

use scopefill_core::json::{JsonError, JsonReader};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Serializes to a plain JS value (objects, not Maps).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// A thrown or rejected value as text: an error's message, or the value itself.
#[cfg(feature = "pages")]
pub(crate) fn error_text(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// A user's preset as kept in `storage.local`: its file name and its JSON text.
#[derive(Deserialize)]
struct CustomPreset {
    file: String,
    json: String,
}

/// The user's presets (`[{file, json}]`) as (file, JSON) pairs; anything else reads as none.
pub(crate) fn custom_from_js(custom: JsValue) -> Vec<(String, String)> {
    if custom.is_undefined() || custom.is_null() {
        return Vec::new();
    }
    serde_wasm_bindgen::from_value::<Vec<CustomPreset>>(custom)
        .map(|v| v.into_iter().map(|c| (c.file, c.json)).collect())
        .unwrap_or_default()
}

/// The browser's own JSON parser, for the content script: serde_json and its field paths
/// stay out of its core. What it reads was checked with field paths before (shipped files
/// by the test suite, users' presets by the options page on import).
pub(crate) struct BrowserJson;

impl JsonReader for BrowserJson {
    const NAMES_FIELDS: bool = false;
    fn read<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
        let value = js_sys::JSON::parse(json)
            .map_err(|_| (String::new(), "expected a JSON object".to_string()))?;
        serde_wasm_bindgen::from_value(value).map_err(|e| (String::new(), e.to_string()))
    }
}
