//! The JSON Schemas (`reportlint schema`) must match what the loader accepts:
//! every rule kind, and for each kind exactly the fields its spec takes.

use reportlint::rules::{KINDS, RuleSource, load_rules};

fn schema() -> serde_json::Value {
    serde_json::from_str(reportlint::cli::RULES_SCHEMA).unwrap()
}

/// The field names a kind accepts, read from the loader's own error message
/// for an unknown field ("expected one of ...").
fn accepted_fields(kind: &str) -> Vec<String> {
    let yaml = format!("rules:\n  - id: a/b\n    kind: {kind}\n    zzz_unknown: 1\n");
    let err = load_rules(&[RuleSource {
        name: "t.yaml".into(),
        text: yaml,
    }])
    .unwrap_err();
    let msg = format!("{:?}", err[0]);
    let list = msg
        .split("expected one of")
        .nth(1)
        .unwrap_or_else(|| panic!("{msg}"));
    let list = list
        .lines()
        .map(|l| l.trim_start_matches(['│', ' ']))
        .collect::<Vec<_>>()
        .join(" ");
    let mut fields: Vec<String> = list
        .split(',')
        .filter_map(|s| s.split_whitespace().next())
        .map(|s| s.trim_matches('`').to_string())
        .take_while(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    fields.sort();
    fields
}

#[test]
fn every_kind_is_in_the_schema_with_its_fields() {
    let s = schema();
    let kinds: Vec<&str> = s["definitions"]["rule"]["properties"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut registered: Vec<&str> = KINDS.to_vec();
    registered.sort();
    let mut listed = kinds.clone();
    listed.sort();
    assert_eq!(listed, registered, "schema kinds vs registered kinds");
    for kind in KINDS {
        let mut props: Vec<String> = s["definitions"][kind]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no definition for {kind}"))
            .keys()
            .cloned()
            .collect();
        props.sort();
        assert_eq!(props, accepted_fields(kind), "fields of kind {kind}");
    }
}

#[test]
fn builtin_rule_files_validate_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let knowledge = reportlint::knowledge::BUILTIN
        .iter()
        .map(|(name, text)| RuleSource {
            name: name.to_string(),
            text: text.to_string(),
        });
    for src in RuleSource::builtin().into_iter().chain(knowledge) {
        let value: serde_json::Value = serde_saphyr::from_str(&src.text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", src.name);
    }
}
