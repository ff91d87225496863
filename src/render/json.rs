//! The JSON output. Schema version 1 (documented in docs/output.md):
//!
//! ```json
//! {"version": 1,
//!  "findings": [{"path", "rule", "severity", "message",
//!                "span": {"start", "end"}, "line", "column", "end_line", "end_column",
//!                "labels": [{"message", "span", "line", "column", "end_line", "end_column"}],
//!                "help", "locator"}],
//!  "errors": [{"path", "message", "kind": "read" | "write"}],
//!  "summary": {"files", "findings", "errors", "by_severity": {...}, "by_rule": {...}}}
//! ```
//! Spans are byte offsets into the UTF-8 text; lines and columns are 1-based,
//! columns count characters, and `end_*` is the position just after the span.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{FileReport, InputError};
use crate::span::Span;

pub const SCHEMA_VERSION: u32 = 1;

/// A span with its 1-based start and end positions (character columns).
#[derive(Serialize)]
pub struct JsonRange {
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl JsonRange {
    fn new(report: &FileReport<'_>, span: Span) -> Self {
        let (s, e) = (report.position(span.start), report.position(span.end));
        JsonRange {
            span,
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
        }
    }
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub message: &'a str,
    #[serde(flatten)]
    pub range: JsonRange,
}

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    #[serde(flatten)]
    pub range: JsonRange,
    pub labels: Vec<JsonLabel<'a>>,
    pub help: Option<&'a str>,
    /// Where the finding is in a document without lines a user can open
    /// (DOCX: 第3段, 表1 第5行 第3列); `null` otherwise.
    pub locator: Option<&'a str>,
}

#[derive(Serialize, Default)]
pub struct Summary {
    /// Inputs, each counted once (read or not).
    pub files: usize,
    pub findings: usize,
    pub errors: usize,
    pub by_severity: BTreeMap<String, usize>,
    pub by_rule: BTreeMap<String, usize>,
}

/// The whole JSON document. Findings are serialized one at a time from the
/// reports (never collected), so memory stays flat with many findings.
#[derive(Serialize)]
pub struct JsonOutput<'a> {
    pub version: u32,
    pub findings: AllFindings<'a>,
    pub errors: &'a [InputError],
    pub summary: Summary,
}

/// Every finding of every report, as a lazily serialized sequence.
pub struct AllFindings<'a>(pub &'a [FileReport<'a>]);

impl Serialize for AllFindings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let n = self.0.iter().map(|r| r.findings.len()).sum();
        let mut seq = s.serialize_seq(Some(n))?;
        for r in self.0 {
            for f in r.findings {
                seq.serialize_element(&JsonFinding::new(r, f))?;
            }
        }
        seq.end()
    }
}

impl<'a> JsonFinding<'a> {
    pub fn new(report: &FileReport<'a>, f: &'a crate::finding::Finding) -> Self {
        JsonFinding {
            path: &report.doc.path,
            rule: &f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            range: JsonRange::new(report, f.span),
            labels: f
                .labels
                .iter()
                .map(|l| JsonLabel {
                    message: &l.message,
                    range: JsonRange::new(report, l.span),
                })
                .collect(),
            help: f.help.as_deref(),
            locator: report.doc.locator_at(f.span.start),
        }
    }
}

pub fn findings<'a>(report: &FileReport<'a>) -> Vec<JsonFinding<'a>> {
    report
        .findings
        .iter()
        .map(|f| JsonFinding::new(report, f))
        .collect()
}

/// The whole JSON document for a run over `files` inputs (read or not).
pub fn output<'a>(
    reports: &'a [FileReport<'a>],
    errors: &'a [InputError],
    files: usize,
) -> JsonOutput<'a> {
    let mut summary = Summary {
        files,
        errors: errors.len(),
        ..Summary::default()
    };
    for r in reports {
        for f in r.findings {
            *summary
                .by_severity
                .entry(f.severity.as_str().to_string())
                .or_default() += 1;
            *summary.by_rule.entry(f.rule.clone()).or_default() += 1;
            summary.findings += 1;
        }
    }
    JsonOutput {
        version: SCHEMA_VERSION,
        findings: AllFindings(reports),
        errors,
        summary,
    }
}

/// Write the JSON document (pretty-printed, then a newline).
pub fn write(
    reports: &[FileReport<'_>],
    errors: &[InputError],
    files: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &output(reports, errors, files))?;
    out.write_all(b"\n")
}
