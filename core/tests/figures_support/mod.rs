//! Shared by the figures integration tests: the test catalog (the same one the
//! unit tests use) and a one-line-per-fact summary of parsed figures.

#![allow(dead_code)]

use gapcast_core::figures::{Figures, Severity};

pub mod fixture {
    use gapcast_core::catalog::*;
    include!("../../src/figures/test_catalog.rs");
}

/// The figures as short lines: `layout delimiter`; one line a series
/// (`ID 2021=12.5 2022=11[note]`); one a diagnostic (`E C4 code` with
/// `->value` for a suggestion); `? name row N -> ids` for unmatched names;
/// `! ID YEAR: value@cell ...` for conflicts.
pub fn summary(figures: &Figures) -> Vec<String> {
    let mut lines = vec![format!("{} {}", figures.layout.key(), figures.delimiter.key())];
    for s in &figures.series {
        let points: Vec<String> = s
            .points
            .iter()
            .map(|p| match &p.note {
                Some(note) => format!("{}={}[{}]", p.year, p.value, note.escape_debug()),
                None => format!("{}={}", p.year, p.value),
            })
            .collect();
        lines.push(format!("{} {}", s.id, points.join(" ")));
    }
    for d in &figures.diagnostics {
        let severity = match d.severity {
            Severity::Error => "E",
            Severity::Warning => "W",
            Severity::Info => "I",
        };
        let mut line = format!("{severity} {} {}", d.cell.as_deref().unwrap_or("-"), d.code.key());
        if let Some(v) = d.suggested_value {
            line.push_str(&format!(" ->{v}"));
        }
        lines.push(line);
    }
    for u in &figures.unmatched {
        lines.push(format!("? {} row {} -> {}", u.name, u.row, u.suggestions.join(" ")));
    }
    for c in &figures.conflicts {
        let values: Vec<String> = c.values.iter().map(|v| format!("{}@{}", v.value, v.cell)).collect();
        lines.push(format!("! {} {}: {}", c.id, c.year, values.join(" ")));
    }
    lines
}
