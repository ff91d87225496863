//! HTML → the page's text, with the markup blanked out byte for byte.
//!
//! A hand-written scanner in one forward pass (no backtracking, so linear and
//! safe on broken markup), following HTML5's tokenizer where it matters: a tag
//! runs to the first `>` outside a quoted attribute value; `<` not followed by
//! a letter, `/`, `!` or `?` is text; a tag or comment left open at the end of
//! the file swallows the rest, as in a browser.
//!
//! - Tags become spaces; a block element's tags (p, div, br, li, tr, td, h1 …)
//!   put a line break at their first byte, so blocks are separate paragraphs.
//!   Line breaks in the source's text become spaces (outside `<pre>`): HTML
//!   wraps lines anywhere, a paragraph is a paragraph.
//! - `<script>`, `<style>`, `<nav>`, `<header>`, `<footer>`, `<noscript>`,
//!   `<template>`, `<title>`, `<svg>` … are blanked with everything inside them
//!   (an element left unclosed is not: its text stays).
//! - Comments are blanked, except `reportlint-` directives (suppressions).
//! - Character references (`&nbsp;` `&amp;` `&lt;` `&gt;` `&quot;` `&ldquo;` …,
//!   `&#NNN;`, `&#xHH;`) are decoded in place when the character fits in the
//!   reference's bytes: the character, then spaces.
//!
//! `<h1>`…`<h6>` are reported as [`Heading`]s and `<table>`s as [`Table`]s
//! (colspan and rowspan honoured; each cell is its own line).

use super::table::{GridCell, from_grid, is_space, text_before};
use super::{Converted, Heading, blank, into_text, overwrite};
use crate::span::Cut;
use crate::span::Span;

/// Elements whose whole content is not the page's text.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "template", "title", "svg", "math",
    "iframe", "object", "select", "textarea", "head",
];

/// Elements whose content is raw text: no tags inside (`<script>` may hold `<b>`).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes",
];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "main",
    "aside",
    "blockquote",
    "pre",
    "hr",
    "form",
    "figure",
    "figcaption",
    "address",
    "center",
    "fieldset",
    "legend",
    "details",
    "summary",
    "body",
    "html",
    "option",
    "header",
    "footer",
    "nav",
];

/// Blank an HTML document's markup. Linear in the source's length.
pub fn convert(source: &str) -> Converted {
    let bytes = source.as_bytes();
    let lower = bytes.to_ascii_lowercase();
    let mut s = Scanner {
        src: bytes,
        lower: &lower,
        out: bytes.to_vec(),
        pre: 0,
        headings: Vec::new(),
        heading: None,
        tables: Vec::new(),
        open_tables: Vec::new(),
        disabled: Vec::new(),
    };
    s.run(0);
    let out = std::mem::take(&mut s.out);
    let text = into_text(out);
    let headings = s
        .headings
        .iter()
        .filter_map(|&(span, level)| {
            crate::segment::trim(&text, span).map(|span| Heading { span, level })
        })
        .collect();
    let mut tables = Vec::new();
    for raw in s.tables.drain(..) {
        let rows: Vec<Vec<GridCell>> = raw
            .rows
            .into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| r.into_iter().map(|c| c.finish(&text)).collect())
            .collect();
        if let Some(t) = from_grid(&rows, raw.span, text_before(&text, raw.span.start, 3)) {
            tables.push(t);
        }
    }
    tables.sort_by_key(|t| t.span.start);
    Converted {
        text,
        tables,
        headings,
    }
}

struct RawCell {
    start: usize,
    end: usize,
    header: bool,
    colspan: usize,
    rowspan: usize,
}

impl RawCell {
    fn finish(self, text: &str) -> GridCell {
        let span = crate::segment::trim(text, Span::new(self.start, self.end))
            .unwrap_or(Span::new(self.start, self.start));
        // Tags inside a cell are blanks now; collapse runs of them.
        let mut t = String::new();
        for w in text
            .cut(span.start..span.end)
            .split(is_space)
            .filter(|w| !w.is_empty())
        {
            if !t.is_empty() {
                t.push(' ');
            }
            t.push_str(w);
        }
        GridCell {
            span,
            text: t,
            header: self.header,
            colspan: self.colspan,
            rowspan: self.rowspan,
        }
    }
}

