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

/// Largest input read by default, in bytes: each file (or standard input),
/// and each XML part of a DOCX after decompression. A long report is a few
/// megabytes; the limit keeps a runaway or hostile input (a ZIP bomb, a
/// multi-gigabyte log) from taking the machine's memory. `--max-file-size`
/// changes it.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// Bytes looked at before reading the rest of a file, to refuse a binary file
/// early.
pub const SNIFF_BYTES: usize = 8192;

/// How to read a file. The defaults detect everything.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Decode with this encoding instead of detecting one (a byte-order mark of
    /// the same encoding is still skipped). Ignored for DOCX.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Read as this format instead of going by the file's extension.
    pub format: Option<InputFormat>,
    /// Largest file (and decompressed DOCX part) read, in bytes; `None` for no
    /// limit. Default [`DEFAULT_MAX_SIZE`].
    pub max_size: Option<u64>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            encoding: None,
            format: None,
            max_size: Some(DEFAULT_MAX_SIZE),
        }
    }
}

/// A size for messages: `64 MiB`, `1.5 GiB`, `300 bytes`.
pub fn human_size(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if v.fract() == 0.0 {
        format!("{v:.0} {}", UNITS[unit])
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// Parse a size: `64M`, `512K`, `1G`, `1000000`, `64MiB`, `64MB` (binary
/// multiples); `0`, `none` or `unlimited` for no limit.
pub fn parse_size(s: &str) -> Result<Option<u64>, String> {
    let t = s.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "0" | "none" | "unlimited") {
        return Ok(None);
    }
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = t.get(digits.len()..).unwrap_or("");
    let mult: u64 = match unit {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown size unit in `{s}` (use K, M or G)")),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 64M, 512K, 1G, or 0 for no limit)"))?;
    n.checked_mul(mult)
        .map(Some)
        .ok_or_else(|| format!("`{s}` is too large"))
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

    /// Largest input in bytes (`None`: no limit).
    pub fn with_max_size(mut self, max_size: Option<u64>) -> Self {
        self.max_size = max_size;
        self
    }
}

/// Read and convert one file. Only regular files are read (a FIFO or a
/// device is refused rather than waited on; use `-` for standard input), at
/// most `opts.max_size` bytes, and a binary file is refused from its first
/// bytes.
pub fn load(path: &Path, opts: &LoadOptions) -> Result<Document, LoadError> {
    let display = path.display().to_string();
    let io = |error| LoadError::Io {
        path: display.clone(),
        error,
    };
    // Before opening: opening a FIFO blocks until someone writes to it.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: display,
            kind: file_kind(&meta.file_type()),
        });
    }
    if let Some(limit) = opts.max_size
        && meta.len() > limit
    {
        return Err(LoadError::TooLarge {
            path: display,
            what: format!("the file has {}", human_size(meta.len())),
            limit: human_size(limit),
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes = read_limited(&display, file, opts)?;
    from_bytes(display, bytes, opts)
}

/// Read a stream (a file, standard input) into memory for [`from_bytes`]:
/// the first [`SNIFF_BYTES`] first, refusing a binary file before reading the
/// rest, then the rest up to `opts.max_size`.
pub fn read_limited(
    name: &str,
    reader: impl std::io::Read,
    opts: &LoadOptions,
) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io = |error| LoadError::Io {
        path: name.to_string(),
        error,
    };
    let limit = opts.max_size.unwrap_or(u64::MAX);
    let mut reader = reader.take(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let sniff_format = opts
        .format
        .unwrap_or_else(|| InputFormat::detect(name, &bytes));
    if sniff_format != InputFormat::Docx
        && opts.encoding.is_none()
        && let Some(offset) = encoding::binary_head(&bytes)
    {
        return Err(LoadError::Binary {
            path: name.to_string(),
            offset,
        });
    }
    reader.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            path: name.to_string(),
            what: format!("it has more than {}", human_size(limit)),
            limit: human_size(limit),
        });
    }
    Ok(bytes)
}

