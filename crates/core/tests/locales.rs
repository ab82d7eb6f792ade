//! The extension's message catalogues (`extension/_locales/*/messages.json`) stay in step
//! with English: same keys, same `$NAME$` placeholders, nothing left empty or untranslated,
//! Chrome's length limits kept, and every locale of BigCommerce's control panel present.

use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Chrome's folder names for English and the 15 other languages of BigCommerce's control panel
/// (`nb` is Norwegian Bokmål, BigCommerce's "no-NO").
const LOCALES: [&str; 16] = [
    "da", "de", "en", "es", "es_419", "fr", "it", "ja", "ko", "nb", "nl", "pl", "pt_BR", "sv",
    "uk", "zh_CN",
];

/// Keys whose message may legitimately equal the English one: product names, bare
/// placeholders and the punctuation between them, file names.
const MAY_MATCH_ENGLISH: [&str; 10] = [
    "extName",
    "actionTitle",
    "popup_title",
    "presetError",
    "popup_importNothing",
    "options_pastedFile",
    "report_list",
    "report_item",
    "report_itemPosition",
    "panel_caption",
];

/// Above this share of keys (outside `MAY_MATCH_ENGLISH`) equal to English, a locale counts as
/// an untranslated copy.
const MAX_IDENTICAL_PERCENT: usize = 20;

/// Chrome's limits, in characters.
const MAX_EXT_NAME: usize = 75;
const MAX_EXT_DESCRIPTION: usize = 132;

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../extension/_locales")
}

/// The `$NAME$` placeholders a message uses, lower-cased (Chrome matches them
/// case-insensitively). `$$` is a literal dollar and `$1` a positional substitution.
fn placeholders_used(message: &str) -> BTreeSet<String> {
    let chars: Vec<char> = message.chars().collect();
    let mut names = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'$') {
            i += 2;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len()
            && (chars[j].is_ascii_alphanumeric() || chars[j] == '_' || chars[j] == '@')
        {
            j += 1;
        }
        if j > i + 1 && chars.get(j) == Some(&'$') {
            names.insert(chars[i + 1..j].iter().collect::<String>().to_lowercase());
            i = j + 1;
        } else {
            i += 1;
        }
    }
    names
}

/// A key's `placeholders` object as (lower-cased name, `content`) pairs.
fn placeholder_defs(entry: &Value) -> BTreeSet<(String, String)> {
    entry
        .get("placeholders")
        .and_then(Value::as_object)
        .map(|defs| {
            defs.iter()
                .map(|(name, def)| {
                    let content = def
                        .get("content")
                        .and_then(Value::as_str)
                        .unwrap_or("<no content>");
                    (name.to_lowercase(), content.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

fn show(set: &BTreeSet<String>) -> String {
    let names: Vec<&str> = set.iter().map(String::as_str).collect();
    format!("{{{}}}", names.join(", "))
}

/// Reads `<dir>/<locale>/messages.json` as an object of message entries.
fn load(dir: &Path, locale: &str) -> Result<Map<String, Value>, String> {
    let path = dir.join(locale).join("messages.json");
    let text = fs::read_to_string(&path)
        .map_err(|e| format!("{locale}: cannot read {}: {e}", path.display()))?;
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!("{locale}: messages.json is not a JSON object")),
        Err(e) => Err(format!("{locale}: messages.json does not parse: {e}")),
    }
}

fn message(entry: &Value) -> Option<&str> {
    entry.get("message").and_then(Value::as_str)
}

/// Every problem with the catalogues under `dir`, each naming the locale, the key and what was
/// expected. Empty when all is well.
fn check_locales(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();

    let mut found = BTreeSet::new();
    match fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                if entry.path().is_dir() {
                    found.insert(entry.file_name().to_string_lossy().into_owned());
                }
            }
        }
        Err(e) => return vec![format!("cannot list {}: {e}", dir.display())],
    }
    let expected: BTreeSet<String> = LOCALES.iter().map(|l| l.to_string()).collect();
    for missing in expected.difference(&found) {
        problems.push(format!(
            "{missing}: locale folder missing (expected all of {LOCALES:?})"
        ));
    }
    for extra in found.difference(&expected) {
        problems.push(format!(
            "{extra}: unexpected locale folder (expected only {LOCALES:?})"
        ));
    }

    let en = match load(dir, "en") {
        Ok(en) => en,
        Err(e) => {
            problems.push(e);
            return problems;
        }
    };

    for locale in LOCALES.iter().filter(|l| found.contains(**l)) {
        let messages = match load(dir, locale) {
            Ok(m) => m,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };

        for key in en.keys().filter(|k| !messages.contains_key(*k)) {
            problems.push(format!("{locale}: {key}: missing (en has it)"));
        }
        for key in messages.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!("{locale}: {key}: unexpected key (not in en)"));
        }

        let mut identical = Vec::new();
        for (key, entry) in &messages {
            let Some(text) = message(entry) else {
                problems.push(format!(
                    "{locale}: {key}: expected an object with a string \"message\""
                ));
                continue;
            };
            if text.trim().is_empty() {
                problems.push(format!("{locale}: {key}: message is empty"));
            }
            let used = placeholders_used(text);
            let defs = placeholder_defs(entry);
            let defined: BTreeSet<String> = defs.iter().map(|(name, _)| name.clone()).collect();
            let undefined: BTreeSet<String> = used.difference(&defined).cloned().collect();
            if !undefined.is_empty() {
                problems.push(format!(
                    "{locale}: {key}: message uses {} with no entry in \"placeholders\" {}",
                    show(&undefined),
                    show(&defined)
                ));
            }

            let Some(en_entry) = en.get(key) else {
                continue;
            };
            let en_text = message(en_entry).unwrap_or_default();
            let en_used = placeholders_used(en_text);
            if used != en_used {
                problems.push(format!(
                    "{locale}: {key}: message uses placeholders {}, expected {} as in en",
                    show(&used),
                    show(&en_used)
                ));
            }
            let en_defs = placeholder_defs(en_entry);
            if defs != en_defs {
                problems.push(format!(
                    "{locale}: {key}: placeholders (name, content) {defs:?}, expected {en_defs:?} as in en"
                ));
            }
            if *locale != "en" && text == en_text && !MAY_MATCH_ENGLISH.contains(&key.as_str()) {
                identical.push(key.as_str());
            }
        }

        if identical.len() * 100 > en.len() * MAX_IDENTICAL_PERCENT {
            problems.push(format!(
                "{locale}: {} of {} messages are identical to en (at most {MAX_IDENTICAL_PERCENT}% expected): untranslated? {}",
                identical.len(),
                en.len(),
                identical.join(", ")
            ));
        }

        for (key, max) in [
            ("extName", MAX_EXT_NAME),
            ("extDescription", MAX_EXT_DESCRIPTION),
        ] {
            if let Some(text) = messages.get(key).and_then(message) {
                let len = text.chars().count();
                if len > max {
                    problems.push(format!("{locale}: {key}: {len} characters, expected at most {max} (Chrome's limit)"));
                }
            }
        }
    }
    problems
}

