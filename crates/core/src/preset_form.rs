//! The options page's preset form while it is open: what each control holds and what every
//! edit does to it (the id following the name, "leave them as they are" turning None rows
//! into unset ones, adding, moving and removing values and layouts), and the preset file it
//! describes. The page draws a [`Form`] and calls its methods; Save hands [`Form::to_file`]
//! to [`crate::preset_editor::build`].

use crate::catalog::{Scope, CATALOG};
use crate::level::Level;
use crate::preset::{FieldFile, LayoutFile, OtherScopes, PresetFile, ScopeMap, TargetFile};
use crate::preset_editor;
use crate::target::ValueKind;

/// The form's text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Id,
    Name,
    AccountName,
    Guide,
    Note,
}

/// One choice of a scope row's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// `None`: "leave as it is" (only offered when the other scopes are left).
    pub level: Option<Level>,
    /// False for a level the row does not offer, kept as the file wrote it (a guide may ask
    /// for "modify" on a login-only row; the fill then picks the closest).
    pub offered: bool,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    pub name: String,
    pub account_name: String,
    pub guide: String,
    pub note: String,
    pub other_scopes: OtherScopes,
    /// One per catalogue scope, in catalogue order: the level chosen, or `None` for "leave
    /// as it is" (only while the other scopes are left).
    pub levels: Vec<Option<Level>>,
    pub layouts: Vec<LayoutFile>,
    /// The target profile, kept as the file wrote it (the form has no controls for it).
    pub target: Option<TargetFile>,
    /// The id follows the name until the user types one (new presets and copies).
    pub auto_id: bool,
}

