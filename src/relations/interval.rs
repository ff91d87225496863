//! Interval arithmetic over exact decimals, from the precision each number
//! was written with.
//!
//! A figure stands for every value that rounds to it: 261亿元 is any amount in
//! [260.5亿, 261.5亿], 70.2% is [70.15, 70.25]. A relation between stated
//! figures (share = part ÷ total, sum = parts added up …) is violated only when
//! **no** choice of values inside the intervals satisfies it — the approach of
//! statcheck and of XBRL calculation checks. Each operation below returns the
//! smallest interval that contains every result (for `×` and `÷`, the extremes
//! of the four corner products), so a recomputation stays on the safe side
//! even when one figure occurs twice in a formula.
//!
//! [`Tolerance`] is the policy a rule applies on top of the written precision:
//! how many half units of the last written digit a figure may be off
//! (`rounding`, default 0.5 = correct rounding, 1.0 = truncation), a fixed
//! number of extra units of the last digit (`slack`), a relative margin, and
//! what to do with approximate figures (约, 近, 超过, 余, 多, 以上 …).

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::claims::Claim;

/// A closed interval [lo, hi] of exact decimals; lo ≤ hi.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    /// The interval between `a` and `b`, in either order.
    pub fn new(a: Decimal, b: Decimal) -> Self {
        if a <= b {
            Interval { lo: a, hi: b }
        } else {
            Interval { lo: b, hi: a }
        }
    }

    /// The single value `v`.
    pub fn point(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }

    /// `v ± half`.
    pub fn around(v: Decimal, half: Decimal) -> Option<Self> {
        let half = half.abs();
        Some(Interval {
            lo: v.checked_sub(half)?,
            hi: v.checked_add(half)?,
        })
    }

    pub fn mid(&self) -> Decimal {
        (self.lo + self.hi) / Decimal::TWO
    }

    pub fn width(&self) -> Decimal {
        self.hi - self.lo
    }

    pub fn contains(&self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// True when some value lies in both intervals.
    pub fn intersects(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// The distance between the two intervals (0 when they meet).
    pub fn gap(&self, other: &Interval) -> Decimal {
        if self.intersects(other) {
            Decimal::ZERO
        } else if self.hi < other.lo {
            other.lo - self.hi
        } else {
            self.lo - other.hi
        }
    }

    /// Widened by `d` on both sides.
    pub fn widen(&self, d: Decimal) -> Option<Self> {
        let d = d.abs();
        Some(Interval {
            lo: self.lo.checked_sub(d)?,
            hi: self.hi.checked_add(d)?,
        })
    }

    pub fn add(&self, o: &Interval) -> Option<Self> {
        Some(Interval {
            lo: self.lo.checked_add(o.lo)?,
            hi: self.hi.checked_add(o.hi)?,
        })
    }

    pub fn sub(&self, o: &Interval) -> Option<Self> {
        Some(Interval {
            lo: self.lo.checked_sub(o.hi)?,
            hi: self.hi.checked_sub(o.lo)?,
        })
    }

    pub fn neg(&self) -> Self {
        Interval {
            lo: -self.hi,
            hi: -self.lo,
        }
    }

    /// Multiplied by the exact constant `k`.
    pub fn scale(&self, k: Decimal) -> Option<Self> {
        Some(Interval::new(
            self.lo.checked_mul(k)?,
            self.hi.checked_mul(k)?,
        ))
    }

    pub fn mul(&self, o: &Interval) -> Option<Self> {
        let c = [
            self.lo.checked_mul(o.lo)?,
            self.lo.checked_mul(o.hi)?,
            self.hi.checked_mul(o.lo)?,
            self.hi.checked_mul(o.hi)?,
        ];
        Some(Self::hull(&c))
    }

    /// `self ÷ o`; `None` when `o` contains zero (the quotient is unbounded).
    pub fn div(&self, o: &Interval) -> Option<Self> {
        if o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO {
            return None;
        }
        let c = [
            self.lo.checked_div(o.lo)?,
            self.lo.checked_div(o.hi)?,
            self.hi.checked_div(o.lo)?,
            self.hi.checked_div(o.hi)?,
        ];
        // Decimal division rounds in the 28th digit: widen by a hair so that a
        // boundary case is never lost to it.
        let hull = Self::hull(&c);
        let eps = (hull.lo.abs().max(hull.hi.abs()) * Decimal::new(1, 20)).max(Decimal::new(1, 26));
        hull.widen(eps)
    }

    /// The sum of several intervals.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Interval>) -> Option<Self> {
        let mut acc = Interval::point(Decimal::ZERO);
        for i in items {
            acc = acc.add(i)?;
        }
        Some(acc)
    }

    fn hull(c: &[Decimal]) -> Self {
        let mut lo = c[0];
        let mut hi = c[0];
        for &v in &c[1..] {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        Interval { lo, hi }
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}, {}]", self.lo.normalize(), self.hi.normalize())
    }
}

