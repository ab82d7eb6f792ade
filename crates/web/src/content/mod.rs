//! The content script's core: watches the control panel for the Create API account form,
//! shows the panel, fills the form, and captures the credentials dialog.
//! Everything here is a thin adapter over the pure core (`plan`, `credentials`, `report`).

mod act;
mod capture;
mod events;
mod fill;
mod panel;
mod snapshot;
mod timing;
mod watch;

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, MutationObserver, MutationObserverInit, MutationRecord};

use crate::kit::js::BrowserJson;
use panel::Panel;
use scopefill_core::account::{render_name, NameContext};
use scopefill_core::contract::{CaptureDraft, ProblemRecord, ToContent, ToWorker};
use scopefill_core::credentials::store_hash_from_api_path;
use scopefill_core::messages::{self, msg, Arg, Messages, Msg};
use scopefill_core::outline;
use scopefill_core::preset::{self, Preset};
use scopefill_core::report::Report;

#[wasm_bindgen]
extern "C" {
    /// What the JS loader provides: the browser APIs the core may not reach itself.
    pub type ContentHost;
    /// Hands a message to the extension's background (`runtime.sendMessage`); resolves to
    /// the background's answer.
    #[wasm_bindgen(method)]
    fn send(this: &ContentHost, message: JsValue) -> js_sys::Promise;
    /// The user's presets from `storage.local`: `[{file, json}]`.
    #[wasm_bindgen(method, getter, js_name = customPresets)]
    fn custom_presets(this: &ContentHost) -> JsValue;
    /// The account-name template from the options (default `{preset}`).
    #[wasm_bindgen(method, getter, js_name = nameTemplate)]
    fn name_template(this: &ContentHost) -> Option<String>;
    /// The id of the integration last used to fill a form (`storage.local` `lastPreset`):
    /// the Integration picker lists it first.
    #[wasm_bindgen(method, getter, js_name = lastPreset)]
    fn last_preset(this: &ContentHost) -> Option<String>;
    /// Remembers the id of the integration a fill used (`storage.local` `lastPreset`; only
    /// the id, nothing secret).
    #[wasm_bindgen(method, catch, js_name = rememberPreset)]
    fn remember_preset(this: &ContentHost, id: &str) -> Result<(), JsValue>;
    /// Which build of the core runs: "wasm", or "js" where the page's CSP blocks WASM.
    #[wasm_bindgen(method, getter)]
    fn flavour(this: &ContentHost) -> Option<String>;
    /// Milliseconds the loader took to load the core.
    #[wasm_bindgen(method, getter, js_name = loadMs)]
    fn load_ms(this: &ContentHost) -> Option<f64>;
    /// The browser's interface language (`i18n.getUILanguage()`).
    #[wasm_bindgen(method, getter, js_name = uiLanguage)]
    fn ui_language(this: &ContentHost) -> Option<String>;
}

/// The form's Save and name field, as the last read of the page found them: a click is
/// compared with them, not read again (the page is read on its changes, not on each click).
#[derive(Clone, Default)]
struct FormParts {
    save: Option<Element>,
    name: Option<Element>,
}

impl FormParts {
    fn of(scene: &fill::Scene) -> FormParts {
        FormParts {
            save: scene.form.save.and_then(|i| scene.snap.element(i)).cloned(),
            name: scene.snap.element(scene.form.name_input).cloned(),
        }
    }

    /// Both still in the document.
    fn current(&self) -> bool {
        let connected = |el: &Option<Element>| el.as_ref().is_some_and(|e| e.is_connected());
        connected(&self.save) && connected(&self.name)
    }
}

/// The document observer and its callback, kept alive together.
type Watch = (MutationObserver, Closure<dyn FnMut(js_sys::Array)>);

/// How long after a press of Save a credentials dialog is still taken as its answer.
const SAVE_ANSWER_MS: f64 = 5.0 * 60.0 * 1000.0;

