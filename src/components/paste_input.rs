//! The paste box: where the user's spreadsheet text comes in. The text is kept
//! exactly as given.

use crate::i18n::{Lang, Msg};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteInputProps {
    pub lang: Lang,
    pub raw: String,
    pub on_paste: Callback<String>,
}

#[component]
pub fn PasteInput(props: &PasteInputProps) -> Html {
    let lang = props.lang;
    let oninput = {
        let on_paste = props.on_paste.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_paste.emit(area.value());
        })
    };
    let rows = props.raw.lines().filter(|l| !l.trim().is_empty()).count();
    html! {
        <section class="panel" aria-labelledby="paste-title">
            <h2 id="paste-title">{ Msg::PasteTitle.text(lang) }</h2>
            <p class="hint">{ Msg::PasteHint.text(lang) }</p>
            <label class="visually-hidden" for="paste-box">{ Msg::PasteLabel.text(lang) }</label>
            <textarea id="paste-box" class="paste-box" value={props.raw.clone()} {oninput}
                placeholder={Msg::PastePlaceholder.text(lang)} spellcheck="false" />
            <p class="hint" id="paste-summary">{ Msg::PastedLines.text(lang) }{ ": " }{ rows }</p>
        </section>
    }
}
