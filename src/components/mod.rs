//! One component per file; each takes a `...Props` struct and emits domain
//! values through callbacks or dispatches [`crate::state::Action`]s, never raw
//! DOM events.

pub mod app;
pub mod catalog_panel;
pub mod chart_svg;
pub mod chart_view;
pub mod checks;
pub mod dashboard;
pub mod detail;
pub mod dialog;
pub mod embed;
pub mod export_menu;
pub mod goal_row;
pub mod goals;
pub mod header;
pub mod indicator_table;
pub mod input_panel;
pub mod layout;
pub mod report;
pub mod report_goals;
pub mod settings_panel;
pub mod share;
pub mod sources_panel;
pub mod status_badge;
pub mod what_if;
