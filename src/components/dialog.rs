//! A modal panel over the dashboard: labelled, focused when it opens, closed by
//! its button, by Escape or by a click on the backdrop.

use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::DetailMsg;

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub title: AttrValue,
    pub id: AttrValue,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub wide: bool,
    pub children: Html,
}

#[component]
pub fn Dialog(props: &DialogProps) -> Html {
    let lang = use_lang();
    let panel_ref = use_node_ref();
    {
        let panel_ref = panel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(el) = panel_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let on_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let on_button = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let title_id = format!("{}-title", props.id);
    html! {
        <div class="backdrop" onclick={on_backdrop}>
            <div class={classes!("dialog", props.wide.then_some("wide"))} id={props.id.clone()} role="dialog" aria-modal="true"
                aria-labelledby={title_id.clone()} tabindex="-1" ref={panel_ref} {onkeydown}
                onclick={|e: MouseEvent| e.stop_propagation()}>
                <div class="dialog-head">
                    <h2 id={title_id}>{ props.title.clone() }</h2>
                    <button type="button" class="close" onclick={on_button} aria-label={DetailMsg::Close.text(lang)}>{ "✕" }</button>
                </div>
                <div class="dialog-body">{ props.children.clone() }</div>
            </div>
        </div>
    }
}
