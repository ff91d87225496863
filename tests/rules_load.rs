//! Rule files: loading, overriding, settings, and errors that point into the YAML.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

use reportlint::rules::{RuleSource, load_rules};
use reportlint::{Document, Linter, Severity};

fn src(name: &str, text: &str) -> RuleSource {
    RuleSource {
        name: name.into(),
        text: text.into(),
    }
}

/// Load `text` after the built-ins; return the rendered error reports.
fn errors(text: &str) -> Vec<String> {
    let mut sources = RuleSource::builtin();
    sources.push(src("my-rules.yaml", text));
    match load_rules(&sources) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(reports) => reports
            .iter()
            .map(|r| {
                let mut s = String::new();
                miette::GraphicalReportHandler::new_themed(
                    miette::GraphicalTheme::unicode_nocolor(),
                )
                .render_report(&mut s, r.as_ref())
                .unwrap();
                s
            })
            .collect(),
    }
}

const GOOD: &str = r#"
rules:
  - id: house/no-jiang
    kind: pattern
    severity: info
    message: "「{match}」请改为「{replacement}」"
    pattern: "将近"
    replace: "近"
    description: house style
"#;

#[test]
fn a_users_pattern_rule_runs() {
    let set = load_rules(&[src("house.yaml", GOOD)]).unwrap();
    let text = "全年将近完成目标。";
    let found = Linter::new(set)
        .lint(&Document::from_text("a.txt", text))
        .findings;
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].span.start..found[0].span.end], "将近");
    assert_eq!(found[0].message, "「将近」请改为「近」");
    assert_eq!(found[0].severity, Severity::Info);
}

#[test]
fn a_later_file_redefines_a_rule_with_the_same_id() {
    let text = r#"
rules:
  - id: magnitude/doubled
    kind: magnitude
    check: doubled
    severity: info
    message: "custom {claim}"
    doubled: [亿万]
"#;
    let mut sources = RuleSource::builtin();
    sources.push(src("mine.yaml", text));
    let set = load_rules(&sources).unwrap();
    let rule = set.get("magnitude/doubled").unwrap();
    assert_eq!(rule.meta.severity, Severity::Info);
    assert_eq!(rule.meta.origin, "mine.yaml");
    assert_eq!(
        set.rules
            .iter()
            .filter(|r| r.meta.id == "magnitude/doubled")
            .count(),
        1
    );
}

#[test]
fn settings_disable_and_change_severity() {
    let text = "disable: [percent]\nseverity:\n  magnitude/missing: error\n  unit/missing: off\n";
    let mut sources = RuleSource::builtin();
    sources.push(src("settings.yaml", text));
    let set = load_rules(&sources).unwrap();
    assert!(set.get("percent/rate-above-100").is_none());
    assert!(set.get("percent/decrease-above-100").is_none());
    assert!(set.get("unit/missing").is_none());
    assert_eq!(
        set.get("magnitude/missing").unwrap().meta.severity,
        Severity::Error
    );
    assert!(set.get("magnitude/doubled").is_some());
}

#[test]
fn yaml_syntax_error_points_at_the_line() {
    let out = errors("rules:\n  - id: a/b\n    kind: pattern\n   message: [unclosed\n");
    assert_eq!(out.len(), 1);
    assert!(out[0].contains("my-rules.yaml:"), "{}", out[0]);
}

#[test]
fn unknown_field_is_reported_at_the_key() {
    let out = errors(
        "rules:\n  - id: a/b\n    kind: pattern\n    message: m\n    pattern: x\n    patern: y\n",
    );
    assert!(out[0].contains("unknown field `patern`"), "{}", out[0]);
    assert!(out[0].contains("my-rules.yaml:6:5"), "{}", out[0]);
}

#[test]
fn unknown_kind_is_reported_at_the_kind() {
    let out = errors("rules:\n  - id: a/b\n    kind: existence\n    message: m\n");
    assert!(
        out[0].contains("unknown rule kind `existence`"),
        "{}",
        out[0]
    );
    assert!(out[0].contains("my-rules.yaml:3:11"), "{}", out[0]);
    assert!(out[0].contains("pattern"), "lists the kinds: {}", out[0]);
}

#[test]
fn missing_kind_is_reported() {
    let out = errors("rules:\n  - id: a/b\n    message: m\n");
    assert!(out[0].contains("has no `kind`"), "{}", out[0]);
}

#[test]
fn bad_regex_is_reported_at_the_pattern() {
    let out =
        errors("rules:\n  - id: a/b\n    kind: pattern\n    message: m\n    pattern: \"([\"\n");
    assert!(out[0].contains("invalid regular expression"), "{}", out[0]);
    assert!(out[0].contains("my-rules.yaml:5:14"), "{}", out[0]);
}

