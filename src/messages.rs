//! The extension's message catalogue (`extension/_locales/*/messages.json`, Chrome's format)
//! read and formatted in the core, for the texts the content script writes into the page:
//! the in-page panel and the fill report. The popup and the options page ask the browser
//! (`i18n.getMessage`) for the same keys; the content script gets its panel's catalogue from
//! the background, and carries English itself.
//!
//! A text is a [`Msg`]: a key and its arguments, which may be messages themselves (a list, a
//! sentence inside a sentence). It is rendered by whoever shows it, in their language.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The English catalogue, the one every other falls back to: the panel's and the report's
/// messages of `extension/_locales/en/messages.json`, compacted by `build.rs`.
const ENGLISH: &str = include_str!(concat!(env!("OUT_DIR"), "/en-messages.json"));

/// Chrome's folder names of the 16 catalogues (`nb`: BigCommerce's `no-NO`).
pub const LOCALES: [&str; 16] = [
    "da", "de", "en", "es", "es_419", "fr", "it", "ja", "ko", "nb", "nl", "pl", "pt_BR", "sv",
    "uk", "zh_CN",
];

/// A text to show: a catalogue key and its `$1`… substitutions. An empty key is a literal:
/// its arguments, as they are (a text that has no key, such as a browser's error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
}

/// One substitution: a text as it is, or a message rendered in the same language first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Text(String),
    Msg(Msg),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Text(n.to_string())
    }
}

impl From<Msg> for Arg {
    fn from(msg: Msg) -> Arg {
        Arg::Msg(msg)
    }
}

/// `msg!("key", arg, …)`: a [`Msg`] whose arguments are anything that converts to an [`Arg`].
macro_rules! msg {
    ($key:expr $(, $arg:expr)* $(,)?) => {
        $crate::messages::Msg {
            key: ::std::string::String::from($key),
            args: ::std::vec![$($crate::messages::Arg::from($arg)),*],
        }
    };
}
pub(crate) use msg;

impl Msg {
    /// A text shown as it is, in every language.
    pub fn literal(text: impl Into<String>) -> Msg {
        Msg {
            key: String::new(),
            args: vec![Arg::Text(text.into())],
        }
    }

    /// Renders with `lookup(key, substitutions)`, arguments first (`i18n.getMessage` in the
    /// extension pages, [`Messages::get`] in the core).
    pub fn render_with(&self, lookup: &dyn Fn(&str, &[String]) -> String) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|arg| match arg {
                Arg::Text(text) => text.clone(),
                Arg::Msg(msg) => msg.render_with(lookup),
            })
            .collect();
        if self.key.is_empty() {
            args.concat()
        } else {
            lookup(&self.key, &args)
        }
    }
}

/// Items joined the way the catalogue joins a list ("a, b, c"; "a、b、c").
pub fn list<A: Into<Arg>>(items: impl IntoIterator<Item = A>) -> Arg {
    let mut items = items.into_iter().map(Into::into);
    let Some(first) = items.next() else {
        return Arg::Text(String::new());
    };
    items.fold(first, |joined, item| {
        Arg::Msg(msg!("report_list", joined, item))
    })
}

/// A `messages.json` entry as written (descriptions and examples are for translators).
#[derive(Deserialize)]
struct Entry {
    message: String,
    #[serde(default)]
    placeholders: BTreeMap<String, Placeholder>,
}

#[derive(Deserialize)]
struct Placeholder {
    content: String,
}

/// One language's catalogue: each key's message with its `$NAME$` placeholders already
/// replaced by their content (`$1`…), as the browser does when it loads the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Messages {
    locale: String,
    messages: BTreeMap<String, String>,
}

impl Messages {
    /// Reads a `messages.json` text; `locale` names it (a folder name, `fr`, `pt_BR`).
    pub fn parse(locale: &str, json: &str) -> Result<Messages, crate::json::JsonError> {
        let entries: BTreeMap<String, Entry> = crate::json::read(json)?;
        let messages = entries
            .into_iter()
            .map(|(key, entry)| {
                let names: BTreeMap<String, String> = entry
                    .placeholders
                    .into_iter()
                    .map(|(name, p)| (name.to_ascii_lowercase(), p.content))
                    .collect();
                (key, replace_named(&entry.message, &names))
            })
            .collect();
        Ok(Messages {
            locale: locale.to_string(),
            messages,
        })
    }

