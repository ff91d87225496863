//! Numbers that belong to the page, not the text: page numbers and row numbers
//! that PDF extraction leaves alone on their lines. One pass over the lines
//! before the scan finds them; the filters then drop a bare number that starts
//! at one of the positions found.
//!
//! A lone integer line is a counter when it belongs to a count — three or more
//! lone integer lines in a row that go up by one (page 12, 13, 14 …; rows 24, 25,
//! 26 …) — or when it stands between blank lines (a page footer). A table converted to one cell per line gives lone
//! numbers too, but they neither count up by one nor stand between blank lines.

use crate::span::Cut;
use memchr::memchr;

/// Longest lone integer taken as a page or row number.
const MAX_DIGITS: usize = 4;

/// Byte offsets (sorted) where the digits of a page or row number start.
pub(super) fn counter_lines(text: &str) -> Vec<usize> {
    struct Lone {
        value: u32,
        start: usize,
        blank_before: bool,
        blank_after: bool,
    }
    let bytes = text.as_bytes();
    let mut lones: Vec<Lone> = Vec::new();
    let mut pos = 0;
    // Whether the line before the current one was blank (the start of the text counts).
    let mut prev_blank = true;
    let mut pending: Option<usize> = None; // index in `lones` waiting for its next line
    while pos <= bytes.len() {
        let end = memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let line = text.cut(pos..end);
        let trimmed =
            line.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}');
        let blank = trimmed.is_empty();
        if let Some(i) = pending.take() {
            lones[i].blank_after = blank;
        }
        if let Some((value, offset)) = lone_integer(trimmed) {
            let start = pos + (trimmed.as_ptr() as usize - line.as_ptr() as usize) + offset;
            lones.push(Lone {
                value,
                start,
                blank_before: prev_blank,
                blank_after: true,
            });
            pending = Some(lones.len() - 1);
        }
        prev_blank = blank;
        if end == bytes.len() {
            break;
        }
        pos = end + 1;
    }
    // Runs of lone integers that count up by one: a run of three or more is a
    // count (two neighbouring table cells can be 8 and 9 by chance).
    let mut run_len = vec![1usize; lones.len()];
    for i in 1..lones.len() {
        if lones[i - 1].value + 1 == lones[i].value {
            run_len[i] = run_len[i - 1] + 1;
        }
    }
    for i in (0..lones.len().saturating_sub(1)).rev() {
        if lones[i].value + 1 == lones[i + 1].value {
            run_len[i] = run_len[i + 1];
        }
    }
    lones
        .iter()
        .zip(run_len)
        .filter(|(l, run)| *run >= MIN_RUN || (l.blank_before && l.blank_after))
        .map(|(l, _)| l.start)
        .collect()
}

/// Shortest run of lone integers counting up by one that is taken as page or row
/// numbers.
const MIN_RUN: usize = 3;

/// Whether the document's digits are spaced out one by one (1 9 9 7 年, 8 ．8 ％),
/// as some PDF converters leave them: digit-space-digit is much commoner than
/// two digits side by side. Then the claim scanner joins them.
pub(super) fn digits_spaced_out(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut tight, mut spaced) = (0usize, 0usize);
    for i in 1..b.len() {
        if !b[i].is_ascii_digit() {
            continue;
        }
        if b[i - 1].is_ascii_digit() {
            tight += 1;
        } else if b[i - 1] == b' ' && i >= 2 && b[i - 2].is_ascii_digit() {
            spaced += 1;
        }
    }
    spaced >= SPACED_MIN && spaced > SPACED_RATIO * tight
}

/// At least this many digit-space-digit pairs …
const SPACED_MIN: usize = 10;
/// … and this many times more than pairs of digits side by side.
const SPACED_RATIO: usize = 4;

/// A line that is only an integer (ASCII or full-width digits, no leading zero):
/// its value and the byte offset of its first digit in `s`.
fn lone_integer(s: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut n = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        if n == 0 && d == 0 {
            return None;
        }
        n += 1;
        if n > MAX_DIGITS {
            return None;
        }
        value = value * 10 + d;
    }
    (n > 0).then_some((value, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        counter_lines(text)
            .into_iter()
            .map(|p| {
                let end = text[p..]
                    .find(|c: char| !c.is_ascii_digit())
                    .map_or(text.len(), |i| p + i);
                &text[p..end]
            })
            .collect()
    }

    #[test]
    fn page_and_row_numbers_are_found() {
        // Pages counting up, with text between them.
        let t = "第一段文字。\n12\n第二段文字。\n13\n第三段。\n14\n第四段。";
        assert_eq!(found(t), vec!["12", "13", "14"]);
        // A footer between blank lines.
        assert_eq!(found("正文。\n\n  7  \n\n正文。"), vec!["7"]);
        // Row numbers of a table converted line by line.
        assert_eq!(
            found("24\n甲项目\n25\n乙项目\n26\n丙项目"),
            vec!["24", "25", "26"]
        );
    }

    #[test]
    fn spaced_out_digits_are_recognised() {
        let spaced = "生产总值达到7 4 7 7 2 亿元，增长8 ．8 ％，1 9 9 7 年。".repeat(3);
        assert!(digits_spaced_out(&spaced));
        // A table with single-space cells has digits side by side too.
        let table = "地区 372 7.9 1 2 3 2014 2015 ".repeat(5);
        assert!(!digits_spaced_out(&table));
        assert!(!digits_spaced_out(""));
    }

    #[test]
    fn table_cells_one_per_line_are_not_counters() {
        let t = "食品烟酒\n6330\n4.2\n衣着\n1571\n2.7\n居住\n5266";
        assert!(found(t).is_empty(), "{:?}", found(t));
        // Two cells that happen to be 8 and 9.
        let t = "高等学校\n8\n5666\n中等职业学校\n9\n6676\n普通中学\n107";
        assert!(found(t).is_empty(), "{:?}", found(t));
        // Zero-led and long numbers are not page numbers.
        assert!(found("\n\n0123\n\n").is_empty());
        assert!(found("\n\n123456\n\n").is_empty());
        assert!(found("").is_empty());
    }
}
