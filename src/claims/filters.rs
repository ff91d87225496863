//! Numbers that are not quantities. Real reports are full of them: years and
//! dates, ordinals, session numbers, list and page numbers, codes and
//! identifiers, designations (500强, 5号线), ranks, names and slogans.
//!
//! Each class is one small filter below. A filter looks at a candidate claim and
//! a bounded stretch of text around it, and either passes (`None`) or rejects it
//! with the position where the scanner resumes. [`FILTERS`] runs them in order;
//! the first that rejects decides. The words a filter needs are data in
//! `rules/claim-words.yaml` ([`ClaimWords`]).

use super::context::Vague;
use super::parse::{Amount, Ctx};
use super::text::*;
use super::words::{ClaimWords, ends_with_any, starts_with_any};
use super::{Claim, ClaimKind};
use crate::span::Cut;

/// How far quotes around a code are looked for, each side.
const QUOTE_LOOK_CHARS: usize = 12;
/// How far book-title marks 《》 are looked for, each side.
const TITLE_LOOK_CHARS: usize = 40;
/// How far back a clause is searched for a rank word (排名 … 3位).
const RANK_LOOK_CHARS: usize = 16;
/// How far back a list of ordinals (第3、5、7项) is followed.
const ORDINAL_LIST_CHARS: usize = 24;
/// How far back the session marker 届 is looked for before 次.
const SESSION_LOOK_CHARS: usize = 6;

/// A candidate claim and what the filters need to judge it.
pub(super) struct Cand<'c> {
    pub claim: &'c Claim,
    /// The amounts the grammar read (two for a range).
    pub amounts: &'c [Amount],
    /// The upper end of a range whose unit was written on both ends (3年至5年).
    pub range_hi: Option<&'c Amount>,
    /// The unit exactly as written.
    pub unit_text: Option<&'c str>,
}

/// Derived positions and flags, computed once per candidate.
struct Site<'c> {
    lo: &'c Amount,
    last: &'c Amount,
    /// Start of the first numeral.
    start: usize,
    /// End of the claim (unit included).
    end: usize,
    /// Resume after the whole claim.
    skip: usize,
    /// Resume after the last numeral (the unit may start another number's context).
    skip_numeral: usize,
    /// No unit, magnitude or suffix: a plain number.
    bare: bool,
    prev: Option<char>,
    next: Option<char>,
    unit: Option<&'c str>,
}

type Filter = fn(&Ctx<'_>, &Cand<'_>, &Site<'_>) -> Option<usize>;

/// The filters, in the order they run.
const FILTERS: &[(&str, Filter)] = &[
    ("binary-garbage", binary_garbage),
    ("ordinal", ordinal),
    ("book-title", book_title),
    ("session-number", session_number),
    ("chinese-non-quantity", chinese_non_quantity),
    ("magnitude-word", magnitude_word),
    ("code-or-identifier", code_or_identifier),
    ("calendar-year", calendar_year),
    ("date-or-time", date_or_time),
    ("designation", designation),
    ("rank", rank),
    ("per-base", per_base),
    ("programme-name", programme_name),
    ("layout-marker", layout_marker),
];

impl Ctx<'_> {
    /// Why this is not a claim: returns where to resume scanning.
    pub(super) fn reject(&self, cand: &Cand<'_>) -> Option<usize> {
        let claim = cand.claim;
        let lo = &cand.amounts[0];
        let last = cand
            .range_hi
            .unwrap_or(&cand.amounts[cand.amounts.len() - 1]);
        let start = lo.num.start;
        let end = claim.span.end;
        let site = Site {
            lo,
            last,
            start,
            end,
            skip: end.max(last.num.end),
            skip_numeral: last.num.end,
            bare: claim.kind == ClaimKind::Quantity
                && claim.unit.is_none()
                && claim.magnitude.is_none(),
            prev: prev_char(self.text, start),
            next: self.text.cut(end..).chars().next(),
            unit: claim.unit.as_deref(),
        };
        FILTERS.iter().find_map(|(_, f)| f(self, cand, &site))
    }

    fn words(&self) -> &ClaimWords {
        self.words
    }
}