/// What to do with an approximate figure (约, 近, 超过, 余, 多, 以上 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApproxPolicy {
    /// Leave every relation that involves it unchecked (the default).
    #[default]
    Skip,
    /// Give it a wide or one-sided interval: 超过/余/多/以上/逾 X → [X, X × (1 + `approx_margin`)],
    /// 近/不到/不足 X → [X × (1 − margin), X], 约/左右 X → X × (1 ± margin).
    Widen,
}

/// A rule's tolerance policy (YAML field `tolerance:`; every field optional).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "ToleranceSpec")]
pub struct Tolerance {
    /// Units of the last written digit a figure may be off: 0.5 means the figure
    /// was rounded correctly (261 → [260.5, 261.5]); 1 also accepts truncation.
    pub rounding: Decimal,
    /// Extra units of the last written digit of the *stated result* (a share, a
    /// rate, a total) that are accepted: 1 accepts the bulletin convention of
    /// bumping one share by 0.1 so that shares add up to 100.
    pub slack: Decimal,
    /// Extra relative margin on the stated result (0.001 = 0.1 %).
    pub relative: Decimal,
    /// Approximate figures: `skip` (default) or `widen`.
    pub approx: ApproxPolicy,
    /// With `approx: widen`, how wide an approximate figure is (0.1 = 10 %).
    pub approx_margin: Decimal,
}

/// [`Tolerance`] as written in YAML.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct ToleranceSpec {
    #[serde(default)]
    rounding: Option<f64>,
    #[serde(default)]
    slack: Option<f64>,
    #[serde(default)]
    relative: Option<f64>,
    #[serde(default)]
    approx: ApproxPolicy,
    #[serde(default)]
    approx_margin: Option<f64>,
}

fn dec(v: f64) -> Decimal {
    use rust_decimal::prelude::FromPrimitive;
    Decimal::from_f64(v.abs()).unwrap_or_default().round_dp(6)
}

impl From<ToleranceSpec> for Tolerance {
    fn from(s: ToleranceSpec) -> Self {
        let d = Tolerance::default();
        Tolerance {
            rounding: s.rounding.map_or(d.rounding, dec),
            slack: s.slack.map_or(d.slack, dec),
            relative: s.relative.map_or(d.relative, dec),
            approx: s.approx,
            approx_margin: s.approx_margin.map_or(d.approx_margin, dec),
        }
    }
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            rounding: Decimal::new(5, 1),
            slack: Decimal::ZERO,
            relative: Decimal::ZERO,
            approx: ApproxPolicy::Skip,
            approx_margin: Decimal::new(1, 1),
        }
    }
}

impl Tolerance {
    /// This policy with `slack` units of slack on the stated result.
    pub fn with_slack(mut self, slack: Decimal) -> Self {
        self.slack = slack;
        self
    }
}

