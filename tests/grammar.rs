//! Table-driven tests of numeric-claim extraction (`reportlint::claims::extract`).
//!
//! * `positive_cases`: each sentence lists EVERY claim it must yield, in order, with
//!   its exact text, value (magnitude applied), unit, magnitude, kind, approximation
//!   word, direction and range end. Anything not set with a builder method must be
//!   absent (`None`) on the claim.
//! * `negative_cases`: the substring must not overlap any claim.
//! * a few focused tests for byte offsets, numerals as written, and linearity.
//!
//! All sentences are written for these tests.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

mod claims_support;
use claims_support::*;

// ------------------------------------------------------------------ positive cases

#[test]
fn headline_figures() {
    run_cases(vec![
        (
            "全年实现地区生产总值372亿元，增长7.9%。",
            vec![
                q("372亿元", "37200000000")
                    .unit("元")
                    .dim("money")
                    .mag("亿")
                    .at(30),
                pct("7.9%", "7.9").up("增长"),
            ],
        ),
        (
            "一般公共预算收入55.5亿元，同比增长7.5%。",
            vec![
                q("55.5亿元", "5550000000").unit("元").mag("亿"),
                pct("7.5%", "7.5").up("同比增长"),
            ],
        ),
        (
            "年末户籍人口2.28万人，比上年末增加1207人。",
            vec![
                q("2.28万人", "22800").unit("人").dim("people").mag("万"),
                q("1207人", "1207").unit("人").up("比上年末增加"),
            ],
        ),
        (
            "全年货物进出口总额1426.7亿美元，比上年下降1.6%。",
            vec![
                q("1426.7亿美元", "142670000000").unit("美元").mag("亿"),
                pct("1.6%", "1.6").down("比上年下降"),
            ],
        ),
        (
            "存款余额2760.5亿元，比年初增加285.5亿元。",
            vec![
                q("2760.5亿元", "276050000000").unit("元").mag("亿"),
                q("285.5亿元", "28550000000")
                    .unit("元")
                    .mag("亿")
                    .up("比年初增加"),
            ],
        ),
        (
            "完成固定资产投资1,601.2亿元，同比下降3.4%。",
            vec![
                q("1,601.2亿元", "160120000000")
                    .unit("元")
                    .mag("亿")
                    .num("1,601.2"),
                pct("3.4%", "3.4").down("同比下降"),
            ],
        ),
        (
            "全区完成投资62.51亿万元。",
            vec![q("62.51亿万元", "62510000000000").unit("元").mag("亿万")],
        ),
        (
            "全市经济总量突破1.2万亿元大关。",
            vec![q("1.2万亿元", "1200000000000").unit("元").mag("万亿")],
        ),
        (
            "城乡居民人均可支配收入较上年增长6.1%，消费价格指数上涨0.4％。",
            vec![
                pct("6.1%", "6.1").up("较上年增长"),
                pct("0.4％", "0.4").up("上涨"),
            ],
        ),
        (
            "城镇登记失业率为2.8%，比上年末下降0.3个百分点。",
            vec![
                pct("2.8%", "2.8"),
                points("0.3个百分点", "0.3").down("比上年末下降"),
            ],
        ),
    ]);
}

