//! The options page's preset editor, as plain functions: the form a preset is edited in, the
//! preset file a form builds, and the user's `customPresets` list (`[{file, json}]` in
//! `storage.local`) with a preset added or replaced. The page only draws and reads the form;
//! every rule is here and tested natively.
//!
//! The form's data is a preset file itself (the shipped schema), written the canonical way:
//! scopes under their page labels, in catalogue order, level words as the README lists them.
//! Exchanging files keeps the WebAssembly module small: parsing and writing them is code the
//! core has anyway.

use crate::catalog::CATALOG;
use crate::level::Level;
use crate::preset::{
    self, FieldFile, LayoutFile, OtherScopes, Preset, PresetError, PresetFile, ScopeMap,
};

/// The file name a custom preset is stored under.
pub fn file_name(id: &str) -> String {
    let id = id.trim();
    if id.is_empty() {
        "preset.json".into()
    } else {
        format!("{id}.json")
    }
}

/// `preset` as a file. With `every_row`, every catalogue scope gets an entry when the others
/// are set to None (the form shows them all); otherwise only what the file needs: levels
/// other than None, or with `other_scopes: leave` every scope the preset names.
fn file_of(preset: &Preset, every_row: bool) -> PresetFile {
    let scopes = CATALOG
        .iter()
        .filter_map(|s| {
            let level = match (preset.level_for(s.id), preset.other_scopes) {
                (Some(level), OtherScopes::Leave) => level,
                (None, OtherScopes::Leave) => return None,
                (level, OtherScopes::None) => level.unwrap_or(Level::None),
            };
            let keep =
                every_row || preset.other_scopes == OtherScopes::Leave || level != Level::None;
            keep.then(|| (s.label.to_string(), level.as_str().to_string()))
        })
        .collect();
    PresetFile {
        id: preset.id.clone(),
        name: preset.name.clone(),
        account_name: preset.account_name.clone(),
        guide: preset.guide.clone(),
        note: preset.note.clone(),
        other_scopes: preset.other_scopes,
        scopes: ScopeMap(scopes),
        layouts: preset
            .layouts
            .iter()
            .map(|l| LayoutFile {
                name: l.name.clone(),
                fields: l
                    .fields
                    .iter()
                    .map(|f| FieldFile {
                        label: f.label.clone(),
                        value: f.value,
                        optional: f.optional,
                    })
                    .collect(),
            })
            .collect(),
        target: preset.target.clone(),
    }
}

fn pretty(file: &PresetFile) -> String {
    serde_json::to_string_pretty(file).unwrap_or_default()
}

/// The form for an existing preset: with `other_scopes: none` every catalogue scope has an
/// entry (None where the preset names none); with `leave`, the scopes the preset names.
pub fn form_of(preset: &Preset) -> PresetFile {
    file_of(preset, true)
}

/// The form for a preset file (the template, or a stored custom preset).
pub fn form_file(file: &str, json: &str) -> Result<PresetFile, PresetError> {
    preset::parse(file, json, false).map(|p| form_of(&p))
}

/// The form for a new preset: the template, every scope at None.
pub fn new_form() -> Result<PresetFile, PresetError> {
    form_file("template.json", &pretty(&preset::template()))
}

/// The form for a copy of `preset`: a free id (`<id>-copy`, `<id>-copy-2`, …) and "(copy)"
/// after the name, the name shortened with "…" where that would pass the cap on names. `taken`
/// are the ids in use.
pub fn copy_of(preset: &Preset, taken: &[&str]) -> PresetFile {
    let mut form = form_of(preset);
    let base = format!("{}-copy", preset.id);
    form.id = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken.contains(&id.as_str()))
        .unwrap_or(base);
    const COPY: &str = " (copy)";
    let room = preset::MAX_NAME_CHARS - COPY.len();
    let name = if preset.name.chars().count() > room {
        let kept: String = preset.name.chars().take(room - 1).collect();
        format!("{}…", kept.trim_end())
    } else {
        preset.name.clone()
    };
    form.name = format!("{name}{COPY}");
    form
}

/// An id made from a display name: lowercase ASCII letters and digits, other runs become
/// one '-' ("My Warehouse (EU)" → "my-warehouse-eu").
pub fn suggest_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            id.push(ch.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id
}

/// The preset a form describes (`json`, read from `file`), checked exactly as an imported
/// file is, then written the canonical way: `(json, the validated preset)`. Scope rows at
/// None are left out when the other scopes are set to None anyway.
pub fn build(file: &str, json: &str) -> Result<(String, Preset), PresetError> {
    let preset = preset::parse(file, json, false)?;
    let text = pretty(&file_of(&preset, false));
    let preset = preset::parse(file, &text, false)?;
    Ok((text, preset))
}