/// Digits inside binary garbage that a converter left in the text (a control
/// character such as U+0008, a soft hyphen or an accented Latin letter such as ð
/// right next to the number; Chinese reports write none of them beside a figure):
/// not text at all.
fn binary_garbage(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    let text = ctx.text;
    let control = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || c == '\u{ad}'
            || (('\u{c0}'..='\u{ff}').contains(&c) && !matches!(c, '×' | '÷'))
    };
    let before = text.cut(..cand.claim.span.start).chars().rev().take(2);
    let after = text.cut(s.end..).chars().take(2);
    before.chain(after).any(control).then_some(s.skip)
}

/// Ordinals: 第五届, 第1名, 第 3 名, and the later members of a list of them
/// (第3、5、7项).
fn ordinal(ctx: &Ctx<'_>, _: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    let text = ctx.text;
    let after_di = s.prev == Some('第')
        || (s.prev.is_some_and(is_space)
            && prev_char(text, s.start - s.prev.unwrap().len_utf8()) == Some('第'));
    if after_di {
        return Some(s.skip_numeral);
    }
    if s.prev == Some('、') {
        for (n, c) in text.cut(..s.start).chars().rev().enumerate() {
            if n > ORDINAL_LIST_CHARS {
                break;
            }
            if c == '第' {
                return Some(s.skip_numeral);
            }
            if !(is_digit(c) || is_cn_digit(c) || c == '十' || c == '、' || is_space(c)) {
                break;
            }
        }
    }
    None
}

/// Inside a book title: 《2014年政府工作报告》, 《“十四五”规划》.
fn book_title(ctx: &Ctx<'_>, _: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    in_book_title(ctx.text, s.start, s.end).then_some(s.skip)
}

/// Session numbers: 十四届人大二次会议, 十三届三次全会, 十届2次.
fn session_number(ctx: &Ctx<'_>, _: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    if s.unit != Some("次") {
        return None;
    }
    let text = ctx.text;
    let w = ctx.words();
    let before = text.cut(window_start(text, s.start, SESSION_LOOK_CHARS, 0)..s.start);
    let meeting = starts_with_any(&w.session_after, text.cut(s.end..)).is_some();
    (before.contains(w.session_marker.as_str()) || (s.lo.chinese && meeting)).then_some(s.skip)
}

/// Chinese numerals that are not quantities: vague counts (几十亩), spaced-out
/// numerals of PDF text, numerals without unit or suffix (三农, 十八大), 二 with a
/// unit (二次招商: counting uses 两), 零 with a unit (零部件), names and slogans
/// (`not_claims`), days (初一, 周三), short quotations (“四个全面”).
fn chinese_non_quantity(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    if !s.lo.chinese {
        return None;
    }
    let text = ctx.text;
    let w = ctx.words();
    let claim = cand.claim;
    let before = text.cut(..s.start);
    // 几 / 数 before a numeral with digits (几三, 数二十), or after one (一百几十:
    // a hundred and several tens): no number is stated.
    if let Some((word, Vague::Several)) = ctx.vague_word(s.start)
        && (!vague_able(ctx, cand)
            || prev_char(text, s.start - word.len())
                .is_some_and(|c| is_cn_numeral_char(c) || is_digit(c)))
    {
        return Some(s.skip);
    }
    if cand.amounts.iter().any(|a| a.mag_gap) {
        return Some(s.skip_numeral);
    }
    if s.bare {
        return Some(s.skip_numeral);
    }
    if text.cut(s.lo.num.start..s.lo.num.end) == "二"
        && claim.magnitude.is_none()
        && claim.kind == ClaimKind::Quantity
    {
        return Some(s.skip_numeral);
    }
    if claim.scalar.is_zero() && claim.kind == ClaimKind::Quantity {
        return Some(s.skip_numeral);
    }
    if w.not_claim_prefix(text.cut(s.start..)).is_some() {
        return Some(s.skip_numeral);
    }
    if ends_with_any(&w.calendar_before, before).is_some() {
        return Some(s.skip_numeral);
    }
    if in_short_quote(text, s.start, s.end) {
        return Some(s.skip_numeral);
    }
    None
}

