//! Waiting for the page, only as long as the next step needs: a microtask (React flushes
//! the updates of a discrete event in one), or the page's next change (a MutationObserver
//! record), never a fixed sleep.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MutationObserver, MutationObserverInit};

pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Lets the page's pending microtasks run (a React commit after a click, for one).
pub async fn microtask() {
    let _ = JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED)).await;
}

/// Resolves at the page's next change anywhere in the document (elements added or removed,
/// attributes, text), or after `max_ms` if nothing changes. Returns whether it changed.
pub async fn next_change(max_ms: f64) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return false;
    };
    let mut observer: Option<MutationObserver> = None;
    let mut timer: Option<i32> = None;
    let mut keep: Vec<Closure<dyn FnMut()>> = Vec::new();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let changed = resolve.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let _ = changed.call1(&JsValue::NULL, &JsValue::TRUE);
        });
        let on_timeout = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::FALSE);
        });
        if let Ok(obs) = MutationObserver::new(on_change.as_ref().unchecked_ref()) {
            let init = MutationObserverInit::new();
            init.set_child_list(true);
            init.set_subtree(true);
            init.set_attributes(true);
            init.set_character_data(true);
            if obs.observe_with_options(&root, &init).is_ok() {
                observer = Some(obs);
            }
        }
        timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                max_ms.clamp(0.0, 60_000.0) as i32,
            )
            .ok();
        keep.push(on_change);
        keep.push(on_timeout);
    });
    let changed = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    // Neither callback can run after this, so their closures can go.
    if let Some(obs) = observer {
        obs.disconnect();
    }
    if let Some(id) = timer {
        window.clear_timeout_with_handle(id);
    }
    drop(keep);
    changed
}
