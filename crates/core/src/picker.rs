//! The Integration picker's rules, shared by the in-page panel and the toolbar popup: which
//! integrations are listed and in which order (the last used first), what typing matches,
//! and what each key does. `dom/combobox.rs` (wasm32 only) draws this state as an ARIA
//! combobox and forwards events to it; every decision is here and tested natively.

use crate::preset::Preset;
use crate::text::normalize;

/// One integration in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    /// One of the user's presets, not a shipped one: the list marks it so (in words that are
    /// also in the option's accessible name), so that it cannot pass for a shipped preset.
    pub custom: bool,
}

/// The list's entries: every preset, by id and name, in the order given.
pub fn entries(presets: &[Preset]) -> Vec<Entry> {
    presets
        .iter()
        .map(|p| Entry {
            id: p.id.clone(),
            name: p.name.clone(),
            custom: !p.builtin,
        })
        .collect()
}

/// The keys the picker handles; any other key is left to the text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Down,
    Up,
    /// Alt+Down: opens the list without moving the highlight (the APG combobox pattern).
    AltDown,
    Enter,
    Escape,
}

impl Key {
    /// The key of a `KeyboardEvent.key` value, with the Alt modifier.
    pub fn from_event(key: &str, alt: bool) -> Option<Key> {
        match (key, alt) {
            ("ArrowDown", true) => Some(Key::AltDown),
            ("ArrowDown", false) => Some(Key::Down),
            ("ArrowUp", _) => Some(Key::Up),
            ("Enter", _) => Some(Key::Enter),
            ("Escape", _) => Some(Key::Escape),
            _ => None,
        }
    }
}

/// What an event did, for the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not the picker's business: the browser's default action goes ahead.
    Ignored,
    /// The picker changed (or kept) its state; the browser's default action is cancelled.
    Handled,
    /// The user chose an integration (its id); the list closed.
    Chosen(String),
}

/// Whether `name` matches what the user typed: case-insensitive, anywhere in the name, and
/// also when spacing or punctuation differ ("nextcart" and "next cart" find "Next-Cart").
/// An empty query matches everything.
pub fn matches(name: &str, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return true;
    }
    if name.to_lowercase().contains(&query.to_lowercase()) {
        return true;
    }
    let key = normalize(query);
    !key.is_empty() && normalize(name).contains(&key)
}

/// The list's order: the last used integration first, the others in the order given.
pub fn ordered(entries: Vec<Entry>, last_used: Option<&str>) -> Vec<Entry> {
    let mut entries = entries;
    if let Some(at) = last_used.and_then(|id| entries.iter().position(|e| e.id == id)) {
        let last = entries.remove(at);
        entries.insert(0, last);
    }
    entries
}

/// The picker's state: the list (in display order), the chosen entry, and while the list is
/// open, what was typed and which shown option is highlighted.
#[derive(Debug, Clone)]
pub struct Picker {
    entries: Vec<Entry>,
    last_used: Option<String>,
    chosen: Option<usize>,
    open: bool,
    /// What the user typed since the list opened; None when it opened without typing
    /// (every entry is shown then, not only those matching the chosen name).
    query: Option<String>,
    /// The highlighted option, as a position in `shown()`.
    active: Option<usize>,
}

