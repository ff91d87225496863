//! The end of a human run: the one-screen summary; and the progress bar,
//! drawn only on a terminal.

#![allow(clippy::string_slice)] // tests slice exactly: a wrong span must fail

use std::path::Path;

use assert_cmd::Command;

fn reportlint() -> Command {
    let mut cmd = Command::cargo_bin("reportlint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `n` small reports in `dir`, every third with a doubled magnitude.
fn reports(dir: &Path, n: usize) {
    for i in 0..n {
        let text = if i % 3 == 0 {
            "全年完成固定资产投资62.51亿万元，增长5.1%。\n"
        } else {
            "全年实现地区生产总值372亿元，增长7.9%。\n"
        };
        std::fs::write(dir.join(format!("r{i:02}.txt")), text).unwrap();
    }
}

#[test]
fn human_output_ends_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    reports(dir.path(), 5);
    std::fs::write(dir.path().join("bad.txt"), b"\x00\x01\x02\x00 binary").unwrap();
    let out = reportlint().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let summary = &stdout[stdout.find("\nSummary\n").expect("a summary")..];
    assert!(summary.contains("\n  2 errors\n"), "{summary}");
    assert!(
        summary.contains("      2  error    magnitude/doubled\n"),
        "{summary}"
    );
    assert!(
        summary.contains("  files with findings: 2 of 5\n"),
        "{summary}"
    );
    assert!(summary.contains("r00.txt\n") && summary.contains("r03.txt\n"));
    assert!(summary.contains("  could not be read: 1\n"), "{summary}");
    assert!(summary.contains("bad.txt: "), "{summary}");
    assert!(
        // Every input counts once in the last line, read or not.
        summary.ends_with("2 findings in 6 files; 1 file could not be read\n"),
        "{summary}"
    );
    // The machine formats have no summary block.
    let out = reportlint()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("Summary"));
}

#[test]
fn no_progress_bar_in_pipes() {
    let dir = tempfile::tempdir().unwrap();
    reports(dir.path(), 30);
    let out = reportlint().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("linting"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// Through a pseudo-terminal (`script` from util-linux), a long run shows the bar.
#[test]
fn progress_bar_on_a_terminal() {
    let Ok(script) = which("script") else {
        eprintln!("skipping: `script` (util-linux) is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    reports(dir.path(), 30);
    let bin = assert_cmd::cargo::cargo_bin("reportlint");
    let command = format!(
        "{} check --format concise {} >/dev/null",
        bin.display(),
        dir.path().display()
    );
    let run = |ci: bool| {
        let mut c = std::process::Command::new(&script);
        c.args(["-qec", &command, "/dev/null"])
            .env("TERM", "xterm")
            .env_remove("CI");
        if ci {
            c.env("CI", "true");
        }
        let out = c.output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = run(false);
    assert!(
        shown.contains("linting") && shown.contains("/30 files"),
        "{shown:?}"
    );
    // In CI (even on a terminal) there is no bar.
    let ci = run(true);
    assert!(!ci.contains("linting"), "{ci:?}");
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    let path = std::env::var_os("PATH").ok_or(())?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}
