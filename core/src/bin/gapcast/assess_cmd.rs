//! `gapcast assess`: reads figures exactly as `gapcast figures` does, assesses
//! every catalog indicator (METHODS.md) and prints one object per indicator as
//! JSON, one row per indicator as CSV for Excel (UTF-8 with a byte-order mark;
//! every METHODS.md field), or writes the page's results workbook as XLSX
//! (`--format xlsx -o out.xlsx`: a sheet per plan with the dashboard's columns
//! in `--lang`, and a notes sheet; never written to a terminal).
//!
//! Indicators without figures are listed too (`insufficient_data`, or
//! `not_assessed` for targets that are not judged). The figures' diagnostics and
//! any catalog issues go to stderr, so stdout is only the assessment.
//!
//! Exit status: 0 on success, 1 when a `--catalog` file has errors or some
//! cell of the figures was not used (everything sound is still assessed), 2
//! for a usage problem or a file that cannot be read (missing, binary, not
//! UTF-8), 3 when the output cannot be written (`gapcast --help`).

use std::ffi::OsString;
use std::io::Read;
use std::process::ExitCode;

use gapcast_core::assess::{assess_catalog, csv, Settings};
use gapcast_core::catalog::{builtin, has_errors, load_files, Catalog, CatalogIssue, Scale};
use gapcast_core::export;
use gapcast_core::figures::{self, ParseOptions, Severity as DiagnosticSeverity};
use gapcast_core::format::Lang;

const USAGE: &str = "\
usage: gapcast assess FILE [--catalog FILE]... [--level 0.8] [--scale auto|linear|log|logit]
                      [--from-year YEAR] [--current-year YEAR] [--format json|csv|xlsx]
                      [--lang zh|en] [-o FILE]

  FILE               figures as pasted or exported (TSV/CSV, wide or long); - for stdin
  --catalog FILE     assess against this catalog file instead of the built-in plans
                     (repeatable)
  --level P          prediction-interval level, 0 < P < 1 (default 0.8)
  --scale S          model scale for every indicator (default auto: each indicator's own)
  --from-year YEAR   fit only points from YEAR on
  --current-year Y   the year it is now (default: the system clock's)
  --format F         json (default), csv (UTF-8 with BOM for Excel, every field),
                     or xlsx (the page's results workbook: a sheet per plan)
  --lang zh|en       the language of the xlsx headers and cells (default zh)
  -o, --output FILE  write to FILE instead of stdout (xlsx is never written to
                     a terminal)

exit status: 0 done; 1 done, but the input has errors (a catalog file's, or
cells not used); 2 usage error or unreadable input (missing, binary, not
UTF-8); 3 the output could not be written; 141 stdout closed by its reader.
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
    Xlsx,
}

#[derive(Debug, PartialEq)]
struct Options {
    file: String,
    catalogs: Vec<String>,
    level: f64,
    scale: Option<Scale>,
    from_year: Option<i32>,
    current_year: Option<i32>,
    format: Format,
    lang: Lang,
    output: Option<String>,
}

/// Parses the arguments after `assess`; `Ok(None)` asks for the usage text.
fn parse_args(args: Vec<OsString>) -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut file = None;
    let mut options = Options {
        file: String::new(),
        catalogs: Vec::new(),
        level: 0.8,
        scale: None,
        from_year: None,
        current_year: None,
        format: Format::Json,
        lang: Lang::Zh,
        output: None,
    };
    let text = |value: OsString| value.into_string().map_err(|v| format!("not valid UTF-8: {}", v.to_string_lossy()));
    let year = |value: String, flag: &str| {
        value.trim().parse::<i32>().map_err(|_| format!("{flag} needs a year, got `{value}`"))
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("catalog") => options.catalogs.push(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("level") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                options.level = match value.trim().parse::<f64>() {
                    Ok(p) if p > 0.0 && p < 1.0 => p,
                    _ => return Err(format!("--level needs a number strictly between 0 and 1, got `{value}`")),
                };
            }
            Long("scale") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                options.scale = match value.as_str() {
                    "auto" => None,
                    other => Some(
                        Scale::from_key(other)
                            .ok_or_else(|| format!("unknown scale `{other}` (expected auto, linear, log or logit)"))?,
                    ),
                };
            }
            Long("from-year") => {
                options.from_year = Some(year(text(parser.value().map_err(|e| e.to_string())?)?, "--from-year")?)
            }
            Long("current-year") => {
                options.current_year = Some(year(text(parser.value().map_err(|e| e.to_string())?)?, "--current-year")?)
            }
            Long("format") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                options.format = match value.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "xlsx" => Format::Xlsx,
                    other => return Err(format!("unknown format `{other}` (expected json, csv or xlsx)")),
                };
            }
            Long("lang") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                options.lang = match value.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("unknown language `{other}` (expected zh or en)")),
                };
            }
            Short('o') | Long("output") => options.output = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Short('h') | Long("help") => return Ok(None),
            Value(value) if file.is_none() => file = Some(text(value)?),
            Value(value) => return Err(format!("one FILE only, got a second: `{}`", value.to_string_lossy())),
            other => return Err(other.unexpected().to_string()),
        }
    }
    options.file = file.ok_or("missing FILE (the figures to assess; - for stdin)")?;
    Ok(Some(options))
}

