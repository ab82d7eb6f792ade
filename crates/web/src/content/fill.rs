//! Filling the form: token type, name, then every scope row; then reading it back,
//! re-applying once what the page reverted, and reporting.

use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement};

use super::act;
use super::events::fire;
use super::snapshot::{self, Snapshot};
use super::timing::{microtask, next_change, now_ms};
use scopefill_core::account::{self, NameError, MIN_NAME_CHARS};
use scopefill_core::catalog::Presence;
use scopefill_core::identify::Placement;
use scopefill_core::messages::{list, msg, Msg};
use scopefill_core::outline::{self, ChoiceRow, Form, RowKind};
use scopefill_core::plan::{self, FillPlan, Mismatch, ObservedRow, RowStatus};
use scopefill_core::preset::Preset;
use scopefill_core::report::{describe, Report};
use scopefill_core::text::normalize;

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
    let address = doc
        .location()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let form = outline::form(&snap.outline, &rows, &address)?;
    Some(Scene { snap, rows, form })
}

#[derive(Debug, Clone, Serialize)]
pub struct FillRun {
    pub preset: String,
    pub plan: FillPlan,
    /// How the scope rows are drawn ("buttons", "radios", "native_select", "combobox",
    /// "mixed" or "none").
    pub widget_kind: String,
    pub token_type: Option<String>,
    pub name: Option<String>,
    /// (row label, what went wrong) for choices the page refused.
    pub action_errors: Vec<(String, Msg)>,
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

/// The rows' current choices, identified, without opening anything. A closed combobox's
/// options are not known yet (`known` may hold those read since): only the one it shows.
pub fn observe_with(scene: &Scene, known: &[Option<Vec<String>>]) -> Vec<ObservedRow> {
    let rows: Vec<&ChoiceRow> = scene.scope_rows().collect();
    plan::observe_choice_rows(&rows, known)
}

pub fn observe_now(scene: &Scene) -> Vec<ObservedRow> {
    observe_with(scene, &[])
}

/// Chooses `option` on `row`, whatever draws it.
pub async fn apply(scene: &Scene, row: &ChoiceRow, option: &str) -> Result<(), Msg> {
    if act::choose_now(&scene.snap, row, option)? {
        return Ok(());
    }
    let el = scene
        .snap
        .element(row.node)
        .ok_or_else(|| msg!("panel_errListGone"))?;
    act::choose_in_combobox(el, option).await
}

/// Longest a fill waits for the page to show a change before it reports what it sees.
const SHOW_MS: f64 = 2000.0;

/// The token type field offers no V2/V3 API token: what it offers.
fn no_v2_token(texts: &[String]) -> Msg {
    msg!("panel_noV2Token", list(texts))
}

/// Sets the token type to V2/V3 unless it already is, then waits for the scope rows.
/// Returns the token type shown, and whether it had to be changed.
async fn set_token_type(doc: &Document, scene: &Scene) -> Result<(Option<String>, bool), Msg> {
    let Some(row) = scene.form.token_type.and_then(|i| scene.rows.get(i)) else {
        return Ok((None, false));
    };
    let is_v2 = |o: &str| normalize(o).contains("v2v3");
    if let Some(current) = row.current.as_deref().filter(|c| is_v2(c)) {
        return Ok((Some(current.to_string()), false));
    }
    let v2 = if let (RowKind::Combobox, Some(el)) = (row.kind, scene.snap.element(row.node)) {
        let options = act::open(el).await;
        let texts = act::texts(&options);
        let v2 = texts.iter().find(|o| is_v2(o)).cloned();
        match &v2 {
            Some(v2) => act::pick(el, &options, v2)
                .await
                .map_err(|e| msg!("panel_tokenType", e))?,
            None => act::close(el).await,
        }
        v2.ok_or_else(|| no_v2_token(&texts))?
    } else {
        let texts = option_labels(row);
        let v2 = texts
            .iter()
            .find(|o| is_v2(o))
            .cloned()
            .ok_or_else(|| no_v2_token(&texts))?;
        apply(scene, row, &v2)
            .await
            .map_err(|e| msg!("panel_tokenType", e))?;
        v2
    };
    // The scope rows render after the switch.
    let deadline = now_ms() + SHOW_MS;
    microtask().await;
    let no_rows_yet = || look(doc).is_none_or(|s| s.scope_rows().next().is_none());
    while no_rows_yet() && now_ms() < deadline {
        next_change(deadline - now_ms()).await;
    }
    Ok((Some(v2), true))
}

/// Why the account name cannot be typed, in the panel's words.
fn name_error(e: NameError) -> Msg {
    match e {
        NameError::TooShort { chars } => msg!("panel_nameTooShort", MIN_NAME_CHARS, chars),
        other => Msg::literal(other.to_string()),
    }
}

fn set_name(scene: &Scene, name: &str) -> Result<String, Msg> {
    let name = account::validate_name(name).map_err(name_error)?;
    let input = scene
        .input(Some(scene.form.name_input))
        .ok_or_else(|| msg!("panel_noNameField"))?;
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

/// Reads the options of the closed combobox rows that their place alone does not identify
/// (a page in a language no pack knows): opened, read, closed. With their choices known,
/// the rows are identified again.
async fn read_doubtful_comboboxes(scene: &Scene, observed: &mut Vec<ObservedRow>) {
    let rows: Vec<&ChoiceRow> = scene.scope_rows().collect();
    let mut known: Vec<Option<Vec<String>>> = vec![None; rows.len()];
    let mut read_any = false;
    for (i, row) in rows.iter().enumerate() {
        if !row.is_closed() || observed[i].placed != Placement::Ambiguous {
            continue;
        }
        let Some(el) = scene.snap.element(row.node) else {
            continue;
        };
        let options = act::open(el).await;
        known[i] = Some(act::texts(&options));
        act::close(el).await;
        read_any = true;
    }
    if read_any {
        *observed = observe_with(scene, &known);
    }
}

/// Sets the combobox rows one by one, each opened once: its options read, the planned one
/// chosen, and the choice confirmed in the same opening. A row that already shows what the
/// preset wants is not opened, nor a row not identified. Fills in the options read into
/// `observed`.
async fn set_comboboxes(
    scene: &Scene,
    preset: &Preset,
    observed: &mut Vec<ObservedRow>,
    errors: &mut Vec<(String, Msg)>,
) {
    read_doubtful_comboboxes(scene, observed).await;
    let rows: Vec<&ChoiceRow> = scene.scope_rows().collect();
    let mut seen: Vec<&'static str> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if !row.is_closed() {
            continue;
        }
        // Only a row identified without doubt is set; a second row for the same scope is
        // left alone, as the plan does.
        let Some(scope) = observed[i].scope else {
            continue;
        };
        if seen.contains(&scope) {
            continue;
        }
        seen.push(scope);
        // Knowing only the option it shows, is the row already what the preset asks, word
        // for word? (An adjustment would be a guess made without the row's other options.)
        let options_known = observed[i].options.len() > 1;
        let guess = plan::plan(preset, std::slice::from_ref(&observed[i]));
        let settled = guess.actions.is_empty()
            && (options_known
                || guess
                    .rows
                    .first()
                    .is_some_and(|r| r.status != RowStatus::Unavailable && r.adjustment.is_none()));
        let Some(el) = scene.snap.element(row.node) else {
            continue;
        };
        if settled {
            continue;
        }
        let options = act::open(el).await;
        observed[i] = observed[i].with_options(act::texts(&options));
        let decided = plan::plan(preset, std::slice::from_ref(&observed[i]));
        match decided.actions.first() {
            Some(action) => {
                if let Err(e) = act::pick(el, &options, &action.option).await {
                    errors.push((row.caption.clone(), e));
                }
            }
            None => act::close(el).await,
        }
    }
}

