//! The filled form, watched until it is saved (the DOM side of [`scopefill_core::guard`]): every
//! change of the page is reviewed; a row the page changed on its own is set again, a row the
//! user changed is theirs; and a press of Save is held once when the form differs from the
//! report, with Fix and Save anyway. ScopeFill never presses Save.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::fill::{self, Scene};
use super::timing::{microtask, now_ms};
use super::unclobbered;
use super::{document, with_app};
use scopefill_core::guard::{Difference, Guard};
use scopefill_core::messages::{msg, Msg};
use scopefill_core::plan::FillPlan;
use scopefill_core::report::{describe, Report};

/// How long a person's click or key press on a row explains a change of that row.
const TOUCH_MS: f64 = 5000.0;

/// The least time between two reviews of the form: a page that changes itself without end
/// costs one review per this many milliseconds, not one per change.
const REVIEW_GAP_MS: f64 = 50.0;

/// A fill, from the moment it ended until the form leaves the page.
pub struct Filled {
    plan: FillPlan,
    guard: Guard,
    errors: Vec<(String, Msg)>,
    report: Report,
    /// What held the last Save.
    held: Vec<Difference>,
    review_pending: bool,
    /// When the last review ran (the page's clock).
    reviewed_at: f64,
    allow_next_save: bool,
}

impl Filled {
    pub fn new(outcome: &fill::FillRun) -> Filled {
        Filled {
            guard: Guard::new(&outcome.plan),
            plan: outcome.plan.clone(),
            errors: outcome.action_errors.clone(),
            report: outcome.report.clone(),
            held: Vec::new(),
            review_pending: false,
            reviewed_at: f64::NEG_INFINITY,
            allow_next_save: false,
        }
    }
}

/// Elements a person clicked, typed in or changed lately (trusted events only: the page's
/// own scripts and ScopeFill's actions do not count).
#[derive(Default)]
pub struct Touches(Vec<(Element, f64)>);

impl Touches {
    fn record(&mut self, el: Element) {
        let now = now_ms();
        self.0.retain(|(_, t)| now - t < TOUCH_MS);
        self.0.push((el, now));
    }

    /// When the user last touched the page, if lately.
    pub fn latest(&self) -> Option<f64> {
        self.0.last().map(|(_, t)| *t)
    }

    /// Whether a recent touch landed on the row captioned `label`: on its choices, or in
    /// the list its combobox opened.
    fn reached(&self, scene: &Scene, label: &str) -> bool {
        let Some(row) = scene.scope_rows().find(|r| r.caption.trim() == label) else {
            return false;
        };
        let Some(el) = scene.snap.element(row.node) else {
            return false;
        };
        let list = unclobbered::attr(el, "aria-controls")
            .and_then(|id| unclobbered::by_id(&unclobbered::owner_document(el)?, &id));
        let now = now_ms();
        self.0
            .iter()
            .filter(|(_, t)| now - t < TOUCH_MS)
            .any(|(t, _)| {
                unclobbered::contains(el, t)
                    || list.as_ref().is_some_and(|l| unclobbered::contains(l, t))
            })
    }
}

/// A person's own input: noted, and the form reviewed once the page has shown it.
pub fn on_user_input(event: Event) {
    if !event.is_trusted() {
        return;
    }
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if unclobbered::id(&target) == super::panel::HOST_ID {
        return;
    }
    with_app(|app| app.touches.record(target));
    schedule_review();
}

/// Reviews the form after the current batch of changes: one review per batch, and at most
/// one per [`REVIEW_GAP_MS`].
pub fn schedule_review() {
    let wait = with_app(|app| {
        if app.filling {
            return None;
        }
        match app.filled.as_mut() {
            Some(f) if !f.review_pending => {
                f.review_pending = true;
                Some(REVIEW_GAP_MS - (now_ms() - f.reviewed_at))
            }
            _ => None,
        }
    })
    .flatten();
    if let Some(wait) = wait {
        wasm_bindgen_futures::spawn_local(async move {
            if wait > 0.0 {
                // A throttle, not a wait for the page: the changes are already there.
                gloo_timers::future::TimeoutFuture::new(wait.ceil() as u32).await;
            } else {
                microtask().await;
            }
            review().await;
        });
    }
}

