//! Stage 3: numeric claims. The grammar lives in `grammar/claims.pest`; this
//! module holds the model the rules see, and `units` holds the unit catalogue
//! (data from `rules/units.yaml`).

mod context;
mod filters;
mod layout;
mod numeral;
mod parse;
mod text;
pub mod units;
pub mod words;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::span::Span;
pub use parse::{extract, extract_with};
pub use units::UnitCatalog;
pub use words::ClaimWords;

/// What a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A plain amount, with or without a unit: 372亿元, 1207户, 三十.
    Quantity,
    /// 7.9%, 7.9％, 百分之八.
    Percent,
    /// 5.2‰.
    PerMille,
    /// 提高2个百分点.
    PercentagePoints,
    /// 下降0.3个千分点 (a change of a per-mille rate).
    PerMillePoints,
    /// 2.5倍, 翻一番 (value = the multiple: 翻一番 = 2, 翻两番 = 4).
    Multiple,
}

/// Which side of the number the true figure lies on, for a one-sided comparison
/// (超过5000万元, 不足3%, 60岁以上). Chinese usage (and Chinese law) counts the
/// number itself in 以上 / 以下 / 以内 / 不超过 / 不少于, not in 超过 / 不足 / 低于.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// ≥: 至少, 不少于, 不低于, 以上.
    AtLeast,
    /// >: 超过, 大于, 高于, 逾.
    MoreThan,
    /// ≤: 不超过, 至多, 以下, 以内.
    AtMost,
    /// <: 不足, 不到, 小于, 低于.
    LessThan,
}

/// Whether a stated change goes up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Increase,
    Decrease,
}

/// One numeric claim found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The whole claim: from an approximation word (约) or the number to the end of
    /// its magnitude, unit or percent sign. Byte offsets into the document.
    pub span: Span,
    /// Just the numeral(s), e.g. `1,601.2` or `二十三点五` (for a range, both ends).
    pub number_span: Span,
    /// The text of `span`.
    pub text: String,
    /// The numeral exactly as written (first number of a range).
    pub number: String,
    /// The numeral's value, magnitude not applied (二十三点五亿 → 23.5).
    #[serde(serialize_with = "normalized")]
    pub scalar: Decimal,
    /// Decimal places as written (1,601.2 → 1; 372 → 0): the precision of the claim.
    pub decimals: u32,
    /// Magnitude words as written: 万, 亿, 万亿, 千, 百万; doubled ones such as 亿万
    /// are kept as written so a rule can flag them.
    pub magnitude: Option<String>,
    /// `scalar` × the magnitude's factor (亿万 counts as 亿 × 万).
    #[serde(serialize_with = "normalized")]
    pub value: Decimal,
    /// The upper end of a range (40-69岁, 3至5年), magnitude applied.
    #[serde(serialize_with = "normalized_opt")]
    pub range_end: Option<Decimal>,
    /// The canonical unit (元, 平方米, 人, 千瓦时 ...), if one follows.
    pub unit: Option<String>,
    /// The unit's dimension from the catalogue (money, area, people, ...).
    pub dimension: Option<String>,
    pub kind: ClaimKind,
    /// The word that qualifies the number: an approximation (约, 近, 余, 多, 左右)
    /// or a comparison (超过, 不足, 以上, 至少 …; then `bound` is set).
    pub approx: Option<String>,
    /// For a one-sided comparison, which side of the number the figure lies on.
    pub bound: Option<Bound>,
    /// Set when the claim states a change (增长 7.9%, 下降 2个百分点, 比上年增加 5亿元).
    pub direction: Option<Direction>,
    /// The words that set `direction`, e.g. 增长, 同比下降, 比上年增加.
    pub direction_word: Option<String>,
}

/// Decimals are written as strings without trailing zeros: 1.15万 → "11500".
fn normalized<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.normalize())
}

fn normalized_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => normalized(d, s),
        None => s.serialize_none(),
    }
}

impl Claim {
    /// True when this is an amount (not a percent, multiple ...).
    pub fn is_quantity(&self) -> bool {
        self.kind == ClaimKind::Quantity
    }
}
