//! The scope catalogue: every OAuth scope row the Create API Account page is known to show.
//!
//! Labels and scope strings are from BigCommerce's documentation; help texts are the
//! descriptions in HexaSync's guide (seed 002) where it gives one. Aliases are the other
//! spellings seen in integrators' guides and on older versions of the page.

use serde::Serialize;

use crate::level::Level;
use crate::text::{closest, normalize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// Stable identifier, used in reports and custom presets.
    pub id: &'static str,
    /// The label as the page shows it.
    pub label: &'static str,
    /// Other spellings of the label (guides, older pages).
    pub aliases: &'static [&'static str],
    /// Levels offered besides None, with the OAuth scope string each grants.
    pub levels: &'static [(Level, &'static str)],
    /// What the scope grants, shown next to it when writing a custom preset.
    pub help: &'static str,
    /// Where the store-level page shows the row.
    pub presence: Presence,
    /// Whether the row offers None ("Metafields Access" offers only Standard and full).
    pub offers_none: bool,
}

/// Where the store-level "Create account" page shows a scope row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// On every store.
    Always,
    /// Only on some stores (Store Translations, B2B Edition).
    SomeStores,
    /// A documented scope the store-level page does not show (App Extensions, Catalyst
    /// hosting): a preset asking for a level there cannot be satisfied on this page.
    NotOnStorePage,
}

impl Scope {
    pub fn offers(&self, level: Level) -> bool {
        if level == Level::None {
            return self.offers_none;
        }
        self.levels.iter().any(|(l, _)| *l == level)
    }

    /// The levels the row offers, in the page's order: None first where offered.
    pub fn offered(&self) -> impl Iterator<Item = Level> + '_ {
        self.offers_none
            .then_some(Level::None)
            .into_iter()
            .chain(self.levels.iter().map(|(l, _)| *l))
    }

    /// Shown only on some stores, or not on the store-level page at all.
    pub fn conditional(&self) -> bool {
        self.presence != Presence::Always
    }

    /// Every label this scope is known by, page label first.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.label).chain(self.aliases.iter().copied())
    }

    /// The OAuth scope string a level grants; None where BigCommerce has not published it.
    pub fn scope_string(&self, level: Level) -> Option<&'static str> {
        self.levels
            .iter()
            .find(|(l, s)| *l == level && !s.is_empty())
            .map(|(_, s)| *s)
    }
}

macro_rules! scope {
    ($id:literal, $label:literal, [$($alias:literal),*], [$(($lvl:ident, $s:literal)),+], $help:literal) => {
        scope!($id, $label, [$($alias),*], [$(($lvl, $s)),+], $help, Always, true)
    };
    ($id:literal, $label:literal, [$($alias:literal),*], [$(($lvl:ident, $s:literal)),+], $help:literal, $presence:ident, $none:literal) => {
        Scope {
            id: $id,
            label: $label,
            aliases: &[$($alias),*],
            levels: &[$((Level::$lvl, $s)),+],
            help: $help,
            presence: Presence::$presence,
            offers_none: $none,
        }
    };
}

