//! `magnitude`: figures whose order of magnitude cannot be right.
//!
//! - `check: missing` — a bare figure (68.9平方米, 36977元, 2.53人) that has
//!   likely lost its 万 or 亿: the evidence is weighed as a reader would (see
//!   docs/rules.md#magnitude):
//!   - *peers*: figures of the same unit written with 万 or 亿 in the same
//!     sentence, paragraph or nearby paragraphs, a thousand times larger,
//!     among which the figure would fall with 万 or 亿 added;
//!   - *the same indicator* stated elsewhere in the document with 万 or 亿;
//!   - *the indicator's usual scale* at the document's level (the
//!     knowledge's `scales:`; 城镇新增就业 in a national report);
//!   - *a fraction of a whole unit* (2.53人, 1.59户);
//!   - *a money aggregate* (…支出, …收入, …投资) in bare 元 in a report that
//!     writes its money in 万元 and 亿元;
//!   - *a range* whose other end has the magnitude (100元至300万元).
//!
//!   A figure is never reported when its name makes it small by nature
//!   (per head, per unit, a price, a standard: the knowledge's `words:`
//!   classes), or when other bare figures of its unit sit in its sentence or
//!   next to it (the writer uses small numbers here). Counts of whole units
//!   (people, households, flats) need stronger evidence than money or area,
//!   and generic counters (个, 项, 次) count too many different things for a
//!   peer to be evidence.
//! - `check: doubled` — a doubled magnitude such as 62.51亿万元 or 5万万元.

use crate::span::Cut;
use std::cell::{Cell, OnceCell};
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, RuleMeta, SpecError};
use crate::claims::Claim;
use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::relations::Role;

pub const KIND: &str = "magnitude";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MagnitudeCheck {
    Missing,
    Doubled,
}

fn default_window() -> usize {
    3
}
fn default_min_peers() -> usize {
    1
}
fn default_ratio() -> u64 {
    1000
}
fn default_spread() -> u64 {
    100
}
fn default_lookback() -> usize {
    60
}
fn default_bare_limit() -> u64 {
    1000
}

rule_spec! {
    /// See docs/rules.md#magnitude.
    pub struct Spec {
        pub check: MagnitudeCheck,
        /// `missing`: peers are looked for this many paragraphs before and after
        /// (0 = the whole document).
        #[serde(default = "default_window")]
        pub window: usize,
        /// `missing`: how many peers in nearby paragraphs are needed when they
        /// are the only evidence.
        #[serde(default = "default_min_peers")]
        pub min_peers: usize,
        /// `missing`: the figure must be at least this many times smaller than
        /// its peers (their geometric mean) or its indicator's usual range.
        #[serde(default = "default_ratio")]
        pub ratio: u64,
        /// `missing`: with 万 or 亿 added, the figure must fall within the
        /// peers' range widened by this factor on both sides.
        #[serde(default = "default_spread")]
        pub spread: u64,
        /// `missing`: only these dimensions (area, money, people ...); empty = all.
        #[serde(default)]
        pub dimensions: Vec<String>,
        /// `missing`: dimensions counted in whole units (people, households,
        /// flats …): a fraction is impossible, and peers alone are evidence only
        /// in the same sentence.
        #[serde(default)]
        pub whole: Vec<String>,
        /// `missing`: dimensions of generic counters (个, 项, 次 …) that count
        /// anything: a peer of the same unit may count another thing, so
        /// peers are not evidence.
        #[serde(default)]
        pub generic: Vec<String>,
        /// `missing`: how many characters back (to the previous figure or
        /// clause separator, across line breaks) the figure's name is read.
        #[serde(default = "default_lookback")]
        pub lookback: usize,
        /// `missing`: a bare figure of the same unit at least this large in the
        /// same or a neighbouring paragraph shows the writer does not use 万
        /// for it here: no finding.
        #[serde(default = "default_bare_limit")]
        pub bare_limit: u64,
        /// `missing`: the `{because}` text of the message for each kind of
        /// evidence (`peers`, `same`, `scale`, `fraction`, `aggregate`,
        /// `range`, `growth`), a template with `{peers}`, `{name}`, `{level}`,
        /// `{range}`, `{unit}`.
        #[serde(default)]
        pub because: BTreeMap<String, String>,
        /// `doubled`: doubled magnitudes that older texts wrote on purpose with
        /// Chinese numerals (六万万 = 6亿): reported only after Arabic digits.
        #[serde(default)]
        pub historical: Vec<String>,
        /// `doubled`: magnitudes as written that are doubled (亿万, 万万 ...).
        #[serde(default)]
        pub doubled: Vec<String>,
    }
}

