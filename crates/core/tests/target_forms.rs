//! "Fill this page" on recorded outlines of the integrations' forms (`target-outlines/`,
//! one list of frame outlines per file, as `target/page.js` gives them): which field takes
//! which value, what is left alone and why. And every shipped target profile against the
//! facts of its guide (`target-sources/`).

use std::path::Path;

use scopefill_core::credentials::Credentials;
use scopefill_core::json::SerdeJson;
use scopefill_core::preset::{find, shipped, TargetFile};
use scopefill_core::secret::Secret;
use scopefill_core::target::ValueKind;
use scopefill_core::target_form::{
    plan, read_frames, FieldState, FrameOutline, SkipReason, TargetPlan,
};
use scopefill_core::text::normalize;

use ValueKind::*;

fn dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

fn outline(name: &str) -> Vec<FrameOutline> {
    let path = dir("target-outlines").join(format!("{name}.json"));
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    read_frames::<SerdeJson>(&json).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn creds() -> Credentials {
    Credentials {
        name: Some("ScopeFill test".into()),
        api_path: Some("https://api.bigcommerce.com/stores/abc123/v3/".into()),
        b2b_api_path: None,
        client_id: Some("clientid0000000000000000000000a".into()),
        client_secret: Some(Secret::new("ab".repeat(32))),
        access_token: Some(Secret::new("token0000000000000000000000000a")),
    }
}

fn plan_of(name: &str, chosen: Option<&str>) -> TargetPlan {
    let plan = plan(&outline(name), shipped(), chosen, &creds());
    println!("{name}: {}", serde_json::to_string(&plan).unwrap());
    plan
}

/// (caption, kind) of each planned field, in page order.
fn planned(plan: &TargetPlan) -> Vec<(&str, ValueKind)> {
    plan.fields
        .iter()
        .map(|f| (f.caption.as_str(), f.kind))
        .collect()
}

fn skipped(plan: &TargetPlan) -> Vec<(&str, SkipReason)> {
    plan.skipped
        .iter()
        .map(|s| (s.caption.as_str(), s.reason.clone()))
        .collect()
}

fn profile(plan: &TargetPlan) -> Option<(&str, &str)> {
    plan.profile.as_ref().map(|(p, l)| (p.as_str(), l.as_str()))
}

#[test]
fn wherehouse_authorize_modal() {
    let plan = plan_of("wherehouse-authorize", Some("wherehouse"));
    assert_eq!(plan.host, "app.wherehouse.co.za");
    assert_eq!(profile(&plan), Some(("wherehouse", "Wherehouse")));
    assert!(plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("Client ID", ClientId),
            ("Client Secret", ClientSecret),
            ("Access Token", AccessToken),
            ("API path", ApiPath)
        ]
    );
    assert!(plan.skipped.is_empty());
    assert!(plan.fields.iter().all(|f| f.state == FieldState::Fill));
    assert_eq!(
        plan.fields.iter().map(|f| f.secret).collect::<Vec<_>>(),
        [false, true, true, false]
    );
}

#[test]
fn celigo_basic_takes_the_client_id_as_username_and_the_token_as_password() {
    let plan = plan_of("celigo-basic", None);
    assert_eq!(plan.host, "integrator.io");
    assert_eq!(profile(&plan), Some(("celigo", "Basic")));
    assert!(plan.known_address);
    // The Token layout's fields are hidden: not there for a person, not there for us.
    assert_eq!(
        planned(&plan),
        [
            ("Username *", ClientId),
            ("Password *", AccessToken),
            ("Store hash *", StoreHash)
        ]
    );
    assert!(plan.skipped.is_empty());
}

#[test]
fn celigo_token_on_a_regional_host() {
    let plan = plan_of("celigo-token", Some("celigo"));
    assert_eq!(plan.host, "eu.integrator.io");
    assert_eq!(profile(&plan), Some(("celigo", "Token")));
    assert!(plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("Access token *", AccessToken),
            ("Client ID *", ClientId),
            ("Store hash *", StoreHash)
        ]
    );
}

