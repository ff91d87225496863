//! From offsets in the text to places in `word/document.xml`: where a
//! comment's range starts and ends, cutting a run in two where the finding's
//! text starts or ends in the middle of it, and the edits that insert the
//! comment markers there.
//!
//! A marker goes between runs when the finding's text starts (or ends) at a
//! run's edge, otherwise the run is closed and reopened with the same start
//! tag and properties (`</w:t></w:r>` marker `<w:r …><w:rPr>…</w:rPr><w:t
//! xml:space="preserve">`), so the formatting of every character stays as it
//! was. Only WordprocessingML runs (`w:r` with `w:t`) are cut; text of math or
//! drawing runs is anchored at the nearest Word run instead.

use crate::span::Cut as _;
use std::collections::BTreeMap;

use crate::input::docx::{Piece, SourceMap};
use crate::span::Span;

/// How a marker is put in at a position of the XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Between elements: inserted as it is.
    Bare,
    /// Between two children of run `run`: the run is closed and reopened.
    Run { run: usize },
    /// Between two characters of the `w:t` whose start tag is `tag`, in run
    /// `run`: the text and the run are closed and reopened.
    Text { run: usize, tag: Span },
}

/// A place in the XML where markers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub pos: usize,
    pub cut: Cut,
}

const END_T: &str = "</w:t>";
const END_R: &str = "</w:r>";

fn usable(map: &SourceMap, p: &Piece) -> bool {
    p.run.is_some_and(|r| map.runs[r].word)
}

/// Where, in run `run`, the children start (after `<w:r>` and `<w:rPr>…`).
fn content_start(map: &SourceMap, run: usize) -> usize {
    let r = &map.runs[run];
    r.props.map_or(r.start_tag.end, |p| p.end)
}

/// Where, in run `run`, the children end (before `</w:r>`), if it ends so.
fn content_end(map: &SourceMap, run: usize) -> Option<usize> {
    let r = &map.runs[run];
    map.xml
        .cut(..r.span.end)
        .ends_with(END_R)
        .then(|| r.span.end - END_R.len())
}

/// The point before the piece: between runs when nothing of the run comes
/// before it, else a cut of the run (or of its text) just before it.
fn before(map: &SourceMap, p: &Piece) -> Option<Point> {
    let run = p.run?;
    let element_start = match p.tag {
        Some(tag) if p.xml.start != tag.end => {
            // Inside the characters of a w:t (after an entity or an earlier piece).
            return Some(Point {
                pos: p.xml.start,
                cut: Cut::Text { run, tag },
            });
        }
        Some(tag) => tag.start,
        None => p.xml.start,
    };
    let start = content_start(map, run);
    if start <= element_start && map.xml.cut(start..element_start).trim().is_empty() {
        Some(Point {
            pos: map.runs[run].span.start,
            cut: Cut::Bare,
        })
    } else {
        Some(Point {
            pos: element_start,
            cut: Cut::Run { run },
        })
    }
}

/// The point after the piece: between runs when nothing of the run follows
/// it, else a cut of the run (or of its text) just after it.
fn after(map: &SourceMap, p: &Piece) -> Option<Point> {
    let run = p.run?;
    let element_end = match p.tag {
        Some(tag) => {
            if map.xml.cut(p.xml.end..).starts_with(END_T) {
                p.xml.end + END_T.len()
            } else {
                return Some(Point {
                    pos: p.xml.end,
                    cut: Cut::Text { run, tag },
                });
            }
        }
        None => p.xml.end,
    };
    match content_end(map, run) {
        Some(end) if element_end <= end && map.xml.cut(element_end..end).trim().is_empty() => {
            Some(Point {
                pos: map.runs[run].span.end,
                cut: Cut::Bare,
            })
        }
        _ => Some(Point {
            pos: element_end,
            cut: Cut::Run { run },
        }),
    }
}

/// The point where a range starting at text offset `offset` begins: in the
/// first piece that ends after it.
pub fn start_point(map: &SourceMap, offset: usize) -> Option<Point> {
    let first = map.pieces.partition_point(|p| p.text.end <= offset);
    let p = map.pieces[first..].iter().find(|p| usable(map, p))?;
    match (p.text.start < offset, p.tag) {
        (true, Some(tag)) if p.exact => Some(Point {
            pos: p.xml.start + (offset - p.text.start),
            cut: Cut::Text { run: p.run?, tag },
        }),
        _ => before(map, p),
    }
}

