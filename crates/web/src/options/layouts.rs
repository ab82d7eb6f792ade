//! The editor's "Values for the target platform": one block per layout (its name, a table
//! of values with label, kind, optional, move and remove), redrawn on every structural
//! change, the focus put back on the control that made it.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlInputElement, HtmlSelectElement};

use super::{on_event, Options};
use crate::kit::dom::{self, el, set_attr};
use scopefill_core::preset::LayoutFile;
use scopefill_core::target::ValueKind;

/// Redraws the layouts; `refocus` is the id of an element to focus after.
pub fn draw(o: &Options, refocus: Option<&str>) {
    let Some(session) = &o.editor else { return };
    let Some(list) = o.by_id::<Element>("layouts") else {
        return;
    };
    let count = session.form.layouts.len();
    let blocks: Vec<Element> = session
        .form
        .layouts
        .iter()
        .enumerate()
        .filter_map(|(li, layout)| block(o, layout, li, count))
        .collect();
    dom::replace_children(&list, &blocks);
    if let Some(id) = refocus {
        dom::focus_id(&o.doc, id);
    }
}

/// The layout's name as its controls are named: its name, or its number.
fn layout_title(layout: &LayoutFile, li: usize) -> String {
    if layout.name.is_empty() {
        (li + 1).to_string()
    } else {
        layout.name.clone()
    }
}

fn block(o: &Options, layout: &LayoutFile, li: usize, count: usize) -> Option<Element> {
    let doc = &o.doc;
    let title = layout_title(layout, li);
    let block = el(doc, "div", "layout", None)?;
    set_attr(&block, "data-layout", &li.to_string());
    let head = el(doc, "div", "layout-head", None)?;
    let name_id = format!("layout-{li}-name");
    let label = el(
        doc,
        "label",
        "",
        Some(&o.tf("options_layoutName", &[&(li + 1).to_string()])),
    )?;
    set_attr(&label, "for", &name_id);
    let name = text_input(doc, &layout.name)?;
    name.set_id(&name_id);
    set_attr(&name, "data-path", &format!("layouts[{li}].name"));
    set_attr(&name, "data-part", "layout-name");
    dom::append(&head, &label)?;
    dom::append(&head, &name)?;
    if count > 1 {
        let remove = dom::button(
            doc,
            "button-quiet",
            &o.t("options_removeLayout"),
            Some(&o.tf("options_removeLayoutN", &[&title])),
        )?;
        set_attr(&remove, "data-action", "remove-layout");
        dom::append(&head, &remove)?;
    }
    dom::append(&block, &head)?;

    let table = el(doc, "table", "fields-table", None)?;
    let caption = o.tf("options_layoutFieldsCaption", &[&title]);
    dom::append(
        &table,
        &el(doc, "caption", "visually-hidden", Some(&caption))?,
    )?;
    let thead = el(doc, "thead", "", None)?;
    let header = el(doc, "tr", "", None)?;
    for (key, class, hidden) in [
        ("options_columnLabel", "", false),
        ("options_columnValue", "", false),
        ("options_columnOptional", "center", false),
        ("options_columnOrder", "", true),
    ] {
        let th = el(doc, "th", class, None)?;
        set_attr(&th, "scope", "col");
        if hidden {
            dom::append(&th, &el(doc, "span", "visually-hidden", Some(&o.t(key)))?)?;
        } else {
            th.set_text_content(Some(&o.t(key)));
        }
        dom::append(&header, &th)?;
    }
    dom::append(&thead, &header)?;
    dom::append(&table, &thead)?;
    let tbody = el(doc, "tbody", "", None)?;
    for fi in 0..layout.fields.len() {
        dom::append(&tbody, &field_row(o, layout, li, fi)?)?;
    }
    dom::append(&table, &tbody)?;
    dom::append(&block, &table)?;

    let add = dom::button(
        doc,
        "button-quiet add-field",
        &o.t("options_addField"),
        Some(&o.tf("options_addFieldTo", &[&title])),
    )?;
    set_attr(&add, "data-action", "add-field");
    dom::append(&block, &add)?;
    Some(block)
}

