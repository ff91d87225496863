//! The relation rule kinds (share, growth, sum, ratio, difference, consistent,
//! bound) on report-shaped sentences written for these tests: each kind fires
//! on a real-looking mistake, stays silent on the correct text, and accepts
//! figures that are right only thanks to rounding.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

use reportlint::rules::{RuleSet, RuleSource, load_rules};
use reportlint::{Document, Finding, Linter};

fn builtin() -> RuleSet {
    load_rules(&RuleSource::builtin()).expect("built-in rules load")
}

/// Findings of the built-in rule `id` alone.
fn run(id: &str, text: &str) -> Vec<Finding> {
    let mut set = builtin();
    set.rules.retain(|r| r.meta.id == id);
    assert_eq!(set.rules.len(), 1, "rule {id} exists");
    Linter::new(set)
        .lint(&Document::from_text("t.txt", text))
        .findings
}

/// Findings of the rules in a user's YAML file.
fn run_yaml(yaml: &str, text: &str) -> Vec<Finding> {
    let set = load_rules(&[RuleSource {
        name: "user.yaml".into(),
        text: yaml.into(),
    }])
    .unwrap_or_else(|e| panic!("rule file loads: {e:?}"));
    Linter::new(set)
        .lint(&Document::from_text("t.txt", text))
        .findings
}

fn fires(id: &str, text: &str) -> Finding {
    let f = run(id, text);
    assert_eq!(f.len(), 1, "{id} should fire once on: {text}\n{f:#?}");
    f.into_iter().next().unwrap()
}

fn silent(id: &str, text: &str) {
    let f = run(id, text);
    assert!(f.is_empty(), "{id} should stay silent on: {text}\n{f:#?}");
}

/// The text a span covers.
fn at<'t>(text: &'t str, f: &Finding) -> &'t str {
    &text[f.span.start..f.span.end]
}

fn labelled<'t>(text: &'t str, f: &Finding) -> Vec<&'t str> {
    f.labels
        .iter()
        .map(|l| &text[l.span.start..l.span.end])
        .collect()
}

// ------------------------------------------------------------------ share

#[test]
fn share_recomputes_part_over_whole() {
    let t = "全年地区生产总值372亿元。服务业增加值261亿元，占地区生产总值的比重为75%。";
    let f = fires("relation/share", t);
    assert_eq!(at(t, &f), "75%");
    assert!(
        f.message
            .contains("按 261亿元 ÷ 372亿元 计算为 70.2%，文中为 75%"),
        "{}",
        f.message
    );
    let l = labelled(t, &f);
    assert!(l.contains(&"261亿元") && l.contains(&"372亿元"), "{l:?}");
}

#[test]
fn share_right_only_thanks_to_rounding_passes() {
    // 261 / 372 = 70.16 %, but 261.5 / 371.5 = 70.39 %: 70.4 % can be right.
    silent(
        "relation/share",
        "全年地区生产总值372亿元。服务业增加值261亿元，占地区生产总值的比重为70.4%。",
    );
    // 70.5 % needs at least 70.45 %: beyond rounding.
    fires(
        "relation/share",
        "全年地区生产总值372亿元。服务业增加值261亿元，占地区生产总值的比重为70.5%。",
    );
    silent(
        "relation/share",
        "全年地区生产总值372亿元。服务业增加值261亿元，占地区生产总值的比重为70%。",
    );
}

#[test]
fn shares_forced_to_add_up_to_100_pass() {
    // True shares 3.14, 35.04, 61.82 round to 3.1 + 35.0 + 61.8 = 99.9; the
    // bulletin bumps the largest to 61.9 so that the list adds up to 100.
    let t = "全年地区生产总值1000.0亿元。其中，第一产业增加值31.4亿元，第二产业增加值350.4亿元，\
             第三产业增加值618.2亿元。三次产业增加值占地区生产总值的比重分别为3.1%、35.0%和61.9%。";
    silent("relation/share", t);
    // A list share off by more than the bump fires.
    let t2 = t.replace("61.9%", "62.1%");
    let f = fires("relation/share", &t2);
    assert_eq!(at(&t2, &f), "62.1%");
    // Stated one by one in a statement, the same convention applies.
    silent(
        "relation/share",
        "全年地区生产总值1000.0亿元。其中，第一产业增加值31.4亿元，第二产业增加值350.4亿元，\
         第三产业增加值618.2亿元。第一产业增加值占地区生产总值比重为3.1%，第二产业增加值占地区生产总值比重为35.0%，\
         第三产业增加值占地区生产总值比重为61.9%。",
    );
    // Without the list slack the bumped share is reported.
    let yaml = "rules:\n  - id: strict/share\n    kind: share\n    message: \"{calc}\"\n    list_slack: 0\n";
    assert_eq!(run_yaml(yaml, t).len(), 1);
}

