//! DOCX → text: one line per body paragraph and one per table cell, with a
//! locator for each line ("第12段", "表2 第3行 第4列") since a DOCX has no
//! lines of its own.
//!
//! Reads `word/document.xml` (and `word/styles.xml` for heading styles) with
//! quick-xml: text of runs (`w:t`) joined across runs, `w:tab` → tab,
//! `w:br`/`w:cr` → space; deleted text (`w:delText`), field codes
//! (`w:instrText`) and the fallback copies of drawings (`mc:Fallback`) are
//! left out. Headings come from the paragraph style (Heading 1…, 标题 1…,
//! Title) or its outline level. Tables (`w:tbl`/`w:tr`/`w:tc`, with
//! `w:gridSpan` and `w:vMerge`) become [`Table`]s; a table nested in a cell is
//! text of that cell.
//!
//! Paragraphs are numbered 1, 2, 3 … over the non-empty body paragraphs
//! (outside tables), in document order — what a reader counts on the page.

use crate::span::Cut;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashMap;

use super::table::{GridCell, from_grid, is_space};
use super::{Heading, InputFormat};
use crate::document::{Document, LoadError};
use crate::span::Span;

/// Read a DOCX file's bytes. `max_part` bounds each XML part after
/// decompression (a ZIP bomb is refused, not read); `None` for no limit.
pub fn read(path: String, bytes: &[u8], max_part: Option<u64>) -> Result<Document, LoadError> {
    read_inner(path, bytes, max_part, false).map(|(doc, _)| doc)
}

/// Read a DOCX file's bytes and say where each piece of the text came from in
/// the main XML part (for writing into the document: `reportlint annotate`).
pub fn read_mapped(
    path: String,
    bytes: &[u8],
    max_part: Option<u64>,
) -> Result<(Document, SourceMap), LoadError> {
    let (doc, map) = read_inner(path, bytes, max_part, true)?;
    Ok((doc, map.unwrap_or_default()))
}

/// Where the text of a DOCX came from in its main part (`word/document.xml`):
/// each piece of [`Document::text`] with the XML bytes it was read from and
/// the run holding it. Pieces are in text order, which is document order.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// The main part's name in the archive.
    pub part: String,
    /// The main part's XML as read (UTF-8).
    pub xml: String,
    pub pieces: Vec<Piece>,
    pub runs: Vec<RunXml>,
}

/// A piece of the text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Span in [`Document::text`].
    pub text: Span,
    /// The XML read: the characters of a text element when `exact`, else the
    /// whole element or reference (a `w:tab`, a `w:br`, `&amp;`).
    pub xml: Span,
    /// The text's bytes are the XML's bytes, so the piece can be cut between
    /// any two of its characters.
    pub exact: bool,
    /// Index in [`SourceMap::runs`] of the innermost run holding the piece.
    pub run: Option<usize>,
    /// The start tag of the `w:t` holding the piece (characters, an entity
    /// reference), when it is in one.
    pub tag: Option<Span>,
}

/// A run element (`w:r`, or `m:r`/`a:r` in math and drawings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunXml {
    /// From `<w:r` to just after `</w:r>`.
    pub span: Span,
    /// The start tag `<w:r …>`.
    pub start_tag: Span,
    /// `<w:rPr>…</w:rPr>` (or `<w:rPr/>`), when the run has properties.
    pub props: Option<Span>,
    /// A WordprocessingML run (`w:r`); runs of other vocabularies are not cut.
    pub word: bool,
}

/// Pieces of `from[start..start + len]` (offsets local to a paragraph or
/// cell), moved to start at `at`.
fn move_pieces(from: &[Piece], start: usize, len: usize, at: usize, to: &mut Vec<Piece>) {
    let end = start + len;
    for p in from {
        let (a, b) = (p.text.start.max(start), p.text.end.min(end));
        if a >= b {
            continue;
        }
        let xml = if p.exact {
            Span::new(
                p.xml.start + (a - p.text.start),
                p.xml.end - (p.text.end - b),
            )
        } else {
            p.xml
        };
        to.push(Piece {
            text: Span::new(at + a - start, at + b - start),
            xml,
            ..*p
        });
    }
}