/// A magnitude word standing for the number (百万辆, 上千家, 万余人) is a quantity
/// only with a unit, and, unless a word before it (上, 近, 数, 约 …) or 余 / 多
/// after it marks it as a count, only when the unit ends the phrase: 千亿元产业
/// (a tier), 万元GDP (a base), 百年 (a century, a figure of speech) are not; and
/// it must follow a word, not punctuation: 单位：万元 and （亿元） label a unit.
fn magnitude_word(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    if !s.lo.numeral_less {
        return None;
    }
    let claim = cand.claim;
    if claim.kind == ClaimKind::Quantity && claim.unit.is_none() {
        return Some(s.skip);
    }
    // 千家万户, 万岁: idioms; 550多万公里 broken by a line: the tail of a number.
    if ctx.words().not_claim_around(ctx.text, s.start).is_some()
        || matches!(s.prev, Some('多' | '余'))
    {
        return Some(s.skip);
    }
    let time = claim.dimension.as_deref() == Some("time");
    let marked = ctx.vague_word(s.start).is_some()
        || cand.amounts.iter().any(|a| a.approx.is_some())
        || ctx.qualifier_before(s.start, time).is_some();
    if marked {
        return None;
    }
    // Right after a verb or noun (突破百万辆), not after punctuation, a space or a
    // line start: 单位：万元, （亿元）, 人/万辆 are unit labels, not amounts.
    if !s.prev.is_some_and(is_cjk_ideograph) {
        return Some(s.skip);
    }
    let rest = ctx.text.cut(s.end..);
    let phrase_end = rest
        .chars()
        .next()
        .is_none_or(|c| !is_cjk_ideograph(c) && !c.is_ascii_alphanumeric())
        || starts_with_any(&ctx.words().magnitude_word_after, rest).is_some();
    (time || !phrase_end).then_some(s.skip)
}

/// 数十, 几万, 上千: a magnitude word or 十 alone, which 几 / 数 / 上 can qualify.
pub(super) fn vague_able(ctx: &Ctx<'_>, cand: &Cand<'_>) -> bool {
    let [a] = cand.amounts else {
        return false;
    };
    a.numeral_less || (a.chinese && ctx.text.cut(a.num.start..a.num.end) == "十")
}

