//! Writes a loaded [`Catalog`] as a Rust expression that builds it, for
//! [`builtin`](../src/catalog/builtin.rs) to `include!`: the page then starts
//! with the plans' catalog without reading any TOML.
//!
//! Every struct is destructured whole, with no `..`: a field added to the model
//! fails to compile here until it is written out too, so the generated catalog
//! cannot silently lose it (and `builtin_equals_the_loaded_seeds` compares the
//! result with the loader's). Texts are written with `{:?}`, which gives a
//! valid Rust string literal for any text; fieldless enums by their variant
//! names, also `{:?}`.

use std::fmt::Write;

use crate::model::{Bounds, Goal, Indicator, Milestone, PlanTitle, Target};
use crate::Catalog;

/// The expression, using `s` (a `&'static str` to a `String`) and the model's
/// types, which the including module has in scope.
pub fn catalog(catalog: &Catalog) -> String {
    let Catalog { indicators, titles } = catalog;
    let mut out = String::from("Catalog {\n    indicators: vec![\n");
    for indicator in indicators {
        out.push_str("        ");
        out.push_str(&self::indicator(indicator));
        out.push_str(",\n");
    }
    out.push_str("    ],\n    titles: vec![\n");
    for title in titles {
        let PlanTitle { plan, zh, en } = title;
        let _ = writeln!(out, "        PlanTitle {{ plan: Plan::{plan:?}, zh: {}, en: {} }},", opt_text(zh), opt_text(en));
    }
    out.push_str("    ],\n}\n");
    out
}

fn indicator(indicator: &Indicator) -> String {
    let Indicator {
        id,
        key,
        plan,
        domain,
        name_zh,
        name_en,
        aliases,
        unit,
        bounds,
        target,
        milestones,
        scale,
        source,
        notes,
    } = indicator;
    let Bounds { lower, upper } = bounds;
    let Target { goal, year } = target;
    let aliases: Vec<String> = aliases.iter().map(|a| text(a)).collect();
    let milestones: Vec<String> = milestones
        .iter()
        .map(|Milestone { year, comparator, value }| {
            format!("Milestone {{ year: {year}, comparator: Comparator::{comparator:?}, value: {} }}", number(*value))
        })
        .collect();
    let scale = scale.map_or_else(|| "None".to_string(), |s| format!("Some(Scale::{s:?})"));
    format!(
        "Indicator {{ id: {}, key: {}, plan: Plan::{plan:?}, domain: {}, name_zh: {}, name_en: {}, \
         aliases: vec![{}], unit: Unit::{unit:?}, bounds: Bounds {{ lower: {}, upper: {} }}, \
         target: Target {{ goal: {}, year: {year} }}, milestones: vec![{}], scale: {scale}, \
         source: {}, notes: {} }}",
        text(id),
        opt_text(key),
        text(domain),
        text(name_zh),
        text(name_en),
        aliases.join(", "),
        opt_number(*lower),
        opt_number(*upper),
        self::goal(goal),
        milestones.join(", "),
        text(source),
        opt_text(notes),
    )
}

fn goal(goal: &Goal) -> String {
    match goal {
        Goal::Compare { comparator, value } => {
            format!("Goal::Compare {{ comparator: Comparator::{comparator:?}, value: {} }}", number(*value))
        }
        Goal::Approx { value, tolerance } => {
            format!("Goal::Approx {{ value: {}, tolerance: {} }}", number(*value), opt_number(*tolerance))
        }
        Goal::Between { low, high } => format!("Goal::Between {{ low: {}, high: {} }}", number(*low), number(*high)),
        Goal::Direction { direction, level } => {
            let level = level.map_or_else(
                || "None".to_string(),
                |(comparator, value)| format!("Some((Comparator::{comparator:?}, {}))", number(value)),
            );
            format!("Goal::Direction {{ direction: Direction::{direction:?}, level: {level} }}")
        }
    }
}

fn text(text: &str) -> String {
    format!("s({text:?})")
}

fn opt_text(text: &Option<String>) -> String {
    text.as_deref().map_or_else(|| "None".to_string(), |t| format!("Some({})", self::text(t)))
}

/// An `f64` literal that reads back to the same bits: `{:?}` prints the
/// shortest such digits; the special values have names.
fn number(value: f64) -> String {
    if value.is_nan() {
        "f64::NAN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "f64::INFINITY" } else { "f64::NEG_INFINITY" }.to_string()
    } else {
        format!("{value:?}_f64")
    }
}

fn opt_number(value: Option<f64>) -> String {
    value.map_or_else(|| "None".to_string(), |v| format!("Some({})", number(v)))
}
