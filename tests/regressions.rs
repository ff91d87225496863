//! Regression tests for the crashes and data losses of issue 8, one per
//! defect (positives and negatives), through the command line as a user
//! meets them.

#![allow(clippy::string_slice)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_reportlint"))
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A paragraph of 23 short sentences after one ASCII letter: a duplicate of
/// more than 600 bytes whose 600-byte cut lands inside a character.
fn long_duplicate() -> String {
    let para = format!("a{}", "各项工作稳步推进。".repeat(23));
    format!("{para}\n\n{para}\n")
}

fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    false
}

// Item 1: baseline fingerprints cut inside a character.

#[test]
fn sarif_and_baselines_survive_findings_longer_than_600_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_duplicate();
    // The copy starts after the blank line; 600 bytes on is inside a character.
    let copy = text.find("\n\na").unwrap() + 2;
    assert!(!text.is_char_boundary(copy + 600));
    write(dir.path(), "dup.txt", &text);
    write(dir.path(), "other.txt", "投资62.51亿万元。\n");
    let (code, out, err) = run(dir.path(), &["check", "--format", "sarif", "."]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "duplicate/block"),
        "{out}"
    );
    assert!(results.iter().any(|r| r["ruleId"] == "magnitude/doubled"));
    // Baseline written, then everything known: exit 0.
    let (code, _, err) = run(dir.path(), &["check", ".", "--write-baseline", "b.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded 2 findings"), "{err}");
    let (code, out, err) = run(dir.path(), &["check", ".", "--baseline", "b.json"]);
    assert_eq!(code, 0, "{out}{err}");
    // One finding: singular.
    std::fs::remove_file(dir.path().join("dup.txt")).unwrap();
    let (_, _, err) = run(dir.path(), &["check", ".", "--write-baseline", "c.json"]);
    assert!(err.contains("recorded 1 finding in"), "{err}");
}

#[test]
fn sarif_on_the_reference_report() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let report = corpus.join("gongshu_2014_work_report.txt");
    let (code, out, err) = run(
        Path::new("."),
        &["check", "--format", "sarif", report.to_str().unwrap()],
    );
    assert!(code == 0 || code == 1, "{code}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
}

// Item 2: --fix must not delete markup, and must settle in one run.

#[test]
fn fix_never_touches_markup_and_settles_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<p>增长<b>7.9%</b>%。</p>\n";
    let md = "增长**7.9%**%。\n";
    let triple = "全年增长7.9%%%。\n";
    let plain_md = "增长**7.9%%**。\n";
    write(dir.path(), "a.html", html);
    write(dir.path(), "b.md", md);
    write(dir.path(), "c.txt", triple);
    write(dir.path(), "d.md", plain_md);
    let (_, out, err) = run(dir.path(), &["check", "--fix", "--format", "concise", "."]);
    // The markup files are untouched; their findings are still reported.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.html")).unwrap(),
        html
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.md")).unwrap(),
        md
    );
    assert!(out.contains("a.html") && out.contains("b.md"), "{out}{err}");
    // Three percent signs: fixed in one run, to the end.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("c.txt")).unwrap(),
        "全年增长7.9%。\n"
    );
    // A fix inside bold text changes only the text.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("d.md")).unwrap(),
        "增长**7.9%**。\n"
    );
    // A second run changes nothing.
    let (code, out, _) = run(dir.path(), &["check", "--diff", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.is_empty(), "{out}");
}

// Item 3: --fix through symbolic links, keeping owner, mode and hard links.

#[cfg(unix)]
#[test]
fn fix_writes_through_links_and_keeps_owner_mode_and_hard_links() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let real = write(d, "real.txt", "增长7.9%%。\n");
    symlink("real.txt", d.join("link.txt")).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let owner = if is_root() {
        std::os::unix::fs::chown(&real, Some(4242), Some(4343)).unwrap();
        (4242, 4343)
    } else {
        let m = std::fs::metadata(&real).unwrap();
        (m.uid(), m.gid())
    };
    let (code, _, err) = run(d, &["check", "--fix", "link.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::symlink_metadata(d.join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "增长7.9%。\n");
    let m = std::fs::metadata(&real).unwrap();
    assert_eq!(m.mode() & 0o7777, 0o640);
    assert_eq!((m.uid(), m.gid()), owner);

    // Hard links: every name sees the fix, and they stay one file.
    let a = write(d, "a.txt", "投资增长7.9%%。\n");
    std::fs::hard_link(&a, d.join("b.txt")).unwrap();
    let (code, _, err) = run(d, &["check", "--fix", "a.txt"]);
    assert_eq!(code, 0, "{err}");
    let (ma, mb) = (
        std::fs::metadata(&a).unwrap(),
        std::fs::metadata(d.join("b.txt")).unwrap(),
    );
    assert_eq!(ma.ino(), mb.ino());
    assert_eq!(ma.nlink(), 2);
    assert_eq!(
        std::fs::read_to_string(d.join("b.txt")).unwrap(),
        "投资增长7.9%。\n"
    );
    // A plain file is replaced atomically and keeps its mode.
    let p = write(d, "p.txt", "增长7.9%%。\n");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    run(d, &["check", "--fix", "p.txt"]);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "增长7.9%。\n");
    assert_eq!(std::fs::metadata(&p).unwrap().mode() & 0o7777, 0o600);
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("reportlint"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// Item 4: a closed stderr (or stdout) is not a crash.

#[cfg(unix)]
#[test]
fn closed_stderr_and_stdout_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "投资62.51亿万元。\n".repeat(200));
    for round in 0..6 {
        for close in ["stderr", "stdout", "both"] {
            let mut child = Command::new(bin())
                .args(["check", "a.txt", "missing.txt", "--fix"])
                .current_dir(dir.path())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            // Close the read ends at once: every write gets EPIPE.
            if close != "stdout" {
                drop(child.stderr.take());
            }
            if close != "stderr" {
                drop(child.stdout.take());
            }
            // Read what is still open (a full pipe would block the child).
            let status = child.wait_with_output().unwrap().status;
            assert_eq!(status.code(), Some(2), "round {round}, closed {close}");
            // Put the fixable text back for the next round.
            write(dir.path(), "a.txt", "投资62.51亿万元。\n".repeat(200));
        }
    }
}

