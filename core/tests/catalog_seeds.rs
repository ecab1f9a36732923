//! The embedded seed catalog checked against the plans: spot values read from the
//! plan text (../shared/seeds/huadu-women-children-plans-2021-2030.txt, line
//! numbers in the comments), counts per domain pinned so an accidental deletion
//! fails, and the names of the national demo figures matched exactly.

use gapcast_core::catalog::{Comparator, Direction, Indicator, Plan, Unit};

mod catalog_support;

use catalog_support::{catalog, check, get, Expect};

#[test]
fn women_spot_values_match_the_plan_text() {
    use Comparator::{Ge, Gt, Le};
    use Expect::{Approx, Cmp, Dir};
    let c = catalog();
    let cases: &[(&str, Unit, Expect)] = &[
        ("W-HEALTH-02", Unit::Per100kLiveBirths, Cmp(Le, 7.5)), // L21 控制在7.5/10万以下
        ("W-HEALTH-04", Unit::Percent, Cmp(Ge, 90.0)),          // L41, L295 知晓率达到90%以上
        ("W-HEALTH-05", Unit::Percent, Cmp(Ge, 70.0)),          // L22 35-64岁…筛查率达到70%以上
        ("W-HEALTH-06", Unit::Percent, Dir(Direction::Increase)), // L22 乳腺癌人群筛查率逐步提高
        ("W-HEALTH-07", Unit::Percent, Cmp(Ge, 90.0)),          // L23 孕产妇系统管理率
        ("W-HEALTH-08", Unit::Percent, Cmp(Ge, 65.0)),          // L25 婚前医学检查率提高到65%
        ("W-HEALTH-09", Unit::Percent, Cmp(Ge, 80.0)),          // L25 孕前优生检查率
        ("W-HEALTH-10", Unit::Percent, Cmp(Ge, 98.0)),          // L27 艾滋病检测率
        ("W-HEALTH-11", Unit::Percent, Cmp(Ge, 98.0)),          // L27 梅毒检测率
        ("W-HEALTH-12", Unit::Percent, Cmp(Ge, 98.0)),          // L27 乙肝检测率
        ("W-HEALTH-13", Unit::Percent, Cmp(Le, 2.0)),           // L27 艾滋病母婴传播率2%以下
        ("W-HEALTH-14", Unit::Percent, Cmp(Ge, 95.0)),          // L27 艾滋病感染者治疗率
        ("W-HEALTH-15", Unit::Percent, Cmp(Ge, 95.0)),          // L27 梅毒感染者治疗率
        ("W-HEALTH-16", Unit::Per100kLiveBirths, Cmp(Le, 15.0)), // L43 先天梅毒 15/10万活产数以下
        ("W-HEALTH-19", Unit::Percent, Dir(Direction::SlowIncrease)), // L29 焦虑障碍
        ("W-HEALTH-20", Unit::Percent, Dir(Direction::SlowIncrease)), // L29 抑郁症
        ("W-HEALTH-22", Unit::Percent, Cmp(Le, 10.0)),          // L31 孕妇非地贫贫血
        ("W-HEALTH-23", Unit::Percent, Cmp(Ge, 50.0)),          // L32 经常参加体育锻炼
        ("W-HEALTH-24", Unit::Percent, Cmp(Ge, 96.0)),          // L32 体质测定标准合格率
        ("W-HEALTH-25", Unit::Percent, Cmp(Ge, 70.0)),          // L33 65岁以上老年人健康管理
        ("W-HEALTH-26", Unit::Percent, Cmp(Ge, 90.0)),          // L41, L295 宫颈癌患者治疗率
        ("W-HEALTH-01", Unit::Years, Dir(Direction::Maintain)), // L20 保持在高收入国家行列
        ("W-EDU-01", Unit::Percent, Cmp(Ge, 100.0)),            // L57 学前教育毛入园率
        ("W-EDU-02", Unit::Percent, Cmp(Ge, 99.0)),             // L59 九年义务教育巩固率
        ("W-EDU-03", Unit::Percent, Cmp(Ge, 99.0)),             // L60 女生高中阶段毛入学率
        ("W-ECON-01", Unit::Percent, Approx(45.0)),             // L85 就业人员中的女性比例45%左右
        ("W-ECON-02", Unit::Percent, Cmp(Ge, 42.0)),            // L86 城镇单位就业人员
        ("W-ECON-03", Unit::Percent, Cmp(Ge, 45.0)),            // L88 高级专业技术人员
        ("W-ECON-04", Unit::Percent, Cmp(Ge, 95.0)),            // L90 女职工技能培训
        ("W-ECON-05", Unit::Percent, Approx(50.0)),             // L90 农村技能培训50%左右
        ("W-ECON-06", Unit::Per100k, Dir(Direction::Decrease)), // L94 职业病发病率明显降低
        ("W-ECON-08", Unit::Count, Cmp(Le, 0.0)),               // L113 零就业家庭动态清零
        ("W-DECISION-01", Unit::Percent, Dir(Direction::Other)), // L119 合理比例
        ("W-DECISION-03", Unit::Percent, Dir(Direction::Increase)), // L120 人大代表
        ("W-DECISION-18", Unit::Percent, Cmp(Ge, 30.0)),        // L129 村委会成员30%以上
        ("W-DECISION-22", Unit::Percent, Approx(50.0)),         // L131 居委会成员50%左右
        ("W-DECISION-23", Unit::Percent, Cmp(Ge, 40.0)),        // L131 居委会主任40%以上
        ("W-DECISION-24", Unit::Percent, Cmp(Ge, 100.0)),       // L138 100%成立妇女议事会
        ("W-SOCSEC-02", Unit::Percent, Cmp(Ge, 96.0)),          // L160 医保参保率96%以上
        ("W-SOCSEC-03", Unit::Percent, Cmp(Ge, 96.0)),          // L162 养老保险参保率提高到96%
        ("W-SOCSEC-04", Unit::Count, Dir(Direction::Increase)), // L164 失业保险参保人数
        ("W-FAMILY-03", Unit::Percent, Cmp(Gt, 30.0)),          // L191 千兆宽带超过30%
        ("W-FAMILY-04", Unit::Minutes, Dir(Direction::Decrease)), // L195 家务劳动时间差距
        ("W-FAMILY-05", Unit::Percent, Cmp(Ge, 100.0)),         // L199 社工站覆盖率100%
        ("W-FAMILY-09", Unit::Percent, Cmp(Ge, 100.0)),         // L299 家长学校100%全覆盖
        ("W-ENV-01", Unit::Percent, Cmp(Ge, 100.0)),            // L231 农村自来水普及率巩固为100%
        ("W-ENV-03", Unit::Percent, Cmp(Ge, 100.0)),            // L233 无害化卫生厕所全覆盖
        ("W-ENV-04", Unit::Ratio, Cmp(Ge, 1.5)),                // L252 男女厕位比例不低于1:1.5
        ("W-ENV-05", Unit::Ratio, Cmp(Ge, 2.0)),                // L252 人流量较大地区不低于1:2
        ("W-ENV-08", Unit::Percent, Cmp(Ge, 96.0)),             // L241 化妆用品抽查合格率
        ("W-ENV-10", Unit::Percent, Cmp(Ge, 100.0)),            // L255 女性用品质量问题处置率
        ("W-LAW-01", Unit::Count, Cmp(Ge, 1.0)),                // L268 1个以上家庭暴力庇护场所
        ("W-LAW-02", Unit::Per10k, Dir(Direction::Decrease)),   // L272 发案率
        ("W-LAW-05", Unit::Percent, Cmp(Ge, 100.0)),            // L280 妇女维权站覆盖率100%
    ];
    for (id, unit, expect) in cases {
        check(&c, Plan::Women, id, *unit, *expect);
    }
}

