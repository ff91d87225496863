//! `sum`: parts add up to their total.
//!
//! - `check: declared` — relations written in the rule file
//!   (地区生产总值 = 第一产业增加值 + 第二产业增加值 + 第三产业增加值): for each
//!   amount of the total, the first amount of every part after it (before the
//!   next amount of the total, within `window` paragraphs) is taken; the
//!   parts' sum must match the total. Names match the end of an indicator
//!   (工资性收入 matches 人均工资性收入); each may list alternatives.
//! - `check: text` — sums the text itself announces: "A a，加上B b，C c，收入合计T"
//!   and "A a，B b，合计T". Every plausible reading of which figures are
//!   added (all since the start of the statement, the head plus the items
//!   after 加上, the items after or before 其中) is tried; reported only when
//!   none adds up.
//! - `check: parts` — figures stated as parts of a total (其中, 按…分, 在X中,
//!   brackets) are each at most the total; parts of disjoint categories
//!   (按…分 / 分…看) add up to at most the total.
//!
//! A difference larger than `max_gap` (relative to the total) is taken as a
//! sign that the figures were not meant as parts of that total: not reported.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::{Claim, ClaimKind};
use crate::finding::Finding;
use crate::relations::shapes::same_unit;
use crate::relations::{BreakdownKind, Facts, Interval, Role, Tolerance, coverage, report};

pub const KIND: &str = "sum";

/// Indicators that are averages or prices: their parts are not bounded by them.
const AVERAGES: &[&str] = &["人均", "平均", "均价", "单价", "价格", "每", "率", "指数"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SumCheck {
    Declared,
    Text,
    Parts,
}

/// One name or several alternatives.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Names {
    One(String),
    Any(Vec<String>),
}

impl Names {
    pub fn list(&self) -> Vec<String> {
        match self {
            Names::One(s) => vec![crate::relations::indicator::key(s)],
            Names::Any(v) => v
                .iter()
                .map(|s| crate::relations::indicator::key(s))
                .collect(),
        }
    }
}

/// total = parts[0] + parts[1] + …
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub total: Names,
    pub parts: Vec<Names>,
}

fn default_window() -> usize {
    1
}
fn default_max_gap() -> f64 {
    0.1
}