#[test]
fn share_of_a_breakdown_total() {
    let t = "全年货物出口总额800亿元，增长5%。在出口总额中，机电产品500亿元，占68.5%。";
    let f = fires("relation/share", t);
    assert!(
        f.message.contains("按 500亿元 ÷ 800亿元 计算为 62.5"),
        "{}",
        f.message
    );
    silent(
        "relation/share",
        "全年货物出口总额800亿元，增长5%。在出口总额中，机电产品500亿元，占62.5%。",
    );
    // "N个 … 其中 a个，占p%".
    fires(
        "relation/share",
        "年末全市共有规模以上企业200家，其中高新技术企业50家，占30%。",
    );
    silent(
        "relation/share",
        "年末全市共有规模以上企业200家，其中高新技术企业50家，占25%。",
    );
}

#[test]
fn share_stays_silent_without_a_clear_whole() {
    // The whole is not stated in the report.
    silent(
        "relation/share",
        "全年服务业增加值261亿元，占全省的比重为9%。",
    );
    // A completion rate is not a share of a whole.
    silent(
        "relation/share",
        "全年一般公共预算支出300亿元。其中教育支出60亿元，占预算的95%。",
    );
    // Per-capita GDP is not GDP.
    silent(
        "relation/share",
        "全年人均地区生产总值80000元。民营经济增加值500亿元，占地区生产总值的比重为60%。",
    );
    // Several incomes end with 可支配收入: which one is meant is unclear.
    silent(
        "relation/share",
        "城镇居民人均可支配收入50000元，农村居民人均可支配收入25000元。人均工资性收入16000元，占可支配收入的比重为53%。",
    );
}

// ------------------------------------------------------------------ growth

#[test]
fn growth_from_level_and_change() {
    let t = "全年一般公共预算收入120亿元，比上年增加10亿元，增长12.5%。";
    let f = fires("relation/growth", t);
    assert_eq!(at(t, &f), "12.5%");
    assert!(
        f.message.contains("10亿元 ÷ (120亿元 − 10亿元)"),
        "{}",
        f.message
    );
    assert_eq!(labelled(t, &f), ["120亿元", "10亿元"]);
    silent(
        "relation/growth",
        "全年一般公共预算收入120亿元，比上年增加10亿元，增长9.1%。",
    );
    // A decrease: 10 / (110 + 10) = 8.3 %.
    silent(
        "relation/growth",
        "全年粮食产量110万吨，比上年减少10万吨，下降8.3%。",
    );
    fires(
        "relation/growth",
        "全年粮食产量110万吨，比上年减少10万吨，下降9.1%。",
    );
}

#[test]
fn growth_right_only_thanks_to_rounding_passes() {
    // 5 / (105 − 5) = 5.0 %, but 5.5 / (104.5 − 5.5) = 5.56 %: 5.5 % can be right.
    silent(
        "relation/growth",
        "年末存款余额105亿元，比年初增加5亿元，增长5.5%。",
    );
    fires(
        "relation/growth",
        "年末存款余额105亿元，比年初增加5亿元，增长6.5%。",
    );
}

#[test]
fn growth_on_a_comparable_basis_is_not_checked() {
    silent(
        "relation/growth",
        "全年地区生产总值120亿元，比上年增加10亿元，按可比价格计算，增长5.2%。",
    );
}

#[test]
fn percentage_points_are_not_percent() {
    let t = "城镇化率由60.0%提高到63.0%，提高3%。";
    let f = fires("relation/growth", t);
    assert!(
        f.help.as_deref().unwrap_or("").contains("3个百分点"),
        "{:?}",
        f.help
    );
    assert_eq!(labelled(t, &f), ["60.0%", "63.0%"]);
    silent(
        "relation/growth",
        "城镇化率由60.0%提高到63.0%，提高3个百分点。",
    );
    silent("relation/growth", "城镇化率由60.0%提高到63.0%，提高5%。");
    fires(
        "relation/growth",
        "城镇化率由60.0%提高到63.0%，提高2个百分点。",
    );
    // Points from a previous-year value written 由上年的.
    silent(
        "relation/growth",
        "森林覆盖率由上年的40.1%提高到40.6%，提高0.5个百分点。",
    );
}

