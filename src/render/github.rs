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
    let mut out = String::new();
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
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&report.doc.path),
            s.line,
            s.column,
            e.line,
            e.column,
            escape_property(&format!("reportlint {}", f.rule)),
            escape_data(&message),
        ));
    }
    out
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