fn read_inner(
    path: String,
    bytes: &[u8],
    max_part: Option<u64>,
    mapping: bool,
) -> Result<(Document, Option<SourceMap>), LoadError> {
    let bad = |reason: String| LoadError::BadDocx {
        path: path.clone(),
        reason,
    };
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        // An OLE compound file: an old .doc, or a DOCX encrypted with a password
        // (its package is stored as the stream "EncryptedPackage").
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if memchr::memmem::find(bytes, &marker).is_some() {
            return Err(bad(
                "it is encrypted (protected with a password); save an unprotected copy first"
                    .into(),
            ));
        }
        return Err(bad("this is an old binary Word .doc file, not .docx".into()));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a ZIP archive ({e})")))?;
    let main = if zip.index_for_name("word/document.xml").is_some() {
        "word/document.xml".to_string()
    } else {
        zip.file_names()
            .flatten()
            .find(|n| n.starts_with("word/") && n.ends_with(".xml") && n.contains("document"))
            .map(|n| n.into_owned())
            .ok_or_else(|| bad("it has no word/document.xml".into()))?
    };
    let limit = max_part.unwrap_or(u64::MAX);
    let too_large = |part: &str| LoadError::TooLarge {
        path: path.clone(),
        what: format!(
            "its part {part} decompresses to more than {}",
            super::human_size(limit)
        ),
        limit: super::human_size(limit),
    };
    let document = match read_part(&mut zip, &main, limit) {
        Ok(Some(text)) => text,
        Ok(None) => return Err(too_large(&main)),
        Err(e) => return Err(bad(format!("cannot read {main}: {e}"))),
    };
    let styles = match read_part(&mut zip, "word/styles.xml", limit) {
        Ok(Some(text)) => Some(text),
        Ok(None) => return Err(too_large("word/styles.xml")),
        Err(_) => None,
    };
    let heading_styles = styles.as_deref().map(heading_styles).unwrap_or_default();
    let built = build(&document, &heading_styles, mapping)
        .map_err(|e| bad(format!("{main} is damaged: {e}")))?;
    let mut doc = Document::new(path, built.text, None, InputFormat::Docx);
    doc.tables = built.tables;
    doc.headings = built.headings;
    doc.locators = built.locators;
    let map = built.map.map(|(pieces, runs)| SourceMap {
        part: main,
        xml: document,
        pieces,
        runs,
    });
    Ok((doc, map))
}

/// One XML part as text; `Ok(None)` when it is larger than `limit` bytes
/// (by its declared size, or as it decompresses: the header may lie).
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, String> {
    let file = zip.by_name(name).map_err(|e| e.to_string())?;
    if file.size() > limit {
        return Ok(None);
    }
    let mut raw = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|e| e.to_string())?;
    if raw.len() as u64 > limit {
        return Ok(None);
    }
    // XML parts are UTF-8, or UTF-16 with a byte-order mark.
    match encoding_rs::Encoding::for_bom(&raw) {
        Some((enc, len)) if enc != encoding_rs::UTF_8 => Ok(Some(
            enc.decode_without_bom_handling(&raw[len..]).0.into_owned(),
        )),
        _ => {
            let start = if raw.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            raw.drain(..start);
            String::from_utf8(raw)
                .map(Some)
                .map_err(|e| format!("not UTF-8 ({})", e.utf8_error()))
        }
    }
}

fn local(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart<'_>, want: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref().as_bytes()) == want)
        .map(|a| a.value.into_owned())
}

