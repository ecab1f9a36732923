//! The printable report ([`Panel::Report`]): the assessment as an annual
//! monitoring, mid-term (2025) or final (2030) evaluation report for the
//! committee's meetings. A cover with the date and data years, a summary by
//! plan and domain, the red and amber indicators each with its chart and one
//! sentence, then the full table.
//!
//! Printing is the browser's (`window.print()`, "Save as PDF" in its dialog);
//! `static/report.css` lays the pages out on A4. While the report is open the
//! rest of the page is hidden (`data-report` on `<html>`), on screen and on
//! paper. Every number comes from the core: the charts are
//! `gapcast_core::chart`'s labelled SVG (as in the detail view), the sentences
//! `explain::reading`, the cells `export::row`.
//!
//! The report body is static markup, so it is written as one escaped string
//! ([`body`]) rather than spelled out element by element in a Yew template: a
//! template of this size would cost the single-file page about 10 KB gzip,
//! the string a fraction of that. Only the tools above it are Yew elements.

use std::fmt::Write;

use gapcast_core::assess::{Assessment, Status};
use gapcast_core::catalog::Plan;
use gapcast_core::chart::{escape, input_for, layout, ChartText};
use gapcast_core::explain;
use gapcast_core::export;
use gapcast_core::series::Point;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

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

/// A status badge as `StatusBadge` draws it, as markup.
pub(crate) fn badge(o: &mut String, status: Status, lang: Lang) {
    let sev = status.severity();
    let _ = write!(
        o,
        r#"<span class="badge {}" data-status="{}"><span class="badge-icon" aria-hidden="true">{}</span>{}</span>"#,
        severity_class(sev),
        status.key(),
        severity_icon(sev),
        escape(status_label(status, lang))
    );
}

/// `<tag attrs>text</tag>` with the text escaped (`attrs` is our own markup).
pub(crate) fn el(out: &mut String, tag: &str, attrs: &str, text: &str) {
    let _ = write!(out, "<{tag}{attrs}>{}</{tag}>", escape(text));
}

