//! `percent/rate-above-100` over the knowledge's `rates:` section: every
//! proportion is bounded by 100% unless it belongs to a reviewed class. Each
//! class is tested both ways, by hand and from the data itself (every word of
//! every class, at its bound and past it). The sentences are made up.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

mod common;

use reportlint::{Document, Linter};

const ID: &str = "percent/rate-above-100";

fn linter_with(extra: Option<&str>) -> Linter {
    common::linter_for(ID, extra)
}

fn findings(linter: &Linter, text: &str) -> Vec<reportlint::Finding> {
    linter
        .lint(&Document::from_text("t.txt", text))
        .findings
        .into_iter()
        .filter(|f| f.rule == ID)
        .collect()
}

fn fires(text: &str) -> bool {
    !findings(&linter_with(None), text).is_empty()
}

#[track_caller]
fn assert_fires(text: &str) {
    assert!(fires(text), "should fire: {text}");
}

#[track_caller]
fn assert_passes(text: &str) {
    assert!(!fires(text), "should pass: {text}");
}

#[test]
fn every_proportion_is_bounded_not_only_listed_names() {
    // Names no list ever held: the proportion word decides.
    assert_fires("全县城镇登记失业率为104.2%。");
    assert_fires("农村生活污水治理率达到173.5%。");
    assert_fires("行政村客车通达率为112%。");
    assert_fires("主要农作物耕种收综合机械化率达到126.3%。");
    assert_fires("医保异地就医直接结算率为131%。");
    assert_fires("人大代表建议办复率为200%。");
    assert_fires("二产占比为118%。");
    assert_fires("本地产品的市场份额达到125%。");
    assert_fires("民营经济增加值占全区生产总值的比重达到164%。");
    assert_fires("优良天数比例为121.4%。");
    // Within the bound.
    assert_passes("全县城镇登记失业率为4.2%。");
    assert_passes("人大代表建议办复率为100%。");
    assert_passes("民营经济增加值占全区生产总值的比重达到64%。");
}

#[test]
fn growth_completion_and_comparison_pass_100() {
    assert_passes("外贸进出口增速为126%。");
    assert_passes("新能源汽车产量年均增长率达到142%。");
    assert_passes("社会消费品零售总额涨幅为101%。");
    assert_passes("一般公共预算收入完成率为108.6%。");
    assert_passes("重点项目投资计划执行率达112%。");
    assert_passes("接待游客人次恢复率为118%。");
    // A stated change is not a rate at all.
    assert_passes("综合治理率比上年提高120%。");
    // …的105%: a ratio to another value, not the rate.
    assert_passes("全区优良天数比例为全省平均水平的105%。");
    // The number right after the name belongs to it, not this one.
    assert_passes("覆盖率由2020年的60%提高到95%，增长率为150%。");
}

#[test]
fn enrolment_and_registered_coverage_may_pass_100_a_little() {
    assert_passes("小学毛入学率为104.1%，学前三年毛入园率为112%。");
    assert_passes("初中入学率为102.3%，九年义务教育巩固率为112.4%。");
    assert_passes("目标人群疫苗接种覆盖率为101.5%。");
    // …but not by half.
    assert_fires("全区小学入学率为186%。");
    assert_fires("九年义务教育巩固率为157%。");
    assert_fires("目标人群疫苗接种覆盖率为162%。");
    // Coverage of a whole area is a share of it: bounded by 100%.
    assert_fires("全市森林覆盖率为104%。");
    assert_fires("建成区绿化覆盖率达到101.2%。");
    assert_passes("全市森林覆盖率为46.5%。");
}

