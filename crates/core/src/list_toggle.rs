//! Which control the fill may press to open a combobox's list, when a click on the
//! combobox itself did not open it. Only a control that declares it opens that list: never a
//! submit button, and never one captioned Save or Cancel in any language the packs know. A
//! wrong press here could save the form half filled.

use crate::lang;

/// A control beside a combobox, as the page describes it.
#[derive(Debug, Clone, Default)]
pub struct Control<'a> {
    /// Lower-case tag name.
    pub tag: &'a str,
    /// The `type` attribute, if any.
    pub kind: Option<&'a str>,
    /// Inside a `<form>` (where a `<button>` without a type submits it).
    pub in_form: bool,
    /// Its `aria-controls` (space-separated ids).
    pub controls: Option<&'a str>,
    /// Its text and its `aria-label`.
    pub text: &'a str,
    pub label: Option<&'a str>,
}

fn submits(c: &Control) -> bool {
    let kind = c.kind.map(|k| k.trim().to_ascii_lowercase());
    match c.tag {
        "button" => match kind.as_deref() {
            Some("button") => false,
            Some("submit") | Some("reset") => true,
            // No type, or one the browser does not know: a submit button inside a form.
            _ => c.in_form,
        },
        "input" => !matches!(kind.as_deref(), Some("button")),
        _ => false,
    }
}

fn captioned_save_or_cancel(c: &Control) -> bool {
    [Some(c.text), c.label]
        .into_iter()
        .flatten()
        .any(|caption| {
            let caption = caption.trim();
            !caption.is_empty()
                && (lang::is_page_text(caption, "save") || lang::is_page_text(caption, "cancel"))
        })
}

/// Whether `control` may be pressed to open the list whose ids are `lists` (the combobox's
/// `aria-controls`/`aria-owns`, and the list's own id if one is found).
pub fn opens_list(control: &Control, lists: &[&str]) -> bool {
    let declares = control.controls.is_some_and(|ids| {
        ids.split_whitespace()
            .any(|id| lists.iter().any(|list| !list.is_empty() && *list == id))
    });
    declares && !submits(control) && !captioned_save_or_cancel(control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toggle() -> Control<'static> {
        Control {
            tag: "button",
            kind: Some("button"),
            in_form: true,
            controls: Some("menu-1"),
            text: "",
            label: Some("toggle menu"),
        }
    }

    #[test]
    fn bigdesigns_toggle_button_opens_its_list() {
        assert!(opens_list(&toggle(), &["menu-1"]));
        assert!(opens_list(
            &Control {
                tag: "div",
                kind: None,
                ..toggle()
            },
            &["other", "menu-1"]
        ));
    }

    #[test]
    fn a_control_that_does_not_name_the_list_is_not_pressed() {
        assert!(!opens_list(&toggle(), &["menu-2"]));
        assert!(!opens_list(
            &Control {
                controls: None,
                ..toggle()
            },
            &["menu-1"]
        ));
        assert!(!opens_list(&toggle(), &[""]));
    }

    #[test]
    fn a_submit_button_is_never_pressed_even_when_it_names_the_list() {
        for kind in [None, Some("submit"), Some("reset"), Some("bogus")] {
            let c = Control { kind, ..toggle() };
            assert!(!opens_list(&c, &["menu-1"]), "{kind:?}");
        }
        let input = Control {
            tag: "input",
            kind: Some("submit"),
            ..toggle()
        };
        assert!(!opens_list(&input, &["menu-1"]));
        // Outside a form, a button without a type submits nothing.
        assert!(opens_list(
            &Control {
                kind: None,
                in_form: false,
                ..toggle()
            },
            &["menu-1"]
        ));
    }

    #[test]
    fn save_and_cancel_are_never_pressed_in_any_language() {
        for caption in [
            "Save",
            "Speichern",
            "Enregistrer",
            "保存",
            "Cancel",
            "Annuler",
        ] {
            let by_text = Control {
                text: caption,
                ..toggle()
            };
            let by_label = Control {
                label: Some(caption),
                ..toggle()
            };
            assert!(!opens_list(&by_text, &["menu-1"]), "{caption}");
            assert!(!opens_list(&by_label, &["menu-1"]), "{caption}");
        }
    }
}
