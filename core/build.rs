//! Build script: checks the seed catalogs in `seeds/` with the crate's own loader
//! and embeds the validated indicators as a static Rust table, so the page never
//! links a TOML parser just to read its built-in catalog (see
//! `src/catalog/builtin.rs` for the size reasoning).
//!
//! The loader's source files are compiled into this script as they are (the
//! `#[path]` modules below), so there is one loader, not a second one to keep in
//! step. Seed problems are printed as cargo warnings with their file and line;
//! the crate's tests fail on any of them.

use std::fmt::Write as _;

#[allow(dead_code)]
#[path = "src/catalog/issue.rs"]
mod issue;
#[allow(dead_code)]
#[path = "src/catalog/load.rs"]
mod load;
#[allow(dead_code)]
#[path = "src/catalog/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/catalog/raw.rs"]
mod raw;

use model::{Bounds, Goal, Indicator, Target};

/// What `load.rs` expects to find beside it (`super::Catalog`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub indicators: Vec<Indicator>,
}

fn main() {
    for path in
        ["build.rs", "src/catalog/model.rs", "src/catalog/raw.rs", "src/catalog/issue.rs", "src/catalog/load.rs"]
    {
        println!("cargo:rerun-if-changed={path}");
    }
    for (name, _) in load::BUILTIN_FILES {
        // Names are relative to the workspace root; this script runs in core/.
        println!("cargo:rerun-if-changed=../{name}");
    }
    let (catalog, issues) = load::load_files(&load::BUILTIN_FILES);
    for issue in &issues {
        println!("cargo:warning={}", issue.to_string().replace('\n', " "));
    }
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let path = std::path::Path::new(&out_dir).join("builtin_catalog.rs");
    std::fs::write(&path, table(&catalog.indicators))
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}

/// The `static BUILTIN` table `src/catalog/builtin.rs` includes.
fn table(indicators: &[Indicator]) -> String {
    let mut out = String::from("static BUILTIN: &[StaticIndicator] = &[\n");
    for i in indicators {
        let aliases: Vec<String> = i.aliases.iter().map(|a| format!("{a:?}")).collect();
        let milestones: Vec<String> = i
            .milestones
            .iter()
            .map(|m| {
                format!(
                    "Milestone {{ year: {}, comparator: Comparator::{:?}, value: {:?} }}",
                    m.year, m.comparator, m.value
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "    StaticIndicator {{ id: {:?}, key: {}, plan: Plan::{:?}, domain: {:?}, \
             name_zh: {:?}, name_en: {:?}, aliases: &[{}], unit: Unit::{:?}, bounds: {}, \
             target: {}, milestones: &[{}], scale: {}, source: {:?}, notes: {} }},",
            i.id,
            option(i.key.as_ref().map(|k| format!("{k:?}"))),
            i.plan,
            i.domain,
            i.name_zh,
            i.name_en,
            aliases.join(", "),
            i.unit,
            bounds(&i.bounds),
            target(&i.target),
            milestones.join(", "),
            option(i.scale.map(|s| format!("Scale::{s:?}"))),
            i.source,
            option(i.notes.as_ref().map(|n| format!("{n:?}"))),
        );
    }
    out.push_str("];\n");
    out
}

fn option(value: Option<String>) -> String {
    value.map_or_else(|| "None".to_string(), |v| format!("Some({v})"))
}

fn float(value: Option<f64>) -> String {
    option(value.map(|v| format!("{v:?}")))
}

fn bounds(b: &Bounds) -> String {
    format!("Bounds {{ lower: {}, upper: {} }}", float(b.lower), float(b.upper))
}

fn target(t: &Target) -> String {
    let goal = match &t.goal {
        Goal::Compare { comparator, value } => {
            format!("Goal::Compare {{ comparator: Comparator::{comparator:?}, value: {value:?} }}")
        }
        Goal::Approx { value, tolerance } => {
            format!("Goal::Approx {{ value: {value:?}, tolerance: {} }}", float(*tolerance))
        }
        Goal::Between { low, high } => format!("Goal::Between {{ low: {low:?}, high: {high:?} }}"),
        Goal::Direction { direction, level } => format!(
            "Goal::Direction {{ direction: Direction::{direction:?}, level: {} }}",
            option(level.map(|(c, v)| format!("(Comparator::{c:?}, {v:?})")))
        ),
    };
    format!("Target {{ goal: {goal}, year: {} }}", t.year)
}