impl Form {
    /// The form showing `file` (as `preset_editor` writes it for a form); `fresh` lets the
    /// id follow the name.
    pub fn from_file(file: PresetFile, fresh: bool) -> Form {
        let other = file.other_scopes;
        let levels = CATALOG
            .iter()
            .map(|scope| {
                let written = file
                    .scopes
                    .0
                    .iter()
                    .find(|(label, _)| label == scope.label)
                    .and_then(|(_, word)| Level::parse(word).ok());
                written.or(match other {
                    OtherScopes::None => Some(Level::None),
                    OtherScopes::Leave => None,
                })
            })
            .collect();
        Form {
            id: file.id,
            name: file.name,
            account_name: file.account_name,
            guide: file.guide.unwrap_or_default(),
            note: file.note.unwrap_or_default(),
            other_scopes: other,
            levels,
            layouts: file.layouts,
            target: file.target,
            auto_id: fresh,
        }
    }

    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::Id => &self.id,
            TextField::Name => &self.name,
            TextField::AccountName => &self.account_name,
            TextField::Guide => &self.guide,
            TextField::Note => &self.note,
        }
    }

    /// The user typed `text` into `field`. Returns true when the id changed with the name.
    pub fn typed(&mut self, field: TextField, text: &str) -> bool {
        let text = text.to_string();
        match field {
            TextField::Id => {
                self.id = text;
                self.auto_id = false;
            }
            TextField::Name => {
                let suggested = preset_editor::suggest_id(&text);
                self.name = text;
                if self.auto_id && !suggested.is_empty() {
                    self.id = suggested;
                    return true;
                }
            }
            TextField::AccountName => self.account_name = text,
            TextField::Guide => self.guide = text,
            TextField::Note => self.note = text,
        }
        false
    }

    /// The choices of scope row `index` (catalogue order), in the order the list shows them.
    pub fn choices(&self, index: usize) -> Vec<Choice> {
        let Some(scope) = CATALOG.get(index) else {
            return Vec::new();
        };
        choices(
            scope,
            self.levels.get(index).copied().flatten(),
            self.other_scopes,
        )
    }

    pub fn set_level(&mut self, index: usize, level: Option<Level>) {
        // "Leave as it is" exists only while the other scopes are left.
        let level = level.or(match self.other_scopes {
            OtherScopes::None => Some(Level::None),
            OtherScopes::Leave => None,
        });
        if let Some(slot) = self.levels.get_mut(index) {
            *slot = level;
        }
    }

    /// Rows at None are what "not set" means when the others are set to None: they become
    /// "leave as it is" when the others are left, and back.
    pub fn set_other_scopes(&mut self, other: OtherScopes) {
        self.other_scopes = other;
        for level in &mut self.levels {
            match (other, *level) {
                (OtherScopes::Leave, Some(Level::None)) => *level = None,
                (OtherScopes::None, None) => *level = Some(Level::None),
                _ => {}
            }
        }
    }

    fn layout_mut(&mut self, layout: usize) -> Option<&mut LayoutFile> {
        self.layouts.get_mut(layout)
    }

    pub fn set_layout_name(&mut self, layout: usize, name: &str) {
        if let Some(l) = self.layout_mut(layout) {
            l.name = name.to_string();
        }
    }

    fn field_mut(&mut self, layout: usize, field: usize) -> Option<&mut FieldFile> {
        self.layout_mut(layout)?.fields.get_mut(field)
    }

    pub fn set_field_label(&mut self, layout: usize, field: usize, label: &str) {
        if let Some(f) = self.field_mut(layout, field) {
            f.label = label.to_string();
        }
    }

    pub fn set_field_value(&mut self, layout: usize, field: usize, value: ValueKind) {
        if let Some(f) = self.field_mut(layout, field) {
            f.value = value;
        }
    }

    pub fn set_field_optional(&mut self, layout: usize, field: usize, optional: bool) {
        if let Some(f) = self.field_mut(layout, field) {
            f.optional = optional;
        }
    }

    /// A new, unlabelled value at the end of `layout`: the first kind the layout does not
    /// ask for yet (else the access token).
    pub fn add_field(&mut self, layout: usize) {
        let Some(l) = self.layout_mut(layout) else {
            return;
        };
        let value = ValueKind::ALL
            .into_iter()
            .find(|k| l.fields.iter().all(|f| f.value != *k))
            .unwrap_or(ValueKind::AccessToken);
        l.fields.push(FieldFile {
            label: String::new(),
            value,
            optional: false,
        });
    }

    /// Moves value `from` of `layout` to position `to`; false if either is out of range.
    pub fn move_field(&mut self, layout: usize, from: usize, to: usize) -> bool {
        let Some(l) = self.layout_mut(layout) else {
            return false;
        };
        if from >= l.fields.len() || to >= l.fields.len() {
            return false;
        }
        let field = l.fields.remove(from);
        l.fields.insert(to, field);
        true
    }

    /// Removes a value; a layout keeps at least one.
    pub fn remove_field(&mut self, layout: usize, field: usize) -> bool {
        match self.layout_mut(layout) {
            Some(l) if l.fields.len() > 1 && field < l.fields.len() => {
                l.fields.remove(field);
                true
            }
            _ => false,
        }
    }

    /// A new layout asking for the Client ID and the access token, labelled with the page's
    /// words for them.
    pub fn add_layout(&mut self, client_id_label: &str, access_token_label: &str) {
        let field = |label: &str, value| FieldFile {
            label: label.to_string(),
            value,
            optional: false,
        };
        self.layouts.push(LayoutFile {
            name: String::new(),
            fields: vec![
                field(client_id_label, ValueKind::ClientId),
                field(access_token_label, ValueKind::AccessToken),
            ],
        });
    }

    /// Removes a layout; a preset keeps at least one.
    pub fn remove_layout(&mut self, layout: usize) -> bool {
        if self.layouts.len() > 1 && layout < self.layouts.len() {
            self.layouts.remove(layout);
            true
        } else {
            false
        }
    }

    /// The name the file is checked under (errors start with it).
    pub fn file_name(&self) -> String {
        preset_editor::file_name(&self.id)
    }

    /// The preset file the form describes: empty optional texts left out, unset rows left
    /// out, and rows at None left out when the other scopes are set to None anyway.
    pub fn to_file(&self) -> PresetFile {
        let optional = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
        let scopes = CATALOG
            .iter()
            .zip(&self.levels)
            .filter_map(|(scope, level)| {
                let level = (*level)?;
                let implied = level == Level::None && self.other_scopes == OtherScopes::None;
                (!implied).then(|| (scope.label.to_string(), level.as_str().to_string()))
            })
            .collect();
        PresetFile {
            id: self.id.clone(),
            name: self.name.clone(),
            account_name: self.account_name.clone(),
            guide: optional(&self.guide),
            note: optional(&self.note),
            other_scopes: self.other_scopes,
            scopes: ScopeMap(scopes),
            layouts: self.layouts.clone(),
            target: self.target.clone(),
        }
    }
}