#[test]
fn growth_as_a_multiple() {
    // 300 / 100 = 3: "增长2倍" (strict) and "增长3倍" (loose) both pass.
    silent(
        "relation/growth",
        "研发投入由100亿元增加到300亿元，增长2倍。",
    );
    silent(
        "relation/growth",
        "研发投入由100亿元增加到300亿元，增长3倍。",
    );
    fires(
        "relation/growth",
        "研发投入由100亿元增加到300亿元，增长5倍。",
    );
}

// ------------------------------------------------------------------ sum

#[test]
fn gdp_is_the_sum_of_the_three_industries() {
    let t = "全年地区生产总值1000.0亿元。其中，第一产业增加值80.0亿元，第二产业增加值400.0亿元，第三产业增加值510.0亿元。";
    let f = fires("relation/sum", t);
    assert_eq!(at(t, &f), "1000.0亿元");
    assert!(
        f.message
            .contains("80.0亿元 + 400.0亿元 + 510.0亿元 计算为 990.0亿元"),
        "{}",
        f.message
    );
    assert_eq!(labelled(t, &f).len(), 3);
    silent(
        "relation/sum",
        "全年地区生产总值1000.0亿元。其中，第一产业增加值80.0亿元，第二产业增加值400.0亿元，第三产业增加值520.0亿元。",
    );
}

#[test]
fn independently_rounded_parts_pass() {
    // 80.4 + 400.3 + 519.8 = 1000.5: the parts may each be off by 0.05.
    silent(
        "relation/sum",
        "全年地区生产总值1000亿元。其中，第一产业增加值80.4亿元，第二产业增加值400.3亿元，第三产业增加值519.8亿元。",
    );
    // 1001.2 cannot round to 1000.
    fires(
        "relation/sum",
        "全年地区生产总值1000亿元。其中，第一产业增加值80.4亿元，第二产业增加值400.4亿元，第三产业增加值520.4亿元。",
    );
}

#[test]
fn income_is_the_sum_of_its_four_sources() {
    let ok = "全年全体居民人均可支配收入30000元，增长5%。按收入来源分，人均工资性收入17000元，人均经营净收入5000元，\
              人均财产净收入2000元，人均转移净收入6000元。";
    silent("relation/sum", ok);
    fires("relation/sum", &ok.replace("6000元", "6600元"));
}

#[test]
fn trade_total_is_exports_plus_imports() {
    fires(
        "relation/sum",
        "全年进出口总额300亿元，其中出口总额180亿元，进口总额130亿元。",
    );
    silent(
        "relation/sum",
        "全年进出口总额300亿元，其中出口总额180亿元，进口总额120亿元。",
    );
}

#[test]
fn users_declare_their_own_sums() {
    let yaml = r#"
rules:
  - id: house/land
    kind: sum
    check: declared
    message: "{name}：{calc}"
    relations:
      - total: 土地总面积
        parts: [耕地面积, [林地面积, 森林面积], 其他用地面积]
"#;
    let bad = "全县土地总面积500平方公里，其中耕地面积120平方公里，林地面积300平方公里，其他用地面积90平方公里。";
    let f = run_yaml(yaml, bad);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0].message.contains("计算为 510平方公里"),
        "{}",
        f[0].message
    );
    assert!(run_yaml(yaml, &bad.replace("90平方公里", "80平方公里")).is_empty());
}

#[test]
fn sums_announced_by_the_text() {
    let t =
        "全市一般公共预算收入100亿元，加上上级补助收入50亿元，上年结转10亿元，收入合计170亿元。";
    let f = fires("relation/sum-text", t);
    assert!(
        f.message
            .contains("100亿元 + 50亿元 + 10亿元 计算为 160亿元"),
        "{}",
        f.message
    );
    silent(
        "relation/sum-text",
        "全市一般公共预算收入100亿元，比上年增加5亿元，增长5.3%；加上上级补助收入50亿元，上年结转10亿元，收入合计160亿元。",
    );
    fires(
        "relation/sum-text",
        "发行新增债券30亿元，再融资债券20亿元，合计52亿元。",
    );
    // A change written 比上年增支 is not one of the items.
    silent(
        "relation/sum-text",
        "一般公共预算支出100亿元，比上年增支5亿元，增长5.3%；上解上级支出20亿元、年终结转10亿元，支出总计130亿元。",
    );
    // 加上 opening the next statement: the head is the amount before it.
    silent(
        "relation/sum-text",
        "市本级政府性基金预算收入40亿元，增长11%。加上上级补助收入40亿元，上年结余收入10亿元，收入总计90亿元。",
    );
    fires(
        "relation/sum-text",
        "市本级政府性基金预算收入40亿元，增长11%。加上上级补助收入40亿元，上年结余收入10亿元，收入总计93亿元。",
    );
    // Several readings: the parts after 其中 add up.
    silent(
        "relation/sum-text",
        "安排资金100亿元，其中项目资金60亿元，运转资金40亿元，合计100亿元。",
    );
}

