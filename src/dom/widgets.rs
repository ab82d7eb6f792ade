//! The three widget kinds the page has used for a choice, each read and set the way a user
//! would: native `<select>`, radio/segmented buttons, and an ARIA combobox whose options
//! exist only while it is open (BigDesign's downshift Select).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::a11y::{accessible_name, all, collapse, text_of};
use super::events::{click, fire, key};
use super::timing::tick;
use crate::text::normalize;

#[derive(Clone)]
pub enum Widget {
    Select(HtmlSelectElement),
    /// A radiogroup (or a fieldset of radios); options are its radio inputs.
    Radio(Element),
    /// The element with role="combobox" (usually the input).
    Combobox(Element),
}

impl Widget {
    pub fn element(&self) -> &Element {
        match self {
            Widget::Select(s) => s.as_ref(),
            Widget::Radio(e) | Widget::Combobox(e) => e,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Widget::Select(_) => "select",
            Widget::Radio(_) => "radio",
            Widget::Combobox(_) => "combobox",
        }
    }

    pub fn label(&self) -> String {
        accessible_name(self.element())
    }

    /// The option currently chosen, as displayed.
    pub fn current(&self) -> Option<String> {
        match self {
            Widget::Select(s) => {
                let i = s.selected_index();
                (i >= 0)
                    .then(|| s.options().item(i as u32))
                    .flatten()
                    .map(|o| text_of(&o))
            }
            Widget::Radio(group) => radios(group)
                .into_iter()
                .find(|r| r.checked())
                .map(|r| radio_label(&r)),
            Widget::Combobox(el) => {
                let shown = match el.dyn_ref::<HtmlInputElement>() {
                    Some(input) => input.value(),
                    None => text_of(el),
                };
                let shown = collapse(&shown);
                (!shown.is_empty()).then_some(shown)
            }
        }
    }

    /// The options offered, as displayed. A combobox is opened to read them, then closed.
    pub async fn options(&self) -> Vec<String> {
        match self {
            Widget::Select(s) => {
                let opts = s.options();
                (0..opts.length())
                    .filter_map(|i| opts.item(i))
                    .map(|o| text_of(&o))
                    .collect()
            }
            Widget::Radio(group) => radios(group).iter().map(radio_label).collect(),
            Widget::Combobox(el) => {
                let options = open_combobox(el).await;
                let texts = options.iter().map(text_of).collect();
                close_combobox(el).await;
                texts
            }
        }
    }

    /// Chooses the option displayed as `option` (compared without case and punctuation).
    pub async fn choose(&self, option: &str) -> Result<(), String> {
        let wanted = normalize(option);
        match self {
            Widget::Select(s) => {
                let opts = s.options();
                let index = (0..opts.length())
                    .find(|i| {
                        opts.item(*i)
                            .is_some_and(|o| normalize(&text_of(&o)) == wanted)
                    })
                    .ok_or_else(|| format!("no option '{option}'"))?;
                s.set_selected_index(index as i32);
                fire(s, "input");
                fire(s, "change");
            }
            Widget::Radio(group) => {
                let radio = radios(group)
                    .into_iter()
                    .find(|r| normalize(&radio_label(r)) == wanted)
                    .ok_or_else(|| format!("no option '{option}'"))?;
                if !radio.checked() {
                    click(&radio);
                }
            }
            Widget::Combobox(el) => choose_in_combobox(el, &wanted, option).await?,
        }
        tick().await;
        match self.current() {
            Some(now) if normalize(&now) == wanted => Ok(()),
            now => Err(format!(
                "chose '{option}' but the page shows '{}'",
                now.unwrap_or_default()
            )),
        }
    }
}

fn radios(group: &Element) -> Vec<HtmlInputElement> {
    all(group, "input[type=radio]")
        .into_iter()
        .filter_map(|e| e.dyn_into::<HtmlInputElement>().ok())
        .collect()
}

fn radio_label(radio: &HtmlInputElement) -> String {
    let name = accessible_name(radio);
    if name.is_empty() {
        radio.value()
    } else {
        name
    }
}

