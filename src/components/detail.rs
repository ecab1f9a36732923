//! The detail view of one indicator, in the wide dialog: its target and status,
//! one plain sentence reading the assessment, the trajectory chart, the what-if
//! control, the key numbers, milestones, and "how this was computed" with every
//! intermediate result. Every number comes from the core: the assessment in
//! the state, `what_if` for the scenario, `chart::input_for` for the drawing and
//! `explain` for the sentences.

use std::rc::Rc;

use gapcast_core::assess::{what_if, Assessment, ProjectionPoint, WhatIfChange};
use gapcast_core::catalog::{Indicator, Plan, Scale};
use gapcast_core::chart::input_for;
use gapcast_core::explain::{self, method_lines, pace_range, sig};
use gapcast_core::format;
use gapcast_core::series::Point;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::chart_view::chart_view;
use crate::components::dialog::Dialog;
use crate::components::status_badge::{severity_class, severity_icon, status_label, StatusBadge};
use crate::components::what_if::{what_if_control, WhatIfView};
use crate::hooks::use_app;
use crate::i18n::{DetailMsg, Lang, Msg};
use crate::state::{Action, Panel};

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: AttrValue,
}

/// "11.4/10万（11.0–11.8）": a projection with its interval.
fn projected(p: Option<&ProjectionPoint>, a: &Assessment, lang: Lang) -> String {
    let Some(v) = p.and_then(|p| p.value) else {
        return "—".to_string();
    };
    let mut s = format::value(v, a.unit, lang);
    if let Some((lo, hi)) = p.and_then(|p| p.lower.zip(p.upper)) {
        s += &format!("（{}–{}）", format::bare(lo, a.unit), format::bare(hi, a.unit));
        if lang == Lang::En {
            s = s.replace('（', " (").replace('）', ")");
        }
    }
    s
}

/// A pace in the unit, with the relative rate beside it on the log scale.
fn pace(change: Option<f64>, rate: Option<f64>, a: &Assessment, lang: Lang) -> String {
    match (change, rate) {
        (Some(c), Some(r)) => {
            format!("{} ({})", format::change_per_year(c, a.unit, lang), format::rate_per_year(r, lang))
        }
        (Some(c), None) => format::change_per_year(c, a.unit, lang),
        (None, Some(r)) => format::rate_per_year(r, lang),
        (None, None) => "—".to_string(),
    }
}

/// The key numbers, each with a stable id for tests and a "—" when it does not apply.
#[inline(never)]
fn numbers(indicator: &Indicator, a: &Assessment, lang: Lang) -> Html {
    let m = |msg: DetailMsg| msg.text(lang);
    let current_rate = (a.scale == Scale::Log).then_some(a.slope).flatten().map(f64::exp_m1);
    let mut rows: Vec<(&'static str, String, String)> = vec![
        (
            "num-latest",
            m(DetailMsg::Latest).to_string(),
            match (a.latest_value, a.latest_year) {
                (Some(v), Some(y)) => format!("{} ({y})", format::value(v, a.unit, lang)),
                _ => "—".to_string(),
            },
        ),
        (
            "num-gap",
            m(DetailMsg::Gap).to_string(),
            a.gap.map(|g| format::value(g, a.unit, lang)).unwrap_or_else(|| "—".into()),
        ),
    ];
    if let Some(p) = &a.projection_mid_term {
        rows.push(("num-mid", format!("{} {}", m(DetailMsg::Projected), p.year), projected(Some(p), a, lang)));
    }
    rows.push((
        "num-target-year",
        format!("{} {}", m(DetailMsg::Projected), indicator.target.year),
        projected(a.projection_at_target.as_ref(), a, lang),
    ));
    rows.push(("num-current", m(DetailMsg::CurrentPace).to_string(), pace(a.annual_change, current_rate, a, lang)));
    if a.target.comparator.is_some() {
        rows.push((
            "num-required",
            m(DetailMsg::RequiredPace).to_string(),
            pace(a.required_annual_change, a.required_annual_rate, a, lang),
        ));
        rows.push((
            "num-ratio",
            m(DetailMsg::ProgressRatio).to_string(),
            a.progress_ratio.map(|r| format::number(r, 2)).unwrap_or_else(|| "—".into()),
        ));
        rows.push((
            "num-probability",
            m(DetailMsg::Probability).to_string(),
            a.probability.map(|p| format::probability(p, lang)).unwrap_or_else(|| "—".into()),
        ));
    }
    if let Some(c) = &a.checkpoint {
        if let Some(path) = c.path_mid_term {
            rows.push((
                "num-glide",
                format!("{} {}", m(DetailMsg::GlidePath), c.mid_term_year),
                format::value(path, a.unit, lang),
            ));
        }
    }
    html! {
        <section class="numbers" aria-labelledby="numbers-title">
            <h3 id="numbers-title">{ m(DetailMsg::Numbers) }</h3>
            <dl id="detail-numbers">
                { for rows.into_iter().map(|(id, label, value)| html! { <div><dt>{ label }</dt><dd id={id}>{ value }</dd></div> }) }
            </dl>
        </section>
    }
}