/// One unit of the last written digit of `claim`, in the claim's value
/// (magnitude applied): 261亿 → 1亿, 70.2% → 0.1, 1,601.2万 → 0.1万.
pub fn last_unit(claim: &Claim) -> Decimal {
    let factor = if !claim.scalar.is_zero() {
        claim
            .value
            .checked_div(claim.scalar)
            .unwrap_or(Decimal::ONE)
            .abs()
    } else {
        claim
            .magnitude
            .as_deref()
            .and_then(magnitude_factor)
            .unwrap_or(Decimal::ONE)
    };
    let step = Decimal::new(1, claim.decimals.min(20));
    step.checked_mul(factor).unwrap_or(step)
}

fn magnitude_factor(m: &str) -> Option<Decimal> {
    let mut f = Decimal::ONE;
    for c in m.chars() {
        let k: i64 = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        f = f.checked_mul(Decimal::from(k))?;
    }
    Some(f)
}

/// Kinds of approximation word.
fn approx_side(word: &str) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering::*;
    match word {
        "超过" | "超" | "逾" | "余" | "多" | "以上" | "不少于" | "不低于" => {
            Some(Greater)
        }
        "近" | "将近" | "接近" | "不到" | "不足" | "以下" | "以内" | "不超过" | "不超"
        | "不高于" => Some(Less),
        "约" | "大约" | "左右" | "上下" => Some(Equal),
        _ => None,
    }
}

impl Tolerance {
    /// The values `claim` may stand for, or `None` when it is not to be used
    /// (an approximate figure under `approx: skip`, or a range).
    pub fn interval(&self, claim: &Claim) -> Option<Interval> {
        if claim.range_end.is_some() {
            return None;
        }
        let unit = last_unit(claim);
        let exact = Interval::around(claim.value, unit.checked_mul(self.rounding)?)?;
        let Some(word) = claim.approx.as_deref() else {
            return Some(exact);
        };
        if self.approx == ApproxPolicy::Skip {
            return None;
        }
        let v = claim.value.abs();
        let m = v.checked_mul(self.approx_margin)?;
        use std::cmp::Ordering::*;
        match approx_side(word)? {
            Greater => Some(Interval::new(exact.lo, exact.hi.checked_add(m.max(unit))?)),
            Less => Some(Interval::new(exact.lo.checked_sub(m.max(unit))?, exact.hi)),
            Equal => exact.widen(m.max(unit)),
        }
    }

    /// The interval for a *stated result* compared against a recomputation: the
    /// written precision plus `slack` units of its last digit and the relative
    /// margin.
    pub fn result_interval(&self, claim: &Claim) -> Option<Interval> {
        let base = self.interval(claim)?;
        let extra = last_unit(claim).checked_mul(self.slack)?
            + claim.value.abs().checked_mul(self.relative)?;
        base.widen(extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn iv(a: &str, b: &str) -> Interval {
        Interval::new(d(a), d(b))
    }

    #[test]
    fn add_and_sub_are_exact() {
        let s = iv("1", "2").add(&iv("10", "20")).unwrap();
        assert_eq!(s, iv("11", "22"));
        let s = iv("1", "2").sub(&iv("10", "20")).unwrap();
        assert_eq!(s, iv("-19", "-8"));
    }

    #[test]
    fn mul_and_div_take_the_corner_extremes() {
        assert_eq!(iv("-1", "2").mul(&iv("3", "4")).unwrap(), iv("-4", "8"));
        let q = iv("260.5", "261.5").div(&iv("371.5", "372.5")).unwrap();
        assert!(q.contains(d("0.70")) && q.contains(d("0.7019")));
        assert!(!q.contains(d("0.75")));
        assert!(iv("1", "2").div(&iv("-1", "1")).is_none());
    }

    #[test]
    fn boundaries_are_closed() {
        assert!(iv("1", "2").intersects(&iv("2", "3")));
        assert!(!iv("1", "2").intersects(&iv("2.0001", "3")));
        assert_eq!(iv("1", "2").gap(&iv("2.5", "3")), d("0.5"));
    }

    #[test]
    fn sum_of_many() {
        let parts = [iv("0.5", "1.5"), iv("1.5", "2.5"), iv("2.5", "3.5")];
        assert_eq!(Interval::sum(&parts).unwrap(), iv("4.5", "7.5"));
    }
}
