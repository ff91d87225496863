//! `--format github`: GitHub Actions workflow commands, which show as
//! annotations on the pull request:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use super::FileReport;
use crate::finding::Severity;

/// Escape the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &FileReport<'_>) -> String {
    let mut out = Vec::new();
    let _ = write(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// One `::error` command per input that could not be read or written.
pub fn write_errors(
    errors: &[super::InputError],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for e in errors {
        writeln!(
            out,
            "::error file={}::{}",
            escape_property(&e.path),
            escape_data(&e.message)
        )?;
    }
    Ok(())
}

pub fn write(report: &FileReport<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for f in report.findings {
        let (s, e) = (report.position(f.span.start), report.position(f.span.end));
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(h) = &f.help {
            message.push('\n');
            message.push_str(h);
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&report.doc.path),
            s.line,
            s.column,
            e.line,
            e.column,
            escape_property(&format!("reportlint {}", f.rule)),
            escape_data(&message),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\nx"), "50%25%0Ax");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
