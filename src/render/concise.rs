//! `--format concise`: one line per finding, `path:line:col: severity[rule]: message`,
//! rendered with codespan-reporting's short style (which counts character columns).

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, DisplayStyle};

use super::FileReport;
use crate::finding::Severity;

pub fn render(report: &FileReport<'_>) -> String {
    let file = SimpleFile::new(report.doc.path.as_str(), report.doc.source_text());
    let config = Config {
        display_style: DisplayStyle::Short,
        ..Config::default()
    };
    let mut out = String::new();
    for f in report.findings {
        let severity = match f.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let diag = Diagnostic::new(severity)
            .with_code(f.rule.as_str())
            .with_message(f.message.as_str())
            .with_labels(vec![Label::primary((), f.span.start..f.span.end)]);
        if term::emit_to_string(&mut out, &config, &file, &diag).is_err() {
            // Only possible with a span outside the text, which would be a bug:
            // keep the finding visible rather than drop it.
            let p = report.position(f.span.start);
            out.push_str(&format!(
                "{}:{}:{}: {}[{}]: {}\n",
                report.doc.path,
                p.line,
                p.column,
                f.severity.as_str(),
                f.rule,
                f.message
            ));
        }
    }
    out
}
