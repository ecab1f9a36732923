//! Chart geometry: everything about an indicator's trajectory chart that is
//! arithmetic (scales, ticks, paths, bands), computed here as plain data so it
//! is pure and snapshot-testable. The app only turns a [`Chart`] into `<svg>`
//! elements; [`Chart::to_svg`] renders the same geometry into a string for tests
//! and for the printable report.
//!
//! Modelled on plotters' coordinate layer: a scale maps a value into a pixel
//! range, ticks are "key points" at round values, and the degenerate cases (one
//! point, a flat series, an interval far wider than the data) are handled
//! explicitly rather than left to divide by zero.
//!
//! `layout`, `input_for` and the renderer are `#[inline(never)]`: the page
//! calls each once, and inlined into the view they made the wasm larger.

use std::fmt::Write;

use crate::assess::scale::ModelScale;
use crate::assess::{Assessment, WhatIf};
use crate::catalog::{Indicator, Scale as FitScale, Unit};
use crate::format::{self, Lang};
use crate::series::Point;

/// What to draw, in data units. Every series is (year, value).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartInput {
    /// Observed points.
    pub observed: Vec<(i32, f64)>,
    /// The fitted trend over the observed years.
    pub fitted: Vec<(i32, f64)>,
    /// The projection from the latest year to the target year.
    pub projection: Vec<(i32, f64)>,
    /// The prediction interval: (year, lower, upper).
    pub band: Vec<(i32, f64, f64)>,
    /// The target: a line or a band.
    pub target: Option<TargetMark>,
    /// The target year (the x axis always reaches it).
    pub target_year: i32,
    /// A year the x axis starts at or before (the plan's base year), so a
    /// chart with few or no figures still shows the plan period.
    pub first_year: Option<i32>,
    /// Milestones: (year, value).
    pub milestones: Vec<(i32, f64)>,
    /// The glide path from the base value to the target.
    pub glide: Vec<(i32, f64)>,
    /// The glide path's value at the mid-term checkpoint (2025).
    pub checkpoint: Option<(i32, f64)>,
    /// The what-if path.
    pub what_if: Vec<(i32, f64)>,
    /// Values the indicator can never leave (e.g. [0, 100] for a percentage).
    pub bounds: (Option<f64>, Option<f64>),
}

/// A target drawn as a line at one value, or as a band (≈ and between targets).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetMark {
    Line(f64),
    Band(f64, f64),
}

/// A linear map from a data interval onto a pixel interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Scale {
    /// A scale over `domain`; a degenerate domain (one value) is widened around
    /// that value so the map stays finite and the value lands mid-range.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (lo, hi) = domain;
        let domain = if (hi - lo).abs() < f64::EPSILON * lo.abs().max(1.0) {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
            (lo - pad, hi + pad)
        } else {
            domain
        };
        Scale { domain, range }
    }

    /// Maps a data value to a pixel position.
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// A tick: where it sits (pixels) and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
}

/// A drawn point with its data, so the view can label it on hover or focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    pub year: i32,
    pub value: f64,
}

/// The plotting rectangle inside the chart's margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The computed chart: everything the view draws, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub observed: Vec<Marker>,
    /// SVG path data (`d`) for each line; empty when there is nothing to draw.
    pub fitted: String,
    pub projection: String,
    pub band: String,
    /// Whether the interval reaches beyond the drawn range (and was cut there).
    pub band_clipped: bool,
    /// Target line y, or band (y_top, y_bottom).
    pub target: Option<TargetGeom>,
    pub milestones: Vec<Marker>,
    pub glide: String,
    pub checkpoint: Option<Marker>,
    pub what_if: String,
    /// The last projected point (the target year), to label on hover or focus.
    pub projection_end: Option<Marker>,
    /// The interval at the projection's end, in data units.
    pub projection_end_interval: Option<(f64, f64)>,
    /// The what-if path's last point (the target year).
    pub what_if_end: Option<Marker>,
}

/// The target in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetGeom {
    Line { y: f64 },
    Band { y_top: f64, y_bottom: f64 },
}

const MARGIN: Rect = Rect { left: 52.0, top: 14.0, right: 14.0, bottom: 28.0 };

