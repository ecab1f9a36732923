//! The indicator table: every catalog indicator with its target, latest value,
//! gap, projections, pace, status, warnings and a sparkline; filtered, sorted
//! and searched. Indicators without figures stay listed, quietly, with their
//! target. A name opens the indicator's detail view.
//!
//! Rows are drawn in blocks, one block per idle moment after the page has
//! started (each block is a component of its own, so drawing one re-renders
//! none of the others). The table starts below the first screen, so the
//! app's first render, itself one task, draws none. Drawing all 184 rows at
//! once held the main thread for over 200 ms after the first paint; a block
//! takes a fraction of the 50 ms that keeps the page answering. All rows are
//! there about half a second after the page opens, so the browser's find,
//! copying and keyboard order (rows are only ever appended, in order) see
//! every row; printing draws any rows still missing first (`beforeprint`).

use gapcast_core::assess::{Assessment, ProjectionPoint, Severity, Status, WarningKind};
use gapcast_core::catalog::{Indicator, Plan};
use gapcast_core::chart::sparkline;
use gapcast_core::verdict::verdict;
use gapcast_core::{explain, format, sort};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::status_badge::{severity_class, StatusBadge};
use crate::hooks::use_app;
use crate::i18n::{Lang, Msg};
use crate::state::{Action, Filter, Panel, SortKey, State};

/// Rows drawn in each block: a screenful, and few enough that a block is
/// drawn well within 50 ms.
const BLOCK_ROWS: usize = 12;

/// Every warning kind, in the order the filter lists them.
const WARNING_KINDS: [WarningKind; 11] = [
    WarningKind::Volatile,
    WarningKind::SmallNumbers,
    WarningKind::Outlier,
    WarningKind::AtRisk,
    WarningKind::MilestoneMissed,
    WarningKind::UnitSuspect,
    WarningKind::Implausible,
    WarningKind::Stale,
    WarningKind::Clamped,
    WarningKind::ScaleFallback,
    WarningKind::InvalidValue,
];

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Red => 0,
        Severity::Amber => 1,
        Severity::Green => 2,
        Severity::Info => 3,
        Severity::None => 4,
    }
}

fn matches(filter: &Filter, indicator: &Indicator, a: &Assessment) -> bool {
    let search = filter.search.trim().to_ascii_lowercase();
    filter.plan.is_none_or(|p| p == a.plan)
        && filter.domain.as_ref().is_none_or(|d| *d == a.domain)
        && filter.status.is_none_or(|s| s == a.status)
        && filter.severity.is_none_or(|s| s == a.severity.bucket())
        && filter.warning.is_none_or(|k| a.warnings.iter().any(|w| w.kind == k))
        && (search.is_empty()
            || indicator.id.to_ascii_lowercase().contains(&search)
            || indicator.name_zh.contains(search.as_str())
            || indicator.name_en.to_ascii_lowercase().contains(&search)
            || indicator.aliases.iter().any(|alias| alias.contains(search.as_str())))
}

/// The rows to show, in order, as indices into the catalog (and its assessments).
fn rows(state: &State) -> Vec<usize> {
    let mut rows: Vec<_> = state
        .catalog
        .indicators
        .iter()
        .zip(&state.evaluation.assessments)
        .enumerate()
        .filter(|(_, (i, a))| matches(&state.filter, i, a))
        .map(|(k, (i, a))| (k, i, a))
        .collect();
    match state.sort {
        SortKey::Catalog => {}
        SortKey::Severity => sort::sort_by_key(&mut rows, |(_, _, a)| (severity_rank(a.severity), a.n_points == 0)),
        // Furthest still to go first, relative to the target's size so that
        // units compare; met ones (gap ≤ 0) after, those without a gap last.
        SortKey::Gap => sort::sort_by(&mut rows, |(_, _, x), (_, _, y)| {
            let key = |a: &Assessment| a.gap_relative.unwrap_or(f64::NEG_INFINITY);
            key(y).total_cmp(&key(x))
        }),
        SortKey::Name => sort::sort_by(&mut rows, |(_, x, _), (_, y, _)| x.name_zh.cmp(&y.name_zh)),
    }
    rows.into_iter().map(|(k, _, _)| k).collect()
}

