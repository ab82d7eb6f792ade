//! Credentials of a new API account: read from the credentials pop-up (label/value pairs,
//! or its text) and from the downloaded `.txt` file; the store hash derived from the API path.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::lang::{self, Meaning};
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
    pub const ALL: [CredentialField; 6] = [
        CredentialField::Name,
        CredentialField::ApiPath,
        CredentialField::B2bApiPath,
        CredentialField::ClientId,
        CredentialField::ClientSecret,
        CredentialField::AccessToken,
    ];

    /// The field named `key` (as it serialises), for reading a stored problem back.
    pub fn from_key(key: &str) -> Option<CredentialField> {
        CredentialField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The field's name in messages and stored records (as it serialises).
    pub fn key(self) -> &'static str {
        match self {
            CredentialField::Name => "name",
            CredentialField::ApiPath => "api_path",
            CredentialField::B2bApiPath => "b2b_api_path",
            CredentialField::ClientId => "client_id",
            CredentialField::ClientSecret => "client_secret",
            CredentialField::AccessToken => "access_token",
        }
    }

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

    /// Recognises a label as the pop-up, the `.txt` file or older pages write it, in
    /// English or in any language pack.
    pub fn from_label(label: &str) -> Option<CredentialField> {
        let english = match normalize(label).as_str() {
            "name" | "clientname" | "accountname" => Some(CredentialField::Name),
            "apipath" | "apiurl" => Some(CredentialField::ApiPath),
            "b2beditionapipath" | "b2bapipath" => Some(CredentialField::B2bApiPath),
            "clientid" => Some(CredentialField::ClientId),
            "clientsecret" => Some(CredentialField::ClientSecret),
            "accesstoken" | "apitoken" => Some(CredentialField::AccessToken),
            _ => None,
        };
        english.or_else(|| {
            let mut found = lang::meanings(label)
                .into_iter()
                .filter_map(|(m, _)| match m {
                    Meaning::Dialog("client_id") => Some(CredentialField::ClientId),
                    Meaning::Dialog("client_secret") => Some(CredentialField::ClientSecret),
                    Meaning::Dialog("access_token") => Some(CredentialField::AccessToken),
                    Meaning::Page("name") => Some(CredentialField::Name),
                    Meaning::Page("api_path") => Some(CredentialField::ApiPath),
                    Meaning::Page("b2b_api_path") => Some(CredentialField::B2bApiPath),
                    _ => None,
                });
            let first = found.next()?;
            found.all(|f| f == first).then_some(first)
        })
    }
}

/// What a value looks like, which says what it is in any language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// `https://api.bigcommerce.com/stores/{hash}/v3/`
    ApiPath,
    /// `https://api-b2b.bigcommerce.com/…`
    B2bApiPath,
    /// 20–40 lowercase letters and digits: a Client ID or an access token.
    Token,
    /// 41–128 hexadecimal digits: a client secret.
    Hex,
}

/// The shape of a value, if it has one of those ScopeFill knows.
pub fn shape_of(value: &str) -> Option<Shape> {
    // What it would be once its hidden characters are removed (as `Credentials::set` does).
    let (value, _) = strip_hidden(value);
    let value = value.trim();
    if store_hash_from_api_path(value).is_some() {
        return Some(Shape::ApiPath);
    }
    if crate::https::parse(value).is_some_and(|a| a.host == "api-b2b.bigcommerce.com") {
        return Some(Shape::B2bApiPath);
    }
    if is_token_shaped(value) {
        return Some(Shape::Token);
    }
    if (41..=128).contains(&value.len()) && value.chars().all(|c| c.is_ascii_hexdigit()) {
        return Some(Shape::Hex);
    }
    None
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
    /// Not of the shape BigCommerce gives this value.
    Odd,
    Conflict,
    /// Held control, direction or zero-width characters, which were removed.
    Stripped,
}

