//! Build script: checks the seed catalogs in `seeds/` with the crate's own loader,
//! so a seed problem is a build warning (and a test failure) rather than a
//! surprise in the page; writes the loaded catalog as Rust code
//! (`builtin_catalog.rs`, see `build/catalog_code.rs`), so the page starts
//! without reading TOML; and writes copies of the seeds with their comment
//! lines emptied, which [`builtin`](src/catalog/builtin.rs) embeds for the
//! template downloads and for loading the plans beside a user's own files.
//!
//! The loader's source files are compiled into this script as they are (the
//! `#[path]` modules below), so there is one loader, not a second one to keep in
//! step. Seed problems are printed as cargo warnings with their file and line;
//! the crate's tests fail on any of them.

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
#[path = "src/catalog/parse.rs"]
mod parse;
#[allow(dead_code)]
#[path = "src/catalog/raw.rs"]
mod raw;
#[allow(dead_code)]
#[path = "src/sort.rs"]
mod sort;

#[path = "build/catalog_code.rs"]
mod catalog_code;

/// What `load.rs` expects to find beside it (`super::Catalog`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub indicators: Vec<model::Indicator>,
    pub titles: Vec<model::PlanTitle>,
    pub goals: Vec<model::PlanGoal>,
    pub proxies: Vec<model::Indicator>,
}

fn main() {
    for path in [
        "build.rs",
        "build/catalog_code.rs",
        "src/catalog/model.rs",
        "src/catalog/raw.rs",
        "src/catalog/issue.rs",
        "src/catalog/load.rs",
        "src/catalog/parse.rs",
        "src/sort.rs",
    ] {
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
    assert!(!catalog.indicators.is_empty(), "the seeds define no indicator");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let code = std::path::Path::new(&out_dir).join("builtin_catalog.rs");
    std::fs::write(&code, catalog_code::catalog(&catalog))
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", code.display()));
    for (name, text) in load::BUILTIN_FILES {
        let file_name = std::path::Path::new(name).file_name().expect("seed paths name a file");
        let path = std::path::Path::new(&out_dir).join(file_name);
        std::fs::write(&path, blank_comments(text))
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
    }
}

/// The text with every comment-only line emptied. The line itself stays, so
/// line numbers are unchanged; the comments are for the people who edit the
/// seeds, and the page need not carry them.
fn blank_comments(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if line.trim_start().starts_with('#') {
                if line.ends_with('\n') {
                    "\n"
                } else {
                    ""
                }
            } else {
                line
            }
        })
        .collect()
}