impl Picker {
    /// The list with the last used integration first; that one is chosen, else the first.
    pub fn new(entries: Vec<Entry>, last_used: Option<&str>) -> Picker {
        let entries = ordered(entries, last_used);
        let last_used = last_used
            .filter(|id| entries.iter().any(|e| e.id == *id))
            .map(str::to_string);
        let chosen = if entries.is_empty() { None } else { Some(0) };
        Picker {
            entries,
            last_used,
            chosen,
            open: false,
            query: None,
            active: None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The id of the last used integration, when it is in the list (it is listed first).
    pub fn last_used(&self) -> Option<&str> {
        self.last_used.as_deref()
    }

    pub fn chosen(&self) -> Option<&Entry> {
        self.chosen.and_then(|i| self.entries.get(i))
    }

    pub fn chosen_id(&self) -> Option<&str> {
        self.chosen().map(|e| e.id.as_str())
    }

    /// What the user typed, while the list is open after typing.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref().filter(|_| self.open)
    }

    /// The entries the open list shows, as positions in `entries()`; none while closed.
    pub fn shown(&self) -> Vec<usize> {
        if !self.open {
            return Vec::new();
        }
        let query = self.query.as_deref().unwrap_or("");
        (0..self.entries.len())
            .filter(|&i| matches(&self.entries[i].name, query))
            .collect()
    }

    /// The highlighted entry, as a position in `entries()`.
    pub fn active_entry(&self) -> Option<usize> {
        let shown = self.shown();
        self.active.and_then(|a| shown.get(a).copied())
    }

    /// The text field's text: what was typed while the list is open, else the chosen name.
    pub fn text(&self) -> String {
        match (self.query(), self.chosen()) {
            (Some(q), _) => q.to_string(),
            (None, Some(e)) => e.name.clone(),
            (None, None) => String::new(),
        }
    }

    /// Chooses an integration from outside (the toolbar popup's Fill form, a newest
    /// capture); false when the id is not listed.
    pub fn choose_id(&mut self, id: &str) -> bool {
        match self.entries.iter().position(|e| e.id == id) {
            Some(i) => {
                self.chosen = Some(i);
                self.close();
                true
            }
            None => false,
        }
    }

    /// Opens the list showing every entry, the chosen one highlighted.
    pub fn open_all(&mut self) {
        self.open = true;
        self.query = None;
        let shown = self.shown();
        self.active = self
            .chosen
            .and_then(|c| shown.iter().position(|&i| i == c))
            .or(if shown.is_empty() { None } else { Some(0) });
    }

    /// Closes the list; the field shows the chosen name again.
    pub fn close(&mut self) {
        self.open = false;
        self.query = None;
        self.active = None;
    }

    /// The field's text changed (typing, pasting, deleting): the list opens, filtered, with
    /// the first match highlighted so Enter takes it.
    pub fn typed(&mut self, text: &str) {
        self.open = true;
        self.query = Some(text.to_string());
        self.active = if self.shown().is_empty() {
            None
        } else {
            Some(0)
        };
    }

    /// A click on the field (or its toggle button) opens or closes the list.
    pub fn toggle(&mut self) {
        if self.open {
            self.close();
        } else {
            self.open_all();
        }
    }

    /// A click on a shown option (its position in `shown()`).
    pub fn click(&mut self, shown_position: usize) -> Outcome {
        let Some(entry) = self.shown().get(shown_position).copied() else {
            return Outcome::Ignored;
        };
        self.pick(entry)
    }

    fn pick(&mut self, entry: usize) -> Outcome {
        self.chosen = Some(entry);
        self.close();
        match self.entries.get(entry) {
            Some(e) => Outcome::Chosen(e.id.clone()),
            None => Outcome::Handled,
        }
    }

    pub fn key(&mut self, key: Key) -> Outcome {
        match key {
            Key::AltDown => {
                if !self.open {
                    self.open_all();
                }
                Outcome::Handled
            }
            Key::Down | Key::Up if !self.open => {
                self.open_all();
                if key == Key::Up && self.chosen.is_none() {
                    self.active = self.shown().len().checked_sub(1);
                }
                Outcome::Handled
            }
            Key::Down | Key::Up => {
                let count = self.shown().len();
                if count > 0 {
                    // Moves wrap around, as in the APG list-autocomplete example.
                    self.active = Some(match (self.active, key) {
                        (None, Key::Down) => 0,
                        (None, _) => count - 1,
                        (Some(a), Key::Down) => (a + 1) % count,
                        (Some(a), _) => (a + count - 1) % count,
                    });
                }
                Outcome::Handled
            }
            Key::Enter if self.open => match self.active_entry() {
                Some(entry) => self.pick(entry),
                // Nothing matches what was typed: keep the list open to say so.
                None => Outcome::Handled,
            },
            Key::Enter => Outcome::Ignored,
            Key::Escape if self.open => {
                self.close();
                Outcome::Handled
            }
            Key::Escape => Outcome::Ignored,
        }
    }

    /// The field lost the focus: the list closes and the field shows the chosen name.
    pub fn blur(&mut self) {
        self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(names: &[&str]) -> Vec<Entry> {
        names
            .iter()
            .map(|n| Entry {
                id: normalize(n),
                name: n.to_string(),
                custom: false,
            })
            .collect()
    }

    #[test]
    fn the_users_presets_are_marked_custom_and_shipped_ones_are_not() {
        let mine = r#"{"id": "mine", "name": "Mine", "account_name": "Mine app", "scopes": {},
            "layouts": [{"name": "Mine", "fields": [{"label": "T", "value": "access_token"}]}]}"#;
        let (presets, errors) = crate::preset::with_custom(&[("mine.json".into(), mine.into())]);
        assert!(errors.is_empty(), "{errors:?}");
        let list = super::entries(&presets);
        let custom: Vec<&str> = list
            .iter()
            .filter(|e| e.custom)
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(custom, ["mine"]);
        assert_eq!(list.len(), crate::preset::shipped().len() + 1);
        // The mark follows the entry when the last used one moves first.
        let p = Picker::new(list, Some("mine"));
        assert!(p.entries()[0].custom && p.chosen().is_some_and(|e| e.custom));
        assert!(!p.entries()[1].custom);
    }

    const NAMES: &[&str] = &[
        "API2Cart (BetterCommerce)",
        "DropStream",
        "Starshipit",
        "StarShip (V Technologies)",
        "Store migration to BigCommerce (Next-Cart, LitExtension)",
        "Wherehouse",
    ];

    fn names(p: &Picker) -> Vec<&str> {
        p.shown()
            .into_iter()
            .map(|i| p.entries()[i].name.as_str())
            .collect()
    }

    #[test]
    fn typing_matches_anywhere_whatever_the_case_and_punctuation() {
        assert!(matches("Store migration (Next-Cart)", "next"));
        assert!(matches("Store migration (Next-Cart)", "NEXT-cart"));
        assert!(matches("Store migration (Next-Cart)", "nextcart"));
        assert!(matches("Store migration (Next-Cart)", "next cart"));
        assert!(matches("iPaaS.com", "ipaas"));
        assert!(matches("Wherehouse", "  house "));
        assert!(matches("Wherehouse", ""));
        assert!(!matches("Wherehouse", "warehouse"));
        assert!(!matches("Wherehouse", "--"));
    }

    #[test]
    fn the_last_used_integration_comes_first_and_is_chosen() {
        let p = Picker::new(entries(NAMES), Some("wherehouse"));
        assert_eq!(p.entries()[0].name, "Wherehouse");
        assert_eq!(p.entries()[1].name, "API2Cart (BetterCommerce)");
        assert_eq!(p.chosen_id(), Some("wherehouse"));
        assert_eq!(p.last_used(), Some("wherehouse"));
        assert_eq!(p.text(), "Wherehouse");
        assert_eq!(p.entries().len(), NAMES.len());
    }

    #[test]
    fn an_unknown_or_missing_last_used_keeps_the_given_order() {
        for last in [None, Some("deleted-custom-preset")] {
            let p = Picker::new(entries(NAMES), last);
            assert_eq!(p.entries()[0].name, NAMES[0]);
            assert_eq!(p.chosen_id(), Some("api2cartbettercommerce"));
            assert_eq!(p.last_used(), None);
        }
        let empty = Picker::new(Vec::new(), Some("x"));
        assert_eq!(empty.chosen(), None);
        assert_eq!(empty.text(), "");
    }

    #[test]
    fn typing_filters_and_enter_takes_the_first_match() {
        let mut p = Picker::new(entries(NAMES), None);
        p.typed("star");
        assert!(p.is_open());
        assert_eq!(names(&p), ["Starshipit", "StarShip (V Technologies)"]);
        assert_eq!(p.text(), "star");
        assert_eq!(p.key(Key::Enter), Outcome::Chosen("starshipit".into()));
        assert!(!p.is_open());
        assert_eq!(p.text(), "Starshipit");
    }

    #[test]
    fn arrows_move_the_highlight_and_wrap() {
        let mut p = Picker::new(entries(NAMES), None);
        p.typed("star");
        assert_eq!(p.key(Key::Down), Outcome::Handled);
        assert_eq!(p.active_entry(), Some(3));
        assert_eq!(p.key(Key::Down), Outcome::Handled);
        assert_eq!(p.active_entry(), Some(2), "wraps to the first");
        assert_eq!(p.key(Key::Up), Outcome::Handled);
        assert_eq!(p.active_entry(), Some(3), "wraps to the last");
        assert_eq!(
            p.key(Key::Enter),
            Outcome::Chosen("starshipvtechnologies".into())
        );
    }

    #[test]
    fn arrow_down_on_a_closed_list_opens_everything_at_the_chosen_one() {
        let mut p = Picker::new(entries(NAMES), Some("dropstream"));
        assert_eq!(p.shown(), Vec::<usize>::new());
        assert_eq!(p.key(Key::Down), Outcome::Handled);
        assert_eq!(
            p.shown().len(),
            NAMES.len(),
            "not filtered by the chosen name"
        );
        assert_eq!(p.active_entry(), Some(0));
        assert_eq!(p.text(), "DropStream");
        p.key(Key::Down);
        assert_eq!(
            p.key(Key::Enter),
            Outcome::Chosen("api2cartbettercommerce".into())
        );
    }

    #[test]
    fn alt_down_opens_without_moving() {
        let mut p = Picker::new(entries(NAMES), None);
        p.choose_id("wherehouse");
        p.key(Key::AltDown);
        assert!(p.is_open());
        assert_eq!(p.active_entry(), Some(5));
        p.key(Key::AltDown);
        assert_eq!(p.active_entry(), Some(5));
    }

    #[test]
    fn escape_closes_and_restores_the_chosen_name_and_is_left_alone_when_closed() {
        let mut p = Picker::new(entries(NAMES), None);
        p.typed("drop");
        assert_eq!(p.key(Key::Escape), Outcome::Handled);
        assert!(!p.is_open());
        assert_eq!(p.text(), "API2Cart (BetterCommerce)");
        assert_eq!(p.chosen_id(), Some("api2cartbettercommerce"), "unchanged");
        // A closed list leaves Escape (and Enter) to the page.
        assert_eq!(p.key(Key::Escape), Outcome::Ignored);
        assert_eq!(p.key(Key::Enter), Outcome::Ignored);
    }

    #[test]
    fn nothing_matching_keeps_the_list_open_and_the_choice() {
        let mut p = Picker::new(entries(NAMES), None);
        p.typed("shopify");
        assert!(p.shown().is_empty());
        assert_eq!(p.active_entry(), None);
        assert_eq!(p.key(Key::Down), Outcome::Handled);
        assert_eq!(p.key(Key::Enter), Outcome::Handled);
        assert!(p.is_open());
        p.blur();
        assert_eq!(p.text(), "API2Cart (BetterCommerce)");
    }

    #[test]
    fn clicks_choose_the_shown_option_and_toggle_the_list() {
        let mut p = Picker::new(entries(NAMES), None);
        p.toggle();
        assert!(p.is_open());
        p.typed("e");
        let second = normalize(names(&p)[1]);
        assert_eq!(second, "dropstream");
        assert_eq!(p.click(1), Outcome::Chosen(second));
        assert_eq!(p.click(0), Outcome::Ignored, "closed: nothing shown");
        p.toggle();
        p.toggle();
        assert!(!p.is_open());
    }

    #[test]
    fn choosing_from_outside_takes_only_listed_ids() {
        let mut p = Picker::new(entries(NAMES), None);
        p.typed("drop");
        assert!(p.choose_id("wherehouse"));
        assert!(!p.is_open());
        assert!(!p.choose_id("nope"));
        assert_eq!(p.chosen_id(), Some("wherehouse"));
    }

    #[test]
    fn keys_from_keyboard_events() {
        assert_eq!(Key::from_event("ArrowDown", false), Some(Key::Down));
        assert_eq!(Key::from_event("ArrowDown", true), Some(Key::AltDown));
        assert_eq!(Key::from_event("ArrowUp", true), Some(Key::Up));
        assert_eq!(Key::from_event("Enter", false), Some(Key::Enter));
        assert_eq!(Key::from_event("Escape", false), Some(Key::Escape));
        assert_eq!(Key::from_event("a", false), None);
        assert_eq!(Key::from_event("Tab", false), None);
    }
}