fn text_input(doc: &Document, value: &str) -> Option<Element> {
    let input = el(doc, "input", "", None)?;
    set_attr(&input, "type", "text");
    set_attr(&input, "autocomplete", "off");
    if let Some(i) = input.dyn_ref::<HtmlInputElement>() {
        i.set_value(value);
    }
    Some(input)
}

fn field_row(o: &Options, layout: &LayoutFile, li: usize, fi: usize) -> Option<Element> {
    let doc = &o.doc;
    let field = layout.fields.get(fi)?;
    let n = (fi + 1).to_string();
    let title = layout_title(layout, li);
    let path = format!("layouts[{li}].fields[{fi}]");
    let row = el(doc, "tr", "", None)?;
    set_attr(&row, "data-field", &fi.to_string());

    let label = text_input(doc, &field.label)?;
    set_attr(&label, "data-path", &format!("{path}.label"));
    set_attr(&label, "data-part", "label");
    set_attr(
        &label,
        "aria-label",
        &o.tf("options_fieldLabelN", &[&n, &title]),
    );

    let kind = el(doc, "select", "", None)?;
    set_attr(&kind, "data-path", &format!("{path}.value"));
    set_attr(&kind, "data-part", "value");
    set_attr(
        &kind,
        "aria-label",
        &o.tf("options_fieldValueN", &[&n, &title]),
    );
    for k in ValueKind::ALL {
        let text = o.t(&format!("options_value_{}", k.as_str()));
        let option = el(doc, "option", "", Some(&text))?;
        set_attr(&option, "value", k.as_str());
        dom::append(&kind, &option)?;
    }
    if let Some(select) = kind.dyn_ref::<HtmlSelectElement>() {
        select.set_value(field.value.as_str());
    }

    let optional = el(doc, "input", "", None)?;
    set_attr(&optional, "type", "checkbox");
    set_attr(&optional, "data-part", "optional");
    set_attr(
        &optional,
        "aria-label",
        &o.tf("options_fieldOptionalN", &[&n, &title]),
    );
    if let Some(i) = optional.dyn_ref::<HtmlInputElement>() {
        i.set_checked(field.optional);
    }

    let tools = el(doc, "div", "row-tools", None)?;
    let last = layout.fields.len().saturating_sub(1);
    let remove_label = if field.label.is_empty() {
        &n
    } else {
        &field.label
    };
    for (text, label, disabled, act) in [
        ("↑", o.tf("options_moveUpN", &[&n]), fi == 0, "up"),
        ("↓", o.tf("options_moveDownN", &[&n]), fi == last, "down"),
        (
            "✕",
            o.tf("options_removeFieldN", &[&n, remove_label]),
            last == 0,
            "remove",
        ),
    ] {
        let b = dom::button(doc, "button-icon", text, Some(&label))?;
        set_attr(&b, "title", &label);
        if disabled {
            set_attr(&b, "disabled", "");
        }
        if act == "remove" {
            set_attr(&b, "data-action", "remove-field");
        } else {
            set_attr(&b, "data-action", "move");
            set_attr(&b, "data-move", act);
        }
        dom::append(&tools, &b)?;
    }

    for (cell, class) in [(label, ""), (kind, ""), (optional, "center"), (tools, "")] {
        let td = el(doc, "td", class, None)?;
        dom::append(&td, &cell)?;
        dom::append(&row, &td)?;
    }
    Some(row)
}

/// The layout and value indices of the control an event came from.
fn position(event: &Event) -> (Option<usize>, Option<usize>) {
    let index = |selector: &str, attr: &str| {
        dom::closest(event, selector)?
            .get_attribute(attr)?
            .parse::<usize>()
            .ok()
    };
    (
        index("[data-layout]", "data-layout"),
        index("[data-field]", "data-field"),
    )
}

/// Focuses the first of `selectors` (under layout `li`) that exists and is enabled.
fn focus_first(o: &Options, li: usize, selectors: &[String]) {
    let Some(block) = o
        .doc
        .query_selector(&format!("#layouts [data-layout=\"{li}\"]"))
        .ok()
        .flatten()
    else {
        return;
    };
    let found = selectors
        .iter()
        .filter_map(|s| dom::query(&block, s))
        .find(|e| !e.has_attribute("disabled"));
    if let Some(e) = found {
        dom::focus(&e);
    }
}

