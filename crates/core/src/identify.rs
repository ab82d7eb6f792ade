//! Which scope each row of the form is, and which level each of its choices stands for,
//! as a person who does not read the page's language would tell.
//!
//! A caption a pack knows decides (English, or any language pack). A row whose caption is
//! unknown is placed by its position among the rows and by its number of choices, aligned
//! against the orders the page is known to have had (2023, 2025, 2026). Such a row is
//! placed only where every alignment that fits puts it in the same place: a run of unknown
//! rows that fits no known order is refused as a whole, a row the alignments disagree on is
//! refused, and nothing is guessed.
//!
//! A choice's level is its word where a pack knows it, otherwise its position in the row:
//! None first where the row offers it, then the levels in the catalogue's order.

use serde::Serialize;

use crate::catalog::{self, Scope};
use crate::lang;
use crate::level::Level;
use crate::text::normalize;

/// How a row was identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// Its caption names the scope (in English or in a language pack).
    Caption,
    /// Its caption is unknown; its position and its choices place it without doubt.
    Position,
    /// Its caption is unknown and the rows around it fit the known orders more than one
    /// way: refused.
    Ambiguous,
    /// Its caption is unknown and it fits no known order: a row ScopeFill does not know.
    Unexpected,
}

/// A row as recognition needs it.
#[derive(Debug, Clone, Copy)]
pub struct RowShape<'a> {
    pub caption: &'a str,
    /// The choices' words; None while they cannot be read (a closed combobox).
    pub options: Option<&'a [String]>,
    /// The choice shown.
    pub current: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    pub scope: Option<&'static Scope>,
    pub placed: Placement,
}

/// One order of the page's rows: the scope ids from top to bottom, and the rows whose
/// choices differ from the catalogue there.
struct KnownOrder {
    rows: &'static [&'static str],
    levels: &'static [(&'static str, &'static [Level])],
}

/// The rows every store showed in 2025 and 2026 (the screenshots in shared/reference/).
const ROWS_2025: &[&str] = &[
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

const KNOWN_ORDERS: &[KnownOrder] = &[
    // 2023: the page ended at Order Fulfillment.
    KnownOrder {
        rows: ROWS_2025.split_at(25).0,
        levels: &[],
    },
    // 2025.
    KnownOrder {
        rows: ROWS_2025,
        levels: &[],
    },
    // 2026: Checkout content offers only None | modify.
    KnownOrder {
        rows: ROWS_2025,
        levels: &[("checkout_content", &[Level::None, Level::Modify])],
    },
];

/// Rows only some stores show, after all the others, in this order.
const OPTIONAL_TAIL: &[&str] = &["store_translations", "b2b_edition"];

/// One place in an order: a scope, the levels its choices stand for, whether it may be absent.
#[derive(Debug, Clone)]
struct Slot {
    scope: &'static Scope,
    levels: Vec<Level>,
    optional: bool,
}

fn slots(order: &KnownOrder) -> Vec<Slot> {
    let fixed = order.rows.iter().map(|id| (*id, false));
    let tail = OPTIONAL_TAIL.iter().map(|id| (*id, true));
    fixed
        .chain(tail)
        .filter_map(|(id, optional)| {
            let scope = catalog::by_id(id)?;
            let levels = order
                .levels
                .iter()
                .find(|(s, _)| *s == id)
                .map(|(_, l)| l.to_vec())
                .unwrap_or_else(|| scope.offered().collect());
            Some(Slot {
                scope,
                levels,
                optional,
            })
        })
        .collect()
}

/// The levels a row of `scope` with `n` choices stands for, by position: from the known
/// orders and the catalogue, when they agree.
pub fn levels_by_position(scope: &Scope, n: usize) -> Option<Vec<Level>> {
    let mut found: Vec<Vec<Level>> = Vec::new();
    let catalogue: Vec<Level> = scope.offered().collect();
    let from_orders = KNOWN_ORDERS
        .iter()
        .flat_map(slots)
        .filter(|s| s.scope.id == scope.id);
    for levels in from_orders.map(|s| s.levels).chain([catalogue]) {
        if levels.len() == n && !found.contains(&levels) {
            found.push(levels);
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

/// The level each choice stands for: its word where a pack knows it, else its position
/// (when the row's scope is known and every known word agrees with the positions).
pub fn option_levels(scope: Option<&Scope>, options: &[String]) -> Vec<Option<Level>> {
    let by_word: Vec<Option<Level>> = options.iter().map(|o| lang::level_by_word(o)).collect();
    if by_word.iter().all(Option::is_some) {
        return by_word;
    }
    let Some(by_position) = scope.and_then(|s| levels_by_position(s, options.len())) else {
        return by_word;
    };
    let agree = by_word
        .iter()
        .zip(&by_position)
        .all(|(word, pos)| word.is_none_or(|w| w == *pos));
    if agree {
        by_position.into_iter().map(Some).collect()
    } else {
        by_word
    }
}

/// Level words: those of the packs, and those this page showed on the rows placed.
struct PageWords<'a> {
    learned: &'a [(String, Level)],
}

impl PageWords<'_> {
    fn level(&self, word: &str) -> Option<Level> {
        lang::level_by_word(word).or_else(|| {
            let key = normalize(word);
            self.learned
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, l)| *l)
        })
    }

    /// Whether this page's own word for None is known: then a row that offers None shows
    /// it first, and a row that does not (Metafields Access) does not.
    fn knows_none(&self) -> bool {
        self.learned.iter().any(|(_, l)| *l == Level::None)
    }
}