const EVIDENCE: &[&str] = &[
    "peers",
    "same",
    "scale",
    "fraction",
    "aggregate",
    "range",
    "growth",
];

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.check == MagnitudeCheck::Doubled && spec.doubled.is_empty() {
        return Err(SpecError::at(
            &spec.kind,
            "`check: doubled` needs a non-empty `doubled` list",
        ));
    }
    if spec.min_peers == 0 || spec.ratio < 10 {
        return Err(SpecError::at(
            &spec.kind,
            "`min_peers` must be at least 1 and `ratio` at least 10",
        ));
    }
    if let Some(k) = spec
        .because
        .keys()
        .find(|k| !EVIDENCE.contains(&k.as_str()))
    {
        return Err(SpecError::at(
            &spec.kind,
            format!("`because` has an unknown kind of evidence `{k}`"),
        )
        .help(format!("the kinds are {}", EVIDENCE.join(", "))));
    }
    Ok(Box::new(Magnitude {
        check: spec.check,
        window: spec.window,
        min_peers: spec.min_peers,
        ratio: Decimal::from(spec.ratio),
        spread: Decimal::from(spec.spread.max(1)),
        dimensions: spec.dimensions,
        whole: spec.whole,
        generic: spec.generic,
        lookback: spec.lookback,
        bare_limit: Decimal::from(spec.bare_limit),
        because: spec.because,
        doubled: spec.doubled,
        historical: spec.historical,
    }))
}

#[derive(Debug)]
struct Magnitude {
    check: MagnitudeCheck,
    window: usize,
    min_peers: usize,
    ratio: Decimal,
    spread: Decimal,
    dimensions: Vec<String>,
    whole: Vec<String>,
    generic: Vec<String>,
    lookback: usize,
    bare_limit: Decimal,
    because: BTreeMap<String, String>,
    doubled: Vec<String>,
    historical: Vec<String>,
}

/// A peer is written with 万 or 亿 (so its writer thought in those units).
fn is_large_peer(c: &Claim) -> bool {
    c.is_quantity()
        && c.magnitude
            .as_deref()
            .is_some_and(|m| m.contains(['万', '亿']))
}

