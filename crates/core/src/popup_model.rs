//! The toolbar popup's decisions, as plain functions: how a secret is masked, how the time
//! left is written, which captured account is shown, which tab "Fill form" talks to.
//! `popup/` (wasm32 only) draws the result; everything here is tested natively.

use serde::Deserialize;

use crate::secret::Secret;

/// How many trailing characters a masked value keeps visible.
const VISIBLE_TAIL: usize = 4;
/// Values shorter than this are masked entirely: four characters of a short value are
/// most of it.
const MIN_LEN_FOR_TAIL: usize = 12;

/// `••••` followed by the value's last four characters (`••••` alone for short values),
/// so the user can tell two accounts apart without the value being on screen.
pub fn mask(value: &Secret) -> String {
    let chars: Vec<char> = value.expose().chars().collect();
    let mut out = String::from("••••");
    if chars.len() >= MIN_LEN_FOR_TAIL {
        out.extend(&chars[chars.len() - VISIBLE_TAIL..]);
    }
    out
}

/// The time left before an account is forgotten, `m:ss` (or `h:mm:ss` from an hour up),
/// rounded up so it reads `0:01` until the very end. None once it is over.
pub fn countdown(remaining_ms: f64) -> Option<String> {
    if !remaining_ms.is_finite() || remaining_ms <= 0.0 {
        return None;
    }
    // Rounded up: at 0.2 s left the account is still there, so do not show 0:00.
    // (u32 seconds is 136 years; a float-to-u64 cast would also trip binaryen's wasm2js.)
    let total = (remaining_ms / 1000.0).ceil() as u32;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    Some(if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    })
}

/// Lowercase hex of a digest (the clipboard check compares SHA-256 hashes, never values).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

pub use crate::contract::Capture;

/// The background's list without those already expired, newest first. (Entries of another
/// shape were skipped when its reply was read: `contract::Reply`.)
pub fn live_captures(captures: Vec<Capture>, now_ms: f64) -> Vec<Capture> {
    let mut out: Vec<Capture> = captures
        .into_iter()
        .filter(|c| !c.id.is_empty() && !c.is_expired(now_ms))
        .collect();
    newest_first(&mut out);
    out
}

/// Newest capture first; equal times keep their order.
pub fn newest_first(captures: &mut [Capture]) {
    sort_descending(captures, |c| c.captured_at);
}

/// A stable sort, largest `key` first. The lists here hold a handful of items: an insertion
/// sort does, and keeps the WASM (which the content script loads too) smaller than
/// `sort_by`'s driftsort would.
fn sort_descending<T>(items: &mut [T], key: impl Fn(&T) -> f64) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]).total_cmp(&key(&items[j])).is_lt() {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Which account to show: the one shown so far if it is still there, else the newest.
pub fn choose_account<'a>(captures: &'a [Capture], current: Option<&str>) -> Option<&'a Capture> {
    current
        .and_then(|id| captures.iter().find(|c| c.id == id))
        .or_else(|| Capture::newest(captures))
}

/// A browser tab as `tabs.query` describes it (fields the popup uses).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tab {
    pub id: Option<i32>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub active: bool,
    #[serde(default)]
    pub last_accessed: Option<f64>,
}

/// The tab "Fill form" acts on: the active tab of the window the popup belongs to, if it
/// shows the control panel; never another tab (another tab may be another store's, or a
/// form the user is not looking at). None: the popup says the active tab is not the
/// control panel.
pub fn fill_target(active: Option<&Tab>) -> Option<i32> {
    active
        .filter(|t| t.url.as_deref().is_some_and(crate::https::is_control_panel))
        .and_then(|t| t.id)
}

/// The tab "Fill this page" looks at: the active tab, if it shows a web page other than the
/// control panel (whose own form is Fill form's). An address the popup may not read (no
/// activeTab yet) still counts: the browser says whether the page can be read.
pub fn target_page(active: &Tab) -> Option<i32> {
    let web = match active.url.as_deref() {
        None | Some("") => true,
        Some(url) => {
            (url.starts_with("https://") || url.starts_with("http://"))
                && !crate::https::is_control_panel(url)
        }
    };
    active.id.filter(|_| web)
}