#[test]
fn ratios_of_two_amounts_pass_100() {
    assert_passes("全市政府债务率为156%，资产负债率为104%。");
    assert_passes("全区固定资产投资率为118%。");
    assert_passes("蔬菜自给率达到135%，生猪出栏率为162%。");
    assert_passes("消费对经济增长的贡献率为112.4%。");
    assert_passes("国有资本投资回报率为126%。");
    assert_passes("存货周转率为240%。");
    assert_passes("辖区商业银行拨备覆盖率为215%，流动性覆盖率为168%。");
    assert_passes("科技型中小企业研发费用加计扣除比例为175%。");
    assert_passes("审批效率为原来的150%。");
}

#[test]
fn words_broken_across_lines_are_read_whole() {
    // Text converted from PDF breaks lines inside words.
    assert_passes("划为黄色等级（120≤债务\n率<200%）。");
    assert_fires("全县城镇登记失业\n率为104.2%。");
    let linter = linter_with(None);
    let text = "全县城镇登记失业\n率为104.2%。";
    let f = &findings(&linter, text)[0];
    assert!(f.message.contains("城镇登记失业率"), "{}", f.message);
    // The label covers the name as written, line break included.
    let label = &f.labels[0];
    assert_eq!(
        &text[label.span.start..label.span.end],
        "全县城镇登记失业\n率"
    );
}

#[test]
fn the_message_names_the_rate_and_its_bound() {
    let linter = linter_with(None);
    let f = &findings(&linter, "全区小学入学率为186%。")[0];
    assert!(f.message.contains("全区小学入学率"), "{}", f.message);
    assert!(f.message.contains("130%"), "{}", f.message);
    let f = &findings(&linter, "城镇调查失业率为105%。")[0];
    assert!(f.message.contains("100%"), "{}", f.message);
}

/// Every word of every class, from the data: at the class's bound it passes,
/// past it it fires; unbounded classes pass far above 100%.
#[test]
fn every_class_word_behaves_as_its_class_says() {
    let linter = linter_with(None);
    let rates = &linter.rules.knowledge.rates;
    assert!(rates.classes.len() >= 10, "the reviewed classes are loaded");
    for (name, class) in &rates.classes {
        assert!(
            class.reason.as_deref().is_some_and(|r| r.len() > 20),
            "class {name} gives its reason"
        );
        for word in &class.words {
            // The word must be what the sentence is read as (not a longer one).
            let m = rates.classify(word).expect("a class word is a rate name");
            assert_eq!(m.class, Some(name.as_str()), "{word}");
            match class.limit {
                Some(limit) => {
                    let at = format!("全市{word}为{limit}%。");
                    let past = format!("全市{word}为{}%。", limit + 20.0);
                    assert!(findings(&linter, &at).is_empty(), "{at}");
                    assert!(!findings(&linter, &past).is_empty(), "{past}");
                }
                None => {
                    let far = format!("全市{word}为250%。");
                    assert!(findings(&linter, &far).is_empty(), "{far}");
                }
            }
        }
    }
    for word in &rates.proportions {
        let past = format!("全市某项{word}为120%。");
        assert!(!findings(&linter, &past).is_empty(), "{past}");
    }
}

#[test]
fn a_users_file_adds_classes_and_proportions() {
    let house = "knowledge:\n  rates:\n    proportions: [达标面]\n    classes:\n      occupancy:\n        reason: 上座率按场次累计，可超过100%\n        limit: 150\n        words: [上座率]\n";
    let linter = linter_with(Some(house));
    assert!(findings(&linter, "剧院上座率为140%。").is_empty());
    assert!(!findings(&linter, "剧院上座率为160%。").is_empty());
    assert!(!findings(&linter, "水质达标面为110%。").is_empty());
    // Without the file 上座率 is a plain proportion.
    assert!(!findings(&linter_with(None), "剧院上座率为140%。").is_empty());
}

#[test]
fn numbers_that_are_not_rates_stay_silent() {
    assert_passes("十八大以来，第五届世界500强峰会在2014-02-18召开。");
    assert_passes("H7N9疫情得到控制，“6+2”产业增长120%。");
    assert_passes("全市4A级景区增加到12家，旅游收入增长135%。");
}