/// The figure is written with Arabic digits: a dropped 万 is a slip of such
/// writing, where the magnitude is a separate word (in 三十四万 it is spelt out).
fn arabic(c: &Claim) -> bool {
    c.number
        .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A figure that is a base of a rate, written as a word of the knowledge's
/// `denominators` (十万人 in 十万人生产安全事故死亡人数).
fn is_base(words: &crate::knowledge::Words, c: &Claim) -> bool {
    words.get("denominators").contains(&c.text)
}

fn log10(d: Decimal) -> f64 {
    d.to_f64()
        .unwrap_or(f64::MAX)
        .max(f64::MIN_POSITIVE)
        .log10()
}

/// A name this short (characters) names nothing: the clause before is read too.
const SHORT_NAME: usize = 3;
/// How far (bytes) a figure of the same sentence may be from a candidate.
const SIBLING_BYTES: usize = 300;

/// The classes of `words:` the rule reads a name with, in this order.
const NAME_CLASSES: &[&str] = &[
    "per-capita",
    "unit-value",
    "denominators",
    "per-period",
    "not-unit-value",
];
/// Indices into [`NAME_CLASSES`]: per-head words, prices and standards, large
/// bases make a figure small by nature; the others only hide shorter words
/// (每年 hides 每, 高标准农田 hides 标准).
const PER_CAPITA: usize = 0;
const UNIT_VALUE: usize = 1;
const DENOMINATOR: usize = 2;

impl Magnitude {
    fn doubled(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for claim in ctx.claims {
            let Some(mag) = claim.magnitude.as_deref() else {
                continue;
            };
            if self.historical.iter().any(|h| h == mag) && !arabic(claim) {
                continue;
            }
            if self.doubled.iter().any(|d| d == mag) {
                let single: String = mag.chars().take(1).collect();
                let unit = claim.unit.as_deref().unwrap_or("");
                let mut f = rule.finding(
                    claim.span,
                    &[
                        ("claim", &claim.text),
                        ("magnitude", mag),
                        ("first", &single),
                        ("unit", unit),
                    ],
                );
                // The magnitude follows the numeral: replace it by its first word.
                // Unsafe: it decides what the number means.
                let from = claim.number_span.end;
                if let Some(i) = ctx.doc.text.cut(from..claim.span.end).find(mag) {
                    let at = from + i;
                    f.fix = Some(Fix {
                        message: format!("「{mag}」→「{single}」"),
                        applicability: Applicability::Unsafe,
                        edits: vec![Edit {
                            span: crate::span::Span::new(at, at + mag.len()),
                            replacement: single.clone(),
                        }],
                    });
                }
                out.push(f);
            }
        }
    }

    fn missing(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let claims = ctx.claims;
        let words = &ctx.knowledge.words;
        let names = words.matcher(NAME_CLASSES);
        let compound = words.get("compound-after");
        let bases = words.get("denominators");
        let para_of = |c: &Claim| ctx.segments.paragraph_at(c.span.start).unwrap_or(0);
        let window_para = |c: &Claim| if self.window == 0 { 0 } else { para_of(c) };
        let in_scope = |c: &Claim| {
            self.dimensions.is_empty()
                || c.dimension
                    .as_ref()
                    .is_some_and(|d| self.dimensions.contains(d))
        };

        // One pass: peers by unit (document order), their statistics per unit
        // and paragraph and per unit for the document, and the bare figures
        // that show the writer uses small numbers. Each candidate then costs
        // O(window + log n): a huge paragraph stays linear.
        let mut by_unit: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut stats: FxHashMap<(&str, usize), Stats> = FxHashMap::default();
        let mut doc_stats: FxHashMap<&str, Stats> = FxHashMap::default();
        let mut bare_count: FxHashMap<&str, usize> = FxHashMap::default();
        // Up to two bare figures of at least `bare_limit` per unit and paragraph.
        let mut bare_big: FxHashMap<(&str, usize), [Option<usize>; 2]> = FxHashMap::default();
        // Whether a bare figure is small by nature, computed when first asked
        // (0 = not yet, 1 = no, 2 = yes): only figures with evidence, or bare
        // ones of at least `bare_limit`, are ever asked about.
        let small: Vec<Cell<u8>> = vec![Cell::new(0); claims.len()];
        let small_of = |i: usize| {
            if small[i].get() == 0 {
                let s = self.small_by_nature(ctx, &names, i);
                small[i].set(if s { 2 } else { 1 });
            }
            small[i].get() == 2
        };
        for (i, c) in claims.iter().enumerate() {
            let Some(unit) = c.unit.as_deref() else {
                continue;
            };
            if !c.is_quantity() || !in_scope(c) {
                continue;
            }
            // 48.5亿人公里 is not a number of people; 十万人 in 十万人死亡人数 is a
            // base, not a figure.
            let rest = ctx.doc.text.cut(c.span.end..).trim_start();
            if compound
                .iter()
                .any(|w| !w.is_empty() && rest.starts_with(w.as_str()))
                || bases.contains(&c.text)
            {
                small[i].set(2);
                continue;
            }
            if is_large_peer(c) {
                by_unit.entry(unit).or_default().push(i);
                stats
                    .entry((unit, window_para(c)))
                    .or_default()
                    .add(c.value);
                doc_stats.entry(unit).or_default().add(c.value);
            } else if c.magnitude.is_none() {
                *bare_count.entry(unit).or_default() += 1;
                if c.value >= self.bare_limit && !small_of(i) {
                    let slot = bare_big.entry((unit, para_of(c))).or_default();
                    if slot[0].is_none() {
                        slot[0] = Some(i);
                    } else if slot[1].is_none() {
                        slot[1] = Some(i);
                    }
                }
            }
        }
        let level: OnceCell<Option<&str>> = OnceCell::new();
        // Growth statements: the level's claim → the change's claim.
        let growth_change: FxHashMap<usize, usize> = ctx
            .facts
            .growths
            .iter()
            .filter_map(|g| {
                let level = ctx.facts.facts.get(g.level)?.claim;
                let change = ctx.facts.facts.get(g.change)?.claim;
                Some((level, change))
            })
            .collect();

        for (i, claim) in claims.iter().enumerate() {
            if !claim.is_quantity()
                || claim.magnitude.is_some()
                || claim.value <= Decimal::ZERO
                || small[i].get() == 2
                || !arabic(claim)
                || !in_scope(claim)
            {
                continue;
            }
            let Some(unit) = claim.unit.as_deref() else {
                continue;
            };
            let dim = claim.dimension.as_deref().unwrap_or("");
            let generic = self.generic.iter().any(|d| d == dim);
            let whole = self.whole.iter().any(|d| d == dim);
            let para = para_of(claim);
            // The writer uses small figures of this unit here.
            if self.bare_sibling(ctx, i) {
                continue;
            }
            let v = claim.value;
            let group = by_unit.get(unit).map(Vec::as_slice).unwrap_or(&[]);
            let fact = ctx.facts.of_claim(i).first();
            let is_level = fact.is_none_or(|f| f.role == Role::Level) && claim.direction.is_none();

            let mut found: Option<Evidence> = None;
            // A range whose other end carries the magnitude: 100元至300万元.
            if let Some(end) = claim.range_end
                && end >= v * self.ratio
                && let Some(m) = self.fit(v, &Stats::of(end))
            {
                found = Some(Evidence::new("range", m));
            }
            // Peers in the same sentence.
            let sentence = ctx
                .segments
                .sentence_at(claim.span.start)
                .map(|s| ctx.segments.sentences[s].span);
            let at = group.partition_point(|&j| claims[j].span.start < claim.span.start);
            let in_sentence: Vec<usize> = match sentence {
                Some(s) if !generic => group[at.saturating_sub(12)..(at + 12).min(group.len())]
                    .iter()
                    .copied()
                    .filter(|&j| claims[j].span.start >= s.start && claims[j].span.end <= s.end)
                    .collect(),
                _ => Vec::new(),
            };
            if found.is_none() && !in_sentence.is_empty() {
                let s = Stats::of_claims(claims, &in_sentence);
                if let Some(m) = self.fit(v, &s) {
                    found = Some(Evidence::peers(m, in_sentence.clone()).at("sentence"));
                }
            }
            // The level is smaller than its own stated change (招生268人，比上年
            // 增加48万人).
            if found.is_none()
                && let Some(&c) = growth_change.get(&i)
                && let change = &claims[c]
                && is_large_peer(change)
                && change.unit.as_deref() == Some(unit)
                && change.value > v
                // With its magnitude the level is at least its change.
                && let Some(m) = self.best_magnitude(
                    v,
                    change.value,
                    change.value * self.spread,
                    log10(change.value),
                )
            {
                found = Some(Evidence::peers(m, Vec::new()).kind("growth"));
            }
            // Beyond its sentence, a bare figure of the unit of at least
            // `bare_limit` next to it shows the writer does not use 万 here.
            let near = para.saturating_sub(1)..=para + 1;
            if found.is_none()
                && near.into_iter().any(|p| {
                    bare_big
                        .get(&(unit, p))
                        .is_some_and(|s| s.iter().flatten().any(|&j| j != i))
                })
            {
                continue;
            }
            // The same indicator stated elsewhere with 万 or 亿.
            let key = fact
                .filter(|f| is_level && f.key.chars().count() >= 2)
                .map(|f| f.key.as_str());
            if found.is_none()
                && let Some(key) = key
            {
                let same: Vec<usize> = ctx
                    .facts
                    .with_key(key)
                    .iter()
                    .map(|&f| ctx.facts.facts[f].claim)
                    .filter(|&j| {
                        j != i
                            && is_large_peer(&claims[j])
                            && claims[j].unit.as_deref() == Some(unit)
                            && ctx
                                .facts
                                .of_claim(j)
                                .first()
                                .is_some_and(|f| f.role == Role::Level)
                    })
                    .take(8)
                    .collect();
                if !same.is_empty()
                    && let Some(m) = self.fit(v, &Stats::of_claims(claims, &same))
                {
                    found = Some(Evidence::peers(m, same).kind("same"));
                }
            }
            // The indicator's usual scale at the document's level.
            let mut scale_range = None;
            if found.is_none()
                && let Some(key) = key
                && let Some(entry) = ctx.knowledge.scales.entry(key, unit)
                && let Some(lv) =
                    *level.get_or_init(|| ctx.knowledge.scales.level_of(&ctx.doc.text))
                && let Some(&[lo, hi]) = entry.orders.get(lv)
                && log10(v) < lo
            {
                let s = Stats::range(lo, hi);
                if let Some(m) = self.fit_within(v, &s) {
                    scale_range = Some((key, lv, lo, hi));
                    found = Some(Evidence::new("scale", m));
                }
            }
            // A fraction of a whole unit, with peers nearby.
            let window_stats = || {
                let mut near = Stats::default();
                let p = window_para(claim);
                for q in p.saturating_sub(self.window)..=p + self.window {
                    if let Some(s) = stats.get(&(unit, q)) {
                        near.merge(s);
                    }
                }
                near
            };
            let nearest = |n: usize| -> Vec<usize> {
                let lo = at.saturating_sub(n);
                let mut v: Vec<usize> = group[lo..(at + n).min(group.len())]
                    .iter()
                    .copied()
                    .filter(|&j| {
                        window_para(&claims[j]).abs_diff(window_para(claim)) <= self.window
                    })
                    .collect();
                v.sort_by_key(|&j| claims[j].span.start.abs_diff(claim.span.start));
                v.truncate(n);
                v.sort_unstable();
                v
            };
            if found.is_none() && whole && claim.decimals > 0 {
                let near = window_stats();
                if near.count >= self.min_peers
                    && let Some(m) = self.fit(v, &near)
                {
                    found = Some(Evidence::peers(m, nearest(3)).kind("fraction"));
                }
            }
            if found.is_none() && !whole && !generic {
                // Peers in the same paragraph, or (for a level) nearby.
                if let Some(s) = stats.get(&(unit, window_para(claim)))
                    && let Some(m) = self.fit(v, s)
                {
                    found = Some(Evidence::peers(m, nearest(3)).at("paragraph"));
                } else if is_level {
                    let near = window_stats();
                    if near.count >= self.min_peers
                        && let Some(m) = self.fit(v, &near)
                    {
                        found = Some(Evidence::peers(m, nearest(3)).at("nearby"));
                    }
                }
            }
            // A money aggregate in bare 元 in a report that writes money in 万 and 亿.
            let mut aggregate_name = None;
            if found.is_none()
                && dim == "money"
                && is_level
                && let Some(ds) = doc_stats.get(unit)
                && ds.count >= 5
                // The report's other bare figures of the unit (per head or not).
                && ds.count >= 9 * bare_count.get(unit).copied().unwrap_or(1).saturating_sub(1)
                && let Some(m) = self.fit(v, ds)
                && let Some(name) = self.name_of(ctx, claim)
                && words.ends("aggregate-money", name.trim_end())
            {
                aggregate_name = Some(name.trim_end());
                found = Some(Evidence::new("aggregate", m));
            }
            let Some(ev) = found else {
                continue;
            };
            if small_of(i) {
                continue;
            }
            // Report.
            let mag = ev.magnitude;
            let peers: Vec<&Claim> = ev.peers.iter().map(|&j| &claims[j]).take(3).collect();
            let list = peers
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("、");
            let (name, level_name, range) = match scale_range {
                Some((key, lv, lo, hi)) => (
                    key.to_string(),
                    ctx.knowledge.scales.level_name(lv).to_string(),
                    format!("{}{unit}～{}{unit}", power_text(lo), power_text(hi)),
                ),
                None => (
                    aggregate_name
                        .map(str::to_string)
                        .or_else(|| key.map(str::to_string))
                        .unwrap_or_default(),
                    String::new(),
                    String::new(),
                ),
            };
            let vars_base = [
                ("peers", list.as_str()),
                ("name", name.as_str()),
                ("level", level_name.as_str()),
                ("range", range.as_str()),
                ("unit", unit),
            ];
            let because = self
                .because
                .get(ev.kind)
                .map(|t| crate::template::render(t, &vars_base))
                .unwrap_or_default();
            let suggested = format!("{}{mag}{}", claim.number, unit);
            let mut f = rule.finding(
                claim.span,
                &[
                    ("claim", &claim.text),
                    ("peers", &list),
                    ("unit", unit),
                    ("magnitude", mag),
                    ("suggestion", &suggested),
                    ("because", &because),
                    ("evidence", ev.kind),
                    ("where", ev.place),
                ],
            );
            for c in peers {
                f = f.with_label(c.span, "同单位的数字");
            }
            out.push(f);
        }
    }

    /// The magnitude (万 or 亿) that puts `v` among figures with statistics
    /// `s`: `v` is at least `ratio` times below their typical value (geometric
    /// mean), and with the magnitude it falls within their range widened by
    /// `spread`; the closest to the typical value on a log scale.
    fn fit(&self, v: Decimal, s: &Stats) -> Option<&'static str> {
        let (min, max) = (s.min?, s.max?);
        let typical = s.mean_log();
        if log10(v * self.ratio) > typical + 1e-9 {
            return None;
        }
        self.best_magnitude(v, min / self.spread, max * self.spread, typical)
    }

    /// As [`Magnitude::fit`] for a known usual range (no widening).
    fn fit_within(&self, v: Decimal, s: &Stats) -> Option<&'static str> {
        let (min, max) = (s.min?, s.max?);
        self.best_magnitude(v, min, max, s.mean_log())
    }

    fn best_magnitude(
        &self,
        v: Decimal,
        lo: Decimal,
        hi: Decimal,
        typical: f64,
    ) -> Option<&'static str> {
        let wan = Decimal::from(10_000);
        [("万", wan), ("亿", wan * wan)]
            .into_iter()
            .filter(|&(_, f)| {
                let x = v * f;
                x >= lo && x <= hi
            })
            .min_by(|a, b| {
                let d = |f: Decimal| (log10(v * f) - typical).abs();
                d(a.1).total_cmp(&d(b.1))
            })
            .map(|(m, _)| m)
    }

    /// Another bare figure of the same unit in the same sentence (由三百零三元降到
    /// 二百四十三元; 六十元、七十元或者八十元): the writer means small amounts here.
    /// The sentence runs across line breaks (text converted from PDF breaks
    /// lines inside sentences) up to a sentence stop.
    fn bare_sibling(&self, ctx: &Context<'_>, i: usize) -> bool {
        let claims = ctx.claims;
        let text = ctx.doc.text.as_str();
        let claim = &claims[i];
        let same = |c: &Claim| c.is_quantity() && c.magnitude.is_none() && c.unit == claim.unit;
        let joined = |a: usize, b: usize| {
            b.saturating_sub(a) <= SIBLING_BYTES
                && !text
                    .cut(a.min(b)..b.max(a))
                    .contains(['。', '！', '？', '；', '!', '?', ';'])
        };
        let before = claims[..i]
            .iter()
            .rev()
            .take(8)
            .take_while(|c| joined(c.span.end, claim.span.start));
        let after = claims[i + 1..]
            .iter()
            .take(8)
            .take_while(|c| joined(claim.span.end, c.span.start));
        before.chain(after).any(same)
    }

    /// The figure's name as written: the text before it back to the previous
    /// figure or clause separator (at most `lookback` characters, across line
    /// breaks, which fall inside sentences in text converted from PDF). A name
    /// of at most [`SHORT_NAME`] characters (为, 大约有, 共计) names nothing:
    /// the clause before it, in the same sentence, is read too.
    fn name_of<'t>(&self, ctx: &Context<'t>, claim: &Claim) -> Option<&'t str> {
        let text = ctx.doc.text.as_str();
        // Never back past the previous figure.
        let k = ctx
            .claims
            .partition_point(|c| c.span.start < claim.span.start);
        let floor = k
            .checked_sub(1)
            .map(|k| &ctx.claims[k])
            .filter(|c| c.span.end <= claim.span.start && !is_base(&ctx.knowledge.words, c))
            .map_or(0, |c| c.span.end);
        let head = text.cut(floor..claim.span.start);
        let mut start = claim.span.start;
        let mut clauses = 0;
        for (n, (i, c)) in head.char_indices().rev().enumerate() {
            if n >= self.lookback
                || matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?')
                || c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || c == '%'
            {
                break;
            }
            if matches!(c, '，' | ',' | '、') {
                let short = text.cut(start..claim.span.start).trim().chars().count() <= SHORT_NAME;
                if clauses > 0 || !short {
                    break;
                }
                clauses += 1;
            }
            start = floor + i;
        }
        let name = text.cut(start..claim.span.start);
        (!name.trim().is_empty()).then_some(name)
    }

    /// A per-capita value, a price, a standard or a rate: small by nature.
    /// Looks at the figure's name, the name it inherits (a change or rate
    /// after its level: 人均可支配收入X元，比上年增加Y元) and the text right
    /// after it (元/人, 元每吨).
    fn small_by_nature(
        &self,
        ctx: &Context<'_>,
        names: &crate::knowledge::words::WordMatcher,
        i: usize,
    ) -> bool {
        let claim = &ctx.claims[i];
        // Per-head words and large bases anywhere in the name; a price or a
        // standard only when no aggregate follows it (改革成本支出 is spending).
        let small = |t: &str| {
            let mut last_value = None;
            for f in names.find_iter(t) {
                match f.class {
                    PER_CAPITA | DENOMINATOR => return true,
                    UNIT_VALUE => last_value = Some(f.end),
                    _ => {}
                }
            }
            last_value.is_some_and(|end| {
                let rest = t.cut(end..);
                !ctx.knowledge
                    .words
                    .get("aggregate-money")
                    .iter()
                    .any(|w| !w.is_empty() && rest.contains(w.as_str()))
            })
        };
        if self.name_of(ctx, claim).is_some_and(small) {
            return true;
        }
        if let Some(f) = ctx.facts.of_claim(i).first()
            && let Some(anchor) = ctx.facts.facts.get(f.anchor)
            && anchor.claim != i
            && let Some(c) = ctx.claims.get(anchor.claim)
            && self.name_of(ctx, c).is_some_and(small)
        {
            return true;
        }
        let rest = ctx.doc.text.cut(claim.span.end..);
        let rest = rest.trim_start();
        let after = rest.cut(..rest.char_indices().nth(8).map_or(rest.len(), |(i, _)| i));
        ctx.knowledge
            .words
            .starting("per-unit-after", after)
            .is_some()
    }
}