#[test]
fn wrong_type_is_reported() {
    let out = errors(
        "rules:\n  - id: a/b\n    kind: magnitude\n    check: missing\n    message: m\n    ratio: lots\n",
    );
    assert!(out[0].contains("my-rules.yaml:6:"), "{}", out[0]);
}

#[test]
fn bad_enum_value_is_reported() {
    let out =
        errors("rules:\n  - id: a/b\n    kind: magnitude\n    check: sometimes\n    message: m\n");
    assert!(out[0].contains("sometimes"), "{}", out[0]);
}

#[test]
fn duplicate_ids_in_one_file_are_reported() {
    let out = errors(
        "rules:\n  - id: a/b\n    kind: pattern\n    message: m\n    pattern: x\n  - id: a/b\n    kind: pattern\n    message: m\n    pattern: y\n",
    );
    assert!(out[0].contains("duplicate rule id `a/b`"), "{}", out[0]);
}

#[test]
fn invalid_id_and_unknown_setting_target_are_reported() {
    let out = errors(
        "rules:\n  - id: \"Has Space\"\n    kind: pattern\n    message: m\n    pattern: x\n",
    );
    assert!(out[0].contains("invalid rule id"), "{}", out[0]);
    let out = errors("disable: [no-such-rule]\n");
    assert!(
        out[0].contains("no rule matches `no-such-rule`"),
        "{}",
        out[0]
    );
    let out = errors("severity:\n  unit/missing: loud\n");
    assert!(out[0].contains("unknown severity"), "{}", out[0]);
}

#[test]
fn unknown_top_level_key_is_reported() {
    let out = errors("rulez: []\n");
    assert!(out[0].contains("rulez"), "{}", out[0]);
}

#[test]
fn a_rule_file_extends_the_builtin_knowledge() {
    let mut sources = RuleSource::builtin();
    sources.push(src(
        "my-knowledge.yaml",
        "knowledge:\n  words:\n    per-capita: [每百户]\n    my-class: [甲, 乙]\n",
    ));
    let set = load_rules(&sources).unwrap();
    let per_capita = set.knowledge.words.get("per-capita");
    assert!(
        per_capita.iter().any(|w| w == "人均"),
        "built-in words kept"
    );
    assert_eq!(per_capita.last().map(String::as_str), Some("每百户"));
    assert_eq!(set.knowledge.words.get("my-class"), ["甲", "乙"]);
    // A file with only knowledge adds no rules.
    assert_eq!(
        set.rules.len(),
        load_rules(&RuleSource::builtin()).unwrap().rules.len()
    );
}

#[test]
fn a_mistake_in_a_knowledge_section_points_into_the_yaml() {
    let e = errors("knowledge:\n  wrods:\n    a: [b]\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("my-rules.yaml"), "{}", e[0]);
    assert!(e[0].contains("wrods"), "{}", e[0]);
    let e = errors("knowledge:\n  words:\n    a: 3\n");
    assert_eq!(e.len(), 1, "{e:?}");
}

#[test]
fn mistakes_in_the_rates_and_scales_sections_are_reported() {
    let e = errors("knowledge:\n  rates:\n    classes:\n      growth:\n        limit: lots\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("my-rules.yaml"), "{}", e[0]);
    let e = errors("knowledge:\n  rates:\n    clases: {}\n");
    assert!(e[0].contains("clases"), "{}", e[0]);
    let e = errors(
        "knowledge:\n  scales:\n    indicators:\n      - names: [a]\n        orders: {city: [1, 2]}\n",
    );
    assert!(e[0].contains("unit"), "{}", e[0]);
    let e = errors(
        "knowledge:\n  scales:\n    indicators:\n      - names: [a]\n        unit: 元\n        orders: {city: [1]}\n",
    );
    assert_eq!(e.len(), 1, "{e:?}");
}

#[test]
fn the_builtin_knowledge_shows_every_word_the_rules_use() {
    // The classes the rules read by name are all defined in the built-in files.
    let k = reportlint::knowledge::Knowledge::builtin();
    for class in [
        "per-capita",
        "per-period",
        "unit-value",
        "not-unit-value",
        "per-unit-after",
        "compound-after",
        "denominators",
        "aggregate-money",
        "connectors",
        "number-continues",
        "note-prefixes",
    ] {
        assert!(!k.words.get(class).is_empty(), "words: {class}");
    }
    assert!(!k.rates.proportions.is_empty());
    assert!(k.scales.levels.len() >= 4);
    assert!(k.scales.indicators.iter().all(|s| !s.orders.is_empty()));
}

#[test]
fn magnitude_because_keys_are_checked() {
    let e = errors(
        "rules:\n  - id: a/b\n    kind: magnitude\n    check: missing\n    message: m\n    because:\n      peer: x\n",
    );
    assert!(e[0].contains("peer"), "{}", e[0]);
}
