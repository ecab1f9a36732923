//! The printable report ([`Panel::Report`]): the assessment as an annual
//! monitoring, mid-term (2025) or final (2030) evaluation report for the
//! committee's meetings. A cover with the date and data years, a summary by
//! plan and domain, the red and amber indicators each with its chart and one
//! sentence, then the full table.
//!
//! Printing is the browser's (`window.print()`, "Save as PDF" in its dialog);
//! `static/report.css` lays the pages out on A4. While the report is open the
//! rest of the page is hidden (`data-report` on `<html>`), on screen and on
//! paper. Every number comes from the core: the charts are `gapcast_core::chart`'s
//! geometry drawn by [`chart_svg`] (as in the detail view), the sentences
//! `explain::reading`, the cells `export::row`. Everything is Yew elements, so
//! every name from a catalog file is escaped by construction.

use gapcast_core::assess::{Assessment, Status};
use gapcast_core::catalog::Plan;
use gapcast_core::chart::{input_for, layout, ChartText};
use gapcast_core::explain;
use gapcast_core::export;
use gapcast_core::series::Point;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::chart_svg::chart_svg;
use crate::components::dashboard::{severity_label, SEVERITIES};
use crate::components::status_badge::{severity_class, severity_icon, status_label};
use crate::hooks::use_app;
use crate::i18n::{DetailMsg, Lang, Msg, ReachMsg};
use crate::state::{Action, Panel, State};

/// Which of the plans' evaluations the report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Annual,
    MidTerm,
    Final,
}

impl Kind {
    const ALL: [(Kind, &'static str, ReachMsg, ReachMsg); 3] = [
        (Kind::Annual, "annual", ReachMsg::KindAnnual, ReachMsg::IntroAnnual),
        (Kind::MidTerm, "mid_term", ReachMsg::KindMidTerm, ReachMsg::IntroMidTerm),
        (Kind::Final, "final", ReachMsg::KindFinal, ReachMsg::IntroFinal),
    ];

    /// The evaluation the plans hold in `year`: mid-term on 2025's figures
    /// (in 2025 and 2026), final from 2030 on, annual monitoring otherwise.
    fn for_year(year: i32) -> Kind {
        match year {
            2025 | 2026 => Kind::MidTerm,
            y if y >= 2030 => Kind::Final,
            _ => Kind::Annual,
        }
    }

    /// Its key, name and introduction.
    fn words(self) -> (&'static str, ReachMsg, ReachMsg) {
        let (_, key, name, intro) = Kind::ALL[self as usize];
        (key, name, intro)
    }
}

/// Today's date by the page's clock, as a cover prints it.
fn today(lang: Lang) -> String {
    let d = js_sys::Date::new_0();
    let (y, m, day) = (d.get_full_year(), d.get_month() + 1, d.get_date());
    match lang {
        Lang::Zh => format!("{y}年{m}月{day}日"),
        Lang::En => format!("{y}-{m:02}-{day:02}"),
    }
}

/// The chart legend, once for all the charts (the detail view's words).
const LEGEND: [(&str, DetailMsg); 8] = [
    ("observed", DetailMsg::Observed),
    ("fitted", DetailMsg::Fitted),
    ("projection", DetailMsg::Projection),
    ("band", DetailMsg::Band),
    ("target", DetailMsg::TargetLine),
    ("milestone", DetailMsg::Milestone),
    ("glide", DetailMsg::Glide),
    ("checkpoint", DetailMsg::Checkpoint),
];

/// A status badge as `StatusBadge` draws it (the embedded view's too: it has
/// no app context for `StatusBadge` to read the language from).
pub(crate) fn badge(status: Status, sev: gapcast_core::assess::Severity, lang: Lang) -> Html {
    html! {
        <span class={classes!("badge", severity_class(sev))} data-status={status.key()}>
            <span class="badge-icon" aria-hidden="true">{ severity_icon(sev) }</span>
            { status_label(status, lang) }
        </span>
    }
}

/// A table row of cells, the first a header cell when `th`.
fn tr(class: &'static str, th: bool, cells: Vec<String>) -> Html {
    let mut cells = cells.into_iter();
    let first = cells.next().unwrap_or_default();
    html! {
        <tr {class}>
            if th { <th scope="row">{ first }</th> } else { <td>{ first }</td> }
            { for cells.map(|c| html! { <td class="num">{ c }</td> }) }
        </tr>
    }
}

/// One summary line: a group's counts per bucket and its green share.
fn summary_row(class: &'static str, label: &str, group: &[&Assessment], share: Option<f64>) -> Html {
    let mut cells =
        vec![label.to_string(), group.len().to_string(), group.iter().filter(|a| a.n_points > 0).count().to_string()];
    cells.extend(SEVERITIES.iter().map(|s| group.iter().filter(|a| a.severity.bucket() == *s).count().to_string()));
    cells.push(share.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "—".into()));
    tr(class, true, cells)
}

