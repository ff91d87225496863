//! Byte spans into a document's UTF-8 text, and the line/character-column index
//! that turns them into positions a user can click.

use serde::Serialize;

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
const CHECKPOINT: usize = 1024;

/// Maps byte offsets to lines and character columns in O(log lines + 1 KiB),
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
            text[start..offset].chars().count() + 1
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