/// Lays out a chart of `width` × `height` pixels.
#[inline(never)]
pub fn layout(input: &ChartInput, width: f64, height: f64) -> Chart {
    let plot = Rect {
        left: MARGIN.left,
        top: MARGIN.top,
        right: (width - MARGIN.right).max(MARGIN.left + 1.0),
        bottom: (height - MARGIN.bottom).max(MARGIN.top + 1.0),
    };

    let (x_lo, x_hi) = year_extent(input);
    let x = Scale::new((x_lo as f64, x_hi as f64), (plot.left, plot.right));
    let (y_lo, y_hi) = value_extent(input);
    let mut y_ticks_values = nice_ticks(y_lo, y_hi, 5);
    pad_edge_ticks(&mut y_ticks_values, input);
    // The axis runs tick to tick, so the outermost ticks sit on the frame.
    let y_domain = match (y_ticks_values.first(), y_ticks_values.last()) {
        (Some(&a), Some(&b)) if b > a => (a, b),
        _ => (y_lo, y_hi),
    };
    let y = Scale::new(y_domain, (plot.bottom, plot.top));
    let decimals = tick_decimals(&y_ticks_values);

    let px = |year: i32| x.map(year as f64);
    let clamp_y = |v: f64| v.clamp(y.domain.0, y.domain.1);
    let marker = |&(year, value): &(i32, f64)| Marker { x: px(year), y: y.map(value), year, value };
    let line = |points: &[(i32, f64)]| path(points.iter().map(|&(year, v)| (px(year), y.map(clamp_y(v)))));

    let band_clipped = input.band.iter().any(|&(_, lo, hi)| lo < y.domain.0 || hi > y.domain.1);
    let band = if input.band.len() >= 2 {
        let upper = input.band.iter().map(|&(yr, _, hi)| (px(yr), y.map(clamp_y(hi))));
        let lower = input.band.iter().rev().map(|&(yr, lo, _)| (px(yr), y.map(clamp_y(lo))));
        let mut d = path(upper.chain(lower));
        d.push('Z');
        d
    } else {
        String::new()
    };

    Chart {
        width,
        height,
        plot,
        x_ticks: year_ticks(x_lo, x_hi, 8).into_iter().map(|yr| Tick { pos: px(yr), label: yr.to_string() }).collect(),
        y_ticks: y_ticks_values.iter().map(|&v| Tick { pos: y.map(v), label: format!("{v:.decimals$}") }).collect(),
        observed: input.observed.iter().map(marker).collect(),
        fitted: line(&input.fitted),
        projection: line(&input.projection),
        band,
        band_clipped,
        target: input.target.map(|t| match t {
            TargetMark::Line(v) => TargetGeom::Line { y: y.map(clamp_y(v)) },
            TargetMark::Band(lo, hi) => TargetGeom::Band { y_top: y.map(clamp_y(hi)), y_bottom: y.map(clamp_y(lo)) },
        }),
        milestones: input.milestones.iter().map(marker).collect(),
        glide: line(&input.glide),
        checkpoint: input.checkpoint.as_ref().map(marker),
        what_if: line(&input.what_if),
        projection_end: input.projection.last().filter(|p| p.1.is_finite()).map(marker),
        projection_end_interval: input
            .projection
            .last()
            .and_then(|&(yr, _)| input.band.iter().find(|b| b.0 == yr))
            .map(|&(_, lo, hi)| (lo, hi)),
        what_if_end: input.what_if.last().filter(|p| p.1.is_finite()).map(marker),
    }
}

/// What to draw for one indicator: its figures, the assessment's fitted line,
/// projection and interval, the target, milestones, the glide path with its
/// mid-term checkpoint, and a what-if path when one runs.
///
/// The observed points are every figure given (also those outside the fit
/// window, which the assessment leaves out); the fitted line runs over the
/// fitted years up to the latest, the projection and its band from the latest
/// year to the target year; the x axis starts at `from_year` (the plan's base
/// year) or earlier. The glide path is drawn year by year because it is
/// straight on the model scale, so curved on a log or logit scale.
#[inline(never)]
pub fn input_for(
    indicator: &Indicator,
    points: &[Point],
    a: &Assessment,
    what_if: Option<&WhatIf>,
    from_year: i32,
) -> ChartInput {
    let mut observed: Vec<(i32, f64)> =
        points.iter().filter(|p| p.value.is_finite()).map(|p| (p.year, p.value)).collect();
    crate::sort::sort_by_key(&mut observed, |p| p.0);
    let latest = a.latest_year.unwrap_or(i32::MAX);
    let projected = |from: i32, to: i32| -> Vec<(i32, f64)> {
        a.projection
            .iter()
            .filter(|p| p.year >= from && p.year <= to)
            .filter_map(|p| Some((p.year, p.value?)))
            .collect()
    };
    let fitted = projected(i32::MIN, latest);
    let projection = if latest < a.target.year { projected(latest, a.target.year) } else { Vec::new() };
    let band = a
        .projection
        .iter()
        .filter(|p| p.year >= latest && p.year <= a.target.year)
        .filter_map(|p| Some((p.year, p.lower?, p.upper?)))
        .collect();
    let target = match (a.target.comparator.as_deref(), a.target.value, a.target.value2, a.target.tolerance) {
        (Some("between"), Some(lo), Some(hi), _) => Some(TargetMark::Band(lo.min(hi), lo.max(hi))),
        (Some("approx"), Some(v), _, Some(tau)) => Some(TargetMark::Band(v - tau, v + tau)),
        (Some(_), Some(v), _, _) => Some(TargetMark::Line(v)),
        _ => None,
    };
    let (glide, checkpoint) = match &a.checkpoint {
        Some(c) => {
            let scale = match a.scale {
                FitScale::Linear => ModelScale::linear(),
                FitScale::Log => ModelScale::log(),
                FitScale::Logit => ModelScale::logit(
                    a.explain.logit_lower.unwrap_or(0.0),
                    a.explain.logit_upper.unwrap_or(100.0),
                    a.explain.clamp_delta.unwrap_or(0.1),
                ),
            };
            let (g0, g1) = (scale.g(scale.clamp(c.base_value)), scale.g_target(c.target_value));
            let span = f64::from(c.target_year - c.base_year);
            let glide: Vec<(i32, f64)> = if span > 0.0 && g0.is_finite() && g1.is_finite() {
                (c.base_year..=c.target_year)
                    .map(|yr| (yr, scale.g_inv(g0 + (g1 - g0) * f64::from(yr - c.base_year) / span)))
                    .filter(|p| p.1.is_finite())
                    .collect()
            } else {
                Vec::new()
            };
            let checkpoint = c.path_mid_term.filter(|_| c.mid_term_year > c.base_year).map(|v| (c.mid_term_year, v));
            (glide, checkpoint)
        }
        None => (Vec::new(), None),
    };
    ChartInput {
        observed,
        fitted,
        projection,
        band,
        target,
        target_year: a.target.year,
        first_year: Some(from_year),
        milestones: indicator.milestones.iter().map(|m| (m.year, m.value)).collect(),
        glide,
        checkpoint,
        what_if: what_if.map(|w| w.path.iter().map(|p| (p.year, p.value)).collect()).unwrap_or_default(),
        bounds: (indicator.bounds.lower, indicator.bounds.upper),
    }
}

