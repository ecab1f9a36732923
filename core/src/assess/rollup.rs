//! The roll-up for the dashboard: counts per status for each plan, each domain
//! and overall, the share achieved or on track, and the red and amber lists in
//! order of urgency.
//!
//! "Achieved or on track" counts the statuses whose severity is green
//! (`achieved`, `on_track`, and for directional targets `significant_progress`
//! and `slowing`), out of the indicators that were judged (not
//! `insufficient_data` or `not_assessed`).
//!
//! The headline ([`RollUp::by_severity`], [`RollUp::by_status`]) counts colours,
//! the way each row is coloured: an `achieved` indicator with `at_risk` is
//! amber there, as in its row, so the amber count is the number of amber rows.
//! An indicator both plans set (one shared key) is one indicator there, under
//! its worse colour.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::Plan;

use super::status::{Severity, Status};
use super::Assessment;

/// Counts for one group of indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupCount {
    /// The plan, for plan and domain groups.
    pub plan: Option<Plan>,
    /// The domain, for domain groups.
    pub domain: Option<String>,
    pub total: usize,
    /// Indicators per status name, every status listed (zeros included).
    pub counts: BTreeMap<String, usize>,
    /// Indicators with a judged status.
    pub judged: usize,
    /// Judged indicators whose status is green.
    pub achieved_or_on_track: usize,
    /// achieved_or_on_track / judged (`None` when nothing was judged).
    pub share_achieved_or_on_track: Option<f64>,
}

/// An indicator on the red or amber list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flagged {
    pub id: String,
    pub plan: Plan,
    pub domain: String,
    pub name_zh: String,
    pub name_en: String,
    pub status: Status,
    pub severity: Severity,
    pub probability: Option<f64>,
    pub progress_ratio: Option<f64>,
    /// Warning codes with the same severity as the list.
    pub warnings: Vec<String>,
}

/// How many indicators show a status in a colour (a headline chip).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCount {
    pub status: Status,
    /// The row colour (the assessment's severity, `info` read as none).
    pub severity: Severity,
    pub count: usize,
}

/// The whole roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollUp {
    /// Indicators per row colour (`red`, `amber`, `green`, `none`), an
    /// indicator both plans share counted once.
    pub by_severity: BTreeMap<String, usize>,
    /// Indicators per status and row colour, most urgent first, shared ones
    /// once; the counts of one colour add up to its `by_severity` count.
    pub by_status: Vec<StatusCount>,
    pub overall: GroupCount,
    pub by_plan: Vec<GroupCount>,
    pub by_domain: Vec<GroupCount>,
    /// Red indicators, most urgent first: by status (missed, reversing, ...,
    /// then those red only through a warning), then lowest probability, then
    /// lowest progress ratio, then id.
    pub red: Vec<Flagged>,
    /// Amber indicators, in the same order.
    pub amber: Vec<Flagged>,
}

