//! The report's part on the goals the plans state without a quantified
//! target: a section per domain, each goal with the plan's words, its
//! suggested proxy's figures and judgment when there are any (marked as not
//! the plan's), and the staff's evaluation, or ruled lines to write it on by
//! hand when none was typed.

use gapcast_core::format;
use yew::prelude::*;

use crate::components::goal_row::direction_label;
use crate::components::goals::{goal_domains, goal_plans};
use crate::components::status_badge::status_label;
use crate::hooks::use_app;
use crate::i18n::{plan_title, DetailMsg, GoalsMsg};

/// How many ruled lines an unwritten evaluation gets on paper.
const BLANK_LINES: usize = 4;

#[component]
pub fn ReportGoals() -> Html {
    let app = use_app();
    let lang = app.lang();
    let catalog = &app.catalog;
    if catalog.goals.is_empty() {
        return html! {};
    }
    let m = |msg: GoalsMsg| msg.text(lang);
    let colon = lang.pick("：", ": ");
    let sections = goal_plans(catalog)
        .into_iter()
        .flat_map(|plan| goal_domains(catalog, plan).into_iter().map(move |domain| (plan, domain)).collect::<Vec<_>>());
    let sections = sections.map(|(plan, domain)| {
        let goals = catalog.goals_in_domain(plan, domain).map(|goal| {
            let proxy = goal.proxy.as_ref().map(|proxy| {
                let figures = app.evaluation.assessment(&goal.id).filter(|a| a.n_points > 0).map(|a| {
                    let latest = match (a.latest_value, a.latest_year) {
                        (Some(v), Some(y)) => format!("{}{colon}{} ({y})", m(GoalsMsg::Latest), format::value(v, a.unit, lang)),
                        _ => String::new(),
                    };
                    format!("{latest} · {}", status_label(a.status, lang))
                });
                html! {
                    <p class="report-proxy"><span class="proxy-mark">{ m(GoalsMsg::ProxyMark) }</span>{ colon }
                        <strong>{ lang.pick(&proxy.name_zh, &proxy.name_en).to_string() }</strong>
                        { format!("（{}）", direction_label(proxy.direction, lang)) }
                        { figures.map(|f| format!(" {f}")).unwrap_or_default() }</p>
                }
            });
            let evaluation = match app.session.evaluations.get(&goal.id) {
                Some(text) => html! {
                    <div class="report-evaluation">{ for text.lines().map(|l| html! { <p>{ l.to_string() }</p> }) }</div>
                },
                None => html! {
                    <div class="write-lines" aria-label={m(GoalsMsg::ReportNone)}>
                        { for (0..BLANK_LINES).map(|_| html! { <div class="write-line"></div> }) }
                    </div>
                },
            };
            html! {
                <div class="report-goal" data-goal={goal.id.clone()}>
                    <h3>{ lang.pick(&goal.name_zh, &goal.name_en).to_string() }{ " " }
                        <small>{ format!("{} · {} · {}", goal.id, m(GoalsMsg::NoQuantified), direction_label(goal.direction, lang)) }</small></h3>
                    <p><span class="hint">{ m(GoalsMsg::PlanWording) }{ colon }</span><q lang="zh">{ goal.wording_zh.clone() }</q>
                        <small class="hint">{ format!(" {}{colon}{}", DetailMsg::Source.text(lang), goal.source) }</small></p>
                    { for proxy }
                    <p class="evaluation-label"><strong>{ m(GoalsMsg::Evaluation) }{ colon }</strong></p>
                    { evaluation }
                </div>
            }
        });
        html! {
            <section class="report-goals-domain" data-domain={domain.to_string()}>
                <h2>{ format!("{}{colon}{}", m(GoalsMsg::Title), format::domain(domain, lang)) }
                    <small class="hint">{ format!(" {}", plan_title(catalog, plan, lang)) }</small></h2>
                { for goals }
            </section>
        }
    });
    html! {
        <div class="report-goals" id="report-goals">
            <p class="hint">{ m(GoalsMsg::ReportIntro) }</p>
            { for sections }
        </div>
    }
}