/// Whether a row with these choices can be the row of this slot.
fn fits(row: &RowShape, slot: &Slot, words: &PageWords) -> bool {
    match row.options {
        Some(options) => {
            options.len() == slot.levels.len()
                && options
                    .iter()
                    .zip(&slot.levels)
                    .all(|(o, l)| match words.level(o) {
                        Some(w) => w == *l,
                        None => *l != Level::None || !words.knows_none(),
                    })
        }
        // A closed combobox shows one choice: its word, if known, must be one of the slot's.
        None => row
            .current
            .and_then(|c| words.level(c))
            .is_none_or(|l| slot.levels.contains(&l)),
    }
}

/// The ways `rows` fit `slots` in order: every slot not optional filled, each row in a
/// slot it fits. Each way is the slot index of each row.
fn alignments(rows: &[RowShape], slots: &[Slot], words: &PageWords) -> Vec<Vec<usize>> {
    /// Enough ways to see which rows every way agrees on, without enumerating them all.
    const ENOUGH: usize = 64;
    fn go(
        rows: &[RowShape],
        slots: &[Slot],
        words: &PageWords,
        row: usize,
        slot: usize,
        taken: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if out.len() >= ENOUGH {
            return;
        }
        if row == rows.len() {
            if slots[slot..].iter().all(|s| s.optional) {
                out.push(taken.clone());
            }
            return;
        }
        if slot == slots.len() {
            return;
        }
        if fits(&rows[row], &slots[slot], words) {
            taken.push(slot);
            go(rows, slots, words, row + 1, slot + 1, taken, out);
            taken.pop();
        }
        if slots[slot].optional {
            go(rows, slots, words, row, slot + 1, taken, out);
        }
    }
    let mut out = Vec::new();
    go(rows, slots, words, 0, 0, &mut Vec::new(), &mut out);
    out
}

/// Identifies the scope rows of a form, in page order.
pub fn identify(rows: &[RowShape]) -> Vec<Identity> {
    let first = identify_with(rows, &PageWords { learned: &[] });
    if first.iter().all(|i| i.placed == Placement::Caption) {
        return first;
    }
    // Again with the words the page showed on the rows placed: its own word for None tells
    // a row without None (Metafields Access) from one with it (B2B Edition), which the number
    // of choices alone cannot, and a placement that contradicts them does not stand.
    let learned = learned_words(rows, &first);
    if learned.is_empty() {
        return first;
    }
    identify_with(rows, &PageWords { learned: &learned })
}

/// The level words a page showed on the rows placed, by majority: each word for the level
/// it stands for on most rows, unless another word stands for that level on more (a row
/// placed wrongly cannot outvote the others).
fn learned_words(rows: &[RowShape], found: &[Identity]) -> Vec<(String, Level)> {
    let mut seen: Vec<(String, Level, usize)> = Vec::new();
    for (row, identity) in rows.iter().zip(found) {
        let (Some(scope), Some(options)) = (identity.scope, row.options) else {
            continue;
        };
        for (word, level) in options.iter().zip(option_levels(Some(scope), options)) {
            let (key, Some(level)) = (normalize(word), level) else {
                continue;
            };
            match seen.iter_mut().find(|(k, l, _)| *k == key && *l == level) {
                Some((_, _, n)) => *n += 1,
                None => seen.push((key, level, 1)),
            }
        }
    }
    seen.iter()
        .filter(|(key, level, n)| {
            let word_says_more = seen
                .iter()
                .any(|(k, l, m)| k == key && l != level && m >= n);
            let level_says_more = seen.iter().any(|(k, l, m)| l == level && k != key && m > n);
            !word_says_more && !level_says_more
        })
        .map(|(key, level, _)| (key.clone(), *level))
        .collect()
}

