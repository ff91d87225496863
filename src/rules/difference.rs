//! `difference`: declared differences, result = minuend − subtrahend
//! (自然增长率 = 出生率 − 死亡率). For each figure of the result, the latest
//! figures of the minuend and the subtrahend before it (in the same unit, in
//! the same paragraph or `window` paragraphs before) are taken. Names match
//! the end of an indicator (死亡率 matches 人口死亡率).

use rust_decimal::Decimal;
use serde::Deserialize;

use super::sum::{Names, names_match};
use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::Finding;
use crate::relations::shapes::same_unit;
use crate::relations::{Role, Tolerance, coverage, report};

pub const KIND: &str = "difference";

/// result = minuend − subtrahend.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub result: Names,
    pub minuend: Names,
    pub subtrahend: Names,
}

fn default_window() -> usize {
    0
}

rule_spec! {
    /// See docs/rules.md#difference.
    pub struct Spec {
        pub relations: Vec<Relation>,
        /// Paragraphs before the result's to look for the terms in.
        #[serde(default = "default_window")]
        pub window: usize,
        /// Rounding policy (see docs/relations.md).
        #[serde(default)]
        pub tolerance: Tolerance,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.relations.is_empty() {
        return Err(SpecError::at(&spec.kind, "`relations` must not be empty"));
    }
    Ok(Box::new(Difference {
        relations: spec
            .relations
            .iter()
            .map(|r| [r.result.list(), r.minuend.list(), r.subtrahend.list()])
            .collect(),
        window: spec.window,
        tolerance: spec.tolerance,
    }))
}

#[derive(Debug)]
struct Difference {
    relations: Vec<[Vec<String>; 3]>,
    window: usize,
    tolerance: Tolerance,
}

impl Check for Difference {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        let tol = &self.tolerance;
        for [result, minuend, subtrahend] in &self.relations {
            for (ri, rf) in facts.facts.iter().enumerate() {
                if rf.role != Role::Level || rf.earlier || !names_match(&rf.key, result) {
                    continue;
                }
                let rc = &claims[rf.claim];
                let para = facts.statements[rf.statement].paragraph;
                let mut m = None;
                let mut s = None;
                for j in (ri.saturating_sub(40)..ri).rev() {
                    let f = &facts.facts[j];
                    if facts.statements[f.statement].paragraph + self.window < para {
                        break;
                    }
                    if f.role != Role::Level
                        || f.earlier
                        || f.period != rf.period
                        || !same_unit(&claims[f.claim], rc)
                    {
                        continue;
                    }
                    if names_match(&f.key, result) {
                        break;
                    }
                    if m.is_none() && names_match(&f.key, minuend) {
                        m = Some(j);
                    } else if s.is_none() && names_match(&f.key, subtrahend) {
                        s = Some(j);
                    }
                }
                let (Some(m), Some(s)) = (m, s) else { continue };
                let (mc, sc) = (&claims[facts.facts[m].claim], &claims[facts.facts[s].claim]);
                let (Some(mi), Some(si), Some(ri_)) =
                    (tol.interval(mc), tol.interval(sc), tol.result_interval(rc))
                else {
                    continue;
                };
                let Some(diff) = mi.sub(&si) else { continue };
                coverage::record(&format!("difference:{}", result[0]));
                if diff.intersects(&ri_) {
                    continue;
                }
                let v: Decimal = mc.value - sc.value;
                let computed = report::amount_like(v, rc, report::max_decimals([mc, sc]));
                let calc = format!(
                    "按 {} − {} 计算为 {computed}，文中为 {}",
                    mc.text, sc.text, rc.text
                );
                let name = ctx.text(rf.name.unwrap_or(rc.span)).to_string();
                out.push(
                    rule.finding(
                        rc.span,
                        &[
                            ("result", &rc.text),
                            ("minuend", &mc.text),
                            ("subtrahend", &sc.text),
                            ("computed", &computed),
                            ("stated", &rc.text),
                            ("name", &name),
                            ("calc", &calc),
                        ],
                    )
                    .with_primary_label(format!("计算为 {computed}"))
                    .with_label(mc.span, "被减数")
                    .with_label(sc.span, "减数"),
                );
            }
        }
    }
}
