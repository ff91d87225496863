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

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;
use rust_decimal::Decimal;

use super::context::Vague;
use super::filters::{Cand, at_line_start, in_book_title, vague_able};
use super::numeral::*;
use super::text::*;
use super::units::{UnitCatalog, UnitDef};
use super::words::{ClaimWords, starts_with_any};
use super::{Bound, Claim, ClaimKind};
use crate::span::Span;

#[derive(Parser)]
#[grammar = "../grammar/claims.pest"]
struct ClaimGrammar;

/// Every numeric claim in `text`, sorted by span start and non-overlapping, with
/// the built-in vocabulary (`rules/claim-words.yaml`).
pub fn extract(text: &str, units: &UnitCatalog) -> Vec<Claim> {
    extract_with(text, units, ClaimWords::builtin())
}

/// [`extract`] with a vocabulary of your own.
pub fn extract_with(text: &str, units: &UnitCatalog, words: &ClaimWords) -> Vec<Claim> {
    let bytes = text.as_bytes();
    let counters = super::layout::counter_lines(text);
    let spaced_digits = super::layout::digits_spaced_out(text);
    let mut claims: Vec<Claim> = Vec::new();
    let mut pos = 0;
    // No claim (including its 约 prefix) may start before this.
    let mut floor = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        if b < 0x80 {
            let lead_dot = b == b'.' && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit);
            if !b.is_ascii_digit() && !lead_dot {
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
        if !is_candidate(text, pos, c, units, words) {
            pos = skip_run(text, pos, c).max(pos + c.len_utf8());
            continue;
        }
        let ctx = Ctx {
            text,
            units,
            words,
            counters: &counters,
            spaced_digits,
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

/// A finer test than [`is_start_char`]: is this really where a number starts?
fn is_candidate(text: &str, pos: usize, c: char, units: &UnitCatalog, words: &ClaimWords) -> bool {
    let prev = prev_char(text, pos);
    let rest = text.cut(pos + c.len_utf8()..);
    match c {
        // .5万: a leading decimal point, not after a digit, a letter or a digit and
        // spaces (1 .5 is a damaged 1.5).
        '.' | '．' => {
            rest.starts_with(|d: char| is_digit(d))
                && !prev.is_some_and(|p| {
                    is_ascii_word(p) || is_digit(p) || is_script_digit(p) || p == '.' || p == '．'
                })
                && !(prev.is_some_and(is_space)
                    && text
                        .cut(..pos)
                        .trim_end_matches(is_space)
                        .ends_with(|d: char| is_digit(d)))
        }
        // 5 of .5 when the decimal point was tried as the start.
        c if is_digit(c) && matches!(prev, Some('.' | '．')) => {
            let dot = prev.map_or(1, char::len_utf8);
            prev_char(text, pos - dot).is_some_and(is_digit)
        }
        // 百分之, 千分之, 万分之; a magnitude word standing for the number (百万辆,
        // 上千家, 万余人, 几万人): followed by 余 / 多, a magnitude or a unit.
        '百' | '千' | '万' | '亿' => {
            rest.starts_with("分之")
                || (!prev.is_some_and(is_cn_numeral_char)
                    && !prev.is_some_and(is_digit)
                    && (rest.starts_with(['余', '多', '万', '亿'])
                        || units.longest_prefix(rest).is_some()))
        }
        // 倍增 (not 加倍 / 成倍 / 2倍 + 增长); 成倍.
        '倍' => {
            rest.starts_with('增')
                && !prev.is_some_and(|p| {
                    matches!(p, '加' | '成' | '数' | '几') || is_digit(p) || is_cn_numeral_char(p)
                })
        }
        '成' => rest.starts_with('倍'),
        '翻' => {
            let rest = text.cut(pos + c.len_utf8()..);
            let rest = rest.strip_prefix('了').unwrap_or(rest);
            rest.chars()
                .next()
                .is_some_and(|d| is_cn_digit(d) || d.is_ascii_digit() || d == '番')
        }
        c if is_digit(c) => !prev.is_some_and(is_digit),
        _ => {
            if prev.is_some_and(is_cn_numeral_char) {
                return false;
            }
            // A lone 一 (一是, 进一步, 一个, 一次性) is never a claim by itself: only
            // 一 followed by more numeral, a magnitude, 倍 or 个百分点 can be.
            if c == '一' {
                return rest
                    .starts_with(['十', '百', '千', '万', '亿', '点', '倍', '成', '折', '又'])
                    || rest.starts_with("个百分点")
                    || rest.starts_with("个千分点")
                    || rest.starts_with("个半")
                    || starts_with_any(&words.lone_one_units, rest).is_some()
                    || units
                        .longest_prefix(rest)
                        .is_some_and(|(len, _)| words.half_follows(rest.cut(len..)));
            }
            true
        }
    }
}

// ------------------------------------------------------------------ parsed pieces

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Suffix {
    Percent,
    PerMille,
    Points,
    PerMillePoints,
    Times,
    /// 七成 = 70%.
    Tenths,
    /// 八折 = 80%.
    Discount,
}

/// One amount as the grammar saw it.
#[derive(Clone, Debug)]
pub(super) struct Amount {
    /// The numeral(s), absolute byte span.
    pub(super) num: Span,
    pub(super) scalar: Decimal,
    pub(super) decimals: u32,
    pub(super) chinese: bool,
    /// Integer value when written as plain Arabic digits (no separators, no decimals).
    pub(super) plain_int: Option<(u64, usize)>,
    pub(super) leading_zero: bool,
    pub(super) magnitude: Option<Span>,
    /// The 亿 of 1万多亿.
    pub(super) magnitude2: Option<Span>,
    /// 余 / 多 written after the number or the magnitude.
    pub(super) approx: Option<&'static str>,
    /// 余 / 多 written after the magnitude (the magnitude may not be re-split then).
    pub(super) approx_after_mag: bool,
    /// The leading magnitude of a compound when it is not one word in the text
    /// (万亿 for 一万五千亿); `magnitude` then spans its first word.
    pub(super) magnitude_text: Option<String>,
    /// A compound numeral (3亿5000万): its magnitude is never re-split into a unit.
    pub(super) compound: bool,
    /// A compound that is not one number ends after its first group, here.
    pub(super) cut_to: Option<usize>,
    /// A magnitude word standing for the number (百万辆, 上千家): no numeral.
    pub(super) numeral_less: bool,
    /// 十几, 二十几: 几 after the numeral (11-19, 21-29).
    pub(super) ji: bool,
    /// A line break between the number and its magnitude (1902.51⏎亿元).
    pub(super) mag_break: bool,
    /// Spaces between the number and its magnitude (89.35 亿元).
    pub(super) mag_gap: bool,
    pub(super) suffix: Option<Suffix>,
    /// Absolute end of the amount.
    pub(super) end: usize,
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
            let mut digits = arabic_digits(s);
            if digits.starts_with('.') {
                digits.insert(0, '0');
            }
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

fn amount(base: usize, text: &str, pair: Pair<'_, Rule>) -> Option<Amount> {
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
        magnitude_text: None,
        compound: false,
        cut_to: None,
        magnitude2: None,
        approx: None,
        approx_after_mag: false,
        mag_gap: false,
        mag_break: false,
        numeral_less: false,
        ji: false,
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
            Rule::compound_tail => compound(base, text, p, &mut a)?,
            Rule::bare_mag => {
                let span = abs_span(base, &p);
                a.num = span;
                a.magnitude = Some(span);
                a.scalar = Decimal::ONE;
                a.chinese = true;
                a.numeral_less = true;
            }
            Rule::ji => {
                if !text.cut(..base + p.as_span().start()).ends_with('十') {
                    return None;
                }
                a.ji = true;
            }
            Rule::mixed_tail => {
                // 一又二分之一 = 1.5: the numeral is the whole form.
                if !a.chinese || a.decimals > 0 {
                    return None;
                }
                a.num = Span::new(a.num.start, base + p.as_span().end());
                let mut it = p.into_inner();
                let whole = Numeral {
                    scalar: a.scalar,
                    decimals: 0,
                    chinese: true,
                    plain_int: None,
                    leading_zero: false,
                };
                let den = denominator(it.next()?)?;
                let num = numeral(it.next()?.into_inner().next()?)?;
                if num.scalar >= den {
                    return None;
                }
                let (frac, _) = ratio(num.scalar, den, Decimal::ONE)?;
                let v = whole.scalar.checked_add(frac)?;
                a.scalar = v;
                a.decimals = v.scale();
                a.chinese = true;
            }
            Rule::cn_discount => {
                // 八五折 = 85%: the two digits are tenths and hundredths of the price.
                let s = p.as_str();
                let mut it = s.chars();
                let (d1, d2) = (cn_digit_value(it.next()?)?, cn_digit_value(it.next()?)?);
                let digits = s.cut(..s.len() - "折".len());
                a.num = Span::new(
                    base + p.as_span().start(),
                    base + p.as_span().start() + digits.len(),
                );
                a.scalar = Decimal::new((d1 * 10 + d2) as i64, 1);
                a.decimals = 1;
                a.chinese = true;
                a.suffix = Some(Suffix::Discount);
            }
            Rule::approx_infix => a.approx = Some(if p.as_str() == "余" { "余" } else { "多" }),
            Rule::approx_after => {
                a.approx = Some(if p.as_str() == "余" { "余" } else { "多" });
                a.approx_after_mag = true;
            }
            Rule::magnitude => a.magnitude = Some(abs_span(base, &p)),
            Rule::mag_gap => {
                a.mag_gap = true;
                a.mag_break = p.as_str().contains('\n');
            }
            Rule::magnitude2 => a.magnitude2 = Some(abs_span(base, &p)),
            Rule::suffix => {
                let inner = p.into_inner().next()?;
                a.suffix = Some(match inner.as_rule() {
                    Rule::percent => Suffix::Percent,
                    Rule::permille => Suffix::PerMille,
                    Rule::points => Suffix::Points,
                    Rule::permille_points => Suffix::PerMillePoints,
                    Rule::tenths => Suffix::Tenths,
                    Rule::discount => Suffix::Discount,
                    _ => Suffix::Times,
                });
            }
            _ => {}
        }
    }
    if let Some(cut) = a.cut_to {
        a.end = cut;
        a.approx = None;
        a.approx_after_mag = false;
        a.suffix = None;
    }
    Some(a)
}

impl Amount {
    /// The magnitude as written (万, 亿万), or a compound's leading magnitude (万亿).
    fn magnitude_word(&self, text: &str) -> Option<String> {
        self.magnitude_text
            .clone()
            .or_else(|| self.magnitude.map(|m| text.cut(m.start..m.end).to_string()))
    }

    /// The magnitude's factor (1 without one).
    fn factor(&self, text: &str) -> Option<Decimal> {
        match self.magnitude_word(text) {
            Some(m) => magnitude_factor(&m),
            None => Some(Decimal::ONE),
        }
    }
}

/// A compound numeral (3亿5000万, 5万4千6百, 一万三, 一万五千亿): the scalar is
/// expressed in the leading magnitude. When the groups do not make one number
/// (3万2014年), the amount is cut back to its first group.
fn compound(base: usize, text: &str, pair: Pair<'_, Rule>, a: &mut Amount) -> Option<()> {
    // The first numeral was read before the tail (it is already in `a`).
    let n1 = Numeral {
        scalar: a.scalar,
        decimals: a.decimals,
        chinese: a.chinese,
        plain_int: a.plain_int,
        leading_zero: a.leading_zero,
    };
    let n1_span = a.num;
    let start = n1_span.start;
    let mut pieces = Vec::new();
    let mut mag_spans: Vec<Option<Span>> = Vec::new();
    let mut num_end = n1_span.end;
    let mut mag1_span: Option<Span> = None;
    let mut first_approx = None;
    let mut zero = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::approx_infix if mag1_span.is_none() => {
                first_approx = Some(if p.as_str() == "余" { "余" } else { "多" });
                a.approx = first_approx;
            }
            Rule::cmag if mag1_span.is_none() => {
                let span = abs_span(base, &p);
                pieces.push(Piece::Group {
                    n: n1.scalar,
                    decimals: n1.decimals,
                    factor: magnitude_factor(p.as_str())?,
                });
                mag_spans.push(Some(span));
                mag1_span = Some(span);
            }
            Rule::cn_zero => zero = true,
            Rule::cgroup => {
                let mut inner = p.into_inner();
                let num = inner.next()?;
                let num_span = abs_span(base, &num);
                let n = numeral(num)?;
                let mut mag = inner.next()?;
                if mag.as_rule() == Rule::approx_infix {
                    a.approx = Some(if mag.as_str() == "余" { "余" } else { "多" });
                    mag = inner.next()?;
                }
                let mag_span = abs_span(base, &mag);
                let factor = magnitude_factor(mag.as_str())?;
                // 5千4百万: after a smaller group, 百万 is 百 then 万 (= (5千4百)万);
                // after a larger one (1亿2千万) it is one magnitude.
                let prev_factor = pieces.iter().rev().find_map(|p| match p {
                    Piece::Group { factor, .. } => Some(*factor),
                    _ => None,
                });
                let split =
                    mag.as_str().chars().count() == 2 && prev_factor.is_some_and(|f| f < factor);
                if split {
                    let c1 = mag.as_str().chars().next()?;
                    let mid = mag_span.start + c1.len_utf8();
                    pieces.push(Piece::Group {
                        n: n.scalar,
                        decimals: n.decimals,
                        factor: magnitude_factor(mag.as_str().cut(..c1.len_utf8()))?,
                    });
                    mag_spans.push(Some(Span::new(mag_span.start, mid)));
                    pieces.push(Piece::Multiplier(magnitude_factor(
                        mag.as_str().cut(c1.len_utf8()..),
                    )?));
                    mag_spans.push(Some(Span::new(mid, mag_span.end)));
                } else {
                    pieces.push(Piece::Group {
                        n: n.scalar,
                        decimals: n.decimals,
                        factor,
                    });
                    mag_spans.push(Some(mag_span));
                }
                num_end = num_span.end;
                zero = false;
            }
            Rule::ctail => {
                let num = p.into_inner().next()?;
                let num_span = abs_span(base, &num);
                let inner_rule = num.clone().into_inner().next().map(|q| q.as_rule());
                let lone = inner_rule == Some(Rule::cn_number) && num.as_str().chars().count() == 1;
                let n = numeral(num)?;
                // 3万4000年: four digits after 万 that are a year are not its tail.
                let after = text.cut(num_span.end..);
                if !n.chinese && after.starts_with(['年', '月', '日', '号']) {
                    break;
                }
                pieces.push(Piece::Tail {
                    n: n.scalar,
                    decimals: n.decimals,
                    zero_before: zero,
                    arabic_digits: n.plain_int.map(|(_, d)| d).or_else(|| {
                        (!n.chinese).then(|| {
                            arabic_digits(text.cut(num_span.start..num_span.end))
                                .split('.')
                                .next()
                                .map_or(0, str::len)
                        })
                    }),
                    lone_cn_digit: lone,
                });
                mag_spans.push(None);
                num_end = num_span.end;
            }
            Rule::approx_infix => {
                a.approx = Some(if p.as_str() == "余" { "余" } else { "多" });
            }
            Rule::cmul => {
                pieces.push(Piece::Multiplier(magnitude_factor(p.as_str())?));
                mag_spans.push(Some(abs_span(base, &p)));
            }
            _ => {}
        }
    }
    let mag1_span = mag1_span?;
    match evaluate_compound(&pieces) {
        Some(c) => {
            let mut scalar = c.value.checked_div(c.top)?;
            scalar.rescale(c.decimals.max(n1.decimals));
            a.num = Span::new(start, num_end);
            a.scalar = scalar;
            a.decimals = c.decimals.max(n1.decimals);
            a.chinese = n1.chinese;
            let words: Vec<Span> = c.top_pieces.iter().filter_map(|&i| mag_spans[i]).collect();
            a.magnitude = words.first().copied();
            if words.len() > 1 {
                a.magnitude_text = Some(words.iter().map(|w| text.cut(w.start..w.end)).collect());
            }
            a.compound = true;
        }
        None => {
            // Not one number: keep the first group only (3万 of 3万2014年).
            a.approx = first_approx;
            a.num = n1_span;
            a.scalar = n1.scalar;
            a.decimals = n1.decimals;
            a.chinese = n1.chinese;
            a.plain_int = n1.plain_int;
            a.leading_zero = n1.leading_zero;
            a.magnitude = Some(mag1_span);
            a.cut_to = Some(mag1_span.end);
        }
    }
    Some(())
}