    /// The English catalogue, built into the core.
    pub fn english() -> &'static Messages {
        static ENGLISH_MESSAGES: OnceLock<Messages> = OnceLock::new();
        ENGLISH_MESSAGES.get_or_init(|| {
            // The test suite reads the same file: a catalogue that does not parse fails it.
            Messages::parse("en", ENGLISH).unwrap_or(Messages {
                locale: "en".into(),
                messages: BTreeMap::new(),
            })
        })
    }

    /// The catalogue's folder name.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// Whether the catalogue has its own message for `key` (not English's).
    pub fn has(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }

    /// `key`'s message with `$1`…`$9` replaced by `substitutions` and `$$` read as `$`,
    /// exactly as `i18n.getMessage` does. A key this catalogue lacks is taken from English;
    /// one English lacks too comes back as the key itself (never a panic, never blank).
    pub fn get<S: AsRef<str>>(&self, key: &str, substitutions: &[S]) -> String {
        let message = self
            .messages
            .get(key)
            .or_else(|| Messages::english().messages.get(key));
        match message {
            Some(message) => substitute(message, substitutions),
            None => key.to_string(),
        }
    }

    pub fn render(&self, msg: &Msg) -> String {
        msg.render_with(&|key, args| self.get(key, args))
    }
}

/// Chrome's placeholder names: letters, digits, `_` and `@`.
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'@')
}

/// Replaces `$NAME$` by its placeholder's content (names compared case-insensitively), as
/// Chrome does when it loads a catalogue. Text between two `$` that is not a name is
/// skipped over from its second `$`; a name without a placeholder is left as it is.
fn replace_named(message: &str, names: &BTreeMap<String, String>) -> String {
    let mut text = message.to_string();
    let mut from = 0;
    while let Some(found) = text[from..].find('$') {
        let begin = from + found;
        let name_start = begin + 1;
        let Some(length) = text[name_start..].find('$') else {
            break;
        };
        let end = name_start + length;
        let name = &text[name_start..end];
        let content = is_name(name)
            .then(|| names.get(&name.to_ascii_lowercase()))
            .flatten();
        match content {
            Some(content) => {
                let content = content.clone();
                text.replace_range(begin..=end, &content);
                from = begin + content.len();
            }
            // Not a placeholder: the closing `$` may open the next one.
            None => from = end,
        }
    }
    text
}

/// `$1`…`$9` → the substitutions (nothing when there are fewer), a run of `$` after a `$` →
/// that run, any other `$x` → nothing, a `$` at the end → nothing: what the browser's
/// `ReplaceStringPlaceholders` does. Substituted text is not read again.
fn substitute<S: AsRef<str>>(message: &str, substitutions: &[S]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.next() {
            None => {}
            Some('$') => {
                out.push('$');
                while chars.next_if_eq(&'$').is_some() {
                    out.push('$');
                }
            }
            Some(d @ '1'..='9') => {
                let index = d as usize - '1' as usize;
                if let Some(s) = substitutions.get(index) {
                    out.push_str(s.as_ref());
                }
            }
            Some(_) => {}
        }
    }
    out
}

/// The catalogue for a language code as a page, a browser or a language pack writes it
/// (`fr`, `fr-CA`, `es-419`, `es-MX`, `pt_BR`, `no-NO`, `nb`); None when none is shipped.
pub fn locale_for(code: &str) -> Option<&'static str> {
    let code = code.trim().replace('_', "-").to_ascii_lowercase();
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or("");
    let region = parts.next();
    let locale = match language {
        "en" => "en",
        "de" => "de",
        "fr" => "fr",
        "it" => "it",
        "uk" => "uk",
        "nl" => "nl",
        "sv" => "sv",
        "ko" => "ko",
        "da" => "da",
        "pl" => "pl",
        "ja" => "ja",
        "pt" => "pt_BR",
        // Norwegian: BigCommerce says no-NO, browsers nb or nn.
        "nb" | "nn" | "no" => "nb",
        // Spain's Spanish; any other region (419, MX, AR…) reads Latin American Spanish.
        "es" => match region {
            None | Some("es") => "es",
            Some(_) => "es_419",
        },
        // Simplified Chinese only: a Traditional Chinese reader gets another language.
        "zh" => match region {
            Some("tw" | "hk" | "mo" | "hant") => return None,
            _ => "zh_CN",
        },
        _ => return None,
    };
    Some(locale)
}

/// The panel's language: the one the control panel is drawn in (`pack`, the language pack
/// its words match, e.g. `fr-FR`); else the page's `<html lang>`; else the browser's;
/// else English. Each only where a catalogue is shipped for it.
pub fn choose_locale(
    pack: Option<&str>,
    html_lang: Option<&str>,
    ui_language: Option<&str>,
) -> &'static str {
    [pack, html_lang, ui_language]
        .into_iter()
        .flatten()
        .find_map(locale_for)
        .unwrap_or("en")
}

