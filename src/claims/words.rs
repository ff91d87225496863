//! The words the claim extractor reads around a number, loaded once from
//! `rules/claim-words.yaml` (embedded in the binary). The grammar reads numerals,
//! the unit catalogue reads units; these lists decide what a number means from
//! its context: whether it is a quantity at all, whether it is approximate or a
//! bound, whether it states a change. Every list is documented in the YAML file.
//!
//! All lookups compare a handful of short words against a bounded slice of the
//! text next to the number, so they cost the same whatever the text's length.

use crate::span::Cut;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::Bound;

/// The vocabulary shipped with the binary.
pub const BUILTIN_YAML: &str = include_str!("../../rules/claim-words.yaml");

/// A word that qualifies a number standing next to it (约, 左右, 超过, 以上).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifier {
    pub word: String,
    /// Characters that, written right before the word, make it part of another
    /// word (节约 is not 约).
    #[serde(default)]
    pub not_after: Vec<String>,
    /// The word does not qualify a duration (近5年 = "the last five years").
    #[serde(default)]
    pub not_before_time: bool,
    /// The word does not count when a Chinese word other than 的 follows it
    /// (上下游).
    #[serde(default)]
    pub not_before_word: bool,
    /// For a comparison: which side of the number the figure lies on.
    #[serde(default)]
    pub bound: Option<Bound>,
}

impl Qualifier {
    /// True when `before` (the text right before the word) makes the word part of
    /// another word.
    pub fn blocked_by(&self, before: &str) -> bool {
        self.not_after.iter().any(|w| before.ends_with(w.as_str()))
    }
}

/// Words that say whether a number states a change.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectionWords {
    pub compared: Vec<String>,
    pub compared_prefix: Vec<String>,
    pub compared_with: Vec<String>,
    pub increase: Vec<String>,
    pub decrease: Vec<String>,
    pub more_after_compared: Vec<String>,
    pub less_after_compared: Vec<String>,
    pub single_char_not_after: Vec<String>,
    pub inherit_after: Vec<String>,
}

/// The whole vocabulary (see `rules/claim-words.yaml` for each list).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimWords {
    pub approx_before: Vec<Qualifier>,
    pub approx_after: Vec<Qualifier>,
    pub approx_after_open_ended: Vec<String>,
    pub compare_before: Vec<Qualifier>,
    pub compare_after: Vec<Qualifier>,
    pub range_joiners: Vec<String>,
    pub range_close: String,
    pub negative_before: Vec<Qualifier>,
    pub lone_one_units: Vec<String>,
    pub half_not_words: Vec<String>,
    pub tenths_not_words: Vec<String>,
    pub direction: DirectionWords,
    pub date_after: Vec<String>,
    pub day_duration_after: Vec<String>,
    pub designation_after: Vec<String>,
    pub edition_units: Vec<String>,
    pub edition_count_after: Vec<String>,
    pub year_units: Vec<String>,
    pub caption_before: Vec<String>,
    pub organisation_after: Vec<String>,
    pub organisation_not: Vec<String>,
    pub rank_before: Vec<Qualifier>,
    pub rank_units: Vec<String>,
    pub rank_context: Vec<String>,
    pub per_base_before: Vec<String>,
    pub session_marker: String,
    pub session_after: Vec<String>,
    pub calendar_before: Vec<String>,
    pub vague_before: Vec<Qualifier>,
    pub upwards_before: Vec<Qualifier>,
    pub magnitude_word_after: Vec<String>,
    pub programme_after: Vec<String>,
    pub multiple_word_after: Vec<String>,
    pub not_claims: Vec<String>,
    /// Built from `direction` when the file is loaded.
    #[serde(skip)]
    direction_re: Option<Regex>,
}