/// What the grammar matched at a position.
enum Parsed {
    Amounts(Vec<Amount>),
    /// A claim whose value the grammar alone decides: 翻一番, 百分之八, 三分之一, 1/3.
    Fixed(Fixed),
}

/// A claim without magnitude or unit, read whole by the grammar.
struct Fixed {
    /// The numeral as written (the numerator of 百分之八; a whole fraction 三分之一).
    num: Span,
    scalar: Decimal,
    decimals: u32,
    value: Decimal,
    kind: ClaimKind,
    end: usize,
    /// Written with a slash (1/3): checked against dates and codes.
    slash: bool,
    /// 成倍 (= ×2 or more): the word is its own approximation and bound.
    approx: Option<&'static str>,
    bound: Option<Bound>,
}

/// Longest decimal expansion kept for a fraction that does not terminate (1/3).
const FRACTION_DECIMALS: u32 = 10;

/// `n / d × scale`, exact when it terminates within [`FRACTION_DECIMALS`]
/// places, else rounded there; and its number of decimal places.
fn ratio(n: Decimal, d: Decimal, scale: Decimal) -> Option<(Decimal, u32)> {
    let v = n.checked_mul(scale)?.checked_div(d)?;
    let r = v.round_dp(FRACTION_DECIMALS).normalize();
    Some((r, r.scale()))
}