/// The width of a label in pixels at `font_px`, estimated: CJK characters are
/// square, Latin digits and letters a little over half as wide.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * font_px
}

/// A small trend line for a table cell: observed points only, no axes.
/// Returns SVG path data, empty with fewer than two points.
pub fn sparkline(points: &[(i32, f64)], width: f64, height: f64) -> String {
    if points.len() < 2 {
        return String::new();
    }
    let years = (points[0].0 as f64, points[points.len() - 1].0 as f64);
    let (lo, hi) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, v)| (lo.min(v), hi.max(v)));
    let x = Scale::new(years, (1.0, width - 1.0));
    let y = Scale::new((lo, hi), (height - 1.0, 1.0));
    path(points.iter().map(|&(yr, v)| (x.map(yr as f64), y.map(v))))
}

/// The years the x axis spans: every year drawn, and always the target year.
fn year_extent(input: &ChartInput) -> (i32, i32) {
    let years = input
        .observed
        .iter()
        .chain(&input.fitted)
        .chain(&input.projection)
        .chain(&input.milestones)
        .chain(&input.glide)
        .chain(&input.what_if)
        .map(|&(yr, _)| yr)
        .chain(input.band.iter().map(|&(yr, _, _)| yr))
        .chain(input.first_year)
        .chain(std::iter::once(input.target_year));
    let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), yr| (lo.min(yr), hi.max(yr)));
    if lo == hi {
        (lo - 1, hi + 1)
    } else {
        (lo, hi)
    }
}

/// The value range to show. It covers the data, the trend, the target and the
/// what-if path; the interval band widens it only up to a limit, so one huge
/// interval cannot flatten everything else into a line (the band is then cut
/// at the frame, and `band_clipped` says so).
fn value_extent(input: &ChartInput) -> (f64, f64) {
    let core_values = input
        .observed
        .iter()
        .chain(&input.fitted)
        .chain(&input.projection)
        .chain(&input.milestones)
        .chain(&input.glide)
        .chain(&input.what_if)
        .map(|&(_, v)| v)
        .chain(match input.target {
            Some(TargetMark::Line(v)) => vec![v],
            Some(TargetMark::Band(a, b)) => vec![a, b],
            None => vec![],
        })
        .filter(|v| v.is_finite());
    let (mut lo, mut hi) = core_values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let span = (hi - lo).max(hi.abs().max(lo.abs()) * 0.05).max(1e-9);
    // With nothing but the target to draw, show some room around it rather
    // than a band filling the whole frame.
    let only_target =
        input.observed.is_empty() && input.fitted.is_empty() && input.projection.is_empty() && input.what_if.is_empty();
    if only_target {
        let pad = (hi - lo).max(hi.abs().max(lo.abs()) * 0.2).max(1e-9) / 2.0;
        lo -= pad;
        hi += pad;
    }
    let (band_lo, band_hi) = input
        .band
        .iter()
        .filter(|(_, a, b)| a.is_finite() && b.is_finite())
        .fold((lo, hi), |(l, h), &(_, a, b)| (l.min(a), h.max(b)));
    lo = band_lo.max(lo - span);
    hi = band_hi.min(hi + span);
    let (bound_lo, bound_hi) = input.bounds;
    if let Some(b) = bound_lo {
        lo = lo.max(b);
    }
    if let Some(b) = bound_hi {
        hi = hi.min(b);
    }
    (lo, hi.max(lo))
}

/// Adds a tick beyond an end of the axis when a drawn point sits exactly on
/// it, so no point is drawn on the frame (unless a bound forbids going further,
/// as 100% does).
fn pad_edge_ticks(ticks: &mut Vec<f64>, input: &ChartInput) {
    let (Some(&first), Some(&last)) = (ticks.first(), ticks.last()) else { return };
    if ticks.len() < 2 {
        return;
    }
    let step = ticks[1] - ticks[0];
    let points: Vec<f64> = input
        .observed
        .iter()
        .chain(&input.milestones)
        .chain(&input.checkpoint)
        .chain(input.what_if.last())
        .chain(input.projection.last())
        .map(|p| p.1)
        .collect();
    let on = |edge: f64| points.iter().any(|v| (v - edge).abs() <= step * 1e-9);
    let (lower, upper) = input.bounds;
    if on(first) && lower.is_none_or(|b| first - step >= b - step * 1e-9) {
        ticks.insert(0, first - step);
    }
    if on(last) && upper.is_none_or(|b| last + step <= b + step * 1e-9) {
        ticks.push(last + step);
    }
}

/// Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten,
/// at most about `max_count` of them.
pub fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || max_count < 2 {
        return vec![];
    }
    let (lo, hi) = if hi - lo < 1e-12 {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    };
    let raw_step = (hi - lo) / (max_count - 1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw_step)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last)
        .map(|i| i as f64 * step)
        // Snap away floating dust like 0.30000000000000004.
        .map(|v| (v / step).round() * step)
        .map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v })
        .collect()
}

/// Integer year ticks from `lo` to `hi`, every 1, 2, 5 or 10 years, at most
/// about `max_count`, always including the last year (the target year).
pub fn year_ticks(lo: i32, hi: i32, max_count: usize) -> Vec<i32> {
    let span = (hi - lo).max(0) as usize;
    let step = [1, 2, 5, 10, 20, 50].into_iter().find(|&s| span / s < max_count.max(1)).unwrap_or(100);
    let start = lo + ((step as i32 - lo.rem_euclid(step as i32)) % step as i32);
    let mut ticks: Vec<i32> = (start..=hi).step_by(step).collect();
    if ticks.last() != Some(&hi) {
        // Keep the target year; drop a tick that would crowd it.
        if ticks.last().is_some_and(|&t| hi - t < step as i32 / 2 + 1 && ticks.len() > 1) {
            ticks.pop();
        }
        ticks.push(hi);
    }
    ticks
}

