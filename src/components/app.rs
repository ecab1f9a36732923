//! The root component: restores the session, owns the state, autosaves it,
//! takes pastes anywhere on the page, and lays out the page.

use gapcast_core::catalog::builtin;
use gapcast_core::session::Session;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};
use yew::prelude::*;

use crate::components::{
    checks::Checks, dashboard::Dashboard, detail::Detail, header::Header, indicator_table::IndicatorTable,
    input_panel::InputPanel, settings_panel::SettingsPanel, sources_panel::SourcesPanel,
};
use crate::hooks::AppHandle;
use crate::i18n::Msg;
use crate::state::{Action, Panel, State};
use crate::{browser, storage};

/// The session saved in this browser, if any, with the reason it could not be
/// read when storage is blocked.
fn restore() -> (Session, Option<storage::StorageProblem>) {
    let year = browser::clock_year();
    match storage::load(storage::SESSION_KEY) {
        Ok(Some(json)) => (Session::from_json(&json).unwrap_or_else(|_| Session::new(year)), None),
        Ok(None) => (Session::new(year), None),
        Err(problem) => (Session::new(year), Some(problem)),
    }
}

#[component]
pub fn App() -> Html {
    let state: AppHandle = use_reducer(|| {
        let (session, problem) = restore();
        let mut state = State::new(session, Rc::new(builtin()), browser::clock_year());
        state.storage_problem = problem;
        state
    });

    // Marks the first render for the timing script, and fires the test-only
    // panic trigger once the page is up.
    use_effect_with((), |_| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark("gapcast-first-render");
        }
        crate::panic::trigger_if_requested();
    });

    // Autosave: every change to what the user gave is written at once.
    {
        let handle = state.clone();
        use_effect_with(state.session.clone(), move |session| {
            let result = storage::save(storage::SESSION_KEY, &session.to_json()).err();
            if result != handle.storage_problem {
                handle.dispatch(Action::StorageResult(result));
            }
        });
    }

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
    let storage_notice = state.storage_problem.map(|p| {
        let text = match p {
            storage::StorageProblem::Blocked => Msg::StorageBlocked.text(lang),
            storage::StorageProblem::Full => Msg::StorageFull.text(lang),
        };
        html! { <p class="notice sev-amber" role="status">{ text }</p> }
    });
    let panel = match &state.panel {
        Panel::None => html! {},
        Panel::Settings => html! { <SettingsPanel /> },
        Panel::Sources => html! { <SourcesPanel /> },
        Panel::Detail(id) => html! { <Detail id={AttrValue::from(id.clone())} /> },
        Panel::Report => html! {},
    };

    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
            <div class="app" lang={lang.tag()}>
                <Header />
                { for storage_notice }
                if state.pending {
                    <p class="notice sev-info working" role="status">{ Msg::Working.text(lang) }</p>
                }
                <main>
                    <div class="input-grid">
                        <InputPanel />
                        <Checks />
                    </div>
                    <Dashboard />
                    <IndicatorTable />
                </main>
                { panel }
            </div>
        </ContextProvider<AppHandle>>
    }
}
