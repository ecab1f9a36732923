//! The counts models as JSON, for the statsmodels cross-check
//! (`tests/crosscheck/counts.py`): reads cases from the file named by the first
//! argument, fits each with `assess::glm` and the exact intervals of
//! `assess::exact`, and prints one JSON object per case to stdout.
//!
//! A case: `{"id", "family": "poisson"|"binomial", "per", "level",
//! "obs": [[year, events, exposure], ...], "years": [...], "targets": [...]}`.
//! Kept out of the `gapcast` CLI: it exposes the model's internals (the
//! unscaled covariance, the Pearson statistic), which users do not need.

use gapcast_core::assess::exact::{clopper_pearson, garwood};
use gapcast_core::assess::glm::{CountObs, Family, GlmFit};
use serde_json::{json, Value};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: counts_fit CASES.json");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("counts_fit: cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let cases: Vec<Value> = match serde_json::from_str(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("counts_fit: {path}: {e}");
            std::process::exit(2);
        }
    };
    let out: Vec<Value> = cases.iter().map(run).collect();
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
}

fn run(case: &Value) -> Value {
    let family = if case["family"] == "binomial" { Family::Binomial } else { Family::Poisson };
    let per = case["per"].as_f64().unwrap_or(1.0);
    let level = case["level"].as_f64().unwrap_or(0.8);
    let obs: Vec<CountObs> = case["obs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| CountObs {
            year: row[0].as_i64().unwrap_or(0) as i32,
            events: row[1].as_f64().unwrap_or(f64::NAN),
            exposure: row[2].as_f64().unwrap_or(f64::NAN),
        })
        .collect();
    let exact: Vec<Value> = obs
        .iter()
        .map(|o| {
            let bounds = if o.exposure.is_nan() || o.exposure <= 0.0 {
                None
            } else {
                match family {
                    Family::Poisson => {
                        garwood(o.events, level).map(|(l, u)| (l / o.exposure * per, u / o.exposure * per))
                    }
                    Family::Binomial => clopper_pearson(o.events, o.exposure, level).map(|(l, u)| (l * per, u * per)),
                }
            };
            json!({"year": o.year, "lower": bounds.map(|b| b.0), "upper": bounds.map(|b| b.1)})
        })
        .collect();
    let fit = match GlmFit::new(family, &obs) {
        Ok(fit) => fit,
        Err(e) => return json!({"id": case["id"], "error": e.key(), "exact": exact}),
    };
    let years: Vec<f64> = case["years"].as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
    let projections: Vec<Value> = years
        .iter()
        .map(|&y| {
            let interval = fit.interval(y, level, per);
            json!({
                "year": y,
                "value": fit.value(fit.eta(y), per),
                "se_eta": fit.se_eta(y),
                "lower": interval.map(|i| i.0),
                "upper": interval.map(|i| i.1),
            })
        })
        .collect();
    let target_year = years.last().copied().unwrap_or(2030.0);
    let probabilities: Vec<Value> = case["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .map(|t| json!({"value": t, "below": fit.probability_below(target_year, t, per)}))
        .collect();
    let se = fit.se_coefficients();
    json!({
        "id": case["id"],
        "error": null,
        "t_mean": fit.t_mean,
        "intercept_centred": fit.intercept_centred,
        "intercept": fit.intercept(),
        "slope": fit.slope,
        "pearson_chi2": fit.pearson_chi2,
        "deviance": fit.deviance,
        "dispersion": fit.dispersion,
        "se_intercept_centred": se.map(|s| s.0),
        "se_slope": se.map(|s| s.1),
        "iterations": fit.iterations,
        "projections": projections,
        "probabilities": probabilities,
        "exact": exact,
    })
}
