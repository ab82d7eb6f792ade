//! A broken preset names the file, the field and what was expected.

use scopefill_core::preset::{
    load_custom_with, parse, stored_entries, with_custom, MAX_CUSTOM, MAX_NAME_CHARS,
};
use scopefill_core::preset_editor::{room_for_another, upsert, Full};

const GOOD: &str = r#"{
  "id": "my-app",
  "name": "My app",
  "account_name": "My app",
  "scopes": { "Products": "read-only" },
  "layouts": [ { "name": "My app", "fields": [ { "label": "Token", "value": "access_token" } ] } ]
}"#;

fn error(json: &str) -> String {
    parse("my-app.json", json, false).unwrap_err().to_string()
}

#[test]
fn the_good_preset_loads() {
    assert!(parse("my-app.json", GOOD, false).is_ok());
}

#[test]
fn malformed_json_gives_the_file_and_position() {
    let msg = error(r#"{ "id": "my-app", "name": }"#);
    assert!(msg.starts_with("my-app.json: "), "{msg}");
    assert!(msg.contains("line 1 column"), "{msg}");
}

#[test]
fn a_missing_field_is_named() {
    let msg = error(&GOOD.replace(r#""account_name": "My app","#, ""));
    assert!(msg.contains("missing field `account_name`"), "{msg}");
}

#[test]
fn an_unknown_scope_names_the_key_and_the_closest_valid_names() {
    let msg = error(&GOOD.replace(r#""Products""#, r#""Prodcts""#));
    assert!(msg.contains(r#"scopes."Prodcts""#), "{msg}");
    assert!(
        msg.contains("unknown scope; closest known: Products"),
        "{msg}"
    );
}

#[test]
fn an_unknown_level_names_the_key_and_the_valid_levels() {
    let msg = error(&GOOD.replace(r#""read-only""#, r#""read-write""#));
    assert!(msg.contains(r#"scopes."Products""#), "{msg}");
    assert!(msg.contains(r#"unknown level "read-write""#), "{msg}");
    assert!(msg.contains("closest: read-only"), "{msg}");
}

#[test]
fn a_wrong_type_or_unknown_value_kind_gives_the_path() {
    let msg = error(&GOOD.replace(r#""access_token""#, r#""password""#));
    assert!(msg.contains("layouts[0].fields[0].value"), "{msg}");
    assert!(msg.contains("unknown variant `password`"), "{msg}");
    let msg = error(&GOOD.replace(r#""read-only""#, "3"));
    assert!(msg.contains("scopes"), "{msg}");
    assert!(msg.contains("invalid type"), "{msg}");
}

#[test]
fn unknown_fields_and_duplicate_scopes_are_refused() {
    let msg = error(&GOOD.replace(r#""id": "my-app","#, r#""id": "my-app", "colour": "red","#));
    assert!(msg.contains("unknown field `colour`"), "{msg}");
    let msg = error(&GOOD.replace(
        r#""Products": "read-only""#,
        r#""Customers Login": "login", "Customer Login": "login""#,
    ));
    assert!(
        msg.contains(r#"scopes."Customer Login""#) && msg.contains("same scope"),
        "{msg}"
    );
}

#[test]
fn names_ids_and_links_are_checked() {
    assert!(
        error(&GOOD.replace(r#""account_name": "My app""#, r#""account_name": " ab ""#))
            .contains("account_name: the account name needs at least 4 characters")
    );
    assert!(
        error(&GOOD.replace(r#""id": "my-app""#, r#""id": "My App""#))
            .contains("id: expected lowercase")
    );
    let with_guide = GOOD.replace(
        r#""id": "my-app","#,
        r#""id": "my-app", "guide": "javascript:alert(1)","#,
    );
    assert!(error(&with_guide).contains("guide: expected an https:// link"));
    assert!(
        error(&GOOD.replace(r#""layouts": [ {"#, r#""layouts": [], "x": [ {"#))
            .contains("unknown field")
    );
}

#[test]
fn a_custom_preset_cannot_take_a_shipped_id() {
    let clash = GOOD.replace(r#""id": "my-app""#, r#""id": "wherehouse""#);
    let (presets, errors) =
        with_custom(&[("a.json".into(), clash), ("b.json".into(), GOOD.into())]);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "a.json: id: \"wherehouse\" is already used by the shipped preset \"Wherehouse\"; \
         choose another id"
    );
    assert!(presets.iter().any(|p| p.id == "my-app" && !p.builtin));
    // Refused as a file too (an import, the editor), not only when loaded.
    let clash = GOOD.replace(r#""id": "my-app""#, r#""id": "full-access""#);
    let e = parse("b.json", &clash, false).unwrap_err();
    assert_eq!(e.field, "id");
    assert!(
        e.message.contains("the shipped preset \"Full access\""),
        "{e}"
    );
}

/// GOOD under the display name `name` (written as a JSON string).
fn named(name: &str) -> String {
    GOOD.replace(
        r#""name": "My app""#,
        &format!(r#""name": {}"#, serde_json::to_string(name).unwrap()),
    )
}

#[test]
fn a_custom_preset_cannot_take_a_shipped_name_whatever_the_case_spacing_or_look_alikes() {
    for name in [
        "Wherehouse",
        "wherehouse",
        "  WHEREHOUSE ",
        "Where house",
        "Where-House.",
        "Where\u{00A0}house",
        "Ｗｈｅｒｅｈｏｕｓｅ",
        "Wh\u{0435}r\u{0435}h\u{043E}us\u{0435}", // Cyrillic е and о
        "read only everything",
        "API2Cart BetterCommerce",
    ] {
        let e = parse("my-app.json", &named(name), false).unwrap_err();
        assert_eq!(e.field, "name", "{name:?}: {e}");
        assert!(
            e.message.contains("reads as the shipped preset")
                && e.message.ends_with("choose a name of your own"),
            "{name:?}: {e}"
        );
    }
    assert_eq!(
        parse("my-app.json", &named(" where  HOUSE "), false)
            .unwrap_err()
            .to_string(),
        "my-app.json: name: \"where HOUSE\" reads as the shipped preset \"Wherehouse\" (case, \
         spacing, punctuation and look-alike letters aside); choose a name of your own"
    );
    // A name of its own is fine, also one that starts like a shipped one.
    for name in ["Wherehouse (EU)", "Wherehouse 2", "Warehouse", "My Violet"] {
        assert!(
            parse("my-app.json", &named(name), false).is_ok(),
            "{name:?}"
        );
    }
    // Loaded from storage, the poser drops only itself.
    let (presets, errors) = with_custom(&[
        ("pose.json".into(), named("Wherehouse ")),
        ("mine.json".into(), GOOD.into()),
    ]);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].file.as_str(), errors[0].field.as_str()),
        ("pose.json", "name")
    );
    assert_eq!(presets.iter().filter(|p| p.name == "Wherehouse").count(), 1);
    assert!(presets.iter().any(|p| p.id == "my-app"));
}

#[test]
fn a_name_with_invisible_or_direction_changing_characters_is_refused() {
    // U+202E reverses what follows: "esuoherehW" is drawn "Wherehouse".
    for (name, at, code) in [
        ("\u{202E}esuoherehW", 1, "U+202E"),
        ("Where\u{200B}house", 6, "U+200B"),
        ("My\u{2066} app", 3, "U+2066"),
        ("My app\u{200F}", 7, "U+200F"),
        ("My\tapp", 3, "U+0009"),
        ("My app\u{FEFF}", 7, "U+FEFF"),
    ] {
        let e = parse("my-app.json", &named(name), false).unwrap_err();
        assert_eq!(e.field, "name", "{name:?}");
        assert_eq!(
            e.message,
            format!(
                "character {at} is {code}, which is invisible or changes the text's direction; \
                 expected a name of visible characters"
            ),
            "{name:?}"
        );
    }
}

#[test]
fn a_name_has_at_most_60_characters_and_its_spacing_is_tidied() {
    assert_eq!(MAX_NAME_CHARS, 60);
    let longest = "é".repeat(60);
    assert_eq!(
        parse("a.json", &named(&longest), false).unwrap().name,
        longest
    );
    assert_eq!(
        parse("my-app.json", &named(&"é".repeat(61)), false)
            .unwrap_err()
            .to_string(),
        "my-app.json: name: 61 characters; a name has at most 60"
    );
    // Counted as shown: surrounding and repeated spaces do not count.
    let spaced = format!("  My{}app  ", " ".repeat(80));
    assert_eq!(
        parse("a.json", &named(&spaced), false).unwrap().name,
        "My app"
    );
    assert_eq!(
        parse("a.json", &named("   "), false)
            .unwrap_err()
            .to_string(),
        "a.json: name: expected a non-empty display name"
    );
}

/// `n` valid presets of the user's, `mine-0` … (stored as `mine-0.json` …).
fn many(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let json = GOOD
                .replace(r#""id": "my-app""#, &format!(r#""id": "mine-{i}""#))
                .replace(r#""name": "My app""#, &format!(r#""name": "Mine {i}""#));
            (format!("mine-{i}.json"), json)
        })
        .collect()
}

#[test]
fn a_stored_list_over_50_keeps_the_first_50_and_reports_the_rest() {
    assert_eq!(MAX_CUSTOM, 50);
    let stored = many(53);
    let (presets, errors) = with_custom(&stored);
    let mine: Vec<&str> = presets
        .iter()
        .filter(|p| !p.builtin)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(mine.len(), 50);
    assert_eq!((mine[0], mine[49]), ("mine-0", "mine-49"));
    let dropped: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        dropped,
        (50..53)
            .map(|i| format!(
                "mine-{i}.json: not loaded: it is preset {} of your own, and ScopeFill reads \
                 the first 50",
                i + 1
            ))
            .collect::<Vec<_>>()
    );
    // Broken entries hold their place: the cap is on stored entries, each read at most once.
    let mut with_broken = many(51);
    with_broken[0].1 = "{".into();
    let (loaded, errors) = load_custom_with::<scopefill_core::json::SerdeJson>(&with_broken);
    assert_eq!(loaded.len(), 49);
    assert_eq!(
        loaded[0].1, 1,
        "each preset with the index of its stored entry"
    );
    let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, ["mine-0.json", "mine-50.json"]);
}

#[test]
fn at_the_cap_another_preset_is_refused_and_an_edit_is_not() {
    let full = many(50);
    assert_eq!(room_for_another(&many(49), None), Ok(()));
    assert_eq!(
        room_for_another(&full, None),
        Err(Full {
            stored: 50,
            max: 50
        })
    );
    assert_eq!(room_for_another(&full, Some("mine-3.json")), Ok(()));
    assert!(room_for_another(&full, Some("gone.json")).is_err());
    let e = upsert(&full, None, "new.json", GOOD).unwrap_err();
    assert_eq!(
        e.to_string(),
        "new.json: 50 presets of your own are stored and ScopeFill keeps at most 50; delete one first"
    );
    let edited = full[3].1.replace("read-only", "modify");
    let (list, p) = upsert(&full, Some("mine-3.json"), "mine-3.json", &edited).unwrap();
    assert_eq!((list.len(), p.id.as_str()), (50, "mine-3"));
}

#[test]
fn a_malformed_entry_drops_only_itself() {
    let good = many(2);
    let stored = vec![
        good[0].clone(),
        ("broken.json".to_string(), "{ \"id\": ".to_string()),
        ("pose.json".to_string(), named("WhereHouse")),
        ("long.json".to_string(), named(&"x".repeat(200))),
        ("again.json".to_string(), good[0].1.clone()),
        (
            "huge.json".to_string(),
            format!("{GOOD}{}", " ".repeat(70_000)),
        ),
        good[1].clone(),
    ];
    let (presets, errors) = with_custom(&stored);
    let mine: Vec<&str> = presets
        .iter()
        .filter(|p| !p.builtin)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(mine, ["mine-0", "mine-1"]);
    let why: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.file.as_str(), e.field.as_str()))
        .collect();
    assert_eq!(
        why,
        [
            ("broken.json", "id"),
            ("pose.json", "name"),
            ("long.json", "name"),
            ("again.json", "id"),
            ("huge.json", ""),
        ]
    );
    assert_eq!(
        errors[3].message,
        "\"mine-0\" is already used by your preset \"Mine 0\""
    );

    // The stored list itself, element by element: an element that is not a {file, json}
    // pair is named by its file, else by its position, and the others are kept.
    let (entries, errors) = stored_entries([
        Ok(good[0].clone()),
        Err(Some("odd.json".to_string())),
        Err(None),
        Ok(good[1].clone()),
    ]);
    assert_eq!(entries, good);
    let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, ["odd.json", "customPresets[2]"]);
    assert!(
        errors[1].message.starts_with("not loaded: "),
        "{}",
        errors[1]
    );
}

/// A preset whose layouts are `layouts` (a JSON array's text).
fn with_layouts(layouts: &str) -> String {
    format!(
        r#"{{ "id": "my-app", "name": "My app", "account_name": "My app", "scopes": {{}}, "layouts": {layouts} }}"#
    )
}

fn layout(fields: usize) -> String {
    let fields: Vec<String> = (0..fields)
        .map(|i| format!(r#"{{ "label": "F{i}", "value": "client_id" }}"#))
        .collect();
    format!(r#"{{ "name": "L", "fields": [{}] }}"#, fields.join(","))
}

#[test]
fn a_file_over_64_kib_is_refused_by_its_size_at_once() {
    // 10 MB of otherwise valid JSON: refused before any parsing, so in far less than a
    // millisecond even unoptimised.
    let huge = GOOD.replacen(
        r#""name": "My app","#,
        &format!(r#""name": "My app", "note": "{}","#, "x".repeat(10 << 20)),
        1,
    );
    let started = std::time::Instant::now();
    let msg = error(&huge);
    assert!(started.elapsed() < std::time::Duration::from_millis(20));
    assert_eq!(
        msg,
        format!(
            "my-app.json: the file has {} bytes; a preset file has at most 65536 bytes (64 KiB)",
            huge.len()
        )
    );
    // Just under the cap is read as usual (here: valid).
    let note = "x".repeat(scopefill_core::preset::MAX_BYTES - GOOD.len() - 20);
    let big = GOOD.replacen(
        r#""name": "My app","#,
        &format!(r#""name": "My app", "note": "{note}","#),
        1,
    );
    assert!(big.len() <= scopefill_core::preset::MAX_BYTES);
    assert!(parse("big.json", &big, false).is_ok());
}

#[test]
fn at_most_100_layouts_and_100_fields_in_a_layout() {
    let ok = with_layouts(&format!(
        "[{}]",
        (0..100)
            .map(|i| layout(1).replace(r#""L""#, &format!(r#""L{i}""#)))
            .collect::<Vec<_>>()
            .join(",")
    ));
    assert!(parse("a.json", &ok, false).is_ok());
    let msg = error(&with_layouts(&format!(
        "[{}]",
        vec![layout(1); 101].join(",")
    )));
    assert_eq!(
        msg,
        "my-app.json: layouts: 101 layouts; a preset has at most 100"
    );
    assert!(parse(
        "a.json",
        &with_layouts(&format!("[{}]", layout(100))),
        false
    )
    .is_ok());
    let msg = error(&with_layouts(&format!("[{}, {}]", layout(1), layout(101))));
    assert_eq!(
        msg,
        "my-app.json: layouts[1].fields: 101 fields; a layout has at most 100"
    );
}

#[test]
fn ten_thousand_layouts_are_refused_by_their_number() {
    // Empty objects keep 10,000 layouts under the size cap: the count is what refuses them,
    // not the first layout's missing name.
    let json = with_layouts(&format!("[{}]", vec!["{}"; 10_000].join(",")));
    assert!(json.len() < scopefill_core::preset::MAX_BYTES);
    let started = std::time::Instant::now();
    assert_eq!(
        error(&json),
        "my-app.json: layouts: 10000 layouts; a preset has at most 100"
    );
    assert!(started.elapsed() < std::time::Duration::from_millis(200));
}

fn with_target(target: &str) -> String {
    GOOD.replace(
        r#""layouts": ["#,
        &format!(r#""target": {target}, "layouts": ["#),
    )
}

#[test]
fn a_target_profile_loads_and_a_wrong_address_is_named() {
    let ok = parse(
        "my-app.json",
        &with_target(
            r#"{"addresses": ["https://app.example.com/*", "https://*.example.net/settings/*"], "leave_empty": ["Username"]}"#,
        ),
        false,
    )
    .unwrap();
    let target = ok.target.unwrap();
    assert_eq!(target.addresses.len(), 2);
    assert_eq!(target.leave_empty, ["Username"]);
    for (address, why) in [
        ("http://app.example.com/*", "does not start with https://"),
        ("https://app.example.com", "no path after the host"),
        ("https://app.*.example.com/*", "not a DNS name"),
        ("https://app.example.com/a b", "the path holds a space"),
    ] {
        let msg = error(&with_target(&format!(
            r#"{{"addresses": ["https://ok.example/*", "{address}"]}}"#
        )));
        assert!(
            msg.starts_with(
                "my-app.json: target.addresses[1]: expected an https://host/path pattern"
            ),
            "{msg}"
        );
        assert!(msg.contains(why), "{msg}");
    }
}

#[test]
fn a_target_profile_names_its_wrong_parts() {
    let msg = error(&with_target(r#"{"adresses": []}"#));
    assert!(msg.contains("target"), "{msg}");
    assert!(msg.contains("unknown field `adresses`"), "{msg}");
    let msg = error(&with_target(r#"{"addresses": [], "leave_empty": [" "]}"#));
    assert!(
        msg.contains("target.leave_empty[0]: expected a field's caption"),
        "{msg}"
    );
    let many: Vec<String> = (0..21)
        .map(|i| format!(r#""https://a{i}.example/*""#))
        .collect();
    let msg = error(&with_target(&format!(
        r#"{{"addresses": [{}]}}"#,
        many.join(",")
    )));
    assert!(
        msg.contains("target.addresses: 21 addresses; a target profile has at most 20"),
        "{msg}"
    );
}
