//! The plans' own catalog: the seed files, checked and loaded by the build
//! script and compiled in as Rust code, so the page starts without reading TOML.
//!
//! **Why generated code:** reading and checking both seed files took the page
//! about 35 ms at start (issue 12; 0.5 ms natively), for a result that is the
//! same on every start. `core/build.rs` runs the same loader on the seeds, and
//! `core/build/catalog_code.rs` writes the [`Catalog`] it gives as an
//! expression that builds it directly; [`builtin()`] includes that. The test
//! `builtin_equals_the_loaded_seeds` checks that the two never drift.
//!
//! The seed texts stay embedded (with comment lines emptied by the build script,
//! line numbers unchanged): the catalog panel offers them as templates, and a
//! user's own files are loaded beside them with the loader.

use super::model::{Bounds, Comparator, Direction, Goal, Indicator, Milestone, Plan, PlanTitle, Scale, Target, Unit};
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
    include!(concat!(env!("OUT_DIR"), "/builtin_catalog.rs"))
}

/// A text of the generated catalog. One function rather than a `String::from`
/// at each of the ~2,500 places keeps the page's code small.
#[inline(never)]
fn s(text: &'static str) -> String {
    String::from(text)
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
        assert!(c.indicators.iter().any(|i| i.notes.is_some()));
        assert!(c.indicators.iter().any(|i| matches!(i.target.goal, Goal::Approx { .. })));
    }
}