#[test]
fn magnitudes_and_units() {
    run_cases(vec![
        (
            "受理群众诉求1.15万件(人)次。",
            vec![
                q("1.15万件(人)次", "11500")
                    .unit("件(人)次")
                    .dim("trips")
                    .mag("万"),
            ],
        ),
        (
            "化解矛盾纠纷3.6万件（人）次。",
            vec![q("3.6万件（人）次", "36000").unit("件(人)次").mag("万")],
        ),
        (
            "新增装机容量120万千瓦。",
            vec![
                q("120万千瓦", "1200000")
                    .unit("千瓦")
                    .dim("power")
                    .mag("万"),
            ],
        ),
        (
            "全社会用电量52.3亿千瓦时。",
            vec![
                q("52.3亿千瓦时", "5230000000")
                    .unit("千瓦时")
                    .dim("energy")
                    .mag("亿"),
            ],
        ),
        ("新建光伏电站5千瓦。", vec![q("5千瓦", "5").unit("千瓦")]),
        (
            "修建步道2千米。",
            vec![q("2千米", "2").unit("公里").dim("length")],
        ),
        (
            "人均配送3千克。",
            vec![q("3千克", "3").unit("公斤").dim("mass")],
        ),
        (
            "退耕还林5千公顷。",
            vec![q("5千公顷", "5000").unit("公顷").mag("千")],
        ),
        (
            "建成绿地3.5万平方米。",
            vec![
                q("3.5万平方米", "35000")
                    .unit("平方米")
                    .dim("area")
                    .mag("万"),
            ],
        ),
        (
            "改造老旧住宅1200平米。",
            vec![q("1200平米", "1200").unit("平方米")],
        ),
        ("每户配建80㎡。", vec![q("80㎡", "80").unit("平方米")]),
        (
            "辖区面积58平方公里。",
            vec![q("58平方公里", "58").unit("平方公里")],
        ),
        (
            "完成植树造林1.2万亩。",
            vec![q("1.2万亩", "12000").unit("亩").mag("万")],
        ),
        (
            "治理水土流失3000公顷。",
            vec![q("3000公顷", "3000").unit("公顷")],
        ),
        (
            "港口集装箱吞吐量120万标准箱。",
            vec![
                q("120万标准箱", "1200000")
                    .unit("标准箱")
                    .dim("containers")
                    .mag("万"),
            ],
        ),
        (
            "日供水能力10万立方米。",
            vec![
                q("10万立方米", "100000")
                    .unit("立方米")
                    .dim("volume")
                    .mag("万"),
            ],
        ),
        (
            "清淤土方8万方。",
            vec![q("8万方", "80000").unit("立方米").mag("万")],
        ),
        (
            "蔬菜产量3.5万吨。",
            vec![q("3.5万吨", "35000").unit("吨").mag("万")],
        ),
        (
            "节约标准煤2.1万吨标准煤。",
            vec![q("2.1万吨标准煤", "21000").unit("吨标准煤").mag("万")],
        ),
        ("户均用电100度。", vec![q("100度", "100").unit("千瓦时")]),
        (
            "利用外资2.5亿港元。",
            vec![q("2.5亿港元", "250000000").unit("港元").mag("亿")],
        ),
        (
            "引进欧洲投资0.8亿欧元。",
            vec![q("0.8亿欧元", "80000000").unit("欧元").mag("亿")],
        ),
        (
            "注册资本100万元人民币。",
            vec![q("100万元人民币", "1000000").unit("元").mag("万")],
        ),
        (
            "安置拆迁住户1207户。",
            vec![q("1207户", "1207").unit("户").dim("households")],
        ),
        (
            "年内完成44个项目。",
            vec![q("44个", "44").unit("个").dim("items")],
        ),
        (
            "新增高新技术企业16家。",
            vec![q("16家", "16").unit("家").dim("enterprises")],
        ),
        (
            "实施民生实事25项。",
            vec![q("25项", "25").unit("项").dim("projects")],
        ),
        ("办理提案350件。", vec![q("350件", "350").unit("件")]),
        (
            "更新公交车200辆。",
            vec![q("200辆", "200").unit("辆").dim("vehicles")],
        ),
        ("建成人行天桥3座。", vec![q("3座", "3").unit("座")]),
        ("新建幼儿园5所。", vec![q("5所", "5").unit("所")]),
        (
            "新增养老床位500张。",
            vec![q("500张", "500").unit("张").dim("beds")],
        ),
        ("购置救护设备20台。", vec![q("20台", "20").unit("台")]),
        ("筹集保障房1000套。", vec![q("1000套", "1000").unit("套")]),
        (
            "改造教室30间。",
            vec![q("30间", "30").unit("间").dim("rooms")],
        ),
        ("开通公交线路8条。", vec![q("8条", "8").unit("条")]),
        ("整治积水点12处。", vec![q("12处", "12").unit("处")]),
        ("举办文化活动60场。", vec![q("60场", "60").unit("场")]),
        ("开展专项检查15次。", vec![q("15次", "15").unit("次")]),
        (
            "年末生猪存栏5万头。",
            vec![q("5万头", "50000").unit("头").dim("animals").mag("万")],
        ),
        (
            "家禽出栏10万只。",
            vec![q("10万只", "100000").unit("只").mag("万")],
        ),
        ("新增渔船20艘。", vec![q("20艘", "20").unit("艘")]),
        // 起降 (take-offs and landings) ends with 降 but states no decrease.
        (
            "航班起降3000架次。",
            vec![q("3000架次", "3000").unit("架次").dim("trips")],
        ),
        (
            "接待游客1,234,567人次。",
            vec![q("1,234,567人次", "1234567").unit("人次")],
        ),
        (
            "图书馆藏书5万册。",
            vec![q("5万册", "50000").unit("册").mag("万")],
        ),
        ("出版地方志12部。", vec![q("12部", "12").unit("部")]),
        ("发表论文30篇。", vec![q("30篇", "30").unit("篇")]),
        ("供应工业用地18宗。", vec![q("18宗", "18").unit("宗")]),
        (
            "种植苗木1.2万株。",
            vec![q("1.2万株", "12000").unit("株").mag("万")],
        ),
        ("补植行道树500棵。", vec![q("500棵", "500").unit("株")]),
        (
            "招聘教师1200名。",
            vec![q("1200名", "1200").unit("名").dim("people")],
        ),
        ("邀请专家30位。", vec![q("30位", "30").unit("位")]),
        (
            "审批时限压缩至5个工作日。",
            vec![q("5个工作日", "5").unit("天").dim("time")],
        ),
        (
            "项目工期3个月。",
            vec![q("3个月", "3").unit("个月").dim("time")],
        ),
        ("窗口服务时长24小时。", vec![q("24小时", "24").unit("小时")]),
        ("活动历时15天。", vec![q("15天", "15").unit("天")]),
        (
            "服务对象为60岁老人。",
            vec![q("60岁", "60").unit("岁").dim("age")],
        ),
        (
            "设计时速350公里/小时。",
            vec![q("350公里/小时", "350").unit("公里/小时").dim("speed")],
        ),
        (
            "均价12000元/平方米。",
            vec![q("12000元/平方米", "12000").unit("元/平方米")],
        ),
        ("装机容量500kW。", vec![q("500kW", "500").unit("千瓦")]),
        ("新建管网12km。", vec![q("12km", "12").unit("公里")]),
        (
            "本地区2025年年平均气温16.2℃。",
            vec![q("16.2℃", "16.2").unit("摄氏度")],
        ),
        ("年末常住人口约为372。", vec![q("372", "372")]),
        ("统计在册人数为372。", vec![q("372", "372")]),
        (
            "全年财政收入增加500万。",
            vec![q("500万", "5000000").mag("万").up("增加")],
        ),
    ]);
}

