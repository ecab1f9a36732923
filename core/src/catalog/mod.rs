//! The plans' indicator catalog: definitions read from the TOML files in
//! `seeds/` (embedded in the page and the CLI) or from a user's own file in the
//! same format, and validated.
//!
//! This module owns what an indicator is ([`model`]), how a catalog file is read
//! ([`parse`] for the TOML, [`raw`] for the file as written, [`load`] for
//! checking it into domain types), how problems in a file are worded
//! ([`issue`]), and the plans' own catalog ([`builtin()`]). It knows nothing
//! about figures or assessment.
//!
//! **Invariant:** every [`Indicator`] in a [`Catalog`] has passed the loader's
//! checks: a known unit, exactly one of comparator or direction, values inside
//! the bounds, milestones before the target year, an id unique in the catalog.

mod builtin;
pub mod issue;
pub mod load;
pub mod model;
pub mod parse;
pub mod raw;

pub use builtin::{builtin, builtin_files};
pub use issue::{CatalogIssue, IssueKind, Severity};
pub use load::{has_errors, load_files, BUILTIN_FILES};
pub use model::*;

/// A loaded, validated set of indicators (one or more plan files), in file order,
/// which is the plans' own order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub indicators: Vec<Indicator>,
    /// The titles the files give their plans (`title_zh`, `title_en`), in load
    /// order: another district's catalog names its own plans.
    pub titles: Vec<PlanTitle>,
    /// The goals of 主要目标 that name no quantity, in file order.
    pub goals: Vec<PlanGoal>,
    /// The suggested proxies of those goals as indicators (id = the goal's id,
    /// [`Indicator::proxy_for`] set): matched by name and judged like
    /// indicators, but not counted among the plan's own.
    pub proxies: Vec<Indicator>,
}

impl Catalog {
    /// The title of `plan` as the first file of that plan gives it, in Chinese
    /// (`zh`) or English; `None` when no file gives one.
    pub fn title(&self, plan: Plan, zh: bool) -> Option<&str> {
        self.titles.iter().filter(|t| t.plan == plan).find_map(|t| if zh { t.zh.as_deref() } else { t.en.as_deref() })
    }

