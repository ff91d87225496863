//! `consistent`: the same indicator, for the same period and scope, stated
//! twice in one document with values that cannot both be true.
//!
//! Facts are grouped by indicator key, period, role (level, growth rate,
//! change, points, share of the same whole), kind and unit with a hash map
//! (linear); each later statement is compared with the first. Their rounding
//! intervals must meet: 15737.8亿元 and 1.57万亿元 agree, 4.0% and 4.2% do not.
//! Only names written in the text (or inherited from one) of at least
//! `min_chars` characters count; figures in plans, targets and budgets (预计,
//! 目标, 安排 …), approximate figures and figures in brackets are left out.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::relations::indicator::key;
use crate::relations::{Role, Source, Tolerance, coverage};

pub const KIND: &str = "consistent";

fn default_min_chars() -> usize {
    4
}

rule_spec! {
    /// See docs/rules.md#consistent.
    pub struct Spec {
        /// Names shorter than this (in characters) are too generic to compare.
        #[serde(default = "default_min_chars")]
        pub min_chars: usize,
        /// Names containing one of these words are not compared.
        #[serde(default)]
        pub exclude: Vec<String>,
        /// Compare only these indicators (exact names after normalisation);
        /// empty: every name (noisy in budget reports, whose sections repeat
        /// names for different funds and levels).
        #[serde(default)]
        pub indicators: Vec<String>,
        /// Rounding policy (see docs/relations.md).
        #[serde(default)]
        pub tolerance: Tolerance,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.min_chars == 0 {
        return Err(SpecError::at(&spec.kind, "`min_chars` must be at least 1"));
    }
    Ok(Box::new(Consistent {
        min_chars: spec.min_chars,
        exclude: spec.exclude,
        indicators: spec.indicators.iter().map(|s| key(s)).collect(),
        tolerance: spec.tolerance,
    }))
}

#[derive(Debug)]
struct Consistent {
    min_chars: usize,
    exclude: Vec<String>,
    indicators: FxHashSet<String>,
    tolerance: Tolerance,
}

impl Check for Consistent {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        let mut first: FxHashMap<String, usize> = FxHashMap::default();
        for (i, f) in facts.facts.iter().enumerate() {
            let named = match f.source {
                Source::Direct => true,
                Source::Inherited => facts.facts[f.anchor].source == Source::Direct,
                _ => false,
            };
            if !named || f.in_paren || f.role == Role::Multiple {
                continue;
            }
            if f.key.chars().count() < self.min_chars
                || self.exclude.iter().any(|w| f.key.contains(w.as_str()))
            {
                continue;
            }
            if !self.indicators.is_empty() && !self.indicators.contains(&f.key) {
                continue;
            }
            let st = &facts.statements[f.statement];
            if st.hedged || st.multi_year {
                continue;
            }
            let c = &claims[f.claim];
            if c.approx.is_some()
                || c.range_end.is_some()
                || (c.kind == ClaimKind::Quantity && c.unit.is_none())
            {
                continue;
            }
            let group = format!(
                "{}\u{1}{}\u{1}{}\u{1}{:?}\u{1}{:?}\u{1}{}\u{1}{}\u{1}{:?}",
                f.key,
                f.period,
                f.scope,
                f.role,
                c.kind,
                c.unit.as_deref().unwrap_or(""),
                f.base.as_deref().unwrap_or(""),
                c.direction
            );
            let Some(&j) = first.get(&group) else {
                first.insert(group, i);
                continue;
            };
            let fc = &claims[facts.facts[j].claim];
            if fc.span == c.span {
                continue;
            }
            let (Some(a), Some(b)) = (
                self.tolerance.interval(fc),
                self.tolerance.result_interval(c),
            ) else {
                continue;
            };
            coverage::record("consistent");
            if a.intersects(&b) {
                continue;
            }
            let name = ctx
                .text(facts.facts[f.anchor].name.unwrap_or(c.span))
                .to_string();
            let calc = format!("前文为 {}，此处为 {}", fc.text, c.text);
            out.push(
                rule.finding(
                    c.span,
                    &[
                        ("name", &name),
                        ("first", &fc.text),
                        ("second", &c.text),
                        ("computed", &fc.text),
                        ("stated", &c.text),
                        ("calc", &calc),
                    ],
                )
                .with_primary_label(format!("前文为 {}", fc.text))
                .with_label(fc.span, "前文"),
            );
        }
    }
}