#[test]
fn chinese_numerals() {
    run_cases(vec![
        (
            "预计总投资二十三点五亿元。",
            vec![
                q("二十三点五亿元", "2350000000")
                    .unit("元")
                    .mag("亿")
                    .num("二十三点五"),
            ],
        ),
        ("共建成三十个示范点。", vec![q("三十个", "30").unit("个")]),
        (
            "吸纳就业一千二百人。",
            vec![q("一千二百人", "1200").unit("人")],
        ),
        (
            "发放补助一千零五元。",
            vec![q("一千零五元", "1005").unit("元")],
        ),
        ("全村十二户参加。", vec![q("十二户", "12").unit("户")]),
        (
            "新增就业两万人。",
            vec![q("两万人", "20000").unit("人").mag("万")],
        ),
        (
            "共计一万二千人。",
            vec![q("一万二千人", "12000").unit("人").mag("万")],
        ),
        (
            "年产一亿零四百万吨。",
            vec![q("一亿零四百万吨", "104000000").unit("吨").mag("亿")],
        ),
        (
            "新建一百五十六个村卫生室。",
            vec![q("一百五十六个", "156").unit("个")],
        ),
        (
            "粮食产量五十万吨。",
            vec![q("五十万吨", "500000").unit("吨").mag("万")],
        ),
        (
            "粮食增产五十万吨。",
            vec![q("五十万吨", "500000").unit("吨").mag("万").up("增产")],
        ),
        (
            "下拨资金三千万元。",
            vec![q("三千万元", "30000000").unit("元").mag("万")],
        ),
        (
            "全年投入两千亿元。",
            vec![q("两千亿元", "200000000000").unit("元").mag("亿")],
        ),
        (
            "带动三百万人就业。",
            vec![q("三百万人", "3000000").unit("人").mag("万")],
        ),
        (
            "筹集十亿元。",
            vec![q("十亿元", "1000000000").unit("元").mag("亿")],
        ),
        (
            "二十多家企业参展。",
            vec![q("二十多家", "20").unit("家").approx("多")],
        ),
        (
            "建成十余个园区。",
            vec![q("十余个", "10").unit("个").approx("余")],
        ),
        (
            "用三至五年时间完成。",
            vec![q("三至五年", "3").unit("年").range("5")],
        ),
        ("近两年平均增速。", vec![q("两年", "2").unit("年")]),
        (
            "工业产值占比达到百分之三十五点二。",
            vec![pct("百分之三十五点二", "35.2").num("三十五点二")],
        ),
        (
            "失业率控制在百分之八以内。",
            vec![pct("百分之八以内", "8").bound("以内", Bound::AtMost)],
        ),
        ("收入增长百分之七。", vec![pct("百分之七", "7").up("增长")]),
        ("覆盖率达到百分之百。", vec![pct("百分之百", "100")]),
        ("死亡率为千分之五。", vec![permille("千分之五", "5")]),
        (
            "城镇化率提高一个百分点。",
            vec![points("一个百分点", "1").up("提高")],
        ),
        ("研发投入增长一倍。", vec![times("一倍", "1").up("增长")]),
        (
            "人均收入比2010年翻一番。",
            vec![times("翻一番", "2").num("一")],
        ),
        ("经济总量实现翻两番。", vec![times("翻两番", "4")]),
        ("产值翻了一番。", vec![times("翻了一番", "2")]),
    ]);
}

