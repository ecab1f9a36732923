//! `gapcast figures` and `gapcast template`: the figures parser and the blank
//! figures template on the command line.
//!
//! - `gapcast figures FILE` reads a file (or `-` for standard input) as bytes,
//!   parses it against the catalog, and prints the series, diagnostics,
//!   unmatched names and conflicts as JSON (the same shape the page uses).
//! - `gapcast template --plan women|children|all --years 2020-2025` prints the
//!   TSV template staff fill in Excel and paste back.
//!
//! Exit status: 0 when no diagnostic is an error, 1 when some cell was not
//! used, 2 for a usage problem or a file that cannot be read (missing, binary,
//! not UTF-8), 3 when the output cannot be written (`gapcast --help`).

use std::ffi::OsString;
use std::io::Read;
use std::process::ExitCode;

use gapcast_core::catalog::{builtin, has_errors, load_files, Catalog, Plan};
use gapcast_core::figures::{parse_bytes, template, Delimiter, Layout, ParseOptions};

const USAGE: &str = "\
usage: gapcast figures FILE [--format json] [--catalog FILE]... [--current-year YEAR]
                       [--delimiter tab|comma|semicolon|chinese_comma]
                       [--layout wide|transposed|long] [--assign NAME=ID]...
       gapcast template [--plan women|children|all] [--years 2020-2025] [--catalog FILE]...

  FILE                 the figures: pasted cells saved as text, CSV or TSV
                       (UTF-8, or UTF-16 with a byte-order mark); `-` reads stdin
  --catalog FILE       catalog file(s) to match against (default: the built-in plans)
  --current-year YEAR  figures after this year are flagged (default: this year)
  --delimiter, --layout  force instead of detecting
  --assign NAME=ID     read the pasted name NAME as indicator ID (repeatable)
  --plan               template rows for one plan or both (default all)
  --years A-B          template year columns (default 2020 to last year)
";

#[derive(Debug, PartialEq)]
struct FiguresArgs {
    file: String,
    catalogs: Vec<String>,
    options: ParseOptions,
}

#[derive(Debug, PartialEq)]
struct TemplateArgs {
    plan: Option<Plan>,
    years: (i32, i32),
    catalogs: Vec<String>,
}

fn os_string(value: OsString) -> Result<String, String> {
    value.into_string().map_err(|v| format!("not valid UTF-8: {}", v.to_string_lossy()))
}

fn parse_year_arg(text: &str) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => Ok(y),
        _ => Err(format!("`{text}` is not a year from 2000 to 2100")),
    }
}

/// Reads `2020-2025`, `2020..2025`, `2020–2025` or a single `2024`.
fn parse_years(text: &str) -> Result<(i32, i32), String> {
    let parts: Vec<&str> = text.split(['-', '–', '—', '~']).filter(|p| !p.is_empty()).collect();
    let parts: Vec<&str> = if parts.len() == 1 && text.contains("..") { text.split("..").collect() } else { parts };
    let (from, to) = match parts.as_slice() {
        [one] => (parse_year_arg(one)?, parse_year_arg(one)?),
        [a, b] => (parse_year_arg(a)?, parse_year_arg(b)?),
        _ => return Err(format!("`{text}` is not a year range like 2020-2025")),
    };
    if from > to {
        return Err(format!("`{text}`: the first year is after the last"));
    }
    Ok((from, to))
}

fn parse_figures_args(args: Vec<OsString>, this_year: i32) -> Result<Option<FiguresArgs>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut file = None;
    let mut catalogs = Vec::new();
    let mut options = ParseOptions::new(this_year);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("format") => {
                let value = os_string(parser.value().map_err(|e| e.to_string())?)?;
                if value != "json" {
                    return Err(format!("unknown format `{value}` (expected json)"));
                }
            }
            Long("catalog") => catalogs.push(os_string(parser.value().map_err(|e| e.to_string())?)?),
            Long("current-year") => {
                options.current_year = parse_year_arg(&os_string(parser.value().map_err(|e| e.to_string())?)?)?
            }
            Long("delimiter") => {
                let value = os_string(parser.value().map_err(|e| e.to_string())?)?;
                options.delimiter = Some(Delimiter::from_key(&value).ok_or_else(|| {
                    format!("unknown delimiter `{value}` (expected tab, comma, semicolon or chinese_comma)")
                })?);
            }
            Long("layout") => {
                let value = os_string(parser.value().map_err(|e| e.to_string())?)?;
                options.layout = Some(
                    Layout::from_key(&value)
                        .ok_or_else(|| format!("unknown layout `{value}` (expected wide, transposed or long)"))?,
                );
            }
            Long("assign") => {
                let value = os_string(parser.value().map_err(|e| e.to_string())?)?;
                let Some((name, id)) = value.rsplit_once('=') else {
                    return Err(format!("`{value}` is not NAME=ID"));
                };
                options.assignments.insert(name.to_string(), id.to_string());
            }
            Short('h') | Long("help") => return Ok(None),
            Value(value) if file.is_none() => file = Some(os_string(value)?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let file = file.ok_or("a FILE to read is needed")?;
    Ok(Some(FiguresArgs { file, catalogs, options }))
}

fn parse_template_args(args: Vec<OsString>, this_year: i32) -> Result<Option<TemplateArgs>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut out = TemplateArgs { plan: None, years: (2020, (this_year - 1).max(2020)), catalogs: Vec::new() };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("plan") => {
                let value = os_string(parser.value().map_err(|e| e.to_string())?)?;
                out.plan = match value.as_str() {
                    "women" => Some(Plan::Women),
                    "children" => Some(Plan::Children),
                    "all" => None,
                    other => return Err(format!("unknown plan `{other}` (expected women, children or all)")),
                };
            }
            Long("years") => out.years = parse_years(&os_string(parser.value().map_err(|e| e.to_string())?)?)?,
            Long("catalog") => out.catalogs.push(os_string(parser.value().map_err(|e| e.to_string())?)?),
            Short('h') | Long("help") => return Ok(None),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(out))
}

