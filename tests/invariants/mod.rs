//! Invariants checked on arbitrary input, shared by the property tests
//! (`tests/robustness.rs`, proptest) and the cargo-fuzz targets (`fuzz/`,
//! which include this file by path). Each function panics when an invariant
//! breaks; the fuzzers and proptest report the panic with the input.
//!
//! - no panic anywhere (loading, claims, rules, suppressions, baselines,
//!   fixes, every renderer);
//! - every span, label and fix edit on char boundaries and inside the text;
//! - the output of json, sarif, jsonl and junit parses;
//! - a baseline written from the findings reads back and filters them all;
//! - a fix changes no byte outside its finding, never changes markup, and
//!   after the fix rounds a further run changes nothing.

#![allow(dead_code, clippy::string_slice)]

use std::sync::OnceLock;

use reportlint::baseline::Baseline;
use reportlint::claims::{UnitCatalog, extract};
use reportlint::document::Document;
use reportlint::input::{self, InputFormat, LoadOptions};
use reportlint::render::{
    FileReport, InputError, concise, github, human, json, jsonl, junit, sarif,
};
use reportlint::rules::{RuleMeta, RuleSource, load_rules};
use reportlint::span::Span;
use reportlint::{Finding, Linter};

pub fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(Linter::builtin)
}

/// A span is a valid cut of `text`: ordered, inside, on char boundaries.
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// The claim grammar on arbitrary text.
pub fn claims(text: &str) {
    for c in extract(text, UnitCatalog::builtin()) {
        assert_span(text, c.span, "claim");
        assert_span(text, c.number_span, "claim number");
        assert!(c.span.contains(c.number_span), "number outside claim {c:?}");
        assert_eq!(&text[c.span.start..c.span.end], c.text, "claim text");
    }
}

/// Findings of a document: spans, labels and fixes valid in both the text
/// the rules read and the source users see.
pub fn assert_findings(doc: &Document, findings: &[Finding]) {
    for f in findings {
        for text in [doc.text.as_str(), doc.source_text()] {
            assert_span(text, f.span, &f.rule);
            for l in &f.labels {
                assert_span(text, l.span, &format!("{} label", f.rule));
            }
            if let Some(fix) = &f.fix {
                for e in &fix.edits {
                    assert_span(text, e.span, &format!("{} fix", f.rule));
                }
            }
        }
    }
}

/// Load arbitrary bytes as `format` (or detected), lint, suppress, round-trip
/// a baseline, render in every format and check the outputs.
pub fn check_bytes(name: &str, bytes: &[u8], format: Option<InputFormat>) {
    let mut opts = LoadOptions::default();
    if let Some(f) = format {
        opts = opts.with_format(f);
    }
    let doc = match input::from_bytes(name.to_string(), bytes.to_vec(), &opts) {
        Ok(doc) => doc,
        Err(e) => {
            // A clear error, with the file named.
            let msg = e.to_string();
            assert!(!msg.is_empty());
            render_all(&[], &[InputError::read(name, msg)]);
            return;
        }
    };
    check_doc(&doc);
}

pub fn check_doc(doc: &Document) {
    assert_eq!(
        doc.text.len(),
        doc.source_text().len(),
        "text and source differ in length"
    );
    let linter = linter();
    let mut findings = linter.lint(doc).findings;
    assert_findings(doc, &findings);
    let ids: Vec<String> = linter
        .rules
        .rules
        .iter()
        .map(|r| r.meta.id.clone())
        .collect();
    reportlint::suppress::apply(doc, &mut findings, true, &|id| {
        ids.iter()
            .any(|k| reportlint::rules::load::id_matches(k, id))
    });
    assert_findings(doc, &findings);

    // Baseline: write, read back, and every finding is known.
    let mut b = Baseline::new();
    b.record(doc, &findings);
    let json = serde_json::to_string(&b).expect("baseline serializes");
    let back: Baseline = serde_json::from_str(&json).expect("baseline reads back");
    let mut again = findings.clone();
    back.filter(doc, &mut again);
    assert!(again.is_empty(), "baseline did not filter its own findings");

    // --diff: the fixed text is valid and the diff renders.
    if let Some((text, _)) = reportlint::fix::apply(doc, &findings, true) {
        let _ = reportlint::fix::unified_diff(&doc.path, doc.source_text(), &text);
    }

    let reports = [FileReport {
        doc,
        findings: &findings,
    }];
    render_all(&reports, &[]);
}

fn rule_metas() -> Vec<&'static RuleMeta> {
    linter().rules.rules.iter().map(|r| &r.meta).collect()
}

