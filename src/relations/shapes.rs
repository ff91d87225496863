//! The shapes: a small matcher over the claims of one statement.
//!
//! A paragraph is cut into statements at 。！？; each statement's claims are
//! walked in order, and for each claim the text since the previous claim (its
//! gap) is read by [`super::indicator`]. The shapes recognised:
//!
//! | shape | example | result |
//! | --- | --- | --- |
//! | level, then changes | 地区生产总值372亿元，比上年增加20亿元，增长5.7% | the later figures inherit the name ([`Source::Inherited`]); a level + change + rate is a [`Growth`] |
//! | respectively | 第一、二、三产业增加值占GDP比重分别为3%、45%和52% | names paired with figures in order ([`Source::Distributed`]); the list must have as many names as figures |
//! | all | A、B和C均为X | one fact per name ([`Source::Shared`]) |
//! | share | 服务业增加值X亿元，占地区生产总值的比重为Z% / …，占Z% | a [`Role::Share`] fact with the whole named (or "" — the breakdown's total) |
//! | change | A比上年增加Y亿元 | a [`Role::Change`] fact named A |
//! | from … to | 城镇化率由60.1%提高到62.3%，提高2.2个百分点 | a [`Transition`] |
//! | parts | X亿元。其中，A a亿元，B b亿元 / X，其中A a / 按…分，A a，B b / 在X中，A a / X（A a、B b） | a [`Breakdown`] |
//! | added up | A a，加上B b，C c，收入合计T / A a，B b，合计T | a [`TextSum`] with the possible readings |
//! | ratio | 三次产业结构为3.1：35.0：61.9 (the claim grammar skips ratios) | a [`Ratio`]; 由上年a:b:c调整为… marks the first as previous |
//! | counted list | 甲、乙、丙等3家 | a [`CountedList`] |
//!
//! Paragraphs inside tables detected by the input stage are skipped (the
//! `table-sum` rules check those).

use crate::span::Cut;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::indicator::{
    self, is_clause_sep, key, plausible_name, split_list, strip_lead, strip_tail,
};
use super::*;
use crate::claims::ClaimKind;

/// Words that make a statement a plan, target, estimate or budget.
const HEDGES: &[&str] = &[
    "预计",
    "预期",
    "目标",
    "力争",
    "争取",
    "计划",
    "规划",
    "确保",
    "左右",
    "安排",
    "拟",
    "预算草案",
    "调整预算",
    "年初预算",
    "预算数",
    "为预算的",
    "建议",
    "要求",
];
/// Words that make a paragraph speak of several years.
const MULTI_YEAR: &[&str] = &[
    "五年",
    "十四五",
    "十三五",
    "十二五",
    "十五五",
    "累计",
    "年均",
    "以来",
    "历年",
];
/// Words that make a paragraph speak of a budget rather than its execution.
const PLAN: &[&str] = &[
    "批准",
    "预算草案",
    "调整预算",
    "年初预算",
    "预算安排",
    "预期目标",
    "主要目标",
];

const HEDGED: u8 = 1;
const ADJUSTS: u8 = 2;
const MULTI: u8 = 4;
const PLANNED: u8 = 8;

/// All flag words in one automaton (a paragraph is scanned once).
fn flag_words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let mut words: Vec<&str> = HEDGES
            .iter()
            .chain(ADJUSTED)
            .chain(MULTI_YEAR)
            .chain(PLAN)
            .copied()
            .collect();
        // Longest first, so that a longer word wins at the same place.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        let alt: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        Regex::new(&alt.join("|")).expect("flag words")
    })
}

/// The flags a word sets (it may be in several lists).
fn flag_of(w: &str) -> u8 {
    let mut f = 0;
    if HEDGES.contains(&w) {
        f |= HEDGED;
    }
    if ADJUSTED.contains(&w) {
        f |= ADJUSTS;
    }
    if MULTI_YEAR.contains(&w) {
        f |= MULTI;
    }
    if PLAN.contains(&w) {
        f |= PLANNED;
    }
    // A word inside a longer one: 预算安排 contains 安排 …
    for (list, bit) in [
        (HEDGES, HEDGED),
        (ADJUSTED, ADJUSTS),
        (MULTI_YEAR, MULTI),
        (PLAN, PLANNED),
    ] {
        if list.iter().any(|x| w.contains(x)) {
            f |= bit;
        }
    }
    f
}

/// Words that make a growth rate comparable-basis.
const ADJUSTED: &[&str] = &[
    "可比",
    "口径",
    "不变价",
    "剔除",
    "扣除",
    "还原",
    "折算",
    "按现价",
    "名义",
    "实际增长",
    "同比口径",
];
/// Verbs of "由A提高到B".
const TRANSITION_VERBS: &[&str] = &[
    "增加", "提高", "增长", "上升", "扩大", "提升", "上涨", "增", "升", "下降", "降低", "减少",
    "缩小", "回落", "下滑", "降", "减", "缩减", "压减", "压缩", "跃升",
];

pub struct Builder<'a> {
    text: &'a str,
    doc: &'a Document,
    segments: &'a Segments,
    claims: &'a [Claim],
    out: Facts,
    /// Level facts of the last statement of the paragraph without a breakdown
    /// marker (the totals a 其中 / 按…分 statement refers to).
    last_plain: Vec<usize>,
    /// The year a statement of this paragraph started with (2025年全市…): the
    /// period of the figures after it that name none.
    para_year: Option<String>,
    /// The year of the current section's heading (二、2026年预算草案) and its level.
    section_year: Option<(String, u8)>,
    /// The scope a statement of this paragraph started with: Some("本级")
    /// (市本级…), Some("") (全市…), None (not said).
    para_scope: Option<&'static str>,
    /// The paragraph speaks of several years (这五年, 十四五, 累计, 年均 …).
    para_multi_year: bool,
    /// The paragraph speaks of an approved or adjusted budget (批准, 预算草案 …).
    para_plan: bool,
    /// The scope of the current section's heading and its level.
    section_scope: Option<(&'static str, u8)>,
}