impl ClaimWords {
    /// The vocabulary from `rules/claim-words.yaml`, parsed once.
    pub fn builtin() -> &'static ClaimWords {
        static WORDS: OnceLock<ClaimWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            ClaimWords::from_yaml(BUILTIN_YAML).expect("rules/claim-words.yaml is valid")
        })
    }

    /// Parse a vocabulary in the format of `rules/claim-words.yaml`.
    pub fn from_yaml(s: &str) -> Result<Self, serde_saphyr::Error> {
        let mut w: ClaimWords = serde_saphyr::from_str(s)?;
        // Longest first, so that 不超过 wins over 超过 and 超.
        for list in [
            &mut w.approx_before,
            &mut w.approx_after,
            &mut w.compare_before,
            &mut w.compare_after,
            &mut w.negative_before,
        ] {
            list.sort_by_key(|q| std::cmp::Reverse(q.word.chars().count()));
        }
        w.direction_re = Some(direction_regex(&w.direction));
        Ok(w)
    }

    /// The regex that finds a direction phrase at the end of a look-behind window.
    /// Groups: `word` (the whole phrase), `inc` / `inc2` (an increase), else a decrease.
    pub fn direction_regex(&self) -> &Regex {
        self.direction_re
            .as_ref()
            .expect("built when the vocabulary is loaded")
    }

    /// `s` (the text right after a unit) starts with a 半 that adds a half.
    pub fn half_follows(&self, s: &str) -> bool {
        s.starts_with('半') && starts_with_any(&self.half_not_words, s).is_none()
    }

    /// A `not_claims` phrase that covers byte `at` of `text` (looked for within a
    /// few characters around it): 千家万户 covers the 万 of 万户.
    pub fn not_claim_around(&self, text: &str, at: usize) -> Option<&str> {
        let lo = text
            .cut(..at)
            .char_indices()
            .rev()
            .nth(3)
            .map_or(0, |(i, _)| i);
        let hi = text
            .cut(at..)
            .char_indices()
            .nth(4)
            .map_or(text.len(), |(i, _)| at + i);
        let window = text.cut(lo..hi);
        self.not_claims.iter().map(String::as_str).find(|p| {
            window
                .match_indices(p)
                .any(|(i, m)| lo + i <= at && at < lo + i + m.len())
        })
    }

    /// The `not_claims` phrase that `s` starts with, if any.
    pub fn not_claim_prefix(&self, s: &str) -> Option<&str> {
        starts_with_any(&self.not_claims, s)
    }
}

/// The longest word of `words` that `s` starts with.
pub fn starts_with_any<'w>(words: &'w [String], s: &str) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.starts_with(w.as_str()))
        .max_by_key(|w| w.len())
        .map(|w| w.as_str())
}

/// The longest word of `words` that `s` ends with.
pub fn ends_with_any<'w>(words: &'w [String], s: &str) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.ends_with(w.as_str()))
        .max_by_key(|w| w.len())
        .map(|w| w.as_str())
}

fn alternation(words: &[String]) -> String {
    let mut ws: Vec<&String> = words.iter().filter(|w| !w.is_empty()).collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    ws.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn direction_regex(d: &DirectionWords) -> Regex {
    let comp = format!(
        "(?:{}|(?:{})(?:{}|[0-9]{{4}}年(?:末|底)?))",
        alternation(&d.compared),
        alternation(&d.compared_prefix),
        alternation(&d.compared_with)
    );
    let inc = alternation(&d.increase);
    let dec = alternation(&d.decrease);
    let more = alternation(&d.more_after_compared);
    let less = alternation(&d.less_after_compared);
    Regex::new(&format!(
        "(?P<word>(?:{comp}(?:分别)?)?(?:(?P<inc>{inc})|(?P<dec>{dec}))|{comp}(?:(?P<inc2>{more})|(?P<dec2>{less})))(?:了)?(?:分别)?(?:达到|达)?[ 　]*$"
    ))
    .expect("direction regex from rules/claim-words.yaml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary_loads() {
        let w = ClaimWords::builtin();
        assert!(w.not_claim_prefix("四个全面从严治党").is_some());
        assert!(w.not_claim_prefix("四个项目").is_none());
        // Longest first.
        assert_eq!(w.compare_before[0].word.chars().count(), 3);
        let re = w.direction_regex();
        let caps = re.captures("比上年末增加").unwrap();
        assert_eq!(&caps["word"], "比上年末增加");
        assert!(caps.name("inc").is_some());
        let caps = re.captures("较2013年下降").unwrap();
        assert!(caps.name("dec").is_some());
        assert!(re.captures("比上年少").unwrap().name("dec2").is_some());
        assert!(re.captures("增加值").is_none());
    }

    #[test]
    fn qualifier_blocking() {
        let w = ClaimWords::builtin();
        let yue = w.approx_before.iter().find(|q| q.word == "约").unwrap();
        assert!(yue.blocked_by("全年节"));
        assert!(!yue.blocked_by("全年"));
        assert!(!yue.blocked_by(""));
    }

    #[test]
    fn lookups_pick_the_longest_word() {
        let ws: Vec<String> = ["以", "以上", "以上的"].map(String::from).to_vec();
        assert_eq!(starts_with_any(&ws, "以上的人"), Some("以上的"));
        assert_eq!(starts_with_any(&ws, "以内"), Some("以"));
        assert_eq!(ends_with_any(&ws, "在60岁以上"), Some("以上"));
        assert_eq!(starts_with_any(&ws, "内"), None);
    }

    #[test]
    fn unknown_fields_are_errors() {
        let bad = BUILTIN_YAML.replace("date_after:", "dates_after:");
        assert!(ClaimWords::from_yaml(&bad).is_err());
    }
}
