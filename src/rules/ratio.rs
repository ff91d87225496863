//! `ratio`: a ratio a：b：c (三次产业结构为3.1：35.0：61.9).
//!
//! - `check: sum` — the terms of a structure add up to `total` (100), within
//!   the rounding of each term.
//! - `check: components` — when the amounts of the components are stated
//!   (第一、第二、第三产业增加值), each term equals the component's share of
//!   their sum. Last year's ratio ("由上年a：b：c调整为d：e：f", "上年为…") is
//!   not compared with this year's amounts.
//!
//! The claim grammar does not read ratios as claims; the relations stage
//! finds them (see docs/relations.md). A term may be off by `list_slack`
//! units of its last digit beyond rounding: bulletins bump one share so that
//! the structure adds up to exactly 100.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::Deserialize;

use super::sum::{Names, names_match};
use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::relations::shapes::same_unit;
use crate::relations::{Interval, Ratio, RatioTerm, Role, Tolerance, coverage, report};

pub const KIND: &str = "ratio";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RatioCheck {
    Sum,
    Components,
}

fn default_words() -> Vec<String> {
    vec!["结构".into()]
}
fn default_total() -> f64 {
    100.0
}
fn default_list_slack() -> f64 {
    1.0
}
fn default_min_terms() -> usize {
    3
}
fn default_window() -> usize {
    2
}