struct RawTable {
    span: Span,
    rows: Vec<Vec<RawCell>>,
    cell: Option<RawCell>,
    in_head: bool,
}

impl RawTable {
    fn close_cell(&mut self, at: usize) {
        if let Some(mut c) = self.cell.take() {
            c.end = at.max(c.start);
            if self.rows.is_empty() {
                self.rows.push(Vec::new());
            }
            if let Some(r) = self.rows.last_mut() {
                r.push(c);
            }
        }
    }
}

struct Scanner<'a> {
    src: &'a [u8],
    lower: &'a [u8],
    out: Vec<u8>,
    /// Depth of `<pre>`: line breaks are kept inside.
    pre: usize,
    headings: Vec<(Span, u8)>,
    /// An open `<hN>`: its level and where its content starts.
    heading: Option<(u8, usize)>,
    tables: Vec<RawTable>,
    open_tables: Vec<RawTable>,
    /// Skipped elements found unclosed: their content is kept from then on.
    disabled: Vec<&'static str>,
}

/// What a tag is.
struct Tag {
    start: usize,
    /// Just after its `>` (or the end of the file).
    end: usize,
    name_lower: Vec<u8>,
    closing: bool,
    self_closing: bool,
}

impl<'a> Scanner<'a> {
    fn run(&mut self, from: usize) {
        let n = self.src.len();
        let mut i = from;
        while i < n {
            let Some(off) = memchr::memchr3(b'<', b'&', b'\n', &self.src[i..]) else {
                break;
            };
            i += off;
            match self.src[i] {
                b'\n' => {
                    if self.pre == 0 {
                        self.out[i] = b' ';
                        if i > 0 && self.src[i - 1] == b'\r' {
                            self.out[i - 1] = b' ';
                        }
                    }
                    i += 1;
                }
                b'&' => i = self.entity(i),
                _ => i = self.markup(i),
            }
        }
    }

