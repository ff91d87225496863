//! Fixes: apply the edits that findings carry (`--fix`), show them as a unified
//! diff (`--diff`), and write files back safely.
//!
//! A fix only ever changes text of its finding: each edit is first shrunk to
//! the bytes that really change (the common start and end of the old text and
//! the replacement are kept), and an edit that would still change markup — a
//! byte that Markdown or HTML conversion blanked out, such as `</b>` or `**` —
//! is not applied. Edits outside the document, inside a character, or outside
//! their finding's span are refused too.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::finding::{Applicability, Edit, Finding};
use crate::span::{Cut, Span};

/// Most rounds of fix → re-lint that `--fix` runs on one file, as ruff does:
/// a fix that overlaps another, or that makes a new finding (7.9%%% needs
/// two), is applied in the next round.
pub const MAX_ROUNDS: usize = 10;

/// `edit` shrunk to the bytes it changes: the common prefix and suffix of the
/// old text and the replacement are left alone (whole characters only).
pub fn minimal_edit(source: &str, edit: &Edit) -> Edit {
    let old = source.cut(edit.span.start..edit.span.end);
    let new = edit.replacement.as_str();
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let (old_rest, new_rest) = (old.cut(prefix..), new.cut(prefix..));
    let suffix: usize = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let start = edit.span.start + prefix;
    let end = edit.span.end - suffix;
    Edit {
        span: Span::new(start, end.max(start)),
        replacement: new_rest.cut(..new_rest.len() - suffix).to_string(),
    }
}

/// Whether `span` of the document may be rewritten: inside the text, on char
/// boundaries, and covering only text (no markup that conversion blanked).
pub fn editable(doc: &Document, span: Span) -> bool {
    let source = doc.source_text();
    if span.start > span.end
        || span.end > source.len()
        || !source.is_char_boundary(span.start)
        || !source.is_char_boundary(span.end)
    {
        return false;
    }
    // Where `text` and `source` differ, the source byte is markup.
    let (text, src) = (doc.text.as_bytes(), source.as_bytes());
    text.len() == src.len() && text[span.start..span.end] == src[span.start..span.end]
}

/// The edits of `finding`'s fix as they would be applied (each shrunk to what
/// it changes), or `None` when the fix must not be applied: an edit outside
/// the finding's span, inside a character, or over markup.
pub fn checked_edits(doc: &Document, finding: &Finding) -> Option<Vec<Edit>> {
    let fix = finding.fix.as_ref()?;
    if fix.edits.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(fix.edits.len());
    for e in &fix.edits {
        if !finding.span.contains(e.span) || !editable(doc, e.span) {
            return None;
        }
        let e = minimal_edit(doc.source_text(), e);
        if !editable(doc, e.span) {
            return None;
        }
        out.push(e);
    }
    Some(out)
}

/// The source text after applying every allowed fix, and the indices of the
/// findings fixed. Edits are applied in order; a fix whose edits overlap an
/// earlier one is left for a later round. `None` when nothing applies.
pub fn apply(
    doc: &Document,
    findings: &[Finding],
    unsafe_fixes: bool,
) -> Option<(String, Vec<usize>)> {
    let source = doc.source_text();
    let mut chosen: Vec<Edit> = Vec::new();
    let mut fixed = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let Some(fix) = &f.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            continue;
        }
        let Some(edits) = checked_edits(doc, f) else {
            continue;
        };
        let overlaps = edits.iter().any(|e| {
            chosen.iter().any(|c| {
                (e.span.start < c.span.end && c.span.start < e.span.end)
                    // Two insertions at one place would depend on order.
                    || (e.span.is_empty() && c.span.is_empty() && e.span.start == c.span.start)
            })
        });
        if overlaps
            || edits
                .iter()
                .all(|e| e.span.is_empty() && e.replacement.is_empty())
        {
            continue;
        }
        chosen.extend(edits);
        fixed.push(i);
    }
    if fixed.is_empty() {
        return None;
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in &chosen {
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

/// Write fixed contents back to `path`, which was read as `old`.
///
/// - A symbolic link is followed: the file it points to is fixed and the link
///   stays a link.
/// - If the file changed since it was read, nothing is written (an error).
/// - The file keeps its permissions and its owner and group.
/// - A file with several hard links is rewritten in place, so every name sees
///   the fix; other files are written to a temporary file that is renamed
///   over the original, so a crash never leaves half a file.
pub fn write_fixed(path: &Path, old: &[u8], contents: &[u8]) -> std::io::Result<()> {
    let real = std::fs::canonicalize(path)?;
    if std::fs::read(&real)? != old {
        return Err(std::io::Error::other(
            "the file changed since it was read; run reportlint again",
        ));
    }
    write_atomic(&real, contents)
}

/// Replace a file's contents: resolve symbolic links, keep the permissions
/// and owner, keep hard links (by writing in place), and otherwise write a
/// temporary file next to it and rename it over the original. A path that
/// does not exist yet is created.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let (real, meta) = match std::fs::canonicalize(path) {
        Ok(real) => {
            let meta = std::fs::metadata(&real)?;
            (real, Some(meta))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling symbolic link is written through to its target.
            match std::fs::read_link(path) {
                Ok(target) => (path.parent().unwrap_or(Path::new(".")).join(target), None),
                Err(_) => (path.to_path_buf(), None),
            }
        }
        Err(e) => return Err(e),
    };
    if let Some(meta) = &meta {
        if !meta.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        if hard_linked(meta) {
            return write_in_place(&real, contents);
        }
    }
    match write_renamed(&real, contents, meta.as_ref()) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && meta.is_some() => {
            // The folder is not writable, or the owner cannot be kept by a new
            // file (we are not root): write into the existing file instead.
            write_in_place(&real, contents)
        }
        other => other,
    }
}

