//! One goal without a quantified target: its name, the plan's own words, its
//! source and notes, its suggested proxy (clearly marked as not the plan's,
//! judged when figures for it were pasted), and the staff's evaluation, typed
//! here and kept in the session.

use gapcast_core::catalog::{Direction, Indicator};
use gapcast_core::format;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::status_badge::StatusBadge;
use crate::hooks::use_app;
use crate::i18n::{DetailMsg, GoalsMsg, Lang};
use crate::state::{Action, Panel};

#[derive(Properties, PartialEq)]
pub struct GoalRowProps {
    pub id: AttrValue,
}

pub(crate) fn direction_label(direction: Direction, lang: Lang) -> &'static str {
    match direction {
        Direction::Increase => GoalsMsg::DirIncrease.text(lang),
        Direction::Decrease => GoalsMsg::DirDecrease.text(lang),
        Direction::SlowIncrease => GoalsMsg::DirSlowIncrease.text(lang),
        Direction::Maintain => GoalsMsg::DirMaintain.text(lang),
        Direction::Other => GoalsMsg::DirOther.text(lang),
    }
}

/// The plan's words, the source and the notes of the page's language, as the
/// detail view of an indicator shows them; for a proxy, the mark that the plan
/// did not set it.
pub fn plan_words(indicator: &Indicator, lang: Lang) -> Html {
    let colon = lang.pick("：", ": ");
    html! {
        <>
            if indicator.proxy_for.is_some() {
                <p class="proxy-mark" id="detail-proxy-mark">{ GoalsMsg::ProxyMark.text(lang) }</p>
            }
            if let Some(words) = &indicator.wording_zh {
                <p class="plan-words" id="detail-wording"><span class="hint">{ GoalsMsg::PlanWording.text(lang) }{ colon }</span>
                    <q lang="zh">{ words.clone() }</q></p>
            }
            <p class="hint source">{ DetailMsg::Source.text(lang) }{ colon }{ indicator.source.clone() }
                { for indicator.notes(lang == Lang::Zh).map(|n| html! { <>{ " · " }{ n.to_string() }</> }) }</p>
        </>
    }
}

#[component]
pub fn GoalRow(props: &GoalRowProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let Some(goal) = app.catalog.goal(&props.id) else { return html! {} };
    let m = |msg: GoalsMsg| msg.text(lang);
    let colon = lang.pick("：", ": ");
    let text = app.session.evaluations.get(&goal.id).cloned().unwrap_or_default();
    let on_input = {
        let app = app.clone();
        let id = goal.id.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            app.dispatch(Action::SetEvaluation { id: id.clone(), text });
        })
    };
    let proxy = goal.proxy.as_ref().map(|proxy| {
        let assessment = app.evaluation.assessment(&goal.id).filter(|a| a.n_points > 0);
        let name = lang.pick(&proxy.name_zh, &proxy.name_en).to_string();
        let judged = match assessment {
            Some(a) => {
                let open = {
                    let app = app.clone();
                    let id = goal.id.clone();
                    Callback::from(move |_: MouseEvent| app.dispatch(Action::Open(Panel::Detail(id.clone()))))
                };
                let latest = match (a.latest_value, a.latest_year) {
                    (Some(v), Some(y)) => format!("{}{colon}{} ({y})", m(GoalsMsg::Latest), format::value(v, a.unit, lang)),
                    _ => String::new(),
                };
                html! {
                    <span class="proxy-judged">
                        <StatusBadge status={a.status} severity={a.status_severity} />{ " " }<span class="num">{ latest }</span>{ " " }
                        <button type="button" class="link proxy-open" onclick={open}>{ m(GoalsMsg::Details) }</button>
                    </span>
                }
            }
            None => html! { <span class="hint">{ m(GoalsMsg::ProxyPaste).replace("{name}", &proxy.name_zh) }</span> },
        };
        html! {
            <div class="proxy" data-proxy={proxy.name_zh.clone()}>
                <span class="proxy-mark">{ m(GoalsMsg::ProxyMark) }</span>{ colon }
                <strong>{ name }</strong>{ format!("{}{}{colon}{}{}", lang.pick("（", " ("), m(GoalsMsg::Direction), direction_label(proxy.direction, lang), lang.pick("）", ")")) }
                { " " }{ judged }
            </div>
        }
    });
    let textarea_id = format!("eval-{}", goal.id);
    html! {
        <li class="goal" data-goal={goal.id.clone()}>
            <div class="goal-head">
                <strong class="goal-name">{ lang.pick(&goal.name_zh, &goal.name_en).to_string() }</strong>{ " " }
                <span class="tag no-quantity">{ m(GoalsMsg::NoQuantified) }</span>{ " " }
                <span class="hint">{ format!("{} · {}{colon}{}", goal.id, m(GoalsMsg::Direction), direction_label(goal.direction, lang)) }</span>
            </div>
            <p class="plan-words"><span class="hint">{ m(GoalsMsg::PlanWording) }{ colon }</span><q lang="zh">{ goal.wording_zh.clone() }</q></p>
            <p class="hint source">{ DetailMsg::Source.text(lang) }{ colon }{ goal.source.clone() }
                { for goal.notes(lang == Lang::Zh).map(|n| html! { <>{ " · " }{ n.to_string() }</> }) }</p>
            { for proxy }
            <label class="evaluation" for={textarea_id.clone()}>{ m(GoalsMsg::Evaluation) }</label>
            <textarea id={textarea_id} class="evaluation-text" rows="2" value={text}
                placeholder={m(GoalsMsg::EvaluationPlaceholder)} oninput={on_input} />
        </li>
    }
}
