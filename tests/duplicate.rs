//! The `duplicate` rule kind: repeated blocks, paragraphs and long sentences.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

mod common;

use reportlint::rules::{RuleSource, load_rules};
use reportlint::{Document, Finding, Linter, Span};

/// The built-in `duplicate/*` findings on `text`.
fn dups(text: &str) -> Vec<Finding> {
    Linter::builtin()
        .lint(&Document::from_text("t.txt", text))
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("duplicate/"))
        .collect()
}

/// Byte span of the `nth` (0-based) occurrence of `needle`.
fn nth(text: &str, needle: &str, n: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in text"))
        .0;
    Span::new(start, start + needle.len())
}

fn show(text: &str, findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {:?} [{}] labels {:?}\n  help: {:?}",
                f.rule,
                f.message,
                &text[f.span.start..f.span.end],
                f.labels
                    .iter()
                    .map(|l| &text[l.span.start..l.span.end])
                    .collect::<Vec<_>>(),
                f.help
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const INVEST: &str = "全年完成固定资产投资156亿元，同比增长12.4%，其中工业投资48亿元，增长9.6%。";

#[test]
fn exact_repeated_paragraph_is_one_finding_with_label_on_the_original() {
    let text = format!(
        "各位代表：\n\
         一、过去一年的工作\n\
         {INVEST}\n\
         城乡居民收入稳步提高，城镇居民人均可支配收入达到41230元，农村居民人均纯收入达到19860元。\n\
         \u{3000}\u{3000}{INVEST}\n\
         二、今年的主要任务\n\
         坚持稳中求进，预期地区生产总值增长8%左右，一般公共预算收入增长7%。\n"
    );
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    let f = &found[0];
    assert_eq!(f.rule, "duplicate/block");
    assert_eq!(f.span, nth(&text, INVEST, 1));
    assert_eq!(f.labels.len(), 1);
    assert_eq!(f.labels[0].span, nth(&text, INVEST, 0));
    assert_eq!(f.labels[0].message, "原文在此");
    assert_eq!(f.message, "以下1段与第3行起的内容重复（相似度100%）");
    let help = f.help.as_deref().unwrap();
    assert!(!help.contains("差异"), "{help}");
}

const BLOCK: [&str; 7] = [
    "（二）产业转型步伐加快",
    "全年实现规模以上工业增加值218亿元，增长10.2%，高新技术产业增加值占比提高到41.5%。",
    "新认定国家高新技术企业36家，新增省级企业技术中心8家，研发经费支出占生产总值比重达到2.6%。",
    "1.现代服务业",
    "服务业增加值占地区生产总值比重达到58.3%，比上年提高1.4个百分点，金融机构存款余额突破千亿元。",
    "新开工亿元以上服务业项目23个，完成投资67亿元，电子商务交易额同比增长31%。",
    "全年引进市外内资62亿元，实际利用外资2.3亿美元，新批外商投资项目14个。",
];

#[test]
fn a_repeated_block_with_headings_is_one_finding_covering_all_of_it() {
    let block = BLOCK.join("\n");
    let text = format!(
        "各位代表：\n一、过去一年的工作\n{block}\n（三）城乡面貌明显改善\n\
         完成旧城改造面积35万平方米，新增城市绿地28公顷，建成区绿化覆盖率达到40.2%。\n\
         {block}\n二、今年的主要任务\n坚持稳中求进，预期地区生产总值增长8%左右，一般公共预算收入增长7%。\n"
    );
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    let f = &found[0];
    assert_eq!(f.rule, "duplicate/block");
    assert_eq!(f.span, nth(&text, &block, 1));
    assert_eq!(f.labels[0].span, nth(&text, &block, 0));
    assert_eq!(f.message, "以下7段与第3行起的内容重复（相似度100%）");
}

#[test]
fn a_block_pasted_right_after_itself_and_a_third_time() {
    let block = BLOCK[1..3].join("\n");
    let text = format!("{block}\n{block}\n一、其他工作\n{block}\n");
    let found = dups(&text);
    assert_eq!(found.len(), 2, "{}", show(&text, &found));
    for (f, copy) in found.iter().zip([1, 2]) {
        assert_eq!(f.span, nth(&text, &block, copy));
        assert_eq!(
            f.labels[0].span,
            nth(&text, &block, 0),
            "labelled on the first copy"
        );
    }
}

#[test]
fn an_edited_paragraph_inside_a_pasted_block_does_not_split_it() {
    let mut copy = BLOCK.map(String::from);
    copy[5] = "今年将新开工一批服务业重大项目，力争完成投资80亿元，推动电子商务提质扩容。".into();
    let text = format!(
        "{}\n二、今年的主要任务\n{}\n",
        BLOCK.join("\n"),
        copy.join("\n")
    );
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    let whole_copy = nth(&text, BLOCK[0], 1).cover(nth(&text, BLOCK[6], 1));
    assert_eq!(found[0].span, whole_copy);
    assert!(
        found[0].message.starts_with("以下7段"),
        "{}",
        found[0].message
    );
}

#[test]
fn near_duplicate_paragraph_shows_the_difference() {
    let orig = "全年新建改造农村公路86公里，完成农村危房改造1200户，新增城镇就业岗位5600个，城镇登记失业率控制在3.1%以内，城乡居民基本养老保险和基本医疗保险参保率均保持在百分之九十五以上。";
    let copy = "全年新建改造农村公路96公里，完成农村危房改造1200户，新增城镇就业岗位5600个，城镇登记失业率控制在3.1%以内，城乡居民基本养老保险和基本医疗保险参保率均保持在百分之九十五以上。";
    let text =
        format!("{orig}\n财政总收入完成55.5亿元，增长10.1%，其中地方财政收入31.2亿元。\n{copy}\n");
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    let f = &found[0];
    assert_eq!(f.rule, "duplicate/block");
    assert_eq!(f.span, nth(&text, copy, 0));
    assert_eq!(f.labels[0].span, nth(&text, orig, 0));
    assert!(f.message.contains("第1行"), "{}", f.message);
    assert!(!f.message.contains("100%"), "{}", f.message);
    let help = f.help.as_deref().unwrap();
    assert!(help.contains("公路[-86-]{+96+}公里"), "{help}");
    assert!(
        help.contains("农村公路"),
        "context around the difference: {help}"
    );
    assert!(help.chars().count() < 200, "{help}");
}

#[test]
fn near_duplicate_help_is_bounded_on_long_paragraphs() {
    let long: String = (0..40)
        .map(|i| format!("第{i}项重点工程完成投资{}亿元。", i * 3 + 7))
        .collect();
    let edited = long
        .replace("完成投资7亿元", "完成投资8亿元")
        .replace("完成投资97亿元", "完成投资98亿元");
    let text = format!("{long}\n{edited}\n");
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    let help = found[0].help.as_deref().unwrap();
    assert!(
        help.contains("{+8+}") && help.chars().count() < 300,
        "{help}"
    );
}

#[test]
fn long_sentence_repeated_in_different_paragraphs_is_a_sentence_finding() {
    let s = "坚持把保障和改善民生作为政府工作的出发点和落脚点，全年民生支出占一般公共预算支出的比重达到百分之七十五。";
    let text = format!(
        "全年实现地区生产总值372亿元，增长7.9%。{s}财政总收入55.5亿元。\n\
         新的一年，我们将继续加大投入力度，办好十件民生实事。{s}\n"
    );
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    let f = &found[0];
    assert_eq!(f.rule, "duplicate/sentence");
    assert_eq!(f.span, nth(&text, s, 1));
    assert_eq!(f.labels[0].span, nth(&text, s, 0));
    assert_eq!(f.message, "这1句与第1行的句子重复（相似度100%）");
}

#[test]
fn sentences_of_a_copied_paragraph_are_not_reported_again() {
    let p = "坚持把保障和改善民生作为政府工作的出发点和落脚点，全年民生支出占一般公共预算支出的比重达到百分之七十五。全年新增城镇就业岗位5600个，城镇登记失业率控制在3.1%以内。";
    let text = format!("{p}\n一、今年的工作\n{p}\n");
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    assert_eq!(found[0].rule, "duplicate/block");
}

#[test]
fn short_repeated_headings_and_phrases_alone_are_not_reported() {
    let text = "各位代表：\n一、工作回顾\n全年实现地区生产总值372亿元，增长7.9%。\n\
                各位代表：\n一、工作回顾\n2014年预期地区生产总值增长8%左右，财政总收入增长9%。\n\
                同比增长7.9%。\n同比增长7.9%。\n";
    let found = dups(text);
    assert!(found.is_empty(), "{}", show(text, &found));
}

#[test]
fn paragraphs_sharing_only_a_template_are_not_reported() {
    let text = "全年实现地区生产总值372亿元，增长7.9%。\n\
                2012年全区完成地区生产总值345亿元，比上年增长8.3%。\n\
                全年实现地区生产总值415亿元，增长8.1%。\n\
                城镇居民人均可支配收入41230元，增长9.2%；农村居民人均可支配收入19860元，增长10.4%。\n\
                城镇居民人均消费支出27650元，增长6.8%；农村居民人均消费支出13420元，增长8.7%。\n";
    let found = dups(text);
    assert!(found.is_empty(), "{}", show(text, &found));
}

#[test]
fn long_paragraphs_filled_from_one_template_with_other_numbers_are_not_reported() {
    let text = "2024年全市社会保险基金预算收入64.5亿元，同比增长3.5%，其中城乡居民养老保险基金收入2.3亿元，机关事业单位养老保险基金收入23.5亿元。\n\
                2025年全市社会保险基金预算收入62.3亿元，同比增长5.8%，其中城乡居民养老保险基金收入1.9亿元，机关事业单位养老保险基金收入22.9亿元。\n";
    let found = dups(text);
    assert!(found.is_empty(), "{}", show(text, &found));
}

#[test]
fn notes_under_tables_are_not_reported() {
    let note = "注：本表数据为快报数，部分项目因四舍五入的原因，存在总计与分项合计不等的情况。";
    let item = "1.本表仅展示一般公共预算专项转移支付分地区情况，通过一般性转移支付下达的资金不在本表列示。";
    let text = format!(
        "表1 2024年一般公共预算收入决算表\n税收收入 1,234 1,300 105.3%\n{note}\n备注：\n{item}\n\
         表2 2024年一般公共预算支出决算表\n一般公共服务支出 567 600 105.8%\n{note}\n备注：\n{item}\n"
    );
    let found = dups(&text);
    assert!(found.is_empty(), "{}", show(&text, &found));
}

#[test]
fn lines_broken_mid_sentence_are_not_matched_on_their_own() {
    // Text extracted from PDF: a stock phrase happens to fill the same line twice.
    let text = "预算执行和财政收支运行总体\n平稳，为完成全年目标任务、实现明年良好开局提\n供有力保障。\n\
                全年财政政策更加积极、接续发力，预算执行总体\n平稳，为完成全年目标任务、实现明年良好开局提\n供了坚实基础。\n";
    let found = dups(text);
    assert!(found.is_empty(), "{}", show(text, &found));
}

#[test]
fn a_report_without_repetition_has_no_findings() {
    let text = "各位代表：\n\
        现在，我代表区人民政府向大会报告工作，请予审议。\n\
        一、2023年工作回顾\n\
        过去一年，全区经济运行稳中有进，全年实现地区生产总值372亿元，增长7.9%。\n\
        财政总收入完成55.5亿元，增长10.1%，其中地方财政收入31.2亿元，增长9.8%。\n\
        城乡居民收入稳步提高，城镇居民人均可支配收入达到41230元，农村居民人均纯收入达到19860元。\n\
        二、2024年工作安排\n\
        今年经济社会发展的主要预期目标是：地区生产总值增长7.5%左右，城镇登记失业率控制在3.5%以内。\n\
        各位代表，新的一年，让我们团结一心、开拓进取，为全面完成各项目标任务而努力奋斗！\n";
    let found = dups(text);
    assert!(found.is_empty(), "{}", show(text, &found));
}

#[test]
fn many_identical_lines_pair_each_copy_with_the_first_occurrence() {
    let line = "全年完成固定资产投资156亿元，同比增长12.4%，其中工业投资48亿元。";
    let text = format!("{line}\n").repeat(300);
    let found = dups(&text);
    assert!(!found.is_empty());
    let first = nth(&text, line, 0);
    let mut covered = first.end;
    for f in &found {
        assert_eq!(f.rule, "duplicate/block");
        assert_eq!(
            f.labels[0].span.start, first.start,
            "labelled from the first occurrence"
        );
        assert!(f.labels[0].span.end < f.span.start);
        assert!(f.span.start > covered, "findings do not overlap");
        covered = f.span.end;
    }
    assert_eq!(covered, text.len() - 1, "every copy is covered");
}

fn load(yaml: &str) -> Result<reportlint::rules::RuleSet, Vec<miette::Report>> {
    load_rules(&[RuleSource {
        name: "mine.yaml".into(),
        text: yaml.into(),
    }])
}

const RULE: &str = "rules:\n  - id: my/dup\n    kind: duplicate\n    message: \"重复{count}段\"\n";

#[test]
fn spec_validation() {
    assert!(load(RULE).is_ok());
    assert!(
        load(&format!(
            "{RULE}    similarity: 1\n    scope: sentences\n    min_chars: 5\n"
        ))
        .is_ok()
    );
    for bad in [
        "    similarity: 1.5\n",
        "    similarity: 0\n",
        "    similarity: -0.2\n",
        "    min_chars: 0\n",
        "    min_sentence_chars: 0\n",
        "    scope: sections\n",
        "    window: 3\n",
    ] {
        let yaml = format!("{RULE}{bad}");
        let err = load(&yaml)
            .err()
            .unwrap_or_else(|| panic!("expected an error for {bad:?}"));
        let msg = format!("{:?}", err[0]);
        if bad.contains("similarity") {
            assert!(msg.contains("similarity"), "{msg}");
        }
    }
}

#[test]
fn a_custom_exact_only_rule_ignores_near_duplicates() {
    let yaml = format!("{RULE}    similarity: 1\n");
    let linter = Linter::new(load(&yaml).unwrap());
    let orig = "全年新建改造农村公路86公里，完成农村危房改造1200户，新增城镇就业岗位5600个。";
    let copy = orig.replace("86", "96");
    let found = linter
        .lint(&Document::from_text("t.txt", format!("{orig}\n{copy}\n")))
        .findings;
    assert!(found.is_empty(), "{found:#?}");
    let found = linter
        .lint(&Document::from_text("t.txt", format!("{orig}\n{orig}\n")))
        .findings;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "重复1段");
}

