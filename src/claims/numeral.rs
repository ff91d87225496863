//! Values of numerals as written: Chinese integers, Arabic digit strings,
//! magnitude words. Pure functions, no grammar.

use rust_decimal::Decimal;

pub(super) fn magnitude_factor(m: &str) -> Option<Decimal> {
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

pub(super) fn cn_digit_value(c: char) -> Option<u64> {
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
pub(super) fn cn_int_value(s: &str) -> Option<u64> {
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

pub(super) fn arabic_digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            _ => None,
        })
        .collect()
}

/// One piece of a compound numeral (rule `compound` in grammar/claims.pest).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Piece {
    /// A numeral and the magnitude after it: 3亿, 5000万, 四百万.
    Group {
        n: Decimal,
        decimals: u32,
        factor: Decimal,
    },
    /// A magnitude at the end that multiplies everything before it: the 万 of 5千4百万.
    Multiplier(Decimal),
    /// The numeral after the last group: 4000 in 3万4000, 三 in 一万三, 五百 in 二十万零五百.
    Tail {
        n: Decimal,
        decimals: u32,
        /// 零 written before it.
        zero_before: bool,
        /// Integer digits when written in Arabic digits.
        arabic_digits: Option<usize>,
        /// A single Chinese digit without 十/百/千 (the 三 of 一万三).
        lone_cn_digit: bool,
    },
}

/// The value of a compound numeral.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct CompoundValue {
    pub value: Decimal,
    /// The factor of the leading magnitude (万亿 = 10¹² for 一万五千亿).
    pub top: Decimal,
    /// Which pieces' magnitude words make the leading magnitude, in order
    /// (for 一万五千亿: the 万 of the first group and the 亿 of the second).
    pub top_pieces: Vec<usize>,
    /// Decimal places of `value / top` down to the last written digit.
    pub decimals: u32,
}

