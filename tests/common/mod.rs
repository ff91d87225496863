//! Shared by the tests that read the real reports in ../shared/corpus. Those
//! tests skip cleanly where the folder is absent (a user's clone has none).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/corpus`, or `None` (with a note on stderr) when it is absent.
pub fn corpus_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: {} not found", p.display());
        None
    }
}

/// The `.txt` files of `../shared/corpus/real`, sorted.
pub fn real_files() -> Option<Vec<PathBuf>> {
    let entries = std::fs::read_dir(corpus_dir()?.join("real")).ok()?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    Some(paths)
}

/// A linter with the built-in rules and knowledge, then the rule file `extra`
/// (read after them, as a user's file), keeping only the rule `id`.
pub fn linter_for(id: &str, extra: Option<&str>) -> reportlint::Linter {
    use reportlint::rules::{RuleSource, load_rules};
    let mut sources = RuleSource::builtin();
    if let Some(text) = extra {
        sources.push(RuleSource {
            name: "house.yaml".into(),
            text: text.into(),
        });
    }
    let mut set = load_rules(&sources).expect("rules load");
    set.rules.retain(|r| r.meta.id == id);
    assert_eq!(set.rules.len(), 1, "rule {id} exists");
    reportlint::Linter::new(set)
}
