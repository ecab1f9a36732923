//! `cargo xtask test`: every test, in the order that fails fastest.
//!
//! 1. native `cargo test --workspace` (core logic, CLI, app SSR rendering);
//! 2. the statistical cross-check of `gapcast assess` against numpy/scipy, and
//!    its XLSX workbook read back with openpyxl;
//! 3. the built page in headless Chromium over `file://` (node's test runner
//!    driving Debian's chromium through playwright-core); the crash banner's
//!    test on the test page (`dist::build_page(true)`, with its trigger).
//!
//! Each runner's output is echoed as it comes and its counts are summed into one
//! closing line, `N passed, N failed`, which CI reads.

use crate::{describe, dist, root, run, setup};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Reads the counts from a runner's summary line, if it is one: cargo's
    /// `test result: ok. 5 passed; 0 failed; ...`, node's `# pass 5` / `# fail 0`,
    /// and the cross-check's `5 passed, 0 failed`.
    fn read(&mut self, line: &str) {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("test result: ") {
            self.passed += number_before(rest, " passed");
            self.failed += number_before(rest, " failed");
        } else if let Some(n) = line.strip_prefix("# pass ").or_else(|| line.strip_prefix("ℹ pass ")) {
            self.passed += n.trim().parse().unwrap_or(0);
        } else if let Some(n) = line.strip_prefix("# fail ").or_else(|| line.strip_prefix("ℹ fail ")) {
            self.failed += n.trim().parse().unwrap_or(0);
        } else if line.starts_with("crosscheck: ") {
            self.passed += number_before(line, " passed");
            self.failed += number_before(line, " failed");
        }
    }
}

/// The integer just before `word` in `text`, e.g. 5 for ("ok. 5 passed", " passed").
fn number_before(text: &str, word: &str) -> u64 {
    text.find(word).and_then(|end| text[..end].rsplit(|c: char| !c.is_ascii_digit()).next()?.parse().ok()).unwrap_or(0)
}

/// Runs `cmd`, echoing its stdout line by line into the tally.
fn run_counted(cmd: &mut Command, tally: &mut Tally) -> Result<(), String> {
    eprintln!("$ {}", describe(cmd));
    let mut child =
        cmd.stdout(Stdio::piped()).spawn().map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            tally.read(&line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

pub fn test() -> Result<(), String> {
    let root = root();
    let chromium = setup::chromium()?;
    setup::npm_packages()?;
    setup::python_packages()?;

    let mut tally = Tally::default();
    let mut failures = Vec::new();

    let native = run_counted(Command::new(env!("CARGO")).current_dir(&root).args(["test", "--workspace"]), &mut tally);
    failures.extend(native.err());

    let crosscheck = run(Command::new(env!("CARGO")).current_dir(&root).args([
        "build",
        "--quiet",
        "-p",
        "gapcast-core",
        "--bin",
        "gapcast",
    ]))
    .and_then(|()| {
        let target_dir = std::env::var_os("CARGO_TARGET_DIR").map(Into::into).unwrap_or_else(|| root.join("target"));
        let gapcast = target_dir.join("debug/gapcast");
        let script = |name: &str| {
            let mut cmd = Command::new("python3");
            cmd.current_dir(&root).arg(format!("tests/crosscheck/{name}")).arg("--gapcast").arg(&gapcast);
            cmd
        };
        let numbers = run_counted(&mut script("crosscheck.py"), &mut tally);
        let xlsx = run_counted(&mut script("xlsx_check.py"), &mut tally);
        numbers.and(xlsx)
    });
    failures.extend(crosscheck.err());

    // The test page (the crash banner's trigger) first, so the shipped page is
    // the last one built.
    let hooks = dist::build_page(true);
    let browser = hooks.and_then(|hooks| dist::dist().map(|page| (page, hooks))).and_then(|(page, hooks)| {
        run_counted(
            Command::new("node")
                .current_dir(root.join("tests/e2e"))
                .args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
                .arg("tests/")
                .env("GAPCAST_PAGE", &page)
                .env("GAPCAST_TEST_PAGE", &hooks)
                .env("CHROMIUM", &chromium),
            &mut tally,
        )
    });
    failures.extend(browser.err());

    println!("\nxtask test: {} passed, {} failed", tally.passed, tally.failed);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// Times the built page in headless Chromium (a benchmark, not a test).
pub fn bench_page() -> Result<(), String> {
    let chromium = setup::chromium()?;
    setup::npm_packages()?;
    let page = dist::dist()?;
    run(Command::new("node")
        .current_dir(root().join("tests/e2e"))
        .arg("bench.mjs")
        .env("GAPCAST_PAGE", &page)
        .env("CHROMIUM", &chromium))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_reads_each_runner_summary() {
        let mut t = Tally::default();
        for line in [
            "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s",
            "test result: FAILED. 3 passed; 2 failed; 0 ignored",
            "# pass 7",
            "# fail 1",
            "crosscheck: 24 passed, 0 failed",
            "running 12 tests",
        ] {
            t.read(line);
        }
        assert_eq!((t.passed, t.failed), (46, 3));
    }
}
