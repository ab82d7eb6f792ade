//! Waiting for the page: a macrotask turn, or until the DOM has been quiet for a while.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use web_sys::{MutationObserver, MutationObserverInit};

pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Lets the page's own handlers and re-renders run.
pub async fn tick() {
    TimeoutFuture::new(0).await;
}

/// Resolves once the document has had no mutations for `quiet_ms`, or after `max_ms`.
/// Used after filling, so a page that re-renders and reverts a value is seen doing so.
pub async fn settle(quiet_ms: u32, max_ms: u32) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let last = Rc::new(Cell::new(now_ms()));
    let seen = last.clone();
    let callback = Closure::<dyn FnMut()>::new(move || seen.set(now_ms()));
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let (Some(obs), Some(root)) = (&observer, doc.document_element()) {
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        init.set_attributes(true);
        init.set_character_data(true);
        let _ = obs.observe_with_options(&root, &init);
    }
    let start = now_ms();
    loop {
        TimeoutFuture::new(quiet_ms.min(50)).await;
        let t = now_ms();
        if t - last.get() >= f64::from(quiet_ms) || t - start >= f64::from(max_ms) {
            break;
        }
    }
    if let Some(obs) = observer {
        obs.disconnect();
    }
    drop(callback);
}
