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
mod unclobbered;
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
    /// "open" only in the test flavour (tests/e2e/flavour.mjs), whose tests drive the panel:
    /// the shipped extension's panel is a closed shadow root.
    #[wasm_bindgen(method, getter, js_name = panelMode)]
    fn panel_mode(this: &ContentHost) -> Option<String>;
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
        let connected =
            |el: &Option<Element>| el.as_ref().is_some_and(|e| unclobbered::connected(e));
        connected(&self.save) && connected(&self.name)
    }
}

/// What the loader gave the core: kept apart from the [`App`], so that a new App can be made
/// from it (see [`with_app`]).
struct Startup {
    host: ContentHost,
    presets: Vec<Preset>,
}

/// A press of the user's own Save, and the credentials dialogs that answered it.
struct Armed {
    at: f64,
    /// Sent with each capture, so the background can tell two answers to one Save apart.
    save_id: String,
    /// The Client IDs captured for this Save: a second, different one is a conflict.
    answers: Vec<String>,
}

/// The document observer and its callback, and the document's listeners: kept alive for
/// the page's life, outside the App.
struct Listening {
    _observer: MutationObserver,
    _on_mutations: Closure<dyn FnMut(js_sys::Array)>,
    _listeners: Vec<Closure<dyn FnMut(Event)>>,
}

/// How long after a press of Save a credentials dialog is still taken as its answer.
const SAVE_ANSWER_MS: f64 = 5.0 * 60.0 * 1000.0;

struct App {
    start: Rc<Startup>,
    panel: Option<Panel>,
    filling: bool,
    check_pending: bool,
    /// Client IDs already captured, so a re-rendered dialog is not captured twice.
    captured: Vec<String>,
    api_path: Option<String>,
    b2b_api_path: Option<String>,
    /// The user's last press of Save on the create form in this frame: only a dialog that
    /// follows it is captured.
    armed: Option<Armed>,
    saves: u32,
    /// Credentials-shaped dialogs not yet rendered, watched until they are.
    unrendered: Vec<Element>,
    /// The last fill, watched until the form leaves the page.
    filled: Option<watch::Filled>,
    form_parts: FormParts,
    /// The panel's language (a catalogue folder), and the catalogues read so far.
    locale: &'static str,
    catalogues: Vec<Rc<Messages>>,
    touches: watch::Touches,
}

impl App {
    fn new(start: Rc<Startup>) -> App {
        App {
            start,
            panel: None,
            filling: false,
            check_pending: false,
            captured: Vec::new(),
            api_path: None,
            b2b_api_path: None,
            armed: None,
            saves: 0,
            unrendered: Vec::new(),
            filled: None,
            form_parts: FormParts::default(),
            locale: "en",
            catalogues: Vec::new(),
            touches: watch::Touches::default(),
        }
    }

    fn host(&self) -> &ContentHost {
        &self.start.host
    }

    fn presets(&self) -> &[Preset] {
        &self.start.presets
    }
}

type AppCell = Rc<RefCell<Option<App>>>;

