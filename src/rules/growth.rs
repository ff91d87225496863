//! `growth`: a stated growth rate must follow from the amounts stated with it.
//!
//! - "X亿元，比上年增加Y亿元，增长Z%": Z = Y ÷ (X − Y) (a decrease: Y ÷ (X + Y)).
//! - "由A提高到B，增长Z%": Z = (B − A) ÷ A; "…提高C个百分点": C = B − A (A and B
//!   percentages); "…增加C": C = B − A; "…增长N倍": N = B ÷ A − 1 (or B ÷ A,
//!   the loose usage, is accepted too).
//!
//! A percentage-point change written as a percent ("由60%提高到63%，提高3%") is
//! reported with a hint. Statements on a comparable basis (可比价, 同口径, 剔除 …)
//! are skipped: their rate need not follow from the nominal amounts.

use rust_decimal::Decimal;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::{Claim, ClaimKind, Direction};
use crate::finding::Finding;
use crate::relations::shapes::same_unit;
use crate::relations::{Interval, Role, Tolerance, coverage, report};

pub const KIND: &str = "growth";

rule_spec! {
    /// See docs/rules.md#growth.
    pub struct Spec {
        /// Rounding policy (see docs/relations.md).
        #[serde(default)]
        pub tolerance: Tolerance,
        /// Also check "由A提高到B，…" (default true).
        #[serde(default = "yes")]
        pub transitions: bool,
        /// Also check "X，比上年增加Y，增长Z%" (default true).
        #[serde(default = "yes")]
        pub amounts: bool,
    }
}

fn yes() -> bool {
    true
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if !spec.transitions && !spec.amounts {
        return Err(SpecError::at(
            &spec.kind,
            "`transitions` and `amounts` are both off: the rule checks nothing",
        ));
    }
    Ok(Box::new(Growth {
        tolerance: spec.tolerance,
        transitions: spec.transitions,
        amounts: spec.amounts,
    }))
}

#[derive(Debug)]
struct Growth {
    tolerance: Tolerance,
    transitions: bool,
    amounts: bool,
}

struct Mismatch<'c> {
    stated: &'c Claim,
    computed: String,
    calc: String,
    hint: String,
    labels: Vec<(&'c Claim, &'static str)>,
}

impl Growth {
    fn emit(&self, rule: &RuleMeta, m: Mismatch<'_>, out: &mut Vec<Finding>) {
        let hint = if m.hint.is_empty() {
            "请核对增减额和上期数".to_string()
        } else {
            m.hint
        };
        let mut f = rule
            .finding(
                m.stated.span,
                &[
                    ("stated", &m.stated.text),
                    ("computed", &m.computed),
                    ("calc", &m.calc),
                    ("hint", &hint),
                ],
            )
            .with_primary_label(format!("文中为 {}，计算为 {}", m.stated.text, m.computed));
        for (c, l) in m.labels {
            f = f.with_label(c.span, l);
        }
        out.push(f);
    }