struct App {
    host: ContentHost,
    presets: Vec<Preset>,
    panel: Option<Panel>,
    filling: bool,
    check_pending: bool,
    /// Client IDs already captured, so a re-rendered dialog is not captured twice.
    captured: Vec<String>,
    api_path: Option<String>,
    b2b_api_path: Option<String>,
    /// When Save was last pressed on the create form in this frame: only a dialog that
    /// follows it is captured.
    saved_at: Option<f64>,
    /// The last fill, watched until the form leaves the page.
    filled: Option<watch::Filled>,
    form_parts: FormParts,
    /// The panel's language (a catalogue folder), and the catalogues read so far.
    locale: &'static str,
    catalogues: Vec<Rc<Messages>>,
    touches: watch::Touches,
    _observer: Option<Watch>,
    _listeners: Vec<Closure<dyn FnMut(Event)>>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

fn with_app<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    APP.with(|cell| cell.try_borrow_mut().ok()?.as_mut().map(f))
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn today() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect()
}

fn default_name(app: &App, preset: &Preset) -> String {
    let template = app
        .host
        .name_template()
        .unwrap_or_else(|| "{preset}".into());
    let store = app
        .api_path
        .as_deref()
        .and_then(store_hash_from_api_path)
        .unwrap_or_default();
    let ctx = NameContext {
        preset: &preset.account_name,
        date: &today(),
        store: &store,
    };
    render_name(&template, &ctx).unwrap_or_else(|_| preset.account_name.clone())
}

fn selected_preset(app: &App) -> Option<Preset> {
    let id = app.panel.as_ref()?.preset.chosen_id()?;
    preset::find(&app.presets, &id).cloned()
}

fn show_selected(app: &App) {
    let Some(panel) = &app.panel else { return };
    let preset = selected_preset(app);
    let name = preset
        .as_ref()
        .map(|p| default_name(app, p))
        .unwrap_or_default();
    panel.show_preset(preset.as_ref(), &name);
}

/// The language the panel speaks on this page: the control panel's own (told from its
/// words), else `<html lang>`'s, else the browser's, where a catalogue exists; else English.
fn panel_locale(app: &App, doc: &Document, scene: &fill::Scene) -> &'static str {
    let html_lang = doc
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .filter(|lang| !lang.trim().is_empty());
    let pack = outline::page_language(&scene.snap.outline, html_lang.as_deref());
    messages::choose_locale(
        pack,
        html_lang.as_deref(),
        app.host.ui_language().as_deref(),
    )
}

/// Gives the panel its language's catalogue: English and catalogues already read at once,
/// others once the background has sent them (the panel speaks English until then).
fn use_locale(app: &mut App) {
    let locale = app.locale;
    if app.panel.as_ref().is_none_or(|p| p.locale() == locale) {
        return;
    }
    let known = if locale == "en" {
        Some(Rc::new(Messages::english().clone()))
    } else {
        app.catalogues
            .iter()
            .find(|m| m.locale() == locale)
            .cloned()
    };
    if let Some(messages) = known {
        if let Some(panel) = app.panel.as_mut() {
            panel.set_messages(messages);
        }
        return;
    }
    // The background reads `_locales/<locale>/messages.json` for us: a content script may not.
    let request = ToWorker::Messages {
        locale: locale.to_string(),
    };
    let Ok(message) = crate::kit::js::to_js(&request) else {
        return;
    };
    let promise = app.host.send(message);
    wasm_bindgen_futures::spawn_local(async move {
        let json = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .filter(|answer| {
                js_sys::Reflect::get(answer, &"ok".into()).is_ok_and(|ok| ok.is_truthy())
            })
            .and_then(|answer| js_sys::Reflect::get(&answer, &"json".into()).ok())
            .and_then(|json| json.as_string());
        let Some(messages) =
            json.and_then(|json| Messages::parse_with::<BrowserJson>(locale, &json).ok())
        else {
            return;
        };
        let messages = Rc::new(messages);
        with_app(|app| {
            if !app.catalogues.iter().any(|m| m.locale() == locale) {
                app.catalogues.push(messages.clone());
            }
            // The panel of this page, still wanting this language.
            if app.locale == locale {
                if let Some(panel) = app.panel.as_mut() {
                    panel.set_messages(messages);
                }
            }
        });
    });
}

