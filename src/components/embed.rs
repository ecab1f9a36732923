//! The embedded view: the page inside an intranet page's iframe, opened with
//! `#embed&plan=children&domain=儿童与健康&ids=C-HEALTH-01,C-HEALTH-02&lang=zh`.
//! A compact summary and table of the chosen indicators, no paste box, in
//! one component with its own state (never restored nor saved).
//!
//! The host talks to it with `postMessage`: the page says
//! `{type: "gapcast:ready"}` once it listens; the host sends
//! `{type: "gapcast:figures", text}` (the same text a user would paste) and
//! gets `{type: "gapcast:assessment", assessments: [...]}` back for the shown
//! indicators; `{type: "gapcast:height", height}` follows every change of the
//! page's size so the host can size the iframe. A host tracking another plan
//! sends `{type: "gapcast:catalog", text, name?, beside?}` first (a catalog file
//! in the format of `seeds/`) and gets `{type: "gapcast:catalog-loaded", indicators,
//! issues}` back. Messages are taken only from
//! the parent window. Across `file://` every frame's origin is `null`, so
//! replies go to the parent with the target origin `*`; that is safe because
//! the embedded page holds only what the host itself sent: it neither reads
//! the user's saved session nor saves anything.

use gapcast_core::assess::{Assessment, Severity, Status};
use gapcast_core::export;
use gapcast_core::session::{CatalogFile, CatalogMode, Session};
use gapcast_core::share::{parse_fragment, EmbedOptions, Fragment};
use serde::Serialize;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use yew::prelude::*;

use crate::browser;
use crate::components::report::{badge, latest};
use crate::components::share::{call, construct};
use crate::components::status_badge::{severity_class, severity_icon};
use crate::i18n::{Lang, Msg, ReachMsg};
use crate::state::{Action, State};

/// The embed options of the page's address, if it asks for the embedded view.
pub fn requested() -> Option<EmbedOptions> {
    let hash = web_sys::window()?.location().hash().ok()?;
    match parse_fragment(&hash) {
        Fragment::Embed(options) => Some(options),
        _ => None,
    }
}

/// What the host gets back for one indicator: the fields a host page shows,
/// under METHODS.md's names.
#[derive(Serialize)]
struct Brief<'a> {
    id: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    status: Status,
    severity: Severity,
    latest_year: Option<i32>,
    latest_value: Option<f64>,
    gap: Option<f64>,
    target_year: i32,
    projected_at_target: Option<f64>,
    lower_at_target: Option<f64>,
    upper_at_target: Option<f64>,
    probability: Option<f64>,
    warnings: Vec<&'a str>,
}

impl<'a> From<&'a Assessment> for Brief<'a> {
    fn from(a: &'a Assessment) -> Self {
        let at = a.projection_at_target.as_ref();
        Brief {
            id: &a.id,
            name_zh: &a.name_zh,
            name_en: &a.name_en,
            status: a.status,
            severity: a.severity,
            latest_year: a.latest_year,
            latest_value: a.latest_value,
            gap: a.gap,
            target_year: a.target.year,
            projected_at_target: at.and_then(|p| p.value),
            lower_at_target: at.and_then(|p| p.lower),
            upper_at_target: at.and_then(|p| p.upper),
            probability: a.probability,
            warnings: a.warnings.iter().map(|w| w.code.as_str()).collect(),
        }
    }
}

/// Posts `message` (JSON text) to the parent window, if there is one.
fn post(message: &str) {
    let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
    if let (Some(parent), Ok(value)) = (parent, js_sys::JSON::parse(message)) {
        let _ = parent.post_message(&value, "*");
    }
}

/// The indicators the options show, in plan order.
fn shown<'a>(state: &'a State, options: &'a EmbedOptions) -> impl Iterator<Item = &'a Assessment> {
    state.evaluation.assessments.iter().filter(|a| options.shows(a.plan, &a.domain, &a.id))
}

#[derive(Properties, PartialEq)]
pub struct EmbedAppProps {
    pub options: EmbedOptions,
}

