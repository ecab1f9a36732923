//! `gapcast assess` end to end: the demo figures against the built-in catalog,
//! JSON with every METHODS.md field (nulls written, never omitted), CSV with a
//! byte-order mark, a user's catalog through `--catalog`, and usage errors.

use std::process::Command;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../static/demo/national-figures.tsv");

fn gapcast(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gapcast")).arg("assess").args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// METHODS.md's output fields, which every object must carry.
const FIELDS: [&str; 27] = [
    "id",
    "plan",
    "domain",
    "name_zh",
    "unit",
    "target",
    "direction",
    "n_points",
    "first_year",
    "latest_year",
    "latest_value",
    "gap",
    "method",
    "slope",
    "intercept",
    "residual_sd",
    "annual_change",
    "required_slope",
    "required_annual_change",
    "required_annual_rate",
    "progress_ratio",
    "projection",
    "probability",
    "status",
    "milestones",
    "checkpoint",
    "warnings",
];

#[test]
fn json_has_every_field_for_every_indicator() {
    let (code, stdout, stderr) = gapcast(&[DEMO, "--current-year", "2025"]);
    assert_eq!(code, 0, "{stderr}");
    let all: Vec<serde_json::Value> = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(all.len(), gapcast_core::catalog::builtin().indicators.len());
    for a in &all {
        let object = a.as_object().unwrap();
        for field in FIELDS {
            assert!(object.contains_key(field), "{} lacks {field}", a["id"]);
        }
        for field in ["comparator", "value", "value2", "year", "tolerance"] {
            assert!(a["target"].as_object().unwrap().contains_key(field), "{} target lacks {field}", a["id"]);
        }
    }
    // Maternal mortality, as in the spot check: log scale, off track.
    let mmr = all.iter().find(|a| a["id"] == "W-HEALTH-02").unwrap();
    assert_eq!((mmr["method"].as_str(), mmr["status"].as_str()), (Some("ols_log"), Some("off_track")));
    assert_eq!(mmr["projection"][0]["year"], 2015);
    assert!(mmr["projection"][15]["upper"].is_f64());
    // An indicator without figures: listed, nulls written out.
    let empty = all.iter().find(|a| a["n_points"] == 0 && a["target"]["comparator"].is_string()).unwrap();
    assert_eq!(empty["status"], "insufficient_data");
    assert!(empty["slope"].is_null() && empty["probability"].is_null() && empty["checkpoint"].is_null());
}

#[test]
fn csv_has_a_bom_and_one_row_per_indicator() {
    let (code, stdout, stderr) = gapcast(&[DEMO, "--current-year", "2025", "--format", "csv", "--level", "0.95"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(stdout).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next().unwrap(), gapcast_core::assess::csv::COLUMNS.join(","));
    assert_eq!(lines.count(), gapcast_core::catalog::builtin().indicators.len());
}

#[test]
fn a_catalog_file_replaces_the_built_in_one() {
    let dir = std::env::temp_dir().join(format!("gapcast-assess-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = dir.join("mine.toml");
    std::fs::write(
        &catalog,
        "plan = \"women\"\n\n[[indicator]]\nid = \"W-HEALTH-01\"\ndomain = \"妇女与健康\"\nname_zh = \"孕产妇死亡率\"\n\
         name_en = \"MMR\"\nunit = \"per_100k_live_births\"\ncomparator = \"le\"\nvalue = 10\nsource = \"test\"\n",
    )
    .unwrap();
    let figures = dir.join("f.tsv");
    std::fs::write(
        &figures,
        "指标\t年份\t数值\nW-HEALTH-01\t2022\t12.5\nW-HEALTH-01\t2023\t11.9\nW-HEALTH-01\t2024\t11.0\n",
    )
    .unwrap();
    let (code, stdout, stderr) = gapcast(&[
        figures.to_str().unwrap(),
        "--catalog",
        catalog.to_str().unwrap(),
        "--current-year",
        "2025",
        "--scale",
        "linear",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let all: Vec<serde_json::Value> = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(all.len(), 1);
    // Linear by --scale: b = −0.75, b_req = (10 − 11)/6.
    let slope = all[0]["slope"].as_f64().unwrap();
    assert!((slope + 0.75).abs() < 1e-12);
    assert!((all[0]["progress_ratio"].as_f64().unwrap() - 4.5).abs() < 1e-9);
    assert_eq!(all[0]["status"], "on_track");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["--level", "2", DEMO][..], &["--scale", "cubic", DEMO], &[], &["/no/such/file.tsv"]] {
        let (code, _, stderr) = gapcast(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.starts_with("gapcast assess: "), "{stderr}");
    }
}
