//! `scales:` the usual order of magnitude of common indicators, per level of
//! government, and how a document's level is read.
//!
//! A county does not have a 地区生产总值 of 372 元, nor a country 1,310 new urban
//! jobs: for common aggregate indicators the unit and the range of values
//! (as powers of ten of the unit) are known per level (national, province,
//! city, county). A figure far below its indicator's range, which 万 or 亿
//! would put inside it, has likely lost its magnitude (`magnitude/missing`).
//!
//! ```yaml
//! knowledge:
//!   scales:
//!     levels:
//!       - level: city
//!         name: 市级                 # how messages name it
//!         title: [市, 州, 地区]      # words in the title (first lines)
//!         scope: [全市, 全州]        # words for the whole area in the text
//!     indicators:
//!       - names: [地区生产总值]     # the end of the indicator's name
//!         unit: 元
//!         orders: {national: [13, 15], city: [10, 13]}   # 10^10 … 10^13 元
//! ```
//!
//! A document's level is the level of the first title word in its first
//! three non-empty lines (the earliest word in the line; 自治区 over 区, 地区
//! over 区), unless the text names another level's whole area (全市 …) at
//! least [`SCOPE_MIN`] times in its opening pages ([`SCOPE_BYTES`]) and the
//! title's never. A later file's levels and
//! indicators are appended; for an indicator name the entry with the longest
//! matching name wins, a later one on a tie.

use crate::span::Cut;
use std::collections::BTreeMap;

use serde::Deserialize;

use super::Section;

/// How often a scope word must occur to overrule the title.
pub const SCOPE_MIN: usize = 5;
/// Scope words are counted in this many bytes at the start of the text.
pub const SCOPE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scales {
    /// Levels of government, most general first, and how to recognise them.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Indicators and their usual orders of magnitude per level.
    #[serde(default)]
    pub indicators: Vec<Scale>,
}

/// A level of government (national, province, city, county …).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub level: String,
    /// How messages name the level (市级); the `level` id when not given.
    #[serde(default)]
    pub name: Option<String>,
    /// Words in a document's title that name this level (省, 市 …).
    #[serde(default)]
    pub title: Vec<String>,
    /// Words for the whole area of this level in the text (全省, 全市 …).
    #[serde(default)]
    pub scope: Vec<String>,
}

/// One indicator's unit and usual range per level.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Ends of indicator names (地区生产总值 matches 全市地区生产总值).
    pub names: Vec<String>,
    /// The canonical unit (元, 人, 平方米, 吨 …) the range is in.
    pub unit: String,
    /// Level → [lowest, highest] power of ten of the unit.
    #[serde(default)]
    pub orders: BTreeMap<String, [f64; 2]>,
}

impl Scales {
    /// The level of a document, read from its title and its scope words.
    pub fn level_of(&self, text: &str) -> Option<&str> {
        let head = head_of(text, 4096);
        let title = head
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(3)
            .find_map(|line| {
                let line = head_of(line, 240);
                self.levels
                    .iter()
                    .flat_map(|lv| lv.title.iter().map(move |w| (lv, w)))
                    .filter(|(_, w)| !w.is_empty())
                    .filter_map(|(lv, w)| line.find(w.as_str()).map(|i| (i, w.len(), lv)))
                    .min_by_key(|&(i, len, _)| (i, std::cmp::Reverse(len)))
                    .map(|(_, _, lv)| lv)
            });
        // The scope words of the opening pages are enough, and keep this cheap.
        let opening = head_of(text, SCOPE_BYTES);
        let count = |lv: &Level| -> usize {
            lv.scope
                .iter()
                .filter(|w| !w.is_empty())
                .map(|w| opening.matches(w.as_str()).count())
                .sum()
        };
        let scoped = self
            .levels
            .iter()
            .map(|lv| (count(lv), lv))
            .max_by_key(|&(n, _)| n)
            .filter(|&(n, _)| n >= SCOPE_MIN);
        match (title, scoped) {
            (Some(t), Some((_, s))) if count(t) == 0 => Some(s.level.as_str()),
            (Some(t), _) => Some(t.level.as_str()),
            (None, Some((_, s))) => Some(s.level.as_str()),
            (None, None) => None,
        }
    }

