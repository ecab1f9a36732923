//! The children's plan seed file checked against the plan text: spot values read
//! from ../shared/seeds/huadu-women-children-plans-2021-2030.txt (line numbers in
//! the comments), the two-stage childcare target, the gross ratios' open bounds,
//! the names of the national demo figures matched exactly, the keys shared with
//! the women's plan, and the count per domain pinned so an accidental deletion
//! fails.

use gapcast_core::catalog::{
    builtin, load_files, Comparator, Direction, Goal, Indicator, Milestone, Plan, Scale, Unit,
};

const CHILDREN_FILE: (&str, &str) =
    ("seeds/huadu-children-2021-2030.toml", include_str!("../../seeds/huadu-children-2021-2030.toml"));

mod catalog_support;

use catalog_support::{catalog, check, get, Expect};

#[test]
fn children_file_loads_alone_without_issues_and_is_built_in() {
    let (catalog, issues) = load_files(&[CHILDREN_FILE]);
    assert!(issues.is_empty(), "{issues:#?}");
    assert!(catalog.indicators.iter().all(|i| i.plan == Plan::Children));
    // The embedded copy is this same file, indicator for indicator.
    let built = builtin();
    let embedded: Vec<&Indicator> = built.by_plan(Plan::Children).collect();
    let alone: Vec<&Indicator> = catalog.indicators.iter().collect();
    assert_eq!(embedded, alone);
}

#[test]
fn children_spot_values_match_the_plan_text() {
    use Comparator::{Ge, Le};
    use Direction::{Decrease, Increase, SlowIncrease};
    use Expect::{Approx, Cmp, Dir};
    let c = catalog();
    let cases: &[(&str, Unit, Expect)] = &[
        ("C-HEALTH-02", Unit::Per1000LiveBirths, Cmp(Le, 2.0)), // L344 新生儿 2‰以下
        ("C-HEALTH-03", Unit::Per1000LiveBirths, Cmp(Le, 2.8)), // L344 婴儿 2.8‰
        ("C-HEALTH-04", Unit::Per1000LiveBirths, Cmp(Le, 4.0)), // L344 5岁以下 4.0‰
        ("C-HEALTH-08", Unit::Percent, Cmp(Ge, 85.0)),          // L346 早产儿视网膜病变筛查
        ("C-HEALTH-11", Unit::Percent, Cmp(Ge, 90.0)),          // L350 保持在90%以上
        ("C-HEALTH-16", Unit::Percent, Dir(SlowIncrease)),      // L353 肥胖上升趋势得到控制
        ("C-HEALTH-20", Unit::Percent, Cmp(Le, 25.0)),          // L355 12岁龋患率25%以内
        ("C-HEALTH-21", Unit::Percent, Dir(Decrease)),          // L357 新发近视率明显下降
        ("C-HEALTH-22", Unit::Percent, Approx(3.0)),            // L357 6岁近视率3.0%左右
        ("C-HEALTH-23", Unit::Percent, Cmp(Le, 38.0)),          // L357 小学生38%以下
        ("C-HEALTH-24", Unit::Percent, Cmp(Le, 60.0)),          // L357 初中生60%以下
        ("C-HEALTH-25", Unit::Percent, Cmp(Le, 70.0)),          // L357 高中阶段70%以下
        ("C-HEALTH-26", Unit::Percent, Cmp(Ge, 90.0)),          // L357 眼保健覆盖率90%以上
        ("C-HEALTH-31", Unit::Percent, Dir(SlowIncrease)),      // L361 焦虑障碍上升趋势减缓
        ("C-HEALTH-34", Unit::Per1000Children, Cmp(Ge, 1.12)),  // L368 儿科医生1.12名
        ("C-HEALTH-35", Unit::Per1000Children, Cmp(Ge, 3.17)),  // L368 床位增至3.17张
        ("C-HEALTH-38", Unit::Percent, Cmp(Ge, 90.0)),          // L372 新生儿访视率
        ("C-HEALTH-40", Unit::Percent, Cmp(Ge, 60.0)),          // L377 纯母乳喂养率
        ("C-HEALTH-41", Unit::Count, Cmp(Ge, 2.0)),             // L379 2所以上示范校
        ("C-HEALTH-43", Unit::HoursPerDay, Cmp(Ge, 2.0)),       // L381 体育活动2小时
        ("C-HEALTH-46", Unit::TimesPerYear, Cmp(Ge, 2.0)),      // L383 每学期至少一次
        ("C-SAFETY-01", Unit::Per100k, Cmp(Le, 5.0)),           // L388 伤害死亡率5/10万以下
        ("C-SAFETY-03", Unit::Per100k, Dir(Decrease)),          // L390 溺水死亡率持续下降
        ("C-SAFETY-07", Unit::Percent, Cmp(Ge, 99.0)),          // L393 药品抽检合格率
        ("C-EDU-02", Unit::Percent, Cmp(Ge, 85.0)),             // L414 普惠性幼儿园不低于85%
        ("C-EDU-03", Unit::Percent, Cmp(Ge, 99.0)),             // L416 九年义务教育巩固率
        ("C-EDU-04", Unit::Percent, Cmp(Ge, 99.0)),             // L418 高中阶段毛入学率
        ("C-EDU-05", Unit::Percent, Dir(Increase)),             // L420 残疾儿童巩固水平提高
        ("C-EDU-09", Unit::Minutes, Cmp(Ge, 30.0)),             // L439 下班时间后半小时
        ("C-WELFARE-05", Unit::Percent, Cmp(Ge, 100.0)),        // L456 保护工作站覆盖率
        ("C-WELFARE-08", Unit::Percent, Cmp(Ge, 100.0)),        // L460 儿童之家覆盖率
        ("C-FAMILY-01", Unit::Percent, Cmp(Ge, 100.0)),         // L492 家长学校100%全覆盖
        ("C-ENV-01", Unit::Count, Cmp(Ge, 2.0)),                // L518, L576 2个示范镇（街）
        ("C-ENV-02", Unit::Count, Cmp(Ge, 10.0)),               // L576 10个示范村（社区）
        ("C-ENV-05", Unit::Percent, Cmp(Ge, 70.0)),             // L521 70%以上的镇（街）、社区
        ("C-ENV-06", Unit::Count, Cmp(Ge, 1.0)),                // L527, L576 不少于1所
        ("C-ENV-07", Unit::Percent, Cmp(Ge, 100.0)),            // L529 全面普及无害化卫生厕所
        ("C-LAW-01", Unit::Percent, Dir(Decrease)),             // L555 未成年人犯罪人数比重
    ];
    for (id, unit, expect) in cases {
        check(&c, Plan::Children, id, *unit, *expect);
    }
}