/// A catalogue as written in `extension/_locales/` (the tests compare with the built-in one).
#[cfg(test)]
pub(crate) fn catalogue(locale: &str) -> Messages {
    let path = format!(
        "{}/extension/_locales/{locale}/messages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Messages::parse(locale, &json).unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::catalogue;

    #[test]
    fn english_is_built_in_with_every_message_the_core_renders() {
        let built_in = Messages::english();
        assert_eq!(built_in.locale(), "en");
        let file = catalogue("en");
        let args = ["a", "b", "c", "d", "e"];
        let mut core = 0;
        for key in file.messages.keys() {
            if key.starts_with("panel_") || key.starts_with("report_") {
                assert_eq!(built_in.get(key, &args), file.get(key, &args), "{key}");
                core += 1;
            } else {
                // The pages' messages come from the browser, not from the core.
                assert!(!built_in.messages.contains_key(key), "{key}");
            }
        }
        assert!(core > 60, "{core}");
    }

    #[test]
    fn real_entries_are_formatted_as_the_browser_does() {
        let en = catalogue("en");
        assert_eq!(
            en.get("presetsFailed", &["CompileError"]),
            "The presets could not be loaded: CompileError"
        );
        assert_eq!(
            en.get(
                "presetError",
                &["my.json", "scopes.Orders", "unknown level"]
            ),
            "my.json, scopes.Orders: unknown level"
        );
        assert_eq!(en.get("presetScopeCountOne", &[] as &[&str]), "1 scope");
        assert_eq!(
            en.get("popup_noMatch", &["next"]),
            "No integration matches “next”."
        );
    }

    #[test]
    fn named_placeholders_follow_their_content_not_their_order() {
        // popup_dropped: "… the newest $KEPT$ accounts: $COUNT$ older ones …", kept is $2.
        let en = catalogue("en");
        assert_eq!(
            en.get("popup_dropped", &["3", "20"]),
            "ScopeFill keeps the newest 20 accounts: 3 older ones were forgotten."
        );
        let fr = catalogue("fr");
        let text = fr.get("popup_dropped", &["3", "20"]);
        assert!(text.contains("20") && text.contains('3'), "{text}");
        assert!(!text.contains('$'), "{text}");
    }

    #[test]
    fn dollar_signs_are_read_as_chrome_reads_them() {
        let json = r#"{
            "price": {"message": "Costs $$5, $$$$ and $AMOUNT$ for $who$",
                      "placeholders": {"amount": {"content": "$1"}, "WHO": {"content": "$2"}}},
            "odd": {"message": "$x and $ and $1 and $7 and $"},
            "nested": {"message": "$A$ $B$",
                       "placeholders": {"a": {"content": "[$2]"}, "b": {"content": "($1)"}}},
            "unknown": {"message": "$NOPE$ stays"}
        }"#;
        let m = Messages::parse("xx", json).unwrap();
        assert_eq!(
            m.get("price", &["$1", "you"]),
            "Costs $5, $$$ and $1 for you"
        );
        // "$x" and "$ " are dropped whole, as is a "$" at the end.
        assert_eq!(m.get("odd", &["one"]), " and and one and  and ");
        assert_eq!(m.get("nested", &["x", "y"]), "[y] (x)");
        // Chrome refuses such a file (and tests/locales.rs too); here it does not panic.
        assert_eq!(m.get("unknown", &["x"]), "OPEstays");
    }

    #[test]
    fn a_missing_key_falls_back_to_english_then_to_the_key() {
        let m =
            Messages::parse("xx", r#"{"panel_integration": {"message": "Integration"}}"#).unwrap();
        assert_eq!(m.get("panel_integration", &[] as &[&str]), "Integration");
        assert!(!m.has("panel_expand"));
        assert_eq!(m.get("panel_expand", &[] as &[&str]), "Expand ScopeFill");
        assert_eq!(m.get("no_such_key", &["x"]), "no_such_key");
        assert!(Messages::parse("xx", "[1, 2]").is_err());
        assert!(Messages::parse("xx", "{").is_err());
    }

    #[test]
    fn messages_render_their_arguments_first_in_the_same_language() {
        let en = Messages::english();
        let m = msg!("report_item", "Orders", msg!("report_notOnPage", "modify"));
        assert_eq!(
            en.render(&m),
            "Orders: not on this page (the preset asks for 'modify')"
        );
        let fr = catalogue("fr");
        let text = fr.render(&m);
        assert!(
            text.starts_with("Orders") && text.contains("modify"),
            "{text}"
        );
        assert!(!text.contains("not on this page"), "{text}");
        assert_eq!(en.render(&Msg::literal("as it is $1")), "as it is $1");
    }

    #[test]
    fn lists_join_as_the_language_does() {
        let rows = msg!("report_announceCheck", "Done.", list(["A", "B", "C"]));
        assert_eq!(Messages::english().render(&rows), "Done. Check: A, B, C.");
        let ja = catalogue("ja").render(&rows);
        assert!(ja.contains("A、B、C"), "{ja}");
        assert_eq!(
            Messages::english().render(&msg!("report_item", "x", list(Vec::<&str>::new()))),
            "x: "
        );
    }

    #[test]
    fn a_message_survives_its_trip_through_json() {
        let m = msg!("report_item", "Orders", msg!("report_notOnPage", "modify"));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"key":"report_item","args":["Orders",{"key":"report_notOnPage","args":["modify"]}]}"#
        );
        assert_eq!(serde_json::from_str::<Msg>(&json).unwrap(), m);
    }

    #[test]
    fn every_shipped_catalogue_parses_with_its_own_words() {
        for locale in LOCALES {
            let m = catalogue(locale);
            assert!(m.has("report_headlineOk"), "{locale}");
            assert!(m.has("panel_fillForm"), "{locale}");
        }
    }

    #[test]
    fn the_panel_speaks_the_page_language_then_the_html_lang_then_the_browser() {
        for (pack, folder) in [
            ("en-US", "en"),
            ("de-DE", "de"),
            ("fr-FR", "fr"),
            ("es-ES", "es"),
            ("es-419", "es_419"),
            ("it-IT", "it"),
            ("uk-UA", "uk"),
            ("zh-CN", "zh_CN"),
            ("nl-NL", "nl"),
            ("pt-BR", "pt_BR"),
            ("sv-SE", "sv"),
            ("ko-KR", "ko"),
            ("da-DK", "da"),
            ("no-NO", "nb"),
            ("pl-PL", "pl"),
            ("ja-JP", "ja"),
        ] {
            assert_eq!(choose_locale(Some(pack), Some("de"), Some("fr")), folder);
            assert!(LOCALES.contains(&folder));
        }
        // Every shipped language pack has its catalogue.
        for pack in crate::lang::packs() {
            assert!(locale_for(&pack.lang).is_some(), "{}", pack.lang);
        }
        assert_eq!(choose_locale(None, Some("fr-CA"), Some("de")), "fr");
        assert_eq!(choose_locale(None, Some("is"), Some("de-AT")), "de");
        assert_eq!(choose_locale(None, None, Some("es-MX")), "es_419");
        assert_eq!(choose_locale(None, Some(""), Some("pt-PT")), "pt_BR");
        assert_eq!(choose_locale(None, Some("zh-TW"), Some("nn")), "nb");
        assert_eq!(choose_locale(None, Some("is"), Some("ga")), "en");
        assert_eq!(choose_locale(None, None, None), "en");
    }

    #[test]
    fn the_panel_markup_says_what_the_english_catalogue_says() {
        // panel.html carries English, so the panel shows at once; the catalogue must agree.
        let html = include_str!("dom/panel.html");
        let en = Messages::english();
        let mut seen = 0;
        for (attribute, text_of) in [
            ("data-i18n=\"", None),
            ("data-i18n-label=\"", Some("aria-label=\"")),
        ] {
            let mut rest = html;
            while let Some(at) = rest.find(attribute) {
                let after = &rest[at + attribute.len()..];
                let key = &after[..after.find('"').unwrap()];
                let tag_start = rest[..at].rfind('<').unwrap();
                let tag_end = at + rest[at..].find('>').unwrap();
                let shown = match text_of {
                    None => {
                        let text = &rest[tag_end + 1..];
                        &text[..text.find('<').unwrap()]
                    }
                    Some(label) => {
                        let tag = &rest[tag_start..tag_end];
                        let value = &tag[tag.find(label).unwrap() + label.len()..];
                        &value[..value.find('"').unwrap()]
                    }
                };
                assert!(en.has(key), "{key} is not in the English catalogue");
                assert_eq!(en.get(key, &[] as &[&str]), shown, "{key}");
                seen += 1;
                rest = after;
            }
        }
        assert!(seen >= 8, "{seen}");
        // Words the panel's code sets, shown in English before it runs.
        for key in ["panel_fillForm", "panel_minimise"] {
            let text = en.get(key, &[] as &[&str]);
            assert!(
                html.contains(&format!(">{text}</button>"))
                    || html.contains(&format!("aria-label=\"{text}\"")),
                "{key}: {text}"
            );
        }
    }
}
