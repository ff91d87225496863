//! `duplicate`: repeated sections, paragraphs and long sentences.
use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::Finding;

pub const KIND: &str = "duplicate";

rule_spec! {
    /// See docs/rules.md#duplicate.
    pub struct Spec {}
}

pub fn build(_spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    Ok(Box::new(Duplicate))
}

#[derive(Debug)]
struct Duplicate;

impl Check for Duplicate {
    fn check(&self, _rule: &RuleMeta, _ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