/// Heading level of each paragraph style id, from styles.xml: style names
/// `heading N` / `标题 N` / `Title`, or the style's outline level.
fn heading_styles(xml: &str) -> FxHashMap<String, u8> {
    let mut out = FxHashMap::default();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Option<u8>)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name();
                match local(name.as_ref().as_bytes()) {
                    b"style" => current = attr(&e, b"styleId").map(|id| (id, None)),
                    b"name" => {
                        if let Some((_, level)) = current.as_mut()
                            && let Some(v) = attr(&e, b"val")
                        {
                            *level = level.or(level_from_style_name(&v));
                        }
                    }
                    b"outlineLvl" => {
                        if let Some((_, level)) = current.as_mut()
                            && let Some(v) = attr(&e, b"val").and_then(|v| v.parse::<u8>().ok())
                            && v < 9
                        {
                            *level = level.or(Some(v + 1));
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) => {
                if local(e.name().as_ref().as_bytes()) == b"style"
                    && let Some((id, Some(level))) = current.take()
                {
                    out.insert(id, level);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn level_from_style_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    if n == "title" || n == "标题" {
        return Some(1);
    }
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    rest.trim()
        .parse::<u8>()
        .ok()
        .filter(|l| (1..=9).contains(l))
}

struct Built {
    text: String,
    tables: Vec<super::Table>,
    headings: Vec<Heading>,
    locators: Vec<String>,
    /// With mapping: the pieces and runs of the source map.
    map: Option<(Vec<Piece>, Vec<RunXml>)>,
}

/// An open paragraph: its text and its heading level (from style or outline level).
#[derive(Default)]
struct Para {
    text: String,
    level: Option<u8>,
    /// With mapping: where the text came from (offsets into `text`).
    pieces: Vec<Piece>,
}

#[derive(Default)]
struct TableState {
    number: usize,
    rows: Vec<Vec<GridCell>>,
    /// Grid column of the next cell in the current row.
    col: usize,
    cell: Option<CellState>,
}

#[derive(Default)]
struct CellState {
    text: String,
    colspan: usize,
    continued: bool,
    /// With mapping: where the text came from (offsets into `text`).
    pieces: Vec<Piece>,
}

struct Out {
    text: String,
    locators: Vec<String>,
}

impl Out {
    /// Append one line; returns its span (trimmed of the line break).
    fn line(&mut self, line: &str, locator: String) -> Span {
        let start = self.text.len();
        for c in line.chars() {
            self.text.push(if c == '\n' || c == '\r' { ' ' } else { c });
        }
        let span = Span::new(start, self.text.len());
        self.text.push('\n');
        self.locators.push(locator);
        span
    }
}

/// The state of the source map while building (see [`SourceMap`]).
#[derive(Default)]
struct Mapper {
    pieces: Vec<Piece>,
    runs: Vec<RunXml>,
    /// Open runs (indices into `runs`).
    open: Vec<usize>,
    /// Depth inside the current run's `w:rPr` (a `w:rPrChange` nests one), and where it started.
    props: Option<(usize, usize)>,
    /// The open text element's start tag, and whether it is `w:t`.
    tag: Option<(Span, bool)>,
}

impl Mapper {
    /// A piece of `len` bytes just appended to `para` at `at`, read from `xml`.
    fn piece(&self, para: &mut Para, at: usize, len: usize, xml: Span, text_element: bool) {
        if len == 0 {
            return;
        }
        let run = self.open.last().copied();
        let word_t = self.tag.filter(|(_, w)| *w).map(|(t, _)| t);
        para.pieces.push(Piece {
            text: Span::new(at, at + len),
            xml,
            exact: text_element && len == xml.len() && word_t.is_some(),
            run,
            tag: word_t,
        });
    }

    /// `<w:rPr>` at `start` opens: the run's properties if it is the run's first child.
    fn props_start(&mut self, xml: &str, start: usize) {
        if let Some((depth, _)) = self.props.as_mut() {
            *depth += 1;
            return;
        }
        if let Some(&r) = self.open.last()
            && self.runs[r].props.is_none()
            && xml.cut(self.runs[r].start_tag.end..start).trim().is_empty()
        {
            self.props = Some((1, start));
        }
    }

    fn props_end(&mut self, end: usize) {
        if let Some((depth, start)) = self.props.as_mut() {
            *depth -= 1;
            if *depth == 0 {
                let start = *start;
                if let Some(&r) = self.open.last() {
                    self.runs[r].props = Some(Span::new(start, end));
                }
                self.props = None;
            }
        }
    }
}

fn build(xml: &str, styles: &FxHashMap<String, u8>, mapping: bool) -> Result<Built, String> {
    let mut map = mapping.then(Mapper::default);
    let mut reader = Reader::from_str(xml);
    let mut out = Out {
        text: String::with_capacity(xml.len() / 4),
        locators: Vec::new(),
    };
    let mut headings = Vec::new();
    let mut tables = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut table: Option<TableState> = None;
    let mut table_depth = 0usize;
    let mut table_count = 0usize;
    let mut para_count = 0usize;
    let mut in_text = false;
    let mut skip = 0usize; // inside mc:Fallback, w:delText, w:instrText …
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} (at byte {})", reader.buffer_position()))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                let qname = e.name();
                let name = local(qname.as_ref().as_bytes());
                if skip > 0 {
                    if matches!(name, b"Fallback" | b"delText" | b"instrText" | b"del") {
                        skip += 1;
                    }
                    continue;
                }
                if let Some(m) = map.as_mut() {
                    match name {
                        b"r" => {
                            m.open.push(m.runs.len());
                            m.runs.push(RunXml {
                                span: Span::new(before, after),
                                start_tag: Span::new(before, after),
                                props: None,
                                word: qname.as_ref().as_bytes() == b"w:r",
                            });
                        }
                        b"rPr" => m.props_start(xml, before),
                        b"t" => {
                            m.tag = Some((
                                Span::new(before, after),
                                qname.as_ref().as_bytes() == b"w:t",
                            ))
                        }
                        _ => {}
                    }
                }
                match name {
                    b"Fallback" | b"delText" | b"instrText" | b"del" => skip += 1,
                    b"p" => paras.push(Para::default()),
                    b"t" => in_text = true,
                    b"tbl" => {
                        table_depth += 1;
                        if table_depth == 1 {
                            table_count += 1;
                            table = Some(TableState {
                                number: table_count,
                                ..TableState::default()
                            });
                        }
                    }
                    b"tr" if table_depth == 1 => {
                        if let Some(t) = table.as_mut() {
                            t.rows.push(Vec::new());
                            t.col = 0;
                        }
                    }
                    b"tc" if table_depth == 1 => {
                        if let Some(t) = table.as_mut() {
                            t.cell = Some(CellState {
                                colspan: 1,
                                ..CellState::default()
                            });
                        }
                    }
                    _ => {
                        let len = paras.last().map_or(0, |p| p.text.len());
                        empty_element(name, &e, &mut paras, styles, table.as_mut(), table_depth);
                        if let (Some(m), Some(p)) = (map.as_ref(), paras.last_mut()) {
                            let added = p.text.len().saturating_sub(len);
                            m.piece(p, len, added, Span::new(before, after), false);
                        }
                    }
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let qname = e.name();
                let name = local(qname.as_ref().as_bytes());
                if name == b"p" {
                    // An empty paragraph: nothing to emit.
                    continue;
                }
                if name == b"rPr"
                    && let Some(m) = map.as_mut()
                {
                    m.props_start(xml, before);
                    m.props_end(after);
                }
                let len = paras.last().map_or(0, |p| p.text.len());
                empty_element(name, &e, &mut paras, styles, table.as_mut(), table_depth);
                if let (Some(m), Some(p)) = (map.as_ref(), paras.last_mut()) {
                    let added = p.text.len().saturating_sub(len);
                    m.piece(p, len, added, Span::new(before, after), false);
                }
            }
            Event::End(e) => {
                let qname = e.name();
                let name = local(qname.as_ref().as_bytes());
                if skip > 0 {
                    if matches!(name, b"Fallback" | b"delText" | b"instrText" | b"del") {
                        skip -= 1;
                    }
                    continue;
                }
                if let Some(m) = map.as_mut() {
                    match name {
                        b"r" => {
                            if let Some(r) = m.open.pop() {
                                m.runs[r].span.end = after;
                            }
                        }
                        b"rPr" => m.props_end(after),
                        b"t" => m.tag = None,
                        _ => {}
                    }
                }
                match name {
                    b"t" => in_text = false,
                    b"p" => {
                        let Some(p) = paras.pop() else { continue };
                        let trimmed = p.text.trim_matches(is_space);
                        let lead = p.text.len() - p.text.trim_start_matches(is_space).len();
                        if let Some(cell) = table.as_mut().and_then(|t| t.cell.as_mut()) {
                            if !trimmed.is_empty() {
                                if !cell.text.is_empty() {
                                    cell.text.push(' ');
                                }
                                let at = cell.text.len();
                                cell.text.push_str(trimmed);
                                move_pieces(&p.pieces, lead, trimmed.len(), at, &mut cell.pieces);
                            }
                        } else if let Some(outer) = paras.last_mut() {
                            // A paragraph in a text box inside a paragraph: part of it.
                            if !trimmed.is_empty() {
                                outer.text.push(' ');
                                let at = outer.text.len();
                                outer.text.push_str(trimmed);
                                move_pieces(&p.pieces, lead, trimmed.len(), at, &mut outer.pieces);
                            }
                        } else if !trimmed.is_empty() {
                            para_count += 1;
                            let span = out.line(&p.text, format!("第{para_count}段"));
                            if let Some(m) = map.as_mut() {
                                move_pieces(&p.pieces, 0, p.text.len(), span.start, &mut m.pieces);
                            }
                            if let Some(level) = p.level
                                && let Some(span) = crate::segment::trim(&out.text, span)
                            {
                                headings.push(Heading {
                                    span,
                                    level: level.clamp(1, 9),
                                });
                            }
                        }
                    }
                    b"tc" if table_depth == 1 => {
                        if let Some(t) = table.as_mut()
                            && let Some(cell) = t.cell.take()
                        {
                            let row = t.rows.len().max(1);
                            let col = t.col + 1;
                            let text = if cell.continued {
                                String::new()
                            } else {
                                cell.text
                            };
                            let span =
                                out.line(&text, format!("表{} 第{}行 第{}列", t.number, row, col));
                            if let Some(m) = map.as_mut()
                                && !cell.continued
                            {
                                move_pieces(&cell.pieces, 0, text.len(), span.start, &mut m.pieces);
                            }
                            let span = crate::segment::trim(&out.text, span)
                                .unwrap_or(Span::new(span.start, span.start));
                            t.col += cell.colspan;
                            if t.rows.is_empty() {
                                t.rows.push(Vec::new());
                            }
                            if let Some(r) = t.rows.last_mut() {
                                r.push(GridCell {
                                    span,
                                    text: text.trim_matches(is_space).to_string(),
                                    header: false,
                                    colspan: cell.colspan,
                                    rowspan: 1,
                                });
                            }
                        }
                    }
                    b"tbl" => {
                        table_depth = table_depth.saturating_sub(1);
                        if table_depth == 0
                            && let Some(t) = table.take()
                        {
                            let start = t
                                .rows
                                .iter()
                                .flatten()
                                .map(|c| c.span.start)
                                .min()
                                .unwrap_or(out.text.len());
                            let span =
                                Span::new(start, out.text.len().saturating_sub(1).max(start));
                            let before = super::table::text_before(&out.text, start, 3);
                            if let Some(mut table) = from_grid(&t.rows, span, before) {
                                table.locator = Some(format!("表{}", t.number));
                                tables.push(table);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    let at = p.text.len();
                    p.text.push_str(&t.xml10_content());
                    if let Some(m) = map.as_ref() {
                        m.piece(p, at, p.text.len() - at, Span::new(before, after), true);
                    }
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = paras.last_mut() {
                    let at = p.text.len();
                    let c = if r.is_char_ref() {
                        r.resolve_char_ref().ok().flatten()
                    } else {
                        match r.xml10_content().as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        }
                    };
                    if let Some(c) = c {
                        p.text.push(c);
                    }
                    if let Some(m) = map.as_ref() {
                        m.piece(p, at, p.text.len() - at, Span::new(before, after), false);
                    }
                }
            }
            Event::CData(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    let at = p.text.len();
                    p.text.push_str(&t.xml10_content());
                    if let Some(m) = map.as_ref() {
                        m.piece(p, at, p.text.len() - at, Span::new(before, after), false);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Built {
        text: out.text,
        tables,
        headings,
        locators: out.locators,
        map: map.map(|m| (m.pieces, m.runs)),
    })
}

/// Elements that matter whether written empty or not: tabs, breaks, the
/// paragraph's style and outline level, a cell's span and vertical merge.
fn empty_element(
    name: &[u8],
    e: &BytesStart<'_>,
    paras: &mut [Para],
    styles: &FxHashMap<String, u8>,
    table: Option<&mut TableState>,
    table_depth: usize,
) {
    match name {
        b"tab" | b"br" | b"cr" | b"noBreakHyphen" => {
            // `w:tab` inside `w:tabs` (tab stops in pPr) has a `w:pos`: not text.
            if name == b"tab" && attr(e, b"pos").is_some() {
                return;
            }
            if let Some(p) = paras.last_mut() {
                p.text.push(match name {
                    b"tab" => '\t',
                    b"noBreakHyphen" => '-',
                    _ => ' ',
                });
            }
        }
        b"pStyle" => {
            if let Some(p) = paras.last_mut()
                && let Some(v) = attr(e, b"val")
            {
                p.level = p
                    .level
                    .or(styles.get(&v).copied())
                    .or(level_from_style_name(&v));
            }
        }
        b"outlineLvl" => {
            if let Some(p) = paras.last_mut()
                && let Some(v) = attr(e, b"val").and_then(|v| v.parse::<u8>().ok())
                && v < 9
            {
                p.level = Some(v + 1);
            }
        }
        b"gridSpan" if table_depth == 1 => {
            if let Some(cell) = table.and_then(|t| t.cell.as_mut())
                && let Some(v) = attr(e, b"val").and_then(|v| v.parse::<usize>().ok())
            {
                cell.colspan = v.clamp(1, 200);
            }
        }
        b"vMerge" if table_depth == 1 => {
            if let Some(cell) = table.and_then(|t| t.cell.as_mut()) {
                cell.continued = attr(e, b"val").is_none_or(|v| v == "continue");
            }
        }
        _ => {}
    }
}