// Item 5: a failed fix write is reported as such.

#[cfg(unix)]
#[test]
fn failed_fix_writes_are_reported_and_findings_kept() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("docs");
    std::fs::create_dir(&d).unwrap();
    let f = write(&d, "r.txt", "增长7.9%%。投资62.51亿万元。\n");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = Command::new(bin());
    cmd.args(["check", "--fix", "--format", "json", "docs/r.txt"])
        .current_dir(dir.path());
    if is_root() {
        // Root may write anywhere: run as nobody, for whom the file is read-only.
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("cannot write fixes"), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{stdout}");
    assert_eq!(v["errors"][0]["kind"], "write");
    // The findings are still reported (nothing was fixed).
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"pattern/percent-percent"), "{rules:?}");
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "增长7.9%%。投资62.51亿万元。\n"
    );
    // Human output names the failure, not "could not be read".
    let mut cmd = Command::new(bin());
    cmd.args(["check", "--fix", "--format", "concise", "docs/r.txt"])
        .current_dir(dir.path());
    if is_root() {
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("in 1 file; fixes could not be written to 1 file"),
        "{stdout}"
    );
    assert!(stdout.contains("percent-percent"), "{stdout}");
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn fixes_in_gbk_files_are_announced_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = encoding_rs::GBK
        .encode("全年完成投资增长7.9%%，各项工作稳步推进。\n")
        .0
        .into_owned();
    let p = write(dir.path(), "g.txt", &gbk);
    let (code, _, err) = run(dir.path(), &["check", "--fix", "g.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("1 fix not applied") && err.contains("UTF-8"),
        "{err}"
    );
    assert_eq!(std::fs::read(&p).unwrap(), gbk);
}

// Item 6: input limits.

#[test]
fn inputs_past_the_limit_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", "增长7.9%。\n".repeat(200));
    write(dir.path(), "ok.txt", "投资62.51亿万元。\n");
    let (code, out, err) = run(
        dir.path(),
        &["check", "--max-file-size", "1K", "big.txt", "ok.txt"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("too large") && err.contains("--max-file-size"),
        "{err}"
    );
    // The other file is still linted.
    assert!(out.contains("magnitude/doubled"), "{out}");
    // Under the limit: read.
    let (code, _, err) = run(dir.path(), &["check", "--max-file-size", "1M", "big.txt"]);
    assert_eq!(code, 0, "{err}");
    // The default limit: a sparse 65 MiB file is refused before it is read.
    let f = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    f.set_len(65 << 20).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "huge.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("64 MiB"), "{err}");
    // Bad sizes are usage errors.
    let (code, _, _) = run(dir.path(), &["check", "--max-file-size", "12X", "ok.txt"]);
    assert_eq!(code, 2);
}