/// Render every format; the machine-readable ones must parse.
pub fn render_all(reports: &[FileReport<'_>], errors: &[InputError]) {
    let files = reports.len() + errors.len();
    let handler = human::handler(false, true);
    let mut out = Vec::new();
    for r in reports {
        human::write(r, &handler, &mut out).unwrap();
        concise::write(r, &mut out).unwrap();
        github::write(r, &mut out).unwrap();
    }
    github::write_errors(errors, &mut out).unwrap();
    String::from_utf8(out).expect("text output is UTF-8");

    let mut out = Vec::new();
    json::write(reports, errors, files, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json parses");
    let n: usize = reports.iter().map(|r| r.findings.len()).sum();
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(n));
    assert_eq!(v["summary"]["files"].as_u64(), Some(files as u64));

    let mut out = Vec::new();
    for r in reports {
        jsonl::write(r, &mut out).unwrap();
    }
    let lines = std::str::from_utf8(&out).expect("jsonl is UTF-8");
    assert_eq!(lines.lines().count(), n);
    for line in lines.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("jsonl line parses");
    }

    let mut out = Vec::new();
    sarif::write(reports, errors, &rule_metas(), &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("sarif parses");
    assert_eq!(v["runs"][0]["results"].as_array().map(Vec::len), Some(n));

    let mut out = Vec::new();
    junit::write(reports, errors, files, &mut out).unwrap();
    xml_well_formed(&out);
}

/// Well-formed XML: quick-xml reads it to the end with matching tags.
pub fn xml_well_formed(xml: &[u8]) {
    let text = std::str::from_utf8(xml).expect("junit is UTF-8");
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                let _ = t.xml10_content();
            }
            Ok(_) => {}
            Err(e) => panic!("junit is not well-formed XML: {e}\n{text}"),
        }
    }
    assert_eq!(depth, 0, "unbalanced junit XML");
}

/// A rule file from arbitrary text: loads or gives errors, never panics; the
/// rules that load run on a small document without panicking.
pub fn rule_file(text: &str) {
    let sources = [RuleSource {
        name: "fuzz.yaml".into(),
        text: text.to_string(),
    }];
    match load_rules(&sources) {
        Ok(set) => {
            let linter = Linter::new(set);
            let doc = Document::from_text(
                "r.txt",
                "全年实现地区生产总值372亿元，增长7.9%%。开竣工安置房68.9平方米，竣工40万平方米。\n\n各项工作稳步推进。\n",
            );
            let findings = linter.lint(&doc).findings;
            assert_findings(&doc, &findings);
        }
        Err(errors) => {
            for e in errors {
                // Rendering the report (with its YAML snippet) must not panic.
                let _ = format!("{e:?}");
            }
        }
    }
}

/// `--fix` on a text document in `format`: each round changes only text of
/// the fixed findings (never markup, never bytes outside them), and the
/// rounds end with nothing left to fix (so a second `--fix` changes nothing).
pub fn fix_round_trip(source: &str, format: InputFormat) {
    let linter = linter();
    let mut doc = input::from_text("f".into(), source.to_string(), format);
    for _round in 0..reportlint::fix::MAX_ROUNDS {
        let findings = linter.lint(&doc).findings;
        assert_findings(&doc, &findings);
        let Some((fixed, which)) = reportlint::fix::apply(&doc, &findings, true) else {
            return;
        };
        assert!(!which.is_empty());
        let old = doc.source_text();
        // Every changed byte is inside a fixed finding and is text (not markup).
        let (prefix, suffix) = common_ends(old.as_bytes(), fixed.as_bytes());
        let changed = Span::new(prefix, old.len() - suffix);
        let allowed: Vec<Span> = which.iter().map(|&i| findings[i].span).collect();
        let edits: Vec<_> = which
            .iter()
            .flat_map(|&i| reportlint::fix::checked_edits(&doc, &findings[i]).unwrap())
            .collect();
        for e in &edits {
            assert!(
                allowed.iter().any(|s| s.contains(e.span)),
                "edit {e:?} outside its finding"
            );
            assert!(
                reportlint::fix::editable(&doc, e.span),
                "edit {e:?} touches markup"
            );
        }
        // Rebuild the fixed text from the edits: nothing else changed.
        let mut rebuilt = String::new();
        let mut at = 0;
        let mut sorted = edits.clone();
        sorted.sort_by_key(|e| (e.span.start, e.span.end));
        for e in &sorted {
            rebuilt.push_str(&old[at..e.span.start]);
            rebuilt.push_str(&e.replacement);
            at = e.span.end;
        }
        rebuilt.push_str(&old[at..]);
        assert_eq!(rebuilt, fixed, "bytes outside the edits changed");
        if !changed.is_empty() {
            assert!(
                sorted
                    .first()
                    .is_some_and(|e| e.span.start <= changed.start),
                "change before the first edit"
            );
        }
        doc = input::from_text("f".into(), fixed, format);
    }
    let findings = linter.lint(&doc).findings;
    assert!(
        reportlint::fix::apply(&doc, &findings, true).is_none(),
        "fixes did not settle after {} rounds",
        reportlint::fix::MAX_ROUNDS
    );
}

fn common_ends(a: &[u8], b: &[u8]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

/// The four input formats, picked by a byte.
pub fn format_of(b: u8) -> Option<InputFormat> {
    match b % 5 {
        0 => Some(InputFormat::Text),
        1 => Some(InputFormat::Markdown),
        2 => Some(InputFormat::Html),
        3 => Some(InputFormat::Docx),
        _ => None,
    }
}
