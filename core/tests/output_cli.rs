//! How every `gapcast` subcommand treats its output and its exit status: a
//! reader that stops early ends it quietly, a full disk is said once, the exit
//! codes are documented in `--help`, the XLSX workbook is written to a file,
//! and no text cell of any spreadsheet output (`assess --format csv`, `catalog
//! --format tsv`, `template`) can start a formula.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use gapcast_core::export::is_inert;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../static/demo/national-figures.tsv");
const WOMEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../seeds/huadu-women-2021-2030.toml");

fn gapcast(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gapcast")).args(args).output().expect("gapcast runs")
}

fn temp_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("output_cli");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `args`, reads one line of stdout and closes it, as `| head -1` does.
fn read_one_line(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gapcast"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gapcast runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    // The reader is dropped here: the pipe is closed with output still to come.
    let out = child.wait_with_output().unwrap();
    (out.status.code(), line, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_reader_that_stops_early_ends_every_command_quietly() {
    // Outputs larger than a pipe's buffer (64 KB): the write after the close
    // fails for sure. A smaller one may fit the buffer whole and end with 0.
    for (args, large) in [
        (&["assess", DEMO, "--current-year", "2025"][..], true),
        (&["catalog"], true),
        (&["assess", DEMO, "--current-year", "2025", "--format", "csv"], false),
        (&["figures", DEMO, "--current-year", "2025"], false),
        (&["catalog", "--format", "tsv"], false),
    ] {
        let (code, line, stderr) = read_one_line(args);
        assert!(!line.is_empty(), "{args:?} printed");
        if large {
            assert_eq!(code, Some(141), "{args:?}: {stderr}");
        } else {
            assert!(matches!(code, Some(0 | 141)), "{args:?}: {code:?} {stderr}");
        }
        assert_eq!(stderr, "", "{args:?}: nothing is said");
    }
}

#[test]
fn a_full_disk_is_said_once_with_status_three() {
    let full = std::fs::File::create("/dev/full");
    let Ok(full) = full else { return }; // no /dev/full: not Linux
    for args in [&["assess", DEMO, "--current-year", "2025"][..], &["template"], &["catalog"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_gapcast"))
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .expect("gapcast runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("cannot write standard output") && !stderr.contains("panicked"), "{stderr}");
    }
    let dir = temp_dir().join("no-such-dir").join("out.xlsx");
    let out = gapcast(&["assess", DEMO, "--format", "xlsx", "-o", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-dir"));
}

#[test]
fn help_documents_the_exit_codes() {
    for args in [&["--help"][..], &["assess", "--help"]] {
        let out = gapcast(args);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        for code in
            ["0 done", "1 done, but the input has errors", "2 usage error", "3 the output could not be written", "141 "]
        {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(code), "{code} in {text}");
        }
    }
}

#[test]
fn the_xlsx_workbook_goes_to_a_file_or_a_pipe() {
    let path = temp_dir().join("results.xlsx");
    let out = gapcast(&[
        "assess",
        DEMO,
        "--current-year",
        "2025",
        "--format",
        "xlsx",
        "--lang",
        "en",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    // Standard output here is a pipe, not a terminal: the bytes go there.
    let piped = gapcast(&["assess", DEMO, "--current-year", "2025", "--format", "xlsx"]);
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.starts_with(b"PK\x03\x04"));
    let out = gapcast(&["assess", DEMO, "--format", "xlsx", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Cells of CSV text, as RFC 4180 reads them.
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let (mut cell, mut quoted, mut chars) =
        (String::new(), false, text.trim_start_matches('\u{feff}').chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                cells.push(std::mem::take(&mut cell));
            }
            (false, c) => cell.push(c),
        }
    }
    cells
}

#[test]
fn no_spreadsheet_cell_of_the_cli_starts_a_formula() {
    let seeds = std::fs::read_to_string(WOMEN).unwrap();
    let hostile = ["=HYPERLINK(\\\"http://x\\\")", "@SUM(1)", "-2+3+cmd|' /C calc'!A0", "+1", "\\t=1"];
    let mut text = seeds.clone();
    // Rename the first indicators, in both languages, and a domain.
    for (i, name) in hostile.iter().enumerate() {
        for key in ["name_zh = \"", "name_en = \""] {
            let at = text.match_indices(key).nth(i).unwrap().0 + key.len();
            let end = at + text[at..].find('"').unwrap();
            text.replace_range(at..end, name);
        }
    }
    let at = text.find("domain = \"").unwrap() + "domain = \"".len();
    let end = at + text[at..].find('"').unwrap();
    text.replace_range(at..end, "=1+1");
    let path = temp_dir().join("hostile.toml");
    std::fs::write(&path, &text).unwrap();
    let catalog = path.to_str().unwrap();

    let assess = gapcast(&["assess", DEMO, "--current-year", "2025", "--format", "csv", "--catalog", catalog]);
    let csv = String::from_utf8(assess.stdout).unwrap();
    assert!(
        csv.contains("'=HYPERLINK(\"\"http://x\"\")") && csv.contains("'-2+3+cmd"),
        "{}",
        &csv[..2000.min(csv.len())]
    );
    let cells = csv_cells(&csv);
    assert!(cells.iter().any(|c| c.starts_with('-') && c.parse::<f64>().is_ok()), "negative numbers stay numbers");

    let tsv = gapcast(&["catalog", "--format", "tsv", "--catalog", catalog]);
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    assert!(tsv.contains("\t'@SUM(1)\t"), "{tsv}");

    let template = gapcast(&["template", "--catalog", catalog, "--years", "2020-2021"]);
    let template = String::from_utf8(template.stdout).unwrap();
    assert!(template.contains("\t'=HYPERLINK(\"http://x\")\t"), "{template}");

    let tab_cells = tsv.lines().chain(template.lines()).flat_map(|l| l.split('\t').map(str::to_string));
    for cell in cells.into_iter().chain(tab_cells) {
        assert!(is_inert(&cell), "{cell:?} starts a formula");
    }
}
