//! Drawing the popup's dynamic parts from its state.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::Popup;
use crate::kit::dom::{self, el, set_attr};
use scopefill_core::contract::{ProblemRecord, Source};
use scopefill_core::credentials::{CredentialField, ProblemKind};
use scopefill_core::popup_model::{choose_account, countdown, mask, Capture};
use scopefill_core::secret::Secret;
use scopefill_core::target;

/// Fills the "Show for" select with the presets.
pub fn render_presets(p: &Popup) {
    let Some(select) = dom::by_id::<Element>(&p.doc, "show-for") else {
        return;
    };
    let options: Vec<Element> = p
        .presets
        .iter()
        .filter_map(|preset| {
            let o = el(&p.doc, "option", "", Some(&preset.name))?;
            set_attr(&o, "value", &preset.id);
            Some(o)
        })
        .collect();
    dom::replace_children(&select, &options);
}

/// "14:02" in the browser's language.
fn clock(p: &Popup, ms: f64) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"hour".into(), &"2-digit".into());
    let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
    js_sys::Date::new(&JsValue::from_f64(ms))
        .to_locale_time_string_with_options(&p.lang, &options)
        .into()
}

fn expiry_text(p: &Popup, expires_at: f64, now: f64) -> String {
    match countdown(expires_at - now) {
        Some(left) => p.tf("popup_expiresIn", &[&left]),
        None => p.t("popup_expired"),
    }
}

fn title_of(p: &Popup, c: &Capture) -> String {
    if c.preset_name.is_empty() {
        p.t("popup_noPreset")
    } else {
        c.preset_name.clone()
    }
}

/// "Store abc123 · captured 14:02": the store is the one the background bound the capture
/// to (the control-panel host that sent it, or an import's API path).
fn meta_of(p: &Popup, c: &Capture) -> String {
    let store = match c.store() {
        Some(hash) => p.tf("popup_store", &[&hash]),
        None => p.t("popup_unknownStore"),
    };
    let when = clock(p, c.captured_at);
    let key = if c.source == Source::Import {
        "popup_importedAt"
    } else {
        "popup_capturedAt"
    };
    format!("{store} · {}", p.tf(key, &[&when]))
}

/// A problem the background found with a capture, in the browser's language (its stored
/// text is the core's English; an unknown field or kind is not shown).
fn problem_text(p: &Popup, problem: &ProblemRecord) -> Option<String> {
    let field = CredentialField::from_key(&problem.field)?;
    let key = match ProblemKind::from_key(&problem.kind)? {
        ProblemKind::Missing => "popup_problemMissing",
        ProblemKind::Odd => "popup_problemOdd",
        ProblemKind::Conflict => "popup_problemConflict",
        ProblemKind::Stripped => "popup_problemStripped",
    };
    Some(p.tf(key, &[field.label()]))
}

/// The shown account's card: title, store and time, the countdown (kept up to date by
/// `tick`), the conflict warning and the problems found with its values.
fn render_card(p: &Popup, now: f64) {
    let Some(card) = dom::by_id::<Element>(&p.doc, "account-card") else {
        return;
    };
    let Some(c) = p.selected_capture() else {
        dom::replace_children(&card, &[]);
        dom::set_hidden(&p.doc, "account-card", true);
        return;
    };
    let mut parts = Vec::new();
    parts.extend(el(&p.doc, "span", "account-title", Some(&title_of(p, c))));
    parts.extend(el(&p.doc, "span", "account-meta", Some(&meta_of(p, c))));
    if let Some(at) = c.expires_at {
        if let Some(left) = el(
            &p.doc,
            "span",
            "account-meta expiry",
            Some(&expiry_text(p, at, now)),
        ) {
            parts.push(left);
        }
    }
    if c.conflict {
        if let Some(warning) = el(&p.doc, "p", "account-warning", Some(&p.t("popup_conflict"))) {
            set_attr(&warning, "role", "alert");
            parts.push(warning);
        }
    }
    let problems: Vec<String> = c
        .problems
        .iter()
        .filter_map(|pr| problem_text(p, pr))
        .collect();
    if !problems.is_empty() {
        if let Some(list) = el(&p.doc, "ul", "account-problems", None) {
            for text in &problems {
                if let Some(li) = el(&p.doc, "li", "", Some(text)) {
                    let _ = list.append_child(&li);
                }
            }
            parts.push(list);
        }
    }
    dom::replace_children(&card, &parts);
    dom::set_hidden(&p.doc, "account-card", false);
}

