//! The bar under the header that takes the work away and brings it back: save
//! and open a session file (picked, or dropped anywhere on the page), export
//! the results as CSV or XLSX or copy them as TSV for a spreadsheet (every text
//! cell neutralised against formulas by the core), open the printable
//! report, make a share link, manage the catalogs (a `.toml` catalog file
//! dropped anywhere loads too); and open the share link the page was opened with.
//!
//! A file or link that cannot be read is refused with the core's located
//! message (line and column, field, or character), and nothing of the current
//! session is touched; a good one replaces the session through
//! [`Action::ImportSession`] (which keeps the old one for undo), after asking
//! when the user has figures of their own.
//!
//! The bar is data-driven (one button template, one notice template) because
//! every element a Yew template spells out costs the single-file page bytes.

use std::cell::Cell;
use std::rc::Rc;

use gapcast_core::export;
use gapcast_core::session::{Session, SessionError};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::browser;
use crate::components::catalog_panel::load_catalog_file;
use crate::components::share::{call, clear_fragment, make_link, read_link, then, LinkProblem, LONG_FRAGMENT};
use crate::hooks::{use_app, AppHandle};
use crate::i18n::{Lang, ReachMsg};
use crate::state::{Action, Panel};

/// The media type of an XLSX workbook.
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What the bar last did, said in the page's current language.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Opened(String),
    Refused(String, SessionError),
    Unreadable(String, String),
    NotJson(String),
    Copied(usize),
    XlsxFailed(String),
    /// A share link made: the link and its fragment's length.
    Link(String, usize),
    LinkFailed(String),
    LinkOpened,
    LinkRefused(LinkProblem),
}

impl Notice {
    /// The notice's colour class, its text, and the share link to show.
    fn say(&self, lang: Lang) -> (&'static str, String, Option<String>) {
        let m = |msg: ReachMsg| msg.text(lang);
        let colon = lang.pick("：", ": ");
        match self {
            Notice::Opened(file) => ("sev-green", format!("{}{colon}{file}", m(ReachMsg::Opened)), None),
            Notice::Refused(file, e) => {
                let why = if lang == Lang::Zh { e.message_zh() } else { e.to_string() };
                ("sev-red", format!("{} {file}{colon}{why}", m(ReachMsg::NotOpened)), None)
            }
            Notice::Unreadable(file, why) => {
                ("sev-red", format!("{} {file}{colon}{why}", m(ReachMsg::NotOpened)), None)
            }
            Notice::NotJson(file) => ("sev-amber", format!("{file}{colon}{}", m(ReachMsg::NotJson)), None),
            Notice::Copied(n) => ("sev-green", m(ReachMsg::Copied).replace("{n}", &n.to_string()), None),
            Notice::XlsxFailed(why) => ("sev-red", format!("{}{colon}{why}", m(ReachMsg::XlsxFailed)), None),
            Notice::Link(link, len) => {
                let mut text = format!("{}{}{}", m(ReachMsg::LinkMade), lang.pick("", " "), m(ReachMsg::ShareNote));
                let long = *len > LONG_FRAGMENT;
                if long {
                    let size = format!("{:.1}", *len as f64 / 1024.0);
                    text = format!("{}{}{text}", m(ReachMsg::ShareLong).replace("{n}", &size), lang.pick("", " "));
                }
                (if long { "sev-amber" } else { "sev-green" }, text, Some(link.clone()))
            }
            Notice::LinkFailed(why) => ("sev-red", format!("{}{colon}{why}", m(ReachMsg::ShareFailed)), None),
            Notice::LinkOpened => ("sev-green", m(ReachMsg::LinkOpened).to_string(), None),
            Notice::LinkRefused(p) => {
                ("sev-red", format!("{}{colon}{}", m(ReachMsg::LinkRefused), lang.pick(&p.zh, &p.en)), None)
            }
        }
    }
}

/// Asks before a session from outside replaces work the user already has.
fn confirm_replace(lang: Lang, has_work: bool) -> bool {
    !has_work
        || web_sys::window()
            .and_then(|w| w.confirm_with_message(ReachMsg::ReplaceConfirm.text(lang)).ok())
            .unwrap_or(false)
}

/// The page's state as the listeners set up once need it: they read the
/// latest values from here rather than from a stale handle.
#[derive(Clone, Copy, Default)]
struct Now {
    lang: Lang,
    /// Figures, catalog files, evaluation texts or scenarios: anything an
    /// opened session would replace that the user would miss.
    has_work: bool,
}

