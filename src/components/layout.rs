//! The page's layout under the app's context: header, the bar, notices, the
//! input and checks side by side, the dashboard, the table, and the open panel.
//!
//! Apart from `App` so that the first screen's static skeleton in the HTML is
//! rendered from this same markup (`examples/skeleton.rs`, at build time): the
//! skeleton and the mounted app cannot drift apart, and the swap moves nothing.

use yew::prelude::*;

use crate::components::{catalog_panel::CatalogPanel, export_menu::ExportMenu, report::Report};
use crate::components::{
    checks::Checks, dashboard::Dashboard, detail::Detail, header::Header, indicator_table::IndicatorTable,
    input_panel::InputPanel, settings_panel::SettingsPanel, sources_panel::SourcesPanel,
};
use crate::hooks::use_app;
use crate::i18n::Msg;
use crate::state::Panel;
use crate::storage;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// Whether the indicator table and what follows it are drawn: the
    /// skeleton stops above them.
    pub table: bool,
    /// Notices only the mounted app has (an unreadable saved session, another
    /// tab's newer save), under the bar.
    #[prop_or_default]
    pub notices: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let state = use_app();
    let lang = state.lang();
    let storage_notice = state.storage_problem.map(|p| {
        let text = match p {
            storage::StorageProblem::Blocked => Msg::StorageBlocked.text(lang),
            storage::StorageProblem::Full => Msg::StorageFull.text(lang),
        };
        html! { <p class="notice sev-amber" role="status">{ text }</p> }
    });
    let panel = match &state.panel {
        Panel::None => html! {},
        Panel::Settings => html! { <SettingsPanel /> },
        Panel::Sources => html! { <SourcesPanel /> },
        Panel::Detail(id) => html! { <Detail id={AttrValue::from(id.clone())} /> },
        Panel::Report => html! { <Report /> },
        Panel::Catalog => html! { <CatalogPanel /> },
    };

    html! {
        <div class="app" lang={lang.tag()}>
            <Header />
            <ExportMenu />
            { for storage_notice }
            { props.notices.clone() }
            if state.pending {
                <p class="notice sev-info working" role="status">{ Msg::Working.text(lang) }</p>
            }
            <main>
                <div class="input-grid">
                    <InputPanel />
                    <Checks />
                </div>
                <Dashboard />
                if props.table {
                    <IndicatorTable />
                    <crate::components::goals::GoalsPanel />
                }
            </main>
            { panel }
        </div>
    }
}