/// The root of the embedded page: its own state, never restored nor saved.
#[component]
pub fn EmbedApp(props: &EmbedAppProps) -> Html {
    let options = props.options.clone();
    let state = use_reducer(|| {
        let year = browser::clock_year();
        let mut session = Session::new(year);
        session.lang = options.lang.unwrap_or_default();
        State::new(session, year)
    });
    // Whether the host is owed an answer for figures it sent.
    let owed = use_mut_ref(|| false);

    // Figures from the parent window only; then say the page is ready.
    {
        let (state, owed) = (state.clone(), owed.clone());
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let parent: Option<JsValue> = window.as_ref().and_then(|w| w.parent().ok().flatten()).map(Into::into);
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED);
                let from_parent = parent.as_ref().is_some_and(|p| js_sys::Object::is(&get(&e, "source"), p));
                let data = get(&e, "data");
                let (kind, text) = (get(&data, "type").as_string(), get(&data, "text").as_string());
                let (Some(kind), Some(text), true) = (kind, text, from_parent) else { return };
                match kind.as_str() {
                    "gapcast:figures" => {
                        *owed.borrow_mut() = true;
                        state.dispatch(Action::Paste(text));
                    }
                    // Another district's catalog (or indicators of the host's
                    // own): instead of the plans unless `beside` is true.
                    "gapcast:catalog" => {
                        let name = get(&data, "name").as_string().unwrap_or_else(|| "catalog.toml".into());
                        let beside = get(&data, "beside").as_bool() == Some(true);
                        let mode = if beside { CatalogMode::Beside } else { CatalogMode::Instead };
                        state.dispatch(Action::AddCatalog(CatalogFile { name, text: text.into() }, Some(mode)));
                    }
                    _ => {}
                }
            });
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            }
            post(r#"{"type":"gapcast:ready"}"#);
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
                }
            }
        });
    }

    // The answer, once the figures are assessed (a large paste a moment later).
    {
        let (state, owed, options) = (state.clone(), owed.clone(), props.options.clone());
        use_effect_with((state.evaluation.clone(), state.pending), move |(_, pending)| {
            if *pending {
                let run = Closure::once_into_js(move || state.dispatch(Action::Evaluate));
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 0);
                }
            } else if std::mem::take(&mut *owed.borrow_mut()) {
                let briefs: Vec<Brief> = shown(&state, &options).map(Brief::from).collect();
                let assessments = serde_json::to_string(&briefs).unwrap_or_else(|_| "[]".into());
                post(&format!(r#"{{"type":"gapcast:assessment","assessments":{assessments}}}"#));
            }
        });
    }

    // The answer to each catalog sent (the embedded view loads no other):
    // how many indicators are in use, and the file's problems.
    {
        let state = state.clone();
        use_effect_with(state.catalog_loads, move |loads| {
            if *loads > 0 {
                let issues: Vec<String> = state.catalog_issues.iter().map(ToString::to_string).collect();
                let issues = serde_json::to_string(&issues).unwrap_or_else(|_| "[]".into());
                let n = if state.catalog_fell_back { 0 } else { state.catalog.indicators.len() };
                post(&format!(r#"{{"type":"gapcast:catalog-loaded","indicators":{n},"issues":{issues}}}"#));
            }
        });
    }

    // The page's height after every change of size: the height of `#app`,
    // which holds everything shown (the document's own height would never
    // shrink below the iframe's).
    use_effect_with((), |_| {
        let app = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let measured = app.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || {
            if let Some(app) = &measured {
                post(&format!(r#"{{"type":"gapcast:height","height":{}}}"#, app.offset_height()));
            }
        });
        let observer = construct("ResizeObserver", &[on_resize.as_ref().clone()]).ok();
        if let (Some(observer), Some(app)) = (&observer, app) {
            let _ = call(observer, "observe", &[app.into()]);
        }
        move || {
            if let Some(observer) = observer {
                let _ = call(&observer, "disconnect", &[]);
            }
            drop(on_resize);
        }
    });

    let lang = state.lang();
    html! {
        <div class="app embed" lang={lang.tag()}>
            { view(&state, &props.options, lang) }
        </div>
    }
}

/// The compact summary and table of the chosen indicators.
fn view(state: &State, options: &EmbedOptions, lang: Lang) -> Html {
    let list: Vec<&Assessment> = shown(state, options).collect();
    let heading = options.domain.clone().unwrap_or_else(|| Msg::AppName.text(lang).to_string());
    let chips = [
        (Severity::Red, Msg::RedList),
        (Severity::Amber, Msg::AmberList),
        (Severity::Green, Msg::GreenList),
        (Severity::None, Msg::NoneList),
    ]
    .map(|(s, msg)| {
        let n = list.iter().filter(|a| a.severity.bucket() == s).count();
        html! {
            <span class={classes!("chip", severity_class(s))} data-severity={s.key()}>
                <span aria-hidden="true">{ severity_icon(s) }{ " " }</span>{ format!("{} {n}", msg.text(lang)) }
            </span>
        }
    });
    let head = [
        Msg::Indicator.text(lang),
        Msg::Target.text(lang),
        Msg::Latest.text(lang),
        ReachMsg::AtTarget.text(lang),
        Msg::Status.text(lang),
    ];
    let rows = list.iter().filter_map(|a| {
        let r = export::row(state.catalog.get(&a.id)?, a, lang);
        let at = if r.at_target[0].is_empty() { "—".to_string() } else { r.at_target[0].text() };
        Some(html! {
            <tr class={severity_class(a.severity)} data-id={a.id.clone()}>
                <td>{ &r.indicator }</td>
                <td>{ &r.target }</td>
                <td class="num">{ latest(&r) }</td>
                <td class="num">{ at }</td>
                <td>{ badge(a.status, a.status_severity, lang) }</td>
            </tr>
        })
    });
    html! {
        <section class="embed-view" aria-labelledby="embed-title">
            <h2 id="embed-title">{ heading }<small>{ " · Gapcast" }</small></h2>
            if !options.unknown.is_empty() {
                <p class="notice sev-amber" id="embed-unknown">{ format!("{}{}", ReachMsg::EmbedUnknown.text(lang), options.unknown.join(", ")) }</p>
            }
            <div class="chips" id="embed-summary">{ for chips }</div>
            <table class="indicators" id="embed-table">
                <thead><tr>{ for head.into_iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if list.is_empty() {
                <p class="hint">{ ReachMsg::EmbedNothing.text(lang) }</p>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapcast_core::share::parse_fragment;
    use std::rc::Rc;
    use yew::Reducible;

    #[derive(Properties, PartialEq)]
    struct Props {
        hash: String,
        lang: Lang,
    }

    #[component]
    fn Harness(props: &Props) -> Html {
        let Fragment::Embed(options) = parse_fragment(&props.hash) else {
            panic!("{} is not an embed fragment", props.hash)
        };
        let state = Rc::new(State::new(Session::new(2026), 2026)).reduce(Action::LoadDemo);
        view(&state, &options, props.lang)
    }

    async fn check(hash: &str, lang: Lang, rows: &[&str], expected: &[&str]) {
        let props = Props { hash: hash.to_string(), lang };
        let html = yew::LocalServerRenderer::<Harness>::with_props(props).render().await;
        let ids: Vec<&str> = html.split(r#"data-id=""#).skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(ids, rows);
        for text in expected {
            assert!(html.contains(text), "{text} is missing from {html}");
        }
    }

    #[tokio::test]
    async fn the_view_shows_what_the_parameters_ask_for() {
        check(
            "#embed&ids=C-HEALTH-03,C-HEALTH-02",
            Lang::Zh,
            &["C-HEALTH-02", "C-HEALTH-03"],
            &["婴儿死亡率", "4.0 (2024)", "Gapcast 目标监测"],
        )
        .await;
        check(
            "#embed&plan=women&domain=%E5%A6%87%E5%A5%B3%E4%B8%8E%E7%BB%8F%E6%B5%8E&ids=W-ECON-01&lang=en&x=1",
            Lang::En,
            &["W-ECON-01"],
            &["妇女与经济", "Share of women among employed persons", "Embed parameters not understood: x=1"],
        )
        .await;
        check("#embed&plan=women&ids=C-HEALTH-02", Lang::En, &[], &["No indicator matches"]).await;
        // A domain from the address is text, never markup.
        check("#embed&domain=%3Cimg%20src%3Dx%3E", Lang::Zh, &[], &["&lt;img src=x&gt;"]).await;
    }
}
