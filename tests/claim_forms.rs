//! Table-driven tests of the forms of numbers in reports (issue 10's classes),
//! one test per class: positives list every claim of the sentence with every
//! field checked (`run_strict`), negatives list text that must not be a claim.
//!
//! All sentences are written for these tests.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

mod claims_support;
use claims_support::*;

// ------------------------------------------------------------------ 14. Chinese numerals

#[test]
fn class_14_chinese_numeral_grammar() {
    run_strict(vec![
        // 零 inside a number.
        (
            "共接待游客二十万零五百人。",
            vec![
                q("二十万零五百人", "200500")
                    .unit("人")
                    .dim("people")
                    .mag("万")
                    .num("二十万零五百")
                    .scalar("20.0500", 4),
            ],
        ),
        (
            "全年筹款一万零五元。",
            vec![
                q("一万零五元", "10005")
                    .unit("元")
                    .dim("money")
                    .mag("万")
                    .num("一万零五")
                    .scalar("1.0005", 4),
            ],
        ),
        // Abbreviated trailing digit: 一万三 = 13000, 三万五 = 35000.
        (
            "绿化面积达三万五平方米。",
            vec![
                q("三万五平方米", "35000")
                    .unit("平方米")
                    .dim("area")
                    .mag("万")
                    .num("三万五")
                    .scalar("3.5", 1),
            ],
        ),
        (
            "月均营业额一万三元左右。",
            vec![
                q("一万三元左右", "13000")
                    .unit("元")
                    .dim("money")
                    .mag("万")
                    .approx("左右")
                    .num("一万三")
                    .scalar("1.3", 1),
            ],
        ),
        // Stacked magnitudes: a larger magnitude at the end multiplies all before it.
        (
            "社会融资规模一万五千亿元。",
            vec![
                q("一万五千亿元", "1500000000000")
                    .unit("元")
                    .dim("money")
                    .mag("万亿")
                    .num("一万五千")
                    .scalar("1.5000", 4),
            ],
        ),
        (
            "下达资金5千4百万元。",
            vec![
                q("5千4百万元", "54000000")
                    .unit("元")
                    .dim("money")
                    .mag("千万")
                    .num("5千4")
                    .scalar("5.4", 1),
            ],
        ),
        // 负 and 零下: the sign is kept, and is part of the span and the numeral.
        (
            "出口增长负3.2%。",
            vec![
                pct("负3.2%", "-3.2")
                    .up("增长")
                    .num("负3.2")
                    .scalar("-3.2", 1),
            ],
        ),
        (
            "最低气温零下5℃。",
            vec![
                q("零下5℃", "-5")
                    .unit("摄氏度")
                    .dim("temperature")
                    .num("零下5")
                    .scalar("-5", 0),
            ],
        ),
        // 负 that ends another word (肩负, 胜负) is not a sign.
        (
            "肩负3项任务。",
            vec![
                q("3项", "3")
                    .unit("项")
                    .dim("projects")
                    .num("3")
                    .scalar("3", 0),
            ],
        ),
        // A lone 一 before a unit of measure is the number 1.
        (
            "清运垃圾一吨。",
            vec![
                q("一吨", "1")
                    .unit("吨")
                    .dim("mass")
                    .num("一")
                    .scalar("1", 0),
            ],
        ),
        // N半 adds a half.
        (
            "建设周期两年半。",
            vec![
                q("两年半", "2.5")
                    .unit("年")
                    .dim("time")
                    .num("两")
                    .scalar("2.5", 1),
            ],
        ),
        (
            "项目工期三个半月，耗时一年半。",
            vec![
                q("三个半月", "3.5")
                    .unit("个月")
                    .dim("time")
                    .num("三")
                    .scalar("3.5", 1),
                q("一年半", "1.5")
                    .unit("年")
                    .dim("time")
                    .num("一")
                    .scalar("1.5", 1),
            ],
        ),
        (
            "人均耕地一亩半多一点。",
            vec![
                q("一亩半", "1.5")
                    .unit("亩")
                    .dim("area")
                    .num("一")
                    .scalar("1.5", 1),
            ],
        ),
        // 半 that starts another word is not a half.
        (
            "铺设管道3米半径范围。",
            vec![
                q("3米", "3")
                    .unit("米")
                    .dim("length")
                    .num("3")
                    .scalar("3", 0),
            ],
        ),
        // A leading decimal point: .5万 is 5000, not 50000.
        (
            "补贴增加.5万元。",
            vec![
                q(".5万元", "5000")
                    .unit("元")
                    .dim("money")
                    .mag("万")
                    .up("增加")
                    .num(".5")
                    .scalar("0.5", 1),
            ],
        ),
    ]);
    run_negatives(&[
        ("一是加强组织领导。", "一是"),
        ("建设一个中心。", "一个"),
        ("一年来成效明显。", "一年"),
        ("价格一度回落。", "一度"),
        ("推动城乡一元化发展。", "一元"),
        ("坚持一成不变的标准。", "一成"),
        ("引进一批半导体企业。", "一批"),
        ("降低企业税负5700亿元。", "负"),
        ("为企业减负3000万元。", "负"),
    ]);
}