    /// Handle `<` at `i`; returns where to go on.
    fn markup(&mut self, i: usize) -> usize {
        let src = self.src;
        let n = src.len();
        let rest = &src[i..];
        if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(&src[i + 4..], b"-->").map_or(n, |k| i + 4 + k + 3);
            let keep = memchr::memmem::find(&src[i..end], b"reportlint-").is_some();
            if !keep {
                blank(&mut self.out, i, end, false);
            }
            return end;
        }
        if rest.starts_with(b"<![CDATA[") {
            let end = memchr::memmem::find(&src[i..], b"]]>").map_or(n, |k| i + k + 3);
            blank(&mut self.out, i, end, false);
            return end;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr::memchr(b'>', &src[i..]).map_or(n, |k| i + k + 1);
            blank(&mut self.out, i, end, false);
            return end;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = i + 1 + usize::from(closing);
        if !src.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            return i + 1; // a literal `<`
        }
        let tag = self.tag(i, closing, name_at);
        blank(&mut self.out, tag.start, tag.end, false);
        let name = tag.name_lower.as_slice();
        if let Some(&skipped) = SKIPPED.iter().find(|s| s.as_bytes() == name)
            && !closing
            && !tag.self_closing
            && !self.disabled.contains(&skipped)
        {
            return self.skip_element(&tag, skipped);
        }
        if let Some(&raw) = RAW_TEXT.iter().find(|s| s.as_bytes() == name)
            && !closing
        {
            // Not skipped (e.g. disabled): its content is text up to the end tag.
            let end = self.find_end_tag(tag.end, raw).map_or(n, |(s, _)| s);
            return end;
        }
        if BLOCKS.iter().any(|b| b.as_bytes() == name) {
            self.out[tag.start] = b'\n';
        }
        self.structure(&tag);
        tag.end
    }

    /// Parse the tag starting at `i` (one pass, HTML5's rules for quotes).
    fn tag(&self, i: usize, closing: bool, name_at: usize) -> Tag {
        let src = self.src;
        let n = src.len();
        let mut j = name_at;
        while j < n && !src[j].is_ascii_whitespace() && src[j] != b'>' && src[j] != b'/' {
            j += 1;
        }
        let name_lower = self.lower[name_at..j].to_vec();
        // Attributes: name, optional `= value`; a quoted value runs to its quote.
        let mut self_closing = false;
        loop {
            while j < n && (src[j].is_ascii_whitespace() || src[j] == b'/') {
                self_closing = src[j] == b'/';
                j += 1;
            }
            if j >= n {
                break;
            }
            if src[j] == b'>' {
                j += 1;
                return Tag {
                    start: i,
                    end: j,
                    name_lower,
                    closing,
                    self_closing,
                };
            }
            self_closing = false;
            // Attribute name.
            while j < n && !src[j].is_ascii_whitespace() && !matches!(src[j], b'>' | b'/' | b'=') {
                j += 1;
            }
            while j < n && src[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < n && src[j] == b'=' {
                j += 1;
                while j < n && src[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < n && (src[j] == b'"' || src[j] == b'\'') {
                    let q = src[j];
                    j = memchr::memchr(q, &src[j + 1..]).map_or(n, |k| j + 1 + k + 1);
                } else {
                    while j < n && !src[j].is_ascii_whitespace() && src[j] != b'>' {
                        j += 1;
                    }
                }
            }
        }
        Tag {
            start: i,
            end: n,
            name_lower,
            closing,
            self_closing,
        }
    }

    /// The next `</name` at or after `from`: (its start, just after its `>`).
    fn find_end_tag(&self, from: usize, name: &str) -> Option<(usize, usize)> {
        let mut at = from;
        let pat = [b"</".as_slice(), name.as_bytes()].concat();
        while let Some(k) = memchr::memmem::find(&self.lower[at..], &pat) {
            let s = at + k;
            let after = s + pat.len();
            let next = self.lower.get(after).copied();
            if next.is_none_or(|c| c.is_ascii_whitespace() || c == b'>' || c == b'/') {
                let end = memchr::memchr(b'>', &self.src[after..])
                    .map_or(self.src.len(), |k| after + k + 1);
                return Some((s, end));
            }
            at = after;
        }
        None
    }

    /// Blank a skipped element from its start tag to the end of its end tag,
    /// counting nested elements of the same name. Unclosed: keep its content.
    fn skip_element(&mut self, tag: &Tag, name: &'static str) -> usize {
        if RAW_TEXT.contains(&name) {
            return match self.find_end_tag(tag.end, name) {
                Some((_, end)) => {
                    blank(&mut self.out, tag.start, end, false);
                    end
                }
                None => {
                    blank(&mut self.out, tag.start, self.src.len(), false);
                    self.src.len()
                }
            };
        }
        // Walk the tags inside (quotes and comments respected) to find the match.
        let src = self.src;
        let n = src.len();
        let mut depth = 1usize;
        let mut i = tag.end;
        while i < n {
            let Some(k) = memchr::memchr(b'<', &src[i..]) else {
                break;
            };
            i += k;
            let rest = &src[i..];
            if rest.starts_with(b"<!--") {
                i = memchr::memmem::find(&src[i + 4..], b"-->").map_or(n, |k| i + 4 + k + 3);
                continue;
            }
            let closing = rest.get(1) == Some(&b'/');
            let name_at = i + 1 + usize::from(closing);
            if !src.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
                continue;
            }
            let t = self.tag(i, closing, name_at);
            if let Some(&raw) = RAW_TEXT
                .iter()
                .find(|s| s.as_bytes() == t.name_lower.as_slice())
                && !closing
            {
                i = self.find_end_tag(t.end, raw).map_or(n, |(_, e)| e);
                continue;
            }
            if t.name_lower == name.as_bytes() {
                if closing {
                    depth -= 1;
                    if depth == 0 {
                        blank(&mut self.out, tag.start, t.end, false);
                        self.out[tag.start] = b'\n';
                        return t.end;
                    }
                } else if !t.self_closing {
                    depth += 1;
                }
            }
            i = t.end;
        }
        // Never closed: do not swallow the rest of the page; keep this element's
        // content as text from here on (each name is disabled once, so the
        // scan stays linear).
        self.disabled.push(name);
        if BLOCKS.contains(&name) {
            self.out[tag.start] = b'\n';
        }
        tag.end
    }

    /// Headings, tables, `<pre>`.
    fn structure(&mut self, tag: &Tag) {
        let name = tag.name_lower.as_slice();
        match name {
            b"pre" => {
                if tag.closing {
                    self.pre = self.pre.saturating_sub(1);
                } else {
                    self.pre += 1;
                }
            }
            [b'h', d @ b'1'..=b'6'] => {
                let level = d - b'0';
                if tag.closing {
                    if let Some((l, start)) = self.heading.take()
                        && l == level
                    {
                        self.headings.push((Span::new(start, tag.start), level));
                    }
                } else {
                    self.heading = Some((level, tag.end));
                }
            }
            b"table" => {
                if tag.closing {
                    if let Some(mut t) = self.open_tables.pop() {
                        t.close_cell(tag.start);
                        t.span.end = tag.end;
                        if self.open_tables.is_empty() {
                            self.tables.push(t);
                        }
                    }
                } else if !tag.self_closing {
                    self.open_tables.push(RawTable {
                        span: Span::new(tag.start, tag.end),
                        rows: Vec::new(),
                        cell: None,
                        in_head: false,
                    });
                }
            }
            // Only the outermost table is built; nested tables are text in its cells.
            _ if self.open_tables.len() != 1 => {}
            b"thead" => {
                if let Some(t) = self.open_tables.last_mut() {
                    t.in_head = !tag.closing;
                }
            }
            b"tr" => {
                if let Some(t) = self.open_tables.last_mut() {
                    t.close_cell(tag.start);
                    if !tag.closing {
                        t.rows.push(Vec::new());
                    }
                }
            }
            b"td" | b"th" => {
                let attrs = &self.lower[tag.start..tag.end];
                let header = name == b"th";
                if let Some(t) = self.open_tables.last_mut() {
                    t.close_cell(tag.start);
                    if !tag.closing {
                        let header = header || t.in_head;
                        t.cell = Some(RawCell {
                            start: tag.end,
                            end: tag.end,
                            header,
                            colspan: attr_number(attrs, b"colspan").unwrap_or(1),
                            rowspan: attr_number(attrs, b"rowspan").unwrap_or(1),
                        });
                    }
                }
            }
            b"tbody" | b"tfoot" => {
                if let Some(t) = self.open_tables.last_mut() {
                    t.in_head = false;
                }
            }
            _ => {}
        }
    }

    /// Decode a character reference at `i` in place when it fits.
    fn entity(&mut self, i: usize) -> usize {
        let src = self.src;
        let window = &src[i..src.len().min(i + 12)];
        let Some(semi) = memchr::memchr(b';', window) else {
            return i + 1;
        };
        let body = &window[1..semi];
        let decoded: Option<char> = if let Some(num) = body.strip_prefix(b"#") {
            let (digits, radix) = match num.first() {
                Some(b'x' | b'X') => (&num[1..], 16),
                _ => (num, 10),
            };
            std::str::from_utf8(digits)
                .ok()
                .filter(|d| !d.is_empty())
                .and_then(|d| u32::from_str_radix(d, radix).ok())
                .and_then(char::from_u32)
                .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        } else {
            named_entity(body)
        };
        let end = i + semi + 1;
        if let Some(c) = decoded {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            overwrite(&mut self.out, i, end, s);
            return end;
        }
        i + 1
    }
}