#[test]
fn percents_multiples_ranges() {
    run_cases(vec![
        (
            "第三产业比重提高2个百分点。",
            vec![points("2个百分点", "2").up("提高")],
        ),
        (
            "失业率下降0.5个百分点。",
            vec![points("0.5个百分点", "0.5").down("下降")],
        ),
        ("出口额增长2.5倍。", vec![times("2.5倍", "2.5").up("增长")]),
        ("人口出生率为5.2‰。", vec![permille("5.2‰", "5.2")]),
        (
            "人口自然增长率为-0.67‰。",
            vec![permille("-0.67‰", "-0.67").num("-0.67")],
        ),
        ("出口增长-2.3%。", vec![pct("-2.3%", "-2.3").up("增长")]),
        (
            "筛查对象为40-69岁居民。",
            vec![q("40-69岁", "40").unit("岁").range("69")],
        ),
        (
            "筛查对象为40～69岁居民。",
            vec![q("40～69岁", "40").unit("岁").range("69")],
        ),
        (
            "用3至5年时间基本建成。",
            vec![q("3至5年", "3").unit("年").range("5")],
        ),
        (
            "用3年至5年时间基本建成。",
            vec![q("3年至5年", "3").unit("年").range("5")],
        ),
        ("增速保持在3-5%。", vec![pct("3-5%", "3").range("5")]),
        ("占比10%—20%。", vec![pct("10%—20%", "10").range("20")]),
        (
            "每户补助5至10万元。",
            vec![q("5至10万元", "50000").unit("元").mag("万").range("100000")],
        ),
        (
            "投资5亿-10亿元。",
            vec![
                q("5亿-10亿元", "500000000")
                    .unit("元")
                    .mag("亿")
                    .range("1000000000"),
            ],
        ),
        (
            "气温9.7～15.6℃。",
            vec![q("9.7～15.6℃", "9.7").unit("摄氏度").range("15.6")],
        ),
        (
            "全年GDP增长5.4%，其中第一产业增长5.3%、第二产业增长4.5%。",
            vec![
                pct("5.4%", "5.4").up("增长"),
                pct("5.3%", "5.3").up("增长"),
                pct("4.5%", "4.5").up("增长"),
            ],
        ),
        (
            "城乡居民收入分别增长5.2%和3.1%。",
            vec![pct("5.2%", "5.2").up("增长"), pct("3.1%", "3.1").up("增长")],
        ),
        (
            "价格指数下降了3.2%。",
            vec![pct("3.2%", "3.2").down("下降")],
        ),
        ("利润增长达12%。", vec![pct("12%", "12").up("增长")]),
        (
            "企业数比上年多5个。",
            vec![q("5个", "5").unit("个").up("比上年多")],
        ),
        (
            "事故数比上年少3起。",
            vec![q("3起", "3").unit("起").down("比上年少")],
        ),
        (
            "规上企业较上年减少3家。",
            vec![q("3家", "3").unit("家").down("较上年减少")],
        ),
        (
            "增加值比2013年增长12%。",
            vec![pct("12%", "12").up("比2013年增长")],
        ),
        ("粮食减产1.4%。", vec![pct("1.4%", "1.4").down("减产")]),
        ("支出下降 18.8%。", vec![pct("18.8%", "18.8").down("下降")]),
        ("新增5家。", vec![q("5家", "5").unit("家").up("新增")]),
        (
            "增速回落0.8个百分点。",
            vec![points("0.8个百分点", "0.8").down("回落")],
        ),
        (
            "亏损面缩小2个百分点。",
            vec![points("2个百分点", "2").down("缩小")],
        ),
        // 增长到 / 下降至 state a level, not a change.
        (
            "总量增长到500亿元。",
            vec![q("500亿元", "50000000000").unit("元").mag("亿")],
        ),
        ("负债率下降至45%。", vec![pct("45%", "45")]),
        // 增加值 is "value added", not a change.
        (
            "服务业增加值261亿元。",
            vec![q("261亿元", "26100000000").unit("元").mag("亿")],
        ),
    ]);
}