#[test]
fn parts_never_exceed_their_total() {
    let t = "年末共有农业龙头企业120个，其中国家级15个，省级130个。";
    let f = fires("relation/part-exceeds-total", t);
    assert_eq!(at(t, &f), "130个");
    assert_eq!(labelled(t, &f), ["120个"]);
    silent(
        "relation/part-exceeds-total",
        "年末共有农业龙头企业120个，其中国家级15个，省级43个。",
    );
    // Disjoint categories add up to at most the total.
    fires(
        "relation/part-exceeds-total",
        "全年粮食产量50万吨。按季节分，夏粮30万吨，秋粮25万吨。",
    );
    silent(
        "relation/part-exceeds-total",
        "全年粮食产量50万吨。按季节分，夏粮30万吨，秋粮20万吨。",
    );
    // Averages: urban income above the all-residents average is normal.
    silent(
        "relation/part-exceeds-total",
        "全年居民人均可支配收入30000元。其中，城镇居民人均可支配收入40000元，农村居民人均可支配收入20000元。",
    );
    // A comment in brackets is not a list of parts.
    silent(
        "relation/part-exceeds-total",
        "设计大楼造价高达240元（比预算增高60%，共浪费138万元），使用面积不到一半。",
    );
    // A sibling after ；is not a part.
    silent(
        "relation/part-exceeds-total",
        "城市特困供养对象300人，其中集中供养200人；农村特困供养对象5000人。",
    );
}

// ------------------------------------------------------------------ ratio

#[test]
fn structure_adds_up_to_100() {
    let t = "三次产业结构为8.1：40.2：52.3。";
    let f = fires("relation/ratio-sum", t);
    assert!(f.message.contains("计算为 100.6"), "{}", f.message);
    silent("relation/ratio-sum", "三次产业结构为8.1：40.2：51.7。");
    // 99.9 can be three rounded shares of 100.
    silent("relation/ratio-sum", "三次产业结构为8.1:40.2:51.6。");
    silent("relation/ratio-sum", "三次产业结构比为 8.1∶40.2∶51.7。");
    fires("relation/ratio-sum", "三次产业结构为8.1∶40.2∶51.0。");
    // Last year's ratio is checked for its sum too.
    fires(
        "relation/ratio-sum",
        "三次产业结构由上年8.5：40.9：51.6调整为8.1：40.2：51.7。",
    );
}

#[test]
fn structure_matches_the_industries() {
    let amounts = "第一产业增加值80亿元，第二产业增加值400亿元，第三产业增加值520亿元。";
    let t = format!("{amounts}三次产业结构为9.0：40.0：52.0。");
    let f = fires("relation/ratio-components", &t);
    assert_eq!(at(&t, &f), "9.0");
    assert!(
        f.message
            .contains("80亿元 ÷ (80亿元 + 400亿元 + 520亿元) 计算为 8.00"),
        "{}",
        f.message
    );
    assert_eq!(labelled(&t, &f), ["80亿元", "400亿元", "520亿元"]);
    silent(
        "relation/ratio-components",
        &format!("{amounts}三次产业结构为8.0：40.0：52.0。"),
    );
    // Last year's ratio is not this year's.
    silent(
        "relation/ratio-components",
        &format!("{amounts}三次产业结构由上年9.0：41.0：50.0调整为8.0：40.0：52.0。"),
    );
    // Without the amounts, the terms match the shares stated for the industries.
    let shares = "三次产业增加值占地区生产总值的比重分别为8.0%、40.0%和52.0%。";
    silent(
        "relation/ratio-components",
        &format!("{shares}三次产业结构为8.0：40.0：52.0。"),
    );
    let t = format!("{shares}三次产业结构为8.0：42.0：50.0。");
    assert_eq!(run("relation/ratio-components", &t).len(), 2);
    // A bumped term (forced to 100) passes: 31.4 / 350.4 / 618.2 → 3.1 : 35.0 : 61.9.
    silent(
        "relation/ratio-components",
        "第一产业增加值31.4亿元，第二产业增加值350.4亿元，第三产业增加值618.2亿元。三次产业结构为3.1：35.0：61.9。",
    );
}

// ------------------------------------------------------------------ difference

