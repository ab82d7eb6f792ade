//! What the JS loader (`extension/popup/popup.js`) hands the popup: the extension APIs that
//! web-sys does not cover. Every call is `catch`: a throwing browser API becomes an `Err`,
//! never an exception unwinding through Rust.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    pub type PopupHost;

    /// `runtime.sendMessage(message)` to the background.
    #[wasm_bindgen(method, catch)]
    pub fn send(this: &PopupHost, message: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `storage.local.get(keys)`.
    #[wasm_bindgen(method, catch, js_name = storageGet)]
    pub fn storage_get(this: &PopupHost, keys: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// Calls `callback()` whenever `storage.session` changes (the changed values are not
    /// passed on: the popup asks the background for the list again).
    #[wasm_bindgen(method, catch, js_name = onSessionChanged)]
    pub fn on_session_changed(this: &PopupHost, callback: &js_sys::Function)
        -> Result<(), JsValue>;

    /// `tabs.query(query)`.
    #[wasm_bindgen(method, catch, js_name = queryTabs)]
    pub fn query_tabs(this: &PopupHost, query: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `tabs.sendMessage(tabId, message)`.
    #[wasm_bindgen(method, catch, js_name = sendToTab)]
    pub fn send_to_tab(
        this: &PopupHost,
        tab_id: i32,
        message: &JsValue,
    ) -> Result<js_sys::Promise, JsValue>;

    /// `scripting.executeScript` of `target/page.js` into every frame of the tab it may
    /// reach (the top frame through activeTab; other origins only once allowed).
    #[wasm_bindgen(method, catch, js_name = injectTarget)]
    pub fn inject_target(this: &PopupHost, tab_id: i32) -> Result<js_sys::Promise, JsValue>;

    /// Each reached frame's outline: `[{frameId, result}]` (`scopefillTarget.outline()`).
    #[wasm_bindgen(method, catch, js_name = outlineTarget)]
    pub fn outline_target(this: &PopupHost, tab_id: i32) -> Result<js_sys::Promise, JsValue>;

    /// `scopefillTarget.fill(entries)` in one frame: `[{frameId, result: [{ref, ok, now}]}]`.
    /// The values are arguments of that one call and nothing else.
    #[wasm_bindgen(method, catch, js_name = fillTarget)]
    pub fn fill_target(
        this: &PopupHost,
        tab_id: i32,
        frame_id: f64,
        entries: &js_sys::Array,
    ) -> Result<js_sys::Promise, JsValue>;

    /// `permissions.request` for one origin (`https://host`): a promise of whether it was
    /// granted. Must be called while a click is being handled.
    #[wasm_bindgen(method, catch, js_name = requestOrigin)]
    pub fn request_origin(this: &PopupHost, origin: &str) -> Result<js_sys::Promise, JsValue>;

    /// `navigator.clipboard.writeText(text)`.
    #[wasm_bindgen(method, catch, js_name = writeClipboard)]
    pub fn write_clipboard(this: &PopupHost, text: &str) -> Result<js_sys::Promise, JsValue>;

    /// `i18n.getMessage(key, substitutions)`: "" for an unknown key.
    #[wasm_bindgen(method, catch)]
    pub fn message(
        this: &PopupHost,
        key: &str,
        substitutions: &js_sys::Array,
    ) -> Result<String, JsValue>;

    /// Whether the popup shows in a private window (`extension.inIncognitoContext`): the
    /// background lists it only the captures of private windows then, and only the others
    /// otherwise.
    #[wasm_bindgen(method, catch)]
    pub fn incognito(this: &PopupHost) -> Result<bool, JsValue>;

    /// `i18n.getUILanguage()`.
    #[wasm_bindgen(method, catch, js_name = uiLanguage)]
    pub fn ui_language(this: &PopupHost) -> Result<String, JsValue>;

    /// `runtime.openOptionsPage()`.
    #[wasm_bindgen(method, catch, js_name = openOptions)]
    pub fn open_options(this: &PopupHost) -> Result<(), JsValue>;

    /// `storage.local.set(items)`.
    #[wasm_bindgen(method, catch, js_name = storageSet)]
    pub fn storage_set(this: &PopupHost, items: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// Whether the optional clipboardRead permission is granted: a promise of a boolean.
    #[wasm_bindgen(method, catch, js_name = hasClipboardRead)]
    pub fn has_clipboard_read(this: &PopupHost) -> Result<js_sys::Promise, JsValue>;

    /// `permissions.request` for clipboardRead: a promise of whether it was granted. Must be
    /// called while a click is being handled (the browsers refuse it otherwise).
    #[wasm_bindgen(method, catch, js_name = requestClipboardRead)]
    pub fn request_clipboard_read(this: &PopupHost) -> Result<js_sys::Promise, JsValue>;

    /// Whether the browser shows a permission prompt over the popup (Chrome). Firefox opens
    /// it under the popup, out of sight until the popup closes: there the options page asks.
    #[wasm_bindgen(method, catch, js_name = promptsInPopup)]
    pub fn prompts_in_popup(this: &PopupHost) -> Result<bool, JsValue>;
}

impl PopupHost {
    /// The localised message `key` with `$1`… substituted; the key itself if unknown.
    pub fn t(&self, key: &str, substitutions: &[&str]) -> String {
        crate::kit::i18n::message(|k, s| self.message(k, s), key, substitutions)
    }
}
