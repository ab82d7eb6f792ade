//! Conversions between JS values and the core, shared by the content script, the popup and
//! the options page's bindings.

use scopefill_core::json::{JsonError, JsonReader};
use scopefill_core::preset::{self, PresetError};
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

/// The user's presets (`[{file, json}]`) as (file, JSON) pairs; an element that is not one
/// is left out, and anything but a list reads as none.
pub(crate) fn custom_from_js(custom: JsValue) -> Vec<(String, String)> {
    custom_entries_from_js(custom).0
}

/// The user's presets as (file, JSON) pairs, read one element at a time so that an element
/// that is not one drops only itself, and why each left out element was left out.
pub(crate) fn custom_entries_from_js(custom: JsValue) -> (Vec<(String, String)>, Vec<PresetError>) {
    if custom.is_undefined() || custom.is_null() {
        return (Vec::new(), Vec::new());
    }
    if !js_sys::Array::is_array(&custom) {
        return (Vec::new(), vec![preset::stored_list_error()]);
    }
    let list = js_sys::Array::from(&custom);
    let elements = list.iter().map(|element| {
        serde_wasm_bindgen::from_value::<CustomPreset>(element.clone())
            .map(|c| (c.file, c.json))
            .map_err(|_| {
                // Named by its file when it has one.
                js_sys::Reflect::get(&element, &JsValue::from_str("file"))
                    .ok()
                    .and_then(|f| f.as_string())
            })
    });
    preset::stored_entries(elements)
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
