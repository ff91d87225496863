//! CI features: output formats, config discovery, folders and ignore files,
//! suppression, baselines, fixes, schema.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn reportlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("reportlint").unwrap();
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

const DOUBLED: &str = "全年完成固定资产投资62.51亿万元，增长5.1%。\n";
const RATE: &str = "全市城区就业率达到103.5%。\n";
const MISSING: &str = "全年开工安置房40万平方米，竣工90万平方米。开竣工安置房68.9平方米。\n";
const CLEAN: &str = "全年实现地区生产总值372亿元，增长7.9%。\n";

/// A document repository: nested folders, an ignored folder, a config in a
/// subfolder, a suppression comment.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "build/\n");
    write(root, ".reportlintignore", "archive/\n");
    write(root, "reports/2025/district.txt", DOUBLED);
    write(root, "reports/2025/clean.md", CLEAN);
    write(root, "reports/drafts/housing.txt", MISSING);
    write(
        root,
        "reports/drafts/reportlint.yaml",
        "severity:\n  magnitude/missing: error\noverrides:\n  - paths: [\"notes/**\"]\n    disable: [percent]\n",
    );
    write(root, "reports/drafts/notes/rate.txt", RATE);
    write(
        root,
        "reports/suppressed.md",
        "<!-- reportlint-disable-next-line percent/rate-above-100 -- 口径包含外来务工人员 -->\n全市城区就业率达到103.5%。\n\n全市城区就业率达到101.5%。\n",
    );
    write(root, "build/generated.txt", DOUBLED);
    write(root, "archive/old.txt", DOUBLED);
    write(root, "reports/notes.yaml", "not: a report\n");
    dir
}

fn concise_lines(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| l.contains("]: "))
        .map(String::from)
        .collect()
}