#[test]
fn standard_input_past_the_limit_is_refused() {
    use std::io::Write;
    let mut child = Command::new(bin())
        .args(["check", "--max-file-size", "64K", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = "增长7.9%。\n".repeat(1000);
        for _ in 0..20 {
            if stdin.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
}

#[test]
fn a_docx_zip_bomb_is_refused() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..3 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 64 << 10);
    let (code, _, err) = run(dir.path(), &["check", "--max-file-size", "2M", "bomb.docx"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("word/document.xml") && err.contains("too large"),
        "{err}"
    );
}

#[test]
fn binary_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0u8; 3 << 20];
    bytes[..8].copy_from_slice(b"\x89PNG\r\n\x1a\n");
    write(dir.path(), "img.txt", &bytes);
    let (code, _, err) = run(dir.path(), &["check", "img.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("binary"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_argument_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let out = assert_cmd::Command::new(bin())
        .args(["check", "pipe.txt"])
        .current_dir(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("FIFO") && err.contains("check -"), "{err}");
}

// Item 8: messages.

#[test]
fn a_utf8_file_with_one_bad_byte_is_reported_as_utf8_at_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "各项工作稳步推进，全年增长百分之五。\n"
        .repeat(5)
        .into_bytes();
    let at = bytes.len() - 7;
    bytes.insert(at, 0xff);
    write(dir.path(), "bad.txt", &bytes);
    let (code, _, err) = run(dir.path(), &["check", "bad.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("not valid UTF-8") && err.contains(&format!("offset {at}")),
        "{err}"
    );
    assert!(!err.contains("not valid GBK"), "{err}");
}

#[test]
fn messages_carry_no_debug_text_and_name_each_problem_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "增长7.9%。\n");
    let (code, _, err) = run(
        dir.path(),
        &["check", "--severity", "nosuch/rule=error", "a.txt"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("nosuch/rule=error") && !err.contains("Some("),
        "{err}"
    );
    // A missing file: the reason once.
    let (code, _, err) = run(dir.path(), &["check", "missing.txt"]);
    assert_eq!(code, 2);
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
    // --threads 0 is a usage error.
    let (code, _, _) = run(dir.path(), &["check", "--threads", "0", "a.txt"]);
    assert_eq!(code, 2);
    let (code, _, _) = run(dir.path(), &["check", "--threads", "1", "a.txt"]);
    assert_eq!(code, 0);
}

#[test]
fn config_command_on_missing_paths_and_without_a_config() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(dir.path(), &["config", "/nonexistent/reportlint"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("/nonexistent"), "{err}");
    let (code, out, _) = run(dir.path(), &["config", "."]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["config_file"].is_null(), "{out}");
    write(dir.path(), "reportlint.yaml", "disable: [unit]\n");
    let (_, out, _) = run(dir.path(), &["config", "."]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["config_file"]
            .as_str()
            .unwrap()
            .ends_with("reportlint.yaml")
    );
}

#[test]
fn a_config_given_as_rules_and_rules_given_as_config_get_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "增长7.9%。\n");
    write(
        dir.path(),
        "cfg.yaml",
        "rules: [house.yaml]\ndisable: [unit]\n",
    );
    write(
        dir.path(),
        "house.yaml",
        "rules:\n  - id: house/x\n    kind: pattern\n    message: x\n    pattern: 'abc'\n",
    );
    let (code, _, err) = run(dir.path(), &["check", "--rules", "cfg.yaml", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("--config"), "{err}");
    let (code, _, err) = run(dir.path(), &["check", "--config", "house.yaml", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("--rules"), "{err}");
    // Used the right way round, both load.
    let (code, _, err) = run(dir.path(), &["check", "--config", "cfg.yaml", "a.txt"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn unknown_ids_in_suppression_comments_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "<!-- reportlint-disable-next-line magnitude/dobled -->\n投资62.51亿万元。\n",
    );
    write(
        dir.path(),
        "b.md",
        "<!-- reportlint-disable-next-line magnitude/doubled -->\n投资62.51亿万元。\n",
    );
    let (_, out, _) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert!(
        out.contains("a.md:1:6: warning[suppression/unknown-rule]"),
        "{out}"
    );
    assert!(out.contains("a.md:2:3: error[magnitude/doubled]"), "{out}");
    assert!(!out.contains("b.md"), "{out}");
}

#[test]
fn an_unclosed_markdown_comment_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "增长7.9%。\n\n<!-- 待定\n\n投资62.51亿万元。\n",
    );
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "a.md"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("a.md:3:1: warning[input/unclosed-comment]"),
        "{out}"
    );
}

#[test]
fn claims_json_prints_a_document_even_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(dir.path(), &["claims", "--format", "json", "missing.txt"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["claims"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["errors"][0]["kind"], "read");
    write(dir.path(), "a.txt", "增长7.9%。\n");
    let (code, out, _) = run(dir.path(), &["claims", "--format", "json", "a.txt"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["claims"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn json_counts_each_input_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "增长7.9%。\n");
    let (code, out, _) = run(
        dir.path(),
        &["check", "--format", "json", "a.txt", "missing.txt"],
    );
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["errors"][0]["kind"], "read");
}

#[test]
fn a_rule_file_past_the_yaml_limits_is_explained_in_words() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "增长7.9%。\n");
    write(
        dir.path(),
        "big.yaml",
        format!("disable: [{}]\n", "a,".repeat(300_000)),
    );
    let (code, _, err) = run(dir.path(), &["check", "--rules", "big.yaml", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("too large"), "{err}");
    assert!(
        !err.contains("Nodes {") && !err.contains("budget breached"),
        "{err}"
    );
}
