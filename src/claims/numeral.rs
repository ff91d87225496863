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
