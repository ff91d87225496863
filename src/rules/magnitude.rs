//! `magnitude`: figures whose order of magnitude cannot be right.
//!
//! - `check: missing` — a bare figure (68.9平方米) among peers of the same unit
//!   written in 万 or 亿 nearby (40万平方米, 90万平方米), so much smaller than all of
//!   them that a dropped 万 is the likely cause.
//! - `check: doubled` — a doubled magnitude such as 62.51亿万元 or 5万万元.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::Claim;
use crate::finding::Finding;

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
        /// `missing`: words just before the figure that make a small value normal
        /// (人均, 每, 平均 ...).
        #[serde(default)]
        pub exclude_before: Vec<String>,
        /// `doubled`: magnitudes as written that are doubled (亿万, 万万 ...).
        #[serde(default)]
        pub doubled: Vec<String>,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.check == MagnitudeCheck::Doubled && spec.doubled.is_empty() {
        return Err(SpecError::at(&spec.kind, "`check: doubled` needs a non-empty `doubled` list"));
    }
    if spec.min_peers == 0 || spec.ratio < 10 {
        return Err(SpecError::at(&spec.kind, "`min_peers` must be at least 1 and `ratio` at least 10"));
    }
    Ok(Box::new(Magnitude {
        check: spec.check,
        window: spec.window,
        min_peers: spec.min_peers,
        ratio: Decimal::from(spec.ratio),
        spread: Decimal::from(spec.spread.max(1)),
        dimensions: spec.dimensions,
        exclude_before: spec.exclude_before,
        doubled: spec.doubled,
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
    doubled: Vec<String>,
}

/// A peer is written with 万 or 亿 (so its writer thought in those units).
fn is_large_peer(c: &Claim) -> bool {
    c.is_quantity() && c.magnitude.as_deref().is_some_and(|m| m.contains(['万', '亿']))
}

impl Magnitude {
    fn doubled(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for claim in ctx.claims {
            let Some(mag) = claim.magnitude.as_deref() else { continue };
            if self.doubled.iter().any(|d| d == mag) {
                let single: String = mag.chars().take(1).collect();
                let unit = claim.unit.as_deref().unwrap_or("");
                out.push(rule.finding(
                    claim.span,
                    &[
                        ("claim", &claim.text),
                        ("magnitude", mag),
                        ("first", &single),
                        ("unit", unit),
                    ],
                ));
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
        for c in ctx.claims.iter().filter(|c| is_large_peer(c)) {
            let Some(unit) = c.unit.as_deref() else { continue };
            let para = if self.window == 0 { 0 } else { para_of(c) };
            by_unit.entry(unit).or_default().push((para, c));
            stats.entry((unit, para)).or_default().add(c.value);
        }
        for claim in ctx.claims {
            if !claim.is_quantity() || claim.magnitude.is_some() || claim.value <= Decimal::ZERO {
                continue;
            }
            let Some(unit) = claim.unit.as_deref() else { continue };
            let Some(group) = by_unit.get(unit) else { continue };
            if !self.dimensions.is_empty()
                && !claim.dimension.as_ref().is_some_and(|d| self.dimensions.contains(d))
            {
                continue;
            }
            let before = ctx.before(claim.span.start, 8);
            if self.exclude_before.iter().any(|w| before.contains(w.as_str())) {
                continue;
            }
            let para = if self.window == 0 { 0 } else { para_of(claim) };
            let mut near = Stats::default();
            for p in para.saturating_sub(self.window)..=para + self.window {
                if let Some(s) = stats.get(&(unit, p)) {
                    near.merge(s);
                }
            }
            let (Some(min), Some(max)) = (near.min, near.max) else { continue };
            if near.count < self.min_peers {
                continue;
            }
            let with_wan = claim.value * wan;
            if claim.value * self.ratio > min
                || with_wan * self.spread < min
                || with_wan > max * self.spread
            {
                continue;
            }
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
            let list = nearest.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("、");
            let suggested = format!("{}万{}", claim.number, unit);
            let mut f = rule.finding(
                claim.span,
                &[
                    ("claim", &claim.text),
                    ("peers", &list),
                    ("unit", unit),
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

impl Check for Magnitude {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        match self.check {
            MagnitudeCheck::Missing => self.missing(rule, ctx, out),
            MagnitudeCheck::Doubled => self.doubled(rule, ctx, out),
        }
    }
}