#[test]
fn childcare_places_are_one_indicator_with_a_2025_milestone() {
    let c = catalog();
    let places = get(&c, "C-WELFARE-04");
    assert_eq!(places.name_zh, "每千常住人口拥有3岁以下婴幼儿托位数");
    assert_eq!(places.unit, Unit::Per1000Population);
    // L450: 6 or more by 2030 (主要目标 5); L580: 4 or more in 2025 (重点工程 四).
    assert_eq!(places.target.goal, Goal::Compare { comparator: Comparator::Ge, value: 6.0, tolerance: None });
    assert_eq!(places.target.year, 2030);
    assert_eq!(places.milestones, [Milestone { year: 2025, comparator: Comparator::Ge, value: 4.0 }]);
    assert!(places.source.contains("主要目标 5") && places.source.contains("三（四）"));
    // Stated once per place, so no second indicator carries the same quantity.
    assert_eq!(c.by_name("每千常住人口拥有3岁以下婴幼儿托位数").len(), 1);
}

#[test]
fn targets_stated_twice_cite_both_places() {
    let c = catalog();
    let cases = [
        ("C-ENV-01", ["主要目标 5", "三（一）"]),
        ("C-ENV-06", ["主要目标 10", "三（一）"]),
        ("C-WELFARE-06", ["二（四）主要目标 9", "二（五）策略措施 11"]),
        ("C-WELFARE-12", ["二（四）主要目标 13", "二（五）策略措施 10"]),
    ];
    for (id, places) in cases {
        let source = &get(&c, id).source;
        for place in places {
            assert!(source.contains(place), "{id}: {source} should cite {place}");
        }
    }
}

#[test]
fn gross_ratios_may_exceed_100_percent_and_other_percentages_may_not() {
    let c = catalog();
    for indicator in c.by_plan(Plan::Children).filter(|i| i.unit == Unit::Percent) {
        let gross = indicator.name_zh.contains("毛入");
        assert_eq!(indicator.bounds.upper.is_none(), gross, "{} upper bound", indicator.id);
        assert_eq!(indicator.bounds.lower, Some(0.0), "{}", indicator.id);
        if gross {
            assert_eq!(indicator.default_scale(), Scale::Linear, "{}", indicator.id);
        }
    }
    assert_eq!(get(&c, "C-EDU-01").bounds.upper, None);
    assert_eq!(get(&c, "C-EDU-04").bounds.upper, None);
}

/// Rows of ../shared/demo/national-figures.tsv that the children's plan sets,
/// exactly as the national statistics reports print them.
const DEMO_CHILDREN: [&str; 12] = [
    "婴儿死亡率",
    "5岁以下儿童死亡率",
    "新生儿死亡率",
    "新生儿访视率",
    "3岁以下儿童系统管理率",
    "7岁以下儿童健康管理率",
    "0—6岁儿童眼保健和视力检查覆盖率",
    "学前教育毛入园率",
    "九年义务教育巩固率",
    "高中阶段教育毛入学率",
    "普惠性幼儿园在园幼儿占比",
    "每千常住人口拥有3岁以下婴幼儿托位数",
];

#[test]
fn demo_names_match_one_childrens_indicator_exactly() {
    let c = catalog();
    for name in DEMO_CHILDREN {
        let found: Vec<&str> =
            c.by_name(name).into_iter().filter(|i| i.plan == Plan::Children).map(|i| i.id.as_str()).collect();
        assert_eq!(found.len(), 1, "{name}: children's indicators {found:?}");
    }
    // The plan writes 0-6 with a hyphen; the reports use a dash. Both must match.
    let hyphen: Vec<&str> = c.by_name("0-6岁儿童眼保健和视力检查覆盖率").iter().map(|i| i.id.as_str()).collect();
    assert_eq!(hyphen, ["C-HEALTH-26"]);
}

#[test]
fn shared_keys_link_the_same_target_in_both_plans() {
    let c = catalog();
    let keys: Vec<&str> = c.by_plan(Plan::Children).filter_map(|i| i.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            "preschool-gross-enrolment",
            "compulsory-education-retention",
            "parent-school-coverage",
            "family-education-agency-coverage",
            "rural-sanitary-toilet-coverage",
        ]
    );
    for key in keys {
        let linked: Vec<&Indicator> = c.sharing_key(key).collect();
        let plans: Vec<Plan> = linked.iter().map(|i| i.plan).collect();
        assert_eq!(plans, [Plan::Women, Plan::Children], "key {key}");
        let (women, children) = (linked[0], linked[1]);
        assert_eq!(women.unit, children.unit, "key {key} unit");
        assert_eq!(women.bounds, children.bounds, "key {key} bounds");
        assert_eq!(women.target, children.target, "key {key} target");
    }
}