use common::corpus_dir as corpus;

/// The reference report carries its whole body twice: lines 10–142 are repeated
/// verbatim as lines 167–299 (the end of the file).
#[test]
fn reference_report_body_pasted_twice_is_one_finding() {
    let Some(dir) = corpus() else { return };
    let path = dir.join("gongshu_2014_work_report.txt");
    if !path.exists() {
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    let doc = Document::load(&path).unwrap();
    let text = doc.text.as_str();
    let line = |n: usize| {
        let start = text
            .split_inclusive('\n')
            .take(n - 1)
            .map(str::len)
            .sum::<usize>();
        let raw = text[start..]
            .split('\n')
            .next()
            .unwrap()
            .trim_end_matches('\r');
        let trimmed = raw.trim_start_matches([' ', '\u{3000}']);
        let s = start + raw.len() - trimmed.len();
        Span::new(s, s + trimmed.trim_end().len())
    };
    // Sanity: the two copies are the same text.
    let (orig, copy) = (line(10).cover(line(142)), line(167).cover(line(299)));
    assert_eq!(&text[orig.start..orig.end], &text[copy.start..copy.end]);
    assert_eq!(copy.end, text.trim_end().len());

    let found: Vec<Finding> = Linter::builtin()
        .lint(&doc)
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("duplicate/"))
        .collect();
    assert_eq!(found.len(), 1, "{}", show(text, &found));
    let f = &found[0];
    assert_eq!(f.rule, "duplicate/block");
    assert_eq!(f.span, copy);
    assert_eq!(f.labels.len(), 1);
    assert_eq!(f.labels[0].span, orig);
    assert!(
        f.message.contains("第10行") && f.message.contains("100%"),
        "{}",
        f.message
    );
}

