//! What the JS loader (`extension/options/options.js`) hands the options page: the extension APIs
//! that web-sys does not cover. Every call is `catch`: a throwing browser API becomes an
//! `Err`, never an exception unwinding through Rust.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    pub type OptionsHost;

    /// `storage.local.get(keys)`.
    #[wasm_bindgen(method, catch, js_name = storageGet)]
    pub fn storage_get(this: &OptionsHost, keys: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `storage.local.set(items)`.
    #[wasm_bindgen(method, catch, js_name = storageSet)]
    pub fn storage_set(this: &OptionsHost, items: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// Calls `callback(newValue)` whenever `customPresets` changes in `storage.local`.
    #[wasm_bindgen(method, catch, js_name = onCustomPresetsChanged)]
    pub fn on_custom_presets_changed(
        this: &OptionsHost,
        callback: &js_sys::Function,
    ) -> Result<(), JsValue>;

    /// Whether the optional clipboardRead permission is granted: a promise of a boolean.
    #[wasm_bindgen(method, catch, js_name = hasClipboardRead)]
    pub fn has_clipboard_read(this: &OptionsHost) -> Result<js_sys::Promise, JsValue>;

    /// `permissions.request` (`grant`) or `permissions.remove` for clipboardRead: a promise
    /// of whether it was done. Must be called while a click is being handled.
    #[wasm_bindgen(method, catch, js_name = changeClipboardRead)]
    pub fn change_clipboard_read(
        this: &OptionsHost,
        grant: bool,
    ) -> Result<js_sys::Promise, JsValue>;

    /// Calls `callback()` whenever a permission is granted or removed (from this page, the
    /// popup or the browser's settings).
    #[wasm_bindgen(method, catch, js_name = onPermissionsChanged)]
    pub fn on_permissions_changed(
        this: &OptionsHost,
        callback: &js_sys::Function,
    ) -> Result<(), JsValue>;

    /// `i18n.getMessage(key, substitutions)`: "" for an unknown key.
    #[wasm_bindgen(method, catch)]
    pub fn message(
        this: &OptionsHost,
        key: &str,
        substitutions: &js_sys::Array,
    ) -> Result<String, JsValue>;

    /// `i18n.getUILanguage()`.
    #[wasm_bindgen(method, catch, js_name = uiLanguage)]
    pub fn ui_language(this: &OptionsHost) -> Result<String, JsValue>;
}

impl OptionsHost {
    /// The localised message `key` with `$1`… substituted; the key itself if unknown.
    pub fn t(&self, key: &str, substitutions: &[&str]) -> String {
        crate::kit::i18n::message(|k, s| self.message(k, s), key, substitutions)
    }
}