fn identify_with(rows: &[RowShape], words: &PageWords) -> Vec<Identity> {
    let by_caption: Vec<Option<&'static Scope>> = rows
        .iter()
        .map(|r| lang::scope_by_caption(r.caption))
        .collect();
    let mut out: Vec<Identity> = by_caption
        .iter()
        .map(|scope| Identity {
            scope: *scope,
            placed: if scope.is_some() {
                Placement::Caption
            } else {
                Placement::Unexpected
            },
        })
        .collect();
    if by_caption.iter().all(Option::is_some) {
        return out;
    }
    // Where the captions are those seen on the real page, an unknown caption is a new row,
    // not a translation of a known one.
    if captions_verified(rows, &by_caption) {
        return out;
    }

    // Each run of unknown rows, between the rows whose captions are known.
    let mut start = 0;
    while start < rows.len() {
        if by_caption[start].is_some() {
            start += 1;
            continue;
        }
        let end = (start..rows.len())
            .find(|i| by_caption[*i].is_some())
            .unwrap_or(rows.len());
        let before = start.checked_sub(1).and_then(|i| by_caption[i]);
        let after = by_caption.get(end).copied().flatten();
        let mut ways: Vec<Vec<&'static str>> = Vec::new();
        for order in KNOWN_ORDERS {
            let slots = slots(order);
            let pos = |s: &Scope| slots.iter().position(|slot| slot.scope.id == s.id);
            // The order must hold the known rows around the run, in that order.
            let from = match before {
                Some(s) => match pos(s) {
                    Some(p) => p + 1,
                    None => continue,
                },
                None => 0,
            };
            let to = match after {
                Some(s) => match pos(s) {
                    Some(p) => p,
                    None => continue,
                },
                None => slots.len(),
            };
            if from > to || !known_rows_in_order(&by_caption, &slots) {
                continue;
            }
            // Rows named elsewhere on the page are not candidates for this run.
            let window: Vec<Slot> = slots[from..to]
                .iter()
                .filter(|s| !by_caption.iter().flatten().any(|k| k.id == s.scope.id))
                .cloned()
                .collect();
            for way in alignments(&rows[start..end], &window, words) {
                let ids: Vec<&'static str> = way.iter().map(|i| window[*i].scope.id).collect();
                if !ways.contains(&ids) {
                    ways.push(ids);
                }
            }
        }
        // A row is placed where every way that fits puts it in the same place, and only once
        // its choices are known: a closed combobox fits any place its count would refuse.
        for (k, identity) in out[start..end].iter_mut().enumerate() {
            let first = ways.first().map(|w| w[k]);
            let agreed = first.filter(|id| ways.iter().all(|w| w[k] == *id));
            let choices_known = rows[start + k].options.is_some();
            (identity.scope, identity.placed) = match (ways.len(), agreed) {
                (0, _) => (None, Placement::Unexpected),
                (_, Some(id)) if choices_known => (catalog::by_id(id), Placement::Position),
                _ => (None, Placement::Ambiguous),
            };
        }
        start = end;
    }
    out
}