pub fn run(args: Vec<OsString>) -> ExitCode {
    let options = match crate::options_or_exit("assess", USAGE, parse_args(args)) {
        Ok(options) => options,
        Err(code) => return code,
    };
    if options.format == Format::Xlsx
        && options.output.as_deref().is_none_or(|o| o == "-")
        && crate::output::stdout_is_terminal()
    {
        crate::say!("gapcast assess: 不向终端写出二进制 XLSX refusing to write an XLSX workbook (binary) to the terminal: give -o FILE or redirect");
        return ExitCode::from(2);
    }
    let (catalog, issues) = match load_catalog(&options.catalogs) {
        Ok(loaded) => loaded,
        Err(message) => {
            crate::say!("gapcast assess: {message}");
            return ExitCode::from(2);
        }
    };
    for issue in &issues {
        crate::say!("{issue}");
    }
    let bytes = match read_input(&options.file) {
        Ok(bytes) => bytes,
        Err(err) => {
            crate::say!("gapcast assess: 无法读取 cannot read {}: {err}", options.file);
            return ExitCode::from(2);
        }
    };

    if let Err(code) = crate::figures_cmd::readable("assess", &options.file, &bytes) {
        return code;
    }

    let current_year = options.current_year.unwrap_or_else(crate::clock::this_year);
    let figures = figures::parse_bytes(&bytes, &catalog, &ParseOptions::new(current_year));
    for d in figures.diagnostics.iter().filter(|d| d.severity != DiagnosticSeverity::Info) {
        let place = d.cell.clone().or_else(|| d.range.clone()).unwrap_or_else(|| "-".into());
        crate::say!("{place} {:?} {}: {} / {}", d.severity, d.code.key(), d.message_zh, d.message_en);
    }

    let mut settings = Settings::new(current_year);
    settings.level = options.level;
    settings.scale_override = options.scale;
    settings.from_year = options.from_year;
    let assessments = assess_catalog(&catalog, &figures.series, &settings);

    let bytes = match options.format {
        Format::Json => match serde_json::to_string_pretty(&assessments) {
            Ok(text) => (text + "\n").into_bytes(),
            Err(err) => {
                crate::say!("gapcast assess: {err}");
                return ExitCode::from(crate::output::WRITE_FAILED);
            }
        },
        Format::Csv => format!("\u{feff}{}", csv::to_csv(&assessments)).into_bytes(),
        Format::Xlsx => {
            let table = export::table(&catalog, &assessments, &settings, options.lang);
            match export::xlsx::workbook(&table, &settings, options.lang) {
                Ok(bytes) => bytes,
                Err(err) => {
                    crate::say!("gapcast assess: 无法生成 cannot make the XLSX workbook: {err}");
                    return ExitCode::from(crate::output::WRITE_FAILED);
                }
            }
        }
    };
    let written = crate::output::to("assess", options.output.as_deref().unwrap_or("-"), &bytes);
    let code = if has_errors(&issues) || figures.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS };
    crate::output::then(written, code)
}

/// The built-in catalog, or the given files loaded with `catalog::load_files`.
fn load_catalog(paths: &[String]) -> Result<(Catalog, Vec<CatalogIssue>), String> {
    if paths.is_empty() {
        return Ok((builtin(), Vec::new()));
    }
    let mut texts = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|err| format!("无法读取 cannot read {path}: {err}"))?;
        texts.push((path.as_str(), text));
    }
    let files: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    Ok(load_files(&files))
}

fn read_input(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    /// (file, level, scale, from year, format).
    type Parsed<'a> = (&'a str, f64, Option<Scale>, Option<i32>, Format);

    /// One helper: arguments → parsed options or the error's start.
    fn check(list: &[&str], expected: Result<Parsed<'_>, &str>) {
        match (parse_args(args(list)), expected) {
            (Ok(Some(o)), Ok((file, level, scale, from, format))) => {
                assert_eq!(
                    (o.file.as_str(), o.level, o.scale, o.from_year, o.format),
                    (file, level, scale, from, format)
                )
            }
            (Err(message), Err(start)) => assert!(message.starts_with(start), "{message}"),
            (got, want) => panic!("{list:?}: got {got:?}, expected {want:?}"),
        }
    }

    #[test]
    fn arguments() {
        check(&["f.tsv"], Ok(("f.tsv", 0.8, None, None, Format::Json)));
        check(
            &["f.tsv", "--level", "0.95", "--scale", "log", "--from-year", "2018", "--format", "csv"],
            Ok(("f.tsv", 0.95, Some(Scale::Log), Some(2018), Format::Csv)),
        );
        check(&["--scale", "auto", "-"], Ok(("-", 0.8, None, None, Format::Json)));
        check(&["f.tsv", "--level", "1.5"], Err("--level needs"));
        check(&["f.tsv", "--scale", "sqrt"], Err("unknown scale"));
        check(&["f.tsv", "--from-year", "twenty"], Err("--from-year needs"));
        check(&["--format", "xml", "f.tsv"], Err("unknown format"));
        check(&[], Err("missing FILE"));
        check(&["a", "b"], Err("one FILE only"));
    }
}
