//! The catalog in use: the plans' own, and the user's own catalog files
//! (another district's plans, or indicators of their own) beside or instead of
//! them, with every problem the loader finds, located by file, line and field.
//! The plans' own files download as a template. The files are saved with the
//! session, so the choice persists and travels in a session file.

use gapcast_core::catalog::builtin_files;
use gapcast_core::session::{CatalogFile, CatalogMode};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::components::dialog::Dialog;
use crate::components::share::then;
use crate::hooks::{use_app, AppHandle};
use crate::i18n::ReachMsg;
use crate::state::{Action, Panel};

/// The most problems listed; the count says how many there are in all.
const SHOWN_ISSUES: usize = 200;

/// Reads `file` as a catalog file and loads it, showing this panel; `failed`
/// gets the reason when the browser cannot read the file.
pub fn load_catalog_file(file: web_sys::File, app: AppHandle, failed: Callback<String>) {
    let name = file.name();
    then(
        Ok(file.text().into()),
        Box::new(move |text| match text {
            Ok(text) => {
                let text = text.as_string().unwrap_or_default();
                app.dispatch(Action::AddCatalog(CatalogFile { name, text: text.into() }, None));
                app.dispatch(Action::Open(Panel::Catalog));
            }
            Err(why) => failed.emit(why),
        }),
    );
}

#[component]
pub fn CatalogPanel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let picker = use_node_ref();
    let unreadable = use_state(|| None::<String>);
    let files = &app.session.catalogs;
    let mode = app.session.catalog_mode;

    let close = {
        let app = app.clone();
        Callback::from(move |()| app.dispatch(Action::Open(Panel::None)))
    };
    let picked = {
        let (app, unreadable) = (app.clone(), unreadable.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                for i in 0..list.length() {
                    if let Some(file) = list.get(i) {
                        let (unreadable, name) = (unreadable.clone(), file.name());
                        let failed = Callback::from(move |why| unreadable.set(Some(format!("{name}: {why}"))));
                        load_catalog_file(file, app.clone(), failed);
                    }
                }
            }
            // Loading the same (edited) file again must fire `change` again.
            input.set_value("");
        })
    };
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let file_item = |file: &CatalogFile| {
        let app = app.clone();
        let name = file.name.clone();
        let remove = Callback::from(move |_: MouseEvent| app.dispatch(Action::RemoveCatalog(name.clone())));
        html! {
            <li>{ &file.name }{ " " }<button type="button" class="link" onclick={remove}>{ ReachMsg::Remove.text(lang) }</button></li>
        }
    };
    let template = builtin_files().map(|(path, text)| {
        let name = path.rsplit('/').next().unwrap_or(path);
        let onclick = Callback::from(move |_: MouseEvent| {
            browser::download(name, "application/toml", text);
        });
        html! { <button type="button" class="link" {onclick}>{ name }</button> }
    });
    let mode_choice = |value: CatalogMode, label: ReachMsg| {
        let app = app.clone();
        let onchange = Callback::from(move |_: Event| app.dispatch(Action::SetCatalogMode(value)));
        html! {
            <label><input type="radio" name="catalog-mode" checked={mode == value} {onchange} />{ " " }{ label.text(lang) }</label>
        }
    };
    let issues = &app.catalog_issues;
    let issue_item = |issue: &gapcast_core::catalog::CatalogIssue| {
        let label = issue.severity().label();
        let (zh, en) = label.split_once(' ').unwrap_or((label, label));
        let message = if lang == crate::i18n::Lang::Zh { issue.message_zh() } else { issue.message_en() };
        html! {
            <li class={if issue.is_error() { "sev-red" } else { "sev-amber" }}>
                <b>{ lang.pick(zh, en) }</b>{ " " }<code>{ issue.location() }</code>{ " " }{ message }
            </li>
        }
    };
    let builtin_used = files.is_empty() || mode == CatalogMode::Beside || app.catalog_fell_back;

    html! {
        <Dialog title={ReachMsg::Catalogs.text(lang)} id="catalog-dialog" on_close={close} wide=true>
            <p id="catalog-count">{ ReachMsg::CatalogInUse.text(lang).replace("{n}", &app.catalog.indicators.len().to_string()) }</p>
            <ul class="catalog-files">
                <li class={(!builtin_used).then_some("unused")}>{ ReachMsg::CatalogBuiltin.text(lang) }</li>
                { for files.iter().map(file_item) }
            </ul>
            if !files.is_empty() {
                <div class="row" role="radiogroup">
                    { mode_choice(CatalogMode::Beside, ReachMsg::ModeBeside) }
                    { mode_choice(CatalogMode::Instead, ReachMsg::ModeInstead) }
                </div>
            }
            if app.catalog_fell_back {
                <p class="notice sev-red">{ ReachMsg::CatalogFellBack.text(lang) }</p>
            }
            if let Some(why) = &*unreadable {
                <p class="notice sev-red">{ format!("{}{}{why}", ReachMsg::NotOpened.text(lang), lang.pick("：", ": ")) }</p>
            }
            <div class="row">
                <button type="button" id="catalog-load" onclick={pick}>{ ReachMsg::LoadCatalog.text(lang) }</button>
                <input type="file" id="catalog-file" accept=".toml,text/plain" multiple=true hidden=true ref={picker} onchange={picked} />
            </div>
            <p class="hint">{ ReachMsg::CatalogHint.text(lang) }{ " " }{ for template }</p>
            if !issues.is_empty() {
                <h3>{ ReachMsg::CatalogProblems.text(lang).replace("{n}", &issues.len().to_string()) }</h3>
                <ul class="catalog-issues" id="catalog-issues">{ for issues.iter().take(SHOWN_ISSUES).map(issue_item) }</ul>
            }
        </Dialog>
    }
}
