//! The settings: interval level, status thresholds, the fit window, the current
//! year and the scale for all indicators; each with its METHODS.md default, and
//! a reset. Changes apply at once and are saved with the session.

use gapcast_core::assess::Settings;
use gapcast_core::catalog::Scale;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::dialog::Dialog;
use crate::hooks::use_app;
use crate::i18n::Msg;
use crate::state::{Action, Panel};

/// A numeric setting: its label, how to read it from the settings and how to
/// write it back, and the input's range.
struct NumberField {
    id: &'static str,
    label: Msg,
    get: fn(&Settings) -> f64,
    set: fn(&mut Settings, f64),
    min: f64,
    max: f64,
    step: f64,
}

const FIELDS: [NumberField; 5] = [
    NumberField {
        id: "set-level",
        label: Msg::LevelLabel,
        get: |s| s.level * 100.0,
        set: |s, v| s.level = v / 100.0,
        min: 50.0,
        max: 99.0,
        step: 1.0,
    },
    NumberField {
        id: "set-on-track",
        label: Msg::OnTrackLabel,
        get: |s| s.thresholds.on_track,
        set: |s, v| s.thresholds.on_track = v,
        min: 0.1,
        max: 3.0,
        step: 0.05,
    },
    NumberField {
        id: "set-accel",
        label: Msg::AccelLabel,
        get: |s| s.thresholds.acceleration,
        set: |s, v| s.thresholds.acceleration = v,
        min: 0.0,
        max: 3.0,
        step: 0.05,
    },
    NumberField {
        id: "set-volatile",
        label: Msg::VolatileLabel,
        get: |s| s.thresholds.volatile,
        set: |s, v| s.thresholds.volatile = v,
        min: 0.01,
        max: 1.0,
        step: 0.01,
    },
    NumberField {
        id: "set-outlier",
        label: Msg::OutlierLabel,
        get: |s| s.thresholds.outlier_alpha,
        set: |s, v| s.thresholds.outlier_alpha = v,
        min: 0.001,
        max: 0.5,
        step: 0.01,
    },
];

#[component]
pub fn SettingsPanel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let settings = &app.session.settings;

    let number_inputs = FIELDS.iter().map(|field| {
        let onchange = {
            let app = app.clone();
            let set = field.set;
            let (min, max) = (field.min, field.max);
            Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                // An empty or out-of-range entry is ignored; the field shows the value in force.
                if let Ok(v) = input.value().trim().parse::<f64>() {
                    if (min..=max).contains(&v) {
                        let mut s = app.session.settings.clone();
                        set(&mut s, v);
                        app.dispatch(Action::SetSettings(s));
                    }
                }
            })
        };
        html! {
            <label class="field" for={field.id}>
                <span>{ field.label.text(lang) }</span>
                <input id={field.id} type="number" min={field.min.to_string()} max={field.max.to_string()} step={field.step.to_string()}
                    value={format!("{}", (field.get)(settings))} {onchange} />
            </label>
        }
    });
    let on_from_year = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut s = app.session.settings.clone();
            s.from_year = text.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
            app.dispatch(Action::SetSettings(s));
        })
    };
    let on_current_year = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let year = text.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
            app.dispatch(Action::SetCurrentYear(year.filter(|&y| y != app.clock_year)));
        })
    };
    let on_scale = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let mut s = app.session.settings.clone();
            s.scale_override = Scale::from_key(&e.target_unchecked_into::<HtmlSelectElement>().value());
            app.dispatch(Action::SetSettings(s));
        })
    };
    let reset = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::ResetSettings))
    };
    let close = {
        let app = app.clone();
        Callback::from(move |()| app.dispatch(Action::Open(Panel::None)))
    };
    let scale_option = |value: &'static str, label: Msg, scale: Option<Scale>| {
        html! { <option {value} selected={settings.scale_override == scale}>{ label.text(lang) }</option> }
    };

    html! {
        <Dialog title={Msg::SettingsTitle.text(lang)} id="settings-dialog" on_close={close}>
            <form class="settings-form" onsubmit={|e: SubmitEvent| e.prevent_default()}>
                { for number_inputs }
                <label class="field" for="set-from-year">
                    <span>{ Msg::FromYearLabel.text(lang) }</span>
                    <input id="set-from-year" type="number" min="2000" max="2100" step="1"
                        value={settings.from_year.map(|y| y.to_string()).unwrap_or_default()} onchange={on_from_year} />
                </label>
                <label class="field" for="set-current-year">
                    <span>{ Msg::CurrentYearLabel.text(lang) }</span>
                    <input id="set-current-year" type="number" min="2000" max="2100" step="1"
                        value={settings.current_year.to_string()} onchange={on_current_year} />
                </label>
                <label class="field" for="set-scale">
                    <span>{ Msg::ScaleAllLabel.text(lang) }</span>
                    <select id="set-scale" onchange={on_scale}>
                        { scale_option("", Msg::ScaleAuto, None) }
                        { scale_option("linear", Msg::ScaleLinear, Some(Scale::Linear)) }
                        { scale_option("log", Msg::ScaleLog, Some(Scale::Log)) }
                        { scale_option("logit", Msg::ScaleLogit, Some(Scale::Logit)) }
                    </select>
                </label>
                <p><button type="button" id="reset-settings" onclick={reset}>{ Msg::ResetDefaults.text(lang) }</button></p>
            </form>
        </Dialog>
    }
}