/// The user's presets are at the cap: `stored` entries, where at most `max` are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full {
    pub stored: usize,
    pub max: usize,
}

/// Whether another preset may be stored: not when [`preset::MAX_CUSTOM`] entries are stored
/// already (broken ones count: they hold their place until deleted). Replacing the entry
/// stored as `replacing` adds none.
pub fn room_for_another(custom: &[(String, String)], replacing: Option<&str>) -> Result<(), Full> {
    let replaces = replacing.is_some_and(|file| custom.iter().any(|(f, _)| f == file));
    if replaces || custom.len() < preset::MAX_CUSTOM {
        Ok(())
    } else {
        Err(Full {
            stored: custom.len(),
            max: preset::MAX_CUSTOM,
        })
    }
}

/// The user's presets with `json` (read from `source`, which names it in errors) added, or
/// in place of the entry stored as `replacing`. It is refused when it is not a valid preset
/// (which includes taking a shipped preset's id or name), its id is taken by another of the
/// user's, or [`room_for_another`] says no. It is stored as `<id>.json`, its text as given.
pub fn upsert(
    custom: &[(String, String)],
    replacing: Option<&str>,
    source: &str,
    json: &str,
) -> Result<(Vec<(String, String)>, Preset), PresetError> {
    let preset = preset::parse(source, json, false)?;
    if let Err(full) = room_for_another(custom, replacing) {
        return Err(PresetError {
            file: source.to_string(),
            field: String::new(),
            message: format!(
                "{} presets of your own are stored and ScopeFill keeps at most {}; delete one first",
                full.stored, full.max
            ),
        });
    }
    let taken = |owner: String| PresetError {
        file: source.to_string(),
        field: "id".into(),
        message: format!(
            "{:?} is already used by {owner}; choose another id",
            preset.id
        ),
    };
    let others = custom
        .iter()
        .filter(|(file, _)| Some(file.as_str()) != replacing);
    for (file, text) in others.clone() {
        if let Ok(other) = preset::parse(file, text, false) {
            if other.id == preset.id {
                return Err(taken(format!("your preset {:?}", other.name)));
            }
        }
    }
    let file = file_name(&preset.id);
    if others.clone().any(|(f, _)| *f == file) {
        return Err(PresetError {
            file: source.to_string(),
            field: "id".into(),
            message: format!(
                "another of your presets is stored as {file}; delete it or choose another id"
            ),
        });
    }
    let entry = (file, json.to_string());
    let mut list: Vec<(String, String)> = Vec::with_capacity(custom.len() + 1);
    let mut placed = false;
    for item in custom {
        if Some(item.0.as_str()) == replacing {
            if !placed {
                list.push(entry.clone());
                placed = true;
            }
        } else {
            list.push(item.clone());
        }
    }
    if !placed {
        list.push(entry);
    }
    Ok((list, preset))
}

/// The user's presets as the options page lists them: each usable one with the index of the
/// stored entry it comes from, and the entries that cannot be used, with why.
pub fn listed(custom: &[(String, String)]) -> (Vec<(Preset, usize)>, Vec<PresetError>) {
    preset::load_custom_with::<crate::json::SerdeJson>(custom)
}

