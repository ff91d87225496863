//! Stage 5: render findings. `human` uses miette's graphical handler over a
//! windowed view of the document; `json` is the stable machine format.
//!
//! Every renderer is linear in the size of the input and the number of
//! findings, and writes as it goes: positions come from the document's
//! [`crate::span::LineIndex`] (never from scanning a line from its start),
//! and the JSON and SARIF documents are serialized finding by finding rather
//! than built as one tree in memory.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod summary;

use serde::Serialize;

use crate::document::Document;
use crate::finding::Finding;
use crate::span::Position;

/// Findings of one file, with the document they point into.
pub struct FileReport<'a> {
    pub doc: &'a Document,
    pub findings: &'a [Finding],
}

impl FileReport<'_> {
    pub fn position(&self, offset: usize) -> Position {
        self.doc.position(offset)
    }
}

/// What went wrong with one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// The file could not be read (not found, binary, too large, undecodable…):
    /// it was not linted.
    Read,
    /// The file was linted but its fixes could not be written back.
    Write,
}

/// An input that could not be read, or whose fixes could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    pub message: String,
    pub kind: ErrorKind,
}

impl InputError {
    pub fn read(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
            kind: ErrorKind::Read,
        }
    }
    pub fn write(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
            kind: ErrorKind::Write,
        }
    }
}

/// The closing line of the text formats: `3 findings in 2 files; 1 file could
/// not be read; fixes could not be written to 1 file`. `files` counts every
/// input once, read or not.
pub fn summary_line(findings: usize, files: usize, errors: &[InputError]) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut s = format!(
        "{} in {}",
        plural(findings, "finding", "findings"),
        plural(files, "file", "files")
    );
    let unread = errors.iter().filter(|e| e.kind == ErrorKind::Read).count();
    let unwritten = errors.iter().filter(|e| e.kind == ErrorKind::Write).count();
    if unread > 0 {
        s.push_str(&format!(
            "; {} could not be read",
            plural(unread, "file", "files")
        ));
    }
    if unwritten > 0 {
        s.push_str(&format!(
            "; fixes could not be written to {}",
            plural(unwritten, "file", "files")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_each_file_once_and_names_each_kind_of_error() {
        assert_eq!(summary_line(1, 1, &[]), "1 finding in 1 file");
        assert_eq!(summary_line(0, 3, &[]), "0 findings in 3 files");
        let errors = [InputError::read("a", "x"), InputError::write("b", "y")];
        assert_eq!(
            summary_line(2, 2, &errors),
            "2 findings in 2 files; 1 file could not be read; fixes could not be written to 1 file"
        );
    }
}
