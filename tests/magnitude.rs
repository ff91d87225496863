//! `magnitude/missing`: each kind of evidence for a dropped 万 or 亿, and each
//! kind of figure that is small by nature, both ways. The texts are made up.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

mod common;

use reportlint::{Document, Linter};

const ID: &str = "magnitude/missing";

fn linter_with(extra: Option<&str>) -> Linter {
    common::linter_for(ID, extra)
}

/// The texts of the figures reported in `text`.
fn reported_with(linter: &Linter, text: &str) -> Vec<String> {
    linter
        .lint(&Document::from_text("t.txt", text))
        .findings
        .into_iter()
        .filter(|f| f.rule == ID)
        .map(|f| text[f.span.start..f.span.end].to_string())
        .collect()
}

fn reported(text: &str) -> Vec<String> {
    reported_with(&linter_with(None), text)
}

#[track_caller]
fn assert_reports(text: &str, figure: &str) {
    let r = reported(text);
    assert_eq!(r, [figure], "in: {text}");
}

#[track_caller]
fn assert_quiet(text: &str) {
    let r = reported(text);
    assert!(r.is_empty(), "reported {r:?} in: {text}");
}

// ---------------------------------------------------------------- evidence

#[test]
fn peers_in_the_same_sentence() {
    assert_reports(
        "全市新增专项债券36.8亿元，其中用于棚户区改造12.4元，用于园区建设24.4亿元。",
        "12.4元",
    );
    assert_reports(
        "全区新建保障性住房1.6万套，改造老旧小区住房8.2套。",
        "8.2套",
    );
    // People: the peer in the same sentence is evidence even for a count.
    assert_reports("全省普通高校在校生186.3万人，研究生7.9人。", "7.9人");
    assert_quiet("全市新增专项债券36.8亿元，其中用于棚户区改造12.4亿元，用于园区建设24.4亿元。");
}

#[test]
fn peers_in_the_paragraph_and_nearby_for_money_and_area() {
    assert_reports(
        "一般公共预算支出196.5亿元。其中，教育支出38.2亿元。农林水支出27.40元，增长3.1%。",
        "27.40元",
    );
    assert_reports(
        "全年完成造林2.3万亩。\n新增森林抚育1.7万亩。\n新建湿地公园面积16亩，增长5%。",
        "16亩",
    );
    // A count of people with peers only in other sentences is not enough:
    // reports name small counts next to large populations.
    assert_quiet("全市常住人口382.6万人。全年安全生产事故死亡37人。");
}

#[test]
fn the_same_indicator_elsewhere_in_the_document() {
    let text = "一、收入\n全市一般公共预算收入46.8亿元，增长5.2%。\n二、支出\n教育投入增长。\n三、社会保障\n就业稳定。\n四、城乡建设\n道路建成。\n五、回顾\n回顾全年，全市一般公共预算收入46.8元，为预算的102%。\n";
    assert_reports(text, "46.8元");
    let other = text.replace(
        "回顾全年，全市一般公共预算收入46.8元",
        "回顾全年，全市罚没收入46.8元",
    );
    assert_quiet(&other);
}

#[test]
fn the_usual_scale_at_the_documents_level() {
    // A national report: new urban jobs are counted in millions.
    let national = "2031年中华人民共和国国务院政府工作报告\n各位代表：\n过去一年，城镇新增就业1245人，居民收入稳步增长。\n";
    assert_reports(national, "1245人");
    // The same figure is plausible in a county's report.
    let county = "某某县2031年政府工作报告\n各位代表：\n过去一年，全县城镇新增就业1245人，居民收入稳步增长。\n";
    assert_quiet(county);
    // A city's GDP of 372元.
    let city =
        "某某市2031年国民经济和社会发展统计公报\n全年全市地区生产总值372元，比上年增长5.1%。\n";
    assert_reports(city, "372元");
    let right = city.replace("372元", "3720亿元");
    assert_quiet(&right);
}

