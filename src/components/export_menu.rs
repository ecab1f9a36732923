//! The bar under the header that takes the work away and brings it back: save
//! and open a session file (picked, or dropped anywhere on the page).
//!
//! A file that cannot be read is refused with the core's located message
//! (line and column, or the field), and nothing of the current session is
//! touched; a good file replaces the session through
//! [`Action::ImportSession`], which keeps the old one for undo.

use std::cell::Cell;
use std::rc::Rc;

use gapcast_core::session::{Session, SessionError};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::browser;
use crate::components::share::{reason, then};
use crate::hooks::{use_app, AppHandle};
use crate::i18n::{Lang, ReachMsg};
use crate::state::Action;

/// What the bar last did, said in the page's current language.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Opened(String),
    Refused(String, SessionError),
    Unreadable(String, String),
    NotJson(String),
}

impl Notice {
    fn view(&self, lang: Lang) -> Html {
        let (class, text) = match self {
            Notice::Opened(file) => ("sev-green", format!("{}：{file}", ReachMsg::Opened.text(lang))),
            Notice::Refused(file, e) => {
                let why = match lang {
                    Lang::Zh => e.message_zh(),
                    Lang::En => e.to_string(),
                };
                ("sev-red", format!("{} {file}：{why}", ReachMsg::NotOpened.text(lang)))
            }
            Notice::Unreadable(file, why) => ("sev-red", format!("{} {file}：{why}", ReachMsg::NotOpened.text(lang))),
            Notice::NotJson(file) => ("sev-amber", format!("{file}：{}", ReachMsg::NotJson.text(lang))),
        };
        html! { <p class={classes!("notice", class)} id="reach-notice" role="status">{ text }</p> }
    }
}

/// Asks before a session from outside replaces figures the user already has.
pub(crate) fn confirm_replace(lang: Lang, has_figures: bool) -> bool {
    !has_figures
        || web_sys::window().and_then(|w| w.confirm_with_message(ReachMsg::ReplaceConfirm.text(lang)).ok()).unwrap_or(false)
}

/// The page's state as the document-level listeners need it: they are set up
/// once, so they read the latest values from here rather than from a stale
/// handle.
#[derive(Clone, Copy, Default)]
struct Now {
    lang: Lang,
    has_figures: bool,
}

/// Reads `file` as a session and imports it, or says why not.
fn open_file(file: web_sys::File, app: AppHandle, now: Now, notice: UseStateHandle<Option<Notice>>) {
    let name = file.name();
    let failed = {
        let (notice, name) = (notice.clone(), name.clone());
        move |e| notice.set(Some(Notice::Unreadable(name, reason(&e))))
    };
    then(
        &file.text().into(),
        move |text| match Session::from_json(&text.as_string().unwrap_or_default()) {
            Ok(session) => {
                if confirm_replace(now.lang, now.has_figures) {
                    app.dispatch(Action::ImportSession(Box::new(session)));
                    notice.set(Some(Notice::Opened(name)));
                }
            }
            Err(e) => notice.set(Some(Notice::Refused(name, e))),
        },
        failed,
    );
}

fn dropped_file(e: &DragEvent) -> Option<web_sys::File> {
    e.data_transfer()?.files()?.get(0)
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
    let now = use_mut_ref(Now::default);
    *now.borrow_mut() = Now { lang, has_figures: !app.session.raw.trim().is_empty() };

    // Dropping a file anywhere on the page opens it, unless a part of the page
    // took the drop first (a drop zone of its own calls preventDefault).
    {
        let (app, notice, dragging, now) = (app.clone(), notice.clone(), dragging.clone(), now.clone());
        use_effect_with((), move |_| {
            let depth = Rc::new(Cell::new(0i32));
            let listen = |kind: &'static str, f: Box<dyn Fn(DragEvent)>| (kind, Closure::<dyn Fn(DragEvent)>::new(f));
            let enter_leave = |step: i32| {
                let (depth, dragging) = (depth.clone(), dragging.clone());
                Box::new(move |e: DragEvent| {
                    if carries_files(&e) {
                        depth.set((depth.get() + step).max(0));
                        dragging.set(depth.get() > 0);
                    }
                }) as Box<dyn Fn(DragEvent)>
            };
            let on_drop = {
                let (depth, dragging) = (depth.clone(), dragging.clone());
                Box::new(move |e: DragEvent| {
                    depth.set(0);
                    dragging.set(false);
                    if e.default_prevented() {
                        return;
                    }
                    let Some(file) = dropped_file(&e) else { return };
                    e.prevent_default();
                    if file.name().to_lowercase().ends_with(".json") || file.type_() == "application/json" {
                        open_file(file, app.clone(), *now.borrow(), notice.clone());
                    } else {
                        notice.set(Some(Notice::NotJson(file.name())));
                    }
                }) as Box<dyn Fn(DragEvent)>
            };
            // Allowing the drop: without this the browser opens the file itself.
            let on_over = Box::new(|e: DragEvent| {
                if carries_files(&e) && !e.default_prevented() {
                    e.prevent_default();
                }
            }) as Box<dyn Fn(DragEvent)>;
            let listeners =
                [listen("dragenter", enter_leave(1)), listen("dragleave", enter_leave(-1)), listen("dragover", on_over), listen("drop", on_drop)];
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(doc) = &document {
                for (kind, f) in &listeners {
                    let _ = doc.add_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(doc) = document {
                    for (kind, f) in &listeners {
                        let _ = doc.remove_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
                    }
                }
            }
        });
    }

    let save = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("gapcast-session-{}.json", app.clock_year);
            browser::download(&name, "application/json", &app.session.to_json());
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
    let picked = {
        let (app, notice, now) = (app.clone(), notice.clone(), now.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file, app.clone(), *now.borrow(), notice.clone());
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };

    html! {
        <div class="reach-bar no-print">
            <div class="row">
                <button type="button" id="save-session" onclick={save} title={ReachMsg::SaveSessionHint.text(lang)}>{ ReachMsg::SaveSession.text(lang) }</button>
                <button type="button" id="open-session" onclick={pick} title={ReachMsg::OpenSessionHint.text(lang)}>{ ReachMsg::OpenSession.text(lang) }</button>
                <input type="file" id="session-file" accept=".json,application/json" hidden=true ref={picker} onchange={picked} />
            </div>
            { for notice.as_ref().map(|n| n.view(lang)) }
            if *dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ ReachMsg::DropHere.text(lang) }</p></div>
            }
        </div>
    }
}
