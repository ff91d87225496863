//! `duplicate`: repeated sections, paragraphs and long sentences.
//!
//! Reports get published with a section, a paragraph or a sentence pasted twice.
//! A rule of this kind looks at one `scope`:
//!
//! - `scope: paragraphs` (the default) — a run of paragraphs that repeats earlier
//!   ones, exactly or nearly. Consecutive duplicated paragraphs are grouped into
//!   one finding, so a whole body pasted twice is one finding on the second copy,
//!   with a label on the first.
//! - `scope: sentences` — a long sentence (or a run of them) repeated elsewhere.
//!   The paragraph pass runs first (with this rule's `min_chars`, `similarity`
//!   and `max_gap`) and the sentences of every paragraph it finds inside a copy
//!   are skipped, so a pasted block is not reported again sentence by sentence.
//!   When a `paragraphs` rule with the same settings has just run on the same
//!   document (the built-in pair), its pass is reused, not repeated.
//!
//! # How it works (linear in the text, with bounded work per unit)
//!
//! 1. Each unit (paragraph or sentence) is *normalized*: white space removed,
//!    full-width ASCII forms and Chinese punctuation mapped to half-width forms
//!    (，→`,` 。→`.` “”→`"` …), ASCII lower-cased.
//! 2. *Anchors* are the units matched on their own: at least `min_chars`
//!    (paragraphs) / `min_sentence_chars` (sentences) long, counting a CJK
//!    ideograph 1 and an ASCII letter ½ (digits and punctuation 0, so table rows
//!    stay short); ending with sentence-final punctuation unless *long*
//!    (`LONG_FACTOR` = 3 times the minimum; a line broken mid-sentence, as in text
//!    extracted from PDF, is not a paragraph); not a heading, not a table note
//!    (「注：」「备注：」… and the lines of a notes block: the knowledge's
//!    `words: note-prefixes`) and
//!    free of control characters (extraction garbage). Short units are still
//!    part of runs (below).
//! 3. *Exact* duplicates: a hash map from normalized text to its first few
//!    occurrences (at most `MAX_OCCURRENCES` = 4); a copy is paired with those,
//!    preferring the FIRST occurrence, so 10,000 identical lines stay linear.
//! 4. *Near* duplicates, only between *long* anchors, only for the first
//!    occurrence of each distinct text: 5-character shingles, a MinHash
//!    signature of `SIGNATURE` = 20 values and LSH banding (`BANDS` = 10 bands
//!    of `ROWS` = 2 rows). Each bucket keeps at most `BUCKET_CAP` = 8 units, so a
//!    unit gets a bounded number of candidates; those whose signatures agree on
//!    at least `MIN_AGREEMENT` = 5 values are verified, best first (at most
//!    `MAX_VERIFY` = 4, the first that passes is taken) with a `similar`
//!    character diff of the normalized texts: `2·matches / (len₁ + len₂)` must
//!    reach `similarity`, and at most `MAX_CHANGED_NUMBERS` = 2 numbers may
//!    differ (more is the same template filled with other data, e.g. this
//!    year's budget vs last year's). A deadline bounds each diff of long texts,
//!    and a time budget per document all of them (`LONG_DIFF_BUDGET`: only
//!    pathological input reaches it).
//! 5. *Runs*: paired anchors are grouped in document order while both the copies
//!    and their originals advance, for paragraphs each by at most `max_gap + 1`
//!    (so a heading or an edited paragraph inside a pasted block does not split
//!    it), for sentences by exactly 1; the original stays before the copy. A run
//!    then grows outwards over neighbouring units exactly equal to their
//!    counterparts, however short (a repeated 「各位代表：」 just before a repeated
//!    body belongs to it), and runs that then meet are merged.
//! 6. One finding per run: the primary span runs from the first to the last unit
//!    of the copy, a label 「原文在此」 marks the original. Message variables:
//!    `count` (units in the copy, gaps included), `line` / `end_line` (1-based
//!    lines where the original starts and ends), `copy_line`, `similarity`
//!    (percent, weighted by length; 100 only for exact copies) and `diff` — empty
//!    for exact copies, otherwise a short inline diff of the first differing pair
//!    around its first differences, e.g.
//!    `与原文的差异：…生产总值[-372-]{+415+}亿元…（[-…-]为原文，{+…+}为此处）`.

use crate::span::Cut;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde_saphyr::Spanned;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline, diff_ratio, group_diff_ops};

use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::Finding;
use crate::segment::Sentence;
use crate::span::Span;

pub const KIND: &str = "duplicate";

/// Which units a rule compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Runs of paragraphs (sections, single paragraphs).
    #[default]
    Paragraphs,
    /// Long sentences outside duplicated paragraphs.
    Sentences,
}

const DEFAULT_MIN_CHARS: usize = 20;
const DEFAULT_MIN_SENTENCE_CHARS: usize = 40;
const DEFAULT_SIMILARITY: f64 = 0.9;

fn default_max_gap() -> usize {
    2
}

