//! Compact copies of the data files the core embeds (`OUT_DIR`): the language packs without
//! their layout whitespace, and of the English message catalogue only what the core itself
//! renders (the panel's and the report's messages, without the translators' notes). The
//! source files stay as they are written and reviewed; the tests read those.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::{Map, Value};

// The same folding of words as at run time: one source.
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;

/// The control panel's languages, in the order the packs are shipped (en-US first).
const LANGS: [&str; 16] = [
    "en-US", "de-DE", "fr-FR", "es-ES", "es-419", "it-IT", "uk-UA", "zh-CN", "nl-NL", "pt-BR",
    "sv-SE", "ko-KR", "da-DK", "no-NO", "pl-PL", "ja-JP",
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo:rerun-if-changed=src/languages");
    println!("cargo:rerun-if-changed=extension/_locales/en/messages.json");

    let packs = out.join("languages");
    fs::create_dir_all(&packs).expect("OUT_DIR is writable");
    let mut names: Vec<_> = fs::read_dir("src/languages")
        .expect("src/languages")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("a language pack is UTF-8");
        // A file that does not parse is copied as it is: `lang::parse` then names the field.
        let compact = serde_json::from_str::<Value>(&text)
            .map(|v| v.to_string())
            .unwrap_or(text);
        let name = path.file_name().expect("a file name");
        fs::write(packs.join(name), compact).expect("OUT_DIR is writable");
    }

    fs::write(out.join("packs.rs"), packs_rs()).expect("OUT_DIR is writable");

    let english = fs::read_to_string("extension/_locales/en/messages.json").expect("en catalogue");
    let compact = match serde_json::from_str::<Map<String, Value>>(&english) {
        Ok(all) => {
            let kept: Map<String, Value> = all
                .into_iter()
                .filter(|(key, _)| key.starts_with("panel_") || key.starts_with("report_"))
                .map(|(key, entry)| (key, for_the_core(entry)))
                .collect();
            Value::Object(kept).to_string()
        }
        Err(_) => english,
    };
    fs::write(out.join("en-messages.json"), compact).expect("OUT_DIR is writable");
}

/// An entry with what formatting needs: the message and each placeholder's content.
fn for_the_core(entry: Value) -> Value {
    let Value::Object(mut fields) = entry else {
        return entry;
    };
    fields.remove("description");
    if let Some(Value::Object(placeholders)) = fields.get_mut("placeholders") {
        for placeholder in placeholders.values_mut() {
            if let Value::Object(p) = placeholder {
                p.remove("example");
            }
        }
    }
    Value::Object(fields)
}

/// The wordings of one text: a string, or an array of strings.
fn wordings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `Level::ReadOnly` for "read-only": the level keys packs use.
fn level_variant(key: &str) -> Option<&'static str> {
    Some(match key {
        "none" => "None",
        "read-only" => "ReadOnly",
        "login" => "Login",
        "create" => "Create",
        "create preview" => "CreatePreview",
        "manage" => "Manage",
        "standard" => "Standard",
        "modify" => "Modify",
        "full" => "Full",
        _ => return None,
    })
}

/// `packs.rs`: the shipped files, each pack's code and whether its words are verified,
/// and every word of every pack folded and sorted, so that the core reads no JSON and
/// sorts nothing to recognise a page. A pack that does not parse is left out here; the
/// test suite parses the files and names what is wrong.
fn packs_rs() -> String {
    let mut files = String::new();
    let mut info = String::new();
    let mut entries: Vec<(String, String, usize)> = Vec::new();
    for (i, lang) in LANGS.iter().enumerate() {
        let _ = writeln!(
            files,
            "    (\"{lang}.json\", include_str!(concat!(env!(\"OUT_DIR\"), \"/languages/{lang}.json\"))),"
        );
        let path = format!("src/languages/{lang}.json");
        let pack: Value = fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        let verified = pack
            .get("verified")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let _ = writeln!(info, "    (\"{lang}\", {verified}),");
        let mut add = |words: &Value, meaning: String| {
            for w in wordings(words) {
                entries.push((text::normalize(w), meaning.clone(), i));
            }
        };
        let section = |name: &str| pack.get(name).and_then(Value::as_object).cloned();
        for (id, words) in section("scopes").unwrap_or_default() {
            add(&words, format!("Meaning::Scope({id:?})"));
        }
        for (key, words) in section("levels").unwrap_or_default() {
            if let Some(variant) = level_variant(&key) {
                add(&words, format!("Meaning::Level(Level::{variant})"));
            }
        }
        for (key, words) in section("page").unwrap_or_default() {
            add(&words, format!("Meaning::Page({key:?})"));
        }
        for (key, words) in section("dialog").unwrap_or_default() {
            add(&words, format!("Meaning::Dialog({key:?})"));
        }
    }
    entries.retain(|(key, _, _)| !key.is_empty());
    entries.sort();
    let mut lexicon = String::new();
    for (key, meaning, pack) in &entries {
        let _ = writeln!(lexicon, "    ({key:?}, {meaning}, {pack}),");
    }
    format!(
        "// Generated by build.rs from src/languages/*.json.\n\n\
         /// The packs shipped with the extension, one per control-panel language, en-US first\n\
         /// (`src/languages/`, whitespace removed by `build.rs`).\n\
         pub const SHIPPED_FILES: &[(&str, &str)] = &[\n{files}];\n\n\
         /// Each shipped pack's code, and whether its words were seen on the real page.\n\
         const PACK_LANGS: &[(&str, bool)] = &[\n{info}];\n\n\
         /// Every word of every pack: (folded word, meaning, pack), sorted by word.\n\
         static LEXICON: &[(&str, Meaning, usize)] = &[\n{lexicon}];\n"
    )
}
