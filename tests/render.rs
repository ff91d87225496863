//! Rendering: miette output (snapshots), windowing of long lines, character
//! columns, and the JSON schema.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

use reportlint::render::{FileReport, human, json};
use reportlint::{Document, Finding, Label, Severity, Span};

fn finding(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .expect("needle present")
        .0;
    Span::new(start, start + needle.len())
}

fn render(doc: &Document, findings: &[Finding]) -> String {
    let report = FileReport { doc, findings };
    human::render(&report, &human::handler(false, true))
}

fn magnitude_finding(text: &str) -> Finding {
    Finding {
        rule: "magnitude/missing".into(),
        severity: Severity::Warning,
        message: "「68.9平方米」比附近同单位的数字小上千倍，可能漏写了「万」".into(),
        span: finding(text, "68.9平方米", 0),
        primary_label: None,
        labels: vec![
            Label {
                span: finding(text, "40万平方米", 0),
                message: "同单位的数字".into(),
            },
            Label {
                span: finding(text, "90万平方米", 0),
                message: "同单位的数字".into(),
            },
        ],
        help: Some("如果是 68.9万平方米，请补上「万」".into()),
        fix: None,
    }
}

#[test]
fn cjk_finding_header_uses_character_columns() {
    let text = "各位代表：\n开工安置房40万平方米，竣工90万平方米，开竣工安置房68.9平方米。\n";
    let doc = Document::from_text("report.txt", text);
    let out = render(&doc, &[magnitude_finding(text)]);
    // Line 2; "68.9" is the 28th character of that line (its byte column is 74).
    let col = text.lines().nth(1).unwrap().find("68.9").unwrap();
    assert_eq!(col + 1, 74);
    assert!(out.contains("report.txt:2:28"), "{out}");
    insta::assert_snapshot!("cjk_magnitude", out);
}

#[test]
fn long_paragraph_is_windowed_around_the_span() {
    // One 2,000+ character paragraph with the finding in the middle.
    let filler = "全区经济社会保持平稳健康发展，各项事业取得新进展。".repeat(40);
    let text =
        format!("{filler}开竣工安置房68.9平方米，开工安置房40万平方米，竣工90万平方米。{filler}\n");
    let doc = Document::from_text("long.txt", text.clone());
    let out = render(&doc, &[magnitude_finding(&text)]);
    // Terminal columns: CJK characters take two.
    let width = |l: &str| {
        l.chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let widest = out.lines().map(width).max().unwrap();
    assert!(
        widest < 200,
        "a line {widest} columns wide was printed:\n{out}"
    );
    assert!(out.contains("68.9平方米"));
    let col = text[..text.find("68.9").unwrap()].chars().count() + 1;
    assert!(out.contains(&format!("long.txt:1:{col}")), "{out}");
    insta::assert_snapshot!("long_line", out);
}

#[test]
fn a_span_over_many_lines_is_shown_by_its_start() {
    let para = "这一段内容在报告中出现了两次，用于测试跨越多行的重复内容如何显示。\n";
    let text = format!("{}{}", para.repeat(3), para.repeat(3));
    let copy = Span::new(para.len() * 3, text.len() - 1);
    let f = Finding {
        rule: "duplicate/block".into(),
        severity: Severity::Error,
        message: "以下3段与第1行起的内容重复".into(),
        span: copy,
        primary_label: Some("重复的内容".into()),
        labels: vec![Label {
            span: Span::new(0, para.len() * 3 - 1),
            message: "原文".into(),
        }],
        help: None,
        fix: None,
    };
    let doc = Document::from_text("dup.txt", text);
    let out = render(&doc, &[f]);
    assert!(out.contains("dup.txt:4:1"), "{out}");
    assert!(out.contains("到第6行"), "{out}");
    insta::assert_snapshot!("multi_line_span", out);
}

#[test]
fn json_positions_are_one_based_character_columns() {
    let text = "第一行\n开工安置房40万平方米，竣工90万平方米，开竣工安置房68.9平方米。";
    let doc = Document::from_text("r.txt", text);
    let findings = [magnitude_finding(text)];
    let reports = [FileReport {
        doc: &doc,
        findings: &findings,
    }];
    let out = serde_json::to_value(json::output(&reports, &[], 1)).unwrap();
    let f = &out["findings"][0];
    assert_eq!(out["version"], 1);
    assert_eq!(f["path"], "r.txt");
    assert_eq!(f["rule"], "magnitude/missing");
    assert_eq!(f["severity"], "warning");
    let start = text.find("68.9").unwrap();
    assert_eq!(f["span"]["start"], start);
    assert_eq!(f["span"]["end"], start + "68.9平方米".len());
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(28))
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(2), Some(35))
    );
    assert_eq!(f["labels"][0]["message"], "同单位的数字");
    assert_eq!(f["labels"][0]["column"], 6);
    assert_eq!(f["help"], "如果是 68.9万平方米，请补上「万」");
    assert_eq!(out["summary"]["findings"], 1);
    assert_eq!(out["summary"]["by_rule"]["magnitude/missing"], 1);
    assert_eq!(out["summary"]["by_severity"]["warning"], 1);
}
