//! `gapcast figures` and `gapcast template` end to end: the JSON shape of
//! issue 4, exit statuses, files that are not text, and the template printed by
//! one command parsed back by the other.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn gapcast(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gapcast")).args(args).output().expect("gapcast runs")
}

/// A file under the target directory's temp folder, unique to this test.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("figures_cli");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file");
    path
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn figures_prints_the_issue_json_shape() {
    let path = temp_file(
        "shape.tsv",
        "指标\t单位\t2021\t2022\n孕产妇死亡率\t1/10万\t12.5\tabc\n某某指标\t%\t3\t4\n".as_bytes(),
    );
    let out = gapcast(&["figures", path.to_str().unwrap(), "--format", "json", "--current-year", "2026"]);
    assert_eq!(out.status.code(), Some(1), "an unused cell makes exit 1");
    let v = json(&out);
    assert_eq!(v["layout"], "wide");
    assert_eq!(v["delimiter"], "tab");
    let series = &v["series"][0];
    assert_eq!(series["id"], "W-HEALTH-02");
    assert_eq!(series["name_zh"], "孕产妇死亡率");
    assert_eq!(series["points"][0]["year"], 2021);
    assert_eq!(series["points"][0]["value"], 12.5);
    assert!(series["points"][0]["note"].is_null());
    let bad = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "bad_value").unwrap();
    assert_eq!(bad["severity"], "error");
    assert_eq!(bad["row"], 2);
    assert_eq!(bad["column"], "D");
    assert_eq!(bad["cell"], "D2");
    assert_eq!(bad["text"], "abc");
    assert!(bad["message_zh"].as_str().unwrap().contains("abc"));
    assert!(bad["message_en"].as_str().unwrap().contains("abc"));
    assert_eq!(v["unmatched"][0]["name"], "某某指标");
    assert_eq!(v["unmatched"][0]["row"], 3);
    assert!(v["unmatched"][0]["suggestions"].is_array());
    assert!(v["conflicts"].as_array().unwrap().is_empty());
}

#[test]
fn clean_figures_exit_zero() {
    let path = temp_file("clean.csv", "指标,2021,2022\n婴儿死亡率,3.1,2.9\n".as_bytes());
    let out = gapcast(&["figures", path.to_str().unwrap(), "--current-year", "2026"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["delimiter"], "comma");
}

#[test]
fn files_that_are_not_text_are_refused_as_unreadable_by_figures_and_assess_alike() {
    let cases: [(&str, &[u8], &str); 3] = [
        ("zip.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x00", "The file is not text"),
        ("gbk.csv", b"\xD6\xB8\xB1\xEA,2021\n\xD3\xA4\xB6\xF9,3.1\n", "UTF-8"),
        ("zeros.bin", &[0u8; 64], "The file is not text"),
    ];
    for (name, bytes, says) in cases {
        let path = temp_file(name, bytes);
        for command in ["figures", "assess"] {
            let out = gapcast(&[command, path.to_str().unwrap(), "--current-year", "2026"]);
            assert_eq!(out.status.code(), Some(2), "{command} {name}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.starts_with(&format!("gapcast {command}: 无法读取 cannot read ")), "{stderr}");
            assert!(stderr.contains(says) && stderr.lines().count() == 1, "{command} {name}: {stderr}");
            assert!(out.stdout.is_empty(), "{command} {name}: nothing is printed");
        }
    }
}

#[test]
fn utf16_files_from_excel_are_read() {
    let text = "指标\t2021\r\n婴儿死亡率\t3.1\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let path = temp_file("unicode.txt", &bytes);
    let out = gapcast(&["figures", path.to_str().unwrap(), "--current-year", "2026"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["series"][0]["id"], "C-HEALTH-03");
}

#[test]
fn usage_problems_exit_two() {
    assert_eq!(gapcast(&["figures"]).status.code(), Some(2));
    assert_eq!(gapcast(&["figures", "/no/such/file.tsv"]).status.code(), Some(2));
    assert_eq!(gapcast(&["template", "--plan", "men"]).status.code(), Some(2));
}

#[test]
fn template_output_parses_back_without_a_diagnostic() {
    for plan in ["women", "children", "all"] {
        let out = gapcast(&["template", "--plan", plan, "--years", "2020-2025"]);
        assert_eq!(out.status.code(), Some(0));
        let tsv = String::from_utf8(out.stdout).expect("template is UTF-8");
        let header = tsv.lines().next().unwrap_or("");
        assert_eq!(header, "id\t指标\t单位\t目标\t2020年\t2021年\t2022年\t2023年\t2024年\t2025年");
        let path = temp_file(&format!("template-{plan}.tsv"), tsv.as_bytes());
        let back = gapcast(&["figures", path.to_str().unwrap(), "--current-year", "2026"]);
        assert_eq!(back.status.code(), Some(0));
        let v = json(&back);
        assert_eq!(v["diagnostics"], Value::Array(Vec::new()), "{plan}");
        assert_eq!(v["unmatched"], Value::Array(Vec::new()), "{plan}");
    }
}
