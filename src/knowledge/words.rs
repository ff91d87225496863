//! `words:` named classes of words — per-capita markers (人均, 户均), hedges
//! (约, 左右), scope words (全市, 市本级) … — each a list the rules look up by
//! name. A later file's list for a name is appended to the earlier one.
//!
//! ```yaml
//! knowledge:
//!   words:
//!     per-capita: [人均, 户均, 每]
//! ```
//!
//! A rule that looks for the words of several classes at once asks for a
//! [`WordMatcher`] over those classes: an automaton compiled once per rule set
//! (and cached here), which finds the longest word at each place, so that a
//! longer word of one class (每年, a period) hides a shorter word of another
//! (每, per head).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::Section;

#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Words {
    classes: BTreeMap<String, Vec<String>>,
    /// Matchers compiled for sets of classes (see [`Words::matcher`]).
    #[serde(skip)]
    cache: Mutex<Vec<(Vec<String>, Arc<WordMatcher>)>>,
}

impl Clone for Words {
    fn clone(&self) -> Self {
        Words {
            classes: self.classes.clone(),
            cache: Mutex::default(),
        }
    }
}

impl Words {
    /// The words of class `name` (empty when no file defines it).
    pub fn get(&self, name: &str) -> &[String] {
        self.classes.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The classes, by name.
    pub fn classes(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.classes.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Whether `text` contains a word of class `name`.
    pub fn any_in(&self, name: &str, text: &str) -> bool {
        self.get(name).iter().any(|w| text.contains(w.as_str()))
    }

    /// Whether `text` ends with a word of class `name`.
    pub fn ends(&self, name: &str, text: &str) -> bool {
        self.get(name).iter().any(|w| text.ends_with(w.as_str()))
    }

    /// The word of class `name` that `text` ends with, the longest.
    pub fn ending(&self, name: &str, text: &str) -> Option<&str> {
        self.get(name)
            .iter()
            .filter(|w| !w.is_empty() && text.ends_with(w.as_str()))
            .max_by_key(|w| w.len())
            .map(String::as_str)
    }

    /// The word of class `name` that `text` starts with, the longest.
    pub fn starting(&self, name: &str, text: &str) -> Option<&str> {
        self.get(name)
            .iter()
            .filter(|w| !w.is_empty() && text.starts_with(w.as_str()))
            .max_by_key(|w| w.len())
            .map(String::as_str)
    }

    /// A matcher for the words of `classes`, compiled on first use and kept
    /// for the life of this knowledge (one per rule set).
    pub fn matcher(&self, classes: &[&str]) -> Arc<WordMatcher> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, m)) = cache
            .iter()
            .find(|(k, _)| k.iter().map(String::as_str).eq(classes.iter().copied()))
        {
            return Arc::clone(m);
        }
        let m = Arc::new(WordMatcher::new(self, classes));
        cache.push((
            classes.iter().map(|c| c.to_string()).collect(),
            Arc::clone(&m),
        ));
        m
    }
}

/// The words of some classes, found together: at each place the longest
/// word wins, whatever its class.
#[derive(Debug)]
pub struct WordMatcher {
    ac: Option<AhoCorasick>,
    /// For each pattern, the index (in the classes asked for) of its class;
    /// a word in several classes belongs to the first.
    class_of: Vec<usize>,
}

/// A word found by a [`WordMatcher`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index of the word's class in the classes the matcher was built for.
    pub class: usize,
    pub start: usize,
    pub end: usize,
}

impl WordMatcher {
    fn new(words: &Words, classes: &[&str]) -> Self {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, c) in classes.iter().enumerate() {
            for w in words.get(c) {
                if !w.is_empty() {
                    seen.entry(w.as_str()).or_insert(i);
                }
            }
        }
        let (patterns, class_of): (Vec<&str>, Vec<usize>) = seen.into_iter().unzip();
        let ac = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("plain word lists always build")
        });
        WordMatcher { ac, class_of }
    }

    /// The words in `text`, left to right, the longest at each place.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found> + 't {
        self.ac.iter().flat_map(move |ac| {
            ac.find_iter(text).map(|m| Found {
                class: self.class_of[m.pattern().as_usize()],
                start: m.start(),
                end: m.end(),
            })
        })
    }

    /// Whether `text` has a word of class `class` (an index into the classes
    /// the matcher was built for) that no longer word hides.
    pub fn has(&self, text: &str, class: usize) -> bool {
        self.find_iter(text).any(|f| f.class == class)
    }

    /// The word at the very start of `text`, if any.
    pub fn at_start(&self, text: &str) -> Option<Found> {
        self.find_iter(text).next().filter(|f| f.start == 0)
    }
}

impl Section for Words {
    fn extend(&mut self, later: Self) {
        for (name, words) in later.classes {
            self.classes.entry(name).or_default().extend(words);
        }
        self.cache = Mutex::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_word_hides_shorter_ones_of_other_classes() {
        let w: Words =
            serde_saphyr::from_str("per-capita: [人均, 每]\nperiod: [每年, 每月]\n").unwrap();
        let m = w.matcher(&["per-capita", "period"]);
        assert!(m.has("城镇居民人均可支配收入", 0));
        assert!(m.has("每户", 0));
        assert!(!m.has("每年增产原油", 0));
        assert!(m.has("每年增产原油", 1));
        // Compiled once: the same matcher is returned.
        assert!(Arc::ptr_eq(&m, &w.matcher(&["per-capita", "period"])));
        assert_eq!(m.at_start("每年").map(|f| (f.class, f.end)), Some((1, 6)));
        assert_eq!(w.ending("per-capita", "城镇居民人均"), Some("人均"));
    }
}
