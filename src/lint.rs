//! The pipeline for one document: segment → extract claims → run rules.

use crate::claims::{self, Claim, UnitCatalog};
use crate::document::Document;
use crate::finding::Finding;
use crate::relations::{self, Facts};
use crate::rules::{Context, RuleSet};
use crate::segment::Segments;

pub struct Linter {
    pub rules: RuleSet,
    pub units: &'static UnitCatalog,
}

/// What linting one document produced, with the intermediate stages kept for
/// callers that show them (`reportlint claims`).
pub struct Linted {
    pub segments: Segments,
    pub claims: Vec<Claim>,
    /// Indicators and relations between the claims.
    pub facts: Facts,
    pub findings: Vec<Finding>,
}

impl Linter {
    pub fn new(rules: RuleSet) -> Self {
        Linter {
            rules,
            units: UnitCatalog::builtin(),
        }
    }

    /// The built-in rules only.
    pub fn builtin() -> Self {
        let rules = crate::rules::load_rules(&crate::rules::RuleSource::builtin())
            .expect("built-in rules are valid (tested)");
        Self::new(rules)
    }

    pub fn lint(&self, doc: &Document) -> Linted {
        let segments = Segments::for_document(doc);
        let claims = claims::extract(&doc.text, self.units);
        let knowledge = &self.rules.knowledge;
        let facts = relations::analyze(doc, &segments, &claims, knowledge);
        let ctx = Context {
            doc,
            segments: &segments,
            claims: &claims,
            facts: &facts,
            knowledge,
        };
        let mut findings = Vec::new();
        for rule in &self.rules.rules {
            rule.check.check(&rule.meta, &ctx, &mut findings);
        }
        findings.extend(doc.warnings.iter().cloned());
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        findings.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        Linted {
            segments,
            claims,
            facts,
            findings,
        }
    }
}