rule_spec! {
    /// See docs/rules.md#duplicate.
    pub struct Spec {
        /// `paragraphs` (default) or `sentences`.
        #[serde(default)]
        pub scope: Scope,
        /// Paragraphs shorter than this (CJK characters; ASCII letters count ½,
        /// digits and punctuation 0) are not matched on their own (default 20).
        #[serde(default)]
        pub min_chars: Option<Spanned<usize>>,
        /// `sentences`: sentences shorter than this (counted as `min_chars`) are
        /// not matched on their own (default 40).
        #[serde(default)]
        pub min_sentence_chars: Option<Spanned<usize>>,
        /// Near-duplicate threshold in (0, 1]; 1 = exact copies only (default 0.9).
        #[serde(default)]
        pub similarity: Option<Spanned<f64>>,
        /// Short or unmatched paragraphs allowed inside a run, on both the copy's
        /// and the original's side (default 2). Sentence runs have no gaps.
        #[serde(default = "default_max_gap")]
        pub max_gap: usize,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let similarity = match &spec.similarity {
        Some(s) if !(s.value > 0.0 && s.value <= 1.0) => {
            return Err(SpecError::at(
                s,
                format!("`similarity` must be in (0, 1], not {}", s.value),
            )
            .help("0.9 means 90% of the characters are the same; 1 reports exact copies only"));
        }
        Some(s) => s.value,
        None => DEFAULT_SIMILARITY,
    };
    let positive = |field: &Option<Spanned<usize>>, name: &str, default: usize| match field {
        Some(f) if f.value == 0 => Err(SpecError::at(f, format!("`{name}` must be at least 1"))),
        Some(f) => Ok(f.value),
        None => Ok(default),
    };
    let min_chars = positive(&spec.min_chars, "min_chars", DEFAULT_MIN_CHARS)?;
    let min_sentence_chars = positive(
        &spec.min_sentence_chars,
        "min_sentence_chars",
        DEFAULT_MIN_SENTENCE_CHARS,
    )?;
    Ok(Box::new(Duplicate {
        scope: spec.scope,
        paragraphs: Params {
            min_chars,
            similarity,
            max_gap: spec.max_gap,
        },
        sentences: Params {
            min_chars: min_sentence_chars,
            similarity,
            max_gap: 0,
        },
    }))
}

#[derive(Debug, Clone, Copy)]
struct Params {
    min_chars: usize,
    similarity: f64,
    max_gap: usize,
}

#[derive(Debug)]
struct Duplicate {
    scope: Scope,
    paragraphs: Params,
    sentences: Params,
}

impl Check for Duplicate {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = ctx.doc.text.as_str();
        let notes = &Notes::new(ctx.knowledge.words.get("note-prefixes"));
        let paragraphs: Vec<Span> = ctx.segments.paragraphs.iter().map(|p| p.span).collect();
        let skip = skipped_paragraphs(ctx, notes);
        let key = pass_key(ctx, notes.words, &self.paragraphs);
        // Built only when there is a run to judge (runs are rare).
        let form = std::cell::OnceCell::new();
        let form = || form.get_or_init(|| FormLabels::new(text, &paragraphs));
        match self.scope {
            Scope::Paragraphs => {
                let runs = find_runs(text, &paragraphs, |i| skip[i], notes, &self.paragraphs);
                let copies = runs.iter().map(|r| r.copy).collect();
                LAST_PASS.with(|last| *last.borrow_mut() = Some((key, copies)));
                let runs: Vec<Run> = runs
                    .into_iter()
                    .filter(|r| !form().separates(r.orig.1, r.copy.0))
                    .collect();
                report(rule, ctx, &paragraphs, &runs, out)
            }
            Scope::Sentences => {
                // The paragraph pass of `duplicate/block` on this document, when
                // it ran just before with the same settings; else run it here.
                let copies = LAST_PASS
                    .with(|last| match &*last.borrow() {
                        Some((k, copies)) if *k == key => Some(copies.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| {
                        find_runs(text, &paragraphs, |i| skip[i], notes, &self.paragraphs)
                            .iter()
                            .map(|r| r.copy)
                            .collect()
                    });
                let mut copied = vec![false; paragraphs.len()];
                for &(a, b) in &copies {
                    copied[a..=b].fill(true);
                }
                let sentences: Vec<&Sentence> = ctx
                    .segments
                    .sentences
                    .iter()
                    .filter(|s| !copied[s.paragraph])
                    .collect();
                let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
                let runs: Vec<Run> = find_runs(
                    text,
                    &spans,
                    |i| skip[sentences[i].paragraph],
                    notes,
                    &self.sentences,
                )
                .into_iter()
                .filter(|r| {
                    !form().separates(sentences[r.orig.1].paragraph, sentences[r.copy.0].paragraph)
                })
                .collect();
                report(rule, ctx, &spans, &runs, out);
            }
        }
    }
}

thread_local! {
    /// The copies found by the last paragraph pass on this thread, under the
    /// key of its document, paragraphs, notes and settings ([`pass_key`]).
    /// Both built-in duplicate rules need the paragraph pass (the sentence
    /// rule skips the sentences of copied paragraphs); the rules of a
    /// document run one after the other on one thread, so the second finds
    /// the first's result here instead of repeating the most expensive pass.
    static LAST_PASS: RefCell<Option<(u64, Copies)>> = const { RefCell::new(None) };
}

/// The copied ranges of a paragraph pass (first and last paragraph of each).
type Copies = Vec<(usize, usize)>;

/// What the paragraph pass's result depends on: the text, its paragraphs
/// (and which are headings), the note prefixes and the settings.
fn pass_key(ctx: &Context<'_>, notes: &[String], params: &Params) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    ctx.doc.text.hash(&mut h);
    for p in &ctx.segments.paragraphs {
        (p.span.start, p.span.end, p.heading).hash(&mut h);
    }
    notes.hash(&mut h);
    (
        params.min_chars,
        params.similarity.to_bits(),
        params.max_gap,
    )
        .hash(&mut h);
    h.finish()
}

/// Paragraphs that never anchor a match: headings, and notes blocks — a bare
/// 「注：」/「备注：」 line and the paragraphs after it up to the next heading (at
/// most [`NOTE_BLOCK`]). Notes under tables are repeated by design.
fn skipped_paragraphs(ctx: &Context<'_>, notes: &Notes<'_>) -> Vec<bool> {
    let paragraphs = &ctx.segments.paragraphs;
    let mut skip: Vec<bool> = paragraphs.iter().map(|p| p.heading.is_some()).collect();
    for (i, p) in paragraphs.iter().enumerate() {
        let t = ctx.text(p.span);
        let bare = notes.prefixes(t).any(|n| {
            t.cut(n.len()..)
                .trim_matches([':', '：', ' ', '\u{3000}'])
                .is_empty()
        });
        if bare {
            for j in i + 1..(i + 1 + NOTE_BLOCK).min(paragraphs.len()) {
                if paragraphs[j].heading.is_some() {
                    break;
                }
                skip[j] = true;
            }
        }
    }
    skip
}

/// Paragraphs after a bare 「注：」 line that belong to the notes.
const NOTE_BLOCK: usize = 6;

/// The prefixes of notes (the knowledge's `words: note-prefixes`), with a
/// table of their first bytes: most lines start with none of them and are
/// passed over with one look-up.
struct Notes<'a> {
    words: &'a [String],
    first: [bool; 256],
}

impl<'a> Notes<'a> {
    fn new(words: &'a [String]) -> Self {
        let mut first = [false; 256];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                first[b as usize] = true;
            }
        }
        Notes { words, first }
    }

    /// The prefixes `t` starts with.
    fn prefixes<'t>(&'t self, t: &'t str) -> impl Iterator<Item = &'a str> + 't {
        let maybe = t
            .as_bytes()
            .first()
            .is_some_and(|&b| self.first[b as usize]);
        let words: &'a [String] = if maybe { self.words } else { &[] };
        words
            .iter()
            .filter(move |w| !w.is_empty() && t.starts_with(w.as_str()))
            .map(String::as_str)
    }
}

