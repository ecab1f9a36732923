//! The app-wide context (the one state and its dispatcher), behind a hook.

use crate::i18n::Lang;
use crate::state::State;
use yew::prelude::*;

/// The state handle every component reads and dispatches through.
pub type AppHandle = UseReducerHandle<State>;

/// The app's state and dispatcher. Panics only if a component is rendered
/// outside the `App` root, which is a programming error.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("components are rendered inside App's context provider")
}

/// The page's language.
#[hook]
pub fn use_lang() -> Lang {
    use_app().lang()
}
