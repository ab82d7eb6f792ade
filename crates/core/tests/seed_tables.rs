//! Every shipped preset, row by row, against the integrators' own guides (tests/seeds/).
//! The guides are parsed here, independently of the presets, so a typo in either fails.

use scopefill_core::catalog;
use scopefill_core::level::Level;
use scopefill_core::preset::{find, shipped, OtherScopes, Preset};
use scopefill_core::target::ValueKind;
use scopefill_core::text::normalize;

fn seed(name: &str) -> String {
    let path = format!("{}/../../tests/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Lines strictly between the first line containing `start` and the next containing `end`.
fn section<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.contains(start))
        .skip(1)
        .take_while(|l| !l.contains(end))
        .map(|l| l.trim().trim_start_matches('•').trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// "Channel Settings: modify" / "Channel Listings modify" / "Customers login Login".
fn label_and_level(line: &str) -> (String, Level) {
    let (label, word) = line
        .rsplit_once(' ')
        .unwrap_or_else(|| panic!("no level in {line:?}"));
    let level = Level::parse(word).unwrap_or_else(|e| panic!("{line:?}: {e}"));
    (label.trim().trim_end_matches(':').to_string(), level)
}

/// Checks that the preset sets exactly the guide's rows, at the guide's levels, and prints
/// each row so the test log shows what was compared.
fn check_rows(preset: &Preset, guide: &str, rows: &[(String, Level)]) {
    assert!(!rows.is_empty(), "{guide}: no rows parsed");
    for (label, level) in rows {
        let scope = catalog::find(label)
            .unwrap_or_else(|| panic!("{guide}: {label:?} is not in the catalogue"));
        let got = preset.level_for(scope.id);
        println!(
            "  {:<28} {guide}: {:<34} {:<10} preset: {}",
            preset.id,
            label,
            level.as_str(),
            got.map_or("(absent)", Level::as_str)
        );
        assert_eq!(got, Some(*level), "{}: {label}", preset.id);
    }
    assert_eq!(
        preset.scopes.len(),
        rows.len(),
        "{}: preset has rows the guide lacks",
        preset.id
    );
    assert_eq!(preset.other_scopes, OtherScopes::None);
}

fn labels(preset: &Preset, layout: &str) -> Vec<String> {
    preset
        .layout(layout)
        .unwrap()
        .fields
        .iter()
        .map(|f| f.label.clone())
        .collect()
}

#[test]
fn wherehouse_matches_its_guide_row_by_row() {
    let text = seed("000_5f2f6a85f0392551.txt");
    let rows: Vec<_> = section(
        &text,
        "set the permission level as follows",
        "Save and Copy",
    )
    .into_iter()
    .map(label_and_level)
    .collect();
    assert_eq!(rows.len(), 25);
    let preset = find(shipped(), "wherehouse").unwrap();
    check_rows(preset, "000 Wherehouse", &rows);
    // The values its modal asks for, in its order.
    let asked: Vec<&str> = section(&text, "into the Wherehouse modal", "Hit save")
        .into_iter()
        .filter(|l| *l != "notion image")
        .collect();
    let fields: Vec<_> = preset.layouts[0]
        .fields
        .iter()
        .filter(|f| !f.optional)
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(fields, asked);
    let b2b = preset.layouts[0]
        .fields
        .iter()
        .find(|f| f.optional)
        .unwrap();
    assert_eq!(b2b.value, ValueKind::B2bApiPath);
}

#[test]
fn dropstream_matches_its_guide_row_by_row() {
    let text = seed("001_d91ba8219c578a9d.txt");
    let rows: Vec<_> = section(&text, "Resource Access Level", "When you’re done")
        .into_iter()
        .map(label_and_level)
        .collect();
    assert_eq!(rows.len(), 25);
    let preset = find(shipped(), "dropstream").unwrap();
    check_rows(preset, "001 DropStream", &rows);
    assert!(text.contains("the Store Hash, Client ID, Client Secret, and Access Token"));
    assert_eq!(
        labels(preset, "DropStream"),
        ["Store Hash", "Client ID", "Client Secret", "Access Token"]
    );
}

#[test]
fn migration_presets_match_the_guide_in_both_directions() {
    let text = seed("003_2452476a32a8a0df.txt");
    let listed: Vec<String> = section(
        &text,
        "select the necessary scopes",
        "BigCommerce API Scopes",
    )
    .into_iter()
    .filter(|l| !l.starts_with('*'))
    .map(|l| l.trim_end_matches("Required").trim().to_string())
    .collect();
    assert_eq!(listed.len(), 8, "{listed:?}");
    assert!(text.contains("migrating to BigCommerce, choose Modify permission for all scopes"));
    assert!(text.contains("Read-only permission if you are migrating from BigCommerce"));
    for (id, level) in [
        ("migration-to-bigcommerce", Level::Modify),
        ("migration-from-bigcommerce", Level::ReadOnly),
    ] {
        let preset = find(shipped(), id).unwrap();
        let rows: Vec<(String, Level)> = listed.iter().map(|l| (l.clone(), level)).collect();
        check_rows(preset, "003 migration", &rows);
        assert_eq!(
            labels(preset, "Migration tool"),
            ["API Path", "Client ID", "Access Token"]
        );
        assert!(preset.layouts[0]
            .fields
            .iter()
            .all(|f| f.value != ValueKind::ClientSecret));
    }
    let to = find(shipped(), "migration-to-bigcommerce").unwrap();
    assert!(to.note.as_deref().unwrap().contains("Order Notifications"));
}

#[test]
fn celigo_layouts_match_both_auth_types_of_its_guide() {
    let text = seed("004_225ee743e18083e5.txt");
    let starred = |start: &str, end: &str| -> Vec<String> {
        section(&text, start, end)
            .into_iter()
            .filter_map(|l| l.trim_end_matches('|').trim().strip_suffix(" *"))
            .map(normalize)
            .collect()
    };
    let basic = starred("Auth type: Basic", "Auth type: Token");
    let token = starred("Auth type: Token", "Sign in to your BigCommerce account");
    let preset = find(shipped(), "celigo").unwrap();
    let norm = |v: Vec<String>| v.iter().map(|l| normalize(l)).collect::<Vec<_>>();
    assert_eq!(norm(labels(preset, "Basic")), basic);
    assert_eq!(norm(labels(preset, "Token")), token);
    let basic_layout = preset.layout("Basic").unwrap();
    assert_eq!(basic_layout.fields[0].value, ValueKind::ClientId);
    assert_eq!(basic_layout.fields[1].value, ValueKind::AccessToken);
    // The guide leaves scopes to the user: the default only reads.
    assert!(preset.scopes.iter().all(|s| s.level == Level::ReadOnly));
    println!(
        "  celigo: Token {token:?}, Basic {basic:?}, {} read-only scopes",
        preset.scopes.len()
    );
}

#[test]
fn hexasync_descriptions_are_the_catalogue_help_and_its_preset_states_only_the_guide() {
    let text = seed("002_67c890a6f4fea242.txt");
    let lines = section(
        &text,
        "list of all OAuth Scopes and their permissions",
        "Several scopes are restricted",
    );
    assert_eq!(lines.len(), 21);
    for line in lines {
        let (label, description) = line.split_once('—').unwrap();
        let scope = catalog::find(label.trim()).unwrap_or_else(|| panic!("{label:?}"));
        println!("  help {:<46} {}", scope.label, description.trim());
        assert_eq!(
            normalize(scope.help),
            normalize(description),
            "{}",
            scope.label
        );
    }
    let preset = find(shipped(), "hexasync").unwrap();
    assert!(preset.scopes.is_empty());
    assert_eq!(preset.other_scopes, OtherScopes::Leave);
    assert!(text.contains("maximum of 50 accounts") && text.contains("at least four characters"));
    let note = preset.note.as_deref().unwrap();
    assert!(
        note.contains("50") && note.contains("4 characters"),
        "{note}"
    );
}

#[test]
fn generic_presets_cover_the_documented_rows() {
    let ro = find(shipped(), "read-only").unwrap();
    let full = find(shipped(), "full-access").unwrap();
    for scope in catalog::CATALOG
        .iter()
        .filter(|s| s.presence == catalog::Presence::Always)
    {
        let max = scope
            .levels
            .iter()
            .map(|(l, _)| *l)
            .max_by_key(|l| l.rank())
            .unwrap();
        assert_eq!(full.level_for(scope.id), Some(max), "full: {}", scope.label);
        let expect_ro = scope.offers(Level::ReadOnly).then_some(Level::ReadOnly);
        assert_eq!(
            ro.level_for(scope.id),
            expect_ro,
            "read-only: {}",
            scope.label
        );
    }
}

#[test]
fn every_shipped_file_loads() {
    for (file, json) in scopefill_core::preset::SHIPPED_FILES {
        scopefill_core::preset::parse(file, json, true).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(shipped().len(), scopefill_core::preset::SHIPPED_FILES.len());
}
