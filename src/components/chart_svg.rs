//! A laid-out chart ([`gapcast_core::chart::Chart`]) drawn as Yew SVG elements:
//! labelled for screen readers (`<title>`, `<desc>`), every drawn point a
//! focusable group whose label shows on hover and on keyboard focus (the
//! stylesheet reveals `.pt:hover .tip, .pt:focus .tip`). Text reaches the DOM
//! as text nodes and attribute values, so it is escaped by construction; the
//! markup is the same as the core's string renderer (`Chart::to_svg_labelled`,
//! which the snapshot tests read), element for element.
//!
//! A view function, not a component: the detail view and the report call it
//! with geometry already computed, and it keeps no state.

use gapcast_core::chart::{text_width, Chart, ChartText, Marker, TargetGeom};
use gapcast_core::format;
use yew::prelude::*;

/// A pixel coordinate as the drawing writes it: one decimal.
fn px(v: f64) -> String {
    format!("{v:.1}")
}

/// The chart `chart` with the words of `text`.
pub fn chart_svg(chart: &Chart, text: &ChartText) -> Html {
    let p = chart.plot;
    let id = text.id;
    let value = |v: f64| format::value(v, text.unit, text.lang);
    let mut points: Vec<Html> = Vec::new();
    let mut point = |m: &Marker, kind: &'static str, shape: Html, label: String| {
        let (w, h) = (text_width(&label, 12.0) + 12.0, 20.0);
        let (x, y) = chart.tip_origin(m, w, h);
        // One tab stop for the whole chart (the first point); the arrow keys
        // move between points, so Tab reaches the controls after the chart.
        let tabindex = if points.is_empty() { "0" } else { "-1" };
        points.push(html! {
            <g class={format!("pt pt-{kind}")} {tabindex} role="img" aria-label={label.clone()} data-year={m.year.to_string()}>
                <circle class="hit" cx={px(m.x)} cy={px(m.y)} r="9" />
                { shape }
                <g class="tip" aria-hidden="true">
                    <rect x={px(x)} y={px(y)} width={px(w)} height={px(h)} rx="3" />
                    <text x={px(x + 6.0)} y={px(y + 14.0)}>{ label }</text>
                </g>
            </g>
        });
    };
    for m in &chart.milestones {
        let shape = html! { <rect class="milestone" x={px(m.x - 4.5)} y={px(m.y - 4.5)} width="9" height="9" /> };
        point(m, "milestone", shape, format!("{} {}: {}", m.year, text.milestone, value(m.value)));
    }
    if let Some(c) = &chart.checkpoint {
        let d = format!(
            "M{0:.1},{1:.1}L{2:.1},{3:.1}L{0:.1},{4:.1}L{5:.1},{3:.1}Z",
            c.x,
            c.y - 6.0,
            c.x + 6.0,
            c.y,
            c.y + 6.0,
            c.x - 6.0
        );
        point(
            c,
            "checkpoint",
            html! { <path class="checkpoint" {d} /> },
            format!("{} {}: {}", c.year, text.glide, value(c.value)),
        );
    }
    if let Some(e) = &chart.projection_end {
        let interval = match chart.projection_end_interval {
            Some((lo, hi)) => format!(" ({}–{})", format::bare(lo, text.unit), format::bare(hi, text.unit)),
            None => String::new(),
        };
        let shape = html! { <circle class="projection-end" cx={px(e.x)} cy={px(e.y)} r="4" /> };
        point(e, "projection", shape, format!("{} {}: {}{interval}", e.year, text.projection, value(e.value)));
    }
    for m in &chart.observed {
        let shape = html! { <circle class="observed" cx={px(m.x)} cy={px(m.y)} r="4" /> };
        point(m, "observed", shape, format!("{}: {}", m.year, value(m.value)));
    }
    if let Some(e) = &chart.what_if_end {
        let shape = html! { <circle class="what-if-end" cx={px(e.x)} cy={px(e.y)} r="4.5" /> };
        point(e, "what-if", shape, format!("{} {}: {}", e.year, text.scenario, value(e.value)));
    }

    let target = match chart.target {
        Some(TargetGeom::Line { y }) => {
            html! { <line class="target" x1={px(p.left)} x2={px(p.right)} y1={px(y)} y2={px(y)} /> }
        }
        Some(TargetGeom::Band { y_top, y_bottom }) => html! {
            <rect class="target-band" x={px(p.left)} y={px(y_top)} width={px(p.right - p.left)} height={px(y_bottom - y_top)} />
        },
        None => html! {},
    };
    let paths = [
        ("band", &chart.band),
        ("whisker", &chart.whiskers),
        ("glide", &chart.glide),
        ("fitted", &chart.fitted),
        ("projection", &chart.projection),
        ("what-if", &chart.what_if),
    ];
    html! {
        <svg xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {} {}", chart.width, chart.height)} class="chart"
            id={id.to_string()} role="group" aria-labelledby={format!("{id}-title {id}-desc")}>
            <title id={format!("{id}-title")}>{ text.title }</title>
            <desc id={format!("{id}-desc")}>{ text.desc }</desc>
            <rect class="frame" x={px(p.left)} y={px(p.top)} width={px(p.right - p.left)} height={px(p.bottom - p.top)} />
            { for chart.y_ticks.iter().map(|t| html! { <>
                <line class="grid" x1={px(p.left)} x2={px(p.right)} y1={px(t.pos)} y2={px(t.pos)} />
                <text class="tick y" x={px(p.left - 6.0)} y={px(t.pos + 4.0)}>{ &t.label }</text>
            </> }) }
            { for chart.x_ticks.iter().map(|t| html! {
                <text class="tick x" x={px(t.pos)} y={px(p.bottom + 18.0)}>{ &t.label }</text>
            }) }
            { target }
            { for paths.into_iter().filter(|(_, d)| !d.is_empty()).map(|(class, d)| html! { <path {class} d={d.clone()} /> }) }
            { for points }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapcast_core::catalog::Unit;
    use gapcast_core::chart::{layout, ChartInput, TargetMark};
    use gapcast_core::format::Lang;

    #[derive(Properties, PartialEq)]
    struct Props {
        chart: Chart,
    }

    #[component]
    fn Harness(props: &Props) -> Html {
        chart_svg(&props.chart, &words())
    }

    fn words() -> ChartText<'static> {
        ChartText {
            id: "c",
            title: "孕产妇死亡率 <b>&",
            desc: "按当前趋势 \"下降\"",
            unit: Unit::Per100kLiveBirths,
            lang: Lang::Zh,
            milestone: "阶段目标",
            glide: "规划进度线",
            projection: "趋势预测",
            scenario: "假设情景",
        }
    }

    /// Markup with each start tag's attributes sorted, comments dropped and
    /// empty elements in one form, so the two renderers compare element for
    /// element (Yew's server renderer writes `class` last, the core first).
    fn normalised(html: &str) -> Vec<String> {
        let mut html = html.to_string();
        while let Some(start) = html.find("<!--") {
            let end = html[start..].find("-->").map_or(html.len(), |e| start + e + 3);
            html.replace_range(start..end, "");
        }
        let mut out = Vec::new();
        for part in html.split('<').skip(1) {
            let (tag, text) = part.split_once('>').unwrap_or((part, ""));
            let tag = tag.trim_end_matches('/').trim_end();
            let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
            let mut attrs: Vec<&str> =
                attrs.split("\" ").map(|a| a.trim().trim_end_matches('"')).filter(|a| !a.is_empty()).collect();
            attrs.sort();
            out.push(format!("<{name} {}>", attrs.join(" ")));
            if !text.is_empty() {
                out.push(text.replace("&quot;", "\""));
            }
        }
        out.retain(|t| !matches!(t.as_str(), "</rect >" | "</circle >" | "</line >" | "</path >"));
        out
    }

    #[tokio::test]
    async fn the_yew_drawing_is_the_core_drawing() {
        let input = ChartInput {
            observed: vec![(2019, 9.1), (2020, 8.2), (2021, 8.6), (2022, 7.9), (2023, 7.4)],
            fitted: vec![(2019, 9.0), (2023, 7.5)],
            projection: vec![(2023, 7.5), (2030, 5.5)],
            band: vec![(2023, 7.0, 8.0), (2030, 4.0, 7.0)],
            target: Some(TargetMark::Line(7.5)),
            target_year: 2030,
            milestones: vec![(2025, 8.0)],
            glide: vec![(2020, 8.2), (2030, 7.5)],
            checkpoint: Some((2025, 7.85)),
            what_if: vec![(2023, 7.4), (2030, 6.0)],
            bounds: (Some(0.0), None),
            ..ChartInput::default()
        };
        let chart = layout(&input, 640.0, 190.0);
        let core = chart.to_svg_labelled(&words());
        let yew = yew::LocalServerRenderer::<Harness>::with_props(Props { chart }).render().await;
        assert_eq!(normalised(&yew), normalised(&core));
        assert!(yew.contains("孕产妇死亡率 &lt;b&gt;&amp;"), "text is escaped: {yew}");
    }
}