/// Arabic digits that are part of a code, an identifier, a ratio or a date
/// written with separators: 5G, 4A, H7N9, 2014-02-18, 11:41, 0571, GB/T 123,
/// 3·15, 22.7:32.4:44.9, digits spaced out by PDF extraction (1 9 4), a table
/// number or list number glued to a year (表32025年, 5.2024年).
fn code_or_identifier(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    if s.lo.chinese {
        return None;
    }
    let text = ctx.text;
    let claim = cand.claim;
    let (start, last, prev) = (s.start, s.last, s.prev);
    // Digits glued to letters on the right (5G, 4A, 3D, H7N9), or to a code / date /
    // time going on with -, /, :, +, . and more digits.
    let after_num = last.num.end;
    let glued_letter = text
        .cut(after_num..)
        .chars()
        .next()
        .is_some_and(|c| is_ascii_word(c) && !c.is_ascii_digit());
    let ascii_unit = cand
        .unit_text
        .is_some_and(|u| u.starts_with(|c: char| c.is_ascii_alphabetic()));
    if glued_letter && !ascii_unit {
        return Some(skip_token(text, start));
    }
    if last.num.end == last.end && claim.unit.is_none() {
        let mut it = text.cut(after_num..).chars();
        if let (Some(c1), Some(c2)) = (it.next(), it.next()) {
            let code_sep = matches!(
                c1,
                '-' | '/' | ':' | '+' | '.' | '_' | '#' | '．' | '：' | '∶' | '·'
            );
            if code_sep && (is_ascii_word(c2) || is_fw_digit(c2)) {
                return Some(skip_token(text, start));
            }
            // 1.加强 ..., 注：2.本公报 ...: list numbering.
            if matches!(c1, '.' | '．') && is_cjk_ideograph(c2) {
                return Some(s.skip);
            }
        }
    }
    if cand
        .amounts
        .iter()
        .chain(cand.range_hi)
        .any(|a| a.leading_zero)
    {
        return Some(skip_token(text, start));
    }
    // GB/T 123, iPhone 15, PM⏎10 (a line break inside the name).
    if s.bare
        && let Some(p) = prev.filter(|&p| p == ' ' || p == '\n')
    {
        let pp = prev_char(text, start - p.len_utf8());
        if pp.is_some_and(|c| c.is_ascii_alphabetic() || c == '/') {
            return Some(s.skip_numeral);
        }
    }
    // 3·15, 9·11.
    if prev == Some('·') || text.cut(last.num.end..).starts_with('·') {
        return Some(s.skip_numeral);
    }
    // Digits spaced out one by one in PDF text (1 5 ．3 ％ is 15.3%): a number right
    // after a single digit and a space is the tail of a damaged figure.
    if prev == Some(' ') {
        let mut it = text.cut(..start - 1).chars().rev();
        if let (Some(d), after) = (it.next(), it.next())
            && is_digit(d)
            && !after.is_some_and(is_digit)
        {
            return Some(s.skip);
        }
    }
    if s.bare {
        // Ratios: 22.7:32.4:44.9, 1.1∶56.1∶42.8.
        if let Some(p) = prev.filter(|&p| matches!(p, ':' | '：' | '∶'))
            && prev_char(text, start - p.len_utf8()).is_some_and(is_digit)
        {
            return Some(s.skip);
        }
        // Digits spaced out by PDF extraction or packed table cells: 1 9 4.
        if let Some(p) = prev.filter(|&p| p == ' ')
            && prev_char(text, start - p.len_utf8()).is_some_and(is_digit)
        {
            return Some(s.skip);
        }
        let mut it = text.cut(s.end..).chars();
        if let (Some(' '), Some(d)) = (it.next(), it.next())
            && is_digit(d)
        {
            return Some(s.skip);
        }
    }
    // 表32025年: a table number glued to a year.
    if let (Some("年"), Some((n, digits))) = (s.unit, s.lo.plain_int)
        && digits >= 5
        && (1800..=2100).contains(&(n % 10_000))
    {
        return Some(s.skip);
    }
    // 5.2024年: the list number 5. glued to a year.
    if s.unit == Some("年") && s.lo.decimals == 4 {
        let num = text.cut(s.lo.num.start..s.lo.num.end);
        let frac =
            crate::claims::numeral::arabic_digits(num.rsplit(['.', '．']).next().unwrap_or(""));
        if frac
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
        {
            return Some(s.skip);
        }
    }
    None
}

/// Calendar years: 2014年, 2013年度, 2021-2025年, 2023届, and a bare 2025.
fn calendar_year(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    let is_year = |a: &Amount| matches!(a.plain_int, Some((y, 4)) if (1800..=2100).contains(&y));
    let year_unit = s
        .unit
        .is_some_and(|u| ctx.words().year_units.iter().any(|y| y == u));
    ((year_unit || s.bare) && (is_year(s.lo) || cand.range_hi.is_some_and(is_year)))
        .then_some(s.skip_numeral)
}

/// Dates and times: 1月, 3月份, 1-11月, 18日, 8时30分, 三季度.
fn date_or_time(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    let text = ctx.text;
    let w = ctx.words();
    let claim = cand.claim;
    // PDF text spaces dates out: 2024 年 12 月 31 日.
    let after = skip_spaces(text.cut(s.end..), 2);
    if claim.kind == ClaimKind::Quantity
        && claim.unit.is_none()
        && starts_with_any(&w.date_after, after).is_some()
    {
        return Some(s.skip);
    }
    if cand.unit_text == Some("日") {
        let duration = starts_with_any(&w.day_duration_after, text.cut(s.end..)).is_some();
        let after_month = text
            .cut(..s.start)
            .trim_end_matches(is_space)
            .ends_with('月');
        if !duration || after_month {
            return Some(s.skip);
        }
    }
    None
}