/// What starts a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    None,
    Among,
    Category,
    Within(String),
}

impl<'a> Builder<'a> {
    pub fn new(doc: &'a Document, segments: &'a Segments, claims: &'a [Claim]) -> Self {
        Builder {
            text: &doc.text,
            doc,
            segments,
            claims,
            out: Facts::default(),
            last_plain: Vec::new(),
            para_year: None,
            section_year: None,
            para_scope: None,
            para_multi_year: false,
            para_plan: false,
            section_scope: None,
        }
    }

    pub fn run(mut self) -> Facts {
        let n = self.claims.len();
        let mut tables: Vec<Span> = self.doc.tables.iter().map(|t| t.span).collect();
        tables.sort_by_key(|s| s.start);
        let mut ti = 0;
        let mut ci = 0;
        for (pi, para) in self.segments.paragraphs.iter().enumerate() {
            if let Some(level) = para.heading {
                let year = leading_year(self.text.cut(para.span.start..para.span.end));
                match (&self.section_year, year) {
                    (_, Some(y)) => self.section_year = Some((y, level)),
                    (Some((_, l)), None) if level <= *l => self.section_year = None,
                    _ => {}
                }
                let head = self.text.cut(para.span.start..para.span.end);
                let whole = ["全市", "全省", "全州", "全区", "全县", "全国"]
                    .iter()
                    .any(|w| head.contains(w));
                let scope = if head.contains("本级") && !whole {
                    "本级"
                } else {
                    ""
                };
                match (&self.section_scope, scope) {
                    (_, "本级") => self.section_scope = Some((scope, level)),
                    (Some((_, l)), _) if level <= *l => self.section_scope = None,
                    _ => {}
                }
            }
            let a = ci;
            while ci < n && self.claims[ci].span.start < para.span.end {
                ci += 1;
            }
            let b = ci;
            while ti < tables.len() && tables[ti].end <= para.span.start {
                ti += 1;
            }
            if ti < tables.len() && tables[ti].start <= para.span.start {
                continue;
            }
            self.paragraph(pi, para.span, a, b);
        }
        self.finish()
    }

