//! Credentials of a new API account: read from the credentials pop-up (label/value pairs,
//! or its text) and from the downloaded `.txt` file; the store hash derived from the API path.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::secret::Secret;
use crate::text::normalize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b2b_api_path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Secret>,
}

/// The fields a credentials source can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialField {
    Name,
    ApiPath,
    B2bApiPath,
    ClientId,
    ClientSecret,
    AccessToken,
}

impl CredentialField {
    pub fn label(self) -> &'static str {
        match self {
            CredentialField::Name => "Name",
            CredentialField::ApiPath => "API Path",
            CredentialField::B2bApiPath => "B2B Edition API Path",
            CredentialField::ClientId => "Client ID",
            CredentialField::ClientSecret => "Client Secret",
            CredentialField::AccessToken => "Access Token",
        }
    }

    /// Recognises a label as the pop-up, the `.txt` file or older pages write it.
    pub fn from_label(label: &str) -> Option<CredentialField> {
        Some(match normalize(label).as_str() {
            "name" | "clientname" | "accountname" => CredentialField::Name,
            "apipath" | "apiurl" => CredentialField::ApiPath,
            "b2beditionapipath" | "b2bapipath" => CredentialField::B2bApiPath,
            "clientid" => CredentialField::ClientId,
            "clientsecret" => CredentialField::ClientSecret,
            "accesstoken" | "apitoken" => CredentialField::AccessToken,
            _ => return None,
        })
    }
}

/// Something missing or odd about parsed credentials: reported, never fatal on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub field: CredentialField,
    pub kind: ProblemKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    Missing,
    Odd,
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub credentials: Credentials,
    pub problems: Vec<Problem>,
}

/// The input held no credentials at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoCredentials {
    pub message: String,
}

impl fmt::Display for NoCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NoCredentials {}

impl Credentials {
    fn set(&mut self, field: CredentialField, value: &str) -> Option<Problem> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let existing: Option<&str> = match field {
            CredentialField::Name => self.name.as_deref(),
            CredentialField::ApiPath => self.api_path.as_deref(),
            CredentialField::B2bApiPath => self.b2b_api_path.as_deref(),
            CredentialField::ClientId => self.client_id.as_deref(),
            CredentialField::ClientSecret => self.client_secret.as_ref().map(Secret::expose),
            CredentialField::AccessToken => self.access_token.as_ref().map(Secret::expose),
        };
        if let Some(old) = existing {
            if old == value || field == CredentialField::Name {
                // `NAME` and `CLIENT NAME` may both be present; the first one wins.
                return None;
            }
            return Some(Problem {
                field,
                kind: ProblemKind::Conflict,
                message: format!(
                    "{} appears twice with different values; kept the first",
                    field.label()
                ),
            });
        }
        let v = value.to_string();
        match field {
            CredentialField::Name => self.name = Some(v),
            CredentialField::ApiPath => self.api_path = Some(v),
            CredentialField::B2bApiPath => self.b2b_api_path = Some(v),
            CredentialField::ClientId => self.client_id = Some(v),
            CredentialField::ClientSecret => self.client_secret = Some(Secret::new(v)),
            CredentialField::AccessToken => self.access_token = Some(Secret::new(v)),
        }
        None
    }

    /// The store hash: the path segment after `/stores/` in the API path.
    pub fn store_hash(&self) -> Option<String> {
        self.api_path.as_deref().and_then(store_hash_from_api_path)
    }

    /// Whether anything that identifies an account was read.
    pub fn is_empty(&self) -> bool {
        self.client_id.is_none() && self.client_secret.is_none() && self.access_token.is_none()
    }

    /// Checks presence and shape of each value (shapes are hints from BigCommerce's
    /// documentation, so a mismatch is reported as odd, not rejected).
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut missing = |field: CredentialField| {
            out.push(Problem {
                field,
                kind: ProblemKind::Missing,
                message: format!("{} was not found", field.label()),
            })
        };
        if self.client_id.is_none() {
            missing(CredentialField::ClientId);
        }
        if self.client_secret.is_none() {
            missing(CredentialField::ClientSecret);
        }
        if self.access_token.is_none() {
            missing(CredentialField::AccessToken);
        }
        if self.api_path.is_none() {
            missing(CredentialField::ApiPath);
        }
        let mut odd = |field: CredentialField, what: &str| {
            out.push(Problem {
                field,
                kind: ProblemKind::Odd,
                message: format!("{} {what}", field.label()),
            })
        };
        if let Some(id) = &self.client_id {
            if !is_token_shaped(id) {
                odd(
                    CredentialField::ClientId,
                    "is not 20–40 lowercase letters and digits",
                );
            }
        }
        if let Some(token) = &self.access_token {
            if !is_token_shaped(token.expose()) {
                odd(
                    CredentialField::AccessToken,
                    "is not 20–40 lowercase letters and digits",
                );
            }
        }
        if let Some(secret) = &self.client_secret {
            let s = secret.expose();
            if !(32..=128).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
                odd(
                    CredentialField::ClientSecret,
                    "is not 32–128 letters and digits",
                );
            }
        }
        if let Some(path) = &self.api_path {
            if store_hash_from_api_path(path).is_none() {
                odd(
                    CredentialField::ApiPath,
                    "is not of the form https://api.bigcommerce.com/stores/{store_hash}/v3/",
                );
            }
        }
        if let Some(path) = &self.b2b_api_path {
            if crate::https::parse(path).is_none() {
                odd(CredentialField::B2bApiPath, "is not an https:// address");
            }
        }
        out
    }
}

