//! Language packs: the control panel's words in each of its 16 languages, as data
//! (`languages/*.json`).
//!
//! BigCommerce publishes no translation of the Create account page, so every pack but
//! en-US is our best guess. The words are hints: where one matches, recognition is exact
//! (a caption names its scope, a level word its level, a label its credential); where none
//! does, structure decides (`identify`, `outline::form`, `credentials::from_dialog`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::catalog::{self, Presence};
use crate::level::Level;
use crate::text::{closest, normalize};

/// One or more wordings of one text; the first is the one a page is drawn with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words(pub Vec<String>);

impl Words {
    pub fn first(&self) -> &str {
        self.0.first().map(String::as_str).unwrap_or("")
    }
}

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Words, D::Error> {
        struct WordsVisitor;
        impl<'de> Visitor<'de> for WordsVisitor {
            type Value = Words;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or an array of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Words, E> {
                Ok(Words(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Words, A::Error> {
                let mut words = Vec::new();
                while let Some(w) = seq.next_element::<String>()? {
                    words.push(w);
                }
                Ok(Words(words))
            }
        }
        deserializer.deserialize_any(WordsVisitor)
    }
}

/// A pack file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    lang: String,
    name: String,
    source: String,
    #[serde(default)]
    verified: bool,
    page: BTreeMap<String, Words>,
    dialog: BTreeMap<String, Words>,
    scopes: BTreeMap<String, Words>,
    levels: BTreeMap<String, Words>,
}

/// The texts of the page a pack must give (the replica is drawn from them too).
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "token_type",
    "token_v2v3",
    "token_stencil",
    "name",
    "name_placeholder",
    "api_path",
    "b2b_api_path",
    "oauth_scopes",
    "oauth_intro",
    "stencil_access_heading",
    "stencil_access",
    "stencil_local",
    "stencil_publish",
    "save",
    "cancel",
    "list_title",
    "list_intro",
    "create_api_account",
    "settings",
    "column_account_name",
    "column_scopes",
    "column_webhooks",
    "no_accounts",
    "legacy_question",
    "legacy_link",
    "toast_title",
    "toast_text",
];

/// The texts of the credentials dialog a pack must give.
pub const DIALOG_KEYS: &[&str] = &[
    "title",
    "download_note",
    "client_id",
    "client_secret",
    "access_token",
    "copy",
    "warning",
    "done",
];

/// The levels the store-level page shows, whose words a pack must give.
pub const LEVEL_KEYS: &[Level] = &[
    Level::None,
    Level::ReadOnly,
    Level::Login,
    Level::Create,
    Level::Manage,
    Level::Standard,
    Level::Modify,
    Level::Full,
];

/// A checked pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// BigCommerce's code for the language: `fr-FR`, `es-419`.
    pub lang: String,
    pub name: String,
    pub source: String,
    /// Words seen on the real page (en-US); the others are our translation.
    pub verified: bool,
    pub page: BTreeMap<String, Words>,
    pub dialog: BTreeMap<String, Words>,
    /// Caption of each scope row, by catalogue id.
    pub scopes: Vec<(&'static str, Words)>,
    pub levels: Vec<(Level, Words)>,
}

impl Pack {
    pub fn page(&self, key: &str) -> Option<&Words> {
        self.page.get(key)
    }

    pub fn dialog(&self, key: &str) -> Option<&Words> {
        self.dialog.get(key)
    }

    pub fn scope(&self, id: &str) -> Option<&Words> {
        self.scopes.iter().find(|(s, _)| *s == id).map(|(_, w)| w)
    }

    pub fn level(&self, level: Level) -> Option<&Words> {
        self.levels
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, w)| w)
    }
}

/// A pack that could not be read, naming the file, the field and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.field, self.message)
        }
    }
}

impl std::error::Error for PackError {}

fn check_keys(
    section: &str,
    words: &BTreeMap<String, Words>,
    keys: &[&str],
) -> Result<(), (String, String)> {
    for key in words.keys() {
        if !keys.contains(&key.as_str()) {
            return Err((
                format!("{section}.{key}"),
                format!(
                    "unknown text; expected one of {}",
                    closest(key, keys.iter().copied(), 3).join(", ")
                ),
            ));
        }
    }
    for key in keys {
        if !words.contains_key(*key) {
            return Err((format!("{section}.{key}"), "missing".into()));
        }
    }
    for (key, w) in words {
        check_words(&format!("{section}.{key}"), w)?;
    }
    Ok(())
}

