//! Numeric-claim extraction.
//!
//! The scan is linear: one pass over the characters finds places where a number may
//! start (ASCII or full-width digit, Chinese numeral, 百分之/千分之, 翻). At each one the
//! pest grammar (`grammar/claims.pest`) parses a short window — at most
//! [`WINDOW_CHARS`] characters — and matches a prefix of it. Units are then matched
//! from the catalogue, and bounded look-behind / look-ahead windows decide whether
//! the number is a claim at all (years, dates, ordinals, identifiers, codes, slogans
//! are not) and pick up approximation words (约, 余, 左右) and direction words
//! (同比增长, 下降). After a claim the scan resumes at its end; after a rejected
//! candidate it resumes past the whole numeral or identifier, so no position is
//! parsed twice and nothing is quadratic.

use crate::span::Cut;
use std::str::FromStr;
use std::sync::OnceLock;

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;
use regex::Regex;
use rust_decimal::Decimal;

use super::units::{UnitCatalog, UnitDef};
use super::{Claim, ClaimKind, Direction};
use crate::span::Span;

#[derive(Parser)]
#[grammar = "../grammar/claims.pest"]
struct ClaimGrammar;

/// The grammar never sees more than this many characters.
const WINDOW_CHARS: usize = 48;
/// ... nor more than this many bytes.
const WINDOW_BYTES: usize = 160;
/// How far back direction words are looked for.
const DIRECTION_LOOKBACK_CHARS: usize = 12;
/// How far quotes around a code are looked for, each side.
const QUOTE_LOOK_CHARS: usize = 12;
/// How far book-title marks 《》 are looked for, each side.
const TITLE_LOOK_CHARS: usize = 40;
/// How far an identifier token is followed when skipping it.
const TOKEN_MAX_BYTES: usize = 256;

/// Every numeric claim in `text`, sorted by span start and non-overlapping.
pub fn extract(text: &str, units: &UnitCatalog) -> Vec<Claim> {
    let bytes = text.as_bytes();
    let mut claims: Vec<Claim> = Vec::new();
    let mut pos = 0;
    // No claim (including its 约 prefix) may start before this.
    let mut floor = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        if b < 0x80 {
            if !b.is_ascii_digit() {
                pos += 1;
                continue;
            }
        } else if b < 0xC0 {
            // Not a char boundary; cannot happen when we step by chars.
            pos += 1;
            continue;
        } else {
            let c = char_at(text, pos);
            if !is_start_char(c) {
                pos += c.len_utf8();
                continue;
            }
        }
        let c = char_at(text, pos);
        if !is_candidate(text, pos, c) {
            pos = skip_run(text, pos, c).max(pos + c.len_utf8());
            continue;
        }
        let ctx = Ctx {
            text,
            units,
            floor,
            prev: claims.last(),
        };
        match ctx.claim_at(pos, c) {
            Ok(claim) => {
                pos = claim.span.end;
                floor = pos;
                claims.push(claim);
            }
            Err(skip) => pos = skip.max(pos + c.len_utf8()),
        }
    }
    claims
}

// ------------------------------------------------------------------ character classes

fn char_at(text: &str, pos: usize) -> char {
    text.cut(pos..).chars().next().unwrap_or('\0')
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.cut(..pos).chars().next_back()
}

fn is_fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || is_fw_digit(c)
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '零' | '〇' | '○'
    )
}

/// Characters that can be part of a Chinese numeral with its magnitude.
fn is_cn_numeral_char(c: char) -> bool {
    is_cn_digit(c) || matches!(c, '十' | '百' | '千' | '万' | '亿' | '点')
}

/// Chars at which the scanner may try a claim (cheap test).
fn is_start_char(c: char) -> bool {
    is_fw_digit(c)
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
                | '翻'
        )
}

fn is_cjk_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '－' | '—' | '–' | '−' | '─')
}

/// White space inside a line (ASCII, ideographic, em spaces ...).
fn is_space(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace()
}

/// Sub- and superscript digits: PM₂.₅, m².
fn is_script_digit(c: char) -> bool {
    ('\u{2080}'..='\u{2089}').contains(&c)
        || matches!(c, '\u{00B2}' | '\u{00B3}' | '\u{00B9}')
        || ('\u{2070}'..='\u{2079}').contains(&c)
}

/// Bytes of up to two spaces (ASCII or ideographic) at the start of `s`.
fn space_gap(s: &str) -> usize {
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

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?' | '\n' | '\r')
}

/// A finer test than [`is_start_char`]: is this really where a number starts?
fn is_candidate(text: &str, pos: usize, c: char) -> bool {
    let prev = prev_char(text, pos);
    match c {
        '百' | '千' => text.cut(pos + c.len_utf8()..).starts_with("分之"),
        '翻' => {
            let rest = text.cut(pos + c.len_utf8()..);
            let rest = rest.strip_prefix('了').unwrap_or(rest);
            rest.chars()
                .next()
                .is_some_and(|d| is_cn_digit(d) || d.is_ascii_digit())
        }
        c if is_digit(c) => !prev.is_some_and(is_digit),
        _ => {
            if prev.is_some_and(is_cn_numeral_char) {
                return false;
            }
            // A lone 一 (一是, 进一步, 一个, 一次性) is never a claim by itself: only
            // 一 followed by more numeral, a magnitude, 倍 or 个百分点 can be.
            if c == '一' {
                let rest = text.cut(pos + c.len_utf8()..);
                return rest.starts_with(['十', '百', '千', '万', '亿', '点', '倍'])
                    || rest.starts_with("个百分点");
            }
            true
        }
    }
}