#[test]
fn celigo_basic_elsewhere_fills_the_password_but_not_the_username() {
    // The same form on an address no profile names: common names only; "Password" is the
    // access token under Basic auth, a bare "Username" is nobody's.
    let mut frames = outline("celigo-basic");
    frames[0].page.url = "https://integrator.example/connections".into();
    let plan = plan(&frames, shipped(), Some("celigo"), &creds());
    assert_eq!(profile(&plan), None);
    assert!(!plan.known_address);
    assert_eq!(
        planned(&plan),
        [("Password *", AccessToken), ("Store hash *", StoreHash)]
    );
}

#[test]
fn starshipit_leaves_username_empty() {
    let plan = plan_of("starshipit", Some("starshipit"));
    assert_eq!(profile(&plan), Some(("starshipit", "Starshipit")));
    assert!(plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("API Path", ApiPath),
            ("Client ID", ClientId),
            ("Access Token", AccessToken)
        ]
    );
    assert_eq!(skipped(&plan), [("Username", SkipReason::LeaveEmpty)]);
    let writes = plan.writes(&creds());
    assert_eq!(writes.len(), 3);
    assert!(writes.iter().all(|(frame, r, _)| *frame == 0 && *r != 1));
}

#[test]
fn ipaas_subscription_in_capitals() {
    let plan = plan_of("ipaas", Some("ipaas"));
    assert_eq!(profile(&plan), Some(("ipaas", "iPaaS.com subscription")));
    assert!(plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("NAME", AccountName),
            ("BC API URL", ApiHost),
            ("BC API STORE HASH", StoreHash),
            ("BC API CLIENT ID", ClientId),
            ("BC API TOKEN", AccessToken)
        ]
    );
    let writes = plan.writes(&creds());
    assert_eq!(writes[1].2.expose(), "api.bigcommerce.com");
    assert_eq!(writes[2].2.expose(), "abc123");
    assert_eq!(writes[0].2.expose(), "ScopeFill test");
}

#[test]
fn violet_connect_takes_the_store_url() {
    let plan = plan_of("violet", Some("violet"));
    assert_eq!(profile(&plan), Some(("violet", "Violet Connect")));
    assert!(plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("Store URL", StoreUrl),
            ("Client ID", ClientId),
            ("Client Secret", ClientSecret),
            ("Access Token", AccessToken)
        ]
    );
    assert_eq!(
        plan.writes(&creds())[0].2.expose(),
        "https://store-abc123.mybigcommerce.com"
    );
}

#[test]
fn next_cart_is_found_by_common_names_and_asks_first() {
    let plan = plan_of("next-cart", Some("migration-to-bigcommerce"));
    assert_eq!(plan.host, "app.next-cart.com");
    assert_eq!(profile(&plan), None);
    assert!(!plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("API Path", ApiPath),
            ("Client ID", ClientId),
            ("Access Token", AccessToken)
        ]
    );
}

#[test]
fn despatch_cloud_in_a_same_origin_frame_names_the_cross_origin_one() {
    let plan = plan_of("despatch-cloud", None);
    assert_eq!(plan.host, "acme.despatchcloud.co.uk");
    assert_eq!(profile(&plan), Some(("despatch-cloud", "Despatch Cloud")));
    assert!(plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("Client ID", ClientId),
            ("Client Secret", ClientSecret),
            ("Store Hash", StoreHash)
        ]
    );
    assert!(plan.fields.iter().all(|f| f.frame_id == 4));
    assert_eq!(plan.missing_frames, ["https://chat.widget.example"]);
}

#[test]
fn a_plain_http_frame_is_not_offered_for_allowing() {
    // Credentials never go to a page anyone on the network can read, and the optional
    // permission covers https only: asking for http would fail after the user's click.
    let mut frames = outline("despatch-cloud");
    frames[0].page.frames.push("http://plain.example".into());
    let plan = plan(&frames, shipped(), None, &creds());
    assert_eq!(plan.missing_frames, ["https://chat.widget.example"]);
}

#[test]
fn an_unknown_host_with_header_names() {
    let plan = plan_of("generic-x-auth", None);
    assert_eq!(plan.host, "tools.example.org");
    assert_eq!(profile(&plan), None);
    assert!(!plan.known_address);
    assert_eq!(
        planned(&plan),
        [
            ("X-Auth-Client", ClientId),
            ("X-Auth-Token", AccessToken),
            ("api_url", ApiPath)
        ]
    );
}

