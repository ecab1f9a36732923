//! The page header: product name, the two plans, and the language switch.

use crate::i18n::{Lang, Msg};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub on_lang: Callback<Lang>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let switch = |to: Lang, label: &'static str| {
        let on_lang = props.on_lang.clone();
        html! {
            <button type="button" lang={to.tag()} aria-pressed={(lang == to).to_string()}
                onclick={move |_| on_lang.emit(to)}>{ label }</button>
        }
    };
    html! {
        <header class="app-header">
            <div>
                <h1 class="brand">{ Msg::AppName.text(lang) }<small>{ Msg::AppTagline.text(lang) }</small></h1>
                <p class="plans">{ Msg::PlanWomen.text(lang) }{ " · " }{ Msg::PlanChildren.text(lang) }</p>
            </div>
            <div class="header-tools">
                <div class="lang-switch" role="group" aria-label={Msg::LanguageLabel.text(lang)}>
                    { switch(Lang::Zh, "中文") }
                    { switch(Lang::En, "English") }
                </div>
            </div>
        </header>
    }
}
