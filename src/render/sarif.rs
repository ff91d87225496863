//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers.
//! Columns are Unicode code points (`columnKind: unicodeCodePoints`), which is
//! what reportlint counts everywhere.

use serde::Serialize;
use serde_json::{Value, json};

use super::{FileReport, InputError};
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

/// The `rules` of the tool's driver.
fn driver_rules(rules: &[&RuleMeta]) -> Vec<Value> {
    rules
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
        .collect()
}

/// One result (a small tree, built and dropped one finding at a time).
fn result(
    report: &FileReport<'_>,
    f: &crate::finding::Finding,
    fingerprint: &str,
    rule_index: Option<usize>,
) -> Value {
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
    if let Some(i) = rule_index {
        result["ruleIndex"] = json!(i);
    }
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

/// The results of every report, serialized lazily.
struct Results<'a> {
    reports: &'a [FileReport<'a>],
    rules: &'a [&'a RuleMeta],
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let index: rustc_hash::FxHashMap<&str, usize> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let n = self.reports.iter().map(|r| r.findings.len()).sum();
        let mut seq = s.serialize_seq(Some(n))?;
        for report in self.reports {
            let fingerprints = crate::baseline::fingerprints(report.doc, report.findings);
            for (f, fp) in report.findings.iter().zip(&fingerprints) {
                let i = index.get(f.rule.as_str()).copied();
                seq.serialize_element(&result(report, f, fp, i))?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Value,
    invocations: Value,
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    results: Results<'a>,
}

/// Write the SARIF log (pretty-printed, then a newline), streaming the results.
pub fn write(
    reports: &[FileReport<'_>],
    errors: &[InputError],
    rules: &[&RuleMeta],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } }],
            })
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({
                "driver": {
                    "name": "reportlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": driver_rules(rules),
                }
            }),
            invocations: json!([{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }]),
            column_kind: "unicodeCodePoints",
            results: Results { reports, rules },
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}
