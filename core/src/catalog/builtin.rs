//! The plans' own catalog, embedded at build time as static data.
//!
//! **Why not parse the TOML at run time:** the page has a 300 KB gzip budget, and
//! a TOML parser with serde costs about 160 KB of it (measured on
//! `wasm32-unknown-unknown`, opt-level z, LTO). So `core/build.rs` runs the very
//! same loader ([`super::load`]) on the seed files when the crate is built, and
//! writes the validated indicators out as the `static` table included below; here
//! they only become owned [`Indicator`]s. The page links the TOML parser only if
//! it also loads a user's own catalog with [`super::load_files`].
//!
//! The test `builtin_equals_the_loaded_seeds` checks that this table is exactly
//! what the loader makes of the seed files, and that they load with no issue;
//! the build script also prints any seed issue as a cargo warning.

use super::model::{Bounds, Comparator, Direction, Goal, Indicator, Milestone, Plan, Scale, Target, Unit};
use super::Catalog;

/// An [`Indicator`] with borrowed, `'static` text: what the build script writes.
struct StaticIndicator {
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
    notes: Option<&'static str>,
}

impl StaticIndicator {
    fn to_indicator(&self) -> Indicator {
        Indicator {
            id: self.id.to_string(),
            key: self.key.map(str::to_string),
            plan: self.plan,
            domain: self.domain.to_string(),
            name_zh: self.name_zh.to_string(),
            name_en: self.name_en.to_string(),
            aliases: self.aliases.iter().map(|a| a.to_string()).collect(),
            unit: self.unit,
            bounds: self.bounds,
            target: self.target.clone(),
            milestones: self.milestones.to_vec(),
            scale: self.scale,
            source: self.source.to_string(),
            notes: self.notes.map(str::to_string),
        }
    }
}

// Defines `static BUILTIN: &[StaticIndicator]`, written by core/build.rs. The
// names imported above are the ones it uses.
include!(concat!(env!("OUT_DIR"), "/builtin_catalog.rs"));

/// The plans' own catalog (both seed files), checked and embedded at build time.
/// Never panics and parses nothing at run time.
pub fn builtin() -> Catalog {
    Catalog { indicators: BUILTIN.iter().map(StaticIndicator::to_indicator).collect() }
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
        assert_eq!(builtin(), loaded);
        // Both plans embedded; the women's count is pinned here (per domain in
        // core/tests/catalog_seeds.rs), the children's by its own tests.
        assert_eq!(loaded.plans(), [Plan::Women, Plan::Children]);
        assert_eq!(loaded.by_plan(Plan::Women).count(), 96);
    }

    #[test]
    fn builtin_keeps_every_kind_of_value() {
        // The static table must carry what the domain types can hold: a
        // milestone, a shared key, open bounds, a scale override, notes.
        let c = builtin();
        assert!(c.indicators.iter().any(|i| !i.milestones.is_empty()));
        assert!(c.indicators.iter().any(|i| i.key.is_some()));
        assert!(c.indicators.iter().any(|i| i.bounds.upper.is_none() && i.unit == Unit::Percent));
        assert!(c.indicators.iter().any(|i| i.scale.is_some()));
        assert!(c.indicators.iter().any(|i| i.notes.is_some()));
        assert!(c.indicators.iter().any(|i| matches!(i.target.goal, Goal::Approx { .. })));
    }
}
