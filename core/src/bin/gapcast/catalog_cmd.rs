//! `gapcast catalog`: prints a catalog as JSON or as a TSV review table, and checks
//! catalog files with located diagnostics.
//!
//! - `gapcast catalog` prints the built-in catalog (the two plans' seed files).
//! - `gapcast catalog --catalog FILE...` loads those files instead: the sound
//!   indicators go to stdout, every problem to stderr with file, line and field.
//! - `gapcast catalog --check FILE...` only checks: diagnostics and a summary.
//!
//! Exit status: 0 when there is no error (warnings allowed), 1 when any
//! diagnostic is an error, 2 for a usage problem or an unreadable file, 3 when
//! the output cannot be written (`gapcast --help` lists them all).
//!
//! JSON field names are METHODS.md's output fields; a value that does not apply
//! is `null`, never omitted. `target.tolerance` is the catalog's own and `null`
//! when the engine's default band applies (METHODS.md, "≈ targets").

use std::ffi::OsString;
use std::process::ExitCode;

use gapcast_core::catalog::{
    builtin, has_errors, load_files, CatalogIssue, Goal, Indicator, Severity, Unit, BUILTIN_FILES,
};
use gapcast_core::export::neutralise;
use serde::Serialize;

const USAGE: &str = "\
usage: gapcast catalog [--catalog FILE]... [--check] [--format json|tsv]

  (no file)          print the built-in catalog of the two plans
  --catalog FILE     load this catalog file instead (repeatable; FILE may also be
                     given without --catalog)
  --check            only check the files: print diagnostics and a summary
  --format json|tsv  output format (default json)
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Tsv,
}

#[derive(Debug, PartialEq)]
struct Options {
    files: Vec<String>,
    check: bool,
    format: Format,
}

/// Parses the arguments after `catalog`; `Err` carries the message for stderr.
fn parse_args(args: Vec<OsString>) -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut options = Options { files: Vec::new(), check: false, format: Format::Json };
    let os_string =
        |value: OsString| value.into_string().map_err(|v| format!("not valid UTF-8: {}", v.to_string_lossy()));
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("catalog") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                options.files.push(os_string(value)?);
            }
            Long("check") => options.check = true,
            Long("format") => {
                let value = os_string(parser.value().map_err(|e| e.to_string())?)?;
                options.format = match value.as_str() {
                    "json" => Format::Json,
                    "tsv" => Format::Tsv,
                    other => return Err(format!("unknown format `{other}` (expected json or tsv)")),
                };
            }
            Short('h') | Long("help") => return Ok(None),
            Value(value) => options.files.push(os_string(value)?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if options.check && options.files.is_empty() {
        return Err("--check needs at least one FILE".into());
    }
    Ok(Some(options))
}

