//! The command line: exit codes, formats, rule-file errors, bad input.

use assert_cmd::Command;
use predicates::prelude::*;

fn reportlint() -> Command {
    let mut cmd = Command::cargo_bin("reportlint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

const CLEAN: &str = "全年实现地区生产总值372亿元，增长7.9%。城区就业率98.7%。\n";
const DOUBLED: &str = "全年完成固定资产投资62.51亿万元，增长5.1%。\n";
const WARN_ONLY: &str = "全年开工安置房40万平方米，竣工90万平方米。开竣工安置房68.9平方米。\n";

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn clean_file_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "clean.txt", CLEAN.as_bytes());
    reportlint()
        .arg("check")
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 findings in 1 file"));
}

#[test]
fn findings_exit_1_and_name_the_rule_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "doubled.txt", DOUBLED.as_bytes());
    reportlint()
        .arg("check")
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("magnitude/doubled"))
        .stdout(predicate::str::contains("doubled.txt:1:11"));
}

#[test]
fn fail_on_controls_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "warn.txt", WARN_ONLY.as_bytes());
    reportlint().arg("check").arg(&p).assert().code(1);
    reportlint()
        .args(["check", "--fail-on", "error"])
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("magnitude/missing"));
}

#[test]
fn sample_report_has_the_planted_mistakes() {
    let out = reportlint()
        .args(["check", "--sample", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for id in [
        "magnitude/missing",
        "magnitude/doubled",
        "percent/rate-above-100",
    ] {
        assert!(rules.contains(&id), "{id} not in {rules:?}");
    }
    assert!(
        rules.iter().any(|r| r.starts_with("duplicate/")),
        "{rules:?}"
    );
    // The correct figures around them are not reported.
    for f in v["findings"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        assert_eq!(path, "samples/sample_report.txt");
    }
}

#[test]
fn json_format_is_valid_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "d.txt", DOUBLED.as_bytes());
    let out = reportlint()
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    let start = DOUBLED.find("62.51").unwrap();
    assert_eq!(f["span"]["start"], start);
    assert_eq!(f["span"]["end"], start + "62.51亿万元".len());
    assert_eq!(f["line"], 1);
    assert_eq!(f["column"], 11);
    assert_eq!(f["end_column"], 11 + "62.51亿万元".chars().count());
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(
        v["summary"]["findings"],
        v["findings"].as_array().unwrap().len()
    );
}

#[test]
fn unreadable_input_exits_2_but_other_files_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.txt", DOUBLED.as_bytes());
    let binary = write(&dir, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let missing = dir.path().join("missing.txt");
    reportlint()
        .arg("check")
        .arg(&binary)
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary file"))
        .stderr(predicate::str::contains("missing.txt"))
        .stdout(predicate::str::contains("magnitude/doubled"))
        .stdout(predicate::str::contains("2 files could not be read"));
}

#[test]
fn bad_rule_file_exits_2_pointing_into_the_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(
        &dir,
        "bad.yaml",
        b"rules:\n  - id: my/rule\n    kind: pattern\n    message: m\n    pattern: \"(unclosed\"\n",
    );
    let doc = write(&dir, "d.txt", CLEAN.as_bytes());
    reportlint()
        .arg("check")
        .arg("--rules")
        .arg(&rules)
        .arg(&doc)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid regular expression"))
        .stderr(predicate::str::contains("bad.yaml:5:14"));
}

#[test]
fn users_rule_folder_and_disable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    write(&dir, "rules/house.yaml", "rules:\n  - id: house/jiangjin\n    kind: pattern\n    severity: error\n    message: 请勿使用「{match}」\n    pattern: 将近\n".as_bytes());
    let doc = write(&dir, "d.txt", "全年将近完成目标。\n".as_bytes());
    reportlint()
        .arg("check")
        .arg("--rules")
        .arg(dir.path().join("rules"))
        .arg(&doc)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("house/jiangjin"))
        .stdout(predicate::str::contains("请勿使用「将近」"));
    reportlint()
        .args(["check", "--disable", "house"])
        .arg("--rules")
        .arg(dir.path().join("rules"))
        .arg(&doc)
        .assert()
        .code(0);
    reportlint()
        .args(["check", "--severity", "house/jiangjin=info"])
        .arg("--rules")
        .arg(dir.path().join("rules"))
        .arg(&doc)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("house/jiangjin"));
}

#[test]
fn usage_errors_exit_2() {
    reportlint()
        .args(["check", "--no-such-flag"])
        .assert()
        .code(2);
    reportlint()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no files given"));
    reportlint()
        .args(["check", "--sample", "--disable", "nope/nothing"])
        .assert()
        .code(2);
    reportlint()
        .args(["check", "--sample", "--severity", "unit/missing=loud"])
        .assert()
        .code(2);
    reportlint().args(["rule", "nope/nothing"]).assert().code(2);
}

#[test]
fn stdin_is_read_with_dash() {
    reportlint()
        .args(["check", "-"])
        .write_stdin(DOUBLED)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:1:11"));
}

#[test]
fn claims_command_shows_what_the_grammar_found() {
    let out = reportlint()
        .args(["claims", "-", "--format", "json"])
        .write_stdin(CLEAN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = v["claims"].as_array().unwrap();
    let first = &claims[0];
    assert_eq!(first["text"], "372亿元");
    assert_eq!(first["value"], "37200000000");
    assert_eq!(first["unit"], "元");
    assert_eq!(first["magnitude"], "亿");
    assert_eq!(first["kind"], "quantity");
    assert_eq!(first["span"]["start"], CLEAN.find("372").unwrap());
    assert!(
        claims
            .iter()
            .any(|c| c["text"] == "7.9%" && c["kind"] == "percent")
    );
    reportlint()
        .args(["claims", "-"])
        .write_stdin(CLEAN)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("372亿元"))
        .stdout(predicate::str::contains("claims"));
}

#[test]
fn rules_are_listed_and_explained() {
    reportlint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("magnitude/missing"))
        .stdout(predicate::str::contains("percent/rate-above-100"));
    reportlint()
        .args(["rule", "magnitude/doubled"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("62.51亿万元"))
        .stdout(predicate::str::contains("Not reported"));
}