/// End of the numeral run starting at `pos` (digits, separators / Chinese numerals),
/// looking at most [`WINDOW_BYTES`] ahead: a longer run is skipped piecewise, since
/// the scanner never starts a number right after a digit or Chinese numeral.
fn skip_run(text: &str, pos: usize, c: char) -> usize {
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
fn skip_token(text: &str, pos: usize) -> usize {
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
fn window_end(text: &str, pos: usize, max_chars: usize, max_bytes: usize) -> usize {
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
fn window_start(text: &str, pos: usize, max_chars: usize, floor: usize) -> usize {
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

// ------------------------------------------------------------------ parsed pieces

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suffix {
    Percent,
    PerMille,
    Points,
    Times,
}

/// One amount as the grammar saw it.
#[derive(Clone, Debug)]
struct Amount {
    /// The numeral(s), absolute byte span.
    num: Span,
    scalar: Decimal,
    decimals: u32,
    chinese: bool,
    /// Integer value when written as plain Arabic digits (no separators, no decimals).
    plain_int: Option<(u64, usize)>,
    leading_zero: bool,
    magnitude: Option<Span>,
    /// The 亿 of 1万多亿.
    magnitude2: Option<Span>,
    /// 余 / 多 written after the number or the magnitude.
    approx: Option<&'static str>,
    /// 余 / 多 written after the magnitude (the magnitude may not be re-split then).
    approx_after_mag: bool,
    /// Spaces between the number and its magnitude (89.35 亿元).
    mag_gap: bool,
    suffix: Option<Suffix>,
    /// Absolute end of the amount.
    end: usize,
}

fn magnitude_factor(m: &str) -> Option<Decimal> {
    let mut f = Decimal::ONE;
    for c in m.chars() {
        let k = match c {
            '十' => Decimal::from(10),
            '百' => Decimal::from(100),
            '千' => Decimal::from(1000),
            '万' => Decimal::from(10_000),
            '亿' => Decimal::from(100_000_000),
            _ => return None,
        };
        f = f.checked_mul(k)?;
    }
    Some(f)
}

fn cn_digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a Chinese integer below 10 000: 三十, 十二, 一千零五, 一千二 (= 1200).
fn cn_int_value(s: &str) -> Option<u64> {
    let mut total: u64 = 0;
    let mut cur: Option<u64> = None;
    let mut last_unit: u64 = 0;
    let mut zero_seen = false;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                let d = cn_digit_value(c)?;
                if d == 0 {
                    zero_seen = true;
                    cur = None;
                } else {
                    cur = Some(d);
                }
                continue;
            }
        };
        total += cur.unwrap_or(1) * unit;
        cur = None;
        last_unit = unit;
        zero_seen = false;
    }
    if let Some(d) = cur {
        // 一千二 = 1200, 一百五 = 150; but 一千零五 = 1005, 二十三 = 23.
        if !zero_seen && last_unit >= 100 {
            total += d * last_unit / 10;
        } else {
            total += d;
        }
    }
    Some(total)
}

fn arabic_digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            _ => None,
        })
        .collect()
}

/// Scalar, decimals and whether it is Chinese, for a `number` / `cn_int` / `arabic` pair.
struct Numeral {
    scalar: Decimal,
    decimals: u32,
    chinese: bool,
    plain_int: Option<(u64, usize)>,
    leading_zero: bool,
}

fn numeral(pair: Pair<'_, Rule>) -> Option<Numeral> {
    let pair = if pair.as_rule() == Rule::number {
        pair.into_inner().next()?
    } else {
        pair
    };
    let s = pair.as_str();
    match pair.as_rule() {
        Rule::arabic => {
            let digits = arabic_digits(s);
            let scalar = Decimal::from_str(&digits).ok()?;
            let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
            let int_part = digits.split('.').next().unwrap_or("");
            let plain = !s.contains([',', '，']) && decimals == 0;
            let plain_int = if plain {
                int_part.parse::<u64>().ok().map(|v| (v, int_part.len()))
            } else {
                None
            };
            Some(Numeral {
                scalar,
                decimals,
                chinese: false,
                plain_int,
                leading_zero: int_part.len() > 1 && int_part.starts_with('0'),
            })
        }
        Rule::cn_number | Rule::cn_int => {
            let (int_s, frac_s) = match s.split_once('点') {
                Some((i, f)) => (i, Some(f)),
                None => (s, None),
            };
            let int_v = cn_int_value(int_s)?;
            let mut repr = int_v.to_string();
            let mut decimals = 0;
            if let Some(f) = frac_s {
                repr.push('.');
                for c in f.chars() {
                    repr.push(char::from_digit(cn_digit_value(c)? as u32, 10)?);
                    decimals += 1;
                }
            }
            Some(Numeral {
                scalar: Decimal::from_str(&repr).ok()?,
                decimals,
                chinese: true,
                plain_int: None,
                leading_zero: false,
            })
        }
        Rule::hundred => Some(Numeral {
            scalar: Decimal::from(100),
            decimals: 0,
            chinese: true,
            plain_int: None,
            leading_zero: false,
        }),
        _ => None,
    }
}

fn abs_span(base: usize, p: &Pair<'_, Rule>) -> Span {
    let s = p.as_span();
    Span::new(base + s.start(), base + s.end())
}

