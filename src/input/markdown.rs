//! Markdown → the source with its markup blanked out byte for byte.
//!
//! pulldown-cmark parses the document with source offsets; only the bytes of
//! its text events are kept and everything else becomes ASCII spaces, line
//! breaks staying where they are. So `#` markers, emphasis, link and image
//! targets, inline code, code blocks, HTML, front matter (YAML `---` or TOML
//! `+++`) and table pipes disappear, while every kept character stays at its
//! offset. Soft line breaks inside a paragraph become spaces, so a paragraph
//! wrapped over several lines is one paragraph for the segmenter. HTML
//! comments holding a `reportlint-` directive are kept, so suppressions work.
//!
//! Headings are reported as [`Heading`]s; pipe tables become [`Table`]s (each
//! row stays one line of the text, so each row is one paragraph).

use crate::span::Cut;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::table::{GridCell, from_grid, is_space, text_before};
use super::{Converted, Heading, blank, into_text, overwrite};
use crate::span::Span;

/// Blank a Markdown document's markup. Linear in the source's length.
pub fn convert(source: &str) -> Converted {
    let mut out: Vec<u8> = source.as_bytes().to_vec();
    blank(&mut out, 0, source.len(), true);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_GFM;
    let mut skip = 0usize; // inside a code block, front matter, image or autolink
    let mut headings: Vec<(Span, u8)> = Vec::new();
    let mut heading: Option<(u8, Option<Span>)> = None;
    let mut tables: Vec<(Span, Vec<Vec<GridCell>>)> = Vec::new();
    let mut table: Option<TableState> = None;
    let mut links: Vec<bool> = Vec::new(); // open links: autolink or not
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let (start, end) = (range.start.min(source.len()), range.end.min(source.len()));
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } => skip += 1,
                Tag::Link { link_type, .. } => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    links.push(auto);
                    skip += usize::from(auto);
                }
                Tag::Heading { level, .. } => heading = Some((level as u8, None)),
                Tag::Table(_) => {
                    table = Some(TableState {
                        start,
                        rows: Vec::new(),
                        cell: None,
                        in_head: false,
                    })
                }
                Tag::TableHead => {
                    if let Some(t) = table.as_mut() {
                        t.in_head = true;
                        t.rows.push(Vec::new());
                    }
                }
                Tag::TableRow => {
                    if let Some(t) = table.as_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                Tag::TableCell => {
                    if let Some(t) = table.as_mut() {
                        t.cell = Some((start, None, String::new()));
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {
                    skip = skip.saturating_sub(1)
                }
                TagEnd::Link if links.pop() == Some(true) => skip = skip.saturating_sub(1),
                TagEnd::Heading(_) => {
                    if let Some((level, Some(span))) = heading.take() {
                        headings.push((span, level));
                    }
                }
                TagEnd::TableHead => {
                    if let Some(t) = table.as_mut() {
                        t.in_head = false;
                    }
                }
                TagEnd::TableCell => {
                    if let Some(t) = table.as_mut()
                        && let Some((cell_start, span, text)) = t.cell.take()
                        && let Some(row) = t.rows.last_mut()
                    {
                        row.push(GridCell {
                            span: span.unwrap_or(Span::new(cell_start, cell_start)),
                            text,
                            header: t.in_head,
                            colspan: 1,
                            rowspan: 1,
                        });
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        tables.push((Span::new(t.start, end), t.rows));
                    }
                }
                _ => {}
            },
            Event::Text(t) if skip == 0 => {
                let raw = source.cut(start..end);
                if raw == t.as_ref() || !overwrite(&mut out, start, end, &t) {
                    out[start..end].copy_from_slice(raw.as_bytes());
                }
                let span = Span::new(start, end);
                if let Some((_, s)) = heading.as_mut() {
                    *s = Some(s.map_or(span, |s| s.cover(span)));
                }
                if let Some(TableState {
                    cell: Some((_, s, text)),
                    ..
                }) = table.as_mut()
                {
                    *s = Some(s.map_or(span, |s| s.cover(span)));
                    text.push_str(&t);
                }
            }
            Event::SoftBreak if skip == 0 => blank(&mut out, start, end, false),
            Event::Html(h) | Event::InlineHtml(h) if skip == 0 && h.contains("reportlint-") => {
                out[start..end].copy_from_slice(&source.as_bytes()[start..end]);
            }
            _ => {}
        }
    }
    let text = into_text(out);
    let headings = headings
        .into_iter()
        .filter_map(|(span, level)| {
            crate::segment::trim(&text, span).map(|span| Heading {
                span,
                level: level.clamp(1, 6),
            })
        })
        .collect();
    let tables = tables
        .into_iter()
        .filter_map(|(span, rows)| {
            let rows: Vec<Vec<GridCell>> = rows
                .into_iter()
                .filter(|r| !r.is_empty())
                .map(|r| r.into_iter().map(|c| trim_cell(&text, c)).collect())
                .collect();
            from_grid(&rows, span, text_before(source, span.start, 3))
        })
        .collect();
    Converted {
        text,
        tables,
        headings,
    }
}

