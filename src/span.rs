//! Byte spans into a document's UTF-8 text, and the line/character-column index
//! that turns them into positions a user can click.

use std::ops::{Bound, RangeBounds};

use serde::Serialize;

/// The largest char boundary of `text` at or below `i` (`text.len()` when `i`
/// is past the end).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    text.floor_char_boundary(i)
}

/// The smallest char boundary of `text` at or above `i` (`text.len()` when `i`
/// is past the end).
pub fn ceil_char_boundary(text: &str, i: usize) -> usize {
    text.ceil_char_boundary(i)
}

/// Cutting text at computed byte offsets: the one way reportlint does it.
///
/// `text.cut(a..b)` never panics: offsets past the end are clamped, a start
/// inside a character moves back to that character's start, an end inside a
/// character moves forward to its end (so the cut covers every character the
/// range touches), and an empty or reversed range is empty. For
/// offsets that are already char boundaries it is exactly `&text[a..b]`.
///
/// Direct `text[a..b]` indexing is denied crate-wide (`clippy::string_slice`
/// in Cargo.toml); this module is the only place allowed to do it.
pub trait Cut {
    fn cut<R: RangeBounds<usize>>(&self, range: R) -> &str;
}

impl Cut for str {
    #[allow(clippy::string_slice)] // the one place: offsets are made char boundaries first
    fn cut<R: RangeBounds<usize>>(&self, range: R) -> &str {
        let start = match range.start_bound() {
            Bound::Included(&s) => s,
            Bound::Excluded(&s) => s.saturating_add(1),
            Bound::Unbounded => 0,
        };
        let end = match range.end_bound() {
            Bound::Included(&e) => e.saturating_add(1),
            Bound::Excluded(&e) => e,
            Bound::Unbounded => self.len(),
        };
        if end <= start {
            return "";
        }
        let start = self.floor_char_boundary(start);
        let end = self.ceil_char_boundary(end).max(start);
        &self[start..end]
    }
}

/// A half-open byte range `[start, end)` into a document's UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A 1-based line and 1-based column counted in Unicode scalar values (characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Bytes between character-count checkpoints.
const CHECKPOINT: usize = 256;

/// Maps byte offsets to lines and character columns in O(log lines + 256 B),
/// whatever the length of the line: a report paragraph is often one line of
/// thousands of characters, and a findings-per-line cost proportional to the
/// line would make rendering quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// `chars_before[k]` = characters in `text[..k * CHECKPOINT]` (counting the
    /// bytes that start a character, so a checkpoint may fall inside one).
    chars_before: Vec<usize>,
}

/// Characters that start in `bytes` (UTF-8 lead bytes and ASCII).
fn count_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut total = 0;
        chars_before.push(0);
        for chunk in text.as_bytes().chunks(CHECKPOINT) {
            total += count_starts(chunk);
            chars_before.push(total);
        }
        LineIndex {
            line_starts,
            chars_before,
        }
    }

    /// Characters in `text[..offset]`, in O(CHECKPOINT).
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let k = offset / CHECKPOINT;
        self.chars_before[k] + count_starts(&text.as_bytes()[k * CHECKPOINT..offset])
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line]
    }

    /// Byte offset where 0-based `line` ends (before its `\n` / `\r\n`).
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self
            .line_starts
            .get(line + 1)
            .map(|s| s - 1)
            .unwrap_or(text.len());
        if end > self.line_starts[line] && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = if offset - start <= CHECKPOINT {
            text.cut(start..offset).chars().count() + 1
        } else {
            self.chars_to(text, offset) - self.chars_to(text, start) + 1
        };
        Position {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_moves_offsets_to_char_boundaries() {
        let t = "a各项b"; // a=0, 各=1..4, 项=4..7, b=7
        assert_eq!(t.cut(0..1), "a");
        assert_eq!(t.cut(1..4), "各");
        // A start inside 各 moves back to its start; an end inside 项 moves to its end.
        assert_eq!(t.cut(2..5), "各项");
        assert_eq!(t.cut(3..3), "");
        assert_eq!(t.cut(..2), "a各");
        assert_eq!(t.cut(5..), "项b");
        // Past the end: clamped; reversed: empty.
        assert_eq!(t.cut(7..100), "b");
        assert_eq!(t.cut(100..200), "");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = t.cut(6..2);
        assert_eq!(reversed, "");
        assert_eq!(t.cut(0..=0), "a");
        assert_eq!(t.cut(..), t);
        assert_eq!(floor_char_boundary(t, 2), 1);
        assert_eq!(ceil_char_boundary(t, 2), 4);
        assert_eq!(ceil_char_boundary(t, 99), t.len());
        // Every cut of every range is valid UTF-8 text and never panics.
        for a in 0..=t.len() + 1 {
            for b in 0..=t.len() + 1 {
                let c = t.cut(a..b);
                assert!(t.contains(c));
            }
        }
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "第一行\n增长7.9%，好\r\nabc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        let pct = text.find("7.9").unwrap();
        assert_eq!(idx.position(text, pct), Position { line: 2, column: 3 });
        let abc = text.find("abc").unwrap();
        assert_eq!(idx.position(text, abc), Position { line: 3, column: 1 });
        assert_eq!(idx.line_end(text, 1), text.find('\r').unwrap());
        assert_eq!(idx.position(text, text.len()).line, 3);
    }

    #[test]
    fn columns_on_a_very_long_line_use_checkpoints() {
        let text = format!("x\n{}68.9平方米", "增长7.9%，".repeat(3000));
        let idx = LineIndex::new(&text);
        let off = text.find("68.9").unwrap();
        let expected = text[2..off].chars().count() + 1;
        assert_eq!(
            idx.position(&text, off),
            Position {
                line: 2,
                column: expected
            }
        );
        for probe in [2, 1025, 2048, 4097, off] {
            let probe = (probe..).find(|&i| text.is_char_boundary(i)).unwrap();
            assert_eq!(
                idx.position(&text, probe).column,
                text[2..probe].chars().count() + 1
            );
        }
    }
}