#[test]
fn repository_results_are_exact() {
    let dir = repo();
    let out = reportlint(dir.path())
        .args(["check", "--format", "concise", "reports"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = concise_lines(&out.stdout);
    assert_eq!(
        lines,
        vec![
            "reports/2025/district.txt:1:11: error[magnitude/doubled]: 「62.51亿万元」的数量级「亿万」重复",
            "reports/drafts/housing.txt:1:30: error[magnitude/missing]: 「68.9平方米」可能漏写了「万」：比附近同单位的数字（40万平方米、90万平方米）小上千倍",
            "reports/suppressed.md:4:10: error[percent/rate-above-100]: 全市城区就业率不能超过100%，文中为「101.5%」",
        ],
        "ignored folders, the subfolder config (severity error, override disabling percent in notes/) and the suppression all apply"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 findings in 5 files"));
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = repo();
    let root = dir.path();
    reportlint(root)
        .args(["check", "reports", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["version"], 1);
    assert_eq!(b["findings"].as_array().unwrap().len(), 3);
    reportlint(root)
        .args(["check", "reports", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 findings"));
    // An edit elsewhere in a file keeps the old finding known; a new mistake is reported.
    write(
        root,
        "reports/2025/district.txt",
        &format!("各位代表：\n{DOUBLED}拨付资金5万万元。\n"),
    );
    let out = reportlint(root)
        .args([
            "check",
            "reports",
            "--baseline",
            "baseline.json",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = concise_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("reports/2025/district.txt:3:5: error[magnitude/doubled]"),
        "{lines:?}"
    );
}

#[test]
fn require_reason_reports_bare_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "<!-- reportlint-disable-next-line -->\n全市城区就业率达到103.5%。\n",
    );
    reportlint(dir.path())
        .args(["check", "a.md"])
        .assert()
        .code(0);
    reportlint(dir.path())
        .args(["check", "--require-reason", "--format", "concise", "a.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "a.md:1:6: warning[suppression/missing-reason]",
        ));
}

#[test]
fn disable_enable_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "<!-- reportlint-disable magnitude -- 历史资料 -->\n{DOUBLED}<!-- reportlint-enable magnitude -->\n{DOUBLED}"
    );
    write(dir.path(), "a.md", &text);
    let out = reportlint(dir.path())
        .args(["check", "--format", "concise", "a.md"])
        .output()
        .unwrap();
    let lines = concise_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("a.md:4:11:"), "{lines:?}");
}

#[test]
fn fix_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let pct = write(root, "pct.txt", "出口增长7.9%%，进口增长3.1%。\n");
    let mag = write(root, "mag.txt", DOUBLED);
    let clean = write(root, "clean.txt", CLEAN);
    let before = std::fs::metadata(&clean).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    // --diff shows, changes nothing.
    reportlint(root)
        .args(["check", "--diff", "pct.txt", "mag.txt", "clean.txt"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("-出口增长7.9%%")
                .and(predicate::str::contains("+出口增长7.9%，")),
        );
    assert_eq!(
        std::fs::read_to_string(&pct).unwrap(),
        "出口增长7.9%%，进口增长3.1%。\n"
    );

    // --fix applies the safe fix only; the unsafe magnitude fix needs --unsafe-fixes.
    reportlint(root)
        .args(["check", "--fix", "pct.txt", "mag.txt", "clean.txt"])
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read_to_string(&pct).unwrap(),
        "出口增长7.9%，进口增长3.1%。\n"
    );
    assert_eq!(std::fs::read_to_string(&mag).unwrap(), DOUBLED);
    reportlint(root)
        .args(["check", "--fix", "--unsafe-fixes", "mag.txt"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&mag).unwrap(),
        "全年完成固定资产投资62.51亿元，增长5.1%。\n"
    );

    // A second check reports none of the fixed findings.
    reportlint(root)
        .args(["check", "pct.txt", "mag.txt", "clean.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 findings in 3 files"));
    // Files without fixes are untouched: same bytes, same mtime.
    assert_eq!(std::fs::read_to_string(&clean).unwrap(), CLEAN);
    assert_eq!(
        std::fs::metadata(&clean).unwrap().modified().unwrap(),
        before
    );
    // No temporary files left behind.
    let names: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

fn sample_output(format: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &format!("{DOUBLED}{RATE}"));
    write(dir.path(), "b.txt", CLEAN);
    let out = reportlint(dir.path())
        .args(["check", "--format", format, "a.txt", "b.txt"])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn every_format_has_the_same_findings_and_exit_code() {
    let (code, concise) = sample_output("concise");
    assert_eq!(code, Some(1));
    assert_eq!(concise_lines(concise.as_bytes()).len(), 2);
    assert!(concise.contains("a.txt:1:11: error[magnitude/doubled]"));
    assert!(concise.contains("a.txt:2:10: error[percent/rate-above-100]"));

    let (code, jsonl) = sample_output("jsonl");
    assert_eq!(code, Some(1));
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[1]["line"].as_u64(), rows[1]["column"].as_u64()),
        (Some(2), Some(10))
    );

    let (code, gh) = sample_output("github");
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("::error file=a.txt,line=1,col=11,endLine=1,endColumn=19,title=reportlint magnitude/doubled::"), "{}", lines[0]);
    assert!(lines.iter().all(|l| !l.contains('\r')));

    let (code, junit) = sample_output("junit");
    assert_eq!(code, Some(1));
    assert!(junit.starts_with("<?xml"));
    assert!(junit.contains(r#"<testsuites name="reportlint" tests="2" failures="1" errors="0">"#));
    assert!(junit.contains(r#"<testcase name="a.txt" classname="reportlint">"#));
    assert!(junit.contains(r#"<failure message="2 findings""#));
    assert!(junit.contains(r#"<testcase name="b.txt" classname="reportlint"/>"#));
    // Well-formed XML.
    let mut reader = quick_xml::Reader::from_str(&junit);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("junit is not well-formed: {e}"),
        }
    }

    let (code, sarif) = sample_output("sarif");
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "magnitude/doubled");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(11))
    );
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let idx = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "magnitude/doubled");
    assert!(!rules[idx]["help"]["text"].as_str().unwrap().is_empty());
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema) = std::fs::read_to_string(&schema_path) else {
        eprintln!("skipping: {} not found", schema_path.display());
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    for format_input in [format!("{DOUBLED}{RATE}{MISSING}"), CLEAN.to_string()] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "报告 a.txt", &format_input);
        let out = reportlint(dir.path())
            .args(["check", "--format", "sarif", "报告 a.txt"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn statistics_count_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &format!("{DOUBLED}{DOUBLED}{RATE}"));
    reportlint(dir.path())
        .args(["check", "--statistics", "a.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("     2  magnitude/doubled"))
        .stdout(predicate::str::contains("     1  percent/rate-above-100"));
}

#[test]
fn stdin_filename_names_the_input_and_finds_its_config() {
    let dir = repo();
    reportlint(dir.path())
        .args([
            "check",
            "-",
            "--stdin-filename",
            "reports/drafts/new.txt",
            "--format",
            "concise",
        ])
        .write_stdin(MISSING)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "reports/drafts/new.txt:1:30: error[magnitude/missing]",
        ));
}

#[test]
fn config_init_and_schema_commands() {
    let dir = tempfile::tempdir().unwrap();
    reportlint(dir.path()).arg("init").assert().code(0);
    assert!(dir.path().join("reportlint.yaml").is_file());
    reportlint(dir.path()).arg("init").assert().code(2);
    reportlint(dir.path())
        .arg("config")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("reportlint.yaml"))
        .stdout(predicate::str::contains("\"fail_on\": \"warning\""));
    for which in ["rules", "config"] {
        let out = reportlint(dir.path())
            .args(["schema", which])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(jsonschema::validator_for(&v).is_ok());
    }
    // A broken config is an error pointing into the YAML.
    write(dir.path(), "reportlint.yaml", "fail_on: sometimes\n");
    write(dir.path(), "a.txt", CLEAN);
    reportlint(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("reportlint.yaml:1:10"));
}

