//! Stage 4: rules. A rule is a YAML entry (`id`, `kind`, `severity`, `message`,
//! `help`, kind-specific fields); its `kind` selects the Rust code that checks it.
//!
//! Adding a rule *kind*: write `src/rules/<kind>.rs` with `KIND`, a `Spec`
//! declared with [`rule_spec!`] and `build`, add it to [`kinds!`] below and
//! document it in `docs/rules.md`. Adding a rule *file* needs no Rust.

use crate::span::Cut;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::claims::Claim;
use crate::document::Document;
use crate::finding::{Finding, Label, Severity};
use crate::segment::Segments;
use crate::span::Span;

/// Declares a kind's YAML spec: the fields every rule has, then the kind's own.
/// Unknown fields are errors, reported at the offending key.
macro_rules! rule_spec {
    ($(#[$m:meta])* pub struct $name:ident { $($(#[$fm:meta])* pub $f:ident : $t:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            pub id: serde_saphyr::Spanned<String>,
            pub kind: serde_saphyr::Spanned<String>,
            #[serde(default)]
            pub severity: Option<$crate::finding::Severity>,
            pub message: serde_saphyr::Spanned<String>,
            #[serde(default)]
            pub help: Option<String>,
            #[serde(default)]
            pub description: Option<String>,
            #[serde(default)]
            pub examples: $crate::rules::Examples,
            $($(#[$fm])* pub $f : $t,)*
        }
        impl From<&$name> for $crate::rules::Common {
            fn from(s: &$name) -> Self {
                $crate::rules::Common {
                    id: s.id.clone(),
                    severity: s.severity,
                    message: s.message.clone(),
                    help: s.help.clone(),
                    description: s.description.clone(),
                    examples: s.examples.clone(),
                }
            }
        }
    };
}

pub mod bound;
pub mod consistent;
pub mod difference;
pub mod duplicate;
pub mod growth;
pub mod load;
pub mod magnitude;
pub mod pattern;
pub mod percent_range;
pub mod ratio;
pub mod share;
pub mod sum;
pub mod table_bound;
pub mod table_sum;
pub mod unit_required;

pub use load::{RuleSet, RuleSource, load_rules};

/// Everything a rule sees about one document.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub segments: &'a Segments,
    pub claims: &'a [Claim],
    /// Indicators and relations between the claims (computed once per document).
    pub facts: &'a crate::relations::Facts,
    /// What the rules know about indicators and words (see [`crate::knowledge`]).
    pub knowledge: &'a crate::knowledge::Knowledge,
}

impl Context<'_> {
    pub fn text(&self, span: Span) -> &str {
        self.doc.text.cut(span.start..span.end)
    }

    /// Up to `max_chars` characters before byte `offset`, not crossing the start
    /// of the sentence that contains `offset`.
    pub fn before(&self, offset: usize, max_chars: usize) -> &str {
        let floor = self
            .segments
            .sentence_at(offset)
            .map(|i| self.segments.sentences[i].span.start)
            .unwrap_or(offset);
        let head = self.doc.text.cut(floor..offset);
        let start = head
            .char_indices()
            .rev()
            .nth(max_chars.saturating_sub(1))
            .map(|(i, _)| i)
            .unwrap_or(0);
        if max_chars == 0 {
            ""
        } else {
            head.cut(start..)
        }
    }

    /// Up to `max_chars` characters before byte `offset`, back to the last
    /// sentence stop (。！？；!?;) — unlike [`Context::before`] this crosses line
    /// breaks, which in text converted from PDF fall inside sentences.
    pub fn clause_before(&self, offset: usize, max_chars: usize) -> &str {
        let head = self.doc.text.cut(..offset);
        let mut start = offset;
        for (n, (i, c)) in head.char_indices().rev().enumerate() {
            if n >= max_chars || matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
                break;
            }
            start = i;
        }
        head.cut(start..)
    }

    /// Up to `max_chars` characters after byte `offset`, within its sentence.
    pub fn after(&self, offset: usize, max_chars: usize) -> &str {
        let ceil = self
            .segments
            .sentence_at(offset.saturating_sub(1))
            .map(|i| self.segments.sentences[i].span.end)
            .unwrap_or(offset)
            .max(offset);
        let tail = self.doc.text.cut(offset..ceil);
        let end = tail
            .char_indices()
            .nth(max_chars)
            .map(|(i, _)| i)
            .unwrap_or(tail.len());
        tail.cut(..end)
    }
}

/// The code behind one rule: checks a document and pushes findings.
pub trait Check: Send + Sync + std::fmt::Debug {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Texts that must and must not trigger a rule. Shown by `reportlint rules` and
/// run as tests, so the documentation cannot drift from the behaviour.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub fires: Vec<String>,
    #[serde(default)]
    pub passes: Vec<String>,
}

/// The fields every rule has, as written in YAML.
#[derive(Debug, Clone)]
pub struct Common {
    pub id: Spanned<String>,
    pub severity: Option<Severity>,
    pub message: Spanned<String>,
    pub help: Option<String>,
    pub description: Option<String>,
    pub examples: Examples,
}

/// A rule's identity and texts, after loading.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub description: Option<String>,
    pub examples: Examples,
    /// Where the rule was defined (`builtin:rules/x.yaml` or a user's path).
    pub origin: String,
}

impl RuleMeta {
    /// A finding of this rule on `span`, with the message and help templates
    /// filled from `vars`.
    pub fn finding(&self, span: Span, vars: &[(&str, &str)]) -> Finding {
        Finding {
            rule: self.id.clone(),
            severity: self.severity,
            message: crate::template::render(&self.message, vars),
            span,
            primary_label: None,
            labels: Vec::new(),
            help: self
                .help
                .as_deref()
                .map(|h| crate::template::render(h, vars)),
            fix: None,
        }
    }
}

impl Finding {
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
    pub fn with_primary_label(mut self, message: impl Into<String>) -> Self {
        self.primary_label = Some(message.into());
        self
    }
}

#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Box<dyn Check>,
}

/// A rule file mistake found after parsing (bad regex, bad value ...), with the
/// YAML location it concerns.
#[derive(Debug)]
pub struct SpecError {
    pub message: String,
    pub location: serde_saphyr::Location,
    pub help: Option<String>,
}

impl SpecError {
    pub fn at<T>(field: &Spanned<T>, message: impl Into<String>) -> Self {
        SpecError {
            message: message.into(),
            location: field.referenced,
            help: None,
        }
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Registers the rule kinds: each module provides `KIND`, `Spec` and
/// `build(Spec) -> Result<Box<dyn Check>, SpecError>`.
macro_rules! kinds {
    ($($module:ident),* $(,)?) => {
        /// Names of all rule kinds.
        pub const KINDS: &[&str] = &[$($module::KIND),*];

        pub(crate) fn deserialize_kind<'de, D: serde::Deserializer<'de>>(
            kind: &str,
            de: D,
        ) -> Result<Option<load::Pending>, D::Error> {
            $(
                if kind == $module::KIND {
                    let spec = <$module::Spec as serde::Deserialize>::deserialize(de)?;
                    let common = Common::from(&spec);
                    return Ok(Some(load::Pending {
                        kind: $module::KIND,
                        common,
                        build: Box::new(move || $module::build(spec)),
                    }));
                }
            )*
            Ok(None)
        }
    };
}

kinds!(
    duplicate,
    magnitude,
    unit_required,
    percent_range,
    pattern,
    table_sum,
    table_bound,
    share,
    growth,
    sum,
    ratio,
    difference,
    consistent,
    bound,
);
