//! Reading the extension's JSON data files (presets, language packs, message catalogues)
//! into their schemas.
//!
//! `SerdeJson` reads with serde_json and names the field that failed; natively and in the
//! extension pages. The content script passes its own `JsonReader` (the browser's parser,
//! in the web crate): serde_json and the field paths were a seventh of its core, and what
//! it reads was checked with field paths before (shipped files by the test suite, users'
//! presets by the options page on import).

use serde::de::DeserializeOwned;

/// `(field path, message)`; the path is empty when the whole file is wrong.
pub type JsonError = (String, String);

/// A JSON parser the data files are read with.
pub trait JsonReader {
    /// Whether the reader names the failing field; such a reader also counts a preset's
    /// layouts before building them.
    const NAMES_FIELDS: bool;
    fn read<T: DeserializeOwned>(json: &str) -> Result<T, JsonError>;
}

/// serde_json, with the path of the field that failed.
pub struct SerdeJson;

impl JsonReader for SerdeJson {
    const NAMES_FIELDS: bool = true;
    fn read<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." { String::new() } else { path };
            (field, e.into_inner().to_string())
        })
    }
}

/// Reads with serde_json (see `SerdeJson`).
pub fn read<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    SerdeJson::read(json)
}