/// Counts over the real corpus: `cargo test --test duplicate -- --ignored --nocapture`.
#[test]
#[ignore]
fn real_corpus_counts() {
    let Some(paths) = common::real_files() else {
        return;
    };
    let linter = Linter::builtin();
    let (mut block, mut sentence) = (0, 0);
    let verbose = std::env::var_os("DUP_VERBOSE").is_some();
    for path in &paths {
        let doc = Document::load(path).unwrap();
        let t = std::time::Instant::now();
        let found: Vec<Finding> = linter
            .lint(&doc)
            .findings
            .into_iter()
            .filter(|f| f.rule.starts_with("duplicate/"))
            .collect();
        let elapsed = t.elapsed();
        let b = found.iter().filter(|f| f.rule == "duplicate/block").count();
        let s = found.len() - b;
        block += b;
        sentence += s;
        if !found.is_empty() {
            println!(
                "{}: {b} block, {s} sentence ({elapsed:.0?})",
                path.file_name().unwrap().to_string_lossy()
            );
            if verbose {
                for f in &found {
                    let pos = doc.lines.position(&doc.text, f.span.start);
                    let excerpt: String = doc.text[f.span.start..f.span.end]
                        .chars()
                        .take(60)
                        .collect();
                    println!("  {}:{} {} | {excerpt}", pos.line, f.rule, f.message);
                    if let Some(h) = &f.help {
                        println!("    {h}");
                    }
                }
            }
        }
    }
    println!(
        "{} files: {block} block, {sentence} sentence findings",
        paths.len()
    );
}

