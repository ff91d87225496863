//! The unit catalogue: canonical units, their dimensions and spellings, loaded
//! from `rules/units.yaml` (embedded in the binary). Lookup is a longest-prefix
//! match over at most [`UnitCatalog::max_alias_chars`] characters, so it costs
//! a handful of hash lookups whatever the text's length.

use crate::span::Cut;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

/// The catalogue shipped with the binary.
pub const BUILTIN_YAML: &str = include_str!("../../rules/units.yaml");

/// One unit: its canonical spelling, what it measures and its other spellings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UnitDef {
    /// Canonical spelling, e.g. 平方米 (reported as `Claim::unit`).
    pub unit: String,
    /// What it measures: money, area, people, ...
    pub dimension: String,
    /// Other spellings: 平米, ㎡ ...
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CatalogFile {
    units: Vec<UnitDef>,
    #[serde(default)]
    not_units: Vec<String>,
}

/// All known units, indexed by every spelling.
#[derive(Debug, Clone)]
pub struct UnitCatalog {
    units: Vec<UnitDef>,
    /// Spelling → index into `units`.
    by_spelling: FxHashMap<String, usize>,
    /// Longest spelling, in characters.
    max_chars: usize,
    /// Words that start with a unit spelling but are not units (批发, 支出).
    not_units: FxHashMap<String, ()>,
    /// Longest of `not_units`, in characters.
    not_units_max_chars: usize,
}

