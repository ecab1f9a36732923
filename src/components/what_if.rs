//! The what-if control: an annual change as a number and as a slider (units a
//! year, or percent a year on the log scale), "required pace" and "current
//! pace" buttons and a reset, with the scenario's values in the mid-term and
//! target years and whether they meet the target. It emits scenarios
//! (`Option<WhatIfChange>`), never DOM events: `on_change` while the slider
//! moves or a number is typed, `on_commit` once it settles (slider released,
//! number entered, a button pressed). The parent runs them through the core,
//! and stores settled ones in the session.
//!
//! A view function rather than a component, to keep the page's wasm small;
//! the detail view owns its one piece of state (the number being typed).

use std::rc::Rc;

use gapcast_core::assess::{WhatIf, WhatIfChange};
use gapcast_core::catalog::Unit;
use gapcast_core::explain::{PaceRange, PaceUnit};
use gapcast_core::format;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{DetailMsg, Lang};

/// What the control shows and where it sends scenarios.
pub struct WhatIfView {
    pub range: PaceRange,
    pub unit: Unit,
    /// The scenario shown: the one being moved, else the stored one.
    pub scenario: Option<WhatIfChange>,
    /// The scenario run through the core.
    pub result: Option<Rc<WhatIf>>,
    /// The scenario in one sentence (from the core).
    pub reading: AttrValue,
    /// No scenario can run (no figures, or the target year has passed).
    pub disabled: bool,
    pub on_change: Callback<Option<WhatIfChange>>,
    pub on_commit: Callback<Option<WhatIfChange>>,
}

/// Decimals a control value needs at this step (0.05 → 2).
fn decimals(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()).clamp(0.0, 6.0) as usize
    }
}

/// The words after the number: "%/年", "个百分点/年", "/10万/年".
fn unit_label(range: &PaceRange, unit: Unit, lang: Lang) -> String {
    match (range.unit, unit) {
        (PaceUnit::PercentPerYear, _) => DetailMsg::PercentAYear.text(lang).to_string(),
        (PaceUnit::UnitsPerYear, Unit::Percent) => DetailMsg::PointsAYear.text(lang).to_string(),
        (PaceUnit::UnitsPerYear, _) => {
            format!("{}{}", lang.pick(unit.symbol_zh(), unit.symbol_en()).trim(), DetailMsg::AYear.text(lang))
        }
    }
}

/// A met / not met badge, by shape and text as well as colour.
fn met_badge(met: Option<bool>, id: Option<&'static str>, lang: Lang) -> Html {
    match met {
        Some(true) => {
            html! { <span class="badge sev-green" id={id} data-met="true"><span aria-hidden="true">{ "✔ " }</span>{ DetailMsg::Met.text(lang) }</span> }
        }
        Some(false) => {
            html! { <span class="badge sev-red" id={id} data-met="false"><span aria-hidden="true">{ "✖ " }</span>{ DetailMsg::NotMet.text(lang) }</span> }
        }
        None => html! { <span class="quiet" id={id}>{ "—" }</span> },
    }
}