#[test]
fn two_token_fields_are_both_refused() {
    let plan = plan_of("refused-two-tokens", None);
    assert_eq!(planned(&plan), [("Client ID", ClientId)]);
    assert_eq!(
        skipped(&plan),
        [
            ("Token", SkipReason::Duplicate(AccessToken)),
            ("API Token", SkipReason::Duplicate(AccessToken))
        ]
    );
}

#[test]
fn a_field_naming_two_values_is_refused() {
    let plan = plan_of("refused-client-id-or-secret", None);
    assert_eq!(planned(&plan), [("Store Hash", StoreHash)]);
    assert_eq!(
        skipped(&plan),
        [(
            "Client ID or Secret",
            SkipReason::Ambiguous(vec![ClientId, ClientSecret])
        )]
    );
}

#[test]
fn a_login_form_is_not_filled() {
    let plan = plan_of("refused-login", Some("celigo"));
    assert!(plan.fields.is_empty() && plan.skipped.is_empty());
    assert!(plan.writes(&creds()).is_empty());
}

#[test]
fn nothing_is_planned_where_nothing_matches() {
    let plan = plan_of("nothing-matches", None);
    assert_eq!(plan.host, "www.example.com");
    assert!(plan.fields.is_empty() && plan.skipped.is_empty());
    assert!(!plan.known_address);
}

#[test]
fn disabled_and_filled_fields_and_missing_values() {
    let mut frames = outline("wherehouse-authorize");
    let fields = &mut frames[0].page.fields;
    fields[1].value = " clientid0000000000000000000000a ".into(); // Client ID: ours
    fields[2].value = "someone else's".into(); // Client Secret: another
    fields[3].read_only = true; // Access Token
    let mut c = creds();
    c.api_path = None;
    let plan = plan(&frames, shipped(), None, &c);
    let states: Vec<(&str, FieldState)> = plan
        .fields
        .iter()
        .map(|f| (f.caption.as_str(), f.state))
        .collect();
    assert_eq!(
        states,
        [
            ("Client ID", FieldState::Same),
            ("Client Secret", FieldState::Replaces)
        ]
    );
    assert_eq!(
        skipped(&plan),
        [
            ("Access Token", SkipReason::Disabled),
            ("API path", SkipReason::NoValue(ApiPath))
        ]
    );
    // Only the secret that is not there yet is written.
    let writes = plan.writes(&c);
    assert_eq!(writes.len(), 1);
    assert_eq!((writes[0].0, writes[0].1), (0, 2));
}

#[test]
fn a_profile_address_with_the_form_in_a_foreign_frame_asks_first() {
    let mut frames = outline("despatch-cloud");
    frames[1].page.url = "https://forms.other.example/bigcommerce".into();
    let plan = plan(&frames, shipped(), None, &creds());
    assert!(plan.profile.is_some());
    assert_eq!(plan.fields.len(), 3);
    assert!(!plan.known_address);
}

#[test]
fn an_address_that_only_resembles_the_profile_is_not_known() {
    for url in [
        "https://app.wherehouse.co.za.evil.example/x",
        "http://app.wherehouse.co.za/x",
        "https://app-wherehouse.co.za/x",
    ] {
        let mut frames = outline("wherehouse-authorize");
        frames[0].page.url = url.into();
        let plan = plan(&frames, shipped(), Some("wherehouse"), &creds());
        assert_eq!(plan.profile, None, "{url}");
        assert!(!plan.known_address, "{url}");
    }
}

#[test]
fn the_plan_serialises_without_values() {
    let plan = plan_of("refused-client-id-or-secret", None);
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["knownAddress"], false);
    assert_eq!(json["fields"][0]["ref"], 1);
    assert_eq!(json["fields"][0]["frameId"], 0);
    assert_eq!(json["fields"][0]["kind"], "store_hash");
    assert_eq!(json["fields"][0]["state"], "fill");
    assert_eq!(json["skipped"][0]["reason"]["code"], "ambiguous");
    assert_eq!(
        json["skipped"][0]["reason"]["kinds"],
        serde_json::json!(["client_id", "client_secret"])
    );
    let c = creds();
    let text = serde_json::to_string(&plan_of("wherehouse-authorize", None)).unwrap();
    for secret in [
        c.client_id.unwrap(),
        c.client_secret.unwrap().expose().to_string(),
        c.access_token.unwrap().expose().to_string(),
    ] {
        assert!(!text.contains(&secret));
    }
}