/// The value of a denominator: 百 = 100, 十万 = 100000, 三 = 3.
fn denominator(p: Pair<'_, Rule>) -> Option<Decimal> {
    let inner = p.into_inner().next()?;
    match inner.as_rule() {
        Rule::ten_power => magnitude_factor(inner.as_str()),
        _ => {
            let n = numeral(inner)?;
            (n.decimals == 0 && n.scalar > Decimal::ZERO).then_some(n.scalar)
        }
    }
}

/// X分之Y as a claim: 百分之八 (percent 8), 千分之五 (per mille 5), 万分之三 (per
/// mille 0.3), 三分之一 (percent 33.33…).
fn fraction(base: usize, pair: Pair<'_, Rule>) -> Option<Fixed> {
    let whole = abs_span(base, &pair);
    let mut inner = pair.into_inner();
    let den = denominator(inner.next()?)?;
    let num_pair = inner.next()?.into_inner().next()?;
    let num_span = abs_span(base, &num_pair);
    let n = numeral(num_pair)?;
    let hundred = Decimal::ONE_HUNDRED;
    let thousand = Decimal::ONE_THOUSAND;
    let fixed = |num, scalar, decimals, value, kind| Fixed {
        num,
        scalar,
        decimals,
        value,
        kind,
        end: whole.end,
        slash: false,
        approx: None,
        bound: None,
    };
    if den == hundred {
        return Some(fixed(
            num_span,
            n.scalar,
            n.decimals,
            n.scalar,
            ClaimKind::Percent,
        ));
    }
    if den >= thousand && magnitude_factor_exact(den) {
        let value = n.scalar.checked_mul(thousand)?.checked_div(den)?;
        return Some(fixed(
            num_span,
            n.scalar,
            n.decimals,
            value,
            ClaimKind::PerMille,
        ));
    }
    if n.scalar > den || n.scalar <= Decimal::ZERO {
        return None;
    }
    let (value, decimals) = ratio(n.scalar, den, hundred)?;
    Some(fixed(whole, value, decimals, value, ClaimKind::Percent))
}

