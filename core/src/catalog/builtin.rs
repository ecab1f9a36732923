//! The plans' own catalog: the seed files, checked and loaded by the build
//! script and compiled in as Rust code, so the page starts without reading TOML.
//!
//! **Why generated code:** reading and checking both seed files took the page
//! about 35 ms at start (issue 12; 0.5 ms natively), for a result that is the
//! same on every start. `core/build.rs` runs the same loader on the seeds, and
//! `core/build/catalog_code.rs` writes the [`Catalog`] it gives as a static
//! table of [`Row`]s, which [`builtin()`] turns into the model with one loop
//! (no parsing, no checking). The test `builtin_equals_the_loaded_seeds` checks
//! that the two never drift.
//!
//! The seed texts stay embedded (with comment lines emptied by the build script,
//! line numbers unchanged): the catalog panel offers them as templates, and a
//! user's own files are loaded beside them with the loader.

use super::model::{
    Bounds, Comparator, Direction, Goal, Indicator, Milestone, Plan, PlanGoal, PlanTitle, Proxy, Scale, Target, Unit,
};
use super::Catalog;

/// The seed files as embedded in the page: names as in
/// [`BUILTIN_FILES`](super::BUILTIN_FILES), comment lines emptied (so line
/// numbers still match the files in `seeds/`).
const EMBEDDED: [(&str, &str); 2] = [
    ("seeds/huadu-women-2021-2030.toml", include_str!(concat!(env!("OUT_DIR"), "/huadu-women-2021-2030.toml"))),
    ("seeds/huadu-children-2021-2030.toml", include_str!(concat!(env!("OUT_DIR"), "/huadu-children-2021-2030.toml"))),
];

/// The plans' own catalog (both seed files), as the build script loaded it.
/// The build has checked the seeds, so there is nothing to report; should a
/// seed edit slip through, the build warns and the sound indicators are here.
pub fn builtin() -> Catalog {
    let goals: Vec<PlanGoal> = GOALS.iter().map(GoalRow::goal).collect();
    Catalog {
        indicators: ROWS.iter().map(Row::indicator).collect(),
        titles: TITLES
            .iter()
            .map(|&(plan, zh, en)| PlanTitle { plan, zh: zh.map(String::from), en: en.map(String::from) })
            .collect(),
        proxies: goals.iter().filter_map(PlanGoal::proxy_indicator).collect(),
        goals,
    }
}

/// One goal without a measure as the generated table holds it; the proxy as
/// (name_zh, name_en, unit, direction).
struct GoalRow {
    id: &'static str,
    plan: Plan,
    domain: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    direction: Direction,
    wording_zh: &'static str,
    source: &'static str,
    notes_zh: Option<&'static str>,
    notes_en: Option<&'static str>,
    proxy: Option<(&'static str, &'static str, Unit, Direction)>,
}

impl GoalRow {
    fn goal(&self) -> PlanGoal {
        let GoalRow { id, plan, domain, name_zh, name_en, direction, wording_zh, source, notes_zh, notes_en, proxy } = self;
        PlanGoal {
            id: String::from(*id),
            plan: *plan,
            domain: String::from(*domain),
            name_zh: String::from(*name_zh),
            name_en: String::from(*name_en),
            direction: *direction,
            wording_zh: String::from(*wording_zh),
            source: String::from(*source),
            notes_zh: notes_zh.map(String::from),
            notes_en: notes_en.map(String::from),
            proxy: proxy.map(|(name_zh, name_en, unit, direction)| Proxy {
                name_zh: String::from(name_zh),
                name_en: String::from(name_en),
                unit,
                direction,
            }),
        }
    }
}

// `static ROWS: &[Row]` and `static TITLES`, written by `core/build.rs`.
include!(concat!(env!("OUT_DIR"), "/builtin_catalog.rs"));