#[test]
fn a_fraction_of_a_whole_unit_with_peers_nearby() {
    assert_reports(
        "全市参加城乡居民基本养老保险人数218.5万人。参加失业保险人数36.2人。",
        "36.2人",
    );
    assert_reports(
        "全年新增市场主体4.2万户，其中企业1.1万户。\n新增个体工商户3.1户。",
        "3.1户",
    );
    // An average can be a fraction: per household, per head.
    assert_quiet("全市共有家庭户132.5万户，平均每户2.8人。");
}

#[test]
fn a_money_total_in_bare_yuan_in_a_report_written_in_wan() {
    let mut text = String::from("某某市2031年预算执行情况的报告\n");
    for (i, v) in [52_316, 18_224, 9_871, 130_552, 7_402, 66_019]
        .iter()
        .enumerate()
    {
        text += &format!("第{i}项专项资金{v}万元，增长3%。\n");
    }
    text += "一、重点支出\n落实各项政策。\n二、保障\n推进改革。\n三、投入\n城乡社区支出4308元，主要用于老旧小区改造。\n";
    assert_reports(&text, "4308元");
    // A report that writes many amounts in bare 元 uses small amounts.
    let mut bare = String::from("某某市2031年预算执行情况的报告\n");
    for v in [
        5_230, 1_822, 987, 1_305, 740, 6_601, 2_100, 3_300, 880, 4_100,
    ] {
        bare += &format!("发放慰问金{v}元。\n");
    }
    bare += "一、重点支出\n落实各项政策。\n城乡社区支出4308元，主要用于老旧小区改造。\n";
    assert_quiet(&bare);
}

#[test]
fn a_range_whose_other_end_has_the_magnitude() {
    assert_reports(
        "对年应纳税所得额100元至300万元的部分减半征收。",
        "100元至300万元",
    );
    assert_quiet("对年应纳税所得额100万元至300万元的部分减半征收。");
    assert_quiet("门票价格为100元至300元。");
}

#[test]
fn a_level_below_its_own_increase() {
    assert_reports(
        "全省普通高校招生268人，比上年增加4.8万人，增长21.8%。",
        "268人",
    );
    assert_quiet("全省普通高校招生26.8万人，比上年增加4.8万人，增长21.8%。");
}

// ---------------------------------------------------------- small by nature

#[test]
fn per_head_and_per_unit_values_are_small_by_nature() {
    assert_quiet("全体居民人均可支配收入42350元，增长5.6%；全市一般公共预算收入56.2亿元。");
    // A change inherits its level's name: 人均… 比上年增加1980元.
    assert_quiet("全体居民人均可支配收入42350元，比上年增加1980元。全市一般公共预算收入56.2亿元。");
    assert_quiet("最低生活保障标准提高到每人每月760元，全年发放低保金2.1亿元。");
    assert_quiet("城市低保标准达到780元/人/月，全年发放低保金2.1亿元、临时救助0.6亿元。");
    assert_quiet("商品房销售均价为8650元，商品房销售额达到215.3亿元。");
    assert_quiet("亿元地区生产总值生产安全事故死亡人数0.03人，全市常住人口382.6万人。");
    assert_quiet("工矿商贸企业十万人生产安全事故死亡人数3人，全市常住人口382.6万人。");
    // A payment per recipient in a report written in 万元.
    assert_quiet("全年拨付人才专项资金3.6亿元，对新引进的博士给予一次性安家补贴5000元。");
    // The name is read back over a connector-only clause: 平均起来，每个…，大约有70元.
    assert_quiet("全县平均起来，每个农民的副业收入，大约有70元，全县副业总收入1.2亿元。");
}

#[test]
fn per_period_and_named_aggregates_are_not_per_head() {
    // 每年 is a period, not a head: the figure is still a total.
    assert_reports(
        "争取每年新增原油产能300吨，天然气产量达到4000万吨以上。",
        "300吨",
    );
    // 高标准农田 is farmland, not a standard.
    assert_reports("新建高标准农田80亩，高效节水灌溉面积达到2000万亩。", "80亩");
    // 改革成本支出 is spending, not a cost per unit.
    assert_reports(
        "国有资本经营预算支出0.42亿元，其中改革成本支出0.31元，其他支出0.11亿元。",
        "0.31元",
    );
}