rule_spec! {
    /// See docs/rules.md#sum.
    pub struct Spec {
        pub check: SumCheck,
        /// `declared`: the relations.
        #[serde(default)]
        pub relations: Vec<Relation>,
        /// `declared`: paragraphs after the total's to look for the parts in.
        #[serde(default = "default_window")]
        pub window: usize,
        /// Report only when the difference is at most this fraction of the total.
        #[serde(default = "default_max_gap")]
        pub max_gap: f64,
        /// Rounding policy (see docs/relations.md).
        #[serde(default)]
        pub tolerance: Tolerance,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.check == SumCheck::Declared && spec.relations.is_empty() {
        return Err(SpecError::at(
            &spec.kind,
            "`check: declared` needs a non-empty `relations` list",
        ));
    }
    if spec.check != SumCheck::Declared && !spec.relations.is_empty() {
        return Err(SpecError::at(
            &spec.kind,
            "`relations` is only used by `check: declared`",
        ));
    }
    for r in &spec.relations {
        if r.parts.len() < 2 {
            return Err(SpecError::at(
                &spec.kind,
                "each relation needs at least two `parts`",
            ));
        }
    }
    let relations = spec
        .relations
        .iter()
        .map(|r| (r.total.list(), r.parts.iter().map(Names::list).collect()))
        .collect();
    Ok(Box::new(Sum {
        check: spec.check,
        relations,
        window: spec.window,
        max_gap: spec.max_gap,
        tolerance: spec.tolerance,
    }))
}

type Declared = (Vec<String>, Vec<Vec<String>>);

#[derive(Debug)]
struct Sum {
    check: SumCheck,
    relations: Vec<Declared>,
    window: usize,
    max_gap: f64,
    tolerance: Tolerance,
}

/// Whether `key` names one of `names` (equal, or with a qualifier in front).
pub fn names_match(key: &str, names: &[String]) -> bool {
    !key.is_empty() && names.iter().any(|n| key.ends_with(n.as_str()))
}

impl Sum {
    /// The sum of the parts' intervals, or `None` when one is not usable.
    fn sum(&self, claims: &[Claim], facts: &Facts, parts: &[usize]) -> Option<Interval> {
        let mut acc = Interval::point(Decimal::ZERO);
        for &p in parts {
            acc = acc.add(&self.tolerance.interval(&claims[facts.facts[p].claim])?)?;
        }
        Some(acc)
    }

    fn finding(
        &self,
        rule: &RuleMeta,
        ctx: &Context<'_>,
        total: usize,
        parts: &[usize],
        name: &str,
    ) -> Option<Finding> {
        let facts = ctx.facts;
        let claims = ctx.claims;
        let tc = &claims[facts.facts[total].claim];
        let pcs: Vec<&Claim> = parts
            .iter()
            .map(|&p| &claims[facts.facts[p].claim])
            .collect();
        let sum_v: Decimal = pcs.iter().map(|c| c.value).sum();
        if report::relative_gap(sum_v, tc.value) > self.max_gap {
            return None;
        }
        let computed = report::amount_like(sum_v, tc, report::max_decimals(pcs.iter().copied()));
        let terms: Vec<&str> = pcs.iter().map(|c| c.text.as_str()).collect();
        let calc = format!(
            "按 {} 计算为 {computed}，文中为 {}",
            terms.join(" + "),
            tc.text
        );
        let mut f = rule
            .finding(
                tc.span,
                &[
                    ("total", &tc.text),
                    ("parts", &terms.join("、")),
                    ("computed", &computed),
                    ("stated", &tc.text),
                    ("name", name),
                    ("calc", &calc),
                ],
            )
            .with_primary_label(format!("合计，各项相加为 {computed}"));
        for c in pcs {
            f = f.with_label(c.span, "分项");
        }
        Some(f)
    }

    fn declared(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        let level = |i: usize| {
            let f = &facts.facts[i];
            f.role == Role::Level && !f.earlier && claims[f.claim].kind == ClaimKind::Quantity
        };
        for (totals, parts) in &self.relations {
            for t in 0..facts.facts.len() {
                if !level(t) || !names_match(&facts.facts[t].key, totals) {
                    continue;
                }
                let tf = &facts.facts[t];
                let tc = &claims[tf.claim];
                let para = facts.statements[tf.statement].paragraph;
                let mut found: Vec<Option<usize>> = vec![None; parts.len()];
                for j in t + 1..facts.facts.len().min(t + 120) {
                    let f = &facts.facts[j];
                    if facts.statements[f.statement].paragraph > para + self.window {
                        break;
                    }
                    if names_match(&f.key, totals) && level(j) {
                        break;
                    }
                    if !level(j) || f.period != tf.period || !same_unit(&claims[f.claim], tc) {
                        continue;
                    }
                    if let Some(slot) = parts.iter().position(|alts| names_match(&f.key, alts))
                        && found[slot].is_none()
                    {
                        found[slot] = Some(j);
                    }
                }
                let Some(found) = found.into_iter().collect::<Option<Vec<usize>>>() else {
                    continue;
                };
                let (Some(sum), Some(ti)) = (
                    self.sum(claims, facts, &found),
                    self.tolerance.result_interval(tc),
                ) else {
                    continue;
                };
                coverage::record(&format!("sum/declared:{}", totals[0]));
                if sum.intersects(&ti) {
                    continue;
                }
                // The parts add up to another total of that name nearby (全体 vs 农村居民): fine.
                let other = (t.saturating_sub(120)..facts.facts.len().min(t + 120)).any(|o| {
                    o != t
                        && level(o)
                        && names_match(&facts.facts[o].key, totals)
                        && self
                            .tolerance
                            .result_interval(&claims[facts.facts[o].claim])
                            .is_some_and(|oi| {
                                same_unit(&claims[facts.facts[o].claim], tc) && oi.intersects(&sum)
                            })
                });
                if other {
                    continue;
                }
                let name = ctx.text(tf.name.unwrap_or(tc.span)).to_string();
                if let Some(f) = self.finding(rule, ctx, t, &found, &name) {
                    out.push(f);
                }
            }
        }
    }

    fn text(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        for s in &facts.sums {
            let tc = &claims[facts.facts[s.total].claim];
            let Some(ti) = self.tolerance.result_interval(tc) else {
                continue;
            };
            let mut any = false;
            let mut ok = false;
            for r in &s.readings {
                if let Some(sum) = self.sum(claims, facts, r) {
                    any = true;
                    if sum.intersects(&ti) {
                        ok = true;
                        break;
                    }
                }
            }
            if !any {
                continue;
            }
            coverage::record(if s.added {
                "sum/text-added"
            } else {
                "sum/text-total"
            });
            if ok {
                continue;
            }
            let name = ctx
                .text(facts.facts[s.total].name.unwrap_or(tc.span))
                .to_string();
            if let Some(f) = self.finding(rule, ctx, s.total, &s.readings[0], &name) {
                out.push(f);
            }
        }
    }

    fn parts(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        let tol = &self.tolerance;
        for b in &facts.breakdowns {
            let tf = &facts.facts[b.total];
            // Averages and prices are not totals of their parts.
            if AVERAGES.iter().any(|w| tf.key.contains(w)) {
                continue;
            }
            let tc = &claims[tf.claim];
            let Some(ti) = tol.result_interval(tc) else {
                continue;
            };
            coverage::record(match b.kind {
                BreakdownKind::Among => "sum/parts-among",
                BreakdownKind::Category => "sum/parts-category",
                BreakdownKind::Within => "sum/parts-within",
                BreakdownKind::Bracket => "sum/parts-bracket",
            });
            let mut flagged = false;
            for &p in &b.parts {
                let pf = &facts.facts[p];
                let pc = &claims[pf.claim];
                let Some(pi) = tol.interval(pc) else { continue };
                if pi.lo <= ti.hi
                    || !related(&pf.key, &tf.key)
                    || AVERAGES.iter().any(|w| pf.key.contains(w))
                {
                    continue;
                }
                flagged = true;
                let calc = format!("部分 {} 大于总数 {}", pc.text, tc.text);
                let pname = ctx.text(pf.name.unwrap_or(pc.span)).to_string();
                let tname = ctx.text(tf.name.unwrap_or(tc.span)).to_string();
                out.push(
                    rule.finding(
                        pc.span,
                        &[
                            ("part", &pc.text),
                            ("total", &tc.text),
                            ("name", &pname),
                            ("total_name", &tname),
                            ("computed", &pc.text),
                            ("stated", &tc.text),
                            ("calc", &calc),
                        ],
                    )
                    .with_primary_label("部分")
                    .with_label(tc.span, "总数"),
                );
            }
            if flagged || b.kind != BreakdownKind::Category || b.parts.len() < 2 {
                continue;
            }
            let Some(sum) = self.sum(claims, facts, &b.parts) else {
                continue;
            };
            if sum.lo <= ti.hi {
                continue;
            }
            let pcs: Vec<&Claim> = b
                .parts
                .iter()
                .map(|&p| &claims[facts.facts[p].claim])
                .collect();
            let sum_v: Decimal = pcs.iter().map(|c| c.value).sum();
            if report::relative_gap(sum_v, tc.value) > self.max_gap {
                continue;
            }
            let computed =
                report::amount_like(sum_v, tc, report::max_decimals(pcs.iter().copied()));
            let terms: Vec<&str> = pcs.iter().map(|c| c.text.as_str()).collect();
            let calc = format!(
                "分类之和 {} = {computed}，大于总数 {}",
                terms.join(" + "),
                tc.text
            );
            let tname = ctx.text(tf.name.unwrap_or(tc.span)).to_string();
            let mut f = rule
                .finding(
                    tc.span,
                    &[
                        ("part", &computed),
                        ("total", &tc.text),
                        ("name", &terms.join("、")),
                        ("total_name", &tname),
                        ("computed", &computed),
                        ("stated", &tc.text),
                        ("calc", &calc),
                    ],
                )
                .with_primary_label(format!("总数，分类之和为 {computed}"));
            for c in pcs {
                f = f.with_label(c.span, "分类");
            }
            out.push(f);
        }
    }
}

/// Whether a part's name plausibly belongs to the total's: the same head noun
/// (last two characters), or a bare qualifier (国家级, 城镇, 出口).
fn related(part: &str, total: &str) -> bool {
    let tail = |s: &str| s.chars().rev().take(2).collect::<String>();
    part.chars().count() <= 3 || (!total.is_empty() && tail(part) == tail(total))
}

impl Check for Sum {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        match self.check {
            SumCheck::Declared => self.declared(rule, ctx, out),
            SumCheck::Text => self.text(rule, ctx, out),
            SumCheck::Parts => self.parts(rule, ctx, out),
        }
    }
}