/// `s` after at most `max` spaces.
fn skip_spaces(s: &str, max: usize) -> &str {
    let n: usize = s
        .chars()
        .take(max)
        .take_while(|&c| is_space(c))
        .map(char::len_utf8)
        .sum();
    s.cut(n..)
}

/// Designations: a bare number that names a thing instead of counting it:
/// 500强, 5号线, 3级, 2期, 3版, 21世纪, 80年代, 3年级; captions 图1, 表3; an
/// edition named before a noun: 十四届人大, 三期工程.
fn designation(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    let text = ctx.text;
    let w = ctx.words();
    if let Some(u) = cand.unit_text
        && w.edition_units.iter().any(|e| e == u)
    {
        // A line break may stand between them in PDF text (十四届⏎人大).
        let rest = text
            .cut(s.end..)
            .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{200b}');
        let names = rest.starts_with(is_cjk_ideograph)
            && starts_with_any(&w.edition_count_after, rest).is_none();
        if names {
            return Some(s.skip);
        }
    }
    // 表 1, 附件 2: with a space, the caption word starts its line or follows
    // punctuation (代表 200 is not a caption); the next word may look like a
    // unit (表 2 人口情况).
    let before = text.cut(..s.start);
    let trimmed = before.trim_end_matches(is_space);
    if cand.claim.kind == ClaimKind::Quantity
        && cand.claim.magnitude.is_none()
        && trimmed.len() < before.len()
        && let Some(word) = ends_with_any(&w.caption_before, trimmed)
        && !prev_char(trimmed, trimmed.len() - word.len()).is_some_and(is_cjk_ideograph)
    {
        return Some(s.skip_numeral);
    }
    if !s.bare {
        return None;
    }
    if starts_with_any(&w.designation_after, text.cut(s.end..)).is_some() {
        return Some(s.skip);
    }
    if ends_with_any(&w.caption_before, before).is_some() {
        return Some(s.skip);
    }
    // 21团, 第二师 21 团, 302室: the number names an organisation or a room.
    let after = skip_spaces(text.cut(s.end..), 2);
    if !s.lo.chinese
        && starts_with_any(&w.organisation_after, after).is_some()
        && starts_with_any(&w.organisation_not, after).is_none()
    {
        return Some(s.skip);
    }
    None
}

/// Ranks are not shares or counts: 前10名, 前5位, 前3, 前10%, 前1‰ (not 目前,
/// 提前); 位 / 名 in a clause about a rank (排名由12位上升到8位).
fn rank(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    let text = ctx.text;
    let w = ctx.words();
    let rank_unit = s.unit.is_some_and(|u| w.rank_units.iter().any(|r| r == u));
    let before = text.cut(..s.start);
    let after_rank_word = w.rank_before.iter().any(|q| {
        before.ends_with(q.word.as_str())
            && !q.blocked_by(before.cut(..before.len() - q.word.len()))
    });
    let share = matches!(cand.claim.kind, ClaimKind::Percent | ClaimKind::PerMille);
    if after_rank_word && (s.bare || rank_unit || share) {
        return Some(s.skip);
    }
    if rank_unit {
        let clause = clause_before(text, s.start, RANK_LOOK_CHARS);
        if w.rank_context.iter().any(|r| clause.contains(r.as_str())) {
            return Some(s.skip);
        }
    }
    None
}

/// Per-base denominators: 每10万人口, 每百户, 每1000名 — the number right after 每.
fn per_base(ctx: &Ctx<'_>, _: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    ends_with_any(&ctx.words().per_base_before, ctx.text.cut(..s.start)).map(|_| s.skip)
}