#[test]
fn threads_flag_gives_the_same_output() {
    let dir = repo();
    let run = |n: &str| {
        reportlint(dir.path())
            .args(["check", "--format", "json", "--threads", n, "reports"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn input_format_and_encoding_flags() {
    let dir = tempfile::tempdir().unwrap();
    // A mistake inside a Markdown code block is not prose; outside it is.
    let md = format!("# 报告\n\n```\n{DOUBLED}```\n\n{RATE}");
    reportlint(dir.path())
        .args([
            "check",
            "--input-format",
            "markdown",
            "--format",
            "concise",
            "-",
        ])
        .write_stdin(md.clone())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("percent/rate-above-100"))
        .stdout(predicate::str::contains("magnitude/doubled").not());
    // Read as plain text, the code block counts.
    reportlint(dir.path())
        .args([
            "check",
            "--input-format",
            "text",
            "--format",
            "concise",
            "-",
        ])
        .write_stdin(md)
        .assert()
        .stdout(predicate::str::contains("magnitude/doubled"));
    // GBK bytes, detected and forced.
    let (gbk, _, _) = encoding_rs::GBK.encode(DOUBLED);
    let p = dir.path().join("gbk.txt");
    std::fs::write(&p, &gbk).unwrap();
    for extra in [None, Some("gbk")] {
        let mut cmd = reportlint(dir.path());
        cmd.args(["check", "--format", "concise"]);
        if let Some(e) = extra {
            cmd.args(["--encoding", e]);
        }
        cmd.arg("gbk.txt")
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "gbk.txt:1:11: error[magnitude/doubled]",
            ));
    }
    reportlint(dir.path())
        .args(["check", "--encoding", "no-such-encoding", "gbk.txt"])
        .assert()
        .code(2);
}

#[test]
fn docx_findings_carry_a_locator() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/input_report.docx");
    let out = Command::cargo_bin("reportlint")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(&fixture)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "magnitude/doubled")
        .expect("the planted doubled magnitude");
    assert_eq!(f["locator"], "第3段");
}