/// A form field's label is at most this many characters long.
const FORM_LABEL_CHARS: usize = 20;
/// A label that occurs this many times in a document belongs to a form
/// repeated for many items (项目绩效目标表: 总体绩效目标, 年度目标 …).
const FORM_LABEL_MIN: usize = 3;
/// A copy at most this many paragraphs after its original may be the next
/// field of the same form.
const FORM_GAP: usize = 8;

/// The labels of repeated forms. In a form filled in for many items, one
/// text often fills two fields (a project's 实施周期总目标 and its 年度目标):
/// a passage repeated within a few paragraphs, with such a label between the
/// original and the copy, is the next field of the form, not a paragraph
/// pasted twice.
struct FormLabels {
    /// For each paragraph, whether it is a label of a repeated form.
    label: Vec<bool>,
}

impl FormLabels {
    fn new(text: &str, paragraphs: &[Span]) -> Self {
        let is_label = |t: &str| {
            t.len() <= 4 * FORM_LABEL_CHARS
                && t.chars().nth(FORM_LABEL_CHARS).is_none()
                && t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                && !t.contains([
                    '，', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?', '、',
                ])
        };
        let texts: Vec<Option<&str>> = paragraphs
            .iter()
            .map(|p| Some(text.cut(p.start..p.end)).filter(|t| is_label(t)))
            .collect();
        let mut count: FxHashMap<&str, usize> = FxHashMap::default();
        for t in texts.iter().flatten() {
            *count.entry(t).or_default() += 1;
        }
        let label = texts
            .iter()
            .map(|t| t.is_some_and(|t| count[t] >= FORM_LABEL_MIN))
            .collect();
        FormLabels { label }
    }

    /// Whether the paragraphs strictly between `orig_end` and `copy_start`
    /// (at most [`FORM_GAP`]) include a label of a repeated form.
    fn separates(&self, orig_end: usize, copy_start: usize) -> bool {
        copy_start > orig_end + 1
            && copy_start - orig_end - 1 <= FORM_GAP
            && self.label[orig_end + 1..copy_start].iter().any(|&l| l)
    }
}

