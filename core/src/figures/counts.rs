//! Count rows in a paste: the numerators and denominators the catalog names for
//! its rates and shares (`counts` in `seeds/README.md`), read in any layout and
//! paired by year with each indicator they belong to.
//!
//! Why here and not in the engine: pairing is about cells (which year, which
//! row, what was pasted twice), and every problem must point at its cell: a
//! numerator without its denominator, more events than births for a share, a
//! count with decimals, a denominator of zero. The engine then sees points
//! that carry `events` and `exposure` ([`crate::series::Point`]).
//!
//! Rules (METHODS.md, "Rates and shares from counts"):
//! - numerator and denominator for a year: the value is d/N·per (the pasted
//!   rate, if any, is checked against it and then replaced);
//! - a rate with only its denominator: the count is derived, d = rate·N/per
//!   rounded (`derived_count`);
//! - a numerator with neither denominator nor rate is reported and not used as
//!   counts.
//!
//! A denominator such as 活产数 serves every indicator that names it; its
//! conflicts and duplicates are reported once, not once per indicator.

use std::collections::{BTreeMap, HashMap};

use crate::catalog::{Catalog, Unit};
use crate::series::{Point, Series};

use super::diagnostic::{CellRef, Code, Diagnostic, Severity};
use super::matching::normalise;

/// The catalog's count names (numerators, denominators and their aliases),
/// each leading to its canonical name.
pub(crate) struct CountNames {
    by_name: HashMap<String, String>,
}

impl CountNames {
    pub(crate) fn new(catalog: &Catalog) -> Self {
        let mut by_name = HashMap::new();
        for counts in catalog.indicators.iter().filter_map(|i| i.counts.as_ref()) {
            for name in counts.numerator_names() {
                by_name.insert(normalise(name), counts.numerator.clone());
            }
            for name in counts.denominator_names() {
                by_name.insert(normalise(name), counts.denominator.clone());
            }
        }
        CountNames { by_name }
    }

    /// The canonical count name a pasted name stands for, if any.
    pub(crate) fn find(&self, name: &str) -> Option<&str> {
        if self.by_name.is_empty() {
            return None;
        }
        self.by_name.get(&normalise(name.trim())).map(String::as_str)
    }
}

/// Count values read so far: canonical name → year → (value, cell), every
/// cell as pasted.
#[derive(Default)]
pub(crate) struct CountCells {
    by_name: BTreeMap<String, BTreeMap<i32, Vec<(f64, CellRef)>>>,
}

