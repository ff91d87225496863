//! `percent-range`: percentages that cannot be right.
//!
//! - `check: rate` — a proportion above its bound: every name ending with a
//!   proportion word (…率, 比重, 占比, 比例, 份额) is bounded by 100%, unless it
//!   belongs to a reviewed class of the knowledge's `rates:` section that may
//!   pass 100% (growth, completion against a plan, gross enrolment, debt
//!   ratios …) or has another bound. A stated change (增长 …) is not a rate.
//! - `check: decrease` — a decrease (下降, 减少) of more than 100%.

use crate::span::Cut;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
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
        /// `rate`: how many characters before the number to look for the
        /// rate's name (within the sentence, no other number between).
        #[serde(default = "default_window")]
        pub window: usize,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.window == 0 && spec.check == PercentCheck::Rate {
        return Err(SpecError::at(&spec.kind, "`window` must be at least 1"));
    }
    Ok(Box::new(PercentRange {
        check: spec.check,
        window: spec.window,
    }))
}

#[derive(Debug)]
struct PercentRange {
    check: PercentCheck,
    window: usize,
}

/// Characters that end the name before a rate word (the name is shown in the
/// message: 城镇调查失业率, not just 率).
fn is_name_boundary(c: char) -> bool {
    c.is_ascii_digit()
        || c.is_whitespace()
        || matches!(
            c,
            '，' | ','
                | '；'
                | ';'
                | '：'
                | ':'
                | '、'
                | '。'
                | '（'
                | '('
                | '）'
                | ')'
                | '%'
                | '％'
        )
}

/// A text without its white space, with the way back to the original offsets.
struct Compact {
    text: String,
    /// For each byte of `text` that starts a char: the original offset.
    starts: Vec<(usize, usize)>,
}

impl Compact {
    fn new(s: &str) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut starts = Vec::new();
        for (i, c) in s.char_indices() {
            if !c.is_whitespace() {
                starts.push((text.len(), i));
                text.push(c);
            }
        }
        Compact { text, starts }
    }
    /// The original offset of compact offset `at` (a char start).
    fn original(&self, at: usize) -> usize {
        let k = self.starts.partition_point(|&(c, _)| c < at);
        self.starts.get(k).map_or(0, |&(_, o)| o)
    }
    /// The original offset just after the char that ends at compact `end`.
    fn original_end(&self, end: usize) -> usize {
        let k = self.starts.partition_point(|&(c, _)| c < end);
        let Some(&(c, o)) = k.checked_sub(1).and_then(|k| self.starts.get(k)) else {
            return 0;
        };
        o + (end - c)
    }
}

/// The rate's name as written: the text before the end of its word, back to
/// the previous clause separator or number.
fn name_before(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| is_name_boundary(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    text.cut(start..)
}

impl Check for PercentRange {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        // Figures at or below every bound need no look at their words.
        let floor = match self.check {
            PercentCheck::Decrease => Decimal::ONE_HUNDRED,
            PercentCheck::Rate => match ctx.knowledge.rates.lowest_limit() {
                Some(l) => Decimal::from_f64(l).unwrap_or(Decimal::ONE_HUNDRED),
                None => return,
            },
        };
        for claim in ctx.claims {
            if claim.kind != ClaimKind::Percent {
                continue;
            }
            let top = claim.range_end.unwrap_or(claim.value).max(claim.value);
            if top <= floor {
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
                    let rates = &ctx.knowledge.rates;
                    // Back to the sentence stop, across line breaks, and read
                    // without white space: text converted from PDF breaks
                    // lines inside sentences and words (债务\n率).
                    let before = ctx.clause_before(claim.span.start, self.window);
                    let compact = Compact::new(before);
                    let Some(m) = rates.classify(&compact.text) else {
                        continue;
                    };
                    let Some(limit) = m.limit.and_then(Decimal::from_f64) else {
                        continue;
                    };
                    if top <= limit {
                        continue;
                    }
                    // Another number between the rate's name and this one means
                    // the name belongs to that number; …的105% compares with
                    // another value.
                    let between = compact.text.cut(m.end..);
                    if between
                        .chars()
                        .any(|c| c.is_ascii_digit() || c == '%' || c == '％')
                        || rates.is_comparison(between)
                    {
                        continue;
                    }
                    let name = name_before(compact.text.cut(..m.end));
                    let base = claim.span.start - before.len();
                    let name_span = crate::span::Span::new(
                        base + compact.original(m.end - name.len()),
                        base + compact.original_end(m.end),
                    );
                    let limit = limit.normalize().to_string();
                    out.push(
                        rule.finding(
                            claim.span,
                            &[
                                ("claim", &claim.text),
                                ("indicator", name),
                                ("value", &top.normalize().to_string()),
                                ("limit", &limit),
                                ("class", m.class.unwrap_or("")),
                            ],
                        )
                        .with_label(name_span, "比率指标"),
                    );
                }
            }
        }
    }
}