fn report(
    rule: &RuleMeta,
    ctx: &Context<'_>,
    units: &[Span],
    runs: &[Run],
    out: &mut Vec<Finding>,
) {
    let text = ctx.doc.text.as_str();
    for run in runs {
        let copy = Span::new(units[run.copy.0].start, units[run.copy.1].end);
        let orig = Span::new(units[run.orig.0].start, units[run.orig.1].end);
        // 1-based line (`lines.position(..).line` without counting the column,
        // which would cost a scan of the line: quadratic on a one-line document).
        let line = |offset: usize| (ctx.doc.lines.line_of(offset) + 1).to_string();
        let count = (run.copy.1 - run.copy.0 + 1).to_string();
        let similarity = run.percent().to_string();
        let diff = run
            .pairs
            .iter()
            .find(|p| p.similarity < 1.0)
            .map(|p| {
                let (o, c) = (units[p.orig], units[p.copy]);
                describe_diff(text.cut(o.start..o.end), text.cut(c.start..c.end))
            })
            .unwrap_or_default();
        let (line, end_line, copy_line) = (line(orig.start), line(orig.end), line(copy.start));
        let vars = [
            ("count", count.as_str()),
            ("line", line.as_str()),
            ("end_line", end_line.as_str()),
            ("copy_line", copy_line.as_str()),
            ("similarity", similarity.as_str()),
            ("diff", diff.as_str()),
        ];
        out.push(
            rule.finding(copy, &vars)
                .with_primary_label("重复的内容")
                .with_label(orig, "原文在此"),
        );
    }
}

// ---------------------------------------------------------------------------
// Normalization

/// The normalized form of a character, or `None` for characters that do not
/// count (white space, byte-order marks, zero-width spaces).
fn normalize_char(c: char) -> Option<char> {
    if c.is_whitespace()
        || matches!(
            c,
            '\u{3000}' | '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}'
        )
    {
        return None;
    }
    let c = match c {
        // Full-width ASCII forms: ，；：（）！？％０-９Ａ-Ｚ …
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '。' | '｡' => '.',
        '“' | '”' | '「' | '」' => '"',
        '‘' | '’' | '『' | '』' => '\'',
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        '—' | '–' | '―' => '-',
        _ => c,
    };
    Some(c.to_ascii_lowercase())
}

/// Weight of a normalized character for `min_chars`, in half characters: a CJK
/// ideograph counts 1, an ASCII letter ½ (an ideograph carries about as much
/// as two letters), digits, punctuation and symbols nothing, so table rows,
/// dot leaders and short English stock phrases stay below the thresholds.
fn text_weight(c: char) -> usize {
    if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) {
        2
    } else {
        c.is_ascii_alphabetic() as usize
    }
}

/// Whether a unit ends like a complete sentence or paragraph (not like a table
/// row or a line broken in the middle of a sentence, as in text extracted from PDF).
fn ends_complete(s: &str) -> bool {
    s.trim_end_matches(['”', '’', '"', '\'', '）', ')', '」', '』', '》', '】'])
        .ends_with([
            '。', '．', '.', '！', '!', '？', '?', '；', ';', '：', ':', '…',
        ])
}

/// One unit's normalized text and what decides whether it is matched.
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Byte range in [`Normalized::buf`].
    start: usize,
    end: usize,
    /// Normalized characters.
    chars: usize,
    /// Σ [`text_weight`] / 2: what `min_chars` is compared with.
    text_chars: usize,
    /// Not a heading, not a table note, no control characters (extraction garbage).
    prose: bool,
    /// Ends with sentence-final punctuation ([`ends_complete`]).
    complete: bool,
}

impl Unit {
    /// Whether this unit is matched on its own (an anchor of a run): prose, at
    /// least `min_chars` long, and complete unless [long](Self::long).
    fn anchor(&self, min_chars: usize) -> bool {
        self.prose && self.text_chars >= min_chars && (self.complete || self.long(min_chars))
    }
    /// At least [`LONG_FACTOR`] × `min_chars`: may be matched without final
    /// punctuation, and may be a near duplicate.
    fn long(&self, min_chars: usize) -> bool {
        self.text_chars >= LONG_FACTOR * min_chars
    }
}

/// All units' normalized texts in one buffer.
struct Normalized {
    buf: String,
    units: Vec<Unit>,
}