/// The accounts: none, one, or several (then a chooser, the shown one selected), and the
/// shown one's card and values.
pub fn render_accounts(p: &mut Popup) {
    let doc = p.doc.clone();
    let focus = dom::focused_key(&doc);
    let now = js_sys::Date::now();
    p.captures.retain(|c| !c.is_expired(now));
    let chosen = choose_account(&p.captures, p.selected.as_deref()).map(|c| c.id.clone());
    if chosen != p.selected {
        p.selected = chosen;
        p.show_for = None;
        p.layout = None;
    }
    let count = p.captures.len();
    dom::set_hidden(&doc, "accounts-empty", count > 0);
    dom::set_hidden(&doc, "account-chooser", count < 2);
    if let Some(select) = dom::by_id::<HtmlSelectElement>(&doc, "account") {
        let options: Vec<Element> = p
            .captures
            .iter()
            .filter_map(|c| {
                let text = format!("{} — {}", title_of(p, c), meta_of(p, c));
                let o = el(&doc, "option", "", Some(&text))?;
                set_attr(&o, "value", &c.id);
                Some(o)
            })
            .collect();
        dom::replace_children(&select, &options);
        if let Some(id) = &p.selected {
            select.set_value(id);
        }
    }
    render_selected(p);
    if let Some(key) = focus {
        dom::focus_key(&doc, &key);
    }
}

/// The shown account changed: its card and its values.
pub fn render_selected(p: &mut Popup) {
    render_card(p, js_sys::Date::now());
    render_detail(p);
    super::target_fill::replan(p);
}

/// The shown account: "Show for", the layout switch, the values.
pub fn render_detail(p: &mut Popup) {
    let doc = p.doc.clone();
    let Some(capture) = p.selected_capture().cloned() else {
        dom::set_hidden(&doc, "account-detail", true);
        if let Some(list) = dom::by_id::<Element>(&doc, "fields") {
            dom::replace_children(&list, &[]);
        }
        p.fields.clear();
        p.revealed.clear();
        p.json = Secret::default();
        p.env = Secret::default();
        return;
    };
    dom::set_hidden(&doc, "account-detail", false);
    let show_for = p
        .show_for
        .clone()
        .filter(|id| p.preset(id).is_some())
        .or_else(|| Some(capture.preset.clone()).filter(|id| p.preset(id).is_some()))
        .or_else(|| p.presets.first().map(|x| x.id.clone()));
    p.show_for = show_for.clone();
    if let (Some(select), Some(id)) = (dom::by_id::<HtmlSelectElement>(&doc, "show-for"), &show_for)
    {
        select.set_value(id);
    }
    let layouts: Vec<String> = show_for
        .as_deref()
        .and_then(|id| p.preset(id))
        .map(|preset| preset.layouts.iter().map(|l| l.name.clone()).collect())
        .unwrap_or_default();
    if !p.layout.as_ref().is_some_and(|l| layouts.contains(l)) {
        p.layout = layouts.first().cloned();
    }
    dom::set_hidden(&doc, "layout-switch", layouts.len() < 2);
    if let Some(options) = dom::by_id::<Element>(&doc, "layout-options") {
        let radios: Vec<Element> = if layouts.len() > 1 {
            layouts
                .iter()
                .filter_map(|name| {
                    let label = el(&doc, "label", "switch-option", None)?;
                    let radio: HtmlInputElement =
                        doc.create_element("input").ok()?.dyn_into().ok()?;
                    radio.set_type("radio");
                    radio.set_name("layout");
                    radio.set_value(name);
                    radio.set_checked(Some(name) == p.layout.as_ref());
                    set_attr(&radio, "data-key", &format!("layout-{name}"));
                    label.append_child(&radio).ok()?;
                    dom::append(&label, &el(&doc, "span", "", Some(name))?)?;
                    Some(label)
                })
                .collect()
        } else {
            Vec::new()
        };
        dom::replace_children(&options, &radios);
    }
    render_fields(p);
}

