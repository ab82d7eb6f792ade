//! One preset's card in the lists: name, number of scopes, account name, note, guide link,
//! and the buttons of its list (Duplicate for shipped presets; Edit, Export, Delete, or
//! the delete confirmation, for the user's).

use web_sys::Element;

use super::Options;
use crate::kit::dom::{self, el, set_attr};
use scopefill_core::preset::Preset;

/// A guide link the card may point to: http(s) only, as the browser writes it.
fn safe_url(value: &str) -> Option<String> {
    let url = web_sys::Url::new(value).ok()?;
    matches!(url.protocol().as_str(), "https:" | "http:").then(|| url.href())
}

/// The card, with the user's preset's id under its account name when `custom`.
pub fn card(o: &Options, preset: &Preset, custom: bool) -> Option<Element> {
    let doc = &o.doc;
    let item = el(doc, "li", "card preset", None)?;
    set_attr(&item, "data-preset", &preset.id);

    let head = el(doc, "div", "card-head", None)?;
    dom::append(&head, &el(doc, "h3", "card-title", Some(&preset.name))?)?;
    let count = preset.scopes.len();
    let scopes = if count == 1 {
        o.t("presetScopeCountOne")
    } else {
        o.tf("presetScopeCount", &[&count.to_string()])
    };
    dom::append(&head, &el(doc, "span", "badge", Some(&scopes))?)?;
    if !preset.builtin {
        let tag = o.t("presetCustom");
        dom::append(&head, &el(doc, "span", "badge badge-quiet", Some(&tag))?)?;
    }
    dom::append(&item, &head)?;

    let account = o.tf("presetAccountName", &[&preset.account_name]);
    dom::append(&item, &el(doc, "p", "card-meta", Some(&account))?)?;
    if custom {
        let id = o.tf("options_presetId", &[&preset.id]);
        dom::append(&item, &el(doc, "p", "card-meta", Some(&id))?)?;
    }
    if let Some(note) = preset.note.as_deref().filter(|n| !n.is_empty()) {
        dom::append(&item, &el(doc, "p", "card-note", Some(note))?)?;
    }
    if let Some(guide) = preset.guide.as_deref().and_then(safe_url) {
        let link = el(doc, "a", "card-link", Some(&o.t("presetGuide")))?;
        set_attr(&link, "href", &guide);
        set_attr(&link, "target", "_blank");
        set_attr(&link, "rel", "noopener noreferrer");
        dom::append(&item, &link)?;
    }
    let actions = if custom {
        custom_actions(o, preset)
    } else {
        shipped_actions(o, preset)
    };
    dom::append(&item, &actions?)?;
    Some(item)
}

/// A card button; the list's click handler tells them apart by `data-action`.
fn action(o: &Options, class: &str, text: &str, label: &str, act: &str) -> Option<Element> {
    let b = dom::button(&o.doc, class, text, Some(label))?;
    set_attr(&b, "data-action", act);
    Some(b)
}

fn shipped_actions(o: &Options, preset: &Preset) -> Option<Element> {
    let actions = el(&o.doc, "div", "card-actions", None)?;
    let label = o.tf("options_duplicateLabel", &[&preset.name]);
    let text = o.t("options_duplicate");
    dom::append(
        &actions,
        &action(o, "button-quiet", &text, &label, "duplicate")?,
    )?;
    Some(actions)
}

/// Edit, Export, Delete.
pub fn custom_actions(o: &Options, preset: &Preset) -> Option<Element> {
    let actions = el(&o.doc, "div", "card-actions", None)?;
    for (text, label, act) in [
        ("options_edit", "options_editLabel", "edit"),
        ("options_export", "options_exportLabel", "export"),
        ("options_delete", "options_deleteLabel", "delete"),
    ] {
        let label = o.tf(label, &[&preset.name]);
        dom::append(
            &actions,
            &action(o, "button-quiet", &o.t(text), &label, act)?,
        )?;
    }
    Some(actions)
}

/// The confirm step that replaces a card's buttons: "Delete “X”? [Delete] [Keep]".
pub fn confirm_delete(o: &Options, preset: &Preset, file: &str) -> Option<Element> {
    let doc = &o.doc;
    let name = preset.name.as_str();
    let group = el(doc, "div", "confirm", None)?;
    set_attr(&group, "role", "group");
    let question = el(
        doc,
        "p",
        "confirm-text",
        Some(&o.tf("options_deleteConfirm", &[name])),
    )?;
    let safe: String = file
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    question.set_id(&format!("confirm-{safe}"));
    set_attr(&group, "aria-labelledby", &question.id());
    dom::append(&group, &question)?;
    let buttons = el(doc, "div", "card-actions", None)?;
    let yes_label = o.tf("options_deleteYesLabel", &[name]);
    let yes = action(
        o,
        "button-danger",
        &o.t("options_deleteYes"),
        &yes_label,
        "delete-yes",
    )?;
    let no_label = o.tf("options_deleteNoLabel", &[name]);
    let no = action(
        o,
        "button-quiet",
        &o.t("options_deleteNo"),
        &no_label,
        "delete-no",
    )?;
    dom::append(&buttons, &yes)?;
    dom::append(&buttons, &no)?;
    dom::append(&group, &buttons)?;
    Some(group)
}
