//! The options page's reads and writes of `storage.local`: the user's presets
//! (`customPresets`) and the settings (`settings`).

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::OptionsHost;
use crate::kit::js::{custom_entries_from_js, to_js};
use scopefill_core::contract::local;
use scopefill_core::preset::PresetError;
use scopefill_core::settings::Settings;

async fn get(host: &OptionsHost, key: &str) -> Result<JsValue, JsValue> {
    let stored = JsFuture::from(host.storage_get(&JsValue::from_str(key))?).await?;
    js_sys::Reflect::get(&stored, &JsValue::from_str(key))
}

async fn set(host: &OptionsHost, key: &str, value: &JsValue) -> Result<(), JsValue> {
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &JsValue::from_str(key), value)?;
    JsFuture::from(host.storage_set(&items)?).await.map(|_| ())
}

/// The user's presets as stored; none when unreadable. An element of the stored list that is
/// not a preset entry is left out (and is not written back by the next write).
pub async fn read_custom(host: &OptionsHost) -> Vec<(String, String)> {
    read_custom_reporting(host).await.0
}

/// `read_custom`, with why each element left out was left out.
pub async fn read_custom_reporting(
    host: &OptionsHost,
) -> (Vec<(String, String)>, Vec<PresetError>) {
    get(host, local::CUSTOM_PRESETS)
        .await
        .map(custom_entries_from_js)
        .unwrap_or_default()
}

pub async fn write_custom(host: &OptionsHost, list: &[(String, String)]) -> Result<(), JsValue> {
    #[derive(Serialize)]
    struct Entry<'a> {
        file: &'a str,
        json: &'a str,
    }
    let entries: Vec<Entry> = list
        .iter()
        .map(|(file, json)| Entry { file, json })
        .collect();
    set(host, local::CUSTOM_PRESETS, &to_js(&entries)?).await
}

/// The stored settings object (undefined when there is none).
pub async fn read_settings(host: &OptionsHost) -> JsValue {
    get(host, local::SETTINGS)
        .await
        .unwrap_or(JsValue::UNDEFINED)
}

/// Stores `settings` over the stored object, keeping any other key it has.
pub async fn write_settings(host: &OptionsHost, settings: &Settings) -> Result<(), JsValue> {
    let current = read_settings(host).await;
    let merged = js_sys::Object::new();
    if current.is_object() {
        js_sys::Object::assign(&merged, current.unchecked_ref());
    }
    js_sys::Object::assign(&merged, to_js(settings)?.unchecked_ref());
    set(host, local::SETTINGS, &merged).await
}
