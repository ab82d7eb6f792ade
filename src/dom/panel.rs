//! The in-page panel: an open shadow root (styles isolated, reachable by tests) with the
//! Integration picker, the account name, Fill form, and the fill report.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlButtonElement, HtmlElement, HtmlInputElement, ShadowRoot,
};

use super::combobox::{self, Combobox};
use crate::guard::Difference;
use crate::preset::Preset;
use crate::report::{ItemKind, Report};

pub const HOST_ID: &str = "scopefill-panel";
const CSS: &str = include_str!("panel.css");
const HTML: &str = include_str!("panel.html");

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

impl Panel {
    /// Mounts the panel with `presets` in the Integration picker, the last used one first and
    /// chosen; `on_choose` is called with the id of an integration the user picks.
    pub fn mount(
        doc: &Document,
        presets: &[Preset],
        last_used: Option<&str>,
        on_choose: impl Fn(&str) + 'static,
    ) -> Result<Panel, JsValue> {
        let host = doc.create_element("div")?;
        host.set_id(HOST_ID);
        let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
        let root = host.attach_shadow(&init)?;
        adopt_styles(&root, doc)?;
        let template = doc.create_element("template")?;
        template.set_inner_html(HTML);
        let content: web_sys::DocumentFragment =
            js_sys::Reflect::get(&template, &"content".into())?.dyn_into()?;
        root.append_child(&content)?;
        let parts = combobox::Parts {
            input: part(&root, "preset")?,
            list: part(&root, "preset-list")?,
            toggle: part(&root, "preset-toggle").ok(),
            status: part(&root, "preset-status").ok(),
            labels: combobox::Labels::default(),
        };
        let entries = crate::picker::entries(presets);
        let preset = Combobox::new(parts, entries, last_used, on_choose);
        let panel = Panel {
            name: part(&root, "name")?,
            fill: part(&root, "fill")?,
            copy_outline: part(&root, "copy-outline")?,
            fix: part(&root, "fix")?,
            save_anyway: part(&root, "save-anyway")?,
            preset,
            host,
            root,
            listeners: Vec::new(),
        };
        let body = doc.body().ok_or("no body")?;
        body.append_child(&panel.host)?;
        Ok(panel)
    }