/// Programme names: a duration before a programme word (三年行动, 5年规划, 百日
/// 攻坚) names the programme, it is not a stated duration.
fn programme_name(ctx: &Ctx<'_>, cand: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    if cand.claim.dimension.as_deref() != Some("time") {
        return None;
    }
    let rest = ctx.text.cut(s.end..);
    starts_with_any(&ctx.words().programme_after, rest).map(|_| s.skip)
}

/// The text of the clause that ends at `pos` (back to the last sentence end or
/// comma), at most `max_chars` characters.
fn clause_before(text: &str, pos: usize, max_chars: usize) -> &str {
    let start = window_start(text, pos, max_chars, 0);
    let w = text.cut(start..pos);
    match w.rfind(|c: char| is_sentence_end(c) || c == '，' || c == ',') {
        Some(i) => w.cut(i + w.cut(i..).chars().next().map_or(1, char::len_utf8)..),
        None => w,
    }
}

/// Numbers that belong to the layout, not the content, or to a service name:
/// hotlines (12345热线, 110联动), list numbering (1、 （2） 1. at the start of a
/// line), page numbers (—1—, - 3 -, a number alone on its line in a count, one
/// merged into a paragraph, one after the leader dots of a table of contents),
/// codes in quotes (“5432”, "6+2").
fn layout_marker(ctx: &Ctx<'_>, _: &Cand<'_>, s: &Site<'_>) -> Option<usize> {
    if !s.bare || s.lo.chinese {
        return None;
    }
    let text = ctx.text;
    let (prev, next, start, end) = (s.prev, s.next, s.start, s.end);
    // Hotlines and service numbers: 12345热线, 110联动平台, 95598.
    if let (Some((n, digits)), Some(nc)) = (s.lo.plain_int, next) {
        let first = n.to_string().chars().next();
        if (3..=5).contains(&digits) && matches!(first, Some('1' | '9')) && is_cjk_ideograph(nc) {
            return Some(s.skip);
        }
    }
    // List numbering: 1、  （2）  1. at the start of a line.
    if next == Some('、') {
        return Some(s.skip);
    }
    let open = matches!(prev, Some('(' | '（' | '[' | '【' | '〔' | '［' | '｛'));
    let close = matches!(next, Some(')' | '）' | ']' | '】' | '〕' | '］' | '｝'));
    if open && close {
        return Some(s.skip);
    }
    // （  23  ）: a list or footnote marker padded by PDF extraction.
    let is_open = |c: char| matches!(c, '(' | '（' | '[' | '【' | '〔' | '［');
    let is_close = |c: char| matches!(c, ')' | '）' | ']' | '】' | '〕' | '］');
    let before_pad = text
        .cut(..start)
        .trim_end_matches(is_space)
        .chars()
        .next_back();
    let after_pad = text.cut(end..).trim_start_matches(is_space).chars().next();
    if before_pad.is_some_and(is_open) && after_pad.is_some_and(is_close) {
        return Some(s.skip);
    }
    // 经济 12 发展: a small number standing alone between spaces in running
    // Chinese text is a page number merged into the paragraph. (In a table row
    // flattened to one line, 转移收入 977 转移支出 3, other figures stand near it.)
    if let Some((_, digits)) = s.lo.plain_int
        && digits <= 3
        && prev.is_some_and(is_space)
        && next.is_some_and(is_space)
        && before_pad.is_some_and(is_cjk_ideograph)
        && after_pad.is_some_and(is_cjk_ideograph)
        && !digits_nearby(text, start, end)
    {
        return Some(s.skip);
    }
    // ……161, ·········12: a page reference in a table of contents, after leader dots.
    let leaders = text
        .cut(..start)
        .trim_end_matches(is_space)
        .chars()
        .rev()
        .take(3)
        .filter(|&c| matches!(c, '.' | '·' | '…' | '．' | '⋯' | '-' | '—'))
        .count();
    if leaders == 3 && after_pad.is_none_or(|c| c == '\n' || c == '\r') {
        return Some(s.skip);
    }
    // A page or row number alone on its line (see `layout::counter_lines`).
    if ctx.counters.binary_search(&start).is_ok() {
        return Some(s.skip);
    }
    let line_pos = if open {
        start - prev.unwrap().len_utf8()
    } else {
        start
    };
    if at_line_start(text, line_pos) {
        let marker = matches!(next, Some('.' | '．' | ')' | '）' | '：' | ':'))
            || next.is_some_and(is_space);
        if marker {
            return Some(s.skip);
        }
    }
    // Page numbers: —1—, - 3 -.
    if dash_before(text, start) && dash_after(text, end) {
        return Some(s.skip);
    }
    // Codes in quotes: “5432”, "6+2".
    if in_short_quote(text, start, end) {
        return Some(s.skip);
    }
    None
}