#[test]
fn compound_units_and_bases_are_not_peers() {
    // 48.5亿人公里 is not a number of people.
    assert_quiet("旅客周转量48.5亿人公里，增长3.2%。机场旅客吞吐量35.6人次。");
    assert_quiet("每十万人口中具有大学文化程度的人数为1.6万人，常住人口382.6万人。");
}

// ------------------------------------------------- the writer's own numbers

#[test]
fn other_bare_figures_of_the_unit_mean_small_numbers_are_meant() {
    // In the sentence, across a line break (text converted from PDF).
    assert_quiet("全年拨付资金5.6亿元，助学金标准由每生每年2000元\n提高到2300元。");
    assert_quiet("新增耕地1.2万公顷、林地2.6万公顷，交通用地1130.5公顷，绿地3.4公顷。");
    // A bare figure of at least 1,000 next to it.
    assert_quiet("新建道路7.3万平方米。\n广场绿化2560平方米。\n新增公厕面积86平方米。");
    // …but not when the sentence itself gives the evidence.
    assert_reports(
        "新增公路12.6万公里，其中高速公路1.8公里；新增铁路营业里程3200公里。",
        "1.8公里",
    );
}

#[test]
fn chinese_numerals_and_generic_counters_are_left_alone() {
    // The magnitude is spelt out in Chinese numerals.
    assert_quiet("新增生产能力：钢一百二十万吨，铜采选五百吨。");
    // 个 counts anything: schools and school places.
    assert_quiet("新建幼儿园36个，新增学位5.4万个。");
    // Not quantities at all.
    assert_quiet(
        "十八大以来，第五届世界500强峰会于2014-02-18召开，H7N9疫情得到控制，“6+2”产业和4A级景区发展良好，投资12.5亿元。",
    );
}

#[test]
fn the_message_says_why() {
    let linter = linter_with(None);
    let text =
        "某某市2031年国民经济和社会发展统计公报\n全年全市地区生产总值372元，比上年增长5.1%。\n";
    let f = &linter.lint(&Document::from_text("t.txt", text)).findings[0];
    assert!(f.message.contains("市级"), "{}", f.message);
    assert!(f.message.contains("地区生产总值"), "{}", f.message);
    assert!(f.message.contains("亿"), "{}", f.message);
    let text = "全区新建保障性住房1.6万套，改造老旧小区住房8.2套。";
    let f = &linter.lint(&Document::from_text("t.txt", text)).findings[0];
    assert!(f.message.contains("1.6万套"), "{}", f.message);
    assert_eq!(f.labels.len(), 1, "the peer is labelled");
}

#[test]
fn a_users_file_extends_the_words_and_the_scales() {
    // A per-unit prefix the built-in list lacks: 单场 (per performance).
    let text = "全市演出收入3.2亿元，单场收入12.4元。";
    assert_eq!(reported(text), ["12.4元"]);
    let house = "knowledge:\n  words:\n    per-capita: [单场]\n";
    assert!(reported_with(&linter_with(Some(house)), text).is_empty());
    // A scale of the user's own indicator, read by a rule of the user's.
    let report = "某某市2031年文化统计公报\n全年全市图书馆藏书量85册，比上年增长2%。\n";
    assert!(reported(report).is_empty());
    let house = "knowledge:\n  scales:\n    indicators:\n      - names: [藏书量]\n        unit: 册\n        orders: {city: [5, 8]}\nrules:\n  - id: magnitude/missing\n    kind: magnitude\n    check: missing\n    message: \"{claim}：{because}\"\n    dimensions: [books]\n    because:\n      scale: \"{level}的{name}通常在{range}之间\"\n";
    let linter = linter_with(Some(house));
    assert_eq!(reported_with(&linter, report), ["85册"]);
    let f = &linter.lint(&Document::from_text("t.txt", report)).findings[0];
    assert!(f.message.contains("10万册～1亿册"), "{}", f.message);
}