struct TableState {
    start: usize,
    rows: Vec<Vec<GridCell>>,
    /// The open cell: where it starts, the span of its text, its text.
    cell: Option<(usize, Option<Span>, String)>,
    in_head: bool,
}

/// A cell's span trimmed of white space in the blanked text (its text events
/// may include padding).
fn trim_cell(text: &str, mut c: GridCell) -> GridCell {
    if let Some(span) = crate::segment::trim(text, c.span) {
        c.span = span;
    }
    c.text = c.text.trim_matches(is_space).to_string();
    c
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
    fn markup_is_blanked_in_place() {
        let src = "# 一、工作回顾\n\n全年**增长7.9%**，见[附表](http://x.cn/a)。`code`\n";
        let t = blanked(src);
        let h = src.find("一、").unwrap();
        assert_eq!(&t[h..h + "一、工作回顾".len()], "一、工作回顾");
        assert!(t.starts_with("  一、工作回顾\n"));
        assert!(!t.contains("http") && !t.contains('*') && !t.contains("code"));
        let p = src.find("增长").unwrap();
        assert_eq!(&t[p..p + "增长7.9%".len()], "增长7.9%");
        let c = convert(src);
        assert_eq!(c.headings.len(), 1);
        assert_eq!(
            &t[c.headings[0].span.start..c.headings[0].span.end],
            "一、工作回顾"
        );
    }

    #[test]
    fn code_front_matter_and_html_are_blanked_but_directives_kept() {
        let src = "---\ntitle: 报告 2024\n---\n\n```\n增长120%\n```\n\n<div>隐藏</div>\n\n<!-- reportlint-disable-next-line magnitude -->\n正文。\n";
        let t = blanked(src);
        assert!(
            !t.contains("报告") && !t.contains("120") && !t.contains("隐藏"),
            "{t}"
        );
        assert!(t.contains("<!-- reportlint-disable-next-line magnitude -->"));
        assert!(t.contains("正文。"));
        assert_eq!(t.matches('\n').count(), src.matches('\n').count());
    }

    #[test]
    fn soft_breaks_join_a_paragraph() {
        let src = "全年实现地区生产总值486亿元，\n增长6.2%。\n\n下一段。\n";
        let t = blanked(src);
        assert_eq!(t, "全年实现地区生产总值486亿元， 增长6.2%。\n\n下一段。\n");
    }

    #[test]
    fn pipe_tables_become_tables() {
        let src = "单位：亿元\n\n| 地区 | 合计 | 一般债务 |\n|---|--:|--:|\n| 甲区 | 12.5 | 4.0 |\n| 合计 | 12.5 | 4.0 |\n";
        let c = convert(src);
        assert_eq!(c.tables.len(), 1);
        let t = &c.tables[0];
        assert_eq!(t.unit.as_deref(), Some("亿元"));
        assert_eq!(
            t.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
            ["合计", "一般债务"]
        );
        assert_eq!(t.rows.len(), 2);
        let cell = &t.rows[1].cells[0];
        assert_eq!(&src[cell.span.start..cell.span.end], "12.5");
        assert!(!c.text.contains('|'));
    }
}
