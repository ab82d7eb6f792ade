//! Dispatching the events a user's actions would, so React-style pages update their state.

use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, KeyboardEvent, KeyboardEventInit, MouseEvent, MouseEventInit,
};

pub fn fire(el: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    if let Ok(event) = Event::new_with_event_init_dict(kind, &init) {
        let _ = el.dispatch_event(&event);
    }
}

fn mouse(el: &Element, kind: &str, buttons: u16) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_button(0);
    init.set_buttons(buttons);
    if let Some(window) = web_sys::window() {
        init.set_view(Some(&window));
    }
    if let Ok(event) = MouseEvent::new_with_mouse_event_init_dict(kind, &init) {
        let _ = el.dispatch_event(&event);
    }
}

/// The sequence a real click produces: pointer and mouse down/up, then click.
pub fn click(el: &Element) {
    mouse(el, "pointerdown", 1);
    mouse(el, "mousedown", 1);
    mouse(el, "pointerup", 0);
    mouse(el, "mouseup", 0);
    match el.dyn_ref::<web_sys::HtmlElement>() {
        Some(html) => html.click(),
        None => mouse(el, "click", 0),
    }
}

pub fn key(el: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_key(key);
    init.set_code(key);
    if let Ok(event) = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
        let _ = el.dispatch_event(&event);
    }
    if let Ok(event) = KeyboardEvent::new_with_keyboard_event_init_dict("keyup", &init) {
        let _ = el.dispatch_event(&event);
    }
}
