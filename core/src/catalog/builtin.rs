//! The plans' own catalog: the seed files, embedded at build time and read with
//! the same loader as a user's catalog.
//!
//! **Why parse at run time:** the page links the loader anyway, for users' own
//! catalogs, so reading the plans' catalog with it costs nothing more. It was once
//! a `static` table written by the build script; the seed text (with comment
//! lines emptied by `core/build.rs`) compresses smaller than that table did, and
//! there is one path from a catalog file to [`Indicator`]s instead of two.
//! Reading both plans takes about a millisecond (`cargo bench -p gapcast-core
//! --bench assess`, `builtin catalog`).
//!
//! The build script checks the seeds with the loader and prints any issue as a
//! cargo warning; the test `builtin_equals_the_loaded_seeds` fails on any.

use super::{load_files, Catalog};

/// The seed files as embedded in the page: names as in
/// [`BUILTIN_FILES`](super::BUILTIN_FILES), comment lines emptied (so line
/// numbers still match the files in `seeds/`).
const EMBEDDED: [(&str, &str); 2] = [
    ("seeds/huadu-women-2021-2030.toml", include_str!(concat!(env!("OUT_DIR"), "/huadu-women-2021-2030.toml"))),
    ("seeds/huadu-children-2021-2030.toml", include_str!(concat!(env!("OUT_DIR"), "/huadu-children-2021-2030.toml"))),
];

/// The plans' own catalog (both seed files). The build script has checked them,
/// so the issues are empty; should a seed edit slip through, the sound
/// indicators still load.
pub fn builtin() -> Catalog {
    load_files(&EMBEDDED).0
}

/// The seed files as embedded, as (name, text), to load beside a user's own.
pub fn builtin_files() -> [(&'static str, &'static str); 2] {
    EMBEDDED
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Goal, Plan, Unit, BUILTIN_FILES};

    #[test]
    fn builtin_equals_the_loaded_seeds() {
        let (loaded, issues) = load_files(&BUILTIN_FILES);
        let shown: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert!(issues.is_empty(), "{}", shown.join("\n"));
        let (embedded, issues) = load_files(&EMBEDDED);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(embedded, loaded);
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
