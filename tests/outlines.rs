//! Row recognition replayed on page outlines recorded from every variant of the replica,
//! which is built from BigCommerce's own BigDesign components (`tests/e2e/outlines.test.mjs`
//! records them and checks they are current). An outline a user attaches to a bug report
//! is in the same format and can be added here as it is.

use scopefill::catalog::{self, Presence};
use scopefill::identify::RowShape;
use scopefill::outline::{self, CaptionFrom, ChoiceRow, Outline, RowKind};
use scopefill::plan::{self, ObservedRow};
use scopefill::preset::{find, shipped};

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
    let path = format!("{}/tests/outlines/{name}.json", env!("CARGO_MANIFEST_DIR"));
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
    let seen = recognise("toggle");
    let options: Vec<Vec<String>> = seen
        .scope_rows()
        .iter()
        .map(|r| r.choices.iter().map(|c| c.label.clone()).collect())
        .collect();
    let shapes: Vec<RowShape> = seen
        .scope_rows()
        .iter()
        .zip(&options)
        .map(|(r, options)| RowShape {
            caption: &r.caption,
            options: Some(options),
            current: r.current.as_deref(),
        })
        .collect();
    let observed: Vec<ObservedRow> = plan::observe(&shapes);
    for preset in shipped() {
        let plan = plan::plan(preset, &observed);
        let missing: Vec<&str> = plan
            .missing
            .iter()
            .filter(|m| m.presence == Presence::Always)
            .map(|m| m.label)
            .collect();
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
