//! Stage 5: render findings. `human` uses miette's graphical handler over a
//! windowed view of the document; `json` is the stable machine format.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod summary;

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
