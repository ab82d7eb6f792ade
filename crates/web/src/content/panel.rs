//! The in-page panel: a closed shadow root (styles isolated; the page's scripts can neither
//! read it nor reach into it) with the Integration picker, the account name, Fill form, and
//! the fill report. It answers only the user's own events: anything a script dispatches is
//! stopped at its root.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlButtonElement, HtmlElement, HtmlInputElement, ShadowRoot,
};

use crate::kit::combobox::{self, Combobox};
use scopefill_core::guard::Difference;
use scopefill_core::messages::{list, msg, Messages, Msg};
use scopefill_core::picker::Entry;
use scopefill_core::preset::Preset;
use scopefill_core::report::{ItemKind, Report};

pub const HOST_ID: &str = "scopefill-panel";
const CSS: &str = include_str!("panel.css");
const HTML: &str = include_str!("panel.html");

/// The events the panel and its picker act on: one a script dispatches is stopped at the
/// panel's root, before any of them sees it.
const UNTRUSTED_STOPPED: [&str; 9] = [
    "click",
    "mousedown",
    "pointerdown",
    "keydown",
    "keyup",
    "input",
    "change",
    "focusin",
    "submit",
];

/// The status line: nothing yet, a message, or a fill report.
#[derive(Default)]
enum Status {
    #[default]
    Empty,
    Text(Msg, Option<bool>),
    Report(Report),
}

/// The held-Save box.
#[derive(Default)]
enum Held {
    #[default]
    Hidden,
    Rows(Vec<Difference>),
    Note(Msg),
}

/// What the panel shows, kept as messages so a catalogue arriving later redraws it.
#[derive(Default)]
struct Shown {
    status: Status,
    /// Captions of the rows a fill saw, when it did not recognise what it needed.
    seen: Option<Vec<String>>,
    /// After Copy page outline: whether the clipboard took it.
    outline_copied: Option<bool>,
    held: Held,
    captured: Option<Msg>,
    busy: bool,
}

/// What the Integration picker is built from (it is built again in another language).
struct PickerSource {
    entries: Vec<Entry>,
    last_used: Option<String>,
    on_choose: Rc<dyn Fn(&str)>,
}

pub struct Panel {
    host: Element,
    root: ShadowRoot,
    /// The Integration picker.
    pub preset: Combobox,
    pub name: HtmlInputElement,
    pub fill: HtmlButtonElement,
    pub copy_outline: HtmlButtonElement,
    pub fix: HtmlButtonElement,
    pub save_anyway: HtmlButtonElement,
    listeners: Vec<Closure<dyn FnMut(Event)>>,
    /// The panel's language (English until the page's catalogue is there).
    messages: Rc<Messages>,
    shown: RefCell<Shown>,
    picker: PickerSource,
}

/// Milliseconds to one decimal, without the float formatting code (18 KB of the core).
fn tenths(ms: f64) -> String {
    let t = (ms.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}

fn part<T: JsCast>(root: &ShadowRoot, name: &str) -> Result<T, JsValue> {
    root.query_selector(&format!("[data-ref={name}]"))?
        .ok_or_else(|| JsValue::from_str(&format!("panel part {name} missing")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("panel part {name} has the wrong type")))
}

/// Styles go in a constructed stylesheet: unlike a `<style>` element, it is not subject to
/// the page's `style-src`.
fn adopt_styles(root: &ShadowRoot, doc: &Document) -> Result<(), JsValue> {
    let adopted = (|| -> Result<(), JsValue> {
        let ctor: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"CSSStyleSheet".into())?.dyn_into()?;
        let sheet = js_sys::Reflect::construct(&ctor, &js_sys::Array::new())?;
        let replace: js_sys::Function =
            js_sys::Reflect::get(&sheet, &"replaceSync".into())?.dyn_into()?;
        replace.call1(&sheet, &CSS.into())?;
        js_sys::Reflect::set(
            root,
            &"adoptedStyleSheets".into(),
            &js_sys::Array::of1(&sheet),
        )?;
        Ok(())
    })();
    if adopted.is_err() {
        let style = doc.create_element("style")?;
        style.set_text_content(Some(CSS));
        root.append_child(&style)?;
    }
    Ok(())
}

