//! Every built-in rule documents texts that must and must not trigger it
//! (`examples:` in its YAML file). They are run here, so the documentation
//! shown by `reportlint rule ID` cannot drift from the behaviour.

use reportlint::rules::{RuleSet, RuleSource, load_rules};
use reportlint::{Document, Linter};

fn builtin() -> RuleSet {
    load_rules(&RuleSource::builtin()).expect("built-in rules load")
}

/// Lint `text` with the single rule `id` only.
fn findings_of(id: &str, text: &str) -> Vec<reportlint::Finding> {
    let mut set = builtin();
    set.rules.retain(|r| r.meta.id == id);
    assert_eq!(set.rules.len(), 1, "rule {id} exists");
    Linter::new(set)
        .lint(&Document::from_text("example.txt", text))
        .findings
}

#[test]
fn every_builtin_rule_has_examples_both_ways() {
    for rule in &builtin().rules {
        assert!(
            !rule.meta.examples.fires.is_empty(),
            "{} has no `fires` example",
            rule.meta.id
        );
        assert!(
            !rule.meta.examples.passes.is_empty(),
            "{} has no `passes` example",
            rule.meta.id
        );
        assert!(
            rule.meta.description.is_some(),
            "{} has no description",
            rule.meta.id
        );
    }
}

#[test]
fn fires_examples_fire() {
    for rule in &builtin().rules {
        for text in &rule.meta.examples.fires {
            let found = findings_of(&rule.meta.id, text);
            assert!(!found.is_empty(), "{} should fire on: {text}", rule.meta.id);
            for f in &found {
                assert_eq!(f.rule, rule.meta.id);
                assert!(
                    f.span.end <= text.len()
                        && text.is_char_boundary(f.span.start)
                        && text.is_char_boundary(f.span.end)
                );
            }
        }
    }
}

#[test]
fn passes_examples_stay_silent() {
    for rule in &builtin().rules {
        for text in &rule.meta.examples.passes {
            let found = findings_of(&rule.meta.id, text);
            assert!(
                found.is_empty(),
                "{} should not fire on: {text}\n{found:#?}",
                rule.meta.id
            );
        }
    }
}

#[test]
fn builtin_ids_are_unique_and_stable() {
    let set = builtin();
    let mut ids: Vec<&str> = set.rules.iter().map(|r| r.meta.id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    // Ids are part of the public interface (users disable them, baselines key on them).
    for id in [
        "magnitude/missing",
        "magnitude/doubled",
        "percent/rate-above-100",
        "percent/decrease-above-100",
        "unit/missing",
    ] {
        assert!(ids.contains(&id), "missing built-in rule {id}");
    }
}
