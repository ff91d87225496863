//! Stage 2: split a document into paragraphs, sentences, headings and sections,
//! each with exact byte spans. Linear in the text's length.

use crate::span::Cut;
use crate::span::Span;

/// One non-blank line, trimmed of surrounding white space (ASCII and U+3000).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Heading level if this paragraph is a heading (1 = top).
    pub heading: Option<u8>,
    /// Index of the first sentence of this paragraph in [`Segments::sentences`].
    pub first_sentence: usize,
    pub sentence_count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// A heading and everything that follows it up to the next heading of its level or above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Paragraph index of the heading.
    pub heading: usize,
    pub level: u8,
    /// Paragraphs `[heading, end)`.
    pub end: usize,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub sections: Vec<Section>,
}

impl Segments {
    pub fn new(text: &str) -> Self {
        let mut seg = Segments::default();
        let mut line_start = 0;
        for line_end in
            memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()))
        {
            if line_start > text.len() {
                break;
            }
            if let Some(span) = trim(text, Span::new(line_start, line_end)) {
                seg.push_paragraph(text, span);
            }
            line_start = line_end + 1;
        }
        seg.sections = sections(&seg.paragraphs);
        seg
    }

    /// Segments of a loaded document: as [`Segments::new`], then headings the
    /// format marks explicitly (Markdown `#`, HTML `<h1>`, DOCX heading styles)
    /// take their level, and rows of tables are never headings.
    pub fn for_document(doc: &crate::document::Document) -> Self {
        let mut seg = Segments::new(&doc.text);
        if doc.headings.is_empty() && doc.tables.is_empty() {
            return seg;
        }
        // One sweep: paragraphs, headings and tables are all in text order.
        let mut headings: Vec<(Span, u8)> = doc
            .headings
            .iter()
            .map(|h| (h.span, h.level.max(1)))
            .collect();
        headings.sort_by_key(|h| h.0.start);
        let mut tables: Vec<Span> = doc.tables.iter().map(|t| t.span).collect();
        tables.sort_by_key(|t| t.start);
        let (mut hi, mut ti) = (0, 0);
        let mut changed = false;
        for p in &mut seg.paragraphs {
            while hi < headings.len() && headings[hi].0.end <= p.span.start {
                hi += 1;
            }
            while ti < tables.len() && tables[ti].end <= p.span.start {
                ti += 1;
            }
            let overlaps = |s: Span| s.start < p.span.end && p.span.start < s.end;
            let level = if hi < headings.len() && overlaps(headings[hi].0) {
                Some(headings[hi].1)
            } else if ti < tables.len() && overlaps(tables[ti]) {
                None
            } else {
                p.heading
            };
            if level != p.heading {
                p.heading = level;
                changed = true;
            }
        }
        if changed {
            seg.sections = sections(&seg.paragraphs);
        }
        seg
    }

    fn push_paragraph(&mut self, text: &str, span: Span) {
        let index = self.paragraphs.len();
        let first_sentence = self.sentences.len();
        for s in sentences(text, span) {
            self.sentences.push(Sentence {
                span: s,
                paragraph: index,
            });
        }
        self.paragraphs.push(Paragraph {
            span,
            heading: heading_level(text.cut(span.start..span.end)),
            first_sentence,
            sentence_count: self.sentences.len() - first_sentence,
        });
    }

    /// Index of the paragraph containing byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }

    /// Index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    pub fn sentences_of(&self, paragraph: usize) -> &[Sentence] {
        let p = &self.paragraphs[paragraph];
        &self.sentences[p.first_sentence..p.first_sentence + p.sentence_count]
    }
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}'
}

/// Trim white space at both ends; `None` when nothing is left.
pub fn trim(text: &str, span: Span) -> Option<Span> {
    let s = text.cut(span.start..span.end);
    let t = s.trim_start_matches(is_blank);
    let start = span.start + (s.len() - t.len());
    let t = t.trim_end_matches(is_blank);
    (!t.is_empty()).then(|| Span::new(start, start + t.len()))
}

const CLOSERS: &[char] = &['”', '’', '"', '\'', '）', ')', '」', '』', '》', '】'];