/// The control. `draft` is what the user is typing in the number field, kept
/// as typed until it loses focus, so re-rendering never rewrites "-0." under
/// the cursor.
#[inline(never)]
pub fn what_if_control(props: &WhatIfView, draft: &UseStateHandle<Option<String>>, lang: Lang) -> Html {
    let m = |msg: DetailMsg| msg.text(lang);
    let range = props.range;

    let value = match props.scenario {
        Some(WhatIfChange::UnitsPerYear(x) | WhatIfChange::PercentPerYear(x)) => x,
        Some(WhatIfChange::RequiredPace) => range.required.unwrap_or(0.0),
        None => range.current.unwrap_or(0.0),
    };
    let shown = format::number(value, decimals(range.step));

    let on_slider = {
        let (on_change, draft) = (props.on_change.clone(), draft.clone());
        Callback::from(move |e: InputEvent| {
            draft.set(None);
            if let Ok(v) = e.target_unchecked_into::<HtmlInputElement>().value().parse::<f64>() {
                on_change.emit(Some(range.change(v)));
            }
        })
    };
    let on_number = {
        let (on_change, draft) = (props.on_change.clone(), draft.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(v) = text.trim().parse::<f64>().ok().filter(|v| v.is_finite()) {
                on_change.emit(Some(range.change(v)));
            }
            draft.set(Some(text));
        })
    };
    let on_slider_done = {
        let on_commit = props.on_commit.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = e.target_unchecked_into::<HtmlInputElement>().value().parse::<f64>() {
                on_commit.emit(Some(range.change(v)));
            }
        })
    };
    let on_number_done = {
        let on_commit = props.on_commit.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(v) = text.trim().parse::<f64>().ok().filter(|v| v.is_finite()) {
                on_commit.emit(Some(range.change(v)));
            }
        })
    };
    let on_blur = {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| draft.set(None))
    };
    let emit = |change: Option<WhatIfChange>| {
        let (on_commit, draft) = (props.on_commit.clone(), draft.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            on_commit.emit(change);
        })
    };

    let unit_text = unit_label(&range, props.unit, lang);
    let pace_text = |v: f64| match range.unit {
        PaceUnit::PercentPerYear => format::rate_per_year(v / 100.0, lang),
        PaceUnit::UnitsPerYear => format::change_per_year(v, props.unit, lang),
    };
    let result = props.result.as_deref();
    let value_of = |v: Option<f64>| v.map(|v| format::value(v, props.unit, lang)).unwrap_or_else(|| "—".to_string());

    html! {
        <section class="whatif" id="whatif" aria-labelledby="whatif-title">
            <h3 id="whatif-title">{ m(DetailMsg::WhatIfTitle) }</h3>
            <p class="hint">{ m(DetailMsg::WhatIfHint) }</p>
            <div class="whatif-inputs">
                <label class="whatif-number">
                    <span>{ m(DetailMsg::AnnualChange) }</span>
                    <input id="whatif-number" type="number" step="any" inputmode="decimal" disabled={props.disabled}
                        value={(**draft).clone().unwrap_or(shown)} oninput={on_number} onchange={on_number_done} onblur={on_blur} />
                    <span class="unit">{ unit_text }</span>
                </label>
                <input id="whatif-slider" type="range" aria-label={m(DetailMsg::Slider)} disabled={props.disabled}
                    min={range.min.to_string()} max={range.max.to_string()} step={range.step.to_string()}
                    value={value.clamp(range.min, range.max).to_string()} list="whatif-marks" oninput={on_slider} onchange={on_slider_done} />
                <datalist id="whatif-marks">
                    { for range.current.map(|v| html! { <option value={v.to_string()} label={m(DetailMsg::Now)} /> }) }
                    { for range.required.map(|v| html! { <option value={v.to_string()} label={m(DetailMsg::Needed)} /> }) }
                </datalist>
                <p class="paces hint">
                    if let Some(c) = range.current { <span>{ m(DetailMsg::Now) }{ " " }{ pace_text(c) }</span> }
                    if let Some(r) = range.required { <span>{ m(DetailMsg::Needed) }{ " " }{ pace_text(r) }</span> }
                </p>
                <div class="row">
                    <button type="button" id="whatif-required" disabled={props.disabled || range.required.is_none()}
                        aria-pressed={(props.scenario == Some(WhatIfChange::RequiredPace)).to_string()}
                        onclick={emit(Some(WhatIfChange::RequiredPace))}>{ m(DetailMsg::UseRequired) }</button>
                    <button type="button" id="whatif-current" disabled={props.disabled || range.current.is_none()}
                        onclick={emit(range.current.map(|c| range.change(c)))}>{ m(DetailMsg::UseCurrent) }</button>
                    <button type="button" id="whatif-reset" disabled={props.scenario.is_none()} onclick={emit(None)}>{ m(DetailMsg::Reset) }</button>
                </div>
            </div>
            if let Some(w) = result {
                <dl class="whatif-values">
                    <div><dt>{ w.mid_term_year }</dt><dd id="whatif-mid">{ value_of(w.value_mid_term) }</dd></div>
                    <div><dt>{ w.target_year }</dt><dd id="whatif-end">{ value_of(w.value_at_target) }</dd></div>
                    <div><dt>{ m(DetailMsg::Target) }</dt><dd>{ met_badge(w.met, Some("whatif-met"), lang) }</dd></div>
                    { for w.milestones.iter().map(|ms| html! {
                        <div class="whatif-milestone"><dt>{ format!("{} {}", ms.year, m(DetailMsg::Milestone)) }</dt>
                            <dd>{ value_of(ms.value) }{ " " }{ met_badge(ms.met, None, lang) }</dd></div>
                    }) }
                </dl>
                <p class="whatif-reading" id="whatif-reading" aria-live="polite">{ props.reading.clone() }</p>
            } else {
                <p class="hint" id="whatif-reading">{ if props.reading.is_empty() { AttrValue::from(m(DetailMsg::NoScenario)) } else { props.reading.clone() } }</p>
            }
        </section>
    }
}
