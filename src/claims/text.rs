//! Character classes and bounded windows over the text, shared by the scanner,
//! the filters and the context readers. Nothing here looks further than a fixed
//! number of characters from the position it is given.

use crate::span::Cut;

/// How far an identifier token is followed when skipping it.
const TOKEN_MAX_BYTES: usize = 256;
/// A numeral run is skipped at most this far (the grammar's window).
pub(super) const WINDOW_CHARS: usize = 48;
/// ... nor more than this many bytes.
pub(super) const WINDOW_BYTES: usize = 160;

pub(super) fn char_at(text: &str, pos: usize) -> char {
    text.cut(pos..).chars().next().unwrap_or('\0')
}

pub(super) fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.cut(..pos).chars().next_back()
}

pub(super) fn is_fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || is_fw_digit(c)
}

pub(super) fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '零' | '〇' | '○'
    )
}

/// Characters that can be part of a Chinese numeral with its magnitude.
pub(super) fn is_cn_numeral_char(c: char) -> bool {
    is_cn_digit(c) || matches!(c, '十' | '百' | '千' | '万' | '亿' | '点')
}

/// Chars at which the scanner may try a claim (cheap test).
pub(super) fn is_start_char(c: char) -> bool {
    is_fw_digit(c)
        || c == '．'
        || matches!(
            c,
            '一' | '二'
                | '两'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '零'
                | '〇'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '翻'
                | '倍'
                | '成'
        )
}

pub(super) fn is_cjk_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

pub(super) fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '－' | '—' | '–' | '−' | '─')
}

/// White space inside a line (ASCII, ideographic, em spaces ...).
pub(super) fn is_space(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace()
}

/// Sub- and superscript digits: PM₂.₅, m².
pub(super) fn is_script_digit(c: char) -> bool {
    ('\u{2080}'..='\u{2089}').contains(&c)
        || matches!(c, '\u{00B2}' | '\u{00B3}' | '\u{00B9}')
        || ('\u{2070}'..='\u{2079}').contains(&c)
}

/// Bytes of up to two spaces (ASCII or ideographic) at the start of `s`.
pub(super) fn space_gap(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars().take(2) {
        if c == ' ' || c == '\u{3000}' {
            n += c.len_utf8();
        } else {
            break;
        }
    }
    n
}

/// Bytes of the padding at the start of `s`: up to two spaces, or a line break
/// with a few spaces around it (PDF text breaks a figure across lines).
pub(super) fn break_gap(s: &str) -> usize {
    let spaces = |s: &str, max: usize| {
        s.chars()
            .take(max)
            .take_while(|&c| c == ' ' || c == '\u{3000}')
            .map(char::len_utf8)
            .sum::<usize>()
    };
    let before = spaces(s, 4);
    let rest = s.cut(before..);
    let nl = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        return space_gap(s);
    };
    let after = spaces(rest.cut(nl..), 6);
    before + nl + after
}

pub(super) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?' | '\n' | '\r')
}

/// End of the numeral run starting at `pos` (digits, separators / Chinese numerals),
/// looking at most [`WINDOW_BYTES`] ahead: a longer run is skipped piecewise, since
/// the scanner never starts a number right after a digit or Chinese numeral.
pub(super) fn skip_run(text: &str, pos: usize, c: char) -> usize {
    let mut end = pos;
    let limit = pos + WINDOW_BYTES;
    if is_digit(c) {
        for (i, ch) in text.cut(pos..).char_indices() {
            if pos + i >= limit {
                break;
            }
            if is_digit(ch) || matches!(ch, '.' | ',' | '．') {
                end = pos + i + ch.len_utf8();
            } else {
                break;
            }
        }
    } else if is_cn_numeral_char(c) {
        for (i, ch) in text.cut(pos..).char_indices() {
            if pos + i >= limit {
                break;
            }
            if is_cn_numeral_char(ch) {
                end = pos + i + ch.len_utf8();
            } else {
                break;
            }
        }
    }
    end.max(pos + c.len_utf8())
}

/// End of the identifier-like token (ASCII letters, digits and connectors) at `pos`.
pub(super) fn skip_token(text: &str, pos: usize) -> usize {
    let mut end = pos;
    for (i, ch) in text.cut(pos..).char_indices() {
        if i > TOKEN_MAX_BYTES {
            break;
        }
        if is_ascii_word(ch)
            || is_fw_digit(ch)
            || matches!(ch, '-' | '/' | '.' | ':' | '+' | '#' | '_')
        {
            end = pos + i + ch.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// The end of a window of at most `max_chars` characters / `max_bytes` bytes from `pos`.
pub(super) fn window_end(text: &str, pos: usize, max_chars: usize, max_bytes: usize) -> usize {
    let mut end = pos;
    for (n, (i, ch)) in text.cut(pos..).char_indices().enumerate() {
        if n >= max_chars || i + ch.len_utf8() > max_bytes {
            break;
        }
        end = pos + i + ch.len_utf8();
    }
    end
}

/// The start of a window of at most `max_chars` characters ending at `pos`, not before `floor`.
pub(super) fn window_start(text: &str, pos: usize, max_chars: usize, floor: usize) -> usize {
    let mut start = pos;
    for (n, (i, _)) in text
        .cut(floor.min(pos)..pos)
        .char_indices()
        .rev()
        .enumerate()
    {
        if n >= max_chars {
            break;
        }
        start = floor.min(pos) + i;
    }
    start
}
