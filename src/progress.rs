//! A progress bar on standard error for long runs (indicatif), shown only to
//! a person at a terminal: never when stderr is a pipe or a file, never in CI
//! (`CI` set) or on a dumb terminal, and not for short runs.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run is long from this many files …
pub const MANY_FILES: usize = 20;
/// … or from this many bytes of input.
pub const LARGE_INPUT: u64 = 4 * 1024 * 1024;

/// Whether a bar may be drawn at all: stderr is a terminal a person watches.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Whether a run over `files` files of `bytes` bytes is long enough for a bar.
pub fn is_long(files: usize, bytes: u64) -> bool {
    files >= MANY_FILES || bytes >= LARGE_INPUT
}

/// A progress bar over files, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for linting `paths` (plus `others` inputs such as standard
    /// input), when the run is long and a person is watching.
    pub fn for_files<'a>(paths: impl Iterator<Item = &'a Path>, others: usize) -> Self {
        if !wanted() {
            return Progress(None);
        }
        let (mut files, mut bytes) = (others, 0u64);
        for p in paths {
            files += 1;
            bytes += std::fs::metadata(p).map_or(0, |m| m.len());
        }
        if !is_long(files, bytes) {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} linting {pos}/{len} files {wide_bar} {elapsed} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        // Tick while a single large file is being linted.
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// One more file done.
    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// Take the bar off the screen.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }

    pub fn is_shown(&self) -> bool {
        self.0.is_some()
    }
}

/// A spinner with a message for one long step (annotating a large DOCX), or nothing.
pub fn spinner(message: &str, bytes: u64) -> Progress {
    if !wanted() || !is_long(1, bytes) {
        return Progress(None);
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    Progress(Some(bar))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs() {
        assert!(!is_long(1, 100_000));
        assert!(is_long(MANY_FILES, 0));
        assert!(is_long(1, LARGE_INPUT));
    }

    #[test]
    fn no_bar_without_a_terminal() {
        // Under `cargo test` stderr is captured (not a terminal), as in CI and pipes.
        if !std::io::stderr().is_terminal() {
            let p = Progress::for_files(std::iter::empty(), 1000);
            assert!(!p.is_shown());
            assert!(!spinner("x", u64::MAX).is_shown());
        }
    }
}
