//! Compact copies of the data files the core embeds (`OUT_DIR`): the language packs without
//! their layout whitespace, and of the English message catalogue only what the core itself
//! renders (the panel's and the report's messages, without the translators' notes). The
//! source files stay as they are written and reviewed; the tests read those.

use std::fs;
use std::path::Path;

use serde_json::{Map, Value};

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