#[test]
fn gross_ratios_may_exceed_100_percent() {
    let c = catalog();
    for id in ["W-EDU-01", "W-EDU-03"] {
        let indicator = get(&c, id);
        assert_eq!(indicator.bounds.upper, None, "{id}");
        assert_eq!(indicator.default_scale(), gapcast_core::catalog::Scale::Linear, "{id}");
    }
}

/// Quantified and directional indicators per domain of each plan, in the
/// plan's order. Change only with the plan text in hand.
const WOMEN_COUNTS: [(&str, &str, usize, usize); 8] = [
    ("HEALTH", "妇女与健康", 19, 8),
    ("EDU", "妇女与教育", 4, 1),
    ("ECON", "妇女与经济", 6, 2),
    ("DECISION", "妇女参与决策和管理", 4, 20),
    ("SOCSEC", "妇女与社会保障", 5, 3),
    ("FAMILY", "妇女与家庭建设", 8, 1),
    ("ENV", "妇女与环境", 9, 1),
    ("LAW", "妇女与法律", 2, 3),
];
const CHILDREN_COUNTS: [(&str, &str, usize, usize); 7] = [
    ("HEALTH", "儿童与健康", 37, 9),
    ("SAFETY", "儿童与安全", 2, 5),
    ("EDU", "儿童与教育", 8, 2),
    ("WELFARE", "儿童与福利", 8, 5),
    ("FAMILY", "儿童与家庭", 3, 0),
    ("ENV", "儿童与环境", 6, 2),
    ("LAW", "儿童与法律保护", 0, 1),
];

