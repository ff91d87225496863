//! Knowledge as data: what the rules know about indicators and words, kept in
//! YAML that a user can read and extend, not in Rust.
//!
//! Any rule file may carry a `knowledge:` section next to (or instead of) its
//! `rules:`. The built-in knowledge ([`BUILTIN`], files under `rules/`) is
//! always loaded first; every rule file read after it (the built-in rule
//! files, then the user's) extends it, in order. Each section says in its own
//! docs how two files combine (lists are appended, named entries of a later
//! file replace those of an earlier one).
//!
//! ```yaml
//! knowledge:
//!   words:
//!     per-capita: [人均, 户均]      # a named class of words, used by the rules
//! ```
//!
//! Adding a section: a file `src/knowledge/<section>.rs` with a type that
//! implements [`Section`], one field in [`Knowledge`] and one line in
//! [`Knowledge::extend`]; its schema in `docs/schema/generate.py`
//! (`KNOWLEDGE`, then run it); document it in `docs/knowledge.md`.
//!
//! Sections that match words compile their matchers once, on first use, and
//! keep them (a rule set's knowledge is fixed once its files are read): see
//! [`Words::matcher`] and [`Rates::classify`].

pub mod rates;
pub mod scales;
pub mod words;

use std::sync::OnceLock;

use serde::Deserialize;

pub use rates::Rates;
pub use scales::Scales;
pub use words::Words;

/// The built-in knowledge files, embedded in the binary, in load order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "builtin:rules/lexicon.yaml",
        include_str!("../../rules/lexicon.yaml"),
    ),
    (
        "builtin:rules/rates.yaml",
        include_str!("../../rules/rates.yaml"),
    ),
    (
        "builtin:rules/scales.yaml",
        include_str!("../../rules/scales.yaml"),
    ),
];

/// One section of the knowledge: how a later file's section combines with the
/// sections read before it.
pub trait Section: Default {
    /// Add `later` (read after `self`) to `self`.
    fn extend(&mut self, later: Self);
}

/// Everything the rules know, merged from the built-in files and the rule
/// files read after them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knowledge {
    /// Named classes of words (see [`words`]).
    #[serde(default)]
    pub words: Words,
    /// Which percentages are bounded, and by what (see [`rates`]).
    #[serde(default)]
    pub rates: Rates,
    /// The usual order of magnitude of common indicators (see [`scales`]).
    #[serde(default)]
    pub scales: Scales,
}

impl Knowledge {
    /// Add the knowledge of a file read after the ones already merged.
    pub fn extend(&mut self, later: Knowledge) {
        self.words.extend(later.words);
        self.rates.extend(later.rates);
        self.scales.extend(later.scales);
    }

    /// The built-in knowledge alone, parsed once.
    pub fn builtin() -> &'static Knowledge {
        static BUILT: OnceLock<Knowledge> = OnceLock::new();
        BUILT.get_or_init(|| {
            let mut k = Knowledge::default();
            for (name, text) in BUILTIN {
                let file: KnowledgeFile = serde_saphyr::from_str(text)
                    .unwrap_or_else(|e| panic!("{name} is valid (tested): {e}"));
                k.extend(file.knowledge);
            }
            k
        })
    }
}

/// A file that holds only knowledge (the built-in ones).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnowledgeFile {
    #[serde(default)]
    knowledge: Knowledge,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_knowledge_loads() {
        let k = Knowledge::builtin();
        assert!(!k.words.get("per-capita").is_empty());
    }

    #[test]
    fn later_files_extend_earlier_ones() {
        let mut k: Knowledge =
            serde_saphyr::from_str("words:\n  per-capita: [人均]\n  hedge: [约]\n").unwrap();
        let later: Knowledge = serde_saphyr::from_str("words:\n  per-capita: [户均]\n").unwrap();
        k.extend(later);
        assert_eq!(k.words.get("per-capita"), ["人均", "户均"]);
        assert_eq!(k.words.get("hedge"), ["约"]);
        assert!(k.words.get("nothing").is_empty());
    }

    #[test]
    fn unknown_sections_are_errors() {
        let r: Result<Knowledge, _> = serde_saphyr::from_str("wrds:\n  a: [b]\n");
        assert!(r.is_err());
    }
}
