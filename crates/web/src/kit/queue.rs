//! One event queue per page: the page's state and the handlers waiting for it.
//!
//! A handler may cause another event synchronously (focusing an element fires `focus` and
//! `blur`, `click()` fires `click`) while the state is borrowed. Such an event is queued and
//! run once the running handler returns, in arrival order, never dropped; events before the
//! page has started wait for it.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

type Handler<S> = Box<dyn FnOnce(&mut S)>;

pub struct EventQueue<S: 'static> {
    state: RefCell<Option<S>>,
    waiting: RefCell<VecDeque<Handler<S>>>,
    /// A handler is running (the state is borrowed): new ones wait.
    draining: Cell<bool>,
}

impl<S: 'static> EventQueue<S> {
    pub const fn new() -> Self {
        EventQueue {
            state: RefCell::new(None),
            waiting: RefCell::new(VecDeque::new()),
            draining: Cell::new(false),
        }
    }

    /// Hands the queue the page's state, then runs the handlers that were waiting for it.
    pub fn start(&self, state: S) {
        if let Ok(mut slot) = self.state.try_borrow_mut() {
            *slot = Some(state);
        }
        self.drain();
    }

    /// Runs `handler` on the state now, or after the handler running now.
    pub fn run(&self, handler: impl FnOnce(&mut S) + 'static) {
        if let Ok(mut waiting) = self.waiting.try_borrow_mut() {
            waiting.push_back(Box::new(handler));
        }
        self.drain();
    }

    /// Runs `f` on the state at once and returns what it gives: for code resumed by a
    /// promise, which never runs while a handler does. None before the start (or, misused
    /// from inside a handler, while the state is borrowed). Events `f` causes run after it.
    pub fn with<R>(&self, f: impl FnOnce(&mut S) -> R) -> Option<R> {
        let out = self.state.try_borrow_mut().ok()?.as_mut().map(f);
        self.drain();
        out
    }

    fn drain(&self) {
        if self.draining.get() {
            return;
        }
        self.draining.set(true);
        loop {
            let Ok(mut state) = self.state.try_borrow_mut() else {
                break;
            };
            let Some(state) = state.as_mut() else {
                break;
            };
            // Taken out before it runs, so that it can queue more.
            let next = self
                .waiting
                .try_borrow_mut()
                .ok()
                .and_then(|mut w| w.pop_front());
            let Some(handler) = next else {
                break;
            };
            handler(state);
        }
        self.draining.set(false);
    }
}
