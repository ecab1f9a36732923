//! Every statement under 主要目标 of both plans is in the catalog: the plans'
//! text (`seeds/plan-text/`, a verbatim copy of
//! ../shared/seeds/huadu-women-children-plans-2021-2030.txt) is read here into
//! its numbered items, and each item must be covered, to the last character
//! that is not punctuation, by the `wording_zh` of the catalog entries citing
//! it. So no goal can be dropped, nor a wording changed, without a failure.

use std::collections::BTreeMap;

use gapcast_core::catalog::{builtin, Catalog, Direction, Plan, Unit};

const PLANS: &str = include_str!("../../seeds/plan-text/huadu-women-children-plans-2021-2030.txt");

/// Where a passage sits: plan (妇女 or 儿童), chapter 二's domain number (一..)
/// and the list (主要目标 or 策略措施) with the item's number; or a 重点工程
/// (chapter 三) paragraph, with `list` "三" and `item` its number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    plan: &'static str,
    part: String,
    list: &'static str,
    item: usize,
}

/// The plan text, line breaks normalised to `\n` (nothing else is changed).
fn plan_text() -> String {
    PLANS.replace("\r\n", "\n")
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn numeral_value(n: &str) -> Option<usize> {
    NUMERALS.iter().position(|x| *x == n).map(|i| i + 1)
}

/// `（三）妇女与经济。` → ("三", "妇女与经济").
fn parenthesised(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('（')?;
    let (n, rest) = rest.split_once('）')?;
    numeral_value(n)?;
    Some((n, rest.trim_end().trim_end_matches('。')))
}

struct Text {
    /// Every numbered item of 主要目标 and 策略措施, and every 重点工程 paragraph.
    passages: BTreeMap<Place, String>,
    /// The domains of chapter 二 by plan and number: 妇女与健康, ...
    domains: BTreeMap<(&'static str, String), String>,
}

fn read_plans() -> Text {
    let text = plan_text();
    let mut passages = BTreeMap::new();
    let mut domains = BTreeMap::new();
    let (mut plan, mut chapter, mut part, mut list) = ("妇女", String::new(), String::new(), "");
    for line in text.lines() {
        if line.starts_with("广州市花都区儿童发展规划（") {
            plan = "儿童";
            continue;
        }
        if let Some((n, _)) = line.split_once('、').filter(|(n, _)| numeral_value(n).is_some()) {
            chapter = n.to_string();
            list = "";
            continue;
        }
        if let Some((n, name)) = parenthesised(line) {
            if chapter == "二" && line.chars().count() < 40 {
                part = n.to_string();
                domains.insert((plan, part.clone()), name.to_string());
                list = "";
            } else if chapter == "三" {
                let place = Place { plan, part: n.to_string(), list: "三", item: 0 };
                passages.insert(place, line.to_string());
            }
            continue;
        }
        if line.starts_with("主要目标") {
            list = "主要目标";
        } else if line.starts_with("策略措施") {
            list = "策略措施";
        } else if let Some((number, rest)) = line.split_once('.') {
            if let (Ok(item), false, "二") = (number.parse::<usize>(), list.is_empty(), chapter.as_str()) {
                passages.insert(Place { plan, part: part.clone(), list, item }, rest.to_string());
            }
        }
    }
    Text { passages, domains }
}

/// The places a `source` cites: `妇女规划 二（一）主要目标 3；二（一）策略措施 5、6；三（一）`.
/// A part that names no plan is in the plan of the part before it.
fn cited(source: &str) -> Vec<Result<Place, String>> {
    let mut out = Vec::new();
    for place in cited_parts(source) {
        match place {
            Ok((place, items)) => {
                for item in items.split('、') {
                    match item.trim().parse() {
                        Ok(item) => out.push(Ok(Place { item, ..place.clone() })),
                        Err(_) => out.push(Err(format!("cannot read item \"{item}\" of source \"{source}\""))),
                    }
                }
            }
            Err(e) => out.push(Err(e)),
        }
    }
    out
}

/// Each place of a source with its item numbers as written (`5、6`; `0` for 三).
fn cited_parts(source: &str) -> Vec<Result<(Place, String), String>> {
    let (mut plan, mut last) = ("", (String::new(), String::new()));
    source
        .split('；')
        .map(|part| {
            let part = part.trim();
            let rest = if let Some(r) = part.strip_prefix("妇女规划") {
                plan = "妇女";
                r.trim_start()
            } else if let Some(r) = part.strip_prefix("儿童规划") {
                plan = "儿童";
                r.trim_start()
            } else {
                part
            };
            let bad = || format!("cannot read the place \"{part}\" of source \"{source}\"");
            // `策略措施 8` after `二（一）主要目标 6` is in the same domain.
            let (chapter, n, rest) = match rest.split_once('（') {
                Some((chapter, rest)) => {
                    let (n, rest) = rest.split_once('）').ok_or_else(bad)?;
                    (chapter.to_string(), n.to_string(), rest)
                }
                None => (last.0.clone(), last.1.clone(), rest),
            };
            numeral_value(&n).ok_or_else(bad)?;
            last = (chapter.clone(), n.clone());
            let rest = rest.trim();
            match chapter.as_str() {
                "三" if rest.is_empty() => Ok((Place { plan, part: n.to_string(), list: "三", item: 0 }, "0".into())),
                "二" => {
                    let (list, item) = rest.split_once(' ').ok_or_else(bad)?;
                    let list = match list {
                        "主要目标" => "主要目标",
                        "策略措施" => "策略措施",
                        _ => return Err(bad()),
                    };
                    Ok((Place { plan, part: n.to_string(), list, item: 0 }, item.trim().to_string()))
                }
                _ => Err(bad()),
            }
        })
        .collect()
}

/// Every catalog entry as (id, domain, wording, source): indicators and goals.
fn entries(catalog: &Catalog) -> Vec<(String, Plan, String, Option<String>, String)> {
    let indicators = catalog
        .indicators
        .iter()
        .map(|i| (i.id.clone(), i.plan, i.domain.clone(), i.wording_zh.clone(), i.source.clone()));
    let goals = catalog
        .goals
        .iter()
        .map(|g| (g.id.clone(), g.plan, g.domain.clone(), Some(g.wording_zh.clone()), g.source.clone()));
    indicators.chain(goals).collect()
}

fn plan_word(plan: Plan) -> &'static str {
    match plan {
        Plan::Women => "妇女",
        Plan::Children => "儿童",
    }
}

#[test]
fn the_plan_text_has_the_items_counted_here() {
    let text = read_plans();
    let count = |plan: &str| -> Vec<(String, usize)> {
        (1..=8)
            .filter_map(|n| {
                let part = NUMERALS[n - 1].to_string();
                let name = text.domains.get(&(if plan == "妇女" { "妇女" } else { "儿童" }, part.clone()))?;
                let items = text.passages.keys().filter(|p| p.plan == plan && p.part == part && p.list == "主要目标");
                Some((name.clone(), items.count()))
            })
            .collect()
    };
    let women: Vec<(String, usize)> = count("妇女");
    let children: Vec<(String, usize)> = count("儿童");
    let expected_women = [
        ("妇女与健康", 12),
        ("妇女与教育", 10),
        ("妇女与经济", 10),
        ("妇女参与决策和管理", 10),
        ("妇女与社会保障", 9),
        ("妇女与家庭建设", 11),
        ("妇女与环境", 12),
        ("妇女与法律", 10),
    ];
    let expected_children = [
        ("儿童与健康", 13),
        ("儿童与安全", 10),
        ("儿童与教育", 10),
        ("儿童与福利", 13),
        ("儿童与家庭", 8),
        ("儿童与环境", 13),
        ("儿童与法律保护", 12),
    ];
    let owned = |e: &[(&str, usize)]| e.iter().map(|(d, n)| (d.to_string(), *n)).collect::<Vec<_>>();
    assert_eq!(women, owned(&expected_women));
    assert_eq!(children, owned(&expected_children));
    // Items are numbered 1..n with none missing.
    for (plan, part) in text.domains.keys() {
        let numbers: Vec<usize> = text
            .passages
            .keys()
            .filter(|p| p.plan == *plan && &p.part == part && p.list == "主要目标")
            .map(|p| p.item)
            .collect();
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "{plan} {part}");
    }
}