impl CountCells {
    pub(crate) fn push(&mut self, name: &str, year: i32, value: f64, cell: CellRef) {
        self.by_name.entry(name.to_string()).or_default().entry(year).or_default().push((value, cell));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// Checks one pasted count: a whole number ≥ 0. `Err` has the diagnostic's
/// (zh, en) reason.
pub(crate) fn check_count(value: f64) -> Result<(), (&'static str, &'static str)> {
    if value < 0.0 {
        Err(("是负数，计数不能为负", "negative, and a count cannot be"))
    } else if value.fract() != 0.0 {
        Err(("不是整数，计数（例数、人数）应为整数", "not a whole number, and a count (cases, people) must be"))
    } else {
        Ok(())
    }
}

/// One count resolved for a year.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    value: f64,
    cell: CellRef,
}

/// Resolves each name-year to one value: duplicates are noted, differing values
/// are a conflict (neither used).
fn resolve(cells: CountCells, texts: &dyn Fn(CellRef) -> String, out: &mut Vec<Diagnostic>) -> ResolvedCounts {
    let mut resolved = BTreeMap::new();
    for (name, years) in cells.by_name {
        let mut by_year = BTreeMap::new();
        for (year, values) in years {
            let (first, first_cell) = values[0];
            if values.iter().any(|(v, _)| *v != first) {
                let listing_zh: Vec<String> = values.iter().map(|(v, c)| format!("{} 的 {v}", c.a1())).collect();
                let listing_en: Vec<String> = values.iter().map(|(v, c)| format!("{v} in {}", c.a1())).collect();
                let zh = format!("{name} {year} 年有不同的数值：{}；均未使用", listing_zh.join("，"));
                let en = format!("{name} has different values for {year}: {}; neither is used", listing_en.join(", "));
                for (_, cell) in &values {
                    let d =
                        Diagnostic::at(Severity::Error, Code::Conflict, *cell, &texts(*cell), zh.clone(), en.clone());
                    out.push(d.for_year(year));
                }
                continue;
            }
            for (_, cell) in &values[1..] {
                let d = Diagnostic::at(
                    Severity::Info,
                    Code::Duplicate,
                    *cell,
                    &texts(*cell),
                    format!("与 {} 的数值相同（{name} {year} 年），只计一次", first_cell.a1()),
                    format!("Same value as {} ({name}, {year}); counted once", first_cell.a1()),
                );
                out.push(d.for_year(year));
            }
            by_year.insert(year, Resolved { value: first, cell: first_cell });
        }
        resolved.insert(name, by_year);
    }
    ResolvedCounts { by_name: resolved }
}

struct ResolvedCounts {
    by_name: BTreeMap<String, BTreeMap<i32, Resolved>>,
}

/// Pairs the counts with every indicator that names them and merges them into
/// `series` (creating a series where only counts were pasted), keeping catalog
/// order. `texts` gives a cell's pasted text for messages.
pub(crate) fn pair(
    catalog: &Catalog,
    cells: CountCells,
    series: &mut Vec<Series>,
    names_zh: &mut BTreeMap<String, String>,
    texts: &dyn Fn(CellRef) -> String,
    out: &mut Vec<Diagnostic>,
) {
    if cells.is_empty() {
        return;
    }
    let counts_by_name = resolve(cells, texts, out);
    let empty = BTreeMap::new();
    for indicator in &catalog.indicators {
        let Some(counts) = &indicator.counts else { continue };
        let numerators = counts_by_name.by_name.get(&counts.numerator).unwrap_or(&empty);
        let denominators = counts_by_name.by_name.get(&counts.denominator).unwrap_or(&empty);
        if numerators.is_empty() && denominators.is_empty() {
            continue;
        }
        let share = indicator.unit == Unit::Percent;
        let per = counts.per;
        let id = indicator.id.as_str();
        let position = series.iter().position(|s| s.id == indicator.id);
        let mut points: BTreeMap<i32, Point> =
            position.map(|i| series[i].points.iter().map(|p| (p.year, p.clone())).collect()).unwrap_or_default();
        let mut changed = false;
        let years: std::collections::BTreeSet<i32> = numerators.keys().chain(denominators.keys()).copied().collect();
        for year in years {
            match (numerators.get(&year), denominators.get(&year)) {
                (Some(d), Some(n)) => {
                    if n.value <= 0.0 {
                        let text = texts(n.cell);
                        out.push(
                            Diagnostic::at(
                                Severity::Error,
                                Code::ZeroDenominator,
                                n.cell,
                                &text,
                                format!("{} {year} 年为 0，{} 的率无从计算，该年计数未使用", counts.denominator, indicator.name_zh),
                                format!(
                                    "{} is 0 for {year}: no rate of {id} can be computed; the year's counts are not used",
                                    counts.denominator
                                ),
                            )
                            .for_indicator(id)
                            .for_year(year),
                        );
                        continue;
                    }
                    if share && d.value > n.value {
                        let text = texts(d.cell);
                        out.push(
                            Diagnostic::at(
                                Severity::Error,
                                Code::CountsExceed,
                                d.cell,
                                &text,
                                format!(
                                    "{} {year} 年为 {}，多于{} {}：比例不能超过 100%，该年计数未使用",
                                    counts.numerator, d.value, counts.denominator, n.value
                                ),
                                format!(
                                    "{} for {year} is {}, more than {} {}: a share cannot exceed 100%; the year's counts are not used",
                                    counts.numerator, d.value, counts.denominator, n.value
                                ),
                            )
                            .for_indicator(id)
                            .for_year(year),
                        );
                        continue;
                    }
                    let value = tidy(d.value / n.value * per);
                    let point = points.entry(year).or_insert_with(|| Point::new(year, value));
                    if (point.value - value).abs() > 0.05 + 0.01 * value.abs() {
                        let text = texts(d.cell);
                        out.push(
                            Diagnostic::at(
                                Severity::Warning,
                                Code::CountsDisagree,
                                d.cell,
                                &text,
                                format!(
                                    "{year} 年由计数算得 {}（{} ÷ {} × {per}），与粘贴的率 {} 不符；按计数使用",
                                    value, d.value, n.value, point.value
                                ),
                                format!(
                                    "For {year} the counts give {value} ({} / {} × {per}), not the pasted rate {}; the counts are used",
                                    d.value, n.value, point.value
                                ),
                            )
                            .for_indicator(id)
                            .for_year(year),
                        );
                    }
                    point.value = value;
                    point.events = Some(d.value);
                    point.exposure = Some(n.value);
                    point.derived_count = false;
                    changed = true;
                }
                (Some(d), None) => {
                    if points.get(&year).is_some_and(|p| p.events.is_some()) {
                        continue;
                    }
                    let text = texts(d.cell);
                    out.push(
                        Diagnostic::at(
                            Severity::Warning,
                            Code::NumeratorWithoutDenominator,
                            d.cell,
                            &text,
                            format!(
                                "{} {year} 年有数值，但没有{}：不能作为{}的计数使用",
                                counts.numerator, counts.denominator, indicator.name_zh
                            ),
                            format!(
                                "{} has a value for {year} but {} has none: not used as counts of {id}",
                                counts.numerator, counts.denominator
                            ),
                        )
                        .for_indicator(id)
                        .for_year(year),
                    );
                }
                (None, Some(n)) => {
                    let Some(point) = points.get_mut(&year) else { continue };
                    if point.events.is_some() || n.value <= 0.0 {
                        continue;
                    }
                    let derived = (point.value * n.value / per).round();
                    if share && derived > n.value {
                        continue;
                    }
                    point.events = Some(derived);
                    point.exposure = Some(n.value);
                    point.derived_count = true;
                    changed = true;
                    let text = texts(n.cell);
                    out.push(
                        Diagnostic::at(
                            Severity::Info,
                            Code::DerivedCount,
                            n.cell,
                            &text,
                            format!(
                                "{} {year} 年的 {} 与{} {} 推得{} {derived}（取整）",
                                indicator.name_zh, point.value, counts.denominator, n.value, counts.numerator
                            ),
                            format!(
                                "{id} {year}: {} with {} {} gives {} {derived} (rounded)",
                                point.value, counts.denominator, n.value, counts.numerator
                            ),
                        )
                        .for_indicator(id)
                        .for_year(year),
                    );
                }
                (None, None) => {}
            }
        }
        if !changed {
            continue;
        }
        let merged = Series::new(indicator.id.clone(), points.into_values().collect());
        match position {
            Some(i) => series[i] = merged,
            None => {
                series.push(merged);
                names_zh.insert(indicator.id.clone(), indicator.name_zh.clone());
            }
        }
    }
    let order: HashMap<&str, usize> =
        catalog.indicators.iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect();
    crate::sort::sort_by_key(series, |s| order.get(s.id.as_str()).copied().unwrap_or(usize::MAX));
}

/// Rounds away binary noise from d/N·per (twelve significant digits).
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits.clamp(-300, 300));
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}
