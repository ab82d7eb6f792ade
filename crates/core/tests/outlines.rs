//! Row recognition replayed on page outlines recorded from every variant of the replica,
//! which is built from BigCommerce's own BigDesign components (`tests/e2e/outlines.test.mjs`
//! records them and checks they are current). An outline a user attaches to a bug report
//! is in the same format and can be added here as it is.

use scopefill_core::catalog;
use scopefill_core::identify::Placement;
use scopefill_core::lang;
use scopefill_core::outline::{self, CaptionFrom, ChoiceRow, Outline, RowKind};
use scopefill_core::plan::{self, ObservedRow};
use scopefill_core::preset::{find, shipped};

/// The rows of the 2023 and 2025 screenshots, in their order and case (an independent copy
/// of `shared/bigcommerce.md`, not the catalogue).
const PAGE_ROWS: [&str; 27] = [
    "Content",
    "Checkout content",
    "Customers",
    "Customers login",
    "Information & settings",
    "Marketing",
    "Orders",
    "Order transactions",
    "Create payments",
    "Get payment methods",
    "Stored payment instruments",
    "Products",
    "Themes",
    "Carts",
    "Checkouts",
    "Sites & routes",
    "Channel settings",
    "Channel listings",
    "Storefront API tokens",
    "Storefront API customer impersonation tokens",
    "Store logs",
    "Store Locations",
    "Store Inventory",
    "Fulfillment Methods",
    "Order Fulfillment",
    "Metafield Ownership",
    "Metafields Access",
];