    pub fn on(
        &mut self,
        target: &web_sys::EventTarget,
        kind: &str,
        handler: impl FnMut(Event) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
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
            let _ = button.set_attribute(
                "aria-label",
                if collapsed {
                    "Expand ScopeFill"
                } else {
                    "Minimise ScopeFill"
                },
            );
        }
    }

    pub fn show_preset(&self, preset: Option<&Preset>, account_name: &str) {
        if let Ok(note) = part::<Element>(&self.root, "note") {
            note.set_text_content(preset.and_then(|p| p.note.as_deref()));
        }
        self.name.set_value(account_name);
    }

    pub fn set_status(&self, text: &str, ok: Option<bool>) {
        if let Ok(status) = part::<Element>(&self.root, "status") {
            status.set_text_content(Some(text));
            let class = match ok {
                Some(true) => "ok",
                Some(false) => "bad",
                None => "",
            };
            let _ = status.set_attribute("class", class);
        }
        self.set_items(&[]);
        if let Ok(seen) = part::<HtmlElement>(&self.root, "seen") {
            seen.set_hidden(true);
        }
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
        // The live region names the rows, so a screen reader says which ones.
        self.set_status(&report.announcement, Some(report.ok));
        let items: Vec<(ItemKind, String)> = report
            .items
            .iter()
            .map(|i| (i.kind, i.text.clone()))
            .collect();
        self.set_items(&items);
    }

    /// What the fill saw when rows it needed were not recognised, with the offer to copy
    /// the page outline for a bug report.
    pub fn show_seen(&self, captions: &[String]) {
        let named: Vec<String> = captions
            .iter()
            .map(|c| {
                if c.is_empty() {
                    "(no caption)".to_string()
                } else {
                    format!("“{c}”")
                }
            })
            .collect();
        let text = match named.len() {
            0 => "ScopeFill saw no rows of choices on this form. If the page shows scope \
                  rows, copy the page outline and add it to a bug report: it holds the \
                  page's structure and captions, no values."
                .to_string(),
            n => format!(
                "ScopeFill saw {n} {} of choices on this form: {}. If the page shows rows \
                 that are not listed, copy the page outline and add it to a bug report: it \
                 holds the page's structure and captions, no values.",
                if n == 1 { "row" } else { "rows" },
                named.join(", ")
            ),
        };
        if let Ok(el) = part::<Element>(&self.root, "seen-text") {
            el.set_text_content(Some(&text));
        }
        if let Ok(status) = part::<Element>(&self.root, "outline-status") {
            status.set_text_content(None);
        }
        if let Ok(seen) = part::<HtmlElement>(&self.root, "seen") {
            seen.set_hidden(false);
        }
    }

    /// After Copy page outline: confirmed, or the outline shown to copy by hand.
    pub fn show_outline_copied(&self, copied: bool, outline: &str) {
        if let Ok(status) = part::<Element>(&self.root, "outline-status") {
            status.set_text_content(Some(if copied {
                "Page outline copied. Paste it into your bug report."
            } else {
                "The browser did not allow copying: select the outline below and copy it."
            }));
        }
        if let Ok(area) = part::<web_sys::HtmlTextAreaElement>(&self.root, "outline-text") {
            area.set_value(if copied { "" } else { outline });
            area.set_hidden(copied);
            if !copied {
                area.select();
            }
        }
    }

    /// How long the last fill took, from the click to the last row verified (for tests
    /// and `make bench`).
    pub fn set_fill_ms(&self, ms: f64) {
        let _ = self.host.set_attribute("data-fill-ms", &tenths(ms));
    }

    /// A new fill, or a Save that went through: no Save is held.
    pub fn clear_held(&self) {
        self.held_part(true);
    }

    fn held_part(&self, hidden: bool) {
        if let Ok(held) = part::<HtmlElement>(&self.root, "held") {
            held.set_hidden(hidden);
        }
    }

    /// A Save held because rows differ from the report: which, and the two ways on.
    pub fn show_held(&self, differences: &[Difference]) {
        let n = differences.len();
        if let Ok(text) = part::<Element>(&self.root, "held-text") {
            text.set_text_content(Some(&format!(
                "Save held: {n} {} not show what the report says. Scopes cannot be changed \
                 after saving. Fix sets {} back; then press Save again.",
                if n == 1 { "row does" } else { "rows do" },
                if n == 1 { "it" } else { "them" },
            )));
        }
        let items: Vec<String> = differences
            .iter()
            .map(|d| {
                format!(
                    "{}: shows '{}', the report says '{}'",
                    d.label,
                    d.shows.as_deref().unwrap_or("nothing"),
                    d.expected
                )
            })
            .collect();
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
        if let Ok(actions) = part::<HtmlElement>(&self.root, "held-actions") {
            actions.set_hidden(false);
        }
        self.held_part(false);
    }

    /// After Fix or Save anyway: what to do next.
    pub fn show_held_note(&self, text: &str) {
        if let Ok(el) = part::<Element>(&self.root, "held-text") {
            el.set_text_content(Some(text));
        }
        if let Ok(list) = part::<Element>(&self.root, "held-items") {
            list.set_text_content(None);
        }
        if let Ok(actions) = part::<HtmlElement>(&self.root, "held-actions") {
            actions.set_hidden(true);
        }
        self.held_part(false);
    }

    pub fn set_busy(&self, busy: bool) {
        self.fill.set_disabled(busy);
        self.fill
            .set_text_content(Some(if busy { "Filling…" } else { "Fill form" }));
    }

    pub fn show_captured(&self, text: &str) {
        if let Ok(el) = part::<Element>(&self.root, "captured") {
            el.set_text_content(Some(text));
        }
    }

    pub fn unmount(self) {
        self.host.remove();
    }
}
