//! The trajectory chart of one indicator, drawn from the core's chart geometry
//! (`gapcast_core::chart::layout`): this component only turns pixels into SVG
//! elements. Every drawn point is a focusable group whose label shows on hover
//! and on keyboard focus; a legend says what each line is in words; a
//! visually-hidden table lists every value, so the chart has a text
//! alternative.

use std::collections::BTreeMap;
use std::rc::Rc;

use gapcast_core::catalog::Unit;
use gapcast_core::chart::{layout, text_width, Chart, ChartInput, Marker, TargetGeom};
use gapcast_core::format;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{DetailMsg, Lang};

/// The drawing size in SVG units; the page scales it to the dialog's width.
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 320.0;
const TIP_FONT: f64 = 12.0;

#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    pub input: Rc<ChartInput>,
    pub unit: Unit,
    /// The interval level, for the legend ("80% prediction interval").
    pub level: f64,
    /// What the chart says, in one sentence, for screen readers.
    pub description: AttrValue,
}

/// SVG coordinates to one decimal.
fn px(v: f64) -> String {
    format!("{v:.1}")
}

/// A drawn point that shows `label` on hover and focus.
fn point(chart: &Chart, m: &Marker, class: &'static str, shape: Html, label: String) -> Html {
    let (w, h) = (text_width(&label, TIP_FONT) + 12.0, 20.0);
    let (x, y) = chart.tip_origin(m, w, h);
    html! {
        <g class={classes!("pt", class)} tabindex="0" role="img" aria-label={label.clone()} data-year={m.year.to_string()}>
            <circle class="hit" cx={px(m.x)} cy={px(m.y)} r="9" />
            { shape }
            <g class="tip" aria-hidden="true">
                <rect x={px(x)} y={px(y)} width={px(w)} height={px(h)} rx="3" />
                <text x={px(x + 6.0)} y={px(y + 14.0)}>{ label }</text>
            </g>
        </g>
    }
}