fn is_token_shaped(value: &str) -> bool {
    (20..=40).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// `https://api.bigcommerce.com/stores/abc123/v3/` → `abc123`.
pub fn store_hash_from_api_path(api_path: &str) -> Option<String> {
    let address = crate::https::parse(api_path)?;
    if address.host != "api.bigcommerce.com" {
        return None;
    }
    let mut segments = address.segments();
    if segments.next()? != "stores" {
        return None;
    }
    let hash = segments.next()?;
    let valid = !hash.is_empty()
        && hash.len() <= 32
        && hash
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    valid.then(|| hash.to_string())
}

/// Reads label/value pairs as found in the credentials pop-up, in any order.
pub fn from_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Parsed, NoCredentials> {
    let mut credentials = Credentials::default();
    let mut problems = Vec::new();
    for (label, value) in pairs {
        if let Some(field) = CredentialField::from_label(label) {
            problems.extend(credentials.set(field, value));
        }
    }
    finish(credentials, problems)
}

/// Words around the values in a pop-up's text that are not values.
fn is_chrome_word(line: &str) -> bool {
    matches!(
        normalize(line).as_str(),
        "copy" | "copied" | "copytoclipboard" | "show" | "hide" | "done" | "download"
    )
}

/// Reads the `.txt` file (`LABEL: value` lines, any order, CRLF or LF) or the text of the
/// pop-up (a label line followed by its value, with copy-button words mixed in).
pub fn from_text(text: &str) -> Result<Parsed, NoCredentials> {
    let mut credentials = Credentials::default();
    let mut problems = Vec::new();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some((label, value)) = line.split_once(':') {
            if let Some(field) = CredentialField::from_label(label) {
                let value = value.trim();
                if !value.is_empty() {
                    problems.extend(credentials.set(field, value));
                    continue;
                }
            }
        }
        let label = line.trim_end_matches(':');
        if let Some(field) = CredentialField::from_label(label) {
            // The value is the next line that is neither a button word nor another label.
            while i < lines.len() && (lines[i].is_empty() || is_chrome_word(lines[i])) {
                i += 1;
            }
            if i < lines.len()
                && CredentialField::from_label(lines[i].trim_end_matches(':')).is_none()
            {
                problems.extend(credentials.set(field, lines[i]));
                i += 1;
            }
        }
    }
    finish(credentials, problems)
}