/// The picker's elements, with its words in `messages`' language.
fn picker_parts(root: &ShadowRoot, messages: &Messages) -> Result<combobox::Parts, JsValue> {
    Ok(combobox::Parts {
        input: part(root, "preset")?,
        list: part(root, "preset-list")?,
        toggle: part(root, "preset-toggle").ok(),
        status: part(root, "preset-status").ok(),
        labels: combobox::Labels {
            last_used: messages.get("panel_lastUsed", &[] as &[&str]),
            no_match: messages.get("panel_noMatch", &["$1"]),
        },
    })
}

fn for_each(root: &ShadowRoot, selector: &str, mut f: impl FnMut(&Element)) {
    let Ok(nodes) = root.query_selector_all(selector) else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            f(&el);
        }
    }
}

impl Panel {
    /// Mounts the panel with `presets` in the Integration picker, the last used one first and
    /// chosen; `on_choose` is called with the id of an integration the user picks. The panel
    /// speaks English until [`Panel::set_messages`] gives it the page's language. `open`:
    /// an open shadow root, for the test flavour only.
    pub fn mount(
        doc: &Document,
        presets: &[Preset],
        last_used: Option<&str>,
        open: bool,
        on_choose: impl Fn(&str) + 'static,
    ) -> Result<Panel, JsValue> {
        let host = doc.create_element("div")?;
        host.set_id(HOST_ID);
        let mode = if open {
            web_sys::ShadowRootMode::Open
        } else {
            web_sys::ShadowRootMode::Closed
        };
        let root = host.attach_shadow(&web_sys::ShadowRootInit::new(mode))?;
        let mut listeners = Vec::new();
        for kind in UNTRUSTED_STOPPED {
            let stop = Closure::<dyn FnMut(Event)>::new(|event: Event| {
                if !event.is_trusted() {
                    event.stop_immediate_propagation();
                    event.prevent_default();
                }
            });
            root.add_event_listener_with_callback_and_bool(
                kind,
                stop.as_ref().unchecked_ref(),
                true,
            )?;
            listeners.push(stop);
        }
        adopt_styles(&root, doc)?;
        let template = doc.create_element("template")?;
        template.set_inner_html(HTML);
        let content: web_sys::DocumentFragment =
            js_sys::Reflect::get(&template, &"content".into())?.dyn_into()?;
        root.append_child(&content)?;
        let messages = Rc::new(Messages::english().clone());
        let picker = PickerSource {
            entries: scopefill_core::picker::entries(presets),
            last_used: last_used.map(str::to_string),
            on_choose: Rc::new(on_choose),
        };
        let on_choose = picker.on_choose.clone();
        let preset = Combobox::new(
            picker_parts(&root, &messages)?,
            picker.entries.clone(),
            last_used,
            move |id| on_choose(id),
        );
        let panel = Panel {
            name: part(&root, "name")?,
            fill: part(&root, "fill")?,
            copy_outline: part(&root, "copy-outline")?,
            fix: part(&root, "fix")?,
            save_anyway: part(&root, "save-anyway")?,
            preset,
            host,
            root,
            listeners,
            messages,
            shown: RefCell::new(Shown::default()),
            picker,
        };
        panel.mark_language();
        let body = doc.body().ok_or("no body")?;
        body.append_child(&panel.host)?;
        Ok(panel)
    }

    /// The panel's catalogue's folder name (`en`, `fr`, `pt_BR`).
    pub fn locale(&self) -> &str {
        self.messages.locale()
    }

    /// A report in the panel's language.
    pub fn render(&self, report: &Report) -> Report {
        report.render(&self.messages)
    }

    /// A message in the panel's language.
    pub fn text(&self, msg: &Msg) -> String {
        self.messages.render(msg)
    }