    fn finish(mut self) -> Facts {
        // The report's own year: the year most figures name. Its figures are
        // the current period, like those that name none.
        let doc_year = self.title_year().or_else(|| self.common_year());
        if let Some(y) = doc_year {
            for f in &mut self.out.facts {
                if f.period == y {
                    f.period.clear();
                }
            }
        }
        let mut by_claim = vec![(0u32, 0u32); self.claims.len()];
        let mut i = 0;
        while i < self.out.facts.len() {
            let c = self.out.facts[i].claim;
            let mut j = i;
            while j < self.out.facts.len() && self.out.facts[j].claim == c {
                j += 1;
            }
            by_claim[c] = (i as u32, j as u32);
            i = j;
        }
        self.out.by_claim = by_claim;
        let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, f) in self.out.facts.iter().enumerate() {
            if !f.key.is_empty() {
                by_key.entry(f.key.clone()).or_default().push(i);
            }
        }
        self.out.by_key = by_key;
        self.out
    }

    /// The year in the document's title (2025年…统计公报, 关于2025年…预算执行
    /// 情况…): the first year named in a title-like paragraph (one of the
    /// first five, naming 公报 or 报告).
    fn title_year(&self) -> Option<String> {
        for p in self.segments.paragraphs.iter().take(5) {
            let t = self.text.cut(p.span.start..p.span.end);
            if (t.contains("公报") || t.contains("报告"))
                && let Some(y) = years_in(t).next()
            {
                return Some(y.to_string());
            }
        }
        None
    }

    /// The year the text names most often.
    fn common_year(&self) -> Option<String> {
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for y in years_in(self.text) {
            *counts.entry(y).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|&(y, n)| (n, y))
            .map(|(y, _)| y.to_string())
    }

    fn paragraph(&mut self, pi: usize, span: Span, a: usize, b: usize) {
        let text = self.text;
        let p = text.cut(span.start..span.end);
        let colon = |t: &str| {
            let b = t.as_bytes();
            memchr::memchr(b':', b).is_some()
                || memchr::memmem::find(b, "：".as_bytes()).is_some()
                || memchr::memmem::find(b, "∶".as_bytes()).is_some()
        };
        // Nothing to read: no claims and no ratio.
        if a == b && !colon(p) {
            return;
        }
        self.last_plain.clear();
        self.para_year = None;
        self.para_scope = None;
        // One pass over the paragraph for all the flag words.
        let mut flags: Vec<(usize, u8)> = Vec::new();
        let mut all = 0u8;
        for m in flag_words().find_iter(p) {
            let f = flag_of(m.as_str());
            all |= f;
            flags.push((m.start(), f));
        }
        self.para_multi_year = all & MULTI != 0;
        self.para_plan = all & PLANNED != 0;
        let mut start = 0;
        let mut ci = a;
        let mut fi = 0;
        let mut bounds: Vec<(usize, usize)> = Vec::new();
        // 。！？ (E3 80 82, EF BC 81, EF BC 9F) and ! ?, found on the bytes.
        let bytes = p.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let end = match bytes[i] {
                b'!' | b'?' => i + 1,
                0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => i + 3,
                0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBC, 0x81 | 0x9F])) => i + 3,
                _ => {
                    i += 1;
                    continue;
                }
            };
            bounds.push((start, end));
            start = end;
            i = end;
        }
        if start < p.len() {
            bounds.push((start, p.len()));
        }
        for (s, e) in bounds {
            let sspan = Span::new(span.start + s, span.start + e);
            let sa = ci;
            while ci < b && self.claims[ci].span.start < sspan.end {
                ci += 1;
            }
            let mut sflags = 0u8;
            while fi < flags.len() && flags[fi].0 < e {
                if flags[fi].0 >= s {
                    sflags |= flags[fi].1;
                }
                fi += 1;
            }
            if sa < ci || colon(p.cut(s..e)) {
                self.statement(pi, sspan, sa, ci, sflags);
            }
        }
    }

    fn push(&mut self, f: Fact) -> usize {
        self.out.facts.push(f);
        self.out.facts.len() - 1
    }

    fn abs(&self, s: &str) -> usize {
        s.as_ptr() as usize - self.text.as_ptr() as usize
    }

    #[allow(clippy::too_many_lines)]
    fn statement(&mut self, pi: usize, sspan: Span, a: usize, b: usize, flags: u8) {
        let text = self.text;
        let st = text.cut(sspan.start..sspan.end);
        let sid = self.out.statements.len();
        self.out.statements.push(Statement {
            span: sspan,
            paragraph: pi,
            hedged: self.para_plan || flags & (HEDGED | PLANNED) != 0,
            multi_year: self.para_multi_year,
            adjusted: flags & ADJUSTS != 0,
        });
        self.ratios(sid, sspan);
        if a == b {
            return;
        }
        if let Some(y) = leading_year(st) {
            self.para_year = Some(y);
        }
        match indicator::leading_scope(st) {
            "" => {}
            sc => self.para_scope = Some(if sc == "全" { "" } else { sc }),
        }
        let context_scope = self
            .para_scope
            .unwrap_or_else(|| self.section_scope.map_or("", |(s, _)| s));
        let context_year = self
            .para_year
            .clone()
            .or_else(|| self.section_year.as_ref().map(|(y, _)| y.clone()))
            .unwrap_or_default();
        let marker = statement_marker(st);
        let first_fact = self.out.facts.len();
        let mut prev_end = sspan.start;
        let mut depth: i32 = 0;
        let mut last_anchor: Option<usize> = None;
        let mut pending_from: Option<usize> = None;
        let mut pending_change: Option<usize> = None;
        // A 其中 inside the statement: (total fact, parts).
        let mut among: Option<(usize, Vec<usize>)> = None;
        let mut bracket: Option<(usize, Vec<usize>)> = None;
        let mut k = a;
        while k < b {
            let c = &self.claims[k];
            let gap = text.cut(prev_end..c.span.start);
            let depth_before = depth;
            for ch in gap.chars() {
                match ch {
                    '（' | '(' => depth += 1,
                    '）' | ')' => depth = (depth - 1).max(0),
                    _ => {}
                }
            }
            let in_paren = depth > 0;
            // A bracket right after a level: its figures are parts of that level.
            if depth_before == 0 && in_paren {
                // Only a list of parts: (一般债券a、专项债券b), (其中…), (含…) — not
                // a comment (比预算增高…，共浪费…) or a conversion (折合…).
                let inner = gap.trim_start().trim_start_matches(['（', '(']);
                let listing = !inner.contains(['，', ',', '；'])
                    && ![
                        "比", "较", "同比", "为", "占", "共", "累计", "折合", "约", "按", "下同",
                        "不含",
                    ]
                    .iter()
                    .any(|w| inner.starts_with(w));
                let tot = self.out.facts.len().checked_sub(1).filter(|&t| {
                    t >= first_fact
                        && listing
                        && self.out.facts[t].role == Role::Level
                        && self.claims[self.out.facts[t].claim].span.end == prev_end
                        && gap.trim_start().starts_with(['（', '('])
                });
                self.close_bracket(&mut bracket);
                bracket = tot.map(|t| (t, Vec::new()));
            } else if depth == 0 {
                self.close_bracket(&mut bracket);
            }
            let (head_at, crossed) = head_start(gap);
            let head = gap.cut(head_at..);

            // "由A提高到B": B.
            if let Some(from) = pending_from.take()
                && !crossed
                && is_transition_verb(head.trim())
            {
                let f = &self.out.facts[from];
                let fact = Fact {
                    claim: k,
                    name: None,
                    key: f.key.clone(),
                    period: context_year.clone(),
                    earlier: false,
                    scope: f.scope,
                    role: Role::Level,
                    source: Source::Inherited,
                    anchor: f.anchor,
                    base: None,
                    base_span: None,
                    statement: sid,
                    in_paren,
                    part: false,
                    total_word: false,
                };
                let to = self.push(fact);
                self.out.transitions.push(Transition {
                    from,
                    to,
                    change: None,
                });
                pending_change = Some(self.out.transitions.len() - 1);
                prev_end = c.span.end;
                k += 1;
                continue;
            }
            let tchange = pending_change.take();

            let mut h = head;
            if let Some(w) = c.direction_word.as_deref()
                && let Some(i) = h.rfind(w)
            {
                h = h.cut(..i);
            }
            // "由A": A is an earlier value.
            let mut from_period: Option<String> = None;
            if c.direction.is_none()
                && let Some((name_end, period)) = transition_source(h)
            {
                from_period = Some(period);
                h = h.cut(..name_end);
            }
            let (h, tail) = strip_tail(h);
            let share = if matches!(c.kind, ClaimKind::Percent | ClaimKind::PerMille)
                && c.direction.is_none()
            {
                split_share(h)
            } else {
                None
            };
            let (name_part, base) = match share {
                Some((p, b)) => (p, Some(b)),
                None => (h, None),
            };
            let (name_part, _) = strip_tail(name_part);
            let (name, lead) = strip_lead(name_part);
            let name = name.trim_end_matches(['的', ' ', '\u{3000}']);
            let mut role = role_of(c, base.is_some());
            // 比上年增支5亿元, 较年初多3户: a change the claim grammar did not
            // read as one. It names nothing and is no level.
            let mut name = name;
            if c.direction.is_none() && base.is_none() && is_comparison(name) {
                role = match c.kind {
                    ClaimKind::Quantity => Role::Change,
                    ClaimKind::Percent | ClaimKind::PerMille => Role::Rate,
                    _ => role,
                };
                name = "";
            }
            let name_key = if name.is_empty() {
                String::new()
            } else {
                key(name)
            };
            let total_word = ["合计", "总计", "共计"]
                .iter()
                .any(|w| name_key.ends_with(w));
            let (base_key, base_span) = match base {
                Some(b) => {
                    let (b, _) = strip_lead(b);
                    let k = key(b);
                    let span = (!b.is_empty()).then(|| {
                        let s = self.abs(b);
                        Span::new(s, s + b.len())
                    });
                    (Some(k), span)
                }
                None => (None, None),
            };
            let period = match (&from_period, lead.period.is_empty()) {
                (Some(p), _) => p.clone(),
                (None, false) => lead.period.clone(),
                (None, true) => context_year.clone(),
            };
            let earlier = from_period.is_some()
                || lead.period == "上年"
                || (lead.period.len() == 4
                    && context_year.len() == 4
                    && lead.period < context_year);
            let scope = match lead.scope {
                "本级" => "本级",
                "全" => "",
                _ => context_scope,
            };
            let template = Fact {
                claim: k,
                name: None,
                key: String::new(),
                period,
                earlier,
                scope,
                role,
                source: Source::Unknown,
                anchor: 0,
                base: base_key,
                base_span,
                statement: sid,
                in_paren,
                part: lead.part,
                total_word,
            };

            // 分别: pair a list of names with the run of figures.
            if tail.respectively {
                let run = self.run_len(k, b);
                let names = split_list(name, run);
                let mut made = Vec::with_capacity(run);
                for j in 0..run {
                    let cj = &self.claims[k + j];
                    let mut f = template.clone();
                    f.claim = k + j;
                    f.role = role_of(cj, f.base.is_some());
                    if let Some(names) = &names {
                        f.key = key(&names[j]);
                        f.source = Source::Distributed;
                    }
                    let id = self.push(f);
                    self.out.facts[id].anchor = id;
                    made.push(id);
                }
                self.after_fact_breakdowns(&made, &mut among, &mut bracket);
                last_anchor = None;
                prev_end = self.claims[k + run - 1].span.end;
                k += run;
                continue;
            }
            // 均: one figure, many names.
            if tail.all
                && let Some(names) = split_list(name, 0)
            {
                for n in names {
                    let mut f = template.clone();
                    f.key = key(&n);
                    f.source = Source::Shared;
                    let id = self.push(f);
                    self.out.facts[id].anchor = id;
                }
                last_anchor = None;
                prev_end = c.span.end;
                k += 1;
                continue;
            }

            let mut f = template;
            if plausible_name(name) {
                f.key = name_key;
                let s = self.abs(name);
                f.name = Some(Span::new(s, s + name.len()));
                f.source = Source::Direct;
            } else if name.is_empty()
                && let Some(an) = last_anchor
                && lead.period.is_empty()
                && !lead.part
                && lead.scope.is_empty()
                && from_period.is_none()
                && !in_paren
            {
                f.key = self.out.facts[an].key.clone();
                f.period = self.out.facts[an].period.clone();
                f.earlier = self.out.facts[an].earlier;
                f.scope = self.out.facts[an].scope;
                f.anchor = an;
                f.source = Source::Inherited;
            }
            let id = self.push(f);
            match self.out.facts[id].source {
                Source::Direct => {
                    self.out.facts[id].anchor = id;
                    if !in_paren {
                        last_anchor = Some(id);
                    }
                }
                Source::Inherited => {}
                _ => {
                    self.out.facts[id].anchor = id;
                    if !in_paren {
                        last_anchor = None;
                    }
                }
            }
            if from_period.is_some() {
                pending_from = Some(id);
            }
            if let Some(t) = tchange
                && self.out.facts[id].source == Source::Inherited
                && self.out.facts[id].role != Role::Level
                && self.out.facts[id].role != Role::Share
            {
                self.out.transitions[t].change = Some(id);
            }
            // A new subject (全市…, 拥有…) or, after ；, an unrelated name ends a 其中.
            if let Some((t, parts)) = &among
                && !lead.part
                && self.out.facts[id].source == Source::Direct
            {
                let first_key = parts
                    .first()
                    .map_or(&self.out.facts[*t].key, |&p| &self.out.facts[p].key);
                let key = &self.out.facts[id].key;
                let total_key = &self.out.facts[*t].key;
                let sibling =
                    same_head(key, total_key) && !parts.is_empty() && !same_head(key, first_key);
                if lead.restart
                    || sibling
                    || (gap.contains(['；', ';']) && !same_head(key, first_key))
                {
                    self.close_among(&mut among);
                }
            }
            // A 其中 inside the statement opens a breakdown of the last level before it.
            if lead.part && marker != Marker::Among && self.out.facts[id].role == Role::Level {
                self.close_among(&mut among);
                let tot = (first_fact..id).rev().find(|&t| {
                    let ft = &self.out.facts[t];
                    ft.role == Role::Level
                        && !ft.in_paren
                        && ft.source != Source::Unknown
                        && !ft.earlier
                        && same_unit(&self.claims[ft.claim], &self.claims[k])
                });
                if let Some(t) = tot {
                    among = Some((t, Vec::new()));
                }
            }
            self.after_fact_breakdowns(&[id], &mut among, &mut bracket);
            prev_end = c.span.end;
            k += 1;
        }
        self.close_bracket(&mut bracket);
        self.close_among(&mut among);
        let facts: Vec<usize> = (first_fact..self.out.facts.len()).collect();
        self.growths(&facts);
        self.text_sums(sspan, &facts);
        self.counted_lists(sspan, a, b);
        // Statement-level breakdowns.
        let levels: Vec<usize> = facts
            .iter()
            .copied()
            .filter(|&i| {
                let f = &self.out.facts[i];
                f.role == Role::Level
                    && !f.in_paren
                    && !f.earlier
                    && self.claims[f.claim].kind == ClaimKind::Quantity
                    && matches!(f.source, Source::Direct | Source::Distributed)
            })
            .collect();
        match &marker {
            Marker::None => {
                self.last_plain = levels;
            }
            Marker::Among | Marker::Category => {
                let kind = if marker == Marker::Among {
                    BreakdownKind::Among
                } else {
                    BreakdownKind::Category
                };
                self.statement_breakdown(kind, &levels);
            }
            Marker::Within(name) => {
                let k = key(name);
                let floor = self.segments.paragraphs[pi.saturating_sub(2)].span.start;
                let total = self
                    .out
                    .level_before(self.claims, &k, &context_year, first_fact, false, floor)
                    .or_else(|| {
                        self.out.level_before(
                            self.claims,
                            &k,
                            &context_year,
                            first_fact,
                            true,
                            floor,
                        )
                    });
                if let Some(total) = total {
                    let parts: Vec<usize> = levels
                        .iter()
                        .copied()
                        .filter(|&p| {
                            same_unit(
                                &self.claims[self.out.facts[total].claim],
                                &self.claims[self.out.facts[p].claim],
                            )
                        })
                        .collect();
                    // Shares without a named whole are shares of this total.
                    for &i in &facts {
                        if self.out.facts[i].base.as_deref() == Some("") {
                            self.out.facts[i].base = Some(self.out.facts[total].key.clone());
                        }
                    }
                    if !parts.is_empty() {
                        self.out.breakdowns.push(Breakdown {
                            kind: BreakdownKind::Within,
                            total,
                            parts,
                        });
                    }
                }
            }
        }
    }

    /// Parts of a 其中 / 按…分 statement: of the one level of the last plain
    /// statement in the same unit.
    fn statement_breakdown(&mut self, kind: BreakdownKind, levels: &[usize]) {
        let mut done: Vec<usize> = Vec::new();
        for &p in levels {
            let pc = &self.claims[self.out.facts[p].claim];
            let totals: Vec<usize> = self
                .last_plain
                .iter()
                .copied()
                .filter(|&t| same_unit(&self.claims[self.out.facts[t].claim], pc))
                .collect();
            if totals.len() != 1 || done.contains(&totals[0]) {
                continue;
            }
            let total = totals[0];
            done.push(total);
            let parts: Vec<usize> = levels
                .iter()
                .copied()
                .filter(|&q| same_unit(&self.claims[self.out.facts[q].claim], pc))
                .collect();
            self.out.breakdowns.push(Breakdown { kind, total, parts });
        }
    }

    fn after_fact_breakdowns(
        &mut self,
        ids: &[usize],
        among: &mut Option<(usize, Vec<usize>)>,
        bracket: &mut Option<(usize, Vec<usize>)>,
    ) {
        for &id in ids {
            let f = &self.out.facts[id];
            if f.role != Role::Level || f.earlier || f.source == Source::Unknown {
                continue;
            }
            let c = &self.claims[f.claim];
            let same_period = |t: usize| self.out.facts[t].period == f.period;
            if let Some((t, parts)) = bracket.as_mut()
                && f.in_paren
                && same_period(*t)
                && same_unit(&self.claims[self.out.facts[*t].claim], c)
            {
                parts.push(id);
            } else if let Some((t, parts)) = among.as_mut()
                && !f.in_paren
                && *t != id
                && same_period(*t)
                && same_unit(&self.claims[self.out.facts[*t].claim], c)
            {
                parts.push(id);
            }
        }
    }

    fn close_bracket(&mut self, bracket: &mut Option<(usize, Vec<usize>)>) {
        if let Some((total, parts)) = bracket.take()
            && !parts.is_empty()
        {
            self.out.breakdowns.push(Breakdown {
                kind: BreakdownKind::Bracket,
                total,
                parts,
            });
        }
    }

    fn close_among(&mut self, among: &mut Option<(usize, Vec<usize>)>) {
        if let Some((total, parts)) = among.take()
            && !parts.is_empty()
        {
            // Shares without a named whole after 其中 are shares of the total.
            let last = *parts.last().unwrap_or(&total);
            let st = self.out.facts[total].statement;
            let tkey = self.out.facts[total].key.clone();
            for f in self.out.facts[total..].iter_mut() {
                if f.statement == st
                    && f.base.as_deref() == Some("")
                    && f.anchor >= parts[0]
                    && f.anchor <= last
                {
                    f.base = Some(tkey.clone());
                }
            }
            self.out.breakdowns.push(Breakdown {
                kind: BreakdownKind::Among,
                total,
                parts,
            });
        }
    }

    /// How many figures from `k` form a run joined by 、 和 及 与 (or ，) only.
    fn run_len(&self, k: usize, b: usize) -> usize {
        let mut n = 1;
        while k + n < b {
            let prev = &self.claims[k + n - 1];
            let next = &self.claims[k + n];
            if next.kind != prev.kind {
                break;
            }
            let gap = self.text.cut(prev.span.end..next.span.start).trim();
            if !matches!(
                gap,
                "、" | "和" | "及" | "与" | "，" | "," | "以及" | "、和" | "；"
            ) {
                break;
            }
            n += 1;
        }
        n
    }

    /// Level + change + rate of one indicator in one statement.
    fn growths(&mut self, facts: &[usize]) {
        for (pos, &r) in facts.iter().enumerate() {
            let fr = &self.out.facts[r];
            if fr.role != Role::Rate || fr.source != Source::Inherited {
                continue;
            }
            let anchor = fr.anchor;
            let prev = &facts[..pos];
            let Some(&c) = prev.iter().rev().find(|&&i| {
                let f = &self.out.facts[i];
                f.anchor == anchor && f.role == Role::Change
            }) else {
                continue;
            };
            let level = self.out.facts[anchor].clone();
            if level.role != Role::Level || level.earlier || anchor >= c {
                continue;
            }
            let (lc, cc) = (
                &self.claims[level.claim],
                &self.claims[self.out.facts[c].claim],
            );
            if lc.kind != ClaimKind::Quantity || !same_unit(lc, cc) {
                continue;
            }
            // Another rate between the change and this one belongs to the change.
            if prev.iter().any(|&i| {
                i > c && self.out.facts[i].anchor == anchor && self.out.facts[i].role == Role::Rate
            }) {
                continue;
            }
            self.out.growths.push(Growth {
                level: anchor,
                change: c,
                rate: r,
            });
        }
    }

    /// Figures named 合计/总计/共计 and what they may add up.
    fn text_sums(&mut self, sspan: Span, facts: &[usize]) {
        let text = self.text;
        for (pos, &t) in facts.iter().enumerate() {
            let ft = &self.out.facts[t];
            if !ft.total_word || ft.role != Role::Level || ft.in_paren || ft.earlier {
                continue;
            }
            let tc = &self.claims[ft.claim];
            if tc.kind != ClaimKind::Quantity {
                continue;
            }
            let period = ft.period.clone();
            let mut since = 0;
            for (j, &i) in facts[..pos].iter().enumerate() {
                if self.out.facts[i].total_word {
                    since = j + 1;
                }
            }
            let cands: Vec<usize> = facts[since..pos]
                .iter()
                .copied()
                .filter(|&i| {
                    let f = &self.out.facts[i];
                    f.role == Role::Level
                        && !f.in_paren
                        && !f.earlier
                        && matches!(f.source, Source::Direct | Source::Distributed)
                        && f.period == period
                        && same_unit(&self.claims[f.claim], tc)
                })
                .collect();
            let upto = text.cut(sspan.start..tc.span.start);
            let mut readings = Vec::new();
            let mut added = false;
            // "X亿元，增长…。加上A a，B b，收入总计T": the head is the previous
            // statement's first amount.
            let heads = if upto.trim_start().starts_with('加') && !cands.is_empty() {
                self.previous_heads(facts[0], tc, &period)
            } else {
                Vec::new()
            };
            for &h in &heads {
                let mut r = vec![h];
                r.extend(cands.iter().copied());
                readings.push(r);
                added = true;
            }
            if heads.is_empty() && cands.len() < 2 {
                continue;
            }
            if let Some(pj) = upto.rfind("加上") {
                let at = sspan.start + pj;
                let head = cands
                    .iter()
                    .rev()
                    .find(|&&i| self.claims[self.out.facts[i].claim].span.end <= at);
                let rest: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&i| self.claims[self.out.facts[i].claim].span.start > at)
                    .collect();
                if let Some(&h) = head
                    && !rest.is_empty()
                {
                    let mut r = vec![h];
                    r.extend(rest);
                    readings.push(r);
                    added = true;
                }
            }
            if upto.contains("减去") || upto.contains("扣除") || upto.contains("减：") {
                continue;
            }
            if !readings.contains(&cands) {
                readings.push(cands.clone());
            }
            if let Some(qj) = upto.rfind("其中") {
                let at = sspan.start + qj;
                let r: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&i| self.claims[self.out.facts[i].claim].span.start > at)
                    .collect();
                if r.len() >= 2 && !readings.contains(&r) {
                    readings.push(r);
                }
                // Or everything before the 其中.
                let r: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&i| self.claims[self.out.facts[i].claim].span.start < at)
                    .collect();
                if r.len() >= 2 && !readings.contains(&r) {
                    readings.push(r);
                }
            }
            self.out.sums.push(TextSum {
                total: t,
                readings,
                added,
            });
        }
    }

    /// The first named amount of each of the (up to three) statements before
    /// the one whose first fact is `first`, in the same paragraph, in the unit
    /// of `like` and of `period`, nearest first.
    fn previous_heads(&self, first: usize, like: &Claim, period: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(f0) = self.out.facts.get(first) else {
            return out;
        };
        let (sid, para) = (f0.statement, self.out.statements[f0.statement].paragraph);
        let mut end = first;
        for back in 1..=3 {
            let Some(prev) = sid.checked_sub(back) else {
                break;
            };
            if self.out.statements[prev].paragraph != para {
                break;
            }
            let mut start = end;
            while start > 0 && self.out.facts[start - 1].statement >= prev {
                start -= 1;
            }
            let head = (start..end).find(|&i| {
                let f = &self.out.facts[i];
                f.statement == prev
                    && f.role == Role::Level
                    && f.source == Source::Direct
                    && !f.in_paren
                    && !f.earlier
                    && f.period == period
                    && same_unit(&self.claims[f.claim], like)
            });
            out.extend(head);
            end = start;
        }
        out
    }

    /// "甲、乙、丙等3家".
    fn counted_lists(&mut self, sspan: Span, a: usize, b: usize) {
        let text = self.text;
        for k in a..b {
            let c = &self.claims[k];
            if c.kind != ClaimKind::Quantity
                || c.decimals != 0
                || c.approx.is_some()
                || c.direction.is_some()
                || c.value < Decimal::TWO
                || c.value > Decimal::from(200)
            {
                continue;
            }
            let floor = if k > a {
                self.claims[k - 1].span.end
            } else {
                sspan.start
            };
            let gap = text.cut(floor..c.span.start);
            let Some(list) = gap.strip_suffix('等') else {
                continue;
            };
            if list
                .chars()
                .next_back()
                .is_some_and(|p| "平中高同对相均初上下优次一二三特超何".contains(p))
            {
                continue;
            }
            let start = list
                .char_indices()
                .rev()
                .find(|&(_, ch)| is_clause_sep(ch) || matches!(ch, '（' | '('))
                .map_or(0, |(i, ch)| i + ch.len_utf8());
            let region = list.cut(start..);
            let base = floor + start;
            let mut items = Vec::new();
            let mut depth = 0i32;
            let mut item_start = 0;
            let mut ok = true;
            for (i, ch) in region.char_indices() {
                match ch {
                    '“' | '《' | '（' | '(' | '「' | '‘' => depth += 1,
                    '”' | '》' | '）' | ')' | '」' | '’' => depth -= 1,
                    '、' if depth == 0 => {
                        items.push(Span::new(base + item_start, base + i));
                        item_start = i + ch.len_utf8();
                    }
                    _ => {}
                }
                if depth < 0 {
                    ok = false;
                }
            }
            if !ok || depth != 0 || items.is_empty() {
                continue;
            }
            items.push(Span::new(base + item_start, base + region.len()));
            let good = items.iter().all(|s| {
                let t = text.cut(s.start..s.end);
                let n = t.chars().count();
                (1..=25).contains(&n)
                    && !t
                        .chars()
                        .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
            });
            if !good {
                continue;
            }
            self.out.lists.push(CountedList {
                items,
                count: k,
                open: true,
            });
        }
    }

    /// Ratios a：b：c in the statement.
    fn ratios(&mut self, sid: usize, sspan: Span) {
        let st = self.text.cut(sspan.start..sspan.end);
        if !st.contains(['：', ':', '∶'])
            || !(st.contains("结构")
                || st.contains("比例")
                || st.contains("之比")
                || st.contains("比为"))
        {
            return;
        }
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = RE.get_or_init(|| {
            Regex::new(r"[0-9]+(?:\.[0-9]+)?(?:[ \t]*[：:∶][ \t]*[0-9]+(?:\.[0-9]+)?)+")
                .expect("ratio regex")
        });
        let mut found: Vec<Ratio> = Vec::new();
        for m in re.find_iter(st) {
            // Not part of a longer number or a time (10:30) / a date.
            let before = st.cut(..m.start()).chars().next_back();
            let after = st.cut(m.end()..).chars().next();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                || after.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '%' | '％' | '.' | '：' | ':')
                })
            {
                continue;
            }
            let ms = m.as_str();
            let mut segs = Vec::new();
            let mut seg_start = 0;
            for (i, ch) in ms.char_indices() {
                if matches!(ch, '：' | ':' | '∶') {
                    segs.push((seg_start, i));
                    seg_start = i + ch.len_utf8();
                }
            }
            segs.push((seg_start, ms.len()));
            let mut terms = Vec::new();
            for (s, e) in segs {
                let part = ms.cut(s..e);
                let lead = part.len() - part.trim_start().len();
                let t = part.trim();
                let abs = sspan.start + m.start() + s + lead;
                let decimals = t.split_once('.').map_or(0, |(_, f)| f.len() as u32);
                if let Ok(v) = t.parse::<Decimal>() {
                    terms.push(RatioTerm {
                        span: Span::new(abs, abs + t.len()),
                        value: v,
                        decimals,
                    });
                }
            }
            if terms.len() < 2 {
                continue;
            }
            let head = st.cut(..m.start());
            let cstart = head
                .char_indices()
                .rev()
                .find(|&(_, ch)| matches!(ch, '，' | '；' | '。' | ','))
                .map_or(0, |(i, ch)| i + ch.len_utf8());
            let context = head.cut(cstart..);
            if !["结构", "比例", "之比", "比为", "比是"]
                .iter()
                .any(|w| context.contains(w))
                && found.last().is_none_or(|r| r.statement != sid)
            {
                continue;
            }
            // Only the words since the previous ratio say whether this one is earlier.
            let own = match found.last() {
                Some(r) if r.statement == sid && r.span.end > sspan.start + cstart => {
                    st.cut(r.span.end - sspan.start..m.start())
                }
                _ => context,
            };
            let previous = ["上年", "去年", "上一年"].iter().any(|w| own.contains(w));
            found.push(Ratio {
                span: Span::new(sspan.start + m.start(), sspan.start + m.end()),
                terms,
                context: Span::new(sspan.start + cstart, sspan.start + m.start()),
                previous,
                statement: sid,
            });
        }
        // 由a:b:c调整为d:e:f: all but the last are earlier.
        let n = found.len();
        for i in 0..n.saturating_sub(1) {
            let between = self.text.cut(found[i].span.end..found[i + 1].span.start);
            if [
                "调整为",
                "变为",
                "优化为",
                "转变为",
                "调整到",
                "变化为",
                "发展为",
            ]
            .iter()
            .any(|w| between.contains(w))
            {
                found[i].previous = true;
            }
        }
        for (i, r) in found.iter_mut().enumerate() {
            let ctx = self.text.cut(r.context.start..r.context.end);
            if i + 1 < n && (ctx.ends_with('由') || ctx.ends_with('从') || ctx.ends_with("由上年"))
            {
                r.previous = true;
            }
        }
        self.out.ratios.extend(found);
    }
}

