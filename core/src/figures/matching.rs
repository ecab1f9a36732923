//! Matching pasted indicator names to the catalog.
//!
//! This module owns how a name in a spreadsheet is recognised: by the user's own
//! assignment, by id, by the exact Chinese or English name or an alias, then after
//! normalising (Unicode compatibility forms, case, spaces, punctuation and
//! brackets, `0—6岁` = `0-6岁`), then loosely (bracketed parts such as a unit dropped, `的`
//! dropped, 比例/比重/占比 read as 率, Chinese digits as digits). A name that
//! matches nothing gets the closest catalog names as suggestions, ranked by
//! `strsim`'s normalised Levenshtein similarity. It does not read values.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::catalog::Catalog;

use super::value::{half_width, parse_unit, PastedUnit, UnitText};

/// How a name was recognised, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Assigned,
    Id,
    Exact,
    Normalised,
    Loose,
}

/// The outcome of matching one pasted name.
#[derive(Debug, Clone, PartialEq)]
pub enum NameMatch {
    /// The indicator at this index of the catalog.
    Found(usize, MatchKind),
    /// Several indicators measuring different quantities share this name.
    Ambiguous(Vec<usize>),
    /// No indicator. [`Matcher::suggest`] gives the closest ones; it is a
    /// separate call because it compares with every catalog name.
    NotFound,
}

/// One matching rule: its index, the pasted name's key under it, and its kind.
type Stage<'m> = (&'m HashMap<String, Vec<usize>>, String, MatchKind);

/// The longest pasted name (in characters, after `loose`) compared with
/// the catalog for suggestions.
pub const MAX_SUGGESTED_NAME_CHARS: usize = 200;
/// How many suggestions an unmatched name gets at most.
const MAX_SUGGESTIONS: usize = 3;
/// The similarity below which a catalog name is not worth suggesting.
const MIN_SIMILARITY: f64 = 0.45;

/// An index of the catalog's names under each matching rule.
pub struct Matcher<'c> {
    catalog: &'c Catalog,
    assigned: HashMap<String, usize>,
    /// Assignments naming ids the catalog does not have: (pasted name, id).
    pub bad_assignments: Vec<(String, String)>,
    by_id: HashMap<String, Vec<usize>>,
    exact: HashMap<String, Vec<usize>>,
    normalised: HashMap<String, Vec<usize>>,
    loose: HashMap<String, Vec<usize>>,
    /// Loose forms of every name, for suggestions.
    all_loose: Vec<(usize, Vec<char>)>,
}

impl<'c> Matcher<'c> {
    /// Indexes `catalog`, with the user's `assignments` (pasted name ->
    /// indicator id) taking precedence over every rule.
    pub fn new(catalog: &'c Catalog, assignments: &BTreeMap<String, String>) -> Self {
        let mut m = Matcher {
            catalog,
            assigned: HashMap::new(),
            bad_assignments: Vec::new(),
            by_id: HashMap::new(),
            exact: HashMap::new(),
            normalised: HashMap::new(),
            loose: HashMap::new(),
            all_loose: Vec::new(),
        };
        for (i, ind) in catalog.indicators.iter().enumerate() {
            push(&mut m.by_id, fold(ind.id.trim()), i);
            let names = std::iter::once(&ind.name_zh).chain(std::iter::once(&ind.name_en)).chain(ind.aliases.iter());
            for name in names {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                push(&mut m.exact, name.to_string(), i);
                push(&mut m.normalised, normalise(name), i);
                let l = loose(name);
                push(&mut m.loose, l.clone(), i);
                m.all_loose.push((i, l.chars().collect()));
            }
        }
        for (name, id) in assignments {
            match catalog.indicators.iter().position(|ind| ind.id == *id) {
                Some(i) => {
                    m.assigned.insert(name.trim().to_string(), i);
                    m.assigned.entry(normalise(name)).or_insert(i);
                }
                None => m.bad_assignments.push((name.clone(), id.clone())),
            }
        }
        m
    }

