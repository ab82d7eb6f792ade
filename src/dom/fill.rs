//! Filling the form: token type, name, then every scope row; then reading it back,
//! re-applying once what the page reverted, and reporting.

use serde::Serialize;
use web_sys::Document;

use super::events::fire;
use super::form;
use super::timing::{now_ms, settle};
use super::widgets::Widget;
use crate::account;
use crate::plan::{self, FillPlan, Mismatch, ObservedRow};
use crate::preset::Preset;
use crate::report::{describe, Report};
use crate::text::normalize;

#[derive(Debug, Clone, Serialize)]
pub struct FillOutcome {
    pub preset: String,
    pub plan: FillPlan,
    /// The widget kind of the scope rows ("select", "radio", "combobox", or "mixed").
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
    pub elapsed_ms: f64,
}

async fn observe(widgets: &[Widget], with_options: bool) -> Vec<ObservedRow> {
    let mut rows = Vec::with_capacity(widgets.len());
    for w in widgets {
        rows.push(ObservedRow {
            label: w.label(),
            options: if with_options {
                w.options().await
            } else {
                Vec::new()
            },
            current: w.current(),
        });
    }
    rows
}

async fn set_token_type(doc: &Document) -> Result<Option<String>, String> {
    let Some(widget) = form::token_type(doc) else {
        return Ok(None);
    };
    let options = widget.options().await;
    let v2 = options
        .iter()
        .find(|o| normalize(o).contains("v2v3"))
        .ok_or_else(|| {
            format!(
                "the token type offers no V2/V3 API token ({})",
                options.join(", ")
            )
        })?;
    if widget.current().map(|c| normalize(&c)) != Some(normalize(v2)) {
        widget
            .choose(v2)
            .await
            .map_err(|e| format!("token type: {e}"))?;
        // The scope table renders after the switch.
        for _ in 0..40 {
            if !form::scope_widgets(doc).is_empty() {
                break;
            }
            settle(30, 100).await;
        }
    }
    Ok(Some(v2.clone()))
}

fn set_name(doc: &Document, name: &str) -> Result<String, String> {
    let name = account::validate_name(name).map_err(|e| e.to_string())?;
    let input = form::name_input(doc).ok_or("the Name field was not found")?;
    // From the extension's isolated world this is the native setter, so a React-style
    // value tracker on the page sees a real change when the events arrive.
    input.set_value(&name);
    fire(&input, "input");
    fire(&input, "change");
    Ok(input.value())
}

fn widget_kind(widgets: &[Widget]) -> String {
    let mut kinds: Vec<&str> = widgets.iter().map(Widget::kind).collect();
    kinds.dedup();
    match kinds.as_slice() {
        [] => "none".into(),
        [one] => (*one).into(),
        _ => "mixed".into(),
    }
}

async fn apply(widget: &Widget, option: &str, label: &str, errors: &mut Vec<(String, String)>) {
    if let Err(error) = widget.choose(option).await {
        errors.push((label.to_string(), error));
    }
}

/// Fills the form with `preset`, naming the account `account_name`.
pub async fn fill(
    doc: &Document,
    preset: &Preset,
    account_name: &str,
) -> Result<FillOutcome, String> {
    let start = now_ms();
    if !form::is_present(doc) {
        return Err("The Create API account form is not on this page.".into());
    }
    let token_type = set_token_type(doc).await?;
    let name = Some(set_name(doc, account_name)?);

    let widgets = form::scope_widgets(doc);
    if widgets.is_empty() {
        return Err("No OAuth scope rows were found on the form.".into());
    }
    let before = observe(&widgets, true).await;
    let plan = plan::plan(preset, &before);
    let mut action_errors = Vec::new();
    for action in &plan.actions {
        apply(
            &widgets[action.row],
            &action.option,
            &before[action.row].label,
            &mut action_errors,
        )
        .await;
    }

    // Read the form back once the page is quiet; what it reverted is applied once more.
    settle(200, 1500).await;
    let mut reapplied = Vec::new();
    let after = observe(&form::scope_widgets(doc), false).await;
    let first = plan::verify(&plan, &after);
    if !first.is_empty() {
        let widgets = form::scope_widgets(doc);
        for m in &first {
            let Some(widget) = widgets.iter().find(|w| w.label().trim() == m.label) else {
                continue;
            };
            let option = plan
                .actions
                .iter()
                .find(|a| a.row == m.row)
                .map(|a| a.option.clone())
                .unwrap_or_else(|| m.expected.as_str().to_string());
            apply(widget, &option, &m.label, &mut action_errors).await;
            reapplied.push(m.label.clone());
        }
        settle(200, 1500).await;
    }
    let after = observe(&form::scope_widgets(doc), false).await;
    let mismatches = plan::verify(&plan, &after);

    let report = describe(&plan, &reapplied, &mismatches, &action_errors);
    Ok(FillOutcome {
        preset: preset.id.clone(),
        report,
        widget_kind: widget_kind(&widgets),
        plan,
        token_type,
        name,
        action_errors,
        reapplied,
        mismatches,
        elapsed_ms: now_ms() - start,
    })
}