    /// `lang` on the panel (as a language tag: `pt-BR`), `data-locale` on its host element
    /// (the catalogue's folder: `pt_BR`).
    fn mark_language(&self) {
        let locale = self.messages.locale();
        let _ = self.host.set_attribute("data-locale", locale);
        if let Ok(Some(panel)) = self.root.query_selector(".panel") {
            let _ = panel.set_attribute("lang", &locale.replace('_', "-"));
        }
    }

    /// Speaks `messages`' language from now on: the markup's words, the picker's, and what
    /// the panel shows already, drawn again.
    pub fn set_messages(&mut self, messages: Rc<Messages>) {
        if messages.locale() == self.messages.locale() {
            return;
        }
        self.messages = messages;
        let m = self.messages.clone();
        for_each(&self.root, "[data-i18n]", |el| {
            if let Some(key) = el.get_attribute("data-i18n") {
                el.set_text_content(Some(&m.get(&key, &[] as &[&str])));
            }
        });
        for_each(&self.root, "[data-i18n-label]", |el| {
            if let Some(key) = el.get_attribute("data-i18n-label") {
                let _ = el.set_attribute("aria-label", &m.get(&key, &[] as &[&str]));
            }
        });
        // The picker writes its own words: built again, on the same elements, with the
        // integration chosen so far.
        if let Ok(parts) = picker_parts(&self.root, &m) {
            let chosen = self.preset.chosen_id();
            let on_choose = self.picker.on_choose.clone();
            self.preset = Combobox::new(
                parts,
                self.picker.entries.clone(),
                self.picker.last_used.as_deref(),
                move |id| on_choose(id),
            );
            if let Some(id) = chosen {
                self.preset.choose(&id);
            }
        }
        self.label_collapse();
        self.draw_status();
        self.draw_seen();
        self.draw_outline_status();
        self.draw_held();
        self.draw_captured();
        self.draw_busy();
        self.mark_language();
    }