/// The user's presets without the entry stored as `file`.
pub fn without(custom: &[(String, String)], file: &str) -> Vec<(String, String)> {
    custom.iter().filter(|(f, _)| f != file).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::ValueKind;
    use serde::Deserialize;

    fn template_form() -> PresetFile {
        new_form().unwrap()
    }

    fn set(form: &mut PresetFile, label: &str, level: &str) {
        let row = form.scopes.0.iter_mut().find(|(l, _)| l == label);
        match row {
            Some(row) => row.1 = level.into(),
            None => form.scopes.0.push((label.into(), level.into())),
        }
    }

    fn build_form(form: &PresetFile) -> Result<(String, Preset), PresetError> {
        build(&file_name(&form.id), &serde_json::to_string(form).unwrap())
    }

    /// The `scopes` object of a preset file, in file order.
    fn scopes_of(json: &str) -> Vec<(String, String)> {
        #[derive(Deserialize)]
        struct Only {
            scopes: ScopeMap,
        }
        serde_json::from_str::<Only>(json).unwrap().scopes.0
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_template_is_a_valid_preset_file_with_every_shown_scope_at_none() {
        let json = serde_json::to_string_pretty(&preset::template()).unwrap();
        let p = preset::parse("template.json", &json, false).unwrap();
        assert_eq!(p.scopes.len(), 27);
        assert!(p.scopes.iter().all(|s| s.level == Level::None));
        assert!(json.contains("\"Content\": \"none\""), "{json}");
    }

    #[test]
    fn the_form_has_every_catalogue_scope_including_conditional_ones() {
        let f = template_form();
        let labels: Vec<&str> = f.scopes.0.iter().map(|(l, _)| l.as_str()).collect();
        let all: Vec<&str> = CATALOG.iter().map(|s| s.label).collect();
        assert_eq!(labels, all);
        assert!(f.scopes.0.iter().all(|(_, l)| l == "none"));
        assert_eq!(f.layouts[0].fields.len(), 4);
    }

    #[test]
    fn building_keeps_levels_other_than_none_under_page_labels_in_catalogue_order() {
        let mut f = template_form();
        f.id = "my-shop".into();
        f.name = "My shop".into();
        set(&mut f, "Orders", "modify");
        set(&mut f, "Customers login", "login");
        set(&mut f, "Infrastructure Deployments", "create-preview");
        let (json, p) = build_form(&f).unwrap();
        assert_eq!(
            scopes_of(&json),
            pairs(&[
                ("Customers login", "login"),
                ("Orders", "modify"),
                ("Infrastructure Deployments", "create preview"),
            ])
        );
        assert_eq!(p.level_for("orders"), Some(Level::Modify));
        assert!(!json.contains("\"guide\""), "{json}");
    }

    #[test]
    fn aliases_and_spellings_are_written_the_canonical_way() {
        let json = r#"{"id": "a", "name": "A", "account_name": "A app",
            "scopes": {"Customer Login": "Login", "products": "READ ONLY"},
            "layouts": [{"name": "A", "fields": [{"label": "T", "value": "access_token"}]}]}"#;
        let (text, _) = build("a.json", json).unwrap();
        assert_eq!(
            scopes_of(&text),
            pairs(&[("Customers login", "login"), ("Products", "read-only")])
        );
    }

    #[test]
    fn with_leave_none_is_kept_and_unnamed_rows_stay_out() {
        let mut f = template_form();
        f.other_scopes = OtherScopes::Leave;
        f.scopes = ScopeMap(pairs(&[("Products", "none"), ("Orders", "read-only")]));
        let (json, p) = build_form(&f).unwrap();
        assert_eq!(
            scopes_of(&json),
            pairs(&[("Orders", "read-only"), ("Products", "none")])
        );
        assert_eq!(p.other_scopes, OtherScopes::Leave);
        assert_eq!(
            form_of(&p).scopes.0,
            pairs(&[("Orders", "read-only"), ("Products", "none")])
        );
    }

    #[test]
    fn every_shipped_preset_survives_the_form_round_trip() {
        for p in preset::shipped() {
            // As a copy: a preset of the user's may not take a shipped one's id or name.
            let copy = copy_of(p, &[]);
            let form = serde_json::to_string(&copy).unwrap();
            let (_, back) = build(&file_name(&copy.id), &form).unwrap();
            assert_eq!(back.id, format!("{}-copy", p.id));
            assert_eq!(back.other_scopes, p.other_scopes, "{}", p.id);
            assert_eq!(back.layouts, p.layouts, "{}", p.id);
            for scope in CATALOG {
                let unnamed = |q: &Preset| match q.other_scopes {
                    OtherScopes::None => Some(Level::None),
                    OtherScopes::Leave => None,
                };
                assert_eq!(
                    back.level_for(scope.id).or(unnamed(&back)),
                    p.level_for(scope.id).or(unnamed(p)),
                    "{} {}",
                    p.id,
                    scope.id
                );
            }
        }
    }

    #[test]
    fn form_errors_name_the_field_as_an_import_would() {
        let mut f = template_form();
        f.id = "My Shop".into();
        let e = build_form(&f).unwrap_err();
        assert_eq!((e.file.as_str(), e.field.as_str()), ("My Shop.json", "id"));
        let mut f = template_form();
        f.guide = Some("http://example.com".into());
        assert_eq!(build_form(&f).unwrap_err().field, "guide");
        let mut f = template_form();
        f.layouts[0].fields[1].label = "API Path".into();
        let e = build_form(&f).unwrap_err();
        assert_eq!(e.field, "layouts[0].fields[1].label");
        assert!(e.message.contains("used twice"), "{e}");
    }

    #[test]
    fn copies_get_a_free_id() {
        let wherehouse = preset::find(preset::shipped(), "wherehouse").unwrap();
        let f = copy_of(wherehouse, &["wherehouse"]);
        assert_eq!(f.id, "wherehouse-copy");
        assert_eq!(f.name, "Wherehouse (copy)");
        let long = preset::find(preset::shipped(), "migration-from-bigcommerce").unwrap();
        let f = copy_of(long, &[]);
        assert_eq!(
            f.name,
            "Store migration from BigCommerce (Next-Cart, LitExte… (copy)"
        );
        assert_eq!(f.name.chars().count(), preset::MAX_NAME_CHARS);
        let f = copy_of(wherehouse, &["wherehouse-copy", "wherehouse-copy-2"]);
        assert_eq!(f.id, "wherehouse-copy-3");
        assert_eq!(f.layouts[0].fields[0].value, ValueKind::ApiPath);
        // A level the row does not offer is kept as the guide wrote it.
        assert!(f
            .scopes
            .0
            .contains(&("Customers login".to_string(), "modify".to_string())));
    }

    #[test]
    fn ids_are_suggested_from_names() {
        assert_eq!(suggest_id("My Warehouse (EU)"), "my-warehouse-eu");
        assert_eq!(suggest_id("  --Ünï 2 "), "n-2");
        assert_eq!(suggest_id("???"), "");
        assert_eq!(file_name(" my-id "), "my-id.json");
        assert_eq!(file_name(""), "preset.json");
    }

    const MINE: &str = r#"{"id": "mine", "name": "Mine", "account_name": "Mine app",
        "scopes": {"Orders": "modify"},
        "layouts": [{"name": "Mine", "fields": [{"label": "Token", "value": "access_token"}]}]}"#;

    #[test]
    fn upsert_adds_replaces_and_refuses_taken_ids() {
        let (list, p) = upsert(&[], None, "Downloads/mine (1).json", MINE).unwrap();
        assert_eq!(p.id, "mine");
        assert_eq!(list, vec![("mine.json".to_string(), MINE.to_string())]);

        // The same id again, not as a replacement: refused, naming the owner.
        let e = upsert(&list, None, "again.json", MINE).unwrap_err();
        assert_eq!(
            e.to_string(),
            "again.json: id: \"mine\" is already used by your preset \"Mine\"; choose another id"
        );

        // Replacing keeps the position; a renamed id is stored under its new file name.
        let other = MINE.replace("\"mine\"", "\"other\"");
        let (list, _) = upsert(&list, None, "other.json", &other).unwrap();
        let renamed = MINE.replace("\"mine\"", "\"mine-2\"");
        let (list, _) = upsert(&list, Some("mine.json"), "mine-2.json", &renamed).unwrap();
        let files: Vec<&str> = list.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(files, ["mine-2.json", "other.json"]);

        let shipped = MINE.replace("\"mine\"", "\"wherehouse\"");
        let e = upsert(&list, None, "w.json", &shipped).unwrap_err();
        assert_eq!(e.field, "id");
        assert!(
            e.message.contains("the shipped preset \"Wherehouse\""),
            "{e}"
        );
    }

    #[test]
    fn upsert_refuses_an_invalid_preset_with_the_parse_error() {
        let bad = MINE.replace("Orders", "Ordres");
        let e = upsert(&[], None, "my.json", &bad).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("my.json: scopes.\"Ordres\": unknown scope; closest known: Orders"),
            "{e}"
        );
    }

    #[test]
    fn the_list_names_the_entry_each_preset_comes_from() {
        let other = MINE.replace("\"mine\"", "\"other\"");
        let custom = vec![
            ("bad.json".to_string(), "{".to_string()),
            ("mine.json".to_string(), MINE.to_string()),
            ("again.json".to_string(), MINE.to_string()),
            ("other.json".to_string(), other),
        ];
        let (mine, errors) = listed(&custom);
        let shown: Vec<(&str, usize)> = mine.iter().map(|(p, i)| (p.id.as_str(), *i)).collect();
        assert_eq!(shown, [("mine", 1), ("other", 3)]);
        let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files, ["bad.json", "again.json"]);
        assert_eq!(without(&custom, "bad.json").len(), 3);
    }

    #[test]
    fn upsert_refuses_a_file_name_held_by_a_broken_entry() {
        let broken = vec![("mine.json".to_string(), "{".to_string())];
        let e = upsert(&broken, None, "x.json", MINE).unwrap_err();
        assert!(e.message.contains("stored as mine.json"), "{e}");
        let (list, _) = upsert(&broken, Some("mine.json"), "x.json", MINE).unwrap();
        assert_eq!(list.len(), 1);
    }
}