#[test]
fn approximations() {
    run_cases(vec![
        (
            "招引企业约300家。",
            vec![q("约300家", "300").unit("家").approx("约")],
        ),
        (
            "带动就业10余万人。",
            vec![q("10余万人", "100000").unit("人").mag("万").approx("余")],
        ),
        (
            "新增市场主体300多家。",
            vec![q("300多家", "300").unit("家").approx("多")],
        ),
        (
            "吸引游客3万多人。",
            vec![q("3万多人", "30000").unit("人").mag("万").approx("多")],
        ),
        (
            "建设周期5年左右。",
            vec![q("5年左右", "5").unit("年").approx("左右")],
        ),
        (
            "年龄在60岁以上。",
            vec![q("60岁以上", "60").unit("岁").bound("以上", Bound::AtLeast)],
        ),
        (
            "近3000人参加培训。",
            vec![q("近3000人", "3000").unit("人").approx("近")],
        ),
        (
            "总投资超过5000万元。",
            vec![
                q("超过5000万元", "50000000")
                    .unit("元")
                    .mag("万")
                    .bound("超过", Bound::MoreThan),
            ],
        ),
        (
            "逾200家企业参展。",
            vec![q("逾200家", "200").unit("家").bound("逾", Bound::MoreThan)],
        ),
        (
            "营业收入超100亿元。",
            vec![
                q("超100亿元", "10000000000")
                    .unit("元")
                    .mag("亿")
                    .bound("超", Bound::MoreThan),
            ],
        ),
        (
            "年均增长8%左右。",
            vec![pct("8%左右", "8").approx("左右").up("增长")],
        ),
        (
            "新建住房5000套上下。",
            vec![q("5000套上下", "5000").unit("套").approx("上下")],
        ),
        (
            "工期3个多月。",
            vec![q("3个多月", "3").unit("个月").approx("多")],
        ),
        (
            "已运行5年多。",
            vec![q("5年多", "5").unit("年").approx("多")],
        ),
        (
            "产值增长了3倍多。",
            vec![times("3倍多", "3").approx("多").up("增长")],
        ),
        ("将近两倍。", vec![times("将近两倍", "2").approx("将近")]),
        // 近5年 is "the last five years", not an approximation.
        ("近5年来累计投入。", vec![q("5年", "5").unit("年")]),
        // 节约 ends with 约 but is a verb.
        ("全年节约5吨。", vec![q("5吨", "5").unit("吨")]),
        (
            "年均预算不超3500万元。",
            vec![
                q("不超3500万元", "35000000")
                    .unit("元")
                    .mag("万")
                    .bound("不超", Bound::AtMost),
            ],
        ),
        (
            "审批时间不超过15个工作日。",
            vec![
                q("不超过15个工作日", "15")
                    .unit("天")
                    .bound("不超过", Bound::AtMost),
            ],
        ),
        (
            "全年收入超5亿元。",
            vec![
                q("超5亿元", "500000000")
                    .unit("元")
                    .mag("亿")
                    .bound("超", Bound::MoreThan),
            ],
        ),
    ]);
}