/// The listbox a combobox controls: aria-controls / aria-owns, else one beside it.
fn listbox_of(el: &Element) -> Option<Element> {
    let doc = el.owner_document()?;
    for attr in ["aria-controls", "aria-owns"] {
        if let Some(id) = el.get_attribute(attr) {
            if let Some(list) = id
                .split_whitespace()
                .find_map(|id| doc.get_element_by_id(id))
            {
                return Some(list);
            }
        }
    }
    let mut scope = el.parent_element();
    for _ in 0..3 {
        let s = scope?;
        if let Ok(Some(list)) = s.query_selector("[role=listbox]") {
            return Some(list);
        }
        scope = s.parent_element();
    }
    None
}

fn listed_options(el: &Element) -> Vec<Element> {
    listbox_of(el)
        .map(|list| all(&list, "[role=option]"))
        .unwrap_or_default()
}

fn toggle_button(el: &Element) -> Option<Element> {
    let parent = el.parent_element()?;
    all(&parent, "button")
        .into_iter()
        .find(|b| !b.is_same_node(Some(el)))
}

/// Opens the combobox and returns its options, trying a click, the toggle button, then
/// the keyboard, giving the page a turn to render after each.
async fn open_combobox(el: &Element) -> Vec<Element> {
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
        for _ in 0..3 {
            let options = listed_options(el);
            if !options.is_empty() {
                return options;
            }
            tick().await;
        }
    }
    Vec::new()
}

async fn close_combobox(el: &Element) {
    if el.get_attribute("aria-expanded").as_deref() == Some("true") {
        key(el, "Escape");
        tick().await;
    }
}

async fn choose_in_combobox(el: &Element, wanted: &str, option: &str) -> Result<(), String> {
    let options = open_combobox(el).await;
    if options.is_empty() {
        return Err("its list of options did not open".into());
    }
    let Some(index) = options
        .iter()
        .position(|o| normalize(&text_of(o)) == wanted)
    else {
        close_combobox(el).await;
        return Err(format!("no option '{option}'"));
    };
    click(&options[index]);
    tick().await;
    let shown = Widget::Combobox(el.clone()).current().unwrap_or_default();
    if normalize(&shown) == wanted {
        close_combobox(el).await;
        return Ok(());
    }
    // Keyboard fallback: open, move the highlight to the option, press Enter.
    let options = open_combobox(el).await;
    if let Some(index) = options
        .iter()
        .position(|o| normalize(&text_of(o)) == wanted)
    {
        for _ in 0..=index {
            key(el, "ArrowDown");
            tick().await;
            let active = el.get_attribute("aria-activedescendant");
            if active.is_some() && active == options[index].get_attribute("id") {
                break;
            }
        }
        key(el, "Enter");
        tick().await;
    }
    close_combobox(el).await;
    Ok(())
}

/// Every choice widget under `root`, in document order. A fieldset of radios counts as one
/// group; a combobox wrapper (ARIA 1.1) is reduced to its input.
pub fn find_widgets(root: &Element) -> Vec<Widget> {
    let mut out: Vec<Widget> = Vec::new();
    for el in all(root, "select, [role=radiogroup], [role=combobox], fieldset") {
        let tag = el.tag_name().to_ascii_lowercase();
        let role = el.get_attribute("role").unwrap_or_default();
        let widget = if role == "combobox" {
            if tag != "input" {
                if let Ok(Some(_)) = el.query_selector("input[role=combobox], select") {
                    continue;
                }
            }
            Widget::Combobox(el)
        } else if tag == "select" {
            match el.dyn_into::<HtmlSelectElement>() {
                Ok(s) => Widget::Select(s),
                Err(_) => continue,
            }
        } else if role == "radiogroup" {
            Widget::Radio(el)
        } else {
            // A fieldset counts only when it groups radios that no radiogroup claims.
            let has_radio = matches!(el.query_selector("input[type=radio]"), Ok(Some(_)));
            let has_group = matches!(
                el.query_selector("[role=radiogroup], fieldset"),
                Ok(Some(_))
            );
            if !has_radio || has_group {
                continue;
            }
            Widget::Radio(el)
        };
        out.push(widget);
    }
    out
}