#[test]
fn locale_catalogues_match_english() {
    let problems = check_locales(&locales_dir());
    assert!(
        problems.is_empty(),
        "{} problem(s) in extension/_locales:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn placeholder_scanner() {
    let names = |s: &str| placeholders_used(s).into_iter().collect::<Vec<_>>();
    assert_eq!(
        names("$FILE$, $field$: $MESSAGE$"),
        ["field", "file", "message"]
    );
    assert_eq!(names("Costs $$5, item $1 of $N$"), ["n"]);
    assert!(names("no placeholders, just a $ sign").is_empty());
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn edit(dir: &Path, locale: &str, change: impl FnOnce(&mut Map<String, Value>)) {
    let mut messages = load(dir, locale).unwrap();
    change(&mut messages);
    let text = serde_json::to_string_pretty(&Value::Object(messages)).unwrap();
    fs::write(dir.join(locale).join("messages.json"), text).unwrap();
}

fn set_message(messages: &mut Map<String, Value>, key: &str, text: &str) {
    messages[key]["message"] = Value::String(text.to_string());
}

/// The checks do fail: a broken copy of the catalogues, in a temporary directory, is reported
/// locale by locale and key by key.
#[test]
fn broken_catalogues_are_reported() {
    let dir = std::env::temp_dir().join(format!("scopefill-locales-test-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&locales_dir(), &dir);

    edit(&dir, "de", |m| {
        m.remove("popup_copy");
        m.insert("bogus".into(), serde_json::json!({ "message": "x" }));
        set_message(
            m,
            "presetsFailed",
            "Die Vorlagen konnten nicht geladen werden.",
        );
        set_message(m, "options_cancel", "  ");
        set_message(m, "extDescription", &"ä".repeat(133));
    });
    edit(&dir, "fr", |m| {
        set_message(m, "presetAccountName", "Nom du compte : $NOM$");
        m["popup_dropped"]["placeholders"]["kept"]["content"] = Value::String("$1".into());
    });
    let en = fs::read(dir.join("en/messages.json")).unwrap();
    fs::write(dir.join("es/messages.json"), en).unwrap();
    fs::write(dir.join("it/messages.json"), "{ \"extName\": ").unwrap();
    fs::remove_dir_all(dir.join("ja")).unwrap();
    fs::create_dir(dir.join("xx")).unwrap();

    let problems = check_locales(&dir);
    let _ = fs::remove_dir_all(&dir);
    let report = problems.join("\n");
    for expected in [
        "de: popup_copy: missing",
        "de: bogus: unexpected key",
        "de: presetsFailed: message uses placeholders {}, expected {detail}",
        "de: options_cancel: message is empty",
        "de: extDescription: 133 characters, expected at most 132",
        "fr: presetAccountName: message uses {nom} with no entry",
        "fr: presetAccountName: message uses placeholders {nom}, expected {name}",
        "fr: popup_dropped: placeholders (name, content)",
        "it: messages.json does not parse",
        "ja: locale folder missing",
        "xx: unexpected locale folder",
    ] {
        assert!(
            report.contains(expected),
            "expected a problem containing {expected:?}, got:\n{report}"
        );
    }
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("es: ") && p.contains("identical to en")),
        "expected es (a copy of en) to be reported as untranslated, got:\n{report}"
    );
    assert!(
        !report.contains("da:"),
        "da was left intact, got:\n{report}"
    );
}

/// The catalogues the core knows (and the background serves to the in-page panel, by the
/// core's own list) are the 16 folders.
#[test]
fn the_core_knows_every_catalogue() {
    assert_eq!(scopefill_core::messages::LOCALES, LOCALES);
}