/// A power of ten from 1000 up (the denominators of per-mille forms).
fn magnitude_factor_exact(d: Decimal) -> bool {
    let s = d.normalize().to_string();
    s.starts_with('1') && s.cut(1..).bytes().all(|b| b == b'0')
}

/// The alternatives of the grammar's `claim` that can match at the start of
/// `window`, in the grammar's order: a fast path that spares pest the
/// alternatives that cannot match (a fraction needs 分之, a slash fraction a `/`
/// after the first digits, 翻番 a 翻 …). The result is the same as parsing `claim`.
fn claim_rules(window: &str) -> &'static [Rule] {
    let Some(c) = window.chars().next() else {
        return &[];
    };
    match c {
        '翻' => &[Rule::fan],
        '倍' => &[Rule::multiple_word],
        '成' => &[Rule::multiple_word, Rule::amounts],
        _ => {
            let frac = memchr::memmem::find(window.as_bytes(), "分之".as_bytes()).is_some();
            let digits = window.bytes().take_while(u8::is_ascii_digit).count();
            let slash = digits > 0 && window.as_bytes().get(digits) == Some(&b'/');
            match (frac, slash) {
                (true, true) => &[Rule::fraction, Rule::slash_fraction, Rule::amounts],
                (true, false) => &[Rule::fraction, Rule::amounts],
                (false, true) => &[Rule::slash_fraction, Rule::amounts],
                (false, false) => &[Rule::amounts],
            }
        }
    }
}

/// Characters that can continue the grammar right after Arabic digits (a
/// separator, a decimal point, padding, a sign, 个百分点, a magnitude, 倍, 成, 折,
/// 余, 多, 几, 又, 分之, a slash, a range separator).
fn continues_arabic(c: char) -> bool {
    c.is_ascii_digit()
        || is_fw_digit(c)
        || matches!(
            c,
            ',' | '，'
                | '.'
                | '．'
                | ' '
                | '\u{3000}'
                | '\n'
                | '\r'
                | '%'
                | '％'
                | '﹪'
                | '‰'
                | '个'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '倍'
                | '成'
                | '折'
                | '余'
                | '多'
                | '几'
                | '又'
                | '分'
                | '/'
                | '-'
                | '－'
                | '—'
                | '–'
                | '～'
                | '~'
                | '〜'
                | '至'
                | '到'
        )
}

/// A hand-written fast path for the commonest candidate: plain ASCII digits,
/// maybe with a decimal part, followed by a character that cannot continue the
/// grammar (1207人, 16家, 2014年). It builds exactly the amount pest would
/// (tested against it); anything else goes to the grammar.
fn plain_amount(text: &str, pos: usize) -> Option<Amount> {
    let bytes = text.as_bytes();
    let int_end = pos
        + bytes[pos..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    if int_end == pos {
        return None;
    }
    let mut end = int_end;
    if bytes.get(end) == Some(&b'.') {
        let frac = bytes[end + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if frac == 0 {
            return None;
        }
        end += 1 + frac;
    }
    if text.cut(end..).chars().next().is_some_and(continues_arabic) {
        return None;
    }
    let s = text.cut(pos..end);
    let scalar = Decimal::from_str(s).ok()?;
    let int_part = text.cut(pos..int_end);
    let decimals = (end - int_end).saturating_sub(1) as u32;
    Some(Amount {
        num: Span::new(pos, end),
        scalar,
        decimals,
        chinese: false,
        plain_int: if decimals == 0 {
            int_part.parse::<u64>().ok().map(|v| (v, int_part.len()))
        } else {
            None
        },
        leading_zero: int_part.len() > 1 && int_part.starts_with('0'),
        magnitude: None,
        magnitude_text: None,
        compound: false,
        cut_to: None,
        magnitude2: None,
        approx: None,
        approx_after_mag: false,
        mag_gap: false,
        mag_break: false,
        numeral_less: false,
        ji: false,
        suffix: None,
        end,
    })
}

fn parse_window(text: &str, pos: usize, rule: Rule) -> Option<Parsed> {
    if matches!(rule, Rule::claim | Rule::amount)
        && let Some(a) = plain_amount(text, pos)
    {
        return Some(Parsed::Amounts(vec![a]));
    }
    let wend = window_end(text, pos, WINDOW_CHARS, WINDOW_BYTES);
    let window = text.cut(pos..wend);
    let top = if rule == Rule::claim {
        claim_rules(window)
            .iter()
            .find_map(|&r| ClaimGrammar::parse(r, window).ok()?.next())?
    } else {
        ClaimGrammar::parse(rule, window).ok()?.next()?
    };
    let top = if top.as_rule() == Rule::claim {
        top.into_inner().next()?
    } else {
        top
    };
    let end = pos + top.as_span().end();
    match top.as_rule() {
        Rule::amount => Some(Parsed::Amounts(vec![amount(pos, text, top)?])),
        Rule::amounts => {
            let mut v = Vec::with_capacity(2);
            for p in top.into_inner() {
                if p.as_rule() == Rule::amount {
                    v.push(amount(pos, text, p)?);
                    if v[0].cut_to.is_some() {
                        break;
                    }
                }
            }
            Some(Parsed::Amounts(v))
        }
        Rule::fan => {
            // 翻N番 = ×2^N; 翻番 = ×2 (the whole word is the numeral).
            let whole = abs_span(pos, &top);
            let (num, times) = match top.into_inner().next() {
                Some(count) => {
                    let num = abs_span(pos, &count);
                    let n = numeral(count.into_inner().next()?)?;
                    (num, n.scalar.try_into().ok()?)
                }
                None => (whole, 1u32),
            };
            if times == 0 || times > 10 {
                return None;
            }
            let multiple = Decimal::from(1u64 << times);
            Some(Parsed::Fixed(Fixed {
                num,
                scalar: multiple,
                decimals: 0,
                value: multiple,
                kind: ClaimKind::Multiple,
                end,
                slash: false,
                approx: None,
                bound: None,
            }))
        }
        Rule::multiple_word => {
            // 倍增 = ×2; 成倍 = ×2 or more.
            let whole = abs_span(pos, &top);
            let open = top.as_str() == "成倍";
            let two = Decimal::TWO;
            Some(Parsed::Fixed(Fixed {
                num: whole,
                scalar: two,
                decimals: 0,
                value: two,
                kind: ClaimKind::Multiple,
                end,
                slash: false,
                approx: open.then_some("成倍"),
                bound: open.then_some(Bound::AtLeast),
            }))
        }
        Rule::fraction => Some(Parsed::Fixed(fraction(pos, top)?)),
        Rule::slash_fraction => {
            let whole = abs_span(pos, &top);
            let mut it = top.into_inner();
            let a: u32 = it.next()?.as_str().parse().ok()?;
            let b: u32 = it.next()?.as_str().parse().ok()?;
            let s = top_str(text, whole);
            if a == 0 || a >= b || b > 100 || s.starts_with('0') || s.contains("/0") {
                return None;
            }
            let (value, decimals) =
                ratio(Decimal::from(a), Decimal::from(b), Decimal::ONE_HUNDRED)?;
            Some(Parsed::Fixed(Fixed {
                num: whole,
                scalar: value,
                decimals,
                value,
                kind: ClaimKind::Percent,
                end,
                slash: true,
                approx: None,
                bound: None,
            }))
        }
        _ => None,
    }
}

fn top_str(text: &str, s: Span) -> &str {
    text.cut(s.start..s.end)
}

// ------------------------------------------------------------------ one claim

/// What building one claim needs: the text, the catalogues, where the previous
/// claim ended (`floor`: no look-behind goes past it) and that claim.
pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) units: &'a UnitCatalog,
    pub(super) words: &'a ClaimWords,
    /// Where page and row numbers alone on their lines start (sorted).
    pub(super) counters: &'a [usize],
    /// The document's digits are spaced out one by one (see `layout`).
    pub(super) spaced_digits: bool,
    pub(super) floor: usize,
    pub(super) prev: Option<&'a Claim>,
}

