//! Renders the first screen as the page's static skeleton: the app's own
//! layout (`components::layout::Layout`, without the table) for a fresh
//! session, on the server side, in Chinese and in English. `cargo xtask dist`
//! runs it and inlines the result into `index.html`, where it shows until the
//! wasm has started and Yew replaces it with the same markup; so the skeleton
//! cannot drift from the app.
//!
//! Usage: `cargo run -p gapcast --example skeleton -- OUT_DIR` writes
//! `OUT_DIR/skeleton-zh.html` and `OUT_DIR/skeleton-en.html`.

use gapcast::components::layout::Layout;
use gapcast::hooks::AppHandle;
use gapcast::i18n::Lang;
use gapcast::state::State;
use gapcast_core::session::Session;
use yew::prelude::*;

/// Any year: nothing the skeleton shows depends on it.
const YEAR: i32 = 2026;

#[derive(Properties, PartialEq)]
struct ShellProps {
    lang: Lang,
}

#[component]
fn Shell(props: &ShellProps) -> Html {
    let lang = props.lang;
    let state = use_reducer(move || {
        let mut session = Session::new(YEAR);
        session.lang = lang;
        State::new(session, YEAR)
    });
    html! {
        <ContextProvider<AppHandle> context={state}>
            <Layout table=false />
        </ContextProvider<AppHandle>>
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: skeleton OUT_DIR");
        return std::process::ExitCode::from(2);
    };
    for (lang, name) in [(Lang::Zh, "skeleton-zh.html"), (Lang::En, "skeleton-en.html")] {
        let html = yew::LocalServerRenderer::<Shell>::with_props(ShellProps { lang }).hydratable(false).render().await;
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, html) {
            eprintln!("cannot write {}: {e}", path.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}