fn mount_panel(app: &mut App, doc: &Document, scene: &fill::Scene) {
    let last_used = app.host.last_preset();
    let on_choose = |_: &str| {
        with_app(|app| show_selected(app));
    };
    let Ok(mut panel) = Panel::mount(doc, &app.presets, last_used.as_deref(), on_choose) else {
        return;
    };
    let fill = panel.fill.clone();
    panel.on(&fill, "click", |event| {
        // The fill's time is counted from the click, in the page's clock.
        let started = event.time_stamp();
        wasm_bindgen_futures::spawn_local(async move {
            // The outcome is shown in the panel.
            let _ = run_fill(started).await;
        })
    });
    let fix = panel.fix.clone();
    panel.on(&fix, "click", |_| {
        wasm_bindgen_futures::spawn_local(watch::fix())
    });
    let anyway = panel.save_anyway.clone();
    panel.on(&anyway, "click", |_| watch::save_anyway());
    let copy = panel.copy_outline.clone();
    panel.on(&copy, "click", |_| copy_outline());
    if let Some(collapse) = panel.collapse_button() {
        panel.on(&collapse, "click", |_| {
            with_app(|app| {
                if let Some(p) = &app.panel {
                    p.toggle_collapsed()
                }
            });
        });
    }
    // Which core runs, and how long it took to load: shown to tests and `make bench`.
    panel.set_core_info(
        &app.host.flavour().unwrap_or_default(),
        app.host.load_ms().unwrap_or_default(),
    );
    // Without Save there is nothing to arm the capture on: the user must know now.
    if scene.form.save.is_none() {
        panel.show_captured(&msg!("panel_noSave"));
    }
    app.panel = Some(panel);
    show_selected(app);
    app.locale = panel_locale(app, doc, scene);
    use_locale(app);
}

/// Shows the panel while the form is on the page, removes it when the form goes.
fn check_form() {
    let Some(doc) = document() else { return };
    let scene = fill::look(&doc);
    with_app(|app| {
        if let Some(scene) = &scene {
            app.form_parts = FormParts::of(scene);
            if let Some(path) = scene.api_path() {
                app.api_path = Some(path);
            }
            if let Some(path) = scene.b2b_api_path() {
                app.b2b_api_path = Some(path);
            }
            if app.panel.is_none() {
                mount_panel(app, &doc, scene);
            }
        } else if !app.filling {
            app.filled = None;
            app.form_parts = FormParts::default();
            if let Some(panel) = app.panel.take() {
                panel.unmount();
            }
        }
    });
}

/// Batches form checks: a busy page mutates many times a second.
fn schedule_check() {
    let go = with_app(|app| !std::mem::replace(&mut app.check_pending, true)).unwrap_or(false);
    if go {
        // A throttle, not a wait: a busy page would otherwise be read many times a second.
        wasm_bindgen_futures::spawn_local(async {
            gloo_timers::future::TimeoutFuture::new(80).await;
            with_app(|app| app.check_pending = false);
            check_form();
        });
    }
}