/// Decimals needed to write every tick exactly (a 2.5 step needs one even
/// though the step is above 1: 7.5 must not print as "8").
fn tick_decimals(ticks: &[f64]) -> usize {
    (0..=6)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            ticks.iter().all(|v| ((v * scale).round() - v * scale).abs() < 1e-6 * scale.max(1.0))
        })
        .unwrap_or(6)
}

/// SVG path data through the points, to one decimal of a pixel.
fn path(points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.enumerate() {
        let _ = write!(d, "{}{:.1},{:.1}", if i == 0 { 'M' } else { 'L' }, x, y);
    }
    d
}

impl Chart {
    /// Where a `width` × `height` label for marker `m` goes (its top-left
    /// corner): centred above the point, below it when there is no room above,
    /// and always inside the chart.
    pub fn tip_origin(&self, m: &Marker, width: f64, height: f64) -> (f64, f64) {
        let x = (m.x - width / 2.0).clamp(0.0, (self.width - width).max(0.0));
        let above = m.y - height - 8.0;
        let y = if above >= 0.0 { above } else { (m.y + 8.0).min((self.height - height).max(0.0)) };
        (x, y)
    }

    /// Renders the chart as a standalone SVG string: the plain drawing, for
    /// snapshot tests.
    pub fn to_svg(&self) -> String {
        self.render(None)
    }

    /// Renders the chart as the page shows it: labelled for screen readers
    /// (`<title>`, `<desc>`), with every drawn point a focusable group whose
    /// label shows on hover and on keyboard focus (the stylesheet reveals
    /// `.pt:hover .tip, .pt:focus .tip`). The page draws the same elements
    /// with Yew (its test compares the two), so what the snapshot tests see is
    /// what users see; every text in it is escaped.
    pub fn to_svg_labelled(&self, text: &ChartText) -> String {
        self.render(Some(text))
    }

