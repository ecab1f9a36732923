//! The real national series (static/demo/national-figures.tsv) through the
//! figures parser and the engine, end to end, with three indicators checked by
//! hand. The expected numbers were computed independently with numpy
//! (`np.linalg.lstsq` on the centred year) and scipy (`stats.t`), level 0.8.

mod assess_support;

use assess_support::*;
use gapcast_core::assess::{assess_catalog, Assessment, Settings, Status};
use gapcast_core::catalog::{builtin, Scale};
use gapcast_core::figures::{parse, ParseOptions};

const DEMO: &str = include_str!("../../static/demo/national-figures.tsv");

fn demo() -> Vec<Assessment> {
    let catalog = builtin();
    let figures = parse(DEMO, &catalog, &ParseOptions::new(2025));
    assess_catalog(&catalog, &figures.series, &Settings::new(2025))
}

/// Expected values for one indicator.
struct Hand {
    id: &'static str,
    scale: Scale,
    n: usize,
    slope: f64,
    intercept: f64,
    residual_sd: f64,
    /// ŷ(2030) with its 80% interval.
    at_2030: (f64, f64, f64),
    probability: f64,
    required_slope: f64,
    progress_ratio: f64,
    t_quantile: f64,
    se_2030: f64,
    status: Status,
}

fn check(all: &[Assessment], hand: &Hand) {
    let a = all.iter().find(|a| a.id == hand.id).unwrap();
    assert_eq!((a.scale, a.n_points, a.status), (hand.scale, hand.n, hand.status), "{}", hand.id);
    let pairs = [
        ("slope", a.slope, hand.slope),
        ("intercept", a.intercept, hand.intercept),
        ("residual_sd", a.residual_sd, hand.residual_sd),
        ("value 2030", a.projection_at_target.as_ref().and_then(|p| p.value), hand.at_2030.0),
        ("lower 2030", a.projection_at_target.as_ref().and_then(|p| p.lower), hand.at_2030.1),
        ("upper 2030", a.projection_at_target.as_ref().and_then(|p| p.upper), hand.at_2030.2),
        ("probability", a.probability, hand.probability),
        ("required_slope", a.required_slope, hand.required_slope),
        ("progress_ratio", a.progress_ratio, hand.progress_ratio),
        ("t_quantile", a.explain.t_quantile, hand.t_quantile),
        ("se at 2030", a.explain.se_at_target, hand.se_2030),
    ];
    for (name, got, want) in pairs {
        let got = got.unwrap_or_else(|| panic!("{} {name} is null", hand.id));
        assert!(close(got, want), "{} {name}: {got} vs numpy/scipy {want}", hand.id);
    }
}

#[test]
fn three_indicators_by_hand() {
    let all = demo();
    // 孕产妇死亡率 2015–2024 (20.1 … 14.3 per 100,000), log scale, ≤ 7.5 by 2030:
    // ln y falls 3.96% a year against 10.76% needed.
    check(
        &all,
        &Hand {
            id: "W-HEALTH-02",
            scale: Scale::Log,
            n: 10,
            slope: -0.039647223538851,
            intercept: 82.91634958846338,
            residual_sd: 0.01517091562075617,
            at_2030: (11.387153164918216, 11.016665046154822, 11.77010072086789),
            probability: 5.464984557287247e-08,
            required_slope: -0.10755941945393281,
            progress_ratio: 0.36860763790038603,
            t_quantile: 1.3968153097438654,
            se_2030: 0.023680062662486914,
            status: Status::OffTrack,
        },
    );
    // 婴儿死亡率 2015–2024 (8.1 … 4.0‰), log scale, ≤ 2.8 by 2030.
    check(
        &all,
        &Hand {
            id: "C-HEALTH-03",
            scale: Scale::Log,
            n: 10,
            slope: -0.0739228116795286,
            intercept: 151.02013707604203,
            residual_sd: 0.031111236835060473,
            at_2030: (2.6034288550707054, 2.432692107904871, 2.7861486381242493),
            probability: 0.9138636376392306,
            required_slope: -0.05944582398978874,
            progress_ratio: 1.243532458936504,
            t_quantile: 1.3968153097438654,
            se_2030: 0.048561079382299185,
            status: Status::OnTrack,
        },
    );
    // 九年义务教育巩固率 2016–2024 (93.4 … 95.9%), logit scale, ≥ 99 by 2030.
    check(
        &all,
        &Hand {
            id: "C-EDU-03",
            scale: Scale::Logit,
            n: 9,
            slope: 0.06386395079913612,
            intercept: -126.0733508652151,
            residual_sd: 0.035560766100546155,
            at_2030: (97.26276848845045, 97.0304361839411, 97.47739618329227),
            probability: 2.6617518454812303e-07,
            required_slope: 0.2404668069925763,
            progress_ratio: 0.26558322788021105,
            t_quantile: 1.4149239276505086,
            se_2030: 0.05926794350091026,
            status: Status::OffTrack,
        },
    );
}

#[test]
fn the_whole_demo_assesses_cleanly() {
    let all = demo();
    assert_eq!(all.len(), builtin().indicators.len());
    for a in &all {
        assert_all_finite(a, &a.id);
        assert!(!a.reason.as_deref().is_some_and(|r| r.starts_with("invalid_value")), "{}", a.id);
    }
    // Every demo row reached an indicator: at least 19 have figures (shared keys
    // serve both plans, so more do).
    let with_figures = all.iter().filter(|a| a.n_points > 0).count();
    assert!(with_figures >= 19, "{with_figures}");
    // The gross preschool ratio runs above what logit allows: linear, open bound.
    let preschool = all.iter().find(|a| a.id == "C-EDU-01").unwrap();
    assert_eq!(preschool.scale, Scale::Linear);
}
