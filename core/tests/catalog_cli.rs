//! `gapcast catalog` end to end: the built binary run on the built-in catalog and
//! on bad files written to a temporary directory.

use std::path::PathBuf;
use std::process::{Command, Output};

fn gapcast(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gapcast")).arg("catalog").args(args).output().expect("the gapcast binary runs")
}

/// A file under a directory of this test run's own (no clash between parallel tests).
fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gapcast-catalog-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn builtin_catalog_prints_as_json() {
    let out = gapcast(&["--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let array: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let items = array.as_array().expect("an array");
    let mmr = items.iter().find(|i| i["id"] == "W-HEALTH-02").expect("W-HEALTH-02");
    assert_eq!(mmr["target"]["comparator"], "le");
    assert_eq!(mmr["target"]["value"], 7.5);
    assert_eq!(mmr["unit"], "per_100k_live_births");
    assert!(items.iter().any(|i| i["plan"] == "children"));
}

#[test]
fn builtin_catalog_prints_as_tsv() {
    let out = gapcast(&["--format", "tsv"]);
    assert!(out.status.success());
    let table = text(&out.stdout);
    let mut rows = table.lines();
    let header = rows.next().expect("header row");
    assert!(header.starts_with("id\tkey\tplan\tdomain\tname_zh"));
    let row = rows.find(|r| r.starts_with("W-ENV-04\t")).expect("W-ENV-04 row");
    assert!(row.contains("\t≥ 1:1.5\t"), "{row}");
}

#[test]
fn bad_files_give_located_diagnostics_and_exit_1() {
    let bad = temp_file(
        "bad.toml",
        "plan = \"women\"\n\n[[indicator]]\nid = \"W-X-01\"\ndomain = \"d\"\nname_zh = \"甲\"\n\
         name_en = \"A\"\nunit = \"percent\"\ncomparator = \"ge\"\nvalue = 170\nsource = \"s\"\n",
    );
    let path = bad.to_string_lossy().into_owned();
    let out = gapcast(&["--check", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!(
            "{path}:10 [W-X-01] value: 错误 error: 「value」= 170 超出取值范围 [0, 100] / `value` = 170 is outside the bounds [0, 100]\n\
             0 个指标，1 个错误，0 个警告 / 0 indicators, 1 errors, 0 warnings\n"
        )
    );

    // Without --check the sound indicators still print (here: none, an empty array).
    let out = gapcast(&["--catalog", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).trim(), "[]");
}

#[test]
fn a_sound_file_checks_clean() {
    let good = temp_file(
        "good.toml",
        "plan = \"children\"\n[[indicator]]\nid = \"C-X-01\"\ndomain = \"d\"\nname_zh = \"甲\"\n\
         name_en = \"A\"\nunit = \"count\"\ndirection = \"increase\"\nsource = \"s\"\n",
    );
    let out = gapcast(&["--check", &good.to_string_lossy()]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "1 个指标，0 个错误，0 个警告 / 1 indicators, 0 errors, 0 warnings\n");
}

#[test]
fn usage_problems_exit_2() {
    assert_eq!(gapcast(&["--format", "xml"]).status.code(), Some(2));
    assert_eq!(gapcast(&["--check"]).status.code(), Some(2));
    assert_eq!(gapcast(&["/nonexistent/catalog.toml"]).status.code(), Some(2));
}
