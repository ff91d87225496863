//! Stage 3b: relations between the figures of one document.
//!
//! After the claims are extracted, [`analyze`] reads, once per document, what
//! each figure measures and how figures hang together:
//!
//! - [`Fact`]: a claim with its indicator (the noun phrase before it, see
//!   [`indicator`]), period (上年, 2024 …), role (a level, a change 增加Y, a
//!   growth rate 增长Z%, percentage points, a share 占…Z%) and, for a share,
//!   the whole it is a share of;
//! - the *shapes* recognised over the claims of a statement ([`shapes`]):
//!   "A X，比上年增加Y，增长Z%" ([`Growth`]), "由A提高到B，提高C" ([`Transition`]),
//!   "其中 / 按…分 / 在X中 / (…)" ([`Breakdown`]), "…加上…，收入合计T" and
//!   "…，合计T" ([`TextSum`]), "a：b：c" ([`Ratio`]), "甲、乙、丙等3家"
//!   ([`CountedList`]);
//! - an index from indicator key to facts, for the rules that look a name up.
//!
//! The rule kinds `share`, `growth`, `sum`, `ratio`, `difference`,
//! `consistent` and `bound` check these with the rounding-aware interval
//! arithmetic of [`interval`]. Everything here is linear in the number of
//! claims; look-ups scan a bounded number of facts back. See docs/relations.md.

pub mod indicator;
pub mod interval;
pub mod report;
pub mod shapes;

use rustc_hash::FxHashMap;

use crate::claims::Claim;
use crate::document::Document;
use crate::segment::Segments;
use crate::span::Span;

pub use interval::{Interval, Tolerance};

/// What a figure is, relative to its indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The indicator's value: 372亿元, 城镇化率63.4%.
    Level,
    /// A change in the indicator's unit: 比上年增加5亿元.
    Change,
    /// A growth rate: 增长7.9%.
    Rate,
    /// A change in percentage points: 提高2个百分点.
    Points,
    /// A share of a whole: 占地区生产总值的比重为52%.
    Share,
    /// A multiple: 2.5倍, 翻一番.
    Multiple,
}

/// How a fact got its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Written right before the figure.
    Direct,
    /// Taken from an earlier figure of the statement ("X亿元，增长Z%").
    Inherited,
    /// Paired from a list ("A、B分别为X、Y").
    Distributed,
    /// One figure for a list ("A、B和C均为X").
    Shared,
    /// No name found.
    Unknown,
}

/// One claim read as a statement about an indicator.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Index into the document's claims.
    pub claim: usize,
    /// The name as written, when it is written right before the figure.
    pub name: Option<Span>,
    /// The name normalised for comparison ([`indicator::key`]); empty when unknown.
    pub key: String,
    /// "" (the report's own period or not said), "上年", "2024", "上半年" …
    pub period: String,
    /// The figure is explicitly of an earlier period than its statement's
    /// (上年…, 由A…, or a year before the statement's year).
    pub earlier: bool,
    /// The administrative scope: "" (not said: the whole area), or "本级" (the
    /// government's own level: 市本级, 省级 …), from the name or from the
    /// start of the paragraph or section.
    pub scope: &'static str,
    pub role: Role,
    pub source: Source,
    /// The fact the name came from (itself when written directly).
    pub anchor: usize,
    /// For a share: the key of the whole, "" when not named (占68.8%).
    pub base: Option<String>,
    /// For a share: where the whole is named.
    pub base_span: Option<Span>,
    /// Index into [`Facts::statements`].
    pub statement: usize,
    /// Inside brackets （…）.
    pub in_paren: bool,
    /// Marked as a part of the total before it (其中).
    pub part: bool,
    /// The name ends with 合计, 总计 or 共计.
    pub total_word: bool,
}

