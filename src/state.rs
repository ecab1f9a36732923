//! The app's one state and the one enum of changes to it. Each arm of
//! [`Action`] is small and calls into the core for anything that computes.

use crate::i18n::Lang;
use std::rc::Rc;
use yew::Reducible;

/// Everything the page shows is derived from this.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub lang: Lang,
    /// The pasted text, exactly as the user gave it: never altered.
    pub raw: String,
}

/// Every change the user can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetLang(Lang),
    Paste(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) if lang != self.lang => next.lang = lang,
            Action::Paste(text) if text != self.raw => next.raw = text,
            // Returning the same Rc tells Yew nothing changed: no re-render.
            _ => return self,
        }
        Rc::new(next)
    }
}