/// Replaces the session with one from outside (after asking), or says why not.
fn import(app: &AppHandle, now: &Cell<Now>, notice: &UseStateHandle<Option<Notice>>, session: Session, done: Notice) {
    let now = now.get();
    if confirm_replace(now.lang, now.has_work) {
        app.dispatch(Action::ImportSession(Box::new(session)));
        notice.set(Some(done));
    }
}

/// Reads `file` as a session and imports it, or says why not.
fn open_file(file: web_sys::File, app: AppHandle, now: Rc<Cell<Now>>, notice: UseStateHandle<Option<Notice>>) {
    let name = file.name();
    then(
        Ok(file.text().into()),
        Box::new(move |text| match text.map(|t| Session::from_json(&t.as_string().unwrap_or_default())) {
            Ok(Ok(session)) => import(&app, &now, &notice, session, Notice::Opened(name)),
            Ok(Err(e)) => notice.set(Some(Notice::Refused(name, e))),
            Err(why) => notice.set(Some(Notice::Unreadable(name, why))),
        }),
    );
}

fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0))
}

#[component]
pub fn ExportMenu() -> Html {
    let app = use_app();
    let lang = app.lang();
    let notice = use_state(|| None::<Notice>);
    let dragging = use_state_eq(|| false);
    let picker = use_node_ref();
    let now = use_memo((), |_| Cell::new(Now::default()));
    let session = &app.session;
    let has_work = !session.raw.trim().is_empty()
        || !session.catalogs.is_empty()
        || !session.evaluations.is_empty()
        || !session.scenarios.is_empty();
    now.set(Now { lang, has_work });

    // A share link opens at start, and when only the fragment changes (a link
    // pasted into the address bar of the open page); dropping a file anywhere
    // opens it, unless a part of the page took the drop first.
    {
        let (app, notice, dragging, now) = (app.clone(), notice.clone(), dragging.clone(), now.clone());
        use_effect_with((), move |_| {
            let open_link = {
                let (app, notice, now) = (app.clone(), notice.clone(), now.clone());
                move || {
                    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                    let (app, notice, now) = (app.clone(), notice.clone(), now.clone());
                    let was_link = read_link(
                        &hash,
                        Box::new(move |r| match r {
                            Ok(session) => import(&app, &now, &notice, session, Notice::LinkOpened),
                            Err(problem) => notice.set(Some(Notice::LinkRefused(problem))),
                        }),
                    );
                    if was_link {
                        clear_fragment();
                    }
                }
            };
            open_link();
            let on_hash = Closure::<dyn Fn()>::new(open_link);

            let depth = Rc::new(Cell::new(0i32));
            let on_drag = Closure::<dyn Fn(DragEvent)>::new(move |e: DragEvent| {
                if !carries_files(&e) {
                    return;
                }
                let kind = e.type_();
                depth.set(match kind.as_str() {
                    "dragenter" => depth.get() + 1,
                    "dragleave" => (depth.get() - 1).max(0),
                    "drop" => 0,
                    _ => depth.get(),
                });
                dragging.set(depth.get() > 0);
                if e.default_prevented() {
                    return;
                }
                // Allowing the drop: without this the browser opens the file itself.
                e.prevent_default();
                if kind != "drop" {
                    return;
                }
                let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) else { return };
                let name = file.name().to_ascii_lowercase();
                if name.ends_with(".json") || file.type_() == "application/json" {
                    open_file(file, app.clone(), now.clone(), notice.clone());
                } else if name.ends_with(".toml") {
                    let (notice, name) = (notice.clone(), file.name());
                    let failed = Callback::from(move |why| notice.set(Some(Notice::Unreadable(name.clone(), why))));
                    load_catalog_file(file, app.clone(), failed);
                } else {
                    notice.set(Some(Notice::NotJson(file.name())));
                }
            });
            let window = web_sys::window();
            let document = window.as_ref().and_then(|w| w.document());
            if let (Some(w), Some(doc)) = (&window, &document) {
                let _ = w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
                for kind in ["dragenter", "dragleave", "dragover", "drop"] {
                    let _ = doc.add_event_listener_with_callback(kind, on_drag.as_ref().unchecked_ref());
                }
            }
            move || {
                if let (Some(w), Some(doc)) = (window, document) {
                    let _ = w.remove_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
                    for kind in ["dragenter", "dragleave", "dragover", "drop"] {
                        let _ = doc.remove_event_listener_with_callback(kind, on_drag.as_ref().unchecked_ref());
                    }
                }
            }
        });
    }

    let on = |f: fn(&AppHandle, &UseStateHandle<Option<Notice>>)| {
        let (app, notice) = (app.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| f(&app, &notice))
    };
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let buttons = [
        (
            "save-session",
            ReachMsg::SaveSession,
            on(|app, _| {
                browser::download(
                    &format!("gapcast-session-{}.json", app.clock_year),
                    "application/json",
                    &app.session.to_json(),
                );
            }),
        ),
        ("open-session", ReachMsg::OpenSession, pick),
        // The results in the page's language: every indicator, in plan order.
        (
            "export-csv",
            ReachMsg::ExportCsv,
            on(|app, _| {
                let table = export::table(&app.catalog, &app.evaluation.assessments, &app.session.settings, app.lang());
                browser::download(
                    &format!("gapcast-results-{}.csv", app.clock_year),
                    "text/csv;charset=utf-8",
                    &table.to_csv(),
                );
            }),
        ),
        // The same rows as a workbook: a sheet per plan and a notes sheet,
        // written by the XLSX module the page unpacks on the first click.
        (
            "export-xlsx",
            ReachMsg::ExportXlsx,
            on(|app, notice| {
                let (lang, settings) = (app.lang(), app.session.settings.clone());
                let table = export::table(&app.catalog, &app.evaluation.assessments, &settings, lang);
                let request = serde_json::to_string(&export::WorkbookRequest { table, settings, lang });
                let name = format!("gapcast-results-{}.xlsx", app.clock_year);
                let notice = notice.clone();
                let window: wasm_bindgen::JsValue = js_sys::global().into();
                let promise = request
                    .map_err(|e| e.to_string().into())
                    .and_then(|json| call(&window, "gapcastXlsx", &[json.into()]));
                then(
                    promise,
                    Box::new(move |bytes| {
                        match bytes.and_then(|b| {
                            b.dyn_into::<js_sys::Uint8Array>().map_err(|_| "no workbook came back".to_string())
                        }) {
                            Ok(bytes) => {
                                browser::download_bytes(&name, XLSX_TYPE, &bytes.to_vec());
                            }
                            Err(why) => notice.set(Some(Notice::XlsxFailed(why))),
                        }
                    }),
                );
            }),
        ),
        (
            "copy-table",
            ReachMsg::CopyTable,
            on(|app, notice| {
                let table = export::table(&app.catalog, &app.evaluation.assessments, &app.session.settings, app.lang());
                browser::copy_text(&table.to_tsv());
                notice.set(Some(Notice::Copied(table.rows.len() + 1)));
            }),
        ),
        ("open-report", ReachMsg::OpenReport, on(|app, _| app.dispatch(Action::Open(Panel::Report)))),
        ("open-catalogs", ReachMsg::Catalogs, on(|app, _| app.dispatch(Action::Open(Panel::Catalog)))),
        (
            "make-link",
            ReachMsg::Share,
            on(|app, notice| {
                let notice = notice.clone();
                make_link(
                    &app.session,
                    Box::new(move |r| {
                        notice.set(Some(match r {
                            Ok((link, len)) => {
                                browser::copy_text(&link);
                                Notice::Link(link, len)
                            }
                            Err(why) => Notice::LinkFailed(why),
                        }))
                    }),
                );
            }),
        ),
    ];
    let picked = {
        let (app, notice, now) = (app.clone(), notice.clone(), now.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file, app.clone(), now.clone(), notice.clone());
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let said = notice.as_ref().map(|n| n.say(lang));

    html! {
        <div class="reach-bar no-print">
            <div class="row">
                { for buttons.into_iter().map(|(id, label, onclick)| html! {
                    <button type="button" {id} {onclick}>{ label.text(lang) }</button>
                }) }
                <input type="file" id="session-file" accept=".json,application/json" hidden=true ref={picker} onchange={picked} />
            </div>
            if let Some((class, text, link)) = said {
                <div class={classes!("notice", class)} id="reach-notice" role="status">{ text }
                    if let Some(link) = link { <input type="text" id="share-link" readonly=true value={link} aria-label={ReachMsg::Share.text(lang)} /> }
                </div>
            }
            if *dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ ReachMsg::DropHere.text(lang) }</p></div>
            }
        </div>
    }
}