/// Checks a plan's domains, counts per domain, and ids `P-CODE-01..` with no
/// gap (so a deleted block shows up too).
fn check_counts(plan: Plan, prefix: &str, counts: &[(&str, &str, usize, usize)]) {
    let c = catalog();
    let domains: Vec<&str> = counts.iter().map(|(_, d, _, _)| *d).collect();
    assert_eq!(c.domains(plan), domains, "domains in plan order");
    for &(code, domain, quantified, directional) in counts {
        let all: Vec<&Indicator> = c.in_domain(plan, domain).collect();
        let dir = all.iter().filter(|i| i.target.goal.direction().is_some()).count();
        assert_eq!((all.len() - dir, dir), (quantified, directional), "{domain}");
        let id_prefix = format!("{prefix}-{code}-");
        let mut numbers: Vec<u32> = all
            .iter()
            .map(|i| {
                let rest =
                    i.id.strip_prefix(&id_prefix)
                        .unwrap_or_else(|| panic!("{} in {domain} should start with {id_prefix}", i.id));
                rest.parse().unwrap_or_else(|_| panic!("{}: number", i.id))
            })
            .collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=all.len() as u32).collect::<Vec<_>>(), "{domain} ids");
    }
    let total: usize = counts.iter().map(|(_, _, q, d)| q + d).sum();
    assert_eq!(c.by_plan(plan).count(), total);
}

/// Checks that every source of a plan cites the plan and a chapter.
fn check_sources(plan: Plan, label: &str) {
    for indicator in catalog().by_plan(plan) {
        let s = &indicator.source;
        assert!(s.starts_with(label), "{}: {s}", indicator.id);
        assert!(s.contains("二（") || s.contains("三（"), "{}: {s}", indicator.id);
    }
}

#[test]
fn counts_per_domain_are_pinned() {
    check_counts(Plan::Women, "W", &WOMEN_COUNTS);
    check_counts(Plan::Children, "C", &CHILDREN_COUNTS);
}

#[test]
fn sources_cite_the_plan() {
    check_sources(Plan::Women, "妇女规划 ");
    check_sources(Plan::Children, "儿童规划 ");
}

/// Names of ../shared/demo/national-figures.tsv rows that the women's plan sets,
/// copied exactly as the national reports print them.
const DEMO_WOMEN: [&str; 9] = [
    "孕产妇死亡率",
    "孕产妇系统管理率",
    "婚前医学检查率",
    "学前教育毛入园率",
    "九年义务教育巩固率",
    "就业人员中的女性比例",
    "城镇单位就业人员中的女性比例",
    "社区居委会成员中女性比例",
    "村委会成员中女性比例",
];

/// The demo rows only the children's plan sets (高中阶段教育毛入学率 is the
/// all-pupil ratio; the women's plan sets the girls' ratio, W-EDU-03).
const DEMO_CHILDREN_ONLY: [&str; 10] = [
    "婴儿死亡率",
    "5岁以下儿童死亡率",
    "新生儿死亡率",
    "新生儿访视率",
    "3岁以下儿童系统管理率",
    "7岁以下儿童健康管理率",
    "0—6岁儿童眼保健和视力检查覆盖率",
    "高中阶段教育毛入学率",
    "普惠性幼儿园在园幼儿占比",
    "每千常住人口拥有3岁以下婴幼儿托位数",
];