    /// Matches one pasted name.
    pub fn find(&self, name: &str) -> NameMatch {
        let trimmed = name.trim();
        if let Some(&i) = self.assigned.get(trimmed).or_else(|| self.assigned.get(&normalise(trimmed))) {
            return NameMatch::Found(i, MatchKind::Assigned);
        }
        let stages: [Stage<'_>; 4] = [
            (&self.by_id, fold(trimmed), MatchKind::Id),
            (&self.exact, trimmed.to_string(), MatchKind::Exact),
            (&self.normalised, normalise(trimmed), MatchKind::Normalised),
            (&self.loose, loose(trimmed), MatchKind::Loose),
        ];
        for (index, key, kind) in stages {
            if key.is_empty() {
                continue;
            }
            if let Some(found) = index.get(&key) {
                return self.decide(found, kind);
            }
        }
        NameMatch::NotFound
    }

    /// One indicator, or several that share a figures key, is a match; several
    /// different quantities are ambiguous.
    fn decide(&self, found: &[usize], kind: MatchKind) -> NameMatch {
        let mut distinct: Vec<usize> = Vec::new();
        for &i in found {
            if !distinct.contains(&i) {
                distinct.push(i);
            }
        }
        let key0 = self.catalog.indicators[distinct[0]].figures_key();
        if distinct.iter().all(|&i| self.catalog.indicators[i].figures_key() == key0) {
            NameMatch::Found(distinct[0], kind)
        } else {
            NameMatch::Ambiguous(distinct)
        }
    }