/// One indicator as the generated table holds it: [`Indicator`]'s fields, with
/// `&'static` texts and lists where the model owns them, so the table is static
/// data. A field added to `Indicator` goes here, in [`Row::indicator`] and in
/// `core/build/catalog_code.rs`; the compiler points at each.
struct Row {
    id: &'static str,
    key: Option<&'static str>,
    plan: Plan,
    domain: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    aliases: &'static [&'static str],
    unit: Unit,
    bounds: Bounds,
    target: Target,
    milestones: &'static [Milestone],
    scale: Option<Scale>,
    source: &'static str,
    wording_zh: Option<&'static str>,
    notes_zh: Option<&'static str>,
    notes_en: Option<&'static str>,
    proxy_for: Option<&'static str>,
}

impl Row {
    fn indicator(&self) -> Indicator {
        let Row {
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
            wording_zh,
            notes_zh,
            notes_en,
            proxy_for,
        } = self;
        Indicator {
            id: String::from(*id),
            key: key.map(String::from),
            plan: *plan,
            domain: String::from(*domain),
            name_zh: String::from(*name_zh),
            name_en: String::from(*name_en),
            aliases: aliases.iter().map(|a| String::from(*a)).collect(),
            unit: *unit,
            bounds: *bounds,
            target: target.clone(),
            milestones: milestones.to_vec(),
            scale: *scale,
            source: String::from(*source),
            wording_zh: wording_zh.map(String::from),
            notes_zh: notes_zh.map(String::from),
            notes_en: notes_en.map(String::from),
            proxy_for: proxy_for.map(String::from),
        }
    }
}

/// The seed files as embedded, as (name, text), to load beside a user's own.
pub fn builtin_files() -> [(&'static str, &'static str); 2] {
    EMBEDDED
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{load_files, BUILTIN_FILES};

    #[test]
    fn builtin_equals_the_loaded_seeds() {
        let (loaded, issues) = load_files(&BUILTIN_FILES);
        let shown: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert!(issues.is_empty(), "{}", shown.join("\n"));
        let (embedded, issues) = load_files(&EMBEDDED);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(embedded, loaded);
        // The generated catalog is the loader's, field for field (the titles too).
        assert_eq!(builtin(), loaded);
        // Both plans embedded; the women's count is pinned here (per domain in
        // core/tests/catalog_seeds.rs), the children's by its own tests.
        assert_eq!(loaded.plans(), [Plan::Women, Plan::Children]);
        assert_eq!(loaded.by_plan(Plan::Women).count(), 96);
    }

    #[test]
    fn the_embedded_text_keeps_the_seed_lines() {
        for ((name, full), (_, embedded)) in BUILTIN_FILES.iter().zip(EMBEDDED) {
            assert_eq!(full.lines().count(), embedded.lines().count(), "{name}");
            assert!(embedded.len() < full.len(), "{name}: comments emptied");
            for (a, b) in full.lines().zip(embedded.lines()) {
                assert!(a == b || (a.trim_start().starts_with('#') && b.is_empty()), "{name}: {a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn builtin_keeps_every_kind_of_value() {
        let c = builtin();
        assert!(c.indicators.iter().any(|i| !i.milestones.is_empty()));
        assert!(c.indicators.iter().any(|i| i.key.is_some()));
        assert!(c.indicators.iter().any(|i| i.bounds.upper.is_none() && i.unit == Unit::Percent));
        assert!(c.indicators.iter().any(|i| i.scale.is_some()));
        assert!(c.indicators.iter().any(|i| i.notes_zh.is_some() && i.notes_en.is_some()));
        assert!(c.indicators.iter().all(|i| i.wording_zh.is_some()));
        assert!(c.goals.iter().any(|g| g.proxy.is_some()));
        assert_eq!(c.proxies.len(), c.goals.iter().filter(|g| g.proxy.is_some()).count());
        assert!(c.indicators.iter().any(|i| matches!(i.target.goal, Goal::Approx { .. })));
    }
}