/// Split a paragraph into sentences at 。！？； and ! ? ; (and `.` when it is
/// followed by white space and not part of a number), keeping closing quotes and
/// brackets with the sentence they close.
fn sentences(text: &str, para: Span) -> Vec<Span> {
    let p = text.cut(para.start..para.end);
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = p.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let ends = match c {
            '。' | '！' | '？' | '；' | '!' | '?' | ';' => true,
            '.' => {
                let prev_digit = p
                    .cut(..i)
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit());
                let next = iter.peek().map(|&(_, c)| c);
                let next_digit = next.is_some_and(|c| c.is_ascii_digit());
                !(prev_digit && next_digit) && next.is_none_or(char::is_whitespace)
            }
            _ => false,
        };
        if !ends {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, c2)) = iter.peek() {
            if CLOSERS.contains(&c2) || matches!(c2, '。' | '！' | '？' | '!' | '?') {
                end = j + c2.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if let Some(s) = trim(text, Span::new(para.start + start, para.start + end)) {
            out.push(s);
        }
        start = end;
    }
    if let Some(s) = trim(text, Span::new(para.start + start, para.end)) {
        out.push(s);
    }
    out
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇两";

fn strip_cn_number(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(|c| CN_DIGITS.contains(c));
    (rest.len() < s.len()).then_some(rest)
}

fn strip_ascii_number(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    (rest.len() < s.len()).then_some(rest)
}

/// Heading level of a paragraph, or `None` for body text.
///
/// Numbered headings — 第一章/第一部分/第一编 (level 1), 一、 (2), （一） (3),
/// `1.` / 1、 / １． (4), （1） (5) — count as headings only when short, since
/// numbered list items in reports often carry a whole paragraph. Unnumbered
/// headings are short lines with no sentence punctuation.
pub fn heading_level(p: &str) -> Option<u8> {
    let chars = p.chars().count();
    let short = chars <= 40;
    let ends_like_sentence = p.ends_with(['。', '；', '，', '：', ':', ';', ',']);
    let has_inner_stop = p.contains('。');
    if let Some(rest) = p.strip_prefix('第').and_then(strip_cn_number)
        && rest.starts_with(['章', '编', '部', '篇'])
        && short
    {
        return Some(1);
    }
    if let Some(rest) = strip_cn_number(p)
        && rest.starts_with('、')
    {
        return (short || !has_inner_stop)
            .then_some(2)
            .filter(|_| chars <= 60);
    }
    if let Some(inner) = p.strip_prefix(['（', '('])
        && let Some(rest) = strip_cn_number(inner)
        && rest.starts_with(['）', ')'])
    {
        return (chars <= 60 && !has_inner_stop).then_some(3);
    }
    if let Some(rest) = strip_ascii_number(p)
        && rest.starts_with(['.', '、', '．'])
        && !rest
            .cut(rest.chars().next().unwrap().len_utf8()..)
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return (short && !has_inner_stop).then_some(4);
    }
    if let Some(inner) = p.strip_prefix(['（', '('])
        && let Some(rest) = strip_ascii_number(inner)
        && rest.starts_with(['）', ')'])
    {
        return (short && !has_inner_stop).then_some(5);
    }
    if chars <= 30 && !ends_like_sentence && !p.contains(['，', '。', '；', ',', ':', '：']) {
        return Some(1);
    }
    None
}

/// Each heading opens a section that runs until the next heading of the same or a
/// higher level (a smaller number). One pass with a stack of open sections.
fn sections(paragraphs: &[Paragraph]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let close = |out: &mut Vec<Section>, idx: usize, end: usize| {
        let s = &mut out[idx];
        s.end = end;
        s.span = Span::new(
            paragraphs[s.heading].span.start,
            paragraphs[end - 1].span.end,
        );
    };
    for (i, p) in paragraphs.iter().enumerate() {
        let Some(level) = p.heading else { continue };
        while let Some(&top) = open.last() {
            if out[top].level >= level {
                close(&mut out, top, i);
                open.pop();
            } else {
                break;
            }
        }
        open.push(out.len());
        out.push(Section {
            heading: i,
            level,
            end: i + 1,
            span: p.span,
        });
    }
    for idx in open {
        close(&mut out, idx, paragraphs.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: impl Iterator<Item = Span>) -> Vec<&str> {
        spans.map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn sentences_split_at_stops_but_not_inside_numbers() {
        let text = "  全年增长7.9%。财政收入55.5亿元；“好！”他说? End. Next\n";
        let seg = Segments::new(text);
        assert_eq!(seg.paragraphs.len(), 1);
        assert_eq!(
            texts(text, seg.sentences.iter().map(|s| s.span)),
            vec![
                "全年增长7.9%。",
                "财政收入55.5亿元；",
                "“好！”",
                "他说?",
                "End.",
                "Next"
            ]
        );
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let text = "\u{3000}\u{3000}第一段。\r\n\n   \n第二段\n";
        let seg = Segments::new(text);
        assert_eq!(
            texts(text, seg.paragraphs.iter().map(|p| p.span)),
            vec!["第一段。", "第二段"]
        );
    }

    #[test]
    fn headings_and_levels() {
        assert_eq!(heading_level("第一章 总则"), Some(1));
        assert_eq!(heading_level("一、2013年工作回顾"), Some(2));
        assert_eq!(heading_level("（三）深化改革"), Some(3));
        assert_eq!(heading_level("1. 农业"), Some(4));
        assert_eq!(heading_level("（2）工业"), Some(5));
        assert_eq!(heading_level("政府工作报告"), Some(1));
        // A numbered item carrying a whole paragraph is body text.
        assert_eq!(
            heading_level(
                "1、继续加大建设力度，加快回迁步伐。开工安置房40万平方米，竣工90万平方米。"
            ),
            None
        );
        assert_eq!(
            heading_level("全年实现地区生产总值372亿元，增长7.9%。"),
            None
        );
        assert_ne!(heading_level("1.5亿元"), Some(4));
    }

    #[test]
    fn sections_nest() {
        let text = "一、回顾\n（一）经济\n正文一。\n（二）社会\n正文二。\n二、展望\n正文三。\n";
        let seg = Segments::new(text);
        let secs: Vec<(&str, u8, usize)> = seg
            .sections
            .iter()
            .map(|s| {
                (
                    &text[seg.paragraphs[s.heading].span.start..seg.paragraphs[s.heading].span.end],
                    s.level,
                    s.end - s.heading,
                )
            })
            .collect();
        assert_eq!(
            secs,
            vec![
                ("一、回顾", 2, 5),
                ("（一）经济", 3, 2),
                ("（二）社会", 3, 2),
                ("二、展望", 2, 2)
            ]
        );
        assert_eq!(seg.paragraph_at(text.find("正文二").unwrap()), Some(4));
        assert_eq!(seg.paragraph_at(0), Some(0));
        assert_eq!(seg.paragraph_at(text.find('\n').unwrap()), None);
    }
}