fn on_click(o: &mut Options, event: &Event) {
    let Some(button) = dom::closest(event, "button[data-action]") else {
        return;
    };
    let (Some(li), field) = position(event) else {
        return;
    };
    let Some(session) = &mut o.editor else { return };
    let form = &mut session.form;
    match (button.get_attribute("data-action").as_deref(), field) {
        (Some("move"), Some(fi)) => {
            let up = button.get_attribute("data-move").as_deref() == Some("up");
            let Some(to) = (if up { fi.checked_sub(1) } else { Some(fi + 1) }) else {
                return;
            };
            if !form.move_field(li, fi, to) {
                return;
            }
            draw(o, None);
            let row = format!("tbody tr:nth-child({})", to + 1);
            let dir = if up { "up" } else { "down" };
            focus_first(
                o,
                li,
                &[format!("{row} [data-move={dir}]"), format!("{row} input")],
            );
        }
        (Some("remove-field"), Some(fi)) => {
            if !form.remove_field(li, fi) {
                return;
            }
            let left = form.layouts.get(li).map_or(0, |l| l.fields.len());
            draw(o, None);
            let row = format!("tbody tr:nth-child({})", fi.min(left.saturating_sub(1)) + 1);
            focus_first(o, li, &[format!("{row} input"), ".add-field".into()]);
        }
        (Some("add-field"), _) => {
            form.add_field(li);
            draw(o, None);
            focus_first(o, li, &["tbody tr:last-child input".into()]);
        }
        (Some("remove-layout"), _) if form.remove_layout(li) => draw(o, Some("add-layout")),
        _ => {}
    }
}

fn on_input(o: &mut Options, event: &Event) {
    let (Some(li), field) = position(event) else {
        return;
    };
    let Some(session) = &mut o.editor else { return };
    let form = &mut session.form;
    let part = dom::target_of::<Element>(event).and_then(|t| t.get_attribute("data-part"));
    match (part.as_deref(), field) {
        (Some("layout-name"), _) => {
            if let Some(input) = dom::target_of::<HtmlInputElement>(event) {
                form.set_layout_name(li, &input.value());
            }
        }
        (Some("label"), Some(fi)) => {
            if let Some(input) = dom::target_of::<HtmlInputElement>(event) {
                form.set_field_label(li, fi, &input.value());
            }
        }
        _ => {}
    }
}

fn on_change(o: &mut Options, event: &Event) {
    let (Some(li), field) = position(event) else {
        return;
    };
    let part = dom::target_of::<Element>(event).and_then(|t| t.get_attribute("data-part"));
    let Some(session) = &mut o.editor else { return };
    let form = &mut session.form;
    match (part.as_deref(), field) {
        (Some("value"), Some(fi)) => {
            let kind = dom::target_of::<HtmlSelectElement>(event)
                .and_then(|s| ValueKind::parse(&s.value()));
            if let Some(kind) = kind {
                form.set_field_value(li, fi, kind);
            }
        }
        (Some("optional"), Some(fi)) => {
            if let Some(input) = dom::target_of::<HtmlInputElement>(event) {
                form.set_field_optional(li, fi, input.checked());
            }
        }
        // The name is in the other controls' names: redraw them once it is typed.
        (Some("layout-name"), _) => draw(o, Some(&format!("layout-{li}-name"))),
        _ => {}
    }
}

pub fn wire(doc: &Document) -> Vec<EventListener> {
    let mut out = Vec::new();
    for (kind, handler) in [
        ("click", on_click as fn(&mut Options, &Event)),
        ("input", on_input),
        ("change", on_change),
    ] {
        out.extend(dom::listen(doc, "layouts", kind, move |e| {
            let e = e.clone();
            on_event(move |o| handler(o, &e));
        }));
    }
    out.extend(dom::listen(doc, "add-layout", "click", |_| {
        on_event(|o| {
            let (client_id, token) = (
                o.t("options_value_client_id"),
                o.t("options_value_access_token"),
            );
            let Some(session) = &mut o.editor else { return };
            session.form.add_layout(&client_id, &token);
            let last = session.form.layouts.len().saturating_sub(1);
            draw(o, Some(&format!("layout-{last}-name")));
        });
    }));
    out
}