    /// X, Y, Z of "X，比上年增加Y，增长Z%".
    fn amounts<'c>(
        &self,
        x: &'c Claim,
        y: &'c Claim,
        z: &'c Claim,
    ) -> Option<Option<Mismatch<'c>>> {
        let tol = &self.tolerance;
        if z.kind != ClaimKind::Percent || x.kind != ClaimKind::Quantity || !same_unit(x, y) {
            return None;
        }
        if y.direction != z.direction
            || x.value <= Decimal::ZERO
            || y.value < Decimal::ZERO
            || z.value < Decimal::ZERO
        {
            return None;
        }
        let (xi, yi, zi) = (tol.interval(x)?, tol.interval(y)?, tol.result_interval(z)?);
        let up = y.direction == Some(Direction::Increase);
        let prev = if up { xi.sub(&yi)? } else { xi.add(&yi)? };
        let computed = yi.div(&prev)?.scale(Decimal::ONE_HUNDRED)?;
        coverage::record("growth/amounts");
        if computed.intersects(&zi) {
            return Some(None);
        }
        let prev_v = if up {
            x.value - y.value
        } else {
            x.value + y.value
        };
        let point = y.value.checked_div(prev_v)? * Decimal::ONE_HUNDRED;
        let computed_s = report::percent(point, z);
        let prev_s = report::amount_like(prev_v, x, report::max_decimals([x, y]));
        let op = if up { "−" } else { "+" };
        Some(Some(Mismatch {
            stated: z,
            calc: format!(
                "按 {} ÷ ({} {op} {}) = {} ÷ {prev_s} 计算为 {computed_s}，文中为 {}",
                y.text, x.text, y.text, y.text, z.text
            ),
            computed: computed_s,
            hint: String::new(),
            labels: vec![(x, "本期"), (y, "增减额")],
        }))
    }

    /// A, B, C of "由A提高到B，C".
    fn transition<'c>(
        &self,
        a: &'c Claim,
        b: &'c Claim,
        c: &'c Claim,
    ) -> Option<Option<Mismatch<'c>>> {
        let tol = &self.tolerance;
        if a.kind != b.kind || a.unit != b.unit {
            return None;
        }
        let (ai, bi) = (tol.interval(a)?, tol.interval(b)?);
        let ci = tol.result_interval(c)?;
        let up = c.direction == Some(Direction::Increase);
        if c.direction.is_none() || c.value < Decimal::ZERO {
            return None;
        }
        // The change as stated, signed.
        let signed = |i: Interval| if up { i } else { i.neg() };
        let labels = vec![(a, "原值"), (b, "现值")];
        let diff = bi.sub(&ai)?;
        let diff_v = b.value - a.value;
        match c.kind {
            ClaimKind::PercentagePoints => {
                if !matches!(a.kind, ClaimKind::Percent | ClaimKind::PerMille) {
                    return None;
                }
                coverage::record("growth/points");
                if diff.intersects(&signed(ci)) {
                    return Some(None);
                }
                let computed = report::percent(diff_v.abs(), c);
                Some(Some(Mismatch {
                    stated: c,
                    calc: format!(
                        "按 {} − {} 计算为 {computed}，文中为 {}",
                        b.text, a.text, c.text
                    ),
                    computed,
                    hint: String::new(),
                    labels,
                }))
            }
            ClaimKind::Percent => {
                if a.value <= Decimal::ZERO {
                    return None;
                }
                let rate = diff.div(&ai)?.scale(Decimal::ONE_HUNDRED)?;
                coverage::record("growth/transition-rate");
                if rate.intersects(&signed(ci)) {
                    return Some(None);
                }
                let point = diff_v.checked_div(a.value)? * Decimal::ONE_HUNDRED;
                let computed = report::percent(point.abs(), c);
                let percents = matches!(a.kind, ClaimKind::Percent);
                let hint = if percents && diff.intersects(&signed(ci)) {
                    format!(
                        "两个百分数之差 {} − {} 是「{}个百分点」，不是「{}」",
                        b.text,
                        a.text,
                        report::fixed(diff_v.abs(), c.decimals),
                        c.text
                    )
                } else {
                    String::new()
                };
                Some(Some(Mismatch {
                    stated: c,
                    calc: format!(
                        "按 ({} − {}) ÷ {} 计算为 {computed}，文中为 {}",
                        b.text, a.text, a.text, c.text
                    ),
                    computed,
                    hint,
                    labels,
                }))
            }
            ClaimKind::Multiple => {
                if a.value <= Decimal::ZERO || !up {
                    return None;
                }
                let ratio = bi.div(&ai)?;
                let grown = ratio.sub(&Interval::point(Decimal::ONE))?;
                coverage::record("growth/transition-multiple");
                if ratio.intersects(&ci) || grown.intersects(&ci) {
                    return Some(None);
                }
                let point = b.value.checked_div(a.value)?;
                let computed = format!("{}倍", report::fixed(point, c.decimals + 1));
                Some(Some(Mismatch {
                    stated: c,
                    calc: format!(
                        "按 {} ÷ {} 计算为 {computed}，文中为 {}",
                        b.text, a.text, c.text
                    ),
                    computed,
                    hint: String::new(),
                    labels,
                }))
            }
            ClaimKind::Quantity => {
                if !same_unit(a, c) {
                    return None;
                }
                coverage::record("growth/transition-amount");
                if diff.intersects(&signed(ci)) {
                    return Some(None);
                }
                let computed =
                    report::amount_like(diff_v.abs(), c, report::max_decimals([a, b, c]));
                Some(Some(Mismatch {
                    stated: c,
                    calc: format!(
                        "按 {} − {} 计算为 {computed}，文中为 {}",
                        b.text, a.text, c.text
                    ),
                    computed,
                    hint: String::new(),
                    labels,
                }))
            }
            ClaimKind::PerMille | ClaimKind::PerMillePoints => None,
        }
    }
}

impl Check for Growth {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        if self.amounts {
            for g in &facts.growths {
                let st = &facts.statements[facts.facts[g.rate].statement];
                if st.adjusted {
                    continue;
                }
                let x = &claims[facts.facts[g.level].claim];
                let y = &claims[facts.facts[g.change].claim];
                let z = &claims[facts.facts[g.rate].claim];
                if let Some(Some(m)) = self.amounts(x, y, z) {
                    self.emit(rule, m, out);
                }
            }
        }
        if self.transitions {
            for t in &facts.transitions {
                let Some(ch) = t.change else { continue };
                let st = &facts.statements[facts.facts[ch].statement];
                if st.adjusted && facts.facts[ch].role == Role::Rate {
                    continue;
                }
                let a = &claims[facts.facts[t.from].claim];
                let b = &claims[facts.facts[t.to].claim];
                let c = &claims[facts.facts[ch].claim];
                if let Some(Some(m)) = self.transition(a, b, c) {
                    self.emit(rule, m, out);
                }
            }
        }
    }
}
