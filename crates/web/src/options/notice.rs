//! The page's status lines (`role=status`, cleared after a while when all went well) and
//! alert boxes (shown while they hold a text).

use gloo_timers::callback::Timeout;

use super::Options;
use crate::kit::dom;

/// How long a success stays in its status line.
const STATUS_MS: u32 = 8000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ok,
    Error,
}

/// Sets the status line `id`; a success is cleared again after a while.
pub fn set_status(o: &mut Options, id: &'static str, text: &str, kind: Kind) {
    o.status_timers.retain(|(timer_id, _)| *timer_id != id);
    let Some(line) = o.doc.get_element_by_id(id) else {
        return;
    };
    line.set_text_content(Some(text));
    dom::set_attr(
        &line,
        "data-kind",
        if kind == Kind::Ok { "ok" } else { "error" },
    );
    if !text.is_empty() && kind == Kind::Ok {
        let timer = Timeout::new(STATUS_MS, move || line.set_text_content(Some("")));
        o.status_timers.push((id, timer));
    }
}

/// Shows `text` in the alert box `id`, or hides it when `text` is empty.
pub fn show_alert(o: &Options, id: &str, text: &str) {
    dom::set_text(&o.doc, id, text);
    dom::set_hidden(&o.doc, id, text.is_empty());
}