fn check_words(field: &str, words: &Words) -> Result<(), (String, String)> {
    if words.0.is_empty() {
        return Err((field.into(), "expected at least one wording".into()));
    }
    if let Some(i) = words.0.iter().position(|w| normalize(w).is_empty()) {
        let at = if words.0.len() > 1 {
            format!("{field}[{i}]")
        } else {
            field.to_string()
        };
        return Err((at, "expected a word with letters or digits".into()));
    }
    Ok(())
}

fn validate(raw: PackFile, file: &str) -> Result<Pack, (String, String)> {
    let stem = file.strip_suffix(".json").unwrap_or(file);
    if raw.lang != stem {
        return Err((
            "lang".into(),
            format!("{:?} does not match the file name {file}", raw.lang),
        ));
    }
    check_keys("page", &raw.page, PAGE_KEYS)?;
    check_keys("dialog", &raw.dialog, DIALOG_KEYS)?;
    let mut scopes = Vec::new();
    for (id, words) in raw.scopes {
        let field = format!("scopes.{id}");
        let scope = catalog::by_id(&id).ok_or_else(|| {
            let ids = catalog::CATALOG.iter().map(|s| s.id);
            (
                field.clone(),
                format!(
                    "unknown scope id; closest known: {}",
                    closest(&id, ids, 3).join(", ")
                ),
            )
        })?;
        check_words(&field, &words)?;
        scopes.push((scope.id, words));
    }
    for scope in catalog::CATALOG
        .iter()
        .filter(|s| s.presence != Presence::NotOnStorePage)
    {
        if !scopes.iter().any(|(id, _)| *id == scope.id) {
            return Err((
                format!("scopes.{}", scope.id),
                format!("missing (the caption of the row {:?})", scope.label),
            ));
        }
    }
    let mut levels = Vec::new();
    for (word, words) in raw.levels {
        let field = format!("levels.{word}");
        let level = LEVEL_KEYS
            .iter()
            .copied()
            .find(|l| l.as_str() == word)
            .ok_or_else(|| {
                let keys = LEVEL_KEYS.iter().map(|l| l.as_str());
                (
                    field.clone(),
                    format!("expected one of {}", keys.collect::<Vec<_>>().join(", ")),
                )
            })?;
        check_words(&field, &words)?;
        levels.push((level, words));
    }
    if let Some(missing) = LEVEL_KEYS
        .iter()
        .find(|l| !levels.iter().any(|(have, _)| have == *l))
    {
        return Err((format!("levels.{missing}"), "missing".into()));
    }
    Ok(Pack {
        lang: raw.lang,
        name: raw.name,
        source: raw.source,
        verified: raw.verified,
        page: raw.page,
        dialog: raw.dialog,
        scopes,
        levels,
    })
}

/// Reads and checks one pack file.
pub fn parse(file: &str, json: &str) -> Result<Pack, PackError> {
    crate::json::read::<PackFile>(json)
        .and_then(|raw| validate(raw, file))
        .map_err(|(field, message)| PackError {
            file: file.to_string(),
            field,
            message,
        })
}

// SHIPPED_FILES, PACK_LANGS and LEXICON, generated from languages/ by build.rs.
include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// The shipped packs, read once. Each is checked by the test suite: one that fails here is
/// a build defect, left out rather than taking recognition down.
pub fn packs() -> &'static [Pack] {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        SHIPPED_FILES
            .iter()
            .filter_map(|(file, json)| parse(file, json).ok())
            .collect()
    })
}

/// The code of the shipped pack for a language code as a page or a browser writes it
/// (`fr`, `fr-CA`, `pt_BR`, `nb`): the exact code, else the same language.
pub fn lang_for(code: &str) -> Option<&'static str> {
    let code = code.trim().replace('_', "-").to_ascii_lowercase();
    if code.is_empty() {
        return None;
    }
    let language = code.split('-').next().unwrap_or("");
    // Norwegian: BigCommerce says no-NO, browsers say nb or nn.
    let language = if matches!(language, "nb" | "nn") {
        "no"
    } else {
        language
    };
    let langs = PACK_LANGS.iter().map(|(l, _)| *l);
    langs
        .clone()
        .find(|l| l.to_ascii_lowercase() == code)
        .or_else(|| {
            langs
                .clone()
                .find(|l| l.to_ascii_lowercase().split('-').next() == Some(language))
        })
}