/// Whether the rows whose captions are known come in this order's order.
fn known_rows_in_order(by_caption: &[Option<&'static Scope>], slots: &[Slot]) -> bool {
    let positions: Option<Vec<usize>> = by_caption
        .iter()
        .flatten()
        .map(|s| slots.iter().position(|slot| slot.scope.id == s.id))
        .collect();
    positions.is_some_and(|p| p.windows(2).all(|w| w[0] < w[1]))
}

/// Whether most rows carry captions of a pack seen on the real page (en-US): then an
/// unknown caption is not a translation.
fn captions_verified(rows: &[RowShape], by_caption: &[Option<&'static Scope>]) -> bool {
    let verified = by_caption
        .iter()
        .zip(rows)
        .filter(|(s, r)| {
            s.is_some()
                && (catalog::find(r.caption).is_some()
                    || lang::meanings(r.caption)
                        .iter()
                        .any(|(_, p)| lang::verified(*p)))
        })
        .count();
    verified * 2 > rows.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text in a language no pack knows: every vowel accented.
    pub(crate) fn pseudo(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                'a' => 'å',
                'e' => 'é',
                'i' => 'î',
                'o' => 'ö',
                'u' => 'ü',
                'C' => 'Ç',
                other => other,
            })
            .collect()
    }

    /// A page drawn in a language no pack knows.
    fn unknown_page(order: &[&str]) -> Vec<(String, Vec<String>)> {
        order
            .iter()
            .map(|id| {
                let scope = catalog::by_id(id).unwrap();
                let options = scope.offered().map(|l| pseudo(l.as_str())).collect();
                (pseudo(scope.label), options)
            })
            .collect()
    }

    fn shapes(page: &[(String, Vec<String>)]) -> Vec<RowShape<'_>> {
        page.iter()
            .map(|(caption, options)| RowShape {
                caption,
                options: Some(options),
                current: options.first().map(String::as_str),
            })
            .collect()
    }

    fn ids(found: &[Identity]) -> Vec<Option<&'static str>> {
        found.iter().map(|i| i.scope.map(|s| s.id)).collect()
    }

    #[test]
    fn a_page_no_pack_knows_is_placed_row_by_row_by_position() {
        let page = unknown_page(ROWS_2025);
        let found = identify(&shapes(&page));
        assert!(
            found.iter().all(|i| i.placed == Placement::Position),
            "{found:?}"
        );
        let expected: Vec<Option<&str>> = ROWS_2025.iter().map(|id| Some(*id)).collect();
        assert_eq!(ids(&found), expected);
    }

    #[test]
    fn the_optional_last_rows_are_told_apart_by_their_choices() {
        let mut order = ROWS_2025.to_vec();
        order.push("b2b_edition");
        let found = identify(&shapes(&unknown_page(&order)));
        assert_eq!(
            found.last().and_then(|i| i.scope).map(|s| s.id),
            Some("b2b_edition")
        );
        assert!(found.iter().all(|i| i.placed == Placement::Position));
        order.insert(27, "store_translations");
        let found = identify(&shapes(&unknown_page(&order)));
        assert_eq!(found[27].scope.map(|s| s.id), Some("store_translations"));
    }

    #[test]
    fn levels_by_word_else_by_position() {
        let products = catalog::by_id("products").unwrap();
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            option_levels(Some(products), &words(&["[a]", "[b]", "[c]"])),
            [
                Some(Level::None),
                Some(Level::ReadOnly),
                Some(Level::Modify)
            ]
        );
        // A known word that contradicts the position: only the words are trusted.
        assert_eq!(
            option_levels(Some(products), &words(&["modify", "[b]", "[c]"])),
            [Some(Level::Modify), None, None]
        );
        let checkout = catalog::by_id("checkout_content").unwrap();
        assert_eq!(
            option_levels(Some(checkout), &words(&["[a]", "[b]"])),
            [Some(Level::None), Some(Level::Modify)]
        );
        let metafields = catalog::by_id("metafields_access").unwrap();
        assert_eq!(
            option_levels(Some(metafields), &words(&["[a]", "[b]"])),
            [Some(Level::Standard), Some(Level::Full)]
        );
        assert_eq!(
            option_levels(None, &words(&["[a]", "read-only"])),
            [None, Some(Level::ReadOnly)]
        );
    }

    fn placed(found: &[Identity]) -> Vec<Placement> {
        found.iter().map(|i| i.placed).collect()
    }

    #[test]
    fn known_captions_decide_and_unknown_ones_between_them_are_placed() {
        let mut page = unknown_page(ROWS_2025);
        // A French page whose pack knows only some captions: here, English ones stand in.
        for i in [0, 6, 11, 26] {
            page[i].0 = catalog::by_id(ROWS_2025[i]).unwrap().label.to_string();
        }
        let found = identify(&shapes(&page));
        let expected: Vec<Option<&str>> = ROWS_2025.iter().map(|id| Some(*id)).collect();
        assert_eq!(ids(&found), expected);
        assert_eq!(found[6].placed, Placement::Caption);
        assert_eq!(found[7].placed, Placement::Position);
    }

    #[test]
    fn a_row_missing_in_the_middle_of_unknown_captions_is_refused() {
        let mut order = ROWS_2025.to_vec();
        order.remove(12); // Themes
        let found = identify(&shapes(&unknown_page(&order)));
        assert!(
            found.iter().all(|i| i.scope.is_none()),
            "{:?}",
            placed(&found)
        );
        assert!(found.iter().all(|i| i.placed == Placement::Unexpected));
    }

    #[test]
    fn a_row_missing_between_known_captions_refuses_only_that_run() {
        let mut page = unknown_page(ROWS_2025);
        for i in [11, 13] {
            page[i].0 = catalog::by_id(ROWS_2025[i]).unwrap().label.to_string();
        }
        page.remove(12); // Themes, between Products and Carts
        let found = identify(&shapes(&page));
        assert_eq!(found[11].scope.map(|s| s.id), Some("products"));
        assert_eq!(found[12].scope.map(|s| s.id), Some("carts"));
        // Without Themes the run from Carts to the end is still the known order.
        assert_eq!(found[13].scope.map(|s| s.id), Some("checkouts"));
        assert_eq!(found[13].placed, Placement::Position);
    }

    #[test]
    fn two_rows_swapped_in_an_unknown_language_are_refused() {
        let mut order = ROWS_2025.to_vec();
        // Customers login (None | login) and Information & settings (three choices).
        order.swap(3, 4);
        let found = identify(&shapes(&unknown_page(&order)));
        assert!(
            found.iter().all(|i| i.scope.is_none()),
            "{:?}",
            placed(&found)
        );
    }

    #[test]
    fn an_unknown_extra_row_is_refused_and_never_guessed() {
        let mut page = unknown_page(ROWS_2025);
        page.insert(
            8,
            (
                pseudo("Widgets"),
                ["None", "read-only", "modify"].map(pseudo).to_vec(),
            ),
        );
        let found = identify(&shapes(&page));
        assert!(
            found.iter().all(|i| i.scope.is_none()),
            "{:?}",
            placed(&found)
        );
        // On a page in English, an unknown caption is a new row, even where a row of its
        // shape could stand.
        let mut page: Vec<(String, Vec<String>)> = ROWS_2025
            .iter()
            .map(|id| {
                let scope = catalog::by_id(id).unwrap();
                (
                    scope.label.to_string(),
                    scope.offered().map(|l| l.as_str().to_string()).collect(),
                )
            })
            .collect();
        page.push((
            "Widgets".into(),
            ["None", "read-only", "modify"].map(String::from).to_vec(),
        ));
        let found = identify(&shapes(&page));
        assert_eq!(
            found[27],
            Identity {
                scope: None,
                placed: Placement::Unexpected
            }
        );
        assert!(found[..27].iter().all(|i| i.placed == Placement::Caption));
    }

    #[test]
    fn the_2023_and_2026_orders_are_known() {
        let found = identify(&shapes(&unknown_page(&ROWS_2025[..25])));
        assert!(found.iter().all(|i| i.placed == Placement::Position));
        let mut page = unknown_page(ROWS_2025);
        page[1].1.remove(1); // Checkout content: None | modify
        let found = identify(&shapes(&page));
        assert!(found.iter().all(|i| i.placed == Placement::Position));
        assert_eq!(
            option_levels(found[1].scope, &page[1].1),
            [Some(Level::None), Some(Level::Modify)]
        );
    }

    /// The rows of a page, as closed comboboxes: each shows only its current choice.
    fn closed(page: &[(String, Vec<String>)]) -> Vec<RowShape<'_>> {
        page.iter()
            .map(|(caption, options)| RowShape {
                caption,
                options: None,
                current: options.first().map(String::as_str),
            })
            .collect()
    }

    #[test]
    fn closed_comboboxes_are_placed_only_once_their_choices_are_read() {
        let page = unknown_page(ROWS_2025);
        // Closed, a count of choices cannot be checked: nothing is placed yet.
        let found = identify(&closed(&page));
        assert!(found.iter().all(|i| i.placed == Placement::Ambiguous));
        assert!(found.iter().all(|i| i.scope.is_none()));
        // Read (the fill opens each one), they are placed.
        let expected: Vec<Option<&str>> = ROWS_2025.iter().map(|id| Some(*id)).collect();
        assert_eq!(ids(&identify(&shapes(&page))), expected);
    }

    #[test]
    fn a_row_without_none_is_never_taken_for_one_with_it() {
        // A 2025 page without Metafield Ownership, in a language no pack knows: by count
        // alone it is a 2023 page with B2B Edition last. The page's own word for None, on
        // every other row, says the last row (Standard | full) is not B2B Edition.
        for missing in ["metafield_ownership", "metafields_access"] {
            let order: Vec<&str> = ROWS_2025
                .iter()
                .copied()
                .filter(|id| *id != missing)
                .collect();
            let found = identify(&shapes(&unknown_page(&order)));
            assert!(
                found
                    .iter()
                    .all(|i| i.scope.is_none() && i.placed != Placement::Position),
                "without {missing}: {:?}",
                ids(&found)
            );
        }
    }

    #[test]
    fn closed_comboboxes_one_row_short_are_refused_once_read() {
        let order: Vec<&str> = ROWS_2025
            .iter()
            .copied()
            .filter(|id| *id != "themes")
            .collect();
        let page = unknown_page(&order);
        let found = identify(&closed(&page));
        assert!(found.iter().all(|i| i.placed != Placement::Position));
        let found = identify(&shapes(&page));
        assert!(found.iter().all(|i| i.scope.is_none()), "{:?}", ids(&found));
    }
}
