//! Fixes: apply the edits that findings carry (`--fix`), show them as a unified
//! diff (`--diff`), and write files atomically.

use crate::span::Cut;
use std::io::Write;
use std::path::Path;

use crate::finding::{Applicability, Edit, Finding};

/// The text after applying every allowed fix, and how many findings were fixed.
/// Edits are applied in order; a fix whose edits overlap an earlier one is left
/// for a later run. `None` when nothing applies.
pub fn apply(
    source: &str,
    findings: &[Finding],
    unsafe_fixes: bool,
) -> Option<(String, Vec<usize>)> {
    let mut chosen: Vec<(usize, &Edit)> = Vec::new();
    let mut fixed = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let Some(fix) = &f.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            continue;
        }
        let ok = fix.edits.iter().all(|e| {
            e.span.end <= source.len()
                && source.is_char_boundary(e.span.start)
                && source.is_char_boundary(e.span.end)
                && !taken
                    .iter()
                    .any(|&(a, b)| e.span.start < b && a < e.span.end)
        });
        if !ok || fix.edits.is_empty() {
            continue;
        }
        for e in &fix.edits {
            taken.push((e.span.start, e.span.end));
            chosen.push((i, e));
        }
        fixed.push(i);
    }
    if fixed.is_empty() {
        return None;
    }
    chosen.sort_by_key(|(_, e)| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (_, e) in chosen {
        out.push_str(source.cut(at..e.span.start));
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(source.cut(at..));
    Some((out, fixed))
}

/// A unified diff of a file before and after its fixes.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Replace `path`'s contents: write a temporary file next to it, then rename it
/// over the original, so a crash never leaves a half-written file. The file's
/// permissions are kept.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.reportlint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Severity};
    use crate::span::Span;

    fn finding(span: Span, replacement: &str, applicability: Applicability) -> Finding {
        Finding {
            rule: "t/x".into(),
            severity: Severity::Warning,
            message: String::new(),
            span,
            primary_label: None,
            labels: vec![],
            help: None,
            fix: Some(Fix {
                message: String::new(),
                applicability,
                edits: vec![Edit {
                    span,
                    replacement: replacement.into(),
                }],
            }),
        }
    }

    #[test]
    fn applies_non_overlapping_fixes_and_respects_safety() {
        let text = "增长7.9%%，投资62.51亿万元。";
        let pct = text.find("%%").unwrap();
        let mag = text.find("亿万").unwrap();
        let fs = vec![
            finding(Span::new(pct, pct + 2), "%", Applicability::Safe),
            finding(Span::new(pct + 1, pct + 2), "", Applicability::Safe),
            finding(
                Span::new(mag, mag + "亿万".len()),
                "亿",
                Applicability::Unsafe,
            ),
        ];
        let (out, fixed) = apply(text, &fs, false).unwrap();
        assert_eq!(out, "增长7.9%，投资62.51亿万元。");
        assert_eq!(fixed, vec![0]);
        let (out, fixed) = apply(text, &fs, true).unwrap();
        assert_eq!(out, "增长7.9%，投资62.51亿元。");
        assert_eq!(fixed, vec![0, 2]);
        assert!(apply(text, &[], true).is_none());
    }

    #[test]
    fn diff_has_headers_and_changed_lines() {
        let d = unified_diff("r.txt", "a\n增长7.9%%\nb\n", "a\n增长7.9%\nb\n");
        assert!(d.contains("--- a/r.txt") && d.contains("+++ b/r.txt"));
        assert!(d.contains("-增长7.9%%") && d.contains("+增长7.9%"));
    }
}
