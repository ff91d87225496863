//! reportlint: a linter for numeric and structural mistakes in reports.
//!
//! The pipeline has one module per stage:
//! [`document`] (load) → [`segment`] (paragraphs, sentences, sections) →
//! [`claims`] (numeric claims, from the pest grammar in `grammar/claims.pest`) →
//! [`rules`] (YAML rules, one file per rule kind) → [`render`] (miette, JSON).

pub mod baseline;
pub mod check;
pub mod claims;
pub mod cli;
pub mod config;
pub mod document;
pub mod finding;
pub mod fix;
pub mod input;
pub mod lint;
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