/// Sets the rows drawn with buttons, radios or native selects in one synchronous pass: no
/// render is needed in between, and the page renders them together after it.
fn set_at_once(scene: &Scene, plan: &FillPlan, errors: &mut Vec<(String, Msg)>) {
    let rows: Vec<&ChoiceRow> = scene.scope_rows().collect();
    for action in &plan.actions {
        let Some(row) = rows.get(action.row) else {
            continue;
        };
        if let Err(e) = act::choose_now(&scene.snap, row, &action.option) {
            errors.push((row.caption.clone(), e));
        }
    }
}

/// Waits until the page shows every planned row (checked after a microtask, then at each
/// change of the page), for at most `max_ms`. Returns the rows still not right.
pub async fn verified(doc: &Document, plan: &FillPlan, max_ms: f64) -> Vec<Mismatch> {
    microtask().await;
    let deadline = now_ms() + max_ms;
    loop {
        let mismatches = match look(doc) {
            Some(scene) => plan::verify(plan, &observe_now(&scene)),
            None => plan::verify(plan, &[]),
        };
        let left = deadline - now_ms();
        if mismatches.is_empty() || left <= 0.0 {
            return mismatches;
        }
        next_change(left).await;
    }
}

/// Fills the form with `preset`, naming the account `account_name`. `started` is when the
/// user asked (the page's clock), so the time reported is the time the user waited.
pub async fn fill(
    doc: &Document,
    preset: &Preset,
    account_name: &str,
    started: f64,
) -> Result<FillRun, Msg> {
    let first = look(doc).ok_or_else(|| msg!("panel_noForm"))?;
    // The name is checked before anything on the page changes.
    account::validate_name(account_name).map_err(name_error)?;
    let (token_type, switched) = set_token_type(doc, &first).await?;
    let scene = if switched {
        look(doc).ok_or_else(|| msg!("panel_formLeft"))?
    } else {
        first
    };
    let name = Some(set_name(&scene, account_name)?);

    let mut observed = observe_now(&scene);
    let mut action_errors = Vec::new();
    set_comboboxes(&scene, preset, &mut observed, &mut action_errors).await;
    let plan = plan::plan(preset, &observed);
    set_at_once(&scene, &plan, &mut action_errors);
    let mismatches = verified(doc, &plan, SHOW_MS).await;
    let elapsed_ms = now_ms() - started;

    let report = describe(&plan, &[], &mismatches, &action_errors, &[]);
    let unrecognised = observed.is_empty()
        || plan.summary.unknown > 0
        || plan.summary.unavailable > 0
        || plan.missing.iter().any(|m| m.presence == Presence::Always);
    Ok(FillRun {
        preset: preset.id.clone(),
        report,
        widget_kind: widget_kind(&scene),
        seen_rows: scene.rows.iter().map(|r| r.caption.clone()).collect(),
        unrecognised,
        plan,
        token_type,
        name,
        action_errors,
        mismatches,
        elapsed_ms,
    })
}
