//! One component per file; each takes a `...Props` struct and emits domain
//! values through callbacks, never DOM events.

pub mod app;
pub mod header;
pub mod paste_input;