/// Rolls assessments up per plan and domain (groups in order of first
/// appearance, i.e. catalog order). The overall counts, the headline and the
/// red and amber lists take an indicator both plans share once; each plan's
/// and domain's counts take it in that plan.
pub fn roll_up(assessments: &[Assessment]) -> RollUp {
    let distinct = distinct(assessments);
    let overall = count(None, None, distinct.iter().copied());
    let mut plans: Vec<Plan> = Vec::new();
    let mut domains: Vec<(Plan, String)> = Vec::new();
    for a in assessments {
        if !plans.contains(&a.plan) {
            plans.push(a.plan);
        }
        if !domains.iter().any(|(p, d)| *p == a.plan && *d == a.domain) {
            domains.push((a.plan, a.domain.clone()));
        }
    }
    let by_plan = plans.iter().map(|&p| count(Some(p), None, assessments.iter().filter(|a| a.plan == p))).collect();
    let by_domain = domains
        .iter()
        .map(|(p, d)| count(Some(*p), Some(d.clone()), assessments.iter().filter(|a| a.plan == *p && a.domain == *d)))
        .collect();
    let mut by_severity: BTreeMap<String, usize> =
        [Severity::Red, Severity::Amber, Severity::Green, Severity::None].iter().map(|s| (s.key().to_string(), 0)).collect();
    let mut by_status: Vec<StatusCount> = Vec::new();
    for a in &distinct {
        let severity = a.severity.bucket();
        *by_severity.entry(severity.key().to_string()).or_insert(0) += 1;
        match by_status.iter_mut().find(|c| c.status == a.status && c.severity == severity) {
            Some(c) => c.count += 1,
            None => by_status.push(StatusCount { status: a.status, severity, count: 1 }),
        }
    }
    crate::sort::sort_by(&mut by_status, |x, y| y.severity.cmp(&x.severity).then(x.status.cmp(&y.status)));
    RollUp {
        by_severity,
        by_status,
        overall,
        by_plan,
        by_domain,
        red: flagged(&distinct, Severity::Red),
        amber: flagged(&distinct, Severity::Amber),
    }
}

/// One assessment per indicator, an indicator both plans share (one shared key)
/// once: the worse of its two.
pub fn distinct(assessments: &[Assessment]) -> Vec<&Assessment> {
    let mut out: Vec<&Assessment> = Vec::with_capacity(assessments.len());
    let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
    for a in assessments {
        let Some(key) = a.key.as_deref() else {
            out.push(a);
            continue;
        };
        match by_key.get(key) {
            Some(&i) if a.severity.bucket() > out[i].severity.bucket() => out[i] = a,
            Some(_) => {}
            None => {
                by_key.insert(key, out.len());
                out.push(a);
            }
        }
    }
    out
}

fn count<'a>(plan: Option<Plan>, domain: Option<String>, group: impl Iterator<Item = &'a Assessment>) -> GroupCount {
    let mut counts: BTreeMap<String, usize> = Status::ALL.iter().map(|s| (s.key().to_string(), 0)).collect();
    let (mut total, mut judged, mut good) = (0, 0, 0);
    for a in group {
        total += 1;
        *counts.entry(a.status.key().to_string()).or_insert(0) += 1;
        if a.status.is_judged() {
            judged += 1;
            if a.status.severity() == Severity::Green {
                good += 1;
            }
        }
    }
    GroupCount {
        plan,
        domain,
        total,
        counts,
        judged,
        achieved_or_on_track: good,
        share_achieved_or_on_track: (judged > 0).then(|| good as f64 / judged as f64),
    }
}

fn flagged(assessments: &[&Assessment], severity: Severity) -> Vec<Flagged> {
    let mut list: Vec<&Assessment> = assessments.iter().copied().filter(|a| a.severity == severity).collect();
    // Status order is Status's declaration order (most urgent first); an
    // indicator flagged only by a warning sorts after those flagged by status.
    let rank = |a: &Assessment| (a.status.severity() != severity, a.status);
    let none_last = |x: Option<f64>| x.unwrap_or(f64::INFINITY);
    crate::sort::sort_by(&mut list, |x, y| {
        rank(x)
            .cmp(&rank(y))
            .then(none_last(x.probability).total_cmp(&none_last(y.probability)))
            .then(none_last(x.progress_ratio).total_cmp(&none_last(y.progress_ratio)))
            .then(x.id.cmp(&y.id))
    });
    list.into_iter()
        .map(|a| Flagged {
            id: a.id.clone(),
            plan: a.plan,
            domain: a.domain.clone(),
            name_zh: a.name_zh.clone(),
            name_en: a.name_en.clone(),
            status: a.status,
            severity: a.severity,
            probability: a.probability,
            progress_ratio: a.progress_ratio,
            warnings: a.warnings.iter().filter(|w| w.severity == severity).map(|w| w.code.clone()).collect(),
        })
        .collect()
}
