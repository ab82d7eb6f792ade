//! "Fill this page": the shown account's values into the target platform's own form, in the
//! active tab. The popup injects `extension/target/page.js` (activeTab and scripting: nothing
//! runs on other sites until the user opens the popup on one), reads an outline of each
//! frame's fields, lets the core decide which field takes which value
//! (`scopefill_core::target_form`), shows that plan with secrets masked, and writes only when
//! the user presses Fill. Values go to the page only in that call, frame by frame.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement};

use super::actions::{call, get, object, tabs};
use super::{view, with_popup, Popup, PopupHost};
use crate::kit::dom::{self, el, set_attr};
use scopefill_core::popup_model::{mask, target_page};
use scopefill_core::target::ValueKind;
use scopefill_core::target_form::{
    self, FieldState, FrameOutline, PageOutline, SkipReason, TargetPlan,
};

/// What the popup knows of the active tab's page.
pub(crate) struct TargetPage {
    tab_id: i32,
    frames: Vec<FrameOutline>,
    pub(crate) plan: TargetPlan,
}

/// Why there is no plan to show.
enum Survey {
    Page(TargetPage),
    /// The active tab is not a web page (or is the control panel: Fill form is for that).
    NotAPage,
    /// The browser did not let the popup read the page (no user gesture granted activeTab).
    NoAccess,
}

/// Each frame's outline from `scripting.executeScript`'s results (`[{frameId, result}]`);
/// a frame whose answer does not read as an outline is left out.
fn outlines_of(results: &JsValue) -> Vec<FrameOutline> {
    let Some(list) = results.dyn_ref::<js_sys::Array>() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|r| {
            let frame_id = get(&r, "frameId").as_f64()? as i64;
            let text = js_sys::JSON::stringify(&get(&r, "result"))
                .ok()?
                .as_string()?;
            let page: PageOutline = serde_json::from_str(&text).ok()?;
            Some(FrameOutline { frame_id, page })
        })
        .collect()
}

/// The active tab of the popup's window, if it is a web page other than the control panel.
async fn active_page(host: &PopupHost) -> Option<i32> {
    let query = object(&[("active", true.into()), ("lastFocusedWindow", true.into())]);
    target_page(tabs(host, query).await.first()?)
}

async fn outline(host: &PopupHost, tab_id: i32) -> Option<Vec<FrameOutline>> {
    call(host.inject_target(tab_id)).await.ok()?;
    let results = call(host.outline_target(tab_id)).await.ok()?;
    Some(outlines_of(&results))
}

/// The plan for the shown account on `frames`, with the preset it is shown for.
fn plan_for(p: &Popup, frames: &[FrameOutline]) -> Option<TargetPlan> {
    let capture = p.selected_capture()?;
    let chosen = p.show_for.as_deref().unwrap_or(&capture.preset);
    Some(target_form::plan(
        frames,
        &p.presets,
        Some(chosen),
        &capture.credentials,
    ))
}

/// Looks at the active tab's page and shows what Fill would write there. Run when the popup
/// opens, when the first account arrives while it is open, and on "Look again"; with no
/// account to fill with, it reads nothing.
pub async fn survey() {
    // Busy while the page is read: what the section shows until then is the last page's.
    let Some(host) = with_popup(|p| {
        p.selected_capture()?;
        p.target_read = true;
        if let Some(section) = dom::by_id::<Element>(&p.doc, "target") {
            set_attr(&section, "aria-busy", "true");
        }
        Some(p.host.clone())
    })
    .flatten() else {
        return;
    };
    let survey = match active_page(&host).await {
        None => Survey::NotAPage,
        Some(tab_id) => match outline(&host, tab_id).await {
            None => Survey::NoAccess,
            Some(frames) => match with_popup(|p| plan_for(p, &frames)).flatten() {
                Some(plan) => Survey::Page(TargetPage {
                    tab_id,
                    frames,
                    plan,
                }),
                None => Survey::NotAPage,
            },
        },
    };
    with_popup(|p| {
        let (target, note) = match survey {
            Survey::Page(page) => (Some(page), String::new()),
            Survey::NotAPage => (None, p.t("popup_targetNotAPage")),
            Survey::NoAccess => (None, p.t("popup_targetNoAccess")),
        };
        p.target = target;
        p.target_note = note;
        render(p);
        if let Some(section) = dom::by_id::<Element>(&p.doc, "target") {
            let _ = section.remove_attribute("aria-busy");
        }
    });
}