async fn review() {
    let Some(doc) = document() else { return };
    let scene = fill::look(&doc);
    let decided = with_app(|app| {
        let touches = &app.touches;
        let f = app.filled.as_mut()?;
        f.review_pending = false;
        f.reviewed_at = now_ms();
        let scene = scene.as_ref()?;
        let rows = fill::observe_now(scene);
        let review = f.guard.review(&rows, |label| touches.reached(scene, label));
        Some((review, rows))
    })
    .flatten();
    let (Some((review, rows)), Some(scene)) = (decided, scene) else {
        return;
    };
    let mut errors = Vec::new();
    for r in &review.reapply {
        if let Some(row) = scene.scope_rows().find(|row| row.caption.trim() == r.label) {
            if let Err(e) = fill::apply(&scene, row, &r.option).await {
                errors.push((r.label.clone(), e));
            }
        }
    }
    with_app(|app| {
        let Some(f) = app.filled.as_mut() else { return };
        f.errors.extend(errors);
        // Rows set again just now show their level at the next review.
        let mismatches: Vec<_> = f
            .guard
            .mismatches(&rows)
            .into_iter()
            .filter(|m| !review.reapply.iter().any(|r| r.label == m.label))
            .collect();
        let report = describe(
            &f.plan,
            f.guard.reapplied(),
            &mismatches,
            &f.errors,
            f.guard.changed_by_user(),
        );
        if report != f.report {
            f.report = report;
            if let Some(panel) = &app.panel {
                panel.show_report(&f.report);
            }
        }
    });
}

/// At a press of Save: whether to hold it, because the form differs from the report. A
/// held Save is stopped before the page sees it, and the panel says why.
pub fn hold_save(event: &Event) -> bool {
    let Some(doc) = document() else { return false };
    with_app(|app| {
        let f = app.filled.as_mut()?;
        if std::mem::take(&mut f.allow_next_save) {
            return Some(false);
        }
        let scene = fill::look(&doc)?;
        let differences = f.guard.at_save(&fill::observe_now(&scene));
        if differences.is_empty() {
            return Some(false);
        }
        event.prevent_default();
        event.stop_immediate_propagation();
        if let Some(panel) = &app.panel {
            panel.show_held(&differences);
        }
        f.held = differences;
        Some(true)
    })
    .flatten()
    .unwrap_or(false)
}

/// Fix: sets the rows that held Save back to what the report says. The user saves.
pub async fn fix() {
    let Some(doc) = document() else { return };
    let Some(fixes) = with_app(|app| app.filled.as_ref().map(|f| f.guard.fixes(&f.held))).flatten()
    else {
        return;
    };
    if let Some(scene) = fill::look(&doc) {
        for r in &fixes {
            if let Some(row) = scene.scope_rows().find(|row| row.caption.trim() == r.label) {
                // What the page refuses shows in the check below.
                let _ = fill::apply(&scene, row, &r.option).await;
            }
        }
    }
    microtask().await;
    let rows = fill::look(&doc).map(|s| fill::observe_now(&s));
    with_app(|app| {
        let (Some(f), Some(rows)) = (app.filled.as_mut(), rows) else {
            return;
        };
        f.held = f.guard.at_save(&rows);
        if let Some(panel) = &app.panel {
            if f.held.is_empty() {
                panel.show_held_note(&msg!("panel_fixed"));
            } else {
                panel.show_held(&f.held);
            }
        }
    });
}

/// Save anyway: the next press of Save goes through as the form is.
pub fn save_anyway() {
    with_app(|app| {
        if let Some(f) = app.filled.as_mut() {
            f.allow_next_save = true;
        }
        if let Some(panel) = &app.panel {
            panel.show_held_note(&msg!("panel_saveAgain"));
        }
    });
}
