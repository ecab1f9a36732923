//! The root component: restores the session, owns the state, autosaves it,
//! takes pastes anywhere on the page, and lays out the page.

use gapcast_core::session::Session;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};
use yew::prelude::*;

use crate::components::layout::Layout;
use crate::hooks::AppHandle;
use crate::i18n::Msg;
use crate::state::{Action, State, Unreadable};
use crate::{browser, storage};

/// What the page found in storage when it opened.
struct Restored {
    session: Session,
    problem: Option<storage::StorageProblem>,
    /// The stored session, when it could not be read: it stays where it is.
    unreadable: Option<Unreadable>,
    /// The stored session text and save stamp, as read.
    json: Option<String>,
    stamp: Option<String>,
}

/// The session saved in this browser, if any, with the reason it could not be
/// read when storage is blocked. A stored session that does not read (a newer
/// format, a damaged text) is kept as found, and the page starts empty without
/// writing over it.
fn restore() -> Restored {
    let year = browser::clock_year();
    let saved = storage::load(storage::SESSION_KEY).and_then(|json| {
        Ok((json, storage::load(storage::RAW_KEY)?, storage::load(storage::STAMP_KEY)?))
    });
    let (json, raw, stamp) = match saved {
        Ok(found) => found,
        Err(problem) => {
            return Restored { session: Session::new(year), problem: Some(problem), unreadable: None, json: None, stamp: None }
        }
    };
    let Some(text) = json else {
        let mut session = Session::new(year);
        if let Some(raw) = raw {
            session.raw = raw.into();
        }
        return Restored { session, problem: None, unreadable: None, json: None, stamp };
    };
    match Session::from_json(&text) {
        Ok(mut session) => {
            if let Some(raw) = raw {
                session.raw = raw.into();
            }
            Restored { session, problem: None, unreadable: None, json: Some(text), stamp }
        }
        Err(e) => {
            let unreadable = Unreadable { text: unreadable_file(&text, raw.as_deref()).into(), why_zh: e.message_zh(), why_en: e.to_string() };
            Restored { session: Session::new(year), problem: None, unreadable: Some(unreadable), json: Some(text), stamp }
        }
    }
}

/// The unreadable session as one file: its pasted text (kept under its own
/// key) put back in when the session is still a JSON object, else the text as
/// found.
fn unreadable_file(text: &str, raw: Option<&str>) -> String {
    match (serde_json::from_str::<serde_json::Value>(text), raw) {
        (Ok(serde_json::Value::Object(mut object)), Some(raw)) if !raw.is_empty() => {
            object.insert("raw".into(), serde_json::Value::String(raw.into()));
            serde_json::to_string_pretty(&object).unwrap_or_else(|_| text.to_string())
        }
        _ => text.to_string(),
    }
}

/// The session waiting to be saved, its timer, what was saved last, and
/// whether saving must wait for the user.
#[derive(Default)]
struct Autosave {
    pending: Option<Session>,
    timer: Option<i32>,
    last_raw: Option<Rc<str>>,
    /// The session text stored last (read or written): unchanged text is not
    /// written again, so merely opening the page writes nothing.
    last_json: Option<String>,
    /// The save stamp this tab read or wrote last.
    stamp: Option<String>,
    /// An unreadable stored session waits for the user's decision.
    hold: bool,
    /// Another tab saved since: nothing is written until the user chooses.
    stale: bool,
}

/// What a flush did.
enum Flushed {
    /// Wrote (or tried to), with the problem if any.
    Saved(Option<storage::StorageProblem>),
    /// Found that another tab saved since, and wrote nothing.
    OtherTab,
}

impl Autosave {
    /// Writes the waiting session, if any: the text only when it changed since
    /// the last save, the rest (small) when it changed, then a new stamp.
    /// Nothing is written while an unreadable session waits or another tab
    /// saved since (the session stays waiting). `None` when nothing was done.
    fn flush(&mut self) -> Option<Flushed> {
        self.timer = None;
        if self.hold || self.stale || self.pending.is_none() {
            return None;
        }
        match storage::load(storage::STAMP_KEY) {
            Err(problem) => return Some(Flushed::Saved(Some(problem))),
            Ok(now) if now != self.stamp => {
                self.stale = true;
                return Some(Flushed::OtherTab);
            }
            Ok(_) => {}
        }
        let session = self.pending.take()?;
        let mut wrote = false;
        let raw_changed = self.last_raw.as_ref().is_none_or(|last| !Rc::ptr_eq(last, &session.raw));
        if raw_changed {
            if let Err(problem) = storage::save(storage::RAW_KEY, &session.raw) {
                return Some(Flushed::Saved(Some(problem)));
            }
            wrote = true;
            self.last_raw = Some(session.raw.clone());
        }
        let mut rest = session;
        rest.raw = Rc::from("");
        let json = rest.to_json();
        if self.last_json.as_deref() != Some(json.as_str()) {
            if let Err(problem) = storage::save(storage::SESSION_KEY, &json) {
                return Some(Flushed::Saved(Some(problem)));
            }
            wrote = true;
            self.last_json = Some(json);
        }
        if wrote {
            let stamp = storage::new_stamp();
            if let Err(problem) = storage::save(storage::STAMP_KEY, &stamp) {
                return Some(Flushed::Saved(Some(problem)));
            }
            self.stamp = Some(stamp);
        }
        Some(Flushed::Saved(None))
    }
}

