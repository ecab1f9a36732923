//! Gapcast's pure core: everything the calculator knows and computes, with no
//! browser in sight.
//!
//! - [`catalog`] holds the plans' indicator definitions (loaded from `seeds/`).
//! - [`figures`] turns pasted spreadsheet text into year series, with located
//!   diagnostics.
//! - [`assess`] computes gaps, trend fits, projections, statuses, warnings and
//!   what-if paths.
//!
//! **Architecture invariant:** this crate has no web dependency. It compiles
//! natively, is tested with plain `cargo test`, and powers both the page (through
//! the Yew app crate) and the `gapcast` command-line tool.

pub mod assess;
pub mod catalog;
pub mod chart;
pub mod explain;
pub mod export;
pub mod figures;
pub mod format;
pub mod plausibility;
pub mod series;
pub mod session;
pub mod share;
pub mod sort;
pub mod verdict;