pub static CATALOG: &[Scope] = &[
    scope!("content", "Content", [],
        [(ReadOnly, "store_v2_content_read_only"), (Modify, "store_v2_content")],
        "Edit web pages, blog posts, and widgets in the store."),
    scope!("checkout_content", "Checkout content", [],
        [(ReadOnly, "store_content_checkout_read_only"), (Modify, "store_content_checkout")],
        "Read and create checkout scripts."),
    scope!("customers", "Customers", [],
        [(ReadOnly, "store_v2_customers_read_only"), (Modify, "store_v2_customers")],
        "Keep track of customers, customer groups, and wish lists."),
    scope!("customers_login", "Customers login", ["Customer Login"],
        [(Login, "store_v2_customers_login")],
        "Manage customers, log in to storefront accounts."),
    scope!("information_settings", "Information & settings", ["Store Information"],
        [(ReadOnly, "store_v2_information_read_only"), (Modify, "store_v2_information")],
        "Customize store information, such as contact details, date and time preferences, and default language."),
    scope!("marketing", "Marketing", [],
        [(ReadOnly, "store_v2_marketing_read_only"), (Modify, "store_v2_marketing")],
        "Manage marketing banners, coupon codes, and gift certificates."),
    scope!("orders", "Orders", [],
        [(ReadOnly, "store_v2_orders_read_only"), (Modify, "store_v2_orders")],
        "Update order statuses and manage orders."),
    scope!("order_transactions", "Order transactions", ["Order Transaction"],
        [(ReadOnly, "store_v2_transactions_read_only"), (Modify, "store_v2_transactions")],
        "Check the payment instruments used to pay for an order."),
    scope!("create_payments", "Create payments", ["Payments - Create"],
        [(Create, "store_payments_access_token_create")],
        "Make a payment for an order."),
    scope!("get_payment_methods", "Get payment methods", ["Payments - Get accepted methods", "Payment Methods"],
        [(ReadOnly, "store_payments_methods_read")],
        "View the accepted payment methods."),
    scope!("stored_payment_instruments", "Stored payment instruments", [],
        [(ReadOnly, "store_stored_payment_instruments_read_only"), (Modify, "store_stored_payment_instruments")],
        "See a customer’s stored payment methods."),
    scope!("products", "Products", [],
        [(ReadOnly, "store_v2_products_read_only"), (Modify, "store_v2_products")],
        "View and modify product information, including images, variants, modifiers, categories, brands, and price lists."),
    scope!("themes", "Themes", [],
        [(ReadOnly, "store_themes_read_only"), (Modify, "store_themes_manage")],
        "Backup, restore, download, and apply themes."),
    scope!("carts", "Carts", [],
        [(ReadOnly, "store_cart_read_only"), (Modify, "store_cart")],
        "Create and view carts."),
    scope!("checkouts", "Checkouts", [],
        [(ReadOnly, "store_checkout_read_only"), (Modify, "store_checkout")],
        "Add checkouts to existing carts."),
    scope!("sites_routes", "Sites & routes", [],
        [(ReadOnly, "store_sites_read_only"), (Modify, "store_sites")],
        "Connect headless storefronts to sales channels and manage linked pages."),
    scope!("channel_settings", "Channel settings", [],
        [(ReadOnly, "store_channel_settings_read_only"), (Modify, "store_channel_settings")],
        "View and modify marketplace, POS, and storefront channels connected to your store."),
    scope!("channel_listings", "Channel listings", [],
        [(ReadOnly, "store_channel_listings_read_only"), (Modify, "store_channel_listings")],
        "Manage catalog differences across different storefronts and marketplaces."),
    scope!("storefront_api_tokens", "Storefront API tokens", [],
        [(Manage, "store_storefront_api")],
        "Create tokens used to authenticate cross-origin requests to the GraphQL Storefront API."),
    scope!("storefront_api_customer_impersonation_tokens", "Storefront API customer impersonation tokens", [],
        [(Manage, "store_storefront_api_customer_impersonation")],
        "Create tokens that allow you to view the GraphQL Storefront API as a specific customer."),
    scope!("store_logs", "Store logs", [],
        [(ReadOnly, "store_logs_read_only")],
        "View store logs of staff activity and system events."),
    scope!("store_locations", "Store Locations", ["Locations"],
        [(ReadOnly, "store_locations_read_only"), (Modify, "store_locations")],
        "The store's physical and virtual locations."),
    scope!("store_inventory", "Store Inventory", ["Inventory"],
        [(ReadOnly, "store_inventory_read_only"), (Modify, "store_inventory")],
        "Inventory levels and adjustments at each location."),
    scope!("fulfillment_methods", "Fulfillment Methods", [],
        [(ReadOnly, "store_fulfillment_methods_read_only"), (Modify, "store_fulfillment_methods_manage")],
        "Shipping and pickup methods."),
    scope!("order_fulfillment", "Order Fulfillment", [],
        [(ReadOnly, "store_order_fulfillment_read_only"), (Modify, "store_order_fulfillment_manage")],
        "Shipments and pickups of orders."),
    scope!("metafield_ownership", "Metafield Ownership", ["Metafields Ownership"],
        [(Manage, "store_metafield_change_owner")],
        "Change which app owns a metafield."),
    // The page offers "Standard | full" here, and no None.
    scope!("metafields_access", "Metafields Access", ["Metafield Access"],
        [(Standard, "store_metafield_write"), (Full, "store_metafield_write_all")],
        "Write metafields: standard for the app's own, full for all apps' metafields.",
        Always, false),
    scope!("store_translations", "Store Translations", ["Translations"],
        [(ReadOnly, "store_translations_read_only"), (Modify, "store_translations")],
        "Translated storefront content.", SomeStores, true),
    scope!("b2b_edition", "B2B Edition", [],
        [(Modify, "")],
        "B2B Edition data (only on stores with B2B Edition).", SomeStores, true),
    // Documented scopes that the store-level page does not show (app and Catalyst accounts).
    scope!("app_extensions", "App Extensions", [],
        [(Manage, "store_app_extensions_manage")],
        "Manage app extensions in the control panel.", NotOnStorePage, true),
    scope!("infrastructure_deployments", "Infrastructure Deployments", [],
        [(ReadOnly, ""), (CreatePreview, ""), (Manage, "")],
        "Catalyst hosting deployments (only on some stores).", NotOnStorePage, true),
    scope!("infrastructure_projects", "Infrastructure Projects", [],
        [(ReadOnly, ""), (Manage, "")],
        "Catalyst hosting projects (only on some stores).", NotOnStorePage, true),
    scope!("infrastructure_logs", "Infrastructure Logs", [],
        [(ReadOnly, "")],
        "Catalyst hosting logs (only on some stores).", NotOnStorePage, true),
];