/// Fills the form with the panel's integration and name; shows and returns the report.
/// `started`: when the user asked, in the page's clock.
async fn run_fill(started: f64) -> Result<Report, Msg> {
    let doc = document().ok_or_else(|| Msg::literal("no document"))?;
    let start = with_app(|app| {
        if app.filling {
            return Err(msg!("panel_fillRunning"));
        }
        let preset = selected_preset(app).ok_or_else(|| msg!("panel_chooseIntegration"))?;
        let panel = app.panel.as_ref().ok_or_else(|| msg!("panel_noForm"))?;
        let name = panel.name.value();
        // Best effort: the fill does not depend on it.
        let _ = app.host.remember_preset(&preset.id);
        panel.set_busy(true);
        panel.set_status(&msg!("panel_fillingForm"), None);
        panel.clear_held();
        app.filling = true;
        app.filled = None;
        Ok((preset, name))
    })
    .ok_or_else(|| msg!("panel_notRunning"))??;
    let (preset, name) = start;
    let result = fill::fill(&doc, &preset, &name, started).await;
    with_app(|app| {
        app.filling = false;
        if let Ok(outcome) = &result {
            app.filled = Some(watch::Filled::new(outcome));
        }
        if let Some(panel) = &app.panel {
            panel.set_busy(false);
            match &result {
                Ok(outcome) => {
                    panel.show_report(&outcome.report);
                    panel.set_fill_ms(outcome.elapsed_ms);
                    if outcome.unrecognised {
                        panel.show_seen(&outcome.seen_rows);
                    }
                }
                Err(e) => panel.set_status(e, Some(false)),
            }
        }
    });
    result.map(|outcome| outcome.report)
}

/// Whether this frame shows the Create API account form (the loader asks before it
/// answers a request from the toolbar popup, so only that frame replies).
#[wasm_bindgen(js_name = formPresent)]
pub fn form_present() -> bool {
    document().is_some_and(|d| fill::look(&d).is_some())
}

