//! External programs some tests drive when they are installed: headless
//! Chromium (the HTML review page) and LibreOffice (annotated DOCX files).
//! Where one is missing the test says so on stderr and passes; `.ci/run`
//! installs both, so CI always runs these checks.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The first of `names` found on PATH.
fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// `found`, or a note that the test skips — or a failure where the tools are
/// required (`REPORTLINT_REQUIRE_TOOLS` is set by `.ci/run`, which installs them).
fn required(found: Option<PathBuf>, what: &str, install: &str) -> Option<PathBuf> {
    if found.is_none() {
        assert!(
            std::env::var_os("REPORTLINT_REQUIRE_TOOLS").is_none(),
            "{what} is required here (REPORTLINT_REQUIRE_TOOLS) but not installed"
        );
        eprintln!("skipping: {what} is not installed (apt-get install {install}; .ci/run does)");
    }
    found
}

/// Headless Chromium, or `None` with a note on stderr.
pub fn chromium() -> Option<PathBuf> {
    required(
        which(&[
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]),
        "Chromium",
        "chromium",
    )
}

/// LibreOffice's `soffice`, or `None` with a note on stderr.
pub fn soffice() -> Option<PathBuf> {
    required(
        which(&["soffice", "libreoffice"]),
        "LibreOffice",
        "libreoffice-writer-nogui",
    )
}

/// Run `cmd`, killing it after `limit`.
pub fn run_with_timeout(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    // Read the pipes on threads so a chatty child cannot block on a full pipe.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t1 = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut so, &mut v).ok();
        v
    });
    let t2 = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let s = child.wait().expect("wait");
            panic!("{cmd:?} took longer than {limit:?} ({s})");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t1.join().unwrap(),
        stderr: t2.join().unwrap(),
    }
}

/// Chromium with the switches a closed, shared machine needs; a fresh profile
/// in `profile`.
pub fn chromium_command(bin: &Path, profile: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Open `page` (a file, with `fragment`) in a fresh headless Chromium with
/// the extra switches `args`; its output, which must be a success.
pub fn open_page(bin: &Path, page: &Path, fragment: &str, args: &[String]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let url = format!(
        "file://{}{fragment}",
        page.canonicalize().unwrap().display()
    );
    let out = run_with_timeout(
        chromium_command(bin, profile.path()).args(args).arg(url),
        Duration::from_secs(120),
    );
    assert!(
        out.status.success(),
        "chromium {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The DOM of `page` (a file) after its scripts ran, as Chromium serializes it.
pub fn dump_dom(bin: &Path, page: &Path, fragment: &str) -> String {
    let out = open_page(bin, page, fragment, &["--dump-dom".into()]);
    String::from_utf8(out.stdout).expect("the DOM is UTF-8")
}

/// A PNG screenshot of `page` at `width`×`height`.
pub fn screenshot(bin: &Path, page: &Path, fragment: &str, png: &Path, size: (u32, u32)) {
    open_page(
        bin,
        page,
        fragment,
        &[
            format!("--window-size={},{}", size.0, size.1),
            format!("--screenshot={}", png.display()),
        ],
    );
}
