//! The relations stage: indicators, periods, scopes and the shapes read
//! from report-shaped sentences (written for these tests), and the rounding
//! intervals figures stand for.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

use reportlint::relations::{
    BreakdownKind, Facts, Interval, Role, Source, Tolerance, interval::ApproxPolicy,
};
use reportlint::rules::RuleSet;
use reportlint::{Document, Linter};
use rust_decimal::Decimal;

struct Read {
    text: String,
    claims: Vec<reportlint::claims::Claim>,
    facts: Facts,
}

fn read(text: &str) -> Read {
    let linted = Linter::new(RuleSet::default()).lint(&Document::from_text("t.txt", text));
    Read {
        text: text.to_string(),
        claims: linted.claims,
        facts: linted.facts,
    }
}

impl Read {
    /// (claim text, key, role, source) of every fact.
    fn rows(&self) -> Vec<(String, String, Role, Source)> {
        self.facts
            .facts
            .iter()
            .map(|f| {
                (
                    self.claims[f.claim].text.clone(),
                    f.key.clone(),
                    f.role,
                    f.source,
                )
            })
            .collect()
    }
    fn fact(&self, claim_text: &str) -> &reportlint::relations::Fact {
        self.facts
            .facts
            .iter()
            .find(|f| self.claims[f.claim].text == claim_text)
            .unwrap_or_else(|| panic!("no fact for {claim_text}: {:#?}", self.rows()))
    }
    fn claim_of(&self, fact: usize) -> &str {
        &self.claims[self.facts.facts[fact].claim].text
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn level_then_changes_inherit_the_name() {
    let r = read("初步核算，全年地区生产总值372亿元，按可比价格计算，比上年增长7.9%。");
    let rows = r.rows();
    assert_eq!(
        rows[0],
        (
            "372亿元".into(),
            "地区生产总值".into(),
            Role::Level,
            Source::Direct
        )
    );
    assert_eq!(
        rows[1],
        (
            "7.9%".into(),
            "地区生产总值".into(),
            Role::Rate,
            Source::Inherited
        )
    );
    assert!(r.facts.statements[0].adjusted);
}

#[test]
fn change_named_before_its_comparison() {
    let r = read("年末存款余额500亿元，比年初增加40亿元，增长8.7%。");
    let f = r.fact("40亿元");
    assert_eq!((f.key.as_str(), f.role), ("存款余额", Role::Change));
    assert_eq!(r.facts.growths.len(), 1);
    let g = r.facts.growths[0];
    assert_eq!(
        (
            r.claim_of(g.level),
            r.claim_of(g.change),
            r.claim_of(g.rate)
        ),
        ("500亿元", "40亿元", "8.7%")
    );
}

#[test]
fn respectively_pairs_names_and_figures_in_order() {
    let r = read("第一、二、三产业增加值占地区生产总值的比重分别为8.0%、40.0%和52.0%。");
    let keys: Vec<_> = r
        .facts
        .facts
        .iter()
        .map(|f| (f.key.as_str(), f.role, f.base.as_deref()))
        .collect();
    assert_eq!(
        keys,
        [
            ("第一产业增加值", Role::Share, Some("地区生产总值")),
            ("第二产业增加值", Role::Share, Some("地区生产总值")),
            ("第三产业增加值", Role::Share, Some("地区生产总值")),
        ]
    );
    let r = read("城镇、农村居民人均可支配收入分别增长4.5%和6.1%。");
    assert_eq!(r.fact("4.5%").key, "城镇居民人均可支配收入");
    assert_eq!(r.fact("6.1%").key, "农村居民人均可支配收入");
    // A list that does not match the figures names none of them.
    let r = read("出生率、死亡率分别为6.5‰、8.1‰和2.0‰。");
    assert!(r.facts.facts.iter().all(|f| f.key.is_empty()));
}

#[test]
fn all_gives_every_name_the_figure() {
    let r = read("全市小学、初中和高中巩固率均为99%。");
    let keys: Vec<&str> = r.facts.facts.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["小学巩固率", "初中巩固率", "高中巩固率"]);
    assert!(
        r.facts
            .facts
            .iter()
            .all(|f| f.source == Source::Shared && r.claims[f.claim].text == "99%")
    );
}

#[test]
fn parts_of_the_preceding_total() {
    let r = read(
        "全年地区生产总值1000亿元，增长5%。其中，第一产业增加值80亿元，第二产业增加值400亿元，第三产业增加值520亿元。",
    );
    assert_eq!(r.facts.breakdowns.len(), 1);
    let b = &r.facts.breakdowns[0];
    assert_eq!(b.kind, BreakdownKind::Among);
    assert_eq!(r.claim_of(b.total), "1000亿元");
    let parts: Vec<&str> = b.parts.iter().map(|&p| r.claim_of(p)).collect();
    assert_eq!(parts, ["80亿元", "400亿元", "520亿元"]);

    let r = read("年末金融机构贷款余额900亿元，其中短期贷款余额200亿元，中长期贷款余额650亿元。");
    let b = &r.facts.breakdowns[0];
    assert_eq!(r.claim_of(b.total), "900亿元");
    assert_eq!(b.parts.len(), 2);

    let r = read(
        "社会消费品零售总额600亿元。按经营单位所在地分，城镇消费品零售额500亿元，乡村消费品零售额100亿元。",
    );
    assert_eq!(r.facts.breakdowns[0].kind, BreakdownKind::Category);

    let r = read("发行新增债券300亿元（一般债券20亿元、专项债券280亿元）。");
    let b = &r.facts.breakdowns[0];
    assert_eq!((b.kind, b.parts.len()), (BreakdownKind::Bracket, 2));
}

#[test]
fn share_after_within() {
    let r = read("全年出口总额800亿元。在出口总额中，机电产品500亿元，占62.5%。");
    let s = r.fact("62.5%");
    assert_eq!((s.role, s.base.as_deref()), (Role::Share, Some("出口总额")));
    assert_eq!(r.facts.breakdowns[0].kind, BreakdownKind::Within);
}

#[test]
fn from_to_transitions() {
    let r = read("常住人口城镇化率由上年的60.1%提高到62.3%，提高2.2个百分点。");
    assert_eq!(r.facts.transitions.len(), 1);
    let t = r.facts.transitions[0];
    assert_eq!(r.claim_of(t.from), "60.1%");
    assert_eq!(r.claim_of(t.to), "62.3%");
    assert_eq!(t.change.map(|c| r.claim_of(c)), Some("2.2个百分点"));
    assert_eq!(r.facts.facts[t.from].period, "上年");
    assert_eq!(r.facts.facts[t.to].key, "常住人口城镇化率");
}

#[test]
fn periods_and_scopes() {
    let r = read("2025年全市生产总值372亿元。2024年生产总值350亿元。上年末存款余额400亿元。");
    // 2025 is the year the text names most: the report's own period.
    assert_eq!(r.fact("372亿元").period, "");
    assert_eq!(r.fact("350亿元").period, "2024");
    assert_eq!(r.fact("400亿元").period, "上年");
    let r = read(
        "全市一般公共预算收入300亿元。\n市本级一般公共预算收入100亿元。一般公共预算支出120亿元。",
    );
    assert_eq!(r.fact("300亿元").scope, "");
    assert_eq!(r.fact("100亿元").scope, "本级");
    // The paragraph began with 市本级: the next statement is about it too.
    assert_eq!(r.fact("120亿元").scope, "本级");
    // Keys are normalised: 生产总值, GDP, footnote marks.
    let r = read("全年GDP为372亿元。人均生产总值[2]80000元。");
    assert_eq!(r.fact("372亿元").key, "地区生产总值");
    assert_eq!(r.fact("80000元").key, "人均地区生产总值");
}

#[test]
fn plans_are_hedged() {
    let r = read("预计全年地区生产总值增长5%左右。全年地区生产总值增长5.2%。");
    assert!(r.facts.statements[0].hedged);
    assert!(!r.facts.statements[1].hedged);
}

#[test]
fn ratios_and_their_period() {
    let r = read("三次产业结构由上年8.5：40.9：50.6调整为8.1∶40.2∶51.7。");
    assert_eq!(r.facts.ratios.len(), 2);
    assert!(r.facts.ratios[0].previous);
    assert!(!r.facts.ratios[1].previous);
    let terms: Vec<String> = r.facts.ratios[1]
        .terms
        .iter()
        .map(|t| t.value.to_string())
        .collect();
    assert_eq!(terms, ["8.1", "40.2", "51.7"]);
    let t = &r.facts.ratios[1].terms[2];
    assert_eq!(&r.text[t.span.start..t.span.end], "51.7");
    // A time is not a ratio.
    let r = read("会议于10:30开始，产业结构持续优化。");
    assert!(r.facts.ratios.is_empty());
}

#[test]
fn counted_lists() {
    let r = read("培育甲公司、乙公司、“丙、丁”联合体等3家龙头企业。");
    assert_eq!(r.facts.lists.len(), 1);
    let items: Vec<&str> = r.facts.lists[0]
        .items
        .iter()
        .map(|s| &r.text[s.start..s.end])
        .collect();
    assert_eq!(items, ["培育甲公司", "乙公司", "“丙、丁”联合体"]);
    // 一等奖 is not a list.
    assert!(read("获一等奖3项。").facts.lists.is_empty());
}

#[test]
fn the_stage_is_linear() {
    // 5,000 statements: every look-up is bounded, so this takes milliseconds.
    let s =
        "全年地区生产总值372亿元，比上年增加20亿元，增长5.7%；其中第一产业增加值30亿元，占8.1%。";
    let text = s.repeat(5_000);
    let t = std::time::Instant::now();
    let r = read(&text);
    assert_eq!(r.facts.growths.len(), 5_000);
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

// ------------------------------------------------------------------ intervals

fn claim(text: &str) -> reportlint::claims::Claim {
    let r = read(text);
    assert_eq!(r.claims.len(), 1, "{text}");
    r.claims.into_iter().next().unwrap()
}

#[test]
fn a_figure_stands_for_what_rounds_to_it() {
    let tol = Tolerance::default();
    assert_eq!(
        tol.interval(&claim("收入261亿元")),
        Some(Interval::new(d("26050000000"), d("26150000000")))
    );
    assert_eq!(
        tol.interval(&claim("比重70%")),
        Some(Interval::new(d("69.5"), d("70.5")))
    );
    assert_eq!(
        tol.interval(&claim("比重70.2%")),
        Some(Interval::new(d("70.15"), d("70.25")))
    );
    assert_eq!(
        tol.interval(&claim("人口2.28万人")),
        Some(Interval::new(d("22750"), d("22850")))
    );
    assert_eq!(
        tol.interval(&claim("出生率6.50‰")),
        Some(Interval::new(d("6.495"), d("6.505")))
    );
    // Truncation as a policy: a whole unit below… and above.
    let trunc = Tolerance {
        rounding: Decimal::ONE,
        ..Tolerance::default()
    };
    assert_eq!(
        trunc.interval(&claim("比重70%")),
        Some(Interval::new(d("69"), d("71")))
    );
    // The stated result may be given slack units of its last digit.
    let slack = Tolerance::default().with_slack(Decimal::ONE);
    assert_eq!(
        slack.result_interval(&claim("比重61.9%")),
        Some(Interval::new(d("61.75"), d("62.05")))
    );
}

#[test]
fn approximate_figures_are_skipped_or_widened() {
    let skip = Tolerance::default();
    assert_eq!(skip.interval(&claim("约5万人")), None);
    let widen = Tolerance {
        approx: ApproxPolicy::Widen,
        ..Tolerance::default()
    };
    // 超过 X: one-sided upwards; 近 X: downwards; 约 X: both ways (10 %).
    assert_eq!(
        widen.interval(&claim("超过100亿元")),
        Some(Interval::new(d("9950000000"), d("11050000000")))
    );
    assert_eq!(
        widen.interval(&claim("近30家")),
        Some(Interval::new(d("26.5"), d("30.5")))
    );
    assert_eq!(
        widen.interval(&claim("约50万人")),
        Some(Interval::new(d("445000"), d("555000")))
    );
    // A range is never a single figure.
    assert_eq!(widen.interval(&claim("3至5年")), None);
}