/// The values in the target's order under the target's names, each with Copy (and Show
/// for secrets, which stay masked until then).
pub fn render_fields(p: &mut Popup) {
    let doc = p.doc.clone();
    let focus = dom::focused_key(&doc);
    let capture = p.selected_capture().cloned();
    let layout = p
        .show_for
        .as_deref()
        .and_then(|id| p.preset(id))
        .and_then(|preset| {
            p.layout
                .as_deref()
                .and_then(|name| preset.layout(name))
                .or_else(|| preset.layouts.first())
        })
        .cloned();
    p.fields = match (&capture, &layout) {
        (Some(c), Some(l)) => target::lay_out(l, &c.credentials),
        _ => Vec::new(),
    };
    p.revealed = vec![false; p.fields.len()];
    p.json = Secret::new(target::to_json(&p.fields));
    p.env = Secret::new(target::to_env(&p.fields));
    let rows: Vec<Element> = (0..p.fields.len())
        .filter_map(|i| field_row(p, i))
        .collect();
    if let Some(list) = dom::by_id::<Element>(&doc, "fields") {
        dom::replace_children(&list, &rows);
    }
    let any = p.fields.iter().any(|f| f.value.is_some());
    for id in ["copy-json", "copy-env"] {
        if let Some(b) = dom::by_id::<web_sys::HtmlButtonElement>(&doc, id) {
            b.set_disabled(!any);
        }
    }
    if let Some(key) = focus {
        dom::focus_key(&doc, &key);
    }
}

fn shown_value(field_value: &Secret, secret: bool, revealed: bool) -> String {
    if secret && !revealed {
        mask(field_value)
    } else {
        field_value.expose().to_string()
    }
}

