//! Baselines: record the current findings (`--write-baseline FILE`), then report
//! only new ones (`--baseline FILE`). A finding's fingerprint hashes its rule,
//! the text it points at and the sentence around it — not its line or offset —
//! so it survives edits elsewhere in the file. Identical fingerprints in one file
//! are told apart by their order.

use crate::span::Cut;
use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::finding::Finding;

pub const VERSION: u32 = 1;

/// FNV-1a, 64 bits: small, stable across versions and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The sentence around `offset`, looking at most 300 bytes each way (so a
/// single huge paragraph stays linear).
fn context(doc: &Document, offset: usize) -> &str {
    let text = &doc.text;
    let mut lo = offset.saturating_sub(300);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (offset + 300).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let stops = ['。', '！', '？', '；', '\n'];
    let start = text.cut(lo..offset).rfind(stops).map_or(lo, |i| {
        lo + i + text.cut(lo + i..).chars().next().map_or(1, char::len_utf8)
    });
    let end = text.cut(offset..hi).find(stops).map_or(hi, |i| offset + i);
    text.cut(start..end)
}

/// Fingerprints of a file's findings, in the same order.
pub fn fingerprints(doc: &Document, findings: &[Finding]) -> Vec<String> {
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let target: String = squash(
                doc.text
                    .cut(f.span.start..f.span.end.min(f.span.start + 600)),
            );
            let h = fnv1a(&[&f.rule, &target, &squash(context(doc, f.span.start))]);
            let n = seen.entry(h).or_default();
            *n += 1;
            format!("{h:016x}-{}", *n)
        })
        .collect()
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// For people reading the file; not used for matching.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

impl Baseline {
    pub fn new() -> Self {
        Baseline {
            version: VERSION,
            findings: Vec::new(),
        }
    }

    pub fn record(&mut self, doc: &Document, findings: &[Finding]) {
        for (f, fp) in findings.iter().zip(fingerprints(doc, findings)) {
            self.findings.push(Entry {
                path: doc.path.clone(),
                rule: f.rule.clone(),
                fingerprint: fp,
                message: f.message.clone(),
            });
        }
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        crate::fix::write_atomic(path, format!("{json}\n").as_bytes())
    }

    pub fn load(path: &Path) -> Result<Self, miette::Report> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            miette::miette!(
                code = "baseline::io",
                "cannot read baseline {}: {e}",
                path.display()
            )
        })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            miette::miette!(
                code = "baseline::invalid",
                "{} is not a reportlint baseline: {e}",
                path.display()
            )
        })?;
        if b.version != VERSION {
            return Err(miette::miette!(
                code = "baseline::version",
                "{}: baseline version {} is not supported (expected {VERSION})",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    /// Drop the findings the baseline already records for this file.
    pub fn filter(&self, doc: &Document, findings: &mut Vec<Finding>) {
        let known: rustc_hash::FxHashSet<(&str, &str)> = self
            .findings
            .iter()
            .filter(|e| e.path == doc.path)
            .map(|e| (e.rule.as_str(), e.fingerprint.as_str()))
            .collect();
        if known.is_empty() {
            return;
        }
        let fps = fingerprints(doc, findings);
        let mut i = 0;
        findings.retain(|f| {
            let keep = !known.contains(&(f.rule.as_str(), fps[i].as_str()));
            i += 1;
            keep
        });
    }
}

impl Default for Baseline {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    #[test]
    fn fingerprints_survive_edits_elsewhere() {
        let a = "全年完成固定资产投资62.51亿万元。\n";
        let b = "各位代表：\n新增一段文字，行号都变了。\n全年完成固定资产投资62.51亿万元。\n";
        let linter = Linter::builtin();
        let (da, db) = (
            Document::from_text("r.txt", a),
            Document::from_text("r.txt", b),
        );
        let (fa, fb) = (linter.lint(&da).findings, linter.lint(&db).findings);
        assert_eq!(fa.len(), 1);
        assert_eq!(fingerprints(&da, &fa), fingerprints(&db, &fb));
        let mut base = Baseline::new();
        base.record(&da, &fa);
        let mut later = fb.clone();
        base.filter(&db, &mut later);
        assert!(later.is_empty());
        // A new, different finding is still reported.
        let c = format!("{b}拨付资金5万万元。\n");
        let dc = Document::from_text("r.txt", c);
        let mut fc = linter.lint(&dc).findings;
        base.filter(&dc, &mut fc);
        assert_eq!(fc.len(), 1);
        assert!(dc.text[fc[0].span.start..fc[0].span.end].contains("5万万元"));
    }
}