/// Whether the words of the pack at `index` were seen on the real page.
pub fn verified(index: usize) -> bool {
    PACK_LANGS.get(index).is_some_and(|(_, v)| *v)
}

/// The pack for a language code as a page or a browser writes it (see [`lang_for`]).
pub fn pack_for(code: &str) -> Option<&'static Pack> {
    let lang = lang_for(code)?;
    packs().iter().find(|p| p.lang == lang)
}

/// What a word means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    Scope(&'static str),
    Level(Level),
    /// One of [`PAGE_KEYS`].
    Page(&'static str),
    /// One of [`DIALOG_KEYS`].
    Dialog(&'static str),
}

/// What a text means in any pack, with the packs (indexes into [`packs`]) that say so.
pub fn meanings(text: &str) -> Vec<(Meaning, usize)> {
    let key = normalize(text);
    if key.is_empty() {
        return Vec::new();
    }
    let start = LEXICON.partition_point(|(k, _, _)| *k < key.as_str());
    LEXICON[start..]
        .iter()
        .take_while(|(k, _, _)| *k == key)
        .map(|(_, meaning, pack)| (*meaning, *pack))
        .collect()
}

/// The scope a row caption names: the catalogue's English labels and aliases, else any pack.
/// None when packs disagree.
pub fn scope_by_caption(caption: &str) -> Option<&'static catalog::Scope> {
    if let Some(scope) = catalog::find(caption) {
        return Some(scope);
    }
    let mut found = meanings(caption).into_iter().filter_map(|(m, _)| match m {
        Meaning::Scope(id) => Some(id),
        _ => None,
    });
    let first = found.next()?;
    found
        .all(|id| id == first)
        .then(|| catalog::by_id(first))
        .flatten()
}

/// The level a choice's word names: the English words, else any pack. None when unknown.
pub fn level_by_word(word: &str) -> Option<Level> {
    if let Ok(level) = Level::parse(word) {
        return Some(level);
    }
    let mut found = meanings(word).into_iter().filter_map(|(m, _)| match m {
        Meaning::Level(l) => Some(l),
        _ => None,
    });
    let first = found.next()?;
    found.all(|l| l == first).then_some(first)
}

/// Whether a text is, in some pack, the page text `key` (one of [`PAGE_KEYS`]).
pub fn is_page_text(text: &str, key: &str) -> bool {
    meanings(text)
        .iter()
        .any(|(m, _)| matches!(m, Meaning::Page(k) if *k == key))
}

/// Whether a text is, in some pack, the credentials dialog's text `key`.
pub fn is_dialog_text(text: &str, key: &str) -> bool {
    meanings(text)
        .iter()
        .any(|(m, _)| matches!(m, Meaning::Dialog(k) if *k == key))
}

/// How many of a pack's page words, or of its captions and level words, a page must show
/// to be taken for that pack's language.
const MIN_PAGE_WORDS: usize = 3;
const MIN_ROW_WORDS: usize = 10;

