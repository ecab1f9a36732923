//! The root component: owns the state and lays out the page.

use crate::components::{header::Header, paste_input::PasteInput};
use crate::state::{Action, State};
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);

    // Marks the first render for the timing script, and fires the test-only
    // panic trigger once the page is up.
    use_effect_with((), |_| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark("gapcast-first-render");
        }
        crate::panic::trigger_if_requested();
    });

    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
    };
    let on_paste = {
        let state = state.clone();
        Callback::from(move |text| state.dispatch(Action::Paste(text)))
    };

    html! {
        <div class="app" lang={state.lang.tag()}>
            <Header lang={state.lang} on_lang={on_lang} />
            <main>
                <PasteInput lang={state.lang} raw={state.raw.clone()} on_paste={on_paste} />
            </main>
        </div>
    }
}
