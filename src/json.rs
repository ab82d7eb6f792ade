//! Reading the extension's JSON data files (presets, language packs) into their schemas.
//!
//! Natively and in the extension pages, serde_json with the path of the field that failed.
//! The content script's core reads JSON with the browser's own parser: serde_json and the
//! field paths were a seventh of it, and what it reads was checked with field paths before
//! (shipped files by the test suite, users' presets by the options page on import).

use serde::de::DeserializeOwned;

/// `(field path, message)`; the path is empty when the whole file is wrong.
pub type JsonError = (String, String);

#[cfg(any(not(target_arch = "wasm32"), feature = "pages"))]
pub fn read<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        (field, e.into_inner().to_string())
    })
}

#[cfg(all(target_arch = "wasm32", not(feature = "pages")))]
pub fn read<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    let value = js_sys::JSON::parse(json)
        .map_err(|_| (String::new(), "expected a JSON object".to_string()))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| (String::new(), e.to_string()))
}