/// The store a tab's control panel belongs to (`store-{hash}.mybigcommerce.com`), for the
/// fill report.
pub fn tab_store(tab: &Tab) -> Option<String> {
    tab.url
        .as_deref()
        .and_then(crate::https::control_panel_store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fill_this_page_looks_only_at_web_pages_other_than_the_control_panel() {
        let tab = |url: Option<&str>| Tab {
            id: Some(7),
            url: url.map(str::to_string),
            active: true,
            last_accessed: None,
        };
        assert_eq!(
            target_page(&tab(Some("https://app.wherehouse.co.za/x"))),
            Some(7)
        );
        assert_eq!(
            target_page(&tab(None)),
            Some(7),
            "an address not yet readable"
        );
        for url in [
            "https://store-abc123.mybigcommerce.com/manage/settings/api-accounts/create",
            "chrome://extensions/",
            "about:addons",
            "file:///etc/passwd",
        ] {
            assert_eq!(target_page(&tab(Some(url))), None, "{url}");
        }
    }

    #[test]
    fn masks_all_but_the_last_four() {
        let s = Secret::new("5d41402abc4b2a76b9719d911017c592");
        assert_eq!(mask(&s), "••••c592");
        assert!(!mask(&s).contains("5d41402abc"));
        assert_eq!(mask(&Secret::new("short")), "••••");
        assert_eq!(mask(&Secret::new("")), "••••");
        // Counted in characters, not bytes.
        assert_eq!(mask(&Secret::new("ééééééééééééab")), "••••ééab");
    }

    #[test]
    fn countdown_reads_minutes_and_seconds_rounded_up() {
        assert_eq!(countdown(900_000.0).as_deref(), Some("15:00"));
        assert_eq!(countdown(59_001.0).as_deref(), Some("1:00"));
        assert_eq!(countdown(61_000.0).as_deref(), Some("1:01"));
        assert_eq!(countdown(200.0).as_deref(), Some("0:01"));
        assert_eq!(countdown(3_600_000.0).as_deref(), Some("1:00:00"));
        assert_eq!(countdown(3_725_000.0).as_deref(), Some("1:02:05"));
        assert_eq!(countdown(0.0), None);
        assert_eq!(countdown(-5.0), None);
        assert_eq!(countdown(f64::NAN), None);
    }

    #[test]
    fn sort_descending_is_stable() {
        let mut v = [(1.0, 'a'), (3.0, 'b'), (1.0, 'c'), (2.0, 'd'), (3.0, 'e')];
        sort_descending(&mut v, |x| x.0);
        assert_eq!(v.map(|x| x.1), ['b', 'e', 'd', 'a', 'c']);
        let mut empty: [f64; 0] = [];
        sort_descending(&mut empty, |x| *x);
    }

    #[test]
    fn hex_is_lowercase_and_padded() {
        assert_eq!(hex(&[0, 1, 0xab, 0xff]), "0001abff");
        assert_eq!(hex(&[]), "");
    }

    fn capture(id: &str, at: f64, expires: Option<f64>) -> serde_json::Value {
        json!({
            "id": id, "preset": "wherehouse", "presetName": "Wherehouse", "storeHash": "abc",
            "capturedAt": at, "expiresAt": expires,
            "credentials": {"client_id": "id", "access_token": "s3cr3tvalue"}, "problems": []
        })
    }

    /// The captures of the background's reply listing `list`.
    fn listed(list: &[serde_json::Value]) -> Vec<Capture> {
        let reply = json!({"ok": true, "captures": list, "dropped": 0, "limit": 20});
        match serde_json::from_value(reply).unwrap() {
            crate::contract::Reply::Captures { captures, .. } => captures,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn live_captures_are_newest_first_without_expired_or_malformed_ones() {
        let list = [
            capture("a", 1000.0, Some(5000.0)),
            capture("b", 3000.0, None),
            capture("c", 2000.0, Some(1500.0)), // expired at now = 2000
            json!({"id": 7}),
            json!("nonsense"),
            capture("", 4000.0, None),
        ];
        let live = live_captures(listed(&list), 2000.0);
        let ids: Vec<&str> = live.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(
            live[0]
                .credentials
                .access_token
                .as_ref()
                .map(Secret::expose),
            Some("s3cr3tvalue")
        );
        // Debug never shows a value.
        assert!(!format!("{live:?}").contains("s3cr3t"));
    }

    #[test]
    fn the_shown_account_stays_until_it_goes_then_the_newest() {
        let list = [capture("old", 1.0, None), capture("new", 2.0, None)];
        let live = live_captures(listed(&list), 0.0);
        assert_eq!(
            choose_account(&live, None).map(|c| c.id.as_str()),
            Some("new")
        );
        assert_eq!(
            choose_account(&live, Some("old")).map(|c| c.id.as_str()),
            Some("old")
        );
        assert_eq!(
            choose_account(&live, Some("gone")).map(|c| c.id.as_str()),
            Some("new")
        );
        assert!(choose_account(&[], Some("old")).is_none());
    }

    #[test]
    fn store_comes_from_the_capture_or_the_api_path() {
        let mut c: Capture = serde_json::from_value(capture("a", 1.0, None)).unwrap();
        assert_eq!(c.store().as_deref(), Some("abc"));
        c.store_hash.clear();
        assert_eq!(c.store(), None);
        c.credentials.api_path = Some("https://api.bigcommerce.com/stores/xyz9/v3/".into());
        assert_eq!(c.store().as_deref(), Some("xyz9"));
    }

    #[test]
    fn control_panel_urls() {
        for ok in [
            "https://store-abc123.mybigcommerce.com/manage/settings/api-accounts/create",
            "https://store-abc123.mybigcommerce.com/manage",
            "https://x.mybigcommerce.com/manage/?q=1",
        ] {
            assert!(crate::https::is_control_panel(ok), "{ok}");
        }
        for bad in [
            "http://store-abc123.mybigcommerce.com/manage/x",
            "https://mybigcommerce.com/manage/x",
            "https://store.mybigcommerce.com.evil.example/manage/x",
            "https://evil-mybigcommerce.com/manage/x",
            "https://store-abc123.mybigcommerce.com/management",
            "https://store-abc123.mybigcommerce.com/",
            "chrome-extension://abc/popup.html",
            "",
        ] {
            assert!(!crate::https::is_control_panel(bad), "{bad}");
        }
    }

    fn tab(id: i32, url: &str, active: bool, last: f64) -> Tab {
        Tab {
            id: Some(id),
            url: Some(url.into()),
            active,
            last_accessed: Some(last),
        }
    }

    #[test]
    fn fill_acts_on_the_active_tab_only_and_names_its_store() {
        let cp = "https://store-a1.mybigcommerce.com/manage/settings/api-accounts/create";
        let list = "https://store-b2.mybigcommerce.com/manage/settings/api-accounts";
        let active = tab(3, cp, true, 20.0);
        assert_eq!(fill_target(Some(&active)), Some(3));
        assert_eq!(tab_store(&active).as_deref(), Some("a1"));
        // The active tab is the control panel without the form: still that tab (it answers
        // that it has no form), never another one.
        assert_eq!(fill_target(Some(&tab(4, list, true, 99.0))), Some(4));
        // Something else is active (a news site, the popup opened as a tab): none.
        for other in [
            "https://news.example/",
            "https://store-a1.mybigcommerce.com/cart.php",
            "chrome-extension://abc/popup/popup.html",
        ] {
            assert_eq!(
                fill_target(Some(&tab(9, other, true, 99.0))),
                None,
                "{other}"
            );
        }
        assert_eq!(fill_target(None), None);
        let hidden = Tab {
            id: Some(4),
            url: None,
            active: true,
            last_accessed: Some(50.0),
        };
        assert_eq!(fill_target(Some(&hidden)), None);
        assert_eq!(tab_store(&hidden), None);
        assert_eq!(
            tab_store(&tab(5, "https://shop.mybigcommerce.com/manage/", true, 1.0)),
            None
        );
    }

    #[test]
    fn tabs_parse_from_the_browser_shape() {
        let t: Tab = serde_json::from_value(json!({
            "id": 4, "url": "https://a.mybigcommerce.com/manage/", "active": true,
            "lastAccessed": 1700000000000.5, "windowId": 1, "title": "x"
        }))
        .unwrap();
        assert_eq!(t.id, Some(4));
        assert!(t.active);
        let bare: Tab = serde_json::from_value(json!({"id": 5})).unwrap();
        assert_eq!(bare.url, None);
    }
}
