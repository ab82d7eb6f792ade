//! The settings form (account-name template with its live preview, credential expiry,
//! clipboard clearing) and the optional clipboardRead permission.
//!
//! Without the permission the background clears the clipboard when the delay is over,
//! whatever it holds; with it, only if it still holds what ScopeFill copied. Chrome and
//! Firefox both prompt here (an extension page in a tab); the request must happen within
//! the click.

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, HtmlInputElement};

use super::notice::{self, Kind};
use super::{host, on_event, storage, with_options, Options};
use crate::kit::dom;
use crate::kit::js::error_text;
use scopefill_core::account::{self, NameContext};
use scopefill_core::settings::{self, SettingError, SettingField, Settings, SettingsForm};

const FIELDS: [SettingField; 3] = [
    SettingField::NameTemplate,
    SettingField::ExpiryMinutes,
    SettingField::ClipboardSeconds,
];

/// The input's id (its hint and error are `{id}-hint`, `{id}-error`).
fn input_id(field: SettingField) -> &'static str {
    match field {
        SettingField::NameTemplate => "name-template",
        SettingField::ExpiryMinutes => "expiry-minutes",
        SettingField::ClipboardSeconds => "clipboard-seconds",
    }
}

fn input(o: &Options, field: SettingField) -> Option<HtmlInputElement> {
    o.by_id(input_id(field))
}

fn value(o: &Options, field: SettingField) -> String {
    input(o, field).map(|i| i.value()).unwrap_or_default()
}

/// Shows (or, with None, clears) the error under a field and marks the field.
fn set_field_error(o: &Options, field: SettingField, text: Option<&str>) {
    let id = input_id(field);
    let error = format!("{id}-error");
    dom::set_text(&o.doc, &error, text.unwrap_or(""));
    dom::set_hidden(&o.doc, &error, text.is_none());
    if let Some(i) = input(o, field) {
        match text {
            Some(_) => dom::set_attr(&i, "aria-invalid", "true"),
            None => {
                let _ = i.remove_attribute("aria-invalid");
            }
        }
    }
}

/// An error as the page words it: the template's in the core's words, the numbers' in
/// the browser's language with their range.
fn field_error_text(o: &Options, error: &SettingError) -> String {
    match error {
        SettingError::Template(e) => e.to_string(),
        SettingError::OutOfRange { field, min, max } => {
            let key = match field {
                SettingField::ExpiryMinutes => "options_expiryError",
                _ => "options_clipboardError",
            };
            o.tf(key, &[&min.to_string(), &max.to_string()])
        }
    }
}

/// Today as the content script writes `{date}` (ISO).
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// The live preview of the account-name template, or its error next to the field.
fn preview_template(o: &Options) {
    let Some(preview) = o.doc.get_element_by_id("name-template-preview") else {
        return;
    };
    let date = today();
    let sample = NameContext {
        date: &date,
        ..settings::SAMPLE
    };
    match account::render_name(&value(o, SettingField::NameTemplate), &sample) {
        Ok(name) => {
            preview.set_text_content(Some(&format!("{} ", o.t("options_nameTemplatePreview"))));
            if let Some(output) = dom::el(&o.doc, "output", "preview-name", Some(&name)) {
                dom::append(&preview, &output);
            }
            dom::set_hidden(&o.doc, "name-template-preview", false);
            set_field_error(o, SettingField::NameTemplate, None);
        }
        Err(e) => {
            preview.set_text_content(None);
            dom::set_hidden(&o.doc, "name-template-preview", true);
            set_field_error(o, SettingField::NameTemplate, Some(&e.to_string()));
        }
    }
}

/// Fills the form from `storage.local` (defaults for what is missing or unusable).
pub async fn load() {
    let Some(host) = host() else { return };
    let stored = storage::read_settings(&host).await;
    let get = |key: &str| js_sys::Reflect::get(&stored, &JsValue::from_str(key)).ok();
    let template = get("nameTemplate").and_then(|v| v.as_string());
    let settings = settings::from_stored(
        template.as_deref(),
        get("expirySeconds").and_then(|v| v.as_f64()),
        get("clipboardSeconds").and_then(|v| v.as_f64()),
    );
    let form = settings::form_of(&settings);
    with_options(|o| {
        for (field, text) in [
            (SettingField::NameTemplate, &form.name_template),
            (SettingField::ExpiryMinutes, &form.expiry_minutes),
            (SettingField::ClipboardSeconds, &form.clipboard_seconds),
        ] {
            if let Some(i) = input(o, field) {
                i.set_value(text);
            }
        }
        for (field, range, hint) in [
            (
                SettingField::ExpiryMinutes,
                settings::EXPIRY_MINUTES,
                "options_expiryMinutesHint",
            ),
            (
                SettingField::ClipboardSeconds,
                settings::CLIPBOARD_SECONDS,
                "options_clipboardSecondsHint",
            ),
        ] {
            let (min, max) = (range.start().to_string(), range.end().to_string());
            if let Some(i) = input(o, field) {
                i.set_min(&min);
                i.set_max(&max);
            }
            let text = o.tf(hint, &[&min, &max]);
            dom::set_text(&o.doc, &format!("{}-hint", input_id(field)), &text);
        }
        preview_template(o);
    });
}