/// The page outline as a user may paste it into a bug report (JSON): structure, roles and
/// captions, no input values, token-shaped words masked.
#[wasm_bindgen(js_name = pageOutline)]
pub fn page_outline() -> String {
    let Some(doc) = document() else {
        return String::new();
    };
    let snap = snapshot::take(&doc);
    // The browser's JSON writer: serde_json stays out of the content script's core.
    crate::kit::js::to_js(&outline::redact(&snap.outline))
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// "Copy page outline" in the panel: the clipboard, or the text shown to copy by hand.
fn copy_outline() {
    let text = page_outline();
    let written = web_sys::window().map(|w| w.navigator().clipboard().write_text(&text));
    wasm_bindgen_futures::spawn_local(async move {
        let copied = match written {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        with_app(|app| {
            if let Some(panel) = &app.panel {
                panel.show_outline_copied(copied, &text);
            }
        });
    });
}

/// Fills the form with a preset, as if chosen in the panel and Fill form pressed (the
/// toolbar popup's Fill form): the report, in the panel's language (its `message`s let the
/// popup show it in the browser's).
async fn fill_report(preset_id: String) -> Result<Report, Msg> {
    check_form();
    // None without a panel: run_fill then says the form is not on the page.
    let known = with_app(|app| {
        let known = app
            .panel
            .as_ref()
            .map(|panel| panel.preset.choose(&preset_id));
        show_selected(app);
        known
    })
    .flatten();
    if known == Some(false) {
        return Err(msg!("panel_notListed"));
    }
    let report = run_fill(timing::now_ms()).await?;
    Ok(
        with_app(|app| app.panel.as_ref().map(|p| p.render(&report)))
            .flatten()
            .unwrap_or(report),
    )
}

/// The content script's answer to the toolbar popup.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PopupAnswer {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    outline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<Report>,
    /// Why a fill failed, in the panel's language, and as a message for the popup's.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_message: Option<Msg>,
}

/// A message from the toolbar popup (`contract::ToContent`), answered only by the frame that
/// shows the form: a promise of the answer, or undefined when this frame does not answer
/// (another frame, or not a message of the contract).
#[wasm_bindgen(js_name = answerPopup)]
pub fn answer_popup(message: JsValue) -> Option<js_sys::Promise> {
    if !form_present() {
        return None;
    }
    let field = |name: &str| {
        js_sys::Reflect::get(&message, &name.into())
            .ok()?
            .as_string()
    };
    let request = ToContent::from_fields(&field("type")?, field("preset"))?;
    let answer = |a: &PopupAnswer| crate::kit::js::to_js(a);
    Some(match request {
        ToContent::Outline => {
            let outline = PopupAnswer {
                ok: true,
                outline: Some(page_outline()),
                report: None,
                error: None,
                error_message: None,
            };
            js_sys::Promise::resolve(&answer(&outline).unwrap_or(JsValue::UNDEFINED))
        }
        ToContent::Fill { preset } => wasm_bindgen_futures::future_to_promise(async move {
            let reply = match fill_report(preset).await {
                Ok(report) => PopupAnswer {
                    ok: true,
                    outline: None,
                    report: Some(report),
                    error: None,
                    error_message: None,
                },
                Err(message) => PopupAnswer {
                    ok: false,
                    outline: None,
                    report: None,
                    error: Some(failure_text(&message)),
                    error_message: Some(message),
                },
            };
            answer(&reply)
        }),
    })
}

/// Why a fill from the popup failed, in the panel's language.
fn failure_text(message: &Msg) -> String {
    with_app(|app| app.panel.as_ref().map(|p| p.text(message)))
        .flatten()
        .unwrap_or_else(|| Messages::english().render(message))
}

/// Whether a credentials dialog now would answer a Save on the create form in this frame.
fn expecting_credentials(app: &App) -> bool {
    app.saved_at
        .is_some_and(|t| js_sys::Date::now() - t < SAVE_ANSWER_MS)
}

fn on_dialog(dialog: &Element) {
    if !with_app(|app| expecting_credentials(app)).unwrap_or(false) {
        return;
    }
    let Some(parsed) = capture::read(dialog) else {
        return;
    };
    with_app(|app| {
        let id = parsed.credentials.client_id.clone().unwrap_or_default();
        if app.captured.contains(&id) {
            return;
        }
        // One Save, one account: a later look-alike needs a new Save.
        app.saved_at = None;
        let mut creds = parsed.credentials.clone();
        // The form is still on the page behind the dialog; it was read when it showed.
        if creds.api_path.is_none() {
            creds.api_path = app.api_path.clone();
        }
        if creds.b2b_api_path.is_none() {
            creds.b2b_api_path = app.b2b_api_path.clone();
        }
        if creds.name.is_none() {
            creds.name = app
                .panel
                .as_ref()
                .map(|p| p.name.value())
                .filter(|n| !n.is_empty());
        }
        let preset = selected_preset(app);
        let message = ToWorker::Capture {
            capture: CaptureDraft {
                preset: preset.as_ref().map(|p| p.id.clone()),
                preset_name: preset.as_ref().map(|p| p.name.clone()),
                store_hash: creds.store_hash(),
                captured_at: Some(js_sys::Date::now()),
                problems: creds.problems().iter().map(ProblemRecord::from).collect(),
                credentials: creds.clone(),
                save_id: None,
            },
        };
        let Ok(js) = crate::kit::js::to_js(&message) else {
            return;
        };
        let sent = wasm_bindgen_futures::JsFuture::from(app.host.send(js));
        app.captured.push(id);
        let who: Arg = match preset {
            Some(p) => p.name.into(),
            None => msg!("panel_thisAccount").into(),
        };
        let store = creds.store_hash();
        // Told to the user only once the background holds them.
        wasm_bindgen_futures::spawn_local(async move {
            let stored = sent
                .await
                .ok()
                .and_then(|answer| js_sys::Reflect::get(&answer, &"ok".into()).ok())
                .is_some_and(|ok| ok.is_truthy());
            let text = match (stored, store) {
                (true, Some(store)) => msg!("panel_capturedStore", who, store),
                (true, None) => msg!("panel_captured", who),
                (false, _) => msg!("panel_captureFailed"),
            };
            with_app(|app| {
                if let Some(panel) = &app.panel {
                    panel.show_captured(&text);
                }
            });
        });
    });
}

fn on_mutations(records: js_sys::Array) {
    let mut elements_changed = false;
    for record in records.iter() {
        let Ok(record) = record.dyn_into::<MutationRecord>() else {
            continue;
        };
        if record.type_() != "childList" {
            continue;
        }
        elements_changed = true;
        let added = record.added_nodes();
        for i in 0..added.length() {
            if let Some(node) = added.item(i) {
                for dialog in capture::dialogs_in(&node) {
                    on_dialog(&dialog);
                }
            }
        }
    }
    // Whether the form came or went changes only with elements; a row's state also with
    // its attributes.
    if elements_changed {
        schedule_check();
    }
    watch::schedule_review();
}

/// Whether an event is a press of the create form's own Save: a click on the control the
/// form's structure makes its Save (never found by its word, so in any language), or a
/// submit of the form that holds the name field.
fn is_save(event: &Event) -> bool {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    let clicked = match event.type_().as_str() {
        "submit" => None,
        _ => {
            match target.closest("button, [role=button], input[type=submit], input[type=button]") {
                Ok(Some(button)) => Some(button),
                _ => return false,
            }
        }
    };
    // The form's parts as last read; read again only if the page has replaced them since.
    let known = with_app(|app| app.form_parts.clone()).unwrap_or_default();
    let parts = if known.current() {
        known
    } else {
        document()
            .and_then(|doc| fill::look(&doc))
            .map(|scene| FormParts::of(&scene))
            .unwrap_or_default()
    };
    match clicked {
        Some(button) => parts.save.is_some_and(|save| save == button),
        None => parts.name.is_some_and(|name| target.contains(Some(&name))),
    }
}

/// A press of Save on the create form arms the capture of the credentials dialog that
/// answers it.
fn on_save_intent(event: Event) {
    if is_save(&event) {
        // A Save the form would not pass as the report says is held once, and not armed.
        if watch::hold_save(&event) {
            return;
        }
        with_app(|app| {
            // The panel is shown only while the create form is on the page.
            if let Some(panel) = &app.panel {
                panel.clear_held();
                app.saved_at = Some(js_sys::Date::now());
            }
        });
    }
}

/// Starts the content script's core in this frame.
#[wasm_bindgen(js_name = startContent)]
pub fn start_content(host: ContentHost) -> Result<(), JsValue> {
    let doc = document().ok_or("no document")?;
    let (presets, _errors) = preset::with_custom_with::<BrowserJson>(
        &crate::kit::js::custom_from_js(host.custom_presets()),
    );
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(on_mutations);
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    // The attributes that show which choice is on (the filled form is watched by them).
    init.set_attributes(true);
    let shown: js_sys::Array = [
        "aria-checked",
        "aria-pressed",
        "aria-selected",
        "value",
        "checked",
        "selected",
    ]
    .iter()
    .map(|a| JsValue::from_str(a))
    .collect();
    init.set_attribute_filter(&shown);
    observer.observe_with_options(&doc, &init)?;
    // Capture phase: the page cannot stop the press from being seen.
    let save_intent = Closure::<dyn FnMut(Event)>::new(on_save_intent);
    for kind in ["click", "submit"] {
        doc.add_event_listener_with_callback_and_bool(
            kind,
            save_intent.as_ref().unchecked_ref(),
            true,
        )?;
    }
    // A person's own clicks, keys and changes: a row they change is theirs.
    let user_input = Closure::<dyn FnMut(Event)>::new(watch::on_user_input);
    for kind in ["pointerdown", "click", "keydown", "input", "change"] {
        doc.add_event_listener_with_callback_and_bool(
            kind,
            user_input.as_ref().unchecked_ref(),
            true,
        )?;
    }
    APP.with(|cell| {
        *cell.borrow_mut() = Some(App {
            host,
            presets,
            panel: None,
            filling: false,
            check_pending: false,
            captured: Vec::new(),
            api_path: None,
            b2b_api_path: None,
            saved_at: None,
            filled: None,
            form_parts: FormParts::default(),
            locale: "en",
            catalogues: Vec::new(),
            touches: watch::Touches::default(),
            _observer: Some((observer, callback)),
            _listeners: vec![save_intent, user_input],
        })
    });
    check_form();
    Ok(())
}