/// The `examples:` of the built-in duplicate rules, with each rule alone.
#[test]
fn builtin_examples() {
    let all = load_rules(&RuleSource::builtin()).unwrap();
    let ids: Vec<String> = all
        .rules
        .iter()
        .map(|r| r.meta.id.clone())
        .filter(|id| id.starts_with("duplicate/"))
        .collect();
    assert_eq!(ids, ["duplicate/block", "duplicate/sentence"]);
    for id in ids {
        let mut set = load_rules(&RuleSource::builtin()).unwrap();
        set.rules.retain(|r| r.meta.id == id);
        let examples = set.rules[0].meta.examples.clone();
        let linter = Linter::new(set);
        for text in &examples.fires {
            let found = linter
                .lint(&Document::from_text("e.txt", text.as_str()))
                .findings;
            assert!(!found.is_empty(), "{id} should fire on:\n{text}");
        }
        for text in &examples.passes {
            let found = linter
                .lint(&Document::from_text("e.txt", text.as_str()))
                .findings;
            assert!(
                found.is_empty(),
                "{id} should pass:\n{text}\n{}",
                show(text, &found)
            );
        }
    }
}

/// Timing on synthetic ~10 MB inputs, printed only (no assertions on time):
/// `cargo test --release --test duplicate synthetic_timing -- --ignored --nocapture`.
/// Times the two built-in duplicate checks alone (segmentation is timed apart;
/// claim extraction, which they do not use, is skipped).
#[test]
#[ignore]
fn synthetic_timing() {
    let mut set = load_rules(&RuleSource::builtin()).unwrap();
    set.rules.retain(|r| r.meta.id.starts_with("duplicate/"));
    let filler = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，";
    let inputs: Vec<(&str, String)> = vec![
        (
            "1M short distinct lines",
            (0..1_000_000).map(|i| format!("行{i:06}\n")).collect(),
        ),
        (
            "400k distinct 8-char lines",
            (0..400_000u64)
                .map(|i| {
                    let s: String = (0..8u64)
                        .map(|k| {
                            let x = i.wrapping_mul(2654435761).wrapping_add(k * 40503) % 20000;
                            char::from_u32(0x4e00 + x as u32).unwrap()
                        })
                        .collect();
                    format!("{s}\n")
                })
                .collect(),
        ),
        (
            "130k distinct 25-char sentences",
            (0..130_000u64)
                .map(|i| {
                    let s: String = (0..24u64)
                        .map(|k| {
                            let x = i.wrapping_mul(2654435761).wrapping_add(k * 40503) % 20000;
                            char::from_u32(0x4e00 + x as u32).unwrap()
                        })
                        .collect();
                    format!("{s}。\n")
                })
                .collect(),
        ),
        (
            "45k template lines differing in numbers",
            (0..45_000)
                .map(|i| {
                    format!(
                        "全年完成固定资产投资{}亿元，同比增长{}.{}%，{filler}其中工业投资{}亿元。\n",
                        i,
                        i % 97,
                        i % 10,
                        i * 7
                    )
                })
                .collect(),
        ),
        (
            "10k identical 1KB lines",
            format!("{}\n", filler.repeat(7) + "全年实现地区生产总值372亿元。").repeat(10_000),
        ),
    ];
    for (name, text) in inputs {
        let doc = Document::from_text("big.txt", text);
        let t = std::time::Instant::now();
        let segments = reportlint::segment::Segments::new(&doc.text);
        let segmenting = t.elapsed();
        let ctx = reportlint::rules::Context {
            doc: &doc,
            segments: &segments,
            claims: &[],
            facts: &Default::default(),
            knowledge: reportlint::knowledge::Knowledge::builtin(),
        };
        let mut line = format!(
            "{name}: {:.1} MB, {} paragraphs, segmentation {segmenting:.2?}",
            doc.text.len() as f64 / 1e6,
            segments.paragraphs.len()
        );
        for rule in &set.rules {
            let mut found = Vec::new();
            let t = std::time::Instant::now();
            rule.check.check(&rule.meta, &ctx, &mut found);
            line += &format!(
                "; {}: {} findings in {:.2?}",
                rule.meta.id,
                found.len(),
                t.elapsed()
            );
        }
        println!("{line}");
    }
}