/// What made a figure suspect, and the magnitude it lacks.
struct Evidence {
    kind: &'static str,
    magnitude: &'static str,
    peers: Vec<usize>,
    /// For peers: `sentence`, `paragraph` or `nearby`.
    place: &'static str,
}

impl Evidence {
    fn new(kind: &'static str, magnitude: &'static str) -> Self {
        Evidence {
            kind,
            magnitude,
            peers: Vec::new(),
            place: "",
        }
    }
    fn peers(magnitude: &'static str, peers: Vec<usize>) -> Self {
        Evidence {
            kind: "peers",
            magnitude,
            peers,
            place: "",
        }
    }
    fn at(mut self, place: &'static str) -> Self {
        self.place = place;
        self
    }
    fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }
}

/// 10^p in words with 万 and 亿: 1亿, 100万, 1万亿.
fn power_text(p: f64) -> String {
    let p = p.round().clamp(0.0, 20.0) as u32;
    let (rest, word) = match p {
        12.. => (p - 12, "万亿"),
        8.. => (p - 8, "亿"),
        4.. => (p - 4, "万"),
        _ => (p, ""),
    };
    format!("{}{word}", 10u64.pow(rest))
}

#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    min: Option<Decimal>,
    max: Option<Decimal>,
    count: usize,
    sum_log: f64,
}