/// A projection cell: the value with its interval.
fn projected(cells: &[export::Num; 3]) -> String {
    let [v, lo, hi] = cells.map(export::Num::text);
    match (v.is_empty(), lo.is_empty()) {
        (true, _) => "—".into(),
        (false, true) => v,
        (false, false) => format!("{v} ({lo}–{hi})"),
    }
}

/// The latest value with its year, or a dash.
pub(crate) fn latest(row: &export::Row) -> String {
    if row.latest.is_empty() {
        "—".to_string()
    } else {
        format!("{} ({})", row.latest.text(), row.latest_year.text())
    }
}

/// The cover: the plans, the report's title, its date, data years and level.
fn cover(app: &State, kind: Kind, lang: Lang, date: String) -> Html {
    let m = |msg: ReachMsg| msg.text(lang);
    let assessments = &app.evaluation.assessments;
    let (_, name, intro) = kind.words();
    let first = assessments.iter().filter_map(|a| a.first_year).min();
    let latest = assessments.iter().filter_map(|a| a.latest_year).max();
    let title = match (kind, latest) {
        (Kind::Annual, Some(y)) => format!("{y}{}{}", lang.pick("", " "), m(name)),
        _ => m(name).to_string(),
    };
    let years = match (first, latest) {
        (Some(f), Some(l)) if f < l => format!("{f}–{l}"),
        (Some(f), _) => f.to_string(),
        _ => "—".into(),
    };
    let with_data = assessments.iter().filter(|a| a.n_points > 0).count();
    let level = format!("{:.0}%", app.session.settings.effective_level() * 100.0);
    let titles = crate::i18n::plan_titles(&app.catalog, lang);
    let facts = [
        (ReachMsg::ReportDate, "report-date", date),
        (ReachMsg::DataYears, "report-years", years),
        (ReachMsg::WithData, "report-with-data", format!("{with_data} / {}", assessments.len())),
        (ReachMsg::Level, "report-level", level),
    ];
    html! {
        <section class="report-cover">
            <p class="cover-plans">
                { for titles.iter().enumerate().map(|(i, t)| html! { <>if i > 0 { <br /> }{ t.to_string() }</> }) }
            </p>
            <h1 id="report-title">{ title }</h1>
            <dl class="cover-facts">
                { for facts.into_iter().map(|(label, id, value)| html! { <><dt>{ m(label) }</dt><dd {id}>{ value }</dd></> }) }
            </dl>
            <p class="cover-intro">{ m(intro) }</p>
            <p class="hint">{ m(ReachMsg::MadeBy) }</p>
        </section>
    }
}