/// A form filled in for many items (a project's performance targets): the
/// field labels recur for every item, and one text often fills two fields.
fn target_form(project: &str, goal: &str) -> String {
    format!(
        "项目名称  {project}\n主管部门  某某局\n实施周期总目标\n{goal}\n总体绩效目标\n年度目标\n{goal}\n一级指标  二级指标  三级指标  指标值\n"
    )
}

#[test]
fn the_same_text_in_two_fields_of_a_repeated_form_is_not_a_paste() {
    let goals = [
        "通过实施本项目，完成辖区内老旧供水管网改造任务，保障居民用水安全，提升供水服务满意度。",
        "通过开展专项整治行动，提升农村人居环境质量，确保村庄保洁覆盖率保持稳定并持续改善。",
        "通过发放创业担保贷款贴息，帮助重点群体实现创业就业，带动更多劳动者稳定增收致富。",
    ];
    let text: String = goals
        .iter()
        .enumerate()
        .map(|(i, g)| target_form(&format!("第{i}号专项资金"), g))
        .collect();
    let found = dups(&text);
    assert!(found.is_empty(), "{}", show(&text, &found));
}

#[test]
fn a_paragraph_pasted_after_a_heading_is_still_a_paste() {
    // A heading between original and copy is not a form label: it occurs once.
    let para =
        "通过实施本项目，完成辖区内老旧供水管网改造任务，保障居民用水安全，提升供水服务满意度。";
    let text = format!(
        "一、过去一年的工作\n{para}\n二、今年的主要任务\n{para}\n三、保障措施\n加强组织领导。\n"
    );
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
    // Nor is a label that recurs, when the copy is far from the original.
    let far: String = (0..12)
        .map(|i| format!("第{i}项工作稳步推进。\n"))
        .collect();
    let text = format!("年度目标\n{para}\n年度目标\n{far}年度目标\n{para}\n");
    let found = dups(&text);
    assert_eq!(found.len(), 1, "{}", show(&text, &found));
}

