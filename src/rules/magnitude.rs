//! `magnitude`: figures whose order of magnitude cannot be right.
//!
//! - `check: missing` — a bare figure (68.9平方米) among peers of the same unit
//!   written in 万 or 亿 nearby (40万平方米, 90万平方米), so much smaller than all of
//!   them that a dropped 万 is the likely cause.
//! - `check: doubled` — a doubled magnitude such as 62.51亿万元 or 5万万元.

use crate::span::Cut;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::Claim;
use crate::finding::{Applicability, Edit, Finding, Fix};

pub const KIND: &str = "magnitude";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MagnitudeCheck {
    Missing,
    Doubled,
}

fn default_window() -> usize {
    3
}
fn default_min_peers() -> usize {
    2
}
fn default_ratio() -> u64 {
    1000
}
fn default_spread() -> u64 {
    100
}
fn default_lookback() -> usize {
    120
}
fn default_bare_limit() -> u64 {
    1000
}

rule_spec! {
    /// See docs/rules.md#magnitude.
    pub struct Spec {
        pub check: MagnitudeCheck,
        /// `missing`: peers are looked for this many paragraphs before and after
        /// (0 = the whole document).
        #[serde(default = "default_window")]
        pub window: usize,
        /// `missing`: how many peers (same unit, written with 万 or 亿) are needed.
        #[serde(default = "default_min_peers")]
        pub min_peers: usize,
        /// `missing`: every peer must be at least this many times larger.
        #[serde(default = "default_ratio")]
        pub ratio: u64,
        /// `missing`: with 万 added, the figure must fall within the peers' range
        /// widened by this factor on both sides.
        #[serde(default = "default_spread")]
        pub spread: u64,
        /// `missing`: only these dimensions (area, money, ...); empty = all.
        #[serde(default)]
        pub dimensions: Vec<String>,
        /// `missing`: words earlier in the figure's sentence that make a small value
        /// normal (人均, 每, 平均, 标准 ...).
        #[serde(default)]
        pub exclude_before: Vec<String>,
        /// `missing`: how far back (characters, within the sentence) to look for
        /// `exclude_before` words.
        #[serde(default = "default_lookback")]
        pub lookback: usize,
        /// `missing`: text right after the figure that makes it a rate
        /// (元/人, 人/万辆, 人每10万人 ...).
        #[serde(default)]
        pub exclude_after: Vec<String>,
        /// `missing`: a bare figure of the same unit at least this large within
        /// the window shows the writer does not use 万 for it: no finding.
        #[serde(default = "default_bare_limit")]
        pub bare_limit: u64,
        /// `doubled`: doubled magnitudes that older texts wrote on purpose with
        /// Chinese numerals (六万万 = 6亿): reported only after Arabic digits.
        #[serde(default)]
        pub historical: Vec<String>,
        /// `doubled`: magnitudes as written that are doubled (亿万, 万万 ...).
        #[serde(default)]
        pub doubled: Vec<String>,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.check == MagnitudeCheck::Doubled && spec.doubled.is_empty() {
        return Err(SpecError::at(
            &spec.kind,
            "`check: doubled` needs a non-empty `doubled` list",
        ));
    }
    if spec.min_peers == 0 || spec.ratio < 10 {
        return Err(SpecError::at(
            &spec.kind,
            "`min_peers` must be at least 1 and `ratio` at least 10",
        ));
    }
    Ok(Box::new(Magnitude {
        check: spec.check,
        window: spec.window,
        min_peers: spec.min_peers,
        ratio: Decimal::from(spec.ratio),
        spread: Decimal::from(spec.spread.max(1)),
        dimensions: spec.dimensions,
        exclude_before: spec.exclude_before,
        lookback: spec.lookback,
        exclude_after: spec.exclude_after,
        bare_limit: Decimal::from(spec.bare_limit),
        doubled: spec.doubled,
        historical: spec.historical,
    }))
}

#[derive(Debug)]
struct Magnitude {
    check: MagnitudeCheck,
    window: usize,
    min_peers: usize,
    ratio: Decimal,
    spread: Decimal,
    dimensions: Vec<String>,
    exclude_before: Vec<String>,
    lookback: usize,
    exclude_after: Vec<String>,
    bare_limit: Decimal,
    doubled: Vec<String>,
    historical: Vec<String>,
}

/// A peer is written with 万 or 亿 (so its writer thought in those units).
fn is_large_peer(c: &Claim) -> bool {
    c.is_quantity()
        && c.magnitude
            .as_deref()
            .is_some_and(|m| m.contains(['万', '亿']))
}

impl Magnitude {
    fn doubled(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for claim in ctx.claims {
            let Some(mag) = claim.magnitude.as_deref() else {
                continue;
            };
            let arabic = claim
                .number
                .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            if self.historical.iter().any(|h| h == mag) && !arabic {
                continue;
            }
            if self.doubled.iter().any(|d| d == mag) {
                let single: String = mag.chars().take(1).collect();
                let unit = claim.unit.as_deref().unwrap_or("");
                let mut f = rule.finding(
                    claim.span,
                    &[
                        ("claim", &claim.text),
                        ("magnitude", mag),
                        ("first", &single),
                        ("unit", unit),
                    ],
                );
                // The magnitude follows the numeral: replace it by its first word.
                // Unsafe: it decides what the number means.
                let from = claim.number_span.end;
                if let Some(i) = ctx.doc.text.cut(from..claim.span.end).find(mag) {
                    let at = from + i;
                    f.fix = Some(Fix {
                        message: format!("「{mag}」→「{single}」"),
                        applicability: Applicability::Unsafe,
                        edits: vec![Edit {
                            span: crate::span::Span::new(at, at + mag.len()),
                            replacement: single.clone(),
                        }],
                    });
                }
                out.push(f);
            }
        }
    }

    fn missing(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let wan = Decimal::from(10_000);
        let para_of = |c: &Claim| ctx.segments.paragraph_at(c.span.start).unwrap_or(0);
        // Peers by unit in document order, and (min, max, count) per unit and
        // paragraph (or per unit for the whole document), so each candidate costs
        // O(window + log n) and a huge paragraph stays linear.
        let mut by_unit: FxHashMap<&str, Vec<(usize, &Claim)>> = FxHashMap::default();
        let mut stats: FxHashMap<(&str, usize), Stats> = FxHashMap::default();
        // Largest bare (no 万/亿) figure per unit and paragraph, among the
        // figures that are not rates or per-capita values.
        let mut bare: FxHashMap<(&str, usize), Decimal> = FxHashMap::default();
        for c in ctx.claims {
            let Some(unit) = c.unit.as_deref() else {
                continue;
            };
            let para = if self.window == 0 { 0 } else { para_of(c) };
            if is_large_peer(c) {
                by_unit.entry(unit).or_default().push((para, c));
                stats.entry((unit, para)).or_default().add(c.value);
            } else if c.is_quantity()
                && c.magnitude.is_none()
                && c.value >= self.bare_limit
                && !self.excluded(ctx, c)
            {
                let e = bare.entry((unit, para)).or_insert(c.value);
                *e = (*e).max(c.value);
            }
        }
        for (i, claim) in ctx.claims.iter().enumerate() {
            if !claim.is_quantity() || claim.magnitude.is_some() || claim.value <= Decimal::ZERO {
                continue;
            }
            let Some(unit) = claim.unit.as_deref() else {
                continue;
            };
            let Some(group) = by_unit.get(unit) else {
                continue;
            };
            if !self.dimensions.is_empty()
                && !claim
                    .dimension
                    .as_ref()
                    .is_some_and(|d| self.dimensions.contains(d))
            {
                continue;
            }
            if self.excluded(ctx, claim) || self.bare_sibling(ctx, i) {
                continue;
            }
            let para = if self.window == 0 { 0 } else { para_of(claim) };
            let window = para.saturating_sub(self.window)..=para + self.window;
            if window.clone().any(|p| bare.contains_key(&(unit, p))) {
                continue;
            }
            let mut near = Stats::default();
            for p in window {
                if let Some(s) = stats.get(&(unit, p)) {
                    near.merge(s);
                }
            }
            let (Some(min), Some(max)) = (near.min, near.max) else {
                continue;
            };
            if near.count < self.min_peers {
                continue;
            }
            if claim.value * self.ratio > min {
                continue;
            }
            // The magnitude that, added, puts the figure among its peers.
            // The magnitude that, added, puts the figure among its peers (closest
            // to their middle on a log scale).
            let log = |d: Decimal| {
                d.to_f64()
                    .unwrap_or(f64::MAX)
                    .max(f64::MIN_POSITIVE)
                    .log10()
            };
            let middle = (log(min) + log(max)) / 2.0;
            let Some((mag, _)) = [("万", wan), ("亿", wan * wan)]
                .into_iter()
                .filter(|&(_, f)| {
                    let v = claim.value * f;
                    v * self.spread >= min && v <= max * self.spread
                })
                .min_by(|a, b| {
                    let d = |f: Decimal| (log(claim.value * f) - middle).abs();
                    d(a.1).total_cmp(&d(b.1))
                })
            else {
                continue;
            };
            // Label the (up to three) nearest peers inside the window.
            let at = group.partition_point(|(_, c)| c.span.start < claim.span.start);
            let lo = at.saturating_sub(3);
            let mut nearest: Vec<&Claim> = group[lo..(at + 3).min(group.len())]
                .iter()
                .filter(|(p, _)| p.abs_diff(para) <= self.window)
                .map(|&(_, c)| c)
                .collect();
            nearest.sort_by_key(|c| c.span.start.abs_diff(claim.span.start));
            nearest.truncate(3);
            nearest.sort_by_key(|c| c.span.start);
            let list = nearest
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("、");
            let suggested = format!("{}{mag}{}", claim.number, unit);
            let mut f = rule.finding(
                claim.span,
                &[
                    ("claim", &claim.text),
                    ("peers", &list),
                    ("unit", unit),
                    ("magnitude", mag),
                    ("suggestion", &suggested),
                ],
            );
            for c in nearest {
                f = f.with_label(c.span, "同单位的数字");
            }
            out.push(f);
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    min: Option<Decimal>,
    max: Option<Decimal>,
    count: usize,
}

impl Stats {
    fn add(&mut self, v: Decimal) {
        self.merge(&Stats {
            min: Some(v),
            max: Some(v),
            count: 1,
        });
    }
    fn merge(&mut self, o: &Stats) {
        self.min = match (self.min, o.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, o.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.count += o.count;
    }
}

impl Magnitude {
    /// Another bare figure of the same unit in the same sentence (由三百零三元降到
    /// 二百四十三元; 六十元、七十元或者八十元): the writer means small amounts here.
    fn bare_sibling(&self, ctx: &Context<'_>, i: usize) -> bool {
        let claims = ctx.claims;
        let claim = &claims[i];
        let Some(sentence) = ctx.segments.sentence_at(claim.span.start) else {
            return false;
        };
        let span = ctx.segments.sentences[sentence].span;
        let same = |c: &Claim| c.is_quantity() && c.magnitude.is_none() && c.unit == claim.unit;
        let before = claims[..i]
            .iter()
            .rev()
            .take(8)
            .take_while(|c| c.span.start >= span.start);
        let after = claims[i + 1..]
            .iter()
            .take(8)
            .take_while(|c| c.span.end <= span.end);
        before.chain(after).any(same)
    }

    /// A per-capita value, a standard or a rate: small by nature.
    fn excluded(&self, ctx: &Context<'_>, claim: &Claim) -> bool {
        let before = ctx.clause_before(claim.span.start, self.lookback);
        if self
            .exclude_before
            .iter()
            .any(|w| before.contains(w.as_str()))
        {
            return true;
        }
        let rest = ctx.doc.text.cut(claim.span.end..);
        let after = rest.cut(..rest.char_indices().nth(6).map_or(rest.len(), |(i, _)| i));
        self.exclude_after
            .iter()
            .any(|w| after.starts_with(w.as_str()))
    }
}

impl Check for Magnitude {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        match self.check {
            MagnitudeCheck::Missing => self.missing(rule, ctx, out),
            MagnitudeCheck::Doubled => self.doubled(rule, ctx, out),
        }
    }
}