#[cfg(unix)]
fn hard_linked(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn hard_linked(_meta: &std::fs::Metadata) -> bool {
    false
}

/// Overwrite the file's bytes (same inode: owner, mode and hard links kept).
fn write_in_place(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
    f.write_all(contents)?;
    f.set_len(contents.len() as u64)?;
    f.sync_all()
}

fn temp_path(real: &Path) -> PathBuf {
    let dir = real
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.reportlint-{}.tmp", std::process::id()))
}

fn write_renamed(
    real: &Path,
    contents: &[u8],
    meta: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    let tmp = temp_path(real);
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(contents)?;
        if let Some(meta) = meta {
            keep_owner(&f, meta)?;
            f.set_permissions(meta.permissions())?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, real)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn keep_owner(f: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let now = f.metadata()?;
    if now.uid() == meta.uid() && now.gid() == meta.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(f, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
        if e.raw_os_error() == Some(1) {
            // EPERM: only root may give a file away.
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, e)
        } else {
            e
        }
    })
}

#[cfg(not(unix))]
fn keep_owner(_f: &std::fs::File, _meta: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Severity};
    use crate::input::InputFormat;

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
        let doc = Document::from_text("r.txt", text);
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
        let (out, fixed) = apply(&doc, &fs, false).unwrap();
        assert_eq!(out, "增长7.9%，投资62.51亿万元。");
        assert_eq!(fixed, vec![0]);
        let (out, fixed) = apply(&doc, &fs, true).unwrap();
        assert_eq!(out, "增长7.9%，投资62.51亿元。");
        assert_eq!(fixed, vec![0, 2]);
        assert!(apply(&doc, &[], true).is_none());
    }

    #[test]
    fn edits_shrink_to_what_changes() {
        let src = "增长7.9%%。";
        let start = src.find('7').unwrap();
        let e = Edit {
            span: Span::new(start, start + "7.9%%".len()),
            replacement: "7.9%".into(),
        };
        let m = minimal_edit(src, &e);
        assert_eq!(m.replacement, "");
        assert_eq!(m.span.len(), 1);
        assert_eq!(&src[m.span.start..m.span.end], "%");
        // A real change keeps its bytes; an identical replacement becomes empty.
        let e2 = Edit {
            span: Span::new(0, "增长".len()),
            replacement: "下降".into(),
        };
        assert_eq!(minimal_edit(src, &e2), e2);
        let same = Edit {
            span: Span::new(0, 3),
            replacement: "增".into(),
        };
        assert!(minimal_edit(src, &same).span.is_empty());
    }

    #[test]
    fn fixes_over_markup_are_not_applied() {
        for (src, format) in [
            ("<p>增长<b>7.9%</b>%。</p>\n", InputFormat::Html),
            ("增长**7.9%**%。\n", InputFormat::Markdown),
        ] {
            let doc = Document::from_source("r", src, format);
            let s = doc.text.find('7').unwrap();
            let e = doc.text.rfind('%').unwrap() + 1;
            let f = finding(Span::new(s, e), "7.9%", Applicability::Safe);
            assert!(checked_edits(&doc, &f).is_none(), "{src}");
            assert!(apply(&doc, &[f], true).is_none(), "{src}");
        }
        // The same fix in plain text, and in Markdown without markup inside, applies.
        let doc = Document::from_source("r", "增长**7.9%%**。\n", InputFormat::Markdown);
        let s = doc.text.find('7').unwrap();
        let f = finding(Span::new(s, s + "7.9%%".len()), "7.9%", Applicability::Safe);
        assert_eq!(apply(&doc, &[f], false).unwrap().0, "增长**7.9%**。\n");
    }

    #[test]
    fn edits_outside_their_finding_or_inside_a_character_are_refused() {
        let text = "增长7.9%%。";
        let doc = Document::from_text("r.txt", text);
        let mut f = finding(Span::new(0, 3), "", Applicability::Safe);
        f.fix.as_mut().unwrap().edits[0].span = Span::new(3, 6);
        assert!(apply(&doc, &[f], true).is_none());
        let g = finding(Span::new(1, 3), "", Applicability::Safe);
        assert!(apply(&doc, &[g], true).is_none());
        let h = finding(Span::new(0, 100), "", Applicability::Safe);
        assert!(apply(&doc, &[h], true).is_none());
    }

    #[test]
    fn diff_has_headers_and_changed_lines() {
        let d = unified_diff("r.txt", "a\n增长7.9%%\nb\n", "a\n增长7.9%\nb\n");
        assert!(d.contains("--- a/r.txt") && d.contains("+++ b/r.txt"));
        assert!(d.contains("-增长7.9%%") && d.contains("+增长7.9%"));
    }
}