/// A small sample of a line style for the legend.
fn swatch(class: &'static str) -> Html {
    let shape = match class {
        "band" => html! { <rect class="band" x="1" y="3" width="26" height="10" /> },
        "observed" => html! { <circle class="observed" cx="14" cy="8" r="4" /> },
        "milestone" => html! { <rect class="milestone" x="10" y="4" width="8" height="8" /> },
        "checkpoint" => html! { <path class="checkpoint" d="M14,3L19,8L14,13L9,8Z" /> },
        _ => html! { <line class={class} x1="1" x2="27" y1="8" y2="8" /> },
    };
    html! { <svg class="swatch" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true">{ shape }</svg> }
}

/// One row of the text alternative: every series' value in one year.
#[derive(Default)]
struct Row {
    observed: Option<f64>,
    trend: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    glide: Option<f64>,
    what_if: Option<f64>,
}

fn data_table(input: &ChartInput, unit: Unit, lang: Lang) -> Html {
    let mut rows: BTreeMap<i32, Row> = BTreeMap::new();
    for &(yr, v) in &input.observed {
        rows.entry(yr).or_default().observed = Some(v);
    }
    for &(yr, v) in input.fitted.iter().chain(&input.projection) {
        rows.entry(yr).or_default().trend = Some(v);
    }
    for &(yr, lo, hi) in &input.band {
        let row = rows.entry(yr).or_default();
        row.lower = Some(lo);
        row.upper = Some(hi);
    }
    for &(yr, v) in &input.glide {
        rows.entry(yr).or_default().glide = Some(v);
    }
    for &(yr, v) in &input.what_if {
        rows.entry(yr).or_default().what_if = Some(v);
    }
    let cell = |v: Option<f64>| html! { <td>{ v.map(|v| format::bare(v, unit)).unwrap_or_default() }</td> };
    let m = |msg: DetailMsg| msg.text(lang);
    html! {
        <table class="visually-hidden chart-data">
            <caption>{ m(DetailMsg::DataTable) }{ " (" }{ lang.pick(unit.symbol_zh(), unit.symbol_en()).trim() }{ ")" }</caption>
            <thead><tr>
                <th scope="col">{ m(DetailMsg::Year) }</th>
                <th scope="col">{ m(DetailMsg::Observed) }</th>
                <th scope="col">{ m(DetailMsg::Projection) }</th>
                <th scope="col">{ m(DetailMsg::Lower) }</th>
                <th scope="col">{ m(DetailMsg::Upper) }</th>
                <th scope="col">{ m(DetailMsg::GlidePath) }</th>
                <th scope="col">{ m(DetailMsg::Scenario) }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|(yr, r)| html! {
                    <tr>
                        <th scope="row">{ yr }</th>
                        { cell(r.observed) }{ cell(r.trend) }{ cell(r.lower) }{ cell(r.upper) }{ cell(r.glide) }{ cell(r.what_if) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let lang = use_lang();
    let input = &*props.input;
    let chart = layout(input, WIDTH, HEIGHT);
    let unit = props.unit;
    let p = chart.plot;
    let value = |v: f64| format::value(v, unit, lang);
    let m = |msg: DetailMsg| msg.text(lang);

    let grid = chart.y_ticks.iter().map(|t| {
        html! {
            <g>
                <line class="grid" x1={px(p.left)} x2={px(p.right)} y1={px(t.pos)} y2={px(t.pos)} />
                <text class="tick y" x={px(p.left - 6.0)} y={px(t.pos + 4.0)}>{ t.label.clone() }</text>
            </g>
        }
    });
    let x_ticks = chart.x_ticks.iter().map(|t| {
        html! { <text class="tick x" x={px(t.pos)} y={px(p.bottom + 18.0)}>{ t.label.clone() }</text> }
    });
    let target = match chart.target {
        Some(TargetGeom::Line { y }) => html! { <line class="target" x1={px(p.left)} x2={px(p.right)} y1={px(y)} y2={px(y)} /> },
        Some(TargetGeom::Band { y_top, y_bottom }) => html! {
            <rect class="target-band" x={px(p.left)} y={px(y_top)} width={px(p.right - p.left)} height={px((y_bottom - y_top).max(1.0))} />
        },
        None => html! {},
    };
    let path = |class: &'static str, d: &str| -> Html {
        if d.is_empty() {
            html! {}
        } else {
            html! { <path class={class} d={d.to_string()} /> }
        }
    };

    let observed = chart.observed.iter().map(|mk| {
        let shape = html! { <circle class="observed" cx={px(mk.x)} cy={px(mk.y)} r="4" /> };
        point(&chart, mk, "pt-observed", shape, format!("{}: {}", mk.year, value(mk.value)))
    });
    let milestones = chart.milestones.iter().map(|mk| {
        let shape = html! { <rect class="milestone" x={px(mk.x - 4.5)} y={px(mk.y - 4.5)} width="9" height="9" /> };
        point(&chart, mk, "pt-milestone", shape, format!("{} {}: {}", mk.year, m(DetailMsg::Milestone), value(mk.value)))
    });
    let checkpoint = chart.checkpoint.iter().map(|mk| {
        let d = format!("M{},{}L{},{}L{},{}L{},{}Z", px(mk.x), px(mk.y - 6.0), px(mk.x + 6.0), px(mk.y), px(mk.x), px(mk.y + 6.0), px(mk.x - 6.0), px(mk.y));
        let shape = html! { <path class="checkpoint" d={d} /> };
        point(&chart, mk, "pt-checkpoint", shape, format!("{} {}: {}", mk.year, m(DetailMsg::GlidePath), value(mk.value)))
    });
    // The projection's end carries its interval in the label.
    let band_at_end = input.band.last().filter(|b| Some(b.0) == chart.projection_end.as_ref().map(|e| e.year));
    let projection_end = chart.projection_end.iter().map(|mk| {
        let interval = band_at_end.map(|&(_, lo, hi)| format!(" ({}–{})", format::bare(lo, unit), format::bare(hi, unit))).unwrap_or_default();
        let shape = html! { <circle class="projection-end" cx={px(mk.x)} cy={px(mk.y)} r="4" /> };
        point(&chart, mk, "pt-projection", shape, format!("{} {}: {}{interval}", mk.year, m(DetailMsg::Projection), value(mk.value)))
    });
    let what_if_end = chart.what_if_end.iter().map(|mk| {
        let shape = html! { <circle class="what-if-end" cx={px(mk.x)} cy={px(mk.y)} r="4.5" /> };
        point(&chart, mk, "pt-what-if", shape, format!("{} {}: {}", mk.year, m(DetailMsg::Scenario), value(mk.value)))
    });

    let band_label = format!("{}% {}", format::number(props.level * 100.0, 0), m(DetailMsg::Band));
    let mut legend: Vec<(&'static str, String)> = Vec::new();
    if !input.observed.is_empty() {
        legend.push(("observed", m(DetailMsg::Observed).to_string()));
    }
    if !chart.fitted.is_empty() {
        legend.push(("fitted", m(DetailMsg::Fitted).to_string()));
    }
    if !chart.projection.is_empty() {
        legend.push(("projection", m(DetailMsg::Projection).to_string()));
    }
    if !chart.band.is_empty() {
        legend.push(("band", band_label));
    }
    if chart.target.is_some() {
        legend.push(("target", m(DetailMsg::TargetLine).to_string()));
    }
    if !chart.milestones.is_empty() {
        legend.push(("milestone", m(DetailMsg::Milestone).to_string()));
    }
    if !chart.glide.is_empty() {
        legend.push(("glide", m(DetailMsg::Glide).to_string()));
    }
    if chart.checkpoint.is_some() {
        legend.push(("checkpoint", m(DetailMsg::Checkpoint).to_string()));
    }
    if !chart.what_if.is_empty() {
        legend.push(("what-if", m(DetailMsg::Scenario).to_string()));
    }

    html! {
        <figure class="chart-figure">
            <svg class="chart" id="detail-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group"
                aria-labelledby="detail-chart-title detail-chart-desc">
                <title id="detail-chart-title">{ m(DetailMsg::ChartTitle) }</title>
                <desc id="detail-chart-desc">{ props.description.clone() }</desc>
                <rect class="frame" x={px(p.left)} y={px(p.top)} width={px(p.right - p.left)} height={px(p.bottom - p.top)} />
                { for grid }
                { for x_ticks }
                { target }
                { path("band", &chart.band) }
                { path("glide", &chart.glide) }
                { path("fitted", &chart.fitted) }
                { path("projection", &chart.projection) }
                { path("what-if", &chart.what_if) }
                { for milestones }
                { for checkpoint }
                { for projection_end }
                { for observed }
                { for what_if_end }
            </svg>
            if chart.band_clipped {
                <p class="hint band-clipped" id="band-clipped">{ m(DetailMsg::BandClipped) }</p>
            }
            <figcaption>
                <ul class="legend" id="chart-legend">
                    { for legend.into_iter().map(|(class, text)| html! { <li>{ swatch(class) }{ text }</li> }) }
                </ul>
                <p class="hint">{ m(DetailMsg::ChartHint) }</p>
            </figcaption>
            { data_table(input, unit, lang) }
        </figure>
    }
}
