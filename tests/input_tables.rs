//! The table rules on tables shaped like real ones: a Markdown table, an
//! HTML table, and a table as a PDF converter writes it (columns lined up
//! with spaces, a 公式 row with A=B+C, figures rounded to 0.1).

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

use reportlint::input::InputFormat;
use reportlint::rules::{RuleSource, load_rules};
use reportlint::{Document, Finding, Linter};

fn table_findings(doc: &Document) -> Vec<Finding> {
    let mut set = load_rules(&RuleSource::builtin()).unwrap();
    set.rules.retain(|r| r.meta.id.starts_with("table/"));
    Linter::new(set).lint(doc).findings
}

/// (rule, text under the span) of each finding.
fn summary(doc: &Document) -> Vec<(String, String)> {
    table_findings(doc)
        .into_iter()
        .map(|f| {
            (
                f.rule,
                doc.source_text()[f.span.start..f.span.end].to_string(),
            )
        })
        .collect()
}

/// A debt table as pdftotext -layout writes it: group headings over three
/// columns each, a 公式 row, labels wrapped onto their own lines, figures in
/// 亿元 rounded to 0.1, so that A = B + C only up to rounding.
fn pdf_table(rows: &[(&str, [&str; 6])]) -> String {
    let mut t = String::from(
        "表1\n\n       松溪市2025年地方政府债务限额及余额情况表\n                                                                        单位：亿元\n                      2025年债务限额                   2025年债务余额（预算数）\n       地区\n                         一般债务        专项债务                   一般债务        专项债务\n       公式     A=B+C       B            C         D=E+F       E            F\n",
    );
    for (label, cells) in rows {
        let mut line = format!("{label:<14}");
        // Column widths of the converter's grid: each figure ends under its code.
        for (c, w) in cells.iter().zip([8, 11, 12, 12, 11, 12]) {
            line.push_str(&format!("{c:>w$}"));
        }
        t.push_str(line.trim_end());
        t.push('\n');
    }
    t.push_str("\n注：本表数据按四舍五入保留一位小数。\n");
    t
}

#[test]
fn pdf_table_formula_with_rounding() {
    let text = pdf_table(&[
        (
            "松溪市",
            ["611.3", "232.8", "378.5", "597.0", "226.9", "370.1"],
        ),
        (
            " 市本级",
            ["201.6", "90.4", "111.2", "200.9", "90.1", "110.8"],
        ),
        (" 东城区", ["95.1", "40.2", "54.8", "93.3", "39.5", "53.8"]),
        (" 西城区", ["87.0", "33.3", "53.7", "86.5", "33.1", "53.4"]),
        (
            " 临江县",
            ["129.4", "40.9", "88.5", "128.2", "40.2", "83.0"],
        ),
        (" 南山县", ["98.2", "28.0", "70.3", "88.1", "24.0", "64.1"]),
    ]);
    let doc = Document::from_text("debt.txt", text.as_str());
    assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
    let t = &doc.tables[0];
    assert_eq!(t.unit.as_deref(), Some("亿元"));
    assert_eq!(t.rows.len(), 6);
    assert_eq!(t.header[2].text, "2025年债务限额 专项债务 C");
    assert_eq!(t.header[3].text, "2025年债务余额（预算数） D=E+F");
    let found = summary(&doc);
    // 东城区: 40.2 + 54.8 = 95.0 against 95.1, off by 0.1 — rounding, passes.
    // 南山县: 28.0 + 70.3 = 98.3 against 98.2 — passes too.
    // 临江县: 40.2 + 83.0 = 123.2 against 128.2, off by 5 — reported.
    assert_eq!(
        found,
        [("table/formula".to_string(), "128.2".to_string())],
        "{found:#?}"
    );
    let f = &table_findings(&doc)[0];
    assert_eq!(
        f.message,
        "「临江县」行不满足表头公式 D=E+F：D 应为 123.2（= 40.2 + 83.0），表中为 128.2"
    );
    assert_eq!(f.labels.len(), 2);
    // 松溪市 is not a total by its label, so its region sums are not checked;
    // the debt bound holds in every row.
}

#[test]
fn pdf_table_over_the_limit() {
    let text = pdf_table(&[
        (
            "松溪市",
            ["611.3", "232.8", "378.5", "597.0", "226.9", "370.1"],
        ),
        (" 东城区", ["95.1", "40.2", "54.8", "96.3", "40.5", "55.8"]),
        (" 西城区", ["87.0", "33.3", "53.7", "86.5", "33.1", "53.4"]),
    ]);
    let doc = Document::from_text("debt.txt", text.as_str());
    let found = summary(&doc);
    // 东城区: 余额 96.3 > 限额 95.1, 一般 40.5 > 40.2, 专项 55.8 > 54.8.
    assert_eq!(
        found,
        [
            ("96.3", "table/debt-over-limit"),
            ("40.5", "table/debt-over-limit"),
            ("55.8", "table/debt-over-limit")
        ]
        .map(|(t, r)| (r.to_string(), t.to_string()))
        .to_vec(),
        "{found:#?}"
    );
    let f = &table_findings(&doc)[0];
    assert!(
        f.message.contains("东城区") && f.message.contains("96.3") && f.message.contains("95.1"),
        "{}",
        f.message
    );
}

