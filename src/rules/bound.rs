//! `bound`: declared inequalities and counted lists.
//!
//! - `check: declared` — `relations: [{lesser: 余额, greater: 限额}]`: an
//!   indicator whose name ends with `lesser` (政府债务余额, 一般债务余额) is at
//!   most the indicator with the same qualifier and `greater`
//!   (政府债务限额, 一般债务限额). A name without the suffix form matches
//!   exactly (规模以上工业增加值 ≤ 全部工业增加值 with an empty qualifier).
//! - `check: listed-count` — "甲、乙、丙等3家": the names listed before 等 are
//!   at most the count.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::Finding;
use crate::relations::indicator::key;
use crate::relations::shapes::same_unit;
use crate::relations::{Role, Tolerance, coverage};

pub const KIND: &str = "bound";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoundCheck {
    Declared,
    ListedCount,
}

/// lesser ≤ greater.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub lesser: String,
    pub greater: String,
}

rule_spec! {
    /// See docs/rules.md#bound.
    pub struct Spec {
        pub check: BoundCheck,
        /// `declared`: the inequalities.
        #[serde(default)]
        pub relations: Vec<Relation>,
        /// `declared`: paragraphs before or after to look for the greater one in.
        #[serde(default = "default_window")]
        pub window: usize,
        /// Rounding policy (see docs/relations.md).
        #[serde(default)]
        pub tolerance: Tolerance,
    }
}

fn default_window() -> usize {
    2
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.check == BoundCheck::Declared && spec.relations.is_empty() {
        return Err(SpecError::at(
            &spec.kind,
            "`check: declared` needs a non-empty `relations` list",
        ));
    }
    Ok(Box::new(Bound {
        check: spec.check,
        relations: spec
            .relations
            .iter()
            .map(|r| (key(&r.lesser), key(&r.greater)))
            .collect(),
        window: spec.window,
        tolerance: spec.tolerance,
    }))
}

#[derive(Debug)]
struct Bound {
    check: BoundCheck,
    relations: Vec<(String, String)>,
    window: usize,
    tolerance: Tolerance,
}

impl Bound {
    fn declared(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        for (lesser, greater) in &self.relations {
            for (i, f) in facts.facts.iter().enumerate() {
                if f.role != Role::Level {
                    continue;
                }
                let Some(q) = f.key.strip_suffix(lesser.as_str()) else {
                    continue;
                };
                let gkey = format!("{q}{greater}");
                let lc = &claims[f.claim];
                // The nearest statement of the greater one with the same
                // period and scope, within `window` paragraphs.
                let para = facts.statements[f.statement].paragraph;
                let g = facts
                    .with_key(&gkey)
                    .iter()
                    .copied()
                    .filter(|&g| {
                        let gf = &facts.facts[g];
                        gf.role == Role::Level
                            && gf.period == f.period
                            && gf.scope == f.scope
                            && facts.statements[gf.statement].paragraph.abs_diff(para)
                                <= self.window
                            && same_unit(&claims[gf.claim], lc)
                    })
                    .min_by_key(|&g| g.abs_diff(i));
                let Some(g) = g else { continue };
                let gc = &claims[facts.facts[g].claim];
                let (Some(li), Some(gi)) = (
                    self.tolerance.interval(lc),
                    self.tolerance.result_interval(gc),
                ) else {
                    continue;
                };
                coverage::record(&format!("bound/declared:{lesser}≤{greater}"));
                if li.lo <= gi.hi {
                    continue;
                }
                let lname = ctx.text(f.name.unwrap_or(lc.span)).to_string();
                let gname = gkey.clone();
                let calc = format!("{lname} {} 大于 {gname} {}", lc.text, gc.text);
                out.push(
                    rule.finding(
                        lc.span,
                        &[
                            ("lesser", &lc.text),
                            ("greater", &gc.text),
                            ("lesser_name", &lname),
                            ("greater_name", &gname),
                            ("calc", &calc),
                        ],
                    )
                    .with_primary_label(format!("应不超过 {}", gc.text))
                    .with_label(gc.span, "上限"),
                );
            }
        }
    }

    fn listed(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for l in &ctx.facts.lists {
            let c = &ctx.claims[l.count];
            coverage::record("bound/listed-count");
            let listed = Decimal::from(l.items.len() as u64);
            if listed <= c.value {
                continue;
            }
            let n = l.items.len().to_string();
            let calc = format!("列举了 {n} 项，文中说「等{}」", c.text);
            let mut f = rule
                .finding(
                    c.span,
                    &[("count", &c.text), ("listed", &n), ("calc", &calc)],
                )
                .with_primary_label(format!("列举了 {n} 项"));
            for s in &l.items {
                f = f.with_label(*s, "列举项");
            }
            out.push(f);
        }
    }
}

impl Check for Bound {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        match self.check {
            BoundCheck::Declared => self.declared(rule, ctx, out),
            BoundCheck::ListedCount => self.listed(rule, ctx, out),
        }
    }
}