/// The plan again for another account or "Show for" choice, on the outline already read
/// (the page is read now if the popup opened with no account and has one since).
pub fn replan(p: &mut Popup) {
    if !p.target_read && p.selected_capture().is_some() {
        p.target_read = true;
        wasm_bindgen_futures::spawn_local(survey());
    }
    let Some(frames) = p.target.as_ref().map(|t| t.frames.clone()) else {
        render(p);
        return;
    };
    if let (Some(plan), Some(target)) = (plan_for(p, &frames), p.target.as_mut()) {
        target.plan = plan;
    }
    render(p);
}

fn kind_name(p: &Popup, kind: ValueKind) -> String {
    p.t(&format!("options_value_{}", kind.as_str()))
}

/// The value `kind` has in the shown account, as the row shows it (secrets masked).
fn shown(p: &Popup, kind: ValueKind) -> String {
    let value = p.selected_capture().and_then(|c| kind.read(&c.credentials));
    match value {
        Some(v) if kind.is_secret() => mask(&v),
        Some(v) => v.expose().to_string(),
        None => String::new(),
    }
}

fn skip_text(p: &Popup, why: &SkipReason) -> String {
    match why {
        SkipReason::LeaveEmpty => {
            let name = p
                .target
                .as_ref()
                .and_then(|t| t.plan.profile.as_ref())
                .and_then(|(id, _)| p.preset(id))
                .map(|preset| preset.name.clone())
                .unwrap_or_default();
            p.tf("popup_targetSkipLeaveEmpty", &[&name])
        }
        SkipReason::Ambiguous(kinds) => {
            let names: Vec<String> = kinds.iter().map(|k| kind_name(p, *k)).collect();
            p.tf("popup_targetSkipAmbiguous", &[&names.join(" / ")])
        }
        SkipReason::Duplicate(kind) => p.tf("popup_targetSkipDuplicate", &[&kind_name(p, *kind)]),
        SkipReason::Disabled => p.t("popup_targetSkipDisabled"),
        SkipReason::NoValue(kind) => p.tf("popup_targetSkipNoValue", &[&kind_name(p, *kind)]),
    }
}

fn show_note(p: &Popup, text: &str) {
    dom::set_text(&p.doc, "target-note", text);
    dom::set_hidden(&p.doc, "target-note", text.is_empty());
}

/// Draws the "Fill this page" section from `p.target`.
pub fn render(p: &Popup) {
    let doc = &p.doc;
    let has_account = p.selected_capture().is_some();
    dom::set_hidden(doc, "target", !has_account);
    show_note(p, &p.target_note);
    let Some(target) = &p.target else {
        dom::set_hidden(doc, "target-plan", true);
        dom::set_hidden(doc, "target-fill", true);
        return;
    };
    dom::set_hidden(doc, "target-fill", false);
    let plan = &target.plan;
    dom::set_hidden(doc, "target-plan", false);
    let profile_name = plan
        .profile
        .as_ref()
        .and_then(|(id, _)| p.preset(id))
        .map(|preset| preset.name.clone());
    let shown_for = p
        .show_for
        .as_deref()
        .or(p.selected_capture().map(|c| c.preset.as_str()))
        .and_then(|id| p.preset(id))
        .map(|preset| preset.name.clone())
        .unwrap_or_default();
    let where_text = match (&profile_name, plan.known_address) {
        (Some(name), true) => p.tf("popup_targetKnown", &[&plan.host, name]),
        _ => p.tf("popup_targetUnknown", &[&plan.host, &shown_for]),
    };
    dom::set_text(doc, "target-where", &where_text);
    if let Some(list) = dom::by_id::<Element>(doc, "target-fields") {
        let mut rows = Vec::new();
        for field in &plan.fields {
            let Some(li) = el(doc, "li", "target-row", None) else {
                continue;
            };
            set_attr(&li, "data-kind", field.kind.as_str());
            let caption = el(doc, "span", "caption", Some(&field.caption));
            let value = el(doc, "code", "value", Some(&shown(p, field.kind)));
            let state = match field.state {
                FieldState::Fill => None,
                FieldState::Same => Some(p.t("popup_targetSame")),
                FieldState::Replaces => Some(p.t("popup_targetReplaces")),
            };
            for part in [caption, value].into_iter().flatten() {
                let _ = li.append_child(&part);
            }
            if let Some(state) = state.and_then(|s| el(doc, "span", "state", Some(&s))) {
                let _ = li.append_child(&state);
            }
            rows.push(li);
        }
        for skipped in &plan.skipped {
            let Some(li) = el(doc, "li", "target-row skipped", None) else {
                continue;
            };
            let caption = el(doc, "span", "caption", Some(&skipped.caption));
            let why = el(doc, "span", "state", Some(&skip_text(p, &skipped.reason)));
            for part in [caption, why].into_iter().flatten() {
                let _ = li.append_child(&part);
            }
            rows.push(li);
        }
        dom::replace_children(&list, &rows);
    }
    let count = plan.fields.len().to_string();
    let fill_text = if plan.fields.is_empty() {
        p.t("popup_targetNone")
    } else if plan.known_address {
        p.tf("popup_targetFill", &[&count])
    } else {
        p.tf("popup_targetFillAnyway", &[&count])
    };
    if let Some(button) = dom::by_id::<HtmlButtonElement>(doc, "target-fill") {
        button.set_text_content(Some(&fill_text));
        button.set_disabled(plan.fields.is_empty());
    }
    match plan.missing_frames.first() {
        Some(origin) => {
            dom::set_text(
                doc,
                "target-frame-text",
                &p.tf("popup_targetFrame", &[origin]),
            );
            dom::set_text(doc, "target-allow", &p.tf("popup_targetAllow", &[origin]));
            dom::set_hidden(doc, "target-frame", false);
        }
        None => dom::set_hidden(doc, "target-frame", true),
    }
}

