//! Graphical output through miette. The document is shown through
//! [`WindowedSource`], which serves miette only a window of a few dozen
//! characters around each span (a 2,000-character paragraph is one line in a
//! report) and names each snippet `path:line:column` with a *character*
//! column, since miette's own column counts bytes.

use crate::span::Cut;
use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::FileReport;
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::span::Span;

/// Characters shown on each side of a span on a long line.
pub const WINDOW_CHARS: usize = 30;

/// A view of a document that cuts long lines to a window around the span read.
pub struct WindowedSource<'a> {
    doc: &'a Document,
    window: usize,
}

impl<'a> WindowedSource<'a> {
    pub fn new(doc: &'a Document, window: usize) -> Self {
        WindowedSource { doc, window }
    }

    /// Byte offset `n` characters before `offset`, not before `floor`.
    fn back(&self, offset: usize, floor: usize, n: usize) -> usize {
        if n == 0 {
            return offset;
        }
        self.doc
            .source_text()
            .cut(floor..offset)
            .char_indices()
            .rev()
            .nth(n - 1)
            .map(|(i, _)| floor + i)
            .unwrap_or(floor)
    }

    /// Byte offset `n` characters after `offset`, not after `ceil`.
    fn forward(&self, offset: usize, ceil: usize, n: usize) -> usize {
        let s = self.doc.source_text().cut(offset..ceil);
        s.char_indices()
            .nth(n)
            .map(|(i, _)| offset + i)
            .unwrap_or(ceil)
    }

    /// Whether 0-based `line` has at most `max` characters (looking at no
    /// more than `max + 1` of them, so a huge neighbouring line costs nothing).
    fn line_fits(&self, line: usize, max: usize) -> bool {
        let t = self.doc.source_text();
        t.cut(self.doc.lines.line_start(line)..self.doc.lines.line_end(t, line))
            .chars()
            .take(max + 1)
            .count()
            <= max
    }
}

impl SourceCode for WindowedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.doc.source_text();
        let lines = &self.doc.lines;
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = lines.line_of(start);
        let last = lines.line_of(if end > start { end - 1 } else { end });
        let first_start = lines.line_start(first);
        let last_end = lines.line_end(text, last).max(end);

        // Before the span: the window on its own line, then whole earlier lines
        // only while they are short enough to show in full.
        let mut data_start = self.back(start, first_start, self.window);
        let mut top = first;
        if data_start == first_start {
            for _ in 0..before {
                if top == 0 || !self.line_fits(top - 1, 2 * self.window) {
                    break;
                }
                top -= 1;
                data_start = lines.line_start(top);
            }
        }
        // After the span: the same, forwards.
        let mut data_end = self.forward(end, last_end, self.window);
        if data_end == last_end {
            let mut bottom = last;
            for _ in 0..after {
                if bottom + 1 >= lines.line_count() || !self.line_fits(bottom + 1, 2 * self.window)
                {
                    break;
                }
                bottom += 1;
                data_end = lines.line_end(text, bottom);
            }
        }
        let top_line = lines.line_of(data_start);
        let pos = self.doc.position(start);
        // Characters before the window on its line, from the line index (not by
        // counting from the line's start: that would be quadratic on one long line).
        let column = self.doc.position(data_start).column - 1;
        let line_count = lines.line_of(data_end) - top_line + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            format!("{}:{}:{}", self.doc.path, pos.line, pos.column),
            &text.as_bytes()[data_start..data_end],
            SourceSpan::new(data_start.into(), data_end - data_start),
            top_line,
            column,
            line_count,
        )))
    }
}

/// One finding as a miette diagnostic.
pub struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: WindowedSource<'a>,
    labels: Vec<LabeledSpan>,
}

impl<'a> FindingDiagnostic<'a> {
    pub fn new(doc: &'a Document, finding: &'a Finding) -> Self {
        let shown = |span: Span, label: String, primary: bool| {
            let (span, label) = display_span(doc, span, label);
            let s = SourceSpan::new(span.start.into(), span.len());
            if primary {
                LabeledSpan::new_primary_with_span(Some(label), s)
            } else {
                LabeledSpan::new_with_span(Some(label), s)
            }
        };
        let mut primary = finding
            .primary_label
            .clone()
            .unwrap_or_else(|| "这里".to_string());
        if let Some(at) = doc.locator_at(finding.span.start) {
            primary = format!("{primary}（{at}）");
        }
        let mut labels = vec![shown(finding.span, primary, true)];
        labels.extend(
            finding
                .labels
                .iter()
                .map(|l| shown(l.span, l.message.clone(), false)),
        );
        FindingDiagnostic {
            finding,
            source: WindowedSource::new(doc, WINDOW_CHARS),
            labels,
        }
    }
}

/// A span that runs over several lines or very far is shown by its start only,
/// with the label saying where it ends (the JSON output keeps the exact span).
fn display_span(doc: &Document, span: Span, label: String) -> (Span, String) {
    let text = doc.source_text();
    let line = doc.lines.line_of(span.start);
    let line_end = doc.lines.line_end(text, line);
    let max_end = text
        .cut(span.start..line_end.max(span.start))
        .char_indices()
        .nth(2 * WINDOW_CHARS)
        .map(|(i, _)| span.start + i)
        .unwrap_or(line_end.max(span.start));
    if span.end <= max_end {
        return (span, label);
    }
    let end = doc.position(span.end);
    let cut = Span::new(span.start, max_end.min(span.end).max(span.start));
    (
        cut,
        format!("{label}（到第{}行第{}列）", end.line, end.column),
    )
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("finding", self.finding)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// The graphical handler we use: unicode or ASCII, colour or not, and the
/// header naming `path:line:column` with character columns (from our source).
pub fn handler(color: bool, unicode: bool) -> GraphicalReportHandler {
    let theme = match (unicode, color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    GraphicalReportHandler::new_themed(theme)
        .without_primary_span_start()
        .with_context_lines(1)
        .with_width(140)
        .with_links(false)
}

/// Render one file's findings.
pub fn render(report: &FileReport<'_>, handler: &GraphicalReportHandler) -> String {
    let mut out = Vec::new();
    let _ = write(report, handler, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write one file's findings, one diagnostic at a time.
pub fn write(
    report: &FileReport<'_>,
    handler: &GraphicalReportHandler,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = String::new();
    for finding in report.findings {
        out.clear();
        let diag = FindingDiagnostic::new(report.doc, finding);
        // Writing into a String cannot fail; a render error would be a bug in
        // our SourceCode, so show it rather than lose the finding.
        if let Err(e) = handler.render_report(&mut out, &diag) {
            out.push_str(&format!("{}: {} ({e})\n", finding.rule, finding.message));
        }
        out.push('\n');
        w.write_all(out.as_bytes())?;
    }
    Ok(())
}