fn amount(base: usize, pair: Pair<'_, Rule>) -> Option<Amount> {
    debug_assert_eq!(pair.as_rule(), Rule::amount);
    let end = base + pair.as_span().end();
    let mut a = Amount {
        num: Span::default(),
        scalar: Decimal::ZERO,
        decimals: 0,
        chinese: false,
        plain_int: None,
        leading_zero: false,
        magnitude: None,
        magnitude2: None,
        approx: None,
        approx_after_mag: false,
        mag_gap: false,
        suffix: None,
        end,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::number => {
                a.num = abs_span(base, &p);
                let n = numeral(p)?;
                a.scalar = n.scalar;
                a.decimals = n.decimals;
                a.chinese = n.chinese;
                a.plain_int = n.plain_int;
                a.leading_zero = n.leading_zero;
            }
            Rule::compound => compound(base, p, &mut a)?,
            Rule::approx_infix => a.approx = Some(if p.as_str() == "余" { "余" } else { "多" }),
            Rule::approx_after => {
                a.approx = Some(if p.as_str() == "余" { "余" } else { "多" });
                a.approx_after_mag = true;
            }
            Rule::magnitude => a.magnitude = Some(abs_span(base, &p)),
            Rule::mag_gap => a.mag_gap = true,
            Rule::magnitude2 => a.magnitude2 = Some(abs_span(base, &p)),
            Rule::suffix => {
                let inner = p.into_inner().next()?;
                a.suffix = Some(match inner.as_rule() {
                    Rule::percent => Suffix::Percent,
                    Rule::permille => Suffix::PerMille,
                    Rule::points => Suffix::Points,
                    _ => Suffix::Times,
                });
            }
            _ => {}
        }
    }
    Some(a)
}

/// 3亿5000万, 一万二千: the scalar is expressed in the first magnitude.
fn compound(base: usize, pair: Pair<'_, Rule>, a: &mut Amount) -> Option<()> {
    let start = base + pair.as_span().start();
    let mut parts = pair.into_inner().filter(|p| p.as_rule() != Rule::cn_zero);
    let first = parts.next()?;
    let n1 = numeral(first)?;
    let mag1 = parts.next()?;
    let mag1_span = abs_span(base, &mag1);
    let f1 = magnitude_factor(mag1.as_str())?;
    let second = parts.next()?;
    let second_end = base + second.as_span().end();
    let (n2, f2, extra_decimals) = if second.as_rule() == Rule::cn_section {
        let v = cn_int_value(second.as_str())?;
        let digits = f1.to_string().len() as u32 - 1;
        (Decimal::from(v), Decimal::ONE, digits)
    } else {
        let n2 = numeral(second)?;
        let small = parts.next()?;
        let f2 = magnitude_factor(small.as_str())?;
        let digits = (f1 / f2).normalize().to_string().len() as u32 - 1;
        (n2.scalar, f2, digits + n2.decimals)
    };
    let value = n1
        .scalar
        .checked_mul(f1)?
        .checked_add(n2.checked_mul(f2)?)?;
    let mut scalar = value.checked_div(f1)?;
    let decimals = n1.decimals.max(extra_decimals);
    scalar.rescale(decimals);
    a.num = Span::new(start, second_end);
    a.scalar = scalar;
    a.decimals = decimals;
    a.chinese = n1.chinese;
    a.magnitude = Some(mag1_span);
    Some(())
}

/// What the grammar matched at a position.
enum Parsed {
    Amounts(Vec<Amount>),
    /// 翻一番: the numeral and the multiple.
    Fan {
        num: Span,
        multiple: Decimal,
        end: usize,
    },
    /// 百分之八 / 千分之五.
    Words {
        num: Span,
        n: Numeral,
        kind: ClaimKind,
        end: usize,
    },
}

fn parse_window(text: &str, pos: usize, rule: Rule) -> Option<Parsed> {
    let wend = window_end(text, pos, WINDOW_CHARS, WINDOW_BYTES);
    let window = text.cut(pos..wend);
    let top = ClaimGrammar::parse(rule, window).ok()?.next()?;
    let top = if top.as_rule() == Rule::claim {
        top.into_inner().next()?
    } else {
        top
    };
    let end = pos + top.as_span().end();
    match top.as_rule() {
        Rule::amount => Some(Parsed::Amounts(vec![amount(pos, top)?])),
        Rule::amounts => {
            let mut v = Vec::with_capacity(2);
            for p in top.into_inner() {
                if p.as_rule() == Rule::amount {
                    v.push(amount(pos, p)?);
                }
            }
            Some(Parsed::Amounts(v))
        }
        Rule::fan => {
            let count = top.into_inner().next()?;
            let num = abs_span(pos, &count);
            let n = numeral(count.into_inner().next()?)?;
            let times: u32 = n.scalar.try_into().ok()?;
            if times == 0 || times > 10 {
                return None;
            }
            Some(Parsed::Fan {
                num,
                multiple: Decimal::from(1u64 << times),
                end,
            })
        }
        Rule::percent_words | Rule::permille_words => {
            let kind = if top.as_rule() == Rule::percent_words {
                ClaimKind::Percent
            } else {
                ClaimKind::PerMille
            };
            let inner = top.into_inner().next()?;
            let num = abs_span(pos, &inner);
            let n = numeral(inner)?;
            Some(Parsed::Words { num, n, kind, end })
        }
        _ => None,
    }
}

// ------------------------------------------------------------------ direction words

fn direction_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let comp = "(?:同比|环比|(?:比|较)(?:上年同期|上年末|上年底|上年|去年同期|去年末|去年底|去年|前一年|年初|上月|上季度|上期|同期|[0-9]{4}年(?:末|底)?))";
        let inc = "新增|净增|增长|增加|提高|提升|上升|上涨|扩大|增收|增产|增";
        let dec = "净减|下降|减少|降低|回落|下滑|下跌|缩小|收窄|减收|减产|降|减";
        Regex::new(&format!(
            "(?P<word>(?:{comp}(?:分别)?)?(?:(?P<inc>{inc})|(?P<dec>{dec}))|{comp}(?:(?P<inc2>多)|(?P<dec2>少)))(?:了)?(?:分别)?(?:达到|达)?[ 　]*$"
        ))
        .expect("direction regex")
    })
}