/// Finds the scope a label names, by page label or alias, ignoring case, spacing and punctuation.
pub fn find(label: &str) -> Option<&'static Scope> {
    let key = normalize(label);
    if key.is_empty() {
        return None;
    }
    CATALOG
        .iter()
        .find(|s| s.names().any(|n| normalize(n) == key))
}

pub fn by_id(id: &str) -> Option<&'static Scope> {
    CATALOG.iter().find(|s| s.id == id)
}

/// Known labels closest to `label`, for error messages.
pub fn suggest(label: &str) -> Vec<&'static str> {
    closest(label, CATALOG.iter().map(|s| s.label), 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn labels_match_whatever_the_case_spacing_and_punctuation() {
        assert_eq!(find("Sites & routes").map(|s| s.id), Some("sites_routes"));
        assert_eq!(find("SITES & ROUTES").map(|s| s.id), Some("sites_routes"));
        assert_eq!(
            find("Customer Login").map(|s| s.id),
            Some("customers_login")
        );
        assert_eq!(
            find("Customers login").map(|s| s.id),
            Some("customers_login")
        );
        assert_eq!(
            find("Payments - Get accepted methods").map(|s| s.id),
            Some("get_payment_methods")
        );
        assert_eq!(
            find("Metafields Ownership").map(|s| s.id),
            Some("metafield_ownership")
        );
        assert_eq!(find("Widgets Beta"), None);
        assert_eq!(find("  "), None);
    }

    #[test]
    fn ids_labels_and_aliases_are_unique() {
        let mut ids = HashSet::new();
        let mut keys = HashSet::new();
        for scope in CATALOG {
            assert!(ids.insert(scope.id), "duplicate id {}", scope.id);
            for name in scope.names() {
                assert!(
                    keys.insert(normalize(name)),
                    "label {name:?} names two scopes"
                );
            }
        }
    }

    #[test]
    fn every_row_offers_at_least_one_level_besides_none_and_never_lists_none() {
        for scope in CATALOG {
            assert!(!scope.levels.is_empty(), "{}", scope.id);
            assert!(
                scope.levels.iter().all(|(l, _)| *l != Level::None),
                "{}",
                scope.id
            );
            assert!(!scope.help.is_empty(), "{}", scope.id);
        }
    }

    #[test]
    fn the_page_shows_27_rows_on_every_store_in_the_catalogue_order() {
        let always: Vec<&str> = CATALOG
            .iter()
            .filter(|s| s.presence == Presence::Always)
            .map(|s| s.label)
            .collect();
        assert_eq!(always.len(), 27);
        // The order of the 2023 and 2025 screenshots.
        assert_eq!(
            always[..4],
            [
                "Content",
                "Checkout content",
                "Customers",
                "Customers login"
            ]
        );
        assert_eq!(
            always[20..],
            [
                "Store logs",
                "Store Locations",
                "Store Inventory",
                "Fulfillment Methods",
                "Order Fulfillment",
                "Metafield Ownership",
                "Metafields Access",
            ]
        );
    }

    #[test]
    fn only_metafields_access_has_no_none() {
        let without: Vec<&str> = CATALOG
            .iter()
            .filter(|s| !s.offers(Level::None))
            .map(|s| s.id)
            .collect();
        assert_eq!(without, ["metafields_access"]);
    }

    #[test]
    fn scope_strings_follow_the_documentation() {
        let metafields = find("Metafields Access").unwrap();
        assert_eq!(
            metafields.scope_string(Level::Full),
            Some("store_metafield_write_all")
        );
        assert_eq!(
            find("Themes").unwrap().scope_string(Level::Modify),
            Some("store_themes_manage")
        );
    }

    #[test]
    fn suggestions_name_the_closest_labels() {
        assert_eq!(suggest("Prodcts")[0], "Products");
        assert_eq!(suggest("Order Transaction")[0], "Order transactions");
    }
}
