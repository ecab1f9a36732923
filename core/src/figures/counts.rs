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

use std::collections::BTreeMap;

// Plain vectors, sorted with the crate's one sort, rather than more
// BTreeMap instantiations: each costs the page kilobytes of wasm.

use crate::catalog::{Catalog, Unit};
use crate::series::{Point, Series};

use super::diagnostic::{CellRef, Code, Diagnostic, Severity};
use super::matching::normalise;

/// The catalog's count names (numerators, denominators and their aliases),
/// normalised, each with its canonical name.
pub(crate) struct CountNames {
    names: Vec<(String, String)>,
}

impl CountNames {
    pub(crate) fn new(catalog: &Catalog) -> Self {
        let mut names = Vec::new();
        for counts in catalog.indicators.iter().filter_map(|i| i.counts.as_ref()) {
            for name in counts.numerator_names() {
                names.push((normalise(name), counts.numerator.clone()));
            }
            for name in counts.denominator_names() {
                names.push((normalise(name), counts.denominator.clone()));
            }
        }
        CountNames { names }
    }

    /// The canonical count name a pasted name stands for, if any.
    pub(crate) fn find(&self, name: &str) -> Option<&str> {
        if self.names.is_empty() {
            return None;
        }
        let key = normalise(name.trim());
        self.names.iter().find(|(n, _)| *n == key).map(|(_, canonical)| canonical.as_str())
    }
}

/// Count values read so far: (canonical name, year, value, cell), in paste
/// order.
#[derive(Default)]
pub(crate) struct CountCells {
    cells: Vec<(String, i32, f64, CellRef)>,
}

impl CountCells {
    pub(crate) fn push(&mut self, name: &str, year: i32, value: f64, cell: CellRef) {
        self.cells.push((name.to_string(), year, value, cell));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.cells.is_empty()
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

/// Each name-year resolved to one value, sorted by name and year.
struct ResolvedCounts {
    rows: Vec<(String, i32, Resolved)>,
}

impl ResolvedCounts {
    /// The years of a count name, ascending, with their values.
    fn of(&self, name: &str) -> Vec<(i32, Resolved)> {
        self.rows.iter().filter(|r| r.0 == name).map(|r| (r.1, r.2)).collect()
    }
}

/// Resolves each name-year to one value: duplicates are noted, differing values
/// are a conflict (neither used).
fn resolve(cells: CountCells, texts: &dyn Fn(CellRef) -> String, out: &mut Vec<Diagnostic>) -> ResolvedCounts {
    let mut cells = cells.cells;
    // Stable: within a name-year, the cells stay in paste order.
    crate::sort::sort_by(&mut cells, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut rows = Vec::new();
    let mut start = 0;
    while start < cells.len() {
        let (name, year) = (&cells[start].0, cells[start].1);
        let end = start + cells[start..].iter().take_while(|c| &c.0 == name && c.1 == year).count();
        let group = &cells[start..end];
        let (first, first_cell) = (group[0].2, group[0].3);
        if group.iter().any(|c| c.2 != first) {
            let listing_zh: Vec<String> = group.iter().map(|c| format!("{} 的 {}", c.3.a1(), c.2)).collect();
            let listing_en: Vec<String> = group.iter().map(|c| format!("{} in {}", c.2, c.3.a1())).collect();
            let zh = format!("{name} {year} 年有不同的数值：{}；均未使用", listing_zh.join("，"));
            let en = format!("{name} has different values for {year}: {}; neither is used", listing_en.join(", "));
            for c in group {
                let d = Diagnostic::at(Severity::Error, Code::Conflict, c.3, &texts(c.3), zh.clone(), en.clone());
                out.push(d.for_year(year));
            }
        } else {
            for c in &group[1..] {
                let d = Diagnostic::at(
                    Severity::Info,
                    Code::Duplicate,
                    c.3,
                    &texts(c.3),
                    format!("与 {} 的数值相同（{name} {year} 年），只计一次", first_cell.a1()),
                    format!("Same value as {} ({name}, {year}); counted once", first_cell.a1()),
                );
                out.push(d.for_year(year));
            }
            rows.push((name.clone(), year, Resolved { value: first, cell: first_cell }));
        }
        start = end;
    }
    ResolvedCounts { rows }
}

/// Pairs the counts with every indicator that names them and merges them into
/// `series` (creating a series where only counts were pasted), keeping catalog
/// order. `texts` gives a cell's pasted text for messages.
#[inline(never)]
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
    let resolved = resolve(cells, texts, out);
    for indicator in &catalog.indicators {
        let Some(counts) = &indicator.counts else { continue };
        let numerators = resolved.of(&counts.numerator);
        let denominators = resolved.of(&counts.denominator);
        if numerators.is_empty() && denominators.is_empty() {
            continue;
        }
        let share = indicator.unit == Unit::Percent;
        let per = counts.per;
        let id = indicator.id.as_str();
        let position = series.iter().position(|s| s.id == indicator.id);
        let mut points: Vec<Point> = position.map(|i| series[i].points.clone()).unwrap_or_default();
        let mut changed = false;
        let mut years: Vec<i32> = numerators.iter().chain(&denominators).map(|c| c.0).collect();
        crate::sort::sort_by_key(&mut years, |y| *y);
        years.dedup();
        let find = |list: &[(i32, Resolved)], year: i32| list.iter().find(|c| c.0 == year).map(|c| c.1);
        for year in years {
            match (find(&numerators, year), find(&denominators, year)) {
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
                    let at = match points.iter().position(|p| p.year == year) {
                        Some(i) => i,
                        None => {
                            points.push(Point::new(year, value));
                            points.len() - 1
                        }
                    };
                    let point = &mut points[at];
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
                    if points.iter().any(|p| p.year == year && p.events.is_some()) {
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
                    let Some(point) = points.iter_mut().find(|p| p.year == year) else { continue };
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
        let merged = Series::new(indicator.id.clone(), points);
        match position {
            Some(i) => series[i] = merged,
            None => {
                series.push(merged);
                names_zh.insert(indicator.id.clone(), indicator.name_zh.clone());
            }
        }
    }
    let position_of = |id: &str| catalog.indicators.iter().position(|i| i.id == id).unwrap_or(usize::MAX);
    crate::sort::sort_by_key(series, |s| position_of(&s.id));
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
