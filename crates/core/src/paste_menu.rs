//! The right-click "ScopeFill" menu on editable fields: which "Paste …" entries it offers
//! while captures are held, and the value an entry pastes: the newest capture's, from a
//! window of the same kind (a private window's capture never reaches a normal window), and
//! only ever that one account's (a value it lacks is not taken from an older account, which
//! would pair one account's Client ID with another's token).

use serde::{Deserialize, Serialize};

use crate::contract::Capture;
use crate::credentials::Credentials;
use crate::secret::Secret;
use crate::target::ValueKind;

/// A value the menu can paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasteKind {
    ClientId,
    ClientSecret,
    AccessToken,
    ApiPath,
    StoreHash,
}

impl PasteKind {
    /// In the menu's order: the order BigCommerce's dialog shows them, the derived one last.
    pub const ALL: [PasteKind; 5] = [
        PasteKind::ClientId,
        PasteKind::ClientSecret,
        PasteKind::AccessToken,
        PasteKind::ApiPath,
        PasteKind::StoreHash,
    ];

    /// The menu entry's id (`contextMenus` ids are strings).
    pub fn menu_id(self) -> &'static str {
        match self {
            PasteKind::ClientId => "paste-client_id",
            PasteKind::ClientSecret => "paste-client_secret",
            PasteKind::AccessToken => "paste-access_token",
            PasteKind::ApiPath => "paste-api_path",
            PasteKind::StoreHash => "paste-store_hash",
        }
    }

    pub fn from_menu_id(id: &str) -> Option<PasteKind> {
        PasteKind::ALL.into_iter().find(|k| k.menu_id() == id)
    }

    /// The `_locales` key of the entry's title.
    pub fn title_key(self) -> &'static str {
        match self {
            PasteKind::ClientId => "menu_pasteClientId",
            PasteKind::ClientSecret => "menu_pasteClientSecret",
            PasteKind::AccessToken => "menu_pasteAccessToken",
            PasteKind::ApiPath => "menu_pasteApiPath",
            PasteKind::StoreHash => "menu_pasteStoreHash",
        }
    }

    /// The layout value it pastes (read the same way the popup shows it).
    fn value_kind(self) -> ValueKind {
        match self {
            PasteKind::ClientId => ValueKind::ClientId,
            PasteKind::ClientSecret => ValueKind::ClientSecret,
            PasteKind::AccessToken => ValueKind::AccessToken,
            PasteKind::ApiPath => ValueKind::ApiPath,
            PasteKind::StoreHash => ValueKind::StoreHash,
        }
    }

    fn read(self, creds: &Credentials) -> Option<Secret> {
        self.value_kind()
            .read(creds)
            .filter(|s| !s.expose().is_empty())
    }
}

/// One entry of the menu as the background creates it, and in which kind of window it is shown
/// (Firefox has one menu for all windows and shows an entry per window as these say; Chrome
/// runs a separate copy of the extension for private windows, each holding its own captures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuEntry {
    pub id: &'static str,
    pub title_key: &'static str,
    /// The newest capture of a normal window has this value.
    pub normal: bool,
    /// The newest capture of a private window has this value.
    pub private: bool,
}

/// The entries to offer: each kind the newest capture of a normal or of a private window has a
/// value for. None held: no menu.
pub fn entries(captures: &[Capture]) -> Vec<MenuEntry> {
    let has = |kind: PasteKind, incognito: bool| {
        newest(captures, incognito).is_some_and(|c| kind.read(&c.credentials).is_some())
    };
    PasteKind::ALL
        .into_iter()
        .map(|k| MenuEntry {
            id: k.menu_id(),
            title_key: k.title_key(),
            normal: has(k, false),
            private: has(k, true),
        })
        .filter(|e| e.normal || e.private)
        .collect()
}

/// The value `kind` pastes into a tab (`incognito`: the tab is in a private window): the
/// newest capture of that kind of window's, if it has one.
pub fn value(captures: &[Capture], kind: PasteKind, incognito: bool) -> Option<Secret> {
    newest(captures, incognito).and_then(|c| kind.read(&c.credentials))
}