fn load(name: &str) -> Outline {
    let path = format!(
        "{}/../../tests/outlines/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

struct Seen {
    rows: Vec<ChoiceRow>,
    form: outline::Form,
}

impl Seen {
    fn scope_rows(&self) -> Vec<&ChoiceRow> {
        self.form
            .scope_rows
            .iter()
            .map(|i| &self.rows[*i])
            .collect()
    }
    fn captions(&self) -> Vec<&str> {
        self.scope_rows()
            .iter()
            .map(|r| r.caption.as_str())
            .collect()
    }
    fn token_type(&self) -> Option<&str> {
        self.form
            .token_type
            .and_then(|i| self.rows[i].current.as_deref())
    }
}

fn recognise(name: &str) -> Seen {
    let outline = load(name);
    let rows = outline::rows(&outline);
    let form = outline::form(&outline, &rows, "")
        .unwrap_or_else(|| panic!("{name}: the form was not recognised"));
    println!(
        "  {name:<15} {} nodes, {} rows of choices, {} scope rows",
        outline.nodes.len(),
        rows.len(),
        form.scope_rows.len()
    );
    Seen { rows, form }
}

/// Each row offers None plus its levels, except Metafields Access; all start at their least.
fn check_choices(name: &str, seen: &Seen) {
    for row in seen.scope_rows() {
        let scope = catalog::find(&row.caption)
            .unwrap_or_else(|| panic!("{name}: {:?} is not in the catalogue", row.caption));
        let least = if scope.offers_none {
            "None"
        } else {
            "Standard"
        };
        assert_eq!(
            row.current.as_deref(),
            Some(least),
            "{name}: {}",
            row.caption
        );
        if row.kind == RowKind::Combobox {
            // Closed: BigDesign renders a Select's options only while it is open.
            assert!(row.choices.is_empty(), "{name}: {}", row.caption);
            continue;
        }
        let labels: Vec<String> = row.choices.iter().map(|c| c.label.to_lowercase()).collect();
        let expected: Vec<String> = scope.offered().map(|l| l.as_str().to_string()).collect();
        assert_eq!(labels, expected, "{name}: {}", row.caption);
        assert_eq!(
            row.choices.iter().filter(|c| c.chosen).count(),
            1,
            "{name}: {}",
            row.caption
        );
    }
}

#[test]
fn every_variant_shows_the_27_rows_in_page_order_with_the_form_parts() {
    for (name, kind, from) in [
        ("toggle", RowKind::Buttons, CaptionFrom::LabelFor),
        ("toggle-labelid", RowKind::Buttons, CaptionFrom::LabelledBy),
        ("toggle-caption", RowKind::Buttons, CaptionFrom::Above),
        ("select", RowKind::Combobox, CaptionFrom::LabelledBy),
        ("native", RowKind::NativeSelect, CaptionFrom::LabelFor),
        ("radio", RowKind::Radios, CaptionFrom::Legend),
    ] {
        let seen = recognise(name);
        assert_eq!(seen.captions(), PAGE_ROWS, "{name}");
        for row in seen.scope_rows() {
            assert_eq!(
                (row.kind, row.caption_from),
                (kind, Some(from)),
                "{name}: {}",
                row.caption
            );
        }
        assert_eq!(seen.token_type(), Some("V2/V3 API token"), "{name}");
        assert!(seen.form.api_path_input.is_some(), "{name}");
        // Save by the form's structure, not its word: the footer's last button.
        assert_eq!(save_caption(name), "Save", "{name}");
        assert_eq!(seen.form.b2b_api_path_input, None, "{name}");
        check_choices(name, &seen);
    }
}

#[test]
fn a_b2b_store_adds_store_translations_and_b2b_edition_and_its_api_path() {
    let seen = recognise("b2b");
    let captions = seen.captions();
    assert_eq!(captions[..27], PAGE_ROWS);
    assert_eq!(captions[27..], ["Store Translations", "B2B Edition"]);
    assert!(seen.form.b2b_api_path_input.is_some());
    check_choices("b2b", &seen);
    let b2b = seen.scope_rows()[28];
    let labels: Vec<&str> = b2b.choices.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["None", "modify"]);
}

#[test]
fn a_stencil_form_has_no_scope_rows_and_is_found_by_its_token_type() {
    let seen = recognise("stencil");
    assert_eq!(seen.token_type(), Some("Stencil-CLI token"));
    assert!(seen.captions().is_empty(), "{:?}", seen.captions());
}

#[test]
fn label_variants_are_the_same_scopes() {
    let seen = recognise("labels-variant");
    let captions = seen.captions();
    for label in [
        "Customer Login",
        "Sites & Routes",
        "Payments - Get accepted methods",
        "Metafields Ownership",
    ] {
        assert!(captions.contains(&label), "{label}: {captions:?}");
    }
    let ids: Vec<&str> = captions
        .iter()
        .map(|c| catalog::find(c).map(|s| s.id).unwrap_or("?"))
        .collect();
    let page_ids: Vec<&str> = PAGE_ROWS
        .iter()
        .map(|c| catalog::find(c).map(|s| s.id).unwrap_or("?"))
        .collect();
    assert_eq!(ids, page_ids);
}

#[test]
fn planning_every_shipped_preset_on_the_recorded_toggle_page_finds_every_row_it_needs() {
    let observed = identified(&recognise("toggle"));
    for preset in shipped() {
        let plan = plan::plan(preset, &observed);
        let missing = plan.missing_everywhere_shown();
        assert!(missing.is_empty(), "{}: {missing:?}", preset.id);
        assert_eq!(
            plan.summary.unknown + plan.summary.unavailable,
            0,
            "{}",
            preset.id
        );
    }
    assert!(find(shipped(), "wherehouse").is_some());
}

#[test]
fn recorded_outlines_hold_no_input_values() {
    // The API path is in an input's value on every variant: it must not be in the outline.
    for name in ["toggle", "select", "native", "radio", "b2b"] {
        let text = serde_json::to_string(&load(name)).unwrap();
        assert!(!text.contains("api.bigcommerce.com/stores/"), "{name}");
        assert!(!text.contains("api-b2b.bigcommerce.com"), "{name}");
    }
}

/// The catalogue ids of the 2025 page's rows, in order (an independent copy).
const IDS_2025: [&str; 27] = [
    "content",
    "checkout_content",
    "customers",
    "customers_login",
    "information_settings",
    "marketing",
    "orders",
    "order_transactions",
    "create_payments",
    "get_payment_methods",
    "stored_payment_instruments",
    "products",
    "themes",
    "carts",
    "checkouts",
    "sites_routes",
    "channel_settings",
    "channel_listings",
    "storefront_api_tokens",
    "storefront_api_customer_impersonation_tokens",
    "store_logs",
    "store_locations",
    "store_inventory",
    "fulfillment_methods",
    "order_fulfillment",
    "metafield_ownership",
    "metafields_access",
];

const LANGS: [&str; 15] = [
    "de-DE", "fr-FR", "es-ES", "es-419", "it-IT", "uk-UA", "zh-CN", "nl-NL", "pt-BR", "sv-SE",
    "ko-KR", "da-DK", "no-NO", "pl-PL", "ja-JP",
];

const WIDGETS: [&str; 6] = [
    "toggle",
    "toggle-labelid",
    "toggle-caption",
    "select",
    "native",
    "radio",
];

/// The rows as the fill first sees them: identified together, a closed combobox by the one
/// choice it shows.
fn identified(seen: &Seen) -> Vec<ObservedRow> {
    plan::observe_choice_rows(&seen.scope_rows(), &[])
}

/// Every row placed as `how`, with a level for each of its choices.
fn all_placed(name: &str, observed: &[ObservedRow], how: Placement) {
    for row in observed {
        assert_eq!(row.placed, how, "{name}: {}", row.label);
        assert!(
            row.levels.iter().all(Option::is_some),
            "{name}: {:?}",
            row.options
        );
    }
}

fn ids(observed: &[ObservedRow]) -> Vec<&str> {
    observed.iter().map(|r| r.scope.unwrap_or("?")).collect()
}

/// The visible text of a node and its descendants.
fn text_of(outline: &Outline, node: usize) -> String {
    let mut inside = vec![node];
    let mut words = Vec::new();
    for (i, n) in outline.nodes.iter().enumerate().skip(node) {
        if i == node || n.parent.is_some_and(|p| inside.contains(&p)) {
            inside.push(i);
            words.extend(n.text.split_whitespace());
        }
    }
    words.join(" ")
}

fn save_caption(name: &str) -> String {
    let seen = recognise(name);
    let save = seen
        .form
        .save
        .unwrap_or_else(|| panic!("{name}: no Save found"));
    text_of(&load(name), save)
}

#[test]
fn every_control_panel_language_is_read_by_its_pack() {
    for lang in LANGS {
        let name = format!("lang-{lang}");
        let outline = load(&name);
        let seen = recognise(&name);
        let pack = lang::pack_for(lang).unwrap();
        let observed = identified(&seen);
        assert_eq!(ids(&observed), IDS_2025, "{name}");
        all_placed(&name, &observed, Placement::Caption);
        assert!(seen.token_type().is_some(), "{name}");
        assert!(seen.form.api_path_input.is_some(), "{name}");
        assert_eq!(
            save_caption(&name),
            pack.page("save").unwrap().first(),
            "{name}"
        );
        // The page's language from its words; <html lang> says the same.
        let told = outline::page_language(&outline, Some(lang));
        assert_eq!(told, Some(lang), "{name}");
        let told = outline::page_language(&outline, None).unwrap();
        assert_eq!(told[..2], lang[..2], "{name}");
    }
}

#[test]
fn a_language_no_pack_knows_is_placed_by_position_whatever_draws_the_rows() {
    for widget in WIDGETS {
        let name = format!("pseudo-{widget}");
        let outline = load(&name);
        let seen = recognise(&name);
        let observed = identified(&seen);
        assert!(outline::page_language(&outline, Some("en-XA")).is_none());
        assert_eq!(save_caption(&name), "[Šåvé ··]", "{name}");
        if widget == "select" {
            // Closed, a Select shows one choice and its count cannot be checked: nothing is
            // placed until the fill has read each one's choices (tested in identify and E2E).
            assert!(
                observed.iter().all(|r| r.placed == Placement::Ambiguous),
                "{name}"
            );
            assert!(observed.iter().all(|r| r.scope.is_none()), "{name}");
            continue;
        }
        assert_eq!(ids(&observed), IDS_2025, "{name}");
        all_placed(&name, &observed, Placement::Position);
        println!(
            "  {name}: 27 rows placed by position, e.g. {:?} → {}",
            observed[6].label, IDS_2025[6]
        );
    }
    let seen = recognise("pseudo-2026");
    let observed = identified(&seen);
    assert_eq!(ids(&observed), IDS_2025);
    assert_eq!(
        observed[1].options.len(),
        2,
        "Checkout content: None | modify"
    );
    let seen = recognise("pseudo-b2b");
    let observed = identified(&seen);
    assert_eq!(ids(&observed)[27..], ["store_translations", "b2b_edition"]);
    assert!(seen.form.b2b_api_path_input.is_some());
    let seen = recognise("pseudo-stencil");
    assert!(seen.captions().is_empty(), "{:?}", seen.captions());
    assert!(seen.token_type().is_some());
}

#[test]
fn the_page_language_is_its_words_not_its_html_lang_nor_its_captions() {
    let outline = load("fr-htmllang-en");
    let told = outline::page_language(&outline, Some("en"));
    assert_eq!(told, Some("fr-FR"));
    let outline = load("de-captions-en");
    let told = outline::page_language(&outline, Some("de-DE"));
    assert_eq!(told, Some("de-DE"));
    let observed = identified(&recognise("de-captions-en"));
    assert_eq!(ids(&observed), IDS_2025);
    assert!(observed.iter().all(|r| r.placed == Placement::Caption));
}

#[test]
fn layouts_that_fit_no_known_order_are_refused_row_by_row() {
    for name in ["pseudo-swapped", "pseudo-missing-row", "pseudo-extra-row"] {
        let observed = identified(&recognise(name));
        for row in &observed {
            assert_eq!(row.scope, None, "{name}: {} was guessed", row.label);
            assert_ne!(row.placed, Placement::Position, "{name}");
        }
        let full = find(shipped(), "full-access").unwrap();
        let plan = plan::plan(full, &observed);
        assert!(plan.actions.is_empty(), "{name}: {:?}", plan.actions);
        assert_eq!(plan.summary.unknown, observed.len(), "{name}");
        println!("  {name}: {} rows refused", observed.len());
    }
}

#[test]
fn every_shipped_preset_planned_on_every_recorded_outline() {
    let dir = format!("{}/../../tests/outlines", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    let refused = ["pseudo-swapped", "pseudo-missing-row", "pseudo-extra-row"];
    let mut plans = 0;
    for name in &names {
        let seen = recognise(name);
        let observed = identified(&seen);
        for preset in shipped() {
            let plan = plan::plan(preset, &observed);
            plans += 1;
            for action in &plan.actions {
                let row = &observed[action.row];
                assert!(
                    row.scope.is_some(),
                    "{name}: {}: set {:?}",
                    preset.id,
                    row.label
                );
                assert!(
                    row.options.contains(&action.option),
                    "{name}: {}",
                    preset.id
                );
            }
            if refused.contains(&name.as_str()) || name == "stencil" || name == "pseudo-stencil" {
                continue;
            }
            let missing = plan.missing_everywhere_shown();
            // Closed comboboxes of a pseudo page wait for their choices to be read.
            if name != "pseudo-select" {
                assert!(missing.is_empty(), "{name}: {}: {missing:?}", preset.id);
                assert_eq!(plan.summary.unknown, 0, "{name}: {}", preset.id);
            }
        }
    }
    println!(
        "  {} outlines × {} presets: {plans} plans",
        names.len(),
        shipped().len()
    );
    assert!(names.len() >= 35, "{names:?}");
}