#[test]
fn natural_growth_is_births_minus_deaths() {
    let t = "全年人口出生率为6.50‰，死亡率为8.10‰，人口自然增长率为-1.80‰。";
    let f = fires("relation/difference", t);
    assert!(
        f.message.contains("6.50‰ − 8.10‰ 计算为 -1.60‰"),
        "{}",
        f.message
    );
    assert_eq!(labelled(t, &f), ["6.50‰", "8.10‰"]);
    silent(
        "relation/difference",
        "全年人口出生率为6.50‰，死亡率为8.10‰，人口自然增长率为-1.60‰。",
    );
    // Rounding: 6.5 − 8.1 may be anywhere in [-1.7, -1.5].
    silent(
        "relation/difference",
        "全年人口出生率为6.5‰，死亡率为8.1‰，人口自然增长率为-1.55‰。",
    );
    // Births and deaths stated as counts in between do not confuse it.
    silent(
        "relation/difference",
        "全年出生人口3.0万人，人口出生率为6.46‰；死亡人口4.2万人，人口死亡率为9.08‰；人口自然增长率为-2.62‰。",
    );
}

#[test]
fn users_declare_their_own_differences() {
    let yaml = r#"
rules:
  - id: house/balance
    kind: difference
    message: "{calc}"
    relations:
      - result: 结余
        minuend: 收入
        subtrahend: 支出
"#;
    assert_eq!(
        run_yaml(yaml, "全年基金收入80亿元，基金支出60亿元，当年结余25亿元。").len(),
        1
    );
    assert!(run_yaml(yaml, "全年基金收入80亿元，基金支出60亿元，当年结余20亿元。").is_empty());
}

// ------------------------------------------------------------------ consistent

#[test]
fn the_same_indicator_stated_twice() {
    let t = "全年地区生产总值比上年增长5.2%。工业持续回升。全年地区生产总值增长5.4%。";
    let f = fires("relation/consistent", t);
    assert_eq!(at(t, &f), "5.4%");
    assert_eq!(labelled(t, &f), ["5.2%"]);
    // Written with less precision, still the same figure.
    silent(
        "relation/consistent",
        "全年地区生产总值372.4亿元，比上年增长5.2%。……全年地区生产总值372亿元。",
    );
    silent(
        "relation/consistent",
        "全年地区生产总值3724亿元，比上年增长5.2%。……全年地区生产总值0.37万亿元。",
    );
}

#[test]
fn consistent_respects_period_scope_and_plans() {
    // Another year.
    silent(
        "relation/consistent",
        "2025年地区生产总值372.4亿元。2024年地区生产总值350.1亿元。",
    );
    // A target.
    silent(
        "relation/consistent",
        "全年地区生产总值增长5.2%。2026年主要预期目标：地区生产总值增长5.5%左右。",
    );
    // A plan in the same year.
    silent(
        "relation/consistent",
        "全年地区生产总值增长5.2%。\n下一步，力争地区生产总值增长6%。",
    );
}

// ------------------------------------------------------------------ bound

#[test]
fn debt_within_its_limit() {
    let t = "年末全市政府债务限额500亿元，政府债务余额520亿元。";
    let f = fires("relation/bound", t);
    assert_eq!(at(t, &f), "520亿元");
    assert_eq!(labelled(t, &f), ["500亿元"]);
    silent(
        "relation/bound",
        "年末全市政府债务限额500亿元，政府债务余额480亿元。",
    );
    // The qualifier must match: 一般债务余额 is bounded by 一般债务限额 only.
    silent(
        "relation/bound",
        "年末全市政府债务限额500亿元，其中一般债务限额200亿元；政府债务余额480亿元，其中一般债务余额190亿元。",
    );
    fires(
        "relation/bound",
        "年末全市政府债务限额500亿元，其中一般债务限额200亿元；政府债务余额480亿元，其中一般债务余额210亿元。",
    );
    // Another level's limit is not this one's.
    silent(
        "relation/bound",
        "全市政府债务余额480亿元。\n市本级政府债务限额100亿元，政府债务余额95亿元。",
    );
}

#[test]
fn listed_items_are_at_most_the_count() {
    let t = "新增甲公司、乙公司、丙公司、丁公司等3家国家级企业技术中心。";
    let f = fires("relation/listed-count", t);
    assert_eq!(at(t, &f), "3家");
    assert_eq!(f.labels.len(), 4);
    silent(
        "relation/listed-count",
        "新增甲公司、乙公司、丙公司等3家国家级企业技术中心。",
    );
    silent(
        "relation/listed-count",
        "新增甲公司、乙公司等5家国家级企业技术中心。",
    );
    // Quoted names with 、 inside count once.
    silent(
        "relation/listed-count",
        "获评“绿色、低碳示范区”、“智慧园区”等2个称号。",
    );
}
