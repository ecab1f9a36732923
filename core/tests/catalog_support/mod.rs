//! Helpers shared by the catalog's integration tests: the built-in catalog, and
//! one spot check of an indicator's plan, unit, year and target.

use gapcast_core::catalog::{builtin, Catalog, Comparator, Direction, Goal, Indicator, Plan, Unit};

pub fn catalog() -> Catalog {
    builtin()
}

pub fn get<'a>(catalog: &'a Catalog, id: &str) -> &'a Indicator {
    catalog.get(id).unwrap_or_else(|| panic!("{id} is missing from the built-in catalog"))
}

/// What a spot check expects of an indicator's target.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    Cmp(Comparator, f64),
    Approx(f64),
    Dir(Direction),
}

/// Checks one indicator against what the plan text says.
pub fn check(catalog: &Catalog, plan: Plan, id: &str, unit: Unit, expect: Expect) {
    let indicator = get(catalog, id);
    assert_eq!(indicator.plan, plan, "{id} plan");
    assert_eq!(indicator.unit, unit, "{id} unit");
    assert_eq!(indicator.target.year, 2030, "{id} year");
    let goal = &indicator.target.goal;
    let ok = match expect {
        Expect::Cmp(c, v) => *goal == Goal::Compare { comparator: c, value: v, tolerance: None },
        Expect::Approx(v) => matches!(goal, Goal::Approx { value, .. } if *value == v),
        Expect::Dir(d) => goal.direction() == Some(d),
    };
    assert!(ok, "{id} ({}): expected {expect:?}, found {goal:?}", indicator.name_zh);
}