/// Evaluate a compound numeral: every magnitude multiplies the groups before it
/// that are smaller than it (一万五千亿 = (1万 + 5千) × 亿); groups must otherwise
/// go down (3亿5000万); the trailing numeral is read literally after 零 or when it
/// fills the place (3万4000), and as the next lower place when it is a lone
/// Chinese digit (一万三 = 13000). `None` when the pieces do not make one number.
pub(super) fn evaluate_compound(pieces: &[Piece]) -> Option<CompoundValue> {
    struct Entry {
        v: Decimal,
        f: Decimal,
        /// Unit of its last written digit.
        low: Decimal,
        first: bool,
    }
    let mut stack: Vec<Entry> = Vec::new();
    let mut top_pieces = Vec::new();
    let mut tail: Option<(Decimal, Decimal)> = None; // (value, unit of last digit)
    for (i, piece) in pieces.iter().enumerate() {
        if tail.is_some() {
            return None;
        }
        match *piece {
            Piece::Group {
                n,
                decimals,
                factor,
            } => {
                let mut sum = n;
                let mut low = Decimal::new(1, decimals);
                let mut first = stack.is_empty() && i == 0;
                let mut absorbed = false;
                while let Some(e) = stack.last()
                    && e.f < factor
                {
                    let e = stack.pop()?;
                    sum = sum.checked_add(e.v)?;
                    low = low.min(e.low);
                    first |= e.first;
                    absorbed = true;
                }
                if let Some(e) = stack.last() {
                    if e.f == factor || n >= e.f.checked_div(factor)? {
                        return None;
                    }
                } else if !absorbed && i > 0 {
                    return None;
                }
                if first {
                    top_pieces.push(i);
                }
                stack.push(Entry {
                    v: sum.checked_mul(factor)?,
                    f: factor,
                    low: low.checked_mul(factor)?,
                    first,
                });
            }
            Piece::Multiplier(factor) => {
                let mut sum = Decimal::ZERO;
                let mut low = Decimal::MAX;
                let mut first = false;
                let mut absorbed = false;
                while let Some(e) = stack.last()
                    && e.f < factor
                {
                    let e = stack.pop()?;
                    sum = sum.checked_add(e.v)?;
                    low = low.min(e.low);
                    first |= e.first;
                    absorbed = true;
                }
                if !absorbed {
                    return None;
                }
                // 1亿3千多万: what it multiplies must stay below the group before.
                if let Some(e) = stack.last()
                    && sum >= e.f.checked_div(factor)?
                {
                    return None;
                }
                if first {
                    top_pieces.push(i);
                }
                stack.push(Entry {
                    v: sum.checked_mul(factor)?,
                    f: factor,
                    low: low.checked_mul(factor)?,
                    first,
                });
            }
            Piece::Tail {
                n,
                decimals,
                zero_before,
                arabic_digits,
                lone_cn_digit,
            } => {
                let last_f = stack.last()?.f;
                let place_digits = last_f.normalize().to_string().len() - 1;
                let t = if zero_before {
                    (n, Decimal::new(1, decimals))
                } else if let Some(d) = arabic_digits {
                    if d != place_digits {
                        return None;
                    }
                    (n, Decimal::new(1, decimals))
                } else if lone_cn_digit {
                    let unit = last_f.checked_div(Decimal::TEN)?;
                    (n.checked_mul(unit)?, unit)
                } else {
                    (n, Decimal::new(1, decimals))
                };
                if t.0 >= last_f {
                    return None;
                }
                tail = Some(t);
            }
        }
    }
    let first = stack.first()?;
    if !first.first || stack.len() + usize::from(tail.is_some()) < 2 && top_pieces.len() < 2 {
        // A single group is a plain amount, not a compound.
        return None;
    }
    let mut value = Decimal::ZERO;
    let mut low = Decimal::MAX;
    for e in &stack {
        value = value.checked_add(e.v)?;
        low = low.min(e.low);
    }
    if let Some((t, unit)) = tail {
        value = value.checked_add(t)?;
        low = low.min(unit);
    }
    let mut top = Decimal::ONE;
    for &i in &top_pieces {
        let f = match pieces[i] {
            Piece::Group { factor, .. } | Piece::Multiplier(factor) => factor,
            Piece::Tail { .. } => return None,
        };
        top = top.checked_mul(f)?;
    }
    let ratio = top.checked_div(low)?.normalize();
    let decimals = if ratio > Decimal::ONE {
        ratio.trunc().to_string().len() as u32 - 1
    } else {
        0
    };
    Some(CompoundValue {
        value,
        top,
        top_pieces,
        decimals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn g(n: &str, f: &str) -> Piece {
        let n = d(n);
        Piece::Group {
            n,
            decimals: n.scale(),
            factor: magnitude_factor(f).unwrap(),
        }
    }
    fn tail_ar(n: &str) -> Piece {
        Piece::Tail {
            n: d(n),
            decimals: 0,
            zero_before: false,
            arabic_digits: Some(n.len()),
            lone_cn_digit: false,
        }
    }
    fn tail_cn(n: u64, lone: bool, zero: bool) -> Piece {
        Piece::Tail {
            n: Decimal::from(n),
            decimals: 0,
            zero_before: zero,
            arabic_digits: None,
            lone_cn_digit: lone,
        }
    }
    fn eval(p: &[Piece]) -> Option<(String, String, u32)> {
        evaluate_compound(p).map(|c| {
            (
                c.value.normalize().to_string(),
                c.top.normalize().to_string(),
                c.decimals,
            )
        })
    }

    #[test]
    fn compounds_evaluate() {
        let s = |v: &str, t: &str, dp: u32| Some((v.to_string(), t.to_string(), dp));
        // 3亿5000万
        assert_eq!(
            eval(&[g("3", "亿"), g("5000", "万")]),
            s("350000000", "100000000", 4)
        );
        // 5万4千6百
        assert_eq!(
            eval(&[g("5", "万"), g("4", "千"), g("6", "百")]),
            s("54600", "10000", 2)
        );
        // 3万4000
        assert_eq!(
            eval(&[g("3", "万"), tail_ar("4000")]),
            s("34000", "10000", 4)
        );
        // 一万三 = 13000
        assert_eq!(
            eval(&[g("1", "万"), tail_cn(3, true, false)]),
            s("13000", "10000", 1)
        );
        // 二十万零五百 = 200500
        assert_eq!(
            eval(&[g("20", "万"), tail_cn(500, false, true)]),
            s("200500", "10000", 4)
        );
        // 一万二千 = 12000 (二千 is a numeral with its own 千)
        assert_eq!(
            eval(&[g("1", "万"), tail_cn(2000, false, false)]),
            s("12000", "10000", 4)
        );
        // 一万零五 = 10005
        assert_eq!(
            eval(&[g("1", "万"), tail_cn(5, true, true)]),
            s("10005", "10000", 4)
        );
        // 一万五千亿 = 1.5 万亿
        assert_eq!(
            eval(&[g("1", "万"), g("5000", "亿")]),
            s("1500000000000", "1000000000000", 4)
        );
        // 5千4百万 = 5.4 千万
        assert_eq!(
            eval(&[g("5", "千"), g("4", "百"), Piece::Multiplier(d("10000"))]),
            s("54000000", "10000000", 1)
        );
        // 1亿3千万 (3千 multiplied by the final 万)
        assert_eq!(
            eval(&[g("1", "亿"), g("3", "千"), Piece::Multiplier(d("10000"))]),
            s("130000000", "100000000", 1)
        );
        // 一亿零四百万
        assert_eq!(
            eval(&[g("1", "亿"), g("400", "万")]),
            s("104000000", "100000000", 4)
        );
    }

    #[test]
    fn non_compounds_are_refused() {
        // 3万2014 (a year after 万): four digits fill the place, but 3万2 does not.
        assert!(eval(&[g("3", "万"), tail_ar("2")]).is_none());
        assert!(eval(&[g("3", "亿"), tail_ar("2014")]).is_none());
        // 5万3万: the same magnitude twice.
        assert!(eval(&[g("5", "万"), g("3", "万")]).is_none());
        // 3亿50000万: the lower group overflows.
        assert!(eval(&[g("3", "亿"), g("50000", "万")]).is_none());
        // A single group is a plain amount.
        assert!(eval(&[g("3", "万")]).is_none());
    }
}