impl Normalized {
    /// `skip(i)`: unit `i` is never an anchor (a heading, part of a notes
    /// block); units starting with one of `notes` are notes (under tables,
    /// repeated by design).
    fn new(text: &str, spans: &[Span], skip: impl Fn(usize) -> bool, notes: &Notes<'_>) -> Self {
        let mut buf = String::with_capacity(spans.iter().map(|s| s.len()).sum());
        let mut units = Vec::with_capacity(spans.len());
        for (i, s) in spans.iter().enumerate() {
            let raw = text.cut(s.start..s.end);
            let start = buf.len();
            let (mut chars, mut weight, mut control) = (0, 0, false);
            for c in raw.chars() {
                control |= c.is_control() && c != '\t';
                if let Some(n) = normalize_char(c) {
                    buf.push(n);
                    chars += 1;
                    weight += text_weight(n);
                }
            }
            let note = notes.prefixes(raw).next().is_some();
            units.push(Unit {
                start,
                end: buf.len(),
                chars,
                text_chars: weight / 2,
                prose: !control && !note && !skip(i),
                complete: ends_complete(raw),
            });
        }
        Normalized { buf, units }
    }
    fn text(&self, i: usize) -> &str {
        self.buf.cut(self.units[i].start..self.units[i].end)
    }
    fn chars(&self, i: usize) -> usize {
        self.units[i].chars
    }
}

// ---------------------------------------------------------------------------
// Candidate search

/// Earlier occurrences of an exact text kept for pairing (the first ones).
const MAX_OCCURRENCES: usize = 4;
/// Units of at least this many times `min_chars` are *long*: only long units
/// may be near (inexact) duplicates — a short line differing in a word or a
/// number is usually a different line (表六 vs 表七, 一般债务 vs 专项债务), not an
/// edited copy — and long units are matched even without final punctuation.
const LONG_FACTOR: usize = 3;
/// A near duplicate in which more numbers than this changed is the same
/// template filled with other data (this year's budget vs last year's), not a copy.
const MAX_CHANGED_NUMBERS: usize = 2;
/// Shingle length in characters.
const SHINGLE: usize = 5;
/// LSH bands × rows = MinHash signature length.
const BANDS: usize = 10;
const ROWS: usize = 2;
const SIGNATURE: usize = BANDS * ROWS;
/// Units kept per LSH bucket (the first ones); later ones are not added.
const BUCKET_CAP: usize = 8;
/// Candidates whose signatures agree on fewer values are not verified.
const MIN_AGREEMENT: usize = 5;
/// Candidates verified with a diff per unit, best signature agreement first
/// (the first that passes is taken).
const MAX_VERIFY: usize = 4;
/// Time limit for one diff of long texts; past it `similar` approximates (a
/// lower ratio, so at worst a missed near duplicate on pathological input).
const DIFF_TIMEOUT: Duration = Duration::from_millis(50);

/// Texts of more characters than this (both together) are *long to diff*.
const LONG_DIFF: usize = 2000;
/// Time one rule may spend verifying near duplicates that are long to diff in
/// one document; past it, such pairs are no longer verified. Only pathological
/// input gets there (hundreds of long paragraphs made of the same sentences in
/// different orders): real reports spend milliseconds.
const LONG_DIFF_BUDGET: Duration = Duration::from_secs(1);

/// A deadline for diffing texts of `len` characters in all; none for short
/// texts, which are fast anyway (and reading the clock would dominate).
fn deadline(len: usize) -> Option<Instant> {
    if len > LONG_DIFF {
        Instant::now().checked_add(DIFF_TIMEOUT)
    } else {
        None
    }
}

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Multiply-shift hash functions `(a·x + b) >> 32`, one per signature value.
const HASHES: [(u64, u64); SIGNATURE] = {
    let mut out = [(0, 0); SIGNATURE];
    let mut i = 0;
    while i < SIGNATURE {
        out[i] = (splitmix(2 * i as u64) | 1, splitmix(2 * i as u64 + 1));
        i += 1;
    }
    out
};

type Signature = [u32; SIGNATURE];

fn signature(chars: &[char]) -> Signature {
    let mut sig = [u32::MAX; SIGNATURE];
    let k = SHINGLE.min(chars.len()).max(1);
    for w in chars.windows(k) {
        let mut h = 0u64;
        for &c in w {
            h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
        }
        let h = splitmix(h);
        for (s, &(a, b)) in sig.iter_mut().zip(HASHES.iter()) {
            let v = (a.wrapping_mul(h).wrapping_add(b) >> 32) as u32;
            if v < *s {
                *s = v;
            }
        }
    }
    sig
}

/// A small fixed-capacity list of unit indices.
#[derive(Clone, Copy)]
struct Slots<const N: usize> {
    ids: [u32; N],
    len: u8,
}

impl<const N: usize> Slots<N> {
    fn one(id: usize) -> Self {
        let mut ids = [0; N];
        ids[0] = id as u32;
        Slots { ids, len: 1 }
    }
    fn push(&mut self, id: usize) {
        if (self.len as usize) < N {
            self.ids[self.len as usize] = id as u32;
            self.len += 1;
        }
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids[..self.len as usize].iter().map(|&i| i as usize)
    }
}