thread_local! {
    static STARTUP: RefCell<Option<Rc<Startup>>> = const { RefCell::new(None) };
    static APP: RefCell<AppCell> = RefCell::new(Rc::new(RefCell::new(None)));
    static LISTENING: RefCell<Option<Listening>> = const { RefCell::new(None) };
    static STUCK_CHECK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` on the App; None while it is in use further up the stack (a page event our own
/// action dispatched) or before the core started.
///
/// An exception thrown by a DOM call unwinds through WASM without running destructors, so
/// the App's borrow would stay taken, and capture would stop in this frame for good. A
/// failed borrow is therefore checked again once the stack is empty (a microtask): still
/// taken then, it was left by an exception, and a new App takes over.
fn with_app<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    let cell = APP.with(|slot| slot.borrow().clone());
    let borrowed = cell.try_borrow_mut();
    match borrowed {
        Ok(mut app) => app.as_mut().map(f),
        Err(_) => {
            check_stuck();
            None
        }
    }
}

fn check_stuck() {
    if STUCK_CHECK.with(|pending| pending.replace(true)) {
        return;
    }
    // spawn_local runs its tasks in a microtask: no Rust frame is on the stack then.
    wasm_bindgen_futures::spawn_local(async {
        STUCK_CHECK.with(|pending| pending.set(false));
        let cell = APP.with(|slot| slot.borrow().clone());
        let stuck = cell.try_borrow_mut().is_err();
        if stuck {
            restart();
        }
    });
}

/// A new App in place of one an exception left borrowed: the old one is left as it is
/// (never touched again), its panel removed from the page.
fn restart() {
    let Some(start) = STARTUP.with(|s| s.borrow().clone()) else {
        return;
    };
    if let Some(doc) = document() {
        while let Some(old) = unclobbered::by_id(&doc, panel::HOST_ID) {
            old.remove();
        }
    }
    let fresh: AppCell = Rc::new(RefCell::new(Some(App::new(start))));
    let old = APP.with(|slot| std::mem::replace(&mut *slot.borrow_mut(), fresh));
    std::mem::forget(old);
    check_form();
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
        .host()
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
    preset::find(app.presets(), &id).cloned()
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
        app.host().ui_language().as_deref(),
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
    let promise = app.host().send(message);
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
    let last_used = app.host().last_preset();
    let on_choose = |_: &str| {
        with_app(|app| show_selected(app));
    };
    let open = app.host().panel_mode().as_deref() == Some("open");
    let Ok(mut panel) = Panel::mount(doc, app.presets(), last_used.as_deref(), open, on_choose)
    else {
        return;
    };
    let fill = panel.fill.clone();
    panel.on(&fill, "click", |event| {
        if !event.is_trusted() {
            return;
        }
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
        &app.host().flavour().unwrap_or_default(),
        app.host().load_ms().unwrap_or_default(),
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
        // Best effort: the fill does not depend on it. Only the user's own Fill gets here
        // (the panel takes trusted events only; the popup's requests come from the extension).
        let _ = app.host().remember_preset(&preset.id);
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

/// Whether a credentials dialog now would answer the user's Save on the create form in this
/// frame.
fn expecting_credentials(app: &App) -> bool {
    app.armed
        .as_ref()
        .is_some_and(|armed| js_sys::Date::now() - armed.at < SAVE_ANSWER_MS)
}

/// How long a credentials dialog inserted out of sight is watched for being shown.
const UNRENDERED_WATCH_MS: f64 = 3000.0;

/// A dialog inserted after the user's Save: captured if it shows credentials and a person
/// can see it; watched for a while if it shows credentials out of sight.
fn on_dialog(dialog: &Element) {
    if !with_app(|app| expecting_credentials(app)).unwrap_or(false) {
        return;
    }
    if capture::read(dialog).is_none() {
        return;
    }
    if capture::rendered(dialog) {
        capture_dialog(dialog);
        return;
    }
    let new = with_app(|app| {
        let new = !app.unrendered.contains(dialog);
        if new {
            app.unrendered.push(dialog.clone());
        }
        new
    })
    .unwrap_or(false);
    if !new {
        return;
    }
    let dialog = dialog.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let deadline = timing::now_ms() + UNRENDERED_WATCH_MS;
        loop {
            // Shown by a change of its style or class, which the page makes as a mutation.
            let left = deadline - timing::now_ms();
            if left <= 0.0 || !unclobbered::connected(&dialog) {
                break;
            }
            timing::next_change(left).await;
            if capture::rendered(&dialog) {
                capture_dialog(&dialog);
                break;
            }
        }
        with_app(|app| app.unrendered.retain(|d| d != &dialog));
    });
}

/// Captures the credentials a rendered dialog shows, as the answer to the armed Save.
fn capture_dialog(dialog: &Element) {
    let Some(parsed) = capture::read(dialog) else {
        return;
    };
    with_app(|app| {
        if !expecting_credentials(app) {
            return;
        }
        let id = parsed.credentials.client_id.clone().unwrap_or_default();
        if app.captured.contains(&id) {
            return;
        }
        let Some(armed) = app.armed.as_mut() else {
            return;
        };
        // A second, different set for one Save: both are kept, marked, and the user told.
        let conflict = !armed.answers.is_empty();
        armed.answers.push(id.clone());
        let save_id = armed.save_id.clone();
        let mut creds = parsed.credentials.clone();
        // The form is still on the page behind the dialog; it was read when it showed.
        if creds.api_path.is_none() {
            creds.api_path = app.api_path.clone();
        }
        if creds.b2b_api_path.is_none() {
            creds.b2b_api_path = app.b2b_api_path.clone();
        }
        if creds.name.is_none() {
            // The name the account was saved with: the form's, else the panel's.
            let form_name = app
                .form_parts
                .name
                .as_ref()
                .and_then(|n| n.dyn_ref::<web_sys::HtmlInputElement>())
                .map(|input| input.value());
            let panel_name = app.panel.as_ref().map(|p| p.name.value());
            creds.name = form_name
                .filter(|n| !n.trim().is_empty())
                .or(panel_name.filter(|n| !n.trim().is_empty()));
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
                save_id: Some(save_id),
            },
        };
        let Ok(js) = crate::kit::js::to_js(&message) else {
            return;
        };
        let sent = wasm_bindgen_futures::JsFuture::from(app.host().send(js));
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
            let text = match (stored, store, conflict) {
                (true, _, true) => msg!("panel_captureConflict"),
                (true, Some(store), false) => msg!("panel_capturedStore", who, store),
                (true, None, false) => msg!("panel_captured", who),
                (false, _, _) => msg!("panel_captureFailed"),
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

/// The form's parts as last read; read again only if the page has replaced them since.
fn form_parts() -> FormParts {
    let known = with_app(|app| app.form_parts.clone()).unwrap_or_default();
    if known.current() {
        return known;
    }
    document()
        .and_then(|doc| fill::look(&doc))
        .map(|scene| FormParts::of(&scene))
        .unwrap_or_default()
}

/// The control a click or key press landed on.
fn pressed_control(target: &Element) -> Option<Element> {
    unclobbered::closest(
        target,
        "button, [role=button], input[type=submit], input[type=button]",
    )
}

/// Whether an event is a press of the create form's own Save: a click on the control the
/// form's structure makes its Save (never found by its word, so in any language), or a
/// submit of the form that holds the name field.
fn is_save(event: &Event) -> bool {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    match event.type_().as_str() {
        "submit" => form_parts()
            .name
            .is_some_and(|name| unclobbered::contains(&target, &name)),
        _ => pressed_control(&target)
            .is_some_and(|button| form_parts().save.is_some_and(|save| save == button)),
    }
}

/// Whether the page has the user's transient activation now (a click or key press within
/// the last seconds): a `submit` the page's script makes without one is not the user's.
fn user_active() -> bool {
    let activation = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"userActivation".into()).ok())
        .filter(|a| a.is_object());
    match activation {
        Some(a) => js_sys::Reflect::get(&a, &"isActive".into()).is_ok_and(|v| v.is_truthy()),
        // Without the API (Firefox before 120): a trusted press on the page just now.
        None => with_app(|app| {
            app.touches
                .latest()
                .is_some_and(|t| timing::now_ms() - t < 5000.0)
        })
        .unwrap_or(false),
    }
}

/// Arms the capture for the credentials dialog that answers this press of Save.
fn arm() {
    with_app(|app| {
        // The panel is shown only while the create form is on the page.
        if let Some(panel) = &app.panel {
            panel.clear_held();
            app.saves += 1;
            app.armed = Some(Armed {
                at: js_sys::Date::now(),
                save_id: format!("{}-{}", js_sys::Date::now() as u64, app.saves),
                answers: Vec::new(),
            });
        }
    });
}

/// The user's own press of Save on the create form arms the capture of the credentials
/// dialog that answers it. Nothing the page dispatches counts: a synthetic click, or a
/// submit without the user's activation, arms nothing.
fn on_save_intent(event: Event) {
    if !event.is_trusted() || !is_save(&event) {
        return;
    }
    if event.type_() == "submit" && !user_active() {
        return;
    }
    // A Save the form would not pass as the report says is held once, and not armed.
    if watch::hold_save(&event) {
        return;
    }
    arm();
}

/// Enter or Space on a Save drawn as `[role=button]`: a native button turns them into a
/// click (trusted, seen above), another element does not.
fn on_save_key(event: Event) {
    let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
        return;
    };
    if !event.is_trusted() || !matches!(key.key().as_str(), "Enter" | " ") {
        return;
    }
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(control) = pressed_control(&target) else {
        return;
    };
    let native = matches!(unclobbered::tag(&control).as_str(), "button" | "input");
    if !native && form_parts().save.is_some_and(|save| save == control) {
        arm();
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
    let save_key = Closure::<dyn FnMut(Event)>::new(on_save_key);
    doc.add_event_listener_with_callback_and_bool(
        "keydown",
        save_key.as_ref().unchecked_ref(),
        true,
    )?;
    // A person's own clicks, keys and changes: a row they change is theirs.
    let user_input = Closure::<dyn FnMut(Event)>::new(watch::on_user_input);
    for kind in ["pointerdown", "click", "keydown", "input", "change"] {
        doc.add_event_listener_with_callback_and_bool(
            kind,
            user_input.as_ref().unchecked_ref(),
            true,
        )?;
    }
    let start = Rc::new(Startup { host, presets });
    STARTUP.with(|s| *s.borrow_mut() = Some(start.clone()));
    APP.with(|slot| *slot.borrow_mut() = Rc::new(RefCell::new(Some(App::new(start)))));
    LISTENING.with(|l| {
        *l.borrow_mut() = Some(Listening {
            _observer: observer,
            _on_mutations: callback,
            _listeners: vec![save_intent, save_key, user_input],
        })
    });
    check_form();
    Ok(())
}