#[test]
fn notes_are_knowledge_a_user_can_extend() {
    let note = "表中数据为快报数，正式数据以年度统计年鉴公布为准，部分合计数因四舍五入存在差异。";
    let text = format!("附表一\n资料说明：{note}\n附表二\n资料说明：{note}\n");
    assert_eq!(
        dups(&text).len(),
        1,
        "资料说明 is not a built-in note prefix"
    );
    let mut sources = RuleSource::builtin();
    sources.push(RuleSource {
        name: "house.yaml".into(),
        text: "knowledge:\n  words:\n    note-prefixes: [资料说明]\n".into(),
    });
    let linter = Linter::new(load_rules(&sources).unwrap());
    let found: Vec<Finding> = linter
        .lint(&Document::from_text("t.txt", text.as_str()))
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("duplicate/"))
        .collect();
    assert!(found.is_empty(), "{}", show(&text, &found));
}

#[test]
fn what_was_linted_before_does_not_change_the_findings() {
    // The sentence rule reuses the paragraph pass of the block rule on the
    // same document; a different document (or the same text with other
    // settings) must not see it.
    let sentence = "坚持把保障和改善民生作为政府工作的出发点和落脚点，全年民生支出占一般公共预算支出的比重达到百分之七十五。";
    let pasted = format!("一、回顾\n{INVEST}{sentence}\n二、任务\n{INVEST}{sentence}\n");
    let repeated =
        format!("一、回顾\n{INVEST}{sentence}\n二、任务\n全年新增就业岗位1.2万个。{sentence}\n");
    let alone = |t: &str| show(t, &dups(t));
    let linter = Linter::builtin();
    for (first, second) in [(&pasted, &repeated), (&repeated, &pasted)] {
        let _ = linter.lint(&Document::from_text("a.txt", first.as_str()));
        let after: Vec<Finding> = linter
            .lint(&Document::from_text("b.txt", second.as_str()))
            .findings
            .into_iter()
            .filter(|f| f.rule.starts_with("duplicate/"))
            .collect();
        assert_eq!(show(second, &after), alone(second));
    }
    assert_eq!(dups(&pasted).len(), 1);
    assert_eq!(dups(&repeated)[0].rule, "duplicate/sentence");
}