    #[inline(never)]
    fn render(&self, text: Option<&ChartText>) -> String {
        let mut s = String::new();
        let p = self.plot;
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" class="chart""#,
            self.width, self.height
        );
        if let Some(t) = text {
            let id = escape(t.id);
            let _ = write!(
                s,
                r#" id="{id}" role="group" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
                escape(t.title),
                escape(t.desc)
            );
            let _ = write!(
                s,
                r#"<rect class="frame" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/>"#,
                p.left,
                p.top,
                p.right - p.left,
                p.bottom - p.top
            );
        } else {
            s.push('>');
        }
        for t in &self.y_ticks {
            let _ = write!(
                s,
                r#"<line class="grid" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
                p.left, p.right, t.pos, t.pos
            );
            let _ =
                write!(s, r#"<text class="tick y" x="{:.1}" y="{:.1}">{}</text>"#, p.left - 6.0, t.pos + 4.0, t.label);
        }
        for t in &self.x_ticks {
            let _ = write!(s, r#"<text class="tick x" x="{:.1}" y="{:.1}">{}</text>"#, t.pos, p.bottom + 18.0, t.label);
        }
        match self.target {
            Some(TargetGeom::Line { y }) => {
                let _ = write!(
                    s,
                    r#"<line class="target" x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/>"#,
                    p.left, p.right
                );
            }
            Some(TargetGeom::Band { y_top, y_bottom }) => {
                let _ = write!(
                    s,
                    r#"<rect class="target-band" x="{:.1}" y="{y_top:.1}" width="{:.1}" height="{:.1}"/>"#,
                    p.left,
                    p.right - p.left,
                    y_bottom - y_top
                );
            }
            None => {}
        }
        for (class, d) in [
            ("band", &self.band),
            ("glide", &self.glide),
            ("fitted", &self.fitted),
            ("projection", &self.projection),
            ("what-if", &self.what_if),
        ] {
            if !d.is_empty() {
                let _ = write!(s, r#"<path class="{class}" d="{d}"/>"#);
            }
        }
        let Some(t) = text else {
            for m in &self.milestones {
                let _ = write!(
                    s,
                    r#"<rect class="milestone" x="{:.1}" y="{:.1}" width="8" height="8"/>"#,
                    m.x - 4.0,
                    m.y - 4.0
                );
            }
            if let Some(c) = &self.checkpoint {
                let _ = write!(s, r#"<circle class="checkpoint" cx="{:.1}" cy="{:.1}" r="4"/>"#, c.x, c.y);
            }
            for m in &self.observed {
                let _ = write!(
                    s,
                    r#"<circle class="observed" cx="{:.1}" cy="{:.1}" r="3.5"><title>{}: {}</title></circle>"#,
                    m.x, m.y, m.year, m.value
                );
            }
            s.push_str("</svg>");
            return s;
        };
        let value = |v: f64| format::value(v, t.unit, t.lang);
        for m in &self.milestones {
            let shape =
                format!(r#"<rect class="milestone" x="{:.1}" y="{:.1}" width="9" height="9"/>"#, m.x - 4.5, m.y - 4.5);
            self.point(&mut s, m, "milestone", &shape, &format!("{} {}: {}", m.year, t.milestone, value(m.value)));
        }
        if let Some(c) = &self.checkpoint {
            let shape = format!(
                r#"<path class="checkpoint" d="M{0:.1},{1:.1}L{2:.1},{3:.1}L{0:.1},{4:.1}L{5:.1},{3:.1}Z"/>"#,
                c.x,
                c.y - 6.0,
                c.x + 6.0,
                c.y,
                c.y + 6.0,
                c.x - 6.0
            );
            self.point(&mut s, c, "checkpoint", &shape, &format!("{} {}: {}", c.year, t.glide, value(c.value)));
        }
        if let Some(e) = &self.projection_end {
            let shape = format!(r#"<circle class="projection-end" cx="{:.1}" cy="{:.1}" r="4"/>"#, e.x, e.y);
            let interval = match self.projection_end_interval {
                Some((lo, hi)) => format!(" ({}–{})", format::bare(lo, t.unit), format::bare(hi, t.unit)),
                None => String::new(),
            };
            self.point(
                &mut s,
                e,
                "projection",
                &shape,
                &format!("{} {}: {}{interval}", e.year, t.projection, value(e.value)),
            );
        }
        for m in &self.observed {
            let shape = format!(r#"<circle class="observed" cx="{:.1}" cy="{:.1}" r="4"/>"#, m.x, m.y);
            self.point(&mut s, m, "observed", &shape, &format!("{}: {}", m.year, value(m.value)));
        }
        if let Some(e) = &self.what_if_end {
            let shape = format!(r#"<circle class="what-if-end" cx="{:.1}" cy="{:.1}" r="4.5"/>"#, e.x, e.y);
            self.point(&mut s, e, "what-if", &shape, &format!("{} {}: {}", e.year, t.scenario, value(e.value)));
        }
        s.push_str("</svg>");
        s
    }

    /// One focusable point: a wide invisible hit area, the shape, and a label
    /// that the stylesheet shows on hover and focus.
    fn point(&self, s: &mut String, m: &Marker, kind: &str, shape: &str, label: &str) {
        let (w, h) = (text_width(label, 12.0) + 12.0, 20.0);
        let (x, y) = self.tip_origin(m, w, h);
        let label = escape(label);
        // One tab stop for the whole chart (the first point); the arrow keys
        // move between points, so Tab reaches the controls after the chart.
        let tabindex = if s.contains(r#"<g class="pt "#) { "-1" } else { "0" };
        let _ = write!(
            s,
            r#"<g class="pt pt-{kind}" tabindex="{tabindex}" role="img" aria-label="{label}" data-year="{}"><circle class="hit" cx="{:.1}" cy="{:.1}" r="9"/>{shape}<g class="tip" aria-hidden="true"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="3"/><text x="{:.1}" y="{:.1}">{label}</text></g></g>"#,
            m.year,
            m.x,
            m.y,
            x + 6.0,
            y + 14.0
        );
    }
}

/// The words a labelled chart needs, in the page's language.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartText<'a> {
    /// The `id` of the `<svg>`; its title and description get `-title`, `-desc`.
    pub id: &'a str,
    pub title: &'a str,
    /// What the chart says, in a sentence, for screen readers.
    pub desc: &'a str,
    pub unit: Unit,
    pub lang: Lang,
    /// "阶段目标", "规划进度线", "趋势预测", "假设情景".
    pub milestone: &'a str,
    pub glide: &'a str,
    pub projection: &'a str,
    pub scenario: &'a str,
}

/// Text made safe for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check_ticks(lo: f64, hi: f64, expected: Expect) {
        expected.assert_eq(&format!("{:?}", nice_ticks(lo, hi, 5)));
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        check_ticks(0.0, 100.0, expect!["[0.0, 25.0, 50.0, 75.0, 100.0]"]);
        check_ticks(14.3, 20.1, expect!["[14.0, 16.0, 18.0, 20.0, 22.0]"]);
        check_ticks(3.1, 3.4, expect!["[3.1, 3.2, 3.3000000000000003, 3.4000000000000004]"]);
        check_ticks(7.0, 7.0, expect!["[6.0, 6.5, 7.0, 7.5, 8.0]"]);
        check_ticks(0.0, 0.0, expect!["[-1.0, -0.5, 0.0, 0.5, 1.0]"]);
        check_ticks(f64::NAN, 1.0, expect!["[]"]);
    }

    #[test]
    fn year_ticks_keep_the_target_year() {
        assert_eq!(year_ticks(2015, 2030, 8), vec![2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030]);
        assert_eq!(year_ticks(2021, 2030, 10), (2021..=2030).collect::<Vec<_>>());
        assert_eq!(year_ticks(2000, 2030, 8), vec![2000, 2005, 2010, 2015, 2020, 2025, 2030]);
        assert_eq!(year_ticks(2029, 2030, 8), vec![2029, 2030]);
    }

    #[test]
    fn a_degenerate_scale_maps_its_one_value_mid_range() {
        let s = Scale::new((5.0, 5.0), (0.0, 100.0));
        assert_eq!(s.map(5.0), 50.0);
        let s = Scale::new((0.0, 0.0), (100.0, 0.0));
        assert_eq!(s.map(0.0), 50.0);
    }

    fn maternal() -> ChartInput {
        ChartInput {
            observed: vec![(2021, 8.2), (2022, 7.9), (2023, 7.4)],
            fitted: vec![(2021, 8.25), (2022, 7.85), (2023, 7.45)],
            projection: vec![(2023, 7.45), (2025, 6.8), (2030, 5.4)],
            band: vec![(2023, 7.0, 7.9), (2025, 6.0, 7.7), (2030, 4.0, 7.3)],
            target: Some(TargetMark::Line(7.5)),
            target_year: 2030,
            first_year: None,
            milestones: vec![],
            glide: vec![(2021, 8.2), (2030, 7.5)],
            checkpoint: Some((2025, 7.89)),
            what_if: vec![],
            bounds: (Some(0.0), None),
        }
    }

    #[test]
    fn svg_snapshot_of_a_falling_rate() {
        let svg = layout(&maternal(), 400.0, 200.0).to_svg();
        expect![[r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" class="chart"><line class="grid" x1="52.0" x2="386.0" y1="172.0" y2="172.0"/><text class="tick y" x="46.0" y="176.0">4</text><line class="grid" x1="52.0" x2="386.0" y1="119.3" y2="119.3"/><text class="tick y" x="46.0" y="123.3">6</text><line class="grid" x1="52.0" x2="386.0" y1="66.7" y2="66.7"/><text class="tick y" x="46.0" y="70.7">8</text><line class="grid" x1="52.0" x2="386.0" y1="14.0" y2="14.0"/><text class="tick y" x="46.0" y="18.0">10</text><text class="tick x" x="89.1" y="190.0">2022</text><text class="tick x" x="163.3" y="190.0">2024</text><text class="tick x" x="237.6" y="190.0">2026</text><text class="tick x" x="311.8" y="190.0">2028</text><text class="tick x" x="386.0" y="190.0">2030</text><line class="target" x1="52.0" x2="386.0" y1="79.8" y2="79.8"/><path class="band" d="M126.2,69.3L200.4,74.6L386.0,85.1L386.0,172.0L200.4,119.3L126.2,93.0Z"/><path class="glide" d="M52.0,61.4L386.0,79.8"/><path class="fitted" d="M52.0,60.1L89.1,70.6L126.2,81.1"/><path class="projection" d="M126.2,81.1L200.4,98.3L386.0,135.1"/><circle class="checkpoint" cx="200.4" cy="69.6" r="4"/><circle class="observed" cx="52.0" cy="61.4" r="3.5"><title>2021: 8.2</title></circle><circle class="observed" cx="89.1" cy="69.3" r="3.5"><title>2022: 7.9</title></circle><circle class="observed" cx="126.2" cy="82.5" r="3.5"><title>2023: 7.4</title></circle></svg>"#]].assert_eq(&svg);
    }

    #[test]
    fn a_huge_interval_is_cut_at_the_frame_and_said() {
        let mut input = maternal();
        input.band = vec![(2023, -500.0, 900.0), (2030, -900.0, 2000.0)];
        let chart = layout(&input, 400.0, 200.0);
        assert!(chart.band_clipped);
        let ticks: Vec<&str> = chart.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert!(ticks.len() <= 6, "the data are not flattened by the band: {ticks:?}");
        assert!(ticks.first().is_some_and(|t| t.parse::<f64>().unwrap() >= 0.0), "bounds respected: {ticks:?}");
    }

    #[test]
    fn one_point_and_a_flat_series_stay_finite() {
        for observed in [vec![(2023, 50.0)], vec![(2021, 50.0), (2022, 50.0), (2023, 50.0)]] {
            let input =
                ChartInput { observed, target_year: 2030, bounds: (Some(0.0), Some(100.0)), ..ChartInput::default() };
            let chart = layout(&input, 300.0, 150.0);
            assert!(chart.observed.iter().all(|m| m.x.is_finite() && m.y.is_finite()));
            assert!(chart.y_ticks.len() >= 2);
        }
        let empty = layout(&ChartInput { target_year: 2030, ..ChartInput::default() }, 300.0, 150.0);
        assert!(empty.observed.is_empty() && !empty.y_ticks.is_empty());
    }

    /// An indicator of the built-in catalog assessed on `points`, with an
    /// optional what-if, laid out at 400 × 200: the chart as SVG.
    fn check_indicator(id: &str, points: &[(i32, f64)], change: Option<crate::assess::WhatIfChange>, expected: Expect) {
        use crate::assess::{assess, what_if, Settings};
        let catalog = crate::catalog::builtin();
        let indicator = catalog.get(id).expect("a built-in indicator");
        let points: Vec<Point> = points.iter().map(|&(year, value)| Point { year, value, note: None }).collect();
        let settings = Settings::new(2026);
        let a = assess(indicator, &points, &settings);
        let w = change.map(|c| what_if(indicator, &points, &settings, c));
        let chart = layout(&input_for(indicator, &points, &a, w.as_ref(), 2020), 400.0, 200.0);
        expected.assert_eq(&chart.to_svg());
    }

    #[test]
    fn charts_of_assessed_indicators() {
        use crate::assess::WhatIfChange;
        // Maternal mortality, log scale: the glide path curves; −8% a year what-if.
        check_indicator(
            "W-HEALTH-02",
            &[(2020, 16.9), (2021, 16.1), (2022, 15.7), (2023, 15.1), (2024, 14.3)],
            Some(WhatIfChange::PercentPerYear(-8.0)),
            expect![[
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" class="chart"><line class="grid" x1="52.0" x2="386.0" y1="172.0" y2="172.0"/><text class="tick y" x="46.0" y="176.0">5.0</text><line class="grid" x1="52.0" x2="386.0" y1="140.4" y2="140.4"/><text class="tick y" x="46.0" y="144.4">7.5</text><line class="grid" x1="52.0" x2="386.0" y1="108.8" y2="108.8"/><text class="tick y" x="46.0" y="112.8">10.0</text><line class="grid" x1="52.0" x2="386.0" y1="77.2" y2="77.2"/><text class="tick y" x="46.0" y="81.2">12.5</text><line class="grid" x1="52.0" x2="386.0" y1="45.6" y2="45.6"/><text class="tick y" x="46.0" y="49.6">15.0</text><line class="grid" x1="52.0" x2="386.0" y1="14.0" y2="14.0"/><text class="tick y" x="46.0" y="18.0">17.5</text><text class="tick x" x="52.0" y="190.0">2020</text><text class="tick x" x="118.8" y="190.0">2022</text><text class="tick x" x="185.6" y="190.0">2024</text><text class="tick x" x="252.4" y="190.0">2026</text><text class="tick x" x="319.2" y="190.0">2028</text><text class="tick x" x="386.0" y="190.0">2030</text><line class="target" x1="52.0" x2="386.0" y1="140.4" y2="140.4"/><path class="band" d="M185.6,49.9L219.0,56.7L252.4,63.2L285.8,69.3L319.2,75.2L352.6,80.8L386.0,86.3L386.0,97.2L352.6,91.1L319.2,84.6L285.8,77.9L252.4,71.0L219.0,63.8L185.6,56.3Z"/><path class="glide" d="M52.0,21.6L85.4,38.3L118.8,53.6L152.2,67.8L185.6,80.9L219.0,92.9L252.4,104.0L285.8,114.2L319.2,123.7L352.6,132.4L386.0,140.4"/><path class="fitted" d="M52.0,21.7L85.4,30.1L118.8,38.1L152.2,45.8L185.6,53.2"/><path class="projection" d="M185.6,53.2L219.0,60.3L252.4,67.1L285.8,73.7L319.2,80.0L352.6,86.0L386.0,91.9"/><path class="what-if" d="M185.6,54.4L219.0,68.9L252.4,82.2L285.8,94.5L319.2,105.7L352.6,116.1L386.0,125.6"/><circle class="checkpoint" cx="219.0" cy="92.9" r="4"/><circle class="observed" cx="52.0" cy="21.6" r="3.5"><title>2020: 16.9</title></circle><circle class="observed" cx="85.4" cy="31.7" r="3.5"><title>2021: 16.1</title></circle><circle class="observed" cx="118.8" cy="36.8" r="3.5"><title>2022: 15.7</title></circle><circle class="observed" cx="152.2" cy="44.3" r="3.5"><title>2023: 15.1</title></circle><circle class="observed" cx="185.6" cy="54.4" r="3.5"><title>2024: 14.3</title></circle></svg>"#
            ]],
        );
        // Childcare places: one point, a 2025 milestone, the required pace.
        check_indicator(
            "C-WELFARE-04",
            &[(2024, 4.08)],
            Some(WhatIfChange::RequiredPace),
            expect![[
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" class="chart"><line class="grid" x1="52.0" x2="386.0" y1="172.0" y2="172.0"/><text class="tick y" x="46.0" y="176.0">3.5</text><line class="grid" x1="52.0" x2="386.0" y1="145.7" y2="145.7"/><text class="tick y" x="46.0" y="149.7">4.0</text><line class="grid" x1="52.0" x2="386.0" y1="119.3" y2="119.3"/><text class="tick y" x="46.0" y="123.3">4.5</text><line class="grid" x1="52.0" x2="386.0" y1="93.0" y2="93.0"/><text class="tick y" x="46.0" y="97.0">5.0</text><line class="grid" x1="52.0" x2="386.0" y1="66.7" y2="66.7"/><text class="tick y" x="46.0" y="70.7">5.5</text><line class="grid" x1="52.0" x2="386.0" y1="40.3" y2="40.3"/><text class="tick y" x="46.0" y="44.3">6.0</text><line class="grid" x1="52.0" x2="386.0" y1="14.0" y2="14.0"/><text class="tick y" x="46.0" y="18.0">6.5</text><text class="tick x" x="52.0" y="190.0">2020</text><text class="tick x" x="118.8" y="190.0">2022</text><text class="tick x" x="185.6" y="190.0">2024</text><text class="tick x" x="252.4" y="190.0">2026</text><text class="tick x" x="319.2" y="190.0">2028</text><text class="tick x" x="386.0" y="190.0">2030</text><line class="target" x1="52.0" x2="386.0" y1="40.3" y2="40.3"/><path class="glide" d="M185.6,141.5L219.0,124.6L252.4,107.7L285.8,90.9L319.2,74.0L352.6,57.2L386.0,40.3"/><path class="what-if" d="M185.6,141.5L219.0,124.6L252.4,107.7L285.8,90.9L319.2,74.0L352.6,57.2L386.0,40.3"/><rect class="milestone" x="215.0" y="141.7" width="8" height="8"/><circle class="checkpoint" cx="219.0" cy="124.6" r="4"/><circle class="observed" cx="185.6" cy="141.5" r="3.5"><title>2024: 4.08</title></circle></svg>"#
            ]],
        );
        // No figures: the target line alone, axis to the target year.
        check_indicator(
            "W-HEALTH-02",
            &[],
            None,
            expect![[
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" class="chart"><line class="grid" x1="52.0" x2="386.0" y1="172.0" y2="172.0"/><text class="tick y" x="46.0" y="176.0">6.5</text><line class="grid" x1="52.0" x2="386.0" y1="132.5" y2="132.5"/><text class="tick y" x="46.0" y="136.5">7.0</text><line class="grid" x1="52.0" x2="386.0" y1="93.0" y2="93.0"/><text class="tick y" x="46.0" y="97.0">7.5</text><line class="grid" x1="52.0" x2="386.0" y1="53.5" y2="53.5"/><text class="tick y" x="46.0" y="57.5">8.0</text><line class="grid" x1="52.0" x2="386.0" y1="14.0" y2="14.0"/><text class="tick y" x="46.0" y="18.0">8.5</text><text class="tick x" x="52.0" y="190.0">2020</text><text class="tick x" x="118.8" y="190.0">2022</text><text class="tick x" x="185.6" y="190.0">2024</text><text class="tick x" x="252.4" y="190.0">2026</text><text class="tick x" x="319.2" y="190.0">2028</text><text class="tick x" x="386.0" y="190.0">2030</text><line class="target" x1="52.0" x2="386.0" y1="93.0" y2="93.0"/></svg>"#
            ]],
        );
    }

    #[test]
    fn input_for_splits_fit_projection_and_band_at_the_latest_year() {
        use crate::assess::{assess, Settings};
        let catalog = crate::catalog::builtin();
        let mmr = catalog.get("W-HEALTH-02").unwrap();
        let points: Vec<Point> = [(2021, 16.1), (2022, 15.7), (2023, 15.1), (2024, 14.3)]
            .iter()
            .map(|&(year, value)| Point { year, value, note: None })
            .collect();
        let a = assess(mmr, &points, &Settings::new(2026));
        let input = input_for(mmr, &points, &a, None, 2020);
        let years = |v: &[(i32, f64)]| v.iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(years(&input.fitted), vec![2021, 2022, 2023, 2024]);
        assert_eq!(years(&input.projection), (2024..=2030).collect::<Vec<_>>());
        assert_eq!(input.band.len(), 7);
        assert_eq!(input.target, Some(TargetMark::Line(7.5)));
        // The glide path starts at the 2020 base when there is one, else the first point, and ends on the target.
        assert!(input.glide.first().is_some_and(|&(yr, v)| yr == 2021 && (v - 16.1).abs() < 1e-9));
        assert!((input.glide.last().unwrap().1 - 7.5).abs() < 1e-9);
        assert!(input.checkpoint.is_some_and(|(yr, v)| yr == 2025 && v < 16.1 && v > 7.5));
    }

    #[test]
    fn tips_stay_inside_the_chart() {
        let chart = layout(&maternal(), 400.0, 200.0);
        let m = |x, y| Marker { x, y, year: 2024, value: 1.0 };
        assert_eq!(chart.tip_origin(&m(200.0, 100.0), 60.0, 20.0), (170.0, 72.0));
        assert_eq!(chart.tip_origin(&m(5.0, 10.0), 60.0, 20.0), (0.0, 18.0));
        assert_eq!(chart.tip_origin(&m(398.0, 100.0), 60.0, 20.0), (340.0, 72.0));
        assert!((text_width("2024: 14.3/10万", 10.0) - (13.0 * 6.0 + 10.0)).abs() < 1e-9);
    }

    #[test]
    fn the_labelled_chart_has_focusable_labelled_points() {
        let mut input = maternal();
        input.milestones = vec![(2025, 7.0)];
        input.what_if = vec![(2023, 7.4), (2030, 6.0)];
        let chart = layout(&input, 400.0, 200.0);
        let text = ChartText {
            id: "c",
            title: "孕产妇死亡率",
            desc: "a < b & \"c\"",
            unit: Unit::Per100kLiveBirths,
            lang: Lang::Zh,
            milestone: "阶段目标",
            glide: "规划进度线",
            projection: "趋势预测",
            scenario: "假设情景",
        };
        let svg = chart.to_svg_labelled(&text);
        let labels: Vec<&str> = svg.split("aria-label=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        expect![[r#"["2025 阶段目标: 7.0/10万", "2025 规划进度线: 7.9/10万", "2030 趋势预测: 5.4/10万 (4.0–7.3)", "2021: 8.2/10万", "2022: 7.9/10万", "2023: 7.4/10万", "2030 假设情景: 6.0/10万"]"#]]
            .assert_eq(&format!("{labels:?}"));
        assert!(svg.contains(r#"<desc id="c-desc">a &lt; b &amp; &quot;c&quot;</desc>"#));
        assert_eq!(svg.matches(r#"tabindex="0""#).count(), 1, "one tab stop");
        assert_eq!(svg.matches(r#"tabindex="-1""#).count(), 6, "the other points by arrow keys");
        assert_eq!(svg.matches("<g class=\"tip\"").count(), 7);
        // The plain rendering is unchanged by the labelled one.
        assert!(!chart.to_svg().contains("tabindex"));
    }

    #[test]
    fn no_point_sits_on_the_frame_unless_a_bound_is_there() {
        let labels = |observed: Vec<(i32, f64)>, bounds| {
            let chart =
                layout(&ChartInput { observed, target_year: 2030, bounds, ..ChartInput::default() }, 400.0, 200.0);
            chart.y_ticks.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(labels(vec![(2024, 4.0), (2025, 6.0)], (Some(0.0), None)), "3.5 4.0 4.5 5.0 5.5 6.0 6.5");
        assert_eq!(
            labels(vec![(2024, 90.0), (2025, 100.0)], (Some(0.0), Some(100.0))),
            "87.5 90.0 92.5 95.0 97.5 100.0"
        );
    }

    #[test]
    fn the_x_axis_shows_the_plan_period_without_figures() {
        let input = ChartInput {
            target: Some(TargetMark::Band(2.0, 4.0)),
            target_year: 2030,
            first_year: Some(2020),
            ..ChartInput::default()
        };
        let chart = layout(&input, 400.0, 200.0);
        assert_eq!(chart.x_ticks.first().map(|t| t.label.as_str()), Some("2020"));
        let ticks: Vec<&str> = chart.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks, ["1", "2", "3", "4", "5"], "room around a target drawn alone");
    }

    #[test]
    fn sparkline_needs_two_points() {
        assert_eq!(sparkline(&[(2020, 1.0)], 60.0, 16.0), "");
        assert_eq!(sparkline(&[(2020, 1.0), (2021, 2.0)], 60.0, 16.0), "M1.0,15.0L59.0,1.0");
        assert_eq!(sparkline(&[(2020, 3.0), (2021, 3.0)], 60.0, 16.0), "M1.0,8.0L59.0,8.0");
    }
}