// ------------------------------------------------------------------ one claim

struct Ctx<'a> {
    text: &'a str,
    units: &'a UnitCatalog,
    floor: usize,
    prev: Option<&'a Claim>,
}

/// A unit found after an amount.
struct UnitHit<'u> {
    span: Span,
    def: &'u UnitDef,
}

impl<'a> Ctx<'a> {
    /// The claim whose number starts at `pos`, or where to resume scanning.
    fn claim_at(&self, pos: usize, c: char) -> Result<Claim, usize> {
        let text = self.text;
        let run_end = skip_run(text, pos, c);
        let arabic = is_digit(c);

        // Digits glued to letters are identifiers (PM2.5, G20), except after an
        // all-caps acronym when a unit, magnitude or % follows (人均GDP10万元).
        let mut after_acronym = None;
        if arabic && let Some(skip) = self.identifier_before(pos) {
            if !self.acronym_before(pos) {
                return Err(skip);
            }
            after_acronym = Some(skip);
        }

        let parsed = parse_window(text, pos, Rule::claim).ok_or(run_end)?;
        let (mut amounts, fixed) = match parsed {
            Parsed::Amounts(v) => (v, None),
            Parsed::Fan { num, multiple, end } => {
                let n = Numeral {
                    scalar: multiple,
                    decimals: 0,
                    chinese: true,
                    plain_int: None,
                    leading_zero: false,
                };
                (Vec::new(), Some((num, n, ClaimKind::Multiple, end)))
            }
            Parsed::Words { num, n, kind, end } => (Vec::new(), Some((num, n, kind, end))),
        };
        if let Some((num, n, kind, end)) = fixed {
            return self.finish_fixed(pos, num, n, kind, end).ok_or(run_end);
        }

        // A range whose ends disagree is not a range: 2014-02 (a date), 10%-5.
        if amounts.len() == 2 && !range_is_sane(text, &amounts[0], &amounts[1]) {
            amounts.truncate(1);
        }
        let numeral_end = amounts.last().map_or(run_end, |a| a.num.end);
        let skip = run_end.max(numeral_end);
        let claim = self.finish_amounts(pos, amounts).ok_or(skip)??;
        if let Some(skip) = after_acronym
            && claim.kind == ClaimKind::Quantity
            && claim.unit.is_none()
            && claim.magnitude.is_none()
        {
            return Err(skip);
        }
        Ok(claim)
    }

    /// An all-caps word of three or more letters right before `pos`: GDP, CPI, PPI.
    fn acronym_before(&self, pos: usize) -> bool {
        let mut n = 0;
        for c in self.text.cut(..pos).chars().rev() {
            if c.is_ascii_uppercase() {
                n += 1;
                if n > 8 {
                    return false;
                }
            } else {
                return n >= 3 && !is_ascii_word(c) && !matches!(c, '-' | '/' | '.' | '_');
            }
        }
        n >= 3
    }

    /// Digits glued to ASCII letters or codes on their left: PM2.5, H7N9, COVID-19, G20.
    fn identifier_before(&self, pos: usize) -> Option<usize> {
        let text = self.text;
        let prev = prev_char(text, pos)?;
        let glued = if is_ascii_word(prev)
            || is_script_digit(prev)
            || matches!(prev, '#' | '＃' | '№' | '·' | '•')
        {
            true
        } else if matches!(prev, '-' | '/' | '.' | ':' | '+' | '_' | '&' | '\\') {
            let before = prev_char(text, pos - prev.len_utf8());
            before.is_some_and(|b| is_ascii_word(b) || is_fw_digit(b) || is_script_digit(b))
        } else {
            false
        };
        glued.then(|| skip_token(text, pos))
    }

    /// 翻一番, 百分之八, 千分之五.
    fn finish_fixed(
        &self,
        pos: usize,
        num: Span,
        n: Numeral,
        kind: ClaimKind,
        end: usize,
    ) -> Option<Claim> {
        if self.in_book_title(pos, end) {
            return None;
        }
        let value = n.scalar;
        let mut claim = Claim {
            span: Span::new(pos, end),
            number_span: num,
            text: String::new(),
            number: self.text.cut(num.start..num.end).to_string(),
            scalar: n.scalar,
            decimals: n.decimals,
            magnitude: None,
            value: value.normalize(),
            range_end: None,
            unit: None,
            dimension: None,
            kind,
            approx: None,
            direction: None,
            direction_word: None,
        };
        self.add_suffix_approx(&mut claim);
        self.add_prefix_approx(&mut claim, false);
        self.add_direction(&mut claim);
        claim.text = self.text.cut(claim.span.start..claim.span.end).to_string();
        Some(claim)
    }