fn field_row(p: &Popup, i: usize) -> Option<Element> {
    let doc = &p.doc;
    let f = p.fields.get(i)?;
    let kind = serde_json::to_value(f.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let li = el(doc, "li", "value-row", None)?;
    set_attr(&li, "data-kind", &kind);
    set_attr(&li, "data-index", &i.to_string());
    let head = el(doc, "div", "value-head", None)?;
    let label_id = format!("value-label-{i}");
    let label = el(doc, "span", "value-label", Some(&f.label))?;
    label.set_id(&label_id);
    head.append_child(&label).ok()?;
    if f.derived {
        dom::append(
            &head,
            &el(doc, "span", "value-note", Some(&p.t("popup_derived")))?,
        )?;
    }
    li.append_child(&head).ok()?;
    let line = el(doc, "div", "value-line", None)?;
    match &f.value {
        Some(value) => {
            let code = el(
                doc,
                "code",
                if f.secret { "value masked" } else { "value" },
                Some(&shown_value(value, f.secret, false)),
            )?;
            set_attr(&code, "aria-labelledby", &label_id);
            line.append_child(&code).ok()?;
            if f.secret {
                let show = button(doc, &p.t("popup_show"), "show", i)?;
                set_attr(&show, "aria-pressed", "false");
                set_attr(&show, "aria-label", &p.tf("popup_showField", &[&f.label]));
                line.append_child(&show).ok()?;
            }
            let copy = button(doc, &p.t("popup_copy"), "copy", i)?;
            set_attr(&copy, "aria-label", &p.tf("popup_copyField", &[&f.label]));
            line.append_child(&copy).ok()?;
            let copied = el(doc, "span", "copied", None)?;
            set_attr(&copied, "aria-hidden", "true");
            line.append_child(&copied).ok()?;
        }
        None => {
            dom::append(
                &line,
                &el(doc, "span", "value missing", Some(&p.t("popup_missing")))?,
            )?;
        }
    }
    li.append_child(&line).ok()?;
    Some(li)
}

fn button(doc: &web_sys::Document, text: &str, action: &str, index: usize) -> Option<Element> {
    let b = el(doc, "button", "quiet small", Some(text))?;
    set_attr(&b, "type", "button");
    set_attr(&b, "data-action", action);
    set_attr(&b, "data-index", &index.to_string());
    set_attr(&b, "data-key", &format!("{action}-{index}"));
    Some(b)
}

/// Show / hide one secret value (the button's name stays; `aria-pressed` says which).
pub fn toggle_reveal(p: &mut Popup, index: usize) {
    let (Some(field), Some(revealed)) = (p.fields.get(index), p.revealed.get_mut(index)) else {
        return;
    };
    let Some(value) = &field.value else { return };
    *revealed = !*revealed;
    let selector = format!("#fields li[data-index=\"{index}\"]");
    let Some(row) = p.doc.query_selector(&selector).ok().flatten() else {
        return;
    };
    if let Some(code) = row.query_selector("code.value").ok().flatten() {
        code.set_text_content(Some(&shown_value(value, field.secret, *revealed)));
        let _ = code.class_list().toggle_with_force("masked", !*revealed);
    }
    if let Some(b) = row.query_selector("[data-action=show]").ok().flatten() {
        set_attr(&b, "aria-pressed", if *revealed { "true" } else { "false" });
    }
}

/// Every second: the countdowns; an account whose time is up is dropped at once (the
/// background removes it from storage at the same moment).
pub fn tick(p: &mut Popup) {
    let now = js_sys::Date::now();
    if p.captures.iter().any(|c| c.is_expired(now)) {
        render_accounts(p);
        announce(p, &p.t("popup_expiredAnnounce"));
        return;
    }
    let expires = p.selected_capture().and_then(|c| c.expires_at);
    if let (Some(at), Some(e)) = (expires, p.doc.query_selector(".expiry").ok().flatten()) {
        e.set_text_content(Some(&expiry_text(p, at, now)));
    }
}

/// "ScopeFill keeps the newest 20 accounts: 12 older ones were forgotten." while the
/// background's cap has dropped any (until Forget all).
pub fn render_dropped(p: &Popup) {
    let Some(note) = dom::by_id::<Element>(&p.doc, "accounts-dropped") else {
        return;
    };
    if p.dropped == 0 {
        note.set_text_content(None);
        dom::set_hidden(&p.doc, "accounts-dropped", true);
        return;
    }
    let key = if p.dropped == 1 {
        "popup_droppedOne"
    } else {
        "popup_dropped"
    };
    let text = p.tf(key, &[&p.dropped.to_string(), &p.kept.to_string()]);
    note.set_text_content(Some(&text));
    dom::set_hidden(&p.doc, "accounts-dropped", false);
}

/// The one-line reason for the clipboardRead permission, with Allow and Not now. In Firefox
/// "Allow" opens the options page, where the browser's prompt can be seen.
pub fn show_clipboard_ask(p: &mut Popup, in_popup: bool) {
    let allow_key = if in_popup {
        "popup_clipboardAllow"
    } else {
        "popup_clipboardAllowInOptions"
    };
    if let Some(b) = dom::by_id::<Element>(&p.doc, "clipboard-allow") {
        b.set_text_content(Some(&p.t(allow_key)));
    }
    dom::set_hidden(&p.doc, "clipboard-ask", false);
    p.asking = true;
    announce(p, &p.t("popup_clipboardAsk"));
}

pub fn hide_clipboard_ask(p: &mut Popup) {
    dom::set_hidden(&p.doc, "clipboard-ask", true);
}

/// The answer to the clipboard question, said where the question was.
pub fn clipboard_answer(p: &mut Popup, granted: bool) {
    let key = if granted {
        "popup_clipboardGranted"
    } else {
        "popup_clipboardDeclined"
    };
    hide_clipboard_ask(p);
    let text = p.t(key);
    if let Some(status) = dom::by_id::<Element>(&p.doc, "clipboard-status") {
        status.set_text_content(Some(&text));
    }
    dom::set_hidden(&p.doc, "clipboard-status", false);
}

/// Says something to screen readers (the visible feedback is elsewhere).
pub fn announce(p: &Popup, text: &str) {
    if let Some(region) = dom::by_id::<Element>(&p.doc, "announce") {
        region.set_text_content(Some(text));
    }
}

/// One more line under a status region's content (the store a fill acted on).
pub fn add_status_note(p: &Popup, id: &str, text: &str) {
    let Some(region) = dom::by_id::<Element>(&p.doc, id) else {
        return;
    };
    if let Some(note) = el(&p.doc, "p", "note", Some(text)) {
        let _ = region.append_child(&note);
    }
}

/// A status region's content: a headline and optional items (`(kind, text)`).
pub fn show_status(p: &Popup, id: &str, ok: bool, headline: &str, items: &[(String, String)]) {
    let Some(region) = dom::by_id::<Element>(&p.doc, id) else {
        return;
    };
    let mut children = Vec::new();
    if let Some(h) = el(
        &p.doc,
        "p",
        if ok { "headline ok" } else { "headline bad" },
        Some(headline),
    ) {
        children.push(h);
    }
    if !items.is_empty() {
        if let Some(list) = el(&p.doc, "ul", "items", None) {
            for (kind, text) in items {
                if let Some(li) = el(&p.doc, "li", kind, Some(text)) {
                    let _ = list.append_child(&li);
                }
            }
            children.push(list);
        }
    }
    dom::replace_children(&region, &children);
}
