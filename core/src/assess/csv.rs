//! Assessments as a flat table (one row per indicator) for Excel and WPS: the
//! same fields as the JSON, with the projection reduced to the mid-term and
//! target-year values and nested lists joined into one cell.
//!
//! Numbers are written in full (shortest round-trip form) so nothing is lost;
//! a null is an empty cell. The byte-order mark Excel needs to read UTF-8 is the
//! caller's business (the CLI adds it), so the text stays usable elsewhere.

use super::Assessment;

/// The header row's column names, in order.
pub const COLUMNS: [&str; 49] = [
    "id",
    "plan",
    "domain",
    "name_zh",
    "name_en",
    "unit",
    "comparator",
    "target_value",
    "target_value2",
    "target_year",
    "tolerance",
    "target_effective_value",
    "direction",
    "n_points",
    "first_year",
    "latest_year",
    "latest_value",
    "gap",
    "gap_relative",
    "method",
    "scale",
    "slope",
    "intercept",
    "residual_sd",
    "annual_change",
    "required_slope",
    "required_annual_change",
    "required_annual_rate",
    "progress_ratio",
    "level",
    "projection_mid_term_year",
    "projection_mid_term",
    "lower_mid_term",
    "upper_mid_term",
    "projection_at_target",
    "lower_at_target",
    "upper_at_target",
    "probability",
    "status",
    "status_severity",
    "severity",
    "milestones",
    "checkpoint_base_year",
    "checkpoint_base_value",
    "checkpoint_expected_at_latest",
    "checkpoint_share_done",
    "checkpoint_share_time",
    "checkpoint_position",
    "warnings",
];

/// The table as CSV text (header + one row per assessment, CRLF line ends as
/// Excel writes them), without a byte-order mark.
pub fn to_csv(assessments: &[Assessment]) -> String {
    let mut out = String::new();
    push_row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for a in assessments {
        push_row(&mut out, row(a));
    }
    out
}

fn num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

fn int(x: Option<i32>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// A text cell, neutralised for spreadsheets ([`crate::export::neutralise`]):
/// names and ids come from catalog files; numbers are written bare.
fn text(cell: String) -> String {
    crate::export::neutralise(&cell).into_owned()
}

fn row(a: &Assessment) -> Vec<String> {
    let mid = a.projection_mid_term.as_ref();
    let at = a.projection_at_target.as_ref();
    let cp = a.checkpoint.as_ref();
    let milestones = a
        .milestones
        .iter()
        .map(|m| format!("{}:{}:{}:{}", m.year, m.comparator.key(), m.value, m.status.key()))
        .collect::<Vec<_>>()
        .join(";");
    let warnings = a.warnings.iter().map(|w| w.code.as_str()).collect::<Vec<_>>().join(";");
    vec![
        text(a.id.clone()),
        a.plan.key().to_string(),
        text(a.domain.clone()),
        text(a.name_zh.clone()),
        text(a.name_en.clone()),
        a.unit.key().to_string(),
        a.target.comparator.clone().unwrap_or_default(),
        num(a.target.value),
        num(a.target.value2),
        a.target.year.to_string(),
        num(a.target.tolerance),
        num(a.target.effective_value),
        a.direction.map(|d| d.key().to_string()).unwrap_or_default(),
        a.n_points.to_string(),
        int(a.first_year),
        int(a.latest_year),
        num(a.latest_value),
        num(a.gap),
        num(a.gap_relative),
        a.method.clone().unwrap_or_default(),
        a.scale.key().to_string(),
        num(a.slope),
        num(a.intercept),
        num(a.residual_sd),
        num(a.annual_change),
        num(a.required_slope),
        num(a.required_annual_change),
        num(a.required_annual_rate),
        num(a.progress_ratio),
        a.level.to_string(),
        int(mid.map(|p| p.year)),
        num(mid.and_then(|p| p.value)),
        num(mid.and_then(|p| p.lower)),
        num(mid.and_then(|p| p.upper)),
        num(at.and_then(|p| p.value)),
        num(at.and_then(|p| p.lower)),
        num(at.and_then(|p| p.upper)),
        num(a.probability),
        a.status.key().to_string(),
        a.status_severity.key().to_string(),
        a.severity.key().to_string(),
        text(milestones),
        int(cp.map(|c| c.base_year)),
        num(cp.map(|c| c.base_value)),
        num(cp.and_then(|c| c.expected_at_latest)),
        num(cp.and_then(|c| c.share_done)),
        num(cp.and_then(|c| c.share_time)),
        cp.and_then(|c| c.position).map(|p| p.key().to_string()).unwrap_or_default(),
        text(warnings),
    ]
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let mut first = true;
    for cell in cells {
        if !first {
            out.push(',');
        }
        first = false;
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One helper: cells → the CSV line.
    fn check(cells: &[&str], line: &str) {
        let mut out = String::new();
        push_row(&mut out, cells.iter().map(|c| c.to_string()));
        assert_eq!(out, line);
    }

    #[test]
    fn cells_are_quoted_only_when_needed() {
        check(&["a", "b"], "a,b\r\n");
        check(&["1:1.5", "说明,含逗号"], "1:1.5,\"说明,含逗号\"\r\n");
        check(&["say \"hi\"", ""], "\"say \"\"hi\"\"\",\r\n");
    }

    #[test]
    fn every_row_has_every_column() {
        assert_eq!(to_csv(&[]).lines().next().map(|l| l.split(',').count()), Some(COLUMNS.len()));
    }
}
