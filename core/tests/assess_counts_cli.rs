//! `gapcast assess` on a district table of counts (issue 14): the counts rows
//! are read, and the JSON gives `method`, `dispersion`, `points` with events,
//! exposure and the exact `observed_interval`, and `pooled`.

use std::io::Write;
use std::process::{Command, Stdio};

fn assess_json(figures: &str) -> serde_json::Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gapcast"))
        .args(["assess", "-", "--current-year", "2025", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(figures.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn counts_rows_give_the_counts_fields() {
    let json = assess_json(
        "指标\t2019年\t2020年\t2021年\t2022年\t2023年\t2024年\n\
         孕产妇死亡数\t3\t2\t0\t2\t1\t1\n\
         新生儿死亡数\t40\t38\t33\t35\t30\t29\n\
         活产数\t17500\t17200\t16800\t16500\t16000\t15800\n",
    );
    let all = json.as_array().unwrap();
    let find = |id: &str| all.iter().find(|a| a["id"] == id).unwrap();
    let mmr = find("W-HEALTH-02");
    assert_eq!(mmr["method"], "poisson");
    assert!(mmr["dispersion"].as_f64().unwrap() >= 1.0);
    let points = mmr["points"].as_array().unwrap();
    assert_eq!(points.len(), 6);
    assert_eq!((points[2]["year"].as_i64(), points[2]["events"].as_f64()), (Some(2021), Some(0.0)));
    assert_eq!(points[2]["observed_interval"]["lower"].as_f64(), Some(0.0));
    assert!(points[2]["observed_interval"]["upper"].as_f64().unwrap() > 0.0);
    assert_eq!(mmr["pooled"]["years"], serde_json::json!([2022, 2023, 2024]));
    assert_eq!(mmr["pooled"]["events"].as_f64(), Some(4.0));
    assert!(mmr["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "small_numbers"));
    assert!(mmr["projection"].as_array().unwrap().iter().all(|p| p["lower"].as_f64().unwrap() > 0.0));
    // Neonatal deaths: 20 or more a year, judged on the latest year.
    let nmr = find("C-HEALTH-02");
    assert_eq!(nmr["method"], "poisson");
    assert!(nmr["pooled"].is_null());
    assert_eq!(nmr["latest_value"].as_f64(), Some(29.0 / 15800.0 * 1000.0));
    // Every other indicator still carries the fields, empty or null.
    let other = find("W-HEALTH-04");
    assert!(other["dispersion"].is_null() && other["pooled"].is_null());
    assert_eq!(other["points"], serde_json::json!([]));
}