/// The years written as four ASCII digits before 年 in `t`.
fn years_in(t: &str) -> impl Iterator<Item = &str> {
    let b = t.as_bytes();
    memchr::memmem::find_iter(b, "年".as_bytes())
        .filter(move |&i| {
            i >= 4
                && b[i - 4..i].iter().all(u8::is_ascii_digit)
                && (i == 4 || !b[i - 5].is_ascii_digit())
        })
        .map(move |i| t.cut(i - 4..i))
}

/// The year a text starts with: 2025年… / 二、2026年… / （一）2025年… → "2025".
fn leading_year(t: &str) -> Option<String> {
    let y = leading_year_any(t)?;
    // A date (2026年6月5日) is not a period.
    let after = t
        .trim_start()
        .split_once(&format!("{y}年"))
        .map_or("", |(_, r)| r);
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    (digits == 0 || !after.cut(digits..).starts_with('月')).then_some(y)
}

fn leading_year_any(t: &str) -> Option<String> {
    let t = t.trim_start();
    let t = t.trim_start_matches(|c: char| {
        matches!(
            c,
            '一' | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '、'
                | '（'
                | '）'
                | '('
                | ')'
                | '.'
                | ' '
        )
    });
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    (digits.len() == 4 && t.cut(4..).starts_with('年')).then_some(digits)
}