fn finish(credentials: Credentials, mut problems: Vec<Problem>) -> Result<Parsed, NoCredentials> {
    if credentials.is_empty() {
        return Err(NoCredentials {
            message: "no credentials found: expected Client ID, Client Secret and Access Token, \
                      as 'CLIENT ID: …' lines or as labelled values"
                .into(),
        });
    }
    problems.extend(credentials.problems());
    Ok(Parsed {
        credentials,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i";
    const SECRET: &str = "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592";
    const TOKEN: &str = "z9x8c7v6b5n4m3l2k1j0h9g8f7d6s5a";

    fn file(order: &[&str], eol: &str) -> String {
        order
            .iter()
            .map(|label| {
                let value = match *label {
                    "ACCESS TOKEN" => TOKEN,
                    "CLIENT ID" => ID,
                    "CLIENT SECRET" => SECRET,
                    "API PATH" => "https://api.bigcommerce.com/stores/abc123xyz0/v3/",
                    _ => "Wherehouse",
                };
                format!("{label}: {value}{eol}")
            })
            .collect()
    }

    #[test]
    fn reads_the_txt_file_in_any_order_with_crlf_or_lf() {
        for (order, eol) in [
            (
                &[
                    "ACCESS TOKEN",
                    "CLIENT NAME",
                    "API PATH",
                    "CLIENT ID",
                    "CLIENT SECRET",
                    "NAME",
                ][..],
                "\n",
            ),
            (
                &[
                    "CLIENT ID",
                    "CLIENT SECRET",
                    "ACCESS TOKEN",
                    "NAME",
                    "API PATH",
                ][..],
                "\r\n",
            ),
        ] {
            let parsed = from_text(&file(order, eol)).unwrap();
            let c = &parsed.credentials;
            assert_eq!(c.client_id.as_deref(), Some(ID));
            assert_eq!(c.client_secret.as_ref().map(Secret::expose), Some(SECRET));
            assert_eq!(c.access_token.as_ref().map(Secret::expose), Some(TOKEN));
            assert_eq!(c.name.as_deref(), Some("Wherehouse"));
            assert_eq!(c.store_hash().as_deref(), Some("abc123xyz0"));
            assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        }
    }

    #[test]
    fn reads_the_popup_text_with_copy_buttons_mixed_in() {
        let text = format!(
            "BigCommerce API Credentials\n\n  Client ID \n{ID}\nCopy\nClient Secret\n Copy \n{SECRET}\n\
             Access Token:\n\n{TOKEN}\nCopied\nThis is the only time these credentials will be shown.\nDone"
        );
        let parsed = from_text(&text).unwrap();
        assert_eq!(parsed.credentials.client_id.as_deref(), Some(ID));
        assert_eq!(
            parsed
                .credentials
                .client_secret
                .as_ref()
                .map(Secret::expose),
            Some(SECRET)
        );
        assert_eq!(
            parsed.credentials.access_token.as_ref().map(Secret::expose),
            Some(TOKEN)
        );
        // The pop-up has no API path: that is reported, not fatal.
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].field, CredentialField::ApiPath);
        assert_eq!(parsed.problems[0].kind, ProblemKind::Missing);
    }

    #[test]
    fn reads_pairs_in_any_order() {
        let parsed = from_pairs([
            ("Access Token", TOKEN),
            ("Client ID ", ID),
            ("client secret", SECRET),
        ])
        .unwrap();
        assert_eq!(parsed.credentials.client_id.as_deref(), Some(ID));
        assert!(parsed
            .problems
            .iter()
            .all(|p| p.field == CredentialField::ApiPath));
    }

    #[test]
    fn garbage_is_a_clear_error() {
        let err = from_text("hello\nthis is not a credentials file\n::::\n").unwrap_err();
        assert!(err.to_string().contains("no credentials found"), "{err}");
        assert!(from_text("").is_err());
        assert!(from_pairs([("Colour", "blue")]).is_err());
    }

    #[test]
    fn odd_shapes_and_conflicts_are_reported() {
        let text = format!(
            "CLIENT ID: NOT A TOKEN\nCLIENT ID: other\nACCESS TOKEN: {TOKEN}\nCLIENT SECRET: {SECRET}\nAPI PATH: http://example.com/x\n"
        );
        let parsed = from_text(&text).unwrap();
        let kinds: Vec<(CredentialField, ProblemKind)> =
            parsed.problems.iter().map(|p| (p.field, p.kind)).collect();
        assert!(kinds.contains(&(CredentialField::ClientId, ProblemKind::Conflict)));
        assert!(kinds.contains(&(CredentialField::ClientId, ProblemKind::Odd)));
        assert!(kinds.contains(&(CredentialField::ApiPath, ProblemKind::Odd)));
    }

    #[test]
    fn store_hash_comes_from_the_api_path_only() {
        assert_eq!(
            store_hash_from_api_path("https://api.bigcommerce.com/stores/abcde/v3/").as_deref(),
            Some("abcde")
        );
        assert_eq!(
            store_hash_from_api_path("https://api.bigcommerce.com/stores/abcde").as_deref(),
            Some("abcde")
        );
        assert_eq!(
            store_hash_from_api_path("https://evil.example/stores/abcde/v3/"),
            None
        );
        assert_eq!(
            store_hash_from_api_path("https://api.bigcommerce.com/stores//v3/"),
            None
        );
        assert_eq!(
            store_hash_from_api_path("https://api.bigcommerce.com/stores/AB CD/v3/"),
            None
        );
        assert_eq!(store_hash_from_api_path("not a url"), None);
    }

    #[test]
    fn debug_of_credentials_hides_the_secrets() {
        let parsed =
            from_text(&file(&["CLIENT ID", "CLIENT SECRET", "ACCESS TOKEN"], "\n")).unwrap();
        let debug = format!("{:?}", parsed);
        assert!(!debug.contains(SECRET) && !debug.contains(TOKEN), "{debug}");
    }
}
