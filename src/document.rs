//! Stage 1: load a document's text.
//!
//! Reading files (encodings, Markdown, HTML, DOCX, tables) lives in
//! [`crate::input`]; this module holds the loaded [`Document`] and the errors.

use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

use crate::input::{self, Heading, InputFormat, LoadOptions, Table};
use crate::span::{Cut, LineIndex, Span};

/// A loaded document: its display path, the text the rules read, and a line
/// index for positions.
///
/// For formats with markup (Markdown, HTML) `text` is the source with the
/// markup blanked out byte for byte, so every span into `text` is also a span
/// into the source; `source` then holds the original, which is what users see
/// and what lines and columns are counted in. For DOCX, `text` is built from
/// the document's paragraphs and table cells (one per line), `source` is
/// `None`, and [`Document::locator`] says where each line came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub text: String,
    /// The original text when it differs from `text` (same length).
    pub source: Option<String>,
    /// Line index of [`Document::source_text`].
    pub lines: LineIndex,
    /// The format the text was read as.
    pub format: InputFormat,
    /// The encoding the bytes were decoded from (`None` for text given in memory
    /// and for DOCX, which is always UTF-8 XML inside).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Tables found in the document, in order (spans into `text`).
    pub tables: Vec<Table>,
    /// Headings the markup declares (Markdown `#`, HTML `<h1>`…`<h6>`, DOCX
    /// heading styles), in order. Plain text has none: the segmenter decides.
    pub headings: Vec<Heading>,
    /// Where each line of `text` is in the original (DOCX: "第12段",
    /// "表2 第3行 第4列"), indexed by 0-based line; empty when not applicable.
    pub locators: Vec<String>,
    /// Problems found while reading the document that the user should see
    /// as findings (an unclosed `<!--` that hides the rest of a Markdown or
    /// HTML file). [`crate::Linter::lint`] reports them with the rules' findings.
    pub warnings: Vec<crate::finding::Finding>,
}

/// Why a document could not be read. Each is reported and the run exits 2;
/// the other files are still linted.
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    /// The reason is in the message (not also a `source`, which miette would
    /// print a second time).
    #[error("cannot read {path}: {error}")]
    #[diagnostic(code(input::io))]
    Io { path: String, error: std::io::Error },
    /// Kept for callers that match on it; the loader now reports
    /// [`LoadError::Undecodable`] instead.
    #[error("{path} is not valid UTF-8 (first invalid byte at offset {offset})")]
    #[diagnostic(
        code(input::encoding),
        help(
            "convert the file first, e.g. `iconv -f GBK -t UTF-8`, or name its encoding with --encoding"
        )
    )]
    NotUtf8 { path: String, offset: usize },
    #[error(
        "{path} is not valid {encoding} text (first undecodable byte at offset {offset}, line {line})"
    )]
    #[diagnostic(
        code(input::encoding),
        help(
            "reportlint reads UTF-8, UTF-16 and GB18030/GBK; repair the damaged bytes, name the encoding with --encoding, or convert the file, e.g. `iconv -f BIG5 -t UTF-8`"
        )
    )]
    Undecodable {
        path: String,
        encoding: &'static str,
        offset: usize,
        /// 1-based line of `offset` (counting `\n` bytes before it).
        line: usize,
    },
    #[error("{path} is too large: {what}, over the limit of {limit}")]
    #[diagnostic(
        code(input::too_large),
        help(
            "the limit keeps a runaway or hostile input (a ZIP bomb, a huge log) from exhausting memory; raise it with --max-file-size (e.g. --max-file-size 512M, or 0 for no limit)"
        )
    )]
    TooLarge {
        path: String,
        what: String,
        limit: String,
    },
    #[error("{path} is {kind}, not a file reportlint can read")]
    #[diagnostic(
        code(input::not_a_file),
        help("to lint a stream, pipe it to `reportlint check -` (standard input)")
    )]
    NotAFile { path: String, kind: &'static str },
    #[error("{path} looks like a binary file, not text (NUL byte at offset {offset})")]
    #[diagnostic(
        code(input::binary),
        help(
            "reportlint reads plain text, Markdown, HTML and DOCX; export other formats (PDF, DOC, WPS) to one of these first"
        )
    )]
    Binary { path: String, offset: usize },
    #[error("{path} is not a readable DOCX file: {reason}")]
    #[diagnostic(
        code(input::docx),
        help(
            "a .docx file is a ZIP archive holding word/document.xml; re-save it from Word or LibreOffice as .docx (an old binary .doc must be converted)"
        )
    )]
    BadDocx { path: String, reason: String },
}

impl Document {
    /// A plain-text document from text already in memory (tests, stdin, the
    /// bundled sample). Tables laid out with spaces are detected.
    pub fn from_text(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        if text.starts_with('\u{feff}') {
            // A UTF-8 byte-order mark is not part of the text; spans stay relative to
            // the decoded text, which is what the user's editor shows.
            text.drain(..3);
        }
        let tables = input::text_table::detect(&text);
        let mut doc = Self::new(path, text, None, InputFormat::Text);
        doc.tables = tables;
        doc
    }

    /// A document of any text format from text already in memory: Markdown and
    /// HTML are blanked to their prose, plain text has its tables detected.
    /// (DOCX is binary: use [`input::from_bytes`].)
    pub fn from_source(
        path: impl Into<String>,
        source: impl Into<String>,
        format: InputFormat,
    ) -> Self {
        input::from_text(path.into(), source.into(), format)
    }

    /// A document with the given texts and no tables, headings or locators.
    /// `source`, when given, must have the same length as `text`.
    pub fn new(
        path: impl Into<String>,
        text: String,
        source: Option<String>,
        format: InputFormat,
    ) -> Self {
        debug_assert!(source.as_ref().is_none_or(|s| s.len() == text.len()));
        let lines = LineIndex::new(source.as_deref().unwrap_or(&text));
        let source = source.filter(|s| *s != text);
        Document {
            path: path.into(),
            text,
            source,
            lines,
            format,
            encoding: None,
            tables: Vec::new(),
            headings: Vec::new(),
            locators: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The text users see: the original source if there is one, else `text`.
    pub fn source_text(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }

    /// 1-based line and character column of a byte offset, in the source.
    pub fn position(&self, offset: usize) -> crate::span::Position {
        self.lines.position(self.source_text(), offset)
    }

    /// Where 1-based `line` (as in [`crate::span::Position::line`]) is in the
    /// original document, when the text was rebuilt from it (DOCX: "第12段",
    /// "表2 第3行 第4列"). `None` for text formats, where the line itself is the place.
    pub fn locator(&self, line: usize) -> Option<&str> {
        line.checked_sub(1)
            .and_then(|l| self.locators.get(l))
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// [`Document::locator`] of the line containing byte `offset`.
    pub fn locator_at(&self, offset: usize) -> Option<&str> {
        if self.locators.is_empty() {
            return None;
        }
        self.locator(self.lines.line_of(offset.min(self.text.len())) + 1)
    }

    /// Read a file, detecting its encoding, and its format from its extension
    /// (see [`input::load`] for the options).
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        input::load(path, &LoadOptions::default())
    }

    /// A document from raw bytes named `path` (its extension picks the format;
    /// `<stdin>` and unknown names are sniffed: DOCX, HTML or plain text).
    pub fn from_bytes(path: String, bytes: Vec<u8>) -> Result<Self, LoadError> {
        input::from_bytes(path, bytes, &LoadOptions::default())
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.cut(span.start..span.end)
    }
}