fn file_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Convert a file's bytes. `name` is the display path; its extension picks the
/// format unless `opts.format` is set.
pub fn from_bytes(name: String, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Document, LoadError> {
    let format = opts
        .format
        .unwrap_or_else(|| InputFormat::detect(&name, &bytes));
    if let Some(limit) = opts.max_size
        && bytes.len() as u64 > limit
    {
        return Err(LoadError::TooLarge {
            path: name,
            what: format!("it has {}", human_size(bytes.len() as u64)),
            limit: human_size(limit),
        });
    }
    if format == InputFormat::Docx {
        return docx::read(name, &bytes, opts.max_size);
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

/// The id of the finding for an unclosed `<!--` comment.
pub const UNCLOSED_COMMENT_RULE: &str = "input/unclosed-comment";

/// An HTML comment opened after the last `-->` of the source, which the
/// converter took as markup (blanked) and which so hides everything after
/// it, when there is something to hide. Returns the offset of its `<!--`.
fn unclosed_comment(source: &str, text: &str) -> Option<usize> {
    let (src, txt) = (source.as_bytes(), text.as_bytes());
    let after_close = memchr::memmem::rfind(src, b"-->").map_or(0, |i| i + 3);
    let mut from = after_close;
    while let Some(k) = memchr::memmem::find(&src[from..], b"<!--") {
        let at = from + k;
        let blanked = txt.get(at) != src.get(at);
        let rest = &src[(at + 4).min(src.len())..];
        // Something other than white space is hidden after it.
        let first_line_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let hides = rest[first_line_end..]
            .iter()
            .any(|b| !b.is_ascii_whitespace());
        if blanked && hides && txt[at..].iter().all(|b| b.is_ascii_whitespace()) {
            return Some(at);
        }
        from = at + 4;
    }
    None
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
        let unclosed = unclosed_comment(&source, &self.text);
        let mut doc = Document::new(name, self.text, Some(source), format);
        if let Some(at) = unclosed {
            doc.warnings.push(crate::finding::Finding {
                rule: UNCLOSED_COMMENT_RULE.into(),
                severity: crate::finding::Severity::Warning,
                message: "「<!--」注释没有闭合：其后的全部内容都被当作注释，没有检查".into(),
                span: Span::new(at, at + 4),
                primary_label: Some("注释从这里开始，到文件末尾都没有「-->」".into()),
                labels: Vec::new(),
                help: Some("在注释结束处补上「-->」".into()),
                fix: None,
            });
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_comment_is_reported_once_and_a_closed_one_is_not() {
        for (src, format) in [
            (
                "# 报告\n\n增长7.9%。\n\n<!-- 草稿\n\n投资62.51亿万元。\n",
                InputFormat::Markdown,
            ),
            (
                "<p>增长7.9%。</p>\n<!-- 草稿\n<p>投资62.51亿万元。</p>\n",
                InputFormat::Html,
            ),
        ] {
            let doc = from_text("a".into(), src.to_string(), format);
            assert_eq!(doc.warnings.len(), 1, "{src}");
            let w = &doc.warnings[0];
            assert_eq!(w.rule, UNCLOSED_COMMENT_RULE);
            assert_eq!(&src[w.span.start..w.span.end], "<!--");
            let found = crate::Linter::builtin().lint(&doc).findings;
            assert!(found.iter().any(|f| f.rule == UNCLOSED_COMMENT_RULE));
        }
        for (src, format) in [
            (
                "增长7.9%。\n\n<!-- 草稿 -->\n\n投资。\n",
                InputFormat::Markdown,
            ),
            (
                "增长7.9%。\n\n<!-- 注释在末尾，后面没有内容\n",
                InputFormat::Markdown,
            ),
            (
                "增长7.9%。\n\n`<!--` 是注释的开头，后面的文字照常检查。\n",
                InputFormat::Markdown,
            ),
            ("<p>a</p><!-- x --><p>b</p>\n", InputFormat::Html),
            ("增长<!--7.9%。\n\n后文\n", InputFormat::Text),
        ] {
            let doc = from_text("a".into(), src.to_string(), format);
            assert!(doc.warnings.is_empty(), "{src}");
        }
    }

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("64M"), Ok(Some(64 << 20)));
        assert_eq!(parse_size("512k"), Ok(Some(512 << 10)));
        assert_eq!(parse_size("1GiB"), Ok(Some(1 << 30)));
        assert_eq!(parse_size("1000"), Ok(Some(1000)));
        assert_eq!(parse_size("0"), Ok(None));
        assert_eq!(parse_size("none"), Ok(None));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999G").is_err());
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(10), "10 bytes");
    }

    #[test]
    fn limits_refuse_large_input_and_binary_early() {
        let opts = LoadOptions::default().with_max_size(Some(100));
        let e = read_limited("a.txt", &[b'x'; 101][..], &opts).unwrap_err();
        assert!(matches!(e, LoadError::TooLarge { .. }), "{e}");
        assert_eq!(
            read_limited("a.txt", &[b'x'; 100][..], &opts)
                .unwrap()
                .len(),
            100
        );
        let e = from_bytes("a.txt".into(), vec![b'x'; 101], &opts).unwrap_err();
        assert!(matches!(e, LoadError::TooLarge { .. }), "{e}");
        // Binary: refused from the first bytes, without reading the rest.
        struct Endless(u64);
        impl std::io::Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.0 += buf.len() as u64;
                assert!(self.0 < 1 << 20, "read past the head");
                buf.fill(0);
                Ok(buf.len())
            }
        }
        let e = read_limited("a.txt", Endless(0), &LoadOptions::default()).unwrap_err();
        assert!(matches!(e, LoadError::Binary { offset: 0, .. }), "{e}");
        // Text with a stray NUL is still read.
        let mut text = "增长7.9%。\n".repeat(200).into_bytes();
        text[20] = 0;
        assert!(read_limited("a.txt", &text[..], &LoadOptions::default()).is_ok());
    }
}
