//! Filling the form: token type, name, then every scope row; then reading it back,
//! re-applying once what the page reverted, and reporting.

use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement};

use super::act;
use super::events::fire;
use super::snapshot::{self, Snapshot};
use super::timing::{now_ms, settle};
use crate::account;
use crate::catalog::Presence;
use crate::outline::{self, ChoiceRow, Form, RowKind};
use crate::plan::{self, FillPlan, Mismatch, ObservedRow};
use crate::preset::Preset;
use crate::report::{describe, Report};
use crate::text::normalize;

/// The page as last read: its outline, the rows in it, and the form's parts.
pub struct Scene {
    pub snap: Snapshot,
    pub rows: Vec<ChoiceRow>,
    pub form: Form,
}

impl Scene {
    pub fn scope_rows(&self) -> impl Iterator<Item = &ChoiceRow> {
        self.form
            .scope_rows
            .iter()
            .filter_map(|i| self.rows.get(*i))
    }

    fn input(&self, node: Option<usize>) -> Option<HtmlInputElement> {
        self.snap
            .element(node?)
            .and_then(|e| e.dyn_ref::<HtmlInputElement>())
            .cloned()
    }

    pub fn api_path(&self) -> Option<String> {
        self.input(self.form.api_path_input)
            .map(|i| i.value())
            .filter(|v| !v.is_empty())
    }

    pub fn b2b_api_path(&self) -> Option<String> {
        self.input(self.form.b2b_api_path_input)
            .map(|i| i.value())
            .filter(|v| !v.is_empty())
    }
}

/// Reads the page; None when it does not show the Create account form.
pub fn look(doc: &Document) -> Option<Scene> {
    let snap = snapshot::take(doc);
    let rows = outline::rows(&snap.outline);
    let form = outline::form(&snap.outline, &rows)?;
    Some(Scene { snap, rows, form })
}

#[derive(Debug, Clone, Serialize)]
pub struct FillOutcome {
    pub preset: String,
    pub plan: FillPlan,
    /// How the scope rows are drawn ("buttons", "radios", "native_select", "combobox",
    /// "mixed" or "none").
    pub widget_kind: String,
    pub token_type: Option<String>,
    pub name: Option<String>,
    /// (row label, what went wrong) for choices the page refused.
    pub action_errors: Vec<(String, String)>,
    /// Rows the page reverted after the first pass, re-applied once.
    pub reapplied: Vec<String>,
    /// Rows still not at the planned level after the re-apply.
    pub mismatches: Vec<Mismatch>,
    pub report: Report,
    /// Every row of choices seen on the form, by caption (the form's own controls too).
    pub seen_rows: Vec<String>,
    /// Rows the preset needs were not recognised: the user should see what was seen, and
    /// be offered the page outline for a bug report.
    pub unrecognised: bool,
    pub elapsed_ms: f64,
}

fn option_labels(row: &ChoiceRow) -> Vec<String> {
    row.choices.iter().map(|c| c.label.clone()).collect()
}

/// The rows as the planner sees them; a closed combobox is opened to read its options.
async fn observe(scene: &Scene) -> Vec<ObservedRow> {
    let mut out = Vec::new();
    for row in scene.scope_rows() {
        let options = match (row.kind, scene.snap.element(row.node)) {
            (RowKind::Combobox, Some(el)) if row.choices.is_empty() => {
                act::combobox_options(el).await
            }
            _ => option_labels(row),
        };
        out.push(ObservedRow {
            label: row.caption.clone(),
            options,
            current: row.current.clone(),
        });
    }
    out
}

/// The rows' current choices, without opening anything: for reading the form back.
fn observe_now(scene: &Scene) -> Vec<ObservedRow> {
    scene
        .scope_rows()
        .map(|row| ObservedRow {
            label: row.caption.clone(),
            options: option_labels(row),
            current: row.current.clone(),
        })
        .collect()
}

/// Chooses `option` on `row`, whatever draws it.
async fn apply(scene: &Scene, row: &ChoiceRow, option: &str) -> Result<(), String> {
    if act::choose_now(&scene.snap, row, option)? {
        return Ok(());
    }
    let el = scene
        .snap
        .element(row.node)
        .ok_or("the list is no longer on the page")?;
    act::choose_in_combobox(el, option).await
}

