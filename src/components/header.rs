//! The page header: product name, the plans of the catalog in use, settings
//! and the language switch.

use yew::prelude::*;

use crate::hooks::use_app;
use crate::i18n::{plan_titles, Lang, Msg};
use crate::state::{Action, Panel};

#[component]
pub fn Header() -> Html {
    let app = use_app();
    let lang = app.lang();
    let switch = |to: Lang, label: &'static str| {
        let app = app.clone();
        html! {
            <button type="button" lang={to.tag()} aria-pressed={(lang == to).to_string()}
                onclick={move |_| app.dispatch(Action::SetLang(to))}>{ label }</button>
        }
    };
    let open_settings = {
        let app = app.clone();
        move |_| app.dispatch(Action::Open(Panel::Settings))
    };
    html! {
        <header class="app-header">
            <div>
                <h1 class="brand">{ Msg::AppName.text(lang) }<small>{ Msg::AppTagline.text(lang) }</small></h1>
                <p class="plans">{ plan_titles(&app.catalog, lang).join(" · ") }</p>
            </div>
            <div class="header-tools">
                <button type="button" class="settings-button" onclick={open_settings}>{ "⚙ " }{ Msg::Settings.text(lang) }</button>
                <div class="lang-switch" role="group" aria-label={Msg::LanguageLabel.text(lang)}>
                    { switch(Lang::Zh, "中文") }
                    { switch(Lang::En, "English") }
                </div>
            </div>
        </header>
    }
}
