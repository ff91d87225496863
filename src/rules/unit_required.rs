//! `unit-required`: a number right after a configured indicator, with no unit
//! where the indicator needs one (地区生产总值372 instead of 372亿元).

use crate::span::Cut;
use serde_saphyr::Spanned;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::span::Span;

pub const KIND: &str = "unit-required";

rule_spec! {
    /// See docs/rules.md#unit-required.
    pub struct Spec {
        /// Indicators whose value must carry a unit.
        pub indicators: Spanned<Vec<String>>,
        /// Words allowed between the indicator and its number; when not
        /// given, the knowledge's `words: connectors` class.
        #[serde(default)]
        pub connectors: Option<Vec<String>>,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.indicators.value.iter().any(|s| s.is_empty()) || spec.indicators.value.is_empty() {
        return Err(SpecError::at(
            &spec.indicators,
            "`indicators` must list non-empty words",
        ));
    }
    let mut indicators = spec.indicators.value;
    // Longest first so 一般公共预算收入 wins over 预算收入.
    indicators.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let connectors = spec.connectors.map(|mut c| {
        c.sort_by_key(|s| std::cmp::Reverse(s.len()));
        c
    });
    Ok(Box::new(UnitRequired {
        indicators,
        connectors,
    }))
}

#[derive(Debug)]
struct UnitRequired {
    indicators: Vec<String>,
    connectors: Option<Vec<String>>,
}

impl Check for UnitRequired {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let words = &ctx.knowledge.words;
        // Longest first, so that 达到 is cut before 达.
        let mut connectors: Vec<&str> = self
            .connectors
            .as_deref()
            .unwrap_or_else(|| words.get("connectors"))
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        connectors.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let continues = words.get("number-continues");
        for claim in ctx.claims {
            if claim.kind != ClaimKind::Quantity || claim.unit.is_some() {
                continue;
            }
            // The number goes on after the claim (a numeral the grammar could not
            // take whole, or a line break inside the figure in text converted
            // from PDF): its unit is not missing, it is further on.
            let rest = ctx
                .doc
                .text
                .cut(claim.span.end..)
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
                });
            let first = rest.chars().next();
            if first.is_some_and(|c| c.is_ascii_digit())
                || first.is_some_and(|c| {
                    continues
                        .iter()
                        .any(|w| w.starts_with(c) && rest.starts_with(w.as_str()))
                })
            {
                continue;
            }
            // Walk back over connectors, then require an indicator right before.
            let mut before = ctx.before(claim.span.start, 24);
            for _ in 0..2 {
                if let Some(c) = connectors.iter().find(|c| before.ends_with(**c)) {
                    before = before.cut(..before.len() - c.len());
                }
            }
            let Some(ind) = self
                .indicators
                .iter()
                .find(|i| before.ends_with(i.as_str()))
            else {
                continue;
            };
            let ind_end =
                claim.span.start - (ctx.before(claim.span.start, 24).len() - before.len());
            let ind_span = Span::new(ind_end - ind.len(), ind_end);
            out.push(
                rule.finding(claim.span, &[("claim", &claim.text), ("indicator", ind)])
                    .with_label(ind_span, "指标"),
            );
        }
    }
}
