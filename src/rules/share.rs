//! `share`: a stated share (占…比重为Z%, 占比Z%, …占Z%) must equal the part
//! divided by the whole, when the report states both amounts.
//!
//! The part is the amount the share follows ("A X亿元，占B比重为Z%") or, for
//! a share stated on its own ("第一、二、三产业增加值占GDP比重分别为…"), the
//! latest amount stated for that indicator. The whole is the latest amount of
//! the indicator named after 占 (B), or, for "…，占Z%" after 其中 / 在X中, the
//! total of that breakdown. Both must have the same unit. Reported only when
//! no values inside the rounding intervals give the stated share.

use rust_decimal::Decimal;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::relations::{Role, Source, Tolerance, coverage, report};

pub const KIND: &str = "share";

/// Head nouns a whole may leave out (占规模以上工业的比重 for an 增加值).
const HEADS: &[&str] = &[
    "增加值",
    "总产值",
    "产值",
    "零售额",
    "营业收入",
    "收入",
    "支出",
    "投资",
    "总额",
    "发电量",
    "用水量",
];

/// A "share" of these is a completion rate (占预算的98%), not a part of a whole.
const NOT_A_WHOLE: &[&str] = &[
    "预算", "计划", "目标", "任务", "上年", "去年", "同期", "年初",
];

fn default_list_slack() -> f64 {
    1.0
}
fn default_window() -> usize {
    3
}

rule_spec! {
    /// See docs/rules.md#share.
    pub struct Spec {
        /// Rounding policy (see docs/relations.md).
        #[serde(default)]
        pub tolerance: Tolerance,
        /// Extra units of the last digit for shares stated as a list
        /// (分别为…): bulletins bump one share so that the list adds up to 100.
        #[serde(default = "default_list_slack")]
        pub list_slack: f64,
        /// How many paragraphs back the part and the whole are looked for.
        #[serde(default = "default_window")]
        pub window: usize,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if !(0.0..=10.0).contains(&spec.list_slack) {
        return Err(SpecError::at(
            &spec.kind,
            "`list_slack` must be between 0 and 10",
        ));
    }
    use rust_decimal::prelude::FromPrimitive;
    Ok(Box::new(Share {
        tolerance: spec.tolerance,
        list_slack: Decimal::from_f64(spec.list_slack)
            .unwrap_or_default()
            .round_dp(4),
        window: spec.window,
    }))
}

#[derive(Debug)]
struct Share {
    tolerance: Tolerance,
    list_slack: Decimal,
    window: usize,
}

impl Check for Share {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts = ctx.facts;
        let claims = ctx.claims;
        for (si, s) in facts.facts.iter().enumerate() {
            if s.role != Role::Share || s.key.is_empty() {
                continue;
            }
            let Some(base) = s.base.as_deref().filter(|b| !b.is_empty()) else {
                continue;
            };
            let sc = &claims[s.claim];
            let st = &facts.statements[s.statement];
            let floor = ctx.segments.paragraphs[st.paragraph.saturating_sub(self.window)]
                .span
                .start;
            // The part.
            let part = match s.source {
                Source::Inherited => Some(s.anchor),
                Source::Direct | Source::Distributed => {
                    facts.level_before(claims, &s.key, &s.period, si, false, floor)
                }
                _ => None,
            };
            let Some(part) = part else { continue };
            let pf = &facts.facts[part];
            if pf.role != Role::Level || pf.earlier || pf.period != s.period {
                continue;
            }
            let pc = &claims[pf.claim];
            if pc.kind != ClaimKind::Quantity {
                continue;
            }
            // The whole: exactly the named indicator, else one with that name
            // at the end (可支配收入 → 全体居民人均可支配收入).
            if NOT_A_WHOLE.iter().any(|w| base.contains(w)) {
                continue;
            }
            // 占规模以上工业的比重 of an 增加值: the whole is 规模以上工业增加值.
            let with_head = HEADS
                .iter()
                .find(|h| pf.key.ends_with(*h) && !base.ends_with(*h))
                .map(|h| format!("{base}{h}"));
            let total = facts
                .whole_before(claims, base, &pf.period, part, floor, pc)
                .or_else(|| {
                    with_head
                        .and_then(|b| facts.whole_before(claims, &b, &pf.period, part, floor, pc))
                })
                .filter(|&t| t != part);
            let Some(total) = total else { continue };
            let tc = &claims[facts.facts[total].claim];
            let tol = &self.tolerance;
            let (Some(pi), Some(ti)) = (tol.interval(pc), tol.interval(tc)) else {
                continue;
            };
            // Shares stated as a list — with 分别, or several shares in one
            // statement (第一产业…比重为16.8%，第二产业…比重为32.3%…) — may carry the
            // bump that makes them add up to 100.
            let listed = s.source == Source::Distributed || {
                let (a, b) = facts.by_claim.get(s.claim).copied().unwrap_or_default();
                let near = |i: usize| {
                    let f = &facts.facts[i];
                    f.statement == s.statement
                        && f.claim != s.claim
                        && matches!(claims[f.claim].kind, ClaimKind::Percent)
                        && matches!(f.role, Role::Share | Role::Level)
                };
                let lo = (a as usize).saturating_sub(8);
                let hi = facts.facts.len().min(b as usize + 8);
                (lo..hi).any(near)
            };
            let slack = if listed {
                tol.slack + self.list_slack
            } else {
                tol.slack
            };
            let Some(stated) = tol.with_slack(slack).result_interval(sc) else {
                continue;
            };
            let scale = if sc.kind == ClaimKind::PerMille {
                Decimal::ONE_THOUSAND
            } else {
                Decimal::ONE_HUNDRED
            };
            let Some(computed) = pi.div(&ti).and_then(|q| q.scale(scale)) else {
                continue;
            };
            coverage::record(if s.source == Source::Inherited {
                "share/after-amount"
            } else {
                "share/named-part"
            });
            if computed.intersects(&stated) {
                continue;
            }
            let point = pc
                .value
                .checked_div(tc.value)
                .and_then(|q| q.checked_mul(scale));
            let Some(point) = point else { continue };
            let computed_s = report::percent(point, sc);
            let calc = format!(
                "按 {} ÷ {} 计算为 {}，文中为 {}",
                pc.text, tc.text, computed_s, sc.text
            );
            let name = ctx.text(pf.name.unwrap_or(pc.span)).to_string();
            let base_name = facts.facts[total].key.clone();
            let mut f = rule
                .finding(
                    sc.span,
                    &[
                        ("share", &sc.text),
                        ("part", &pc.text),
                        ("total", &tc.text),
                        ("computed", &computed_s),
                        ("stated", &sc.text),
                        ("name", &name),
                        ("base", &base_name),
                        ("calc", &calc),
                    ],
                )
                .with_primary_label(format!("文中比重，计算为 {computed_s}"))
                .with_label(pc.span, "部分")
                .with_label(tc.span, "总体");
            if let Some(b) = s.base_span {
                f = f.with_label(b, "总体指标");
            }
            out.push(f);
        }
    }
}