/// A stretch of text up to 。！？ (or the end of a paragraph).
#[derive(Debug, Clone)]
pub struct Statement {
    pub span: Span,
    pub paragraph: usize,
    /// Plans, targets, estimates or budgets (预计, 目标, 力争, 安排 …): the
    /// figures are not statements of fact.
    pub hedged: bool,
    /// In a paragraph about several years (这五年, 十四五, 累计, 年均 …).
    pub multi_year: bool,
    /// Comparable-basis words (可比, 同口径, 不变价, 剔除 …): a growth rate may
    /// not follow from the stated amounts.
    pub adjusted: bool,
}

/// "X，比上年增加Y，增长Z%": the level, the change and the rate of one indicator.
#[derive(Debug, Clone, Copy)]
pub struct Growth {
    pub level: usize,
    pub change: usize,
    pub rate: usize,
}

/// "由A提高到B，提高C": the earlier value, the later value and the change (a
/// rate, points, a multiple or an amount), all facts.
#[derive(Debug, Clone, Copy)]
pub struct Transition {
    pub from: usize,
    pub to: usize,
    pub change: Option<usize>,
}

/// How a breakdown was introduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakdownKind {
    /// 其中: parts may overlap and need not be complete.
    Among,
    /// 按…分 / 分…看: disjoint categories, so the parts add up to at most the total.
    Category,
    /// 在X中: parts of X, may overlap.
    Within,
    /// X（A a、B b）: parts in brackets after the total.
    Bracket,
}

/// A total and figures stated as its parts (facts, same unit).
#[derive(Debug, Clone)]
pub struct Breakdown {
    pub kind: BreakdownKind,
    pub total: usize,
    pub parts: Vec<usize>,
}

/// A figure named 合计/总计/共计 and the ways of reading which figures
/// before it it adds up (each reading a list of facts).
#[derive(Debug, Clone)]
pub struct TextSum {
    pub total: usize,
    pub readings: Vec<Vec<usize>>,
    /// The statement says 加上: the first reading is head + the added items.
    pub added: bool,
}

/// One term of a ratio a：b：c.
#[derive(Debug, Clone, Copy)]
pub struct RatioTerm {
    pub span: Span,
    pub value: rust_decimal::Decimal,
    pub decimals: u32,
}

/// A ratio a：b：c (三次产业结构为3.1：35.0：61.9).
#[derive(Debug, Clone)]
pub struct Ratio {
    pub span: Span,
    pub terms: Vec<RatioTerm>,
    /// The words before it in its clause (三次产业结构为).
    pub context: Span,
    /// A previous period's ratio (由上年a:b:c调整为…, 上年为…).
    pub previous: bool,
    pub statement: usize,
}

/// "甲、乙、丙等3家": names listed before a count.
#[derive(Debug, Clone)]
pub struct CountedList {
    /// The listed names.
    pub items: Vec<Span>,
    /// The claim with the count.
    pub count: usize,
    /// Written with 等 (the list may be shorter than the count).
    pub open: bool,
}

/// Everything [`analyze`] found in one document.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
    /// For each claim, the range of its facts in `facts`.
    pub by_claim: Vec<(u32, u32)>,
    pub statements: Vec<Statement>,
    pub growths: Vec<Growth>,
    pub transitions: Vec<Transition>,
    pub breakdowns: Vec<Breakdown>,
    pub sums: Vec<TextSum>,
    pub ratios: Vec<Ratio>,
    pub lists: Vec<CountedList>,
    /// Key → facts with that key, in document order.
    pub by_key: FxHashMap<String, Vec<usize>>,
}

/// How many facts back a name look-up goes at most.
pub const LOOKBACK_FACTS: usize = 400;

impl Facts {
    /// The facts of claim `i`.
    pub fn of_claim(&self, i: usize) -> &[Fact] {
        match self.by_claim.get(i) {
            Some(&(a, b)) => &self.facts[a as usize..b as usize],
            None => &[],
        }
    }

