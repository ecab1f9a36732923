//! The dashboard's summary: counts by severity and status (each a filter for
//! the table), and the domain × severity matrix of both plans.

use gapcast_core::assess::{Assessment, Severity};
use gapcast_core::catalog::Plan;
use yew::prelude::*;

use crate::components::status_badge::{severity_class, severity_icon, status_label};
use crate::hooks::use_app;
use crate::i18n::{Lang, Msg};
use crate::state::{Action, Filter};

/// The severities in the order the dashboard lists them.
pub(crate) const SEVERITIES: [Severity; 4] = [Severity::Red, Severity::Amber, Severity::Green, Severity::None];

pub(crate) fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Red => Msg::RedList.text(lang),
        Severity::Amber => Msg::AmberList.text(lang),
        Severity::Green => Msg::GreenList.text(lang),
        Severity::Info | Severity::None => Msg::NoneList.text(lang),
    }
}

fn plan_label(plan: Plan, lang: Lang) -> &'static str {
    match plan {
        Plan::Women => Msg::PlanWomenShort.text(lang),
        Plan::Children => Msg::PlanChildrenShort.text(lang),
    }
}

#[component]
pub fn Dashboard() -> Html {
    let app = use_app();
    let lang = app.lang();
    let assessments = &app.evaluation.assessments;
    let rollup = &app.evaluation.rollup;
    let with_figures = assessments.iter().filter(|a| a.n_points > 0).count();
    let filter_to = |f: Filter| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetFilter(f.clone())))
    };

    let severity_cards = SEVERITIES.iter().map(|&s| {
        let n = rollup.by_severity.get(s.key()).copied().unwrap_or(0);
        let pressed = app.filter.severity == Some(s);
        html! {
            <button type="button" class={classes!("count-card", severity_class(s))} aria-pressed={pressed.to_string()}
                data-severity={s.key()}
                onclick={filter_to(Filter { severity: (!pressed).then_some(s), ..Filter::default() })}>
                <span class="count-icon" aria-hidden="true">{ severity_icon(s) }</span>
                <span class="count-number">{ n }</span>
                <span class="count-label">{ severity_label(s, lang) }</span>
            </button>
        }
    });
    // One chip per status and row colour, so the chips of a colour add up to
    // its headline count (an achieved indicator at risk is an amber chip).
    let status_chips = rollup.by_status.iter().map(|c| {
        let (s, sev, n) = (c.status, c.severity, c.count);
        let pressed = app.filter.status == Some(s) && app.filter.severity == Some(sev);
        let filter = if pressed { Filter::default() } else { Filter { status: Some(s), severity: Some(sev), ..Filter::default() } };
        html! {
            <button type="button" class={classes!("chip", severity_class(sev))} aria-pressed={pressed.to_string()}
                data-status={s.key()} data-severity={sev.key()}
                onclick={filter_to(filter)}>
                <span aria-hidden="true">{ severity_icon(sev) }{ " " }</span>{ status_label(s, lang) }{ format!(" {n}") }
            </button>
        }
    });
    let share =
        rollup.overall.share_achieved_or_on_track.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "—".into());

    let matrix_rows = rollup.by_domain.iter().map(|g| {
        let plan = g.plan.unwrap_or(Plan::Women);
        let domain = g.domain.clone().unwrap_or_default();
        let in_group: Vec<&Assessment> = assessments.iter().filter(|a| a.plan == plan && a.domain == domain).collect();
        let cells = SEVERITIES.iter().map(|&s| {
            let n = in_group.iter().filter(|a| a.severity.bucket() == s).count();
            let f = Filter { plan: Some(plan), domain: Some(domain.clone()), severity: Some(s), ..Filter::default() };
            html! {
                <td class={classes!("matrix-cell", (n > 0).then_some(severity_class(s)))}>
                    if n > 0 {
                        <button type="button" class="link" onclick={filter_to(f)}
                            aria-label={format!("{} {} {n}", domain, severity_label(s, lang))}>
                            <span aria-hidden="true">{ severity_icon(s) }{ " " }</span>{ n }
                        </button>
                    } else { <span class="zero">{ "·" }</span> }
                </td>
            }
        });
        let all = Filter { plan: Some(plan), domain: Some(domain.clone()), ..Filter::default() };
        html! {
            <tr>
                <th scope="row"><span class="plan-tag">{ plan_label(plan, lang) }</span>
                    <button type="button" class="link" onclick={filter_to(all)}>{ gapcast_core::format::domain(&domain, lang).to_string() }</button></th>
                { for cells }
                <td class="num">{ g.total }</td>
                <td class="num">{ g.share_achieved_or_on_track.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "—".into()) }</td>
            </tr>
        }
    });

    html! {
        <section class="panel dashboard" aria-labelledby="dashboard-title">
            <h2 id="dashboard-title">{ Msg::Dashboard.text(lang) }
                <span class="hint">{ format!(" {} {} · {} {} · {share} {}", rollup.overall.total, Msg::Indicators.text(lang),
                    with_figures, Msg::WithFigures.text(lang), Msg::AchievedOrOnTrack.text(lang)) }</span>
            </h2>
            <div class="dash-grid">
                <div>
                    <div class="count-cards" role="group" aria-label={Msg::StatusCounts.text(lang)}>{ for severity_cards }</div>
                    <div class="chips" id="status-chips">{ for status_chips }</div>
                </div>
                <div class="matrix-wrap">
                    <table class="matrix" id="matrix">
                        <caption class="visually-hidden">{ Msg::Matrix.text(lang) }</caption>
                        <thead><tr>
                            <th scope="col">{ Msg::Domain.text(lang) }</th>
                            { for SEVERITIES.iter().map(|&s| html! {
                                <th scope="col" class={severity_class(s)}><span aria-hidden="true">{ severity_icon(s) }{ " " }</span>{ severity_label(s, lang) }</th>
                            }) }
                            <th scope="col">{ Msg::Total.text(lang) }</th>
                            <th scope="col" title={Msg::AchievedOrOnTrack.text(lang)}>{ "✔ %" }</th>
                        </tr></thead>
                        <tbody>{ for matrix_rows }</tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}