    fn finish_amounts(&self, pos: usize, mut amounts: Vec<Amount>) -> Option<Result<Claim, usize>> {
        let text = self.text;
        if amounts.is_empty() {
            return None;
        }
        // Ranges: a suffix or magnitude written only on the upper end applies to both.
        if amounts.len() == 2 {
            let (hi_suffix, hi_mag) = (amounts[1].suffix, amounts[1].magnitude);
            let lo = &mut amounts[0];
            if lo.magnitude.is_none() && hi_mag.is_some() && lo.suffix.is_none() {
                lo.magnitude = hi_mag;
            }
            if lo.suffix.is_none() && hi_suffix.is_some() {
                lo.suffix = hi_suffix;
            }
        }
        let last = amounts.len() - 1;
        let kind = match amounts[last].suffix {
            None => ClaimKind::Quantity,
            Some(Suffix::Percent) => ClaimKind::Percent,
            Some(Suffix::PerMille) => ClaimKind::PerMille,
            Some(Suffix::Points) => ClaimKind::PercentagePoints,
            Some(Suffix::Times) => ClaimKind::Multiple,
        };

        // Units, for amounts: longest spelling; 千瓦 beats the magnitude 千.
        let mut unit: Option<UnitHit<'_>> = None;
        let mut end = amounts[last].end;
        if kind == ClaimKind::Quantity {
            let a = &mut amounts[last];
            if let (Some(m), false) = (a.magnitude, a.approx_after_mag) {
                let mut k = m.start;
                while k < m.end {
                    if let Some((len, def)) = self.units.longest_prefix(text.cut(k..))
                        && k + len > m.end
                        && a.approx.is_none()
                    {
                        a.magnitude = (k > m.start).then(|| Span::new(m.start, k));
                        unit = Some(UnitHit {
                            span: Span::new(k, k + len),
                            def,
                        });
                        end = k + len;
                        break;
                    }
                    k += char_at(text, k).len_utf8();
                }
                if amounts.len() == 2 && amounts[0].magnitude == Some(m) {
                    amounts[0].magnitude = amounts[last].magnitude;
                }
            }
            if unit.is_none() {
                // Up to two spaces before the unit after Arabic digits (PDF text: 5964 元).
                let gap = if amounts[last].chinese {
                    0
                } else {
                    space_gap(text.cut(end..))
                };
                // ... but not in text spaced out character by character (收 入 总 计 6035 支 出).
                let spaced_out = |len: usize| {
                    let mut it = text.cut(end + gap + len..).chars();
                    gap > 0
                        && it.next().is_some_and(is_space)
                        && it.next().is_some_and(is_cjk_ideograph)
                };
                if let Some((len, def)) = self
                    .units
                    .longest_prefix(text.cut(end + gap..))
                    .filter(|&(len, _)| !spaced_out(len))
                {
                    unit = Some(UnitHit {
                        span: Span::new(end + gap, end + gap + len),
                        def,
                    });
                    end += gap + len;
                }
            }
        }

        // 3个多月: the 多 sits inside the unit 个月.
        let mut approx_inner: Option<&'static str> = amounts.iter().find_map(|a| a.approx);
        if let Some(u) = &unit {
            let rest = text.cut(u.span.end..);
            for w in ["多", "余"] {
                if let Some(after) = rest.strip_prefix(w) {
                    let head = text.cut(u.span.start..u.span.end);
                    let mut joined = String::with_capacity(head.len() + 32);
                    joined.push_str(head);
                    let tail_end = window_end(after, 0, 8, 32);
                    joined.push_str(after.cut(..tail_end));
                    if let Some((len, def)) = self.units.longest_prefix(&joined)
                        && len > head.len()
                    {
                        let new_end = u.span.end + w.len() + (len - head.len());
                        unit = Some(UnitHit {
                            span: Span::new(u.span.start, new_end),
                            def,
                        });
                        end = new_end;
                        approx_inner = Some(if w == "多" { "多" } else { "余" });
                    }
                    break;
                }
            }
        }

        // 3年至5年, 3万人-5万人: the unit written on both ends.
        let mut range_hi: Option<Amount> = (amounts.len() == 2).then(|| amounts[1].clone());
        if amounts.len() == 1
            && let Some(u) = &unit
            && let Some((hi, hi_end)) = self.unit_range_tail(&amounts[0], u, end)
        {
            range_hi = Some(hi);
            end = hi_end;
        }

        let lo = &amounts[0];
        let hi_for_end = range_hi.as_ref();
        let number_span = Span::new(lo.num.start, hi_for_end.map_or(lo.num.end, |h| h.num.end));
        let mag_span = lo.magnitude.or(amounts[last].magnitude);
        let mut magnitude = mag_span.map(|m| text.cut(m.start..m.end).to_string());
        if let (Some(m), Some(m2)) = (magnitude.as_mut(), lo.magnitude2) {
            m.push_str(text.cut(m2.start..m2.end));
        }
        let factor = match &magnitude {
            Some(m) => magnitude_factor(m)?,
            None => Decimal::ONE,
        };
        let value = lo.scalar.checked_mul(factor)?;
        let range_end = match hi_for_end {
            Some(h) => {
                let f = match h.magnitude {
                    Some(m) => magnitude_factor(text.cut(m.start..m.end))?,
                    None => factor,
                };
                Some(h.scalar.checked_mul(f)?.normalize())
            }
            None => None,
        };
        let number = text.cut(lo.num.start..lo.num.end).to_string();

        let mut claim = Claim {
            span: Span::new(pos, end),
            number_span,
            text: String::new(),
            number,
            scalar: lo.scalar,
            decimals: lo.decimals,
            magnitude,
            value: value.normalize(),
            range_end,
            unit: unit.as_ref().map(|u| u.def.unit.clone()),
            dimension: unit.as_ref().map(|u| u.def.dimension.clone()),
            kind,
            approx: approx_inner.map(str::to_string),
            direction: None,
            direction_word: None,
        };
        let unit_text = unit.as_ref().map(|u| text.cut(u.span.start..u.span.end));
        let view = View {
            amounts: &amounts,
            range_hi: range_hi.as_ref(),
            unit_text,
        };
        if let Some(skip) = self.reject(&claim, &view) {
            return Some(Err(skip));
        }
        self.add_suffix_approx(&mut claim);
        let time_unit = claim.dimension.as_deref() == Some("time");
        self.add_prefix_approx(&mut claim, time_unit);
        self.add_direction(&mut claim);
        claim.text = text.cut(claim.span.start..claim.span.end).to_string();
        Some(Ok(claim))
    }

