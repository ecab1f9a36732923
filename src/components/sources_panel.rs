//! Where the demo figures come from: the national reports and bulletins behind
//! each row, as shipped beside the demo data.

use yew::prelude::*;

use crate::components::dialog::Dialog;
use crate::hooks::use_app;
use crate::i18n::Msg;
use crate::state::{Action, Panel, DEMO_SOURCES};

#[component]
pub fn SourcesPanel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let close = {
        let app = app.clone();
        Callback::from(move |()| app.dispatch(Action::Open(Panel::None)))
    };
    // The first line is the header; each later line is "indicator<TAB>sources".
    let rows = DEMO_SOURCES.lines().skip(1).filter_map(|line| line.split_once('\t'));
    html! {
        <Dialog title={Msg::DemoSourcesTitle.text(lang)} id="sources-dialog" on_close={close}>
            <p class="hint">{ Msg::DemoNote.text(lang) }</p>
            <dl class="sources">
                { for rows.map(|(name, sources)| html! {
                    <>
                        <dt>{ name }</dt>
                        <dd><ul>{ for sources.split('；').map(|s| html! { <li>{ s }</li> }) }</ul></dd>
                    </>
                }) }
            </dl>
        </Dialog>
    }
}
