//! A broken preset names the file, the field and what was expected.

use scopefill::preset::{parse, with_custom};

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