#[test]
fn numerals_as_written() {
    run_cases(vec![
        (
            "全年粮食产量１２３．５万吨。",
            vec![
                q("１２３．５万吨", "1235000")
                    .unit("吨")
                    .mag("万")
                    .num("１２３．５"),
            ],
        ),
        (
            "收入５，９６０，２８１元。",
            vec![q("５，９６０，２８１元", "5960281").unit("元")],
        ),
        (
            "收入总量为1，207，038万元。",
            vec![q("1，207，038万元", "12070380000").unit("元").mag("万")],
        ),
        (
            "总投资3亿5000万元。",
            vec![
                q("3亿5000万元", "350000000")
                    .unit("元")
                    .mag("亿")
                    .num("3亿5000"),
            ],
        ),
        (
            "企业由5千多户增加到1万6千多户。",
            vec![
                q("5千多户", "5000").unit("户").mag("千").approx("多"),
                q("1万6千多户", "16000")
                    .unit("户")
                    .mag("万")
                    .approx("多")
                    .num("1万6"),
            ],
        ),
        (
            "安排资金 89.35 亿元。",
            vec![q("89.35 亿元", "8935000000").unit("元").mag("亿")],
        ),
        (
            "保障标准为每人每年 5964 元。",
            vec![q("5964 元", "5964").unit("元")],
        ),
        (
            "签约项目3个，总投资12亿元。",
            vec![
                q("3个", "3").unit("个"),
                q("12亿元", "1200000000").unit("元").mag("亿"),
            ],
        ),
        ("用5年时间完成改造。", vec![q("5年", "5").unit("年")]),
        ("共有1000年历史。", vec![q("1000年", "1000").unit("年")]),
    ]);
}

// ------------------------------------------------------------------ offsets

#[test]
fn byte_offsets_after_cjk_text() {
    let text = "全年实现地区生产总值372亿元，增长7.9%";
    let cs = claims(text);
    assert_eq!(cs.len(), 2);
    let gdp = &cs[0];
    assert_eq!((gdp.span.start, gdp.span.end), (30, 39));
    assert_eq!((gdp.number_span.start, gdp.number_span.end), (30, 33));
    assert_eq!(gdp.number, "372");
    assert_eq!(gdp.scalar.to_string(), "372");
    assert_eq!(gdp.decimals, 0);
    let pct = &cs[1];
    assert_eq!(&text[pct.span.start..pct.span.end], "7.9%");
    assert_eq!(pct.span.start, text.find("7.9").unwrap());
    assert_eq!(pct.decimals, 1);

    // Approximation prefixes and suffixes widen the span, not the number span.
    let text = "约1.5万人左右";
    let c = &claims(text)[0];
    assert_eq!((c.span.start, c.span.end), (0, text.len()));
    assert_eq!(&text[c.number_span.start..c.number_span.end], "1.5");
    assert_eq!(c.approx.as_deref(), Some("约"));

    // A range's number span covers both numerals.
    let text = "对40-69岁人群";
    let c = &claims(text)[0];
    assert_eq!(&text[c.number_span.start..c.number_span.end], "40-69");
    assert_eq!(c.number, "40");

    // Scalars keep the precision as written; the magnitude is not applied to them.
    let c = &claims("完成投资23.50亿元")[0];
    assert_eq!(c.scalar.to_string(), "23.50");
    assert_eq!(c.decimals, 2);
    assert_eq!(c.value.to_string(), "2350000000");
    let c = &claims("预计二十三点五亿元")[0];
    assert_eq!(c.scalar.to_string(), "23.5");
    assert_eq!(c.decimals, 1);
}

// ------------------------------------------------------------------ negative cases