/// Compare two normalized texts: the similarity `2·matches / (len₁ + len₂)`
/// and how many numbers differ (changes touching digits; changes separated
/// only by digits, `.` or `,` belong to one number).
fn compare(a: &[char], b: &[char]) -> (f64, usize) {
    let ops = capture_diff_slices_deadline(Algorithm::Myers, a, b, deadline(a.len() + b.len()));
    let numeric = |c: &char| c.is_ascii_digit() || matches!(c, '.' | ',');
    let (mut numbers, mut in_number) = (0, false);
    for op in &ops {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                in_number &= a[old_index..old_index + len].iter().all(numeric);
            }
            _ => {
                let digits = a[op.old_range()]
                    .iter()
                    .chain(&b[op.new_range()])
                    .any(char::is_ascii_digit);
                if digits && !in_number {
                    numbers += 1;
                }
                in_number |= digits;
            }
        }
    }
    (diff_ratio(&ops, a.len(), b.len()) as f64, numbers)
}

// ---------------------------------------------------------------------------
// Runs

/// One copy unit paired with its original.
#[derive(Debug, Clone, Copy)]
struct Pair {
    copy: usize,
    orig: usize,
    similarity: f64,
}

/// A run of copied units `copy.0..=copy.1` repeating `orig.0..=orig.1`.
#[derive(Debug, Clone)]
struct Run {
    copy: (usize, usize),
    orig: (usize, usize),
    /// The matched pairs (gaps are not paired; units added by the outward
    /// extension are exact).
    pairs: Vec<Pair>,
    /// Σ similarity·weight and Σ weight, weight = characters of both units.
    weighted: f64,
    weight: f64,
}

impl Run {
    fn new(p: Pair, norm: &Normalized) -> Self {
        let mut r = Run {
            copy: (p.copy, p.copy),
            orig: (p.orig, p.orig),
            pairs: Vec::new(),
            weighted: 0.0,
            weight: 0.0,
        };
        r.add(p, norm);
        r
    }
    fn add(&mut self, p: Pair, norm: &Normalized) {
        let w = (norm.chars(p.copy) + norm.chars(p.orig)) as f64;
        self.weighted += p.similarity * w;
        self.weight += w;
        self.pairs.push(p);
    }
    fn push(&mut self, p: Pair, norm: &Normalized) {
        self.copy.1 = p.copy;
        self.orig.1 = p.orig;
        self.add(p, norm);
    }
    /// Similarity in percent; 100 only when every pair is exact.
    fn percent(&self) -> u32 {
        if self.pairs.iter().all(|p| p.similarity >= 1.0) {
            100
        } else {
            ((self.weighted / self.weight.max(1.0) * 100.0).floor() as u32).min(99)
        }
    }
}

/// Find the runs of duplicated units, in document order.
fn find_runs(
    text: &str,
    spans: &[Span],
    skip: impl Fn(usize) -> bool,
    notes: &Notes<'_>,
    params: &Params,
) -> Vec<Run> {
    let norm = Normalized::new(text, spans, skip, notes);
    let matches = find_matches(&norm, params);
    let mut runs: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    for (copy, candidates) in matches {
        if let Some(run) = &mut current {
            let (last_copy, last_orig) = (run.copy.1, run.orig.1);
            if copy - last_copy - 1 <= params.max_gap {
                let expected = last_orig + (copy - last_copy);
                let next = candidates
                    .iter()
                    .filter(|p| p.orig > last_orig && p.orig - last_orig - 1 <= params.max_gap)
                    .filter(|p| p.orig < run.copy.0)
                    .min_by_key(|p| (p.orig.abs_diff(expected), p.orig));
                if let Some(&p) = next {
                    run.push(p, &norm);
                    continue;
                }
            }
            runs.extend(current.take());
        }
        current = Some(Run::new(candidates[0], &norm));
    }
    runs.extend(current);
    extend_runs(&mut runs, &norm);
    let mut merged: Vec<Run> = Vec::with_capacity(runs.len());
    for mut run in runs {
        run.pairs.sort_unstable_by_key(|p| p.copy);
        match merged.last_mut() {
            // Two runs that meet on both sides (after growing) are one.
            Some(prev)
                if prev.copy.1 + 1 == run.copy.0
                    && prev.orig.1 + 1 == run.orig.0
                    && run.orig.1 < prev.copy.0 =>
            {
                prev.copy.1 = run.copy.1;
                prev.orig.1 = run.orig.1;
                prev.pairs.append(&mut run.pairs);
                prev.weighted += run.weighted;
                prev.weight += run.weight;
            }
            _ => merged.push(run),
        }
    }
    merged
}

/// Grow each run outwards over units exactly equal to their counterparts,
/// without overlapping the neighbouring runs or letting the original reach the copy.
fn extend_runs(runs: &mut [Run], norm: &Normalized) {
    let n = norm.units.len();
    for k in 0..runs.len() {
        let floor = if k == 0 { 0 } else { runs[k - 1].copy.1 + 1 };
        let ceil = runs.get(k + 1).map_or(n, |r| r.copy.0);
        let run = &mut runs[k];
        let same = |a: usize, b: usize| norm.chars(a) > 0 && norm.text(a) == norm.text(b);
        while run.copy.0 > floor
            && run.orig.0 > 0
            && run.copy.0 - 1 > run.orig.1
            && same(run.copy.0 - 1, run.orig.0 - 1)
        {
            run.copy.0 -= 1;
            run.orig.0 -= 1;
            let p = Pair {
                copy: run.copy.0,
                orig: run.orig.0,
                similarity: 1.0,
            };
            run.add(p, norm);
        }
        while run.copy.1 + 1 < ceil
            && run.orig.1 + 1 < run.copy.0
            && same(run.copy.1 + 1, run.orig.1 + 1)
        {
            let p = Pair {
                copy: run.copy.1 + 1,
                orig: run.orig.1 + 1,
                similarity: 1.0,
            };
            run.push(p, norm);
        }
    }
}