#[test]
fn every_recorded_outline_is_checked() {
    let mut files: Vec<String> = std::fs::read_dir(dir("target-outlines"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".json").map(str::to_string))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "celigo-basic",
            "celigo-token",
            "despatch-cloud",
            "generic-x-auth",
            "ipaas",
            "next-cart",
            "nothing-matches",
            "refused-client-id-or-secret",
            "refused-login",
            "refused-two-tokens",
            "starshipit",
            "violet",
            "wherehouse-authorize",
        ]
    );
}

// ---------------------------------------------------------------------------------------
// The shipped target profiles against their guides.

struct Source {
    file: String,
    preset: String,
    layout: String,
    seed: Option<String>,
    captions: Vec<(String, ValueKind)>,
    addresses: Vec<String>,
    leave_empty: Vec<String>,
}

fn read_sources() -> Vec<Source> {
    let mut paths: Vec<_> = std::fs::read_dir(dir("target-sources"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let line = |key: &str| -> Option<String> {
                text.lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.trim().to_string())
            };
            let need = |key: &str| line(key).unwrap_or_else(|| panic!("{file}: no {key:?}"));
            let list = |value: String, none: &str| -> Vec<String> {
                if value == none {
                    return Vec::new();
                }
                value.split(", ").map(|s| s.trim().to_string()).collect()
            };
            assert!(
                line("guide:").is_some_and(|g| g.starts_with("https://")),
                "{file}"
            );
            assert!(line("addresses from:").is_some(), "{file}");
            let captions = list(need("captions:"), "")
                .into_iter()
                .map(|c| {
                    let (label, kind) = c
                        .split_once(" = ")
                        .unwrap_or_else(|| panic!("{file}: {c:?}"));
                    let kind = ValueKind::parse(kind)
                        .unwrap_or_else(|| panic!("{file}: no value kind {kind:?}"));
                    (label.to_string(), kind)
                })
                .collect();
            Source {
                preset: need("preset:"),
                layout: need("layout:"),
                seed: line("seed:"),
                captions,
                addresses: list(need("addresses:"), "none documented"),
                leave_empty: list(need("leave empty:"), "none"),
                file,
            }
        })
        .collect()
}

#[test]
fn every_target_profile_matches_its_guide() {
    let sources = read_sources();
    for s in &sources {
        let preset = find(shipped(), &s.preset).unwrap_or_else(|| panic!("{}", s.file));
        let layout = preset
            .layout(&s.layout)
            .unwrap_or_else(|| panic!("{}: no layout {:?}", s.file, s.layout));
        let shown: Vec<(String, ValueKind)> = layout
            .fields
            .iter()
            .filter(|f| !f.optional)
            .map(|f| (normalize(&f.label), f.value))
            .collect();
        let asked: Vec<(String, ValueKind)> =
            s.captions.iter().map(|(l, k)| (normalize(l), *k)).collect();
        println!("{}: {} / {}: {:?}", s.file, s.preset, s.layout, s.captions);
        assert_eq!(shown, asked, "{}: the layout's captions", s.file);
        if let Some(seed) = &s.seed {
            let path = format!("{}/../../tests/seeds/{seed}", env!("CARGO_MANIFEST_DIR"));
            let text = normalize(&std::fs::read_to_string(&path).unwrap());
            for (caption, _) in &s.captions {
                assert!(
                    text.contains(&normalize(caption)),
                    "{}: {caption:?} is not in {seed}",
                    s.file
                );
            }
        }
        let expected = (!s.addresses.is_empty()).then(|| TargetFile {
            addresses: s.addresses.clone(),
            leave_empty: s.leave_empty.clone(),
        });
        assert_eq!(preset.target, expected, "{}: the target profile", s.file);
    }
    // Every shipped profile has its source.
    for preset in shipped().iter().filter(|p| p.target.is_some()) {
        assert!(
            sources.iter().any(|s| s.preset == preset.id),
            "{}: no file in tests/target-sources/",
            preset.id
        );
    }
    let with_target: Vec<&str> = shipped()
        .iter()
        .filter(|p| p.target.is_some())
        .map(|p| p.id.as_str())
        .collect();
    println!("profiles: {with_target:?}");
    assert_eq!(with_target.len(), 6);
}
