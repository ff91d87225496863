//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers.
//! Columns are Unicode code points (`columnKind: unicodeCodePoints`), which is
//! what reportlint counts everywhere.

use serde_json::{Value, json};

use super::FileReport;
use crate::finding::Severity;
use crate::rules::RuleMeta;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(report: &FileReport<'_>, span: crate::span::Span) -> Value {
    let (s, e) = (report.position(span.start), report.position(span.end));
    json!({
        "startLine": s.line,
        "startColumn": s.column,
        "endLine": e.line,
        "endColumn": e.column,
    })
}

/// A relative path as a URI reference (percent-encoding what URIs cannot hold).
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn render(
    reports: &[FileReport<'_>],
    errors: &[(String, String)],
    rules: &[&RuleMeta],
) -> Value {
    let rule_index = |id: &str| rules.iter().position(|r| r.id == id);
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            let mut help = r.description.clone().unwrap_or_else(|| r.message.clone());
            if let Some(h) = &r.help {
                help.push_str("\n\n");
                help.push_str(h);
            }
            json!({
                "id": r.id,
                "name": r.id.replace(['/', '-'], "_"),
                "shortDescription": { "text": r.description.as_deref().unwrap_or(&r.message).lines().next().unwrap_or("").trim() },
                "fullDescription": { "text": r.description.as_deref().unwrap_or(&r.message).trim() },
                "help": { "text": help.trim() },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "kind": r.kind },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let fingerprints = crate::baseline::fingerprints(report.doc, report.findings);
        for (f, fingerprint) in report.findings.iter().zip(fingerprints) {
            let location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&report.doc.path) },
                    "region": region(report, f.span),
                }
            });
            let related: Vec<Value> = f
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "message": { "text": l.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&report.doc.path) },
                            "region": region(report, l.span),
                        }
                    })
                })
                .collect();
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push('\n');
                text.push_str(h);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [location],
                "partialFingerprints": { "reportlint/v1": fingerprint },
            });
            if let Some(i) = rule_index(&f.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = errors
        .iter()
        .map(|(path, message)| {
            json!({
                "level": "error",
                "message": { "text": message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(path) } } }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "reportlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": driver_rules,
                }
            },
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