/// For each unit (in order) that repeats earlier ones, its candidate originals,
/// best first: exact copies (first occurrence first), else verified near ones.
fn find_matches(norm: &Normalized, params: &Params) -> Vec<(usize, Vec<Pair>)> {
    let mut out = Vec::new();
    let mut exact: FxHashMap<&str, Slots<MAX_OCCURRENCES>> = FxHashMap::default();
    let near = params.similarity < 1.0;
    let mut buckets: FxHashMap<u64, Slots<BUCKET_CAP>> = FxHashMap::default();
    let mut signatures: FxHashMap<u32, Signature> = FxHashMap::default();
    let mut chars: Vec<char> = Vec::new();
    let mut other: Vec<char> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut scored: Vec<(usize, usize)> = Vec::new();
    let mut long_diff_time = Duration::ZERO;
    for j in 0..norm.units.len() {
        let unit = norm.units[j];
        if !unit.anchor(params.min_chars) {
            continue;
        }
        let t = norm.text(j);
        if let Some(slots) = exact.get_mut(t) {
            let pairs = slots
                .iter()
                .map(|orig| Pair {
                    copy: j,
                    orig,
                    similarity: 1.0,
                })
                .collect();
            slots.push(j);
            out.push((j, pairs));
            continue;
        }
        exact.insert(t, Slots::one(j));
        if !near || !unit.long(params.min_chars) {
            continue;
        }
        chars.clear();
        chars.extend(t.chars());
        let sig = signature(&chars);
        let keys: [u64; BANDS] = std::array::from_fn(|b| {
            let band = ((sig[b * ROWS] as u64) << 32) | sig[b * ROWS + 1] as u64;
            splitmix(band ^ splitmix(b as u64))
        });
        candidates.clear();
        for key in &keys {
            if let Some(slots) = buckets.get(key) {
                candidates.extend(slots.iter());
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        scored.clear();
        for &i in &candidates {
            let agree = signatures[&(i as u32)]
                .iter()
                .zip(&sig)
                .filter(|(a, b)| a == b)
                .count();
            if agree >= MIN_AGREEMENT {
                scored.push((i, agree));
            }
        }
        scored.sort_unstable_by_key(|&(i, agree)| (std::cmp::Reverse(agree), i));
        let verified = scored.iter().take(MAX_VERIFY).find_map(|&(i, _)| {
            let (a, b) = (norm.chars(i), chars.len());
            if !norm.units[i].long(params.min_chars)
                || (2 * a.min(b)) as f64 / ((a + b) as f64) < params.similarity
            {
                return None;
            }
            let long_diff = a + b > LONG_DIFF;
            if long_diff && long_diff_time >= LONG_DIFF_BUDGET {
                return None;
            }
            other.clear();
            other.extend(norm.text(i).chars());
            let started = long_diff.then(Instant::now);
            let (r, numbers) = compare(&other, &chars);
            if let Some(t) = started {
                long_diff_time += t.elapsed();
            }
            (r >= params.similarity && numbers <= MAX_CHANGED_NUMBERS).then_some(Pair {
                copy: j,
                orig: i,
                similarity: r,
            })
        });
        if let Some(p) = verified {
            out.push((j, vec![p]));
        }
        signatures.insert(j as u32, sig);
        for key in keys {
            buckets
                .entry(key)
                .and_modify(|s| s.push(j))
                .or_insert_with(|| Slots::one(j));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Describing a near duplicate

/// Characters of unchanged context shown around each difference.
const DIFF_CONTEXT: usize = 8;
/// At most this many characters of one deleted or inserted piece are shown.
const DIFF_PIECE: usize = 24;
/// At most this many groups of differences are shown.
const DIFF_GROUPS: usize = 3;

fn clip(chars: &[char], max: usize, out: &mut String) {
    if chars.len() <= max {
        out.extend(chars);
    } else {
        out.extend(&chars[..max]);
        out.push('…');
    }
}

/// The characters of `s` that count, plus one space where white space separates
/// two ASCII characters (English words, figures in a row).
fn visible(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if normalize_char(c).is_none() {
            space = true;
            continue;
        }
        if space && c.is_ascii_graphic() && out.last().is_some_and(char::is_ascii_graphic) {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Token boundaries for the displayed diff: a number (digits with inner `.` and
/// `,`) is one token, so a changed number shows whole; any other character is
/// a token of its own.
fn tokens(chars: &[char]) -> Vec<(usize, usize)> {
    let digit = |c: Option<&char>| {
        c.and_then(|&c| normalize_char(c))
            .is_some_and(|c| c.is_ascii_digit())
    };
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        i += 1;
        if digit(chars.get(start)) {
            while digit(chars.get(i))
                || (matches!(
                    chars.get(i).and_then(|&c| normalize_char(c)),
                    Some('.' | ',')
                ) && digit(chars.get(i + 1)))
            {
                i += 1;
            }
        }
        out.push((start, i));
    }
    out
}

/// A short inline diff from `orig` to `copy`: `[-deleted-]{+inserted+}` with a
/// little context around the first few differences.
///
/// Characters are compared in their normalized form and white space is left
/// out, so only differences that count for the similarity are shown.
fn describe_diff(orig: &str, copy: &str) -> String {
    let (a, b) = (visible(orig), visible(copy));
    let (ta, tb) = (tokens(&a), tokens(&b));
    let key = |chars: &[char], &(s, e): &(usize, usize)| -> String {
        chars[s..e]
            .iter()
            .map(|&c| {
                if c == ' ' {
                    ' '
                } else {
                    normalize_char(c).unwrap_or(c)
                }
            })
            .collect()
    };
    let (ka, kb): (Vec<String>, Vec<String>) = (
        ta.iter().map(|t| key(&a, t)).collect(),
        tb.iter().map(|t| key(&b, t)).collect(),
    );
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ka, &kb, deadline(a.len() + b.len()));
    let groups = group_diff_ops(ops, DIFF_CONTEXT);
    if groups.is_empty() {
        return String::new();
    }
    // Characters of a range of tokens.
    let span = |t: &[(usize, usize)], r: std::ops::Range<usize>| {
        if r.is_empty() {
            0..0
        } else {
            t[r.start].0..t[r.end - 1].1
        }
    };
    let mut s = String::from("与原文的差异：");
    for group in groups.iter().take(DIFF_GROUPS) {
        if group.first().is_some_and(|op| op.old_range().start > 0) {
            s.push('…');
        }
        for op in group {
            let (old, new) = (span(&ta, op.old_range()), span(&tb, op.new_range()));
            if let DiffOp::Equal { .. } = op {
                let eq = &a[old];
                if eq.len() > 2 * DIFF_CONTEXT {
                    s.extend(&eq[..DIFF_CONTEXT]);
                    s.push('…');
                    s.extend(&eq[eq.len() - DIFF_CONTEXT..]);
                } else {
                    s.extend(eq);
                }
                continue;
            }
            if !old.is_empty() {
                s.push_str("[-");
                clip(&a[old], DIFF_PIECE, &mut s);
                s.push_str("-]");
            }
            if !new.is_empty() {
                s.push_str("{+");
                clip(&b[new], DIFF_PIECE, &mut s);
                s.push_str("+}");
            }
        }
        if group.last().is_some_and(|op| op.old_range().end < ta.len()) {
            s.push('…');
        }
    }
    if groups.len() > DIFF_GROUPS {
        s.push_str(&format!("（另有{}处差异）", groups.len() - DIFF_GROUPS));
    }
    s.push_str("（[-…-]为原文，{+…+}为此处）");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_unifies_width_and_drops_space() {
        let text = "增长 7.9%，总额（亿元）。\u{3000}\n增长7.9%,总额(亿元).";
        let spans = [
            Span::new(0, text.find('\n').unwrap()),
            Span::new(text.find('\n').unwrap() + 1, text.len()),
        ];
        let n = Normalized::new(text, &spans, |_| false, &Notes::new(&[]));
        assert_eq!(n.text(0), n.text(1));
    }

    #[test]
    fn diff_ignores_white_space_and_keeps_english_words_apart() {
        let d = describe_diff(
            "For  residential properties, the rate is 5% up to $1 million.",
            "For residential properties, the rate is 4% up to $1 million.",
        );
        assert!(d.contains("rate is [-5-]{+4+}% up"), "{d}");
        let d = describe_diff("全年 增长7.9%，好", "全年增长8.1%，好");
        assert!(d.contains("增长[-7.9-]{+8.1+}%"), "{d}");
    }

    #[test]
    fn numbers_changed() {
        let chars = |s: &str| -> Vec<char> { s.chars().collect() };
        let (r, n) = compare(
            &chars("收入62.3亿元,增长5.8%"),
            &chars("收入64.5亿元,增长3.5%"),
        );
        assert_eq!(n, 2);
        assert!(r < 1.0);
        assert_eq!(compare(&chars("一般债务限额"), &chars("专项债务限额")).1, 0);
    }

    #[test]
    fn diff_shows_changed_number() {
        let d = describe_diff(
            "全年实现地区生产总值372亿元，同比增长7.9%，财政总收入55.5亿元。",
            "全年实现地区生产总值415亿元，同比增长7.9%，财政总收入55.5亿元。",
        );
        assert!(d.contains("[-372-]{+415+}"), "{d}");
    }
}
