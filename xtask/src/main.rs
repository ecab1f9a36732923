//! Build tasks for Gapcast, run as `cargo xtask <task>`.
//!
//! - `dist`: builds `dist/gapcast.html`, one self-contained page (JS glue, CSS, the
//!   first screen's static skeleton and the gzipped, base64-encoded wasm
//!   inlined), and prints its raw and gzip size.
//! - `run`: `dist`, then serves `dist/` on 127.0.0.1 and prints the `file://` path
//!   and the URL.
//! - `test`: every test: native `cargo test --workspace`, the statistical
//!   cross-check against numpy/scipy, and the end-to-end tests in headless
//!   Chromium on the built file.
//!
//! Each task first installs what it needs, idempotently (see [`setup`]), so a
//! fresh machine needs nothing installed by hand.

mod dist;
mod serve;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <dist|run|test|bench-page>
  dist        build dist/gapcast.html (one self-contained file); with --test-hooks,
              the browser tests' page with the crash banner's trigger, in
              target/test-page/ (never shipped)
  run         build, then serve dist/ on 127.0.0.1 (Ctrl-C stops)
  test        run every test (native, cross-check, browser)
  bench-page  time the built page in headless Chromium against a static page
              (first visible text, answering a paste, long tasks, what-if)";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "dist" => dist::build_page(std::env::args().nth(2).as_deref() == Some("--test-hooks")).map(|_| ()),
        "run" => dist::dist().and_then(|page| serve::serve(&page)),
        "test" => test::test(),
        "bench-page" => test::bench_page(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Runs a command to completion, echoing it, and fails with its status.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("$ {}", describe(cmd));
    let status = cmd.status().map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Whether a command runs and exits successfully, with its output hidden.
pub fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).status().is_ok_and(|s| s.success())
}

/// The command line, for logs.
pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}