/// A table from strings: the first cell of each row is its header. One
/// `html!` site serves every table of the detail view, which keeps the page
/// small (each `html!` element costs code in the wasm).
pub fn table(class: &'static str, caption: Option<String>, head: Vec<String>, rows: Vec<Vec<String>>) -> Html {
    html! {
        <table class={class}>
            if let Some(c) = caption { <caption>{ c }</caption> }
            <thead><tr>{ for head.into_iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
            <tbody>
                { for rows.into_iter().map(|row| {
                    let mut cells = row.into_iter();
                    let first = cells.next().unwrap_or_default();
                    html! { <tr><th scope="row">{ first }</th>{ for cells.map(|c| html! { <td>{ c }</td> }) }</tr> }
                }) }
            </tbody>
        </table>
    }
}

/// Each milestone: its target, the trend's projection and status.
#[inline(never)]
fn milestones(a: &Assessment, lang: Lang) -> Html {
    if a.milestones.is_empty() {
        return html! {};
    }
    let m = |msg: DetailMsg| msg.text(lang).to_string();
    let head =
        vec![m(DetailMsg::MilestoneYear), m(DetailMsg::Target), m(DetailMsg::MilestoneProjected), m(DetailMsg::Status)];
    let rows = a
        .milestones
        .iter()
        .map(|ms| {
            let p = ProjectionPoint { year: ms.year, value: ms.projected, lower: ms.lower, upper: ms.upper };
            vec![
                ms.year.to_string(),
                format!("{} {}", ms.comparator.symbol(), format::value(ms.value, a.unit, lang)),
                projected(Some(&p), a, lang),
                format!("{} {}", severity_icon(ms.status.severity()), status_label(ms.status, lang)),
            ]
        })
        .collect();
    html! {
        <section class="milestones" id="detail-milestones">
            <h3>{ m(DetailMsg::Milestones) }</h3>
            { table("compact", None, head, rows) }
        </section>
    }
}

/// "How this was computed": the method lines and the points as fitted.
#[inline(never)]
fn method(a: &Assessment, lang: Lang) -> Html {
    let m = |msg: DetailMsg| msg.text(lang).to_string();
    let opt = |v: Option<f64>| v.map(sig).unwrap_or_else(|| "—".to_string());
    let lines = method_lines(a, lang).into_iter().map(|l| vec![l.label, l.formula, l.value]).collect();
    let clamped = a.explain.points.iter().any(|p| p.value != p.value_used);
    let mut head = vec![m(DetailMsg::Year), "y".to_string()];
    if clamped {
        head.push(m(DetailMsg::ValueUsed));
    }
    head.extend(["g(y)", "ĝ", "ŷ"].map(String::from));
    head.extend([DetailMsg::ResidualG, DetailMsg::Leverage, DetailMsg::Studentized].map(m));
    let points = a
        .explain
        .points
        .iter()
        .map(|p| {
            let mut row = vec![p.year.to_string(), format::bare(p.value, a.unit)];
            if clamped {
                row.push(format::bare(p.value_used, a.unit));
            }
            row.extend([
                sig(p.g),
                opt(p.fitted_g),
                p.fitted.map(|v| format::bare(v, a.unit)).unwrap_or_else(|| "—".into()),
            ]);
            row.extend([opt(p.residual_g), opt(p.leverage), opt(p.studentized)]);
            row
        })
        .collect::<Vec<_>>();
    html! {
        <details class="method" id="detail-method">
            <summary>{ m(DetailMsg::HowComputed) }</summary>
            { table("compact method-lines", None, vec![m(DetailMsg::Quantity), m(DetailMsg::Formula), m(DetailMsg::ResultCol)], lines) }
            if !points.is_empty() {
                { table("compact method-points", Some(m(DetailMsg::PointsTitle)), head, points) }
            }
            <p class="hint">{ m(DetailMsg::MethodsNote) }</p>
        </details>
    }
}

#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let m = |msg: DetailMsg| msg.text(lang);
    let id = props.id.to_string();
    // A scenario being moved lives here and redraws only this view; the
    // session (and so the whole page and the autosave) takes it once it
    // settles, which keeps a slider step well inside a frame. One still
    // moving when the view closes is saved then.
    let moving = use_state(|| None::<Option<WhatIfChange>>);
    let pending = use_mut_ref(|| None::<Option<WhatIfChange>>);
    let draft = use_state(|| None::<String>);
    {
        let (app, id, pending) = (app.clone(), id.clone(), pending.clone());
        use_effect_with((), move |_| {
            move || {
                if let Some(change) = pending.borrow_mut().take() {
                    app.dispatch(Action::SetScenario { id, change });
                }
            }
        });
    }
    let on_close = {
        let app = app.clone();
        Callback::from(move |()| app.dispatch(Action::Open(Panel::None)))
    };

    let (Some(indicator), Some(a)) = (app.catalog.get(&id), app.evaluation.assessment(&id)) else {
        return html! {
            <Dialog title={id.clone()} id="detail" wide=true {on_close}>
                <p class="detail" data-id={id}>{ m(DetailMsg::UnknownIndicator) }</p>
            </Dialog>
        };
    };
    // Figures are matched like the assessment matches them: by id, else by the shared key.
    let figures = &app.evaluation.figures;
    let points: &[Point] = figures
        .series_for(&id)
        .or_else(|| figures.series_for(indicator.figures_key()))
        .map_or(&[], |s| s.points.as_slice());
    let settings = &app.session.settings;
    let stored = app.session.scenarios.get(&id).copied();
    let shown = (*moving).unwrap_or(stored);
    let scenario = shown.map(|change| Rc::new(what_if(indicator, points, settings, change)));
    let chart_input = input_for(indicator, points, a, scenario.as_deref(), settings.base_year);
    let reading = explain::reading(indicator, a, lang);
    let scenario_reading =
        scenario.as_deref().map(|w| explain::what_if_reading(indicator, w, lang)).unwrap_or_default();
    let range = pace_range(a, shown);
    let disabled = a.latest_year.is_none_or(|y| y >= indicator.target.year)
        || a.status == gapcast_core::assess::Status::NotAssessed && a.n_points == 0;

    let on_move = {
        let (moving, pending) = (moving.clone(), pending.clone());
        Callback::from(move |change: Option<WhatIfChange>| {
            *pending.borrow_mut() = Some(change);
            moving.set(Some(change));
        })
    };
    let on_commit = {
        let (app, id, moving, pending) = (app.clone(), id.clone(), moving.clone(), pending.clone());
        Callback::from(move |change: Option<WhatIfChange>| {
            *pending.borrow_mut() = None;
            moving.set(None);
            app.dispatch(Action::SetScenario { id: id.clone(), change });
        })
    };
    let chosen_scale = settings.scale_by_indicator.get(&id).copied();
    let on_scale = {
        let (app, id) = (app.clone(), id.clone());
        Callback::from(move |e: Event| {
            let scale = Scale::from_key(&e.target_unchecked_into::<HtmlSelectElement>().value());
            app.dispatch(Action::SetScale { id: id.clone(), scale });
        })
    };
    let scale_name = |s: Scale| match s {
        Scale::Linear => m(DetailMsg::ScaleLinear),
        Scale::Log => m(DetailMsg::ScaleLog),
        Scale::Logit => m(DetailMsg::ScaleLogit),
    };
    let plan = match indicator.plan {
        Plan::Women => Msg::PlanWomenShort.text(lang),
        Plan::Children => Msg::PlanChildrenShort.text(lang),
    };
    let title = lang.pick(&indicator.name_zh, &indicator.name_en).to_string();

    html! {
        <Dialog {title} id="detail" wide=true {on_close}>
            <div class="detail" data-id={id.clone()}>
                <div class="detail-meta row">
                    <StatusBadge status={a.status} severity={a.status_severity} />
                    <span>{ m(DetailMsg::Target) }{ lang.pick("：", ": ") }<strong id="detail-target">{ format::target(&indicator.target, indicator.unit, lang) }</strong></span>
                    <span class="hint">{ format!("{plan} · {} · {id}", gapcast_core::format::domain(&indicator.domain, lang)) }</span>
                </div>
                <p class="verdict" id="detail-verdict"><strong>{ gapcast_core::verdict::verdict(indicator, a, lang) }</strong></p>
                <p class="reading" id="detail-reading">{ reading.clone() }</p>
                if !a.warnings.is_empty() {
                    <ul class="detail-warnings" aria-label={m(DetailMsg::Warnings)}>
                        { for a.warnings.iter().map(|w| html! {
                            <li><span class={classes!("tag", severity_class(w.severity))}>{ gapcast_core::format::warning_label(w.kind, lang) }</span>{ " " }{ lang.pick(&w.message_zh, &w.message_en).to_string() }</li>
                        }) }
                    </ul>
                }
                <div class="detail-grid">
                    <div class="detail-main">
                        { chart_view(&chart_input, indicator.unit, a.level, &reading, lang) }
                        <label class="scale-select">
                            { m(DetailMsg::ScaleLabel) }
                            <select id="detail-scale" onchange={on_scale}>
                                <option value="auto" selected={chosen_scale.is_none()}>{ m(DetailMsg::ScaleAuto) }</option>
                                { for [Scale::Linear, Scale::Log, Scale::Logit].into_iter().map(|s| html! {
                                    <option value={s.key()} selected={chosen_scale == Some(s)}>{ scale_name(s) }</option>
                                }) }
                            </select>
                            <span class="hint">{ format!("{}{}", m(DetailMsg::ScaleInUse), lang.pick("：", ": ")) }{ scale_name(a.scale) }</span>
                        </label>
                        { numbers(indicator, a, lang) }
                    </div>
                    <div class="detail-side">
                        { what_if_control(&WhatIfView { range, unit: indicator.unit, scenario: shown, result: scenario, reading: scenario_reading.into(),
                            disabled, on_change: on_move, on_commit }, &draft, lang) }
                    </div>
                </div>
                { milestones(a, lang) }
                { method(a, lang) }
                { crate::components::goal_row::plan_words(indicator, lang) }
            </div>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hooks::AppHandle;
    use crate::state::State;
    use gapcast_core::catalog::builtin;
    use gapcast_core::session::Session;
    use yew::Reducible;

    #[derive(Properties, PartialEq)]
    struct HarnessProps {
        id: AttrValue,
        lang: Lang,
        demo: bool,
        scenario: Option<WhatIfChange>,
    }

    /// The app's context around one detail view, as `App` provides it.
    #[component]
    fn Harness(props: &HarnessProps) -> Html {
        let (id, lang, demo, scenario) = (props.id.to_string(), props.lang, props.demo, props.scenario);
        let state: AppHandle = use_reducer(move || {
            let mut s = Rc::new(State::new(Session::new(2026), 2026));
            for action in [
                demo.then_some(Action::LoadDemo),
                Some(Action::SetLang(lang)),
                Some(Action::SetScenario { id: id.clone(), change: scenario }),
            ]
            .into_iter()
            .flatten()
            {
                s = s.reduce(action);
            }
            (*s).clone()
        });
        html! {
            <ContextProvider<AppHandle> context={state}>
                <Detail id={props.id.clone()} />
            </ContextProvider<AppHandle>>
        }
    }

    /// One helper: the detail view of `id` rendered on the server.
    async fn render(id: &str, lang: Lang, demo: bool, scenario: Option<WhatIfChange>) -> String {
        let props = HarnessProps { id: id.to_string().into(), lang, demo, scenario };
        yew::LocalServerRenderer::<Harness>::with_props(props).render().await
    }

    /// Whether `word` stands alone in `text` ("inf", not "infected").
    fn has_word(text: &str, word: &str) -> bool {
        text.match_indices(word).any(|(i, _)| {
            let before = text[..i].chars().next_back().is_some_and(char::is_alphabetic);
            let after = text[i + word.len()..].chars().next().is_some_and(char::is_alphabetic);
            !before && !after
        })
    }

    #[tokio::test]
    async fn every_indicator_renders_in_both_languages_with_and_without_a_scenario() {
        let catalog = builtin();
        for indicator in &catalog.indicators {
            for (lang, demo, scenario) in [
                (Lang::Zh, true, None),
                (Lang::En, true, Some(WhatIfChange::RequiredPace)),
                (Lang::Zh, true, Some(WhatIfChange::UnitsPerYear(1.0))),
                (Lang::Zh, false, Some(WhatIfChange::PercentPerYear(-3.0))),
            ] {
                let html = render(&indicator.id, lang, demo, scenario).await;
                let context = format!("{} {lang:?} demo={demo} {scenario:?}", indicator.id);
                assert!(html.contains(&format!(r#"data-id="{}""#, indicator.id)), "{context}");
                assert!(html.contains(r#"id="detail-reading""#) && html.contains(r#"id="detail-chart""#), "{context}");
                assert!(!html.contains("NaN") && !has_word(&html, "inf"), "{context}: a number that is not one");
            }
        }
    }

    #[tokio::test]
    async fn maternal_mortality_reads_its_numbers_and_its_scenario() {
        let html = render("W-HEALTH-02", Lang::Zh, true, Some(WhatIfChange::RequiredPace)).await;
        for expected in [
            "按当前趋势，2030年预计为 11.4/10万（80%区间 11.0–11.8），达标概率 &lt; 1%",
            r#"id="whatif-end">7.5/10万<"#,
            r#"data-met="true""#,
            r#"class="pt pt-observed""#,
            r#"class="target""#,
            "a = 82.92, b = -0.03965",
        ] {
            assert!(html.contains(expected), "{expected} missing");
        }
        let unknown = render("X-NOPE-1", Lang::Zh, true, None).await;
        assert!(unknown.contains(DetailMsg::UnknownIndicator.text(Lang::Zh)));
    }
}
