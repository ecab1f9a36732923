//! Failure is visible, never a dead page: a panic shows the crash banner (built
//! by `static/boot.js`, so it works even though the wasm instance is gone after
//! the panic) with the details to copy, and logs them to the console.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = window, js_name = gapcastShowCrash)]
    fn show_crash(details: &str);
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// The URL fragment that makes the page panic on purpose, so the browser tests
/// can prove the banner appears. Compiled only with the `test-hooks` feature,
/// which `cargo xtask dist --test-hooks` turns on for a test page outside
/// `dist/`; the shipped page has no such hook (`cargo xtask dist` checks its
/// wasm for this text and refuses to ship it).
#[cfg(feature = "test-hooks")]
pub const TEST_TRIGGER: &str = "#gapcast-test-panic";

/// Installs the hook. Called once, before the first render. It goes through
/// Yew's own setter: Yew would otherwise replace any std hook with its default
/// console-only one when the renderer starts.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let details = format!("Gapcast {}: {info}", env!("CARGO_PKG_VERSION"));
        console_error(&details);
        show_crash(&details);
    }));
}

/// Panics when the test page was opened with [`TEST_TRIGGER`].
#[cfg(feature = "test-hooks")]
pub fn trigger_if_requested() {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if hash == TEST_TRIGGER {
        panic!("deliberate test panic ({TEST_TRIGGER})");
    }
}
