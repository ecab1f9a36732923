//! The assessment engine: gaps, trend fits, projections, statuses, warnings and
//! what-if paths, following ../shared/METHODS.md. (Being built: issue 5.)
