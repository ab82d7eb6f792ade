//! A broken preset names the file, the field and what was expected.

use scopefill_core::preset::{parse, with_custom};

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
    assert!(errors[0]
        .to_string()
        .contains("a.json: id: \"wherehouse\" is already used"));
    assert!(presets.iter().any(|p| p.id == "my-app" && !p.builtin));
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