/// Where the head of a gap starts: after the last clause separator or
/// opening bracket that is not inside a closed bracket pair, reading
/// backwards (so 余额（本外币合计，下同）X keeps 余额 as the head). Also whether a
/// separator was crossed.
fn head_start(gap: &str) -> (usize, bool) {
    let mut depth = 0usize;
    for (i, ch) in gap.char_indices().rev() {
        match ch {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                if depth == 0 {
                    return (i + ch.len_utf8(), true);
                }
                depth -= 1;
            }
            _ if depth == 0 && is_clause_sep(ch) => return (i + ch.len_utf8(), true),
            _ => {}
        }
    }
    (0, false)
}

/// 比上年增支, 较年初多, 同比减收 …: a comparison, not a name.
fn is_comparison(name: &str) -> bool {
    [
        "比上年",
        "比去年",
        "较上年",
        "较去年",
        "比年初",
        "较年初",
        "比上年末",
        "较上年末",
        "同比",
        "环比",
        "比同期",
        "较同期",
    ]
    .iter()
    .any(|w| name.starts_with(w))
}

/// Whether two names end with the same two characters (the same head noun:
/// 第一产业增加值 / 第二产业增加值).
pub fn same_head(a: &str, b: &str) -> bool {
    let tail = |s: &str| s.chars().rev().take(2).collect::<String>();
    !a.is_empty() && tail(a) == tail(b)
}