#[component]
pub fn App() -> Html {
    let restored = use_mut_ref(|| None::<(Option<String>, Option<String>)>);
    let state: AppHandle = {
        let restored = restored.clone();
        use_reducer(move || {
            let found = restore();
            let mut state = State::new(found.session, browser::clock_year());
            state.storage_problem = found.problem;
            state.unreadable = found.unreadable;
            *restored.borrow_mut() = Some((found.json, found.stamp));
            state
        })
    };

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
    let autosave = {
        let (json, stamp) = restored.borrow_mut().take().unwrap_or_default();
        let (raw, hold) = (state.session.raw.clone(), state.unreadable.is_some());
        use_mut_ref(move || Autosave { last_raw: Some(raw), last_json: json, stamp, hold, ..Autosave::default() })
    };
    let flush = {
        let autosave = autosave.clone();
        let dispatcher = state.dispatcher();
        use_mut_ref(move || {
            Closure::<dyn Fn()>::new(move || {
                let flushed = autosave.borrow_mut().flush();
                // An unchanged result changes no state: no re-render.
                match flushed {
                    Some(Flushed::Saved(result)) => dispatcher.dispatch(Action::StorageResult(result)),
                    Some(Flushed::OtherTab) => dispatcher.dispatch(Action::OtherTab(true)),
                    None => {}
                }
            })
        })
    };
    // Another tab (or another copy of the file) saved: this one is stale.
    {
        let (autosave, dispatcher) = (autosave.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                let field = |name: &str| js_sys::Reflect::get(&e, &name.into()).ok().and_then(|v| v.as_string());
                if field("key").as_deref() != Some(storage::STAMP_KEY) {
                    return;
                }
                let mut autosave = autosave.borrow_mut();
                if field("newValue") != autosave.stamp {
                    autosave.stale = true;
                    dispatcher.dispatch(Action::OtherTab(true));
                }
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    // The user's answers to the storage banners: keep this tab's work (save it
    // over the other tab's), or let the unreadable session go; either way
    // what this page holds is saved at once.
    let save_now = {
        let (autosave, flush, handle) = (autosave.clone(), flush.clone(), state.clone());
        move |release: fn(&mut Autosave)| {
            {
                let mut waiting = autosave.borrow_mut();
                release(&mut waiting);
                waiting.last_json = None;
                waiting.last_raw = None;
                waiting.pending = Some(handle.session.clone());
            }
            let closure = flush.borrow();
            let f: &js_sys::Function = closure.as_ref().unchecked_ref();
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    };
    let keep_mine = {
        let (save_now, handle) = (save_now.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            handle.dispatch(Action::OtherTab(false));
            save_now(|a| {
                a.stale = false;
                a.stamp = storage::load(storage::STAMP_KEY).ok().flatten();
            });
        })
    };
    let let_go = {
        let handle = state.clone();
        Callback::from(move |_: MouseEvent| {
            let lang = handle.lang();
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(Msg::DiscardUnreadableConfirm.text(lang)).ok())
                .unwrap_or(false);
            if sure {
                handle.dispatch(Action::ForgetUnreadable);
                save_now(|a| {
                    a.hold = false;
                    a.stamp = storage::load(storage::STAMP_KEY).ok().flatten();
                });
            }
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

    let lang = state.lang();
    let unreadable_notice = state.unreadable.as_ref().map(|u| {
        let text = u.text.clone();
        let save = Callback::from(move |_: MouseEvent| {
            browser::download("gapcast-saved-session.json", "application/json", &text);
        });
        html! {
            <div class="notice sev-red stored-unreadable" role="alert">
                <p>{ Msg::StoredUnreadable.text(lang) }{ " " }{ lang.pick(&u.why_zh, &u.why_en) }</p>
                <button type="button" class="save-unreadable" onclick={save}>{ Msg::SaveUnreadable.text(lang) }</button>
                <button type="button" class="discard-unreadable" onclick={let_go}>{ Msg::DiscardUnreadable.text(lang) }</button>
            </div>
        }
    });
    let other_tab_notice = state.other_tab.then(|| {
        let reload = Callback::from(|_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        html! {
            <div class="notice sev-amber other-tab" role="alert">
                <p>{ Msg::OtherTabChanged.text(lang) }</p>
                <button type="button" class="other-tab-reload" onclick={reload}>{ Msg::OtherTabReload.text(lang) }</button>
                <button type="button" class="other-tab-keep" onclick={keep_mine}>{ Msg::OtherTabKeep.text(lang) }</button>
            </div>
        }
    });
    let notices = html! { <>{ for unreadable_notice }{ for other_tab_notice }</> };
    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
            <Layout table=true {notices} />
        </ContextProvider<AppHandle>>
    }
}
