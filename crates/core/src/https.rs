//! The few web addresses ScopeFill reads (an API path, a preset's guide link, a tab's
//! address), read by hand: https only, an ASCII host, a path. A full URL parser (the `url`
//! crate with its IDNA code) was a twelfth of the content script's core for these checks.

/// An `https://` address, split into what the checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Https<'a> {
    /// Lowercase, without a port.
    pub host: String,
    /// From the first `/` after the host up to `?` or `#`; `/` when there is none.
    pub path: &'a str,
}

impl Https<'_> {
    /// The path's segments, without the leading `/`.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.trim_start_matches('/').split('/')
    }
}

fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Reads an `https://host[:port]/path` address (surrounding spaces ignored). None for any
/// other scheme, a user name or password, a host that is not a plain DNS name, or spaces.
pub fn parse(text: &str) -> Option<Https<'_>> {
    let text = text.trim();
    let scheme = text.get(..8)?;
    if !scheme.eq_ignore_ascii_case("https://") {
        return None;
    }
    let rest = &text[8..];
    if rest
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => host,
        Some(_) => return None,
        None => authority,
    };
    if !is_host(host) {
        return None;
    }
    let after = &rest[end..];
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let path = match &after[..path_end] {
        "" => "/",
        path => path,
    };
    Some(Https {
        host: host.to_ascii_lowercase(),
        path,
    })
}

/// Whether an address is BigCommerce's control panel (`https://<store>.mybigcommerce.com/manage/…`,
/// any port, as the manifest matches): where the content script runs, the popup fills and
/// the worker takes captures from.
pub fn is_control_panel(address: &str) -> bool {
    let Some(u) = parse(address) else {
        return false;
    };
    let host_ok = u
        .host
        .strip_suffix(".mybigcommerce.com")
        .is_some_and(|sub| !sub.is_empty());
    // A dot segment could lead out of /manage/ once the browser resolves it.
    let plain = !u.segments().any(|s| s == ".." || s == ".");
    host_ok && plain && (u.path == "/manage" || u.path.starts_with("/manage/"))
}

/// The store a control-panel address belongs to: `{hash}` of its host
/// `store-{hash}.mybigcommerce.com` (as in the store's API path: lowercase letters and
/// digits). None for any other address, or a host that names no store.
pub fn control_panel_store(address: &str) -> Option<String> {
    let u = parse(address)?;
    let hash = u
        .host
        .strip_suffix(".mybigcommerce.com")?
        .strip_prefix("store-")?;
    crate::credentials::is_store_hash(hash).then(|| hash.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_host_and_path() {
        let a = parse(" https://API.BigCommerce.com:443/stores/abc/v3/?x=1#y ").unwrap();
        assert_eq!(a.host, "api.bigcommerce.com");
        assert_eq!(a.path, "/stores/abc/v3/");
        assert_eq!(
            a.segments().collect::<Vec<_>>(),
            ["stores", "abc", "v3", ""]
        );
        assert_eq!(parse("https://example.com").unwrap().path, "/");
        assert_eq!(parse("https://example.com?q").unwrap().path, "/");
    }

    #[test]
    fn refuses_what_is_not_a_plain_https_address() {
        for bad in [
            "http://example.com/",
            "https:example.com",
            "https://",
            "https:///path",
            "https://user@example.com/",
            "https://exa mple.com/",
            "https://example.com/a b",
            "https://-bad.example.com/",
            "https://example..com/",
            "https://example.com:port/",
            "https://exämple.com/",
            "ftp://example.com",
            "not a url",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_store_of_a_control_panel_host() {
        for (address, store) in [
            ("https://store-abc123.mybigcommerce.com", Some("abc123")),
            (
                "https://STORE-ABC123.MyBigCommerce.com:8443/manage/x",
                Some("abc123"),
            ),
            (
                "https://store-abc123.mybigcommerce.com/manage/settings",
                Some("abc123"),
            ),
            ("https://shop.mybigcommerce.com/manage/", None),
            ("https://store-.mybigcommerce.com/manage/", None),
            ("https://store-ab_c.mybigcommerce.com/", None),
            ("https://x.store-abc123.mybigcommerce.com/", None),
            ("https://store-abc123.mybigcommerce.com.evil.example/", None),
            ("http://store-abc123.mybigcommerce.com/", None),
            ("https://api.bigcommerce.com/stores/abc123/v3/", None),
            ("", None),
        ] {
            assert_eq!(control_panel_store(address).as_deref(), store, "{address}");
        }
    }
}
