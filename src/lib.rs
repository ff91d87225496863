//! reportlint: a linter for numeric and structural mistakes in reports.
//!
//! The pipeline has one module per stage:
//! [`document`] (load) → [`segment`] (paragraphs, sentences, sections) →
//! [`claims`] (numeric claims, from the pest grammar in `grammar/claims.pest`) →
//! [`rules`] (YAML rules, one file per rule kind) → [`render`] (miette, JSON).
//!
//! ```
//! use reportlint::{Document, Linter};
//!
//! let doc = Document::from_text("report.txt", "全年完成固定资产投资62.51亿万元，增长5.1%。");
//! let findings = Linter::builtin().lint(&doc).findings;
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].rule, "magnitude/doubled");
//! assert_eq!(&doc.text[findings[0].span.start..findings[0].span.end], "62.51亿万元");
//! ```

// Output goes through functions that tolerate a closed pipe (`cli::say`,
// `cli::out`), never through print!/eprint!, which panic on EPIPE.
#![deny(clippy::print_stdout, clippy::print_stderr)]
// Unit tests slice spans directly on purpose: a wrong span must fail the test,
// not be rounded to a char boundary. The library itself is checked without this.
#![cfg_attr(test, allow(clippy::string_slice))]

pub mod annotate;
pub mod baseline;
pub mod check;
pub mod claims;
pub mod cli;
pub mod config;
pub mod document;
pub mod finding;
pub mod fix;
pub mod input;
pub mod knowledge;
pub mod lint;
pub mod progress;
pub mod relations;
pub mod render;
pub mod rules;
pub mod segment;
pub mod span;
pub mod suppress;
pub mod template;

pub use document::Document;
pub use finding::{Finding, Label, Severity};
pub use lint::Linter;
pub use span::Span;