fn named_entity(name: &[u8]) -> Option<char> {
    Some(match name {
        b"nbsp" | b"ensp" | b"emsp" | b"thinsp" => ' ',
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        b"ldquo" => '“',
        b"rdquo" => '”',
        b"lsquo" => '‘',
        b"rsquo" => '’',
        b"mdash" => '—',
        b"ndash" => '–',
        b"hellip" => '…',
        b"middot" => '·',
        b"times" => '×',
        b"divide" => '÷',
        b"yen" => '¥',
        b"deg" => '°',
        b"plusmn" => '±',
        b"permil" => '‰',
        b"laquo" => '«',
        b"raquo" => '»',
        b"copy" => '©',
        b"reg" => '®',
        b"bull" => '•',
        _ => return None,
    })
}

/// `colspan="3"` → 3 (in a lowercased tag).
fn attr_number(tag: &[u8], name: &[u8]) -> Option<usize> {
    let k = memchr::memmem::find(tag, name)?;
    let rest = &tag[k + name.len()..];
    let rest = rest.strip_prefix(b"=").or_else(|| {
        let t = rest.trim_ascii_start();
        t.strip_prefix(b"=")
    })?;
    let rest = rest.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let digits: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .take(4)
        .collect();
    std::str::from_utf8(&digits)
        .ok()?
        .parse()
        .ok()
        .filter(|&v: &usize| v >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanked(src: &str) -> String {
        let c = convert(src);
        assert_eq!(c.text.len(), src.len());
        c.text
    }

    #[test]
    fn tags_scripts_and_comments_are_blanked() {
        let src = "<html><head><title>标题</title><style>p{}</style></head><body>\n<nav>导航</nav><h1>清河区报告</h1>\n<p>全年<b>增长</b>7.9%，\n好。</p><!-- 注释 --><script>var a = '<p>';</script><p>第二段&amp;&nbsp;&#8220;引&#x201D;</p></body></html>";
        let t = blanked(src);
        assert!(
            !t.contains("标题") && !t.contains("导航") && !t.contains("注释") && !t.contains("var"),
            "{t}"
        );
        let p = src.find("7.9%").unwrap();
        assert_eq!(&t[p..p + 4], "7.9%");
        assert!(t.contains("第二段&    ") && t.contains("“    引"), "{t}");
        assert!(t.contains("”"));
        let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], "清河区报告");
        assert!(
            lines[1].starts_with("全年   增长    7.9%， 好。"),
            "{lines:?}"
        );
        let c = convert(src);
        assert_eq!(c.headings.len(), 1);
        assert_eq!(
            &t[c.headings[0].span.start..c.headings[0].span.end],
            "清河区报告"
        );
    }

    #[test]
    fn directives_are_kept_and_broken_html_does_not_panic() {
        let src = "<p>a</p><!-- reportlint-disable-line magnitude -->";
        assert!(blanked(src).contains("<!-- reportlint-disable-line magnitude -->"));
        for s in [
            "<",
            "<a",
            "<a href='x",
            "&",
            "&#;",
            "&#xFFFFFFFF;",
            "<!--",
            "<nav>text",
            "<p>a</p",
            "<script>",
            "</",
            "<table><td>1<td>2",
            "<td rowspan=99999>",
        ] {
            let _ = convert(s);
        }
        // A table right after text on the same line.
        let c = convert(
            "<p>单位：万元<table><tr><td>甲</td><td>1</td><td>2</td></tr><tr><td>乙</td><td>3</td><td>4</td></tr></table>",
        );
        assert_eq!(c.tables[0].unit.as_deref(), Some("万元"));
        // An unclosed skipped element keeps its text.
        assert!(blanked("<nav>导航<p>正文</p>").contains("正文"));
    }

    #[test]
    fn tables_with_spans() {
        let src = "<p>单位：万元</p><table><thead><tr><th rowspan=2>地区</th><th colspan=\"2\">收入</th></tr><tr><th>预算</th><th>决算</th></tr></thead>\n<tr><td>甲区</td><td>1,200</td><td>1,150</td></tr><tr><td>合计</td><td><b>1,200</b></td><td>1,150</td></tr></table>";
        let c = convert(src);
        assert_eq!(c.tables.len(), 1);
        let t = &c.tables[0];
        assert_eq!(t.unit.as_deref(), Some("万元"));
        assert_eq!(
            t.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
            ["收入 预算", "收入 决算"]
        );
        assert_eq!(t.rows.len(), 2);
        let cell = &t.rows[1].cells[0];
        assert_eq!(&src[cell.span.start..cell.span.end], "1,200");
        assert_eq!(cell.value, Some(rust_decimal::Decimal::from(1200)));
    }
}