    /// How messages name level `level` (市级), or the id itself.
    pub fn level_name<'a>(&'a self, level: &'a str) -> &'a str {
        self.levels
            .iter()
            .rev()
            .find(|l| l.level == level)
            .and_then(|l| l.name.as_deref())
            .unwrap_or(level)
    }

    /// The usual range (lowest, highest power of ten) of an indicator whose
    /// name (key) is `name`, measured in `unit`, at `level`.
    pub fn orders(&self, name: &str, unit: &str, level: &str) -> Option<[f64; 2]> {
        self.entry(name, unit)
            .and_then(|s| s.orders.get(level).copied())
    }

    /// The entry for an indicator whose name (key) is `name`, measured in
    /// `unit`: the longest matching name wins, a later entry on a tie.
    pub fn entry(&self, name: &str, unit: &str) -> Option<&Scale> {
        let mut best: Option<(usize, &Scale)> = None;
        for s in &self.indicators {
            if s.unit != unit {
                continue;
            }
            for n in &s.names {
                if !n.is_empty()
                    && name.ends_with(n.as_str())
                    && best.is_none_or(|b| n.len() >= b.0)
                {
                    best = Some((n.len(), s));
                }
            }
        }
        best.map(|(_, s)| s)
    }
}

/// At most `max` bytes of `text`, cut on a char boundary.
fn head_of(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.cut(..end)
}

impl Section for Scales {
    fn extend(&mut self, later: Self) {
        self.levels.extend(later.levels);
        self.indicators.extend(later.indicators);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scales() -> Scales {
        serde_saphyr::from_str(
            "levels:\n  - level: national\n    title: [国务院]\n    scope: [全国]\n  - level: province\n    title: [省, 自治区]\n    scope: [全省]\n  - level: city\n    title: [市, 地区]\n    scope: [全市]\n  - level: county\n    title: [县, 区]\n    scope: [全县, 全区]\nindicators:\n  - names: [生产总值]\n    unit: 元\n    orders: {city: [10, 13]}\n  - names: [地区生产总值]\n    unit: 元\n    orders: {city: [9, 13]}\n",
        )
        .unwrap()
    }

    #[test]
    fn the_title_gives_the_level() {
        let s = scales();
        assert_eq!(
            s.level_of("某某市2025年统计公报\n发布机构：某某省统计局\n"),
            Some("city")
        );
        assert_eq!(s.level_of("某某自治区财政报告\n"), Some("province"));
        assert_eq!(s.level_of("某某地区统计公报\n"), Some("city"));
        assert_eq!(
            s.level_of("各位代表：\n现在，我代表国务院作报告。\n"),
            Some("national")
        );
        assert_eq!(s.level_of("报告\n正文没有层级。\n"), None);
    }

    #[test]
    fn scope_words_overrule_a_title_they_never_name() {
        let s = scales();
        let body = "全市".repeat(SCOPE_MIN);
        assert_eq!(s.level_of(&format!("某县级统计公报\n{body}")), Some("city"));
        let body = format!("{}全县", "全市".repeat(SCOPE_MIN));
        assert_eq!(s.level_of(&format!("某县统计公报\n{body}")), Some("county"));
        assert_eq!(s.level_of(&format!("工作报告\n{body}")), Some("city"));
    }

    #[test]
    fn the_longest_name_wins() {
        let s = scales();
        assert_eq!(
            s.orders("全市地区生产总值", "元", "city"),
            Some([9.0, 13.0])
        );
        assert_eq!(s.orders("国内生产总值", "元", "city"), Some([10.0, 13.0]));
        assert_eq!(s.orders("地区生产总值", "人", "city"), None);
        assert_eq!(s.orders("地区生产总值", "元", "national"), None);
    }
}
