//! Choosing an option on a recognised row, whatever draws it: a click on a button or a
//! radio, a native `<select>`'s index, or a combobox opened, picked from and closed, each
//! with the events a person's action would fire, so a React page updates its own state.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::events::{click, fire, key};
use super::snapshot::Snapshot;
use super::timing::{microtask, next_change, now_ms};
use super::unclobbered;
use scopefill_core::list_toggle;
use scopefill_core::messages::{msg, Msg};
use scopefill_core::outline::{ChoiceRow, RowKind};
use scopefill_core::text::normalize;

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(el: &Element) -> String {
    collapse(&el.text_content().unwrap_or_default())
}

/// Chooses `option` on a row drawn with buttons, radios or a native select: synchronous,
/// so many rows can be set in one pass. Returns false for a combobox (see [`choose_in_combobox`]).
pub fn choose_now(snap: &Snapshot, row: &ChoiceRow, option: &str) -> Result<bool, Msg> {
    let wanted = normalize(option);
    let position = row
        .choices
        .iter()
        .position(|c| normalize(&c.label) == wanted);
    match row.kind {
        RowKind::Buttons | RowKind::Radios => {
            let index = position.ok_or_else(|| msg!("panel_errNoOption", option))?;
            let choice = &row.choices[index];
            if !choice.chosen {
                let el = snap
                    .element(choice.node)
                    .ok_or_else(|| msg!("panel_errOptionGone"))?;
                click(el);
            }
            Ok(true)
        }
        RowKind::NativeSelect => {
            let index = position.ok_or_else(|| msg!("panel_errNoOption", option))?;
            let select = snap
                .element(row.node)
                .and_then(|e| e.dyn_ref::<HtmlSelectElement>())
                .ok_or_else(|| msg!("panel_errListGone"))?;
            if select.selected_index() != index as i32 {
                select.set_selected_index(index as i32);
                fire(select, "input");
                fire(select, "change");
            }
            Ok(true)
        }
        RowKind::Combobox => Ok(false),
    }
}