/// The built-in catalog, or the files given; catalog problems go to stderr.
/// `Err` is an unreadable file; the flag says whether the catalog had errors.
fn catalog(files: &[String], command: &str) -> Result<(Catalog, bool), ExitCode> {
    if files.is_empty() {
        return Ok((builtin(), false));
    }
    let mut texts = Vec::new();
    for path in files {
        match std::fs::read_to_string(path) {
            Ok(text) => texts.push((path.as_str(), text)),
            Err(err) => {
                crate::say!("gapcast {command}: 无法读取 cannot read {path}: {err}");
                return Err(ExitCode::from(2));
            }
        }
    }
    let files: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (catalog, issues) = load_files(&files);
    for issue in &issues {
        crate::say!("{issue}");
    }
    Ok((catalog, has_errors(&issues)))
}

/// Refuses input that is not text (binary data, another encoding) with the
/// parser's own message, as an unreadable file: status 2 in `figures` and
/// `assess` alike.
pub fn readable(command: &str, file: &str, bytes: &[u8]) -> Result<(), ExitCode> {
    match gapcast_core::figures::decode(bytes) {
        Ok(_) => Ok(()),
        Err(error) => {
            let d = error.diagnostic();
            crate::say!("gapcast {command}: 无法读取 cannot read {file}: {} / {}", d.message_zh, d.message_en);
            Err(ExitCode::from(2))
        }
    }
}

pub fn run(args: Vec<OsString>) -> ExitCode {
    let args = match crate::options_or_exit("figures", USAGE, parse_figures_args(args, crate::clock::this_year())) {
        Ok(args) => args,
        Err(code) => return code,
    };
    let (catalog, catalog_errors) = match catalog(&args.catalogs, "figures") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let bytes = if args.file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(&args.file)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(err) => {
            crate::say!("gapcast figures: 无法读取 cannot read {}: {err}", args.file);
            return ExitCode::from(2);
        }
    };
    if let Err(code) = readable("figures", &args.file, &bytes) {
        return code;
    }
    let figures = parse_bytes(&bytes, &catalog, &args.options);
    let json = match serde_json::to_string_pretty(&figures) {
        Ok(json) => json + "\n",
        Err(err) => {
            crate::say!("gapcast figures: cannot write JSON: {err}");
            return ExitCode::from(crate::output::WRITE_FAILED);
        }
    };
    if let Err(code) = crate::output::stdout("figures", json.as_bytes()) {
        return code;
    }
    if figures.has_errors() || catalog_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn run_template(args: Vec<OsString>) -> ExitCode {
    let args = match crate::options_or_exit("template", USAGE, parse_template_args(args, crate::clock::this_year())) {
        Ok(args) => args,
        Err(code) => return code,
    };
    let (catalog, catalog_errors) = match catalog(&args.catalogs, "template") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let tsv = template(&catalog, args.plan, args.years.0..=args.years.1);
    crate::output::then(
        crate::output::stdout("template", tsv.as_bytes()),
        if catalog_errors { ExitCode::from(1) } else { ExitCode::SUCCESS },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn check_years(text: &str, expected: Result<(i32, i32), ()>) {
        assert_eq!(parse_years(text).map_err(|_| ()), expected, "years {text:?}");
    }

    #[test]
    fn reads_year_ranges() {
        check_years("2020-2025", Ok((2020, 2025)));
        check_years("2020..2025", Ok((2020, 2025)));
        check_years("2020–2025", Ok((2020, 2025)));
        check_years("2024", Ok((2024, 2024)));
        check_years("2025-2020", Err(()));
        check_years("1990-2020", Err(()));
        check_years("twenty", Err(()));
        check_years("2020-2021-2022", Err(()));
    }

    #[test]
    fn reads_figures_arguments() {
        let got = parse_figures_args(
            args(&[
                "f.tsv",
                "--format",
                "json",
                "--current-year",
                "2025",
                "--layout",
                "long",
                "--assign",
                "产妇死亡=W-HEALTH-02",
            ]),
            2026,
        )
        .unwrap()
        .unwrap();
        assert_eq!(got.file, "f.tsv");
        assert_eq!(got.options.current_year, 2025);
        assert_eq!(got.options.layout, Some(Layout::Long));
        assert_eq!(got.options.assignments.get("产妇死亡").map(String::as_str), Some("W-HEALTH-02"));
        assert!(parse_figures_args(args(&[]), 2026).is_err());
        assert!(parse_figures_args(args(&["f", "--format", "xml"]), 2026).is_err());
        assert!(parse_figures_args(args(&["f", "--delimiter", "pipe"]), 2026).is_err());
        assert!(parse_figures_args(args(&["f", "g"]), 2026).is_err());
        assert_eq!(parse_figures_args(args(&["--help"]), 2026), Ok(None));
    }

    #[test]
    fn reads_template_arguments() {
        let got = parse_template_args(args(&["--plan", "women", "--years", "2020-2025"]), 2026).unwrap().unwrap();
        assert_eq!(got, TemplateArgs { plan: Some(Plan::Women), years: (2020, 2025), catalogs: Vec::new() });
        let default = parse_template_args(args(&[]), 2026).unwrap().unwrap();
        assert_eq!(default.years, (2020, 2025));
        assert!(parse_template_args(args(&["--plan", "men"]), 2026).is_err());
    }
}
