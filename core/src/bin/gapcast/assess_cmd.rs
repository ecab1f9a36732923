//! (Being built.)
use std::{ffi::OsString, process::ExitCode};

pub fn run(_args: Vec<OsString>) -> ExitCode {
    eprintln!("gapcast: this command is not built yet");
    ExitCode::from(2)
}