/// (sentence, substring that must not overlap any claim).
const NEGATIVE: &[(&str, &str)] = &[
    // vague counts: 几 / 数 before a numeral with digits states no number (几十亩,
    // 数百家 are read with their bounds: tests/claim_forms.rs, class 5)
    ("开展几三次调研。", "几三次"),
    // years and dates
    ("本届政府于2014年召开第一次全体会议。", "2014年"),
    ("2013年度财政决算草案已报送。", "2013年度"),
    ("发布日期 2014-02-18 点击率", "2014-02-18"),
    ("会议于2014年2月18日在区政府召开。", "2014年2月18日"),
    ("生成时间 11:41:00 来源", "11:41:00"),
    ("项目1月开工，年底竣工。", "1月"),
    ("3月份完成验收。", "3月份"),
    ("截至2025年末，全区共有企业。", "2025年末"),
    ("2021—2025年规划期间成效显著。", "2021—2025年"),
    ("2021-2025年地区生产总值及其增长速度", "2021-2025年"),
    ("1-11月累计完成投资。", "1-11月"),
    ("截至12月31日，资金已拨付。", "12月31日"),
    ("会议在8时30分开始。", "8时30分"),
    ("二〇一四年政府工作报告", "二〇一四年"),
    ("一九五四年的财政收入", "一九五四年"),
    ("文件编号2014/07/01号", "2014/07/01"),
    ("（2021—2025）规划纲要", "2021—2025"),
    ("5.2024年财政收入情况", "5.2024年"),
    ("三季度经济运行平稳。", "三季度"),
    ("前三季度经济运行平稳。", "三季度"),
    ("2023届高校毕业生就业。", "2023届"),
    ("迈入21世纪。", "21世纪"),
    ("上世纪80年代建成。", "80年代"),
    ("覆盖三年级学生。", "三年级"),
    // ordinals
    ("成功举办第五届创意大赛。", "第五届"),
    ("开展第三次全国经济普查。", "第三次"),
    ("在全省考核中荣获第1名。", "第1名"),
    ("编制第十四个五年规划纲要。", "十四个五年"),
    ("位居全省第 3 位。", "3"),
    ("区六届人大二次会议确定的任务。", "二次"),
    ("省十四届人大三次会议审议通过。", "三次"),
    // slogans, codes and names
    ("出台“6+2”产业发展规划。", "6+2"),
    ("开通“5432”便民服务。", "5432"),
    ("构建\"2+8+X\"产业体系。", "2+8+X"),
    ("“十二五”时期经济平稳发展。", "十二五"),
    ("编制“十三五”规划。", "十三五"),
    ("十四五期间累计投入。", "十四五"),
    ("深入学习贯彻党的十八大精神。", "十八大"),
    ("全面贯彻党的二十大精神。", "二十大"),
    ("十八届三中全会作出部署。", "十八届三中全会"),
    ("持续推进三改一拆。", "三改一拆"),
    ("深化五水共治。", "五水共治"),
    ("构建七纵七横路网。", "七纵七横"),
    ("形成一核四区五园多点格局。", "一核四区五园多点"),
    ("共建一带一路。", "一带一路"),
    ("全国两会期间。", "两会"),
    ("着力解决三农问题。", "三农"),
    ("协调推进四个全面战略布局。", "四个全面"),
    ("统筹推进五位一体总体布局。", "五位一体"),
    ("扎实做好六稳六保工作。", "六稳六保"),
    ("推进政务服务一网通办。", "一网通办"),
    ("推行高效办成一件事。", "一件事"),
    ("推进“四个全面”战略布局。", "四个全面"),
    ("实现经济两位数增长。", "两位数"),
    ("普及九年义务教育。", "九年"),
    ("三次产业结构比为1.1:56.1:42.8。", "三次"),
    ("加快实现四个现代化。", "四个"),
    ("七台河市、五家渠市和三亚市。", "七台"),
    ("七台河市、五家渠市和三亚市。", "五家"),
    ("汽车零部件制造业。", "零部件"),
    ("开展“双11”促销。", "11"),
    ("《2014年政府工作报告》解读", "2014"),
    ("《关于印发十项措施的通知》", "十项"),
    ("一是加强组织领导。", "一是"),
    ("进一步统一思想。", "一"),
    ("这项工作十分重要。", "十分"),
    // identifiers
    (
        "信息索引号 K1493206-6/2014-07415 公开方式",
        "K1493206-6/2014-07415",
    ),
    ("做好H7N9禽流感防控。", "H7N9"),
    ("中国4A金印奖颁奖。", "4A"),
    ("新增5A级景区1家。", "5A"),
    ("建设5G基站。", "5G"),
    ("完善110联动平台。", "110"),
    ("畅通12345热线。", "12345"),
    ("服务G20峰会。", "G20"),
    ("监测PM10和PM2.5浓度。", "PM10"),
    ("广义货币M2增长。", "M2"),
    ("启用GDP2025核算系统。", "2025"),
    ("PM2.5平均浓度下降。", "PM2.5"),
    ("抗击COVID-19疫情。", "COVID-19"),
    ("执行GB/T 123标准。", "123"),
    ("发展3D打印产业。", "3D"),
    ("采购iPhone 15手机。", "15"),
    ("开通地铁5号线。", "5号线"),
    ("开展3·15消费维权活动。", "3·15"),
    ("版本v1.2.3发布", "1.2.3"),
    // rankings
    ("跻身世界500强。", "500强"),
    ("入选中国500强企业。", "500强"),
    ("排名位列前10名。", "前10名"),
    ("创建全国百强县。", "百强"),
    // list numbering, ratios, page numbers, notes
    ("1、加强组织领导", "1、"),
    ("（2）完善工作机制", "（2）"),
    ("总则\n1.加强组织领导", "1."),
    ("注：1.本公报数据为初步统计。", "1."),
    ("三次产业结构比为22.7:32.4:44.9。", "22.7:32.4:44.9"),
    ("投资构成为1.1∶56.1∶42.8。", "1.1∶56.1∶42.8"),
    ("正文\n—1—\n正文", "1"),
    ("正文\n- 3 -\n正文", "3"),
    ("全年固定资产投资[5]比上年增长。", "[5]"),
    ("图1 地区生产总值", "1"),
];