#[test]
fn every_wording_is_verbatim_and_every_source_names_a_real_item() {
    let catalog = builtin();
    let text = read_plans();
    let whole = plan_text();
    for (id, plan, domain, wording, source) in entries(&catalog) {
        let places: Vec<Place> =
            cited(&source).into_iter().map(|p| p.unwrap_or_else(|e| panic!("{id}: {e}"))).collect();
        for place in &places {
            assert!(text.passages.contains_key(place), "{id}: source \"{source}\" cites {place:?}, not in the plans");
        }
        assert_eq!(places[0].plan, plan_word(plan), "{id}: cites the other plan first");
        if places[0].list == "主要目标" {
            let named = &text.domains[&(places[0].plan, places[0].part.clone())];
            assert_eq!(named, &domain, "{id}: its domain is not that of the 主要目标 it cites first");
        }
        let wording = wording.unwrap_or_else(|| panic!("{id} has no wording_zh"));
        assert!(whole.contains(&wording), "{id}: wording_zh \"{wording}\" is not in the plans' text");
        assert!(
            places.iter().any(|p| text.passages[p].contains(&wording)),
            "{id}: wording_zh \"{wording}\" is in none of the places its source cites ({source})"
        );
    }
}

#[test]
fn every_statement_of_every_main_goal_is_in_the_catalog() {
    let catalog = builtin();
    let text = read_plans();
    let entries = entries(&catalog);
    let mut citing: BTreeMap<Place, Vec<(String, String)>> = BTreeMap::new();
    for (id, _, _, wording, source) in &entries {
        for place in cited(source).into_iter().flatten() {
            citing.entry(place).or_default().push((id.clone(), wording.clone().unwrap_or_default()));
        }
    }
    let mut missing = Vec::new();
    for (place, item) in text.passages.iter().filter(|(p, _)| p.list == "主要目标") {
        let mut rest = item.clone();
        let mut wordings: Vec<&str> = citing.get(place).into_iter().flatten().map(|(_, w)| w.as_str()).collect();
        // Longest first, so a clause inside a longer wording does not split it.
        wordings.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        for w in wordings.iter().filter(|w| !w.is_empty()) {
            rest = rest.replace(w, "");
        }
        let left: String = rest.chars().filter(|c| !is_punctuation(*c)).collect();
        if !left.is_empty() {
            missing.push(format!(
                "{} {} 主要目标 {}: \"{}\" is in no entry's wording_zh",
                place.plan, place.part, place.item, rest
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

fn is_punctuation(c: char) -> bool {
    c.is_whitespace() || "，。；、,.：:（）()“”\"%".contains(c)
}

#[test]
fn entries_citing_each_domain_match_the_plan() {
    // How many catalog entries (indicators and goals) cite each domain's
    // 主要目标, and how many of those are goals without a quantified target:
    // pinned, so an entry lost or added by mistake fails here.
    let catalog = builtin();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let goal_ids: Vec<&str> = catalog.goals.iter().map(|g| g.id.as_str()).collect();
    for (id, _, domain, _, source) in entries(&catalog) {
        if cited(&source).into_iter().flatten().any(|p| p.list == "主要目标") {
            let c = counts.entry(domain).or_default();
            c.0 += 1;
            c.1 += usize::from(goal_ids.contains(&id.as_str()));
        }
    }
    let per_domain: Vec<(&str, usize)> = catalog
        .plans()
        .into_iter()
        .flat_map(|plan| catalog.domains(plan).into_iter().map(move |d| (d, plan)))
        .map(|(d, plan)| (d, catalog.goals_in_domain(plan, d).count()))
        .collect();
    let expected_goals = [
        ("妇女与健康", 14),
        ("妇女与教育", 13),
        ("妇女与经济", 13),
        ("妇女参与决策和管理", 2),
        ("妇女与社会保障", 17),
        ("妇女与家庭建设", 15),
        ("妇女与环境", 15),
        ("妇女与法律", 14),
        ("儿童与健康", 11),
        ("儿童与安全", 10),
        ("儿童与教育", 11),
        ("儿童与福利", 18),
        ("儿童与家庭", 9),
        ("儿童与环境", 16),
        ("儿童与法律保护", 13),
    ];
    assert_eq!(per_domain, expected_goals);
    for (domain, goals) in expected_goals {
        assert_eq!(counts[domain].1, goals, "{domain}: every goal cites its 主要目标");
    }
    assert_eq!(catalog.goals.len(), 191);
}

#[test]
fn goals_carry_what_the_page_needs() {
    let catalog = builtin();
    for goal in &catalog.goals {
        assert!(!goal.name_zh.is_empty() && !goal.name_en.is_empty(), "{}", goal.id);
        if let Some(proxy) = &goal.proxy {
            assert_ne!(proxy.direction, Direction::Other, "{}: a proxy is judged", goal.id);
            assert!(catalog.by_name(&proxy.name_zh).is_empty(), "{}: proxy named like a plan indicator", goal.id);
        }
    }
    let proxy =
        |name: &str| catalog.goals.iter().find_map(|g| g.proxy.as_ref().filter(|p| p.name_zh == name).map(|p| (g, p)));
    let (goal, abortion) = proxy("人工流产率").expect("人工流产率 suggested");
    assert_eq!((goal.wording_zh.as_str(), abortion.direction), ("减少非意愿妊娠", Direction::Decrease));
    let (goal, defects) = proxy("出生缺陷发生率").expect("出生缺陷发生率 suggested");
    assert_eq!((goal.wording_zh.as_str(), defects.unit), ("预防和控制出生缺陷", Unit::Per10k));
    // The goals the issue names are there, worded as the plans word them.
    for wording in ["有效遏制针对妇女的性骚扰", "预防和干预儿童沉迷网络", "全面提升妇女的媒介素养"]
    {
        assert!(catalog.goals.iter().any(|g| g.wording_zh == wording), "{wording}");
    }
}