fn submit(o: &mut Options) {
    let form = SettingsForm {
        name_template: value(o, SettingField::NameTemplate),
        expiry_minutes: value(o, SettingField::ExpiryMinutes),
        clipboard_seconds: value(o, SettingField::ClipboardSeconds),
    };
    for field in FIELDS {
        set_field_error(o, field, None);
    }
    match settings::validate(&form) {
        Ok(settings) => wasm_bindgen_futures::spawn_local(save(settings)),
        Err(errors) => {
            for e in &errors {
                set_field_error(o, e.field(), Some(&field_error_text(o, e)));
            }
            let text = o.t("options_settingsNotSaved");
            notice::set_status(o, "settings-status", &text, Kind::Error);
            if let Some(first) = errors.first().and_then(|e| input(o, e.field())) {
                let _ = first.focus();
            }
        }
    }
}

async fn save(settings: Settings) {
    let Some(host) = host() else { return };
    let saved = storage::write_settings(&host, &settings).await;
    with_options(|o| match saved {
        Ok(()) => {
            let text = o.t("options_settingsSaved");
            notice::set_status(o, "settings-status", &text, Kind::Ok);
        }
        Err(e) => {
            let text = o.tf("options_settingsFailed", &[&error_text(&e)]);
            notice::set_status(o, "settings-status", &text, Kind::Error);
        }
    });
}

/// Says whether the clipboardRead permission is granted, and offers to change it.
pub async fn show_clipboard_read() {
    let Some(host) = host() else { return };
    let granted = match host.has_clipboard_read() {
        Ok(promise) => JsFuture::from(promise).await.is_ok_and(|v| v.is_truthy()),
        Err(_) => false,
    };
    with_options(|o| {
        o.clipboard_read = granted;
        let (text, button) = if granted {
            ("options_clipboardReadOn", "options_clipboardReadRemove")
        } else {
            ("options_clipboardReadOff", "options_clipboardReadAllow")
        };
        dom::set_text(&o.doc, "clipboard-read-text", &o.t(text));
        dom::set_text(&o.doc, "clipboard-read-button", &o.t(button));
        if let Some(root) = o.doc.document_element() {
            let state = if granted { "granted" } else { "not-granted" };
            dom::set_attr(&root, "data-clipboard-read", state);
        }
    });
}

/// Asks for the permission or gives it up (within the click: the browsers refuse a request
/// made later).
fn change_clipboard_read(o: &mut Options) {
    notice::set_status(o, "clipboard-read-status", "", Kind::Ok);
    let asked = !o.clipboard_read;
    let change = o.host.change_clipboard_read(asked);
    wasm_bindgen_futures::spawn_local(async move {
        let done = match change {
            Ok(promise) => JsFuture::from(promise).await,
            Err(e) => Err(e),
        };
        match done {
            Ok(done) => {
                show_clipboard_read().await;
                if asked && !done.is_truthy() {
                    with_options(|o| {
                        let text = o.t("options_clipboardReadRefused");
                        notice::set_status(o, "clipboard-read-status", &text, Kind::Error);
                    });
                }
            }
            Err(e) => {
                with_options(|o| {
                    notice::set_status(o, "clipboard-read-status", &error_text(&e), Kind::Error);
                });
            }
        }
    });
}

pub fn wire(doc: &Document) -> Vec<EventListener> {
    let mut out = Vec::new();
    out.extend(dom::listen(doc, "name-template", "input", |_| {
        on_event(|o| {
            preview_template(o);
            notice::set_status(o, "settings-status", "", Kind::Ok);
        });
    }));
    for field in [SettingField::ExpiryMinutes, SettingField::ClipboardSeconds] {
        out.extend(dom::listen(doc, input_id(field), "input", move |_| {
            on_event(move |o| {
                set_field_error(o, field, None);
                notice::set_status(o, "settings-status", "", Kind::Ok);
            });
        }));
    }
    if let Some(form) = doc.get_element_by_id("settings-form") {
        out.push(dom::listen_preventable(&form, "submit", |e| {
            e.prevent_default();
            on_event(submit);
        }));
    }
    out.extend(dom::listen(doc, "clipboard-read-button", "click", |_| {
        on_event(change_clipboard_read);
    }));
    out
}
