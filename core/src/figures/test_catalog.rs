// A small catalog for the figures tests, built in code so the tests do not
// depend on the seed files. Included (with `include!`) by the unit tests and by
// the integration tests under core/tests/, each of which first brings the
// catalog types into scope; hence no `use` lines here.

/// One test indicator, with the defaults the seeds would give.
#[allow(clippy::too_many_arguments)]
fn indicator(
    id: &str,
    key: Option<&str>,
    name_zh: &str,
    name_en: &str,
    aliases: &[&str],
    unit: Unit,
    bounds: Bounds,
    goal: Goal,
) -> Indicator {
    Indicator {
        id: id.to_string(),
        key: key.map(str::to_string),
        plan: if id.starts_with('W') { Plan::Women } else { Plan::Children },
        domain: if id.starts_with('W') { "妇女与健康" } else { "儿童与健康" }.to_string(),
        name_zh: name_zh.to_string(),
        name_en: name_en.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        unit,
        bounds,
        target: Target { goal, year: 2030 },
        milestones: Vec::new(),
        scale: None,
        source: "test".to_string(),
        wording_zh: None,
        notes_zh: None,
        notes_en: None,
        proxy_for: None,
    }
}

/// The test catalog: a rate per 100,000 live births, rates per 1,000 live
/// births, percentages (one bounded, one a gross ratio shared by both plans), a
/// per-1,000-population figure, a ratio, a count, hours a day.
pub fn catalog() -> Catalog {
    let ge = |v| Goal::Compare { comparator: Comparator::Ge, value: v, tolerance: None };
    let le = |v| Goal::Compare { comparator: Comparator::Le, value: v, tolerance: None };
    let pct = Unit::Percent.default_bounds();
    let open = Bounds { lower: Some(0.0), upper: None };
    let mut care = indicator(
        "C-CARE-01",
        None,
        "每千常住人口拥有3岁以下婴幼儿托位数",
        "Childcare places for under-3s per 1,000 residents",
        &["每千人口托位数"],
        Unit::Per1000Population,
        open,
        ge(6.0),
    );
    care.milestones.push(Milestone { year: 2025, comparator: Comparator::Ge, value: 4.5 });
    Catalog {
        indicators: vec![
            indicator("W-HEALTH-02", None, "孕产妇死亡率", "Maternal mortality ratio", &["孕产妇死亡比"], Unit::Per100kLiveBirths, open, le(7.5)),
            indicator("W-HEALTH-03", None, "孕产妇系统管理率", "Systematic management rate of pregnant and postpartum women", &[], Unit::Percent, pct, ge(90.0)),
            indicator("W-ECON-01", None, "就业人员中女性比例", "Share of women among the employed", &[], Unit::Percent, pct, Goal::Approx { value: 45.0, tolerance: None }),
            indicator("W-EDU-05", Some("preschool_gross_enrolment"), "学前教育毛入园率", "Preschool gross enrolment ratio", &[], Unit::Percent, open, ge(95.0)),
            indicator("C-HEALTH-03", None, "婴儿死亡率", "Infant mortality rate", &[], Unit::Per1000LiveBirths, open, le(2.8)),
            indicator("C-HEALTH-04", None, "5岁以下儿童死亡率", "Under-five mortality rate", &["五岁以下儿童死亡率"], Unit::Per1000LiveBirths, open, le(4.0)),
            indicator("C-HEALTH-09", None, "0～6岁儿童眼保健和视力检查覆盖率", "Eye care and vision screening coverage, ages 0-6", &[], Unit::Percent, pct, ge(90.0)),
            indicator("C-HEALTH-12", None, "中小学生每天校内体育活动时间", "Daily in-school physical activity of pupils", &[], Unit::HoursPerDay, open, ge(1.0)),
            indicator("C-EDU-02", Some("preschool_gross_enrolment"), "学前教育毛入园率", "Preschool gross enrolment ratio", &["学前三年毛入园率"], Unit::Percent, open, ge(95.0)),
            care,
            indicator("C-CARE-02", None, "托育机构保育人员与婴幼儿比", "Carer-to-infant ratio in childcare", &[], Unit::Ratio, open, le(5.0)),
            indicator("C-SOC-01", None, "儿童之家数量", "Number of children's homes", &[], Unit::Count, open, Goal::Direction { direction: Direction::Increase, level: None }),
        ],
        titles: Vec::new(),
        goals: Vec::new(),
        proxies: Vec::new(),
    }
}