/// A unit found after an amount.
struct UnitHit<'u> {
    span: Span,
    def: &'u UnitDef,
}

/// How many members of a list are followed to find the unit they share.
const LIST_MEMBERS: usize = 8;

/// What the last member of a list carries (50、60、70亿元: 亿 and 元).
struct SharedTail<'u> {
    magnitude: Option<String>,
    suffix: Option<Suffix>,
    /// The unit and its spelling as written.
    unit: Option<(&'u UnitDef, &'u str)>,
    /// 四、五十年: not a list but a range; its upper end and the place (十) that
    /// applies to the lower digit too.
    range_hi: Option<(Amount, Decimal)>,
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

        let parsed = if self.spaced_digits && arabic {
            self.parse_spaced(pos)
                .or_else(|| parse_window(text, pos, Rule::claim))
        } else {
            parse_window(text, pos, Rule::claim)
        };
        let mut amounts = match parsed.ok_or(run_end)? {
            Parsed::Amounts(v) => v,
            Parsed::Fixed(f) => {
                let skip = run_end.max(f.end);
                return self.finish_fixed(pos, f).ok_or(skip);
            }
        };

        // —14— 9.3%: a page mark before a figure, not a range.
        if amounts.len() == 2 && super::filters::dash_before(text, amounts[0].num.start) {
            amounts.truncate(1);
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

    /// In a document whose digits are spaced out one by one (1 9 9 7 年, 7 4 7 7 2
    /// 亿元, 1 5 ．3 ％), the figure at `pos` read with the spaces inside it removed;
    /// spans are mapped back to the text. `None` when there is nothing to join.
    fn parse_spaced(&self, pos: usize) -> Option<Parsed> {
        let text = self.text;
        let wend = window_end(text, pos, WINDOW_CHARS, WINDOW_BYTES);
        let window = text.cut(pos..wend);
        let in_run = |c: char| is_digit(c) || matches!(c, '.' | '．');
        let mut compact = String::with_capacity(window.len());
        // Compact offsets before which one space was dropped.
        let mut drops: Vec<usize> = Vec::new();
        let mut chars = window.char_indices().peekable();
        let mut joining = true;
        while let Some((i, c)) = chars.next() {
            if joining && c == ' ' {
                let next = chars.peek().map(|&(_, n)| n);
                let prev = window.cut(..i).chars().next_back();
                if prev.is_some_and(in_run) && next.is_some_and(in_run) {
                    drops.push(compact.len());
                    continue;
                }
            }
            if !in_run(c) {
                joining = false;
            }
            compact.push(c);
        }
        if drops.is_empty() {
            return None;
        }
        let start = |s: usize| pos + s + drops.iter().take_while(|&&k| k <= s).count();
        let end = |e: usize| pos + e + drops.iter().take_while(|&&k| k < e).count();
        let map = |sp: Span| Span::new(start(sp.start), end(sp.end));
        Some(match parse_window(&compact, 0, Rule::claim)? {
            Parsed::Amounts(mut v) => {
                for a in &mut v {
                    a.num = map(a.num);
                    a.magnitude = a.magnitude.map(map);
                    a.magnitude2 = a.magnitude2.map(map);
                    a.end = end(a.end);
                    a.cut_to = a.cut_to.map(end);
                }
                Parsed::Amounts(v)
            }
            Parsed::Fixed(mut f) => {
                f.num = map(f.num);
                f.end = end(f.end);
                Parsed::Fixed(f)
            }
        })
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
    fn finish_fixed(&self, pos: usize, f: Fixed) -> Option<Claim> {
        let text = self.text;
        if in_book_title(text, pos, f.end) {
            return None;
        }
        // 1/3: not a date (3/4月), a code (1/2/3), a page (3/45 alone on its line)
        // or part of an identifier (GB/T 1/3).
        if f.slash {
            let after = text.cut(f.end..);
            let page = at_line_start(text, pos)
                && after
                    .chars()
                    .take_while(|&c| c != '\n')
                    .all(|c| c.is_whitespace());
            if page
                || after.starts_with(['月', '日', '号'])
                || self.identifier_before(pos).is_some()
                || prev_char(text, pos).is_some_and(|p| is_digit(p) || p == '/')
                || (prev_char(text, pos) == Some(' ')
                    && prev_char(text, pos - 1).is_some_and(|p| p.is_ascii_alphabetic()))
            {
                return None;
            }
        }
        // 倍增计划, 翻番行动, 倍增企业: a programme or a category, not a multiple.
        if f.kind == ClaimKind::Multiple && f.num.start == pos && f.approx.is_none() {
            let rest = text.cut(f.end..);
            let phrase_end = rest
                .chars()
                .next()
                .is_none_or(|c| !is_cjk_ideograph(c) && !c.is_ascii_alphanumeric());
            if !phrase_end && starts_with_any(&self.words.multiple_word_after, rest).is_none() {
                return None;
            }
        }
        let mut claim = Claim {
            span: Span::new(pos, f.end),
            number_span: f.num,
            text: String::new(),
            number: text.cut(f.num.start..f.num.end).to_string(),
            scalar: f.scalar,
            decimals: f.decimals,
            magnitude: None,
            value: f.value.normalize(),
            range_end: None,
            unit: None,
            dimension: None,
            kind: f.kind,
            approx: f.approx.map(str::to_string),
            bound: f.bound,
            direction: None,
            direction_word: None,
        };
        self.add_suffix_approx(&mut claim);
        self.add_prefix_approx(&mut claim, false);
        self.add_direction(&mut claim);
        claim.text = text.cut(claim.span.start..claim.span.end).to_string();
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
            let hi_mag_text = amounts[1].magnitude_text.clone();
            let lo = &mut amounts[0];
            if lo.magnitude.is_none() && hi_mag.is_some() && lo.suffix.is_none() {
                lo.magnitude = hi_mag;
                lo.magnitude_text = hi_mag_text;
            }
            if lo.suffix.is_none() && hi_suffix.is_some() {
                lo.suffix = hi_suffix;
            }
        }
        // 50、60、70亿元: a bare member of a list takes the magnitude, sign or unit
        // written on the last member.
        let mut shared_unit: Option<(&UnitDef, &str)> = None;
        if let [a] = amounts.as_mut_slice()
            && a.magnitude.is_none()
            && a.suffix.is_none()
            && a.approx.is_none()
            && !a.numeral_less
            && a.end == a.num.end
            && self.units.longest_prefix(text.cut(a.end..)).is_none()
            && let Some(tail) = self.shared_tail(a)
        {
            match tail.range_hi {
                // 四、五十年 = 40-50年: a range written the Chinese way.
                Some((hi, place)) => {
                    a.scalar = a.scalar.checked_mul(place)?;
                    amounts.push(hi);
                }
                None => {
                    a.suffix = tail.suffix;
                    a.magnitude_text = tail.magnitude;
                    shared_unit = tail.unit;
                }
            }
        }
        let last = amounts.len() - 1;
        // 271成品油, 20成员单位: 成 / 折 that start a word are not tenths.
        if let Some(Suffix::Tenths | Suffix::Discount) = amounts[last].suffix {
            let a = &mut amounts[last];
            let at = a.end - '成'.len_utf8();
            if starts_with_any(&self.words.tenths_not_words, text.cut(at..)).is_some() {
                a.suffix = None;
                a.end = at;
            }
        }
        let kind = match amounts[last].suffix {
            None => ClaimKind::Quantity,
            Some(Suffix::Percent) => ClaimKind::Percent,
            Some(Suffix::PerMille) => ClaimKind::PerMille,
            Some(Suffix::Points) => ClaimKind::PercentagePoints,
            Some(Suffix::PerMillePoints) => ClaimKind::PerMillePoints,
            Some(Suffix::Times) => ClaimKind::Multiple,
            Some(Suffix::Tenths | Suffix::Discount) => ClaimKind::Percent,
        };

        // 七成 = 70%, 八折 / 八五折 / 85折 = 80% / 85% / 85%: a percent in tenths,
        // unless 成 / 折 start a word (20成员单位, 折合).
        let mut pct_factor = Decimal::ONE;
        let mut tenths_approx = None;
        if let Some(sfx @ (Suffix::Tenths | Suffix::Discount)) = amounts[last].suffix {
            let a = &amounts[last];
            if amounts
                .iter()
                .any(|a| a.magnitude.is_some() || a.scalar <= Decimal::ZERO)
            {
                return None;
            }
            let ten = Decimal::TEN;
            let two_digit_discount = sfx == Suffix::Discount
                && a.scalar > ten
                && a.scalar < Decimal::ONE_HUNDRED
                && a.decimals == 0;
            if two_digit_discount {
                if amounts.len() > 1 {
                    return None;
                }
            } else if amounts.iter().any(|a| a.scalar > ten) {
                return None;
            } else {
                pct_factor = ten;
            }
            // 三成多: 多 / 余 after 成.
            if sfx == Suffix::Tenths
                && let Some(w) =
                    starts_with_any(&self.words.approx_after_open_ended, text.cut(a.end..))
            {
                tenths_approx = Some(w);
            }
        }

        // Units, for amounts: longest spelling; 千瓦 beats the magnitude 千.
        let mut unit: Option<UnitHit<'_>> = None;
        let mut end = amounts[last].end;
        if let Some((def, _)) = shared_unit.filter(|_| kind == ClaimKind::Quantity) {
            // The unit stands at the end of the list, outside this claim's span.
            unit = Some(UnitHit {
                span: Span::new(end, end),
                def,
            });
        } else if kind == ClaimKind::Quantity {
            let a = &mut amounts[last];
            if let (Some(m), false, false) = (a.magnitude, a.approx_after_mag, a.compound) {
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
                // 千瓦 alone is a unit, not "a thousand 瓦".
                let a = &mut amounts[last];
                if a.numeral_less {
                    a.num = a.magnitude?;
                }
            }
            if unit.is_none() {
                // Up to two spaces before the unit after Arabic digits (PDF text: 5964 元).
                // After a magnitude, a line break too (372亿⏎元).
                let gap = if amounts[last].chinese {
                    0
                } else if amounts[last].magnitude.is_some() {
                    break_gap(text.cut(end..))
                } else {
                    space_gap(text.cut(end..))
                };
                // ... but not in text spaced out character by character (收 入 总 计 6035 支 出).
                // After a line break the unit must end its phrase (372亿⏎元。, not
                // 372亿⏎人均 ...).
                let broken = text.cut(end..end + gap).contains('\n');
                let spaced_out = |len: usize| {
                    let mut it = text.cut(end + gap + len..).chars();
                    let first = it.next();
                    (gap > 0
                        && first.is_some_and(is_space)
                        && it.next().is_some_and(is_cjk_ideograph))
                        || (broken && first.is_some_and(is_cjk_ideograph))
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

        // A magnitude on the next line (1902.51⏎亿元) counts only with its unit.
        if unit.is_none() && amounts.iter().any(|a| a.mag_break) {
            return None;
        }

        // 3个多月: the 多 sits inside the unit 个月; 三个半月: so does 半 (3.5 个月).
        // 两年半: 半 after the unit adds a half.
        let mut approx_inner: Option<&str> = amounts.iter().find_map(|a| a.approx);
        if let Some(w) = tenths_approx {
            approx_inner = Some(w);
            end += w.len();
        }
        let mut half = false;
        if let Some(u) = unit.as_ref().filter(|_| shared_unit.is_none()) {
            let rest = text.cut(u.span.end..);
            let halvable = amounts.len() == 1
                && amounts[0].decimals == 0
                && amounts[0].magnitude.is_none()
                && !amounts[0].compound
                && amounts[0].approx.is_none();
            for w in ["多", "余", "半"] {
                if w == "半" && !halvable {
                    continue;
                }
                if let Some(after) = rest.strip_prefix(w) {
                    if w == "半" && self.words.half_follows(rest) {
                        half = true;
                        end = u.span.end + w.len();
                    }
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
                        match w {
                            "半" => half = true,
                            "多" => approx_inner = Some("多"),
                            _ => approx_inner = Some("余"),
                        }
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

        // 在5%与8%之间, 3万与5万元之间: a range closed by 之间; 40到60岁之间: 之间
        // after a range belongs to it.
        if amounts.len() == 1
            && range_hi.is_none()
            && let Some((hi, hi_end, hi_unit)) = self.between_tail(&amounts[0], unit.as_ref(), end)
        {
            range_hi = Some(hi);
            end = hi_end;
            if unit.is_none() && kind == ClaimKind::Quantity {
                unit = hi_unit;
            }
        } else if (amounts.len() == 2 || range_hi.is_some())
            && text.cut(end..).starts_with(self.words.range_close.as_str())
        {
            end += self.words.range_close.len();
        }

        let lo = &amounts[0];
        let hi_for_end = range_hi.as_ref();
        let number_span = Span::new(lo.num.start, hi_for_end.map_or(lo.num.end, |h| h.num.end));
        let mut magnitude = lo
            .magnitude_word(text)
            .or_else(|| amounts[last].magnitude_word(text));
        if let (Some(m), Some(m2)) = (magnitude.as_mut(), lo.magnitude2) {
            m.push_str(text.cut(m2.start..m2.end));
        }
        let factor = match &magnitude {
            Some(m) => magnitude_factor(m)?,
            None => pct_factor,
        };
        let (scalar, decimals) = if half {
            let mut h = lo.scalar.checked_add(Decimal::new(5, 1))?;
            h.rescale(1);
            (h, 1)
        } else {
            (lo.scalar, lo.decimals)
        };
        let value = scalar.checked_mul(factor)?;
        let range_end = match hi_for_end {
            Some(h) => {
                let f = match h.magnitude {
                    Some(_) => h.factor(text)?,
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
            scalar,
            decimals,
            magnitude,
            value: value.normalize(),
            range_end,
            unit: unit.as_ref().map(|u| u.def.unit.clone()),
            dimension: unit.as_ref().map(|u| u.def.dimension.clone()),
            kind,
            approx: approx_inner.map(str::to_string),
            bound: None,
            direction: None,
            direction_word: None,
        };
        let unit_text = match shared_unit {
            Some((_, written)) if unit.is_some() => Some(written),
            _ => unit.as_ref().map(|u| text.cut(u.span.start..u.span.end)),
        };
        let cand = Cand {
            claim: &claim,
            amounts: &amounts,
            range_hi: range_hi.as_ref(),
            unit_text,
        };
        if let Some(skip) = self.reject(&cand) {
            return Some(Err(skip));
        }
        // 数十个 = 20-90, 几万人 = 20000-90000, 上千家 = 1000 or more; 十几名 = 11-19.
        let vague = if vague_able(self, &cand) {
            self.vague_word(amounts[0].num.start)
        } else {
            None
        };
        if let Some((word, reading)) = vague {
            claim.span.start -= word.len();
            claim.approx = Some(word.to_string());
            if reading == Vague::Several {
                let v = claim.value;
                claim.value = v.checked_mul(Decimal::TWO)?;
                claim.range_end = Some(v.checked_mul(Decimal::from(9))?);
            } else {
                claim.bound = Some(Bound::AtLeast);
            }
        } else if amounts[0].ji && amounts.len() == 1 {
            let f = claim.value.checked_div(claim.scalar)?;
            claim.approx = Some("几".to_string());
            claim.range_end = Some(claim.scalar.checked_add(Decimal::from(9))?.checked_mul(f)?);
            claim.value = claim.scalar.checked_add(Decimal::ONE)?.checked_mul(f)?;
        }
        self.add_suffix_approx(&mut claim);
        let time_unit = claim.dimension.as_deref() == Some("time");
        self.add_prefix_approx(&mut claim, time_unit);
        self.add_direction(&mut claim);
        claim.text = text.cut(claim.span.start..claim.span.end).to_string();
        Some(Ok(claim))
    }

    /// 50、60、70亿元: the magnitude, sign or unit on the last member of the list
    /// that starts after `a` (at most [`LIST_MEMBERS`] members, all bare but the
    /// last, all Arabic or all Chinese).
    fn shared_tail(&self, a: &Amount) -> Option<SharedTail<'a>> {
        let text = self.text;
        let mut p = a.num.end;
        for _ in 0..LIST_MEMBERS {
            let rest = text.cut(p..);
            let sep = ["、", "和", "及", "与", "或"]
                .into_iter()
                .find(|s| rest.starts_with(s))?;
            let q = p + sep.len();
            let c = text.cut(q..).chars().next()?;
            let same_script = if a.chinese {
                is_cn_digit(c) || c == '十'
            } else {
                is_digit(c)
            };
            if !same_script {
                return None;
            }
            let Some(Parsed::Amounts(v)) = parse_window(text, q, Rule::amount) else {
                return None;
            };
            let m = v.into_iter().next()?;
            if m.chinese != a.chinese || m.compound || m.numeral_less || m.cut_to.is_some() {
                return None;
            }
            // 两、三年, 四、五十年, 二、三百亿, 三、五年: two neighbouring Chinese digits
            // (and 三五) alone are an approximate range (the second one's place applies
            // to both), not a list.
            let more = ["、", "和", "及", "与", "或"]
                .iter()
                .any(|s| text.cut(m.end..).starts_with(s));
            let listed_before = text
                .cut(..a.num.start)
                .ends_with(['、', '和', '及', '与', '或']);
            if a.chinese && p == a.num.end && sep == "、" && !more && !listed_before {
                let digit = |s: &str| s.chars().next().and_then(cn_digit_value);
                let lo_s = text.cut(a.num.start..a.num.end);
                let hi_s = text.cut(m.num.start..m.num.end);
                if lo_s.chars().count() == 1
                    && let (Some(d1), Some(d2)) = (digit(lo_s), digit(hi_s))
                    && (d2 == d1 + 1 || (d1, d2) == (3, 5))
                {
                    let place = m.scalar.checked_div(Decimal::from(d2))?;
                    return Some(SharedTail {
                        magnitude: None,
                        suffix: None,
                        unit: None,
                        range_hi: Some((m, place)),
                    });
                }
            }
            let written_unit = |at: usize| {
                self.units
                    .longest_prefix(text.cut(at..))
                    .map(|(len, def)| (def, text.cut(at..at + len)))
            };
            if m.magnitude.is_some() || m.suffix.is_some() {
                if matches!(m.suffix, Some(Suffix::Tenths | Suffix::Discount)) || m.approx.is_some()
                {
                    return None;
                }
                let unit = if m.suffix.is_none() {
                    written_unit(m.end)
                } else {
                    None
                };
                return Some(SharedTail {
                    magnitude: m.magnitude_word(text),
                    suffix: m.suffix,
                    unit,
                    range_hi: None,
                });
            }
            if m.end != m.num.end {
                return None;
            }
            if let Some(u) = written_unit(m.end) {
                return Some(SharedTail {
                    magnitude: None,
                    suffix: None,
                    unit: Some(u),
                    range_hi: None,
                });
            }
            p = m.num.end;
        }
        None
    }

    /// After `5%` / `3万元` (ending at `end`): `与8%之间` / `和5万元之间`, the upper
    /// end of a range with the same sign and unit, closed by 之间. Returns it and
    /// the end of 之间.
    fn between_tail(
        &self,
        lo: &Amount,
        u: Option<&UnitHit<'_>>,
        end: usize,
    ) -> Option<(Amount, usize, Option<UnitHit<'a>>)> {
        let text = self.text;
        let w = self.words;
        let joiner = w
            .range_joiners
            .iter()
            .find(|j| text.cut(end..).starts_with(j.as_str()))?;
        let hi_pos = end + joiner.len();
        let c = text.cut(hi_pos..).chars().next()?;
        if !(is_digit(c) || is_cn_digit(c) || c == '十') {
            return None;
        }
        let Some(Parsed::Amounts(v)) = parse_window(text, hi_pos, Rule::amount) else {
            return None;
        };
        let hi = v.into_iter().next()?;
        if hi.suffix != lo.suffix || hi.chinese != lo.chinese || hi.cut_to.is_some() {
            return None;
        }
        let mut hi_end = hi.end;
        let mut hi_unit = None;
        match (u, self.units.longest_prefix(text.cut(hi.end..))) {
            (Some(u), Some((len, def))) if def.unit == u.def.unit => hi_end += len,
            (Some(_), _) => return None,
            // 3万与5万元之间: the unit written on the upper end only.
            (None, Some((len, def))) if lo.suffix.is_none() => {
                hi_unit = Some(UnitHit {
                    span: Span::new(hi_end, hi_end + len),
                    def,
                });
                hi_end += len;
            }
            _ => {}
        }
        let close = &w.range_close;
        if !text.cut(hi_end..).starts_with(close.as_str()) || !range_is_sane(text, lo, &hi) {
            return None;
        }
        Some((hi, hi_end + close.len(), hi_unit))
    }

    /// After `3年` (unit `u`, ending at `end`): `至5年` / `-5年` with the same unit.
    fn unit_range_tail(&self, lo: &Amount, u: &UnitHit<'_>, end: usize) -> Option<(Amount, usize)> {
        let text = self.text;
        let rest = text.cut(end..);
        let pad = |s: &str| s.len() - s.trim_start_matches(' ').len();
        let lead = pad(rest).min(2);
        let sep = ["——", "—", "–", "－", "-", "～", "~", "〜", "至", "到"]
            .into_iter()
            .find(|s| rest.cut(lead..).starts_with(s))?;
        let after_sep = end + lead + sep.len();
        let trail = pad(text.cut(after_sep..)).min(2);
        // Padding on both sides of a dash or on neither (3年 - 5年, not 3年 -5年).
        if (lead > 0 && matches!(sep, "至" | "到")) || ((lead > 0) != (trail > 0)) {
            return None;
        }
        let hi_pos = after_sep + trail;
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
    let hi_f = hi.factor(text).unwrap_or(Decimal::ONE);
    let lo_f = if lo.magnitude.is_some() {
        lo.factor(text).unwrap_or(Decimal::ONE)
    } else {
        hi_f
    };
    match (lo.scalar.checked_mul(lo_f), hi.scalar.checked_mul(hi_f)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written fast path builds the same amount as the grammar.
    #[test]
    fn plain_amounts_agree_with_the_grammar() {
        let mut taken = 0;
        for w in [
            "1207人",
            "16家",
            "2014年",
            "372",
            "7.9元",
            "0.35吨",
            "007号",
            "12.50元",
            "1.加强",
            "3.15晚会",
            "5。",
            "12)",
            "88，",
            "372亿",
            "7.9%",
            "1,234",
            "3 万",
            "40-69",
            "1/3",
            "2.5倍",
            "5余",
        ] {
            let text = w.to_string();
            let Some(fast) = plain_amount(&text, 0) else {
                continue;
            };
            taken += 1;
            let wend = window_end(&text, 0, WINDOW_CHARS, WINDOW_BYTES);
            let top = claim_rules(&text[..wend])
                .iter()
                .find_map(|&r| ClaimGrammar::parse(r, &text[..wend]).ok()?.next())
                .unwrap();
            let Parsed::Amounts(v) = (match top.as_rule() {
                Rule::amounts => {
                    let mut v = Vec::new();
                    for p in top.into_inner() {
                        v.push(amount(0, &text, p).unwrap());
                    }
                    Parsed::Amounts(v)
                }
                r => panic!("{w}: {r:?}"),
            }) else {
                unreachable!()
            };
            assert_eq!(v.len(), 1, "{w}");
            let g = &v[0];
            assert_eq!(
                (
                    fast.num,
                    fast.scalar,
                    fast.decimals,
                    fast.plain_int,
                    fast.leading_zero,
                    fast.end
                ),
                (
                    g.num,
                    g.scalar,
                    g.decimals,
                    g.plain_int,
                    g.leading_zero,
                    g.end
                ),
                "{w}"
            );
            assert!(
                !g.chinese && g.magnitude.is_none() && g.suffix.is_none() && g.approx.is_none()
            );
        }
        assert!(taken >= 10, "{taken}");
    }

    /// The fast dispatch of `claim_rules` matches what the grammar's `claim` matches.
    #[test]
    fn claim_rules_agree_with_the_claim_rule() {
        for w in [
            "372亿元，增长7.9%",
            "三分之一的企业",
            "百分之八以内",
            "1/3的企业",
            "2014/07/01号",
            "翻一番",
            "翻番。",
            "倍增计划",
            "成倍增长",
            "成员单位",
            "3万4000人次",
            "5万4千6百人",
            "一又二分之一倍",
            "八五折",
            "万余人",
            "十几名",
            "3分之1",
            "40 - 69岁",
            "12, 345",
            ".5万元",
            "0. 1%",
        ] {
            let whole = ClaimGrammar::parse(Rule::claim, w)
                .ok()
                .and_then(|mut p| p.next())
                .and_then(|p| p.into_inner().next())
                .map(|p| (p.as_rule(), p.as_str().to_string()));
            let fast = claim_rules(w)
                .iter()
                .find_map(|&r| ClaimGrammar::parse(r, w).ok()?.next())
                .map(|p| (p.as_rule(), p.as_str().to_string()));
            assert_eq!(whole, fast, "{w}");
        }
    }
}