/// Whether two claims measure in the same unit (values are comparable).
pub fn same_unit(a: &Claim, b: &Claim) -> bool {
    a.kind == b.kind && a.unit == b.unit && a.dimension == b.dimension
}

fn role_of(c: &Claim, share: bool) -> Role {
    match c.kind {
        ClaimKind::PercentagePoints | ClaimKind::PerMillePoints => Role::Points,
        ClaimKind::Multiple => Role::Multiple,
        ClaimKind::Percent | ClaimKind::PerMille => {
            if c.direction.is_some() {
                Role::Rate
            } else if share {
                Role::Share
            } else {
                Role::Level
            }
        }
        ClaimKind::Quantity => {
            if c.direction.is_some() {
                Role::Change
            } else {
                Role::Level
            }
        }
    }
}

/// 其中 / 按…分 / 分…看 / 在X中 at the start of a statement.
fn statement_marker(st: &str) -> Marker {
    let st = st.trim_start();
    let end = st.find(is_clause_sep).unwrap_or(st.len());
    let first = st.cut(..end);
    if first.starts_with("其中") {
        return Marker::Among;
    }
    let n = first.chars().count();
    if n <= 14 && end < st.len() {
        if (first.starts_with('按')
            && (first.ends_with('分') || first.ends_with("划分") || first.ends_with("分组")))
            || (first.starts_with('分') && first.ends_with('看'))
            || (first.starts_with('从')
                && first.ends_with('看')
                && (first.contains("构成") || first.contains("来源") || first.contains("类")))
        {
            return Marker::Category;
        }
        if let Some(x) = first.strip_prefix('在').and_then(|x| x.strip_suffix('中'))
            && plausible_name(x)
        {
            return Marker::Within(x.to_string());
        }
    }
    Marker::None
}

