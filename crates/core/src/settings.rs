//! The user's settings (`storage.local` key `settings`): the account-name template, how
//! long captured credentials are kept and when a copied value is cleared from the
//! clipboard. The options page edits them; the content script and the background read them.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use std::fmt;

use crate::account::{self, NameContext, NameError};

pub const DEFAULT_NAME_TEMPLATE: &str = "{preset}";
pub const DEFAULT_EXPIRY_SECONDS: u32 = 900;
pub const DEFAULT_CLIPBOARD_SECONDS: u32 = 60;
/// Credential expiry, as the options page asks for it (minutes).
pub const EXPIRY_MINUTES: RangeInclusive<u32> = 1..=1440;
/// Clipboard clearing delay (seconds).
pub const CLIPBOARD_SECONDS: RangeInclusive<u32> = 5..=600;

/// The stored settings, with the names the extension's scripts read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub name_template: String,
    pub expiry_seconds: u32,
    pub clipboard_seconds: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name_template: DEFAULT_NAME_TEMPLATE.into(),
            expiry_seconds: DEFAULT_EXPIRY_SECONDS,
            clipboard_seconds: DEFAULT_CLIPBOARD_SECONDS,
        }
    }
}

/// The settings form as typed: numbers are still text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsForm {
    pub name_template: String,
    pub expiry_minutes: String,
    pub clipboard_seconds: String,
}

/// The settings form's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingField {
    NameTemplate,
    ExpiryMinutes,
    ClipboardSeconds,
}

/// Why a field of the form cannot be saved. `Display` gives an English message naming the
/// field; the options page words the numbers' errors in the browser's language and shows
/// the template's error as [`NameError`] words it, next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingError {
    /// The account-name template cannot be used.
    Template(NameError),
    /// Not a whole number from `min` to `max`.
    OutOfRange {
        field: SettingField,
        min: u32,
        max: u32,
    },
}

impl SettingError {
    pub fn field(&self) -> SettingField {
        match self {
            SettingError::Template(_) => SettingField::NameTemplate,
            SettingError::OutOfRange { field, .. } => *field,
        }
    }
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingError::Template(e) => write!(f, "Account name template: {e}"),
            SettingError::OutOfRange { field, min, max } => {
                let (what, unit) = match field {
                    SettingField::ExpiryMinutes => ("Credential expiry", "minutes"),
                    _ => ("Clipboard clearing", "seconds"),
                };
                write!(
                    f,
                    "{what}: enter a whole number of {unit} from {min} to {max}"
                )
            }
        }
    }
}

impl std::error::Error for SettingError {}

/// What the stored settings mean. Each is given as found in `storage.local` (`None` when
/// missing or not of the expected type); one that is missing or unusable falls back to its
/// default, the others are kept.
pub fn from_stored(
    name_template: Option<&str>,
    expiry_seconds: Option<f64>,
    clipboard_seconds: Option<f64>,
) -> Settings {
    let mut settings = Settings::default();
    if let Some(t) = name_template.filter(|t| template_error(t).is_none()) {
        settings.name_template = t.to_string();
    }
    let whole = |n: Option<f64>, range: RangeInclusive<u32>| {
        n.filter(|n| {
            n.fract() == 0.0 && *n >= f64::from(*range.start()) && *n <= f64::from(*range.end())
        })
        .map(|n| n as u32)
    };
    let expiry = EXPIRY_MINUTES.start() * 60..=EXPIRY_MINUTES.end() * 60;
    if let Some(n) = whole(expiry_seconds, expiry) {
        settings.expiry_seconds = n;
    }
    if let Some(n) = whole(clipboard_seconds, CLIPBOARD_SECONDS) {
        settings.clipboard_seconds = n;
    }
    settings
}

/// The form showing `settings` (expiry in whole minutes, rounded).
pub fn form_of(settings: &Settings) -> SettingsForm {
    SettingsForm {
        name_template: settings.name_template.clone(),
        expiry_minutes: ((settings.expiry_seconds + 30) / 60).max(1).to_string(),
        clipboard_seconds: settings.clipboard_seconds.to_string(),
    }
}

/// The sample the options page previews a template with.
pub const SAMPLE: NameContext<'static> = NameContext {
    preset: "Wherehouse",
    date: "2026-01-31",
    store: "abc123",
};

