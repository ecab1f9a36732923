//! The root component: restores the session, owns the state, autosaves it,
//! takes pastes anywhere on the page, and lays out the page.

use gapcast_core::session::Session;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};
use yew::prelude::*;

use crate::components::layout::Layout;
use crate::hooks::AppHandle;
use crate::state::{Action, State};
use crate::{browser, storage};

/// The session saved in this browser, if any, with the reason it could not be
/// read when storage is blocked. A stored session that no longer reads (a newer
/// format) is left in storage untouched and the page starts empty.
fn restore() -> (Session, Option<storage::StorageProblem>) {
    let year = browser::clock_year();
    let saved = storage::load(storage::SESSION_KEY).and_then(|json| Ok((json, storage::load(storage::RAW_KEY)?)));
    match saved {
        Ok((json, raw)) => {
            let mut session = json.and_then(|j| Session::from_json(&j).ok()).unwrap_or_else(|| Session::new(year));
            if let Some(raw) = raw {
                session.raw = raw.into();
            }
            (session, None)
        }
        Err(problem) => (Session::new(year), Some(problem)),
    }
}

/// The session waiting to be saved, its timer, and the text saved last.
#[derive(Default)]
struct Autosave {
    pending: Option<Session>,
    timer: Option<i32>,
    last_raw: Option<Rc<str>>,
}

impl Autosave {
    /// Writes the waiting session, if any: the text only when it changed since
    /// the last save, the rest (small) every time. `None` when nothing waited.
    fn flush(&mut self) -> Option<Option<storage::StorageProblem>> {
        self.timer = None;
        let session = self.pending.take()?;
        let raw_changed = self.last_raw.as_ref().is_none_or(|last| !Rc::ptr_eq(last, &session.raw));
        if raw_changed {
            if let Err(problem) = storage::save(storage::RAW_KEY, &session.raw) {
                return Some(Some(problem));
            }
            self.last_raw = Some(session.raw.clone());
        }
        let mut rest = session;
        rest.raw = Rc::from("");
        Some(storage::save(storage::SESSION_KEY, &rest.to_json()).err())
    }
}

#[component]
pub fn App() -> Html {
    let state: AppHandle = use_reducer(|| {
        let (session, problem) = restore();
        let mut state = State::new(session, browser::clock_year());
        state.storage_problem = problem;
        state
    });

    // Marks the first render for the timing script, and (in the test page
    // only, see `panic.rs`) fires the panic trigger once the page is up.
    use_effect_with((), |_| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark("gapcast-first-render");
        }
        #[cfg(feature = "test-hooks")]
        crate::panic::trigger_if_requested();
    });

    // Autosave: every change to what the user gave is written a moment after
    // it, so a burst of typing writes once; leaving the page writes at once
    // whatever is still waiting. One flush closure serves the timer and the
    // page-leaving listeners for the page's life.
    let autosave = use_mut_ref(Autosave::default);
    let flush = {
        let autosave = autosave.clone();
        let dispatcher = state.dispatcher();
        use_mut_ref(move || {
            Closure::<dyn Fn()>::new(move || {
                if let Some(result) = autosave.borrow_mut().flush() {
                    // An unchanged result changes no state: no re-render.
                    dispatcher.dispatch(Action::StorageResult(result));
                }
            })
        })
    };
    {
        let flush = flush.clone();
        use_effect_with(state.session.clone(), move |session| {
            let mut waiting = autosave.borrow_mut();
            // Typing in the paste box waits for a pause; any other change (a
            // setting, a catalog file, a choice) is written in the next task:
            // nothing to gain by waiting.
            let typing = waiting.last_raw.as_ref().is_none_or(|last| !Rc::ptr_eq(last, &session.raw));
            waiting.pending = Some(session.clone());
            if let Some(window) = web_sys::window() {
                if let Some(timer) = waiting.timer.take() {
                    window.clear_timeout_with_handle(timer);
                }
                let delay = if typing { 250 } else { 0 };
                waiting.timer = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        flush.borrow().as_ref().unchecked_ref(),
                        delay,
                    )
                    .ok();
            }
        });
    }
    use_effect_with((), move |_| {
        // `visibilitychange` comes first when the tab is hidden, closed or
        // reloaded (the event browsers advise saving in); `pagehide` covers
        // the rest. A flush with nothing waiting does nothing.
        let window = web_sys::window();
        if let Some(w) = &window {
            for kind in ["visibilitychange", "pagehide"] {
                let _ = w.add_event_listener_with_callback(kind, flush.borrow().as_ref().unchecked_ref());
            }
        }
        move || {
            if let Some(w) = window {
                for kind in ["visibilitychange", "pagehide"] {
                    let _ = w.remove_event_listener_with_callback(kind, flush.borrow().as_ref().unchecked_ref());
                }
            }
        }
    });

    // A large paste is analysed in the next task, after the text has shown.
    {
        let handle = state.clone();
        use_effect_with(state.pending, move |pending| {
            if *pending {
                let run = Closure::once_into_js(move || handle.dispatch(Action::Evaluate));
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 20);
                }
            }
        });
    }

    // Pasting anywhere on the page (outside a text field) pastes the figures.
    {
        let handle = state.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(web_sys::ClipboardEvent)>::new(move |e: web_sys::ClipboardEvent| {
                let in_field = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"));
                if in_field {
                    return;
                }
                if let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) {
                    if !text.trim().is_empty() {
                        e.prevent_default();
                        handle.dispatch(Action::Paste(text));
                    }
                }
            });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(doc) = &document {
                let _ = doc.add_event_listener_with_callback("paste", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(doc) = document {
                    let _ = doc.remove_event_listener_with_callback("paste", listener.as_ref().unchecked_ref());
                }
            }
        });
    }

    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
            <Layout table=true />
        </ContextProvider<AppHandle>>
    }
}