rule_spec! {
    /// See docs/rules.md#ratio.
    pub struct Spec {
        pub check: RatioCheck,
        /// Words that must come before the ratio in its clause (三次产业结构为).
        #[serde(default = "default_words")]
        pub words: Vec<String>,
        /// `sum`: what the terms add up to.
        #[serde(default = "default_total")]
        pub total: f64,
        /// `sum`: only ratios with at least this many terms.
        #[serde(default = "default_min_terms")]
        pub min_terms: usize,
        /// `components`: the indicators of the terms, in order.
        #[serde(default)]
        pub components: Vec<Names>,
        /// `components`: paragraphs before the ratio's to look for them in.
        #[serde(default = "default_window")]
        pub window: usize,
        /// Extra units of a term's last digit accepted (the bumped share).
        #[serde(default = "default_list_slack")]
        pub list_slack: f64,
        /// Rounding policy (see docs/relations.md).
        #[serde(default)]
        pub tolerance: Tolerance,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.check == RatioCheck::Components && spec.components.len() < 2 {
        return Err(SpecError::at(
            &spec.kind,
            "`check: components` needs at least two `components`",
        ));
    }
    if spec.words.is_empty() {
        return Err(SpecError::at(&spec.kind, "`words` must not be empty"));
    }
    let d = |v: f64| Decimal::from_f64(v).unwrap_or_default().round_dp(6);
    Ok(Box::new(RatioRule {
        check: spec.check,
        words: spec.words,
        total: d(spec.total),
        min_terms: spec.min_terms.max(2),
        components: spec.components.iter().map(Names::list).collect(),
        window: spec.window,
        list_slack: d(spec.list_slack),
        tolerance: spec.tolerance,
    }))
}

#[derive(Debug)]
struct RatioRule {
    check: RatioCheck,
    words: Vec<String>,
    total: Decimal,
    min_terms: usize,
    components: Vec<Vec<String>>,
    window: usize,
    list_slack: Decimal,
    tolerance: Tolerance,
}

impl RatioRule {
    fn term_interval(&self, t: &RatioTerm, slack: Decimal) -> Option<Interval> {
        let unit = Decimal::new(1, t.decimals.min(20));
        Interval::around(t.value, unit * (self.tolerance.rounding + slack))
    }

    fn text<'c>(ctx: &'c Context<'_>, r: &Ratio) -> &'c str {
        ctx.text(r.span)
    }

    fn sum(&self, rule: &RuleMeta, ctx: &Context<'_>, r: &Ratio, out: &mut Vec<Finding>) {
        if r.terms.len() < self.min_terms {
            return;
        }
        let mut acc = Interval::point(Decimal::ZERO);
        for t in &r.terms {
            let Some(i) = self.term_interval(t, self.tolerance.slack) else {
                return;
            };
            let Some(a) = acc.add(&i) else { return };
            acc = a;
        }
        coverage::record("ratio/sum");
        if acc.contains(self.total) {
            return;
        }
        let sum_v: Decimal = r.terms.iter().map(|t| t.value).sum();
        let decimals = r.terms.iter().map(|t| t.decimals).max().unwrap_or(0);
        let computed = report::fixed(sum_v, decimals);
        let terms: Vec<String> = r.terms.iter().map(|t| t.value.to_string()).collect();
        let total = self.total.normalize().to_string();
        let calc = format!("按 {} 计算为 {computed}，应为 {total}", terms.join(" + "));
        let mut f = rule
            .finding(
                r.span,
                &[
                    ("ratio", Self::text(ctx, r)),
                    ("computed", &computed),
                    ("total", &total),
                    ("calc", &calc),
                ],
            )
            .with_primary_label(format!("各项之和为 {computed}"));
        for t in &r.terms {
            f = f.with_label(t.span, "项");
        }
        out.push(f);
    }

    fn components(&self, rule: &RuleMeta, ctx: &Context<'_>, r: &Ratio, out: &mut Vec<Finding>) {
        if r.previous || r.terms.len() != self.components.len() {
            return;
        }
        let facts = ctx.facts;
        let claims = ctx.claims;
        let para = facts.statements[r.statement].paragraph;
        let lo_para = para.saturating_sub(self.window);
        // The facts up to the end of the ratio's statement, latest first.
        let end = facts.facts.partition_point(|f| f.statement <= r.statement);
        let mut found: Vec<Option<usize>> = vec![None; self.components.len()];
        for i in (end.saturating_sub(300)..end).rev() {
            let f = &facts.facts[i];
            if facts.statements[f.statement].paragraph < lo_para {
                break;
            }
            if f.role != Role::Level || f.earlier || claims[f.claim].kind != ClaimKind::Quantity {
                continue;
            }
            if let Some(slot) = self
                .components
                .iter()
                .position(|alts| names_match(&f.key, alts))
                && found[slot].is_none()
            {
                found[slot] = Some(i);
            }
        }
        let Some(found) = found.into_iter().collect::<Option<Vec<usize>>>() else {
            self.shares(rule, ctx, r, out);
            return;
        };
        let cs: Vec<_> = found
            .iter()
            .map(|&i| &claims[facts.facts[i].claim])
            .collect();
        if cs.iter().any(|c| !same_unit(c, cs[0])) {
            return;
        }
        let tol = &self.tolerance;
        let Some(ivs) = cs
            .iter()
            .map(|c| tol.interval(c))
            .collect::<Option<Vec<_>>>()
        else {
            return;
        };
        let Some(sum) = Interval::sum(&ivs) else {
            return;
        };
        let sum_v: Decimal = cs.iter().map(|c| c.value).sum();
        if sum_v.is_zero() {
            return;
        }
        coverage::record("ratio/components");
        for (k, t) in r.terms.iter().enumerate() {
            let Some(share) = ivs[k].div(&sum).and_then(|q| q.scale(Decimal::ONE_HUNDRED)) else {
                continue;
            };
            let Some(ti) = self.term_interval(t, self.tolerance.slack + self.list_slack) else {
                continue;
            };
            if share.intersects(&ti) {
                continue;
            }
            let point = cs[k].value / sum_v * Decimal::ONE_HUNDRED;
            let computed = report::fixed(point, t.decimals + 1);
            let names: Vec<&str> = cs.iter().map(|c| c.text.as_str()).collect();
            let calc = format!(
                "按 {} ÷ ({}) 计算为 {computed}，文中为 {}",
                cs[k].text,
                names.join(" + "),
                t.value
            );
            let stated = t.value.to_string();
            let mut f = rule
                .finding(
                    t.span,
                    &[
                        ("ratio", Self::text(ctx, r)),
                        ("computed", &computed),
                        ("stated", &stated),
                        ("component", &cs[k].text),
                        ("calc", &calc),
                    ],
                )
                .with_primary_label(format!("计算为 {computed}"));
            for (j, c) in cs.iter().enumerate() {
                f = f.with_label(c.span, if j == k { "该项" } else { "其他项" });
            }
            out.push(f);
        }
    }
}

impl RatioRule {
    /// Without the amounts: the terms match the components' stated shares
    /// (第一、二、三产业增加值占地区生产总值比重分别为…), both within rounding and
    /// the bumped unit.
    fn shares(&self, rule: &RuleMeta, ctx: &Context<'_>, r: &Ratio, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        let para = facts.statements[r.statement].paragraph;
        let lo_para = para.saturating_sub(self.window);
        let end = facts.facts.partition_point(|f| f.statement <= r.statement);
        let hi = facts.facts.len().min(end + 60);
        let mut found: Vec<Option<usize>> = vec![None; self.components.len()];
        // Nearest first: before the ratio, then after it in its paragraph.
        let order = (end.saturating_sub(300)..end).rev().chain(end..hi);
        for i in order {
            let f = &facts.facts[i];
            let p = facts.statements[f.statement].paragraph;
            if p < lo_para || p > para {
                continue;
            }
            if f.role != Role::Share || f.earlier || f.base.as_deref() != Some("地区生产总值")
            {
                continue;
            }
            if let Some(slot) = self
                .components
                .iter()
                .position(|alts| names_match(&f.key, alts))
                && found[slot].is_none()
            {
                found[slot] = Some(i);
            }
        }
        let Some(found) = found.into_iter().collect::<Option<Vec<usize>>>() else {
            return;
        };
        let tol = &self.tolerance;
        coverage::record("ratio/components-shares");
        for (k, t) in r.terms.iter().enumerate() {
            let sc = &claims[facts.facts[found[k]].claim];
            let (Some(si), Some(ti)) = (
                tol.interval(sc).and_then(|i| {
                    i.widen(crate::relations::interval::last_unit(sc) * self.list_slack)
                }),
                self.term_interval(t, tol.slack + self.list_slack),
            ) else {
                continue;
            };
            if si.intersects(&ti) {
                continue;
            }
            let stated = t.value.to_string();
            let calc = format!("比重为 {}，结构比中为 {stated}", sc.text);
            out.push(
                rule.finding(
                    t.span,
                    &[
                        ("ratio", Self::text(ctx, r)),
                        ("computed", &sc.text),
                        ("stated", &stated),
                        ("component", &sc.text),
                        ("calc", &calc),
                    ],
                )
                .with_primary_label(format!("比重为 {}", sc.text))
                .with_label(sc.span, "比重"),
            );
        }
    }
}

impl Check for RatioRule {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for r in &ctx.facts.ratios {
            let context = ctx.text(r.context);
            if !self.words.iter().any(|w| context.contains(w.as_str())) {
                continue;
            }
            match self.check {
                RatioCheck::Sum => self.sum(rule, ctx, r, out),
                RatioCheck::Components => self.components(rule, ctx, r, out),
            }
        }
    }
}