/// The language of a page from its texts: the pack whose words it shows most. The page's
/// own texts (form, buttons, dialog) are its interface language and count first; scope
/// captions and level words only break a tie (they may stay English on a translated page).
/// Among packs tied (es-ES and es-419 share most words), the one `<html lang>` names wins.
pub fn language_of<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    html_lang: Option<&str>,
) -> Option<&'static str> {
    let mut scores = vec![(0usize, 0usize); PACK_LANGS.len()];
    for text in texts {
        let mut seen_ui: Vec<usize> = Vec::new();
        let mut seen_rows: Vec<usize> = Vec::new();
        for (meaning, pack) in meanings(text) {
            match meaning {
                Meaning::Page(_) | Meaning::Dialog(_) if !seen_ui.contains(&pack) => {
                    seen_ui.push(pack);
                    scores[pack].0 += 1;
                }
                Meaning::Scope(_) | Meaning::Level(_) if !seen_rows.contains(&pack) => {
                    seen_rows.push(pack);
                    scores[pack].1 += 1;
                }
                _ => {}
            }
        }
    }
    // A word or two in common is not a language (many packs keep "V2/V3 API token").
    let best = scores
        .iter()
        .max()
        .copied()
        .filter(|(ui, rows)| *ui >= MIN_PAGE_WORDS || *rows >= MIN_ROW_WORDS)?;
    let tied: Vec<&'static str> = (0..PACK_LANGS.len())
        .filter(|i| scores[*i] == best)
        .map(|i| PACK_LANGS[i].0)
        .collect();
    let named = html_lang.and_then(lang_for);
    tied.iter()
        .copied()
        .find(|l| Some(*l) == named)
        .or_else(|| tied.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pack's file as written (the core embeds a compacted copy).
    fn source(file: &str) -> String {
        let path = format!("{}/languages/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn the_embedded_packs_are_the_files_as_written() {
        let dir = format!("{}/languages", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        files.sort();
        let mut shipped: Vec<&str> = SHIPPED_FILES.iter().map(|(f, _)| *f).collect();
        shipped.sort();
        assert_eq!(files, shipped, "every file in languages/ is shipped");
        for (file, embedded) in SHIPPED_FILES {
            let written: serde_json::Value = serde_json::from_str(&source(file)).unwrap();
            let embedded: serde_json::Value = serde_json::from_str(embedded).unwrap();
            assert_eq!(written, embedded, "{file}");
            if let Err(e) = parse(file, &source(file)) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn every_shipped_pack_reads_and_en_us_comes_first() {
        for (file, json) in SHIPPED_FILES {
            if let Err(e) = parse(file, json) {
                panic!("{e}");
            }
        }
        assert_eq!(packs().len(), SHIPPED_FILES.len());
        assert_eq!(packs()[0].lang, "en-US");
        assert!(packs()[0].verified);
    }

    #[test]
    fn the_english_pack_says_what_the_catalogue_says() {
        let en = &packs()[0];
        for (id, words) in &en.scopes {
            assert_eq!(catalog::by_id(id).map(|s| s.label), Some(words.first()));
        }
        for (level, words) in &en.levels {
            assert_eq!(Level::parse(words.first()), Ok(*level));
        }
    }

    #[test]
    fn errors_name_the_file_the_field_and_what_was_expected() {
        let en = &source("en-US.json");
        let wrong = en.replace("\"checkout_content\"", "\"checkout_contnet\"");
        let e = parse("en-US.json", &wrong).unwrap_err().to_string();
        assert!(
            e.starts_with("en-US.json: scopes.checkout_contnet: unknown scope id; closest known: checkout_content"),
            "{e}"
        );
        let e = parse("fr-FR.json", en).unwrap_err().to_string();
        assert!(
            e.contains("lang: \"en-US\" does not match the file name fr-FR.json"),
            "{e}"
        );
        let wrong = en.replace("\"toast_text\"", "\"toast_txt\"");
        let e = parse("en-US.json", &wrong).unwrap_err().to_string();
        assert!(
            e.contains("page.toast_txt: unknown text; expected one of toast_text"),
            "{e}"
        );
        let wrong = en.replace("\"full\": \"full\"", "\"total\": \"full\"");
        let e = parse("en-US.json", &wrong).unwrap_err().to_string();
        assert!(
            e.contains("levels.total: expected one of none, read-only"),
            "{e}"
        );
        let wrong = en.replace("\"Carts\"", "[]");
        let e = parse("en-US.json", &wrong).unwrap_err().to_string();
        assert!(
            e.contains("scopes.carts: expected at least one wording"),
            "{e}"
        );
        let wrong = en.replace("\"Carts\"", "7");
        let e = parse("en-US.json", &wrong).unwrap_err().to_string();
        assert!(
            e.contains("scopes.carts") && e.contains("a string, or an array of strings"),
            "{e}"
        );
    }

    #[test]
    fn codes_are_matched_as_pages_and_browsers_write_them() {
        assert_eq!(pack_for("en").map(|p| p.lang.as_str()), Some("en-US"));
        assert_eq!(pack_for("EN_gb").map(|p| p.lang.as_str()), Some("en-US"));
        assert!(pack_for("").is_none());
        assert!(pack_for("qps-ploc").is_none());
    }

    #[test]
    fn words_are_read_in_any_case_and_spacing() {
        assert_eq!(
            scope_by_caption("sites and ROUTES").map(|s| s.id),
            Some("sites_routes")
        );
        assert_eq!(level_by_word("Read only"), Some(Level::ReadOnly));
        assert!(is_page_text("API Path", "api_path"));
        assert!(is_dialog_text("client secret", "client_secret"));
        assert_eq!(
            language_of(["Create account", "Save", "Cancel"], None),
            Some("en-US")
        );
        assert!(language_of(["[Šåvé ··]"], Some("en")).is_none());
        // A word or two a pack knows is not enough: <html lang> and the browser decide then.
        assert!(language_of(["V2/V3 API token", "Save"], None).is_none());
        assert_eq!(
            language_of(["V2/V3 API token", "Enregistrer", "Annuler", "Nom"], None),
            Some("fr-FR")
        );
    }

    /// Every word of a pack, as its page would show them.
    fn page_words(pack: &Pack) -> Vec<&str> {
        let ui = pack.page.values().chain(pack.dialog.values());
        ui.flat_map(|w| w.0.iter().map(String::as_str)).collect()
    }

    #[test]
    fn no_word_means_two_things_across_the_packs() {
        for pack in packs() {
            for (id, words) in &pack.scopes {
                for w in &words.0 {
                    assert_eq!(
                        scope_by_caption(w).map(|s| s.id),
                        Some(*id),
                        "{}: scopes.{id}: {w:?} names another scope in some pack",
                        pack.lang
                    );
                }
            }
            for (level, words) in &pack.levels {
                for w in &words.0 {
                    assert_eq!(
                        level_by_word(w),
                        Some(*level),
                        "{}: levels.{level}: {w:?} is another level in some pack",
                        pack.lang
                    );
                }
            }
        }
    }

    #[test]
    fn each_pack_is_told_from_the_others_by_its_page_words() {
        for pack in packs() {
            let words = page_words(pack);
            let told = language_of(words.iter().copied(), Some(&pack.lang));
            assert_eq!(told, Some(pack.lang.as_str()));
            // Without <html lang>: this pack, or one of the same language with the same words.
            let told = language_of(words.iter().copied(), None).unwrap();
            assert_eq!(told[..2], pack.lang[..2], "{}", pack.lang);
            // English scope captions on a page otherwise in this language.
            let english = packs()[0].scopes.iter().map(|(_, w)| w.first());
            let told = language_of(words.iter().copied().chain(english), Some("en"));
            assert_eq!(
                told.map(|l| &l[..2]),
                Some(&pack.lang[..2]),
                "{}",
                pack.lang
            );
        }
    }

    #[test]
    fn sixteen_packs_one_per_control_panel_language() {
        let langs: Vec<&str> = packs().iter().map(|p| p.lang.as_str()).collect();
        assert_eq!(
            langs,
            [
                "en-US", "de-DE", "fr-FR", "es-ES", "es-419", "it-IT", "uk-UA", "zh-CN", "nl-NL",
                "pt-BR", "sv-SE", "ko-KR", "da-DK", "no-NO", "pl-PL", "ja-JP"
            ]
        );
        for pack in &packs()[1..] {
            assert!(!pack.verified, "{}", pack.lang);
            assert!(pack.source.starts_with("our translation"), "{}", pack.lang);
        }
    }

    #[test]
    fn the_generated_lexicon_is_every_word_of_the_parsed_packs() {
        let mut built: Vec<(String, Meaning, usize)> = Vec::new();
        for (i, pack) in packs().iter().enumerate() {
            let mut add = |words: &Words, meaning: Meaning| {
                for w in &words.0 {
                    built.push((normalize(w), meaning, i));
                }
            };
            for (id, words) in &pack.scopes {
                add(words, Meaning::Scope(id));
            }
            for (level, words) in &pack.levels {
                add(words, Meaning::Level(*level));
            }
            for key in PAGE_KEYS {
                add(pack.page(key).unwrap(), Meaning::Page(key));
            }
            for key in DIALOG_KEYS {
                add(pack.dialog(key).unwrap(), Meaning::Dialog(key));
            }
        }
        let mut generated: Vec<(String, Meaning, usize)> = LEXICON
            .iter()
            .map(|(k, m, p)| (k.to_string(), *m, *p))
            .collect();
        let order = |a: &(String, Meaning, usize), b: &(String, Meaning, usize)| {
            (&a.0, format!("{:?}", a.1), a.2).cmp(&(&b.0, format!("{:?}", b.1), b.2))
        };
        built.sort_by(order);
        generated.sort_by(order);
        assert_eq!(generated, built);
        assert!(
            LEXICON.windows(2).all(|w| w[0].0 <= w[1].0),
            "sorted by word"
        );
        let langs: Vec<&str> = packs().iter().map(|p| p.lang.as_str()).collect();
        let generated: Vec<&str> = PACK_LANGS.iter().map(|(l, _)| *l).collect();
        assert_eq!(generated, langs);
    }
}