/// The summary: each plan, then its domains, then the total.
fn summary(app: &State, lang: Lang) -> Html {
    let m = |msg: ReachMsg| msg.text(lang);
    let assessments = &app.evaluation.assessments;
    let rollup = &app.evaluation.rollup;
    let mut head =
        vec![m(ReachMsg::PlanDomain).to_string(), m(ReachMsg::Count).to_string(), m(ReachMsg::WithData).to_string()];
    head.extend(SEVERITIES.iter().map(|s| format!("{} {}", severity_icon(*s), severity_label(*s, lang))));
    head.push(Msg::AchievedOrOnTrack.text(lang).to_string());
    let mut rows = Vec::new();
    for p in &rollup.by_plan {
        let plan = p.plan.unwrap_or(Plan::Women);
        let in_plan: Vec<&Assessment> = assessments.iter().filter(|a| a.plan == plan).collect();
        let plan_name = match plan {
            Plan::Women => Msg::PlanWomenShort,
            Plan::Children => Msg::PlanChildrenShort,
        };
        rows.push(summary_row("plan-row", plan_name.text(lang), &in_plan, p.share_achieved_or_on_track));
        for d in rollup.by_domain.iter().filter(|d| d.plan == Some(plan)) {
            let domain = d.domain.as_deref().unwrap_or_default();
            let group: Vec<&Assessment> = in_plan.iter().copied().filter(|a| a.domain == domain).collect();
            let label = gapcast_core::format::domain(domain, lang);
            rows.push(summary_row("domain-row", label, &group, d.share_achieved_or_on_track));
        }
    }
    // An indicator both plans share counts once in the total, as in the headline.
    let all: Vec<&Assessment> = gapcast_core::assess::rollup::distinct(assessments);
    rows.push(summary_row("total-row", Msg::Total.text(lang), &all, rollup.overall.share_achieved_or_on_track));
    html! {
        <section class="report-summary">
            <h2>{ m(ReachMsg::Summary) }</h2>
            <table id="report-summary">
                <thead><tr>{ for head.into_iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// Red, then amber, most urgent first: chart and sentence each.
fn flagged(app: &State, lang: Lang) -> Html {
    let settings = &app.session.settings;
    let rollup = &app.evaluation.rollup;
    let level = format!("{:.0}", settings.effective_level() * 100.0);
    let none = rollup.red.is_empty() && rollup.amber.is_empty();
    let legend = LEGEND.map(|(class, msg)| {
        let text = if class == "band" { format!("{level}% {}", msg.text(lang)) } else { msg.text(lang).to_string() };
        html! { <li><span class={format!("swatch swatch-{class}")} aria-hidden="true"></span>{ text }</li> }
    });
    let figures = &app.evaluation.figures;
    let items = rollup.red.iter().chain(&rollup.amber).filter_map(|f| {
        let (indicator, a) = (app.catalog.get(&f.id)?, app.evaluation.assessment(&f.id)?);
        let points: &[Point] = figures
            .series_for(&f.id)
            .or_else(|| figures.series_for(indicator.figures_key()))
            .map_or(&[], |s| s.points.as_slice());
        let reading = explain::reading(indicator, a, lang);
        let row = export::row(indicator, a, lang);
        // The detail view's labelled drawing: the same shapes as on screen.
        let chart = layout(&input_for(indicator, points, a, None, settings.base_year), 640.0, 190.0);
        let svg = chart_svg(
            &chart,
            &ChartText {
                id: &format!("report-chart-{}", f.id),
                title: &row.indicator,
                desc: &reading,
                unit: a.unit,
                lang,
                milestone: DetailMsg::Milestone.text(lang),
                glide: DetailMsg::GlidePath.text(lang),
                projection: DetailMsg::Projection.text(lang),
                scenario: DetailMsg::Scenario.text(lang),
            },
        );
        let warnings = (!row.warnings.is_empty())
            .then(|| format!("{}{}{}", Msg::WarningsCol.text(lang), lang.pick("：", ": "), row.warnings));
        Some(html! {
            <article class={classes!("flag-item", severity_class(f.severity))} data-id={f.id.clone()}>
                <h3><span aria-hidden="true">{ severity_icon(f.severity) }{ " " }</span>{ &row.indicator }
                    <small>{ format!(" {} · {}", row.id, row.target) }</small></h3>
                <p class="verdict">{ badge(a.status, a.status_severity, lang) }{ " " }<strong>{ gapcast_core::verdict::verdict(indicator, a, lang) }</strong></p>
                <p class="reading">{ reading }</p>
                <figure class="report-chart">{ svg }</figure>
                if let Some(w) = warnings { <p class="hint">{ w }</p> }
            </article>
        })
    });
    html! {
        <section class="report-flagged" id="report-flagged">
            <h2>{ ReachMsg::Flagged.text(lang) }</h2>
            if none {
                <p>{ ReachMsg::NoneFlagged.text(lang) }</p>
            } else {
                <ul class="legend">{ for legend }</ul>
            }
            { for items }
        </section>
    }
}

/// The full table, grouped by domain in plan order.
fn full_table(app: &State, lang: Lang) -> Html {
    let m = |msg: ReachMsg| msg.text(lang);
    let settings = &app.session.settings;
    let level = format!("{:.0}", settings.effective_level() * 100.0);
    let table = export::table(&app.catalog, &app.evaluation.assessments, settings, lang);
    let h = &table.header;
    let head = [&h[1], &h[4], m(ReachMsg::LatestYear), &h[8], &h[11], &h[16], &h[17]].map(str::to_string);
    let mut rows = Vec::new();
    let mut domain = "";
    for r in &table.rows {
        if r.domain != domain {
            domain = &r.domain;
            rows.push(html! { <tr class="group"><th colspan="7" scope="rowgroup">{ domain }</th></tr> });
        }
        rows.push(html! {
            <tr>
                <td>{ &r.indicator }{ " " }<small class="hint">{ &r.id }</small></td>
                <td>{ &r.target }</td>
                <td class="num">{ latest(r) }</td>
                <td class="num">{ projected(&r.mid_term) }</td>
                <td class="num">{ projected(&r.at_target) }</td>
                <td class="status">{ &r.status }</td>
                <td>{ &r.warnings }</td>
            </tr>
        });
    }
    html! {
        <section class="report-table">
            <h2>{ m(ReachMsg::AllIndicators) }</h2>
            // Before the table, so it never sits alone on a last page.
            <p class="hint">{ m(ReachMsg::IntervalNote).replace("{p}", &level) }</p>
            <table id="report-table">
                <thead><tr>{ for head.into_iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// The report's body: cover, summary, flagged indicators, full table.
fn body(app: &State, kind: Kind, lang: Lang, date: String) -> Html {
    html! {
        <div class="report-body">
            { cover(app, kind, lang, date) }
            { summary(app, lang) }
            { flagged(app, lang) }
            { full_table(app, lang) }
        </div>
    }
}

#[component]
pub fn Report() -> Html {
    let app = use_app();
    let lang = app.lang();
    let kind = use_state(|| Kind::for_year(app.session.settings.current_year));

    // While the report is open only the report shows, on screen and on paper.
    use_effect_with((), |_| {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = &root {
            let _ = root.set_attribute("data-report", "open");
        }
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
        move || {
            if let Some(root) = root {
                let _ = root.remove_attribute("data-report");
            }
        }
    });

    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let key = e.target_unchecked_into::<HtmlSelectElement>().value();
            kind.set(Kind::ALL.iter().find(|k| k.1 == key).map_or(Kind::Annual, |k| k.0));
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let close = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Open(Panel::None)))
    };
    let (key, ..) = kind.words();

    html! {
        <div class="report" id="report" data-kind={key}>
            <div class="report-tools row no-print">
                <button type="button" id="close-report" onclick={close}>{ "← " }{ ReachMsg::Back.text(lang) }</button>
                <label>{ ReachMsg::ReportKind.text(lang) }{ " " }
                    <select id="report-kind" onchange={on_kind}>
                        { for Kind::ALL.iter().map(|(k, key, name, _)| html! { <option value={*key} selected={*kind == *k}>{ name.text(lang) }</option> }) }
                    </select>
                </label>
                <button type="button" class="primary" id="print-report" onclick={print}>{ ReachMsg::Print.text(lang) }</button>
                <span class="hint">{ ReachMsg::PrintHint.text(lang) }</span>
            </div>
            { body(&app, *kind, lang, today(lang)) }
            <crate::components::report_goals::ReportGoals />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hooks::AppHandle;
    use crate::state::DEMO_FIGURES;
    use gapcast_core::session::{CatalogFile, CatalogMode, Session};
    use std::rc::Rc;
    use yew::Reducible;

    #[derive(Properties, PartialEq)]
    struct Props {
        lang: Lang,
        kind: Kind,
        hostile: bool,
    }

    /// The report body of the demo figures, as the page renders it.
    #[component]
    fn Harness(props: &Props) -> Html {
        let state = use_reducer(|| {
            let mut s = Rc::new(State::new(Session::new(2026), 2026)).reduce(Action::LoadDemo);
            if props.hostile {
                let text = "plan = \"women\"\n[[indicator]]\nid = \"W-X-01\"\ndomain = \"妇女与健康\"\n\
                    name_zh = \"<script>alert(1)</script>\"\nname_en = \"x\"\nunit = \"percent\"\n\
                    comparator = \"ge\"\nvalue = 80\nsource = \"t\"\n";
                let file = CatalogFile { name: "x.toml".into(), text: text.into() };
                s = s.reduce(Action::AddCatalog(file, Some(CatalogMode::Beside)));
                assert!(s.catalog.get("W-X-01").is_some(), "the catalog file loaded");
            }
            (*s).clone()
        });
        let app: AppHandle = state;
        html! { <>{ body(&app, props.kind, props.lang, "2026-11-29".into()) }</> }
    }

    async fn render(lang: Lang, kind: Kind, hostile: bool) -> String {
        yew::LocalServerRenderer::<Harness>::with_props(Props { lang, kind, hostile }).render().await
    }

    async fn check(lang: Lang, kind: Kind, expected: &[&str]) {
        let state = Rc::new(State::new(Session::new(2026), 2026)).reduce(Action::LoadDemo);
        assert_eq!(state.session.raw.as_ref(), DEMO_FIGURES);
        let html = render(lang, kind, false).await;
        let flagged = state.evaluation.rollup.red.len() + state.evaluation.rollup.amber.len();
        assert!(flagged > 0);
        assert_eq!(html.matches("<article ").count(), flagged);
        assert_eq!(html.matches(r#"class="flag-item "#).count(), flagged);
        assert_eq!(html.matches("<svg").count(), flagged, "one chart each");
        assert_eq!(html.matches("<tr><td>").count(), state.catalog.indicators.len(), "one table row each");
        for text in expected {
            assert!(html.contains(text), "{text} is missing");
        }
    }

    #[tokio::test]
    async fn the_report_body_is_whole_and_complete() {
        check(
            Lang::Zh,
            Kind::Annual,
            &["2024年度监测报告", "2026-11-29", "2015–2024", "孕产妇死亡率", "一、总体情况", "80% 预测区间"],
        )
        .await;
        check(
            Lang::En,
            Kind::MidTerm,
            &["Mid-term evaluation report (2025)", "Maternal mortality ratio", "3. All indicators"],
        )
        .await;
        check(Lang::Zh, Kind::Final, &["终期评估报告（2030年）"]).await;
    }

    #[tokio::test]
    async fn a_name_from_a_catalog_file_is_text() {
        let html = render(Lang::Zh, Kind::Annual, true).await;
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped");
        assert!(!html.contains("<script>"), "never markup");
    }
}
