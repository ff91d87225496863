//! Reading documents: bytes → text in any common encoding ([`encoding`]),
//! Markdown and HTML → the source with its markup blanked out byte for byte
//! ([`markdown`], [`html`]), DOCX → one line per paragraph or table cell with a
//! locator for each ([`docx`]), and tables in all of them ([`table`],
//! [`text_table`] for tables laid out with spaces, as PDF converters write them).
//!
//! The single entry points are [`load`] and [`from_bytes`]; [`from_text`] is the
//! same for text already decoded.

pub mod docx;
pub mod encoding;
pub mod html;
pub mod markdown;
pub mod table;
pub mod text_table;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

pub use table::{Cell, Row, Table};

use crate::document::{Document, LoadError};
use crate::span::Span;

/// The formats reportlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InputFormat {
    /// Plain text (also the text a PDF converter writes).
    #[default]
    Text,
    Markdown,
    Html,
    Docx,
}

impl InputFormat {
    pub const ALL: [InputFormat; 4] = [
        InputFormat::Text,
        InputFormat::Markdown,
        InputFormat::Html,
        InputFormat::Docx,
    ];

    /// The name used on the command line and in output: `text`, `markdown`, `html`, `docx`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
        }
    }

    /// The format a file name's extension stands for, if it is one we know:
    /// `.txt`/`.text` → text, `.md`/`.markdown` → Markdown, `.html`/`.htm`/`.xhtml`
    /// → HTML, `.docx` → DOCX.
    pub fn from_extension(path: &str) -> Option<Self> {
        let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => InputFormat::Text,
            "md" | "markdown" | "mdown" | "mkd" => InputFormat::Markdown,
            "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
            "docx" => InputFormat::Docx,
            _ => return None,
        })
    }

    /// The format of a file: its extension, else a look at its first bytes
    /// (a ZIP archive is DOCX, `<!DOCTYPE html` or `<html` is HTML), else text.
    /// A ZIP archive is read as DOCX whatever its extension says.
    pub fn detect(path: &str, bytes: &[u8]) -> Self {
        if bytes.starts_with(b"PK\x03\x04") {
            return InputFormat::Docx;
        }
        if let Some(f) = Self::from_extension(path) {
            return f;
        }
        let head = &bytes[..bytes.len().min(512)];
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = head[start..].to_ascii_lowercase();
        if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for InputFormat {
    type Err = String;
    /// `text` (`txt`, `plain`), `markdown` (`md`), `html` (`htm`), `docx`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(InputFormat::Text),
            "markdown" | "md" => Ok(InputFormat::Markdown),
            "html" | "htm" => Ok(InputFormat::Html),
            "docx" => Ok(InputFormat::Docx),
            _ => Err(format!(
                "unknown input format `{s}` (expected text, markdown, html or docx)"
            )),
        }
    }
}

/// A heading the markup declares: Markdown `#`/setext, HTML `<h1>`…`<h6>`, a
/// DOCX heading style or outline level. `span` covers the heading's text in
/// [`Document::text`]; `level` 1 is the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    pub span: Span,
    pub level: u8,
}

/// How to read a file. The defaults detect everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Decode with this encoding instead of detecting one (a byte-order mark of
    /// the same encoding is still skipped). Ignored for DOCX.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Read as this format instead of going by the file's extension.
    pub format: Option<InputFormat>,
}

impl LoadOptions {
    /// Options with a forced encoding named by a WHATWG label: `utf-8`, `gbk`,
    /// `gb18030`, `gb2312`, `utf-16le`, `utf-16be`, `big5`, … (case-insensitive).
    pub fn with_encoding_label(mut self, label: &str) -> Result<Self, String> {
        self.encoding = Some(encoding::for_label(label)?);
        Ok(self)
    }

    pub fn with_format(mut self, format: InputFormat) -> Self {
        self.format = Some(format);
        self
    }
}

/// Read and convert one file.
pub fn load(path: &Path, opts: &LoadOptions) -> Result<Document, LoadError> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: display.clone(),
        source,
    })?;
    from_bytes(display, bytes, opts)
}

/// Convert a file's bytes. `name` is the display path; its extension picks the
/// format unless `opts.format` is set.
pub fn from_bytes(name: String, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Document, LoadError> {
    let format = opts
        .format
        .unwrap_or_else(|| InputFormat::detect(&name, &bytes));
    if format == InputFormat::Docx {
        return docx::read(name, &bytes);
    }
    let (text, enc) = encoding::decode(&name, bytes, opts.encoding)?;
    let mut doc = from_text(name, text, format);
    doc.encoding = Some(enc);
    Ok(doc)
}

/// Convert decoded text. [`InputFormat::Docx`] cannot come as text and is read
/// as plain text.
pub fn from_text(name: String, mut text: String, format: InputFormat) -> Document {
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    match format {
        InputFormat::Text | InputFormat::Docx => Document::from_text(name, text),
        InputFormat::Markdown => markdown::convert(&text).into_document(name, text, format),
        InputFormat::Html => html::convert(&text).into_document(name, text, format),
    }
}

/// What a markup converter produces: the blanked text (same length as the
/// source), the tables and the declared headings.
#[derive(Debug, Default)]
pub struct Converted {
    pub text: String,
    pub tables: Vec<Table>,
    pub headings: Vec<Heading>,
}

impl Converted {
    fn into_document(self, name: String, source: String, format: InputFormat) -> Document {
        debug_assert_eq!(self.text.len(), source.len());
        let mut doc = Document::new(name, self.text, Some(source), format);
        doc.tables = self.tables;
        doc.headings = self.headings;
        doc
    }
}

/// Replace `bytes[range]` by ASCII spaces, keeping line breaks when
/// `keep_newlines` (so a blanked block still ends lines where the source does).
pub(crate) fn blank(bytes: &mut [u8], start: usize, end: usize, keep_newlines: bool) {
    let end = end.min(bytes.len());
    for b in &mut bytes[start.min(end)..end] {
        if !(keep_newlines && (*b == b'\n' || *b == b'\r')) {
            *b = b' ';
        }
    }
}

/// Write `with` over `bytes[start..end]` and pad with spaces, when it fits.
/// Returns false (and writes nothing) when it does not.
pub(crate) fn overwrite(bytes: &mut [u8], start: usize, end: usize, with: &str) -> bool {
    if end > bytes.len() || start > end || with.len() > end - start {
        return false;
    }
    bytes[start..start + with.len()].copy_from_slice(with.as_bytes());
    for b in &mut bytes[start + with.len()..end] {
        *b = b' ';
    }
    true
}

/// Turn blanked bytes back into a string. Blanking only replaces whole UTF-8
/// sequences (callers blank ranges that start and end on character
/// boundaries), so this never fails; if a bug ever broke that, the damaged
/// characters are replaced by spaces rather than panicking.
pub(crate) fn into_text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let mut bytes = e.into_bytes();
            let mut i = 0;
            while i < bytes.len() {
                match std::str::from_utf8(&bytes[i..]) {
                    Ok(_) => break,
                    Err(err) => {
                        let bad = i + err.valid_up_to();
                        let n = err.error_len().unwrap_or(bytes.len() - bad);
                        for b in &mut bytes[bad..bad + n] {
                            *b = b' ';
                        }
                        i = bad + n;
                    }
                }
            }
            String::from_utf8(bytes).unwrap_or_default()
        }
    }
}
