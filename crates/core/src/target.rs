//! Target platforms' forms: which values they ask for, under which names, in which order.

use serde::{Deserialize, Serialize};

use crate::credentials::Credentials;
use crate::preset::LayoutFile;
use crate::secret::Secret;

/// A value a target form can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    ApiPath,
    B2bApiPath,
    StoreHash,
    ClientId,
    ClientSecret,
    AccessToken,
    AccountName,
    /// `api.bigcommerce.com`: the host of the API path (iPaaS.com's "BC API URL").
    ApiHost,
    /// `https://store-{hash}.mybigcommerce.com` (Violet's "Store URL").
    StoreUrl,
}

impl ValueKind {
    /// Every kind, in the order the preset editor lists them.
    pub const ALL: [ValueKind; 9] = [
        ValueKind::ApiPath,
        ValueKind::B2bApiPath,
        ValueKind::StoreHash,
        ValueKind::ClientId,
        ValueKind::ClientSecret,
        ValueKind::AccessToken,
        ValueKind::AccountName,
        ValueKind::ApiHost,
        ValueKind::StoreUrl,
    ];

    /// The name preset files use (`"access_token"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::ApiPath => "api_path",
            ValueKind::B2bApiPath => "b2b_api_path",
            ValueKind::StoreHash => "store_hash",
            ValueKind::ClientId => "client_id",
            ValueKind::ClientSecret => "client_secret",
            ValueKind::AccessToken => "access_token",
            ValueKind::AccountName => "account_name",
            ValueKind::ApiHost => "api_host",
            ValueKind::StoreUrl => "store_url",
        }
    }

    /// The kind a preset file names `name`.
    pub fn parse(name: &str) -> Option<ValueKind> {
        ValueKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Values that grant access on their own: masked until revealed.
    pub fn is_secret(self) -> bool {
        matches!(self, ValueKind::ClientSecret | ValueKind::AccessToken)
    }

    /// Values computed from another one rather than shown by BigCommerce.
    pub fn is_derived(self) -> bool {
        matches!(
            self,
            ValueKind::StoreHash | ValueKind::ApiHost | ValueKind::StoreUrl
        )
    }

    /// The value of this kind in `creds`, if they hold it (derived ones from the API path).
    pub fn read(self, creds: &Credentials) -> Option<Secret> {
        match self {
            ValueKind::ApiPath => creds.api_path.clone().map(Secret::new),
            ValueKind::B2bApiPath => creds.b2b_api_path.clone().map(Secret::new),
            ValueKind::StoreHash => creds.store_hash().map(Secret::new),
            ValueKind::ClientId => creds.client_id.clone().map(Secret::new),
            ValueKind::ClientSecret => creds.client_secret.clone(),
            ValueKind::AccessToken => creds.access_token.clone(),
            ValueKind::AccountName => creds.name.clone().map(Secret::new),
            // Only from a store's API path, so the host is BigCommerce's, never one a
            // tampered path names.
            ValueKind::ApiHost => creds
                .store_hash()
                .map(|_| Secret::new("api.bigcommerce.com")),
            ValueKind::StoreUrl => creds
                .store_hash()
                .map(|hash| Secret::new(format!("https://store-{hash}.mybigcommerce.com"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub label: String,
    pub value: ValueKind,
    pub optional: bool,
}

/// One way the target's form asks for the values (Celigo has two: Token and Basic).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Layout {
    pub name: String,
    pub fields: Vec<Field>,
}

impl Layout {
    pub(crate) fn from_file(file: LayoutFile) -> Layout {
        Layout {
            name: file.name,
            fields: file
                .fields
                .into_iter()
                .map(|f| Field {
                    label: f.label,
                    value: f.value,
                    optional: f.optional,
                })
                .collect(),
        }
    }
}

/// A value laid out for the target's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldValue {
    pub label: String,
    pub kind: ValueKind,
    /// None when the credentials lack it (reported to the user as missing).
    pub value: Option<Secret>,
    pub secret: bool,
    pub derived: bool,
}

/// The credentials in the target's order under the target's names. Optional fields the
/// credentials lack (e.g. a B2B path on a store without B2B Edition) are left out.
pub fn lay_out(layout: &Layout, creds: &Credentials) -> Vec<FieldValue> {
    layout
        .fields
        .iter()
        .filter_map(|f| {
            let value = f.value.read(creds);
            if value.is_none() && f.optional {
                return None;
            }
            Some(FieldValue {
                label: f.label.clone(),
                kind: f.value,
                value,
                secret: f.value.is_secret(),
                derived: f.value.is_derived(),
            })
        })
        .collect()
}

/// "Copy all" as a JSON object in the target's order (`{"API Path": "…", …}`).
pub fn to_json(fields: &[FieldValue]) -> String {
    let mut out = String::from("{\n");
    let present: Vec<&FieldValue> = fields.iter().filter(|f| f.value.is_some()).collect();
    for (i, f) in present.iter().enumerate() {
        let value = f.value.as_ref().map(Secret::expose).unwrap_or_default();
        // serde_json on a &str cannot fail.
        let key = serde_json::to_string(&f.label).unwrap_or_default();
        let val = serde_json::to_string(value).unwrap_or_default();
        out.push_str(&format!("  {key}: {val}"));
        out.push_str(if i + 1 < present.len() { ",\n" } else { "\n" });
    }
    out.push('}');
    out
}

/// "Copy all" as `.env` lines: `BIGCOMMERCE_CLIENT_ID='…'`, in the target's order.
///
/// Every value is in single quotes, the one quoting in which a POSIX shell expands nothing
/// (`$(…)`, backticks, `$VAR`, backslashes and `"` are kept as written) when the file is `source`d;
/// a single quote inside a value is written `'\''` (close, an escaped quote, reopen).
pub fn to_env(fields: &[FieldValue]) -> String {
    let mut out = String::new();
    for f in fields {
        let Some(value) = &f.value else { continue };
        out.push_str(&env_name(&f.label));
        out.push('=');
        out.push_str(&shell_quote(value.expose()));
        out.push('\n');
    }
    out
}

/// `BIGCOMMERCE_` and the label's letters and digits, upper case, runs of anything else as
/// one `_` ("Client ID" → `BIGCOMMERCE_CLIENT_ID`).
fn env_name(label: &str) -> String {
    let mut name = String::from("BIGCOMMERCE_");
    let mut gap = false;
    for ch in label.chars() {
        if ch.is_ascii_alphanumeric() {
            if gap && !name.ends_with('_') {
                name.push('_');
            }
            name.push(ch.to_ascii_uppercase());
            gap = false;
        } else {
            gap = true;
        }
    }
    name
}

/// `value` in single quotes for a POSIX shell.
fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::{find, shipped};

    fn creds() -> Credentials {
        Credentials {
            name: Some("Wherehouse".into()),
            api_path: Some("https://api.bigcommerce.com/stores/abc123/v3/".into()),
            b2b_api_path: None,
            client_id: Some("clientid0000000000000000000000a".into()),
            client_secret: Some(Secret::new("ab".repeat(32))),
            access_token: Some(Secret::new("token0000000000000000000000000a".to_string())),
        }
    }

    fn labels(fields: &[FieldValue]) -> Vec<&str> {
        fields.iter().map(|f| f.label.as_str()).collect()
    }

    #[test]
    fn each_target_gets_its_own_order_and_names() {
        let presets = shipped();
        let c = creds();
        let wh = find(presets, "wherehouse").unwrap();
        assert_eq!(
            labels(&lay_out(&wh.layouts[0], &c)),
            ["API Path", "Client ID", "Client Secret", "Access Token"]
        );
        let ds = find(presets, "dropstream").unwrap();
        let ds_fields = lay_out(&ds.layouts[0], &c);
        assert_eq!(
            labels(&ds_fields),
            ["Store Hash", "Client ID", "Client Secret", "Access Token"]
        );
        assert_eq!(
            ds_fields[0].value.as_ref().map(Secret::expose),
            Some("abc123")
        );
        assert!(ds_fields[0].derived && !ds_fields[1].derived);
        let mig = find(presets, "migration-to-bigcommerce").unwrap();
        assert_eq!(
            labels(&lay_out(&mig.layouts[0], &c)),
            ["API Path", "Client ID", "Access Token"]
        );
        let celigo = find(presets, "celigo").unwrap();
        let basic = lay_out(celigo.layout("Basic").unwrap(), &c);
        assert_eq!(labels(&basic), ["Username", "Password", "Store hash"]);
        assert_eq!(basic[0].value, c.client_id.clone().map(Secret::new));
        assert_eq!(basic[1].value, c.access_token);
        assert!(basic[1].secret && !basic[0].secret);
        let token = lay_out(celigo.layout("Token").unwrap(), &c);
        assert_eq!(labels(&token), ["Access token", "Client ID", "Store hash"]);
    }

    #[test]
    fn api_host_and_store_url_come_from_the_api_path() {
        let c = creds();
        assert_eq!(
            ValueKind::ApiHost.read(&c).as_ref().map(Secret::expose),
            Some("api.bigcommerce.com")
        );
        assert_eq!(
            ValueKind::StoreUrl.read(&c).as_ref().map(Secret::expose),
            Some("https://store-abc123.mybigcommerce.com")
        );
        assert!(ValueKind::StoreUrl.is_derived() && !ValueKind::StoreUrl.is_secret());
        assert!(ValueKind::ApiHost.is_derived() && !ValueKind::ApiHost.is_secret());
        let mut odd = c.clone();
        odd.api_path = Some("https://evil.example/stores/abc123/v3/".into());
        assert_eq!(ValueKind::ApiHost.read(&odd), None);
        assert_eq!(ValueKind::StoreUrl.read(&odd), None);
        for k in ValueKind::ALL {
            assert_eq!(ValueKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn b2b_path_shows_only_when_captured() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let mut c = creds();
        c.b2b_api_path = Some("https://api-b2b.bigcommerce.com/api/v3/io/".into());
        assert_eq!(
            labels(&lay_out(&wh.layouts[0], &c)),
            [
                "API Path",
                "B2B Edition API Path",
                "Client ID",
                "Client Secret",
                "Access Token"
            ]
        );
    }

    #[test]
    fn missing_required_values_stay_visible_as_missing() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let mut c = creds();
        c.client_secret = None;
        let fields = lay_out(&wh.layouts[0], &c);
        assert_eq!(fields.len(), 4);
        assert_eq!(fields[2].value, None);
    }

    #[test]
    fn copy_all_keeps_the_target_order() {
        let ds = find(shipped(), "dropstream").unwrap();
        let fields = lay_out(&ds.layouts[0], &creds());
        let json = to_json(&fields);
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["Store Hash"], "abc123");
        assert!(json.find("Store Hash").unwrap() < json.find("Client ID").unwrap());
        let env = to_env(&fields);
        assert_eq!(env.lines().next(), Some("BIGCOMMERCE_STORE_HASH='abc123'"));
        assert!(env.contains(&format!(
            "BIGCOMMERCE_CLIENT_SECRET='{}'\n",
            "ab".repeat(32)
        )));
    }

    #[test]
    fn env_values_are_single_quoted_with_quotes_escaped() {
        let fields = vec![FieldValue {
            label: "Note (free text)".into(),
            kind: ValueKind::AccountName,
            value: Some(Secret::new("it's $(id) \"mine\"")),
            secret: false,
            derived: false,
        }];
        assert_eq!(
            to_env(&fields),
            r#"BIGCOMMERCE_NOTE_FREE_TEXT='it'\''s $(id) "mine"'"#.to_string() + "\n"
        );
    }
}
