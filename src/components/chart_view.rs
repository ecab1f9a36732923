//! The trajectory chart of one indicator. The core lays it out
//! (`gapcast_core::chart::layout`) and [`chart_svg`] draws it as Yew SVG
//! elements (the report's charts too, so the page carries one renderer):
//! points are focusable groups whose label shows on hover and on keyboard
//! focus, with a title and a description for screen readers. This adds a
//! legend in words and a visually-hidden table of every value as the chart's
//! text alternative.
//!
//! A view function rather than a component: the detail view is its only user,
//! and each Yew component costs several kilobytes of wasm on a page with a
//! 300 KB budget.

use std::collections::BTreeMap;

use gapcast_core::catalog::Unit;
use gapcast_core::chart::{layout, ChartInput, ChartText};
use gapcast_core::format;
use yew::prelude::*;

use crate::components::chart_svg::chart_svg;
use crate::components::detail::table;
use crate::i18n::{DetailMsg, Lang};

/// The drawing size in SVG units; the page scales it to the dialog's width.
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 320.0;

/// Every series' value in each year, for the text alternative: year,
/// observed, trend, lower, upper, glide path, what-if.
fn rows(input: &ChartInput, unit: Unit) -> Vec<Vec<String>> {
    let mut by_year: BTreeMap<i32, [Option<f64>; 6]> = BTreeMap::new();
    let mut put = |year: i32, column: usize, v: f64| by_year.entry(year).or_default()[column] = Some(v);
    for &(yr, v) in &input.observed {
        put(yr, 0, v);
    }
    for &(yr, v) in input.fitted.iter().chain(&input.projection) {
        put(yr, 1, v);
    }
    for &(yr, lo, hi) in &input.band {
        put(yr, 2, lo);
        put(yr, 3, hi);
    }
    for &(yr, v) in &input.glide {
        put(yr, 4, v);
    }
    for &(yr, v) in &input.what_if {
        put(yr, 5, v);
    }
    by_year
        .into_iter()
        .map(|(yr, values)| {
            std::iter::once(yr.to_string())
                .chain(values.iter().map(|v| v.map(|v| format::bare(v, unit)).unwrap_or_default()))
                .collect()
        })
        .collect()
}

/// The chart of `input` in `unit`, with the legend (naming the `level` of the
/// interval) and the data table; `description` says what it shows in a sentence.
#[inline(never)]
pub fn chart_view(input: &ChartInput, unit: Unit, level: f64, description: &str, lang: Lang) -> Html {
    let m = |msg: DetailMsg| msg.text(lang);
    let chart = layout(input, WIDTH, HEIGHT);
    let svg = chart_svg(
        &chart,
        &ChartText {
            id: "detail-chart",
            title: m(DetailMsg::ChartTitle),
            desc: description,
            unit,
            lang,
            milestone: m(DetailMsg::Milestone),
            glide: m(DetailMsg::GlidePath),
            projection: m(DetailMsg::Projection),
            scenario: m(DetailMsg::Scenario),
        },
    );

    let band = format!("{}% {}", format::number(level * 100.0, 0), m(DetailMsg::Band));
    let legend: Vec<(&str, &str)> = [
        (!input.observed.is_empty(), "observed", m(DetailMsg::Observed)),
        (!chart.fitted.is_empty(), "fitted", m(DetailMsg::Fitted)),
        (!chart.projection.is_empty(), "projection", m(DetailMsg::Projection)),
        (!chart.band.is_empty(), "band", band.as_str()),
        (chart.target.is_some(), "target", m(DetailMsg::TargetLine)),
        (!chart.milestones.is_empty(), "milestone", m(DetailMsg::Milestone)),
        (!chart.glide.is_empty(), "glide", m(DetailMsg::Glide)),
        (chart.checkpoint.is_some(), "checkpoint", m(DetailMsg::Checkpoint)),
        (!chart.what_if.is_empty(), "what-if", m(DetailMsg::Scenario)),
    ]
    .into_iter()
    .filter_map(|(shown, class, text)| shown.then_some((class, text)))
    .collect();
    let head = [
        DetailMsg::Year,
        DetailMsg::Observed,
        DetailMsg::Projection,
        DetailMsg::Lower,
        DetailMsg::Upper,
        DetailMsg::GlidePath,
        DetailMsg::Scenario,
    ]
    .map(|msg| m(msg).to_string())
    .to_vec();
    let caption = format!("{} ({})", m(DetailMsg::DataTable), lang.pick(unit.symbol_zh(), unit.symbol_en()).trim());

    html! {
        <figure class="chart-figure" onkeydown={Callback::from(step_between_points)}>
            { svg }
            if chart.band_clipped {
                <p class="hint band-clipped" id="band-clipped">{ m(DetailMsg::BandClipped) }</p>
            }
            <figcaption>
                <ul class="legend" id="chart-legend">
                    { for legend.into_iter().map(|(class, text)| html! {
                        <li><span class={classes!("swatch", format!("swatch-{class}"))} aria-hidden="true"></span>{ text }</li>
                    }) }
                </ul>
                <p class="hint">{ m(DetailMsg::ChartHint) }</p>
            </figcaption>
            { table("visually-hidden chart-data", Some(caption), head, rows(input, unit)) }
        </figure>
    }
}

/// The arrow keys move the focus between a chart's points (Home and End to the
/// first and last), so the chart is one tab stop however many points it has.
/// The points are siblings in the SVG, so this walks siblings.
fn step_between_points(e: KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let (forward, to_end) = match e.key().as_str() {
        "ArrowRight" | "ArrowDown" => (true, false),
        "ArrowLeft" | "ArrowUp" => (false, false),
        "End" => (true, true),
        "Home" => (false, true),
        _ => return,
    };
    let Some(current) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let is_point = |el: &web_sys::Element| el.get_attribute("class").is_some_and(|c| c.starts_with("pt "));
    if !is_point(&current) {
        return;
    }
    let step = |el: &web_sys::Element| if forward { el.next_element_sibling() } else { el.previous_element_sibling() };
    let mut target = None;
    let mut at = step(&current);
    while let Some(el) = at {
        if is_point(&el) {
            target = Some(el.clone());
            if !to_end {
                break;
            }
        }
        at = step(&el);
    }
    // SVG elements are focusable but web-sys's `Element` has no `focus`: call it.
    if let Some(point) = target {
        e.prevent_default();
        if let Ok(focus) = js_sys::Reflect::get(&point, &"focus".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            let _ = focus.call0(&point);
        }
    }
}
