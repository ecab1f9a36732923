//! Counts in a paste (issue 14): numerator and denominator rows read in every
//! layout and paired by year, a rate with its denominator giving a derived
//! count, and the located problems (a numerator alone, a share above 100%, a
//! count with decimals, a zero denominator, counts that disagree with the rate).

use gapcast_core::catalog::builtin;
use gapcast_core::figures::{parse, Figures, ParseOptions, Severity};

/// Series with their counts (`2021=11.8(2/17000)`, a `*` for a derived count)
/// and diagnostics (`W C4 code`), as one line each.
fn summary(figures: &Figures) -> Vec<String> {
    let mut lines = Vec::new();
    for s in &figures.series {
        let points: Vec<String> = s
            .points
            .iter()
            .map(|p| match p.counts() {
                Some((d, n)) => format!("{}={}({d}/{n}){}", p.year, p.value, if p.derived_count { "*" } else { "" }),
                None => format!("{}={}", p.year, p.value),
            })
            .collect();
        lines.push(format!("{} {}", s.id, points.join(" ")));
    }
    for d in &figures.diagnostics {
        let severity = match d.severity {
            Severity::Error => "E",
            Severity::Warning => "W",
            Severity::Info => "I",
        };
        lines.push(format!("{severity} {} {}", d.cell.as_deref().unwrap_or("-"), d.code.key()));
    }
    lines
}

fn check(text: &str, expected: &[&str]) {
    let figures = parse(text, &builtin(), &ParseOptions::new(2026));
    let got = summary(&figures);
    assert_eq!(got, expected, "\npasted: {text:?}\n got: {got:#?}");
}

#[test]
fn counts_pair_by_year_in_every_layout() {
    let expected = &["W-HEALTH-02 2021=11.7647058824(2/17000) 2022=0(0/16000)"];
    // Wide: count rows × year columns.
    check("指标\t2021年\t2022年\n孕产妇死亡数\t2\t0\n活产数\t17000\t16000", expected);
    // Transposed: year rows × count columns.
    check("年份\t孕产妇死亡数\t活产数\n2021\t2\t17000\n2022\t0\t16000", expected);
    // Long: name, year, value.
    check(
        "指标\t年份\t数值\n孕产妇死亡数\t2021\t2\n活产数\t2021\t17000\n孕产妇死亡数\t2022\t0\n活产数\t2022\t16000",
        expected,
    );
    // Aliases, and a 单位 column with plain count words.
    check("指标\t单位\t2021年\t2022年\n孕产妇死亡人数\t人\t2\t0\n活产儿数\t人\t17000\t16000", expected);
}

#[test]
fn one_denominator_serves_every_rate_that_names_it() {
    check(
        "指标\t2021年\n孕产妇死亡数\t2\n新生儿死亡数\t17\n活产数\t17000",
        &["W-HEALTH-02 2021=11.7647058824(2/17000)", "C-HEALTH-02 2021=1(17/17000)"],
    );
}

#[test]
fn a_rate_with_its_denominator_gives_a_derived_count() {
    check(
        "指标\t2021年\t2022年\n孕产妇死亡率\t11.8\t6.3\n活产数\t17000\t16000",
        &["W-HEALTH-02 2021=11.8(2/17000)* 2022=6.3(1/16000)*", "I B3 derived_count", "I C3 derived_count"],
    );
    // Counts and the rate together: the counts win; a rate that does not fit
    // them is named.
    check(
        "指标\t2021年\t2022年\n孕产妇死亡率\t11.8\t9.0\n孕产妇死亡数\t2\t1\n活产数\t17000\t16000",
        &["W-HEALTH-02 2021=11.7647058824(2/17000) 2022=6.25(1/16000)", "W C3 counts_disagree"],
    );
}

#[test]
fn count_problems_are_located() {
    // A numerator alone, for a year without a rate.
    check("指标\t2021年\n孕产妇死亡数\t2", &["W B2 numerator_without_denominator"]);
    // Decimals and a sign are not counts; a % sign is not either.
    check(
        "指标\t2021年\t2022年\t2023年\t2024年\n孕产妇死亡数\t1.5\t-1\t2%\t1\n活产数\t17000\t17000\t17000\t17000",
        &["W-HEALTH-02 2024=5.88235294118(1/17000)", "E B2 bad_count", "E C2 bad_count", "E D2 bad_count"],
    );
    // A zero denominator.
    check("指标\t2021年\n孕产妇死亡数\t0\n活产数\t0", &["E B3 zero_denominator"]);
    // A share cannot have more events than its total.
    check(
        "指标\t2021年\t2022年\n艾滋病感染孕产妇所生儿童感染数\t5\t1\n艾滋病感染孕产妇所生儿童数\t4\t40",
        &["W-HEALTH-13 2022=2.5(1/40)", "E B2 counts_exceed"],
    );
    // Two different values for one count and year.
    check(
        "指标\t年份\t数值\n孕产妇死亡数\t2021\t2\n孕产妇死亡数\t2021\t3\n活产数\t2021\t17000",
        &["E C2 conflict", "E C3 conflict"],
    );
}

#[test]
fn counts_keep_series_in_catalog_order() {
    let figures =
        parse("指标\t2021年\n婴儿死亡率\t3.0\n孕产妇死亡数\t2\n活产数\t17000", &builtin(), &ParseOptions::new(2026));
    let ids: Vec<&str> = figures.series.iter().map(|s| s.id.as_str()).collect();
    // Infant mortality gets a derived count from the same live births.
    assert_eq!(ids, ["W-HEALTH-02", "C-HEALTH-03"]);
    let infant = figures.series_for("C-HEALTH-03").unwrap();
    assert_eq!((infant.points[0].events, infant.points[0].derived_count), (Some(51.0), true));
}
