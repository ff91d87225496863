//! Writing recomputations for messages: figures as the report writes them.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::interval::last_unit;
use crate::claims::{Claim, ClaimKind};

/// What follows the numeral in a claim as written: 亿元, %, 万人, ‰ …
pub fn suffix(c: &Claim) -> &str {
    let cut = c.number_span.end.saturating_sub(c.span.start);
    c.text.get(cut..).unwrap_or("")
}

/// `v` (a value in the claim's terms, magnitude applied) written like `like`:
/// in its magnitude and unit, with `decimals` decimal places.
pub fn amount_like(v: Decimal, like: &Claim, decimals: u32) -> String {
    let factor = last_unit(like)
        .checked_mul(Decimal::from(10u64.pow(like.decimals.min(18))))
        .unwrap_or(Decimal::ONE);
    let scaled = v.checked_div(factor).unwrap_or(v);
    format!("{}{}", fixed(scaled, decimals), suffix_of_unit(like))
}

/// The magnitude and unit of a claim without approximation words (约, 以上).
fn suffix_of_unit(c: &Claim) -> String {
    let mut s = suffix(c);
    for w in ["左右", "以上", "以下", "以内", "上下", "多", "余"] {
        s = s.strip_suffix(w).unwrap_or(s);
    }
    s.to_string()
}

/// `v` with exactly `decimals` decimal places (half away from zero).
pub fn fixed(v: Decimal, decimals: u32) -> String {
    let r = v.round_dp_with_strategy(
        decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    );
    let mut s = r.to_string();
    if decimals > 0 {
        let have = s.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        if have == 0 {
            s.push('.');
        }
        for _ in have..decimals {
            s.push('0');
        }
    }
    s
}

/// A computed percentage (or per mille) written with one more decimal place
/// than the stated one (at least one): 70.16 → "70.2%".
pub fn percent(v: Decimal, stated: &Claim) -> String {
    let sign = match stated.kind {
        ClaimKind::PerMille => "‰",
        ClaimKind::PercentagePoints => "个百分点",
        ClaimKind::PerMillePoints => "个千分点",
        _ => "%",
    };
    format!("{}{sign}", fixed(v, (stated.decimals + 1).max(1)))
}

/// The largest number of decimal places among `claims`.
pub fn max_decimals<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> u32 {
    claims.into_iter().map(|c| c.decimals).max().unwrap_or(0)
}

/// `a` and `b` relative gap |a − b| / max(|a|, |b|), as f64 (for guards only).
pub fn relative_gap(a: Decimal, b: Decimal) -> f64 {
    let m = a.abs().max(b.abs());
    if m.is_zero() {
        return 0.0;
    }
    ((a - b).abs() / m).to_f64().unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_places() {
        assert_eq!(fixed(Decimal::new(70156, 3), 1), "70.2");
        assert_eq!(fixed(Decimal::new(7, 0), 2), "7.00");
        assert_eq!(fixed(Decimal::new(-25, 1), 0), "-3");
    }
}
