//! The goals the plans state without a quantified target, listed under the
//! dashboard by plan and domain. Each domain opens on demand (and by itself
//! when the dashboard is filtered to it), so the page's first render does not
//! pay for 191 text areas; each goal is a [`GoalRow`].

use std::collections::BTreeSet;

use gapcast_core::catalog::{Catalog, Plan, PlanGoal};
use gapcast_core::format;
use yew::prelude::*;

use crate::components::goal_row::GoalRow;
use crate::hooks::use_app;
use crate::i18n::{plan_title, GoalsMsg};

/// The domains of a plan that have goals, in the plan's order (a domain with
/// goals only comes after those with indicators).
pub(crate) fn goal_domains(catalog: &Catalog, plan: Plan) -> Vec<&str> {
    let mut domains: Vec<&str> =
        catalog.domains(plan).into_iter().filter(|d| catalog.goals_in_domain(plan, d).next().is_some()).collect();
    for goal in catalog.goals.iter().filter(|g| g.plan == plan) {
        if !domains.contains(&goal.domain.as_str()) {
            domains.push(&goal.domain);
        }
    }
    domains
}

/// The plans that have goals, in the catalog's order.
pub(crate) fn goal_plans(catalog: &Catalog) -> Vec<Plan> {
    let mut plans: Vec<Plan> = catalog.plans();
    for goal in &catalog.goals {
        if !plans.contains(&goal.plan) {
            plans.push(goal.plan);
        }
    }
    plans.retain(|p| catalog.goals.iter().any(|g| g.plan == *p));
    plans
}

#[component]
pub fn GoalsPanel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let open = use_state(BTreeSet::<String>::new);
    let catalog = &app.catalog;
    if catalog.goals.is_empty() {
        return html! {};
    }
    let evaluated = |goals: &[&PlanGoal]| goals.iter().filter(|g| app.session.evaluations.contains_key(&g.id)).count();
    let all: Vec<&PlanGoal> = catalog.goals.iter().collect();
    let m = |msg: GoalsMsg| msg.text(lang);

    let plans = goal_plans(catalog).into_iter().map(|plan| {
        let domains = goal_domains(catalog, plan).into_iter().map(|domain| {
            let key = format!("{}|{domain}", plan.key());
            let goals: Vec<&PlanGoal> = catalog.goals_in_domain(plan, domain).collect();
            let filtered_here = app.filter.domain.as_deref() == Some(domain) && app.filter.plan.is_none_or(|p| p == plan);
            let is_open = open.contains(&key) || filtered_here;
            let toggle = {
                let open = open.clone();
                let key = key.clone();
                Callback::from(move |_: MouseEvent| {
                    let mut next = (*open).clone();
                    if !next.remove(&key) {
                        next.insert(key.clone());
                    }
                    open.set(next);
                })
            };
            html! {
                <div class="goal-domain" data-domain={domain.to_string()} data-plan={plan.key()}>
                    <h4>
                        <button type="button" class="link goal-toggle" aria-expanded={is_open.to_string()} onclick={toggle}>
                            <span aria-hidden="true">{ if is_open { "▾ " } else { "▸ " } }</span>
                            { format::domain(domain, lang).to_string() }
                        </button>
                        <span class="hint">{ format!(" {} {} · {} {}", goals.len(), m(GoalsMsg::Goals), evaluated(&goals), m(GoalsMsg::Evaluated)).replace(" 项已", "项已") }</span>
                    </h4>
                    if is_open {
                        <ul class="goal-list">
                            { for goals.iter().map(|g| html! { <GoalRow key={g.id.clone()} id={AttrValue::from(g.id.clone())} /> }) }
                        </ul>
                    }
                </div>
            }
        });
        html! {
            <div class="goal-plan">
                <h3>{ plan_title(catalog, plan, lang).to_string() }</h3>
                { for domains }
            </div>
        }
    });

    html! {
        <section class="panel goals" id="goals" aria-labelledby="goals-title">
            <h2 id="goals-title">{ m(GoalsMsg::Title) }
                <span class="hint">{ format!(" {} {} · {} {}", all.len(), m(GoalsMsg::Goals), evaluated(&all), m(GoalsMsg::Evaluated)).replace(" 项已", "项已") }</span>
            </h2>
            <p class="hint">{ m(GoalsMsg::Intro) }</p>
            { for plans }
        </section>
    }
}