#[test]
fn negative_cases() {
    let mut failures = Vec::new();
    for &(text, needle) in NEGATIVE {
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        let (s, e) = (at, at + needle.len());
        for c in claims(text) {
            if c.span.start < e && s < c.span.end {
                failures.push(format!(
                    "{text}\n    {needle:?} overlaps claim {:?}",
                    c.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} negative cases failed:\n{}",
        failures.len(),
        NEGATIVE.len(),
        failures.join("\n")
    );
}

/// Negative cases whose other numbers must still be found.
#[test]
fn exclusions_keep_neighbouring_claims() {
    run_cases(vec![
        ("新增5A级景区1家。", vec![q("1家", "1").unit("家")]),
        (
            "2014年全区生产总值372亿元。",
            vec![q("372亿元", "37200000000").unit("元").mag("亿")],
        ),
        (
            "2013年全年完成投资308.2亿元，增长25.1%。",
            vec![
                q("308.2亿元", "30820000000").unit("元").mag("亿"),
                pct("25.1%", "25.1").up("增长"),
            ],
        ),
        (
            "第五届大赛吸引300多家企业。",
            vec![q("300多家", "300").unit("家").approx("多")],
        ),
        (
            "“6+2”产业实现收入1426.7亿元。",
            vec![q("1426.7亿元", "142670000000").unit("元").mag("亿")],
        ),
        (
            "PM2.5平均浓度下降8.3%。",
            vec![pct("8.3%", "8.3").down("下降")],
        ),
        (
            "人均GDP10.2万元。",
            vec![q("10.2万元", "102000").unit("元").mag("万")],
        ),
        ("CPI上涨2.1%。", vec![pct("2.1%", "2.1").up("上涨")]),
        (
            "1、新增就业1.2万人。",
            vec![q("1.2万人", "12000").unit("人").mag("万")],
        ),
        (
            "1-11月累计完成投资56亿元。",
            vec![q("56亿元", "5600000000").unit("元").mag("亿")],
        ),
        ("三次产业结构比为6.4:43.3:50.3。", vec![]),
    ]);
}

// ------------------------------------------------------------------ global properties

#[test]
fn claims_are_sorted_and_disjoint() {
    let mut text = String::new();
    for (s, _) in NEGATIVE {
        text.push_str(s);
        text.push_str("全年完成投资308.2亿元，增长25.1%，新增就业1.2万人。\n");
    }
    let cs = claims(&text);
    assert!(cs.len() >= 3 * NEGATIVE.len());
    for w in cs.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "{:?} overlaps {:?}",
            w[0],
            w[1]
        );
    }
    for c in &cs {
        assert_eq!(&text[c.span.start..c.span.end], c.text);
    }
}

#[test]
fn long_single_line_is_handled() {
    // One 300 kB line: exercises the bounded windows (timing is checked by hand with a
    // release build, not here).
    let unit = "全年实现地区生产总值372亿元，增长7.9%；2014年2月18日H7N9，";
    let n = 300_000 / unit.len();
    let cs = claims(&unit.repeat(n));
    assert_eq!(cs.len(), 2 * n);
    // Pathological runs: digits, Chinese numerals, separators, codes.
    for s in [
        "9".repeat(100_000),
        "一二".repeat(50_000),
        "1,".repeat(20_000),
        "十".repeat(50_000),
        "a1-".repeat(30_000),
        "《1".repeat(30_000),
    ] {
        let cs = claims(&s);
        assert!(cs.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }
}

#[test]
fn empty_and_numberless_text() {
    assert!(claims("").is_empty());
    assert!(claims("各位代表：现在，我代表区人民政府向大会报告工作。").is_empty());
}

/// Runs over the real reports in ../shared/corpus and prints a sample, for eyeballing
/// false positives: `cargo test --test grammar -- --ignored --nocapture corpus`.
#[test]
#[ignore]
fn corpus_sample() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no corpus at {}", dir.display());
        return;
    };
    let mut total = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let cs = claims(&text);
        total += cs.len();
        println!("{}: {} claims", path.display(), cs.len());
        for c in cs.iter().step_by(97) {
            println!("    {:?} {:?} {:?} {}", c.text, c.kind, c.unit, c.value);
        }
    }
    println!("total: {total} claims");
}