    /// The catalog indicators whose names are closest to `name`, best first.
    pub fn suggest(&self, name: &str) -> Vec<usize> {
        let query: Vec<char> = loose(name).chars().collect();
        // No indicator name is this long: a longer cell (a pasted paragraph,
        // a 5 MB cell) gets no suggestion rather than an edit distance
        // against every catalog name.
        if query.is_empty() || query.len() > MAX_SUGGESTED_NAME_CHARS {
            return Vec::new();
        }
        let mut best: BTreeMap<usize, f64> = BTreeMap::new();
        for (i, candidate) in &self.all_loose {
            let mut score = strsim::generic_levenshtein(&query, candidate) as f64;
            let longest = query.len().max(candidate.len()).max(1) as f64;
            score = 1.0 - score / longest;
            // A name that contains the other (a shortened or lengthened
            // wording) is a better hint than its edit distance says.
            if contains(candidate, &query) || contains(&query, candidate) {
                score = score.max(0.5) + 0.25;
            }
            let entry = best.entry(*i).or_insert(0.0);
            if score > *entry {
                *entry = score;
            }
        }
        let mut ranked: Vec<(usize, f64)> = best.into_iter().filter(|&(_, s)| s >= MIN_SIMILARITY).collect();
        crate::sort::sort_by(&mut ranked, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out: Vec<usize> = Vec::new();
        for (i, _) in ranked {
            // One suggestion per quantity: skip the other plan's twin.
            let key = self.catalog.indicators[i].figures_key();
            if out.iter().any(|&j| self.catalog.indicators[j].figures_key() == key) {
                continue;
            }
            out.push(i);
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
        }
        out
    }
}

fn push(map: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    if !key.is_empty() {
        map.entry(key).or_default().push(i);
    }
}

fn contains(haystack: &[char], needle: &[char]) -> bool {
    needle.len() >= 2 && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Compatibility forms folded (NFKC), case folded, letters and digits only:
/// spaces, punctuation, brackets and dashes go, so `0—6岁` and `0-6 岁` agree.
///
/// NFKC reads `ＣＤ４` as `CD4` and `①` as `1`, and the look-alikes that text
/// copied from a PDF or converted from another encoding brings: Kangxi radicals
/// (`⼉童`, U+2F09) and CJK compatibility ideographs (`率`, U+F961) become the
/// ideographs the catalog is written in. Letters are Unicode's
/// (`char::is_alphanumeric`), so Greek and Cyrillic count as letters too.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in nfkc(name).chars().flat_map(fold_case) {
        if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// NFKC and case folded; nothing dropped (for ids).
fn fold(text: &str) -> String {
    nfkc(text).chars().flat_map(fold_case).collect()
}

/// The text in NFKC, borrowed when it already is (ASCII and most Chinese).
fn nfkc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// Case folding as the lower case of the upper case: unlike lower case alone,
/// it reads the word-final `ς` as `σ` and `ß` as `ss`, as Unicode's case
/// folding does, with the standard library's tables only.
fn fold_case(c: char) -> impl Iterator<Item = char> {
    c.to_uppercase().flat_map(char::to_lowercase)
}

/// [`normalise`], after dropping bracketed parts (a unit, a remark), and with
/// 的 dropped, 比例/比重/占比 read as 率 and Chinese digits as digits.
pub fn loose(name: &str) -> String {
    let folded = half_width(name);
    let mut kept = String::with_capacity(folded.len());
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    let mut s = normalise(&kept);
    for from in ["所占比例", "所占比重", "占比", "比重", "比例"] {
        if s.contains(from) {
            s = s.replace(from, "率");
        }
    }
    s.chars()
        .filter(|&c| c != '的')
        .map(|c| match c {
            '〇' | '零' => '0',
            '一' => '1',
            '二' | '两' => '2',
            '三' => '3',
            '四' => '4',
            '五' => '5',
            '六' => '6',
            '七' => '7',
            '八' => '8',
            '九' => '9',
            c => c,
        })
        .collect()
}

/// The unit written in brackets after a name (`孕产妇死亡率（1/10万）`), when it
/// is one that scales values.
pub fn unit_in_name(name: &str) -> Option<PastedUnit> {
    let folded = half_width(name);
    let mut rest = folded.as_ref();
    while let Some(open) = rest.find(['(', '[', '【']) {
        let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
        let close = after.find([')', ']', '】']).unwrap_or(after.len());
        if let UnitText::Scaled(u) = parse_unit(&after[..close]) {
            return Some(u);
        }
        rest = &after[close..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::fixture::catalog;

    fn check(name: &str, expected: &str) {
        let catalog = catalog();
        let mut assignments = BTreeMap::new();
        assignments.insert("我们的托位指标".to_string(), "C-CARE-01".to_string());
        let m = Matcher::new(&catalog, &assignments);
        let got = match m.find(name) {
            NameMatch::Found(i, _) => catalog.indicators[i].id.clone(),
            NameMatch::Ambiguous(v) => format!(
                "ambiguous {}",
                v.iter().map(|&i| catalog.indicators[i].id.as_str()).collect::<Vec<_>>().join(" ")
            ),
            NameMatch::NotFound => format!(
                "? {}",
                m.suggest(name).iter().map(|&i| catalog.indicators[i].id.as_str()).collect::<Vec<_>>().join(" ")
            ),
        };
        assert_eq!(got, expected, "matching {name:?}");
    }

    #[test]
    fn matches_names_as_staff_write_them() {
        check("孕产妇死亡率", "W-HEALTH-02");
        check(" 孕产妇死亡率 ", "W-HEALTH-02");
        check("w-health-02", "W-HEALTH-02");
        check("Maternal mortality ratio", "W-HEALTH-02");
        check("maternal  mortality ratio", "W-HEALTH-02");
        check("孕产妇死亡比", "W-HEALTH-02");
        check("孕产妇死亡率（1/10万）", "W-HEALTH-02");
        check("孕产妇死亡率(1/10万)", "W-HEALTH-02");
        check("0—6岁儿童眼保健和视力检查覆盖率", "C-HEALTH-09");
        check("0-6岁儿童眼保健和视力检查覆盖率", "C-HEALTH-09");
        check("０～６岁儿童眼保健和视力检查覆盖率", "C-HEALTH-09");
        check("就业人员中的女性比例", "W-ECON-01");
        check("就业人员中女性比重", "W-ECON-01");
        check("五岁以下儿童死亡率", "C-HEALTH-04");
        check("学前教育毛入园率", "W-EDU-05");
        check("我们的托位指标", "C-CARE-01");
        check("孕产妇死忙率", "? W-HEALTH-02 W-HEALTH-03");
        check("完全无关的东西", "? ");
        check("", "? ");
    }

    #[test]
    fn matches_compatibility_forms_and_look_alikes() {
        // Full-width letters and digits, as WPS and Chinese input methods type them.
        check("Ｗ－ＨＥＡＬＴＨ－０２", "W-HEALTH-02");
        check("ＭＡＴＥＲＮＡＬ　ＭＯＲＴＡＬＩＴＹ　ＲＡＴＩＯ", "W-HEALTH-02");
        check("MATERNAL Mortality RATIO", "W-HEALTH-02");
        // Kangxi radicals (U+2F09 ⼉ for 儿) and a compatibility ideograph
        // (U+F961 率), as text copied from a PDF brings them.
        check("五岁以下\u{2F09}童死亡率", "C-HEALTH-04");
        check("五岁以下儿童死亡\u{F961}", "C-HEALTH-04");
        // Circled and full-width digits read as digits.
        check("０—６岁儿童眼保健和视力检查覆盖率", "C-HEALTH-09");
    }

    #[test]
    fn normalises_letters_of_every_script() {
        for (a, b) in [
            ("ΣΟΦΙΑΣ", "σοφιας"),
            ("σοφιας", "σοφιασ"),
            ("STRASSE", "Straße"),
            ("Москва", "МОСКВА"),
            ("Ｍｏｓｃｏｗ", "moscow"),
            ("ÉCOLE", "école"),
            // A letter with a combining accent equals the composed letter.
            ("e\u{301}cole", "école"),
            ("ＣＤ４", "cd4"),
            ("①", "1"),
            ("０—６岁", "06岁"),
        ] {
            assert_eq!(normalise(a), normalise(b), "{a} vs {b}");
        }
        // Punctuation, symbols and spaces of any script go; letters stay.
        assert_eq!(normalise("«Доля» женщин, %"), "доляженщин");
        assert_eq!(normalise("比例（％）×100"), "比例100");
        assert_eq!(normalise("α-fetoprotein"), "αfetoprotein");
    }

    #[test]
    fn matches_greek_and_cyrillic_names_in_any_case() {
        let text = "plan = \"women\"\n[[indicator]]\nid = \"W-X-01\"\ndomain = \"d\"\nname_zh = \"甲\"\n\
                    name_en = \"Доля женщин\"\naliases = [\"ΔΕΙΚΤΗΣ ΥΓΕΙΑΣ\"]\nunit = \"percent\"\n\
                    comparator = \"ge\"\nvalue = 1\nsource = \"s\"\n";
        let (catalog, issues) = crate::catalog::load_files(&[("t.toml", text)]);
        assert!(issues.is_empty(), "{issues:?}");
        let m = Matcher::new(&catalog, &BTreeMap::new());
        for name in ["ДОЛЯ ЖЕНЩИН", "доля  женщин", "Δεικτης Υγειας", "δεικτης υγειας", "w-x-01", "Ｗ－Ｘ－０１"]
        {
            assert!(matches!(m.find(name), NameMatch::Found(0, _)), "{name}");
        }
        assert_eq!(m.find("Доля мужчин"), NameMatch::NotFound);
    }

    proptest::proptest! {
        #[test]
        fn normalising_is_idempotent(name in "\\PC{0,30}") {
            let once = normalise(&name);
            proptest::prop_assert_eq!(normalise(&once), once);
        }

        #[test]
        fn normalising_ignores_case_and_width(
            name in "[a-zA-Z0-9 ,.%()\\-α-ωΑ-Ωςа-яА-ЯёЁàéüßÀÉÜ一-龥，。（）‰·—]{0,30}"
        ) {
            let once = normalise(&name);
            // Upper-casing changes nothing, whatever the script; ASCII typed
            // full-width reads as ASCII.
            proptest::prop_assert_eq!(normalise(&name.to_uppercase()), normalise(&name.to_lowercase()));
            let wide: String = name
                .chars()
                .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
                .collect();
            proptest::prop_assert_eq!(normalise(&wide), once);
        }
    }

    #[test]
    fn finds_units_in_names() {
        assert_eq!(unit_in_name("孕产妇死亡率（1/10万）"), Some(PastedUnit::Per100k));
        assert_eq!(unit_in_name("婴儿死亡率(‰)"), Some(PastedUnit::PerMille));
        assert_eq!(unit_in_name("覆盖率【%】"), Some(PastedUnit::Percent));
        assert_eq!(unit_in_name("孕产妇死亡率"), None);
        assert_eq!(unit_in_name("托位数（个）"), None);
        assert_eq!(unit_in_name("(("), None);
        assert_eq!(unit_in_name("a(b"), None);
    }
}
