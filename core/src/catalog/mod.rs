//! The plans' indicator catalog: definitions loaded from the TOML files in
//! `seeds/`, validated, and embedded in the page and the CLI at build time.
//!
//! This module owns what an indicator is ([`model`]) and how a catalog file is
//! read. It knows nothing about figures or assessment.

pub mod model;

pub use model::*;

/// A loaded, validated set of indicators (one or more plan files).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub indicators: Vec<Indicator>,
}

impl Catalog {
    /// Looks an indicator up by its id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}