    /// Looks an indicator up by its id; a goal's suggested proxy too.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().chain(&self.proxies).find(|i| i.id == id)
    }

    /// Looks a goal without a measure up by its id.
    pub fn goal(&self, id: &str) -> Option<&PlanGoal> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// The goals without a measure of one domain of a plan, in the plan's order.
    pub fn goals_in_domain<'a>(&'a self, plan: Plan, domain: &'a str) -> impl Iterator<Item = &'a PlanGoal> {
        self.goals.iter().filter(move |g| g.plan == plan && g.domain == domain)
    }

    /// The catalog figures are matched against: the indicators and the goals'
    /// proxies, so a proxy pasted by name is read.
    pub fn matchable(&self) -> std::borrow::Cow<'_, Catalog> {
        if self.proxies.is_empty() {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut all = Catalog { indicators: self.indicators.clone(), ..Catalog::default() };
        all.indicators.extend(self.proxies.iter().cloned());
        std::borrow::Cow::Owned(all)
    }

    /// The proxies alone, as a catalog to assess.
    pub fn proxy_catalog(&self) -> Catalog {
        Catalog { indicators: self.proxies.clone(), ..Catalog::default() }
    }

    /// The plans present, in load order, each once.
    pub fn plans(&self) -> Vec<Plan> {
        let mut plans = Vec::new();
        for indicator in &self.indicators {
            if !plans.contains(&indicator.plan) {
                plans.push(indicator.plan);
            }
        }
        plans
    }

    /// The indicators of one plan, in the plan's order.
    pub fn by_plan(&self, plan: Plan) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(move |i| i.plan == plan)
    }

    /// The domains of one plan in the plan's order (妇女与健康, 妇女与教育, ...),
    /// each once.
    pub fn domains(&self, plan: Plan) -> Vec<&str> {
        let mut domains: Vec<&str> = Vec::new();
        for indicator in self.by_plan(plan) {
            if !domains.contains(&indicator.domain.as_str()) {
                domains.push(&indicator.domain);
            }
        }
        domains
    }

    /// The indicators of one domain of a plan, in the plan's order.
    pub fn in_domain<'a>(&'a self, plan: Plan, domain: &'a str) -> impl Iterator<Item = &'a Indicator> {
        self.by_plan(plan).filter(move |i| i.domain == domain)
    }

    /// Every indicator carrying the shared `key` (one per plan that sets it).
    pub fn sharing_key<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Indicator> {
        self.indicators.iter().filter(move |i| i.key.as_deref() == Some(key))
    }

    /// The other indicators measuring the same quantity as `indicator` (same
    /// shared key), in the other plan; empty when it has no key.
    pub fn linked<'a>(&'a self, indicator: &'a Indicator) -> impl Iterator<Item = &'a Indicator> {
        self.indicators.iter().filter(move |i| i.id != indicator.id && i.key.is_some() && i.key == indicator.key)
    }

    /// The indicators whose Chinese name, English name or an alias is exactly
    /// `name` (after trimming). Several only when a shared key links them or when
    /// the loader warned about a name clash.
    pub fn by_name(&self, name: &str) -> Vec<&Indicator> {
        let name = name.trim();
        self.indicators
            .iter()
            .filter(|i| i.name_zh == name || i.name_en == name || i.aliases.iter().any(|a| a == name))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let women = "plan = \"women\"\ntitle_zh = \"某区妇女规划\"\n\
            [[indicator]]\nid = \"W-A-01\"\nkey = \"k\"\ndomain = \"甲域\"\nname_zh = \"甲\"\nname_en = \"A\"\n\
            unit = \"percent\"\ncomparator = \"ge\"\nvalue = 1\nsource = \"s\"\n\
            [[indicator]]\nid = \"W-B-01\"\ndomain = \"乙域\"\nname_zh = \"乙\"\nname_en = \"B\"\n\
            aliases = [\"乙率\"]\nunit = \"count\"\ndirection = \"increase\"\nsource = \"s\"\n\
            [[indicator]]\nid = \"W-A-02\"\ndomain = \"甲域\"\nname_zh = \"丙\"\nname_en = \"C\"\n\
            unit = \"count\"\ndirection = \"decrease\"\nsource = \"s\"\n";
        let children = "plan = \"children\"\n\
            [[indicator]]\nid = \"C-A-01\"\nkey = \"k\"\ndomain = \"丁域\"\nname_zh = \"甲\"\nname_en = \"A\"\n\
            unit = \"percent\"\ncomparator = \"ge\"\nvalue = 1\nsource = \"s\"\n";
        let (catalog, issues) = load_files(&[("w.toml", women), ("c.toml", children)]);
        assert!(issues.is_empty(), "{issues:?}");
        catalog
    }

    #[test]
    fn lookups() {
        let c = catalog();
        let ids = |it: Vec<&Indicator>| it.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(c.get("W-B-01").map(|i| i.name_en.as_str()), Some("B"));
        assert_eq!(c.get("W-Z-99"), None);
        assert_eq!(c.plans(), [Plan::Women, Plan::Children]);
        assert_eq!(c.domains(Plan::Women), ["甲域", "乙域"]);
        assert_eq!(ids(c.in_domain(Plan::Women, "甲域").collect()), ["W-A-01", "W-A-02"]);
        assert_eq!(ids(c.by_plan(Plan::Children).collect()), ["C-A-01"]);
        assert_eq!(ids(c.sharing_key("k").collect()), ["W-A-01", "C-A-01"]);
        let first = c.get("W-A-01").expect("present");
        assert_eq!(ids(c.linked(first).collect()), ["C-A-01"]);
        let unkeyed = c.get("W-B-01").expect("present");
        assert!(c.linked(unkeyed).next().is_none());
        assert_eq!(ids(c.by_name(" 乙率 ")), ["W-B-01"]);
        assert_eq!(ids(c.by_name("甲")), ["W-A-01", "C-A-01"]);
        // The women's file gives a Chinese title only; the children's none.
        assert_eq!(c.title(Plan::Women, true), Some("某区妇女规划"));
        assert_eq!(c.title(Plan::Women, false), None);
        assert_eq!(c.title(Plan::Children, true), None);
    }
}
