//! Words around an accepted claim that qualify it: approximation (约, 左右, 余),
//! comparison (超过, 不足, 以上) and the direction of a stated change (同比增长,
//! 比上年末减少). All look-behinds stop at the previous claim (`floor`) and at a
//! fixed number of characters; the words are data in `rules/claim-words.yaml`.

use super::parse::Ctx;
use super::text::*;
use super::words::{Qualifier, starts_with_any};
use super::{Claim, ClaimKind, Direction};
use crate::span::Cut;

/// How far back direction words are looked for.
const DIRECTION_LOOKBACK_CHARS: usize = 12;

/// How a vague word before a magnitude reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Vague {
    /// 几 / 数: 2 … 9 times the magnitude (数十 = 20-90).
    Several,
    /// 上: the magnitude or more (上千 = 1000+).
    Upwards,
}

impl Ctx<'_> {
    /// 几, 数 or 上 right before `start` (and after the previous claim), not the end
    /// of another word (人数, 迈上).
    pub(super) fn vague_word(&self, start: usize) -> Option<(&str, Vague)> {
        let before = self.text.cut(self.floor.min(start)..start);
        let w = self.words;
        for (list, reading) in [
            (&w.vague_before, Vague::Several),
            (&w.upwards_before, Vague::Upwards),
        ] {
            if let Some(q) = list.iter().find(|q| before.ends_with(q.word.as_str()))
                && !q.blocked_by(before.cut(..before.len() - q.word.len()))
            {
                return Some((q.word.as_str(), reading));
            }
        }
        None
    }

    /// The approximation or comparison word right before `start` (约, 近, 超过 …),
    /// unless it ends another word or does not qualify a duration.
    pub(super) fn qualifier_before(&self, start: usize, time_unit: bool) -> Option<&Qualifier> {
        let before = self.text.cut(self.floor.min(start)..start);
        let w = self.words;
        // The longest word that ends `before` wins: 不超过 over 超过 over 超.
        let q = w
            .approx_before
            .iter()
            .chain(w.compare_before.iter())
            .filter(|q| before.ends_with(q.word.as_str()))
            .max_by_key(|q| q.word.len())?;
        let head = before.cut(..before.len() - q.word.len());
        let blocked = q.blocked_by(head) || (q.not_before_time && time_unit);
        (!blocked).then_some(q)
    }

    /// 左右, 以上, 上下, 以下, 以内 after the claim; 多 / 余 after a duration (3年多) or
    /// a multiple (3倍多).
    pub(super) fn add_suffix_approx(&self, claim: &mut Claim) {
        let rest = self.text.cut(claim.span.end..);
        let w = self.words;
        let found = w
            .approx_after
            .iter()
            .chain(w.compare_after.iter())
            .find(|q| rest.starts_with(q.word.as_str()));
        if let Some(q) = found {
            let after = rest.cut(q.word.len()..);
            // 上下游, 上下班: 上下 followed by a word (other than 的) is not approx.
            if q.not_before_word
                && let Some(n) = after.chars().next()
                && is_cjk_ideograph(n)
                && n != '的'
            {
                return;
            }
            claim.span.end += q.word.len();
            if claim.approx.is_none() {
                claim.approx = Some(q.word.clone());
                claim.bound = q.bound;
            }
            return;
        }
        let open_ended =
            claim.dimension.as_deref() == Some("time") || claim.kind == ClaimKind::Multiple;
        if open_ended
            && claim.approx.is_none()
            && let Some(word) = starts_with_any(&w.approx_after_open_ended, rest)
        {
            claim.span.end += word.len();
            claim.approx = Some(word.to_string());
        }
    }

    /// 约, 近, 超过, 逾 ... right before the number (and the minus sign of 增长-2.3%).
    pub(super) fn add_prefix_approx(&self, claim: &mut Claim, time_unit: bool) {
        let text = self.text;
        let mut start = claim.span.start;
        // A minus sign: 增长-2.3%, but not 40-69 or COVID-19 (handled before).
        if let Some(m) = prev_char(text, start).filter(|&c| matches!(c, '-' | '－' | '−')) {
            let before = prev_char(text, start - m.len_utf8());
            let sign_ok = start - m.len_utf8() >= self.floor
                && claim.number.starts_with(|c: char| is_digit(c))
                && !before.is_some_and(|b| {
                    is_ascii_word(b)
                        || is_digit(b)
                        || is_dash(b)
                        || matches!(b, '%' | '％' | '.' | ')' | '）')
                });
            if sign_ok && !super::filters::dash_after(text, claim.span.end) {
                start -= m.len_utf8();
                claim.span.start = start;
                claim.number_span.start = start;
                claim.number = format!("-{}", claim.number);
                claim.scalar = -claim.scalar;
                claim.value = -claim.value;
                claim.range_end = claim.range_end.map(|v| -v);
            }
        }
        let w = self.words;
        // A sign in words: 增长负3.2%, 零下5℃.
        if !claim.number.starts_with('-') {
            let before = text.cut(self.floor.min(start)..start);
            if let Some(q) = w
                .negative_before
                .iter()
                .find(|q| before.ends_with(q.word.as_str()))
                && !q.blocked_by(before.cut(..before.len() - q.word.len()))
            {
                start -= q.word.len();
                claim.span.start = start;
                claim.number_span.start = start;
                claim.number = format!("{}{}", q.word, claim.number);
                claim.scalar = -claim.scalar;
                claim.value = -claim.value;
                claim.range_end = claim.range_end.map(|v| -v);
            }
        }
        if let Some(q) = self.qualifier_before(start, time_unit) {
            claim.span.start = start - q.word.len();
            claim.approx = Some(q.word.clone());
            claim.bound = q.bound;
        }
    }

    pub(super) fn add_direction(&self, claim: &mut Claim) {
        let text = self.text;
        let start = claim.span.start;
        let wstart = window_start(text, start, DIRECTION_LOOKBACK_CHARS, self.floor);
        let mut window = text.cut(wstart..start);
        if let Some(i) = window.rfind(is_sentence_end) {
            let c = char_at(window, i);
            window = window.cut(i + c.len_utf8()..);
        }
        let dw = &self.words.direction;
        if let Some(caps) = self.words.direction_regex().captures(window) {
            let m = caps.name("word");
            let word = m.map(|m| m.as_str().to_string());
            // A one-character verb that ends another word: 起降, 升降, 加减, 增减.
            if let Some(m) = m.filter(|m| m.as_str().chars().count() == 1) {
                let before = window.cut(..m.start());
                if dw
                    .single_char_not_after
                    .iter()
                    .any(|w| before.ends_with(w.as_str()))
                {
                    return;
                }
            }
            let dir = if caps.name("inc").is_some() || caps.name("inc2").is_some() {
                Direction::Increase
            } else {
                Direction::Decrease
            };
            claim.direction = Some(dir);
            claim.direction_word = word;
            return;
        }
        // 分别增长5.2%和3.1%: the second inherits the first's direction.
        if let Some(prev) = self.prev
            && prev.direction.is_some()
            && prev.kind == claim.kind
            && prev.span.end <= start
        {
            let gap = text.cut(prev.span.end..start).trim();
            if dw.inherit_after.iter().any(|w| w == gap) {
                claim.direction = prev.direction;
                claim.direction_word = prev.direction_word.clone();
            }
        }
    }
}