#[test]
fn class_14_damaged_decimal_is_not_read_as_a_leading_dot() {
    // "1 .5万元": the 1 was cut from its decimals; .5 must not become 5000 or 50000.
    for c in claims("补贴1 .5万元。") {
        assert!(
            c.value.normalize().to_string() != "5000" && c.value.normalize().to_string() != "50000",
            "{c:?}"
        );
    }
}

// ------------------------------------------------------------------ 15. mixed forms

#[test]
fn class_15_mixed_forms_are_one_number() {
    run_strict(vec![
        (
            "新增就业5万4千6百人。",
            vec![
                q("5万4千6百人", "54600")
                    .unit("人")
                    .dim("people")
                    .mag("万")
                    .num("5万4千6")
                    .scalar("5.46", 2),
            ],
        ),
        (
            "接待游客3万4000人次。",
            vec![
                q("3万4000人次", "34000")
                    .unit("人次")
                    .dim("trips")
                    .mag("万")
                    .num("3万4000")
                    .scalar("3.4000", 4),
            ],
        ),
        (
            "总投资3亿5000万元。",
            vec![
                q("3亿5000万元", "350000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("3亿5000")
                    .scalar("3.5000", 4),
            ],
        ),
        // 多 before the magnitude of a later group or the final multiplier.
        (
            "粮食产量达到四亿零七百多万吨。",
            vec![
                q("四亿零七百多万吨", "407000000")
                    .unit("吨")
                    .dim("mass")
                    .mag("亿")
                    .approx("多")
                    .num("四亿零七百")
                    .scalar("4.0700", 4),
            ],
        ),
        (
            "参保人数由8000万增加到1亿3千多万。",
            vec![
                q("8000万", "80000000")
                    .mag("万")
                    .num("8000")
                    .scalar("8000", 0),
                q("1亿3千多万", "130000000")
                    .mag("亿")
                    .approx("多")
                    .num("1亿3")
                    .scalar("1.3", 1),
            ],
        ),
        // A year right after 万 is not its tail.
        (
            "全镇人口3万2020年起逐年增加。",
            vec![q("3万", "30000").mag("万").num("3").scalar("3", 0)],
        ),
    ]);
}

// ------------------------------------------------------------------ 12. PDF damage in figures

#[test]
fn class_12_pdf_damage_inside_a_figure() {
    run_strict(vec![
        // A thousands separator followed by a stray space.
        (
            "收入总额1,421, 486万元。",
            vec![
                q("1,421, 486万元", "14214860000")
                    .unit("元")
                    .dim("money")
                    .mag("万")
                    .num("1,421, 486")
                    .scalar("1421486", 0),
            ],
        ),
        // A space around the decimal point, and before the percent sign.
        (
            "物价上涨0. 1%。",
            vec![pct("0. 1%", "0.1").up("上涨").num("0. 1").scalar("0.1", 1)],
        ),
        (
            "经济增长8 ．8 ％。",
            vec![
                pct("8 ．8 ％", "8.8")
                    .up("增长")
                    .num("8 ．8")
                    .scalar("8.8", 1),
            ],
        ),
        (
            "完成投资12. 5亿元。",
            vec![
                q("12. 5亿元", "1250000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("12. 5")
                    .scalar("12.5", 1),
            ],
        ),
        // Number, magnitude and unit broken across lines and padded.
        (
            "全年一般公共预算支出1902.51\n亿  元，增长3%。",
            vec![
                q("1902.51\n亿  元", "190251000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("1902.51")
                    .scalar("1902.51", 2),
                pct("3%", "3").up("增长").num("3").scalar("3", 0),
            ],
        ),
        (
            "年初预算的 7104.27\n亿元调整为7200亿元。",
            vec![
                q("7104.27\n亿元", "710427000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("7104.27")
                    .scalar("7104.27", 2),
                q("7200亿元", "720000000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("7200")
                    .scalar("7200", 0),
            ],
        ),
        // ... but a unit on the next line must end its phrase (人均 is not 人).
        (
            "常住人口372万\n人均收入增长。",
            vec![q("372万", "3720000").mag("万").num("372").scalar("372", 0)],
        ),
        (
            "存款余额372亿\n元。",
            vec![
                q("372亿\n元", "37200000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("372")
                    .scalar("372", 0),
            ],
        ),
    ]);
    // Look-alikes that must stay apart.
    for (text, bad) in [
        // a list in English punctuation
        ("评分分别为12, 345。", "12345"),
        // a list number before a year
        ("注：1. 2023年数据为初步统计。", "1.2023"),
        // a number at a line end and a name on the next line
        ("年末常住人口372\n万达广场开业。", "3720000"),
        // digits spaced out one by one: 1 5 ．3 ％ is not 5.3%
        ("年均增长1 5 ．3 ％。", "5.3"),
        ("普及率达到8 5 ％以上。", "5"),
    ] {
        for c in claims(text) {
            assert_ne!(c.value.normalize().to_string(), bad, "{text}: {c:?}");
        }
    }
}

#[test]
fn class_12_a_document_with_digits_spaced_out_one_by_one() {
    // Some converters space every digit out; such a document has many digit-space-
    // digit pairs and almost no digits side by side. Its figures are joined.
    run_strict(vec![(
        "1 9 9 6 年至1 9 9 7 年，国内生产总值达到7 4 7 7 2 亿元，增长8 ．8 ％，研究生1 7 ．5 万人。",
        vec![
            q("7 4 7 7 2 亿元", "7477200000000")
                .unit("元")
                .dim("money")
                .mag("亿")
                .num("7 4 7 7 2")
                .scalar("74772", 0),
            pct("8 ．8 ％", "8.8")
                .up("增长")
                .num("8 ．8")
                .scalar("8.8", 1),
            q("1 7 ．5 万人", "175000")
                .unit("人")
                .dim("people")
                .mag("万")
                .num("1 7 ．5")
                .scalar("17.5", 1),
        ],
    )]);
    // In an ordinary document, single-space cells stay apart.
    run_negatives(&[("指标 1 2 3 5%", "1 2 3")]);
}

// ------------------------------------------------------------------ 6. tenths and discounts

#[test]
fn class_6_tenths_and_discounts() {
    run_strict(vec![
        (
            "近七成企业实现盈利。",
            vec![pct("近七成", "70").approx("近").num("七").scalar("7", 0)],
        ),
        (
            "本地采购占比超过三成。",
            vec![
                pct("超过三成", "30")
                    .bound("超过", Bound::MoreThan)
                    .num("三")
                    .scalar("3", 0),
            ],
        ),
        (
            "回收率达到6成以上。",
            vec![
                pct("6成以上", "60")
                    .bound("以上", Bound::AtLeast)
                    .num("6")
                    .scalar("6", 0),
            ],
        ),
        (
            "三成多的农户参加合作社。",
            vec![pct("三成多", "30").approx("多").num("三").scalar("3", 0)],
        ),
        (
            "门票一律打八折。",
            vec![pct("八折", "80").num("八").scalar("8", 0)],
        ),
        (
            "老年人乘车享受八五折优惠，会员85折。",
            vec![
                pct("八五折", "85").num("八五").scalar("8.5", 1),
                pct("85折", "85").num("85").scalar("85", 0),
            ],
        ),
        (
            "商品7.5折销售。",
            vec![pct("7.5折", "75").num("7.5").scalar("7.5", 1)],
        ),
    ]);
    // 成 / 折 that start a word: the number stays a plain number.
    run_strict(vec![
        (
            "发展20成员单位。",
            vec![q("20", "20").num("20").scalar("20", 0)],
        ),
        (
            "约5折合人民币。",
            vec![q("约5", "5").approx("约").num("5").scalar("5", 0)],
        ),
    ]);
    run_negatives(&[("坚持一成不变。", "一成"), ("城市建成区面积扩大。", "成")]);
}

// ------------------------------------------------------------------ 7. fractions

#[test]
fn class_7_fractions() {
    run_strict(vec![
        (
            "服务业占经济总量的三分之一。",
            vec![
                pct("三分之一", "33.3333333333")
                    .num("三分之一")
                    .scalar("33.3333333333", 10),
            ],
        ),
        (
            "约五分之二的村完成改造。",
            vec![
                pct("约五分之二", "40")
                    .approx("约")
                    .num("五分之二")
                    .scalar("40", 0),
            ],
        ),
        (
            "十分之一的资金用于培训。",
            vec![pct("十分之一", "10").num("十分之一").scalar("10", 0)],
        ),
        (
            "事故率控制在万分之三以内。",
            vec![
                permille("万分之三以内", "0.3")
                    .bound("以内", Bound::AtMost)
                    .num("三")
                    .scalar("3", 0),
            ],
        ),
        (
            "误差不超过十万分之五。",
            vec![
                permille("不超过十万分之五", "0.05")
                    .bound("不超过", Bound::AtMost)
                    .num("五")
                    .scalar("5", 0),
            ],
        ),
        (
            "死亡率为千分之五，比重为百分之百。",
            vec![
                permille("千分之五", "5").num("五").scalar("5", 0),
                pct("百分之百", "100").num("百").scalar("100", 0),
            ],
        ),
        (
            "产量增长一又二分之一倍。",
            vec![
                times("一又二分之一倍", "1.5")
                    .up("增长")
                    .num("一又二分之一")
                    .scalar("1.5", 1),
            ],
        ),
        (
            "建设期两又三分之一年。",
            vec![
                q("两又三分之一年", "2.3333333333")
                    .unit("年")
                    .dim("time")
                    .num("两又三分之一")
                    .scalar("2.3333333333", 10),
            ],
        ),
        (
            "全市约1/3的企业参与。",
            vec![
                pct("约1/3", "33.3333333333")
                    .approx("约")
                    .num("1/3")
                    .scalar("33.3333333333", 10),
            ],
        ),
        (
            "超过2/5的资金。",
            vec![
                pct("超过2/5", "40")
                    .bound("超过", Bound::MoreThan)
                    .num("2/5")
                    .scalar("40", 0),
            ],
        ),
    ]);
    run_negatives(&[
        ("文件编号2014/07/01号", "07/01"),
        ("定于3/4月开展。", "3/4"),
        ("正文\n3/45\n正文", "3/45"),
        ("执行GB/T 1/3标准", "1/3"),
        ("方案1/2/3均可。", "1/2/3"),
        ("比例为5/3。", "5/3"),
        ("这项工作十分重要。", "十分"),
    ]);
}

// ------------------------------------------------------------------ 8. per-mille points

#[test]
fn class_8_per_mille_points() {
    run_strict(vec![
        (
            "人口自然增长率下降0.3个千分点。",
            vec![
                permille_points("0.3个千分点", "0.3")
                    .down("下降")
                    .num("0.3")
                    .scalar("0.3", 1),
            ],
        ),
        (
            "出生率提高一个千分点，降低2千分点。",
            vec![
                permille_points("一个千分点", "1")
                    .up("提高")
                    .num("一")
                    .scalar("1", 0),
                permille_points("2千分点", "2")
                    .down("降低")
                    .num("2")
                    .scalar("2", 0),
            ],
        ),
    ]);
    // 千分点 and 百分点 without a number, and 千分之 (a rate, not points).
    run_negatives(&[("按千分点计算。", "千分点"), ("以百分点计。", "百分点")]);
    run_strict(vec![(
        "死亡率为千分之六。",
        vec![permille("千分之六", "6").num("六").scalar("6", 0)],
    )]);
}

#[test]
fn class_6_a_table_cell_before_a_word_with_cheng_is_kept() {
    // 成品油 after a number: the number stays, 成 is not tenths.
    run_strict(vec![(
        "税收返还收入271成品油税费。",
        vec![q("271", "271").num("271").scalar("271", 0)],
    )]);
}

// ------------------------------------------------------------------ 4. multiples without a numeral

#[test]
fn class_4_multiples_without_a_numeral() {
    run_strict(vec![
        (
            "城乡居民收入实现翻番。",
            vec![times("翻番", "2").num("翻番").scalar("2", 0)],
        ),
        (
            "经济总量翻了两番。",
            vec![times("翻了两番", "4").num("两").scalar("4", 0)],
        ),
        (
            "科技型企业数量倍增。",
            vec![times("倍增", "2").num("倍增").scalar("2", 0)],
        ),
        (
            "出口规模成倍增长。",
            vec![
                times("成倍", "2")
                    .bound("成倍", Bound::AtLeast)
                    .num("成倍")
                    .scalar("2", 0),
            ],
        ),
    ]);
    run_negatives(&[
        ("实施企业倍增计划。", "倍增"),
        ("启动翻番行动。", "翻番"),
        ("支持100家倍增企业。", "倍增"),
        ("加倍努力工作。", "倍"),
    ]);
}

// ------------------------------------------------------------------ 5. magnitude words as the number

#[test]
fn class_5_magnitude_words_as_the_number() {
    run_strict(vec![
        (
            "新能源汽车产量突破百万辆。",
            vec![
                q("百万辆", "1000000")
                    .unit("辆")
                    .dim("vehicles")
                    .mag("百万")
                    .num("百万")
                    .scalar("1", 0),
            ],
        ),
        (
            "电子信息产业营收迈上千亿元台阶。",
            vec![
                q("千亿元", "100000000000")
                    .unit("元")
                    .dim("money")
                    .mag("千亿")
                    .num("千亿")
                    .scalar("1", 0),
            ],
        ),
        (
            "带动上千家企业转型，完成近百项改革。",
            vec![
                q("上千家", "1000")
                    .unit("家")
                    .dim("enterprises")
                    .mag("千")
                    .bound("上", Bound::AtLeast)
                    .num("千")
                    .scalar("1", 0),
                q("近百项", "100")
                    .unit("项")
                    .dim("projects")
                    .mag("百")
                    .approx("近")
                    .num("百")
                    .scalar("1", 0),
            ],
        ),
        (
            "培训农民工万余人。",
            vec![
                q("万余人", "10000")
                    .unit("人")
                    .dim("people")
                    .mag("万")
                    .approx("余")
                    .num("万")
                    .scalar("1", 0),
            ],
        ),
        (
            "建成数十个示范村，吸引几万名游客。",
            vec![
                q("数十个", "20")
                    .unit("个")
                    .dim("items")
                    .approx("数")
                    .range("90")
                    .num("十")
                    .scalar("10", 0),
                q("几万名", "20000")
                    .unit("名")
                    .dim("people")
                    .mag("万")
                    .approx("几")
                    .range("90000")
                    .num("万")
                    .scalar("1", 0),
            ],
        ),
        (
            "招聘十几名教师，投资数亿元。",
            vec![
                q("十几名", "11")
                    .unit("名")
                    .dim("people")
                    .approx("几")
                    .range("19")
                    .num("十")
                    .scalar("10", 0),
                q("数亿元", "200000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .approx("数")
                    .range("900000000")
                    .num("亿")
                    .scalar("1", 0),
            ],
        ),
        (
            "受益农户二十几万户。",
            vec![
                q("二十几万户", "210000")
                    .unit("户")
                    .dim("households")
                    .mag("万")
                    .approx("几")
                    .range("290000")
                    .num("二十")
                    .scalar("20", 0),
            ],
        ),
        // Was a negative case (vague counts were dropped); now read with their bounds.
        (
            "小型水利工程受益几十亩到几百亩。",
            vec![
                q("几十亩", "20")
                    .unit("亩")
                    .dim("area")
                    .approx("几")
                    .range("90")
                    .num("十")
                    .scalar("10", 0),
                q("几百亩", "200")
                    .unit("亩")
                    .dim("area")
                    .mag("百")
                    .approx("几")
                    .range("900")
                    .num("百")
                    .scalar("1", 0),
            ],
        ),
        // Was a negative case too.
        (
            "全区新开数百家门店。",
            vec![
                q("数百家", "200")
                    .unit("家")
                    .dim("enterprises")
                    .mag("百")
                    .approx("数")
                    .range("900")
                    .num("百")
                    .scalar("1", 0),
            ],
        ),
        // 人数 ends a count noun: 数 is not "several".
        (
            "参加培训人数十万人次。",
            vec![
                q("十万人次", "100000")
                    .unit("人次")
                    .dim("trips")
                    .mag("万")
                    .num("十")
                    .scalar("10", 0),
            ],
        ),
    ]);
    run_negatives(&[
        // tiers, bases and figures of speech
        ("打造千亿元产业集群。", "千亿元"),
        ("万元GDP能耗下降3%。", "万元"),
        ("建设百万人口城市。", "百万人"),
        ("百年变局加速演进。", "百年"),
        ("千方百计稳就业。", "千方"),
        ("走进千家万户。", "千家"),
        ("成千上万的志愿者。", "上万"),
        ("会上千名代表审议。", "上千名"),
        ("新建千瓦级电站。", "千瓦"),
        ("服务百姓生活。", "百"),
        ("价格指数一百零二点三。", "一百零二点三"),
        ("事关千家万户。", "万户"),
        ("人民万岁！", "万岁"),
        ("光缆线路550\n多万公里。", "万公里"),
        ("有一百几十种产品。", "几十种"),
        // unit labels of tables
        ("金额单位：万元\n项目 预算数", "万元"),
        ("地区生产总值（亿元）", "亿元"),
        ("交通事故死亡率1.8人/万辆。", "万辆"),
        ("年末累计欠费 万元 38676", "万元"),
    ]);
}

// ------------------------------------------------------------------ 9. compound units

#[test]
fn class_9_compound_units_take_the_longest_spelling() {
    run_strict(vec![
        (
            "货物周转量52.3亿吨公里，旅客周转量1234.5万人公里。",
            vec![
                q("52.3亿吨公里", "5230000000")
                    .unit("吨公里")
                    .dim("freight-distance")
                    .mag("亿")
                    .num("52.3")
                    .scalar("52.3", 1),
                q("1234.5万人公里", "12345000")
                    .unit("人公里")
                    .dim("passenger-distance")
                    .mag("万")
                    .num("1234.5")
                    .scalar("1234.5", 1),
            ],
        ),
        // 千 inside a unit is not a magnitude.
        (
            "人均摄入2000千卡，管网压力0.4兆帕，供暖5千焦。",
            vec![
                q("2000千卡", "2000")
                    .unit("千卡")
                    .dim("heat")
                    .num("2000")
                    .scalar("2000", 0),
                q("0.4兆帕", "0.4")
                    .unit("兆帕")
                    .dim("pressure")
                    .num("0.4")
                    .scalar("0.4", 1),
                q("5千焦", "5")
                    .unit("千焦")
                    .dim("heat")
                    .num("5")
                    .scalar("5", 0),
            ],
        ),
        // 吨公里 only as a whole: 5吨 then 公里数 is 5 吨.
        (
            "运输5吨，公里数增加。",
            vec![q("5吨", "5").unit("吨").dim("mass").num("5").scalar("5", 0)],
        ),
        // ... but a magnitude before a unit stays one.
        (
            "新增装机3万千瓦，用电12亿千瓦小时。",
            vec![
                q("3万千瓦", "30000")
                    .unit("千瓦")
                    .dim("power")
                    .mag("万")
                    .num("3")
                    .scalar("3", 0),
                q("12亿千瓦小时", "1200000000")
                    .unit("千瓦时")
                    .dim("energy")
                    .mag("亿")
                    .num("12")
                    .scalar("12", 0),
            ],
        ),
    ]);
}

// ------------------------------------------------------------------ 10. open-ended classifiers

#[test]
fn class_10_open_ended_classifiers_are_units() {
    run_strict(vec![
        (
            "连续举办三届，开展培训5期，巡查4回，排查2遍。",
            vec![
                q("三届", "3")
                    .unit("届")
                    .dim("editions")
                    .num("三")
                    .scalar("3", 0),
                q("5期", "5")
                    .unit("期")
                    .dim("editions")
                    .num("5")
                    .scalar("5", 0),
                q("4回", "4")
                    .unit("回")
                    .dim("times")
                    .num("4")
                    .scalar("4", 0),
                q("2遍", "2")
                    .unit("遍")
                    .dim("times")
                    .num("2")
                    .scalar("2", 0),
            ],
        ),
        (
            "安装路灯300盏，发放宣传册2000袋。",
            vec![
                q("300盏", "300")
                    .unit("盏")
                    .dim("pieces")
                    .num("300")
                    .scalar("300", 0),
                q("2000袋", "2000")
                    .unit("袋")
                    .dim("packages")
                    .num("2000")
                    .scalar("2000", 0),
            ],
        ),
        // A word that starts with the classifier is not the classifier (回落, 根据).
        (
            "指数5回落，建成5根据地。",
            vec![
                q("5", "5").num("5").scalar("5", 0),
                q("5", "5").num("5").scalar("5", 0),
            ],
        ),
    ]);
    run_negatives(&[
        ("省十四届人大三次会议召开。", "十四届"),
        ("十八届三中全会精神。", "十八届"),
        ("向省十四届\n人大三次会议报告。", "十四届"),
        ("推进三期工程建设。", "三期"),
        ("服务2023届毕业生。", "2023届"),
    ]);
}

// ------------------------------------------------------------------ 13. spelled units

#[test]
fn class_13_spelled_units_are_normalised() {
    run_strict(vec![
        (
            "平均气温16.2摄氏度，最高38℃，最低-2°C。",
            vec![
                q("16.2摄氏度", "16.2")
                    .unit("摄氏度")
                    .dim("temperature")
                    .num("16.2")
                    .scalar("16.2", 1),
                q("38℃", "38")
                    .unit("摄氏度")
                    .dim("temperature")
                    .num("38")
                    .scalar("38", 0),
                q("-2°C", "-2")
                    .unit("摄氏度")
                    .dim("temperature")
                    .num("-2")
                    .scalar("-2", 0),
            ],
        ),
        (
            "全年发电5.2万千瓦·小时，跑道长800公尺。",
            vec![
                q("5.2万千瓦·小时", "52000")
                    .unit("千瓦时")
                    .dim("energy")
                    .mag("万")
                    .num("5.2")
                    .scalar("5.2", 1),
                q("800公尺", "800")
                    .unit("米")
                    .dim("length")
                    .num("800")
                    .scalar("800", 0),
            ],
        ),
    ]);
    // A spelled unit without a number is not a claim.
    run_negatives(&[("采用摄氏温标。", "摄氏"), ("按千瓦小时计价。", "千瓦小时")]);
}

// ------------------------------------------------------------------ 11. a unit shared across a list

#[test]
fn class_11_a_unit_shared_across_a_list() {
    run_strict(vec![
        (
            "地区生产总值先后迈上50、60、70亿元台阶。",
            vec![
                q("50", "5000000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("50")
                    .scalar("50", 0),
                q("60", "6000000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("60")
                    .scalar("60", 0),
                q("70亿元", "7000000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .num("70")
                    .scalar("70", 0),
            ],
        ),
        (
            "三项指标分别增长5.1、6.2和7.3%。",
            vec![
                q("三项", "3")
                    .unit("项")
                    .dim("projects")
                    .num("三")
                    .scalar("3", 0),
                pct("5.1", "5.1").up("增长").num("5.1").scalar("5.1", 1),
                pct("6.2", "6.2").up("增长").num("6.2").scalar("6.2", 1),
                pct("7.3%", "7.3").up("增长").num("7.3").scalar("7.3", 1),
            ],
        ),
        (
            "服务30、40岁人群，覆盖三、四、五万户。",
            vec![
                q("30", "30")
                    .unit("岁")
                    .dim("age")
                    .num("30")
                    .scalar("30", 0),
                q("40岁", "40")
                    .unit("岁")
                    .dim("age")
                    .num("40")
                    .scalar("40", 0),
                q("三", "30000")
                    .unit("户")
                    .dim("households")
                    .mag("万")
                    .num("三")
                    .scalar("3", 0),
                q("四", "40000")
                    .unit("户")
                    .dim("households")
                    .mag("万")
                    .num("四")
                    .scalar("4", 0),
                q("五万户", "50000")
                    .unit("户")
                    .dim("households")
                    .mag("万")
                    .num("五")
                    .scalar("5", 0),
            ],
        ),
    ]);
    // Two neighbouring Chinese digits are an approximate range, not a list: the
    // place of the second applies to the first (四、五十年 = 40-50 years).
    run_strict(vec![
        (
            "至少还需要四、五十年。",
            vec![
                q("四、五十年", "40")
                    .unit("年")
                    .dim("time")
                    .range("50")
                    .num("四")
                    .scalar("40", 0),
            ],
        ),
        (
            "每年减少粮食二、三十亿斤，用两、三年时间。",
            vec![
                q("二、三十亿斤", "2000000000")
                    .unit("斤")
                    .dim("mass")
                    .mag("亿")
                    .range("3000000000")
                    .num("二")
                    .scalar("20", 0),
                q("两、三年", "2")
                    .unit("年")
                    .dim("time")
                    .range("3")
                    .num("两")
                    .scalar("2", 0),
            ],
        ),
    ]);
    run_negatives(&[
        // dates, years, list numbers, ordinals
        ("1、2月份累计完成投资。", "1、2月"),
        ("12、13日召开会议。", "12、13日"),
        ("2021、2022年连续增长。", "2021、2022年"),
        ("1、加强领导；2、完善机制。", "1、"),
        ("入选第3、5、7项。", "3、5、7项"),
    ]);
}

// ------------------------------------------------------------------ 16. ranges and bounds

#[test]
fn class_16_ranges() {
    run_strict(vec![
        (
            "增速保持在5%与8%之间。",
            vec![pct("5%与8%之间", "5").range("8").num("5").scalar("5", 0)],
        ),
        (
            "单价在3万和5万元之间。",
            vec![
                q("3万和5万元之间", "30000")
                    .unit("元")
                    .dim("money")
                    .mag("万")
                    .range("50000")
                    .num("3")
                    .scalar("3", 0),
            ],
        ),
        (
            "对象为40到60岁之间的居民。",
            vec![
                q("40到60岁之间", "40")
                    .unit("岁")
                    .dim("age")
                    .range("60")
                    .num("40")
                    .scalar("40", 0),
            ],
        ),
        (
            "筛查对象为40 - 69岁居民，工期3年 - 5年。",
            vec![
                q("40 - 69岁", "40")
                    .unit("岁")
                    .dim("age")
                    .range("69")
                    .num("40")
                    .scalar("40", 0),
                q("3年 - 5年", "3")
                    .unit("年")
                    .dim("time")
                    .range("5")
                    .num("3")
                    .scalar("3", 0),
            ],
        ),
        (
            "年均增长8%到10%。",
            vec![
                pct("8%到10%", "8")
                    .up("增长")
                    .range("10")
                    .num("8")
                    .scalar("8", 0),
            ],
        ),
    ]);
    // A dash with a space on one side only is a minus sign, not a range.
    run_strict(vec![(
        "国防支出 266 72 -72.9%",
        // (the bare cells packed with single spaces are left out as before)
        vec![pct("-72.9%", "-72.9").num("-72.9").scalar("-72.9", 1)],
    )]);
    run_negatives(&[
        ("正文\n- 3 -\n正文", "3"),
        ("2021 - 2025年规划", "2021 - 2025年"),
        ("正文 —14— 99.9%", "14"),
        // binary garbage left by a converter
        ("\u{8}}4£C>9\u{8}}", "9"),
        ("ð9rÖ<\"K¼0\u{ad}4Ð", "0"),
    ]);
}

#[test]
fn class_16_comparatives_are_one_sided_bounds() {
    run_strict(vec![
        (
            "单体投资大于5000万元，占地不小于20亩。",
            vec![
                q("大于5000万元", "50000000")
                    .unit("元")
                    .dim("money")
                    .mag("万")
                    .bound("大于", Bound::MoreThan)
                    .num("5000")
                    .scalar("5000", 0),
                q("不小于20亩", "20")
                    .unit("亩")
                    .dim("area")
                    .bound("不小于", Bound::AtLeast)
                    .num("20")
                    .scalar("20", 0),
            ],
        ),
        (
            "新增至少3000个岗位，每班不超过45人。",
            vec![
                q("至少3000个", "3000")
                    .unit("个")
                    .dim("items")
                    .bound("至少", Bound::AtLeast)
                    .up("新增")
                    .num("3000")
                    .scalar("3000", 0),
                q("不超过45人", "45")
                    .unit("人")
                    .dim("people")
                    .bound("不超过", Bound::AtMost)
                    .num("45")
                    .scalar("45", 0),
            ],
        ),
        (
            "住房面积在90平方米以下，家庭3人及以上，误差低于0.5%，指标≥95%。",
            vec![
                q("90平方米以下", "90")
                    .unit("平方米")
                    .dim("area")
                    .bound("以下", Bound::AtMost)
                    .num("90")
                    .scalar("90", 0),
                q("3人及以上", "3")
                    .unit("人")
                    .dim("people")
                    .bound("及以上", Bound::AtLeast)
                    .num("3")
                    .scalar("3", 0),
                pct("低于0.5%", "0.5")
                    .bound("低于", Bound::LessThan)
                    .num("0.5")
                    .scalar("0.5", 1),
                pct("≥95%", "95")
                    .bound("≥", Bound::AtLeast)
                    .num("95")
                    .scalar("95", 0),
            ],
        ),
        (
            "未满18岁的不得参加，最多5次。",
            vec![
                q("未满18岁", "18")
                    .unit("岁")
                    .dim("age")
                    .bound("未满", Bound::LessThan)
                    .num("18")
                    .scalar("18", 0),
                q("最多5次", "5")
                    .unit("次")
                    .dim("times")
                    .bound("最多", Bound::AtMost)
                    .num("5")
                    .scalar("5", 0),
            ],
        ),
    ]);
}

// ------------------------------------------------------------------ 1. layout damage

#[test]
fn class_1_layout_numbers_are_not_quantities() {
    run_negatives(&[
        // page numbers alone on their lines, counting up, and a footer between blank lines
        (
            "全年完成投资。\n12\n新增就业人数。\n13\n城镇化率提高。\n14\n",
            "12",
        ),
        (
            "全年完成投资。\n12\n新增就业人数。\n13\n城镇化率提高。\n14\n",
            "13",
        ),
        ("上一页的正文。\n\n  27  \n\n下一页的正文。", "27"),
        // row numbers of a converted table
        ("24\n甲项目补助资金\n25\n乙项目补助资金\n26\n丙项目", "24"),
        // a page number merged into a paragraph
        ("推动经济 12 高质量发展。", "12"),
        // padded and full-width list and footnote markers
        ("（  23  ）加快发展现代农业", "23"),
        ("固定资产投资［5］比上年增长。", "5"),
        ("固定资产投资[ 6 ]比上年增长。", "6"),
        // a page reference after the leader dots of a table of contents
        ("一般公共预算收支表··········161\n表 5", "161"),
        ("第三章 财政政策……………… 12\n", "12"),
        // captions with a space
        ("表 1 一般公共预算收入", "1"),
        ("附件 2 项目清单", "2"),
        ("表 2 人口情况", "2"),
        ("\n图 3 地区生产总值", "3"),
        // the month and day of a spaced-out date
        ("截至2024 年 12 月底", "12"),
        ("于 12 月 31 日召开", "31"),
        // number + organisation noun
        ("第二师 21 团开展活动。", "21"),
        ("驻地为38军营区。", "38"),
        ("办公地点在302室。", "302"),
    ]);
    // Look-alikes that stay quantities.
    run_strict(vec![
        (
            "全年代表 200 人参会，共 12 个项目。",
            vec![
                q("200 人", "200")
                    .unit("人")
                    .dim("people")
                    .num("200")
                    .scalar("200", 0),
                q("12 个", "12")
                    .unit("个")
                    .dim("items")
                    .num("12")
                    .scalar("12", 0),
            ],
        ),
        (
            "组织200师生参加，服务15天。",
            vec![
                q("200", "200").num("200").scalar("200", 0),
                q("15天", "15")
                    .unit("天")
                    .dim("time")
                    .num("15")
                    .scalar("15", 0),
            ],
        ),
        // a table row flattened to one line keeps its figures
        (
            "转移收入 977 转移支出 35。",
            vec![
                q("977", "977").num("977").scalar("977", 0),
                q("35", "35").num("35").scalar("35", 0),
            ],
        ),
        // 余 after a space still makes the number approximate
        (
            "排查企业 30 余家。",
            vec![
                q("30 余家", "30")
                    .unit("家")
                    .dim("enterprises")
                    .approx("余")
                    .num("30")
                    .scalar("30", 0),
            ],
        ),
        // a table converted one cell per line keeps its figures
        (
            "食品烟酒\n6330\n衣着\n1571",
            vec![
                q("6330", "6330").num("6330").scalar("6330", 0),
                q("1571", "1571").num("1571").scalar("1571", 0),
            ],
        ),
    ]);
}

// ------------------------------------------------------------------ 2. rankings

#[test]
fn class_2_ranks_are_not_shares_or_counts() {
    run_negatives(&[
        ("综合实力位居全国前10%。", "10%"),
        ("排名进入前1‰。", "1‰"),
        ("进入全省前3位。", "3位"),
        ("跻身全国前20名。", "20名"),
        ("排名由12位上升到8位。", "12位"),
        ("排名由12位上升到8位。", "8位"),
        ("全省位次前移3位。", "3位"),
    ]);
    run_strict(vec![
        (
            "目前10%的企业已完成改造，提前5天完成。",
            vec![
                pct("10%", "10").num("10").scalar("10", 0),
                q("5天", "5").unit("天").dim("time").num("5").scalar("5", 0),
            ],
        ),
        (
            "引进院士专家5位。",
            vec![
                q("5位", "5")
                    .unit("位")
                    .dim("people")
                    .num("5")
                    .scalar("5", 0),
            ],
        ),
    ]);
}

// ------------------------------------------------------------------ 3. programme names and per-base denominators

#[test]
fn class_3_programme_names_and_per_base_denominators() {
    run_negatives(&[
        ("实施三年行动计划。", "三年"),
        ("制定5年规划。", "5年"),
        ("开展100天攻坚。", "100天"),
        ("每10万人口拥有医生32人。", "10万人"),
        ("每百户拥有汽车。", "百户"),
        ("每1000名学生配备教师。", "1000名"),
    ]);
    run_strict(vec![
        (
            "每10万人口拥有医生32人，用3年时间完成。",
            vec![
                q("32人", "32")
                    .unit("人")
                    .dim("people")
                    .num("32")
                    .scalar("32", 0),
                q("3年", "3").unit("年").dim("time").num("3").scalar("3", 0),
            ],
        ),
        (
            "每人每年补助500元。",
            vec![
                q("500元", "500")
                    .unit("元")
                    .dim("money")
                    .num("500")
                    .scalar("500", 0),
            ],
        ),
    ]);
}

// ------------------------------------------------------------------ the JSON output is documented

/// Every field of a claim and every kind name appear in docs/output.md.
#[test]
fn claims_json_is_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/output.md"))
        .expect("docs/output.md");
    let section = &doc[doc.find("## `reportlint claims").expect("claims section")..];
    let c = &claims("比上年增长7.9%")[0];
    let v = serde_json::to_value(c).unwrap();
    for field in v.as_object().unwrap().keys() {
        assert!(
            section.contains(&format!("`{field}`")),
            "field {field} is not documented"
        );
    }
    for kind in [
        Quantity,
        Percent,
        PerMille,
        PercentagePoints,
        PerMillePoints,
        Multiple,
    ] {
        let name = serde_json::to_value(kind).unwrap();
        let name = name.as_str().unwrap();
        assert!(
            section.contains(&format!("`{name}`")),
            "kind {name} is not documented"
        );
    }
    for bound in [
        Bound::AtLeast,
        Bound::MoreThan,
        Bound::AtMost,
        Bound::LessThan,
    ] {
        let name = serde_json::to_value(bound).unwrap();
        let name = name.as_str().unwrap();
        assert!(
            section.contains(&format!("`{name}`")),
            "bound {name} is not documented"
        );
    }
}
