//! The one-screen summary at the end of the human output: findings per rule
//! and severity, the files with findings, the files that could not be read.
//! Long lists are cut so that the summary fits on a screen.

use std::collections::BTreeMap;

use super::{ErrorKind, FileReport, InputError};
use crate::finding::Severity;

/// Rows of rules shown before "… and N more".
pub const MAX_RULES: usize = 12;
/// Files listed (with findings, and unreadable) before "… and N more".
pub const MAX_FILES: usize = 8;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary block (ending with a line break), or an empty string when
/// there is nothing to summarise (no finding and no unreadable file).
pub fn render(reports: &[FileReport<'_>], errors: &[InputError]) -> String {
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();
    if total == 0 && errors.is_empty() {
        return String::new();
    }
    let mut out = String::from("Summary\n");
    if total > 0 {
        let mut by_sev = [0usize; 3];
        let mut by_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
        for f in reports.iter().flat_map(|r| r.findings) {
            by_sev[f.severity as usize] += 1;
            let e = by_rule.entry(&f.rule).or_insert((0, f.severity));
            e.0 += 1;
            e.1 = e.1.max(f.severity);
        }
        let sev: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
            .iter()
            .filter(|s| by_sev[**s as usize] > 0)
            .map(|s| {
                let n = by_sev[*s as usize];
                match s {
                    Severity::Error => plural(n, "error", "errors"),
                    Severity::Warning => plural(n, "warning", "warnings"),
                    Severity::Info => plural(n, "info", "infos"),
                }
            })
            .collect();
        out.push_str(&format!("  {}\n", sev.join(", ")));
        let mut rows: Vec<(&str, (usize, Severity))> = by_rule.into_iter().collect();
        rows.sort_by(|a, b| (b.1.1, b.1.0).cmp(&(a.1.1, a.1.0)).then(a.0.cmp(b.0)));
        for (rule, (n, s)) in rows.iter().take(MAX_RULES) {
            out.push_str(&format!("  {:>5}  {:<8} {rule}\n", n, s.as_str()));
        }
        if rows.len() > MAX_RULES {
            let rest: usize = rows[MAX_RULES..].iter().map(|r| r.1.0).sum();
            out.push_str(&format!(
                "  {:>5}  in {} (see --statistics)\n",
                rest,
                plural(rows.len() - MAX_RULES, "more rule", "more rules")
            ));
        }
        let mut files: Vec<(&str, usize)> = reports
            .iter()
            .filter(|r| !r.findings.is_empty())
            .map(|r| (r.doc.path.as_str(), r.findings.len()))
            .collect();
        out.push_str(&format!(
            "  files with findings: {} of {}\n",
            files.len(),
            reports.len()
        ));
        if reports.len() > 1 {
            files.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            for (path, n) in files.iter().take(MAX_FILES) {
                out.push_str(&format!("  {n:>5}  {path}\n"));
            }
            if files.len() > MAX_FILES {
                out.push_str(&format!(
                    "         … and {}\n",
                    plural(files.len() - MAX_FILES, "more file", "more files")
                ));
            }
        }
    }
    for (kind, title) in [
        (ErrorKind::Read, "could not be read"),
        (ErrorKind::Write, "fixes could not be written"),
    ] {
        let of_kind: Vec<&InputError> = errors.iter().filter(|e| e.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("  {title}: {}\n", of_kind.len()));
        for e in of_kind.iter().take(MAX_FILES) {
            let first = e.message.lines().next().unwrap_or("");
            out.push_str(&format!("         {}: {first}\n", e.path));
        }
        if of_kind.len() > MAX_FILES {
            out.push_str(&format!(
                "         … and {}\n",
                plural(of_kind.len() - MAX_FILES, "more file", "more files")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::finding::Finding;
    use crate::span::Span;

    fn f(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            message: "m".into(),
            span: Span::new(0, 1),
            primary_label: None,
            labels: vec![],
            help: None,
            fix: None,
        }
    }

    #[test]
    fn counts_rules_severities_and_files() {
        let a = Document::from_text("a.txt", "x");
        let b = Document::from_text("b.txt", "x");
        let c = Document::from_text("c.txt", "x");
        let fa = vec![
            f("magnitude/doubled", Severity::Error),
            f("magnitude/doubled", Severity::Error),
            f("relation/share", Severity::Warning),
        ];
        let fb = vec![f("relation/share", Severity::Warning)];
        let reports = [
            FileReport {
                doc: &a,
                findings: &fa,
            },
            FileReport {
                doc: &b,
                findings: &fb,
            },
            FileReport {
                doc: &c,
                findings: &[],
            },
        ];
        let errors = vec![InputError::read("d.txt", "d.txt is not valid UTF-8\nmore")];
        let s = render(&reports, &errors);
        assert_eq!(
            s,
            "Summary\n  2 errors, 2 warnings\n      2  error    magnitude/doubled\n      2  warning  relation/share\n  files with findings: 2 of 3\n      3  a.txt\n      1  b.txt\n  could not be read: 1\n         d.txt: d.txt is not valid UTF-8\n"
        );
        assert_eq!(render(&reports[2..], &[]), "");
    }

    #[test]
    fn long_lists_are_cut_to_a_screen() {
        let docs: Vec<Document> = (0..30)
            .map(|i| Document::from_text(format!("f{i:02}.txt"), "x"))
            .collect();
        let findings: Vec<Vec<Finding>> = (0..30)
            .map(|i| vec![f(&format!("rule/{i:02}"), Severity::Warning)])
            .collect();
        let reports: Vec<FileReport> = docs
            .iter()
            .zip(&findings)
            .map(|(doc, findings)| FileReport { doc, findings })
            .collect();
        let s = render(&reports, &[]);
        assert!(
            s.lines().count() <= 3 + MAX_RULES + 1 + MAX_FILES + 1,
            "{s}"
        );
        assert!(
            s.contains("     18  in 18 more rules (see --statistics)"),
            "{s}"
        );
        assert!(s.contains("… and 22 more files"), "{s}");
    }
}
