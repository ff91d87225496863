//! `words:` named classes of words — per-capita markers (人均, 户均), hedges
//! (约, 左右), scope words (全市, 市本级) … — each a list the rules look up by
//! name. A later file's list for a name is appended to the earlier one.
//!
//! ```yaml
//! knowledge:
//!   words:
//!     per-capita: [人均, 户均, 每]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Section;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Words(BTreeMap<String, Vec<String>>);

impl Words {
    /// The words of class `name` (empty when no file defines it).
    pub fn get(&self, name: &str) -> &[String] {
        self.0.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The classes, by name.
    pub fn classes(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Whether `text` contains a word of class `name`.
    pub fn any_in(&self, name: &str, text: &str) -> bool {
        self.get(name).iter().any(|w| text.contains(w.as_str()))
    }

    /// Whether `text` ends with a word of class `name`.
    pub fn ends(&self, name: &str, text: &str) -> bool {
        self.get(name).iter().any(|w| text.ends_with(w.as_str()))
    }
}

impl Section for Words {
    fn extend(&mut self, later: Self) {
        for (name, words) in later.0 {
            self.0.entry(name).or_default().extend(words);
        }
    }
}
