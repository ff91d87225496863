//! `rates:` which percentages are proportions bounded by 100%, and the
//! reviewed classes of rate names that may pass 100% (or have another bound),
//! each with its reason.
//!
//! Every proportion — a name ending with one of `proportions` (…率, 比重, 占比,
//! 比例, 份额 …) — lies in [0, 100]%, unless its name ends with a word of one
//! of the `classes`: growth (增长率, 增速), completion against a plan (完成率,
//! 执行率), gross enrolment (毛入学率), debt ratios (负债率, 债务率), self-
//! sufficiency (自给率) … A class has a `limit` (the highest value it can
//! take, in percent) or none (no upper bound). When several words end at the
//! same place the longest wins: 毛入学率 (gross enrolment, no bound) over
//! 入学率 (enrolment, 130) over 率 (a proportion, 100).
//!
//! ```yaml
//! knowledge:
//!   rates:
//!     proportions: [率, 比重, 占比]
//!     classes:
//!       growth:
//!         reason: a change relative to a base can be any size
//!         words: [增长率, 增速]
//!     comparisons: [的]
//! ```
//!
//! A later file's `proportions` and `comparisons` are appended; a class of the
//! same name gets the later words appended, and its `reason` and `limit`
//! replaced when the later file gives them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use super::Section;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    /// Words that end the name of a proportion (a part of a whole, at most 100%).
    #[serde(default)]
    pub proportions: Vec<String>,
    /// Reviewed classes of rate names with another bound, or none.
    #[serde(default)]
    pub classes: BTreeMap<String, RateClass>,
    /// Text right before the figure that makes it a comparison with another
    /// value, not the rate itself (优良天数比例为全省平均水平的105%).
    #[serde(default)]
    pub comparisons: Vec<String>,
    #[serde(skip)]
    matcher: OnceLock<Matcher>,
}

/// One reviewed class of rate names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateClass {
    /// Why these rates are not bounded by 100% (shown by `reportlint` docs and
    /// kept next to the words so that the list can be reviewed).
    #[serde(default)]
    pub reason: Option<String>,
    /// The highest value (in percent) a rate of this class can take; none =
    /// no upper bound.
    #[serde(default)]
    pub limit: Option<f64>,
    /// Words that end the names of the class's rates.
    #[serde(default)]
    pub words: Vec<String>,
}

/// What a rate name is, as read by [`Rates::classify`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateMatch<'a> {
    /// Byte offset where the matched word ends (in the text given).
    pub end: usize,
    /// The word that matched.
    pub word: &'a str,
    /// The class, or `None` for a plain proportion.
    pub class: Option<&'a str>,
    /// The upper bound in percent, `None` when unbounded.
    pub limit: Option<f64>,
}

#[derive(Debug, Clone)]
struct Matcher {
    ac: Option<AhoCorasick>,
    /// For each pattern: (word, class or None for a proportion, limit).
    patterns: Vec<(String, Option<String>, Option<f64>)>,
    /// The lowest limit of any word.
    lowest: Option<f64>,
}