const MARKDOWN: &str = "\
## 三、财政收支

表2 松溪区2025年一般公共预算支出情况（单位：万元）

| 项目 | 预算数 | 执行数 | 执行数为预算数的% |
| :--- | ---: | ---: | ---: |
| 一、一般公共服务支出 | 12,380 | 12,106 | 97.8 |
| 二、教育支出 | 35,420 | 35,980 | 101.6 |
| 其中：学前教育 | 4,210 | 4,380 | 104.0 |
| 三、科学技术支出 | 6,150 | 5,870 | 95.4 |
| 四、社会保障和就业支出 | 28,760 | 28,915 | 100.5 |
| 支出合计 | 82,710 | 87,871 | 99.4 |
";

#[test]
fn markdown_table_total_row() {
    let doc = Document::from_source("r.md", MARKDOWN, InputFormat::Markdown);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.unit.as_deref(), Some("万元"));
    assert_eq!(t.header.len(), 3);
    // 预算数 adds up (其中 is not a part; the % column is skipped); 执行数 should
    // be 12,106 + 35,980 + 5,870 + 28,915 = 82,871.
    let found = table_findings(&doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(doc.slice(found[0].span), "87,871");
    assert_eq!(
        found[0].message,
        "「执行数」列的支出合计应为 82,871（= 12,106 + 35,980 + 5,870 + 28,915），表中为 87,871"
    );
    let pos = doc.position(found[0].span.start);
    let line = MARKDOWN.lines().nth(pos.line - 1).unwrap();
    assert!(
        line.chars()
            .skip(pos.column - 1)
            .collect::<String>()
            .starts_with("87,871")
    );
    // Fixed, it passes.
    let fixed = MARKDOWN.replace("87,871", "82,871");
    assert!(
        table_findings(&Document::from_source("r.md", fixed, InputFormat::Markdown)).is_empty()
    );
}

const HTML: &str = r#"<html><body>
<p>表3 松溪区2025年分地区债务情况</p><p>单位：亿元</p>
<table>
<tr><th rowspan="2">地区</th><th colspan="3">债务限额</th><th colspan="3">债务余额</th></tr>
<tr><th>合计</th><th>一般债务</th><th>专项债务</th><th>合计</th><th>一般债务</th><th>专项债务</th></tr>
<tr><td>东城区</td><td>95.1</td><td>40.2</td><td>54.8</td><td>93.3</td><td>39.5</td><td>53.8</td></tr>
<tr><td>西城区</td><td>87.0</td><td>33.3</td><td>53.7</td><td>86.5</td><td>33.1</td><td>53.4</td></tr>
<tr><td>临江县</td><td>129.4</td><td>40.9</td><td>88.5</td><td>128.2</td><td>40.2</td><td>83.0</td></tr>
<tr><td>南山县</td><td>98.2</td><td>28.0</td><td>70.3</td><td>88.1</td><td>24.0</td><td>64.1</td></tr>
<tr><td>全区合计</td><td>409.7</td><td>142.4</td><td>267.3</td><td>396.1</td><td>136.8</td><td>254.3</td></tr>
</table>
</body></html>"#;

#[test]
fn html_table_total_column_and_row() {
    let doc = Document::from_source("r.html", HTML, InputFormat::Html);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.header[0].text, "债务限额 合计");
    assert_eq!(t.header[5].text, "债务余额 专项债务");
    let found = summary(&doc);
    // 临江县: 余额合计 128.2 ≠ 40.2 + 83.0 (the 合计 column's parts are learnt
    // from the other rows). The 全区合计 row adds up down the columns (396.1
    // includes the wrong 128.2), so across it is off too: 136.8 + 254.3 = 391.1.
    assert_eq!(
        found,
        [
            ("table/total-column", "128.2"),
            ("table/total-column", "396.1")
        ]
        .map(|(r, t)| (r.to_string(), t.to_string()))
        .to_vec(),
        "{found:#?}"
    );
    // Spans point into the HTML source.
    let f = &table_findings(&doc)[0];
    assert_eq!(&HTML[f.span.start..f.span.end], "128.2");
    assert!(
        f.message
            .starts_with("「临江县」行的债务余额合计应为 123.2"),
        "{}",
        f.message
    );
}
