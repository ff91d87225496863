//! Stage 1: load a document's text.

use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

use crate::span::{LineIndex, Span};

/// A loaded document: its display path, the text the rules read, and a line
/// index for positions.
///
/// For formats with markup (Markdown, HTML) `text` is the source with the
/// markup blanked out byte for byte, so every span into `text` is also a span
/// into the source; `source` then holds the original, which is what users see
/// and what lines and columns are counted in.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub text: String,
    /// The original text when it differs from `text` (same length).
    pub source: Option<String>,
    /// Line index of [`Document::source_text`].
    pub lines: LineIndex,
}

/// Why a document could not be read. Each is reported and the run exits 2;
/// the other files are still linted.
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    #[diagnostic(code(input::io))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not valid UTF-8 (first invalid byte at offset {offset})")]
    #[diagnostic(
        code(input::encoding),
        help(
            "reportlint 0.1 reads UTF-8 text; convert the file first, e.g. `iconv -f GBK -t UTF-8`"
        )
    )]
    NotUtf8 { path: String, offset: usize },
}

impl Document {
    /// A document from text already in memory (tests, stdin, the bundled sample).
    pub fn from_text(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        if text.starts_with('\u{feff}') {
            // A UTF-8 byte-order mark is not part of the text; spans stay relative to
            // the decoded text, which is what the user's editor shows.
            text.drain(..3);
        }
        let lines = LineIndex::new(&text);
        Document {
            path: path.into(),
            text,
            source: None,
            lines,
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

    /// Read a UTF-8 file.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
            path: display.clone(),
            source,
        })?;
        Self::from_bytes(display, bytes)
    }

    pub fn from_bytes(path: String, bytes: Vec<u8>) -> Result<Self, LoadError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::from_text(path, text)),
            Err(e) => Err(LoadError::NotUtf8 {
                path,
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }
}