#[test]
fn demo_names_of_the_womens_plan_match_exactly() {
    let c = catalog();
    for name in DEMO_WOMEN {
        let found: Vec<&str> =
            c.by_name(name).into_iter().filter(|i| i.plan == Plan::Women).map(|i| i.id.as_str()).collect();
        assert_eq!(found.len(), 1, "{name}: women's indicators {found:?}");
    }
    for name in DEMO_CHILDREN_ONLY {
        assert!(c.by_name(name).iter().all(|i| i.plan != Plan::Women), "{name} should not name a women's indicator");
    }
}

/// Keeps the two lists above honest when the demo file is at hand (it sits
/// beside the repository, in ../shared/demo/).
#[test]
fn demo_name_lists_cover_the_demo_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/demo/national-figures.tsv");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("note: {path} not found; the name lists were not compared with it");
        return;
    };
    let mut names: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|name| !name.trim().is_empty())
        .collect();
    names.sort_unstable();
    let mut listed: Vec<&str> = DEMO_WOMEN.iter().chain(DEMO_CHILDREN_ONLY.iter()).copied().collect();
    listed.sort_unstable();
    assert_eq!(names, listed);
}

#[test]
fn shared_keys_pair_the_two_plans() {
    let c = catalog();
    let women_keys: Vec<&str> = c.by_plan(Plan::Women).filter_map(|i| i.key.as_deref()).collect();
    assert_eq!(
        women_keys,
        [
            "preschool-gross-enrolment",
            "compulsory-education-retention",
            "family-education-agency-coverage",
            "parent-school-coverage",
            "rural-sanitary-toilet-coverage",
        ]
    );
    // Once the children's plan is embedded, each key must link one indicator in it.
    if c.plans().contains(&Plan::Children) {
        for key in women_keys {
            let plans: Vec<Plan> = c.sharing_key(key).map(|i| i.plan).collect();
            assert_eq!(plans, [Plan::Women, Plan::Children], "key {key}");
        }
    }
}

/// The rates and shares whose counts the plans' own wording defines (deaths
/// per live births, cases per live births, infected infants per infants born
/// to infected mothers, injury deaths per children), with their names.
#[test]
fn small_number_rates_name_their_counts() {
    let c = catalog();
    let cases: &[(&str, &str, &str, f64)] = &[
        ("W-HEALTH-02", "孕产妇死亡数", "活产数", 100_000.0),
        ("W-HEALTH-13", "艾滋病感染孕产妇所生儿童感染数", "艾滋病感染孕产妇所生儿童数", 100.0),
        ("W-HEALTH-16", "先天梅毒报告病例数", "活产数", 100_000.0),
        ("W-HEALTH-17", "乙肝感染孕产妇所生儿童感染数", "乙肝感染孕产妇所生儿童数", 100.0),
        ("C-HEALTH-02", "新生儿死亡数", "活产数", 1000.0),
        ("C-HEALTH-03", "婴儿死亡数", "活产数", 1000.0),
        ("C-HEALTH-04", "5岁以下儿童死亡数", "活产数", 1000.0),
        ("C-SAFETY-01", "儿童伤害死亡数", "儿童人口数", 100_000.0),
    ];
    for &(id, numerator, denominator, per) in cases {
        let counts = get(&c, id).counts.as_ref().unwrap_or_else(|| panic!("{id} has no counts"));
        assert_eq!((counts.numerator.as_str(), counts.denominator.as_str(), counts.per), (numerator, denominator, per));
    }
    assert_eq!(c.indicators.iter().filter(|i| i.counts.is_some()).count(), 30);
}

/// A pasted row named like a count must never be taken for an indicator (or
/// the other way round): no count name is an indicator's name or alias.
#[test]
fn count_names_are_not_indicator_names() {
    let c = catalog();
    let names: Vec<&str> = c
        .indicators
        .iter()
        .flat_map(|i| std::iter::once(i.name_zh.as_str()).chain(i.aliases.iter().map(String::as_str)))
        .collect();
    for indicator in &c.indicators {
        let Some(counts) = &indicator.counts else { continue };
        for name in counts.numerator_names().chain(counts.denominator_names()) {
            assert!(!names.contains(&name), "{}: count name {name} is also an indicator name", indicator.id);
        }
    }
}