/// The latest captured of one kind of window (the background keeps its list oldest first).
fn newest(captures: &[Capture], incognito: bool) -> Option<&Capture> {
    Capture::newest(captures.iter().filter(|c| c.incognito == incognito))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture(client_id: &str, token: Option<&str>, incognito: bool, captured_at: f64) -> Capture {
        let json = serde_json::json!({
            "id": client_id,
            "credentials": {
                "client_id": client_id,
                "access_token": token,
                "api_path": "https://api.bigcommerce.com/stores/abc123/v3/",
            },
            "incognito": incognito,
            "capturedAt": captured_at,
        });
        let mut capture: Capture = serde_json::from_value(json).expect("a capture");
        capture.incognito = incognito;
        capture
    }

    #[test]
    fn no_capture_no_menu() {
        assert!(entries(&[]).is_empty());
    }

    #[test]
    fn the_menu_offers_only_what_some_capture_holds_in_dialog_order() {
        let ids: Vec<_> = entries(&[capture("cid-1", Some("tok-1"), false, 1.0)])
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(
            ids,
            [
                "paste-client_id",
                "paste-access_token",
                "paste-api_path",
                "paste-store_hash"
            ],
            "no client secret held, so no entry for it"
        );
    }

    #[test]
    fn the_newest_capture_of_the_same_kind_of_window_is_pasted() {
        // As the background keeps them: oldest first.
        let held = [
            capture("normal-older", Some("tok-n"), false, 1.0),
            capture("private-newest", Some("tok-p"), true, 2.0),
            capture("normal-newer", Some("tok-m"), false, 3.0),
        ];
        let id = |incognito| value(&held, PasteKind::ClientId, incognito);
        assert_eq!(id(false).as_ref().map(Secret::expose), Some("normal-newer"));
        assert_eq!(
            id(true).as_ref().map(Secret::expose),
            Some("private-newest")
        );
        let token = value(&held, PasteKind::AccessToken, false);
        assert_eq!(token.as_ref().map(Secret::expose), Some("tok-m"));
        let hash = value(&held, PasteKind::StoreHash, false);
        assert_eq!(hash.as_ref().map(Secret::expose), Some("abc123"));
        // Newest first, the same answers.
        let mut reversed = held.clone();
        reversed.reverse();
        let id = value(&reversed, PasteKind::ClientId, false);
        assert_eq!(id.as_ref().map(Secret::expose), Some("normal-newer"));
    }

    #[test]
    fn a_value_the_newest_account_lacks_is_not_taken_from_an_older_one() {
        let held = [
            capture("older", Some("tok-older"), false, 1.0),
            capture("newer", None, false, 2.0),
        ];
        assert_eq!(value(&held, PasteKind::AccessToken, false), None);
        assert_eq!(
            value(&held, PasteKind::AccessToken, true),
            None,
            "no private capture"
        );
        let ids: Vec<_> = entries(&held).into_iter().map(|e| e.id).collect();
        assert!(!ids.contains(&"paste-access_token"), "{ids:?}");
        assert!(ids.contains(&"paste-client_id"), "{ids:?}");
    }

    #[test]
    fn each_entry_says_in_which_kind_of_window_it_pastes_something() {
        // Only a private window's account: its entries are for private windows only, so a
        // normal window's menu (Firefox has one for all) shows none of them.
        let private_only = [capture("private", Some("tok-p"), true, 1.0)];
        let shown: Vec<_> = entries(&private_only)
            .into_iter()
            .map(|e| (e.id, e.normal, e.private))
            .collect();
        assert_eq!(
            shown,
            [
                ("paste-client_id", false, true),
                ("paste-access_token", false, true),
                ("paste-api_path", false, true),
                ("paste-store_hash", false, true),
            ]
        );
        // A normal account without a token beside a private one with one.
        let both = [
            capture("private", Some("tok-p"), true, 1.0),
            capture("normal", None, false, 2.0),
        ];
        let token = entries(&both)
            .into_iter()
            .find(|e| e.id == "paste-access_token")
            .map(|e| (e.normal, e.private));
        assert_eq!(token, Some((false, true)));
    }

    #[test]
    fn menu_ids_read_back_and_unknown_ones_do_not() {
        for kind in PasteKind::ALL {
            assert_eq!(PasteKind::from_menu_id(kind.menu_id()), Some(kind));
        }
        assert_eq!(PasteKind::from_menu_id("paste-password"), None);
    }
}