impl Rates {
    fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| {
            // A class word wins over the same word listed as a proportion.
            let mut by_word: BTreeMap<&str, (Option<String>, Option<f64>)> = BTreeMap::new();
            for w in &self.proportions {
                by_word.insert(w, (None, Some(100.0)));
            }
            for (name, class) in &self.classes {
                for w in &class.words {
                    by_word.insert(w, (Some(name.clone()), class.limit));
                }
            }
            let patterns: Vec<(String, Option<String>, Option<f64>)> = by_word
                .into_iter()
                .filter(|(w, _)| !w.is_empty())
                .map(|(w, (c, l))| (w.to_string(), c, l))
                .collect();
            let ac = (!patterns.is_empty()).then(|| {
                AhoCorasick::new(patterns.iter().map(|p| p.0.as_str()))
                    .expect("plain word lists always build")
            });
            let lowest = patterns
                .iter()
                .filter_map(|p| p.2)
                .min_by(|a, b| a.total_cmp(b));
            Matcher {
                ac,
                patterns,
                lowest,
            }
        })
    }

    /// The rate name that ends last in `text` (the words before a figure):
    /// the word that ends last, the longest of those that end there.
    pub fn classify(&self, text: &str) -> Option<RateMatch<'_>> {
        let m = self.matcher();
        let ac = m.ac.as_ref()?;
        let best = ac
            .find_overlapping_iter(text)
            .max_by_key(|x| (x.end(), x.end() - x.start()))?;
        let (word, class, limit) = &m.patterns[best.pattern().as_usize()];
        Some(RateMatch {
            end: best.end(),
            word,
            class: class.as_deref(),
            limit: *limit,
        })
    }

    /// The lowest bound of any rate (`None`: no rate is bounded): a figure at
    /// or below it is within every bound.
    pub fn lowest_limit(&self) -> Option<f64> {
        self.matcher().lowest
    }

    /// The reason given for class `name`.
    pub fn reason(&self, name: &str) -> Option<&str> {
        self.classes.get(name).and_then(|c| c.reason.as_deref())
    }

    /// Whether `between` (the text from a rate's name to its figure) ends
    /// with a comparison word: the figure is a ratio to another value.
    pub fn is_comparison(&self, between: &str) -> bool {
        let t = between.trim_end();
        self.comparisons.iter().any(|w| t.ends_with(w.as_str()))
    }
}

impl Section for Rates {
    fn extend(&mut self, later: Self) {
        self.proportions.extend(later.proportions);
        self.comparisons.extend(later.comparisons);
        for (name, class) in later.classes {
            let slot = self.classes.entry(name).or_default();
            slot.words.extend(class.words);
            if class.reason.is_some() {
                slot.reason = class.reason;
            }
            if class.limit.is_some() {
                slot.limit = class.limit;
            }
        }
        self.matcher = OnceLock::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(yaml: &str) -> Rates {
        serde_saphyr::from_str(yaml).unwrap()
    }

    const YAML: &str = "proportions: [率, 比重]\nclasses:\n  growth:\n    reason: r\n    words: [增长率]\n  enrolment:\n    limit: 130\n    words: [入学率]\n  gross:\n    words: [毛入学率]\ncomparisons: [的]\n";

    #[test]
    fn the_longest_word_ending_last_decides() {
        let r = rates(YAML);
        let m = r.classify("城镇调查失业率").unwrap();
        assert_eq!((m.word, m.class, m.limit), ("率", None, Some(100.0)));
        let m = r.classify("年均增长率").unwrap();
        assert_eq!((m.class, m.limit), (Some("growth"), None));
        let m = r.classify("小学入学率").unwrap();
        assert_eq!((m.class, m.limit), (Some("enrolment"), Some(130.0)));
        let m = r.classify("高中阶段毛入学率达到").unwrap();
        assert_eq!(
            (m.word, m.class, m.limit),
            ("毛入学率", Some("gross"), None)
        );
        // The name that ends last: 比重 after 增长率.
        let m = r.classify("增长率较高，服务业比重").unwrap();
        assert_eq!(m.word, "比重");
        assert!(r.classify("地区生产总值").is_none());
    }

    #[test]
    fn later_files_extend_classes_and_reset_the_matcher() {
        let mut r = rates(YAML);
        assert_eq!(r.classify("就业率").unwrap().class, None);
        r.extend(rates(
            "classes:\n  growth:\n    words: [就业率]\n  enrolment:\n    limit: 120\n",
        ));
        assert_eq!(r.classify("就业率").unwrap().class, Some("growth"));
        assert_eq!(r.reason("growth"), Some("r"));
        assert_eq!(r.classify("入学率").unwrap().limit, Some(120.0));
        assert!(r.is_comparison("为全省平均水平的"));
        assert!(!r.is_comparison("达到"));
    }
}
