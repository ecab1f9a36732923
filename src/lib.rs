//! Gapcast's web app: thin Yew function components over `gapcast-core`.
//!
//! Every number the page shows comes from the core; this crate only holds the
//! UI state (one [`state::State`] changed through one [`state::Action`] enum),
//! renders it, and talks to the browser (storage, clipboard, downloads, the
//! crash banner).

pub mod browser;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod panic;
pub mod state;
pub mod storage;

use wasm_bindgen::JsCast;

/// Starts the app in `#app`: installs the panic hook, then renders.
pub fn start() {
    panic::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::Element>().ok());
    match root {
        // `#embed&...` asks for the compact view for an iframe (components/embed.rs).
        Some(root) => match components::embed::requested() {
            Some(options) => {
                yew::Renderer::<components::embed::EmbedApp>::with_root_and_props(
                    root,
                    components::embed::EmbedAppProps { options },
                )
                .render();
            }
            None => {
                yew::Renderer::<components::app::App>::with_root(root).render();
            }
        },
        None => panic!("the page has no #app element"),
    }
}