/// Why a template cannot be used (unknown placeholder, unclosed brace, too short once
/// filled), checked with a sample preset and store.
pub fn template_error(template: &str) -> Option<NameError> {
    account::render_name(template, &SAMPLE).err()
}

fn whole_number(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Checks the form; every field that cannot be saved is reported, in form order.
pub fn validate(form: &SettingsForm) -> Result<Settings, Vec<SettingError>> {
    let mut errors = Vec::new();
    if let Some(e) = template_error(&form.name_template) {
        errors.push(SettingError::Template(e));
    }
    let mut number = |field: SettingField, text: &str, range: RangeInclusive<u32>| {
        let n = whole_number(text).filter(|n| range.contains(n));
        if n.is_none() {
            errors.push(SettingError::OutOfRange {
                field,
                min: *range.start(),
                max: *range.end(),
            });
        }
        n
    };
    let expiry = number(
        SettingField::ExpiryMinutes,
        &form.expiry_minutes,
        EXPIRY_MINUTES,
    );
    let clipboard = number(
        SettingField::ClipboardSeconds,
        &form.clipboard_seconds,
        CLIPBOARD_SECONDS,
    );
    match (expiry, clipboard) {
        (Some(minutes), Some(seconds)) if errors.is_empty() => Ok(Settings {
            name_template: form.name_template.clone(),
            expiry_seconds: minutes * 60,
            clipboard_seconds: seconds,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(template: &str, minutes: &str, seconds: &str) -> SettingsForm {
        SettingsForm {
            name_template: template.into(),
            expiry_minutes: minutes.into(),
            clipboard_seconds: seconds.into(),
        }
    }

    #[test]
    fn defaults_fill_what_is_missing_or_unusable() {
        assert_eq!(from_stored(None, None, None), Settings::default());
        let s = from_stored(Some("{preset} {date}"), None, Some(30.0));
        assert_eq!(s.name_template, "{preset} {date}");
        assert_eq!(s.expiry_seconds, DEFAULT_EXPIRY_SECONDS);
        assert_eq!(s.clipboard_seconds, 30);
        assert_eq!(
            from_stored(Some("{when}"), Some(10.0), Some(601.0)),
            Settings::default()
        );
        assert_eq!(
            from_stored(None, Some(90.5), Some(f64::NAN)),
            Settings::default()
        );
        assert_eq!(from_stored(None, Some(86400.0), None).expiry_seconds, 86400);
    }

    #[test]
    fn the_form_shows_minutes() {
        let f = form_of(&Settings::default());
        assert_eq!(f, form("{preset}", "15", "60"));
        let f = form_of(&Settings {
            expiry_seconds: 89,
            ..Settings::default()
        });
        assert_eq!(f.expiry_minutes, "1");
    }

    #[test]
    fn a_valid_form_gives_seconds() {
        assert_eq!(
            validate(&form("{preset} ({store})", " 30 ", "5")),
            Ok(Settings {
                name_template: "{preset} ({store})".into(),
                expiry_seconds: 1800,
                clipboard_seconds: 5,
            })
        );
        assert!(validate(&form("{preset}", "1440", "600")).is_ok());
    }

    #[test]
    fn every_bad_field_is_named_with_its_range() {
        let errors = validate(&form("{preset} {when}", "0", "1.5")).unwrap_err();
        let fields: Vec<SettingField> = errors.iter().map(SettingError::field).collect();
        assert_eq!(
            fields,
            [
                SettingField::NameTemplate,
                SettingField::ExpiryMinutes,
                SettingField::ClipboardSeconds
            ]
        );
        assert_eq!(
            errors[0],
            SettingError::Template(NameError::UnknownPlaceholder("when".into()))
        );
        assert_eq!(
            errors[1].to_string(),
            "Credential expiry: enter a whole number of minutes from 1 to 1440"
        );
        assert_eq!(
            errors[2],
            SettingError::OutOfRange {
                field: SettingField::ClipboardSeconds,
                min: 5,
                max: 600
            }
        );
        for bad in ["", "1441", "-5", "abc", "99999999999"] {
            let errors = validate(&form("{preset}", bad, "60")).unwrap_err();
            assert_eq!(errors.len(), 1, "{bad:?}");
        }
        assert_eq!(
            validate(&form("ab", "15", "60")).unwrap_err()[0].field(),
            SettingField::NameTemplate
        );
    }
}
