//! Writing results as a command-line tool should: a reader that stops early
//! (`gapcast assess F | head -1`) ends the program quietly, as `cat` and `yes`
//! end (status 141, killed by SIGPIPE in shell terms, with nothing said); any
//! other write error (a full disk, `/dev/full`) is said once, plainly, and ends
//! it with [`WRITE_FAILED`]. Rust ignores SIGPIPE, so without this every
//! `print!` on a closed pipe would panic.
//!
//! Messages to stderr go through [`say!`](crate::say) for the same reason:
//! with `2>&1 | head` stderr is the closed pipe too.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// The output could not be written (a full disk, a file that cannot be made).
pub const WRITE_FAILED: u8 = 3;
/// Standard output was closed by its reader: 128 + SIGPIPE, as a shell reports
/// a program the signal ended.
pub const PIPE_CLOSED: u8 = 141;

/// Writes `bytes` to standard output and flushes; `Err` is how to exit.
pub fn stdout(command: &str, bytes: &[u8]) -> Result<(), ExitCode> {
    let mut out = io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| failed(command, "standard output", &e))
}

/// Writes `bytes` to the file at `path`, or to standard output for `-`.
pub fn to(command: &str, path: &str, bytes: &[u8]) -> Result<(), ExitCode> {
    if path == "-" {
        return stdout(command, bytes);
    }
    std::fs::write(Path::new(path), bytes).map_err(|e| failed(command, path, &e))
}

/// Whether standard output is a terminal (binary output is refused there).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// How to exit after `error` writing to `place`: quietly for a closed pipe,
/// with one message otherwise.
pub fn failed(command: &str, place: &str, error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::from(PIPE_CLOSED);
    }
    crate::say!("gapcast {command}: 无法写出 cannot write {place}: {error}");
    ExitCode::from(WRITE_FAILED)
}

/// The exit code of a result: its own on failure, else `code`.
pub fn then(result: Result<(), ExitCode>, code: ExitCode) -> ExitCode {
    match result {
        Ok(()) => code,
        Err(failure) => failure,
    }
}
