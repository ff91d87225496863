//! `pattern`: a regular expression over the text (like Vale's existence and
//! substitution rules). With `replace`, the message can name the replacement.

use regex::Regex;
use serde_saphyr::Spanned;

use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::{Applicability, Edit, Finding, Fix};
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
        /// Whether `replace` is offered as a fix: `safe` (default with
        /// `replace`), `unsafe` (only with --unsafe-fixes) or `none`.
        #[serde(default)]
        pub fix: Option<FixMode>,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixMode {
    None,
    Safe,
    Unsafe,
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
    let fix = match (spec.fix, &spec.replace) {
        (Some(FixMode::Safe) | None, Some(_)) => Some(Applicability::Safe),
        (Some(FixMode::Unsafe), Some(_)) => Some(Applicability::Unsafe),
        (Some(FixMode::None), _) | (None, None) => None,
        (Some(_), None) => {
            return Err(SpecError::at(&spec.pattern, "`fix` needs `replace`"));
        }
    };
    Ok(Box::new(Pattern {
        regex,
        replace: spec.replace,
        fix,
    }))
}

#[derive(Debug)]
struct Pattern {
    regex: Regex,
    replace: Option<String>,
    fix: Option<Applicability>,
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
            let span = Span::new(m.start(), m.end());
            let mut f = rule.finding(span, &vars);
            if let Some(applicability) = self.fix {
                f.fix = Some(Fix {
                    message: format!("「{}」→「{replacement}」", m.as_str()),
                    applicability,
                    edits: vec![Edit { span, replacement }],
                });
            }
            out.push(f);
        }
    }
}