/// A row's choices: "leave as it is" when the others are left, None, the levels the row
/// offers, and the level chosen if the row does not offer it.
fn choices(scope: &Scope, level: Option<Level>, other: OtherScopes) -> Vec<Choice> {
    let offered = |level| Choice {
        level: Some(level),
        offered: true,
    };
    let mut list = Vec::new();
    if other == OtherScopes::Leave {
        list.push(Choice {
            level: None,
            offered: true,
        });
    }
    // None is listed on every row (as the file format allows it everywhere); the fill sets
    // the row's lowest level where the page offers no None.
    list.push(offered(Level::None));
    list.extend(scope.levels.iter().map(|(l, _)| offered(*l)));
    if let Some(level) = level {
        if !list.iter().any(|c| c.level == Some(level)) {
            list.push(Choice {
                level: Some(level),
                offered: false,
            });
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset;

    fn template_form() -> Form {
        Form::from_file(preset_editor::new_form().unwrap(), true)
    }

    fn index(label: &str) -> usize {
        CATALOG.iter().position(|s| s.label == label).unwrap()
    }

    #[test]
    fn the_id_follows_the_name_until_typed() {
        let mut f = template_form();
        assert!(f.typed(TextField::Name, "Test Warehouse"));
        assert_eq!(f.id, "test-warehouse");
        assert!(
            !f.typed(TextField::Name, "???"),
            "no id from a name without letters"
        );
        assert_eq!(f.id, "test-warehouse");
        f.typed(TextField::Id, "mine");
        assert!(!f.typed(TextField::Name, "Other"));
        assert_eq!(f.id, "mine");
    }

    #[test]
    fn leave_turns_none_rows_into_unset_ones_and_back() {
        let mut f = template_form();
        let orders = index("Orders");
        f.set_level(orders, Some(Level::Modify));
        f.set_other_scopes(OtherScopes::Leave);
        assert_eq!(f.levels[index("Themes")], None);
        assert_eq!(f.levels[orders], Some(Level::Modify));
        assert_eq!(f.choices(orders)[0].level, None, "leave listed first");
        f.set_level(index("Products"), Some(Level::None));
        let file = f.to_file();
        assert_eq!(
            file.scopes.0,
            vec![
                ("Orders".to_string(), "modify".to_string()),
                ("Products".to_string(), "none".to_string()),
            ]
        );
        f.set_other_scopes(OtherScopes::None);
        assert_eq!(f.levels[index("Themes")], Some(Level::None));
        assert!(f.choices(orders).iter().all(|c| c.level.is_some()));
        assert_eq!(f.to_file().scopes.0.len(), 1, "None rows implied");
    }

    #[test]
    fn a_level_the_row_does_not_offer_is_listed_as_such() {
        let mut f = template_form();
        let login = index("Customers login");
        let levels: Vec<_> = f.choices(login).iter().map(|c| c.level).collect();
        assert_eq!(levels, [Some(Level::None), Some(Level::Login)]);
        f.set_level(login, Some(Level::Modify));
        let last = *f.choices(login).last().unwrap();
        assert_eq!((last.level, last.offered), (Some(Level::Modify), false));
    }

    #[test]
    fn values_and_layouts_are_added_moved_and_removed() {
        let mut f = template_form();
        f.add_field(0);
        assert_eq!(f.layouts[0].fields[4].value, ValueKind::B2bApiPath);
        assert!(f.move_field(0, 4, 0));
        assert_eq!(f.layouts[0].fields[0].value, ValueKind::B2bApiPath);
        assert!(!f.move_field(0, 0, 9));
        f.add_layout("Client ID", "Access token");
        assert_eq!(f.layouts.len(), 2);
        assert!(f.remove_field(1, 0));
        assert!(!f.remove_field(1, 0), "a layout keeps one value");
        assert!(f.remove_layout(1));
        assert!(!f.remove_layout(0), "a preset keeps one layout");
        for k in ValueKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
            assert_eq!(ValueKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn the_form_builds_the_file_it_shows() {
        let wherehouse = preset::find(preset::shipped(), "wherehouse").unwrap();
        let form = Form::from_file(preset_editor::copy_of(wherehouse, &[]), false);
        let mut edited = form.clone();
        edited.guide = "  ".into();
        let json = serde_json::to_string(&edited.to_file()).unwrap();
        let (_, back) = preset_editor::build(&form.file_name(), &json).unwrap();
        for scope in CATALOG {
            let level = |p: &preset::Preset| p.level_for(scope.id).unwrap_or(Level::None);
            assert_eq!(level(&back), level(wherehouse), "{}", scope.id);
        }
        assert_eq!(back.guide, None, "blank optional texts are left out");
        assert_eq!(back.layouts, wherehouse.layouts);
    }
}