async fn set_token_type(doc: &Document, scene: &Scene) -> Result<Option<String>, String> {
    let Some(row) = scene.form.token_type.and_then(|i| scene.rows.get(i)) else {
        return Ok(None);
    };
    let options = match (row.kind, scene.snap.element(row.node)) {
        (RowKind::Combobox, Some(el)) if row.choices.is_empty() => act::combobox_options(el).await,
        _ => option_labels(row),
    };
    let v2 = options
        .iter()
        .find(|o| normalize(o).contains("v2v3"))
        .ok_or_else(|| {
            format!(
                "the token type offers no V2/V3 API token ({})",
                options.join(", ")
            )
        })?
        .clone();
    if row.current.as_deref().map(normalize) != Some(normalize(&v2)) {
        apply(scene, row, &v2)
            .await
            .map_err(|e| format!("token type: {e}"))?;
        // The scope rows render after the switch.
        for _ in 0..40 {
            if look(doc).is_some_and(|s| s.scope_rows().next().is_some()) {
                break;
            }
            settle(30, 100).await;
        }
    }
    Ok(Some(v2))
}

fn set_name(scene: &Scene, name: &str) -> Result<String, String> {
    let name = account::validate_name(name).map_err(|e| e.to_string())?;
    let input = scene
        .input(Some(scene.form.name_input))
        .ok_or("the Name field was not found")?;
    // From the extension's isolated world this is the native setter, so a React-style
    // value tracker on the page sees a real change when the events arrive.
    input.set_value(&name);
    fire(&input, "input");
    fire(&input, "change");
    Ok(input.value())
}

fn widget_kind(scene: &Scene) -> String {
    let mut kinds: Vec<RowKind> = scene.scope_rows().map(|r| r.kind).collect();
    kinds.dedup();
    match kinds.as_slice() {
        [] => "none".into(),
        [RowKind::Buttons] => "buttons".into(),
        [RowKind::Radios] => "radios".into(),
        [RowKind::NativeSelect] => "native_select".into(),
        [RowKind::Combobox] => "combobox".into(),
        _ => "mixed".into(),
    }
}

/// Applies the plan's actions: rows that need no render in between in one pass, then the
/// comboboxes one by one.
async fn apply_actions(scene: &Scene, plan: &FillPlan, errors: &mut Vec<(String, String)>) {
    let rows: Vec<&ChoiceRow> = scene.scope_rows().collect();
    let mut later = Vec::new();
    for action in &plan.actions {
        let Some(row) = rows.get(action.row) else {
            continue;
        };
        match act::choose_now(&scene.snap, row, &action.option) {
            Ok(true) => {}
            Ok(false) => later.push((row, action)),
            Err(e) => errors.push((row.caption.clone(), e)),
        }
    }
    for (row, action) in later {
        if let Err(e) = apply(scene, row, &action.option).await {
            errors.push((row.caption.clone(), e));
        }
    }
}

/// Fills the form with `preset`, naming the account `account_name`.
pub async fn fill(
    doc: &Document,
    preset: &Preset,
    account_name: &str,
) -> Result<FillOutcome, String> {
    let start = now_ms();
    let scene = look(doc).ok_or("The Create API account form is not on this page.")?;
    // The name is checked before anything on the page changes.
    account::validate_name(account_name).map_err(|e| e.to_string())?;
    let token_type = set_token_type(doc, &scene).await?;
    let scene = look(doc).ok_or("The Create API account form left the page.")?;
    let name = Some(set_name(&scene, account_name)?);

    let before = observe(&scene).await;
    let plan = plan::plan(preset, &before);
    let mut action_errors = Vec::new();
    apply_actions(&scene, &plan, &mut action_errors).await;

    // Read the form back once the page is quiet; what it reverted is applied once more.
    settle(200, 1500).await;
    let mut reapplied = Vec::new();
    let after = look(doc);
    let first = after
        .as_ref()
        .map(|s| plan::verify(&plan, &observe_now(s)))
        .unwrap_or_default();
    if let (Some(now), false) = (&after, first.is_empty()) {
        for m in &first {
            let Some(row) = now.scope_rows().find(|r| r.caption.trim() == m.label) else {
                continue;
            };
            let option = plan
                .actions
                .iter()
                .find(|a| a.row == m.row)
                .map(|a| a.option.clone())
                .unwrap_or_else(|| m.expected.as_str().to_string());
            if let Err(e) = apply(now, row, &option).await {
                action_errors.push((m.label.clone(), e));
            }
            reapplied.push(m.label.clone());
        }
        settle(200, 1500).await;
    }
    let last = look(doc);
    let mismatches = match &last {
        Some(s) => plan::verify(&plan, &observe_now(s)),
        None => Vec::new(),
    };

    let report = describe(&plan, &reapplied, &mismatches, &action_errors);
    let unrecognised = before.is_empty()
        || plan.summary.unknown > 0
        || plan.summary.unavailable > 0
        || plan.missing.iter().any(|m| m.presence == Presence::Always);
    Ok(FillOutcome {
        preset: preset.id.clone(),
        report,
        widget_kind: widget_kind(&scene),
        seen_rows: scene.rows.iter().map(|r| r.caption.clone()).collect(),
        unrecognised,
        plan,
        token_type,
        name,
        action_errors,
        reapplied,
        mismatches,
        elapsed_ms: now_ms() - start,
    })
}