    /// After `3年` (unit `u`, ending at `end`): `至5年` / `-5年` with the same unit.
    fn unit_range_tail(&self, lo: &Amount, u: &UnitHit<'_>, end: usize) -> Option<(Amount, usize)> {
        let text = self.text;
        let rest = text.cut(end..);
        let sep = ["——", "—", "–", "－", "-", "～", "~", "〜", "至", "到"]
            .into_iter()
            .find(|s| rest.starts_with(s))?;
        let hi_pos = end + sep.len();
        let c = text.cut(hi_pos..).chars().next()?;
        if !(is_digit(c) || is_cn_digit(c) || c == '十') {
            return None;
        }
        let Some(Parsed::Amounts(v)) = parse_window(text, hi_pos, Rule::amount) else {
            return None;
        };
        let hi = v.into_iter().next()?;
        if hi.suffix.is_some() || hi.chinese != lo.chinese {
            return None;
        }
        let (len, def) = self.units.longest_prefix(text.cut(hi.end..))?;
        if def.unit != u.def.unit {
            return None;
        }
        if !range_is_sane(text, lo, &hi) {
            return None;
        }
        let hi_end = hi.end + len;
        Some((hi, hi_end))
    }

    // -------------------------------------------------------------- filters

    /// Why this is not a claim: returns where to resume scanning.
    fn reject(&self, claim: &Claim, v: &View<'_>) -> Option<usize> {
        let text = self.text;
        let lo = &v.amounts[0];
        let last = v.range_hi.unwrap_or(&v.amounts[v.amounts.len() - 1]);
        let start = lo.num.start;
        let end = claim.span.end;
        let skip = end.max(last.num.end);
        let skip_numeral = last.num.end;
        let bare =
            claim.kind == ClaimKind::Quantity && claim.unit.is_none() && claim.magnitude.is_none();
        let prev = prev_char(text, start);
        let next = text.cut(end..).chars().next();
        let unit = claim.unit.as_deref();

        // Ordinals: 第五届, 第1名, 第 3 名.
        if prev == Some('第')
            || (prev.is_some_and(is_space)
                && prev_char(text, start - prev.unwrap().len_utf8()) == Some('第'))
        {
            return Some(skip_numeral);
        }

        // Inside a book title: 《2014年政府工作报告》, 《“十四五”规划》.
        if self.in_book_title(start, end) {
            return Some(skip);
        }

        // Session numbers: 十四届人大二次会议, 十三届三次全会, 十届2次.
        if unit == Some("次") {
            let before = text.cut(window_start(text, start, 6, 0)..start);
            let meeting = ["会议", "全会", "全体会议", "常委会", "代表大会", "党代会"]
                .iter()
                .any(|w| text.cut(end..).starts_with(w));
            if before.contains('届') || (lo.chinese && meeting) {
                return Some(skip);
            }
        }

        if lo.chinese {
            // Vague counts: 几十亩, 数百家 — no number is stated.
            if prev.is_some_and(|c| matches!(c, '几' | '数')) {
                return Some(skip);
            }
            // Spaced-out Chinese numerals (PDF text: 十  万) are too unreliable.
            if v.amounts.iter().any(|a| a.mag_gap) {
                return Some(skip_numeral);
            }
            // Chinese numerals count only with a unit, magnitude, %, 倍, 个百分点.
            if bare {
                return Some(skip_numeral);
            }
            // A lone 二 with a unit is an ordinal or a word (二次招商, 二级, 二元结构):
            // counting uses 两 (两次, 两个).
            if text.cut(lo.num.start..lo.num.end) == "二"
                && claim.magnitude.is_none()
                && claim.kind == ClaimKind::Quantity
            {
                return Some(skip_numeral);
            }
            // 零件, 零部件: 零 with a unit is a word.
            if claim.scalar.is_zero() && claim.kind == ClaimKind::Quantity {
                return Some(skip_numeral);
            }
            if self.units.not_claim_prefix(text.cut(start..)).is_some() {
                return Some(skip_numeral);
            }
            if matches!(prev, Some('初' | '周' | '礼' | '星' | '期')) {
                return Some(skip_numeral);
            }
            if self.in_short_quote(start, end) {
                return Some(skip_numeral);
            }
        } else {
            // Digits glued to letters on the right (5G, 4A, 3D, H7N9), or to a code / date /
            // time going on with -, /, :, +, . and more digits.
            let after_num = last.num.end;
            let glued_letter = text
                .cut(after_num..)
                .chars()
                .next()
                .is_some_and(|c| is_ascii_word(c) && !c.is_ascii_digit());
            let ascii_unit = v
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
                        return Some(skip);
                    }
                }
            }
            if v.amounts.iter().chain(v.range_hi).any(|a| a.leading_zero) {
                return Some(skip_token(text, start));
            }
            // GB/T 123, iPhone 15, PM⏎10 (a line break inside the name).
            if bare && let Some(p) = prev.filter(|&p| p == ' ' || p == '\n') {
                let pp = prev_char(text, start - p.len_utf8());
                if pp.is_some_and(|c| c.is_ascii_alphabetic() || c == '/') {
                    return Some(skip_numeral);
                }
            }
            // 3·15, 9·11.
            if prev == Some('·') || text.cut(last.num.end..).starts_with('·') {
                return Some(skip_numeral);
            }
            if bare {
                // Ratios: 22.7:32.4:44.9, 1.1∶56.1∶42.8.
                if let Some(p) = prev.filter(|&p| matches!(p, ':' | '：' | '∶'))
                    && prev_char(text, start - p.len_utf8()).is_some_and(is_digit)
                {
                    return Some(skip);
                }
                // Digits spaced out by PDF extraction or packed table cells: 1 9 4.
                if let Some(p) = prev.filter(|&p| p == ' ')
                    && prev_char(text, start - p.len_utf8()).is_some_and(is_digit)
                {
                    return Some(skip);
                }
                let mut it = text.cut(end..).chars();
                if let (Some(' '), Some(d)) = (it.next(), it.next())
                    && is_digit(d)
                {
                    return Some(skip);
                }
            }
            // 表32025年: a table number glued to a year.
            if let (Some("年"), Some((n, digits))) = (unit, lo.plain_int)
                && digits >= 5
                && (1800..=2100).contains(&(n % 10_000))
            {
                return Some(skip);
            }
            // 5.2024年: the list number 5. glued to a year.
            if unit == Some("年") && lo.decimals == 4 {
                let num = text.cut(lo.num.start..lo.num.end);
                let frac = arabic_digits(num.rsplit(['.', '．']).next().unwrap_or(""));
                if frac
                    .parse::<u32>()
                    .is_ok_and(|y| (1800..=2100).contains(&y))
                {
                    return Some(skip);
                }
            }
        }

        // Years: 2014年, 2013年度, 2021-2025年, and a bare 2025.
        let is_year =
            |a: &Amount| matches!(a.plain_int, Some((y, 4)) if (1800..=2100).contains(&y));
        let year_unit = unit == Some("年");
        if (year_unit || bare) && (is_year(lo) || v.range_hi.is_some_and(is_year)) {
            return Some(skip_numeral);
        }

        // Dates: 1月, 3月份, 1-11月, 18日, 三季度.
        if claim.kind == ClaimKind::Quantity
            && claim.unit.is_none()
            && let Some(n) = next
            && matches!(n, '月' | '号' | '时' | '点' | '分' | '秒' | '季')
        {
            return Some(skip);
        }
        if v.unit_text == Some("日") {
            let rest = text.cut(end..);
            let duration = ["内", "以内", "以上", "左右", "时间", "之内", "以下"]
                .iter()
                .any(|w| rest.starts_with(w));
            if !duration || prev == Some('月') {
                return Some(skip);
            }
        }

        // Designations: 500强, 5号线, 3级, 2期, 5A级 (above), 3版.
        if bare {
            if let Some(n) = next
                && matches!(
                    n,
                    '强' | '级'
                        | '星'
                        | '届'
                        | '期'
                        | '版'
                        | '代'
                        | '型'
                        | '路'
                        | '楼'
                        | '线'
                        | '区'
                        | '寸'
                        | '大'
                        | '中'
                )
            {
                return Some(skip);
            }
            // Figure and table numbers: 图1, 表3.
            if matches!(prev, Some('图' | '表')) {
                return Some(skip);
            }
            // Centuries and decades: 21世纪, 80年代; school grades: 3年级.
            if ["世纪", "年代", "年级"]
                .iter()
                .any(|w| text.cut(end..).starts_with(w))
            {
                return Some(skip);
            }
        }

        // Rankings: 前10名, 前5位, 前3.
        if prev == Some('前') && (bare || matches!(unit, Some("名" | "位"))) {
            return Some(skip);
        }

        if bare && !lo.chinese {
            // Hotlines and service numbers: 12345热线, 110联动平台, 95598.
            if let (Some((n, digits)), Some(nc)) = (lo.plain_int, next) {
                let first = n.to_string().chars().next();
                if (3..=5).contains(&digits)
                    && matches!(first, Some('1' | '9'))
                    && is_cjk_ideograph(nc)
                {
                    return Some(skip);
                }
            }
            // List numbering: 1、  （2）  1. at the start of a line.
            if next == Some('、') {
                return Some(skip);
            }
            let open = matches!(prev, Some('(' | '（' | '[' | '【' | '〔'));
            let close = matches!(next, Some(')' | '）' | ']' | '】' | '〕'));
            if open && close {
                return Some(skip);
            }
            if self.at_line_start(if open {
                start - prev.unwrap().len_utf8()
            } else {
                start
            }) {
                let marker = matches!(next, Some('.' | '．' | ')' | '）' | '：' | ':'))
                    || next.is_some_and(is_space);
                if marker {
                    return Some(skip);
                }
            }
            // Page numbers: —1—, - 3 -.
            if self.dash_before(start) && self.dash_after(end) {
                return Some(skip);
            }
            // Codes in quotes: “5432”, "6+2".
            if self.in_short_quote(start, end) {
                return Some(skip);
            }
        }
        None
    }

    fn at_line_start(&self, pos: usize) -> bool {
        for (n, c) in self.text.cut(..pos).chars().rev().enumerate() {
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

    fn dash_before(&self, pos: usize) -> bool {
        for (n, c) in self.text.cut(..pos).chars().rev().enumerate() {
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

    fn dash_after(&self, pos: usize) -> bool {
        for (n, c) in self.text.cut(pos..).chars().enumerate() {
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
    fn in_short_quote(&self, start: usize, end: usize) -> bool {
        let text = self.text;
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
    fn in_book_title(&self, start: usize, end: usize) -> bool {
        let text = self.text;
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

    // -------------------------------------------------------------- approximation and direction

    /// 左右, 以上, 上下, 以下, 以内 after the claim; 多 / 余 after a duration (3年多) or
    /// a multiple (3倍多).
    fn add_suffix_approx(&self, claim: &mut Claim) {
        let rest = self.text.cut(claim.span.end..);
        for w in ["左右", "以上", "以下", "以内", "上下"] {
            if let Some(after) = rest.strip_prefix(w) {
                // 上下游, 上下班, 以上的 are fine; 上下 followed by a word is not approx.
                if w == "上下" && after.chars().next().is_some_and(is_cjk_ideograph) {
                    let n = after.chars().next().unwrap();
                    if n != '的' {
                        return;
                    }
                }
                claim.span.end += w.len();
                claim.approx.get_or_insert_with(|| w.to_string());
                return;
            }
        }
        let open_ended =
            claim.dimension.as_deref() == Some("time") || claim.kind == ClaimKind::Multiple;
        if open_ended && claim.approx.is_none() {
            for w in ["多", "余"] {
                if rest.starts_with(w) {
                    claim.span.end += w.len();
                    claim.approx = Some(w.to_string());
                    return;
                }
            }
        }
    }

    /// 约, 近, 超过, 逾 ... right before the number (and the minus sign of 增长-2.3%).
    fn add_prefix_approx(&self, claim: &mut Claim, time_unit: bool) {
        let text = self.text;
        let mut start = claim.span.start;
        // A minus sign: 增长-2.3%, but not 40-69 or COVID-19 (handled before).
        if let Some(m) = prev_char(text, start).filter(|&c| matches!(c, '-' | '－' | '−')) {
            let before = prev_char(text, start - m.len_utf8());
            let sign_ok = start - m.len_utf8() >= self.floor
                && claim.number.starts_with(|c: char| is_digit(c))
                && !before.is_some_and(|b| {
                    is_ascii_word(b)
                        || is_digit(b)
                        || is_dash(b)
                        || matches!(b, '%' | '％' | '.' | ')' | '）')
                });
            if sign_ok && !self.dash_after(claim.span.end) {
                start -= m.len_utf8();
                claim.span.start = start;
                claim.number_span.start = start;
                claim.number = format!("-{}", claim.number);
                claim.scalar = -claim.scalar;
                claim.value = -claim.value;
                claim.range_end = claim.range_end.map(|v| -v);
            }
        }
        let before = text.cut(self.floor.min(start)..start);
        // Longest first: 不超过 before 超过 before 超.
        const WORDS: [&str; 15] = [
            "不超过",
            "不少于",
            "不低于",
            "不高于",
            "不超",
            "超过",
            "大约",
            "将近",
            "接近",
            "不足",
            "不到",
            "约",
            "近",
            "超",
            "逾",
        ];
        for w in WORDS {
            if let Some(head) = before.strip_suffix(w) {
                let pc = head.chars().next_back();
                let blocked = match w {
                    "约" => pc.is_some_and(|c| "节制合签预契公违履集简特俭相".contains(c)),
                    "近" => time_unit || pc.is_some_and(|c| "最附邻靠亲贴".contains(c)),
                    "超" => pc.is_some_and(|c| "赶高".contains(c)),
                    _ => false,
                };
                if blocked {
                    return;
                }
                claim.span.start = start - w.len();
                claim.approx = Some(w.to_string());
                return;
            }
        }
    }

    fn add_direction(&self, claim: &mut Claim) {
        let text = self.text;
        let start = claim.span.start;
        let wstart = window_start(text, start, DIRECTION_LOOKBACK_CHARS, self.floor);
        let mut window = text.cut(wstart..start);
        if let Some(i) = window.rfind(is_sentence_end) {
            let c = char_at(window, i);
            window = window.cut(i + c.len_utf8()..);
        }
        if let Some(caps) = direction_regex().captures(window) {
            let m = caps.name("word");
            let word = m.map(|m| m.as_str().to_string());
            // A one-character verb that ends another word: 起降, 升降, 加减, 增减.
            if let Some(m) = m.filter(|m| m.as_str().chars().count() == 1) {
                let before = window.cut(..m.start()).chars().next_back();
                if before.is_some_and(|c| "起升加增减空沉着".contains(c)) {
                    return;
                }
            }
            let dir = if caps.name("inc").is_some() || caps.name("inc2").is_some() {
                Direction::Increase
            } else {
                Direction::Decrease
            };
            claim.direction = Some(dir);
            claim.direction_word = word;
            return;
        }
        // 分别增长5.2%和3.1%: the second inherits the first's direction.
        if let Some(prev) = self.prev
            && prev.direction.is_some()
            && prev.kind == claim.kind
            && prev.span.end <= start
        {
            let gap = text.cut(prev.span.end..start).trim();
            if matches!(gap, "和" | "、" | "与" | "及" | "，和") {
                claim.direction = prev.direction;
                claim.direction_word = prev.direction_word.clone();
            }
        }
    }
}

/// What the filters need beyond the claim itself.
struct View<'v> {
    amounts: &'v [Amount],
    range_hi: Option<&'v Amount>,
    /// The unit exactly as written.
    unit_text: Option<&'v str>,
}

/// Both ends of a range are of one kind and go up: 40-69, 3-5%, 5万-10万, 5至10万.
fn range_is_sane(text: &str, lo: &Amount, hi: &Amount) -> bool {
    if lo.chinese != hi.chinese || lo.leading_zero || hi.leading_zero {
        return false;
    }
    match (lo.suffix, hi.suffix) {
        (Some(a), Some(b)) if a != b => return false,
        (Some(_), None) => return false,
        _ => {}
    }
    let factor = |m: Option<Span>| {
        m.and_then(|m| magnitude_factor(text.cut(m.start..m.end)))
            .unwrap_or(Decimal::ONE)
    };
    let hi_f = factor(hi.magnitude);
    let lo_f = if lo.magnitude.is_some() {
        factor(lo.magnitude)
    } else {
        hi_f
    };
    match (lo.scalar.checked_mul(lo_f), hi.scalar.checked_mul(hi_f)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}
