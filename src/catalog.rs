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
    /// Shown only on some stores (B2B Edition, Catalyst hosting).
    pub conditional: bool,
}

impl Scope {
    pub fn offers(&self, level: Level) -> bool {
        level == Level::None || self.levels.iter().any(|(l, _)| *l == level)
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
        scope!($id, $label, [$($alias),*], [$(($lvl, $s)),+], $help, false)
    };
    ($id:literal, $label:literal, [$($alias:literal),*], [$(($lvl:ident, $s:literal)),+], $help:literal, $cond:literal) => {
        Scope {
            id: $id,
            label: $label,
            aliases: &[$($alias),*],
            levels: &[$((Level::$lvl, $s)),+],
            help: $help,
            conditional: $cond,
        }
    };
}

pub static CATALOG: &[Scope] = &[
    scope!("content", "Content", [],
        [(ReadOnly, "store_v2_content_read_only"), (Modify, "store_v2_content")],
        "Edit web pages, blog posts, and widgets in the store."),
    scope!("checkout_content", "Checkout Content", [],
        [(ReadOnly, "store_content_checkout_read_only"), (Modify, "store_content_checkout")],
        "Read and create checkout scripts."),
    scope!("customers", "Customers", [],
        [(ReadOnly, "store_v2_customers_read_only"), (Modify, "store_v2_customers")],
        "Keep track of customers, customer groups, and wish lists."),
    scope!("customers_login", "Customers Login", ["Customer Login"],
        [(Login, "store_v2_customers_login")],
        "Manage customers, log in to storefront accounts."),
    scope!("information_settings", "Information & Settings", ["Store Information"],
        [(ReadOnly, "store_v2_information_read_only"), (Modify, "store_v2_information")],
        "Customize store information, such as contact details, date and time preferences, and default language."),
    scope!("marketing", "Marketing", [],
        [(ReadOnly, "store_v2_marketing_read_only"), (Modify, "store_v2_marketing")],
        "Manage marketing banners, coupon codes, and gift certificates."),
    scope!("orders", "Orders", [],
        [(ReadOnly, "store_v2_orders_read_only"), (Modify, "store_v2_orders")],
        "Update order statuses and manage orders."),
    scope!("order_transactions", "Order Transactions", [],
        [(ReadOnly, "store_v2_transactions_read_only"), (Modify, "store_v2_transactions")],
        "Check the payment instruments used to pay for an order."),
    scope!("create_payments", "Create Payments", ["Payments - Create"],
        [(Create, "store_payments_access_token_create")],
        "Make a payment for an order."),
    scope!("get_payment_methods", "Get Payment Methods", ["Payments - Get accepted methods", "Payment Methods"],
        [(ReadOnly, "store_payments_methods_read")],
        "View the accepted payment methods."),
    scope!("stored_payment_instruments", "Stored Payment Instruments", [],
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
    scope!("sites_routes", "Sites & Routes", [],
        [(ReadOnly, "store_sites_read_only"), (Modify, "store_sites")],
        "Connect headless storefronts to sales channels and manage linked pages."),
    scope!("channel_settings", "Channel Settings", [],
        [(ReadOnly, "store_channel_settings_read_only"), (Modify, "store_channel_settings")],
        "View and modify marketplace, POS, and storefront channels connected to your store."),
    scope!("channel_listings", "Channel Listings", [],
        [(ReadOnly, "store_channel_listings_read_only"), (Modify, "store_channel_listings")],
        "Manage catalog differences across different storefronts and marketplaces."),
    scope!("storefront_api_tokens", "Storefront API Tokens", [],
        [(Manage, "store_storefront_api")],
        "Create tokens used to authenticate cross-origin requests to the GraphQL Storefront API."),
    scope!("storefront_api_customer_impersonation_tokens", "Storefront API Customer Impersonation Tokens", [],
        [(Manage, "store_storefront_api_customer_impersonation")],
        "Create tokens that allow you to view the GraphQL Storefront API as a specific customer."),
    scope!("store_inventory", "Store Inventory", ["Inventory"],
        [(ReadOnly, "store_inventory_read_only"), (Modify, "store_inventory")],
        "Inventory levels and adjustments at each location."),
    scope!("store_locations", "Store Locations", ["Locations"],
        [(ReadOnly, "store_locations_read_only"), (Modify, "store_locations")],
        "The store's physical and virtual locations."),
    scope!("fulfillment_methods", "Fulfillment Methods", [],
        [(ReadOnly, "store_fulfillment_methods_read_only"), (Modify, "store_fulfillment_methods_manage")],
        "Shipping and pickup methods."),
    scope!("order_fulfillment", "Order Fulfillment", [],
        [(ReadOnly, "store_order_fulfillment_read_only"), (Modify, "store_order_fulfillment_manage")],
        "Shipments and pickups of orders."),
    scope!("store_translations", "Store Translations", ["Translations"],
        [(ReadOnly, "store_translations_read_only"), (Modify, "store_translations")],
        "Translated storefront content."),
    scope!("store_logs", "Store Logs", [],
        [(ReadOnly, "store_logs_read_only")],
        "View store logs of staff activity and system events."),
    scope!("metafield_ownership", "Metafield Ownership", ["Metafields Ownership"],
        [(Manage, "store_metafield_change_owner")],
        "Change which app owns a metafield."),
    scope!("metafields_access", "Metafields Access", ["Metafield Access"],
        [(Standard, "store_metafield_write"), (Full, "store_metafield_write_all")],
        "Write metafields: standard for the app's own, full for all apps' metafields."),
    scope!("app_extensions", "App Extensions", [],
        [(Manage, "store_app_extensions_manage")],
        "Manage app extensions in the control panel."),
    scope!("b2b_edition", "B2B Edition", [],
        [(Modify, "")],
        "B2B Edition data (only on stores with B2B Edition).", true),
    scope!("infrastructure_deployments", "Infrastructure Deployments", [],
        [(ReadOnly, ""), (CreatePreview, ""), (Manage, "")],
        "Catalyst hosting deployments (only on some stores).", true),
    scope!("infrastructure_projects", "Infrastructure Projects", [],
        [(ReadOnly, ""), (Manage, "")],
        "Catalyst hosting projects (only on some stores).", true),
    scope!("infrastructure_logs", "Infrastructure Logs", [],
        [(ReadOnly, "")],
        "Catalyst hosting logs (only on some stores).", true),
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
    fn the_documented_29_rows_are_always_shown() {
        assert_eq!(CATALOG.iter().filter(|s| !s.conditional).count(), 29);
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
        assert_eq!(suggest("Order Transaction")[0], "Order Transactions");
    }
}
