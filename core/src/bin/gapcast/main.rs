//! `gapcast`: the command-line face of the core, for batch use and for checking
//! the page's numbers. Each subcommand lives in its own module; this file only
//! dispatches.
//!
//! Exit status, the same for every subcommand (see [`USAGE`]).

/// A line to stderr that never panics (stderr may be a closed pipe too).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod assess_cmd;
mod catalog_cmd;
mod clock;
mod figures_cmd;
mod output;

use std::process::ExitCode;

const USAGE: &str = "\
gapcast — Huadu women's and children's plan target tracker (command line)

usage:
  gapcast catalog [--catalog FILE]... [--format json|tsv]   list or check a catalog
  gapcast template --plan women|children|all --years 2020-2025
  gapcast figures FILE [--format json]
  gapcast assess FILE [--catalog FILE]... [--level 0.8] [--scale auto|linear|log|logit]
                 [--from-year YEAR] [--current-year YEAR] [--format json|csv|xlsx]
                 [--lang zh|en] [-o FILE]

exit status (every subcommand):
  0    done
  1    done, but the input has errors: cells not used, a catalog file's errors
       (stderr lists each; the output is still written)
  2    usage error, or the input cannot be read: missing, not text (binary),
       not UTF-8/UTF-16
  3    the output could not be written (disk full, no such directory)
  141  standard output was closed by its reader (`| head`): nothing is said
";

/// A subcommand's parsed options, or how to exit: after printing its usage for
/// `--help` (`Ok(None)` from its parser), or after a usage error (status 2).
fn options_or_exit<T>(command: &str, usage: &str, parsed: Result<Option<T>, String>) -> Result<T, ExitCode> {
    match parsed {
        Ok(Some(options)) => Ok(options),
        Ok(None) => Err(output::then(output::stdout(command, usage.as_bytes()), ExitCode::SUCCESS)),
        Err(message) => {
            say!("gapcast {command}: {message}\n\n{usage}");
            Err(ExitCode::from(2))
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(command) = args.next() else {
        say!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest: Vec<_> = args.collect();
    match command.to_string_lossy().as_ref() {
        "catalog" => catalog_cmd::run(rest),
        "template" => figures_cmd::run_template(rest),
        "figures" => figures_cmd::run(rest),
        "assess" => assess_cmd::run(rest),
        "-h" | "--help" | "help" => output::then(output::stdout("help", USAGE.as_bytes()), ExitCode::SUCCESS),
        other => {
            say!("gapcast: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