/// 占…比重 / 占…的比例 / 占…: (the part's name, the whole's name) from a head.
fn split_share(h: &str) -> Option<(&str, &str)> {
    let i = h.rfind('占')?;
    let after = h.cut(i + '占'.len_utf8()..);
    if (after.starts_with('地') && !after.starts_with("地区"))
        || after.starts_with(['用', '有', '领', '据', '优'])
    {
        return None;
    }
    let part = h.cut(..i);
    let mut base = after;
    loop {
        let before = base.len();
        for w in [
            "分别为",
            "分别是",
            "分别达",
            "分别",
            "比重",
            "比例",
            "份额",
            "的",
            "为",
            "达到",
            "达",
            "是",
            "了",
        ] {
            if let Some(b) = base.strip_suffix(w) {
                base = b;
            }
        }
        if base.len() == before {
            break;
        }
    }
    // 占比 / 占全部的比重: no named whole.
    let base = match base {
        "比" | "全部" | "总数" | "总量" | "总额" => "",
        b => b.strip_suffix("的").unwrap_or(b),
    };
    if base.chars().count() > 20 {
        return None;
    }
    Some((part, base))
}

/// `h` ends with 由 / 从 (+ 上年的, 2020年的 …): where the name ends and the period.
fn transition_source(h: &str) -> Option<(usize, String)> {
    let i = h.rfind(['由', '从'])?;
    let rest = h.cut(i + '由'.len_utf8()..);
    let rest = rest.strip_suffix('的').unwrap_or(rest);
    let period = match rest {
        "" => "earlier".to_string(),
        "上年" | "去年" | "上年末" | "上年底" | "年初" | "上年同期" => {
            "上年".to_string()
        }
        r => {
            let y = r
                .strip_suffix("年末")
                .or_else(|| r.strip_suffix("年底"))
                .or_else(|| r.strip_suffix('年'))?;
            if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
                y.to_string()
            } else {
                return None;
            }
        }
    };
    Some((i, period))
}

fn is_transition_verb(h: &str) -> bool {
    let h = h
        .strip_suffix('到')
        .or_else(|| h.strip_suffix('至'))
        .or_else(|| h.strip_suffix("为"));
    let Some(h) = h else { return false };
    let h = h.strip_suffix('了').unwrap_or(h);
    TRANSITION_VERBS.contains(&h)
}