/// Runs `f` when the browser is next idle (`requestIdleCallback`), or in the
/// next task where that is missing (Safari before 18.2).
fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let f = Closure::once_into_js(f);
    if window.request_idle_callback(f.unchecked_ref()).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
    }
}

fn projection_cell(p: Option<&ProjectionPoint>, a: &Assessment, lang: Lang) -> Html {
    let Some(p) = p else { return html! { <span class="quiet">{ "—" }</span> } };
    let Some(v) = p.value else { return html! { <span class="quiet">{ "—" }</span> } };
    html! {
        <>
            <span class="value">{ format::bare(v, a.unit) }</span>
            if let (Some(lo), Some(hi)) = (p.lower, p.upper) {
                <span class="interval" title={format!("{:.0}% {}", a.level * 100.0, Msg::Interval.text(lang))}>
                    { format!("{}–{}", format::bare(lo, a.unit), format::bare(hi, a.unit)) }
                </span>
            }
        </>
    }
}

#[component]
pub fn IndicatorTable() -> Html {
    let app = use_app();
    let lang = app.lang();
    let shown = Rc::new(rows(&app));
    let total = app.catalog.indicators.len();

    // How many rows are drawn: none with the page's first render, then a block
    // more at each idle moment until every row is there (never taken away).
    let drawn = use_state_eq(|| 0);
    {
        let drawn = drawn.clone();
        let missing = *drawn < shown.len();
        use_effect_with((*drawn, missing), move |&(n, missing)| {
            if missing {
                when_idle(move || drawn.set(n.saturating_add(BLOCK_ROWS)));
            }
        });
    }
    // Printing the page draws whatever is still missing first.
    {
        let drawn = drawn.clone();
        use_effect_with((), move |_| {
            let all = Closure::<dyn Fn()>::new(move || drawn.set(usize::MAX));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("beforeprint", all.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("beforeprint", all.as_ref().unchecked_ref());
                }
            }
        });
    }

    let set_filter = |change: fn(&mut Filter, String)| {
        let app = app.clone();
        move |value: String| {
            let mut f = app.filter.clone();
            change(&mut f, value);
            app.dispatch(Action::SetFilter(f));
        }
    };
    let select_cb = |apply: Box<dyn Fn(String)>| {
        Callback::from(move |e: Event| apply(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_plan = select_cb(Box::new(set_filter(|f, v| {
        f.plan = match v.as_str() {
            "women" => Some(Plan::Women),
            "children" => Some(Plan::Children),
            _ => None,
        };
        f.domain = None;
    })));
    let on_domain = select_cb(Box::new(set_filter(|f, v| f.domain = (!v.is_empty()).then_some(v))));
    let on_status = select_cb(Box::new(set_filter(|f, v| f.status = Status::ALL.into_iter().find(|s| s.key() == v))));
    let on_warning =
        select_cb(Box::new(set_filter(|f, v| f.warning = WARNING_KINDS.into_iter().find(|k| k.key() == v))));
    let on_search = {
        let apply = set_filter(|f, v| f.search = v);
        Callback::from(move |e: InputEvent| apply(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_sort = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let sort = match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "gap" => SortKey::Gap,
                "name" => SortKey::Name,
                "catalog" => SortKey::Catalog,
                _ => SortKey::Severity,
            };
            app.dispatch(Action::SetSort(sort));
        })
    };
    let reset = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetFilter(Filter::default())))
    };

    let mut domains: Vec<&str> = Vec::new();
    for i in app.catalog.indicators.iter().filter(|i| app.filter.plan.is_none_or(|p| p == i.plan)) {
        if !domains.contains(&i.domain.as_str()) {
            domains.push(&i.domain);
        }
    }
    let f = &app.filter;
    // The plans set every target for 2030; a catalog with other years says so.
    let first_year = app.catalog.indicators.first().map_or(2030, |i| i.target.year);
    let target_years = if app.catalog.indicators.iter().all(|i| i.target.year == first_year) {
        first_year.to_string()
    } else {
        Msg::TargetYear.text(lang).to_string()
    };

    let blocks = (0..shown.len().min(*drawn)).step_by(BLOCK_ROWS).map(|start| {
        let end = (start + BLOCK_ROWS).min(shown.len());
        html! { <RowBlock key={start} rows={shown.clone()} {start} {end} /> }
    });

    html! {
        <section class="panel table-panel" aria-labelledby="table-title">
            <h2 id="table-title" class="visually-hidden">{ Msg::Indicator.text(lang) }</h2>
            <div class="filters row" role="search">
                <label>{ Msg::FilterPlan.text(lang) }
                    <select id="filter-plan" onchange={on_plan}>
                        <option value="" selected={f.plan.is_none()}>{ Msg::All.text(lang) }</option>
                        <option value="women" selected={f.plan == Some(Plan::Women)}>{ Msg::PlanWomenShort.text(lang) }</option>
                        <option value="children" selected={f.plan == Some(Plan::Children)}>{ Msg::PlanChildrenShort.text(lang) }</option>
                    </select>
                </label>
                <label>{ Msg::FilterDomain.text(lang) }
                    <select id="filter-domain" onchange={on_domain}>
                        <option value="" selected={f.domain.is_none()}>{ Msg::All.text(lang) }</option>
                        { for domains.iter().map(|d| html! { <option value={d.to_string()} selected={f.domain.as_deref() == Some(*d)}>{ format::domain(d, lang).to_string() }</option> }) }
                    </select>
                </label>
                <label>{ Msg::FilterStatus.text(lang) }
                    <select id="filter-status" onchange={on_status}>
                        <option value="" selected={f.status.is_none()}>{ Msg::All.text(lang) }</option>
                        { for Status::ALL.iter().map(|s| html! {
                            <option value={s.key()} selected={f.status == Some(*s)}>{ lang.pick(s.label_zh(), s.label_en()) }</option>
                        }) }
                    </select>
                </label>
                <label>{ Msg::FilterWarning.text(lang) }
                    <select id="filter-warning" onchange={on_warning}>
                        <option value="" selected={f.warning.is_none()}>{ Msg::All.text(lang) }</option>
                        { for WARNING_KINDS.iter().map(|k| html! {
                            <option value={k.key()} selected={f.warning == Some(*k)}>{ format::warning_label(*k, lang) }</option>
                        }) }
                    </select>
                </label>
                <input id="search" type="search" placeholder={Msg::Search.text(lang)} aria-label={Msg::Search.text(lang)}
                    value={f.search.clone()} oninput={on_search} />
                <label>{ Msg::SortBy.text(lang) }
                    <select id="sort" onchange={on_sort}>
                        <option value="severity" selected={app.sort == SortKey::Severity}>{ Msg::SortSeverity.text(lang) }</option>
                        <option value="gap" selected={app.sort == SortKey::Gap}>{ Msg::SortGap.text(lang) }</option>
                        <option value="name" selected={app.sort == SortKey::Name}>{ Msg::SortName.text(lang) }</option>
                        <option value="catalog" selected={app.sort == SortKey::Catalog}>{ Msg::SortCatalog.text(lang) }</option>
                    </select>
                </label>
                <span class="hint" id="shown-count">{ format!("{} {} {} {total}", Msg::Shown.text(lang), shown.len(), Msg::Of.text(lang)) }</span>
                if !f.is_empty() {
                    <button type="button" class="small" onclick={reset.clone()}>{ Msg::ResetFilters.text(lang) }</button>
                }
            </div>
            <div class="table-scroll">
                // Busy while blocks of rows are still to come (the browser tests wait for it).
                <table class="indicators" id="indicator-table" aria-busy={(shown.len() > *drawn).to_string()}>
                    <thead><tr>
                        <th scope="col">{ Msg::Domain.text(lang) }</th>
                        <th scope="col">{ Msg::Indicator.text(lang) }</th>
                        <th scope="col">{ Msg::Target.text(lang) }</th>
                        <th scope="col">{ Msg::Latest.text(lang) }</th>
                        <th scope="col">{ Msg::Gap.text(lang) }</th>
                        <th scope="col">{ format!("{} {}", Msg::Projected.text(lang), app.session.settings.mid_term_year) }</th>
                        <th scope="col">{ format!("{} {}", Msg::Projected.text(lang), target_years) }</th>
                        <th scope="col">{ Msg::Pace.text(lang) }</th>
                        <th scope="col">{ Msg::Status.text(lang) }</th>
                        <th scope="col">{ Msg::WarningsCol.text(lang) }</th>
                        <th scope="col">{ Msg::Trend.text(lang) }</th>
                    </tr></thead>
                    <tbody>{ for blocks }</tbody>
                </table>
                if shown.is_empty() {
                    <p class="hint empty">{ Msg::NothingMatches.text(lang) }{ " " }
                        <button type="button" class="small" onclick={reset}>{ Msg::ResetFilters.text(lang) }</button></p>
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowBlockProps {
    /// The shown rows, in order (indices into the catalog).
    rows: Rc<Vec<usize>>,
    /// This block's part of them.
    start: usize,
    end: usize,
}

/// One block of table rows: re-rendered when the state or its rows change,
/// not when a later block is added.
#[component]
fn RowBlock(props: &RowBlockProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let body = props.rows[props.start..props.end].iter().map(|&k| {
        let (indicator, a) = (&app.catalog.indicators[k], &app.evaluation.assessments[k]);
        let open = {
            let app = app.clone();
            let id = a.id.clone();
            Callback::from(move |_: MouseEvent| app.dispatch(Action::Open(Panel::Detail(id.clone()))))
        };
        let has_data = a.n_points > 0;
        let points: Vec<(i32, f64)> = a.explain.points.iter().map(|p| (p.year, p.value)).collect();
        let spark = sparkline(&points, 64.0, 18.0);
        let needed = a.required_annual_change.map(|v| format::change_per_year(v, a.unit, lang));
        let current = a.annual_change.map(|v| format::change_per_year(v, a.unit, lang));
        html! {
            <tr class={classes!(severity_class(a.severity), (!has_data).then_some("quiet"))} data-id={a.id.clone()}>
                <td class="domain">{ format::domain(&a.domain, lang).to_string() }</td>
                <td class="name">
                    <button type="button" class="link name-button" onclick={open} title={Msg::OpenDetail.text(lang)}>
                        { lang.pick(&indicator.name_zh, &indicator.name_en) }
                    </button>
                    <span class="id">{ a.id.clone() }</span>
                </td>
                <td class="target">{ format::target(&indicator.target, indicator.unit, lang) }</td>
                <td class="latest">
                    if let (Some(v), Some(y)) = (a.latest_value, a.latest_year) {
                        <span class="value">{ format::value(v, a.unit, lang) }</span><span class="year">{ format!(" ({y})") }</span>
                        if let Some(events) = explain::latest_events(a, lang) { <div class="events">{ events }</div> }
                    } else { <span class="quiet">{ Msg::NoFigures.text(lang) }</span> }
                </td>
                <td class="gap">{ a.gap.map(|g| format::gap(g, a.unit, lang)).unwrap_or_else(|| "—".into()) }</td>
                <td class="proj">{ projection_cell(a.projection_mid_term.as_ref(), a, lang) }</td>
                <td class="proj">{ projection_cell(a.projection_at_target.as_ref(), a, lang) }</td>
                <td class="pace">
                    if let Some(n) = needed { <div><span class="hint">{ Msg::Needed.text(lang) }{ " " }</span>{ n }</div> }
                    if let Some(c) = current { <div><span class="hint">{ Msg::Current.text(lang) }{ " " }</span>{ c }</div> }
                </td>
                <td class="status"><StatusBadge status={a.status} severity={a.status_severity}
                    title={AttrValue::from(verdict(indicator, a, lang))} /></td>
                <td class="warnings">
                    { for a.warnings.iter().map(|w| html! {
                        <span class={classes!("tag", severity_class(w.severity))} title={lang.pick(&w.message_zh, &w.message_en).to_string()}>
                            { format::warning_label(w.kind, lang) }{ w.years.first().map(|y| format!(" {y}")).unwrap_or_default() }
                        </span>
                    }) }
                </td>
                <td class="spark">
                    if !spark.is_empty() {
                        <svg width="64" height="18" viewBox="0 0 64 18" role="img" aria-label={Msg::Trend.text(lang)}>
                            <path d={spark} />
                        </svg>
                    }
                </td>
            </tr>
        }
    });

    html! { <>{ for body }</> }
}