/// A table row of cells, the first a header cell when `th`.
fn tr(out: &mut String, class: &str, th: bool, cells: &[&str]) {
    let _ = write!(out, r#"<tr class="{class}">"#);
    for (i, cell) in cells.iter().enumerate() {
        let (tag, attrs) = if i == 0 && th {
            ("th", r#" scope="row""#)
        } else if i == 0 {
            ("td", "")
        } else {
            ("td", r#" class="num""#)
        };
        el(out, tag, attrs, cell);
    }
    out.push_str("</tr>");
}

/// One summary line: a group's counts per bucket and its green share.
fn summary_row(out: &mut String, class: &str, label: &str, group: &[&Assessment], share: Option<f64>) {
    let mut cells =
        vec![label.to_string(), group.len().to_string(), group.iter().filter(|a| a.n_points > 0).count().to_string()];
    cells.extend(SEVERITIES.iter().map(|s| group.iter().filter(|a| a.severity.bucket() == *s).count().to_string()));
    cells.push(share.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "—".into()));
    tr(out, class, true, &cells.iter().map(String::as_str).collect::<Vec<_>>());
}

/// A projection cell: the value with its interval.
fn projected([v, lo, hi]: &[String; 3]) -> String {
    match (v.is_empty(), lo.is_empty()) {
        (true, _) => "—".into(),
        (false, true) => v.clone(),
        (false, false) => format!("{v} ({lo}–{hi})"),
    }
}

/// The report's body: cover, summary, flagged indicators, full table.
fn body(app: &State, kind: Kind, lang: Lang, date: String) -> String {
    let m = |msg: ReachMsg| msg.text(lang);
    let assessments = &app.evaluation.assessments;
    let settings = &app.session.settings;
    let rollup = &app.evaluation.rollup;
    let level = format!("{:.0}", settings.effective_level() * 100.0);
    let (_, name, intro) = kind.words();
    let mut o = String::from(r#"<div class="report-body">"#);

    // The cover.
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
    o.push_str(r#"<section class="report-cover"><p class="cover-plans">"#);
    let _ = write!(o, "{}</p>", escape(&crate::i18n::plan_titles(&app.catalog, lang).join("\n")).replace('\n', "<br>"));
    el(&mut o, "h1", r#" id="report-title""#, &title);
    o.push_str(r#"<dl class="cover-facts">"#);
    for (label, id, value) in [
        (ReachMsg::ReportDate, "report-date", date),
        (ReachMsg::DataYears, "report-years", years),
        (ReachMsg::WithData, "report-with-data", format!("{with_data} / {}", assessments.len())),
        (ReachMsg::Level, "report-level", format!("{level}%")),
    ] {
        el(&mut o, "dt", "", m(label));
        el(&mut o, "dd", &format!(r#" id="{id}""#), &value);
    }
    o.push_str("</dl>");
    el(&mut o, "p", r#" class="cover-intro""#, m(intro));
    el(&mut o, "p", r#" class="hint""#, m(ReachMsg::MadeBy));
    o.push_str("</section>");

    // The summary: each plan, then its domains, then the total.
    o.push_str(r#"<section class="report-summary">"#);
    el(&mut o, "h2", "", m(ReachMsg::Summary));
    o.push_str(r#"<table id="report-summary"><thead><tr>"#);
    let mut head =
        vec![m(ReachMsg::PlanDomain).to_string(), m(ReachMsg::Count).to_string(), m(ReachMsg::WithData).to_string()];
    head.extend(SEVERITIES.iter().map(|s| format!("{} {}", severity_icon(*s), severity_label(*s, lang))));
    head.push(Msg::AchievedOrOnTrack.text(lang).to_string());
    for h in &head {
        el(&mut o, "th", r#" scope="col""#, h);
    }
    o.push_str("</tr></thead><tbody>");
    for p in &rollup.by_plan {
        let plan = p.plan.unwrap_or(Plan::Women);
        let in_plan: Vec<&Assessment> = assessments.iter().filter(|a| a.plan == plan).collect();
        let plan_name = match plan {
            Plan::Women => Msg::PlanWomenShort,
            Plan::Children => Msg::PlanChildrenShort,
        };
        summary_row(&mut o, "plan-row", plan_name.text(lang), &in_plan, p.share_achieved_or_on_track);
        for d in rollup.by_domain.iter().filter(|d| d.plan == Some(plan)) {
            let domain = d.domain.as_deref().unwrap_or_default();
            let group: Vec<&Assessment> = in_plan.iter().copied().filter(|a| a.domain == domain).collect();
            summary_row(
                &mut o,
                "domain-row",
                gapcast_core::format::domain(domain, lang),
                &group,
                d.share_achieved_or_on_track,
            );
        }
    }
    summary_row(
        &mut o,
        "total-row",
        Msg::Total.text(lang),
        &assessments.iter().collect::<Vec<_>>(),
        rollup.overall.share_achieved_or_on_track,
    );
    o.push_str("</tbody></table></section>");

    // Red, then amber, most urgent first: chart and sentence each.
    o.push_str(r#"<section class="report-flagged" id="report-flagged">"#);
    el(&mut o, "h2", "", m(ReachMsg::Flagged));
    if rollup.red.is_empty() && rollup.amber.is_empty() {
        el(&mut o, "p", "", m(ReachMsg::NoneFlagged));
    } else {
        o.push_str(r#"<ul class="legend">"#);
        for (class, msg) in LEGEND {
            let text =
                if class == "band" { format!("{level}% {}", msg.text(lang)) } else { msg.text(lang).to_string() };
            let _ = write!(
                o,
                r#"<li><span class="swatch swatch-{class}" aria-hidden="true"></span>{}</li>"#,
                escape(&text)
            );
        }
        o.push_str("</ul>");
    }
    let figures = &app.evaluation.figures;
    for f in rollup.red.iter().chain(&rollup.amber) {
        let (Some(indicator), Some(a)) = (app.catalog.get(&f.id), app.evaluation.assessment(&f.id)) else { continue };
        let points: &[Point] = figures
            .series_for(&f.id)
            .or_else(|| figures.series_for(indicator.figures_key()))
            .map_or(&[], |s| s.points.as_slice());
        let reading = explain::reading(indicator, a, lang);
        let row = export::row(indicator, a, lang);
        // The detail view's labelled drawing: the same shapes as on screen.
        let svg = layout(&input_for(indicator, points, a, None, settings.base_year), 640.0, 190.0).to_svg_labelled(
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
        let sev = severity_class(f.severity);
        let _ = write!(
            o,
            r#"<article class="flag-item {sev}" data-id="{}"><h3><span aria-hidden="true">{} </span>{}"#,
            escape(&f.id),
            severity_icon(f.severity),
            escape(&row.indicator)
        );
        el(&mut o, "small", "", &format!(" {} · {}", row.id, row.target));
        o.push_str(r#"</h3><p class="reading">"#);
        badge(&mut o, a.status, lang);
        let _ = write!(o, r#" {}</p><figure class="report-chart">{svg}</figure>"#, escape(&reading));
        if !row.warnings.is_empty() {
            el(
                &mut o,
                "p",
                r#" class="hint""#,
                &format!("{}{}{}", Msg::WarningsCol.text(lang), lang.pick("：", ": "), row.warnings),
            );
        }
        o.push_str("</article>");
    }
    o.push_str("</section>");

    // The full table, grouped by domain in plan order.
    let table = export::table(&app.catalog, assessments, settings, lang);
    let h = &table.header;
    o.push_str(r#"<section class="report-table">"#);
    el(&mut o, "h2", "", m(ReachMsg::AllIndicators));
    // Before the table, so it never sits alone on a last page.
    el(&mut o, "p", r#" class="hint""#, &m(ReachMsg::IntervalNote).replace("{p}", &level));
    o.push_str(r#"<table id="report-table"><thead><tr>"#);
    for text in [&h[1], &h[4], m(ReachMsg::LatestYear), &h[8], &h[11], &h[16], &h[17]] {
        el(&mut o, "th", r#" scope="col""#, text);
    }
    o.push_str("</tr></thead><tbody>");
    let mut domain = "";
    for r in &table.rows {
        if r.domain != domain {
            domain = &r.domain;
            let _ = write!(o, r#"<tr class="group"><th colspan="7" scope="rowgroup">{}</th></tr>"#, escape(domain));
        }
        let latest = if r.latest.is_empty() { "—".to_string() } else { format!("{} ({})", r.latest, r.latest_year) };
        o.push_str("<tr><td>");
        let _ = write!(o, r#"{} <small class="hint">{}</small></td>"#, escape(&r.indicator), escape(&r.id));
        el(&mut o, "td", "", &r.target);
        for cell in [latest, projected(&r.mid_term), projected(&r.at_target)] {
            el(&mut o, "td", r#" class="num""#, &cell);
        }
        el(&mut o, "td", r#" class="status""#, &r.status);
        el(&mut o, "td", "", &r.warnings);
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table></section></div>");
    o
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
            { Html::from_html_unchecked(body(&app, *kind, lang, today(lang)).into()) }
            <crate::components::report_goals::ReportGoals />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::DEMO_FIGURES;
    use gapcast_core::session::Session;
    use std::rc::Rc;
    use yew::Reducible;

    /// The elements of `html` that are opened and never closed, or closed
    /// without being opened (void elements aside).
    fn unbalanced(html: &str) -> Vec<String> {
        let mut open: Vec<&str> = Vec::new();
        let mut wrong = Vec::new();
        for part in html.split('<').skip(1) {
            let tag = part.split(|c: char| c == '>' || c.is_whitespace()).next().unwrap_or_default();
            if let Some(closing) = tag.strip_prefix('/') {
                if open.pop() != Some(closing) {
                    wrong.push(format!("</{closing}>"));
                }
            } else if !["br", "path", "line", "rect", "circle"].contains(&tag)
                && !part.split('>').next().unwrap_or_default().ends_with('/')
            {
                open.push(tag);
            }
        }
        wrong.extend(open.iter().map(|t| format!("<{t}>")));
        wrong
    }

    fn check(lang: Lang, kind: Kind, expected: &[&str]) {
        let state = Rc::new(State::new(Session::new(2026), 2026)).reduce(Action::LoadDemo);
        assert_eq!(state.session.raw.as_ref(), DEMO_FIGURES);
        let html = body(&state, kind, lang, "2026-11-29".into());
        assert_eq!(unbalanced(&html), Vec::<String>::new());
        let flagged = state.evaluation.rollup.red.len() + state.evaluation.rollup.amber.len();
        assert!(flagged > 0);
        assert_eq!(html.matches(r#"<article class="flag-item"#).count(), flagged);
        assert_eq!(html.matches("<svg").count(), flagged, "one chart each");
        assert_eq!(html.matches("<tr><td>").count(), state.catalog.indicators.len(), "one table row each");
        for text in expected {
            assert!(html.contains(text), "{text} is missing");
        }
    }

    #[test]
    fn the_report_body_is_whole_and_complete() {
        check(
            Lang::Zh,
            Kind::Annual,
            &["2024年度监测报告", "2026-11-29", "2015–2024", "孕产妇死亡率", "一、总体情况", "80% 预测区间"],
        );
        check(
            Lang::En,
            Kind::MidTerm,
            &["Mid-term evaluation report (2025)", "Maternal mortality ratio", "3. All indicators"],
        );
        check(Lang::Zh, Kind::Final, &["终期评估报告（2030年）"]);
    }
}