pub fn run(args: Vec<OsString>) -> ExitCode {
    let options = match crate::options_or_exit("catalog", USAGE, parse_args(args)) {
        Ok(options) => options,
        Err(code) => return code,
    };

    let (catalog, issues) = if options.files.is_empty() {
        let (_, issues) = load_files(&BUILTIN_FILES);
        (builtin(), issues)
    } else {
        let mut texts = Vec::new();
        for path in &options.files {
            match std::fs::read_to_string(path) {
                Ok(text) => texts.push((path.as_str(), text)),
                Err(err) => {
                    crate::say!("gapcast catalog: 无法读取 cannot read {path}: {err}");
                    return ExitCode::from(2);
                }
            }
        }
        let files: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
        load_files(&files)
    };

    for issue in &issues {
        crate::say!("{issue}");
    }
    if options.check || !issues.is_empty() {
        crate::say!("{}", summary(catalog.indicators.len(), &issues));
        if !catalog.goals.is_empty() {
            let (goals, proxies) = (catalog.goals.len(), catalog.proxies.len());
            crate::say!("{goals} 个无量化指标的目标（{proxies} 个附建议的代理指标） / {goals} goals without a quantified target ({proxies} with a suggested proxy)");
        }
    }
    if !options.check {
        let text = match options.format {
            Format::Json => match json_text(&catalog.indicators) {
                Ok(text) => text + "\n",
                Err(err) => {
                    crate::say!("gapcast catalog: {err}");
                    return ExitCode::from(2);
                }
            },
            Format::Tsv => tsv(&catalog.indicators),
        };
        if let Err(code) = crate::output::stdout("catalog", text.as_bytes()) {
            return code;
        }
    }
    if has_errors(&issues) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `N 个指标，E 个错误，W 个警告 / N indicators, E errors, W warnings`.
fn summary(indicators: usize, issues: &[CatalogIssue]) -> String {
    let errors = issues.iter().filter(|i| i.severity() == Severity::Error).count();
    let warnings = issues.len() - errors;
    format!(
        "{indicators} 个指标，{errors} 个错误，{warnings} 个警告 / \
         {indicators} indicators, {errors} errors, {warnings} warnings"
    )
}

/// One indicator as written out: METHODS.md's field names, in this order.
#[derive(Debug, Serialize)]
struct IndicatorOut<'a> {
    id: &'a str,
    key: Option<&'a str>,
    plan: &'static str,
    domain: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    aliases: &'a [String],
    unit: &'static str,
    bounds: BoundsOut,
    /// The model scale the engine uses by default (the catalog's, else the unit's).
    scale: &'static str,
    target: TargetOut,
    direction: Option<&'static str>,
    level: Option<InequalityOut>,
    milestones: Vec<MilestoneOut>,
    source: &'a str,
    wording_zh: Option<&'a str>,
    notes_zh: Option<&'a str>,
    notes_en: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct BoundsOut {
    lower: Option<f64>,
    upper: Option<f64>,
}

#[derive(Debug, Serialize)]
struct TargetOut {
    comparator: Option<&'static str>,
    value: Option<f64>,
    value2: Option<f64>,
    year: i32,
    tolerance: Option<f64>,
}

#[derive(Debug, Serialize)]
struct InequalityOut {
    comparator: &'static str,
    value: f64,
}

#[derive(Debug, Serialize)]
struct MilestoneOut {
    year: i32,
    comparator: &'static str,
    value: f64,
}

impl<'a> IndicatorOut<'a> {
    fn new(indicator: &'a Indicator) -> Self {
        let goal = &indicator.target.goal;
        let (value, value2, tolerance) = match goal {
            Goal::Compare { value, .. } => (Some(*value), None, None),
            Goal::Approx { value, tolerance } => (Some(*value), None, *tolerance),
            Goal::Between { low, high } => (Some(*low), Some(*high), None),
            Goal::Direction { .. } => (None, None, None),
        };
        let level = match goal {
            Goal::Direction { level: Some((comparator, value)), .. } => {
                Some(InequalityOut { comparator: comparator.key(), value: *value })
            }
            _ => None,
        };
        IndicatorOut {
            id: &indicator.id,
            key: indicator.key.as_deref(),
            plan: indicator.plan.key(),
            domain: &indicator.domain,
            name_zh: &indicator.name_zh,
            name_en: &indicator.name_en,
            aliases: &indicator.aliases,
            unit: indicator.unit.key(),
            bounds: BoundsOut { lower: indicator.bounds.lower, upper: indicator.bounds.upper },
            scale: indicator.default_scale().key(),
            target: TargetOut {
                comparator: goal.comparator_key(),
                value,
                value2,
                year: indicator.target.year,
                tolerance,
            },
            direction: goal.direction().map(|d| d.key()),
            level,
            milestones: indicator
                .milestones
                .iter()
                .map(|m| MilestoneOut { year: m.year, comparator: m.comparator.key(), value: m.value })
                .collect(),
            source: &indicator.source,
            wording_zh: indicator.wording_zh.as_deref(),
            notes_zh: indicator.notes_zh.as_deref(),
            notes_en: indicator.notes_en.as_deref(),
        }
    }
}

/// The catalog as a pretty-printed JSON array, one object per indicator.
fn json_text(indicators: &[Indicator]) -> serde_json::Result<String> {
    let out: Vec<IndicatorOut> = indicators.iter().map(IndicatorOut::new).collect();
    serde_json::to_string_pretty(&out)
}

/// The columns of the TSV review table.
const TSV_COLUMNS: [&str; 21] = [
    "id",
    "key",
    "plan",
    "domain",
    "name_zh",
    "name_en",
    "unit",
    "target",
    "comparator",
    "value",
    "value2",
    "year",
    "tolerance",
    "direction",
    "level",
    "milestones",
    "scale",
    "bounds",
    "aliases",
    "source",
    "notes",
];

/// The catalog as a tab-separated table with a header row, for review beside
/// the plan text. Empty cells are values that do not apply.
fn tsv(indicators: &[Indicator]) -> String {
    let mut out = TSV_COLUMNS.join("\t");
    out.push('\n');
    for indicator in indicators {
        let row = IndicatorOut::new(indicator);
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let milestones = indicator
            .milestones
            .iter()
            .map(|m| format!("{} {} {}", m.year, m.comparator.symbol(), show(m.value, indicator.unit)))
            .collect::<Vec<_>>()
            .join("; ");
        let level = match &indicator.target.goal {
            Goal::Direction { level: Some((c, v)), .. } => format!("{} {}", c.symbol(), show(*v, indicator.unit)),
            _ => String::new(),
        };
        let bound = |b: Option<f64>, open: &str| b.map_or(open.to_string(), |b| b.to_string());
        let bounds = format!("[{}, {}]", bound(indicator.bounds.lower, "-∞"), bound(indicator.bounds.upper, "+∞"));
        // Text cells are neutralised (a name from a catalog file never reaches
        // a spreadsheet as a formula); number cells stay numbers.
        let text = |s: String| neutralise(&s).into_owned();
        let cells = [
            text(indicator.id.clone()),
            text(row.key.unwrap_or_default().to_string()),
            row.plan.to_string(),
            text(indicator.domain.clone()),
            text(indicator.name_zh.clone()),
            text(indicator.name_en.clone()),
            row.unit.to_string(),
            text(target_text(indicator)),
            row.target.comparator.unwrap_or_default().to_string(),
            number(row.target.value),
            number(row.target.value2),
            row.target.year.to_string(),
            number(row.target.tolerance),
            row.direction.unwrap_or_default().to_string(),
            text(level),
            text(milestones),
            row.scale.to_string(),
            bounds,
            text(indicator.aliases.join("、")),
            text(indicator.source.clone()),
            text(indicator.notes(true).unwrap_or_default().to_string()),
        ];
        let cells: Vec<String> = cells.iter().map(|c| clean_cell(c)).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// A value with its unit as the plans write it (`70%`, `7.5/10万`, `1:1.5`).
fn show(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Ratio => format!("1:{value}"),
        _ => format!("{value}{}", unit.symbol_zh()),
    }
}

/// The target in one short phrase: `≥ 70%`, `≈ 45%`, `95–105%`, `increase`.
fn target_text(indicator: &Indicator) -> String {
    let unit = indicator.unit;
    match &indicator.target.goal {
        Goal::Compare { comparator, value, .. } => {
            format!("{} {}", comparator.symbol(), show(*value, unit))
        }
        Goal::Approx { value, tolerance: Some(t) } => format!("≈ {} ± {t}", show(*value, unit)),
        Goal::Approx { value, tolerance: None } => format!("≈ {}", show(*value, unit)),
        Goal::Between { low, high } => format!("{low}–{}", show(*high, unit)),
        Goal::Direction { direction, level: Some((c, v)) } => {
            format!("{} {} {}", direction.key(), c.symbol(), show(*v, unit))
        }
        Goal::Direction { direction, level: None } => direction.key().to_string(),
    }
}

/// A cell with no tab or line break, so each indicator stays one row.
fn clean_cell(text: &str) -> String {
    text.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn indicator_json(indicator: &Indicator) -> Value {
        serde_json::to_value(IndicatorOut::new(indicator)).expect("serialisable")
    }

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn check_args(list: &[&str], expected: Result<Option<Options>, &str>) {
        assert_eq!(parse_args(args(list)), expected.map_err(str::to_string), "{list:?}");
    }

    #[test]
    fn arguments() {
        let opts = |files: &[&str], check, format| {
            Ok(Some(Options { files: files.iter().map(|f| f.to_string()).collect(), check, format }))
        };
        check_args(&[], opts(&[], false, Format::Json));
        check_args(&["--format", "tsv"], opts(&[], false, Format::Tsv));
        check_args(&["--catalog", "a.toml", "--catalog=b.toml"], opts(&["a.toml", "b.toml"], false, Format::Json));
        check_args(&["--check", "a.toml", "b.toml"], opts(&["a.toml", "b.toml"], true, Format::Json));
        check_args(&["--help"], Ok(None));
        check_args(&["--format", "xml"], Err("unknown format `xml` (expected json or tsv)"));
        check_args(&["--check"], Err("--check needs at least one FILE"));
        check_args(&["--frobnicate"], Err("invalid option '--frobnicate'"));
    }

    fn one(text: &str) -> Indicator {
        let file = format!("plan = \"women\"\n[[indicator]]\n{text}source = \"妇女规划 二（一）主要目标 2\"\n");
        let (catalog, issues) = load_files(&[("t.toml", &file)]);
        assert!(issues.is_empty(), "{issues:?}");
        catalog.indicators.into_iter().next().expect("one indicator")
    }

    #[test]
    fn json_uses_the_methods_field_names_with_nulls() {
        let mmr = one("id = \"W-HEALTH-02\"\ndomain = \"妇女与健康\"\nname_zh = \"孕产妇死亡率\"\n\
             name_en = \"Maternal mortality ratio\"\nunit = \"per_100k_live_births\"\n\
             comparator = \"le\"\nvalue = 7.5\n");
        let expected = json!({
            "id": "W-HEALTH-02", "key": null, "plan": "women", "domain": "妇女与健康",
            "name_zh": "孕产妇死亡率", "name_en": "Maternal mortality ratio", "aliases": [],
            "unit": "per_100k_live_births", "bounds": { "lower": 0.0, "upper": null },
            "scale": "log",
            "target": { "comparator": "le", "value": 7.5, "value2": null, "year": 2030, "tolerance": null },
            "direction": null, "level": null, "milestones": [],
            "source": "妇女规划 二（一）主要目标 2", "wording_zh": null, "notes_zh": null, "notes_en": null,
        });
        assert_eq!(indicator_json(&mmr), expected);

        let places = one("id = \"W-X-03\"\ndomain = \"d\"\nname_zh = \"托位数\"\nname_en = \"Places\"\n\
             unit = \"per_1000_population\"\ncomparator = \"ge\"\nvalue = 6\n\
             milestones = [{ year = 2025, comparator = \"ge\", value = 4 }]\n");
        let json = indicator_json(&places);
        assert_eq!(json["milestones"], json!([{ "year": 2025, "comparator": "ge", "value": 4.0 }]));

        let kept = one("id = \"W-X-02\"\ndomain = \"d\"\nname_zh = \"乙\"\nname_en = \"B\"\nunit = \"percent\"\n\
             direction = \"maintain\"\nlevel = { comparator = \"ge\", value = 95 }\n");
        let json = indicator_json(&kept);
        assert_eq!(json["target"]["comparator"], Value::Null);
        assert_eq!(json["direction"], "maintain");
        assert_eq!(json["level"], json!({ "comparator": "ge", "value": 95.0 }));
    }

    #[test]
    fn tsv_rows_read_like_the_plan() {
        let cases = [
            ("unit = \"ratio\"\ncomparator = \"ge\"\nvalue = 1.5\n", "≥ 1:1.5"),
            ("unit = \"percent\"\ncomparator = \"approx\"\nvalue = 45\n", "≈ 45%"),
            ("unit = \"percent\"\ncomparator = \"approx\"\nvalue = 45\ntolerance = 2\n", "≈ 45% ± 2"),
            ("unit = \"percent\"\ncomparator = \"between\"\nvalue = 95\nvalue2 = 99\n", "95–99%"),
            ("unit = \"per_100k_live_births\"\ncomparator = \"le\"\nvalue = 7.5\n", "≤ 7.5/10万"),
            ("unit = \"percent\"\ndirection = \"slow_increase\"\n", "slow_increase"),
        ];
        for (body, expected) in cases {
            let indicator = one(&format!("id = \"W-X-01\"\ndomain = \"d\"\nname_zh = \"甲\"\nname_en = \"A\"\n{body}"));
            assert_eq!(target_text(&indicator), expected, "{body}");
        }
        let indicator = one("id = \"W-X-01\"\ndomain = \"d\"\nname_zh = \"甲\"\nname_en = \"A\"\nunit = \"percent\"\n\
             comparator = \"ge\"\nvalue = 70\nnotes = \"two\\tcells\\nand a line\"\n");
        let table = tsv(&[indicator]);
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.split('\t').count() == TSV_COLUMNS.len()));
        assert_eq!(
            rows[1],
            "W-X-01\t\twomen\td\t甲\tA\tpercent\t≥ 70%\tge\t70\t\t2030\t\t\t\t\tlogit\t[0, 100]\t\t妇女规划 二（一）主要目标 2\ttwo cells and a line"
        );
    }
}