impl UnitCatalog {
    /// The catalogue from `rules/units.yaml`, parsed once.
    pub fn builtin() -> &'static UnitCatalog {
        static CATALOG: OnceLock<UnitCatalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            UnitCatalog::from_yaml(BUILTIN_YAML)
                .expect("rules/units.yaml is a valid unit catalogue")
        })
    }

    /// Parse a catalogue in the format of `rules/units.yaml`. When two units share a
    /// spelling, the first one listed wins.
    pub fn from_yaml(s: &str) -> Result<Self, serde_saphyr::Error> {
        let file: CatalogFile = serde_saphyr::from_str(s)?;
        Ok(Self::from_units(file.units, file.not_units))
    }

    fn from_units(units: Vec<UnitDef>, not_units: Vec<String>) -> Self {
        let mut by_spelling = FxHashMap::default();
        let mut max_chars = 0;
        for (i, u) in units.iter().enumerate() {
            for spelling in std::iter::once(&u.unit).chain(u.aliases.iter()) {
                let spelling = spelling.trim();
                if spelling.is_empty() {
                    continue;
                }
                max_chars = max_chars.max(spelling.chars().count());
                by_spelling.entry(spelling.to_string()).or_insert(i);
            }
        }
        let mut not_units_max_chars = 0;
        let not_units = not_units
            .into_iter()
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .map(|w| {
                not_units_max_chars = not_units_max_chars.max(w.chars().count());
                (w, ())
            })
            .collect();
        UnitCatalog {
            units,
            by_spelling,
            max_chars,
            not_units,
            not_units_max_chars,
        }
    }

    /// All units, in catalogue order.
    pub fn units(&self) -> &[UnitDef] {
        &self.units
    }

    /// The unit with this canonical spelling or alias.
    pub fn get(&self, spelling: &str) -> Option<&UnitDef> {
        self.by_spelling.get(spelling).map(|&i| &self.units[i])
    }

    /// Length of the longest spelling, in characters.
    pub fn max_alias_chars(&self) -> usize {
        self.max_chars
    }

    /// The longest unit spelling that `s` starts with: its length in bytes and the unit.
    /// A spelling that ends in an ASCII letter only counts when `s` does not go on with
    /// another ASCII letter (so `km` matches in `5km,` but not in `5kmh`). When `s`
    /// starts with a longer word from `not_units` (批发 for 批, 支出 for 支) there is
    /// no unit.
    pub fn longest_prefix(&self, s: &str) -> Option<(usize, &UnitDef)> {
        let (len, def) = self.longest_spelling(s)?;
        if self.not_unit_len(s) > len {
            return None;
        }
        Some((len, def))
    }

    /// Bytes of the longest `not_units` word that `s` starts with (0 if none).
    fn not_unit_len(&self, s: &str) -> usize {
        let mut best = 0;
        for (n, (i, c)) in s.char_indices().enumerate() {
            if n >= self.not_units_max_chars {
                break;
            }
            let end = i + c.len_utf8();
            if self.not_units.contains_key(s.cut(..end)) {
                best = end;
            }
        }
        best
    }

    fn longest_spelling(&self, s: &str) -> Option<(usize, &UnitDef)> {
        // Byte offsets of the ends of the first `max_chars` characters.
        let mut ends: [usize; 24] = [0; 24];
        let mut n = 0;
        for (i, c) in s.char_indices() {
            if n == self.max_chars.min(ends.len()) {
                break;
            }
            ends[n] = i + c.len_utf8();
            n += 1;
        }
        for k in (0..n).rev() {
            let end = ends[k];
            let cand = s.cut(..end);
            if let Some(&i) = self.by_spelling.get(cand) {
                let last_ascii_alpha = cand.as_bytes()[end - 1].is_ascii_alphabetic();
                let next_ascii_alpha = s
                    .as_bytes()
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphabetic());
                if last_ascii_alpha && next_ascii_alpha {
                    continue;
                }
                return Some((end, &self.units[i]));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_loads() {
        let cat = UnitCatalog::builtin();
        assert!(cat.units().len() > 50);
        for u in [
            "元",
            "美元",
            "平方米",
            "平方公里",
            "千瓦时",
            "人次",
            "标准箱",
            "年",
        ] {
            assert!(cat.get(u).is_some(), "missing unit {u}");
        }
        assert_eq!(cat.get("平米").unwrap().unit, "平方米");
        assert_eq!(cat.get("㎡").unwrap().unit, "平方米");
        assert_eq!(cat.get("千米").unwrap().unit, "公里");
        assert_eq!(cat.get("元人民币").unwrap().unit, "元");
        assert_eq!(cat.get("件（人）次").unwrap().unit, "件(人)次");
        assert_eq!(cat.get("元").unwrap().dimension, "money");
        assert_eq!(cat.get("人次").unwrap().dimension, "trips");
        assert!(cat.get("万").is_none(), "magnitudes are not units");
        assert!(cat.get("亿元").is_none(), "magnitudes are not units");
    }

    #[test]
    fn longest_match_wins() {
        let cat = UnitCatalog::builtin();
        let m = |s: &'static str| {
            cat.longest_prefix(s)
                .map(|(n, u)| (&s[..n], u.unit.as_str()))
        };
        assert_eq!(m("千瓦时，"), Some(("千瓦时", "千瓦时")));
        assert_eq!(m("千瓦，"), Some(("千瓦", "千瓦")));
        assert_eq!(m("平方公里"), Some(("平方公里", "平方公里")));
        assert_eq!(m("平方米的"), Some(("平方米", "平方米")));
        assert_eq!(m("个月内"), Some(("个月", "个月")));
        assert_eq!(m("个项目"), Some(("个", "个")));
        assert_eq!(m("人次，"), Some(("人次", "人次")));
        assert_eq!(m("人，"), Some(("人", "人")));
        assert_eq!(m("元人民币"), Some(("元人民币", "元")));
        assert_eq!(m("吨标准煤"), Some(("吨标准煤", "吨标准煤")));
        assert_eq!(m("吨，"), Some(("吨", "吨")));
        assert_eq!(m("件(人)次"), Some(("件(人)次", "件(人)次")));
        assert_eq!(m("km，"), Some(("km", "公里")));
        assert_eq!(m("kmh"), None);
        assert_eq!(m("批"), Some(("批", "批")));
        assert_eq!(m("批发和零售业"), None, "批发 is a word, not the unit 批");
        assert_eq!(m("支出"), None);
        assert_eq!(m("增长"), None);
        assert_eq!(m(""), None);
    }

    #[test]
    fn from_yaml_reads_the_format() {
        let cat = UnitCatalog::from_yaml(
            "units:\n  - unit: 元\n    dimension: money\n  - unit: 米\n    dimension: length\n    aliases: [m]\n",
        )
        .unwrap();
        assert_eq!(cat.units().len(), 2);
        assert_eq!(cat.longest_prefix("m，").unwrap().1.unit, "米");
        assert!(UnitCatalog::from_yaml("units: 3").is_err());
    }
}