impl Stats {
    fn of(v: Decimal) -> Self {
        let mut s = Stats::default();
        s.add(v);
        s
    }
    fn of_claims(claims: &[Claim], idx: &[usize]) -> Self {
        let mut s = Stats::default();
        for &j in idx {
            s.add(claims[j].value);
        }
        s
    }
    /// The usual range 10^lo … 10^hi (typical value in the middle).
    fn range(lo: f64, hi: f64) -> Self {
        let d = |p: f64| Decimal::from_f64_retain(10f64.powf(p)).unwrap_or(Decimal::MAX);
        Stats {
            min: Some(d(lo)),
            max: Some(d(hi)),
            count: 2,
            sum_log: lo + hi,
        }
    }
    fn add(&mut self, v: Decimal) {
        self.merge(&Stats {
            min: Some(v),
            max: Some(v),
            count: 1,
            sum_log: log10(v),
        });
    }
    fn merge(&mut self, o: &Stats) {
        self.min = match (self.min, o.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, o.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.count += o.count;
        self.sum_log += o.sum_log;
    }
    fn mean_log(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum_log / self.count as f64
        }
    }
}

impl Check for Magnitude {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        match self.check {
            MagnitudeCheck::Missing => self.missing(rule, ctx, out),
            MagnitudeCheck::Doubled => self.doubled(rule, ctx, out),
        }
    }
}