// ------------------------------------------------------------------ layout helpers

/// How far along its line other figures are looked for around a number.
const NEARBY_CHARS: usize = 30;

/// Another digit on the same line within [`NEARBY_CHARS`] of `start..end`.
fn digits_nearby(text: &str, start: usize, end: usize) -> bool {
    let before = text
        .cut(..start)
        .chars()
        .rev()
        .take(NEARBY_CHARS)
        .take_while(|&c| c != '\n');
    let after = text
        .cut(end..)
        .chars()
        .take(NEARBY_CHARS)
        .take_while(|&c| c != '\n');
    before.chain(after).any(is_digit)
}

/// Only white space between the start of the line and `pos` (at most 8 characters).
pub(super) fn at_line_start(text: &str, pos: usize) -> bool {
    for (n, c) in text.cut(..pos).chars().rev().enumerate() {
        if n > 8 {
            return false;
        }
        if c == '\n' {
            return true;
        }
        if !is_space(c) && c != '\r' {
            return false;
        }
    }
    true
}

/// A dash within two spaces before `pos`.
pub(super) fn dash_before(text: &str, pos: usize) -> bool {
    for (n, c) in text.cut(..pos).chars().rev().enumerate() {
        if n > 2 {
            return false;
        }
        if is_dash(c) {
            return true;
        }
        if !is_space(c) {
            return false;
        }
    }
    false
}

/// A dash within two spaces after `pos`.
pub(super) fn dash_after(text: &str, pos: usize) -> bool {
    for (n, c) in text.cut(pos..).chars().enumerate() {
        if n > 2 {
            return false;
        }
        if is_dash(c) {
            return true;
        }
        if !is_space(c) {
            return false;
        }
    }
    false
}

/// Inside a short quotation: “5432”, “四个全面”, "6+2".
pub(super) fn in_short_quote(text: &str, start: usize, end: usize) -> bool {
    let mut open = false;
    for (n, c) in text.cut(..start).chars().rev().enumerate() {
        if n >= QUOTE_LOOK_CHARS {
            break;
        }
        if matches!(c, '“' | '「' | '『' | '‘' | '"') {
            open = true;
            break;
        }
        if matches!(c, '”' | '」' | '』' | '’') || is_sentence_end(c) || c == '，' {
            break;
        }
    }
    if !open {
        return false;
    }
    for (n, c) in text.cut(end..).chars().enumerate() {
        if n >= QUOTE_LOOK_CHARS {
            break;
        }
        if matches!(c, '”' | '」' | '』' | '’' | '"') {
            return true;
        }
        if matches!(c, '“' | '「' | '『' | '‘') || is_sentence_end(c) || c == '，' {
            break;
        }
    }
    false
}

/// Inside 《...》.
pub(super) fn in_book_title(text: &str, start: usize, end: usize) -> bool {
    let mut open = false;
    for (n, c) in text.cut(..start).chars().rev().enumerate() {
        if n >= TITLE_LOOK_CHARS || c == '》' || c == '\n' {
            break;
        }
        if c == '《' {
            open = true;
            break;
        }
    }
    if !open {
        return false;
    }
    for (n, c) in text.cut(end..).chars().enumerate() {
        if n >= TITLE_LOOK_CHARS || c == '《' || c == '\n' {
            break;
        }
        if c == '》' {
            return true;
        }
    }
    false
}