    /// The facts with exactly this key.
    pub fn with_key(&self, key: &str) -> &[usize] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The latest level fact of `period` (not an earlier figure) before fact
    /// `before` whose key is `key` (or ends with it, when `suffix`), looking
    /// back at most [`LOOKBACK_FACTS`] facts and not past `floor` (a byte
    /// offset).
    pub fn level_before(
        &self,
        claims: &[Claim],
        key: &str,
        period: &str,
        before: usize,
        suffix: bool,
        floor: usize,
    ) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        let start = before.saturating_sub(LOOKBACK_FACTS);
        (start..before).rev().find(|&i| {
            let f = &self.facts[i];
            if claims[f.claim].span.start < floor {
                return false;
            }
            f.role == Role::Level
                && !f.earlier
                && f.period == period
                && (f.key == key || (suffix && f.key.ends_with(key)))
        })
    }
}

impl Facts {
    /// The whole a share of `base` refers to: the latest level before fact
    /// `before` (not before byte `floor`) in the same unit as `unit_of` whose
    /// key is `base`; failing that, whose key ends with `base` — only when a
    /// single such key occurs in the window, `base` has at least three
    /// characters and the qualifier is not a per-head one (人均地区生产总值 is
    /// not a 地区生产总值).
    pub fn whole_before(
        &self,
        claims: &[Claim],
        base: &str,
        period: &str,
        before: usize,
        floor: usize,
        unit_of: &Claim,
    ) -> Option<usize> {
        if base.is_empty() {
            return None;
        }
        let start = before.saturating_sub(LOOKBACK_FACTS);
        let ok = |i: usize| {
            let f = &self.facts[i];
            f.role == Role::Level
                && !f.earlier
                && f.period == period
                && claims[f.claim].span.start >= floor
                && shapes::same_unit(&claims[f.claim], unit_of)
        };
        if let Some(i) = (start..before)
            .rev()
            .find(|&i| ok(i) && self.facts[i].key == base)
        {
            return Some(i);
        }
        if base.chars().count() < 3 {
            return None;
        }
        let mut found: Option<usize> = None;
        for i in (start..before).rev() {
            if claims[self.facts[i].claim].span.start < floor {
                break;
            }
            let f = &self.facts[i];
            let Some(q) = f.key.strip_suffix(base) else {
                continue;
            };
            if !ok(i)
                || q.contains("人均")
                || q.contains("平均")
                || q.contains('每')
                || q.ends_with('均')
            {
                continue;
            }
            match found {
                None => found = Some(i),
                Some(j) if self.facts[j].key == f.key => {}
                Some(_) => return None,
            }
        }
        found
    }
}

/// Reads the facts of one document (see the module documentation).
pub fn analyze(
    doc: &Document,
    segments: &Segments,
    claims: &[Claim],
    _knowledge: &crate::knowledge::Knowledge,
) -> Facts {
    shapes::Builder::new(doc, segments, claims).run()
}

/// Counters of recognised and checked relations, for measuring coverage
/// (`cargo test --release --test relations_coverage -- --ignored --nocapture`).
/// Off unless [`coverage::enable`] was called on the thread; then each rule
/// kind calls [`coverage::record`] once per relation it recognised and
/// checked.
pub mod coverage {
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;

    thread_local! {
        static ON: Cell<bool> = const { Cell::new(false) };
        static COUNTS: RefCell<BTreeMap<String, usize>> = const { RefCell::new(BTreeMap::new()) };
    }

    /// Start counting on this thread.
    pub fn enable() {
        ON.with(|o| o.set(true));
    }

    /// Counts one checked relation under `label` (e.g. `share/named-base`).
    pub fn record(label: &str) {
        if ON.with(Cell::get) {
            COUNTS.with(|c| *c.borrow_mut().entry(label.to_string()).or_default() += 1);
        }
    }

    /// The counts so far on this thread, reset to zero.
    pub fn take() -> BTreeMap<String, usize> {
        COUNTS.with(|c| std::mem::take(&mut *c.borrow_mut()))
    }
}