/// The ids the combobox names as its list (`aria-controls`, `aria-owns`).
fn list_ids(el: &Element) -> Vec<String> {
    ["aria-controls", "aria-owns"]
        .iter()
        .filter_map(|attr| unclobbered::attr(el, attr))
        .flat_map(|ids| {
            ids.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The listbox a combobox controls: aria-controls / aria-owns, else one beside it.
fn listbox_of(el: &Element) -> Option<Element> {
    let doc = unclobbered::owner_document(el)?;
    if let Some(list) = list_ids(el)
        .iter()
        .find_map(|id| unclobbered::by_id(&doc, id))
    {
        return Some(list);
    }
    let mut scope = unclobbered::parent(el);
    for _ in 0..3 {
        let s = scope?;
        if let Some(list) = unclobbered::query_all(&s, "[role=listbox]")
            .into_iter()
            .next()
        {
            return Some(list);
        }
        scope = unclobbered::parent(&s);
    }
    None
}

fn listed_options(el: &Element) -> Vec<Element> {
    match listbox_of(el) {
        Some(list) => unclobbered::query_all(&list, "[role=option]"),
        None => Vec::new(),
    }
}

/// The control beside the combobox that declares it opens the combobox's list (see
/// [`list_toggle::opens_list`]): never a submit button, Save or Cancel.
fn toggle_button(el: &Element) -> Option<Element> {
    let parent = unclobbered::parent(el)?;
    let mut lists = list_ids(el);
    if let Some(id) = listbox_of(el).map(|list| unclobbered::id(&list)) {
        lists.push(id);
    }
    let lists: Vec<&str> = lists.iter().map(String::as_str).collect();
    unclobbered::query_all(&parent, "button, [role=button], input[type=button]")
        .into_iter()
        .filter(|b| b != el)
        .find(|b| {
            let tag = unclobbered::tag(b);
            let kind = unclobbered::attr(b, "type");
            let controls = unclobbered::attr(b, "aria-controls");
            let label = unclobbered::attr(b, "aria-label");
            let text = text_of(b);
            let control = list_toggle::Control {
                tag: &tag,
                kind: kind.as_deref(),
                in_form: unclobbered::closest(b, "form").is_some(),
                controls: controls.as_deref(),
                text: &text,
                label: label.as_deref(),
            };
            list_toggle::opens_list(&control, &lists)
        })
}

/// What a combobox shows as chosen.
pub fn shown(el: &Element) -> String {
    match el.dyn_ref::<HtmlInputElement>() {
        Some(input) => collapse(&input.value()),
        None => text_of(el),
    }
}

/// Waits until `ready()` holds: checked after a microtask, then at each change of the page,
/// for at most `max_ms`.
async fn until(max_ms: f64, ready: impl Fn() -> bool) -> bool {
    microtask().await;
    let deadline = now_ms() + max_ms;
    loop {
        if ready() {
            return true;
        }
        let left = deadline - now_ms();
        if left <= 0.0 {
            return false;
        }
        next_change(left).await;
    }
}

/// Opens the combobox and returns its options: a click, else the toggle button, else the
/// keyboard, each followed by a wait for the list to render.
pub async fn open(el: &Element) -> Vec<Element> {
    let options = listed_options(el);
    if !options.is_empty() {
        return options;
    }
    let attempts: [&dyn Fn(); 3] = [
        &|| click(el),
        &|| {
            if let Some(button) = toggle_button(el) {
                click(&button)
            }
        },
        &|| key(el, "ArrowDown"),
    ];
    for attempt in attempts {
        attempt();
        if until(OPEN_MS, || !listed_options(el).is_empty()).await {
            return listed_options(el);
        }
    }
    Vec::new()
}

/// How long a list may take to open, or a choice to show, before the next way is tried.
const OPEN_MS: f64 = 400.0;

pub async fn close(el: &Element) {
    if el.get_attribute("aria-expanded").as_deref() == Some("true") {
        key(el, "Escape");
        microtask().await;
    }
}

/// The texts of open options.
pub fn texts(options: &[Element]) -> Vec<String> {
    options.iter().map(text_of).collect()
}

/// Chooses `option` among the options of a combobox that is open: a click on it, else the
/// keyboard; done once the combobox shows it.
pub async fn pick(el: &Element, options: &[Element], option: &str) -> Result<(), Msg> {
    let wanted = normalize(option);
    let shows = || normalize(&shown(el)) == wanted;
    let Some(index) = options
        .iter()
        .position(|o| normalize(&text_of(o)) == wanted)
    else {
        close(el).await;
        return Err(msg!("panel_errNoOption", option));
    };
    click(&options[index]);
    if !until(OPEN_MS, shows).await {
        // Keyboard: open, move the highlight to the option, press Enter.
        let options = open(el).await;
        if let Some(index) = options
            .iter()
            .position(|o| normalize(&text_of(o)) == wanted)
        {
            for _ in 0..=index {
                key(el, "ArrowDown");
                microtask().await;
                let active = el.get_attribute("aria-activedescendant");
                if active.is_some() && active == options[index].get_attribute("id") {
                    break;
                }
            }
            key(el, "Enter");
            until(OPEN_MS, shows).await;
        }
    }
    close(el).await;
    match shown(el) {
        now if normalize(&now) == wanted => Ok(()),
        now => Err(msg!("panel_errShowsOther", option, now)),
    }
}

/// Chooses `option` in a closed combobox: open, pick, confirm.
pub async fn choose_in_combobox(el: &Element, option: &str) -> Result<(), Msg> {
    if normalize(&shown(el)) == normalize(option) {
        return Ok(());
    }
    let options = open(el).await;
    if options.is_empty() {
        return Err(msg!("panel_errListNotOpen"));
    }
    pick(el, &options, option).await
}
