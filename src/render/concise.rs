//! `--format concise`: one line per finding,
//! `path:line:column: severity[rule]: message`, the column counted in
//! characters. Positions come from the document's line index, so a
//! 50 MB single-line file with many findings renders in linear time.

use std::io::Write;

use super::FileReport;

/// The severity word shown: `error`, `warning`, `info`.
pub fn line(report: &FileReport<'_>, f: &crate::finding::Finding) -> String {
    let p = report.position(f.span.start);
    format!(
        "{}:{}:{}: {}[{}]: {}\n",
        report.doc.path,
        p.line,
        p.column,
        f.severity.as_str(),
        f.rule,
        f.message.replace(['\n', '\r'], " ")
    )
}

pub fn write(report: &FileReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    for f in report.findings {
        out.write_all(line(report, f).as_bytes())?;
    }
    Ok(())
}

/// The lines of one file as a string.
pub fn render(report: &FileReport<'_>) -> String {
    let mut out = Vec::new();
    let _ = write(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