/// Fill: the plan's values into their fields, frame by frame; then what each field took.
pub async fn fill() {
    let Some((host, tab_id, writes, host_name, captions)) = with_popup(|p| {
        let target = p.target.as_ref()?;
        let creds = &p.selected_capture()?.credentials;
        let writes = target.plan.writes(creds);
        let captions: Vec<(i64, u32, String)> = target
            .plan
            .fields
            .iter()
            .map(|f| (f.frame_id, f.ref_, f.caption.clone()))
            .collect();
        view::show_status(p, "target-status", true, &p.t("popup_filling"), &[]);
        Some((
            p.host.clone(),
            target.tab_id,
            writes,
            target.plan.host.clone(),
            captions,
        ))
    })
    .flatten() else {
        return;
    };
    let mut frames: Vec<i64> = writes.iter().map(|(frame, _, _)| *frame).collect();
    frames.dedup();
    let mut filled = 0usize;
    let mut problems: Vec<(String, String)> = Vec::new();
    let caption_of = |frame: i64, r: u32| {
        captions
            .iter()
            .find(|(f, c, _)| *f == frame && *c == r)
            .map(|(_, _, caption)| caption.clone())
            .unwrap_or_default()
    };
    for frame in frames {
        let entries = js_sys::Array::new();
        for (_, r, value) in writes.iter().filter(|(f, _, _)| *f == frame) {
            let entry = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&entry, &"ref".into(), &(*r).into());
            let _ = js_sys::Reflect::set(&entry, &"value".into(), &value.expose().into());
            entries.push(&entry);
        }
        let answer = call(host.fill_target(tab_id, frame as f64, &entries)).await;
        let outcomes = answer
            .ok()
            .map(|a| get(&get(&a, "0"), "result"))
            .and_then(|r| r.dyn_into::<js_sys::Array>().ok());
        let Some(outcomes) = outcomes else {
            for (_, r, _) in writes.iter().filter(|(f, _, _)| *f == frame) {
                problems.push(("bad".into(), caption_of(frame, *r)));
            }
            continue;
        };
        for outcome in outcomes.iter() {
            let r = get(&outcome, "ref").as_f64().unwrap_or(-1.0) as u32;
            match get(&outcome, "now").as_string().as_deref() {
                Some("filled") => filled += 1,
                Some("reverted") => problems.push(("reverted".into(), caption_of(frame, r))),
                _ => problems.push(("refused".into(), caption_of(frame, r))),
            }
        }
    }
    // Forget the values as soon as they are written.
    drop(writes);
    with_popup(|p| {
        let items: Vec<(String, String)> = problems
            .iter()
            .map(|(kind, caption)| {
                let key = if kind == "reverted" {
                    "popup_targetReverted"
                } else {
                    "popup_targetRefused"
                };
                ("bad".to_string(), p.tf(key, &[caption]))
            })
            .collect();
        let headline = p.tf("popup_targetFilled", &[&filled.to_string(), &host_name]);
        view::show_status(p, "target-status", items.is_empty(), &headline, &items);
    });
    // The fields' new states (Same), read again from the page.
    survey().await;
}

/// "Allow <origin>": within the click (the browser asks the user only on a gesture), then the
/// page is read again with that frame.
pub fn allow_frame(p: &mut Popup) {
    let Some(origin) = p
        .target
        .as_ref()
        .and_then(|t| t.plan.missing_frames.first().cloned())
    else {
        return;
    };
    let request = p.host.request_origin(&origin);
    wasm_bindgen_futures::spawn_local(async move {
        let granted = call(request).await.map(|g| g.is_truthy()).unwrap_or(false);
        if granted {
            survey().await;
        } else {
            with_popup(|p| {
                p.target_note = p.tf("popup_targetFrameRefused", &[&origin]);
                render(p);
            });
        }
    });
}
