//! The API account's name: its rules, and the default built from a template.

use std::fmt;

/// BigCommerce refuses names shorter than this (after trimming).
pub const MIN_NAME_CHARS: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    TooShort { chars: usize },
    UnknownPlaceholder(String),
    UnclosedPlaceholder,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::TooShort { chars } => write!(
                f,
                "the account name needs at least {MIN_NAME_CHARS} characters, got {chars}"
            ),
            NameError::UnknownPlaceholder(p) => write!(
                f,
                "unknown placeholder {{{p}}}: expected {{preset}}, {{date}} or {{store}}"
            ),
            NameError::UnclosedPlaceholder => f.write_str("a '{' is not closed by '}'"),
        }
    }
}

impl std::error::Error for NameError {}

/// Trims the name and checks BigCommerce's rule; returns the name to type.
pub fn validate_name(name: &str) -> Result<String, NameError> {
    let trimmed = name.trim();
    let chars = trimmed.chars().count();
    if chars < MIN_NAME_CHARS {
        return Err(NameError::TooShort { chars });
    }
    Ok(trimmed.to_string())
}

/// Values a name template can use.
pub struct NameContext<'a> {
    pub preset: &'a str,
    /// Today's date as the user's browser formats it (ISO, e.g. 2026-11-23).
    pub date: &'a str,
    pub store: &'a str,
}

/// Renders a template such as `{preset} {date}` and validates the result.
pub fn render_name(template: &str, ctx: &NameContext) -> Result<String, NameError> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(NameError::UnclosedPlaceholder)?;
        let key = after[..close].trim();
        out.push_str(match key {
            "preset" => ctx.preset,
            "date" => ctx.date,
            "store" => ctx.store,
            other => return Err(NameError::UnknownPlaceholder(other.to_string())),
        });
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    validate_name(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: NameContext = NameContext {
        preset: "Wherehouse",
        date: "2026-11-23",
        store: "abc123",
    };

    #[test]
    fn names_are_trimmed_and_need_four_characters() {
        assert_eq!(validate_name("  Wherehouse "), Ok("Wherehouse".into()));
        assert_eq!(
            validate_name(" abc "),
            Err(NameError::TooShort { chars: 3 })
        );
        assert_eq!(validate_name("ÄÖÜß"), Ok("ÄÖÜß".into()));
        assert!(validate_name("")
            .unwrap_err()
            .to_string()
            .contains("at least 4"));
    }

    #[test]
    fn templates_fill_placeholders() {
        assert_eq!(render_name("{preset}", &CTX), Ok("Wherehouse".into()));
        assert_eq!(
            render_name("{preset} {date} ({store})", &CTX),
            Ok("Wherehouse 2026-11-23 (abc123)".into())
        );
    }

    #[test]
    fn template_errors_name_the_problem() {
        assert_eq!(
            render_name("{preset} {when}", &CTX),
            Err(NameError::UnknownPlaceholder("when".into()))
        );
        assert_eq!(
            render_name("{preset", &CTX),
            Err(NameError::UnclosedPlaceholder)
        );
        assert_eq!(
            render_name("{store}", &NameContext { store: "ab", ..CTX }),
            Err(NameError::TooShort { chars: 2 })
        );
    }
}