/// The point where a range ending at text offset `offset` (exclusive) ends:
/// in the last piece that starts before it.
pub fn end_point(map: &SourceMap, offset: usize) -> Option<Point> {
    let last = map.pieces.partition_point(|p| p.text.start < offset);
    let p = map.pieces[..last].iter().rev().find(|p| usable(map, p))?;
    match (offset < p.text.end, p.tag) {
        (true, Some(tag)) if p.exact => Some(Point {
            pos: p.xml.start + (offset - p.text.start),
            cut: Cut::Text { run: p.run?, tag },
        }),
        _ => after(map, p),
    }
}

/// What goes at a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// The end of a comment whose range is not empty (comes first at a point).
    End(u32),
    /// The start of a comment's range.
    Start(u32),
    /// The end of a comment whose range starts at the same point.
    EndEmpty(u32),
}

impl Marker {
    fn xml(self, out: &mut String) {
        match self {
            Marker::Start(id) => out.push_str(&format!("<w:commentRangeStart w:id=\"{id}\"/>")),
            Marker::End(id) | Marker::EndEmpty(id) => out.push_str(&format!(
                "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
            )),
        }
    }
}

/// The comment markers to insert into the main part.
#[derive(Debug, Default)]
pub struct Plan {
    points: BTreeMap<usize, (Cut, Vec<Marker>)>,
}

impl Plan {
    /// Mark text `span` with comment `id`. Returns false (and plans nothing)
    /// when no Word run holds the span's text.
    pub fn comment(&mut self, map: &SourceMap, id: u32, span: Span) -> bool {
        let start = start_point(map, span.start);
        let end = if span.is_empty() {
            start
        } else {
            end_point(map, span.end)
        };
        let (Some(start), Some(end)) = (start, end) else {
            return false;
        };
        if end.pos < start.pos {
            return false;
        }
        let empty = start.pos == end.pos;
        self.add(start, Marker::Start(id));
        self.add(
            end,
            if empty {
                Marker::EndEmpty(id)
            } else {
                Marker::End(id)
            },
        );
        true
    }

    fn add(&mut self, p: Point, m: Marker) {
        self.points
            .entry(p.pos)
            .or_insert_with(|| (p.cut, Vec::new()))
            .1
            .push(m);
    }

    /// The main part with the markers in.
    pub fn apply(mut self, map: &SourceMap) -> String {
        let xml = map.xml.as_str();
        // Start tags of w:t cut in the middle whose text would gain white
        // space at an edge: they must preserve it.
        let mut preserve: BTreeMap<usize, Span> = BTreeMap::new();
        for (&pos, (cut, _)) in &self.points {
            if let Cut::Text { tag, .. } = *cut {
                let tag_text = xml.cut(tag.start..tag.end);
                let edge = xml.cut(..pos).ends_with(char::is_whitespace)
                    || xml.cut(pos..).starts_with(char::is_whitespace);
                if edge && !tag_text.contains("xml:space") {
                    preserve.insert(tag.start, tag);
                }
            }
        }
        let mut out = String::with_capacity(xml.len() + self.points.len() * 96);
        let mut at = 0;
        let mut tags = preserve.into_values().peekable();
        for (pos, (cut, mut markers)) in std::mem::take(&mut self.points) {
            while let Some(tag) = tags.next_if(|t| t.start < pos) {
                out.push_str(xml.cut(at..tag.start));
                out.push_str("<w:t xml:space=\"preserve\"");
                out.push_str(xml.cut(tag.start + "<w:t".len()..tag.end));
                at = tag.end;
            }
            out.push_str(xml.cut(at..pos));
            at = pos;
            markers.sort();
            let reopen = |run: usize| {
                let r = &map.runs[run];
                let mut s = xml.cut(r.start_tag.start..r.start_tag.end).to_string();
                if let Some(p) = r.props {
                    s.push_str(xml.cut(p.start..p.end));
                }
                s
            };
            match cut {
                Cut::Bare => markers.iter().for_each(|m| m.xml(&mut out)),
                Cut::Run { run } => {
                    out.push_str(END_R);
                    markers.iter().for_each(|m| m.xml(&mut out));
                    out.push_str(&reopen(run));
                }
                Cut::Text { run, .. } => {
                    out.push_str(END_T);
                    out.push_str(END_R);
                    markers.iter().for_each(|m| m.xml(&mut out));
                    out.push_str(&reopen(run));
                    out.push_str("<w:t xml:space=\"preserve\">");
                }
            }
        }
        for tag in tags {
            out.push_str(xml.cut(at..tag.start));
            out.push_str("<w:t xml:space=\"preserve\"");
            out.push_str(xml.cut(tag.start + "<w:t".len()..tag.end));
            at = tag.end;
        }
        out.push_str(xml.cut(at..));
        out
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}