    /// Calls `handler` at the user's own `kind` events on `target` (never a script's).
    pub fn on(
        &mut self,
        target: &web_sys::EventTarget,
        kind: &str,
        mut handler: impl FnMut(Event) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            if event.is_trusted() {
                handler(event)
            }
        });
        let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        self.listeners.push(closure);
    }

    pub fn set_core_info(&self, flavour: &str, load_ms: f64) {
        let _ = self.host.set_attribute("data-core", flavour);
        let _ = self.host.set_attribute("data-load-ms", &tenths(load_ms));
    }

    pub fn collapse_button(&self) -> Option<Element> {
        part::<Element>(&self.root, "collapse").ok()
    }

    pub fn toggle_collapsed(&self) {
        if let (Ok(Some(panel)), Some(button)) =
            (self.root.query_selector(".panel"), self.collapse_button())
        {
            let collapsed = panel.class_list().toggle("collapsed").unwrap_or(false);
            let _ = button.set_attribute("aria-expanded", if collapsed { "false" } else { "true" });
            self.label_collapse();
        }
    }

    /// The fold button's name: what pressing it does.
    fn label_collapse(&self) {
        let Some(button) = self.collapse_button() else {
            return;
        };
        let collapsed = button.get_attribute("aria-expanded").as_deref() == Some("false");
        let key = if collapsed {
            "panel_expand"
        } else {
            "panel_minimise"
        };
        let _ = button.set_attribute("aria-label", &self.text(&msg!(key)));
    }

    pub fn show_preset(&self, preset: Option<&Preset>, account_name: &str) {
        if let Ok(note) = part::<Element>(&self.root, "note") {
            note.set_text_content(preset.and_then(|p| p.note.as_deref()));
        }
        self.name.set_value(account_name);
    }

    /// A status message (`ok`: good news, bad news, or neither); hides the report and what
    /// a fill saw.
    pub fn set_status(&self, text: &Msg, ok: Option<bool>) {
        if let Ok(mut shown) = self.shown.try_borrow_mut() {
            shown.status = Status::Text(text.clone(), ok);
            shown.seen = None;
        }
        self.draw_status();
        self.draw_seen();
    }

    fn draw_status(&self) {
        let Ok(shown) = self.shown.try_borrow() else {
            return;
        };
        let (text, class, items) = match &shown.status {
            Status::Empty => (String::new(), "", Vec::new()),
            Status::Text(msg, ok) => {
                let class = match ok {
                    Some(true) => "ok",
                    Some(false) => "bad",
                    None => "",
                };
                (self.text(msg), class, Vec::new())
            }
            Status::Report(report) => {
                let report = self.render(report);
                // Done, but rows were placed by position: to be checked before Save.
                let class = match (report.ok, report.to_check) {
                    (false, _) => "bad",
                    (true, 0) => "ok",
                    (true, _) => "check",
                };
                let items: Vec<(ItemKind, String)> =
                    report.items.into_iter().map(|i| (i.kind, i.text)).collect();
                // The live region names the rows, so a screen reader says which ones.
                (report.announcement, class, items)
            }
        };
        if let Ok(status) = part::<Element>(&self.root, "status") {
            status.set_text_content(Some(&text));
            let _ = status.set_attribute("class", class);
        }
        self.set_items(&items);
    }

    fn set_items(&self, items: &[(ItemKind, String)]) {
        let Ok(list) = part::<Element>(&self.root, "items") else {
            return;
        };
        list.set_text_content(None);
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        for (kind, text) in items {
            if let Ok(li) = doc.create_element("li") {
                let _ = li.set_attribute(
                    "class",
                    if *kind == ItemKind::Problem {
                        "problem"
                    } else {
                        "notice"
                    },
                );
                li.set_text_content(Some(text));
                let _ = list.append_child(&li);
            }
        }
    }

    pub fn show_report(&self, report: &Report) {
        if let Ok(mut shown) = self.shown.try_borrow_mut() {
            shown.status = Status::Report(report.clone());
            shown.seen = None;
        }
        self.draw_status();
        self.draw_seen();
    }

    /// What the fill saw when rows it needed were not recognised, with the offer to copy
    /// the page outline for a bug report.
    pub fn show_seen(&self, captions: &[String]) {
        if let Ok(mut shown) = self.shown.try_borrow_mut() {
            shown.seen = Some(captions.to_vec());
            shown.outline_copied = None;
        }
        self.draw_seen();
        self.draw_outline_status();
    }

    fn draw_seen(&self) {
        let Ok(shown) = self.shown.try_borrow() else {
            return;
        };
        if let Some(captions) = &shown.seen {
            let named: Vec<Msg> = captions
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        msg!("panel_noCaption")
                    } else {
                        msg!("panel_caption", c)
                    }
                })
                .collect();
            let text = match named.len() {
                0 => msg!("panel_seenNone"),
                1 => msg!("panel_seenOne", list(named)),
                n => msg!("panel_seen", n, list(named)),
            };
            if let Ok(el) = part::<Element>(&self.root, "seen-text") {
                el.set_text_content(Some(&self.text(&text)));
            }
        }
        if let Ok(seen) = part::<HtmlElement>(&self.root, "seen") {
            seen.set_hidden(shown.seen.is_none());
        }
    }

    /// After Copy page outline: confirmed, or the outline shown to copy by hand.
    pub fn show_outline_copied(&self, copied: bool, outline: &str) {
        if let Ok(mut shown) = self.shown.try_borrow_mut() {
            shown.outline_copied = Some(copied);
        }
        self.draw_outline_status();
        if let Ok(area) = part::<web_sys::HtmlTextAreaElement>(&self.root, "outline-text") {
            area.set_value(if copied { "" } else { outline });
            area.set_hidden(copied);
            if !copied {
                area.select();
            }
        }
    }

    fn draw_outline_status(&self) {
        let Ok(shown) = self.shown.try_borrow() else {
            return;
        };
        let text = shown.outline_copied.map(|copied| {
            self.text(&msg!(if copied {
                "panel_outlineCopied"
            } else {
                "panel_outlineNotCopied"
            }))
        });
        if let Ok(status) = part::<Element>(&self.root, "outline-status") {
            status.set_text_content(text.as_deref());
        }
    }

    /// How long the last fill took, from the click to the last row verified (for tests
    /// and `make bench`).
    pub fn set_fill_ms(&self, ms: f64) {
        let _ = self.host.set_attribute("data-fill-ms", &tenths(ms));
    }

    /// A new fill, or a Save that went through: no Save is held.
    pub fn clear_held(&self) {
        self.set_held(Held::Hidden);
    }

    /// A Save held because rows differ from the report: which, and the two ways on.
    pub fn show_held(&self, differences: &[Difference]) {
        self.set_held(Held::Rows(differences.to_vec()));
    }

    /// After Fix or Save anyway: what to do next.
    pub fn show_held_note(&self, text: &Msg) {
        self.set_held(Held::Note(text.clone()));
    }

    fn set_held(&self, held: Held) {
        if let Ok(mut shown) = self.shown.try_borrow_mut() {
            shown.held = held;
        }
        self.draw_held();
    }

    fn draw_held(&self) {
        let Ok(shown) = self.shown.try_borrow() else {
            return;
        };
        let (text, items, actions) = match &shown.held {
            Held::Hidden => {
                if let Ok(held) = part::<HtmlElement>(&self.root, "held") {
                    held.set_hidden(true);
                }
                return;
            }
            Held::Rows(differences) => {
                let n = differences.len();
                let text = if n == 1 {
                    msg!("panel_heldOne")
                } else {
                    msg!("panel_held", n)
                };
                let items: Vec<String> = differences
                    .iter()
                    .map(|d| {
                        let shows = match &d.shows {
                            Some(shows) => Msg::literal(shows),
                            None => msg!("report_nothing"),
                        };
                        self.text(&msg!("panel_heldItem", &d.label, shows, &d.expected))
                    })
                    .collect();
                (self.text(&text), items, true)
            }
            Held::Note(note) => (self.text(note), Vec::new(), false),
        };
        if let Ok(el) = part::<Element>(&self.root, "held-text") {
            el.set_text_content(Some(&text));
        }
        if let (Ok(list), Some(doc)) = (
            part::<Element>(&self.root, "held-items"),
            self.host.owner_document(),
        ) {
            list.set_text_content(None);
            for item in items {
                if let Ok(li) = doc.create_element("li") {
                    li.set_text_content(Some(&item));
                    let _ = list.append_child(&li);
                }
            }
        }
        if let Ok(el) = part::<HtmlElement>(&self.root, "held-actions") {
            el.set_hidden(!actions);
        }
        if let Ok(held) = part::<HtmlElement>(&self.root, "held") {
            held.set_hidden(false);
        }
    }

    pub fn set_busy(&self, busy: bool) {
        if let Ok(mut shown) = self.shown.try_borrow_mut() {
            shown.busy = busy;
        }
        self.draw_busy();
    }

    fn draw_busy(&self) {
        let busy = self.shown.try_borrow().is_ok_and(|s| s.busy);
        self.fill.set_disabled(busy);
        let key = if busy {
            "panel_filling"
        } else {
            "panel_fillForm"
        };
        self.fill.set_text_content(Some(&self.text(&msg!(key))));
    }

    pub fn show_captured(&self, text: &Msg) {
        if let Ok(mut shown) = self.shown.try_borrow_mut() {
            shown.captured = Some(text.clone());
        }
        self.draw_captured();
    }

    fn draw_captured(&self) {
        let Ok(shown) = self.shown.try_borrow() else {
            return;
        };
        if let (Some(text), Ok(el)) = (&shown.captured, part::<Element>(&self.root, "captured")) {
            el.set_text_content(Some(&self.text(text)));
        }
    }

    pub fn unmount(self) {
        self.host.remove();
    }
}
