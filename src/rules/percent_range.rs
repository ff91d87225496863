//! `percent-range`: percentages that cannot be right.
//!
//! - `check: rate` — a rate or share (就业率, 覆盖率, 比重 ...) above 100%.
//!   Growth (增长) is not bounded; rates listed in `exempt` (毛入学率 ...)
//!   may pass 100%.
//! - `check: decrease` — a decrease (下降, 减少) of more than 100%.

use crate::span::Cut;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::{ClaimKind, Direction};
use crate::finding::Finding;

pub const KIND: &str = "percent-range";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PercentCheck {
    Rate,
    Decrease,
}

fn default_window() -> usize {
    12
}

rule_spec! {
    /// See docs/rules.md#percent-range.
    pub struct Spec {
        pub check: PercentCheck,
        /// Words that make the following percentage a bounded rate or share.
        #[serde(default)]
        pub rates: Vec<String>,
        /// Rates that may legitimately exceed 100% (checked before `rates`).
        #[serde(default)]
        pub exempt: Vec<String>,
        /// How many characters before the number to look for a rate word.
        #[serde(default = "default_window")]
        pub window: usize,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.check == PercentCheck::Rate && spec.rates.is_empty() {
        return Err(SpecError::at(
            &spec.kind,
            "`check: rate` needs a non-empty `rates` list",
        ));
    }
    Ok(Box::new(PercentRange {
        check: spec.check,
        rates: spec.rates,
        exempt: spec.exempt,
        window: spec.window,
    }))
}

#[derive(Debug)]
struct PercentRange {
    check: PercentCheck,
    rates: Vec<String>,
    exempt: Vec<String>,
    window: usize,
}

/// The last occurrence of any of `words` in `text`: (byte index, word).
fn last_of<'w>(text: &str, words: &'w [String]) -> Option<(usize, &'w str)> {
    words
        .iter()
        .filter_map(|w| text.rfind(w.as_str()).map(|i| (i + w.len(), w.as_str())))
        .max_by_key(|&(end, w)| (end, w.len()))
}

impl Check for PercentRange {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let hundred = Decimal::ONE_HUNDRED;
        for claim in ctx.claims {
            if claim.kind != ClaimKind::Percent {
                continue;
            }
            let top = claim.range_end.unwrap_or(claim.value).max(claim.value);
            if top <= hundred {
                continue;
            }
            match self.check {
                PercentCheck::Decrease => {
                    if claim.direction == Some(Direction::Decrease) {
                        let word = claim.direction_word.as_deref().unwrap_or("下降");
                        out.push(rule.finding(
                            claim.span,
                            &[
                                ("claim", &claim.text),
                                ("word", word),
                                ("value", &top.normalize().to_string()),
                            ],
                        ));
                    }
                }
                PercentCheck::Rate => {
                    if claim.direction.is_some() {
                        continue;
                    }
                    let before = ctx.before(claim.span.start, self.window);
                    let Some((end, word)) = last_of(before, &self.rates) else {
                        continue;
                    };
                    // An exempt rate ending at the same place wins (毛入学率 over 入学率).
                    if let Some((e_end, _)) = last_of(before, &self.exempt)
                        && e_end >= end
                    {
                        continue;
                    }
                    // Another number between the rate word and this one means the
                    // word belongs to that number.
                    let between = before.cut(end..);
                    if between
                        .chars()
                        .any(|c| c.is_ascii_digit() || c == '%' || c == '％')
                    {
                        continue;
                    }
                    let word_start = claim.span.start - before.len() + end - word.len();
                    out.push(
                        rule.finding(
                            claim.span,
                            &[
                                ("claim", &claim.text),
                                ("indicator", word),
                                ("value", &top.normalize().to_string()),
                            ],
                        )
                        .with_label(
                            crate::span::Span::new(word_start, word_start + word.len()),
                            "比率指标",
                        ),
                    );
                }
            }
        }
    }
}