impl ProblemKind {
    /// The kind's name in messages and stored records (as it serialises).
    pub fn key(self) -> &'static str {
        match self {
            ProblemKind::Missing => "missing",
            ProblemKind::Odd => "odd",
            ProblemKind::Conflict => "conflict",
            ProblemKind::Stripped => "stripped",
        }
    }

    /// The kind named `key` (as it serialises).
    pub fn from_key(key: &str) -> Option<ProblemKind> {
        [
            ProblemKind::Missing,
            ProblemKind::Odd,
            ProblemKind::Conflict,
            ProblemKind::Stripped,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// Whether `c` changes how text shows or pastes without being visible itself: C0 and C1
/// controls, the bidirectional marks, embeddings, overrides and isolates, the zero-width
/// characters, the word joiner, the line and paragraph separators, and the byte-order mark.
/// None belongs in a credential or an account name; in one, a value can read as one thing
/// and paste as another (a bidi override in a terminal, a newline in a `.env` line).
pub fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `value` without its hidden characters (`is_hidden_char`), and whether any was there.
pub fn strip_hidden(value: &str) -> (String, bool) {
    if !value.chars().any(is_hidden_char) {
        return (value.to_string(), false);
    }
    (
        value.chars().filter(|c| !is_hidden_char(*c)).collect(),
        true,
    )
}

impl Problem {
    /// The problem of a field given twice with different values (the first is kept).
    pub fn conflict(field: CredentialField) -> Problem {
        Problem {
            field,
            kind: ProblemKind::Conflict,
            message: format!(
                "{} appears twice with different values; kept the first",
                field.label()
            ),
        }
    }

    /// The problem of a value that held hidden characters (they are removed, and said).
    pub fn stripped(field: CredentialField) -> Problem {
        Problem {
            field,
            kind: ProblemKind::Stripped,
            message: format!(
                "{} held control, direction or zero-width characters; they were removed",
                field.label()
            ),
        }
    }
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
    /// Sets `field` once (a second, different value is a conflict; the first stays), without
    /// hidden characters (removed, and reported).
    fn set(&mut self, field: CredentialField, value: &str) -> Vec<Problem> {
        let (value, stripped) = strip_hidden(value);
        let value = value.trim();
        if value.is_empty() {
            return Vec::new();
        }
        let mut problems = Vec::new();
        if stripped {
            problems.push(Problem::stripped(field));
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
                return problems;
            }
            problems.push(Problem::conflict(field));
            return problems;
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
        problems
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
            if shape_of(path) != Some(Shape::B2bApiPath) {
                odd(
                    CredentialField::B2bApiPath,
                    "is not an address on https://api-b2b.bigcommerce.com/",
                );
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
    is_store_hash(hash).then(|| hash.to_string())
}

/// What BigCommerce's store hashes look like: 1 to 32 lowercase letters and digits (the API
/// path's `stores/{hash}` and the control panel's `store-{hash}` host alike).
pub fn is_store_hash(hash: &str) -> bool {
    !hash.is_empty()
        && hash.len() <= 32
        && hash
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
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
    ) || lang::is_dialog_text(line, "copy")
        || lang::is_dialog_text(line, "done")
}

/// Values under labels no pack knows, placed by their shapes where that leaves no doubt:
/// the API paths and the secret; a token-shaped value only when the other token-shaped
/// field is named (the file's order differs between versions of the page).
fn place_by_shape(credentials: &mut Credentials, values: &[&str], problems: &mut Vec<Problem>) {
    let tokens: Vec<&str> = values
        .iter()
        .copied()
        .filter(|v| shape_of(v) == Some(Shape::Token))
        .collect();
    for value in values {
        let field = match shape_of(value) {
            Some(Shape::ApiPath) if credentials.api_path.is_none() => CredentialField::ApiPath,
            Some(Shape::B2bApiPath) if credentials.b2b_api_path.is_none() => {
                CredentialField::B2bApiPath
            }
            Some(Shape::Hex) if credentials.client_secret.is_none() => {
                CredentialField::ClientSecret
            }
            _ => continue,
        };
        problems.extend(credentials.set(field, value));
    }
    let id_missing = credentials.client_id.is_none();
    let token_missing = credentials.access_token.is_none();
    match (tokens.as_slice(), id_missing, token_missing) {
        ([one], true, false) => problems.extend(credentials.set(CredentialField::ClientId, one)),
        ([one], false, true) => problems.extend(credentials.set(CredentialField::AccessToken, one)),
        ([_, _, ..], true, true) => problems.push(Problem {
            field: CredentialField::ClientId,
            kind: ProblemKind::Missing,
            message: "two values look like a Client ID or an Access Token under labels \
                      ScopeFill does not know, so it cannot tell which is which"
                .into(),
        }),
        _ => {}
    }
}

/// Reads the `.txt` file (`LABEL: value` lines, any order, CRLF or LF) or the text of the
/// pop-up (a label line followed by its value, with copy-button words mixed in).
pub fn from_text(text: &str) -> Result<Parsed, NoCredentials> {
    let mut credentials = Credentials::default();
    let mut problems = Vec::new();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut unlabelled = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some((label, value)) = line.split_once(':') {
            let value = value.trim();
            match CredentialField::from_label(label) {
                Some(field) if !value.is_empty() => {
                    problems.extend(credentials.set(field, value));
                    continue;
                }
                None if shape_of(value).is_some() => {
                    unlabelled.push(value);
                    continue;
                }
                _ => {}
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
    place_by_shape(&mut credentials, &unlabelled, &mut problems);
    finish(credentials, problems)
}

/// One read-only field of a dialog: its caption, if it has one, and its value.
#[derive(Debug, Clone)]
pub struct DialogField {
    pub caption: Option<String>,
    pub value: String,
}

/// Reads the credentials dialog from its read-only fields, in page order, in any language.
/// A caption a pack knows names its field; otherwise the value's shape does: the long
/// hexadecimal one is the secret, and of the two token-shaped ones the Client ID comes
/// first (on every version of the page). None unless a Client ID and an access token
/// have the token shape: a dialog whose values do not look like credentials is not taken.
pub fn from_dialog(fields: &[DialogField]) -> Option<Parsed> {
    let mut credentials = Credentials::default();
    let mut problems = Vec::new();
    let mut unnamed = Vec::new();
    for field in fields {
        match field
            .caption
            .as_deref()
            .and_then(CredentialField::from_label)
        {
            Some(named) => problems.extend(credentials.set(named, &field.value)),
            None => unnamed.push(field.value.as_str()),
        }
    }
    for value in unnamed {
        let field = match shape_of(value) {
            Some(Shape::ApiPath) => CredentialField::ApiPath,
            Some(Shape::B2bApiPath) => CredentialField::B2bApiPath,
            Some(Shape::Hex) => CredentialField::ClientSecret,
            Some(Shape::Token) if credentials.client_id.is_none() => CredentialField::ClientId,
            Some(Shape::Token) => CredentialField::AccessToken,
            None => continue,
        };
        problems.extend(credentials.set(field, value));
    }
    let shaped = |v: Option<&str>| v.is_some_and(|v| shape_of(v) == Some(Shape::Token));
    let secret_ok = credentials
        .client_secret
        .as_ref()
        .is_none_or(|s| matches!(shape_of(s.expose()), Some(Shape::Hex | Shape::Token)));
    if !(shaped(credentials.client_id.as_deref())
        && shaped(credentials.access_token.as_ref().map(Secret::expose))
        && secret_ok)
    {
        return None;
    }
    finish(credentials, problems).ok()
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

    fn field(caption: Option<&str>, value: &str) -> DialogField {
        DialogField {
            caption: caption.map(str::to_string),
            value: value.to_string(),
        }
    }

    #[test]
    fn the_dialog_is_read_by_its_labels_in_any_pack() {
        for pack in lang::packs() {
            let label = |k: &str| pack.dialog(k).map(|w| w.first().to_string());
            let fields = [
                field(label("client_id").as_deref(), ID),
                field(label("client_secret").as_deref(), SECRET),
                field(label("access_token").as_deref(), TOKEN),
            ];
            let parsed = from_dialog(&fields).unwrap_or_else(|| panic!("{}", pack.lang));
            let c = &parsed.credentials;
            assert_eq!(c.client_id.as_deref(), Some(ID), "{}", pack.lang);
            assert_eq!(c.access_token.as_ref().map(Secret::expose), Some(TOKEN));
            assert_eq!(c.client_secret.as_ref().map(Secret::expose), Some(SECRET));
        }
    }

    #[test]
    fn without_known_labels_the_shapes_and_the_order_decide() {
        // Captions in a language no pack knows: the secret is the long hexadecimal value,
        // and of the two token-shaped values the Client ID comes first.
        let fields = [
            field(Some("[Çļîéñţ ÎÐ]"), ID),
            field(Some("[Çļîéñţ šéçŕéţ]"), SECRET),
            field(None, TOKEN),
        ];
        let c = from_dialog(&fields).unwrap().credentials;
        assert_eq!(c.client_id.as_deref(), Some(ID));
        assert_eq!(c.client_secret.as_ref().map(Secret::expose), Some(SECRET));
        assert_eq!(c.access_token.as_ref().map(Secret::expose), Some(TOKEN));
        // A known label wins over the order.
        let fields = [field(Some("Access token"), TOKEN), field(None, ID)];
        let c = from_dialog(&fields).unwrap().credentials;
        assert_eq!(c.client_id.as_deref(), Some(ID));
        assert_eq!(c.access_token.as_ref().map(Secret::expose), Some(TOKEN));
    }

    #[test]
    fn a_dialog_whose_values_do_not_have_the_shapes_is_not_taken() {
        let odd = [
            // A sign-in form's fields.
            vec![
                field(Some("Email"), "someone@example.com"),
                field(Some("Password"), "hunter2"),
            ],
            // Labelled like credentials, but the values are not credentials.
            vec![
                field(Some("Client ID"), "Not A Token"),
                field(Some("Client secret"), SECRET),
                field(Some("Access token"), "short"),
            ],
            // One token-shaped value is not a Client ID and an access token.
            vec![field(None, ID), field(None, SECRET)],
            // Upper case is not the shape.
            vec![
                field(None, &ID.to_uppercase()),
                field(None, &TOKEN.to_uppercase()),
            ],
            vec![],
        ];
        for fields in odd {
            assert!(from_dialog(&fields).is_none(), "{fields:?}");
        }
    }

    #[test]
    fn a_txt_file_in_another_language_or_with_unknown_labels() {
        let fr = lang::pack_for("fr").unwrap();
        let up = |k: &str| fr.dialog(k).unwrap().first().to_uppercase();
        let text = format!(
            "{}: {TOKEN}\n{}: {ID}\n{}: {SECRET}\nAPI PATH: https://api.bigcommerce.com/stores/abc123xyz0/v3/\n",
            up("access_token"),
            up("client_id"),
            up("client_secret")
        );
        let c = from_text(&text).unwrap().credentials;
        assert_eq!(c.client_id.as_deref(), Some(ID));
        assert_eq!(c.access_token.as_ref().map(Secret::expose), Some(TOKEN));
        // Labels nobody knows: the path and the secret by their shapes; the token-shaped
        // value by elimination, once the other one is named.
        let text = format!(
            "ŢÖĶÉÑ: {TOKEN}\nCLIENT ID: {ID}\nŠÉÇŔÉŢ: {SECRET}\nPÅŢĤ: https://api.bigcommerce.com/stores/abc123xyz0/v3/\n"
        );
        let parsed = from_text(&text).unwrap();
        let c = &parsed.credentials;
        assert_eq!(c.access_token.as_ref().map(Secret::expose), Some(TOKEN));
        assert_eq!(c.client_secret.as_ref().map(Secret::expose), Some(SECRET));
        assert_eq!(c.store_hash().as_deref(), Some("abc123xyz0"));
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        // Two token-shaped values under unknown labels: not guessed, said.
        let text = format!("ŢÖĶÉÑ: {TOKEN}\nÎÐ: {ID}\nŠÉÇŔÉŢ: {SECRET}\n");
        let parsed = from_text(&text).unwrap();
        assert!(parsed.credentials.client_id.is_none());
        assert!(parsed.credentials.access_token.is_none());
        assert!(parsed.problems[0]
            .message
            .contains("cannot tell which is which"));
    }

    #[test]
    fn shapes_of_values() {
        assert_eq!(shape_of(ID), Some(Shape::Token));
        assert_eq!(shape_of(SECRET), Some(Shape::Hex));
        assert_eq!(
            shape_of(" https://api.bigcommerce.com/stores/abc123xyz0/v3/ "),
            Some(Shape::ApiPath)
        );
        assert_eq!(
            shape_of("https://api-b2b.bigcommerce.com/api/v3/io/"),
            Some(Shape::B2bApiPath)
        );
        assert_eq!(shape_of("Wherehouse"), None);
        assert_eq!(shape_of(""), None);
    }

    /// Every character the rule names, one of each range's ends and middles.
    const HIDDEN: [char; 22] = [
        '\u{0}', '\u{7}', '\u{1B}', '\u{1F}', '\u{7F}', '\u{80}', '\u{9B}', '\u{9F}', '\u{061C}',
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202C}',
        '\u{202E}', '\u{2066}', '\u{2068}', '\u{2069}', '\u{FEFF}', '\u{2028}',
    ];

    #[test]
    fn hidden_characters_are_the_controls_the_direction_marks_and_the_zero_width_ones() {
        for c in HIDDEN {
            assert!(is_hidden_char(c), "U+{:04X}", c as u32);
        }
        for c in [
            'a', 'Z', '0', ' ', 'é', 'ß', 'ç', '€', '中', 'ж', '\u{00A0}', '\u{2010}', '😀',
        ] {
            assert!(!is_hidden_char(c), "U+{:04X}", c as u32);
        }
        assert_eq!(strip_hidden("abc"), ("abc".to_string(), false));
        assert_eq!(
            strip_hidden("a\u{202E}b\u{200B}c\u{1B}[31m"),
            ("abc[31m".to_string(), true)
        );
    }

    #[test]
    fn hidden_characters_are_removed_from_every_field_and_reported() {
        // Each value with a different hidden character in it, from the file, the pop-up's
        // pairs and the dialog alike.
        let hide = |v: &str, c: char| format!("{}{c}{}", &v[..3], &v[3..]);
        let path = "https://api.bigcommerce.com/stores/abc123xyz0/v3/";
        let text = format!(
            "CLIENT ID: {}\nCLIENT SECRET: {}\nACCESS TOKEN: {}\nAPI PATH: {}\nNAME: {}\n",
            hide(ID, '\u{200B}'),
            hide(SECRET, '\u{202E}'),
            hide(TOKEN, '\u{FEFF}'),
            hide(path, '\u{2066}'),
            hide("Wherehouse", '\u{1B}'),
        );
        let parsed = from_text(&text).unwrap();
        let c = &parsed.credentials;
        assert_eq!(c.client_id.as_deref(), Some(ID));
        assert_eq!(c.client_secret.as_ref().map(Secret::expose), Some(SECRET));
        assert_eq!(c.access_token.as_ref().map(Secret::expose), Some(TOKEN));
        assert_eq!(c.api_path.as_deref(), Some(path));
        assert_eq!(c.name.as_deref(), Some("Wherehouse"));
        let stripped: Vec<CredentialField> = parsed
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::Stripped)
            .map(|p| p.field)
            .collect();
        assert_eq!(
            stripped,
            [
                CredentialField::ClientId,
                CredentialField::ClientSecret,
                CredentialField::AccessToken,
                CredentialField::ApiPath,
                CredentialField::Name,
            ]
        );
        let pairs = from_pairs([
            ("Client ID", hide(ID, '\u{200F}').as_str()),
            ("Access Token", hide(TOKEN, '\u{061C}').as_str()),
        ])
        .unwrap();
        assert_eq!(pairs.credentials.client_id.as_deref(), Some(ID));
        assert_eq!(
            pairs
                .problems
                .iter()
                .filter(|p| p.kind == ProblemKind::Stripped)
                .count(),
            2
        );
        // In the dialog, by shape once the hidden characters are gone.
        let dialog = from_dialog(&[
            field(None, &hide(ID, '\u{200D}')),
            field(None, &hide(SECRET, '\u{9B}')),
            field(None, &hide(TOKEN, '\u{2069}')),
        ])
        .unwrap();
        assert_eq!(dialog.credentials.client_id.as_deref(), Some(ID));
        assert_eq!(
            dialog.credentials.access_token.as_ref().map(Secret::expose),
            Some(TOKEN)
        );
        assert_eq!(
            dialog
                .credentials
                .client_secret
                .as_ref()
                .map(Secret::expose),
            Some(SECRET)
        );
        assert_eq!(
            dialog
                .problems
                .iter()
                .filter(|p| p.kind == ProblemKind::Stripped)
                .count(),
            3
        );
        // Nothing but hidden characters is no value at all.
        assert!(from_pairs([("Client ID", "\u{200B}\u{202E}")]).is_err());
    }

    #[test]
    fn values_outside_the_known_shapes_are_flagged() {
        let odd = |c: &Credentials| -> Vec<CredentialField> {
            c.problems()
                .into_iter()
                .filter(|p| p.kind == ProblemKind::Odd)
                .map(|p| p.field)
                .collect()
        };
        let good = Credentials {
            name: Some("Wherehouse".into()),
            api_path: Some("https://api.bigcommerce.com/stores/abc123xyz0/v3/".into()),
            b2b_api_path: Some("https://api-b2b.bigcommerce.com/api/v3/io/".into()),
            client_id: Some(ID.into()),
            client_secret: Some(Secret::new(SECRET)),
            access_token: Some(Secret::new(TOKEN)),
        };
        assert_eq!(odd(&good), []);
        let bad = Credentials {
            name: Some("Wherehouse".into()),
            api_path: Some("https://api.bigcommerce.com.evil.example/stores/abc/v3/".into()),
            b2b_api_path: Some("https://evil.example/api/v3/io/".into()),
            client_id: Some("$(curl evil.example)".into()),
            client_secret: Some(Secret::new("short")),
            access_token: Some(Secret::new(ID.to_uppercase())),
        };
        assert_eq!(
            odd(&bad),
            [
                CredentialField::ClientId,
                CredentialField::AccessToken,
                CredentialField::ClientSecret,
                CredentialField::ApiPath,
                CredentialField::B2bApiPath,
            ]
        );
    }

    #[test]
    fn fields_and_kinds_read_back_from_their_keys() {
        for f in CredentialField::ALL {
            assert_eq!(CredentialField::from_key(f.key()), Some(f));
        }
        for k in [
            ProblemKind::Missing,
            ProblemKind::Odd,
            ProblemKind::Conflict,
            ProblemKind::Stripped,
        ] {
            assert_eq!(ProblemKind::from_key(k.key()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.key());
        }
        assert_eq!(CredentialField::from_key("password"), None);
        assert_eq!(ProblemKind::from_key("fine"), None);
    }
}
