//! `pattern`: a regular expression over the text (like Vale's existence and
//! substitution rules). With `replace`, the message can name the replacement.

use regex::Regex;
use serde_saphyr::Spanned;

use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::Finding;
use crate::span::Span;

pub const KIND: &str = "pattern";

rule_spec! {
    /// See docs/rules.md#pattern.
    pub struct Spec {
        /// Regular expression (Rust `regex` syntax); each match is a finding.
        pub pattern: Spanned<String>,
        /// Suggested replacement; `$1`, `${name}` refer to capture groups.
        #[serde(default)]
        pub replace: Option<String>,
        #[serde(default)]
        pub ignore_case: bool,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let regex = regex::RegexBuilder::new(&spec.pattern.value)
        .case_insensitive(spec.ignore_case)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            SpecError::at(&spec.pattern, format!("invalid regular expression: {e}"))
                .help("see https://docs.rs/regex for the syntax")
        })?;
    if regex.is_match("") {
        return Err(SpecError::at(
            &spec.pattern,
            "this pattern matches the empty string",
        ));
    }
    Ok(Box::new(Pattern {
        regex,
        replace: spec.replace,
    }))
}

#[derive(Debug)]
struct Pattern {
    regex: Regex,
    replace: Option<String>,
}

impl Check for Pattern {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for caps in self.regex.captures_iter(&ctx.doc.text) {
            let m = caps.get(0).expect("group 0 always matches");
            let mut replacement = String::new();
            if let Some(r) = &self.replace {
                caps.expand(r, &mut replacement);
            }
            let vars = [("match", m.as_str()), ("replacement", replacement.as_str())];
            out.push(rule.finding(Span::new(m.start(), m.end()), &vars));
        }
    }
}
